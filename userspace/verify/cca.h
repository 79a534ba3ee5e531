/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Arm CCA attestation token verification.
 *
 * A token is tag 399 wrapping {44234: platform COSE_Sign1, 44241: realm
 * COSE_Sign1}.  The platform token is signed by the CPAK, a trust anchor
 * the policy supplies; the realm token by the RAK it carries in claim 44237;
 * the platform challenge must equal the hash of the RAK (realm key binding).
 */
#ifndef TWI_VERIFY_CCA_H
#define TWI_VERIFY_CCA_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <openssl/evp.h>

#define TWI_CCA_TAG_TOKEN	399
#define TWI_CCA_PLATFORM	44234
#define TWI_CCA_REALM		44241

/* Claim keys, platform token */
#define TWI_CCA_P_PROFILE	265
#define TWI_CCA_P_CHALLENGE	10
#define TWI_CCA_P_IMPL_ID	2396
#define TWI_CCA_P_INSTANCE_ID	256
#define TWI_CCA_P_CONFIG	2401
#define TWI_CCA_P_LIFECYCLE	2395
#define TWI_CCA_P_SW_COMPONENTS	2399
#define TWI_CCA_P_VERIFICATION	2400
#define TWI_CCA_P_HASH_ALG	2402

/* Claim keys, realm token */
#define TWI_CCA_R_PROFILE	265
#define TWI_CCA_R_CHALLENGE	10
#define TWI_CCA_R_PERSONAL	44235
#define TWI_CCA_R_HASH_ALG	44236
#define TWI_CCA_R_PUB_KEY	44237
#define TWI_CCA_R_RIM		44238
#define TWI_CCA_R_REM		44239
#define TWI_CCA_R_PUB_KEY_HASH	44240

/* Keys of one software component map */
#define TWI_CCA_SW_TYPE		1
#define TWI_CCA_SW_VALUE	2
#define TWI_CCA_SW_VERSION	4
#define TWI_CCA_SW_SIGNER	5
#define TWI_CCA_SW_HASH_ALG	6

enum {
	TWI_CCA_CHALLENGE_LEN = 64,
	TWI_CCA_PERSONAL_LEN = 64,
	TWI_CCA_DIGEST_MAX = 64,	/* sha-512 */
	TWI_CCA_REM_COUNT = 4,
	TWI_CCA_IMPL_ID_LEN = 32,
	TWI_CCA_INSTANCE_ID_LEN = 33,	/* 0x01 || 32 random bytes */
	TWI_CCA_RAK_MAX = 160,		/* raw P-384 point or COSE_Key */
	TWI_CCA_CONFIG_MAX = 256,
	TWI_CCA_TEXT_MAX = 128,		/* profiles, URLs, names */
	TWI_CCA_SW_MAX = 32,
};

struct twi_cca_digest {
	uint8_t v[TWI_CCA_DIGEST_MAX];
	size_t len;
};

/* One platform software component; empty strings when absent. */
struct twi_cca_sw_component {
	char type[TWI_CCA_TEXT_MAX];		/* measurement type, "BL" */
	struct twi_cca_digest value;		/* measurement value */
	struct twi_cca_digest signer_id;
	char version[TWI_CCA_TEXT_MAX];
	char hash_alg[TWI_CCA_TEXT_MAX];
};

/* The appraised claims of both tokens. */
struct twi_cca_claims {
	/* realm token */
	char realm_profile[TWI_CCA_TEXT_MAX];	/* "" when absent */
	uint8_t realm_challenge[TWI_CCA_CHALLENGE_LEN];
	uint8_t personalization[TWI_CCA_PERSONAL_LEN];
	char realm_hash_alg[TWI_CCA_TEXT_MAX];	/* of RIM and REMs */
	struct twi_cca_digest rim;		/* realm initial measurement */
	struct twi_cca_digest rem[TWI_CCA_REM_COUNT];
	uint8_t rak[TWI_CCA_RAK_MAX];		/* claim bytes as signed */
	size_t rak_len;
	char rak_hash_alg[TWI_CCA_TEXT_MAX];

	/* platform token */
	char platform_profile[TWI_CCA_TEXT_MAX];
	struct twi_cca_digest platform_challenge;	/* = H(rak) */
	uint8_t impl_id[TWI_CCA_IMPL_ID_LEN];
	uint8_t instance_id[TWI_CCA_INSTANCE_ID_LEN];
	uint8_t config[TWI_CCA_CONFIG_MAX];
	size_t config_len;
	uint16_t lifecycle;
	char platform_hash_alg[TWI_CCA_TEXT_MAX];
	char verification_service[TWI_CCA_TEXT_MAX];	/* "" when absent */
	unsigned int n_sw;
	struct twi_cca_sw_component sw[TWI_CCA_SW_MAX];
};

/*
 * Decode a token and both claim sets without checking any signature (for
 * display and fuzzing).  0 or -EBADMSG with a reason in why.
 */
int twi_cca_parse(const uint8_t *token, size_t len,
		  struct twi_cca_claims *claims, char *why, size_t whylen);

/*
 * Verify a token against the CPAK: platform signature (-EKEYREJECTED),
 * RAK from claim 44237 and realm signature (-EKEYREJECTED), platform
 * challenge = H(RAK) with H named by claim 44240 (-EKEYREJECTED), plus
 * every check of twi_cca_parse() (-EBADMSG).  Without cpak: -ENOKEY.
 * Claims are filled on success only.  CCA tokens carry no validity period,
 * so no time is needed.
 */
int twi_cca_verify(const uint8_t *token, size_t len, EVP_PKEY *cpak,
		   struct twi_cca_claims *claims, char *why, size_t whylen);

/*
 * Load a CPAK trust anchor: a PEM SubjectPublicKeyInfo or an EC JWK (JSON
 * object with kty "EC", crv "P-384", x, y).  twi_cca_cpak_parse() takes the
 * text in memory.  0, -ENOENT/-EACCES (file), -EBADMSG (unusable key).
 */
int twi_cca_cpak_load(const char *path, EVP_PKEY **cpak, char *why,
		      size_t whylen);
int twi_cca_cpak_parse(const char *text, size_t len, EVP_PKEY **cpak,
		       char *why, size_t whylen);

/* The PSA/CCA lifecycle state is "secured" (0x3000..0x30ff). */
static inline bool twi_cca_lifecycle_secured(uint16_t lifecycle)
{
	return (lifecycle & 0xff00) == 0x3000;
}

#endif /* TWI_VERIFY_CCA_H */
