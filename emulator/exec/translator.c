/*
 * Guest code reads for translate hooks.  The first page was resolved by
 * the loop; a second page is resolved (and may fault) on first use.
 */
#include "exec/translator.h"

#include "exec/exec-int.h"

/* Host address of the code byte at @vaddr, or NULL (third page). */
static const uint8_t *code_host(CPUState *cs, TranslationBlock *tb,
                                uint64_t vaddr, bool probe)
{
    ExecState *es = &exec_state;
    uint64_t vpage = vaddr & TARGET_PAGE_MASK;

    if (tb != es->tr_tb) {
        return NULL;
    }
    for (int i = 0; i < 2; i++) {
        if (es->tr_vpage[i] == vpage) {
            return es->tr_host[i] + (vaddr - vpage);
        }
    }
    if (es->tr_vpage[1] != (uint64_t)-1) {
        return NULL;
    }
    unsigned mmu = cs->ops->mmu_index(cs, true);
    void *host;
    uint64_t phys;

    if (probe) {
        return tlb_probe(&cs->tlb, vaddr, 1, MMU_INST_FETCH, mmu, true, &host)
               ? (const uint8_t *)host : NULL;
    }
    phys = tlb_get_code_page(&cs->tlb, vaddr, mmu, &host);
    if (!host) {
        return NULL;
    }
    es->tr_vpage[1] = vpage;
    es->tr_host[1] = (const uint8_t *)host - (vaddr - vpage);
    tb->page_addr[1] = phys & TARGET_PAGE_MASK;
    return host;
}

static uint64_t code_load(CPUState *cs, TranslationBlock *tb, uint64_t vaddr,
                          unsigned size)
{
    uint64_t v = 0;

    for (unsigned i = 0; i < size; i++) {
        const uint8_t *p = code_host(cs, tb, vaddr + i, false);
        if (!p) {
            /* Third page or no TB: reject this IR, retry shorter. */
            tcg_ctx->overflow = true;
            return 0;
        }
        v |= (uint64_t)*p << (8 * i);
    }
    return v;
}

uint8_t translator_ldub(CPUState *cs, TranslationBlock *tb, uint64_t vaddr)
{
    return (uint8_t)code_load(cs, tb, vaddr, 1);
}

uint16_t translator_lduw(CPUState *cs, TranslationBlock *tb, uint64_t vaddr)
{
    return (uint16_t)code_load(cs, tb, vaddr, 2);
}

uint32_t translator_ldl(CPUState *cs, TranslationBlock *tb, uint64_t vaddr)
{
    return (uint32_t)code_load(cs, tb, vaddr, 4);
}

bool translator_can_fetch(CPUState *cs, TranslationBlock *tb, uint64_t vaddr)
{
    return code_host(cs, tb, vaddr, true) != NULL;
}
