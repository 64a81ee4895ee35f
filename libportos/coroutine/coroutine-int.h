/*
 * coroutine-int.h - what a coroutine backend provides to coroutine.c
 *
 * A backend allocates coroutines whose struct embeds PortosCoroutine first,
 * switches between them, and keeps one "leader" per thread: the context of
 * the code that runs outside any coroutine. The enter/yield rules, state
 * checks and the pool live once, in coroutine.c.
 */
#ifndef PORTOS_COROUTINE_INT_H
#define PORTOS_COROUTINE_INT_H

#include <portos/coroutine.h>

typedef enum {
    PORTOS_CO_ENTER = 1,     /* switching into a coroutine */
    PORTOS_CO_YIELD = 2,     /* the coroutine yielded */
    PORTOS_CO_TERMINATE = 3, /* the coroutine's entry function returned */
} PortosCoAction;

typedef enum {
    PORTOS_CO_STATE_NEW,       /* created, never entered */
    PORTOS_CO_STATE_RUNNING,   /* executing, or has entered another one */
    PORTOS_CO_STATE_SUSPENDED, /* yielded */
    PORTOS_CO_STATE_DEAD,      /* finished, in the pool */
} PortosCoState;

struct PortosCoroutine {
    PortosCoroutineFn *entry;
    void *opaque;
    PortosCoroutine *caller;     /* who entered us; NULL when not running */
    PortosCoroutine *pool_next;
    PortosCoState state;
};

/* Backend: a new coroutine with a stack, or NULL when out of memory. */
PortosCoroutine *portos__co_new(void);

/* Backend: free a coroutine and its stack. */
void portos__co_delete(PortosCoroutine *co);

/*
 * Backend: save @from's context, resume @to and deliver @action to it.
 * Returns the action delivered when someone switches back to @from.
 */
PortosCoAction portos__co_switch(PortosCoroutine *from, PortosCoroutine *to,
                                 PortosCoAction action);

/* Backend: this thread's leader (never NULL). */
PortosCoroutine *portos__co_leader(void);

/*
 * Common code: the body every backend runs on a coroutine's stack. It calls
 * the entry function, reports termination, and loops so that a pooled
 * coroutine can be reused without building a new context. Never returns.
 */
void portos__co_body(PortosCoroutine *co) __attribute__((noreturn));

#endif
