// SPDX-License-Identifier: GPL-2.0
/*
 * twictl workload and twictl run, driven as a script would drive them.
 * Runs as root inside the test VM, from the top of the tree.
 */
#include <errno.h>
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

#define TWICTL "build/twictl"
#define URI "spiffe://example.org/cli"

/* Run a shell command line; its exit status, its output in @out. */
static int run(char *out, size_t size, const char *fmt, ...)
{
	char cmd[2048];
	va_list ap;
	size_t len = 0;
	FILE *p;
	int status;

	va_start(ap, fmt);
	vsnprintf(cmd, sizeof(cmd), fmt, ap);
	va_end(ap);
	p = popen(cmd, "r");
	if (!p)
		return -1;
	if (out) {
		len = fread(out, 1, size - 1, p);
		out[len] = '\0';
	} else {
		char sink[256];

		while (fread(sink, 1, sizeof(sink), p) > 0)
			;
	}
	status = pclose(p);
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

FIXTURE(cli) {
	struct test_cgroup cg;
	char out[8192];
};

FIXTURE_SETUP(cli)
{
	ASSERT_EQ(0, test_cgroup_make(&self->cg, "cli"));
}

FIXTURE_TEARDOWN(cli)
{
	run(NULL, 0, TWICTL " workload del id:%llu 2>/dev/null",
	    (unsigned long long)self->cg.id);
	test_cgroup_remove(&self->cg);
}

TEST_F(cli, add_show_list_del)
{
	char want[512];

	ASSERT_EQ(0, run(self->out, sizeof(self->out),
			 TWICTL " workload add %s --id " URI
			 " --claim image=sha256:ab --claim 'team=a \"b\"' 2>&1",
			 self->cg.dir));
	ASSERT_STREQ("", self->out);

	ASSERT_EQ(0, run(self->out, sizeof(self->out),
			 TWICTL " workload show id:%llu --json",
			 (unsigned long long)self->cg.id));
	snprintf(want, sizeof(want), "{\"cgroup_id\":%llu,\"cgroup\":\"%s\"",
		 (unsigned long long)self->cg.id, self->cg.path);
	EXPECT_EQ((char *)self->out, strstr(self->out, want)) TH_LOG("%s", self->out);
	EXPECT_NE(NULL, strstr(self->out, "\"id\":\"" URI "\""));
	EXPECT_NE(NULL, strstr(self->out, "\"claims\":{\"image\":\"sha256:ab\","
			       "\"team\":\"a \\\"b\\\"\"}"));
	EXPECT_NE(NULL, strstr(self->out, "\"sealed\":false,\"keys\":0,"
			       "\"events\":0"));

	ASSERT_EQ(0, run(self->out, sizeof(self->out),
			 TWICTL " workload list --json"));
	EXPECT_EQ('[', self->out[0]);
	EXPECT_NE(NULL, strstr(self->out, want));

	ASSERT_EQ(0, run(NULL, 0, TWICTL " workload del %s", self->cg.path));
	ASSERT_EQ(1, run(self->out, sizeof(self->out),
			 TWICTL " workload show %s 2>&1", self->cg.path));
	EXPECT_NE(NULL, strstr(self->out, "twictl: cannot show workload"));
}

TEST_F(cli, measure)
{
	ASSERT_EQ(0, run(NULL, 0, TWICTL " workload add %s --id " URI,
			 self->cg.path));
	ASSERT_EQ(0, run(NULL, 0, TWICTL " workload measure %s --type image"
			 " --digest %064d --desc 'base image' --seal",
			 self->cg.path, 1));
	ASSERT_EQ(1, run(self->out, sizeof(self->out),
			 TWICTL " workload measure %s --type file --digest %064d"
			 " 2>&1", self->cg.path, 2));
	EXPECT_NE(NULL, strstr(self->out, "sealed")) TH_LOG("%s", self->out);
	ASSERT_EQ(0, run(self->out, sizeof(self->out),
			 TWICTL " workload show %s --json", self->cg.path));
	EXPECT_NE(NULL, strstr(self->out, "\"sealed\":true"));
	EXPECT_NE(NULL, strstr(self->out, "\"log\":[{\"type\":\"image\","
			       "\"digest\":\"00000000000000000000000000000000"
			       "00000000000000000000000000000001\","
			       "\"description\":\"base image\"}]"))
		TH_LOG("%s", self->out);
}

TEST_F(cli, usage_and_errors)
{
	ASSERT_EQ(2, run(NULL, 0, TWICTL " workload 2>&1"));
	ASSERT_EQ(2, run(NULL, 0, TWICTL " workload add %s 2>&1",
			 self->cg.path));
	ASSERT_EQ(2, run(NULL, 0, TWICTL " workload add %s --id " URI
			 " --claim novalue 2>&1", self->cg.path));
	ASSERT_EQ(2, run(NULL, 0, TWICTL " workload measure %s --type bogus"
			 " --digest %064d 2>&1", self->cg.path, 0));
	ASSERT_EQ(2, run(NULL, 0, TWICTL " workload measure %s --type file"
			 " --digest 12 2>&1", self->cg.path));
	ASSERT_EQ(2, run(NULL, 0, TWICTL " workload show id:x 2>&1"));
	ASSERT_EQ(1, run(self->out, sizeof(self->out),
			 TWICTL " workload add %s --id 'not a uri' 2>&1",
			 self->cg.path));
	EXPECT_NE(NULL, strstr(self->out, "'not a uri'"));
	ASSERT_EQ(1, run(NULL, 0, TWICTL " workload del %s 2>&1",
			 self->cg.path));
	ASSERT_EQ(1, run(self->out, sizeof(self->out),
			 "setpriv --reuid=65534 --regid=65534 --clear-groups "
			 TWICTL " workload add %s --id " URI " 2>&1",
			 self->cg.path));
	EXPECT_NE(NULL, strstr(self->out, "permission denied"))
		TH_LOG("%s", self->out);
}

TEST(run_registers_and_removes)
{
	char out[8192], cgroup[64];
	char *line;
	int ret;

	/* Inside: its own cgroup, and the workload listed for it. */
	ret = run(out, sizeof(out), TWICTL " run --id " URI " --claim a=b --"
		  " sh -c 'cat /proc/self/cgroup; " TWICTL " workload list"
		  " --json; exit 7'");
	ASSERT_EQ(7, ret);
	line = strstr(out, "0::/twi-run.");
	ASSERT_NE(NULL, line) TH_LOG("%s", out);
	ASSERT_EQ(1, sscanf(line, "0::%63s", cgroup));
	EXPECT_NE(NULL, strstr(out, "\"id\":\"" URI "\""));
	EXPECT_NE(NULL, strstr(out, "\"claims\":{\"a\":\"b\"}"));

	/* After: neither the workload nor the cgroup. */
	ASSERT_EQ(0, run(out, sizeof(out), TWICTL " workload list --json"));
	EXPECT_EQ(NULL, strstr(out, cgroup)) TH_LOG("%s", out);
	snprintf(out, sizeof(out), "/sys/fs/cgroup%s", cgroup);
	EXPECT_NE(0, access(out, F_OK));
}

TEST(run_usage_and_missing_command)
{
	ASSERT_EQ(2, run(NULL, 0, TWICTL " run --id " URI " 2>&1"));
	ASSERT_EQ(2, run(NULL, 0, TWICTL " run -- true 2>&1"));
	ASSERT_EQ(2, run(NULL, 0, TWICTL " run --id " URI " true 2>&1"));
	ASSERT_EQ(127, run(NULL, 0, TWICTL " run --id " URI
			   " -- /nonexistent 2>&1"));
	ASSERT_EQ(1, run(NULL, 0, TWICTL " run --id 'bad uri' -- true 2>&1"));
}

TEST_HARNESS_MAIN
