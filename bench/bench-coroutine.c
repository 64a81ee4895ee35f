/*
 * bench-coroutine.c - ns per coroutine switch: libportos, and in the same
 * run a plain swapcontext() ping-pong (posix), SwitchToFiber() ping-pong
 * (win32) or emscripten_fiber_swap() ping-pong (wasm) for reference
 */
#include <portos/coroutine.h>
#include <portos/osinfo.h>

#include <stdio.h>
#include <stdlib.h>

#ifdef HAVE_SWAPCONTEXT
#include <ucontext.h>
#endif
#ifdef HAVE_FIBERS
#include <windows.h>
#endif
#ifdef HAVE_EMSCRIPTEN_FIBERS
#include <emscripten.h>
#include <emscripten/fiber.h>
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

#ifdef HAVE_FIBERS
static void *main_fiber, *co_fiber;
static volatile long fb_count;

static void CALLBACK fb_fn(void *arg)
{
    (void)arg;
    for (;;) {
        fb_count++;
        SwitchToFiber(main_fiber);
    }
}

/* MinGW's GetCurrentFiber() trips GCC 12's -Warray-bounds (%gs read). */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Warray-bounds"
static void *current_fiber(void)
{
    return GetCurrentFiber();
}
#pragma GCC diagnostic pop

/* Runs after bench_portos(), which made this thread a fiber already. */
static double bench_fibers(void)
{
    int64_t t0, t1;

    main_fiber = current_fiber();
    co_fiber = CreateFiber(256 * 1024, fb_fn, NULL);
    if (!co_fiber) {
        fprintf(stderr, "bench-coroutine: CreateFiber failed\n");
        exit(1);
    }
    SwitchToFiber(co_fiber);
    t0 = portos_clock_monotonic_ns();
    for (long i = 0; i < iterations; i++) {
        SwitchToFiber(co_fiber);
    }
    t1 = portos_clock_monotonic_ns();
    DeleteFiber(co_fiber);
    return (double)(t1 - t0) / (2.0 * iterations);
}
#endif

#ifdef HAVE_EMSCRIPTEN_FIBERS
/* Bare Emscripten fibers: the floor under libportos's wasm backend. */
static emscripten_fiber_t em_main, em_co;
static volatile long em_count;

/*
 * A fiber's first entry leaves Emscripten's keep-alive count raised and
 * the process would never exit; coroutine-wasm.c explains.
 */
EM_JS(void, em_fiber_started, (void), {
    runtimeKeepalivePop();
});

static void em_fn(void *arg)
{
    (void)arg;
    em_fiber_started();
    for (;;) {
        em_count++;
        emscripten_fiber_swap(&em_co, &em_main);
    }
}

static double bench_em_fibers(void)
{
    static char stack[256 * 1024] __attribute__((aligned(16)));
    static char astack_main[64 * 1024], astack_co[64 * 1024];
    int64_t t0, t1;

    emscripten_fiber_init_from_current_context(&em_main, astack_main,
                                               sizeof(astack_main));
    emscripten_fiber_init(&em_co, em_fn, NULL, stack, sizeof(stack),
                          astack_co, sizeof(astack_co));
    emscripten_fiber_swap(&em_main, &em_co);
    t0 = portos_clock_monotonic_ns();
    for (long i = 0; i < iterations; i++) {
        emscripten_fiber_swap(&em_main, &em_co);
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
#elif defined(HAVE_FIBERS)
    {
        double fb_ns = bench_fibers();
        printf("SwitchToFiber switch:    %.1f ns\n", fb_ns);
        printf("ratio SwitchToFiber/portos: %.2fx\n", fb_ns / portos_ns);
    }
#elif defined(HAVE_EMSCRIPTEN_FIBERS)
    {
        double em_ns = bench_em_fibers();
        printf("emscripten_fiber_swap:   %.1f ns\n", em_ns);
        printf("ratio fiber_swap/portos: %.2fx\n", em_ns / portos_ns);
    }
#else
    printf("swapcontext reference: not available on this backend\n");
#endif
    return 0;
}
