@ Guest code for the arm-translate suite.  Each snippet starts with
@ "@@ name isa", runs from CODE_BASE and ends with WFI; the test then
@ checks registers, flags and memory.  r10 = DATA_BASE on entry.

@@ a32_dp_imm a32
    mov r0, #5
    adds r1, r0, #3
    subs r2, r0, #5
    mvn r3, #0
    adds r4, r3, #1
    mov r5, #0x80000000
    subs r6, r5, #1
    wfi

@@ a32_dp_shift a32
    ldr r0, =0x80000001
    mov r1, r0, lsl #1
    movs r2, r0, lsr #1
    mov r3, r0, asr #4
    mov r4, r0, ror #4
    mov r7, #8
    mov r5, r0, lsl r7
    mov r6, #33
    movs r8, r0, lsr r6
    movs r9, r0, rrx
    mov r11, #0x104
    mov r12, r0, asr r11
    wfi

@@ a32_dp_carry a32
    mvn r0, #0
    mov r1, #0
    mov r2, #1
    mov r3, #0
    adds r4, r0, r2
    adc r5, r1, r3
    subs r6, r4, #1
    sbc r7, r5, #0
    rsbs r8, r2, #0
    rsc r9, r3, #0
    bics r11, r0, #0xff000000
    teq r0, r0
    wfi

@@ a32_dp_logic a32
    ldr r0, =0xf0f0f0f0
    ldr r1, =0x0ff00ff0
    and r2, r0, r1
    orr r3, r0, r1
    eor r4, r0, r1
    bic r5, r0, r1
    mvn r6, r1
    tst r0, #0x80000000
    movs r7, #0x80000001
    wfi

@@ a32_cond a32
    mov r0, #1
    mov r1, #2
    cmp r0, r1
    moveq r2, #1
    movne r2, #2
    movlt r3, #3
    movgt r3, #4
    movhi r4, #5
    movls r4, #6
    cmn r0, #1
    movpl r5, #7
    movmi r5, #8
    addge r6, r0, #10
    wfi

@@ a32_mul a32
    ldr r0, =0x12345678
    ldr r1, =0x9abcdef0
    mul r2, r0, r1
    mla r3, r0, r1, r0
    mls r4, r0, r1, r0
    umull r5, r6, r0, r1
    smull r7, r8, r0, r1
    mov r11, #1
    mov r12, #2
    umlal r11, r12, r0, r1
    wfi

@@ a32_mul2 a32
    ldr r0, =0x7fff8000
    ldr r1, =0x00038000
    smulbb r2, r0, r1
    smultb r3, r0, r1
    smulwb r4, r0, r1
    smlabb r5, r0, r1, r0
    smuad r6, r0, r1
    smusd r7, r0, r1
    smmul r8, r0, r1
    smmulr r9, r0, r1
    mov r11, #7
    mov r12, #100
    sdiv r11, r12, r11
    mvn r12, #99
    udiv r12, r12, r0
    wfi

@@ a32_mul3 a32
    mov r0, #0
    mov r1, #5
    sdiv r2, r1, r0
    udiv r3, r1, r0
    mov r4, #3
    mov r5, #4
    mov r6, #10
    mov r7, #20
    umaal r6, r7, r4, r5
    mvn r8, #0
    mvn r9, #0
    smlal r8, r9, r4, r5
    ldr r11, =0x40000000
    smlabb r12, r11, r11, r11
    wfi

@@ a32_sat a32
    ldr r0, =0x7fffffff
    mov r1, #1
    qadd r2, r0, r1
    qsub r3, r1, r0
    ldr r4, =0x12345
    ssat r5, #8, r4
    usat r6, #8, r4
    mvn r7, #0
    usat r8, #4, r7
    ldr r9, =0x7fff8000
    ssat16 r11, #8, r9
    mrs r12, apsr
    wfi

@@ a32_parallel a32
    ldr r0, =0x7fff0001
    ldr r1, =0x0001ffff
    sadd16 r2, r0, r1
    mrs r3, apsr
    uadd8 r4, r0, r1
    sel r5, r0, r1
    qadd16 r6, r0, r1
    uqsub8 r7, r1, r0
    shadd16 r8, r0, r1
    usad8 r9, r0, r1
    usada8 r11, r0, r1, r0
    ssub8 r12, r0, r1
    wfi

@@ a32_misc a32
    ldr r0, =0x12345680
    clz r1, r0
    rev r2, r0
    rev16 r3, r0
    revsh r4, r0
    rbit r5, r0
    sxtb r6, r0
    uxtah r7, r0, r0, ror #8
    sxtb16 r8, r0
    pkhtb r9, r0, r0, asr #16
    ubfx r11, r0, #4, #12
    sbfx r12, r0, #4, #4
    wfi

@@ a32_bits a32
    ldr r0, =0xffffffff
    mov r1, #0x5a
    bfi r0, r1, #8, #8
    mov r2, r0
    bfc r2, #0, #4
    movw r3, #0x1234
    movt r3, #0xabcd
    pkhbt r4, r1, r3, lsl #16
    uxtb16 r5, r3
    sxtab r6, r1, r3
    wfi

@@ a32_ldst a32
    ldr r0, =0x11223344
    str r0, [r10]
    str r0, [r10, #4]!
    ldr r1, [r10], #4
    mov r2, #4
    ldr r3, [r10, -r2]
    ldr r4, [r10, -r2, lsl #1]
    strb r0, [r10, #8]
    ldrb r5, [r10, #8]
    ldr r6, =0xfffe8001
    strh r6, [r10, #12]
    ldrh r7, [r10, #12]
    ldrsh r8, [r10, #12]
    ldrsb r9, [r10, #12]
    ldrd r0, r1, [r10, #-8]
    strd r0, r1, [r10, #16]
    ldr r11, [r10, #16]
    ldr r12, [pc, #-4]
    wfi

@@ a32_ldm a32
    mov sp, r10
    add sp, sp, #0x100
    mov r0, #1
    mov r1, #2
    mov r2, #3
    push {r0, r1, r2}
    ldmia sp, {r3, r4, r5}
    stmib r10, {r0, r1}
    ldmda r10, {r6}
    ldr r7, [r10, #8]
    pop {r0, r1, r2}
    mov r8, sp
    bl 1f
    b 2f
1:  push {r4, lr}
    mov r9, #0x55
    pop {r4, pc}
2:  wfi

@@ a32_branch a32
    mov r0, #0
    b 1f
    mov r0, #1
1:  bl sub
    adr r2, thumb_fn + 1
    blx r2
    mov r4, #4
    wfi
sub:
    mov r1, #2
    bx lr
    .thumb
thumb_fn:
    movs r3, #3
    bx lr
    .arm

@@ a32_branch_back a32
@ Negative offsets: B, B<cond>, BL and BLX imm backwards.
    b 2f
    .thumb
tback_a32:
    movs r3, #9
    bx lr
    .arm
    .balign 4
2:  mov r0, #0
1:  add r0, r0, #1
    cmp r0, #3
    blt 1b
    b 4f
3:  mov r1, #7
    bx lr
4:  bl 3b
    blx tback_a32
    wfi

@@ a32_vector_fault a32
@ An all-zero translation table at 0x80000: with the MMU on, the next
@ fetch and every exception vector fetch fault.
    ldr r0, =0x80000
    mcr p15, 0, r0, c2, c0, 0
    mov r0, #0
    mcr p15, 0, r0, c2, c0, 2
    mvn r0, #0
    mcr p15, 0, r0, c3, c0, 0
    mrc p15, 0, r0, c1, c0, 0
    orr r0, r0, #1
    mcr p15, 0, r0, c1, c0, 0
    isb
    wfi

@@ a32_excl a32
    mov r1, #5
    ldrex r0, [r10]
    strex r2, r1, [r10]
    ldrex r3, [r10]
    clrex
    strex r4, r1, [r10, #0]
    ldr r5, [r10]
    ldrexb r6, [r10]
    add r6, r6, #1
    strexb r7, r6, [r10]
    ldrb r8, [r10]
    mov r1, #5
    swp r9, r1, [r10]
    wfi

@@ a32_undef a32
    mov r0, #1
    udf #0x12
    mov r0, #2
    wfi

@@ a32_svc a32
    mov r0, #1
    svc #0x42
    mov r0, #2
    wfi

@@ a32_sys a32
    mrc p15, 0, r0, c0, c0, 0
    msr cpsr_f, #0xa0000000
    mrs r1, cpsr
    mov r2, #0
    msr apsr_nzcvq, r2
    mrs r3, apsr
    mrs r4, spsr
    msr spsr_fsxc, #0x1f
    mrs r5, spsr
    cps #0x1f
    mrs r6, cpsr
    mov r7, sp
    cps #0x13
    wfi

@@ a32_eret a32
    mov r0, #0x10
    msr spsr_cxsf, r0
    adr lr, 1f
    movs pc, lr
    mov r1, #1
1:  mrs r2, cpsr
    mov r3, #3
    wfi

@@ a32_eret_thumb a32
    mov r0, #0x30
    msr spsr_cxsf, r0
    adr lr, 1f + 1
    subs pc, lr, #0
    .thumb
1:  mrs r2, cpsr
    movs r3, #3
    wfi
    .arm

@@ a32_pc a32
    add r0, pc, #0
    mov r1, pc
    adr r2, 1f
    ldr r3, 1f
    wfi
1:  .word 0xcafef00d

@@ a32_nop a32
    nop
    yield
    pld [r10]
    dmb
    dsb
    isb
    mov r0, #9
    wfi

@@ t32_t16 t32
    movs r0, #5
    adds r1, r0, #3
    subs r2, r1, r0
    lsls r3, r0, #4
    movs r4, #0
    subs r4, #1
    cmp r0, #5
    mov r8, r0
    add r8, r8, r1
    negs r6, r0
    muls r0, r1, r0
    wfi

@@ t32_it t32
    movs r0, #1
    cmp r0, #1
    ite eq
    moveq r1, #10
    movne r1, #20
    itt ne
    movne r2, #1
    movne r3, #1
    cmp r0, #2
    itet lt
    addlt r4, r0, #1
    addge r4, r0, #2
    addlt r5, r0, r0
    wfi

@@ t32_dp t32
    ldr r0, =0x12345678
    add.w r1, r0, #0x00ff00ff
    orn r2, r0, #0xff
    bic r3, r0, #0xf0f0f0f0
    rsb r4, r0, #0
    adds.w r5, r0, r0, lsl #4
    mvn r6, r0
    and r7, r0, r0, ror #8
    eor r8, r0, #0x80000000
    addw r9, r0, #0xfff
    subw r11, r0, #1
    movw r12, #0xbeef
    movt r12, #0xdead
    wfi

@@ t32_branch t32
    movs r0, #0
    cbz r0, 1f
    movs r0, #1
1:  cbnz r0, 2f
    movs r1, #1
2:  movs r3, #1
    tbb [pc, r3]
tb_table:
    .byte (case0 - tb_table) / 2
    .byte (case1 - tb_table) / 2
case0:
    movs r4, #10
    b 3f
case1:
    movs r4, #11
3:  bl tfunc
    blx afunc
    wfi
tfunc:
    movs r5, #5
    bx lr
    .arm
    .balign 4
afunc:
    mov r6, #6
    bx lr
    .thumb

@@ t32_branch_back t32
@ Negative offsets: T16 B and B<cond>, T32 B.W, B<cond>.W, BL, BLX imm.
    b.w 2f
    .arm
    .balign 4
aback_t32:
    mov r6, #6
    bx lr
    .thumb
tback_t32:
    movs r1, #7
    bx lr
2:  movs r0, #0
1:  adds r0, #1
    cmp r0, #3
    blt.n 1b
    movs r2, #0
3:  adds r2, #1
    cmp r2, #2
    blt.w 3b
    movs r4, #0
5:  adds r4, #1
    cmp r4, #2
    beq 6f
    b.n 5b
6:  movs r5, #0
7:  adds r5, #1
    cmp r5, #2
    beq 8f
    b.w 7b
8:  bl tback_t32
    blx aback_t32
    wfi

@@ t32_ldst t32
    ldr r0, =0xa5a5a5a5
    str r0, [r10, #4]
    ldr.w r1, [r10, #4]
    strd r0, r0, [r10, #8]!
    ldrd r2, r3, [r10], #8
    ldr r4, [r10, #-12]
    strh.w r0, [r10, #2]
    ldrsh.w r5, [r10, #2]
    ldrb r6, [r10, #2]
    movs r0, #1
    movs r1, #2
    stmia r10!, {r0, r1}
    ldmdb r10, {r8, r9}
    ldr r11, 9f
    add r7, r10, #0x100
    mov sp, r7
    push {r0, r1, lr}
    pop {r2, r3}
    pop {r12}
    wfi
    .balign 4
9:  .word 0x13579bdf

@@ t32_mul t32
    ldr r0, =1000
    ldr r1, =-7
    mul r2, r0, r1
    mla r3, r0, r1, r0
    smull r4, r5, r0, r1
    umull r6, r7, r0, r1
    sdiv r8, r0, r1
    udiv r9, r1, r0
    ubfx r11, r0, #3, #5
    rbit r12, r0
    wfi

@@ t32_undef t32
    movs r0, #1
    udf #1
    movs r0, #2
    wfi

@@ t32_undef32 t32
    movs r0, #1
    udf.w #1
    movs r0, #2
    wfi

@@ t32_svc t32
    movs r0, #1
    svc #5
    movs r0, #2
    wfi

@@ t32_excl t32
    movs r1, #5
    ldrex r0, [r10]
    strex r2, r1, [r10]
    ldrex r3, [r10, #0]
    strex r4, r1, [r10, #4]
    ldrexh r5, [r10]
    strexh r6, r1, [r10]
    wfi

@@ vfp_arith a32
    vmov.f32 s0, #1.5
    vmov.f32 s1, #2.0
    vadd.f32 s2, s0, s1
    vmul.f32 s3, s0, s1
    vsub.f32 s4, s0, s1
    vdiv.f32 s5, s1, s0
    vmov.f64 d4, #10.0
    vsqrt.f64 d5, d4
    vneg.f64 d6, d4
    vabs.f64 d7, d6
    vmla.f32 s2, s0, s1
    vcvt.f64.f32 d8, s0
    vcvt.s32.f64 s18, d4
    vmov r0, s2
    vmov r1, s18
    vmov r2, r3, d5
    vcmp.f32 s0, s1
    vmrs APSR_nzcv, fpscr
    movmi r4, #1
    vcmp.f64 d4, #0
    vmrs APSR_nzcv, fpscr
    movgt r5, #1
    vfma.f32 s6, s0, s1
    vnmul.f32 s7, s0, s1
    vcvt.f32.s32 s8, s18
    vmov r6, s8
    wfi

@@ vfp_mem a32
    ldr r0, =0x3f800000
    ldr r1, =0x40000000
    vmov s0, r0
    vmov s1, r1
    vstr s0, [r10]
    vstr d0, [r10, #8]
    vldr s4, [r10, #12]
    vldr d3, [r10, #8]
    vmov r2, r3, d3
    mov sp, r10
    add sp, sp, #0x100
    vpush {d0-d1}
    vpop {d8-d9}
    vmov r4, s16
    vldmia r10, {s20-s21}
    vmov r5, r6, s20, s21
    vmov d16, r0, r1
    vmov.32 r7, d16[1]
    ldr r9, =0x03000000
    vmsr fpscr, r9
    vmrs r11, fpscr
    vcvt.s32.f32 s0, s0, #16
    vmov r12, s0
    wfi

@@ vfp_undef a32
    mov r0, #1
    vadd.f32 s0, s0, s0
    mov r0, #2
    wfi

@@ t32_vfp t32
    vmov.f64 d0, #1.5
    vmov.f64 d1, #2.0
    vadd.f64 d2, d0, d1
    vstr d2, [r10]
    vldr d3, [r10]
    vmov r0, r1, d3
    vcvt.f32.f64 s8, d3
    vmov r2, s8
    vcmpe.f64 d0, d1
    vmrs APSR_nzcv, fpscr
    ite lt
    movlt r3, #1
    movge r3, #2
    vcvt.u32.f64 s9, d1
    vmov r4, s9
    wfi

@@ a32_srs_rfe a32
    mov sp, r10
    add sp, sp, #0x100
    adr lr, 1f
    mrs r0, cpsr
    msr spsr_fsxc, r0
    srsdb sp!, #0x13
    mov r1, sp
    rfeia sp!
    mov r3, #1
1:  mov r4, sp
    wfi

@@ a32_condbr a32
    mov r0, #0
    cmp r0, #0
    bne 1f
    mov r1, #1
1:  beq 2f
    mov r2, #2
2:  adr r3, 3f
    bxne r3
    mov r4, #4
3:  wfi

@@ t32_it_page t32
    movs r0, #0
    .rept 2044
    nop
    .endr
    cmp r0, #0
    itete eq
    moveq r1, #1
    movne r1, #2
    moveq r2, #3
    movne r2, #4
    wfi

@@ a32_undef_neon a32
    mov r0, #1
    .word 0xf2000d40        @ vadd.f32 q0, q0, q0 (Advanced SIMD)
    wfi

@@ a32_undef_cp7 a32
    mov r0, #1
    mcr p7, 0, r0, c0, c0, 0
    wfi

@@ a32_undef_cps_imod1 a32
    mov r0, #1
    .word 0xf1040000        @ cps with imod = 01: UNPREDICTABLE, UNDEFINED here
    wfi

@@ a32_undef_cps_none a32
    mov r0, #1
    .word 0xf1000000        @ cps with imod = 00 and M = 0 (changes nothing)
    wfi

@@ a32_undef_ldrd_odd a32
    mov r0, #1
    .word 0xe1ca10d0        @ ldrd r1, r2, [r10] (odd Rt)
    wfi

@@ a32_bkpt a32
    mov r0, #1
    bkpt #0x12
    wfi

@@ a32_hvc a32
    mov r0, #1
    .arch_extension virt
    hvc #0
    wfi

@@ t32_undef_neon t32
    movs r0, #1
    .short 0xef00, 0x0d40   @ vadd.f32 q0, q0, q0 (Advanced SIMD)
    wfi

@@ t32_undef_cps_imod1 t32
    movs r0, #1
    .short 0xf3af, 0x8200   @ cps with imod = 01: UNPREDICTABLE, UNDEFINED here
    wfi

@@ t32_undef_it t32
    movs r0, #1
    .short 0xbf18           @ it ne (Z is clear after the MOVS)
    .short 0xbf08           @ IT inside an IT block: UNPREDICTABLE, UNDEFINED here
    wfi
