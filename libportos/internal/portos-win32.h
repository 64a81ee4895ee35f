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

/*
 * Console modes for VT sequences (Windows 10 1511 on); older MinGW-w64
 * headers lack them. Shared with tests/terminal.
 */
#ifndef ENABLE_VIRTUAL_TERMINAL_INPUT
#define ENABLE_VIRTUAL_TERMINAL_INPUT 0x0200
#endif
#ifndef ENABLE_VIRTUAL_TERMINAL_PROCESSING
#define ENABLE_VIRTUAL_TERMINAL_PROCESSING 0x0004
#endif
#ifndef DISABLE_NEWLINE_AUTO_RETURN
#define DISABLE_NEWLINE_AUTO_RETURN 0x0008
#endif

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
