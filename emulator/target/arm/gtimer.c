/*
 * The generic timer's CP15 interface (c14): frequency, counters, the
 * physical and virtual timers and their PL0 access control.
 *
 * The board owns time: ARMTimerHooks.now gives the system counter and
 * ARMTimerHooks.changed is called after every write that may move a
 * timer's deadline or output.  Without hooks the counter reads 0.
 * There is no Virtualization extension, so CNTVOFF is 0 and the virtual
 * count equals the physical one.
 */
#include "target/arm/internals.h"

#define CNTKCTL_PL0PCTEN  (1u << 0)
#define CNTKCTL_PL0VCTEN  (1u << 1)
#define CNTKCTL_PL0VTEN   (1u << 8)
#define CNTKCTL_PL0PTEN   (1u << 9)

#define CNT_CTL_ENABLE   1u
#define CNT_CTL_IMASK    2u
#define CNT_CTL_ISTATUS  4u

uint64_t arm_gt_count(CPUARMState *env)
{
    ARMCPU *cpu = env_archcpu(env);

    if (cpu->timer_hooks && cpu->timer_hooks->now) {
        return cpu->timer_hooks->now(cpu->timer_opaque);
    }
    return 0;
}

static void gt_changed(CPUARMState *env)
{
    ARMCPU *cpu = env_archcpu(env);

    if (cpu->timer_hooks && cpu->timer_hooks->changed) {
        cpu->timer_hooks->changed(cpu->timer_opaque);
    }
}

static uint32_t *gt_ctl(CPUARMState *env, int timer)
{
    return timer == ARM_GT_VIRT ? &env->cp15.cntv_ctl : &env->cp15.cntp_ctl;
}

static uint64_t *gt_cval(CPUARMState *env, int timer)
{
    return timer == ARM_GT_VIRT ? &env->cp15.cntv_cval : &env->cp15.cntp_cval;
}

static bool gt_istatus(CPUARMState *env, int timer, uint64_t now)
{
    return (*gt_ctl(env, timer) & CNT_CTL_ENABLE) &&
           now >= *gt_cval(env, timer);
}

bool arm_gt_irq_level(CPUARMState *env, int timer)
{
    return !(*gt_ctl(env, timer) & CNT_CTL_IMASK) &&
           gt_istatus(env, timer, arm_gt_count(env));
}

uint64_t arm_gt_deadline(CPUARMState *env, int timer)
{
    uint32_t ctl = *gt_ctl(env, timer);

    if (!(ctl & CNT_CTL_ENABLE) || (ctl & CNT_CTL_IMASK)) {
        return UINT64_MAX;
    }
    return *gt_cval(env, timer);
}

/* Which timer a register belongs to: CRm 2 physical, 3 virtual. */
static int ri_timer(const ARMCPRegInfo *ri)
{
    return ((ri->key >> 4) & 0xf) == 3 ? ARM_GT_VIRT : ARM_GT_PHYS;
}

static CPAccessResult pl0_check(CPUARMState *env, uint32_t bits)
{
    if (arm_current_pl(env) == 0 && !(env->cp15.cntkctl & bits)) {
        return CP_ACCESS_UNDEF;
    }
    return CP_ACCESS_OK;
}

static CPAccessResult cntfrq_access(CPUARMState *env, const ARMCPRegInfo *ri,
                                    bool isread)
{
    return pl0_check(env, CNTKCTL_PL0PCTEN | CNTKCTL_PL0VCTEN);
}

static CPAccessResult cntpct_access(CPUARMState *env, const ARMCPRegInfo *ri,
                                    bool isread)
{
    return pl0_check(env, CNTKCTL_PL0PCTEN);
}

static CPAccessResult cntvct_access(CPUARMState *env, const ARMCPRegInfo *ri,
                                    bool isread)
{
    return pl0_check(env, CNTKCTL_PL0VCTEN);
}

static CPAccessResult timer_access(CPUARMState *env, const ARMCPRegInfo *ri,
                                   bool isread)
{
    return pl0_check(env, ri_timer(ri) == ARM_GT_VIRT ? CNTKCTL_PL0VTEN
                                                      : CNTKCTL_PL0PTEN);
}

static uint64_t cnt_read(CPUARMState *env, const ARMCPRegInfo *ri)
{
    return arm_gt_count(env);
}

static uint64_t ctl_read(CPUARMState *env, const ARMCPRegInfo *ri)
{
    int t = ri_timer(ri);
    uint32_t ctl = *gt_ctl(env, t) & (CNT_CTL_ENABLE | CNT_CTL_IMASK);

    return ctl | (gt_istatus(env, t, arm_gt_count(env)) ? CNT_CTL_ISTATUS : 0);
}

static void ctl_write(CPUARMState *env, const ARMCPRegInfo *ri, uint64_t v)
{
    *gt_ctl(env, ri_timer(ri)) = (uint32_t)v & (CNT_CTL_ENABLE | CNT_CTL_IMASK);
    gt_changed(env);
}

static uint64_t tval_read(CPUARMState *env, const ARMCPRegInfo *ri)
{
    return (uint32_t)(*gt_cval(env, ri_timer(ri)) - arm_gt_count(env));
}

static void tval_write(CPUARMState *env, const ARMCPRegInfo *ri, uint64_t v)
{
    /* TVAL is a signed 32-bit offset from the current count. */
    *gt_cval(env, ri_timer(ri)) = arm_gt_count(env) + (int64_t)(int32_t)v;
    gt_changed(env);
}

#define K32(o1, cn, cm, o2) ARM_CP_KEY(15, 0, o1, cn, cm, o2)
#define K64(o1, cm) ARM_CP_KEY(15, 1, o1, 0, cm, 0)

/* The 64-bit CVAL registers: opc1 2 is physical, 3 virtual. */
static uint64_t cval64_read(CPUARMState *env, const ARMCPRegInfo *ri)
{
    return ((ri->key >> 12) & 7) == 3 ? env->cp15.cntv_cval
                                      : env->cp15.cntp_cval;
}

static void cval64_write(CPUARMState *env, const ARMCPRegInfo *ri, uint64_t v)
{
    if (((ri->key >> 12) & 7) == 3) {
        env->cp15.cntv_cval = v;
    } else {
        env->cp15.cntp_cval = v;
    }
    gt_changed(env);
}

static CPAccessResult cval64_access(CPUARMState *env, const ARMCPRegInfo *ri,
                                    bool isread)
{
    return pl0_check(env, ((ri->key >> 12) & 7) == 3 ? CNTKCTL_PL0VTEN
                                                     : CNTKCTL_PL0PTEN);
}

const ARMCPRegInfo arm_gtimer_regs[] = {
    { .name = "CNTFRQ", .key = K32(0, 14, 0, 0),
      .access = CP_PL0_R | CP_PL1_RW, .accessfn = cntfrq_access,
      .field = offsetof(CPUARMState, cp15.cntfrq) },
    { .name = "CNTKCTL", .key = K32(0, 14, 1, 0), .access = CP_PL1_RW,
      .field = offsetof(CPUARMState, cp15.cntkctl) },
    { .name = "CNTP_TVAL", .key = K32(0, 14, 2, 0), .access = CP_PL0_ALL,
      .accessfn = timer_access, .readfn = tval_read, .writefn = tval_write },
    { .name = "CNTP_CTL", .key = K32(0, 14, 2, 1), .access = CP_PL0_ALL,
      .accessfn = timer_access, .readfn = ctl_read, .writefn = ctl_write },
    { .name = "CNTV_TVAL", .key = K32(0, 14, 3, 0), .access = CP_PL0_ALL,
      .accessfn = timer_access, .readfn = tval_read, .writefn = tval_write },
    { .name = "CNTV_CTL", .key = K32(0, 14, 3, 1), .access = CP_PL0_ALL,
      .accessfn = timer_access, .readfn = ctl_read, .writefn = ctl_write },
    { .name = "CNTPCT", .key = K64(0, 14), .access = CP_PL0_R | CP_PL1_R,
      .flags = CP_64, .accessfn = cntpct_access, .readfn = cnt_read },
    { .name = "CNTVCT", .key = K64(1, 14), .access = CP_PL0_R | CP_PL1_R,
      .flags = CP_64, .accessfn = cntvct_access, .readfn = cnt_read },
    { .name = "CNTP_CVAL", .key = K64(2, 14), .access = CP_PL0_ALL,
      .flags = CP_64, .accessfn = cval64_access, .readfn = cval64_read,
      .writefn = cval64_write },
    { .name = "CNTV_CVAL", .key = K64(3, 14), .access = CP_PL0_ALL,
      .flags = CP_64, .accessfn = cval64_access, .readfn = cval64_read,
      .writefn = cval64_write },
};
const unsigned arm_gtimer_nregs = sizeof(arm_gtimer_regs) /
                                  sizeof(arm_gtimer_regs[0]);
