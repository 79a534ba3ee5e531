// SPDX-License-Identifier: GPL-2.0
/*
 * Host tests of libtwi's workload side: reply parsing on messages built
 * here the way the kernel builds them, request building, CLI helpers.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <netlink/netlink.h>
#include <netlink/genl/genl.h>
#include <linux/twi.h>

#include "kselftest_harness.h"
#include "libtwi.h"

FIXTURE(reply) {
	struct nl_msg *msg;
	struct twi_workload_info *info;
	uint8_t digest[TWI_DIGEST_LEN];
};

FIXTURE_SETUP(reply)
{
	self->msg = nlmsg_alloc_size(65536);
	ASSERT_NE(NULL, self->msg);
	ASSERT_NE(NULL, genlmsg_put(self->msg, 0, 1, 42, 0, 0,
				    TWI_CMD_WORKLOAD_GET, TWI_GENL_VERSION));
	self->info = calloc(1, sizeof(*self->info));
	ASSERT_NE(NULL, self->info);
	memset(self->digest, 0xab, sizeof(self->digest));
}

FIXTURE_TEARDOWN(reply)
{
	nlmsg_free(self->msg);
	free(self->info);
}

/* The attributes every workload reply carries. */
static int put_base(struct nl_msg *msg, const uint8_t *digest)
{
	return nla_put_u64(msg, TWI_A_WORKLOAD_CGROUP_ID, 1234) ||
	       nla_put_string(msg, TWI_A_WORKLOAD_IDENTIFIER, "spiffe://a/b") ||
	       nla_put_u32(msg, TWI_A_WORKLOAD_FLAGS, TWI_WORKLOAD_F_SEALED) ||
	       nla_put_u32(msg, TWI_A_WORKLOAD_KEYS, 3) ||
	       nla_put_u32(msg, TWI_A_WORKLOAD_EVENTS, 1) ||
	       nla_put(msg, TWI_A_WORKLOAD_LOG_DIGEST, TWI_DIGEST_LEN, digest);
}

static int put_claim(struct nl_msg *msg, const char *k, const char *v)
{
	struct nlattr *nest = nla_nest_start(msg, TWI_A_WORKLOAD_CLAIM);

	if (!nest || nla_put_string(msg, TWI_A_CLAIM_KEY, k) ||
	    nla_put_string(msg, TWI_A_CLAIM_VALUE, v))
		return -1;
	nla_nest_end(msg, nest);
	return 0;
}

TEST_F(reply, full_workload)
{
	struct twi_workload_info *w = self->info;
	struct nlattr *nest;

	ASSERT_EQ(0, put_base(self->msg, self->digest));
	ASSERT_EQ(0, nla_put_string(self->msg, TWI_A_WORKLOAD_CGROUP_PATH,
				    "/web"));
	ASSERT_EQ(0, put_claim(self->msg, "image", "sha256:00"));
	ASSERT_EQ(0, put_claim(self->msg, "team", ""));
	nest = nla_nest_start(self->msg, TWI_A_WORKLOAD_EVENT);
	ASSERT_EQ(0, nla_put_u32(self->msg, TWI_A_EVENT_TYPE, TWI_EVENT_FILE));
	ASSERT_EQ(0, nla_put(self->msg, TWI_A_EVENT_DIGEST, TWI_DIGEST_LEN,
			     self->digest));
	ASSERT_EQ(0, nla_put_string(self->msg, TWI_A_EVENT_DESCRIPTION, "f"));
	nla_nest_end(self->msg, nest);

	ASSERT_EQ(0, twi_parse_workload(nlmsg_hdr(self->msg), w));
	EXPECT_EQ(1234U, w->cgroup_id);
	EXPECT_STREQ("/web", w->cgroup_path);
	EXPECT_STREQ("spiffe://a/b", w->identifier);
	EXPECT_EQ((uint32_t)TWI_WORKLOAD_F_SEALED, w->flags);
	EXPECT_EQ(3U, w->keys);
	EXPECT_EQ(1U, w->n_events);
	EXPECT_EQ(0, memcmp(self->digest, w->log_digest, TWI_DIGEST_LEN));
	ASSERT_EQ(2U, w->n_claims);
	EXPECT_STREQ("image", w->claims[0].key);
	EXPECT_STREQ("sha256:00", w->claims[0].value);
	EXPECT_STREQ("", w->claims[1].value);
	ASSERT_EQ(1U, w->n_log);
	EXPECT_EQ((uint32_t)TWI_EVENT_FILE, w->log[0].type);
	EXPECT_STREQ("f", w->log[0].description);
}

TEST_F(reply, path_is_optional)
{
	ASSERT_EQ(0, put_base(self->msg, self->digest));
	ASSERT_EQ(0, twi_parse_workload(nlmsg_hdr(self->msg), self->info));
	EXPECT_STREQ("", self->info->cgroup_path);
}

TEST_F(reply, missing_identifier)
{
	ASSERT_EQ(0, nla_put_u64(self->msg, TWI_A_WORKLOAD_CGROUP_ID, 1));
	ASSERT_EQ(0, nla_put(self->msg, TWI_A_WORKLOAD_LOG_DIGEST,
			     TWI_DIGEST_LEN, self->digest));
	ASSERT_EQ(-EBADMSG, twi_parse_workload(nlmsg_hdr(self->msg),
					       self->info));
}

TEST_F(reply, short_cgroup_id)
{
	ASSERT_EQ(0, nla_put_u32(self->msg, TWI_A_WORKLOAD_CGROUP_ID, 1));
	ASSERT_EQ(0, nla_put_string(self->msg, TWI_A_WORKLOAD_IDENTIFIER, "a:b"));
	ASSERT_EQ(-EBADMSG, twi_parse_workload(nlmsg_hdr(self->msg),
					       self->info));
}

TEST_F(reply, short_log_digest)
{
	ASSERT_EQ(0, nla_put_u64(self->msg, TWI_A_WORKLOAD_CGROUP_ID, 1));
	ASSERT_EQ(0, nla_put_string(self->msg, TWI_A_WORKLOAD_IDENTIFIER, "a:b"));
	ASSERT_EQ(0, nla_put(self->msg, TWI_A_WORKLOAD_LOG_DIGEST, 31,
			     self->digest));
	ASSERT_EQ(-EBADMSG, twi_parse_workload(nlmsg_hdr(self->msg),
					       self->info));
}

TEST_F(reply, claim_without_value)
{
	struct nlattr *nest;

	ASSERT_EQ(0, put_base(self->msg, self->digest));
	nest = nla_nest_start(self->msg, TWI_A_WORKLOAD_CLAIM);
	ASSERT_EQ(0, nla_put_string(self->msg, TWI_A_CLAIM_KEY, "k"));
	nla_nest_end(self->msg, nest);
	ASSERT_EQ(-EBADMSG, twi_parse_workload(nlmsg_hdr(self->msg),
					       self->info));
}

TEST_F(reply, event_with_short_digest)
{
	struct nlattr *nest;

	ASSERT_EQ(0, put_base(self->msg, self->digest));
	nest = nla_nest_start(self->msg, TWI_A_WORKLOAD_EVENT);
	ASSERT_EQ(0, nla_put_u32(self->msg, TWI_A_EVENT_TYPE, TWI_EVENT_FILE));
	ASSERT_EQ(0, nla_put(self->msg, TWI_A_EVENT_DIGEST, 16, self->digest));
	nla_nest_end(self->msg, nest);
	ASSERT_EQ(-EBADMSG, twi_parse_workload(nlmsg_hdr(self->msg),
					       self->info));
}

/* A hostile kernel cannot overflow the fixed arrays. */
TEST_F(reply, too_many_claims)
{
	int i;

	ASSERT_EQ(0, put_base(self->msg, self->digest));
	for (i = 0; i <= TWI_CLAIMS_MAX; i++)
		ASSERT_EQ(0, put_claim(self->msg, "k", "v"));
	ASSERT_EQ(-EBADMSG, twi_parse_workload(nlmsg_hdr(self->msg),
					       self->info));
}

TEST(info_workloads)
{
	struct nl_msg *msg = nlmsg_alloc();
	struct twi_info info;

	ASSERT_NE(NULL, msg);
	ASSERT_NE(NULL, genlmsg_put(msg, 0, 1, 42, 0, 0, TWI_CMD_GET_INFO, 1));
	ASSERT_EQ(0, nla_put_string(msg, TWI_A_INFO_VERSION, "1"));
	ASSERT_EQ(0, nla_put_u32(msg, TWI_A_INFO_KEYS, 2));
	ASSERT_EQ(0, twi_parse_info(nlmsg_hdr(msg), &info));
	EXPECT_EQ(0U, info.workloads);
	ASSERT_EQ(0, nla_put_u32(msg, TWI_A_INFO_WORKLOADS, 3));
	ASSERT_EQ(0, twi_parse_info(nlmsg_hdr(msg), &info));
	EXPECT_EQ(2U, info.keys);
	EXPECT_EQ(3U, info.workloads);
	nlmsg_free(msg);
}

TEST(claim_arguments)
{
	char arg[TWI_CLAIM_VALUE_MAX + 8];
	struct twi_claim c;

	ASSERT_EQ(0, twi_parse_claim_arg("image=sha256:ab=cd", &c));
	EXPECT_STREQ("image", c.key);
	EXPECT_STREQ("sha256:ab=cd", c.value);
	ASSERT_EQ(0, twi_parse_claim_arg("k=", &c));
	EXPECT_STREQ("", c.value);
	EXPECT_EQ(-EINVAL, twi_parse_claim_arg("novalue", &c));
	EXPECT_EQ(-EINVAL, twi_parse_claim_arg("=v", &c));

	memset(arg, 'v', sizeof(arg));
	memcpy(arg, "k=", 2);
	arg[2 + TWI_CLAIM_VALUE_MAX] = '\0';
	EXPECT_EQ(0, twi_parse_claim_arg(arg, &c));
	arg[2 + TWI_CLAIM_VALUE_MAX] = 'v';
	arg[3 + TWI_CLAIM_VALUE_MAX] = '\0';
	EXPECT_EQ(-E2BIG, twi_parse_claim_arg(arg, &c));

	memset(arg, 'k', TWI_CLAIM_KEY_MAX + 1);
	strcpy(arg + TWI_CLAIM_KEY_MAX + 1, "=v");
	EXPECT_EQ(-E2BIG, twi_parse_claim_arg(arg, &c));
}

TEST(event_types)
{
	static const char *const names[] = {
		[TWI_EVENT_IMAGE] = "image",
		[TWI_EVENT_CONFIG] = "config",
		[TWI_EVENT_FILE] = "file",
		[TWI_EVENT_OTHER] = "other",
	};
	uint32_t i, type;

	for (i = TWI_EVENT_IMAGE; i <= TWI_EVENT_MAX; i++) {
		ASSERT_EQ(0, twi_event_type_parse(names[i], &type));
		EXPECT_EQ(i, type);
		EXPECT_STREQ(names[i], twi_event_type_name(i));
	}
	EXPECT_EQ(-EINVAL, twi_event_type_parse("Image", &type));
	EXPECT_EQ(-EINVAL, twi_event_type_parse("", &type));
	EXPECT_STREQ("unknown", twi_event_type_name(0));
	EXPECT_STREQ("unknown", twi_event_type_name(TWI_EVENT_MAX + 1));
}

/* A request naming @cg, parsed into @tb; the caller frees it. */
static struct nl_msg *cgroup_request(const struct twi_cgroup *cg,
				     struct nlattr **tb)
{
	struct nl_msg *msg = nlmsg_alloc();

	if (!msg || !genlmsg_put(msg, 0, 1, 42, 0, 0, TWI_CMD_WORKLOAD_DEL, 1) ||
	    twi_put_cgroup(msg, cg) ||
	    genlmsg_parse(nlmsg_hdr(msg), 0, tb, TWI_A_WORKLOAD_MAX, NULL)) {
		nlmsg_free(msg);
		return NULL;
	}
	return msg;
}

TEST(cgroup_names)
{
	static const char *const paths[][2] = {
		{ "/sys/fs/cgroup/web", "/web" },
		{ "/sys/fs/cgroup", "/" },
		{ "/sys/fs/cgroupx/web", "/sys/fs/cgroupx/web" },
		{ "/web/app", "/web/app" },
		{ "web", "web" },
	};
	struct nlattr *tb[TWI_A_WORKLOAD_MAX + 1];
	struct twi_cgroup cg = { .id = 77 };
	struct nl_msg *msg;
	size_t i;

	msg = cgroup_request(&cg, tb);
	ASSERT_NE(NULL, msg);
	ASSERT_NE(NULL, tb[TWI_A_WORKLOAD_CGROUP_ID]);
	EXPECT_EQ(8, nla_len(tb[TWI_A_WORKLOAD_CGROUP_ID]));
	EXPECT_EQ(77U, nla_get_u64(tb[TWI_A_WORKLOAD_CGROUP_ID]));
	EXPECT_EQ(NULL, tb[TWI_A_WORKLOAD_CGROUP_PATH]);
	nlmsg_free(msg);

	for (i = 0; i < sizeof(paths) / sizeof(paths[0]); i++) {
		cg.path = paths[i][0];
		msg = cgroup_request(&cg, tb);
		ASSERT_NE(NULL, msg);
		ASSERT_NE(NULL, tb[TWI_A_WORKLOAD_CGROUP_PATH]);
		EXPECT_STREQ(paths[i][1],
			     nla_get_string(tb[TWI_A_WORKLOAD_CGROUP_PATH]));
		EXPECT_EQ(NULL, tb[TWI_A_WORKLOAD_CGROUP_ID]);
		nlmsg_free(msg);
	}
}

TEST_HARNESS_MAIN
