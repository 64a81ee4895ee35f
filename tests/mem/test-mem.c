/*
 * Physical address space and softmmu TLB: region map, physical accesses,
 * TLB hit/miss/MMIO/ROM/unmapped/unaligned/code-page paths and flushes.
 */
#include <check.h>
#include <errno.h>
#include <glib.h>
#include <setjmp.h>
#include <string.h>

#include "mem/memory.h"
#include "mem/tlb.h"
#include "portos-test.h"

#define RAM_BASE 0x40000000u
#define RAM_SIZE (64u * 1024)
#define ROM_BASE 0x0u
#define DEV_BASE 0x09000000u

/* ---- a recording device ---- */

typedef struct Dev {
    uint64_t regs[16];
    int reads, writes;
    uint64_t last_off;
    unsigned last_size;
} Dev;

static uint64_t dev_read(void *opaque, uint64_t off, unsigned size)
{
    Dev *d = opaque;

    d->reads++;
    d->last_off = off;
    d->last_size = size;
    return d->regs[(off / 8) % 16] + off;
}

static void dev_write(void *opaque, uint64_t off, uint64_t val, unsigned size)
{
    Dev *d = opaque;

    d->writes++;
    d->last_off = off;
    d->last_size = size;
    d->regs[(off / 8) % 16] = val;
}

static const MemOps dev_ops = { dev_read, dev_write };

/* ---- fixture ---- */

static MemAddressSpace *as;
static uint8_t *ram, *rom;
static Dev dev, dev2;

static void setup(void)
{
    void *p;

    memset(&dev, 0, sizeof(dev));
    memset(&dev2, 0, sizeof(dev2));
    as = mem_as_new();
    ck_assert_int_eq(mem_add_ram(as, "ram", RAM_BASE, RAM_SIZE, &p), 0);
    ram = p;
    ck_assert_int_eq(mem_add_rom(as, "rom", ROM_BASE, 0x2000, NULL, NULL, &p),
                     0);
    rom = p;
    ck_assert_int_eq(mem_add_mmio(as, "dev", DEV_BASE, 0x200, &dev_ops, &dev),
                     0);
    ck_assert_int_eq(mem_add_mmio(as, "dev2", DEV_BASE + 0x200, 0x200,
                                  &dev_ops, &dev2), 0);
}

static void teardown(void)
{
    mem_as_free(as);
}

START_TEST(test_regions)
{
    void *p;

    ck_assert_ptr_eq(mem_find(as, RAM_BASE + 5)->host, ram);
    ck_assert_ptr_null(mem_find(as, RAM_BASE + RAM_SIZE));
    ck_assert_ptr_null(mem_find(as, 0x2000));
    ck_assert_int_eq(mem_find(as, DEV_BASE + 0x1ff)->kind, MEM_REGION_MMIO);
    ck_assert_ptr_eq(mem_find(as, DEV_BASE + 0x200)->opaque, &dev2);
    /* Listed in address order; NULL past the last. */
    for (unsigned i = 1; mem_region_at(as, i); i++) {
        ck_assert_uint_gt(mem_region_at(as, i)->base, mem_region_at(as, i - 1)->base);
    }
    ck_assert_ptr_nonnull(mem_region_at(as, 3));
    ck_assert_ptr_null(mem_region_at(as, 4));
    ck_assert_ptr_null(mem_region_at(as, UINT32_MAX));
    /* Overlaps, misalignment, empty and wrapping ranges are refused. */
    ck_assert_int_eq(mem_add_ram(as, "x", RAM_BASE + 0x1000, 0x1000, &p), -EINVAL);
    ck_assert_int_eq(mem_add_ram(as, "x", RAM_BASE - 0x1000, 0x2000, &p), -EINVAL);
    ck_assert_int_eq(mem_add_ram(as, "x", 0x10000800, 0x1000, &p), -EINVAL);
    ck_assert_int_eq(mem_add_ram(as, "x", 0x10000000, 0, &p), -EINVAL);
    ck_assert_int_eq(mem_add_mmio(as, "x", DEV_BASE + 0x100, 0x10, &dev_ops, &dev), -EINVAL);
    ck_assert_int_eq(mem_add_mmio(as, "x", UINT64_MAX - 4, 0x10, &dev_ops, &dev), -EINVAL);
    ck_assert_int_eq(mem_add_mmio(as, "x", 0x20000000, 0x10, NULL, NULL), -EINVAL);
    /* The top of the address space is usable. */
    ck_assert_int_eq(mem_add_mmio(as, "top", UINT64_MAX - 0xf, 0x10, &dev_ops, &dev), 0);
    ck_assert_ptr_nonnull(mem_find(as, UINT64_MAX));
    /* RAM starts zeroed */
    for (unsigned i = 0; i < RAM_SIZE; i += 512) {
        ck_assert_uint_eq(ram[i], 0);
    }
}
END_TEST

START_TEST(test_phys_rw)
{
    uint8_t buf[16];
    uint32_t v32;
    uint64_t v64;

    for (int i = 0; i < 16; i++) {
        buf[i] = (uint8_t)(i + 1);
    }
    ck_assert_int_eq(mem_write(as, RAM_BASE + 10, buf, 16), MEM_TX_OK);
    ck_assert_int_eq(memcmp(ram + 10, buf, 16), 0);
    ck_assert_int_eq(mem_ldl_le(as, RAM_BASE + 10, &v32), MEM_TX_OK);
    ck_assert_uint_eq(v32, 0x04030201);
    ck_assert_int_eq(mem_ldl_be(as, RAM_BASE + 10, &v32), MEM_TX_OK);
    ck_assert_uint_eq(v32, 0x01020304);
    ck_assert_int_eq(mem_ldq_le(as, RAM_BASE + 10, &v64), MEM_TX_OK);
    ck_assert_uint_eq(v64, 0x0807060504030201ull);
    ck_assert_int_eq(mem_ldq_be(as, RAM_BASE + 10, &v64), MEM_TX_OK);
    ck_assert_uint_eq(v64, 0x0102030405060708ull);
    ck_assert_int_eq(mem_stl_le(as, RAM_BASE, 0xdeadbeef), MEM_TX_OK);
    ck_assert_uint_eq(ram[0], 0xef);
    ck_assert_uint_eq(ram[3], 0xde);

    /* Past the end of RAM: a decode error, nothing outside is touched. */
    ck_assert_int_eq(mem_write(as, RAM_BASE + RAM_SIZE - 2, buf, 4),
                     MEM_TX_DECODE_ERROR);
    ck_assert_uint_eq(ram[RAM_SIZE - 1], 2);
    ck_assert_int_eq(mem_ldl_le(as, 0x30000000, &v32), MEM_TX_DECODE_ERROR);
    ck_assert_uint_eq(v32, 0);

    /* ROM is loadable through mem_write. */
    ck_assert_int_eq(mem_write(as, ROM_BASE + 4, buf, 4), MEM_TX_OK);
    ck_assert_uint_eq(rom[4], 1);

    /* MMIO is split into aligned accesses of at most 4 bytes. */
    ck_assert_int_eq(mem_write(as, DEV_BASE + 8, buf, 6), MEM_TX_OK);
    ck_assert_int_eq(dev.writes, 2);
    ck_assert_uint_eq(dev.last_off, 12);
    ck_assert_uint_eq(dev.last_size, 2);
    ck_assert_int_eq(mem_read(as, DEV_BASE + 0x20, buf, 1), MEM_TX_OK);
    ck_assert_uint_eq(dev.last_size, 1);
    ck_assert_uint_eq(buf[0], 0x20);

    ck_assert_ptr_eq(mem_ram_ptr(as, RAM_BASE + 100, 100), ram + 100);
    ck_assert_ptr_null(mem_ram_ptr(as, RAM_BASE + RAM_SIZE - 4, 8));
    ck_assert_ptr_null(mem_ram_ptr(as, ROM_BASE, 4));
    ck_assert_ptr_null(mem_ram_ptr(as, DEV_BASE, 4));
}
END_TEST

/* ---- TLB with a test "MMU" ---- */

static CPUTLB tlb;
static jmp_buf fault_env;
static int fills, bus_errors, unaligneds, flushes_all, flushes_page;
static uint64_t last_bus_paddr, last_fault_vaddr;
static MMUAccessType last_access;
/* vaddr page -> paddr page mapping table (0 = unmapped). */
static uint64_t map_v[8], map_p[8];
static int map_prot[8];
static int code_writes;
static uint64_t code_write_addr;
static void *code_write_cpu;

static void map(int i, uint64_t v, uint64_t p, int prot)
{
    map_v[i] = v;
    map_p[i] = p;
    map_prot[i] = prot;
}

static bool t_fill(void *cpu, uint64_t vaddr, unsigned size,
                   MMUAccessType access, unsigned mmu_idx, bool probe)
{
    static const int need[] = { PAGE_READ, PAGE_WRITE, PAGE_EXEC };

    fills++;
    for (int i = 0; i < 8; i++) {
        if (map_v[i] == (vaddr & TARGET_PAGE_MASK) && map_prot[i] & need[access]) {
            tlb_set_page(&tlb, vaddr, map_p[i], map_prot[i], mmu_idx);
            return true;
        }
    }
    if (probe) {
        return false;
    }
    last_fault_vaddr = vaddr;
    last_access = access;
    longjmp(fault_env, 1);
}

static void t_bus_error(void *cpu, uint64_t vaddr, uint64_t paddr,
                        unsigned size, MMUAccessType access, unsigned mmu_idx)
{
    bus_errors++;
    last_bus_paddr = paddr;
    last_access = access;
    longjmp(fault_env, 2);
}

static void t_unaligned(void *cpu, uint64_t vaddr, MMUAccessType access,
                        unsigned mmu_idx)
{
    unaligneds++;
    last_fault_vaddr = vaddr;
    longjmp(fault_env, 3);
}

static void t_flushed(void *cpu, uint64_t vaddr, bool all)
{
    if (all) {
        flushes_all++;
    } else {
        flushes_page++;
    }
}

static int watch_hits;
static uint64_t watch_vaddr;
static MMUAccessType watch_access;
static const TLBWatchpoint *watch_wp;

/* Records the hit and lets the access happen. */
static void t_watch_hit(void *cpu, uint64_t vaddr, unsigned size,
                        MMUAccessType access, const TLBWatchpoint *wp)
{
    watch_hits++;
    watch_vaddr = vaddr;
    watch_access = access;
    watch_wp = wp;
}

static const CPUTLBHooks hooks = { t_fill, t_bus_error, t_unaligned, t_flushed,
                                   t_watch_hit };

static void code_write_hook(void *opaque, void *cpu, uint64_t paddr,
                            uint64_t len)
{
    code_writes++;
    code_write_addr = paddr;
    code_write_cpu = cpu;
    ck_assert_ptr_eq(opaque, &code_writes);
    /* The code is gone: the page stops being a code page. */
    mem_set_code_page(as, paddr, false);
}

static void tlb_setup(void)
{
    setup();
    fills = bus_errors = unaligneds = flushes_all = flushes_page = 0;
    code_writes = 0;
    memset(map_v, 0xff, sizeof(map_v));
    ck_assert_int_eq(tlb_init(&tlb, as, 2, &hooks, &tlb), 0);
    map(0, 0x10000, RAM_BASE, PAGE_READ | PAGE_WRITE | PAGE_EXEC);
    map(1, 0x11000, RAM_BASE + 0x1000, PAGE_READ | PAGE_WRITE);
    map(2, 0x20000, DEV_BASE, PAGE_READ | PAGE_WRITE);
    map(3, 0x30000, 0x30000000, PAGE_READ | PAGE_WRITE | PAGE_EXEC); /* nothing */
    map(4, 0x40000, ROM_BASE, PAGE_READ | PAGE_WRITE | PAGE_EXEC);
    map(5, 0x50000, RAM_BASE + 0x2000, PAGE_READ);
    mem_set_code_write_hook(as, code_write_hook, &code_writes);
}

static void tlb_teardown(void)
{
    tlb_destroy(&tlb);
    teardown();
}

START_TEST(test_tlb_init_flush)
{
    CPUTLB t2;

    ck_assert_int_eq(tlb_init(&t2, as, 0, &hooks, NULL), -EINVAL);
    ck_assert_int_eq(tlb_init(&t2, as, TLB_MAX_MMU_MODES + 1, &hooks, NULL), -EINVAL);
    /* Empty entries never match any access. */
    for (unsigned i = 0; i < TLB_SIZE; i++) {
        ck_assert_uint_eq(tlb.table[0][i].addr_read, TLB_EMPTY);
    }
    /* Nothing was dropped: the owner is not told. */
    ck_assert_int_eq(flushes_all, 0);
}
END_TEST

START_TEST(test_tlb_hit_miss)
{
    ram[0x10] = 0x11;
    ram[0x11] = 0x22;
    ram[0x12] = 0x33;
    ram[0x13] = 0x84;
    ck_assert_uint_eq(tlb_load(&tlb, 0x10010, MO_UL, 0), 0x84332211u);
    ck_assert_int_eq(fills, 1);
    /* Second access to the page: fast path, no fill. */
    ck_assert_uint_eq(tlb_load(&tlb, 0x10012, MO_UW, 0), 0x8433u);
    ck_assert_uint_eq(tlb_load(&tlb, 0x10010, MO_SL, 0),
                      (uint64_t)(int64_t)(int32_t)0x84332211u);
    ck_assert_uint_eq(tlb_load(&tlb, 0x10013, MO_SB, 0), (uint64_t)-124);
    ck_assert_int_eq(fills, 1);
    /* The entry carries the host address as an addend. */
    CPUTLBEntry *e = tlb_entry(&tlb, 0, 0x10010);
    ck_assert_uint_eq(e->addr_read, 0x10000);
    ck_assert_ptr_eq((void *)(uintptr_t)(0x10010 + e->addend), ram + 0x10);
    /* Other MMU index: separate table, so another fill. */
    ck_assert_uint_eq(tlb_load(&tlb, 0x10010, MO_UB, 1), 0x11);
    ck_assert_int_eq(fills, 2);
    /* Stores, both endiannesses. */
    tlb_store(&tlb, 0x10020, 0x0102030405060708ull, MO_UQ, 0);
    ck_assert_uint_eq(ram[0x20], 0x08);
    tlb_store(&tlb, 0x10030, 0x01020304, MO_BEUL, 0);
    ck_assert_uint_eq(ram[0x30], 0x01);
    ck_assert_uint_eq(tlb_load(&tlb, 0x10030, MO_BEUL, 0), 0x01020304);
    ck_assert_uint_eq(tlb_load(&tlb, 0x10030, MO_BESW, 0), 0x0102);
    ck_assert_uint_eq(tlb_load(&tlb, 0x10020, MO_BEUQ, 0), 0x0807060504030201ull);
    /* Read-only page: write permission missing -> fill -> fault. */
    if (setjmp(fault_env) == 0) {
        tlb_store(&tlb, 0x50000, 1, MO_UB, 0);
        ck_abort_msg("store to a read-only page succeeded");
    }
    ck_assert_uint_eq(last_fault_vaddr, 0x50000);
    ck_assert_int_eq(last_access, MMU_DATA_STORE);
    ck_assert_uint_eq(ram[0x2000], 0);
    /* Unmapped virtual page: the fill hook faults. */
    if (setjmp(fault_env) == 0) {
        tlb_load(&tlb, 0x90000, MO_UB, 0);
        ck_abort_msg("load from an unmapped page succeeded");
    }
    ck_assert_uint_eq(last_fault_vaddr, 0x90000);
}
END_TEST

START_TEST(test_tlb_mmio)
{
    dev.regs[1] = 0x1000;
    /* MMIO is never on the fast path. */
    ck_assert_uint_eq(tlb_load(&tlb, 0x20008, MO_UL, 0), 0x1008);
    ck_assert_uint_eq(tlb_load(&tlb, 0x20008, MO_UL, 0), 0x1008);
    ck_assert_int_eq(dev.reads, 2);
    ck_assert_uint_eq(dev.last_size, 4);
    CPUTLBEntry *e = tlb_entry(&tlb, 0, 0x20000);
    ck_assert(e->addr_read & TLB_MMIO);
    /* Two devices in one page: each gets its own offsets. */
    tlb_store(&tlb, 0x20210, 0xabcd, MO_UW, 0);
    ck_assert_int_eq(dev2.writes, 1);
    ck_assert_uint_eq(dev2.last_off, 0x10);
    ck_assert_uint_eq(dev2.regs[2], 0xabcd);
    ck_assert_int_eq(dev.writes, 0);
    /* Big-endian access to a device: value byte-swapped. */
    tlb_store(&tlb, 0x20018, 0x11223344, MO_BEUL, 0);
    ck_assert_uint_eq(dev.regs[3], 0x44332211);
    /* The part of the page past both devices: a bus error. */
    if (setjmp(fault_env) == 0) {
        tlb_load(&tlb, 0x20800, MO_UL, 0);
        ck_abort_msg("load from a hole succeeded");
    }
    ck_assert_int_eq(bus_errors, 1);
    ck_assert_uint_eq(last_bus_paddr, DEV_BASE + 0x800);
}
END_TEST

/*
 * Audit of the dispatch for hostile guests: an access that starts inside
 * a device but runs past its end (unaligned, or wider than what is left)
 * is a bus error; no callback sees an offset + size past its region.
 */
START_TEST(test_tlb_mmio_access_past_region)
{
    if (setjmp(fault_env) == 0) {
        tlb_load(&tlb, 0x203fe, MO_UL, 0);       /* last 2 bytes of dev2 */
        ck_abort_msg("load across the end of a device succeeded");
    }
    if (setjmp(fault_env) == 0) {
        tlb_store(&tlb, 0x201fc, 0, MO_UQ, 0);   /* dev's last 4 + dev2 */
        ck_abort_msg("store across two devices succeeded");
    }
    ck_assert_int_eq(bus_errors, 2);
    ck_assert_int_eq(dev.reads + dev.writes + dev2.reads + dev2.writes, 0);
    /* The same accesses that fit are passed whole. */
    tlb_load(&tlb, 0x203fc, MO_UL, 0);
    ck_assert_int_eq(dev2.reads, 1);
    ck_assert_uint_eq(dev2.last_off, 0x1fc);
}
END_TEST

START_TEST(test_tlb_unmapped_phys)
{
    /* A valid virtual mapping to physical nothing: bus error, no crash. */
    if (setjmp(fault_env) == 0) {
        tlb_store(&tlb, 0x30010, 5, MO_UL, 0);
        ck_abort_msg("store to unmapped physical memory succeeded");
    }
    ck_assert_int_eq(bus_errors, 1);
    ck_assert_uint_eq(last_bus_paddr, 0x30000010);
    ck_assert_int_eq(last_access, MMU_DATA_STORE);
    if (setjmp(fault_env) == 0) {
        void *host;
        tlb_get_code_page(&tlb, 0x30000, 0, &host);
        ck_abort_msg("code fetch from nowhere succeeded");
    }
    ck_assert_int_eq(bus_errors, 2);
    ck_assert_int_eq(last_access, MMU_INST_FETCH);
}
END_TEST

START_TEST(test_tlb_unaligned)
{
    for (int i = 0; i < 8; i++) {
        ram[0xffc + i] = (uint8_t)(0xa0 + i);
    }
    /* Unaligned inside a page. */
    ck_assert_uint_eq(tlb_load(&tlb, 0x10ffd, MO_UW, 0), 0xa2a1);
    /* Crossing into the next page (another physical page). */
    ck_assert_uint_eq(tlb_load(&tlb, 0x10ffe, MO_UL, 0), 0xa5a4a3a2);
    tlb_store(&tlb, 0x10fff, 0x11223344, MO_UL, 0);
    ck_assert_uint_eq(ram[0xfff], 0x44);
    ck_assert_uint_eq(ram[0x1000], 0x33);
    ck_assert_uint_eq(ram[0x1002], 0x11);
    /* MO_ALIGN: the unaligned hook. */
    if (setjmp(fault_env) == 0) {
        tlb_load(&tlb, 0x10002, MO_UL | MO_ALIGN, 0);
        ck_abort_msg("misaligned MO_ALIGN load succeeded");
    }
    ck_assert_int_eq(unaligneds, 1);
    ck_assert_uint_eq(last_fault_vaddr, 0x10002);
    /* A crossing store whose second page faults writes nothing. */
    map(1, 0x11000, RAM_BASE + 0x1000, PAGE_READ);
    tlb_flush(&tlb);
    ram[0xfff] = 0;
    if (setjmp(fault_env) == 0) {
        tlb_store(&tlb, 0x10fff, 0xffffffff, MO_UL, 0);
        ck_abort_msg("store into a read-only page succeeded");
    }
    ck_assert_uint_eq(ram[0xfff], 0);
}
END_TEST

START_TEST(test_tlb_rom)
{
    rom[0x10] = 0x5a;
    ck_assert_uint_eq(tlb_load(&tlb, 0x40010, MO_UB, 0), 0x5a);
    /* Stores to ROM do not change it (no write callback here). */
    tlb_store(&tlb, 0x40010, 0x77, MO_UB, 0);
    ck_assert_uint_eq(rom[0x10], 0x5a);
    ck_assert(tlb_entry(&tlb, 0, 0x40010)->addr_write & TLB_MMIO);
    ck_assert(!(tlb_entry(&tlb, 0, 0x40010)->addr_read & TLB_FLAGS_MASK));
    /* Code can run from ROM. */
    void *host;
    ck_assert_uint_eq(tlb_get_code_page(&tlb, 0x40010, 0, &host), 0x10);
    ck_assert_ptr_eq(host, rom + 0x10);
}
END_TEST

START_TEST(test_tlb_code_pages)
{
    void *host;

    ck_assert_uint_eq(tlb_get_code_page(&tlb, 0x10100, 0, &host), RAM_BASE + 0x100);
    ck_assert_ptr_eq(host, ram + 0x100);
    tlb_store(&tlb, 0x10200, 1, MO_UB, 0);    /* plain RAM: fast */
    ck_assert_int_eq(code_writes, 0);
    /* Code is made from the page: writes must now be noticed. */
    mem_set_code_page(as, RAM_BASE, true);
    ck_assert(mem_is_code_page(as, RAM_BASE + 0x123));
    ck_assert(!mem_is_code_page(as, RAM_BASE + 0x1000));
    tlb_mark_code_page(&tlb, RAM_BASE);
    ck_assert(tlb_entry(&tlb, 0, 0x10000)->addr_write & TLB_NOTDIRTY);
    tlb_store(&tlb, 0x10204, 0xbeef, MO_UW, 0);
    ck_assert_int_eq(code_writes, 1);
    ck_assert_uint_eq(code_write_addr, RAM_BASE + 0x204);
    ck_assert_ptr_eq(code_write_cpu, &tlb);   /* the TLB's owner wrote */
    ck_assert_uint_eq(ram[0x204], 0xef);
    /* The hook dropped the code: the entry is fast again. */
    ck_assert(!(tlb_entry(&tlb, 0, 0x10000)->addr_write & TLB_NOTDIRTY));
    tlb_store(&tlb, 0x10206, 1, MO_UB, 0);
    ck_assert_int_eq(code_writes, 1);
    /* A fill of a code page sets NOTDIRTY by itself; DMA writes notify. */
    mem_set_code_page(as, RAM_BASE + 0x1000, true);
    tlb_flush(&tlb);
    tlb_store(&tlb, 0x11000, 1, MO_UB, 0);
    ck_assert_int_eq(code_writes, 2);
    mem_set_code_page(as, RAM_BASE + 0x1000, true);
    uint8_t b = 9;
    ck_assert_int_eq(mem_write(as, RAM_BASE + 0x1004, &b, 1), MEM_TX_OK);
    ck_assert_int_eq(code_writes, 3);
    ck_assert_ptr_null(code_write_cpu);       /* DMA: no CPU */
}
END_TEST

START_TEST(test_tlb_flushes)
{
    tlb_load(&tlb, 0x10000, MO_UB, 0);
    tlb_load(&tlb, 0x11000, MO_UB, 0);
    tlb_load(&tlb, 0x10000, MO_UB, 1);
    ck_assert_int_eq(fills, 3);
    tlb_flush_page(&tlb, 0x10abc);
    ck_assert_int_eq(flushes_page, 1);
    tlb_load(&tlb, 0x11000, MO_UB, 0);
    ck_assert_int_eq(fills, 3);
    tlb_load(&tlb, 0x10000, MO_UB, 0);
    tlb_load(&tlb, 0x10000, MO_UB, 1);
    ck_assert_int_eq(fills, 5);
    tlb_flush_by_mmuidx(&tlb, 1u << 1);
    tlb_load(&tlb, 0x10000, MO_UB, 0);
    ck_assert_int_eq(fills, 5);
    tlb_load(&tlb, 0x10000, MO_UB, 1);
    ck_assert_int_eq(fills, 6);
    tlb_flush_page_by_mmuidx(&tlb, 0x10000, 1u << 0);
    tlb_load(&tlb, 0x10000, MO_UB, 1);
    ck_assert_int_eq(fills, 6);
    tlb_load(&tlb, 0x10000, MO_UB, 0);
    ck_assert_int_eq(fills, 7);
    tlb_flush(&tlb);
    tlb_load(&tlb, 0x10000, MO_UB, 0);
    tlb_load(&tlb, 0x11000, MO_UB, 0);
    ck_assert_int_eq(fills, 9);
    /* A large page: flushing any address inside it drops its entries. */
    tlb_set_page_with_size(&tlb, 0x100000, RAM_BASE, PAGE_READ, 0, 0x10000);
    tlb_set_page_with_size(&tlb, 0x101000, RAM_BASE + 0x1000, PAGE_READ, 0,
                           0x10000);
    ck_assert_uint_eq(tlb_entry(&tlb, 0, 0x101000)->addr_read, 0x101000);
    tlb_flush_page(&tlb, 0x10f000);
    ck_assert_uint_eq(tlb_entry(&tlb, 0, 0x101000)->addr_read, TLB_EMPTY);
    ck_assert_uint_eq(tlb_entry(&tlb, 0, 0x100000)->addr_read, TLB_EMPTY);
}
END_TEST

/*
 * Keys (tlb_set_key): a bank of entries per recent key.  An entry made
 * under one key is not used under another and is found again when its key
 * comes back; flushes reach every bank; a key in no bank takes the least
 * recently used one, emptied.
 */
START_TEST(test_tlb_keys)
{
    void *host;

    tlb_load(&tlb, 0x10000, MO_UB, 0);              /* key 0 */
    tlb_set_key(&tlb, 0x55);
    tlb_load(&tlb, 0x10000, MO_UB, 0);              /* its own entry */
    tlb_load(&tlb, 0x11000, MO_UB, 0);
    ck_assert_int_eq(fills, 3);
    tlb_set_key(&tlb, 0);
    tlb_load(&tlb, 0x10000, MO_UB, 0);
    ck_assert_int_eq(fills, 3);
    ck_assert_uint_eq(tlb_entry(&tlb, 0, 0x11000)->addr_read, TLB_EMPTY);
    tlb_set_key(&tlb, 0x55);
    tlb_load(&tlb, 0x10000, MO_UB, 0);
    tlb_load(&tlb, 0x11000, MO_UB, 0);
    ck_assert_int_eq(fills, 3);
    ck_assert_uint_eq(tlb.stat_key_switches, 3);
    ck_assert_uint_eq(tlb.stat_key_misses, 1);
    /* A page flush drops the page in the other bank too. */
    tlb_flush_page(&tlb, 0x10000);
    tlb_set_key(&tlb, 0);
    tlb_load(&tlb, 0x10000, MO_UB, 0);
    ck_assert_int_eq(fills, 4);
    /* So does a whole flush (done when the bank is next used). */
    tlb_set_key(&tlb, 0x55);
    tlb_flush(&tlb);
    tlb_set_key(&tlb, 0);
    ck_assert_uint_eq(tlb_entry(&tlb, 0, 0x10000)->addr_read, TLB_EMPTY);
    tlb_load(&tlb, 0x10000, MO_UB, 0);
    ck_assert_int_eq(fills, 5);
    /* Code made from a page: writes are noticed through every bank. */
    tlb_set_key(&tlb, 0x55);
    tlb_load(&tlb, 0x10000, MO_UB, 0);
    tlb_set_key(&tlb, 0);
    mem_set_code_page(as, RAM_BASE, true);
    tlb_mark_code_page(&tlb, RAM_BASE);
    tlb_set_key(&tlb, 0x55);
    ck_assert(tlb_entry(&tlb, 0, 0x10000)->addr_write & TLB_NOTDIRTY);
    tlb_store(&tlb, 0x10010, 1, MO_UB, 0);
    ck_assert_int_eq(code_writes, 1);
    /* A third key takes the least recently used bank (key 0's). */
    fills = 0;
    tlb_set_key(&tlb, 0xaa);
    ck_assert_uint_eq(tlb_entry(&tlb, 0, 0x10000)->addr_read, TLB_EMPTY);
    tlb_set_key(&tlb, 0x55);
    tlb_load(&tlb, 0x10000, MO_UB, 0);
    ck_assert_int_eq(fills, 0);
    tlb_set_key(&tlb, 0);
    ck_assert_uint_eq(tlb_get_code_page(&tlb, 0x10000, 0, &host), RAM_BASE);
    ck_assert_int_eq(fills, 1);
    ck_assert_uint_eq(tlb.stat_key_misses, 3);
    /* Whole flushes tell the owner once, page flushes once per call. */
    ck_assert_int_eq(flushes_all, 1);
    ck_assert_int_eq(flushes_page, 1);
}
END_TEST

START_TEST(test_tlb_probe_watch)
{
    void *host;

    ck_assert(tlb_probe(&tlb, 0x10008, 4, MMU_DATA_LOAD, 0, true, &host));
    ck_assert_ptr_eq(host, ram + 8);
    ck_assert(!tlb_probe(&tlb, 0x90000, 4, MMU_DATA_LOAD, 0, true, &host));
    ck_assert_ptr_null(host);
    ck_assert(tlb_probe(&tlb, 0x20000, 4, MMU_DATA_LOAD, 0, true, &host));
    ck_assert_ptr_null(host);   /* MMIO: no host pointer */
    /* Watched page: correct values through the slow path. */
    tlb_set_page(&tlb, 0x10000, RAM_BASE, PAGE_READ | PAGE_WATCH, 0);
    ram[0] = 0x42;
    ck_assert(tlb_entry(&tlb, 0, 0x10000)->addr_read & TLB_FORCE_SLOW);
    ck_assert_uint_eq(tlb_load(&tlb, 0x10000, MO_UB, 0), 0x42);
}
END_TEST

/* Debugger watchpoints: only the watched page leaves the fast path, and
 * only accesses of the watched type that touch the range are reported. */
START_TEST(test_tlb_watchpoints)
{
    watch_hits = 0;
    ck_assert_int_eq(tlb_watch_insert(&tlb, 0x10010, 0, TLB_WATCH_WRITE), -EINVAL);
    ck_assert_int_eq(tlb_watch_insert(&tlb, 0x10010, 4, 0), -EINVAL);
    ck_assert_int_eq(tlb_watch_insert(&tlb, UINT64_MAX - 1, 4, TLB_WATCH_READ), -EINVAL);
    ck_assert_int_eq(tlb_watch_remove(&tlb, 0x10010, 4, TLB_WATCH_WRITE), -ENOENT);
    tlb_load(&tlb, 0x10000, MO_UB, 0);
    ck_assert_int_eq(tlb_watch_insert(&tlb, 0x10010, 4, TLB_WATCH_WRITE), 0);
    /* Inserting flushed the entry filled without the flag. */
    ck_assert_uint_eq(tlb_entry(&tlb, 0, 0x10000)->addr_read, TLB_EMPTY);
    ram[0x10] = 0x5a;
    ck_assert_uint_eq(tlb_load(&tlb, 0x10010, MO_UB, 0), 0x5a);
    ck_assert(tlb_entry(&tlb, 0, 0x10000)->addr_read & TLB_FORCE_SLOW);
    ck_assert(!(tlb_entry(&tlb, 0, 0x10000)->addr_code & TLB_FORCE_SLOW));
    ck_assert_int_eq(watch_hits, 0);            /* a read: not watched */
    tlb_store(&tlb, 0x1000c, 0x11, MO_UL, 0);   /* next to it */
    ck_assert_int_eq(watch_hits, 0);
    tlb_store(&tlb, 0x1000e, 0x44332211, MO_UL, 0); /* overlaps its first bytes */
    ck_assert_int_eq(watch_hits, 1);
    ck_assert_uint_eq(watch_vaddr, 0x1000e);
    ck_assert_int_eq(watch_access, MMU_DATA_STORE);
    ck_assert_uint_eq(watch_wp->vaddr, 0x10010);
    ck_assert_uint_eq(ram[0x10], 0x33);          /* the access went on */
    /* Another page stays on the fast path. */
    tlb_load(&tlb, 0x11000, MO_UB, 0);
    ck_assert_uint_eq(tlb_entry(&tlb, 0, 0x11000)->addr_read, 0x11000);
    /* Access watchpoints report reads too; removal restores the fast path. */
    ck_assert_int_eq(tlb_watch_insert(&tlb, 0x11004, 1, TLB_WATCH_READ | TLB_WATCH_WRITE), 0);
    tlb_load(&tlb, 0x11004, MO_UB, 0);
    ck_assert_int_eq(watch_hits, 2);
    ck_assert_int_eq(watch_access, MMU_DATA_LOAD);
    ck_assert_int_eq(tlb_watch_remove(&tlb, 0x10010, 4, TLB_WATCH_WRITE), 0);
    ck_assert_int_eq(tlb_watch_remove(&tlb, 0x11004, 1, TLB_WATCH_READ | TLB_WATCH_WRITE), 0);
    tlb_store(&tlb, 0x10010, 0, MO_UL, 0);
    ck_assert_int_eq(watch_hits, 2);
    ck_assert_uint_eq(tlb_entry(&tlb, 0, 0x10000)->addr_write, 0x10000);
    for (int i = 0; i < TLB_MAX_WATCH; i++) {
        ck_assert_int_eq(tlb_watch_insert(&tlb, 0x10000 + i, 1, TLB_WATCH_READ), 0);
    }
    ck_assert_int_eq(tlb_watch_insert(&tlb, 0x10100, 1, TLB_WATCH_READ), -ENOSPC);
    tlb_watch_remove_all(&tlb);
    ck_assert_uint_eq(tlb.nb_watch, 0);
}
END_TEST

Suite *suite_mem(void)
{
    Suite *s = suite_create("mem");
    TCase *tc = tcase_create("address-space");
    TCase *tt = tcase_create("tlb");

    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, test_regions);
    tcase_add_test(tc, test_phys_rw);
    suite_add_tcase(s, tc);
    tcase_add_checked_fixture(tt, tlb_setup, tlb_teardown);
    tcase_add_test(tt, test_tlb_init_flush);
    tcase_add_test(tt, test_tlb_hit_miss);
    tcase_add_test(tt, test_tlb_mmio);
    tcase_add_test(tt, test_tlb_unmapped_phys);
    tcase_add_test(tt, test_tlb_mmio_access_past_region);
    tcase_add_test(tt, test_tlb_unaligned);
    tcase_add_test(tt, test_tlb_rom);
    tcase_add_test(tt, test_tlb_code_pages);
    tcase_add_test(tt, test_tlb_flushes);
    tcase_add_test(tt, test_tlb_keys);
    tcase_add_test(tt, test_tlb_probe_watch);
    tcase_add_test(tt, test_tlb_watchpoints);
    suite_add_tcase(s, tt);
    return s;
}
