/*
 * virt-stats.c - -d stats: what each room counted, printed at exit
 *
 * The figures come from ExecStats (main loop, TB cache), the TCIStats of
 * the counting interpreter (chaining, guest accesses, helpers), the CPU's
 * TLB, the MMIO regions and util/stats.h (walks, flush causes,
 * exceptions, idle time).  See docs/emulator.md, "Where the boot's time
 * goes", for how to read them.
 */
#include "machine/virt-stats.h"

#include <glib.h>
#include <inttypes.h>
#include <string.h>

#include "exec/cpu.h"
#include "mem/memory.h"
#include "target/arm/cpu.h"
#include "tci/tci.h"
#include "util/stats.h"

/* 100 * a / b, 0 for an empty b. */
static double pct(uint64_t a, uint64_t b)
{
    return b ? 100.0 * (double)a / (double)b : 0.0;
}

/* By device, in address order; neighbours of one name (the empty
   virtio-mmio slots) as one entry. */
static void print_mmio(FILE *f, MemAddressSpace *as)
{
    uint64_t total = 0;
    MemRegion *r;
    unsigned n = 0;

    for (unsigned i = 0; (r = mem_region_at(as, i)) != NULL; i++) {
        total += r->stat_reads + r->stat_writes;
    }
    fprintf(f, "stats: MMIO accesses %" PRIu64 ":", total);
    for (unsigned i = 0; (r = mem_region_at(as, i)) != NULL;) {
        uint64_t rd = 0, wr = 0;
        unsigned k = 0;
        MemRegion *s;

        for (; (s = mem_region_at(as, i)) != NULL && !strcmp(s->name, r->name); i++, k++) {
            rd += s->stat_reads;
            wr += s->stat_writes;
        }
        if (r->kind != MEM_REGION_MMIO || rd + wr == 0) {
            continue;
        }
        fprintf(f, "%s %s", n++ ? "," : "", r->name);
        if (k > 1) {
            fprintf(f, " x%u", k);
        }
        fprintf(f, " reads %" PRIu64 " writes %" PRIu64, rd, wr);
    }
    fputc('\n', f);
}

void virt_print_stats(VirtMachine *m, FILE *f)
{
    CPUState *cs = &virt_cpu(m)->parent;
    const CPUTLB *tlb = &cs->tlb;
    const TCIStats *ts = &tci_stats;
    uint64_t wall = (uint64_t)g_get_monotonic_time() * 1000 - emu_stats.start_ns;
    uint64_t insns = virt_insns(m), exits = 0, from_loop, entries, cached;
    uint64_t accesses = ts->loads + ts->stores;
    ExecStats es;

    exec_get_stats(&es);
    for (unsigned i = 0; i < 4; i++) {
        exits += es.exits[i];
    }
    /* A requested exit did not enter its TB. */
    from_loop = exits - es.exits[TB_EXIT_REQUESTED];
    entries = from_loop + ts->chained + ts->lookup_hits;
    cached = es.tbs_translated - es.tbs_nocache;

    fprintf(f, "stats: wall %.2f s, guest instructions %" PRIu64 " (%.1f M/s), "
            "bytecode ops %" PRIu64 " (%.2f per instruction)\n",
            (double)wall / 1e9, insns, wall ? (double)insns * 1e3 / (double)wall : 0.0,
            ts->ops, insns ? (double)ts->ops / (double)insns : 0.0);
    fprintf(f, "stats: TBs translated %" PRIu64 " (%" PRIu64 " one-shot; %.1f instructions "
            "a TB; %.2f s), invalidated %" PRIu64 ", TB cache flushes %" PRIu64
            ", live %" PRIu64 ", code %.1f MiB\n",
            es.tbs_translated, es.tbs_nocache,
            es.tbs_translated ? (double)es.insns_translated / (double)es.tbs_translated : 0.0,
            (double)es.translate_ns / 1e9, es.tbs_invalidated, es.tb_flushes,
            es.tbs_live, (double)es.code_bytes_used / (1024.0 * 1024.0));
    fprintf(f, "stats: TB lookups by the main loop %" PRIu64 ": jump cache hits %.1f %%, "
            "hash table %" PRIu64 " (found %.1f %%, else translated)\n",
            es.tb_finds, pct(es.tb_finds - es.tb_lookups_hash, es.tb_finds),
            es.tb_lookups_hash,
            pct(es.tb_lookups_hash > cached ? es.tb_lookups_hash - cached : 0,
                es.tb_lookups_hash));
    fprintf(f, "stats: TB entries %" PRIu64 ": chained %.1f %% (goto_tb %" PRIu64
            ", lookup_and_goto_ptr %" PRIu64 "), from the main loop %.1f %%; "
            "in-TB lookups %" PRIu64 " (hits %.1f %%); goto_tb links made %" PRIu64 "\n",
            entries, pct(ts->chained + ts->lookup_hits, entries), ts->chained,
            ts->lookup_hits, pct(from_loop, entries),
            ts->lookup_hits + ts->lookup_misses,
            pct(ts->lookup_hits, ts->lookup_hits + ts->lookup_misses), es.tb_links);
    fprintf(f, "stats: exits to the main loop %" PRIu64 ": goto_tb not taken (not "
            "linked, or an interrupt or budget request) %" PRIu64
            ", no chain (lookup missed, plain exit) %" PRIu64
            ", requested (interrupt, budget, exception) %" PRIu64 "\n",
            exits, es.exits[TB_EXIT_IDX0] + es.exits[TB_EXIT_IDX1],
            es.exits[TB_EXIT_NOCHAIN], es.exits[TB_EXIT_REQUESTED]);
    fprintf(f, "stats: guest loads %" PRIu64 ", stores %" PRIu64 ": TLB fast path %.2f %%, "
            "slow path %" PRIu64 " (TLB fills %" PRIu64 "; the rest MMIO, page-crossing, "
            "watched)\n",
            ts->loads, ts->stores,
            pct(accesses > tlb->stat_slow ? accesses - tlb->stat_slow : 0, accesses),
            tlb->stat_slow, tlb->stat_fills);
    fprintf(f, "stats: page-table walks %" PRIu64 " (faults %" PRIu64 "), TLB flushes: "
            "whole %" PRIu64 ", by address %" PRIu64 "; TLB key (DACR) switches %"
            PRIu64 ", to a key in no bank %" PRIu64 "\n",
            emu_stats.walks, emu_stats.walk_faults, tlb->stat_flushes,
            tlb->stat_page_flushes, tlb->stat_key_switches,
            tlb->stat_key_misses);
    tci_stats_print_ops(f, 24);
    stats_print_group(f, STATS_TLB_FLUSH, "whole-TLB flushes by cause", 0);
    stats_print_group(f, STATS_HELPER, "helper calls", 12);
    print_mmio(f, virt_address_space(m));
    stats_print_group(f, STATS_EXCEPTION, "exceptions taken", 0);
    fprintf(f, "stats: idle (WFI) waits %" PRIu64 ", %.2f s (%.1f %% of wall)\n",
            emu_stats.idle_waits, (double)emu_stats.idle_ns / 1e9,
            pct(emu_stats.idle_ns, wall));
}
