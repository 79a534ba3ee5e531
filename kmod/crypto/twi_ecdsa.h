/* SPDX-License-Identifier: GPL-2.0 */
/*
 * twi crypto core: ECDSA over NIST P-256 and P-384, SHA-2 and HMAC.
 *
 * Kernel-independent: no allocation, no sleeping, no global state other
 * than the fixed-base tables that twi_ecdsa_init() fills once.  Scalars and
 * coordinates are big-endian byte strings of twi_ec_bytes() bytes.
 */
#ifndef TWI_ECDSA_H
#define TWI_ECDSA_H

#include "twi_ec_port.h"

enum twi_curve {
	TWI_CURVE_P256,
	TWI_CURVE_P384,
};

enum twi_hash {
	TWI_HASH_SHA256,
	TWI_HASH_SHA384,
	TWI_HASH_SHA512,
};

enum {
	TWI_EC_MAX_BYTES = 48,
	TWI_EC_MAX_PUB = 1 + 2 * TWI_EC_MAX_BYTES,
	TWI_EC_MAX_SIG = 2 * TWI_EC_MAX_BYTES,
	TWI_EC_MAX_DER_SIG = 2 + 2 * (2 + 1 + TWI_EC_MAX_BYTES),
	TWI_EC_MAX_SPKI = 120,
	TWI_HASH_MAX_LEN = 64,
	/* twi_ecdsa_pub_table(): 8 + bits / 32 * odd * 2 * bytes, odd 16/8 */
	TWI_EC_PUB_TABLE_MAX = 8 + 12 * 8 * 2 * TWI_EC_MAX_BYTES,
};

typedef int (*twi_rng_fn)(void *ctx, u8 *buf, size_t len);

size_t twi_ec_bytes(enum twi_curve curve);
size_t twi_ecdsa_pub_len(enum twi_curve curve);
size_t twi_ecdsa_max_der_sig(enum twi_curve curve);

int twi_ecdsa_init(void);

int twi_ecdsa_keygen(enum twi_curve curve, twi_rng_fn rng, void *ctx,
		     u8 *priv, u8 *pub);
int twi_ecdsa_pub_check(enum twi_curve curve, const u8 *pub);
int twi_ecdsa_sign(enum twi_curve curve, enum twi_hash hash, const u8 *priv,
		   const u8 *pub, const u8 *digest, size_t dlen,
		   const u8 *extra, size_t extra_len, u8 *sig);
int twi_ecdsa_verify(enum twi_curve curve, const u8 *pub, const u8 *digest,
		     size_t dlen, const u8 *sig);

/* faster signing and verification with a table built once per public key */
size_t twi_ecdsa_pub_table_size(enum twi_curve curve);
int twi_ecdsa_pub_table(enum twi_curve curve, const u8 *pub, u64 *table,
			size_t size);
int twi_ecdsa_sign_tab(enum twi_curve curve, enum twi_hash hash,
		       const u8 *priv, const u64 *table, const u8 *digest,
		       size_t dlen, const u8 *extra, size_t extra_len, u8 *sig);
int twi_ecdsa_verify_tab(enum twi_curve curve, const u64 *table,
			 const u8 *digest, size_t dlen, const u8 *sig);

int twi_ecdsa_sig_to_der(enum twi_curve curve, const u8 *rs, u8 *der,
			 size_t *len);
int twi_ecdsa_sig_from_der(enum twi_curve curve, const u8 *der, size_t len,
			   u8 *rs);
int twi_ecdsa_spki(enum twi_curve curve, const u8 *pub, u8 *out, size_t *len);

size_t twi_hash_len(enum twi_hash hash);
int twi_hash(enum twi_hash hash, const u8 *data, size_t len, u8 *out);
void twi_sha256(const u8 *data, size_t len, u8 *out);
void twi_sha384(const u8 *data, size_t len, u8 *out);
void twi_sha512(const u8 *data, size_t len, u8 *out);
int twi_hmac(enum twi_hash hash, const u8 *key, size_t klen,
	     const u8 *data, size_t len, u8 *out);

#endif /* TWI_ECDSA_H */
