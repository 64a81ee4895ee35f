/*
 * shutdown-unix.c - the signal handlers, shared by the posix and wasm
 * backends (Emscripten keeps a table of sigaction() handlers in-process)
 */
#define _GNU_SOURCE
#include "shutdown-int.h"

#include <errno.h>
#include <signal.h>

static const int shutdown_signals[] = { SIGINT, SIGTERM, SIGHUP };
#define NSIG_HANDLED (sizeof(shutdown_signals) / sizeof(shutdown_signals[0]))

static struct sigaction saved[NSIG_HANDLED];
static struct sigaction saved_pipe;

static void on_signal(int signo)
{
    portos_shutdown_request(signo);
}

int portos__shutdown_signals_install(void)
{
    struct sigaction sa = { 0 };
    struct sigaction ign = { 0 };

    sa.sa_handler = on_signal;
    /*
     * No SA_RESTART: a call blocked when the signal comes (a write to a
     * pipe nobody reads) fails with EINTR instead of blocking again, so its
     * caller gets to look at the request. libportos's own calls retry
     * EINTR where they must finish (file I/O) and give up on a request
     * where they need not (portos_term_write).
     */
    sa.sa_flags = 0;
    sigemptyset(&sa.sa_mask);
    for (size_t i = 0; i < NSIG_HANDLED; i++) {
        if (sigaction(shutdown_signals[i], &sa, &saved[i]) < 0) {
            int err = -errno;
            while (i--) {
                sigaction(shutdown_signals[i], &saved[i], NULL);
            }
            return err;
        }
    }
    /* Writes to a closed pipe or socket should fail with EPIPE, not kill us. */
    ign.sa_handler = SIG_IGN;
    sigemptyset(&ign.sa_mask);
    sigaction(SIGPIPE, &ign, &saved_pipe);
    return 0;
}

void portos__shutdown_signals_uninstall(void)
{
    for (size_t i = 0; i < NSIG_HANDLED; i++) {
        sigaction(shutdown_signals[i], &saved[i], NULL);
    }
    sigaction(SIGPIPE, &saved_pipe, NULL);
}
