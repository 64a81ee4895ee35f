/*
 * Bytecode backend: every bytecode op, built from tiny IR blocks against a
 * dummy CPU struct and run on both dispatch variants (arithmetic here,
 * control flow, memory, calls and the optimiser in test-tci-flow.c) (each test is a Check
 * loop test: _i = 0 runs the switch interpreter, _i = 1 the threaded one).
 * The last test runs all the others in-process and checks that every
 * bytecode opcode was produced and executed.
 */
#include <check.h>
#include <errno.h>
#include <glib.h>
#include <setjmp.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "portos-test.h"
#include "tci-test.h"



ExecFn *const variants[2] = { tci_exec_switch, tci_exec_threaded };

TestCPU *cpu;
TCGContext *ctx;
TCGv_i32 R[8];
TCGv_i64 D[8];
uint16_t code[16384];
uint64_t insn_data[TCG_MAX_INSNS][TCG_INSN_START_WORDS];
uint32_t insn_end[TCG_MAX_INSNS];
static bool seen[TCI_NB_OPS];
TranslationBlock tb;

/* ---- guest memory for qemu_ld/st ---- */
static MemAddressSpace *as;
uint8_t *ram;
int fills, dev_reads;
jmp_buf fault_env;
uint64_t dev_reg;

static uint64_t dev_read(void *opaque, uint64_t off, unsigned size)
{
    dev_reads++;
    return dev_reg + off;
}

static void dev_write(void *opaque, uint64_t off, uint64_t v, unsigned size)
{
    dev_reg = v;
}

static const MemOps dev_ops = { dev_read, dev_write };

/* Guest virtual 0x0..0xffff -> RAM, MMIO_VPAGE -> device, rest faults. */
static bool t_fill(void *c, uint64_t vaddr, unsigned size,
                   MMUAccessType access, unsigned mmu_idx, bool probe)
{
    fills++;
    if (vaddr < 0x10000) {
        tlb_set_page(&cpu->cs.tlb, vaddr, RAM_BASE + vaddr,
                     PAGE_READ | PAGE_WRITE | PAGE_EXEC, mmu_idx);
        return true;
    }
    if ((vaddr & TARGET_PAGE_MASK) == MMIO_VPAGE) {
        tlb_set_page(&cpu->cs.tlb, vaddr, 0x09000000,
                     PAGE_READ | PAGE_WRITE, mmu_idx);
        return true;
    }
    longjmp(fault_env, 1);
}

static void t_bus_error(void *c, uint64_t vaddr, uint64_t paddr,
                        unsigned size, MMUAccessType access, unsigned mmu_idx)
{
    longjmp(fault_env, 2);
}

static void t_unaligned(void *c, uint64_t vaddr, MMUAccessType access,
                        unsigned mmu_idx)
{
    longjmp(fault_env, 3);
}

static const CPUTLBHooks tlb_hooks = { t_fill, t_bus_error, t_unaligned, NULL };

static void t_get_tb_state(CPUState *cs, uint64_t *pc, uint64_t *flags)
{
    *pc = ((TestCPU *)cs)->pc;
    *flags = 7;
}

const CPUOps test_ops = { .get_tb_state = t_get_tb_state };

void setup(void)
{
    void *p;

    cpu = g_new0(TestCPU, 1);
    cpu->cs.ops = &test_ops;
    cpu->cs.tb_jmp_cache = g_new0(TranslationBlock *, TB_JMP_CACHE_SIZE);
    as = mem_as_new();
    ck_assert_int_eq(mem_add_ram(as, "ram", RAM_BASE, 0x10000, &p), 0);
    ram = p;
    ck_assert_int_eq(mem_add_mmio(as, "dev", 0x09000000, 0x100, &dev_ops, NULL), 0);
    ck_assert_int_eq(tlb_init(&cpu->cs.tlb, as, 2, &tlb_hooks, cpu), 0);
    ctx = tcg_context_new();
    tcg_set_current(ctx);
    for (int i = 0; i < 8; i++) {
        static const char *const n32[] = { "r0", "r1", "r2", "r3", "r4", "r5", "r6", "r7" };
        static const char *const n64[] = { "d0", "d1", "d2", "d3", "d4", "d5", "d6", "d7" };
        R[i] = tcg_global_mem_new_i32(offsetof(TestCPU, r32[i]), n32[i]);
        D[i] = tcg_global_mem_new_i64(offsetof(TestCPU, r64[i]), n64[i]);
    }
}

void teardown(void)
{
    tlb_destroy(&cpu->cs.tlb);
    mem_as_free(as);
    g_free(cpu->cs.tb_jmp_cache);
    g_free(cpu);
    tcg_context_free(ctx);
}

/* Start a block: one guest instruction. */
void begin(void)
{
    tcg_func_start();
    tcg_gen_insn_start(0x100, 0, 0);
}

static void mark_seen(const uint16_t *c, size_t n)
{
    for (size_t i = 0; i < n; i += tci_op_len[c[i]]) {
        ck_assert_uint_lt(c[i], TCI_NB_OPS);
        seen[c[i]] = true;
    }
}

/* Lower the current IR into @t (code at @buf). */
void gen_tb(TranslationBlock *t, uint16_t *buf, size_t units)
{
    TCIGenResult res;

    ck_assert_int_eq(tci_gen_code(buf, units, insn_data, insn_end, &res), 0);
    mark_seen(buf, res.code_units);
    memset(t, 0, sizeof(*t));
    t->code = buf;
    t->code_units = res.code_units;
    t->icount = res.nb_insns;
    t->insn_data = insn_data;
    t->insn_end = insn_end;
}

/* Lower and run the current IR with interpreter @v. */
uintptr_t run(int v)
{
    gen_tb(&tb, code, G_N_ELEMENTS(code));
    cpu->cs.icount_budget = 1000;
    cpu->cs.exit_request = 0;
    return variants[v](&cpu->cs, &tb);
}

void reset_regs(void)
{
    memset(cpu->r32, 0, sizeof(cpu->r32));
    memset(cpu->r64, 0, sizeof(cpu->r64));
    memset(cpu->bytes, 0, sizeof(cpu->bytes));
}

static const uint32_t v32[] = {
    0, 1, 2, 5, 31, 32, 33, 0x7f, 0x80, 0xff, 0x8000, 0xffff, 0x12345678,
    0x7fffffff, 0x80000000, 0x80000001, 0xfffffffe, 0xffffffff,
};
static const uint64_t v64[] = {
    0, 1, 3, 63, 64, 65, 0xff, 0x80, 0x8000, 0xffffffff, 0x100000000ull,
    0x123456789abcdef0ull, 0x7fffffffffffffffull, 0x8000000000000000ull,
    0xfffffffffffffffeull, 0xffffffffffffffffull, 0x80000000ull,
};

/*
 * Under Valgrind (the project's valgrind setup sets PORTOS_UNDER_VALGRIND)
 * the value-pair tables are sampled: memcheck looks for memory errors,
 * which do not depend on the operand values, and the full tables are
 * checked by the plain run.
 */
static unsigned pair_stride(void)
{
    static int stride;

    if (!stride) {
        stride = getenv("PORTOS_UNDER_VALGRIND") ? 3 : 1;
    }
    return (unsigned)stride;
}

/* ---- reference semantics, written independently ---- */

static uint32_t rf_rotl32(uint32_t a, uint32_t n)
{
    for (n &= 31; n; n--) {
        a = (a << 1) | (a >> 31);
    }
    return a;
}
static uint64_t rf_rotl64(uint64_t a, uint64_t n)
{
    for (n &= 63; n; n--) {
        a = (a << 1) | (a >> 63);
    }
    return a;
}
static uint32_t rf_clz32(uint32_t a, uint32_t z)
{
    uint32_t n = 0;
    if (!a) return z;
    while (!(a & 0x80000000u)) { a <<= 1; n++; }
    return n;
}
static uint32_t rf_ctz32(uint32_t a, uint32_t z)
{
    uint32_t n = 0;
    if (!a) return z;
    while (!(a & 1)) { a >>= 1; n++; }
    return n;
}
static uint64_t rf_clz64(uint64_t a, uint64_t z)
{
    uint64_t n = 0;
    if (!a) return z;
    while (!(a >> 63)) { a <<= 1; n++; }
    return n;
}
static uint64_t rf_ctz64(uint64_t a, uint64_t z)
{
    uint64_t n = 0;
    if (!a) return z;
    while (!(a & 1)) { a >>= 1; n++; }
    return n;
}
static int64_t rf_sdiv(int64_t a, int64_t b, int bits)
{
    int64_t min = bits == 32 ? INT32_MIN : INT64_MIN;
    if (b == 0) return 0;
    if (a == min && b == -1) return min;
    return a / b;
}
static int64_t rf_srem(int64_t a, int64_t b, int bits)
{
    int64_t min = bits == 32 ? INT32_MIN : INT64_MIN;
    if (b == 0) return a;
    if (a == min && b == -1) return 0;
    return a % b;
}

typedef void Gen32(TCGv_i32, TCGv_i32, TCGv_i32);
typedef void Gen64(TCGv_i64, TCGv_i64, TCGv_i64);

static uint32_t ref_bin32(int op, uint32_t a, uint32_t b)
{
    switch (op) {
    case 0: return a + b;
    case 1: return a - b;
    case 2: return a * b;
    case 3: return (uint32_t)rf_sdiv((int32_t)a, (int32_t)b, 32);
    case 4: return b ? a / b : 0;
    case 5: return (uint32_t)rf_srem((int32_t)a, (int32_t)b, 32);
    case 6: return b ? a % b : a;
    case 7: return a & b;
    case 8: return a | b;
    case 9: return a ^ b;
    case 10: return a & ~b;
    case 11: return a | ~b;
    case 12: return (uint32_t)((uint64_t)a << (b % 32));
    case 13: return a >> (b % 32);
    case 14: return (uint32_t)((int64_t)(int32_t)a >> (b % 32));
    case 15: return rf_rotl32(a, b);
    case 16: return rf_rotl32(a, 32 - (b % 32));
    case 17: return rf_clz32(a, b);
    case 18: return rf_ctz32(a, b);
    case 19: return ~(a ^ b);
    case 20: return ~(a & b);
    case 21: return ~(a | b);
    case 22: return (int32_t)a < (int32_t)b ? a : b;
    case 23: return (int32_t)a > (int32_t)b ? a : b;
    case 24: return a < b ? a : b;
    case 25: return a > b ? a : b;
    }
    return 0;
}

static uint64_t ref_bin64(int op, uint64_t a, uint64_t b)
{
    switch (op) {
    case 0: return a + b;
    case 1: return a - b;
    case 2: return a * b;
    case 3: return (uint64_t)rf_sdiv((int64_t)a, (int64_t)b, 64);
    case 4: return b ? a / b : 0;
    case 5: return (uint64_t)rf_srem((int64_t)a, (int64_t)b, 64);
    case 6: return b ? a % b : a;
    case 7: return a & b;
    case 8: return a | b;
    case 9: return a ^ b;
    case 10: return a & ~b;
    case 11: return a | ~b;
    case 12: return a << (b % 64);
    case 13: return a >> (b % 64);
    case 14: return (b % 64) ? (a >> (b % 64)) | ((a >> 63) ? ~0ull << (64 - b % 64) : 0) : a;
    case 15: return rf_rotl64(a, b);
    case 16: return rf_rotl64(a, 64 - (b % 64));
    case 17: return rf_clz64(a, b);
    case 18: return rf_ctz64(a, b);
    case 19: return ~(a ^ b);
    case 20: return ~(a & b);
    case 21: return ~(a | b);
    case 22: return (int64_t)a < (int64_t)b ? a : b;
    case 23: return (int64_t)a > (int64_t)b ? a : b;
    case 24: return a < b ? a : b;
    case 25: return a > b ? a : b;
    }
    return 0;
}

static Gen32 *const gen32[] = {
    tcg_gen_add_i32, tcg_gen_sub_i32, tcg_gen_mul_i32, tcg_gen_div_i32,
    tcg_gen_divu_i32, tcg_gen_rem_i32, tcg_gen_remu_i32, tcg_gen_and_i32,
    tcg_gen_or_i32, tcg_gen_xor_i32, tcg_gen_andc_i32, tcg_gen_orc_i32,
    tcg_gen_shl_i32, tcg_gen_shr_i32, tcg_gen_sar_i32, tcg_gen_rotl_i32,
    tcg_gen_rotr_i32, tcg_gen_clz_i32, tcg_gen_ctz_i32, tcg_gen_eqv_i32,
    tcg_gen_nand_i32, tcg_gen_nor_i32, tcg_gen_smin_i32, tcg_gen_smax_i32,
    tcg_gen_umin_i32, tcg_gen_umax_i32,
};
static Gen64 *const gen64[] = {
    tcg_gen_add_i64, tcg_gen_sub_i64, tcg_gen_mul_i64, tcg_gen_div_i64,
    tcg_gen_divu_i64, tcg_gen_rem_i64, tcg_gen_remu_i64, tcg_gen_and_i64,
    tcg_gen_or_i64, tcg_gen_xor_i64, tcg_gen_andc_i64, tcg_gen_orc_i64,
    tcg_gen_shl_i64, tcg_gen_shr_i64, tcg_gen_sar_i64, tcg_gen_rotl_i64,
    tcg_gen_rotr_i64, tcg_gen_clz_i64, tcg_gen_ctz_i64, tcg_gen_eqv_i64,
    tcg_gen_nand_i64, tcg_gen_nor_i64, tcg_gen_smin_i64, tcg_gen_smax_i64,
    tcg_gen_umin_i64, tcg_gen_umax_i64,
};

/*
 * Each op on each value pair in three forms: register/register (result
 * through a temp), register/constant (immediate bytecode forms) and
 * constant/register.
 */
START_TEST(test_binary_i32)
{
    for (unsigned op = 0; op < G_N_ELEMENTS(gen32); op++) {
        for (unsigned i = 0; i < G_N_ELEMENTS(v32); i++) {
            for (unsigned j = 0; j < G_N_ELEMENTS(v32); j += pair_stride()) {
                uint32_t a = v32[i], b = v32[j], want = ref_bin32(op, a, b);
                reset_regs();
                cpu->r32[0] = a;
                cpu->r32[1] = b;
                begin();
                TCGv_i32 t = tcg_temp_new_i32();
                gen32[op](t, R[0], R[1]);
                tcg_gen_mov_i32(R[2], t);
                gen32[op](R[3], R[0], tcg_constant_i32((int32_t)b));
                gen32[op](R[4], tcg_constant_i32((int32_t)a), R[1]);
                /* output aliasing an input */
                gen32[op](R[0], R[0], R[1]);
                ck_assert_uint_eq(run(_i), TB_EXIT_NOCHAIN | (uintptr_t)&tb);
                ck_assert_msg(cpu->r32[2] == want && cpu->r32[3] == want &&
                              cpu->r32[4] == want && cpu->r32[0] == want,
                              "op %u (%08x, %08x): want %08x got %08x %08x %08x %08x",
                              op, a, b, want, cpu->r32[2], cpu->r32[3],
                              cpu->r32[4], cpu->r32[0]);
            }
        }
    }
}
END_TEST

START_TEST(test_binary_i64)
{
    for (unsigned op = 0; op < G_N_ELEMENTS(gen64); op++) {
        for (unsigned i = 0; i < G_N_ELEMENTS(v64); i++) {
            for (unsigned j = 0; j < G_N_ELEMENTS(v64); j += pair_stride()) {
                uint64_t a = v64[i], b = v64[j], want = ref_bin64(op, a, b);
                reset_regs();
                cpu->r64[0] = a;
                cpu->r64[1] = b;
                begin();
                TCGv_i64 t = tcg_temp_new_i64();
                gen64[op](t, D[0], D[1]);
                tcg_gen_mov_i64(D[2], t);
                gen64[op](D[3], D[0], tcg_constant_i64((int64_t)b));
                gen64[op](D[4], tcg_constant_i64((int64_t)a), D[1]);
                gen64[op](D[0], D[0], D[1]);
                run(_i);
                ck_assert_msg(cpu->r64[2] == want && cpu->r64[3] == want &&
                              cpu->r64[4] == want && cpu->r64[0] == want,
                              "op %u (%llx, %llx): want %llx got %llx %llx %llx",
                              op, (unsigned long long)a, (unsigned long long)b,
                              (unsigned long long)want,
                              (unsigned long long)cpu->r64[2],
                              (unsigned long long)cpu->r64[3],
                              (unsigned long long)cpu->r64[4]);
            }
        }
    }
}
END_TEST

/* Immediate helpers (addi/subi/... and shifts by constants). */
START_TEST(test_immediates)
{
    for (unsigned i = 0; i < G_N_ELEMENTS(v32); i++) {
        uint32_t a = v32[i];
        reset_regs();
        cpu->r32[0] = a;
        cpu->r64[0] = ((uint64_t)a << 32) | (a ^ 0x5555);
        uint64_t a64 = cpu->r64[0];
        begin();
        tcg_gen_addi_i32(R[1], R[0], -7);
        tcg_gen_subi_i32(R[2], R[0], 100);
        tcg_gen_andi_i32(R[3], R[0], 0xff00ff);
        tcg_gen_ori_i32(R[4], R[0], 0x1001);
        tcg_gen_xori_i32(R[5], R[0], -1);
        tcg_gen_shli_i32(R[6], R[0], 3);
        tcg_gen_sari_i32(R[7], R[0], 31);
        tcg_gen_addi_i64(D[1], D[0], -70000);
        tcg_gen_subi_i64(D[2], D[0], 0x123456789ll);   /* too wide: movi */
        tcg_gen_andi_i64(D[3], D[0], 0xffff0000);
        tcg_gen_ori_i64(D[4], D[0], -2);
        tcg_gen_xori_i64(D[5], D[0], 0x77);
        tcg_gen_shri_i64(D[6], D[0], 33);
        tcg_gen_sari_i64(D[7], D[0], 63);
        run(_i);
        ck_assert_uint_eq(cpu->r32[1], a - 7);
        ck_assert_uint_eq(cpu->r32[2], a - 100);
        ck_assert_uint_eq(cpu->r32[3], a & 0xff00ff);
        ck_assert_uint_eq(cpu->r32[4], a | 0x1001);
        ck_assert_uint_eq(cpu->r32[5], ~a);
        ck_assert_uint_eq(cpu->r32[6], a << 3);
        ck_assert_uint_eq(cpu->r32[7], (a >> 31) ? 0xffffffffu : 0);
        ck_assert_uint_eq(cpu->r64[1], a64 - 70000);
        ck_assert_uint_eq(cpu->r64[2], a64 - 0x123456789ull);
        ck_assert_uint_eq(cpu->r64[3], a64 & 0xffff0000ull);
        ck_assert_uint_eq(cpu->r64[4], a64 | ~1ull);
        ck_assert_uint_eq(cpu->r64[5], a64 ^ 0x77);
        ck_assert_uint_eq(cpu->r64[6], a64 >> 33);
        ck_assert_uint_eq(cpu->r64[7], (a64 >> 63) ? ~0ull : 0);
        begin();
        tcg_gen_shri_i32(R[1], R[0], 5);
        tcg_gen_shli_i64(D[1], D[0], 17);
        tcg_gen_rotli_i32(R[2], R[0], 8);
        tcg_gen_rotri_i64(D[2], D[0], 8);
        tcg_gen_muli_i32(R[3], R[0], 3);
        tcg_gen_subfi_i32(R[4], 10, R[0]);
        tcg_gen_movi_i32(R[5], -2);
        tcg_gen_movi_i64(D[5], 0x1122334455667788ll);
        tcg_gen_clzi_i32(R[6], R[0], 32);
        tcg_gen_ctzi_i64(D[6], D[0], 64);
        tcg_gen_rotri_i32(R[7], R[0], 13);
        run(_i);
        ck_assert_uint_eq(cpu->r32[1], a >> 5);
        ck_assert_uint_eq(cpu->r64[1], a64 << 17);
        ck_assert_uint_eq(cpu->r32[2], rf_rotl32(a, 8));
        ck_assert_uint_eq(cpu->r64[2], rf_rotl64(a64, 56));
        ck_assert_uint_eq(cpu->r32[3], a * 3);
        ck_assert_uint_eq(cpu->r32[4], 10 - a);
        ck_assert_uint_eq(cpu->r32[5], 0xfffffffeu);
        ck_assert_uint_eq(cpu->r64[5], 0x1122334455667788ull);
        ck_assert_uint_eq(cpu->r32[6], rf_clz32(a, 32));
        ck_assert_uint_eq(cpu->r64[6], rf_ctz64(a64, 64));
        ck_assert_uint_eq(cpu->r32[7], rf_rotl32(a, 19));
    }
}
END_TEST

START_TEST(test_unary)
{
    for (unsigned i = 0; i < G_N_ELEMENTS(v64); i++) {
        uint64_t a = v64[i] ^ 0x0000a5a500008000ull;
        uint32_t b = (uint32_t)(a ^ (a >> 29));
        reset_regs();
        cpu->r32[0] = b;
        cpu->r64[0] = a;
        begin();
        TCGv_i32 t = tcg_temp_new_i32();
        tcg_gen_neg_i32(R[1], R[0]);
        tcg_gen_not_i32(R[2], R[0]);
        tcg_gen_ext8s_i32(R[3], R[0]);
        tcg_gen_ext8u_i32(R[4], R[0]);
        tcg_gen_ext16s_i32(R[5], R[0]);
        tcg_gen_ext16u_i32(R[6], R[0]);
        tcg_gen_bswap16_i32(t, R[0]);
        tcg_gen_bswap32_i32(R[7], R[0]);
        tcg_gen_neg_i64(D[1], D[0]);
        tcg_gen_not_i64(D[2], D[0]);
        tcg_gen_ext8s_i64(D[3], D[0]);
        tcg_gen_ext16s_i64(D[4], D[0]);
        tcg_gen_ext32s_i64(D[5], D[0]);
        tcg_gen_bswap64_i64(D[6], D[0]);
        tcg_gen_ctpop_i64(D[7], D[0]);
        tcg_gen_st16_i32(t, tcg_env, offsetof(TestCPU, bytes[0]));
        run(_i);
        ck_assert_uint_eq(cpu->r32[1], 0 - b);
        ck_assert_uint_eq(cpu->r32[2], ~b);
        ck_assert_uint_eq(cpu->r32[3], (uint32_t)(int32_t)(int8_t)(b & 0xff));
        ck_assert_uint_eq(cpu->r32[4], b & 0xff);
        ck_assert_uint_eq(cpu->r32[5], (uint32_t)(int32_t)(int16_t)(b & 0xffff));
        ck_assert_uint_eq(cpu->r32[6], b & 0xffff);
        ck_assert_uint_eq(cpu->bytes[0], (b >> 8) & 0xff);
        ck_assert_uint_eq(cpu->bytes[1], b & 0xff);
        ck_assert_uint_eq(cpu->r32[7], ((b & 0xff) << 24) | ((b & 0xff00) << 8) |
                                       ((b >> 8) & 0xff00) | (b >> 24));
        ck_assert_uint_eq(cpu->r64[1], 0 - a);
        ck_assert_uint_eq(cpu->r64[2], ~a);
        ck_assert_uint_eq(cpu->r64[3], (uint64_t)(int64_t)(int8_t)(a & 0xff));
        ck_assert_uint_eq(cpu->r64[4], (uint64_t)(int64_t)(int16_t)(a & 0xffff));
        ck_assert_uint_eq(cpu->r64[5], (uint64_t)(int64_t)(int32_t)(a & 0xffffffff));
        uint64_t sw = 0;
        for (int k = 0; k < 8; k++) {
            sw |= ((a >> (8 * k)) & 0xff) << (56 - 8 * k);
        }
        ck_assert_uint_eq(cpu->r64[6], sw);
        int pop = 0;
        for (int k = 0; k < 64; k++) {
            pop += (a >> k) & 1;
        }
        ck_assert_uint_eq(cpu->r64[7], (uint64_t)pop);

        begin();
        tcg_gen_ctpop_i32(R[1], R[0]);
        tcg_gen_ext8u_i64(D[1], D[0]);
        tcg_gen_ext16u_i64(D[2], D[0]);
        tcg_gen_ext32u_i64(D[3], D[0]);
        tcg_gen_bswap16_i64(D[4], D[0]);
        tcg_gen_bswap32_i64(D[5], D[0]);
        tcg_gen_abs_i32(R[2], R[0]);
        tcg_gen_abs_i64(D[6], D[0]);
        run(_i);
        pop = 0;
        for (int k = 0; k < 32; k++) {
            pop += (b >> k) & 1;
        }
        ck_assert_uint_eq(cpu->r32[1], (uint32_t)pop);
        ck_assert_uint_eq(cpu->r64[1], a & 0xff);
        ck_assert_uint_eq(cpu->r64[2], a & 0xffff);
        ck_assert_uint_eq(cpu->r64[3], a & 0xffffffff);
        ck_assert_uint_eq(cpu->r64[4], ((a & 0xff) << 8) | ((a >> 8) & 0xff));
        ck_assert_uint_eq(cpu->r64[5], ((a & 0xff) << 24) | ((a & 0xff00) << 8) |
                                       ((a >> 8) & 0xff00) | ((a >> 24) & 0xff));
        ck_assert_uint_eq(cpu->r32[2], (int32_t)b < 0 ? 0 - b : b);
        ck_assert_uint_eq(cpu->r64[6], (int64_t)a < 0 ? 0 - a : a);
    }
}
END_TEST

START_TEST(test_conversions)
{
    reset_regs();
    cpu->r32[0] = 0x80000001;
    cpu->r32[1] = 0x12345678;
    cpu->r64[0] = 0xfedcba9876543210ull;
    begin();
    TCGv_i32 lo = tcg_temp_new_i32(), hi = tcg_temp_new_i32();
    tcg_gen_ext_i32_i64(D[1], R[0]);
    tcg_gen_extu_i32_i64(D[2], R[0]);
    tcg_gen_extrl_i64_i32(R[2], D[0]);
    tcg_gen_extrh_i64_i32(R[3], D[0]);
    tcg_gen_concat_i32_i64(D[3], R[1], R[0]);
    tcg_gen_extr_i64_i32(lo, hi, D[0]);
    tcg_gen_xor_i32(R[4], lo, hi);
    run(_i);
    ck_assert_uint_eq(cpu->r64[1], 0xffffffff80000001ull);
    ck_assert_uint_eq(cpu->r64[2], 0x80000001ull);
    ck_assert_uint_eq(cpu->r32[2], 0x76543210);
    ck_assert_uint_eq(cpu->r32[3], 0xfedcba98);
    ck_assert_uint_eq(cpu->r64[3], 0x8000000112345678ull);
    ck_assert_uint_eq(cpu->r32[4], 0x76543210 ^ 0xfedcba98);
}
END_TEST

START_TEST(test_fields)
{
    const uint32_t a = 0xdeadbeef, b = 0x13579bdf;
    const uint64_t a64 = 0xfedcba9876543210ull, b64 = 0x0f1e2d3c4b5a6978ull;

    for (unsigned pos = 0; pos < 32; pos += 3) {
        for (unsigned len = 1; pos + len <= 32; len += 5) {
            uint32_t mask = len == 32 ? ~0u : ((1u << len) - 1);
            uint32_t f = (a >> pos) & mask;
            uint32_t sf = (f & (1u << (len - 1))) ? f | ~mask : f;
            reset_regs();
            cpu->r32[0] = a;
            cpu->r32[1] = b;
            cpu->r64[0] = a64;
            cpu->r64[1] = b64;
            begin();
            tcg_gen_extract_i32(R[2], R[0], pos, len);
            tcg_gen_sextract_i32(R[3], R[0], pos, len);
            tcg_gen_deposit_i32(R[4], R[0], R[1], pos, len);
            tcg_gen_deposit_z_i32(R[5], R[1], pos, len);
            tcg_gen_extract_i64(D[2], D[0], pos * 2, len);
            tcg_gen_sextract_i64(D[3], D[0], pos + 32, len);
            tcg_gen_deposit_i64(D[4], D[0], D[1], pos * 2, len + 32 - pos);
            run(_i);
            ck_assert_uint_eq(cpu->r32[2], f);
            ck_assert_uint_eq(cpu->r32[3], sf);
            ck_assert_uint_eq(cpu->r32[4], (a & ~(mask << pos)) | ((b & mask) << pos));
            ck_assert_uint_eq(cpu->r32[5], (b & mask) << pos);
            uint64_t m64 = (1ull << len) - 1;
            ck_assert_uint_eq(cpu->r64[2], (a64 >> (pos * 2)) & m64);
            uint64_t f64 = (a64 >> (pos + 32)) & m64;
            if (f64 & (1ull << (len - 1))) {
                f64 |= ~m64;
            }
            ck_assert_uint_eq(cpu->r64[3], f64);
            unsigned l2 = len + 32 - pos;
            uint64_t mm = (l2 == 64 ? ~0ull : ((1ull << l2) - 1)) << (pos * 2);
            ck_assert_uint_eq(cpu->r64[4], (a64 & ~mm) | ((b64 << (pos * 2)) & mm));
        }
    }
}
END_TEST

START_TEST(test_double_width)
{
    for (unsigned i = 0; i < G_N_ELEMENTS(v32); i++) {
        for (unsigned j = 0; j < G_N_ELEMENTS(v32); j += pair_stride()) {
            uint32_t a = v32[i], b = v32[j];
            uint64_t A = v64[i % G_N_ELEMENTS(v64)], B = v64[j % G_N_ELEMENTS(v64)];
            reset_regs();
            cpu->r32[0] = a;
            cpu->r32[1] = b;
            cpu->r64[0] = A;
            cpu->r64[1] = B;
            begin();
            /* (b:a) + (a:b) and (b:a) - (a:b) */
            tcg_gen_add2_i32(R[2], R[3], R[0], R[1], R[1], R[0]);
            tcg_gen_sub2_i32(R[4], R[5], R[0], R[1], R[1], R[0]);
            tcg_gen_mulu2_i32(R[6], R[7], R[0], R[1]);
            tcg_gen_add2_i64(D[2], D[3], D[0], D[1], D[1], D[0]);
            tcg_gen_sub2_i64(D[4], D[5], D[0], D[1], D[1], D[0]);
            tcg_gen_mulu2_i64(D[6], D[7], D[0], D[1]);
            run(_i);
            uint64_t x = ((uint64_t)b << 32) | a, y = ((uint64_t)a << 32) | b;
            ck_assert_uint_eq(((uint64_t)cpu->r32[3] << 32) | cpu->r32[2], x + y);
            ck_assert_uint_eq(((uint64_t)cpu->r32[5] << 32) | cpu->r32[4], x - y);
            ck_assert_uint_eq(((uint64_t)cpu->r32[7] << 32) | cpu->r32[6],
                              (uint64_t)a * b);
            unsigned __int128 X = ((unsigned __int128)B << 64) | A;
            unsigned __int128 Y = ((unsigned __int128)A << 64) | B;
            unsigned __int128 S = X + Y, Df = X - Y;
            unsigned __int128 P = (unsigned __int128)A * B;
            ck_assert_uint_eq(cpu->r64[2], (uint64_t)S);
            ck_assert_uint_eq(cpu->r64[3], (uint64_t)(S >> 64));
            ck_assert_uint_eq(cpu->r64[4], (uint64_t)Df);
            ck_assert_uint_eq(cpu->r64[5], (uint64_t)(Df >> 64));
            ck_assert_uint_eq(cpu->r64[6], (uint64_t)P);
            ck_assert_uint_eq(cpu->r64[7], (uint64_t)(P >> 64));

            /* Flag-setting add (carry in 0 and 1) and subtract; b in a
               register and as a constant (addcci/subcci). */
            for (uint32_t cin = 0; cin < 4; cin++) {
                begin();
                TCGv_i32 bb = cin < 2 ? R[1] : tcg_constant_i32((int32_t)b);
                tcg_gen_addcc_i32(R[2], R[3], R[4], R[5], R[6], R[0], bb,
                                  tcg_constant_i32((int32_t)(cin & 1)));
                run(_i);
                uint64_t s64 = (uint64_t)a + b + (cin & 1);
                uint32_t s = (uint32_t)s64, d = a - b;
                ck_assert_uint_eq(cpu->r32[2], s);
                ck_assert_uint_eq(cpu->r32[3], s);
                ck_assert_uint_eq(cpu->r32[4], s);
                ck_assert_uint_eq(cpu->r32[5], (uint32_t)(s64 >> 32));
                /* V: operands of one sign, result of the other. */
                ck_assert_uint_eq(cpu->r32[6] >> 31,
                                  (a >> 31) == (b >> 31) && (s >> 31) != (a >> 31));
                ck_assert_uint_eq(cpu->r32[6], (s ^ a) & ~(a ^ b));
                begin();
                bb = cin < 2 ? R[1] : tcg_constant_i32((int32_t)b);
                tcg_gen_subcc_i32(R[2], R[3], R[4], R[5], R[6], R[0], bb);
                run(_i);
                ck_assert_uint_eq(cpu->r32[2], d);
                ck_assert_uint_eq(cpu->r32[3], d);
                ck_assert_uint_eq(cpu->r32[4], d);
                ck_assert_uint_eq(cpu->r32[5], a >= b);
                ck_assert_uint_eq(cpu->r32[6] >> 31,
                                  (a >> 31) != (b >> 31) && (d >> 31) != (a >> 31));
                ck_assert_uint_eq(cpu->r32[6], (d ^ a) & (a ^ b));
            }

            begin();
            tcg_gen_muls2_i32(R[2], R[3], R[0], R[1]);
            tcg_gen_muls2_i64(D[2], D[3], D[0], D[1]);
            run(_i);
            int64_t sp = (int64_t)(int32_t)a * (int32_t)b;
            ck_assert_uint_eq(((uint64_t)cpu->r32[3] << 32) | cpu->r32[2], (uint64_t)sp);
            __int128 SP = (__int128)(int64_t)A * (int64_t)B;
            ck_assert_uint_eq(cpu->r64[2], (uint64_t)SP);
            ck_assert_uint_eq(cpu->r64[3], (uint64_t)((unsigned __int128)SP >> 64));
        }
    }
}
END_TEST

/* Every other test, in-process, then: was every bytecode op exercised? */
static const TTest *const *const arith_tests[] = {
    &test_binary_i32, &test_binary_i64, &test_immediates, &test_unary,
    &test_conversions, &test_fields, &test_double_width,
};

START_TEST(test_every_op_covered)
{
    GString *missing = g_string_new(NULL);

    memset(seen, 0, sizeof(seen));
    /*
     * Both variants run the same bytecode, and the loop tests already ran
     * each on both: one variant is enough to see which ops are produced.
     */
    for (unsigned k = 0; k < G_N_ELEMENTS(arith_tests); k++) {
        (*arith_tests[k])->fn(0);
    }
    for (unsigned k = 0; k < tci_flow_tests_count; k++) {
        (*tci_flow_tests[k])->fn(0);
    }
    for (int op = 0; op < TCI_NB_OPS; op++) {
        if (!seen[op]) {
            g_string_append_printf(missing, " %s", tci_op_names[op]);
        }
    }
    ck_assert_msg(missing->len == 0, "bytecode ops never tested:%s", missing->str);
    g_string_free(missing, TRUE);
}
END_TEST

Suite *suite_tci(void)
{
    Suite *s = suite_create("tci");
    TCase *tc = tcase_create("ops");

    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_set_timeout(tc, 120);
    /* _i = 0: switch dispatch, _i = 1: threaded dispatch */
    for (unsigned k = 0; k < G_N_ELEMENTS(arith_tests); k++) {
        tcase_add_loop_test(tc, *arith_tests[k], 0, 2);
    }
    for (unsigned k = 0; k < tci_flow_tests_count; k++) {
        tcase_add_loop_test(tc, *tci_flow_tests[k], 0, 2);
    }
    tcase_add_test(tc, test_every_op_covered);
    suite_add_tcase(s, tc);
    return s;
}
