// SPDX-License-Identifier: GPL-2.0
/* The verifier's shared helpers (util.h). */
#include <string.h>

#include "kselftest_harness.h"
#include "userspace/verify/util.h"

TEST(hex_round_trip)
{
	const uint8_t in[] = { 0x00, 0x7f, 0x80, 0xff, 0x12 };
	uint8_t out[sizeof(in)];
	char hex[2 * sizeof(in) + 1];

	twi_hex_encode(in, sizeof(in), hex);
	ASSERT_STREQ("007f80ff12", hex);
	ASSERT_EQ(0, twi_hex_decode("007F80fF12", out, sizeof(out)));
	ASSERT_EQ(0, memcmp(in, out, sizeof(in)));
	ASSERT_EQ(-EINVAL, twi_hex_decode("007f80ff1", out, sizeof(out)));
	ASSERT_EQ(-EINVAL, twi_hex_decode("007f80ff123", out, sizeof(out)));
	ASSERT_EQ(-EINVAL, twi_hex_decode("007f80ffzz", out, sizeof(out)));
}

TEST(little_endian_loads)
{
	const uint8_t b[8] = { 1, 2, 3, 4, 5, 6, 7, 0x88 };

	ASSERT_EQ(0x0201, twi_le16(b));
	ASSERT_EQ(0x04030201u, twi_le32(b));
	ASSERT_EQ(0x8807060504030201ull, twi_le64(b));
	ASSERT_EQ(0x0102, twi_be16(b));
	ASSERT_EQ(0x01020304u, twi_be32(b));
}

/* Values from `date -u -d ... +%s`. */
TEST(parse_time)
{
	time_t t;

	ASSERT_EQ(0, twi_parse_time("2025-10-01", &t));
	ASSERT_EQ(1759276800, t);
	ASSERT_EQ(0, twi_parse_time("2025-12-10T12:34:56Z", &t));
	ASSERT_EQ(1765370096, t);
	ASSERT_EQ(0, twi_parse_time("@42", &t));
	ASSERT_EQ(42, t);
	ASSERT_EQ(-EINVAL, twi_parse_time("2025-10-01x", &t));
	ASSERT_EQ(-EINVAL, twi_parse_time("@", &t));
	ASSERT_EQ(-EINVAL, twi_parse_time("yesterday", &t));
}

/*
 * DER ECDSA-Sig-Value (X.690): r = 0x0001 loses its leading zero byte,
 * s = 0x0080 gains one for the sign bit.
 */
TEST(ecdsa_der)
{
	const uint8_t raw[4] = { 0x00, 0x01, 0x00, 0x80 };
	const uint8_t want[] = { 0x30, 0x07, 0x02, 0x01, 0x01,
				 0x02, 0x02, 0x00, 0x80 };
	uint8_t back[4], *der;
	size_t len;

	ASSERT_EQ(0, twi_ecdsa_raw_to_der(raw, 2, &der, &len));
	ASSERT_EQ(sizeof(want), len);
	ASSERT_EQ(0, memcmp(want, der, len));
	ASSERT_EQ(0, twi_ecdsa_der_to_raw(der, len, back, 2));
	ASSERT_EQ(0, memcmp(raw, back, sizeof(raw)));
	ASSERT_EQ(-EBADMSG, twi_ecdsa_der_to_raw(der, len - 1, back, 2));
	ASSERT_EQ(-EBADMSG, twi_ecdsa_der_to_raw(der, len, back, 0));
	free(der);
}

TEST(fail_formats)
{
	char why[16];

	ASSERT_EQ(-EBADMSG, twi_fail(why, sizeof(why), -EBADMSG, "x=%d", 7));
	ASSERT_STREQ("x=7", why);
	ASSERT_EQ(-ENOKEY, twi_fail(NULL, 0, -ENOKEY, "ignored"));
}

TEST(read_file_missing)
{
	uint8_t *buf;
	size_t len;

	ASSERT_EQ(-ENOENT, twi_read_file("/nonexistent/twi", &buf, &len));
}

TEST_HARNESS_MAIN
