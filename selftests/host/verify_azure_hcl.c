// SPDX-License-Identifier: GPL-2.0
/*
 * Azure HCL reports and vTPM quotes from the test vectors (azure/ in
 * SOURCES.md): runtime claims binding, quote signature under HCLAkPub, PCR
 * digest, TDREPORT against the TD quote, and single-byte changes refused.
 */
#include <string.h>

#include "kselftest_harness.h"
#include "selftests/host/verify_cca_vectors.h"
#include "userspace/verify/azure.h"

#define AZ "azure/"
#define RUNTIME_OFF (32 + 1184 + 20)	/* SOURCES.md: HCL layout */

struct files {
	uint8_t *hcl, *quote, *sig, *pcrs, *td;
	struct twi_azure_evidence ev;
};

static void put_files(struct files *f)
{
	free(f->hcl);
	free(f->quote);
	free(f->sig);
	free(f->pcrs);
	free(f->td);
}

/* Load the Genoa set (quote, signature, PCRs); false when absent. */
static bool genoa(struct files *f)
{
	struct twi_azure_evidence *ev = &f->ev;

	memset(f, 0, sizeof(*f));
	f->hcl = vec_load(AZ "trustee-az-genoa-hcl-report.bin", &ev->hcl_len);
	f->quote = vec_load(AZ "trustee-az-genoa-tpm-quote.msg",
			    &ev->quote_len);
	f->sig = vec_load(AZ "trustee-az-genoa-tpm-quote.sig",
			  &ev->quote_sig_len);
	f->pcrs = vec_load(AZ "trustee-az-genoa-pcrs-sha256.bin",
			   &ev->pcrs_len);
	ev->hcl = f->hcl;
	ev->quote = f->quote;
	ev->quote_sig = f->sig;
	ev->pcrs = f->pcrs;
	if (f->hcl && f->quote && f->sig && f->pcrs)
		return true;
	put_files(f);
	return false;
}

static bool tdx(struct files *f)
{
	memset(f, 0, sizeof(*f));
	f->hcl = vec_load(AZ "trustee-az-tdx-hcl-report.bin", &f->ev.hcl_len);
	f->td = vec_load(AZ "trustee-az-tdx-td-quote-v4.bin",
			 &f->ev.td_quote_len);
	f->ev.hcl = f->hcl;
	f->ev.td_quote = f->td;
	if (f->hcl && f->td)
		return true;
	put_files(f);
	return false;
}

static struct twi_azure_result res;
static char why[TWI_WHY_MAX];

static int verify(const struct twi_azure_evidence *ev)
{
	why[0] = 0;
	return twi_azure_verify(ev, &res, why, sizeof(why));
}

/* The runtime claims length, read from the IGVM header (SOURCES.md). */
static size_t runtime_len(const uint8_t *hcl)
{
	return twi_le32(hcl + RUNTIME_OFF - 4);
}

TEST(genoa_full)
{
	uint8_t *snp, md[32];
	struct files f;
	size_t len;

	if (!genoa(&f))
		SKIP(return, "azure test vectors are absent");
	ASSERT_EQ(0, verify(&f.ev)) TH_LOG("%s", why);
	ASSERT_EQ((uint32_t)TWI_AZURE_REPORT_SNP, res.report_type);
	ASSERT_EQ(1184u, res.hw_report_len);
	ASSERT_TRUE(res.have_quote);
	ASSERT_TRUE(res.have_pcrs);
	ASSERT_EQ(0xffffffu, res.quote.pcr_mask);
	ASSERT_EQ(0, memcmp(res.pcrs, f.pcrs, sizeof(res.pcrs)));
	ASSERT_TRUE(res.secure_boot);
	ASSERT_TRUE(res.tpm_enabled);
	ASSERT_STREQ("390CBCF5-6C67-4D9B-98EF-C3F1699CC8FC", res.vm_unique_id);

	/* runtime digest: SHA-256 of the JSON, computed here */
	ASSERT_EQ(32, vec_sha("SHA256", f.hcl + RUNTIME_OFF,
			      runtime_len(f.hcl), md));
	ASSERT_EQ(32u, res.runtime_digest_len);
	ASSERT_EQ(0, memcmp(md, res.runtime_digest, 32));
	/* pcrDigest: SHA-256 over all 24 PCRs, computed here */
	ASSERT_EQ(32, vec_sha("SHA256", f.pcrs, f.ev.pcrs_len, md));
	ASSERT_EQ(0, memcmp(md, res.quote.pcr_digest, 32));

	/* the embedded report is snp/azure-genoa-report-v3.bin */
	snp = vec_load("snp/azure-genoa-report-v3.bin", &len);
	if (snp) {
		ASSERT_EQ(len, res.hw_report_len);
		ASSERT_EQ(0, memcmp(snp, res.hw_report, len));
		free(snp);
	}
	put_files(&f);
}

TEST(milan_hcl_only)
{
	struct twi_azure_evidence ev = { 0 };
	uint8_t *hcl, *snp;
	size_t len;

	hcl = vec_load(AZ "trustee-az-milan-hcl-report.bin", &ev.hcl_len);
	if (!hcl)
		SKIP(return, "azure test vectors are absent");
	ev.hcl = hcl;
	ASSERT_EQ(0, verify(&ev)) TH_LOG("%s", why);
	ASSERT_FALSE(res.have_quote);
	snp = vec_load("snp/azure-milan-report-v2.bin", &len);
	if (snp) {
		ASSERT_EQ(0, memcmp(snp, res.hw_report, len));
		free(snp);
	}
	free(hcl);
}

TEST(tdx_hcl_and_td_quote)
{
	struct files f;

	if (!tdx(&f))
		SKIP(return, "azure test vectors are absent");
	ASSERT_EQ(0, verify(&f.ev)) TH_LOG("%s", why);
	ASSERT_EQ((uint32_t)TWI_AZURE_REPORT_TDX, res.report_type);
	ASSERT_EQ(1024u, res.hw_report_len);
	ASSERT_TRUE(res.td_quote_matched);
	/* TD quote v4 body: MRTD at 48 + 136, RTMR3 at 48 + 472 */
	f.td[48 + 136] ^= 1;
	ASSERT_EQ(-EKEYREJECTED, verify(&f.ev));
	ASSERT_NE(NULL, strstr(why, "MRTD"));
	f.td[48 + 136] ^= 1;
	f.td[48 + 472 + 47] ^= 0x80;
	ASSERT_EQ(-EKEYREJECTED, verify(&f.ev));
	f.td[48 + 472 + 47] ^= 0x80;
	f.td[0] = 3;
	ASSERT_EQ(-EBADMSG, verify(&f.ev));
	put_files(&f);
}

/*
 * Every byte of the HCL header, the SNP REPORT_DATA, the IGVM header and
 * the runtime claims is checked here; the rest of the SNP report is the
 * SEV-SNP verifier's (its signature covers it).
 */
TEST(hcl_byte_flips)
{
	static const char *const files[] = {
		AZ "trustee-az-genoa-hcl-report.bin",
		AZ "trustee-az-milan-hcl-report.bin",
		AZ "trustee-az-tdx-hcl-report.bin",
	};
	struct twi_azure_evidence ev = { 0 };
	size_t i, k, end, rd;
	uint8_t *hcl;

	for (k = 0; k < ARRAY_SIZE(files); k++) {
		hcl = vec_load(files[k], &ev.hcl_len);
		if (!hcl)
			SKIP(return, "azure test vectors are absent");
		ev.hcl = hcl;
		ASSERT_EQ(0, verify(&ev));
		rd = 32 + (res.report_type == TWI_AZURE_REPORT_SNP ? 0x50 : 128);
		end = RUNTIME_OFF + runtime_len(hcl);
		for (i = 0; i < ev.hcl_len; i++) {
			bool checked = i < 32 || (i >= rd && i < rd + 64) ||
				       (i >= 32 + 1184 && i < end);

			if (!checked && i < end)
				continue;
			hcl[i] ^= 0x20;
			ASSERT_NE(0, verify(&ev))
				TH_LOG("%s byte %zu accepted", files[k], i);
			hcl[i] ^= 0x20;
		}
		/* truncation anywhere before the end of the claims */
		for (i = 0; i < end; i += 7) {
			ev.hcl_len = i;
			ASSERT_EQ(-EBADMSG, verify(&ev));
		}
		free(hcl);
	}
}

TEST(quote_byte_flips)
{
	struct files f;
	size_t i;

	if (!genoa(&f))
		SKIP(return, "azure test vectors are absent");
	for (i = 0; i < f.ev.quote_len; i++) {
		f.quote[i] ^= 0x04;
		ASSERT_NE(0, verify(&f.ev)) TH_LOG("quote byte %zu", i);
		f.quote[i] ^= 0x04;
	}
	for (i = 0; i < f.ev.quote_sig_len; i++) {
		f.sig[i] ^= 0x40;
		ASSERT_EQ(-EKEYREJECTED, verify(&f.ev)) TH_LOG("sig byte %zu", i);
		f.sig[i] ^= 0x40;
	}
	for (i = 0; i < f.ev.pcrs_len; i++) {
		f.pcrs[i] ^= 0x01;
		ASSERT_EQ(-EKEYREJECTED, verify(&f.ev)) TH_LOG("PCR byte %zu", i);
		f.pcrs[i] ^= 0x01;
	}
	for (i = 0; i < f.ev.quote_len; i++) {
		struct twi_azure_tpm_quote q;

		ASSERT_EQ(-EBADMSG, twi_azure_quote_parse(f.quote, i, &q, why,
							  sizeof(why)));
	}
	ASSERT_EQ(0, verify(&f.ev));
	put_files(&f);
}

TEST(quote_forms_and_misuse)
{
	struct twi_azure_evidence ev;
	uint8_t *milan, tpmt[6 + 256];
	struct files f;
	size_t len;

	if (!genoa(&f))
		SKIP(return, "azure test vectors are absent");
	ev = f.ev;

	/* the same signature wrapped as TPMT_SIGNATURE (RSASSA, SHA256) */
	memcpy(tpmt, "\x00\x14\x00\x0b\x01\x00", 6);
	memcpy(tpmt + 6, f.sig, 256);
	ev.quote_sig = tpmt;
	ev.quote_sig_len = sizeof(tpmt);
	ASSERT_EQ(0, verify(&ev)) TH_LOG("%s", why);
	tpmt[3] = 0x0c;		/* SHA-384 */
	ASSERT_EQ(-EBADMSG, verify(&ev));

	/* a signature of the wrong size, none at all */
	ev = f.ev;
	ev.quote_sig_len = 255;
	ASSERT_EQ(-EBADMSG, verify(&ev));
	ev.quote_sig = NULL;
	ev.quote_sig_len = 0;
	ASSERT_EQ(-EBADMSG, verify(&ev));

	/* PCR values that no quote vouches for, or the wrong number */
	ev = f.ev;
	ev.quote = NULL;
	ev.quote_len = 0;
	ASSERT_EQ(-EBADMSG, verify(&ev));
	ev = f.ev;
	ev.pcrs_len = 23 * 32;
	ASSERT_EQ(-EBADMSG, verify(&ev));

	/* the quote under another VM's attestation key */
	milan = vec_load(AZ "trustee-az-milan-hcl-report.bin", &len);
	if (milan) {
		ev = f.ev;
		ev.hcl = milan;
		ev.hcl_len = len;
		ASSERT_EQ(-EKEYREJECTED, verify(&ev));
		ASSERT_NE(NULL, strstr(why, "HCLAkPub"));
		free(milan);
	}
	ev = f.ev;
	ev.hcl = NULL;
	ASSERT_EQ(-EBADMSG, verify(&ev));
	put_files(&f);
}

/* Load certificate files for the SEV-SNP chain; false when one is absent. */
static bool certs(struct twi_snp_certs *c, const char *const files[])
{
	const char *dir = getenv("TWI_TESTVECTORS");
	char path[PATH_MAX];
	size_t i;

	twi_snp_certs_init(c);
	for (i = 0; files[i]; i++) {
		snprintf(path, sizeof(path), "%s/%s",
			 dir && *dir ? dir : "../shared/testvectors", files[i]);
		if (twi_snp_certs_add_file(c, path)) {
			twi_snp_certs_free(c);
			return false;
		}
	}
	return true;
}

static time_t at(const char *s)
{
	time_t t = 0;

	twi_parse_time(s, &t);
	return t;
}

#define AT_SNP "2025-10-01T00:00:00Z"	/* inside the VCEK windows */
#define AT_TDX "2025-07-01T00:00:00Z"

TEST(genoa_snp_chain)
{
	static const char *const genoa_files[] = {
		"snp/azure-genoa-vcek.pem", "snp/amd-genoa-vcek-ask-ark.pem",
		NULL,
	};
	static const char *const milan_files[] = {
		"snp/azure-milan-vcek-ask-ark.pem", NULL,
	};
	static struct twi_snp_claims snp;
	struct twi_snp_certs c;
	struct files f;
	size_t i;

	if (!genoa(&f))
		SKIP(return, "azure test vectors are absent");
	if (!certs(&c, genoa_files)) {
		put_files(&f);
		SKIP(return, "snp test vectors are absent");
	}
	ASSERT_EQ(0, twi_azure_verify_snp(&f.ev, &c, at(AT_SNP), &res, &snp,
					  why, sizeof(why)))
		TH_LOG("%s", why);
	/* SOURCES.md: Genoa, TCB 10/0/23/84 */
	ASSERT_EQ(TWI_SNP_GENOA, (int)snp.product);
	ASSERT_EQ(10, snp.reported.bl);
	ASSERT_EQ(0, snp.reported.tee);
	ASSERT_EQ(23, snp.reported.snp);
	ASSERT_EQ(84, snp.reported.ucode);
	ASSERT_EQ(0, memcmp(snp.report.report_data, res.runtime_digest, 32));

	/* the signed part of the embedded report, every 8th byte */
	for (i = 0; i < 0x2a0; i += 8) {
		f.hcl[32 + i] ^= 0x10;
		ASSERT_NE(0, twi_azure_verify_snp(&f.ev, &c, at(AT_SNP), &res,
						  &snp, why, sizeof(why)))
			TH_LOG("report byte %zu accepted", i);
		f.hcl[32 + i] ^= 0x10;
	}
	twi_snp_certs_free(&c);

	/* a Milan chain cannot vouch for a Genoa report */
	ASSERT_TRUE(certs(&c, milan_files));
	ASSERT_NE(0, twi_azure_verify_snp(&f.ev, &c, at(AT_SNP), &res, &snp,
					  why, sizeof(why)));
	twi_snp_certs_free(&c);
	put_files(&f);
}

TEST(milan_snp_chain)
{
	static const char *const files[] = {
		"snp/azure-milan-vcek-ask-ark.pem", NULL,
	};
	static struct twi_snp_claims snp;
	struct twi_azure_evidence ev = { 0 };
	struct twi_snp_certs c;
	uint8_t *hcl;

	hcl = vec_load(AZ "trustee-az-milan-hcl-report.bin", &ev.hcl_len);
	if (!hcl)
		SKIP(return, "azure test vectors are absent");
	ev.hcl = hcl;
	if (!certs(&c, files)) {
		free(hcl);
		SKIP(return, "snp test vectors are absent");
	}
	ASSERT_EQ(0, twi_azure_verify_snp(&ev, &c, at(AT_SNP), &res, &snp,
					  why, sizeof(why)))
		TH_LOG("%s", why);
	ASSERT_EQ(TWI_SNP_MILAN, (int)snp.product);
	ASSERT_EQ(2u, snp.report.version);
	/* REPORT_DATA binding is checked before the chain */
	hcl[32 + 0x50] ^= 1;
	ASSERT_EQ(-EKEYREJECTED, twi_azure_verify_snp(&ev, &c, at(AT_SNP),
						      &res, &snp, why,
						      sizeof(why)));
	ASSERT_NE(NULL, strstr(why, "REPORT_DATA"));
	twi_snp_certs_free(&c);
	free(hcl);
}

TEST(tdx_chain)
{
	static struct twi_tdx_result tdx_res;
	struct twi_azure_evidence ev;
	struct files f;

	if (!tdx(&f))
		SKIP(return, "azure test vectors are absent");
	ASSERT_EQ(0, twi_azure_verify_tdx(&f.ev, NULL, at(AT_TDX), &res,
					  &tdx_res, why, sizeof(why)))
		TH_LOG("%s", why);
	ASSERT_TRUE(res.td_quote_matched);
	ASSERT_EQ(0, memcmp(tdx_res.report_data, res.runtime_digest, 32));
	ASSERT_EQ(0, memcmp(tdx_res.mrtd, res.hw_report + 528, 48));

	/* the quote's signature covers what the TDREPORT repeats */
	f.td[48 + 520] ^= 1;
	f.hcl[32 + 128] ^= 1;
	ASSERT_NE(0, twi_azure_verify_tdx(&f.ev, NULL, at(AT_TDX), &res,
					  &tdx_res, why, sizeof(why)));
	f.td[48 + 520] ^= 1;
	f.hcl[32 + 128] ^= 1;

	/* no TD quote, or an SNP HCL report */
	ev = f.ev;
	ev.td_quote = NULL;
	ASSERT_EQ(-EBADMSG, twi_azure_verify_tdx(&ev, NULL, at(AT_TDX), &res,
						 &tdx_res, why, sizeof(why)));
	put_files(&f);
}

/* Trustee's evidence JSON holds the same bytes as the extracted files. */
TEST(evidence_json)
{
	static const char *const bad[] = {
		"{}",
		"{\"report\": [1, 2, 256]}",
		"{\"report\": [1, -1]}",
		"{\"report\": \"AAAA\"}",
		"{\"report\": [1], \"quote\": {\"message\": [1]}}",
		"{\"report\": [1], \"quote\": {\"message\": [1], "
		"\"signature\": [2], \"pcrs\": [[1]]}}",
		"{\"report\": [1], \"vcek\": 5}",
		"[]",
	};
	static const char *const files[] = {
		"snp/amd-genoa-vcek-ask-ark.pem", NULL,
	};
	static struct twi_snp_claims snp;
	struct twi_azure_bundle b;
	struct twi_snp_certs c;
	uint8_t *json;
	struct files f;
	size_t len, i;

	json = vec_load(AZ "trustee-az-snp-vtpm-evidence-genoa.json", &len);
	if (!json || !genoa(&f)) {
		free(json);
		SKIP(return, "azure test vectors are absent");
	}
	ASSERT_EQ(0, twi_azure_bundle_parse((char *)json, len, &b, why,
					    sizeof(why)));
	ASSERT_EQ(f.ev.hcl_len, b.ev.hcl_len);
	ASSERT_EQ(0, memcmp(f.hcl, b.ev.hcl, f.ev.hcl_len));
	ASSERT_EQ(f.ev.quote_len, b.ev.quote_len);
	ASSERT_EQ(0, memcmp(f.quote, b.ev.quote, f.ev.quote_len));
	ASSERT_EQ(f.ev.quote_sig_len, b.ev.quote_sig_len);
	ASSERT_EQ(0, memcmp(f.sig, b.ev.quote_sig, f.ev.quote_sig_len));
	ASSERT_EQ(f.ev.pcrs_len, b.ev.pcrs_len);
	ASSERT_EQ(0, memcmp(f.pcrs, b.ev.pcrs, f.ev.pcrs_len));
	ASSERT_NE(NULL, b.vcek_pem);

	/* the whole chain from the JSON alone plus the AMD chain */
	if (certs(&c, files)) {
		ASSERT_EQ(0, twi_snp_certs_add_mem(&c, (uint8_t *)b.vcek_pem,
						   b.vcek_pem_len));
		ASSERT_EQ(0, twi_azure_verify_snp(&b.ev, &c, at(AT_SNP), &res,
						  &snp, why, sizeof(why)))
			TH_LOG("%s", why);
		ASSERT_TRUE(res.have_pcrs);
		twi_snp_certs_free(&c);
	}
	twi_azure_bundle_free(&b);
	put_files(&f);
	free(json);

	for (i = 0; i < ARRAY_SIZE(bad); i++)
		ASSERT_EQ(-EBADMSG, twi_azure_bundle_parse(bad[i],
							   strlen(bad[i]), &b,
							   why, sizeof(why)))
			TH_LOG("accepted bad[%zu]", i);
}

TEST_HARNESS_MAIN
