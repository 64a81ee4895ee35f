/*
 * guest-loop.c - a libportos consumer: the main loop of a tiny "emulator"
 *
 * A guest runs as a coroutine over guest RAM: each time the main loop
 * enters it, it executes one time slice (here: it fills the next page of
 * RAM) and yields. Between slices the main loop forwards keys from the
 * terminal (raw mode when stdin is one) and waits for a shutdown request,
 * which Ctrl-C, SIGTERM or a console close make. Built against an
 * installed libportos through pkg-config on posix, wasm and win32
 * (docs/libportos.md, "Building against libportos").
 *
 *   guest-loop [SLICES]   SLICES > 0: raise SIGTERM after that many slices
 *
 * Prints one summary line; exits 0 on a clean shutdown, 1 on an error.
 */
#include <portos/portos.h>

#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#define RAM_SIZE (4u << 20)
#define SLICE_BYTES 4096u

typedef struct {
    uint8_t *ram;
    size_t pc;       /* next byte of RAM the guest writes */
    uint32_t sum;    /* what the guest has written, for the summary */
    unsigned slices;
} Guest;

static void guest_main(void *opaque)
{
    Guest *g = opaque;

    for (;;) {
        for (unsigned i = 0; i < SLICE_BYTES; i++) {
            uint8_t v = (uint8_t)(g->pc * 7 + g->slices);

            g->ram[g->pc] = v;
            g->sum += v;
            g->pc = (g->pc + 1) % RAM_SIZE;
        }
        g->slices++;
        portos_coroutine_yield();
    }
}

static int fail(const char *what, int err)
{
    fprintf(stderr, "guest-loop: %s: %s\n", what, portos_strerror(err));
    return 1;
}

int main(int argc, char **argv)
{
    long stop_after = argc > 1 ? strtol(argv[1], NULL, 10) : 0;
    Guest g = { 0 };
    PortosCoroutine *co;
    bool raw = false;
    int err, sig = 0;

    err = portos_ram_alloc((void **)&g.ram, RAM_SIZE, 1u << 16);
    if (err < 0) {
        return fail("guest RAM", err);
    }
    err = portos_shutdown_init();
    if (err < 0) {
        return fail("signal handlers", err);
    }
    if (portos_term_isatty(0)) {
        err = portos_term_raw(0);
        /* wasm in a browser has no terminal to switch: keep going. */
        raw = err == 0;
        if (err < 0 && err != PORTOS_ENOTSUP) {
            return fail("raw terminal", err);
        }
    }
    err = portos_coroutine_create(&co, guest_main, &g);
    if (err < 0) {
        return fail("guest coroutine", err);
    }

    while (!sig) {
        char keys[64];
        int64_t n;

        portos_coroutine_enter(co);
        n = portos_term_read(0, keys, sizeof(keys));
        if (n > 0 && raw && keys[0] == 'q') {
            portos_shutdown_request(PORTOS_SIGINT);
        }
        if (stop_after > 0 && g.slices == (unsigned long)stop_after) {
            raise(SIGTERM); /* as if someone sent it: the real signal path */
        }
        sig = portos_shutdown_wait(1000 * 1000);
        if (sig < 0) {
            return fail("waiting for shutdown", sig);
        }
    }

    if (raw) {
        portos_term_restore();
    }
    portos_shutdown_fini();
    /* %lu, not %zu: MinGW's default printf predates C99. */
    printf("guest-loop: signal %d after %u slices, %lu KiB of guest RAM "
           "written, checksum %08x\n",
           sig, g.slices, (unsigned long)g.slices * SLICE_BYTES / 1024, (unsigned)g.sum);
    /* The coroutine is suspended in a yield: the process exit frees it. */
    portos_ram_free(g.ram, RAM_SIZE);
    return sig == PORTOS_SIGTERM || sig == PORTOS_SIGINT || sig == PORTOS_SIGHUP ? 0 : 1;
}
