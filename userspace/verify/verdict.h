/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Verification verdicts, shaped like an EAT Attestation Result (EAR):
 * a status per appraisal, the reasons that set it and the appraised claims.
 *
 * Status order, from best to worst: affirming, warning, none (could not
 * appraise: malformed evidence, missing collateral), contraindicated (a
 * check failed).  A verdict only ever moves towards the worse end.
 */
#ifndef TWI_VERIFY_VERDICT_H
#define TWI_VERIFY_VERDICT_H

#include <stdbool.h>
#include <time.h>

#include <json-c/json.h>

enum twi_ear_status {
	TWI_EAR_AFFIRMING,
	TWI_EAR_WARNING,
	TWI_EAR_NONE,
	TWI_EAR_CONTRAINDICATED,
};

struct twi_verdict {
	enum twi_ear_status status;
	const char *tee;	/* "sev-snp", "tdx", ...; NULL if unknown */
	time_t at;		/* verification time */
	json_object *claims;	/* object: appraised claims */
	json_object *reasons;	/* array of strings */
};

int twi_verdict_init(struct twi_verdict *v, time_t at);
void twi_verdict_free(struct twi_verdict *v);

/* Add a reason and move the status to at least s. */
void twi_verdict_add(struct twi_verdict *v, enum twi_ear_status s,
		     const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/* The status a backend error code maps to. */
enum twi_ear_status twi_verdict_status_of(int err);

const char *twi_ear_status_name(enum twi_ear_status s);

/* Affirming or warning. */
bool twi_verdict_accepted(const struct twi_verdict *v);

/* EAR-style JSON text; the caller frees it. */
char *twi_verdict_json(const struct twi_verdict *v);

#endif /* TWI_VERIFY_VERDICT_H */
