/* Data processing: every opcode, shift type, shifter carry-out, RRX,
   modified immediates, MOVW/MOVT; flag-setting and not. */
#include "t.h"

/* register operand, no shift */
OP2(and_r,  "and %[d], %[a], %[b]")
OP2(ands_r, "ands %[d], %[a], %[b]")
OP2(eors_r, "eors %[d], %[a], %[b]")
OP2(orrs_r, "orrs %[d], %[a], %[b]")
OP2(bics_r, "bics %[d], %[a], %[b]")
OP2(movs_r, "movs %[d], %[b]")
OP2(mvns_r, "mvns %[d], %[b]")
OP2(mvn_r,  "mvn %[d], %[b]")
OP2(add_r,  "add %[d], %[a], %[b]")
OP2(adds_r, "adds %[d], %[a], %[b]")
OP2(adcs_r, "adcs %[d], %[a], %[b]")
OP2(adc_r,  "adc %[d], %[a], %[b]")
OP2(sub_r,  "sub %[d], %[a], %[b]")
OP2(subs_r, "subs %[d], %[a], %[b]")
OP2(sbcs_r, "sbcs %[d], %[a], %[b]")
OP2(sbc_r,  "sbc %[d], %[a], %[b]")
OP2(rsbs_r, "rsbs %[d], %[a], %[b]")
OP2(cmp_r,  "cmp %[a], %[b]")
OP2(cmn_r,  "cmn %[a], %[b]")
OP2(tst_r,  "tst %[a], %[b]")
OP2(teq_r,  "teq %[a], %[b]")

/* immediate shifts: shifter carry-out for logical ops */
OP2(ands_lsl1,  "ands %[d], %[a], %[b], lsl #1")
OP2(ands_lsl31, "ands %[d], %[a], %[b], lsl #31")
OP2(ands_lsr1,  "ands %[d], %[a], %[b], lsr #1")
OP2(ands_lsr32, "ands %[d], %[a], %[b], lsr #32")
OP2(ands_asr1,  "ands %[d], %[a], %[b], asr #1")
OP2(ands_asr32, "ands %[d], %[a], %[b], asr #32")
OP2(ands_ror1,  "ands %[d], %[a], %[b], ror #1")
OP2(ands_ror31, "ands %[d], %[a], %[b], ror #31")
OP2(ands_rrx,   "ands %[d], %[a], %[b], rrx")
OP2(movs_lsl4,  "movs %[d], %[b], lsl #4")
OP2(movs_lsr8,  "movs %[d], %[b], lsr #8")
OP2(movs_asr31, "movs %[d], %[b], asr #31")
OP2(movs_ror16, "movs %[d], %[b], ror #16")
OP2(movs_rrx,   "movs %[d], %[b], rrx")
OP2(mov_rrx,    "mov %[d], %[b], rrx")
OP2(mvns_asr1,  "mvns %[d], %[b], asr #1")
OP2(teq_lsr32,  "teq %[a], %[b], lsr #32")
OP2(tst_ror8,   "tst %[a], %[b], ror #8")
OP2(eors_asr7,  "eors %[d], %[a], %[b], asr #7")
OP2(orrs_rrx,   "orrs %[d], %[a], %[b], rrx")
OP2(bics_lsr3,  "bics %[d], %[a], %[b], lsr #3")
/* arithmetic with shifted operand */
OP2(adds_lsl4,  "adds %[d], %[a], %[b], lsl #4")
OP2(adcs_ror3,  "adcs %[d], %[a], %[b], ror #3")
OP2(subs_asr2,  "subs %[d], %[a], %[b], asr #2")
OP2(sbcs_lsr1,  "sbcs %[d], %[a], %[b], lsr #1")
OP2(rsbs_lsl1,  "rsbs %[d], %[a], %[b], lsl #1")
OP2(cmp_rrx,    "cmp %[a], %[b], rrx")
OP2(cmn_asr32,  "cmn %[a], %[b], asr #32")
OP2(add_lsl31,  "add %[d], %[a], %[b], lsl #31")
/* shift instructions */
OP2(lsls_i,  "lsls %[d], %[b], #3")
OP2(lsrs_i,  "lsrs %[d], %[b], #32")
OP2(asrs_i,  "asrs %[d], %[b], #32")
OP2(rors_i,  "rors %[d], %[b], #12")
OP2(rrxs_i,  "rrxs %[d], %[b]")
OP2(lsls_r,  "lsls %[d], %[a], %[b]")
OP2(lsrs_r,  "lsrs %[d], %[a], %[b]")
OP2(asrs_r,  "asrs %[d], %[a], %[b]")
OP2(rors_r,  "rors %[d], %[a], %[b]")
OP2(lsl_r,   "lsl %[d], %[a], %[b]")
/* modified immediates (carry from rotated immediate) */
OP2(ands_i0,   "ands %[d], %[a], #0xff")
OP2(ands_irot, "ands %[d], %[a], #0xff000000")
OP2(ands_i80,  "ands %[d], %[a], #0x80000000")
OP2(orrs_irot, "orrs %[d], %[a], #0x3fc")
#ifdef __thumb__
OP2(eors_irot, "eors %[d], %[a], #0x3fc00000")
OP2(movs_irot, "movs %[d], #0xf0000000")
#else
OP2(eors_irot, "eors %[d], %[a], #0xc0000003")
OP2(movs_irot, "movs %[d], #0xf000000f")
#endif
OP2(mvns_i,    "mvns %[d], #0x80000000")
OP2(adds_i,    "adds %[d], %[a], #0x80000000")
OP2(subs_i,    "subs %[d], %[a], #1")
OP2(rsbs_i,    "rsbs %[d], %[a], #0")
OP2(adcs_i,    "adcs %[d], %[a], #0xff")
OP2(sbcs_i,    "sbcs %[d], %[a], #0x100")
OP2(cmp_i,     "cmp %[a], #0x7f000000")
OP2(cmn_i,     "cmn %[a], #1")
OP2(tst_irot,  "tst %[a], #0xc0000000")
OP2(teq_i,     "teq %[a], #0x80000000")
OP2(bic_i,     "bic %[d], %[a], #0xff00")
OPD(movw_i,    "movw %[d], #0xabcd")
OPD(movt_i,    "movt %[d], #0x1234")
OPD(movwt_i,   "movw %[d], #0xffff\n\tmovt %[d], #0x8000")

#ifdef __thumb__
/* T32-only forms */
OP2(orns_r,    "orns %[d], %[a], %[b]")
OP2(orns_ror5, "orns %[d], %[a], %[b], ror #5")
OP2(orn_i,     "orn %[d], %[a], #0xff")
OP2(ands_ipat1, "ands %[d], %[a], #0x00ff00ff")
OP2(ands_ipat2, "ands %[d], %[a], #0xff00ff00")
OP2(eors_ipat3, "eors %[d], %[a], #0xabababab")
OP2(movs_ipat,  "movs %[d], #0x00ab00ab")
OP2(addw_i,    "addw %[d], %[a], #0xfff")
OP2(subw_i,    "subw %[d], %[a], #0x801")
OP2(adds_16,   "adds %[d], %[a], #7")
OP2(negs_r,    "negs %[d], %[b]")
#else
/* A32-only forms: RSC, register-shifted register operands */
OP2(rscs_r,     "rscs %[d], %[a], %[b]")
OP2(rsc_lsl2,   "rsc %[d], %[a], %[b], lsl #2")
OP2(ands_lslr,  "ands %[d], %[a], %[a], lsl %[b]")
OP2(ands_lsrr,  "ands %[d], %[a], %[a], lsr %[b]")
OP2(ands_asrr,  "ands %[d], %[a], %[a], asr %[b]")
OP2(ands_rorr,  "ands %[d], %[a], %[a], ror %[b]")
OP2(adds_lslr,  "adds %[d], %[a], %[a], lsl %[b]")
OP2(movs_rorr,  "movs %[d], %[a], ror %[b]")
OP2(mvns_lsrr,  "mvns %[d], %[a], lsr %[b]")
OP2(teq_asrr,   "teq %[a], %[a], asr %[b]")
OP2(rsbs_rorr,  "rsbs %[d], %[a], %[a], ror %[b]")
OP2(sbcs_lslr,  "sbcs %[d], %[a], %[a], lsl %[b]")
OP2(ands_irot2, "ands %[d], %[a], #0x0000ff00")
#endif

int main(void)
{
    rt_puts("alu " ISA_NAME "\n");
    RUN2(and_r); RUN2(ands_r); RUN2(eors_r); RUN2(orrs_r); RUN2(bics_r);
    RUN1(movs_r); RUN1(mvns_r); RUN1(mvn_r);
    RUN2(add_r); RUN2(adds_r); RUN2(adcs_r); RUN2(adc_r); RUN2(sub_r);
    RUN2(subs_r); RUN2(sbcs_r); RUN2(sbc_r); RUN2(rsbs_r);
    RUN2(cmp_r); RUN2(cmn_r); RUN2(tst_r); RUN2(teq_r);

    RUN2(ands_lsl1); RUN2(ands_lsl31); RUN2(ands_lsr1); RUN2(ands_lsr32);
    RUN2(ands_asr1); RUN2(ands_asr32); RUN2(ands_ror1); RUN2(ands_ror31);
    RUN2(ands_rrx);
    RUN1(movs_lsl4); RUN1(movs_lsr8); RUN1(movs_asr31); RUN1(movs_ror16);
    RUN1(movs_rrx); RUN1(mov_rrx); RUN1(mvns_asr1);
    RUN2(teq_lsr32); RUN2(tst_ror8); RUN2(eors_asr7); RUN2(orrs_rrx); RUN2(bics_lsr3);
    RUN2(adds_lsl4); RUN2(adcs_ror3); RUN2(subs_asr2); RUN2(sbcs_lsr1);
    RUN2(rsbs_lsl1); RUN2(cmp_rrx); RUN2(cmn_asr32); RUN2(add_lsl31);

    RUN1(lsls_i); RUN1(lsrs_i); RUN1(asrs_i); RUN1(rors_i); RUN1(rrxs_i);
    RUN2S(lsls_r); RUN2S(lsrs_r); RUN2S(asrs_r); RUN2S(rors_r); RUN2S(lsl_r);

    RUN1(ands_i0); RUN1(ands_irot); RUN1(ands_i80); RUN1(orrs_irot); RUN1(eors_irot);
    RUN1(movs_irot); RUN1(mvns_i); RUN1(adds_i); RUN1(subs_i); RUN1(rsbs_i);
    RUN1(adcs_i); RUN1(sbcs_i); RUN1(cmp_i); RUN1(cmn_i); RUN1(tst_irot);
    RUN1(teq_i); RUN1(bic_i);
    /* for OPD forms "a" is the initial destination: use the b column */
    t_run2("movw_i", movw_i, T_VALS, T_NVALS, T_VALS, 1);
    t_run2("movt_i", movt_i, T_VALS, T_NVALS, T_VALS, 1);
    t_run2("movwt_i", movwt_i, T_VALS, T_NVALS, T_VALS, 1);
#ifdef __thumb__
    RUN2(orns_r); RUN2(orns_ror5); RUN1(orn_i); RUN1(ands_ipat1); RUN1(ands_ipat2);
    RUN1(eors_ipat3); RUN1(movs_ipat); RUN1(addw_i); RUN1(subw_i); RUN1(adds_16);
    RUN1(negs_r);
#else
    RUN2(rscs_r); RUN2(rsc_lsl2);
    RUN2S(ands_lslr); RUN2S(ands_lsrr); RUN2S(ands_asrr); RUN2S(ands_rorr);
    RUN2S(adds_lslr); RUN2S(movs_rorr); RUN2S(mvns_lsrr); RUN2S(teq_asrr);
    RUN2S(rsbs_rorr); RUN2S(sbcs_lslr); RUN1(ands_irot2);
#endif
    return 0;
}
