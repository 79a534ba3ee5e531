// SPDX-License-Identifier: GPL-2.0
/*
 * Random input for the "twi" key type: OPTIONS strings for add_key, info
 * strings for keyctl pkey_*, and random buffer sizes for sign, verify and
 * read.  Each answer is checked against a model written from
 * Documentation/keys.rst, not from the code: an options string is valid
 * when it is at most 256 bytes without NUL, and its space-separated words
 * are alg=p256|p384, nonce=rfc6979|hedged and bind=workload|exe|process,
 * each name at most once; sign succeeds only with a digest of the hash's
 * length and a buffer of at most max_sig_size (the keyctl core writes the
 * whole signature whatever size is passed); a damaged signature never
 * verifies.
 *
 * TWI_KEYFUZZ_COUNT sets the number of inputs per test (default 3000 on the
 * debug kernel, 300 elsewhere), TWI_KEYFUZZ_SEED the seed.  Prints
 * "# twi-count keyfuzz N", N the calls made.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <keyutils.h>
#include <linux/twi.h>

#include "kselftest_harness.h"
#include "libtwi.h"
#include "workload_util.h"

static uint64_t rng;

static uint32_t rnd(void)
{
	rng ^= rng >> 12;
	rng ^= rng << 25;
	rng ^= rng >> 27;
	return (uint32_t)((rng * 0x2545F4914F6CDD1DULL) >> 32);
}

static uint32_t below(uint32_t n)
{
	return n ? rnd() % n : 0;
}

static unsigned long count(void)
{
	const char *env = getenv("TWI_KEYFUZZ_COUNT");

	if (env)
		return strtoul(env, NULL, 0);
	return access("/proc/thread-self/fail-nth", F_OK) ? 300 : 3000;
}

static const char *pick(const char *const *v, size_t n)
{
	return v[below(n)];
}

#define PICK(v) pick(v, sizeof(v) / sizeof(v[0]))

/* An options string, its length (it may hold NULs) in *len. */
static void random_options(char *buf, size_t size, size_t *len)
{
	static const char *const words[] = {
		"alg=p256", "alg=p384", "alg=p521", "alg=", "alg",
		"nonce=rfc6979", "nonce=hedged", "nonce=random",
		"bind=workload", "bind=exe", "bind=process", "bind=",
		"bind=cgroup", "ALG=p256", "=", "x=y", "alg=p256=",
		"nonce=rfc6979\t", "\n", "alg=p2561",
		"attest=none", "attest=none", "attest=none", "attest=tee",
		"attest=", "attest=yes",
	};
	static const char *const seps[] = { " ", "  ", "\t", ",", "" };
	size_t n = 0, i, words_n = below(5);

	if (below(8) == 0) {	/* raw bytes */
		*len = below(size);
		for (i = 0; i < *len; i++)
			buf[i] = below(4) ? 0x20 + below(95) : rnd();
		return;
	}
	if (below(3) == 0)	/* leading spaces */
		n += snprintf(buf + n, size - n, "%*s", (int)below(4), "");
	for (i = 0; i < words_n && n < size - 1; i++) {
		n += snprintf(buf + n, size - n, "%s%s", PICK(words),
			      i + 1 < words_n ? (below(6) ? " " : PICK(seps)) : "");
		if (n >= size)
			n = size - 1;
	}
	if (below(20) == 0) {	/* long */
		size_t pad = 200 + below(100);

		while (pad-- && n < size - 1)
			buf[n++] = ' ';
	}
	*len = n;
}

/*
 * The documented rules: 0 if valid (and *alg 256 or 384), EINVAL if not,
 * and ENODEV for a valid attested key, as no evidence provider runs here.
 */
static int options_model(const char *opts, size_t len, int *alg)
{
	static const char *const names[] = { "alg", "nonce", "bind", "attest" };
	static const char *const values[][4] = {
		{ "p256", "p384" }, { "rfc6979", "hedged" },
		{ "workload", "exe", "process" }, { "tee", "none" },
	};
	bool attest = true;
	char buf[512], *cur, *word;
	unsigned int seen = 0;

	*alg = 256;
	if (len > 256 || memchr(opts, '\0', len))
		return EINVAL;
	memcpy(buf, opts, len);
	buf[len] = '\0';
	cur = buf;
	while ((word = strsep(&cur, " "))) {
		char *eq = strchr(word, '=');
		int ok = 0;
		size_t i, j;

		if (!*word)
			continue;
		if (!eq)
			return EINVAL;
		*eq = '\0';
		for (i = 0; i < 4; i++) {
			if (strcmp(word, names[i]))
				continue;
			if (seen & (1U << i))
				return EINVAL;
			seen |= 1U << i;
			for (j = 0; j < 4 && values[i][j]; j++)
				ok |= !strcmp(eq + 1, values[i][j]);
			if (ok && i == 0)
				*alg = strcmp(eq + 1, "p384") ? 256 : 384;
			if (ok && i == 3)
				attest = !strcmp(eq + 1, "tee");
		}
		if (!ok)
			return EINVAL;
	}
	return attest ? ENODEV : 0;
}

static void show(const char *s, size_t len, char *out, size_t size)
{
	size_t i, n = 0;

	for (i = 0; i < len && n + 5 < size; i++)
		n += snprintf(out + n, size - n, s[i] >= 0x20 && s[i] < 0x7f ?
			      "%c" : "\\x%02x", (unsigned char)s[i]);
	out[n] = '\0';
}

FIXTURE(keyfuzz) {
	struct test_cgroup cg;
	struct twi_nl *nl;
	key_serial_t keyring;
	unsigned long calls;
};

FIXTURE_SETUP(keyfuzz)
{
	const char *env = getenv("TWI_KEYFUZZ_SEED");

	rng = env ? strtoull(env, NULL, 0) : (uint64_t)time(NULL) * 2654435761u | 1;
	TH_LOG("seed %#llx", (unsigned long long)rng);
	ASSERT_EQ(0, twi_nl_open(&self->nl));
	ASSERT_EQ(0, test_cgroup_make(&self->cg, "keyfuzz"));
	ASSERT_EQ(0, test_workload_add(self->nl, &self->cg,
				       "spiffe://test.twi/keyfuzz"));
	ASSERT_EQ(0, test_cgroup_enter(&self->cg, 0));
	self->keyring = add_key("keyring", "keyfuzz", NULL, 0,
				KEY_SPEC_PROCESS_KEYRING);
	ASSERT_LT(0, self->keyring);
}

FIXTURE_TEARDOWN(keyfuzz)
{
	printf("# twi-count keyfuzz %lu\n", self->calls);
	fflush(stdout);
	keyctl_clear(self->keyring);
	test_cgroup_leave();
	test_workload_del(self->nl, &self->cg);
	test_cgroup_remove(&self->cg);
	twi_nl_close(self->nl);
}

TEST_F_TIMEOUT(keyfuzz, options, 600)
{
	unsigned long n = count(), i;
	unsigned char digest[32] = { 1 }, sig[128];
	char opts[400], text[1700];

	for (i = 0; i < n; i++) {
		int want, got, alg;
		key_serial_t key;
		size_t len;
		long ret;

		random_options(opts, sizeof(opts), &len);
		want = options_model(opts, len, &alg);
		key = add_key(TWI_KEY_TYPE, "fuzz", opts, len, self->keyring);
		got = key < 0 ? errno : 0;
		self->calls++;
		show(opts, len, text, sizeof(text));
		ASSERT_EQ(want, got) TH_LOG("options \"%s\" (%zu bytes)", text, len);
		if (key < 0)
			continue;
		/* A key made is whole: it signs on the curve asked for. */
		ret = keyctl_pkey_sign(key, "enc=p1363 hash=sha256", digest, 32,
				       sig, alg == 256 ? 64 : 96);
		EXPECT_EQ(alg == 256 ? 64 : 96, ret)
			TH_LOG("options \"%s\": sign: %s", text, strerror(errno));
		keyctl_unlink(key, self->keyring);
		keyctl_invalidate(key);
	}
}

/* Random info strings: what succeeds must agree with pkey_query. */
TEST_F_TIMEOUT(keyfuzz, info, 600)
{
	static const char *const words[] = {
		"enc=x962", "enc=p1363", "enc=raw", "enc=pkcs1", "enc=",
		"hash=sha256", "hash=sha384", "hash=sha512", "hash=sha1",
		"hash=md5", "hash=", "hash=sha256x", "x=y", "enc", "=",
		"enc=x962 enc=p1363",
	};
	unsigned long n = count(), i;
	unsigned char digest[64], sig[256];
	char info[300];
	key_serial_t key;

	key = add_key(TWI_KEY_TYPE, "info", "alg=p384 attest=none", 20,
		      self->keyring);
	ASSERT_LT(0, key);
	memset(digest, 0x33, sizeof(digest));
	for (i = 0; i < n; i++) {
		struct keyctl_pkey_query q;
		size_t len = 0, w = below(4), j;
		long ret;
		int err;

		for (j = 0; j < w; j++)
			len += snprintf(info + len, sizeof(info) - len, "%s%s",
					j ? (below(8) ? " " : "\t") : "", PICK(words));
		if (below(10) == 0) {
			for (j = 0; j < 20; j++)
				info[below(len + 1)] = 0x20 + below(95);
			info[len] = '\0';
		}
		ret = keyctl_pkey_query(key, info, &q);
		err = ret < 0 ? errno : 0;
		self->calls++;
		EXPECT_TRUE(err == 0 || err == ENOPKG || err == EINVAL)
			TH_LOG("query \"%s\": %s", info, strerror(err));
		if (err)
			continue;
		/* Both an encoding and a hash it knows were named. */
		EXPECT_TRUE(strstr(info, "enc=x962") || strstr(info, "enc=p1363"))
			TH_LOG("query \"%s\" accepted", info);
		EXPECT_TRUE(q.max_sig_size == 104 || q.max_sig_size == 96)
			TH_LOG("query \"%s\": max_sig_size %u", info, q.max_sig_size);
		ret = keyctl_pkey_sign(key, info, digest, q.max_data_size, sig,
				       q.max_sig_size);
		EXPECT_LT(0, ret) TH_LOG("sign \"%s\": %s", info, strerror(errno));
		if (ret <= 0)
			continue;
		EXPECT_EQ(0, keyctl_pkey_verify(key, info, digest,
						q.max_data_size, sig, ret))
			TH_LOG("verify \"%s\": %s", info, strerror(errno));
		self->calls += 2;
	}
}

/* Random digest, signature and output sizes. */
TEST_F_TIMEOUT(keyfuzz, sizes, 600)
{
	static const char *const infos[] = {
		"enc=x962 hash=sha256", "enc=p1363 hash=sha384",
		"enc=x962 hash=sha512", "enc=p1363 hash=sha256",
	};
	static const unsigned int hash_len[] = { 32, 48, 64, 32 };
	unsigned char digest[600], sig[700], good[128], spki[300];
	unsigned long n = count(), i;
	key_serial_t key;
	long spki_len;

	key = add_key(TWI_KEY_TYPE, "sizes", "attest=none", 11, self->keyring);
	ASSERT_LT(0, key);
	spki_len = keyctl_read(key, (char *)spki, sizeof(spki));
	ASSERT_EQ(91, spki_len);	/* P-256 SubjectPublicKeyInfo */
	memset(digest, 0x44, sizeof(digest));
	for (i = 0; i < n; i++) {
		unsigned int k = below(4), in_len, out_len, flip;
		long sig_len;
		struct keyctl_pkey_query q;
		long ret;
		int err;

		ASSERT_EQ(0, keyctl_pkey_query(key, infos[k], &q));
		in_len = below(4) ? hash_len[k] : below(100);
		out_len = below(3) ? q.max_sig_size : below(600);
		ret = keyctl_pkey_sign(key, infos[k], digest, in_len, sig, out_len);
		err = ret < 0 ? errno : 0;
		self->calls++;
		/*
		 * The keyctl core refuses a buffer larger than max_sig_size
		 * but not a smaller one: it writes the whole signature
		 * whatever the size passed (sig[] has room for it).
		 */
		if (in_len == hash_len[k] && out_len <= q.max_sig_size) {
			ASSERT_LT(0, ret) TH_LOG("sign %s: %s", infos[k], strerror(err));
			memcpy(good, sig, ret);
			/* The signature verifies; random bytes of any size never do. */
			EXPECT_EQ(0, keyctl_pkey_verify(key, infos[k], digest, in_len,
							good, ret));
			/*
			 * The core reads max_sig_size bytes whatever the length
			 * passed, so a flip past the signature's end is unseen.
			 */
			out_len = below(200);
			flip = below(out_len + 1);
			memcpy(sig, good, ret);
			sig[flip] ^= 1 + below(255);
			sig_len = ret;
			ret = keyctl_pkey_verify(key, infos[k], digest, in_len, sig,
						 out_len);
			err = ret < 0 ? errno : 0;
			EXPECT_TRUE(err == EINVAL || err == EBADMSG ||
				    err == EKEYREJECTED || (!err && flip >= sig_len))
				TH_LOG("verify %s, %u bytes, flip at %u: %s", infos[k],
				       out_len, flip, strerror(err));
			self->calls += 2;
		} else {
			EXPECT_EQ(EINVAL, err) TH_LOG("sign %s in %u out %u: %s",
						      infos[k], in_len, out_len,
						      strerror(err));
		}
		/* read: always the full length; the buffer only when it fits. */
		out_len = below(sizeof(spki));
		memset(sig, 0xee, sizeof(sig));
		ret = keyctl_read(key, (char *)sig, out_len);
		self->calls++;
		EXPECT_EQ(spki_len, ret) TH_LOG("read into %u bytes", out_len);
		EXPECT_EQ(0xee, sig[out_len]) TH_LOG("read into %u bytes", out_len);
		if (out_len >= spki_len)
			EXPECT_EQ(0, memcmp(spki, sig, spki_len));
	}
}

TEST_HARNESS_MAIN
