// SPDX-License-Identifier: GPL-2.0
/*
 * twi.ko as a module: its key type and netlink family come and go with it.
 * Runs inside the test VM with twi.ko loaded from $TWI_MODULE.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <keyutils.h>
#include <netlink/netlink.h>
#include <netlink/genl/genl.h>
#include <linux/twi.h>

#include "kselftest_harness.h"
#include "libtwi.h"

/* The errno of adding a key of @type, or 0 if one was added. */
static int add_key_errno(const char *type, const char *options)
{
	key_serial_t key;

	key = add_key(type, "test", options, strlen(options),
		      KEY_SPEC_PROCESS_KEYRING);
	if (key >= 0) {
		keyctl_invalidate(key);
		return 0;
	}
	return errno;
}

TEST(module_is_live)
{
	char state[16] = "";
	FILE *f;

	f = fopen("/sys/module/twi/initstate", "r");
	ASSERT_NE(NULL, f);
	ASSERT_EQ(1, fscanf(f, "%15s", state));
	fclose(f);
	ASSERT_STREQ("live", state);
}

/*
 * An unknown key type fails with ENODEV; twi is known, and refuses an
 * unknown option with EINVAL.
 */
TEST(key_type_registered)
{
	ASSERT_EQ(ENODEV, add_key_errno("twi-none", "bogus"));
	ASSERT_EQ(EINVAL, add_key_errno(TWI_KEY_TYPE, "bogus"));
}

FIXTURE(genl) {
	struct twi_nl *nl;
};

FIXTURE_SETUP(genl)
{
	ASSERT_EQ(0, twi_nl_open(&self->nl));
}

FIXTURE_TEARDOWN(genl)
{
	twi_nl_close(self->nl);
}

TEST_F(genl, info_reports_module_version)
{
	struct twi_info info;
	char version[32] = "";
	FILE *f;

	f = fopen("/sys/module/twi/version", "r");
	ASSERT_NE(NULL, f);
	ASSERT_EQ(1, fscanf(f, "%31s", version));
	fclose(f);

	ASSERT_EQ(0, twi_nl_get_info(self->nl, &info));
	ASSERT_STREQ(version, info.version);
	ASSERT_EQ(0U, info.keys);
}

TEST_F(genl, unknown_command_refused)
{
	struct nl_msg *msg = twi_nl_msg(self->nl, TWI_CMD_MAX + 1);

	ASSERT_NE(NULL, msg);
	ASSERT_EQ(-EOPNOTSUPP, twi_nl_send(self->nl, msg));
}

TEST_F(genl, unspec_command_refused)
{
	struct nl_msg *msg = twi_nl_msg(self->nl, TWI_CMD_UNSPEC);

	ASSERT_NE(NULL, msg);
	ASSERT_EQ(-EOPNOTSUPP, twi_nl_send(self->nl, msg));
}

TEST_F(genl, info_refuses_attributes)
{
	struct nl_msg *msg = twi_nl_msg(self->nl, TWI_CMD_GET_INFO);

	ASSERT_NE(NULL, msg);
	ASSERT_EQ(0, nla_put_u32(msg, TWI_A_INFO_KEYS, 1));
	ASSERT_EQ(-EINVAL, twi_nl_send(self->nl, msg));
}

TEST_F(genl, info_refuses_unknown_attribute)
{
	struct nl_msg *msg = twi_nl_msg(self->nl, TWI_CMD_GET_INFO);

	ASSERT_NE(NULL, msg);
	ASSERT_EQ(0, nla_put_u32(msg, TWI_A_INFO_MAX + 1, 1));
	ASSERT_EQ(-EINVAL, twi_nl_send(self->nl, msg));
}

TEST_HARNESS_MAIN
