/*
 * The intermediate representation (IR) of guest code.
 *
 * A target translator turns the guest code of one translation block (TB)
 * into a linear list of IR ops over typed temporaries, through the
 * tcg_gen_* functions of "tcg/tcg-op.h".  The tci room then allocates the
 * temporaries onto a small frame and lowers the ops to bytecode.
 *
 * Temporaries come in three kinds:
 *  - globals: fields of the CPU state struct, registered once by byte
 *    offset from the start of the CPU struct (which embeds CPUState as its
 *    first member).  They always live in memory, so helpers and exceptions
 *    always see up-to-date values.
 *  - temps: per-TB values (tcg_temp_new_*), forgotten at tcg_func_start().
 *  - constants (tcg_constant_*): read-only, never written.
 *
 * Pointers (TCGv_ptr) are 64-bit temps holding a host address.
 *
 * All tcg_* functions act on the current context (tcg_ctx).  Nothing here
 * is thread-safe: one context per translating thread.
 */
#ifndef TCG_TCG_H
#define TCG_TCG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "mem/memop.h"
#include "tcg/tcg-helper.h"

struct CPUState;

/* Limits of one translation block's IR. */
#define TCG_MAX_TEMPS       8192  /* globals + temps + constants */
#define TCG_MAX_GLOBALS     512
#define TCG_MAX_LABELS      2048
#define TCG_MAX_INSNS       512   /* guest instructions per TB */
#define TCG_MAX_OP_ARGS     8
#define TCG_MAX_CALL_ARGS   4
#define TCG_INSN_START_WORDS 3    /* words of data per insn_start */
/* Globals must sit below this byte offset in the CPU struct. */
#define TCG_MAX_ENV_OFFSET  65536

typedef uint64_t TCGArg;

typedef enum TCGType {
    TCG_TYPE_I32,
    TCG_TYPE_I64,
} TCGType;

typedef enum TCGTempKind {
    TEMP_GLOBAL,    /* a CPU state field */
    TEMP_TB,        /* lives until the end of the TB */
    TEMP_CONST,     /* constant */
} TCGTempKind;

/**
 * TCGTemp: one IR value.  Users hold TCGv_* handles, not these.
 * @type: TCG_TYPE_I32 or TCG_TYPE_I64.
 * @kind: global, per-TB temp or constant.
 * @env_offset: byte offset in the CPU struct (globals).
 * @val: value (constants).
 * @name: name (globals), for dumps.
 */
typedef struct TCGTemp {
    uint8_t type;
    uint8_t kind;
    uint32_t env_offset;
    uint64_t val;
    const char *name;
    /* Scratch fields for passes over the IR (liveness, allocation). */
    int32_t first_use, last_use;
    int32_t slot;
} TCGTemp;

/*
 * Typed handles.  The structs are never defined: a handle is a TCGTemp *
 * in disguise, so the compiler catches i32/i64 mix-ups.
 */
typedef struct TCGv_i32_d *TCGv_i32;
typedef struct TCGv_i64_d *TCGv_i64;
typedef struct TCGv_ptr_d *TCGv_ptr;

static inline TCGTemp *tcgv_i32_temp(TCGv_i32 v) { return (TCGTemp *)v; }
static inline TCGTemp *tcgv_i64_temp(TCGv_i64 v) { return (TCGTemp *)v; }
static inline TCGTemp *tcgv_ptr_temp(TCGv_ptr v) { return (TCGTemp *)v; }
static inline TCGv_i32 temp_tcgv_i32(TCGTemp *t) { return (TCGv_i32)t; }
static inline TCGv_i64 temp_tcgv_i64(TCGTemp *t) { return (TCGv_i64)t; }
static inline TCGv_ptr temp_tcgv_ptr(TCGTemp *t) { return (TCGv_ptr)t; }

/* tcgv_temp(x): TCGTemp * of any typed handle (for tcg_gen_call*). */
#define tcgv_temp(x) _Generic((x),                 \
        TCGv_i32: tcgv_i32_temp,                    \
        TCGv_i64: tcgv_i64_temp,                    \
        TCGv_ptr: tcgv_ptr_temp)(x)

/* Conditions for setcond/movcond/brcond. */
typedef enum TCGCond {
    TCG_COND_NEVER,
    TCG_COND_ALWAYS,
    TCG_COND_EQ,
    TCG_COND_NE,
    TCG_COND_LT,    /* signed */
    TCG_COND_GE,
    TCG_COND_LE,
    TCG_COND_GT,
    TCG_COND_LTU,   /* unsigned */
    TCG_COND_GEU,
    TCG_COND_LEU,
    TCG_COND_GTU,
    TCG_COND_TSTEQ, /* (a & b) == 0 */
    TCG_COND_TSTNE, /* (a & b) != 0 */
} TCGCond;

/** tcg_invert_cond: the condition true exactly when @c is false. */
TCGCond tcg_invert_cond(TCGCond c);
/** tcg_swap_cond: the condition for swapped operands (a < b == b > a). */
TCGCond tcg_swap_cond(TCGCond c);
/** tcg_cond_eval: evaluate @c on 64-bit operands (@is64 false: low 32 bits). */
bool tcg_cond_eval(TCGCond c, uint64_t a, uint64_t b, bool is64);

/* Guest memory access descriptor (qemu_ld/qemu_st): MemOp, mem/memop.h. */

/*
 * MemOpIdx: MemOp in bits 0..7, MMU index in bits 8..11; this is the
 * constant argument of qemu_ld/qemu_st ops.
 */
typedef uint32_t MemOpIdx;
#define TCG_MAX_MMU_INDEX 16
static inline MemOpIdx make_memop_idx(MemOp op, unsigned idx)
{
    return (MemOpIdx)((op & 0xff) | (idx << 8));
}
static inline MemOp get_memop(MemOpIdx oi) { return (MemOp)(oi & 0xff); }
static inline unsigned get_mmuidx(MemOpIdx oi) { return (oi >> 8) & 0xf; }

/* Values for exit_tb and the interpreter's return value (low 2 bits). */
#define TB_EXIT_IDX0      0   /* chain request: jump slot 0 */
#define TB_EXIT_IDX1      1   /* chain request: jump slot 1 */
#define TB_EXIT_REQUESTED 2   /* TB not executed: exit/budget request */
#define TB_EXIT_NOCHAIN   3   /* plain exit, nothing to chain */
#define TB_EXIT_MASK      3

/* Opcodes. */
#define TCG_OPF_BB_START    0x01  /* label: basic block starts here */
#define TCG_OPF_BB_END      0x02  /* ends a basic block */
#define TCG_OPF_BB_EXIT     0x04  /* leaves the TB */
#define TCG_OPF_SIDE_EFFECTS 0x08 /* never removed by the optimiser */
#define TCG_OPF_CALL        0x10
#define TCG_OPF_COND_BRANCH 0x20
#define TCG_OPF_NOT_PRESENT 0x40  /* produces no bytecode */

typedef enum TCGOpcode {
#define DEF(name, oargs, iargs, cargs, flags) INDEX_op_##name,
#include "tcg/tcg-opc.h"
#undef DEF
    NB_OPS
} TCGOpcode;

/**
 * TCGOpDef: static description of an opcode.
 */
typedef struct TCGOpDef {
    const char *name;
    uint8_t nb_oargs, nb_iargs, nb_cargs;
    uint8_t flags;
} TCGOpDef;

extern const TCGOpDef tcg_op_defs[NB_OPS];

/**
 * TCGOp: one IR operation.  args[] holds outputs, then inputs (as
 * TCGTemp indices), then constant args.  For calls, nb_oargs/nb_iargs
 * give the actual counts and the constant arg is the TCGHelper pointer.
 */
typedef struct TCGOp {
    uint16_t opc;
    uint8_t nb_oargs, nb_iargs;
    TCGArg args[TCG_MAX_OP_ARGS];
} TCGOp;

/**
 * TCGLabel: a branch target inside a TB, placed with gen_set_label().
 * Forward and backward branches are allowed.
 */
typedef struct TCGLabel {
    uint32_t id;
    bool present;       /* gen_set_label() was called */
    bool has_backward;  /* some branch to it comes after it */
    int32_t op_index;   /* op index of its set_label */
} TCGLabel;

/**
 * TCGContext: the IR of the TB being translated, plus the globals.
 * Fields are read by the tci lowering pass; translators use functions.
 */
typedef struct TCGContext {
    TCGTemp temps[TCG_MAX_TEMPS];
    int nb_globals;
    int nb_temps;
    TCGLabel labels[TCG_MAX_LABELS];
    int nb_labels;
    TCGOp *ops;
    int nb_ops, ops_cap;
    int nb_insns;          /* insn_start ops so far */
    int insn_start_op[TCG_MAX_INSNS]; /* op index of each insn_start */
    /*
     * Set when a limit was hit (too many temps, labels or insns): the IR
     * is then unusable and the caller must translate fewer instructions.
     */
    bool overflow;
    /* The CPU pointer as a pointer temp (tcg_env). */
    TCGTemp *env;
    /*
     * Constants are interned per TB: equal constants share one temp.
     * Direct-mapped cache; entries from older TBs are told apart by
     * generation.
     */
    uint32_t const_gen;
    uint32_t const_cache_gen[256];
    int32_t const_cache_idx[256];
} TCGContext;

/* The current context.  Set with tcg_set_current(). */
extern TCGContext *tcg_ctx;

/** tcg_env: the CPU struct pointer, as a pointer temp. */
#define tcg_env (temp_tcgv_ptr(tcg_ctx->env))

/**
 * tcg_context_new: allocate an empty context (no globals, no ops).
 * Returns: the context; never NULL (aborts on out-of-memory like GLib).
 */
TCGContext *tcg_context_new(void);
/** tcg_context_free: free @s; if it is current, tcg_ctx becomes NULL. */
void tcg_context_free(TCGContext *s);
/** tcg_set_current: make @s the context the tcg_* functions act on. */
void tcg_set_current(TCGContext *s);

/**
 * tcg_func_start: begin the IR of a new TB in the current context.
 * Forgets all temps, constants, labels and ops; keeps globals.
 */
void tcg_func_start(void);

/**
 * tcg_global_mem_new_i32: register a 32-bit CPU state field.
 * @offset: byte offset from the start of the CPU struct (which starts
 *          with CPUState); must be 4-aligned and below TCG_MAX_ENV_OFFSET.
 * @name: name for dumps; must outlive the context (use a literal).
 * Returns: the handle, valid for the life of the context.
 */
TCGv_i32 tcg_global_mem_new_i32(size_t offset, const char *name);
/** tcg_global_mem_new_i64: as above for an 8-aligned 64-bit field. */
TCGv_i64 tcg_global_mem_new_i64(size_t offset, const char *name);

/** tcg_temp_new_i32: a fresh per-TB 32-bit temporary. */
TCGv_i32 tcg_temp_new_i32(void);
TCGv_i64 tcg_temp_new_i64(void);
TCGv_ptr tcg_temp_new_ptr(void);
/*
 * Freeing is optional: the allocator computes each temp's live range
 * from its uses.  Provided so translators written in QEMU style compile.
 */
static inline void tcg_temp_free_i32(TCGv_i32 v) { (void)v; }
static inline void tcg_temp_free_i64(TCGv_i64 v) { (void)v; }
static inline void tcg_temp_free_ptr(TCGv_ptr v) { (void)v; }

/**
 * tcg_constant_i32: a read-only constant; never pass it as an output.
 * Equal constants of one TB may be the same temp.
 */
TCGv_i32 tcg_constant_i32(int32_t val);
TCGv_i64 tcg_constant_i64(int64_t val);
TCGv_ptr tcg_constant_ptr(uintptr_t val);

/** gen_new_label: a new label of the current TB. */
TCGLabel *gen_new_label(void);
/** gen_set_label: place @l at the current point of the op stream. */
void gen_set_label(TCGLabel *l);

/** temp_idx: index of @t in the context (used as an op argument). */
static inline int temp_idx(const TCGTemp *t)
{
    return (int)(t - tcg_ctx->temps);
}
static inline TCGTemp *arg_temp(TCGArg a) { return &tcg_ctx->temps[a]; }
static inline TCGLabel *arg_label(TCGArg a) { return (TCGLabel *)(uintptr_t)a; }
static inline TCGArg label_arg(TCGLabel *l) { return (TCGArg)(uintptr_t)l; }

/**
 * tcg_emit_op: append an op; returns it (valid until the next emit).
 * Low level: translators use tcg-op.h.  Sets overflow on bad input.
 */
TCGOp *tcg_emit_op(TCGOpcode opc, int nargs);

/**
 * tcg_optimize: copy/constant propagation, constant folding and removal
 * of dead temp computations over the current IR (exec runs it on every
 * TB before lowering).  Semantics are unchanged; TCG_CALL_PURE helpers are
 * assumed not to touch CPU state.
 */
void tcg_optimize(void);

/**
 * tcg_dump_ops: write the current IR in text form (one op per line).
 * @out: a FILE *, passed as void * to keep <stdio.h> out of this header.
 */
void tcg_dump_ops(void *out);
/** tcg_dump_ops_str: the same text, as a string to g_free(). */
char *tcg_dump_ops_str(void);

/** tcg_op_name: name of an opcode, e.g. "add_i32". */
const char *tcg_op_name(TCGOpcode opc);

#endif /* TCG_TCG_H */
