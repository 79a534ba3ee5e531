/* SPDX-License-Identifier: GPL-2.0 */
/*
 * SHA-256 compression with the x86 SHA extensions (SHA-NI), for the twi
 * crypto core.  hash.c calls it only when the CPU has SHA, SSSE3 and
 * SSE4.1 and, in the kernel, between kernel_fpu_begin() and
 * kernel_fpu_end().  Control flow and memory accesses depend on the block
 * count alone, never on the data.
 *
 * sha256rnds2 runs two rounds on the state held as two vectors, A, B, E, F
 * in one and C, D, G, H in the other (A and C in the top dword), taking
 * W[t] + K[t] and W[t + 1] + K[t + 1] from the low half of %xmm0.  Its
 * result is the new ABEF, and the old ABEF is the new CDGH, so each call
 * writes over the CDGH register and the next swaps the two roles back.
 * sha256msg1 and sha256msg2 compute the sigma0 and sigma1 halves of the
 * message schedule, four words at a time.
 */
#if defined(__x86_64__) && !defined(TWI_EC_NO_ASM)

#ifdef __KERNEL__
#include <linux/linkage.h>
#else
#define SYM_FUNC_START(name)	.globl name; .type name, @function; \
				.balign 16; name:
#define SYM_FUNC_END(name)	.size name, . - name
#define RET			ret
#endif

#define STATE	%rdi	/* u32[8]: a, b, c, d, e, f, g, h */
#define DATA	%rsi	/* whole 64-byte blocks */
#define NBLOCKS	%rdx
#define KPTR	%rax

#define WK	%xmm0	/* implicit operand of sha256rnds2 */
#define ABEF	%xmm1
#define CDGH	%xmm2
#define MSG0	%xmm3
#define MSG1	%xmm4
#define MSG2	%xmm5
#define MSG3	%xmm6
#define TMP	%xmm7
#define ABEF_IN	%xmm8
#define CDGH_IN	%xmm9
#define BSWAP	%xmm10

/*
 * Rounds 4i to 4i + 3.  \m holds W[4i - 16 .. 4i - 13] and \m1, \m2, \m3
 * the three groups after it; from round 16 on, \m is first replaced by
 * W[4i .. 4i + 3] = sigma1(W[-2]) + W[-7] + sigma0(W[-15]) + W[-16].
 * Below round 16, \m already holds the loaded words.
 */
.macro	QROUND	i, m, m1, m2, m3
.if \i >= 4
	sha256msg1	\m1, \m			/* W[-16] + sigma0(W[-15]) */
	movdqa		\m3, TMP
	palignr		$4, \m2, TMP		/* W[-7] */
	paddd		TMP, \m
	sha256msg2	\m3, \m			/* + sigma1(W[-2]) */
.endif
	movdqa		\m, WK
	paddd		(\i * 16)(KPTR), WK
	sha256rnds2	WK, ABEF, CDGH
	pshufd		$0x0e, WK, WK		/* the upper two words down */
	sha256rnds2	WK, CDGH, ABEF
.endm

/* load one big-endian block as W[0 .. 15] */
.macro	LOAD	off, m
	movdqu		\off(DATA), \m
	pshufb		BSWAP, \m
.endm

/*
 * void twi_sha256_ni_blocks(u32 state[8], const u8 *data, size_t nblocks)
 *
 * Compress nblocks (possibly 0) consecutive 64-byte blocks into state.
 * A leaf: no stack, only caller-saved registers.
 */
.text
SYM_FUNC_START(twi_sha256_ni_blocks)
	test		NBLOCKS, NBLOCKS
	jz		.Ldone
	lea		sha256_ni_k(%rip), KPTR
	movdqa		sha256_ni_bswap(%rip), BSWAP

	/* a b c d, e f g h (a in the low dword) to ABEF, CDGH */
	movdqu		0(STATE), TMP
	movdqu		16(STATE), CDGH
	pshufd		$0x1b, TMP, TMP		/* d c b a */
	pshufd		$0x1b, CDGH, CDGH	/* h g f e */
	movdqa		CDGH, ABEF
	punpckhqdq	TMP, ABEF		/* f e b a */
	punpcklqdq	TMP, CDGH		/* h g d c */

.Lblock:
	movdqa		ABEF, ABEF_IN
	movdqa		CDGH, CDGH_IN
	LOAD		0, MSG0
	LOAD		16, MSG1
	LOAD		32, MSG2
	LOAD		48, MSG3

	QROUND		0, MSG0, MSG1, MSG2, MSG3
	QROUND		1, MSG1, MSG2, MSG3, MSG0
	QROUND		2, MSG2, MSG3, MSG0, MSG1
	QROUND		3, MSG3, MSG0, MSG1, MSG2
	QROUND		4, MSG0, MSG1, MSG2, MSG3
	QROUND		5, MSG1, MSG2, MSG3, MSG0
	QROUND		6, MSG2, MSG3, MSG0, MSG1
	QROUND		7, MSG3, MSG0, MSG1, MSG2
	QROUND		8, MSG0, MSG1, MSG2, MSG3
	QROUND		9, MSG1, MSG2, MSG3, MSG0
	QROUND		10, MSG2, MSG3, MSG0, MSG1
	QROUND		11, MSG3, MSG0, MSG1, MSG2
	QROUND		12, MSG0, MSG1, MSG2, MSG3
	QROUND		13, MSG1, MSG2, MSG3, MSG0
	QROUND		14, MSG2, MSG3, MSG0, MSG1
	QROUND		15, MSG3, MSG0, MSG1, MSG2

	paddd		ABEF_IN, ABEF
	paddd		CDGH_IN, CDGH
	add		$64, DATA
	dec		NBLOCKS
	jnz		.Lblock

	/* ABEF, CDGH back to a b c d, e f g h */
	movdqa		CDGH, TMP
	punpckhqdq	ABEF, TMP		/* d c b a */
	punpcklqdq	ABEF, CDGH		/* h g f e */
	pshufd		$0x1b, TMP, TMP
	pshufd		$0x1b, CDGH, CDGH
	movdqu		TMP, 0(STATE)
	movdqu		CDGH, 16(STATE)

	/* no key material stays behind in the vector registers */
	pxor		WK, WK
	pxor		MSG0, MSG0
	pxor		MSG1, MSG1
	pxor		MSG2, MSG2
	pxor		MSG3, MSG3
	pxor		TMP, TMP
	pxor		ABEF, ABEF
	pxor		CDGH, CDGH
	pxor		ABEF_IN, ABEF_IN
	pxor		CDGH_IN, CDGH_IN
.Ldone:
	RET
SYM_FUNC_END(twi_sha256_ni_blocks)

.section .rodata
.balign 16
/* pshufb pattern: reverse the bytes of each dword */
sha256_ni_bswap:
	.octa	0x0c0d0e0f08090a0b0405060700010203
sha256_ni_k:
	.long	0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5
	.long	0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5
	.long	0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3
	.long	0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174
	.long	0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc
	.long	0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da
	.long	0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7
	.long	0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967
	.long	0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13
	.long	0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85
	.long	0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3
	.long	0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070
	.long	0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5
	.long	0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3
	.long	0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208
	.long	0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2

#endif /* __x86_64__ && !TWI_EC_NO_ASM */

#ifndef __KERNEL__
.section .note.GNU-stack, "", @progbits
#endif
