/*
 * Branches and interworking.  Each br_* function builds a trace in r0
 * (r0 = r0 << 4 | step) and returns it; r1 collects CPSR.T as read by
 * MRS, which must be 0 in both states (MRS reads the execution state bits
 * as zero).  Called from C built as A32 or T32.
 */
	.syntax unified
	.arch armv7ve
	.text

.macro STEP n
	lsl	r0, r0, #4
	orr	r0, r0, #\n
.endm
.macro TBIT r
	mrs	\r, cpsr
	ubfx	\r, \r, #5, #1
	lsl	r1, r1, #1
	orr	r1, r1, \r
.endm

/* ---------------- A32 side ---------------- */
	.arm
	.balign 4
	.global br_a32_basic
	.type br_a32_basic, %function
br_a32_basic:			@ B fwd/back, BL, conditional B, reading PC
	push	{r4, lr}
	mov	r0, #0
	mov	r1, #0
	b	2f
1:	STEP 2
	b	3f
2:	STEP 1
	b	1b
3:	bl	a32_leaf
	STEP 4
	mov	r2, pc			@ pc reads as . + 8
	adr	r3, .
	sub	r2, r2, r3
	orr	r0, r0, r2, lsl #24
	cmp	r0, r0
	bne	4f
	STEP 5
4:	popeq	{r4, pc}
	mov	r0, #0			@ not reached
	pop	{r4, pc}
	.size br_a32_basic, . - br_a32_basic

a32_leaf:
	STEP 3
	bx	lr

	.global br_a32_inter
	.type br_a32_inter, %function
br_a32_inter:			@ every A32 -> T32 route and back
	push	{r4-r6, lr}
	mov	r0, #0
	mov	r1, #0
	blx	t32_leaf		@ BLX imm
	TBIT r2
	ldr	r4, =t32_leaf
	blx	r4			@ BLX reg (bit0 set by linker: Thumb symbol)
	TBIT r2
	adr	lr, 1f
	bx	r4			@ BX reg
1:	adr	lr, 2f
	ldr	r5, =t32_leaf
	str	r5, [sp, #-4]!
	ldr	pc, [sp], #4		@ LDR pc interworks
2:	adr	lr, 3f
	mov	pc, r4			@ v7: MOV pc in A32 interworks
3:	adr	lr, 4f
	push	{r4}
	pop	{pc}			@ POP/LDM pc interworks
4:	adr	lr, 5f
	sub	sp, sp, #8
	str	r4, [sp, #4]
	ldmia	sp!, {r6, pc}
5:	TBIT r2
	pop	{r4-r6, pc}
	.ltorg
	.size br_a32_inter, . - br_a32_inter

	.global br_a32_jt
	.type br_a32_jt, %function
br_a32_jt:			@ computed jump: add pc, pc, rN, lsl #2
	mov	r2, r0
	mov	r0, #0
	mov	r1, #0
	cmp	r2, #3
	addls	pc, pc, r2, lsl #2
	b	9f
	b	10f
	b	11f
	b	12f
	b	13f
9:	STEP 9
	bx	lr
10:	STEP 1
	bx	lr
11:	STEP 2
	bx	lr
12:	STEP 3
	bx	lr
13:	STEP 4
	bx	lr
	.size br_a32_jt, . - br_a32_jt

a32_leaf2:			@ target of T32 -> A32 calls
	STEP 7
	TBIT r2
	bx	lr

/* ---------------- T32 side ---------------- */
	.thumb
	.balign 2
	.thumb_func
t32_leaf:
	STEP 6
	TBIT r2
	bx	lr

	.global br_t32_basic
	.type br_t32_basic, %function
	.thumb_func
br_t32_basic:			@ B (16/32-bit), Bcc, BL, CBZ/CBNZ, PC reads
	push	{r4, lr}
	movs	r0, #0
	movs	r1, #0
	b	2f			@ 16-bit
1:	STEP 2
	b.w	3f			@ 32-bit
2:	STEP 1
	b	1b
3:	bl	t32_leaf2
	cmp	r0, #0
	beq	9f			@ 16-bit cond
	bne.w	4f			@ 32-bit cond
9:	STEP 9
4:	movs	r3, #0
	cbz	r3, 5f
	STEP 9
5:	cbnz	r3, 55f		@ r3 == 0: falls through
	movs	r3, #1
	cbnz	r3, 6f
55:	STEP 9
6:	STEP 4
	mov	r2, pc			@ pc reads as . + 4
	adr	r3, 7f
7:	subs	r2, r2, r3
	orr	r0, r0, r2, lsl #24
	cmp	r0, #0
	it	ne
	bne	8f			@ branch as the last instruction of IT
	STEP 9
8:	pop	{r4, pc}
	.size br_t32_basic, . - br_t32_basic

	.thumb_func
t32_leaf2:
	STEP 3
	bx	lr

	.global br_t32_inter
	.type br_t32_inter, %function
	.thumb_func
br_t32_inter:			@ every T32 -> A32 route and back
	push	{r4-r6, lr}
	movs	r0, #0
	movs	r1, #0
	blx	a32_leaf2		@ BLX imm
	TBIT r2
	ldr	r4, =a32_leaf2
	blx	r4			@ BLX reg
	adr	r5, 1f + 1
	mov	lr, r5
	bx	r4			@ BX reg
1:	adr	r5, 2f + 1
	mov	lr, r5
	str	r4, [sp, #-4]!
	ldr	pc, [sp], #4		@ LDR pc interworks in T32 too
2:	adr	r5, 3f + 1
	mov	lr, r5
	push	{r4}
	pop	{pc}
3:	adr	r5, 4f + 1
	mov	lr, r5
	adr	r6, 5f
	orr	r6, r6, #1
	mov	pc, r6			@ T32 MOV pc: no interworking (stays T32)
	.balign 4
5:	STEP 8
	TBIT r2
	adr	r6, 6f
	mov	pc, r6			@ bit0 clear: still T32
	.balign 4
6:	STEP 9
	TBIT r2
4:	pop	{r4-r6, pc}
	.ltorg
	.size br_t32_inter, . - br_t32_inter

	.global br_t32_tb
	.type br_t32_tb, %function
	.thumb_func
br_t32_tb:			@ TBB and TBH; r0 = index
	mov	r2, r0
	movs	r0, #0
	movs	r1, #0
	cmp	r2, #4
	bhs	9f
	tbb	[pc, r2]
0:	.byte	(10f - 0b) / 2, (11f - 0b) / 2, (12f - 0b) / 2, (13f - 0b) / 2
10:	STEP 1
	b	20f
11:	STEP 2
	b	20f
12:	STEP 3
	b	20f
13:	STEP 4
20:	tbh	[pc, r2, lsl #1]
1:	.hword	(14f - 1b) / 2, (15f - 1b) / 2, (16f - 1b) / 2, (17f - 1b) / 2
14:	STEP 5
	bx	lr
15:	STEP 6
	bx	lr
16:	STEP 7
	bx	lr
17:	STEP 8
	bx	lr
9:	STEP 0xf
	bx	lr
	.size br_t32_tb, . - br_t32_tb

	.global br_t32_addpc
	.type br_t32_addpc, %function
	.thumb_func
br_t32_addpc:			@ add pc, rN (16-bit hi-register ADD)
	lsls	r2, r0, #1
	movs	r0, #0
	movs	r1, #0
	add	pc, r2
	nop
	b.n	0f
	b.n	1f
	b.n	2f
0:	STEP 1
	bx	lr
1:	STEP 2
	bx	lr
2:	STEP 3
	bx	lr
	.size br_t32_addpc, . - br_t32_addpc
