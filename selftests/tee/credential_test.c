// SPDX-License-Identifier: GPL-2.0
/*
 * Host tests of credential verification and of --ark, with the test chain
 * of selftests/tee/mkchain (build/tee/chain, made by make) and SEV-SNP
 * reports built here and signed by OpenSSL with the test VCEK.  The report
 * layout comes from the SEV-SNP ABI specification, not from the verifier.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/bn.h>
#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/pem.h>

#include "kselftest_harness.h"
#include "selftests/tee/tee_util.h"
#include "userspace/verify/credential.h"
#include "userspace/verify/snp.h"
#include "userspace/verify/verify.h"

/* ECDSA with SHA-384 over the signed part of a report, DER. */
static int sign(EVP_PKEY *pkey, const uint8_t *r, unsigned char **sig,
		size_t *siglen)
{
	EVP_MD_CTX *md = EVP_MD_CTX_new();
	int ret = -1;

	*sig = NULL;
	if (!md || EVP_DigestSignInit(md, NULL, EVP_sha384(), NULL, pkey) != 1 ||
	    EVP_DigestSign(md, NULL, siglen, r, 0x2a0) != 1)
		goto out;
	*sig = malloc(*siglen);
	if (*sig && EVP_DigestSign(md, *sig, siglen, r, 0x2a0) == 1)
		ret = 0;
out:
	EVP_MD_CTX_free(md);
	return ret;
}

/* An SNP report over rd, signed with the chain's VCEK. */
static int make_report(uint8_t *r, const uint8_t rd[64])
{
	struct tbuf key = { 0 }, chip = { 0 }, tcbhex = { 0 };
	unsigned char *sig = NULL;
	const BIGNUM *br, *bs;
	EVP_PKEY *pkey = NULL;
	ECDSA_SIG *es = NULL;
	const unsigned char *p;
	size_t siglen = 0;
	uint64_t tcb;
	BIO *bio;
	int i, ret = -1;

	if (chain_file("vcek.key", &key) || chain_file("chip_id", &chip) ||
	    chain_file("tcb", &tcbhex) || chip.len != 64)
		goto out;
	tbuf_put(&tcbhex, "", 1);
	tcb = strtoull((char *)tcbhex.p, NULL, 16);
	memset(r, 0, TEE_REPORT_SIZE);
	r[0x00] = 3;				/* version */
	r[0x0a] = 0x03;				/* policy: bits 16, 17 */
	r[0x34] = 1;				/* ECDSA P-384 with SHA-384 */
	memcpy(r + 0x50, rd, 64);		/* report_data */
	for (i = 0; i < 8; i++) {		/* the TCBs */
		r[0x38 + i] = (uint8_t)(tcb >> (8 * i));
		r[0x180 + i] = r[0x38 + i];
		r[0x1e0 + i] = r[0x38 + i];
		r[0x1f0 + i] = r[0x38 + i];
	}
	r[0x188] = 0x19;			/* CPUID family: Genoa */
	r[0x189] = 0x11;			/* model */
	memcpy(r + 0x1a0, chip.p, 64);		/* chip_id */

	bio = BIO_new_mem_buf(key.p, (int)key.len);
	pkey = PEM_read_bio_PrivateKey(bio, NULL, NULL, NULL);
	BIO_free(bio);
	if (!pkey || sign(pkey, r, &sig, &siglen))
		goto out;
	p = sig;
	es = d2i_ECDSA_SIG(NULL, &p, (long)siglen);
	if (es) {
		ECDSA_SIG_get0(es, &br, &bs);
		if (BN_bn2lebinpad(br, r + 0x2a0, 48) == 48 &&
		    BN_bn2lebinpad(bs, r + 0x2a0 + 72, 48) == 48)
			ret = 0;
	}
out:
	ECDSA_SIG_free(es);
	free(sig);
	EVP_PKEY_free(pkey);
	tbuf_free(&key);
	tbuf_free(&chip);
	tbuf_free(&tcbhex);
	return ret;
}

static bool has_reason(const struct twi_verdict *v, const char *needle)
{
	size_t i, n = json_object_array_length(v->reasons);

	for (i = 0; i < n; i++)
		if (strstr(json_object_get_string(
				json_object_array_get_idx(v->reasons, i)),
			   needle))
			return true;
	return false;
}

static const char *claim_str(const struct twi_verdict *v, const char *name)
{
	json_object *o;

	if (!json_object_object_get_ex(v->claims, name, &o))
		return NULL;
	return json_object_get_string(o);
}

FIXTURE(cred) {
	char ark[4096], ask[4096], dir[64];
	struct tbuf table;
	struct tbuf stmt;
	uint8_t report[TEE_REPORT_SIZE];
	const char *arks[1];
	struct twi_verify_opts o;
};

FIXTURE_SETUP(cred)
{
	uint8_t rd[64];
	const char *d;

	memset(self, 0, sizeof(*self));
	d = chain_dir();
	if (!d)
		SKIP(return, "no test chain (make build/tee/chain/complete)");
	snprintf(self->ark, sizeof(self->ark), "%s/ark.pem", d);
	snprintf(self->ask, sizeof(self->ask), "%s/ask.pem", d);
	ASSERT_EQ(0, chain_file("certtable.bin", &self->table));
	stmt_build(&self->stmt, &(struct stmt_opts){ .issued_at = time(NULL) });
	SHA512(self->stmt.p, self->stmt.len, rd);
	ASSERT_EQ(0, make_report(self->report, rd));
	self->arks[0] = self->ark;
	self->o.ark = self->arks;
	self->o.n_ark = 1;
	self->o.at = time(NULL);
	strcpy(self->dir, "/tmp/twi-cred-XXXXXX");
	ASSERT_NE(NULL, mkdtemp(self->dir));
}

FIXTURE_TEARDOWN(cred)
{
	char cmd[128];

	tbuf_free(&self->table);
	tbuf_free(&self->stmt);
	if (self->dir[0]) {
		snprintf(cmd, sizeof(cmd), "rm -rf %s", self->dir);
		if (system(cmd))
			TH_LOG("cannot remove %s", self->dir);
	}
}

/* Verify a credential of stmt, ev and the table; -EPROTO if undetected. */
static int verify_cred(const struct tbuf *table,
		       const struct twi_verify_opts *o, const struct tbuf *stmt,
		       const char *tee, const uint8_t *ev, size_t evlen,
		       struct twi_verdict *v)
{
	struct tbuf c = { 0 };
	int ret = -EPROTO;

	/* a credential of tee "none" carries neither evidence nor aux */
	cred_build(&c, stmt, tee, ev, evlen, table->p,
		   strcmp(tee, "none") ? table->len : 0);
	if (twi_credential_detect(c.p, c.len))
		ret = twi_verify_evidence(c.p, c.len, o, v);
	else
		twi_verdict_init(v, 0);
	tbuf_free(&c);
	return ret;
}

/* The certificate table gives the VCEK, ASK and ARK. */
TEST_F(cred, certificate_table)
{
	struct twi_snp_certs c;

	twi_snp_certs_init(&c);
	ASSERT_EQ(0, twi_snp_certs_add_mem(&c, self->table.p, self->table.len));
	EXPECT_EQ(3, sk_X509_num(c.certs));
	twi_snp_certs_free(&c);
	/* cut before its terminating entry: refused, nothing added */
	ASSERT_EQ(-EBADMSG, twi_snp_certs_add_mem(&c, self->table.p, 3 * 24));
	EXPECT_GE(0, sk_X509_num(c.certs));	/* NULL stack: -1 */
	/* an entry pointing past the end */
	self->table.p[20] = 0xff;
	self->table.p[21] = 0xff;
	ASSERT_EQ(-EBADMSG, twi_snp_certs_add_mem(&c, self->table.p,
						  self->table.len));
	twi_snp_certs_free(&c);
}

TEST_F(cred, report_with_ark_accepted)
{
	struct twi_verify_opts o = self->o;
	struct twi_verdict v;
	const char *aux[1];
	char path[128];

	snprintf(path, sizeof(path), "%s/table.bin", self->dir);
	ASSERT_EQ(0, file_write(path, self->table.p, self->table.len));
	aux[0] = path;
	o.aux = aux;
	o.n_aux = 1;
	ASSERT_EQ(0, twi_verify_evidence(self->report, sizeof(self->report),
					 &o, &v));
	EXPECT_STREQ("sev-snp", v.tee);
	EXPECT_STREQ("Genoa", claim_str(&v, "product"));
	twi_verdict_free(&v);
}

TEST_F(cred, report_without_ark_refused)
{
	struct twi_verify_opts o = self->o;
	struct twi_verdict v;
	const char *aux[1];
	char path[128];

	snprintf(path, sizeof(path), "%s/table.bin", self->dir);
	ASSERT_EQ(0, file_write(path, self->table.p, self->table.len));
	aux[0] = path;
	o.aux = aux;
	o.n_aux = 1;
	o.n_ark = 0;
	ASSERT_EQ(-EKEYREJECTED, twi_verify_evidence(self->report,
						     sizeof(self->report),
						     &o, &v));
	EXPECT_TRUE(has_reason(&v, "not the pinned AMD ARK-Genoa"));
	twi_verdict_free(&v);
}

/* The ASK is not an ARK: not self-signed, not named ARK-*. */
TEST_F(cred, ark_must_be_a_root)
{
	struct twi_verdict v;
	const char *arks[1];

	arks[0] = self->ask;
	self->o.ark = arks;
	ASSERT_EQ(-ENOKEY, verify_cred(&self->table, &self->o, &self->stmt, "snp",
				       self->report, sizeof(self->report), &v));
	EXPECT_TRUE(has_reason(&v, "bad --ark"));
	twi_verdict_free(&v);
}

TEST_F(cred, credential_accepted_with_claims)
{
	struct twi_verdict v;
	json_object *claims, *app, *kernel, *cgroup;

	ASSERT_EQ(0, verify_cred(&self->table, &self->o, &self->stmt, "snp",
				 self->report, sizeof(self->report), &v));
	EXPECT_STREQ("sev-snp", v.tee);
	EXPECT_STREQ("spiffe://test.example/web", claim_str(&v, "identifier"));
	EXPECT_STREQ("tee", claim_str(&v, "attestation"));
	EXPECT_STREQ("11223344000000000000000000000000",
		     claim_str(&v, "credential_id"));
	EXPECT_STREQ("30593013", claim_str(&v, "public_key"));
	ASSERT_TRUE(json_object_object_get_ex(v.claims, "kernel", &kernel));
	ASSERT_TRUE(json_object_object_get_ex(kernel, "cgroup", &cgroup));
	EXPECT_STREQ("/twi/web", json_object_get_string(cgroup));
	ASSERT_TRUE(json_object_object_get_ex(v.claims, "claims", &claims));
	ASSERT_TRUE(json_object_object_get_ex(claims, "app", &app));
	EXPECT_STREQ("web", json_object_get_string(app));
	EXPECT_EQ(NULL, claim_str(&v, "nonce"));
	twi_verdict_free(&v);
}

TEST_F(cred, nonce_becomes_a_claim)
{
	static const uint8_t nonce[] = { 0xde, 0xad, 0xbe, 0xef };
	struct tbuf s = { 0 };
	struct twi_verdict v;
	uint8_t rd[64];

	stmt_build(&s, &(struct stmt_opts){ .nonce = nonce,
					    .nonce_len = sizeof(nonce) });
	SHA512(s.p, s.len, rd);
	ASSERT_EQ(0, make_report(self->report, rd));
	ASSERT_EQ(0, verify_cred(&self->table, &self->o, &s, "snp", self->report,
				 sizeof(self->report), &v));
	EXPECT_STREQ("deadbeef", claim_str(&v, "nonce"));
	twi_verdict_free(&v);
	tbuf_free(&s);
}

/* The report is genuine but made for another statement. */
TEST_F(cred, report_data_mismatch_refused)
{
	struct tbuf other = { 0 };
	struct twi_verdict v;

	stmt_build(&other, &(struct stmt_opts){
		.identifier = "spiffe://test.example/evil" });
	ASSERT_EQ(-EKEYREJECTED, verify_cred(&self->table, &self->o, &other, "snp",
					     self->report,
					     sizeof(self->report), &v));
	EXPECT_TRUE(has_reason(&v, "report_data is not SHA-512"));
	EXPECT_EQ((int)TWI_EAR_CONTRAINDICATED, (int)v.status);
	twi_verdict_free(&v);
	tbuf_free(&other);
}

TEST_F(cred, unattested_refused)
{
	struct tbuf s = { 0 };
	struct twi_verdict v;

	stmt_build(&s, &(struct stmt_opts){ .attest = "none" });
	ASSERT_EQ(-EKEYREJECTED, verify_cred(&self->table, &self->o, &s, "none",
					     NULL, 0, &v));
	EXPECT_TRUE(has_reason(&v, "unattested"));
	EXPECT_FALSE(twi_verdict_accepted(&v));
	twi_verdict_free(&v);
	/* "none" in the statement, whatever the credential says */
	ASSERT_EQ(-EKEYREJECTED, verify_cred(&self->table, &self->o, &s, "snp",
					     self->report,
					     sizeof(self->report), &v));
	EXPECT_TRUE(has_reason(&v, "unattested"));
	twi_verdict_free(&v);
	tbuf_free(&s);
}

TEST_F(cred, tee_mismatch_refused)
{
	struct twi_verdict v;

	ASSERT_EQ(-EBADMSG, verify_cred(&self->table, &self->o, &self->stmt, "tdx",
					self->report, sizeof(self->report),
					&v));
	EXPECT_TRUE(has_reason(&v, "names tdx evidence but carries sev-snp"));
	twi_verdict_free(&v);
}

TEST_F(cred, malformed_statements_refused)
{
	const struct stmt_opts bad[] = {
		{ .swap_keys = true },
		{ .unknown_key = true },
		{ .no_identifier = true },
	};
	struct twi_verdict v;
	struct tbuf s;
	uint8_t rd[64];
	size_t i;

	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		memset(&s, 0, sizeof(s));
		stmt_build(&s, &bad[i]);
		SHA512(s.p, s.len, rd);
		ASSERT_EQ(0, make_report(self->report, rd));
		EXPECT_EQ(-EBADMSG, verify_cred(&self->table, &self->o, &s, "snp",
						self->report,
						sizeof(self->report), &v));
		EXPECT_TRUE(has_reason(&v, "not a version 1 twi statement"));
		twi_verdict_free(&v);
		tbuf_free(&s);
	}
}

TEST_F(cred, policy_judges_the_statement)
{
	static const char text[] =
		"{\"version\": 1, \"identifier_patterns\": [\"spiffe://other/*\"]}";
	struct twi_policy p;
	struct twi_verdict v;
	char why[256];

	ASSERT_EQ(0, twi_policy_parse(&p, text, strlen(text), NULL, why,
				      sizeof(why)));
	self->o.policy = &p;
	ASSERT_EQ(-EPERM, verify_cred(&self->table, &self->o, &self->stmt, "snp",
				      self->report, sizeof(self->report), &v));
	EXPECT_TRUE(has_reason(&v, "matches none of the policy's patterns"));
	twi_verdict_free(&v);
	twi_policy_free(&p);
}

/* twictl verify: exit 0 with --ark, 1 without, on the credential file. */
TEST_F(cred, cli)
{
	char path[128], *argv[8];
	struct tbuf c = { 0 };
	int argc = 0;

	cred_build(&c, &self->stmt, "snp", self->report, sizeof(self->report),
		   self->table.p, self->table.len);
	snprintf(path, sizeof(path), "%s/cred.cbor", self->dir);
	ASSERT_EQ(0, file_write(path, c.p, c.len));
	tbuf_free(&c);
	argv[argc++] = "verify";
	argv[argc++] = path;
	argv[argc] = NULL;
	EXPECT_EQ(1, twi_cmd_verify(argc, argv));
	argv[argc++] = "--ark";
	argv[argc++] = self->ark;
	argv[argc] = NULL;
	EXPECT_EQ(0, twi_cmd_verify(argc, argv));
	/* getopt may have moved the arguments: set them all again */
	argv[0] = "verify";
	argv[1] = "--ark";
	argv[2] = "/nonexistent/ark.pem";
	argv[3] = path;
	EXPECT_EQ(1, twi_cmd_verify(argc, argv));
	argv[2] = self->ark;
	argv[4] = "--bogus";
	argv[5] = NULL;
	EXPECT_EQ(2, twi_cmd_verify(5, argv));
}

TEST_HARNESS_MAIN
