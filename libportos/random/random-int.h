/*
 * random-int.h - what a random backend provides to random.c
 */
#ifndef PORTOS_RANDOM_INT_H
#define PORTOS_RANDOM_INT_H

#include <portos/random.h>

#include <stddef.h>

/*
 * Fill up to @len > 0 bytes of @buf from the OS's random source, as much
 * as one OS call gives. Returns the number of bytes written (> 0), or a
 * negative PORTOS_E* code; PORTOS_EINTR means "call again".
 */
long portos__random_fill(void *buf, size_t len);

#endif
