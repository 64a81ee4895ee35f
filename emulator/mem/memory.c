/*
 * Guest physical address space: region map, physical accesses for
 * loaders/DMA/page-table walkers, and translated-code page tracking.
 */
#include "mem/memory.h"

#include <errno.h>
#include <glib.h>
#include <string.h>

#include "mem/tlb.h"
#include "portos/memory.h"

struct MemAddressSpace {
    /* Sorted by base; a handful of regions, so binary search is plenty. */
    MemRegion **regions;
    unsigned nb_regions;
    MemRegion *last_hit;
    MemCodeWriteFn *code_write;
    void *code_write_opaque;
};

MemAddressSpace *mem_as_new(void)
{
    return g_new0(MemAddressSpace, 1);
}

void mem_as_free(MemAddressSpace *as)
{
    if (!as) {
        return;
    }
    for (unsigned i = 0; i < as->nb_regions; i++) {
        MemRegion *r = as->regions[i];
        if (r->host) {
            portos_ram_free(r->host, r->alloc_size);
        }
        g_free(r->code_map);
        g_free((char *)r->name);
        g_free(r);
    }
    g_free(as->regions);
    g_free(as);
}

MemRegion *mem_region_at(MemAddressSpace *as, unsigned i)
{
    return i < as->nb_regions ? as->regions[i] : NULL;
}

static bool range_ok(uint64_t base, uint64_t size)
{
    return size != 0 && base + size - 1 >= base;
}

static int insert_region(MemAddressSpace *as, MemRegion *r)
{
    unsigned pos = 0;

    while (pos < as->nb_regions && as->regions[pos]->base < r->base) {
        pos++;
    }
    /* Overlap with the neighbours? (end-inclusive to allow the top.) */
    if (pos > 0) {
        MemRegion *p = as->regions[pos - 1];
        if (p->base + (p->size - 1) >= r->base) {
            return -EINVAL;
        }
    }
    if (pos < as->nb_regions &&
        r->base + (r->size - 1) >= as->regions[pos]->base) {
        return -EINVAL;
    }
    as->regions = g_renew(MemRegion *, as->regions, as->nb_regions + 1);
    memmove(&as->regions[pos + 1], &as->regions[pos],
            (as->nb_regions - pos) * sizeof(MemRegion *));
    as->regions[pos] = r;
    as->nb_regions++;
    r->as = as;
    return 0;
}

static int add_memory(MemAddressSpace *as, const char *name, uint64_t base,
                      uint64_t size, MemRegionKind kind, const MemOps *ops,
                      void *opaque, void **host)
{
    MemRegion *r;
    void *p;
    int ret;

    if (!range_ok(base, size) || (base | size) & (TARGET_PAGE_SIZE - 1) ||
        size > SIZE_MAX) {
        return -EINVAL;
    }
    ret = portos_ram_alloc(&p, (size_t)size, 0);
    if (ret < 0) {
        return ret;
    }
    r = g_new0(MemRegion, 1);
    r->name = g_strdup(name);
    r->kind = kind;
    r->base = base;
    r->size = size;
    r->host = p;
    r->alloc_size = (size_t)size;
    r->ops = ops;
    r->opaque = opaque;
    r->code_map = g_new0(uint8_t, size >> TARGET_PAGE_BITS);
    ret = insert_region(as, r);
    if (ret < 0) {
        portos_ram_free(p, (size_t)size);
        g_free(r->code_map);
        g_free((char *)r->name);
        g_free(r);
        return ret;
    }
    if (host) {
        *host = p;
    }
    return 0;
}

int mem_add_ram(MemAddressSpace *as, const char *name, uint64_t base,
                uint64_t size, void **host)
{
    return add_memory(as, name, base, size, MEM_REGION_RAM, NULL, NULL, host);
}

int mem_add_rom(MemAddressSpace *as, const char *name, uint64_t base,
                uint64_t size, const MemOps *ops, void *opaque, void **host)
{
    if (ops && !ops->write) {
        return -EINVAL;
    }
    return add_memory(as, name, base, size, MEM_REGION_ROM, ops, opaque,
                      host);
}

int mem_add_mmio(MemAddressSpace *as, const char *name, uint64_t base,
                 uint64_t size, const MemOps *ops, void *opaque)
{
    MemRegion *r;
    int ret;

    if (!range_ok(base, size) || !ops || !ops->read || !ops->write) {
        return -EINVAL;
    }
    r = g_new0(MemRegion, 1);
    r->name = g_strdup(name);
    r->kind = MEM_REGION_MMIO;
    r->base = base;
    r->size = size;
    r->ops = ops;
    r->opaque = opaque;
    ret = insert_region(as, r);
    if (ret < 0) {
        g_free((char *)r->name);
        g_free(r);
    }
    return ret;
}

MemRegion *mem_find(MemAddressSpace *as, uint64_t paddr)
{
    MemRegion *r = as->last_hit;
    unsigned lo = 0, hi = as->nb_regions;

    if (r && paddr - r->base < r->size) {
        return r;
    }
    while (lo < hi) {
        unsigned mid = (lo + hi) / 2;
        r = as->regions[mid];
        if (paddr < r->base) {
            hi = mid;
        } else if (paddr - r->base >= r->size) {
            lo = mid + 1;
        } else {
            as->last_hit = r;
            return r;
        }
    }
    return NULL;
}

void mem_region_read(MemRegion *r, uint64_t off, unsigned size,
                     uint64_t *val)
{
    if (r->kind == MEM_REGION_MMIO) {
        r->stat_reads++;
        *val = r->ops->read(r->opaque, off, size);
        return;
    }
    /* RAM/ROM: assemble a little-endian number from the bytes. */
    uint64_t v = 0;
    for (unsigned i = 0; i < size; i++) {
        v |= (uint64_t)r->host[off + i] << (8 * i);
    }
    *val = v;
}

void mem_region_write(MemRegion *r, uint64_t off, unsigned size,
                      uint64_t val)
{
    switch (r->kind) {
    case MEM_REGION_MMIO:
        r->stat_writes++;
        r->ops->write(r->opaque, off, val, size);
        break;
    case MEM_REGION_ROM:
        if (r->ops) {
            r->ops->write(r->opaque, off, val, size);
        }
        break;
    case MEM_REGION_RAM:
        for (unsigned i = 0; i < size; i++) {
            r->host[off + i] = (uint8_t)(val >> (8 * i));
        }
        break;
    }
}

/* Largest naturally aligned MMIO access size <= 4 for this chunk. */
static unsigned mmio_chunk(uint64_t addr, size_t len)
{
    unsigned s = 4;

    while (s > 1 && ((addr & (s - 1)) || len < s)) {
        s >>= 1;
    }
    return s;
}

static MemTxResult mem_rw(MemAddressSpace *as, uint64_t paddr, void *buf,
                          size_t len, bool is_write)
{
    uint8_t *p = buf;

    while (len > 0) {
        MemRegion *r = mem_find(as, paddr);
        uint64_t off, avail;
        size_t n;

        if (!r) {
            return MEM_TX_DECODE_ERROR;
        }
        off = paddr - r->base;
        avail = r->size - off;
        n = len < avail ? len : (size_t)avail;
        if (r->kind == MEM_REGION_MMIO) {
            unsigned s = mmio_chunk(paddr, n);
            uint64_t v = 0;
            if (is_write) {
                for (unsigned i = 0; i < s; i++) {
                    v |= (uint64_t)p[i] << (8 * i);
                }
                r->ops->write(r->opaque, off, v, s);
            } else {
                v = r->ops->read(r->opaque, off, s);
                for (unsigned i = 0; i < s; i++) {
                    p[i] = (uint8_t)(v >> (8 * i));
                }
            }
            n = s;
        } else if (is_write) {
            mem_code_write(as, NULL, paddr, n);
            memcpy(r->host + off, p, n);
        } else {
            memcpy(p, r->host + off, n);
        }
        p += n;
        paddr += n;
        len -= n;
        if (len && paddr == 0) {
            return MEM_TX_DECODE_ERROR;   /* wrapped past the top */
        }
    }
    return MEM_TX_OK;
}

MemTxResult mem_read(MemAddressSpace *as, uint64_t paddr, void *buf,
                     size_t len)
{
    return mem_rw(as, paddr, buf, len, false);
}

MemTxResult mem_write(MemAddressSpace *as, uint64_t paddr, const void *buf,
                      size_t len)
{
    /* mem_rw only reads from buf when writing. */
    return mem_rw(as, paddr, (void *)buf, len, true);
}

static uint64_t le_bytes(const uint8_t *b, unsigned n)
{
    uint64_t v = 0;

    for (unsigned i = 0; i < n; i++) {
        v |= (uint64_t)b[i] << (8 * i);
    }
    return v;
}

static uint64_t be_bytes(const uint8_t *b, unsigned n)
{
    uint64_t v = 0;

    for (unsigned i = 0; i < n; i++) {
        v = (v << 8) | b[i];
    }
    return v;
}

MemTxResult mem_ldl_le(MemAddressSpace *as, uint64_t paddr, uint32_t *val)
{
    uint8_t b[4];
    MemTxResult r = mem_read(as, paddr, b, 4);

    *val = r == MEM_TX_OK ? (uint32_t)le_bytes(b, 4) : 0;
    return r;
}

MemTxResult mem_ldq_le(MemAddressSpace *as, uint64_t paddr, uint64_t *val)
{
    uint8_t b[8];
    MemTxResult r = mem_read(as, paddr, b, 8);

    *val = r == MEM_TX_OK ? le_bytes(b, 8) : 0;
    return r;
}

MemTxResult mem_ldl_be(MemAddressSpace *as, uint64_t paddr, uint32_t *val)
{
    uint8_t b[4];
    MemTxResult r = mem_read(as, paddr, b, 4);

    *val = r == MEM_TX_OK ? (uint32_t)be_bytes(b, 4) : 0;
    return r;
}

MemTxResult mem_ldq_be(MemAddressSpace *as, uint64_t paddr, uint64_t *val)
{
    uint8_t b[8];
    MemTxResult r = mem_read(as, paddr, b, 8);

    *val = r == MEM_TX_OK ? be_bytes(b, 8) : 0;
    return r;
}

MemTxResult mem_stl_le(MemAddressSpace *as, uint64_t paddr, uint32_t val)
{
    uint8_t b[4];

    for (int i = 0; i < 4; i++) {
        b[i] = (uint8_t)(val >> (8 * i));
    }
    return mem_write(as, paddr, b, 4);
}

void *mem_ram_ptr(MemAddressSpace *as, uint64_t paddr, size_t len)
{
    MemRegion *r = mem_find(as, paddr);

    if (!r || r->kind != MEM_REGION_RAM || len > r->size - (paddr - r->base)) {
        return NULL;
    }
    return r->host + (paddr - r->base);
}

void mem_notify_write(MemAddressSpace *as, uint64_t paddr, uint64_t len)
{
    mem_code_write(as, NULL, paddr, len);
}

void mem_set_code_write_hook(MemAddressSpace *as, MemCodeWriteFn *fn,
                             void *opaque)
{
    as->code_write = fn;
    as->code_write_opaque = opaque;
}

void mem_set_code_page(MemAddressSpace *as, uint64_t paddr, bool code)
{
    MemRegion *r = mem_find(as, paddr);

    if (r && r->code_map) {
        r->code_map[(paddr - r->base) >> TARGET_PAGE_BITS] = code;
    }
}

bool mem_is_code_page(MemAddressSpace *as, uint64_t paddr)
{
    MemRegion *r = mem_find(as, paddr);

    return r && r->code_map &&
           r->code_map[(paddr - r->base) >> TARGET_PAGE_BITS];
}

void mem_code_write(MemAddressSpace *as, void *cpu, uint64_t paddr,
                    uint64_t len)
{
    uint64_t page, last;

    if (!as->code_write || len == 0) {
        return;
    }
    last = (paddr + len - 1) & TARGET_PAGE_MASK;
    for (page = paddr & TARGET_PAGE_MASK;; page += TARGET_PAGE_SIZE) {
        if (mem_is_code_page(as, page)) {
            /* Once per call: the hook handles the whole range. */
            as->code_write(as->code_write_opaque, cpu, paddr, len);
            return;
        }
        if (page == last) {
            return;
        }
    }
}
