// SPDX-License-Identifier: GPL-2.0
/*
 * The "twi" generic netlink family.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/cgroup.h>
#include <linux/ctype.h>
#include <linux/slab.h>
#include <net/genetlink.h>
#include <uapi/linux/twi.h>

#include "twi.h"
#include "credential.h"
#include "workload.h"

enum twi_mcgrp {
	TWI_MCGRP_EVENTS,
};

static struct genl_family twi_genl_family;
static bool registered;

/**
 * twi_nl_get_info() - TWI_CMD_GET_INFO: version, key and workload counts
 * @skb: the request
 * @info: request info
 *
 * Context: process context, may sleep.
 * Return: 0, or -ENOMEM / -EMSGSIZE.
 */
static int twi_nl_get_info(struct sk_buff *skb, struct genl_info *info)
{
	struct sk_buff *msg;
	void *hdr;

	msg = genlmsg_new(NLMSG_GOODSIZE, GFP_KERNEL);
	if (!msg)
		return -ENOMEM;

	hdr = genlmsg_put_reply(msg, info, &twi_genl_family, 0,
				TWI_CMD_GET_INFO);
	if (!hdr)
		goto err_size;
	if (nla_put_string(msg, TWI_A_INFO_VERSION, TWI_VERSION) ||
	    nla_put_u32(msg, TWI_A_INFO_KEYS, twi_key_count()) ||
	    nla_put_u32(msg, TWI_A_INFO_WORKLOADS, twi_workload_count()))
		goto err_size;

	genlmsg_end(msg, hdr);
	return genlmsg_reply(msg, info);

err_size:
	nlmsg_free(msg);
	return -EMSGSIZE;
}

static const struct nla_policy twi_info_policy[TWI_A_INFO_MAX + 1] = {
	[TWI_A_INFO_VERSION]	= { .type = NLA_REJECT },
	[TWI_A_INFO_KEYS]	= { .type = NLA_REJECT },
	[TWI_A_INFO_WORKLOADS]	= { .type = NLA_REJECT },
};

static const struct nla_policy twi_claim_policy[TWI_A_CLAIM_MAX + 1] = {
	[TWI_A_CLAIM_KEY]	= { .type = NLA_NUL_STRING,
				    .len = TWI_CLAIM_KEY_MAX },
	[TWI_A_CLAIM_VALUE]	= { .type = NLA_NUL_STRING,
				    .len = TWI_CLAIM_VALUE_MAX },
};

static const struct nla_policy twi_event_policy[TWI_A_EVENT_MAX + 1] = {
	[TWI_A_EVENT_TYPE]	= NLA_POLICY_RANGE(NLA_U32, TWI_EVENT_IMAGE,
						   TWI_EVENT_MAX),
	[TWI_A_EVENT_DIGEST]	= NLA_POLICY_EXACT_LEN(TWI_DIGEST_LEN),
	[TWI_A_EVENT_DESCRIPTION] = { .type = NLA_NUL_STRING,
				      .len = TWI_EVENT_DESC_MAX },
	[TWI_A_EVENT_FLAGS]	= NLA_POLICY_MASK(NLA_U32, TWI_EVENT_F_ALL),
};

/* What every workload command takes: the cgroup, by id or by path. */
#define TWI_CGROUP_POLICY						\
	[TWI_A_WORKLOAD_CGROUP_ID]	= { .type = NLA_U64 },		\
	[TWI_A_WORKLOAD_CGROUP_PATH]	= { .type = NLA_NUL_STRING,	\
					    .len = PATH_MAX - 1 }

/* Reply-only attributes are refused in every request. */
#define TWI_REPLY_ONLY_POLICY						\
	[TWI_A_WORKLOAD_FLAGS]		= { .type = NLA_REJECT },	\
	[TWI_A_WORKLOAD_KEYS]		= { .type = NLA_REJECT },	\
	[TWI_A_WORKLOAD_EVENTS]		= { .type = NLA_REJECT },	\
	[TWI_A_WORKLOAD_LOG_DIGEST]	= { .type = NLA_REJECT },	\
	[TWI_A_WORKLOAD_PAD]		= { .type = NLA_REJECT }

static const struct nla_policy twi_new_policy[TWI_A_WORKLOAD_MAX + 1] = {
	TWI_CGROUP_POLICY,
	TWI_REPLY_ONLY_POLICY,
	[TWI_A_WORKLOAD_IDENTIFIER]	= { .type = NLA_NUL_STRING,
					    .len = TWI_IDENTIFIER_MAX },
	[TWI_A_WORKLOAD_CLAIM]		= NLA_POLICY_NESTED(twi_claim_policy),
	[TWI_A_WORKLOAD_EVENT]		= { .type = NLA_REJECT },
};

static const struct nla_policy twi_select_policy[TWI_A_WORKLOAD_MAX + 1] = {
	TWI_CGROUP_POLICY,
	TWI_REPLY_ONLY_POLICY,
	[TWI_A_WORKLOAD_IDENTIFIER]	= { .type = NLA_REJECT },
	[TWI_A_WORKLOAD_CLAIM]		= { .type = NLA_REJECT },
	[TWI_A_WORKLOAD_EVENT]		= { .type = NLA_REJECT },
};

static const struct nla_policy twi_measure_policy[TWI_A_WORKLOAD_MAX + 1] = {
	TWI_CGROUP_POLICY,
	TWI_REPLY_ONLY_POLICY,
	[TWI_A_WORKLOAD_IDENTIFIER]	= { .type = NLA_REJECT },
	[TWI_A_WORKLOAD_CLAIM]		= { .type = NLA_REJECT },
	[TWI_A_WORKLOAD_EVENT]		= NLA_POLICY_NESTED(twi_event_policy),
};

/* Printable ASCII, spaces included. */
static bool printable(const char *s)
{
	for (; *s; s++)
		if (*s < 0x20 || *s > 0x7e)
			return false;
	return true;
}

/* A URI: scheme ":" then printable ASCII without spaces (RFC 3986). */
static bool valid_uri(const char *s)
{
	const char *p = s;

	if (!isalpha(*p))
		return false;
	while (isalnum(*p) || *p == '+' || *p == '-' || *p == '.')
		p++;
	if (*p++ != ':' || !*p)
		return false;
	for (; *p; p++)
		if (*p <= 0x20 || *p > 0x7e)
			return false;
	return true;
}

static bool valid_claim_key(const char *s)
{
	if (!*s)
		return false;
	for (; *s; s++)
		if (!isalnum(*s) && *s != '.' && *s != '_' && *s != '-')
			return false;
	return true;
}

/* The cgroup a request names, referenced.  Check with has_cgroup first. */
static struct cgroup *get_cgroup(struct genl_info *info)
{
	struct nlattr *id = info->attrs[TWI_A_WORKLOAD_CGROUP_ID];
	struct cgroup *cgrp;

	if (id)
		cgrp = cgroup_get_from_id(nla_get_u64(id));
	else
		cgrp = cgroup_get_from_path(nla_data(
				info->attrs[TWI_A_WORKLOAD_CGROUP_PATH]));
	if (!IS_ERR(cgrp) && twi_cgroup_removed(cgrp)) {
		cgroup_put(cgrp);
		cgrp = ERR_PTR(-ENOENT);
	}
	return cgrp;
}

static int has_cgroup(struct genl_info *info)
{
	if (!info->attrs[TWI_A_WORKLOAD_CGROUP_ID] ==
	    !info->attrs[TWI_A_WORKLOAD_CGROUP_PATH]) {
		GENL_SET_ERR_MSG(info, "give exactly one of cgroup id and path");
		return -EINVAL;
	}
	return 0;
}

/* The workload a request names, referenced. */
static struct twi_workload *get_workload(struct genl_info *info)
{
	struct twi_workload *w;
	struct cgroup *cgrp;

	cgrp = get_cgroup(info);
	if (IS_ERR(cgrp))
		return ERR_CAST(cgrp);
	w = twi_workload_find(cgroup_id(cgrp));
	cgroup_put(cgrp);
	if (!w) {
		GENL_SET_ERR_MSG(info, "the cgroup is not a workload");
		return ERR_PTR(-ENOENT);
	}
	return w;
}

static int count_attrs(const struct genl_info *info, int type)
{
	const struct nlattr *a;
	int rem, n = 0;

	nlmsg_for_each_attr(a, info->nlhdr, GENL_HDRLEN, rem)
		n += nla_type(a) == type;
	return n;
}

static int parse_claim(struct genl_info *info, const struct nlattr *a,
		       struct twi_claim *claim)
{
	struct nlattr *tb[TWI_A_CLAIM_MAX + 1];
	int ret;

	ret = nla_parse_nested(tb, TWI_A_CLAIM_MAX, a, twi_claim_policy,
			       info->extack);
	if (ret)
		return ret;
	if (!tb[TWI_A_CLAIM_KEY] || !tb[TWI_A_CLAIM_VALUE] ||
	    !valid_claim_key(nla_data(tb[TWI_A_CLAIM_KEY])) ||
	    !printable(nla_data(tb[TWI_A_CLAIM_VALUE]))) {
		GENL_SET_ERR_MSG(info, "malformed claim");
		return -EINVAL;
	}

	claim->key = nla_strdup(tb[TWI_A_CLAIM_KEY], GFP_KERNEL);
	claim->value = nla_strdup(tb[TWI_A_CLAIM_VALUE], GFP_KERNEL);
	if (!claim->key || !claim->value)
		return -ENOMEM;
	return 0;
}

static bool repeated_key(const struct twi_claim *claims, u32 n)
{
	u32 i;

	for (i = 0; i < n; i++)
		if (!strcmp(claims[i].key, claims[n].key))
			return true;
	return false;
}

static int parse_claims(struct genl_info *info, struct twi_claim **claimsp,
			u32 *n_claims)
{
	struct twi_claim *claims;
	const struct nlattr *a;
	int n, rem, ret = 0;
	u32 i = 0;

	n = count_attrs(info, TWI_A_WORKLOAD_CLAIM);
	if (n > TWI_CLAIMS_MAX) {
		GENL_SET_ERR_MSG(info, "too many claims");
		return -E2BIG;
	}
	claims = kcalloc(n, sizeof(*claims), GFP_KERNEL);
	if (n && !claims)
		return -ENOMEM;

	nlmsg_for_each_attr(a, info->nlhdr, GENL_HDRLEN, rem) {
		if (nla_type(a) != TWI_A_WORKLOAD_CLAIM)
			continue;
		ret = parse_claim(info, a, &claims[i]);
		if (!ret && repeated_key(claims, i)) {
			GENL_SET_ERR_MSG(info, "repeated claim key");
			ret = -EINVAL;
		}
		i++;
		if (ret)
			break;
	}
	if (ret) {
		twi_workload_free_claims(claims, n);
		return ret;
	}
	*claimsp = claims;
	*n_claims = n;
	return 0;
}

static int parse_identifier(struct genl_info *info, char **identifier)
{
	const struct nlattr *a = info->attrs[TWI_A_WORKLOAD_IDENTIFIER];

	if (!a || !valid_uri(nla_data(a))) {
		GENL_SET_ERR_MSG(info, "the identifier must be a URI");
		return -EINVAL;
	}
	*identifier = nla_strdup(a, GFP_KERNEL);
	return *identifier ? 0 : -ENOMEM;
}

/**
 * twi_nl_workload_new() - TWI_CMD_WORKLOAD_NEW: register a workload
 * @skb: the request
 * @info: request info, attributes checked against twi_new_policy
 *
 * Context: process context, may sleep; the caller has CAP_NET_ADMIN.
 * Return: 0 or a negative errno, as listed in uapi/linux/twi.h.
 */
static int twi_nl_workload_new(struct sk_buff *skb, struct genl_info *info)
{
	struct twi_claim *claims = NULL;
	char *identifier = NULL;
	struct cgroup *cgrp;
	u32 n_claims = 0;
	int ret;

	ret = has_cgroup(info);
	if (ret)
		return ret;
	ret = parse_identifier(info, &identifier);
	if (ret)
		return ret;
	ret = parse_claims(info, &claims, &n_claims);
	if (ret)
		goto err_free_identifier;

	cgrp = get_cgroup(info);
	if (IS_ERR(cgrp)) {
		ret = PTR_ERR(cgrp);
		goto err_free_claims;
	}
	ret = twi_workload_new(cgrp, identifier, claims, n_claims);
	if (ret)
		goto err_put_cgroup;
	return 0;

err_put_cgroup:
	cgroup_put(cgrp);
err_free_claims:
	twi_workload_free_claims(claims, n_claims);
err_free_identifier:
	kfree(identifier);
	return ret;
}

/**
 * twi_nl_workload_del() - TWI_CMD_WORKLOAD_DEL: delete a workload
 * @skb: the request
 * @info: request info, attributes checked against twi_select_policy
 *
 * Context: process context, may sleep; the caller has CAP_NET_ADMIN.
 * Return: 0 or a negative errno, as listed in uapi/linux/twi.h.
 */
static int twi_nl_workload_del(struct sk_buff *skb, struct genl_info *info)
{
	struct twi_workload *w;
	u64 id;
	int ret;

	ret = has_cgroup(info);
	if (ret)
		return ret;
	w = get_workload(info);
	if (IS_ERR(w))
		return PTR_ERR(w);
	id = w->cgroup_id;
	twi_workload_put(w);
	return twi_workload_del(id);
}

static int put_claims(struct sk_buff *skb, const struct twi_workload *w)
{
	struct nlattr *nest;
	u32 i;

	for (i = 0; i < w->n_claims; i++) {
		nest = nla_nest_start(skb, TWI_A_WORKLOAD_CLAIM);
		if (!nest ||
		    nla_put_string(skb, TWI_A_CLAIM_KEY, w->claims[i].key) ||
		    nla_put_string(skb, TWI_A_CLAIM_VALUE, w->claims[i].value))
			return -EMSGSIZE;
		nla_nest_end(skb, nest);
	}
	return 0;
}

static int put_event(struct sk_buff *skb, const struct twi_event *ev)
{
	struct nlattr *nest;

	nest = nla_nest_start(skb, TWI_A_WORKLOAD_EVENT);
	if (!nest || nla_put_u32(skb, TWI_A_EVENT_TYPE, ev->type) ||
	    nla_put(skb, TWI_A_EVENT_DIGEST, TWI_DIGEST_LEN, ev->digest) ||
	    nla_put_string(skb, TWI_A_EVENT_DESCRIPTION, ev->desc))
		return -EMSGSIZE;
	nla_nest_end(skb, nest);
	return 0;
}

/* The log and its state, consistent with each other. */
static int put_log(struct sk_buff *skb, struct twi_workload *w, bool events)
{
	int ret = -EMSGSIZE;
	u32 i;

	mutex_lock(&w->lock);
	if (nla_put_u32(skb, TWI_A_WORKLOAD_FLAGS, w->flags) ||
	    nla_put_u32(skb, TWI_A_WORKLOAD_KEYS, w->n_keys) ||
	    nla_put_u32(skb, TWI_A_WORKLOAD_EVENTS, w->n_events) ||
	    nla_put(skb, TWI_A_WORKLOAD_LOG_DIGEST, TWI_DIGEST_LEN,
		    w->log_digest))
		goto out_unlock;
	for (i = 0; events && i < w->n_events; i++)
		if (put_event(skb, &w->events[i]))
			goto out_unlock;
	ret = 0;
out_unlock:
	mutex_unlock(&w->lock);
	return ret;
}

/* The cgroup's path in the caller's cgroup namespace, unless outside it. */
static int put_path(struct sk_buff *skb, const struct twi_workload *w,
		    char *buf)
{
	int len;

	len = cgroup_path_ns(w->cgrp, buf, PATH_MAX,
			     current->nsproxy->cgroup_ns);
	if (len < 0 || len >= PATH_MAX || !strncmp(buf, "/..", 3))
		return 0;
	return nla_put_string(skb, TWI_A_WORKLOAD_CGROUP_PATH, buf);
}

struct fill_args {
	u32 portid;
	u32 seq;
	int flags;
	bool events;
	char *path;
};

static int fill_workload(struct sk_buff *skb, struct twi_workload *w,
			 const struct fill_args *args)
{
	void *hdr;

	hdr = genlmsg_put(skb, args->portid, args->seq, &twi_genl_family,
			  args->flags, TWI_CMD_WORKLOAD_GET);
	if (!hdr)
		return -EMSGSIZE;
	if (nla_put_u64_64bit(skb, TWI_A_WORKLOAD_CGROUP_ID, w->cgroup_id,
			      TWI_A_WORKLOAD_PAD) ||
	    put_path(skb, w, args->path) ||
	    nla_put_string(skb, TWI_A_WORKLOAD_IDENTIFIER, w->identifier) ||
	    put_claims(skb, w) || put_log(skb, w, args->events)) {
		genlmsg_cancel(skb, hdr);
		return -EMSGSIZE;
	}
	genlmsg_end(skb, hdr);
	return 0;
}

/* An upper bound of a full TWI_CMD_WORKLOAD_GET reply. */
static size_t workload_size(const struct twi_workload *w)
{
	size_t size = nla_total_size_64bit(sizeof(u64)) +
		      nla_total_size(PATH_MAX) +
		      nla_total_size(strlen(w->identifier) + 1) +
		      3 * nla_total_size(sizeof(u32)) +
		      nla_total_size(TWI_DIGEST_LEN);
	u32 i;

	for (i = 0; i < w->n_claims; i++)
		size += nla_total_size(0) +
			nla_total_size(strlen(w->claims[i].key) + 1) +
			nla_total_size(strlen(w->claims[i].value) + 1);
	size += TWI_EVENTS_MAX * (nla_total_size(0) +
				  nla_total_size(sizeof(u32)) +
				  nla_total_size(TWI_DIGEST_LEN) +
				  nla_total_size(TWI_EVENT_DESC_MAX + 1));
	return size;
}

static int reply_workload(struct genl_info *info, struct twi_workload *w)
{
	struct fill_args args = {
		.portid = info->snd_portid,
		.seq = info->snd_seq,
		.events = true,
	};
	struct sk_buff *msg;
	int ret;

	msg = genlmsg_new(workload_size(w), GFP_KERNEL);
	args.path = kmalloc(PATH_MAX, GFP_KERNEL);
	ret = -ENOMEM;
	if (!msg || !args.path)
		goto err_free;
	ret = fill_workload(msg, w, &args);
	if (ret)
		goto err_free;
	kfree(args.path);
	return genlmsg_reply(msg, info);

err_free:
	kfree(args.path);
	nlmsg_free(msg);
	return ret;
}

/**
 * twi_nl_workload_get() - TWI_CMD_WORKLOAD_GET: one workload, with its log
 * @skb: the request
 * @info: request info, attributes checked against twi_select_policy
 *
 * Context: process context, may sleep; the caller has CAP_NET_ADMIN.
 * Return: 0 or a negative errno, as listed in uapi/linux/twi.h.
 */
static int twi_nl_workload_get(struct sk_buff *skb, struct genl_info *info)
{
	struct twi_workload *w;
	int ret;

	ret = has_cgroup(info);
	if (ret)
		return ret;
	w = get_workload(info);
	if (IS_ERR(w))
		return PTR_ERR(w);
	ret = reply_workload(info, w);
	twi_workload_put(w);
	return ret;
}

/* A dump takes no attributes. */
static int twi_nl_workload_dump_start(struct netlink_callback *cb)
{
	if (nlmsg_len(cb->nlh) > GENL_HDRLEN) {
		NL_SET_ERR_MSG(cb->extack, "a dump takes no attributes");
		return -EINVAL;
	}
	return 0;
}

/**
 * twi_nl_workload_dump() - TWI_CMD_WORKLOAD_GET dump: every workload
 * @skb: the reply being filled
 * @cb: args[0] is the cgroup id to resume from
 *
 * Workloads whose cgroup was removed are dropped on the way.
 *
 * Context: process context, may sleep; the caller has CAP_NET_ADMIN.
 * Return: the length of @skb, 0 at the end, or a negative errno.
 */
static int twi_nl_workload_dump(struct sk_buff *skb,
				struct netlink_callback *cb)
{
	struct fill_args args = {
		.portid = NETLINK_CB(cb->skb).portid,
		.seq = cb->nlh->nlmsg_seq,
		.flags = NLM_F_MULTI,
	};
	unsigned long index = cb->args[0];
	struct twi_workload *w;
	int ret = 0;

	args.path = kmalloc(PATH_MAX, GFP_KERNEL);
	if (!args.path)
		return -ENOMEM;
	while ((w = twi_workload_next(&index))) {
		if (twi_workload_gone(w))
			twi_workload_del(w->cgroup_id);
		else
			ret = fill_workload(skb, w, &args);
		twi_workload_put(w);
		if (ret)
			break;
		if (index == ULONG_MAX)
			break;
		index++;
	}
	kfree(args.path);
	cb->args[0] = index;
	if (ret && !skb->len)
		return ret;
	return skb->len;
}

static int parse_event(struct genl_info *info, struct twi_event *ev,
		       bool *seal)
{
	struct nlattr *tb[TWI_A_EVENT_MAX + 1];
	const struct nlattr *a = info->attrs[TWI_A_WORKLOAD_EVENT];
	int ret;

	if (count_attrs(info, TWI_A_WORKLOAD_EVENT) != 1) {
		GENL_SET_ERR_MSG(info, "give exactly one event");
		return -EINVAL;
	}
	ret = nla_parse_nested(tb, TWI_A_EVENT_MAX, a, twi_event_policy,
			       info->extack);
	if (ret)
		return ret;
	if (!tb[TWI_A_EVENT_TYPE] || !tb[TWI_A_EVENT_DIGEST]) {
		GENL_SET_ERR_MSG(info, "an event needs a type and a digest");
		return -EINVAL;
	}

	memset(ev, 0, sizeof(*ev));
	ev->type = nla_get_u32(tb[TWI_A_EVENT_TYPE]);
	nla_memcpy(ev->digest, tb[TWI_A_EVENT_DIGEST], TWI_DIGEST_LEN);
	if (tb[TWI_A_EVENT_DESCRIPTION])
		nla_strscpy(ev->desc, tb[TWI_A_EVENT_DESCRIPTION],
			    sizeof(ev->desc));
	if (!printable(ev->desc)) {
		GENL_SET_ERR_MSG(info, "the description must be printable");
		return -EINVAL;
	}
	ev->desc_len = strlen(ev->desc);
	*seal = tb[TWI_A_EVENT_FLAGS] &&
		(nla_get_u32(tb[TWI_A_EVENT_FLAGS]) & TWI_EVENT_F_SEAL);
	return 0;
}

/**
 * twi_nl_workload_measure() - TWI_CMD_WORKLOAD_MEASURE: extend a log
 * @skb: the request
 * @info: request info, attributes checked against twi_measure_policy
 *
 * Context: process context, may sleep; the caller has CAP_NET_ADMIN.
 * Return: 0 or a negative errno, as listed in uapi/linux/twi.h.
 */
static int twi_nl_workload_measure(struct sk_buff *skb,
				   struct genl_info *info)
{
	struct twi_workload *w;
	struct twi_event ev;
	bool seal;
	int ret;

	ret = has_cgroup(info);
	if (ret)
		return ret;
	ret = parse_event(info, &ev, &seal);
	if (ret)
		return ret;
	w = get_workload(info);
	if (IS_ERR(w))
		return PTR_ERR(w);
	ret = twi_workload_measure(w, &ev, seal);
	twi_workload_put(w);
	return ret;
}

static void notify(struct sk_buff *msg)
{
	genlmsg_multicast_netns(&twi_genl_family, &init_net, msg, 0,
				TWI_MCGRP_EVENTS, GFP_KERNEL);
}

static struct sk_buff *new_notification(u8 cmd, void **hdr)
{
	struct sk_buff *msg;

	if (!READ_ONCE(registered) ||
	    !genl_has_listeners(&twi_genl_family, &init_net, TWI_MCGRP_EVENTS))
		return NULL;
	msg = genlmsg_new(NLMSG_GOODSIZE, GFP_KERNEL);
	if (!msg)
		return NULL;
	*hdr = genlmsg_put(msg, 0, 0, &twi_genl_family, 0, cmd);
	if (!*hdr) {
		nlmsg_free(msg);
		return NULL;
	}
	return msg;
}

/**
 * twi_genl_notify_workload() - tell listeners a workload came or went
 * @cmd: TWI_CMD_WORKLOAD_NEW_NTF or TWI_CMD_WORKLOAD_DEL_NTF
 * @w: the workload
 *
 * Context: process context, may sleep.  Lost if memory is short.
 */
void twi_genl_notify_workload(u8 cmd, const struct twi_workload *w)
{
	struct sk_buff *msg;
	void *hdr;

	msg = new_notification(cmd, &hdr);
	if (!msg)
		return;
	if (nla_put_u64_64bit(msg, TWI_A_WORKLOAD_CGROUP_ID, w->cgroup_id,
			      TWI_A_WORKLOAD_PAD) ||
	    nla_put_string(msg, TWI_A_WORKLOAD_IDENTIFIER, w->identifier)) {
		nlmsg_free(msg);
		return;
	}
	genlmsg_end(msg, hdr);
	notify(msg);
}

/**
 * twi_genl_notify_key() - tell listeners a twi key came or went
 * @cmd: TWI_CMD_KEY_NEW or TWI_CMD_KEY_DEL
 * @serial: the key's serial number
 * @cgroup_id: its workload's cgroup
 *
 * Context: process context, may sleep.  Lost if memory is short.
 */
void twi_genl_notify_key(u8 cmd, u32 serial, u64 cgroup_id)
{
	struct sk_buff *msg;
	void *hdr;

	msg = new_notification(cmd, &hdr);
	if (!msg)
		return;
	if (nla_put_u32(msg, TWI_A_KEY_SERIAL, serial) ||
	    nla_put_u64_64bit(msg, TWI_A_KEY_CGROUP_ID, cgroup_id,
			      TWI_A_KEY_PAD)) {
		nlmsg_free(msg);
		return;
	}
	genlmsg_end(msg, hdr);
	notify(msg);
}

/* Evidence provider and key credentials */

static const struct nla_policy twi_register_policy[TWI_A_EVIDENCE_MAX + 1] = {
	[TWI_A_EVIDENCE_REQUEST_ID]	= { .type = NLA_REJECT },
	[TWI_A_EVIDENCE_REPORT_DATA]	= { .type = NLA_REJECT },
	[TWI_A_EVIDENCE_TEE]		= { .type = NLA_REJECT },
	[TWI_A_EVIDENCE_REPORT]		= { .type = NLA_REJECT },
	[TWI_A_EVIDENCE_AUX]		= { .type = NLA_REJECT },
	[TWI_A_EVIDENCE_ERROR]		= { .type = NLA_REJECT },
	[TWI_A_EVIDENCE_PAD]		= { .type = NLA_REJECT },
};

static const struct nla_policy twi_answer_policy[TWI_A_EVIDENCE_MAX + 1] = {
	[TWI_A_EVIDENCE_REQUEST_ID]	= { .type = NLA_U64 },
	[TWI_A_EVIDENCE_REPORT_DATA]	= { .type = NLA_REJECT },
	[TWI_A_EVIDENCE_TEE]		= NLA_POLICY_RANGE(NLA_U32, TWI_TEE_SNP,
							   TWI_TEE_MAX),
	[TWI_A_EVIDENCE_REPORT]		= { .type = NLA_BINARY,
					    .len = TWI_EVIDENCE_MAX },
	[TWI_A_EVIDENCE_AUX]		= { .type = NLA_BINARY,
					    .len = TWI_AUX_MAX },
	[TWI_A_EVIDENCE_ERROR]		= NLA_POLICY_RANGE(NLA_U32, 1, 4095),
	[TWI_A_EVIDENCE_PAD]		= { .type = NLA_REJECT },
};

#define TWI_KEY_REPLY_ONLY_POLICY					\
	[TWI_A_KEY_CGROUP_ID]		= { .type = NLA_REJECT },	\
	[TWI_A_KEY_PAD]			= { .type = NLA_REJECT },	\
	[TWI_A_KEY_STATEMENT]		= { .type = NLA_REJECT },	\
	[TWI_A_KEY_TEE]			= { .type = NLA_REJECT },	\
	[TWI_A_KEY_EVIDENCE]		= { .type = NLA_REJECT },	\
	[TWI_A_KEY_AUX]			= { .type = NLA_REJECT }

static const struct nla_policy twi_key_get_policy[TWI_A_KEY_MAX + 1] = {
	[TWI_A_KEY_SERIAL]		= { .type = NLA_U32 },
	TWI_KEY_REPLY_ONLY_POLICY,
	[TWI_A_KEY_NONCE]		= { .type = NLA_REJECT },
};

static const struct nla_policy twi_key_attest_policy[TWI_A_KEY_MAX + 1] = {
	[TWI_A_KEY_SERIAL]		= { .type = NLA_U32 },
	TWI_KEY_REPLY_ONLY_POLICY,
	[TWI_A_KEY_NONCE]		= { .type = NLA_BINARY,
					    .len = TWI_NONCE_MAX },
};

/**
 * twi_nl_provider_register() - TWI_CMD_PROVIDER_REGISTER
 * @skb: the request
 * @info: request info
 *
 * Context: process context; the caller has CAP_NET_ADMIN.
 * Return: 0, or -EBUSY if another socket is the provider.
 */
static int twi_nl_provider_register(struct sk_buff *skb,
				    struct genl_info *info)
{
	return twi_provider_register(genl_info_net(info), info->snd_portid);
}

/**
 * twi_nl_evidence_answer() - TWI_CMD_EVIDENCE_ANSWER
 * @skb: the request
 * @info: request info
 *
 * Context: process context; the caller has CAP_NET_ADMIN.
 * Return: 0 or a negative errno, as listed in uapi/linux/twi.h.
 */
static int twi_nl_evidence_answer(struct sk_buff *skb, struct genl_info *info)
{
	struct nlattr **a = info->attrs;
	struct twi_evidence ev = { };
	int error = 0;
	u64 id;
	int ret;

	if (!a[TWI_A_EVIDENCE_REQUEST_ID] ||
	    !a[TWI_A_EVIDENCE_REPORT] == !a[TWI_A_EVIDENCE_ERROR] ||
	    !a[TWI_A_EVIDENCE_REPORT] != !a[TWI_A_EVIDENCE_TEE] ||
	    (a[TWI_A_EVIDENCE_AUX] && !a[TWI_A_EVIDENCE_REPORT]) ||
	    (a[TWI_A_EVIDENCE_REPORT] && !nla_len(a[TWI_A_EVIDENCE_REPORT])))
		return -EINVAL;
	id = nla_get_u64(a[TWI_A_EVIDENCE_REQUEST_ID]);

	if (a[TWI_A_EVIDENCE_ERROR]) {
		error = -EIO;
	} else {
		ev.tee = nla_get_u32(a[TWI_A_EVIDENCE_TEE]);
		ev.report_len = nla_len(a[TWI_A_EVIDENCE_REPORT]);
		ev.report = kmemdup(nla_data(a[TWI_A_EVIDENCE_REPORT]),
				    ev.report_len, GFP_KERNEL);
		if (a[TWI_A_EVIDENCE_AUX] && nla_len(a[TWI_A_EVIDENCE_AUX])) {
			ev.aux_len = nla_len(a[TWI_A_EVIDENCE_AUX]);
			ev.aux = kmemdup(nla_data(a[TWI_A_EVIDENCE_AUX]),
					 ev.aux_len, GFP_KERNEL);
		}
		/* The request fails too: its creator need not time out. */
		if (!ev.report || (ev.aux_len && !ev.aux)) {
			twi_evidence_free(&ev);
			error = -ENOMEM;
		}
	}
	ret = twi_provider_answer(genl_info_net(info), info->snd_portid, id,
				  error, &ev);
	twi_evidence_free(&ev);
	return ret;
}

/**
 * twi_genl_send_request() - send the provider a TWI_CMD_EVIDENCE_REQUEST
 * @net: the provider's network namespace
 * @portid: its port id
 * @id: the request's id
 * @report_data: TWI_REPORT_DATA_LEN bytes
 *
 * Context: process context, may sleep.
 * Return: 0, or a negative errno if the message could not be delivered.
 */
int twi_genl_send_request(struct net *net, u32 portid, u64 id,
			  const u8 *report_data)
{
	struct sk_buff *msg;
	void *hdr;

	msg = genlmsg_new(nla_total_size_64bit(sizeof(u64)) +
			  nla_total_size(TWI_REPORT_DATA_LEN), GFP_KERNEL);
	if (!msg)
		return -ENOMEM;
	hdr = genlmsg_put(msg, 0, 0, &twi_genl_family, 0,
			  TWI_CMD_EVIDENCE_REQUEST);
	if (!hdr ||
	    nla_put_u64_64bit(msg, TWI_A_EVIDENCE_REQUEST_ID, id,
			      TWI_A_EVIDENCE_PAD) ||
	    nla_put(msg, TWI_A_EVIDENCE_REPORT_DATA, TWI_REPORT_DATA_LEN,
		    report_data)) {
		nlmsg_free(msg);
		return -EMSGSIZE;
	}
	genlmsg_end(msg, hdr);
	return genlmsg_unicast(net, msg, portid);
}

/* twi_key_credential()'s callback: the reply to KEY_GET and KEY_ATTEST. */
static int reply_credential(void *ctx, u32 serial, u64 cgroup_id,
			    const struct twi_credential *cred)
{
	struct genl_info *info = ctx;
	const struct twi_evidence *ev = &cred->ev;
	struct sk_buff *msg;
	void *hdr;

	msg = genlmsg_new(nla_total_size(sizeof(u32)) * 2 +
			  nla_total_size_64bit(sizeof(u64)) +
			  nla_total_size(cred->statement_len) +
			  nla_total_size(ev->report_len) +
			  nla_total_size(ev->aux_len), GFP_KERNEL);
	if (!msg)
		return -ENOMEM;
	hdr = genlmsg_put_reply(msg, info, &twi_genl_family, 0,
				info->genlhdr->cmd);
	if (!hdr ||
	    nla_put_u32(msg, TWI_A_KEY_SERIAL, serial) ||
	    nla_put_u64_64bit(msg, TWI_A_KEY_CGROUP_ID, cgroup_id,
			      TWI_A_KEY_PAD) ||
	    nla_put(msg, TWI_A_KEY_STATEMENT, cred->statement_len,
		    cred->statement) ||
	    nla_put_u32(msg, TWI_A_KEY_TEE, ev->tee) ||
	    (ev->report && nla_put(msg, TWI_A_KEY_EVIDENCE, ev->report_len,
				   ev->report)) ||
	    (ev->aux && nla_put(msg, TWI_A_KEY_AUX, ev->aux_len, ev->aux))) {
		nlmsg_free(msg);
		return -EMSGSIZE;
	}
	genlmsg_end(msg, hdr);
	return genlmsg_reply(msg, info);
}

/**
 * twi_nl_key_get() - TWI_CMD_KEY_GET and TWI_CMD_KEY_ATTEST
 * @skb: the request
 * @info: request info
 *
 * Context: process context, may sleep (TWI_CMD_KEY_ATTEST: up to the
 * evidence timeout; the family runs its handlers in parallel for this).
 * Return: 0 or a negative errno, as listed in uapi/linux/twi.h.
 */
static int twi_nl_key_get(struct sk_buff *skb, struct genl_info *info)
{
	struct nlattr **a = info->attrs;
	bool attest = info->genlhdr->cmd == TWI_CMD_KEY_ATTEST;
	const u8 *nonce = NULL;
	size_t nonce_len = 0;

	if (!a[TWI_A_KEY_SERIAL])
		return -EINVAL;
	if (a[TWI_A_KEY_NONCE]) {
		nonce = nla_data(a[TWI_A_KEY_NONCE]);
		nonce_len = nla_len(a[TWI_A_KEY_NONCE]);
		if (!nonce_len)
			return -EINVAL;
	}
	return twi_key_credential(nla_get_u32(a[TWI_A_KEY_SERIAL]), attest,
				  nonce, nonce_len, reply_credential, info);
}

static const struct genl_ops twi_genl_ops[] = {
	{
		.cmd		= TWI_CMD_GET_INFO,
		.doit		= twi_nl_get_info,
		.policy		= twi_info_policy,
		.maxattr	= TWI_A_INFO_MAX,
	},
	{
		.cmd		= TWI_CMD_WORKLOAD_NEW,
		.flags		= GENL_ADMIN_PERM,
		.doit		= twi_nl_workload_new,
		.policy		= twi_new_policy,
		.maxattr	= TWI_A_WORKLOAD_MAX,
	},
	{
		.cmd		= TWI_CMD_WORKLOAD_DEL,
		.flags		= GENL_ADMIN_PERM,
		.doit		= twi_nl_workload_del,
		.policy		= twi_select_policy,
		.maxattr	= TWI_A_WORKLOAD_MAX,
	},
	{
		.cmd		= TWI_CMD_WORKLOAD_GET,
		.flags		= GENL_ADMIN_PERM,
		.doit		= twi_nl_workload_get,
		.start		= twi_nl_workload_dump_start,
		.dumpit		= twi_nl_workload_dump,
		.policy		= twi_select_policy,
		.maxattr	= TWI_A_WORKLOAD_MAX,
	},
	{
		.cmd		= TWI_CMD_WORKLOAD_MEASURE,
		.flags		= GENL_ADMIN_PERM,
		.doit		= twi_nl_workload_measure,
		.policy		= twi_measure_policy,
		.maxattr	= TWI_A_WORKLOAD_MAX,
	},
	{
		.cmd		= TWI_CMD_PROVIDER_REGISTER,
		.flags		= GENL_ADMIN_PERM,
		.doit		= twi_nl_provider_register,
		.policy		= twi_register_policy,
		.maxattr	= TWI_A_EVIDENCE_MAX,
	},
	{
		.cmd		= TWI_CMD_EVIDENCE_ANSWER,
		.flags		= GENL_ADMIN_PERM,
		.doit		= twi_nl_evidence_answer,
		.policy		= twi_answer_policy,
		.maxattr	= TWI_A_EVIDENCE_MAX,
	},
	{
		.cmd		= TWI_CMD_KEY_GET,
		.doit		= twi_nl_key_get,
		.policy		= twi_key_get_policy,
		.maxattr	= TWI_A_KEY_MAX,
	},
	{
		.cmd		= TWI_CMD_KEY_ATTEST,
		.doit		= twi_nl_key_get,
		.policy		= twi_key_attest_policy,
		.maxattr	= TWI_A_KEY_MAX,
	},
};

static const struct genl_multicast_group twi_genl_mcgrps[] = {
	[TWI_MCGRP_EVENTS] = {
		.name	= TWI_GENL_MCGRP_EVENTS,
		.flags	= GENL_MCAST_CAP_NET_ADMIN,
	},
};

static struct genl_family twi_genl_family __ro_after_init = {
	.name		= TWI_GENL_NAME,
	.version	= TWI_GENL_VERSION,
	.netnsok	= true,
	/* TWI_CMD_KEY_ATTEST waits for the provider, which answers here */
	.parallel_ops	= true,
	.module		= THIS_MODULE,
	.ops		= twi_genl_ops,
	.n_ops		= ARRAY_SIZE(twi_genl_ops),
	.mcgrps		= twi_genl_mcgrps,
	.n_mcgrps	= ARRAY_SIZE(twi_genl_mcgrps),
};

/* The registry lives and dies with the family that manages it. */
int __init twi_genl_init(void)
{
	int ret;

	ret = twi_workload_init();
	if (ret)
		return ret;
	ret = genl_register_family(&twi_genl_family);
	if (ret)
		return ret;
	WRITE_ONCE(registered, true);
	return 0;
}

void twi_genl_exit(void)
{
	WRITE_ONCE(registered, false);
	genl_unregister_family(&twi_genl_family);
	twi_workload_exit();
}
MODULE_ALIAS_GENL_FAMILY(TWI_GENL_NAME);
