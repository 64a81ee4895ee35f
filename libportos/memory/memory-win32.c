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
#include "portos-win32.h"

#include <portos/error.h>

#include <stdint.h>
#include <windows.h>

/* Attempts to re-reserve an aligned range that another thread took first. */
#define ALIGN_RETRIES 32

static SYSTEM_INFO sysinfo(void)
{
    SYSTEM_INFO si;

    GetSystemInfo(&si);
    return si;
}

size_t portos__mem_page_size(void)
{
    return sysinfo().dwPageSize;
}

static size_t granularity(void)
{
    static size_t gran;

    if (!gran) {
        gran = sysinfo().dwAllocationGranularity;
    }
    return gran;
}

bool portos__mem_guard_pages(void)
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

    return err == PORTOS_EINVAL || err == PORTOS_EFAULT ? PORTOS_ENOMEM : err;
}

int portos__mem_ram_map(void **out, size_t len, size_t align)
{
    size_t page = portos_page_size();
    void *p;

    /* Every reservation starts on a granule: small alignments are free. */
    if (align <= granularity()) {
        p = reserve_commit(NULL, len + page, 0, len);
        if (!p) {
            return alloc_error();
        }
        *out = p;
        return 0;
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
    return PORTOS_ENOMEM;
}

void portos__mem_ram_unmap(void *ptr, size_t len)
{
    (void)len;
    VirtualFree(ptr, 0, MEM_RELEASE);
}

int portos__mem_stack_map(void **out, size_t len)
{
    size_t page = portos_page_size();
    char *p;

    /* Stacks grow down: the guard is the lowest page, never committed. */
    p = reserve_commit(NULL, len + page, page, len);
    if (!p) {
        return alloc_error();
    }
    *out = p + page;
    return 0;
}

void portos__mem_stack_unmap(void *stack, size_t len)
{
    (void)len;
    VirtualFree((char *)stack - portos_page_size(), 0, MEM_RELEASE);
}

/*
 * One view, never writable and executable at once: it starts writable
 * (there is no code in it yet) and write_end/write_begin flip it.
 */
int portos__mem_exec_map(PortosExecMem *m, unsigned flags)
{
    (void)flags;
    m->rw = VirtualAlloc(NULL, m->size, MEM_RESERVE | MEM_COMMIT,
                         PAGE_READWRITE);
    if (!m->rw) {
        return alloc_error();
    }
    m->rx = m->rw;
    return 0;
}

int portos__mem_exec_protect(PortosExecMem *m, bool writable)
{
    DWORD old;

    if (!VirtualProtect(m->rw, m->size,
                        writable ? PAGE_READWRITE : PAGE_EXECUTE_READ, &old)) {
        return portos__last_winerror();
    }
    return 0;
}

void portos__mem_exec_unmap(PortosExecMem *m)
{
    VirtualFree(m->rw, 0, MEM_RELEASE);
}
