// SPDX-License-Identifier: GPL-2.0
/*
 * SEV-SNP verification against the real reports and certificates in the
 * test vectors (SOURCES.md gives the expected outcomes and TCB values).
 */
#include <string.h>

#include "kselftest_harness.h"
#include "selftests/host/verify_snp_vectors.h"
#include "userspace/verify/snp.h"

#define SNP "snp/"
#define AT_OK "2025-10-01T00:00:00Z"	/* inside every window in snp/ */

struct tcb5 {
	int fmc, bl, tee, snp, ucode;
};

/* Load a report and up to three certificate files; 1 = vectors missing. */
static int load(const char *report, const char *const files[],
		uint8_t **buf, size_t *len, struct twi_snp_certs *c)
{
	int i;

	twi_snp_certs_init(c);
	*buf = NULL;
	if (tv_read(report, buf, len))
		return 1;
	for (i = 0; files[i]; i++) {
		if (!tv_path(files[i]) ||
		    twi_snp_certs_add_file(c, tv_path(files[i]))) {
			free(*buf);
			*buf = NULL;
			twi_snp_certs_free(c);
			return 1;
		}
	}
	return 0;
}

/*
 * Report signatures are checked with OpenSSL and, when the library has it,
 * twi's own P-384 core (the default then): tests run with each.
 */
static int n_backends(void)
{
	return twi_snp_set_sig_backend(TWI_SNP_SIG_TWI) ? 1 : 2;
}

static void use_backend(int i)
{
	twi_snp_set_sig_backend(i ? TWI_SNP_SIG_TWI : TWI_SNP_SIG_OPENSSL);
}

FIXTURE(good) {
	struct twi_snp_certs certs;
	uint8_t *buf;
	size_t len;
};

FIXTURE_VARIANT(good) {
	const char *report;
	const char *files[3];
	enum twi_snp_product product;
	enum twi_snp_signer signer;
	struct tcb5 tcb;
	unsigned int version;
};

FIXTURE_VARIANT_ADD(good, gosevguest_milan) {
	.report = SNP "gosevguest-milan-report.bin",
	.files = { SNP "gosevguest-milan-vcek.der",
		   SNP "amd-milan-vcek-ask-ark.pem" },
	.product = TWI_SNP_MILAN, .tcb = { 0, 2, 0, 5, 68 }, .version = 2,
};

FIXTURE_VARIANT_ADD(good, virteesev_milan) {
	.report = SNP "virteesev-milan-report.bin",
	.files = { SNP "virteesev-milan-vcek.der",
		   SNP "amd-milan-vcek-ask-ark.pem" },
	.product = TWI_SNP_MILAN, .tcb = { 0, 3, 0, 8, 115 }, .version = 2,
};

FIXTURE_VARIANT_ADD(good, trustee_milan) {
	.report = SNP "trustee-milan-report-v2.bin",
	.files = { SNP "trustee-milan-vcek.der",
		   SNP "amd-milan-vcek-ask-ark.pem" },
	.product = TWI_SNP_MILAN, .tcb = { 0, 3, 0, 8, 115 }, .version = 2,
};

FIXTURE_VARIANT_ADD(good, aws_milan_vlek) {
	.report = SNP "trustee-aws-milan-vlek-report-v3.bin",
	.files = { SNP "trustee-aws-milan-vlek.der",
		   SNP "amd-milan-vlek-asvk-ark.pem" },
	.product = TWI_SNP_MILAN, .signer = TWI_SNP_SIGNER_VLEK,
	.tcb = { 0, 4, 0, 24, 217 }, .version = 3,
};

FIXTURE_VARIANT_ADD(good, azure_milan) {
	.report = SNP "azure-milan-report-v2.bin",
	.files = { SNP "azure-milan-vcek-ask-ark.pem" },
	.product = TWI_SNP_MILAN, .tcb = { 0, 3, 0, 8, 115 }, .version = 2,
};

FIXTURE_VARIANT_ADD(good, azure_genoa) {
	.report = SNP "azure-genoa-report-v3.bin",
	.files = { SNP "azure-genoa-vcek.pem",
		   SNP "amd-genoa-vcek-ask-ark.pem" },
	.product = TWI_SNP_GENOA, .tcb = { 0, 10, 0, 23, 84 }, .version = 3,
};

FIXTURE_VARIANT_ADD(good, oak_genoa) {
	.report = SNP "oak-genoa-report-v5.bin",
	.files = { SNP "oak-genoa-vcek.der", SNP "amd-genoa-vcek-ask-ark.pem" },
	.product = TWI_SNP_GENOA, .tcb = { 0, 10, 0, 25, 84 }, .version = 5,
};

FIXTURE_VARIANT_ADD(good, oak_turin) {
	.report = SNP "oak-turin-report-v5.bin",
	.files = { SNP "oak-turin-vcek.der", SNP "amd-turin-vcek-ask-ark.pem" },
	.product = TWI_SNP_TURIN, .tcb = { 0, 1, 0, 2, 71 }, .version = 5,
};

/* A skip in FIXTURE_SETUP does not stop the test body: check again. */
#define NEED_VECTORS()                                                  \
	do {                                                            \
		if (!self->buf)                                         \
			SKIP(return, "test vectors missing (%s)", tv_dir()); \
	} while (0)

FIXTURE_SETUP(good)
{
	if (load(variant->report, variant->files, &self->buf, &self->len,
		 &self->certs))
		SKIP(return, "test vectors missing (%s)", tv_dir());
}

FIXTURE_TEARDOWN(good)
{
	twi_snp_certs_free(&self->certs);
	free(self->buf);
}

TEST_F(good, accepted)
{
	struct twi_snp_claims cl;
	char why[TWI_WHY_MAX] = "";
	int ret, b;

	NEED_VECTORS();
	for (b = 0; b < n_backends(); b++) {
		use_backend(b);
		ret = twi_snp_verify(self->buf, self->len, &self->certs,
				     tv_time(AT_OK), &cl, why, sizeof(why));
		TH_LOG("backend %d: %s", b, why);
		ASSERT_EQ(0, ret);
	}
	ASSERT_EQ(variant->product, cl.product);
	ASSERT_EQ(variant->signer, cl.signer);
	ASSERT_EQ(variant->version, cl.report.version);
	ASSERT_EQ(variant->tcb.fmc, cl.reported.fmc);
	ASSERT_EQ(variant->tcb.bl, cl.reported.bl);
	ASSERT_EQ(variant->tcb.tee, cl.reported.tee);
	ASSERT_EQ(variant->tcb.snp, cl.reported.snp);
	ASSERT_EQ(variant->tcb.ucode, cl.reported.ucode);
	ASSERT_EQ(0, memcmp(cl.report.measurement, self->buf + 0x90, 48));
	ASSERT_EQ(0, memcmp(cl.report.report_data, self->buf + 0x50, 64));
}

/* Changes of bytes [from, to) (one at a time) that still verify. */
static int accepted_changes(uint8_t *buf, size_t len, size_t from, size_t to,
			    const struct twi_snp_chain *ch, time_t at)
{
	struct twi_snp_report r;
	int accepted = 0;
	uint8_t saved;
	size_t i;

	for (i = from; i < to; i++) {
		saved = buf[i];
		buf[i] ^= (uint8_t)(1u << (i % 8));
		if (!twi_snp_parse(buf, len, &r, NULL, 0) &&
		    !twi_snp_report_verify(&r, ch, at, NULL, NULL, 0))
			accepted++;
		buf[i] = saved;
	}
	return accepted;
}

static void exhaustive(struct __test_metadata *_metadata,
		       FIXTURE_DATA(good) *self, size_t from, size_t to)
{
	time_t at = tv_time(AT_OK);
	struct twi_snp_report r;
	struct twi_snp_chain ch;
	char why[TWI_WHY_MAX];
	int b;

	ASSERT_EQ(0, twi_snp_parse(self->buf, self->len, &r, why, sizeof(why)));
	ASSERT_EQ(0, twi_snp_chain_verify(&self->certs, &r, at, &ch, why,
					  sizeof(why)));
	for (b = 0; b < n_backends(); b++) {
		use_backend(b);
		ASSERT_EQ(0, twi_snp_report_verify(&r, &ch, at, NULL, why,
						   sizeof(why)));
		ASSERT_EQ(0, accepted_changes(self->buf, self->len, from, to,
					      &ch, at));
	}
	twi_snp_chain_free(&ch);
}

/* Every byte of the signed body, changed once, must be refused. */
TEST_F(good, every_body_byte_changed)
{
	NEED_VECTORS();
	exhaustive(_metadata, self, 0, TWI_SNP_SIGNED_SIZE);
}

/* Every byte after the body (signature and its padding) too. */
TEST_F(good, every_signature_byte_changed)
{
	NEED_VECTORS();
	exhaustive(_metadata, self, TWI_SNP_SIGNED_SIZE, TWI_SNP_REPORT_SIZE);
}

/* Rebuild the certificate set with byte `pos` of certificate `which` changed. */
static int mutated_set(const struct twi_snp_certs *in, int which, size_t pos,
		       struct twi_snp_certs *out, size_t *derlen)
{
	unsigned char *der = NULL;
	int i, len, ret = 0;

	twi_snp_certs_init(out);
	for (i = 0; i < sk_X509_num(in->certs) && !ret; i++) {
		len = i2d_X509(sk_X509_value(in->certs, i), &der);
		if (len <= 0)
			return -ENOMEM;
		if (i == which) {
			*derlen = (size_t)len;
			if (pos < (size_t)len)
				der[pos] ^= 0x04;
		}
		twi_snp_certs_add_mem(out, der, (size_t)len);
		OPENSSL_free(der);
		der = NULL;
	}
	return ret;
}

/* Sampled changes in every certificate of the chain (leaf, ASK, ARK). */
TEST_F(good, sampled_certificate_bytes_changed)
{
	size_t pos, len = 1, tried = 0;
	time_t at = tv_time(AT_OK);
	struct twi_snp_certs c;
	int which, accepted = 0;

	NEED_VECTORS();
	ASSERT_EQ(3, sk_X509_num(self->certs.certs));
	for (which = 0; which < 3; which++) {
		for (pos = 0; pos < len; pos += 41) {
			ASSERT_EQ(0, mutated_set(&self->certs, which, pos, &c,
						 &len));
			if (!twi_snp_verify(self->buf, self->len, &c, at, NULL,
					    NULL, 0)) {
				TH_LOG("cert %d: change at %zu accepted",
				       which, pos);
				accepted++;
			}
			twi_snp_certs_free(&c);
			tried++;
		}
		len = 1;
	}
	TH_LOG("%zu certificate changes tried", tried);
	ASSERT_EQ(0, accepted);
}

TEST_F(good, missing_chain)
{
	struct twi_snp_certs none;
	char why[TWI_WHY_MAX];

	NEED_VECTORS();
	twi_snp_certs_init(&none);
	ASSERT_EQ(-ENOKEY, twi_snp_verify(self->buf, self->len, &none,
					  tv_time(AT_OK), NULL, why,
					  sizeof(why)));
}

TEST_F(good, before_validity)
{
	char why[TWI_WHY_MAX] = "";

	NEED_VECTORS();
	ASSERT_EQ(-EKEYEXPIRED, twi_snp_verify(self->buf, self->len,
					       &self->certs,
					       tv_time("2019-01-01"), NULL,
					       why, sizeof(why)));
	TH_LOG("%s", why);
}

/* Rejections with the reason SOURCES.md gives. */
struct bad_case {
	const char *report;
	const char *files[3];
	const char *at;
	int err;
	const char *why;
};

static void run_bad(struct __test_metadata *_metadata,
		    const struct bad_case *bc)
{
	struct twi_snp_certs c;
	char why[TWI_WHY_MAX] = "";
	uint8_t *buf;
	size_t len;
	int ret;

	if (load(bc->report, bc->files, &buf, &len, &c))
		SKIP(return, "test vectors missing (%s)", tv_dir());
	ret = twi_snp_verify(buf, len, &c, tv_time(bc->at), NULL, why,
			     sizeof(why));
	TH_LOG("%s", why);
	twi_snp_certs_free(&c);
	free(buf);
	ASSERT_EQ(bc->err, ret);
	ASSERT_NE(NULL, strstr(why, bc->why));
}

TEST(aws_vlek_expired)
{
	const struct bad_case bc = {
		SNP "trustee-aws-milan-vlek-report-v3.bin",
		{ SNP "trustee-aws-milan-vlek.der",
		  SNP "amd-milan-vlek-asvk-ark.pem" },
		"2025-12-11", -EKEYEXPIRED, "VLEK certificate: certificate has expired",
	};

	run_bad(_metadata, &bc);
}

TEST(tampered_vcek_legacy)
{
	const struct bad_case bc = {
		SNP "trustee-milan-report-v2.bin",
		{ SNP "trustee-milan-vcek-tampered-legacy.der",
		  SNP "amd-milan-vcek-ask-ark.pem" },
		AT_OK, -EKEYREJECTED, "VCEK certificate: certificate signature failure",
	};

	run_bad(_metadata, &bc);
}

TEST(tampered_vcek_new)
{
	const struct bad_case bc = {
		SNP "trustee-milan-report-v2.bin",
		{ SNP "trustee-milan-vcek-tampered-new.der",
		  SNP "amd-milan-vcek-ask-ark.pem" },
		AT_OK, -EKEYREJECTED, "VCEK certificate: certificate signature failure",
	};

	run_bad(_metadata, &bc);
}

TEST(cross_milan_report_other_vcek)
{
	const struct bad_case bc = {
		SNP "trustee-milan-report-v2.bin",
		{ SNP "virteesev-milan-vcek.der",
		  SNP "amd-milan-vcek-ask-ark.pem" },
		AT_OK, -EKEYREJECTED, "CHIP_ID does not match the VCEK hwID",
	};

	run_bad(_metadata, &bc);
}

TEST(cross_genoa_report_milan_vcek)
{
	const struct bad_case bc = {
		SNP "oak-genoa-report-v5.bin",
		{ SNP "trustee-milan-vcek.der",
		  SNP "amd-milan-vcek-ask-ark.pem" },
		AT_OK, -EKEYREJECTED, "report CPUID says Genoa",
	};

	run_bad(_metadata, &bc);
}

TEST(cross_turin_report_other_turin_vcek)
{
	const struct bad_case bc = {
		SNP "oak-turin-report-v5.bin",
		{ SNP "virteesev-turin-vcek.der",
		  SNP "amd-turin-vcek-ask-ark.pem" },
		AT_OK, -EKEYREJECTED, "CHIP_ID does not match",
	};

	run_bad(_metadata, &bc);
}

TEST(cross_genoa_vcek_milan_chain)
{
	const struct bad_case bc = {
		SNP "oak-genoa-report-v5.bin",
		{ SNP "oak-genoa-vcek.der", SNP "amd-milan-vcek-ask-ark.pem" },
		AT_OK, -ENOKEY, "no ASK/ASVK for the VCEK",
	};

	run_bad(_metadata, &bc);
}

TEST(vcek_report_with_only_vlek)
{
	const struct bad_case bc = {
		SNP "trustee-milan-report-v2.bin",
		{ SNP "trustee-aws-milan-vlek.der",
		  SNP "amd-milan-vlek-asvk-ark.pem" },
		AT_OK, -ENOKEY, "no VCEK certificate supplied",
	};

	run_bad(_metadata, &bc);
}

static const struct bad_case milan_ok = {
	SNP "virteesev-milan-report.bin",
	{ SNP "virteesev-milan-vcek.der", SNP "amd-milan-vcek-ask-ark.pem" },
	AT_OK, 0, "",
};

TEST(ark_missing)
{
	struct twi_snp_certs c;
	char why[TWI_WHY_MAX] = "";
	uint8_t *buf;
	size_t len;

	if (load(milan_ok.report, milan_ok.files, &buf, &len, &c))
		SKIP(return, "test vectors missing (%s)", tv_dir());
	X509_free(sk_X509_pop(c.certs));	/* the bundle ends with the ARK */
	ASSERT_EQ(-ENOKEY, twi_snp_verify(buf, len, &c, tv_time(AT_OK), NULL,
					  why, sizeof(why)));
	ASSERT_NE(NULL, strstr(why, "no ARK"));
	twi_snp_certs_free(&c);
	free(buf);
}

/* A self-made root with the ARK-Milan name in place of AMD's. */
static X509 *fake_root(const X509 *real)
{
	EVP_PKEY *key = EVP_EC_gen("P-384");
	X509 *x = X509_new();

	if (!key || !x || !X509_set_version(x, 2) ||
	    !X509_set_subject_name(x, X509_get_subject_name(real)) ||
	    !X509_set_issuer_name(x, X509_get_subject_name(real)) ||
	    !X509_gmtime_adj(X509_getm_notBefore(x), -86400L * 3650) ||
	    !X509_gmtime_adj(X509_getm_notAfter(x), 86400L * 3650) ||
	    !X509_set_pubkey(x, key) || !X509_sign(x, key, EVP_sha384())) {
		X509_free(x);
		x = NULL;
	}
	EVP_PKEY_free(key);
	return x;
}

TEST(root_not_pinned)
{
	struct twi_snp_certs c;
	char why[TWI_WHY_MAX] = "";
	X509 *ark, *fake;
	uint8_t *buf;
	size_t len;

	if (load(milan_ok.report, milan_ok.files, &buf, &len, &c))
		SKIP(return, "test vectors missing (%s)", tv_dir());
	ark = sk_X509_pop(c.certs);
	fake = fake_root(ark);
	X509_free(ark);
	ASSERT_NE(NULL, fake);
	ASSERT_NE(0, sk_X509_push(c.certs, fake));
	ASSERT_EQ(-EKEYREJECTED, twi_snp_verify(buf, len, &c, tv_time(AT_OK),
						NULL, why, sizeof(why)));
	ASSERT_NE(NULL, strstr(why, "not the pinned AMD ARK-Milan"));
	twi_snp_certs_free(&c);
	free(buf);
}

/* A CRL in the ARK's name that the ARK did not sign. */
static X509_CRL *forged_crl(const X509 *ark)
{
	EVP_PKEY *key = EVP_EC_gen("P-384");
	X509_CRL *crl = X509_CRL_new();
	ASN1_TIME *t = ASN1_TIME_new();

	if (!key || !crl || !t || !X509_CRL_set_version(crl, 1) ||
	    !X509_CRL_set_issuer_name(crl, X509_get_subject_name(ark)) ||
	    !X509_gmtime_adj(t, -86400L * 3650) ||
	    !X509_CRL_set1_lastUpdate(crl, t) ||
	    !X509_gmtime_adj(t, 86400L * 3650) ||
	    !X509_CRL_set1_nextUpdate(crl, t) ||
	    !X509_CRL_sign(crl, key, EVP_sha384())) {
		X509_CRL_free(crl);
		crl = NULL;
	}
	ASN1_TIME_free(t);
	EVP_PKEY_free(key);
	return crl;
}

TEST(crl_forged)
{
	struct twi_snp_certs c;
	char why[TWI_WHY_MAX] = "";
	uint8_t *buf;
	X509_CRL *crl;
	size_t len;

	if (load(milan_ok.report, milan_ok.files, &buf, &len, &c))
		SKIP(return, "test vectors missing (%s)", tv_dir());
	crl = forged_crl(sk_X509_value(c.certs, sk_X509_num(c.certs) - 1));
	ASSERT_NE(NULL, crl);
	c.crls = sk_X509_CRL_new_null();
	ASSERT_NE(0, sk_X509_CRL_push(c.crls, crl));
	ASSERT_EQ(-EKEYREJECTED, twi_snp_verify(buf, len, &c, tv_time(AT_OK),
						NULL, why, sizeof(why)));
	TH_LOG("%s", why);
	ASSERT_NE(NULL, strstr(why, "CRL for the ASK has a bad signature"));
	twi_snp_certs_free(&c);
	free(buf);
}

/* Structural checks that do not need a signature to fail. */
TEST(parse_errors)
{
	uint8_t buf[TWI_SNP_REPORT_SIZE + 1] = { 0 };
	struct twi_snp_report r;
	char why[TWI_WHY_MAX];

	buf[0] = 2;
	buf[0x34] = 1;
	ASSERT_EQ(0, twi_snp_parse(buf, TWI_SNP_REPORT_SIZE, &r, why,
				   sizeof(why)));
	ASSERT_EQ(-EBADMSG, twi_snp_parse(buf, TWI_SNP_REPORT_SIZE + 1, &r,
					  why, sizeof(why)));
	ASSERT_EQ(-EBADMSG, twi_snp_parse(buf, 0, &r, why, sizeof(why)));
	buf[0] = 4;
	ASSERT_EQ(-EBADMSG, twi_snp_parse(buf, TWI_SNP_REPORT_SIZE, &r, why,
					  sizeof(why)));
	buf[0] = 5;
	buf[0x34] = 2;
	ASSERT_EQ(-EBADMSG, twi_snp_parse(buf, TWI_SNP_REPORT_SIZE, &r, why,
					  sizeof(why)));
	buf[0x34] = 1;
	buf[0x2a0 + 48] = 1;	/* r beyond 384 bits */
	ASSERT_EQ(-EBADMSG, twi_snp_parse(buf, TWI_SNP_REPORT_SIZE, &r, why,
					  sizeof(why)));
	buf[0x2a0 + 48] = 0;
	buf[0x30] = 4;		/* VMPL */
	ASSERT_EQ(-EBADMSG, twi_snp_parse(buf, TWI_SNP_REPORT_SIZE, &r, why,
					  sizeof(why)));
}

TEST(no_signing_key)
{
	uint8_t buf[TWI_SNP_REPORT_SIZE] = { 0 };
	struct twi_snp_certs c;
	char why[TWI_WHY_MAX] = "";

	buf[0] = 2;
	buf[0x34] = 1;
	buf[0x48] = 7 << 2;
	twi_snp_certs_init(&c);
	ASSERT_EQ(-EBADMSG, twi_snp_verify(buf, sizeof(buf), &c, 0, NULL, why,
					   sizeof(why)));
	ASSERT_NE(NULL, strstr(why, "no VCEK/VLEK signature"));
}

/* TCB_VERSION layouts: Turin fmc,bl,tee,snp,-,-,-,ucode; others bl,tee,..,snp,ucode. */
TEST(tcb_layouts)
{
	const uint8_t raw[8] = { 1, 2, 3, 4, 5, 6, 7, 8 };
	struct twi_snp_tcb t;

	twi_snp_tcb_decode(raw, TWI_SNP_TURIN, &t);
	ASSERT_EQ(1, t.fmc);
	ASSERT_EQ(2, t.bl);
	ASSERT_EQ(3, t.tee);
	ASSERT_EQ(4, t.snp);
	ASSERT_EQ(8, t.ucode);
	twi_snp_tcb_decode(raw, TWI_SNP_GENOA, &t);
	ASSERT_EQ(0, t.fmc);
	ASSERT_EQ(1, t.bl);
	ASSERT_EQ(2, t.tee);
	ASSERT_EQ(7, t.snp);
	ASSERT_EQ(8, t.ucode);
}

TEST_HARNESS_MAIN
