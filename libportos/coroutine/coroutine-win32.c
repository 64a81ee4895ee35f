/*
 * coroutine-win32.c - coroutines on Windows fibers
 *
 * Each coroutine is a fiber with its own stack; the leader is the thread
 * itself, converted to a fiber the first time it needs one. SwitchToFiber
 * is a user-mode register switch (no system call). Fiber stacks are
 * reserved at full size and committed on demand below a PAGE_GUARD page,
 * so overflowing one raises a stack-overflow exception, as a thread's does.
 * coroutine-fiber.c.inc, included at the end, builds the coroutine
 * contract on these fiber calls (shared with wasm).
 */
#include "coroutine-int.h"

#include <stdio.h>
#include <stdlib.h>
#include <windows.h>

/* Committed up front; the rest of the reservation grows on demand. */
#define STACK_COMMIT (64 * 1024)

/*
 * MinGW's GetCurrentFiber() reads %gs:0x20 through a zero-length array,
 * which GCC 12 flags with -Warray-bounds; the read itself is correct.
 */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Warray-bounds"
static void *current_fiber(void)
{
    return GetCurrentFiber();
}
#pragma GCC diagnostic pop

static void CALLBACK fiber_main(void *co)
{
    portos__co_body(co);
}

static void *portos__co_fiber_new(PortosCoroutine *co)
{
    return CreateFiberEx(STACK_COMMIT, PORTOS_COROUTINE_STACK_SIZE,
                         FIBER_FLAG_FLOAT_SWITCH, fiber_main, co);
}

static void portos__co_fiber_delete(void *fiber)
{
    DeleteFiber(fiber);
}

static void portos__co_fiber_switch(void *from, void *to)
{
    (void)from; /* Windows saves the running fiber's context itself */
    SwitchToFiber(to);
}

static void *portos__co_fiber_thread(void)
{
    /* Someone else (a framework, another library) may have done it. */
    void *fiber = IsThreadAFiber() ? current_fiber()
                                   : ConvertThreadToFiberEx(NULL, FIBER_FLAG_FLOAT_SWITCH);

    if (!fiber) {
        fprintf(stderr, "portos: cannot make this thread a fiber (error %lu)\n",
                (unsigned long)GetLastError());
        abort();
    }
    return fiber;
}

#include "coroutine-fiber.c.inc"
