// SPDX-License-Identifier: GPL-2.0
/*
 * Constant-time check of the twi ECDSA signing path (the ctgrind method).
 *
 * The program re-executes itself under valgrind memcheck.  The child
 * marks the private key and the RFC 6979 added randomness as undefined
 * memory; memcheck then reports any conditional branch or memory address
 * that depends on them or on anything computed from them (the nonce, k*G,
 * k^-1).  The core declares public only what is public by design: the
 * rejection-sampling verdicts and the finished r and s (TWI_EC_CTGRIND).
 * A control run with a deliberate secret-dependent branch must be caught,
 * so the check itself is known to work.
 */
#include <sys/wait.h>
#include <sys/random.h>
#include <unistd.h>
#include <valgrind/memcheck.h>

#include "kselftest_harness.h"
#include "kmod/crypto/twi_ecdsa.h"

#define CT_ENV		"TWI_ECDSA_CT_CHILD"
#define CT_ERROR	99

static int fixed_rng(void *ctx, u8 *buf, size_t len)
{
	memcpy(buf, ctx, len);
	return 0;
}

static int child_sign(void)
{
	static u64 tab[TWI_EC_PUB_TABLE_MAX / 8];
	u8 seed[48], priv[48], pub[97], dg[64], sig[96], extra[32];
	enum twi_curve c;
	enum twi_hash h;
	int ret, fails = 0;

	if (twi_ecdsa_init())
		return 2;
	for (c = TWI_CURVE_P256; c <= TWI_CURVE_P384; c++) {
		if (getrandom(seed, sizeof(seed), 0) != sizeof(seed))
			return 2;
		seed[0] = 0x01;
		/* key generation with a secret scalar */
		VALGRIND_MAKE_MEM_UNDEFINED(seed, sizeof(seed));
		ret = twi_ecdsa_keygen(c, fixed_rng, seed, priv, pub);
		fails += ret != 0;
		VALGRIND_MAKE_MEM_DEFINED(pub, sizeof(pub));
		fails += twi_ecdsa_pub_table(c, pub, tab, sizeof(tab)) != 0;
		for (h = TWI_HASH_SHA256; h <= TWI_HASH_SHA512; h++) {
			if (getrandom(dg, sizeof(dg), 0) != sizeof(dg) ||
			    getrandom(extra, sizeof(extra), 0) != sizeof(extra))
				return 2;
			VALGRIND_MAKE_MEM_UNDEFINED(priv, sizeof(priv));
			VALGRIND_MAKE_MEM_UNDEFINED(extra, sizeof(extra));
			ret = twi_ecdsa_sign(c, h, priv, pub, dg,
					     twi_hash_len(h), NULL, 0, sig);
			fails += ret != 0;
			ret = twi_ecdsa_sign(c, h, priv, pub, dg,
					     twi_hash_len(h), extra,
					     sizeof(extra), sig);
			fails += ret != 0;
			ret = twi_ecdsa_sign_tab(c, h, priv, tab, dg,
						 twi_hash_len(h), extra,
						 sizeof(extra), sig);
			fails += ret != 0;
			VALGRIND_MAKE_MEM_DEFINED(priv, sizeof(priv));
			fails += twi_ecdsa_verify(c, pub, dg, twi_hash_len(h),
						  sig) != 0;
		}
	}
	return fails ? 3 : 0;
}

/* control: a branch on a secret must be reported */
static int child_leak(void)
{
	volatile int sink = 0;
	u8 secret[4] = { 1, 2, 3, 4 };

	VALGRIND_MAKE_MEM_UNDEFINED(secret, sizeof(secret));
	if (secret[1] & 1)
		sink++;
	return sink * 0;
}

static int run_under_valgrind(struct __test_metadata *_metadata,
			      const char *mode)
{
	char errcode[32], self[4096];
	ssize_t len;
	int status;
	pid_t pid;

	/* resolve now: under valgrind /proc/self/exe is the tool */
	len = readlink("/proc/self/exe", self, sizeof(self) - 1);
	if (len <= 0)
		return -1;
	self[len] = 0;
	snprintf(errcode, sizeof(errcode), "--error-exitcode=%d", CT_ERROR);
	pid = fork();
	if (pid == 0) {
		setenv(CT_ENV, mode, 1);
		execlp("valgrind", "valgrind", "-q", errcode,
		       "--track-origins=yes", self, (char *)NULL);
		_exit(127);
	}
	if (pid < 0 || waitpid(pid, &status, 0) != pid || !WIFEXITED(status))
		return -1;
	return WEXITSTATUS(status);
}

static bool have_valgrind(void)
{
	return !system("valgrind --version >/dev/null 2>&1");
}

FIXTURE(ct) {
	int unused;
};

FIXTURE_SETUP(ct)
{
}

FIXTURE_TEARDOWN(ct)
{
}

TEST_F_TIMEOUT(ct, sign_has_no_secret_dependent_branches, 300)
{
	if (!have_valgrind())
		SKIP(return, "valgrind not installed");
	ASSERT_EQ(0, run_under_valgrind(_metadata, "sign"));
}

TEST_F(ct, control_leak_is_detected)
{
	if (!have_valgrind())
		SKIP(return, "valgrind not installed");
	ASSERT_EQ(CT_ERROR, run_under_valgrind(_metadata, "leak"));
}

int main(int argc, char **argv)
{
	const char *mode = getenv(CT_ENV);

	if (mode && !strcmp(mode, "sign"))
		return child_sign();
	if (mode && !strcmp(mode, "leak"))
		return child_leak();
	return test_harness_run(argc, argv);
}
