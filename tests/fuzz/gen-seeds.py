#!/usr/bin/env python3
"""Write the seed corpora of tests/fuzz (corpus/<target>/).

Usage: gen-seeds.py [--hello-elf ELF]

Seeds are small inputs in each target's format (see the comment at the
top of fuzz-<target>.c) that reach deep paths at once: a valid ELF, a
zImage, a request of each virtio-blk type, instruction sequences of each
instruction set, real command lines.  The instruction seeds are assembled
with the ARM cross binutils (arm-linux-gnueabihf-as, as for the guest
tests); --hello-elf adds a stripped copy of a guest program
(tests/guest/run-diff --keep DIR builds DIR/hello-a32.elf).
"""
import argparse
import os
import shutil
import struct
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
CROSS = os.environ.get("CROSS_COMPILE", "arm-linux-gnueabihf-")


def write(target, name, data):
    d = os.path.join(HERE, "corpus", target)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, name), "wb") as f:
        f.write(data)


# ---- loader: selector byte (0 kernel, 1 initrd, 2 dtb, 3 board tree) ----

def tiny_elf(paddr=0x40010000, code=b"\x03\xf0\x20\xe3"):
    """ET_EXEC EM_ARM with one PT_LOAD (code + 16 bytes of bss)."""
    ehdr = struct.pack("<4sBBBB8xHHIIIIIHHHHHH", b"\x7fELF", 1, 1, 1, 0,
                       2, 40, 1, paddr, 52, 0, 0, 52, 32, 1, 40, 0, 0)
    phdr = struct.pack("<IIIIIIII", 1, 84, paddr, paddr, len(code),
                       len(code) + 16, 5, 4)
    return ehdr + phdr + code


def loader_seeds(hello_elf):
    write("loader", "elf-tiny", b"\x00" + tiny_elf())
    zimage = bytearray(64)
    zimage[0x24:0x28] = struct.pack("<I", 0x016f2818)
    write("loader", "zimage", b"\x00" + bytes(zimage))
    write("loader", "raw", b"\x00" + b"\x03\xf0\x20\xe3" * 4)
    write("loader", "initrd", b"\x01" + b"070701" + b"0" * 40)
    write("loader", "dtb", b"\x02" + struct.pack(">IIIIIIIIII", 0xd00dfeed,
                                                 40, 40, 40, 40, 17, 16, 0, 0, 0))
    write("loader", "board-tree", b"\x03" + b"console=ttyAMA0 root=/dev/vda rw")
    if hello_elf:
        with tempfile.TemporaryDirectory() as tmp:
            out = os.path.join(tmp, "hello.elf")
            subprocess.run([CROSS + "strip", "-o", out, hello_elf], check=True)
            with open(out, "rb") as f:
                write("loader", "elf-hello", b"\x00" + f.read())


# ---- translate: flags byte (1 Thumb, 2 user, 4 VFP, 8 long run) + code ----

TRANSLATE = {
    "a32-loop": (0, """
        mov r0, #0
    1:  add r0, r0, #1
        cmp r0, #3
        blt 1b
        bl 2f
    2:  ldr r1, [r2, #4]!
        stmdb sp!, {r0-r3, lr}
        ldmia sp!, {r0-r3, lr}
        wfi
    """),
    "a32-sys": (0, """
        mrc p15, 0, r0, c1, c0, 0
        orr r0, r0, #1
        mcr p15, 0, r0, c1, c0, 0
        mrs r1, cpsr
        msr spsr_fsxc, r1
        cps #0x1f
        svc #0
    """),
    "a32-excl": (0, """
        ldrex r0, [r1]
        strex r2, r0, [r1]
        ldrexd r4, r5, [r1]
        clrex
        smull r6, r7, r0, r1
        sdiv r8, r0, r1
        rev r9, r0
        ubfx r10, r0, #4, #8
        bfi r11, r0, #8, #4
    """),
    "a32-vfp": (4, """
        vmov.f32 s0, #1.0
        vadd.f32 s1, s0, s0
        vcvt.s32.f32 s2, s1
        vmov r0, s2
        vldr d1, [r1]
        vstmia r2!, {d0-d3}
        vmrs APSR_nzcv, fpscr
        vsqrt.f64 d2, d1
    """),
    "t32-it": (1, """
        movs r0, #1
        cmp r0, #1
        ite eq
        moveq r1, #2
        movne r1, #3
        cbz r0, 1f
        adds r0, r0, r1
    1:  ldr.w r2, [r3, #-4]
        tbb [pc, r0]
        b.w 1b
    """),
    "t32-branch": (1 | 8, """
    1:  subs r0, #1
        bne 1b
        bl 2f
    2:  push {r4, lr}
        pop {r4, pc}
    """),
    "t32-user": (1 | 2, """
        mrs r0, apsr
        ldrt r1, [r2]
        svc #1
    """),
}


def translate_seeds():
    with tempfile.TemporaryDirectory() as tmp:
        for name, (flags, asm) in TRANSLATE.items():
            s = os.path.join(tmp, "a.s")
            o = os.path.join(tmp, "a.o")
            b = os.path.join(tmp, "a.bin")
            with open(s, "w") as f:
                f.write(".syntax unified\n.arch armv7ve\n.fpu vfpv3\n")
                f.write(".thumb\n" if flags & 1 else ".arm\n")
                f.write(asm)
            subprocess.run([CROSS + "as", "-o", o, s], check=True)
            subprocess.run([CROSS + "objcopy", "-O", "binary", "-j", ".text",
                            o, b], check=True)
            with open(b, "rb") as f:
                write("translate", name, bytes([flags]) + f.read())


# ---- virtio-blk: flags, features to drop, queue size - 1, ops, RAM ----

# Must match fuzz-virtio-blk.c's DESC/AVAIL/USED (an 8-entry queue).
DESC, AVAIL, USED, HDR, STAT, TABLE, DATA = (0x000, 0x080, 0x0c0, 0x110,
                                             0x120, 0x130, 0x200)
RAM = 0x40000000
F_NEXT, F_WRITE, F_INDIRECT = 1, 2, 4


def desc(addr, length, flags, nxt):
    return struct.pack("<QIHH", RAM + addr, length, flags, nxt)


def virtio_seed(rtype, sector, data_len, data_flags, indirect=False,
                ops=b"\x02\x00\x00\x00\x00\x00", payload=None):
    ram = bytearray(0x800)
    chain = desc(HDR, 16, F_NEXT, 1)
    if data_len:
        chain += desc(DATA, data_len, F_NEXT | data_flags, 2)
        chain += desc(STAT, 1, F_WRITE, 0)
    else:
        chain += desc(STAT, 1, F_WRITE, 0)
    if indirect:
        ram[TABLE:TABLE + len(chain)] = chain
        ram[DESC:DESC + 16] = desc(TABLE, len(chain), F_INDIRECT, 0)
    else:
        ram[DESC:DESC + len(chain)] = chain
    ram[AVAIL:AVAIL + 6] = struct.pack("<HHH", 0, 1, 0)
    ram[HDR:HDR + 16] = struct.pack("<IIQ", rtype, 0, sector)
    for i in range(data_len):
        ram[DATA + i] = i & 0xff
    if payload:
        ram[DATA:DATA + len(payload)] = payload
    nops = len(ops) // 6
    return bytes([1, 0, 7, nops]) + ops + bytes(ram).rstrip(b"\0")


def virtio_seeds():
    write("virtio-blk", "read", virtio_seed(0, 1, 512, F_WRITE))
    write("virtio-blk", "write", virtio_seed(1, 2, 1024, 0))
    write("virtio-blk", "flush", virtio_seed(4, 0, 0, 0))
    write("virtio-blk", "get-id", virtio_seed(8, 0, 20, F_WRITE))
    # One segment: sector 4, 2 sectors, flags 0.
    write("virtio-blk", "write-zeroes",
          virtio_seed(13, 0, 16, 0, payload=struct.pack("<QII", 4, 2, 0)))
    write("virtio-blk", "indirect-read",
          virtio_seed(0, 3, 512, F_WRITE, indirect=True))
    # No probe: the driver's registers come from the operations alone.
    regs = b"".join(bytes([0, off // 4]) + struct.pack("<I", v) for off, v in [
        (0x70, 1), (0x70, 3), (0x24, 1), (0x20, 1), (0x70, 11), (0x38, 8),
        (0x80, RAM + DESC), (0x90, RAM + AVAIL), (0xa0, RAM + USED),
        (0x44, 1), (0x70, 15), (0x50, 0)])
    write("virtio-blk", "raw-registers",
          bytes([0, 0, 0, len(regs) // 6]) + regs +
          virtio_seed(0, 1, 512, F_WRITE)[10:])


# ---- cli: arguments separated by NUL bytes ----

CLI = {
    "bare-metal": "-M virt -cpu cortex-a15 -m 256 -nographic -kernel prog.elf",
    "linux": "-M virt -cpu cortex-a15,neon=off -m 1G -nographic -kernel zImage"
             " -initrd initrd.gz -append console=ttyAMA0 -dtb virt.dtb",
    "drive": "-kernel k -drive if=none,file=disk.img,format=raw,id=d0,readonly=on"
             " -device virtio-blk-device,drive=d0 -snapshot",
    "options": "-kernel k -icount shift=3 -d int,guest_errors,unimp"
               " -serial mon:stdio -no-reboot",
    "help": "-help",
    "harness": "-nodefaults -accel tcg -machine virt,accel=tcg,highmem=off,"
               "gic-version=2,dumpdtb=out.dtb -name g -rtc base=2020-01-01T10:00:00,"
               "clock=vm -icount auto -cpu help",
    "virtio": "-kernel k -drive file=a.img,if=virtio,index=3 -drive file=b.img,if=virtio"
              " -device virtio-rng-device -drive file=c,if=none,id=c"
              " -device virtio-blk-device,drive=c -device help",
    "net": "-kernel k -nic user,hostfwd=tcp:127.0.0.1:2222-:22,restrict=on"
           " -netdev user,id=n0,hostfwd=udp::53-10.0.2.15:53"
           " -device virtio-net-device,netdev=n0,mac=52:54:00:12:34:56",
    "monitor": "-kernel k -monitor stdio -serial file:serial.log -serial pty"
               " -monitor none -serial null",
}


def cli_seeds():
    for name, line in CLI.items():
        write("cli", name, "\0".join(line.split(" ")).encode())


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--hello-elf")
    args = ap.parse_args()
    if not shutil.which(CROSS + "as"):
        sys.exit("gen-seeds.py: %sas not found (gcc-arm-linux-gnueabihf)" % CROSS)
    loader_seeds(args.hello_elf)
    translate_seeds()
    virtio_seeds()
    cli_seeds()


if __name__ == "__main__":
    main()
