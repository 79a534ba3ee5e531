// SPDX-License-Identifier: GPL-2.0
/*
 * SHA-256, SHA-384, SHA-512 (FIPS 180-4) and HMAC (RFC 2104) for the twi
 * crypto core.  Data-independent control flow: safe to use with secrets.
 */
#include "hash.h"

/*
 * On x86-64 SHA-256 compresses with the SHA extensions when the CPU has
 * them (sha256_x86_64.S), else with the C below, which other architectures
 * (and builds with TWI_EC_NO_ASM) use; the host tests check both.
 */
#if defined(__x86_64__) && !defined(TWI_EC_NO_ASM)
#define TWI_SHA256_NI

/*
 * 1 for the SHA extensions, 0 for the C, -1 until the first block asks the
 * CPU (hashing has no init of its own).  The tests set it to pick a path.
 */
static int sha_ni = -1;

/* blocks per kernel_fpu_begin() section, which runs without preemption */
#define SHA256_NI_BATCH	16
#endif

static const u32 sha256_k[64] = {
	0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1,
	0x923f82a4, 0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3,
	0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786,
	0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
	0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147,
	0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
	0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b,
	0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
	0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a,
	0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208,
	0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
};

static const u32 sha256_iv[8] = {
	0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
	0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
};

static const u64 sha512_k[80] = {
	0x428a2f98d728ae22ULL, 0x7137449123ef65cdULL, 0xb5c0fbcfec4d3b2fULL,
	0xe9b5dba58189dbbcULL, 0x3956c25bf348b538ULL, 0x59f111f1b605d019ULL,
	0x923f82a4af194f9bULL, 0xab1c5ed5da6d8118ULL, 0xd807aa98a3030242ULL,
	0x12835b0145706fbeULL, 0x243185be4ee4b28cULL, 0x550c7dc3d5ffb4e2ULL,
	0x72be5d74f27b896fULL, 0x80deb1fe3b1696b1ULL, 0x9bdc06a725c71235ULL,
	0xc19bf174cf692694ULL, 0xe49b69c19ef14ad2ULL, 0xefbe4786384f25e3ULL,
	0x0fc19dc68b8cd5b5ULL, 0x240ca1cc77ac9c65ULL, 0x2de92c6f592b0275ULL,
	0x4a7484aa6ea6e483ULL, 0x5cb0a9dcbd41fbd4ULL, 0x76f988da831153b5ULL,
	0x983e5152ee66dfabULL, 0xa831c66d2db43210ULL, 0xb00327c898fb213fULL,
	0xbf597fc7beef0ee4ULL, 0xc6e00bf33da88fc2ULL, 0xd5a79147930aa725ULL,
	0x06ca6351e003826fULL, 0x142929670a0e6e70ULL, 0x27b70a8546d22ffcULL,
	0x2e1b21385c26c926ULL, 0x4d2c6dfc5ac42aedULL, 0x53380d139d95b3dfULL,
	0x650a73548baf63deULL, 0x766a0abb3c77b2a8ULL, 0x81c2c92e47edaee6ULL,
	0x92722c851482353bULL, 0xa2bfe8a14cf10364ULL, 0xa81a664bbc423001ULL,
	0xc24b8b70d0f89791ULL, 0xc76c51a30654be30ULL, 0xd192e819d6ef5218ULL,
	0xd69906245565a910ULL, 0xf40e35855771202aULL, 0x106aa07032bbd1b8ULL,
	0x19a4c116b8d2d0c8ULL, 0x1e376c085141ab53ULL, 0x2748774cdf8eeb99ULL,
	0x34b0bcb5e19b48a8ULL, 0x391c0cb3c5c95a63ULL, 0x4ed8aa4ae3418acbULL,
	0x5b9cca4f7763e373ULL, 0x682e6ff3d6b2b8a3ULL, 0x748f82ee5defb2fcULL,
	0x78a5636f43172f60ULL, 0x84c87814a1f0ab72ULL, 0x8cc702081a6439ecULL,
	0x90befffa23631e28ULL, 0xa4506cebde82bde9ULL, 0xbef9a3f7b2c67915ULL,
	0xc67178f2e372532bULL, 0xca273eceea26619cULL, 0xd186b8c721c0c207ULL,
	0xeada7dd6cde0eb1eULL, 0xf57d4f7fee6ed178ULL, 0x06f067aa72176fbaULL,
	0x0a637dc5a2c898a6ULL, 0x113f9804bef90daeULL, 0x1b710b35131c471bULL,
	0x28db77f523047d84ULL, 0x32caab7b40c72493ULL, 0x3c9ebe0a15c9bebcULL,
	0x431d67c49c100d4cULL, 0x4cc5d4becb3e42b6ULL, 0x597f299cfc657e2aULL,
	0x5fcb6fab3ad6faecULL, 0x6c44198c4a475817ULL,
};

static const u64 sha512_iv[8] = {
	0x6a09e667f3bcc908ULL, 0xbb67ae8584caa73bULL, 0x3c6ef372fe94f82bULL,
	0xa54ff53a5f1d36f1ULL, 0x510e527fade682d1ULL, 0x9b05688c2b3e6c1fULL,
	0x1f83d9abfb41bd6bULL, 0x5be0cd19137e2179ULL,
};

static const u64 sha384_iv[8] = {
	0xcbbb9d5dc1059ed8ULL, 0x629a292a367cd507ULL, 0x9159015a3070dd17ULL,
	0x152fecd8f70e5939ULL, 0x67332667ffc00b31ULL, 0x8eb44a8768581511ULL,
	0xdb0c2e0d64f98fa7ULL, 0x47b5481dbefa4fa4ULL,
};

static inline u32 rotr32(u32 x, unsigned int n)
{
	return (x >> n) | (x << (32 - n));
}

static inline u64 rotr64(u64 x, unsigned int n)
{
	return (x >> n) | (x << (64 - n));
}

static inline u32 get_be32(const u8 *p)
{
	return (u32)p[0] << 24 | (u32)p[1] << 16 | (u32)p[2] << 8 | p[3];
}

static inline u64 get_be64(const u8 *p)
{
	return (u64)get_be32(p) << 32 | get_be32(p + 4);
}

static inline void put_be32(u8 *p, u32 v)
{
	p[0] = v >> 24;
	p[1] = v >> 16;
	p[2] = v >> 8;
	p[3] = v;
}

static inline void put_be64(u8 *p, u64 v)
{
	put_be32(p, v >> 32);
	put_be32(p + 4, (u32)v);
}

/* FIPS 180-4 round t: d += T1, h = T1 + T2 (the caller renames) */
#define SHA256_ROUND(a, b, c, d, e, f, g, h, t)				\
	do {								\
		u32 t1_, t2_;						\
									\
		t1_ = (h) + (rotr32(e, 6) ^ rotr32(e, 11) ^		\
			     rotr32(e, 25)) +				\
		      ((g) ^ ((e) & ((f) ^ (g)))) + sha256_k[t] + w[t];	\
		t2_ = (rotr32(a, 2) ^ rotr32(a, 13) ^ rotr32(a, 22)) +	\
		      (((a) & (b)) | ((c) & ((a) | (b))));		\
		(d) += t1_;						\
		(h) = t1_ + t2_;					\
	} while (0)

static void sha256_block(u32 *h, const u8 *p)
{
	u32 a, b, c, d, e, f, g, hh, t1, t2;
	u32 w[64];
	int i;

	for (i = 0; i < 16; i++)
		w[i] = get_be32(p + 4 * i);
	for (i = 16; i < 64; i++) {
		t1 = rotr32(w[i - 2], 17) ^ rotr32(w[i - 2], 19) ^ (w[i - 2] >> 10);
		t2 = rotr32(w[i - 15], 7) ^ rotr32(w[i - 15], 18) ^ (w[i - 15] >> 3);
		w[i] = t1 + w[i - 7] + t2 + w[i - 16];
	}
	a = h[0];
	b = h[1];
	c = h[2];
	d = h[3];
	e = h[4];
	f = h[5];
	g = h[6];
	hh = h[7];
	/* eight rounds per pass, the roles of the variables rotating */
	for (i = 0; i < 64; i += 8) {
		SHA256_ROUND(a, b, c, d, e, f, g, hh, i);
		SHA256_ROUND(hh, a, b, c, d, e, f, g, i + 1);
		SHA256_ROUND(g, hh, a, b, c, d, e, f, i + 2);
		SHA256_ROUND(f, g, hh, a, b, c, d, e, i + 3);
		SHA256_ROUND(e, f, g, hh, a, b, c, d, i + 4);
		SHA256_ROUND(d, e, f, g, hh, a, b, c, i + 5);
		SHA256_ROUND(c, d, e, f, g, hh, a, b, i + 6);
		SHA256_ROUND(b, c, d, e, f, g, hh, a, i + 7);
	}
	h[0] += a;
	h[1] += b;
	h[2] += c;
	h[3] += d;
	h[4] += e;
	h[5] += f;
	h[6] += g;
	h[7] += hh;
	twi_wipe(w, sizeof(w));
}

#ifdef TWI_SHA256_NI
static bool sha256_ni_wanted(void)
{
	int v = READ_ONCE(sha_ni);

	if (v < 0) {
		v = twi_cpu_has_sha_ni() ? 1 : 0;
		WRITE_ONCE(sha_ni, v);
	}
	return v;
}
#endif

/* n whole blocks, on the SHA extensions where the CPU and context allow */
static void sha256_blocks(u32 *h, const u8 *p, size_t n)
{
#ifdef TWI_SHA256_NI
	size_t k;

	if (n && sha256_ni_wanted() && twi_simd_usable()) {
		for (; n; n -= k, p += 64 * k) {
			k = n < SHA256_NI_BATCH ? n : SHA256_NI_BATCH;
			twi_simd_begin();
			twi_sha256_ni_blocks(h, p, k);
			twi_simd_end();
		}
		return;
	}
#endif
	for (; n; n--, p += 64)
		sha256_block(h, p);
}

static void sha512_block(u64 *h, const u8 *p)
{
	u64 a, b, c, d, e, f, g, hh, t1, t2;
	u64 w[80];
	int i;

	for (i = 0; i < 16; i++)
		w[i] = get_be64(p + 8 * i);
	for (i = 16; i < 80; i++) {
		t1 = rotr64(w[i - 2], 19) ^ rotr64(w[i - 2], 61) ^ (w[i - 2] >> 6);
		t2 = rotr64(w[i - 15], 1) ^ rotr64(w[i - 15], 8) ^ (w[i - 15] >> 7);
		w[i] = t1 + w[i - 7] + t2 + w[i - 16];
	}
	a = h[0];
	b = h[1];
	c = h[2];
	d = h[3];
	e = h[4];
	f = h[5];
	g = h[6];
	hh = h[7];
	for (i = 0; i < 80; i++) {
		t1 = hh + (rotr64(e, 14) ^ rotr64(e, 18) ^ rotr64(e, 41)) +
		     ((e & f) ^ (~e & g)) + sha512_k[i] + w[i];
		t2 = (rotr64(a, 28) ^ rotr64(a, 34) ^ rotr64(a, 39)) +
		     ((a & b) ^ (a & c) ^ (b & c));
		hh = g;
		g = f;
		f = e;
		e = d + t1;
		d = c;
		c = b;
		b = a;
		a = t1 + t2;
	}
	h[0] += a;
	h[1] += b;
	h[2] += c;
	h[3] += d;
	h[4] += e;
	h[5] += f;
	h[6] += g;
	h[7] += hh;
	twi_wipe(w, sizeof(w));
}

static void sha256_update(struct twi_sha256_ctx *c, const u8 *data, size_t len)
{
	size_t used = c->len % 64;
	size_t n;

	c->len += len;
	if (used) {
		n = len < 64 - used ? len : 64 - used;
		memcpy(c->buf + used, data, n);
		data += n;
		len -= n;
		if (used + n < 64)
			return;
		sha256_blocks(c->h, c->buf, 1);
	}
	sha256_blocks(c->h, data, len / 64);
	memcpy(c->buf, data + (len & ~(size_t)63), len % 64);
}

static void sha512_update(struct twi_sha512_ctx *c, const u8 *data, size_t len)
{
	size_t used = c->len % 128;
	size_t n;

	c->len += len;
	if (used) {
		n = len < 128 - used ? len : 128 - used;
		memcpy(c->buf + used, data, n);
		data += n;
		len -= n;
		if (used + n < 128)
			return;
		sha512_block(c->h, c->buf);
	}
	for (; len >= 128; data += 128, len -= 128)
		sha512_block(c->h, data);
	memcpy(c->buf, data, len);
}

static void sha256_final(struct twi_sha256_ctx *c, u8 *out)
{
	size_t used = c->len % 64;
	u64 bits = c->len * 8;
	int i;

	c->buf[used++] = 0x80;
	if (used > 56) {
		memset(c->buf + used, 0, 64 - used);
		sha256_blocks(c->h, c->buf, 1);
		used = 0;
	}
	memset(c->buf + used, 0, 56 - used);
	put_be64(c->buf + 56, bits);
	sha256_blocks(c->h, c->buf, 1);
	for (i = 0; i < 8; i++)
		put_be32(out + 4 * i, c->h[i]);
}

static void sha512_final(struct twi_sha512_ctx *c, u8 *out, size_t outlen)
{
	size_t used = c->len % 128;
	u8 tmp[8];
	size_t i;

	c->buf[used++] = 0x80;
	if (used > 112) {
		memset(c->buf + used, 0, 128 - used);
		sha512_block(c->h, c->buf);
		used = 0;
	}
	memset(c->buf + used, 0, 120 - used);
	/* messages stay far below 2^61 bytes: the high length word is 0 */
	put_be64(c->buf + 120, c->len * 8);
	sha512_block(c->h, c->buf);
	for (i = 0; i < outlen / 8; i++) {
		put_be64(tmp, c->h[i]);
		memcpy(out + 8 * i, tmp, 8);
	}
}

size_t twi_hash_len(enum twi_hash hash)
{
	switch (hash) {
	case TWI_HASH_SHA256:
		return 32;
	case TWI_HASH_SHA384:
		return 48;
	case TWI_HASH_SHA512:
		return 64;
	}
	return 0;
}

static size_t hash_block_len(enum twi_hash hash)
{
	return hash == TWI_HASH_SHA256 ? 64 : 128;
}

int twi_hash_init(struct twi_hash_ctx *ctx, enum twi_hash alg)
{
	ctx->alg = alg;
	switch (alg) {
	case TWI_HASH_SHA256:
		memcpy(ctx->s256.h, sha256_iv, sizeof(sha256_iv));
		ctx->s256.len = 0;
		return 0;
	case TWI_HASH_SHA384:
		memcpy(ctx->s512.h, sha384_iv, sizeof(sha384_iv));
		ctx->s512.len = 0;
		return 0;
	case TWI_HASH_SHA512:
		memcpy(ctx->s512.h, sha512_iv, sizeof(sha512_iv));
		ctx->s512.len = 0;
		return 0;
	}
	return -EINVAL;
}

void twi_hash_update(struct twi_hash_ctx *ctx, const u8 *data, size_t len)
{
	if (ctx->alg == TWI_HASH_SHA256)
		sha256_update(&ctx->s256, data, len);
	else
		sha512_update(&ctx->s512, data, len);
}

void twi_hash_final(struct twi_hash_ctx *ctx, u8 *out)
{
	if (ctx->alg == TWI_HASH_SHA256)
		sha256_final(&ctx->s256, out);
	else
		sha512_final(&ctx->s512, out, twi_hash_len(ctx->alg));
	twi_wipe(ctx, sizeof(*ctx));
}

int twi_hash(enum twi_hash hash, const u8 *data, size_t len, u8 *out)
{
	struct twi_hash_ctx ctx;
	int ret;

	ret = twi_hash_init(&ctx, hash);
	if (ret)
		return ret;
	twi_hash_update(&ctx, data, len);
	twi_hash_final(&ctx, out);
	return 0;
}

void twi_sha256(const u8 *data, size_t len, u8 *out)
{
	twi_hash(TWI_HASH_SHA256, data, len, out);
}

void twi_sha384(const u8 *data, size_t len, u8 *out)
{
	twi_hash(TWI_HASH_SHA384, data, len, out);
}

void twi_sha512(const u8 *data, size_t len, u8 *out)
{
	twi_hash(TWI_HASH_SHA512, data, len, out);
}

int twi_hmac_init(struct twi_hmac_ctx *ctx, enum twi_hash alg,
		  const u8 *key, size_t klen)
{
	size_t bl = hash_block_len(alg);
	u8 pad[128];
	size_t i;
	int ret;

	ret = twi_hash_init(&ctx->inner, alg);
	if (ret)
		return ret;
	memset(pad, 0, sizeof(pad));
	if (klen > bl) {
		twi_hash_update(&ctx->inner, key, klen);
		twi_hash_final(&ctx->inner, pad);
		twi_hash_init(&ctx->inner, alg);
	} else {
		memcpy(pad, key, klen);
	}
	for (i = 0; i < bl; i++)
		pad[i] ^= 0x36;
	twi_hash_update(&ctx->inner, pad, bl);
	for (i = 0; i < bl; i++)
		pad[i] ^= 0x36 ^ 0x5c;
	twi_hash_init(&ctx->outer, alg);
	twi_hash_update(&ctx->outer, pad, bl);
	twi_wipe(pad, sizeof(pad));
	return 0;
}

void twi_hmac_update(struct twi_hmac_ctx *ctx, const u8 *data, size_t len)
{
	twi_hash_update(&ctx->inner, data, len);
}

void twi_hmac_final(struct twi_hmac_ctx *ctx, u8 *out)
{
	size_t hl = twi_hash_len(ctx->inner.alg);
	u8 ih[TWI_HASH_MAX_LEN];

	twi_hash_final(&ctx->inner, ih);
	twi_hash_update(&ctx->outer, ih, hl);
	twi_hash_final(&ctx->outer, out);
	twi_wipe(ih, sizeof(ih));
}

int twi_hmac(enum twi_hash hash, const u8 *key, size_t klen,
	     const u8 *data, size_t len, u8 *out)
{
	struct twi_hmac_ctx ctx;
	int ret;

	ret = twi_hmac_init(&ctx, hash, key, klen);
	if (ret)
		return ret;
	twi_hmac_update(&ctx, data, len);
	twi_hmac_final(&ctx, out);
	return 0;
}
