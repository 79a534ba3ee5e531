// SPDX-License-Identifier: GPL-2.0
/*
 * AMD SEV-SNP certificate handling: loading, the VCEK/VLEK extensions, and
 * the RSA-PSS chain ARK -> ASK/ASVK -> VCEK/VLEK under a pinned ARK.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/pem.h>
#include <openssl/sha.h>
#include <openssl/x509v3.h>

#include "userspace/verify/snp.h"
#include "userspace/verify/util.h"

/* SHA-256 of the DER of each AMD Root Key, from AMD's published chains. */
static const struct {
	enum twi_snp_product product;
	const char *sha256;
} ark_pins[] = {
	{ TWI_SNP_MILAN,
	  "69d063b45344d26a2e94e1f4210de49ef555308287d4c174445c95639a540bcd" },
	{ TWI_SNP_GENOA,
	  "4c6598d19c18719c5dfd4a7d335f674e5bfe1d8f800cea2cf270c10d103db2f1" },
	{ TWI_SNP_TURIN,
	  "1f084161a44bb6d93778a904877d4819cafa5d05ef4193b2ded9dd9c73dd3f6a" },
};

void twi_snp_certs_init(struct twi_snp_certs *c)
{
	c->certs = NULL;
	c->crls = NULL;
	c->arks = NULL;
}

void twi_snp_certs_free(struct twi_snp_certs *c)
{
	sk_X509_pop_free(c->certs, X509_free);
	sk_X509_CRL_pop_free(c->crls, X509_CRL_free);
	sk_X509_pop_free(c->arks, X509_free);
	twi_snp_certs_init(c);
}

static int push_x509(STACK_OF(X509) **sk, X509 *x)
{
	if (!*sk)
		*sk = sk_X509_new_null();
	if (!*sk || !sk_X509_push(*sk, x)) {
		X509_free(x);
		return -ENOMEM;
	}
	return 0;
}

static int push_cert(struct twi_snp_certs *c, X509 *x)
{
	return push_x509(&c->certs, x);
}

static int push_crl(struct twi_snp_certs *c, X509_CRL *crl)
{
	if (!c->crls)
		c->crls = sk_X509_CRL_new_null();
	if (!c->crls || !sk_X509_CRL_push(c->crls, crl)) {
		X509_CRL_free(crl);
		return -ENOMEM;
	}
	return 0;
}

static int add_info(struct twi_snp_certs *c, X509_INFO *xi)
{
	int ret = 0;

	if (xi->x509) {
		ret = push_cert(c, xi->x509);
		xi->x509 = NULL;
	}
	if (!ret && xi->crl) {
		ret = push_crl(c, xi->crl);
		xi->crl = NULL;
	}
	return ret;
}

static int add_pem(struct twi_snp_certs *c, const uint8_t *buf, size_t len)
{
	STACK_OF(X509_INFO) *infos;
	BIO *bio;
	int i, n, ret = 0;

	bio = BIO_new_mem_buf(buf, (int)len);
	if (!bio)
		return -ENOMEM;
	infos = PEM_X509_INFO_read_bio(bio, NULL, NULL, NULL);
	BIO_free(bio);
	n = infos ? sk_X509_INFO_num(infos) : 0;
	if (!n)
		ret = -EBADMSG;
	for (i = 0; i < n && !ret; i++)
		ret = add_info(c, sk_X509_INFO_value(infos, i));
	sk_X509_INFO_pop_free(infos, X509_INFO_free);
	return ret;
}

static int add_der(struct twi_snp_certs *c, const uint8_t *buf, size_t len)
{
	const unsigned char *p = buf;
	X509_CRL *crl;
	X509 *x;

	x = d2i_X509(NULL, &p, (long)len);
	if (x && p == buf + len)
		return push_cert(c, x);
	X509_free(x);
	p = buf;
	crl = d2i_X509_CRL(NULL, &p, (long)len);
	if (crl && p == buf + len)
		return push_crl(c, crl);
	X509_CRL_free(crl);
	return -EBADMSG;
}

/*
 * The SNP certificate table (GHCB specification, SNP extended guest
 * request): entries of a GUID, a little-endian u32 offset and length from
 * the start of the table, ended by an all-zero entry.  Every entry must
 * hold one DER certificate or CRL inside the buffer.
 */
enum { TABLE_ENTRY = 24, TABLE_GUID = 16 };

static int add_table(struct twi_snp_certs *c, const uint8_t *buf, size_t len)
{
	const uint8_t *e;
	uint32_t off, n;
	size_t i;
	int ret;

	for (i = 0; (i + 1) * TABLE_ENTRY <= len; i++) {
		e = buf + i * TABLE_ENTRY;
		if (twi_is_zero(e, TABLE_ENTRY))
			return i ? 0 : -EBADMSG;
		off = twi_le32(e + TABLE_GUID);
		n = twi_le32(e + TABLE_GUID + 4);
		if (twi_is_zero(e, TABLE_GUID) || !n || off > len ||
		    n > len - off || off < (i + 2) * TABLE_ENTRY)
			return -EBADMSG;
		ret = add_der(c, buf + off, n);
		if (ret)
			return ret;
	}
	return -EBADMSG;	/* no terminating entry */
}

int twi_snp_certs_add_mem(struct twi_snp_certs *c, const uint8_t *buf,
			  size_t len)
{
	struct twi_snp_certs t;
	int ret;

	if (len > INT32_MAX)
		return -EBADMSG;
	if (memmem(buf, len, "-----BEGIN", 10))
		return add_pem(c, buf, len);
	if (len && buf[0] == 0x30)
		return add_der(c, buf, len);
	/* all of a table or nothing: parse it aside, then move it over */
	twi_snp_certs_init(&t);
	ret = add_table(&t, buf, len);
	while (!ret && sk_X509_num(t.certs) > 0)
		ret = push_cert(c, sk_X509_shift(t.certs));
	while (!ret && sk_X509_CRL_num(t.crls) > 0)
		ret = push_crl(c, sk_X509_CRL_shift(t.crls));
	twi_snp_certs_free(&t);
	return ret;
}

/* The product of CN=ARK-<Product>. */
static enum twi_snp_product ark_product(X509 *x)
{
	char cn[64];
	int len;

	len = X509_NAME_get_text_by_NID(X509_get_subject_name(x),
					NID_commonName, cn, sizeof(cn));
	if (len <= 4 || (size_t)len >= sizeof(cn) || strncmp(cn, "ARK-", 4))
		return TWI_SNP_PRODUCT_UNKNOWN;
	return twi_snp_product_from_name(cn + 4);
}

int twi_snp_certs_add_ark(struct twi_snp_certs *c, const uint8_t *buf,
			  size_t len, char *why, size_t whylen)
{
	struct twi_snp_certs t;
	X509 *x;
	int ret;

	twi_snp_certs_init(&t);
	ret = twi_snp_certs_add_mem(&t, buf, len);
	if (ret || sk_X509_num(t.certs) != 1 || sk_X509_CRL_num(t.crls) > 0) {
		twi_snp_certs_free(&t);
		return twi_fail(why, whylen, -EBADMSG,
				"not one PEM or DER certificate");
	}
	x = sk_X509_pop(t.certs);
	twi_snp_certs_free(&t);
	if (ark_product(x) == TWI_SNP_PRODUCT_UNKNOWN) {
		X509_free(x);
		return twi_fail(why, whylen, -EBADMSG,
				"an ARK's subject is CN=ARK-Milan, ARK-Genoa or ARK-Turin");
	}
	if (X509_NAME_cmp(X509_get_subject_name(x), X509_get_issuer_name(x)) ||
	    X509_verify(x, X509_get0_pubkey(x)) != 1) {
		X509_free(x);
		return twi_fail(why, whylen, -EBADMSG,
				"an ARK must be self-signed");
	}
	return push_x509(&c->arks, x);
}

int twi_snp_certs_add_file(struct twi_snp_certs *c, const char *path)
{
	uint8_t *buf;
	size_t len;
	int ret;

	ret = twi_read_file(path, &buf, &len);
	if (ret)
		return ret;
	ret = twi_snp_certs_add_mem(c, buf, len);
	free(buf);
	return ret;
}

static int has_suffix(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);

	return n >= m && !strcmp(s + n - m, suffix);
}

/* Every *.pem, *.der and *.crl in dir; a missing dir is not an error. */
static int add_dir(struct twi_snp_certs *c, const char *dir)
{
	char path[4096];
	struct dirent *de;
	int ret = 0;
	DIR *d;

	d = opendir(dir);
	if (!d)
		return 0;
	while (!ret && (de = readdir(d))) {
		if (!has_suffix(de->d_name, ".pem") &&
		    !has_suffix(de->d_name, ".der") &&
		    !has_suffix(de->d_name, ".crl"))
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, de->d_name);
		ret = twi_snp_certs_add_file(c, path);
	}
	closedir(d);
	return ret;
}

static int add_vcek(struct twi_snp_certs *c, const char *dir,
		    const struct twi_snp_report *r, size_t hwid_len)
{
	char hwid[2 * TWI_SNP_CHIP_ID_SIZE + 1], tcb[17], path[4096];
	int ret;

	twi_hex_encode(r->chip_id, hwid_len, hwid);
	twi_hex_encode(r->reported_tcb, 8, tcb);
	snprintf(path, sizeof(path), "%s/snp/vcek/%s-%s.der", dir, hwid, tcb);
	ret = twi_snp_certs_add_file(c, path);
	return ret == -ENOENT ? 0 : ret;
}

int twi_snp_certs_add_collateral(struct twi_snp_certs *c, const char *dir,
				 const struct twi_snp_report *r)
{
	static const char *const products[] = { "milan", "genoa", "turin" };
	char path[4096];
	size_t i;
	int ret;

	for (i = 0; i < TWI_ARRAY_SIZE(products); i++) {
		snprintf(path, sizeof(path), "%s/snp/%s", dir, products[i]);
		ret = add_dir(c, path);
		if (ret)
			return ret;
	}
	if (r->signer == TWI_SNP_SIGNER_VLEK) {
		snprintf(path, sizeof(path), "%s/snp/vlek", dir);
		return add_dir(c, path);
	}
	ret = add_vcek(c, dir, r, TWI_SNP_CHIP_ID_SIZE);
	if (!ret && twi_is_zero(r->chip_id + TWI_SNP_TURIN_HWID_SIZE,
				TWI_SNP_CHIP_ID_SIZE - TWI_SNP_TURIN_HWID_SIZE))
		ret = add_vcek(c, dir, r, TWI_SNP_TURIN_HWID_SIZE);
	return ret;
}

void twi_snp_chain_free(struct twi_snp_chain *ch)
{
	EVP_PKEY_free(ch->key);
	ch->key = NULL;
}

static int leaf_matches(const struct twi_snp_chain *ch,
			const struct twi_snp_report *r)
{
	struct twi_snp_tcb t;

	twi_snp_tcb_decode(r->reported_tcb, ch->product, &t);
	if (t.bl != ch->tcb.bl || t.tee != ch->tcb.tee ||
	    t.snp != ch->tcb.snp || t.ucode != ch->tcb.ucode)
		return 0;
	return ch->signer != TWI_SNP_SIGNER_VCEK ||
	       !memcmp(r->chip_id, ch->hwid, ch->hwid_len);
}

/*
 * The leaf of the report's key kind; when several are supplied, the one
 * bound to this chip and TCB wins, else the first (whose mismatch is then
 * reported by the binding checks).
 */
static X509 *find_leaf(const struct twi_snp_certs *c,
		       const struct twi_snp_report *r)
{
	struct twi_snp_chain ch;
	X509 *first = NULL, *x;
	int i;

	for (i = 0; i < sk_X509_num(c->certs); i++) {
		x = sk_X509_value(c->certs, i);
		if (twi_snp_leaf_kind(x, &ch) || ch.signer != r->signer)
			continue;
		if (!first)
			first = x;
		if (twi_snp_leaf_info(x, &ch, NULL, 0))
			continue;
		twi_snp_chain_free(&ch);
		if (leaf_matches(&ch, r))
			return x;
	}
	return first;
}

static X509 *find_in(STACK_OF(X509) *sk, X509 *child)
{
	const X509_NAME *want = X509_get_issuer_name(child);
	X509 *x;
	int i;

	for (i = 0; i < sk_X509_num(sk); i++) {
		x = sk_X509_value(sk, i);
		if (x != child && !X509_NAME_cmp(X509_get_subject_name(x), want))
			return x;
	}
	return NULL;
}

/* Among the supplied certificates, else among the trusted extra ARKs. */
static X509 *find_issuer(const struct twi_snp_certs *c, X509 *child)
{
	X509 *x = find_in(c->certs, child);

	return x ? x : find_in(c->arks, child);
}

/* Lower-case hex of the SHA-256 of a certificate's DER; "" on failure. */
static void der_sha256(X509 *x, char hex[2 * SHA256_DIGEST_LENGTH + 1])
{
	uint8_t digest[SHA256_DIGEST_LENGTH];
	unsigned char *der = NULL;
	int len;

	hex[0] = 0;
	len = i2d_X509(x, &der);
	if (len <= 0)
		return;
	SHA256(der, (size_t)len, digest);
	OPENSSL_free(der);
	twi_hex_encode(digest, sizeof(digest), hex);
}

/* AMD's pins, then the extra ARKs (--ark) of the same product. */
static int ark_pinned(const struct twi_snp_certs *c, X509 *ark,
		      enum twi_snp_product p)
{
	char hex[2 * SHA256_DIGEST_LENGTH + 1], extra[sizeof(hex)];
	size_t i;
	int j;

	der_sha256(ark, hex);
	if (!hex[0])
		return 0;
	for (i = 0; i < TWI_ARRAY_SIZE(ark_pins); i++)
		if (ark_pins[i].product == p && !strcmp(ark_pins[i].sha256, hex))
			return 1;
	for (j = 0; j < sk_X509_num(c->arks); j++) {
		der_sha256(sk_X509_value(c->arks, j), extra);
		if (ark_product(sk_X509_value(c->arks, j)) == p &&
		    !strcmp(extra, hex))
			return 1;
	}
	return 0;
}

static time_t asn1_time(const ASN1_TIME *t)
{
	struct tm tm;

	if (!t || !ASN1_TIME_to_tm(t, &tm))
		return 0;
	return timegm(&tm);
}

static void chain_window(struct twi_snp_chain *ch, X509 *const certs[3])
{
	time_t nb, na;
	int i;

	ch->not_before = 0;
	ch->not_after = (time_t)INT64_MAX;
	for (i = 0; i < 3; i++) {
		nb = asn1_time(X509_get0_notBefore(certs[i]));
		na = asn1_time(X509_get0_notAfter(certs[i]));
		if (nb > ch->not_before)
			ch->not_before = nb;
		if (na < ch->not_after)
			ch->not_after = na;
	}
}

static const char *cert_role(int depth, enum twi_snp_signer s)
{
	static const char *const vcek[] = { "VCEK", "ASK", "ARK" };
	static const char *const vlek[] = { "VLEK", "ASVK", "ARK" };

	if (depth < 0 || depth > 2)
		return "certificate";
	return s == TWI_SNP_SIGNER_VLEK ? vlek[depth] : vcek[depth];
}

static int x509_err(int err)
{
	switch (err) {
	case X509_V_ERR_CERT_HAS_EXPIRED:
	case X509_V_ERR_CERT_NOT_YET_VALID:
		return -EKEYEXPIRED;
	case X509_V_ERR_CERT_REVOKED:
		return -EKEYREVOKED;
	case X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT:
	case X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY:
		return -ENOKEY;
	default:
		return -EKEYREJECTED;
	}
}

static int x509_check(X509 *const certs[3], time_t at, enum twi_snp_signer s,
		      char *why, size_t whylen)
{
	STACK_OF(X509) *untrusted = sk_X509_new_null();
	X509_STORE *store = X509_STORE_new();
	X509_STORE_CTX *ctx = X509_STORE_CTX_new();
	int ret = -ENOMEM, err;

	if (!untrusted || !store || !ctx || !sk_X509_push(untrusted, certs[1]) ||
	    !X509_STORE_add_cert(store, certs[2]) ||
	    !X509_STORE_CTX_init(ctx, store, certs[0], untrusted))
		goto out_free;
	X509_STORE_CTX_set_time(ctx, 0, at);
	X509_STORE_CTX_set_flags(ctx, X509_V_FLAG_CHECK_SS_SIGNATURE);
	ret = 0;
	if (X509_verify_cert(ctx) != 1) {
		err = X509_STORE_CTX_get_error(ctx);
		ret = twi_fail(why, whylen, x509_err(err),
			       "%s certificate: %s",
			       cert_role(X509_STORE_CTX_get_error_depth(ctx), s),
			       X509_verify_cert_error_string(err));
	}
out_free:
	X509_STORE_CTX_free(ctx);
	X509_STORE_free(store);
	sk_X509_free(untrusted);
	return ret;
}

static int crl_check_one(X509_CRL *crl, X509 *issuer, X509 *subject,
			 time_t at, const char *role, char *why, size_t whylen)
{
	const ASN1_TIME *next = X509_CRL_get0_nextUpdate(crl);
	X509_REVOKED *rev;

	if (X509_CRL_verify(crl, X509_get0_pubkey(issuer)) != 1)
		return twi_fail(why, whylen, -EKEYREJECTED,
				"CRL for the %s has a bad signature", role);
	if (asn1_time(X509_CRL_get0_lastUpdate(crl)) > at ||
	    (next && asn1_time(next) < at))
		return twi_fail(why, whylen, -EKEYEXPIRED,
				"CRL for the %s is not valid at the verification time",
				role);
	if (X509_CRL_get0_by_cert(crl, &rev, subject) == 1)
		return twi_fail(why, whylen, -EKEYREVOKED, "%s is revoked",
				role);
	return 0;
}

/* Supplied CRLs whose issuer is in the chain apply to its subjects. */
static int crl_check(const struct twi_snp_certs *c, X509 *const certs[3],
		     time_t at, enum twi_snp_signer s, char *why,
		     size_t whylen)
{
	const X509_NAME *iss;
	X509_CRL *crl;
	int i, d, ret;

	for (i = 0; i < sk_X509_CRL_num(c->crls); i++) {
		crl = sk_X509_CRL_value(c->crls, i);
		iss = X509_CRL_get_issuer(crl);
		for (d = 0; d < 2; d++) {
			if (X509_NAME_cmp(iss, X509_get_subject_name(certs[d + 1])))
				continue;
			ret = crl_check_one(crl, certs[d + 1], certs[d], at,
					    cert_role(d, s), why, whylen);
			if (ret)
				return ret;
		}
	}
	return 0;
}

static int gather(const struct twi_snp_certs *c, const struct twi_snp_report *r,
		  X509 *certs[3], char *why, size_t whylen)
{
	const char *kind = r->signer == TWI_SNP_SIGNER_VLEK ? "VLEK" : "VCEK";

	if (r->signer != TWI_SNP_SIGNER_VCEK && r->signer != TWI_SNP_SIGNER_VLEK)
		return twi_fail(why, whylen, -EBADMSG,
				"SNP report has no VCEK/VLEK signature (signing key %u)",
				r->signer);
	certs[0] = find_leaf(c, r);
	if (!certs[0])
		return twi_fail(why, whylen, -ENOKEY,
				"no %s certificate supplied (--aux or collateral)",
				kind);
	certs[1] = find_issuer(c, certs[0]);
	certs[2] = certs[1] ? find_issuer(c, certs[1]) : NULL;
	if (!certs[1] || !certs[2])
		return twi_fail(why, whylen, -ENOKEY,
				"no %s for the %s (--aux or collateral)",
				certs[1] ? "ARK" : "ASK/ASVK", kind);
	return 0;
}

int twi_snp_chain_verify(const struct twi_snp_certs *c,
			 const struct twi_snp_report *r, time_t at,
			 struct twi_snp_chain *ch, char *why, size_t whylen)
{
	X509 *certs[3];
	int ret;

	memset(ch, 0, sizeof(*ch));
	ret = gather(c, r, certs, why, whylen);
	if (ret)
		return ret;
	twi_snp_leaf_kind(certs[0], ch);
	if (!ark_pinned(c, certs[2], ch->product))
		return twi_fail(why, whylen, -EKEYREJECTED,
				"root is not the pinned AMD ARK-%s or a trusted extra ARK",
				twi_snp_product_name(ch->product));
	ret = x509_check(certs, at, ch->signer, why, whylen);
	if (ret)
		return ret;
	ret = crl_check(c, certs, at, ch->signer, why, whylen);
	if (ret)
		return ret;
	ret = twi_snp_leaf_info(certs[0], ch, why, whylen);
	if (ret)
		return ret;
	chain_window(ch, certs);
	return 0;
}
