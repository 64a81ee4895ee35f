/*
 * memory-win32.c - guest RAM, stacks and code memory with VirtualAlloc
 *
 * Windows reserves address space in 64 KiB granules (the allocation
 * granularity) but protects it per 4 KiB page. Guard pages are pages left
 * reserved but never committed: any access to them faults. Committed
 * pages are demand-zero, but unlike MAP_NORESERVE they are charged against
 * the commit limit (RAM + page file) when committed.
 */
#include "memory-int.h"
#include "../osdep/winerror-win32.h"

#include <portos/error.h>

#include <stdlib.h>
#include <windows.h>

/* Attempts to re-reserve an aligned range that another thread took first. */
#define ALIGN_RETRIES 32

struct PortosExecMem {
    void *mem;
    size_t size;
};

static SYSTEM_INFO sysinfo(void)
{
    SYSTEM_INFO si;

    GetSystemInfo(&si);
    return si;
}

size_t portos_page_size(void)
{
    static size_t page;

    if (!page) {
        page = sysinfo().dwPageSize;
    }
    return page;
}

static size_t granularity(void)
{
    static size_t gran;

    if (!gran) {
        gran = sysinfo().dwAllocationGranularity;
    }
    return gran;
}

bool portos_guard_pages_supported(void)
{
    return true;
}

/* Reserve @total bytes at @addr (NULL: anywhere), commit the first @commit. */
static void *reserve_commit(void *addr, size_t total, size_t commit_off,
                            size_t commit)
{
    char *p = VirtualAlloc(addr, total, MEM_RESERVE, PAGE_NOACCESS);

    if (!p) {
        return NULL;
    }
    if (!VirtualAlloc(p + commit_off, commit, MEM_COMMIT, PAGE_READWRITE)) {
        DWORD err = GetLastError();
        VirtualFree(p, 0, MEM_RELEASE);
        SetLastError(err);
        return NULL;
    }
    return p;
}

/* Out of address space or commit charge: both are "no memory" to callers. */
static int alloc_error(void)
{
    int err = portos__last_winerror();

    return err == -EINVAL || err == -EFAULT ? -ENOMEM : err;
}

int portos_ram_alloc(void **out, size_t size, size_t align)
{
    size_t page = portos_page_size();
    size_t len = portos__page_round(size);
    void *p;

    if (!out || !size || (align && !portos__is_pow2(align))) {
        return -EINVAL;
    }
    if (!len || len > SIZE_MAX - page) {
        return -ENOMEM;
    }
    /* Every reservation starts on a granule: small alignments are free. */
    if (align <= granularity()) {
        p = reserve_commit(NULL, len + page, 0, len);
        if (!p) {
            return alloc_error();
        }
        *out = p;
        return 0;
    }
    if (len + page > SIZE_MAX - align) {
        return -ENOMEM;
    }
    /*
     * Find a free range big enough for the alignment slack, give it back
     * and reserve exactly the aligned part, so that VirtualFree(MEM_RELEASE)
     * later frees the whole block. Another thread can take the range in
     * between: then look again.
     */
    for (int i = 0; i < ALIGN_RETRIES; i++) {
        uintptr_t base, start;

        p = VirtualAlloc(NULL, len + page + align, MEM_RESERVE, PAGE_NOACCESS);
        if (!p) {
            return alloc_error();
        }
        base = (uintptr_t)p;
        start = (base + align - 1) & ~(uintptr_t)(align - 1);
        VirtualFree(p, 0, MEM_RELEASE);
        p = reserve_commit((void *)start, len + page, 0, len);
        if (p) {
            *out = p;
            return 0;
        }
        if (GetLastError() != ERROR_INVALID_ADDRESS) {
            return alloc_error();
        }
    }
    return -ENOMEM;
}

void portos_ram_free(void *ptr, size_t size)
{
    (void)size;
    if (ptr) {
        VirtualFree(ptr, 0, MEM_RELEASE);
    }
}

int portos_stack_alloc(void **out, size_t size)
{
    size_t page = portos_page_size();
    size_t len = portos__page_round(size);
    char *p;

    if (!out || !size) {
        return -EINVAL;
    }
    if (!len || len > SIZE_MAX - page) {
        return -ENOMEM;
    }
    /* Stacks grow down: the guard is the lowest page, never committed. */
    p = reserve_commit(NULL, len + page, page, len);
    if (!p) {
        return alloc_error();
    }
    *out = p + page;
    return 0;
}

void portos_stack_free(void *stack, size_t size)
{
    (void)size;
    if (stack) {
        VirtualFree((char *)stack - portos_page_size(), 0, MEM_RELEASE);
    }
}

/*
 * One view, never writable and executable at once: it starts writable
 * (there is no code in it yet) and write_end/write_begin flip it.
 */
int portos_execmem_alloc(PortosExecMem **out, size_t size, unsigned flags)
{
    PortosExecMem *m;

    if (!out || !size || (flags & ~PORTOS_EXECMEM_SINGLE_VIEW)) {
        return -EINVAL;
    }
    m = calloc(1, sizeof(*m));
    if (!m) {
        return -ENOMEM;
    }
    m->size = portos__page_round(size);
    if (!m->size) {
        free(m);
        return -ENOMEM;
    }
    m->mem = VirtualAlloc(NULL, m->size, MEM_RESERVE | MEM_COMMIT,
                          PAGE_READWRITE);
    if (!m->mem) {
        int err = alloc_error();
        free(m);
        return err;
    }
    *out = m;
    return 0;
}

void *portos_execmem_rw(PortosExecMem *mem)
{
    return mem->mem;
}

void *portos_execmem_rx(PortosExecMem *mem)
{
    return mem->mem;
}

size_t portos_execmem_size(const PortosExecMem *mem)
{
    return mem->size;
}

bool portos_execmem_split(const PortosExecMem *mem)
{
    (void)mem;
    return false;
}

static int execmem_protect(PortosExecMem *mem, DWORD prot)
{
    DWORD old;

    if (!mem) {
        return -EINVAL;
    }
    if (!VirtualProtect(mem->mem, mem->size, prot, &old)) {
        return portos__last_winerror();
    }
    return 0;
}

int portos_execmem_write_begin(PortosExecMem *mem)
{
    return execmem_protect(mem, PAGE_READWRITE);
}

int portos_execmem_write_end(PortosExecMem *mem)
{
    return execmem_protect(mem, PAGE_EXECUTE_READ);
}

void portos_execmem_free(PortosExecMem *mem)
{
    if (!mem) {
        return;
    }
    VirtualFree(mem->mem, 0, MEM_RELEASE);
    free(mem);
}
