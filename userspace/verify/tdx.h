/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Intel TDX quote verification (DCAP quote v4 and v5).
 *
 * twi_tdx_parse() only checks the layout. twi_tdx_verify() runs every
 * cryptographic and binding check, then, when a collateral directory is
 * given, the collateral checks and the TCB level matching; see
 * Documentation/verify-tdx.rst for the order, the cache layout and the
 * meaning of each status.
 */
#ifndef TWI_VERIFY_TDX_H
#define TWI_VERIFY_TDX_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

enum {
	TWI_TDX_HEADER_SIZE	= 48,
	TWI_TDX_BODY10_SIZE	= 584,	/* TDX 1.0 TD quote body */
	TWI_TDX_BODY15_SIZE	= 648,	/* TDX 1.5 TD quote body */
	TWI_TDX_QE_REPORT_SIZE	= 384,
	TWI_TDX_MR_SIZE		= 48,
	TWI_TDX_MAX_ADVISORIES	= 64,
	TWI_TDX_ADVISORY_LEN	= 24,
};

/* v5 body types */
enum {
	TWI_TDX_BODY_SGX	= 1,
	TWI_TDX_BODY_TDX10	= 2,
	TWI_TDX_BODY_TDX15	= 3,
};

/* TCB status strings of Intel's TCB info / QE identity, in this order. */
enum twi_tdx_tcb_status {
	TWI_TDX_TCB_UNKNOWN = 0,	/* not evaluated: no collateral */
	TWI_TDX_TCB_UP_TO_DATE,
	TWI_TDX_TCB_SW_HARDENING_NEEDED,
	TWI_TDX_TCB_CONFIGURATION_NEEDED,
	TWI_TDX_TCB_CONFIGURATION_AND_SW_HARDENING_NEEDED,
	TWI_TDX_TCB_OUT_OF_DATE,
	TWI_TDX_TCB_OUT_OF_DATE_CONFIGURATION_NEEDED,
	TWI_TDX_TCB_REVOKED,
	__TWI_TDX_TCB_MAX,
};

/* TD_ATTRIBUTES bits (little-endian u64) */
#define TWI_TDX_TD_ATTR_DEBUG		(1ULL << 0)
#define TWI_TDX_TD_ATTR_SEPT_VE_DISABLE	(1ULL << 28)

/*
 * Layout of one quote: pointers into the caller's buffer, valid as long
 * as it is. Filled by twi_tdx_parse().
 */
struct twi_tdx_quote {
	const uint8_t *header;		/* 48 bytes */
	const uint8_t *body;		/* body_size bytes */
	const uint8_t *signed_data;	/* header .. end of body */
	const uint8_t *signature;	/* 64 bytes, r || s big-endian */
	const uint8_t *attest_key;	/* 64 bytes, x || y */
	const uint8_t *qe_report;	/* 384 bytes */
	const uint8_t *qe_report_sig;	/* 64 bytes, r || s */
	const uint8_t *qe_auth;		/* qe_auth_len bytes */
	const uint8_t *pck_pem;		/* pck_pem_len bytes */
	size_t signed_len;
	size_t body_size;
	size_t qe_auth_len;
	size_t pck_pem_len;
	size_t quote_len;		/* bytes the quote's own fields cover */
	size_t trailing_len;		/* bytes after it in the buffer */
	uint16_t version;		/* 4 or 5 */
	uint16_t body_type;		/* TWI_TDX_BODY_TDX10 or _TDX15 */
};

/* Appraised values; every field is valid when twi_tdx_verify() returns 0. */
struct twi_tdx_result {
	uint16_t version;
	uint16_t body_type;
	size_t quote_len;
	size_t trailing_len;
	bool trailing_zero;		/* trailing bytes are all zero */

	uint8_t tee_tcb_svn[16];
	uint8_t mrseam[TWI_TDX_MR_SIZE];
	uint8_t mrsignerseam[TWI_TDX_MR_SIZE];
	uint64_t seam_attributes;
	uint64_t td_attributes;
	bool debug;			/* TD_ATTRIBUTES.DEBUG */
	uint64_t xfam;
	uint8_t mrtd[TWI_TDX_MR_SIZE];
	uint8_t mrconfigid[TWI_TDX_MR_SIZE];
	uint8_t mrowner[TWI_TDX_MR_SIZE];
	uint8_t mrownerconfig[TWI_TDX_MR_SIZE];
	uint8_t rtmr[4][TWI_TDX_MR_SIZE];
	uint8_t report_data[64];
	uint8_t tee_tcb_svn2[16];	/* TDX 1.5 body only, else zero */
	uint8_t mrservicetd[TWI_TDX_MR_SIZE]; /* TDX 1.5 body only */

	uint8_t fmspc[6];		/* from the PCK certificate */
	uint16_t qe_isvsvn;		/* from the QE report */

	/* Set only when collateral was given. */
	bool tcb_evaluated;
	enum twi_tdx_tcb_status tcb_status;	/* the combined status */
	enum twi_tdx_tcb_status platform_status; /* matched tcbLevel */
	enum twi_tdx_tcb_status module_status;	/* TDX module identity */
	enum twi_tdx_tcb_status qe_status;	/* QE identity level */
	char tcb_date[24];			/* tcbDate of the platform level */
	unsigned int tcb_eval_number;	/* tcbEvaluationDataNumber */
	time_t collateral_expiry;	/* earliest collateral nextUpdate */
	unsigned int n_advisories;
	char advisory_ids[TWI_TDX_MAX_ADVISORIES][TWI_TDX_ADVISORY_LEN];
};

/*
 * Check the layout of a quote in buf (len bytes, trailing bytes allowed)
 * and fill q. Returns 0 or -EBADMSG with a reason in why.
 */
int twi_tdx_parse(const uint8_t *buf, size_t len, struct twi_tdx_quote *q,
		  char *why, size_t whylen);

/*
 * Verify the quote in buf at time at. collateral_dir is the cache root
 * (its tdx/ subdirectory is read) or NULL to skip the collateral checks
 * (res->tcb_evaluated stays false). Returns 0 and fills res, or a
 * negative errno from util.h with a reason in why.
 */
int twi_tdx_verify(const uint8_t *buf, size_t len, const char *collateral_dir,
		   time_t at, struct twi_tdx_result *res, char *why,
		   size_t whylen);

/* "UpToDate", "OutOfDate", ... as Intel spells them; "Unknown" for 0. */
const char *twi_tdx_tcb_status_name(enum twi_tdx_tcb_status status);

#endif /* TWI_VERIFY_TDX_H */
