/*
 * coroutine-win32.c - coroutines on Windows fibers
 *
 * Each coroutine is a fiber with its own stack; the leader is the thread
 * itself, converted to a fiber the first time it needs one. SwitchToFiber
 * is a user-mode register switch (no system call). Fiber stacks are
 * reserved at full size and committed on demand below a PAGE_GUARD page,
 * so overflowing one raises a stack-overflow exception, as a thread's does.
 */
#include "coroutine-int.h"

#include <stdio.h>
#include <stdlib.h>
#include <windows.h>

/* Committed up front; the rest of the reservation grows on demand. */
#define STACK_COMMIT (64 * 1024)

typedef struct {
    PortosCoroutine base;
    void *fiber;
    PortosCoAction action;  /* delivered by whoever switches to us */
} CoroutineWin32;

static _Thread_local CoroutineWin32 leader;

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

static void CALLBACK fiber_main(void *param)
{
    portos__co_body(param);
}

PortosCoroutine *portos__co_new(void)
{
    CoroutineWin32 *co = calloc(1, sizeof(*co));

    if (!co) {
        return NULL;
    }
    co->fiber = CreateFiberEx(STACK_COMMIT, PORTOS_COROUTINE_STACK_SIZE,
                              FIBER_FLAG_FLOAT_SWITCH, fiber_main, co);
    if (!co->fiber) {
        free(co);
        return NULL;
    }
    return &co->base;
}

void portos__co_delete(PortosCoroutine *base)
{
    CoroutineWin32 *co = (CoroutineWin32 *)base;

    DeleteFiber(co->fiber);
    free(co);
}

PortosCoAction portos__co_switch(PortosCoroutine *from_, PortosCoroutine *to_,
                                 PortosCoAction action)
{
    CoroutineWin32 *from = (CoroutineWin32 *)from_;
    CoroutineWin32 *to = (CoroutineWin32 *)to_;

    to->action = action;
    SwitchToFiber(to->fiber);
    return from->action;
}

PortosCoroutine *portos__co_leader(void)
{
    if (!leader.fiber) {
        /* Someone else (a framework, another library) may have done it. */
        leader.fiber = IsThreadAFiber() ? current_fiber()
                                        : ConvertThreadToFiberEx(NULL, FIBER_FLAG_FLOAT_SWITCH);
        if (!leader.fiber) {
            fprintf(stderr, "portos: cannot make this thread a fiber (error %lu)\n",
                    (unsigned long)GetLastError());
            abort();
        }
    }
    return &leader.base;
}
