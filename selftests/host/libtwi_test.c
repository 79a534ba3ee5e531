// SPDX-License-Identifier: GPL-2.0
/*
 * Host tests of libtwi's reply parsing, on messages built here the way the
 * kernel builds them.
 */
#include <errno.h>
#include <string.h>

#include <netlink/netlink.h>
#include <netlink/genl/genl.h>
#include <linux/twi.h>

#include "kselftest_harness.h"
#include "libtwi.h"

FIXTURE(reply) {
	struct nl_msg *msg;
};

FIXTURE_SETUP(reply)
{
	self->msg = nlmsg_alloc();
	ASSERT_NE(NULL, self->msg);
	ASSERT_NE(NULL, genlmsg_put(self->msg, 0, 1, 42, 0, 0,
				    TWI_CMD_GET_INFO, TWI_GENL_VERSION));
}

FIXTURE_TEARDOWN(reply)
{
	nlmsg_free(self->msg);
}

TEST_F(reply, info_valid)
{
	struct twi_info info;

	ASSERT_EQ(0, nla_put_string(self->msg, TWI_A_INFO_VERSION, "1.2.3"));
	ASSERT_EQ(0, nla_put_u32(self->msg, TWI_A_INFO_KEYS, 7));
	ASSERT_EQ(0, twi_parse_info(nlmsg_hdr(self->msg), &info));
	EXPECT_STREQ("1.2.3", info.version);
	EXPECT_EQ(7U, info.keys);
}

TEST_F(reply, info_missing_keys)
{
	struct twi_info info;

	ASSERT_EQ(0, nla_put_string(self->msg, TWI_A_INFO_VERSION, "1.2.3"));
	ASSERT_EQ(-EBADMSG, twi_parse_info(nlmsg_hdr(self->msg), &info));
}

TEST_F(reply, info_missing_version)
{
	struct twi_info info;

	ASSERT_EQ(0, nla_put_u32(self->msg, TWI_A_INFO_KEYS, 7));
	ASSERT_EQ(-EBADMSG, twi_parse_info(nlmsg_hdr(self->msg), &info));
}

TEST_F(reply, info_short_keys)
{
	struct twi_info info;
	uint16_t keys = 7;

	ASSERT_EQ(0, nla_put_string(self->msg, TWI_A_INFO_VERSION, "1.2.3"));
	ASSERT_EQ(0, nla_put(self->msg, TWI_A_INFO_KEYS, sizeof(keys), &keys));
	ASSERT_EQ(-EBADMSG, twi_parse_info(nlmsg_hdr(self->msg), &info));
}

TEST_F(reply, info_long_version_truncated)
{
	struct twi_info info;
	char version[100];

	memset(version, 'v', sizeof(version) - 1);
	version[sizeof(version) - 1] = '\0';
	ASSERT_EQ(0, nla_put_string(self->msg, TWI_A_INFO_VERSION, version));
	ASSERT_EQ(0, nla_put_u32(self->msg, TWI_A_INFO_KEYS, 0));
	ASSERT_EQ(0, twi_parse_info(nlmsg_hdr(self->msg), &info));
	EXPECT_EQ(sizeof(info.version) - 1, strlen(info.version));
}

TEST_HARNESS_MAIN
