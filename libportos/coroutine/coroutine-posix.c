/*
 * coroutine-posix.c - coroutines on ucontext + sigsetjmp/siglongjmp
 *
 * makecontext/swapcontext are used once per coroutine, to start running on
 * the new stack; every later switch is sigsetjmp(env, 0)/siglongjmp, which
 * saves no signal mask and so costs no system call (swapcontext makes a
 * sigprocmask call each time).
 */
#define _GNU_SOURCE
#include "coroutine-int.h"

#include <portos/memory.h>

#include <pthread.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <ucontext.h>

#include <valgrind/valgrind.h>

#if defined(__SANITIZE_ADDRESS__)
#define PORTOS_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define PORTOS_ASAN 1
#endif
#endif

#ifdef PORTOS_ASAN
#include <sanitizer/common_interface_defs.h>
#endif

typedef struct {
    PortosCoroutine base;
    void *stack;            /* lowest usable byte */
    size_t stack_size;
    sigjmp_buf env;
    unsigned valgrind_stack_id;
    void *asan_fake_stack;  /* ASan's fake frames while switched out */
} CoroutinePosix;

/* What the new coroutine needs to get back to its creator once. */
typedef struct {
    CoroutinePosix *co;
    CoroutinePosix *creator;
    void *creator_fake_stack;
    sigjmp_buf env;
} StartArgs;

static _Thread_local CoroutinePosix leader;

#ifdef PORTOS_ASAN
/* Before leaving a stack: tell ASan where we go (NULL save: never back). */
static void asan_leave(void **save, const CoroutinePosix *to)
{
    __sanitizer_start_switch_fiber(save, to->stack, to->stack_size);
}

static void asan_arrive(void *saved)
{
    const void *bottom;
    size_t size;

    __sanitizer_finish_switch_fiber(saved, &bottom, &size);
}

static void leader_stack_bounds(void)
{
    pthread_attr_t attr;

    if (leader.stack || pthread_getattr_np(pthread_self(), &attr)) {
        return;
    }
    pthread_attr_getstack(&attr, &leader.stack, &leader.stack_size);
    pthread_attr_destroy(&attr);
}
#else
static void asan_leave(void **save, const CoroutinePosix *to)
{
    (void)save, (void)to;
}

static void asan_arrive(void *saved)
{
    (void)saved;
}

static void leader_stack_bounds(void)
{
}
#endif

static CoroutinePosix *running(void)
{
    PortosCoroutine *self = portos_coroutine_self();

    return self ? (CoroutinePosix *)self : &leader;
}

/* makecontext passes ints only, so the pointer travels in two halves. */
static void trampoline(int hi, int lo)
{
    uintptr_t p = ((uintptr_t)(unsigned)hi << 16 << 16) | (uintptr_t)(unsigned)lo;
    StartArgs *args = (StartArgs *)p;
    CoroutinePosix *co = args->co;

    asan_arrive(NULL);
    /* Save this context, then return to portos__co_new() at once. */
    if (!sigsetjmp(co->env, 0)) {
        asan_leave(&co->asan_fake_stack, args->creator);
        siglongjmp(args->env, 1);
    }
    /* First real entry, from portos__co_switch(). */
    asan_arrive(co->asan_fake_stack);
    portos__co_body(&co->base);
}

PortosCoroutine *portos__co_new(void)
{
    CoroutinePosix *co = calloc(1, sizeof(*co));
    ucontext_t old_uc, uc;
    StartArgs args;
    uintptr_t p = (uintptr_t)&args;

    if (!co) {
        return NULL;
    }
    co->stack_size = PORTOS_COROUTINE_STACK_SIZE;
    if (portos_stack_alloc(&co->stack, co->stack_size) < 0 ||
        getcontext(&uc) < 0) {
        portos_stack_free(co->stack, co->stack_size);
        free(co);
        return NULL;
    }
    co->valgrind_stack_id = VALGRIND_STACK_REGISTER(
        co->stack, (char *)co->stack + co->stack_size);
    leader_stack_bounds();

    args.co = co;
    args.creator = running();
    uc.uc_link = NULL;
    uc.uc_stack.ss_sp = co->stack;
    uc.uc_stack.ss_size = co->stack_size;
    uc.uc_stack.ss_flags = 0;
    makecontext(&uc, (void (*)(void))trampoline, 2,
                (int)(unsigned)(p >> 16 >> 16), (int)(unsigned)p);

    if (!sigsetjmp(args.env, 0)) {
        asan_leave(&args.creator_fake_stack, co);
        swapcontext(&old_uc, &uc);
    }
    asan_arrive(args.creator_fake_stack);
    return &co->base;
}

void portos__co_delete(PortosCoroutine *base)
{
    CoroutinePosix *co = (CoroutinePosix *)base;

    VALGRIND_STACK_DEREGISTER(co->valgrind_stack_id);
    portos_stack_free(co->stack, co->stack_size);
    free(co);
}

PortosCoAction portos__co_switch(PortosCoroutine *from_, PortosCoroutine *to_,
                                 PortosCoAction action)
{
    CoroutinePosix *from = (CoroutinePosix *)from_;
    CoroutinePosix *to = (CoroutinePosix *)to_;
    int ret = sigsetjmp(from->env, 0);

    if (ret == 0) {
        asan_leave(action == PORTOS_CO_TERMINATE ? NULL : &from->asan_fake_stack,
                   to);
        siglongjmp(to->env, (int)action);
    }
    asan_arrive(from->asan_fake_stack);
    return (PortosCoAction)ret;
}

PortosCoroutine *portos__co_leader(void)
{
    return &leader.base;
}
