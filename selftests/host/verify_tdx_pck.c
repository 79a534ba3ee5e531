// SPDX-License-Identifier: GPL-2.0
/*
 * The SGX extension of PCK certificates (1.2.840.113741.1.13.1), built
 * here in DER by hand as Intel's PCK certificate profile describes it:
 * SEQUENCE { SEQUENCE { OID .1, PPID }, SEQUENCE { OID .2, SEQUENCE {
 * sgxTcbComp01..16 INTEGER, pcesvn INTEGER, cpusvn OCTET STRING } },
 * SEQUENCE { OID .3, PCE-ID OCTET STRING(2) }, SEQUENCE { OID .4,
 * FMSPC OCTET STRING(6) }, SEQUENCE { OID .5, SGX type ENUMERATED } }.
 */
#include "kselftest_harness.h"

#include "userspace/verify/tdx_local.h"

struct der {
	uint8_t b[1024];
	size_t n;
};

/* Wrap the bytes from start to the end in a TLV with tag. */
static void wrap(struct der *d, size_t start, uint8_t tag)
{
	size_t len = d->n - start;
	size_t hdr = len < 0x80 ? 2 : 4;

	memmove(d->b + start + hdr, d->b + start, len);
	d->b[start] = tag;
	if (hdr == 2) {
		d->b[start + 1] = (uint8_t)len;
	} else {
		d->b[start + 1] = 0x82;
		d->b[start + 2] = (uint8_t)(len >> 8);
		d->b[start + 3] = (uint8_t)len;
	}
	d->n += hdr;
}

static void put(struct der *d, const void *p, size_t n)
{
	memcpy(d->b + d->n, p, n);
	d->n += n;
}

/* Open SEQUENCE { OID 1.2.840.113741.1.13.1.a[.b], ...: returns its start. */
static size_t begin_item(struct der *d, int a, int b)
{
	static const uint8_t base[] = { 0x2a, 0x86, 0x48, 0x86, 0xf8, 0x4d,
					0x01, 0x0d, 0x01 };
	size_t start = d->n;

	put(d, base, sizeof(base));
	put(d, &(uint8_t){ (uint8_t)a }, 1);
	if (b)
		put(d, &(uint8_t){ (uint8_t)b }, 1);
	wrap(d, start, 0x06);
	return start;
}

static void item(struct der *d, int a, int b, uint8_t tag, const void *v,
		 size_t vlen)
{
	size_t start = begin_item(d, a, b), value = d->n;

	put(d, v, vlen);
	wrap(d, value, tag);
	wrap(d, start, 0x30);
}

struct ext_spec {
	uint8_t svn;		/* every sgxTcbComp */
	uint8_t pcesvn[2];	/* INTEGER content */
	size_t pcesvn_len;
	size_t fmspc_len;
	bool fmspc;
	bool extra;		/* an unknown item .9 */
};

static void build(struct der *d, const struct ext_spec *s)
{
	static const uint8_t fmspc[6] = { 0xb0, 0xc0, 0x6f, 0, 0, 0 };
	uint8_t ppid[16] = { 0 }, cpusvn[16], pceid[2] = { 0, 0 };
	size_t start, tcb;
	int i;

	memset(cpusvn, s->svn, sizeof(cpusvn));
	d->n = 0;
	item(d, 1, 0, 0x04, ppid, sizeof(ppid));
	/* .2: a SEQUENCE of items .2.1 .. .2.18 */
	start = begin_item(d, 2, 0);
	tcb = d->n;
	for (i = 1; i <= 16; i++)
		item(d, 2, i, 0x02, &s->svn, 1);
	item(d, 2, 17, 0x02, s->pcesvn, s->pcesvn_len);
	item(d, 2, 18, 0x04, cpusvn, sizeof(cpusvn));
	wrap(d, tcb, 0x30);
	wrap(d, start, 0x30);
	item(d, 3, 0, 0x04, pceid, sizeof(pceid));
	if (s->fmspc)
		item(d, 4, 0, 0x04, fmspc, s->fmspc_len);
	item(d, 5, 0, 0x0a, "\0", 1);
	if (s->extra)
		item(d, 9, 0, 0x05, "", 0);
	wrap(d, 0, 0x30);
}

static const struct ext_spec good = {
	.svn = 5, .pcesvn = { 0x0b }, .pcesvn_len = 1,
	.fmspc = true, .fmspc_len = 6,
};

TEST(valid)
{
	struct twi_tdx_pck_info info;
	struct der d;
	int i;

	build(&d, &good);
	ASSERT_EQ(0, twi_tdx_sgx_ext_parse(d.b, d.n, &info));
	for (i = 0; i < 16; i++)
		ASSERT_EQ(5, info.sgx_svn[i]);
	ASSERT_EQ(11, info.pcesvn);
	ASSERT_EQ(5, info.cpusvn[15]);
	ASSERT_EQ(0xb0, info.fmspc[0]);
	ASSERT_EQ(0x6f, info.fmspc[2]);
}

TEST(two_byte_pcesvn_and_unknown_item)
{
	struct ext_spec s = good;
	struct twi_tdx_pck_info info;
	struct der d;

	s.pcesvn[0] = 0x12;
	s.pcesvn[1] = 0x34;
	s.pcesvn_len = 2;
	s.extra = true;
	build(&d, &s);
	ASSERT_EQ(0, twi_tdx_sgx_ext_parse(d.b, d.n, &info));
	ASSERT_EQ(0x1234, info.pcesvn);
}

TEST(rejected)
{
	struct twi_tdx_pck_info info;
	struct ext_spec s;
	struct der d;

	s = good;
	s.fmspc = false;			/* FMSPC missing */
	build(&d, &s);
	ASSERT_EQ(-EBADMSG, twi_tdx_sgx_ext_parse(d.b, d.n, &info));

	s = good;
	s.fmspc_len = 5;			/* FMSPC of 5 bytes */
	build(&d, &s);
	ASSERT_EQ(-EBADMSG, twi_tdx_sgx_ext_parse(d.b, d.n, &info));

	s = good;
	s.svn = 0x80;				/* INTEGER -128 */
	build(&d, &s);
	ASSERT_EQ(-EBADMSG, twi_tdx_sgx_ext_parse(d.b, d.n, &info));

	build(&d, &good);			/* truncated */
	ASSERT_EQ(-EBADMSG, twi_tdx_sgx_ext_parse(d.b, d.n - 1, &info));
	ASSERT_EQ(-EBADMSG, twi_tdx_sgx_ext_parse(d.b, 0, &info));
}

TEST_HARNESS_MAIN
