// SPDX-License-Identifier: GPL-2.0
/*
 * The evidence provider protocol from the kernel's side.  A fake provider
 * (provider_util.h) answers the kernel's evidence requests, well or
 * badly; the tests check what key creation, TWI_CMD_KEY_GET and
 * TWI_CMD_KEY_ATTEST make of it.
 */
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <keyutils.h>
#include <linux/twi.h>
#include <netlink/genl/ctrl.h>
#include <netlink/genl/genl.h>
#include <netlink/msg.h>
#include <openssl/sha.h>

#include "kselftest_harness.h"
#include "provider_util.h"
#include "workload_util.h"

TEST_IN_WORKLOAD("provider");

#define IDENTIFIER	"spiffe://test.twi/selftest"

/* Keys and credentials */

static key_serial_t new_key(const char *options)
{
	static int serial;
	char desc[32];

	snprintf(desc, sizeof(desc), "prov-%d-%d", (int)getpid(), serial++);
	return add_key(TWI_KEY_TYPE, desc, options, strlen(options),
		       KEY_SPEC_PROCESS_KEYRING);
}

static int add_errno(const char *options)
{
	key_serial_t key = new_key(options);

	if (key < 0)
		return errno;
	keyctl_invalidate(key);
	return 0;
}

struct credential {
	unsigned char *buf;
	struct nlattr *tb[TWI_A_KEY_MAX + 1];
};

static int key_cmd(uint8_t cmd, key_serial_t key, const void *nonce,
		   int nonce_len, struct credential *c)
{
	struct nl_sock *sk;
	struct nl_msg *msg;
	int family, ret;

	memset(c, 0, sizeof(*c));
	sk = genl_open(&family);
	if (!sk)
		return -EIO;
	msg = genl_msg(family, cmd, 0);
	if (key)
		nla_put_u32(msg, TWI_A_KEY_SERIAL, key);
	if (nonce_len >= 0)
		nla_put(msg, TWI_A_KEY_NONCE, nonce_len, nonce);
	ret = transact(sk, msg, c->tb, TWI_A_KEY_MAX, &c->buf);
	nl_socket_free(sk);
	return ret;
}

static void credential_free(struct credential *c)
{
	free(c->buf);
	c->buf = NULL;
}

/*
 * A strict reader of the statement's CBOR, written from RFC 8949 for this
 * test: heads, definite lengths only.
 */
struct cbor {
	const uint8_t *p, *end;
};

static int cbor_head(struct cbor *c, uint64_t *val)
{
	int major, ai, n, i;

	if (c->p >= c->end)
		return -1;
	major = *c->p >> 5;
	ai = *c->p++ & 0x1f;
	if (ai < 24) {
		*val = ai;
		return major;
	}
	if (ai > 27)
		return -1;
	n = 1 << (ai - 24);
	if (c->end - c->p < n)
		return -1;
	for (*val = 0, i = 0; i < n; i++)
		*val = *val << 8 | *c->p++;
	return major;
}

static int cbor_string(struct cbor *c, int major, const uint8_t **s,
		       uint64_t *len)
{
	if (cbor_head(c, len) != major || (uint64_t)(c->end - c->p) < *len)
		return -1;
	*s = c->p;
	c->p += *len;
	return 0;
}

struct statement {
	uint64_t keys_seen;		/* bit k: map key k present */
	const uint8_t *id, *spki, *nonce, *path;
	uint64_t spki_len, nonce_len, path_len, issued_at, events;
	char identifier[300], attestation[8], binding[16];
	uint64_t n_claims, n_facts;
};

static int text(struct cbor *c, char *out, size_t size)
{
	const uint8_t *s;
	uint64_t len;

	if (cbor_string(c, 3, &s, &len) || len >= size)
		return -1;
	memcpy(out, s, len);
	out[len] = '\0';
	return 0;
}

static int decode_facts(struct cbor *c, struct statement *st)
{
	uint64_t n, i, key, last = 0, v;
	const uint8_t *s;

	if (cbor_head(c, &n) != 5)
		return -1;
	st->n_facts = n;
	for (i = 0; i < n; i++) {
		if (cbor_head(c, &key) != 0 || key <= last)
			return -1;
		last = key;
		switch (key) {
		case 1:
			if (cbor_string(c, 3, &st->path, &st->path_len))
				return -1;
			break;
		case 2:
			if (cbor_head(c, &v) != 0)
				return -1;
			break;
		case 3: case 4:
			if (cbor_string(c, 3, &s, &v))
				return -1;
			break;
		case 5:
			if (text(c, st->binding, sizeof(st->binding)))
				return -1;
			break;
		default:
			return -1;
		}
	}
	return 0;
}

static int decode_statement(const uint8_t *buf, size_t len,
			    struct statement *st)
{
	struct cbor c = { buf, buf + len };
	uint64_t n, i, key, last = 0, v;
	const uint8_t *s;

	memset(st, 0, sizeof(*st));
	if (cbor_head(&c, &n) != 5)
		return -1;
	for (i = 0; i < n; i++) {
		if (cbor_head(&c, &key) != 0 || key <= last || key > 63)
			return -1;
		last = key;
		st->keys_seen |= 1ULL << key;
		switch (key) {
		case 1:
			if (cbor_head(&c, &v) != 0 || v != 1)
				return -1;
			break;
		case 2:
			if (cbor_string(&c, 2, &st->id, &v) || v != 16)
				return -1;
			break;
		case 3:
			if (cbor_head(&c, &st->issued_at) != 0)
				return -1;
			break;
		case 4:
			if (cbor_string(&c, 2, &st->spki, &st->spki_len))
				return -1;
			break;
		case 5:
			if (text(&c, st->identifier, sizeof(st->identifier)))
				return -1;
			break;
		case 6:
			if (cbor_head(&c, &st->n_claims) != 5 || st->n_claims)
				return -1;	/* the test workload has none */
			break;
		case 7:
			if (cbor_string(&c, 2, &s, &v) || v != 32)
				return -1;
			break;
		case 8:
			if (cbor_head(&c, &st->events) != 0)
				return -1;
			break;
		case 9:
			if (decode_facts(&c, st))
				return -1;
			break;
		case 10:
			if (cbor_string(&c, 2, &st->nonce, &st->nonce_len))
				return -1;
			break;
		case 11:
			if (text(&c, st->attestation, sizeof(st->attestation)))
				return -1;
			break;
		default:
			return -1;
		}
	}
	return c.p == c.end ? 0 : -1;
}

static const uint8_t *report_data_of(uint32_t tee, const uint8_t *ev,
				     size_t len)
{
	switch (tee) {
	case TWI_TEE_SNP:
		return len == 1184 ? ev + 0x50 : NULL;
	case TWI_TEE_TDX: {
		size_t off = (ev[0] == 5 ? 54 : 48) + 520;

		return len >= off + 64 ? ev + off : NULL;
	}
	case TWI_TEE_CCA:
		return len > 64 + 1 ? ev + len - 1 - 64 : NULL;
	}
	return NULL;
}

/*
 * Check a credential: the statement decodes, speaks of this key and this
 * workload, and the evidence carries SHA-512(statement) as report_data.
 */
static void check_credential(struct __test_metadata *_metadata,
			     key_serial_t key, struct credential *c,
			     uint32_t want_tee, struct statement *st)
{
	struct nlattr **tb = c->tb;
	uint8_t spki[200], digest[64];
	const uint8_t *stm, *rd;
	long spki_len;
	size_t len;

	ASSERT_NE(NULL, tb[TWI_A_KEY_SERIAL]);
	ASSERT_EQ((uint32_t)key, nla_get_u32(tb[TWI_A_KEY_SERIAL]));
	ASSERT_NE(NULL, tb[TWI_A_KEY_CGROUP_ID]);
	EXPECT_EQ(test_workload.cg.id, nla_get_u64(tb[TWI_A_KEY_CGROUP_ID]));
	ASSERT_NE(NULL, tb[TWI_A_KEY_STATEMENT]);
	ASSERT_NE(NULL, tb[TWI_A_KEY_TEE]);
	ASSERT_EQ(want_tee, nla_get_u32(tb[TWI_A_KEY_TEE]));

	stm = nla_data(tb[TWI_A_KEY_STATEMENT]);
	len = nla_len(tb[TWI_A_KEY_STATEMENT]);
	ASSERT_EQ(0, decode_statement(stm, len, st));
	/* every required key, 1 to 9 and 11 */
	EXPECT_EQ(0xbfeULL, st->keys_seen & ~(1ULL << 10));
	EXPECT_STREQ(IDENTIFIER, st->identifier);
	EXPECT_STREQ(want_tee ? "tee" : "none", st->attestation);
	EXPECT_STREQ("workload", st->binding);
	EXPECT_EQ(5U, st->n_facts);
	ASSERT_EQ(strlen(test_workload.cg.path), st->path_len);
	EXPECT_EQ(0, memcmp(test_workload.cg.path, st->path, st->path_len));
	EXPECT_LT(1600000000ULL, st->issued_at);

	spki_len = keyctl_read(key, (char *)spki, sizeof(spki));
	ASSERT_LT(0, spki_len);
	ASSERT_EQ((uint64_t)spki_len, st->spki_len);
	EXPECT_EQ(0, memcmp(spki, st->spki, spki_len));

	if (!want_tee) {
		EXPECT_EQ(NULL, tb[TWI_A_KEY_EVIDENCE]);
		return;
	}
	ASSERT_NE(NULL, tb[TWI_A_KEY_EVIDENCE]);
	rd = report_data_of(want_tee, nla_data(tb[TWI_A_KEY_EVIDENCE]),
			    nla_len(tb[TWI_A_KEY_EVIDENCE]));
	ASSERT_NE(NULL, rd);
	SHA512(stm, len, digest);
	EXPECT_EQ(0, memcmp(digest, rd, 64));
	ASSERT_NE(NULL, tb[TWI_A_KEY_AUX]);
	EXPECT_EQ(5, nla_len(tb[TWI_A_KEY_AUX]));
}

/*
 * Live keys once the key garbage collector has caught up with the keys
 * earlier tests invalidated: the count holds still for 100 ms.
 */
static unsigned int stable_keys(void)
{
	unsigned int n = test_live_keys(), m;
	int i, still = 0;

	for (i = 0; i < 200 && still < 5; i++) {
		usleep(20000);
		m = test_live_keys();
		still = m == n ? still + 1 : 0;
		n = m;
	}
	return n;
}

FIXTURE(provider) {
	struct provider p;
	unsigned int keys_before;
};

FIXTURE_SETUP(provider)
{
	memset(&self->p, 0, sizeof(self->p));
	self->keys_before = stable_keys();
	ASSERT_EQ(0, set_timeout_ms(10000));
}

FIXTURE_TEARDOWN(provider)
{
	provider_stop(&self->p);
	set_timeout_ms(10000);
}

FIXTURE_VARIANT(provider) {
	enum mode mode;
	uint32_t tee;
};

FIXTURE_VARIANT_ADD(provider, snp) { .mode = GOOD_SNP, .tee = TWI_TEE_SNP };
FIXTURE_VARIANT_ADD(provider, tdx4) { .mode = GOOD_TDX4, .tee = TWI_TEE_TDX };
FIXTURE_VARIANT_ADD(provider, tdx5) { .mode = GOOD_TDX5, .tee = TWI_TEE_TDX };
FIXTURE_VARIANT_ADD(provider, cca) { .mode = GOOD_CCA, .tee = TWI_TEE_CCA };
FIXTURE_VARIANT_ADD(provider, twice) { .mode = TWICE, .tee = TWI_TEE_SNP };
FIXTURE_VARIANT_ADD(provider, stray) {
	.mode = STRAY_FIRST, .tee = TWI_TEE_SNP
};

/* A key gets evidence over its statement, whatever the TEE. */
TEST_F(provider, attested_key)
{
	struct credential c;
	struct statement st;
	key_serial_t key;

	ASSERT_EQ(0, provider_start(&self->p, variant->mode));
	key = new_key("alg=p384");
	ASSERT_LT(0, key) TH_LOG("add_key: %s", strerror(errno));
	ASSERT_EQ(0, strncmp(provider_line(&self->p), "request ", 8));
	if (variant->mode == STRAY_FIRST)
		EXPECT_STREQ("ack 2", provider_line(&self->p));	/* ENOENT */
	EXPECT_STREQ("ack 0", provider_line(&self->p));
	if (variant->mode == TWICE)
		EXPECT_STREQ("ack 2", provider_line(&self->p));	/* ENOENT */

	ASSERT_EQ(0, key_cmd(TWI_CMD_KEY_GET, key, NULL, -1, &c));
	check_credential(_metadata, key, &c, variant->tee, &st);
	EXPECT_EQ(0ULL, st.keys_seen & (1ULL << 10));	/* no nonce */
	credential_free(&c);
	EXPECT_EQ(self->keys_before + 1, test_live_keys());
	keyctl_invalidate(key);
}

/* A fresh statement with the verifier's nonce, and the key unchanged. */
TEST(attest_with_nonce)
{
	uint8_t nonce[32], first_id[16], big[TWI_NONCE_MAX + 1] = { 0 };
	struct provider p = { 0 };
	struct credential c;
	struct statement st;
	key_serial_t key;
	size_t i;

	for (i = 0; i < sizeof(nonce); i++)
		nonce[i] = i * 7 + 1;
	ASSERT_EQ(0, provider_start(&p, GOOD_SNP));
	key = new_key("");
	ASSERT_LT(0, key) TH_LOG("add_key: %s", strerror(errno));
	ASSERT_EQ(0, key_cmd(TWI_CMD_KEY_GET, key, NULL, -1, &c));
	check_credential(_metadata, key, &c, TWI_TEE_SNP, &st);
	memcpy(first_id, st.id, sizeof(first_id));
	credential_free(&c);

	ASSERT_EQ(0, key_cmd(TWI_CMD_KEY_ATTEST, key, nonce, sizeof(nonce),
			     &c));
	check_credential(_metadata, key, &c, TWI_TEE_SNP, &st);
	ASSERT_EQ(sizeof(nonce), st.nonce_len);
	EXPECT_EQ(0, memcmp(nonce, st.nonce, sizeof(nonce)));
	EXPECT_NE(0, memcmp(first_id, st.id, sizeof(first_id)));
	credential_free(&c);

	/* the stored credential is the first one still */
	ASSERT_EQ(0, key_cmd(TWI_CMD_KEY_GET, key, NULL, -1, &c));
	check_credential(_metadata, key, &c, TWI_TEE_SNP, &st);
	EXPECT_EQ(0, memcmp(first_id, st.id, sizeof(first_id)));
	credential_free(&c);

	/* nonces are 1 to 64 bytes */
	EXPECT_EQ(-EINVAL, key_cmd(TWI_CMD_KEY_ATTEST, key, nonce, 0, &c));
	EXPECT_EQ(-ERANGE, key_cmd(TWI_CMD_KEY_ATTEST, key, big, sizeof(big),
				   &c));
	EXPECT_EQ(0, key_cmd(TWI_CMD_KEY_ATTEST, key, big, TWI_NONCE_MAX, &c));
	credential_free(&c);
	/* KEY_GET takes no nonce */
	EXPECT_EQ(-EINVAL, key_cmd(TWI_CMD_KEY_GET, key, nonce, 8, &c));
	keyctl_invalidate(key);
	provider_stop(&p);
}

/* Only the key's workload may have it attested afresh. */
TEST(attest_outside_workload)
{
	struct provider p = { 0 };
	struct credential c;
	key_serial_t key;
	int status;
	pid_t pid;

	ASSERT_EQ(0, provider_start(&p, GOOD_SNP));
	key = new_key("");
	ASSERT_LT(0, key);
	pid = fork();
	ASSERT_LE(0, pid);
	if (!pid) {
		int get, attest;

		if (test_cgroup_leave())
			_exit(10);
		get = key_cmd(TWI_CMD_KEY_GET, key, NULL, -1, &c);
		credential_free(&c);
		attest = key_cmd(TWI_CMD_KEY_ATTEST, key, "n", 1, &c);
		/* viewing is allowed, a fresh attestation is not */
		_exit(get == 0 && attest == -EACCES ? 0 : 11);
	}
	ASSERT_EQ(pid, waitpid(pid, &status, 0));
	EXPECT_EQ(0, WEXITSTATUS(status));
	keyctl_invalidate(key);
	provider_stop(&p);
}

/* Wrong answers fail key creation and leave nothing behind. */
struct failure {
	enum mode mode;
	int key_errno;		/* what add_key gets */
	int ack;		/* what the provider's answer gets, or -1 */
};

static const struct failure failures[] = {
	{ WRONG_RD, EBADMSG, EBADMSG },
	{ SHORT_SNP, EBADMSG, EBADMSG },
	{ SGX_QUOTE, EBADMSG, EBADMSG },
	{ REFUSE, EIO, 0 },
	{ CRASH, ECONNRESET, -1 },
};

TEST(wrong_answers)
{
	unsigned int before = stable_keys();
	size_t i;

	for (i = 0; i < sizeof(failures) / sizeof(failures[0]); i++) {
		const struct failure *f = &failures[i];
		struct provider p = { 0 };
		char want[16];

		ASSERT_EQ(0, provider_start(&p, f->mode));
		EXPECT_EQ(f->key_errno, add_errno("")) TH_LOG("case %zu", i);
		EXPECT_EQ(0, strncmp(provider_line(&p), "request ", 8));
		if (f->ack >= 0) {
			snprintf(want, sizeof(want), "ack %d", f->ack);
			EXPECT_STREQ(want, provider_line(&p)) TH_LOG("case %zu", i);
		}
		provider_stop(&p);
		EXPECT_EQ(before, test_settle_keys(before)) TH_LOG("case %zu", i);
	}
}

/* A provider that does not answer in time; its late answer is refused. */
TEST(timeout_and_late_answer)
{
	unsigned int before = stable_keys();
	struct provider p = { 0 };

	ASSERT_EQ(0, set_timeout_ms(300));
	ASSERT_EQ(0, provider_start(&p, LATE));
	EXPECT_EQ(ETIMEDOUT, add_errno(""));
	EXPECT_EQ(0, strncmp(provider_line(&p), "request ", 8));
	EXPECT_STREQ("ack 2", provider_line(&p));	/* ENOENT */
	provider_stop(&p);
	ASSERT_EQ(0, set_timeout_ms(10000));
	EXPECT_EQ(before, test_settle_keys(before));
}

/* No provider: attested keys fail, unattested ones say so. */
TEST(unattested)
{
	struct credential c;
	struct statement st;
	key_serial_t key;

	EXPECT_EQ(ENODEV, add_errno(""));
	key = new_key("attest=none");
	ASSERT_LT(0, key);
	ASSERT_EQ(0, key_cmd(TWI_CMD_KEY_GET, key, NULL, -1, &c));
	check_credential(_metadata, key, &c, TWI_TEE_NONE, &st);
	credential_free(&c);
	/* with no provider, a fresh attestation cannot be had either */
	EXPECT_EQ(-ENODEV, key_cmd(TWI_CMD_KEY_ATTEST, key, "n", 1, &c));
	keyctl_invalidate(key);
}

/* One provider at a time; the slot frees when its socket closes. */
TEST(one_provider)
{
	struct provider a = { 0 }, b = { 0 };

	ASSERT_EQ(0, provider_start(&a, GOOD_SNP));
	EXPECT_EQ(-EBUSY, simple_cmd(TWI_CMD_PROVIDER_REGISTER));
	provider_stop(&a);
	ASSERT_EQ(0, provider_start(&b, GOOD_SNP));
	provider_stop(&b);
}

/* Only the provider answers; only the privileged register. */
TEST(not_the_provider)
{
	struct provider p = { 0 };
	struct nl_sock *sk;
	struct nl_msg *msg;
	int family, status;
	pid_t pid;

	ASSERT_EQ(0, provider_start(&p, SILENT));
	sk = genl_open(&family);
	ASSERT_NE(NULL, sk);
	msg = genl_msg(family, TWI_CMD_EVIDENCE_ANSWER, NLM_F_ACK);
	nla_put_u64(msg, TWI_A_EVIDENCE_REQUEST_ID, 1);
	nla_put_u32(msg, TWI_A_EVIDENCE_ERROR, EIO);
	EXPECT_EQ(-EPERM, transact(sk, msg, NULL, 0, NULL));
	/* a malformed answer is refused before anything else */
	msg = genl_msg(family, TWI_CMD_EVIDENCE_ANSWER, NLM_F_ACK);
	nla_put_u64(msg, TWI_A_EVIDENCE_REQUEST_ID, 1);
	EXPECT_EQ(-EINVAL, transact(sk, msg, NULL, 0, NULL));
	nl_socket_free(sk);
	provider_stop(&p);

	pid = fork();
	ASSERT_LE(0, pid);
	if (!pid) {
		if (setresuid(65534, 65534, 65534))
			_exit(10);
		_exit(simple_cmd(TWI_CMD_PROVIDER_REGISTER) == -EPERM ? 0 : 11);
	}
	ASSERT_EQ(pid, waitpid(pid, &status, 0));
	EXPECT_EQ(0, WEXITSTATUS(status));
	/* requests go from the kernel only */
	EXPECT_EQ(-EOPNOTSUPP, simple_cmd(TWI_CMD_EVIDENCE_REQUEST));
}

/* Who may see a credential, and of which keys. */
TEST(key_get_errors)
{
	struct credential c;
	key_serial_t key, ring;

	EXPECT_EQ(-EINVAL, key_cmd(TWI_CMD_KEY_GET, 0, NULL, -1, &c));
	ring = add_key("keyring", "not-twi", NULL, 0,
		       KEY_SPEC_PROCESS_KEYRING);
	ASSERT_LT(0, ring);
	EXPECT_EQ(-ENOKEY, key_cmd(TWI_CMD_KEY_GET, ring, NULL, -1, &c));

	key = new_key("attest=none");
	ASSERT_LT(0, key);
	/* possession is not considered: without user View, no credential */
	ASSERT_EQ(0, keyctl_setperm(key, KEY_POS_ALL));
	EXPECT_EQ(-EACCES, key_cmd(TWI_CMD_KEY_GET, key, NULL, -1, &c));
	ASSERT_EQ(0, keyctl_setperm(key, KEY_POS_ALL | KEY_USR_VIEW));
	EXPECT_EQ(0, key_cmd(TWI_CMD_KEY_GET, key, NULL, -1, &c));
	credential_free(&c);

	ASSERT_EQ(0, keyctl_revoke(key));
	EXPECT_EQ(-EKEYREVOKED, key_cmd(TWI_CMD_KEY_GET, key, NULL, -1, &c));
	keyctl_invalidate(ring);
}

TEST_HARNESS_MAIN
