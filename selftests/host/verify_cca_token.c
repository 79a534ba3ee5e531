// SPDX-License-Identifier: GPL-2.0
/*
 * Arm CCA token verification on the tokens in the test vectors (cca/ in
 * SOURCES.md): both verify with the CPAK in PEM and JWK form; any changed
 * byte, a wrong CPAK and a broken realm key binding are refused.
 */
#include <string.h>

#include <openssl/core_names.h>
#include <openssl/pem.h>

#include "kselftest_harness.h"
#include "selftests/host/verify_cca_vectors.h"
#include "userspace/verify/cbor.h"
#include "userspace/verify/cca.h"
#include "userspace/verify/cose.h"

#define PROFILE "http://arm.com/CCA-SSD/1.0.0"
#define NEED_VECTORS()                                              \
	do {                                                        \
		if (!self->tok)                                     \
			SKIP(return, "cca test vectors are absent"); \
	} while (0)

FIXTURE(token) {
	uint8_t *tok;
	size_t len;
	EVP_PKEY *cpak;
	struct twi_cca_claims c;
	char why[TWI_WHY_MAX];
};

FIXTURE_VARIANT(token) {
	const char *token;
	const char *cpak;
	const char *realm_hash;	/* SOURCES.md */
	unsigned int n_sw;
	bool exhaustive;	/* flip every byte of the whole token */
};

FIXTURE_VARIANT_ADD(token, tfrmm_pem) {
	.token = "cca/veraison-tfrmm-cca-token.cbor",
	.cpak = "cca/veraison-tfrmm-cpak-pub.pem",
	.realm_hash = "sha-256", .n_sw = 4, .exhaustive = true,
};

FIXTURE_VARIANT_ADD(token, tfrmm_jwk) {
	.token = "cca/veraison-tfrmm-cca-token.cbor",
	.cpak = "cca/trustee-cpak-pub.jwk.json",
	.realm_hash = "sha-256", .n_sw = 4,
};

FIXTURE_VARIANT_ADD(token, trustee_jwk) {
	.token = "cca/trustee-cca-example-token.cbor",
	.cpak = "cca/trustee-cpak-pub.jwk.json",
	.realm_hash = "sha-512", .n_sw = 13, .exhaustive = true,
};

FIXTURE_VARIANT_ADD(token, trustee_pem) {
	.token = "cca/trustee-cca-example-token.cbor",
	.cpak = "cca/veraison-tfrmm-cpak-pub.pem",
	.realm_hash = "sha-512", .n_sw = 13,
};

FIXTURE_SETUP(token)
{
	char path[PATH_MAX];
	const char *dir = getenv("TWI_TESTVECTORS");

	self->tok = vec_load(variant->token, &self->len);
	if (!self->tok)
		return;
	snprintf(path, sizeof(path), "%s/%s",
		 dir && *dir ? dir : "../shared/testvectors", variant->cpak);
	ASSERT_EQ(0, twi_cca_cpak_load(path, &self->cpak, self->why,
				       sizeof(self->why)))
		TH_LOG("%s", self->why);
}

FIXTURE_TEARDOWN(token)
{
	free(self->tok);
	EVP_PKEY_free(self->cpak);
}

static int verify(FIXTURE_DATA(token) *self, const uint8_t *tok, size_t len)
{
	self->why[0] = 0;
	return twi_cca_verify(tok, len, self->cpak, &self->c, self->why,
			      sizeof(self->why));
}

TEST_F(token, verifies)
{
	uint8_t md[64];
	int n;

	NEED_VECTORS();
	ASSERT_EQ(0, verify(self, self->tok, self->len)) TH_LOG("%s", self->why);
	ASSERT_STREQ(PROFILE, self->c.platform_profile);
	ASSERT_STREQ(variant->realm_hash, self->c.realm_hash_alg);
	ASSERT_STREQ("sha-256", self->c.rak_hash_alg);
	ASSERT_EQ(variant->n_sw, self->c.n_sw);
	ASSERT_EQ(97u, self->c.rak_len);

	/* the binding, recomputed here with OpenSSL alone */
	n = vec_sha("SHA256", self->c.rak, self->c.rak_len, md);
	ASSERT_EQ(32, n);
	ASSERT_EQ(32u, self->c.platform_challenge.len);
	ASSERT_EQ(0, memcmp(md, self->c.platform_challenge.v, 32));
	n = strcmp(variant->realm_hash, "sha-256") ? 64 : 32;
	ASSERT_EQ((size_t)n, self->c.rim.len);
	ASSERT_EQ((size_t)n, self->c.rem[3].len);
	ASSERT_EQ(0x01, self->c.instance_id[0]);
	ASSERT_NE(0u, self->c.sw[0].value.len);
}

TEST_F(token, parse_agrees)
{
	static struct twi_cca_claims parsed;

	NEED_VECTORS();
	ASSERT_EQ(0, verify(self, self->tok, self->len));
	ASSERT_EQ(0, twi_cca_parse(self->tok, self->len, &parsed, self->why,
				   sizeof(self->why)));
	ASSERT_EQ(0, memcmp(&parsed, &self->c, sizeof(parsed)));
}

/*
 * Every byte of the token is signed or is structure: changing any of them
 * must fail (every byte for two variants, every 5th otherwise).
 */
TEST_F(token, byte_flips)
{
	static const uint8_t masks[] = { 0x01 };
	size_t i, m, step = variant->exhaustive ? 1 : 5;
	uint8_t *t;

	NEED_VECTORS();
	t = malloc(self->len);
	ASSERT_NE(NULL, t);
	memcpy(t, self->tok, self->len);
	for (i = 0; i < self->len; i += step) {
		for (m = 0; m < ARRAY_SIZE(masks); m++) {
			t[i] ^= masks[m];
			ASSERT_NE(0, verify(self, t, self->len))
				TH_LOG("byte %zu ^ %02x accepted", i, masks[m]);
			ASSERT_NE(0, self->why[0]);
			t[i] ^= masks[m];
		}
	}
	free(t);
}

/*
 * The realm payload carries the appraised claims: three different changes
 * of each byte (every byte for two variants, every 7th otherwise).
 */
TEST_F(token, realm_payload)
{
	static const uint8_t sign1[] = { 0xd2, 0x84, 0x44, 0xa1, 0x01,
					 0x38, 0x22, 0xa0, 0x59 };
	static const uint8_t masks[] = { 0x01, 0x80, 0xff };
	size_t i, m, start, plen, step = variant->exhaustive ? 1 : 7;
	uint8_t *t;
	long off;

	NEED_VECTORS();
	off = vec_find_last(self->tok, self->len, sign1, sizeof(sign1));
	ASSERT_LT(0, off);
	start = off + sizeof(sign1) + 2;
	plen = self->tok[start - 2] << 8 | self->tok[start - 1];
	ASSERT_EQ(self->len, start + plen + 2 + 96);
	t = malloc(self->len);
	ASSERT_NE(NULL, t);
	memcpy(t, self->tok, self->len);
	for (i = start; i < start + plen; i += step) {
		for (m = 0; m < ARRAY_SIZE(masks); m++) {
			t[i] ^= masks[m];
			ASSERT_NE(0, verify(self, t, self->len))
				TH_LOG("payload byte %zu ^ %02x accepted", i,
				       masks[m]);
			t[i] ^= masks[m];
		}
	}
	ASSERT_EQ(0, verify(self, t, self->len));
	free(t);
}

TEST_F(token, truncated_and_trailing)
{
	uint8_t *t;
	size_t n;

	NEED_VECTORS();
	for (n = 0; n < self->len; n++)
		ASSERT_EQ(-EBADMSG, verify(self, self->tok, n));
	t = malloc(self->len + 1);
	ASSERT_NE(NULL, t);
	memcpy(t, self->tok, self->len);
	t[self->len] = 0;
	ASSERT_EQ(-EBADMSG, verify(self, t, self->len + 1));
	free(t);
}

TEST_F(token, wrong_cpak)
{
	EVP_PKEY *good = self->cpak;

	NEED_VECTORS();
	self->cpak = vec_ec_keygen("P-384");
	ASSERT_EQ(-EKEYREJECTED, verify(self, self->tok, self->len));
	ASSERT_NE(NULL, strstr(self->why, "platform"));
	EVP_PKEY_free(self->cpak);
	self->cpak = vec_ec_keygen("P-256");
	ASSERT_EQ(-EKEYREJECTED, verify(self, self->tok, self->len));
	EVP_PKEY_free(self->cpak);
	self->cpak = NULL;
	ASSERT_EQ(-ENOKEY, verify(self, self->tok, self->len));
	self->cpak = good;
	ASSERT_EQ(0, verify(self, self->tok, self->len));
}

/* The PEM SPKI and the JWK in the vectors are the same key. */
TEST(cpak_forms)
{
	static const char *const bad[] = {
		"{}",
		"{\"kty\":\"EC\",\"crv\":\"P-384\"}",
		"{\"kty\":\"EC\",\"crv\":\"P-999\",\"x\":\"AA\",\"y\":\"AA\"}",
		"{\"kty\":\"EC\",\"crv\":\"P-256\",\"x\":\"AA\",\"y\":\"AA\"}",
		"{\"kty\":\"oct\",\"k\":\"AAAA\"}",
		"[1,2]",
		"not json",
		"-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n",
	};
	char why[TWI_WHY_MAX], *pem;
	EVP_PKEY *a = NULL, *b = NULL, *rsa;
	uint8_t *p, *j;
	size_t plen, jlen, i;
	BIO *bio;
	long n;

	p = vec_load("cca/veraison-tfrmm-cpak-pub.pem", &plen);
	j = vec_load("cca/trustee-cpak-pub.jwk.json", &jlen);
	if (!p || !j) {
		free(p);
		free(j);
		SKIP(return, "cca test vectors are absent");
	}
	ASSERT_EQ(0, twi_cca_cpak_parse((char *)p, plen, &a, why, sizeof(why)));
	ASSERT_EQ(0, twi_cca_cpak_parse((char *)j, jlen, &b, why, sizeof(why)));
	ASSERT_EQ(1, EVP_PKEY_eq(a, b));
	/* a JWK whose y is off by one bit is a different (invalid) point */
	for (i = 0; i + 2 < jlen; i++)
		if (!memcmp(j + i, "\"y\"", 3))
			break;
	ASSERT_LT(i + 8, jlen);
	j[i + 6] = j[i + 6] == 'A' ? 'B' : 'A';
	ASSERT_EQ(-EBADMSG, twi_cca_cpak_parse((char *)j, jlen, &b, why,
					       sizeof(why)));
	EVP_PKEY_free(a);
	EVP_PKEY_free(b);
	free(p);
	free(j);

	for (i = 0; i < ARRAY_SIZE(bad); i++)
		ASSERT_EQ(-EBADMSG, twi_cca_cpak_parse(bad[i], strlen(bad[i]),
						       &a, why, sizeof(why)))
			TH_LOG("accepted bad[%zu]", i);

	/* an RSA key is no CPAK */
	rsa = EVP_PKEY_Q_keygen(NULL, NULL, "RSA", (size_t)2048);
	ASSERT_NE(NULL, rsa);
	bio = BIO_new(BIO_s_mem());
	ASSERT_EQ(1, PEM_write_bio_PUBKEY(bio, rsa));
	n = BIO_get_mem_data(bio, &pem);
	ASSERT_EQ(-EBADMSG, twi_cca_cpak_parse(pem, n, &a, why, sizeof(why)));
	BIO_free(bio);
	EVP_PKEY_free(rsa);
	ASSERT_EQ(-ENOENT, twi_cca_cpak_load("/nonexistent/cpak.pem", &a, why,
					     sizeof(why)));
}

/* Where the pieces of a token sit (found by their encodings). */
struct layout {
	size_t plat_payload, plat_len, plat_sig;
	size_t realm_payload, realm_len, realm_sig;
	size_t rak, challenge, rak_hash_alg;
};

static const uint8_t sign1_es384[] = { 0xd2, 0x84, 0x44, 0xa1, 0x01,
				       0x38, 0x22, 0xa0, 0x59 };

static void cose_at(const uint8_t *t, long off, size_t *payload, size_t *len,
		    size_t *sig)
{
	*payload = off + sizeof(sign1_es384) + 2;
	*len = t[*payload - 2] << 8 | t[*payload - 1];
	*sig = *payload + *len + 2;	/* after 58 60 */
}

static bool find_layout(const uint8_t *t, size_t len, struct layout *l)
{
	static const uint8_t rak[] = { 0x19, 0xac, 0xcd, 0x58, 0x61 };
	static const uint8_t ch[] = { 0x0a, 0x58, 0x20 };
	static const uint8_t alg[] = { 0x19, 0xac, 0xd0, 0x67 };
	long p, r, k, c, a;

	p = vec_find(t, len, sign1_es384, sizeof(sign1_es384));
	r = vec_find_last(t, len, sign1_es384, sizeof(sign1_es384));
	if (p < 0 || r <= p)
		return false;
	cose_at(t, p, &l->plat_payload, &l->plat_len, &l->plat_sig);
	cose_at(t, r, &l->realm_payload, &l->realm_len, &l->realm_sig);
	k = vec_find(t + l->realm_payload, l->realm_len, rak, sizeof(rak));
	c = vec_find(t + l->plat_payload, l->plat_len, ch, sizeof(ch));
	a = vec_find(t + l->realm_payload, l->realm_len, alg, sizeof(alg));
	if (k < 0 || c < 0 || a < 0)
		return false;
	l->rak = l->realm_payload + k + sizeof(rak);
	l->challenge = l->plat_payload + c + sizeof(ch);
	l->rak_hash_alg = l->realm_payload + a + sizeof(alg);
	return true;
}

/* ES384 over Sig_structure, built here byte by byte (RFC 9052 4.4). */
static bool es384(EVP_PKEY *key, const uint8_t *payload, size_t len,
		  uint8_t *sig)
{
	static const uint8_t head[] = { 0x84, 0x6a, 'S', 'i', 'g', 'n', 'a',
					't',  'u',  'r', 'e', '1', 0x44, 0xa1,
					0x01, 0x38, 0x22, 0x40 };
	size_t n = sizeof(head), derlen;
	uint8_t *tbs = malloc(n + 9 + len), der[128];
	EVP_MD_CTX *ctx = EVP_MD_CTX_new();
	bool ok;

	memcpy(tbs, head, n);
	n += twi_cbor_put_head(tbs + n, TWI_CBOR_BYTES, len);
	memcpy(tbs + n, payload, len);
	derlen = sizeof(der);
	ok = EVP_DigestSignInit_ex(ctx, NULL, "SHA384", NULL, NULL, key,
				   NULL) == 1 &&
	     EVP_DigestSign(ctx, der, &derlen, tbs, n + len) == 1 &&
	     !twi_ecdsa_der_to_raw(der, derlen, sig, 48);
	EVP_MD_CTX_free(ctx);
	free(tbs);
	return ok;
}

static bool sign(EVP_PKEY *key, uint8_t *t, size_t payload, size_t len,
		 size_t sig)
{
	return es384(key, t + payload, len, t + sig);
}

/*
 * Tokens re-signed with keys made here: the realm key binding is then the
 * only check that can tell them apart.
 */
TEST(realm_binding)
{
	uint8_t *t, point[97], old_challenge[32];
	EVP_PKEY *cpak, *rak;
	struct twi_cca_claims c;
	char why[TWI_WHY_MAX];
	struct layout l;
	size_t len, n;

	t = vec_load("cca/veraison-tfrmm-cca-token.cbor", &len);
	if (!t)
		SKIP(return, "cca test vectors are absent");
	ASSERT_TRUE(find_layout(t, len, &l));
	cpak = vec_ec_keygen("P-384");
	rak = vec_ec_keygen("P-384");
	ASSERT_EQ(1, EVP_PKEY_get_octet_string_param(rak,
		OSSL_PKEY_PARAM_PUB_KEY, point, sizeof(point), &n));
	ASSERT_EQ(97u, n);
	memcpy(old_challenge, t + l.challenge, 32);

	/* new RAK in the realm token, re-signed by it */
	memcpy(t + l.rak, point, sizeof(point));
	ASSERT_TRUE(sign(rak, t, l.realm_payload, l.realm_len, l.realm_sig));

	/* control: challenge = SHA-256(new RAK), platform signed by cpak */
	ASSERT_EQ(32, vec_sha("SHA256", point, sizeof(point),
			      t + l.challenge));
	ASSERT_TRUE(sign(cpak, t, l.plat_payload, l.plat_len, l.plat_sig));
	ASSERT_EQ(0, twi_cca_verify(t, len, cpak, &c, why, sizeof(why)))
		TH_LOG("%s", why);
	ASSERT_EQ(0, memcmp(point, c.rak, sizeof(point)));

	/* the old challenge: both signatures good, binding broken */
	memcpy(t + l.challenge, old_challenge, 32);
	ASSERT_TRUE(sign(cpak, t, l.plat_payload, l.plat_len, l.plat_sig));
	ASSERT_EQ(-EKEYREJECTED, twi_cca_verify(t, len, cpak, &c, why,
						sizeof(why)));
	ASSERT_NE(NULL, strstr(why, "binding"));

	/* one bit off */
	vec_sha("SHA256", point, sizeof(point), t + l.challenge);
	t[l.challenge + 31] ^= 1;
	ASSERT_TRUE(sign(cpak, t, l.plat_payload, l.plat_len, l.plat_sig));
	ASSERT_EQ(-EKEYREJECTED, twi_cca_verify(t, len, cpak, &c, why,
						sizeof(why)));
	ASSERT_NE(NULL, strstr(why, "binding"));
	t[l.challenge + 31] ^= 1;
	ASSERT_TRUE(sign(cpak, t, l.plat_payload, l.plat_len, l.plat_sig));
	ASSERT_EQ(0, twi_cca_verify(t, len, cpak, &c, why, sizeof(why)));

	/* the binding hash is the one claim 44240 names */
	ASSERT_EQ(0, memcmp(t + l.rak_hash_alg, "sha-256", 7));
	memcpy(t + l.rak_hash_alg, "sha-512", 7);
	ASSERT_TRUE(sign(rak, t, l.realm_payload, l.realm_len, l.realm_sig));
	ASSERT_EQ(-EKEYREJECTED, twi_cca_verify(t, len, cpak, &c, why,
						sizeof(why)));
	ASSERT_NE(NULL, strstr(why, "binding"));
	memcpy(t + l.rak_hash_alg, "sha-999", 7);
	ASSERT_TRUE(sign(rak, t, l.realm_payload, l.realm_len, l.realm_sig));
	ASSERT_EQ(-EBADMSG, twi_cca_verify(t, len, cpak, &c, why, sizeof(why)));

	/* a RAK that no longer signs its own token */
	memcpy(t + l.rak_hash_alg, "sha-256", 7);
	ASSERT_TRUE(sign(cpak, t, l.realm_payload, l.realm_len, l.realm_sig));
	ASSERT_EQ(-EKEYREJECTED, twi_cca_verify(t, len, cpak, &c, why,
						sizeof(why)));
	ASSERT_NE(NULL, strstr(why, "realm token signature"));

	EVP_PKEY_free(cpak);
	EVP_PKEY_free(rak);
	free(t);
}

/* A token written from scratch, for what the vectors do not cover. */
struct out {
	uint8_t b[2048];
	size_t n;
};

static void put(struct out *o, enum twi_cbor_major major, uint64_t v)
{
	o->n += twi_cbor_put_head(o->b + o->n, major, v);
}

static void put_bytes(struct out *o, const void *p, size_t n)
{
	put(o, TWI_CBOR_BYTES, n);
	memcpy(o->b + o->n, p, n);
	o->n += n;
}

static void put_text(struct out *o, const char *s)
{
	put(o, TWI_CBOR_TEXT, strlen(s));
	memcpy(o->b + o->n, s, strlen(s));
	o->n += strlen(s);
}

static void put_filled(struct out *o, uint8_t v, size_t n)
{
	uint8_t b[64];

	memset(b, v, n);
	put_bytes(o, b, n);
}

/* The RAK claim: a raw point, or a COSE_Key {1: 2, -1: 2, -2: x, -3: y}. */
static void rak_claim(struct out *o, const uint8_t point[97], bool cose_key)
{
	struct out k = { .n = 0 };

	if (!cose_key) {
		put_bytes(o, point, 97);
		return;
	}
	put(&k, TWI_CBOR_MAP, 4);
	put(&k, TWI_CBOR_UINT, 1);
	put(&k, TWI_CBOR_UINT, 2);
	put(&k, TWI_CBOR_NINT, 0);
	put(&k, TWI_CBOR_UINT, 2);
	put(&k, TWI_CBOR_NINT, 1);
	put_bytes(&k, point + 1, 48);
	put(&k, TWI_CBOR_NINT, 2);
	put_bytes(&k, point + 49, 48);
	put_bytes(o, k.b, k.n);
}

static void realm_payload(struct out *o, const uint8_t point[97],
			  bool cose_key, const char *rak_hash)
{
	int i;

	put(o, TWI_CBOR_MAP, 7);
	put(o, TWI_CBOR_UINT, 10);
	put_filled(o, 0xc1, 64);
	put(o, TWI_CBOR_UINT, 44235);
	put_filled(o, 0xc2, 64);
	put(o, TWI_CBOR_UINT, 44236);
	put_text(o, "sha-384");
	put(o, TWI_CBOR_UINT, 44237);
	rak_claim(o, point, cose_key);
	put(o, TWI_CBOR_UINT, 44238);
	put_filled(o, 0xc3, 48);
	put(o, TWI_CBOR_UINT, 44239);
	put(o, TWI_CBOR_ARRAY, 4);
	for (i = 0; i < 4; i++)
		put_filled(o, 0xd0 + i, 48);
	put(o, TWI_CBOR_UINT, 44240);
	put_text(o, rak_hash);
}

static void platform_payload(struct out *o, const uint8_t *challenge,
			     size_t clen)
{
	uint8_t instance[33] = { 0x01 };

	put(o, TWI_CBOR_MAP, 8);
	put(o, TWI_CBOR_UINT, 265);
	put_text(o, "tag:arm.com,2023:cca_platform#1.0.0");
	put(o, TWI_CBOR_UINT, 10);
	put_bytes(o, challenge, clen);
	put(o, TWI_CBOR_UINT, 2396);
	put_filled(o, 0xa1, 32);
	put(o, TWI_CBOR_UINT, 256);
	put_bytes(o, instance, sizeof(instance));
	put(o, TWI_CBOR_UINT, 2401);
	put_filled(o, 0xa2, 3);
	put(o, TWI_CBOR_UINT, 2395);
	put(o, TWI_CBOR_UINT, 0x3000);
	put(o, TWI_CBOR_UINT, 2402);
	put_text(o, "sha-256");
	put(o, TWI_CBOR_UINT, 2399);
	put(o, TWI_CBOR_ARRAY, 1);
	put(o, TWI_CBOR_MAP, 3);
	put(o, TWI_CBOR_UINT, 1);
	put_text(o, "BL");
	put(o, TWI_CBOR_UINT, 2);
	put_filled(o, 0xb1, 32);
	put(o, TWI_CBOR_UINT, 5);
	put_filled(o, 0xb2, 32);
}

/* tag 18 [h'a1013822', {}, payload, signature] as a byte string */
static bool put_sign1(struct out *o, EVP_PKEY *key, const struct out *pl)
{
	static const uint8_t prot[] = { 0xa1, 0x01, 0x38, 0x22 };
	struct out m = { .n = 0 };
	uint8_t sig[96];

	if (!es384(key, pl->b, pl->n, sig))
		return false;
	put(&m, TWI_CBOR_TAG, 18);
	put(&m, TWI_CBOR_ARRAY, 4);
	put_bytes(&m, prot, sizeof(prot));
	put(&m, TWI_CBOR_MAP, 0);
	put_bytes(&m, pl->b, pl->n);
	put_bytes(&m, sig, sizeof(sig));
	put_bytes(o, m.b, m.n);
	return true;
}

/*
 * RAK as a raw point and as a COSE_Key, each bound with SHA-256, -384 and
 * -512; then a challenge made with another hash than claim 44240 names.
 */
TEST(synthetic_tokens)
{
	static const char *const algs[][2] = {
		{ "sha-256", "SHA256" }, { "sha-384", "SHA384" },
		{ "sha-512", "SHA512" },
	};
	EVP_PKEY *cpak = vec_ec_keygen("P-384"), *rak = vec_ec_keygen("P-384");
	static struct out tok, realm, plat, claim;
	uint8_t point[97], md[64];
	struct twi_cca_claims c;
	char why[TWI_WHY_MAX];
	int form, a, mdlen, ret;
	size_t n;

	ASSERT_EQ(1, EVP_PKEY_get_octet_string_param(rak,
		OSSL_PKEY_PARAM_PUB_KEY, point, sizeof(point), &n));
	for (form = 0; form < 2; form++) {
		for (a = 0; a < 4; a++) {
			const char *named = algs[a % 3][0];
			const char *used = algs[a == 3 ? 0 : a][1];

			if (a == 3)
				named = "sha-384";	/* but SHA-256 used */
			realm.n = plat.n = tok.n = claim.n = 0;
			realm_payload(&realm, point, form, named);
			rak_claim(&claim, point, form);
			/* hash the claim's contents: skip its 2-byte head */
			mdlen = vec_sha(used, claim.b + 2, claim.n - 2, md);
			ASSERT_LT(0, mdlen);
			platform_payload(&plat, md, mdlen);
			put(&tok, TWI_CBOR_TAG, 399);
			put(&tok, TWI_CBOR_MAP, 2);
			put(&tok, TWI_CBOR_UINT, 44234);
			ASSERT_TRUE(put_sign1(&tok, cpak, &plat));
			put(&tok, TWI_CBOR_UINT, 44241);
			ASSERT_TRUE(put_sign1(&tok, rak, &realm));

			ret = twi_cca_verify(tok.b, tok.n, cpak, &c, why,
					     sizeof(why));
			if (a == 3) {
				ASSERT_EQ(-EKEYREJECTED, ret);
				ASSERT_NE(NULL, strstr(why, "binding"));
				continue;
			}
			ASSERT_EQ(0, ret) TH_LOG("%s", why);
			ASSERT_STREQ(named, c.rak_hash_alg);
			ASSERT_EQ((size_t)mdlen, c.platform_challenge.len);
			ASSERT_EQ(claim.n - 2, c.rak_len);
			ASSERT_STREQ("sha-384", c.realm_hash_alg);
			ASSERT_EQ(48u, c.rim.len);
			ASSERT_EQ(1u, c.n_sw);
			ASSERT_STREQ("BL", c.sw[0].type);
			ASSERT_TRUE(twi_cca_lifecycle_secured(c.lifecycle));
		}
	}
	EVP_PKEY_free(cpak);
	EVP_PKEY_free(rak);
}

TEST_HARNESS_MAIN
