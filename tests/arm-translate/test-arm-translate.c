/*
 * test-arm-translate.c - the ARM translator, end to end: guest snippets
 * (snippets.s, assembled at build time) are translated, lowered to
 * bytecode and interpreted on an ARMCPU over plain RAM; the tests check
 * registers, flags, memory and exceptions afterwards.
 *
 * Memory map: RAM from 0; exception vectors at 0 each hold WFI, so an
 * exception halts the CPU with PC = vector + 4.  Code runs from
 * CODE_BASE and ends with WFI; r10 = DATA_BASE on entry.
 */
#include "portos-test.h"

#include <glib.h>
#include <string.h>

#include "exec/cpu.h"
#include "mem/memory.h"
#include "target/arm/cpu.h"

#include "arm-snippets.h"

#define RAM_SIZE   0x100000u
#define CODE_BASE  0x1000u
#define DATA_BASE  0x10000u
#define A32_WFI    0xe320f003u

static MemAddressSpace *as;
static uint8_t *ram;
static ARMCPU *cpu;
static CPUARMState *env;

static void setup(void)
{
    void *host;

    ck_assert_int_eq(exec_init(0), 0);
    as = mem_as_new();
    ck_assert_int_eq(mem_add_ram(as, "ram", 0, RAM_SIZE, &host), 0);
    ram = host;
    cpu = g_new0(ARMCPU, 1);
    ck_assert_int_eq(arm_cpu_init(cpu, as, 0), 0);
    env = &cpu->env;
    for (unsigned i = 0; i < 8; i++) {
        memcpy(ram + 4 * i, &(uint32_t){ A32_WFI }, 4);
    }
    /* VFP on: CPACR cp10/cp11 full access, FPEXC.EN. */
    env->cp15.cpacr = 0xfu << 20;
    env->vfp.fpexc = FPEXC_EN;
}

static void teardown(void)
{
    arm_cpu_destroy(cpu);
    g_free(cpu);
    mem_as_free(as);
    exec_exit();
}

/* Start snippet @n: cpu_exec's result. */
static int start(int n)
{
    memcpy(ram + CODE_BASE, snippet_bytes + snippets[n].offset,
           snippets[n].length);
    mem_notify_write(as, CODE_BASE, snippets[n].length);
    env->regs[10] = DATA_BASE;
    env->regs[15] = CODE_BASE;
    env->thumb = (uint32_t)snippets[n].thumb;
    return cpu_exec(&cpu->parent, 100000);
}

/* Run snippet @n to its WFI (or an exception vector's WFI). */
static void run(int n)
{
    int ret = start(n);

    ck_assert_msg(ret == EXCP_HLT, "%s: cpu_exec returned %#x, pc %#x",
                  snippets[n].name, ret, env->regs[15]);
}

static uint32_t mem32(uint32_t addr)
{
    uint32_t v;

    memcpy(&v, ram + addr, 4);
    return v;
}

static uint32_t nzcv(void)
{
    return arm_cpsr_read(env) & 0xf0000000u;
}

#define R(n, v) \
    ck_assert_msg(env->regs[n] == (uint32_t)(v), \
                  "r%d = %#x, expected %#x", n, env->regs[n], (uint32_t)(v))
#define FLAGS(v) \
    ck_assert_msg(nzcv() == (uint32_t)(v), "NZCV = %#x, expected %#x", \
                  nzcv(), (uint32_t)(v))
/* Halted at the WFI that ends the snippet (@len bytes of code before). */
#define END_AT(off) R(15, CODE_BASE + (off))

/* ---- A32 ---- */

START_TEST(a32_dp_imm)
{
    run(SNIP_a32_dp_imm);
    R(1, 8); R(2, 0); R(3, 0xffffffff); R(4, 0);
    R(5, 0x80000000); R(6, 0x7fffffff);
    FLAGS(0x30000000);
}
END_TEST

START_TEST(a32_dp_shift)
{
    run(SNIP_a32_dp_shift);
    R(1, 2); R(2, 0x40000000); R(3, 0xf8000000); R(4, 0x18000000);
    R(5, 0x100); R(8, 0); R(9, 0x40000000); R(12, 0xf8000000);
    FLAGS(0x20000000);
}
END_TEST

START_TEST(a32_dp_carry)
{
    run(SNIP_a32_dp_carry);
    R(4, 0); R(5, 1); R(6, 0xffffffff); R(7, 0); R(8, 0xffffffff);
    R(9, 0xffffffff); R(11, 0x00ffffff);
    FLAGS(0x60000000);
}
END_TEST

START_TEST(a32_dp_logic)
{
    run(SNIP_a32_dp_logic);
    R(2, 0x00f000f0); R(3, 0xfff0fff0); R(4, 0xff00ff00);
    R(5, 0xf000f000); R(6, 0xf00ff00f); R(7, 0x80000001);
    FLAGS(0xa0000000);
}
END_TEST

START_TEST(a32_cond)
{
    run(SNIP_a32_cond);
    R(2, 2); R(3, 3); R(4, 6); R(5, 7); R(6, 11);
}
END_TEST

START_TEST(a32_mul)
{
    run(SNIP_a32_mul);
    R(2, 0x242d2080); R(3, 0x366176f8); R(4, 0xee0735f8);
    R(5, 0x242d2080); R(6, 0x0b00ea4e); R(7, 0x242d2080); R(8, 0xf8cc93d6);
    R(11, 0x242d2081); R(12, 0x0b00ea50);
}
END_TEST

START_TEST(a32_mul2)
{
    run(SNIP_a32_mul2);
    R(2, 0x40000000); R(3, 0xc0008000); R(4, 0xc0004000);
    R(5, 0xbfff8000); R(6, 0x40017ffd); R(7, 0x3ffe8003);
    R(8, 0x1bffe); R(9, 0x1bffe); R(11, 14); R(12, 2);
    ck_assert_uint_eq(env->QF, 1);
}
END_TEST

START_TEST(a32_mul3)
{
    run(SNIP_a32_mul3);
    R(2, 0); R(3, 0); R(6, 42); R(7, 0); R(8, 11); R(9, 0);
    R(12, 0x40000000);
    ck_assert_uint_eq(env->QF, 0);
}
END_TEST

START_TEST(a32_sat)
{
    run(SNIP_a32_sat);
    R(2, 0x7fffffff); R(3, 0x80000002); R(5, 0x7f); R(6, 0xff); R(8, 0);
    R(11, 0x007fff80);
    ck_assert_uint_eq(env->regs[12] & CPSR_Q, CPSR_Q);
}
END_TEST

START_TEST(a32_parallel)
{
    run(SNIP_a32_parallel);
    R(2, 0x80000000); ck_assert_uint_eq(env->regs[3] & 0xf0000, 0xf0000);
    R(4, 0x7f00ff00); R(5, 0x00ffff01); R(6, 0x7fff0000);
    R(7, 0x0000fffe); R(8, 0x40000000); R(9, 0x37a); R(11, 0x7fff037b);
    R(12, 0x7ffe0102);
    ck_assert_uint_eq(env->GE, 0xb);
}
END_TEST

START_TEST(a32_misc)
{
    run(SNIP_a32_misc);
    R(1, 3); R(2, 0x80563412); R(3, 0x34128056); R(4, 0xffff8056);
    R(5, 0x016a2c48); R(6, 0xffffff80); R(7, 0x12348ad6);
    R(8, 0x0034ff80); R(9, 0x12341234); R(11, 0x568); R(12, 0xfffffff8);
}
END_TEST

START_TEST(a32_bits)
{
    run(SNIP_a32_bits);
    R(0, 0xffff5aff); R(2, 0xffff5af0); R(3, 0xabcd1234);
    R(4, 0x1234005a); R(5, 0x00cd0034); R(6, 0x8e);
}
END_TEST

START_TEST(a32_ldst)
{
    run(SNIP_a32_ldst);
    R(1, 0x11223344); R(3, 0x11223344); R(4, 0x11223344); R(5, 0x44);
    R(7, 0x8001); R(8, 0xffff8001); R(9, 1); R(0, 0x11223344);
    R(11, 0x11223344); R(12, A32_WFI); R(10, DATA_BASE + 8);
    ck_assert_uint_eq(mem32(DATA_BASE + 0x18), 0x11223344);
    ck_assert_uint_eq(mem32(DATA_BASE + 0x1c), 0x11223344);
}
END_TEST

START_TEST(a32_ldm)
{
    run(SNIP_a32_ldm);
    R(3, 1); R(4, 2); R(5, 3); R(6, 0); R(7, 2);
    R(0, 1); R(1, 2); R(2, 3); R(8, DATA_BASE + 0x100); R(9, 0x55);
    R(13, DATA_BASE + 0x100);
    ck_assert_uint_eq(mem32(DATA_BASE + 0xf4), 1);
    ck_assert_uint_eq(mem32(DATA_BASE + 4), 1);
}
END_TEST

START_TEST(a32_branch)
{
    run(SNIP_a32_branch);
    R(0, 0); R(1, 2); R(3, 3); R(4, 4);
    ck_assert_uint_eq(env->thumb, 0);
}
END_TEST

/* Backward branches: negative offsets, sign-extended without UB. */
START_TEST(a32_branch_back)
{
    run(SNIP_a32_branch_back);
    R(0, 3); R(1, 7); R(3, 9);
    ck_assert_uint_eq(env->thumb, 0);
}
END_TEST

/*
 * MMU on with an all-faulting table: the next fetch and every vector
 * fetch abort.  cpu_exec must give the board's loop its turn instead of
 * taking prefetch aborts forever (found by tests/fuzz/fuzz-translate).
 */
START_TEST(a32_vector_fault)
{
    ck_assert_int_eq(start(SNIP_a32_vector_fault), EXCP_INTERRUPT);
    ck_assert_uint_eq(env->cp15.sctlr & 1, 1);
    ck_assert_int_eq(start(SNIP_a32_vector_fault), EXCP_INTERRUPT);
}
END_TEST

START_TEST(a32_excl)
{
    run(SNIP_a32_excl);
    R(0, 0); R(2, 0); R(3, 5); R(4, 1); R(5, 5); R(7, 0); R(8, 6); R(9, 6);
    ck_assert_uint_eq(mem32(DATA_BASE), 5);
}
END_TEST

START_TEST(a32_undef)
{
    run(SNIP_a32_undef);
    R(0, 1);
    R(15, 0x8);         /* halted after the WFI at the UNDEF vector */
    R(14, CODE_BASE + 8);
    ck_assert_uint_eq(env->mode, ARM_CPU_MODE_UND);
    ck_assert_uint_eq(env->spsr & CPSR_M, ARM_CPU_MODE_SVC);
}
END_TEST

START_TEST(a32_svc)
{
    run(SNIP_a32_svc);
    R(0, 1);
    R(15, 0xc);
    R(14, CODE_BASE + 8);
    ck_assert_uint_eq(env->exception.imm, 0x42);
}
END_TEST

START_TEST(a32_sys)
{
    run(SNIP_a32_sys);
    R(0, 0x414fc0f0); R(1, 0xa00001d3); R(3, 0x000001d3); R(5, 0x1f);
    R(6, 0x000001df);
    ck_assert_uint_eq(env->mode, ARM_CPU_MODE_SVC);
}
END_TEST

START_TEST(a32_eret)
{
    run(SNIP_a32_eret);
    R(1, 0); R(2, 0x10); R(3, 3);
    ck_assert_uint_eq(env->mode, ARM_CPU_MODE_USR);
}
END_TEST

START_TEST(a32_eret_thumb)
{
    run(SNIP_a32_eret_thumb);
    R(2, 0x10); R(3, 3);
    ck_assert_uint_eq(env->thumb, 1);
    ck_assert_uint_eq(env->mode, ARM_CPU_MODE_USR);
}
END_TEST

START_TEST(a32_pc)
{
    run(SNIP_a32_pc);
    R(0, CODE_BASE + 8); R(1, CODE_BASE + 12); R(2, CODE_BASE + 20);
    R(3, 0xcafef00d);
}
END_TEST

START_TEST(a32_nop)
{
    run(SNIP_a32_nop);
    R(0, 9);
}
END_TEST


START_TEST(a32_srs_rfe)
{
    run(SNIP_a32_srs_rfe);
    R(1, DATA_BASE + 0xf8); R(3, 0); R(4, DATA_BASE + 0x100);
    ck_assert_uint_eq(mem32(DATA_BASE + 0xfc) & CPSR_M, ARM_CPU_MODE_SVC);
}
END_TEST

START_TEST(a32_condbr)
{
    run(SNIP_a32_condbr);
    R(1, 1); R(2, 0); R(4, 4);
}
END_TEST

/* An IT block split by a page boundary: the second TB starts mid-IT. */
START_TEST(t32_it_page)
{
    run(SNIP_t32_it_page);
    R(1, 1); R(2, 3);
    ck_assert_uint_eq(env->itstate, 0);
}
END_TEST

/* ---- T32 ---- */

START_TEST(t32_t16)
{
    run(SNIP_t32_t16);
    R(1, 8); R(2, 3); R(3, 80); R(4, 0xffffffff); R(8, 13);
    R(6, 0xfffffffb); R(0, 40);
    FLAGS(0x00000000);
    ck_assert_uint_eq(env->thumb, 1);
}
END_TEST

START_TEST(t32_it)
{
    run(SNIP_t32_it);
    R(1, 10); R(2, 0); R(3, 0); R(4, 2); R(5, 2);
    FLAGS(0x80000000);  /* from the CMP: ADDs inside IT set no flags */
    ck_assert_uint_eq(env->itstate, 0);
}
END_TEST

START_TEST(t32_dp)
{
    run(SNIP_t32_dp);
    R(1, 0x13335777); R(2, 0xffffff78); R(3, 0x02040608);
    R(4, 0xedcba988); R(5, 0x3579bdf8); R(6, 0xedcba987);
    R(7, 0x10101450); R(8, 0x92345678); R(9, 0x12346677);
    R(11, 0x12345677); R(12, 0xdeadbeef);
}
END_TEST

START_TEST(t32_branch)
{
    run(SNIP_t32_branch);
    R(0, 0); R(1, 1); R(4, 11); R(5, 5); R(6, 6);
    ck_assert_uint_eq(env->thumb, 1);
}
END_TEST

START_TEST(t32_branch_back)
{
    run(SNIP_t32_branch_back);
    R(0, 3); R(1, 7); R(2, 2); R(4, 2); R(5, 2); R(6, 6);
    ck_assert_uint_eq(env->thumb, 1);
}
END_TEST

START_TEST(t32_ldst)
{
    run(SNIP_t32_ldst);
    R(1, 2); R(2, 1); R(3, 2); R(4, 0xa5a5a5a5);
    R(5, 0xffffa5a5); R(6, 0xa5); R(8, 1); R(9, 2);
    R(10, DATA_BASE + 0x18); R(11, 0x13579bdf); R(13, DATA_BASE + 0x118);
    ck_assert_uint_eq(mem32(DATA_BASE + 8), 0xa5a5a5a5);
}
END_TEST

START_TEST(t32_mul)
{
    run(SNIP_t32_mul);
    R(2, 0xffffe4a8); R(3, 0xffffe890); R(4, 0xffffe4a8); R(5, 0xffffffff);
    R(6, 0xffffe4a8); R(7, 0x3e7); R(8, 0xffffff72); R(9, 0x418937);
    R(11, 29); R(12, 0x17c00000);
}
END_TEST

START_TEST(t32_undef)
{
    run(SNIP_t32_undef);
    R(0, 1); R(15, 0x8); R(14, CODE_BASE + 4);
    ck_assert_uint_eq(env->mode, ARM_CPU_MODE_UND);
    ck_assert_uint_eq(env->spsr & CPSR_T, CPSR_T);
}
END_TEST

START_TEST(t32_undef32)
{
    run(SNIP_t32_undef32);
    R(0, 1); R(15, 0x8); R(14, CODE_BASE + 4);
    ck_assert_uint_eq(env->mode, ARM_CPU_MODE_UND);
}
END_TEST

START_TEST(t32_svc)
{
    run(SNIP_t32_svc);
    R(0, 1); R(15, 0xc); R(14, CODE_BASE + 4);
    ck_assert_uint_eq(env->exception.imm, 5);
    ck_assert_uint_eq(env->mode, ARM_CPU_MODE_SVC);
}
END_TEST

START_TEST(t32_excl)
{
    run(SNIP_t32_excl);
    R(0, 0); R(2, 0); R(3, 5); R(4, 1); R(5, 5); R(6, 0);
}
END_TEST


/* ---- UNDEFINED encodings and other exceptions ---- */

/* The snippet's second instruction (at CODE_BASE + @off) was UNDEFINED. */
static void check_und(uint32_t off, bool thumb)
{
    R(0, 1);
    R(15, 0x8);
    R(14, CODE_BASE + off + (thumb ? 2 : 4));
    ck_assert_uint_eq(env->mode, ARM_CPU_MODE_UND);
}

START_TEST(undef_encodings)
{
    static const struct { int snip; uint32_t off; bool thumb; } t[] = {
        { SNIP_a32_undef_neon, 4, false },
        { SNIP_a32_undef_cp7, 4, false },
        { SNIP_a32_undef_ldrd_odd, 4, false },
        { SNIP_a32_undef_cps_imod1, 4, false },   /* gen_cps's field check, */
        { SNIP_a32_undef_cps_none, 4, false },
        { SNIP_t32_undef_cps_imod1, 2, true },    /* shared by A32 and T32 */
        { SNIP_a32_hvc, 4, false },         /* no call hook: UNDEFINED */
        { SNIP_t32_undef_neon, 2, true },
        { SNIP_t32_undef_it, 4, true },
    };

    run(t[_i].snip);
    check_und(t[_i].off, t[_i].thumb);
}
END_TEST

START_TEST(a32_bkpt)
{
    run(SNIP_a32_bkpt);
    R(0, 1); R(15, 0x10); R(14, CODE_BASE + 8);
    ck_assert_uint_eq(env->mode, ARM_CPU_MODE_ABT);
}
END_TEST

/* ---- VFP ---- */

START_TEST(vfp_arith)
{
    run(SNIP_vfp_arith);
    R(0, 0x40d00000); R(1, 10); R(2, 0x3ada5b53); R(3, 0x40094c58);
    R(4, 1); R(5, 1); R(6, 0x41200000);
    ck_assert_uint_eq(env->vfp.d[2] >> 32, 0x3faaaaab);         /* s5 */
    ck_assert_uint_eq(env->vfp.d[6], 0xc024000000000000ull);
    ck_assert_uint_eq(env->vfp.d[7], 0x4024000000000000ull);
    ck_assert_uint_eq(env->vfp.d[8], 0x3ff8000000000000ull);
    ck_assert_uint_eq((uint32_t)env->vfp.d[3], 0x40400000);     /* s6 */
    ck_assert_uint_eq(env->vfp.d[3] >> 32, 0xc0400000);         /* s7 */
}
END_TEST

START_TEST(vfp_mem)
{
    run(SNIP_vfp_mem);
    R(2, 0x3f800000); R(3, 0x40000000); R(4, 0x3f800000);
    R(5, 0x3f800000); R(6, 0); R(7, 0x40000000); R(11, 0x03000000);
    R(12, 0x10000); R(13, DATA_BASE + 0x100);
    ck_assert_uint_eq(mem32(DATA_BASE + 12), 0x40000000);
    ck_assert_uint_eq(env->vfp.d[16], 0x400000003f800000ull);
}
END_TEST

START_TEST(vfp_undef)
{
    env->vfp.fpexc = 0;
    run(SNIP_vfp_undef);
    R(0, 1); R(15, 0x8);
    ck_assert_uint_eq(env->mode, ARM_CPU_MODE_UND);
}
END_TEST

START_TEST(t32_vfp)
{
    run(SNIP_t32_vfp);
    R(0, 0); R(1, 0x400c0000); R(2, 0x40600000); R(3, 1); R(4, 2);
}
END_TEST

Suite *suite_arm_translate(void)
{
    Suite *s = suite_create("arm-translate");
    TCase *tc = tcase_create("a32");

    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, a32_dp_imm);
    tcase_add_test(tc, a32_dp_shift);
    tcase_add_test(tc, a32_dp_carry);
    tcase_add_test(tc, a32_dp_logic);
    tcase_add_test(tc, a32_cond);
    tcase_add_test(tc, a32_mul);
    tcase_add_test(tc, a32_mul2);
    tcase_add_test(tc, a32_mul3);
    tcase_add_test(tc, a32_sat);
    tcase_add_test(tc, a32_parallel);
    tcase_add_test(tc, a32_misc);
    tcase_add_test(tc, a32_bits);
    tcase_add_test(tc, a32_ldst);
    tcase_add_test(tc, a32_ldm);
    tcase_add_test(tc, a32_branch);
    tcase_add_test(tc, a32_branch_back);
    tcase_add_test(tc, a32_vector_fault);
    tcase_add_test(tc, a32_excl);
    tcase_add_test(tc, a32_undef);
    tcase_add_test(tc, a32_svc);
    tcase_add_test(tc, a32_sys);
    tcase_add_test(tc, a32_eret);
    tcase_add_test(tc, a32_eret_thumb);
    tcase_add_test(tc, a32_pc);
    tcase_add_test(tc, a32_nop);
    tcase_add_test(tc, a32_srs_rfe);
    tcase_add_test(tc, a32_condbr);
    suite_add_tcase(s, tc);

    tc = tcase_create("t32");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, t32_t16);
    tcase_add_test(tc, t32_it);
    tcase_add_test(tc, t32_dp);
    tcase_add_test(tc, t32_branch);
    tcase_add_test(tc, t32_branch_back);
    tcase_add_test(tc, t32_ldst);
    tcase_add_test(tc, t32_mul);
    tcase_add_test(tc, t32_undef);
    tcase_add_test(tc, t32_undef32);
    tcase_add_test(tc, t32_svc);
    tcase_add_test(tc, t32_excl);
    tcase_add_test(tc, t32_it_page);
    suite_add_tcase(s, tc);

    tc = tcase_create("exceptions");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_loop_test(tc, undef_encodings, 0, 9);
    tcase_add_test(tc, a32_bkpt);
    suite_add_tcase(s, tc);

    tc = tcase_create("vfp");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, vfp_arith);
    tcase_add_test(tc, vfp_mem);
    tcase_add_test(tc, vfp_undef);
    tcase_add_test(tc, t32_vfp);
    suite_add_tcase(s, tc);
    return s;
}
