// SPDX-License-Identifier: GPL-2.0
/*
 * Intel TDX DCAP quotes (v4, v5): layout, quote and QE report signatures,
 * the QE binding of the attestation key and the PCK chain.
 */
#include <string.h>

#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/sha.h>

#include "userspace/verify/tdx_local.h"
#include "userspace/verify/util.h"

enum {
	ATT_KEY_ECDSA_P256	= 2,
	TEE_TYPE_TDX		= 0x81,
	CERT_PCK_CHAIN		= 5,	/* PEM PCK leaf, CA, root */
	CERT_QE_REPORT		= 6,	/* QE report, signature, auth data */
	SIG_FIXED_SIZE		= 64 + 64 + 6,	/* sig, key, cert header */
	QE_FIXED_SIZE		= TWI_TDX_QE_REPORT_SIZE + 64 + 2,
};

/* Offsets in the TD quote body (both versions). */
enum {
	BODY_TEE_TCB_SVN	= 0,
	BODY_MRSEAM		= 16,
	BODY_MRSIGNERSEAM	= 64,
	BODY_SEAM_ATTRIBUTES	= 112,
	BODY_TD_ATTRIBUTES	= 120,
	BODY_XFAM		= 128,
	BODY_MRTD		= 136,
	BODY_MRCONFIGID		= 184,
	BODY_MROWNER		= 232,
	BODY_MROWNERCONFIG	= 280,
	BODY_RTMR0		= 328,
	BODY_REPORTDATA		= 520,
	BODY_TEE_TCB_SVN2	= 584,	/* TDX 1.5 only */
	BODY_MRSERVICETD	= 600,
};

/* Offsets in the QE (SGX enclave) report. */
enum {
	QE_ISVSVN		= 258,
	QE_REPORTDATA		= 320,
};

static const uint8_t intel_qe_vendor_id[16] = {
	0x93, 0x9a, 0x72, 0x33, 0xf7, 0x9c, 0x4c, 0xa9,
	0x94, 0x0a, 0x0d, 0xb3, 0x95, 0x7f, 0x06, 0x07,
};

/* Bounds-checked reader over the quote buffer. */
struct cursor {
	const uint8_t *p;
	size_t left;
};

static const uint8_t *take(struct cursor *c, size_t n)
{
	const uint8_t *p = c->p;

	if (n > c->left)
		return NULL;
	c->p += n;
	c->left -= n;
	return p;
}

static int parse_body(struct cursor *c, struct twi_tdx_quote *q, char *why,
		      size_t whylen)
{
	const uint8_t *p;

	if (q->version == 4) {
		q->body_type = TWI_TDX_BODY_TDX10;
		q->body_size = TWI_TDX_BODY10_SIZE;
	} else {
		p = take(c, 6);
		if (!p)
			return twi_fail(why, whylen, -EBADMSG,
					"TDX quote: truncated body descriptor");
		q->body_type = twi_le16(p);
		q->body_size = twi_le32(p + 2);
		if (!(q->body_type == TWI_TDX_BODY_TDX10 &&
		      q->body_size == TWI_TDX_BODY10_SIZE) &&
		    !(q->body_type == TWI_TDX_BODY_TDX15 &&
		      q->body_size == TWI_TDX_BODY15_SIZE))
			return twi_fail(why, whylen, -EBADMSG,
					"TDX quote: unsupported body type %u size %zu",
					q->body_type, q->body_size);
	}
	q->body = take(c, q->body_size);
	if (!q->body)
		return twi_fail(why, whylen, -EBADMSG, "TDX quote: truncated body");
	q->signed_len = (size_t)(q->body + q->body_size - q->header);
	return 0;
}

/* QE report certification data (type 6) holding the PCK chain (type 5). */
static int parse_qe_cert(const uint8_t *p, size_t len,
			 struct twi_tdx_quote *q, char *why, size_t whylen)
{
	struct cursor c = { p, len };
	const uint8_t *h;

	q->qe_report = take(&c, TWI_TDX_QE_REPORT_SIZE);
	q->qe_report_sig = take(&c, 64);
	h = take(&c, 2);
	if (!h)
		goto truncated;
	q->qe_auth_len = twi_le16(h);
	q->qe_auth = take(&c, q->qe_auth_len);
	h = take(&c, 6);
	if (!q->qe_auth || !h)
		goto truncated;
	if (twi_le16(h) != CERT_PCK_CHAIN)
		return twi_fail(why, whylen, -EBADMSG,
				"TDX quote: QE certification data type %u, want %u",
				twi_le16(h), CERT_PCK_CHAIN);
	q->pck_pem_len = twi_le32(h + 2);
	q->pck_pem = take(&c, q->pck_pem_len);
	if (!q->pck_pem)
		goto truncated;
	if (c.left)
		return twi_fail(why, whylen, -EBADMSG,
				"TDX quote: %zu stray bytes in QE certification data",
				c.left);
	return 0;

truncated:
	return twi_fail(why, whylen, -EBADMSG,
			"TDX quote: truncated QE certification data");
}

static int parse_signature(struct cursor *c, struct twi_tdx_quote *q,
			   char *why, size_t whylen)
{
	const uint8_t *p, *cert;
	size_t sig_len, cert_len;

	p = take(c, 4);
	if (!p)
		return twi_fail(why, whylen, -EBADMSG,
				"TDX quote: truncated signature length");
	sig_len = twi_le32(p);
	if (sig_len < SIG_FIXED_SIZE || sig_len > c->left)
		return twi_fail(why, whylen, -EBADMSG,
				"TDX quote: signature data length %zu out of range",
				sig_len);
	q->signature = take(c, 64);
	q->attest_key = take(c, 64);
	p = take(c, 6);
	cert_len = twi_le32(p + 2);
	if (twi_le16(p) != CERT_QE_REPORT)
		return twi_fail(why, whylen, -EBADMSG,
				"TDX quote: certification data type %u, want %u",
				twi_le16(p), CERT_QE_REPORT);
	if (cert_len != sig_len - SIG_FIXED_SIZE)
		return twi_fail(why, whylen, -EBADMSG,
				"TDX quote: certification data length %zu does not fill signature data",
				cert_len);
	cert = take(c, cert_len);
	return parse_qe_cert(cert, cert_len, q, why, whylen);
}

int twi_tdx_parse(const uint8_t *buf, size_t len, struct twi_tdx_quote *q,
		  char *why, size_t whylen)
{
	struct cursor c = { buf, len };
	int ret;

	memset(q, 0, sizeof(*q));
	q->header = take(&c, TWI_TDX_HEADER_SIZE);
	if (!q->header)
		return twi_fail(why, whylen, -EBADMSG,
				"TDX quote: %zu bytes, shorter than the header", len);
	q->version = twi_le16(q->header);
	if (q->version != 4 && q->version != 5)
		return twi_fail(why, whylen, -EBADMSG,
				"TDX quote: unsupported version %u", q->version);
	if (twi_le16(q->header + 2) != ATT_KEY_ECDSA_P256)
		return twi_fail(why, whylen, -EBADMSG,
				"TDX quote: attestation key type %u, want ECDSA P-256",
				twi_le16(q->header + 2));
	if (twi_le32(q->header + 4) != TEE_TYPE_TDX)
		return twi_fail(why, whylen, -EBADMSG,
				"TDX quote: TEE type 0x%x is not TDX",
				twi_le32(q->header + 4));
	if (memcmp(q->header + 12, intel_qe_vendor_id, 16))
		return twi_fail(why, whylen, -EBADMSG,
				"TDX quote: QE vendor ID is not Intel's");
	q->signed_data = q->header;

	ret = parse_body(&c, q, why, whylen);
	if (ret)
		return ret;
	ret = parse_signature(&c, q, why, whylen);
	if (ret)
		return ret;

	q->quote_len = len - c.left;
	q->trailing_len = c.left;
	return 0;
}

static void fill_result(const struct twi_tdx_quote *q,
			struct twi_tdx_result *res)
{
	const uint8_t *b = q->body;
	int i;

	res->version = q->version;
	res->body_type = q->body_type;
	res->quote_len = q->quote_len;
	res->trailing_len = q->trailing_len;
	res->trailing_zero = twi_is_zero(q->header + q->quote_len,
					 q->trailing_len);
	memcpy(res->tee_tcb_svn, b + BODY_TEE_TCB_SVN, 16);
	memcpy(res->mrseam, b + BODY_MRSEAM, TWI_TDX_MR_SIZE);
	memcpy(res->mrsignerseam, b + BODY_MRSIGNERSEAM, TWI_TDX_MR_SIZE);
	res->seam_attributes = twi_le64(b + BODY_SEAM_ATTRIBUTES);
	res->td_attributes = twi_le64(b + BODY_TD_ATTRIBUTES);
	res->debug = res->td_attributes & TWI_TDX_TD_ATTR_DEBUG;
	res->xfam = twi_le64(b + BODY_XFAM);
	memcpy(res->mrtd, b + BODY_MRTD, TWI_TDX_MR_SIZE);
	memcpy(res->mrconfigid, b + BODY_MRCONFIGID, TWI_TDX_MR_SIZE);
	memcpy(res->mrowner, b + BODY_MROWNER, TWI_TDX_MR_SIZE);
	memcpy(res->mrownerconfig, b + BODY_MROWNERCONFIG, TWI_TDX_MR_SIZE);
	for (i = 0; i < 4; i++)
		memcpy(res->rtmr[i], b + BODY_RTMR0 + i * TWI_TDX_MR_SIZE,
		       TWI_TDX_MR_SIZE);
	memcpy(res->report_data, b + BODY_REPORTDATA, 64);
	if (q->body_type == TWI_TDX_BODY_TDX15) {
		memcpy(res->tee_tcb_svn2, b + BODY_TEE_TCB_SVN2, 16);
		memcpy(res->mrservicetd, b + BODY_MRSERVICETD, TWI_TDX_MR_SIZE);
	}
	res->qe_isvsvn = twi_le16(q->qe_report + QE_ISVSVN);
}

/* QE REPORT_DATA = SHA-256(attestation key || QE auth data) || 32 zeros. */
static int qe_binding_check(const struct twi_tdx_quote *q, char *why,
			    size_t whylen)
{
	const uint8_t *rd = q->qe_report + QE_REPORTDATA;
	uint8_t digest[SHA256_DIGEST_LENGTH];
	EVP_MD_CTX *ctx = EVP_MD_CTX_new();
	int ok;

	ok = ctx && EVP_DigestInit_ex(ctx, EVP_sha256(), NULL) &&
	     EVP_DigestUpdate(ctx, q->attest_key, 64) &&
	     EVP_DigestUpdate(ctx, q->qe_auth, q->qe_auth_len) &&
	     EVP_DigestFinal_ex(ctx, digest, NULL);
	EVP_MD_CTX_free(ctx);
	if (!ok)
		return twi_fail(why, whylen, -ENOMEM, "TDX quote: SHA-256 failed");
	if (memcmp(rd, digest, sizeof(digest)) || !twi_is_zero(rd + 32, 32))
		return twi_fail(why, whylen, -EKEYREJECTED,
				"TDX quote: QE report data does not bind the attestation key");
	return 0;
}

static int quote_signature_check(const struct twi_tdx_quote *q, char *why,
				 size_t whylen)
{
	EVP_PKEY *key = twi_tdx_raw_p256_key(q->attest_key);
	int ret;

	if (!key)
		return twi_fail(why, whylen, -EKEYREJECTED,
				"TDX quote: attestation key is not a P-256 point");
	ret = twi_tdx_ecdsa_verify(key, q->signed_data, q->signed_len,
				   q->signature, why, whylen,
				   "TDX quote signature");
	EVP_PKEY_free(key);
	return ret;
}

/* Checks (a)-(d) of the quote itself, in the order Intel's QVL runs them. */
static int quote_check(const struct twi_tdx_quote *q,
		       STACK_OF(X509) *chain, time_t at, char *why,
		       size_t whylen)
{
	X509 *leaf = sk_X509_value(chain, 0);
	X509 *ca = sk_X509_value(chain, 1);
	int ret;

	ret = twi_tdx_chain_verify(chain, "PCK", at, why, whylen);
	if (ret)
		return ret;
	/* Other Intel-issued keys must not pose as a platform's PCK. */
	if (!twi_tdx_cn_is(leaf, "Intel SGX PCK Certificate") ||
	    (!twi_tdx_cn_is(ca, "Intel SGX PCK Platform CA") &&
	     !twi_tdx_cn_is(ca, "Intel SGX PCK Processor CA")))
		return twi_fail(why, whylen, -EKEYREJECTED,
				"PCK chain: not an Intel SGX PCK certificate and CA");

	ret = twi_tdx_ecdsa_verify(X509_get0_pubkey(leaf), q->qe_report,
				   TWI_TDX_QE_REPORT_SIZE, q->qe_report_sig,
				   why, whylen, "QE report signature");
	if (ret)
		return ret;

	ret = qe_binding_check(q, why, whylen);
	if (ret)
		return ret;

	return quote_signature_check(q, why, whylen);
}

int twi_tdx_verify(const uint8_t *buf, size_t len, const char *collateral_dir,
		   time_t at, struct twi_tdx_result *res, char *why,
		   size_t whylen)
{
	struct twi_tdx_pck_info pck;
	struct twi_tdx_quote q;
	STACK_OF(X509) *chain;
	int ret;

	memset(res, 0, sizeof(*res));
	ret = twi_tdx_parse(buf, len, &q, why, whylen);
	if (ret)
		return ret;

	chain = twi_tdx_pem_chain(q.pck_pem, q.pck_pem_len);
	if (!chain)
		return twi_fail(why, whylen, -EBADMSG,
				"TDX quote: no PEM certificate in the PCK chain");
	if (sk_X509_num(chain) != 3 ||
	    !twi_tdx_pem_canonical(chain, q.pck_pem, q.pck_pem_len)) {
		ret = twi_fail(why, whylen, -EBADMSG,
			       "TDX quote: PCK chain is not exactly three PEM certificates");
		goto out_free_chain;
	}

	ret = quote_check(&q, chain, at, why, whylen);
	if (ret)
		goto out_free_chain;

	ret = twi_tdx_pck_info(sk_X509_value(chain, 0), &pck, why, whylen);
	if (ret)
		goto out_free_chain;

	fill_result(&q, res);
	memcpy(res->fmspc, pck.fmspc, sizeof(res->fmspc));
	if (collateral_dir)
		ret = twi_tdx_collateral_check(collateral_dir, &q, chain, &pck,
					       at, res, why, whylen);

out_free_chain:
	sk_X509_pop_free(chain, X509_free);
	ERR_clear_error();
	return ret;
}

const char *twi_tdx_tcb_status_name(enum twi_tdx_tcb_status status)
{
	static const char *const names[__TWI_TDX_TCB_MAX] = {
		[TWI_TDX_TCB_UNKNOWN] = "Unknown",
		[TWI_TDX_TCB_UP_TO_DATE] = "UpToDate",
		[TWI_TDX_TCB_SW_HARDENING_NEEDED] = "SWHardeningNeeded",
		[TWI_TDX_TCB_CONFIGURATION_NEEDED] = "ConfigurationNeeded",
		[TWI_TDX_TCB_CONFIGURATION_AND_SW_HARDENING_NEEDED] =
			"ConfigurationAndSWHardeningNeeded",
		[TWI_TDX_TCB_OUT_OF_DATE] = "OutOfDate",
		[TWI_TDX_TCB_OUT_OF_DATE_CONFIGURATION_NEEDED] =
			"OutOfDateConfigurationNeeded",
		[TWI_TDX_TCB_REVOKED] = "Revoked",
	};

	if ((unsigned int)status >= __TWI_TDX_TCB_MAX)
		return "Unknown";
	return names[status];
}
