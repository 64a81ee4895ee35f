/*
 * memory-wasm.c - guest RAM and stacks from the wasm heap
 *
 * WebAssembly has one linear memory that only grows: no mapping, no
 * partial unmapping and no protection. Emscripten's mmap is malloc plus
 * bookkeeping and cannot give back part of a block, so RAM and stacks are
 * aligned heap blocks, zero-filled by hand (malloc may reuse memory), with
 * no guard pages. There is no executable memory at all: wasm code cannot
 * be generated into linear memory and run.
 */
#include "memory-int.h"

#include <portos/error.h>

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/*
 * The wasm page (64 KiB), as Emscripten's sysconf reports it: the unit
 * in which linear memory grows. Nothing finer exists to map or protect.
 */
size_t portos__mem_page_size(void)
{
    long v = sysconf(_SC_PAGESIZE);

    return v > 0 ? (size_t)v : 65536;
}

bool portos__mem_guard_pages(void)
{
    return false;
}

static int aligned_zeroed(void **out, size_t len, size_t align)
{
    void *p;
    int err = posix_memalign(&p, align, len);

    if (err) {
        return err == EINVAL ? PORTOS_EINVAL : PORTOS_ENOMEM;
    }
    memset(p, 0, len);
    *out = p;
    return 0;
}

int portos__mem_ram_map(void **out, size_t len, size_t align)
{
    return aligned_zeroed(out, len, align);
}

void portos__mem_ram_unmap(void *ptr, size_t len)
{
    (void)len;
    free(ptr);
}

int portos__mem_stack_map(void **out, size_t len)
{
    /* 16-byte alignment is all the wasm C stack needs; pages for parity. */
    return aligned_zeroed(out, len, portos_page_size());
}

void portos__mem_stack_unmap(void *stack, size_t len)
{
    (void)len;
    free(stack);
}

/* No PortosExecMem can exist: allocation refuses, so nothing else runs. */
int portos__mem_exec_map(PortosExecMem *m, unsigned flags)
{
    (void)m, (void)flags;
    return PORTOS_ENOTSUP;
}

void portos__mem_exec_unmap(PortosExecMem *m)
{
    (void)m;
}

int portos__mem_exec_protect(PortosExecMem *m, bool writable)
{
    (void)m, (void)writable;
    return PORTOS_ENOTSUP;
}
