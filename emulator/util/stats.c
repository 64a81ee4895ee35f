/*
 * stats.c - -d stats: counters by name, kept in one hash table per group
 */
#include "util/stats.h"

#include <inttypes.h>
#include <string.h>

#include <glib.h>

EmuStats emu_stats;

typedef struct StatsEntry {
    const char *name;
    uint64_t count;
} StatsEntry;

/* name (by address) -> StatsEntry; created on first use. */
static GHashTable *groups[STATS_NB_GROUPS];

void stats_count(StatsGroup group, const char *name, uint64_t n)
{
    StatsEntry *e;

    if ((unsigned)group >= STATS_NB_GROUPS || !name) {
        return;
    }
    if (!groups[group]) {
        groups[group] = g_hash_table_new_full(g_direct_hash, g_direct_equal,
                                              NULL, g_free);
    }
    e = g_hash_table_lookup(groups[group], name);
    if (!e) {
        e = g_new0(StatsEntry, 1);
        e->name = name;
        g_hash_table_insert(groups[group], (gpointer)name, e);
    }
    e->count += n;
}

uint64_t stats_get(StatsGroup group, const char *name)
{
    StatsEntry *e;

    if ((unsigned)group >= STATS_NB_GROUPS || !groups[group]) {
        return 0;
    }
    e = g_hash_table_lookup(groups[group], name);
    return e ? e->count : 0;
}

/*
 * Largest first; equal counts by name, so the output is stable.  For
 * g_ptr_array_sort_with_data: g_ptr_array_sort calls a two-argument
 * function through a three-argument pointer, which traps on wasm.
 */
static gint by_count(gconstpointer a, gconstpointer b, gpointer unused)
{
    const StatsEntry *x = *(StatsEntry *const *)a, *y = *(StatsEntry *const *)b;

    if (x->count != y->count) {
        return x->count > y->count ? -1 : 1;
    }
    return strcmp(x->name, y->name);
}

void stats_print_group(FILE *f, StatsGroup group, const char *title,
                       unsigned top)
{
    GPtrArray *all;
    GHashTableIter it;
    gpointer v;
    uint64_t total = 0;

    if ((unsigned)group >= STATS_NB_GROUPS) {
        return;
    }
    if (!groups[group] || g_hash_table_size(groups[group]) == 0) {
        fprintf(f, "stats: %s 0\n", title);
        return;
    }
    all = g_ptr_array_new();
    g_hash_table_iter_init(&it, groups[group]);
    while (g_hash_table_iter_next(&it, NULL, &v)) {
        g_ptr_array_add(all, v);
        total += ((StatsEntry *)v)->count;
    }
    g_ptr_array_sort_with_data(all, by_count, NULL);
    fprintf(f, "stats: %s %" PRIu64 ":", title, total);
    for (guint i = 0; i < all->len && (top == 0 || i < top); i++) {
        const StatsEntry *e = g_ptr_array_index(all, i);

        fprintf(f, "%s %s %" PRIu64 " (%.1f %%)", i ? "," : "", e->name,
                e->count, total ? 100.0 * (double)e->count / (double)total : 0.0);
    }
    if (top && all->len > top) {
        fprintf(f, ", %u more", all->len - top);
    }
    fputc('\n', f);
    g_ptr_array_free(all, TRUE);
}

void stats_reset(void)
{
    for (unsigned g = 0; g < STATS_NB_GROUPS; g++) {
        if (groups[g]) {
            g_hash_table_destroy(groups[g]);
            groups[g] = NULL;
        }
    }
    memset(&emu_stats, 0, sizeof(emu_stats));
}
