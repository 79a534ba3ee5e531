/* SPDX-License-Identifier: GPL-2.0 */
/*
 * P-256 field arithmetic in x86-64 inline assembly, included by ecdsa.c.
 *
 * Baseline x86-64 (mul, adc, sbb, cmov), and a multiplication with the
 * BMI2 and ADX instructions for the CPUs that have them (twi_ecdsa_init()
 * checks).  Montgomery form with R = 2^256.  Since -p^-1 = 1 mod 2^64, each
 * reduction step adds m * p with m the lowest word: the low two words of p
 * turn into m << 96 (two shifts) and only the top word 0xffffffff00000001
 * needs a multiplication.  No branch and no memory index depends on the
 * operands; the final subtraction of p is undone with cmov.
 */
#ifndef TWI_P256_X86_64_H
#define TWI_P256_X86_64_H

static const u64 p256_x86_p1 = 0x00000000ffffffffULL;
static const u64 p256_x86_p3 = 0xffffffff00000001ULL;

/* acc (t_a .. t_d, top t_e, spare t_f) += a * b[i]; clears t_f first */
#define P256_MULADD(i, ta, tb, tc, td, te, tf)				\
	"xorl %k[" #tf "], %k[" #tf "]\n\t"				\
	"movq " #i "(%[b]), %%rax\n\t"					\
	"mulq 0(%[a])\n\t"						\
	"addq %%rax, %[" #ta "]\n\t"					\
	"adcq $0, %%rdx\n\t"						\
	"movq %%rdx, %[c]\n\t"						\
	"movq " #i "(%[b]), %%rax\n\t"					\
	"mulq 8(%[a])\n\t"						\
	"addq %[c], %[" #tb "]\n\t"					\
	"adcq $0, %%rdx\n\t"						\
	"addq %%rax, %[" #tb "]\n\t"					\
	"adcq $0, %%rdx\n\t"						\
	"movq %%rdx, %[c]\n\t"						\
	"movq " #i "(%[b]), %%rax\n\t"					\
	"mulq 16(%[a])\n\t"						\
	"addq %[c], %[" #tc "]\n\t"					\
	"adcq $0, %%rdx\n\t"						\
	"addq %%rax, %[" #tc "]\n\t"					\
	"adcq $0, %%rdx\n\t"						\
	"movq %%rdx, %[c]\n\t"						\
	"movq " #i "(%[b]), %%rax\n\t"					\
	"mulq 24(%[a])\n\t"						\
	"addq %[c], %[" #td "]\n\t"					\
	"adcq $0, %%rdx\n\t"						\
	"addq %%rax, %[" #td "]\n\t"					\
	"adcq $0, %%rdx\n\t"						\
	"addq %%rdx, %[" #te "]\n\t"					\
	"adcq $0, %[" #tf "]\n\t"

/*
 * acc (t_a .. t_e, overflow into t_f) += t_a * p, after which t_a is zero
 * and the accumulator is t_b .. t_f.
 */
#define P256_REDUCE(ta, tb, tc, td, te, tf)				\
	"movq %[" #ta "], %%rax\n\t"					\
	"mulq %[p3]\n\t"						\
	"movq %[" #ta "], %[c]\n\t"					\
	"shlq $32, %[c]\n\t"						\
	"shrq $32, %[" #ta "]\n\t"					\
	"addq %[c], %[" #tb "]\n\t"					\
	"adcq %[" #ta "], %[" #tc "]\n\t"				\
	"adcq %%rax, %[" #td "]\n\t"					\
	"adcq %%rdx, %[" #te "]\n\t"					\
	"adcq $0, %[" #tf "]\n\t"

/* r = a * b / 2^256 mod p; a, b < p; r may alias a or b */
static noinline void p256_mul_x86(u64 *r, const u64 *a, const u64 *b)
{
	u64 t0, t1, t2, t3, t4, t5, c, lo, hi;

	asm("movq 0(%[b]), %%rax\n\t"
	    "mulq 0(%[a])\n\t"
	    "movq %%rax, %[t0]\n\t"
	    "movq %%rdx, %[t1]\n\t"
	    "movq 0(%[b]), %%rax\n\t"
	    "mulq 8(%[a])\n\t"
	    "addq %%rax, %[t1]\n\t"
	    "adcq $0, %%rdx\n\t"
	    "movq %%rdx, %[t2]\n\t"
	    "movq 0(%[b]), %%rax\n\t"
	    "mulq 16(%[a])\n\t"
	    "addq %%rax, %[t2]\n\t"
	    "adcq $0, %%rdx\n\t"
	    "movq %%rdx, %[t3]\n\t"
	    "movq 0(%[b]), %%rax\n\t"
	    "mulq 24(%[a])\n\t"
	    "addq %%rax, %[t3]\n\t"
	    "adcq $0, %%rdx\n\t"
	    "movq %%rdx, %[t4]\n\t"
	    "xorl %k[t5], %k[t5]\n\t"
	    P256_REDUCE(t0, t1, t2, t3, t4, t5)
	    P256_MULADD(8, t1, t2, t3, t4, t5, t0)
	    P256_REDUCE(t1, t2, t3, t4, t5, t0)
	    P256_MULADD(16, t2, t3, t4, t5, t0, t1)
	    P256_REDUCE(t2, t3, t4, t5, t0, t1)
	    P256_MULADD(24, t3, t4, t5, t0, t1, t2)
	    P256_REDUCE(t3, t4, t5, t0, t1, t2)
	    /* t4, t5, t0, t1 with top word t2, below 2p: subtract p */
	    "movq %[t4], %%rax\n\t"
	    "movq %[t5], %%rdx\n\t"
	    "movq %[t0], %[t3]\n\t"
	    "movq %[t1], %[c]\n\t"
	    "subq $-1, %%rax\n\t"
	    "sbbq %[p1], %%rdx\n\t"
	    "sbbq $0, %[t3]\n\t"
	    "sbbq %[p3], %[c]\n\t"
	    "sbbq $0, %[t2]\n\t"
	    "cmovcq %[t4], %%rax\n\t"
	    "cmovcq %[t5], %%rdx\n\t"
	    "cmovcq %[t0], %[t3]\n\t"
	    "cmovcq %[t1], %[c]\n\t"
	    : [t0] "=&r"(t0), [t1] "=&r"(t1), [t2] "=&r"(t2), [t3] "=&r"(t3),
	      [t4] "=&r"(t4), [t5] "=&r"(t5), [c] "=&r"(c), "=&a"(lo),
	      "=&d"(hi)
	    : [a] "r"(a), [b] "r"(b), [p1] "m"(p256_x86_p1),
	      [p3] "m"(p256_x86_p3)
	    : "cc", "memory");
	r[0] = lo;
	r[1] = hi;
	r[2] = t3;
	r[3] = c;
}

/*
 * With BMI2 and ADX (checked at run time): acc (ta .. te, overflow tf) +=
 * a * b[i], the low halves of the products carried in CF (adcx) and the
 * high halves in OF (adox), two independent chains.
 */
#define P256_MULX_ROW(i, ta, tb, tc, td, te, tf)			\
	"movq " #i "(%[b]), %%rdx\n\t"					\
	"xorl %k[" #tf "], %k[" #tf "]\n\t"				\
	"mulxq 0(%[a]), %[lo], %[hi]\n\t"				\
	"adcxq %[lo], %[" #ta "]\n\t"					\
	"adoxq %[hi], %[" #tb "]\n\t"					\
	"mulxq 8(%[a]), %[lo], %[hi]\n\t"				\
	"adcxq %[lo], %[" #tb "]\n\t"					\
	"adoxq %[hi], %[" #tc "]\n\t"					\
	"mulxq 16(%[a]), %[lo], %[hi]\n\t"				\
	"adcxq %[lo], %[" #tc "]\n\t"					\
	"adoxq %[hi], %[" #td "]\n\t"					\
	"mulxq 24(%[a]), %[lo], %[hi]\n\t"				\
	"adcxq %[lo], %[" #td "]\n\t"					\
	"adoxq %[hi], %[" #te "]\n\t"					\
	"adcxq %[" #tf "], %[" #te "]\n\t"				\
	"movl $0, %k[lo]\n\t"						\
	"adoxq %[lo], %[" #tf "]\n\t"					\
	"adcxq %[lo], %[" #tf "]\n\t"

/* as P256_REDUCE, the multiplication with mulx */
#define P256_MULX_REDUCE(ta, tb, tc, td, te, tf)			\
	"movq %[" #ta "], %%rdx\n\t"					\
	"mulxq %[p3], %[lo], %[hi]\n\t"					\
	"shlq $32, %%rdx\n\t"						\
	"shrq $32, %[" #ta "]\n\t"					\
	"addq %%rdx, %[" #tb "]\n\t"					\
	"adcq %[" #ta "], %[" #tc "]\n\t"				\
	"adcq %[lo], %[" #td "]\n\t"					\
	"adcq %[hi], %[" #te "]\n\t"					\
	"adcq $0, %[" #tf "]\n\t"

/* r = a * b / 2^256 mod p with mulx, adcx and adox */
static noinline void p256_mul_adx(u64 *r, const u64 *a, const u64 *b)
{
	u64 t0, t1, t2, t3, t4, t5, lo, hi, rdx;

	asm("movq 0(%[b]), %%rdx\n\t"
	    "xorl %k[t5], %k[t5]\n\t"
	    "mulxq 0(%[a]), %[t0], %[t1]\n\t"
	    "mulxq 8(%[a]), %[lo], %[t2]\n\t"
	    "addq %[lo], %[t1]\n\t"
	    "mulxq 16(%[a]), %[lo], %[t3]\n\t"
	    "adcq %[lo], %[t2]\n\t"
	    "mulxq 24(%[a]), %[lo], %[t4]\n\t"
	    "adcq %[lo], %[t3]\n\t"
	    "adcq $0, %[t4]\n\t"
	    P256_MULX_REDUCE(t0, t1, t2, t3, t4, t5)
	    P256_MULX_ROW(8, t1, t2, t3, t4, t5, t0)
	    P256_MULX_REDUCE(t1, t2, t3, t4, t5, t0)
	    P256_MULX_ROW(16, t2, t3, t4, t5, t0, t1)
	    P256_MULX_REDUCE(t2, t3, t4, t5, t0, t1)
	    P256_MULX_ROW(24, t3, t4, t5, t0, t1, t2)
	    P256_MULX_REDUCE(t3, t4, t5, t0, t1, t2)
	    "movq %[t4], %[lo]\n\t"
	    "movq %[t5], %[hi]\n\t"
	    "movq %[t0], %%rdx\n\t"
	    "movq %[t1], %[t3]\n\t"
	    "subq $-1, %[lo]\n\t"
	    "sbbq %[p1], %[hi]\n\t"
	    "sbbq $0, %%rdx\n\t"
	    "sbbq %[p3], %[t3]\n\t"
	    "sbbq $0, %[t2]\n\t"
	    "cmovcq %[t4], %[lo]\n\t"
	    "cmovcq %[t5], %[hi]\n\t"
	    "cmovcq %[t0], %%rdx\n\t"
	    "cmovcq %[t1], %[t3]\n\t"
	    : [t0] "=&r"(t0), [t1] "=&r"(t1), [t2] "=&r"(t2), [t3] "=&r"(t3),
	      [t4] "=&r"(t4), [t5] "=&r"(t5), [lo] "=&r"(lo), [hi] "=&r"(hi),
	      "=&d"(rdx)
	    : [a] "r"(a), [b] "r"(b), [p1] "m"(p256_x86_p1),
	      [p3] "m"(p256_x86_p3), "m"(*(const u64 (*)[4])a),
	      "m"(*(const u64 (*)[4])b)
	    : "cc");
	r[0] = lo;
	r[1] = hi;
	r[2] = rdx;
	r[3] = t3;
}

/*
 * The order n: generic Montgomery reduction with n0 = -n^-1 mod 2^64,
 * four multiplications per step.
 */
static const u64 p256_x86_n[5] = {
	0xf3b9cac2fc632551ULL, 0xbce6faada7179e84ULL,
	0xffffffffffffffffULL, 0xffffffff00000000ULL,
	0xccd1c8aaee00bc4fULL,
};

/*
 * m = ta * n0 and the part of m * n that needs multiplications: m * n[0]
 * (which clears ta) and m * n[1]; leaves tb final and in rdx the carry
 * word for tc.  The top words of n are 2^64 - 1 and 2^64 - 2^32, so
 * m * (n[2] + n[3] 2^64) = m 2^128 - m 2^96 + m 2^64 - m is three words
 * w2, w3, w4 = -m, m - (m << 32), m - (m >> 32) with borrows, left in
 * ta, c and rax (x is scratch).
 */
#define P256_ORD_STEP(ta, tb, x)					\
	"movq %[" #ta "], %%rax\n\t"					\
	"imulq %[n4], %%rax\n\t"					\
	"movq %%rax, %[m]\n\t"						\
	"mulq %[n0]\n\t"						\
	"addq %%rax, %[" #ta "]\n\t"					\
	"adcq $0, %%rdx\n\t"						\
	"movq %%rdx, %[c]\n\t"						\
	"movq %[m], %%rax\n\t"						\
	"mulq %[n1]\n\t"						\
	"addq %[c], %[" #tb "]\n\t"					\
	"adcq $0, %%rdx\n\t"						\
	"addq %%rax, %[" #tb "]\n\t"					\
	"adcq $0, %%rdx\n\t"						\
	"movq %[m], %%rax\n\t"						\
	"shlq $32, %%rax\n\t"						\
	"movq %[m], %[" #x "]\n\t"					\
	"shrq $32, %[" #x "]\n\t"					\
	"movq %[m], %[c]\n\t"						\
	"subq %[m], %[" #ta "]\n\t"					\
	"sbbq %%rax, %[c]\n\t"						\
	"movq %[m], %%rax\n\t"						\
	"sbbq %[" #x "], %%rax\n\t"

/* interleaved form: acc ta .. te, overflow into tf */
#define P256_ORD_REDUCE(ta, tb, tc, td, te, tf)				\
	P256_ORD_STEP(ta, tb, x)					\
	"addq %%rdx, %[" #tc "]\n\t"					\
	"adcq %[c], %[" #td "]\n\t"					\
	"adcq %%rax, %[" #te "]\n\t"					\
	"adcq $0, %[" #tf "]\n\t"					\
	"addq %[" #ta "], %[" #tc "]\n\t"				\
	"adcq $0, %[" #td "]\n\t"					\
	"adcq $0, %[" #te "]\n\t"					\
	"adcq $0, %[" #tf "]\n\t"

/* r = a * b / 2^256 mod n; a, b < n; r may alias a or b */
static noinline void p256_ord_mul_x86(u64 *r, const u64 *a, const u64 *b)
{
	u64 t0, t1, t2, t3, t4, t5, c, m, x, lo, hi;

	asm("movq 0(%[b]), %%rax\n\t"
	    "mulq 0(%[a])\n\t"
	    "movq %%rax, %[t0]\n\t"
	    "movq %%rdx, %[t1]\n\t"
	    "movq 0(%[b]), %%rax\n\t"
	    "mulq 8(%[a])\n\t"
	    "addq %%rax, %[t1]\n\t"
	    "adcq $0, %%rdx\n\t"
	    "movq %%rdx, %[t2]\n\t"
	    "movq 0(%[b]), %%rax\n\t"
	    "mulq 16(%[a])\n\t"
	    "addq %%rax, %[t2]\n\t"
	    "adcq $0, %%rdx\n\t"
	    "movq %%rdx, %[t3]\n\t"
	    "movq 0(%[b]), %%rax\n\t"
	    "mulq 24(%[a])\n\t"
	    "addq %%rax, %[t3]\n\t"
	    "adcq $0, %%rdx\n\t"
	    "movq %%rdx, %[t4]\n\t"
	    "xorl %k[t5], %k[t5]\n\t"
	    P256_ORD_REDUCE(t0, t1, t2, t3, t4, t5)
	    P256_MULADD(8, t1, t2, t3, t4, t5, t0)
	    P256_ORD_REDUCE(t1, t2, t3, t4, t5, t0)
	    P256_MULADD(16, t2, t3, t4, t5, t0, t1)
	    P256_ORD_REDUCE(t2, t3, t4, t5, t0, t1)
	    P256_MULADD(24, t3, t4, t5, t0, t1, t2)
	    P256_ORD_REDUCE(t3, t4, t5, t0, t1, t2)
	    /* t4, t5, t0, t1 with top word t2, below 2n: subtract n */
	    "movq %[t4], %%rax\n\t"
	    "movq %[t5], %%rdx\n\t"
	    "movq %[t0], %[t3]\n\t"
	    "movq %[t1], %[c]\n\t"
	    "subq %[n0], %%rax\n\t"
	    "sbbq %[n1], %%rdx\n\t"
	    "sbbq %[n2], %[t3]\n\t"
	    "sbbq %[n3], %[c]\n\t"
	    "sbbq $0, %[t2]\n\t"
	    "cmovcq %[t4], %%rax\n\t"
	    "cmovcq %[t5], %%rdx\n\t"
	    "cmovcq %[t0], %[t3]\n\t"
	    "cmovcq %[t1], %[c]\n\t"
	    : [t0] "=&r"(t0), [t1] "=&r"(t1), [t2] "=&r"(t2), [t3] "=&r"(t3),
	      [t4] "=&r"(t4), [t5] "=&r"(t5), [c] "=&r"(c), [m] "=&r"(m),
	      [x] "=&r"(x), "=&a"(lo), "=&d"(hi)
	    : [a] "r"(a), [b] "r"(b), [n0] "m"(p256_x86_n[0]),
	      [n1] "m"(p256_x86_n[1]), [n2] "m"(p256_x86_n[2]),
	      [n3] "m"(p256_x86_n[3]), [n4] "m"(p256_x86_n[4])
	    : "cc", "memory");
	r[0] = lo;
	r[1] = hi;
	r[2] = t3;
	r[3] = c;
}

/*
 * The square of a in t0 .. t7: six cross products, doubled, plus the four
 * squares (mul clobbers the flags, so the squares carry through rdx).
 */
#define P256_SQR_PRODUCT						\
	"movq 0(%[a]), %%rax\n\t"					\
	"mulq 8(%[a])\n\t"						\
	"movq %%rax, %[t1]\n\t"						\
	"movq %%rdx, %[t2]\n\t"						\
	"movq 0(%[a]), %%rax\n\t"					\
	"mulq 16(%[a])\n\t"						\
	"addq %%rax, %[t2]\n\t"						\
	"adcq $0, %%rdx\n\t"						\
	"movq %%rdx, %[t3]\n\t"						\
	"movq 0(%[a]), %%rax\n\t"					\
	"mulq 24(%[a])\n\t"						\
	"addq %%rax, %[t3]\n\t"						\
	"adcq $0, %%rdx\n\t"						\
	"movq %%rdx, %[t4]\n\t"						\
	"movq 8(%[a]), %%rax\n\t"					\
	"mulq 16(%[a])\n\t"						\
	"addq %%rax, %[t3]\n\t"						\
	"adcq $0, %%rdx\n\t"						\
	"movq %%rdx, %[c]\n\t"						\
	"movq 8(%[a]), %%rax\n\t"					\
	"mulq 24(%[a])\n\t"						\
	"addq %[c], %[t4]\n\t"						\
	"adcq $0, %%rdx\n\t"						\
	"addq %%rax, %[t4]\n\t"						\
	"adcq $0, %%rdx\n\t"						\
	"movq %%rdx, %[t5]\n\t"						\
	"movq 16(%[a]), %%rax\n\t"					\
	"mulq 24(%[a])\n\t"						\
	"addq %%rax, %[t5]\n\t"						\
	"adcq $0, %%rdx\n\t"						\
	"movq %%rdx, %[t6]\n\t"						\
	"xorl %k[t7], %k[t7]\n\t"					\
	"addq %[t1], %[t1]\n\t"						\
	"adcq %[t2], %[t2]\n\t"						\
	"adcq %[t3], %[t3]\n\t"						\
	"adcq %[t4], %[t4]\n\t"						\
	"adcq %[t5], %[t5]\n\t"						\
	"adcq %[t6], %[t6]\n\t"						\
	"adcq $0, %[t7]\n\t"						\
	"movq 0(%[a]), %%rax\n\t"					\
	"mulq %%rax\n\t"						\
	"movq %%rax, %[t0]\n\t"						\
	"movq %%rdx, %[c]\n\t"						\
	"movq 8(%[a]), %%rax\n\t"					\
	"mulq %%rax\n\t"						\
	"addq %[c], %[t1]\n\t"						\
	"adcq %%rax, %[t2]\n\t"						\
	"adcq $0, %%rdx\n\t"						\
	"movq %%rdx, %[c]\n\t"						\
	"movq 16(%[a]), %%rax\n\t"					\
	"mulq %%rax\n\t"						\
	"addq %[c], %[t3]\n\t"						\
	"adcq %%rax, %[t4]\n\t"						\
	"adcq $0, %%rdx\n\t"						\
	"movq %%rdx, %[c]\n\t"						\
	"movq 24(%[a]), %%rax\n\t"					\
	"mulq %%rax\n\t"						\
	"addq %[c], %[t5]\n\t"						\
	"adcq %%rax, %[t6]\n\t"						\
	"adcq %%rdx, %[t7]\n\t"

/* one reduction step of the low half: (ta .. td) + ta * p, shifted */
#define P256_SQR_REDUCE(ta, tb, tc, td)					\
	"movq %[" #ta "], %%rax\n\t"					\
	"mulq %[p3]\n\t"						\
	"movq %[" #ta "], %[c]\n\t"					\
	"shlq $32, %[c]\n\t"						\
	"shrq $32, %[" #ta "]\n\t"					\
	"addq %[c], %[" #tb "]\n\t"					\
	"adcq %[" #ta "], %[" #tc "]\n\t"				\
	"adcq %%rax, %[" #td "]\n\t"					\
	"adcq $0, %%rdx\n\t"						\
	"movq %%rdx, %[" #ta "]\n\t"

/* the same for the order; the a pointer is spent and serves as scratch */
#define P256_ORD_SQR_REDUCE(ta, tb, tc, td)				\
	P256_ORD_STEP(ta, tb, a)					\
	"addq %%rdx, %[" #tc "]\n\t"					\
	"adcq %[c], %[" #td "]\n\t"					\
	"adcq $0, %%rax\n\t"						\
	"addq %[" #ta "], %[" #tc "]\n\t"				\
	"adcq $0, %[" #td "]\n\t"					\
	"adcq $0, %%rax\n\t"						\
	"movq %%rax, %[" #ta "]\n\t"

/*
 * (t0 .. t3) = (t0 .. t3) + (t4 .. t7), carry in c, then minus the
 * modulus (q0 .. q3 operands) unless that borrows; result in t4 .. t7.
 */
#define P256_SQR_FINISH(q0, q1, q2, q3)					\
	"xorl %k[c], %k[c]\n\t"						\
	"addq %[t4], %[t0]\n\t"						\
	"adcq %[t5], %[t1]\n\t"						\
	"adcq %[t6], %[t2]\n\t"						\
	"adcq %[t7], %[t3]\n\t"						\
	"adcq $0, %[c]\n\t"						\
	"movq %[t0], %[t4]\n\t"						\
	"movq %[t1], %[t5]\n\t"						\
	"movq %[t2], %[t6]\n\t"						\
	"movq %[t3], %[t7]\n\t"						\
	"subq " q0 ", %[t4]\n\t"					\
	"sbbq " q1 ", %[t5]\n\t"					\
	"sbbq " q2 ", %[t6]\n\t"					\
	"sbbq " q3 ", %[t7]\n\t"					\
	"sbbq $0, %[c]\n\t"						\
	"cmovcq %[t0], %[t4]\n\t"					\
	"cmovcq %[t1], %[t5]\n\t"					\
	"cmovcq %[t2], %[t6]\n\t"					\
	"cmovcq %[t3], %[t7]\n\t"

/*
 * r = a^2 / 2^256 mod p.  The low half of the square is reduced on its
 * own (four steps leave a value at most p), then the high half (below p)
 * is added and one subtraction finishes.
 */
static noinline void p256_sqr_x86(u64 *r, const u64 *a)
{
	u64 t0, t1, t2, t3, t4, t5, t6, t7, c, lo, hi;

	asm(P256_SQR_PRODUCT
	    P256_SQR_REDUCE(t0, t1, t2, t3)
	    P256_SQR_REDUCE(t1, t2, t3, t0)
	    P256_SQR_REDUCE(t2, t3, t0, t1)
	    P256_SQR_REDUCE(t3, t0, t1, t2)
	    P256_SQR_FINISH("$-1", "%[p1]", "$0", "%[p3]")
	    : [t0] "=&r"(t0), [t1] "=&r"(t1), [t2] "=&r"(t2), [t3] "=&r"(t3),
	      [t4] "=&r"(t4), [t5] "=&r"(t5), [t6] "=&r"(t6), [t7] "=&r"(t7),
	      [c] "=&r"(c), "=&a"(lo), "=&d"(hi)
	    : [a] "r"(a), [p1] "m"(p256_x86_p1), [p3] "m"(p256_x86_p3),
	      "m"(*(const u64 (*)[4])a)
	    : "cc");
	r[0] = t4;
	r[1] = t5;
	r[2] = t6;
	r[3] = t7;
}

/* r = a^2 / 2^256 mod n */
static noinline void p256_ord_sqr_x86(u64 *r, const u64 *a)
{
	u64 t0, t1, t2, t3, t4, t5, t6, t7, c, m, lo, hi;
	const u64 *ap = a;

	asm(P256_SQR_PRODUCT
	    P256_ORD_SQR_REDUCE(t0, t1, t2, t3)
	    P256_ORD_SQR_REDUCE(t1, t2, t3, t0)
	    P256_ORD_SQR_REDUCE(t2, t3, t0, t1)
	    P256_ORD_SQR_REDUCE(t3, t0, t1, t2)
	    P256_SQR_FINISH("%[n0]", "%[n1]", "%[n2]", "%[n3]")
	    : [t0] "=&r"(t0), [t1] "=&r"(t1), [t2] "=&r"(t2), [t3] "=&r"(t3),
	      [t4] "=&r"(t4), [t5] "=&r"(t5), [t6] "=&r"(t6), [t7] "=&r"(t7),
	      [c] "=&r"(c), [m] "=&r"(m), "=&a"(lo), "=&d"(hi), [a] "+&r"(ap)
	    : [n0] "m"(p256_x86_n[0]), [n1] "m"(p256_x86_n[1]),
	      [n2] "m"(p256_x86_n[2]), [n3] "m"(p256_x86_n[3]),
	      [n4] "m"(p256_x86_n[4]), "m"(*(const u64 (*)[4])a)
	    : "cc");
	r[0] = t4;
	r[1] = t5;
	r[2] = t6;
	r[3] = t7;
}

/* r = a + b mod p; a, b < p */
static __always_inline void p256_add_x86(u64 *r, const u64 *a, const u64 *b)
{
	u64 t0, t1, t2, t3, u0, u1, u2, u3, top;

	asm("xorl %k[top], %k[top]\n\t"
	    "movq 0(%[a]), %[t0]\n\t"
	    "movq 8(%[a]), %[t1]\n\t"
	    "movq 16(%[a]), %[t2]\n\t"
	    "movq 24(%[a]), %[t3]\n\t"
	    "addq 0(%[b]), %[t0]\n\t"
	    "adcq 8(%[b]), %[t1]\n\t"
	    "adcq 16(%[b]), %[t2]\n\t"
	    "adcq 24(%[b]), %[t3]\n\t"
	    "adcq $0, %[top]\n\t"
	    "movq %[t0], %[u0]\n\t"
	    "movq %[t1], %[u1]\n\t"
	    "movq %[t2], %[u2]\n\t"
	    "movq %[t3], %[u3]\n\t"
	    "subq $-1, %[u0]\n\t"
	    "sbbq %[p1], %[u1]\n\t"
	    "sbbq $0, %[u2]\n\t"
	    "sbbq %[p3], %[u3]\n\t"
	    "sbbq $0, %[top]\n\t"
	    "cmovcq %[t0], %[u0]\n\t"
	    "cmovcq %[t1], %[u1]\n\t"
	    "cmovcq %[t2], %[u2]\n\t"
	    "cmovcq %[t3], %[u3]\n\t"
	    : [t0] "=&r"(t0), [t1] "=&r"(t1), [t2] "=&r"(t2), [t3] "=&r"(t3),
	      [u0] "=&r"(u0), [u1] "=&r"(u1), [u2] "=&r"(u2), [u3] "=&r"(u3),
	      [top] "=&r"(top)
	    : [a] "r"(a), [b] "r"(b), [p1] "m"(p256_x86_p1),
	      [p3] "m"(p256_x86_p3), "m"(*(const u64 (*)[4])a),
	      "m"(*(const u64 (*)[4])b)
	    : "cc");
	r[0] = u0;
	r[1] = u1;
	r[2] = u2;
	r[3] = u3;
}

/* r = a - b mod p; a, b < p */
static __always_inline void p256_sub_x86(u64 *r, const u64 *a, const u64 *b)
{
	u64 t0, t1, t2, t3, mask, m1, m3;

	asm("movq 0(%[a]), %[t0]\n\t"
	    "movq 8(%[a]), %[t1]\n\t"
	    "movq 16(%[a]), %[t2]\n\t"
	    "movq 24(%[a]), %[t3]\n\t"
	    "subq 0(%[b]), %[t0]\n\t"
	    "sbbq 8(%[b]), %[t1]\n\t"
	    "sbbq 16(%[b]), %[t2]\n\t"
	    "sbbq 24(%[b]), %[t3]\n\t"
	    "sbbq %[mask], %[mask]\n\t"
	    "movl %k[mask], %k[m1]\n\t"
	    "movq %[p3], %[m3]\n\t"
	    "andq %[mask], %[m3]\n\t"
	    "addq %[mask], %[t0]\n\t"
	    "adcq %[m1], %[t1]\n\t"
	    "adcq $0, %[t2]\n\t"
	    "adcq %[m3], %[t3]\n\t"
	    : [t0] "=&r"(t0), [t1] "=&r"(t1), [t2] "=&r"(t2), [t3] "=&r"(t3),
	      [mask] "=&r"(mask), [m1] "=&r"(m1), [m3] "=&r"(m3)
	    : [a] "r"(a), [b] "r"(b), [p3] "m"(p256_x86_p3),
	      "m"(*(const u64 (*)[4])a), "m"(*(const u64 (*)[4])b)
	    : "cc");
	r[0] = t0;
	r[1] = t1;
	r[2] = t2;
	r[3] = t3;
}

#undef P256_MULADD
#undef P256_MULX_ROW
#undef P256_MULX_REDUCE
#undef P256_REDUCE
#undef P256_ORD_STEP
#undef P256_ORD_REDUCE
#undef P256_SQR_PRODUCT
#undef P256_SQR_REDUCE
#undef P256_ORD_SQR_REDUCE
#undef P256_SQR_FINISH

#endif /* TWI_P256_X86_64_H */
