// SPDX-License-Identifier: GPL-2.0
/*
 * Decoding twi statements and credential files, strictly: a statement is
 * hashed into TEE evidence, so only its one deterministic encoding is
 * accepted, and a verifier never has to wonder which bytes it judged.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>

#include "userspace/verify/cbor.h"
#include "userspace/verify/statement.h"

static const char *const tee_names[] = {
	[TWI_TEE_NONE] = "none",
	[TWI_TEE_SNP] = "snp",
	[TWI_TEE_TDX] = "tdx",
	[TWI_TEE_CCA] = "cca",
};

static const char *const binding_names[] = {
	[TWI_ST_BIND_WORKLOAD] = "workload",
	[TWI_ST_BIND_EXE] = "exe",
	[TWI_ST_BIND_PROCESS] = "process",
};

const char *twi_tee_name(uint32_t tee)
{
	return tee <= TWI_TEE_MAX ? tee_names[tee] : NULL;
}

int twi_tee_parse(const char *name, size_t len, uint32_t *tee)
{
	uint32_t i;

	for (i = 0; i <= TWI_TEE_MAX; i++) {
		if (strlen(tee_names[i]) == len && !memcmp(tee_names[i], name, len)) {
			*tee = i;
			return 0;
		}
	}
	return -EINVAL;
}

const char *twi_statement_binding_name(enum twi_statement_binding b)
{
	return b <= TWI_ST_BIND_PROCESS ? binding_names[b] : "unknown";
}

/* Item readers: each refuses the wrong type and indefinite lengths. */

static int get_uint(const struct twi_cbor_item *it, uint64_t *v)
{
	if (it->major != TWI_CBOR_UINT)
		return -EBADMSG;
	*v = it->arg;
	return 0;
}

static int get_bytes(const struct twi_cbor_item *it, const uint8_t **p,
		     size_t *len)
{
	if (it->major != TWI_CBOR_BYTES || it->indefinite)
		return -EBADMSG;
	*p = it->data;
	*len = it->arg;
	return 0;
}

static int get_fixed(const struct twi_cbor_item *it, uint8_t *out, size_t len)
{
	const uint8_t *p;
	size_t n;

	if (get_bytes(it, &p, &n) || n != len)
		return -EBADMSG;
	memcpy(out, p, len);
	return 0;
}

/* A text string as a C string of at most @max bytes, without NUL. */
static int get_text(const struct twi_cbor_item *it, char *out, size_t max)
{
	if (it->major != TWI_CBOR_TEXT || it->indefinite || it->arg > max ||
	    memchr(it->data, '\0', it->arg))
		return -EBADMSG;
	memcpy(out, it->data, it->arg);
	out[it->arg] = '\0';
	return 0;
}

static int get_word(const struct twi_cbor_item *it,
		    const char *const *words, size_t n, uint32_t *idx)
{
	uint32_t i;

	if (it->major != TWI_CBOR_TEXT || it->indefinite)
		return -EBADMSG;
	for (i = 0; i < n; i++) {
		if (strlen(words[i]) == it->arg &&
		    !memcmp(words[i], it->data, it->arg)) {
			*idx = i;
			return 0;
		}
	}
	return -EBADMSG;
}

static int map_begin(const struct twi_cbor_item *map, struct twi_cbor_iter *it)
{
	if (map->major != TWI_CBOR_MAP || map->indefinite)
		return -EBADMSG;
	return twi_cbor_iter_init(it, map);
}

/*
 * The next pair of a map with unsigned integer keys, which must ascend
 * strictly.  Returns 1 with a pair, 0 at the end, or -EBADMSG.
 */
static int next_int_pair(struct twi_cbor_iter *it, uint64_t *last,
			 uint64_t *key, struct twi_cbor_item *val)
{
	struct twi_cbor_item k;
	int ret;

	ret = twi_cbor_next(it, &k);
	if (ret <= 0)
		return ret;
	if (k.major != TWI_CBOR_UINT || (*last && k.arg <= *last) || !k.arg)
		return -EBADMSG;
	*last = k.arg;
	*key = k.arg;
	return twi_cbor_next(it, val) == 1 ? 1 : -EBADMSG;
}

/* Text keys in deterministic order: shorter first, then bytewise. */
static bool text_before(const struct twi_cbor_item *a,
			const struct twi_cbor_item *b)
{
	if (a->arg != b->arg)
		return a->arg < b->arg;
	return memcmp(a->data, b->data, a->arg) < 0;
}

static int decode_claims(const struct twi_cbor_item *map,
			 struct twi_statement *st)
{
	struct twi_cbor_item k, v, prev = { 0 };
	struct twi_cbor_iter it;
	int ret;

	ret = map_begin(map, &it);
	if (ret)
		return ret;
	if (map->arg > TWI_CLAIMS_MAX)
		return -EBADMSG;
	while ((ret = twi_cbor_next(&it, &k)) == 1) {
		struct twi_statement_claim *c = &st->claims[st->n_claims];

		if (twi_cbor_next(&it, &v) != 1 ||
		    get_text(&k, c->key, TWI_CLAIM_KEY_MAX) || !k.arg ||
		    get_text(&v, c->value, TWI_CLAIM_VALUE_MAX) ||
		    (st->n_claims && !text_before(&prev, &k)))
			return -EBADMSG;
		prev = k;
		st->n_claims++;
	}
	return ret;
}

static int kernel_fact(uint64_t key, const struct twi_cbor_item *v,
		       struct twi_statement *st)
{
	uint32_t bind;
	int ret;

	switch (key) {
	case TWI_STK_CGROUP:
		return get_text(v, st->kernel.cgroup, TWI_STATEMENT_CGROUP_MAX);
	case TWI_STK_CGROUP_ID:
		return get_uint(v, &st->kernel.cgroup_id);
	case TWI_STK_RELEASE:
		return get_text(v, st->kernel.release,
				TWI_STATEMENT_RELEASE_MAX);
	case TWI_STK_MODULE_VERSION:
		return get_text(v, st->kernel.module_version,
				TWI_STATEMENT_MODVER_MAX);
	case TWI_STK_BINDING:
		ret = get_word(v, binding_names, 3, &bind);
		st->kernel.binding = bind;
		return ret;
	case TWI_STK_EXE_DIGEST:
		st->kernel.has_exe_digest = true;
		return get_fixed(v, st->kernel.exe_digest, 32);
	default:
		return -EBADMSG;
	}
}

static int decode_kernel(const struct twi_cbor_item *map,
			 struct twi_statement *st)
{
	const uint32_t required = 0x3e;	/* keys 1 to 5 */
	struct twi_cbor_item v;
	struct twi_cbor_iter it;
	uint64_t last = 0, key;
	uint32_t seen = 0;
	int ret;

	ret = map_begin(map, &it);
	while (!ret && (ret = next_int_pair(&it, &last, &key, &v)) == 1) {
		ret = kernel_fact(key, &v, st);
		if (!ret)
			seen |= 1U << key;
	}
	if (ret)
		return ret;
	if ((seen & required) != required)
		return -EBADMSG;
	/* the executable's digest comes with bind=exe, and only with it */
	if (st->kernel.has_exe_digest != (st->kernel.binding == TWI_ST_BIND_EXE))
		return -EBADMSG;
	return 0;
}

static int statement_field(uint64_t key, const struct twi_cbor_item *v,
			   struct twi_statement *st)
{
	static const char *const attest[] = { "none", "tee" };
	const uint8_t *p;
	uint32_t word;
	int ret;

	switch (key) {
	case TWI_ST_VERSION:
		ret = get_uint(v, &st->version);
		if (!ret && st->version != TWI_STATEMENT_VERSION)
			return -EPROTONOSUPPORT;
		return ret;
	case TWI_ST_CREDENTIAL_ID:
		return get_fixed(v, st->credential_id, TWI_CREDENTIAL_ID_LEN);
	case TWI_ST_ISSUED_AT:
		return get_uint(v, &st->issued_at);
	case TWI_ST_PUBLIC_KEY:
		ret = get_bytes(v, &st->public_key, &st->public_key_len);
		return ret ? ret : (st->public_key_len ? 0 : -EBADMSG);
	case TWI_ST_IDENTIFIER:
		ret = get_text(v, st->identifier, TWI_IDENTIFIER_MAX);
		return ret ? ret : (v->arg ? 0 : -EBADMSG);
	case TWI_ST_CLAIMS:
		return decode_claims(v, st);
	case TWI_ST_LOG_DIGEST:
		return get_fixed(v, st->log_digest, TWI_DIGEST_LEN);
	case TWI_ST_EVENTS:
		return get_uint(v, &st->events);
	case TWI_ST_KERNEL:
		return decode_kernel(v, st);
	case TWI_ST_NONCE:
		if (get_bytes(v, &p, &st->nonce_len) || !st->nonce_len ||
		    st->nonce_len > TWI_NONCE_MAX)
			return -EBADMSG;
		memcpy(st->nonce, p, st->nonce_len);
		st->has_nonce = true;
		return 0;
	case TWI_ST_ATTESTATION:
		ret = get_word(v, attest, 2, &word);
		st->attested = word == 1;
		return ret;
	default:
		return -EBADMSG;
	}
}

int twi_statement_decode(const uint8_t *buf, size_t len,
			 struct twi_statement *st)
{
	const uint32_t required = 0xffe & ~(1U << TWI_ST_NONCE);
	struct twi_cbor_item top, v;
	struct twi_cbor_iter it;
	uint64_t last = 0, key;
	uint32_t seen = 0;
	int ret;

	memset(st, 0, sizeof(*st));
	ret = twi_cbor_decode(buf, len, &top);
	if (ret)
		return -EBADMSG;
	ret = map_begin(&top, &it);
	while (!ret && (ret = next_int_pair(&it, &last, &key, &v)) == 1) {
		ret = statement_field(key, &v, st);
		if (!ret)
			seen |= 1U << key;
	}
	if (ret)
		return ret;
	return (seen & required) == required ? 0 : -EBADMSG;
}

/* JSON */

static struct json_object *hex_json(const uint8_t *b, size_t len)
{
	static const char digits[] = "0123456789abcdef";
	struct json_object *o;
	char *s;
	size_t i;

	s = malloc(2 * len + 1);
	if (!s)
		return NULL;
	for (i = 0; i < len; i++) {
		s[2 * i] = digits[b[i] >> 4];
		s[2 * i + 1] = digits[b[i] & 15];
	}
	s[2 * len] = '\0';
	o = json_object_new_string(s);
	free(s);
	return o;
}

/* Add @val to @obj under @key; false (and @val put) on failure. */
static bool add(struct json_object *obj, const char *key,
		struct json_object *val)
{
	if (!val)
		return false;
	if (json_object_object_add(obj, key, val)) {
		json_object_put(val);
		return false;
	}
	return true;
}

static struct json_object *kernel_json(const struct twi_statement *st)
{
	struct json_object *k = json_object_new_object();
	bool ok;

	if (!k)
		return NULL;
	ok = add(k, "cgroup", json_object_new_string(st->kernel.cgroup)) &&
	     add(k, "cgroup_id", json_object_new_uint64(st->kernel.cgroup_id)) &&
	     add(k, "release", json_object_new_string(st->kernel.release)) &&
	     add(k, "module_version",
		 json_object_new_string(st->kernel.module_version)) &&
	     add(k, "binding", json_object_new_string(
			twi_statement_binding_name(st->kernel.binding)));
	if (ok && st->kernel.has_exe_digest)
		ok = add(k, "exe_digest", hex_json(st->kernel.exe_digest, 32));
	if (!ok) {
		json_object_put(k);
		return NULL;
	}
	return k;
}

static struct json_object *claims_json(const struct twi_statement *st)
{
	struct json_object *c = json_object_new_object();
	uint32_t i;

	for (i = 0; c && i < st->n_claims; i++) {
		if (!add(c, st->claims[i].key,
			 json_object_new_string(st->claims[i].value))) {
			json_object_put(c);
			return NULL;
		}
	}
	return c;
}

struct json_object *twi_statement_json(const struct twi_statement *st)
{
	struct json_object *o = json_object_new_object();
	bool ok;

	if (!o)
		return NULL;
	ok = add(o, "version", json_object_new_uint64(st->version)) &&
	     add(o, "identifier", json_object_new_string(st->identifier)) &&
	     add(o, "claims", claims_json(st)) &&
	     add(o, "issued_at", json_object_new_uint64(st->issued_at)) &&
	     add(o, "credential_id",
		 hex_json(st->credential_id, TWI_CREDENTIAL_ID_LEN)) &&
	     add(o, "public_key", hex_json(st->public_key,
					   st->public_key_len)) &&
	     add(o, "log_digest", hex_json(st->log_digest, TWI_DIGEST_LEN)) &&
	     add(o, "events", json_object_new_uint64(st->events)) &&
	     add(o, "kernel", kernel_json(st));
	if (ok && st->has_nonce)
		ok = add(o, "nonce", hex_json(st->nonce, st->nonce_len));
	if (ok)
		ok = add(o, "attestation",
			 json_object_new_string(st->attested ? "tee" : "none"));
	if (!ok) {
		json_object_put(o);
		return NULL;
	}
	return o;
}

/* Credential files */

static int next_item(struct twi_cbor_iter *it, struct twi_cbor_item *item)
{
	return twi_cbor_next(it, item) == 1 ? 0 : -EBADMSG;
}

int twi_credential_decode(const uint8_t *buf, size_t len,
			  struct twi_credential *cred)
{
	struct twi_cbor_item top, ver, st, tee, ev, aux;
	struct twi_cbor_iter it;

	memset(cred, 0, sizeof(*cred));
	if (twi_cbor_decode(buf, len, &top) || top.major != TWI_CBOR_ARRAY ||
	    top.indefinite || top.arg != 5 || twi_cbor_iter_init(&it, &top))
		return -EBADMSG;
	if (next_item(&it, &ver) || next_item(&it, &st) ||
	    next_item(&it, &tee) || next_item(&it, &ev) ||
	    next_item(&it, &aux))
		return -EBADMSG;
	if (ver.major != TWI_CBOR_UINT)
		return -EBADMSG;
	if (ver.arg != TWI_CREDENTIAL_VERSION)
		return -EPROTONOSUPPORT;
	if (get_bytes(&st, &cred->statement, &cred->statement_len) ||
	    get_word(&tee, tee_names, TWI_TEE_MAX + 1, &cred->tee) ||
	    get_bytes(&ev, &cred->evidence, &cred->evidence_len) ||
	    get_bytes(&aux, &cred->aux, &cred->aux_len))
		return -EBADMSG;
	return twi_credential_check(cred);
}

int twi_credential_check(const struct twi_credential *cred)
{
	if (!cred->statement_len || cred->tee > TWI_TEE_MAX ||
	    cred->evidence_len > TWI_EVIDENCE_MAX ||
	    cred->aux_len > TWI_AUX_MAX)
		return -EBADMSG;
	if ((cred->tee == TWI_TEE_NONE) != !cred->evidence_len)
		return -EBADMSG;
	if (cred->tee == TWI_TEE_NONE && cred->aux_len)
		return -EBADMSG;
	return 0;
}

static uint8_t *put_bytes(uint8_t *p, enum twi_cbor_major major,
			  const void *data, size_t len)
{
	p += twi_cbor_put_head(p, major, len);
	if (len)
		memcpy(p, data, len);
	return p + len;
}

int twi_credential_encode(const struct twi_credential *cred, uint8_t **out,
			  size_t *len)
{
	const char *tee = twi_tee_name(cred->tee);
	uint8_t *buf, *p;
	size_t cap;
	int ret;

	ret = twi_credential_check(cred);
	if (ret)
		return ret;
	/* five heads of at most 9 bytes, the array head, the contents */
	cap = 6 * 9 + cred->statement_len + strlen(tee) + cred->evidence_len +
	      cred->aux_len;
	buf = malloc(cap);
	if (!buf)
		return -ENOMEM;
	p = buf + twi_cbor_put_head(buf, TWI_CBOR_ARRAY, 5);
	p += twi_cbor_put_head(p, TWI_CBOR_UINT, TWI_CREDENTIAL_VERSION);
	p = put_bytes(p, TWI_CBOR_BYTES, cred->statement, cred->statement_len);
	p = put_bytes(p, TWI_CBOR_TEXT, tee, strlen(tee));
	p = put_bytes(p, TWI_CBOR_BYTES, cred->evidence, cred->evidence_len);
	p = put_bytes(p, TWI_CBOR_BYTES, cred->aux, cred->aux_len);
	*out = buf;
	*len = (size_t)(p - buf);
	return 0;
}
