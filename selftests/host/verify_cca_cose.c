// SPDX-License-Identifier: GPL-2.0
/*
 * COSE_Sign1 against the COSE working group's published examples
 * (github.com/cose-wg/Examples: ecdsa-examples/ecdsa-sig-01, -02,
 * sign1-tests/sign-pass-02, -03), plus header misuse built here.
 */
#include <stdio.h>
#include <string.h>

#include <json-c/json.h>

#include "kselftest_harness.h"
#include "userspace/verify/cose.h"

/* ecdsa-sig-02: ES384, tagged, kid "P384" unprotected */
#define SIG02 \
	"D28444A1013822A104445033383454546869732069732074686520636F6E74656E" \
	"742E5860B8F85EFF78C88F5351CED2F1887B79B296490795594B62E41E22529BB9" \
	"0208B7D8CDDD4A46D0E9C986464D83D0A5D1EDF39B3E2C5750364230D0E8D76460" \
	"D8808E76C83830FBBD1978CC174066EB437F17887979ECF027DCC9D51BAF6C4FD8C0"
#define KEY_P384 \
	"{\"kty\":\"EC\",\"crv\":\"P-384\"," \
	"\"x\":\"kTJyP2KSsBBhnb4kjWmMF7WHVsY55xUPgb7k64rDcjatChoZ1nvjKmYmPh5STRKc\"," \
	"\"y\":\"mM0weMVU2DKsYDxDJkEP9hZiRZtB8fPfXbzINZj_fF7YQRynNWedHEyzAJOX2e8s\"}"

/* ecdsa-sig-01: ES256 with ctyp 0 also protected */
#define SIG01 \
	"D28445A201260300A10442313154546869732069732074686520636F6E74656E74" \
	"2E5840EAE868ECC176883766C5DC5BA5B8DCA25DAB3C2E56A551CE5705B7939143" \
	"48E172727F48461FABBBA2E343492DDECAC3983686250BC68E9F1A7A07D41225B59F"
/* sign-pass-03: ES256, no tag */
#define PASS03 \
	"8443A10126A10442313154546869732069732074686520636F6E74656E742E5840" \
	"EAE868ECC176883766C5DC5BA5B8DCA25DAB3C2E56A551CE5705B793914348E19F" \
	"43D6C6BA654472DA301B645B293C9BA939295B97C4BDB847782BFF384C5794"
/* sign-pass-02: ES256 over external AAD 11aa22bb33cc44dd55006699 */
#define PASS02 \
	"D28443A10126A10442313154546869732069732074686520636F6E74656E742E58" \
	"40EAE868ECC176883766C5DC5BA5B8DCA25DAB3C2E56A551CE5705B793914348E1" \
	"55388B10C4F1B59A6733EAB416870A945111A4B2FBDBEF33A77234B1DEFF2F9B"
#define KEY_P256 \
	"{\"kty\":\"EC\",\"crv\":\"P-256\"," \
	"\"x\":\"usWxHK2PmfnHKwXPS54m0kTcGJ90UiglWiGahtagnv8\"," \
	"\"y\":\"IBOL-C3BttVivg-lSreASjpkttcsz-1rb7btKLv8EX4\"}"

#define PAYLOAD "This is the content."

static size_t unhex(const char *hex, uint8_t *out, size_t cap)
{
	size_t n = strlen(hex) / 2, i;
	unsigned int v;

	if (n > cap)
		return 0;
	for (i = 0; i < n; i++) {
		sscanf(hex + 2 * i, "%2x", &v);
		out[i] = (uint8_t)v;
	}
	return n;
}

static EVP_PKEY *jwk(const char *text)
{
	struct json_object *o = json_tokener_parse(text);
	EVP_PKEY *key = NULL;

	if (o && twi_jwk_pkey(o, &key))
		key = NULL;
	json_object_put(o);
	return key;
}

static int check(const char *hex, const char *keytext,
		 struct twi_cose_sign1 *m)
{
	EVP_PKEY *key = jwk(keytext);
	uint8_t buf[256];
	size_t n = unhex(hex, buf, sizeof(buf));
	int ret;

	if (!key)
		return -ENOKEY;
	ret = twi_cose_sign1_parse(buf, n, m);
	if (!ret)
		ret = twi_cose_sign1_verify(m, key);
	EVP_PKEY_free(key);
	return ret;
}

TEST(cose_wg_examples)
{
	struct twi_cose_sign1 m;

	ASSERT_EQ(0, check(SIG02, KEY_P384, &m));
	ASSERT_EQ(TWI_COSE_ALG_ES384, m.alg);
	ASSERT_TRUE(m.tagged);
	ASSERT_EQ(strlen(PAYLOAD), m.payload_len);
	ASSERT_EQ(96u, m.sig_len);
	ASSERT_EQ(0, check(SIG01, KEY_P256, &m));
	ASSERT_EQ(TWI_COSE_ALG_ES256, m.alg);
	ASSERT_EQ(0, check(PASS03, KEY_P256, &m));
	ASSERT_FALSE(m.tagged);
	/* signed with external AAD; twi always uses an empty one */
	ASSERT_EQ(-EKEYREJECTED, check(PASS02, KEY_P256, &m));
	/* a key on the wrong curve */
	ASSERT_EQ(-EKEYREJECTED, check(SIG02, KEY_P256, &m));
	ASSERT_EQ(-EKEYREJECTED, check(SIG01, KEY_P384, &m));
}

/* Every byte of the ES384 example matters but the unprotected header's. */
TEST(byte_flips)
{
	EVP_PKEY *key = jwk(KEY_P384);
	struct twi_cose_sign1 m;
	uint8_t buf[256];
	size_t n, i;
	int ret;

	ASSERT_NE(NULL, key);
	n = unhex(SIG02, buf, sizeof(buf));
	for (i = 0; i < n; i++) {
		if (i >= 8 && i < 14)	/* unprotected 4: h'50333834' */
			continue;
		buf[i] ^= 0x02;
		ret = twi_cose_sign1_parse(buf, n, &m);
		if (!ret)
			ret = twi_cose_sign1_verify(&m, key);
		ASSERT_NE(0, ret) TH_LOG("byte %zu accepted", i);
		buf[i] ^= 0x02;
	}
	ASSERT_EQ(0, twi_cose_sign1_parse(buf, n, &m));
	ASSERT_EQ(0, twi_cose_sign1_verify(&m, key));
	EVP_PKEY_free(key);
}

/* Structures twi refuses before any signature check. */
TEST(malformed)
{
	static const char *const bad[] = {
		"d28344a101382240",			/* 3 elements */
		"d28444a1013822a0f65860",		/* detached payload */
		"d28440a04054",				/* no alg at all */
		"d28447a20138220281" "01a04040",	/* crit present */
		"d28444a1013822a1013822" "4040",	/* alg also unprotected */
		"d28443a10161a04040",			/* alg is text */
		"d28444a101382280" "4040",		/* unprotected not a map */
		"d28444a1013822a05f40ff40",		/* chunked payload */
		"d28444a1013822a04040" "00",		/* trailing byte */
		"d38444a1013822a04040",			/* tag 19 */
	};
	struct twi_cose_sign1 m;
	uint8_t buf[64];
	size_t i, n;

	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		n = unhex(bad[i], buf, sizeof(buf));
		ASSERT_EQ(-EBADMSG, twi_cose_sign1_parse(buf, n, &m))
			TH_LOG("accepted bad[%zu]", i);
	}
	/* well-formed, but the signature has the wrong size for ES384 */
	n = unhex("d28444a1013822a0404140", buf, sizeof(buf));
	ASSERT_EQ(0, twi_cose_sign1_parse(buf, n, &m));
	m.alg = TWI_COSE_ALG_ES384;
	ASSERT_EQ(-EBADMSG, twi_cose_sign1_verify(&m, NULL));
}

TEST(base64url)
{
	static const struct {
		const char *in;
		const char *out;
	} good[] = {
		{ "", "" }, { "Zg", "f" }, { "Zm8", "fo" }, { "Zm9v", "foo" },
		{ "Zm9vYg", "foob" }, { "Zm9vYmE", "fooba" },
		{ "Zm9vYmFy", "foobar" }, { "-_8", "\xfb\xff" },
	};
	static const char *const bad[] = { "Z", "Zh", "Zm9", "Zm9v=", "Zm+v",
					   "Zm/v", "Zm9vY", "Z m9" };
	uint8_t out[16];
	size_t i, n;

	/* RFC 4648 section 10 vectors, unpadded */
	for (i = 0; i < ARRAY_SIZE(good); i++) {
		ASSERT_EQ(0, twi_b64url_decode(good[i].in, out, sizeof(out), &n));
		ASSERT_EQ(strlen(good[i].out), n);
		ASSERT_EQ(0, memcmp(good[i].out, out, n));
	}
	for (i = 0; i < ARRAY_SIZE(bad); i++)
		ASSERT_EQ(-EBADMSG, twi_b64url_decode(bad[i], out, sizeof(out),
						      &n))
			TH_LOG("accepted %zu", i);
	ASSERT_EQ(-EMSGSIZE, twi_b64url_decode("Zm9vYmFy", out, 5, &n));
}

TEST_HARNESS_MAIN
