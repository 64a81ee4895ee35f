/*
 * stats.h - -d stats: counters kept while the emulator runs, printed at
 * exit
 *
 * Most counters live where they are bumped (ExecStats, CPUTLB, MemRegion,
 * TCIStats) and are plain increments on slow paths.  This file holds the
 * rest: counters by name (helpers, devices, TLB flush causes, exceptions),
 * which are bumped only when -d stats is on, and the machine-wide figures
 * that have no other home (idle time, page-table walks).
 */
#ifndef UTIL_STATS_H
#define UTIL_STATS_H

#include <stdint.h>
#include <stdio.h>

/* The tables of counters by name. */
typedef enum StatsGroup {
    STATS_HELPER,       /* helper calls, by helper */
    STATS_TLB_FLUSH,    /* whole-TLB flushes, by cause (CP15 register) */
    STATS_EXCEPTION,    /* exceptions taken, by kind */
    STATS_NB_GROUPS
} StatsGroup;

/* Figures that no room owns; bumped unconditionally (slow paths only). */
typedef struct EmuStats {
    uint64_t walks;          /* page-table walks (TLB fills asked of the MMU) */
    uint64_t walk_faults;    /* of which ended in a fault */
    uint64_t idle_waits;     /* times the CPU waited for an interrupt */
    uint64_t idle_ns;        /* host time spent in those waits */
    uint64_t start_ns;       /* monotonic clock when -d stats was set up */
} EmuStats;

extern EmuStats emu_stats;

/**
 * stats_count: add @n to counter @name of @group.  @name must stay valid
 * until exit (a string literal, a helper's or a register's name): it is
 * the key, by address.  Costs a hash lookup: callers test
 * log_mask(LOG_STATS) first.
 */
void stats_count(StatsGroup group, const char *name, uint64_t n);

/**
 * stats_print_group: "<title> <total>: name count (pct), ..." for the
 * @top largest counters of @group (0: all), largest first; "<title> 0"
 * when the group is empty.
 */
void stats_print_group(FILE *f, StatsGroup group, const char *title,
                       unsigned top);

/** stats_get: counter @name of @group (0 if never counted). */
uint64_t stats_get(StatsGroup group, const char *name);

/** stats_reset: forget every counter (tests). */
void stats_reset(void);

#endif /* UTIL_STATS_H */
