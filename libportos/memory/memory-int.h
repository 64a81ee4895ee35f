/*
 * memory-int.h - what a memory backend provides to memory.c
 *
 * memory.c owns the argument checks, page rounding, the PortosExecMem
 * handle and its accessors. A backend maps and unmaps: sizes it gets are
 * whole pages (> 0, with room left for a guard page) and alignments powers
 * of two of at least a page.
 */
#ifndef PORTOS_MEMORY_INT_H
#define PORTOS_MEMORY_INT_H

#include <portos/memory.h>

#include <stdbool.h>
#include <stddef.h>

struct PortosExecMem {
    void *rw;    /* where code is written */
    void *rx;    /* where it runs; == rw for one view */
    size_t size; /* whole pages */
};

/* The host page size, asked once (memory.c caches it). */
size_t portos__mem_page_size(void);

/* Whether RAM blocks and stacks get an inaccessible guard page. */
bool portos__mem_guard_pages(void);

/* Zero-filled @len bytes aligned to @align, a guard page after them. */
int portos__mem_ram_map(void **out, size_t len, size_t align);
void portos__mem_ram_unmap(void *ptr, size_t len);

/* @len usable bytes above a guard page; *out is the lowest usable byte. */
int portos__mem_stack_map(void **out, size_t len);
void portos__mem_stack_unmap(void *stack, size_t len);

/*
 * Fill in @m->rw and @m->rx for @m->size bytes of code memory; @flags as
 * portos_execmem_alloc(). PORTOS_ENOTSUP where there is none.
 */
int portos__mem_exec_map(PortosExecMem *m, unsigned flags);
void portos__mem_exec_unmap(PortosExecMem *m);

/* Make the code writable (@writable) or executable again. */
int portos__mem_exec_protect(PortosExecMem *m, bool writable);

#endif
