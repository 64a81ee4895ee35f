/*
 * error.c - messages for libportos error codes
 */
#include <portos/error.h>

#include <string.h>

const char *portos_strerror(int err)
{
    if (err >= 0) {
        return "Success";
    }
    if (err == -ENOTSUP) {
        /* Some C libraries have no text for their ENOTSUP. */
        return "Operation not supported";
    }
    return strerror(-err);
}
