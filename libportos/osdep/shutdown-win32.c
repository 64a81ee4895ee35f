/*
 * shutdown-win32.c - console events and signals become a shutdown request
 *
 * Ctrl-C, Ctrl-Break and closing the console window arrive through
 * SetConsoleCtrlHandler, on a thread the system creates; raise(SIGINT) and
 * raise(SIGTERM) arrive through the C runtime's signal(). Both record the
 * request and set a manual-reset event that portos_shutdown_wait() waits
 * on. Windows has no descriptor to poll, so portos_shutdown_fd() is
 * -ENOTSUP, and no SIGPIPE: a write to a closed pipe just fails
 * (ERROR_NO_DATA, -EPIPE in libportos), it never stops the process.
 */
#include "winerror-win32.h"

#include <portos/error.h>
#include <portos/shutdown.h>

#include <signal.h>
#include <stdatomic.h>
#include <stdbool.h>

/* Windows ends the process at most 5 s after a close event is handled. */
#define CLOSE_GRACE_MS 4500

typedef void (*SignalHandler)(int);

static SignalHandler saved_int, saved_term;
static HANDLE wake_event;
static atomic_bool installed;
static atomic_int requested;

void portos_shutdown_request(int signo)
{
    int expected = 0;
    HANDLE ev = wake_event;

    atomic_compare_exchange_strong(&requested, &expected, signo);
    if (ev) {
        SetEvent(ev);
    }
}

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
        portos_shutdown_request(SIGINT);
        return TRUE;
    case CTRL_BREAK_EVENT:
        portos_shutdown_request(SIGTERM);
        return TRUE;
    case CTRL_CLOSE_EVENT:
        portos_shutdown_request(SIGHUP);
        /* Returning ends the process: leave the main loop time to finish. */
        for (int ms = 0; ms < CLOSE_GRACE_MS && atomic_load(&installed); ms += 50) {
            Sleep(50);
        }
        return TRUE;
    default:
        /* Log-off and system shutdown reach services only. */
        return FALSE;
    }
}

int portos_shutdown_init(void)
{
    if (atomic_load(&installed)) {
        return -EBUSY;
    }
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
    atomic_store(&installed, true);
    return 0;
}

void portos_shutdown_fini(void)
{
    HANDLE ev = wake_event;

    if (!atomic_load(&installed)) {
        return;
    }
    signal(SIGINT, saved_int == SIG_ERR ? SIG_DFL : saved_int);
    signal(SIGTERM, saved_term == SIG_ERR ? SIG_DFL : saved_term);
    SetConsoleCtrlHandler(on_console_event, FALSE);
    atomic_store(&installed, false);
    wake_event = NULL;
    CloseHandle(ev);
}

int portos_shutdown_requested(void)
{
    return atomic_load(&requested);
}

void portos_shutdown_reset(void)
{
    atomic_store(&requested, 0);
    if (wake_event) {
        ResetEvent(wake_event);
    }
}

int portos_shutdown_fd(void)
{
    return atomic_load(&installed) ? -ENOTSUP : -EINVAL;
}

int portos_shutdown_wait(int64_t timeout_ns)
{
    DWORD ms;

    if (!atomic_load(&installed)) {
        return -EINVAL;
    }
    if (timeout_ns < 0) {
        ms = INFINITE;
    } else {
        int64_t want = (timeout_ns + 999999) / 1000000;
        ms = want >= INFINITE ? INFINITE - 1 : (DWORD)want;
    }
    while (!portos_shutdown_requested()) {
        DWORD r = WaitForSingleObject(wake_event, ms);

        if (r == WAIT_TIMEOUT) {
            return 0;
        }
        if (r != WAIT_OBJECT_0) {
            return portos__last_winerror();
        }
        /* Set by a request that reset() already forgot: wait again. */
        if (!portos_shutdown_requested()) {
            ResetEvent(wake_event);
        }
    }
    ResetEvent(wake_event);
    return portos_shutdown_requested();
}
