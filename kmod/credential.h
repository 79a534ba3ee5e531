/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Credentials: the statement about a key and the TEE evidence bound to it.
 */
#ifndef _TWI_CREDENTIAL_H
#define _TWI_CREDENTIAL_H

#include <linux/types.h>
#include <uapi/linux/twi.h>

struct twi_binding;
struct net;

/**
 * struct twi_evidence - what the provider answered
 * @tee: enum twi_tee
 * @report: the report, quote or token, @report_len bytes
 * @report_len: its length
 * @aux: the auxiliary blob, @aux_len bytes, or NULL
 * @aux_len: its length
 */
struct twi_evidence {
	u32 tee;
	u8 *report;
	size_t report_len;
	u8 *aux;
	size_t aux_len;
};

/**
 * struct twi_credential - a key's statement and its evidence
 * @statement: deterministic CBOR, see Documentation/credential.rst
 * @statement_len: its length
 * @ev: the evidence; @ev.tee is TWI_TEE_NONE for an unattested key
 */
struct twi_credential {
	u8 *statement;
	size_t statement_len;
	struct twi_evidence ev;
};

/**
 * struct twi_claim_src - what a statement is made of
 * @spki: the public key, SubjectPublicKeyInfo DER
 * @spki_len: its length
 * @bind: the key's binding (workload, executable digest)
 * @nonce: the caller's nonce, or NULL
 * @nonce_len: its length, 1 to TWI_NONCE_MAX
 * @attest: whether evidence is to be bound to the statement
 */
struct twi_claim_src {
	const u8 *spki;
	size_t spki_len;
	const struct twi_binding *bind;
	const u8 *nonce;
	size_t nonce_len;
	bool attest;
};

int twi_credential_issue(const struct twi_claim_src *src,
			 struct twi_credential *cred);
int twi_credential_attest(struct twi_credential *cred);
void twi_credential_free(struct twi_credential *cred);
int twi_statement_build(const struct twi_claim_src *src, u8 **out,
			size_t *len);

/* evidence.c: the provider and its requests */
int twi_evidence_get(const u8 *report_data, struct twi_evidence *ev);
void twi_evidence_free(struct twi_evidence *ev);
int twi_evidence_check(u32 tee, const u8 *report, size_t len,
		       const u8 *report_data);
int twi_provider_register(struct net *net, u32 portid);
int twi_provider_answer(struct net *net, u32 portid, u64 id, int error,
			struct twi_evidence *ev);
int twi_evidence_init(void);
void twi_evidence_exit(void);

/* netlink.c: send a request to the provider */
int twi_genl_send_request(struct net *net, u32 portid, u64 id,
			  const u8 *report_data);

#endif /* _TWI_CREDENTIAL_H */
