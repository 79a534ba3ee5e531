/* SPDX-License-Identifier: GPL-2.0 */
/*
 * twi credentials (Documentation/credential.rst): a CBOR array
 *
 *	[ 1, statement: bstr, tee: "snp" / "tdx" / "cca" / "none",
 *	  evidence: bstr, aux: bstr ]
 *
 * A credential verifies when its evidence verifies to the vendor root, the
 * evidence's report_data is SHA-512(statement), and the policy accepts the
 * evidence's claims together with the statement's.  An unattested
 * credential (tee "none") never verifies.
 */
#ifndef TWI_VERIFY_CREDENTIAL_H
#define TWI_VERIFY_CREDENTIAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <json-c/json.h>

struct twi_verify_opts;
struct twi_verdict;

#define TWI_CREDENTIAL_REPORT_DATA 64	/* SHA-512 of the statement */

/* True if buf starts like a credential (a 5-element array, version 1). */
bool twi_credential_detect(const uint8_t *buf, size_t len);

/*
 * The statement's content as verdict claims (twi_statement_json(), names
 * in Documentation/verify.rst) into a new JSON object.  0, -ENOMEM, or
 * -EBADMSG with the reason in why when the statement is not a well-formed
 * version 1 statement in deterministic encoding.
 */
int twi_statement_claims(const uint8_t *stmt, size_t len, json_object **out,
			 char *why, size_t whylen);

/* twi_verify_evidence() for a credential; see verify.h. */
int twi_verify_credential(const uint8_t *buf, size_t len,
			  const struct twi_verify_opts *o,
			  struct twi_verdict *v);

#endif /* TWI_VERIFY_CREDENTIAL_H */
