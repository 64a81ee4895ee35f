/*
 * shutdown-win32.c - console events and signals become a shutdown request
 *
 * Ctrl-C, Ctrl-Break and closing the console window arrive through
 * SetConsoleCtrlHandler, on a thread the system creates; raise(SIGINT) and
 * raise(SIGTERM) arrive through the C runtime's signal(). Both record the
 * request and set a manual-reset event that the waiter waits on. Windows
 * has no descriptor to poll, so portos_shutdown_fd() is PORTOS_ENOTSUP,
 * and no SIGPIPE: a write to a closed pipe just fails (ERROR_NO_DATA,
 * PORTOS_EPIPE in libportos), it never stops the process.
 */
#include "shutdown-int.h"

#include "portos-win32.h"

#include <signal.h>
#include <stdatomic.h>
#include <stdbool.h>

/* Windows ends the process at most 5 s after a close event is handled. */
#define CLOSE_GRACE_MS 4500

typedef void (*SignalHandler)(int);

static SignalHandler saved_int, saved_term;
static HANDLE wake_event;
/* Read by the console handler's thread while it delays a close. */
static atomic_bool handler_active;

static void on_signal(int signo)
{
    /* The C runtime resets the handler before calling it (System V style). */
    signal(signo, on_signal);
    portos_shutdown_request(signo);
}

static BOOL WINAPI on_console_event(DWORD type)
{
    switch (type) {
    case CTRL_C_EVENT:
        portos_shutdown_request(PORTOS_SIGINT);
        return TRUE;
    case CTRL_BREAK_EVENT:
        portos_shutdown_request(PORTOS_SIGTERM);
        return TRUE;
    case CTRL_CLOSE_EVENT:
        portos_shutdown_request(PORTOS_SIGHUP);
        /* Returning ends the process: leave the main loop time to finish. */
        for (int ms = 0; ms < CLOSE_GRACE_MS && atomic_load(&handler_active); ms += 50) {
            Sleep(50);
        }
        return TRUE;
    default:
        /* Log-off and system shutdown reach services only. */
        return FALSE;
    }
}

int portos__shutdown_install(void)
{
    wake_event = CreateEventW(NULL, TRUE, FALSE, NULL);
    if (!wake_event) {
        return portos__last_winerror();
    }
    if (!SetConsoleCtrlHandler(on_console_event, TRUE)) {
        int err = portos__last_winerror();
        CloseHandle(wake_event);
        wake_event = NULL;
        return err;
    }
    saved_int = signal(SIGINT, on_signal);
    saved_term = signal(SIGTERM, on_signal);
    atomic_store(&handler_active, true);
    return 0;
}

void portos__shutdown_uninstall(void)
{
    HANDLE ev = wake_event;

    signal(SIGINT, saved_int == SIG_ERR ? SIG_DFL : saved_int);
    signal(SIGTERM, saved_term == SIG_ERR ? SIG_DFL : saved_term);
    SetConsoleCtrlHandler(on_console_event, FALSE);
    atomic_store(&handler_active, false);
    wake_event = NULL;
    CloseHandle(ev);
}

void portos__shutdown_wake(void)
{
    HANDLE ev = wake_event;

    if (ev) {
        SetEvent(ev);
    }
}

void portos__shutdown_clear(void)
{
    if (wake_event) {
        ResetEvent(wake_event);
    }
}

int portos__shutdown_fd(void)
{
    return PORTOS_ENOTSUP;
}

int portos__shutdown_wait(int64_t timeout_ns)
{
    DWORD ms, r;

    if (timeout_ns < 0) {
        ms = INFINITE;
    } else {
        int64_t want = (timeout_ns + 999999) / 1000000;
        ms = want >= INFINITE ? INFINITE - 1 : (DWORD)want;
    }
    r = WaitForSingleObject(wake_event, ms);
    if (r == WAIT_TIMEOUT) {
        return 0;
    }
    if (r != WAIT_OBJECT_0) {
        return portos__last_winerror();
    }
    /* Set by a request that reset already forgot: wait again. */
    if (!portos_shutdown_requested()) {
        ResetEvent(wake_event);
    }
    return 1;
}
