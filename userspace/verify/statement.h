/* SPDX-License-Identifier: GPL-2.0 */
/*
 * twi statements and credential files (Documentation/credential.rst).
 *
 * A statement is the deterministic CBOR map the kernel builds for a key and
 * whose SHA-512 is the report_data of the key's TEE evidence.  A credential
 * file is the CBOR array [1, statement, tee, evidence, aux] that
 * `twictl key credential` writes and verifiers read.
 *
 * The decoders accept deterministic CBOR only (RFC 8949 section 4.2.1):
 * shortest heads, definite lengths, map keys in strictly ascending order
 * (so no duplicates), no trailing bytes.  A statement must hold every
 * required key of version 1 and no other.  Text may not contain NUL.
 * Decoded pointers (public key, statement, evidence, aux) point into the
 * caller's buffer, which must outlive them.
 *
 * Errors: -EBADMSG for anything malformed, -EPROTONOSUPPORT for a version
 * other than 1, -ENOMEM.
 */
#ifndef TWI_VERIFY_STATEMENT_H
#define TWI_VERIFY_STATEMENT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <linux/twi.h>

struct json_object;

#define TWI_STATEMENT_VERSION		1
#define TWI_CREDENTIAL_VERSION		1
#define TWI_CREDENTIAL_ID_LEN		16
#define TWI_STATEMENT_CGROUP_MAX	4095
#define TWI_STATEMENT_RELEASE_MAX	64
#define TWI_STATEMENT_MODVER_MAX	63

/* Keys of the statement map and of its kernel-facts map. */
enum twi_statement_key {
	TWI_ST_VERSION = 1,
	TWI_ST_CREDENTIAL_ID,
	TWI_ST_ISSUED_AT,
	TWI_ST_PUBLIC_KEY,
	TWI_ST_IDENTIFIER,
	TWI_ST_CLAIMS,
	TWI_ST_LOG_DIGEST,
	TWI_ST_EVENTS,
	TWI_ST_KERNEL,
	TWI_ST_NONCE,
	TWI_ST_ATTESTATION,
};

enum twi_statement_kernel_key {
	TWI_STK_CGROUP = 1,
	TWI_STK_CGROUP_ID,
	TWI_STK_RELEASE,
	TWI_STK_MODULE_VERSION,
	TWI_STK_BINDING,
	TWI_STK_EXE_DIGEST,
};

enum twi_statement_binding {
	TWI_ST_BIND_WORKLOAD,
	TWI_ST_BIND_EXE,
	TWI_ST_BIND_PROCESS,
};

struct twi_statement_claim {
	char key[TWI_CLAIM_KEY_MAX + 1];
	char value[TWI_CLAIM_VALUE_MAX + 1];
};

struct twi_statement {
	uint64_t version;
	uint8_t credential_id[TWI_CREDENTIAL_ID_LEN];
	uint64_t issued_at;
	const uint8_t *public_key;	/* SubjectPublicKeyInfo, DER */
	size_t public_key_len;
	char identifier[TWI_IDENTIFIER_MAX + 1];
	uint32_t n_claims;
	struct twi_statement_claim claims[TWI_CLAIMS_MAX];
	uint8_t log_digest[TWI_DIGEST_LEN];
	uint64_t events;
	struct {
		char cgroup[TWI_STATEMENT_CGROUP_MAX + 1];
		uint64_t cgroup_id;
		char release[TWI_STATEMENT_RELEASE_MAX + 1];
		char module_version[TWI_STATEMENT_MODVER_MAX + 1];
		enum twi_statement_binding binding;
		bool has_exe_digest;
		uint8_t exe_digest[32];
	} kernel;
	bool has_nonce;
	size_t nonce_len;
	uint8_t nonce[TWI_NONCE_MAX];
	bool attested;			/* "tee"; false for "none" */
};

struct twi_credential {
	uint32_t tee;			/* enum twi_tee */
	const uint8_t *statement;
	size_t statement_len;
	const uint8_t *evidence;	/* empty when tee is TWI_TEE_NONE */
	size_t evidence_len;
	const uint8_t *aux;
	size_t aux_len;
};

int twi_statement_decode(const uint8_t *buf, size_t len,
			 struct twi_statement *st);

/*
 * The statement as a JSON object (caller puts it), or NULL without memory:
 * identifier, claims, issued_at, credential_id (hex), public_key (hex of
 * the DER SubjectPublicKeyInfo), log_digest (hex), events, kernel {cgroup,
 * cgroup_id, release, module_version, binding, exe_digest}, nonce (hex,
 * only if present), attestation.
 */
struct json_object *twi_statement_json(const struct twi_statement *st);

const char *twi_statement_binding_name(enum twi_statement_binding b);

/*
 * Credential files.  Decoding checks the layout and, as
 * twi_credential_check() does, that the statement is not empty, that the
 * evidence is empty exactly when tee is "none" (and aux then too), and the
 * limits TWI_EVIDENCE_MAX and TWI_AUX_MAX; it does not decode the
 * statement.  twi_credential_encode() returns a malloc'ed buffer in *out.
 */
int twi_credential_decode(const uint8_t *buf, size_t len,
			  struct twi_credential *cred);
int twi_credential_check(const struct twi_credential *cred);
int twi_credential_encode(const struct twi_credential *cred, uint8_t **out,
			  size_t *len);

/* "snp", "tdx", "cca", "none"; NULL for an unknown value. */
const char *twi_tee_name(uint32_t tee);
int twi_tee_parse(const char *name, size_t len, uint32_t *tee);

#endif /* TWI_VERIFY_STATEMENT_H */
