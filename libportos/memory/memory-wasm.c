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

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/*
 * The wasm page (64 KiB), as Emscripten's sysconf reports it: the unit
 * in which linear memory grows. Nothing finer exists to map or protect.
 */
size_t portos_page_size(void)
{
    static size_t page;

    if (!page) {
        long v = sysconf(_SC_PAGESIZE);
        page = v > 0 ? (size_t)v : 65536;
    }
    return page;
}

bool portos_guard_pages_supported(void)
{
    return false;
}

static int aligned_zeroed(void **out, size_t len, size_t align)
{
    void *p;
    int err = posix_memalign(&p, align, len);

    if (err) {
        return err == EINVAL ? -EINVAL : -ENOMEM;
    }
    memset(p, 0, len);
    *out = p;
    return 0;
}

int portos_ram_alloc(void **out, size_t size, size_t align)
{
    size_t len = portos__page_round(size);

    if (!out || !size || (align && !portos__is_pow2(align))) {
        return -EINVAL;
    }
    if (align < portos_page_size()) {
        align = portos_page_size();
    }
    if (!len) {
        return -ENOMEM;
    }
    return aligned_zeroed(out, len, align);
}

void portos_ram_free(void *ptr, size_t size)
{
    (void)size;
    free(ptr);
}

int portos_stack_alloc(void **out, size_t size)
{
    size_t len = portos__page_round(size);

    if (!out || !size) {
        return -EINVAL;
    }
    if (!len) {
        return -ENOMEM;
    }
    /* 16-byte alignment is all the wasm C stack needs; pages for parity. */
    return aligned_zeroed(out, len, portos_page_size());
}

void portos_stack_free(void *stack, size_t size)
{
    (void)size;
    free(stack);
}

/* No PortosExecMem can exist: every call below sees NULL or refuses. */
struct PortosExecMem {
    size_t size;
};

int portos_execmem_alloc(PortosExecMem **out, size_t size, unsigned flags)
{
    if (!out || !size || (flags & ~PORTOS_EXECMEM_SINGLE_VIEW)) {
        return -EINVAL;
    }
    return -ENOTSUP;
}

void *portos_execmem_rw(PortosExecMem *mem)
{
    (void)mem;
    return NULL;
}

void *portos_execmem_rx(PortosExecMem *mem)
{
    (void)mem;
    return NULL;
}

size_t portos_execmem_size(const PortosExecMem *mem)
{
    return mem ? mem->size : 0;
}

bool portos_execmem_split(const PortosExecMem *mem)
{
    (void)mem;
    return false;
}

int portos_execmem_write_begin(PortosExecMem *mem)
{
    return mem ? -ENOTSUP : -EINVAL;
}

int portos_execmem_write_end(PortosExecMem *mem)
{
    return mem ? -ENOTSUP : -EINVAL;
}

void portos_execmem_free(PortosExecMem *mem)
{
    (void)mem;
}
