// SPDX-License-Identifier: GPL-2.0
/*
 * twid as the evidence provider, end to end in the VM: the test TEE
 * (selftests/tee/) stands in for SEV-SNP hardware, twid serves it, and keys
 * made in a workload get credentials whose report_data is SHA-512 of their
 * statement.  Also: twictl's key commands, twid's refusal paths, a provider
 * killed in the middle of a request (ECONNRESET, no key left) and a
 * restarted one.
 *
 * Needs build/twid and build/twictl (or $TWI_TWID and $TWI_TWICTL), the
 * test TEE module ($TWI_TEE_MODULE, exported by the VM's guest script) and
 * a test chain: $TWI_TEE_CHAIN, or one made here with selftests/tee/mkchain.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <json-c/json.h>
#include <keyutils.h>
#include <openssl/evp.h>
#include <openssl/sha.h>

#include "kselftest_harness.h"
#include "libtwi.h"
#include "workload_util.h"
#include "userspace/verify/statement.h"

TEST_IN_WORKLOAD("evidence");

#define TEE_DEBUGFS	"/sys/kernel/debug/twi_test_tee"
#define SNP_REPORT_LEN	1184
#define SNP_REPORT_DATA	0x50
#define CHAIN_DEFAULT	"/tmp/twi-evidence-chain"

static const char *env_or(const char *name, const char *def)
{
	const char *v = getenv(name);

	return v && *v ? v : def;
}

static const char *twid_path(void)
{
	return env_or("TWI_TWID", "build/twid");
}

static const char *twictl_path(void)
{
	return env_or("TWI_TWICTL", "build/twictl");
}

static int write_text(const char *path, const char *text)
{
	ssize_t len = strlen(text);
	int fd, ret = 0;

	fd = open(path, O_WRONLY | O_TRUNC);
	if (fd < 0)
		return -errno;
	if (write(fd, text, len) != len)
		ret = -errno;
	close(fd);
	return ret;
}

static int tee_knob(const char *name, unsigned int value)
{
	char path[128], text[32];

	snprintf(path, sizeof(path), TEE_DEBUGFS "/%s", name);
	snprintf(text, sizeof(text), "%u", value);
	return write_text(path, text);
}

/* Read a whole file (at most cap bytes) into buf; its length or -errno. */
static ssize_t read_file(const char *path, void *buf, size_t cap)
{
	size_t n = 0;
	ssize_t r;
	int fd;

	fd = open(path, O_RDONLY);
	if (fd < 0)
		return -errno;
	while (n < cap && (r = read(fd, (char *)buf + n, cap - n)) > 0)
		n += r;
	close(fd);
	return n;
}

/* Run a shell command, its stdout and stderr into out; its exit status. */
static int run(char *out, size_t cap, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static int run(char *out, size_t cap, const char *fmt, ...)
{
	char cmd[1024];
	size_t n = 0;
	va_list ap;
	FILE *p;
	int st;

	va_start(ap, fmt);
	vsnprintf(cmd, sizeof(cmd), fmt, ap);
	va_end(ap);
	p = popen(cmd, "r");
	if (!p)
		return -1;
	while (n + 1 < cap && fgets(out + n, cap - n, p))
		n += strlen(out + n);
	out[n] = '\0';
	st = pclose(p);
	return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
}

/*
 * The test chain: $TWI_TEE_CHAIN, else one made on the host in
 * build/tee-chain, else one made here once (2048-bit RSA, for speed).
 */
static int prepare_chain(char *dir, size_t len, char *why, size_t why_len)
{
	char out[4096], complete[512];
	struct stat st;

	snprintf(dir, len, "%s", env_or("TWI_TEE_CHAIN", CHAIN_DEFAULT));
	if (!getenv("TWI_TEE_CHAIN") && !stat("build/tee-chain/complete", &st))
		snprintf(dir, len, "build/tee-chain");
	snprintf(complete, sizeof(complete), "%s/complete", dir);
	if (!stat(complete, &st))
		return 0;
	if (access("selftests/tee/mkchain", X_OK)) {
		snprintf(why, why_len, "no selftests/tee/mkchain (test TEE not in this tree)");
		return -ENOENT;
	}
	if (run(out, sizeof(out), "TWI_MKCHAIN_RSA_BITS=${TWI_MKCHAIN_RSA_BITS:-2048} selftests/tee/mkchain %s 2>&1",
		dir)) {
		snprintf(why, why_len, "mkchain failed: %.200s", out);
		return -EIO;
	}
	return 0;
}

/* Load the test TEE with @params (module parameters, "" for none). */
static int load_tee(const char *chain, const char *params, char *why,
		    size_t why_len)
{
	char out[4096];
	int st;

	if (access("selftests/tee/load", X_OK)) {
		snprintf(why, why_len, "no selftests/tee/load (test TEE not in this tree)");
		return -ENOENT;
	}
	st = run(out, sizeof(out), "selftests/tee/load %s %s 2>&1", chain,
		 params);
	if (st == 4) {
		snprintf(why, why_len, "no test TEE module for this kernel: %.200s", out);
		return -ENOENT;
	}
	if (st) {
		snprintf(why, why_len, "selftests/tee/load failed (%d): %.200s", st, out);
		return -EIO;
	}
	tee_knob("delay_ms", 0);
	tee_knob("fail_next", 0);
	return 0;
}

struct twid_proc {
	pid_t pid;
	char log[128];
};

static bool log_has(const struct twid_proc *t, const char *what)
{
	static char buf[65536];
	ssize_t n;

	n = read_file(t->log, buf, sizeof(buf) - 1);
	if (n < 0)
		return false;
	buf[n] = '\0';
	return strstr(buf, what) != NULL;
}

/*
 * Start twid in the foreground, its output into a log; wait until it has
 * registered.  0, or -ECHILD if it exited (its status in *status).
 */
static int twid_start(struct twid_proc *t, const char *extra, int *status)
{
	static unsigned int serial;
	int fd, i;

	snprintf(t->log, sizeof(t->log), "/tmp/twid-%d-%u.log", (int)getpid(),
		 serial++);
	t->pid = fork();
	if (t->pid < 0)
		return -errno;
	if (!t->pid) {
		fd = open(t->log, O_WRONLY | O_CREAT | O_TRUNC, 0644);
		dup2(fd, STDOUT_FILENO);
		dup2(fd, STDERR_FILENO);
		execl(twid_path(), "twid", "--foreground", "--verbose",
		      extra, (char *)NULL);
		_exit(127);
	}
	for (i = 0; i < 2000; i++) {
		if (log_has(t, "twid: serving twi "))
			return 0;
		if (waitpid(t->pid, status, WNOHANG) == t->pid) {
			t->pid = 0;
			return -ECHILD;
		}
		usleep(10000);
	}
	return -ETIMEDOUT;
}

/* Stop twid with @sig; its wait status. */
static int twid_stop(struct twid_proc *t, int sig)
{
	int status = -1;

	if (t->pid <= 0)
		return -1;
	kill(t->pid, sig);
	waitpid(t->pid, &status, 0);
	t->pid = 0;
	return status;
}

static void sha512(const uint8_t *buf, size_t len, uint8_t *out)
{
	SHA512(buf, len, out);
}

/* The test TEE and a twid serving it, or why a test must skip. */
struct tee_env {
	char why[512];		/* non-empty: skip, for this reason */
	char chain[256];
	struct twid_proc twid;
};

/*
 * Load the test TEE with @params (module parameters, "" for none) and
 * start twid on it, in a fresh session keyring for %twi:NAME lookups; or
 * say in env->why what is missing.
 */
static void tee_up(struct __test_metadata *_metadata, struct tee_env *env,
		   const char *params)
{
	char out[1024];
	int status, ret;

	if (access(twid_path(), X_OK) || access(twictl_path(), X_OK)) {
		snprintf(env->why, sizeof(env->why), "%s or %s not built",
			 twid_path(), twictl_path());
		return;
	}
	if (prepare_chain(env->chain, sizeof(env->chain), env->why,
			  sizeof(env->why)))
		return;
	ASSERT_EQ(0, run(out, sizeof(out), "selftests/tee/load --unload 2>&1"))
		TH_LOG("%s", out);
	if (load_tee(env->chain, params, env->why, sizeof(env->why)))
		return;
	ASSERT_LE(0, keyctl_join_session_keyring(NULL));
	ret = twid_start(&env->twid, NULL, &status);
	ASSERT_EQ(0, ret) TH_LOG("twid did not start (status 0x%x), log %s",
				 status, env->twid.log);
}

/* Leave no provider and no test TEE behind for the tests that follow. */
static void tee_down(struct __test_metadata *_metadata, struct tee_env *env)
{
	char out[1024];
	int status;

	if (env->twid.pid) {
		status = twid_stop(&env->twid, SIGTERM);
		/* twid exits cleanly, with status 0, on SIGTERM */
		EXPECT_TRUE(WIFEXITED(status) && !WEXITSTATUS(status))
			TH_LOG("twid wait status 0x%x", status);
		unlink(env->twid.log);
	}
	if (!env->why[0])
		EXPECT_EQ(0, run(out, sizeof(out), "selftests/tee/load --unload 2>&1"))
			TH_LOG("%s", out);
}

FIXTURE(evidence) {
	struct tee_env env;
};

FIXTURE_SETUP(evidence)
{
	tee_up(_metadata, &self->env, "");
}

FIXTURE_TEARDOWN(evidence)
{
	tee_down(_metadata, &self->env);
}

#define NEED_TEE() do {							\
	if (self->env.why[0])						\
		SKIP(return, "%s", self->env.why);				\
} while (0)

static key_serial_t new_key(const char *name, const char *opts,
			    key_serial_t ring)
{
	return add_key(TWI_KEY_TYPE, name, opts, strlen(opts), ring);
}

/* The credential of @key over netlink, with its statement decoded. */
static int get_credential(key_serial_t key, struct twi_key_credential *kc,
			  struct twi_statement *st)
{
	struct twi_nl *nl;
	int ret;

	ret = twi_nl_open(&nl);
	if (ret)
		return ret;
	ret = twi_key_get(nl, key, kc);
	twi_nl_close(nl);
	if (!ret)
		ret = twi_statement_decode(kc->statement, kc->statement_len, st);
	return ret;
}

static int attest(key_serial_t key, const uint8_t *nonce, size_t len,
		  struct twi_key_credential *kc)
{
	struct twi_nl *nl;
	int ret;

	ret = twi_nl_open(&nl);
	if (ret)
		return ret;
	ret = twi_key_attest(nl, key, nonce, len, kc);
	twi_nl_close(nl);
	return ret;
}

/* The evidence is an SNP report whose report_data is SHA-512(statement). */
static bool bound(const struct twi_key_credential *kc)
{
	uint8_t digest[64];

	if (kc->tee != TWI_TEE_SNP || kc->evidence_len != SNP_REPORT_LEN)
		return false;
	sha512(kc->statement, kc->statement_len, digest);
	return !memcmp(digest, kc->evidence + SNP_REPORT_DATA, sizeof(digest));
}

TEST_F_TIMEOUT(evidence, detection_line, 300)
{
	struct stat st;

	NEED_TEE();
	/* configfs-tsm first where the kernel has it, else /dev/sev-guest */
	if (!stat("/sys/kernel/config/tsm/report", &st)) {
		EXPECT_TRUE(log_has(&self->env.twid, "twid: evidence from configfs-tsm (provider sev_guest): AMD SEV-SNP"));
	} else {
		EXPECT_TRUE(log_has(&self->env.twid, "twid: evidence from /dev/sev-guest: AMD SEV-SNP"));
	}
}

TEST_F_TIMEOUT(evidence, credential_binds_statement, 120)
{
	static uint8_t certs[65536], spki[512];
	struct twi_key_credential kc = { 0 };
	struct twi_statement *st = calloc(1, sizeof(*st));
	ssize_t certs_len;
	char path[512];
	long spki_len;
	key_serial_t key;

	NEED_TEE();
	ASSERT_NE(NULL, st);
	key = new_key("ev-bind", "", KEY_SPEC_PROCESS_KEYRING);
	ASSERT_LT(0, key) TH_LOG("add_key: %s", strerror(errno));
	ASSERT_EQ(0, get_credential(key, &kc, st));

	EXPECT_EQ((uint32_t)key, kc.serial);
	EXPECT_EQ(test_workload.cg.id, kc.cgroup_id);
	EXPECT_TRUE(bound(&kc));
	EXPECT_TRUE(st->attested);
	EXPECT_FALSE(st->has_nonce);
	EXPECT_STREQ("spiffe://test.twi/selftest", st->identifier);
	EXPECT_STREQ(test_workload.cg.path, st->kernel.cgroup);
	EXPECT_EQ(test_workload.cg.id, st->kernel.cgroup_id);
	EXPECT_EQ(TWI_ST_BIND_WORKLOAD, (int)st->kernel.binding);
	EXPECT_GE((uint64_t)time(NULL) + 5, st->issued_at);
	EXPECT_LE((uint64_t)time(NULL) - 600, st->issued_at);

	/* the statement's key is the key's public half, as keyctl reads it */
	spki_len = keyctl_read(key, (char *)spki, sizeof(spki));
	ASSERT_LT(0, spki_len);
	ASSERT_EQ((size_t)spki_len, st->public_key_len);
	EXPECT_EQ(0, memcmp(spki, st->public_key, spki_len));

	/* aux is the test platform's certificate table */
	snprintf(path, sizeof(path), "%s/certtable.bin", self->env.chain);
	certs_len = read_file(path, certs, sizeof(certs));
	ASSERT_LT(0, certs_len);
	ASSERT_EQ((size_t)certs_len, kc.aux_len);
	EXPECT_EQ(0, memcmp(certs, kc.aux, certs_len));

	/* twid logs one line per request, with the time it took */
	EXPECT_TRUE(log_has(&self->env.twid, " us (1184 bytes, aux "));
	twi_key_credential_free(&kc);
	free(st);
}

/* SHA-256 of a whole file, with OpenSSL. */
static int file_sha256(const char *path, uint8_t *digest)
{
	static uint8_t buf[1 << 16];
	EVP_MD_CTX *ctx;
	ssize_t n;
	int fd, ok;

	fd = open(path, O_RDONLY);
	if (fd < 0)
		return -errno;
	ctx = EVP_MD_CTX_new();
	ok = ctx && EVP_DigestInit_ex(ctx, EVP_sha256(), NULL);
	while (ok && (n = read(fd, buf, sizeof(buf))) > 0)
		ok = EVP_DigestUpdate(ctx, buf, n);
	ok = ok && n == 0 && EVP_DigestFinal_ex(ctx, digest, NULL);
	EVP_MD_CTX_free(ctx);
	close(fd);
	return ok ? 0 : -EIO;
}

/* The binding in the statement, and the executable's digest for exe. */
TEST_F_TIMEOUT(evidence, statement_binding, 120)
{
	struct twi_statement *st = calloc(1, sizeof(*st));
	struct twi_key_credential kc = { 0 };
	uint8_t digest[32];
	key_serial_t key;

	NEED_TEE();
	ASSERT_NE(NULL, st);
	key = new_key("ev-exe", "bind=exe", KEY_SPEC_PROCESS_KEYRING);
	ASSERT_LT(0, key) TH_LOG("add_key: %s", strerror(errno));
	ASSERT_EQ(0, get_credential(key, &kc, st));
	EXPECT_EQ(TWI_ST_BIND_EXE, (int)st->kernel.binding);
	ASSERT_TRUE(st->kernel.has_exe_digest);
	ASSERT_EQ(0, file_sha256("/proc/self/exe", digest));
	EXPECT_EQ(0, memcmp(digest, st->kernel.exe_digest, 32));
	EXPECT_TRUE(bound(&kc));
	twi_key_credential_free(&kc);

	key = new_key("ev-process", "bind=process", KEY_SPEC_PROCESS_KEYRING);
	ASSERT_LT(0, key) TH_LOG("add_key: %s", strerror(errno));
	ASSERT_EQ(0, get_credential(key, &kc, st));
	EXPECT_EQ(TWI_ST_BIND_PROCESS, (int)st->kernel.binding);
	EXPECT_FALSE(st->kernel.has_exe_digest);
	twi_key_credential_free(&kc);
	free(st);
}

/* attest=none: no evidence, and a credential file that says "none". */
TEST_F_TIMEOUT(evidence, unattested_credential, 120)
{
	struct twi_statement *st = calloc(1, sizeof(*st));
	struct twi_key_credential kc = { 0 };
	static uint8_t file[65536];
	struct twi_credential cred;
	static char out[4096];
	char path[128];
	key_serial_t key;
	ssize_t len;

	NEED_TEE();
	ASSERT_NE(NULL, st);
	key = new_key("ev-none", "attest=none", KEY_SPEC_PROCESS_KEYRING);
	ASSERT_LT(0, key) TH_LOG("add_key: %s", strerror(errno));
	ASSERT_EQ(0, get_credential(key, &kc, st));
	EXPECT_EQ((uint32_t)TWI_TEE_NONE, kc.tee);
	EXPECT_EQ(NULL, kc.evidence);
	EXPECT_FALSE(st->attested);

	snprintf(path, sizeof(path), "/tmp/cred-none-%d", (int)getpid());
	ASSERT_EQ(0, run(out, sizeof(out), "%s key credential %d > %s",
			 twictl_path(), key, path)) TH_LOG("%s", out);
	len = read_file(path, file, sizeof(file));
	ASSERT_LT(0, len);
	ASSERT_EQ(0, twi_credential_decode(file, len, &cred));
	EXPECT_EQ((uint32_t)TWI_TEE_NONE, cred.tee);
	EXPECT_EQ(0U, cred.evidence_len);
	ASSERT_EQ(0, run(out, sizeof(out), "%s key show %d", twictl_path(),
			 key)) TH_LOG("%s", out);
	EXPECT_NE(NULL, strstr(out, "attestation: none")) TH_LOG("%s", out);
	unlink(path);
	twi_key_credential_free(&kc);
	free(st);
}

TEST_F_TIMEOUT(evidence, twictl_key_commands, 120)
{
	static uint8_t file[131072];
	struct twi_key_credential kc = { 0 };
	struct twi_statement *st = calloc(1, sizeof(*st));
	struct json_object *o, *stmt, *v;
	struct twi_credential cred;
	static char out[65536];
	char path[128];
	key_serial_t key;
	ssize_t len;

	NEED_TEE();
	ASSERT_NE(NULL, st);
	key = new_key("ev-cli", "", KEY_SPEC_SESSION_KEYRING);
	ASSERT_LT(0, key) TH_LOG("add_key: %s", strerror(errno));
	ASSERT_EQ(0, get_credential(key, &kc, st));

	/* the credential file holds exactly the kernel's bytes */
	snprintf(path, sizeof(path), "/tmp/cred-%d", (int)getpid());
	ASSERT_EQ(0, run(out, sizeof(out), "%s key credential %d > %s",
			 twictl_path(), key, path)) TH_LOG("%s", out);
	len = read_file(path, file, sizeof(file));
	ASSERT_LT(0, len);
	ASSERT_EQ(0, twi_credential_decode(file, len, &cred));
	EXPECT_EQ((uint32_t)TWI_TEE_SNP, cred.tee);
	ASSERT_EQ(kc.statement_len, cred.statement_len);
	EXPECT_EQ(0, memcmp(kc.statement, cred.statement, kc.statement_len));
	ASSERT_EQ(kc.evidence_len, cred.evidence_len);
	EXPECT_EQ(0, memcmp(kc.evidence, cred.evidence, kc.evidence_len));
	ASSERT_EQ(kc.aux_len, cred.aux_len);

	/* %twi:NAME finds it in the session keyring */
	ASSERT_EQ(0, run(out, sizeof(out), "%s key show %%twi:ev-cli --json",
			 twictl_path())) TH_LOG("%s", out);
	o = json_tokener_parse(out);
	ASSERT_NE(NULL, o) TH_LOG("not JSON: %s", out);
	ASSERT_TRUE(json_object_object_get_ex(o, "serial", &v));
	EXPECT_EQ(key, json_object_get_int64(v));
	ASSERT_TRUE(json_object_object_get_ex(o, "tee", &v));
	EXPECT_STREQ("snp", json_object_get_string(v));
	ASSERT_TRUE(json_object_object_get_ex(o, "evidence_size", &v));
	EXPECT_EQ(SNP_REPORT_LEN, json_object_get_int64(v));
	ASSERT_TRUE(json_object_object_get_ex(o, "statement", &stmt));
	ASSERT_TRUE(json_object_object_get_ex(stmt, "identifier", &v));
	EXPECT_STREQ(st->identifier, json_object_get_string(v));
	json_object_put(o);

	ASSERT_EQ(0, run(out, sizeof(out), "%s key show %d", twictl_path(),
			 key)) TH_LOG("%s", out);
	EXPECT_NE(NULL, strstr(out, "attestation: snp, 1184-byte evidence"))
		TH_LOG("%s", out);

	/* errors name their cause */
	EXPECT_EQ(1, run(out, sizeof(out), "%s key show 2147483000 2>&1",
			 twictl_path()));
	EXPECT_NE(NULL, strstr(out, "twictl: cannot show key '2147483000': no twi key has that serial number"))
		TH_LOG("%s", out);
	EXPECT_EQ(2, run(out, sizeof(out), "%s key attest %d --nonce abc --out /dev/null 2>&1",
			 twictl_path(), key));
	EXPECT_NE(NULL, strstr(out, "cannot use nonce 'abc'")) TH_LOG("%s", out);
	unlink(path);
	twi_key_credential_free(&kc);
	free(st);
}

TEST_F_TIMEOUT(evidence, twictl_verify_accepts, 120)
{
	static char out[65536];
	char path[128];
	key_serial_t key;

	NEED_TEE();
	if (run(out, sizeof(out), "%s verify --help 2>&1", twictl_path()) ||
	    !strstr(out, "CREDENTIAL") || !strstr(out, "--ark"))
		SKIP(return, "twictl verify does not take credentials with --ark yet");
	key = new_key("ev-verify", "", KEY_SPEC_PROCESS_KEYRING);
	ASSERT_LT(0, key) TH_LOG("add_key: %s", strerror(errno));
	snprintf(path, sizeof(path), "/tmp/cred-verify-%d", (int)getpid());
	ASSERT_EQ(0, run(out, sizeof(out), "%s key credential %d > %s",
			 twictl_path(), key, path)) TH_LOG("%s", out);
	EXPECT_EQ(0, run(out, sizeof(out), "%s verify %s --ark %s/ark.pem 2>&1",
			 twictl_path(), path, self->env.chain)) TH_LOG("%s", out);
	unlink(path);
}

TEST_F_TIMEOUT(evidence, attest_with_nonce, 120)
{
	static const uint8_t nonce[32] = { 0xde, 0xad, 0xbe, 0xef, 1, 2, 3 };
	struct twi_statement *st0 = calloc(1, sizeof(*st0));
	struct twi_statement *st1 = calloc(1, sizeof(*st1));
	struct twi_key_credential kc0 = { 0 }, kc1 = { 0 }, kc2 = { 0 };
	static uint8_t file[131072];
	struct twi_credential cred;
	static char out[4096];
	char path[128];
	key_serial_t key;
	ssize_t len;

	NEED_TEE();
	ASSERT_NE(NULL, st0);
	ASSERT_NE(NULL, st1);
	key = new_key("ev-attest", "", KEY_SPEC_PROCESS_KEYRING);
	ASSERT_LT(0, key) TH_LOG("add_key: %s", strerror(errno));
	ASSERT_EQ(0, get_credential(key, &kc0, st0));

	ASSERT_EQ(0, attest(key, nonce, sizeof(nonce), &kc1));
	ASSERT_EQ(0, twi_statement_decode(kc1.statement, kc1.statement_len,
					  st1));
	EXPECT_TRUE(bound(&kc1));
	ASSERT_TRUE(st1->has_nonce);
	ASSERT_EQ(sizeof(nonce), st1->nonce_len);
	EXPECT_EQ(0, memcmp(nonce, st1->nonce, sizeof(nonce)));
	/* a new statement (credential id) and fresh evidence over it */
	EXPECT_NE(0, memcmp(st0->credential_id, st1->credential_id, 16));
	EXPECT_NE(0, memcmp(kc0.evidence + SNP_REPORT_DATA,
			    kc1.evidence + SNP_REPORT_DATA, 64));
	EXPECT_LE(st0->issued_at, st1->issued_at);
	ASSERT_EQ(st0->public_key_len, st1->public_key_len);
	EXPECT_EQ(0, memcmp(st0->public_key, st1->public_key,
			    st0->public_key_len));

	/* the stored credential did not change */
	ASSERT_EQ(0, get_credential(key, &kc2, st1));
	ASSERT_EQ(kc0.statement_len, kc2.statement_len);
	EXPECT_EQ(0, memcmp(kc0.statement, kc2.statement, kc0.statement_len));

	/* and through twictl */
	snprintf(path, sizeof(path), "/tmp/cred-attest-%d", (int)getpid());
	ASSERT_EQ(0, run(out, sizeof(out), "%s key attest %d --nonce 00ff10 --out %s 2>&1",
			 twictl_path(), key, path)) TH_LOG("%s", out);
	len = read_file(path, file, sizeof(file));
	ASSERT_LT(0, len);
	ASSERT_EQ(0, twi_credential_decode(file, len, &cred));
	ASSERT_EQ(0, twi_statement_decode(cred.statement, cred.statement_len,
					  st1));
	ASSERT_EQ(3U, st1->nonce_len);
	EXPECT_EQ(0x00, st1->nonce[0]);
	EXPECT_EQ(0xff, st1->nonce[1]);
	EXPECT_EQ(0x10, st1->nonce[2]);
	unlink(path);
	twi_key_credential_free(&kc0);
	twi_key_credential_free(&kc1);
	twi_key_credential_free(&kc2);
	free(st0);
	free(st1);
}

TEST_F_TIMEOUT(evidence, tee_failure_is_eio, 120)
{
	unsigned int before;
	key_serial_t key;

	NEED_TEE();
	before = test_live_keys();
	ASSERT_EQ(0, tee_knob("fail_next", 1));
	key = new_key("ev-fail", "", KEY_SPEC_PROCESS_KEYRING);
	EXPECT_EQ(-1, key);
	EXPECT_EQ(EIO, errno);
	EXPECT_TRUE(log_has(&self->env.twid, "cannot get a report"));
	EXPECT_EQ(before, test_settle_keys(before));
	/* the next one works */
	key = new_key("ev-fail", "", KEY_SPEC_PROCESS_KEYRING);
	EXPECT_LT(0, key) TH_LOG("add_key: %s", strerror(errno));
}

#define EVIDENCE_TIMEOUT "/sys/module/twi/parameters/evidence_timeout_ms"

/*
 * An answer that comes after the kernel gave up is refused (ENOENT) and
 * twid says so, then goes on serving: acks of answers and new requests
 * share its socket.
 */
TEST_F_TIMEOUT(evidence, late_answer_refused, 120)
{
	char saved[32] = "10000";
	unsigned int before;
	key_serial_t key;
	ssize_t n;
	int i;

	NEED_TEE();
	n = read_file(EVIDENCE_TIMEOUT, saved, sizeof(saved) - 1);
	ASSERT_LT(0, n);
	saved[n] = '\0';
	before = test_live_keys();
	ASSERT_EQ(0, write_text(EVIDENCE_TIMEOUT, "300"));
	ASSERT_EQ(0, tee_knob("delay_ms", 1500));
	key = new_key("ev-late", "", KEY_SPEC_PROCESS_KEYRING);
	EXPECT_EQ(-1, key);
	EXPECT_EQ(ETIMEDOUT, errno);
	EXPECT_EQ(0, write_text(EVIDENCE_TIMEOUT, saved));
	EXPECT_EQ(0, tee_knob("delay_ms", 0));
	for (i = 0; i < 500 && !log_has(&self->env.twid, "refused the answer"); i++)
		usleep(10000);
	EXPECT_TRUE(log_has(&self->env.twid, "twid: the kernel refused the answer to request "));
	EXPECT_TRUE(log_has(&self->env.twid, ": no request with that id is waiting (timed out or cancelled)"));
	EXPECT_EQ(before, test_settle_keys(before));

	key = new_key("ev-late", "", KEY_SPEC_PROCESS_KEYRING);
	EXPECT_LT(0, key) TH_LOG("add_key: %s", strerror(errno));
}

TEST_F_TIMEOUT(evidence, second_provider_refused, 120)
{
	struct twid_proc other;
	int status = 0;

	NEED_TEE();
	ASSERT_EQ(-ECHILD, twid_start(&other, NULL, &status));
	EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 1)
		TH_LOG("status 0x%x", status);
	EXPECT_TRUE(log_has(&other, "twid: cannot register as the evidence provider: another evidence provider is registered"));
	unlink(other.log);
}

TEST_F_TIMEOUT(evidence, killed_mid_request, 120)
{
	struct twi_key_credential kc = { 0 };
	unsigned int before;
	static char out[4096];
	int status, pipefd[2];
	key_serial_t key;
	pid_t child;
	int err = 0;

	NEED_TEE();
	before = test_live_keys();
	ASSERT_EQ(0, tee_knob("delay_ms", 5000));
	ASSERT_EQ(0, pipe(pipefd));
	child = fork();
	ASSERT_LE(0, child);
	if (!child) {
		key = new_key("ev-killed", "", KEY_SPEC_PROCESS_KEYRING);
		err = key < 0 ? errno : 0;
		if (write(pipefd[1], &err, sizeof(err)) != sizeof(err))
			_exit(2);
		_exit(key < 0 ? 0 : 1);
	}
	close(pipefd[1]);
	/* let the request reach twid, which sits in the TEE's delay */
	usleep(1500 * 1000);
	twid_stop(&self->env.twid, SIGKILL);
	ASSERT_EQ((ssize_t)sizeof(err), read(pipefd[0], &err, sizeof(err)));
	waitpid(child, &status, 0);
	EXPECT_EQ(ECONNRESET, err) TH_LOG("add_key failed with %s",
					  strerror(err));
	EXPECT_TRUE(WIFEXITED(status) && !WEXITSTATUS(status));
	EXPECT_EQ(before, test_settle_keys(before));
	EXPECT_EQ(-1, keyctl_search(KEY_SPEC_PROCESS_KEYRING, TWI_KEY_TYPE,
				    "ev-killed", 0));

	/* without a provider: ENODEV, and twictl says what to do */
	ASSERT_EQ(0, tee_knob("delay_ms", 0));
	EXPECT_EQ(-1, new_key("ev-none", "", KEY_SPEC_PROCESS_KEYRING));
	EXPECT_EQ(ENODEV, errno);
	key = new_key("ev-unattested", "attest=none", KEY_SPEC_PROCESS_KEYRING);
	ASSERT_LT(0, key) TH_LOG("add_key: %s", strerror(errno));
	EXPECT_EQ(1, run(out, sizeof(out), "%s key attest %d --out /dev/null 2>&1",
			 twictl_path(), key));
	EXPECT_NE(NULL, strstr(out, "no evidence provider is running (start twid)"))
		TH_LOG("%s", out);

	/* a restarted twid serves again */
	ASSERT_EQ(0, twid_start(&self->env.twid, NULL, &status));
	/* and cleared the report directory the killed one left */
	if (!access("/sys/kernel/config/tsm/report", F_OK))
		EXPECT_TRUE(log_has(&self->env.twid, "left by a twid that died"));
	key = new_key("ev-again", "", KEY_SPEC_PROCESS_KEYRING);
	ASSERT_LT(0, key) TH_LOG("add_key: %s", strerror(errno));
	ASSERT_EQ(0, attest(key, NULL, 0, &kc));
	EXPECT_TRUE(bound(&kc));
	twi_key_credential_free(&kc);
}

/*
 * The test TEE as "tdx_guest" and as "arm-cca-guest": a configfs-tsm
 * provider alone, answering with unsigned shells of a TD quote (version 4
 * header, TD 1.0 body) or a CCA token (platform and realm token).  twid
 * finds the TEE, keys carry evidence whose report_data is their statement's
 * SHA-512 where the format puts it, and twi.ko's checks and twictl's paths
 * for that TEE run; no verifier accepts a shell.  Needs configfs-tsm (6.12).
 */
FIXTURE(shell) {
	struct tee_env env;
};

FIXTURE_VARIANT(shell) {
	const char *provider;	/* tsm_provider */
	const char *label;	/* in twid's detection line */
	uint32_t tee;
	const char *name;	/* twictl's */
	size_t len;		/* of the evidence */
	size_t report_data;	/* its offset there */
};

FIXTURE_VARIANT_ADD(shell, tdx) {
	.provider = "tdx_guest", .label = "Intel TDX", .tee = TWI_TEE_TDX,
	.name = "tdx", .len = 48 + 584 + 4, .report_data = 48 + 520,
};

FIXTURE_VARIANT_ADD(shell, cca) {
	.provider = "arm-cca-guest", .label = "Arm CCA", .tee = TWI_TEE_CCA,
	.name = "cca", .len = 98, .report_data = 33,
};

FIXTURE_SETUP(shell)
{
	char out[1024], params[64];

	run(out, sizeof(out), "modprobe -q tsm 2>&1");
	if (access("/sys/kernel/config/tsm", F_OK)) {
		snprintf(self->env.why, sizeof(self->env.why),
			 "no configfs-tsm in this kernel");
		return;
	}
	snprintf(params, sizeof(params), "tsm_provider=%s", variant->provider);
	tee_up(_metadata, &self->env, params);
}

FIXTURE_TEARDOWN(shell)
{
	tee_down(_metadata, &self->env);
}

/* The evidence has SHA-512(statement) where the variant's format puts it. */
static bool shell_bound(const FIXTURE_VARIANT(shell) *variant,
			const struct twi_key_credential *kc)
{
	uint8_t digest[64];

	if (kc->tee != variant->tee || kc->evidence_len != variant->len ||
	    kc->aux_len)
		return false;
	sha512(kc->statement, kc->statement_len, digest);
	return !memcmp(digest, kc->evidence + variant->report_data,
		       sizeof(digest));
}

TEST_F_TIMEOUT(shell, evidence_through_configfs_tsm, 120)
{
	static const uint8_t nonce[16] = { 0x7d, 0x58 };
	struct twi_statement *st = calloc(1, sizeof(*st));
	struct twi_key_credential kc = { 0 };
	static char out[65536];
	char path[128], line[160];
	unsigned int before;
	key_serial_t key;

	NEED_TEE();
	ASSERT_NE(NULL, st);
	snprintf(line, sizeof(line),
		 "twid: evidence from configfs-tsm (provider %s): %s",
		 variant->provider, variant->label);
	EXPECT_TRUE(log_has(&self->env.twid, line)) TH_LOG("no '%s'", line);
	/* the test TEE has no /dev/sev-guest in these modes */
	EXPECT_NE(0, access("/dev/sev-guest", F_OK));

	key = new_key("ev-shell", "", KEY_SPEC_PROCESS_KEYRING);
	ASSERT_LT(0, key) TH_LOG("add_key: %s", strerror(errno));
	ASSERT_EQ(0, get_credential(key, &kc, st));
	EXPECT_TRUE(shell_bound(variant, &kc));
	EXPECT_TRUE(st->attested);
	snprintf(line, sizeof(line), " us (%zu bytes, aux 0 bytes)",
		 variant->len);
	EXPECT_TRUE(log_has(&self->env.twid, line)) TH_LOG("no '%s'", line);
	twi_key_credential_free(&kc);

	/* fresh evidence over a verifier's nonce comes the same way */
	ASSERT_EQ(0, attest(key, nonce, sizeof(nonce), &kc));
	EXPECT_TRUE(shell_bound(variant, &kc));
	twi_key_credential_free(&kc);

	/* twictl names the TEE; no verifier accepts an unsigned shell */
	ASSERT_EQ(0, run(out, sizeof(out), "%s key show %d", twictl_path(),
			 key)) TH_LOG("%s", out);
	snprintf(line, sizeof(line),
		 "attestation: %s, %zu-byte evidence, 0-byte aux",
		 variant->name, variant->len);
	EXPECT_NE(NULL, strstr(out, line)) TH_LOG("%s", out);
	snprintf(path, sizeof(path), "/tmp/cred-shell-%d", (int)getpid());
	ASSERT_EQ(0, run(out, sizeof(out), "%s key credential %d > %s",
			 twictl_path(), key, path)) TH_LOG("%s", out);
	EXPECT_EQ(1, run(out, sizeof(out), "%s verify %s 2>&1", twictl_path(),
			 path));
	EXPECT_NE(NULL, strstr(out, "twictl: cannot verify ")) TH_LOG("%s", out);
	unlink(path);

	/* a TEE failure: EIO and no key */
	before = test_live_keys();
	ASSERT_EQ(0, tee_knob("fail_next", 1));
	EXPECT_EQ(-1, new_key("ev-shell-fail", "", KEY_SPEC_PROCESS_KEYRING));
	EXPECT_EQ(EIO, errno);
	EXPECT_EQ(before, test_settle_keys(before));
	free(st);
}

/* What twid says, and its exit status, when it finds no usable TEE. */
TEST(twid_detection_messages)
{
	static char out[4096];
	char tdx[64];
	int fd;

	if (access(twid_path(), X_OK))
		SKIP(return, "%s not built", twid_path());
	EXPECT_EQ(1, run(out, sizeof(out), "%s --foreground --tsm-root /nonexistent --sev-guest /nonexistent/sev --tdx-guest /nonexistent/tdx 2>&1",
			 twid_path()));
	EXPECT_STREQ("twid: cannot get evidence: no TEE found: no configfs-tsm (/nonexistent), no /nonexistent/sev, no /nonexistent/tdx\n",
		     out);

	/* /dev/tdx_guest alone: quotes need configfs-tsm */
	snprintf(tdx, sizeof(tdx), "/tmp/tdx_guest-%d", (int)getpid());
	fd = open(tdx, O_WRONLY | O_CREAT, 0600);
	ASSERT_LE(0, fd);
	close(fd);
	EXPECT_EQ(1, run(out, sizeof(out), "%s --foreground --tsm-root /nonexistent --sev-guest /nonexistent/sev --tdx-guest %s 2>&1",
			 twid_path(), tdx));
	EXPECT_NE(NULL, strstr(out, "but it only gives TDREPORTs: TDX quotes need configfs-tsm"))
		TH_LOG("%s", out);
	unlink(tdx);

	EXPECT_EQ(2, run(out, sizeof(out), "%s --bogus 2>&1", twid_path()));
	EXPECT_NE(NULL, strstr(out, "usage: twid")) TH_LOG("%s", out);
	EXPECT_EQ(2, run(out, sizeof(out), "%s --tee sev 2>&1", twid_path()));
	EXPECT_NE(NULL, strstr(out, "twid: cannot use TEE 'sev': want snp, tdx or cca"))
		TH_LOG("%s", out);
}

TEST_HARNESS_MAIN
