// SPDX-License-Identifier: GPL-2.0
/*
 * Intel certificate chains (PCK, TCB signing) rooted in the pinned Intel
 * SGX Root CA, ECDSA P-256 checks and the SGX extension of PCK certs.
 */
#include <stdlib.h>
#include <string.h>

#include <openssl/asn1.h>
#include <openssl/core_names.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/param_build.h>
#include <openssl/pem.h>
#include <openssl/x509v3.h>

#include "userspace/verify/tdx_local.h"
#include "userspace/verify/util.h"

/* SHA-256 of the DER of the Intel SGX Root CA (2018-05-21..2049-12-31). */
static const uint8_t sgx_root_sha256[32] = {
	0x44, 0xa0, 0x19, 0x6b, 0x2b, 0x99, 0xf8, 0x89,
	0xb8, 0xe1, 0x49, 0xe9, 0x5b, 0x80, 0x7a, 0x35,
	0x0e, 0x74, 0x24, 0x96, 0x43, 0x99, 0xe8, 0x85,
	0xa7, 0xcb, 0xb8, 0xcc, 0xfa, 0xb6, 0x74, 0xd3,
};

#define SGX_EXT_OID	"1.2.840.113741.1.13.1"

STACK_OF(X509) *twi_tdx_pem_chain(const uint8_t *pem, size_t len)
{
	STACK_OF(X509) *chain = sk_X509_new_null();
	BIO *bio;
	X509 *x;

	if (!chain || len > INT32_MAX)
		goto err_free_chain;
	bio = BIO_new_mem_buf(pem, (int)len);
	if (!bio)
		goto err_free_chain;
	while ((x = PEM_read_bio_X509(bio, NULL, NULL, NULL))) {
		if (!sk_X509_push(chain, x)) {
			X509_free(x);
			BIO_free(bio);
			goto err_free_chain;
		}
	}
	BIO_free(bio);
	ERR_clear_error();
	if (!sk_X509_num(chain))
		goto err_free_chain;
	return chain;

err_free_chain:
	sk_X509_pop_free(chain, X509_free);
	return NULL;
}

static int root_pinned(X509 *root)
{
	uint8_t digest[32];
	unsigned int n = sizeof(digest);

	if (!X509_digest(root, EVP_sha256(), digest, &n) || n != 32)
		return 0;
	return !memcmp(digest, sgx_root_sha256, sizeof(digest));
}

/* Certificates are checked for expiry only, as Intel's QVL does. */
static int expiry_check(STACK_OF(X509) *chain, const char *what, time_t at,
			char *why, size_t whylen)
{
	char name[128];
	int i;

	for (i = 0; i < sk_X509_num(chain); i++) {
		X509 *x = sk_X509_value(chain, i);

		if (X509_cmp_time(X509_get0_notAfter(x), &at) > 0)
			continue;
		X509_NAME_get_text_by_NID(X509_get_subject_name(x),
					  NID_commonName, name, sizeof(name));
		return twi_fail(why, whylen, -EKEYEXPIRED,
				"%s chain: certificate \"%s\" expired", what,
				name);
	}
	return 0;
}

/*
 * chain is [leaf, intermediates..., root]; the root must be the pinned
 * Intel SGX Root CA and every link must verify.
 */
int twi_tdx_chain_verify(STACK_OF(X509) *chain, const char *what, time_t at,
			 char *why, size_t whylen)
{
	STACK_OF(X509) *untrusted = NULL;
	X509_STORE_CTX *ctx = NULL;
	X509_STORE *store = NULL;
	int n = sk_X509_num(chain);
	int ret = -ENOMEM, i;
	X509 *root;

	if (n < 2)
		return twi_fail(why, whylen, -EBADMSG,
				"%s chain: %d certificate(s), need a leaf and the root",
				what, n);
	root = sk_X509_value(chain, n - 1);
	if (!root_pinned(root))
		return twi_fail(why, whylen, -ENOKEY,
				"%s chain: root is not the pinned Intel SGX Root CA",
				what);

	store = X509_STORE_new();
	untrusted = sk_X509_new_null();
	ctx = X509_STORE_CTX_new();
	if (!store || !untrusted || !ctx || !X509_STORE_add_cert(store, root))
		goto out_free;
	for (i = 1; i < n - 1; i++)
		if (!sk_X509_push(untrusted, sk_X509_value(chain, i)))
			goto out_free;
	if (!X509_STORE_CTX_init(ctx, store, sk_X509_value(chain, 0),
				 untrusted))
		goto out_free;
	X509_STORE_CTX_set_flags(ctx, X509_V_FLAG_NO_CHECK_TIME);

	if (X509_verify_cert(ctx) != 1) {
		int err = X509_STORE_CTX_get_error(ctx);

		ret = twi_fail(why, whylen, -EKEYREJECTED,
			       "%s chain: %s", what,
			       X509_verify_cert_error_string(err));
		goto out_free;
	}
	ret = expiry_check(chain, what, at, why, whylen);

out_free:
	if (ret == -ENOMEM)
		twi_fail(why, whylen, ret, "%s chain: out of memory", what);
	X509_STORE_CTX_free(ctx);
	sk_X509_free(untrusted);
	X509_STORE_free(store);
	ERR_clear_error();
	return ret;
}

int twi_tdx_ecdsa_verify(EVP_PKEY *key, const uint8_t *msg, size_t len,
			 const uint8_t *rs, char *why, size_t whylen,
			 const char *what)
{
	EVP_MD_CTX *ctx = NULL;
	uint8_t *der = NULL;
	size_t derlen;
	int ok = 0;

	if (twi_ecdsa_raw_to_der(rs, 32, &der, &derlen))
		goto out;
	ctx = EVP_MD_CTX_new();
	if (!ctx)
		goto out;
	if (EVP_DigestVerifyInit(ctx, NULL, EVP_sha256(), NULL, key) != 1)
		goto out;
	ok = EVP_DigestVerify(ctx, der, derlen, msg, len) == 1;
out:
	EVP_MD_CTX_free(ctx);
	free(der);
	ERR_clear_error();
	if (!ok)
		return twi_fail(why, whylen, -EKEYREJECTED,
				"%s does not verify", what);
	return 0;
}

EVP_PKEY *twi_tdx_raw_p256_key(const uint8_t *xy)
{
	OSSL_PARAM_BLD *bld = OSSL_PARAM_BLD_new();
	OSSL_PARAM *params = NULL;
	EVP_PKEY_CTX *ctx = NULL;
	EVP_PKEY *key = NULL;
	uint8_t point[65];

	point[0] = 0x04;	/* uncompressed */
	memcpy(point + 1, xy, 64);
	if (!bld ||
	    !OSSL_PARAM_BLD_push_utf8_string(bld, OSSL_PKEY_PARAM_GROUP_NAME,
					     "prime256v1", 0) ||
	    !OSSL_PARAM_BLD_push_octet_string(bld, OSSL_PKEY_PARAM_PUB_KEY,
					      point, sizeof(point)))
		goto out;
	params = OSSL_PARAM_BLD_to_param(bld);
	ctx = EVP_PKEY_CTX_new_from_name(NULL, "EC", NULL);
	if (!params || !ctx || EVP_PKEY_fromdata_init(ctx) != 1 ||
	    EVP_PKEY_fromdata(ctx, &key, EVP_PKEY_PUBLIC_KEY, params) != 1)
		key = NULL;
out:
	EVP_PKEY_CTX_free(ctx);
	OSSL_PARAM_free(params);
	OSSL_PARAM_BLD_free(bld);
	ERR_clear_error();
	return key;
}

/* Match oid against base.N and return N, or -1. */
static int oid_arc(const ASN1_OBJECT *oid, const char *base)
{
	size_t n = strlen(base);
	char txt[80], *end;
	long arc;
	int len;

	len = OBJ_obj2txt(txt, sizeof(txt), oid, 1);
	if (len <= 0 || (size_t)len >= sizeof(txt) || strncmp(txt, base, n) ||
	    txt[n] != '.')
		return -1;
	arc = strtol(txt + n + 1, &end, 10);
	if (*end || arc < 0 || arc > 255)
		return -1;
	return (int)arc;
}

typedef int (*item_fn)(int arc, const ASN1_TYPE *value,
		       struct twi_tdx_pck_info *info, unsigned long *seen);

/* Call fn for each SEQUENCE { OID base.N, value } in the DER SEQUENCE. */
static int walk(const ASN1_STRING *der, const char *base, item_fn fn,
		struct twi_tdx_pck_info *info, unsigned long *seen)
{
	const unsigned char *p = der->data;
	STACK_OF(ASN1_TYPE) *seq, *item;
	int i, ok = 1;

	seq = d2i_ASN1_SEQUENCE_ANY(NULL, &p, der->length);
	if (!seq)
		return 0;
	for (i = 0; ok && i < sk_ASN1_TYPE_num(seq); i++) {
		const ASN1_TYPE *t = sk_ASN1_TYPE_value(seq, i);
		const ASN1_TYPE *oid;

		ok = 0;
		if (t->type != V_ASN1_SEQUENCE)
			break;
		p = t->value.sequence->data;
		item = d2i_ASN1_SEQUENCE_ANY(NULL, &p,
					     t->value.sequence->length);
		if (!item)
			break;
		oid = sk_ASN1_TYPE_value(item, 0);
		if (sk_ASN1_TYPE_num(item) == 2 && oid->type == V_ASN1_OBJECT)
			ok = fn(oid_arc(oid->value.object, base),
				sk_ASN1_TYPE_value(item, 1), info, seen);
		sk_ASN1_TYPE_pop_free(item, ASN1_TYPE_free);
	}
	sk_ASN1_TYPE_pop_free(seq, ASN1_TYPE_free);
	return ok;
}

static int get_uint(const ASN1_TYPE *v, int64_t max, int64_t *out)
{
	if (v->type != V_ASN1_INTEGER ||
	    !ASN1_INTEGER_get_int64(out, v->value.integer))
		return 0;
	return *out >= 0 && *out <= max;
}

static int get_octets(const ASN1_TYPE *v, uint8_t *out, int len)
{
	if (v->type != V_ASN1_OCTET_STRING ||
	    v->value.octet_string->length != len)
		return 0;
	memcpy(out, v->value.octet_string->data, len);
	return 1;
}

enum {
	SEEN_PCESVN	= 1UL << 17,
	SEEN_CPUSVN	= 1UL << 18,
	SEEN_PCEID	= 1UL << 19,
	SEEN_FMSPC	= 1UL << 20,
	SEEN_ALL	= (1UL << 21) - 2,	/* bits 1..20 */
};

/* Items of the TCB SEQUENCE: sgxTcbComp01..16, pcesvn, cpusvn. */
static int tcb_item(int arc, const ASN1_TYPE *v,
		    struct twi_tdx_pck_info *info, unsigned long *seen)
{
	int64_t n;

	if (arc >= 1 && arc <= 16) {
		if (!get_uint(v, 255, &n))
			return 0;
		info->sgx_svn[arc - 1] = (uint8_t)n;
	} else if (arc == 17) {
		if (!get_uint(v, 65535, &n))
			return 0;
		info->pcesvn = (uint16_t)n;
	} else if (arc == 18) {
		if (!get_octets(v, info->cpusvn, 16))
			return 0;
	} else {
		return 1;	/* unknown items are ignored */
	}
	*seen |= 1UL << arc;
	return 1;
}

static int top_item(int arc, const ASN1_TYPE *v,
		    struct twi_tdx_pck_info *info, unsigned long *seen)
{
	switch (arc) {
	case 2:
		return v->type == V_ASN1_SEQUENCE &&
		       walk(v->value.sequence, SGX_EXT_OID ".2", tcb_item,
			    info, seen);
	case 3:
		*seen |= SEEN_PCEID;
		return get_octets(v, info->pceid, 2);
	case 4:
		*seen |= SEEN_FMSPC;
		return get_octets(v, info->fmspc, 6);
	default:
		return 1;
	}
}

/* The DER value of the SGX extension: a SEQUENCE of { OID, value }. */
int twi_tdx_sgx_ext_parse(const uint8_t *der, size_t len,
			  struct twi_tdx_pck_info *info)
{
	ASN1_STRING *str = ASN1_STRING_new();
	unsigned long seen = 0;
	int ok = 0;

	memset(info, 0, sizeof(*info));
	if (str && len <= INT32_MAX && ASN1_STRING_set(str, der, (int)len))
		ok = walk(str, SGX_EXT_OID, top_item, info, &seen);
	ASN1_STRING_free(str);
	ERR_clear_error();
	return ok && (seen & SEEN_ALL) == SEEN_ALL ? 0 : -EBADMSG;
}

int twi_tdx_pck_info(X509 *leaf, struct twi_tdx_pck_info *info, char *why,
		     size_t whylen)
{
	ASN1_OBJECT *oid = OBJ_txt2obj(SGX_EXT_OID, 1);
	const ASN1_OCTET_STRING *data = NULL;
	int idx, ret = -EBADMSG;

	idx = oid ? X509_get_ext_by_OBJ(leaf, oid, -1) : -1;
	ASN1_OBJECT_free(oid);
	if (idx >= 0)
		data = X509_EXTENSION_get_data(X509_get_ext(leaf, idx));
	if (data)
		ret = twi_tdx_sgx_ext_parse(ASN1_STRING_get0_data(data),
					    (size_t)ASN1_STRING_length(data),
					    info);
	ERR_clear_error();
	if (ret)
		return twi_fail(why, whylen, -EBADMSG,
				"PCK certificate: malformed or incomplete SGX extension");
	return 0;
}

/*
 * True when pem is exactly the PEM encoding of chain, optionally followed
 * by one NUL (as quoting enclaves emit it): no byte of the certification
 * data escapes the checks.
 */
bool twi_tdx_pem_canonical(STACK_OF(X509) *chain, const uint8_t *pem,
			   size_t len)
{
	BIO *bio = BIO_new(BIO_s_mem());
	bool ok = bio != NULL;
	const char *out;
	long n;
	int i;

	for (i = 0; ok && i < sk_X509_num(chain); i++)
		ok = PEM_write_bio_X509(bio, sk_X509_value(chain, i)) == 1;
	if (ok) {
		n = BIO_get_mem_data(bio, &out);
		if (len && pem[len - 1] == 0)
			len--;
		ok = n >= 0 && (size_t)n == len && !memcmp(out, pem, len);
	}
	BIO_free(bio);
	ERR_clear_error();
	return ok;
}

/* True when the subject common name of x is exactly cn. */
bool twi_tdx_cn_is(X509 *x, const char *cn)
{
	char name[128];
	int n;

	n = X509_NAME_get_text_by_NID(X509_get_subject_name(x),
				      NID_commonName, name, sizeof(name));
	ERR_clear_error();
	return n > 0 && !strcmp(name, cn);
}
