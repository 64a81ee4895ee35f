/*
 * bench-coroutine.c - ns per coroutine switch: libportos, and in the same
 * run a plain swapcontext() ping-pong for reference
 */
#include <portos/coroutine.h>
#include <portos/osinfo.h>

#include <stdio.h>
#include <stdlib.h>

#ifdef HAVE_SWAPCONTEXT
#include <ucontext.h>
#endif

static long iterations = 2000000;

static void ping(void *opaque)
{
    volatile long *n = opaque;

    for (;;) {
        (*n)++;
        portos_coroutine_yield();
    }
}

/* One enter + one yield = two switches. */
static double bench_portos(void)
{
    PortosCoroutine *co;
    volatile long n = 0;
    int64_t t0, t1;

    if (portos_coroutine_create(&co, ping, (void *)&n) < 0) {
        fprintf(stderr, "bench-coroutine: cannot create a coroutine\n");
        exit(1);
    }
    portos_coroutine_enter(co); /* warm up */
    t0 = portos_clock_monotonic_ns();
    for (long i = 0; i < iterations; i++) {
        portos_coroutine_enter(co);
    }
    t1 = portos_clock_monotonic_ns();
    /* The coroutine never finishes: it is leaked on purpose at exit. */
    return (double)(t1 - t0) / (2.0 * iterations);
}

#ifdef HAVE_SWAPCONTEXT
static ucontext_t main_uc, co_uc;
static volatile long sc_count;

static void sc_fn(void)
{
    for (;;) {
        sc_count++;
        swapcontext(&co_uc, &main_uc);
    }
}

static double bench_swapcontext(void)
{
    static char stack[256 * 1024];
    int64_t t0, t1;

    getcontext(&co_uc);
    co_uc.uc_stack.ss_sp = stack;
    co_uc.uc_stack.ss_size = sizeof(stack);
    co_uc.uc_link = NULL;
    makecontext(&co_uc, sc_fn, 0);
    swapcontext(&main_uc, &co_uc);
    t0 = portos_clock_monotonic_ns();
    for (long i = 0; i < iterations; i++) {
        swapcontext(&main_uc, &co_uc);
    }
    t1 = portos_clock_monotonic_ns();
    return (double)(t1 - t0) / (2.0 * iterations);
}
#endif

int main(int argc, char **argv)
{
    double portos_ns;

    if (argc > 1) {
        iterations = strtol(argv[1], NULL, 10);
        if (iterations <= 0) {
            fprintf(stderr, "usage: bench-coroutine [ITERATIONS]\n");
            return 2;
        }
    }
    portos_ns = bench_portos();
    printf("portos coroutine switch: %.1f ns (%ld round trips)\n", portos_ns,
           iterations);
#ifdef HAVE_SWAPCONTEXT
    {
        double sc_ns = bench_swapcontext();
        printf("swapcontext switch:      %.1f ns\n", sc_ns);
        printf("ratio swapcontext/portos: %.2fx\n", sc_ns / portos_ns);
    }
#else
    printf("swapcontext reference: not available on this backend\n");
#endif
    return 0;
}
