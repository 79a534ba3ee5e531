// SPDX-License-Identifier: GPL-2.0
/*
 * The evidence provider: one privileged netlink socket (twid) that gets TEE
 * reports for the kernel.  A request carries report_data; the kernel waits
 * for the provider's answer, checks that the report carries exactly that
 * report_data and only then hands it on.  The provider is trusted for
 * availability only: a wrong, late, repeated or stray answer is refused
 * and can at worst make a key creation fail.
 *
 * Requests live on the stack of the waiting task and are on the pending
 * list, under provider_lock, for exactly as long as someone may complete
 * them.  The registration ends when the provider's socket is released;
 * its waiting requests then fail at once with -ECONNRESET.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/completion.h>
#include <linux/list.h>
#include <linux/moduleparam.h>
#include <linux/netlink.h>
#include <linux/notifier.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <net/net_namespace.h>

#include "credential.h"

static unsigned int evidence_timeout_ms = 10000;
module_param(evidence_timeout_ms, uint, 0644);
MODULE_PARM_DESC(evidence_timeout_ms,
		 "How long key creation waits for the evidence provider (ms, 1 to 600000)");

struct request {
	struct list_head node;
	u64 id;
	const u8 *report_data;
	struct completion done;
	int err;
	struct twi_evidence ev;
};

/* provider_lock protects everything below. */
static DEFINE_SPINLOCK(provider_lock);
static bool have_provider;
static struct net *provider_net;	/* not referenced: compared only */
static u32 provider_portid;
static LIST_HEAD(pending);
static u64 next_id;
static bool shutting_down;

/* Context: provider_lock held.  Fail every waiting request with @err. */
static void fail_pending(int err)
{
	struct request *r, *tmp;

	list_for_each_entry_safe(r, tmp, &pending, node) {
		list_del_init(&r->node);
		r->err = err;
		complete(&r->done);
	}
}

/**
 * twi_provider_register() - make a socket the evidence provider
 * @net: its network namespace
 * @portid: its netlink port id
 *
 * Return: 0, or -EBUSY if a provider is registered.
 */
int twi_provider_register(struct net *net, u32 portid)
{
	int ret = 0;

	spin_lock(&provider_lock);
	if (have_provider || shutting_down) {
		ret = -EBUSY;
	} else {
		have_provider = true;
		provider_net = net;
		provider_portid = portid;
	}
	spin_unlock(&provider_lock);
	if (!ret)
		pr_debug("evidence provider: port %u\n", portid);
	return ret;
}

static int netlink_event(struct notifier_block *nb, unsigned long event,
			 void *ptr)
{
	struct netlink_notify *n = ptr;

	if (event != NETLINK_URELEASE || n->protocol != NETLINK_GENERIC)
		return NOTIFY_DONE;
	spin_lock(&provider_lock);
	if (have_provider && n->portid == provider_portid &&
	    n->net == provider_net) {
		have_provider = false;
		fail_pending(-ECONNRESET);
		pr_debug("evidence provider: port %u closed\n", n->portid);
	}
	spin_unlock(&provider_lock);
	return NOTIFY_DONE;
}

static struct notifier_block netlink_nb = {
	.notifier_call = netlink_event,
};

/* Context: provider_lock held. */
static struct request *find_request(u64 id)
{
	struct request *r;

	list_for_each_entry(r, &pending, node)
		if (r->id == id)
			return r;
	return NULL;
}

/**
 * twi_provider_answer() - the provider's answer to a request
 * @net: the sender's network namespace
 * @portid: the sender's port id
 * @id: the request it answers
 * @error: 0 with evidence in @ev; or the request's error: -EIO if the
 *	provider could not get evidence, -ENOMEM if its answer could not be
 *	taken for want of memory
 * @ev: the evidence if @error is 0; taken over on success and on -EBADMSG
 *
 * The report is checked against the request's report_data before the
 * request is completed.  A report that fails the check fails the request
 * too: a provider that answers wrongly once is not given a second try.
 *
 * Return: 0 (a refusal, @error -EIO, included), -ENOMEM if @error is
 * -ENOMEM (the request failed with it), -EPERM if the sender is not the
 * provider, -ENOENT if no request @id is waiting, -EBADMSG if the report
 * does not carry the request's report_data or cannot be parsed.
 */
int twi_provider_answer(struct net *net, u32 portid, u64 id, int error,
			struct twi_evidence *ev)
{
	struct request *r;
	int ret = 0;

	spin_lock(&provider_lock);
	if (!have_provider || portid != provider_portid ||
	    net != provider_net) {
		ret = -EPERM;
		goto out;
	}
	r = find_request(id);
	if (!r) {
		ret = -ENOENT;
		goto out;
	}
	list_del_init(&r->node);
	if (error) {
		r->err = error;
		ret = error == -EIO ? 0 : error;
	} else if (twi_evidence_check(ev->tee, ev->report, ev->report_len,
				      r->report_data)) {
		r->err = -EBADMSG;
		ret = -EBADMSG;
	} else {
		r->err = 0;
		r->ev = *ev;
		memset(ev, 0, sizeof(*ev));
	}
	complete(&r->done);
out:
	spin_unlock(&provider_lock);
	return ret;
}

/**
 * twi_evidence_get() - ask the provider for evidence over report_data
 * @report_data: TWI_REPORT_DATA_LEN bytes
 * @ev: set to the checked evidence; free it with twi_evidence_free()
 *
 * Context: process context; sleeps until the answer, the timeout
 * (evidence_timeout_ms) or a fatal signal.
 * Return: 0, -ENODEV if no provider is registered, -ETIMEDOUT, -ECONNRESET
 * if the provider went away (or its socket cannot take the request), -EIO
 * if it could not get evidence, -EBADMSG if its report did not carry
 * @report_data, -EINTR, -ENOMEM.
 */
int twi_evidence_get(const u8 *report_data, struct twi_evidence *ev)
{
	struct request r = { .report_data = report_data };
	unsigned int ms;
	struct net *net;
	long left;
	u32 portid;
	int ret;

	memset(ev, 0, sizeof(*ev));
	init_completion(&r.done);
	INIT_LIST_HEAD(&r.node);

	spin_lock(&provider_lock);
	if (!have_provider) {
		spin_unlock(&provider_lock);
		return -ENODEV;
	}
	net = provider_net;
	portid = provider_portid;
	r.id = ++next_id;
	list_add_tail(&r.node, &pending);
	/* the socket, and so its namespace, lives until we hear otherwise */
	net = maybe_get_net(net);
	spin_unlock(&provider_lock);

	ret = net ? twi_genl_send_request(net, portid, r.id, report_data) :
		    -ECONNRESET;
	if (net)
		put_net(net);
	if (ret) {
		pr_debug("evidence request %llu not sent: %d\n", r.id, ret);
		/* short of memory here, or the provider's socket is gone */
		if (ret != -ENOMEM && ret != -ENOBUFS)
			ret = -ECONNRESET;
		else
			ret = -ENOMEM;
		goto out_remove;
	}

	ms = clamp(READ_ONCE(evidence_timeout_ms), 1U, 600000U);
	left = wait_for_completion_killable_timeout(&r.done,
						    msecs_to_jiffies(ms));
	if (left > 0) {
		/* completed: the request is off the list */
		*ev = r.ev;
		return r.err;
	}
	ret = left ? -EINTR : -ETIMEDOUT;

out_remove:
	spin_lock(&provider_lock);
	if (list_empty(&r.node)) {
		/* answered while we gave up: take the answer after all */
		spin_unlock(&provider_lock);
		*ev = r.ev;
		return r.err;
	}
	list_del(&r.node);
	spin_unlock(&provider_lock);
	return ret;
}

void twi_evidence_free(struct twi_evidence *ev)
{
	kfree(ev->report);
	kfree(ev->aux);
	memset(ev, 0, sizeof(*ev));
}

int __init twi_evidence_init(void)
{
	return netlink_register_notifier(&netlink_nb);
}

/* Fails every waiting request, so nothing waits on a module going away. */
void twi_evidence_exit(void)
{
	spin_lock(&provider_lock);
	shutting_down = true;
	have_provider = false;
	fail_pending(-ECONNRESET);
	spin_unlock(&provider_lock);
	netlink_unregister_notifier(&netlink_nb);
}
