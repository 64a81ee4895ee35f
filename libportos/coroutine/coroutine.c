/*
 * coroutine.c - enter/yield rules and the pool, shared by all backends
 */
#include "coroutine-int.h"

#include <portos/error.h>

#include <stdio.h>
#include <stdlib.h>

/* Finished coroutines kept per thread so their stacks are reused. */
#define POOL_MAX 64

static _Thread_local PortosCoroutine *current;
static _Thread_local PortosCoroutine *pool;
static _Thread_local unsigned pool_len;

static void __attribute__((noreturn)) co_abort(const char *what)
{
    fprintf(stderr, "portos: coroutine misuse: %s\n", what);
    fflush(stderr);
    abort();
}

static PortosCoroutine *self_or_leader(void)
{
    return current ? current : portos__co_leader();
}

int portos_coroutine_create(PortosCoroutine **out, PortosCoroutineFn *entry,
                            void *opaque)
{
    PortosCoroutine *co = pool;

    if (!out || !entry) {
        return -EINVAL;
    }
    if (co) {
        pool = co->pool_next;
        pool_len--;
    } else {
        co = portos__co_new();
        if (!co) {
            return -ENOMEM;
        }
    }
    co->entry = entry;
    co->opaque = opaque;
    co->caller = NULL;
    co->pool_next = NULL;
    co->state = PORTOS_CO_STATE_NEW;
    *out = co;
    return 0;
}

static void co_release(PortosCoroutine *co)
{
    if (pool_len < POOL_MAX) {
        co->pool_next = pool;
        pool = co;
        pool_len++;
    } else {
        portos__co_delete(co);
    }
}

void portos_coroutine_enter(PortosCoroutine *co)
{
    PortosCoroutine *self = self_or_leader();
    PortosCoAction ret;

    if (!co) {
        co_abort("entering a NULL coroutine");
    }
    switch (co->state) {
    case PORTOS_CO_STATE_NEW:
    case PORTOS_CO_STATE_SUSPENDED:
        break;
    case PORTOS_CO_STATE_RUNNING:
        co_abort("entering a coroutine that is already running");
    case PORTOS_CO_STATE_DEAD:
    default:
        co_abort("entering a coroutine that has finished");
    }

    co->caller = self;
    co->state = PORTOS_CO_STATE_RUNNING;
    current = co;
    ret = portos__co_switch(self, co, PORTOS_CO_ENTER);
    current = self == portos__co_leader() ? NULL : self;

    if (ret == PORTOS_CO_TERMINATE) {
        co->state = PORTOS_CO_STATE_DEAD;
        co->caller = NULL;
        co_release(co);
    }
}

void portos_coroutine_yield(void)
{
    PortosCoroutine *self = current;
    PortosCoroutine *to;

    if (!self) {
        co_abort("yield outside of a coroutine");
    }
    to = self->caller;
    self->caller = NULL;
    self->state = PORTOS_CO_STATE_SUSPENDED;
    portos__co_switch(self, to, PORTOS_CO_YIELD);
    /* Entered again: portos_coroutine_enter() set state and current. */
}

void portos__co_body(PortosCoroutine *co)
{
    for (;;) {
        co->entry(co->opaque);
        portos__co_switch(co, co->caller, PORTOS_CO_TERMINATE);
        /* Reused from the pool: entered again with a new entry function. */
    }
}

PortosCoroutine *portos_coroutine_self(void)
{
    return current;
}

bool portos_in_coroutine(void)
{
    return current != NULL;
}

bool portos_coroutine_entered(const PortosCoroutine *co)
{
    return co && (co->state == PORTOS_CO_STATE_RUNNING ||
                  co->state == PORTOS_CO_STATE_SUSPENDED);
}

unsigned portos_coroutine_pool_size(void)
{
    return pool_len;
}

void portos_coroutine_pool_drain(void)
{
    while (pool) {
        PortosCoroutine *co = pool;
        pool = co->pool_next;
        portos__co_delete(co);
    }
    pool_len = 0;
}

/* The main thread's pool goes away with the process: keeps leak checkers quiet. */
__attribute__((destructor)) static void coroutine_pool_fini(void)
{
    portos_coroutine_pool_drain();
}
