// SPDX-License-Identifier: GPL-2.0
/*
 * Random differential test of the twi ECDSA core against OpenSSL 3:
 * public keys derived from the same scalar, SPKI, our signatures checked
 * by OpenSSL, OpenSSL's signatures checked by us (through our DER
 * parser), DER encodings compared byte for byte.  Hashes rotate through
 * SHA-256/384/512.  TWI_ECDSA_DIFF_N sets the number of signatures each
 * way per curve (default 10000), shared among TWI_ECDSA_DIFF_JOBS worker
 * processes (default 2).
 */
#include <sys/wait.h>

#include "kselftest_harness.h"
#include "ecdsa_testutil.h"

static void __attribute__((constructor)) setup(void)
{
	twi_ecdsa_init();
}

FIXTURE(diff) {
	u64 tab[TWI_EC_PUB_TABLE_MAX / 8];
	EVP_PKEY *pk;
	u8 priv[48], pub[97];
	size_t n;
	long keys, ours_ok, theirs_ok, rejected;
};

FIXTURE_VARIANT(diff) {
	enum twi_curve curve;
};

FIXTURE_VARIANT_ADD(diff, p256) {
	.curve = TWI_CURVE_P256,
};

FIXTURE_VARIANT_ADD(diff, p384) {
	.curve = TWI_CURVE_P384,
};

FIXTURE_SETUP(diff)
{
	memset(self, 0, sizeof(*self));
	self->n = twi_ec_bytes(variant->curve);
}

FIXTURE_TEARDOWN(diff)
{
	EVP_PKEY_free(self->pk);
}

/* a fresh OpenSSL key; our derivation of its public point must agree */
static int new_key(struct __test_metadata *_metadata,
		   FIXTURE_DATA(diff) *self, enum twi_curve curve)
{
	u8 opub[97], spki[TWI_EC_MAX_SPKI];
	const unsigned char *p = spki;
	size_t len = sizeof(opub);
	BIGNUM *d = NULL;
	EVP_PKEY *back;

	EVP_PKEY_free(self->pk);
	self->pk = EVP_PKEY_Q_keygen(NULL, NULL, "EC", curve_group(curve));
	ASSERT_NE(NULL, self->pk);
	ASSERT_EQ(1, EVP_PKEY_get_bn_param(self->pk, OSSL_PKEY_PARAM_PRIV_KEY,
					   &d));
	ASSERT_EQ((int)self->n, BN_bn2binpad(d, self->priv, (int)self->n));
	BN_clear_free(d);
	ASSERT_EQ(1, EVP_PKEY_get_octet_string_param(self->pk,
			OSSL_PKEY_PARAM_PUB_KEY, opub, sizeof(opub), &len));
	ASSERT_EQ(2 * self->n + 1, len);
	ASSERT_EQ(0, twi_ecdsa_keygen(curve, fixed_rng, self->priv, self->priv,
				      self->pub));
	ASSERT_EQ(0, memcmp(opub, self->pub, len));
	ASSERT_EQ(0, twi_ecdsa_pub_table(curve, self->pub, self->tab,
					 sizeof(self->tab)));
	len = sizeof(spki);
	ASSERT_EQ(0, twi_ecdsa_spki(curve, self->pub, spki, &len));
	back = d2i_PUBKEY(NULL, &p, (long)len);
	ASSERT_NE(NULL, back);
	ASSERT_EQ(1, EVP_PKEY_eq(back, self->pk));
	EVP_PKEY_free(back);
	self->keys++;
	return 0;
}

static void run_cases(struct __test_metadata *_metadata,
		      FIXTURE_DATA(diff) *self,
		      const FIXTURE_VARIANT(diff) *variant, long count)
{
	long i;
	u8 msg[80], dg[64], sig[96], rs[96], extra[32];
	u8 der[TWI_EC_MAX_DER_SIG], ref[TWI_EC_MAX_DER_SIG];
	enum twi_curve curve = variant->curve;
	size_t dl, mlen, len, elen;
	enum twi_hash h;
	int dlen, ret;

	for (i = 0; i < count; i++) {
		if (i % 16 == 0)
			new_key(_metadata, self, curve);
		h = (enum twi_hash)(i % 3);
		dl = twi_hash_len(h);
		mlen = (size_t)(i % 81);
		RAND_bytes(msg, (int)mlen);
		ossl_digest(h, msg, mlen, dg);

		/* we sign, OpenSSL verifies; DER must match OpenSSL's */
		RAND_bytes(extra, sizeof(extra));
		elen = i & 1 ? sizeof(extra) : 0;
		if (i & 2)
			ret = twi_ecdsa_sign_tab(curve, h, self->priv,
						 self->tab, dg, dl, extra,
						 elen, sig);
		else
			ret = twi_ecdsa_sign(curve, h, self->priv, self->pub,
					     dg, dl, extra, elen, sig);
		ASSERT_EQ(0, ret);
		ASSERT_EQ(1, ossl_verify(self->pk, curve, dg, dl, sig));
		len = sizeof(der);
		ASSERT_EQ(0, twi_ecdsa_sig_to_der(curve, sig, der, &len));
		ASSERT_EQ((int)len, ossl_rs_to_der(curve, sig, ref));
		ASSERT_EQ(0, memcmp(ref, der, len));
		self->ours_ok++;

		/* OpenSSL signs, we parse and verify */
		dlen = ossl_sign(self->pk, dg, dl, der, sizeof(der));
		ASSERT_LT(0, dlen);
		ASSERT_EQ(dlen, twi_ecdsa_sig_from_der(curve, der,
						       (size_t)dlen, rs));
		if (i & 1)
			ret = twi_ecdsa_verify_tab(curve, self->tab, dg, dl,
						   rs);
		else
			ret = twi_ecdsa_verify(curve, self->pub, dg, dl, rs);
		ASSERT_EQ(0, ret);
		self->theirs_ok++;

		if (i % 8 == 7) {
			/* only the leftmost curve-size bytes count */
			dg[i % (dl < self->n ? dl : self->n)] ^= 1 << (i % 8);
			ASSERT_EQ(-EKEYREJECTED,
				  twi_ecdsa_verify(curve, self->pub, dg, dl,
						   rs));
			ASSERT_EQ(-EKEYREJECTED,
				  twi_ecdsa_verify_tab(curve, self->tab, dg,
						       dl, rs));
			ASSERT_EQ(0, ossl_verify(self->pk, curve, dg, dl, rs));
			self->rejected++;
		}
	}
	TH_LOG("%s worker: %ld keys, %ld ours->OpenSSL, %ld OpenSSL->ours, %ld tampered rejected",
	       curve_group(curve), self->keys, self->ours_ok,
	       self->theirs_ok, self->rejected);
}

TEST_F_TIMEOUT(diff, against_openssl, 900)
{
	long count = env_count("TWI_ECDSA_DIFF_N", 10000);
	long jobs = env_count("TWI_ECDSA_DIFF_JOBS", 2), j;
	int status, failed = 0;
	pid_t pid;

	ASSERT_LT(0, jobs);
	for (j = 0; j < jobs; j++) {
		pid = fork();
		ASSERT_LE(0, pid);
		if (pid == 0) {
			run_cases(_metadata, self, variant,
				  count / jobs + (j < count % jobs));
			_exit(_metadata->passed ? 0 : 1);
		}
	}
	while (wait(&status) > 0)
		failed += !WIFEXITED(status) || WEXITSTATUS(status);
	ASSERT_EQ(0, failed);
	TH_LOG("%s: %ld signatures each way in %ld workers",
	       curve_group(variant->curve), count, jobs);
}

TEST_HARNESS_MAIN
