/*
 * portos/portos.h - all of libportos (except glib-compat.h, which needs GLib)
 */
#ifndef PORTOS_PORTOS_H
#define PORTOS_PORTOS_H

#include <portos/error.h>
#include <portos/coroutine.h>
#include <portos/memory.h>
#include <portos/cacheflush.h>
#include <portos/blockdev.h>
#include <portos/file.h>
#include <portos/shutdown.h>
#include <portos/terminal.h>
#include <portos/osinfo.h>

#endif
