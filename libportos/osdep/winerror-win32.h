/*
 * winerror-win32.h - Windows error codes as negative errno values
 *
 * Every win32 backend file reports failures through these two helpers, so
 * the mapping lives in one place (winerror-win32.c).
 */
#ifndef PORTOS_WINERROR_WIN32_H
#define PORTOS_WINERROR_WIN32_H

#include <windows.h>

/* @err (a GetLastError() value) as a negative errno; -EIO when unknown. */
int portos__winerror(DWORD err);

/* GetLastError() as a negative errno. */
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
