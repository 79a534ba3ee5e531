// SPDX-License-Identifier: GPL-2.0
/*
 * `twictl verify` through its library entry point: exit codes, policy
 * files, --aux, --at, --collateral, evidence detection.
 */
#include <fcntl.h>
#include <sys/stat.h>
#include <stdarg.h>
#include <string.h>
#include <unistd.h>

#include "kselftest_harness.h"
#include "selftests/host/verify_snp_vectors.h"
#include "userspace/verify/verify.h"

#define MAX_ARGS 16

/* Run twi_cmd_verify with stdout silenced (the harness owns stdout). */
static int cli(const char *first, ...)
{
	char *argv[MAX_ARGS + 1] = { "twi-verify" };
	int argc = 1, out, ret;
	const char *a;
	va_list ap;

	va_start(ap, first);
	for (a = first; a && argc < MAX_ARGS; a = va_arg(ap, const char *))
		argv[argc++] = strdup(a);
	va_end(ap);
	fflush(stdout);
	out = dup(1);
	dup2(open("/dev/null", O_WRONLY), 1);
	ret = twi_cmd_verify(argc, argv);
	fflush(stdout);
	dup2(out, 1);
	close(out);
	while (--argc)
		free(argv[argc]);
	return ret;
}

/* A vector's path, copied (tv_path() reuses its buffer). */
static char *vp(const char *rel)
{
	const char *p = tv_path(rel);

	return p ? strdup(p) : NULL;
}

static int write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");

	if (!f)
		return -1;
	fputs(text, f);
	return fclose(f);
}

TEST(usage_errors)
{
	ASSERT_EQ(2, cli(NULL));
	ASSERT_EQ(2, cli("--frobnicate", "x", NULL));
	ASSERT_EQ(2, cli("a", "b", NULL));
	ASSERT_EQ(2, cli("a", "--at", "yesterday", NULL));
	ASSERT_EQ(2, cli("a", "--policy", NULL));
	ASSERT_EQ(0, cli("--help", NULL));
}

TEST(runtime_errors)
{
	char dir[] = "/tmp/twi-verify-XXXXXX", path[64];

	ASSERT_NE(NULL, mkdtemp(dir));
	ASSERT_EQ(1, cli("/nonexistent/evidence", NULL));
	snprintf(path, sizeof(path), "%s/junk", dir);
	ASSERT_EQ(0, write_file(path, "not evidence"));
	ASSERT_EQ(1, cli(path, NULL));
	ASSERT_EQ(1, cli(path, "--policy", "/nonexistent/policy", NULL));
	unlink(path);
	rmdir(dir);
}

FIXTURE(snp) {
	char *report, *vcek, *chain;
	char *vlek_report, *vlek, *vlek_chain;
	char *debug_report, *debug_vcek, *milan_chain;
	char dir[32];
};

FIXTURE_SETUP(snp)
{
	self->report = vp("snp/oak-turin-report-v5.bin");
	self->vcek = vp("snp/oak-turin-vcek.der");
	self->chain = vp("snp/amd-turin-vcek-ask-ark.pem");
	self->vlek_report = vp("snp/trustee-aws-milan-vlek-report-v3.bin");
	self->vlek = vp("snp/trustee-aws-milan-vlek.der");
	self->vlek_chain = vp("snp/amd-milan-vlek-asvk-ark.pem");
	self->debug_report = vp("snp/gosevguest-milan-report.bin");
	self->debug_vcek = vp("snp/gosevguest-milan-vcek.der");
	self->milan_chain = vp("snp/amd-milan-vcek-ask-ark.pem");
	strcpy(self->dir, "/tmp/twi-verify-XXXXXX");
	ASSERT_NE(NULL, mkdtemp(self->dir));
}

FIXTURE_TEARDOWN(snp)
{
	char cmd[64];

	snprintf(cmd, sizeof(cmd), "rm -rf %s", self->dir);
	if (system(cmd))
		TH_LOG("cannot remove %s", self->dir);
	free(self->report);
	free(self->vcek);
	free(self->chain);
	free(self->vlek_report);
	free(self->vlek);
	free(self->vlek_chain);
	free(self->debug_report);
	free(self->debug_vcek);
	free(self->milan_chain);
}

#define NEED(...)                                                       \
	do {                                                            \
		const char *_need[] = { __VA_ARGS__ };                  \
		for (size_t _i = 0; _i < TWI_ARRAY_SIZE(_need); _i++)   \
			if (!_need[_i])                                 \
				SKIP(return, "test vectors missing");   \
	} while (0)

static char *policy_file(FIXTURE_DATA(snp) *self, const char *text)
{
	static char path[64];

	snprintf(path, sizeof(path), "%s/policy.json", self->dir);
	return write_file(path, text) ? NULL : path;
}

TEST_F(snp, accepted_with_aux)
{
	NEED(self->report, self->vcek, self->chain);
	ASSERT_EQ(0, cli(self->report, "--aux", self->vcek, "--aux",
			 self->chain, "--at", "2025-10-01", NULL));
	ASSERT_EQ(0, cli(self->report, "--aux", self->vcek, "--aux",
			 self->chain, "--at", "2025-10-01", "--json", NULL));
}

TEST_F(snp, missing_chain)
{
	NEED(self->report, self->vcek);
	ASSERT_EQ(1, cli(self->report, "--aux", self->vcek, NULL));
	ASSERT_EQ(1, cli(self->report, NULL));
}

TEST_F(snp, vlek_inside_and_after_window)
{
	NEED(self->vlek_report, self->vlek, self->vlek_chain);
	ASSERT_EQ(0, cli(self->vlek_report, "--aux", self->vlek, "--aux",
			 self->vlek_chain, "--at", "2025-06-01", NULL));
	ASSERT_EQ(1, cli(self->vlek_report, "--aux", self->vlek, "--aux",
			 self->vlek_chain, "--at", "2025-12-11", NULL));
}

/* go-sev-guest's report has POLICY 0xb0000: bit 19, DEBUG, is set. */
TEST_F(snp, debug_refused_unless_allowed)
{
	const char *allow;

	NEED(self->debug_report, self->debug_vcek, self->milan_chain);
	ASSERT_EQ(1, cli(self->debug_report, "--aux", self->debug_vcek,
			 "--aux", self->milan_chain, "--at", "2025-10-01", NULL));
	allow = policy_file(self, "{\"version\": 1, \"allow_debug\": true}");
	ASSERT_EQ(0, cli(self->debug_report, "--aux", self->debug_vcek,
			 "--aux", self->milan_chain, "--at", "2025-10-01",
			 "--policy", allow, NULL));
}

TEST_F(snp, policy_measurement_and_tcb)
{
	char text[512], hex[97];
	uint8_t *buf;
	size_t len;

	NEED(self->report, self->vcek, self->chain);
	ASSERT_EQ(0, twi_read_file(self->report, &buf, &len));
	twi_hex_encode(buf + 0x90, 48, hex);	/* MEASUREMENT */
	free(buf);
	/* SOURCES.md: Turin fmc/bl/tee/snp/ucode 0/1/0/2/71 */
	snprintf(text, sizeof(text),
		 "{\"evidence\": [\"sev-snp\"], \"sev-snp\": {"
		 "\"reference_values\": {\"measurement\": [\"%s\"]},"
		 "\"minimums\": {\"tcb.bl\": 1, \"tcb.snp\": 2, \"tcb.ucode\": 71},"
		 "\"equals\": {\"product\": \"Turin\", \"signer\": \"vcek\"}}}",
		 hex);
	ASSERT_EQ(0, cli(self->report, "--aux", self->vcek, "--aux",
			 self->chain, "--at", "2025-10-01", "--policy",
			 policy_file(self, text), NULL));
	ASSERT_EQ(1, cli(self->report, "--aux", self->vcek, "--aux",
			 self->chain, "--at", "2025-10-01", "--policy",
			 policy_file(self, "{\"minimums\": {\"tcb.ucode\": 72}}"),
			 NULL));
	ASSERT_EQ(1, cli(self->report, "--aux", self->vcek, "--aux",
			 self->chain, "--at", "2025-10-01", "--policy",
			 policy_file(self, "{\"evidence\": [\"tdx\"]}"), NULL));
	ASSERT_EQ(1, cli(self->report, "--aux", self->vcek, "--aux",
			 self->chain, "--at", "2025-10-01", "--policy",
			 policy_file(self, "{\"minimums\": 3}"), NULL));
}

static int copy_file(const char *from, const char *to)
{
	uint8_t *buf;
	size_t len;
	FILE *f;
	int ret;

	ret = twi_read_file(from, &buf, &len);
	if (ret)
		return ret;
	f = fopen(to, "wb");
	ret = !f || fwrite(buf, 1, len, f) != len;
	if (f && fclose(f))
		ret = 1;
	free(buf);
	return ret;
}

/* DIR/snp/PRODUCT/ask_ark.pem and DIR/snp/vcek/CHIPID-TCB.der (hex) */
TEST_F(snp, collateral_dir)
{
	char path[256], chip[17], tcb[17];
	uint8_t *buf;
	size_t len;

	NEED(self->report, self->vcek, self->chain);
	ASSERT_EQ(0, twi_read_file(self->report, &buf, &len));
	twi_hex_encode(buf + 0x1a0, 8, chip);	/* Turin: 8-byte chip id */
	twi_hex_encode(buf + 0x180, 8, tcb);	/* REPORTED_TCB */
	free(buf);
	snprintf(path, sizeof(path), "%s/snp", self->dir);
	ASSERT_EQ(0, mkdir(path, 0700));
	snprintf(path, sizeof(path), "%s/snp/turin", self->dir);
	ASSERT_EQ(0, mkdir(path, 0700));
	snprintf(path, sizeof(path), "%s/snp/vcek", self->dir);
	ASSERT_EQ(0, mkdir(path, 0700));
	snprintf(path, sizeof(path), "%s/snp/turin/ask_ark.pem", self->dir);
	ASSERT_EQ(0, copy_file(self->chain, path));
	ASSERT_EQ(1, cli(self->report, "--collateral", self->dir, "--at",
			 "2025-10-01", NULL));
	snprintf(path, sizeof(path), "%s/snp/vcek/%s-%s.der", self->dir, chip,
		 tcb);
	ASSERT_EQ(0, copy_file(self->vcek, path));
	ASSERT_EQ(0, cli(self->report, "--collateral", self->dir, "--at",
			 "2025-10-01", NULL));
}

/* The library entry point's verdict. */
TEST_F(snp, verdict_contents)
{
	const char *aux[2] = { self->vcek, self->chain };
	struct twi_verify_opts o = { .aux = aux, .n_aux = 2 };
	struct twi_verdict v;
	json_object *c;
	uint8_t *buf;
	char *json;
	size_t len;
	int ret;

	NEED(self->report, self->vcek, self->chain);
	ASSERT_EQ(0, twi_read_file(self->report, &buf, &len));
	o.at = tv_time("2025-10-01");
	ret = twi_verify_evidence(buf, len, &o, &v);
	free(buf);
	ASSERT_EQ(0, ret);
	ASSERT_STREQ("sev-snp", v.tee);
	ASSERT_EQ(TWI_EAR_AFFIRMING, (int)v.status);
	ASSERT_NE(0, json_object_object_get_ex(v.claims, "tcb.ucode", &c));
	ASSERT_EQ(71, json_object_get_int(c));
	ASSERT_NE(0, json_object_object_get_ex(v.claims, "product", &c));
	ASSERT_STREQ("Turin", json_object_get_string(c));
	json = twi_verdict_json(&v);
	ASSERT_NE(NULL, json);
	ASSERT_NE(NULL, strstr(json, "\"ear.status\":\"affirming\""));
	free(json);
	twi_verdict_free(&v);
}

/* Claims the caller adds are appraised, and never replace evidence claims. */
TEST_F(snp, extra_claims)
{
	const char *aux[2] = { self->vcek, self->chain };
	struct twi_verify_opts o = { .aux = aux, .n_aux = 2 };
	json_object *extra, *c;
	char why[TWI_WHY_MAX];
	struct twi_verdict v;
	struct twi_policy p;
	const char *text = "{\"identifier_patterns\": [\"spiffe://t/*\"], "
			   "\"max_age\": 60}";
	uint8_t *buf;
	size_t len;

	NEED(self->report, self->vcek, self->chain);
	ASSERT_EQ(0, twi_read_file(self->report, &buf, &len));
	ASSERT_EQ(0, twi_policy_parse(&p, text, strlen(text), NULL, why,
				      sizeof(why)));
	o.policy = &p;
	o.at = tv_time("2025-10-01");
	extra = json_object_new_object();
	json_object_object_add(extra, "identifier",
			       json_object_new_string("spiffe://t/web"));
	json_object_object_add(extra, "issued_at",
			       json_object_new_int64(o.at - 30));
	json_object_object_add(extra, "product", json_object_new_string("x"));
	o.extra_claims = extra;
	ASSERT_EQ(0, twi_verify_evidence(buf, len, &o, &v));
	ASSERT_NE(0, json_object_object_get_ex(v.claims, "product", &c));
	ASSERT_STREQ("Turin", json_object_get_string(c));
	twi_verdict_free(&v);
	o.at += 60;	/* now 90 s old */
	ASSERT_EQ(-EPERM, twi_verify_evidence(buf, len, &o, &v));
	twi_verdict_free(&v);
	json_object_put(extra);
	twi_policy_free(&p);
	free(buf);
}

/* Status of twi_verify_evidence() on a file with --aux files; -1 on error. */
static int status_of(const char *evidence, const char *const *aux,
		     size_t n_aux, const char *at)
{
	struct twi_verify_opts o = { .aux = aux, .n_aux = n_aux };
	struct twi_verdict v;
	uint8_t *buf;
	size_t len;
	int status;

	if (twi_read_file(evidence, &buf, &len))
		return -1;
	o.at = tv_time(at);
	twi_verify_evidence(buf, len, &o, &v);
	free(buf);
	status = v.claims ? (int)v.status : -1;
	twi_verdict_free(&v);
	return status;
}

/* Azure SEV-SNP with the vTPM quote, its signature and the PCR values. */
TEST(azure_snp_full_evidence)
{
	char *hcl = vp("azure/trustee-az-genoa-hcl-report.bin");
	char *aux[5] = {
		vp("azure/trustee-az-genoa-tpm-quote.msg"),
		vp("azure/trustee-az-genoa-tpm-quote.sig"),
		vp("azure/trustee-az-genoa-pcrs-sha256.bin"),
		vp("snp/azure-genoa-vcek.pem"),
		vp("snp/amd-genoa-vcek-ask-ark.pem"),
	};
	char dir[] = "/tmp/twi-verify-XXXXXX", pcrs[64];
	uint8_t *buf;
	size_t len;
	int i;

	for (i = 0; i < 5; i++)
		if (!hcl || !aux[i])
			SKIP(return, "test vectors missing");
	ASSERT_EQ(0, cli(hcl, "--aux", aux[0], "--aux", aux[1], "--aux",
			 aux[2], "--aux", aux[3], "--aux", aux[4], "--at",
			 "2025-10-01", NULL));
	/* one PCR bit changed: the quote's pcrDigest no longer matches */
	ASSERT_NE(NULL, mkdtemp(dir));
	snprintf(pcrs, sizeof(pcrs), "%s/pcrs", dir);
	ASSERT_EQ(0, twi_read_file(aux[2], &buf, &len));
	buf[5] ^= 1;
	FILE *f = fopen(pcrs, "wb");
	ASSERT_NE(NULL, f);
	ASSERT_EQ(len, fwrite(buf, 1, len, f));
	fclose(f);
	free(buf);
	ASSERT_EQ(1, cli(hcl, "--aux", aux[0], "--aux", aux[1], "--aux", pcrs,
			 "--aux", aux[3], "--aux", aux[4], "--at", "2025-10-01",
			 NULL));
	unlink(pcrs);
	rmdir(dir);
	for (i = 0; i < 5; i++)
		free(aux[i]);
	free(hcl);
}

TEST(azure_milan)
{
	char *hcl = vp("azure/trustee-az-milan-hcl-report.bin");
	char *chain = vp("snp/azure-milan-vcek-ask-ark.pem");

	if (!hcl || !chain)
		SKIP(return, "test vectors missing");
	ASSERT_EQ(0, cli(hcl, "--aux", chain, "--at", "2025-10-01", NULL));
	ASSERT_EQ(1, cli(hcl, "--at", "2025-10-01", NULL));
	free(hcl);
	free(chain);
}

/* Azure TDX needs its TD quote; without collateral the TCB is unknown. */
TEST(azure_tdx)
{
	char *hcl = vp("azure/trustee-az-tdx-hcl-report.bin");
	char *quote = vp("azure/trustee-az-tdx-td-quote-v4.bin");
	const char *aux[1] = { quote };

	if (!hcl || !quote)
		SKIP(return, "test vectors missing");
	ASSERT_EQ(0, cli(hcl, "--aux", quote, "--at", "2025-10-01", NULL));
	ASSERT_EQ(TWI_EAR_WARNING, status_of(hcl, aux, 1, "2025-10-01"));
	ASSERT_EQ(1, cli(hcl, "--at", "2025-10-01", NULL));
	ASSERT_EQ(TWI_EAR_NONE, status_of(hcl, NULL, 0, "2025-10-01"));
	free(hcl);
	free(quote);
}

/* CCA: the platform key from --aux or from the policy. */
TEST(cca_platform_key)
{
	char *token = vp("cca/trustee-cca-example-token.cbor");
	char *jwk = vp("cca/trustee-cpak-pub.jwk.json");
	char *other = vp("cca/veraison-tfrmm-cca-token.cbor");
	char dir[] = "/tmp/twi-verify-XXXXXX", path[64], text[4200];

	if (!token || !jwk || !other)
		SKIP(return, "test vectors missing");
	ASSERT_EQ(0, cli(token, "--aux", jwk, NULL));
	ASSERT_EQ(1, cli(token, NULL));
	ASSERT_NE(NULL, mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/policy.json", dir);
	snprintf(text, sizeof(text), "{\"cpak\": \"%s\"}", jwk);
	ASSERT_EQ(0, write_file(path, text));
	ASSERT_EQ(0, cli(token, "--policy", path, NULL));
	/* SOURCES.md: both tokens share the CPAK */
	ASSERT_EQ(0, cli(other, "--policy", path, NULL));
	unlink(path);
	rmdir(dir);
	free(token);
	free(jwk);
	free(other);
}

TEST(detect_kinds)
{
	static const struct {
		const char *file;
		enum twi_evidence_kind kind;
	} cases[] = {
		{ "snp/oak-genoa-report-v5.bin", TWI_EVIDENCE_SNP },
		{ "snp/gosevguest-milan-report.bin", TWI_EVIDENCE_SNP },
		{ "tdx/trustee-v4-quote.bin", TWI_EVIDENCE_TDX },
		{ "tdx/gotdxguest-v5-quote.bin", TWI_EVIDENCE_TDX },
		{ "cca/veraison-tfrmm-cca-token.cbor", TWI_EVIDENCE_CCA },
		{ "azure/trustee-az-milan-hcl-report.bin", TWI_EVIDENCE_AZURE },
		{ "snp/oak-genoa-vcek.der", TWI_EVIDENCE_UNKNOWN },
	};
	uint8_t *buf;
	size_t i, len;

	for (i = 0; i < TWI_ARRAY_SIZE(cases); i++) {
		if (tv_read(cases[i].file, &buf, &len))
			SKIP(return, "test vectors missing");
		ASSERT_EQ(cases[i].kind, twi_evidence_detect(buf, len));
		free(buf);
	}
}

TEST_HARNESS_MAIN
