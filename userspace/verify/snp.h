/* SPDX-License-Identifier: GPL-2.0 */
/*
 * AMD SEV-SNP attestation report verification.
 *
 * A report (1184 bytes, versions 2, 3 and 5) is signed with ECDSA P-384 by
 * a VCEK (bound to one chip and one TCB) or a VLEK (issued to a cloud
 * provider).  The signing key's certificate chains through an ASK (VCEK)
 * or ASVK (VLEK) to the product's AMD Root Key (ARK), which is pinned here
 * by the SHA-256 of its DER encoding.  Certificates are never built in: they
 * come from --aux bundles or the collateral directory.
 *
 * Verification is split so a server can cache the expensive part:
 *   twi_snp_parse()         bytes -> struct twi_snp_report (no crypto)
 *   twi_snp_chain_verify()  certificates -> struct twi_snp_chain
 *                           (ARK pin, RSA-PSS chain, CRLs, leaf extensions)
 *   twi_snp_report_verify() report + verified chain -> claims
 *                           (TCB/chip binding, ECDSA P-384 signature)
 * twi_snp_verify() runs all three.
 */
#ifndef TWI_VERIFY_SNP_H
#define TWI_VERIFY_SNP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include <openssl/evp.h>
#include <openssl/x509.h>

enum {
	TWI_SNP_REPORT_SIZE = 0x4a0,
	TWI_SNP_SIGNED_SIZE = 0x2a0,	/* report bytes covered by the signature */
	TWI_SNP_SIG_OFF = 0x2a0,
	TWI_SNP_SIG_COMP = 72,		/* r and s fields, little-endian */
	TWI_SNP_P384 = 48,
	TWI_SNP_CHIP_ID_SIZE = 64,
	TWI_SNP_TURIN_HWID_SIZE = 8,
	TWI_SNP_CSP_MAX = 128,
};

enum twi_snp_product {
	TWI_SNP_PRODUCT_UNKNOWN,
	TWI_SNP_MILAN,
	TWI_SNP_GENOA,
	TWI_SNP_TURIN,
};

/* SIGNING_KEY field of the report (bits 4:2 at 0x48). */
enum twi_snp_signer {
	TWI_SNP_SIGNER_VCEK = 0,
	TWI_SNP_SIGNER_VLEK = 1,
	TWI_SNP_SIGNER_NONE = 7,
};

/* Guest policy bits (POLICY at 0x08). */
#define TWI_SNP_POLICY_SMT		(1ULL << 16)
#define TWI_SNP_POLICY_RSVD1		(1ULL << 17)
#define TWI_SNP_POLICY_MIGRATE_MA	(1ULL << 18)
#define TWI_SNP_POLICY_DEBUG		(1ULL << 19)
#define TWI_SNP_POLICY_SINGLE_SOCKET	(1ULL << 20)

/* One decoded TCB_VERSION; fmc is only meaningful on Turin. */
struct twi_snp_tcb {
	uint8_t fmc;
	uint8_t bl;
	uint8_t tee;
	uint8_t snp;
	uint8_t ucode;
};

/* Field view of a report; integers in host order, r and s big-endian. */
struct twi_snp_report {
	uint8_t body[TWI_SNP_SIGNED_SIZE];	/* the signed bytes */
	uint8_t sig_rs[2 * TWI_SNP_P384];
	uint32_t version;
	uint32_t guest_svn;
	uint64_t policy;
	uint32_t vmpl;
	uint32_t sig_algo;
	uint64_t platform_info;
	uint32_t flags;
	enum twi_snp_signer signer;
	bool author_key_en;
	bool mask_chip_key;
	uint8_t family_id[16];
	uint8_t image_id[16];
	uint8_t report_data[64];
	uint8_t measurement[48];
	uint8_t host_data[32];
	uint8_t id_key_digest[48];
	uint8_t author_key_digest[48];
	uint8_t report_id[32];
	uint8_t report_id_ma[32];
	uint8_t current_tcb[8];
	uint8_t reported_tcb[8];
	uint8_t committed_tcb[8];
	uint8_t launch_tcb[8];
	uint8_t chip_id[TWI_SNP_CHIP_ID_SIZE];
	uint8_t cpuid_fam, cpuid_mod, cpuid_step;	/* version >= 3 */
	uint64_t launch_mit, current_mit;		/* version >= 5 */
};

/*
 * Certificates and CRLs gathered from --aux and the collateral directory,
 * and the ARKs trusted beside AMD's pinned ones (--ark).
 */
struct twi_snp_certs {
	STACK_OF(X509) *certs;
	STACK_OF(X509_CRL) *crls;
	STACK_OF(X509) *arks;
};

/* A verified signing key: safe to cache while `at` is inside the window. */
struct twi_snp_chain {
	enum twi_snp_product product;
	enum twi_snp_signer signer;
	EVP_PKEY *key;
	uint8_t pub[1 + 2 * TWI_SNP_P384];	/* 0x04 || X || Y */
	struct twi_snp_tcb tcb;			/* from the leaf extensions */
	bool has_fmc;
	uint8_t hwid[TWI_SNP_CHIP_ID_SIZE];
	size_t hwid_len;			/* 0 for a VLEK */
	char csp[TWI_SNP_CSP_MAX];		/* VLEK only */
	time_t not_before, not_after;		/* intersection over the chain */
};

/* What the policy engine reads after a successful verification. */
struct twi_snp_claims {
	struct twi_snp_report report;
	enum twi_snp_product product;
	enum twi_snp_signer signer;
	struct twi_snp_tcb reported, current, committed, launch;
	char csp[TWI_SNP_CSP_MAX];
	time_t key_not_after;
};

const char *twi_snp_product_name(enum twi_snp_product p);
enum twi_snp_product twi_snp_product_from_name(const char *name);

int twi_snp_parse(const uint8_t *buf, size_t len, struct twi_snp_report *r,
		  char *why, size_t whylen);

/* Product from CPUID (version >= 3), else TWI_SNP_PRODUCT_UNKNOWN. */
enum twi_snp_product twi_snp_report_product(const struct twi_snp_report *r);

void twi_snp_tcb_decode(const uint8_t raw[8], enum twi_snp_product p,
			struct twi_snp_tcb *t);

void twi_snp_certs_init(struct twi_snp_certs *c);
void twi_snp_certs_free(struct twi_snp_certs *c);
/*
 * A PEM bundle (certificates and CRLs), one DER certificate or CRL, or an
 * SNP certificate table (SNP_GET_EXT_REPORT, configfs-tsm's auxblob).
 */
int twi_snp_certs_add_mem(struct twi_snp_certs *c, const uint8_t *buf,
			  size_t len);
/*
 * Trust one more ARK (PEM or DER): a self-signed certificate named
 * CN=ARK-<Product>, then accepted as that product's root exactly like the
 * built-in pins (by the SHA-256 of its DER).  For test roots and private
 * deployments.
 */
int twi_snp_certs_add_ark(struct twi_snp_certs *c, const uint8_t *buf,
			  size_t len, char *why, size_t whylen);
int twi_snp_certs_add_file(struct twi_snp_certs *c, const char *path);
/* Load what DIR/snp/ holds for this report (see Documentation/verify.rst). */
int twi_snp_certs_add_collateral(struct twi_snp_certs *c, const char *dir,
				 const struct twi_snp_report *r);

/* Signer kind and product from the leaf's names only (no extensions). */
int twi_snp_leaf_kind(X509 *leaf, struct twi_snp_chain *ch);
/* Names, AMD extensions and key of a leaf; exposed for the fuzzer. */
int twi_snp_leaf_info(X509 *leaf, struct twi_snp_chain *ch, char *why,
		      size_t whylen);

int twi_snp_chain_verify(const struct twi_snp_certs *c,
			 const struct twi_snp_report *r, time_t at,
			 struct twi_snp_chain *ch, char *why, size_t whylen);
void twi_snp_chain_free(struct twi_snp_chain *ch);

int twi_snp_report_verify(const struct twi_snp_report *r,
			  const struct twi_snp_chain *ch, time_t at,
			  struct twi_snp_claims *out, char *why, size_t whylen);

/* The report signature alone (the hot path), switchable backend. */
int twi_snp_sig_verify(const struct twi_snp_chain *ch,
		       const struct twi_snp_report *r);

/*
 * Process-wide choice of the ECDSA P-384 code for report signatures.  The
 * default is twi's own core (kmod/crypto) when the library was built with
 * it, which measured faster, else OpenSSL.  -EOPNOTSUPP if not built in.
 */
enum twi_snp_sig_backend {
	TWI_SNP_SIG_OPENSSL,
	TWI_SNP_SIG_TWI,
};

int twi_snp_set_sig_backend(enum twi_snp_sig_backend b);

int twi_snp_verify(const uint8_t *buf, size_t len,
		   const struct twi_snp_certs *c, time_t at,
		   struct twi_snp_claims *out, char *why, size_t whylen);

#endif /* TWI_VERIFY_SNP_H */
