/*
 * target/arm performance monitors: counters derived from the executed
 * instruction count (one cycle per instruction), the PMCR.D divider,
 * events 0x08/0x11/SW_INCR and unimplemented events, privilege-level
 * filters across mode changes, overflow flags and the interrupt output.
 */
#include "arm-test-util.h"

#define K(crm, o2) ARM_CP_KEY(15, 0, 0, 9, crm, o2)
#define PMCR       K(12, 0)
#define PMCNTENSET K(12, 1)
#define PMCNTENCLR K(12, 2)
#define PMOVSR     K(12, 3)
#define PMSWINC    K(12, 4)
#define PMSELR     K(12, 5)
#define PMCCNTR    K(13, 0)
#define PMXEVTYPER K(13, 1)
#define PMXEVCNTR  K(13, 2)
#define PMINTENSET K(14, 1)

static int irq_calls;
static bool irq_level;

static uint64_t t_now(void *opaque)
{
    return 0;
}

static void t_changed(void *opaque)
{
}

static void t_pmu_irq(void *opaque, bool level)
{
    irq_calls++;
    irq_level = level;
}

static const ARMTimerHooks hooks = { t_now, t_changed, t_pmu_irq };

static uint32_t rd(uint32_t key)
{
    volatile uint32_t v = 0;
    int e;

    ARM_CATCH(e, v = helper_cp_read(at.cs, key));
    ck_assert_int_eq(e, EXCP_NONE);
    return v;
}

static void wr(uint32_t key, uint32_t val)
{
    int e;

    ARM_CATCH(e, helper_cp_write(at.cs, key, val));
    ck_assert_int_eq(e, EXCP_NONE);
}

/* "Execute" n instructions: the count the exec loop keeps. */
static void run(uint64_t n)
{
    at.cs->icount_total += n;
}

START_TEST(test_cycle_counter)
{
    run(12345);                         /* before enabling: not counted */
    wr(PMCNTENSET, 1u << 31);
    run(100);
    ck_assert_uint_eq(rd(PMCCNTR), 0);  /* PMCR.E = 0 */
    wr(PMCR, 1);
    run(1000);
    ck_assert_uint_eq(rd(PMCCNTR), 1000);
    wr(PMCNTENCLR, 1u << 31);
    run(1000);
    ck_assert_uint_eq(rd(PMCCNTR), 1000);
    wr(PMCCNTR, 5);
    wr(PMCNTENSET, 1u << 31);
    run(7);
    ck_assert_uint_eq(rd(PMCCNTR), 12);
    wr(PMCR, 1 | 4);                    /* C: reset */
    ck_assert_uint_eq(rd(PMCCNTR), 0);
    wr(PMCR, 1 | 8);                    /* D: one count per 64 cycles */
    run(64 * 10 + 63);
    ck_assert_uint_eq(rd(PMCCNTR), 10);
    run(1);
    ck_assert_uint_eq(rd(PMCCNTR), 11);
}
END_TEST

START_TEST(test_event_counters)
{
    static const struct { uint32_t ev, expect; } cases[] = {
        { 0x08, 300 }, { 0x11, 300 }, { 0x03, 0 }, { 0x00, 2 },
    };

    wr(PMCR, 1);
    for (unsigned i = 0; i < 4; i++) {
        wr(PMSELR, i);
        wr(PMXEVTYPER, cases[i].ev);
        wr(PMXEVCNTR, 0);
    }
    wr(PMCNTENSET, 0xf);
    run(300);
    wr(PMSWINC, 1u << 3);
    wr(PMSWINC, (1u << 3) | (1u << 4));  /* counter 4 is not enabled */
    for (unsigned i = 0; i < 4; i++) {
        wr(PMSELR, i);
        ck_assert_uint_eq(rd(PMXEVCNTR), cases[i].expect);
    }
    wr(PMSELR, 4);
    ck_assert_uint_eq(rd(PMXEVCNTR), 0);
    wr(PMCR, 1 | 2);                    /* P: event counters to zero */
    wr(PMSELR, 0);
    ck_assert_uint_eq(rd(PMXEVCNTR), 0);
    /* PMSELR beyond PMCR.N: no counter, reads as zero, writes ignored */
    wr(PMSELR, 9);
    wr(PMXEVCNTR, 77);
    wr(PMXEVTYPER, 0x11);
    ck_assert_uint_eq(rd(PMXEVCNTR), 0);
    ck_assert_uint_eq(rd(PMXEVTYPER), 0);
}
END_TEST

START_TEST(test_filter_by_mode)
{
    CPUARMState *env = at.env;

    wr(PMCR, 1);
    wr(PMSELR, 31);
    wr(PMXEVTYPER, 1u << 30);           /* PMCCFILTR.U: not at PL0 */
    wr(PMCNTENSET, 1u << 31);
    run(100);                           /* PL1: counted */
    arm_switch_mode(env, ARM_CPU_MODE_USR);
    run(200);                           /* PL0: filtered */
    arm_switch_mode(env, ARM_CPU_MODE_SVC);
    run(1);
    ck_assert_uint_eq(rd(PMCCNTR), 101);
}
END_TEST

START_TEST(test_overflow_irq)
{
    irq_calls = 0;
    irq_level = false;
    arm_cpu_set_timer_hooks(at.cpu, &hooks, NULL);
    wr(PMCR, 1);
    wr(PMCCNTR, 0xffffff00u);
    wr(PMCNTENSET, 1u << 31);
    run(0x100);
    ck_assert_uint_eq(rd(PMCCNTR), 0);
    ck_assert_uint_eq(rd(PMOVSR), 1u << 31);
    ck_assert_int_eq(irq_calls, 0);     /* not enabled in PMINTENSET */
    wr(PMINTENSET, 1u << 31);
    ck_assert_int_eq(irq_calls, 1);
    ck_assert(irq_level);
    wr(PMCR, 0);                        /* PMCR.E gates the output */
    ck_assert(!irq_level);
    wr(PMCR, 1);
    ck_assert(irq_level);
    wr(PMOVSR, 1u << 31);
    ck_assert(!irq_level);
    ck_assert_int_eq(irq_calls, 4);
    /* an event counter overflowing on SW_INCR */
    wr(PMSELR, 2);
    wr(PMXEVTYPER, 0);
    wr(PMXEVCNTR, 0xffffffffu);
    wr(PMCNTENSET, 1u << 2);
    wr(PMINTENSET, 1u << 2);
    wr(PMSWINC, 1u << 2);
    ck_assert_uint_eq(rd(PMXEVCNTR), 0);
    ck_assert_uint_eq(rd(PMOVSR), 1u << 2);
    ck_assert(irq_level);
    /* a CPU reset lowers the output with everything else */
    arm_cpu_reset(at.cpu);
    ck_assert(!irq_level);
    ck_assert_uint_eq(rd(PMOVSR), 0);
}
END_TEST

/* Where the board must end its slice for the interrupt to be on time. */
START_TEST(test_insns_to_overflow)
{
    CPUARMState *env = at.env;

    wr(PMCCNTR, 0xffffff00u);
    wr(PMCNTENSET, 1u << 31);
    wr(PMCR, 1);
    ck_assert_uint_eq(arm_pmu_insns_to_overflow(env), UINT64_MAX);  /* no INTEN */
    wr(PMINTENSET, 1u << 31);
    ck_assert_uint_eq(arm_pmu_insns_to_overflow(env), 0x100);
    wr(PMCR, 1 | 8);                    /* D */
    run(10);
    arm_pmu_sync(env);
    ck_assert_uint_eq(arm_pmu_insns_to_overflow(env), 0x100 * 64 - 10);
    wr(PMCR, 1);
    wr(PMSELR, 1);
    wr(PMXEVTYPER, 0x08);
    wr(PMXEVCNTR, 0xfffffff0u);
    wr(PMCNTENSET, 1u << 1);
    ck_assert_uint_eq(arm_pmu_insns_to_overflow(env), 0x100);      /* no INTEN */
    wr(PMINTENSET, 1u << 1);
    ck_assert_uint_eq(arm_pmu_insns_to_overflow(env), 16);
    run(16);
    arm_pmu_sync(env);
    ck_assert_uint_eq(env->cp15.pmovsr, 1u << 1);
    wr(PMCR, 0);
    ck_assert_uint_eq(arm_pmu_insns_to_overflow(env), UINT64_MAX);
}
END_TEST

Suite *suite_arm_pmu(void)
{
    Suite *s = suite_create("arm-pmu");
    TCase *tc = tcase_create("pmu");

    tcase_add_checked_fixture(tc, arm_test_setup, arm_test_teardown);
    tcase_add_test(tc, test_cycle_counter);
    tcase_add_test(tc, test_event_counters);
    tcase_add_test(tc, test_filter_by_mode);
    tcase_add_test(tc, test_overflow_irq);
    tcase_add_test(tc, test_insns_to_overflow);
    suite_add_tcase(s, tc);
    return s;
}
