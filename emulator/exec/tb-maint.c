/*
 * The translation-block cache: code buffer, hash table keyed by physical
 * PC + virtual PC + flags, per-page lists for invalidation, and direct
 * chaining links between TBs.
 */
#include <errno.h>
#include <string.h>

#include <portos/osinfo.h>

#include "exec/exec-int.h"
#include "tci/tci.h"
#include "util/log.h"

ExecState exec_state;

static uint32_t tb_hash(uint64_t phys_pc, uint64_t pc, uint64_t flags,
                        uint32_t cflags)
{
    uint64_t h = phys_pc * 0x9E3779B97F4A7C15ull;

    h ^= (pc + (h >> 29)) * 0xBF58476D1CE4E5B9ull;
    h ^= (flags + (h >> 31)) * 0x94D049BB133111EBull;
    h ^= cflags;
    return (uint32_t)(h >> 40) & (TB_HASH_SIZE - 1);
}

static uint64_t tb_phys_pc(const TranslationBlock *tb)
{
    return tb->page_addr[0] | (tb->pc & ~TARGET_PAGE_MASK);
}

int exec_init(size_t code_size)
{
    ExecState *es = &exec_state;

    if (es->initialised) {
        return -EBUSY;
    }
    memset(es, 0, sizeof(*es));
    es->code_size = code_size ? code_size : EXEC_DEFAULT_CODE_SIZE;
    if (es->code_size < 64 * 1024) {
        return -EINVAL;
    }
    /* Bytecode is data, not host code: plain heap memory will do. */
    es->code_buf = g_try_malloc(es->code_size);
    es->scratch_buf = g_try_malloc(EXEC_SCRATCH_SIZE);
    if (!es->code_buf || !es->scratch_buf) {
        g_free(es->code_buf);
        g_free(es->scratch_buf);
        return -ENOMEM;
    }
    es->pages = g_hash_table_new_full(g_int64_hash, g_int64_equal, NULL,
                                      g_free);
    es->tcg = tcg_context_new();
    tcg_set_current(es->tcg);
    es->initialised = true;
    return 0;
}

void exec_exit(void)
{
    ExecState *es = &exec_state;

    if (!es->initialised) {
        return;
    }
    g_hash_table_destroy(es->pages);
    tcg_context_free(es->tcg);
    g_free(es->code_buf);
    g_free(es->scratch_buf);
    memset(es, 0, sizeof(*es));
}

void exec_get_stats(ExecStats *st)
{
    exec_state.stats.code_bytes_used = exec_state.code_used;
    *st = exec_state.stats;
}

/*
 * A TB that runs into a second page is good only if that page is still
 * mapped where it was: another process may map something else there, or
 * nothing executable (then a new, shorter TB stops before it, and the
 * prefetch abort comes when the guest gets there).
 */
static bool tb_page2_mapped(CPUState *cs, const TranslationBlock *tb)
{
    uint64_t vpage2 = (tb->pc & TARGET_PAGE_MASK) + TARGET_PAGE_SIZE;

    if (tb->page_addr[1] == (uint64_t)-1) {
        return true;
    }
    return tlb_probe(&cs->tlb, vpage2, 1, MMU_INST_FETCH, tb->code_mmu_idx,
                     true, NULL) &&
           tb_page_mapped(&cs->tlb, tb->code_mmu_idx, vpage2,
                          tb->page_addr[1]);
}

TranslationBlock *tb_lookup_hash(CPUState *cs, uint64_t phys_pc, uint64_t pc,
                                 uint64_t flags, uint32_t cflags)
{
    uint32_t h = tb_hash(phys_pc, pc, flags, cflags);

    for (TranslationBlock *tb = exec_state.hash[h]; tb; tb = tb->hash_next) {
        if (tb->pc == pc && tb->flags == flags && tb->cflags == cflags &&
            tb_phys_pc(tb) == phys_pc && tb_page2_mapped(cs, tb)) {
            return tb;
        }
    }
    return NULL;
}

/* ---- chaining ---- */

void tb_add_jump(TranslationBlock *src, unsigned slot, TranslationBlock *dst)
{
    if (src->invalid || dst->invalid || src->jmp_dest[slot] ||
        (src->cflags | dst->cflags) & CF_NOCACHE) {
        return;
    }
    src->jmp_dest[slot] = dst;
    src->jmp_next[slot] = dst->jmp_first;
    dst->jmp_first = (uintptr_t)src | slot;
    exec_state.stats.tb_links++;
}

/* Remove the link (src, slot) from its destination's incoming list. */
static void tb_unlink_out(TranslationBlock *src, unsigned slot)
{
    TranslationBlock *dst = src->jmp_dest[slot];
    uintptr_t me = (uintptr_t)src | slot;
    uintptr_t *pp;

    if (!dst) {
        return;
    }
    for (pp = &dst->jmp_first; *pp; ) {
        TranslationBlock *t = (TranslationBlock *)(*pp & ~(uintptr_t)3);
        unsigned n = *pp & 3;
        if (*pp == me) {
            *pp = src->jmp_next[slot];
            break;
        }
        pp = &t->jmp_next[n];
    }
    src->jmp_dest[slot] = NULL;
}

static void tb_unlink_in(TranslationBlock *tb)
{
    uintptr_t p = tb->jmp_first;

    while (p) {
        TranslationBlock *src = (TranslationBlock *)(p & ~(uintptr_t)3);
        unsigned n = p & 3;
        p = src->jmp_next[n];
        src->jmp_dest[n] = NULL;
    }
    tb->jmp_first = 0;
}

/* ---- page lists ---- */

static PageDesc *page_find(uint64_t paddr)
{
    uint64_t key = paddr & TARGET_PAGE_MASK;

    return g_hash_table_lookup(exec_state.pages, &key);
}

static void page_add_tb(MemAddressSpace *as, TranslationBlock *tb,
                        unsigned slot)
{
    uint64_t addr = tb->page_addr[slot];
    PageDesc *pd = page_find(addr);

    if (!pd) {
        pd = g_new0(PageDesc, 1);
        pd->addr = addr;
        pd->as = as;
        g_hash_table_insert(exec_state.pages, &pd->addr, pd);
    }
    if (!pd->first) {
        /* First code on the page: writes to it must now be seen. */
        mem_set_code_page(as, addr, true);
        for (CPUState *c = exec_state.cpus; c; c = c->next_cpu) {
            tlb_mark_code_page(&c->tlb, addr);
        }
    }
    tb->page_next[slot] = pd->first;
    pd->first = tb;
}

static unsigned tb_page_slot(const TranslationBlock *tb, uint64_t addr)
{
    return tb->page_addr[0] == addr ? 0 : 1;
}

static void page_remove_tb(TranslationBlock *tb, unsigned slot)
{
    uint64_t addr = tb->page_addr[slot];
    PageDesc *pd = page_find(addr);
    TranslationBlock **pp;

    if (!pd) {
        return;
    }
    for (pp = &pd->first; *pp; pp = &(*pp)->page_next[tb_page_slot(*pp, addr)]) {
        if (*pp == tb) {
            *pp = tb->page_next[slot];
            break;
        }
    }
    if (!pd->first) {
        mem_set_code_page(pd->as, addr, false);
        g_hash_table_remove(exec_state.pages, &addr);
    }
}

/* ---- invalidation ---- */

static void tb_phys_invalidate(TranslationBlock *tb)
{
    ExecState *es = &exec_state;
    uint32_t h = tb->hash;
    TranslationBlock **pp;

    if (tb->invalid) {
        return;
    }
    tb->invalid = true;
    for (pp = &es->hash[h]; *pp; pp = &(*pp)->hash_next) {
        if (*pp == tb) {
            *pp = tb->hash_next;
            break;
        }
    }
    page_remove_tb(tb, 0);
    if (tb->page_addr[1] != (uint64_t)-1) {
        page_remove_tb(tb, 1);
    }
    for (CPUState *c = es->cpus; c; c = c->next_cpu) {
        unsigned i = tb_jmp_cache_hash(tb->pc);
        if (c->tb_jmp_cache[i] == tb) {
            c->tb_jmp_cache[i] = NULL;
        }
    }
    tb_unlink_in(tb);
    tb_unlink_out(tb, 0);
    tb_unlink_out(tb, 1);
    es->stats.tbs_invalidated++;
    es->stats.tbs_live--;
}

/* Guest physical byte range [start, end) covered by @tb. */
static void tb_phys_range(const TranslationBlock *tb, unsigned slot,
                          uint64_t *start, uint64_t *end)
{
    uint64_t off = tb->pc & ~TARGET_PAGE_MASK;
    uint64_t first_len = MIN((uint64_t)tb->size, TARGET_PAGE_SIZE - off);

    if (slot == 0) {
        *start = tb->page_addr[0] + off;
        *end = *start + first_len;
    } else {
        *start = tb->page_addr[1];
        *end = *start + (tb->size - first_len);
    }
}

void tb_invalidate_phys_range(CPUState *cpu, uint64_t paddr, uint64_t len)
{
    uint64_t end = paddr + len;   /* exclusive; 0 if the range hits the top */
    uint64_t last = (paddr + len - 1) & TARGET_PAGE_MASK;
    bool current_modified = false;

    if (len == 0) {
        return;
    }
    for (uint64_t page = paddr & TARGET_PAGE_MASK;; page += TARGET_PAGE_SIZE) {
        PageDesc *pd = page_find(page);
        TranslationBlock *tb, *next;

        for (tb = pd ? pd->first : NULL; tb; tb = next) {
            unsigned slot = tb_page_slot(tb, page);
            uint64_t s, e;
            next = tb->page_next[slot];
            tb_phys_range(tb, slot, &s, &e);
            if ((end == 0 || s < end) && paddr < e) {
                if (cpu && cpu->tci_tb == tb && tb->icount > 1) {
                    current_modified = true;
                }
                tb_phys_invalidate(tb);
            }
        }
        if (page == last) {
            break;
        }
    }
    /* A one-shot TB is on no page list: check it directly. */
    if (cpu && cpu->tci_tb && (cpu->tci_tb->cflags & CF_NOCACHE) &&
        cpu->tci_tb->icount > 1) {
        TranslationBlock *tb = cpu->tci_tb;
        for (unsigned slot = 0; slot < 2; slot++) {
            uint64_t s, e;
            if (tb->page_addr[slot] == (uint64_t)-1) {
                continue;
            }
            tb_phys_range(tb, slot, &s, &e);
            if ((end == 0 || s < end) && paddr < e) {
                current_modified = true;
            }
        }
    }
    if (current_modified) {
        /*
         * The running TB changed under its own feet: stop it before the
         * store, and run the storing instruction again alone, in a
         * one-shot TB that is not on the page lists.
         */
        cpu_restore_state(cpu);
        cpu->cflags_next_tb = 1 | CF_NOIRQ;
        cpu_loop_exit(cpu);
    }
}

void exec_code_write(void *opaque, void *cpu, uint64_t paddr, uint64_t len)
{
    (void)opaque;
    tb_invalidate_phys_range(cpu, paddr, len);
}

void tb_flush(void)
{
    ExecState *es = &exec_state;
    GHashTableIter it;
    gpointer key, value;

    g_hash_table_iter_init(&it, es->pages);
    while (g_hash_table_iter_next(&it, &key, &value)) {
        PageDesc *pd = value;
        mem_set_code_page(pd->as, pd->addr, false);
    }
    g_hash_table_remove_all(es->pages);
    memset(es->hash, 0, sizeof(es->hash));
    for (CPUState *c = es->cpus; c; c = c->next_cpu) {
        memset(c->tb_jmp_cache, 0, sizeof(TranslationBlock *) * TB_JMP_CACHE_SIZE);
    }
    es->code_used = 0;
    es->flush_count++;
    es->stats.tb_flushes++;
    es->stats.tbs_live = 0;
}

/* ---- translation ---- */

/* -d op, op_opt: the IR, before or after tcg_optimize(). */
static G_GNUC_NO_INLINE void log_ops(const char *title)
{
    FILE *f = log_file();

    fprintf(f, "%s\n", title);
    tcg_dump_ops(f);
    fputc('\n', f);
}

/* -d out_asm: the bytecode of a TB just generated. */
static G_GNUC_NO_INLINE void log_out_asm(const TranslationBlock *tb)
{
    FILE *f = log_file();

    fprintf(f, "OUT: [size=%zu]\n", (size_t)tb->code_units * 2);
    tci_disas(f, tb->code, tb->code_units);
    fputc('\n', f);
}

static size_t align8(size_t n)
{
    return (n + 7) & ~(size_t)7;
}

/*
 * Lay out TB + insn tables + bytecode at @mem (capacity @cap) and lower
 * the IR there.  Returns the bytes used, or a negative errno.
 */
static long tb_emit(TranslationBlock *tb, uint8_t *mem, size_t cap)
{
    size_t n = (size_t)tcg_ctx->nb_insns;
    size_t off_data = align8(sizeof(TranslationBlock));
    size_t off_end = off_data + n * sizeof(uint64_t) * TCG_INSN_START_WORDS;
    size_t off_code = align8(off_end + n * sizeof(uint32_t));
    TranslationBlock *t = (TranslationBlock *)mem;
    TCIGenResult res;
    int ret;

    if (off_code + 64 > cap) {
        return -ENOSPC;
    }
    *t = *tb;
    t->insn_data = (uint64_t (*)[TCG_INSN_START_WORDS])(mem + off_data);
    t->insn_end = (uint32_t *)(mem + off_end);
    t->code = (const uint16_t *)(mem + off_code);
    ret = tci_gen_code((uint16_t *)(mem + off_code), (cap - off_code) / 2,
                       t->insn_data, t->insn_end, &res);
    if (ret < 0) {
        return ret;
    }
    t->code_units = res.code_units;
    t->icount = res.nb_insns;
    return (long)align8(off_code + res.code_units * 2);
}

static void tb_register(CPUState *cs, TranslationBlock *tb)
{
    ExecState *es = &exec_state;

    tb->hash = tb_hash(tb_phys_pc(tb), tb->pc, tb->flags, tb->cflags);
    tb->hash_next = es->hash[tb->hash];
    es->hash[tb->hash] = tb;
    page_add_tb(cs->as, tb, 0);
    if (tb->page_addr[1] != (uint64_t)-1) {
        page_add_tb(cs->as, tb, 1);
    }
    es->stats.tbs_live++;
}

TranslationBlock *tb_gen_code(CPUState *cs, uint64_t pc, uint64_t flags,
                              uint32_t cflags)
{
    ExecState *es = &exec_state;
    unsigned mmu = cs->ops->mmu_index(cs, true);
    unsigned max = cflags & CF_COUNT_MASK;
    bool flushed = false;
    TranslationBlock proto;
    void *host;
    uint64_t phys;
    /* -d stats: translation time (a clock read is nothing next to it). */
    int64_t t0 = G_UNLIKELY(log_mask(LOG_STATS)) ? portos_clock_monotonic_ns() : 0;

    /* May longjmp: a prefetch abort or bus error at @pc. */
    phys = tlb_get_code_page(&cs->tlb, pc, mmu, &host);
    if (!host) {
        g_error("exec: bus_error hook returned for code at 0x%" G_GINT64_MODIFIER "x",
                (guint64)pc);
    }
    if (max == 0 || max > TCG_MAX_INSNS) {
        max = TCG_MAX_INSNS;
    }
    for (;;) {
        bool nocache = cflags & CF_NOCACHE;
        uint8_t *mem = nocache ? es->scratch_buf : es->code_buf + es->code_used;
        size_t cap = nocache ? EXEC_SCRATCH_SIZE : es->code_size - es->code_used;
        bool logged;
        long used;

        memset(&proto, 0, sizeof(proto));
        proto.pc = pc;
        proto.flags = flags;
        proto.cflags = cflags;
        proto.page_addr[0] = phys & TARGET_PAGE_MASK;
        proto.page_addr[1] = (uint64_t)-1;
        proto.code_mmu_idx = (uint8_t)mmu;
        es->tr_tb = &proto;
        es->tr_vpage[0] = pc & TARGET_PAGE_MASK;
        es->tr_host[0] = (const uint8_t *)host - (pc & ~TARGET_PAGE_MASK);
        es->tr_vpage[1] = (uint64_t)-1;
        es->tr_host[1] = NULL;
        tcg_set_current(es->tcg);
        tcg_func_start();
        cs->ops->translate(cs, &proto, (int)max);
        es->tr_tb = NULL;
        if (tcg_ctx->nb_insns && proto.size == 0) {
            g_error("exec: the translate hook did not set tb->size");
        }
        logged = G_UNLIKELY(log_mask(LOG_OP | LOG_OP_OPT | LOG_OUT_ASM)) &&
                 !tcg_ctx->overflow && log_in_filter(pc);
        if (logged && log_mask(LOG_OP)) {
            log_ops("OP:");
        }
        if (!(es->debug & EXEC_DEBUG_NOOPT)) {
            tcg_optimize();
        }
        if (logged && log_mask(LOG_OP_OPT)) {
            log_ops("OP after optimization:");
        }
        used = tcg_ctx->nb_insns ? tb_emit(&proto, mem, cap) : -EINVAL;
        if (used >= 0) {
            TranslationBlock *tb = (TranslationBlock *)mem;
            if (logged && log_mask(LOG_OUT_ASM)) {
                log_out_asm(tb);
            }
            if (!nocache) {
                es->code_used += (size_t)used;
                tb_register(cs, tb);
            }
            es->stats.tbs_translated++;
            es->stats.tbs_nocache += nocache;
            es->stats.insns_translated += tb->icount;
            if (G_UNLIKELY(t0)) {
                es->stats.translate_ns += (uint64_t)(portos_clock_monotonic_ns() - t0);
            }
            return tb;
        }
        if (used == -ENOSPC && !nocache && !flushed && es->code_used > 0) {
            tb_flush();
            flushed = true;
            continue;
        }
        if (max <= 1) {
            g_error("exec: cannot translate one instruction at 0x%"
                    G_GINT64_MODIFIER "x", (guint64)pc);
        }
        max /= 2;
    }
}
