// SPDX-License-Identifier: GPL-2.0
/* Azure confidential VMs: HCL report, runtime claims and vTPM quote. */
#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>
#include <openssl/evp.h>

#include "userspace/verify/azure.h"
#include "userspace/verify/cose.h"
#include "userspace/verify/util.h"

#define HCL_MAGIC 0x414c4348		/* "HCLA" little-endian */
#define IGVM_VERSION 1
#define TPM_GENERATED 0xff544347
#define TPM_ST_ATTEST_QUOTE 0x8018
#define TPM_ALG_RSASSA 0x0014
#define TPM_ALG_SHA256 0x000b
#define TDREPORT_TYPE_TDX 0x81

/* Where REPORT_DATA sits in each hardware report. */
#define SNP_REPORT_DATA_OFF 0x50
#define TDREPORT_DATA_OFF 128

/* TDREPORT fields and where the TD quote body repeats them. */
struct td_field {
	const char *name;
	size_t report_off;
	size_t body_off;
	size_t len;
};

static const struct td_field td_fields[] = {
	{ "REPORTDATA", 128, 520, 64 },
	{ "TEE_TCB_SVN", 264, 0, 16 },
	{ "MRSEAM", 280, 16, 48 },
	{ "MRSIGNERSEAM", 328, 64, 48 },
	{ "SEAMATTRIBUTES", 376, 112, 8 },
	{ "TDATTRIBUTES", 512, 120, 8 },
	{ "XFAM", 520, 128, 8 },
	{ "MRTD", 528, 136, 48 },
	{ "MRCONFIGID", 576, 184, 48 },
	{ "MROWNER", 624, 232, 48 },
	{ "MROWNERCONFIG", 672, 280, 48 },
	{ "RTMR0-3", 720, 328, 192 },
};

#define TD_QUOTE_HEADER 48
#define TD_BODY_MIN 584

static const char *const hash_names[] = { NULL, "SHA256", "SHA384", "SHA512" };

_Static_assert(TWI_AZURE_SNP_REPORT_SIZE <= TWI_AZURE_HW_AREA_SIZE &&
	       TWI_AZURE_TDREPORT_SIZE <= TWI_AZURE_HW_AREA_SIZE,
	       "hardware reports fit the HCL area and the result");
_Static_assert(TWI_AZURE_PCR_COUNT <= 32, "pcr_mask holds every PCR");

static int igvm_parse(const uint8_t *buf, size_t report_size,
		      struct twi_azure_hcl *hcl, char *why, size_t whylen)
{
	size_t off = TWI_AZURE_HCL_HEADER_SIZE + TWI_AZURE_HW_AREA_SIZE;
	const uint8_t *igvm = buf + off;
	uint32_t data_size = twi_le32(igvm), var_size = twi_le32(igvm + 16);

	hcl->report_type = twi_le32(igvm + 8);
	hcl->hash_type = twi_le32(igvm + 12);
	if (twi_le32(igvm + 4) != IGVM_VERSION ||
	    data_size != TWI_AZURE_IGVM_HEADER_SIZE + (uint64_t)var_size ||
	    off + data_size != report_size)
		return twi_fail(why, whylen, -EBADMSG,
				"azure: IGVM request data header is inconsistent");
	if (!hcl->hash_type || hcl->hash_type >= TWI_ARRAY_SIZE(hash_names))
		return twi_fail(why, whylen, -EBADMSG,
				"azure: unknown runtime data hash type %u",
				hcl->hash_type);
	hcl->runtime = igvm + TWI_AZURE_IGVM_HEADER_SIZE;
	hcl->runtime_len = var_size;
	hcl->hw_report = buf + TWI_AZURE_HCL_HEADER_SIZE;
	if (hcl->report_type == TWI_AZURE_REPORT_SNP) {
		hcl->hw_report_len = TWI_AZURE_SNP_REPORT_SIZE;
		return 0;
	}
	if (hcl->report_type != TWI_AZURE_REPORT_TDX)
		return twi_fail(why, whylen, -EBADMSG,
				"azure: unknown hardware report type %u",
				hcl->report_type);
	hcl->hw_report_len = TWI_AZURE_TDREPORT_SIZE;
	if (hcl->hw_report[0] != TDREPORT_TYPE_TDX ||
	    !twi_is_zero(hcl->hw_report + TWI_AZURE_TDREPORT_SIZE,
			 TWI_AZURE_HW_AREA_SIZE - TWI_AZURE_TDREPORT_SIZE))
		return twi_fail(why, whylen, -EBADMSG,
				"azure: hardware report area is not a TDREPORT");
	return 0;
}

int twi_azure_hcl_parse(const uint8_t *buf, size_t len,
			struct twi_azure_hcl *hcl, char *why, size_t whylen)
{
	size_t min = TWI_AZURE_HCL_HEADER_SIZE + TWI_AZURE_HW_AREA_SIZE +
		     TWI_AZURE_IGVM_HEADER_SIZE;
	size_t report_size;

	memset(hcl, 0, sizeof(*hcl));
	if (len < min || twi_le32(buf) != HCL_MAGIC)
		return twi_fail(why, whylen, -EBADMSG,
				"azure: not an HCL report (no HCLA header)");
	hcl->version = twi_le32(buf + 4);
	report_size = twi_le32(buf + 8);
	if (hcl->version < 1 || hcl->version > 2)
		return twi_fail(why, whylen, -EBADMSG,
				"azure: HCL report version %u unsupported",
				hcl->version);
	/* request type 2 is an attestation report; status 0 is success */
	if (twi_le32(buf + 12) != 2 || twi_le32(buf + 16) ||
	    !twi_is_zero(buf + 20, 12))
		return twi_fail(why, whylen, -EBADMSG,
				"azure: HCL header is not a successful report");
	if (report_size < min || report_size > len ||
	    !twi_is_zero(buf + report_size, len - report_size))
		return twi_fail(why, whylen, -EBADMSG,
				"azure: HCL report size %zu does not fit the %zu bytes given",
				report_size, len);
	return igvm_parse(buf, report_size, hcl, why, whylen);
}

/* A TPM2B: 16-bit big-endian size and at most max bytes. */
static const uint8_t *tpm2b(const uint8_t **p, const uint8_t *end,
			    size_t max, size_t *len)
{
	const uint8_t *data;
	size_t n;

	if (end - *p < 2)
		return NULL;
	n = twi_be16(*p);
	data = *p + 2;
	if (n > max || (size_t)(end - data) < n)
		return NULL;
	*p = data + n;
	*len = n;
	return data;
}

static uint64_t be64(const uint8_t *p)
{
	return (uint64_t)twi_be32(p) << 32 | twi_be32(p + 4);
}

static int pcr_selection(const uint8_t **pp, const uint8_t *end,
			 struct twi_azure_tpm_quote *q)
{
	const uint8_t *p = *pp;
	unsigned int i, size;

	/* one SHA-256 bank: count(4) hash(2) sizeofSelect(1) select(1..3) */
	if (end - p < 8 || twi_be32(p) != 1 || twi_be16(p + 4) != TPM_ALG_SHA256)
		return -EBADMSG;
	size = p[6];
	p += 7;
	if (size < 1 || size > TWI_AZURE_PCR_COUNT / 8 || end - p < size)
		return -EBADMSG;
	q->pcr_mask = 0;
	for (i = 0; i < size; i++)
		q->pcr_mask |= (uint32_t)p[i] << (8 * i);
	*pp = p + size;
	return 0;
}

int twi_azure_quote_parse(const uint8_t *buf, size_t len,
			  struct twi_azure_tpm_quote *q, char *why,
			  size_t whylen)
{
	const uint8_t *p, *end = buf + len, *data;
	size_t n;

	memset(q, 0, sizeof(*q));
	if (len < 6 || twi_be32(buf) != TPM_GENERATED ||
	    twi_be16(buf + 4) != TPM_ST_ATTEST_QUOTE)
		return twi_fail(why, whylen, -EBADMSG,
				"azure: TPM quote is not a TPMS_ATTEST of type quote");
	p = buf + 6;
	if (!tpm2b(&p, end, 2 + 64, &n))	/* qualifiedSigner, a name */
		goto bad;
	data = tpm2b(&p, end, sizeof(q->extra_data), &q->extra_len);
	if (!data || end - p < 17 + 8)
		goto bad;
	memcpy(q->extra_data, data, q->extra_len);
	q->clock = be64(p);
	q->reset_count = twi_be32(p + 8);
	q->restart_count = twi_be32(p + 12);
	if (p[16] > 1)
		goto bad;
	q->safe = p[16];
	q->firmware_version = be64(p + 17);
	p += 25;
	if (pcr_selection(&p, end, q))
		return twi_fail(why, whylen, -EBADMSG,
				"azure: TPM quote must select PCRs of the SHA-256 bank only");
	data = tpm2b(&p, end, sizeof(q->pcr_digest), &n);
	if (!data || n != sizeof(q->pcr_digest) || p != end)
		goto bad;
	memcpy(q->pcr_digest, data, n);
	return 0;
bad:
	return twi_fail(why, whylen, -EBADMSG, "azure: TPM quote is truncated or malformed");
}

static bool flag(struct json_object *obj, const char *key)
{
	struct json_object *v;

	return json_object_object_get_ex(obj, key, &v) &&
	       json_object_is_type(v, json_type_boolean) &&
	       json_object_get_boolean(v);
}

/* The attestation key: the one "keys" entry with kid "HCLAkPub". */
static int ak_key(struct json_object *claims, EVP_PKEY **ak)
{
	struct json_object *keys, *k, *kid, *found = NULL;
	size_t i, n;

	if (!json_object_object_get_ex(claims, "keys", &keys) ||
	    !json_object_is_type(keys, json_type_array))
		return -EBADMSG;
	n = json_object_array_length(keys);
	for (i = 0; i < n; i++) {
		k = json_object_array_get_idx(keys, i);
		if (!json_object_object_get_ex(k, "kid", &kid) ||
		    !json_object_is_type(kid, json_type_string) ||
		    strcmp(json_object_get_string(kid), "HCLAkPub"))
			continue;
		if (found)
			return -EBADMSG;
		found = k;
	}
	if (!found || twi_jwk_pkey(found, ak))
		return -EBADMSG;
	if (!EVP_PKEY_is_a(*ak, "RSA") || EVP_PKEY_get_bits(*ak) < 2048) {
		EVP_PKEY_free(*ak);
		*ak = NULL;
		return -EBADMSG;
	}
	return 0;
}

static int vm_config(struct json_object *claims, struct twi_azure_result *res)
{
	struct json_object *cfg, *v;
	const char *hex;
	size_t n;

	if (json_object_object_get_ex(claims, "vm-configuration", &cfg)) {
		if (!json_object_is_type(cfg, json_type_object))
			return -EBADMSG;
		res->secure_boot = flag(cfg, "secure-boot");
		res->tpm_enabled = flag(cfg, "tpm-enabled");
		res->console_enabled = flag(cfg, "console-enabled");
		if (json_object_object_get_ex(cfg, "vmUniqueId", &v)) {
			if (!json_object_is_type(v, json_type_string) ||
			    json_object_get_string_len(v) >= TWI_AZURE_ID_MAX)
				return -EBADMSG;
			strcpy(res->vm_unique_id, json_object_get_string(v));
		}
	}
	if (!json_object_object_get_ex(claims, "user-data", &v))
		return 0;
	if (!json_object_is_type(v, json_type_string))
		return -EBADMSG;
	hex = json_object_get_string(v);
	n = strlen(hex) / 2;
	if (n > sizeof(res->user_data) || twi_hex_decode(hex, res->user_data, n))
		return -EBADMSG;
	res->user_data_len = n;
	return 0;
}

static int runtime_claims(const struct twi_azure_hcl *hcl,
			  struct twi_azure_result *res, EVP_PKEY **ak,
			  char *why, size_t whylen)
{
	struct json_object *claims;
	int ret = -EBADMSG;

	claims = twi_json_parse((const char *)hcl->runtime, hcl->runtime_len);
	if (!claims || !json_object_is_type(claims, json_type_object)) {
		twi_fail(why, whylen, ret,
			 "azure: runtime claims are not a JSON object");
		goto out_put;
	}
	if (vm_config(claims, res)) {
		twi_fail(why, whylen, ret,
			 "azure: runtime claims vm-configuration or user-data malformed");
		goto out_put;
	}
	ret = ak_key(claims, ak);
	if (ret)
		twi_fail(why, whylen, ret,
			 "azure: runtime claims lack one usable RSA HCLAkPub key");
out_put:
	json_object_put(claims);
	return ret;
}

/* REPORT_DATA = hash(runtime claims JSON), zero padded. */
static int runtime_binding(const struct twi_azure_hcl *hcl,
			   struct twi_azure_result *res, char *why,
			   size_t whylen)
{
	const char *md = hash_names[hcl->hash_type];
	const uint8_t *rd = hcl->hw_report;
	unsigned int n;

	rd += hcl->report_type == TWI_AZURE_REPORT_SNP ? SNP_REPORT_DATA_OFF :
							 TDREPORT_DATA_OFF;
	if (!EVP_Digest(hcl->runtime, hcl->runtime_len, res->runtime_digest, &n,
			EVP_get_digestbyname(md), NULL))
		return twi_fail(why, whylen, -ENOMEM,
				"azure: cannot hash runtime claims");
	res->runtime_digest_len = n;
	if (CRYPTO_memcmp(rd, res->runtime_digest, n) ||
	    !twi_is_zero(rd + n, 64 - n))
		return twi_fail(why, whylen, -EKEYREJECTED,
				"azure: hardware REPORT_DATA is not %s(runtime claims)",
				md);
	return 0;
}

/* Raw RSASSA signature, or a TPMT_SIGNATURE wrapping one. */
static const uint8_t *rsa_sig(const struct twi_azure_evidence *ev,
			      size_t keysize)
{
	const uint8_t *s = ev->quote_sig;

	if (ev->quote_sig_len == keysize)
		return s;
	if (ev->quote_sig_len == 6 + keysize &&
	    twi_be16(s) == TPM_ALG_RSASSA && twi_be16(s + 2) == TPM_ALG_SHA256 &&
	    twi_be16(s + 4) == keysize)
		return s + 6;
	return NULL;
}

static int quote_signature(const struct twi_azure_evidence *ev,
			   EVP_PKEY *ak, char *why, size_t whylen)
{
	size_t keysize = (size_t)EVP_PKEY_get_size(ak);
	const uint8_t *sig = rsa_sig(ev, keysize);
	EVP_MD_CTX *ctx;
	int ok = 0;

	if (!sig)
		return twi_fail(why, whylen, -EBADMSG,
				"azure: TPM quote signature has the wrong size or form");
	ctx = EVP_MD_CTX_new();
	if (!ctx)
		return twi_fail(why, whylen, -ENOMEM, "azure: out of memory");
	if (EVP_DigestVerifyInit_ex(ctx, NULL, "SHA256", NULL, NULL, ak,
				    NULL) == 1)
		ok = EVP_DigestVerify(ctx, sig, keysize, ev->quote,
				      ev->quote_len) == 1;
	EVP_MD_CTX_free(ctx);
	if (!ok)
		return twi_fail(why, whylen, -EKEYREJECTED,
				"azure: TPM quote signature does not verify with HCLAkPub");
	return 0;
}

/* pcrDigest = SHA-256 of the selected PCR values in index order. */
static int pcr_digest(const struct twi_azure_evidence *ev,
		      struct twi_azure_result *res, char *why, size_t whylen)
{
	uint8_t md[32];
	EVP_MD_CTX *ctx;
	unsigned int i;
	int ok;

	if (ev->pcrs_len != sizeof(res->pcrs))
		return twi_fail(why, whylen, -EBADMSG,
				"azure: PCR values must be %zu bytes (24 SHA-256 PCRs)",
				sizeof(res->pcrs));
	ctx = EVP_MD_CTX_new();
	ok = ctx && EVP_DigestInit_ex(ctx, EVP_sha256(), NULL);
	for (i = 0; ok && i < TWI_AZURE_PCR_COUNT; i++)
		if (res->quote.pcr_mask & (1u << i))
			ok = EVP_DigestUpdate(ctx, ev->pcrs + 32 * i, 32);
	ok = ok && EVP_DigestFinal_ex(ctx, md, NULL);
	EVP_MD_CTX_free(ctx);
	if (!ok)
		return twi_fail(why, whylen, -ENOMEM, "azure: cannot hash PCRs");
	if (CRYPTO_memcmp(md, res->quote.pcr_digest, sizeof(md)))
		return twi_fail(why, whylen, -EKEYREJECTED,
				"azure: PCR values do not match the quote's pcrDigest");
	memcpy(res->pcrs, ev->pcrs, sizeof(res->pcrs));
	res->have_pcrs = true;
	return 0;
}

static int tpm_quote(const struct twi_azure_evidence *ev, EVP_PKEY *ak,
		     struct twi_azure_result *res, char *why, size_t whylen)
{
	int ret;

	if (!ev->quote) {
		if (ev->pcrs)
			return twi_fail(why, whylen, -EBADMSG,
					"azure: PCR values given without a TPM quote");
		return 0;
	}
	ret = twi_azure_quote_parse(ev->quote, ev->quote_len, &res->quote, why,
				    whylen);
	if (ret)
		return ret;
	ret = quote_signature(ev, ak, why, whylen);
	if (ret)
		return ret;
	res->have_quote = true;
	return ev->pcrs ? pcr_digest(ev, res, why, whylen) : 0;
}

/* The TD quote (v4 or v5 with a TDX body) must repeat the TDREPORT. */
static int td_quote_match(const struct twi_azure_evidence *ev,
			  const struct twi_azure_hcl *hcl,
			  struct twi_azure_result *res, char *why,
			  size_t whylen)
{
	const uint8_t *q = ev->td_quote, *body;
	size_t i, body_len;

	if (ev->td_quote_len < TD_QUOTE_HEADER + 6)
		goto bad;
	if (twi_le16(q) == 4) {
		body = q + TD_QUOTE_HEADER;
		body_len = ev->td_quote_len - TD_QUOTE_HEADER;
	} else if (twi_le16(q) == 5) {
		body = q + TD_QUOTE_HEADER + 6;
		body_len = twi_le32(q + TD_QUOTE_HEADER + 2);
		if (body_len > ev->td_quote_len - TD_QUOTE_HEADER - 6)
			goto bad;
	} else {
		goto bad;
	}
	if (body_len < TD_BODY_MIN)
		goto bad;
	for (i = 0; i < TWI_ARRAY_SIZE(td_fields); i++) {
		const struct td_field *f = &td_fields[i];

		if (memcmp(hcl->hw_report + f->report_off, body + f->body_off,
			   f->len))
			return twi_fail(why, whylen, -EKEYREJECTED,
					"azure: TD quote %s differs from the HCL TDREPORT",
					f->name);
	}
	res->td_quote_matched = true;
	return 0;
bad:
	return twi_fail(why, whylen, -EBADMSG,
			"azure: TD quote is not a v4/v5 TDX quote");
}

int twi_azure_verify(const struct twi_azure_evidence *ev,
		     struct twi_azure_result *res, char *why, size_t whylen)
{
	struct twi_azure_hcl hcl;
	EVP_PKEY *ak = NULL;
	int ret;

	memset(res, 0, sizeof(*res));
	if (!ev->hcl)
		return twi_fail(why, whylen, -EBADMSG, "azure: no HCL report");
	ret = twi_azure_hcl_parse(ev->hcl, ev->hcl_len, &hcl, why, whylen);
	if (ret)
		return ret;
	ret = runtime_claims(&hcl, res, &ak, why, whylen);
	if (ret)
		goto out_clear;
	ret = runtime_binding(&hcl, res, why, whylen);
	if (ret)
		goto out_free_ak;
	ret = tpm_quote(ev, ak, res, why, whylen);
	if (ret)
		goto out_free_ak;
	if (hcl.report_type == TWI_AZURE_REPORT_TDX && ev->td_quote) {
		ret = td_quote_match(ev, &hcl, res, why, whylen);
		if (ret)
			goto out_free_ak;
	}
	res->report_type = hcl.report_type;
	memcpy(res->hw_report, hcl.hw_report, hcl.hw_report_len);
	res->hw_report_len = hcl.hw_report_len;
out_free_ak:
	EVP_PKEY_free(ak);
out_clear:
	if (ret)
		memset(res, 0, sizeof(*res));
	return ret;
}

int twi_azure_verify_snp(const struct twi_azure_evidence *ev,
			 const struct twi_snp_certs *certs, time_t at,
			 struct twi_azure_result *res,
			 struct twi_snp_claims *snp, char *why, size_t whylen)
{
	int ret;

	ret = twi_azure_verify(ev, res, why, whylen);
	if (ret)
		return ret;
	if (res->report_type != TWI_AZURE_REPORT_SNP)
		ret = twi_fail(why, whylen, -EBADMSG,
			       "azure: HCL report holds no SEV-SNP report");
	else
		ret = twi_snp_verify(res->hw_report, res->hw_report_len, certs,
				     at, snp, why, whylen);
	if (ret)
		memset(res, 0, sizeof(*res));
	return ret;
}

int twi_azure_verify_tdx(const struct twi_azure_evidence *ev,
			 const char *collateral_dir, time_t at,
			 struct twi_azure_result *res,
			 struct twi_tdx_result *tdx, char *why, size_t whylen)
{
	int ret;

	if (!ev->td_quote)
		return twi_fail(why, whylen, -EBADMSG,
				"azure: a TDX HCL report needs its TD quote");
	ret = twi_azure_verify(ev, res, why, whylen);
	if (ret)
		return ret;
	if (res->report_type != TWI_AZURE_REPORT_TDX)
		ret = twi_fail(why, whylen, -EBADMSG,
			       "azure: HCL report holds no TDREPORT");
	else
		ret = twi_tdx_verify(ev->td_quote, ev->td_quote_len,
				     collateral_dir, at, tdx, why, whylen);
	if (ret)
		memset(res, 0, sizeof(*res));
	return ret;
}

/* A JSON array of integers 0..255 into a malloc'd buffer. */
static int json_bytes(struct json_object *arr, uint8_t **out, size_t *len)
{
	struct json_object *v;
	size_t i, n;
	int64_t x;

	if (!json_object_is_type(arr, json_type_array))
		return -EBADMSG;
	n = json_object_array_length(arr);
	*out = malloc(n ? n : 1);
	if (!*out)
		return -ENOMEM;
	for (i = 0; i < n; i++) {
		v = json_object_array_get_idx(arr, i);
		x = json_object_get_int64(v);
		if (!json_object_is_type(v, json_type_int) || x < 0 || x > 255) {
			free(*out);
			*out = NULL;
			return -EBADMSG;
		}
		(*out)[i] = (uint8_t)x;
	}
	*len = n;
	return 0;
}

/* quote.pcrs: 24 arrays of 32 bytes, concatenated. */
static int json_pcrs(struct json_object *arr, uint8_t **out, size_t *len)
{
	uint8_t *pcrs, *one;
	size_t i, n;
	int ret;

	if (!json_object_is_type(arr, json_type_array) ||
	    json_object_array_length(arr) != TWI_AZURE_PCR_COUNT)
		return -EBADMSG;
	pcrs = malloc(TWI_AZURE_PCR_COUNT * TWI_AZURE_PCR_SIZE);
	if (!pcrs)
		return -ENOMEM;
	for (i = 0; i < TWI_AZURE_PCR_COUNT; i++) {
		ret = json_bytes(json_object_array_get_idx(arr, i), &one, &n);
		if (!ret && n != TWI_AZURE_PCR_SIZE)
			ret = -EBADMSG;
		if (!ret)
			memcpy(pcrs + i * TWI_AZURE_PCR_SIZE, one, n);
		free(one);
		if (ret) {
			free(pcrs);
			return ret;
		}
	}
	*out = pcrs;
	*len = TWI_AZURE_PCR_COUNT * TWI_AZURE_PCR_SIZE;
	return 0;
}

static int bundle_quote(struct json_object *q, struct twi_azure_bundle *b)
{
	struct twi_azure_evidence *ev = &b->ev;
	struct json_object *m, *s, *p;

	if (!json_object_object_get_ex(q, "message", &m) ||
	    !json_object_object_get_ex(q, "signature", &s) ||
	    json_bytes(m, &b->quote, &ev->quote_len) ||
	    json_bytes(s, &b->sig, &ev->quote_sig_len))
		return -EBADMSG;
	ev->quote = b->quote;
	ev->quote_sig = b->sig;
	if (!json_object_object_get_ex(q, "pcrs", &p))
		return 0;
	if (json_pcrs(p, &b->pcrs, &ev->pcrs_len))
		return -EBADMSG;
	ev->pcrs = b->pcrs;
	return 0;
}

static int bundle_fill(struct json_object *root, struct twi_azure_bundle *b)
{
	struct json_object *v;

	if (!json_object_is_type(root, json_type_object) ||
	    !json_object_object_get_ex(root, "report", &v) ||
	    json_bytes(v, &b->hcl, &b->ev.hcl_len))
		return -EBADMSG;
	b->ev.hcl = b->hcl;
	if (json_object_object_get_ex(root, "quote", &v) &&
	    bundle_quote(v, b))
		return -EBADMSG;
	if (!json_object_object_get_ex(root, "vcek", &v))
		return 0;
	if (!json_object_is_type(v, json_type_string))
		return -EBADMSG;
	b->vcek_pem = strdup(json_object_get_string(v));
	if (!b->vcek_pem)
		return -ENOMEM;
	b->vcek_pem_len = strlen(b->vcek_pem);
	return 0;
}

int twi_azure_bundle_parse(const char *json, size_t len,
			   struct twi_azure_bundle *b, char *why,
			   size_t whylen)
{
	struct json_object *root;
	int ret;

	memset(b, 0, sizeof(*b));
	root = twi_json_parse(json, len);
	ret = root ? bundle_fill(root, b) : -EBADMSG;
	json_object_put(root);
	if (!ret)
		return 0;
	twi_azure_bundle_free(b);
	return twi_fail(why, whylen, ret,
			"azure: evidence JSON lacks a well-formed report, quote or vcek");
}

void twi_azure_bundle_free(struct twi_azure_bundle *b)
{
	free(b->hcl);
	free(b->quote);
	free(b->sig);
	free(b->pcrs);
	free(b->vcek_pem);
	memset(b, 0, sizeof(*b));
}
