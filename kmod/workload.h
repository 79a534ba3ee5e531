/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The workload registry: cgroup v2 id -> workload.
 */
#ifndef _TWI_WORKLOAD_H
#define _TWI_WORKLOAD_H

#include <linux/cgroup.h>
#include <linux/kref.h>
#include <linux/list.h>
#include <linux/mutex.h>
#include <linux/rcupdate.h>
#include <linux/types.h>
#include <uapi/linux/twi.h>

/*
 * Whether @cgrp was removed (rmdir).  The cgroup's own css is never
 * marked dying on 6.10+, only taken offline, on every kernel.
 */
static inline bool twi_cgroup_removed(const struct cgroup *cgrp)
{
	return !(READ_ONCE(cgrp->self.flags) & CSS_ONLINE);
}

struct twi_claim {
	char *key;
	char *value;
};

struct twi_event {
	u32 type;
	u8 digest[TWI_DIGEST_LEN];
	u8 desc_len;
	char desc[TWI_EVENT_DESC_MAX + 1];
};

/**
 * struct twi_workload - a registered cgroup
 * @ref: references: the registry's, each key's, each lookup's
 * @cgroup_id: the cgroup's id, the registry index
 * @cgrp: a reference to the cgroup, to see it go away
 * @identifier: the URI, immutable
 * @claims: @n_claims claims, immutable
 * @n_claims: number of claims
 * @lock: protects the fields below
 * @events: the measurement log, @n_events long
 * @n_events: number of events
 * @log_digest: the running digest over @events
 * @flags: TWI_WORKLOAD_F_*
 * @dead: deleted from the registry; its keys are revoked
 * @keys: the twi keys bound to it (struct twi_bound_key)
 * @n_keys: length of @keys
 * @rcu: frees the structure after a grace period, for lockless lookups
 */
struct twi_workload {
	struct kref ref;
	u64 cgroup_id;
	struct cgroup *cgrp;
	char *identifier;
	struct twi_claim *claims;
	u32 n_claims;

	struct mutex lock;
	struct twi_event *events;
	u32 n_events;
	u8 log_digest[TWI_DIGEST_LEN];
	u32 flags;
	bool dead;
	struct list_head keys;
	u32 n_keys;

	struct rcu_head rcu;
};

/**
 * struct twi_bound_key - a key's entry in its workload's list
 * @node: in twi_workload.keys, under its lock
 * @grab: when the workload is deleted, called under its lock to take a
 *	reference to the key; must not sleep; false if the key is being
 *	destroyed
 * @revoke: then called without the lock to revoke the key and drop the
 *	reference @grab took
 */
struct twi_bound_key {
	struct list_head node;
	bool (*grab)(struct twi_bound_key *bk);
	void (*revoke)(struct twi_bound_key *bk);
};

int twi_workload_init(void);
void twi_workload_exit(void);

int twi_workload_new(struct cgroup *cgrp, char *identifier,
		     struct twi_claim *claims, u32 n_claims);
int twi_workload_del(u64 cgroup_id);
struct twi_workload *twi_workload_find(u64 cgroup_id);
struct twi_workload *twi_workload_next(unsigned long *index);
struct twi_workload *twi_workload_current(void);
bool twi_workload_is_current(struct twi_workload *w);
bool twi_workload_gone(struct twi_workload *w);
void twi_workload_put(struct twi_workload *w);
int twi_workload_measure(struct twi_workload *w, const struct twi_event *ev,
			 bool seal);
int twi_workload_bind_key(struct twi_workload *w, struct twi_bound_key *bk);
void twi_workload_unbind_key(struct twi_workload *w, struct twi_bound_key *bk);
u32 twi_workload_count(void);
void twi_workload_free_claims(struct twi_claim *claims, u32 n_claims);

/* In netlink.c: tell the "events" group. */
void twi_genl_notify_workload(u8 cmd, const struct twi_workload *w);
void twi_genl_notify_key(u8 cmd, u32 serial, u64 cgroup_id);

#endif /* _TWI_WORKLOAD_H */
