// SPDX-License-Identifier: GPL-2.0
/*
 * The strict CBOR decoder against RFC 8949: the examples of Appendix A
 * (compared in the RFC's own diagnostic notation) and the not-well-formed
 * classes of Appendix F, plus the strictness rules twi adds (shortest
 * heads, UTF-8, depth).
 */
#include <stdio.h>
#include <string.h>

#include "kselftest_harness.h"
#include "userspace/verify/cbor.h"

static size_t unhex(const char *hex, uint8_t *out, size_t cap)
{
	size_t n = strlen(hex) / 2, i;
	unsigned int v;

	if (n > cap)
		return 0;
	for (i = 0; i < n; i++) {
		sscanf(hex + 2 * i, "%2x", &v);
		out[i] = (uint8_t)v;
	}
	return n;
}

struct diag {
	char s[512];
	size_t n;
};

static void put(struct diag *d, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void put(struct diag *d, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	if (d->n < sizeof(d->s))
		d->n += vsnprintf(d->s + d->n, sizeof(d->s) - d->n, fmt, ap);
	va_end(ap);
}

/* RFC 8949 section 8 diagnostic notation, for everything but floats. */
static int diag(struct diag *d, const struct twi_cbor_item *it)
{
	static const char *const names[] = { "false", "true", "null",
					     "undefined" };
	struct twi_cbor_item child, inner;
	struct twi_cbor_iter iter;
	uint8_t buf[256];
	size_t len, i;
	int ret, n = 0;

	switch (it->major) {
	case TWI_CBOR_UINT:
		put(d, "%llu", (unsigned long long)it->arg);
		return 0;
	case TWI_CBOR_NINT:
		if (it->arg == UINT64_MAX)
			put(d, "-18446744073709551616");
		else
			put(d, "-%llu", (unsigned long long)it->arg + 1);
		return 0;
	case TWI_CBOR_BYTES:
	case TWI_CBOR_TEXT:
		ret = twi_cbor_string(it, it->major, buf, sizeof(buf), &len);
		if (ret)
			return ret;
		if (it->major == TWI_CBOR_BYTES) {
			put(d, "h'");
			for (i = 0; i < len; i++)
				put(d, "%02x", buf[i]);
			put(d, "'");
			return 0;
		}
		put(d, "\"");
		for (i = 0; i < len; i++)
			put(d, "%s%c", buf[i] == '"' || buf[i] == '\\' ? "\\" : "",
			    buf[i]);
		put(d, "\"");
		return 0;
	case TWI_CBOR_ARRAY:
	case TWI_CBOR_MAP:
		put(d, "%s", it->major == TWI_CBOR_MAP ? "{" : "[");
		if (it->indefinite)
			put(d, "_ ");
		twi_cbor_iter_init(&iter, it);
		while ((ret = twi_cbor_next(&iter, &child)) == 1) {
			if (n)
				put(d, it->major == TWI_CBOR_MAP && n % 2 ?
					       ": " : ", ");
			ret = diag(d, &child);
			if (ret)
				return ret;
			n++;
		}
		put(d, "%s", it->major == TWI_CBOR_MAP ? "}" : "]");
		return ret;
	case TWI_CBOR_TAG:
		put(d, "%llu(", (unsigned long long)it->arg);
		ret = twi_cbor_untag(it, it->arg, &inner);
		if (!ret)
			ret = diag(d, &inner);
		put(d, ")");
		return ret;
	default:
		if (it->is_float)
			return -EINVAL;
		if (it->arg >= 20 && it->arg <= 23)
			put(d, "%s", names[it->arg - 20]);
		else
			put(d, "simple(%llu)", (unsigned long long)it->arg);
		return 0;
	}
}

struct example {
	const char *hex;
	const char *diag;
};

/* RFC 8949 Appendix A, Table 6, without the floating-point rows. */
static const struct example appendix_a[] = {
	{ "00", "0" },
	{ "01", "1" },
	{ "0a", "10" },
	{ "17", "23" },
	{ "1818", "24" },
	{ "1819", "25" },
	{ "1864", "100" },
	{ "1903e8", "1000" },
	{ "1a000f4240", "1000000" },
	{ "1b000000e8d4a51000", "1000000000000" },
	{ "1bffffffffffffffff", "18446744073709551615" },
	{ "c249010000000000000000", "2(h'010000000000000000')" },
	{ "3bffffffffffffffff", "-18446744073709551616" },
	{ "c349010000000000000000", "3(h'010000000000000000')" },
	{ "20", "-1" },
	{ "29", "-10" },
	{ "3863", "-100" },
	{ "3903e7", "-1000" },
	{ "f4", "false" },
	{ "f5", "true" },
	{ "f6", "null" },
	{ "f7", "undefined" },
	{ "f0", "simple(16)" },
	{ "f8ff", "simple(255)" },
	{ "c074323031332d30332d32315432303a30343a30305a",
	  "0(\"2013-03-21T20:04:00Z\")" },
	{ "c11a514b67b0", "1(1363896240)" },
	{ "d74401020304", "23(h'01020304')" },
	{ "d818456449455446", "24(h'6449455446')" },
	{ "d82076687474703a2f2f7777772e6578616d706c652e636f6d",
	  "32(\"http://www.example.com\")" },
	{ "40", "h''" },
	{ "4401020304", "h'01020304'" },
	{ "60", "\"\"" },
	{ "6161", "\"a\"" },
	{ "6449455446", "\"IETF\"" },
	{ "62225c", "\"\\\"\\\\\"" },
	{ "62c3bc", "\"\xc3\xbc\"" },
	{ "63e6b0b4", "\"\xe6\xb0\xb4\"" },
	{ "64f0908591", "\"\xf0\x90\x85\x91\"" },
	{ "80", "[]" },
	{ "83010203", "[1, 2, 3]" },
	{ "8301820203820405", "[1, [2, 3], [4, 5]]" },
	{ "98190102030405060708090a0b0c0d0e0f101112131415161718181819",
	  "[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, "
	  "19, 20, 21, 22, 23, 24, 25]" },
	{ "a0", "{}" },
	{ "a201020304", "{1: 2, 3: 4}" },
	{ "a26161016162820203", "{\"a\": 1, \"b\": [2, 3]}" },
	{ "826161a161626163", "[\"a\", {\"b\": \"c\"}]" },
	{ "a56161614161626142616361436164614461656145",
	  "{\"a\": \"A\", \"b\": \"B\", \"c\": \"C\", \"d\": \"D\", "
	  "\"e\": \"E\"}" },
	/* indefinite-length strings: the diagnostic shows the contents */
	{ "5f42010243030405ff", "h'0102030405'" },
	{ "7f657374726561646d696e67ff", "\"streaming\"" },
	{ "9fff", "[_ ]" },
	{ "9f018202039f0405ffff", "[_ 1, [2, 3], [_ 4, 5]]" },
	{ "9f01820203820405ff", "[_ 1, [2, 3], [4, 5]]" },
	{ "83018202039f0405ff", "[1, [2, 3], [_ 4, 5]]" },
	{ "83019f0203ff820405", "[1, [_ 2, 3], [4, 5]]" },
	{ "9f0102030405060708090a0b0c0d0e0f101112131415161718181819ff",
	  "[_ 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, "
	  "18, 19, 20, 21, 22, 23, 24, 25]" },
	{ "bf61610161629f0203ffff", "{_ \"a\": 1, \"b\": [_ 2, 3]}" },
	{ "826161bf61626163ff", "[\"a\", {_ \"b\": \"c\"}]" },
	{ "bf6346756ef563416d7421ff", "{_ \"Fun\": true, \"Amt\": -2}" },
};

TEST(rfc8949_appendix_a)
{
	struct twi_cbor_item it;
	uint8_t buf[128];
	struct diag d;
	size_t i, n;

	for (i = 0; i < ARRAY_SIZE(appendix_a); i++) {
		n = unhex(appendix_a[i].hex, buf, sizeof(buf));
		memset(&d, 0, sizeof(d));
		ASSERT_EQ(0, twi_cbor_decode(buf, n, &it))
			TH_LOG("decode %s", appendix_a[i].hex);
		ASSERT_EQ(n, it.raw_len);
		ASSERT_EQ(0, diag(&d, &it));
		ASSERT_STREQ(appendix_a[i].diag, d.s)
			TH_LOG("for %s", appendix_a[i].hex);
	}
}

struct float_example {
	const char *hex;
	double v;
};

/* RFC 8949 Appendix A, the floating-point rows. */
static const struct float_example floats[] = {
	{ "f90000", 0.0 },
	{ "f93c00", 1.0 },
	{ "fb3ff199999999999a", 1.1 },
	{ "f93e00", 1.5 },
	{ "f97bff", 65504.0 },
	{ "fa47c35000", 100000.0 },
	{ "fa7f7fffff", 3.4028234663852886e+38 },
	{ "fb7e37e43c8800759c", 1.0e+300 },
	{ "f90001", 5.960464477539063e-08 },
	{ "f90400", 0.00006103515625 },
	{ "f9c400", -4.0 },
	{ "fbc010666666666666", -4.1 },
	{ "f97c00", __builtin_inf() },
	{ "f9fc00", -__builtin_inf() },
	{ "fa7f800000", __builtin_inf() },
	{ "faff800000", -__builtin_inf() },
	{ "fb7ff0000000000000", __builtin_inf() },
	{ "fbfff0000000000000", -__builtin_inf() },
	{ "c1fb41d452d9ec200000", 1363896240.5 },	/* inside tag 1 */
};

TEST(rfc8949_floats)
{
	static const char *const nans[] = { "f97e00", "fa7fc00000",
					    "fb7ff8000000000000" };
	struct twi_cbor_item it, f;
	uint8_t buf[16];
	size_t i, n;
	double v;

	for (i = 0; i < ARRAY_SIZE(floats); i++) {
		n = unhex(floats[i].hex, buf, sizeof(buf));
		ASSERT_EQ(0, twi_cbor_decode(buf, n, &it));
		if (twi_cbor_untag(&it, 1, &f))
			f = it;
		ASSERT_EQ(0, twi_cbor_float(&f, &v));
		ASSERT_TRUE(v == floats[i].v) TH_LOG("%s", floats[i].hex);
	}
	for (i = 0; i < ARRAY_SIZE(nans); i++) {
		n = unhex(nans[i], buf, sizeof(buf));
		ASSERT_EQ(0, twi_cbor_decode(buf, n, &it));
		ASSERT_EQ(0, twi_cbor_float(&it, &v));
		ASSERT_TRUE(v != v);
	}
	/* negative zero keeps its sign */
	n = unhex("f98000", buf, sizeof(buf));
	ASSERT_EQ(0, twi_cbor_decode(buf, n, &it));
	ASSERT_EQ(0, twi_cbor_float(&it, &v));
	ASSERT_TRUE(v == 0.0 && __builtin_signbit(v));
}

/*
 * Not well-formed (RFC 8949 Appendix F): end of input in a head, definite
 * length strings and containers with short data, indefinite items missing
 * a break, reserved additional information, bad chunks, a break outside
 * an indefinite item, an odd indefinite map, ai 31 on majors 0, 1 and 6,
 * two-byte simple values below 32 (section 3.3).
 */
static const char *const not_well_formed[] = {
	"", "18", "19", "1901", "1a0102", "1b01020304050607", "38", "58",
	"78", "98", "9a01ff00", "b8", "d8", "f8", "f900", "fa0000",
	"fb000000", "41", "61", "5affffffff00", "5bffffffffffffffff010203",
	"7affffffff00", "7b7fffffffffffffff010203", "81", "818181818181818181",
	"8200", "a1", "a20102", "a100", "a2000000", "c0", "5f4100", "7f6100",
	"9f", "9f0102", "bf", "bf01020102", "819f", "9f8000",
	"9f9f9f9f9fffffffff", "9f819f819f9fffffff", "1c", "1d", "1e", "3c",
	"3d", "3e", "5c", "5d", "5e", "7c", "7d", "7e", "9c", "9d", "9e",
	"bc", "bd", "be", "dc", "dd", "de", "fc", "fd", "fe", "5f00ff",
	"5f21ff", "5f6100ff", "5f80ff", "5fa0ff", "5fc000ff", "5fe0ff",
	"7f4100ff", "5f5f4100ffff", "7f7f6100ffff", "ff", "81ff", "8200ff",
	"a1ff", "a1ff00", "a100ff", "a20000ff", "9f81ff", "9f829f819f9fffffffff",
	"bf00ff", "bf000000ff", "1f", "3f", "df", "f800", "f818", "f81f",
};

/* Well-formed elsewhere, refused by twi: trailing bytes, long heads, UTF-8 */
static const char *const refused[] = {
	"0000", "8000", "a0a0", "1800", "1817", "190000", "1900ff",
	"1a00000000", "1a0000ffff", "1b0000000000000000",
	"1b00000000ffffffff", "3800", "5800", "7800", "9800", "b800", "d800",
	"5f5800ff", "61ff", "61c3", "62c0af", "63e08080", "63eda080",
	"64f4908080", "64f8888080", "9bffffffffffffffff", "bbffffffffffffffff",
	"9b7fffffffffffffff00", "bb4000000000000000",
};

TEST(malformed)
{
	struct twi_cbor_item it;
	uint8_t buf[64];
	size_t i, n;

	for (i = 0; i < ARRAY_SIZE(not_well_formed); i++) {
		n = unhex(not_well_formed[i], buf, sizeof(buf));
		ASSERT_EQ(-EBADMSG, twi_cbor_decode(buf, n, &it))
			TH_LOG("accepted %s", not_well_formed[i]);
	}
	for (i = 0; i < ARRAY_SIZE(refused); i++) {
		n = unhex(refused[i], buf, sizeof(buf));
		ASSERT_EQ(-EBADMSG, twi_cbor_decode(buf, n, &it))
			TH_LOG("accepted %s", refused[i]);
	}
	ASSERT_EQ(-EBADMSG, twi_cbor_decode(NULL, 0, &it));
}

/* Every proper prefix of a valid item is truncated. */
TEST(truncated)
{
	static const char *const items[] = {
		"bf61610161629f0203ffff", "d82076687474703a2f2f7777772e657861",
		"a26161016162820203", "5f42010243030405ff",
	};
	struct twi_cbor_item it;
	uint8_t buf[64];
	size_t i, n, k;

	for (i = 0; i < ARRAY_SIZE(items); i++) {
		n = unhex(items[i], buf, sizeof(buf));
		for (k = 0; k < n; k++)
			ASSERT_EQ(-EBADMSG, twi_cbor_decode(buf, k, &it));
	}
}

/* Nesting: TWI_CBOR_MAX_DEPTH containers or tags pass, one more fails. */
TEST(depth)
{
	uint8_t buf[TWI_CBOR_MAX_DEPTH + 2];
	struct twi_cbor_item it;
	const uint8_t heads[] = { 0x81, 0xc1 };	/* [x], 1(x) */
	size_t h, i;

	for (h = 0; h < ARRAY_SIZE(heads); h++) {
		for (i = 0; i < TWI_CBOR_MAX_DEPTH; i++)
			buf[i] = heads[h];
		buf[i] = 0x00;
		ASSERT_EQ(0, twi_cbor_decode(buf, i + 1, &it));
		buf[i] = heads[h];
		buf[i + 1] = 0x00;
		ASSERT_EQ(-EBADMSG, twi_cbor_decode(buf, i + 2, &it));
	}
}

TEST(map_lookup)
{
	struct twi_cbor_item map, v;
	uint8_t buf[64];
	int64_t x;
	size_t n;

	/* {1: 2, -1: "a", "k": 3} */
	n = unhex("a30102206161616b03", buf, sizeof(buf));
	ASSERT_EQ(0, twi_cbor_decode(buf, n, &map));
	ASSERT_EQ(0, twi_cbor_map_int(&map, 1, &v));
	ASSERT_EQ(0, twi_cbor_int(&v, &x));
	ASSERT_EQ(2, x);
	ASSERT_EQ(0, twi_cbor_map_int(&map, -1, &v));
	ASSERT_EQ(TWI_CBOR_TEXT, (int)v.major);
	ASSERT_EQ(0, twi_cbor_map_text(&map, "k", &v));
	ASSERT_EQ(0, twi_cbor_int(&v, &x));
	ASSERT_EQ(3, x);
	ASSERT_EQ(-ENOENT, twi_cbor_map_int(&map, 2, &v));
	ASSERT_EQ(-ENOENT, twi_cbor_map_text(&map, "a", &v));
	ASSERT_EQ(-EBADMSG, twi_cbor_map_int(&v, 1, &v));

	/* a duplicate key makes a lookup of that key fail */
	n = unhex("a301020103616b03", buf, sizeof(buf));
	ASSERT_EQ(0, twi_cbor_decode(buf, n, &map));
	ASSERT_EQ(-EBADMSG, twi_cbor_map_int(&map, 1, &v));
	ASSERT_EQ(0, twi_cbor_map_text(&map, "k", &v));

	/* an indefinite-length text key still matches, and collides */
	n = unhex("a27f616bff01616b02", buf, sizeof(buf));
	ASSERT_EQ(0, twi_cbor_decode(buf, n, &map));
	ASSERT_EQ(-EBADMSG, twi_cbor_map_text(&map, "k", &v));

	/* integers beyond int64_t */
	n = unhex("1bffffffffffffffff", buf, sizeof(buf));
	ASSERT_EQ(0, twi_cbor_decode(buf, n, &v));
	ASSERT_EQ(-ERANGE, twi_cbor_int(&v, &x));
	n = unhex("3b7fffffffffffffff", buf, sizeof(buf));
	ASSERT_EQ(0, twi_cbor_decode(buf, n, &v));
	ASSERT_EQ(0, twi_cbor_int(&v, &x));
	ASSERT_EQ(INT64_MIN, x);
}

TEST(string_copy)
{
	struct twi_cbor_item it;
	uint8_t buf[16], out[8];
	size_t n, len;

	n = unhex("5f42010243030405ff", buf, sizeof(buf));
	ASSERT_EQ(0, twi_cbor_decode(buf, n, &it));
	ASSERT_EQ(-EMSGSIZE, twi_cbor_string(&it, TWI_CBOR_BYTES, out, 4, &len));
	ASSERT_EQ(0, twi_cbor_string(&it, TWI_CBOR_BYTES, out, 5, &len));
	ASSERT_EQ(5u, len);
	ASSERT_EQ(-EBADMSG, twi_cbor_string(&it, TWI_CBOR_TEXT, out, 8, &len));
	n = unhex("6449455446", buf, sizeof(buf));
	ASSERT_EQ(0, twi_cbor_decode(buf, n, &it));
	ASSERT_EQ(-EMSGSIZE, twi_cbor_string(&it, TWI_CBOR_TEXT, out, 3, &len));
	ASSERT_EQ(0, twi_cbor_string(&it, TWI_CBOR_TEXT, out, 4, &len));
	ASSERT_EQ(0, memcmp(out, "IETF", 4));
}

/* Heads are shortest: RFC 8949 Appendix A encodings and every boundary. */
TEST(put_head)
{
	static const struct {
		uint64_t v;
		const char *hex;
	} rfc[] = {
		{ 0, "00" }, { 23, "17" }, { 24, "1818" }, { 100, "1864" },
		{ 1000, "1903e8" }, { 1000000, "1a000f4240" },
		{ 1000000000000ull, "1b000000e8d4a51000" },
		{ UINT64_MAX, "1bffffffffffffffff" },
	};
	static const uint64_t edges[] = { 23, 24, 255, 256, 65535, 65536,
					  0xffffffffull, 0x100000000ull };
	static const size_t sizes[] = { 1, 2, 2, 3, 3, 5, 5, 9 };
	struct twi_cbor_item it;
	uint8_t out[9], want[9];
	size_t i, n;

	for (i = 0; i < ARRAY_SIZE(rfc); i++) {
		n = unhex(rfc[i].hex, want, sizeof(want));
		ASSERT_EQ(n, twi_cbor_put_head(out, TWI_CBOR_UINT, rfc[i].v));
		ASSERT_EQ(0, memcmp(want, out, n));
	}
	for (i = 0; i < ARRAY_SIZE(edges); i++) {
		n = twi_cbor_put_head(out, TWI_CBOR_NINT, edges[i]);
		ASSERT_EQ(sizes[i], n);
		ASSERT_EQ(0, twi_cbor_decode(out, n, &it));
		ASSERT_EQ(TWI_CBOR_NINT, (int)it.major);
		ASSERT_EQ(edges[i], it.arg);
	}
}

TEST_HARNESS_MAIN
