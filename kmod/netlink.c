// SPDX-License-Identifier: GPL-2.0
/*
 * The "twi" generic netlink family.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <net/genetlink.h>
#include <uapi/linux/twi.h>

#include "twi.h"

static struct genl_family twi_genl_family;

/**
 * twi_nl_get_info() - TWI_CMD_GET_INFO: report version and key count
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
	    nla_put_u32(msg, TWI_A_INFO_KEYS, twi_key_count()))
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
};

static const struct genl_ops twi_genl_ops[] = {
	{
		.cmd		= TWI_CMD_GET_INFO,
		.doit		= twi_nl_get_info,
		.policy		= twi_info_policy,
		.maxattr	= TWI_A_INFO_MAX,
	},
};

static struct genl_family twi_genl_family __ro_after_init = {
	.name		= TWI_GENL_NAME,
	.version	= TWI_GENL_VERSION,
	.netnsok	= true,
	.module		= THIS_MODULE,
	.ops		= twi_genl_ops,
	.n_ops		= ARRAY_SIZE(twi_genl_ops),
};

int __init twi_genl_init(void)
{
	return genl_register_family(&twi_genl_family);
}

void twi_genl_exit(void)
{
	genl_unregister_family(&twi_genl_family);
}
MODULE_ALIAS_GENL_FAMILY(TWI_GENL_NAME);
