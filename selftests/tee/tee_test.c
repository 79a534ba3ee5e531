// SPDX-License-Identifier: GPL-2.0
/*
 * The test TEE in the VM: reports through configfs-tsm (where the kernel
 * has it) and /dev/sev-guest, checked field by field against the test
 * chain and verified by `twictl verify --ark`, as plain evidence and as a
 * credential; its failure and delay knobs.  Loads twi_test_tee.ko with
 * selftests/tee/load and removes it after each test.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <linux/sev-guest.h>

#include "kselftest_harness.h"
#include "selftests/tee/tee_util.h"

#define DBG "/sys/kernel/debug/twi_test_tee/"
#define TSM "/sys/kernel/config/tsm/report"
#define TWICTL "build/twictl"

/* One write(2), as configfs and debugfs files want; -errno. */
static int put_file(const char *path, const void *p, size_t n)
{
	ssize_t w;
	int fd;

	fd = open(path, O_WRONLY);
	if (fd < 0)
		return -errno;
	w = write(fd, p, n);
	if (w < 0)
		w = -errno;
	close(fd);
	return w < 0 ? (int)w : (size_t)w == n ? 0 : -EIO;
}

static int write_str(const char *path, const char *s)
{
	return put_file(path, s, strlen(s));
}

/* Run a shell command; its exit status, or -1. */
static int run(const char *fmt, ...)
{
	char cmd[8192];
	va_list ap;
	int st;

	va_start(ap, fmt);
	vsnprintf(cmd, sizeof(cmd), fmt, ap);
	va_end(ap);
	st = system(cmd);
	return st != -1 && WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

FIXTURE(tee) {
	const char *chain;
	char dir[64];
	struct tbuf chip, table;
	uint8_t report[TEE_REPORT_SIZE];
};

FIXTURE_SETUP(tee)
{
	int st;

	memset(self, 0, sizeof(*self));
	if (!getenv("TWI_VM"))
		SKIP(return, "runs in the test VM (selftests/vm/run)");
	self->chain = chain_dir();
	ASSERT_NE(NULL, self->chain) TH_LOG("no chain: make tee-chain");
	st = run("selftests/tee/load %s", self->chain);
	if (st == 4)
		SKIP(return, "no test TEE module for this kernel");
	ASSERT_EQ(0, st);
	ASSERT_EQ(0, chain_file("chip_id", &self->chip));
	ASSERT_EQ(0, chain_file("certtable.bin", &self->table));
	strcpy(self->dir, "/tmp/twi-tee-XXXXXX");
	ASSERT_NE(NULL, mkdtemp(self->dir));
}

FIXTURE_TEARDOWN(tee)
{
	if (self->dir[0])
		run("rm -rf %s", self->dir);
	rmdir(TSM "/t");
	tbuf_free(&self->chip);
	tbuf_free(&self->table);
	run("selftests/tee/load --unload");
}

static int sev_ioctl(unsigned long cmd, void *req, void *resp, uint8_t ver,
		     struct snp_guest_request_ioctl *io)
{
	int fd, ret;

	memset(io, 0, sizeof(*io));
	io->msg_version = ver;
	io->req_data = (uintptr_t)req;
	io->resp_data = (uintptr_t)resp;
	fd = open("/dev/sev-guest", O_RDWR);
	if (fd < 0)
		return -errno;
	ret = ioctl(fd, cmd, io) ? -errno : 0;
	close(fd);
	return ret;
}

/* SNP_GET_REPORT over data; the report into report. */
static int get_report(uint8_t *report, const uint8_t *data, uint32_t vmpl,
		      uint32_t *status)
{
	struct snp_guest_request_ioctl io;
	struct snp_report_resp resp;
	struct snp_report_req req;
	int ret;

	memset(&req, 0, sizeof(req));
	memcpy(req.user_data, data, sizeof(req.user_data));
	req.vmpl = vmpl;
	memset(&resp, 0xa5, sizeof(resp));
	ret = sev_ioctl(SNP_GET_REPORT, &req, &resp, 1, &io);
	if (ret)
		return ret;
	/* MSG_REPORT_RSP: status, report size, 24 reserved bytes, report */
	memcpy(status, resp.data, 4);
	if (!*status) {
		uint32_t size;

		memcpy(&size, resp.data + 4, 4);
		if (size != TEE_REPORT_SIZE)
			return -EMSGSIZE;
		memcpy(report, resp.data + 0x20, TEE_REPORT_SIZE);
	}
	return 0;
}

static void fill(uint8_t *p, size_t n, uint8_t seed)
{
	size_t i;

	for (i = 0; i < n; i++)
		p[i] = (uint8_t)(seed + 7 * i);
}

/* The fields the platform set; report_data as asked. */
static void check_report(struct __test_metadata *_metadata,
			 const uint8_t *r, const struct tbuf *chip,
			 const uint8_t *data)
{
	EXPECT_EQ(3U, r[0]);				/* version */
	EXPECT_EQ(1U, r[0x34]);				/* ECDSA P-384 */
	EXPECT_EQ(0, memcmp(r + 0x50, data, 64));	/* report_data */
	EXPECT_EQ(0, memcmp(r + 0x1a0, chip->p, 64));	/* chip_id */
	EXPECT_EQ(0x19U, r[0x188]);			/* CPUID family */
}

/*
 * twictl verify in dir on the report and aux, trusting the chain's ARK if
 * ark; its exit status.
 */
static int twictl_verify(const char *dir, const char *chain,
			 const uint8_t *report, const void *aux,
			 size_t auxlen, bool ark)
{
	char rep[128], auxf[128];

	snprintf(rep, sizeof(rep), "%s/report.bin", dir);
	snprintf(auxf, sizeof(auxf), "%s/aux.bin", dir);
	if (file_write(rep, report, TEE_REPORT_SIZE) ||
	    file_write(auxf, aux, auxlen))
		return -1;
	return run("%s verify %s%s%s --aux %s %s", TWICTL,
		   ark ? "--ark " : "", ark ? chain : "",
		   ark ? "/ark.pem" : "", auxf, rep);
}

TEST_F(tee, sev_guest_report)
{
	uint8_t data[64];
	uint32_t status;

	fill(data, sizeof(data), 1);
	ASSERT_EQ(0, get_report(self->report, data, 0, &status));
	ASSERT_EQ(0U, status);
	check_report(_metadata, self->report, &self->chip, data);
	EXPECT_EQ(0, twictl_verify(self->dir, self->chain, self->report,
				   self->table.p, self->table.len, true));
	/* the test root is not AMD's */
	EXPECT_EQ(1, twictl_verify(self->dir, self->chain, self->report,
				   self->table.p, self->table.len, false));
	/* a changed report_data breaks the signature */
	self->report[0x50] ^= 1;
	EXPECT_EQ(1, twictl_verify(self->dir, self->chain, self->report,
				   self->table.p, self->table.len, true));
}

TEST_F(tee, sev_guest_bad_requests)
{
	struct snp_guest_request_ioctl io;
	struct snp_report_resp resp;
	struct snp_report_req req;
	uint8_t data[64] = { 0 };
	uint32_t status;

	memset(&req, 0, sizeof(req));
	EXPECT_EQ(-EINVAL, sev_ioctl(SNP_GET_REPORT, &req, &resp, 0, &io));
	EXPECT_EQ(-EINVAL, sev_ioctl(SNP_GET_REPORT, NULL, &resp, 1, &io));
	EXPECT_EQ(-ENOTTY, sev_ioctl(_IOWR('S', 0x7, struct snp_guest_request_ioctl),
				     &req, &resp, 1, &io));
	/* the firmware's INVALID_PARAM for a VMPL above 3 */
	ASSERT_EQ(0, get_report(self->report, data, 4, &status));
	EXPECT_EQ(0x16U, status);
}

TEST_F(tee, sev_guest_ext_report)
{
	struct snp_guest_request_ioctl io;
	struct snp_ext_report_req req;
	struct snp_report_resp resp;
	uint8_t *certs;
	size_t need = (self->table.len + 4095) & ~(size_t)4095;

	certs = calloc(1, need);
	ASSERT_NE(NULL, certs);
	memset(&req, 0, sizeof(req));
	fill(req.data.user_data, 64, 2);
	req.certs_address = (uintptr_t)certs;
	/* none or too small: -EIO, the size needed and the VMM's INVALID_LEN */
	req.certs_len = 0;
	EXPECT_EQ(-EIO, sev_ioctl(SNP_GET_EXT_REPORT, &req, &resp, 1, &io));
	EXPECT_EQ(need, req.certs_len);
	EXPECT_EQ(1ULL << 32, io.exitinfo2);
	req.certs_len = need - 4096;
	EXPECT_EQ(-EIO, sev_ioctl(SNP_GET_EXT_REPORT, &req, &resp, 1, &io));
	EXPECT_EQ(need, req.certs_len);
	EXPECT_EQ(1ULL << 32, io.exitinfo2);
	/* not whole pages */
	req.certs_len = 100;
	EXPECT_EQ(-EINVAL, sev_ioctl(SNP_GET_EXT_REPORT, &req, &resp, 1, &io));
	req.certs_len = need;
	ASSERT_EQ(0, sev_ioctl(SNP_GET_EXT_REPORT, &req, &resp, 1, &io));
	EXPECT_EQ(0, memcmp(certs, self->table.p, self->table.len));
	memcpy(self->report, resp.data + 0x20, TEE_REPORT_SIZE);
	check_report(_metadata, self->report, &self->chip, req.data.user_data);
	/* the certificates as returned, zero padding and all */
	EXPECT_EQ(0, twictl_verify(self->dir, self->chain, self->report, certs, need, true));
	free(certs);
}

TEST_F(tee, configfs_tsm_report)
{
	struct tbuf out = { 0 }, aux = { 0 }, gen = { 0 };
	uint8_t data[64];

	if (access(TSM, F_OK))
		SKIP(return, "no configfs-tsm in this kernel");
	ASSERT_EQ(0, mkdir(TSM "/t", 0755));
	ASSERT_EQ(0, file_read(TSM "/t/provider", &out));
	EXPECT_EQ(0, memcmp("sev_guest\n", out.p, out.len));
	tbuf_free(&out);
	fill(data, sizeof(data), 3);
	ASSERT_EQ(0, put_file(TSM "/t/inblob", data, sizeof(data)));
	ASSERT_EQ(0, file_read(TSM "/t/outblob", &out));
	ASSERT_EQ((size_t)TEE_REPORT_SIZE, out.len);
	memcpy(self->report, out.p, TEE_REPORT_SIZE);
	check_report(_metadata, self->report, &self->chip, data);
	ASSERT_EQ(0, file_read(TSM "/t/auxblob", &aux));
	ASSERT_EQ(self->table.len, aux.len);
	EXPECT_EQ(0, memcmp(self->table.p, aux.p, aux.len));
	ASSERT_EQ(0, file_read(TSM "/t/generation", &gen));
	EXPECT_EQ(0, memcmp("1\n", gen.p, gen.len));
	EXPECT_EQ(0, twictl_verify(self->dir, self->chain, self->report, aux.p, aux.len, true));
	EXPECT_EQ(1, twictl_verify(self->dir, self->chain, self->report, aux.p, aux.len, false));
	tbuf_free(&out);
	tbuf_free(&aux);
	tbuf_free(&gen);
}

/* A credential over a statement, with the report the device made for it. */
TEST_F(tee, credential_verifies)
{
	struct tbuf stmt = { 0 }, other = { 0 }, cred = { 0 };
	char path[128];
	uint8_t rd[64];
	uint32_t status;

	stmt_build(&stmt, &(struct stmt_opts){ .issued_at = time(NULL) });
	SHA512(stmt.p, stmt.len, rd);
	ASSERT_EQ(0, get_report(self->report, rd, 0, &status));
	ASSERT_EQ(0U, status);
	cred_build(&cred, &stmt, "snp", self->report, sizeof(self->report),
		   self->table.p, self->table.len);
	snprintf(path, sizeof(path), "%s/cred.cbor", self->dir);
	ASSERT_EQ(0, file_write(path, cred.p, cred.len));
	EXPECT_EQ(0, run("%s verify --ark %s/ark.pem %s", TWICTL, self->chain,
			 path));
	/* the same report under another statement */
	stmt_build(&other, &(struct stmt_opts){ .identifier = "spiffe://x/y" });
	cred.len = 0;
	cred_build(&cred, &other, "snp", self->report, sizeof(self->report),
		   self->table.p, self->table.len);
	ASSERT_EQ(0, file_write(path, cred.p, cred.len));
	EXPECT_EQ(1, run("%s verify --ark %s/ark.pem %s 2>/dev/null", TWICTL,
			 self->chain, path));
	tbuf_free(&stmt);
	tbuf_free(&other);
	tbuf_free(&cred);
}

TEST_F(tee, fail_next)
{
	uint8_t data[64] = { 0 };
	struct tbuf out = { 0 };
	uint32_t status;

	ASSERT_EQ(0, write_str(DBG "fail_next", "2"));
	EXPECT_EQ(-EIO, get_report(self->report, data, 0, &status));
	if (!access(TSM, F_OK)) {
		ASSERT_EQ(0, mkdir(TSM "/t", 0755));
		ASSERT_EQ(0, put_file(TSM "/t/inblob", data, sizeof(data)));
		EXPECT_EQ(-EIO, file_read(TSM "/t/outblob", &out));
	} else {
		EXPECT_EQ(-EIO, get_report(self->report, data, 0, &status));
	}
	/* spent: reports work again */
	EXPECT_EQ(0, get_report(self->report, data, 0, &status));
	EXPECT_EQ(0U, status);
	tbuf_free(&out);
}

TEST_F(tee, delay_ms)
{
	struct timespec a, b;
	uint8_t data[64] = { 0 };
	uint32_t status;
	long ms;

	ASSERT_EQ(0, write_str(DBG "delay_ms", "400"));
	clock_gettime(CLOCK_MONOTONIC, &a);
	ASSERT_EQ(0, get_report(self->report, data, 0, &status));
	clock_gettime(CLOCK_MONOTONIC, &b);
	ms = (b.tv_sec - a.tv_sec) * 1000 + (b.tv_nsec - a.tv_nsec) / 1000000;
	EXPECT_LE(400, ms);
}

/* Version 2 reports carry no CPUID; the product then comes from the chain. */
TEST_F(tee, version_knob)
{
	uint8_t data[64];
	uint32_t status;

	fill(data, sizeof(data), 4);
	ASSERT_EQ(0, write_str(DBG "version", "2"));
	ASSERT_EQ(0, get_report(self->report, data, 0, &status));
	EXPECT_EQ(2U, self->report[0]);
	EXPECT_EQ(0U, self->report[0x188]);
	EXPECT_EQ(0, twictl_verify(self->dir, self->chain, self->report,
				   self->table.p, self->table.len, true));
	ASSERT_EQ(0, write_str(DBG "version", "5"));
	EXPECT_EQ(-EINVAL, get_report(self->report, data, 0, &status));
}

/* Before the loader gave it a key, the device has nothing to sign with. */
TEST_F(tee, no_key_no_report)
{
	uint8_t data[64] = { 0 };
	uint32_t status;

	ASSERT_EQ(0, run("selftests/tee/load --unload"));
	ASSERT_EQ(0, run("insmod %s", getenv("TWI_TEE_MODULE")));
	EXPECT_EQ(-ENOKEY, get_report(self->report, data, 0, &status));
	/* a scalar of zero is no key */
	memset(data, 0, 48);
	EXPECT_EQ(-EINVAL, put_file(DBG "vcek", data, 48));
}

TEST_HARNESS_MAIN
