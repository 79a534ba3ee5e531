// SPDX-License-Identifier: GPL-2.0
/*
 * The kernel's report_data check (kmod/report.c, built unchanged through
 * selftests/host/kshim/) on real SEV-SNP reports, TDX quotes and CCA
 * tokens.  The expected report_data comes from the userspace verifier's
 * parsers, a separate code base, and for one quote from the nonce file
 * published with it.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <linux/twi.h>

#include "kselftest_harness.h"

#include "selftests/host/kshim/kshim.h"
#include "userspace/verify/cbor.h"
#include "userspace/verify/cca.h"
#include "userspace/verify/snp.h"
#include "userspace/verify/tdx.h"
#include "userspace/verify/util.h"

/* REPORTDATA in the TD quote body (Intel TDX DCAP quote, TD quote body). */
#define TDX_BODY_REPORTDATA	520
/* TEE_TYPE, a u32 at offset 4 of the quote header; 0x81 is TDX. */
#define TDX_HDR_TEE_TYPE	4
/* The v5 body descriptor: u16 type and u32 size after the header. */
#define TDX_V5_DESC		TWI_TDX_HEADER_SIZE

static const char *tv_dir(void)
{
	const char *dir = getenv("TWI_TESTVECTORS");

	return dir && *dir ? dir : "../shared/testvectors";
}

static bool tv_present(void)
{
	struct stat st;

	return !stat(tv_dir(), &st) && S_ISDIR(st.st_mode);
}

static int tv_read(const char *rel, uint8_t **buf, size_t *len)
{
	char path[PATH_MAX];

	snprintf(path, sizeof(path), "%s/%s", tv_dir(), rel);
	return twi_read_file(path, buf, len);
}

static void put_le16(uint8_t *p, uint16_t v)
{
	p[0] = v;
	p[1] = v >> 8;
}

static void put_le32(uint8_t *p, uint32_t v)
{
	put_le16(p, v);
	put_le16(p + 2, v >> 16);
}

/*
 * What the verifier's parser says about the evidence: its report_data and
 * the shortest prefix the kernel must refuse anything below (for TDX the
 * whole signature data, as long as its length field says).
 */
static int user_parse(uint32_t tee, const uint8_t *buf, size_t len,
		      uint8_t *rd, size_t *min_len)
{
	struct twi_cca_claims *claims;
	char why[TWI_WHY_MAX] = "";
	struct twi_snp_report snp;
	struct twi_tdx_quote q;
	int ret = -EINVAL;

	switch (tee) {
	case TWI_TEE_SNP:
		ret = twi_snp_parse(buf, len, &snp, why, sizeof(why));
		if (!ret)
			memcpy(rd, snp.report_data, TWI_REPORT_DATA_LEN);
		*min_len = len;
		break;
	case TWI_TEE_TDX:
		ret = twi_tdx_parse(buf, len, &q, why, sizeof(why));
		if (!ret)
			memcpy(rd, q.body + TDX_BODY_REPORTDATA,
			       TWI_REPORT_DATA_LEN);
		if (ret) {
			*min_len = len;
		} else {
			size_t end = (size_t)(q.body - buf) + q.body_size;

			/* and the signature data, as long as it says */
			*min_len = end + 4 + (buf[end] | buf[end + 1] << 8 |
					      buf[end + 2] << 16 |
					      (uint32_t)buf[end + 3] << 24);
		}
		break;
	case TWI_TEE_CCA:
		claims = calloc(1, sizeof(*claims));
		if (!claims)
			return -ENOMEM;
		ret = twi_cca_parse(buf, len, claims, why, sizeof(why));
		if (!ret)
			memcpy(rd, claims->realm_challenge, TWI_REPORT_DATA_LEN);
		free(claims);
		*min_len = len;
		break;
	}
	if (ret)
		fprintf(stderr, "# parser: %s\n", why);
	return ret;
}

/* The check on an exact-size copy, so ASan sees any read past len. */
static int check_copy(uint32_t tee, const uint8_t *buf, size_t len,
		      const uint8_t *rd)
{
	uint8_t *copy = malloc(len ? len : 1);
	int ret;

	if (!copy)
		return -ENOMEM;
	memcpy(copy, buf, len);
	ret = twi_evidence_check(tee, copy, len, rd);
	free(copy);
	return ret;
}

/* One piece of evidence and what the verifier's parser found in it. */
struct sample {
	uint8_t *buf;
	size_t len;
	size_t min_len;
	uint8_t rd[TWI_REPORT_DATA_LEN];
};

static void load(struct __test_metadata *_metadata, const char *file,
		 uint32_t tee, struct sample *s)
{
	/* the harness runs the test even when setup SKIPs */
	if (!tv_present())
		return;
	ASSERT_EQ(0, tv_read(file, &s->buf, &s->len));
	ASSERT_EQ(0, user_parse(tee, s->buf, s->len, s->rd, &s->min_len));
}

#define NEED_VECTORS() do { \
	if (!self->s.buf) \
		SKIP(return, "no test vectors at %s", tv_dir()); \
} while (0)

/* Every piece of evidence: the checks common to the three formats. */
FIXTURE(evidence) {
	struct sample s;
};

FIXTURE_VARIANT(evidence) {
	const char *file;
	uint32_t tee;
};

FIXTURE_VARIANT_ADD(evidence, snp_gosevguest_milan) {
	.file = "snp/gosevguest-milan-report.bin",
	.tee = TWI_TEE_SNP,
};

FIXTURE_VARIANT_ADD(evidence, snp_virteesev_milan) {
	.file = "snp/virteesev-milan-report.bin",
	.tee = TWI_TEE_SNP,
};

FIXTURE_VARIANT_ADD(evidence, snp_trustee_milan) {
	.file = "snp/trustee-milan-report-v2.bin",
	.tee = TWI_TEE_SNP,
};

FIXTURE_VARIANT_ADD(evidence, snp_aws_milan_v3) {
	.file = "snp/trustee-aws-milan-vlek-report-v3.bin",
	.tee = TWI_TEE_SNP,
};

FIXTURE_VARIANT_ADD(evidence, snp_azure_milan) {
	.file = "snp/azure-milan-report-v2.bin",
	.tee = TWI_TEE_SNP,
};

FIXTURE_VARIANT_ADD(evidence, snp_azure_genoa_v3) {
	.file = "snp/azure-genoa-report-v3.bin",
	.tee = TWI_TEE_SNP,
};

FIXTURE_VARIANT_ADD(evidence, snp_oak_genoa_v5) {
	.file = "snp/oak-genoa-report-v5.bin",
	.tee = TWI_TEE_SNP,
};

FIXTURE_VARIANT_ADD(evidence, snp_oak_turin_v5) {
	.file = "snp/oak-turin-report-v5.bin",
	.tee = TWI_TEE_SNP,
};

FIXTURE_VARIANT_ADD(evidence, tdx_gotdxguest_v5) {
	.file = "tdx/gotdxguest-v5-quote.bin",
	.tee = TWI_TEE_TDX,
};

FIXTURE_VARIANT_ADD(evidence, tdx_trustee_v5) {
	.file = "tdx/trustee-v5-quote.bin",
	.tee = TWI_TEE_TDX,
};

FIXTURE_VARIANT_ADD(evidence, tdx_dcapqvl_v5) {
	.file = "tdx/dcapqvl-v5-quote-tcb-nomatch.bin",
	.tee = TWI_TEE_TDX,
};

FIXTURE_VARIANT_ADD(evidence, tdx_gotdxguest_v4_trailing) {
	.file = "tdx/gotdxguest-v4-spr-quote-trailing-text.bin",
	.tee = TWI_TEE_TDX,
};

FIXTURE_VARIANT_ADD(evidence, tdx_gcp_cos_v4_padded) {
	.file = "tdx/gotdxguest-gcp-cos-v4-quote-padded.bin",
	.tee = TWI_TEE_TDX,
};

FIXTURE_VARIANT_ADD(evidence, tdx_trustee_v4) {
	.file = "tdx/trustee-v4-quote.bin",
	.tee = TWI_TEE_TDX,
};

FIXTURE_VARIANT_ADD(evidence, tdx_dcapqvl_v4_padded) {
	.file = "tdx/dcapqvl-v4-quote-padded.bin",
	.tee = TWI_TEE_TDX,
};

FIXTURE_VARIANT_ADD(evidence, tdx_azure_v4_padded) {
	.file = "azure/trustee-az-tdx-td-quote-v4.bin",
	.tee = TWI_TEE_TDX,
};

FIXTURE_VARIANT_ADD(evidence, cca_veraison_tfrmm) {
	.file = "cca/veraison-tfrmm-cca-token.cbor",
	.tee = TWI_TEE_CCA,
};

FIXTURE_VARIANT_ADD(evidence, cca_trustee_example) {
	.file = "cca/trustee-cca-example-token.cbor",
	.tee = TWI_TEE_CCA,
};

FIXTURE_SETUP(evidence)
{
	load(_metadata, variant->file, variant->tee, &self->s);
}

FIXTURE_TEARDOWN(evidence)
{
	free(self->s.buf);
}

TEST_F(evidence, accepts_its_report_data)
{
	NEED_VECTORS();
	ASSERT_EQ(0, check_copy(variant->tee, self->s.buf, self->s.len,
				self->s.rd));
}

TEST_F(evidence, rejects_every_single_bit_flip)
{
	uint8_t rd[TWI_REPORT_DATA_LEN];
	unsigned int bit;

	NEED_VECTORS();
	for (bit = 0; bit < 8 * TWI_REPORT_DATA_LEN; bit++) {
		memcpy(rd, self->s.rd, sizeof(rd));
		rd[bit / 8] ^= 1 << (bit % 8);
		ASSERT_EQ(-EBADMSG, twi_evidence_check(variant->tee,
						       self->s.buf,
						       self->s.len, rd))
			TH_LOG("report_data bit %u flipped", bit);
	}
}

TEST_F(evidence, rejects_every_truncation)
{
	size_t n;

	NEED_VECTORS();
	ASSERT_LE(self->s.min_len, self->s.len);
	for (n = 0; n < self->s.min_len; n++)
		ASSERT_EQ(-EBADMSG, check_copy(variant->tee, self->s.buf, n,
					       self->s.rd))
			TH_LOG("%zu of %zu bytes", n, self->s.len);
}

TEST_F(evidence, rejects_other_tee_types)
{
	static const uint32_t tees[] = {
		TWI_TEE_NONE, TWI_TEE_SNP, TWI_TEE_TDX, TWI_TEE_CCA,
		TWI_TEE_MAX + 1, 0x100 | TWI_TEE_SNP, UINT32_MAX,
	};
	unsigned int i;

	NEED_VECTORS();
	for (i = 0; i < TWI_ARRAY_SIZE(tees); i++) {
		if (tees[i] == variant->tee)
			continue;
		ASSERT_EQ(-EBADMSG, twi_evidence_check(tees[i], self->s.buf,
						       self->s.len,
						       self->s.rd))
			TH_LOG("tee %u", tees[i]);
	}
}

FIXTURE(snp) {
	struct sample s;
};

FIXTURE_VARIANT(snp) {
	const char *file;
};

FIXTURE_VARIANT_ADD(snp, gosevguest_milan) {
	.file = "snp/gosevguest-milan-report.bin",
};

FIXTURE_VARIANT_ADD(snp, virteesev_milan) {
	.file = "snp/virteesev-milan-report.bin",
};

FIXTURE_VARIANT_ADD(snp, trustee_milan) {
	.file = "snp/trustee-milan-report-v2.bin",
};

FIXTURE_VARIANT_ADD(snp, aws_milan_v3) {
	.file = "snp/trustee-aws-milan-vlek-report-v3.bin",
};

FIXTURE_VARIANT_ADD(snp, azure_milan) {
	.file = "snp/azure-milan-report-v2.bin",
};

FIXTURE_VARIANT_ADD(snp, azure_genoa_v3) {
	.file = "snp/azure-genoa-report-v3.bin",
};

FIXTURE_VARIANT_ADD(snp, oak_genoa_v5) {
	.file = "snp/oak-genoa-report-v5.bin",
};

FIXTURE_VARIANT_ADD(snp, oak_turin_v5) {
	.file = "snp/oak-turin-report-v5.bin",
};

FIXTURE_SETUP(snp)
{
	load(_metadata, variant->file, TWI_TEE_SNP, &self->s);
}

FIXTURE_TEARDOWN(snp)
{
	free(self->s.buf);
}

/* A byte more than a report is no report: SNP's size is exact. */
TEST_F(snp, rejects_a_longer_report)
{
	uint8_t *longer;

	NEED_VECTORS();
	longer = calloc(1, self->s.len + 1);
	ASSERT_NE(NULL, longer);
	memcpy(longer, self->s.buf, self->s.len);
	EXPECT_EQ(-EBADMSG, twi_evidence_check(TWI_TEE_SNP, longer,
					       self->s.len + 1, self->s.rd));
	free(longer);
}

/* There are no SEV-SNP reports before version 2. */
TEST_F(snp, rejects_versions_0_and_1)
{
	uint32_t v;

	NEED_VECTORS();
	for (v = 0; v < 2; v++) {
		put_le32(self->s.buf, v);
		ASSERT_EQ(-EBADMSG, twi_evidence_check(TWI_TEE_SNP,
						       self->s.buf,
						       self->s.len,
						       self->s.rd))
			TH_LOG("version %u", v);
	}
}

FIXTURE(tdx) {
	struct sample s;
};

FIXTURE_VARIANT(tdx) {
	const char *file;
};

FIXTURE_VARIANT_ADD(tdx, gotdxguest_v5) {
	.file = "tdx/gotdxguest-v5-quote.bin",
};

FIXTURE_VARIANT_ADD(tdx, trustee_v5) {
	.file = "tdx/trustee-v5-quote.bin",
};

FIXTURE_VARIANT_ADD(tdx, dcapqvl_v5) {
	.file = "tdx/dcapqvl-v5-quote-tcb-nomatch.bin",
};

FIXTURE_VARIANT_ADD(tdx, gotdxguest_v4_trailing) {
	.file = "tdx/gotdxguest-v4-spr-quote-trailing-text.bin",
};

FIXTURE_VARIANT_ADD(tdx, gcp_cos_v4_padded) {
	.file = "tdx/gotdxguest-gcp-cos-v4-quote-padded.bin",
};

FIXTURE_VARIANT_ADD(tdx, trustee_v4) {
	.file = "tdx/trustee-v4-quote.bin",
};

FIXTURE_VARIANT_ADD(tdx, dcapqvl_v4_padded) {
	.file = "tdx/dcapqvl-v4-quote-padded.bin",
};

FIXTURE_VARIANT_ADD(tdx, azure_v4_padded) {
	.file = "azure/trustee-az-tdx-td-quote-v4.bin",
};

FIXTURE_SETUP(tdx)
{
	load(_metadata, variant->file, TWI_TEE_TDX, &self->s);
}

FIXTURE_TEARDOWN(tdx)
{
	free(self->s.buf);
}

TEST_F(tdx, rejects_other_versions)
{
	static const uint16_t versions[] = {
		0, 1, 2, 3, 4, 5, 6, 0x104, 0x105, 0x8004, UINT16_MAX,
	};
	uint8_t *q = self->s.buf;
	unsigned int i;
	uint16_t orig;

	NEED_VECTORS();
	orig = q[0] | q[1] << 8;
	for (i = 0; i < TWI_ARRAY_SIZE(versions); i++) {
		if (versions[i] == orig)
			continue;
		put_le16(q, versions[i]);
		ASSERT_EQ(-EBADMSG, twi_evidence_check(TWI_TEE_TDX, q,
						       self->s.len,
						       self->s.rd))
			TH_LOG("version %u instead of %u", versions[i], orig);
	}
	put_le16(q, orig);
	ASSERT_EQ(0, twi_evidence_check(TWI_TEE_TDX, q, self->s.len,
					self->s.rd));
}

TEST_F(tdx, rejects_other_tee_type_fields)
{
	/* SGX is 0; the others differ from TDX's 0x81 in a byte or a bit */
	static const uint32_t types[] = {
		0x00, 0x01, 0x80, 0x83, 0x181, 0x8100, 0x810081,
		0x81000081, UINT32_MAX,
	};
	uint8_t *q = self->s.buf;
	unsigned int i;

	NEED_VECTORS();
	for (i = 0; i < TWI_ARRAY_SIZE(types); i++) {
		put_le32(q + TDX_HDR_TEE_TYPE, types[i]);
		ASSERT_EQ(-EBADMSG, twi_evidence_check(TWI_TEE_TDX, q,
						       self->s.len,
						       self->s.rd))
			TH_LOG("TEE type 0x%x", types[i]);
	}
	put_le32(q + TDX_HDR_TEE_TYPE, 0x81);
	ASSERT_EQ(0, twi_evidence_check(TWI_TEE_TDX, q, self->s.len,
					self->s.rd));
}

FIXTURE(tdx_v5) {
	struct sample s;
};

FIXTURE_VARIANT(tdx_v5) {
	const char *file;
};

FIXTURE_VARIANT_ADD(tdx_v5, gotdxguest_v5) {
	.file = "tdx/gotdxguest-v5-quote.bin",
};

FIXTURE_VARIANT_ADD(tdx_v5, trustee_v5) {
	.file = "tdx/trustee-v5-quote.bin",
};

FIXTURE_VARIANT_ADD(tdx_v5, dcapqvl_v5) {
	.file = "tdx/dcapqvl-v5-quote-tcb-nomatch.bin",
};

FIXTURE_SETUP(tdx_v5)
{
	load(_metadata, variant->file, TWI_TEE_TDX, &self->s);
}

FIXTURE_TEARDOWN(tdx_v5)
{
	free(self->s.buf);
}

/* A body type or size that is not TD 1.0 (2, 584) or TD 1.5 (3, 648). */
TEST_F(tdx_v5, rejects_other_body_descriptors)
{
	static const struct {
		uint16_t type;
		uint32_t size;
	} desc[] = {
		{ 0, 648 }, { 1, 648 }, { 1, 584 }, { 1, 384 }, { 2, 648 },
		{ 3, 584 }, { 3, 647 }, { 3, 649 }, { 4, 648 },
		{ 3, 0x10000288 }, { 0x103, 648 }, { UINT16_MAX, UINT32_MAX },
	};
	uint8_t *d = self->s.buf + TDX_V5_DESC, orig[6];
	unsigned int i;

	NEED_VECTORS();
	ASSERT_EQ(5, self->s.buf[0]);
	memcpy(orig, d, sizeof(orig));
	for (i = 0; i < TWI_ARRAY_SIZE(desc); i++) {
		put_le16(d, desc[i].type);
		put_le32(d + 2, desc[i].size);
		ASSERT_EQ(-EBADMSG, twi_evidence_check(TWI_TEE_TDX,
						       self->s.buf,
						       self->s.len,
						       self->s.rd))
			TH_LOG("body type %u size %u", desc[i].type,
			       desc[i].size);
	}
	memcpy(d, orig, sizeof(orig));
	ASSERT_EQ(0, twi_evidence_check(TWI_TEE_TDX, self->s.buf, self->s.len,
					self->s.rd));
}

/* The nonce Google published with its GCP quote is its REPORTDATA. */
TEST(tdx_gcp_cos_quote_carries_its_published_nonce)
{
	uint8_t *quote, *nonce, rd[TWI_REPORT_DATA_LEN];
	size_t qlen, nlen, min_len;

	if (!tv_present())
		SKIP(return, "no test vectors at %s", tv_dir());
	ASSERT_EQ(0, tv_read("tdx/gotdxguest-gcp-cos-v4-quote-padded.bin",
			     &quote, &qlen));
	ASSERT_EQ(0, tv_read("tdx/gotdxguest-gcp-cos-v4-quote-nonce.bin",
			     &nonce, &nlen));
	ASSERT_EQ((size_t)TWI_REPORT_DATA_LEN, nlen);
	EXPECT_EQ(0, twi_evidence_check(TWI_TEE_TDX, quote, qlen, nonce));
	ASSERT_EQ(0, user_parse(TWI_TEE_TDX, quote, qlen, rd, &min_len));
	EXPECT_EQ(0, memcmp(nonce, rd, sizeof(rd)));
	free(nonce);
	free(quote);
}

/*
 * Azure wraps the SNP report (at 32) and the TDREPORT in an HCL report: a
 * provider must hand the kernel the plain report or quote, not the wrapper.
 */
TEST(azure_hcl_reports_are_not_evidence)
{
	uint8_t *hcl, *quote, rd[TWI_REPORT_DATA_LEN];
	size_t len, qlen, min_len;

	if (!tv_present())
		SKIP(return, "no test vectors at %s", tv_dir());
	ASSERT_EQ(0, tv_read("azure/trustee-az-milan-hcl-report.bin", &hcl,
			     &len));
	ASSERT_LT((size_t)32 + TWI_SNP_REPORT_SIZE, len);
	ASSERT_EQ(0, user_parse(TWI_TEE_SNP, hcl + 32, TWI_SNP_REPORT_SIZE, rd,
				&min_len));
	EXPECT_EQ(0, check_copy(TWI_TEE_SNP, hcl + 32, TWI_SNP_REPORT_SIZE,
				rd));
	EXPECT_EQ(-EBADMSG, check_copy(TWI_TEE_SNP, hcl, len, rd));
	free(hcl);

	/* the TDREPORT carries the same REPORTDATA as the TD quote */
	ASSERT_EQ(0, tv_read("azure/trustee-az-tdx-td-quote-v4.bin", &quote,
			     &qlen));
	ASSERT_EQ(0, user_parse(TWI_TEE_TDX, quote, qlen, rd, &min_len));
	free(quote);
	ASSERT_EQ(0, tv_read("azure/trustee-az-tdx-hcl-report.bin", &hcl,
			     &len));
	ASSERT_NE(NULL, memmem(hcl, len, rd, sizeof(rd)));
	EXPECT_EQ(-EBADMSG, check_copy(TWI_TEE_TDX, hcl, len, rd));
	free(hcl);
}

/*
 * Hand-built CCA tokens: the shapes the real ones do not show.  A tiny
 * writer of RFC 8949 items in shortest form.
 */
struct cb {
	uint8_t b[1024];
	size_t n;
};

static void cb_put(struct cb *c, const void *p, size_t n)
{
	if (n > sizeof(c->b) - c->n)
		abort();
	memcpy(c->b + c->n, p, n);
	c->n += n;
}

static void cb_head(struct cb *c, unsigned int major, uint64_t v)
{
	unsigned int ai = v < 24 ? v : v <= 0xff ? 24 : v <= 0xffff ? 25 :
			  v <= 0xffffffff ? 26 : 27;
	unsigned int i, size = ai < 24 ? 0 : 1 << (ai - 24);
	uint8_t h[9];

	h[0] = major << 5 | ai;
	for (i = 0; i < size; i++)
		h[1 + i] = v >> 8 * (size - 1 - i);
	cb_put(c, h, 1 + size);
}

static void cb_bytes(struct cb *c, const void *p, size_t n)
{
	cb_head(c, 2, n);
	cb_put(c, p, n);
}

static void cb_wrap(struct cb *c, const struct cb *item)
{
	cb_bytes(c, item->b, item->n);
}

/* bstr .cbor #6.tag([h'', {}, bstr .cbor claims, h'']); tag 0: none */
static void cb_sign1(struct cb *c, unsigned int tag, const struct cb *claims)
{
	struct cb m = { .n = 0 };

	if (tag)
		cb_head(&m, 6, tag);
	cb_head(&m, 4, 4);
	cb_bytes(&m, "", 0);
	cb_head(&m, 5, 0);
	cb_wrap(&m, claims);
	cb_bytes(&m, "", 0);
	cb_wrap(c, &m);
}

/* {10: bstr} with len bytes of ch */
static void cb_challenge(struct cb *c, const uint8_t *ch, size_t len)
{
	cb_head(c, 5, 1);
	cb_head(c, 0, 10);
	cb_bytes(c, ch, len);
}

/* #6.399({44241: realm}) */
static void cb_token(struct cb *c, const struct cb *realm_claims)
{
	cb_head(c, 6, 399);
	cb_head(c, 5, 1);
	cb_head(c, 0, 44241);
	cb_sign1(c, 18, realm_claims);
}

static const uint8_t rd_a[TWI_REPORT_DATA_LEN] = { 0xaa, 1, 2, 3, [63] = 4 };
static const uint8_t rd_b[TWI_REPORT_DATA_LEN] = { 0xbb, 5, 6, 7, [63] = 8 };

static int cca_check(const struct cb *token, const uint8_t *rd)
{
	return check_copy(TWI_TEE_CCA, token->b, token->n, rd);
}

TEST(cca_built_minimal_token)
{
	struct cb claims = { .n = 0 }, token = { .n = 0 };
	struct twi_cbor_item item;
	size_t n;

	cb_challenge(&claims, rd_a, sizeof(rd_a));
	cb_token(&token, &claims);
	/* the writer's output is well-formed, to the verifier's decoder */
	ASSERT_EQ(0, twi_cbor_decode(token.b, token.n, &item));
	EXPECT_EQ(0, cca_check(&token, rd_a));
	EXPECT_EQ(-EBADMSG, cca_check(&token, rd_b));
	for (n = 0; n < token.n; n++)
		ASSERT_EQ(-EBADMSG, check_copy(TWI_TEE_CCA, token.b, n, rd_a))
			TH_LOG("%zu of %zu bytes", n, token.n);
}

/* The challenge is exactly 64 bytes: no prefix, no longer string. */
TEST(cca_built_challenge_of_other_lengths)
{
	static const size_t lens[] = { 0, 1, 32, 48, 63, 65, 100 };
	uint8_t ch[100] = { 0 };
	unsigned int i;

	memcpy(ch, rd_a, sizeof(rd_a));
	for (i = 0; i < TWI_ARRAY_SIZE(lens); i++) {
		struct cb claims = { .n = 0 }, token = { .n = 0 };

		cb_challenge(&claims, ch, lens[i]);
		cb_token(&token, &claims);
		ASSERT_EQ(-EBADMSG, cca_check(&token, rd_a))
			TH_LOG("challenge of %zu bytes", lens[i]);
	}
}

/*
 * Claim 10 of the realm map, wherever it is: not a 64-byte claim before
 * it (44235, personalization) nor a key 10 nested in another claim.
 */
TEST(cca_built_challenge_among_other_claims)
{
	struct cb claims = { .n = 0 }, token = { .n = 0 };

	cb_head(&claims, 5, 3);
	cb_head(&claims, 0, 44235);
	cb_bytes(&claims, rd_b, sizeof(rd_b));
	cb_head(&claims, 0, 44236);
	cb_challenge(&claims, rd_b, sizeof(rd_b));
	cb_head(&claims, 0, 10);
	cb_bytes(&claims, rd_a, sizeof(rd_a));
	cb_token(&token, &claims);
	EXPECT_EQ(0, cca_check(&token, rd_a));
	EXPECT_EQ(-EBADMSG, cca_check(&token, rd_b));
}

/* The platform token's challenge (also claim 10) is not report_data. */
TEST(cca_built_platform_challenge_is_not_report_data)
{
	struct cb platform = { .n = 0 }, realm = { .n = 0 };
	unsigned int realm_first;

	cb_challenge(&platform, rd_b, sizeof(rd_b));
	cb_challenge(&realm, rd_a, sizeof(rd_a));
	for (realm_first = 0; realm_first < 2; realm_first++) {
		struct cb token = { .n = 0 };

		cb_head(&token, 6, 399);
		cb_head(&token, 5, 2);
		if (realm_first) {
			cb_head(&token, 0, 44241);
			cb_sign1(&token, 18, &realm);
		}
		cb_head(&token, 0, 44234);
		cb_sign1(&token, 18, &platform);
		if (!realm_first) {
			cb_head(&token, 0, 44241);
			cb_sign1(&token, 18, &realm);
		}
		EXPECT_EQ(0, cca_check(&token, rd_a));
		EXPECT_EQ(-EBADMSG, cca_check(&token, rd_b));
	}
}

TEST(cca_built_platform_token_alone)
{
	struct cb platform = { .n = 0 }, token = { .n = 0 };

	cb_challenge(&platform, rd_b, sizeof(rd_b));
	cb_head(&token, 6, 399);
	cb_head(&token, 5, 1);
	cb_head(&token, 0, 44234);
	cb_sign1(&token, 18, &platform);
	EXPECT_EQ(-EBADMSG, cca_check(&token, rd_b));
}

/* Each envelope the format fixes, broken in turn. */
TEST(cca_built_wrong_envelopes)
{
	struct cb claims = { .n = 0 }, t;

	cb_challenge(&claims, rd_a, sizeof(rd_a));

	/* no tag 399, or another tag */
	t.n = 0;
	cb_head(&t, 5, 1);
	cb_head(&t, 0, 44241);
	cb_sign1(&t, 18, &claims);
	EXPECT_EQ(-EBADMSG, cca_check(&t, rd_a));
	t.n = 0;
	cb_head(&t, 6, 398);
	cb_head(&t, 5, 1);
	cb_head(&t, 0, 44241);
	cb_sign1(&t, 18, &claims);
	EXPECT_EQ(-EBADMSG, cca_check(&t, rd_a));

	/* a COSE_Sign1 without its tag 18, or a COSE_Mac0 (17) */
	t.n = 0;
	cb_head(&t, 6, 399);
	cb_head(&t, 5, 1);
	cb_head(&t, 0, 44241);
	cb_sign1(&t, 0, &claims);
	EXPECT_EQ(-EBADMSG, cca_check(&t, rd_a));
	t.n = 0;
	cb_head(&t, 6, 399);
	cb_head(&t, 5, 1);
	cb_head(&t, 0, 44241);
	cb_sign1(&t, 17, &claims);
	EXPECT_EQ(-EBADMSG, cca_check(&t, rd_a));

	/* the realm token not wrapped in a byte string */
	t.n = 0;
	cb_head(&t, 6, 399);
	cb_head(&t, 5, 1);
	cb_head(&t, 0, 44241);
	cb_head(&t, 6, 18);
	cb_head(&t, 4, 4);
	cb_bytes(&t, "", 0);
	cb_head(&t, 5, 0);
	cb_wrap(&t, &claims);
	cb_bytes(&t, "", 0);
	EXPECT_EQ(-EBADMSG, cca_check(&t, rd_a));
}

/* The challenge as a text string, or under key -11 (major 1, 10). */
TEST(cca_built_challenge_of_other_types)
{
	struct cb claims = { .n = 0 }, token = { .n = 0 };

	cb_head(&claims, 5, 1);
	cb_head(&claims, 0, 10);
	cb_head(&claims, 3, sizeof(rd_a));
	cb_put(&claims, rd_a, sizeof(rd_a));
	cb_token(&token, &claims);
	EXPECT_EQ(-EBADMSG, cca_check(&token, rd_a));

	claims.n = token.n = 0;
	cb_head(&claims, 5, 1);
	cb_head(&claims, 1, 10);
	cb_bytes(&claims, rd_a, sizeof(rd_a));
	cb_token(&token, &claims);
	EXPECT_EQ(-EBADMSG, cca_check(&token, rd_a));
}

TEST_HARNESS_MAIN
