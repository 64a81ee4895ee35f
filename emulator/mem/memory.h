/*
 * The guest physical address space.
 *
 * An address space is a set of non-overlapping regions:
 *  - RAM: host memory from libportos (portos_ram_alloc), read and written
 *    directly, also by the TLB fast path;
 *  - ROM: like RAM for reads; guest writes go to an optional MMIO-style
 *    write callback (e.g. flash command registers) or are ignored;
 *  - MMIO: device callbacks with fixed prototypes.
 * An access that hits no region, or runs past a region's end, fails with
 * MEM_TX_DECODE_ERROR; the TLB turns that into a guest bus error.  Host
 * memory outside a RAM block is never touched.
 *
 * The map is fixed once CPUs run: adding a region does not flush TLBs.
 */
#ifndef MEM_MEMORY_H
#define MEM_MEMORY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct MemAddressSpace MemAddressSpace;
typedef struct MemRegion MemRegion;

/**
 * MemOps: device callbacks.  @size is 1, 2, 4 or 8; @offset is relative
 * to the region base; values are little-endian numbers (a big-endian
 * guest access is byte-swapped before/after the callback).  Accesses are
 * passed as the guest made them (possibly unaligned); a device that only
 * implements some sizes ignores or splits the others itself.
 */
typedef struct MemOps {
    uint64_t (*read)(void *opaque, uint64_t offset, unsigned size);
    void (*write)(void *opaque, uint64_t offset, uint64_t value,
                  unsigned size);
} MemOps;

typedef enum MemTxResult {
    MEM_TX_OK = 0,
    MEM_TX_DECODE_ERROR = 1,  /* nothing at that address */
} MemTxResult;

typedef enum MemRegionKind {
    MEM_REGION_RAM,
    MEM_REGION_ROM,
    MEM_REGION_MMIO,
} MemRegionKind;

/**
 * MemRegion: one mapped region.  Read-only for users; the TLB uses the
 * fields directly.
 * @code_map: one byte per target page of a RAM/ROM region, non-zero when
 *            translated code was made from that page (writes must then
 *            invalidate it); NULL for MMIO.
 */
struct MemRegion {
    MemAddressSpace *as;
    const char *name;
    MemRegionKind kind;
    uint64_t base, size;
    uint8_t *host;               /* RAM/ROM */
    const MemOps *ops;           /* MMIO; ROM: write callback or NULL */
    void *opaque;
    uint8_t *code_map;
    size_t alloc_size;           /* bytes from portos_ram_alloc */
    uint64_t stat_reads, stat_writes;  /* MMIO accesses by CPUs (-d stats) */
};

/**
 * MemCodeWriteFn: called when a write (by a CPU or by DMA) touches a page
 * holding translated code, before the bytes change.
 * @cpu: the CPUState writing (the TLB owner), or NULL for DMA/loaders.
 */
typedef void MemCodeWriteFn(void *opaque, void *cpu, uint64_t paddr,
                            uint64_t len);

/** mem_as_new: an empty address space. */
MemAddressSpace *mem_as_new(void);
/** mem_as_free: unmap everything and free host RAM. */
void mem_as_free(MemAddressSpace *as);

/**
 * mem_add_ram: map @size bytes of zeroed RAM at @base.
 * @base, @size: page aligned (TARGET_PAGE_SIZE), non-zero size.
 * @host: if non-NULL, receives the host pointer of the block.
 * Returns: 0, -EINVAL (misaligned, overlapping, wraps) or -ENOMEM.
 */
int mem_add_ram(MemAddressSpace *as, const char *name, uint64_t base,
                uint64_t size, void **host);
/**
 * mem_add_rom: as mem_add_ram, but guest stores do not change the memory:
 * they go to @ops->write (if @ops is non-NULL) or are ignored.  Loaders
 * fill it through the host pointer or mem_write().
 */
int mem_add_rom(MemAddressSpace *as, const char *name, uint64_t base,
                uint64_t size, const MemOps *ops, void *opaque, void **host);
/**
 * mem_add_mmio: map a device at [@base, @base + @size).
 * Returns: 0 or -EINVAL (overlap, zero size, wraps, NULL callbacks).
 */
int mem_add_mmio(MemAddressSpace *as, const char *name, uint64_t base,
                 uint64_t size, const MemOps *ops, void *opaque);

/** mem_region_at: the @i-th region by address (for listings), or NULL past the last. */
MemRegion *mem_region_at(MemAddressSpace *as, unsigned i);

/** mem_find: the region containing @paddr, or NULL. */
MemRegion *mem_find(MemAddressSpace *as, uint64_t paddr);

/**
 * mem_read / mem_write: copy between host memory and guest physical
 * memory (loaders, DMA, page-table walkers).  May span regions.  MMIO is
 * accessed with the largest naturally aligned sizes up to 4 bytes.  ROM
 * is writable through mem_write (it is how ROMs are loaded).  Writes to
 * pages holding translated code invalidate it.
 * Returns: MEM_TX_OK, or MEM_TX_DECODE_ERROR if any byte is unmapped
 *          (bytes before it may have been transferred).
 */
MemTxResult mem_read(MemAddressSpace *as, uint64_t paddr, void *buf,
                     size_t len);
MemTxResult mem_write(MemAddressSpace *as, uint64_t paddr, const void *buf,
                      size_t len);

/* Little-endian physical loads/stores for page-table walkers. */
MemTxResult mem_ldl_le(MemAddressSpace *as, uint64_t paddr, uint32_t *val);
MemTxResult mem_ldq_le(MemAddressSpace *as, uint64_t paddr, uint64_t *val);
MemTxResult mem_stl_le(MemAddressSpace *as, uint64_t paddr, uint32_t val);
MemTxResult mem_ldl_be(MemAddressSpace *as, uint64_t paddr, uint32_t *val);
MemTxResult mem_ldq_be(MemAddressSpace *as, uint64_t paddr, uint64_t *val);

/**
 * mem_ram_ptr: host pointer to [@paddr, @paddr + @len) if it lies inside
 * one RAM region, else NULL.  Writing through it bypasses code
 * invalidation: call mem_notify_write() for ranges that may hold code.
 */
void *mem_ram_ptr(MemAddressSpace *as, uint64_t paddr, size_t len);
/** mem_notify_write: tell the code tracker that host code wrote there. */
void mem_notify_write(MemAddressSpace *as, uint64_t paddr, uint64_t len);

/**
 * mem_region_read / mem_region_write: one access of @size (1/2/4/8) bytes
 * inside @r at region offset @off (the caller checked the bounds); @val is
 * a little-endian number.  Used by the TLB slow path: ROM writes go to its
 * callback (or nowhere); RAM writes bypass code tracking.
 */
void mem_region_read(MemRegion *r, uint64_t off, unsigned size,
                     uint64_t *val);
void mem_region_write(MemRegion *r, uint64_t off, unsigned size,
                      uint64_t val);

/* Translated-code tracking (used by the exec room). */
/** mem_set_code_write_hook: who is told about writes to code pages. */
void mem_set_code_write_hook(MemAddressSpace *as, MemCodeWriteFn *fn,
                             void *opaque);
/** mem_set_code_page: mark/unmark the page at @paddr as holding code. */
void mem_set_code_page(MemAddressSpace *as, uint64_t paddr, bool code);
/** mem_is_code_page: whether the page at @paddr holds code. */
bool mem_is_code_page(MemAddressSpace *as, uint64_t paddr);
/** mem_code_write: call the hook for [@paddr, +@len) if it is code. */
void mem_code_write(MemAddressSpace *as, void *cpu, uint64_t paddr,
                    uint64_t len);

#endif /* MEM_MEMORY_H */
