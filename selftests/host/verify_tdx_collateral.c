// SPDX-License-Identifier: GPL-2.0
/*
 * TDX quotes with collateral from an offline cache assembled from the test
 * vectors: TCB status, collateral signatures, validity windows, FMSPC and
 * missing files. Times are chosen inside the windows SOURCES.md gives.
 */
#include "kselftest_harness.h"

#include "selftests/host/verify_tdx.h"

FIXTURE(tcb) {
	struct tdx_cache cache;
	uint8_t *buf;
	size_t len;
	char why[TWI_WHY_MAX];
	struct twi_tdx_result res;
};

/*
 * Each pairing SOURCES.md gives a TCB result for. Windows (SOURCES.md and
 * the files): dcapqvl v4 TCB info and QE identity 2025-06-19..2025-07-19;
 * gotdxguest v5 TCB info 2026-02-01..2026-03-03 with the dcapqvl v5 QE
 * identity and PCK CRL 2026-02-18..2026-03-20; gotdxguest 2023 files
 * 2023-06-18..2023-07-08 (QE identity and PCK CRL end first).
 */
FIXTURE_VARIANT(tcb) {
	const char *quote;
	enum tdx_set set;
	const char *at;		/* inside every window */
	const char *after;	/* after the first nextUpdate */
	const char *before;	/* before the latest issue date */
	int ret;
	enum twi_tdx_tcb_status status;
	const char *reason;	/* substring of why when ret != 0 */
};

FIXTURE_VARIANT_ADD(tcb, dcapqvl_v4) {
	.quote = "tdx/dcapqvl-v4-quote-padded.bin",
	.set = SET_DCAPQVL_V4,
	.at = "2025-07-01T00:00:00Z",
	.after = "2025-07-20T00:00:00Z",
	.before = "2025-06-19T10:00:00Z",
	.ret = 0,
	.status = TWI_TDX_TCB_UP_TO_DATE,
};

FIXTURE_VARIANT_ADD(tcb, gotdx_v5) {
	.quote = "tdx/gotdxguest-v5-quote.bin",
	.set = SET_GOTDX_V5,
	.at = "2026-02-25T00:00:00Z",
	.after = "2026-03-04T00:00:00Z",
	.before = "2026-02-18T10:00:00Z",
	.ret = 0,
	.status = TWI_TDX_TCB_UP_TO_DATE,
};

FIXTURE_VARIANT_ADD(tcb, trustee_v4) {
	.quote = "tdx/trustee-v4-quote.bin",
	.set = SET_GOTDX_2023,
	.at = "2023-07-01T00:00:00Z",
	.after = "2023-07-09T00:00:00Z",
	.before = "2023-06-18T08:00:00Z",
	.ret = 0,
	.status = TWI_TDX_TCB_UP_TO_DATE,
};

FIXTURE_VARIANT_ADD(tcb, dcapqvl_v5_nomatch) {
	.quote = "tdx/dcapqvl-v5-quote-tcb-nomatch.bin",
	.set = SET_DCAPQVL_V5,
	.at = "2026-03-01T00:00:00Z",
	.after = "2026-03-21T00:00:00Z",
	.before = "2026-02-18T10:00:00Z",
	.ret = -EKEYREJECTED,
	.reason = "no matching TCB level (lowest needs SGX component 8 >= 5, PCK has 3)",
};

/* SOURCES.md: no matching level with the TCB info files at hand. */
FIXTURE_VARIANT_ADD(tcb, gotdx_v4_spr_nomatch) {
	.quote = "tdx/gotdxguest-v4-spr-quote-trailing-text.bin",
	.set = SET_GOTDX_2023,
	.at = "2023-07-01T00:00:00Z",
	.after = "2023-07-09T00:00:00Z",
	.before = "2023-06-18T08:00:00Z",
	.ret = -EKEYREJECTED,
	.reason = "no matching TCB level",
};

FIXTURE_VARIANT_ADD(tcb, trustee_v5_nomatch) {
	.quote = "tdx/trustee-v5-quote.bin",
	.set = SET_GOTDX_V5,
	.at = "2026-02-25T00:00:00Z",
	.after = "2026-03-04T00:00:00Z",
	.before = "2026-02-18T10:00:00Z",
	.ret = -EKEYREJECTED,
	.reason = "no matching TCB level",
};

FIXTURE_SETUP(tcb)
{
	/* the kselftest harness runs the test even when setup SKIPs */
	if (!tdx_tv_present())
		return;
	ASSERT_EQ(0, tdx_tv_read(variant->quote, &self->buf, &self->len));
	ASSERT_EQ(0, tdx_cache_create(&self->cache, variant->set));
}

FIXTURE_TEARDOWN(tcb)
{
	tdx_cache_destroy(&self->cache);
	free(self->buf);
}

#define NEED_VECTORS() do { \
	if (!self->buf) \
		SKIP(return, "no test vectors at %s", tdx_tv_dir()); \
} while (0)

static int verify_at(struct _test_data_tcb *self, const char *at)
{
	self->why[0] = 0;
	return twi_tdx_verify(self->buf, self->len, self->cache.root,
			      tdx_time(at), &self->res, self->why,
			      sizeof(self->why));
}

TEST_F(tcb, status)
{
	NEED_VECTORS();

	ASSERT_EQ(variant->ret, verify_at(self, variant->at))
		TH_LOG("%s", self->why);
	if (variant->ret) {
		ASSERT_NE(NULL, strstr(self->why, variant->reason))
			TH_LOG("%s", self->why);
		return;
	}
	ASSERT_TRUE(self->res.tcb_evaluated);
	ASSERT_EQ((int)variant->status, (int)self->res.tcb_status)
		TH_LOG("%s", twi_tdx_tcb_status_name(self->res.tcb_status));
	ASSERT_NE(0, self->res.collateral_expiry);
	ASSERT_GT(self->res.collateral_expiry, tdx_time(variant->at));
}

TEST_F(tcb, expired)
{
	NEED_VECTORS();

	ASSERT_EQ(-EKEYEXPIRED, verify_at(self, variant->after));
	ASSERT_NE(NULL, strstr(self->why, "expired")) TH_LOG("%s", self->why);
}

TEST_F(tcb, not_yet_valid)
{
	NEED_VECTORS();

	ASSERT_EQ(-EKEYEXPIRED, verify_at(self, variant->before));
	ASSERT_NE(NULL, strstr(self->why, "not valid")) TH_LOG("%s", self->why);
}

static const char *tcbinfo_name(const struct twi_tdx_result *res)
{
	static char name[64];
	char hex[13];

	twi_hex_encode(res->fmspc, 6, hex);
	snprintf(name, sizeof(name), "tcbinfo-%s.json", hex);
	return name;
}

/* The PCK certificate names the FMSPC; run once without collateral. */
static const char *quote_tcbinfo(struct _test_data_tcb *self)
{
	twi_tdx_verify(self->buf, self->len, NULL, 0, &self->res, self->why,
		       sizeof(self->why));
	return tcbinfo_name(&self->res);
}

TEST_F(tcb, missing_files)
{
	static const char *const names[] = {
		"tcb-signing-chain.pem", "root-crl.der",
		"pck-platform-crl.der", NULL /* TCB info */, "qe-identity.json",
	};
	size_t i;

	NEED_VECTORS();

	for (i = 0; i < TWI_ARRAY_SIZE(names); i++) {
		const char *name = names[i] ? names[i] : quote_tcbinfo(self);

		tdx_cache_destroy(&self->cache);
		ASSERT_EQ(0, tdx_cache_create(&self->cache, variant->set));
		tdx_cache_remove_file(&self->cache, name);
		ASSERT_EQ(-ENOKEY, verify_at(self, variant->at)) TH_LOG("%s", name);
		ASSERT_NE(NULL, strstr(self->why, name)) TH_LOG("%s", self->why);
	}
}

/* A byte of the signed TCB info or QE identity body changed. */
TEST_F(tcb, collateral_signatures)
{
	static const char *const docs[] = { NULL, "qe-identity.json" };
	size_t i;

	NEED_VECTORS();

	for (i = 0; i < TWI_ARRAY_SIZE(docs); i++) {
		const char *name = docs[i] ? docs[i] : quote_tcbinfo(self);

		tdx_cache_destroy(&self->cache);
		ASSERT_EQ(0, tdx_cache_create(&self->cache, variant->set));
		/* inside the "issueDate" value near the start of the body */
		ASSERT_EQ(0, tdx_cache_flip(&self->cache, name, 60));
		ASSERT_EQ(-EKEYREJECTED, verify_at(self, variant->at))
			TH_LOG("%s: %s", name, self->why);
		ASSERT_NE(NULL, strstr(self->why, "signature"))
			TH_LOG("%s", self->why);
	}
}

TEST_F(tcb, crl_signatures)
{
	static const char *const crls[] = { "root-crl.der",
					    "pck-platform-crl.der" };
	size_t i;

	NEED_VECTORS();

	for (i = 0; i < TWI_ARRAY_SIZE(crls); i++) {
		tdx_cache_destroy(&self->cache);
		ASSERT_EQ(0, tdx_cache_create(&self->cache, variant->set));
		/* a byte of the issuer name in the signed TBSCertList */
		ASSERT_EQ(0, tdx_cache_flip(&self->cache, crls[i], 40));
		ASSERT_NE(0, verify_at(self, variant->at)) TH_LOG("%s", crls[i]);
	}
}

/*
 * A genuine Intel chain that is not the TCB signing chain: the quote's own
 * PCK chain, whose leaf key a platform holds. It must not vouch for
 * collateral.
 */
TEST_F(tcb, pck_chain_as_signing_chain)
{
	uint8_t *begin, *end;

	NEED_VECTORS();

	begin = memmem(self->buf, self->len, "-----BEGIN", 10);
	ASSERT_NE(NULL, begin);
	for (end = begin; memmem(end, self->buf + self->len - end, "-----END", 8);)
		end = (uint8_t *)memmem(end, self->buf + self->len - end,
					"-----END", 8) + 8;
	end = (uint8_t *)strchr((char *)end, '\n') + 1;
	tdx_cache_remove_file(&self->cache, "tcb-signing-chain.pem");
	ASSERT_EQ(0, tdx_cache_write(&self->cache, "tcb-signing-chain.pem",
				     begin, end - begin));
	ASSERT_EQ(-EKEYREJECTED, verify_at(self, variant->at));
	ASSERT_NE(NULL, strstr(self->why, "not the Intel SGX TCB Signing"))
		TH_LOG("%s", self->why);
}

/* A chain without the signing certificate. */
TEST_F(tcb, root_only_signing_chain)
{
	NEED_VECTORS();

	tdx_cache_remove_file(&self->cache, "tcb-signing-chain.pem");
	ASSERT_EQ(0, tdx_cache_copy(&self->cache, "tcb-signing-chain.pem",
				    "tdx/intel-sgx-root-ca.pem"));
	ASSERT_EQ(-EBADMSG, verify_at(self, variant->at));
}

/* TCB info of another platform stored under this FMSPC's name. */
TEST_F(tcb, wrong_fmspc)
{
	const char *name, *other;

	NEED_VECTORS();

	name = quote_tcbinfo(self);
	other = self->res.fmspc[0] == 0x50 ?
		"tdx/gotdxguest-tcbinfo-fmspc90c06f000000.json" :
		"tdx/gotdxguest-tcbinfo-fmspc50806f000000.json";
	tdx_cache_remove_file(&self->cache, name);
	ASSERT_EQ(0, tdx_cache_copy(&self->cache, name, other));
	ASSERT_EQ(-ENOKEY, verify_at(self, variant->at)) TH_LOG("%s", self->why);
	ASSERT_NE(NULL, strstr(self->why, "FMSPC")) TH_LOG("%s", self->why);
}

TEST(other_quote_without_its_tcbinfo)
{
	struct twi_tdx_result res;
	struct tdx_cache cache;
	char why[TWI_WHY_MAX];
	uint8_t *buf;
	size_t len;

	if (!tdx_tv_present())
		SKIP(return, "no test vectors");
	ASSERT_EQ(0, tdx_tv_read("tdx/gotdxguest-v5-quote.bin", &buf, &len));
	ASSERT_EQ(0, tdx_cache_create(&cache, SET_DCAPQVL_V4));
	ASSERT_EQ(-ENOKEY, twi_tdx_verify(buf, len, cache.root,
					  tdx_time("2025-07-01T00:00:00Z"),
					  &res, why, sizeof(why)));
	ASSERT_NE(NULL, strstr(why, "tcbinfo-90c06f000000.json")) TH_LOG("%s", why);
	tdx_cache_destroy(&cache);
	free(buf);
}

/* Trailing bytes do not disturb the collateral checks either. */
TEST(trailing_text_with_collateral)
{
	struct twi_tdx_result res;
	struct tdx_cache cache;
	char why[TWI_WHY_MAX];
	uint8_t *buf;
	size_t len;

	if (!tdx_tv_present())
		SKIP(return, "no test vectors");
	ASSERT_EQ(0, tdx_tv_read("tdx/dcapqvl-v4-quote-padded.bin", &buf, &len));
	ASSERT_EQ(0, tdx_cache_create(&cache, SET_DCAPQVL_V4));
	memcpy(buf + 4936, "appended text, not part of the quote", 36);
	ASSERT_EQ(0, twi_tdx_verify(buf, len, cache.root,
				    tdx_time("2025-07-01T00:00:00Z"), &res,
				    why, sizeof(why))) TH_LOG("%s", why);
	ASSERT_EQ(70U, res.trailing_len);
	ASSERT_FALSE(res.trailing_zero);
	ASSERT_EQ((int)TWI_TDX_TCB_UP_TO_DATE, (int)res.tcb_status);
	tdx_cache_destroy(&cache);
	free(buf);
}

TEST_HARNESS_MAIN
