/*
 * coroutine-wasm.c - coroutines on Emscripten fibers (Asyncify)
 *
 * WebAssembly cannot switch stacks: a fiber switch unwinds the whole wasm
 * call stack of the running context into its Asyncify buffer, back to the
 * JS code that called into wasm, and rewinds the target's. So every
 * coroutine has two stacks: a C stack in linear memory for locals whose
 * address is taken, and an Asyncify stack for the wasm locals saved while
 * it is switched out. Only functions that can be on the stack during a
 * switch need Asyncify's instrumentation (docs/libportos-wasm.md).
 *
 * Emscripten 3.1.6's runtime keeps two pieces of bookkeeping that assume
 * an unwind is a sleep that ends later: a "keep the runtime alive" count
 * taken at each unwind, and the value returned by the rewound main().
 * Both are settled here (fiber_js_*), or a program that used coroutines
 * would never exit (Node) or would exit 0 whatever main() returned.
 *
 * coroutine-fiber.c.inc, included at the end, builds the coroutine
 * contract on these fiber calls (shared with win32).
 */
#include "coroutine-int.h"

#include <portos/memory.h>

#include <emscripten.h>
#include <emscripten/fiber.h>
#include <pthread.h>
#include <stdlib.h>

/*
 * Saved wasm locals of every instrumented frame on a stack. Frames are
 * small (tens of bytes each); this leaves room for deep call chains.
 */
#define ASYNCIFY_STACK_SIZE (64 * 1024)

typedef struct {
    emscripten_fiber_t fiber;
    void *stack;            /* C stack, lowest byte; NULL for the leader */
    size_t stack_size;
    void *asyncify_stack;
} FiberWasm;

static _Thread_local FiberWasm thread_fiber;  /* the leader's */
static pthread_key_t leader_key;
static pthread_once_t leader_key_once = PTHREAD_ONCE_INIT;

/*
 * A fiber's first entry is a plain call from the runtime, not a rewind,
 * so it does not give back the keep-alive count the unwind of the context
 * that entered it took. Give it back here: the count then stays level.
 */
EM_JS(void, fiber_js_started, (void), {
    runtimeKeepalivePop();
});

/*
 * Once per JS runtime (main thread and each worker). When main() has
 * switched fibers, its real return happens in a rewind that the fiber
 * trampoline runs and whose value it drops; the caller of main() only
 * sees the value of the first, unwound return. Exit with the real one.
 */
EM_JS(void, fiber_js_hook_main_return, (void), {
    if (ENVIRONMENT_IS_PTHREAD || Asyncify.portosHooked) {
        return;
    }
    Asyncify.portosHooked = true;
    var doRewind = Asyncify.doRewind;
    Asyncify.doRewind = function(ptr) {
        var name = Asyncify.callStackIdToName[HEAP32[(ptr + 8) >> 2]];
        var ret = doRewind(ptr);
        /* No next fiber: main returned instead of switching away again. */
        if (name === 'main' && !Fibers.nextFiber && !ABORT) {
            exit(ret, true);
        }
        return ret;
    };
});

static void leader_free(void *p)
{
    free(p);
}

static void leader_key_init(void)
{
    pthread_key_create(&leader_key, leader_free);
}

static void fiber_entry(void *co)
{
    fiber_js_started();
    portos__co_body(co);
}

static void *portos__co_fiber_new(PortosCoroutine *co)
{
    FiberWasm *f = calloc(1, sizeof(*f));

    if (!f) {
        return NULL;
    }
    f->stack_size = PORTOS_COROUTINE_STACK_SIZE;
    f->asyncify_stack = malloc(ASYNCIFY_STACK_SIZE);
    if (!f->asyncify_stack ||
        portos_stack_alloc(&f->stack, f->stack_size) < 0) {
        free(f->asyncify_stack);
        free(f);
        return NULL;
    }
    emscripten_fiber_init(&f->fiber, fiber_entry, co, f->stack,
                          f->stack_size, f->asyncify_stack,
                          ASYNCIFY_STACK_SIZE);
    return f;
}

static void portos__co_fiber_delete(void *fiber)
{
    FiberWasm *f = fiber;

    portos_stack_free(f->stack, f->stack_size);
    free(f->asyncify_stack);
    free(f);
}

static void portos__co_fiber_switch(void *from, void *to)
{
    emscripten_fiber_swap(&((FiberWasm *)from)->fiber,
                          &((FiberWasm *)to)->fiber);
}

static void *portos__co_fiber_thread(void)
{
    /* The buffer must outlive any switch: freed when the thread ends. */
    void *buf = malloc(ASYNCIFY_STACK_SIZE);

    if (!buf) {
        abort(); /* no way to report it: callers expect a leader */
    }
    pthread_once(&leader_key_once, leader_key_init);
    pthread_setspecific(leader_key, buf);
    fiber_js_hook_main_return();
    emscripten_fiber_init_from_current_context(&thread_fiber.fiber, buf,
                                               ASYNCIFY_STACK_SIZE);
    thread_fiber.asyncify_stack = buf;
    return &thread_fiber;
}

#include "coroutine-fiber.c.inc"
