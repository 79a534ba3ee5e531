// SPDX-License-Identifier: GPL-2.0
/*
 * The workload commands of the "twi" family: each with no arguments, each
 * attribute missing, of the wrong type or length, valid use, and the order
 * in which the errors come.  Runs as root inside the test VM.
 */
#include <errno.h>
#include <sched.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <netlink/netlink.h>
#include <netlink/genl/genl.h>
#include <openssl/evp.h>
#include <linux/capability.h>
#include <linux/twi.h>

#include "kselftest_harness.h"
#include "libtwi.h"
#include "workload_util.h"

#define URI "spiffe://example.org/web"

FIXTURE(wl) {
	struct twi_nl *nl;
	struct test_cgroup cg;
	struct twi_cgroup by_path;
	struct twi_cgroup by_id;
	struct twi_workload_info *info;
};

FIXTURE_SETUP(wl)
{
	ASSERT_EQ(0, twi_nl_open(&self->nl));
	ASSERT_EQ(0, test_cgroup_make(&self->cg, "nl"));
	self->by_path.path = self->cg.path;
	self->by_id.id = self->cg.id;
	self->info = calloc(1, sizeof(*self->info));
	ASSERT_NE(NULL, self->info);
}

FIXTURE_TEARDOWN(wl)
{
	twi_workload_del(self->nl, &self->by_id);
	test_cgroup_remove(&self->cg);
	twi_nl_close(self->nl);
	free(self->info);
}

static struct nl_msg *new_msg(struct twi_nl *nl, uint8_t cmd)
{
	return twi_nl_msg(nl, cmd);
}

/* A TWI_CMD_WORKLOAD_NEW for @cg with a valid identifier. */
static struct nl_msg *new_request(struct twi_nl *nl,
				  const struct test_cgroup *cg)
{
	struct nl_msg *msg = twi_nl_msg(nl, TWI_CMD_WORKLOAD_NEW);

	if (msg && (nla_put_string(msg, TWI_A_WORKLOAD_CGROUP_PATH, cg->path) ||
		    nla_put_string(msg, TWI_A_WORKLOAD_IDENTIFIER, URI))) {
		nlmsg_free(msg);
		return NULL;
	}
	return msg;
}

static int put_claim(struct nl_msg *msg, const char *key, const char *value)
{
	struct nlattr *nest;

	nest = nla_nest_start(msg, TWI_A_WORKLOAD_CLAIM | NLA_F_NESTED);
	if (!nest)
		return -1;
	if (key && nla_put_string(msg, TWI_A_CLAIM_KEY, key))
		return -1;
	if (value && nla_put_string(msg, TWI_A_CLAIM_VALUE, value))
		return -1;
	nla_nest_end(msg, nest);
	return 0;
}

/* The errno of adding a workload on @cg with identifier @id. */
static int add_id(struct twi_nl *nl, const struct twi_cgroup *cg,
		  const char *id)
{
	return twi_workload_add(nl, cg, id, NULL, 0);
}

TEST_F(wl, new_by_path_and_get)
{
	struct twi_claim claims[2] = {
		{ "image", "sha256:0123abcd" },
		{ "team", "web front end" },
	};
	struct twi_workload_info *info = self->info;

	ASSERT_EQ(0, twi_workload_add(self->nl, &self->by_path, URI, claims, 2));
	ASSERT_EQ(0, twi_workload_get(self->nl, &self->by_path, info));
	EXPECT_EQ(self->cg.id, info->cgroup_id);
	EXPECT_STREQ(self->cg.path, info->cgroup_path);
	EXPECT_STREQ(URI, info->identifier);
	ASSERT_EQ(2U, info->n_claims);
	EXPECT_STREQ("image", info->claims[0].key);
	EXPECT_STREQ("sha256:0123abcd", info->claims[0].value);
	EXPECT_STREQ("team", info->claims[1].key);
	EXPECT_STREQ("web front end", info->claims[1].value);
	EXPECT_EQ(0U, info->flags);
	EXPECT_EQ(0U, info->keys);
	EXPECT_EQ(0U, info->n_events);
}

TEST_F(wl, new_by_id_get_by_path)
{
	ASSERT_EQ(0, add_id(self->nl, &self->by_id, URI));
	ASSERT_EQ(0, twi_workload_get(self->nl, &self->by_path, self->info));
	EXPECT_EQ(self->cg.id, self->info->cgroup_id);
}

TEST_F(wl, new_path_with_mount_prefix)
{
	struct twi_cgroup sel = { .path = self->cg.dir };

	ASSERT_EQ(0, add_id(self->nl, &sel, URI));
	ASSERT_EQ(0, twi_workload_get(self->nl, &self->by_id, self->info));
}

TEST_F(wl, new_twice_is_eexist)
{
	ASSERT_EQ(0, add_id(self->nl, &self->by_path, URI));
	ASSERT_EQ(-EEXIST, add_id(self->nl, &self->by_id, URI));
}

TEST_F(wl, new_no_attributes)
{
	ASSERT_EQ(-EINVAL, twi_nl_send(self->nl,
				       new_msg(self->nl, TWI_CMD_WORKLOAD_NEW)));
}

TEST_F(wl, new_missing_identifier)
{
	struct nl_msg *msg = new_msg(self->nl, TWI_CMD_WORKLOAD_NEW);

	ASSERT_EQ(0, nla_put_u64(msg, TWI_A_WORKLOAD_CGROUP_ID, self->cg.id));
	ASSERT_EQ(-EINVAL, twi_nl_send(self->nl, msg));
}

TEST_F(wl, new_missing_cgroup)
{
	struct nl_msg *msg = new_msg(self->nl, TWI_CMD_WORKLOAD_NEW);

	ASSERT_EQ(0, nla_put_string(msg, TWI_A_WORKLOAD_IDENTIFIER, URI));
	ASSERT_EQ(-EINVAL, twi_nl_send(self->nl, msg));
}

TEST_F(wl, new_both_cgroup_attributes)
{
	struct nl_msg *msg = new_request(self->nl, &self->cg);

	ASSERT_EQ(0, nla_put_u64(msg, TWI_A_WORKLOAD_CGROUP_ID, self->cg.id));
	ASSERT_EQ(-EINVAL, twi_nl_send(self->nl, msg));
}

TEST_F(wl, new_cgroup_id_wrong_length)
{
	struct nl_msg *msg = new_msg(self->nl, TWI_CMD_WORKLOAD_NEW);

	ASSERT_EQ(0, nla_put_u32(msg, TWI_A_WORKLOAD_CGROUP_ID, self->cg.id));
	ASSERT_EQ(0, nla_put_string(msg, TWI_A_WORKLOAD_IDENTIFIER, URI));
	ASSERT_EQ(-EINVAL, twi_nl_send(self->nl, msg));
}

TEST_F(wl, new_identifier_without_nul)
{
	struct nl_msg *msg = new_msg(self->nl, TWI_CMD_WORKLOAD_NEW);

	ASSERT_EQ(0, nla_put_u64(msg, TWI_A_WORKLOAD_CGROUP_ID, self->cg.id));
	ASSERT_EQ(0, nla_put(msg, TWI_A_WORKLOAD_IDENTIFIER, strlen(URI), URI));
	ASSERT_EQ(-EINVAL, twi_nl_send(self->nl, msg));
}

TEST_F(wl, new_identifier_not_a_uri)
{
	static const char *const bad[] = {
		"", "web", "1spiffe://x", "spiffe:", ":x", "sp iffe://x",
		"spiffe://a b", "spiffe://a\tb", "spiffe://\x7f",
	};
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		EXPECT_EQ(-EINVAL, add_id(self->nl, &self->by_id, bad[i]))
			TH_LOG("identifier %zu", i);
	EXPECT_EQ(0, add_id(self->nl, &self->by_id, "a+b-c.d:x"));
}

TEST_F(wl, new_identifier_length)
{
	char id[TWI_IDENTIFIER_MAX + 2];

	memset(id, 'a', sizeof(id) - 1);
	id[sizeof(id) - 1] = '\0';
	memcpy(id, "urn:", 4);
	ASSERT_EQ(-EINVAL, add_id(self->nl, &self->by_id, id));
	id[TWI_IDENTIFIER_MAX] = '\0';
	ASSERT_EQ(0, add_id(self->nl, &self->by_id, id));
	ASSERT_EQ(0, twi_workload_get(self->nl, &self->by_id, self->info));
	EXPECT_STREQ(id, self->info->identifier);
}

TEST_F(wl, new_unknown_attribute)
{
	struct nl_msg *msg = new_request(self->nl, &self->cg);

	ASSERT_EQ(0, nla_put_u32(msg, TWI_A_WORKLOAD_MAX + 1, 0));
	ASSERT_EQ(-EINVAL, twi_nl_send(self->nl, msg));
}

TEST_F(wl, new_refuses_reply_and_other_attributes)
{
	static const int types[] = {
		TWI_A_WORKLOAD_FLAGS, TWI_A_WORKLOAD_KEYS,
		TWI_A_WORKLOAD_EVENTS, TWI_A_WORKLOAD_PAD,
	};
	struct nl_msg *msg;
	size_t i;

	for (i = 0; i < sizeof(types) / sizeof(types[0]); i++) {
		msg = new_request(self->nl, &self->cg);
		ASSERT_EQ(0, nla_put_u32(msg, types[i], 0));
		EXPECT_EQ(-EINVAL, twi_nl_send(self->nl, msg))
			TH_LOG("attribute %d", types[i]);
	}
	msg = new_request(self->nl, &self->cg);
	ASSERT_EQ(0, nla_put(msg, TWI_A_WORKLOAD_LOG_DIGEST, 32, URI URI));
	EXPECT_EQ(-EINVAL, twi_nl_send(self->nl, msg));
	msg = new_request(self->nl, &self->cg);
	ASSERT_NE(NULL, nla_nest_start(msg, TWI_A_WORKLOAD_EVENT |
				       NLA_F_NESTED));
	EXPECT_EQ(-EINVAL, twi_nl_send(self->nl, msg));
	EXPECT_EQ(-ENOENT, twi_workload_get(self->nl, &self->by_id,
					    self->info));
}

/* libnl sets NLA_F_NESTED itself, so this nest is built by hand. */
TEST_F(wl, new_claim_nest_without_nested_flag)
{
	static const uint8_t claim[] = {
		6, 0, TWI_A_CLAIM_KEY, 0, 'k', 0, 0, 0,
		6, 0, TWI_A_CLAIM_VALUE, 0, 'v', 0, 0, 0,
	};
	struct nl_msg *msg = new_request(self->nl, &self->cg);

	ASSERT_EQ(0, nla_put(msg, TWI_A_WORKLOAD_CLAIM, sizeof(claim), claim));
	ASSERT_EQ(-EINVAL, twi_nl_send(self->nl, msg));
	msg = new_request(self->nl, &self->cg);
	ASSERT_EQ(0, nla_put(msg, TWI_A_WORKLOAD_CLAIM | NLA_F_NESTED,
			     sizeof(claim), claim));
	ASSERT_EQ(0, twi_nl_send(self->nl, msg));
}

TEST_F(wl, new_malformed_claims)
{
	static const char *const kv[][2] = {
		{ NULL, "v" }, { "k", NULL }, { "", "v" }, { "a b", "v" },
		{ "k=", "v" }, { "k", "\x01" }, { "k", "caf\xc3\xa9" },
	};
	char key[TWI_CLAIM_KEY_MAX + 2], value[TWI_CLAIM_VALUE_MAX + 2];
	struct nl_msg *msg;
	size_t i;

	for (i = 0; i < sizeof(kv) / sizeof(kv[0]); i++) {
		msg = new_request(self->nl, &self->cg);
		ASSERT_EQ(0, put_claim(msg, kv[i][0], kv[i][1]));
		EXPECT_EQ(-EINVAL, twi_nl_send(self->nl, msg))
			TH_LOG("claim %zu", i);
	}
	memset(key, 'k', sizeof(key) - 1);
	key[sizeof(key) - 1] = '\0';
	msg = new_request(self->nl, &self->cg);
	ASSERT_EQ(0, put_claim(msg, key, "v"));
	EXPECT_EQ(-EINVAL, twi_nl_send(self->nl, msg));

	memset(value, 'v', sizeof(value) - 1);
	value[sizeof(value) - 1] = '\0';
	msg = new_request(self->nl, &self->cg);
	ASSERT_EQ(0, put_claim(msg, "k", value));
	EXPECT_EQ(-EINVAL, twi_nl_send(self->nl, msg));

	msg = new_request(self->nl, &self->cg);
	ASSERT_EQ(0, put_claim(msg, "k", "1"));
	ASSERT_EQ(0, put_claim(msg, "k", "2"));
	EXPECT_EQ(-EINVAL, twi_nl_send(self->nl, msg));

	key[TWI_CLAIM_KEY_MAX] = '\0';
	value[TWI_CLAIM_VALUE_MAX] = '\0';
	msg = new_request(self->nl, &self->cg);
	ASSERT_EQ(0, put_claim(msg, key, value));
	ASSERT_EQ(0, put_claim(msg, "empty", ""));
	EXPECT_EQ(0, twi_nl_send(self->nl, msg));
}

TEST_F(wl, new_claim_count)
{
	struct twi_claim claims[TWI_CLAIMS_MAX + 1];
	int i;

	for (i = 0; i <= TWI_CLAIMS_MAX; i++) {
		snprintf(claims[i].key, sizeof(claims[i].key), "k%d", i);
		snprintf(claims[i].value, sizeof(claims[i].value), "%d", i);
	}
	ASSERT_EQ(-E2BIG, twi_workload_add(self->nl, &self->by_id, URI, claims,
					   TWI_CLAIMS_MAX + 1));
	ASSERT_EQ(0, twi_workload_add(self->nl, &self->by_id, URI, claims,
				      TWI_CLAIMS_MAX));
	ASSERT_EQ(0, twi_workload_get(self->nl, &self->by_id, self->info));
	ASSERT_EQ((uint32_t)TWI_CLAIMS_MAX, self->info->n_claims);
	EXPECT_STREQ("k31", self->info->claims[31].key);
}

TEST_F(wl, new_no_such_cgroup)
{
	struct twi_cgroup path = { .path = "/twi-no-such-cgroup" };
	struct twi_cgroup id = { .id = ~0ULL };

	ASSERT_EQ(-ENOENT, add_id(self->nl, &path, URI));
	ASSERT_EQ(-ENOENT, add_id(self->nl, &id, URI));
}

TEST_F(wl, new_path_to_a_file)
{
	char file[300];
	struct twi_cgroup sel = { .path = file };

	snprintf(file, sizeof(file), "%s/cgroup.procs", self->cg.path);
	ASSERT_EQ(-ENOTDIR, add_id(self->nl, &sel, URI));
}

TEST_F(wl, new_removed_cgroup)
{
	ASSERT_EQ(0, test_cgroup_remove(&self->cg));
	ASSERT_EQ(-ENOENT, add_id(self->nl, &self->by_id, URI));
}

/* Structure first, then sizes, then the cgroup, then the registry. */
TEST_F(wl, new_errno_order)
{
	struct twi_cgroup none = { .path = "/twi-no-such-cgroup" };
	struct twi_claim claims[TWI_CLAIMS_MAX + 1] = { 0 };
	int i;

	ASSERT_EQ(-EINVAL, add_id(self->nl, &none, "not a uri"));
	for (i = 0; i <= TWI_CLAIMS_MAX; i++)
		snprintf(claims[i].key, sizeof(claims[i].key), "k%d", i);
	ASSERT_EQ(-E2BIG, twi_workload_add(self->nl, &none, URI, claims,
					   TWI_CLAIMS_MAX + 1));
	strcpy(claims[1].key, "k0");
	ASSERT_EQ(-EINVAL, twi_workload_add(self->nl, &none, URI, claims, 2));
	ASSERT_EQ(-ENOENT, add_id(self->nl, &none, URI));

	ASSERT_EQ(0, add_id(self->nl, &self->by_id, URI));
	ASSERT_EQ(-EINVAL, add_id(self->nl, &self->by_id, "not a uri"));
	ASSERT_EQ(-EEXIST, add_id(self->nl, &self->by_id, URI));
}

TEST_F(wl, del)
{
	ASSERT_EQ(-ENOENT, twi_workload_del(self->nl, &self->by_id));
	ASSERT_EQ(0, add_id(self->nl, &self->by_id, URI));
	ASSERT_EQ(0, twi_workload_del(self->nl, &self->by_path));
	ASSERT_EQ(-ENOENT, twi_workload_get(self->nl, &self->by_id,
					    self->info));
	ASSERT_EQ(-ENOENT, twi_workload_del(self->nl, &self->by_id));
	ASSERT_EQ(0, add_id(self->nl, &self->by_id, URI));
}

TEST_F(wl, del_bad_requests)
{
	struct nl_msg *msg;

	ASSERT_EQ(0, add_id(self->nl, &self->by_id, URI));
	msg = new_msg(self->nl, TWI_CMD_WORKLOAD_DEL);
	ASSERT_EQ(-EINVAL, twi_nl_send(self->nl, msg));

	msg = new_msg(self->nl, TWI_CMD_WORKLOAD_DEL);
	ASSERT_EQ(0, twi_put_cgroup(msg, &self->by_id));
	ASSERT_EQ(0, twi_put_cgroup(msg, &self->by_path));
	ASSERT_EQ(-EINVAL, twi_nl_send(self->nl, msg));

	msg = new_msg(self->nl, TWI_CMD_WORKLOAD_DEL);
	ASSERT_EQ(0, twi_put_cgroup(msg, &self->by_id));
	ASSERT_EQ(0, nla_put_string(msg, TWI_A_WORKLOAD_IDENTIFIER, URI));
	ASSERT_EQ(-EINVAL, twi_nl_send(self->nl, msg));

	msg = new_msg(self->nl, TWI_CMD_WORKLOAD_DEL);
	ASSERT_EQ(0, nla_put(msg, TWI_A_WORKLOAD_CGROUP_ID, 7, "1234567"));
	ASSERT_EQ(-EINVAL, twi_nl_send(self->nl, msg));

	/* Still there. */
	ASSERT_EQ(0, twi_workload_get(self->nl, &self->by_id, self->info));
}

TEST_F(wl, get_bad_requests)
{
	struct nl_msg *msg;

	msg = new_msg(self->nl, TWI_CMD_WORKLOAD_GET);
	ASSERT_EQ(-EINVAL, twi_nl_send(self->nl, msg));
	msg = new_msg(self->nl, TWI_CMD_WORKLOAD_GET);
	ASSERT_EQ(0, nla_put_u64(msg, TWI_A_WORKLOAD_MAX + 1, 1));
	ASSERT_EQ(-EINVAL, twi_nl_send(self->nl, msg));
	ASSERT_EQ(-ENOENT, twi_workload_get(self->nl, &self->by_path,
					    self->info));
}

TEST_F(wl, dump_refuses_attributes)
{
	struct nl_msg *msg = new_msg(self->nl, TWI_CMD_WORKLOAD_GET);

	nlmsg_hdr(msg)->nlmsg_flags |= NLM_F_DUMP;
	ASSERT_EQ(0, twi_put_cgroup(msg, &self->by_id));
	ASSERT_EQ(-EINVAL, twi_nl_send(self->nl, msg));
}

struct seen {
	uint64_t id;
	int found;
	int total;
};

static int count(const struct twi_workload_info *info, void *arg)
{
	struct seen *seen = arg;

	seen->total++;
	if (info->cgroup_id == seen->id) {
		seen->found++;
		if (info->n_log)
			return -EPROTO;	/* a dump carries no events */
	}
	return 0;
}

TEST_F(wl, dump_lists_and_drops_removed)
{
	struct seen seen = { .id = self->cg.id };
	struct test_cgroup other;

	ASSERT_EQ(0, twi_workload_list(self->nl, count, &seen));
	ASSERT_EQ(0, seen.found);

	ASSERT_EQ(0, test_cgroup_make(&other, "other"));
	ASSERT_EQ(0, test_workload_add(self->nl, &other, URI));
	ASSERT_EQ(0, add_id(self->nl, &self->by_id, URI));
	ASSERT_EQ(0, twi_workload_measure(self->nl, &self->by_id,
		  &(struct twi_log_event){ .type = TWI_EVENT_IMAGE }, 0));
	ASSERT_EQ(0, twi_workload_list(self->nl, count, &seen));
	ASSERT_EQ(1, seen.found);
	ASSERT_LE(2, seen.total);

	ASSERT_EQ(0, test_cgroup_remove(&self->cg));
	memset(&seen, 0, sizeof(seen));
	seen.id = self->cg.id;
	ASSERT_EQ(0, twi_workload_list(self->nl, count, &seen));
	ASSERT_EQ(0, seen.found);
	ASSERT_EQ(-ENOENT, twi_workload_del(self->nl, &self->by_id));
	ASSERT_EQ(0, test_workload_del(self->nl, &other));
	ASSERT_EQ(0, test_cgroup_remove(&other));
}

/* The log digest, computed here with OpenSSL from the documented rule. */
static void extend(uint8_t *d, const struct twi_log_event *ev)
{
	uint8_t buf[32 + 4 + 32 + 1 + TWI_EVENT_DESC_MAX];
	size_t len = strlen(ev->description);

	memcpy(buf, d, 32);
	buf[32] = ev->type >> 24;
	buf[33] = ev->type >> 16;
	buf[34] = ev->type >> 8;
	buf[35] = ev->type;
	memcpy(buf + 36, ev->digest, 32);
	buf[68] = len;
	memcpy(buf + 69, ev->description, len);
	EVP_Digest(buf, 69 + len, d, NULL, EVP_sha256(), NULL);
}

TEST_F(wl, measure_extends_the_log)
{
	struct twi_log_event ev[3] = {
		{ .type = TWI_EVENT_IMAGE, .description = "image" },
		{ .type = TWI_EVENT_CONFIG },
		{ .type = TWI_EVENT_OTHER, .description = "a b ~" },
	};
	uint8_t zero[32] = { 0 }, d[32] = { 0 };
	struct twi_workload_info *info = self->info;
	int i;

	for (i = 0; i < 3; i++)
		memset(ev[i].digest, 0x11 * (i + 1), 32);
	ASSERT_EQ(0, add_id(self->nl, &self->by_id, URI));
	ASSERT_EQ(0, twi_workload_get(self->nl, &self->by_id, info));
	ASSERT_EQ(0, memcmp(zero, info->log_digest, 32));

	for (i = 0; i < 3; i++) {
		ASSERT_EQ(0, twi_workload_measure(self->nl, &self->by_path,
						  &ev[i], 0));
		extend(d, &ev[i]);
	}
	ASSERT_EQ(0, twi_workload_get(self->nl, &self->by_id, info));
	ASSERT_EQ(3U, info->n_events);
	ASSERT_EQ(3U, info->n_log);
	ASSERT_EQ(0, memcmp(d, info->log_digest, 32));
	for (i = 0; i < 3; i++) {
		EXPECT_EQ(ev[i].type, info->log[i].type);
		EXPECT_EQ(0, memcmp(ev[i].digest, info->log[i].digest, 32));
		EXPECT_STREQ(ev[i].description, info->log[i].description);
	}
}

TEST_F(wl, measure_seal)
{
	struct twi_log_event ev = { .type = TWI_EVENT_FILE };

	ASSERT_EQ(0, add_id(self->nl, &self->by_id, URI));
	ASSERT_EQ(0, twi_workload_measure(self->nl, &self->by_id, &ev,
					  TWI_EVENT_F_SEAL));
	ASSERT_EQ(-EROFS, twi_workload_measure(self->nl, &self->by_id, &ev,
					       0));
	ASSERT_EQ(0, twi_workload_get(self->nl, &self->by_id, self->info));
	EXPECT_EQ((uint32_t)TWI_WORKLOAD_F_SEALED, self->info->flags);
	EXPECT_EQ(1U, self->info->n_events);
}

TEST_F(wl, measure_full_log)
{
	struct twi_log_event ev = { .type = TWI_EVENT_FILE };
	int i;

	ASSERT_EQ(0, add_id(self->nl, &self->by_id, URI));
	for (i = 0; i < TWI_EVENTS_MAX; i++)
		ASSERT_EQ(0, twi_workload_measure(self->nl, &self->by_id, &ev,
						  0));
	ASSERT_EQ(-ENOSPC, twi_workload_measure(self->nl, &self->by_id, &ev,
						0));
	ASSERT_EQ(0, twi_workload_get(self->nl, &self->by_id, self->info));
	EXPECT_EQ((uint32_t)TWI_EVENTS_MAX, self->info->n_log);
}

/* A MEASURE request for the fixture's cgroup, its event nest left open. */
static struct nl_msg *measure_request(struct twi_nl *nl,
				      const struct test_cgroup *cg,
				      struct nlattr **nest)
{
	struct nl_msg *msg = twi_nl_msg(nl, TWI_CMD_WORKLOAD_MEASURE);

	nla_put_u64(msg, TWI_A_WORKLOAD_CGROUP_ID, cg->id);
	*nest = nla_nest_start(msg, TWI_A_WORKLOAD_EVENT | NLA_F_NESTED);
	return msg;
}

static int send_nested(struct twi_nl *nl, struct nl_msg *msg,
		       struct nlattr *nest)
{
	nla_nest_end(msg, nest);
	return twi_nl_send(nl, msg);
}

TEST_F(wl, measure_bad_requests)
{
	static const uint8_t digest[33] = { 0 };
	struct nlattr *nest;
	struct nl_msg *msg;
	char desc[TWI_EVENT_DESC_MAX + 2];

	ASSERT_EQ(0, add_id(self->nl, &self->by_id, URI));
	msg = new_msg(self->nl, TWI_CMD_WORKLOAD_MEASURE);
	EXPECT_EQ(-EINVAL, twi_nl_send(self->nl, msg));

	msg = new_msg(self->nl, TWI_CMD_WORKLOAD_MEASURE);
	ASSERT_EQ(0, twi_put_cgroup(msg, &self->by_id));
	EXPECT_EQ(-EINVAL, twi_nl_send(self->nl, msg));	/* no event */

	msg = measure_request(self->nl, &self->cg, &nest);
	nla_put(msg, TWI_A_EVENT_DIGEST, 32, digest);
	EXPECT_EQ(-EINVAL, send_nested(self->nl, msg, nest));	/* no type */

	msg = measure_request(self->nl, &self->cg, &nest);
	nla_put_u32(msg, TWI_A_EVENT_TYPE, TWI_EVENT_FILE);
	EXPECT_EQ(-EINVAL, send_nested(self->nl, msg, nest));	/* no digest */

	msg = measure_request(self->nl, &self->cg, &nest);
	nla_put_u32(msg, TWI_A_EVENT_TYPE, TWI_EVENT_FILE);
	nla_put(msg, TWI_A_EVENT_DIGEST, 31, digest);
	EXPECT_EQ(-ERANGE, send_nested(self->nl, msg, nest));

	msg = measure_request(self->nl, &self->cg, &nest);
	nla_put_u32(msg, TWI_A_EVENT_TYPE, TWI_EVENT_FILE);
	nla_put(msg, TWI_A_EVENT_DIGEST, 33, digest);
	EXPECT_EQ(-ERANGE, send_nested(self->nl, msg, nest));

	msg = measure_request(self->nl, &self->cg, &nest);
	nla_put_u32(msg, TWI_A_EVENT_TYPE, TWI_EVENT_MAX + 1);
	nla_put(msg, TWI_A_EVENT_DIGEST, 32, digest);
	EXPECT_EQ(-ERANGE, send_nested(self->nl, msg, nest));

	msg = measure_request(self->nl, &self->cg, &nest);
	nla_put_u32(msg, TWI_A_EVENT_TYPE, TWI_EVENT_UNSPEC);
	nla_put(msg, TWI_A_EVENT_DIGEST, 32, digest);
	EXPECT_EQ(-ERANGE, send_nested(self->nl, msg, nest));

	msg = measure_request(self->nl, &self->cg, &nest);
	nla_put_u64(msg, TWI_A_EVENT_TYPE, TWI_EVENT_FILE);
	nla_put(msg, TWI_A_EVENT_DIGEST, 32, digest);
	EXPECT_EQ(-EINVAL, send_nested(self->nl, msg, nest));

	msg = measure_request(self->nl, &self->cg, &nest);
	nla_put_u32(msg, TWI_A_EVENT_TYPE, TWI_EVENT_FILE);
	nla_put(msg, TWI_A_EVENT_DIGEST, 32, digest);
	nla_put_u32(msg, TWI_A_EVENT_FLAGS, ~(uint32_t)TWI_EVENT_F_ALL);
	EXPECT_EQ(-EINVAL, send_nested(self->nl, msg, nest));

	msg = measure_request(self->nl, &self->cg, &nest);
	nla_put_u32(msg, TWI_A_EVENT_TYPE, TWI_EVENT_FILE);
	nla_put(msg, TWI_A_EVENT_DIGEST, 32, digest);
	nla_put_u32(msg, TWI_A_EVENT_MAX + 1, 0);
	EXPECT_EQ(-EINVAL, send_nested(self->nl, msg, nest));

	msg = measure_request(self->nl, &self->cg, &nest);
	nla_put_u32(msg, TWI_A_EVENT_TYPE, TWI_EVENT_FILE);
	nla_put(msg, TWI_A_EVENT_DIGEST, 32, digest);
	nla_put_string(msg, TWI_A_EVENT_DESCRIPTION, "tab\there");
	EXPECT_EQ(-EINVAL, send_nested(self->nl, msg, nest));

	memset(desc, 'd', sizeof(desc) - 1);
	desc[sizeof(desc) - 1] = '\0';
	msg = measure_request(self->nl, &self->cg, &nest);
	nla_put_u32(msg, TWI_A_EVENT_TYPE, TWI_EVENT_FILE);
	nla_put(msg, TWI_A_EVENT_DIGEST, 32, digest);
	nla_put_string(msg, TWI_A_EVENT_DESCRIPTION, desc);
	EXPECT_EQ(-EINVAL, send_nested(self->nl, msg, nest));

	/* Two events in one request. */
	msg = measure_request(self->nl, &self->cg, &nest);
	nla_put_u32(msg, TWI_A_EVENT_TYPE, TWI_EVENT_FILE);
	nla_put(msg, TWI_A_EVENT_DIGEST, 32, digest);
	nla_nest_end(msg, nest);
	nest = nla_nest_start(msg, TWI_A_WORKLOAD_EVENT | NLA_F_NESTED);
	nla_put_u32(msg, TWI_A_EVENT_TYPE, TWI_EVENT_FILE);
	nla_put(msg, TWI_A_EVENT_DIGEST, 32, digest);
	EXPECT_EQ(-EINVAL, send_nested(self->nl, msg, nest));

	ASSERT_EQ(0, twi_workload_get(self->nl, &self->by_id, self->info));
	EXPECT_EQ(0U, self->info->n_events);

	desc[TWI_EVENT_DESC_MAX] = '\0';
	msg = measure_request(self->nl, &self->cg, &nest);
	nla_put_u32(msg, TWI_A_EVENT_TYPE, TWI_EVENT_FILE);
	nla_put(msg, TWI_A_EVENT_DIGEST, 32, digest);
	nla_put_string(msg, TWI_A_EVENT_DESCRIPTION, desc);
	EXPECT_EQ(0, send_nested(self->nl, msg, nest));
}

/* A bad event is refused before the cgroup is looked up. */
TEST_F(wl, measure_errno_order)
{
	struct twi_cgroup none = { .path = "/twi-no-such-cgroup" };
	struct twi_log_event ev = { .type = TWI_EVENT_FILE };

	ASSERT_EQ(-ENOENT, twi_workload_measure(self->nl, &none, &ev, 0));
	ASSERT_EQ(-ENOENT, twi_workload_measure(self->nl, &self->by_id, &ev,
						0));
	strcpy(ev.description, "\x01");
	ASSERT_EQ(-EINVAL, twi_workload_measure(self->nl, &none, &ev, 0));
}

#define SKIP_CODE 77

/* Run @fn in a child and return its exit status. */
static int in_child(int (*fn)(const struct twi_cgroup *cg),
		    const struct twi_cgroup *cg)
{
	int status;
	pid_t pid;

	pid = fork();
	if (pid < 0)
		return -1;
	if (!pid)
		_exit(fn(cg));
	if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status))
		return -1;
	return WEXITSTATUS(status);
}

/* 0 if every workload command fails with EPERM while GET_INFO works. */
static int all_refused(const struct twi_cgroup *cg)
{
	struct twi_log_event ev = { .type = TWI_EVENT_FILE };
	struct twi_workload_info *info = calloc(1, sizeof(*info));
	struct twi_info tinfo;
	struct twi_nl *nl;
	struct nl_msg *msg;
	int bad = 0;

	if (!info || twi_nl_open(&nl))
		return 10;
	bad |= twi_nl_get_info(nl, &tinfo) != 0;
	bad |= (add_id(nl, cg, URI) != -EPERM) << 1;
	bad |= (twi_workload_del(nl, cg) != -EPERM) << 2;
	bad |= (twi_workload_get(nl, cg, info) != -EPERM) << 3;
	bad |= (twi_workload_measure(nl, cg, &ev, 0) != -EPERM) << 4;
	bad |= (twi_workload_list(nl, count, &(struct seen){ 0 }) != -EPERM)
	       << 5;
	/* Privilege comes before the attributes. */
	msg = twi_nl_msg(nl, TWI_CMD_WORKLOAD_NEW);
	nla_put_u32(msg, TWI_A_WORKLOAD_MAX + 1, 0);
	bad |= (twi_nl_send(nl, msg) != -EPERM) << 6;
	twi_nl_close(nl);
	free(info);
	return bad;
}

static int as_nobody(const struct twi_cgroup *cg)
{
	if (setresgid(65534, 65534, 65534) || setresuid(65534, 65534, 65534))
		return 20;
	return all_refused(cg);
}

/* Root of a new user namespace has CAP_NET_ADMIN only there. */
static int in_user_ns(const struct twi_cgroup *cg)
{
	if (unshare(CLONE_NEWUSER | CLONE_NEWNET))
		return errno == EPERM ? SKIP_CODE : 21;
	return all_refused(cg);
}

/* Root without CAP_NET_ADMIN, CAP_SYS_ADMIN kept. */
static int without_net_admin(const struct twi_cgroup *cg)
{
	struct __user_cap_header_struct hdr = {
		.version = _LINUX_CAPABILITY_VERSION_3,
	};
	struct __user_cap_data_struct data[2];

	if (syscall(SYS_capget, &hdr, data))
		return 22;
	data[0].effective &= ~(1U << CAP_NET_ADMIN);
	data[0].permitted &= ~(1U << CAP_NET_ADMIN);
	if (syscall(SYS_capset, &hdr, data))
		return 23;
	return all_refused(cg);
}

static int events_refused(const struct twi_cgroup *cg)
{
	struct twi_nl *nl;

	if (setresgid(65534, 65534, 65534) || setresuid(65534, 65534, 65534))
		return 20;
	if (twi_nl_open_events(&nl) != -EPERM)
		return 1;
	return 0;
}

TEST_F(wl, unprivileged_refused)
{
	ASSERT_EQ(0, add_id(self->nl, &self->by_id, URI));
	ASSERT_EQ(0, in_child(as_nobody, &self->by_id));
	ASSERT_EQ(0, in_child(without_net_admin, &self->by_id));
	ASSERT_EQ(0, in_child(events_refused, &self->by_id));
	/* Untouched. */
	ASSERT_EQ(0, twi_workload_get(self->nl, &self->by_id, self->info));
}

TEST_F(wl, user_namespace_root_refused)
{
	int ret;

	ASSERT_EQ(0, add_id(self->nl, &self->by_id, URI));
	ret = in_child(in_user_ns, &self->by_id);
	if (ret == SKIP_CODE)
		SKIP(return, "no user namespaces from a chroot (the test VM)");
	ASSERT_EQ(0, ret);
}

TEST_F(wl, notification_commands_refused)
{
	static const int cmds[] = {
		TWI_CMD_KEY_NEW, TWI_CMD_KEY_DEL,
		TWI_CMD_WORKLOAD_NEW_NTF, TWI_CMD_WORKLOAD_DEL_NTF,
	};
	size_t i;

	for (i = 0; i < sizeof(cmds) / sizeof(cmds[0]); i++)
		EXPECT_EQ(-EOPNOTSUPP, twi_nl_send(self->nl,
				new_msg(self->nl, cmds[i])))
			TH_LOG("command %d", cmds[i]);
}

TEST_F(wl, notifications)
{
	struct twi_notification n;
	struct twi_nl *ev;

	ASSERT_EQ(0, twi_nl_open_events(&ev));
	ASSERT_EQ(0, add_id(self->nl, &self->by_id, URI));
	ASSERT_EQ(0, twi_nl_next_notification(ev, &n, 2000));
	EXPECT_EQ(TWI_CMD_WORKLOAD_NEW_NTF, n.cmd);
	EXPECT_EQ(self->cg.id, n.cgroup_id);
	EXPECT_STREQ(URI, n.identifier);

	ASSERT_EQ(0, twi_workload_del(self->nl, &self->by_id));
	ASSERT_EQ(0, twi_nl_next_notification(ev, &n, 2000));
	EXPECT_EQ(TWI_CMD_WORKLOAD_DEL_NTF, n.cmd);
	EXPECT_EQ(self->cg.id, n.cgroup_id);
	EXPECT_EQ(-ETIMEDOUT, twi_nl_next_notification(ev, &n, 100));
	twi_nl_close(ev);
}

/*
 * From another network namespace, root of the initial user namespace
 * manages the same registry, and notifications reach the initial
 * namespace only.
 */
static int from_net_ns(const struct twi_cgroup *cg)
{
	struct twi_notification n;
	struct twi_nl *nl, *ev;

	if (unshare(CLONE_NEWNET))
		return 21;
	if (twi_nl_open(&nl) || twi_nl_open_events(&ev))
		return 22;
	if (add_id(nl, cg, URI))
		return 1;
	if (twi_nl_next_notification(ev, &n, 300) != -ETIMEDOUT)
		return 2;
	twi_nl_close(ev);
	twi_nl_close(nl);
	return 0;
}

TEST_F(wl, other_network_namespace)
{
	struct twi_notification n;
	struct twi_nl *ev;

	ASSERT_EQ(0, twi_nl_open_events(&ev));
	ASSERT_EQ(0, in_child(from_net_ns, &self->by_id));
	ASSERT_EQ(0, twi_nl_next_notification(ev, &n, 2000));
	EXPECT_EQ(TWI_CMD_WORKLOAD_NEW_NTF, n.cmd);
	EXPECT_EQ(self->cg.id, n.cgroup_id);
	ASSERT_EQ(0, twi_workload_get(self->nl, &self->by_id, self->info));
	twi_nl_close(ev);
}

TEST_F(wl, removed_cgroup_drops_the_workload)
{
	ASSERT_EQ(0, add_id(self->nl, &self->by_id, URI));
	ASSERT_EQ(0, test_cgroup_remove(&self->cg));
	ASSERT_EQ(-ENOENT, twi_workload_get(self->nl, &self->by_id,
					    self->info));
	ASSERT_EQ(-ENOENT, twi_workload_del(self->nl, &self->by_id));
}

/* Registrations drop removed cgroups' workloads on the way. */
TEST_F(wl, registrations_collect_removed_cgroups)
{
	struct test_cgroup others[8];
	struct twi_notification n;
	struct twi_nl *ev;
	int i, dropped = 0;

	ASSERT_EQ(0, twi_nl_open_events(&ev));
	ASSERT_EQ(0, add_id(self->nl, &self->by_id, URI));
	ASSERT_EQ(0, test_cgroup_remove(&self->cg));
	for (i = 0; i < 8; i++) {
		ASSERT_EQ(0, test_cgroup_make(&others[i], "collect"));
		ASSERT_EQ(0, test_workload_add(self->nl, &others[i], URI));
	}
	while (!twi_nl_next_notification(ev, &n, 500))
		if (n.cmd == TWI_CMD_WORKLOAD_DEL_NTF &&
		    n.cgroup_id == self->cg.id)
			dropped++;
	EXPECT_EQ(1, dropped);
	for (i = 0; i < 8; i++) {
		EXPECT_EQ(0, test_workload_del(self->nl, &others[i]));
		EXPECT_EQ(0, test_cgroup_remove(&others[i]));
	}
	twi_nl_close(ev);
}

static uint32_t workloads(struct twi_nl *nl)
{
	struct twi_info info = { .workloads = ~0U };

	twi_nl_get_info(nl, &info);
	return info.workloads;
}

/* GET_INFO counts the registry, and a dump lists as many. */
TEST_F(wl, info_counts_workloads)
{
	struct seen seen = { 0 };
	uint32_t base;

	/* A dump first drops what earlier tests' removed cgroups left. */
	ASSERT_EQ(0, twi_workload_list(self->nl, count, &seen));
	base = workloads(self->nl);
	ASSERT_EQ(base, (uint32_t)seen.total);
	seen.total = 0;
	ASSERT_EQ(0, add_id(self->nl, &self->by_id, URI));
	ASSERT_EQ(base + 1, workloads(self->nl));
	ASSERT_EQ(0, twi_workload_list(self->nl, count, &seen));
	ASSERT_EQ(base + 1, (uint32_t)seen.total);
	ASSERT_EQ(0, twi_workload_del(self->nl, &self->by_id));
	ASSERT_EQ(base, workloads(self->nl));
}

/*
 * In a child whose cgroup namespace is rooted at ns_root: paths are resolved
 * and reported from there, and workloads outside have no path.
 */
static const struct test_cgroup *ns_root;

static int in_cgroup_ns(const struct twi_cgroup *unused)
{
	struct twi_workload_info *info = calloc(1, sizeof(*info));
	const struct test_cgroup *tc = ns_root;
	struct twi_cgroup self_path = { .path = "/" };
	struct twi_cgroup child = { .path = "/child" };
	struct twi_cgroup outside = { .id = 1 };
	struct twi_nl *nl;
	int bad = 0;

	if (!info || test_cgroup_enter(tc, 0) || unshare(CLONE_NEWCGROUP) ||
	    twi_nl_open(&nl))
		return 30;
	bad |= twi_workload_get(nl, &self_path, info) != 0;
	bad |= (info->cgroup_id != tc->id || strcmp(info->cgroup_path, "/")) << 1;
	bad |= (add_id(nl, &child, URI "/ns") != 0) << 2;
	bad |= (twi_workload_get(nl, &child, info) != 0 ||
		strcmp(info->cgroup_path, "/child")) << 3;
	/* The root cgroup is outside: not found by id. */
	bad |= (twi_workload_get(nl, &outside, info) != -ENOENT) << 4;
	bad |= (twi_workload_del(nl, &child) != 0) << 5;
	twi_nl_close(nl);
	free(info);
	return bad;
}

TEST_F(wl, cgroup_namespace_paths)
{
	struct test_cgroup child;
	struct seen seen = { .id = self->cg.id };

	ASSERT_EQ(0, test_cgroup_child(&child, &self->cg, "child"));
	ASSERT_EQ(0, add_id(self->nl, &self->by_id, URI));
	ns_root = &self->cg;
	ASSERT_EQ(0, in_child(in_cgroup_ns, NULL));
	ASSERT_EQ(0, twi_workload_list(self->nl, count, &seen));
	ASSERT_EQ(1, seen.found);
	ASSERT_EQ(0, test_cgroup_remove(&child));
}

TEST_F(wl, nested_workloads)
{
	struct twi_cgroup sel;
	struct test_cgroup child;

	ASSERT_EQ(0, test_cgroup_child(&child, &self->cg, "child"));
	sel.path = child.path;
	ASSERT_EQ(0, add_id(self->nl, &self->by_id, URI));
	ASSERT_EQ(0, add_id(self->nl, &sel, "spiffe://example.org/child"));
	ASSERT_EQ(0, twi_workload_get(self->nl, &sel, self->info));
	EXPECT_STREQ("spiffe://example.org/child", self->info->identifier);
	ASSERT_EQ(0, twi_workload_del(self->nl, &sel));
	ASSERT_EQ(0, test_cgroup_remove(&child));
}

TEST_HARNESS_MAIN
