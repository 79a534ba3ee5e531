// SPDX-License-Identifier: GPL-2.0
/*
 * Statements and credential files: decoding of CBOR written out by hand
 * from the rules of RFC 8949 (section 3 heads, section 4.2.1 deterministic
 * encoding) and the statement's CDDL, every rejection the decoder promises,
 * the JSON form, and the credential encoder against hand-written bytes.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>

#include "kselftest_harness.h"
#include "userspace/verify/statement.h"

/* Hex to bytes; spaces are ignored.  Returns the length. */
static size_t unhex(const char *hex, uint8_t *out, size_t cap)
{
	size_t n = 0;
	unsigned int v;

	for (; *hex; hex++) {
		if (*hex == ' ')
			continue;
		if (n >= cap || sscanf(hex, "%2x", &v) != 1)
			abort();
		out[n++] = (uint8_t)v;
		hex++;
	}
	return n;
}

/*
 * The fields of a valid statement, one per map key, in key order.  Each
 * is the key's head followed by the value, as RFC 8949 spells them: major
 * type in the top three bits, lengths and values below 24 in the low five,
 * 0x18 + one byte up to 255, 0x19 + two bytes, 0x1a + four bytes.
 */
#define CRED_ID	"000102030405060708090a0b0c0d0e0f"
#define DIGEST	"a0a1a2a3a4a5a6a7a8a9aaabacadaeafb0b1b2b3b4b5b6b7b8b9babbbcbdbebf"
#define EXE	"c0c1c2c3c4c5c6c7c8c9cacbcccdcecfd0d1d2d3d4d5d6d7d8d9dadbdcdddedf"
#define NONCE	"1122334455667788"
/* "spiffe://example.org/web", 24 bytes: text head 0x78 0x18 */
#define IDENT	"7818 7370696666653a2f2f6578616d706c652e6f72672f776562"

enum {
	F_VERSION, F_ID, F_ISSUED, F_KEY, F_IDENT, F_CLAIMS, F_DIGEST,
	F_EVENTS, F_KERNEL, F_NONCE, F_ATTEST, NFIELDS
};

static const char *const good[NFIELDS] = {
	[F_VERSION] = "01 01",
	[F_ID] = "02 50" CRED_ID,
	[F_ISSUED] = "03 1a 69300000",		/* 1764753408 */
	[F_KEY] = "04 44 30020500",
	[F_IDENT] = "05" IDENT,
	/* {"env": "prod", "region": "eu"}: shorter key first */
	[F_CLAIMS] = "06 a2 63656e76 6470726f64 66726567696f6e 626575",
	[F_DIGEST] = "07 5820" DIGEST,
	[F_EVENTS] = "08 03",
	/* {1: "/a/b", 2: 0x1234, 3: "6.12.0", 4: "0.5", 5: "workload"} */
	[F_KERNEL] = "09 a5 01 642f612f62 02 191234 03 66362e31322e30"
		     " 04 63302e35 05 68776f726b6c6f6164",
	[F_NONCE] = "0a 48" NONCE,
	[F_ATTEST] = "0b 63746565",		/* "tee" */
};

struct field_set {
	const char *f[NFIELDS + 2];
	int n;
};

static void fields_default(struct field_set *s, bool nonce)
{
	int i;

	s->n = 0;
	for (i = 0; i < NFIELDS; i++)
		if (nonce || i != F_NONCE)
			s->f[s->n++] = good[i];
}

/* Assemble a map of the fields: head 0xa0 + count (counts below 24). */
static size_t build(const struct field_set *s, uint8_t *out, size_t cap)
{
	size_t n;
	int i;

	out[0] = (uint8_t)(0xa0 + s->n);
	n = 1;
	for (i = 0; i < s->n; i++)
		n += unhex(s->f[i], out + n, cap - n);
	return n;
}

/* The decoded statement points into the buffer, so it outlives the call. */
static int decode_fields(const struct field_set *s, struct twi_statement *st)
{
	static uint8_t buf[1024];
	size_t len = build(s, buf, sizeof(buf));

	return twi_statement_decode(buf, len, st);
}

/* Replace the field of key @which (an index into good[]). */
static void replace(struct field_set *s, int which, const char *with)
{
	int i;

	for (i = 0; i < s->n; i++)
		if (s->f[i] == good[which])
			s->f[i] = with;
}

static void drop(struct field_set *s, int which)
{
	int i, j;

	for (i = j = 0; i < s->n; i++)
		if (s->f[i] != good[which])
			s->f[j++] = s->f[i];
	s->n = j;
}

FIXTURE(stmt) {
	struct twi_statement *st;
	struct field_set s;
};

FIXTURE_SETUP(stmt)
{
	self->st = calloc(1, sizeof(*self->st));
	ASSERT_NE(NULL, self->st);
	fields_default(&self->s, true);
}

FIXTURE_TEARDOWN(stmt)
{
	free(self->st);
}

TEST_F(stmt, decodes_every_field)
{
	static const uint8_t id[16] = { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11,
					12, 13, 14, 15 };
	static const uint8_t key[4] = { 0x30, 0x02, 0x05, 0x00 };
	static const uint8_t nonce[8] = { 0x11, 0x22, 0x33, 0x44, 0x55, 0x66,
					  0x77, 0x88 };
	struct twi_statement *st = self->st;
	uint8_t digest[32];
	int i;

	for (i = 0; i < 32; i++)
		digest[i] = (uint8_t)(0xa0 + i);
	ASSERT_EQ(0, decode_fields(&self->s, st));
	EXPECT_EQ((uint64_t)(1), (uint64_t)st->version);
	EXPECT_EQ(0, memcmp(id, st->credential_id, 16));
	EXPECT_EQ(1764753408ULL, st->issued_at);
	ASSERT_EQ((uint64_t)(4), (uint64_t)st->public_key_len);
	EXPECT_EQ(0, memcmp(key, st->public_key, 4));
	EXPECT_STREQ("spiffe://example.org/web", st->identifier);
	ASSERT_EQ((uint64_t)(2), (uint64_t)st->n_claims);
	EXPECT_STREQ("env", st->claims[0].key);
	EXPECT_STREQ("prod", st->claims[0].value);
	EXPECT_STREQ("region", st->claims[1].key);
	EXPECT_STREQ("eu", st->claims[1].value);
	EXPECT_EQ(0, memcmp(digest, st->log_digest, 32));
	EXPECT_EQ((uint64_t)(3), (uint64_t)st->events);
	EXPECT_STREQ("/a/b", st->kernel.cgroup);
	EXPECT_EQ((uint64_t)(0x1234), (uint64_t)st->kernel.cgroup_id);
	EXPECT_STREQ("6.12.0", st->kernel.release);
	EXPECT_STREQ("0.5", st->kernel.module_version);
	EXPECT_EQ((uint64_t)(TWI_ST_BIND_WORKLOAD), (uint64_t)st->kernel.binding);
	EXPECT_FALSE(st->kernel.has_exe_digest);
	ASSERT_TRUE(st->has_nonce);
	ASSERT_EQ((uint64_t)(8), (uint64_t)st->nonce_len);
	EXPECT_EQ(0, memcmp(nonce, st->nonce, 8));
	EXPECT_TRUE(st->attested);
}

TEST_F(stmt, nonce_is_optional)
{
	fields_default(&self->s, false);
	ASSERT_EQ(0, decode_fields(&self->s, self->st));
	EXPECT_FALSE(self->st->has_nonce);
	EXPECT_EQ((uint64_t)(0), (uint64_t)self->st->nonce_len);
}

TEST_F(stmt, unattested_and_no_claims)
{
	replace(&self->s, F_ATTEST, "0b 646e6f6e65");	/* "none" */
	replace(&self->s, F_CLAIMS, "06 a0");
	ASSERT_EQ(0, decode_fields(&self->s, self->st));
	EXPECT_FALSE(self->st->attested);
	EXPECT_EQ((uint64_t)(0), (uint64_t)self->st->n_claims);
}

TEST_F(stmt, bind_exe_with_digest)
{
	replace(&self->s, F_KERNEL,
		"09 a6 01 642f612f62 02 191234 03 66362e31322e30"
		" 04 63302e35 05 63657865 06 5820" EXE);
	ASSERT_EQ(0, decode_fields(&self->s, self->st));
	EXPECT_EQ((uint64_t)(TWI_ST_BIND_EXE), (uint64_t)self->st->kernel.binding);
	ASSERT_TRUE(self->st->kernel.has_exe_digest);
	EXPECT_EQ(0xc0, self->st->kernel.exe_digest[0]);
	EXPECT_EQ(0xdf, self->st->kernel.exe_digest[31]);
}

TEST_F(stmt, bind_process)
{
	replace(&self->s, F_KERNEL,
		"09 a5 01 642f612f62 02 191234 03 66362e31322e30"
		" 04 63302e35 05 6770726f63657373");
	ASSERT_EQ(0, decode_fields(&self->s, self->st));
	EXPECT_EQ((uint64_t)(TWI_ST_BIND_PROCESS), (uint64_t)self->st->kernel.binding);
}

TEST_F(stmt, large_values_in_longer_heads)
{
	/* issued_at 2^32 (0x1b + 8 bytes), cgroup id 0x100 (0x19) */
	replace(&self->s, F_ISSUED, "03 1b 0000000100000000");
	replace(&self->s, F_EVENTS, "08 1818");		/* 24 */
	replace(&self->s, F_KERNEL,
		"09 a5 01 642f612f62 02 190100 03 66362e31322e30"
		" 04 63302e35 05 68776f726b6c6f6164");
	ASSERT_EQ(0, decode_fields(&self->s, self->st));
	EXPECT_EQ(0x100000000ULL, self->st->issued_at);
	EXPECT_EQ((uint64_t)(24), (uint64_t)self->st->events);
	EXPECT_EQ((uint64_t)(0x100), (uint64_t)self->st->kernel.cgroup_id);
}

TEST_F(stmt, every_required_key)
{
	int i;

	for (i = 0; i < NFIELDS; i++) {
		fields_default(&self->s, true);
		drop(&self->s, i);
		if (i == F_NONCE) {
			EXPECT_EQ(0, decode_fields(&self->s, self->st));
		} else {
			EXPECT_EQ(-EBADMSG, decode_fields(&self->s, self->st))
				TH_LOG("without key %d", i + 1);
		}
	}
}

TEST_F(stmt, unsorted_keys)
{
	self->s.f[F_ISSUED] = good[F_KEY];
	self->s.f[F_KEY] = good[F_ISSUED];
	EXPECT_EQ(-EBADMSG, decode_fields(&self->s, self->st));
}

TEST_F(stmt, duplicate_key)
{
	/* key 8 twice, in place of key 7 and as itself: 1..6, 8, 8, 9.. */
	self->s.f[F_DIGEST] = good[F_EVENTS];
	EXPECT_EQ(-EBADMSG, decode_fields(&self->s, self->st));
	/* the same key right after itself, with the count raised */
	fields_default(&self->s, true);
	self->s.f[self->s.n++] = good[F_ATTEST];
	EXPECT_EQ(-EBADMSG, decode_fields(&self->s, self->st));
}

TEST_F(stmt, unknown_key)
{
	self->s.f[self->s.n++] = "0c 00";
	EXPECT_EQ(-EBADMSG, decode_fields(&self->s, self->st));
}

TEST_F(stmt, key_of_wrong_type)
{
	/* key 11 as the text "11" instead of the unsigned integer */
	replace(&self->s, F_ATTEST, "623131 63746565");
	EXPECT_EQ(-EBADMSG, decode_fields(&self->s, self->st));
	fields_default(&self->s, true);
	replace(&self->s, F_VERSION, "00 01");		/* key 0 */
	EXPECT_EQ(-EBADMSG, decode_fields(&self->s, self->st));
}

TEST_F(stmt, unknown_version)
{
	replace(&self->s, F_VERSION, "01 02");
	EXPECT_EQ(-EPROTONOSUPPORT, decode_fields(&self->s, self->st));
	fields_default(&self->s, true);
	replace(&self->s, F_VERSION, "01 00");
	EXPECT_EQ(-EPROTONOSUPPORT, decode_fields(&self->s, self->st));
}

TEST_F(stmt, non_shortest_integers)
{
	static const struct { int field; const char *bad; } cases[] = {
		{ F_VERSION, "01 1801" },
		{ F_VERSION, "1801 01" },		/* the key itself */
		{ F_EVENTS, "08 1803" },
		{ F_EVENTS, "08 190003" },
		{ F_ISSUED, "03 1b0000000069300000" },
		{ F_KERNEL, "09 a5 01 642f612f62 02 1a00001234 03 66362e31322e30"
			    " 04 63302e35 05 68776f726b6c6f6164" },
	};
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		fields_default(&self->s, true);
		replace(&self->s, cases[i].field, cases[i].bad);
		EXPECT_EQ(-EBADMSG, decode_fields(&self->s, self->st))
			TH_LOG("case %zu", i);
	}
}

TEST_F(stmt, non_shortest_lengths)
{
	static const struct { int field; const char *bad; } cases[] = {
		{ F_ATTEST, "0b 7803746565" },		/* "tee", length 0x78 03 */
		{ F_NONCE, "0a 5808" NONCE },
		{ F_ID, "02 5810" CRED_ID },
		{ F_CLAIMS, "06 b802 63656e76 6470726f64 66726567696f6e 626575" },
	};
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		fields_default(&self->s, true);
		replace(&self->s, cases[i].field, cases[i].bad);
		EXPECT_EQ(-EBADMSG, decode_fields(&self->s, self->st))
			TH_LOG("case %zu", i);
	}
}

TEST_F(stmt, indefinite_lengths)
{
	static const struct { int field; const char *bad; } cases[] = {
		{ F_ATTEST, "0b 7f 63746565 ff" },
		{ F_NONCE, "0a 5f 48" NONCE " ff" },
		{ F_CLAIMS, "06 bf 63656e76 6470726f64 66726567696f6e 626575 ff" },
		{ F_KERNEL, "09 bf 01 642f612f62 02 191234 03 66362e31322e30"
			    " 04 63302e35 05 68776f726b6c6f6164 ff" },
	};
	uint8_t buf[1024];
	size_t i, len;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		fields_default(&self->s, true);
		replace(&self->s, cases[i].field, cases[i].bad);
		EXPECT_EQ(-EBADMSG, decode_fields(&self->s, self->st))
			TH_LOG("case %zu", i);
	}

	/* the statement map itself: 0xbf ... 0xff */
	fields_default(&self->s, true);
	len = build(&self->s, buf, sizeof(buf) - 1);
	buf[0] = 0xbf;
	buf[len] = 0xff;
	EXPECT_EQ(-EBADMSG, twi_statement_decode(buf, len + 1, self->st));
}

TEST_F(stmt, trailing_bytes_and_truncation)
{
	uint8_t buf[1024];
	size_t len, i;

	len = build(&self->s, buf, sizeof(buf) - 1);
	ASSERT_EQ(0, twi_statement_decode(buf, len, self->st));
	buf[len] = 0x00;
	EXPECT_EQ(-EBADMSG, twi_statement_decode(buf, len + 1, self->st));
	for (i = 0; i < len; i++)
		ASSERT_EQ(-EBADMSG, twi_statement_decode(buf, i, self->st))
			TH_LOG("prefix of %zu bytes", i);
}

TEST_F(stmt, not_a_map)
{
	static const char *const tops[] = { "80", "00", "40", "a0", "c0a0" };
	uint8_t buf[8];
	size_t i, len;

	for (i = 0; i < sizeof(tops) / sizeof(tops[0]); i++) {
		len = unhex(tops[i], buf, sizeof(buf));
		EXPECT_EQ(-EBADMSG, twi_statement_decode(buf, len, self->st))
			TH_LOG("top %s", tops[i]);
	}
	EXPECT_EQ(-EBADMSG, twi_statement_decode(buf, 0, self->st));
}

TEST_F(stmt, wrong_sizes_and_types)
{
	static const struct { int field; const char *bad; } cases[] = {
		{ F_ID, "02 4f 000102030405060708090a0b0c0d0e" },	/* 15 */
		{ F_ID, "02 6f 000102030405060708090a0b0c0d0e" },	/* text */
		{ F_DIGEST, "07 581f a0a1a2a3a4a5a6a7a8a9aaabacadaeaf"
			    "b0b1b2b3b4b5b6b7b8b9babbbcbdbe" },		/* 31 */
		{ F_NONCE, "0a 40" },					/* empty */
		{ F_KEY, "04 40" },					/* empty */
		{ F_IDENT, "05 60" },					/* empty */
		{ F_VERSION, "01 61 31" },				/* "1" */
		{ F_EVENTS, "08 20" },					/* -1 */
		{ F_ISSUED, "03 f6" },					/* null */
		{ F_CLAIMS, "06 a1 63656e76 4470726f64" },		/* bstr */
		{ F_CLAIMS, "06 82 63656e76 6470726f64" },		/* array */
		{ F_CLAIMS, "06 a1 60 6470726f64" },			/* "" key */
		{ F_ATTEST, "0b 656d61796265" },			/* "maybe" */
		{ F_ATTEST, "0b 01" },
		{ F_IDENT, "05 63 610062" },				/* NUL */
		{ F_KERNEL, "09 a0" },
	};
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		fields_default(&self->s, true);
		replace(&self->s, cases[i].field, cases[i].bad);
		EXPECT_EQ(-EBADMSG, decode_fields(&self->s, self->st))
			TH_LOG("case %zu: %s", i, cases[i].bad);
	}
}

TEST_F(stmt, nonce_limits)
{
	char nonce64[2 * 64 + 8], nonce65[2 * 65 + 8];
	int i;

	/* 64 bytes: 0x58 0x40; 65 bytes: 0x58 0x41 */
	strcpy(nonce64, "0a 5840");
	strcpy(nonce65, "0a 5841");
	for (i = 0; i < 64; i++)
		strcat(nonce64, "ab");
	for (i = 0; i < 65; i++)
		strcat(nonce65, "ab");
	replace(&self->s, F_NONCE, nonce64);
	ASSERT_EQ(0, decode_fields(&self->s, self->st));
	EXPECT_EQ((uint64_t)(64), (uint64_t)self->st->nonce_len);
	fields_default(&self->s, true);
	replace(&self->s, F_NONCE, nonce65);
	EXPECT_EQ(-EBADMSG, decode_fields(&self->s, self->st));
}

TEST_F(stmt, claims_order)
{
	static const char *const bad[] = {
		/* longer key first */
		"06 a2 66726567696f6e 626575 63656e76 6470726f64",
		/* same length, "abc" after "abd" */
		"06 a2 63616264 6131 63616263 6132",
		/* the same key twice */
		"06 a2 63656e76 6131 63656e76 6132",
	};
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		fields_default(&self->s, true);
		replace(&self->s, F_CLAIMS, bad[i]);
		EXPECT_EQ(-EBADMSG, decode_fields(&self->s, self->st))
			TH_LOG("claims %zu", i);
	}
	/* "abc" then "abd" is the right order */
	fields_default(&self->s, true);
	replace(&self->s, F_CLAIMS, "06 a2 63616263 6131 63616264 6132");
	ASSERT_EQ(0, decode_fields(&self->s, self->st));
	EXPECT_STREQ("abd", self->st->claims[1].key);
}

TEST_F(stmt, kernel_facts)
{
	static const char *const bad[] = {
		/* binding missing */
		"09 a4 01 642f612f62 02 191234 03 66362e31322e30 04 63302e35",
		/* bind=exe without its digest */
		"09 a5 01 642f612f62 02 191234 03 66362e31322e30 04 63302e35"
		" 05 63657865",
		/* a digest with bind=workload */
		"09 a6 01 642f612f62 02 191234 03 66362e31322e30 04 63302e35"
		" 05 68776f726b6c6f6164 06 5820" EXE,
		/* unknown binding "foo" */
		"09 a5 01 642f612f62 02 191234 03 66362e31322e30 04 63302e35"
		" 05 63666f6f",
		/* keys 1 and 2 swapped */
		"09 a5 02 191234 01 642f612f62 03 66362e31322e30 04 63302e35"
		" 05 68776f726b6c6f6164",
		/* unknown key 7 */
		"09 a6 01 642f612f62 02 191234 03 66362e31322e30 04 63302e35"
		" 05 68776f726b6c6f6164 07 00",
		/* cgroup id as text */
		"09 a5 01 642f612f62 02 6131 03 66362e31322e30 04 63302e35"
		" 05 68776f726b6c6f6164",
	};
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		fields_default(&self->s, true);
		replace(&self->s, F_KERNEL, bad[i]);
		EXPECT_EQ(-EBADMSG, decode_fields(&self->s, self->st))
			TH_LOG("kernel facts %zu", i);
	}
}

static const char *jstr(struct json_object *o, const char *key)
{
	struct json_object *v;

	if (!json_object_object_get_ex(o, key, &v))
		return "(absent)";
	return json_object_get_string(v);
}

TEST_F(stmt, json)
{
	struct json_object *o, *k, *c, *v;

	ASSERT_EQ(0, decode_fields(&self->s, self->st));
	o = twi_statement_json(self->st);
	ASSERT_NE(NULL, o);
	EXPECT_STREQ("spiffe://example.org/web", jstr(o, "identifier"));
	EXPECT_STREQ("1764753408", jstr(o, "issued_at"));
	EXPECT_STREQ(CRED_ID, jstr(o, "credential_id"));
	EXPECT_STREQ("30020500", jstr(o, "public_key"));
	EXPECT_STREQ(DIGEST, jstr(o, "log_digest"));
	EXPECT_STREQ("3", jstr(o, "events"));
	EXPECT_STREQ(NONCE, jstr(o, "nonce"));
	EXPECT_STREQ("tee", jstr(o, "attestation"));
	ASSERT_TRUE(json_object_object_get_ex(o, "claims", &c));
	EXPECT_EQ(2, json_object_object_length(c));
	EXPECT_STREQ("prod", jstr(c, "env"));
	EXPECT_STREQ("eu", jstr(c, "region"));
	ASSERT_TRUE(json_object_object_get_ex(o, "kernel", &k));
	EXPECT_STREQ("/a/b", jstr(k, "cgroup"));
	EXPECT_STREQ("4660", jstr(k, "cgroup_id"));
	EXPECT_STREQ("6.12.0", jstr(k, "release"));
	EXPECT_STREQ("0.5", jstr(k, "module_version"));
	EXPECT_STREQ("workload", jstr(k, "binding"));
	EXPECT_FALSE(json_object_object_get_ex(k, "exe_digest", &v));
	json_object_put(o);

	/* without a nonce the key is absent; exe_digest with bind=exe */
	fields_default(&self->s, false);
	replace(&self->s, F_KERNEL,
		"09 a6 01 642f612f62 02 191234 03 66362e31322e30"
		" 04 63302e35 05 63657865 06 5820" EXE);
	ASSERT_EQ(0, decode_fields(&self->s, self->st));
	o = twi_statement_json(self->st);
	ASSERT_NE(NULL, o);
	EXPECT_FALSE(json_object_object_get_ex(o, "nonce", &v));
	ASSERT_TRUE(json_object_object_get_ex(o, "kernel", &k));
	EXPECT_STREQ(EXE, jstr(k, "exe_digest"));
	EXPECT_STREQ("exe", jstr(k, "binding"));
	json_object_put(o);
}

/* Credential files */

/* [1, h'a0', "snp", h'0102', h'03'] */
#define CRED_SNP "85 01 41a0 63736e70 420102 4103"

static int decode_cred(const char *hex, struct twi_credential *c)
{
	uint8_t buf[256];
	size_t len = unhex(hex, buf, sizeof(buf));

	return twi_credential_decode(buf, len, c);
}

TEST(credential_decode)
{
	struct twi_credential c;
	uint8_t buf[64];
	size_t len;

	len = unhex(CRED_SNP, buf, sizeof(buf));
	ASSERT_EQ(0, twi_credential_decode(buf, len, &c));
	EXPECT_EQ((uint64_t)(TWI_TEE_SNP), (uint64_t)c.tee);
	ASSERT_EQ((uint64_t)(1), (uint64_t)c.statement_len);
	EXPECT_EQ(0xa0, c.statement[0]);
	ASSERT_EQ((uint64_t)(2), (uint64_t)c.evidence_len);
	EXPECT_EQ(0x02, c.evidence[1]);
	ASSERT_EQ((uint64_t)(1), (uint64_t)c.aux_len);
	EXPECT_EQ(0x03, c.aux[0]);

	/* unattested: tee "none", empty evidence and aux */
	ASSERT_EQ(0, decode_cred("85 01 41a0 646e6f6e65 40 40", &c));
	EXPECT_EQ((uint64_t)(TWI_TEE_NONE), (uint64_t)c.tee);
	EXPECT_EQ((uint64_t)(0), (uint64_t)c.evidence_len);
	/* "tdx" and "cca" with no aux */
	ASSERT_EQ(0, decode_cred("85 01 41a0 63746478 4101 40", &c));
	EXPECT_EQ((uint64_t)(TWI_TEE_TDX), (uint64_t)c.tee);
	ASSERT_EQ(0, decode_cred("85 01 41a0 63636361 4101 40", &c));
	EXPECT_EQ((uint64_t)(TWI_TEE_CCA), (uint64_t)c.tee);
}

TEST(credential_rejects)
{
	static const char *const bad[] = {
		"84 01 41a0 63736e70 420102",			/* 4 items */
		"86 01 41a0 63736e70 420102 4103 40",		/* 6 items */
		"9f 01 41a0 63736e70 420102 4103 ff",		/* indefinite */
		"85 01 41a0 63736e70 5f 420102 ff 4103",	/* indef. bstr */
		"85 1801 41a0 63736e70 420102 4103",		/* long head */
		"85 01 40 63736e70 420102 4103",		/* no statement */
		"85 01 41a0 63736576 420102 4103",		/* "sev" */
		"85 01 41a0 43736e70 420102 4103",		/* tee as bstr */
		"85 01 41a0 63736e70 40 4103",			/* no evidence */
		"85 01 41a0 646e6f6e65 4101 40",		/* none + evidence */
		"85 01 41a0 646e6f6e65 40 4101",		/* none + aux */
		"85 01 61a0 63736e70 420102 4103",		/* statement text */
		"85 01 41a0 63736e70 420102 4103 00",		/* trailing */
		"a0",
		"",
	};
	struct twi_credential c;
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		EXPECT_EQ(-EBADMSG, decode_cred(bad[i], &c))
			TH_LOG("credential %zu", i);
	EXPECT_EQ(-EPROTONOSUPPORT,
		  decode_cred("85 02 41a0 63736e70 420102 4103", &c));
}

TEST(credential_encode)
{
	static const uint8_t stmt[1] = { 0xa0 }, ev[2] = { 1, 2 }, aux[1] = { 3 };
	struct twi_credential c = {
		.tee = TWI_TEE_SNP, .statement = stmt, .statement_len = 1,
		.evidence = ev, .evidence_len = 2, .aux = aux, .aux_len = 1,
	};
	uint8_t want[64], *out, *big;
	size_t len, wlen;

	wlen = unhex(CRED_SNP, want, sizeof(want));
	ASSERT_EQ(0, twi_credential_encode(&c, &out, &len));
	ASSERT_EQ(wlen, len);
	EXPECT_EQ(0, memcmp(want, out, len));
	free(out);

	/* an SNP report's 1184 bytes take a two-byte length: 0x59 0x04a0 */
	big = calloc(1, 1184);
	ASSERT_NE(NULL, big);
	c.evidence = big;
	c.evidence_len = 1184;
	c.aux_len = 0;
	ASSERT_EQ(0, twi_credential_encode(&c, &out, &len));
	ASSERT_EQ((uint64_t)(1 + 1 + 2 + 4 + 3 + 1184 + 1), (uint64_t)len);
	wlen = unhex("85 01 41a0 63736e70 5904a0", want, sizeof(want));
	EXPECT_EQ(0, memcmp(want, out, wlen));
	EXPECT_EQ(0x40, out[len - 1]);
	free(out);

	/* the encoder refuses what the decoder would */
	c.tee = TWI_TEE_NONE;
	EXPECT_EQ(-EBADMSG, twi_credential_encode(&c, &out, &len));
	c.tee = 7;
	EXPECT_EQ(-EBADMSG, twi_credential_encode(&c, &out, &len));
	c.tee = TWI_TEE_SNP;
	c.evidence_len = TWI_EVIDENCE_MAX + 1;
	EXPECT_EQ(-EBADMSG, twi_credential_encode(&c, &out, &len));
	free(big);
}

TEST(tee_names)
{
	uint32_t tee;

	EXPECT_STREQ("snp", twi_tee_name(TWI_TEE_SNP));
	EXPECT_STREQ("none", twi_tee_name(TWI_TEE_NONE));
	EXPECT_EQ(NULL, twi_tee_name(TWI_TEE_MAX + 1));
	ASSERT_EQ(0, twi_tee_parse("cca", 3, &tee));
	EXPECT_EQ((uint64_t)(TWI_TEE_CCA), (uint64_t)tee);
	EXPECT_EQ(-EINVAL, twi_tee_parse("cc", 2, &tee));
	EXPECT_EQ(-EINVAL, twi_tee_parse("ccaa", 4, &tee));
}

TEST_HARNESS_MAIN
