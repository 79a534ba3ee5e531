// SPDX-License-Identifier: GPL-2.0
/* Policy parsing and appraisal, on hand-made claims and on real reports. */
#include <string.h>

#include "kselftest_harness.h"
#include "selftests/host/verify_snp_vectors.h"
#include "userspace/verify/policy.h"
#include "userspace/verify/snp.h"
#include "userspace/verify/verify.h"

static int parse(struct twi_policy *p, const char *text, char *why)
{
	return twi_policy_parse(p, text, strlen(text), NULL, why, TWI_WHY_MAX);
}

struct bad_policy {
	const char *text;
	const char *why;
};

static const struct bad_policy bad_policies[] = {
	{ "[]", "top level must be an object" },
	{ "{", "not one JSON document" },
	{ "{} {}", "not one JSON document" },
	{ "{\"version\": 2}", "\"version\" must be 1" },
	{ "{\"frobnicate\": 1}", "unknown key \"frobnicate\"" },
	{ "{\"allow_debug\": 1}", "\"allow_debug\" must be true or false" },
	{ "{\"evidence\": [\"sgx\"]}", "bad value \"sgx\"" },
	{ "{\"evidence\": \"tdx\"}", "\"evidence\" must be an array" },
	{ "{\"tcb_status\": [\"Fine\"]}", "bad value \"Fine\"" },
	{ "{\"report_data\": \"abc\"}", "\"report_data\" must be hex" },
	{ "{\"reference_values\": {\"measurement\": [\"xy\"]}}", "bad value \"xy\"" },
	{ "{\"reference_values\": {\"measurement\": \"00\"}}", "must be an array" },
	{ "{\"minimums\": {\"tcb.ucode\": \"1\"}}", "must be an integer" },
	{ "{\"equals\": {\"vmpl\": [0]}}", "must be a string, integer or boolean" },
	{ "{\"required_claims\": [\"\"]}", "holds an empty or non-string entry" },
	{ "{\"identifier_patterns\": \"spiffe://*\"}", "must be an array" },
	{ "{\"identifier_patterns\": [1]}", "holds an empty or non-string entry" },
	{ "{\"max_age\": -1}", "\"max_age\" must be a number of seconds" },
	{ "{\"max_age\": \"1h\"}", "\"max_age\" must be a number of seconds" },
	{ "{\"sev-snp\": {\"allow_debug\": true}}", "unknown key \"allow_debug\" in section" },
	{ "{\"tdx\": []}", "section \"tdx\" must be an object" },
};

TEST(parse_errors)
{
	char why[TWI_WHY_MAX];
	struct twi_policy p;
	size_t i;

	for (i = 0; i < TWI_ARRAY_SIZE(bad_policies); i++) {
		why[0] = 0;
		ASSERT_EQ(-EINVAL, parse(&p, bad_policies[i].text, why));
		TH_LOG("%s -> %s", bad_policies[i].text, why);
		ASSERT_NE(NULL, strstr(why, bad_policies[i].why));
		ASSERT_EQ(NULL, p.root);
	}
}

TEST(parse_good)
{
	const char *text =
		"{ \"version\": 1, \"evidence\": [\"sev-snp\", \"tdx\"],"
		"  \"allow_debug\": false, \"allow_migration_agent\": true,"
		"  \"report_data\": \"ABCDEF\", \"cpak\": \"keys/cpak.pem\","
		"  \"tcb_status\": [\"UpToDate\"],"
		"  \"minimums\": { \"tcb.ucode\": 1 },"
		"  \"sev-snp\": { \"equals\": { \"vmpl\": 0 } } }";
	char why[TWI_WHY_MAX] = "";
	struct twi_policy p;

	ASSERT_EQ(0, twi_policy_parse(&p, text, strlen(text), "/etc/twi",
				      why, sizeof(why)));
	ASSERT_EQ(true, p.allow_migration_agent);
	ASSERT_EQ(false, p.allow_debug);
	ASSERT_STREQ("abcdef", p.report_data);
	ASSERT_STREQ("/etc/twi/keys/cpak.pem", p.cpak);
	twi_policy_free(&p);
}

FIXTURE(appraise) {
	struct twi_verdict v;
	struct twi_policy p;
};

FIXTURE_SETUP(appraise)
{
	ASSERT_EQ(0, twi_verdict_init(&self->v, 0));
	twi_policy_init(&self->p);
	self->v.tee = "sev-snp";
	json_object_object_add(self->v.claims, "measurement",
			       json_object_new_string("aabb"));
	json_object_object_add(self->v.claims, "tcb.ucode",
			       json_object_new_int(115));
	json_object_object_add(self->v.claims, "debug",
			       json_object_new_boolean(0));
	json_object_object_add(self->v.claims, "report_data",
			       json_object_new_string("12340000"));
	json_object_object_add(self->v.claims, "product",
			       json_object_new_string("Milan"));
}

FIXTURE_TEARDOWN(appraise)
{
	twi_verdict_free(&self->v);
	twi_policy_free(&self->p);
}

/* Parse text into the fixture's policy, appraise, return the status. */
static int run(struct __test_metadata *_metadata,
	       FIXTURE_DATA(appraise) *self, const char *text)
{
	char why[TWI_WHY_MAX] = "";

	if (text)
		EXPECT_EQ(0, parse(&self->p, text, why));
	twi_policy_appraise(&self->p, &self->v);
	TH_LOG("%s", json_object_to_json_string(self->v.reasons));
	return (int)self->v.status;
}

TEST_F(appraise, default_accepts)
{
	ASSERT_EQ(TWI_EAR_AFFIRMING, run(_metadata, self, NULL));
}

TEST_F(appraise, measurement_listed)
{
	ASSERT_EQ(TWI_EAR_AFFIRMING, run(_metadata, self,
		"{\"reference_values\": {\"measurement\": [\"00\", \"AABB\"]}}"));
}

TEST_F(appraise, measurement_not_listed)
{
	ASSERT_EQ(TWI_EAR_CONTRAINDICATED, run(_metadata, self,
		"{\"reference_values\": {\"measurement\": [\"aabc\"]}}"));
}

TEST_F(appraise, reference_for_absent_claim)
{
	ASSERT_EQ(TWI_EAR_CONTRAINDICATED, run(_metadata, self,
		"{\"reference_values\": {\"mrtd\": [\"aabb\"]}}"));
}

TEST_F(appraise, min_tcb_equal)
{
	ASSERT_EQ(TWI_EAR_AFFIRMING, run(_metadata, self,
		"{\"minimums\": {\"tcb.ucode\": 115}}"));
}

TEST_F(appraise, min_tcb_below)
{
	ASSERT_EQ(TWI_EAR_CONTRAINDICATED, run(_metadata, self,
		"{\"minimums\": {\"tcb.ucode\": 116}}"));
}

TEST_F(appraise, min_of_non_number)
{
	ASSERT_EQ(TWI_EAR_CONTRAINDICATED, run(_metadata, self,
		"{\"minimums\": {\"product\": 1}}"));
}

TEST_F(appraise, debug_refused_by_default)
{
	json_object_object_add(self->v.claims, "debug",
			       json_object_new_boolean(1));
	ASSERT_EQ(TWI_EAR_CONTRAINDICATED, run(_metadata, self, NULL));
}

TEST_F(appraise, debug_allowed)
{
	json_object_object_add(self->v.claims, "debug",
			       json_object_new_boolean(1));
	ASSERT_EQ(TWI_EAR_AFFIRMING, run(_metadata, self,
		"{\"allow_debug\": true}"));
}

TEST_F(appraise, migration_agent_refused_by_default)
{
	json_object_object_add(self->v.claims, "migration_agent",
			       json_object_new_boolean(1));
	ASSERT_EQ(TWI_EAR_CONTRAINDICATED, run(_metadata, self, NULL));
}

TEST_F(appraise, report_data_prefix)
{
	ASSERT_EQ(TWI_EAR_AFFIRMING, run(_metadata, self,
		"{\"report_data\": \"1234\"}"));
}

TEST_F(appraise, report_data_nonzero_tail)
{
	ASSERT_EQ(TWI_EAR_CONTRAINDICATED, run(_metadata, self,
		"{\"report_data\": \"12\"}"));
}

TEST_F(appraise, report_data_differs)
{
	ASSERT_EQ(TWI_EAR_CONTRAINDICATED, run(_metadata, self,
		"{\"report_data\": \"1235\"}"));
}

TEST_F(appraise, evidence_type_refused)
{
	ASSERT_EQ(TWI_EAR_CONTRAINDICATED, run(_metadata, self,
		"{\"evidence\": [\"tdx\", \"cca\"]}"));
}

TEST_F(appraise, section_of_other_tee_ignored)
{
	ASSERT_EQ(TWI_EAR_AFFIRMING, run(_metadata, self,
		"{\"tdx\": {\"minimums\": {\"tcb.ucode\": 200}}}"));
}

TEST_F(appraise, section_of_own_tee_applies)
{
	ASSERT_EQ(TWI_EAR_CONTRAINDICATED, run(_metadata, self,
		"{\"sev-snp\": {\"minimums\": {\"tcb.ucode\": 200}}}"));
}

TEST_F(appraise, azure_gets_hardware_section)
{
	self->v.tee = "azure-sev-snp";
	ASSERT_EQ(TWI_EAR_CONTRAINDICATED, run(_metadata, self,
		"{\"sev-snp\": {\"equals\": {\"product\": \"Genoa\"}}}"));
}

TEST_F(appraise, equals_case_insensitive_string)
{
	ASSERT_EQ(TWI_EAR_AFFIRMING, run(_metadata, self,
		"{\"equals\": {\"product\": \"milan\", \"debug\": false}}"));
}

TEST_F(appraise, equals_type_mismatch)
{
	ASSERT_EQ(TWI_EAR_CONTRAINDICATED, run(_metadata, self,
		"{\"equals\": {\"tcb.ucode\": \"115\"}}"));
}

TEST_F(appraise, required_claim_absent)
{
	ASSERT_EQ(TWI_EAR_CONTRAINDICATED, run(_metadata, self,
		"{\"required_claims\": [\"measurement\", \"csp\"]}"));
}

TEST_F(appraise, tdx_status_unknown_warns)
{
	self->v.tee = "tdx";
	json_object_object_add(self->v.claims, "tcb_status",
			       json_object_new_string("Unknown"));
	ASSERT_EQ(TWI_EAR_WARNING, run(_metadata, self, NULL));
	ASSERT_EQ(true, twi_verdict_accepted(&self->v));
}

TEST_F(appraise, tdx_status_out_of_date_refused)
{
	self->v.tee = "tdx";
	json_object_object_add(self->v.claims, "tcb_status",
			       json_object_new_string("OutOfDate"));
	ASSERT_EQ(TWI_EAR_CONTRAINDICATED, run(_metadata, self, NULL));
}

TEST_F(appraise, tdx_status_explicit_list)
{
	self->v.tee = "tdx";
	json_object_object_add(self->v.claims, "tcb_status",
			       json_object_new_string("Unknown"));
	ASSERT_EQ(TWI_EAR_CONTRAINDICATED, run(_metadata, self,
		"{\"tcb_status\": [\"UpToDate\"]}"));
}

static void add_identity(FIXTURE_DATA(appraise) *self, const char *id,
			 int64_t issued_at)
{
	json_object_object_add(self->v.claims, "identifier",
			       json_object_new_string(id));
	json_object_object_add(self->v.claims, "issued_at",
			       json_object_new_int64(issued_at));
}

TEST_F(appraise, identifier_matches)
{
	add_identity(self, "spiffe://example.org/web/1", 0);
	ASSERT_EQ(TWI_EAR_AFFIRMING, run(_metadata, self,
		"{\"identifier_patterns\": [\"spiffe://other/*\", "
		"\"spiffe://example.org/web/*\"]}"));
}

TEST_F(appraise, identifier_mismatch)
{
	add_identity(self, "spiffe://example.org/db/1", 0);
	ASSERT_EQ(TWI_EAR_CONTRAINDICATED, run(_metadata, self,
		"{\"identifier_patterns\": [\"spiffe://example.org/web/*\"]}"));
}

TEST_F(appraise, identifier_absent)
{
	ASSERT_EQ(TWI_EAR_CONTRAINDICATED, run(_metadata, self,
		"{\"identifier_patterns\": [\"*\"]}"));
}

/* The fixture's verdict time is 0: issued_at -100 is 100 s old. */
TEST_F(appraise, max_age_fresh)
{
	add_identity(self, "x", -100);
	ASSERT_EQ(TWI_EAR_AFFIRMING, run(_metadata, self, "{\"max_age\": 100}"));
}

TEST_F(appraise, max_age_too_old)
{
	add_identity(self, "x", -101);
	ASSERT_EQ(TWI_EAR_CONTRAINDICATED, run(_metadata, self,
		"{\"max_age\": 100}"));
}

TEST_F(appraise, max_age_future)
{
	add_identity(self, "x", 1);
	ASSERT_EQ(TWI_EAR_CONTRAINDICATED, run(_metadata, self,
		"{\"max_age\": 100}"));
}

TEST_F(appraise, max_age_absent)
{
	ASSERT_EQ(TWI_EAR_CONTRAINDICATED, run(_metadata, self,
		"{\"max_age\": 100}"));
}

/* The same rules on a real, verified report (trustee Milan, SOURCES.md). */
FIXTURE(real) {
	struct twi_snp_claims cl;
	uint8_t *buf;
};

FIXTURE_SETUP(real)
{
	struct twi_snp_certs c;
	char why[TWI_WHY_MAX];
	size_t len;
	int ret;

	self->buf = NULL;
	if (!tv_path("snp/trustee-milan-vcek.der") ||
	    tv_read("snp/trustee-milan-report-v2.bin", &self->buf, &len))
		SKIP(return, "test vectors missing (%s)", tv_dir());
	twi_snp_certs_init(&c);
	ASSERT_EQ(0, twi_snp_certs_add_file(&c,
		tv_path("snp/trustee-milan-vcek.der")));
	ASSERT_EQ(0, twi_snp_certs_add_file(&c,
		tv_path("snp/amd-milan-vcek-ask-ark.pem")));
	ret = twi_snp_verify(self->buf, len, &c, tv_time("2025-10-01"),
			     &self->cl, why, sizeof(why));
	twi_snp_certs_free(&c);
	ASSERT_EQ(0, ret);
}

FIXTURE_TEARDOWN(real)
{
	free(self->buf);
}

static int appraise_real(FIXTURE_DATA(real) *self, const char *fmt,
			 const char *arg)
{
	char text[1024], why[TWI_WHY_MAX];
	struct twi_verdict v;
	struct twi_policy p;
	int ret;

	snprintf(text, sizeof(text), fmt, arg);
	if (parse(&p, text, why))
		return -EINVAL;
	ret = twi_appraise_snp(&self->cl, &p, 0, &v);
	twi_verdict_free(&v);
	twi_policy_free(&p);
	return ret;
}

/* MEASUREMENT at 0x90 (48 bytes), read from the file, not from the parser. */
TEST_F(real, measurement_allow_list)
{
	char hex[97];

	if (!self->buf)
		SKIP(return, "test vectors missing");
	twi_hex_encode(self->buf + 0x90, 48, hex);
	ASSERT_EQ(0, appraise_real(self,
		"{\"reference_values\": {\"measurement\": [\"%s\"]}}", hex));
	hex[0] = hex[0] == '0' ? '1' : '0';
	ASSERT_EQ(-EPERM, appraise_real(self,
		"{\"reference_values\": {\"measurement\": [\"%s\"]}}", hex));
}

/* SOURCES.md: REPORTED_TCB bl/tee/snp/ucode = 3/0/8/115. */
TEST_F(real, minimum_tcb)
{
	if (!self->buf)
		SKIP(return, "test vectors missing");
	ASSERT_EQ(0, appraise_real(self, "{\"minimums\": {\"tcb.bl\": 3, "
		"\"tcb.tee\": 0, \"tcb.snp\": 8, \"tcb.ucode\": %s}}", "115"));
	ASSERT_EQ(-EPERM, appraise_real(self, "{\"minimums\": {\"tcb.ucode\": "
		"%s}}", "116"));
	ASSERT_EQ(-EPERM, appraise_real(self, "{\"minimums\": {\"tcb.snp\": "
		"%s}}", "9"));
	/* guest_svn 4 per SOURCES.md */
	ASSERT_EQ(0, appraise_real(self, "{\"minimums\": {\"guest_svn\": %s}}",
				   "4"));
	ASSERT_EQ(-EPERM, appraise_real(self,
		"{\"minimums\": {\"guest_svn\": %s}}", "5"));
}

TEST_HARNESS_MAIN
