/*
 * error-posix.c - error texts from the C library
 */
#include "error-int.h"

#include <string.h>

const char *portos__error_message(int err)
{
    return strerror(-err);
}
