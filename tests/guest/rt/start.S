/*
 * Bare-metal entry for the portos guest tests.
 *
 * QEMU enters an ELF -kernel at its entry point in SVC mode with the MMU
 * off and IRQ/FIQ masked.  We give every mode a stack, point VBAR at our
 * vector table, enable VFP (CPACR + FPEXC.EN, both off at reset), enable
 * the PL011 transmitter, clear .bss and call main().
 */
	.syntax unified
	.arm
	.arch armv7ve
	.fpu vfpv3

#define MODE_USR 0x10
#define MODE_FIQ 0x11
#define MODE_IRQ 0x12
#define MODE_SVC 0x13
#define MODE_ABT 0x17
#define MODE_UND 0x1b
#define MODE_SYS 0x1f

	.section .text.start, "ax"
	.global _start
_start:
	cpsid	aif
	cps	#MODE_FIQ
	ldr	sp, =__stack_fiq_top
	cps	#MODE_IRQ
	ldr	sp, =__stack_irq_top
	cps	#MODE_ABT
	ldr	sp, =__stack_abt_top
	cps	#MODE_UND
	ldr	sp, =__stack_und_top
	cps	#MODE_SYS
	ldr	sp, =__stack_usr_top
	cps	#MODE_SVC
	ldr	sp, =__stack_svc_top

	ldr	r0, =rt_vectors
	mcr	p15, 0, r0, c12, c0, 0		@ VBAR
	/* CPACR: cp10/cp11 full access */
	mrc	p15, 0, r0, c1, c0, 2
	orr	r0, r0, #(0xf << 20)
	mcr	p15, 0, r0, c1, c0, 2
	isb
	mov	r0, #0x40000000			@ FPEXC.EN
	vmsr	fpexc, r0
	mov	r0, #0
	vmsr	fpscr, r0

	/* clear .bss */
	ldr	r0, =__bss_start
	ldr	r1, =__bss_end
	mov	r2, #0
1:	cmp	r0, r1
	strlo	r2, [r0], #4
	blo	1b

	bl	rt_uart_init
	bl	main
	b	rt_exit

/*
 * Vector table.  Every stub builds an rt_exc_frame on its mode's stack
 * (spsr, pad, r0-r12, raw lr) and calls rt_exc_dispatch(vector, frame),
 * which may edit the frame (usually frame->lr = resume address).  The
 * return is the classic LDM-with-PC exception return.
 */
	.text
	.balign	32
	.global	rt_vectors
rt_vectors:
	b	_start
	b	rt_stub_und
	b	rt_stub_svc
	b	rt_stub_pabt
	b	rt_stub_dabt
	b	rt_stub_hyp
	b	rt_stub_irq
	b	rt_stub_fiq

.macro STUB name, num
rt_stub_\name:
	push	{r0-r12, lr}
	sub	sp, sp, #8
	mrs	r0, spsr
	str	r0, [sp]
	mov	r0, #\num
	mov	r1, sp
	bl	rt_exc_dispatch
	ldr	r0, [sp]
	msr	spsr_cxsf, r0
	add	sp, sp, #8
	ldm	sp!, {r0-r12, pc}^
.endm

	STUB	und, 1
	STUB	svc, 2
	STUB	pabt, 3
	STUB	dabt, 4
	STUB	hyp, 5
	STUB	irq, 6
	STUB	fiq, 7

	.global	rt_psci_off
rt_psci_off:
	ldr	r0, =0x84000008
	hvc	#0
1:	wfi
	b	1b
	.ltorg
