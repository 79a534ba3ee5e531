// SPDX-License-Identifier: GPL-2.0
/*
 * The test TEE as a configfs-tsm provider named "sev_guest", like the
 * sev-guest driver: outblob is the ATTESTATION_REPORT over inblob
 * (zero-padded to 64 bytes) at VMPL privlevel, auxblob the certificate
 * table, absent when none was loaded.
 */
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/tsm.h>

#include "tee.h"

static int report_new(struct tsm_report *report, void *data)
{
	u8 user_data[TEE_REPORT_DATA_SIZE] = { 0 };
	struct tsm_desc *desc = &report->desc;
	u8 *out, *aux;
	size_t aux_len;
	int ret;

	if (desc->inblob_len > sizeof(user_data))
		return -EINVAL;
	memcpy(user_data, desc->inblob, desc->inblob_len);
	out = kvzalloc(TEE_REPORT_SIZE, GFP_KERNEL);
	if (!out)
		return -ENOMEM;
	ret = twi_tee_report(user_data, desc->privlevel, out);
	if (!ret)
		ret = twi_tee_certs(&aux, &aux_len);
	if (ret) {
		kvfree(out);
		return ret;
	}
	report->outblob = out;
	report->outblob_len = TEE_REPORT_SIZE;
	report->auxblob = aux;
	report->auxblob_len = aux_len;
	return 0;
}

static bool attr_visible(int n)
{
	switch (n) {
	case TSM_REPORT_GENERATION:
	case TSM_REPORT_PROVIDER:
	case TSM_REPORT_PRIVLEVEL:
	case TSM_REPORT_PRIVLEVEL_FLOOR:
		return true;
	default:
		return false;
	}
}

static bool bin_attr_visible(int n)
{
	return n == TSM_REPORT_INBLOB || n == TSM_REPORT_OUTBLOB ||
	       n == TSM_REPORT_AUXBLOB;
}

static const struct tsm_ops tee_tsm_ops = {
	.name = "sev_guest",
	.report_new = report_new,
	.report_attr_visible = attr_visible,
	.report_bin_attr_visible = bin_attr_visible,
};

int twi_tee_tsm_init(void)
{
	return tsm_register(&tee_tsm_ops, NULL);
}

void twi_tee_tsm_exit(void)
{
	tsm_unregister(&tee_tsm_ops);
}
