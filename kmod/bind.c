// SPDX-License-Identifier: GPL-2.0
/*
 * Key binding.  A key belongs to the workload of the task that created it
 * (the nearest registered ancestor of its cgroup v2) and, with bind=exe,
 * to the creator's executable (SHA-256 of the file's contents) or, with
 * bind=process, to the creating process instance (its struct pid, start
 * time and exec count, so neither pid reuse nor exec passes).
 *
 * Checks run in the caller's context in front of every private-key
 * operation; see Documentation/workloads.rst for the rules and errors.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <crypto/sha2.h>
#include <linux/file.h>
#include <linux/fs.h>
#include <linux/pid.h>
#include <linux/sched.h>
#include <linux/sched/mm.h>
#include <linux/slab.h>

#include "bind.h"
#include "compat.h"

/* Executables are read in chunks of this size to be hashed. */
#define TWI_EXE_CHUNK	(64 * 1024)

static const char *const mode_names[] = {
	[TWI_BIND_WORKLOAD] = "workload",
	[TWI_BIND_EXE] = "exe",
	[TWI_BIND_PROCESS] = "process",
};

int twi_bind_parse(const char *value, enum twi_bind_mode *mode)
{
	int i;

	for (i = 0; i < ARRAY_SIZE(mode_names); i++) {
		if (!strcmp(value, mode_names[i])) {
			*mode = i;
			return 0;
		}
	}
	return -EINVAL;
}

const char *twi_bind_name(enum twi_bind_mode mode)
{
	return mode_names[mode];
}

static void exe_id(const struct file *exe, struct twi_exe_id *id)
{
	const struct inode *inode = file_inode(exe);

	memset(id, 0, sizeof(*id));
	id->dev = inode->i_sb->s_dev;
	id->ino = inode->i_ino;
	id->generation = inode->i_generation;
	id->ctime = inode_get_ctime(inode);
	id->size = i_size_read(inode);
}

static bool same_exe_id(const struct twi_exe_id *a, const struct twi_exe_id *b)
{
	return a->dev == b->dev && a->ino == b->ino &&
	       a->generation == b->generation && a->size == b->size &&
	       timespec64_equal(&a->ctime, &b->ctime);
}

static int hash_exe(struct file *exe, u8 *digest)
{
	struct sha256_state ctx;
	loff_t pos = 0;
	ssize_t n;
	void *buf;

	buf = kvmalloc(TWI_EXE_CHUNK, GFP_KERNEL);
	if (!buf)
		return -ENOMEM;
	sha256_init(&ctx);
	while ((n = kernel_read(exe, buf, TWI_EXE_CHUNK, &pos)) > 0) {
		sha256_update(&ctx, buf, n);
		cond_resched();
	}
	sha256_final(&ctx, digest);
	kvfree(buf);
	return n < 0 ? n : 0;
}

/* The calling task's executable, referenced, or NULL. */
static struct file *current_exe(void)
{
	return current->mm ? twi_get_exe_file(current->mm) : NULL;
}

static int init_exe(struct twi_binding *b)
{
	struct file *exe = current_exe();
	int ret;

	if (!exe)
		return -EACCES;
	exe_id(exe, &b->exe);
	ret = hash_exe(exe, b->exe_digest);
	fput(exe);
	return ret;
}

static void init_process(struct twi_binding *b)
{
	b->tgid = get_task_pid(current, PIDTYPE_TGID);
	b->start_time = current->group_leader->start_boottime;
	b->exec_id = current->self_exec_id;
}

/* A traced task's tracer could use its keys through it. */
static bool traced(void)
{
	return current->ptrace || READ_ONCE(current->group_leader->ptrace);
}

/**
 * twi_bind_init() - bind a new key to the calling task's context
 * @b: zeroed binding to fill
 * @mode: what to bind to besides the workload
 *
 * Context: process context, may sleep (bind=exe reads the executable).
 * Return: 0; -ENOENT if the caller is in no workload; -EPERM if it is
 * being traced and @mode is exe or process; -EACCES if it has no
 * executable (kernel thread); -ENOMEM; a read error of the executable.
 * On error, twi_bind_release() undoes what was done.
 */
int twi_bind_init(struct twi_binding *b, enum twi_bind_mode mode)
{
	b->mode = mode;
	b->w = twi_workload_current();
	if (!b->w)
		return -ENOENT;
	if (mode != TWI_BIND_WORKLOAD && traced())
		return -EPERM;
	if (mode == TWI_BIND_EXE)
		return init_exe(b);
	if (mode == TWI_BIND_PROCESS)
		init_process(b);
	return 0;
}

/**
 * twi_bind_attach() - count the key against its workload
 * @b: a binding made by twi_bind_init(), its @bk callbacks set
 *
 * Return: 0, -EDQUOT if the workload has its maximum of keys,
 * -EKEYREVOKED if it was deleted meanwhile.
 */
int twi_bind_attach(struct twi_binding *b)
{
	int ret;

	INIT_LIST_HEAD(&b->bk.node);
	ret = twi_workload_bind_key(b->w, &b->bk);
	b->attached = !ret;
	return ret;
}

void twi_bind_release(struct twi_binding *b)
{
	if (b->attached)
		twi_workload_unbind_key(b->w, &b->bk);
	b->attached = false;
	twi_workload_put(b->w);
	b->w = NULL;
	put_pid(b->tgid);
	b->tgid = NULL;
}

static int check_exe(const struct twi_binding *b)
{
	u8 digest[TWI_DIGEST_LEN];
	struct twi_exe_id id;
	struct file *exe;
	int ret = 0;

	exe = current_exe();
	if (!exe)
		return -EACCES;
	exe_id(exe, &id);
	if (!same_exe_id(&id, &b->exe)) {
		ret = hash_exe(exe, digest);
		if (!ret && memcmp(digest, b->exe_digest, sizeof(digest)))
			ret = -EACCES;
	}
	fput(exe);
	return ret;
}

static int check_process(const struct twi_binding *b)
{
	if (!pid_has_task(b->tgid, PIDTYPE_TGID))
		return -EKEYREVOKED;
	if (task_tgid(current) != b->tgid ||
	    current->group_leader->start_boottime != b->start_time ||
	    current->self_exec_id != b->exec_id)
		return -EACCES;
	return 0;
}

/**
 * twi_bind_check() - may the calling task use a key bound by @b?
 * @b: the key's binding
 *
 * Context: process context, may sleep (bind=exe may hash the caller's
 * executable when it is not the creator's file).
 * Return: 0; -EKEYREVOKED if the workload was deleted, its cgroup removed
 * or (bind=process) the creating process exited; -EACCES if the caller is
 * in another workload (root included), runs another executable or is
 * another process; -EPERM if the key is exe- or process-bound and the
 * caller is being traced.
 */
int twi_bind_check(const struct twi_binding *b)
{
	if (twi_workload_gone(b->w))
		return -EKEYREVOKED;
	if (b->mode == TWI_BIND_PROCESS && !pid_has_task(b->tgid,
							 PIDTYPE_TGID))
		return -EKEYREVOKED;
	if (!twi_workload_is_current(b->w))
		return -EACCES;
	if (b->mode != TWI_BIND_WORKLOAD && traced())
		return -EPERM;
	if (b->mode == TWI_BIND_EXE)
		return check_exe(b);
	if (b->mode == TWI_BIND_PROCESS)
		return check_process(b);
	return 0;
}
