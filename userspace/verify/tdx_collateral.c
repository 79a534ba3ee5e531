// SPDX-License-Identifier: GPL-2.0
/*
 * TDX collateral from the offline cache: TCB info, QE identity, the TCB
 * signing chain and the PCK and Root CA CRLs. Layout of DIR/tdx/ is in
 * Documentation/verify-tdx.rst.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>
#include <openssl/err.h>
#include <openssl/x509.h>

#include "userspace/verify/tdx_local.h"
#include "userspace/verify/util.h"

/* ---- locating the signed member inside the response bytes ---- */

static size_t skip_ws(const char *s, size_t i, size_t len)
{
	while (i < len && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' ||
			   s[i] == '\r'))
		i++;
	return i;
}

/* s[i] is '"': return the index after the closing quote, or 0. */
static size_t skip_string(const char *s, size_t i, size_t len)
{
	for (i++; i < len; i++) {
		if (s[i] == '\\')
			i++;
		else if (s[i] == '"')
			return i + 1;
	}
	return 0;
}

/* Return the index just after the JSON value starting at s[i], or 0. */
static size_t skip_value(const char *s, size_t i, size_t len)
{
	unsigned int depth = 0;

	if (i >= len)
		return 0;
	if (s[i] == '"')
		return skip_string(s, i, len);
	if (s[i] != '{' && s[i] != '[') {
		size_t start = i;

		while (i < len && s[i] != ',' && s[i] != '}' && s[i] != ']')
			i++;
		return i < len && i > start ? i : 0;
	}
	for (; i < len; i++) {
		if (s[i] == '"') {
			i = skip_string(s, i, len);
			if (!i)
				return 0;
			i--;
		} else if (s[i] == '{' || s[i] == '[') {
			depth++;
		} else if ((s[i] == '}' || s[i] == ']') && !--depth) {
			return i + 1;
		}
	}
	return 0;
}

/*
 * Find the value of the top-level member key of the object in json: the
 * exact bytes Intel signs. Returns 0 with *off and *vlen set, -ENOENT or
 * -EBADMSG.
 */
int twi_tdx_json_member(const char *json, size_t len, const char *key,
			size_t *off, size_t *vlen)
{
	size_t klen = strlen(key), i, k, end, start;

	i = skip_ws(json, 0, len);
	if (i >= len || json[i] != '{')
		return -EBADMSG;
	i = skip_ws(json, i + 1, len);
	while (i < len && json[i] == '"') {
		start = i + 1;
		k = skip_string(json, i, len);
		if (!k)
			return -EBADMSG;
		i = skip_ws(json, k, len);
		if (i >= len || json[i] != ':')
			return -EBADMSG;
		i = skip_ws(json, i + 1, len);
		end = skip_value(json, i, len);
		if (!end)
			return -EBADMSG;
		if (k - 1 - start == klen && !memcmp(json + start, key, klen)) {
			*off = i;
			*vlen = end - i;
			return 0;
		}
		i = skip_ws(json, end, len);
		if (i < len && json[i] == ',')
			i = skip_ws(json, i + 1, len);
	}
	return -ENOENT;
}

/* ---- JSON field helpers ---- */

static json_object *parse_exact(const char *json, size_t len)
{
	json_tokener *tok;
	json_object *obj;

	if (len > INT_MAX)
		return NULL;
	tok = json_tokener_new();
	if (!tok)
		return NULL;
	obj = json_tokener_parse_ex(tok, json, (int)len);
	if (obj && (json_tokener_get_error(tok) != json_tokener_success ||
		    skip_ws(json, json_tokener_get_parse_end(tok), len) != len)) {
		json_object_put(obj);
		obj = NULL;
	}
	json_tokener_free(tok);
	return obj;
}

static json_object *member(json_object *obj, const char *key, json_type type)
{
	json_object *v;

	if (!json_object_object_get_ex(obj, key, &v) ||
	    !json_object_is_type(v, type))
		return NULL;
	return v;
}

static int get_hex(json_object *obj, const char *key, uint8_t *out,
		   size_t n)
{
	json_object *v = member(obj, key, json_type_string);

	if (!v || (size_t)json_object_get_string_len(v) != 2 * n)
		return -1;
	return twi_hex_decode(json_object_get_string(v), out, n) ? -1 : 0;
}

static int get_uint(json_object *obj, const char *key, unsigned int max,
		    unsigned int *out)
{
	json_object *v = member(obj, key, json_type_int);
	int64_t n;

	if (!v)
		return -1;
	n = json_object_get_int64(v);
	if (n < 0 || n > max)
		return -1;
	*out = (unsigned int)n;
	return 0;
}

static int get_time(json_object *obj, const char *key, time_t *t)
{
	json_object *v = member(obj, key, json_type_string);

	if (!v || json_object_get_string(v)[0] == '@')
		return -1;
	return twi_parse_time(json_object_get_string(v), t) ? -1 : 0;
}

/* tcbDate, tcbStatus and advisoryIDs of one level. */
static int get_level_status(json_object *lvl, struct twi_tdx_level_status *st)
{
	json_object *s = member(lvl, "tcbStatus", json_type_string);
	json_object *d = member(lvl, "tcbDate", json_type_string);
	json_object *adv;
	size_t i, n;

	if (!s || !d)
		return -1;
	st->status = twi_tdx_status_parse(json_object_get_string(s));
	if (st->status == TWI_TDX_TCB_UNKNOWN)
		return -1;
	snprintf(st->date, sizeof(st->date), "%s", json_object_get_string(d));
	if (!json_object_object_get_ex(lvl, "advisoryIDs", &adv))
		return 0;
	if (!json_object_is_type(adv, json_type_array))
		return -1;
	n = json_object_array_length(adv);
	if (n > TWI_TDX_MAX_ADVISORIES)
		return -1;
	for (i = 0; i < n; i++) {
		json_object *a = json_object_array_get_idx(adv, i);

		if (!json_object_is_type(a, json_type_string) ||
		    json_object_get_string_len(a) >= TWI_TDX_ADVISORY_LEN)
			return -1;
		strcpy(st->advisory_ids[i], json_object_get_string(a));
	}
	st->n_advisories = (unsigned int)n;
	return 0;
}

/* tcbLevels of a module identity or QE identity: { tcb: { isvsvn } }. */
static int get_isv_levels(json_object *obj, struct twi_tdx_isv_level **out,
			  unsigned int *count)
{
	json_object *arr = member(obj, "tcbLevels", json_type_array);
	struct twi_tdx_isv_level *levels;
	size_t i, n;

	if (!arr)
		return -1;
	n = json_object_array_length(arr);
	if (!n || n > TDX_MAX_LEVELS)
		return -1;
	levels = calloc(n, sizeof(*levels));
	if (!levels)
		return -1;
	*out = levels;
	*count = (unsigned int)n;
	for (i = 0; i < n; i++) {
		json_object *lvl = json_object_array_get_idx(arr, i);
		json_object *tcb = member(lvl, "tcb", json_type_object);
		unsigned int svn;

		if (!tcb || get_uint(tcb, "isvsvn", 65535, &svn) ||
		    get_level_status(lvl, &levels[i].st))
			return -1;
		levels[i].isvsvn = (uint16_t)svn;
	}
	return 0;
}

/* ---- TCB info ---- */

static int get_components(json_object *tcb, const char *key, uint8_t *svn)
{
	json_object *arr = member(tcb, key, json_type_array);
	unsigned int i, v;

	if (!arr || json_object_array_length(arr) != 16)
		return -1;
	for (i = 0; i < 16; i++) {
		json_object *c = json_object_array_get_idx(arr, i);

		if (!json_object_is_type(c, json_type_object) ||
		    get_uint(c, "svn", 255, &v))
			return -1;
		svn[i] = (uint8_t)v;
	}
	return 0;
}

static int get_tcb_levels(json_object *obj, struct twi_tdx_tcbinfo *ti)
{
	json_object *arr = member(obj, "tcbLevels", json_type_array);
	size_t i, n;

	if (!arr)
		return -1;
	n = json_object_array_length(arr);
	if (!n || n > TDX_MAX_LEVELS)
		return -1;
	ti->levels = calloc(n, sizeof(*ti->levels));
	if (!ti->levels)
		return -1;
	ti->n_levels = (unsigned int)n;
	for (i = 0; i < n; i++) {
		struct twi_tdx_tcb_level *l = &ti->levels[i];
		json_object *lvl = json_object_array_get_idx(arr, i);
		json_object *tcb = member(lvl, "tcb", json_type_object);
		unsigned int pcesvn;

		if (!tcb || get_components(tcb, "sgxtcbcomponents", l->sgx_svn) ||
		    get_components(tcb, "tdxtcbcomponents", l->tdx_svn) ||
		    get_uint(tcb, "pcesvn", 65535, &pcesvn) ||
		    get_level_status(lvl, &l->st))
			return -1;
		l->pcesvn = (uint16_t)pcesvn;
	}
	return 0;
}

static int get_module(json_object *obj, struct twi_tdx_module_id *m)
{
	if (get_hex(obj, "mrsigner", m->mrsigner, sizeof(m->mrsigner)) ||
	    get_hex(obj, "attributes", m->attributes, 8) ||
	    get_hex(obj, "attributesMask", m->attributes_mask, 8))
		return -1;
	return 0;
}

static int get_module_ids(json_object *obj, struct twi_tdx_tcbinfo *ti)
{
	json_object *arr;
	size_t i, n;

	if (!json_object_object_get_ex(obj, "tdxModuleIdentities", &arr))
		return 0;
	if (!json_object_is_type(arr, json_type_array))
		return -1;
	n = json_object_array_length(arr);
	if (n > TDX_MAX_MODULE_IDS)
		return -1;
	ti->n_module_ids = (unsigned int)n;
	for (i = 0; i < n; i++) {
		struct twi_tdx_module_id *m = &ti->module_ids[i];
		json_object *o = json_object_array_get_idx(arr, i);
		json_object *id = member(o, "id", json_type_string);

		if (!id || json_object_get_string_len(id) >= (int)sizeof(m->id) ||
		    get_module(o, m) ||
		    get_isv_levels(o, &m->levels, &m->n_levels))
			return -1;
		strcpy(m->id, json_object_get_string(id));
	}
	return 0;
}

static int tcbinfo_fields(json_object *obj, struct twi_tdx_tcbinfo *ti)
{
	json_object *id = member(obj, "id", json_type_string);
	unsigned int tcb_type;
	json_object *module;

	if (!id || strcmp(json_object_get_string(id), "TDX") ||
	    get_uint(obj, "version", 3, &ti->version) || ti->version != 3 ||
	    get_uint(obj, "tcbType", 0, &tcb_type) ||
	    get_time(obj, "issueDate", &ti->issue_date) ||
	    get_time(obj, "nextUpdate", &ti->next_update) ||
	    get_hex(obj, "fmspc", ti->fmspc, 6) ||
	    get_hex(obj, "pceId", ti->pceid, 2) ||
	    get_uint(obj, "tcbEvaluationDataNumber", UINT_MAX,
		     &ti->eval_number))
		return -1;
	module = member(obj, "tdxModule", json_type_object);
	if (module) {
		if (get_module(module, &ti->module))
			return -1;
		ti->has_module = true;
	}
	if (get_module_ids(obj, ti))
		return -1;
	return get_tcb_levels(obj, ti);
}

/* Parse the signed "tcbInfo" value (a TDX TCB info, version 3). */
int twi_tdx_tcbinfo_parse(const char *json, size_t len,
			  struct twi_tdx_tcbinfo *ti, char *why, size_t whylen)
{
	json_object *obj = parse_exact(json, len);
	int ret = 0;

	memset(ti, 0, sizeof(*ti));
	if (!obj || !json_object_is_type(obj, json_type_object) ||
	    tcbinfo_fields(obj, ti)) {
		twi_tdx_tcbinfo_free(ti);
		ret = twi_fail(why, whylen, -EBADMSG,
			       "TDX TCB info: malformed or not a TDX v3 TCB info");
	}
	json_object_put(obj);
	return ret;
}

void twi_tdx_tcbinfo_free(struct twi_tdx_tcbinfo *ti)
{
	unsigned int i;

	for (i = 0; i < TDX_MAX_MODULE_IDS; i++)
		free(ti->module_ids[i].levels);
	free(ti->levels);
	memset(ti, 0, sizeof(*ti));
}

/* ---- QE identity ---- */

static int qe_identity_fields(json_object *obj, struct twi_tdx_qe_identity *qe)
{
	json_object *id = member(obj, "id", json_type_string);
	unsigned int version, prodid;

	if (!id || strcmp(json_object_get_string(id), "TD_QE") ||
	    get_uint(obj, "version", 2, &version) || version != 2 ||
	    get_time(obj, "issueDate", &qe->issue_date) ||
	    get_time(obj, "nextUpdate", &qe->next_update) ||
	    get_hex(obj, "miscselect", qe->miscselect, 4) ||
	    get_hex(obj, "miscselectMask", qe->miscselect_mask, 4) ||
	    get_hex(obj, "attributes", qe->attributes, 16) ||
	    get_hex(obj, "attributesMask", qe->attributes_mask, 16) ||
	    get_hex(obj, "mrsigner", qe->mrsigner, 32) ||
	    get_uint(obj, "isvprodid", 65535, &prodid))
		return -1;
	qe->isvprodid = (uint16_t)prodid;
	return get_isv_levels(obj, &qe->levels, &qe->n_levels);
}

/* Parse the signed "enclaveIdentity" value (TD_QE, version 2). */
int twi_tdx_qe_identity_parse(const char *json, size_t len,
			      struct twi_tdx_qe_identity *qe, char *why,
			      size_t whylen)
{
	json_object *obj = parse_exact(json, len);
	int ret = 0;

	memset(qe, 0, sizeof(*qe));
	if (!obj || !json_object_is_type(obj, json_type_object) ||
	    qe_identity_fields(obj, qe)) {
		twi_tdx_qe_identity_free(qe);
		ret = twi_fail(why, whylen, -EBADMSG,
			       "TDX QE identity: malformed or not a TD_QE v2 identity");
	}
	json_object_put(obj);
	return ret;
}

void twi_tdx_qe_identity_free(struct twi_tdx_qe_identity *qe)
{
	free(qe->levels);
	memset(qe, 0, sizeof(*qe));
}

/* ---- the cache directory ---- */

struct collateral {
	STACK_OF(X509) *signing;	/* TCB signing cert .. root */
	struct twi_tdx_tcbinfo ti;
	struct twi_tdx_qe_identity qe;
	time_t expiry;			/* earliest nextUpdate seen */
};

static int load(const char *dir, const char *name, uint8_t **buf,
		size_t *len, char *why, size_t whylen)
{
	char path[PATH_MAX];
	int ret;

	if ((size_t)snprintf(path, sizeof(path), "%s/tdx/%s", dir, name) >=
	    sizeof(path))
		return twi_fail(why, whylen, -ENAMETOOLONG,
				"TDX collateral: path too long");
	ret = twi_read_file(path, buf, len);
	if (ret)
		return twi_fail(why, whylen, ret == -ENOENT ? -ENOKEY : ret,
				"TDX collateral: cannot read %s: %s", path,
				strerror(-ret));
	return 0;
}

static void note_expiry(struct collateral *c, time_t t)
{
	if (!c->expiry || t < c->expiry)
		c->expiry = t;
}

static int window_check(const char *what, time_t from, time_t until,
			time_t at, char *why, size_t whylen)
{
	char t[32];

	if (at < from) {
		twi_format_time(from, t, sizeof(t));
		return twi_fail(why, whylen, -EKEYEXPIRED,
				"TDX collateral: %s not valid before %s", what, t);
	}
	if (at >= until) {
		twi_format_time(until, t, sizeof(t));
		return twi_fail(why, whylen, -EKEYEXPIRED,
				"TDX collateral: %s expired at %s", what, t);
	}
	return 0;
}

static int signing_chain_load(const char *dir, struct collateral *c,
			      time_t at, char *why, size_t whylen)
{
	uint8_t *pem;
	size_t len;
	int ret;

	ret = load(dir, "tcb-signing-chain.pem", &pem, &len, why, whylen);
	if (ret)
		return ret;
	c->signing = twi_tdx_pem_chain(pem, len);
	free(pem);
	if (!c->signing)
		return twi_fail(why, whylen, -EBADMSG,
				"TDX collateral: no certificate in tcb-signing-chain.pem");
	ret = twi_tdx_chain_verify(c->signing, "TCB signing", at, why, whylen);
	if (ret)
		return ret;
	/*
	 * Only Intel's TCB signing key vouches for collateral; a PCK key
	 * (held by a platform) chains to the same root and must not.
	 */
	if (sk_X509_num(c->signing) != 2 ||
	    !twi_tdx_cn_is(sk_X509_value(c->signing, 0), "Intel SGX TCB Signing"))
		return twi_fail(why, whylen, -EKEYREJECTED,
				"TDX collateral: tcb-signing-chain.pem is not the Intel SGX TCB Signing certificate and root");
	return 0;
}

/*
 * Read a PCS-style response { "<key>": {...}, "signature": "<hex r||s>" },
 * check the signature over the exact bytes of the <key> value and return
 * where that value lies in *doc.
 */
static int signed_doc_load(const char *dir, const char *name,
			   const char *key, const char *what,
			   struct collateral *c, uint8_t **doc, size_t *off,
			   size_t *vlen, char *why, size_t whylen)
{
	uint8_t sig[64];
	json_object *obj, *s;
	size_t len;
	int ret;

	*doc = NULL;
	ret = load(dir, name, doc, &len, why, whylen);
	if (ret)
		return ret;
	obj = parse_exact((const char *)*doc, len);
	s = obj ? member(obj, "signature", json_type_string) : NULL;
	if (!s || twi_hex_decode(json_object_get_string(s), sig, sizeof(sig)) ||
	    twi_tdx_json_member((const char *)*doc, len, key, off, vlen)) {
		json_object_put(obj);
		return twi_fail(why, whylen, -EBADMSG,
				"TDX collateral: %s is not a signed \"%s\" document",
				name, key);
	}
	json_object_put(obj);
	return twi_tdx_ecdsa_verify(X509_get0_pubkey(sk_X509_value(c->signing, 0)),
				    *doc + *off, *vlen, sig, why, whylen, what);
}

static int tcbinfo_load(const char *dir, const struct twi_tdx_pck_info *pck,
			struct collateral *c, time_t at, char *why,
			size_t whylen)
{
	char name[64], hex[13], found[13];
	size_t off, vlen;
	uint8_t *doc;
	int ret;

	twi_hex_encode(pck->fmspc, 6, hex);
	snprintf(name, sizeof(name), "tcbinfo-%s.json", hex);
	ret = signed_doc_load(dir, name, "tcbInfo", "TCB info signature", c,
			      &doc, &off, &vlen, why, whylen);
	if (!ret)
		ret = twi_tdx_tcbinfo_parse((const char *)doc + off, vlen,
					    &c->ti, why, whylen);
	free(doc);
	if (ret)
		return ret;

	if (memcmp(c->ti.fmspc, pck->fmspc, 6)) {
		twi_hex_encode(c->ti.fmspc, 6, found);
		return twi_fail(why, whylen, -ENOKEY,
				"TDX collateral: TCB info is for FMSPC %s, PCK certificate has %s",
				found, hex);
	}
	if (memcmp(c->ti.pceid, pck->pceid, 2))
		return twi_fail(why, whylen, -ENOKEY,
				"TDX collateral: TCB info PCE ID differs from the PCK certificate's");
	note_expiry(c, c->ti.next_update);
	return window_check("TCB info", c->ti.issue_date, c->ti.next_update,
			    at, why, whylen);
}

static int qe_identity_load(const char *dir, struct collateral *c, time_t at,
			    char *why, size_t whylen)
{
	size_t off, vlen;
	uint8_t *doc;
	int ret;

	ret = signed_doc_load(dir, "qe-identity.json", "enclaveIdentity",
			      "QE identity signature", c, &doc, &off, &vlen,
			      why, whylen);
	if (!ret)
		ret = twi_tdx_qe_identity_parse((const char *)doc + off, vlen,
						&c->qe, why, whylen);
	free(doc);
	if (ret)
		return ret;
	note_expiry(c, c->qe.next_update);
	return window_check("QE identity", c->qe.issue_date, c->qe.next_update,
			    at, why, whylen);
}

static int crl_window(const X509_CRL *crl, const char *name,
		      struct collateral *c, time_t at, char *why,
		      size_t whylen)
{
	const ASN1_TIME *next = X509_CRL_get0_nextUpdate(crl);
	struct tm tm;

	if (!next || !ASN1_TIME_to_tm(next, &tm))
		return twi_fail(why, whylen, -EBADMSG,
				"TDX collateral: %s has no nextUpdate", name);
	note_expiry(c, timegm(&tm));
	if (X509_cmp_time(X509_CRL_get0_lastUpdate(crl), &at) > 0)
		return twi_fail(why, whylen, -EKEYEXPIRED,
				"TDX collateral: %s not valid yet", name);
	if (X509_cmp_time(next, &at) <= 0)
		return twi_fail(why, whylen, -EKEYEXPIRED,
				"TDX collateral: %s expired", name);
	return 0;
}

static int revoked(X509_CRL *crl, X509 *cert)
{
	X509_REVOKED *entry;

	return X509_CRL_get0_by_serial(crl, &entry,
				       X509_get0_serialNumber(cert)) == 1;
}

/*
 * Load the CRL name issued by issuer and reject revoked certs[] (a NULL
 * terminated list of certificates issuer signed).
 */
static int crl_check(const char *dir, const char *name, X509 *issuer,
		     X509 *const *certs, struct collateral *c, time_t at,
		     char *why, size_t whylen)
{
	const unsigned char *p;
	X509_CRL *crl = NULL;
	uint8_t *der;
	size_t len;
	int ret;

	ret = load(dir, name, &der, &len, why, whylen);
	if (ret)
		return ret;
	p = der;
	if (len <= LONG_MAX)
		crl = d2i_X509_CRL(NULL, &p, (long)len);
	free(der);
	if (!crl)
		return twi_fail(why, whylen, -EBADMSG,
				"TDX collateral: %s is not a DER CRL", name);

	if (X509_NAME_cmp(X509_CRL_get_issuer(crl),
			  X509_get_subject_name(issuer)))
		ret = twi_fail(why, whylen, -ENOKEY,
			       "TDX collateral: %s is not issued by the expected CA",
			       name);
	else if (X509_CRL_verify(crl, X509_get0_pubkey(issuer)) != 1)
		ret = twi_fail(why, whylen, -EKEYREJECTED,
			       "TDX collateral: %s signature does not verify",
			       name);
	else
		ret = crl_window(crl, name, c, at, why, whylen);
	for (; !ret && *certs; certs++)
		if (revoked(crl, *certs))
			ret = twi_fail(why, whylen, -EKEYREVOKED,
				       "TDX collateral: certificate revoked by %s",
				       name);
	X509_CRL_free(crl);
	ERR_clear_error();
	return ret;
}

static int crls_check(const char *dir, STACK_OF(X509) *pck_chain,
		      struct collateral *c, time_t at, char *why,
		      size_t whylen)
{
	X509 *leaf = sk_X509_value(pck_chain, 0);
	X509 *ca = sk_X509_value(pck_chain, 1);
	X509 *root = sk_X509_value(pck_chain, 2);
	X509 *under_root[] = { ca, sk_X509_value(c->signing, 0), NULL };
	X509 *under_ca[] = { leaf, NULL };
	const char *pck_crl = "pck-platform-crl.der";
	char cn[128] = "";
	int ret;

	ret = crl_check(dir, "root-crl.der", root, under_root, c, at, why,
			whylen);
	if (ret)
		return ret;

	X509_NAME_get_text_by_NID(X509_get_subject_name(ca), NID_commonName,
				  cn, sizeof(cn));
	if (strstr(cn, "Processor"))
		pck_crl = "pck-processor-crl.der";
	return crl_check(dir, pck_crl, ca, under_ca, c, at, why, whylen);
}

/* Collateral checks and TCB evaluation for a quote that passed (a)-(d). */
int twi_tdx_collateral_check(const char *dir, const struct twi_tdx_quote *q,
			     STACK_OF(X509) *pck_chain,
			     const struct twi_tdx_pck_info *pck, time_t at,
			     struct twi_tdx_result *res, char *why,
			     size_t whylen)
{
	struct collateral c = { 0 };
	int ret;

	ret = signing_chain_load(dir, &c, at, why, whylen);
	if (ret)
		goto out_free;
	ret = crls_check(dir, pck_chain, &c, at, why, whylen);
	if (ret)
		goto out_free;
	ret = tcbinfo_load(dir, pck, &c, at, why, whylen);
	if (ret)
		goto out_free;
	ret = qe_identity_load(dir, &c, at, why, whylen);
	if (ret)
		goto out_free;

	ret = twi_tdx_tcb_evaluate(&c.ti, &c.qe, pck, q, res, why, whylen);
	res->collateral_expiry = c.expiry;

out_free:
	twi_tdx_qe_identity_free(&c.qe);
	twi_tdx_tcbinfo_free(&c.ti);
	sk_X509_pop_free(c.signing, X509_free);
	return ret;
}
