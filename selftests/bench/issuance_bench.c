// SPDX-License-Identifier: GPL-2.0
/*
 * Key issuance latency, run in the VM by selftests/bench/vm-issuance
 * inside a workload, with twid serving the test TEE.
 *
 * Makes keys with attest=none and with attest=tee, timing each add_key
 * from here, and reads twi.ko's own split of the time
 * (/sys/kernel/debug/twi/issuance: key generation, statement, evidence
 * round trip) before and after each batch.  twid's log gives the time the
 * TEE took for each report; vm-issuance puts the two together.
 *
 * issuance_bench [KEYS]   (default 50 of each kind)
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <keyutils.h>
#include <linux/twi.h>

#define STATS "/sys/kernel/debug/twi/issuance"

struct stats {
	long long keys, attested, keygen_ns, statement_ns, evidence_ns;
};

static int read_stats(struct stats *s)
{
	char name[32];
	long long v;
	FILE *f;

	memset(s, 0, sizeof(*s));
	f = fopen(STATS, "r");
	if (!f)
		return -errno;
	while (fscanf(f, "%31s %lld", name, &v) == 2) {
		if (!strcmp(name, "keys"))
			s->keys = v;
		else if (!strcmp(name, "attested"))
			s->attested = v;
		else if (!strcmp(name, "keygen_ns"))
			s->keygen_ns = v;
		else if (!strcmp(name, "statement_ns"))
			s->statement_ns = v;
		else if (!strcmp(name, "evidence_ns"))
			s->evidence_ns = v;
	}
	fclose(f);
	return 0;
}

static double now_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e6 + ts.tv_nsec / 1e3;
}

/* Make @n keys with @opts; the mean add_key time in microseconds. */
static int batch(const char *opts, int n, double *mean_us, struct stats *d)
{
	struct stats a, b;
	double t0, total = 0;
	int i;

	if (read_stats(&a))
		return -1;
	for (i = 0; i < n; i++) {
		key_serial_t key;

		t0 = now_us();
		key = add_key(TWI_KEY_TYPE, "issuance", opts, strlen(opts),
			      KEY_SPEC_PROCESS_KEYRING);
		total += now_us() - t0;
		if (key < 0) {
			fprintf(stderr, "issuance_bench: add_key \"%s\": %s\n",
				opts, strerror(errno));
			return -1;
		}
		keyctl_invalidate(key);
	}
	if (read_stats(&b))
		return -1;
	d->keys = b.keys - a.keys;
	d->attested = b.attested - a.attested;
	d->keygen_ns = b.keygen_ns - a.keygen_ns;
	d->statement_ns = b.statement_ns - a.statement_ns;
	d->evidence_ns = b.evidence_ns - a.evidence_ns;
	*mean_us = total / n;
	return 0;
}

static void report(const char *what, int n, double mean, const struct stats *d)
{
	double keygen = d->keygen_ns / 1e3 / n;
	double statement = d->statement_ns / 1e3 / n;
	double evidence = d->attested ? d->evidence_ns / 1e3 / n : 0;

	printf("%-10s %4d keys: add_key %9.0f us = keygen %7.0f + statement %5.0f + evidence round trip %8.0f + rest %6.0f\n",
	       what, n, mean, keygen, statement, evidence,
	       mean - keygen - statement - evidence);
}

int main(int argc, char **argv)
{
	int n = argc > 1 ? atoi(argv[1]) : 50;
	struct stats none, tee;
	double none_us, tee_us;

	if (n <= 0) {
		fprintf(stderr, "usage: issuance_bench [KEYS]\n");
		return 2;
	}
	/* one key each first, so that nothing is measured cold */
	if (batch("attest=none", 1, &none_us, &none) ||
	    batch("", 1, &tee_us, &tee))
		return 1;
	if (batch("attest=none", n, &none_us, &none) ||
	    batch("", n, &tee_us, &tee))
		return 1;
	report("unattested", n, none_us, &none);
	report("attested", n, tee_us, &tee);
	printf("evidence round trip per attested key: %.0f us; attested/unattested add_key ratio %.1f\n",
	       tee.evidence_ns / 1e3 / n, tee_us / none_us);
	return 0;
}
