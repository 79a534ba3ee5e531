// SPDX-License-Identifier: GPL-2.0
/*
 * twi ECDSA core against OpenSSL: signatures and verifications per second
 * with the same keys in the same process.  Our sign includes its
 * self-verification.  "twi" uses the per-key table (twi_ecdsa_pub_table(),
 * built once, as a key type would); "no table" the bare public key.  TWI_BENCH_SECONDS sets the time per measurement.
 * Rates are per second of this thread's CPU time, so that load from other
 * processes on a shared machine skews both sides alike.
 */
#include <time.h>

#include "selftests/host/ecdsa_testutil.h"

#define ROUNDS	20

struct bench {
	u64 tab[TWI_EC_PUB_TABLE_MAX / 8];
	enum twi_curve curve;
	enum twi_hash hash;
	EVP_PKEY *pk;
	EVP_PKEY_CTX *sctx, *vctx;
	u8 priv[48], pub[97], dg[64], sig[96], der[TWI_EC_MAX_DER_SIG];
	size_t dl, derlen;
};

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	return ts.tv_sec + ts.tv_nsec * 1e-9;
}

static int ours_sign(struct bench *b)
{
	b->dg[0]++;
	return twi_ecdsa_sign_tab(b->curve, b->hash, b->priv, b->tab, b->dg,
				  b->dl, NULL, 0, b->sig);
}

static int ours_verify(struct bench *b)
{
	return twi_ecdsa_verify_tab(b->curve, b->tab, b->dg, b->dl, b->sig);
}

static int plain_sign(struct bench *b)
{
	b->dg[0]++;
	return twi_ecdsa_sign(b->curve, b->hash, b->priv, b->pub, b->dg, b->dl,
			      NULL, 0, b->sig);
}

static int plain_verify(struct bench *b)
{
	return twi_ecdsa_verify(b->curve, b->pub, b->dg, b->dl, b->sig);
}

static int ossl_sign_op(struct bench *b)
{
	size_t len = sizeof(b->der);

	b->dg[0]++;
	if (EVP_PKEY_sign(b->sctx, b->der, &len, b->dg, b->dl) != 1)
		return -1;
	b->derlen = len;
	return 0;
}

static int ossl_verify_op(struct bench *b)
{
	return EVP_PKEY_verify(b->vctx, b->der, b->derlen, b->dg, b->dl) == 1 ?
	       0 : -1;
}

struct meter {
	int (*op)(struct bench *b);
	long n;
	double t;
};

/* run op for about secs of CPU time, accumulating into m */
static void burst(struct bench *b, struct meter *m, double secs)
{
	double t0 = now(), t;

	do {
		if (m->op(b)) {
			fprintf(stderr, "ecdsa_bench: operation failed\n");
			exit(1);
		}
		m->n++;
		t = now() - t0;
	} while (t < secs);
	m->t += t;
}

/*
 * The four operations take turns in short bursts, so that a change in
 * machine load during the run affects all of them alike.
 */
static void measure(struct bench *b, struct meter *m, int count, double secs)
{
	int round, i;

	for (round = 0; round < ROUNDS; round++)
		for (i = 0; i < count; i++)
			burst(b, &m[i], secs / ROUNDS);
}

static void run(enum twi_curve curve, enum twi_hash hash, double secs)
{
	struct meter m[6] = {
		{ .op = ours_sign }, { .op = ours_verify },
		{ .op = ossl_sign_op }, { .op = ossl_verify_op },
		{ .op = plain_sign }, { .op = plain_verify },
	};
	static struct bench b;
	double os, ov, ts, tv, ps, pv, t0;

	memset(&b, 0, sizeof(b));
	b.curve = curve;
	b.hash = hash;
	b.dl = twi_hash_len(hash);
	RAND_bytes(b.dg, sizeof(b.dg));
	if (twi_ecdsa_keygen(curve, test_rng, NULL, b.priv, b.pub))
		exit(1);
	t0 = now();
	if (twi_ecdsa_pub_table(curve, b.pub, b.tab, sizeof(b.tab)))
		exit(1);
	printf("%s twi_ecdsa_pub_table: %.2f ms\n", curve_group(curve),
	       (now() - t0) * 1e3);
	b.pk = ossl_key(curve, b.pub, b.priv);
	b.sctx = EVP_PKEY_CTX_new(b.pk, NULL);
	b.vctx = EVP_PKEY_CTX_new(b.pk, NULL);
	if (!b.pk || EVP_PKEY_sign_init(b.sctx) <= 0 ||
	    EVP_PKEY_verify_init(b.vctx) <= 0) {
		fprintf(stderr, "ecdsa_bench: cannot set up OpenSSL key\n");
		exit(1);
	}
	measure(&b, m, 6, secs);
	ts = m[0].n / m[0].t;
	tv = m[1].n / m[1].t;
	os = m[2].n / m[2].t;
	ov = m[3].n / m[3].t;
	ps = m[4].n / m[4].t;
	pv = m[5].n / m[5].t;

	printf("%s sign/s:   twi %9.0f  openssl %9.0f  ratio %.2f  (no table %9.0f  ratio %.2f)\n",
	       curve_group(curve), ts, os, ts / os, ps, ps / os);
	printf("%s verify/s: twi %9.0f  openssl %9.0f  ratio %.2f  (no table %9.0f  ratio %.2f)\n",
	       curve_group(curve), tv, ov, tv / ov, pv, pv / ov);
	EVP_PKEY_CTX_free(b.sctx);
	EVP_PKEY_CTX_free(b.vctx);
	EVP_PKEY_free(b.pk);
}

int main(void)
{
	const char *s = getenv("TWI_BENCH_SECONDS");
	double secs = s ? atof(s) : 1.0;
	double t0 = now();

	twi_ecdsa_init();
	printf("twi_ecdsa_init: %.1f ms\n", (now() - t0) * 1e3);
	run(TWI_CURVE_P256, TWI_HASH_SHA256, secs);
	run(TWI_CURVE_P384, TWI_HASH_SHA384, secs);
	return 0;
}
