// SPDX-License-Identifier: GPL-2.0
/*
 * The "twi" key type through keyctl: creation options, pkey_query, sign and
 * verify for both curves, every hash and both encodings, checked against
 * the OpenSSL library and the openssl command with the key from keyctl read.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <keyutils.h>
#include <openssl/ec.h>
#include <openssl/ecdsa.h>
#include <openssl/evp.h>
#include <openssl/x509.h>
#include <linux/twi.h>

#include "kselftest_harness.h"
#include "libtwi.h"
#include "workload_util.h"

/* twi keys are made inside a workload. */
TEST_IN_WORKLOAD("key")

static const char *const hashes[] = { "sha256", "sha384", "sha512" };

/*
 * A new key with a description of its own: adding a key with the same
 * type and description to a keyring replaces the one linked there.  These
 * tests run without an evidence provider, so their keys are unattested
 * (provider_test covers attested ones).
 */
static key_serial_t new_key(const char *options)
{
	static unsigned int seq;
	char desc[32], opts[400];

	snprintf(desc, sizeof(desc), "test-%u", seq++);
	snprintf(opts, sizeof(opts), "%s attest=none", options);
	return add_key(TWI_KEY_TYPE, desc, opts, strlen(opts),
		       KEY_SPEC_PROCESS_KEYRING);
}

static int add_errno(const char *options)
{
	key_serial_t key = new_key(options);

	if (key >= 0) {
		keyctl_invalidate(key);
		return 0;
	}
	return errno;
}

/* The signature buffer size the keyctl core accepts: max_sig_size. */
static size_t max_sig(key_serial_t key, const char *info)
{
	struct keyctl_pkey_query q;

	if (keyctl_pkey_query(key, info, &q))
		return 0;
	return q.max_sig_size;
}

static size_t digest(const char *hash, const void *data, size_t len,
		     unsigned char *out)
{
	unsigned int n = 0;

	EVP_Digest(data, len, out, &n, EVP_get_digestbyname(hash), NULL);
	return n;
}

static EVP_PKEY *read_public(key_serial_t key)
{
	const unsigned char *p;
	EVP_PKEY *pkey;
	void *spki;
	long len;

	len = keyctl_read_alloc(key, &spki);
	if (len < 0)
		return NULL;
	p = spki;
	pkey = d2i_PUBKEY(NULL, &p, len);
	if (p != (unsigned char *)spki + len) {
		EVP_PKEY_free(pkey);
		pkey = NULL;
	}
	free(spki);
	return pkey;
}

/* r || s as DER, for OpenSSL. */
static int p1363_to_der(const unsigned char *rs, size_t len,
			unsigned char *der)
{
	ECDSA_SIG *sig = ECDSA_SIG_new();
	unsigned char *p = der;
	int n;

	ECDSA_SIG_set0(sig, BN_bin2bn(rs, len / 2, NULL),
		       BN_bin2bn(rs + len / 2, len / 2, NULL));
	n = i2d_ECDSA_SIG(sig, &p);
	ECDSA_SIG_free(sig);
	return n;
}

static int openssl_verify(EVP_PKEY *pkey, const unsigned char *dgst,
			  size_t dlen, const unsigned char *der, size_t slen)
{
	EVP_PKEY_CTX *ctx = EVP_PKEY_CTX_new(pkey, NULL);
	int ok;

	ok = ctx && EVP_PKEY_verify_init(ctx) == 1 &&
	     EVP_PKEY_verify(ctx, der, slen, dgst, dlen) == 1;
	EVP_PKEY_CTX_free(ctx);
	return ok;
}

TEST(options_refused)
{
	static const char *const bad[] = {
		"alg=p521", "alg=", "alg", "ALG=p256", "bogus", "bogus=1",
		"alg=p256 alg=p256", "alg=p256 alg=p384", "nonce=sometimes",
		"nonce=rfc6979 nonce=hedged", "alg=p256\tnonce=rfc6979",
		"alg=p256\n", "attest=maybe", "attest=", "attest=tee",
		"attest=none",
	};
	unsigned int before = test_live_keys();
	char longopts[300];
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		EXPECT_EQ(EINVAL, add_errno(bad[i])) TH_LOG("options #%zu", i);

	memset(longopts, ' ', sizeof(longopts) - 1);
	longopts[sizeof(longopts) - 1] = '\0';
	EXPECT_EQ(EINVAL, add_errno(longopts));
	EXPECT_EQ(EINVAL, add_key(TWI_KEY_TYPE, "t", "alg=p256\0x", 10,
				  KEY_SPEC_PROCESS_KEYRING) < 0 ? errno : 0);
	/* Nothing was made: no key was ever counted alive. */
	EXPECT_EQ(before, test_live_keys());
}

/* An attested key (the default) needs the evidence provider. */
TEST(attested_needs_provider)
{
	static const char *const opts[] = { "", "alg=p384", "attest=tee" };
	unsigned int before = test_live_keys();
	size_t i;

	for (i = 0; i < sizeof(opts) / sizeof(opts[0]); i++) {
		key_serial_t key = add_key(TWI_KEY_TYPE, "attested", opts[i],
					   strlen(opts[i]),
					   KEY_SPEC_PROCESS_KEYRING);

		EXPECT_EQ(-1, key);
		EXPECT_EQ(ENODEV, errno) TH_LOG("options \"%s\"", opts[i]);
	}
	EXPECT_EQ(before, test_live_keys());
}

TEST(options_accepted)
{
	static const char *const good[] = {
		"", "alg=p256", "alg=p384", " alg=p384 ", "nonce=rfc6979",
		"alg=p384 nonce=hedged", "nonce=rfc6979  alg=p256",
	};
	size_t i;

	for (i = 0; i < sizeof(good) / sizeof(good[0]); i++)
		EXPECT_EQ(0, add_errno(good[i])) TH_LOG("options #%zu", i);
}

FIXTURE(key) {
	key_serial_t key;
	EVP_PKEY *pub;
};

FIXTURE_VARIANT(key) {
	const char *options;
	unsigned int bits;
	unsigned short der_max;
	const char *group;
};

FIXTURE_VARIANT_ADD(key, p256) {
	.options = "alg=p256", .bits = 256, .der_max = 72,
	.group = "prime256v1",
};

FIXTURE_VARIANT_ADD(key, p384) {
	.options = "alg=p384", .bits = 384, .der_max = 104,
	.group = "secp384r1",
};

FIXTURE_SETUP(key)
{
	char group[32] = "";

	self->key = new_key(variant->options);
	ASSERT_LT(0, self->key) TH_LOG("add_key: %s", strerror(errno));
	self->pub = read_public(self->key);
	ASSERT_NE(NULL, self->pub);
	ASSERT_EQ(1, EVP_PKEY_get_group_name(self->pub, group, sizeof(group),
					     NULL));
	ASSERT_STREQ(variant->group, group);
}

FIXTURE_TEARDOWN(key)
{
	EVP_PKEY_free(self->pub);
	keyctl_invalidate(self->key);
}

TEST_F(key, query)
{
	struct keyctl_pkey_query q;
	char info[64];
	size_t i;

	for (i = 0; i < 3; i++) {
		snprintf(info, sizeof(info), "enc=x962 hash=%s", hashes[i]);
		ASSERT_EQ(0, keyctl_pkey_query(self->key, info, &q));
		EXPECT_EQ(variant->bits, q.key_size);
		EXPECT_EQ(32 + 16 * i, q.max_data_size);
		EXPECT_EQ(variant->der_max, q.max_sig_size);
		EXPECT_EQ(0, q.max_enc_size);
		EXPECT_EQ(0, q.max_dec_size);
		EXPECT_EQ((unsigned int)(KEYCTL_SUPPORTS_SIGN |
					 KEYCTL_SUPPORTS_VERIFY),
			  q.supported_ops);

		snprintf(info, sizeof(info), "enc=p1363 hash=%s", hashes[i]);
		ASSERT_EQ(0, keyctl_pkey_query(self->key, info, &q));
		EXPECT_EQ(variant->bits / 4, q.max_sig_size);
	}
	EXPECT_EQ(-1, keyctl_pkey_query(self->key, "hash=sha256", &q));
	EXPECT_EQ(ENOPKG, errno);
	EXPECT_EQ(-1, keyctl_pkey_query(self->key, "enc=pkcs1 hash=sha256", &q));
	EXPECT_EQ(ENOPKG, errno);
	EXPECT_EQ(-1, keyctl_pkey_query(self->key, "enc=x962 hash=sha1", &q));
	EXPECT_EQ(ENOPKG, errno);
	EXPECT_EQ(-1, keyctl_pkey_query(self->key, "enc=x962", &q));
	EXPECT_EQ(ENOPKG, errno);
}

/* Every hash and encoding: we sign, OpenSSL and we verify. */
TEST_F(key, sign_verify_every_hash_and_encoding)
{
	unsigned char dgst[64], sig[128], der[128];
	static const char msg[] = "twi signs this";
	char info[64];
	size_t i, enc;
	long len;
	int dlen;

	for (i = 0; i < 3; i++) {
		for (enc = 0; enc < 2; enc++) {
			snprintf(info, sizeof(info), "enc=%s hash=%s",
				 enc ? "p1363" : "x962", hashes[i]);
			dlen = digest(hashes[i], msg, sizeof(msg), dgst);
			len = keyctl_pkey_sign(self->key, info, dgst, dlen,
					       sig, max_sig(self->key, info));
			ASSERT_LT(0, len) TH_LOG("%s: %s", info, strerror(errno));
			if (enc) {
				ASSERT_EQ(variant->bits / 4, len);
				memcpy(der, sig, len);
				len = p1363_to_der(der, len, der);
			} else {
				memcpy(der, sig, len);
			}
			EXPECT_TRUE(openssl_verify(self->pub, dgst, dlen, der, len))
				TH_LOG("%s", info);
			EXPECT_EQ(0, keyctl_pkey_verify(self->key, info, dgst,
							dlen, sig,
							enc ? variant->bits / 4 : len))
				TH_LOG("%s: %s", info, strerror(errno));
		}
	}
}

/* Tampered signatures and digests fail with EKEYREJECTED. */
TEST_F(key, tampering_rejected)
{
	unsigned char dgst[64], sig[128], bad[128];
	const char *info = "enc=p1363 hash=sha384";
	size_t n = variant->bits / 4, i;
	long len;

	memset(dgst, 0x5a, 48);
	len = keyctl_pkey_sign(self->key, info, dgst, 48, sig, n);
	ASSERT_EQ((long)n, len);
	ASSERT_EQ(0, keyctl_pkey_verify(self->key, info, dgst, 48, sig, n));

	for (i = 0; i < n; i += 7) {
		memcpy(bad, sig, n);
		bad[i] ^= 0x01;
		EXPECT_EQ(-1, keyctl_pkey_verify(self->key, info, dgst, 48,
						 bad, n));
		EXPECT_TRUE(errno == EKEYREJECTED || errno == EBADMSG)
			TH_LOG("byte %zu: %s", i, strerror(errno));
	}
	/* Only the leftmost bits of a digest longer than the order count. */
	for (i = 0; i < n / 2; i += 5) {
		dgst[i] ^= 0x80;
		EXPECT_EQ(-1, keyctl_pkey_verify(self->key, info, dgst, 48,
						 sig, n));
		EXPECT_EQ(EKEYREJECTED, errno);
		dgst[i] ^= 0x80;
	}
	/* r = 0 is malformed for verification, not merely wrong. */
	memset(bad, 0, n);
	EXPECT_EQ(-1, keyctl_pkey_verify(self->key, info, dgst, 48, bad, n));
	EXPECT_EQ(EKEYREJECTED, errno);
}

/*
 * The keyctl core hands verify max_sig_size bytes whatever length the
 * caller gives; a DER signature ends where its SEQUENCE says.
 */
TEST_F(key, der_signature_padded_to_max_size)
{
	unsigned char dgst[32], sig[128];
	const char *info = "enc=x962 hash=sha256";
	long len;

	memset(dgst, 0x11, sizeof(dgst));
	memset(sig, 0xee, sizeof(sig));
	len = keyctl_pkey_sign(self->key, info, dgst, 32, sig, variant->der_max);
	ASSERT_LT(0, len);
	ASSERT_GE(variant->der_max, len);
	EXPECT_EQ(0, keyctl_pkey_verify(self->key, info, dgst, 32, sig, len));
	EXPECT_EQ(0, keyctl_pkey_verify(self->key, info, dgst, 32, sig,
					variant->der_max));
	sig[0] = 0x31;
	EXPECT_EQ(-1, keyctl_pkey_verify(self->key, info, dgst, 32, sig, len));
	EXPECT_EQ(EBADMSG, errno);
}

TEST_F(key, bad_calls)
{
	unsigned char dgst[64] = { 0 }, sig[128];

	size_t max = variant->der_max;

	/* A digest whose length is not the hash's. */
	EXPECT_EQ(-1, keyctl_pkey_sign(self->key, "enc=x962 hash=sha256",
				       dgst, 31, sig, max));
	EXPECT_EQ(EINVAL, errno);
	EXPECT_EQ(-1, keyctl_pkey_sign(self->key, "enc=x962 hash=sha384",
				       dgst, 32, sig, max));
	EXPECT_EQ(EINVAL, errno);
	/* A buffer larger than max_sig_size: the keyctl core refuses it. */
	EXPECT_EQ(-1, keyctl_pkey_sign(self->key, "enc=x962 hash=sha256",
				       dgst, 32, sig, max + 1));
	EXPECT_EQ(EINVAL, errno);
	EXPECT_EQ(-1, keyctl_pkey_sign(self->key, "enc=x962 hash=sha1",
				       dgst, 20, sig, max));
	EXPECT_EQ(ENOPKG, errno);
	EXPECT_EQ(-1, keyctl_pkey_encrypt(self->key, "enc=x962 hash=sha256",
					  dgst, 32, sig, sizeof(sig)));
	EXPECT_TRUE(errno == EOPNOTSUPP || errno == EINVAL);
	EXPECT_EQ(-1, keyctl_pkey_decrypt(self->key, "enc=x962 hash=sha256",
					  dgst, 32, sig, sizeof(sig)));
	EXPECT_TRUE(errno == EOPNOTSUPP || errno == EINVAL);
}

TEST_F(key, describe_shows_algorithm_only)
{
	char *desc = NULL;
	char want[64];

	ASSERT_LT(0, keyctl_describe_alloc(self->key, &desc));
	snprintf(want, sizeof(want), ";test-");
	EXPECT_NE(NULL, strstr(desc, want)) TH_LOG("describe: %s", desc);
	EXPECT_EQ(0, strncmp(desc, TWI_KEY_TYPE ";", 4)) TH_LOG("%s", desc);
	free(desc);
}

TEST_F(key, revoke_stops_signing)
{
	unsigned char dgst[32] = { 1 }, sig[128];
	const char *info = "enc=x962 hash=sha256";

	ASSERT_LT(0, keyctl_pkey_sign(self->key, info, dgst, 32, sig,
				      variant->der_max));
	ASSERT_EQ(0, keyctl_revoke(self->key));
	EXPECT_EQ(-1, keyctl_pkey_sign(self->key, info, dgst, 32, sig,
				       variant->der_max));
	EXPECT_EQ(EKEYREVOKED, errno);
	EXPECT_EQ(-1, keyctl_read_alloc(self->key, (void **)&info));
	EXPECT_EQ(EKEYREVOKED, errno);
}

/* Deterministic keys give one signature per digest; hedged ones do not. */
TEST(nonces)
{
	unsigned char dgst[32] = { 7 }, a[72], b[72];
	const char *info = "enc=x962 hash=sha256";
	key_serial_t det, hedged;
	long la, lb;

	det = new_key("nonce=rfc6979");
	hedged = new_key("");
	ASSERT_LT(0, det);
	ASSERT_LT(0, hedged);

	la = keyctl_pkey_sign(det, info, dgst, 32, a, sizeof(a));
	lb = keyctl_pkey_sign(det, info, dgst, 32, b, sizeof(b));
	ASSERT_LT(0, la);
	EXPECT_EQ(la, lb);
	EXPECT_EQ(0, memcmp(a, b, la));

	la = keyctl_pkey_sign(hedged, info, dgst, 32, a, sizeof(a));
	lb = keyctl_pkey_sign(hedged, info, dgst, 32, b, sizeof(b));
	ASSERT_LT(0, la);
	ASSERT_LT(0, lb);
	EXPECT_TRUE(la != lb || memcmp(a, b, la));
	EXPECT_EQ(0, keyctl_pkey_verify(hedged, info, dgst, 32, a, la));
	EXPECT_EQ(0, keyctl_pkey_verify(hedged, info, dgst, 32, b, lb));

	keyctl_invalidate(det);
	keyctl_invalidate(hedged);
}

/* Keys are counted while alive and freed when they go. */
TEST(lifecycle_counts)
{
	unsigned int before = test_settle_keys(0);
	key_serial_t keys[20];
	int i;

	ASSERT_EQ(0U, before);
	for (i = 0; i < 20; i++) {
		keys[i] = new_key(i % 2 ? "alg=p384" : "");
		ASSERT_LT(0, keys[i]);
	}
	EXPECT_EQ(20U, test_live_keys());
	for (i = 0; i < 20; i++)
		keyctl_invalidate(keys[i]);
	EXPECT_EQ(0U, test_settle_keys(0));
}

TEST_HARNESS_MAIN
