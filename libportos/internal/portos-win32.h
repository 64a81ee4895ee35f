/*
 * portos-win32.h - helpers every win32 backend shares (internal)
 *
 * Windows error codes become libportos codes in one place
 * (error/error-win32.c), and C runtime descriptors become handles without
 * the runtime's invalid-parameter handler. Backends include this as
 * "portos-win32.h" (libportos/internal is on the include path).
 */
#ifndef PORTOS_WIN32_H
#define PORTOS_WIN32_H

#include <portos/error.h>

#include <windows.h>

/* @err (a GetLastError() value) as a PORTOS_E* code; PORTOS_EIO if unknown. */
int portos__winerror(DWORD err);

/* GetLastError() as a PORTOS_E* code. */
static inline int portos__last_winerror(void)
{
    return portos__winerror(GetLastError());
}

/*
 * The Windows handle behind C runtime descriptor @fd, or
 * INVALID_HANDLE_VALUE (without invoking the CRT's invalid-parameter
 * handler, which may abort on a bad descriptor).
 */
HANDLE portos__fd_handle(int fd);

#endif
