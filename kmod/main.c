// SPDX-License-Identifier: GPL-2.0
/*
 * twi: Trustworthy Workload Identity for Linux confidential VMs.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/module.h>
#include <linux/init.h>
#include <uapi/linux/twi.h>

#include "twi.h"
#include "credential.h"

static int __init twi_init(void)
{
	int ret;

	ret = twi_key_init();
	if (ret)
		return ret;

	ret = twi_evidence_init();
	if (ret)
		goto err_key;

	ret = twi_genl_init();
	if (ret)
		goto err_evidence;

	pr_debug("version %s loaded\n", TWI_VERSION);
	return 0;

err_evidence:
	twi_evidence_exit();
err_key:
	twi_key_exit();
	return ret;
}

static void __exit twi_exit(void)
{
	/* first, so that no key creation waits on a provider any more */
	twi_evidence_exit();
	twi_genl_exit();
	twi_key_exit();
}

module_init(twi_init);
module_exit(twi_exit);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("Trustworthy Workload Identity: kernel-held workload keys");
MODULE_VERSION(TWI_VERSION);
