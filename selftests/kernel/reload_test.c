// SPDX-License-Identifier: GPL-2.0
/*
 * Loading and unloading twi.ko: its key type and netlink family come and go
 * with it, and nothing is left behind.  Runs last in the VM suite since it
 * reloads the module; it ends with twi.ko loaded, as it found it.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/syscall.h>

#include <keyutils.h>
#include <linux/twi.h>

#include "kselftest_harness.h"
#include "libtwi.h"
#include "workload_util.h"

/* twi keys are made inside a workload; a reload forgets it. */
TEST_IN_WORKLOAD("reload")

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

static int module_load(void)
{
	const char *path = getenv("TWI_MODULE");
	int fd, ret;

	if (!path)
		return -ENOENT;
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	ret = syscall(SYS_finit_module, fd, "", 0);
	close(fd);
	return ret ? -errno : 0;
}

static int module_unload(void)
{
	return syscall(SYS_delete_module, "twi", O_NONBLOCK) ? -errno : 0;
}

static int family_present(void)
{
	struct twi_nl *nl = NULL;
	int ret;

	ret = twi_nl_open(&nl);
	twi_nl_close(nl);
	return ret == 0;
}

/* Lines of /proc/keys naming a twi key. */
static int twi_keys_listed(void)
{
	char line[512];
	int n = 0;
	FILE *f;

	f = fopen("/proc/keys", "r");
	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f))
		if (strstr(line, " " TWI_KEY_TYPE " "))
			n++;
	fclose(f);
	return n;
}

FIXTURE(reload) {
	int unused;
};

/* Each case starts with twi.ko loaded, whatever an earlier one left. */
FIXTURE_SETUP(reload)
{
	if (access("/sys/module/twi", F_OK))
		ASSERT_EQ(0, module_load());
}

FIXTURE_TEARDOWN(reload)
{
}

/* A load computes the crypto core's tables: slow under emulation. */
TEST_F_TIMEOUT(reload, load_unload_loop, 600)
{
	int i;

	for (i = 0; i < 50; i++) {
		ASSERT_EQ(0, module_unload()) TH_LOG("round %d", i);
		ASSERT_EQ(ENODEV, add_key_errno(TWI_KEY_TYPE, "bogus"));
		ASSERT_FALSE(family_present());
		ASSERT_NE(0, access("/sys/module/twi", F_OK));

		ASSERT_EQ(0, module_load()) TH_LOG("round %d", i);
		ASSERT_TRUE(family_present());
		ASSERT_EQ(EINVAL, add_key_errno(TWI_KEY_TYPE, "bogus"));
	}
	ASSERT_EQ(0, twi_keys_listed());
}

/* Unloading destroys live keys; a new load starts with none. */
TEST_F(reload, unload_with_live_keys)
{
	key_serial_t keys[10];
	int i;

	ASSERT_EQ(0, test_workload_register(&test_workload.cg));
	for (i = 0; i < 10; i++) {
		char desc[16];

		snprintf(desc, sizeof(desc), "live-%d", i);
		keys[i] = add_key(TWI_KEY_TYPE, desc, "attest=none", 11,
				  KEY_SPEC_PROCESS_KEYRING);
		ASSERT_LT(0, keys[i]);
	}
	ASSERT_EQ(10, twi_keys_listed());
	ASSERT_EQ(0, module_unload());
	ASSERT_EQ(0, twi_keys_listed());
	ASSERT_EQ(0, module_load());
	ASSERT_EQ(-1, keyctl_describe_alloc(keys[0], &(char *){ NULL }));
}

TEST_HARNESS_MAIN
