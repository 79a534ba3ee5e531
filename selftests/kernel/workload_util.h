/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Helpers of the VM tests that need workloads: make a cgroup v2 under
 * /sys/fs/cgroup, register it, move a process into it, and clean up.
 */
#ifndef TWI_WORKLOAD_UTIL_H
#define TWI_WORKLOAD_UTIL_H

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "libtwi.h"

#define CGROUP_ROOT "/sys/fs/cgroup"

struct test_cgroup {
	char dir[512];		/* in the filesystem */
	char path[256];		/* from the cgroup root */
	uint64_t id;
};

/* Make a fresh cgroup named after @name and this process. */
static inline int test_cgroup_make(struct test_cgroup *cg, const char *name)
{
	static int serial;
	struct stat st;

	snprintf(cg->path, sizeof(cg->path), "/twi-%s-%d-%d", name,
		 (int)getpid(), serial++);
	snprintf(cg->dir, sizeof(cg->dir), CGROUP_ROOT "%s", cg->path);
	if (mkdir(cg->dir, 0755) || stat(cg->dir, &st))
		return -errno;
	/* On 64-bit kernels a cgroup's id is its directory's inode number. */
	cg->id = st.st_ino;
	return 0;
}

/* Make a child cgroup of @parent. */
static inline int test_cgroup_child(struct test_cgroup *cg,
				    const struct test_cgroup *parent,
				    const char *name)
{
	struct stat st;

	if (snprintf(cg->path, sizeof(cg->path), "%s/%s", parent->path,
		     name) >= (int)sizeof(cg->path))
		return -ENAMETOOLONG;
	snprintf(cg->dir, sizeof(cg->dir), CGROUP_ROOT "%s", cg->path);
	if (mkdir(cg->dir, 0755) || stat(cg->dir, &st))
		return -errno;
	cg->id = st.st_ino;
	return 0;
}

/* Move process @pid (0: the caller) into @cg. */
static inline int test_cgroup_enter(const struct test_cgroup *cg, pid_t pid)
{
	char file[600], buf[32];
	int fd, len, ret = 0;

	snprintf(file, sizeof(file), "%s/cgroup.procs", cg->dir);
	fd = open(file, O_WRONLY);
	if (fd < 0)
		return -errno;
	len = snprintf(buf, sizeof(buf), "%d", (int)pid);
	if (write(fd, buf, len) != len)
		ret = -errno;
	close(fd);
	return ret;
}

/* Move the caller back to the root cgroup. */
static inline int test_cgroup_leave(void)
{
	struct test_cgroup root = { .dir = CGROUP_ROOT };

	return test_cgroup_enter(&root, 0);
}

static inline int test_cgroup_remove(const struct test_cgroup *cg)
{
	return rmdir(cg->dir) ? -errno : 0;
}

static inline int test_workload_add(struct twi_nl *nl,
				    const struct test_cgroup *cg,
				    const char *identifier)
{
	struct twi_cgroup sel = { .path = cg->path };

	return twi_workload_add(nl, &sel, identifier, NULL, 0);
}

static inline int test_workload_del(struct twi_nl *nl,
				    const struct test_cgroup *cg)
{
	struct twi_cgroup sel = { .id = cg->id };

	return twi_workload_del(nl, &sel);
}

#endif /* TWI_WORKLOAD_UTIL_H */

/*
 * For programs whose keys need a workload: at start, the process moves
 * into a fresh cgroup registered as a workload, which every test (a forked
 * child) inherits; at exit, the process that made it leaves, deletes and
 * removes it.  Use TEST_IN_WORKLOAD(name) once at file scope.
 */
struct test_workload {
	struct test_cgroup cg;
	pid_t owner;
};

static inline int test_workload_register(const struct test_cgroup *cg)
{
	struct twi_nl *nl;
	int ret;

	ret = twi_nl_open(&nl);
	if (ret)
		return ret;
	ret = test_workload_add(nl, cg, "spiffe://test.twi/" "selftest");
	twi_nl_close(nl);
	return ret;
}

static inline int test_workload_start(struct test_workload *tw,
				      const char *name)
{
	int ret;

	tw->owner = getpid();
	ret = test_cgroup_make(&tw->cg, name);
	if (!ret)
		ret = test_workload_register(&tw->cg);
	if (!ret)
		ret = test_cgroup_enter(&tw->cg, 0);
	return ret;
}

static inline void test_workload_stop(struct test_workload *tw)
{
	struct twi_nl *nl;

	if (getpid() != tw->owner)
		return;
	test_cgroup_leave();
	if (!twi_nl_open(&nl)) {
		test_workload_del(nl, &tw->cg);
		twi_nl_close(nl);
	}
	test_cgroup_remove(&tw->cg);
}

/* Live twi keys as the module counts them, or ~0U if it cannot be asked. */
static inline unsigned int test_live_keys(void)
{
	struct twi_info info = { .keys = ~0U };
	struct twi_nl *nl;

	if (twi_nl_open(&nl))
		return ~0U;
	twi_nl_get_info(nl, &info);
	twi_nl_close(nl);
	return info.keys;
}

/*
 * Key destruction is the key garbage collector's: wait (up to 10 s) for
 * the count to reach @want, and return the last count seen.
 */
static inline unsigned int test_settle_keys(unsigned int want)
{
	unsigned int n;
	int i;

	for (i = 0; i < 1000 && (n = test_live_keys()) != want; i++)
		usleep(10000);
	return n;
}

#define TEST_IN_WORKLOAD(name)						\
static struct test_workload test_workload;				\
static void __attribute__((constructor)) test_workload_ctor(void)	\
{									\
	int ret = test_workload_start(&test_workload, name);		\
									\
	if (ret) {							\
		fprintf(stderr, "cannot run in a workload: %s\n",	\
			strerror(-ret));				\
		exit(1);						\
	}								\
}									\
static void __attribute__((destructor)) test_workload_dtor(void)	\
{									\
	test_workload_stop(&test_workload);				\
}
