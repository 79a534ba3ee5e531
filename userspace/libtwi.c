// SPDX-License-Identifier: GPL-2.0
/*
 * libtwi: generic netlink requests to twi.ko over libnl-genl-3.
 */
#include <errno.h>
#include <poll.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <netlink/netlink.h>
#include <netlink/genl/genl.h>
#include <netlink/genl/ctrl.h>
#include <linux/twi.h>

#include "libtwi.h"

/*
 * Replies of TWI_CMD_KEY_GET carry up to TWI_EVIDENCE_MAX + TWI_AUX_MAX
 * bytes besides the statement: receive whole messages of that size.
 */
#define TWI_NL_BUF_SIZE	(128 * 1024)

struct twi_nl {
	struct nl_sock *sock;
	int family;
};

/* The state of one request: its reply handler and the kernel's answer. */
struct request {
	int (*parse)(const struct nlmsghdr *nlh, void *arg);
	void *arg;
	int err;
	int done;
};

int twi_nl_open(struct twi_nl **nlp)
{
	struct twi_nl *nl;
	int ret;

	nl = calloc(1, sizeof(*nl));
	if (!nl)
		return -ENOMEM;
	nl->sock = nl_socket_alloc();
	if (!nl->sock) {
		free(nl);
		return -ENOMEM;
	}

	ret = genl_connect(nl->sock);
	if (ret < 0) {
		ret = errno ? -errno : -EIO;
		goto err_free;
	}
	if (nl_socket_set_msg_buf_size(nl->sock, TWI_NL_BUF_SIZE) < 0) {
		ret = -ENOMEM;
		goto err_free;
	}
	nl->family = genl_ctrl_resolve(nl->sock, TWI_GENL_NAME);
	if (nl->family < 0) {
		ret = -ENOENT;
		goto err_free;
	}

	*nlp = nl;
	return 0;

err_free:
	nl_socket_free(nl->sock);
	free(nl);
	return ret;
}

void twi_nl_close(struct twi_nl *nl)
{
	if (!nl)
		return;
	nl_socket_free(nl->sock);
	free(nl);
}

int twi_nl_family(const struct twi_nl *nl)
{
	return nl->family;
}

static int on_valid(struct nl_msg *msg, void *arg)
{
	struct request *req = arg;

	if (req->parse && !req->err)
		req->err = req->parse(nlmsg_hdr(msg), req->arg);
	return NL_OK;
}

static int on_error(struct sockaddr_nl *nla, struct nlmsgerr *err, void *arg)
{
	struct request *req = arg;

	req->err = err->error;
	req->done = 1;
	return NL_STOP;
}

static int on_ack(struct nl_msg *msg, void *arg)
{
	struct request *req = arg;

	req->done = 1;
	return NL_STOP;
}

/* Send @msg (consumed) and wait for its ack, passing replies to @req. */
static int transact(struct twi_nl *nl, struct nl_msg *msg, struct request *req)
{
	struct nl_cb *cb;
	int ret;

	cb = nl_cb_alloc(NL_CB_DEFAULT);
	if (!cb) {
		nlmsg_free(msg);
		return -ENOMEM;
	}
	nl_cb_set(cb, NL_CB_VALID, NL_CB_CUSTOM, on_valid, req);
	nl_cb_set(cb, NL_CB_ACK, NL_CB_CUSTOM, on_ack, req);
	nl_cb_err(cb, NL_CB_CUSTOM, on_error, req);

	ret = nl_send_auto(nl->sock, msg);
	nlmsg_free(msg);
	while (ret >= 0 && !req->done)
		ret = nl_recvmsgs(nl->sock, cb);
	nl_cb_put(cb);

	if (ret < 0 && !req->err)
		return -EIO;
	return req->err;
}

struct nl_msg *twi_nl_msg(const struct twi_nl *nl, uint8_t cmd)
{
	struct nl_msg *msg;

	msg = nlmsg_alloc();
	if (!msg)
		return NULL;
	if (!genlmsg_put(msg, NL_AUTO_PORT, NL_AUTO_SEQ, nl->family, 0,
			 NLM_F_ACK, cmd, TWI_GENL_VERSION)) {
		nlmsg_free(msg);
		return NULL;
	}
	return msg;
}

int twi_nl_send(struct twi_nl *nl, struct nl_msg *msg)
{
	struct request req = { 0 };

	return transact(nl, msg, &req);
}

int twi_parse_info(const struct nlmsghdr *nlh, struct twi_info *info)
{
	struct nlattr *tb[TWI_A_INFO_MAX + 1];
	int ret;

	ret = genlmsg_parse((struct nlmsghdr *)nlh, 0, tb, TWI_A_INFO_MAX, NULL);
	if (ret < 0)
		return -EBADMSG;
	if (!tb[TWI_A_INFO_VERSION] || !tb[TWI_A_INFO_KEYS] ||
	    nla_len(tb[TWI_A_INFO_KEYS]) != sizeof(uint32_t))
		return -EBADMSG;

	memset(info, 0, sizeof(*info));
	nla_strlcpy(info->version, tb[TWI_A_INFO_VERSION],
		    sizeof(info->version));
	info->keys = nla_get_u32(tb[TWI_A_INFO_KEYS]);
	if (tb[TWI_A_INFO_WORKLOADS] &&
	    nla_len(tb[TWI_A_INFO_WORKLOADS]) == sizeof(uint32_t))
		info->workloads = nla_get_u32(tb[TWI_A_INFO_WORKLOADS]);
	return 0;
}

static int parse_info(const struct nlmsghdr *nlh, void *arg)
{
	return twi_parse_info(nlh, arg);
}

int twi_nl_get_info(struct twi_nl *nl, struct twi_info *info)
{
	struct request req = { .parse = parse_info, .arg = info };
	struct nl_msg *msg;

	msg = twi_nl_msg(nl, TWI_CMD_GET_INFO);
	if (!msg)
		return -ENOMEM;
	return transact(nl, msg, &req);
}

/* Workloads */

static int finish(struct nl_msg *msg, void *arg)
{
	struct request *req = arg;

	req->done = 1;
	return NL_STOP;
}

int twi_put_cgroup(struct nl_msg *msg, const struct twi_cgroup *cg)
{
	static const char mount[] = "/sys/fs/cgroup";
	const char *path = cg->path;

	if (!path)
		return nla_put_u64(msg, TWI_A_WORKLOAD_CGROUP_ID, cg->id);
	if (!strncmp(path, mount, strlen(mount)) &&
	    (path[strlen(mount)] == '/' || !path[strlen(mount)]))
		path += strlen(mount);
	return nla_put_string(msg, TWI_A_WORKLOAD_CGROUP_PATH,
			      *path ? path : "/");
}

static int put_claims(struct nl_msg *msg, const struct twi_claim *claims,
		      uint32_t n_claims)
{
	struct nlattr *nest;
	uint32_t i;

	for (i = 0; i < n_claims; i++) {
		nest = nla_nest_start(msg, TWI_A_WORKLOAD_CLAIM | NLA_F_NESTED);
		if (!nest ||
		    nla_put_string(msg, TWI_A_CLAIM_KEY, claims[i].key) ||
		    nla_put_string(msg, TWI_A_CLAIM_VALUE, claims[i].value))
			return -EMSGSIZE;
		nla_nest_end(msg, nest);
	}
	return 0;
}

int twi_workload_add(struct twi_nl *nl, const struct twi_cgroup *cg,
		     const char *identifier, const struct twi_claim *claims,
		     uint32_t n_claims)
{
	struct nl_msg *msg;

	msg = twi_nl_msg(nl, TWI_CMD_WORKLOAD_NEW);
	if (!msg)
		return -ENOMEM;
	if (twi_put_cgroup(msg, cg) ||
	    nla_put_string(msg, TWI_A_WORKLOAD_IDENTIFIER, identifier) ||
	    put_claims(msg, claims, n_claims)) {
		nlmsg_free(msg);
		return -EMSGSIZE;
	}
	return twi_nl_send(nl, msg);
}

int twi_workload_del(struct twi_nl *nl, const struct twi_cgroup *cg)
{
	struct nl_msg *msg;

	msg = twi_nl_msg(nl, TWI_CMD_WORKLOAD_DEL);
	if (!msg)
		return -ENOMEM;
	if (twi_put_cgroup(msg, cg)) {
		nlmsg_free(msg);
		return -EMSGSIZE;
	}
	return twi_nl_send(nl, msg);
}

int twi_workload_measure(struct twi_nl *nl, const struct twi_cgroup *cg,
			 const struct twi_log_event *ev, uint32_t flags)
{
	struct nlattr *nest;
	struct nl_msg *msg;

	msg = twi_nl_msg(nl, TWI_CMD_WORKLOAD_MEASURE);
	if (!msg)
		return -ENOMEM;
	if (twi_put_cgroup(msg, cg))
		goto err_size;
	nest = nla_nest_start(msg, TWI_A_WORKLOAD_EVENT | NLA_F_NESTED);
	if (!nest || nla_put_u32(msg, TWI_A_EVENT_TYPE, ev->type) ||
	    nla_put(msg, TWI_A_EVENT_DIGEST, TWI_DIGEST_LEN, ev->digest) ||
	    nla_put_string(msg, TWI_A_EVENT_DESCRIPTION, ev->description) ||
	    (flags && nla_put_u32(msg, TWI_A_EVENT_FLAGS, flags)))
		goto err_size;
	nla_nest_end(msg, nest);
	return twi_nl_send(nl, msg);

err_size:
	nlmsg_free(msg);
	return -EMSGSIZE;
}

static int parse_claim(struct nlattr *a, struct twi_claim *claim)
{
	struct nlattr *tb[TWI_A_CLAIM_MAX + 1];

	if (nla_parse_nested(tb, TWI_A_CLAIM_MAX, a, NULL) < 0 ||
	    !tb[TWI_A_CLAIM_KEY] || !tb[TWI_A_CLAIM_VALUE])
		return -EBADMSG;
	nla_strlcpy(claim->key, tb[TWI_A_CLAIM_KEY], sizeof(claim->key));
	nla_strlcpy(claim->value, tb[TWI_A_CLAIM_VALUE], sizeof(claim->value));
	return 0;
}

static int parse_event(struct nlattr *a, struct twi_log_event *ev)
{
	struct nlattr *tb[TWI_A_EVENT_MAX + 1];

	if (nla_parse_nested(tb, TWI_A_EVENT_MAX, a, NULL) < 0 ||
	    !tb[TWI_A_EVENT_TYPE] || !tb[TWI_A_EVENT_DIGEST] ||
	    nla_len(tb[TWI_A_EVENT_TYPE]) != sizeof(uint32_t) ||
	    nla_len(tb[TWI_A_EVENT_DIGEST]) != TWI_DIGEST_LEN)
		return -EBADMSG;
	ev->type = nla_get_u32(tb[TWI_A_EVENT_TYPE]);
	memcpy(ev->digest, nla_data(tb[TWI_A_EVENT_DIGEST]), TWI_DIGEST_LEN);
	ev->description[0] = '\0';
	if (tb[TWI_A_EVENT_DESCRIPTION])
		nla_strlcpy(ev->description, tb[TWI_A_EVENT_DESCRIPTION],
			    sizeof(ev->description));
	return 0;
}

/* The repeated nests of a reply: claims and events. */
static int parse_repeated(const struct nlmsghdr *nlh,
			  struct twi_workload_info *info)
{
	struct nlattr *a;
	int rem, ret = 0;

	nlmsg_for_each_attr(a, (struct nlmsghdr *)nlh, GENL_HDRLEN, rem) {
		if (nla_type(a) == TWI_A_WORKLOAD_CLAIM) {
			if (info->n_claims >= TWI_CLAIMS_MAX)
				return -EBADMSG;
			ret = parse_claim(a, &info->claims[info->n_claims++]);
		} else if (nla_type(a) == TWI_A_WORKLOAD_EVENT) {
			if (info->n_log >= TWI_EVENTS_MAX)
				return -EBADMSG;
			ret = parse_event(a, &info->log[info->n_log++]);
		}
		if (ret)
			return ret;
	}
	return 0;
}

static int u32_attr(struct nlattr *a, uint32_t *v)
{
	if (!a || nla_len(a) != sizeof(uint32_t))
		return -EBADMSG;
	*v = nla_get_u32(a);
	return 0;
}

int twi_parse_workload(const struct nlmsghdr *nlh,
		       struct twi_workload_info *info)
{
	struct nlattr *tb[TWI_A_WORKLOAD_MAX + 1];
	struct nlattr *digest;

	if (genlmsg_parse((struct nlmsghdr *)nlh, 0, tb, TWI_A_WORKLOAD_MAX,
			  NULL) < 0)
		return -EBADMSG;
	digest = tb[TWI_A_WORKLOAD_LOG_DIGEST];
	if (!tb[TWI_A_WORKLOAD_CGROUP_ID] || !tb[TWI_A_WORKLOAD_IDENTIFIER] ||
	    nla_len(tb[TWI_A_WORKLOAD_CGROUP_ID]) != sizeof(uint64_t) ||
	    !digest || nla_len(digest) != TWI_DIGEST_LEN)
		return -EBADMSG;

	/* The claims and the log are filled as far as their counts say. */
	memset(info, 0, offsetof(struct twi_workload_info, claims));
	info->n_log = 0;
	info->cgroup_id = nla_get_u64(tb[TWI_A_WORKLOAD_CGROUP_ID]);
	if (tb[TWI_A_WORKLOAD_CGROUP_PATH])
		nla_strlcpy(info->cgroup_path, tb[TWI_A_WORKLOAD_CGROUP_PATH],
			    sizeof(info->cgroup_path));
	nla_strlcpy(info->identifier, tb[TWI_A_WORKLOAD_IDENTIFIER],
		    sizeof(info->identifier));
	memcpy(info->log_digest, nla_data(digest), TWI_DIGEST_LEN);
	if (u32_attr(tb[TWI_A_WORKLOAD_FLAGS], &info->flags) ||
	    u32_attr(tb[TWI_A_WORKLOAD_KEYS], &info->keys) ||
	    u32_attr(tb[TWI_A_WORKLOAD_EVENTS], &info->n_events))
		return -EBADMSG;
	return parse_repeated(nlh, info);
}

static int parse_workload(const struct nlmsghdr *nlh, void *arg)
{
	return twi_parse_workload(nlh, arg);
}

int twi_workload_get(struct twi_nl *nl, const struct twi_cgroup *cg,
		     struct twi_workload_info *info)
{
	struct request req = { .parse = parse_workload, .arg = info };
	struct nl_msg *msg;

	msg = twi_nl_msg(nl, TWI_CMD_WORKLOAD_GET);
	if (!msg)
		return -ENOMEM;
	if (twi_put_cgroup(msg, cg)) {
		nlmsg_free(msg);
		return -EMSGSIZE;
	}
	return transact(nl, msg, &req);
}

struct list_state {
	int (*fn)(const struct twi_workload_info *info, void *arg);
	void *arg;
	struct twi_workload_info info;
};

static int list_one(const struct nlmsghdr *nlh, void *arg)
{
	struct list_state *st = arg;
	int ret;

	ret = twi_parse_workload(nlh, &st->info);
	return ret ? ret : st->fn(&st->info, st->arg);
}

int twi_workload_list(struct twi_nl *nl,
		      int (*fn)(const struct twi_workload_info *info, void *arg),
		      void *arg)
{
	struct list_state *st;
	struct request req = { .parse = list_one };
	struct nl_msg *msg;
	struct nl_cb *cb;
	int ret;

	st = calloc(1, sizeof(*st));
	msg = nlmsg_alloc();
	cb = nl_cb_alloc(NL_CB_DEFAULT);
	ret = -ENOMEM;
	if (!st || !msg || !cb ||
	    !genlmsg_put(msg, NL_AUTO_PORT, NL_AUTO_SEQ, nl->family, 0,
			 NLM_F_DUMP, TWI_CMD_WORKLOAD_GET, TWI_GENL_VERSION))
		goto out;
	st->fn = fn;
	st->arg = arg;
	req.arg = st;
	nl_cb_set(cb, NL_CB_VALID, NL_CB_CUSTOM, on_valid, &req);
	nl_cb_set(cb, NL_CB_FINISH, NL_CB_CUSTOM, finish, &req);
	nl_cb_err(cb, NL_CB_CUSTOM, on_error, &req);

	ret = nl_send_auto(nl->sock, msg);
	while (ret >= 0 && !req.done)
		ret = nl_recvmsgs(nl->sock, cb);
	ret = req.err ? req.err : (ret < 0 ? -EIO : 0);
out:
	nl_cb_put(cb);
	nlmsg_free(msg);
	free(st);
	return ret;
}

/* CLI helpers */

int twi_parse_claim_arg(const char *arg, struct twi_claim *claim)
{
	const char *eq = strchr(arg, '=');
	size_t klen;

	if (!eq || eq == arg)
		return -EINVAL;
	klen = eq - arg;
	if (klen > TWI_CLAIM_KEY_MAX || strlen(eq + 1) > TWI_CLAIM_VALUE_MAX)
		return -E2BIG;
	memcpy(claim->key, arg, klen);
	claim->key[klen] = '\0';
	strcpy(claim->value, eq + 1);
	return 0;
}

static const char *const event_types[] = {
	[TWI_EVENT_IMAGE] = "image",
	[TWI_EVENT_CONFIG] = "config",
	[TWI_EVENT_FILE] = "file",
	[TWI_EVENT_OTHER] = "other",
};

const char *twi_event_type_name(uint32_t type)
{
	if (type < 1 || type > TWI_EVENT_MAX)
		return "unknown";
	return event_types[type];
}

int twi_event_type_parse(const char *name, uint32_t *type)
{
	uint32_t i;

	for (i = 1; i <= TWI_EVENT_MAX; i++) {
		if (!strcmp(name, event_types[i])) {
			*type = i;
			return 0;
		}
	}
	return -EINVAL;
}

/* Notifications */

int twi_nl_open_events(struct twi_nl **nlp)
{
	struct twi_nl *nl;
	int grp, ret;

	ret = twi_nl_open(&nl);
	if (ret)
		return ret;
	grp = genl_ctrl_resolve_grp(nl->sock, TWI_GENL_NAME,
				    TWI_GENL_MCGRP_EVENTS);
	if (grp < 0) {
		ret = -ENOENT;
		goto err_close;
	}
	nl_socket_disable_seq_check(nl->sock);
	ret = nl_socket_add_membership(nl->sock, grp);
	if (ret < 0) {
		ret = errno ? -errno : -EPERM;
		goto err_close;
	}
	*nlp = nl;
	return 0;

err_close:
	twi_nl_close(nl);
	return ret;
}

static int parse_notification(const struct nlmsghdr *nlh, void *arg)
{
	const struct genlmsghdr *gh = nlmsg_data(nlh);
	struct twi_notification *n = arg;
	struct nlattr *tb[TWI_A_WORKLOAD_MAX + 1];

	memset(n, 0, sizeof(*n));
	n->cmd = gh->cmd;
	if (genlmsg_parse((struct nlmsghdr *)nlh, 0, tb, TWI_A_WORKLOAD_MAX,
			  NULL) < 0)
		return -EBADMSG;
	if (n->cmd == TWI_CMD_KEY_NEW || n->cmd == TWI_CMD_KEY_DEL) {
		if (!tb[TWI_A_KEY_SERIAL] || !tb[TWI_A_KEY_CGROUP_ID])
			return -EBADMSG;
		n->key_serial = nla_get_u32(tb[TWI_A_KEY_SERIAL]);
		n->cgroup_id = nla_get_u64(tb[TWI_A_KEY_CGROUP_ID]);
		return 0;
	}
	if (!tb[TWI_A_WORKLOAD_CGROUP_ID] || !tb[TWI_A_WORKLOAD_IDENTIFIER])
		return -EBADMSG;
	n->cgroup_id = nla_get_u64(tb[TWI_A_WORKLOAD_CGROUP_ID]);
	nla_strlcpy(n->identifier, tb[TWI_A_WORKLOAD_IDENTIFIER],
		    sizeof(n->identifier));
	return 0;
}

static int no_seq_check(struct nl_msg *msg, void *arg)
{
	return NL_OK;
}

static int got_notification(struct nl_msg *msg, void *arg)
{
	struct request *req = arg;

	req->err = parse_notification(nlmsg_hdr(msg), req->arg);
	req->done = 1;
	return NL_STOP;
}

int twi_nl_next_notification(struct twi_nl *nl, struct twi_notification *n,
			     int timeout_ms)
{
	struct request req = { .arg = n };
	struct pollfd pfd = {
		.fd = nl_socket_get_fd(nl->sock),
		.events = POLLIN,
	};
	struct nl_cb *cb;
	int ret;

	ret = poll(&pfd, 1, timeout_ms);
	if (ret < 0)
		return -errno;
	if (!ret)
		return -ETIMEDOUT;
	cb = nl_cb_alloc(NL_CB_DEFAULT);
	if (!cb)
		return -ENOMEM;
	nl_cb_set(cb, NL_CB_VALID, NL_CB_CUSTOM, got_notification, &req);
	nl_cb_set(cb, NL_CB_SEQ_CHECK, NL_CB_CUSTOM, no_seq_check, NULL);
	ret = nl_recvmsgs(nl->sock, cb);
	nl_cb_put(cb);
	if (ret < 0)
		return -EIO;
	return req.done ? req.err : -EAGAIN;
}

/* Key credentials */

static int copy_attr(const struct nlattr *a, uint8_t **buf, size_t *len)
{
	*buf = NULL;
	*len = 0;
	if (!a)
		return 0;
	*len = nla_len(a);
	*buf = malloc(*len ? *len : 1);
	if (!*buf)
		return -ENOMEM;
	memcpy(*buf, nla_data(a), *len);
	return 0;
}

void twi_key_credential_free(struct twi_key_credential *kc)
{
	free(kc->statement);
	free(kc->evidence);
	free(kc->aux);
	memset(kc, 0, sizeof(*kc));
}

int twi_parse_key_credential(const struct nlmsghdr *nlh,
			     struct twi_key_credential *kc)
{
	struct nlattr *tb[TWI_A_KEY_MAX + 1];
	int ret;

	twi_key_credential_free(kc);
	if (genlmsg_parse((struct nlmsghdr *)nlh, 0, tb, TWI_A_KEY_MAX,
			  NULL) < 0)
		return -EBADMSG;
	if (u32_attr(tb[TWI_A_KEY_SERIAL], &kc->serial) ||
	    u32_attr(tb[TWI_A_KEY_TEE], &kc->tee) ||
	    !tb[TWI_A_KEY_CGROUP_ID] ||
	    nla_len(tb[TWI_A_KEY_CGROUP_ID]) != sizeof(uint64_t) ||
	    !tb[TWI_A_KEY_STATEMENT] || !nla_len(tb[TWI_A_KEY_STATEMENT]))
		return -EBADMSG;
	kc->cgroup_id = nla_get_u64(tb[TWI_A_KEY_CGROUP_ID]);

	ret = copy_attr(tb[TWI_A_KEY_STATEMENT], &kc->statement,
			&kc->statement_len);
	if (!ret)
		ret = copy_attr(tb[TWI_A_KEY_EVIDENCE], &kc->evidence,
				&kc->evidence_len);
	if (!ret)
		ret = copy_attr(tb[TWI_A_KEY_AUX], &kc->aux, &kc->aux_len);
	if (ret)
		twi_key_credential_free(kc);
	return ret;
}

static int parse_key_credential(const struct nlmsghdr *nlh, void *arg)
{
	struct twi_key_credential *kc = arg;
	uint32_t serial = kc->serial;
	int ret;

	ret = twi_parse_key_credential(nlh, kc);
	if (!ret && kc->serial != serial)
		ret = -EBADMSG;
	return ret;
}

static int key_request(struct twi_nl *nl, uint8_t cmd, uint32_t serial,
		       const uint8_t *nonce, size_t nonce_len,
		       struct twi_key_credential *kc)
{
	struct request req = { .parse = parse_key_credential, .arg = kc };
	struct nl_msg *msg;
	int ret;

	memset(kc, 0, sizeof(*kc));
	kc->serial = serial;
	msg = twi_nl_msg(nl, cmd);
	if (!msg)
		return -ENOMEM;
	if (nla_put_u32(msg, TWI_A_KEY_SERIAL, serial) ||
	    (nonce_len && nla_put(msg, TWI_A_KEY_NONCE, nonce_len, nonce))) {
		nlmsg_free(msg);
		return -EMSGSIZE;
	}
	ret = transact(nl, msg, &req);
	if (!ret && !kc->statement)
		ret = -EBADMSG;
	if (ret)
		twi_key_credential_free(kc);
	return ret;
}

int twi_key_get(struct twi_nl *nl, uint32_t serial,
		struct twi_key_credential *kc)
{
	return key_request(nl, TWI_CMD_KEY_GET, serial, NULL, 0, kc);
}

int twi_key_attest(struct twi_nl *nl, uint32_t serial, const uint8_t *nonce,
		   size_t nonce_len, struct twi_key_credential *kc)
{
	return key_request(nl, TWI_CMD_KEY_ATTEST, serial, nonce, nonce_len,
			   kc);
}

/* The evidence provider */

int twi_provider_register(struct twi_nl *nl)
{
	struct nl_msg *msg;
	int ret;

	msg = twi_nl_msg(nl, TWI_CMD_PROVIDER_REGISTER);
	if (!msg)
		return -ENOMEM;
	ret = twi_nl_send(nl, msg);
	if (ret)
		return ret;
	/* requests come with the kernel's sequence numbers */
	nl_socket_disable_seq_check(nl->sock);
	if (nl_socket_set_nonblocking(nl->sock) < 0)
		return -errno;
	return 0;
}

int twi_provider_fd(const struct twi_nl *nl)
{
	return nl_socket_get_fd(nl->sock);
}

int twi_parse_evidence_request(const struct nlmsghdr *nlh,
			       struct twi_evidence_request *req)
{
	const struct genlmsghdr *gh = nlmsg_data(nlh);
	struct nlattr *tb[TWI_A_EVIDENCE_MAX + 1];
	struct nlattr *rd;

	if (gh->cmd != TWI_CMD_EVIDENCE_REQUEST ||
	    genlmsg_parse((struct nlmsghdr *)nlh, 0, tb, TWI_A_EVIDENCE_MAX,
			  NULL) < 0)
		return -EBADMSG;
	rd = tb[TWI_A_EVIDENCE_REPORT_DATA];
	if (!tb[TWI_A_EVIDENCE_REQUEST_ID] ||
	    nla_len(tb[TWI_A_EVIDENCE_REQUEST_ID]) != sizeof(uint64_t) ||
	    !rd || nla_len(rd) != TWI_REPORT_DATA_LEN)
		return -EBADMSG;
	req->id = nla_get_u64(tb[TWI_A_EVIDENCE_REQUEST_ID]);
	memcpy(req->report_data, nla_data(rd), TWI_REPORT_DATA_LEN);
	return 0;
}

struct provider_state {
	const struct twi_provider_ops *ops;
	void *arg;
	int family;
};

static int provider_valid(struct nl_msg *msg, void *arg)
{
	struct provider_state *ps = arg;
	struct nlmsghdr *nlh = nlmsg_hdr(msg);
	struct twi_evidence_request req;

	if (nlh->nlmsg_type != ps->family)
		return NL_OK;
	if (twi_parse_evidence_request(nlh, &req)) {
		if (ps->ops->malformed)
			ps->ops->malformed(ps->arg);
		return NL_OK;
	}
	ps->ops->request(&req, ps->arg);
	return NL_OK;
}

static int provider_ack(struct nl_msg *msg, void *arg)
{
	struct provider_state *ps = arg;

	if (ps->ops->answered)
		ps->ops->answered(nlmsg_hdr(msg)->nlmsg_seq, 0, ps->arg);
	return NL_OK;
}

static int provider_error(struct sockaddr_nl *nla, struct nlmsgerr *err,
			  void *arg)
{
	struct provider_state *ps = arg;

	if (ps->ops->answered)
		ps->ops->answered(err->msg.nlmsg_seq, err->error, ps->arg);
	return NL_OK;
}

int twi_provider_receive(struct twi_nl *nl, const struct twi_provider_ops *ops,
			 void *arg)
{
	struct provider_state ps = {
		.ops = ops, .arg = arg, .family = nl->family,
	};
	struct nl_cb *cb;
	int ret;

	cb = nl_cb_alloc(NL_CB_DEFAULT);
	if (!cb)
		return -ENOMEM;
	nl_cb_set(cb, NL_CB_VALID, NL_CB_CUSTOM, provider_valid, &ps);
	nl_cb_set(cb, NL_CB_ACK, NL_CB_CUSTOM, provider_ack, &ps);
	nl_cb_set(cb, NL_CB_SEQ_CHECK, NL_CB_CUSTOM, no_seq_check, NULL);
	nl_cb_err(cb, NL_CB_CUSTOM, provider_error, &ps);
	do {
		ret = nl_recvmsgs(nl->sock, cb);
	} while (ret >= 0);
	nl_cb_put(cb);
	if (ret == -NLE_AGAIN)
		return 0;
	return ret == -NLE_NOMEM ? -ENOBUFS : -EIO;
}

static int send_answer(struct twi_nl *nl, struct nl_msg *msg, uint32_t *seq)
{
	int ret;

	ret = nl_send_auto(nl->sock, msg);
	if (ret >= 0 && seq)
		*seq = nlmsg_hdr(msg)->nlmsg_seq;
	nlmsg_free(msg);
	return ret < 0 ? -EIO : 0;
}

int twi_evidence_answer(struct twi_nl *nl, uint64_t id,
			const struct twi_evidence *ev, uint32_t *seq)
{
	struct nl_msg *msg;

	msg = nlmsg_alloc_size(ev->report_len + ev->aux_len + 4096);
	if (!msg)
		return -ENOMEM;
	if (!genlmsg_put(msg, NL_AUTO_PORT, NL_AUTO_SEQ, nl->family, 0,
			 NLM_F_ACK, TWI_CMD_EVIDENCE_ANSWER, TWI_GENL_VERSION) ||
	    nla_put_u64(msg, TWI_A_EVIDENCE_REQUEST_ID, id) ||
	    nla_put_u32(msg, TWI_A_EVIDENCE_TEE, ev->tee) ||
	    nla_put(msg, TWI_A_EVIDENCE_REPORT, ev->report_len, ev->report) ||
	    (ev->aux && nla_put(msg, TWI_A_EVIDENCE_AUX, ev->aux_len, ev->aux)))
		goto err_size;
	return send_answer(nl, msg, seq);

err_size:
	nlmsg_free(msg);
	return -EMSGSIZE;
}

int twi_evidence_refuse(struct twi_nl *nl, uint64_t id, int err,
			uint32_t *seq)
{
	struct nl_msg *msg;

	msg = twi_nl_msg(nl, TWI_CMD_EVIDENCE_ANSWER);
	if (!msg)
		return -ENOMEM;
	if (nla_put_u64(msg, TWI_A_EVIDENCE_REQUEST_ID, id) ||
	    nla_put_u32(msg, TWI_A_EVIDENCE_ERROR, err < 0 ? -err : err)) {
		nlmsg_free(msg);
		return -EMSGSIZE;
	}
	return send_answer(nl, msg, seq);
}
