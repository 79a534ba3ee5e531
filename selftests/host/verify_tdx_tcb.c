// SPDX-License-Identifier: GPL-2.0
/*
 * TDX TCB level matching and collateral parsing on synthetic documents,
 * with the expectations taken from Intel's rules: levels are tried in
 * order and the first one the platform meets or exceeds in every SGX
 * component, PCESVN and TDX component wins; a TDX module with
 * TEE_TCB_SVN[1] > 0 is rated by tdxModuleIdentities "TDX_<nn>" and its
 * first two TDX components are then not compared; an OutOfDate module or
 * QE makes the result OutOfDate(ConfigurationNeeded); Revoked wins.
 */
#include "kselftest_harness.h"

#include "selftests/host/verify_tdx.h"
#include "userspace/verify/tdx_local.h"

#define ZERO96 "000000000000000000000000000000000000000000000000" \
	       "000000000000000000000000000000000000000000000000"

/* One tcbLevel: every SGX component sgx, PCESVN pcesvn, TDX tdx[0..2]. */
static int level(char *out, size_t n, unsigned int sgx, unsigned int pcesvn,
		 const unsigned int tdx[3], const char *status,
		 const char *adv)
{
	char sgxc[512] = "", tdxc[512] = "";
	size_t i;

	for (i = 0; i < 16; i++) {
		snprintf(sgxc + strlen(sgxc), sizeof(sgxc) - strlen(sgxc),
			 "%s{\"svn\":%u}", i ? "," : "", sgx);
		snprintf(tdxc + strlen(tdxc), sizeof(tdxc) - strlen(tdxc),
			 "%s{\"svn\":%u}", i ? "," : "", i < 3 ? tdx[i] : 0);
	}
	return snprintf(out, n,
			"{\"tcb\":{\"sgxtcbcomponents\":[%s],\"pcesvn\":%u,"
			"\"tdxtcbcomponents\":[%s]},\"tcbDate\":\"2024-03-13T00:00:00Z\","
			"\"tcbStatus\":\"%s\"%s}",
			sgxc, pcesvn, tdxc, status, adv ? adv : "");
}

/*
 * Levels: UpToDate (sgx 4, pcesvn 11, tdx 5/0/3), SWHardeningNeeded with
 * an advisory (sgx 4, pcesvn 11, tdx 5/0/2), ConfigurationNeeded (sgx 3,
 * pcesvn 10, tdx 0/0/2), OutOfDate (sgx 2, pcesvn 5, tdx 0/0/1), Revoked
 * (sgx 1, pcesvn 1, tdx 0/0/0). Module TDX_01: ISVSVN 4 UpToDate, 2
 * OutOfDate with an advisory, 1 Revoked.
 */
static char *make_tcbinfo(const char *fmspc)
{
	static const unsigned int t0[3] = { 5, 0, 3 }, t1[3] = { 5, 0, 2 },
		t2[3] = { 0, 0, 2 }, t3[3] = { 0, 0, 1 }, t4[3] = { 0 };
	char l[5][1400];
	char *doc = malloc(10000);

	level(l[0], sizeof(l[0]), 4, 11, t0, "UpToDate", NULL);
	level(l[1], sizeof(l[1]), 4, 11, t1, "SWHardeningNeeded",
	      ",\"advisoryIDs\":[\"INTEL-SA-00001\",\"INTEL-SA-00002\"]");
	level(l[2], sizeof(l[2]), 3, 10, t2, "ConfigurationNeeded", NULL);
	level(l[3], sizeof(l[3]), 2, 5, t3, "OutOfDate", NULL);
	level(l[4], sizeof(l[4]), 1, 1, t4, "Revoked", NULL);
	snprintf(doc, 10000,
		 "{\"id\":\"TDX\",\"version\":3,\"issueDate\":\"2025-06-19T10:16:03Z\","
		 "\"nextUpdate\":\"2025-07-19T10:16:03Z\",\"fmspc\":\"%s\","
		 "\"pceId\":\"0000\",\"tcbType\":0,\"tcbEvaluationDataNumber\":17,"
		 "\"tdxModule\":{\"mrsigner\":\"" ZERO96 "\","
		 "\"attributes\":\"0000000000000000\",\"attributesMask\":\"FFFFFFFFFFFFFFFF\"},"
		 "\"tdxModuleIdentities\":[{\"id\":\"TDX_01\",\"mrsigner\":\"" ZERO96 "\","
		 "\"attributes\":\"0000000000000000\",\"attributesMask\":\"FFFFFFFFFFFFFFFF\","
		 "\"tcbLevels\":[{\"tcb\":{\"isvsvn\":4},\"tcbDate\":\"2024-03-13T00:00:00Z\","
		 "\"tcbStatus\":\"UpToDate\"},{\"tcb\":{\"isvsvn\":2},"
		 "\"tcbDate\":\"2023-08-09T00:00:00Z\",\"tcbStatus\":\"OutOfDate\","
		 "\"advisoryIDs\":[\"INTEL-SA-00002\",\"INTEL-SA-00003\"]},"
		 "{\"tcb\":{\"isvsvn\":1},\"tcbDate\":\"2022-01-01T00:00:00Z\","
		 "\"tcbStatus\":\"Revoked\"}]}],"
		 "\"tcbLevels\":[%s,%s,%s,%s,%s]}",
		 fmspc, l[0], l[1], l[2], l[3], l[4]);
	return doc;
}

static const char qe_identity_doc[] =
	"{\"id\":\"TD_QE\",\"version\":2,\"issueDate\":\"2025-06-19T10:32:27Z\","
	"\"nextUpdate\":\"2025-07-19T10:32:27Z\",\"tcbEvaluationDataNumber\":17,"
	"\"miscselect\":\"00000000\",\"miscselectMask\":\"FFFFFFFF\","
	"\"attributes\":\"11000000000000000000000000000000\","
	"\"attributesMask\":\"FBFFFFFFFFFFFFFF0000000000000000\","
	"\"mrsigner\":\"DC9E2A7C6F948F17474E34A7FC43ED030F7C1563F1BABDDF6340C82E0E54A8C5\","
	"\"isvprodid\":2,\"tcbLevels\":[{\"tcb\":{\"isvsvn\":4},"
	"\"tcbDate\":\"2024-03-13T00:00:00Z\",\"tcbStatus\":\"UpToDate\"}]}";

FIXTURE(tcb) {
	struct twi_tdx_tcbinfo ti;
	struct twi_tdx_qe_identity qe;
	struct twi_tdx_pck_info pck;
	struct twi_tdx_quote q;
	struct twi_tdx_result res;
	uint8_t body[TWI_TDX_BODY10_SIZE];
	uint8_t qe_report[TWI_TDX_QE_REPORT_SIZE];
	char why[TWI_WHY_MAX];
};

/* A platform exactly at the UpToDate level with module TDX_01 SVN 4. */
FIXTURE_SETUP(tcb)
{
	char *doc = make_tcbinfo("B0C06F000000");

	ASSERT_NE(NULL, doc);
	ASSERT_EQ(0, twi_tdx_tcbinfo_parse(doc, strlen(doc), &self->ti,
					   self->why, sizeof(self->why)))
		TH_LOG("%s", self->why);
	free(doc);
	ASSERT_EQ(0, twi_tdx_qe_identity_parse(qe_identity_doc,
					       strlen(qe_identity_doc),
					       &self->qe, self->why,
					       sizeof(self->why)));
	memset(self->pck.sgx_svn, 4, 16);
	self->pck.pcesvn = 11;
	self->body[0] = 4;	/* TEE_TCB_SVN: module SVN 4, TDX_01, 3 */
	self->body[1] = 1;
	self->body[2] = 3;
	self->qe_report[48] = 0x11;	/* QE ATTRIBUTES */
	twi_hex_decode("DC9E2A7C6F948F17474E34A7FC43ED030F7C1563F1BABDDF6340C82E0E54A8C5",
		       self->qe_report + 128, 32);
	self->qe_report[256] = 2;	/* ISVPRODID */
	self->qe_report[258] = 4;	/* ISVSVN */
	self->q.body = self->body;
	self->q.qe_report = self->qe_report;
}

FIXTURE_TEARDOWN(tcb)
{
	twi_tdx_tcbinfo_free(&self->ti);
	twi_tdx_qe_identity_free(&self->qe);
}

static int evaluate(struct _test_data_tcb *self)
{
	memset(&self->res, 0, sizeof(self->res));
	self->why[0] = 0;
	return twi_tdx_tcb_evaluate(&self->ti, &self->qe, &self->pck, &self->q,
				    &self->res, self->why, sizeof(self->why));
}

#define ASSERT_STATUS(want, self) \
	ASSERT_EQ((int)(want), (int)(self)->res.tcb_status) \
		TH_LOG("got %s", twi_tdx_tcb_status_name((self)->res.tcb_status))

TEST_F(tcb, parsed)
{
	ASSERT_EQ(5U, self->ti.n_levels);
	ASSERT_EQ(1U, self->ti.n_module_ids);
	ASSERT_STREQ("TDX_01", self->ti.module_ids[0].id);
	ASSERT_EQ(3U, self->ti.module_ids[0].n_levels);
	ASSERT_EQ(0xb0, self->ti.fmspc[0]);
	ASSERT_EQ(tdx_time("2025-07-19T10:16:03Z"), self->ti.next_update);
	ASSERT_EQ(2, self->qe.isvprodid);
}

TEST_F(tcb, up_to_date)
{
	ASSERT_EQ(0, evaluate(self)) TH_LOG("%s", self->why);
	ASSERT_TRUE(self->res.tcb_evaluated);
	ASSERT_STATUS(TWI_TDX_TCB_UP_TO_DATE, self);
	ASSERT_EQ(0U, self->res.n_advisories);
	ASSERT_STREQ("2024-03-13T00:00:00Z", self->res.tcb_date);
	ASSERT_EQ(17U, self->res.tcb_eval_number);
}

TEST_F(tcb, second_level_and_advisories)
{
	self->body[2] = 2;	/* TDX component 2 below the first level */
	ASSERT_EQ(0, evaluate(self)) TH_LOG("%s", self->why);
	ASSERT_STATUS(TWI_TDX_TCB_SW_HARDENING_NEEDED, self);
	ASSERT_EQ(2U, self->res.n_advisories);
	ASSERT_STREQ("INTEL-SA-00001", self->res.advisory_ids[0]);
}

TEST_F(tcb, pcesvn_selects_level)
{
	self->pck.pcesvn = 10;
	ASSERT_EQ(0, evaluate(self));
	ASSERT_STATUS(TWI_TDX_TCB_CONFIGURATION_NEEDED, self);
}

TEST_F(tcb, one_sgx_component_selects_level)
{
	self->pck.sgx_svn[15] = 2;
	ASSERT_EQ(0, evaluate(self));
	ASSERT_STATUS(TWI_TDX_TCB_OUT_OF_DATE, self);
	ASSERT_EQ((int)TWI_TDX_TCB_OUT_OF_DATE, (int)self->res.platform_status);
}

TEST_F(tcb, revoked_level)
{
	memset(self->pck.sgx_svn, 1, 16);
	ASSERT_EQ(-EKEYREVOKED, evaluate(self));
	ASSERT_STATUS(TWI_TDX_TCB_REVOKED, self);
}

TEST_F(tcb, no_level)
{
	self->pck.sgx_svn[7] = 0;
	ASSERT_EQ(-EKEYREJECTED, evaluate(self));
	ASSERT_NE(NULL, strstr(self->why, "SGX component 8 >= 1, PCK has 0"))
		TH_LOG("%s", self->why);
	ASSERT_FALSE(self->res.tcb_evaluated);
}

/* With a module identity, TDX components 0 and 1 are not compared. */
TEST_F(tcb, module_identity_skips_first_components)
{
	self->body[0] = 5;	/* above TDX_01's level 4, below nothing */
	self->ti.levels[0].tdx_svn[0] = 9;
	ASSERT_EQ(0, evaluate(self));
	ASSERT_STATUS(TWI_TDX_TCB_UP_TO_DATE, self);
}

/* Major version 0: tdxModule, every TDX component compared. */
TEST_F(tcb, module_version_zero_compares_all)
{
	self->body[0] = 4;	/* below the first two levels' 5 */
	self->body[1] = 0;
	ASSERT_EQ(0, evaluate(self));
	ASSERT_STATUS(TWI_TDX_TCB_CONFIGURATION_NEEDED, self);
	ASSERT_EQ((int)TWI_TDX_TCB_UP_TO_DATE, (int)self->res.module_status);
}

TEST_F(tcb, module_out_of_date)
{
	self->body[0] = 3;	/* TDX_01 level 2: OutOfDate */
	ASSERT_EQ(0, evaluate(self));
	ASSERT_EQ((int)TWI_TDX_TCB_UP_TO_DATE, (int)self->res.platform_status);
	ASSERT_EQ((int)TWI_TDX_TCB_OUT_OF_DATE, (int)self->res.module_status);
	ASSERT_STATUS(TWI_TDX_TCB_OUT_OF_DATE, self);
	ASSERT_EQ(2U, self->res.n_advisories);	/* 00002, 00003 */
}

TEST_F(tcb, module_out_of_date_configuration)
{
	self->body[0] = 3;
	self->pck.pcesvn = 10;	/* platform ConfigurationNeeded */
	ASSERT_EQ(0, evaluate(self));
	ASSERT_STATUS(TWI_TDX_TCB_OUT_OF_DATE_CONFIGURATION_NEEDED, self);
}

TEST_F(tcb, module_revoked)
{
	self->body[0] = 1;
	ASSERT_EQ(-EKEYREVOKED, evaluate(self));
	ASSERT_STATUS(TWI_TDX_TCB_REVOKED, self);
}

TEST_F(tcb, module_below_every_level)
{
	self->body[0] = 0;
	ASSERT_EQ(-EKEYREJECTED, evaluate(self));
	ASSERT_NE(NULL, strstr(self->why, "below every level"))
		TH_LOG("%s", self->why);
}

TEST_F(tcb, module_identity_missing)
{
	self->body[1] = 2;
	ASSERT_EQ(-EKEYREJECTED, evaluate(self));
	ASSERT_NE(NULL, strstr(self->why, "TDX_02")) TH_LOG("%s", self->why);
}

TEST_F(tcb, module_signer)
{
	self->body[64 + 47] = 1;	/* MRSIGNERSEAM */
	ASSERT_EQ(-EKEYREJECTED, evaluate(self));
	self->body[64 + 47] = 0;
	self->body[112] = 1;		/* SEAM attributes, mask all ones */
	ASSERT_EQ(-EKEYREJECTED, evaluate(self));
}

TEST_F(tcb, qe_out_of_date)
{
	self->qe_report[258] = 3;	/* below the only QE level */
	ASSERT_EQ(0, evaluate(self));
	ASSERT_EQ((int)TWI_TDX_TCB_OUT_OF_DATE, (int)self->res.qe_status);
	ASSERT_STATUS(TWI_TDX_TCB_OUT_OF_DATE, self);
}

TEST_F(tcb, qe_identity_mismatch)
{
	self->qe_report[128] ^= 1;	/* MRSIGNER */
	ASSERT_EQ(-EKEYREJECTED, evaluate(self));
	self->qe_report[128] ^= 1;
	self->qe_report[256] = 1;	/* ISVPRODID */
	ASSERT_EQ(-EKEYREJECTED, evaluate(self));
	self->qe_report[256] = 2;
	self->qe_report[48] = 0x13;	/* masked attribute bit (DEBUG) */
	ASSERT_EQ(-EKEYREJECTED, evaluate(self));
	self->qe_report[48] = 0x15;	/* bit 2 is outside the mask */
	ASSERT_EQ(0, evaluate(self)) TH_LOG("%s", self->why);
}

/* Documents that are not TDX v3 TCB info / TD_QE v2 identities. */
TEST(malformed_documents)
{
	static const char *const edits[][2] = {
		{ "\"id\":\"TDX\"", "\"id\":\"SGX\"" },
		{ "\"version\":3", "\"version\":2" },
		{ "\"tcbType\":0", "\"tcbType\":1" },
		{ "\"tcbStatus\":\"UpToDate\"", "\"tcbStatus\":\"Fine\"" },
		{ "{\"svn\":4},", "" },		/* 15 SGX components */
		{ "\"fmspc\":\"B0C06F000000\"", "\"fmspc\":\"B0C06F\"" },
		{ "\"pcesvn\":11", "\"pcesvn\":-1" },
		{ "\"issueDate\":\"2025-06-19T10:16:03Z\"",
		  "\"issueDate\":\"yesterday\"" },
	};
	struct twi_tdx_qe_identity qe;
	struct twi_tdx_tcbinfo ti;
	char why[TWI_WHY_MAX];
	size_t i;

	for (i = 0; i < TWI_ARRAY_SIZE(edits); i++) {
		char *doc = make_tcbinfo("B0C06F000000"), *p, *out;

		ASSERT_NE(NULL, doc);
		p = strstr(doc, edits[i][0]);
		ASSERT_NE(NULL, p) TH_LOG("edit %zu", i);
		ASSERT_LE(0, asprintf(&out, "%.*s%s%s", (int)(p - doc), doc,
				      edits[i][1], p + strlen(edits[i][0])));
		ASSERT_EQ(-EBADMSG, twi_tdx_tcbinfo_parse(out, strlen(out), &ti,
							  why, sizeof(why)))
			TH_LOG("edit %zu accepted", i);
		free(out);
		free(doc);
	}
	ASSERT_EQ(-EBADMSG, twi_tdx_qe_identity_parse("{}", 2, &qe, why,
						      sizeof(why)));
	ASSERT_EQ(-EBADMSG, twi_tdx_tcbinfo_parse("{\"id\":\"TDX\"} x", 15, &ti,
						  why, sizeof(why)));
}

TEST(json_member)
{
	static const char doc[] =
		" { \"a\" : [1, \"}\"], \"tcb\\\"Info\": {\"x\":\"\\\"}\"},"
		"\"tcbInfo\" :{\"k\":{\"s\":\"{\"}} , \"signature\":\"00\"}";
	size_t off, len;

	ASSERT_EQ(0, twi_tdx_json_member(doc, strlen(doc), "tcbInfo", &off,
					 &len));
	ASSERT_EQ(strlen("{\"k\":{\"s\":\"{\"}}"), len);
	ASSERT_EQ(0, memcmp(doc + off, "{\"k\":{\"s\":\"{\"}}", len));
	ASSERT_EQ(0, twi_tdx_json_member(doc, strlen(doc), "signature", &off,
					 &len));
	ASSERT_EQ(0, memcmp(doc + off, "\"00\"", len));
	ASSERT_EQ(-ENOENT, twi_tdx_json_member(doc, strlen(doc), "enclaveIdentity",
					       &off, &len));
	ASSERT_EQ(-EBADMSG, twi_tdx_json_member("[1]", 3, "tcbInfo", &off,
						&len));
	ASSERT_EQ(-EBADMSG, twi_tdx_json_member("{\"tcbInfo\":{", 12,
						"tcbInfo", &off, &len));
}

TEST(status_names)
{
	enum twi_tdx_tcb_status st;

	for (st = TWI_TDX_TCB_UP_TO_DATE; st < __TWI_TDX_TCB_MAX; st++)
		ASSERT_EQ((int)st, (int)twi_tdx_status_parse(
				twi_tdx_tcb_status_name(st)));
	ASSERT_STREQ("ConfigurationAndSWHardeningNeeded",
		     twi_tdx_tcb_status_name(
			     TWI_TDX_TCB_CONFIGURATION_AND_SW_HARDENING_NEEDED));
	ASSERT_STREQ("Unknown", twi_tdx_tcb_status_name(__TWI_TDX_TCB_MAX));
}

TEST_HARNESS_MAIN
