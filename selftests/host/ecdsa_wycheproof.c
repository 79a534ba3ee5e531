// SPDX-License-Identifier: GPL-2.0
/*
 * Every Wycheproof ECDSA verification case for P-256/SHA-256 and
 * P-384/SHA-384, DER and IEEE P1363 encodings, through the twi verifier.
 * DER signatures go through the strict parser and must use the whole
 * buffer; P1363 signatures must be exactly 2 * curve bytes.  The files in
 * use have no "acceptable" cases; should one appear it is logged and
 * counted but not held to either outcome.
 */
#include <json-c/json.h>

#include "kselftest_harness.h"
#include "ecdsa_testutil.h"

static void __attribute__((constructor)) setup(void)
{
	twi_ecdsa_init();
}

FIXTURE(wycheproof) {
	json_object *root;
};

FIXTURE_VARIANT(wycheproof) {
	const char *file;
	enum twi_curve curve;
	enum twi_hash hash;
	bool der;
};

FIXTURE_VARIANT_ADD(wycheproof, p256_der) {
	.file = "ecdsa_secp256r1_sha256_test.json",
	.curve = TWI_CURVE_P256,
	.hash = TWI_HASH_SHA256,
	.der = true,
};

FIXTURE_VARIANT_ADD(wycheproof, p256_p1363) {
	.file = "ecdsa_secp256r1_sha256_p1363_test.json",
	.curve = TWI_CURVE_P256,
	.hash = TWI_HASH_SHA256,
};

FIXTURE_VARIANT_ADD(wycheproof, p384_der) {
	.file = "ecdsa_secp384r1_sha384_test.json",
	.curve = TWI_CURVE_P384,
	.hash = TWI_HASH_SHA384,
	.der = true,
};

FIXTURE_VARIANT_ADD(wycheproof, p384_p1363) {
	.file = "ecdsa_secp384r1_sha384_p1363_test.json",
	.curve = TWI_CURVE_P384,
	.hash = TWI_HASH_SHA384,
};

FIXTURE_SETUP(wycheproof)
{
	char path[4096], sub[256];

	snprintf(sub, sizeof(sub), "wycheproof/%s", variant->file);
	tv_dir(path, sizeof(path), sub);
	self->root = NULL;
	if (!access(path, R_OK))
		self->root = json_object_from_file(path);
}

FIXTURE_TEARDOWN(wycheproof)
{
	if (self->root)
		json_object_put(self->root);
}

static const char *jstr(json_object *o, const char *key)
{
	json_object *v;

	if (!json_object_object_get_ex(o, key, &v))
		return NULL;
	return json_object_get_string(v);
}

/* our verdict: 0 accepted, else the error */
static int check(const FIXTURE_VARIANT(wycheproof) *variant, const u8 *pub,
		 const char *msg_hex, const char *sig_hex)
{
	size_t n = twi_ec_bytes(variant->curve);
	size_t mlen = strlen(msg_hex) / 2, slen = strlen(sig_hex) / 2;
	u8 *msg = malloc(mlen + 1), *sig = malloc(slen + 1);
	u8 dg[64], rs[96];
	int ret;

	unhex(msg, mlen, msg_hex);
	unhex(sig, slen, sig_hex);
	ossl_digest(variant->hash, msg, mlen, dg);
	if (variant->der) {
		ret = twi_ecdsa_sig_from_der(variant->curve, sig, slen, rs);
		if (ret >= 0 && (size_t)ret != slen)
			ret = -EBADMSG;
		if (ret >= 0)
			ret = 0;
	} else {
		ret = slen == 2 * n ? 0 : -EBADMSG;
		if (!ret)
			memcpy(rs, sig, 2 * n);
	}
	if (!ret)
		ret = twi_ecdsa_verify(variant->curve, pub, dg,
				       twi_hash_len(variant->hash), rs);
	free(msg);
	free(sig);
	return ret;
}

TEST_F(wycheproof, all_cases)
{
	int valid = 0, invalid = 0, acceptable = 0, acc_ok = 0, i, j;
	json_object *groups, *g, *tests, *t, *key;
	u8 pub[97];

	if (!self->root)
		SKIP(return, "no readable test vectors: %s", variant->file);
	ASSERT_TRUE(json_object_object_get_ex(self->root, "testGroups",
					      &groups));
	for (i = 0; i < (int)json_object_array_length(groups); i++) {
		const char *hex;

		g = json_object_array_get_idx(groups, i);
		ASSERT_TRUE(json_object_object_get_ex(g, "publicKey", &key));
		hex = jstr(key, "uncompressed");
		ASSERT_NE(NULL, hex);
		ASSERT_EQ(twi_ecdsa_pub_len(variant->curve), strlen(hex) / 2);
		unhex(pub, sizeof(pub), hex);
		ASSERT_TRUE(json_object_object_get_ex(g, "tests", &tests));
		for (j = 0; j < (int)json_object_array_length(tests); j++) {
			const char *result, *msg, *sig;
			int ret;

			t = json_object_array_get_idx(tests, j);
			result = jstr(t, "result");
			msg = jstr(t, "msg");
			sig = jstr(t, "sig");
			ASSERT_NE(NULL, result);
			ASSERT_NE(NULL, msg);
			ASSERT_NE(NULL, sig);
			ret = check(variant, pub, msg, sig);
			if (!strcmp(result, "valid")) {
				if (ret)
					TH_LOG("tcId %s rejected (%d): %s",
					       jstr(t, "tcId"), ret,
					       jstr(t, "comment"));
				ASSERT_EQ(0, ret);
				valid++;
			} else if (!strcmp(result, "invalid")) {
				if (!ret)
					TH_LOG("tcId %s accepted: %s",
					       jstr(t, "tcId"),
					       jstr(t, "comment"));
				ASSERT_NE(0, ret);
				invalid++;
			} else {
				acceptable++;
				acc_ok += !ret;
			}
		}
	}
	TH_LOG("%s: %d valid accepted, %d invalid rejected, %d acceptable (%d accepted)",
	       variant->file, valid, invalid, acceptable, acc_ok);
	ASSERT_LT(100, valid);
	ASSERT_LT(50, invalid);
}

TEST_HARNESS_MAIN
