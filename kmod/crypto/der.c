// SPDX-License-Identifier: GPL-2.0
/*
 * DER encodings for twi ECDSA: Ecdsa-Sig-Value (RFC 3279) and
 * SubjectPublicKeyInfo with id-ecPublicKey (RFC 5480).
 */
#include "twi_ecdsa.h"

/* SEQUENCE { SEQUENCE { id-ecPublicKey, namedCurve } BIT STRING ... } */
static const u8 spki_p256[] = {
	0x30, 0x59, 0x30, 0x13,
	0x06, 0x07, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01,
	0x06, 0x08, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07,
	0x03, 0x42, 0x00,
};

static const u8 spki_p384[] = {
	0x30, 0x76, 0x30, 0x10,
	0x06, 0x07, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01,
	0x06, 0x05, 0x2b, 0x81, 0x04, 0x00, 0x22,
	0x03, 0x62, 0x00,
};

size_t twi_ecdsa_max_der_sig(enum twi_curve curve)
{
	size_t n = twi_ec_bytes(curve);

	/* short-form lengths suffice: at most 2 + 2 * 51 bytes */
	return n ? 2 + 2 * (2 + 1 + n) : 0;
}

/* bytes of the minimal DER INTEGER content for the unsigned value v */
static size_t int_len(const u8 *v, size_t n)
{
	size_t i = 0;

	while (i < n - 1 && !v[i])
		i++;
	return n - i + (v[i] >> 7);
}

static u8 *put_int(u8 *p, const u8 *v, size_t n)
{
	size_t len = int_len(v, n);

	*p++ = 0x02;
	*p++ = (u8)len;
	if (len > n) {
		*p++ = 0x00;
		len--;
	}
	memcpy(p, v + n - len, len);
	return p + len;
}

/**
 * twi_ecdsa_sig_to_der() - encode r || s as a DER Ecdsa-Sig-Value
 * @curve: curve
 * @rs: r || s, 2 * twi_ec_bytes() bytes
 * @der: out buffer
 * @len: in: size of @der; out: bytes written
 *
 * Return: 0, -EINVAL for a bad curve, -EMSGSIZE if @der is too small.
 */
int twi_ecdsa_sig_to_der(enum twi_curve curve, const u8 *rs, u8 *der,
			 size_t *len)
{
	size_t n = twi_ec_bytes(curve);
	size_t body;
	u8 *p;

	if (!n || !rs || !der || !len)
		return -EINVAL;
	body = 4 + int_len(rs, n) + int_len(rs + n, n);
	if (*len < 2 + body)
		return -EMSGSIZE;
	p = der;
	*p++ = 0x30;
	*p++ = (u8)body;
	p = put_int(p, rs, n);
	p = put_int(p, rs + n, n);
	*len = p - der;
	return 0;
}

/*
 * Strict DER INTEGER at p: non-negative, minimal, at most n value bytes.
 * Writes the value right-aligned into out[n]; returns the encoded length.
 */
static int get_int(const u8 *p, size_t avail, u8 *out, size_t n)
{
	const u8 *v = p + 2;
	size_t len;

	if (avail < 3 || p[0] != 0x02)
		return -EBADMSG;
	len = p[1];
	if (len == 0 || len > 0x7f || len > avail - 2)
		return -EBADMSG;
	if (v[0] & 0x80)
		return -EBADMSG;	/* negative */
	if (len > 1 && !v[0] && !(v[1] & 0x80))
		return -EBADMSG;	/* non-minimal */
	if (len > 1 && !v[0]) {
		v++;
		len--;
	}
	if (len > n)
		return -EBADMSG;
	memset(out, 0, n - len);
	memcpy(out + n - len, v, len);
	return 2 + p[1];
}

/**
 * twi_ecdsa_sig_from_der() - decode a DER Ecdsa-Sig-Value
 * @curve: curve
 * @der: input
 * @len: bytes available at @der
 * @rs: out, r || s, 2 * twi_ec_bytes() bytes
 *
 * The SEQUENCE must be strict DER (definite, minimal lengths, minimal
 * non-negative INTEGERs no wider than the curve, nothing else inside).
 * Bytes after the SEQUENCE are not examined: the caller decides whether
 * trailing data is allowed (e.g. zero padding up to a fixed size).
 *
 * Return: the length of the SEQUENCE in bytes (> 0), or -EBADMSG, or
 * -EINVAL for a bad curve.
 */
int twi_ecdsa_sig_from_der(enum twi_curve curve, const u8 *der, size_t len,
			   u8 *rs)
{
	size_t n = twi_ec_bytes(curve);
	size_t body, used;
	int ret;

	if (!n || !der || !rs)
		return -EINVAL;
	if (len < 2 || der[0] != 0x30 || der[1] > 0x7f)
		return -EBADMSG;
	body = der[1];
	if (body > len - 2)
		return -EBADMSG;
	ret = get_int(der + 2, body, rs, n);
	if (ret < 0)
		goto bad;
	used = ret;
	ret = get_int(der + 2 + used, body - used, rs + n, n);
	if (ret < 0 || used + ret != body)
		goto bad;
	return (int)(2 + body);
bad:
	memset(rs, 0, 2 * n);
	return -EBADMSG;
}

/**
 * twi_ecdsa_spki() - DER SubjectPublicKeyInfo for a public key
 * @curve: curve
 * @pub: 0x04 || X || Y
 * @out: out buffer, TWI_EC_MAX_SPKI bytes suffice
 * @len: in: size of @out; out: bytes written
 *
 * Return: 0, -EINVAL for a bad curve or a point not on the curve,
 * -EMSGSIZE if @out is too small.
 */
int twi_ecdsa_spki(enum twi_curve curve, const u8 *pub, u8 *out, size_t *len)
{
	size_t plen = twi_ecdsa_pub_len(curve);
	const u8 *hdr;
	size_t hlen;
	int ret;

	if (!plen || !out || !len)
		return -EINVAL;
	ret = twi_ecdsa_pub_check(curve, pub);
	if (ret)
		return ret;
	hdr = curve == TWI_CURVE_P256 ? spki_p256 : spki_p384;
	hlen = curve == TWI_CURVE_P256 ? sizeof(spki_p256) : sizeof(spki_p384);
	if (*len < hlen + plen)
		return -EMSGSIZE;
	memcpy(out, hdr, hlen);
	memcpy(out + hlen, pub, plen);
	*len = hlen + plen;
	return 0;
}
