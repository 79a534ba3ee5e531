// SPDX-License-Identifier: GPL-2.0
/*
 * What a shell script does: keyctl pkey_sign, then the openssl command
 * verifies the signature with the public key from keyctl read, for both
 * curves and every hash.  Uses the keyctl and openssl programs themselves.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kselftest_harness.h"
#include "workload_util.h"

/* twi keys are made inside a workload, here by keyctl. */
TEST_IN_WORKLOAD("openssl-cli")

FIXTURE(cli) {
	char dir[64];
};

FIXTURE_VARIANT(cli) {
	const char *alg;
	const char *hash;
};

#define CLI_VARIANT(a, h) \
	FIXTURE_VARIANT_ADD(cli, a##_##h) { .alg = #a, .hash = #h }
CLI_VARIANT(p256, sha256);
CLI_VARIANT(p256, sha384);
CLI_VARIANT(p256, sha512);
CLI_VARIANT(p384, sha256);
CLI_VARIANT(p384, sha384);
CLI_VARIANT(p384, sha512);

FIXTURE_SETUP(cli)
{
	strcpy(self->dir, "/tmp/twi-cli.XXXXXX");
	ASSERT_NE(NULL, mkdtemp(self->dir));
}

FIXTURE_TEARDOWN(cli)
{
	char cmd[128];

	snprintf(cmd, sizeof(cmd), "rm -rf %s", self->dir);
	system(cmd);
}

static int sh(const char *dir, const char *alg, const char *hash,
	      const char *script)
{
	char cmd[2048];

	snprintf(cmd, sizeof(cmd),
		 "cd %s && alg=%s hash=%s; set -e; "
		 "key=$(keyctl add twi cli \"alg=$alg attest=none\" @s); "
		 "keyctl read \"$key\" > /dev/null; "
		 "keyctl pipe \"$key\" > pub.der; "
		 "echo 'twi test message' > msg; "
		 "openssl dgst -$hash -binary msg > dgst; "
		 "%s; rc=$?; keyctl invalidate \"$key\"; exit $rc",
		 dir, alg, hash, script);
	return system(cmd);
}

TEST_F(cli, openssl_verifies_keyctl_signature)
{
	ASSERT_EQ(0, sh(self->dir, variant->alg, variant->hash,
		"keyctl pkey_sign \"$key\" 0 dgst enc=x962 hash=$hash > sig && "
		"openssl dgst -$hash -verify pub.der -keyform DER "
		"-signature sig msg"));
}

TEST_F(cli, keyctl_verify_rejects_other_message)
{
	ASSERT_EQ(0, sh(self->dir, variant->alg, variant->hash,
		"keyctl pkey_sign \"$key\" 0 dgst enc=x962 hash=$hash > sig && "
		"keyctl pkey_verify \"$key\" 0 dgst sig enc=x962 hash=$hash && "
		"echo other > msg2 && openssl dgst -$hash -binary msg2 > dgst2 && "
		"! keyctl pkey_verify \"$key\" 0 dgst2 sig enc=x962 hash=$hash && "
		"! openssl dgst -$hash -verify pub.der -keyform DER "
		"-signature sig msg2"));
}

TEST_HARNESS_MAIN
