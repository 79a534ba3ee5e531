// SPDX-License-Identifier: GPL-2.0
/*
 * The statement about a key, in deterministic CBOR (RFC 8949, section
 * 4.2.1), and the credential that binds TEE evidence to it through
 * report_data = SHA-512(statement).  Documentation/credential.rst has the
 * CDDL; the encoder below follows it key by key.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/cgroup.h>
#include <linux/ktime.h>
#include <linux/log2.h>
#include <linux/random.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/utsname.h>

#include "twi.h"
#include "bind.h"
#include "credential.h"
#include "crypto/twi_ecdsa.h"

#define TWI_STATEMENT_VERSION	1
#define TWI_CREDENTIAL_ID_LEN	16

enum cbor_major {
	CBOR_UINT = 0,
	CBOR_BYTES = 2,
	CBOR_TEXT = 3,
	CBOR_MAP = 5,
};

/* Statement map keys, ascending as deterministic CBOR wants them. */
enum {
	ST_VERSION = 1,
	ST_CREDENTIAL_ID,
	ST_ISSUED_AT,
	ST_PUBLIC_KEY,
	ST_IDENTIFIER,
	ST_CLAIMS,
	ST_LOG_DIGEST,
	ST_LOG_EVENTS,
	ST_KERNEL,
	ST_NONCE,
	ST_ATTESTATION,
};

enum {
	KF_CGROUP_PATH = 1,
	KF_CGROUP_ID,
	KF_RELEASE,
	KF_MODULE_VERSION,
	KF_BINDING,
	KF_EXE_DIGEST,
};

/*
 * A CBOR writer that only counts when @buf is NULL, so the statement is
 * encoded twice: once to size the buffer, once to fill it.
 */
struct cbor_out {
	u8 *buf;
	size_t len;
	size_t cap;
};

static void put_raw(struct cbor_out *o, const void *p, size_t n)
{
	if (o->buf && o->len + n <= o->cap)
		memcpy(o->buf + o->len, p, n);
	o->len += n;
}

static void put_head(struct cbor_out *o, u8 major, u64 val)
{
	u8 h[9];
	size_t n, i;

	if (val < 24) {
		h[0] = major << 5 | val;
		put_raw(o, h, 1);
		return;
	}
	if (val <= U8_MAX)
		n = 1;
	else if (val <= U16_MAX)
		n = 2;
	else if (val <= U32_MAX)
		n = 4;
	else
		n = 8;
	/* additional information 24..27 says 1, 2, 4 or 8 bytes follow */
	h[0] = major << 5 | (24 + ilog2(n));
	for (i = 0; i < n; i++)
		h[1 + i] = val >> (8 * (n - 1 - i));
	put_raw(o, h, 1 + n);
}

static void put_bytes(struct cbor_out *o, const u8 *p, size_t n)
{
	put_head(o, CBOR_BYTES, n);
	put_raw(o, p, n);
}

static void put_text(struct cbor_out *o, const char *s)
{
	size_t n = strlen(s);

	put_head(o, CBOR_TEXT, n);
	put_raw(o, s, n);
}

/* Everything a statement says, gathered once so both passes agree. */
struct statement {
	const struct twi_claim_src *src;
	const struct twi_workload *w;
	u8 id[TWI_CREDENTIAL_ID_LEN];
	u64 issued_at;
	u8 log_digest[TWI_DIGEST_LEN];
	u32 n_events;
	char *cgroup_path;
	u8 claim_order[TWI_CLAIMS_MAX];
};

/* Deterministic order of text keys: shorter first, then bytewise. */
static bool claim_before(const struct twi_claim *a, const struct twi_claim *b)
{
	size_t la = strlen(a->key), lb = strlen(b->key);

	if (la != lb)
		return la < lb;
	return memcmp(a->key, b->key, la) < 0;
}

static void sort_claims(struct statement *st)
{
	const struct twi_claim *c = st->w->claims;
	u32 i, j;

	for (i = 0; i < st->w->n_claims; i++) {
		u8 cur = i;

		for (j = i; j > 0 && claim_before(&c[cur],
						  &c[st->claim_order[j - 1]]); j--)
			st->claim_order[j] = st->claim_order[j - 1];
		st->claim_order[j] = cur;
	}
}

static void encode(struct cbor_out *o, const struct statement *st)
{
	const struct twi_claim_src *src = st->src;
	const struct twi_binding *b = src->bind;
	const struct twi_workload *w = st->w;
	bool exe = b->mode == TWI_BIND_EXE;
	u32 i;

	put_head(o, CBOR_MAP, 10 + !!src->nonce);

	put_head(o, CBOR_UINT, ST_VERSION);
	put_head(o, CBOR_UINT, TWI_STATEMENT_VERSION);
	put_head(o, CBOR_UINT, ST_CREDENTIAL_ID);
	put_bytes(o, st->id, sizeof(st->id));
	put_head(o, CBOR_UINT, ST_ISSUED_AT);
	put_head(o, CBOR_UINT, st->issued_at);
	put_head(o, CBOR_UINT, ST_PUBLIC_KEY);
	put_bytes(o, src->spki, src->spki_len);
	put_head(o, CBOR_UINT, ST_IDENTIFIER);
	put_text(o, w->identifier);

	put_head(o, CBOR_UINT, ST_CLAIMS);
	put_head(o, CBOR_MAP, w->n_claims);
	for (i = 0; i < w->n_claims; i++) {
		const struct twi_claim *c = &w->claims[st->claim_order[i]];

		put_text(o, c->key);
		put_text(o, c->value);
	}

	put_head(o, CBOR_UINT, ST_LOG_DIGEST);
	put_bytes(o, st->log_digest, sizeof(st->log_digest));
	put_head(o, CBOR_UINT, ST_LOG_EVENTS);
	put_head(o, CBOR_UINT, st->n_events);

	put_head(o, CBOR_UINT, ST_KERNEL);
	put_head(o, CBOR_MAP, 5 + exe);
	put_head(o, CBOR_UINT, KF_CGROUP_PATH);
	put_text(o, st->cgroup_path);
	put_head(o, CBOR_UINT, KF_CGROUP_ID);
	put_head(o, CBOR_UINT, w->cgroup_id);
	put_head(o, CBOR_UINT, KF_RELEASE);
	put_text(o, init_utsname()->release);
	put_head(o, CBOR_UINT, KF_MODULE_VERSION);
	put_text(o, TWI_VERSION);
	put_head(o, CBOR_UINT, KF_BINDING);
	put_text(o, twi_bind_name(b->mode));
	if (exe) {
		put_head(o, CBOR_UINT, KF_EXE_DIGEST);
		put_bytes(o, b->exe_digest, sizeof(b->exe_digest));
	}

	if (src->nonce) {
		put_head(o, CBOR_UINT, ST_NONCE);
		put_bytes(o, src->nonce, src->nonce_len);
	}
	put_head(o, CBOR_UINT, ST_ATTESTATION);
	put_text(o, src->attest ? "tee" : "none");
}

/**
 * twi_statement_build() - encode a new statement about a key
 * @src: the key's public key and binding, the nonce, whether attested
 * @out: set to the statement, kmalloc'ed
 * @len: set to its length
 *
 * Each statement gets a new random credential id and the current time.
 *
 * Context: process context, may sleep.
 * Return: 0, -EINVAL for a nonce of a bad length, -ENAMETOOLONG if the
 * cgroup path does not fit PATH_MAX, -ENOMEM.
 */
int twi_statement_build(const struct twi_claim_src *src, u8 **out,
			size_t *len)
{
	struct twi_workload *w = src->bind->w;
	struct statement st = { .src = src, .w = w };
	struct cbor_out o = { };
	time64_t now;
	int ret;

	if (src->nonce && (!src->nonce_len || src->nonce_len > TWI_NONCE_MAX))
		return -EINVAL;

	st.cgroup_path = kmalloc(PATH_MAX, GFP_KERNEL);
	if (!st.cgroup_path)
		return -ENOMEM;
	/* from the root of the hierarchy, whoever asks */
	ret = cgroup_path(w->cgrp, st.cgroup_path, PATH_MAX);
	if (ret < 0)
		goto out;
	if (ret >= PATH_MAX) {
		ret = -ENAMETOOLONG;
		goto out;
	}

	get_random_bytes(st.id, sizeof(st.id));
	now = ktime_get_real_seconds();
	st.issued_at = now > 0 ? now : 0;
	mutex_lock(&w->lock);
	memcpy(st.log_digest, w->log_digest, sizeof(st.log_digest));
	st.n_events = w->n_events;
	mutex_unlock(&w->lock);
	sort_claims(&st);

	encode(&o, &st);
	o.cap = o.len;
	o.len = 0;
	o.buf = kmalloc(o.cap, GFP_KERNEL);
	if (!o.buf) {
		ret = -ENOMEM;
		goto out;
	}
	encode(&o, &st);
	if (WARN_ON_ONCE(o.len != o.cap)) {
		kfree(o.buf);
		ret = -EIO;
		goto out;
	}
	*out = o.buf;
	*len = o.len;
	ret = 0;
out:
	kfree(st.cgroup_path);
	return ret;
}

/**
 * twi_credential_attest() - get evidence over a credential's statement
 * @cred: a credential with its statement and no evidence yet
 *
 * Asks the evidence provider for a report whose report_data is the
 * SHA-512 of the statement, and waits for its checked answer.
 *
 * Context: process context, sleeps up to the evidence timeout.
 * Return: 0, or an error of twi_evidence_get(): -ENODEV, -ETIMEDOUT,
 * -ECONNRESET, -EIO, -EBADMSG, -EINTR, -ENOMEM.
 */
int twi_credential_attest(struct twi_credential *cred)
{
	u8 report_data[TWI_REPORT_DATA_LEN];

	twi_sha512(cred->statement, cred->statement_len, report_data);
	return twi_evidence_get(report_data, &cred->ev);
}

/**
 * twi_credential_issue() - a new statement and, if asked, evidence over it
 * @src: what the statement is made of; @src->attest asks for evidence
 * @cred: filled in; free it with twi_credential_free() on success
 *
 * Context: process context, sleeps up to the evidence timeout.
 * Return: 0, or an error of twi_statement_build() or
 * twi_credential_attest().
 */
int twi_credential_issue(const struct twi_claim_src *src,
			 struct twi_credential *cred)
{
	int ret;

	memset(cred, 0, sizeof(*cred));
	ret = twi_statement_build(src, &cred->statement, &cred->statement_len);
	if (!ret && src->attest)
		ret = twi_credential_attest(cred);
	if (ret)
		twi_credential_free(cred);
	return ret;
}

void twi_credential_free(struct twi_credential *cred)
{
	kfree(cred->statement);
	twi_evidence_free(&cred->ev);
	memset(cred, 0, sizeof(*cred));
}
