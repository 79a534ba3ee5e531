// SPDX-License-Identifier: GPL-2.0
/*
 * Stress: worker processes spread over several workloads create, sign,
 * verify, read, revoke and drop twi keys and measure their workloads
 * concurrently for a bounded time, while a churner deletes and registers
 * one workload again and again, twid (serving the test TEE, when it can be
 * loaded) is killed and restarted, and one unload of twi.ko is attempted
 * while keys exist (the module is loaded again if it went).  Half the
 * keys are attested, so key creations wait on twid while it dies.  Every call must end in success or an errno the docs
 * list for it, and the counts must add up: the keys the workers made are
 * the keys the kernel announced (TWI_CMD_KEY_NEW), and once every worker
 * dropped its keys the kernel counts none of theirs alive and announced as
 * many deletions (TWI_CMD_KEY_DEL) as creations.  Crashes, lockdep reports
 * and leaks are the debug kernel's to report.
 *
 * TWI_STRESS_SECONDS sets the duration (default 60 on the debug kernel, 10
 * elsewhere).  Prints "# twi-count stress N", N the operations completed.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <keyutils.h>
#include <linux/twi.h>

#include "kselftest_harness.h"
#include "libtwi.h"
#include "workload_util.h"

#define WORKLOADS	4
#define WORKERS		8
#define HELD_MAX	6

struct counts {
	unsigned long ops;
	unsigned long done;		/* ops that succeeded */
	unsigned long created;
	unsigned long dropped;
	unsigned long refused;		/* documented errors */
	unsigned long unexpected;
	char last_bad[128];
};

struct shared {
	struct counts w[WORKERS + 1];	/* the last: the churner */
	unsigned long notified_new, notified_del, notify_errors;
	int unloading;			/* an unload of twi.ko began */
	volatile int stop;
};

static int seconds(void)
{
	const char *env = getenv("TWI_STRESS_SECONDS");

	if (env)
		return atoi(env);
	return access("/proc/thread-self/fail-nth", F_OK) ? 10 : 60;
}

static void note(struct counts *c, const char *op, int err,
		 const int *allowed)
{
	c->ops++;
	if (!err) {
		c->done++;
		return;
	}
	for (; *allowed; allowed++) {
		if (*allowed == err) {
			c->refused++;
			return;
		}
	}
	c->unexpected++;
	snprintf(c->last_bad, sizeof(c->last_bad), "%s: %s", op, strerror(err));
}

/*
 * Errors each call may end in under this load (Documentation/keys.rst and
 * the uapi): the workload deleted under it (revoked keys; no workload),
 * the module unloaded (no key type), out of memory, the key quota; for
 * attested keys twid gone (ENODEV), killed mid-request (ECONNRESET), too
 * slow (ETIMEDOUT) or refused by its TEE (EIO).
 */
static const int create_errs[] = { ENOMEM, EDQUOT, ENOENT, EKEYREVOKED,
				   ENODEV, ECONNRESET, ETIMEDOUT, EIO, 0 };
static const int use_errs[] = { ENOMEM, EKEYREVOKED, ENOKEY, EACCES, 0 };
/*
 * a key's credential: the key may be gone or revoked meanwhile, or the
 * module reloaded under the socket (its family id gone: ENOENT)
 */
static const int get_errs[] = { ENOMEM, EKEYREVOKED, ENOKEY, ENOENT, 0 };
/*
 * signing with a key this worker just revoked must fail with EKEYREVOKED,
 * or, if the module went in between, as its dead keys do (no permission
 * left, gone, no operations)
 */
static const int no_errs[] = { 0 };
static const int unload_errs[] = { EACCES, ENOKEY, EOPNOTSUPP, 0 };
static const int nl_errs[] = { ENOMEM, ENOENT, ENOSPC, EROFS, 0 };

static void worker(struct shared *sh, int id, const struct test_cgroup *cg)
{
	static const char *const info = "enc=x962 hash=sha256";
	unsigned char digest[32], sig[72];
	key_serial_t held[HELD_MAX] = { 0 };
	struct counts *c = &sh->w[id];
	unsigned int seed = id * 7919 + 1;
	struct twi_nl *nl = NULL;
	key_serial_t ring;
	int i;

	if (test_cgroup_enter(cg, 0))
		_exit(2);
	ring = add_key("keyring", "stress", NULL, 0, KEY_SPEC_PROCESS_KEYRING);
	if (ring < 0)
		_exit(2);
	memset(digest, id, sizeof(digest));
	while (!sh->stop) {
		int slot = rand_r(&seed) % HELD_MAX, op = rand_r(&seed) % 8;
		key_serial_t key = held[slot];
		const char *opts;
		char desc[32];
		long ret;
		int err;

		if (!key || op == 0) {
			if (key) {
				err = keyctl_invalidate(key) ? errno : 0;
				note(c, "invalidate", err, use_errs);
				held[slot] = 0;
				c->dropped++;
			}
			snprintf(desc, sizeof(desc), "w%d-%d", id, slot);
			switch (rand_r(&seed) % 4) {
			case 0:
				opts = "alg=p384 attest=none";
				break;
			case 1:
				opts = "attest=none";
				break;
			case 2:
				opts = "alg=p384";
				break;
			default:
				opts = "";
			}
			key = add_key(TWI_KEY_TYPE, desc, opts, strlen(opts),
				      ring);
			err = key < 0 ? errno : 0;
			note(c, "create", err, create_errs);
			if (!err) {
				held[slot] = key;
				c->created++;
			} else {
				usleep(1000);	/* no workload for now */
			}
			continue;
		}
		switch (op) {
		case 1:
		case 2:
			ret = keyctl_pkey_sign(key, info, digest, 32, sig, sizeof(sig));
			note(c, "sign", ret < 0 ? errno : 0, use_errs);
			if (ret > 0) {
				ret = keyctl_pkey_verify(key, info, digest, 32, sig, ret);
				note(c, "verify", ret < 0 ? errno : 0, use_errs);
			}
			break;
		case 3:
			ret = keyctl_read(key, (char *)sig, 0);
			note(c, "read", ret < 0 ? errno : 0, use_errs);
			break;
		case 4:
			ret = keyctl_revoke(key);
			note(c, "revoke", ret < 0 ? errno : 0, use_errs);
			if (!ret) {
				ret = keyctl_pkey_sign(key, info, digest, 32, sig,
						       sizeof(sig));
				err = ret < 0 && errno != EKEYREVOKED ? errno : 0;
				if (ret >= 0) {
					c->ops++;
					c->unexpected++;
					snprintf(c->last_bad, sizeof(c->last_bad),
						 "sign revoked: succeeded");
				} else {
					note(c, "sign revoked", err,
					     __atomic_load_n(&sh->unloading,
							     __ATOMIC_SEQ_CST) ?
					     unload_errs : no_errs);
				}
				keyctl_invalidate(key);
				held[slot] = 0;
				c->dropped++;
			}
			break;
		case 5:
			if (!nl && twi_nl_open(&nl))
				nl = NULL;
			if (nl) {
				struct twi_cgroup sel = { .id = cg->id };
				struct twi_log_event ev = { .type = TWI_EVENT_OTHER };

				err = -twi_workload_measure(nl, &sel, &ev, 0);
				note(c, "measure", err, nl_errs);
			}
			break;
		case 6:
			if (!nl && twi_nl_open(&nl))
				nl = NULL;
			if (nl) {
				struct twi_key_credential kc;

				err = -twi_key_get(nl, key, &kc);
				note(c, "credential", err, get_errs);
				if (!err)
					twi_key_credential_free(&kc);
			}
			break;
		default:
			ret = keyctl_describe(key, desc, sizeof(desc));
			note(c, "describe", ret < 0 ? errno : 0, use_errs);
			break;
		}
	}
	for (i = 0; i < HELD_MAX; i++) {
		if (held[i]) {
			keyctl_invalidate(held[i]);
			c->dropped++;
		}
	}
	twi_nl_close(nl);
	_exit(0);
}

/* Delete and register the churn workload; its keys go revoked. */
static void churner(struct shared *sh, const struct test_cgroup *cg)
{
	struct counts *c = &sh->w[WORKERS];
	struct twi_nl *nl;
	int err;

	if (twi_nl_open(&nl))
		_exit(2);
	while (!sh->stop) {
		usleep(200000);
		err = -test_workload_del(nl, cg);
		note(c, "del", err, nl_errs);
		err = -test_workload_add(nl, cg, "spiffe://test.twi/stress-0");
		note(c, "add", err == EEXIST ? 0 : err, nl_errs);
	}
	twi_nl_close(nl);
	_exit(0);
}

/* Count the kernel's key notifications. */
static void listener(struct shared *sh)
{
	struct twi_notification n;
	struct twi_nl *nl;

	if (twi_nl_open_events(&nl))
		_exit(2);
	for (;;) {
		int ret = twi_nl_next_notification(nl, &n, 500);

		if (ret == -ETIMEDOUT) {
			if (sh->stop == 2)
				break;
			continue;
		}
		if (ret) {
			sh->notify_errors++;
			continue;
		}
		if (n.cmd == TWI_CMD_KEY_NEW)
			sh->notified_new++;
		else if (n.cmd == TWI_CMD_KEY_DEL)
			sh->notified_del++;
	}
	twi_nl_close(nl);
	_exit(0);
}

static pid_t start_twid(void)
{
	pid_t pid;

	if (access("build/twid", X_OK))
		return 0;
	pid = fork();
	if (pid == 0) {
		int fd = open("/dev/null", O_RDWR);

		dup2(fd, 1);
		dup2(fd, 2);
		execl("build/twid", "twid", "--foreground", (char *)NULL);
		_exit(127);
	}
	return pid;
}

/* Try to unload twi.ko with keys alive; load it again if it went. */
static int unload_attempt(void)
{
	const char *module = getenv("TWI_MODULE");
	int fd, ret;

	ret = syscall(SYS_delete_module, "twi", O_NONBLOCK) ? errno : 0;
	if (ret || !module)
		return ret ? -ret : 0;
	fd = open(module, O_RDONLY | O_CLOEXEC);
	if (fd < 0 || syscall(SYS_finit_module, fd, "", 0))
		return -errno;
	close(fd);
	return 1;
}

FIXTURE(stress) {
	int unused;
};

FIXTURE_SETUP(stress)
{
}

FIXTURE_TEARDOWN(stress)
{
}

TEST_F_TIMEOUT(stress, run, 1800)
{
	struct test_cgroup cg[WORKLOADS];
	unsigned long ops = 0, done = 0, refused = 0, created = 0, dropped = 0;
	pid_t pids[WORKERS + 2], twid;
	unsigned int base, i;
	struct shared *sh;
	struct twi_nl *nl;
	int status, unload;
	time_t end;

	sh = mmap(NULL, sizeof(*sh), PROT_READ | PROT_WRITE,
		  MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	ASSERT_NE(MAP_FAILED, sh);
	ASSERT_EQ(0, twi_nl_open(&nl));
	for (i = 0; i < WORKLOADS; i++) {
		char id[64];

		ASSERT_EQ(0, test_cgroup_make(&cg[i], "stress"));
		snprintf(id, sizeof(id), "spiffe://test.twi/stress-%u", i);
		ASSERT_EQ(0, test_workload_add(nl, &cg[i], id));
	}
	base = test_live_keys();
	/* the test TEE for twid, where it builds; without it twid exits */
	if (!access("build/tee/chain/complete", F_OK) &&
	    system("selftests/tee/load build/tee/chain >/dev/null 2>&1"))
		TH_LOG("no test TEE: attested keys will fail with ENODEV");

	pids[WORKERS + 1] = fork();
	if (!pids[WORKERS + 1])
		listener(sh);
	usleep(300000);
	twid = start_twid();
	for (i = 0; i < WORKERS; i++) {
		pids[i] = fork();
		if (!pids[i])
			worker(sh, i, &cg[i % WORKLOADS]);
	}
	pids[WORKERS] = fork();
	if (!pids[WORKERS])
		churner(sh, &cg[0]);

	end = time(NULL) + seconds();
	/* Half way, kill twid and start it again; later try to unload. */
	sleep(seconds() / 2);
	if (twid > 0) {
		kill(twid, SIGKILL);
		waitpid(twid, NULL, 0);
		twid = start_twid();
	}
	sleep(seconds() / 4);
	__atomic_store_n(&sh->unloading, 1, __ATOMIC_SEQ_CST);
	unload = unload_attempt();
	if (unload == 1) {
		/* A new registry: the workers' workloads come back. */
		twi_nl_close(nl);
		ASSERT_EQ(0, twi_nl_open(&nl));
		for (i = 1; i < WORKLOADS; i++)
			EXPECT_EQ(0, test_workload_add(nl, &cg[i],
						       "spiffe://test.twi/stress"));
	}
	TH_LOG("unload with keys alive: %s", unload == 1 ?
	       "unloaded, reloaded" : unload ? strerror(-unload) : "unloaded");
	EXPECT_TRUE(unload == 1 || unload == -EBUSY || unload == -EAGAIN ||
		    unload == -EWOULDBLOCK);
	while (time(NULL) < end)
		sleep(1);

	sh->stop = 1;
	for (i = 0; i <= WORKERS; i++) {
		ASSERT_EQ(pids[i], waitpid(pids[i], &status, 0));
		EXPECT_EQ(0, status) TH_LOG("process %u", i);
	}
	if (twid > 0) {
		kill(twid, SIGKILL);
		waitpid(twid, NULL, 0);
	}
	if (system("selftests/tee/load --unload >/dev/null 2>&1"))
		TH_LOG("cannot unload the test TEE");

	for (i = 0; i <= WORKERS; i++) {
		struct counts *c = &sh->w[i];

		ops += c->ops;
		done += c->done;
		refused += c->refused;
		created += c->created;
		dropped += c->dropped;
		EXPECT_EQ(0UL, c->unexpected) TH_LOG("process %u: %lu bad, last %s",
						     i, c->unexpected, c->last_bad);
	}
	/* The workers dropped every key they made: the kernel counts none. */
	if (unload == 1)
		base = 0;
	test_settle_keys(base);
	EXPECT_EQ(base, test_live_keys());
	EXPECT_EQ(created, dropped);
	sleep(1);
	sh->stop = 2;
	ASSERT_EQ(pids[WORKERS + 1], waitpid(pids[WORKERS + 1], &status, 0));
	TH_LOG("%lu operations: %lu succeeded, %lu refused; %lu keys made, "
	       "%lu dropped; notified %lu new, %lu deleted, %lu errors", ops,
	       done, refused, created, dropped, sh->notified_new,
	       sh->notified_del, sh->notify_errors);
	if (!sh->notify_errors && unload != 1) {
		EXPECT_EQ(created, sh->notified_new);
		EXPECT_EQ(sh->notified_new, sh->notified_del);
	}
	printf("# twi-count stress %lu\n", done);
	fflush(stdout);
	EXPECT_LT(100UL, done);
	EXPECT_LT(0UL, created);

	for (i = 0; i < WORKLOADS; i++) {
		test_workload_del(nl, &cg[i]);
		test_cgroup_remove(&cg[i]);
	}
	twi_nl_close(nl);
}

TEST_HARNESS_MAIN
