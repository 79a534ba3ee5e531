// SPDX-License-Identifier: GPL-2.0
/*
 * twi crypto core: SHA-2/HMAC against OpenSSL, RFC 6979 known answers,
 * encodings and hostile inputs.
 */
#include <openssl/hmac.h>

#include "kselftest_harness.h"
#include "ecdsa_testutil.h"
#include "kmod/crypto/hash.h"

static int init_ret = -1;

static void __attribute__((constructor)) setup(void)
{
	init_ret = twi_ecdsa_init();
}

/* tables built and the built-in RFC 6979 self-test passed */
TEST(init)
{
	ASSERT_EQ(0, init_ret);
	ASSERT_EQ(0, twi_ecdsa_init());
}

TEST(sha2_matches_openssl)
{
	static const size_t lens[] = { 0, 1, 55, 56, 63, 64, 65, 111, 112,
				       119, 120, 127, 128, 129, 255, 1000 };
	u8 msg[1000], ours[64], ref[64];
	struct twi_hash_ctx ctx;
	enum twi_hash h;
	size_t i, off, step;

	RAND_bytes(msg, sizeof(msg));
	for (h = TWI_HASH_SHA256; h <= TWI_HASH_SHA512; h++) {
		for (i = 0; i < sizeof(lens) / sizeof(lens[0]); i++) {
			ossl_digest(h, msg, lens[i], ref);
			ASSERT_EQ(0, twi_hash(h, msg, lens[i], ours));
			ASSERT_EQ(0, memcmp(ref, ours, twi_hash_len(h)));
			/* streaming in uneven pieces */
			ASSERT_EQ(0, twi_hash_init(&ctx, h));
			for (off = 0, step = 1; off < lens[i]; off += step, step += 7) {
				if (step > lens[i] - off)
					step = lens[i] - off;
				twi_hash_update(&ctx, msg + off, step);
			}
			twi_hash_final(&ctx, ours);
			ASSERT_EQ(0, memcmp(ref, ours, twi_hash_len(h)));
		}
	}
	twi_sha256((const u8 *)"abc", 3, ours);
	ossl_digest(TWI_HASH_SHA256, "abc", 3, ref);
	ASSERT_EQ(0, memcmp(ref, ours, 32));
	twi_sha384((const u8 *)"abc", 3, ours);
	ossl_digest(TWI_HASH_SHA384, "abc", 3, ref);
	ASSERT_EQ(0, memcmp(ref, ours, 48));
	twi_sha512((const u8 *)"abc", 3, ours);
	ossl_digest(TWI_HASH_SHA512, "abc", 3, ref);
	ASSERT_EQ(0, memcmp(ref, ours, 64));
	ASSERT_EQ(0u, twi_hash_len((enum twi_hash)7));
	ASSERT_EQ(-EINVAL, twi_hash((enum twi_hash)7, msg, 1, ours));
}

TEST(hmac_matches_openssl)
{
	static const size_t klens[] = { 0, 1, 32, 63, 64, 65, 127, 128, 129,
					200 };
	u8 key[200], msg[300], ours[64], ref[64];
	unsigned int rlen;
	enum twi_hash h;
	size_t i;

	RAND_bytes(key, sizeof(key));
	RAND_bytes(msg, sizeof(msg));
	for (h = TWI_HASH_SHA256; h <= TWI_HASH_SHA512; h++) {
		for (i = 0; i < sizeof(klens) / sizeof(klens[0]); i++) {
			HMAC(hash_md(h), key, (int)klens[i], msg, 37 + i * 29,
			     ref, &rlen);
			ASSERT_EQ(0, twi_hmac(h, key, klens[i], msg,
					      37 + i * 29, ours));
			ASSERT_EQ(twi_hash_len(h), rlen);
			ASSERT_EQ(0, memcmp(ref, ours, rlen));
		}
	}
}

/* RFC 6979 appendix A.2.5 (P-256) and A.2.6 (P-384) */
struct rfc6979_key {
	enum twi_curve curve;
	const char *x, *ux, *uy;
};

static const struct rfc6979_key rfc_keys[] = {
	{ TWI_CURVE_P256,
	  "C9AFA9D845BA75166B5C215767B1D6934E50C3DB36E89B127B8A622B120F6721",
	  "60FED4BA255A9D31C961EB74C6356D68C049B8923B61FA6CE669622E60F29FB6",
	  "7903FE1008B8BC99A41AE9E95628BC64F2F1B20C2D7E9F5177A3C294D4462299" },
	{ TWI_CURVE_P384,
	  "6B9D3DAD2E1B8C1C05B19875B6659F4DE23C3B667BF297BA9AA47740787137D8"
	  "96D5724E4C70A825F872C9EA60D2EDF5",
	  "EC3A4E415B4E19A4568618029F427FA5DA9A8BC4AE92E02E06AAE5286B300C64"
	  "DEF8F0EA9055866064A254515480BC13",
	  "8015D9B72D7D57244EA8EF9AC0C621896708A59367F9DFB9F54CA84B3F1C9DB1"
	  "288B231C3AE0D4FE7344FD2533264720" },
};

struct rfc6979_sig {
	enum twi_curve curve;
	enum twi_hash hash;
	const char *msg, *r, *s;
};

static const struct rfc6979_sig rfc_sigs[] = {
	{ TWI_CURVE_P256, TWI_HASH_SHA256, "sample",
	  "EFD48B2AACB6A8FD1140DD9CD45E81D69D2C877B56AAF991C34D0EA84EAF3716",
	  "F7CB1C942D657C41D436C7A1B6E29F65F3E900DBB9AFF4064DC4AB2F843ACDA8" },
	{ TWI_CURVE_P256, TWI_HASH_SHA384, "sample",
	  "0EAFEA039B20E9B42309FB1D89E213057CBF973DC0CFC8F129EDDDC800EF7719",
	  "4861F0491E6998B9455193E34E7B0D284DDD7149A74B95B9261F13ABDE940954" },
	{ TWI_CURVE_P256, TWI_HASH_SHA512, "sample",
	  "8496A60B5E9B47C825488827E0495B0E3FA109EC4568FD3F8D1097678EB97F00",
	  "2362AB1ADBE2B8ADF9CB9EDAB740EA6049C028114F2460F96554F61FAE3302FE" },
	{ TWI_CURVE_P256, TWI_HASH_SHA256, "test",
	  "F1ABB023518351CD71D881567B1EA663ED3EFCF6C5132B354F28D3B0B7D38367",
	  "019F4113742A2B14BD25926B49C649155F267E60D3814B4C0CC84250E46F0083" },
	{ TWI_CURVE_P256, TWI_HASH_SHA384, "test",
	  "83910E8B48BB0C74244EBDF7F07A1C5413D61472BD941EF3920E623FBCCEBEB6",
	  "8DDBEC54CF8CD5874883841D712142A56A8D0F218F5003CB0296B6B509619F2C" },
	{ TWI_CURVE_P256, TWI_HASH_SHA512, "test",
	  "461D93F31B6540894788FD206C07CFA0CC35F46FA3C91816FFF1040AD1581A04",
	  "39AF9F15DE0DB8D97E72719C74820D304CE5226E32DEDAE67519E840D1194E55" },
	{ TWI_CURVE_P384, TWI_HASH_SHA256, "sample",
	  "21B13D1E013C7FA1392D03C5F99AF8B30C570C6F98D4EA8E354B63A21D3DAA33"
	  "BDE1E888E63355D92FA2B3C36D8FB2CD",
	  "F3AA443FB107745BF4BD77CB3891674632068A10CA67E3D45DB2266FA7D1FEEB"
	  "EFDC63ECCD1AC42EC0CB8668A4FA0AB0" },
	{ TWI_CURVE_P384, TWI_HASH_SHA384, "sample",
	  "94EDBB92A5ECB8AAD4736E56C691916B3F88140666CE9FA73D64C4EA95AD133C"
	  "81A648152E44ACF96E36DD1E80FABE46",
	  "99EF4AEB15F178CEA1FE40DB2603138F130E740A19624526203B6351D0A3A94F"
	  "A329C145786E679E7B82C71A38628AC8" },
	{ TWI_CURVE_P384, TWI_HASH_SHA512, "sample",
	  "ED0959D5880AB2D869AE7F6C2915C6D60F96507F9CB3E047C0046861DA4A799C"
	  "FE30F35CC900056D7C99CD7882433709",
	  "512C8CCEEE3890A84058CE1E22DBC2198F42323CE8ACA9135329F03C068E5112"
	  "DC7CC3EF3446DEFCEB01A45C2667FDD5" },
	{ TWI_CURVE_P384, TWI_HASH_SHA256, "test",
	  "6D6DEFAC9AB64DABAFE36C6BF510352A4CC27001263638E5B16D9BB51D451559"
	  "F918EEDAF2293BE5B475CC8F0188636B",
	  "2D46F3BECBCC523D5F1A1256BF0C9B024D879BA9E838144C8BA6BAEB4B53B47D"
	  "51AB373F9845C0514EEFB14024787265" },
	{ TWI_CURVE_P384, TWI_HASH_SHA384, "test",
	  "8203B63D3C853E8D77227FB377BCF7B7B772E97892A80F36AB775D509D7A5FEB"
	  "0542A7F0812998DA8F1DD3CA3CF023DB",
	  "DDD0760448D42D8A43AF45AF836FCE4DE8BE06B485E9B61B827C2F13173923E0"
	  "6A739F040649A667BF3B828246BAA5A5" },
	{ TWI_CURVE_P384, TWI_HASH_SHA512, "test",
	  "A0D5D090C9980FAF3C2CE57B7AE951D31977DD11C775D314AF55F76C676447D0"
	  "6FB6495CD21B4B6E340FC236584FB277",
	  "976984E59B4C77B0E8E4460DCA3D9F20E07B9BB1F63BEEFAF576F6B2E8B22463"
	  "4A2092CD3792E0159AD9CEE37659C736" },
};

static void rfc_key(enum twi_curve curve, u8 *priv, u8 *pub)
{
	const struct rfc6979_key *k = &rfc_keys[curve == TWI_CURVE_P384];
	size_t n = twi_ec_bytes(curve);

	unhex(priv, n, k->x);
	pub[0] = 0x04;
	unhex(pub + 1, n, k->ux);
	unhex(pub + 1 + n, n, k->uy);
}

TEST(rfc6979_public_keys)
{
	u8 priv[48], pub[97], ours[97];
	enum twi_curve c;

	for (c = TWI_CURVE_P256; c <= TWI_CURVE_P384; c++) {
		rfc_key(c, priv, pub);
		ASSERT_EQ(0, twi_ecdsa_keygen(c, fixed_rng, priv, priv, ours));
		ASSERT_EQ(0, memcmp(pub, ours, twi_ecdsa_pub_len(c)));
		ASSERT_EQ(0, twi_ecdsa_pub_check(c, pub));
	}
}

TEST(rfc6979_signatures)
{
	u8 priv[48], pub[97], dg[64], sig[96], want[96];
	size_t i, n;

	for (i = 0; i < sizeof(rfc_sigs) / sizeof(rfc_sigs[0]); i++) {
		const struct rfc6979_sig *v = &rfc_sigs[i];

		n = twi_ec_bytes(v->curve);
		rfc_key(v->curve, priv, pub);
		ossl_digest(v->hash, v->msg, strlen(v->msg), dg);
		unhex(want, n, v->r);
		unhex(want + n, n, v->s);
		ASSERT_EQ(0, twi_ecdsa_sign(v->curve, v->hash, priv, pub, dg,
					    twi_hash_len(v->hash), NULL, 0,
					    sig));
		ASSERT_EQ(0, memcmp(want, sig, 2 * n));
		ASSERT_EQ(0, twi_ecdsa_verify(v->curve, pub, dg,
					      twi_hash_len(v->hash), want));
	}
}

TEST(rfc6979_signatures_with_table)
{
	static u64 tab[TWI_EC_PUB_TABLE_MAX / 8];
	u8 priv[48], pub[97], dg[64], sig[96], want[96];
	size_t i, n, dl;

	for (i = 0; i < ARRAY_SIZE(rfc_sigs); i++) {
		const struct rfc6979_sig *v = &rfc_sigs[i];

		n = twi_ec_bytes(v->curve);
		dl = twi_hash_len(v->hash);
		rfc_key(v->curve, priv, pub);
		ASSERT_EQ(0, twi_ecdsa_pub_table(v->curve, pub, tab,
						 sizeof(tab)));
		ossl_digest(v->hash, v->msg, strlen(v->msg), dg);
		unhex(want, n, v->r);
		unhex(want + n, n, v->s);
		ASSERT_EQ(0, twi_ecdsa_sign_tab(v->curve, v->hash, priv, tab,
						dg, dl, NULL, 0, sig));
		ASSERT_EQ(0, memcmp(want, sig, 2 * n));
		ASSERT_EQ(0, twi_ecdsa_verify_tab(v->curve, tab, dg, dl,
						  want));
		want[n + 3] ^= 0x10;
		ASSERT_EQ(-EKEYREJECTED, twi_ecdsa_verify_tab(v->curve, tab,
							      dg, dl, want));
	}
}

TEST(rfc6979_added_randomness)
{
	u8 priv[48], pub[97], dg[32], s1[96], s2[96], s3[96];
	const u8 extra[] = "additional data";
	EVP_PKEY *pk;

	rfc_key(TWI_CURVE_P256, priv, pub);
	ossl_digest(TWI_HASH_SHA256, "sample", 6, dg);
	ASSERT_EQ(0, twi_ecdsa_sign(TWI_CURVE_P256, TWI_HASH_SHA256, priv,
				    pub, dg, 32, NULL, 0, s1));
	ASSERT_EQ(0, twi_ecdsa_sign(TWI_CURVE_P256, TWI_HASH_SHA256, priv,
				    pub, dg, 32, extra, sizeof(extra), s2));
	ASSERT_EQ(0, twi_ecdsa_sign(TWI_CURVE_P256, TWI_HASH_SHA256, priv,
				    pub, dg, 32, extra, sizeof(extra), s3));
	ASSERT_NE(0, memcmp(s1, s2, 64));
	ASSERT_EQ(0, memcmp(s2, s3, 64));
	pk = ossl_key(TWI_CURVE_P256, pub, NULL);
	ASSERT_NE(NULL, pk);
	ASSERT_EQ(1, ossl_verify(pk, TWI_CURVE_P256, dg, 32, s2));
	EVP_PKEY_free(pk);
	ASSERT_EQ(-EINVAL, twi_ecdsa_sign(TWI_CURVE_P256, TWI_HASH_SHA256,
					  priv, pub, dg, 32, NULL, 4, s1));
}

FIXTURE(curve) {
	u8 priv[48], pub[97], dg[64], sig[96];
	size_t n;
};

FIXTURE_VARIANT(curve) {
	enum twi_curve curve;
	enum twi_hash hash;
	const char *order;
	const char *prime;
};

FIXTURE_VARIANT_ADD(curve, p256) {
	.curve = TWI_CURVE_P256,
	.hash = TWI_HASH_SHA256,
	.order = "FFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551",
	.prime = "FFFFFFFF00000001000000000000000000000000FFFFFFFFFFFFFFFFFFFFFFFF",
};

FIXTURE_VARIANT_ADD(curve, p384) {
	.curve = TWI_CURVE_P384,
	.hash = TWI_HASH_SHA384,
	.order = "FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFC7634D81F4372DDF"
		 "581A0DB248B0A77AECEC196ACCC52973",
	.prime = "FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFE"
		 "FFFFFFFF0000000000000000FFFFFFFF",
};

FIXTURE_SETUP(curve)
{
	self->n = twi_ec_bytes(variant->curve);
	ASSERT_EQ(0, twi_ecdsa_keygen(variant->curve, test_rng, NULL,
				      self->priv, self->pub));
	RAND_bytes(self->dg, sizeof(self->dg));
	ASSERT_EQ(0, twi_ecdsa_sign(variant->curve, variant->hash, self->priv,
				    self->pub, self->dg,
				    twi_hash_len(variant->hash), NULL, 0,
				    self->sig));
}

FIXTURE_TEARDOWN(curve)
{
}

TEST_F(curve, tampered_signature_rejected)
{
	size_t dl = twi_hash_len(variant->hash), i;
	u8 bad[96];

	ASSERT_EQ(0, twi_ecdsa_verify(variant->curve, self->pub, self->dg, dl,
				      self->sig));
	for (i = 0; i < 2 * self->n; i += 5) {
		memcpy(bad, self->sig, sizeof(bad));
		bad[i] ^= 1 << (i % 8);
		ASSERT_EQ(-EKEYREJECTED,
			  twi_ecdsa_verify(variant->curve, self->pub, self->dg,
					   dl, bad));
	}
	/* swapped r and s */
	memcpy(bad, self->sig + self->n, self->n);
	memcpy(bad + self->n, self->sig, self->n);
	ASSERT_EQ(-EKEYREJECTED, twi_ecdsa_verify(variant->curve, self->pub,
						  self->dg, dl, bad));
}

TEST_F(curve, tampered_digest_rejected)
{
	size_t dl = twi_hash_len(variant->hash), i;
	u8 dg[64];

	for (i = 0; i < dl; i += 3) {
		memcpy(dg, self->dg, sizeof(dg));
		dg[i] ^= 0x80 >> (i % 8);
		ASSERT_EQ(-EKEYREJECTED,
			  twi_ecdsa_verify(variant->curve, self->pub, dg, dl,
					   self->sig));
	}
	/* a shorter digest is a different number */
	ASSERT_EQ(-EKEYREJECTED, twi_ecdsa_verify(variant->curve, self->pub,
						  self->dg, dl - 1, self->sig));
}

TEST_F(curve, scalar_range)
{
	size_t dl = twi_hash_len(variant->hash), n = self->n;
	u8 order[48], bad[96], one[48];
	int i;

	unhex(order, n, variant->order);
	for (i = 0; i < 2; i++) {
		u8 *v = bad + i * n;

		/* zero */
		memcpy(bad, self->sig, sizeof(bad));
		memset(v, 0, n);
		ASSERT_EQ(-EKEYREJECTED, twi_ecdsa_verify(variant->curve,
				self->pub, self->dg, dl, bad));
		/* n, n + 1 (aliases of 0 and 1), all-ones */
		memcpy(v, order, n);
		ASSERT_EQ(-EKEYREJECTED, twi_ecdsa_verify(variant->curve,
				self->pub, self->dg, dl, bad));
		v[n - 1]++;
		ASSERT_EQ(-EKEYREJECTED, twi_ecdsa_verify(variant->curve,
				self->pub, self->dg, dl, bad));
		memset(v, 0xff, n);
		ASSERT_EQ(-EKEYREJECTED, twi_ecdsa_verify(variant->curve,
				self->pub, self->dg, dl, bad));
	}
	/* private keys out of range */
	memset(one, 0, sizeof(one));
	ASSERT_EQ(-EINVAL, twi_ecdsa_sign(variant->curve, variant->hash, one,
					  self->pub, self->dg, dl, NULL, 0,
					  bad));
	ASSERT_EQ(-EINVAL, twi_ecdsa_sign(variant->curve, variant->hash,
					  order, self->pub, self->dg, dl, NULL,
					  0, bad));
	memset(one, 0xff, n);
	ASSERT_EQ(-EINVAL, twi_ecdsa_sign(variant->curve, variant->hash, one,
					  self->pub, self->dg, dl, NULL, 0,
					  bad));
}

TEST_F(curve, invalid_public_keys)
{
	size_t dl = twi_hash_len(variant->hash), n = self->n;
	u8 pub[97], prime[48];
	int i;

	unhex(prime, n, variant->prime);
	/* off the curve */
	memcpy(pub, self->pub, sizeof(pub));
	pub[2 * n] ^= 1;
	ASSERT_EQ(-EINVAL, twi_ecdsa_pub_check(variant->curve, pub));
	ASSERT_EQ(-EINVAL, twi_ecdsa_verify(variant->curve, pub, self->dg, dl,
					    self->sig));
	/* wrong prefixes: compressed, infinity, hybrid */
	for (i = 0; i < 8; i++) {
		if (i == 4)
			continue;
		memcpy(pub, self->pub, sizeof(pub));
		pub[0] = (u8)i;
		ASSERT_EQ(-EINVAL, twi_ecdsa_pub_check(variant->curve, pub));
	}
	/* all zero, coordinates >= p */
	memset(pub, 0, sizeof(pub));
	pub[0] = 4;
	ASSERT_EQ(-EINVAL, twi_ecdsa_pub_check(variant->curve, pub));
	memcpy(pub, self->pub, sizeof(pub));
	memcpy(pub + 1, prime, n);
	ASSERT_EQ(-EINVAL, twi_ecdsa_pub_check(variant->curve, pub));
	memcpy(pub, self->pub, sizeof(pub));
	memcpy(pub + 1 + n, prime, n);
	ASSERT_EQ(-EINVAL, twi_ecdsa_pub_check(variant->curve, pub));
	/* y replaced by p + y would alias y when it fits below 2^bits */
	memset(pub + 1 + n, 0xff, n);
	ASSERT_EQ(-EINVAL, twi_ecdsa_pub_check(variant->curve, pub));
}

TEST_F(curve, sign_self_check_catches_wrong_pub)
{
	size_t dl = twi_hash_len(variant->hash), i;
	u8 other_priv[48], other_pub[97], sig[96];

	ASSERT_EQ(0, twi_ecdsa_keygen(variant->curve, test_rng, NULL,
				      other_priv, other_pub));
	memset(sig, 0xaa, sizeof(sig));
	ASSERT_EQ(-EIO, twi_ecdsa_sign(variant->curve, variant->hash,
				       self->priv, other_pub, self->dg, dl,
				       NULL, 0, sig));
	for (i = 0; i < 2 * self->n; i++)
		ASSERT_EQ(0, sig[i]);
	other_pub[1] ^= 1;
	ASSERT_EQ(-EINVAL, twi_ecdsa_sign(variant->curve, variant->hash,
					  self->priv, other_pub, self->dg, dl,
					  NULL, 0, sig));
}

/* the table API must agree with the plain one on every outcome */
TEST_F(curve, table_matches_plain)
{
	static u64 tab[TWI_EC_PUB_TABLE_MAX / 8];
	size_t dl = twi_hash_len(variant->hash), i, n = self->n;
	u8 dg[64], sig[96], tsig[96], bad[96];

	ASSERT_EQ(n == 32 ? 8200u : 9224u,
		  twi_ecdsa_pub_table_size(variant->curve));
	ASSERT_EQ(0, twi_ecdsa_pub_table(variant->curve, self->pub, tab,
					 twi_ecdsa_pub_table_size(variant->curve)));
	for (i = 0; i < 64; i++) {
		RAND_bytes(dg, sizeof(dg));
		ASSERT_EQ(0, twi_ecdsa_sign(variant->curve, variant->hash,
					    self->priv, self->pub, dg, dl,
					    NULL, 0, sig));
		ASSERT_EQ(0, twi_ecdsa_sign_tab(variant->curve, variant->hash,
						self->priv, tab, dg, dl, NULL,
						0, tsig));
		ASSERT_EQ(0, memcmp(sig, tsig, 2 * n));
		ASSERT_EQ(0, twi_ecdsa_verify_tab(variant->curve, tab, dg, dl,
						  sig));
		memcpy(bad, sig, sizeof(bad));
		bad[i % (2 * n)] ^= 1 << (i % 8);
		ASSERT_EQ(-EKEYREJECTED,
			  twi_ecdsa_verify_tab(variant->curve, tab, dg, dl,
					       bad));
		dg[i % n] ^= 0x80;
		ASSERT_EQ(-EKEYREJECTED,
			  twi_ecdsa_verify_tab(variant->curve, tab, dg, dl,
					       sig));
	}
	/* r = 0 and s = n are out of range */
	memcpy(bad, self->sig, sizeof(bad));
	memset(bad, 0, n);
	ASSERT_EQ(-EKEYREJECTED, twi_ecdsa_verify_tab(variant->curve, tab,
						      self->dg, dl, bad));
	memcpy(bad, self->sig, sizeof(bad));
	unhex(bad + n, n, variant->order);
	ASSERT_EQ(-EKEYREJECTED, twi_ecdsa_verify_tab(variant->curve, tab,
						      self->dg, dl, bad));
}

TEST_F(curve, table_self_check_catches_wrong_key)
{
	static u64 tab[TWI_EC_PUB_TABLE_MAX / 8];
	size_t dl = twi_hash_len(variant->hash), i;
	u8 other_priv[48], other_pub[97], sig[96];
	enum twi_curve other = variant->curve == TWI_CURVE_P256 ?
			       TWI_CURVE_P384 : TWI_CURVE_P256;

	ASSERT_EQ(0, twi_ecdsa_keygen(variant->curve, test_rng, NULL,
				      other_priv, other_pub));
	ASSERT_EQ(0, twi_ecdsa_pub_table(variant->curve, other_pub, tab,
					 sizeof(tab)));
	memset(sig, 0xaa, sizeof(sig));
	ASSERT_EQ(-EIO, twi_ecdsa_sign_tab(variant->curve, variant->hash,
					   self->priv, tab, self->dg, dl,
					   NULL, 0, sig));
	for (i = 0; i < 2 * self->n; i++)
		ASSERT_EQ(0, sig[i]);
	ASSERT_EQ(-EKEYREJECTED, twi_ecdsa_verify_tab(variant->curve, tab,
						      self->dg, dl,
						      self->sig));
	/* a table for the other curve is refused */
	ASSERT_EQ(-EINVAL, twi_ecdsa_sign_tab(other, variant->hash,
					      self->priv, tab, self->dg, dl,
					      NULL, 0, sig));
	ASSERT_EQ(-EINVAL, twi_ecdsa_verify_tab(other, tab, self->dg, dl,
						self->sig));
}

TEST_F(curve, short_digests_match_openssl)
{
	u8 dg[64], sig[96];
	EVP_PKEY *pk;
	size_t dl;

	pk = ossl_key(variant->curve, self->pub, NULL);
	ASSERT_NE(NULL, pk);
	for (dl = 1; dl <= 64; dl += 9) {
		RAND_bytes(dg, sizeof(dg));
		dg[0] |= 0x80;
		/* sign as SHA-512 would, then verify the truncation rules */
		ASSERT_EQ(0, twi_ecdsa_sign(variant->curve, TWI_HASH_SHA512,
					    self->priv, self->pub, dg, 64, NULL,
					    0, sig));
		ASSERT_EQ(1, ossl_verify(pk, variant->curve, dg, 64, sig));
		ASSERT_EQ(0, twi_ecdsa_verify(variant->curve, self->pub, dg,
					      self->n, sig));
		ASSERT_EQ(-EKEYREJECTED, twi_ecdsa_verify(variant->curve,
				self->pub, dg, dl < self->n ? dl : 1, sig));
	}
	EVP_PKEY_free(pk);
}

TEST_F(curve, der_roundtrip_matches_openssl)
{
	u8 rs[96], der[TWI_EC_MAX_DER_SIG], ref[TWI_EC_MAX_DER_SIG], back[96];
	size_t n = self->n, len;
	EVP_PKEY *pk;
	int i, rlen;

	pk = ossl_key(variant->curve, self->pub, NULL);
	ASSERT_NE(NULL, pk);
	ASSERT_EQ((size_t)EVP_PKEY_get_size(pk),
		  twi_ecdsa_max_der_sig(variant->curve));
	EVP_PKEY_free(pk);
	for (i = 0; i < 200; i++) {
		RAND_bytes(rs, sizeof(rs));
		switch (i % 5) {
		case 0:
			rs[0] |= 0x80;	/* needs a 0x00 pad */
			rs[n] |= 0x80;
			break;
		case 1:
			memset(rs, 0, n - 1 - i % 7); /* leading zeros */
			break;
		case 2:
			memset(rs + n, 0, n - 1);
			break;
		case 3:
			rs[0] &= 0x7f;
			break;
		}
		rlen = ossl_rs_to_der(variant->curve, rs, ref);
		len = sizeof(der);
		ASSERT_EQ(0, twi_ecdsa_sig_to_der(variant->curve, rs, der,
						  &len));
		ASSERT_EQ((size_t)rlen, len);
		ASSERT_EQ(0, memcmp(ref, der, len));
		ASSERT_EQ((int)len, twi_ecdsa_sig_from_der(variant->curve, der,
							   len, back));
		ASSERT_EQ(0, memcmp(rs, back, 2 * n));
		/* zero padding after the SEQUENCE is left to the caller */
		memset(der + len, 0, sizeof(der) - len);
		ASSERT_EQ((int)len, twi_ecdsa_sig_from_der(variant->curve, der,
							   sizeof(der), back));
		/* truncated */
		ASSERT_EQ(-EBADMSG, twi_ecdsa_sig_from_der(variant->curve, der,
							   len - 1, back));
	}
	len = 8;
	ASSERT_EQ(-EMSGSIZE, twi_ecdsa_sig_to_der(variant->curve, rs, der,
						  &len));
}

TEST_F(curve, der_rejects_non_der)
{
	u8 der[TWI_EC_MAX_DER_SIG + 8], bad[TWI_EC_MAX_DER_SIG + 8], rs[96];
	size_t n = self->n, len = sizeof(der);
	size_t rl;

	memcpy(rs, self->sig, sizeof(rs));
	rs[0] = 0x12;		/* r without pad */
	ASSERT_EQ(0, twi_ecdsa_sig_to_der(variant->curve, rs, der, &len));
	rl = der[3];
	ASSERT_EQ(n, rl);
#define EXPECT_BAD(l) ASSERT_EQ(-EBADMSG, \
		twi_ecdsa_sig_from_der(variant->curve, bad, l, rs))
	/* wrong outer tag, indefinite and long-form lengths */
	memcpy(bad, der, len);
	bad[0] = 0x31;
	EXPECT_BAD(len);
	memcpy(bad, der, len);
	bad[1] = 0x80;
	EXPECT_BAD(len);
	bad[0] = 0x30;
	bad[1] = 0x81;
	bad[2] = (u8)(len - 2);
	memcpy(bad + 3, der + 2, len - 2);
	EXPECT_BAD(len + 1);
	/* long-form INTEGER length */
	memcpy(bad, der, 2);
	bad[1]++;
	bad[2] = 0x02;
	bad[3] = 0x81;
	memcpy(bad + 4, der + 3, len - 3);
	EXPECT_BAD(len + 1);
	/* non-minimal: extra 0x00 before a small first byte */
	memcpy(bad, der, 4);
	bad[1]++;
	bad[3]++;
	bad[4] = 0;
	memcpy(bad + 5, der + 4, len - 4);
	EXPECT_BAD(len + 1);
	/* negative r */
	memcpy(bad, der, len);
	bad[4] |= 0x80;
	EXPECT_BAD(len);
	/* wrong INTEGER tag */
	memcpy(bad, der, len);
	bad[2] = 0x03;
	EXPECT_BAD(len);
	/* garbage inside the SEQUENCE after s */
	memcpy(bad, der, len);
	bad[1]++;
	bad[len] = 0;
	EXPECT_BAD(len + 1);
	/* one INTEGER only */
	memcpy(bad, der, 2 + 2 + rl);
	bad[1] = (u8)(2 + rl);
	EXPECT_BAD(2 + 2 + rl);
	/* empty, zero-length INTEGER */
	EXPECT_BAD(0);
	memcpy(bad, "\x30\x04\x02\x00\x02\x00", 6);
	EXPECT_BAD(6);
	/* integer wider than the curve (valid DER, too large) */
	bad[0] = 0x30;
	bad[1] = (u8)(4 + n + 2);
	bad[2] = 0x02;
	bad[3] = (u8)(n + 1);
	memset(bad + 4, 0x11, n + 1);
	bad[4 + n + 1] = 0x02;
	bad[4 + n + 2] = 0x01;
	bad[4 + n + 3] = 0x01;
	EXPECT_BAD(4 + n + 4);
#undef EXPECT_BAD
	/* the same value with n bytes is accepted */
	bad[1] = (u8)(4 + n + 1);
	bad[3] = (u8)n;
	bad[4 + n] = 0x02;
	bad[4 + n + 1] = 0x01;
	bad[4 + n + 2] = 0x01;
	ASSERT_EQ((int)(4 + n + 3), twi_ecdsa_sig_from_der(variant->curve,
							   bad, 4 + n + 3,
							   rs));
	ASSERT_EQ(0x11, rs[0]);
	ASSERT_EQ(1, rs[2 * n - 1]);
}

TEST_F(curve, spki_accepted_by_openssl)
{
	u8 spki[TWI_EC_MAX_SPKI], *ref = NULL;
	const unsigned char *p = spki;
	EVP_PKEY *ours, *pk;
	size_t len = sizeof(spki);
	int rlen;

	ASSERT_EQ(0, twi_ecdsa_spki(variant->curve, self->pub, spki, &len));
	ours = d2i_PUBKEY(NULL, &p, (long)len);
	ASSERT_NE(NULL, ours);
	ASSERT_EQ(spki + len, p);
	pk = ossl_key(variant->curve, self->pub, NULL);
	ASSERT_NE(NULL, pk);
	ASSERT_EQ(1, EVP_PKEY_eq(ours, pk));
	rlen = i2d_PUBKEY(pk, &ref);
	ASSERT_EQ((size_t)rlen, len);
	ASSERT_EQ(0, memcmp(ref, spki, len));
	OPENSSL_free(ref);
	EVP_PKEY_free(ours);
	EVP_PKEY_free(pk);
	len = 10;
	ASSERT_EQ(-EMSGSIZE, twi_ecdsa_spki(variant->curve, self->pub, spki,
					    &len));
}

TEST(bad_arguments)
{
	u8 priv[48], pub[97], dg[32] = { 1 }, sig[96], der[80];
	size_t len = sizeof(der);
	enum twi_curve bad = (enum twi_curve)5;

	ASSERT_EQ(0u, twi_ec_bytes(bad));
	ASSERT_EQ(32u, twi_ec_bytes(TWI_CURVE_P256));
	ASSERT_EQ(48u, twi_ec_bytes(TWI_CURVE_P384));
	ASSERT_EQ(0u, twi_ecdsa_max_der_sig(bad));
	ASSERT_EQ(-EINVAL, twi_ecdsa_keygen(bad, test_rng, NULL, priv, pub));
	ASSERT_EQ(0, twi_ecdsa_keygen(TWI_CURVE_P256, test_rng, NULL, priv,
				      pub));
	ASSERT_EQ(-EINVAL, twi_ecdsa_pub_check(bad, pub));
	ASSERT_EQ(-EINVAL, twi_ecdsa_sign(bad, TWI_HASH_SHA256, priv, pub, dg,
					  32, NULL, 0, sig));
	/* digest length must match the hash */
	ASSERT_EQ(-EINVAL, twi_ecdsa_sign(TWI_CURVE_P256, TWI_HASH_SHA384,
					  priv, pub, dg, 32, NULL, 0, sig));
	ASSERT_EQ(-EINVAL, twi_ecdsa_sign(TWI_CURVE_P256,
					  (enum twi_hash)9, priv, pub, dg, 32,
					  NULL, 0, sig));
	ASSERT_EQ(0, twi_ecdsa_sign(TWI_CURVE_P256, TWI_HASH_SHA256, priv,
				    pub, dg, 32, NULL, 0, sig));
	ASSERT_EQ(-EINVAL, twi_ecdsa_verify(bad, pub, dg, 32, sig));
	ASSERT_EQ(-EINVAL, twi_ecdsa_verify(TWI_CURVE_P256, pub, dg, 0, sig));
	ASSERT_EQ(-EINVAL, twi_ecdsa_verify(TWI_CURVE_P256, pub, dg, 65, sig));
	ASSERT_EQ(-EINVAL, twi_ecdsa_verify(TWI_CURVE_P256, NULL, dg, 32, sig));
	ASSERT_EQ(-EINVAL, twi_ecdsa_sig_to_der(bad, sig, der, &len));
	ASSERT_EQ(-EINVAL, twi_ecdsa_sig_from_der(bad, der, len, sig));
	ASSERT_EQ(-EINVAL, twi_ecdsa_spki(bad, pub, der, &len));
}

TEST(table_bad_arguments)
{
	static u64 tab[TWI_EC_PUB_TABLE_MAX / 8];
	u8 priv[48], pub[97], dg[32] = { 1 }, sig[96];
	enum twi_curve bad = (enum twi_curve)5;
	size_t size = twi_ecdsa_pub_table_size(TWI_CURVE_P256);

	ASSERT_EQ(0u, twi_ecdsa_pub_table_size(bad));
	ASSERT_GE(sizeof(tab), twi_ecdsa_pub_table_size(TWI_CURVE_P384));
	ASSERT_EQ(0, twi_ecdsa_keygen(TWI_CURVE_P256, test_rng, NULL, priv,
				      pub));
	ASSERT_EQ(-EINVAL, twi_ecdsa_pub_table(bad, pub, tab, sizeof(tab)));
	ASSERT_EQ(-EINVAL, twi_ecdsa_pub_table(TWI_CURVE_P256, NULL, tab,
					       sizeof(tab)));
	ASSERT_EQ(-EINVAL, twi_ecdsa_pub_table(TWI_CURVE_P256, pub, NULL,
					       sizeof(tab)));
	ASSERT_EQ(-EMSGSIZE, twi_ecdsa_pub_table(TWI_CURVE_P256, pub, tab,
						 size - 1));
	pub[40] ^= 1;
	ASSERT_EQ(-EINVAL, twi_ecdsa_pub_table(TWI_CURVE_P256, pub, tab,
					       sizeof(tab)));
	pub[40] ^= 1;
	/* never built: refused */
	memset(tab, 0, sizeof(tab));
	ASSERT_EQ(-EINVAL, twi_ecdsa_sign_tab(TWI_CURVE_P256, TWI_HASH_SHA256,
					      priv, tab, dg, 32, NULL, 0,
					      sig));
	ASSERT_EQ(0, twi_ecdsa_pub_table(TWI_CURVE_P256, pub, tab, size));
	ASSERT_EQ(-EINVAL, twi_ecdsa_sign_tab(TWI_CURVE_P256, TWI_HASH_SHA256,
					      priv, NULL, dg, 32, NULL, 0,
					      sig));
	ASSERT_EQ(-EINVAL, twi_ecdsa_sign_tab(TWI_CURVE_P256, TWI_HASH_SHA384,
					      priv, tab, dg, 32, NULL, 0,
					      sig));
	ASSERT_EQ(-EINVAL, twi_ecdsa_sign_tab(bad, TWI_HASH_SHA256, priv, tab,
					      dg, 32, NULL, 0, sig));
	ASSERT_EQ(0, twi_ecdsa_sign_tab(TWI_CURVE_P256, TWI_HASH_SHA256, priv,
					tab, dg, 32, NULL, 0, sig));
	ASSERT_EQ(0, twi_ecdsa_verify_tab(TWI_CURVE_P256, tab, dg, 32, sig));
	ASSERT_EQ(-EINVAL, twi_ecdsa_verify_tab(bad, tab, dg, 32, sig));
	ASSERT_EQ(-EINVAL, twi_ecdsa_verify_tab(TWI_CURVE_P256, NULL, dg, 32,
						sig));
	ASSERT_EQ(-EINVAL, twi_ecdsa_verify_tab(TWI_CURVE_P256, tab, dg, 0,
						sig));
	ASSERT_EQ(-EINVAL, twi_ecdsa_verify_tab(TWI_CURVE_P256, tab, dg, 65,
						sig));
}

static int failing_rng(void *ctx, u8 *buf, size_t len)
{
	return -ENODATA;
}

static int high_rng(void *ctx, u8 *buf, size_t len)
{
	int *calls = ctx;

	/* out of range twice, then a valid scalar */
	memset(buf, ++*calls < 3 ? 0xff : 0x01, len);
	return 0;
}

TEST(keygen_rejection_sampling)
{
	u8 priv[48], pub[97], want[48];
	int calls = 0;

	memset(priv, 0x5a, sizeof(priv));
	ASSERT_EQ(-ENODATA, twi_ecdsa_keygen(TWI_CURVE_P384, failing_rng, NULL,
					     priv, pub));
	ASSERT_EQ(0, priv[0]);
	ASSERT_EQ(0, twi_ecdsa_keygen(TWI_CURVE_P384, high_rng, &calls, priv,
				      pub));
	ASSERT_EQ(3, calls);
	memset(want, 0x01, sizeof(want));
	ASSERT_EQ(0, memcmp(want, priv, 48));
	ASSERT_EQ(0, twi_ecdsa_pub_check(TWI_CURVE_P384, pub));
}

TEST_HARNESS_MAIN
