/*
 * error-int.h - what an error backend provides to error.c
 *
 * error.c names the codes a C library may have no text for; a backend
 * asks the C library for the rest. The win32 backend also translates
 * Windows error codes (declared in internal/portos-win32.h).
 */
#ifndef PORTOS_ERROR_INT_H
#define PORTOS_ERROR_INT_H

#include <portos/error.h>

/* The C library's text for -@err (@err < 0); never NULL. */
const char *portos__error_message(int err);

#endif
