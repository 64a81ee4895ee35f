/* Processor modes (A32): banked SP/LR/SPSR per mode, FIQ r8-r12, banked
   MRS/MSR, user-bank LDM/STM, a trip to user mode (privilege checks on
   CPSR writes, CP15 access) and back via SVC, exception return by
   MOVS/SUBS pc,lr and SRS/RFE, CPSR mask bits, exceptions taken in
   Thumb state with SCTLR.TE, VBAR relocation. */
#include "rt.h"

uint32_t *g_out;
uint32_t g_alt[8];

extern void bank_rw(uint32_t mode, const uint32_t *in, uint32_t *out);
extern void sys_bank_rw(const uint32_t *in, uint32_t *out);
extern void fiq_regs(uint32_t *out);
extern void user_trip(uint32_t *out);
extern void user_back(void);
extern void alt_svc_a(void), alt_udf_a(void), alt_bkpt_a(void);
extern void alt_svc_t(void), alt_udf_t(void);
extern char alt_vectors[], thumb_vectors[], alt_svc_insn[], alt_udf_insn[], alt_svc_insn_t[];

static int hook(int vec, rt_exc_frame *f)
{
    rt_printf("  %s from mode %02x spsr=%08x\n", rt_vec_names[vec], f->spsr & 0x1f, f->spsr);
    if (vec == VEC_UND)
        return 1;                       /* A32: LR is the next instruction */
    if (vec == VEC_SVC && (f->spsr & 0x1f) == 0x10) {
        f->spsr = (f->spsr & ~0x1fu) | 0x13;
        f->lr = (uint32_t)user_back;
        return 1;
    }
    return 0;
}

int main(void)
{
    static const uint32_t modes[] = { 0x11, 0x12, 0x17, 0x1b };
    uint32_t in[3], out[8];

    rt_puts("modes a32\n");
    rt_hook = hook;
    for (int i = 0; i < 4; i++) {
        in[0] = 0x1000 * modes[i] + 8;
        in[1] = 0x2000 * modes[i] + 4;
        in[2] = 0x80000000u | 0x100u * modes[i] | 0xd0;
        bank_rw(modes[i], in, out);
        rt_printf("bank %02x: sp=%08x lr=%08x spsr=%08x\n", modes[i], out[0], out[1], out[2]);
    }
    in[0] = 0x4000fff0;
    in[1] = 0x4000eee0;
    sys_bank_rw(in, out);
    rt_printf("usr bank: stm^ %08x %08x ldm^ %08x %08x\n", out[0], out[1], out[4], out[5]);

    memset(out, 0, sizeof(out));
    uint32_t fr[20];
    fiq_regs(fr);
    rt_puts("fiq regs:");
    for (int i = 0; i < 20; i++)
        rt_printf(" %x", fr[i]);
    rt_putc('\n');

    /* CPSR mask bits */
    uint32_t c0, c1, c2;
    __asm__ volatile("mrs %0, cpsr\n\tcpsie if\n\tmrs %1, cpsr\n\tcpsid aif\n\tmrs %2, cpsr"
                     : "=r"(c0), "=r"(c1), "=r"(c2));
    rt_printf("cps: %08x %08x %08x\n", c0, c1, c2);
    __asm__ volatile("cpsie a\n\tmrs %0, cpsr\n\tmsr cpsr_c, #0xd3\n\tmrs %1, cpsr"
                     : "=r"(c0), "=r"(c1));
    rt_printf("cps a: %08x msr: %08x\n", c0, c1);

    uint32_t u[8] = { 0 };
    MCR(0, c13, c0, 3, 0x0badcafe);     /* TPIDRURO, read-only for user */
    user_trip(u);
    rt_puts("user:");
    for (int i = 0; i < 8; i++)
        rt_printf(" %08x", u[i]);
    rt_putc('\n');
    rt_printf("tpidruro=%08x tpidrurw=%08x\n", MRC(0, c13, c0, 3), MRC(0, c13, c0, 2));

    /* alternate vector table: SRS/RFE, MOVS pc, SUBS pc */
    uint32_t old = MRC(0, c12, c0, 0);
    MCR(0, c12, c0, 0, (uint32_t)alt_vectors);
    ISB();
    rt_printf("vbar=%s\n", MRC(0, c12, c0, 0) == (uint32_t)alt_vectors ? "alt" : "?");
    alt_svc_a();
    rt_puts("alt: svc via SRS/RFE done\n");
    alt_udf_a();
    rt_puts("alt: udf via MOVS pc, lr done\n");
    alt_bkpt_a();
    rt_puts("alt: bkpt via SUBS pc, lr done\n");
    rt_printf("alt: svc spsr=%08x srs.lr-insn=%d srs.spsr=%08x und.lr-insn=%d pabt.spsr=%08x\n",
              g_alt[0], (int)(g_alt[1] - (uint32_t)alt_svc_insn), g_alt[2],
              (int)(g_alt[3] - (uint32_t)alt_udf_insn), g_alt[4]);

    /* exceptions taken in Thumb state */
    MCR(0, c12, c0, 0, (uint32_t)thumb_vectors);
    MCR(0, c1, c0, 0, MRC(0, c1, c0, 0) | (1u << 30));
    ISB();
    /* no printing while TE is set: the UART code is fine, but an unexpected
       exception would enter the Thumb table */
    alt_svc_a();
    alt_udf_a();
    alt_bkpt_a();
    alt_svc_t();
    alt_udf_t();
    MCR(0, c1, c0, 0, MRC(0, c1, c0, 0) & ~(1u << 30));
    MCR(0, c12, c0, 0, old);
    ISB();
    rt_printf("thumb handlers: svc spsr=%08x lr-insn=%d und lr=%s\n", g_alt[5],
              (int)(g_alt[6] - ((uint32_t)alt_svc_insn_t & ~1u)),
              g_alt[7] ? "set" : "unset");
    return 0;
}
