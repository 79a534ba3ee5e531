// SPDX-License-Identifier: GPL-2.0
/*
 * The workload registry.  An xarray indexed by cgroup id holds one
 * reference to each workload; lookups are lockless (RCU) and take their own
 * reference; registration and deletion are serialised by registry_mutex.
 * The workload of a task is found by walking its cgroup v2 ancestors, one
 * xarray lookup per level.
 *
 * A deleted workload is marked dead under its lock and its keys are
 * revoked; a workload whose cgroup was removed counts as dead wherever it
 * is looked at, and is dropped from the registry when next listed, when
 * the registry is full, or by the few steps of collection each
 * registration takes.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <crypto/sha2.h>
#include <linux/cgroup.h>
#include <linux/module.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/xarray.h>

#include "workload.h"

static unsigned int max_workloads = 65536;
module_param(max_workloads, uint, 0644);
MODULE_PARM_DESC(max_workloads, "most workloads registered at once");

static unsigned int max_keys = 128;
module_param(max_keys, uint, 0644);
MODULE_PARM_DESC(max_keys, "most twi keys per workload");

/* Workloads looked at for removed cgroups at each registration. */
#define TWI_COLLECT_STEP	4

static DEFINE_XARRAY(registry);
static DEFINE_MUTEX(registry_mutex);
static u32 n_workloads;
static unsigned long collect_cursor;

u32 twi_workload_count(void)
{
	return READ_ONCE(n_workloads);
}

void twi_workload_free_claims(struct twi_claim *claims, u32 n_claims)
{
	u32 i;

	if (!claims)
		return;
	for (i = 0; i < n_claims; i++) {
		kfree(claims[i].key);
		kfree(claims[i].value);
	}
	kfree(claims);
}

static void release(struct kref *ref)
{
	struct twi_workload *w = container_of(ref, struct twi_workload, ref);

	pr_debug("workload %llu freed\n", w->cgroup_id);
	cgroup_put(w->cgrp);
	kfree(w->identifier);
	twi_workload_free_claims(w->claims, w->n_claims);
	kfree(w->events);
	kfree_rcu(w, rcu);
}

void twi_workload_put(struct twi_workload *w)
{
	if (w)
		kref_put(&w->ref, release);
}

/* A workload is gone once deleted or once its cgroup is removed. */
static bool gone(struct twi_workload *w)
{
	return READ_ONCE(w->dead) || twi_cgroup_removed(w->cgrp);
}

bool twi_workload_gone(struct twi_workload *w)
{
	return gone(w);
}

/* Context: registry_mutex held. */
static int erase(u64 cgroup_id)
{
	struct twi_workload *w;

	lockdep_assert_held(&registry_mutex);
	w = xa_erase(&registry, cgroup_id);
	if (!w)
		return -ENOENT;
	n_workloads--;

	mutex_lock(&w->lock);
	WRITE_ONCE(w->dead, true);
	mutex_unlock(&w->lock);

	twi_genl_notify_workload(TWI_CMD_WORKLOAD_DEL_NTF, w);
	pr_debug("workload %llu deleted\n", cgroup_id);
	twi_workload_put(w);
	return 0;
}

/*
 * Revoke the keys of a dead workload one at a time: take an entry off the
 * list and a reference to its key under the lock, revoke it without.  A
 * key whose last reference is already gone is being destroyed anyway.
 */
static void revoke_keys(struct twi_workload *w)
{
	struct twi_bound_key *bk;
	bool grabbed = false;

	for (;;) {
		mutex_lock(&w->lock);
		bk = list_first_entry_or_null(&w->keys, struct twi_bound_key,
					      node);
		if (bk) {
			list_del_init(&bk->node);
			w->n_keys--;
			grabbed = bk->grab(bk);
		}
		mutex_unlock(&w->lock);
		if (!bk)
			return;
		if (grabbed)
			bk->revoke(bk);
	}
}

/* Drop the workloads whose cgroup was removed.  Context: registry_mutex. */
static void collect(void)
{
	struct twi_workload *w;
	unsigned long index;

	lockdep_assert_held(&registry_mutex);
	xa_for_each(&registry, index, w)
		if (twi_cgroup_removed(w->cgrp))
			erase(index);
}

/*
 * Look at a few workloads past the cursor, so that removed cgroups do not
 * stay pinned for long however the registry is used.
 * Context: registry_mutex.
 */
static void collect_some(void)
{
	struct twi_workload *w;
	int i;

	lockdep_assert_held(&registry_mutex);
	for (i = 0; i < TWI_COLLECT_STEP; i++) {
		w = xa_find(&registry, &collect_cursor, ULONG_MAX, XA_PRESENT);
		if (!w) {
			collect_cursor = 0;
			return;
		}
		if (twi_cgroup_removed(w->cgrp))
			erase(collect_cursor);
		collect_cursor++;
	}
}

static struct twi_workload *alloc_workload(struct cgroup *cgrp,
					   char *identifier,
					   struct twi_claim *claims,
					   u32 n_claims)
{
	struct twi_workload *w;

	w = kzalloc(sizeof(*w), GFP_KERNEL);
	if (!w)
		return NULL;
	kref_init(&w->ref);
	mutex_init(&w->lock);
	INIT_LIST_HEAD(&w->keys);
	w->cgroup_id = cgroup_id(cgrp);
	w->cgrp = cgrp;
	w->identifier = identifier;
	w->claims = claims;
	w->n_claims = n_claims;
	return w;
}

/**
 * twi_workload_new() - register a cgroup as a workload
 * @cgrp: the cgroup; its reference passes to the workload on success
 * @identifier: the URI, checked; passes to the workload on success
 * @claims: the claims, checked; pass to the workload on success
 * @n_claims: number of @claims
 *
 * Context: process context, may sleep.
 * Return: 0, -EEXIST if the cgroup is a workload already, -ENOSPC if the
 * registry is full, -ENOMEM.  On error the caller keeps its arguments.
 */
int twi_workload_new(struct cgroup *cgrp, char *identifier,
		     struct twi_claim *claims, u32 n_claims)
{
	struct twi_workload *w;
	int ret;

	w = alloc_workload(cgrp, identifier, claims, n_claims);
	if (!w)
		return -ENOMEM;

	mutex_lock(&registry_mutex);
	collect_some();
	if (n_workloads >= READ_ONCE(max_workloads))
		collect();
	ret = -ENOSPC;
	if (n_workloads >= READ_ONCE(max_workloads))
		goto out_unlock;
	ret = xa_insert(&registry, w->cgroup_id, w, GFP_KERNEL);
	if (ret == -EBUSY)
		ret = -EEXIST;
	if (ret)
		goto out_unlock;
	n_workloads++;
	twi_genl_notify_workload(TWI_CMD_WORKLOAD_NEW_NTF, w);
	pr_debug("workload %llu registered\n", w->cgroup_id);
out_unlock:
	mutex_unlock(&registry_mutex);
	if (ret)
		kfree(w);
	return ret;
}

/**
 * twi_workload_del() - delete a workload and revoke its keys
 * @cgroup_id: its cgroup
 *
 * Context: process context, may sleep.
 * Return: 0, or -ENOENT if the cgroup is not a workload.
 */
int twi_workload_del(u64 cgroup_id)
{
	struct twi_workload *w;
	int ret;

	w = twi_workload_find(cgroup_id);
	mutex_lock(&registry_mutex);
	ret = erase(cgroup_id);
	mutex_unlock(&registry_mutex);
	if (w)
		revoke_keys(w);
	twi_workload_put(w);
	return ret;
}

/* Context: RCU read lock held.  Return: @w with a reference, or NULL. */
static struct twi_workload *get_live(struct twi_workload *w)
{
	if (!w || !kref_get_unless_zero(&w->ref))
		return NULL;
	if (gone(w)) {
		twi_workload_put(w);
		return NULL;
	}
	return w;
}

/**
 * twi_workload_find() - the workload of a cgroup
 * @cgroup_id: the cgroup
 *
 * Return: the workload with a reference, or NULL if none or gone.
 */
struct twi_workload *twi_workload_find(u64 cgroup_id)
{
	struct twi_workload *w;

	rcu_read_lock();
	w = get_live(xa_load(&registry, cgroup_id));
	rcu_read_unlock();
	return w;
}

/**
 * twi_workload_next() - iterate over the registry, for dumps
 * @index: the cgroup id to start from; on return, the found workload's
 *
 * Workloads whose cgroup was removed are returned too, so that the caller
 * may drop them.
 *
 * Return: the workload with a reference, or NULL at the end.
 */
struct twi_workload *twi_workload_next(unsigned long *index)
{
	struct twi_workload *w;

	rcu_read_lock();
	for (;;) {
		w = xa_find(&registry, index, ULONG_MAX, XA_PRESENT);
		if (!w || kref_get_unless_zero(&w->ref))
			break;
		if (*index == ULONG_MAX) {
			w = NULL;
			break;
		}
		(*index)++;
	}
	rcu_read_unlock();
	return w;
}

/* Context: RCU read lock held. */
static struct twi_workload *lookup_task(struct task_struct *task)
{
	struct twi_workload *w;
	struct cgroup *cgrp;

	for (cgrp = task_dfl_cgroup(task); cgrp; cgrp = cgroup_parent(cgrp)) {
		w = xa_load(&registry, cgroup_id(cgrp));
		if (w && !gone(w))
			return w;
	}
	return NULL;
}

/**
 * twi_workload_current() - the workload of the calling task
 *
 * The workload of a task is the nearest registered ancestor of its cgroup
 * v2 (its own cgroup included).
 *
 * Return: the workload with a reference, or NULL if the task is in none.
 */
struct twi_workload *twi_workload_current(void)
{
	struct twi_workload *w;

	rcu_read_lock();
	w = get_live(lookup_task(current));
	rcu_read_unlock();
	return w;
}

/**
 * twi_workload_is_current() - whether the calling task is in @w
 * @w: a workload, referenced by the caller
 *
 * Return: true if @w is alive and is the workload of the calling task; a
 * task in a workload nested below @w is not in @w.
 */
bool twi_workload_is_current(struct twi_workload *w)
{
	bool ret;

	rcu_read_lock();
	ret = lookup_task(current) == w;
	rcu_read_unlock();
	return ret;
}

static void extend_log(struct twi_workload *w, const struct twi_event *ev)
{
	__be32 type = cpu_to_be32(ev->type);
	struct sha256_state ctx;

	BUILD_BUG_ON(TWI_DIGEST_LEN != SHA256_DIGEST_SIZE);
	sha256_init(&ctx);
	sha256_update(&ctx, w->log_digest, sizeof(w->log_digest));
	sha256_update(&ctx, (const u8 *)&type, sizeof(type));
	sha256_update(&ctx, ev->digest, sizeof(ev->digest));
	sha256_update(&ctx, &ev->desc_len, 1);
	sha256_update(&ctx, (const u8 *)ev->desc, ev->desc_len);
	sha256_final(&ctx, w->log_digest);
}

/**
 * twi_workload_measure() - append an event to a workload's log
 * @w: the workload, referenced by the caller
 * @ev: the event, checked
 * @seal: seal the log after it
 *
 * Context: process context, may sleep.
 * Return: 0, -ENOENT if @w is gone, -EROFS if its log is sealed, -ENOSPC
 * if it is full, -ENOMEM.
 */
int twi_workload_measure(struct twi_workload *w, const struct twi_event *ev,
			 bool seal)
{
	struct twi_event *events;
	int ret = 0;

	mutex_lock(&w->lock);
	if (gone(w)) {
		ret = -ENOENT;
		goto out_unlock;
	}
	if (w->flags & TWI_WORKLOAD_F_SEALED) {
		ret = -EROFS;
		goto out_unlock;
	}
	if (w->n_events >= TWI_EVENTS_MAX) {
		ret = -ENOSPC;
		goto out_unlock;
	}
	events = krealloc_array(w->events, w->n_events + 1, sizeof(*events),
				GFP_KERNEL);
	if (!events) {
		ret = -ENOMEM;
		goto out_unlock;
	}
	w->events = events;
	events[w->n_events++] = *ev;
	extend_log(w, ev);
	if (seal)
		w->flags |= TWI_WORKLOAD_F_SEALED;
out_unlock:
	mutex_unlock(&w->lock);
	return ret;
}

/**
 * twi_workload_bind_key() - count a key against its workload
 * @w: the workload, referenced by the caller for as long as @bk is bound
 * @bk: the key's entry, whose @grab and @revoke are called if @w is
 *	deleted first
 *
 * Return: 0, -EKEYREVOKED if @w is gone, -EDQUOT if it has max_keys keys.
 */
int twi_workload_bind_key(struct twi_workload *w, struct twi_bound_key *bk)
{
	int ret = 0;

	mutex_lock(&w->lock);
	if (gone(w))
		ret = -EKEYREVOKED;
	else if (w->n_keys >= READ_ONCE(max_keys))
		ret = -EDQUOT;
	else {
		list_add_tail(&bk->node, &w->keys);
		w->n_keys++;
	}
	mutex_unlock(&w->lock);
	return ret;
}

/* Undo twi_workload_bind_key(), if the deletion of @w did not already. */
void twi_workload_unbind_key(struct twi_workload *w, struct twi_bound_key *bk)
{
	mutex_lock(&w->lock);
	if (!list_empty(&bk->node)) {
		list_del_init(&bk->node);
		w->n_keys--;
	}
	mutex_unlock(&w->lock);
}

int __init twi_workload_init(void)
{
	/* The registry is indexed by 64-bit cgroup ids. */
	BUILD_BUG_ON(sizeof(unsigned long) < sizeof(u64));
	BUILD_BUG_ON(TWI_EVENT_DESC_MAX > U8_MAX);
	return 0;
}

/* Context: the family is unregistered; keys may still hold workloads. */
void twi_workload_exit(void)
{
	struct twi_workload *w;
	unsigned long index;

	mutex_lock(&registry_mutex);
	xa_for_each(&registry, index, w) {
		xa_erase(&registry, index);
		twi_workload_put(w);
	}
	n_workloads = 0;
	mutex_unlock(&registry_mutex);
	xa_destroy(&registry);
}
