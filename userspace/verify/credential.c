// SPDX-License-Identifier: GPL-2.0
/*
 * twi credential verification: the credential array, the statement's
 * claims, and the binding of the evidence to the statement.
 *
 * The statement is decoded strictly: version 1, unsigned map keys in
 * ascending order, only the keys Documentation/credential.rst defines,
 * definite lengths (shortest heads are the CBOR decoder's own rule).
 * TODO: share the decoder with twid once userspace/verify/statement.[ch]
 * exists.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/sha.h>

#include "userspace/verify/cbor.h"
#include "userspace/verify/credential.h"
#include "userspace/verify/util.h"
#include "userspace/verify/verify.h"

enum {
	STMT_VERSION = 1,
	STMT_ID,
	STMT_ISSUED_AT,
	STMT_PUBLIC_KEY,
	STMT_IDENTIFIER,
	STMT_CLAIMS,
	STMT_LOG_DIGEST,
	STMT_LOG_EVENTS,
	STMT_KERNEL,
	STMT_NONCE,
	STMT_ATTEST,
	STMT_MAX = STMT_ATTEST,
	/* the keys a statement must have */
	STMT_REQUIRED = ((1u << (STMT_MAX + 1)) - 2) & ~(1u << STMT_NONCE),
};

enum {
	KF_CGROUP = 1,
	KF_CGROUP_ID,
	KF_RELEASE,
	KF_VERSION,
	KF_BINDING,
	KF_EXE,
	KF_MAX = KF_EXE,
	KF_REQUIRED = ((1u << KF_EXE) - 2),
};

enum { ID_LEN = 16, DIGEST_LEN = 32, NONCE_MAX = 64, TEXT_MAX = 4096 };

bool twi_credential_detect(const uint8_t *buf, size_t len)
{
	/* array(5), then the unsigned integer 1 */
	return len >= 2 && buf[0] == 0x85 && buf[1] == TWI_CREDENTIAL_VERSION;
}

/* Readers of one item each; all return 0 or -EBADMSG. */

static int definite(const struct twi_cbor_item *it, enum twi_cbor_major m)
{
	return it->major == m && !it->indefinite ? 0 : -EBADMSG;
}

static int read_uint(const struct twi_cbor_item *it, uint64_t *v)
{
	if (definite(it, TWI_CBOR_UINT) || it->arg > INT64_MAX)
		return -EBADMSG;
	*v = it->arg;
	return 0;
}

static int read_bytes(const struct twi_cbor_item *it, size_t min, size_t max)
{
	if (definite(it, TWI_CBOR_BYTES) || it->arg < min || it->arg > max)
		return -EBADMSG;
	return 0;
}

/* A text string without NUL, of 1..TEXT_MAX bytes, as a C string. */
static int read_text(const struct twi_cbor_item *it, char *out)
{
	if (definite(it, TWI_CBOR_TEXT) || !it->arg || it->arg > TEXT_MAX ||
	    memchr(it->data, 0, it->arg))
		return -EBADMSG;
	memcpy(out, it->data, it->arg);
	out[it->arg] = 0;
	return 0;
}

/* Claim setters into a JSON object. */

static void set_hex(json_object *o, const char *name, const uint8_t *p,
		    size_t n)
{
	char *hex = malloc(2 * n + 1);

	if (!hex)
		return;
	twi_hex_encode(p, n, hex);
	json_object_object_add(o, name, json_object_new_string(hex));
	free(hex);
}

static void set_str(json_object *o, const char *name, const char *s)
{
	json_object_object_add(o, name, json_object_new_string(s));
}

static void set_int(json_object *o, const char *name, uint64_t v)
{
	json_object_object_add(o, name, json_object_new_int64((int64_t)v));
}

/* Deterministic order of text keys: shorter first, then bytewise. */
static int text_key_after(const struct twi_cbor_item *prev,
			  const struct twi_cbor_item *k)
{
	if (!prev)
		return 1;
	if (k->arg != prev->arg)
		return k->arg > prev->arg;
	return memcmp(k->data, prev->data, k->arg) > 0;
}

/* Workload claims: { * tstr => tstr } as a JSON object of strings. */
static int workload_claims(const struct twi_cbor_item *map, json_object *out)
{
	struct twi_cbor_item k, val, prev;
	char key[TEXT_MAX + 1], *value;
	struct twi_cbor_iter it;
	json_object *claims;
	bool first = true;
	int ret;

	if (definite(map, TWI_CBOR_MAP) || twi_cbor_iter_init(&it, map))
		return -EBADMSG;
	value = malloc(TEXT_MAX + 1);
	claims = json_object_new_object();
	if (!value || !claims) {
		free(value);
		json_object_put(claims);
		return -ENOMEM;
	}
	while ((ret = twi_cbor_next(&it, &k)) == 1) {
		ret = -EBADMSG;
		if (twi_cbor_next(&it, &val) != 1 || read_text(&k, key) ||
		    read_text(&val, value) ||
		    !text_key_after(first ? NULL : &prev, &k))
			break;
		set_str(claims, key, value);
		prev = k;
		first = false;
	}
	free(value);
	if (ret) {
		json_object_put(claims);
		return -EBADMSG;
	}
	json_object_object_add(out, "claims", claims);
	return 0;
}

static int binding(const struct twi_cbor_item *it, json_object *out,
		   bool *exe)
{
	char s[TEXT_MAX + 1];

	if (read_text(it, s))
		return -EBADMSG;
	if (strcmp(s, "workload") && strcmp(s, "exe") && strcmp(s, "process"))
		return -EBADMSG;
	*exe = !strcmp(s, "exe");
	set_str(out, "binding", s);
	return 0;
}

static int kernel_fact(uint64_t key, const struct twi_cbor_item *it,
		       json_object *out, bool *exe)
{
	char s[TEXT_MAX + 1];
	uint64_t n;

	switch (key) {
	case KF_CGROUP:
		if (read_text(it, s) || s[0] != '/')
			return -EBADMSG;
		set_str(out, "cgroup", s);
		return 0;
	case KF_CGROUP_ID:
		if (read_uint(it, &n))
			return -EBADMSG;
		set_int(out, "cgroup_id", n);
		return 0;
	case KF_RELEASE:
	case KF_VERSION:
		if (read_text(it, s))
			return -EBADMSG;
		set_str(out, key == KF_RELEASE ? "kernel_release" :
						 "twi_version", s);
		return 0;
	case KF_BINDING:
		return binding(it, out, exe);
	default:	/* KF_EXE */
		if (read_bytes(it, DIGEST_LEN, DIGEST_LEN))
			return -EBADMSG;
		set_hex(out, "exe_sha256", it->data, it->arg);
		return 0;
	}
}

/*
 * Walk a map with unsigned keys 1..max in ascending order, calling fn for
 * each; returns the set of keys seen in *seen.
 */
typedef int (*field_fn)(uint64_t key, const struct twi_cbor_item *val,
			json_object *out, void *ctx);

static int walk_map(const struct twi_cbor_item *map, uint64_t max,
		    field_fn fn, json_object *out, void *ctx, unsigned int *seen)
{
	struct twi_cbor_item k, val;
	struct twi_cbor_iter it;
	uint64_t key, last = 0;
	int ret;

	*seen = 0;
	if (definite(map, TWI_CBOR_MAP) || twi_cbor_iter_init(&it, map))
		return -EBADMSG;
	while ((ret = twi_cbor_next(&it, &k)) == 1) {
		if (twi_cbor_next(&it, &val) != 1 || read_uint(&k, &key) ||
		    key <= last || key > max)
			return -EBADMSG;
		ret = fn(key, &val, out, ctx);
		if (ret)
			return ret;
		*seen |= 1u << key;
		last = key;
	}
	return ret ? -EBADMSG : 0;
}

static int fact_fn(uint64_t key, const struct twi_cbor_item *val,
		   json_object *out, void *ctx)
{
	return kernel_fact(key, val, out, ctx);
}

static int kernel_facts(const struct twi_cbor_item *map, json_object *out)
{
	unsigned int seen;
	bool exe = false;
	int ret;

	ret = walk_map(map, KF_MAX, fact_fn, out, &exe, &seen);
	if (ret)
		return ret;
	if ((seen & KF_REQUIRED) != KF_REQUIRED)
		return -EBADMSG;
	/* the executable's digest comes with bind=exe and only then */
	return exe == !!(seen & (1u << KF_EXE)) ? 0 : -EBADMSG;
}

static int stmt_field(uint64_t key, const struct twi_cbor_item *it,
		      json_object *out, void *ctx)
{
	char *s = ctx;
	uint64_t n;

	switch (key) {
	case STMT_VERSION:
		return read_uint(it, &n) || n != 1 ? -EBADMSG : 0;
	case STMT_ID:
		if (read_bytes(it, ID_LEN, ID_LEN))
			return -EBADMSG;
		set_hex(out, "credential_id", it->data, it->arg);
		return 0;
	case STMT_ISSUED_AT:
	case STMT_LOG_EVENTS:
		if (read_uint(it, &n))
			return -EBADMSG;
		set_int(out, key == STMT_ISSUED_AT ? "issued_at" : "log_events",
			n);
		return 0;
	case STMT_PUBLIC_KEY:
		if (read_bytes(it, 1, TEXT_MAX))
			return -EBADMSG;
		set_hex(out, "public_key", it->data, it->arg);
		return 0;
	case STMT_IDENTIFIER:
		if (read_text(it, s))
			return -EBADMSG;
		set_str(out, "identifier", s);
		return 0;
	case STMT_CLAIMS:
		return workload_claims(it, out);
	case STMT_LOG_DIGEST:
		if (read_bytes(it, DIGEST_LEN, DIGEST_LEN))
			return -EBADMSG;
		set_hex(out, "log_digest", it->data, it->arg);
		return 0;
	case STMT_KERNEL:
		return kernel_facts(it, out);
	case STMT_NONCE:
		if (read_bytes(it, 1, NONCE_MAX))
			return -EBADMSG;
		set_hex(out, "nonce", it->data, it->arg);
		return 0;
	default:	/* STMT_ATTEST */
		if (read_text(it, s) || (strcmp(s, "tee") && strcmp(s, "none")))
			return -EBADMSG;
		set_str(out, "attestation", s);
		return 0;
	}
}

int twi_statement_claims(const uint8_t *stmt, size_t len, json_object **out,
			 char *why, size_t whylen)
{
	struct twi_cbor_item map;
	unsigned int seen;
	char *s;
	int ret;

	*out = NULL;
	if (twi_cbor_decode(stmt, len, &map))
		return twi_fail(why, whylen, -EBADMSG,
				"the statement is not well-formed CBOR");
	s = malloc(TEXT_MAX + 1);
	*out = json_object_new_object();
	ret = -ENOMEM;
	if (!s || !*out)
		goto out_free;
	ret = walk_map(&map, STMT_MAX, stmt_field, *out, s, &seen);
	if (!ret && (seen & STMT_REQUIRED) != STMT_REQUIRED)
		ret = -EBADMSG;
	if (ret == -EBADMSG)
		twi_fail(why, whylen, ret,
			 "the statement is not a version 1 twi statement (Documentation/credential.rst)");
out_free:
	free(s);
	if (ret) {
		json_object_put(*out);
		*out = NULL;
	}
	return ret;
}

/* The five elements of a credential. */
struct credential {
	struct twi_cbor_item stmt, evidence, aux;
	char tee[8];
};

static int parse(const uint8_t *buf, size_t len, struct credential *c)
{
	struct twi_cbor_item arr, version, tee;
	struct twi_cbor_iter it;

	if (twi_cbor_decode(buf, len, &arr) || definite(&arr, TWI_CBOR_ARRAY) ||
	    arr.arg != 5 || twi_cbor_iter_init(&it, &arr))
		return -EBADMSG;
	if (twi_cbor_next(&it, &version) != 1 ||
	    twi_cbor_next(&it, &c->stmt) != 1 ||
	    twi_cbor_next(&it, &tee) != 1 ||
	    twi_cbor_next(&it, &c->evidence) != 1 ||
	    twi_cbor_next(&it, &c->aux) != 1)
		return -EBADMSG;
	if (definite(&version, TWI_CBOR_UINT) ||
	    version.arg != TWI_CREDENTIAL_VERSION ||
	    read_bytes(&c->stmt, 1, SIZE_MAX) ||
	    read_bytes(&c->evidence, 0, SIZE_MAX) ||
	    read_bytes(&c->aux, 0, SIZE_MAX) ||
	    definite(&tee, TWI_CBOR_TEXT) || tee.arg >= sizeof(c->tee))
		return -EBADMSG;
	memcpy(c->tee, tee.data, tee.arg);
	c->tee[tee.arg] = 0;
	return 0;
}

static enum twi_evidence_kind tee_kind(const char *tee)
{
	if (!strcmp(tee, "snp"))
		return TWI_EVIDENCE_SNP;
	if (!strcmp(tee, "tdx"))
		return TWI_EVIDENCE_TDX;
	if (!strcmp(tee, "cca"))
		return TWI_EVIDENCE_CCA;
	return TWI_EVIDENCE_UNKNOWN;
}

/* A verdict that refuses before any evidence was looked at. */
static int refuse(const struct twi_verify_opts *o, struct twi_verdict *v,
		  int err, const char *why)
{
	int ret = twi_verdict_init(v, o->at);

	if (ret)
		return ret;
	twi_verdict_add(v, twi_verdict_status_of(err), "%s", why);
	return err;
}

/* The statement's claims, then the caller's, for the policy. */
static json_object *merge_claims(json_object *stmt, json_object *extra)
{
	if (json_object_is_type(extra, json_type_object)) {
		json_object_object_foreach(extra, k, val) {
			if (!json_object_object_get_ex(stmt, k, NULL))
				json_object_object_add(stmt, k,
						       json_object_get(val));
		}
	}
	return stmt;
}

static int check_attest(const struct credential *c, json_object *claims,
			char *why, size_t whylen)
{
	json_object *a;
	const char *stmt_says;

	json_object_object_get_ex(claims, "attestation", &a);
	stmt_says = json_object_get_string(a);
	if (!strcmp(c->tee, "none") || !strcmp(stmt_says, "none"))
		return twi_fail(why, whylen, -EKEYREJECTED,
				"the credential is unattested (tee \"none\"): it proves nothing about its origin");
	if (tee_kind(c->tee) == TWI_EVIDENCE_UNKNOWN)
		return twi_fail(why, whylen, -EBADMSG,
				"unknown credential tee \"%s\"", c->tee);
	return 0;
}

int twi_verify_credential(const uint8_t *buf, size_t len,
			  const struct twi_verify_opts *o,
			  struct twi_verdict *v)
{
	uint8_t digest[TWI_CREDENTIAL_REPORT_DATA];
	struct twi_verify_opts oo = *o;
	struct twi_evidence_bind b;
	char why[TWI_WHY_MAX] = "";
	json_object *claims;
	struct credential c;
	int ret;

	if (parse(buf, len, &c))
		return refuse(o, v, -EBADMSG,
			      "malformed twi credential (a CBOR array [1, statement, tee, evidence, aux])");
	ret = twi_statement_claims(c.stmt.data, c.stmt.arg, &claims, why,
				   sizeof(why));
	if (ret)
		return refuse(o, v, ret, why);
	ret = check_attest(&c, claims, why, sizeof(why));
	if (ret) {
		json_object_put(claims);
		return refuse(o, v, ret, why);
	}
	SHA512(c.stmt.data, c.stmt.arg, digest);
	b = (struct twi_evidence_bind){
		.aux = c.aux.data, .aux_len = c.aux.arg,
		.report_data = digest, .kind = tee_kind(c.tee),
	};
	oo.extra_claims = merge_claims(claims, o->extra_claims);
	ret = twi_verify_bound(c.evidence.data, c.evidence.arg, &oo, &b, v);
	json_object_put(claims);
	return ret;
}
