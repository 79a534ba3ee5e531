// SPDX-License-Identifier: GPL-2.0
/*
 * Evidence detection and dispatch to the backends; each backend's result
 * becomes the verdict's appraised claims (names in Documentation/verify.rst).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "userspace/verify/azure.h"
#include "userspace/verify/cca.h"
#include "userspace/verify/credential.h"
#include "userspace/verify/snp.h"
#include "userspace/verify/tdx.h"
#include "userspace/verify/util.h"
#include "userspace/verify/verify.h"

enum twi_evidence_kind twi_evidence_detect(const uint8_t *buf, size_t len)
{
	uint32_t v;

	if (len >= 4 && !memcmp(buf, "HCLA", 4))
		return TWI_EVIDENCE_AZURE;
	if (len >= 3 && buf[0] == 0xd9 && twi_be16(buf + 1) == TWI_CCA_TAG_TOKEN)
		return TWI_EVIDENCE_CCA;
	/* TDX quote header: version 4/5, ECDSA-256 key type 2, TEE type 0x81 */
	if (len >= TWI_TDX_HEADER_SIZE &&
	    (twi_le16(buf) == 4 || twi_le16(buf) == 5) &&
	    twi_le16(buf + 2) == 2 && twi_le32(buf + 4) == 0x81)
		return TWI_EVIDENCE_TDX;
	if (len == TWI_SNP_REPORT_SIZE) {
		v = twi_le32(buf);
		if ((v == 2 || v == 3 || v == 5) && twi_le32(buf + 0x34) == 1)
			return TWI_EVIDENCE_SNP;
	}
	return TWI_EVIDENCE_UNKNOWN;
}

const char *twi_evidence_name(enum twi_evidence_kind kind)
{
	switch (kind) {
	case TWI_EVIDENCE_SNP:
		return "sev-snp";
	case TWI_EVIDENCE_TDX:
		return "tdx";
	case TWI_EVIDENCE_CCA:
		return "cca";
	case TWI_EVIDENCE_AZURE:
		return "azure";
	default:
		return "unknown";
	}
}

/* Claim setters: the verdict owns the claims object. */
static void put_hex(struct twi_verdict *v, const char *name,
		    const uint8_t *p, size_t n)
{
	char *hex = malloc(2 * n + 1);

	if (!hex)
		return;
	twi_hex_encode(p, n, hex);
	json_object_object_add(v->claims, name, json_object_new_string(hex));
	free(hex);
}

static void put_int(struct twi_verdict *v, const char *name, int64_t x)
{
	json_object_object_add(v->claims, name, json_object_new_int64(x));
}

static void put_bool(struct twi_verdict *v, const char *name, bool b)
{
	json_object_object_add(v->claims, name, json_object_new_boolean(b));
}

static void put_str(struct twi_verdict *v, const char *name, const char *s)
{
	json_object_object_add(v->claims, name, json_object_new_string(s));
}

static void put_time(struct twi_verdict *v, const char *name, time_t t)
{
	char buf[32];

	twi_format_time(t, buf, sizeof(buf));
	put_str(v, name, buf);
}

/* What an --aux file holds, recognised from its bytes. */
enum aux_kind {
	AUX_OTHER,	/* Azure: the vTPM quote signature */
	AUX_CERTS,	/* certificates and/or CRLs, PEM or DER */
	AUX_KEY,	/* a public key (CCA platform key) */
	AUX_TD_QUOTE,	/* Azure TDX: the TD quote */
	AUX_TPM_QUOTE,	/* Azure: TPMS_ATTEST */
	AUX_PCRS,	/* Azure: 24 SHA-256 PCR values */
};

#define TPM_GENERATED_VALUE 0xff544347

struct aux_file {
	const char *path;
	uint8_t *buf;
	size_t len;
	enum aux_kind kind;
};

struct aux_set {
	struct aux_file *files;
	size_t n;
};

static enum aux_kind aux_classify(const uint8_t *buf, size_t len)
{
	struct twi_snp_certs c;
	EVP_PKEY *key = NULL;
	int ret;

	if (twi_evidence_detect(buf, len) == TWI_EVIDENCE_TDX)
		return AUX_TD_QUOTE;
	if (len >= 4 && twi_be32(buf) == TPM_GENERATED_VALUE)
		return AUX_TPM_QUOTE;
	twi_snp_certs_init(&c);
	ret = twi_snp_certs_add_mem(&c, buf, len);
	twi_snp_certs_free(&c);
	if (!ret)
		return AUX_CERTS;
	if (!twi_cca_cpak_parse((const char *)buf, len, &key, NULL, 0)) {
		EVP_PKEY_free(key);
		return AUX_KEY;
	}
	if (len == TWI_AZURE_PCR_COUNT * TWI_AZURE_PCR_SIZE)
		return AUX_PCRS;
	return AUX_OTHER;
}

static void aux_free(struct aux_set *a)
{
	size_t i;

	for (i = 0; i < a->n; i++)
		free(a->files[i].buf);
	free(a->files);
	a->files = NULL;
	a->n = 0;
}

/* A credential's aux blob, first, as if it were one more --aux file. */
static int aux_mem(const struct twi_evidence_bind *b, struct aux_set *a)
{
	struct aux_file *f = &a->files[a->n];

	if (!b || !b->aux_len)
		return 0;
	f->path = "the credential's aux";
	f->buf = malloc(b->aux_len);
	if (!f->buf)
		return -ENOMEM;
	memcpy(f->buf, b->aux, b->aux_len);
	f->len = b->aux_len;
	f->kind = aux_classify(f->buf, f->len);
	a->n++;
	return 0;
}

static int aux_read(const struct twi_verify_opts *o,
		    const struct twi_evidence_bind *b, struct aux_set *a,
		    char *why, size_t whylen)
{
	struct aux_file *f;
	size_t i;
	int ret;

	a->n = 0;
	a->files = calloc(o->n_aux + 1, sizeof(*a->files));
	if (!a->files)
		return -ENOMEM;
	ret = aux_mem(b, a);
	if (ret)
		return ret;
	for (i = 0; i < o->n_aux; i++) {
		f = &a->files[a->n];
		f->path = o->aux[i];
		ret = twi_read_file(f->path, &f->buf, &f->len);
		if (ret)
			return twi_fail(why, whylen, -ENOKEY,
					"cannot read --aux %s: %s", f->path,
					strerror(-ret));
		f->kind = aux_classify(f->buf, f->len);
		a->n++;
	}
	return 0;
}

/* The first --aux file of a kind, NULL if none. */
static const struct aux_file *aux_find(const struct aux_set *a,
				       enum aux_kind kind)
{
	size_t i;

	for (i = 0; i < a->n; i++)
		if (a->files[i].kind == kind)
			return &a->files[i];
	return NULL;
}

/* SEV-SNP --------------------------------------------------------------- */

static void snp_tcb_claims(struct twi_verdict *v, const char *prefix,
			   const struct twi_snp_tcb *t, bool turin)
{
	char name[32];

	if (turin) {
		snprintf(name, sizeof(name), "%s.fmc", prefix);
		put_int(v, name, t->fmc);
	}
	snprintf(name, sizeof(name), "%s.bl", prefix);
	put_int(v, name, t->bl);
	snprintf(name, sizeof(name), "%s.tee", prefix);
	put_int(v, name, t->tee);
	snprintf(name, sizeof(name), "%s.snp", prefix);
	put_int(v, name, t->snp);
	snprintf(name, sizeof(name), "%s.ucode", prefix);
	put_int(v, name, t->ucode);
}

static void snp_digest_claims(struct twi_verdict *v,
			      const struct twi_snp_report *r)
{
	put_hex(v, "measurement", r->measurement, sizeof(r->measurement));
	put_hex(v, "host_data", r->host_data, sizeof(r->host_data));
	put_hex(v, "report_data", r->report_data, sizeof(r->report_data));
	put_hex(v, "family_id", r->family_id, sizeof(r->family_id));
	put_hex(v, "image_id", r->image_id, sizeof(r->image_id));
	put_hex(v, "id_key_digest", r->id_key_digest, 48);
	put_hex(v, "author_key_digest", r->author_key_digest, 48);
	put_hex(v, "report_id", r->report_id, sizeof(r->report_id));
	put_hex(v, "chip_id", r->chip_id, sizeof(r->chip_id));
}

static void snp_claims(struct twi_verdict *v, const struct twi_snp_claims *c)
{
	const struct twi_snp_report *r = &c->report;
	bool turin = c->product == TWI_SNP_TURIN;

	put_int(v, "version", r->version);
	put_str(v, "product", twi_snp_product_name(c->product));
	put_str(v, "signer", c->signer == TWI_SNP_SIGNER_VLEK ? "vlek" : "vcek");
	if (c->signer == TWI_SNP_SIGNER_VLEK)
		put_str(v, "csp", c->csp);
	put_int(v, "guest_svn", r->guest_svn);
	put_int(v, "policy", (int64_t)r->policy);
	put_int(v, "abi_major", (r->policy >> 8) & 0xff);
	put_int(v, "abi_minor", r->policy & 0xff);
	put_bool(v, "debug", r->policy & TWI_SNP_POLICY_DEBUG);
	put_bool(v, "migration_agent", r->policy & TWI_SNP_POLICY_MIGRATE_MA);
	put_bool(v, "smt_allowed", r->policy & TWI_SNP_POLICY_SMT);
	put_bool(v, "single_socket", r->policy & TWI_SNP_POLICY_SINGLE_SOCKET);
	put_int(v, "vmpl", r->vmpl);
	put_bool(v, "platform.smt_enabled", r->platform_info & 1);
	put_bool(v, "platform.tsme_enabled", r->platform_info & 2);
	snp_digest_claims(v, r);
	snp_tcb_claims(v, "tcb", &c->reported, turin);
	snp_tcb_claims(v, "current_tcb", &c->current, turin);
	snp_tcb_claims(v, "launch_tcb", &c->launch, turin);
	put_time(v, "key_not_after", c->key_not_after);
}

/* The extra trusted ARKs of --ark. */
static int snp_arks(const struct twi_verify_opts *o, struct twi_snp_certs *c,
		    char *why, size_t whylen)
{
	char reason[TWI_WHY_MAX];
	uint8_t *buf;
	size_t i, len;
	int ret;

	for (i = 0; i < o->n_ark; i++) {
		ret = twi_read_file(o->ark[i], &buf, &len);
		if (ret)
			return twi_fail(why, whylen, -ENOKEY,
					"cannot read --ark %s: %s", o->ark[i],
					strerror(-ret));
		ret = twi_snp_certs_add_ark(c, buf, len, reason,
					    sizeof(reason));
		free(buf);
		if (ret)
			return twi_fail(why, whylen, -ENOKEY,
					"bad --ark %s: %s", o->ark[i], reason);
	}
	return 0;
}

static int snp_certs(const struct aux_set *a, const struct twi_verify_opts *o,
		     const struct twi_snp_report *r, struct twi_snp_certs *c,
		     char *why, size_t whylen)
{
	const char *collateral = o->collateral;
	size_t i;
	int ret;

	ret = snp_arks(o, c, why, whylen);
	if (ret)
		return ret;
	for (i = 0; i < a->n; i++) {
		if (a->files[i].kind != AUX_CERTS)
			continue;	/* the rest of Azure evidence */
		ret = twi_snp_certs_add_mem(c, a->files[i].buf, a->files[i].len);
		if (ret)
			return ret;
	}
	if (!collateral)
		return 0;
	ret = twi_snp_certs_add_collateral(c, collateral, r);
	if (ret)
		return twi_fail(why, whylen, ret,
				"cannot load SNP collateral from %s: %s",
				collateral, strerror(-ret));
	return 0;
}

static int verify_snp(const uint8_t *buf, size_t len,
		      const struct twi_verify_opts *o, const struct aux_set *a,
		      struct twi_verdict *v, char *why, size_t whylen)
{
	struct twi_snp_claims *cl = malloc(sizeof(*cl));
	struct twi_snp_report r;
	struct twi_snp_certs c;
	int ret;

	if (!cl)
		return -ENOMEM;
	twi_snp_certs_init(&c);
	ret = twi_snp_parse(buf, len, &r, why, whylen);
	if (!ret)
		ret = snp_certs(a, o, &r, &c, why, whylen);
	if (!ret)
		ret = twi_snp_verify(buf, len, &c, o->at, cl, why, whylen);
	if (!ret)
		snp_claims(v, cl);
	twi_snp_certs_free(&c);
	free(cl);
	return ret;
}

/* TDX ------------------------------------------------------------------- */

static void tdx_claims(struct twi_verdict *v, const struct twi_tdx_result *t)
{
	static const char *const rtmr[] = { "rtmr0", "rtmr1", "rtmr2", "rtmr3" };
	json_object *adv = json_object_new_array();
	unsigned int i;

	put_int(v, "version", t->version);
	put_hex(v, "mrtd", t->mrtd, sizeof(t->mrtd));
	for (i = 0; i < 4; i++)
		put_hex(v, rtmr[i], t->rtmr[i], sizeof(t->rtmr[i]));
	put_hex(v, "mrseam", t->mrseam, sizeof(t->mrseam));
	put_hex(v, "mrsignerseam", t->mrsignerseam, sizeof(t->mrsignerseam));
	put_hex(v, "mrconfigid", t->mrconfigid, sizeof(t->mrconfigid));
	put_hex(v, "mrowner", t->mrowner, sizeof(t->mrowner));
	put_hex(v, "mrownerconfig", t->mrownerconfig, sizeof(t->mrownerconfig));
	put_hex(v, "report_data", t->report_data, sizeof(t->report_data));
	put_hex(v, "tee_tcb_svn", t->tee_tcb_svn, sizeof(t->tee_tcb_svn));
	put_int(v, "td_attributes", (int64_t)t->td_attributes);
	put_int(v, "xfam", (int64_t)t->xfam);
	put_bool(v, "debug", t->debug);
	put_hex(v, "fmspc", t->fmspc, sizeof(t->fmspc));
	put_int(v, "qe_isvsvn", t->qe_isvsvn);
	put_str(v, "tcb_status", t->tcb_evaluated ?
			twi_tdx_tcb_status_name(t->tcb_status) : "Unknown");
	if (!t->tcb_evaluated) {
		json_object_put(adv);
		return;
	}
	put_str(v, "tcb_date", t->tcb_date);
	put_time(v, "collateral_expiry", t->collateral_expiry);
	for (i = 0; i < t->n_advisories && adv; i++)
		json_object_array_add(adv,
			json_object_new_string(t->advisory_ids[i]));
	json_object_object_add(v->claims, "advisories", adv);
}

static int verify_tdx(const uint8_t *buf, size_t len,
		      const struct twi_verify_opts *o, struct twi_verdict *v,
		      char *why, size_t whylen)
{
	struct twi_tdx_result *t = calloc(1, sizeof(*t));
	int ret;

	if (!t)
		return -ENOMEM;
	ret = twi_tdx_verify(buf, len, o->collateral, o->at, t, why, whylen);
	if (!ret)
		tdx_claims(v, t);
	free(t);
	return ret;
}

/* Arm CCA --------------------------------------------------------------- */

static void cca_claims(struct twi_verdict *v, const struct twi_cca_claims *c)
{
	static const char *const rem[] = { "rem0", "rem1", "rem2", "rem3" };
	json_object *sw = json_object_new_array();
	char hex[2 * TWI_CCA_DIGEST_MAX + 1];
	unsigned int i;

	put_hex(v, "rim", c->rim.v, c->rim.len);
	for (i = 0; i < TWI_CCA_REM_COUNT; i++)
		put_hex(v, rem[i], c->rem[i].v, c->rem[i].len);
	put_hex(v, "report_data", c->realm_challenge,
		sizeof(c->realm_challenge));
	put_hex(v, "personalization", c->personalization,
		sizeof(c->personalization));
	put_str(v, "realm_profile", c->realm_profile);
	put_str(v, "platform_profile", c->platform_profile);
	put_str(v, "realm_hash_alg", c->realm_hash_alg);
	put_hex(v, "impl_id", c->impl_id, sizeof(c->impl_id));
	put_hex(v, "instance_id", c->instance_id, sizeof(c->instance_id));
	put_int(v, "lifecycle", c->lifecycle);
	put_bool(v, "lifecycle_secured", twi_cca_lifecycle_secured(c->lifecycle));
	put_str(v, "verification_service", c->verification_service);
	for (i = 0; i < c->n_sw && sw; i++) {
		twi_hex_encode(c->sw[i].value.v, c->sw[i].value.len, hex);
		json_object_array_add(sw, json_object_new_string(hex));
	}
	json_object_object_add(v->claims, "sw_measurements", sw);
}

/* The CPAK from the policy, else the first --aux file that is a key. */
static int cca_cpak(const struct twi_verify_opts *o, const struct aux_set *a,
		    EVP_PKEY **cpak, char *why, size_t whylen)
{
	const char *s = o->policy ? o->policy->cpak : "";
	const struct aux_file *f = aux_find(a, AUX_KEY);

	if (s[0] == '{' || !strncmp(s, "-----BEGIN", 10))
		return twi_cca_cpak_parse(s, strlen(s), cpak, why, whylen);
	if (s[0])
		return twi_cca_cpak_load(s, cpak, why, whylen);
	if (f)
		return twi_cca_cpak_parse((const char *)f->buf, f->len, cpak,
					  why, whylen);
	return twi_fail(why, whylen, -ENOKEY,
			"no CCA platform key (policy \"cpak\" or --aux)");
}

static int verify_cca(const uint8_t *buf, size_t len,
		      const struct twi_verify_opts *o, const struct aux_set *a,
		      struct twi_verdict *v, char *why, size_t whylen)
{
	struct twi_cca_claims *c = calloc(1, sizeof(*c));
	EVP_PKEY *cpak = NULL;
	int ret;

	if (!c)
		return -ENOMEM;
	ret = cca_cpak(o, a, &cpak, why, whylen);
	if (!ret)
		ret = twi_cca_verify(buf, len, cpak, c, why, whylen);
	if (!ret)
		cca_claims(v, c);
	EVP_PKEY_free(cpak);
	free(c);
	return ret;
}

/* Azure (HCL report around an SNP report or a TDX TDREPORT) -------------- */

static void azure_pcr_claims(struct twi_verdict *v,
			     const struct twi_azure_result *az)
{
	char name[16];
	int i;

	for (i = 0; i < TWI_AZURE_PCR_COUNT; i++) {
		snprintf(name, sizeof(name), "azure.pcr%d", i);
		put_hex(v, name, az->pcrs[i], TWI_AZURE_PCR_SIZE);
	}
}

static void azure_claims(struct twi_verdict *v,
			 const struct twi_azure_result *az)
{
	put_bool(v, "azure.secure_boot", az->secure_boot);
	put_bool(v, "azure.tpm_enabled", az->tpm_enabled);
	put_bool(v, "azure.console_enabled", az->console_enabled);
	put_str(v, "azure.vm_unique_id", az->vm_unique_id);
	put_hex(v, "azure.user_data", az->user_data, az->user_data_len);
	put_hex(v, "azure.runtime_digest", az->runtime_digest,
		az->runtime_digest_len);
	put_bool(v, "azure.tpm_quote", az->have_quote);
	if (az->have_quote)
		put_hex(v, "azure.tpm_nonce", az->quote.extra_data,
			az->quote.extra_len);
	if (az->have_pcrs)
		azure_pcr_claims(v, az);
}

static void set_part(const struct aux_file *f, const uint8_t **p,
		     size_t *len)
{
	if (f) {
		*p = f->buf;
		*len = f->len;
	}
}

/* TD quote, vTPM quote, its signature (the unrecognised file) and PCRs. */
static void azure_parts(const struct aux_set *a, struct twi_azure_evidence *ev)
{
	set_part(aux_find(a, AUX_TD_QUOTE), &ev->td_quote, &ev->td_quote_len);
	set_part(aux_find(a, AUX_TPM_QUOTE), &ev->quote, &ev->quote_len);
	set_part(aux_find(a, AUX_OTHER), &ev->quote_sig, &ev->quote_sig_len);
	set_part(aux_find(a, AUX_PCRS), &ev->pcrs, &ev->pcrs_len);
}

static int azure_hw(const struct twi_azure_result *az,
		    const struct aux_file *tdq,
		    const struct twi_verify_opts *o, const struct aux_set *a,
		    struct twi_verdict *v, char *why, size_t whylen)
{
	if (az->report_type == TWI_AZURE_REPORT_SNP) {
		v->tee = "azure-sev-snp";
		return verify_snp(az->hw_report, az->hw_report_len, o, a, v,
				  why, whylen);
	}
	v->tee = "azure-tdx";
	if (!tdq || !az->td_quote_matched)
		return twi_fail(why, whylen, -ENOKEY,
				"Azure TDX evidence needs its TD quote (--aux)");
	return verify_tdx(tdq->buf, tdq->len, o, v, why, whylen);
}

static int verify_azure(const uint8_t *buf, size_t len,
			const struct twi_verify_opts *o,
			const struct aux_set *a, struct twi_verdict *v,
			char *why, size_t whylen)
{
	const struct aux_file *tdq = aux_find(a, AUX_TD_QUOTE);
	struct twi_azure_evidence ev = { .hcl = buf, .hcl_len = len };
	struct twi_azure_result *az = calloc(1, sizeof(*az));
	int ret;

	if (!az)
		return -ENOMEM;
	azure_parts(a, &ev);
	ret = twi_azure_verify(&ev, az, why, whylen);
	if (!ret)
		ret = azure_hw(az, tdq, o, a, v, why, whylen);
	if (!ret)
		azure_claims(v, az);
	free(az);
	return ret;
}

/* Dispatch -------------------------------------------------------------- */

static int dispatch(const uint8_t *buf, size_t len, enum twi_evidence_kind kind,
		    const struct twi_verify_opts *o, const struct aux_set *a,
		    struct twi_verdict *v, char *why, size_t whylen)
{
	v->tee = twi_evidence_name(kind);
	switch (kind) {
	case TWI_EVIDENCE_SNP:
		return verify_snp(buf, len, o, a, v, why, whylen);
	case TWI_EVIDENCE_TDX:
		return verify_tdx(buf, len, o, v, why, whylen);
	case TWI_EVIDENCE_CCA:
		return verify_cca(buf, len, o, a, v, why, whylen);
	case TWI_EVIDENCE_AZURE:
		return verify_azure(buf, len, o, a, v, why, whylen);
	default:
		v->tee = NULL;
		return twi_fail(why, whylen, -EBADMSG,
				"unrecognised evidence (not an SEV-SNP report, TDX quote, CCA token or Azure HCL report)");
	}
}

static int appraise(const struct twi_policy *p, struct twi_verdict *v,
		    int ret, const char *why)
{
	struct twi_policy def;

	if (ret) {
		twi_verdict_add(v, twi_verdict_status_of(ret), "%s", why);
		return ret;
	}
	twi_policy_init(&def);
	twi_policy_appraise(p ? p : &def, v);
	return twi_verdict_accepted(v) ? 0 : -EPERM;
}

int twi_appraise_snp(const struct twi_snp_claims *cl,
		     const struct twi_policy *p, time_t at,
		     struct twi_verdict *v)
{
	int ret = twi_verdict_init(v, at);

	if (ret)
		return ret;
	v->tee = "sev-snp";
	snp_claims(v, cl);
	return appraise(p, v, 0, NULL);
}

int twi_verify_snp_cached(const uint8_t *buf, size_t len,
			  const struct twi_snp_chain *ch,
			  const struct twi_policy *p, time_t at,
			  struct twi_verdict *v)
{
	char why[TWI_WHY_MAX] = "";
	struct twi_snp_claims cl;
	struct twi_snp_report r;
	int ret;

	ret = twi_snp_parse(buf, len, &r, why, sizeof(why));
	if (!ret)
		ret = twi_snp_report_verify(&r, ch, at, &cl, why, sizeof(why));
	if (!ret)
		return twi_appraise_snp(&cl, p, at, v);
	if (twi_verdict_init(v, at))
		return -ENOMEM;
	v->tee = "sev-snp";
	return appraise(p, v, ret, why);
}

/* The caller's extra claims, where the evidence has none of that name. */
static void add_extra(struct twi_verdict *v, json_object *extra)
{
	json_object *have;

	if (!json_object_is_type(extra, json_type_object))
		return;
	json_object_object_foreach(extra, k, val) {
		if (!json_object_object_get_ex(v->claims, k, &have))
			json_object_object_add(v->claims, k,
					       json_object_get(val));
	}
}

/* The evidence's TEE and report_data are what the credential says. */
static int check_kind(const struct twi_evidence_bind *b,
		      enum twi_evidence_kind kind, char *why, size_t whylen)
{
	if (!b || b->kind == TWI_EVIDENCE_UNKNOWN || b->kind == kind)
		return 0;
	return twi_fail(why, whylen, -EBADMSG,
			"the credential names %s evidence but carries %s",
			twi_evidence_name(b->kind), twi_evidence_name(kind));
}

static int check_report_data(const struct twi_evidence_bind *b,
			     const struct twi_verdict *v, char *why,
			     size_t whylen)
{
	char want[2 * TWI_CREDENTIAL_REPORT_DATA + 1];
	json_object *have;

	if (!b || !b->report_data)
		return 0;
	twi_hex_encode(b->report_data, TWI_CREDENTIAL_REPORT_DATA, want);
	if (json_object_object_get_ex(v->claims, "report_data", &have) &&
	    !strcmp(json_object_get_string(have), want))
		return 0;
	return twi_fail(why, whylen, -EKEYREJECTED,
			"the evidence's report_data is not SHA-512 of the credential's statement");
}

int twi_verify_bound(const uint8_t *buf, size_t len,
		     const struct twi_verify_opts *o,
		     const struct twi_evidence_bind *b, struct twi_verdict *v)
{
	enum twi_evidence_kind kind = twi_evidence_detect(buf, len);
	char why[TWI_WHY_MAX] = "";
	struct aux_set a = { 0 };
	int ret;

	ret = twi_verdict_init(v, o->at);
	if (ret)
		return ret;
	ret = check_kind(b, kind, why, sizeof(why));
	if (!ret)
		ret = aux_read(o, b, &a, why, sizeof(why));
	if (!ret)
		ret = dispatch(buf, len, kind, o, &a, v, why, sizeof(why));
	aux_free(&a);
	if (!ret)
		ret = check_report_data(b, v, why, sizeof(why));
	if (!ret)
		add_extra(v, o->extra_claims);
	return appraise(o->policy, v, ret, why);
}

int twi_verify_evidence(const uint8_t *buf, size_t len,
			const struct twi_verify_opts *o, struct twi_verdict *v)
{
	if (twi_credential_detect(buf, len))
		return twi_verify_credential(buf, len, o, v);
	return twi_verify_bound(buf, len, o, NULL, v);
}
