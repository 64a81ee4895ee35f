/*
 * memory.c - argument checks, page rounding and the code-memory handle,
 * shared by all backends
 */
#include "memory-int.h"

#include <portos/error.h>

#include <stdint.h>
#include <stdlib.h>

static bool is_pow2(size_t x)
{
    return x && !(x & (x - 1));
}

/*
 * Round @size up to whole pages, leaving room for a guard page and @align
 * of slack; 0 if that does not fit in a size_t.
 */
static size_t page_round(size_t size, size_t align)
{
    size_t page = portos_page_size();

    if (size > SIZE_MAX - (page - 1)) {
        return 0;
    }
    size = (size + page - 1) & ~(page - 1);
    return size > SIZE_MAX - align - page ? 0 : size;
}

size_t portos_page_size(void)
{
    static size_t page;

    if (!page) {
        page = portos__mem_page_size();
    }
    return page;
}

bool portos_guard_pages_supported(void)
{
    return portos__mem_guard_pages();
}

int portos_ram_alloc(void **out, size_t size, size_t align)
{
    size_t len;

    if (!out || !size || (align && !is_pow2(align))) {
        return PORTOS_EINVAL;
    }
    if (align < portos_page_size()) {
        align = portos_page_size();
    }
    len = page_round(size, align);
    if (!len) {
        return PORTOS_ENOMEM;
    }
    return portos__mem_ram_map(out, len, align);
}

void portos_ram_free(void *ptr, size_t size)
{
    if (ptr) {
        portos__mem_ram_unmap(ptr, page_round(size, 0));
    }
}

int portos_stack_alloc(void **out, size_t size)
{
    size_t len;

    if (!out || !size) {
        return PORTOS_EINVAL;
    }
    len = page_round(size, 0);
    if (!len) {
        return PORTOS_ENOMEM;
    }
    return portos__mem_stack_map(out, len);
}

void portos_stack_free(void *stack, size_t size)
{
    if (stack) {
        portos__mem_stack_unmap(stack, page_round(size, 0));
    }
}

int portos_execmem_alloc(PortosExecMem **out, size_t size, unsigned flags)
{
    PortosExecMem *m;
    int err;

    if (!out || !size || (flags & ~PORTOS_EXECMEM_SINGLE_VIEW)) {
        return PORTOS_EINVAL;
    }
    m = calloc(1, sizeof(*m));
    if (!m) {
        return PORTOS_ENOMEM;
    }
    m->size = page_round(size, 0);
    err = m->size ? portos__mem_exec_map(m, flags) : PORTOS_ENOMEM;
    if (err < 0) {
        free(m);
        return err;
    }
    *out = m;
    return 0;
}

void *portos_execmem_rw(PortosExecMem *mem)
{
    return mem ? mem->rw : NULL;
}

void *portos_execmem_rx(PortosExecMem *mem)
{
    return mem ? mem->rx : NULL;
}

size_t portos_execmem_size(const PortosExecMem *mem)
{
    return mem ? mem->size : 0;
}

bool portos_execmem_split(const PortosExecMem *mem)
{
    return mem && mem->rw != mem->rx;
}

int portos_execmem_write_begin(PortosExecMem *mem)
{
    return mem ? portos__mem_exec_protect(mem, true) : PORTOS_EINVAL;
}

int portos_execmem_write_end(PortosExecMem *mem)
{
    return mem ? portos__mem_exec_protect(mem, false) : PORTOS_EINVAL;
}

void portos_execmem_free(PortosExecMem *mem)
{
    if (mem) {
        portos__mem_exec_unmap(mem);
        free(mem);
    }
}
