// SPDX-License-Identifier: GPL-2.0
/*
 * SEV-SNP ATTESTATION_REPORT building and signing (SEV-SNP ABI
 * specification, "ATTESTATION_REPORT Structure"), with twi's own P-384 core.
 */
#include <linux/kernel.h>
#include <linux/string.h>

#include "tee.h"
#include "twi_ecdsa.h"

/* Offsets in the report. */
enum {
	OFF_VERSION = 0x000,
	OFF_POLICY = 0x008,
	OFF_IMAGE_ID = 0x020,
	OFF_VMPL = 0x030,
	OFF_SIG_ALGO = 0x034,
	OFF_CURRENT_TCB = 0x038,
	OFF_REPORT_DATA = 0x050,
	OFF_MEASUREMENT = 0x090,
	OFF_REPORT_ID = 0x140,
	OFF_REPORT_ID_MA = 0x160,
	OFF_REPORTED_TCB = 0x180,
	OFF_CPUID_FAM = 0x188,
	OFF_CPUID_MOD = 0x189,
	OFF_CPUID_STEP = 0x18a,
	OFF_CHIP_ID = 0x1a0,
	OFF_COMMITTED_TCB = 0x1e0,
	OFF_CURRENT_BUILD = 0x1e8,
	OFF_COMMITTED_BUILD = 0x1ec,
	OFF_LAUNCH_TCB = 0x1f0,
	OFF_SIGNATURE = 0x2a0,
	SIGNED_SIZE = 0x2a0,
	SIG_COMP = 72,		/* r and s fields, little-endian */
	P384 = 48,
};

enum {
	SIG_ALGO_ECDSA_P384_SHA384 = 1,
	/* ABI 0.0, SMT allowed, bit 17 reserved and set */
	GUEST_POLICY = 0x30000,
	/* Family 19h model 11h: Genoa, as the test chain's product */
	CPUID_FAM = 0x19,
	CPUID_MOD = 0x11,
	CPUID_STEP = 0x01,
	FW_BUILD = 21,
	FW_MINOR = 55,
	FW_MAJOR = 1,
};

static void put_le(u8 *p, u64 v, int n)
{
	int i;

	for (i = 0; i < n; i++)
		p[i] = (u8)(v >> (8 * i));
}

static void put_le32(u8 *p, u32 v)
{
	put_le(p, v, 4);
}

static void put_le64(u8 *p, u64 v)
{
	put_le(p, v, 8);
}

static void put_version(u8 *p)
{
	p[0] = FW_BUILD;
	p[1] = FW_MINOR;
	p[2] = FW_MAJOR;
}

static void fill_body(const struct twi_tee_platform *p, const u8 *data,
		      u32 vmpl, u8 *r)
{
	static const char image_id[16] = "twi-test-tee";

	put_le32(r + OFF_VERSION, p->version);
	put_le64(r + OFF_POLICY, GUEST_POLICY);
	memcpy(r + OFF_IMAGE_ID, image_id, sizeof(image_id));
	put_le32(r + OFF_VMPL, vmpl);
	put_le32(r + OFF_SIG_ALGO, SIG_ALGO_ECDSA_P384_SHA384);
	put_le64(r + OFF_CURRENT_TCB, p->tcb);
	memcpy(r + OFF_REPORT_DATA, data, TEE_REPORT_DATA_SIZE);
	memcpy(r + OFF_MEASUREMENT, p->measurement, sizeof(p->measurement));
	memcpy(r + OFF_REPORT_ID, p->report_id, sizeof(p->report_id));
	/* no migration agent: REPORT_ID_MA is all ones */
	memset(r + OFF_REPORT_ID_MA, 0xff, 32);
	put_le64(r + OFF_REPORTED_TCB, p->tcb);
	if (p->version >= 3) {
		r[OFF_CPUID_FAM] = CPUID_FAM;
		r[OFF_CPUID_MOD] = CPUID_MOD;
		r[OFF_CPUID_STEP] = CPUID_STEP;
	}
	memcpy(r + OFF_CHIP_ID, p->chip_id, sizeof(p->chip_id));
	put_le64(r + OFF_COMMITTED_TCB, p->tcb);
	put_version(r + OFF_CURRENT_BUILD);
	put_version(r + OFF_COMMITTED_BUILD);
	put_le64(r + OFF_LAUNCH_TCB, p->tcb);
}

/* r and s big-endian in sig, little-endian in the report's fields. */
static void put_signature(const u8 *sig, u8 *r)
{
	int i;

	for (i = 0; i < P384; i++) {
		r[OFF_SIGNATURE + i] = sig[P384 - 1 - i];
		r[OFF_SIGNATURE + SIG_COMP + i] = sig[2 * P384 - 1 - i];
	}
}

int twi_tee_sign_report(const struct twi_tee_platform *p, const u8 *data,
			u32 vmpl, u8 *report)
{
	u8 digest[P384], sig[2 * P384];
	int ret;

	memset(report, 0, TEE_REPORT_SIZE);
	fill_body(p, data, vmpl, report);
	twi_sha384(report, SIGNED_SIZE, digest);
	ret = twi_ecdsa_sign(TWI_CURVE_P384, TWI_HASH_SHA384, p->priv, p->pub,
			     digest, sizeof(digest), NULL, 0, sig);
	if (ret)
		return ret;
	put_signature(sig, report);
	return 0;
}
