// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests of the twi ECDSA core's internal arithmetic against OpenSSL's
 * BIGNUM: the P-256 field and order routines (the x86-64 assembly and the
 * portable C, each checked against BN_mod_mul and against each other) and
 * the w-NAF recoding.  The core is included as a source file so that its
 * static functions can be called.  Inputs mix uniform values with limbs
 * drawn from carry-prone words (0, 1, 2^32 - 1, 2^63, 2^64 - 1, ...).
 */
#include "kselftest_harness.h"
#include "ecdsa_testutil.h"
#include "kmod/crypto/ecdsa.c"

#define CASES	20000

static const u64 edge_words[] = {
	0, 1, 2, 0xffffffffULL, 0x100000000ULL, 0x7fffffffffffffffULL,
	0x8000000000000000ULL, 0xfffffffffffffffeULL, 0xffffffffffffffffULL,
	0xffffffff00000000ULL, 0xffffffff00000001ULL,
};

static void __attribute__((constructor)) setup(void)
{
	twi_ecdsa_init();
}

static BIGNUM *to_bn(const u64 *a, unsigned int n)
{
	u8 buf[TWI_EC_MAX_BYTES];

	limbs_to_bytes(buf, a, 8 * n);
	return BN_bin2bn(buf, 8 * n, NULL);
}

static void from_bn(u64 *a, const BIGNUM *b, unsigned int n)
{
	u8 buf[TWI_EC_MAX_BYTES];

	BN_bn2binpad(b, buf, 8 * n);
	bytes_to_limbs(a, buf, 8 * n);
}

/* a value below m: uniform, or built from carry-prone words, reduced */
static void pick(u64 *a, const struct ec_mod *md, unsigned int i, BN_CTX *ctx)
{
	BIGNUM *x, *m;
	unsigned int j;
	u8 r;

	RAND_bytes((u8 *)a, 4 * sizeof(u64));
	if (i % 2) {
		for (j = 0; j < 4; j++) {
			RAND_bytes(&r, 1);
			if (r % 4)
				a[j] = edge_words[r % ARRAY_SIZE(edge_words)];
		}
	}
	if (i == 0)
		memset(a, 0, 4 * sizeof(u64));
	if (i == 1)
		sub_n(a, md->m, (const u64[4]){ 1 }, 4);	/* m - 1 */
	x = to_bn(a, 4);
	m = to_bn(md->m, 4);
	BN_mod(x, x, m, ctx);
	from_bn(a, x, 4);
	BN_free(x);
	BN_free(m);
}

/* a * b / 2^256 mod m with OpenSSL */
static void ref_mont(u64 *r, const u64 *a, const u64 *b,
		     const struct ec_mod *md, BN_CTX *ctx)
{
	BIGNUM *x = to_bn(a, 4), *y = to_bn(b, 4), *m = to_bn(md->m, 4);
	BIGNUM *rinv = BN_new();

	BN_set_bit(rinv, 256);
	BN_mod_inverse(rinv, rinv, m, ctx);
	BN_mod_mul(x, x, y, m, ctx);
	BN_mod_mul(x, x, rinv, m, ctx);
	from_bn(r, x, 4);
	BN_free(x);
	BN_free(y);
	BN_free(m);
	BN_free(rinv);
}

static void ref_addsub(u64 *sum, u64 *diff, const u64 *a, const u64 *b,
		       const struct ec_mod *md, BN_CTX *ctx)
{
	BIGNUM *x = to_bn(a, 4), *y = to_bn(b, 4), *m = to_bn(md->m, 4);
	BIGNUM *t = BN_new();

	BN_mod_add(t, x, y, m, ctx);
	from_bn(sum, t, 4);
	BN_mod_sub(t, x, y, m, ctx);
	from_bn(diff, t, 4);
	BN_free(x);
	BN_free(y);
	BN_free(m);
	BN_free(t);
}

TEST(p256_field_mul_c_matches_openssl)
{
	u64 a[EC_LIMBS], b[EC_LIMBS], want[EC_LIMBS], got[EC_LIMBS];
	BN_CTX *ctx = BN_CTX_new();
	unsigned int i;

	for (i = 0; i < CASES; i++) {
		pick(a, &p256_field, i, ctx);
		pick(b, &p256_field, i / 2, ctx);
		ref_mont(want, a, b, &p256_field, ctx);
		p256_mul_c(got, a, b);
		ASSERT_EQ(0, memcmp(want, got, 4 * sizeof(u64)));
		if (twi_cpu_has_adx()) {
			p256_mul_adx(got, a, b);
			ASSERT_EQ(0, memcmp(want, got, 4 * sizeof(u64)));
		}
		ref_mont(want, a, a, &p256_field, ctx);
		p256_sqr_c(got, a);
		ASSERT_EQ(0, memcmp(want, got, 4 * sizeof(u64)));
	}
	BN_CTX_free(ctx);
}

TEST(p256_field_asm_matches_openssl_and_c)
{
#ifdef TWI_EC_P256_ASM
	u64 a[EC_LIMBS], b[EC_LIMBS], want[EC_LIMBS], got[EC_LIMBS];
	u64 sum[EC_LIMBS], diff[EC_LIMBS];
	BN_CTX *ctx = BN_CTX_new();
	unsigned int i;

	for (i = 0; i < CASES; i++) {
		pick(a, &p256_field, i, ctx);
		pick(b, &p256_field, i / 2, ctx);
		ref_mont(want, a, b, &p256_field, ctx);
		p256_mul_x86(got, a, b);
		ASSERT_EQ(0, memcmp(want, got, 4 * sizeof(u64)));
		p256_mul_c(got, a, b);
		ASSERT_EQ(0, memcmp(want, got, 4 * sizeof(u64)));
		if (twi_cpu_has_adx()) {
			p256_mul_adx(got, a, b);
			ASSERT_EQ(0, memcmp(want, got, 4 * sizeof(u64)));
		}
		ref_mont(want, a, a, &p256_field, ctx);
		p256_sqr_x86(got, a);
		ASSERT_EQ(0, memcmp(want, got, 4 * sizeof(u64)));
		ref_addsub(sum, diff, a, b, &p256_field, ctx);
		p256_add_x86(got, a, b);
		ASSERT_EQ(0, memcmp(sum, got, 4 * sizeof(u64)));
		mod_add_n(&p256_field, got, a, b, 4);
		ASSERT_EQ(0, memcmp(sum, got, 4 * sizeof(u64)));
		p256_sub_x86(got, a, b);
		ASSERT_EQ(0, memcmp(diff, got, 4 * sizeof(u64)));
		mod_sub_n(&p256_field, got, a, b, 4);
		ASSERT_EQ(0, memcmp(diff, got, 4 * sizeof(u64)));
		/* aliased output */
		memcpy(got, a, 4 * sizeof(u64));
		p256_mul_x86(got, got, b);
		ref_mont(want, a, b, &p256_field, ctx);
		ASSERT_EQ(0, memcmp(want, got, 4 * sizeof(u64)));
	}
	BN_CTX_free(ctx);
#else
	SKIP(return, "no P-256 assembly for this architecture");
#endif
}

TEST(p256_order_mul_matches_openssl)
{
	const struct ec_mod *q = &curves[TWI_CURVE_P256].q;
	u64 a[EC_LIMBS], b[EC_LIMBS], want[EC_LIMBS], got[EC_LIMBS];
	BN_CTX *ctx = BN_CTX_new();
	unsigned int i;

	ASSERT_EQ(4U, q->n);
	for (i = 0; i < CASES; i++) {
		pick(a, q, i, ctx);
		pick(b, q, i / 2, ctx);
		ref_mont(want, a, b, q, ctx);
		mont_mul4(got, a, b, q);
		ASSERT_EQ(0, memcmp(want, got, 4 * sizeof(u64)));
		mod_mul(q, got, a, b);	/* the assembly on x86-64 */
		ASSERT_EQ(0, memcmp(want, got, 4 * sizeof(u64)));
		ref_mont(want, a, a, q, ctx);
		mont_sqr4(got, a, q);
		ASSERT_EQ(0, memcmp(want, got, 4 * sizeof(u64)));
		mod_sqr(q, got, a);	/* the assembly on x86-64 */
		ASSERT_EQ(0, memcmp(want, got, 4 * sizeof(u64)));
	}
	BN_CTX_free(ctx);
}

/*
 * The core picks the mulx/adx multiplication when the CPU has it; the
 * baseline one must sign identically (and the signatures verify).
 */
TEST(p256_mulq_and_adx_paths_sign_alike)
{
#ifdef TWI_EC_P256_ASM
	u8 priv[32], pub[65], dg[32], sig[64], sig2[64];
	bool saved = p256_adx;
	unsigned int i;

	if (!twi_cpu_has_adx())
		SKIP(return, "CPU without BMI2 and ADX");
	for (i = 0; i < 200; i++) {
		RAND_bytes(dg, sizeof(dg));
		p256_adx = true;
		ASSERT_EQ(0, twi_ecdsa_keygen(TWI_CURVE_P256, test_rng, NULL,
					      priv, pub));
		ASSERT_EQ(0, twi_ecdsa_sign(TWI_CURVE_P256, TWI_HASH_SHA256,
					    priv, pub, dg, 32, NULL, 0, sig));
		p256_adx = false;
		ASSERT_EQ(0, twi_ecdsa_sign(TWI_CURVE_P256, TWI_HASH_SHA256,
					    priv, pub, dg, 32, NULL, 0, sig2));
		ASSERT_EQ(0, memcmp(sig, sig2, sizeof(sig)));
		ASSERT_EQ(0, twi_ecdsa_verify(TWI_CURVE_P256, pub, dg, 32,
					      sig));
	}
	p256_adx = saved;
#else
	SKIP(return, "no P-256 assembly for this architecture");
#endif
}

/* the variable-time inverse against BN_mod_inverse, every modulus */
TEST(inv_public_matches_openssl)
{
	u64 a[EC_LIMBS], got[EC_LIMBS], want[EC_LIMBS];
	BN_CTX *ctx = BN_CTX_new();
	const struct ec_mod *md;
	unsigned int i, j, k;
	BIGNUM *x, *m;
	u8 r;

	for (k = 0; k < 4; k++) {
		md = k < 2 ? &curves[k].q : &curves[k - 2].p;
		m = to_bn(md->m, md->n);
		for (i = 0; i < CASES / 4; i++) {
			memset(a, 0, sizeof(a));
			RAND_bytes((u8 *)a, md->n * sizeof(u64));
			for (j = 0; i % 2 && j < md->n; j++) {
				RAND_bytes(&r, 1);
				if (r % 3)
					a[j] = edge_words[r % ARRAY_SIZE(edge_words)];
			}
			x = to_bn(a, md->n);
			if (i < 128) {	/* 1 .. 64, m - 1 .. m - 64 */
				BN_set_word(x, i / 2 + 1);
				if (i % 2)
					BN_sub(x, m, x);
			} else if (i < 128 + 64 * md->n) {	/* 2^j */
				BN_zero(x);
				BN_set_bit(x, i - 128);
			}
			BN_mod(x, x, m, ctx);
			if (!BN_is_zero(x)) {
				from_bn(a, x, md->n);
				inv_public(md, got, a);
				BN_mod_inverse(x, x, m, ctx);
				from_bn(want, x, md->n);
				ASSERT_EQ(0, memcmp(want, got,
						    md->n * sizeof(u64)));
			}
			BN_free(x);
		}
		BN_free(m);
	}
	BN_CTX_free(ctx);
}

/*
 * The blinded inversion of the nonce modulo both orders against
 * BN_mod_inverse: k random, edge-valued, 1 to 16, n - 1 to n - 16 and
 * 2^j, each with several blinding factors (1, n - 1, small, random).
 */
TEST(inv_blinded_matches_openssl)
{
	u64 k[EC_LIMBS], b[EC_LIMBS], got[EC_LIMBS], want[EC_LIMBS];
	BN_CTX *ctx = BN_CTX_new();
	const struct ec_mod *md;
	unsigned int i, j, cv;
	BIGNUM *x, *y, *m;

	for (cv = 0; cv < 2; cv++) {
		md = &curves[cv].q;
		m = to_bn(md->m, md->n);
		for (i = 0; i < CASES / 4; i++) {
			x = BN_new();
			y = BN_new();
			if (i < 32) {		/* 1 .. 16, n - 1 .. n - 16 */
				BN_set_word(x, i / 2 + 1);
				if (i % 2)
					BN_sub(x, m, x);
			} else if (i < 32 + 64 * md->n) {	/* 2^j */
				BN_set_bit(x, i - 32);
			} else {
				BN_rand_range(x, m);
				if (i % 3 == 0 && md->n == 4) {
					pick(k, md, i, ctx);
					BN_free(x);
					x = to_bn(k, md->n);
				}
			}
			BN_mod(x, x, m, ctx);
			if (BN_is_zero(x))
				BN_one(x);
			switch (i % 5) {	/* the blinding factor */
			case 0:
				BN_one(y);
				break;
			case 1:
				BN_sub(y, m, BN_value_one());
				break;
			case 2:
				BN_set_word(y, i % 7 + 2);
				break;
			default:
				do {
					BN_rand_range(y, m);
				} while (BN_is_zero(y));
			}
			memset(k, 0, sizeof(k));
			memset(b, 0, sizeof(b));
			from_bn(k, x, md->n);
			from_bn(b, y, md->n);
			memset(got, 0xa5, sizeof(got));
			ASSERT_TRUE(inv_blinded(md, got, k, b));
			ASSERT_NE(NULL, BN_mod_inverse(x, x, m, ctx));
			from_bn(want, x, md->n);
			for (j = 0; j < md->n; j++)
				ASSERT_EQ(want[j], got[j]);
			BN_free(x);
			BN_free(y);
		}
		/* k = 0 cannot be blinded; refused rather than looping */
		memset(k, 0, sizeof(k));
		memset(b, 0, sizeof(b));
		b[0] = 3;
		ASSERT_FALSE(inv_blinded(md, got, k, b));
		BN_free(m);
	}
	BN_CTX_free(ctx);
}

/* digits odd, bounded, spaced by w - 1 zeros, summing to k */
static int check_wnaf(const struct ec_curve *c, const u64 *k, unsigned int w)
{
	BIGNUM *sum = BN_new(), *t = BN_new(), *want = to_bn(k, c->q.n);
	signed char naf[NAF_MAX];
	unsigned int len, i, last = 0;
	int ok = 1, d, seen = 0;

	len = wnaf(c, k, naf, w);
	if (len > 64 * c->q.n + 1)
		ok = 0;
	for (i = 0; i < NAF_MAX; i++) {
		d = naf[i];
		if (!d)
			continue;
		if (i >= len || !(d & 1) || d >= 1 << (w - 1) ||
		    -d >= 1 << (w - 1) || (seen && i - last < w))
			ok = 0;
		seen = 1;
		last = i;
		BN_set_word(t, d < 0 ? -d : d);
		BN_lshift(t, t, i);
		if (d < 0)
			BN_sub(sum, sum, t);
		else
			BN_add(sum, sum, t);
	}
	if (BN_cmp(sum, want))
		ok = 0;
	BN_free(sum);
	BN_free(t);
	BN_free(want);
	return ok;
}

TEST(wnaf_represents_the_scalar)
{
	enum twi_curve cv;
	unsigned int i, w, j;
	u64 k[EC_LIMBS];
	u8 r;

	for (cv = TWI_CURVE_P256; cv <= TWI_CURVE_P384; cv++) {
		const struct ec_curve *c = &curves[cv];

		for (i = 0; i < CASES / 4; i++) {
			memset(k, 0, sizeof(k));
			RAND_bytes((u8 *)k, c->q.n * sizeof(u64));
			for (j = 0; i % 2 && j < c->q.n; j++) {
				RAND_bytes(&r, 1);
				if (r % 3)
					k[j] = edge_words[r % ARRAY_SIZE(edge_words)];
			}
			for (w = 4; w <= 8; w++)
				ASSERT_TRUE(check_wnaf(c, k, w));
		}
	}
}

/* OpenSSL's pairwise check: is pub = priv * G? */
static int ossl_pair_ok(enum twi_curve curve, const u8 *priv, const u8 *pub)
{
	EVP_PKEY *pk = ossl_key(curve, pub, priv);
	EVP_PKEY_CTX *ctx = pk ? EVP_PKEY_CTX_new(pk, NULL) : NULL;
	int ok = ctx && EVP_PKEY_pairwise_check(ctx) == 1;

	EVP_PKEY_CTX_free(ctx);
	EVP_PKEY_free(pk);
	return ok;
}

/*
 * k*G for scalars that take the comb's special paths: runs of zero digits
 * (the sum stays infinity), a lone top digit, digits at the extremes of
 * their range, and values next to n.
 */
TEST(comb_edge_scalars_match_openssl)
{
	u8 priv[TWI_EC_MAX_BYTES], pub[TWI_EC_MAX_PUB];
	enum twi_curve cv;
	BN_CTX *ctx = BN_CTX_new();
	unsigned int i, j, bits;
	BIGNUM *k, *n;

	k = BN_new();
	for (cv = TWI_CURVE_P256; cv <= TWI_CURVE_P384; cv++) {
		const struct ec_curve *c = &curves[cv];

		n = to_bn(c->q.m, c->q.n);
		bits = 8 * c->bytes;
		for (i = 0; i < 4 * bits + 64; i++) {
			j = i % bits;
			switch (i / bits) {
			case 0:		/* 2^j */
				BN_zero(k);
				BN_set_bit(k, j);
				break;
			case 1:		/* n - 2^j */
				BN_zero(k);
				BN_set_bit(k, j);
				BN_sub(k, n, k);
				break;
			case 2:		/* 2^j - 1: all digits at the edge */
				BN_zero(k);
				BN_set_bit(k, j + 1);
				BN_sub_word(k, 1);
				break;
			case 3:		/* d * 2^(6 m) for small d */
				BN_set_word(k, 1 + i % 63);
				BN_lshift(k, k, 6 * (j / 6));
				break;
			default:	/* 1, 2, ..., n - 1, n - 2, ... */
				if (i % 2) {
					BN_set_word(k, i % 64 + 1);
				} else {
					BN_copy(k, n);
					BN_sub_word(k, i % 64 + 1);
				}
			}
			BN_mod(k, k, n, ctx);
			if (BN_is_zero(k))
				continue;
			BN_bn2binpad(k, priv, c->bytes);
			ASSERT_EQ(0, twi_ecdsa_keygen(cv, fixed_rng, priv, priv,
						      pub));
			ASSERT_TRUE(ossl_pair_ok(cv, priv, pub))
				TH_LOG("k = %s", BN_bn2hex(k));
		}
		BN_free(n);
	}
	BN_free(k);
	BN_CTX_free(ctx);
}

TEST_HARNESS_MAIN
