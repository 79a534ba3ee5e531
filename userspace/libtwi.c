// SPDX-License-Identifier: GPL-2.0
/*
 * libtwi: generic netlink requests to twi.ko over libnl-genl-3.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <netlink/netlink.h>
#include <netlink/genl/genl.h>
#include <netlink/genl/ctrl.h>
#include <linux/twi.h>

#include "libtwi.h"

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
