// SPDX-License-Identifier: GPL-2.0
/*
 * Binding of twi keys to workloads, executables and processes: who may
 * sign with a key, and when keys are revoked.  Runs as root inside the
 * test VM; keys live in a session keyring that forked children share.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/wait.h>
#include <unistd.h>

#include <keyutils.h>
#include <linux/twi.h>

#include "kselftest_harness.h"
#include "libtwi.h"
#include "workload_util.h"

#define URI "spiffe://example.org/bind"
#define MAX_KEYS "/sys/module/twi/parameters/max_keys"

/* Sign a SHA-256 digest with P-256 @key: 0 or the errno. */
static int sign_errno(key_serial_t key)
{
	unsigned char digest[32] = { 1 }, sig[72];
	long ret;

	/* 72 bytes: the largest DER P-256 signature, max_sig_size. */
	ret = keyctl_pkey_sign(key, "enc=x962 hash=sha256", digest,
			       sizeof(digest), sig, sizeof(sig));
	return ret < 0 ? errno : 0;
}

/*
 * A new unattested key (no evidence provider runs here) in the session
 * keyring, under a description of its own.
 */
static key_serial_t new_key(const char *options)
{
	static int serial;
	char desc[32], opts[300];

	snprintf(desc, sizeof(desc), "bind-%d-%d", (int)getpid(), serial++);
	snprintf(opts, sizeof(opts), "%s attest=none", options);
	return add_key(TWI_KEY_TYPE, desc, opts, strlen(opts),
		       KEY_SPEC_SESSION_KEYRING);
}

/* Exit status of a child running @fn(@key, @arg). */
static int child(int (*fn)(key_serial_t key, const void *arg),
		 key_serial_t key, const void *arg)
{
	int status;
	pid_t pid;

	fflush(NULL);
	pid = fork();
	if (pid < 0)
		return -1;
	if (!pid)
		_exit(fn(key, arg));
	if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status))
		return -1;
	return WEXITSTATUS(status);
}

/* In a child: move into @arg's cgroup (NULL: the root), then sign. */
static int sign_from(key_serial_t key, const void *arg)
{
	const struct test_cgroup *cg = arg;
	int ret;

	ret = cg ? test_cgroup_enter(cg, 0) : test_cgroup_leave();
	if (ret)
		return 100;
	return sign_errno(key);
}

FIXTURE(bind) {
	struct twi_nl *nl;
	struct test_cgroup cg;
	key_serial_t key;
};

FIXTURE_SETUP(bind)
{
	ASSERT_LT(0, keyctl_join_session_keyring(NULL));
	ASSERT_EQ(0, twi_nl_open(&self->nl));
	ASSERT_EQ(0, test_cgroup_make(&self->cg, "bind"));
	ASSERT_EQ(0, test_workload_add(self->nl, &self->cg, URI));
	ASSERT_EQ(0, test_cgroup_enter(&self->cg, 0));
}

FIXTURE_TEARDOWN(bind)
{
	test_cgroup_leave();
	test_workload_del(self->nl, &self->cg);
	test_cgroup_remove(&self->cg);
	twi_nl_close(self->nl);
}

TEST_F(bind, outside_any_workload)
{
	ASSERT_EQ(0, test_cgroup_leave());
	ASSERT_EQ(-1, new_key(""));
	ASSERT_EQ(ENOENT, errno);
	/* Options are checked first. */
	ASSERT_EQ(-1, new_key("bind=nothing"));
	ASSERT_EQ(EINVAL, errno);
}

TEST_F(bind, bad_bind_options)
{
	static const char *const bad[] = {
		"bind=", "bind=Workload", "bind=exe bind=exe",
		"bind=exe bind=process", "bind=process2",
	};
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		EXPECT_EQ(-1, new_key(bad[i])) TH_LOG("%s", bad[i]);
		EXPECT_EQ(EINVAL, errno);
	}
}

/* The line of /proc/keys for @key. */
static int proc_keys_line(key_serial_t key, char *line, size_t size)
{
	char serial[16];
	FILE *f;
	int ret = -ENOENT;

	snprintf(serial, sizeof(serial), "%08x ", key);
	f = fopen("/proc/keys", "r");
	if (!f)
		return -errno;
	while (ret && fgets(line, size, f))
		if (!strncmp(line, serial, strlen(serial)))
			ret = 0;
	fclose(f);
	return ret;
}

TEST_F(bind, proc_keys_shows_binding)
{
	char line[512];

	self->key = new_key("bind=exe");
	ASSERT_LT(0, self->key);
	ASSERT_EQ(0, proc_keys_line(self->key, line, sizeof(line)));
	EXPECT_NE(NULL, strstr(line, "bind=exe")) TH_LOG("%s", line);
	self->key = new_key("");
	ASSERT_LT(0, self->key);
	ASSERT_EQ(0, proc_keys_line(self->key, line, sizeof(line)));
	EXPECT_NE(NULL, strstr(line, "bind=workload")) TH_LOG("%s", line);
}

TEST_F(bind, workload_subtree_may_sign)
{
	struct test_cgroup sub;

	self->key = new_key("");
	ASSERT_LT(0, self->key);
	ASSERT_EQ(0, sign_errno(self->key));
	ASSERT_EQ(0, test_cgroup_child(&sub, &self->cg, "sub"));
	ASSERT_EQ(0, child(sign_from, self->key, &sub));
	ASSERT_EQ(0, test_cgroup_remove(&sub));
}

/* Root, in another cgroup, registered or not, is refused. */
TEST_F(bind, other_cgroups_refused)
{
	struct test_cgroup other, nested;

	self->key = new_key("");
	ASSERT_LT(0, self->key);
	ASSERT_EQ(EACCES, child(sign_from, self->key, NULL));

	ASSERT_EQ(0, test_cgroup_make(&other, "other"));
	ASSERT_EQ(EACCES, child(sign_from, self->key, &other));
	ASSERT_EQ(0, test_workload_add(self->nl, &other, URI "/other"));
	ASSERT_EQ(EACCES, child(sign_from, self->key, &other));

	/* A workload nested in the key's is another workload. */
	ASSERT_EQ(0, test_cgroup_child(&nested, &self->cg, "nested"));
	ASSERT_EQ(0, test_workload_add(self->nl, &nested, URI "/nested"));
	ASSERT_EQ(EACCES, child(sign_from, self->key, &nested));

	ASSERT_EQ(0, sign_errno(self->key));
	ASSERT_EQ(0, test_workload_del(self->nl, &nested));
	ASSERT_EQ(0, test_cgroup_remove(&nested));
	ASSERT_EQ(0, test_workload_del(self->nl, &other));
	ASSERT_EQ(0, test_cgroup_remove(&other));
}

/* Run keyctl(1) on @key: another executable in the same cgroup. */
static int keyctl_sign_status(key_serial_t key)
{
	char cmd[256];

	snprintf(cmd, sizeof(cmd),
		 "head -c 32 /dev/zero > /tmp/twi-bind-dgst && "
		 "keyctl pkey_sign %d 0 /tmp/twi-bind-dgst enc=x962 "
		 "hash=sha256 > /dev/null 2>&1", key);
	return system(cmd);
}

TEST_F(bind, exe_other_binary_refused)
{
	self->key = new_key("bind=exe");
	ASSERT_LT(0, self->key);
	ASSERT_EQ(0, sign_errno(self->key));
	/* Same executable after fork. */
	ASSERT_EQ(0, child(sign_from, self->key, &self->cg));
	ASSERT_NE(0, keyctl_sign_status(self->key));

	/* A workload-bound key is usable by keyctl(1) in the workload. */
	self->key = new_key("");
	ASSERT_LT(0, self->key);
	ASSERT_EQ(0, keyctl_sign_status(self->key));
}

/* Re-run this binary in a mode that signs with the key in argv. */
static int exec_self_sign(key_serial_t key, const void *arg)
{
	char serial[16];

	snprintf(serial, sizeof(serial), "%d", key);
	execl("/proc/self/exe", "bind_test", "--sign", serial, (char *)NULL);
	return 101;
}

TEST_F(bind, exe_same_binary_after_exec)
{
	self->key = new_key("bind=exe");
	ASSERT_LT(0, self->key);
	ASSERT_EQ(0, child(exec_self_sign, self->key, NULL));
}

/* The creating process itself, after exec, is another process image. */
static int create_then_exec(key_serial_t unused, const void *arg)
{
	key_serial_t key = new_key("bind=process");

	if (key < 0)
		return 110;
	if (sign_errno(key))
		return 111;
	return exec_self_sign(key, arg);
}

TEST_F(bind, process_fork_and_exec_refused)
{
	self->key = new_key("bind=process");
	ASSERT_LT(0, self->key);
	ASSERT_EQ(0, sign_errno(self->key));
	ASSERT_EQ(EACCES, child(sign_from, self->key, &self->cg));
	ASSERT_EQ(EACCES, child(exec_self_sign, self->key, NULL));
	ASSERT_EQ(0, sign_errno(self->key));
	ASSERT_EQ(EACCES, child(create_then_exec, 0, NULL));
}

static int create_and_exit(key_serial_t unused, const void *options)
{
	key_serial_t key = new_key(options);

	return key < 0 ? 255 : 0;
}

/* The only key in the session keyring, which a child left there. */
static key_serial_t find_key(void)
{
	key_serial_t keys[2];

	if (keyctl_read(KEY_SPEC_SESSION_KEYRING, (char *)keys,
			sizeof(keys)) != sizeof(keys[0]))
		return -1;
	return keys[0];
}

TEST_F(bind, process_exit_revokes)
{
	ASSERT_EQ(0, child(create_and_exit, 0, "bind=process"));
	self->key = find_key();
	ASSERT_LT(0, self->key);
	ASSERT_EQ(EKEYREVOKED, sign_errno(self->key));
	/* Revoked for good: even the keyctl core says so now. */
	ASSERT_EQ(-1, keyctl_read(self->key, NULL, 0));
	ASSERT_EQ(EKEYREVOKED, errno);
}

/* In a traced child: 0 if bound keys are refused and others work. */
static int traced_sign(key_serial_t key, const void *arg)
{
	key_serial_t exe_key = *(const key_serial_t *)arg;
	int ret;

	if (ptrace(PTRACE_TRACEME, 0, NULL, NULL))
		return 102;

	if (new_key("bind=exe") != -1 || errno != EPERM)
		return 103;
	if (new_key("bind=process") != -1 || errno != EPERM)
		return 104;
	ret = sign_errno(exe_key);
	if (ret != EPERM)
		return 150 + ret;
	return sign_errno(key);
}

TEST_F(bind, ptrace_refused)
{
	key_serial_t exe_key = new_key("bind=exe");

	ASSERT_LT(0, exe_key);
	self->key = new_key("");
	ASSERT_LT(0, self->key);
	ASSERT_EQ(0, child(traced_sign, self->key, &exe_key));
	ASSERT_EQ(0, sign_errno(exe_key));
}

TEST_F(bind, delete_revokes)
{
	key_serial_t exe_key = new_key("bind=exe");

	ASSERT_LT(0, exe_key);
	self->key = new_key("");
	ASSERT_LT(0, self->key);
	ASSERT_EQ(0, test_workload_del(self->nl, &self->cg));
	ASSERT_EQ(EKEYREVOKED, sign_errno(self->key));
	ASSERT_EQ(EKEYREVOKED, sign_errno(exe_key));
	/* Revoked at deletion, not only refused. */
	ASSERT_EQ(-1, keyctl_read(self->key, NULL, 0));
	ASSERT_EQ(EKEYREVOKED, errno);
	/* And no new key in the deregistered cgroup. */
	ASSERT_EQ(-1, new_key(""));
	ASSERT_EQ(ENOENT, errno);
}

TEST_F(bind, cgroup_removal_revokes)
{
	struct test_cgroup gone;

	ASSERT_EQ(0, test_cgroup_child(&gone, &self->cg, "gone"));
	ASSERT_EQ(0, test_workload_add(self->nl, &gone, URI "/gone"));
	ASSERT_EQ(0, test_cgroup_enter(&gone, 0));
	self->key = new_key("");
	ASSERT_LT(0, self->key);
	ASSERT_EQ(0, test_cgroup_enter(&self->cg, 0));
	ASSERT_EQ(0, test_cgroup_remove(&gone));
	ASSERT_EQ(EKEYREVOKED, sign_errno(self->key));
	ASSERT_EQ(-1, keyctl_read(self->key, NULL, 0));
	ASSERT_EQ(EKEYREVOKED, errno);
}

static int write_param(const char *value)
{
	FILE *f = fopen(MAX_KEYS, "w");
	int ret;

	if (!f)
		return -errno;
	ret = fputs(value, f) < 0 ? -EIO : 0;
	return fclose(f) ? -errno : ret;
}

TEST_F(bind, key_limit_per_workload)
{
	struct twi_workload_info *info = calloc(1, sizeof(*info));
	struct twi_cgroup sel = { .id = self->cg.id };
	char old[32] = "";
	key_serial_t keys[3];
	FILE *f;
	int i;

	ASSERT_NE(NULL, info);
	f = fopen(MAX_KEYS, "r");
	ASSERT_NE(NULL, f);
	ASSERT_NE(NULL, fgets(old, sizeof(old), f));
	fclose(f);
	ASSERT_EQ(0, write_param("3"));
	for (i = 0; i < 3; i++) {
		keys[i] = new_key("");
		EXPECT_LT(0, keys[i]);
	}
	EXPECT_EQ(-1, new_key(""));
	EXPECT_EQ(EDQUOT, errno);
	EXPECT_EQ(0, twi_workload_get(self->nl, &sel, info));
	EXPECT_EQ(3U, info->keys);

	/* A key's removal gives its place back. */
	EXPECT_EQ(0, keyctl_revoke(keys[0])) TH_LOG("%s", strerror(errno));
	EXPECT_EQ(0, keyctl_unlink(keys[0], KEY_SPEC_SESSION_KEYRING));
	for (i = 0; i < 100 && new_key("") < 0; i++)
		usleep(100000);	/* the key collector runs asynchronously */
	EXPECT_GT(100, i);
	ASSERT_EQ(0, write_param(old));
	free(info);
}

TEST_F(bind, key_notifications)
{
	struct twi_notification n;
	struct twi_nl *ev;

	ASSERT_EQ(0, twi_nl_open_events(&ev));
	self->key = new_key("");
	ASSERT_LT(0, self->key);
	ASSERT_EQ(0, twi_nl_next_notification(ev, &n, 2000));
	EXPECT_EQ(TWI_CMD_KEY_NEW, n.cmd);
	EXPECT_EQ((uint32_t)self->key, n.key_serial);
	EXPECT_EQ(self->cg.id, n.cgroup_id);

	ASSERT_EQ(0, keyctl_revoke(self->key));
	ASSERT_EQ(0, twi_nl_next_notification(ev, &n, 2000));
	EXPECT_EQ(TWI_CMD_KEY_DEL, n.cmd);
	EXPECT_EQ((uint32_t)self->key, n.key_serial);
	twi_nl_close(ev);
}

/* bind_test --sign SERIAL: exit with the errno of a signature. */
static int sign_mode(int argc, char **argv)
{
	if (argc != 3 || strcmp(argv[1], "--sign"))
		return -1;
	return sign_errno(atoi(argv[2]));
}

int main(int argc, char **argv)
{
	int ret = sign_mode(argc, argv);

	if (ret >= 0)
		return ret;
	return test_harness_run(argc, argv);
}
