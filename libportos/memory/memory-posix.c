/*
 * memory-posix.c - guest RAM, stacks and code memory with mmap
 */
#define _GNU_SOURCE
#include "memory-int.h"

#include <portos/error.h>

#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

#ifndef MAP_NORESERVE
#define MAP_NORESERVE 0
#endif
#ifndef MAP_STACK
#define MAP_STACK 0
#endif

struct PortosExecMem {
    void *rw;
    void *rx;
    size_t size;
};

size_t portos_page_size(void)
{
    static size_t page;

    if (!page) {
        long v = sysconf(_SC_PAGESIZE);
        page = v > 0 ? (size_t)v : 4096;
    }
    return page;
}

bool portos_guard_pages_supported(void)
{
    return true;
}

int portos_ram_alloc(void **out, size_t size, size_t align)
{
    size_t page = portos_page_size();
    size_t len = portos__page_round(size);
    size_t total;
    uintptr_t base, start, end, map_end;
    void *p;

    if (!out || !size || (align && !portos__is_pow2(align))) {
        return -EINVAL;
    }
    if (align < page) {
        align = page;
    }
    if (!len || len > SIZE_MAX - align - page) {
        return -ENOMEM;
    }
    /*
     * Reserve room for the alignment slack and a guard page, inaccessible,
     * then open up the aligned part and give the slack back.
     */
    total = len + (align - page) + page;
    p = mmap(NULL, total, PROT_NONE,
             MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (p == MAP_FAILED) {
        return -ENOMEM;
    }
    base = (uintptr_t)p;
    map_end = base + total;
    start = (base + align - 1) & ~(uintptr_t)(align - 1);
    end = start + len + page;
    if (start > base) {
        munmap(p, start - base);
    }
    if (map_end > end) {
        munmap((void *)end, map_end - end);
    }
    if (mprotect((void *)start, len, PROT_READ | PROT_WRITE) < 0) {
        int err = -errno;
        munmap((void *)start, len + page);
        return err == -EAGAIN ? -ENOMEM : err;
    }
    *out = (void *)start;
    return 0;
}

void portos_ram_free(void *ptr, size_t size)
{
    if (ptr) {
        munmap(ptr, portos__page_round(size) + portos_page_size());
    }
}

int portos_stack_alloc(void **out, size_t size)
{
    size_t page = portos_page_size();
    size_t len = portos__page_round(size);
    void *p;

    if (!out || !size) {
        return -EINVAL;
    }
    if (!len || len > SIZE_MAX - page) {
        return -ENOMEM;
    }
    p = mmap(NULL, len + page, PROT_READ | PROT_WRITE,
             MAP_PRIVATE | MAP_ANONYMOUS | MAP_STACK, -1, 0);
    if (p == MAP_FAILED) {
        return -ENOMEM;
    }
    /* Stacks grow down: the guard is the lowest page. */
    if (mprotect(p, page, PROT_NONE) < 0) {
        int err = -errno;
        munmap(p, len + page);
        return err;
    }
    *out = (char *)p + page;
    return 0;
}

void portos_stack_free(void *stack, size_t size)
{
    if (stack) {
        size_t page = portos_page_size();
        munmap((char *)stack - page, portos__page_round(size) + page);
    }
}

/* Two views of one memfd: writable here, executable there. */
static int execmem_split(PortosExecMem *m)
{
    int fd = memfd_create("portos-code", MFD_CLOEXEC);
    int err = 0;

    if (fd < 0) {
        return -errno;
    }
    if (ftruncate(fd, (off_t)m->size) < 0) {
        err = -errno;
        goto out;
    }
    m->rw = mmap(NULL, m->size, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    if (m->rw == MAP_FAILED) {
        err = -errno;
        goto out;
    }
    m->rx = mmap(NULL, m->size, PROT_READ | PROT_EXEC, MAP_SHARED, fd, 0);
    if (m->rx == MAP_FAILED) {
        err = -errno;
        munmap(m->rw, m->size);
    }
out:
    close(fd);
    return err;
}

static int execmem_single(PortosExecMem *m)
{
    m->rw = mmap(NULL, m->size, PROT_READ | PROT_WRITE | PROT_EXEC,
                 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (m->rw == MAP_FAILED) {
        return -errno;
    }
    m->rx = m->rw;
    return 0;
}

int portos_execmem_alloc(PortosExecMem **out, size_t size, unsigned flags)
{
    PortosExecMem *m;
    int err;

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
    if (flags & PORTOS_EXECMEM_SINGLE_VIEW) {
        err = execmem_single(m);
    } else {
        /* Documented fallback: kernels without memfd get one RWX view. */
        err = execmem_split(m);
        if (err == -ENOSYS) {
            err = execmem_single(m);
        }
    }
    if (err < 0) {
        free(m);
        return err;
    }
    *out = m;
    return 0;
}

void *portos_execmem_rw(PortosExecMem *mem)
{
    return mem->rw;
}

void *portos_execmem_rx(PortosExecMem *mem)
{
    return mem->rx;
}

size_t portos_execmem_size(const PortosExecMem *mem)
{
    return mem->size;
}

bool portos_execmem_split(const PortosExecMem *mem)
{
    return mem->rw != mem->rx;
}

/* The views never change protection on posix. */
int portos_execmem_write_begin(PortosExecMem *mem)
{
    return mem ? 0 : -EINVAL;
}

int portos_execmem_write_end(PortosExecMem *mem)
{
    return mem ? 0 : -EINVAL;
}

void portos_execmem_free(PortosExecMem *mem)
{
    if (!mem) {
        return;
    }
    if (mem->rx != mem->rw) {
        munmap(mem->rx, mem->size);
    }
    munmap(mem->rw, mem->size);
    free(mem);
}
