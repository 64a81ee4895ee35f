/*
 * The counting interpreter for -d stats: the switch variant with
 * TCIStats counters compiled in.  tci_exec() picks it only when -d stats
 * is on, so the fast variants carry no counter at all.
 */
#define TCI_THREADED 0
#define TCI_STATS 1
#define TCI_EXEC_NAME tci_exec_stats
#include "tci/tci-interp.c.inc"
