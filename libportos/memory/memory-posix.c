/*
 * memory-posix.c - guest RAM, stacks and code memory with mmap
 */
#define _GNU_SOURCE
#include "memory-int.h"

#include <portos/error.h>

#include <errno.h>
#include <stdint.h>
#include <sys/mman.h>
#include <unistd.h>

#ifndef MAP_NORESERVE
#define MAP_NORESERVE 0
#endif
#ifndef MAP_STACK
#define MAP_STACK 0
#endif

size_t portos__mem_page_size(void)
{
    long v = sysconf(_SC_PAGESIZE);

    return v > 0 ? (size_t)v : 4096;
}

bool portos__mem_guard_pages(void)
{
    return true;
}

int portos__mem_ram_map(void **out, size_t len, size_t align)
{
    size_t page = portos_page_size();
    size_t total;
    uintptr_t base, start, end, map_end;
    void *p;

    /*
     * Reserve room for the alignment slack and a guard page, inaccessible,
     * then open up the aligned part and give the slack back.
     */
    total = len + (align - page) + page;
    p = mmap(NULL, total, PROT_NONE,
             MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (p == MAP_FAILED) {
        return PORTOS_ENOMEM;
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
        return err == PORTOS_EAGAIN ? PORTOS_ENOMEM : err;
    }
    *out = (void *)start;
    return 0;
}

void portos__mem_ram_unmap(void *ptr, size_t len)
{
    munmap(ptr, len + portos_page_size());
}

int portos__mem_stack_map(void **out, size_t len)
{
    size_t page = portos_page_size();
    void *p = mmap(NULL, len + page, PROT_READ | PROT_WRITE,
                   MAP_PRIVATE | MAP_ANONYMOUS | MAP_STACK, -1, 0);

    if (p == MAP_FAILED) {
        return PORTOS_ENOMEM;
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

void portos__mem_stack_unmap(void *stack, size_t len)
{
    size_t page = portos_page_size();

    munmap((char *)stack - page, len + page);
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

int portos__mem_exec_map(PortosExecMem *m, unsigned flags)
{
    int err;

    if (flags & PORTOS_EXECMEM_SINGLE_VIEW) {
        return execmem_single(m);
    }
    /* Documented fallback: kernels without memfd get one RWX view. */
    err = execmem_split(m);
    return err == PORTOS_ENOSYS ? execmem_single(m) : err;
}

/* The views never change protection on posix. */
int portos__mem_exec_protect(PortosExecMem *m, bool writable)
{
    (void)m, (void)writable;
    return 0;
}

void portos__mem_exec_unmap(PortosExecMem *m)
{
    if (m->rx != m->rw) {
        munmap(m->rx, m->size);
    }
    munmap(m->rw, m->size);
}
