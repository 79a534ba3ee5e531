// SPDX-License-Identifier: GPL-2.0
/*
 * Signatures per second of keyctl pkey_sign on twi keys, then of OpenSSL's
 * ECDSA in the same process on the same machine (the VM), and their ratio.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include <keyutils.h>
#include <openssl/ec.h>
#include <openssl/evp.h>
#include <linux/twi.h>

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* Signatures per second over about @seconds of keyctl_pkey_sign. */
static double keyctl_rate(const char *alg, const char *info, size_t dlen,
			  double seconds)
{
	unsigned char dgst[64] = { 1 }, sig[128];
	struct keyctl_pkey_query q;
	char opts[32];
	key_serial_t key;
	double start, t;
	long n = 0;

	snprintf(opts, sizeof(opts), "alg=%s attest=none", alg);
	key = add_key(TWI_KEY_TYPE, "bench", opts, strlen(opts),
		      KEY_SPEC_PROCESS_KEYRING);
	/* The keyctl core takes a buffer of at most max_sig_size bytes. */
	if (key < 0 || keyctl_pkey_query(key, info, &q))
		return -1;
	start = now();
	do {
		if (keyctl_pkey_sign(key, info, dgst, dlen, sig, q.max_sig_size) < 0)
			return -1;
		dgst[0]++;
		n++;
	} while ((t = now() - start) < seconds);
	keyctl_invalidate(key);
	return n / t;
}

static double openssl_rate(const char *group, size_t dlen, double seconds)
{
	unsigned char dgst[64] = { 1 }, sig[128];
	EVP_PKEY *pkey = EVP_EC_gen(group);
	EVP_PKEY_CTX *ctx;
	double start, t;
	size_t len;
	long n = 0;

	ctx = EVP_PKEY_CTX_new(pkey, NULL);
	if (!ctx || EVP_PKEY_sign_init(ctx) != 1)
		return -1;
	start = now();
	do {
		len = sizeof(sig);
		if (EVP_PKEY_sign(ctx, sig, &len, dgst, dlen) != 1)
			return -1;
		dgst[0]++;
		n++;
	} while ((t = now() - start) < seconds);
	EVP_PKEY_CTX_free(ctx);
	EVP_PKEY_free(pkey);
	return n / t;
}

int main(void)
{
	static const struct {
		const char *alg, *group, *info;
		size_t dlen;
	} runs[] = {
		{ "p256", "P-256", "enc=x962 hash=sha256", 32 },
		{ "p384", "P-384", "enc=x962 hash=sha384", 48 },
	};
	size_t i;

	printf("%-6s %14s %14s %8s\n", "curve", "keyctl sign/s",
	       "OpenSSL sign/s", "ratio");
	for (i = 0; i < 2; i++) {
		double ours = keyctl_rate(runs[i].alg, runs[i].info,
					  runs[i].dlen, 3.0);
		double ossl = openssl_rate(runs[i].group, runs[i].dlen, 3.0);

		if (ours < 0 || ossl < 0) {
			fprintf(stderr, "keyctl_sign_bench: %s failed\n",
				runs[i].alg);
			return 1;
		}
		printf("%-6s %14.0f %14.0f %8.2f\n", runs[i].alg, ours, ossl,
		       ours / ossl);
	}
	return 0;
}
