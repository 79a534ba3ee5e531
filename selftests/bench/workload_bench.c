// SPDX-License-Identifier: GPL-2.0
/*
 * workload_bench [WORKLOADS [KEYS_PER_WORKLOAD [SIGNS]]]: the workload
 * registry at scale, as root inside the test VM (default 10000 workloads,
 * 10 keys each, 2000 signatures per measurement):
 *   - kernel memory per workload and per key (slab growth, /proc/meminfo);
 *   - time to register every workload and to dump them all;
 *   - the cost of a signature with 1 workload registered, then with all
 *     of them registered (a flat registry keeps the ratio near 1).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <keyutils.h>
#include <linux/twi.h>

#include "libtwi.h"

#define ROOT "/sys/fs/cgroup"

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* Slab memory in bytes, after letting RCU frees settle. */
static long slab_bytes(void)
{
	char line[128];
	long kb = -1;
	FILE *f;

	usleep(200000);
	f = fopen("/proc/meminfo", "r");
	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f))
		if (sscanf(line, "Slab: %ld kB", &kb) == 1)
			break;
	fclose(f);
	return kb * 1024;
}

static int write_str(const char *path, const char *s)
{
	int fd = open(path, O_WRONLY);
	ssize_t len = strlen(s);
	int ret = 0;

	if (fd < 0)
		return -errno;
	if (write(fd, s, len) != len)
		ret = -errno;
	close(fd);
	return ret;
}

static void cg_path(char *buf, size_t size, int i)
{
	snprintf(buf, size, "/twi-bench-%d", i);
}

static int enter(int i)
{
	char path[64], procs[128];

	cg_path(path, sizeof(path), i);
	snprintf(procs, sizeof(procs), ROOT "%s/cgroup.procs", path);
	return write_str(procs, "0");
}

static int reg(struct twi_nl *nl, int i)
{
	struct twi_claim claim = { "image", "sha256:0123456789abcdef" };
	char path[64], id[96];
	struct twi_cgroup cg = { .path = path };

	cg_path(path, sizeof(path), i);
	snprintf(id, sizeof(id), "spiffe://bench.example.org/w%d", i);
	return twi_workload_add(nl, &cg, id, &claim, 1);
}

static int count_one(const struct twi_workload_info *info, void *arg)
{
	(*(int *)arg)++;
	return 0;
}

static double sign_us(key_serial_t key, int n)
{
	unsigned char dgst[32] = { 7 }, sig[72];
	double t0 = now();
	int i;

	for (i = 0; i < n; i++)
		if (keyctl_pkey_sign(key, "enc=x962 hash=sha256", dgst, 32,
				     sig, sizeof(sig)) < 0) {
			perror("keyctl_pkey_sign");
			exit(1);
		}
	return (now() - t0) / n * 1e6;
}

/* Microseconds per signature: the best of 5 batches of @n / 5. */
static double sign_best_us(key_serial_t key, int n)
{
	double t, best = 0;
	int i;

	for (i = 0; i < 5; i++) {
		t = sign_us(key, n / 5 + 1);
		if (!i || t < best)
			best = t;
	}
	return best;
}

static key_serial_t new_key(key_serial_t ring, int w, int k)
{
	char desc[32];

	snprintf(desc, sizeof(desc), "b%d.%d", w, k);
	return add_key(TWI_KEY_TYPE, desc, "attest=none", 11, ring);
}

static void fail(const char *what, int err)
{
	fprintf(stderr, "workload_bench: cannot %s: %s\n", what, strerror(err));
	exit(1);
}

int main(int argc, char **argv)
{
	int nw = argc > 1 ? atoi(argv[1]) : 10000;
	int kpw = argc > 2 ? atoi(argv[2]) : 10;
	int ns = argc > 3 ? atoi(argv[3]) : 2000;
	double t0, t_reg, t_dump, t_keys, t_del, s1, sn;
	long m0, m1, m2;
	key_serial_t ring, key;
	struct twi_nl *nl;
	char dir[128];
	int i, k, n = 0, ret;

	if (nw < 1 || kpw < 0 || ns < 1)
		return 2;
	write_str("/proc/sys/kernel/keys/root_maxkeys", "2000000");
	write_str("/proc/sys/kernel/keys/root_maxbytes", "2000000000");
	ring = add_key("keyring", "bench", NULL, 0, KEY_SPEC_SESSION_KEYRING);
	if (ring < 0 || twi_nl_open(&nl))
		fail("set up", errno);

	for (i = 0; i < nw; i++) {
		snprintf(dir, sizeof(dir), ROOT "/twi-bench-%d", i);
		if (mkdir(dir, 0755) && errno != EEXIST)
			fail("make cgroups", errno);
	}

	/* One workload: a signature's cost. */
	ret = reg(nl, 0);
	if (ret || enter(0))
		fail("register the first workload", -ret);
	key = new_key(ring, 0, 0);
	if (key < 0)
		fail("add a key", errno);
	sign_us(key, ns / 10 + 1);	/* warm up */
	s1 = sign_best_us(key, ns);

	/* All workloads: registration time and memory. */
	m0 = slab_bytes();
	t0 = now();
	for (i = 1; i < nw; i++) {
		ret = reg(nl, i);
		if (ret)
			fail("register workloads", -ret);
	}
	t_reg = now() - t0;
	m1 = slab_bytes();
	sn = sign_best_us(key, ns);

	t0 = now();
	ret = twi_workload_list(nl, count_one, &n);
	t_dump = now() - t0;
	if (ret || n < nw)
		fail("dump the workloads", ret ? -ret : ENOENT);

	/* Keys, KEYS_PER_WORKLOAD in each workload. */
	t0 = now();
	for (i = 0; i < nw && kpw; i++) {
		if (enter(i))
			fail("enter a workload", errno);
		for (k = i ? 0 : 1; k < kpw; k++)
			if (new_key(ring, i, k) < 0)
				fail("add keys", errno);
	}
	t_keys = now() - t0;
	m2 = slab_bytes();

	printf("workloads: %d, keys: %d, signatures per measure: %d\n",
	       nw, nw * kpw, ns);
	printf("register: %.3f s for %d workloads, %.1f us each\n", t_reg,
	       nw - 1, t_reg / (nw - 1) * 1e6);
	printf("dump: %.3f s for %d workloads, %.2f us each\n", t_dump, n,
	       t_dump / n * 1e6);
	printf("memory per workload: %ld bytes (slab)\n", (m1 - m0) / (nw - 1));
	if (kpw)
		printf("keys: %.3f s for %d keys, %.1f us each; memory per key: %ld bytes (slab)\n",
		       t_keys, nw * kpw - 1, t_keys / (nw * kpw - 1) * 1e6,
		       (m2 - m1) / (nw * kpw - 1));
	printf("sign (best of 5 batches): %.1f us with 1 workload, %.1f us with %d: ratio %.3f\n",
	       s1, sn, nw, sn / s1);

	write_str(ROOT "/cgroup.procs", "0");
	t0 = now();
	for (i = 0; i < nw; i++) {
		struct twi_cgroup cg = { .path = dir };

		cg_path(dir, sizeof(dir), i);
		twi_workload_del(nl, &cg);
	}
	t_del = now() - t0;
	printf("delete: %.3f s for %d workloads (revoking their keys)\n",
	       t_del, nw);
	keyctl_clear(ring);
	for (i = 0; i < nw; i++) {
		snprintf(dir, sizeof(dir), ROOT "/twi-bench-%d", i);
		rmdir(dir);
	}
	twi_nl_close(nl);
	return 0;
}
