// SPDX-License-Identifier: GPL-2.0
/*
 * The test TEE as a configfs-tsm provider.
 *
 * "sev_guest", like the sev-guest driver: outblob is the ATTESTATION_REPORT
 * over inblob (zero-padded to 64 bytes) at VMPL privlevel, auxblob the
 * certificate table, absent when none was loaded.
 *
 * "tdx_guest", like the tdx-guest driver: inblob must be exactly the 64
 * bytes of REPORTDATA, outblob is a TD quote, no privlevel and no auxblob.
 * The quote is a shell: a version 4 header (ECDSA P-256 attestation key,
 * TEE type 0x81, Intel's QE vendor id) and a TD 1.0 body whose REPORTDATA
 * is inblob and whose MRTD is the test platform's launch digest, followed
 * by empty signature data.  No verifier accepts it; it lets twid's TDX
 * path and twi.ko's quote check run in a VM without TDX.
 */
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/tsm.h>

#include "tee.h"
#include "twi_ecdsa.h"

static int sev_report_new(struct tsm_report *report, void *data)
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

static bool sev_attr_visible(int n)
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

static bool sev_bin_attr_visible(int n)
{
	return n == TSM_REPORT_INBLOB || n == TSM_REPORT_OUTBLOB ||
	       n == TSM_REPORT_AUXBLOB;
}

static const struct tsm_ops sev_ops = {
	.name = "sev_guest",
	.report_new = sev_report_new,
	.report_attr_visible = sev_attr_visible,
	.report_bin_attr_visible = sev_bin_attr_visible,
};

/* TD quote version 4 header and TD 1.0 body fields (Intel TDX DCAP). */
enum {
	TDX_QUOTE_VERSION = 4,
	TDX_ATT_KEY_ECDSA_P256 = 2,
	TDX_TEE_TYPE = 0x81,
	TDX_OFF_QE_VENDOR = 12,
	TDX_OFF_MRTD = 136,		/* in the body */
};

static const u8 intel_qe_vendor[16] = {
	0x93, 0x9a, 0x72, 0x33, 0xf7, 0x9c, 0x4c, 0xa9,
	0x94, 0x0a, 0x0d, 0xb3, 0x95, 0x7f, 0x06, 0x07,
};

static int tdx_report_new(struct tsm_report *report, void *data)
{
	static const char launch[] = "twi test tee launch";
	struct tsm_desc *desc = &report->desc;
	u8 *q, *body;
	int ret;

	if (desc->inblob_len != TEE_REPORT_DATA_SIZE)
		return -EINVAL;
	ret = twi_tee_unsigned();
	if (ret)
		return ret;
	q = kvzalloc(TEE_TDX_QUOTE_SIZE, GFP_KERNEL);
	if (!q)
		return -ENOMEM;
	/* kvzalloc() memory: the header's first fields are aligned */
	*(__le16 *)q = cpu_to_le16(TDX_QUOTE_VERSION);
	*(__le16 *)(q + 2) = cpu_to_le16(TDX_ATT_KEY_ECDSA_P256);
	*(__le32 *)(q + 4) = cpu_to_le32(TDX_TEE_TYPE);
	memcpy(q + TDX_OFF_QE_VENDOR, intel_qe_vendor,
	       sizeof(intel_qe_vendor));
	body = q + TEE_TDX_HEADER_SIZE;
	twi_sha384((const u8 *)launch, sizeof(launch) - 1,
		   body + TDX_OFF_MRTD);
	memcpy(body + TEE_TDX_REPORT_DATA, desc->inblob,
	       TEE_REPORT_DATA_SIZE);
	/* the signature data's length, 0, ends the quote */
	report->outblob = q;
	report->outblob_len = TEE_TDX_QUOTE_SIZE;
	return 0;
}

static bool tdx_attr_visible(int n)
{
	return n == TSM_REPORT_GENERATION || n == TSM_REPORT_PROVIDER;
}

static bool tdx_bin_attr_visible(int n)
{
	return n == TSM_REPORT_INBLOB || n == TSM_REPORT_OUTBLOB;
}

static const struct tsm_ops tdx_ops = {
	.name = "tdx_guest",
	.report_new = tdx_report_new,
	.report_attr_visible = tdx_attr_visible,
	.report_bin_attr_visible = tdx_bin_attr_visible,
};

static const struct tsm_ops *ops;

int twi_tee_tsm_init(bool tdx)
{
	int ret;

	ret = tsm_register(tdx ? &tdx_ops : &sev_ops, NULL);
	if (!ret)
		ops = tdx ? &tdx_ops : &sev_ops;
	return ret;
}

void twi_tee_tsm_exit(void)
{
	if (ops)
		tsm_unregister(ops);
}
