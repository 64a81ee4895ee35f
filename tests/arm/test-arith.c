/*
 * target/arm integer helpers: saturation with the Q flag, the parallel
 * add/subtract family with GE flags, SEL, USAD8, RBIT.  The expected
 * values of the parallel operations were checked on qemu-system-arm.
 */
#include "arm-test-util.h"
#include "target/arm/arith-helper.h"

START_TEST(test_saturating)
{
    CPUARMState *env = at.env;

    ck_assert_uint_eq(helper_qadd(at.cs, 1, 2), 3);
    ck_assert_uint_eq(env->QF, 0);
    ck_assert_uint_eq(helper_qadd(at.cs, 0x7fffffff, 1), 0x7fffffff);
    ck_assert_uint_eq(env->QF, 1);
    env->QF = 0;
    ck_assert_uint_eq(helper_qsub(at.cs, 0x80000000, 1), 0x80000000);
    ck_assert_uint_eq(env->QF, 1);
    env->QF = 0;
    ck_assert_uint_eq(helper_qsub(at.cs, 5, 7), (uint32_t)-2);
    ck_assert_uint_eq(env->QF, 0);
    /* QDADD: the doubling saturates (Q) even if the sum does not. */
    ck_assert_uint_eq(helper_qdadd(at.cs, 0x80000000, 0x40000000), 0xffffffff);
    ck_assert_uint_eq(env->QF, 1);
    env->QF = 0;
    ck_assert_uint_eq(helper_qdadd(at.cs, 10, 3), 16);
    ck_assert_uint_eq(helper_qdsub(at.cs, 0x80000000, 1), 0x80000000);
    ck_assert_uint_eq(env->QF, 1);
    env->QF = 0;
    ck_assert_uint_eq(helper_add_setq(at.cs, 0x7fffffff, 1), 0x80000000);
    ck_assert_uint_eq(env->QF, 1);
    env->QF = 0;
    ck_assert_uint_eq(helper_add_setq(at.cs, 0xffffffff, 1), 0);
    ck_assert_uint_eq(env->QF, 0);
    /* The Q flag shows in the CPSR. */
    env->QF = 1;
    ck_assert(arm_cpsr_read(env) & CPSR_Q);
}
END_TEST

START_TEST(test_ssat_usat)
{
    CPUARMState *env = at.env;

    ck_assert_uint_eq(helper_ssat(at.cs, 127, 8), 127);
    ck_assert_uint_eq(env->QF, 0);
    ck_assert_uint_eq(helper_ssat(at.cs, 128, 8), 127);
    ck_assert_uint_eq(env->QF, 1);
    env->QF = 0;
    ck_assert_uint_eq(helper_ssat(at.cs, (uint32_t)-129, 8), (uint32_t)-128);
    ck_assert_uint_eq(env->QF, 1);
    env->QF = 0;
    ck_assert_uint_eq(helper_ssat(at.cs, 0x80000000, 32), 0x80000000);
    ck_assert_uint_eq(helper_ssat(at.cs, 5, 1), 0);      /* range -1..0 */
    ck_assert_uint_eq(env->QF, 1);
    env->QF = 0;
    ck_assert_uint_eq(helper_usat(at.cs, (uint32_t)-5, 8), 0);
    ck_assert_uint_eq(env->QF, 1);
    env->QF = 0;
    ck_assert_uint_eq(helper_usat(at.cs, 300, 8), 255);
    ck_assert_uint_eq(helper_usat(at.cs, 0x7fffffff, 31), 0x7fffffff);
    ck_assert_uint_eq(helper_usat(at.cs, 1, 0), 0);
    env->QF = 0;
    ck_assert_uint_eq(helper_ssat16(at.cs, 0x7fff8000, 8), 0x007fff80);
    ck_assert_uint_eq(env->QF, 1);
    env->QF = 0;
    ck_assert_uint_eq(helper_usat16(at.cs, 0xffff0100, 8), 0x000000ff);
    ck_assert_uint_eq(env->QF, 1);
    env->QF = 0;
    ck_assert_uint_eq(helper_usat16(at.cs, 0x00100020, 8), 0x00100020);
    ck_assert_uint_eq(env->QF, 0);
}
END_TEST

START_TEST(test_parallel_ge)
{
    CPUARMState *env = at.env;

    /* SADD16: GE per halfword = result >= 0. */
    ck_assert_uint_eq(helper_sadd16(at.cs, 0x7fff0001, 0x0001fffe), 0x8000ffff);
    ck_assert_uint_eq(env->GE, 0xc);
    ck_assert_uint_eq(helper_sadd16(at.cs, 0x00010005, 0x0001fffe), 0x00020003);
    ck_assert_uint_eq(env->GE, 0xf);
    /* UADD16: GE = carry out. */
    ck_assert_uint_eq(helper_uadd16(at.cs, 0xffff0001, 0x00010001), 0x00000002);
    ck_assert_uint_eq(env->GE, 0xc);
    /* USUB8: GE = no borrow. */
    ck_assert_uint_eq(helper_usub8(at.cs, 0x10203040, 0x20103040), 0xf0100000);
    ck_assert_uint_eq(env->GE, 0x7);
    /* SSUB8 */
    ck_assert_uint_eq(helper_ssub8(at.cs, 0x80017f00, 0x01020101), 0x7fff7eff);
    ck_assert_uint_eq(env->GE, 0x2);
    /* SASX: lo = a.lo - b.hi, hi = a.hi + b.lo. */
    ck_assert_uint_eq(helper_sasx(at.cs, 0x00050003, 0x00040001), 0x0006ffff);
    ck_assert_uint_eq(env->GE, 0xc);
    /* SSAX: lo = a.lo + b.hi, hi = a.hi - b.lo. */
    ck_assert_uint_eq(helper_ssax(at.cs, 0x00050003, 0x00040009), 0xfffc0007);
    ck_assert_uint_eq(env->GE, 0x3);
    /* UASX: difference lane GE >= 0, sum lane GE = carry. */
    ck_assert_uint_eq(helper_uasx(at.cs, 0xffff0001, 0x00020001), 0x0000ffff);
    ck_assert_uint_eq(env->GE, 0xc);
    ck_assert_uint_eq(helper_usax(at.cs, 0x00010001, 0xffff0002), 0xffff0000);
    ck_assert_uint_eq(env->GE, 0x3);
    ck_assert_uint_eq(helper_uadd8(at.cs, 0xff80017f, 0x01800101), 0x00000280);
    ck_assert_uint_eq(env->GE, 0xc);
    ck_assert_uint_eq(helper_sadd8(at.cs, 0x7f80ff01, 0x01ff0101), 0x807f0002);
    ck_assert_uint_eq(env->GE, 0xb);
    ck_assert_uint_eq(helper_usub16(at.cs, 0x00010005, 0x00020003), 0xffff0002);
    ck_assert_uint_eq(env->GE, 0x3);
    ck_assert_uint_eq(helper_ssub16(at.cs, 0x80000005, 0x00010003), 0x7fff0002);
    ck_assert_uint_eq(env->GE, 0x3);
    /* Saturating and halving forms leave GE alone. */
    env->GE = 0x5;
    ck_assert_uint_eq(helper_qadd16(at.cs, 0x7fff8000, 0x0001ffff), 0x7fff8000);
    ck_assert_uint_eq(helper_qsub8(at.cs, 0x807f0010, 0x01ff0020), 0x807f00f0);
    ck_assert_uint_eq(helper_uqadd8(at.cs, 0xff10f000, 0x0110200a), 0xff20ff0a);
    ck_assert_uint_eq(helper_uqsub16(at.cs, 0x00050005, 0x00060004), 0x00000001);
    ck_assert_uint_eq(helper_qasx(at.cs, 0x7fff8000, 0x00010001), 0x7fff8000);
    ck_assert_uint_eq(helper_qsax(at.cs, 0x7fff0001, 0x0001ffff), 0x7fff0002);
    ck_assert_uint_eq(helper_uqasx(at.cs, 0xfff00001, 0x00020020), 0xffff0000);
    ck_assert_uint_eq(helper_uqsax(at.cs, 0x00010001, 0x0002ffff), 0x00000003);
    ck_assert_uint_eq(helper_shadd16(at.cs, 0x7fff8000, 0x7fff8000), 0x7fff8000);
    ck_assert_uint_eq(helper_shsub8(at.cs, 0x00000080, 0x0000017f), 0x0000ff80);
    ck_assert_uint_eq(helper_uhadd8(at.cs, 0xffff0001, 0xff010001), 0xff800001);
    ck_assert_uint_eq(helper_uhsub16(at.cs, 0x00000001, 0x00010003), 0xffffffff);
    ck_assert_uint_eq(helper_shasx(at.cs, 0x00040003, 0x00010001), 0x00020001);
    ck_assert_uint_eq(helper_uhsax(at.cs, 0x00040003, 0x00010001), 0x00010002);
    ck_assert_uint_eq(helper_shsax(at.cs, 0x00040003, 0x00060001), 0x00010004);
    ck_assert_uint_eq(helper_uhasx(at.cs, 0x00040003, 0x00010001), 0x00020001);
    ck_assert_uint_eq(helper_shadd8(at.cs, 0x7f7f8080, 0x01018080), 0x40408080);
    ck_assert_uint_eq(helper_uhsub8(at.cs, 0x10000000, 0x20000000), 0xf8000000);
    ck_assert_uint_eq(helper_shsub16(at.cs, 0x80000000, 0x7fff0000), 0x80000000);
    ck_assert_uint_eq(helper_uhadd16(at.cs, 0xffffffff, 0xffff0001), 0xffff8000);
    ck_assert_uint_eq(helper_qadd8(at.cs, 0x7f80017f, 0x7f80ff01), 0x7f80007f);
    ck_assert_uint_eq(helper_qsub16(at.cs, 0x80007fff, 0x0001ffff), 0x80007fff);
    ck_assert_uint_eq(helper_uqadd16(at.cs, 0xfffe0001, 0x00050001), 0xffff0002);
    ck_assert_uint_eq(helper_uqsub8(at.cs, 0x05050505, 0x06040506), 0x00010000);
    ck_assert_uint_eq(env->GE, 0x5);
}
END_TEST

START_TEST(test_sel_usad_rbit)
{
    at.env->GE = 0x5;
    ck_assert_uint_eq(helper_sel(at.cs, 0x11223344, 0xaabbccdd), 0xaa22cc44);
    at.env->GE = 0xf;
    ck_assert_uint_eq(helper_sel(at.cs, 0x11223344, 0xaabbccdd), 0x11223344);
    /* SEL after SSUB8 picks the per-byte maximum. */
    helper_ssub8(at.cs, 0x057f80f0, 0x10010102);
    ck_assert_uint_eq(helper_sel(at.cs, 0x057f80f0, 0x10010102), 0x107f0102);
    ck_assert_uint_eq(helper_usad8(at.cs, 0x01ff1000, 0x02001000), 256);
    ck_assert_uint_eq(helper_usad8(at.cs, 0, 0), 0);
    ck_assert_uint_eq(helper_rbit(at.cs, 0x00000001), 0x80000000);
    ck_assert_uint_eq(helper_rbit(at.cs, 0x12345678), 0x1e6a2c48);
}
END_TEST

Suite *suite_arm_arith(void)
{
    Suite *s = suite_create("arm-arith");
    TCase *tc = tcase_create("arith");

    tcase_add_checked_fixture(tc, arm_test_setup, arm_test_teardown);
    tcase_add_test(tc, test_saturating);
    tcase_add_test(tc, test_ssat_usat);
    tcase_add_test(tc, test_parallel_ge);
    tcase_add_test(tc, test_sel_usad_rbit);
    suite_add_tcase(s, tc);
    return s;
}
