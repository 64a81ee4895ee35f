/*
 * disas-capstone.c - A32/T32 disassembly for -d in_asm, with capstone
 */
#include "target/arm/disas.h"

#include <inttypes.h>

#include <capstone/capstone.h>

/* One handle per instruction set, opened on first use. */
static csh handles[2];
static bool opened[2];

static csh get_handle(bool thumb)
{
    if (!opened[thumb]) {
        if (cs_open(CS_ARCH_ARM, thumb ? CS_MODE_THUMB : CS_MODE_ARM,
                    &handles[thumb]) != CS_ERR_OK) {
            return 0;
        }
        opened[thumb] = true;
    }
    return handles[thumb];
}

/* The encoding as the manual writes it: a word, or one or two halfwords. */
static void format_bytes(char *buf, size_t n, const uint8_t *p, size_t size,
                         bool thumb)
{
    uint16_t hw0 = p[0] | p[1] << 8;

    if (!thumb) {
        snprintf(buf, n, "%08" PRIx32,
                 (uint32_t)(p[0] | p[1] << 8 | p[2] << 16 | (uint32_t)p[3] << 24));
    } else if (size == 2) {
        snprintf(buf, n, "%04x", hw0);
    } else {
        snprintf(buf, n, "%04x %04x", hw0, (unsigned)(p[2] | p[3] << 8));
    }
}

/* Length of the T32 instruction whose first halfword is @hw. */
static size_t thumb_len(uint16_t hw)
{
    return (hw >> 11) >= 0x1d ? 4 : 2;
}

size_t arm_disas_insn(char *out, size_t outsize, uint64_t pc,
                      const uint8_t *code, size_t len, bool thumb)
{
    csh h = get_handle(thumb);
    cs_insn *insn = h && len >= 2 ? cs_malloc(h) : NULL;
    const uint8_t *p = code;
    size_t n = len, size = 0;
    uint64_t addr = pc;
    char bytes[16];

    if (insn && cs_disasm_iter(h, &p, &n, &addr, insn)) {
        size = insn->size;
        format_bytes(bytes, sizeof(bytes), code, size, thumb);
        snprintf(out, outsize, "0x%08" PRIx64 ":  %-10s %-8s %s", pc, bytes,
                 insn->mnemonic, insn->op_str);
    } else if (len >= 2) {
        /* Unknown to capstone (or a partial instruction at the end). */
        size = thumb ? thumb_len(code[0] | code[1] << 8) : 4;
        if (size > len) {
            size = 0;
        } else {
            format_bytes(bytes, sizeof(bytes), code, size, thumb);
            snprintf(out, outsize, "0x%08" PRIx64 ":  %-10s <unknown>", pc, bytes);
        }
    }
    if (insn) {
        cs_free(insn, 1);
    }
    return size;
}

void arm_disas(FILE *f, uint64_t pc, const uint8_t *code, size_t len,
               bool thumb)
{
    char line[160];
    size_t size;

    while ((size = arm_disas_insn(line, sizeof(line), pc, code, len, thumb))) {
        fprintf(f, "%s\n", line);
        code += size;
        pc += size;
        len -= size;
    }
}

bool arm_disas_available(void)
{
    return true;
}
