/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Small helpers shared by the twi verifier backends.
 *
 * Reason convention: every check that fails writes one line naming the
 * failed check into a caller buffer (char *why, size_t whylen, at least
 * TWI_WHY_MAX bytes is plenty) and returns a negative errno:
 *
 *   -EBADMSG       malformed evidence or collateral
 *   -EKEYREJECTED  a signature does not verify
 *   -EKEYEXPIRED   a certificate/collateral is expired or not yet valid
 *   -EKEYREVOKED   a certificate is revoked
 *   -ENOKEY        missing collateral or trust anchor
 *   -EPERM         the evidence is genuine but the policy refuses it
 *
 * twi_fail() does both in one statement:
 *
 *	return twi_fail(why, whylen, -EKEYREJECTED, "report signature");
 */
#ifndef TWI_VERIFY_UTIL_H
#define TWI_VERIFY_UTIL_H

#include <errno.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#define TWI_WHY_MAX 256

#define TWI_ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

/* Format a reason into why (may be NULL) and return err. */
int twi_fail(char *why, size_t whylen, int err, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

/* Read a whole file into a malloc'd buffer (NUL-terminated, not counted). */
int twi_read_file(const char *path, uint8_t **buf, size_t *len);

/* Lower-case hex of len bytes into out (2 * len + 1 bytes). */
void twi_hex_encode(const uint8_t *in, size_t len, char *out);

/*
 * Decode exactly 2 * outlen hex digits (either case) from hex.
 * Returns 0, or -EINVAL for a bad digit or a length other than 2 * outlen.
 */
int twi_hex_decode(const char *hex, uint8_t *out, size_t outlen);

/* Copy n bytes reversed: little-endian integers to big-endian and back. */
void twi_reverse_copy(uint8_t *dst, const uint8_t *src, size_t n);

/*
 * ECDSA signature forms.  raw is r || s, each n bytes big-endian.
 * twi_ecdsa_raw_to_der() returns a malloc'd DER ECDSA-Sig-Value.
 * twi_ecdsa_der_to_raw() writes 2 * n bytes; -EBADMSG if r or s is too big.
 */
int twi_ecdsa_raw_to_der(const uint8_t *raw, size_t n, uint8_t **der,
			 size_t *derlen);
int twi_ecdsa_der_to_raw(const uint8_t *der, size_t derlen, uint8_t *raw,
			 size_t n);

/* Parse "YYYY-MM-DDTHH:MM:SSZ", "YYYY-MM-DD" or "@SECONDS" (UTC). */
int twi_parse_time(const char *s, time_t *t);

/* "YYYY-MM-DDTHH:MM:SSZ" into out (at least 21 bytes). */
void twi_format_time(time_t t, char *out, size_t outlen);

static inline uint16_t twi_le16(const uint8_t *p)
{
	return (uint16_t)(p[0] | p[1] << 8);
}

static inline uint32_t twi_le32(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
	       (uint32_t)p[3] << 24;
}

static inline uint64_t twi_le64(const uint8_t *p)
{
	return (uint64_t)twi_le32(p) | (uint64_t)twi_le32(p + 4) << 32;
}

static inline uint16_t twi_be16(const uint8_t *p)
{
	return (uint16_t)(p[0] << 8 | p[1]);
}

static inline uint32_t twi_be32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	       (uint32_t)p[2] << 8 | (uint32_t)p[3];
}

/* True when all n bytes are zero. */
int twi_is_zero(const uint8_t *p, size_t n);

#endif /* TWI_VERIFY_UTIL_H */
