// SPDX-License-Identifier: GPL-2.0
/*
 * Allocation failure sweeps (debug kernel only): every key operation and
 * every netlink command of twi runs with its Nth fault-injection point
 * failing (/proc/thread-self/fail-nth), for N = 1, 2, ... until a run
 * passes every point.  Each injected failure must end in an error the
 * operation documents (or be absorbed, with the operation complete), leave
 * no partial object behind (no key counted alive that is not in a keyring,
 * no half-registered workload) and leave the next clean call working.
 * Leaks are the debug kernel's kmemleak scan's to find, after the run.
 *
 * Skipped on kernels without fail-nth (Debian's own).  Each sweep prints
 * "# twi-count failnth NAME N", N the failures it injected; scripts/check-debug
 * sums them.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <keyutils.h>
#include <linux/twi.h>

#include "kselftest_harness.h"
#include "libtwi.h"
#include "provider_util.h"
#include "workload_util.h"

#define FAIL_NTH	"/proc/thread-self/fail-nth"
#define SWEEP_MAX	2000
#define SIGN_INFO	"enc=x962 hash=sha256"
/* max_sig_size of P-256 with enc=x962: the core refuses larger buffers. */
#define SIG_MAX		72

static int nth_fd = -1;

/* Let fail-nth reach GFP_KERNEL allocations and keep the log quiet. */
static int debugfs_set(const char *file, const char *val)
{
	char path[128];
	int fd, ret;

	snprintf(path, sizeof(path), "/sys/kernel/debug/%s", file);
	fd = open(path, O_WRONLY);
	if (fd < 0)
		return -errno;
	ret = write(fd, val, strlen(val)) < 0 ? -errno : 0;
	close(fd);
	return ret;
}

static int injection_setup(void)
{
	int ret;

	if (access(FAIL_NTH, F_OK))
		return -ENOENT;
	ret = debugfs_set("failslab/ignore-gfp-wait", "N");
	if (!ret)
		ret = debugfs_set("failslab/verbose", "0");
	if (!ret)
		ret = debugfs_set("fail_page_alloc/verbose", "0");
	debugfs_set("fail_usercopy/verbose", "0");
	if (ret)
		return ret;
	/* Opened once: opening it inside a sweep would allocate. */
	nth_fd = open(FAIL_NTH, O_RDWR);
	return nth_fd < 0 ? -errno : 0;
}

static void nth_arm(unsigned int n)
{
	char buf[16];
	int len = snprintf(buf, sizeof(buf), "%u", n);

	if (pwrite(nth_fd, buf, len, 0) != len)
		abort();
}

/*
 * Disarm and tell whether the failure was injected: the counter reads 0
 * once it fired.  Reading and writing the counter are themselves user
 * copies, which may consume what is left of it; that is harmless.
 */
static int nth_disarm(void)
{
	char buf[16] = "";
	int fired, i;

	fired = pread(nth_fd, buf, sizeof(buf) - 1, 0) > 0 && atoi(buf) == 0;
	for (i = 0; i < 4; i++) {
		if (pwrite(nth_fd, "0", 1, 0) == 1)
			break;
	}
	memset(buf, 0, sizeof(buf));
	if (pread(nth_fd, buf, sizeof(buf) - 1, 0) <= 0 || atoi(buf) != 0)
		abort();
	return fired;
}

/* Errors an injected failure may end in. */
static int allowed_error(int err)
{
	switch (err) {
	case -ENOMEM:	/* the documented out-of-memory error */
	case -EFAULT:	/* an injected user copy */
	case -ENOBUFS:	/* netlink: no room for the reply or ack */
	case -EIO:	/* libtwi: the socket failed (ack lost) */
		return 1;
	}
	return 0;
}

struct sweep {
	const char *name;
	unsigned int injected;	/* failures injected */
	unsigned int absorbed;	/* of those, operations that succeeded */
};

FIXTURE(failnth) {
	struct test_cgroup cg;
	struct twi_nl *nl;
	key_serial_t keyring;
	unsigned char digest[32];
	unsigned char sig[128];
	int sig_len;
};

FIXTURE_SETUP(failnth)
{
	int ret = injection_setup();

	if (ret == -ENOENT)
		SKIP(return, "no " FAIL_NTH " (not the debug kernel)");
	ASSERT_EQ(0, ret) TH_LOG("fault injection setup: %s", strerror(-ret));
	ASSERT_EQ(0, twi_nl_open(&self->nl));
	ASSERT_EQ(0, test_cgroup_make(&self->cg, "failnth"));
	ASSERT_EQ(0, test_workload_add(self->nl, &self->cg,
				       "spiffe://test.twi/failnth"));
	ASSERT_EQ(0, test_cgroup_enter(&self->cg, 0));
	self->keyring = add_key("keyring", "failnth", NULL, 0,
				KEY_SPEC_PROCESS_KEYRING);
	ASSERT_LT(0, self->keyring);
	memset(self->digest, 0x5a, sizeof(self->digest));
}

FIXTURE_TEARDOWN(failnth)
{
	if (nth_fd < 0)
		return;
	keyctl_clear(self->keyring);
	/* the default, which nl_evidence_answer lowers, whatever way it ends */
	set_timeout_ms(10000);
	test_cgroup_leave();
	test_workload_del(self->nl, &self->cg);
	test_cgroup_remove(&self->cg);
	twi_nl_close(self->nl);
}

/*
 * Count round @n of a sweep: an injected failure must end in an allowed
 * error or be absorbed; a round with nothing injected must succeed.
 */
static void tally(struct __test_metadata *_metadata, struct sweep *s,
		  unsigned int n, int fired, int err)
{
	if (fired) {
		s->injected++;
		if (!err)
			s->absorbed++;
		else
			EXPECT_TRUE(allowed_error(err))
				TH_LOG("nth %u: %s: %s", n, s->name, strerror(-err));
	} else {
		ASSERT_EQ(0, err) TH_LOG("%s: %s", s->name, strerror(-err));
	}
}

static void report(struct __test_metadata *_metadata, const struct sweep *s)
{
	/* keyctl_revoke() allocates nothing: there is nothing to inject. */
	int none = !strcmp(s->name, "key_revoke");

	printf("# twi-count failnth %s %u\n", s->name, s->injected);
	fflush(stdout);
	TH_LOG("%s: %u failures injected, %u absorbed", s->name, s->injected,
	       s->absorbed);
	/* A sweep that injected nothing tested nothing. */
	if (!none)
		EXPECT_LT(0U, s->injected);
}

static key_serial_t new_key(FIXTURE_DATA(failnth) *self, const char *desc)
{
	return add_key(TWI_KEY_TYPE, desc, "alg=p256 attest=none", 20,
		       self->keyring);
}

/*
 * key create: a failed add_key leaves no key in the keyring and none
 * counted alive; a successful one gives a key that signs.  Unattested, and
 * attested with a fake provider (provider_util.h) answering in another
 * process, so the injected failures land in the statement, the evidence
 * request and the checks, all in the creating thread.
 */
static void sweep_create(struct __test_metadata *_metadata,
			 FIXTURE_DATA(failnth) *self, const char *opts,
			 const char *name)
{
	struct sweep s = { .name = name };
	unsigned int base = test_live_keys();
	unsigned int n;

	for (n = 1; n < SWEEP_MAX; n++) {
		key_serial_t key;
		int err, fired;

		nth_arm(n);
		key = add_key(TWI_KEY_TYPE, "k", opts, strlen(opts),
			      self->keyring);
		err = key < 0 ? -errno : 0;
		fired = nth_disarm();
		tally(_metadata, &s, n, fired, err);
		if (err) {
			EXPECT_EQ(-1, keyctl_search(self->keyring, TWI_KEY_TYPE,
						    "k", 0)) TH_LOG("nth %u", n);
			EXPECT_EQ(base, test_settle_keys(base)) TH_LOG("nth %u", n);
		} else {
			EXPECT_LT(0, keyctl_pkey_sign(key, SIGN_INFO, self->digest,
						      32, self->sig, SIG_MAX))
				TH_LOG("nth %u: new key does not sign", n);
			keyctl_unlink(key, self->keyring);
			keyctl_invalidate(key);
			EXPECT_EQ(base, test_settle_keys(base)) TH_LOG("nth %u", n);
		}
		if (!fired)
			break;
	}
	/* The next clean call works. */
	key_serial_t after = add_key(TWI_KEY_TYPE, "after", opts, strlen(opts),
				     self->keyring);
	ASSERT_LT(0, after);
	report(_metadata, &s);
}

TEST_F_TIMEOUT(failnth, key_create, 600)
{
	if (nth_fd >= 0)
		sweep_create(_metadata, self, "alg=p256 attest=none",
			     "key_create");
}

TEST_F_TIMEOUT(failnth, key_create_attested, 900)
{
	struct provider p = { 0 };

	if (nth_fd < 0)
		return;
	ASSERT_EQ(0, provider_start(&p, GOOD_SNP));
	sweep_create(_metadata, self, "alg=p256", "key_create_attested");
	provider_stop(&p);
}

enum key_op { OP_SIGN, OP_VERIFY, OP_QUERY, OP_READ, OP_REVOKE, OP_UNLINK };

static int key_op(FIXTURE_DATA(failnth) *self, key_serial_t key,
		  enum key_op op)
{
	struct keyctl_pkey_query q;
	unsigned char sig[128];
	char buf[256];
	long ret = 0;

	switch (op) {
	case OP_SIGN:
		ret = keyctl_pkey_sign(key, SIGN_INFO, self->digest, 32, sig,
				       SIG_MAX);
		break;
	case OP_VERIFY:
		ret = keyctl_pkey_verify(key, SIGN_INFO, self->digest, 32,
					 self->sig, self->sig_len);
		break;
	case OP_QUERY:
		ret = keyctl_pkey_query(key, SIGN_INFO, &q);
		break;
	case OP_READ:
		ret = keyctl_read(key, buf, sizeof(buf));
		break;
	case OP_REVOKE:
		ret = keyctl_revoke(key);
		break;
	case OP_UNLINK:
		ret = keyctl_unlink(key, self->keyring);
		break;
	}
	return ret < 0 ? -errno : 0;
}

/*
 * Sweep one operation on a key made outside the injection (a fresh one
 * each round for revoke and unlink, which change it); afterwards the key
 * still works (or is revoked or gone, if the operation took effect) and
 * the live count is what it was.
 */
static void sweep_key_op(struct __test_metadata *_metadata,
			 FIXTURE_DATA(failnth) *self, enum key_op op,
			 const char *name)
{
	int fresh = op == OP_REVOKE || op == OP_UNLINK;
	struct sweep s = { .name = name };
	unsigned int base = test_live_keys();
	key_serial_t key = 0;
	unsigned int n;
	long len;

	if (nth_fd < 0)
		return;

	for (n = 1; n < SWEEP_MAX; n++) {
		int err, fired;

		if (!key || fresh) {
			key = new_key(self, "op");
			ASSERT_LT(0, key);
			len = keyctl_pkey_sign(key, SIGN_INFO, self->digest, 32,
					       self->sig, SIG_MAX);
			ASSERT_LT(0, len);
			self->sig_len = len;
		}
		nth_arm(n);
		err = key_op(self, key, op);
		fired = nth_disarm();
		tally(_metadata, &s, n, fired, err);
		/* The key is whole, or revoked or unlinked if that succeeded. */
		if (op == OP_REVOKE) {
			if (!err)
				EXPECT_EQ(-EKEYREVOKED, key_op(self, key, OP_SIGN))
					TH_LOG("nth %u: revoked key signs", n);
		} else if (op == OP_UNLINK) {
			if (!err)
				EXPECT_EQ(-1, keyctl_search(self->keyring,
							    TWI_KEY_TYPE, "op", 0))
					TH_LOG("nth %u: unlinked key linked", n);
		} else {
			err = key_op(self, key, OP_SIGN);
			EXPECT_EQ(0, err) TH_LOG("nth %u: key broken after %s: %s",
						 n, name, strerror(-err));
		}
		if (fresh) {
			/* A revoked key cannot be invalidated, only unlinked. */
			keyctl_unlink(key, self->keyring);
			keyctl_invalidate(key);
			EXPECT_EQ(base, test_settle_keys(base)) TH_LOG("nth %u", n);
		}
		if (!fired)
			break;
	}
	/* The next clean call works. */
	key = new_key(self, "after");
	ASSERT_LT(0, key);
	len = keyctl_pkey_sign(key, SIGN_INFO, self->digest, 32, self->sig,
			       SIG_MAX);
	ASSERT_LT(0, len);
	self->sig_len = len;
	ASSERT_EQ(0, key_op(self, key, op));
	report(_metadata, &s);
}

TEST_F_TIMEOUT(failnth, key_sign, 600)	{ sweep_key_op(_metadata, self, OP_SIGN, "key_sign"); }
TEST_F_TIMEOUT(failnth, key_verify, 600)	{ sweep_key_op(_metadata, self, OP_VERIFY, "key_verify"); }
TEST_F_TIMEOUT(failnth, key_query, 600)	{ sweep_key_op(_metadata, self, OP_QUERY, "key_query"); }
TEST_F_TIMEOUT(failnth, key_read, 600)	{ sweep_key_op(_metadata, self, OP_READ, "key_read"); }
TEST_F_TIMEOUT(failnth, key_revoke, 600)	{ sweep_key_op(_metadata, self, OP_REVOKE, "key_revoke"); }
TEST_F_TIMEOUT(failnth, key_unlink, 600)	{ sweep_key_op(_metadata, self, OP_UNLINK, "key_unlink"); }

/* Netlink commands: each on a fresh socket, opened outside the injection. */
enum nl_op { NL_INFO, NL_NEW, NL_DEL, NL_GET, NL_DUMP, NL_MEASURE };

static int count_one(const struct twi_workload_info *info, void *arg)
{
	(*(unsigned int *)arg)++;
	return 0;
}

static int nl_op(struct twi_nl *nl, const struct test_cgroup *cg,
		 enum nl_op op, struct twi_workload_info *info)
{
	static const struct twi_claim claims[] = {
		{ "team", "payments" }, { "env", "test" },
	};
	struct twi_cgroup sel = { .path = cg->path };
	struct twi_log_event ev = { .type = TWI_EVENT_FILE,
				    .description = "failnth" };
	struct twi_info ti;
	unsigned int count = 0;

	switch (op) {
	case NL_INFO:
		return twi_nl_get_info(nl, &ti);
	case NL_NEW:
		return twi_workload_add(nl, &sel, "spiffe://test.twi/sweep",
					claims, 2);
	case NL_DEL:
		return twi_workload_del(nl, &sel);
	case NL_GET:
		return twi_workload_get(nl, &sel, info);
	case NL_DUMP:
		return twi_workload_list(nl, count_one, &count);
	case NL_MEASURE:
		memset(ev.digest, 0xa5, sizeof(ev.digest));
		return twi_workload_measure(nl, &sel, &ev, 0);
	}
	return -EINVAL;
}

/*
 * The workload is either absent or whole: its identifier and both claims,
 * and a log of @events or @events + 1 events for a measurement.
 */
static int workload_state(struct __test_metadata *_metadata,
			  struct twi_nl *nl, const struct test_cgroup *cg,
			  struct twi_workload_info *info)
{
	struct twi_cgroup sel = { .id = cg->id };
	int ret;

	memset(info, 0, sizeof(*info));
	ret = twi_workload_get(nl, &sel, info);
	if (ret == -ENOENT)
		return 0;
	EXPECT_EQ(0, ret) TH_LOG("get: %s", strerror(-ret));
	return ret ? -1 : 1;
}

static void sweep_nl(struct __test_metadata *_metadata,
		     FIXTURE_DATA(failnth) *self, enum nl_op op,
		     const char *name)
{
	static struct twi_workload_info info, after;
	struct sweep s = { .name = name };
	struct test_cgroup cg;
	unsigned int n;

	if (nth_fd < 0)
		return;
	ASSERT_EQ(0, test_cgroup_child(&cg, &self->cg, "sweep"));
	for (n = 1; n < SWEEP_MAX; n++) {
		uint32_t events = 0;
		struct twi_nl *nl;
		int err, fired;

		/* The state the command starts from. */
		if (op == NL_NEW)
			test_workload_del(self->nl, &cg);
		else if (op != NL_INFO && workload_state(_metadata, self->nl,
							 &cg, &after) != 1)
			ASSERT_EQ(0, test_workload_add(self->nl, &cg,
						       "spiffe://test.twi/sweep"));
		if (op == NL_MEASURE) {
			ASSERT_EQ(1, workload_state(_metadata, self->nl, &cg,
						    &after));
			events = after.n_events;
			if (events > TWI_EVENTS_MAX / 2) {
				ASSERT_EQ(0, test_workload_del(self->nl, &cg));
				ASSERT_EQ(0, test_workload_add(self->nl, &cg,
							       "spiffe://test.twi/sweep"));
				events = 0;
			}
		}
		ASSERT_EQ(0, twi_nl_open(&nl));

		nth_arm(n);
		err = nl_op(nl, &cg, op, &info);
		fired = nth_disarm();
		twi_nl_close(nl);
		tally(_metadata, &s, n, fired, err);

		/* No half-made workload: absent, or whole. */
		switch (workload_state(_metadata, self->nl, &cg, &after)) {
		case 1:
			EXPECT_STREQ("spiffe://test.twi/sweep", after.identifier);
			if (op == NL_NEW)
				EXPECT_EQ(2U, after.n_claims) TH_LOG("nth %u", n);
			if (op == NL_DEL)
				EXPECT_NE(0, err) TH_LOG("nth %u: deleted workload still there", n);
			if (op == NL_MEASURE) {
				EXPECT_TRUE(after.n_events == events ||
					    after.n_events == events + 1)
					TH_LOG("nth %u: %u events, had %u", n,
					       after.n_events, events);
				if (!err)
					EXPECT_EQ(events + 1, after.n_events);
			}
			break;
		case 0:
			EXPECT_TRUE(op == NL_INFO || op == NL_DEL ||
				    (op == NL_NEW && err))
				TH_LOG("nth %u: %s: workload absent", n, name);
			break;
		default:
			break;
		}
		if (!fired)
			break;
	}
	test_workload_del(self->nl, &cg);
	/* The next clean call works. */
	if (op != NL_NEW && op != NL_INFO)
		ASSERT_EQ(0, test_workload_add(self->nl, &cg,
					       "spiffe://test.twi/sweep"));
	ASSERT_EQ(0, nl_op(self->nl, &cg, op, &info));
	test_workload_del(self->nl, &cg);
	test_cgroup_remove(&cg);
	report(_metadata, &s);
}

/*
 * The key commands: TWI_CMD_KEY_GET, and TWI_CMD_KEY_ATTEST with a fake
 * provider answering in another process (so the failures land in the
 * statement, the request and the checks of the calling thread).  Neither
 * changes the key: afterwards it signs, its stored credential is the one
 * it had, and the live count is what it was.
 */
static int key_nl_op(struct twi_nl *nl, key_serial_t key, int attest,
		     struct twi_key_credential *kc)
{
	static const uint8_t nonce[16] = { 0x6e, 0x6f, 0x6e, 0x63, 0x65 };

	memset(kc, 0, sizeof(*kc));
	if (attest)
		return twi_key_attest(nl, key, nonce, sizeof(nonce), kc);
	return twi_key_get(nl, key, kc);
}

static void sweep_key_nl(struct __test_metadata *_metadata,
			 FIXTURE_DATA(failnth) *self, int attest,
			 const char *name)
{
	struct twi_key_credential before, got;
	struct sweep s = { .name = name };
	struct provider p = { 0 };
	unsigned int base, n;
	key_serial_t key;

	if (nth_fd < 0)
		return;
	ASSERT_EQ(0, provider_start(&p, GOOD_SNP));
	base = test_live_keys();
	key = add_key(TWI_KEY_TYPE, "cred", "alg=p256", 8, self->keyring);
	ASSERT_LT(0, key);
	ASSERT_EQ(0, key_nl_op(self->nl, key, 0, &before));

	for (n = 1; n < SWEEP_MAX; n++) {
		struct twi_nl *nl;
		int err, fired;

		ASSERT_EQ(0, twi_nl_open(&nl));
		nth_arm(n);
		err = key_nl_op(nl, key, attest, &got);
		fired = nth_disarm();
		twi_nl_close(nl);
		tally(_metadata, &s, n, fired, err);
		if (!err)
			EXPECT_NE(NULL, got.evidence) TH_LOG("nth %u", n);
		twi_key_credential_free(&got);

		/* The key and its stored credential are as they were. */
		ASSERT_EQ(0, key_nl_op(self->nl, key, 0, &got));
		EXPECT_EQ(before.statement_len, got.statement_len);
		if (before.statement_len == got.statement_len)
			EXPECT_EQ(0, memcmp(before.statement, got.statement,
					    got.statement_len)) TH_LOG("nth %u", n);
		twi_key_credential_free(&got);
		EXPECT_LT(0, keyctl_pkey_sign(key, SIGN_INFO, self->digest, 32,
					      self->sig, SIG_MAX))
			TH_LOG("nth %u: key does not sign", n);
		EXPECT_EQ(base + 1, test_live_keys()) TH_LOG("nth %u", n);
		if (!fired)
			break;
	}
	/* The next clean call works. */
	ASSERT_EQ(0, key_nl_op(self->nl, key, attest, &got));
	twi_key_credential_free(&got);
	twi_key_credential_free(&before);
	keyctl_unlink(key, self->keyring);
	keyctl_invalidate(key);
	EXPECT_EQ(base, test_settle_keys(base));
	provider_stop(&p);
	report(_metadata, &s);
}

TEST_F_TIMEOUT(failnth, nl_key_get, 600)	{ sweep_key_nl(_metadata, self, 0, "nl_key_get"); }
TEST_F_TIMEOUT(failnth, nl_key_attest, 900)	{ sweep_key_nl(_metadata, self, 1, "nl_key_attest"); }

/*
 * TWI_CMD_PROVIDER_REGISTER: the socket is the provider, or it is not and
 * another can be; a lost ack (EIO) may have registered it or not.
 */
TEST_F_TIMEOUT(failnth, nl_provider_register, 600)
{
	struct sweep s = { .name = "nl_provider_register" };
	unsigned int n;

	if (nth_fd < 0)
		return;
	for (n = 1; n < SWEEP_MAX; n++) {
		struct nl_sock *sk;
		int err, fired, other, family;

		sk = genl_open(&family);
		ASSERT_NE(NULL, sk);
		nth_arm(n);
		err = transact(sk, genl_msg(family, TWI_CMD_PROVIDER_REGISTER,
					    NLM_F_ACK), NULL, 0, NULL);
		fired = nth_disarm();
		tally(_metadata, &s, n, fired, err);
		/* a second provider is refused exactly while the first holds */
		other = simple_cmd(TWI_CMD_PROVIDER_REGISTER);
		if (!err) {
			EXPECT_EQ(-EBUSY, other) TH_LOG("nth %u", n);
		} else if (err != -EIO) {
			EXPECT_EQ(0, other) TH_LOG("nth %u: %s", n, strerror(-other));
		}
		nl_socket_free(sk);
		/* and the registration went with its socket */
		EXPECT_EQ(0, simple_cmd(TWI_CMD_PROVIDER_REGISTER)) TH_LOG("nth %u", n);
		if (!fired)
			break;
	}
	report(_metadata, &s);
}

/* A child creates an attested key and exits with 0 or add_key's errno. */
static pid_t create_in_child(void)
{
	pid_t pid = fork();
	key_serial_t key;

	if (pid)
		return pid;
	key = add_key(TWI_KEY_TYPE, "answered", "alg=p256", 8,
		      KEY_SPEC_PROCESS_KEYRING);
	_exit(key < 0 ? errno : 0);
}

static int child_result(pid_t pid)
{
	int status;

	if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status))
		return -1;
	return WEXITSTATUS(status);
}

/* The next evidence request on the provider's socket. */
static int next_request(struct nl_sock *sk, uint64_t *id, uint8_t *rd)
{
	struct sockaddr_nl addr;
	struct nlmsghdr *nlh;
	unsigned char *data;
	const uint8_t *p;
	int n, found = 0;

	while (!found) {
		n = nl_recv(sk, &addr, &data, NULL);
		if (n <= 0)
			return -EIO;
		for (nlh = (struct nlmsghdr *)data; !found && nlmsg_ok(nlh, n);
		     nlh = nlmsg_next(nlh, &n)) {
			if (!parse_request(nlh, id, &p)) {
				memcpy(rd, p, 64);
				found = 1;
			}
		}
		free(data);
	}
	return 0;
}

/*
 * TWI_CMD_EVIDENCE_ANSWER: this thread is the provider and the failures
 * land in its answer while a child waits for its key.  An answer the
 * module took (ack 0) gives the child its key; one it could not take
 * fails the creation with ENOMEM at once; one lost before the module saw
 * it leaves the creation to time out (ETIMEDOUT, after 1 s here).  Either
 * way no key is left behind.
 */
TEST_F_TIMEOUT(failnth, nl_evidence_answer, 900)
{
	struct sweep s = { .name = "nl_evidence_answer" };
	unsigned int base, n, failed_at_once = 0;
	struct nl_sock *sk;
	int family;

	if (nth_fd < 0)
		return;
	sk = genl_open(&family);
	ASSERT_NE(NULL, sk);
	ASSERT_EQ(0, transact(sk, genl_msg(family, TWI_CMD_PROVIDER_REGISTER,
					   NLM_F_ACK), NULL, 0, NULL));
	ASSERT_EQ(0, set_timeout_ms(1000));
	base = test_live_keys();

	for (n = 1; n < SWEEP_MAX; n++) {
		uint8_t rd[64];
		uint64_t id;
		int err, fired, child;
		pid_t pid;

		pid = create_in_child();
		ASSERT_LT(0, pid);
		ASSERT_EQ(0, next_request(sk, &id, rd));
		nth_arm(n);
		err = transact(sk, answer_msg(family, GOOD_SNP, id, rd), NULL,
			       0, NULL);
		fired = nth_disarm();
		child = child_result(pid);
		tally(_metadata, &s, n, fired, err);
		if (!err) {
			EXPECT_EQ(0, child) TH_LOG("nth %u: add_key: %s", n,
						   strerror(child));
		} else if (err == -ENOMEM) {
			EXPECT_TRUE(child == ENOMEM || child == ETIMEDOUT)
				TH_LOG("nth %u: add_key: %s", n, strerror(child));
			failed_at_once += child == ENOMEM;
		} else {
			EXPECT_TRUE(child == 0 || child == ENOMEM ||
				    child == ETIMEDOUT)
				TH_LOG("nth %u: add_key: %s", n, strerror(child));
		}
		EXPECT_EQ(base, test_settle_keys(base)) TH_LOG("nth %u", n);
		if (!fired)
			break;
	}
	nl_socket_free(sk);
	/* the answer's own copies failed at least once, and failed the key */
	EXPECT_LT(0U, failed_at_once);
	report(_metadata, &s);
}

TEST_F_TIMEOUT(failnth, nl_get_info, 600)	{ sweep_nl(_metadata, self, NL_INFO, "nl_get_info"); }
TEST_F_TIMEOUT(failnth, nl_workload_new, 600) { sweep_nl(_metadata, self, NL_NEW, "nl_workload_new"); }
TEST_F_TIMEOUT(failnth, nl_workload_del, 600) { sweep_nl(_metadata, self, NL_DEL, "nl_workload_del"); }
TEST_F_TIMEOUT(failnth, nl_workload_get, 600) { sweep_nl(_metadata, self, NL_GET, "nl_workload_get"); }
TEST_F_TIMEOUT(failnth, nl_workload_dump, 600) { sweep_nl(_metadata, self, NL_DUMP, "nl_workload_dump"); }
TEST_F_TIMEOUT(failnth, nl_workload_measure, 600) { sweep_nl(_metadata, self, NL_MEASURE, "nl_workload_measure"); }

TEST_HARNESS_MAIN
