// SPDX-License-Identifier: GPL-2.0
/* COSE_Sign1 (RFC 9052) with ECDSA, verified by OpenSSL 3. */
#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>
#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/param_build.h>
#include <openssl/params.h>

#include "userspace/verify/cbor.h"
#include "userspace/verify/cose.h"
#include "userspace/verify/util.h"

#define HDR_ALG 1
#define HDR_CRIT 2

struct ec_alg {
	int64_t alg;
	const char *curve;	/* JOSE/COSE name */
	const char *group;	/* OpenSSL group name */
	const char *md;
	size_t n;		/* bytes per coordinate and per r, s */
};

static const struct ec_alg ec_algs[] = {
	{ TWI_COSE_ALG_ES256, "P-256", "prime256v1", "SHA256", 32 },
	{ TWI_COSE_ALG_ES384, "P-384", "secp384r1", "SHA384", 48 },
	{ TWI_COSE_ALG_ES512, "P-521", "secp521r1", "SHA512", 66 },
};

static const struct ec_alg *alg_by_id(int64_t alg)
{
	size_t i;

	for (i = 0; i < TWI_ARRAY_SIZE(ec_algs); i++)
		if (ec_algs[i].alg == alg)
			return &ec_algs[i];
	return NULL;
}

static const struct ec_alg *alg_by_curve(const char *curve)
{
	size_t i;

	for (i = 0; i < TWI_ARRAY_SIZE(ec_algs); i++)
		if (!strcmp(ec_algs[i].curve, curve))
			return &ec_algs[i];
	return NULL;
}

static int protected_alg(struct twi_cose_sign1 *msg,
			 const struct twi_cbor_item *unprot)
{
	struct twi_cbor_item hdr, v;
	int ret;

	ret = twi_cbor_decode(msg->protected_hdr, msg->protected_len, &hdr);
	if (ret || hdr.major != TWI_CBOR_MAP)
		return -EBADMSG;
	if (twi_cbor_map_int(&hdr, HDR_CRIT, &v) != -ENOENT ||
	    twi_cbor_map_int(unprot, HDR_ALG, &v) != -ENOENT)
		return -EBADMSG;
	if (twi_cbor_map_int(&hdr, HDR_ALG, &v) || twi_cbor_int(&v, &msg->alg))
		return -EBADMSG;
	return 0;
}

int twi_cose_sign1_parse(const uint8_t *buf, size_t len,
			 struct twi_cose_sign1 *msg)
{
	struct twi_cbor_item top, arr, prot, unprot, payload, sig;
	struct twi_cbor_iter it;

	memset(msg, 0, sizeof(*msg));
	if (twi_cbor_decode(buf, len, &top))
		return -EBADMSG;
	msg->tagged = !twi_cbor_untag(&top, TWI_COSE_TAG_SIGN1, &arr);
	if (!msg->tagged)
		arr = top;
	if (arr.major != TWI_CBOR_ARRAY || arr.indefinite || arr.arg != 4)
		return -EBADMSG;
	twi_cbor_iter_init(&it, &arr);
	if (twi_cbor_next(&it, &prot) != 1 || twi_cbor_next(&it, &unprot) != 1 ||
	    twi_cbor_next(&it, &payload) != 1 || twi_cbor_next(&it, &sig) != 1)
		return -EBADMSG;
	/* the signature covers these bytes as sent: no chunked strings */
	if (prot.major != TWI_CBOR_BYTES || prot.indefinite ||
	    unprot.major != TWI_CBOR_MAP ||
	    payload.major != TWI_CBOR_BYTES || payload.indefinite ||
	    sig.major != TWI_CBOR_BYTES || sig.indefinite)
		return -EBADMSG;
	msg->protected_hdr = prot.data;
	msg->protected_len = prot.arg;
	msg->payload = payload.data;
	msg->payload_len = payload.arg;
	msg->sig = sig.data;
	msg->sig_len = sig.arg;
	return protected_alg(msg, &unprot);
}

/* Sig_structure = ["Signature1", body_protected, external_aad, payload] */
static int sig_structure(const struct twi_cose_sign1 *msg, uint8_t **out,
			 size_t *outlen)
{
	static const char context[] = "Signature1";
	size_t clen = sizeof(context) - 1, n = 0;
	uint8_t *p;

	p = malloc(1 + 9 + clen + 9 + msg->protected_len + 1 + 9 +
		   msg->payload_len);
	if (!p)
		return -ENOMEM;
	n += twi_cbor_put_head(p + n, TWI_CBOR_ARRAY, 4);
	n += twi_cbor_put_head(p + n, TWI_CBOR_TEXT, clen);
	memcpy(p + n, context, clen);
	n += clen;
	n += twi_cbor_put_head(p + n, TWI_CBOR_BYTES, msg->protected_len);
	memcpy(p + n, msg->protected_hdr, msg->protected_len);
	n += msg->protected_len;
	n += twi_cbor_put_head(p + n, TWI_CBOR_BYTES, 0);
	n += twi_cbor_put_head(p + n, TWI_CBOR_BYTES, msg->payload_len);
	memcpy(p + n, msg->payload, msg->payload_len);
	n += msg->payload_len;
	*out = p;
	*outlen = n;
	return 0;
}

static bool key_on_curve(EVP_PKEY *key, const struct ec_alg *a)
{
	char group[32];

	if (!EVP_PKEY_is_a(key, "EC"))
		return false;
	if (!EVP_PKEY_get_group_name(key, group, sizeof(group), NULL))
		return false;
	return !strcmp(group, a->group);
}

int twi_cose_sign1_verify(const struct twi_cose_sign1 *msg, EVP_PKEY *key)
{
	const struct ec_alg *a = alg_by_id(msg->alg);
	uint8_t *tbs = NULL, *der = NULL;
	size_t tbslen, derlen;
	EVP_MD_CTX *ctx;
	int ret;

	if (!a || msg->sig_len != 2 * a->n)
		return -EBADMSG;
	if (!key_on_curve(key, a))
		return -EKEYREJECTED;
	ret = sig_structure(msg, &tbs, &tbslen);
	if (ret)
		return ret;
	ret = twi_ecdsa_raw_to_der(msg->sig, a->n, &der, &derlen);
	if (ret)
		goto out_free_tbs;

	ret = -ENOMEM;
	ctx = EVP_MD_CTX_new();
	if (!ctx)
		goto out_free_der;
	ret = -EKEYREJECTED;
	if (EVP_DigestVerifyInit_ex(ctx, NULL, a->md, NULL, NULL, key,
				    NULL) == 1 &&
	    EVP_DigestVerify(ctx, der, derlen, tbs, tbslen) == 1)
		ret = 0;
	EVP_MD_CTX_free(ctx);
out_free_der:
	OPENSSL_free(der);
out_free_tbs:
	free(tbs);
	return ret;
}

int twi_cose_ec_key(const char *curve, const uint8_t *point, size_t len,
		    EVP_PKEY **key)
{
	const struct ec_alg *a = alg_by_curve(curve);
	EVP_PKEY_CTX *ctx, *check;
	OSSL_PARAM params[3];
	EVP_PKEY *pkey = NULL;
	int ret = -EBADMSG;

	if (!a || len != 1 + 2 * a->n || point[0] != 0x04)
		return -EBADMSG;
	params[0] = OSSL_PARAM_construct_utf8_string(
		OSSL_PKEY_PARAM_GROUP_NAME, (char *)a->group, 0);
	params[1] = OSSL_PARAM_construct_octet_string(
		OSSL_PKEY_PARAM_PUB_KEY, (void *)point, len);
	params[2] = OSSL_PARAM_construct_end();

	ctx = EVP_PKEY_CTX_new_from_name(NULL, "EC", NULL);
	if (!ctx)
		return -ENOMEM;
	if (EVP_PKEY_fromdata_init(ctx) != 1 ||
	    EVP_PKEY_fromdata(ctx, &pkey, EVP_PKEY_PUBLIC_KEY, params) != 1)
		goto out_free_ctx;
	check = EVP_PKEY_CTX_new_from_pkey(NULL, pkey, NULL);
	if (check && EVP_PKEY_public_check_quick(check) == 1) {
		*key = pkey;
		pkey = NULL;
		ret = 0;
	}
	EVP_PKEY_CTX_free(check);
	EVP_PKEY_free(pkey);
out_free_ctx:
	EVP_PKEY_CTX_free(ctx);
	return ret;
}

static int b64url_value(char c)
{
	if (c >= 'A' && c <= 'Z')
		return c - 'A';
	if (c >= 'a' && c <= 'z')
		return c - 'a' + 26;
	if (c >= '0' && c <= '9')
		return c - '0' + 52;
	if (c == '-')
		return 62;
	if (c == '_')
		return 63;
	return -1;
}

int twi_b64url_decode(const char *in, uint8_t *out, size_t cap, size_t *len)
{
	size_t inlen = strlen(in), n = 0, i;
	uint32_t acc = 0;
	unsigned int bits = 0;
	int v;

	/* one character left over carries only 6 bits: never valid */
	if (inlen % 4 == 1)
		return -EBADMSG;
	for (i = 0; i < inlen; i++) {
		v = b64url_value(in[i]);
		if (v < 0)
			return -EBADMSG;
		acc = acc << 6 | (uint32_t)v;
		bits += 6;
		if (bits < 8)
			continue;
		bits -= 8;
		if (n == cap)
			return -EMSGSIZE;
		out[n++] = (uint8_t)(acc >> bits);
		acc &= (1u << bits) - 1;
	}
	/* leftover bits must be zero (canonical encoding) */
	if (acc)
		return -EBADMSG;
	*len = n;
	return 0;
}

static int jwk_bytes(struct json_object *jwk, const char *name, uint8_t *out,
		     size_t cap, size_t *len)
{
	struct json_object *v;

	if (!json_object_object_get_ex(jwk, name, &v) ||
	    !json_object_is_type(v, json_type_string))
		return -EBADMSG;
	return twi_b64url_decode(json_object_get_string(v), out, cap, len) ?
		       -EBADMSG : 0;
}

static int jwk_ec(struct json_object *jwk, EVP_PKEY **key)
{
	const struct ec_alg *a;
	struct json_object *crv;
	uint8_t point[1 + 2 * 66];
	size_t xlen, ylen;

	if (!json_object_object_get_ex(jwk, "crv", &crv) ||
	    !json_object_is_type(crv, json_type_string))
		return -EBADMSG;
	a = alg_by_curve(json_object_get_string(crv));
	if (!a)
		return -EBADMSG;
	point[0] = 0x04;
	if (jwk_bytes(jwk, "x", point + 1, a->n, &xlen) || xlen != a->n ||
	    jwk_bytes(jwk, "y", point + 1 + a->n, a->n, &ylen) ||
	    ylen != a->n)
		return -EBADMSG;
	return twi_cose_ec_key(a->curve, point, 1 + 2 * a->n, key);
}

static int jwk_rsa(struct json_object *jwk, EVP_PKEY **key)
{
	uint8_t n[1024], e[8];
	size_t nlen, elen;
	OSSL_PARAM_BLD *bld;
	OSSL_PARAM *params = NULL;
	BIGNUM *bn = NULL, *be = NULL;
	EVP_PKEY_CTX *ctx = NULL;
	int ret = -EBADMSG;

	if (jwk_bytes(jwk, "n", n, sizeof(n), &nlen) ||
	    jwk_bytes(jwk, "e", e, sizeof(e), &elen) || !nlen || !elen)
		return -EBADMSG;
	bld = OSSL_PARAM_BLD_new();
	bn = BN_bin2bn(n, (int)nlen, NULL);
	be = BN_bin2bn(e, (int)elen, NULL);
	if (!bld || !bn || !be ||
	    !OSSL_PARAM_BLD_push_BN(bld, OSSL_PKEY_PARAM_RSA_N, bn) ||
	    !OSSL_PARAM_BLD_push_BN(bld, OSSL_PKEY_PARAM_RSA_E, be))
		goto out_free;
	params = OSSL_PARAM_BLD_to_param(bld);
	ctx = EVP_PKEY_CTX_new_from_name(NULL, "RSA", NULL);
	if (!params || !ctx || EVP_PKEY_fromdata_init(ctx) != 1 ||
	    EVP_PKEY_fromdata(ctx, key, EVP_PKEY_PUBLIC_KEY, params) != 1)
		goto out_free;
	ret = 0;
out_free:
	EVP_PKEY_CTX_free(ctx);
	OSSL_PARAM_free(params);
	BN_free(bn);
	BN_free(be);
	OSSL_PARAM_BLD_free(bld);
	return ret;
}

int twi_jwk_pkey(struct json_object *jwk, EVP_PKEY **key)
{
	struct json_object *kty;
	const char *t;

	if (!json_object_is_type(jwk, json_type_object) ||
	    !json_object_object_get_ex(jwk, "kty", &kty) ||
	    !json_object_is_type(kty, json_type_string))
		return -EBADMSG;
	t = json_object_get_string(kty);
	if (!strcmp(t, "EC"))
		return jwk_ec(jwk, key);
	if (!strcmp(t, "RSA"))
		return jwk_rsa(jwk, key);
	return -EBADMSG;
}

/* Exactly one JSON value in text[0..len), trailing white space allowed. */
struct json_object *twi_json_parse(const char *text, size_t len)
{
	struct json_tokener *tok = json_tokener_new();
	struct json_object *obj = NULL;
	size_t used;

	if (!tok || len > INT32_MAX)
		goto out_free;
	obj = json_tokener_parse_ex(tok, text, (int)len);
	used = json_tokener_get_parse_end(tok);
	while (obj && used < len && strchr(" \t\r\n", text[used]) && text[used])
		used++;
	if (obj && used != len) {
		json_object_put(obj);
		obj = NULL;
	}
out_free:
	json_tokener_free(tok);
	return obj;
}
