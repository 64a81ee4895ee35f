/*
 * cacheflush-int.h - what a cacheflush backend provides to cacheflush.c
 */
#ifndef PORTOS_CACHEFLUSH_INT_H
#define PORTOS_CACHEFLUSH_INT_H

#include <portos/cacheflush.h>

#include <stddef.h>

/* Publish @len > 0 bytes written through @rw for execution at @rx. */
int portos__cacheflush(const void *rx, const void *rw, size_t len);

#endif
