/*
 * portos/coroutine.h - stackful coroutines
 *
 * A coroutine runs an entry function on its own stack. portos_coroutine_enter()
 * runs it until it yields or returns; portos_coroutine_yield() goes back to
 * whoever entered it. A coroutine may enter another one: the inner one's
 * yield then returns to the outer one. When the entry function returns the
 * coroutine is finished and is released automatically (to a per-thread pool
 * that reuses its stack), so the caller must not touch it afterwards.
 *
 * Misuse (entering a running, suspended-in-enter or finished coroutine,
 * yielding outside a coroutine) aborts with a message on stderr: it is a
 * programming error, not a run-time condition.
 *
 * Backends: posix switches with sigsetjmp/siglongjmp after one makecontext
 * (no system call per switch); wasm uses Emscripten fibers (Asyncify);
 * win32 uses Windows fibers. Stacks have a guard page where the OS allows
 * it and are registered with Valgrind.
 */
#ifndef PORTOS_COROUTINE_H
#define PORTOS_COROUTINE_H

#include <stdbool.h>
#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct PortosCoroutine PortosCoroutine;
typedef void PortosCoroutineFn(void *opaque);

/** Default stack size of a coroutine (bytes). */
#define PORTOS_COROUTINE_STACK_SIZE (1u << 20)

/**
 * portos_coroutine_create: make a new coroutine (not started).
 * @out: receives the coroutine
 * @entry: function to run in the coroutine
 * @opaque: argument for @entry
 *
 * Returns: 0, or PORTOS_ENOMEM if no stack could be allocated.
 */
int portos_coroutine_create(PortosCoroutine **out, PortosCoroutineFn *entry,
                            void *opaque);

/**
 * portos_coroutine_enter: run @co until it yields or finishes.
 *
 * @co must be newly created or suspended in portos_coroutine_yield(). If @co
 * finishes, it is released before this call returns.
 */
void portos_coroutine_enter(PortosCoroutine *co);

/**
 * portos_coroutine_yield: suspend the current coroutine and return to the
 * code that entered it. Must be called from inside a coroutine.
 */
void portos_coroutine_yield(void);

/**
 * portos_coroutine_self: the coroutine running on this thread.
 *
 * Returns: the current coroutine, or NULL outside any coroutine.
 */
PortosCoroutine *portos_coroutine_self(void);

/** portos_in_coroutine: true when called from inside a coroutine. */
bool portos_in_coroutine(void);

/**
 * portos_coroutine_entered: true if @co has been entered and not yet
 * finished (it is running, or suspended in a yield).
 */
bool portos_coroutine_entered(const PortosCoroutine *co);

/**
 * portos_coroutine_pool_size: finished coroutines kept for reuse by
 * this thread.
 */
unsigned portos_coroutine_pool_size(void);

/**
 * portos_coroutine_pool_drain: free this thread's pool of finished
 * coroutines (and their stacks). Also done at thread or process exit.
 */
void portos_coroutine_pool_drain(void);

#ifdef __cplusplus
}
#endif

#endif
