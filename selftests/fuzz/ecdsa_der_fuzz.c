// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer harness for the twi ECDSA DER signature parser.  Input: one
 * byte choosing the curve, then the candidate Ecdsa-Sig-Value.  Whatever
 * the parser accepts must re-encode to exactly the bytes it consumed
 * (DER is unique).  When bit 1 of the first byte is set, the decoded
 * r || s also goes through verification with a fixed public key, which
 * must reject it without crashing (kept optional: verification is slow
 * next to parsing).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "kmod/crypto/twi_ecdsa.h"

static u8 pub[2][TWI_EC_MAX_PUB];

static int one_rng(void *ctx, u8 *buf, size_t len)
{
	memset(buf, 0x42, len);
	return 0;
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	u8 priv[TWI_EC_MAX_BYTES];

	if (twi_ecdsa_init() ||
	    twi_ecdsa_keygen(TWI_CURVE_P256, one_rng, NULL, priv, pub[0]) ||
	    twi_ecdsa_keygen(TWI_CURVE_P384, one_rng, NULL, priv, pub[1]))
		abort();
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	u8 rs[TWI_EC_MAX_SIG], der[TWI_EC_MAX_DER_SIG], dg[32] = { 1 };
	enum twi_curve curve;
	size_t len;
	int ret;

	if (size < 1)
		return 0;
	curve = data[0] & 1 ? TWI_CURVE_P384 : TWI_CURVE_P256;
	ret = twi_ecdsa_sig_from_der(curve, data + 1, size - 1, rs);
	if (ret < 0) {
		if (ret != -EBADMSG)
			abort();
		return 0;
	}
	if ((size_t)ret > size - 1 ||
	    (size_t)ret > twi_ecdsa_max_der_sig(curve))
		abort();
	len = sizeof(der);
	if (twi_ecdsa_sig_to_der(curve, rs, der, &len) || len != (size_t)ret ||
	    memcmp(der, data + 1, len))
		abort();
	if (!(data[0] & 2))
		return 0;
	/* a 2^-256 chance of a real signature is not worth an exception */
	ret = twi_ecdsa_verify(curve, pub[curve == TWI_CURVE_P384], dg,
			       sizeof(dg), rs);
	if (ret != -EKEYREJECTED)
		abort();
	return 0;
}
