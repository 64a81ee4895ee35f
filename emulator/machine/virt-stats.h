/*
 * virt-stats.h - -d stats: the board's counters, printed at exit
 */
#ifndef MACHINE_VIRT_STATS_H
#define MACHINE_VIRT_STATS_H

#include <stdio.h>

#include "machine/virt.h"

/**
 * virt_print_stats: the "stats: ..." lines (TB cache, chaining, TLB,
 * walks, helpers, MMIO, exceptions, idle time) to @f.  Complete only
 * when -d stats was on from the start (the counting interpreter ran).
 */
void virt_print_stats(VirtMachine *m, FILE *f);

#endif /* MACHINE_VIRT_STATS_H */
