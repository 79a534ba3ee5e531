// SPDX-License-Identifier: GPL-2.0
/* Small helpers shared by the twi verifier backends. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/bn.h>
#include <openssl/ecdsa.h>

#include "userspace/verify/util.h"

int twi_fail(char *why, size_t whylen, int err, const char *fmt, ...)
{
	va_list ap;

	if (!why || !whylen)
		return err;
	va_start(ap, fmt);
	vsnprintf(why, whylen, fmt, ap);
	va_end(ap);
	return err;
}

static int read_stream(FILE *f, uint8_t **buf, size_t *len)
{
	size_t cap = 4096, n = 0, got;
	uint8_t *p = malloc(cap + 1), *q;

	if (!p)
		return -ENOMEM;
	while ((got = fread(p + n, 1, cap - n, f)) > 0) {
		n += got;
		if (n < cap)
			continue;
		q = realloc(p, 2 * cap + 1);
		if (!q) {
			free(p);
			return -ENOMEM;
		}
		p = q;
		cap *= 2;
	}
	if (ferror(f)) {
		free(p);
		return -EIO;
	}
	p[n] = 0;
	*buf = p;
	*len = n;
	return 0;
}

int twi_read_file(const char *path, uint8_t **buf, size_t *len)
{
	FILE *f = fopen(path, "rb");
	int ret;

	if (!f)
		return -errno;
	ret = read_stream(f, buf, len);
	fclose(f);
	return ret;
}

void twi_hex_encode(const uint8_t *in, size_t len, char *out)
{
	static const char digits[] = "0123456789abcdef";
	size_t i;

	for (i = 0; i < len; i++) {
		out[2 * i] = digits[in[i] >> 4];
		out[2 * i + 1] = digits[in[i] & 15];
	}
	out[2 * len] = 0;
}

static int hex_digit(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

int twi_hex_decode(const char *hex, uint8_t *out, size_t outlen)
{
	size_t i;
	int hi, lo;

	if (strlen(hex) != 2 * outlen)
		return -EINVAL;
	for (i = 0; i < outlen; i++) {
		hi = hex_digit(hex[2 * i]);
		lo = hex_digit(hex[2 * i + 1]);
		if (hi < 0 || lo < 0)
			return -EINVAL;
		out[i] = (uint8_t)(hi << 4 | lo);
	}
	return 0;
}

void twi_reverse_copy(uint8_t *dst, const uint8_t *src, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		dst[i] = src[n - 1 - i];
}

int twi_is_zero(const uint8_t *p, size_t n)
{
	uint8_t acc = 0;

	while (n--)
		acc |= *p++;
	return acc == 0;
}

int twi_ecdsa_raw_to_der(const uint8_t *raw, size_t n, uint8_t **der,
			 size_t *derlen)
{
	ECDSA_SIG *sig = ECDSA_SIG_new();
	BIGNUM *r = BN_bin2bn(raw, (int)n, NULL);
	BIGNUM *s = BN_bin2bn(raw + n, (int)n, NULL);
	unsigned char *out = NULL;
	int len, ret = -ENOMEM;

	if (!sig || !r || !s)
		goto out_free;
	ECDSA_SIG_set0(sig, r, s);
	r = s = NULL;
	len = i2d_ECDSA_SIG(sig, &out);
	if (len <= 0)
		goto out_free;
	*der = out;
	*derlen = (size_t)len;
	ret = 0;
out_free:
	BN_free(r);
	BN_free(s);
	ECDSA_SIG_free(sig);
	return ret;
}

int twi_ecdsa_der_to_raw(const uint8_t *der, size_t derlen, uint8_t *raw,
			 size_t n)
{
	const unsigned char *p = der;
	const BIGNUM *r, *s;
	ECDSA_SIG *sig;
	int ret = -EBADMSG;

	sig = d2i_ECDSA_SIG(NULL, &p, (long)derlen);
	if (!sig)
		return -EBADMSG;
	if (p != der + derlen)
		goto out_free;
	ECDSA_SIG_get0(sig, &r, &s);
	if (BN_bn2binpad(r, raw, (int)n) < 0 ||
	    BN_bn2binpad(s, raw + n, (int)n) < 0)
		goto out_free;
	ret = 0;
out_free:
	ECDSA_SIG_free(sig);
	return ret;
}

int twi_parse_time(const char *s, time_t *t)
{
	struct tm tm = { 0 };
	char *end;
	long long v;

	if (s[0] == '@') {
		errno = 0;
		v = strtoll(s + 1, &end, 10);
		if (errno || end == s + 1 || *end)
			return -EINVAL;
		*t = (time_t)v;
		return 0;
	}
	end = strptime(s, "%Y-%m-%d", &tm);
	if (end && *end == 'T')
		end = strptime(end + 1, "%H:%M:%S", &tm);
	if (end && *end == 'Z')
		end++;
	if (!end || *end)
		return -EINVAL;
	*t = timegm(&tm);
	return 0;
}

void twi_format_time(time_t t, char *out, size_t outlen)
{
	struct tm tm;

	if (!gmtime_r(&t, &tm) ||
	    !strftime(out, outlen, "%Y-%m-%dT%H:%M:%SZ", &tm))
		snprintf(out, outlen, "@%lld", (long long)t);
}
