/* SPDX-License-Identifier: GPL-2.0 */
/* Streaming SHA-2 and HMAC, internal to the twi crypto core. */
#ifndef TWI_CRYPTO_HASH_H
#define TWI_CRYPTO_HASH_H

#include "twi_ecdsa.h"

struct twi_sha256_ctx {
	u32 h[8];
	u64 len;
	u8 buf[64];
};

struct twi_sha512_ctx {
	u64 h[8];
	u64 len;
	u8 buf[128];
};

struct twi_hash_ctx {
	enum twi_hash alg;
	union {
		struct twi_sha256_ctx s256;
		struct twi_sha512_ctx s512;
	};
};

struct twi_hmac_ctx {
	struct twi_hash_ctx inner;
	struct twi_hash_ctx outer;
};

int twi_hash_init(struct twi_hash_ctx *ctx, enum twi_hash alg);
void twi_hash_update(struct twi_hash_ctx *ctx, const u8 *data, size_t len);
void twi_hash_final(struct twi_hash_ctx *ctx, u8 *out);

int twi_hmac_init(struct twi_hmac_ctx *ctx, enum twi_hash alg,
		  const u8 *key, size_t klen);
void twi_hmac_update(struct twi_hmac_ctx *ctx, const u8 *data, size_t len);
void twi_hmac_final(struct twi_hmac_ctx *ctx, u8 *out);

/*
 * sha256_x86_64.S, x86-64 only: nblocks 64-byte blocks into state on the
 * SHA extensions.  The caller checks the CPU and owns the vector registers.
 */
void twi_sha256_ni_blocks(u32 *state, const u8 *data, size_t nblocks);

#endif /* TWI_CRYPTO_HASH_H */
