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
 * by empty signature data.
 *
 * "arm-cca-guest", like the arm-cca-guest driver: inblob is the 64-byte
 * challenge, outblob a CCA token, no privlevel and no auxblob.  The token
 * is a shell: the collection (tag 399) of an empty platform token and a
 * realm token, a COSE_Sign1 with ES384 in its protected header whose
 * claims are the challenge alone and whose signature is empty.
 *
 * No verifier accepts a shell; they let twid's TDX and CCA paths and
 * twi.ko's checks run in a VM without that hardware.
 */
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/tsm.h>

#include "tee.h"

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

/*
 * A shell's outblob: @size zeroed bytes with inblob, exactly 64 bytes, at
 * @at, made after the test TEE's delay and failure knobs; the platform's
 * launch measurement into @measurement unless it is NULL.
 */
static int shell_new(struct tsm_report *report, size_t size, size_t at,
		     u8 **out, u8 *measurement)
{
	struct tsm_desc *desc = &report->desc;
	int ret;

	if (desc->inblob_len != TEE_REPORT_DATA_SIZE)
		return -EINVAL;
	ret = twi_tee_unsigned(measurement);
	if (ret)
		return ret;
	*out = kvzalloc(size, GFP_KERNEL);
	if (!*out)
		return -ENOMEM;
	memcpy(*out + at, desc->inblob, TEE_REPORT_DATA_SIZE);
	report->outblob = *out;
	report->outblob_len = size;
	return 0;
}

static int tdx_report_new(struct tsm_report *report, void *data)
{
	u8 mrtd[TEE_MEASUREMENT_SIZE], *q;
	int ret;

	ret = shell_new(report, TEE_TDX_QUOTE_SIZE,
			TEE_TDX_HEADER_SIZE + TEE_TDX_REPORT_DATA, &q, mrtd);
	if (ret)
		return ret;
	/* kvzalloc() memory: the header's first fields are aligned */
	*(__le16 *)q = cpu_to_le16(TDX_QUOTE_VERSION);
	*(__le16 *)(q + 2) = cpu_to_le16(TDX_ATT_KEY_ECDSA_P256);
	*(__le32 *)(q + 4) = cpu_to_le32(TDX_TEE_TYPE);
	memcpy(q + TDX_OFF_QE_VENDOR, intel_qe_vendor,
	       sizeof(intel_qe_vendor));
	memcpy(q + TEE_TDX_HEADER_SIZE + TDX_OFF_MRTD, mrtd, sizeof(mrtd));
	/* the signature data's length, 0, ends the quote */
	return 0;
}

static bool shell_attr_visible(int n)
{
	return n == TSM_REPORT_GENERATION || n == TSM_REPORT_PROVIDER;
}

static bool shell_bin_attr_visible(int n)
{
	return n == TSM_REPORT_INBLOB || n == TSM_REPORT_OUTBLOB;
}

static const struct tsm_ops tdx_ops = {
	.name = "tdx_guest",
	.report_new = tdx_report_new,
	.report_attr_visible = shell_attr_visible,
	.report_bin_attr_visible = shell_bin_attr_visible,
};

/*
 * The CCA token shell, in CBOR, its challenge at CCA_CHALLENGE:
 *
 *	399({44234: << 18([h'', {}, h'', h'']) >>,
 *	     44241: << 18([<< {1: -35} >>, {}, << {10: challenge} >>, h'']) >>})
 */
enum { CCA_CHALLENGE = 33, CCA_TOKEN_SIZE = CCA_CHALLENGE + 64 + 1 };

static const u8 cca_head[CCA_CHALLENGE] = {
	0xd9, 0x01, 0x8f,			/* tag 399 */
	0xa2,					/* map of 2 */
	0x19, 0xac, 0xca,			/* 44234: platform token */
	0x46, 0xd2, 0x84, 0x40, 0xa0, 0x40, 0x40, /* empty COSE_Sign1 */
	0x19, 0xac, 0xd1,			/* 44241: realm token */
	0x58, 0x4f,				/* bstr of 79 */
	0xd2, 0x84,				/* 18([ */
	0x44, 0xa1, 0x01, 0x38, 0x22,		/* protected {1: -35} */
	0xa0,					/* unprotected {} */
	0x58, 0x44,				/* payload, bstr of 68 */
	0xa1, 0x0a, 0x58, 0x40,			/* {10: bstr of 64 */
};

static int cca_report_new(struct tsm_report *report, void *data)
{
	u8 *t;
	int ret;

	ret = shell_new(report, CCA_TOKEN_SIZE, CCA_CHALLENGE, &t, NULL);
	if (ret)
		return ret;
	memcpy(t, cca_head, sizeof(cca_head));
	t[CCA_TOKEN_SIZE - 1] = 0x40;		/* signature h'' */
	return 0;
}

static const struct tsm_ops cca_ops = {
	.name = "arm-cca-guest",
	.report_new = cca_report_new,
	.report_attr_visible = shell_attr_visible,
	.report_bin_attr_visible = shell_bin_attr_visible,
};

static const struct tsm_ops *const kind_ops[] = {
	[TEE_SEV] = &sev_ops,
	[TEE_TDX] = &tdx_ops,
	[TEE_CCA] = &cca_ops,
};

static const struct tsm_ops *ops;

int twi_tee_tsm_init(enum tee_kind kind)
{
	int ret;

	ret = tsm_register(kind_ops[kind], NULL);
	if (!ret)
		ops = kind_ops[kind];
	return ret;
}

void twi_tee_tsm_exit(void)
{
	if (ops)
		tsm_unregister(ops);
}
