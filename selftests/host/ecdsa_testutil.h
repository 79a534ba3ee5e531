/* SPDX-License-Identifier: GPL-2.0 */
/* Helpers shared by the twi ECDSA host tests: hex, OpenSSL glue, RNG. */
#ifndef ECDSA_TESTUTIL_H
#define ECDSA_TESTUTIL_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <openssl/core_names.h>
#include <openssl/ecdsa.h>
#include <openssl/evp.h>
#include <openssl/param_build.h>
#include <openssl/rand.h>
#include <openssl/x509.h>

#include "kmod/crypto/twi_ecdsa.h"

static inline size_t unhex(u8 *out, size_t max, const char *hex)
{
	size_t n = 0;
	unsigned int v;

	while (hex[0] && hex[1] && n < max) {
		if (sscanf(hex, "%2x", &v) != 1)
			break;
		out[n++] = (u8)v;
		hex += 2;
	}
	return n;
}

static inline const char *curve_group(enum twi_curve curve)
{
	return curve == TWI_CURVE_P256 ? "prime256v1" : "secp384r1";
}

static inline const EVP_MD *hash_md(enum twi_hash h)
{
	switch (h) {
	case TWI_HASH_SHA256:
		return EVP_sha256();
	case TWI_HASH_SHA384:
		return EVP_sha384();
	default:
		return EVP_sha512();
	}
}

static inline int test_rng(void *ctx, u8 *buf, size_t len)
{
	return RAND_bytes(buf, (int)len) == 1 ? 0 : -EIO;
}

/* an "rng" that hands out a fixed scalar: derives pub from priv */
static inline int fixed_rng(void *ctx, u8 *buf, size_t len)
{
	memcpy(buf, ctx, len);
	return 0;
}

/* OpenSSL key from our encodings; priv may be NULL */
static inline EVP_PKEY *ossl_key(enum twi_curve curve, const u8 *pub,
				 const u8 *priv)
{
	size_t n = twi_ec_bytes(curve);
	OSSL_PARAM_BLD *bld = OSSL_PARAM_BLD_new();
	EVP_PKEY_CTX *ctx = EVP_PKEY_CTX_new_from_name(NULL, "EC", NULL);
	OSSL_PARAM *params = NULL;
	EVP_PKEY *pkey = NULL;
	BIGNUM *d = NULL;

	OSSL_PARAM_BLD_push_utf8_string(bld, OSSL_PKEY_PARAM_GROUP_NAME,
					curve_group(curve), 0);
	OSSL_PARAM_BLD_push_octet_string(bld, OSSL_PKEY_PARAM_PUB_KEY, pub,
					 2 * n + 1);
	if (priv) {
		d = BN_bin2bn(priv, (int)n, NULL);
		OSSL_PARAM_BLD_push_BN(bld, OSSL_PKEY_PARAM_PRIV_KEY, d);
	}
	params = OSSL_PARAM_BLD_to_param(bld);
	if (EVP_PKEY_fromdata_init(ctx) <= 0 ||
	    EVP_PKEY_fromdata(ctx, &pkey, priv ? EVP_PKEY_KEYPAIR :
			      EVP_PKEY_PUBLIC_KEY, params) <= 0)
		pkey = NULL;
	OSSL_PARAM_free(params);
	OSSL_PARAM_BLD_free(bld);
	BN_clear_free(d);
	EVP_PKEY_CTX_free(ctx);
	return pkey;
}

/* r || s -> DER with OpenSSL's own encoder; returns length or -1 */
static inline int ossl_rs_to_der(enum twi_curve curve, const u8 *rs,
				 u8 *der)
{
	int n = (int)twi_ec_bytes(curve), len;
	ECDSA_SIG *sig = ECDSA_SIG_new();
	u8 *p = der;

	ECDSA_SIG_set0(sig, BN_bin2bn(rs, n, NULL), BN_bin2bn(rs + n, n, NULL));
	len = i2d_ECDSA_SIG(sig, &p);
	ECDSA_SIG_free(sig);
	return len;
}

/* 1 if OpenSSL accepts r || s over digest */
static inline int ossl_verify(EVP_PKEY *pkey, enum twi_curve curve,
			      const u8 *dg, size_t dlen, const u8 *rs)
{
	EVP_PKEY_CTX *ctx = EVP_PKEY_CTX_new(pkey, NULL);
	u8 der[TWI_EC_MAX_DER_SIG + 8];
	int len, ret = -1;

	len = ossl_rs_to_der(curve, rs, der);
	if (len > 0 && EVP_PKEY_verify_init(ctx) > 0)
		ret = EVP_PKEY_verify(ctx, der, len, dg, dlen);
	EVP_PKEY_CTX_free(ctx);
	return ret;
}

/* OpenSSL signs digest; DER out; returns length or -1 */
static inline int ossl_sign(EVP_PKEY *pkey, const u8 *dg, size_t dlen,
			    u8 *der, size_t max)
{
	EVP_PKEY_CTX *ctx = EVP_PKEY_CTX_new(pkey, NULL);
	size_t len = max;
	int ret = -1;

	if (EVP_PKEY_sign_init(ctx) > 0 &&
	    EVP_PKEY_sign(ctx, der, &len, dg, dlen) > 0)
		ret = (int)len;
	EVP_PKEY_CTX_free(ctx);
	return ret;
}

static inline void ossl_digest(enum twi_hash h, const void *msg, size_t len,
			       u8 *out)
{
	unsigned int olen;

	EVP_Digest(msg, len, out, &olen, hash_md(h), NULL);
}

static inline const char *tv_dir(char *buf, size_t len, const char *sub)
{
	const char *base = getenv("TWI_TESTVECTORS");

	snprintf(buf, len, "%s/%s", base ? base : "../shared/testvectors",
		 sub);
	return buf;
}

static inline long env_count(const char *name, long def)
{
	const char *v = getenv(name);

	return v && *v ? strtol(v, NULL, 0) : def;
}

#endif /* ECDSA_TESTUTIL_H */
