// SPDX-License-Identifier: GPL-2.0
/*
 * Finding report_data in TEE evidence, and nothing more: the kernel only
 * checks that the evidence it attaches to a key is over that key's
 * statement.  Signatures and certificate chains are the verifier's job.
 *
 * - SEV-SNP: ATTESTATION_REPORT, 1184 bytes, REPORT_DATA at 0x50.
 * - TDX: quote v4 (48-byte header, TD 1.0 body) or v5 (header, then body
 *   type and size, TD 1.0 or 1.5 body); REPORTDATA at 520 in the body;
 *   the signature data that follows must be all there.
 * - CCA: tag 399 { 44241: realm token }, the realm token a COSE_Sign1
 *   whose payload map has the challenge (key 10, 64 bytes).
 */
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/types.h>

#include "credential.h"

enum {
	SNP_REPORT_SIZE = 0x4a0,
	SNP_REPORT_DATA = 0x50,
	TDX_HEADER_SIZE = 48,
	TDX_BODY10_SIZE = 584,
	TDX_BODY15_SIZE = 648,
	TDX_REPORT_DATA = 520,
	TDX_TEE_TYPE = 0x81,
	CCA_TAG_TOKEN = 399,
	CCA_TAG_COSE_SIGN1 = 18,
	CCA_REALM = 44241,
	CCA_CHALLENGE = 10,
	CBOR_MAX_DEPTH = 8,
};

static u32 le16(const u8 *p)
{
	return p[0] | p[1] << 8;
}

static u32 le32(const u8 *p)
{
	return p[0] | p[1] << 8 | p[2] << 16 | (u32)p[3] << 24;
}

static const u8 *snp_report_data(const u8 *r, size_t len)
{
	u32 version;

	if (len != SNP_REPORT_SIZE)
		return NULL;
	version = le32(r);
	if (version < 2)
		return NULL;
	return r + SNP_REPORT_DATA;
}

static const u8 *tdx_report_data(const u8 *q, size_t len)
{
	size_t body = TDX_HEADER_SIZE, size = TDX_BODY10_SIZE;
	u32 version;

	if (len < TDX_HEADER_SIZE)
		return NULL;
	version = le16(q);
	if (le32(q + 4) != TDX_TEE_TYPE)
		return NULL;
	if (version == 5) {
		u32 type;

		if (len < TDX_HEADER_SIZE + 6)
			return NULL;
		type = le16(q + TDX_HEADER_SIZE);
		size = le32(q + TDX_HEADER_SIZE + 2);
		if (!(type == 2 && size == TDX_BODY10_SIZE) &&
		    !(type == 3 && size == TDX_BODY15_SIZE))
			return NULL;
		body += 6;
	} else if (version != 4) {
		return NULL;
	}
	/* the body, then the signature data, all of it */
	if (len < body + size + 4 ||
	    len - (body + size + 4) < le32(q + body + size))
		return NULL;
	return q + body + TDX_REPORT_DATA;
}

/* A strict, minimal CBOR reader: definite lengths only. */
struct cbor {
	const u8 *p;
	size_t left;
};

/* Reads one head; returns the major type, or -1 on error. */
static int cbor_head(struct cbor *c, u64 *val)
{
	u8 ib, ai;
	size_t n, i;

	if (!c->left)
		return -1;
	ib = *c->p++;
	c->left--;
	ai = ib & 0x1f;
	if (ai < 24) {
		*val = ai;
		return ib >> 5;
	}
	if (ai > 27)
		return -1;
	n = 1 << (ai - 24);
	if (c->left < n)
		return -1;
	*val = 0;
	for (i = 0; i < n; i++)
		*val = *val << 8 | c->p[i];
	c->p += n;
	c->left -= n;
	return ib >> 5;
}

static int cbor_skip(struct cbor *c, int depth)
{
	u64 val, i, items;
	int major;

	if (depth > CBOR_MAX_DEPTH)
		return -1;
	major = cbor_head(c, &val);
	switch (major) {
	case 0: case 1: case 7:
		return 0;
	case 2: case 3:
		if (val > c->left)
			return -1;
		c->p += val;
		c->left -= val;
		return 0;
	case 4: case 5:
		if (val > c->left)	/* each item takes at least a byte */
			return -1;
		items = major == 5 ? 2 * val : val;
		for (i = 0; i < items; i++)
			if (cbor_skip(c, depth + 1))
				return -1;
		return 0;
	case 6:
		return cbor_skip(c, depth + 1);
	default:
		return -1;
	}
}

/* Reads a byte string's head; @c then covers its contents only. */
static int cbor_bytes(struct cbor *c, struct cbor *inner)
{
	u64 len;

	if (cbor_head(c, &len) != 2 || len > c->left)
		return -1;
	inner->p = c->p;
	inner->left = len;
	c->p += len;
	c->left -= len;
	return 0;
}

/* In a map with unsigned keys, find the value of @key. */
static int cbor_map_find(struct cbor *c, u64 key, struct cbor *value)
{
	u64 n, i, k;

	if (cbor_head(c, &n) != 5 || n > c->left)
		return -1;
	for (i = 0; i < n; i++) {
		if (cbor_head(c, &k) != 0)
			return -1;
		if (k == key) {
			*value = *c;
			return 0;
		}
		if (cbor_skip(c, 1))
			return -1;
	}
	return -1;
}

static const u8 *cca_report_data(const u8 *t, size_t len)
{
	struct cbor c = { .p = t, .left = len }, token, payload, ch;
	u64 v;
	int i;

	if (cbor_head(&c, &v) != 6 || v != CCA_TAG_TOKEN)
		return NULL;
	if (cbor_map_find(&c, CCA_REALM, &c) || cbor_bytes(&c, &token))
		return NULL;
	/* COSE_Sign1 = #6.18([protected, unprotected, payload, signature]) */
	if (cbor_head(&token, &v) != 6 || v != CCA_TAG_COSE_SIGN1)
		return NULL;
	if (cbor_head(&token, &v) != 4 || v != 4)
		return NULL;
	for (i = 0; i < 2; i++)
		if (cbor_skip(&token, 1))
			return NULL;
	if (cbor_bytes(&token, &payload))
		return NULL;
	if (cbor_map_find(&payload, CCA_CHALLENGE, &payload) ||
	    cbor_bytes(&payload, &ch) || ch.left != TWI_REPORT_DATA_LEN)
		return NULL;
	return ch.p;
}

/**
 * twi_evidence_check() - whether evidence carries report_data
 * @tee: enum twi_tee
 * @report: the report, quote or token
 * @len: its length
 * @report_data: TWI_REPORT_DATA_LEN bytes expected in it
 *
 * Return: 0 if it does, -EBADMSG if it does not or cannot be parsed.
 */
int twi_evidence_check(u32 tee, const u8 *report, size_t len,
		       const u8 *report_data)
{
	const u8 *rd = NULL;

	switch (tee) {
	case TWI_TEE_SNP:
		rd = snp_report_data(report, len);
		break;
	case TWI_TEE_TDX:
		rd = tdx_report_data(report, len);
		break;
	case TWI_TEE_CCA:
		rd = cca_report_data(report, len);
		break;
	}
	if (!rd || memcmp(rd, report_data, TWI_REPORT_DATA_LEN))
		return -EBADMSG;
	return 0;
}
