/*
 * portos/memory.h - host memory for guest RAM, stacks and generated code
 *
 * posix: mmap with guard pages, MAP_NORESERVE, memfd double mapping for
 * executable memory. wasm: aligned heap allocation, no guard pages and no
 * executable memory (PORTOS_ENOTSUP). win32: VirtualAlloc reserve + commit with
 * guard pages, VirtualProtect for W^X. See docs/libportos.md for the table.
 */
#ifndef PORTOS_MEMORY_H
#define PORTOS_MEMORY_H

#include <stdbool.h>
#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/** portos_page_size: the host page size in bytes (a power of two). */
size_t portos_page_size(void);

/**
 * portos_ram_alloc: allocate zero-filled memory for guest RAM.
 * @out: receives the start of the block
 * @size: bytes wanted (> 0); rounded up to whole host pages
 * @align: power-of-two alignment of the start, 0 for page alignment
 *
 * The block is followed by an inaccessible guard page where the backend
 * supports guard pages, and is not charged against swap (MAP_NORESERVE)
 * where the OS honours that. Free it with portos_ram_free() and the same
 * @size.
 *
 * Returns: 0, PORTOS_EINVAL for a zero size or an @align that is not a power of
 * two, PORTOS_ENOMEM when the address space or memory is exhausted.
 */
int portos_ram_alloc(void **out, size_t size, size_t align);

/** portos_ram_free: release a block from portos_ram_alloc() (NULL is ok). */
void portos_ram_free(void *ptr, size_t size);

/**
 * portos_guard_pages_supported: true when the backend places guard pages
 * (accesses to them fault) after RAM blocks and below stacks.
 */
bool portos_guard_pages_supported(void);

/**
 * portos_stack_alloc: allocate a stack for a coroutine or thread.
 * @out: receives the lowest usable address
 * @size: usable bytes (rounded up to whole pages)
 *
 * A guard page sits below the usable area (stacks grow down) where
 * supported. Returns: 0, PORTOS_EINVAL, PORTOS_ENOMEM.
 */
int portos_stack_alloc(void **out, size_t size);

/** portos_stack_free: release a stack from portos_stack_alloc(). */
void portos_stack_free(void *stack, size_t size);

typedef struct PortosExecMem PortosExecMem;

/** Ask for one view that is both writable and executable (no memfd). */
#define PORTOS_EXECMEM_SINGLE_VIEW 0x1u

/**
 * portos_execmem_alloc: allocate memory for generated machine code.
 * @out: receives the handle
 * @size: bytes wanted
 * @flags: 0 or PORTOS_EXECMEM_SINGLE_VIEW
 *
 * Where the OS allows it (Linux memfd) the code gets two views of the same
 * pages: a writable one and an executable one, so no page is ever writable
 * and executable at once. When memfd is missing, or the caller asks with
 * PORTOS_EXECMEM_SINGLE_VIEW, posix uses one RWX mapping; win32 always has
 * one view and toggles RW/RX in portos_execmem_write_begin()/_end().
 *
 * Returns: 0, PORTOS_ENOMEM, or PORTOS_ENOTSUP where the platform has no
 * executable memory (wasm).
 */
int portos_execmem_alloc(PortosExecMem **out, size_t size, unsigned flags);

/** portos_execmem_rw: the address to write code through. */
void *portos_execmem_rw(PortosExecMem *mem);

/** portos_execmem_rx: the address to execute code from. */
void *portos_execmem_rx(PortosExecMem *mem);

/** portos_execmem_size: usable size in bytes (whole pages). */
size_t portos_execmem_size(const PortosExecMem *mem);

/** portos_execmem_split: true when the rw and rx views are distinct. */
bool portos_execmem_split(const PortosExecMem *mem);

/**
 * portos_execmem_write_begin: make the rw view writable (W^X platforms).
 * portos_execmem_write_end: make the code executable again; call
 * portos_flush_icache() afterwards.
 *
 * Returns: 0 or a PORTOS_E* code.
 */
int portos_execmem_write_begin(PortosExecMem *mem);
int portos_execmem_write_end(PortosExecMem *mem);

/** portos_execmem_free: release the memory and its views (NULL is ok). */
void portos_execmem_free(PortosExecMem *mem);

#ifdef __cplusplus
}
#endif

#endif
