// SPDX-License-Identifier: GPL-2.0
/*
 * SEV-SNP verifications per second on one core with a warm cache: the
 * VCEK chain was verified once and is kept in memory, as a server would,
 * so each verification is parse + binding + ECDSA P-384 + claims + policy.
 * Next to it, the raw OpenSSL ECDSA P-384 verification cost measured in the
 * same run, and (when built with it) twi's own P-384 core.  Times are
 * thread CPU time, so other load on the machine does not count.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/evp.h>
#include <openssl/sha.h>

#include "userspace/verify/snp.h"
#include "userspace/verify/util.h"
#include "userspace/verify/verify.h"
#ifdef TWI_VERIFY_TWI_ECDSA
#include "kmod/crypto/twi_ecdsa.h"
#endif

#define SNP_DIR "snp/"
#define ROUNDS 5
#define ROUND_SECONDS 0.2

static const char policy_text[] =
	"{ \"version\": 1, \"evidence\": [\"sev-snp\"],"
	"  \"sev-snp\": {"
	"    \"reference_values\": { \"measurement\": [ \"%s\" ] },"
	"    \"minimums\": { \"tcb.bl\": 10, \"tcb.snp\": 20, \"tcb.ucode\": 84 },"
	"    \"equals\": { \"product\": \"Genoa\", \"vmpl\": 0 } } }";

struct bench {
	uint8_t *report;
	size_t len;
	struct twi_snp_chain ch;
	struct twi_snp_report r;
	struct twi_snp_claims claims;
	struct twi_policy policy;
	time_t at;
};

static double cpu_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* CPU seconds per call of fn over one round. */
static double measure(int (*fn)(struct bench *), struct bench *b)
{
	double start = cpu_now(), el;
	long n = 0;
	int i;

	do {
		for (i = 0; i < 16; i++)
			if (fn(b))
				return -1;
		n += 16;
		el = cpu_now() - start;
	} while (el < ROUND_SECONDS);
	return el / (double)n;
}

static int full_verify(struct bench *b)
{
	struct twi_verdict v;
	int ret;

	ret = twi_verify_snp_cached(b->report, b->len, &b->ch, &b->policy,
				    b->at, &v);
	twi_verdict_free(&v);
	return ret;
}

static int sig_only(struct bench *b)
{
	return twi_snp_sig_verify(&b->ch, &b->r);
}

static int parse_only(struct bench *b)
{
	return twi_snp_parse(b->report, b->len, &b->r, NULL, 0);
}

static int appraise_only(struct bench *b)
{
	struct twi_verdict v;
	int ret;

	ret = twi_appraise_snp(&b->claims, &b->policy, b->at, &v);
	twi_verdict_free(&v);
	return ret;
}

/* Raw OpenSSL: digest and DER signature prepared, one context reused. */
static uint8_t digest[SHA384_DIGEST_LENGTH];
static uint8_t *der_sig;
static size_t der_len;
static EVP_PKEY_CTX *raw_ctx;

static int raw_openssl(struct bench *b)
{
	return EVP_PKEY_verify(raw_ctx, der_sig, der_len, digest,
			       sizeof(digest)) == 1 ? 0 : -1;
}

#ifdef TWI_VERIFY_TWI_ECDSA
static int raw_twi(struct bench *b)
{
	return twi_ecdsa_verify(TWI_CURVE_P384, b->ch.pub, digest,
				sizeof(digest), b->r.sig_rs) ? -1 : 0;
}
#endif

static const char *vec(const char *rel)
{
	static char path[4096];
	const char *d = getenv("TWI_TESTVECTORS");

	snprintf(path, sizeof(path), "%s/%s", d && *d ? d : "../shared/testvectors",
		 rel);
	return path;
}

static int setup(struct bench *b)
{
	char why[TWI_WHY_MAX] = "", text[1024], hex[97];
	struct twi_snp_certs c;
	int ret;

	if (twi_read_file(vec(SNP_DIR "oak-genoa-report-v5.bin"), &b->report,
			  &b->len))
		return 1;
	twi_snp_certs_init(&c);
	if (twi_snp_certs_add_file(&c, vec(SNP_DIR "oak-genoa-vcek.der")) ||
	    twi_snp_certs_add_file(&c, vec(SNP_DIR "amd-genoa-vcek-ask-ark.pem")))
		return 1;
	twi_parse_time("2025-10-01", &b->at);
	ret = twi_snp_parse(b->report, b->len, &b->r, why, sizeof(why));
	if (!ret)
		ret = twi_snp_chain_verify(&c, &b->r, b->at, &b->ch, why,
					   sizeof(why));
	if (!ret)
		ret = twi_snp_report_verify(&b->r, &b->ch, b->at, &b->claims,
					    why, sizeof(why));
	twi_snp_certs_free(&c);
	if (ret) {
		fprintf(stderr, "verify_snp_bench: setup: %s\n", why);
		return -1;
	}
	twi_hex_encode(b->r.measurement, 48, hex);
	snprintf(text, sizeof(text), policy_text, hex);
	return twi_policy_parse(&b->policy, text, strlen(text), NULL, why,
				sizeof(why)) ? -1 : 0;
}

static int setup_raw(struct bench *b)
{
	SHA384(b->r.body, sizeof(b->r.body), digest);
	if (twi_ecdsa_raw_to_der(b->r.sig_rs, TWI_SNP_P384, &der_sig, &der_len))
		return -1;
	raw_ctx = EVP_PKEY_CTX_new(b->ch.key, NULL);
	return raw_ctx && EVP_PKEY_verify_init(raw_ctx) == 1 ? 0 : -1;
}

enum { T_FULL, T_FULL_OSSL, T_SIG, T_PARSE, T_APPRAISE, T_RAW, T_TWI, T_MAX };

#ifdef TWI_VERIFY_TWI_ECDSA
#define DEFAULT_SIG TWI_SNP_SIG_TWI
#else
#define DEFAULT_SIG TWI_SNP_SIG_OPENSSL
#endif

static const struct {
	int (*fn)(struct bench *b);
	enum twi_snp_sig_backend sig;
} runs[T_MAX] = {
	[T_FULL] = { full_verify, DEFAULT_SIG },
	[T_FULL_OSSL] = { full_verify, TWI_SNP_SIG_OPENSSL },
	[T_SIG] = { sig_only, DEFAULT_SIG },
	[T_PARSE] = { parse_only, DEFAULT_SIG },
	[T_APPRAISE] = { appraise_only, DEFAULT_SIG },
	[T_RAW] = { raw_openssl, DEFAULT_SIG },
#ifdef TWI_VERIFY_TWI_ECDSA
	[T_TWI] = { raw_twi, DEFAULT_SIG },
#endif
};

/* Interleaved rounds; the best round of each counts (least disturbed). */
static int run(struct bench *b, double best[T_MAX])
{
	double t;
	int r, i;

	for (i = 0; i < T_MAX; i++)
		best[i] = 1e9;
	for (r = 0; r < ROUNDS; r++) {
		for (i = 0; i < T_MAX; i++) {
			if (!runs[i].fn)
				continue;
			if (twi_snp_set_sig_backend(runs[i].sig))
				return -1;
			t = measure(runs[i].fn, b);
			if (t < 0)
				return -1;
			if (t < best[i])
				best[i] = t;
		}
	}
	return twi_snp_set_sig_backend(DEFAULT_SIG);
}

static void print(const double t[T_MAX])
{
	const char *sig = DEFAULT_SIG == TWI_SNP_SIG_TWI ? "twi_ecdsa" :
							   "OpenSSL";
	double other = t[T_PARSE] + t[T_APPRAISE];

	printf("verify_snp_bench: warm SNP verification (%s): %.0f/s per core (%.1f us each)\n",
	       sig, 1 / t[T_FULL], t[T_FULL] * 1e6);
	printf("verify_snp_bench: warm SNP verification (OpenSSL): %.0f/s per core (%.1f us each)\n",
	       1 / t[T_FULL_OSSL], t[T_FULL_OSSL] * 1e6);
	printf("verify_snp_bench: report signature check (SHA-384 + ECDSA P-384, %s): %.1f us\n",
	       sig, t[T_SIG] * 1e6);
	printf("verify_snp_bench: raw OpenSSL ECDSA P-384 verify: %.1f us (%.0f/s)\n",
	       t[T_RAW] * 1e6, 1 / t[T_RAW]);
	if (runs[T_TWI].fn)
		printf("verify_snp_bench: raw twi_ecdsa P-384 verify: %.1f us (%.0f/s)\n",
		       t[T_TWI] * 1e6, 1 / t[T_TWI]);
	printf("verify_snp_bench: parsing %.2f us + claims/policy %.2f us = %.2f%% of total\n",
	       t[T_PARSE] * 1e6, t[T_APPRAISE] * 1e6, 100 * other / t[T_FULL]);
}

int main(void)
{
	struct bench b = { 0 };
	double t[T_MAX];
	int ret = setup(&b);

	if (ret > 0) {
		printf("verify_snp_bench: SKIP (no test vectors)\n");
		return 0;
	}
#ifdef TWI_VERIFY_TWI_ECDSA
	twi_ecdsa_init();
#endif
	if (ret || setup_raw(&b) || run(&b, t)) {
		fprintf(stderr, "verify_snp_bench: a verification failed\n");
		return 1;
	}
	print(t);
	EVP_PKEY_CTX_free(raw_ctx);
	OPENSSL_free(der_sig);
	twi_snp_chain_free(&b.ch);
	twi_policy_free(&b.policy);
	free(b.report);
	return 0;
}
