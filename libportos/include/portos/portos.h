/*
 * portos/portos.h - all of libportos in one include
 *
 * Brings in every module's header: error codes (PORTOS_E*), coroutines,
 * host memory for guest RAM, stacks and code, the instruction-cache flush,
 * block-device sizes, positional file I/O and range copies, shutdown on
 * signals (PORTOS_SIG*), the raw terminal, and clocks and OS facts.
 * portos/glib-compat.h is the one exception: it needs GLib's headers, so a
 * program that uses GLib includes it itself.
 *
 * Build against the installed library with pkg-config (libportos.pc);
 * docs/libportos.md says how for each backend.
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
#include <portos/random.h>
#include <portos/socket.h>

#endif
