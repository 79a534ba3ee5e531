// SPDX-License-Identifier: GPL-2.0
/*
 * ECDSA over NIST P-256 and P-384 for twi.
 *
 * Field and scalar elements are little-endian arrays of 64-bit limbs in
 * Montgomery form.  Points use projective (X:Y:Z) coordinates with the
 * complete addition formulas of Renes, Costello and Batina (2016), so
 * additions need no special cases and run in constant time.  k*G uses a
 * fixed-base comb with signed 4-bit digits and a table built by
 * twi_ecdsa_init(); entries are read by scanning the whole row.
 * Verification handles public data only and may branch on it.
 */
#include "twi_ecdsa.h"
#include "hash.h"

/*
 * x86-64 has hand-scheduled P-256 field and order arithmetic; the portable
 * C serves other architectures (and builds with TWI_EC_NO_ASM) and is
 * tested against it.
 */
#if defined(__x86_64__) && !defined(TWI_EC_NO_ASM)
#define TWI_EC_P256_ASM
#include "p256_x86_64.h"

/* the CPU has mulx, adcx and adox (BMI2, ADX): set by twi_ecdsa_init() */
static bool p256_adx __ro_after_init;
#endif

#define EC_LIMBS	6
/* comb digits: signed w-bit windows, 2^(w-1) points per row */
#define P256_COMB_W	6
#define P384_COMB_W	4
#define COMB_WINDOWS(bits, w)	((bits) / (w) + 1)
#define COMB_WORDS(bits, w, n)	((COMB_WINDOWS(bits, w) << ((w) - 1) << 1) * (n))
#define EC_WINDOWS	COMB_WINDOWS(384, 4)
#define SIGN_TRIES	64
#define NAF_MAX		(384 + 2)
/*
 * Per-key table: odd multiples of 2^(32 j) * Q for each j, 16 for P-256
 * (w-NAF width 6), 8 for P-384 (width 5, to fit TWI_EC_PUB_TABLE_MAX).
 * The same layout for G with 64 (width 8) and 32 (width 7) multiples.
 */
#define TAB_SPAN	32
#define P256_TAB_ODD	16
#define P384_TAB_ODD	8
#define P256_GTAB_ODD	64
#define P384_GTAB_ODD	32
#define TAB_MAGIC	0x7477697462000000ULL

struct ec_mod {
	unsigned int n;
	u64 m[EC_LIMBS];
	u64 minv;		/* -m^-1 mod 2^64 */
	u64 rr[EC_LIMBS];	/* R^2 mod m, R = 2^(64n) */
	u64 one[EC_LIMBS];	/* R mod m */
	u64 e[EC_LIMBS];	/* m - 2: exponent for inversion */
	bool field;		/* the curve's prime: specialised routines */
};

struct ec_curve {
	unsigned int bytes;
	unsigned int windows;
	unsigned int comb_w;
	bool ready;
	struct ec_mod p;
	struct ec_mod q;
	u64 b[EC_LIMBS];
	u64 *comb;		/* windows x 2^(comb_w - 1) affine points */
	u64 *gtab;		/* G in the per-key table layout */
	unsigned int tab_odd;	/* odd multiples per chunk: per-key table */
	unsigned int gtab_odd;	/* and G's table */
	const u8 *consts;	/* p, b, n, Gx, Gy, big-endian */
	const u8 *kat;		/* x, Ux, Uy, r, s for the self-test */
	enum twi_hash kat_hash;
};

struct ec_point {
	u64 x[EC_LIMBS];
	u64 y[EC_LIMBS];
	u64 z[EC_LIMBS];
};

struct ec_affine {
	u64 x[EC_LIMBS];
	u64 y[EC_LIMBS];
};

static const u8 p256_consts[5 * 32] = {
	/* p */
	0xff, 0xff, 0xff, 0xff, 0x00, 0x00, 0x00, 0x01,
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x00, 0x00, 0xff, 0xff, 0xff, 0xff,
	0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
	/* b */
	0x5a, 0xc6, 0x35, 0xd8, 0xaa, 0x3a, 0x93, 0xe7,
	0xb3, 0xeb, 0xbd, 0x55, 0x76, 0x98, 0x86, 0xbc,
	0x65, 0x1d, 0x06, 0xb0, 0xcc, 0x53, 0xb0, 0xf6,
	0x3b, 0xce, 0x3c, 0x3e, 0x27, 0xd2, 0x60, 0x4b,
	/* n */
	0xff, 0xff, 0xff, 0xff, 0x00, 0x00, 0x00, 0x00,
	0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
	0xbc, 0xe6, 0xfa, 0xad, 0xa7, 0x17, 0x9e, 0x84,
	0xf3, 0xb9, 0xca, 0xc2, 0xfc, 0x63, 0x25, 0x51,
	/* Gx */
	0x6b, 0x17, 0xd1, 0xf2, 0xe1, 0x2c, 0x42, 0x47,
	0xf8, 0xbc, 0xe6, 0xe5, 0x63, 0xa4, 0x40, 0xf2,
	0x77, 0x03, 0x7d, 0x81, 0x2d, 0xeb, 0x33, 0xa0,
	0xf4, 0xa1, 0x39, 0x45, 0xd8, 0x98, 0xc2, 0x96,
	/* Gy */
	0x4f, 0xe3, 0x42, 0xe2, 0xfe, 0x1a, 0x7f, 0x9b,
	0x8e, 0xe7, 0xeb, 0x4a, 0x7c, 0x0f, 0x9e, 0x16,
	0x2b, 0xce, 0x33, 0x57, 0x6b, 0x31, 0x5e, 0xce,
	0xcb, 0xb6, 0x40, 0x68, 0x37, 0xbf, 0x51, 0xf5,
};

static const u8 p384_consts[5 * 48] = {
	/* p */
	0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
	0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
	0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
	0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xfe,
	0xff, 0xff, 0xff, 0xff, 0x00, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x00, 0x00, 0xff, 0xff, 0xff, 0xff,
	/* b */
	0xb3, 0x31, 0x2f, 0xa7, 0xe2, 0x3e, 0xe7, 0xe4,
	0x98, 0x8e, 0x05, 0x6b, 0xe3, 0xf8, 0x2d, 0x19,
	0x18, 0x1d, 0x9c, 0x6e, 0xfe, 0x81, 0x41, 0x12,
	0x03, 0x14, 0x08, 0x8f, 0x50, 0x13, 0x87, 0x5a,
	0xc6, 0x56, 0x39, 0x8d, 0x8a, 0x2e, 0xd1, 0x9d,
	0x2a, 0x85, 0xc8, 0xed, 0xd3, 0xec, 0x2a, 0xef,
	/* n */
	0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
	0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
	0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
	0xc7, 0x63, 0x4d, 0x81, 0xf4, 0x37, 0x2d, 0xdf,
	0x58, 0x1a, 0x0d, 0xb2, 0x48, 0xb0, 0xa7, 0x7a,
	0xec, 0xec, 0x19, 0x6a, 0xcc, 0xc5, 0x29, 0x73,
	/* Gx */
	0xaa, 0x87, 0xca, 0x22, 0xbe, 0x8b, 0x05, 0x37,
	0x8e, 0xb1, 0xc7, 0x1e, 0xf3, 0x20, 0xad, 0x74,
	0x6e, 0x1d, 0x3b, 0x62, 0x8b, 0xa7, 0x9b, 0x98,
	0x59, 0xf7, 0x41, 0xe0, 0x82, 0x54, 0x2a, 0x38,
	0x55, 0x02, 0xf2, 0x5d, 0xbf, 0x55, 0x29, 0x6c,
	0x3a, 0x54, 0x5e, 0x38, 0x72, 0x76, 0x0a, 0xb7,
	/* Gy */
	0x36, 0x17, 0xde, 0x4a, 0x96, 0x26, 0x2c, 0x6f,
	0x5d, 0x9e, 0x98, 0xbf, 0x92, 0x92, 0xdc, 0x29,
	0xf8, 0xf4, 0x1d, 0xbd, 0x28, 0x9a, 0x14, 0x7c,
	0xe9, 0xda, 0x31, 0x13, 0xb5, 0xf0, 0xb8, 0xc0,
	0x0a, 0x60, 0xb1, 0xce, 0x1d, 0x7e, 0x81, 0x9d,
	0x7a, 0x43, 0x1d, 0x7c, 0x90, 0xea, 0x0e, 0x5f,
};

/* RFC 6979 A.2.5: key, and the signature of "sample" with SHA-256 */
static const u8 p256_kat[5 * 32] = {
	/* x */
	0xc9, 0xaf, 0xa9, 0xd8, 0x45, 0xba, 0x75, 0x16,
	0x6b, 0x5c, 0x21, 0x57, 0x67, 0xb1, 0xd6, 0x93,
	0x4e, 0x50, 0xc3, 0xdb, 0x36, 0xe8, 0x9b, 0x12,
	0x7b, 0x8a, 0x62, 0x2b, 0x12, 0x0f, 0x67, 0x21,
	/* Ux */
	0x60, 0xfe, 0xd4, 0xba, 0x25, 0x5a, 0x9d, 0x31,
	0xc9, 0x61, 0xeb, 0x74, 0xc6, 0x35, 0x6d, 0x68,
	0xc0, 0x49, 0xb8, 0x92, 0x3b, 0x61, 0xfa, 0x6c,
	0xe6, 0x69, 0x62, 0x2e, 0x60, 0xf2, 0x9f, 0xb6,
	/* Uy */
	0x79, 0x03, 0xfe, 0x10, 0x08, 0xb8, 0xbc, 0x99,
	0xa4, 0x1a, 0xe9, 0xe9, 0x56, 0x28, 0xbc, 0x64,
	0xf2, 0xf1, 0xb2, 0x0c, 0x2d, 0x7e, 0x9f, 0x51,
	0x77, 0xa3, 0xc2, 0x94, 0xd4, 0x46, 0x22, 0x99,
	/* r */
	0xef, 0xd4, 0x8b, 0x2a, 0xac, 0xb6, 0xa8, 0xfd,
	0x11, 0x40, 0xdd, 0x9c, 0xd4, 0x5e, 0x81, 0xd6,
	0x9d, 0x2c, 0x87, 0x7b, 0x56, 0xaa, 0xf9, 0x91,
	0xc3, 0x4d, 0x0e, 0xa8, 0x4e, 0xaf, 0x37, 0x16,
	/* s */
	0xf7, 0xcb, 0x1c, 0x94, 0x2d, 0x65, 0x7c, 0x41,
	0xd4, 0x36, 0xc7, 0xa1, 0xb6, 0xe2, 0x9f, 0x65,
	0xf3, 0xe9, 0x00, 0xdb, 0xb9, 0xaf, 0xf4, 0x06,
	0x4d, 0xc4, 0xab, 0x2f, 0x84, 0x3a, 0xcd, 0xa8,
};

/* RFC 6979 A.2.6: key, and the signature of "sample" with SHA-384 */
static const u8 p384_kat[5 * 48] = {
	/* x */
	0x6b, 0x9d, 0x3d, 0xad, 0x2e, 0x1b, 0x8c, 0x1c,
	0x05, 0xb1, 0x98, 0x75, 0xb6, 0x65, 0x9f, 0x4d,
	0xe2, 0x3c, 0x3b, 0x66, 0x7b, 0xf2, 0x97, 0xba,
	0x9a, 0xa4, 0x77, 0x40, 0x78, 0x71, 0x37, 0xd8,
	0x96, 0xd5, 0x72, 0x4e, 0x4c, 0x70, 0xa8, 0x25,
	0xf8, 0x72, 0xc9, 0xea, 0x60, 0xd2, 0xed, 0xf5,
	/* Ux */
	0xec, 0x3a, 0x4e, 0x41, 0x5b, 0x4e, 0x19, 0xa4,
	0x56, 0x86, 0x18, 0x02, 0x9f, 0x42, 0x7f, 0xa5,
	0xda, 0x9a, 0x8b, 0xc4, 0xae, 0x92, 0xe0, 0x2e,
	0x06, 0xaa, 0xe5, 0x28, 0x6b, 0x30, 0x0c, 0x64,
	0xde, 0xf8, 0xf0, 0xea, 0x90, 0x55, 0x86, 0x60,
	0x64, 0xa2, 0x54, 0x51, 0x54, 0x80, 0xbc, 0x13,
	/* Uy */
	0x80, 0x15, 0xd9, 0xb7, 0x2d, 0x7d, 0x57, 0x24,
	0x4e, 0xa8, 0xef, 0x9a, 0xc0, 0xc6, 0x21, 0x89,
	0x67, 0x08, 0xa5, 0x93, 0x67, 0xf9, 0xdf, 0xb9,
	0xf5, 0x4c, 0xa8, 0x4b, 0x3f, 0x1c, 0x9d, 0xb1,
	0x28, 0x8b, 0x23, 0x1c, 0x3a, 0xe0, 0xd4, 0xfe,
	0x73, 0x44, 0xfd, 0x25, 0x33, 0x26, 0x47, 0x20,
	/* r */
	0x94, 0xed, 0xbb, 0x92, 0xa5, 0xec, 0xb8, 0xaa,
	0xd4, 0x73, 0x6e, 0x56, 0xc6, 0x91, 0x91, 0x6b,
	0x3f, 0x88, 0x14, 0x06, 0x66, 0xce, 0x9f, 0xa7,
	0x3d, 0x64, 0xc4, 0xea, 0x95, 0xad, 0x13, 0x3c,
	0x81, 0xa6, 0x48, 0x15, 0x2e, 0x44, 0xac, 0xf9,
	0x6e, 0x36, 0xdd, 0x1e, 0x80, 0xfa, 0xbe, 0x46,
	/* s */
	0x99, 0xef, 0x4a, 0xeb, 0x15, 0xf1, 0x78, 0xce,
	0xa1, 0xfe, 0x40, 0xdb, 0x26, 0x03, 0x13, 0x8f,
	0x13, 0x0e, 0x74, 0x0a, 0x19, 0x62, 0x45, 0x26,
	0x20, 0x3b, 0x63, 0x51, 0xd0, 0xa3, 0xa9, 0x4f,
	0xa3, 0x29, 0xc1, 0x45, 0x78, 0x6e, 0x67, 0x9e,
	0x7b, 0x82, 0xc7, 0x1a, 0x38, 0x62, 0x8a, 0xc8,
};
static u64 p256_comb[COMB_WORDS(256, P256_COMB_W, 4)] __ro_after_init;
static u64 p384_comb[COMB_WORDS(384, P384_COMB_W, 6)] __ro_after_init;
static u64 p256_gtab[1 + 256 / TAB_SPAN * P256_GTAB_ODD * 8] __ro_after_init;
static u64 p384_gtab[1 + 384 / TAB_SPAN * P384_GTAB_ODD * 12] __ro_after_init;

static struct ec_curve curves[] __ro_after_init = {
	[TWI_CURVE_P256] = {
		.bytes = 32,
		.windows = COMB_WINDOWS(256, P256_COMB_W),
		.comb_w = P256_COMB_W,
		.comb = p256_comb,
		.gtab = p256_gtab,
		.tab_odd = P256_TAB_ODD,
		.gtab_odd = P256_GTAB_ODD,
		.consts = p256_consts,
		.kat = p256_kat,
		.kat_hash = TWI_HASH_SHA256,
	},
	[TWI_CURVE_P384] = {
		.bytes = 48,
		.windows = COMB_WINDOWS(384, P384_COMB_W),
		.comb_w = P384_COMB_W,
		.comb = p384_comb,
		.gtab = p384_gtab,
		.tab_odd = P384_TAB_ODD,
		.gtab_odd = P384_GTAB_ODD,
		.consts = p384_consts,
		.kat = p384_kat,
		.kat_hash = TWI_HASH_SHA384,
	},
};

static const struct ec_curve *get_curve(enum twi_curve curve)
{
	if ((unsigned int)curve >= ARRAY_SIZE(curves) || !curves[curve].ready)
		return NULL;
	return &curves[curve];
}

size_t twi_ec_bytes(enum twi_curve curve)
{
	if ((unsigned int)curve >= ARRAY_SIZE(curves))
		return 0;
	return curves[curve].bytes;
}

size_t twi_ecdsa_pub_len(enum twi_curve curve)
{
	size_t n = twi_ec_bytes(curve);

	return n ? 1 + 2 * n : 0;
}

/* ---- multi-precision helpers, all constant time ---- */

static void bytes_to_limbs(u64 *r, const u8 *in, unsigned int bytes)
{
	unsigned int i;

	memset(r, 0, EC_LIMBS * sizeof(u64));
	for (i = 0; i < bytes; i++)
		r[i / 8] |= (u64)in[bytes - 1 - i] << (8 * (i % 8));
}

static void limbs_to_bytes(u8 *out, const u64 *a, unsigned int bytes)
{
	unsigned int i;

	for (i = 0; i < bytes; i++)
		out[bytes - 1 - i] = (u8)(a[i / 8] >> (8 * (i % 8)));
}

/*
 * Carry and borrow steps.  The overflow builtins compile to add/adc and
 * sub/sbb (or setc) on x86-64 and arm64, much tighter than the same chains
 * written with unsigned __int128; they never branch.
 */
static __always_inline u64 addc(u64 a, u64 b, u64 c, u64 *r)
{
	u64 s, c1, c2;

	c1 = __builtin_add_overflow(a, b, &s);
	c2 = __builtin_add_overflow(s, c, r);
	return c1 | c2;
}

static __always_inline u64 subb(u64 a, u64 b, u64 c, u64 *r)
{
	u64 s, c1, c2;

	c1 = __builtin_sub_overflow(a, b, &s);
	c2 = __builtin_sub_overflow(s, c, r);
	return c1 | c2;
}

/* r = a - b over n limbs; returns the borrow (0 or 1) */
static __always_inline u64 sub_n(u64 *r, const u64 *a, const u64 *b, unsigned int n)
{
	u64 borrow = 0;
	unsigned int i;

	#pragma GCC unroll 8
	for (i = 0; i < n; i++)
		borrow = subb(a[i], b[i], borrow, &r[i]);
	return borrow;
}

static __always_inline u64 add_n(u64 *r, const u64 *a, const u64 *b, unsigned int n)
{
	u64 carry = 0;
	unsigned int i;

	#pragma GCC unroll 8
	for (i = 0; i < n; i++)
		carry = addc(a[i], b[i], carry, &r[i]);
	return carry;
}

/* all-ones if a < b, else 0 */
static u64 lt_mask(const u64 *a, const u64 *b, unsigned int n)
{
	u64 t[EC_LIMBS];

	return 0 - sub_n(t, a, b, n);
}

/* all-ones if a == 0, else 0 */
static u64 zero_mask(const u64 *a, unsigned int n)
{
	u64 acc = 0;
	unsigned int i;

	#pragma GCC unroll 8
	for (i = 0; i < n; i++)
		acc |= a[i];
	return ((acc | (0 - acc)) >> 63) - 1;
}

/* r = mask ? a : r */
static __always_inline void cmov(u64 *r, const u64 *a, u64 mask, unsigned int n)
{
	unsigned int i;

	#pragma GCC unroll 8
	for (i = 0; i < n; i++)
		r[i] ^= mask & (r[i] ^ a[i]);
}

/* r += m if mask, over n limbs */
static __always_inline void add_masked(u64 *r, const u64 *m, u64 mask,
				       unsigned int n)
{
	u64 carry = 0;
	unsigned int i;

#pragma GCC unroll 8
	for (i = 0; i < n; i++)
		carry = addc(r[i], m[i] & mask, carry, &r[i]);
}

/*
 * r = t - m if t >= m else t, where t has a carry word hi and t < 2m;
 * r may alias t.  Subtract, then add m back if that went negative.
 */
static __always_inline void reduce_once(u64 *r, const u64 *t, u64 hi,
					const u64 *m, unsigned int n)
{
	u64 borrow;

	borrow = sub_n(r, t, m, n);
	add_masked(r, m, 0 - (borrow & (hi ^ 1)), n);
}

/*
 * r = a * b / R mod m (CIOS); a, b < m; r may alias a or b.  Inlined with
 * a constant n (and for the field primes a constant modulus), so the
 * compiler unrolls the loops and folds the modulus words.
 */
static __always_inline void mont_mul_n(u64 *r, const u64 *a, const u64 *b,
			      const struct ec_mod *md, const unsigned int n)
{
	unsigned __int128 z;
	u64 t[EC_LIMBS + 2];
	unsigned int i, j;
	u64 c, mi;

	#pragma GCC unroll 8
	for (j = 0; j < n + 2; j++)
		t[j] = 0;
	#pragma GCC unroll 8
	for (i = 0; i < n; i++) {
		c = 0;
		#pragma GCC unroll 8
		for (j = 0; j < n; j++) {
			z = (unsigned __int128)a[j] * b[i] + t[j] + c;
			t[j] = (u64)z;
			c = (u64)(z >> 64);
		}
		z = (unsigned __int128)t[n] + c;
		t[n] = (u64)z;
		t[n + 1] = (u64)(z >> 64);

		mi = t[0] * md->minv;
		z = (unsigned __int128)mi * md->m[0] + t[0];
		c = (u64)(z >> 64);
		#pragma GCC unroll 8
		for (j = 1; j < n; j++) {
			z = (unsigned __int128)mi * md->m[j] + t[j] + c;
			t[j - 1] = (u64)z;
			c = (u64)(z >> 64);
		}
		z = (unsigned __int128)t[n] + c;
		t[n - 1] = (u64)z;
		t[n] = t[n + 1] + (u64)(z >> 64);
	}
	reduce_once(r, t, t[n], md->m, n);
}

/* r = a^2 / R mod m: half the products of mont_mul_n, then SOS reduction */
static __always_inline void mont_sqr_n(u64 *r, const u64 *a,
				       const struct ec_mod *md,
				       const unsigned int n)
{
	u64 t[2 * EC_LIMBS];
	unsigned __int128 z;
	unsigned int i, j;
	u64 c, mi, top;

#pragma GCC unroll 12
	for (i = 0; i < 2 * n; i++)
		t[i] = 0;
#pragma GCC unroll 8
	for (i = 0; i < n - 1; i++) {
		c = 0;
#pragma GCC unroll 8
		for (j = i + 1; j < n; j++) {
			z = (unsigned __int128)a[i] * a[j] + t[i + j] + c;
			t[i + j] = (u64)z;
			c = (u64)(z >> 64);
		}
		t[i + n] = c;
	}
	t[2 * n - 1] = t[2 * n - 2] >> 63;
#pragma GCC unroll 12
	for (i = 2 * n - 2; i > 0; i--)
		t[i] = t[i] << 1 | t[i - 1] >> 63;
	t[0] <<= 1;
	c = 0;
#pragma GCC unroll 8
	for (i = 0; i < n; i++) {
		z = (unsigned __int128)a[i] * a[i] + t[2 * i] + c;
		t[2 * i] = (u64)z;
		z = (unsigned __int128)t[2 * i + 1] + (u64)(z >> 64);
		t[2 * i + 1] = (u64)z;
		c = (u64)(z >> 64);
	}
	top = 0;
#pragma GCC unroll 8
	for (i = 0; i < n; i++) {
		mi = t[i] * md->minv;
		c = 0;
#pragma GCC unroll 8
		for (j = 0; j < n; j++) {
			z = (unsigned __int128)mi * md->m[j] + t[i + j] + c;
			t[i + j] = (u64)z;
			c = (u64)(z >> 64);
		}
		z = (unsigned __int128)t[i + n] + c + top;
		t[i + n] = (u64)z;
		top = (u64)(z >> 64);
	}
	reduce_once(r, t + n, top, md->m, n);
}

static __always_inline void mod_add_n(const struct ec_mod *md, u64 *r,
				      const u64 *a, const u64 *b,
				      const unsigned int n)
{
	u64 carry;

	carry = add_n(r, a, b, n);
	reduce_once(r, r, carry, md->m, n);
}

static __always_inline void mod_sub_n(const struct ec_mod *md, u64 *r,
				      const u64 *a, const u64 *b,
				      const unsigned int n)
{
	u64 borrow;

	borrow = sub_n(r, a, b, n);
	add_masked(r, md->m, 0 - borrow, n);
}

static noinline __maybe_unused void mont_mul4(u64 *r, const u64 *a, const u64 *b,
			       const struct ec_mod *md)
{
	mont_mul_n(r, a, b, md, 4);
}

static noinline void mont_mul6(u64 *r, const u64 *a, const u64 *b,
			       const struct ec_mod *md)
{
	mont_mul_n(r, a, b, md, 6);
}

static noinline __maybe_unused void mont_sqr4(u64 *r, const u64 *a, const struct ec_mod *md)
{
	mont_sqr_n(r, a, md, 4);
}

static noinline void mont_sqr6(u64 *r, const u64 *a, const struct ec_mod *md)
{
	mont_sqr_n(r, a, md, 6);
}

static __always_inline void p256_mul(u64 *r, const u64 *a, const u64 *b);
static __always_inline void p256_sqr(u64 *r, const u64 *a);
static void p384_mul(u64 *r, const u64 *a, const u64 *b);
static void p384_sqr(u64 *r, const u64 *a);

/* the order of P-256, the only 4-limb modulus besides the field prime */
static __always_inline void p256_ord_mul(u64 *r, const u64 *a, const u64 *b,
					 const struct ec_mod *md)
{
#ifdef TWI_EC_P256_ASM
	if (a == b)
		p256_ord_sqr_x86(r, a);
	else
		p256_ord_mul_x86(r, a, b);
#else
	if (a == b)
		mont_sqr4(r, a, md);
	else
		mont_mul4(r, a, b, md);
#endif
}

/* generic entry points for the less frequent operations */
static void mod_sqr(const struct ec_mod *md, u64 *r, const u64 *a)
{
	if (md->field)
		md->n == 4 ? p256_sqr(r, a) : p384_sqr(r, a);
	else if (md->n == 4)
		p256_ord_mul(r, a, a, md);
	else
		mont_sqr6(r, a, md);
}

static void mod_mul(const struct ec_mod *md, u64 *r, const u64 *a,
		    const u64 *b)
{
	if (md->field)
		md->n == 4 ? p256_mul(r, a, b) : p384_mul(r, a, b);
	else if (md->n == 4)
		p256_ord_mul(r, a, b, md);
	else
		mont_mul6(r, a, b, md);
}

static void mod_add(const struct ec_mod *md, u64 *r, const u64 *a,
		    const u64 *b)
{
	if (md->n == 4)
		mod_add_n(md, r, a, b, 4);
	else
		mod_add_n(md, r, a, b, 6);
}

static void mod_sub(const struct ec_mod *md, u64 *r, const u64 *a,
		    const u64 *b)
{
	if (md->n == 4)
		mod_sub_n(md, r, a, b, 4);
	else
		mod_sub_n(md, r, a, b, 6);
}

static void to_mont(const struct ec_mod *md, u64 *r, const u64 *a)
{
	mod_mul(md, r, a, md->rr);
}

static void from_mont(const struct ec_mod *md, u64 *r, const u64 *a)
{
	u64 one[EC_LIMBS] = { 1 };

	mod_mul(md, r, a, one);
}

static unsigned int get_bit(const u64 *a, unsigned int i)
{
	return (a[i / 64] >> (i % 64)) & 1;
}

/*
 * r = a^(m-2) = a^-1 (Fermat), Montgomery in and out, with a sliding
 * window of up to INV_WIN bits over the exponent.  The exponent is
 * public, so the windows may index and branch on it; the sequence of
 * operations is the same for every a.
 */
#define INV_WIN	5

static noinline void mod_inv(const struct ec_mod *md, u64 *r, const u64 *a)
{
	u64 tab[1 << (INV_WIN - 1)][EC_LIMBS];
	u64 acc[EC_LIMBS];
	unsigned int w, d, j;
	bool started = false;
	int i;

	memcpy(tab[0], a, sizeof(tab[0]));
	mod_sqr(md, acc, a);
	for (j = 1; j < ARRAY_SIZE(tab); j++)
		mod_mul(md, tab[j], tab[j - 1], acc);
	for (i = 64 * md->n - 1; i >= 0; i -= w) {
		w = 1;
		if (get_bit(md->e, i)) {
			/* the widest window from bit i that ends in a one */
			w = i + 1 < INV_WIN ? i + 1 : INV_WIN;
			while (!get_bit(md->e, i - w + 1))
				w--;
		}
		d = 0;
		for (j = 0; j < w; j++) {
			d = d << 1 | get_bit(md->e, i - j);
			if (started)
				mod_sqr(md, acc, acc);
		}
		if (!d)
			continue;
		if (started) {
			mod_mul(md, acc, acc, tab[d / 2]);
		} else {
			memcpy(acc, tab[d / 2], sizeof(acc));
			started = true;
		}
	}
	memcpy(r, acc, md->n * sizeof(u64));
	twi_wipe(tab, sizeof(tab));
	twi_wipe(acc, sizeof(acc));
}

/*
 * ---- variable-time inversion: Bernstein-Yang divsteps ----
 *
 * r = a^-1 mod m for public a (verification, and values blinded before
 * they get here).  "Fast constant-time gcd computation and modular
 * inversion" (Bernstein and Yang, 2019) shrinks f = m and g = a with
 * divsteps; every 62 of them are gathered into a 2x2 matrix that works
 * on 64-bit words only and is then applied to the full f, g and to the
 * Bezout coefficients d, e, which keep d a = f and e a = g (mod m), each
 * divided by 2^62 too.  When g reaches 0, f = +-1 and a^-1 = +-d.  This
 * variant stops as soon as g is 0 and runs of zero bits are skipped at
 * once, so it is variable time.
 *
 * Numbers are held in signed base 2^62: limbs 0 .. len-2 in [0, 2^62),
 * the top limb signed.  BY_LIMBS = 7 holds the 385 bits P-384 needs.
 */
#define BY_LIMBS	7
#define BY_MASK		(~0ULL >> 2)

struct by_matrix {
	s64 u, v, q, r;
};

/* limbs of the modulus and m^-1 mod 2^62 */
struct by_mod {
	s64 m[BY_LIMBS];
	u64 minv;
	unsigned int len;
};

static unsigned int by_len(unsigned int n)
{
	return (64 * n + 1 + 61) / 62;
}

static void by_from_words(s64 *r, const u64 *a, unsigned int n)
{
	unsigned int i, len = by_len(n), bit, w, sh;
	u64 v;

	for (i = 0; i < len; i++) {
		bit = 62 * i;
		w = bit / 64;
		sh = bit % 64;
		v = w < n ? a[w] >> sh : 0;
		if (sh > 2 && w + 1 < n)
			v |= a[w + 1] << (64 - sh);
		r[i] = (s64)(v & BY_MASK);
	}
}

/* a in [0, m): back to 64-bit words */
static void by_to_words(u64 *r, const s64 *a, unsigned int n)
{
	unsigned int i, len = by_len(n), bit, w, sh;

	memset(r, 0, n * sizeof(u64));
	for (i = 0; i < len; i++) {
		bit = 62 * i;
		w = bit / 64;
		sh = bit % 64;
		if (w < n)
			r[w] |= (u64)a[i] << sh;
		if (sh > 2 && w + 1 < n)
			r[w + 1] |= (u64)a[i] >> (64 - sh);
	}
}

static void by_setup(struct by_mod *bm, const struct ec_mod *md)
{
	u64 inv = md->m[0];
	unsigned int i;

	bm->len = by_len(md->n);
	by_from_words(bm->m, md->m, md->n);
	for (i = 0; i < 6; i++)		/* Newton: doubles the correct bits */
		inv *= 2 - md->m[0] * inv;
	bm->minv = inv & BY_MASK;
}

/*
 * 62 divsteps on the low words of f and g (f odd), from eta = -delta.
 * Each round removes the run of zeros at the bottom of g, swaps f and g
 * (negating one) when eta < 0, and adds to g the multiple of f that
 * clears its low min(eta + 1, steps left, 6) bits, which stands for as
 * many divsteps that do not swap.  The matrix t satisfies
 * 2^62 (f', g') = t (f, g).
 */
static s64 by_divsteps(s64 eta, u64 f, u64 g, struct by_matrix *t)
{
	u64 u = 1, v = 0, q = 0, r = 1, x, w, mask, finv;
	unsigned int i = 62, z, lim;

	for (;;) {
		z = __builtin_ctzll(g | (~0ULL << i));
		g >>= z;
		u <<= z;
		v <<= z;
		eta -= z;
		i -= z;
		if (!i)
			break;
		if (eta < 0) {
			eta = -eta;
			x = f;
			f = g;
			g = -x;
			x = u;
			u = q;
			q = -x;
			x = v;
			v = r;
			r = -x;
		}
		lim = eta + 1 < (s64)i ? (unsigned int)eta + 1 : i;
		if (lim > 6)
			lim = 6;
		mask = (1ULL << lim) - 1;
		finv = f * (2 - f * f);		/* f^-1 mod 2^6 (f^2 = 1 mod 8) */
		w = (0 - g * finv) & mask;
		g += f * w;
		q += u * w;
		r += v * w;
	}
	t->u = (s64)u;
	t->v = (s64)v;
	t->q = (s64)q;
	t->r = (s64)r;
	return eta;
}

/* (f, g) = t (f, g) / 2^62, exactly */
static void by_update_fg(s64 *f, s64 *g, const struct by_matrix *t,
			 unsigned int len)
{
	__int128 cf, cg;
	unsigned int i;

	cf = (__int128)t->u * f[0] + (__int128)t->v * g[0];
	cg = (__int128)t->q * f[0] + (__int128)t->r * g[0];
	cf >>= 62;
	cg >>= 62;
	for (i = 1; i < len; i++) {
		cf += (__int128)t->u * f[i] + (__int128)t->v * g[i];
		cg += (__int128)t->q * f[i] + (__int128)t->r * g[i];
		f[i - 1] = (s64)((u64)cf & BY_MASK);
		g[i - 1] = (s64)((u64)cg & BY_MASK);
		cf >>= 62;
		cg >>= 62;
	}
	f[len - 1] = (s64)cf;
	g[len - 1] = (s64)cg;
}

/*
 * (d, e) = t (d, e) / 2^62 mod m.  Multiples md, me of m are added to
 * make the low 62 bits zero; with d, e in (-2m, m) on entry (adding m
 * first for a negative one), they stay in (-2m, m).
 */
static void by_update_de(s64 *d, s64 *e, const struct by_matrix *t,
			 const struct by_mod *bm)
{
	s64 sd = d[bm->len - 1] >> 63, se = e[bm->len - 1] >> 63;
	s64 md = (t->u & sd) + (t->v & se), me = (t->q & sd) + (t->r & se);
	__int128 cd, ce;
	unsigned int i;

	cd = (__int128)t->u * d[0] + (__int128)t->v * e[0];
	ce = (__int128)t->q * d[0] + (__int128)t->r * e[0];
	md -= (s64)((bm->minv * (u64)cd + (u64)md) & BY_MASK);
	me -= (s64)((bm->minv * (u64)ce + (u64)me) & BY_MASK);
	cd += (__int128)bm->m[0] * md;
	ce += (__int128)bm->m[0] * me;
	cd >>= 62;
	ce >>= 62;
	for (i = 1; i < bm->len; i++) {
		cd += (__int128)t->u * d[i] + (__int128)t->v * e[i] +
		      (__int128)bm->m[i] * md;
		ce += (__int128)t->q * d[i] + (__int128)t->r * e[i] +
		      (__int128)bm->m[i] * me;
		d[i - 1] = (s64)((u64)cd & BY_MASK);
		e[i - 1] = (s64)((u64)ce & BY_MASK);
		cd >>= 62;
		ce >>= 62;
	}
	d[bm->len - 1] = (s64)cd;
	e[bm->len - 1] = (s64)ce;
}

/* d += c m, c in {-1, 0, 1}, limbs carried back into [0, 2^62) */
static void by_add_m(s64 *d, s64 c, const struct by_mod *bm)
{
	s64 carry = 0;
	unsigned int i;

	for (i = 0; i < bm->len; i++) {
		carry += d[i] + c * bm->m[i];
		if (i + 1 < bm->len) {
			d[i] = (s64)((u64)carry & BY_MASK);
			carry >>= 62;
		} else {
			d[i] = carry;
		}
	}
}

/* d >= m, for d >= 0 with carried limbs */
static bool by_ge_m(const s64 *d, const struct by_mod *bm)
{
	unsigned int i = bm->len;

	while (i--) {
		if (d[i] != bm->m[i])
			return d[i] > bm->m[i];
	}
	return true;
}

static noinline void inv_public(const struct ec_mod *md, u64 *r, const u64 *a)
{
	s64 f[BY_LIMBS], g[BY_LIMBS], d[BY_LIMBS] = { 0 }, e[BY_LIMBS] = { 1 };
	struct by_matrix t;
	struct by_mod bm;
	unsigned int len, i;
	s64 eta = -1, fn, gn, any;

	by_setup(&bm, md);
	len = bm.len;
	memcpy(f, bm.m, sizeof(f));
	by_from_words(g, a, md->n);
	for (;;) {
		eta = by_divsteps(eta, f[0], g[0], &t);
		by_update_de(d, e, &t, &bm);
		by_update_fg(f, g, &t, len);
		if (!g[0]) {
			any = 0;
			for (i = 1; i < len; i++)
				any |= g[i];
			if (!any)
				break;
		}
		/* drop a top limb that only extends the sign of both f and g */
		fn = f[len - 1];
		gn = g[len - 1];
		if (len > 1 && !((fn ^ (fn >> 63)) | (gn ^ (gn >> 63)))) {
			f[len - 2] |= (s64)((u64)fn << 62);
			g[len - 2] |= (s64)((u64)gn << 62);
			len--;
		}
	}
	/* f = +-1 and d a = f: a^-1 = f d, brought into [0, m) */
	if (f[len - 1] < 0) {
		for (i = 0; i < bm.len; i++)
			d[i] = -d[i];
		by_add_m(d, 0, &bm);
	}
	while (d[bm.len - 1] < 0)
		by_add_m(d, 1, &bm);
	while (by_ge_m(d, &bm))
		by_add_m(d, -1, &bm);
	by_to_words(r, d, md->n);
}

/*
 * The field primes as compile-time constants, so that the point formulas
 * below specialise fully; curve_setup() checks them against the curve
 * parameters.
 */
static const struct ec_mod p256_field = {
	.n = 4,
	.m = { 0xffffffffffffffffULL, 0x00000000ffffffffULL,
	       0x0000000000000000ULL, 0xffffffff00000001ULL },
	.minv = 1,
};

static const struct ec_mod p384_field = {
	.n = 6,
	.m = { 0x00000000ffffffffULL, 0xffffffff00000000ULL,
	       0xfffffffffffffffeULL, 0xffffffffffffffffULL,
	       0xffffffffffffffffULL, 0xffffffffffffffffULL },
	.minv = 0x0000000100000001ULL,
};

/*
 * Montgomery reduction of a 512-bit t for p = 2^256 - 2^224 + 2^192 +
 * 2^96 - 1.  Since -p^-1 = 1 mod 2^64, each step adds m * p * 2^(64i) with
 * m = t[i]: the low two words of p turn m * 2^64 * (2^32 - 1) + m into
 * m << 32 at word i+1 and m >> 32 at word i+2 (clearing word i), and only
 * the top word 0xffffffff00000001 needs a multiplication.  t < p^2, so
 * the result t / 2^256 is below 2p and one masked subtraction finishes.
 */
static __always_inline void p256_reduce(u64 *r, u64 *t)
{
	unsigned __int128 z;
	unsigned int i, j;
	u64 m, c, top = 0;

#pragma GCC unroll 4
	for (i = 0; i < 4; i++) {
		m = t[i];
		z = (unsigned __int128)m * 0xffffffff00000001ULL;
		c = addc(t[i + 1], m << 32, 0, &t[i + 1]);
		c = addc(t[i + 2], m >> 32, c, &t[i + 2]);
		c = addc(t[i + 3], (u64)z, c, &t[i + 3]);
		c = addc(t[i + 4], (u64)(z >> 64), c, &t[i + 4]);
#pragma GCC unroll 4
		for (j = i + 5; j < 8; j++)
			c = addc(t[j], 0, c, &t[j]);
		top += c;
	}
	reduce_once(r, t + 4, top, p256_field.m, 4);
}

static noinline __maybe_unused void p256_mul_c(u64 *r, const u64 *a,
					       const u64 *b)
{
	unsigned __int128 z;
	unsigned int i, j;
	u64 t[8], c;

#pragma GCC unroll 4
	for (i = 0; i < 4; i++) {
		c = 0;
#pragma GCC unroll 4
		for (j = 0; j < 4; j++) {
			z = (unsigned __int128)a[j] * b[i] + c;
			z += i ? t[i + j] : 0;
			t[i + j] = (u64)z;
			c = (u64)(z >> 64);
		}
		t[i + 4] = c;
	}
	p256_reduce(r, t);
}

static noinline void p384_mul(u64 *r, const u64 *a, const u64 *b)
{
	mont_mul_n(r, a, b, &p384_field, 6);
}

static noinline __maybe_unused void p256_sqr_c(u64 *r, const u64 *a)
{
	unsigned __int128 z;
	u64 t[8], c, hi;
	unsigned int i;

	/* cross products a[i] a[j], i < j, in t[1..6] */
	z = (unsigned __int128)a[0] * a[1];
	t[1] = (u64)z;
	z = (unsigned __int128)a[0] * a[2] + (u64)(z >> 64);
	t[2] = (u64)z;
	z = (unsigned __int128)a[0] * a[3] + (u64)(z >> 64);
	t[3] = (u64)z;
	t[4] = (u64)(z >> 64);
	z = (unsigned __int128)a[1] * a[2] + t[3];
	t[3] = (u64)z;
	z = (unsigned __int128)a[1] * a[3] + t[4] + (u64)(z >> 64);
	t[4] = (u64)z;
	t[5] = (u64)(z >> 64);
	z = (unsigned __int128)a[2] * a[3] + t[5];
	t[5] = (u64)z;
	t[6] = (u64)(z >> 64);
	/* double them, then add the squares */
	t[7] = t[6] >> 63;
	for (i = 6; i > 1; i--)
		t[i] = t[i] << 1 | t[i - 1] >> 63;
	t[1] <<= 1;
	z = (unsigned __int128)a[0] * a[0];
	t[0] = (u64)z;
	c = addc(t[1], (u64)(z >> 64), 0, &t[1]);
#pragma GCC unroll 3
	for (i = 1; i < 4; i++) {
		z = (unsigned __int128)a[i] * a[i];
		hi = (u64)(z >> 64);
		c = addc(t[2 * i], (u64)z, c, &t[2 * i]);
		c = addc(t[2 * i + 1], hi, c, &t[2 * i + 1]);
	}
	p256_reduce(r, t);
}

static noinline void p384_sqr(u64 *r, const u64 *a)
{
	mont_sqr_n(r, a, &p384_field, 6);
}

static __always_inline void p256_mul(u64 *r, const u64 *a, const u64 *b)
{
#ifdef TWI_EC_P256_ASM
	if (p256_adx)
		p256_mul_adx(r, a, b);
	else
		p256_mul_x86(r, a, b);
#else
	p256_mul_c(r, a, b);
#endif
}

static __always_inline void p256_sqr(u64 *r, const u64 *a)
{
#ifdef TWI_EC_P256_ASM
	p256_sqr_x86(r, a);
#else
	p256_sqr_c(r, a);
#endif
}

static __always_inline void p256_add(u64 *r, const u64 *a, const u64 *b)
{
#ifdef TWI_EC_P256_ASM
	p256_add_x86(r, a, b);
#else
	mod_add_n(&p256_field, r, a, b, 4);
#endif
}

static __always_inline void p256_sub(u64 *r, const u64 *a, const u64 *b)
{
#ifdef TWI_EC_P256_ASM
	p256_sub_x86(r, a, b);
#else
	mod_sub_n(&p256_field, r, a, b, 4);
#endif
}

static noinline void p384_add(u64 *r, const u64 *a, const u64 *b)
{
	mod_add_n(&p384_field, r, a, b, 6);
}

static noinline void p384_sub(u64 *r, const u64 *a, const u64 *b)
{
	mod_sub_n(&p384_field, r, a, b, 6);
}

/*
 * Field operations with the curve fixed at compile time, out of line to
 * keep the stack frames of the point formulas small.
 */
static __always_inline void fe_sqr(u64 *r, const u64 *a, const unsigned int n)
{
	if (n == 4)
		p256_sqr(r, a);
	else
		p384_sqr(r, a);
}

static __always_inline void fe_add(u64 *r, const u64 *a, const u64 *b,
				   const unsigned int n)
{
	if (n == 4)
		p256_add(r, a, b);
	else
		p384_add(r, a, b);
}

/* the same with P-256 inlined, for the formulas with few temporaries */
static __always_inline void fe_add_inl(u64 *r, const u64 *a, const u64 *b,
				       const unsigned int n)
{
	if (n == 4)
		p256_add(r, a, b);
	else
		p384_add(r, a, b);
}

static __always_inline void fe_sub_inl(u64 *r, const u64 *a, const u64 *b,
				       const unsigned int n)
{
	if (n == 4)
		p256_sub(r, a, b);
	else
		p384_sub(r, a, b);
}

static __always_inline void fe_sub(u64 *r, const u64 *a, const u64 *b,
				   const unsigned int n)
{
	if (n == 4)
		p256_sub(r, a, b);
	else
		p384_sub(r, a, b);
}

static __always_inline void fe_mul(u64 *r, const u64 *a, const u64 *b,
				   const unsigned int n)
{
	if (n == 4)
		p256_mul(r, a, b);
	else
		p384_mul(r, a, b);
}

/* ---- point arithmetic (a = -3), complete formulas ---- */

#define FMUL(r, a, b)	fe_mul(r, a, b, n)
#define FSQR(r, a)	fe_sqr(r, a, n)
#define FADD(r, a, b)	fe_add(r, a, b, n)
#define FSUB(r, a, b)	fe_sub(r, a, b, n)

/* r = p + q (RCB 2016, algorithm 4); r may alias p or q */
static __always_inline void point_add_n(const struct ec_curve *c, struct ec_point *r,
			       const struct ec_point *p,
			       const struct ec_point *q,
				      const unsigned int n)
{
	u64 t0[EC_LIMBS], t1[EC_LIMBS], t2[EC_LIMBS], t3[EC_LIMBS];
	u64 t4[EC_LIMBS], x3[EC_LIMBS], y3[EC_LIMBS], z3[EC_LIMBS];

	FMUL(t0, p->x, q->x);
	FMUL(t1, p->y, q->y);
	FMUL(t2, p->z, q->z);
	FADD(t3, p->x, p->y);
	FADD(t4, q->x, q->y);
	FMUL(t3, t3, t4);
	FADD(t4, t0, t1);
	FSUB(t3, t3, t4);
	FADD(t4, p->y, p->z);
	FADD(x3, q->y, q->z);
	FMUL(t4, t4, x3);
	FADD(x3, t1, t2);
	FSUB(t4, t4, x3);
	FADD(x3, p->x, p->z);
	FADD(y3, q->x, q->z);
	FMUL(x3, x3, y3);
	FADD(y3, t0, t2);
	FSUB(y3, x3, y3);
	FMUL(z3, c->b, t2);
	FSUB(x3, y3, z3);
	FADD(z3, x3, x3);
	FADD(x3, x3, z3);
	FSUB(z3, t1, x3);
	FADD(x3, t1, x3);
	FMUL(y3, c->b, y3);
	FADD(t1, t2, t2);
	FADD(t2, t1, t2);
	FSUB(y3, y3, t2);
	FSUB(y3, y3, t0);
	FADD(t1, y3, y3);
	FADD(y3, t1, y3);
	FADD(t1, t0, t0);
	FADD(t0, t1, t0);
	FSUB(t0, t0, t2);
	FMUL(t1, t4, y3);
	FMUL(t2, t0, y3);
	FMUL(y3, x3, z3);
	FADD(y3, y3, t2);
	FMUL(x3, t3, x3);
	FSUB(x3, x3, t1);
	FMUL(z3, t4, z3);
	FMUL(t1, t3, t0);
	FADD(z3, z3, t1);
	memcpy(r->x, x3, n * sizeof(u64));
	memcpy(r->y, y3, n * sizeof(u64));
	memcpy(r->z, z3, n * sizeof(u64));
}

/* r = p + q, q affine and not infinity (RCB 2016, algorithm 5) */
static __always_inline void point_add_mixed_n(const struct ec_curve *c,
				     struct ec_point *r,
				     const struct ec_point *p,
				     const struct ec_affine *q,
				      const unsigned int n)
{
	u64 t0[EC_LIMBS], t1[EC_LIMBS], t2[EC_LIMBS], t3[EC_LIMBS];
	u64 t4[EC_LIMBS], x3[EC_LIMBS], y3[EC_LIMBS], z3[EC_LIMBS];

	FMUL(t0, p->x, q->x);
	FMUL(t1, p->y, q->y);
	FADD(t3, q->x, q->y);
	FADD(t4, p->x, p->y);
	FMUL(t3, t3, t4);
	FADD(t4, t0, t1);
	FSUB(t3, t3, t4);
	FMUL(t4, q->y, p->z);
	FADD(t4, t4, p->y);
	FMUL(y3, q->x, p->z);
	FADD(y3, y3, p->x);
	FMUL(z3, c->b, p->z);
	FSUB(x3, y3, z3);
	FADD(z3, x3, x3);
	FADD(x3, x3, z3);
	FSUB(z3, t1, x3);
	FADD(x3, t1, x3);
	FMUL(y3, c->b, y3);
	FADD(t1, p->z, p->z);
	FADD(t2, t1, p->z);
	FSUB(y3, y3, t2);
	FSUB(y3, y3, t0);
	FADD(t1, y3, y3);
	FADD(y3, t1, y3);
	FADD(t1, t0, t0);
	FADD(t0, t1, t0);
	FSUB(t0, t0, t2);
	FMUL(t1, t4, y3);
	FMUL(t2, t0, y3);
	FMUL(y3, x3, z3);
	FADD(y3, y3, t2);
	FMUL(x3, t3, x3);
	FSUB(x3, x3, t1);
	FMUL(z3, t4, z3);
	FMUL(t1, t3, t0);
	FADD(z3, z3, t1);
	memcpy(r->x, x3, n * sizeof(u64));
	memcpy(r->y, y3, n * sizeof(u64));
	memcpy(r->z, z3, n * sizeof(u64));
}

/* r = 2p (RCB 2016, algorithm 6); r may alias p */
static __always_inline void point_dbl_n(const struct ec_curve *c, struct ec_point *r,
			       const struct ec_point *p,
				      const unsigned int n)
{
	u64 t0[EC_LIMBS], t1[EC_LIMBS], t2[EC_LIMBS], t3[EC_LIMBS];
	u64 x3[EC_LIMBS], y3[EC_LIMBS], z3[EC_LIMBS];

	FSQR(t0, p->x);
	FSQR(t1, p->y);
	FSQR(t2, p->z);
	FMUL(t3, p->x, p->y);
	FADD(t3, t3, t3);
	FMUL(z3, p->x, p->z);
	FADD(z3, z3, z3);
	FMUL(y3, c->b, t2);
	FSUB(y3, y3, z3);
	FADD(x3, y3, y3);
	FADD(y3, x3, y3);
	FSUB(x3, t1, y3);
	FADD(y3, t1, y3);
	FMUL(y3, x3, y3);
	FMUL(x3, x3, t3);
	FADD(t3, t2, t2);
	FADD(t2, t2, t3);
	FMUL(z3, c->b, z3);
	FSUB(z3, z3, t2);
	FSUB(z3, z3, t0);
	FADD(t3, z3, z3);
	FADD(z3, z3, t3);
	FADD(t3, t0, t0);
	FADD(t0, t3, t0);
	FSUB(t0, t0, t2);
	FMUL(t0, t0, z3);
	FADD(y3, y3, t0);
	FMUL(t0, p->y, p->z);
	FADD(t0, t0, t0);
	FMUL(z3, t0, z3);
	FSUB(x3, x3, z3);
	FMUL(z3, t0, t1);
	FADD(z3, z3, z3);
	FADD(z3, z3, z3);
	memcpy(r->x, x3, n * sizeof(u64));
	memcpy(r->y, y3, n * sizeof(u64));
	memcpy(r->z, z3, n * sizeof(u64));
}

#undef FMUL
#undef FSQR
#undef FADD
#undef FSUB

static noinline void point_add4(const struct ec_curve *c, struct ec_point *r,
				const struct ec_point *p,
				const struct ec_point *q)
{
	point_add_n(c, r, p, q, 4);
}

static noinline void point_add6(const struct ec_curve *c, struct ec_point *r,
				const struct ec_point *p,
				const struct ec_point *q)
{
	point_add_n(c, r, p, q, 6);
}

static noinline void point_add_mixed4(const struct ec_curve *c,
				      struct ec_point *r,
				      const struct ec_point *p,
				      const struct ec_affine *q)
{
	point_add_mixed_n(c, r, p, q, 4);
}

static noinline void point_add_mixed6(const struct ec_curve *c,
				      struct ec_point *r,
				      const struct ec_point *p,
				      const struct ec_affine *q)
{
	point_add_mixed_n(c, r, p, q, 6);
}

static noinline void point_dbl4(const struct ec_curve *c, struct ec_point *r,
				const struct ec_point *p)
{
	point_dbl_n(c, r, p, 4);
}

static noinline void point_dbl6(const struct ec_curve *c, struct ec_point *r,
				const struct ec_point *p)
{
	point_dbl_n(c, r, p, 6);
}

static void point_add(const struct ec_curve *c, struct ec_point *r,
		      const struct ec_point *p, const struct ec_point *q)
{
	if (c->p.n == 4)
		point_add4(c, r, p, q);
	else
		point_add6(c, r, p, q);
}

static void point_add_mixed(const struct ec_curve *c, struct ec_point *r,
			    const struct ec_point *p,
			    const struct ec_affine *q)
{
	if (c->p.n == 4)
		point_add_mixed4(c, r, p, q);
	else
		point_add_mixed6(c, r, p, q);
}

static void point_dbl(const struct ec_curve *c, struct ec_point *r,
		      const struct ec_point *p)
{
	if (c->p.n == 4)
		point_dbl4(c, r, p);
	else
		point_dbl6(c, r, p);
}

/*
 * Jacobian coordinates (x = X/Z^2, y = Y/Z^3) for verification only: the
 * formulas are cheaper but not complete, so the callers branch on the
 * special cases, which is fine for public data.
 */
#define FMUL(r, a, b)	fe_mul(r, a, b, n)
#define FSQR(r, a)	fe_sqr(r, a, n)
#define FADD(r, a, b)	fe_add_inl(r, a, b, n)
#define FSUB(r, a, b)	fe_sub_inl(r, a, b, n)

/* r = 2p, a = -3 (dbl-2001-b); p not infinity or Z = 0 stays 0 */
static __always_inline void jac_dbl_n(struct ec_point *r,
				      const struct ec_point *p,
				      const unsigned int n)
{
	u64 delta[EC_LIMBS], gamma[EC_LIMBS], beta[EC_LIMBS];
	u64 alpha[EC_LIMBS], t[EC_LIMBS], u[EC_LIMBS];

	FSQR(delta, p->z);
	FSQR(gamma, p->y);
	FMUL(beta, p->x, gamma);
	FSUB(t, p->x, delta);
	FADD(u, p->x, delta);
	FMUL(alpha, t, u);
	FADD(t, alpha, alpha);
	FADD(alpha, alpha, t);
	/* Z3 = (Y + Z)^2 - gamma - delta */
	FADD(t, p->y, p->z);
	FSQR(t, t);
	FSUB(t, t, gamma);
	FSUB(r->z, t, delta);
	/* X3 = alpha^2 - 8 beta */
	FADD(beta, beta, beta);
	FADD(beta, beta, beta);
	FADD(u, beta, beta);
	FSQR(t, alpha);
	FSUB(r->x, t, u);
	/* Y3 = alpha (4 beta - X3) - 8 gamma^2 */
	FSUB(t, beta, r->x);
	FMUL(t, alpha, t);
	FSQR(gamma, gamma);
	FADD(gamma, gamma, gamma);
	FADD(gamma, gamma, gamma);
	FADD(gamma, gamma, gamma);
	FSUB(r->y, t, gamma);
}

/*
 * r = p + q, q with z2 (NULL: affine, Z2 = 1), neither infinity.  Returns
 * 1 when done; when p and q share x (H = 0) returns 0 if p == q (the
 * caller doubles) and -1 if p == -q, leaving r untouched.
 */
static __always_inline int jac_add_n(struct ec_point *r,
				      const struct ec_point *p,
				      const u64 *x2, const u64 *y2,
				      const u64 *z2,
				      const unsigned int n)
{
	u64 u1[EC_LIMBS], s1[EC_LIMBS], u2[EC_LIMBS], s2[EC_LIMBS];
	u64 h[EC_LIMBS], rr[EC_LIMBS], t[EC_LIMBS], hh[EC_LIMBS];

	if (z2) {
		FSQR(t, z2);
		FMUL(u1, p->x, t);
		FMUL(t, t, z2);
		FMUL(s1, p->y, t);
	} else {
		memcpy(u1, p->x, n * sizeof(u64));
		memcpy(s1, p->y, n * sizeof(u64));
	}
	FSQR(t, p->z);
	FMUL(u2, x2, t);
	FMUL(t, t, p->z);
	FMUL(s2, y2, t);
	FSUB(h, u2, u1);
	FSUB(rr, s2, s1);
	if (zero_mask(h, n))
		return zero_mask(rr, n) ? 0 : -1;
	/* Z3 = Z1 Z2 H */
	FMUL(r->z, p->z, h);
	if (z2)
		FMUL(r->z, r->z, z2);
	FSQR(hh, h);
	FMUL(h, hh, h);			/* H^3 */
	FMUL(u1, u1, hh);		/* U1 H^2 */
	FSQR(t, rr);
	FSUB(t, t, h);
	FSUB(t, t, u1);
	FSUB(r->x, t, u1);
	FSUB(t, u1, r->x);
	FMUL(t, rr, t);
	FMUL(s1, s1, h);
	FSUB(r->y, t, s1);
	return 1;
}

#undef FMUL
#undef FSQR
#undef FADD
#undef FSUB

static noinline void jac_dbl4(struct ec_point *r, const struct ec_point *p)
{
	jac_dbl_n(r, p, 4);
}

static noinline void jac_dbl6(struct ec_point *r, const struct ec_point *p)
{
	jac_dbl_n(r, p, 6);
}

static noinline int jac_add4(struct ec_point *r, const struct ec_point *p,
			      const u64 *x2, const u64 *y2, const u64 *z2)
{
	return jac_add_n(r, p, x2, y2, z2, 4);
}

static noinline int jac_add6(struct ec_point *r, const struct ec_point *p,
			      const u64 *x2, const u64 *y2, const u64 *z2)
{
	return jac_add_n(r, p, x2, y2, z2, 6);
}

static void jac_dbl(const struct ec_curve *c, struct ec_point *r,
		    const struct ec_point *p)
{
	if (c->p.n == 4)
		jac_dbl4(r, p);
	else
		jac_dbl6(r, p);
}

/* r = p + q in Jacobian coordinates, any inputs; z2 NULL for affine q */
static void jac_add(const struct ec_curve *c, struct ec_point *r,
		    const struct ec_point *p, const u64 *x2, const u64 *y2,
		    const u64 *z2)
{
	struct ec_point q;
	unsigned int n = c->p.n;
	int done = 2;			/* p = infinity: r = q */

	if (z2 && zero_mask(z2, n))
		return;				/* q = infinity: r = p */
	if (!zero_mask(p->z, n)) {
		done = n == 4 ? jac_add4(r, p, x2, y2, z2) :
				jac_add6(r, p, x2, y2, z2);
		if (done > 0)
			return;			/* the common case */
	}
	if (done < 0) {
		memset(r, 0, sizeof(*r));	/* p = -q: infinity */
		return;
	}
	memset(&q, 0, sizeof(q));
	memcpy(q.x, x2, n * sizeof(u64));
	memcpy(q.y, y2, n * sizeof(u64));
	memcpy(q.z, z2 ? z2 : c->p.one, n * sizeof(u64));
	if (done == 0)
		jac_dbl(c, r, &q);		/* p = q */
	else
		*r = q;
}

#define FMUL(r, a, b)	mod_mul(&c->p, r, a, b)
#define FADD(r, a, b)	mod_add(&c->p, r, a, b)
#define FSUB(r, a, b)	mod_sub(&c->p, r, a, b)

static void point_set_inf(const struct ec_curve *c, struct ec_point *r)
{
	memset(r, 0, sizeof(*r));
	memcpy(r->y, c->p.one, sizeof(r->y));
}

static void point_from_affine(const struct ec_curve *c, struct ec_point *r,
			      const struct ec_affine *a)
{
	memcpy(r->x, a->x, sizeof(r->x));
	memcpy(r->y, a->y, sizeof(r->y));
	memcpy(r->z, c->p.one, sizeof(r->z));
}

/* affine coordinates of p, which must not be infinity */
static void point_to_affine(const struct ec_curve *c, struct ec_affine *r,
			    const struct ec_point *p)
{
	u64 zi[EC_LIMBS];

	mod_inv(&c->p, zi, p->z);
	FMUL(r->x, p->x, zi);
	FMUL(r->y, p->y, zi);
	twi_wipe(zi, sizeof(zi));
}

/* ---- fixed-base comb: k*G ---- */

/* bits [pos, pos + w) of k, w < 64; k has limbs + 1 words, the top zero */
static unsigned int get_bits(const u64 *k, unsigned int pos, unsigned int w)
{
	unsigned int i = pos / 64, sh = pos % 64;
	u64 v = k[i] >> sh;

	if (sh + w > 64)
		v |= k[i + 1] << (64 - sh);
	return (unsigned int)(v & ((1ULL << w) - 1));
}

/*
 * Signed digits d[i] in [1 - 2^(w-1), 2^(w-1)] with k = sum d[i] 2^(w i),
 * w = comb_w; windows * w > bits, so the last digit takes the final carry.
 * Constant time: the positions read are public.
 */
static void recode_signed(const struct ec_curve *c, const u64 *k,
			  signed char *d)
{
	unsigned int i, carry = 0, v, w = c->comb_w;
	u64 t[EC_LIMBS + 1];

	memcpy(t, k, c->q.n * sizeof(u64));
	t[c->q.n] = 0;
	for (i = 0; i < c->windows - 1; i++) {
		v = get_bits(t, w * i, w) + carry;
		carry = (v + (1u << (w - 1)) - 1) >> w;
		d[i] = (signed char)(v - (carry << w));
	}
	d[i] = (signed char)(get_bits(t, w * i, w) + carry);
	twi_wipe(t, sizeof(t));
}

static unsigned int comb_row(const struct ec_curve *c)
{
	return 1u << (c->comb_w - 1);
}

static const u64 *comb_entry(const struct ec_curve *c, unsigned int w,
			     unsigned int j)
{
	return c->comb + ((size_t)w * comb_row(c) + j) * 2 * c->p.n;
}

/*
 * sel = |d| * 2^(w comb_w) * G negated if d < 0; zero if d == 0.  Reads
 * the whole row and keeps the wanted entry with a mask.
 */
static __always_inline void comb_select_n(const struct ec_curve *c,
					  struct ec_affine *sel,
					  unsigned int w, int d,
					  const unsigned int n)
{
	u32 neg = (u32)d >> 31;
	u32 abs = ((u32)d ^ (0 - neg)) + neg;
	unsigned int row = comb_row(c), i, j;
	const u64 *e = comb_entry(c, w, 0);
	u64 x[EC_LIMBS], y[EC_LIMBS];
	u64 mask;

	memset(x, 0, sizeof(x));
	memset(y, 0, sizeof(y));
	for (j = 0; j < row; j++, e += 2 * n) {
		mask = 0 - (u64)(((abs ^ (j + 1)) - 1) >> 31);
#pragma GCC unroll 6
		for (i = 0; i < n; i++) {
			x[i] |= e[i] & mask;
			y[i] |= e[n + i] & mask;
		}
	}
	memcpy(sel->x, x, n * sizeof(u64));
	memset(sel->y, 0, sizeof(sel->y));
	fe_sub(sel->y, sel->y, y, n);
	cmov(sel->y, y, (u64)neg - 1, n);
	twi_wipe(x, sizeof(x));
	twi_wipe(y, sizeof(y));
}

/*
 * The same for P-256 with the accumulators in named variables, which the
 * compiler keeps in registers for the whole scan (it spills arrays).
 */
static void comb_select4(const struct ec_curve *c, struct ec_affine *sel,
			 unsigned int w, int d)
{
	u64 x0 = 0, x1 = 0, x2 = 0, x3 = 0, y0 = 0, y1 = 0, y2 = 0, y3 = 0;
	static const u64 zero[4];
	u32 neg = (u32)d >> 31;
	u32 abs = ((u32)d ^ (0 - neg)) + neg;
	unsigned int row = comb_row(c), j;
	const u64 *e = comb_entry(c, w, 0);
	u64 mask, ny[4];

	for (j = 0; j < row; j++, e += 8) {
		mask = 0 - (u64)(((abs ^ (j + 1)) - 1) >> 31);
		x0 |= e[0] & mask;
		x1 |= e[1] & mask;
		x2 |= e[2] & mask;
		x3 |= e[3] & mask;
		y0 |= e[4] & mask;
		y1 |= e[5] & mask;
		y2 |= e[6] & mask;
		y3 |= e[7] & mask;
	}
	sel->x[0] = x0;
	sel->x[1] = x1;
	sel->x[2] = x2;
	sel->x[3] = x3;
	sel->y[0] = y0;
	sel->y[1] = y1;
	sel->y[2] = y2;
	sel->y[3] = y3;
	/* y = p - y (or 0) for a negative digit */
	p256_sub(ny, zero, sel->y);
	cmov(sel->y, ny, 0 - (u64)neg, 4);
}

static noinline void comb_select(const struct ec_curve *c,
				 struct ec_affine *sel, unsigned int w, int d)
{
	if (c->p.n == 4)
		comb_select4(c, sel, w, d);
	else
		comb_select_n(c, sel, w, d, 6);
}

/* all-ones if the digit is not zero */
static u64 digit_mask(signed char d)
{
	u32 v = (u8)d;

	return 0 - (u64)((v | (0 - v)) >> 31);
}

/*
 * r = p + q for Jacobian p and affine q (madd-2007-bl, 7M + 4S), without
 * branches.  Wrong when p is infinity or p = +-q; comb_mul_p256() masks
 * the first case and shows the second cannot occur where it is used.
 */
static noinline void jac_madd_ct4(struct ec_point *r, const struct ec_point *p,
				  const struct ec_affine *q)
{
	u64 zz[4], h[4], hh[4], i[4], j[4], rr[4], v[4], t[4];

	p256_sqr(zz, p->z);
	p256_mul(h, q->x, zz);
	p256_sub(h, h, p->x);			/* H = X2 Z1^2 - X1 */
	p256_mul(t, p->z, zz);
	p256_mul(t, q->y, t);
	p256_sub(rr, t, p->y);
	p256_add(rr, rr, rr);			/* r = 2 (Y2 Z1^3 - Y1) */
	p256_sqr(hh, h);
	p256_add(i, hh, hh);
	p256_add(i, i, i);			/* I = 4 H^2 */
	p256_mul(j, h, i);			/* J = H I */
	p256_mul(v, p->x, i);			/* V = X1 I */
	p256_add(t, p->z, h);
	p256_sqr(t, t);
	p256_sub(t, t, zz);
	p256_sub(r->z, t, hh);			/* Z3 = (Z1 + H)^2 - Z1^2 - H^2 */
	p256_mul(t, p->y, j);
	p256_add(j, j, v);
	p256_add(j, j, v);
	p256_sqr(hh, rr);
	p256_sub(r->x, hh, j);			/* X3 = r^2 - J - 2 V */
	p256_sub(v, v, r->x);
	p256_mul(v, rr, v);
	p256_add(t, t, t);
	p256_sub(r->y, v, t);			/* Y3 = r (V - X3) - 2 Y1 J */
}

/*
 * k*G on P-256 in constant time, in Jacobian coordinates.  Every window
 * adds and zero digits are discarded with a mask; while the sum is still
 * infinity (all digits so far zero) the selected point replaces it.  The
 * sum of windows below i is smaller than 2^(6 i) in magnitude and window
 * i adds at least that much, so p = +-q cannot happen before the last
 * window (both sides stay below n); the last one uses the complete
 * projective formula.  r is projective, for point_to_affine().
 */
static noinline void comb_mul_p256(const struct ec_curve *c,
				   struct ec_point *r, const u64 *k)
{
	signed char d[EC_WINDOWS];
	struct ec_affine sel;
	struct ec_point sum;
	unsigned int i, last = c->windows - 1;
	u64 nz, inf = ~0ULL, zz[4];

	recode_signed(c, k, d);
	memset(r, 0, sizeof(*r));
	memcpy(r->y, c->p.one, sizeof(r->y));
	for (i = 0; i < last; i++) {
		comb_select(c, &sel, i, d[i]);
		jac_madd_ct4(&sum, r, &sel);
		cmov(sum.x, sel.x, inf, 4);
		cmov(sum.y, sel.y, inf, 4);
		cmov(sum.z, c->p.one, inf, 4);
		nz = digit_mask(d[i]);
		cmov(r->x, sum.x, nz, 4);
		cmov(r->y, sum.y, nz, 4);
		cmov(r->z, sum.z, nz, 4);
		inf &= ~nz;
	}
	/* (X, Y, Z) Jacobian is (X Z, Y, Z^3) projective; infinity stays */
	p256_sqr(zz, r->z);
	p256_mul(r->x, r->x, r->z);
	p256_mul(r->z, r->z, zz);
	comb_select(c, &sel, last, d[last]);
	point_add_mixed(c, &sum, r, &sel);
	nz = digit_mask(d[last]);
	cmov(r->x, sum.x, nz, 4);
	cmov(r->y, sum.y, nz, 4);
	cmov(r->z, sum.z, nz, 4);
	twi_wipe(d, sizeof(d));
	twi_wipe(&sel, sizeof(sel));
	twi_wipe(&sum, sizeof(sum));
	twi_wipe(zz, sizeof(zz));
}

/* k*G in constant time: every window adds, zero digits are discarded */
static noinline void comb_mul(const struct ec_curve *c, struct ec_point *r,
			      const u64 *k)
{
	signed char d[EC_WINDOWS];
	struct ec_affine sel;
	struct ec_point sum;
	unsigned int i;
	u64 nz;

	if (c->p.n == 4) {
		comb_mul_p256(c, r, k);
		return;
	}
	recode_signed(c, k, d);
	point_set_inf(c, r);
	for (i = 0; i < c->windows; i++) {
		comb_select(c, &sel, i, d[i]);
		point_add_mixed(c, &sum, r, &sel);
		nz = digit_mask(d[i]);
		cmov(r->x, sum.x, nz, c->p.n);
		cmov(r->y, sum.y, nz, c->p.n);
		cmov(r->z, sum.z, nz, c->p.n);
	}
	twi_wipe(d, sizeof(d));
	twi_wipe(&sel, sizeof(sel));
	twi_wipe(&sum, sizeof(sum));
}

/* k*G for a public k, Jacobian result: direct reads, zero digits skipped */
static noinline void comb_mul_public(const struct ec_curve *c,
				     struct ec_point *r, const u64 *k)
{
	static const u64 zero[EC_LIMBS];
	unsigned int n = c->p.n, i;
	signed char d[EC_WINDOWS];
	u64 y[EC_LIMBS];
	const u64 *e;

	recode_signed(c, k, d);
	memset(r, 0, sizeof(*r));
	for (i = 0; i < c->windows; i++) {
		if (!d[i])
			continue;
		e = comb_entry(c, i, (d[i] < 0 ? -d[i] : d[i]) - 1);
		if (d[i] < 0)
			FSUB(y, zero, e + n);
		else
			memcpy(y, e + n, n * sizeof(u64));
		jac_add(c, r, r, e, y, NULL);
	}
}

/* ---- variable-base multiplication (public scalars only) ---- */

/*
 * Width-w NAF of k: odd digits below 2^(w-1) in magnitude, each followed
 * by at least w - 1 zeros.  Scans k left to right a window at a time with
 * a carry instead of subtracting digits from k.  Returns the digit count
 * (at most bits + 1).
 */
static noinline unsigned int wnaf(const struct ec_curve *c, const u64 *k,
				  signed char *naf, unsigned int w)
{
	unsigned int n = c->q.n, bits = 64 * n, pos = 0, len = 0, carry = 0;
	u64 t[EC_LIMBS + 2];
	int d;

	memset(naf, 0, NAF_MAX);
	memcpy(t, k, n * sizeof(u64));
	t[n] = 0;
	t[n + 1] = 0;
	while (pos <= bits) {
		if (get_bit(t, pos) == carry) {
			pos++;
			continue;
		}
		d = (int)get_bits(t, pos, w) + carry;
		carry = (d >> (w - 1)) & 1;
		d -= carry << w;
		naf[pos] = (signed char)d;
		len = pos + 1;
		pos += w;
	}
	return len;
}

/* r = k*q (Jacobian) from the width-4 NAF digits of k */
static noinline void var_mul(const struct ec_curve *c, struct ec_point *r,
			     const signed char *naf, unsigned int len,
			     const struct ec_affine *q)
{
	static const u64 zero[EC_LIMBS];
	struct ec_point tab[4], q2;
	u64 y[EC_LIMBS];
	unsigned int i;
	int d;

	point_from_affine(c, &tab[0], q);
	jac_dbl(c, &q2, &tab[0]);
	for (i = 1; i < 4; i++)
		jac_add(c, &tab[i], &q2, tab[i - 1].x, tab[i - 1].y,
			tab[i - 1].z);
	memset(r, 0, sizeof(*r));
	while (len--) {
		jac_dbl(c, r, r);
		d = naf[len];
		if (!d)
			continue;
		i = (d < 0 ? -d : d) / 2;
		if (d < 0)
			FSUB(y, zero, tab[i].y);
		else
			memcpy(y, tab[i].y, sizeof(y));
		jac_add(c, r, r, tab[i].x, y, tab[i].z);
	}
}

/* ---- per-key verification table (public data) ---- */

static unsigned int tab_chunks(const struct ec_curve *c)
{
	return c->bytes * 8 / TAB_SPAN;
}

static size_t tab_words(const struct ec_curve *c)
{
	return 1 + (size_t)tab_chunks(c) * c->tab_odd * 2 * c->p.n;
}

static const u64 *tab_entry(const struct ec_curve *c, const u64 *tab,
			    unsigned int odd, unsigned int j, unsigned int i)
{
	return tab + 1 + ((size_t)j * odd + i) * 2 * c->p.n;
}

/* first word of a table, so that one built for another curve is refused */
static u64 tab_tag(const struct ec_curve *c)
{
	return TAB_MAGIC | c->bytes;
}

static bool tab_check(const struct ec_curve *c, const u64 *tab)
{
	return tab && tab[0] == tab_tag(c);
}

/* affine coordinates of a finite Jacobian point */
static void jac_to_affine(const struct ec_curve *c, struct ec_affine *r,
			  const struct ec_point *p)
{
	u64 zi[EC_LIMBS], zz[EC_LIMBS];

	mod_inv(&c->p, zi, p->z);
	FMUL(zz, zi, zi);
	FMUL(r->x, p->x, zz);
	FMUL(zz, zz, zi);
	FMUL(r->y, p->y, zz);
}

/* tab[j][i] = (2i + 1) * 2^(32 j) * Q, affine, for i < odd */
static noinline void tab_build(const struct ec_curve *c, u64 *tab,
			       unsigned int odd, const struct ec_affine *q)
{
	struct ec_point base, p2, acc;
	unsigned int n = c->p.n, j, i;
	struct ec_affine a;
	u64 *e;

	tab[0] = tab_tag(c);
	point_from_affine(c, &base, q);
	for (j = 0; j < tab_chunks(c); j++) {
		jac_dbl(c, &p2, &base);
		acc = base;
		for (i = 0; i < odd; i++) {
			if (i)
				jac_add(c, &acc, &acc, p2.x, p2.y, p2.z);
			jac_to_affine(c, &a, &acc);
			e = (u64 *)tab_entry(c, tab, odd, j, i);
			memcpy(e, a.x, n * sizeof(u64));
			memcpy(e + n, a.y, n * sizeof(u64));
		}
		for (i = 0; i < TAB_SPAN; i++)
			jac_dbl(c, &base, &base);
	}
}

/* r += the digits at offset off of every chunk: naf[32 j + off] */
static void tab_add(const struct ec_curve *c, struct ec_point *r,
		    const signed char *naf, unsigned int len, const u64 *tab,
		    unsigned int odd, unsigned int off)
{
	static const u64 zero[EC_LIMBS];
	unsigned int n = c->p.n, nch = tab_chunks(c), j, pos;
	u64 y[EC_LIMBS];
	const u64 *e;
	int d;

	for (j = 0; j < nch; j++) {
		pos = j * TAB_SPAN + off;
		if (pos >= len || (off == TAB_SPAN && j != nch - 1))
			continue;
		d = naf[pos];
		if (!d)
			continue;
		e = tab_entry(c, tab, odd, j, (d < 0 ? -d : d) / 2);
		if (d < 0)
			FSUB(y, zero, e + n);
		else
			memcpy(y, e + n, n * sizeof(u64));
		jac_add(c, r, r, e, y, NULL);
	}
}

/* the w-NAF width whose digits index a table of odd multiples */
static unsigned int odd_width(unsigned int odd)
{
	unsigned int w = 2;

	while ((1u << (w - 2)) < odd)
		w++;
	return w;
}

/*
 * r = u1*G + u2*Q (Straus) from the w-NAF digits of u1 (G's table) and u2
 * (the per-key table): digit i belongs to chunk j = i / 32 (the top digit,
 * i = bits, to the last chunk), so one pass of 33 doublings serves every
 * chunk of both scalars.
 */
static noinline void tab_mul(const struct ec_curve *c, struct ec_point *r,
			     const u64 *u1, const u64 *u2, const u64 *tab)
{
	signed char ng[NAF_MAX], nq[NAF_MAX];
	unsigned int lg, lq, off;

	lg = wnaf(c, u1, ng, odd_width(c->gtab_odd));
	lq = wnaf(c, u2, nq, odd_width(c->tab_odd));
	memset(r, 0, sizeof(*r));
	for (off = TAB_SPAN + 1; off-- > 0; ) {
		jac_dbl(c, r, r);
		tab_add(c, r, ng, lg, c->gtab, c->gtab_odd, off);
		tab_add(c, r, nq, lq, tab, c->tab_odd, off);
	}
}

/* ---- set-up ---- */

static void mod_setup(struct ec_mod *md, const u8 *m, unsigned int bytes)
{
	u64 two[EC_LIMBS] = { 2 };
	unsigned int i;
	u64 inv = 1;

	md->n = bytes / 8;
	bytes_to_limbs(md->m, m, bytes);
	for (i = 0; i < 6; i++)
		inv *= 2 - md->m[0] * inv;
	md->minv = 0 - inv;
	memset(md->one, 0, sizeof(md->one));
	md->one[0] = 1;
	for (i = 0; i < 64 * md->n; i++)
		mod_add(md, md->one, md->one, md->one);
	memcpy(md->rr, md->one, sizeof(md->rr));
	for (i = 0; i < 64 * md->n; i++)
		mod_add(md, md->rr, md->rr, md->rr);
	sub_n(md->e, md->m, two, md->n);
}

static int curve_setup(struct ec_curve *c)
{
	const struct ec_mod *f;
	const u8 *k = c->consts;
	unsigned int nb = c->bytes, n = nb / 8, w, j;
	struct ec_point base, acc;
	struct ec_affine a;
	u64 *e;

	mod_setup(&c->p, k, nb);
	mod_setup(&c->q, k + 2 * nb, nb);
	f = n == 4 ? &p256_field : &p384_field;
	if (memcmp(f->m, c->p.m, sizeof(f->m)) || f->minv != c->p.minv)
		return -EINVAL;
	c->p.field = true;
#ifdef TWI_EC_P256_ASM
	if (n == 4 && (memcmp(p256_x86_n, c->q.m, 4 * sizeof(u64)) ||
		       p256_x86_n[4] != c->q.minv))
		return -EINVAL;
#endif
	bytes_to_limbs(a.x, k + nb, nb);
	to_mont(&c->p, c->b, a.x);
	bytes_to_limbs(a.x, k + 3 * nb, nb);
	bytes_to_limbs(a.y, k + 4 * nb, nb);
	to_mont(&c->p, a.x, a.x);
	to_mont(&c->p, a.y, a.y);
	point_from_affine(c, &base, &a);
	for (w = 0; w < c->windows; w++) {
		acc = base;
		for (j = 0; j < comb_row(c); j++) {
			if (j)
				point_add(c, &acc, &acc, &base);
			point_to_affine(c, &a, &acc);
			e = (u64 *)comb_entry(c, w, j);
			memcpy(e, a.x, n * sizeof(u64));
			memcpy(e + n, a.y, n * sizeof(u64));
		}
		for (j = 0; j < c->comb_w; j++)
			point_dbl(c, &base, &base);
	}
	bytes_to_limbs(a.x, k + 3 * nb, nb);
	bytes_to_limbs(a.y, k + 4 * nb, nb);
	to_mont(&c->p, a.x, a.x);
	to_mont(&c->p, a.y, a.y);
	tab_build(c, c->gtab, c->gtab_odd, &a);
	c->ready = true;
	return 0;
}

static int kat_rng(void *ctx, u8 *buf, size_t len)
{
	memcpy(buf, ctx, len);
	return 0;
}

/*
 * Known-answer test at initialisation, so that a miscompiled or corrupted
 * build of the module refuses to load instead of signing wrongly: the
 * RFC 6979 key must give its public key, and "sample" its deterministic
 * signature (which also exercises SHA-2, HMAC and verification).
 */
static int self_test(enum twi_curve curve)
{
	const struct ec_curve *c = &curves[curve];
	u8 priv[TWI_EC_MAX_BYTES], pub[TWI_EC_MAX_PUB], sig[TWI_EC_MAX_SIG];
	const u8 *k = c->kat;
	unsigned int nb = c->bytes;
	u8 dg[TWI_HASH_MAX_LEN];
	int ret;

	ret = twi_ecdsa_keygen(curve, kat_rng, (void *)k, priv, pub);
	if (ret || memcmp(pub + 1, k + nb, 2 * nb))
		return -EIO;
	twi_hash(c->kat_hash, (const u8 *)"sample", 6, dg);
	ret = twi_ecdsa_sign(curve, c->kat_hash, priv, pub, dg,
			     twi_hash_len(c->kat_hash), NULL, 0, sig);
	twi_wipe(priv, sizeof(priv));
	if (ret || memcmp(sig, k + 3 * nb, 2 * nb))
		return -EIO;
	return 0;
}

/**
 * twi_ecdsa_init() - build the fixed-base tables
 *
 * Call once before any other twi_ecdsa_* function, from a single thread
 * (module init).  Takes a few tens of milliseconds, including a
 * known-answer self-test of each curve.
 *
 * Return: 0, -EINVAL if the built-in curve constants are inconsistent,
 * -EIO if the self-test fails.
 */
int twi_ecdsa_init(void)
{
	unsigned int i;
	int ret;

#ifdef TWI_EC_P256_ASM
	if (!curves[TWI_CURVE_P256].ready)
		p256_adx = twi_cpu_has_adx();
#endif
	for (i = 0; i < ARRAY_SIZE(curves); i++) {
		if (curves[i].ready)
			continue;
		ret = curve_setup(&curves[i]);
		if (!ret)
			ret = self_test(i);
		if (ret) {
			curves[i].ready = false;
			return ret;
		}
	}
	return 0;
}

/* ---- encodings ---- */

/* Q from 0x04 || X || Y, on the curve; Montgomery coordinates */
static int pub_decode(const struct ec_curve *c, struct ec_affine *q,
		      const u8 *pub)
{
	u64 l[EC_LIMBS], r[EC_LIMBS], t[EC_LIMBS];
	unsigned int n = c->p.n;

	if (pub[0] != 0x04)
		return -EINVAL;
	bytes_to_limbs(q->x, pub + 1, c->bytes);
	bytes_to_limbs(q->y, pub + 1 + c->bytes, c->bytes);
	if (!lt_mask(q->x, c->p.m, n) || !lt_mask(q->y, c->p.m, n))
		return -EINVAL;
	to_mont(&c->p, q->x, q->x);
	to_mont(&c->p, q->y, q->y);
	/* y^2 == x^3 - 3x + b */
	FMUL(l, q->y, q->y);
	FMUL(r, q->x, q->x);
	FMUL(r, r, q->x);
	FADD(t, q->x, q->x);
	FADD(t, t, q->x);
	FSUB(r, r, t);
	FADD(r, r, c->b);
	if (memcmp(l, r, n * sizeof(u64)))
		return -EINVAL;
	return 0;
}

static void pub_encode(const struct ec_curve *c, u8 *pub,
		       const struct ec_point *p)
{
	struct ec_affine a;

	point_to_affine(c, &a, p);
	from_mont(&c->p, a.x, a.x);
	from_mont(&c->p, a.y, a.y);
	pub[0] = 0x04;
	limbs_to_bytes(pub + 1, a.x, c->bytes);
	limbs_to_bytes(pub + 1 + c->bytes, a.y, c->bytes);
}

int twi_ecdsa_pub_check(enum twi_curve curve, const u8 *pub)
{
	const struct ec_curve *c = get_curve(curve);
	struct ec_affine q;

	if (!c || !pub)
		return -EINVAL;
	return pub_decode(c, &q, pub);
}

/* all-ones if 1 <= k < q */
static u64 scalar_ok(const struct ec_curve *c, const u64 *k)
{
	return ~zero_mask(k, c->q.n) & lt_mask(k, c->q.m, c->q.n);
}

/* FIPS 186-4 bits2int(digest) mod q (leftmost bits of the digest) */
static void digest_to_scalar(const struct ec_curve *c, u64 *e,
			     const u8 *digest, size_t dlen)
{
	u8 buf[TWI_EC_MAX_BYTES];
	size_t nb = c->bytes;

	memset(buf, 0, sizeof(buf));
	if (dlen >= nb)
		memcpy(buf, digest, nb);
	else
		memcpy(buf + nb - dlen, digest, dlen);
	bytes_to_limbs(e, buf, nb);
	reduce_once(e, e, 0, c->q.m, c->q.n);
}

/* ---- key generation ---- */

/**
 * twi_ecdsa_keygen() - make a key pair
 * @curve: curve
 * @rng: fills a buffer with uniformly random bytes; returns 0 or -errno
 * @ctx: passed to @rng
 * @priv: out, twi_ec_bytes() bytes
 * @pub: out, twi_ecdsa_pub_len() bytes, 0x04 || X || Y
 *
 * The scalar is drawn by rejection sampling in [1, n-1].
 *
 * Return: 0, -EINVAL for a bad curve, -EIO if @rng keeps producing
 * out-of-range values, or the error of @rng.
 */
int twi_ecdsa_keygen(enum twi_curve curve, twi_rng_fn rng, void *ctx,
		     u8 *priv, u8 *pub)
{
	const struct ec_curve *c = get_curve(curve);
	struct ec_point p;
	u64 d[EC_LIMBS];
	unsigned int i;
	u64 ok = 0;
	int ret;

	if (!c || !rng || !priv || !pub)
		return -EINVAL;
	for (i = 0; i < SIGN_TRIES && !ok; i++) {
		ret = rng(ctx, priv, c->bytes);
		if (ret)
			goto out;
		bytes_to_limbs(d, priv, c->bytes);
		ok = scalar_ok(c, d);
		twi_ct_public(&ok, sizeof(ok));
	}
	ret = -EIO;
	if (!ok)
		goto out;
	comb_mul(c, &p, d);
	pub_encode(c, pub, &p);
	ret = 0;
out:
	if (ret)
		twi_wipe(priv, c->bytes);
	twi_wipe(d, sizeof(d));
	twi_wipe(&p, sizeof(p));
	return ret;
}

/* ---- RFC 6979 deterministic nonces ---- */

/*
 * HMAC-DRBG state.  mac holds HMAC keyed with k (the key's padded blocks
 * already absorbed), so each HMAC under the same key starts from a copy
 * instead of hashing the key blocks again.
 */
struct drbg {
	struct twi_hmac_ctx mac;
	enum twi_hash alg;
	size_t hl;
	u8 k[TWI_HASH_MAX_LEN];
	u8 v[TWI_HASH_MAX_LEN];
};

/* out = HMAC_K(V) */
static void drbg_mac_v(struct drbg *g, struct twi_hmac_ctx *h)
{
	*h = g->mac;
	twi_hmac_update(h, g->v, g->hl);
	twi_hmac_final(h, g->v);
}

/* K = HMAC_K(V || sep || seed...), V = HMAC_K(V) */
static void drbg_update(struct drbg *g, u8 sep, const u8 *x, const u8 *h1,
			size_t len, const u8 *extra, size_t elen)
{
	struct twi_hmac_ctx h;

	h = g->mac;
	twi_hmac_update(&h, g->v, g->hl);
	twi_hmac_update(&h, &sep, 1);
	if (x) {
		twi_hmac_update(&h, x, len);
		twi_hmac_update(&h, h1, len);
		if (elen)
			twi_hmac_update(&h, extra, elen);
	}
	twi_hmac_final(&h, g->k);
	twi_hmac_init(&g->mac, g->alg, g->k, g->hl);
	drbg_mac_v(g, &h);
	twi_wipe(&h, sizeof(h));
}

static void drbg_init(struct drbg *g, enum twi_hash alg, const u8 *x,
		      const u8 *h1, size_t len, const u8 *extra, size_t elen)
{
	g->alg = alg;
	g->hl = twi_hash_len(alg);
	memset(g->k, 0x00, sizeof(g->k));
	memset(g->v, 0x01, sizeof(g->v));
	twi_hmac_init(&g->mac, alg, g->k, g->hl);
	drbg_update(g, 0x00, x, h1, len, extra, elen);
	drbg_update(g, 0x01, x, h1, len, extra, elen);
}

/* next candidate: leftmost len bytes of V1 || V2 || ... */
static void drbg_generate(struct drbg *g, u8 *out, size_t len)
{
	struct twi_hmac_ctx h;
	size_t done, n;

	for (done = 0; done < len; done += n) {
		drbg_mac_v(g, &h);
		n = len - done < g->hl ? len - done : g->hl;
		memcpy(out + done, g->v, n);
	}
	twi_wipe(&h, sizeof(h));
}

/* ---- signing and verification ---- */

struct sign_state {
	struct drbg g;
	struct ec_point r;
	u64 d[EC_LIMBS];
	u64 k[EC_LIMBS];
	u64 bz[EC_LIMBS];
	u64 b[EC_LIMBS];
	u8 kb[TWI_EC_MAX_BYTES];
	u8 h1[TWI_EC_MAX_BYTES];
	u8 ctr;
};

/*
 * A blinding factor in [1, m-1] (m = p or q): leftmost bytes of
 * HMAC_K(V || 0x02 || i) for i = st->ctr, st->ctr + 1, ..., after k is
 * drawn.  K is the DRBG key, secret like k; the DRBG itself only ever MACs
 * V alone or V || 0x00 / 0x01 || ..., so these outputs are independent of
 * k and of the next candidates, and the DRBG state is left untouched: the
 * signatures of RFC 6979 do not change.  Rejection sampling.
 */
static bool blind_draw(const struct ec_curve *c, struct sign_state *st,
		       const struct ec_mod *m, u64 *out)
{
	struct drbg *g = &st->g;
	u8 blk[TWI_HASH_MAX_LEN];
	struct twi_hmac_ctx h;
	const u8 sep = 0x02;
	size_t done, n;
	unsigned int i;
	u64 ok = 0;

	for (i = 0; i < SIGN_TRIES && !ok; i++) {
		for (done = 0; done < c->bytes; done += n, st->ctr++) {
			h = g->mac;
			twi_hmac_update(&h, g->v, g->hl);
			twi_hmac_update(&h, &sep, 1);
			twi_hmac_update(&h, &st->ctr, 1);
			twi_hmac_final(&h, blk);
			n = c->bytes - done < g->hl ? c->bytes - done : g->hl;
			memcpy(st->kb + done, blk, n);
		}
		bytes_to_limbs(out, st->kb, c->bytes);
		ok = ~zero_mask(out, m->n) & lt_mask(out, m->m, m->n);
		twi_ct_public(&ok, sizeof(ok));
	}
	twi_wipe(&h, sizeof(h));
	twi_wipe(blk, sizeof(blk));
	return ok;
}

/*
 * x = X/Z of k*G, plain, with the same blinding as inv_blinded() below:
 * t = Z bz is uniform and independent of Z, so it is inverted in
 * variable time, and X/Z = X (Z bz)^-1 bz.
 */
static noinline bool x_blinded(const struct ec_curve *c, u64 *x,
			       const struct ec_point *p, const u64 *bz)
{
	const struct ec_mod *f = &c->p;
	u64 bm[EC_LIMBS], t[EC_LIMBS];
	bool ok;

	to_mont(f, bm, bz);
	mod_mul(f, t, p->z, bz);	/* Z R bz / R: plain Z bz */
	twi_ct_public(t, f->n * sizeof(u64));
	ok = !zero_mask(t, f->n);
	if (ok) {
		inv_public(f, t, t);
		mod_mul(f, t, p->x, t);	/* X / (Z bz), plain */
		mod_mul(f, x, t, bm);
	}
	twi_wipe(bm, sizeof(bm));
	twi_wipe(t, sizeof(t));
	return ok;
}

/*
 * r = k^-1 mod q, plain in and out, for k and b in [1, q-1].  With b
 * secret, uniform and independent of k, t = k b is uniform and
 * independent of k, so t may be inverted in variable time; then
 * k^-1 = t^-1 b.  False only if t is 0, which q prime rules out unless
 * the computation was faulted.
 */
static noinline bool inv_blinded(const struct ec_mod *q, u64 *r,
				 const u64 *k, const u64 *b)
{
	u64 bm[EC_LIMBS], t[EC_LIMBS];
	bool ok;

	to_mont(q, bm, b);
	mod_mul(q, t, k, bm);
	/*
	 * t leaks nothing about k (see above), so ctgrind may treat it as
	 * public for the variable-time inversion; everything after it
	 * depends on b again and is secret.
	 */
	twi_ct_public(t, q->n * sizeof(u64));
	ok = !zero_mask(t, q->n);
	if (ok) {
		inv_public(q, t, t);
		mod_mul(q, r, t, bm);
	}
	twi_wipe(bm, sizeof(bm));
	twi_wipe(t, sizeof(t));
	return ok;
}

/* s = k^-1 (e + r d) mod q; all Montgomery work on copies */
static bool sign_s(const struct ec_curve *c, struct sign_state *st,
		   const u64 *e, const u64 *r, u64 *s)
{
	const struct ec_mod *q = &c->q;
	u64 a[EC_LIMBS], b[EC_LIMBS];
	bool ok;

	to_mont(q, a, r);
	to_mont(q, b, st->d);
	mod_mul(q, a, a, b);
	to_mont(q, b, e);
	mod_add(q, a, a, b);
	/* a (e + r d) R times plain k^-1 gives plain s */
	ok = blind_draw(c, st, q, st->b) && inv_blinded(q, b, st->k, st->b);
	if (ok)
		mod_mul(q, s, a, b);
	twi_wipe(a, sizeof(a));
	twi_wipe(b, sizeof(b));
	return ok;
}

/* one attempt with the next nonce; returns all-ones on success */
static noinline u64 sign_try(const struct ec_curve *c, struct sign_state *st,
		    const u64 *e, u64 *r, u64 *s)
{
	u64 ok;

	drbg_generate(&st->g, st->kb, c->bytes);
	bytes_to_limbs(st->k, st->kb, c->bytes);
	ok = scalar_ok(c, st->k);
	twi_ct_public(&ok, sizeof(ok));
	if (!ok)
		return 0;
	comb_mul(c, &st->r, st->k);
	st->ctr = 0;
	if (!blind_draw(c, st, &c->p, st->bz) ||
	    !x_blinded(c, r, &st->r, st->bz))
		return 0;
	reduce_once(r, r, 0, c->q.m, c->q.n);
	twi_ct_public(r, EC_LIMBS * sizeof(u64));
	if (zero_mask(r, c->q.n))
		return 0;
	if (!sign_s(c, st, e, r, s))
		return 0;
	twi_ct_public(s, EC_LIMBS * sizeof(u64));
	return ~zero_mask(s, c->q.n);
}

static noinline int sign_core(const struct ec_curve *c, struct sign_state *st,
		     enum twi_hash hash, const u8 *priv, const u8 *digest,
		     size_t dlen, const u8 *extra, size_t elen, u8 *sig)
{
	u64 e[EC_LIMBS], r[EC_LIMBS], s[EC_LIMBS];
	unsigned int i;
	u64 ok;

	bytes_to_limbs(st->d, priv, c->bytes);
	ok = scalar_ok(c, st->d);
	twi_ct_public(&ok, sizeof(ok));
	if (!ok)
		return -EINVAL;
	digest_to_scalar(c, e, digest, dlen);
	limbs_to_bytes(st->h1, e, c->bytes);
	drbg_init(&st->g, hash, priv, st->h1, c->bytes, extra, elen);
	for (i = 0; i < SIGN_TRIES; i++) {
		if (sign_try(c, st, e, r, s)) {
			limbs_to_bytes(sig, r, c->bytes);
			limbs_to_bytes(sig + c->bytes, s, c->bytes);
			return 0;
		}
		drbg_update(&st->g, 0x00, NULL, NULL, 0, NULL, 0);
	}
	return -EIO;
}

/* the signing state lives only in this frame, gone before verification */
static noinline int sign_wiped(const struct ec_curve *c, enum twi_hash hash,
			       const u8 *priv, const u8 *digest, size_t dlen,
			       const u8 *extra, size_t elen, u8 *sig)
{
	struct sign_state st;
	int ret;

	ret = sign_core(c, &st, hash, priv, digest, dlen, extra, elen, sig);
	twi_wipe(&st, sizeof(st));
	return ret;
}

/* sign, then verify with @pub or @tab (exactly one given) before release */
static int sign_checked(enum twi_curve curve, enum twi_hash hash,
			const u8 *priv, const u8 *pub, const u64 *tab,
			const u8 *digest, size_t dlen, const u8 *extra,
			size_t extra_len, u8 *sig)
{
	const struct ec_curve *c = get_curve(curve);
	int ret;

	if (!c || !priv || (!pub && !tab) || !digest || !sig ||
	    !twi_hash_len(hash) || dlen != twi_hash_len(hash) ||
	    (extra_len && !extra))
		return -EINVAL;
	ret = sign_wiped(c, hash, priv, digest, dlen, extra, extra_len, sig);
	if (ret)
		return ret;
	if (tab)
		ret = twi_ecdsa_verify_tab(curve, tab, digest, dlen, sig);
	else
		ret = twi_ecdsa_verify(curve, pub, digest, dlen, sig);
	if (ret) {
		twi_wipe(sig, 2 * c->bytes);
		return ret == -EINVAL ? ret : -EIO;
	}
	return 0;
}

/**
 * twi_ecdsa_sign() - sign a digest
 * @curve: curve
 * @hash: hash for the RFC 6979 HMAC-DRBG; @dlen must be its length
 * @priv: private scalar, twi_ec_bytes() bytes, in [1, n-1]
 * @pub: matching public key, used to check the signature before release
 * @digest: message digest
 * @dlen: length of @digest
 * @extra: optional additional data (RFC 6979 section 3.6), may be NULL
 * @extra_len: length of @extra
 * @sig: out, r || s, 2 * twi_ec_bytes() bytes
 *
 * Return: 0; -EINVAL for bad arguments or keys; -EIO if the signature
 * fails its own verification (@sig is wiped) or no nonce was found.
 */
int twi_ecdsa_sign(enum twi_curve curve, enum twi_hash hash, const u8 *priv,
		   const u8 *pub, const u8 *digest, size_t dlen,
		   const u8 *extra, size_t extra_len, u8 *sig)
{
	return sign_checked(curve, hash, priv, pub, NULL, digest, dlen, extra,
			    extra_len, sig);
}

/**
 * twi_ecdsa_sign_tab() - twi_ecdsa_sign() with a per-key table
 * @curve: curve
 * @hash: hash for the RFC 6979 HMAC-DRBG; @dlen must be its length
 * @priv: private scalar, twi_ec_bytes() bytes, in [1, n-1]
 * @table: from twi_ecdsa_pub_table() for the matching public key, used to
 *	verify the signature before release
 * @digest: message digest
 * @dlen: length of @digest
 * @extra: optional additional data (RFC 6979 section 3.6), may be NULL
 * @extra_len: length of @extra
 * @sig: out, r || s, 2 * twi_ec_bytes() bytes
 *
 * The same signature as twi_ecdsa_sign(), faster.
 *
 * Return: as twi_ecdsa_sign(); -EINVAL also for a table not built for
 * @curve, -EIO for a table of another key.
 */
int twi_ecdsa_sign_tab(enum twi_curve curve, enum twi_hash hash,
		       const u8 *priv, const u64 *table, const u8 *digest,
		       size_t dlen, const u8 *extra, size_t extra_len, u8 *sig)
{
	const struct ec_curve *c = get_curve(curve);

	if (!c || !tab_check(c, table))
		return -EINVAL;
	return sign_checked(curve, hash, priv, NULL, table, digest, dlen,
			    extra, extra_len, sig);
}

/* is x(p) == r mod q, p Jacobian, given x < p and r < q: x is r or r + q */
static noinline bool x_matches(const struct ec_curve *c,
			       const struct ec_point *p, const u64 *r)
{
	u64 t[EC_LIMBS], rm[EC_LIMBS], zz[EC_LIMBS];
	unsigned int n = c->p.n;

	FMUL(zz, p->z, p->z);
	to_mont(&c->p, rm, r);
	FMUL(t, rm, zz);
	if (!memcmp(t, p->x, n * sizeof(u64)))
		return true;
	if (add_n(t, r, c->q.m, n) || !lt_mask(t, c->p.m, n))
		return false;
	to_mont(&c->p, rm, t);
	FMUL(t, rm, zz);
	return !memcmp(t, p->x, n * sizeof(u64));
}

/* u1*G + u2*Q with Q given as a point @q or as a per-key table @tab */
static noinline int verify_core(const struct ec_curve *c,
				const struct ec_affine *q, const u64 *tab,
				const u64 *e, const u64 *r, const u64 *s)
{
	signed char naf[NAF_MAX];
	const struct ec_mod *m = &c->q;
	u64 w[EC_LIMBS], u[EC_LIMBS];
	struct ec_point a, b;
	unsigned int len;

	inv_public(m, w, s);
	to_mont(m, w, w);
	mod_mul(m, u, w, r);		/* u2 = r * s^-1, plain */
	mod_mul(m, w, w, e);		/* u1 = e * s^-1, plain */
	if (tab) {
		tab_mul(c, &a, w, u, tab);
	} else {
		len = wnaf(c, u, naf, 4);
		var_mul(c, &b, naf, len, q);
		comb_mul_public(c, &a, w);
		jac_add(c, &a, &a, b.x, b.y, b.z);
	}
	if (zero_mask(a.z, c->p.n))
		return -EKEYREJECTED;
	return x_matches(c, &a, r) ? 0 : -EKEYREJECTED;
}

/**
 * twi_ecdsa_verify() - check a signature
 * @curve: curve
 * @pub: public key, 0x04 || X || Y
 * @digest: message digest, 1 to 64 bytes (bits2int of FIPS 186-4)
 * @dlen: length of @digest
 * @sig: r || s, 2 * twi_ec_bytes() bytes
 *
 * Variable time: all inputs are public.
 *
 * Return: 0 if valid, -EKEYREJECTED if not, -EINVAL for bad arguments or
 * a public key that is not a point on the curve.
 */
int twi_ecdsa_verify(enum twi_curve curve, const u8 *pub, const u8 *digest,
		     size_t dlen, const u8 *sig)
{
	const struct ec_curve *c = get_curve(curve);
	u64 e[EC_LIMBS], r[EC_LIMBS], s[EC_LIMBS];
	struct ec_affine q;

	if (!c || !pub || !digest || !sig || !dlen ||
	    dlen > TWI_HASH_MAX_LEN)
		return -EINVAL;
	if (pub_decode(c, &q, pub))
		return -EINVAL;
	bytes_to_limbs(r, sig, c->bytes);
	bytes_to_limbs(s, sig + c->bytes, c->bytes);
	if (!scalar_ok(c, r) || !scalar_ok(c, s))
		return -EKEYREJECTED;
	digest_to_scalar(c, e, digest, dlen);
	return verify_core(c, &q, NULL, e, r, s);
}

/**
 * twi_ecdsa_pub_table_size() - bytes of the per-key verification table
 * @curve: curve
 *
 * Return: the size (8200 for P-256, 9224 for P-384, at most
 * TWI_EC_PUB_TABLE_MAX), or 0 for a bad curve.
 */
size_t twi_ecdsa_pub_table_size(enum twi_curve curve)
{
	if ((unsigned int)curve >= ARRAY_SIZE(curves))
		return 0;
	return tab_words(&curves[curve]) * sizeof(u64);
}

/**
 * twi_ecdsa_pub_table() - precompute multiples of a public key
 * @curve: curve
 * @pub: public key, 0x04 || X || Y
 * @table: out, twi_ecdsa_pub_table_size() bytes, 8-byte aligned
 * @size: size of @table in bytes
 *
 * The table depends only on @pub and makes twi_ecdsa_verify_tab() and the
 * self-verification of twi_ecdsa_sign_tab() several times faster than
 * with the bare key.  Build it once per key, for example at key creation.
 * Variable time (public data only); takes about as long as 50 signatures.
 *
 * Return: 0, -EINVAL for a bad curve or a public key not on the curve,
 * -EMSGSIZE if @size is too small.
 */
int twi_ecdsa_pub_table(enum twi_curve curve, const u8 *pub, u64 *table,
			size_t size)
{
	const struct ec_curve *c = get_curve(curve);
	struct ec_affine q;

	if (!c || !pub || !table || pub_decode(c, &q, pub))
		return -EINVAL;
	if (size < tab_words(c) * sizeof(u64))
		return -EMSGSIZE;
	tab_build(c, table, c->tab_odd, &q);
	return 0;
}

/**
 * twi_ecdsa_verify_tab() - twi_ecdsa_verify() with a per-key table
 * @curve: curve
 * @table: from twi_ecdsa_pub_table() for the public key
 * @digest: message digest, 1 to 64 bytes
 * @dlen: length of @digest
 * @sig: r || s, 2 * twi_ec_bytes() bytes
 *
 * Return: 0 if valid, -EKEYREJECTED if not, -EINVAL for bad arguments or a
 * table not built for @curve.
 */
int twi_ecdsa_verify_tab(enum twi_curve curve, const u64 *table,
			 const u8 *digest, size_t dlen, const u8 *sig)
{
	const struct ec_curve *c = get_curve(curve);
	u64 e[EC_LIMBS], r[EC_LIMBS], s[EC_LIMBS];

	if (!c || !tab_check(c, table) || !digest || !sig || !dlen ||
	    dlen > TWI_HASH_MAX_LEN)
		return -EINVAL;
	bytes_to_limbs(r, sig, c->bytes);
	bytes_to_limbs(s, sig + c->bytes, c->bytes);
	if (!scalar_ok(c, r) || !scalar_ok(c, s))
		return -EKEYREJECTED;
	digest_to_scalar(c, e, digest, dlen);
	return verify_core(c, NULL, table, e, r, s);
}
