// SPDX-License-Identifier: GPL-2.0
/* AMD SEV-SNP report parsing, binding and signature checks. */
#include <pthread.h>
#include <string.h>

#include <openssl/evp.h>
#include <openssl/sha.h>

#include "userspace/verify/snp.h"
#include "userspace/verify/util.h"
#ifdef TWI_VERIFY_TWI_ECDSA
#include "kmod/crypto/twi_ecdsa.h"
#endif

/* Offsets in ATTESTATION_REPORT (SEV-SNP ABI specification). */
enum {
	OFF_VERSION = 0x000,
	OFF_GUEST_SVN = 0x004,
	OFF_POLICY = 0x008,
	OFF_FAMILY_ID = 0x010,
	OFF_IMAGE_ID = 0x020,
	OFF_VMPL = 0x030,
	OFF_SIG_ALGO = 0x034,
	OFF_CURRENT_TCB = 0x038,
	OFF_PLATFORM_INFO = 0x040,
	OFF_FLAGS = 0x048,
	OFF_REPORT_DATA = 0x050,
	OFF_MEASUREMENT = 0x090,
	OFF_HOST_DATA = 0x0c0,
	OFF_ID_KEY_DIGEST = 0x0e0,
	OFF_AUTHOR_KEY_DIGEST = 0x110,
	OFF_REPORT_ID = 0x140,
	OFF_REPORT_ID_MA = 0x160,
	OFF_REPORTED_TCB = 0x180,
	OFF_CPUID_FAM = 0x188,
	OFF_CPUID_MOD = 0x189,
	OFF_CPUID_STEP = 0x18a,
	OFF_CHIP_ID = 0x1a0,
	OFF_COMMITTED_TCB = 0x1e0,
	OFF_LAUNCH_TCB = 0x1f0,
	OFF_LAUNCH_MIT = 0x1f8,
	OFF_CURRENT_MIT = 0x200,
};

enum { SIG_ALGO_ECDSA_P384_SHA384 = 1, VMPL_MAX = 3 };

const char *twi_snp_product_name(enum twi_snp_product p)
{
	switch (p) {
	case TWI_SNP_MILAN:
		return "Milan";
	case TWI_SNP_GENOA:
		return "Genoa";
	case TWI_SNP_TURIN:
		return "Turin";
	default:
		return "unknown";
	}
}

enum twi_snp_product twi_snp_product_from_name(const char *name)
{
	if (!strcasecmp(name, "milan"))
		return TWI_SNP_MILAN;
	if (!strcasecmp(name, "genoa"))
		return TWI_SNP_GENOA;
	if (!strcasecmp(name, "turin"))
		return TWI_SNP_TURIN;
	return TWI_SNP_PRODUCT_UNKNOWN;
}

enum twi_snp_product twi_snp_report_product(const struct twi_snp_report *r)
{
	if (r->version < 3)
		return TWI_SNP_PRODUCT_UNKNOWN;
	if (r->cpuid_fam == 0x19 && r->cpuid_mod <= 0x0f)
		return TWI_SNP_MILAN;
	if (r->cpuid_fam == 0x19 &&
	    ((r->cpuid_mod >= 0x10 && r->cpuid_mod <= 0x1f) ||
	     (r->cpuid_mod >= 0xa0 && r->cpuid_mod <= 0xaf)))
		return TWI_SNP_GENOA;
	if (r->cpuid_fam == 0x1a && r->cpuid_mod <= 0x1f)
		return TWI_SNP_TURIN;
	return TWI_SNP_PRODUCT_UNKNOWN;
}

void twi_snp_tcb_decode(const uint8_t raw[8], enum twi_snp_product p,
			struct twi_snp_tcb *t)
{
	if (p == TWI_SNP_TURIN) {
		t->fmc = raw[0];
		t->bl = raw[1];
		t->tee = raw[2];
		t->snp = raw[3];
	} else {
		t->fmc = 0;
		t->bl = raw[0];
		t->tee = raw[1];
		t->snp = raw[6];
	}
	t->ucode = raw[7];
}

static int parse_signature(const uint8_t *buf, struct twi_snp_report *r)
{
	const uint8_t *rle = buf + TWI_SNP_SIG_OFF;
	const uint8_t *sle = rle + TWI_SNP_SIG_COMP;
	const uint8_t *tail = sle + TWI_SNP_SIG_COMP;

	/* Unsigned bytes must hold nothing but the P-384 r and s. */
	if (!twi_is_zero(rle + TWI_SNP_P384, TWI_SNP_SIG_COMP - TWI_SNP_P384) ||
	    !twi_is_zero(sle + TWI_SNP_P384, TWI_SNP_SIG_COMP - TWI_SNP_P384) ||
	    !twi_is_zero(tail, buf + TWI_SNP_REPORT_SIZE - tail))
		return -EBADMSG;
	twi_reverse_copy(r->sig_rs, rle, TWI_SNP_P384);
	twi_reverse_copy(r->sig_rs + TWI_SNP_P384, sle, TWI_SNP_P384);
	return 0;
}

static void parse_fields(const uint8_t *b, struct twi_snp_report *r)
{
	r->guest_svn = twi_le32(b + OFF_GUEST_SVN);
	r->policy = twi_le64(b + OFF_POLICY);
	r->vmpl = twi_le32(b + OFF_VMPL);
	r->sig_algo = twi_le32(b + OFF_SIG_ALGO);
	r->platform_info = twi_le64(b + OFF_PLATFORM_INFO);
	r->flags = twi_le32(b + OFF_FLAGS);
	r->author_key_en = r->flags & 1;
	r->mask_chip_key = (r->flags >> 1) & 1;
	r->signer = (enum twi_snp_signer)((r->flags >> 2) & 7);
	memcpy(r->family_id, b + OFF_FAMILY_ID, sizeof(r->family_id));
	memcpy(r->image_id, b + OFF_IMAGE_ID, sizeof(r->image_id));
	memcpy(r->report_data, b + OFF_REPORT_DATA, sizeof(r->report_data));
	memcpy(r->measurement, b + OFF_MEASUREMENT, sizeof(r->measurement));
	memcpy(r->host_data, b + OFF_HOST_DATA, sizeof(r->host_data));
	memcpy(r->id_key_digest, b + OFF_ID_KEY_DIGEST, 48);
	memcpy(r->author_key_digest, b + OFF_AUTHOR_KEY_DIGEST, 48);
	memcpy(r->report_id, b + OFF_REPORT_ID, sizeof(r->report_id));
	memcpy(r->report_id_ma, b + OFF_REPORT_ID_MA, sizeof(r->report_id_ma));
	memcpy(r->current_tcb, b + OFF_CURRENT_TCB, 8);
	memcpy(r->reported_tcb, b + OFF_REPORTED_TCB, 8);
	memcpy(r->committed_tcb, b + OFF_COMMITTED_TCB, 8);
	memcpy(r->launch_tcb, b + OFF_LAUNCH_TCB, 8);
	memcpy(r->chip_id, b + OFF_CHIP_ID, sizeof(r->chip_id));
}

static void parse_versioned(const uint8_t *b, struct twi_snp_report *r)
{
	if (r->version >= 3) {
		r->cpuid_fam = b[OFF_CPUID_FAM];
		r->cpuid_mod = b[OFF_CPUID_MOD];
		r->cpuid_step = b[OFF_CPUID_STEP];
	}
	if (r->version >= 5) {
		r->launch_mit = twi_le64(b + OFF_LAUNCH_MIT);
		r->current_mit = twi_le64(b + OFF_CURRENT_MIT);
	}
}

int twi_snp_parse(const uint8_t *buf, size_t len, struct twi_snp_report *r,
		  char *why, size_t whylen)
{
	memset(r, 0, sizeof(*r));
	if (len != TWI_SNP_REPORT_SIZE)
		return twi_fail(why, whylen, -EBADMSG,
				"SNP report is %zu bytes, expected %d", len,
				TWI_SNP_REPORT_SIZE);
	r->version = twi_le32(buf + OFF_VERSION);
	if (r->version != 2 && r->version != 3 && r->version != 5)
		return twi_fail(why, whylen, -EBADMSG,
				"unsupported SNP report version %u",
				r->version);
	if (parse_signature(buf, r))
		return twi_fail(why, whylen, -EBADMSG,
				"SNP signature area has non-zero padding");
	memcpy(r->body, buf, TWI_SNP_SIGNED_SIZE);
	parse_fields(buf, r);
	parse_versioned(buf, r);
	if (r->sig_algo != SIG_ALGO_ECDSA_P384_SHA384)
		return twi_fail(why, whylen, -EBADMSG,
				"unsupported SNP signature algorithm %u",
				r->sig_algo);
	if (r->vmpl > VMPL_MAX)
		return twi_fail(why, whylen, -EBADMSG, "SNP VMPL %u out of range",
				r->vmpl);
	return 0;
}

/* Report signature backends: OpenSSL, and twi's own P-384 core if built in. */
static int sig_openssl(const struct twi_snp_chain *ch, const uint8_t *digest,
		       const uint8_t *rs)
{
	EVP_PKEY_CTX *ctx;
	size_t derlen;
	uint8_t *der;
	int ret;

	ret = twi_ecdsa_raw_to_der(rs, TWI_SNP_P384, &der, &derlen);
	if (ret)
		return ret;
	ret = -ENOMEM;
	ctx = EVP_PKEY_CTX_new(ch->key, NULL);
	if (!ctx)
		goto out_free_der;
	ret = -EKEYREJECTED;
	if (EVP_PKEY_verify_init(ctx) == 1 &&
	    EVP_PKEY_verify(ctx, der, derlen, digest, SHA384_DIGEST_LENGTH) == 1)
		ret = 0;
	EVP_PKEY_CTX_free(ctx);
out_free_der:
	OPENSSL_free(der);
	return ret;
}

#ifdef TWI_VERIFY_TWI_ECDSA
static pthread_once_t core_once = PTHREAD_ONCE_INIT;
static bool core_ready;

static void core_setup(void)
{
	core_ready = !twi_ecdsa_init();
}

static int sig_twi(const struct twi_snp_chain *ch, const uint8_t *digest,
		   const uint8_t *rs)
{
	pthread_once(&core_once, core_setup);
	if (!core_ready)
		return -ENOMEM;
	return twi_ecdsa_verify(TWI_CURVE_P384, ch->pub, digest,
				SHA384_DIGEST_LENGTH, rs) ? -EKEYREJECTED : 0;
}

static enum twi_snp_sig_backend sig_backend = TWI_SNP_SIG_TWI;
#else
static enum twi_snp_sig_backend sig_backend = TWI_SNP_SIG_OPENSSL;
#endif

int twi_snp_set_sig_backend(enum twi_snp_sig_backend b)
{
#ifndef TWI_VERIFY_TWI_ECDSA
	if (b == TWI_SNP_SIG_TWI)
		return -EOPNOTSUPP;
#endif
	if (b != TWI_SNP_SIG_OPENSSL && b != TWI_SNP_SIG_TWI)
		return -EINVAL;
	sig_backend = b;
	return 0;
}

/*
 * The report signature: the hot path of a warm verification, kept behind
 * this one function so the backend can be chosen.
 */
int twi_snp_sig_verify(const struct twi_snp_chain *ch,
		       const struct twi_snp_report *r)
{
	uint8_t digest[SHA384_DIGEST_LENGTH];

	SHA384(r->body, sizeof(r->body), digest);
#ifdef TWI_VERIFY_TWI_ECDSA
	if (sig_backend == TWI_SNP_SIG_TWI)
		return sig_twi(ch, digest, r->sig_rs);
#endif
	return sig_openssl(ch, digest, r->sig_rs);
}

static int check_tcb_binding(const struct twi_snp_report *r,
			     const struct twi_snp_chain *ch, char *why,
			     size_t whylen)
{
	const struct twi_snp_tcb *c = &ch->tcb;
	struct twi_snp_tcb t;

	twi_snp_tcb_decode(r->reported_tcb, ch->product, &t);
	if (t.bl != c->bl || t.tee != c->tee || t.snp != c->snp ||
	    t.ucode != c->ucode || (ch->has_fmc && t.fmc != c->fmc))
		return twi_fail(why, whylen, -EKEYREJECTED,
				"REPORTED_TCB %u/%u/%u/%u does not match the %s TCB %u/%u/%u/%u (bl/tee/snp/ucode)",
				t.bl, t.tee, t.snp, t.ucode,
				ch->signer == TWI_SNP_SIGNER_VLEK ? "VLEK" :
								    "VCEK",
				c->bl, c->tee, c->snp, c->ucode);
	return 0;
}

static int check_chip_binding(const struct twi_snp_report *r,
			      const struct twi_snp_chain *ch, char *why,
			      size_t whylen)
{
	if (ch->signer != TWI_SNP_SIGNER_VCEK)
		return 0;
	if (!ch->hwid_len || memcmp(r->chip_id, ch->hwid, ch->hwid_len) ||
	    !twi_is_zero(r->chip_id + ch->hwid_len,
			 TWI_SNP_CHIP_ID_SIZE - ch->hwid_len))
		return twi_fail(why, whylen, -EKEYREJECTED,
				"CHIP_ID does not match the VCEK hwID");
	return 0;
}

static int check_key_match(const struct twi_snp_report *r,
			   const struct twi_snp_chain *ch, time_t at,
			   char *why, size_t whylen)
{
	enum twi_snp_product p = twi_snp_report_product(r);

	if (r->signer != ch->signer)
		return twi_fail(why, whylen, -EKEYREJECTED,
				"report signing key %u is not the certificate's kind",
				r->signer);
	if (p != TWI_SNP_PRODUCT_UNKNOWN && p != ch->product)
		return twi_fail(why, whylen, -EKEYREJECTED,
				"report CPUID says %s, signing key is for %s",
				twi_snp_product_name(p),
				twi_snp_product_name(ch->product));
	if (at < ch->not_before || at > ch->not_after)
		return twi_fail(why, whylen, -EKEYEXPIRED,
				"SNP certificate chain not valid at the verification time");
	return 0;
}

static void fill_claims(const struct twi_snp_report *r,
			const struct twi_snp_chain *ch,
			struct twi_snp_claims *out)
{
	memset(out, 0, sizeof(*out));
	out->report = *r;
	out->product = ch->product;
	out->signer = ch->signer;
	twi_snp_tcb_decode(r->reported_tcb, ch->product, &out->reported);
	twi_snp_tcb_decode(r->current_tcb, ch->product, &out->current);
	twi_snp_tcb_decode(r->committed_tcb, ch->product, &out->committed);
	twi_snp_tcb_decode(r->launch_tcb, ch->product, &out->launch);
	memcpy(out->csp, ch->csp, sizeof(out->csp));
	out->key_not_after = ch->not_after;
}

int twi_snp_report_verify(const struct twi_snp_report *r,
			  const struct twi_snp_chain *ch, time_t at,
			  struct twi_snp_claims *out, char *why, size_t whylen)
{
	int ret;

	ret = check_key_match(r, ch, at, why, whylen);
	if (ret)
		return ret;
	ret = check_chip_binding(r, ch, why, whylen);
	if (ret)
		return ret;
	ret = check_tcb_binding(r, ch, why, whylen);
	if (ret)
		return ret;
	ret = twi_snp_sig_verify(ch, r);
	if (ret)
		return twi_fail(why, whylen, ret,
				"SNP report signature does not verify with the %s",
				ch->signer == TWI_SNP_SIGNER_VLEK ? "VLEK" :
								    "VCEK");
	if (out)
		fill_claims(r, ch, out);
	return 0;
}

int twi_snp_verify(const uint8_t *buf, size_t len,
		   const struct twi_snp_certs *c, time_t at,
		   struct twi_snp_claims *out, char *why, size_t whylen)
{
	struct twi_snp_report r;
	struct twi_snp_chain ch;
	int ret;

	ret = twi_snp_parse(buf, len, &r, why, whylen);
	if (ret)
		return ret;
	ret = twi_snp_chain_verify(c, &r, at, &ch, why, whylen);
	if (ret)
		return ret;
	ret = twi_snp_report_verify(&r, &ch, at, out, why, whylen);
	twi_snp_chain_free(&ch);
	return ret;
}
