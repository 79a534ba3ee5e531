/* SPDX-License-Identifier: GPL-2.0 */
/*
 * COSE_Sign1 (RFC 9052) parsing and ECDSA verification (ES256, ES384,
 * ES512) with OpenSSL 3.  A parsed message points into the caller's
 * buffer.  Also the JOSE side of keys: JWK (RFC 7517) EC and RSA public
 * keys, as trust anchors and attestation keys are often shipped that way.
 */
#ifndef TWI_VERIFY_COSE_H
#define TWI_VERIFY_COSE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <openssl/evp.h>

#define TWI_COSE_TAG_SIGN1 18
#define TWI_COSE_ALG_ES256 (-7)
#define TWI_COSE_ALG_ES384 (-35)
#define TWI_COSE_ALG_ES512 (-36)

struct twi_cose_sign1 {
	bool tagged;			/* wrapped in tag 18 */
	int64_t alg;			/* protected header 1 */
	const uint8_t *protected_hdr;	/* contents of the protected bstr */
	size_t protected_len;
	const uint8_t *payload;
	size_t payload_len;
	const uint8_t *sig;
	size_t sig_len;
};

/*
 * Parse a COSE_Sign1 (tagged or not).  The protected header must carry an
 * integer alg, must not carry crit, and alg must not be repeated in the
 * unprotected header; a detached (nil) payload is refused.  -EBADMSG.
 */
int twi_cose_sign1_parse(const uint8_t *buf, size_t len,
			 struct twi_cose_sign1 *msg);

/*
 * Check the signature over Sig_structure ["Signature1", protected, h'',
 * payload] with key, whose curve must match alg.  Returns 0, -EKEYREJECTED
 * (bad signature or wrong key type), -EBADMSG (unsupported alg, signature
 * of the wrong size) or -ENOMEM.
 */
int twi_cose_sign1_verify(const struct twi_cose_sign1 *msg, EVP_PKEY *key);

/*
 * Build an EC public key on the named curve ("P-256", "P-384", "P-521")
 * from an uncompressed point 0x04 || x || y.  -EBADMSG if it is not a valid
 * point on that curve.
 */
int twi_cose_ec_key(const char *curve, const uint8_t *point, size_t len,
		    EVP_PKEY **key);

struct json_object;

/*
 * A public key from a JWK: kty "EC" (crv P-256/P-384/P-521, x, y of the
 * exact coordinate size) or kty "RSA" (n, e).  -EBADMSG otherwise.
 */
int twi_jwk_pkey(struct json_object *jwk, EVP_PKEY **key);

/* Unpadded base64url (RFC 4648 section 5); -EBADMSG, -EMSGSIZE. */
int twi_b64url_decode(const char *in, uint8_t *out, size_t cap, size_t *len);

/*
 * Parse exactly one JSON value from text[0..len) (need not be
 * NUL-terminated; trailing white space allowed).  NULL if malformed.
 */
struct json_object *twi_json_parse(const char *text, size_t len);

#endif /* TWI_VERIFY_COSE_H */
