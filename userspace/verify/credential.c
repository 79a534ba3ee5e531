// SPDX-License-Identifier: GPL-2.0
/*
 * twi credential verification: the evidence verified as usual, bound to
 * the statement (report_data = SHA-512(statement), the TEE the credential
 * names), the statement's content added to the claims the policy judges.
 * Decoding is statement.c's.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/sha.h>

#include "userspace/verify/credential.h"
#include "userspace/verify/statement.h"
#include "userspace/verify/util.h"
#include "userspace/verify/verify.h"

bool twi_credential_detect(const uint8_t *buf, size_t len)
{
	/* array(5), then the unsigned integer 1 */
	return len >= 2 && buf[0] == 0x85 && buf[1] == TWI_CREDENTIAL_VERSION;
}

int twi_statement_claims(const uint8_t *stmt, size_t len, json_object **out,
			 char *why, size_t whylen)
{
	struct twi_statement *st = malloc(sizeof(*st));
	int ret;

	*out = NULL;
	if (!st)
		return -ENOMEM;
	ret = twi_statement_decode(stmt, len, st);
	if (ret == -ENOMEM)
		goto out_free;
	if (ret) {
		ret = twi_fail(why, whylen, -EBADMSG,
			       "the statement is not a version 1 twi statement (Documentation/credential.rst)");
		goto out_free;
	}
	*out = twi_statement_json(st);
	if (!*out)
		ret = -ENOMEM;
out_free:
	free(st);
	return ret;
}

static enum twi_evidence_kind tee_kind(uint32_t tee)
{
	switch (tee) {
	case TWI_TEE_SNP:
		return TWI_EVIDENCE_SNP;
	case TWI_TEE_TDX:
		return TWI_EVIDENCE_TDX;
	case TWI_TEE_CCA:
		return TWI_EVIDENCE_CCA;
	default:
		return TWI_EVIDENCE_UNKNOWN;
	}
}

/* A verdict that refuses before any evidence was looked at. */
static int refuse(const struct twi_verify_opts *o, struct twi_verdict *v,
		  int err, const char *why)
{
	int ret = twi_verdict_init(v, o->at);

	if (ret)
		return ret;
	twi_verdict_add(v, twi_verdict_status_of(err), "%s", why);
	return err;
}

/* The statement's claims, then the caller's, for the policy. */
static json_object *merge_claims(json_object *stmt, json_object *extra)
{
	if (json_object_is_type(extra, json_type_object)) {
		json_object_object_foreach(extra, k, val) {
			if (!json_object_object_get_ex(stmt, k, NULL))
				json_object_object_add(stmt, k,
						       json_object_get(val));
		}
	}
	return stmt;
}

static int check_attest(const struct twi_credential *c, json_object *claims,
			char *why, size_t whylen)
{
	json_object *a;
	const char *stmt_says;

	json_object_object_get_ex(claims, "attestation", &a);
	stmt_says = json_object_get_string(a);
	if (c->tee == TWI_TEE_NONE || !stmt_says || strcmp(stmt_says, "tee"))
		return twi_fail(why, whylen, -EKEYREJECTED,
				"the credential is unattested (tee \"none\"): it proves nothing about its origin");
	return 0;
}

int twi_verify_credential(const uint8_t *buf, size_t len,
			  const struct twi_verify_opts *o,
			  struct twi_verdict *v)
{
	uint8_t digest[TWI_CREDENTIAL_REPORT_DATA];
	struct twi_verify_opts oo = *o;
	struct twi_evidence_bind b;
	char why[TWI_WHY_MAX] = "";
	struct twi_credential c;
	json_object *claims;
	int ret;

	if (twi_credential_decode(buf, len, &c))
		return refuse(o, v, -EBADMSG,
			      "malformed twi credential (a CBOR array [1, statement, tee, evidence, aux])");
	ret = twi_statement_claims(c.statement, c.statement_len, &claims, why,
				   sizeof(why));
	if (ret)
		return refuse(o, v, ret, why);
	ret = check_attest(&c, claims, why, sizeof(why));
	if (ret) {
		json_object_put(claims);
		return refuse(o, v, ret, why);
	}
	SHA512(c.statement, c.statement_len, digest);
	b = (struct twi_evidence_bind){
		.aux = c.aux, .aux_len = c.aux_len,
		.report_data = digest, .kind = tee_kind(c.tee),
	};
	oo.extra_claims = merge_claims(claims, o->extra_claims);
	ret = twi_verify_bound(c.evidence, c.evidence_len, &oo, &b, v);
	json_object_put(claims);
	return ret;
}
