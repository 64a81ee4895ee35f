/*
 * Mode-switching helpers for modes.c (A32): banked register access through
 * CPS/MSR, a trip to user mode and back through SVC, exception return with
 * MOVS pc,lr / SUBS pc,lr / RFE after SRS, and exceptions taken in Thumb
 * state (SCTLR.TE) through a Thumb vector table.
 */
	.syntax unified
	.arch armv7ve
	.arch_extension virt
	.arm
	.text

/* void bank_rw(uint32_t mode, const uint32_t *in, uint32_t *out)
   in/out: sp, lr, spsr (written then read back in that mode) */
	.global bank_rw
	.type bank_rw, %function
bank_rw:
	push	{r4-r7, lr}
	mrs	r7, cpsr
	orr	r0, r0, #0xc0
	msr	cpsr_c, r0
	mov	r4, sp
	mov	r5, lr
	mrs	r6, spsr
	ldr	sp, [r1]
	ldr	lr, [r1, #4]
	ldr	r3, [r1, #8]
	msr	spsr_fsxc, r3
	msr	cpsr_c, r7		@ back to SVC, then read the other bank again
	orr	r0, r0, #0xc0
	msr	cpsr_c, r0
	str	sp, [r2]
	str	lr, [r2, #4]
	mrs	r3, spsr
	str	r3, [r2, #8]
	mov	sp, r4
	mov	lr, r5
	msr	spsr_fsxc, r6
	msr	cpsr_c, r7
	pop	{r4-r7, pc}
	.size bank_rw, . - bank_rw

/* void sys_bank_rw(const uint32_t *in, uint32_t *out): SYS has no SPSR */
	.global sys_bank_rw
	.type sys_bank_rw, %function
sys_bank_rw:
	push	{r4-r7, lr}
	mrs	r7, cpsr
	cps	#0x1f
	mov	r4, sp
	mov	r5, lr
	ldr	sp, [r0]
	ldr	lr, [r0, #4]
	cps	#0x13
	stmia	r1, {sp, lr}^		@ user-bank store from SVC
	nop
	add	r2, r1, #8
	ldr	r3, =0x12121212
	str	r3, [r2]
	ldr	r3, =0x34343434
	str	r3, [r2, #4]
	ldmia	r2, {sp, lr}^		@ user-bank load from SVC
	nop
	cps	#0x1f
	str	sp, [r1, #16]
	str	lr, [r1, #20]
	mov	sp, r4
	mov	lr, r5
	msr	cpsr_c, r7
	pop	{r4-r7, pc}
	.ltorg
	.size sys_bank_rw, . - sys_bank_rw

/* void fiq_regs(uint32_t *out): r8-r12 are banked in FIQ mode only */
	.global fiq_regs
	.type fiq_regs, %function
fiq_regs:
	push	{r4-r11, lr}
	mov	r8, #0x88
	mov	r9, #0x99
	mov	r10, #0xaa
	mov	r11, #0xbb
	mov	r12, #0xcc
	cps	#0x11
	mov	r8, #0x18
	mov	r9, #0x19
	mov	r10, #0x1a
	mov	r11, #0x1b
	mov	r12, #0x1c
	cps	#0x12			@ IRQ shares r8-r12 with SVC
	stmia	r0!, {r8-r12}
	cps	#0x11
	stmia	r0!, {r8-r12}
	cps	#0x13
	stmia	r0!, {r8-r12}
	/* banked MRS/MSR (virtualization extensions); zeros show an UNDEF */
	mov	r1, #0
	mov	r2, #0
	mov	r3, #0
	mrs	r1, r8_fiq
	mrs	r2, r12_fiq
	mrs	r3, sp_irq
	str	r1, [r0], #4
	str	r2, [r0], #4
	ldr	r1, =__stack_irq_top
	sub	r3, r3, r1
	str	r3, [r0], #4
	ldr	r1, =0x5555aaaa
	mov	r2, #0
	msr	spsr_und, r1
	mrs	r2, spsr_und
	str	r2, [r0], #4
	cps	#0x17
	mov	r2, lr
	mov	lr, #0x77		@ LR_abt resets to an UNKNOWN value
	cps	#0x13
	msr	lr_abt, r1
	cps	#0x17
	mov	r3, lr
	mov	lr, r2
	mov	r2, r3
	cps	#0x13
	str	r2, [r0], #4
	pop	{r4-r11, pc}
	.ltorg
	.size fiq_regs, . - fiq_regs

/* void user_trip(uint32_t *out): runs user_code in USR mode; its SVC
   brings us back to user_back in SVC mode (see the hook in modes.c). */
	.global user_trip
	.type user_trip, %function
user_trip:
	push	{r4-r11, lr}
	ldr	r4, =g_out
	str	r0, [r4]
	adr	lr, user_code
	mov	r0, #0xd0		@ USR, IRQ/FIQ masked
	msr	spsr_fsxc, r0
	movs	pc, lr			@ exception return to user mode
user_code:
	ldr	r5, =g_out
	ldr	r5, [r5]
	mrs	r0, cpsr
	str	r0, [r5, #0]
	msr	cpsr_c, #0xd3		@ ignored in user mode
	mrs	r0, cpsr
	str	r0, [r5, #4]
	cps	#0x13			@ no effect in user mode
	mrs	r0, cpsr
	str	r0, [r5, #8]
	msr	APSR_nzcvq, #0xf8000000
	mrs	r0, cpsr
	str	r0, [r5, #12]
	mrc	p15, 0, r0, c1, c0, 0	@ SCTLR from user: UNDEFINED
	mrc	p15, 0, r0, c13, c0, 3	@ TPIDRURO: readable
	str	r0, [r5, #16]
	mov	r0, #0x55
	mcr	p15, 0, r0, c13, c0, 2	@ TPIDRURW: writable
	mrc	p15, 0, r1, c13, c0, 2
	str	r1, [r5, #20]
	mcr	p15, 0, r0, c13, c0, 3	@ TPIDRURO write from user: UNDEFINED
	mrc	p15, 0, r1, c13, c0, 4	@ TPIDRPRW from user: UNDEFINED
	vmrs	r0, fpscr
	str	r0, [r5, #24]
	svc	#0x10
	.global	user_back
user_back:
	mrs	r0, cpsr
	ldr	r5, =g_out
	ldr	r5, [r5]
	str	r0, [r5, #28]
	pop	{r4-r11, pc}
	.ltorg
	.size user_trip, . - user_trip

/* Alternative vector table: SVC via SRS/RFE, UND via MOVS pc, lr,
   PABT via SUBS pc, lr, #4 (BKPT re-executes otherwise: skip it). */
	.balign	32
	.global	alt_vectors
alt_vectors:
	b	.
	b	alt_und
	b	alt_svc
	b	alt_pabt
	b	.
	b	.
	b	.
	b	.

alt_svc:
	srsdb	sp!, #0x13
	push	{r0, r1}
	ldr	r0, =g_alt
	mrs	r1, spsr
	str	r1, [r0]
	ldr	r1, [sp, #8]		@ the LR saved by SRS
	str	r1, [r0, #4]
	ldr	r1, [sp, #12]		@ the SPSR saved by SRS
	str	r1, [r0, #8]
	pop	{r0, r1}
	rfeia	sp!

alt_und:
	push	{r0, r1}
	ldr	r0, =g_alt
	mov	r1, lr
	str	r1, [r0, #12]
	pop	{r0, r1}
	movs	pc, lr

alt_pabt:
	push	{r0, r1}
	ldr	r0, =g_alt
	mrs	r1, spsr
	str	r1, [r0, #16]
	pop	{r0, r1}
	subs	pc, lr, #0		@ BKPT: LR = insn + 4 = next instruction
	.ltorg

/* Thumb vector table for SCTLR.TE = 1: entries are T32 branches */
	.thumb
	.balign	32
	.global	thumb_vectors
thumb_vectors:
	b.w	.
	b.w	t_und
	b.w	t_svc
	b.w	t_pabt
	b.w	.
	b.w	.
	b.w	.
	b.w	.

	.thumb_func
t_svc:
	push	{r0, r1}
	ldr	r0, =g_alt
	mrs	r1, spsr
	str	r1, [r0, #20]
	mov	r1, lr
	str	r1, [r0, #24]
	pop	{r0, r1}
	subs	pc, lr, #0

	.thumb_func
t_und:				@ from T32, LR = insn + 2 even for a 32-bit UDF
	push	{r0, r1}
	ldr	r0, =g_alt
	mov	r1, lr
	str	r1, [r0, #28]
	mrs	r1, spsr
	tst	r1, #0x20
	beq	1f
	ldrh	r1, [lr, #-2]
	lsrs	r1, r1, #11
	cmp	r1, #0x1d
	it	hs
	addhs	lr, lr, #2
1:	pop	{r0, r1}
	movs	pc, lr

	.thumb_func
t_pabt:
	push	{r0, r1}
	ldr	r0, =g_alt
	mrs	r1, spsr
	str	r1, [r0, #16]
	pop	{r0, r1}
	subs	pc, lr, #0
	.ltorg

	.arm
	.global	alt_svc_a
	.type alt_svc_a, %function
alt_svc_a:			@ SVC in SVC mode overwrites LR: keep ours
	push	{r4, lr}
	.global	alt_svc_insn
alt_svc_insn:
	svc	#0x22
	pop	{r4, pc}

	.global	alt_udf_a
	.type alt_udf_a, %function
alt_udf_a:
	push	{r4, lr}
	.global	alt_udf_insn
alt_udf_insn:
	udf	#5
	pop	{r4, pc}

	.global	alt_bkpt_a
	.type alt_bkpt_a, %function
alt_bkpt_a:
	push	{r4, lr}
	bkpt	#3
	pop	{r4, pc}

	.thumb
	.global	alt_svc_t
	.type alt_svc_t, %function
	.thumb_func
alt_svc_t:
	push	{r4, lr}
	.global	alt_svc_insn_t
alt_svc_insn_t:
	svc	#0x33
	pop	{r4, pc}

	.global	alt_udf_t
	.type alt_udf_t, %function
	.thumb_func
alt_udf_t:
	push	{r4, lr}
	udf	#6
	udf.w	#7
	pop	{r4, pc}
