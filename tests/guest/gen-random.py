#!/usr/bin/env python3
"""Random instruction-sequence generator for the portos guest tests.

Given a seed and an instruction set (a32 or t32) it writes an assembly file
defining rand_run(): for each of --sequences sequences it seeds r0-r12,
APSR (NZCVQ, GE), FPSCR and the VFP registers, runs --length random valid
non-branching instructions, then hands everything to rand_dump() (in
progs/randmain.c), which prints all registers, flags and the scratch
buffer.  Instructions with UNPREDICTABLE forms are generated only in their
well-defined forms; in T32 conditional instructions are grouped in IT
blocks with random then/else masks.

Registers: r0-r10 are random operands and destinations, r11 is the scratch
buffer base (buffer + 128, never written), r12 is the address/index helper
for register-offset and writeback forms, sp and pc are never operands.
"""

import argparse
import random
import struct
import sys

CONDS = ["eq", "ne", "cs", "cc", "mi", "pl", "vs", "vc", "hi", "ls", "ge", "lt",
         "gt", "le"]
INV = {"eq": "ne", "ne": "eq", "cs": "cc", "cc": "cs", "mi": "pl", "pl": "mi",
       "vs": "vc", "vc": "vs", "hi": "ls", "ls": "hi", "ge": "lt", "lt": "ge",
       "gt": "le", "le": "gt"}
REGS = ["r%d" % i for i in range(11)]
PAR = [p + o for p in ("s", "q", "sh", "u", "uq", "uh")
       for o in ("add16", "asx", "sax", "sub16", "add8", "sub8")]


def ror32(v, n):
    n &= 31
    return ((v >> n) | (v << (32 - n))) & 0xffffffff


class Gen:
    def __init__(self, rnd, isa):
        self.r = rnd
        self.t32 = isa == "t32"

    # ---- operands -------------------------------------------------------
    def reg(self):
        return self.r.choice(REGS)

    def regs_distinct(self, n):
        return self.r.sample(REGS, n)

    def value(self):
        r = self.r
        k = r.randrange(6)
        if k == 0:
            return r.choice([0, 1, 0x7fffffff, 0x80000000, 0xffffffff, 0x80000001,
                             0x7fff, 0x8000, 0xffff, 0x10000, 0xff, 0x80, 0x7f])
        if k == 1:
            return r.getrandbits(8) << r.randrange(25)
        if k == 2:
            return (1 << 32) - r.randrange(1, 300)
        return r.getrandbits(32)

    def modimm(self):
        r = self.r
        if not self.t32:
            return ror32(r.getrandbits(8), 2 * r.randrange(16))
        k = r.randrange(5)
        b = r.getrandbits(8)
        if k == 0:
            return b
        if k == 1:
            return b | (b << 16)
        if k == 2:
            return (b << 8) | (b << 24)
        if k == 3:
            return b * 0x01010101
        return ror32(0x80 | (b & 0x7f), r.randrange(8, 32))

    def shift_imm(self):
        r = self.r
        k = r.randrange(6)
        if k == 0:
            return ""
        if k == 1:
            return ", lsl #%d" % r.randrange(0, 32)
        if k == 2:
            return ", lsr #%d" % r.randrange(1, 33)
        if k == 3:
            return ", asr #%d" % r.randrange(1, 33)
        if k == 4:
            return ", ror #%d" % r.randrange(1, 32)
        return ", rrx"

    def op2(self):
        """Flexible second operand."""
        r = self.r
        k = r.randrange(4)
        if k == 0:
            return "#%d" % self.modimm()
        if k == 1 and not self.t32:
            return "%s, %s %s" % (self.reg(), r.choice(["lsl", "lsr", "asr", "ror"]),
                                  self.reg())
        return self.reg() + self.shift_imm()

    # ---- instruction classes (each returns (mnemonic, operands, itable)) -
    def dp(self):
        r = self.r
        ops = ["and", "eor", "sub", "rsb", "add", "adc", "sbc", "orr", "bic"]
        ops += ["orn"] if self.t32 else ["rsc"]
        op = r.choice(ops)
        s = r.choice(["", "s"])
        return op + s, "%s, %s, %s" % (self.reg(), self.reg(), self.op2())

    def mov(self):
        r = self.r
        k = r.randrange(5)
        if k == 0:
            return r.choice(["mov", "movs", "mvn", "mvns"]), "%s, %s" % (self.reg(), self.op2())
        if k == 1:
            return "movw", "%s, #%d" % (self.reg(), r.getrandbits(16))
        if k == 2:
            return "movt", "%s, #%d" % (self.reg(), r.getrandbits(16))
        if k == 3:
            op = r.choice(["lsl", "lsr", "asr", "ror"]) + r.choice(["", "s"])
            return op, "%s, %s, %s" % (self.reg(), self.reg(), self.reg())
        op = r.choice(["lsl", "lsr", "asr", "ror", "rrx"])
        s = r.choice(["", "s"])
        if op == "rrx":
            return "rrx" + s, "%s, %s" % (self.reg(), self.reg())
        lo, hi = (0, 31) if op == "lsl" else (1, 31 if op == "ror" else 32)
        return op + s, "%s, %s, #%d" % (self.reg(), self.reg(), r.randint(lo, hi))

    def cmp(self):
        return self.r.choice(["cmp", "cmn", "tst", "teq"]), "%s, %s" % (self.reg(), self.op2())

    def mul(self):
        r = self.r
        k = r.randrange(8)
        d, n, m, a = self.reg(), self.reg(), self.reg(), self.reg()
        if k == 0:
            op = "mul" if self.t32 else r.choice(["mul", "muls"])
            return op, "%s, %s, %s" % (d, n, m)
        if k == 1:
            return r.choice(["mla", "mls"] + ([] if self.t32 else ["mlas"])), \
                "%s, %s, %s, %s" % (d, n, m, a)
        if k == 2:
            lo, hi = self.regs_distinct(2)
            ops = ["umull", "smull", "umlal", "smlal", "umaal", "smlald", "smlaldx",
                   "smlsld", "smlsldx", "smlalbb", "smlalbt", "smlaltb", "smlaltt"]
            if not self.t32:
                ops += ["umulls", "smulls", "umlals", "smlals"]
            return r.choice(ops), "%s, %s, %s, %s" % (lo, hi, n, m)
        if k == 3:
            op = r.choice(["smulbb", "smulbt", "smultb", "smultt", "smulwb", "smulwt",
                           "smuad", "smuadx", "smusd", "smusdx", "smmul", "smmulr", "usad8"])
            return op, "%s, %s, %s" % (d, n, m)
        if k == 4:
            op = r.choice(["smlabb", "smlabt", "smlatb", "smlatt", "smlawb", "smlawt",
                           "smlad", "smladx", "smlsd", "smlsdx", "smmla", "smmlar",
                           "smmls", "smmlsr", "usada8"])
            return op, "%s, %s, %s, %s" % (d, n, m, a)
        if k == 5:
            return r.choice(["sdiv", "udiv"]), "%s, %s, %s" % (d, n, m)
        return r.choice(["qadd", "qsub", "qdadd", "qdsub"]), "%s, %s, %s" % (d, n, m)

    def sat(self):
        r = self.r
        k = r.randrange(4)
        d, n = self.reg(), self.reg()
        sh = r.choice(["", ", lsl #%d" % r.randrange(32), ", asr #%d" % r.randrange(1, 32)])
        if k == 0:
            return "ssat", "%s, #%d, %s%s" % (d, r.randint(1, 32), n, sh)
        if k == 1:
            return "usat", "%s, #%d, %s%s" % (d, r.randint(0, 31), n, sh)
        if k == 2:
            return "ssat16", "%s, #%d, %s" % (d, r.randint(1, 16), n)
        return "usat16", "%s, #%d, %s" % (d, r.randint(0, 15), n)

    def par(self):
        r = self.r
        op = r.choice(PAR + ["sel"])
        return op, "%s, %s, %s" % (self.reg(), self.reg(), self.reg())

    def bits(self):
        r = self.r
        k = r.randrange(7)
        d, n, m = self.reg(), self.reg(), self.reg()
        if k == 0:
            lsb = r.randrange(32)
            w = r.randint(1, 32 - lsb)
            op = r.choice(["bfi", "ubfx", "sbfx", "bfc"])
            if op == "bfc":
                return op, "%s, #%d, #%d" % (d, lsb, w)
            return op, "%s, %s, #%d, #%d" % (d, n, lsb, w)
        if k == 1:
            return r.choice(["clz", "rbit", "rev", "rev16", "revsh"]), "%s, %s" % (d, n)
        rot = r.choice(["", ", ror #8", ", ror #16", ", ror #24"])
        if k == 2:
            op = r.choice(["sxtb", "sxth", "uxtb", "uxth", "sxtb16", "uxtb16"])
            return op, "%s, %s%s" % (d, n, rot)
        if k == 3:
            op = r.choice(["sxtab", "sxtah", "uxtab", "uxtah", "sxtab16", "uxtab16"])
            return op, "%s, %s, %s%s" % (d, n, m, rot)
        if k == 4:
            if r.randrange(2):
                return "pkhbt", "%s, %s, %s, lsl #%d" % (d, n, m, r.randrange(32))
            return "pkhtb", "%s, %s, %s, asr #%d" % (d, n, m, r.randint(1, 31))
        if k == 5:
            return "mrs", "%s, apsr" % d
        return "msr", "APSR_nzcvqg, %s" % n

    def mem_off(self, size, lo=-128, hi=120):
        """Random offset from r11 inside the buffer, aligned for size."""
        a = min(size, 4)
        return self.r.randrange(lo // a, hi // a + 1) * a

    def mem(self):
        """A load or store to the scratch buffer: (set-up lines, insn).  The
        set-up lines put an address (writeback forms) or an index in r12."""
        r = self.r
        kind = r.choice(["ldr", "ldrb", "ldrh", "ldrsb", "ldrsh", "str", "strb", "strh",
                         "ldrd", "strd"])
        size = {"ldr": 4, "str": 4, "ldrb": 1, "strb": 1, "ldrsb": 1, "ldrh": 2,
                "strh": 2, "ldrsh": 2, "ldrd": 8, "strd": 8}[kind]
        dual = kind in ("ldrd", "strd")
        if dual:
            if self.t32:
                t, t2 = self.regs_distinct(2)
            else:
                e = r.randrange(5) * 2              # A32: even Rt, Rt2 = Rt + 1
                t, t2 = "r%d" % e, "r%d" % (e + 1)
            rt = "%s, %s" % (t, t2)
        else:
            rt = self.reg()
        # A32 halfword, signed-byte and dual forms have no scaled register offset
        a32_small = not self.t32 and (dual or kind in ("ldrh", "strh", "ldrsh", "ldrsb"))
        mode = r.randrange(4)
        if mode == 3 and self.t32 and dual:
            mode = 0                                # T32 LDRD has no register offset
        if mode == 0:                               # [r11, #+/-imm]
            return [], (kind, "%s, [r11, #%d]" % (rt, self.mem_off(size)))
        if mode in (1, 2):                          # r12 pre-index writeback / post-index
            base = self.mem_off(size, -96, 88)
            step = self.mem_off(size, -32, 32)
            pre = [("sub", "r12, r11, #%d" % -base) if base < 0 else
                   ("add", "r12, r11, #%d" % base)]
            addr = ("[r12, #%d]!" if mode == 1 else "[r12], #%d") % step
            return pre, (kind, "%s, %s" % (rt, addr))
        # register offset: [r11, (+/-)r12 {, lsl #sh}]
        sh = 0 if a32_small else r.randrange(4 if self.t32 else 3)
        unit = max(min(size, 4), 1 << sh)
        lo = 0 if self.t32 else -96 // unit
        k = r.randrange(lo, 88 // unit + 1) * unit
        neg = "-" if k < 0 else ""
        idx = abs(k) >> sh
        lsl = ", lsl #%d" % sh if sh else ""
        return [("mov", "r12, #%d" % idx)], (kind, "%s, [r11, %sr12%s]" % (rt, neg, lsl))

    def ldstm(self):
        r = self.r
        n = r.randint(2, 6)
        lst = sorted(self.regs_distinct(n), key=lambda x: int(x[1:]))
        modes = ["ia", "db"] if self.t32 else ["ia", "ib", "da", "db"]
        op = r.choice(["ldm", "stm"]) + r.choice(modes)
        if r.randrange(2):
            off = 4 * r.randrange(-8, 8)
            pre = ("sub", "r12, r11, #%d" % -off) if off < 0 else ("add", "r12, r11, #%d" % off)
            return [pre], (op, "r12!, {%s}" % ", ".join(lst))
        return [], (op, "r11, {%s}" % ", ".join(lst))

    def pushpop(self):
        r = self.r
        n = r.randint(1, 5)
        a = sorted(self.regs_distinct(n), key=lambda x: int(x[1:]))
        b = sorted(self.regs_distinct(n), key=lambda x: int(x[1:]))
        return [("push", "{%s}" % ", ".join(a)), ("pop", "{%s}" % ", ".join(b))]

    def excl(self):
        r = self.r
        t, s, v = self.regs_distinct(3)
        sz = r.choice(["", "b", "h"])
        off = {"": 4, "b": 1, "h": 2}[sz] * r.randrange(8)
        pre = [("add", "r12, r11, #%d" % off)]
        return pre + [("ldrex" + sz, "%s, [r12]" % t), ("strex" + sz, "%s, %s, [r12]" % (s, v))]

    # ---- VFP ------------------------------------------------------------
    def vfp(self):
        r = self.r
        dbl = r.randrange(2)
        if dbl:
            R = lambda: "d%d" % r.randrange(32)
            ty = "f64"
        else:
            R = lambda: "s%d" % r.randrange(32)
            ty = "f32"
        k = r.randrange(10)
        if k < 4:
            op = r.choice(["vadd", "vsub", "vmul", "vdiv", "vmla", "vmls", "vnmul",
                           "vnmla", "vnmls"])
            return [(op + "." + ty, "%s, %s, %s" % (R(), R(), R()))]
        if k == 4:
            op = r.choice(["vneg", "vabs", "vsqrt", "vmov"])
            return [(op + "." + ty, "%s, %s" % (R(), R()))]
        if k == 5:
            z = r.randrange(3)
            if z == 0:
                return [("vcmp%s.%s" % (r.choice(["", "e"]), ty), "%s, #0" % R()),
                        ("vmrs", "APSR_nzcv, fpscr")]
            return [("vcmp%s.%s" % (r.choice(["", "e"]), ty), "%s, %s" % (R(), R())),
                    ("vmrs", "APSR_nzcv, fpscr")]
        if k == 6:
            s = "s%d" % r.randrange(32)
            if dbl:
                op = r.choice(["vcvt.f32.f64", "vcvt.s32.f64", "vcvt.u32.f64",
                               "vcvtr.s32.f64", "vcvtr.u32.f64"])
                return [(op, "%s, %s" % (s, R()))]
            op = r.choice(["vcvt.s32.f32", "vcvt.u32.f32", "vcvtr.s32.f32", "vcvtr.u32.f32",
                           "vcvt.f32.s32", "vcvt.f32.u32"])
            return [(op, "%s, %s" % (s, R()))]
        if k == 7:
            s = "s%d" % r.randrange(32)
            d = "d%d" % r.randrange(32)
            op = r.choice(["vcvt.f64.f32", "vcvt.f64.s32", "vcvt.f64.u32"])
            return [(op, "%s, %s" % (d, s))]
        if k == 8:
            d = R()
            fb = r.choice(["s32", "u32", "s16", "u16"])
            fr = r.randint(1, 16 if fb.endswith("16") else 32)
            return [(r.choice(["vcvt.%s.%s" % (fb, ty), "vcvt.%s.%s" % (ty, fb)]),
                     "%s, %s, #%d" % (d, d, fr))]
        z = r.randrange(3)
        if z == 0:
            return [("vmov", "s%d, %s" % (r.randrange(32), self.reg()))]
        if z == 1:
            return [("vmov", "%s, s%d" % (self.reg(), r.randrange(32)))]
        a, b = self.regs_distinct(2)
        return [("vmov", "%s, %s, d%d" % (a, b, r.randrange(32)))]

    # ---- sequences ------------------------------------------------------
    def plain(self):
        """One conditional-capable instruction (pre-steps, insn)."""
        r = self.r
        k = r.randrange(100)
        if k < 30:
            return [], self.dp()
        if k < 40:
            return [], self.mov()
        if k < 46:
            return [], self.cmp()
        if k < 58:
            return [], self.mul()
        if k < 62:
            return [], self.sat()
        if k < 70:
            return [], self.par()
        if k < 80:
            return [], self.bits()
        return self.mem()

    def block(self):
        """A group of lines: unconditional, conditional (A32) or an IT block."""
        r = self.r
        k = r.randrange(100)
        if k < 6:
            return self.ldstm_lines()
        if k < 8:
            return ["\t%s\t%s" % x for x in self.pushpop()]
        if k < 10:
            return ["\t%s\t%s" % x for x in self.excl()]
        if k < 22:
            return ["\t%s\t%s" % x for x in self.vfp()]
        if self.t32 and k < 45:
            return self.it_block()
        pre, (op, args) = self.plain()
        cond = ""
        if not self.t32 and r.randrange(100) < 30:
            cond = r.choice(CONDS)
        return ["\t%s\t%s" % x for x in pre] + ["\t%s%s\t%s" % (op, cond, args)]

    def ldstm_lines(self):
        pre, (op, args) = self.ldstm()
        return ["\t%s\t%s" % x for x in pre] + ["\t%s\t%s" % (op, args)]

    def it_block(self):
        r = self.r
        n = r.randint(1, 4)
        c = r.choice(CONDS)
        conds = [c] + [r.choice([c, INV[c]]) for _ in range(n - 1)]
        mask = "".join("t" if x == c else "e" for x in conds[1:])
        lines = []
        body = []
        for cc in conds:
            while True:
                pre, (op, args) = self.plain()
                if not pre:
                    break
            body.append("\t%s%s\t%s" % (op, cc, args))
        lines.append("\tit%s\t%s" % (mask, c))
        return lines + body


def fp_values(r, n):
    special32 = [0x00000000, 0x80000000, 0x3f800000, 0xbf800000, 0x7f800000, 0xff800000,
                 0x7fc00000, 0x7f800001, 0x00000001, 0x807fffff, 0x7f7fffff, 0x00800000,
                 0x3effffff, 0x4f000000, 0xcf000000, 0x4f800000]
    out = []
    for _ in range(n):
        k = r.randrange(4)
        if k == 0:
            v = r.choice(special32)
        elif k == 1:
            v = struct.unpack("<I", struct.pack("<f", r.uniform(-1e6, 1e6)))[0]
        elif k == 2:
            v = struct.unpack("<I", struct.pack("<f", float(r.randint(-70000, 70000))))[0]
        else:
            v = r.getrandbits(32)
        out.append(v)
    return out


def generate(seed, isa, nseq, length):
    r = random.Random(seed * 2 + (1 if isa == "t32" else 0))
    g = Gen(r, isa)
    out = []
    w = out.append
    w("/* generated by gen-random.py --seed %d --isa %s --sequences %d --length %d */"
      % (seed, isa, nseq, length))
    w("\t.syntax unified")
    w("\t.arch armv7ve")
    w("\t.fpu vfpv3")
    w("\t.data")
    w("\t.balign 8")
    w("\t.global rand_buf")
    w("rand_buf:")
    for i in range(0, 256, 16):
        w("\t.word " + ", ".join("0x%08x" % r.getrandbits(32) for _ in range(4)))
    w("\t.global rand_regs")
    w("rand_regs:\t.space 4 * 16")
    w("\t.global rand_vregs")
    w("rand_vregs:\t.space 8 * 32")
    w("\t.text")
    w("\t.thumb" if isa == "t32" else "\t.arm")
    w("\t.global rand_run")
    w("\t.type rand_run, %function")
    if isa == "t32":
        w("\t.thumb_func")
    w("rand_run:")
    w("\tpush\t{r4-r11, lr}")
    w("\tvpush\t{d8-d15}")
    for s in range(nseq):
        w("@ ---- sequence %d" % s)
        # VFP registers: 64 random singles as 32 doubles
        vals = fp_values(r, 64)
        w("\tldr\tr12, =seq%d_v" % s)
        w("\tvldmia\tr12, {d0-d15}")
        w("\tadd\tr12, r12, #128")
        w("\tvldmia\tr12, {d16-d31}")
        fpscr = r.choice([0, 0, 1 << 22, 2 << 22, 3 << 22, 1 << 25, 1 << 24, 3 << 24])
        w("\tldr\tr12, =0x%08x" % fpscr)
        w("\tvmsr\tfpscr, r12")
        psr = (r.getrandbits(5) << 27) | (r.getrandbits(4) << 16)
        w("\tldr\tr12, =0x%08x" % psr)
        w("\tmsr\tAPSR_nzcvqg, r12")
        for i in range(11):
            w("\tldr\tr%d, =0x%08x" % (i, g.value()))
        w("\tldr\tr11, =rand_buf + 128")
        w("\tldr\tr12, =0x%08x" % g.value())
        n = 0
        while n < length:
            lines = g.block()
            out.extend(lines)
            n += len(lines)
        # dump: r0-r12, APSR, FPSCR, d0-d31
        w("\tpush\t{r12}")
        w("\tldr\tr12, =rand_regs")
        w("\tstm\tr12, {r0-r11}")
        w("\tpop\t{r0}")
        w("\tstr\tr0, [r12, #48]")
        w("\tmrs\tr0, apsr")
        w("\tstr\tr0, [r12, #52]")
        w("\tvmrs\tr0, fpscr")
        w("\tstr\tr0, [r12, #56]")
        w("\tldr\tr12, =rand_vregs")
        w("\tvstmia\tr12!, {d0-d15}")
        w("\tvstmia\tr12, {d16-d31}")
        w("\tmov\tr0, #%d" % s)
        w("\tbl\trand_dump")
        w("\tb\t1f")
        w("\t.ltorg")
        w("\t.balign 8")
        w("seq%d_v:" % s)
        for i in range(0, 64, 4):
            w("\t.word " + ", ".join("0x%08x" % v for v in vals[i:i + 4]))
        w("1:")
    w("\tvpop\t{d8-d15}")
    w("\tpop\t{r4-r11, pc}")
    w("\t.ltorg")
    return "\n".join(out) + "\n"


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--seed", type=int, required=True)
    ap.add_argument("--isa", choices=["a32", "t32"], default="a32")
    ap.add_argument("--sequences", type=int, default=12)
    ap.add_argument("--length", type=int, default=60,
                    help="instructions per sequence (approximate, default 60)")
    ap.add_argument("-o", "--output", help="output file (default stdout)")
    a = ap.parse_args()
    text = generate(a.seed, a.isa, a.sequences, a.length)
    if a.output:
        with open(a.output, "w") as f:
            f.write(text)
    else:
        sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
