// SPDX-License-Identifier: GPL-2.0
/*
 * The AMD extensions of a VCEK/VLEK certificate (OIDs 1.3.6.1.4.1.3704.1.x):
 * TCB components as DER INTEGERs, the hwID as raw bytes, the product name
 * and the CSP identifier as IA5Strings.
 */
#include <stdio.h>
#include <string.h>

#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/objects.h>
#include <openssl/x509v3.h>

#include "userspace/verify/snp.h"
#include "userspace/verify/util.h"

#define AMD_OID "1.3.6.1.4.1.3704.1."

enum {
	HAVE_BL = 1 << 0,
	HAVE_TEE = 1 << 1,
	HAVE_SNP = 1 << 2,
	HAVE_UCODE = 1 << 3,
	HAVE_FMC = 1 << 4,
	HAVE_TCB = HAVE_BL | HAVE_TEE | HAVE_SNP | HAVE_UCODE,
};

/* A DER INTEGER in 0..255, minimally encoded. */
static int der_u8(const uint8_t *p, size_t n, uint8_t *v)
{
	if (n == 3 && p[0] == 0x02 && p[1] == 1 && p[2] < 0x80) {
		*v = p[2];
		return 0;
	}
	if (n == 4 && p[0] == 0x02 && p[1] == 2 && p[2] == 0 && p[3] >= 0x80) {
		*v = p[3];
		return 0;
	}
	return -EBADMSG;
}

/* A short-form DER IA5String of printable ASCII into out. */
static int der_ia5(const uint8_t *p, size_t n, char *out, size_t outlen)
{
	size_t i, len;

	if (n < 2 || p[0] != 0x16 || p[1] >= 0x80 || (size_t)p[1] != n - 2)
		return -EBADMSG;
	len = n - 2;
	if (len >= outlen)
		return -EBADMSG;
	for (i = 0; i < len; i++) {
		if (p[2 + i] < 0x20 || p[2 + i] > 0x7e)
			return -EBADMSG;
		out[i] = (char)p[2 + i];
	}
	out[len] = 0;
	return 0;
}

static int tcb_ext(struct twi_snp_chain *ch, const char *sub,
		   const uint8_t *p, size_t n, unsigned int *have)
{
	static const struct {
		const char *sub;
		size_t off;
		unsigned int bit;
	} map[] = {
		{ "3.1", offsetof(struct twi_snp_tcb, bl), HAVE_BL },
		{ "3.2", offsetof(struct twi_snp_tcb, tee), HAVE_TEE },
		{ "3.3", offsetof(struct twi_snp_tcb, snp), HAVE_SNP },
		{ "3.8", offsetof(struct twi_snp_tcb, ucode), HAVE_UCODE },
		{ "3.9", offsetof(struct twi_snp_tcb, fmc), HAVE_FMC },
	};
	size_t i;

	for (i = 0; i < TWI_ARRAY_SIZE(map); i++) {
		if (strcmp(sub, map[i].sub))
			continue;
		if (*have & map[i].bit)
			return -EBADMSG;
		*have |= map[i].bit;
		return der_u8(p, n, (uint8_t *)&ch->tcb + map[i].off);
	}
	return 0;	/* reserved TCB slots carry no meaning */
}

static int one_ext(struct twi_snp_chain *ch, X509_EXTENSION *ext,
		   unsigned int *have)
{
	const ASN1_OCTET_STRING *data = X509_EXTENSION_get_data(ext);
	const uint8_t *p = ASN1_STRING_get0_data(data);
	size_t n = (size_t)ASN1_STRING_length(data);
	char oid[64], name[32];
	const char *sub;

	if (OBJ_obj2txt(oid, sizeof(oid), X509_EXTENSION_get_object(ext), 1) <= 0)
		return -EBADMSG;
	if (strncmp(oid, AMD_OID, strlen(AMD_OID)))
		return 0;
	sub = oid + strlen(AMD_OID);
	if (!strncmp(sub, "3.", 2))
		return tcb_ext(ch, sub, p, n, have);
	if (!strcmp(sub, "4")) {
		if (ch->hwid_len || !n || n > sizeof(ch->hwid))
			return -EBADMSG;
		memcpy(ch->hwid, p, n);
		ch->hwid_len = n;
		return 0;
	}
	if (!strcmp(sub, "5"))
		return der_ia5(p, n, ch->csp, sizeof(ch->csp));
	if (!strcmp(sub, "2"))
		return der_ia5(p, n, name, sizeof(name));
	return 0;
}

static int leaf_key(X509 *leaf, struct twi_snp_chain *ch)
{
	EVP_PKEY *key = X509_get0_pubkey(leaf);
	char group[32];
	size_t len;

	if (!key || !EVP_PKEY_is_a(key, "EC") ||
	    !EVP_PKEY_get_utf8_string_param(key, OSSL_PKEY_PARAM_GROUP_NAME,
					    group, sizeof(group), NULL) ||
	    strcmp(group, "secp384r1"))
		return -EBADMSG;
	if (!EVP_PKEY_get_octet_string_param(key,
					     OSSL_PKEY_PARAM_ENCODED_PUBLIC_KEY,
					     ch->pub, sizeof(ch->pub), &len) ||
	    len != sizeof(ch->pub) || ch->pub[0] != 0x04)
		return -EBADMSG;
	if (!EVP_PKEY_up_ref(key))
		return -ENOMEM;
	ch->key = key;
	return 0;
}

static int name_cn(const X509_NAME *name, char *out, size_t outlen)
{
	int len = X509_NAME_get_text_by_NID((X509_NAME *)name, NID_commonName,
					    out, (int)outlen);

	return len > 0 && (size_t)len < outlen ? 0 : -EBADMSG;
}

/* CN=SEV-VCEK / SEV-VLEK issued by CN=SEV-<Product> / SEV-VLEK-<Product>. */
int twi_snp_leaf_kind(X509 *leaf, struct twi_snp_chain *ch)
{
	char subj[64], iss[64];
	const char *prod;

	if (name_cn(X509_get_subject_name(leaf), subj, sizeof(subj)) ||
	    name_cn(X509_get_issuer_name(leaf), iss, sizeof(iss)))
		return -EBADMSG;
	if (!strcmp(subj, "SEV-VCEK") && !strncmp(iss, "SEV-", 4)) {
		ch->signer = TWI_SNP_SIGNER_VCEK;
		prod = iss + 4;
	} else if (!strcmp(subj, "SEV-VLEK") && !strncmp(iss, "SEV-VLEK-", 9)) {
		ch->signer = TWI_SNP_SIGNER_VLEK;
		prod = iss + 9;
	} else {
		return -EBADMSG;
	}
	ch->product = twi_snp_product_from_name(prod);
	return ch->product == TWI_SNP_PRODUCT_UNKNOWN ? -EBADMSG : 0;
}

static int leaf_exts(X509 *leaf, struct twi_snp_chain *ch)
{
	unsigned int have = 0;
	int i, n, ret;

	n = X509_get_ext_count(leaf);
	for (i = 0; i < n; i++) {
		ret = one_ext(ch, X509_get_ext(leaf, i), &have);
		if (ret)
			return ret;
	}
	if ((have & HAVE_TCB) != HAVE_TCB)
		return -EBADMSG;
	ch->has_fmc = have & HAVE_FMC;
	if (ch->signer == TWI_SNP_SIGNER_VCEK && !ch->hwid_len)
		return -EBADMSG;
	if (ch->signer == TWI_SNP_SIGNER_VLEK && (ch->hwid_len || !ch->csp[0]))
		return -EBADMSG;
	return 0;
}

int twi_snp_leaf_info(X509 *leaf, struct twi_snp_chain *ch, char *why,
		      size_t whylen)
{
	memset(ch, 0, sizeof(*ch));
	if (twi_snp_leaf_kind(leaf, ch))
		return twi_fail(why, whylen, -EBADMSG,
				"not an AMD VCEK/VLEK certificate (subject/issuer names)");
	if (leaf_exts(leaf, ch))
		return twi_fail(why, whylen, -EBADMSG,
				"%s certificate has malformed or missing AMD extensions",
				ch->signer == TWI_SNP_SIGNER_VLEK ? "VLEK" :
								    "VCEK");
	if (leaf_key(leaf, ch))
		return twi_fail(why, whylen, -EBADMSG,
				"signing key is not an ECDSA P-384 key");
	return 0;
}
