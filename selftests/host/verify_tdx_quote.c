// SPDX-License-Identifier: GPL-2.0
/*
 * TDX quote checks without collateral: every quote SOURCES.md lists as
 * passing checks (a)-(d) verifies, lengths, trailing bytes and FMSPC are as
 * SOURCES.md states, and damaged quotes are rejected.
 */
#include "kselftest_harness.h"

#include "selftests/host/verify_tdx.h"

/* Inside the validity of every PCK chain in the vectors. */
#define AT "2025-07-01T00:00:00Z"

FIXTURE(quote) {
	uint8_t *buf;
	size_t len;
	char why[TWI_WHY_MAX];
	struct twi_tdx_result res;
};

/* Expected values are the ones SOURCES.md states for each file. */
FIXTURE_VARIANT(quote) {
	const char *file;
	uint16_t version;
	uint16_t body_type;
	size_t quote_len;
	size_t trailing_len;
	bool trailing_zero;
	const char *fmspc;
};

FIXTURE_VARIANT_ADD(quote, gotdx_v4_spr_text) {
	.file = "tdx/gotdxguest-v4-spr-quote-trailing-text.bin",
	.version = 4, .body_type = TWI_TDX_BODY_TDX10,
	.quote_len = 4935, .trailing_len = 39, .trailing_zero = false,
	.fmspc = "50806f000000",
};

FIXTURE_VARIANT_ADD(quote, gotdx_v5) {
	.file = "tdx/gotdxguest-v5-quote.bin",
	.version = 5, .body_type = TWI_TDX_BODY_TDX15,
	.quote_len = 5006, .trailing_len = 0, .trailing_zero = true,
	.fmspc = "90c06f000000",
};

FIXTURE_VARIANT_ADD(quote, gotdx_gcp_padded) {
	.file = "tdx/gotdxguest-gcp-cos-v4-quote-padded.bin",
	.version = 4, .body_type = TWI_TDX_BODY_TDX10,
	.quote_len = 4935, .trailing_len = 8000 - 4935, .trailing_zero = true,
	.fmspc = "00806f050000",
};

FIXTURE_VARIANT_ADD(quote, trustee_v4) {
	.file = "tdx/trustee-v4-quote.bin",
	.version = 4, .body_type = TWI_TDX_BODY_TDX10,
	.quote_len = 4936, .trailing_len = 0, .trailing_zero = true,
	.fmspc = "50806f000000",
};

FIXTURE_VARIANT_ADD(quote, trustee_v5) {
	.file = "tdx/trustee-v5-quote.bin",
	.version = 5, .body_type = TWI_TDX_BODY_TDX15,
	.quote_len = 5006, .trailing_len = 0, .trailing_zero = true,
	.fmspc = "90c06f000000",
};

FIXTURE_VARIANT_ADD(quote, dcapqvl_v4_padded) {
	.file = "tdx/dcapqvl-v4-quote-padded.bin",
	.version = 4, .body_type = TWI_TDX_BODY_TDX10,
	.quote_len = 4936, .trailing_len = 70, .trailing_zero = true,
	.fmspc = "b0c06f000000",
};

FIXTURE_VARIANT_ADD(quote, dcapqvl_v5_nomatch) {
	.file = "tdx/dcapqvl-v5-quote-tcb-nomatch.bin",
	.version = 5, .body_type = TWI_TDX_BODY_TDX15,
	.quote_len = 5006, .trailing_len = 0, .trailing_zero = true,
	.fmspc = "90c06f000000",
};

FIXTURE_VARIANT_ADD(quote, azure_v4_padded) {
	.file = "azure/trustee-az-tdx-td-quote-v4.bin",
	.version = 4, .body_type = TWI_TDX_BODY_TDX10,
	.quote_len = 4936, .trailing_len = 70, .trailing_zero = true,
	.fmspc = "00806f050000",
};

FIXTURE_SETUP(quote)
{
	/* the kselftest harness runs the test even when setup SKIPs */
	if (!tdx_tv_present())
		return;
	ASSERT_EQ(0, tdx_tv_read(variant->file, &self->buf, &self->len));
	ASSERT_EQ(variant->quote_len + variant->trailing_len, self->len);
}

FIXTURE_TEARDOWN(quote)
{
	free(self->buf);
}

#define NEED_VECTORS() do { \
	if (!self->buf) \
		SKIP(return, "no test vectors at %s", tdx_tv_dir()); \
} while (0)

static int verify(struct _test_data_quote *self, const uint8_t *buf,
		  size_t len, const char *at)
{
	self->why[0] = 0;
	return twi_tdx_verify(buf, len, NULL, tdx_time(at), &self->res,
			      self->why, sizeof(self->why));
}

TEST_F(quote, verifies)
{
	char fmspc[13];

	NEED_VECTORS();

	ASSERT_EQ(0, verify(self, self->buf, self->len, AT))
		TH_LOG("%s: %s", variant->file, self->why);
	ASSERT_EQ(variant->version, self->res.version);
	ASSERT_EQ(variant->body_type, self->res.body_type);
	ASSERT_EQ(variant->quote_len, self->res.quote_len);
	ASSERT_EQ(variant->trailing_len, self->res.trailing_len);
	ASSERT_EQ(variant->trailing_zero, self->res.trailing_zero);
	twi_hex_encode(self->res.fmspc, 6, fmspc);
	ASSERT_STREQ(variant->fmspc, fmspc);
	ASSERT_FALSE(self->res.tcb_evaluated);
	ASSERT_EQ((int)TWI_TDX_TCB_UNKNOWN, (int)self->res.tcb_status);
}

/* The quote alone (trailing bytes cut off) verifies the same way. */
TEST_F(quote, exact_length)
{
	NEED_VECTORS();

	ASSERT_EQ(0, verify(self, self->buf, variant->quote_len, AT))
		TH_LOG("%s", self->why);
	ASSERT_EQ(0U, self->res.trailing_len);
}

/* Trailing bytes are outside the quote: changing them changes nothing. */
TEST_F(quote, trailing_bytes_ignored)
{
	size_t i;

	NEED_VECTORS();

	for (i = variant->quote_len; i < self->len; i += 7) {
		self->buf[i] ^= 0xff;
		ASSERT_EQ(0, verify(self, self->buf, self->len, AT))
			TH_LOG("offset %zu: %s", i, self->why);
		ASSERT_EQ(variant->quote_len, self->res.quote_len);
		self->buf[i] ^= 0xff;
	}
}

TEST_F(quote, every_truncation_malformed)
{
	size_t n;

	NEED_VECTORS();

	for (n = 0; n < variant->quote_len; n++)
		ASSERT_EQ(-EBADMSG, verify(self, self->buf, n, AT))
			TH_LOG("length %zu: %s", n, self->why);
}

/*
 * Sampled single-bit changes over the whole quote (header, body,
 * signature, attestation key, QE report and signature, QE auth data, PEM
 * chain): every one is rejected.
 */
TEST_F(quote, sampled_changes_rejected)
{
	size_t i;

	NEED_VECTORS();

	/* the phase differs between quote lengths, so do the bytes hit */
	for (i = variant->quote_len % 11; i < variant->quote_len; i += 11) {
		uint8_t bit = (uint8_t)(1u << (i % 8));

		self->buf[i] ^= bit;
		ASSERT_NE(0, verify(self, self->buf, self->len, AT))
			TH_LOG("offset %zu accepted", i);
		self->buf[i] ^= bit;
	}
	ASSERT_EQ(0, verify(self, self->buf, self->len, AT));
}

TEST_F(quote, pck_chain_expired)
{
	NEED_VECTORS();

	ASSERT_EQ(-EKEYEXPIRED, verify(self, self->buf, self->len,
				       "2100-01-01T00:00:00Z"));
	ASSERT_NE(NULL, strstr(self->why, "expired")) TH_LOG("%s", self->why);
}

/* Regions by offset, computed from the quote's own fields. */
static size_t sig_data_off(const struct _fixture_variant_quote *v)
{
	return v->version == 4 ? 48 + 584 : 48 + 6 + 648;
}

TEST_F(quote, quote_signature_rejected)
{
	size_t sig = sig_data_off(variant) + 4;

	NEED_VECTORS();

	self->buf[sig + 10] ^= 0x80;
	ASSERT_EQ(-EKEYREJECTED, verify(self, self->buf, self->len, AT));
	ASSERT_NE(NULL, strstr(self->why, "TDX quote signature"))
		TH_LOG("%s", self->why);
}

TEST_F(quote, body_change_breaks_quote_signature)
{
	NEED_VECTORS();

	self->buf[variant->version == 4 ? 48 + 136 : 54 + 136] ^= 0x01; /* MRTD */
	ASSERT_EQ(-EKEYREJECTED, verify(self, self->buf, self->len, AT));
	ASSERT_NE(NULL, strstr(self->why, "TDX quote signature"))
		TH_LOG("%s", self->why);
}

TEST_F(quote, qe_report_signature_rejected)
{
	size_t qe = sig_data_off(variant) + 4 + 128 + 6;

	NEED_VECTORS();

	self->buf[qe + 128] ^= 0x01;	/* QE MRSIGNER */
	ASSERT_EQ(-EKEYREJECTED, verify(self, self->buf, self->len, AT));
	ASSERT_NE(NULL, strstr(self->why, "QE report signature"))
		TH_LOG("%s", self->why);
}

TEST_F(quote, attestation_key_binding)
{
	size_t auth = sig_data_off(variant) + 4 + 128 + 6 + 384 + 64 + 2;

	NEED_VECTORS();

	self->buf[auth] ^= 0x01;	/* first QE auth data byte */
	ASSERT_EQ(-EKEYREJECTED, verify(self, self->buf, self->len, AT));
	ASSERT_NE(NULL, strstr(self->why, "bind the attestation key"))
		TH_LOG("%s", self->why);
}

/* Change a base64 digit in the middle of the root certificate's body. */
TEST_F(quote, root_not_pinned)
{
	char *end, *p, *last = NULL;

	NEED_VECTORS();

	end = memmem(self->buf, variant->quote_len, "-----END", 8);
	while (end) {
		last = end;
		end = memmem(end + 1, self->buf + variant->quote_len -
			     (uint8_t *)end - 1, "-----END", 8);
	}
	ASSERT_NE(NULL, last);
	/* two lines up from the root's END line: a full 64-digit line */
	p = last - 1;
	while (*--p != '\n')
		;
	p -= 32;
	*p = *p == 'A' ? 'B' : 'A';
	ASSERT_EQ(-ENOKEY, verify(self, self->buf, self->len, AT))
		TH_LOG("%s", self->why);
	ASSERT_NE(NULL, strstr(self->why, "pinned")) TH_LOG("%s", self->why);
}

/* The PCK chain is checked first, then the QE report, then the quote. */
TEST_F(quote, order_of_checks)
{
	size_t sig = sig_data_off(variant) + 4;
	size_t qe = sig + 128 + 6;

	NEED_VECTORS();

	self->buf[sig + 10] ^= 0x80;
	self->buf[qe + 128] ^= 0x01;
	ASSERT_EQ(-EKEYEXPIRED, verify(self, self->buf, self->len,
				       "2100-01-01T00:00:00Z"));
	ASSERT_EQ(-EKEYREJECTED, verify(self, self->buf, self->len, AT));
	ASSERT_NE(NULL, strstr(self->why, "QE report signature"))
		TH_LOG("%s", self->why);
}

TEST_F(quote, header_fields)
{
	static const struct {
		size_t off;
		uint8_t val;
	} bad[] = {
		{ 0, 3 },	/* version */
		{ 0, 6 },
		{ 2, 3 },	/* attestation key type */
		{ 4, 0x00 },	/* TEE type SGX */
		{ 12, 0x00 },	/* QE vendor ID */
	};
	size_t i;

	NEED_VECTORS();

	for (i = 0; i < TWI_ARRAY_SIZE(bad); i++) {
		uint8_t old = self->buf[bad[i].off];

		self->buf[bad[i].off] = bad[i].val;
		ASSERT_EQ(-EBADMSG, verify(self, self->buf, self->len, AT))
			TH_LOG("case %zu: %s", i, self->why);
		self->buf[bad[i].off] = old;
	}
}

/* v5: an SGX body (type 1) or a size that does not fit the type. */
TEST(v5_body_descriptor)
{
	struct twi_tdx_result res;
	char why[TWI_WHY_MAX];
	uint8_t *buf;
	size_t len;

	if (!tdx_tv_present())
		SKIP(return, "no test vectors");
	ASSERT_EQ(0, tdx_tv_read("tdx/gotdxguest-v5-quote.bin", &buf, &len));
	buf[48] = TWI_TDX_BODY_SGX;
	ASSERT_EQ(-EBADMSG, twi_tdx_verify(buf, len, NULL, tdx_time(AT), &res,
					   why, sizeof(why)));
	ASSERT_NE(NULL, strstr(why, "body type")) TH_LOG("%s", why);
	buf[48] = TWI_TDX_BODY_TDX10;	/* size stays 648 */
	ASSERT_EQ(-EBADMSG, twi_tdx_verify(buf, len, NULL, tdx_time(AT), &res,
					   why, sizeof(why)));
	free(buf);
}

TEST(gcp_report_data_is_nonce)
{
	struct twi_tdx_result res;
	uint8_t *quote, *nonce;
	size_t qlen, nlen;
	char why[TWI_WHY_MAX];

	if (!tdx_tv_present())
		SKIP(return, "no test vectors");
	ASSERT_EQ(0, tdx_tv_read("tdx/gotdxguest-gcp-cos-v4-quote-padded.bin",
				 &quote, &qlen));
	ASSERT_EQ(0, tdx_tv_read("tdx/gotdxguest-gcp-cos-v4-quote-nonce.bin",
				 &nonce, &nlen));
	ASSERT_EQ(64U, nlen);
	ASSERT_EQ(0, twi_tdx_verify(quote, qlen, NULL, tdx_time(AT), &res,
				    why, sizeof(why))) TH_LOG("%s", why);
	ASSERT_EQ(0, memcmp(nonce, res.report_data, 64));
	free(nonce);
	free(quote);
}

/*
 * The Azure HCL report carries the TDREPORT the quote was made from
 * (SOURCES.md): REPORTDATA, MRTD and RTMR0-3 must be equal. TDREPORT
 * at 32: REPORTMACSTRUCT (REPORTDATA at 128), TDINFO at 512 (MRTD at 16,
 * RTMRs at 208).
 */
TEST(azure_tdreport_matches)
{
	const size_t td = 32, tdinfo = td + 512;
	struct twi_tdx_result res;
	uint8_t *quote, *hcl;
	size_t qlen, hlen;
	char why[TWI_WHY_MAX];
	int i;

	if (!tdx_tv_present())
		SKIP(return, "no test vectors");
	ASSERT_EQ(0, tdx_tv_read("azure/trustee-az-tdx-td-quote-v4.bin",
				 &quote, &qlen));
	ASSERT_EQ(0, tdx_tv_read("azure/trustee-az-tdx-hcl-report.bin", &hcl,
				 &hlen));
	ASSERT_LE(td + 1024, hlen);
	ASSERT_EQ(0, twi_tdx_verify(quote, qlen, NULL, tdx_time(AT), &res,
				    why, sizeof(why))) TH_LOG("%s", why);
	ASSERT_EQ(0, memcmp(hcl + td + 128, res.report_data, 64));
	ASSERT_EQ(0, memcmp(hcl + tdinfo + 16, res.mrtd, 48));
	for (i = 0; i < 4; i++)
		ASSERT_EQ(0, memcmp(hcl + tdinfo + 208 + 48 * i, res.rtmr[i],
				    48)) TH_LOG("RTMR%d", i);
	ASSERT_EQ(twi_le64(hcl + tdinfo), res.td_attributes);
	ASSERT_EQ(twi_le64(hcl + tdinfo + 8), res.xfam);
	free(hcl);
	free(quote);
}

TEST(empty_and_garbage)
{
	struct twi_tdx_result res;
	uint8_t junk[6000] = { 4, 0, 2, 0, 0x81 };
	char why[TWI_WHY_MAX];

	ASSERT_EQ(-EBADMSG, twi_tdx_verify(junk, 0, NULL, 0, &res, why,
					   sizeof(why)));
	ASSERT_EQ(-EBADMSG, twi_tdx_verify(junk, sizeof(junk), NULL, 0, &res,
					   why, sizeof(why)));
}

TEST_HARNESS_MAIN
