/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Internals shared by the TDX verifier files: PCK certificate values,
 * parsed collateral and the TCB evaluation.
 */
#ifndef TWI_VERIFY_TDX_LOCAL_H
#define TWI_VERIFY_TDX_LOCAL_H

#include <openssl/x509.h>

#include "userspace/verify/tdx.h"

enum {
	TDX_MAX_LEVELS		= 64,
	TDX_MAX_MODULE_IDS	= 16,
};

/* Values of the SGX extension (1.2.840.113741.1.13.1) of a PCK cert. */
struct twi_tdx_pck_info {
	uint8_t sgx_svn[16];		/* sgxTcbComp01..16 */
	uint16_t pcesvn;
	uint8_t cpusvn[16];
	uint8_t pceid[2];
	uint8_t fmspc[6];
};

/* A status with the date and advisories of the level it came from. */
struct twi_tdx_level_status {
	enum twi_tdx_tcb_status status;
	char date[24];
	unsigned int n_advisories;
	char advisory_ids[TWI_TDX_MAX_ADVISORIES][TWI_TDX_ADVISORY_LEN];
};

struct twi_tdx_tcb_level {
	uint8_t sgx_svn[16];
	uint8_t tdx_svn[16];
	uint16_t pcesvn;
	struct twi_tdx_level_status st;
};

/* One TDX module identity level: module ISVSVN and its status. */
struct twi_tdx_isv_level {
	uint16_t isvsvn;
	struct twi_tdx_level_status st;
};

struct twi_tdx_module_id {
	char id[16];			/* "TDX_01" ... */
	uint8_t mrsigner[TWI_TDX_MR_SIZE];
	uint8_t attributes[8];
	uint8_t attributes_mask[8];
	unsigned int n_levels;
	struct twi_tdx_isv_level *levels;
};

struct twi_tdx_tcbinfo {
	time_t issue_date;
	time_t next_update;
	uint8_t fmspc[6];
	uint8_t pceid[2];
	unsigned int version;
	unsigned int eval_number;
	bool has_module;		/* tdxModule present */
	struct twi_tdx_module_id module;
	unsigned int n_module_ids;
	struct twi_tdx_module_id module_ids[TDX_MAX_MODULE_IDS];
	unsigned int n_levels;
	struct twi_tdx_tcb_level *levels;
};

struct twi_tdx_qe_identity {
	time_t issue_date;
	time_t next_update;
	uint8_t miscselect[4];
	uint8_t miscselect_mask[4];
	uint8_t attributes[16];
	uint8_t attributes_mask[16];
	uint8_t mrsigner[32];
	uint16_t isvprodid;
	unsigned int n_levels;
	struct twi_tdx_isv_level *levels;
};

/* tdx_pck.c */
STACK_OF(X509) *twi_tdx_pem_chain(const uint8_t *pem, size_t len);
bool twi_tdx_pem_canonical(STACK_OF(X509) *chain, const uint8_t *pem,
			   size_t len);
bool twi_tdx_cn_is(X509 *x, const char *cn);
int twi_tdx_chain_verify(STACK_OF(X509) *chain, const char *what, time_t at,
			 char *why, size_t whylen);
int twi_tdx_ecdsa_verify(EVP_PKEY *key, const uint8_t *msg, size_t len,
			 const uint8_t *rs, char *why, size_t whylen,
			 const char *what);
EVP_PKEY *twi_tdx_raw_p256_key(const uint8_t *xy);
int twi_tdx_sgx_ext_parse(const uint8_t *der, size_t len,
			  struct twi_tdx_pck_info *info);
int twi_tdx_pck_info(X509 *leaf, struct twi_tdx_pck_info *info, char *why,
		     size_t whylen);

/* tdx_collateral.c */
int twi_tdx_tcbinfo_parse(const char *json, size_t len,
			  struct twi_tdx_tcbinfo *ti, char *why, size_t whylen);
void twi_tdx_tcbinfo_free(struct twi_tdx_tcbinfo *ti);
int twi_tdx_qe_identity_parse(const char *json, size_t len,
			      struct twi_tdx_qe_identity *qe, char *why,
			      size_t whylen);
void twi_tdx_qe_identity_free(struct twi_tdx_qe_identity *qe);
int twi_tdx_json_member(const char *json, size_t len, const char *key,
			size_t *off, size_t *vlen);
int twi_tdx_collateral_check(const char *dir, const struct twi_tdx_quote *q,
			     STACK_OF(X509) *pck_chain,
			     const struct twi_tdx_pck_info *pck, time_t at,
			     struct twi_tdx_result *res, char *why,
			     size_t whylen);

/* tdx_tcb.c */
int twi_tdx_tcb_evaluate(const struct twi_tdx_tcbinfo *ti,
			 const struct twi_tdx_qe_identity *qe,
			 const struct twi_tdx_pck_info *pck,
			 const struct twi_tdx_quote *q,
			 struct twi_tdx_result *res, char *why, size_t whylen);
enum twi_tdx_tcb_status twi_tdx_status_parse(const char *s);

#endif /* TWI_VERIFY_TDX_LOCAL_H */
