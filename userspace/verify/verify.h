/* SPDX-License-Identifier: GPL-2.0 */
/*
 * twi remote verification: evidence detection, the backends (snp.h, tdx.h,
 * cca.h, azure.h), policy appraisal (policy.h) and the verdict (verdict.h).
 */
#ifndef TWI_VERIFY_VERIFY_H
#define TWI_VERIFY_VERIFY_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "userspace/verify/policy.h"
#include "userspace/verify/verdict.h"

enum twi_evidence_kind {
	TWI_EVIDENCE_UNKNOWN,
	TWI_EVIDENCE_SNP,	/* 1184-byte SEV-SNP attestation report */
	TWI_EVIDENCE_TDX,	/* DCAP TDX quote v4/v5 */
	TWI_EVIDENCE_CCA,	/* CBOR tag 399 CCA token */
	TWI_EVIDENCE_AZURE,	/* Azure HCL report ("HCLA") */
};

enum twi_evidence_kind twi_evidence_detect(const uint8_t *buf, size_t len);
const char *twi_evidence_name(enum twi_evidence_kind kind);

struct twi_verify_opts {
	const struct twi_policy *policy;	/* NULL: the default policy */
	const char *const *aux;		/* certificate bundles, CRLs, CPAK, TD quote */
	size_t n_aux;
	const char *const *ark;		/* extra trusted SEV-SNP ARKs (files) */
	size_t n_ark;
	const char *collateral;		/* cache directory or NULL */
	time_t at;			/* verification time */
	json_object *extra_claims;	/* added before appraisal, or NULL */
};

/*
 * Verify evidence, or a twi credential (credential.h), and appraise it.
 * v is initialised here and must be freed with twi_verdict_free()
 * whatever the result.  extra_claims lets a caller that verified more than
 * the evidence have the policy judge those claims too; they never replace
 * a claim of the evidence.  Returns 0 when the verdict accepts, -EPERM
 * when the policy refuses, else the backend's error (util.h); every
 * failure also lands in v->reasons.
 */
int twi_verify_evidence(const uint8_t *buf, size_t len,
			const struct twi_verify_opts *o, struct twi_verdict *v);

/*
 * What a credential adds to plain evidence: an aux blob carried with it
 * (the SNP certificate table, used like one more --aux file), the
 * report_data the evidence must carry (NULL: any), and the name of the TEE
 * the evidence must be (NULL: any).
 */
struct twi_evidence_bind {
	const uint8_t *aux;
	size_t aux_len;
	const uint8_t *report_data;	/* 64 bytes */
	enum twi_evidence_kind kind;	/* TWI_EVIDENCE_UNKNOWN: any */
};

/* twi_verify_evidence() for plain evidence with those extra conditions. */
int twi_verify_bound(const uint8_t *buf, size_t len,
		     const struct twi_verify_opts *o,
		     const struct twi_evidence_bind *b, struct twi_verdict *v);

struct twi_snp_chain;
struct twi_snp_claims;

/*
 * The warm path of a server: an SEV-SNP report checked against a chain it
 * verified earlier (twi_snp_chain_verify()), then appraised.  v as above.
 */
int twi_verify_snp_cached(const uint8_t *buf, size_t len,
			  const struct twi_snp_chain *ch,
			  const struct twi_policy *p, time_t at,
			  struct twi_verdict *v);

/* Claims of a verified SEV-SNP report into a fresh verdict, then policy. */
int twi_appraise_snp(const struct twi_snp_claims *cl,
		     const struct twi_policy *p, time_t at,
		     struct twi_verdict *v);

/*
 * twictl verify EVIDENCE|CREDENTIAL [--policy FILE] [--aux FILE]...
 *                        [--ark FILE]... [--collateral DIR] [--at TIME]
 *                        [--json] [-v]
 * argv[0] is the subcommand name.  Returns the exit status: 0 accepted,
 * 1 refused or runtime error, 2 usage error.
 */
int twi_cmd_verify(int argc, char **argv);

#endif /* TWI_VERIFY_VERIFY_H */
