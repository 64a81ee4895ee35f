/*
 * error.c - messages for libportos error codes, shared by all backends
 */
#include "error-int.h"

const char *portos_strerror(int err)
{
    if (err >= 0) {
        return "Success";
    }
    /* Our own values where the C library has no name, and no text. */
    switch (err) {
    case PORTOS_ENOTSUP:
        return "Operation not supported";
    case PORTOS_ELOOP:
        return "Too many levels of symbolic links";
    case PORTOS_ETIMEDOUT:
        return "Connection timed out";
    case PORTOS_ENOBUFS:
        return "No buffer space available";
    case PORTOS_ECANCELED:
        return "Operation canceled";
    case PORTOS_EADDRINUSE:
        return "Address already in use";
    case PORTOS_ECONNREFUSED:
        return "Connection refused";
    default:
        return portos__error_message(err);
    }
}
