// SPDX-License-Identifier: GPL-2.0
/*
 * A netlink fuzzer for the "twi" family: random and mutated messages
 * (random commands, attribute types, lengths, nesting, flags, headers)
 * sent as root and as an unprivileged user.  The kernel must answer every
 * request with success or an errno the uapi documents, and keep working:
 * afterwards the family still answers, a workload can be registered,
 * read and deleted, and no twi key was made or lost.  Crashes, warnings
 * and leaks are the debug kernel's to report (scripts/check-debug).
 *
 * TWI_NLFUZZ_COUNT sets the number of messages (default 100000 on the debug
 * kernel, 5000 elsewhere), TWI_NLFUZZ_SEED the seed (default: the time),
 * printed so that a failure can be replayed; TWI_NLFUZZ_TRACE=1 logs each
 * message to stderr.  Prints
 * "# twi-count nlfuzz N", N the messages sent.
 */
#include <errno.h>
#include <pwd.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <linux/genetlink.h>
#include <linux/netlink.h>
#include <linux/twi.h>

#include "kselftest_harness.h"
#include "libtwi.h"
#include "workload_util.h"

#define MSG_MAX		4096

struct fuzzer {
	uint64_t rng;
	int fd;
	uint16_t family;
	uint32_t seq;
	uint64_t cgroup_id;
	const char *cgroup_path;
	unsigned long sent, acked, other, errors[256], unexpected;
};

static uint32_t rnd(struct fuzzer *f)
{
	/* xorshift64*: reproducible from the printed seed. */
	f->rng ^= f->rng >> 12;
	f->rng ^= f->rng << 25;
	f->rng ^= f->rng >> 27;
	return (uint32_t)((f->rng * 0x2545F4914F6CDD1DULL) >> 32);
}

static uint32_t below(struct fuzzer *f, uint32_t n)
{
	return n ? rnd(f) % n : 0;
}

static void fill(struct fuzzer *f, uint8_t *p, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		p[i] = rnd(f);
}

/* A payload for an attribute: usually of a plausible shape. */
static size_t payload(struct fuzzer *f, uint8_t *p, size_t room)
{
	static const char *const strings[] = {
		"spiffe://fuzz.twi/a", "spiffe:", "x:y", "", "/", "/..",
		"/sys/fs/cgroup", "team", "a.b-c_d", "value with spaces",
		"\x7f\x01", "http://[::1]/", "0",
	};
	const char *str;
	size_t len;

	switch (below(f, 8)) {
	case 0:	/* u32 */
		len = 4;
		break;
	case 1:	/* u64, often our cgroup */
		len = 8;
		if (room >= 8 && below(f, 2)) {
			memcpy(p, &f->cgroup_id, 8);
			return 8;
		}
		break;
	case 2:	/* a digest */
		len = TWI_DIGEST_LEN;
		break;
	case 3:	/* a string, NUL-terminated or not */
		if (below(f, 4) == 0 && f->cgroup_path) {
			len = strlen(f->cgroup_path) + 1;
			if (len <= room)
				memcpy(p, f->cgroup_path, len);
			return len <= room ? len : 0;
		}
		str = strings[below(f, 13)];
		len = strlen(str) + below(f, 2);
		if (len > room)
			return 0;
		memcpy(p, str, len);
		return len;
	case 4:	/* empty */
		return 0;
	case 5:	/* odd sizes around the exact ones */
		len = (uint32_t[]){ 1, 3, 5, 7, 9, 31, 33, 63, 64, 255, 256 }[below(f, 11)];
		break;
	default:	/* anything */
		len = below(f, 300);
		break;
	}
	if (len > room)
		len = room;
	fill(f, p, len);
	return len;
}

/* Attributes at @p, nested up to @depth more levels; returns the length. */
static size_t attrs(struct fuzzer *f, uint8_t *p, size_t room, int depth)
{
	size_t used = 0, n = below(f, 6);

	while (n-- && room - used >= NLA_HDRLEN + 8) {
		struct nlattr *nla = (struct nlattr *)(p + used);
		size_t len;

		nla->nla_type = below(f, 8) ? below(f, TWI_A_WORKLOAD_MAX + 3)
					    : rnd(f) & 0xffff;
		if (depth && below(f, 3) == 0) {
			nla->nla_type = (below(f, 2) ? TWI_A_WORKLOAD_CLAIM
						     : TWI_A_WORKLOAD_EVENT);
			if (below(f, 6))
				nla->nla_type |= NLA_F_NESTED;
			len = attrs(f, p + used + NLA_HDRLEN,
				    room - used - NLA_HDRLEN, depth - 1);
		} else {
			len = payload(f, p + used + NLA_HDRLEN,
				      room - used - NLA_HDRLEN);
		}
		nla->nla_len = NLA_HDRLEN + len;
		/* Sometimes a length that lies. */
		if (below(f, 40) == 0)
			nla->nla_len = below(f, 2) ? below(f, NLA_HDRLEN + 1)
						   : nla->nla_len + 1 + below(f, 64);
		used += NLA_ALIGN(NLA_HDRLEN + len);
		if (used > room)
			used = room;
	}
	return used;
}

/* A valid request of each command, for the mutations to start from. */
static size_t valid(struct fuzzer *f, uint8_t *p, size_t room, uint8_t *cmd)
{
	struct nlattr *nla;
	size_t used = 0;

#define PUT(type, data, len) do {					\
	nla = (struct nlattr *)(p + used);				\
	nla->nla_type = (type);						\
	nla->nla_len = NLA_HDRLEN + (len);				\
	memcpy(p + used + NLA_HDRLEN, (data), (len));			\
	used += NLA_ALIGN(nla->nla_len);				\
} while (0)

	*cmd = 1 + below(f, TWI_CMD_MAX);
	if (*cmd == TWI_CMD_GET_INFO || room < 512)
		return 0;
	PUT(TWI_A_WORKLOAD_CGROUP_ID, &f->cgroup_id, 8);
	if (*cmd == TWI_CMD_WORKLOAD_NEW) {
		size_t start;

		PUT(TWI_A_WORKLOAD_IDENTIFIER, "spiffe://fuzz.twi/v", 20);
		start = used;
		used += NLA_HDRLEN;
		PUT(TWI_A_CLAIM_KEY, "k", 2);
		PUT(TWI_A_CLAIM_VALUE, "v", 2);
		nla = (struct nlattr *)(p + start);
		nla->nla_type = TWI_A_WORKLOAD_CLAIM | NLA_F_NESTED;
		nla->nla_len = used - start;
	} else if (*cmd == TWI_CMD_WORKLOAD_MEASURE) {
		uint32_t type = 1 + below(f, TWI_EVENT_MAX);
		uint8_t digest[TWI_DIGEST_LEN];
		size_t start = used;

		fill(f, digest, sizeof(digest));
		used += NLA_HDRLEN;
		PUT(TWI_A_EVENT_TYPE, &type, 4);
		PUT(TWI_A_EVENT_DIGEST, digest, sizeof(digest));
		PUT(TWI_A_EVENT_DESCRIPTION, "fuzz", 5);
		nla = (struct nlattr *)(p + start);
		nla->nla_type = TWI_A_WORKLOAD_EVENT | NLA_F_NESTED;
		nla->nla_len = used - start;
	}
#undef PUT
	return used;
}

static void mutate(struct fuzzer *f, uint8_t *p, size_t *len)
{
	int n = 1 + below(f, 4);

	while (n-- && *len) {
		switch (below(f, 4)) {
		case 0:
			p[below(f, *len)] ^= 1 << below(f, 8);
			break;
		case 1:
			p[below(f, *len)] = rnd(f);
			break;
		case 2:
			*len = below(f, *len + 1);
			break;
		case 3:	/* a length or type field */
			*(uint16_t *)(p + (below(f, *len) & ~3UL)) = rnd(f);
			break;
		}
	}
}

/* Errors a twi request may get (uapi/linux/twi.h, and genetlink's own). */
static int documented(int err)
{
	switch (err) {
	case 0: case EPERM: case EINVAL: case ERANGE: case ENOMEM:
	case ENOENT: case ENOTDIR: case EEXIST: case ENOSPC: case E2BIG:
	case EROFS: case EOPNOTSUPP:
	/* the evidence provider and key credential commands */
	case EBUSY: case ENOKEY: case EACCES: case EKEYREVOKED:
	case EKEYEXPIRED: case EBADMSG: case ENODEV: case ETIMEDOUT:
	case ECONNRESET: case EIO:
		return 1;
	}
	return 0;
}

static void drain(struct fuzzer *f, struct __test_metadata *_metadata)
{
	uint8_t buf[16384];
	ssize_t n;

	while ((n = recv(f->fd, buf, sizeof(buf), MSG_DONTWAIT)) > 0 ||
	       (n < 0 && errno == ENOBUFS)) {
		struct nlmsghdr *nlh = (struct nlmsghdr *)buf;
		int left = n;

		for (; n > 0 && NLMSG_OK(nlh, left); nlh = NLMSG_NEXT(nlh, left)) {
			struct nlmsgerr *e = NLMSG_DATA(nlh);
			int err;

			if (nlh->nlmsg_type != NLMSG_ERROR)
				continue;
			err = -e->error;
			f->acked++;
			/* Other families' errors are not ours to judge. */
			if (e->msg.nlmsg_type != f->family) {
				f->other++;
				continue;
			}
			f->errors[err & 0xff]++;
			if (!documented(err)) {
				struct genlmsghdr *g = NLMSG_DATA(&e->msg);

				f->unexpected++;
				TH_LOG("undocumented errno %d (%s), cmd %u, flags %#x",
				       err, strerror(err),
				       nlh->nlmsg_len >= sizeof(*e) + GENL_HDRLEN ?
				       g->cmd : 256, e->msg.nlmsg_flags);
			}
		}
	}
}

static void send_one(struct fuzzer *f, struct __test_metadata *_metadata)
{
	static uint8_t buf[MSG_MAX];
	struct nlmsghdr *nlh = (struct nlmsghdr *)buf;
	struct genlmsghdr *g = NLMSG_DATA(nlh);
	size_t room = MSG_MAX - NLMSG_HDRLEN - GENL_HDRLEN, len;
	uint8_t *body = buf + NLMSG_HDRLEN + GENL_HDRLEN;
	uint8_t cmd;

	memset(buf, 0, NLMSG_HDRLEN + GENL_HDRLEN);
	if (below(f, 2)) {
		len = valid(f, body, room, &cmd);
	} else {
		cmd = below(f, 4) ? below(f, TWI_CMD_MAX + 3) : rnd(f);
		len = attrs(f, body, room, 2);
	}
	g->cmd = cmd;
	g->version = below(f, 8) ? TWI_GENL_VERSION : rnd(f);
	nlh->nlmsg_len = NLMSG_HDRLEN + GENL_HDRLEN + len;
	nlh->nlmsg_type = below(f, 50) ? f->family : rnd(f) & 0xffff;
	nlh->nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK;
	if (below(f, 5) == 0)
		nlh->nlmsg_flags |= NLM_F_DUMP;
	if (below(f, 10) == 0)
		nlh->nlmsg_flags ^= 1 << below(f, 16);
	nlh->nlmsg_seq = ++f->seq;
	len = nlh->nlmsg_len;
	if (below(f, 3) == 0)
		mutate(f, buf, &len);
	/* Keep the types of netlink's own control messages out. */
	if (len >= NLMSG_HDRLEN && nlh->nlmsg_type < NLMSG_MIN_TYPE)
		nlh->nlmsg_type = f->family;
	if (getenv("TWI_NLFUZZ_TRACE"))
		fprintf(stderr, "msg %lu: len %zu type %u flags %#x cmd %u\n",
			f->sent, len, nlh->nlmsg_type, nlh->nlmsg_flags, g->cmd);
	if (send(f->fd, buf, len, 0) >= 0 || errno != EINTR)
		f->sent++;
	drain(f, _metadata);
}

static int fuzz_open(struct fuzzer *f)
{
	struct sockaddr_nl sa = { .nl_family = AF_NETLINK };
	int one = 1;

	f->fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_GENERIC);
	if (f->fd < 0)
		return -errno;
	setsockopt(f->fd, SOL_NETLINK, NETLINK_EXT_ACK, &one, sizeof(one));
	if (bind(f->fd, (struct sockaddr *)&sa, sizeof(sa)))
		return -errno;
	return 0;
}

static unsigned long fuzz_count(void)
{
	const char *env = getenv("TWI_NLFUZZ_COUNT");

	if (env)
		return strtoul(env, NULL, 0);
	return access("/proc/thread-self/fail-nth", F_OK) ? 5000 : 100000;
}

static uint64_t fuzz_seed(void)
{
	const char *env = getenv("TWI_NLFUZZ_SEED");

	if (env)
		return strtoull(env, NULL, 0);
	return (uint64_t)time(NULL) * 2654435761u | 1;
}

static unsigned int live_keys(struct twi_nl *nl)
{
	struct twi_info info = { .keys = ~0U };

	twi_nl_get_info(nl, &info);
	return info.keys;
}

/* Workloads that were there before the fuzzer, which it leaves alone. */
static uint64_t kept[64];
static unsigned int n_kept;

static int keep(const struct twi_workload_info *info, void *arg)
{
	if (n_kept < 64)
		kept[n_kept++] = info->cgroup_id;
	return 0;
}

static uint64_t doomed[256];
static unsigned int n_doomed;

static int collect(const struct twi_workload_info *info, void *arg)
{
	unsigned int i;

	for (i = 0; i < n_kept; i++) {
		if (kept[i] == info->cgroup_id)
			return 0;
	}
	if (n_doomed < 256)
		doomed[n_doomed++] = info->cgroup_id;
	return 0;
}

/* Delete what the fuzzer registered (not from inside the dump). */
static void delete_fuzzed(struct twi_nl *nl)
{
	unsigned int i;

	n_doomed = 0;
	twi_workload_list(nl, collect, NULL);
	for (i = 0; i < n_doomed; i++) {
		struct twi_cgroup sel = { .id = doomed[i] };

		twi_workload_del(nl, &sel);
	}
}

FIXTURE(nlfuzz) {
	struct test_cgroup cg;
	struct twi_nl *nl;
	struct fuzzer f;
	unsigned int keys;
};

FIXTURE_SETUP(nlfuzz)
{
	ASSERT_EQ(0, twi_nl_open(&self->nl));
	ASSERT_EQ(0, test_cgroup_make(&self->cg, "nlfuzz"));
	self->f.rng = fuzz_seed();
	self->f.family = twi_nl_family(self->nl);
	self->f.cgroup_id = self->cg.id;
	self->f.cgroup_path = self->cg.path;
	self->keys = live_keys(self->nl);
	n_kept = 0;
	ASSERT_EQ(0, twi_workload_list(self->nl, keep, NULL));
	TH_LOG("seed %#llx", (unsigned long long)self->f.rng);
}

FIXTURE_TEARDOWN(nlfuzz)
{
	delete_fuzzed(self->nl);
	test_cgroup_remove(&self->cg);
	twi_nl_close(self->nl);
}

/* The family still works after the storm, and no key appeared or went. */
static void after_storm(struct __test_metadata *_metadata,
			FIXTURE_DATA(nlfuzz) *self)
{
	static struct twi_workload_info info;
	struct twi_cgroup sel = { .id = self->cg.id };

	delete_fuzzed(self->nl);
	EXPECT_EQ(self->keys, live_keys(self->nl));
	ASSERT_EQ(0, twi_workload_add(self->nl, &sel, "spiffe://check.twi/x",
				      NULL, 0));
	ASSERT_EQ(0, twi_workload_get(self->nl, &sel, &info));
	EXPECT_STREQ("spiffe://check.twi/x", info.identifier);
	ASSERT_EQ(0, twi_workload_del(self->nl, &sel));
}

TEST_F_TIMEOUT(nlfuzz, root, 3600)
{
	unsigned long count = fuzz_count(), i;

	ASSERT_EQ(0, fuzz_open(&self->f));
	for (i = 0; i < count; i++) {
		send_one(&self->f, _metadata);
		/* Clear what the fuzzer registered now and then. */
		if (i % 5000 == 4999)
			delete_fuzzed(self->nl);
	}
	close(self->f.fd);
	TH_LOG("%lu sent, %lu answered (%lu by other families), %lu ok, "
	       "%lu EINVAL, %lu EOPNOTSUPP", self->f.sent, self->f.acked,
	       self->f.other, self->f.errors[0], self->f.errors[EINVAL],
	       self->f.errors[EOPNOTSUPP]);
	printf("# twi-count nlfuzz %lu\n", self->f.sent);
	fflush(stdout);
	EXPECT_EQ(0UL, self->f.unexpected);
	EXPECT_EQ(count, self->f.sent);
	/* Most requests were answered; a few may be dropped (ENOBUFS). */
	EXPECT_LT(count / 2, self->f.acked);
	after_storm(_metadata, self);
}

/* Unprivileged: every request to the workload commands is refused. */
TEST_F_TIMEOUT(nlfuzz, unprivileged, 3600)
{
	unsigned long count = fuzz_count() / 10, i;
	struct passwd *pw = getpwnam("nobody");
	int status;
	pid_t pid;

	ASSERT_NE(NULL, pw);
	pid = fork();
	ASSERT_LE(0, pid);
	if (pid == 0) {
		if (setgid(pw->pw_gid) || setuid(pw->pw_uid) ||
		    fuzz_open(&self->f))
			_exit(2);
		for (i = 0; i < count; i++)
			send_one(&self->f, _metadata);
		printf("# twi-count nlfuzz %lu\n", self->f.sent);
		fflush(stdout);
		_exit(self->f.unexpected || self->f.sent != count ? 1 : 0);
	}
	ASSERT_EQ(pid, waitpid(pid, &status, 0));
	EXPECT_EQ(0, status);
	after_storm(_metadata, self);
}

TEST_HARNESS_MAIN
