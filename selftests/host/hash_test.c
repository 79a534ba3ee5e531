// SPDX-License-Identifier: GPL-2.0
/*
 * SHA-256 and HMAC-SHA256 of the twi crypto core against OpenSSL, once on
 * the x86 SHA extensions and once on the portable C: every length from 0
 * to 300 bytes, long random messages, and streaming updates split at
 * random points.  hash.c is included as a source file so that each
 * variant can pick its path; a CPU without the SHA extensions skips the
 * SHA-NI variant.
 */
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>

#include "kselftest_harness.h"
#include "kmod/crypto/hash.c"

#define SHORT_MAX	300
#define LONG_LEN	(64 * 1024 + 77)
#define LONG_CASES	40

FIXTURE(sha256)
{
	int saved;
};

FIXTURE_VARIANT(sha256)
{
	int sha_ni;
};

FIXTURE_VARIANT_ADD(sha256, sha_ni)
{
	.sha_ni = 1,
};

FIXTURE_VARIANT_ADD(sha256, portable_c)
{
	.sha_ni = 0,
};

FIXTURE_SETUP(sha256)
{
#ifdef TWI_SHA256_NI
	self->saved = sha_ni;
	if (variant->sha_ni && !twi_cpu_has_sha_ni())
		SKIP(return, "CPU without the SHA extensions (SHA-NI)");
	sha_ni = variant->sha_ni;
#else
	self->saved = 0;
	if (variant->sha_ni)
		SKIP(return, "no SHA-NI code for this build or architecture");
#endif
}

FIXTURE_TEARDOWN(sha256)
{
#ifdef TWI_SHA256_NI
	sha_ni = self->saved;
#endif
}

static void ref_sha256(const u8 *msg, size_t len, u8 *out)
{
	unsigned int olen;

	EVP_Digest(msg, len, out, &olen, EVP_sha256(), NULL);
}

static size_t rand_below(size_t n)
{
	u32 r;

	RAND_bytes((u8 *)&r, sizeof(r));
	return n ? r % n : 0;
}

/* the whole message in pieces of random sizes, some beyond a block */
static void split_sha256(const u8 *msg, size_t len, u8 *out)
{
	struct twi_hash_ctx ctx;
	size_t off, step;

	twi_hash_init(&ctx, TWI_HASH_SHA256);
	for (off = 0; off < len; off += step) {
		step = rand_below(4) ? rand_below(70) : rand_below(1000);
		if (step > len - off)
			step = len - off;
		twi_hash_update(&ctx, msg + off, step);
	}
	twi_hash_final(&ctx, out);
}

TEST_F(sha256, all_short_lengths)
{
	u8 msg[SHORT_MAX], ours[32], ref[32];
	size_t len;

	RAND_bytes(msg, sizeof(msg));
	for (len = 0; len <= SHORT_MAX; len++) {
		ref_sha256(msg, len, ref);
		twi_sha256(msg, len, ours);
		ASSERT_EQ(0, memcmp(ref, ours, 32))
			TH_LOG("one call, %zu bytes", len);
		split_sha256(msg, len, ours);
		ASSERT_EQ(0, memcmp(ref, ours, 32))
			TH_LOG("split updates, %zu bytes", len);
	}
}

TEST_F(sha256, long_random_messages)
{
	u8 ours[32], ref[32];
	size_t i, len;
	u8 *msg;

	msg = malloc(LONG_LEN);
	ASSERT_NE(NULL, msg);
	for (i = 0; i < LONG_CASES; i++) {
		len = i ? rand_below(LONG_LEN + 1) : LONG_LEN;
		RAND_bytes(msg, (int)len);
		ref_sha256(msg, len, ref);
		twi_sha256(msg, len, ours);
		EXPECT_EQ(0, memcmp(ref, ours, 32))
			TH_LOG("one call, %zu bytes", len);
		split_sha256(msg, len, ours);
		EXPECT_EQ(0, memcmp(ref, ours, 32))
			TH_LOG("split updates, %zu bytes", len);
	}
	free(msg);
}

/* the FIPS 180-4 example of two blocks, so a wrong answer is recognizable */
TEST_F(sha256, known_answer)
{
	static const char msg[] =
		"abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
	static const u8 want[32] = {
		0x24, 0x8d, 0x6a, 0x61, 0xd2, 0x06, 0x38, 0xb8,
		0xe5, 0xc0, 0x26, 0x93, 0x0c, 0x3e, 0x60, 0x39,
		0xa3, 0x3c, 0xe4, 0x59, 0x64, 0xff, 0x21, 0x67,
		0xf6, 0xec, 0xed, 0xd4, 0x19, 0xdb, 0x06, 0xc1,
	};
	u8 ours[32];

	twi_sha256((const u8 *)msg, sizeof(msg) - 1, ours);
	ASSERT_EQ(0, memcmp(want, ours, 32));
}

TEST_F(sha256, hmac_matches_openssl)
{
	u8 key[200], msg[SHORT_MAX], ours[32], ref[32];
	struct twi_hmac_ctx ctx;
	size_t klen, len, off, step;
	unsigned int rlen;

	RAND_bytes(key, sizeof(key));
	RAND_bytes(msg, sizeof(msg));
	for (klen = 0; klen <= sizeof(key); klen += 1 + klen / 8) {
		len = rand_below(sizeof(msg) + 1);
		HMAC(EVP_sha256(), key, (int)klen, msg, len, ref, &rlen);
		ASSERT_EQ(32u, rlen);
		ASSERT_EQ(0, twi_hmac(TWI_HASH_SHA256, key, klen, msg, len,
				      ours));
		ASSERT_EQ(0, memcmp(ref, ours, 32))
			TH_LOG("key %zu bytes, message %zu bytes", klen, len);

		ASSERT_EQ(0, twi_hmac_init(&ctx, TWI_HASH_SHA256, key, klen));
		for (off = 0; off < len; off += step) {
			step = rand_below(100);
			if (step > len - off)
				step = len - off;
			twi_hmac_update(&ctx, msg + off, step);
		}
		twi_hmac_final(&ctx, ours);
		ASSERT_EQ(0, memcmp(ref, ours, 32))
			TH_LOG("split, key %zu bytes, message %zu bytes", klen,
			       len);
	}
}

/* blocks taken straight from the caller's buffer at every alignment */
TEST_F(sha256, unaligned_input)
{
	u8 buf[16 + 5 * 64], ours[32], ref[32];
	size_t off;

	RAND_bytes(buf, sizeof(buf));
	for (off = 0; off < 16; off++) {
		ref_sha256(buf + off, 5 * 64, ref);
		twi_sha256(buf + off, 5 * 64, ours);
		ASSERT_EQ(0, memcmp(ref, ours, 32))
			TH_LOG("offset %zu", off);
	}
}

/* the assembly alone against the C block function, from random states */
TEST(ni_blocks_match_c_blocks)
{
#ifdef TWI_SHA256_NI
	u32 ours[8], ref[8];
	u8 data[8 * 64];
	size_t i, n;

	if (!twi_cpu_has_sha_ni())
		SKIP(return, "CPU without the SHA extensions (SHA-NI)");
	for (i = 0; i < 200; i++) {
		n = i % 9;
		RAND_bytes((u8 *)ref, sizeof(ref));
		RAND_bytes(data, sizeof(data));
		memcpy(ours, ref, sizeof(ref));
		twi_sha256_ni_blocks(ours, data, n);
		for (; n; n--)
			sha256_block(ref, data + 64 * (i % 9 - n));
		ASSERT_EQ(0, memcmp(ref, ours, sizeof(ref)))
			TH_LOG("%zu blocks", i % 9);
	}
#else
	SKIP(return, "no SHA-NI code for this build or architecture");
#endif
}

TEST_HARNESS_MAIN
