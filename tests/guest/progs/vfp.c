/* VFP arithmetic in f32 and f64: add/sub/mul/div/sqrt, fused-less
   multiply-accumulate forms, neg/abs, compares with VMRS APSR_nzcv;
   special values (denormals, infinities, quiet/signalling NaNs) under
   default and DN/FZ and directed rounding modes; exception flags. */
#include "vf.h"
#include "trap.h"

FS(vadd_s,  "vadd.f32 s13, s14, s15")
FS(vsub_s,  "vsub.f32 s13, s14, s15")
FS(vmul_s,  "vmul.f32 s13, s14, s15")
FS(vdiv_s,  "vdiv.f32 s13, s14, s15")
FS(vnmul_s, "vnmul.f32 s13, s14, s15")
FS(vmla_s,  "vmla.f32 s13, s14, s15")
FS(vmls_s,  "vmls.f32 s13, s14, s15")
FS(vnmla_s, "vnmla.f32 s13, s14, s15")
FS(vnmls_s, "vnmls.f32 s13, s14, s15")
FS(vsqrt_s, "vsqrt.f32 s13, s14")
FS(vabs_s,  "vabs.f32 s13, s14")
FS(vneg_s,  "vneg.f32 s13, s14")
FS(vmov_s,  "vmov.f32 s13, s14")
FS(vcmp_s,  "vcmp.f32 s14, s15\n\tvmrs APSR_nzcv, fpscr\n\tmov %[d], #0\n\t"
            "it eq\n\taddeq %[d], #1\n\tit lt\n\taddlt %[d], #2\n\tit vs\n\taddvs %[d], #4\n\t"
            "vmov s13, %[d]")
FS(vcmpe_s, "vcmpe.f32 s14, s15")
FS(vcmpz_s, "vcmp.f32 s14, #0")
FS(vcmpez_s,"vcmpe.f32 s14, #0")

FD(vadd_d,  "vadd.f64 d20, d21, d22")
FD(vsub_d,  "vsub.f64 d20, d21, d22")
FD(vmul_d,  "vmul.f64 d20, d21, d22")
FD(vdiv_d,  "vdiv.f64 d20, d21, d22")
FD(vnmul_d, "vnmul.f64 d20, d21, d22")
FD(vmla_d,  "vmla.f64 d20, d21, d22")
FD(vmls_d,  "vmls.f64 d20, d21, d22")
FD(vnmla_d, "vnmla.f64 d20, d21, d22")
FD(vnmls_d, "vnmls.f64 d20, d21, d22")
FD(vsqrt_d, "vsqrt.f64 d20, d21")
FD(vabs_d,  "vabs.f64 d20, d21")
FD(vneg_d,  "vneg.f64 d20, d21")
FD(vcmp_d,  "vcmp.f64 d21, d22")
FD(vcmpe_d, "vcmpe.f64 d21, d22")
FD(vcmpz_d, "vcmp.f64 d21, #0")

static const uint32_t MODES[] = {
    FPSCR_DN | FPSCR_FZ, RM_RZ, RM_RP, RM_RM,
};

int main(void)
{
    rt_puts("vfp " ISA_NAME "\n");
    run_fs("vadd.f32", vadd_s, 0, NFSV, 0);
    run_fs("vsub.f32", vsub_s, 0, NFSV, 0);
    run_fs("vmul.f32", vmul_s, 0, NFSV, 0);
    run_fs("vdiv.f32", vdiv_s, 0, NFSV, 0);
    run_fs("vnmul.f32", vnmul_s, 0, NFSV, 0);
    run_fs("vmla.f32", vmla_s, 0, NFSV, 0x3f800000);
    run_fs("vmls.f32", vmls_s, 0, NFSV, 0xff800000);
    run_fs("vnmla.f32", vnmla_s, 0, NFSV, 0x00000001);
    run_fs("vnmls.f32", vnmls_s, 0, NFSV, 0x7fc00001);
    run_fs("vsqrt.f32", vsqrt_s, 0, 1, 0);
    run_fs("vabs.f32", vabs_s, 0, 1, 0);
    run_fs("vneg.f32", vneg_s, 0, 1, 0);
    run_fs("vmov.f32", vmov_s, 0, 1, 0);
    run_fs("vcmp.f32", vcmp_s, 0, NFSV, 0);
    run_fs("vcmpe.f32", vcmpe_s, 0, NFSV, 0);
    run_fs("vcmpz.f32", vcmpz_s, 0, 1, 0);
    run_fs("vcmpez.f32", vcmpez_s, 0, 1, 0);
    run_fd("vadd.f64", vadd_d, 0, NFDV, 0);
    run_fd("vsub.f64", vsub_d, 0, NFDV, 0);
    run_fd("vmul.f64", vmul_d, 0, NFDV, 0);
    run_fd("vdiv.f64", vdiv_d, 0, NFDV, 0);
    run_fd("vnmul.f64", vnmul_d, 0, NFDV, 0);
    run_fd("vmla.f64", vmla_d, 0, NFDV, 0x3ff0000000000000ull);
    run_fd("vmls.f64", vmls_d, 0, NFDV, 0x0000000000000001ull);
    run_fd("vnmla.f64", vnmla_d, 0, NFDV, 0xfff0000000000000ull);
    run_fd("vnmls.f64", vnmls_d, 0, NFDV, 0x7ff4000000000000ull);
    run_fd("vsqrt.f64", vsqrt_d, 0, 1, 0);
    run_fd("vabs.f64", vabs_d, 0, 1, 0);
    run_fd("vneg.f64", vneg_d, 0, 1, 0);
    run_fd("vcmp.f64", vcmp_d, 0, NFDV, 0);
    run_fd("vcmpe.f64", vcmpe_d, 0, NFDV, 0);
    run_fd("vcmpz.f64", vcmpz_d, 0, 1, 0);
    for (unsigned m = 0; m < sizeof(MODES) / sizeof(MODES[0]); m++) {
        run_fs("vadd.f32", vadd_s, MODES[m], NFSV, 0);
        run_fs("vmul.f32", vmul_s, MODES[m], NFSV, 0);
        run_fs("vdiv.f32", vdiv_s, MODES[m], NFSV, 0);
        run_fs("vmla.f32", vmla_s, MODES[m], NFSV, 0x80000001);
        run_fs("vsqrt.f32", vsqrt_s, MODES[m], 1, 0);
        run_fd("vadd.f64", vadd_d, MODES[m], NFDV, 0);
        run_fd("vmul.f64", vmul_d, MODES[m], NFDV, 0);
        run_fd("vdiv.f64", vdiv_d, MODES[m], NFDV, 0);
        run_fd("vsqrt.f64", vsqrt_d, MODES[m], 1, 0);
    }
    /* exception flags are cumulative until written */
    uint32_t f = 0;
    vdiv_s(0x3f800000, 0, 0, &f);
    vadd_s(0x7f7fffff, 0x7f7fffff, 0, &f);
    vmul_s(0x00800000, 0x3e800000, 0, &f);
    vsqrt_s(0xbf800000, 0, 0, &f);
    rt_printf("cumulative: %08x\n", f);
    /* no short vectors on Cortex-A15 (MVFR0[27:24] = 0): QEMU keeps the
       LEN/STRIDE bits but a VFP data-processing op then is UNDEFINED */
    rt_hook = trap_hook;
    __asm__ volatile("vmsr fpscr, %0" :: "r"(0x00370000));
    __asm__ volatile("vmrs %0, fpscr" : "=r"(f));
    rt_printf("fpscr len/stride readback: %08x\n", f);
    TRAP("vadd with len/stride", "vadd.f32 s0, s1, s2");
    TRAP("vmov with len/stride", "vmov r0, s1");
    __asm__ volatile("vmsr fpscr, %0" :: "r"(0));
    return 0;
}
