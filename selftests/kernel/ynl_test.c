// SPDX-License-Identifier: GPL-2.0
/*
 * The YNL spec (Documentation/netlink/specs/twi.yaml) against the running
 * module: the kernel's own YNL CLI (tools/net/ynl/cli.py from Debian's
 * linux-source-6.12, extracted by selftests/kernel/ynl_setup) drives every
 * command, and libtwi checks what it did.  Runs as root inside the VM.
 */
#include <errno.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <linux/twi.h>

#include "kselftest_harness.h"
#include "libtwi.h"
#include "workload_util.h"

#define YNL_DIR "/var/cache/twi/ynl"
#define CLI "/usr/bin/python3 " YNL_DIR "/tools/net/ynl/cli.py " \
	"--spec Documentation/netlink/specs/twi.yaml "
#define NO_SCHEMA "--no-schema "
#define URI "spiffe://example.org/ynl"

/* Run the YNL CLI with @fmt's arguments; its status, its output in @out. */
static int run_ynl(char *out, size_t size, const char *fmt, ...)
{
	char cmd[4096];
	size_t len;
	va_list ap;
	int n, status;
	FILE *p;

	n = snprintf(cmd, sizeof(cmd), CLI);
	va_start(ap, fmt);
	vsnprintf(cmd + n, sizeof(cmd) - n, fmt, ap);
	va_end(ap);
	strncat(cmd, " 2>&1", sizeof(cmd) - strlen(cmd) - 1);
	p = popen(cmd, "r");
	if (!p)
		return -1;
	len = fread(out, 1, size - 1, p);
	out[len] = '\0';
	status = pclose(p);
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

FIXTURE(ynl) {
	struct twi_nl *nl;
	struct test_cgroup cg;
	struct twi_cgroup by_id;
	struct twi_workload_info info;
	char out[16384];
};

FIXTURE_SETUP(ynl)
{
	if (access(YNL_DIR "/tools/net/ynl/cli.py", R_OK))
		SKIP(return, "no YNL tools: run selftests/kernel/ynl_setup");
	ASSERT_EQ(0, twi_nl_open(&self->nl));
	ASSERT_EQ(0, test_cgroup_make(&self->cg, "ynl"));
	self->by_id.id = self->cg.id;
}

FIXTURE_TEARDOWN(ynl)
{
	if (!self->nl)
		return;
	twi_workload_del(self->nl, &self->by_id);
	test_cgroup_remove(&self->cg);
	twi_nl_close(self->nl);
}

/* The spec is valid against the kernel's genetlink-legacy schema. */
TEST_F_TIMEOUT(ynl, spec_matches_schema, 120)
{
	ASSERT_EQ(0, run_ynl(self->out, sizeof(self->out), "--schema "
			 YNL_DIR "/Documentation/netlink/genetlink-legacy.yaml"
			 " --list-ops")) TH_LOG("%s", self->out);
	EXPECT_NE(NULL, strstr(self->out, "workload-measure"));
}

TEST_F_TIMEOUT(ynl, get_info, 120)
{
	char version[64], want[96];
	FILE *f;

	f = fopen("/sys/module/twi/version", "r");
	ASSERT_NE(NULL, f);
	ASSERT_EQ(1, fscanf(f, "%63s", version));
	fclose(f);
	ASSERT_EQ(0, run_ynl(self->out, sizeof(self->out),
			 NO_SCHEMA "--do get-info --output-json"));
	snprintf(want, sizeof(want), "\"version\": \"%s\"", version);
	EXPECT_NE(NULL, strstr(self->out, want)) TH_LOG("%s", self->out);
}

/* Python in the TCG VM takes seconds a run. */
TEST_F_TIMEOUT(ynl, new_get_dump_measure_del, 300)
{
	char want[64];

	ASSERT_EQ(0, run_ynl(self->out, sizeof(self->out), NO_SCHEMA
			 "--do workload-new --json '{\"cgroup-path\": \"%s\", "
			 "\"identifier\": \"" URI "\", \"claim\": [{\"key\": "
			 "\"image\", \"value\": \"sha256:01\"}]}'",
			 self->cg.path)) TH_LOG("%s", self->out);
	ASSERT_EQ(0, twi_workload_get(self->nl, &self->by_id, &self->info));
	EXPECT_STREQ(URI, self->info.identifier);
	ASSERT_EQ(1U, self->info.n_claims);
	EXPECT_STREQ("sha256:01", self->info.claims[0].value);

	ASSERT_EQ(0, run_ynl(self->out, sizeof(self->out), NO_SCHEMA
			 "--do workload-measure --json '{\"cgroup-id\": %llu, "
			 "\"event\": [{\"type\": \"file\", \"digest\": \"%064d\", "
			 "\"description\": \"conf\"}]}'",
			 (unsigned long long)self->cg.id, 7)) TH_LOG("%s", self->out);
	ASSERT_EQ(0, twi_workload_get(self->nl, &self->by_id, &self->info));
	ASSERT_EQ(1U, self->info.n_log);
	EXPECT_EQ((uint32_t)TWI_EVENT_FILE, self->info.log[0].type);
	EXPECT_EQ(7, self->info.log[0].digest[31]);
	EXPECT_STREQ("conf", self->info.log[0].description);

	ASSERT_EQ(0, run_ynl(self->out, sizeof(self->out), NO_SCHEMA
			 "--do workload-get --json '{\"cgroup-id\": %llu}'"
			 " --output-json", (unsigned long long)self->cg.id));
	EXPECT_NE(NULL, strstr(self->out, "\"identifier\": \"" URI "\""))
		TH_LOG("%s", self->out);
	EXPECT_NE(NULL, strstr(self->out, "\"type\": \"file\""));
	EXPECT_NE(NULL, strstr(self->out, "\"description\": \"conf\""));

	ASSERT_EQ(0, run_ynl(self->out, sizeof(self->out), NO_SCHEMA
			 "--dump workload-get --output-json"));
	snprintf(want, sizeof(want), "\"cgroup-id\": %llu",
		 (unsigned long long)self->cg.id);
	EXPECT_NE(NULL, strstr(self->out, want)) TH_LOG("%s", self->out);

	ASSERT_EQ(0, run_ynl(self->out, sizeof(self->out), NO_SCHEMA
			 "--do workload-del --json '{\"cgroup-path\": \"%s\"}'",
			 self->cg.path));
	ASSERT_EQ(-ENOENT, twi_workload_get(self->nl, &self->by_id,
					    &self->info));
}

TEST_F_TIMEOUT(ynl, errors_reach_the_cli, 120)
{
	ASSERT_NE(0, run_ynl(self->out, sizeof(self->out), NO_SCHEMA
			 "--do workload-new --json '{\"cgroup-path\": \"%s\", "
			 "\"identifier\": \"not a uri\"}'", self->cg.path));
	EXPECT_NE(NULL, strstr(self->out, "Invalid argument"))
		TH_LOG("%s", self->out);
	ASSERT_NE(0, run_ynl(self->out, sizeof(self->out), NO_SCHEMA
			 "--do workload-del --json '{\"cgroup-id\": %llu}'",
			 (unsigned long long)self->cg.id));
	EXPECT_NE(NULL, strstr(self->out, "No such file or directory"))
		TH_LOG("%s", self->out);
}

/*
 * YNL's CLI reads notifications only when it sends no request, so it
 * listens for a while as the workload comes and goes, added and deleted
 * over libtwi by a child until the listener is done.
 */
static void toggle_workload(const struct test_cgroup *cg)
{
	struct twi_nl *nl;
	int i;

	if (twi_nl_open(&nl))
		_exit(1);
	for (i = 0; i < 240; i++) {
		test_workload_add(nl, cg, URI);
		usleep(250000);
		test_workload_del(nl, cg);
	}
	_exit(0);
}

TEST_F_TIMEOUT(ynl, notification, 120)
{
	char want[64];
	pid_t pid;

	pid = fork();
	ASSERT_LE(0, pid);
	if (!pid)
		toggle_workload(&self->cg);
	run_ynl(self->out, sizeof(self->out), NO_SCHEMA
		"--subscribe events --sleep 5 --output-json");
	kill(pid, SIGKILL);
	waitpid(pid, NULL, 0);
	EXPECT_NE(NULL, strstr(self->out, "\"name\": \"workload-new-ntf\""))
		TH_LOG("%s", self->out);
	EXPECT_NE(NULL, strstr(self->out, "\"name\": \"workload-del-ntf\""));
	snprintf(want, sizeof(want), "\"cgroup-id\": %llu",
		 (unsigned long long)self->cg.id);
	EXPECT_NE(NULL, strstr(self->out, want));
	EXPECT_NE(NULL, strstr(self->out, "\"identifier\": \"" URI "\""));
}

TEST_HARNESS_MAIN
