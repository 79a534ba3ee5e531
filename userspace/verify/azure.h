/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Azure confidential VM evidence: the paravisor's (HCL) report and the
 * vTPM quote.
 *
 * An HCL report is a 32-byte header ("HCLA"), a 1184-byte hardware report
 * area (an SEV-SNP report, or a TDX TDREPORT in its first 1024 bytes), the
 * IGVM request data header and the runtime-claims JSON.  The hardware
 * report's REPORT_DATA starts with the hash of that JSON, which carries the
 * vTPM attestation key (HCLAkPub, an RSA JWK).  The vTPM quote (TPMS_ATTEST)
 * is signed with that key and commits to the PCR values.
 *
 * twi_azure_verify() does these HCL-level checks and hands the hardware
 * report back; the SEV-SNP (snp.h) or TDX (tdx.h) verifier must then prove
 * the hardware report itself.  For TDX the TDREPORT is a MACed local report:
 * it is proven by a TD quote whose body must repeat its fields, which
 * twi_azure_verify() checks when the quote is supplied.
 */
#ifndef TWI_VERIFY_AZURE_H
#define TWI_VERIFY_AZURE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "userspace/verify/snp.h"
#include "userspace/verify/tdx.h"

enum {
	TWI_AZURE_HCL_HEADER_SIZE = 32,
	TWI_AZURE_HW_AREA_SIZE = 1184,
	TWI_AZURE_IGVM_HEADER_SIZE = 20,
	TWI_AZURE_SNP_REPORT_SIZE = 1184,
	TWI_AZURE_TDREPORT_SIZE = 1024,
	TWI_AZURE_PCR_COUNT = 24,
	TWI_AZURE_PCR_SIZE = 32,	/* SHA-256 bank */
	TWI_AZURE_NONCE_MAX = 64,
	TWI_AZURE_ID_MAX = 64,
};

/* IGVM request data report_type */
enum twi_azure_report_type {
	TWI_AZURE_REPORT_SNP = 2,
	TWI_AZURE_REPORT_TDX = 4,
};

/* Layout of an HCL report: pointers into the caller's buffer. */
struct twi_azure_hcl {
	uint32_t version;		/* header version, 1 or 2 */
	uint32_t report_type;		/* enum twi_azure_report_type */
	const uint8_t *hw_report;	/* SNP report or TDREPORT */
	size_t hw_report_len;
	uint32_t hash_type;		/* 1 SHA-256, 2 SHA-384, 3 SHA-512 */
	const uint8_t *runtime;		/* runtime-claims JSON */
	size_t runtime_len;
};

/* Decoded TPMS_ATTEST of a TPM2_Quote. */
struct twi_azure_tpm_quote {
	uint8_t extra_data[TWI_AZURE_NONCE_MAX];	/* the caller's nonce */
	size_t extra_len;
	uint64_t clock;
	uint32_t reset_count;
	uint32_t restart_count;
	bool safe;
	uint64_t firmware_version;
	uint32_t pcr_mask;		/* selected SHA-256 PCRs, bit n = PCR n */
	uint8_t pcr_digest[32];
};

/* Evidence as collected in the guest; optional parts NULL/0. */
struct twi_azure_evidence {
	const uint8_t *hcl;		/* HCL report (required) */
	size_t hcl_len;
	const uint8_t *quote;		/* TPMS_ATTEST */
	size_t quote_len;
	const uint8_t *quote_sig;	/* raw RSA signature or TPMT_SIGNATURE */
	size_t quote_sig_len;
	const uint8_t *pcrs;		/* 24 SHA-256 PCR values, PCR0 first */
	size_t pcrs_len;
	const uint8_t *td_quote;	/* TDX only: the TD quote */
	size_t td_quote_len;
};

/* Appraised values, valid when twi_azure_verify() returns 0. */
struct twi_azure_result {
	uint32_t report_type;
	uint8_t hw_report[TWI_AZURE_HW_AREA_SIZE];	/* for snp.h / tdx.h */
	size_t hw_report_len;
	uint8_t runtime_digest[64];	/* = REPORT_DATA[0..len) */
	size_t runtime_digest_len;

	/* runtime claims ("vm-configuration", "user-data") */
	bool secure_boot;
	bool tpm_enabled;
	bool console_enabled;
	char vm_unique_id[TWI_AZURE_ID_MAX];	/* "" when absent */
	uint8_t user_data[64];
	size_t user_data_len;

	/* vTPM quote, when one was supplied */
	bool have_quote;
	struct twi_azure_tpm_quote quote;
	bool have_pcrs;			/* pcrs[] hold the quoted values */
	uint8_t pcrs[TWI_AZURE_PCR_COUNT][TWI_AZURE_PCR_SIZE];

	/* TDX: the TD quote's body repeats the TDREPORT */
	bool td_quote_matched;
};

/*
 * Evidence in the JSON form Trustee's az-snp-vtpm attester writes:
 * {"quote": {"message": [bytes], "signature": [bytes], "pcrs": [[32 bytes]
 * x 24]}, "report": [bytes of the HCL report], "vcek": "PEM"}.  All byte
 * arrays are JSON arrays of integers 0..255; "quote" and "vcek" are
 * optional.  The bundle owns copies; ev points into them.
 */
struct twi_azure_bundle {
	struct twi_azure_evidence ev;
	uint8_t *hcl, *quote, *sig, *pcrs;
	char *vcek_pem;			/* NUL-terminated, or NULL */
	size_t vcek_pem_len;
};

int twi_azure_bundle_parse(const char *json, size_t len,
			   struct twi_azure_bundle *b, char *why,
			   size_t whylen);
void twi_azure_bundle_free(struct twi_azure_bundle *b);

/* Check the layout of an HCL report.  0 or -EBADMSG. */
int twi_azure_hcl_parse(const uint8_t *buf, size_t len,
			struct twi_azure_hcl *hcl, char *why, size_t whylen);

/* Decode a TPMS_ATTEST that must be a quote.  0 or -EBADMSG. */
int twi_azure_quote_parse(const uint8_t *buf, size_t len,
			  struct twi_azure_tpm_quote *q, char *why,
			  size_t whylen);

/*
 * HCL-level verification:
 *   - HCL layout, runtime claims JSON well-formed        (-EBADMSG)
 *   - REPORT_DATA = hash(runtime JSON) || zeros          (-EKEYREJECTED)
 *   - quote signed by HCLAkPub from the runtime claims   (-EKEYREJECTED)
 *   - SHA-256 of the selected PCR values = pcrDigest     (-EKEYREJECTED)
 *   - TDX: TD quote body fields = TDREPORT fields        (-EKEYREJECTED)
 * PCR values without a quote are refused (-EBADMSG).  This does not prove
 * the hardware report: pass res->hw_report to twi_snp_verify() or verify
 * ev->td_quote with twi_tdx_verify().
 */
int twi_azure_verify(const struct twi_azure_evidence *ev,
		     struct twi_azure_result *res, char *why, size_t whylen);

/*
 * The whole chain for an Azure SEV-SNP VM: twi_azure_verify(), then
 * twi_snp_verify() of the embedded report with certs (VCEK and AMD chain)
 * at time at.  A TDX HCL report is refused (-EBADMSG).  res and snp are
 * filled on success only.
 */
int twi_azure_verify_snp(const struct twi_azure_evidence *ev,
			 const struct twi_snp_certs *certs, time_t at,
			 struct twi_azure_result *res,
			 struct twi_snp_claims *snp, char *why, size_t whylen);

/*
 * The whole chain for an Azure TDX VM: twi_azure_verify() with the TD quote
 * (required, -EBADMSG without), then twi_tdx_verify() of that quote with
 * collateral_dir (may be NULL) at time at.  res and tdx are filled on
 * success only.
 */
int twi_azure_verify_tdx(const struct twi_azure_evidence *ev,
			 const char *collateral_dir, time_t at,
			 struct twi_azure_result *res,
			 struct twi_tdx_result *tdx, char *why, size_t whylen);

#endif /* TWI_VERIFY_AZURE_H */
