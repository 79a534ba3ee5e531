// SPDX-License-Identifier: GPL-2.0
/*
 * Strict CBOR (RFC 8949) decoder: validate once, then read in place.
 * No OpenSSL and no allocation, so it can be reused anywhere.
 */
#include <errno.h>
#include <string.h>

#include "userspace/verify/cbor.h"

#define AI_INDEFINITE 31
#define BREAK 0xff

/* Read a head; ai 28..31 carry no argument and are judged by the caller. */
static int read_head(const uint8_t **pp, const uint8_t *end, uint8_t *major,
		     uint8_t *ai, uint64_t *arg)
{
	const uint8_t *p = *pp;
	uint64_t v = 0;
	size_t n, i;

	if (p >= end)
		return -EBADMSG;
	*major = *p >> 5;
	*ai = *p & 31;
	p++;
	if (*ai < 24 || *ai > 27) {
		*arg = *ai < 24 ? *ai : 0;
		*pp = p;
		return 0;
	}
	n = (size_t)1 << (*ai - 24);
	if ((size_t)(end - p) < n)
		return -EBADMSG;
	for (i = 0; i < n; i++)
		v = v << 8 | p[i];
	*arg = v;
	*pp = p + n;
	return 0;
}

/* The shortest head rule; floats (major 7, ai 25..27) are exempt. */
static bool shortest(uint8_t major, uint8_t ai, uint64_t arg)
{
	static const uint64_t min[] = { 24, 0x100, 0x10000, 0x100000000ull };

	if (ai < 24 || ai > 27)
		return true;
	if (major == TWI_CBOR_SIMPLE)
		return ai != 24 || arg >= 32;
	return arg >= min[ai - 24];
}

static bool utf8_valid(const uint8_t *s, size_t len)
{
	size_t i = 0, n, k;
	uint32_t cp;

	while (i < len) {
		uint8_t c = s[i];

		if (c < 0x80) {
			i++;
			continue;
		}
		if (c >= 0xc2 && c <= 0xdf) {
			n = 1;
			cp = c & 0x1f;
		} else if (c >= 0xe0 && c <= 0xef) {
			n = 2;
			cp = c & 0x0f;
		} else if (c >= 0xf0 && c <= 0xf4) {
			n = 3;
			cp = c & 0x07;
		} else {
			return false;
		}
		if (len - i <= n)
			return false;
		for (k = 1; k <= n; k++) {
			if ((s[i + k] & 0xc0) != 0x80)
				return false;
			cp = cp << 6 | (s[i + k] & 0x3f);
		}
		/* overlong forms, UTF-16 surrogates, beyond U+10FFFF */
		if ((n == 2 && cp < 0x800) || (n == 3 && cp < 0x10000) ||
		    (cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff)
			return false;
		i += n + 1;
	}
	return true;
}

static int walk(const uint8_t **pp, const uint8_t *end, unsigned int depth,
		struct twi_cbor_item *it);

static int definite_string(const uint8_t **pp, const uint8_t *end,
			   uint8_t major, uint64_t len)
{
	const uint8_t *p = *pp;

	if (len > (uint64_t)(end - p))
		return -EBADMSG;
	if (major == TWI_CBOR_TEXT && !utf8_valid(p, len))
		return -EBADMSG;
	*pp = p + len;
	return 0;
}

/* Chunks of an indefinite string: definite strings of the same type. */
static int chunked_string(const uint8_t **pp, const uint8_t *end,
			  uint8_t major)
{
	uint8_t cmajor, ai;
	uint64_t len;
	int ret;

	for (;;) {
		if (*pp >= end)
			return -EBADMSG;
		if (**pp == BREAK) {
			(*pp)++;
			return 0;
		}
		ret = read_head(pp, end, &cmajor, &ai, &len);
		if (ret)
			return ret;
		if (cmajor != major || ai > 27 || !shortest(cmajor, ai, len))
			return -EBADMSG;
		ret = definite_string(pp, end, major, len);
		if (ret)
			return ret;
	}
}

static int container(const uint8_t **pp, const uint8_t *end,
		     unsigned int depth, struct twi_cbor_item *it)
{
	struct twi_cbor_item child;
	uint64_t n = it->arg, i;
	int ret;

	if (depth >= TWI_CBOR_MAX_DEPTH)
		return -EBADMSG;
	if (!it->indefinite) {
		/* every item takes a byte: refuse counts the input can't hold */
		if (n > (uint64_t)(end - *pp) ||
		    (it->major == TWI_CBOR_MAP && n > (uint64_t)(end - *pp) / 2))
			return -EBADMSG;
		if (it->major == TWI_CBOR_MAP)
			n *= 2;
		for (i = 0; i < n; i++) {
			ret = walk(pp, end, depth + 1, &child);
			if (ret)
				return ret;
		}
		return 0;
	}
	for (i = 0;; i++) {
		if (*pp >= end)
			return -EBADMSG;
		if (**pp == BREAK)
			break;
		ret = walk(pp, end, depth + 1, &child);
		if (ret)
			return ret;
	}
	/* a break between a key and its value */
	if (it->major == TWI_CBOR_MAP && i % 2)
		return -EBADMSG;
	(*pp)++;
	return 0;
}

static int simple(struct twi_cbor_item *it, uint8_t ai)
{
	if (ai >= 25 && ai <= 27) {
		it->is_float = true;
		it->float_size = (uint8_t)(1 << (ai - 24));
		return 0;
	}
	/* ai 31 here is a break outside any indefinite-length item */
	return ai == AI_INDEFINITE ? -EBADMSG : 0;
}

static int walk(const uint8_t **pp, const uint8_t *end, unsigned int depth,
		struct twi_cbor_item *it)
{
	const uint8_t *start = *pp;
	uint8_t major, ai;
	int ret;

	ret = read_head(pp, end, &major, &ai, &it->arg);
	if (ret)
		return ret;
	if ((ai >= 28 && ai <= 30) || !shortest(major, ai, it->arg))
		return -EBADMSG;
	it->major = major;
	it->indefinite = ai == AI_INDEFINITE;
	it->is_float = false;
	it->float_size = 0;
	it->data = *pp;
	it->raw = start;

	switch (major) {
	case TWI_CBOR_UINT:
	case TWI_CBOR_NINT:
	case TWI_CBOR_TAG:
		if (it->indefinite)
			return -EBADMSG;
		if (major == TWI_CBOR_TAG) {
			struct twi_cbor_item inner;

			if (depth >= TWI_CBOR_MAX_DEPTH)
				return -EBADMSG;
			ret = walk(pp, end, depth + 1, &inner);
		}
		break;
	case TWI_CBOR_BYTES:
	case TWI_CBOR_TEXT:
		if (it->indefinite)
			ret = chunked_string(pp, end, major);
		else
			ret = definite_string(pp, end, major, it->arg);
		break;
	case TWI_CBOR_ARRAY:
	case TWI_CBOR_MAP:
		ret = container(pp, end, depth, it);
		break;
	default:
		ret = simple(it, ai);
		break;
	}
	if (ret)
		return ret;
	it->raw_len = (size_t)(*pp - start);
	return 0;
}

int twi_cbor_decode(const uint8_t *buf, size_t len, struct twi_cbor_item *item)
{
	const uint8_t *p = buf;
	int ret;

	if (!buf)
		return -EBADMSG;
	ret = walk(&p, buf + len, 0, item);
	if (ret)
		return ret;
	return p == buf + len ? 0 : -EBADMSG;
}

int twi_cbor_iter_init(struct twi_cbor_iter *it,
		       const struct twi_cbor_item *c)
{
	if (c->major != TWI_CBOR_ARRAY && c->major != TWI_CBOR_MAP)
		return -EBADMSG;
	it->p = c->data;
	it->end = c->raw + c->raw_len;
	it->indefinite = c->indefinite;
	it->left = c->major == TWI_CBOR_MAP ? 2 * c->arg : c->arg;
	return 0;
}

int twi_cbor_next(struct twi_cbor_iter *it, struct twi_cbor_item *item)
{
	int ret;

	if (it->indefinite) {
		if (it->p >= it->end || *it->p == BREAK)
			return 0;
	} else if (!it->left) {
		return 0;
	}
	/* the bytes were validated with full depth; depth 0 restarts here */
	ret = walk(&it->p, it->end, 0, item);
	if (ret)
		return ret;
	if (!it->indefinite)
		it->left--;
	return 1;
}

int twi_cbor_int(const struct twi_cbor_item *item, int64_t *val)
{
	if (item->major != TWI_CBOR_UINT && item->major != TWI_CBOR_NINT)
		return -EBADMSG;
	if (item->arg > INT64_MAX)
		return -ERANGE;
	if (item->major == TWI_CBOR_UINT)
		*val = (int64_t)item->arg;
	else
		*val = -1 - (int64_t)item->arg;
	return 0;
}

static double half_to_double(uint16_t h)
{
	unsigned int exp = (h >> 10) & 0x1f, mant = h & 0x3ff;
	double v;

	if (exp == 0)
		v = mant / (double)(1u << 24);
	else if (exp == 31)
		v = mant ? __builtin_nan("") : __builtin_inf();
	else if (exp >= 25)
		v = (double)(mant + 1024) * (double)(1u << (exp - 25));
	else
		v = (double)(mant + 1024) / (double)(1u << (25 - exp));
	return h & 0x8000 ? -v : v;
}

int twi_cbor_float(const struct twi_cbor_item *item, double *val)
{
	uint32_t b32;
	float f;

	if (item->major != TWI_CBOR_SIMPLE || !item->is_float)
		return -EBADMSG;
	switch (item->float_size) {
	case 2:
		*val = half_to_double((uint16_t)item->arg);
		break;
	case 4:
		b32 = (uint32_t)item->arg;
		memcpy(&f, &b32, sizeof(f));
		*val = f;
		break;
	default:
		memcpy(val, &item->arg, sizeof(*val));
		break;
	}
	return 0;
}

int twi_cbor_string(const struct twi_cbor_item *item, enum twi_cbor_major major,
		    uint8_t *out, size_t cap, size_t *len)
{
	const uint8_t *p, *end = item->raw + item->raw_len;
	struct twi_cbor_item chunk;
	size_t n = 0;
	int ret;

	if (item->major != major ||
	    (major != TWI_CBOR_BYTES && major != TWI_CBOR_TEXT))
		return -EBADMSG;
	if (!item->indefinite) {
		if (item->arg > cap)
			return -EMSGSIZE;
		memcpy(out, item->data, item->arg);
		*len = item->arg;
		return 0;
	}
	for (p = item->data; *p != BREAK; n += chunk.arg) {
		ret = walk(&p, end, 0, &chunk);
		if (ret)
			return ret;
		if (chunk.arg > cap - n)
			return -EMSGSIZE;
		memcpy(out + n, chunk.data, chunk.arg);
	}
	*len = n;
	return 0;
}

int twi_cbor_untag(const struct twi_cbor_item *item, uint64_t tag,
		   struct twi_cbor_item *inner)
{
	const uint8_t *p = item->data;

	if (item->major != TWI_CBOR_TAG || item->arg != tag)
		return -ENOENT;
	return walk(&p, item->raw + item->raw_len, 0, inner);
}

static bool key_is_int(const struct twi_cbor_item *k, int64_t key)
{
	int64_t v;

	return !twi_cbor_int(k, &v) && v == key;
}

static bool key_is_text(const struct twi_cbor_item *k, const char *key)
{
	size_t klen = strlen(key), len;
	uint8_t buf[256];

	if (k->major != TWI_CBOR_TEXT)
		return false;
	if (!k->indefinite)
		return k->arg == klen && !memcmp(k->data, key, klen);
	if (klen > sizeof(buf) ||
	    twi_cbor_string(k, TWI_CBOR_TEXT, buf, sizeof(buf), &len))
		return false;
	return len == klen && !memcmp(buf, key, klen);
}

static int map_find(const struct twi_cbor_item *map, int64_t ikey,
		    const char *tkey, struct twi_cbor_item *val)
{
	struct twi_cbor_item k, v;
	struct twi_cbor_iter it;
	bool found = false;
	int ret;

	if (map->major != TWI_CBOR_MAP)
		return -EBADMSG;
	twi_cbor_iter_init(&it, map);
	while ((ret = twi_cbor_next(&it, &k)) == 1) {
		ret = twi_cbor_next(&it, &v);
		if (ret != 1)
			return -EBADMSG;
		if (tkey ? !key_is_text(&k, tkey) : !key_is_int(&k, ikey))
			continue;
		if (found)
			return -EBADMSG;
		found = true;
		*val = v;
	}
	if (ret)
		return ret;
	return found ? 0 : -ENOENT;
}

int twi_cbor_map_int(const struct twi_cbor_item *map, int64_t key,
		     struct twi_cbor_item *val)
{
	return map_find(map, key, NULL, val);
}

int twi_cbor_map_text(const struct twi_cbor_item *map, const char *key,
		      struct twi_cbor_item *val)
{
	return map_find(map, 0, key, val);
}

size_t twi_cbor_put_head(uint8_t *out, enum twi_cbor_major major,
			 uint64_t arg)
{
	uint8_t ai;
	size_t n, i;

	if (arg < 24) {
		out[0] = (uint8_t)(major << 5 | arg);
		return 1;
	}
	if (arg <= 0xff)
		ai = 24;
	else if (arg <= 0xffff)
		ai = 25;
	else if (arg <= 0xffffffffu)
		ai = 26;
	else
		ai = 27;
	n = (size_t)1 << (ai - 24);
	out[0] = (uint8_t)(major << 5 | ai);
	for (i = 0; i < n; i++)
		out[1 + i] = (uint8_t)(arg >> (8 * (n - 1 - i)));
	return n + 1;
}
