// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer harness: the kernel's report_data check (kmod/report.c, built
 * unchanged through selftests/host/kshim/) against the userspace
 * verifier's parsers.  An input is report_data (64 bytes) then evidence,
 * tried as every TEE type.
 *
 * The kernel checks far less than the verifier, so the verifier may refuse
 * what the kernel takes.  What must hold:
 * - the kernel returns 0 or -EBADMSG, reads only the evidence, and accepts
 *   only a known TEE type and one report_data;
 * - when it accepts R and the verifier parses the evidence, the verifier's
 *   report_data is R: both read it at the same place;
 * - for SEV-SNP and TDX it never refuses evidence the verifier parses, with
 *   the verifier's report_data (the kernel's checks are a subset).  Not so
 *   for CCA: the kernel's CBOR reader takes definite lengths only.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <linux/twi.h>

#include "selftests/host/kshim/kshim.h"
#include "userspace/verify/cca.h"
#include "userspace/verify/snp.h"
#include "userspace/verify/tdx.h"
#include "userspace/verify/util.h"

/* REPORTDATA in the TD quote body (Intel TDX DCAP quote, TD quote body). */
#define TDX_BODY_REPORTDATA 520

static struct twi_cca_claims claims;

/* The verifier's report_data, or -EBADMSG; -ENOENT for no such TEE. */
static int user_report_data(uint32_t tee, const uint8_t *buf, size_t len,
			    uint8_t *rd)
{
	char why[TWI_WHY_MAX];
	struct twi_snp_report snp;
	struct twi_tdx_quote q;

	switch (tee) {
	case TWI_TEE_SNP:
		if (twi_snp_parse(buf, len, &snp, why, sizeof(why)))
			return -EBADMSG;
		memcpy(rd, snp.report_data, TWI_REPORT_DATA_LEN);
		return 0;
	case TWI_TEE_TDX:
		if (twi_tdx_parse(buf, len, &q, why, sizeof(why)))
			return -EBADMSG;
		memcpy(rd, q.body + TDX_BODY_REPORTDATA, TWI_REPORT_DATA_LEN);
		return 0;
	case TWI_TEE_CCA:
		if (twi_cca_parse(buf, len, &claims, why, sizeof(why)))
			return -EBADMSG;
		memcpy(rd, claims.realm_challenge, TWI_REPORT_DATA_LEN);
		return 0;
	}
	return -ENOENT;
}

static void fail(uint32_t tee, const char *what)
{
	fprintf(stderr, "report_check_fuzz: tee %u: %s\n", tee, what);
	abort();
}

static void check_one(uint32_t tee, const uint8_t *ev, size_t len,
		      const uint8_t *rd)
{
	uint8_t urd[TWI_REPORT_DATA_LEN], other[TWI_REPORT_DATA_LEN];
	int kret, uret;

	kret = twi_evidence_check(tee, ev, len, rd);
	if (kret && kret != -EBADMSG)
		fail(tee, "neither 0 nor -EBADMSG");
	uret = user_report_data(tee, ev, len, urd);
	if (!kret) {
		if (uret == -ENOENT)
			fail(tee, "accepted for an unknown TEE type");
		memcpy(other, rd, sizeof(other));
		other[len % sizeof(other)] ^= 0x80;
		if (twi_evidence_check(tee, ev, len, other) != -EBADMSG)
			fail(tee, "accepted two report_data");
		if (!uret && memcmp(urd, rd, sizeof(urd)))
			fail(tee, "report_data not where the verifier reads it");
	}
	if (!uret && tee != TWI_TEE_CCA &&
	    twi_evidence_check(tee, ev, len, urd))
		fail(tee, "refused what the verifier parses");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	uint32_t tee;
	uint8_t *ev;
	size_t len;

	if (size < TWI_REPORT_DATA_LEN)
		return 0;
	len = size - TWI_REPORT_DATA_LEN;
	/* its own allocation, so ASan catches a read before it too */
	ev = malloc(len ? len : 1);
	if (!ev)
		return 0;
	memcpy(ev, data + TWI_REPORT_DATA_LEN, len);
	for (tee = TWI_TEE_NONE; tee <= TWI_TEE_MAX + 1; tee++)
		check_one(tee, ev, len, data);
	free(ev);
	return 0;
}
