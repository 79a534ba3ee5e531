// SPDX-License-Identifier: GPL-2.0
/* Arm CCA attestation token: decoding, signatures, realm key binding. */
#include <stdlib.h>
#include <string.h>

#include <openssl/pem.h>
#include <json-c/json.h>

#include "userspace/verify/cbor.h"
#include "userspace/verify/cca.h"
#include "userspace/verify/cose.h"
#include "userspace/verify/util.h"

/* COSE_Key labels for an EC2 realm public key */
#define COSE_KEY_KTY 1
#define COSE_KEY_CRV (-1)
#define COSE_KEY_X (-2)
#define COSE_KEY_Y (-3)
#define COSE_KTY_EC2 2

struct hash_alg {
	const char *name;	/* IANA Named Information name */
	const char *md;
	size_t len;
};

static const struct hash_alg hash_algs[] = {
	{ "sha-256", "SHA256", 32 },
	{ "sha-384", "SHA384", 48 },
	{ "sha-512", "SHA512", 64 },
};

_Static_assert(TWI_CCA_DIGEST_MAX >= 64, "a digest holds SHA-512");
_Static_assert(TWI_CCA_RAK_MAX >= 97, "a RAK holds a raw P-384 point");

struct token {
	struct twi_cose_sign1 platform;
	struct twi_cose_sign1 realm;
};

static const struct hash_alg *hash_by_name(const char *name)
{
	size_t i;

	for (i = 0; i < TWI_ARRAY_SIZE(hash_algs); i++)
		if (!strcmp(hash_algs[i].name, name))
			return &hash_algs[i];
	return NULL;
}

static int bad_claim(char *why, size_t whylen, const char *part, int64_t key,
		     const char *name)
{
	return twi_fail(why, whylen, -EBADMSG,
			"cca: %s claim %lld (%s) missing or malformed", part,
			(long long)key, name);
}

/* A byte string claim of min..max bytes; -ENOENT when absent. */
static int get_bytes(const struct twi_cbor_item *map, int64_t key,
		     uint8_t *out, size_t min, size_t max, size_t *len)
{
	struct twi_cbor_item v;
	size_t n;
	int ret;

	ret = twi_cbor_map_int(map, key, &v);
	if (ret)
		return ret;
	if (twi_cbor_string(&v, TWI_CBOR_BYTES, out, max, &n) || n < min)
		return -EBADMSG;
	if (len)
		*len = n;
	return 0;
}

/* A text claim without NUL bytes, NUL-terminated into out. */
static int get_text(const struct twi_cbor_item *map, int64_t key, char *out,
		    size_t cap)
{
	struct twi_cbor_item v;
	size_t n;
	int ret;

	ret = twi_cbor_map_int(map, key, &v);
	if (ret)
		return ret;
	if (twi_cbor_string(&v, TWI_CBOR_TEXT, (uint8_t *)out, cap - 1, &n) ||
	    memchr(out, 0, n))
		return -EBADMSG;
	out[n] = 0;
	return 0;
}

static int get_digest(const struct twi_cbor_item *v, size_t want,
		      struct twi_cca_digest *d)
{
	if (twi_cbor_string(v, TWI_CBOR_BYTES, d->v, sizeof(d->v), &d->len))
		return -EBADMSG;
	return d->len == want ? 0 : -EBADMSG;
}

static int payload_map(const struct twi_cose_sign1 *m,
		       struct twi_cbor_item *map)
{
	if (twi_cbor_decode(m->payload, m->payload_len, map) ||
	    map->major != TWI_CBOR_MAP)
		return -EBADMSG;
	return 0;
}

static int split(const uint8_t *buf, size_t len, struct token *t, char *why,
		 size_t whylen)
{
	struct twi_cbor_item top, map, p, r;

	if (twi_cbor_decode(buf, len, &top) ||
	    twi_cbor_untag(&top, TWI_CCA_TAG_TOKEN, &map) ||
	    map.major != TWI_CBOR_MAP)
		return twi_fail(why, whylen, -EBADMSG,
				"cca: not a CBOR tag 399 token map");
	if (twi_cbor_map_int(&map, TWI_CCA_PLATFORM, &p) ||
	    twi_cbor_map_int(&map, TWI_CCA_REALM, &r) ||
	    map.indefinite || map.arg != 2)
		return twi_fail(why, whylen, -EBADMSG,
				"cca: token must hold exactly the platform and realm tokens");
	if (p.major != TWI_CBOR_BYTES || p.indefinite ||
	    twi_cose_sign1_parse(p.data, p.arg, &t->platform) ||
	    !t->platform.tagged)
		return twi_fail(why, whylen, -EBADMSG,
				"cca: platform token is not a tagged COSE_Sign1");
	if (r.major != TWI_CBOR_BYTES || r.indefinite ||
	    twi_cose_sign1_parse(r.data, r.arg, &t->realm) || !t->realm.tagged)
		return twi_fail(why, whylen, -EBADMSG,
				"cca: realm token is not a tagged COSE_Sign1");
	return 0;
}

static int realm_measurements(const struct twi_cbor_item *map,
			      struct twi_cca_claims *c, char *why,
			      size_t whylen)
{
	const struct hash_alg *h = hash_by_name(c->realm_hash_alg);
	struct twi_cbor_item v, e;
	struct twi_cbor_iter it;
	unsigned int i = 0;

	if (!h)
		return twi_fail(why, whylen, -EBADMSG,
				"cca: realm hash algorithm \"%s\" unknown",
				c->realm_hash_alg);
	if (twi_cbor_map_int(map, TWI_CCA_R_RIM, &v) ||
	    get_digest(&v, h->len, &c->rim))
		return bad_claim(why, whylen, "realm", TWI_CCA_R_RIM,
				 "initial measurement");
	if (twi_cbor_map_int(map, TWI_CCA_R_REM, &v) ||
	    twi_cbor_iter_init(&it, &v) || v.major != TWI_CBOR_ARRAY)
		return bad_claim(why, whylen, "realm", TWI_CCA_R_REM,
				 "extensible measurements");
	while (twi_cbor_next(&it, &e) == 1) {
		if (i == TWI_CCA_REM_COUNT || get_digest(&e, h->len, &c->rem[i]))
			return bad_claim(why, whylen, "realm", TWI_CCA_R_REM,
					 "extensible measurements");
		i++;
	}
	if (i != TWI_CCA_REM_COUNT)
		return bad_claim(why, whylen, "realm", TWI_CCA_R_REM,
				 "extensible measurements");
	return 0;
}

static int realm_claims(const struct twi_cose_sign1 *m,
			struct twi_cca_claims *c, char *why, size_t whylen)
{
	struct twi_cbor_item map;
	int ret;

	if (payload_map(m, &map))
		return twi_fail(why, whylen, -EBADMSG,
				"cca: realm payload is not a CBOR map");
	ret = get_text(&map, TWI_CCA_R_PROFILE, c->realm_profile,
		       sizeof(c->realm_profile));
	if (ret && ret != -ENOENT)
		return bad_claim(why, whylen, "realm", TWI_CCA_R_PROFILE,
				 "profile");
	if (get_bytes(&map, TWI_CCA_R_CHALLENGE, c->realm_challenge,
		      TWI_CCA_CHALLENGE_LEN, TWI_CCA_CHALLENGE_LEN, NULL))
		return bad_claim(why, whylen, "realm", TWI_CCA_R_CHALLENGE,
				 "challenge");
	if (get_bytes(&map, TWI_CCA_R_PERSONAL, c->personalization,
		      TWI_CCA_PERSONAL_LEN, TWI_CCA_PERSONAL_LEN, NULL))
		return bad_claim(why, whylen, "realm", TWI_CCA_R_PERSONAL,
				 "personalization value");
	if (get_text(&map, TWI_CCA_R_HASH_ALG, c->realm_hash_alg,
		     sizeof(c->realm_hash_alg)))
		return bad_claim(why, whylen, "realm", TWI_CCA_R_HASH_ALG,
				 "hash algorithm");
	if (get_bytes(&map, TWI_CCA_R_PUB_KEY, c->rak, 1, sizeof(c->rak),
		      &c->rak_len))
		return bad_claim(why, whylen, "realm", TWI_CCA_R_PUB_KEY,
				 "public key");
	if (get_text(&map, TWI_CCA_R_PUB_KEY_HASH, c->rak_hash_alg,
		     sizeof(c->rak_hash_alg)) ||
	    !hash_by_name(c->rak_hash_alg))
		return bad_claim(why, whylen, "realm", TWI_CCA_R_PUB_KEY_HASH,
				 "public key hash algorithm");
	return realm_measurements(&map, c, why, whylen);
}

static int sw_component(const struct twi_cbor_item *m,
			struct twi_cca_sw_component *sw)
{
	struct twi_cca_digest *d;
	int ret;

	if (m->major != TWI_CBOR_MAP)
		return -EBADMSG;
	d = &sw->value;
	if (get_bytes(m, TWI_CCA_SW_VALUE, d->v, 1, sizeof(d->v), &d->len))
		return -EBADMSG;
	d = &sw->signer_id;
	if (get_bytes(m, TWI_CCA_SW_SIGNER, d->v, 1, sizeof(d->v), &d->len))
		return -EBADMSG;
	ret = get_text(m, TWI_CCA_SW_TYPE, sw->type, sizeof(sw->type));
	if (ret && ret != -ENOENT)
		return ret;
	ret = get_text(m, TWI_CCA_SW_VERSION, sw->version,
		       sizeof(sw->version));
	if (ret && ret != -ENOENT)
		return ret;
	ret = get_text(m, TWI_CCA_SW_HASH_ALG, sw->hash_alg,
		       sizeof(sw->hash_alg));
	return ret == -ENOENT ? 0 : ret;
}

static int sw_components(const struct twi_cbor_item *map,
			 struct twi_cca_claims *c, char *why, size_t whylen)
{
	struct twi_cbor_item v, e;
	struct twi_cbor_iter it;
	int ret;

	ret = twi_cbor_map_int(map, TWI_CCA_P_SW_COMPONENTS, &v);
	if (ret == -ENOENT)
		return 0;
	if (ret || v.major != TWI_CBOR_ARRAY)
		goto bad;
	twi_cbor_iter_init(&it, &v);
	while ((ret = twi_cbor_next(&it, &e)) == 1) {
		if (c->n_sw == TWI_CCA_SW_MAX ||
		    sw_component(&e, &c->sw[c->n_sw]))
			goto bad;
		c->n_sw++;
	}
	if (!ret)
		return 0;
bad:
	return bad_claim(why, whylen, "platform", TWI_CCA_P_SW_COMPONENTS,
			 "software components");
}

static int platform_ids(const struct twi_cbor_item *map,
			struct twi_cca_claims *c, char *why, size_t whylen)
{
	if (get_bytes(map, TWI_CCA_P_IMPL_ID, c->impl_id,
		      TWI_CCA_IMPL_ID_LEN, TWI_CCA_IMPL_ID_LEN, NULL))
		return bad_claim(why, whylen, "platform", TWI_CCA_P_IMPL_ID,
				 "implementation id");
	/* an EAT UEID of type RAND: 0x01 and 32 bytes */
	if (get_bytes(map, TWI_CCA_P_INSTANCE_ID, c->instance_id,
		      TWI_CCA_INSTANCE_ID_LEN, TWI_CCA_INSTANCE_ID_LEN, NULL) ||
	    c->instance_id[0] != 0x01)
		return bad_claim(why, whylen, "platform", TWI_CCA_P_INSTANCE_ID,
				 "instance id");
	if (get_bytes(map, TWI_CCA_P_CONFIG, c->config, 0, sizeof(c->config),
		      &c->config_len))
		return bad_claim(why, whylen, "platform", TWI_CCA_P_CONFIG,
				 "config");
	return 0;
}

static int platform_claims(const struct twi_cose_sign1 *m,
			   struct twi_cca_claims *c, char *why, size_t whylen)
{
	struct twi_cca_digest *ch = &c->platform_challenge;
	struct twi_cbor_item map, v;
	int ret;

	if (payload_map(m, &map))
		return twi_fail(why, whylen, -EBADMSG,
				"cca: platform payload is not a CBOR map");
	if (get_text(&map, TWI_CCA_P_PROFILE, c->platform_profile,
		     sizeof(c->platform_profile)))
		return bad_claim(why, whylen, "platform", TWI_CCA_P_PROFILE,
				 "profile");
	if (get_bytes(&map, TWI_CCA_P_CHALLENGE, ch->v, 32, sizeof(ch->v),
		      &ch->len) || ch->len % 16)
		return bad_claim(why, whylen, "platform", TWI_CCA_P_CHALLENGE,
				 "challenge");
	ret = platform_ids(&map, c, why, whylen);
	if (ret)
		return ret;
	if (twi_cbor_map_int(&map, TWI_CCA_P_LIFECYCLE, &v) ||
	    v.major != TWI_CBOR_UINT || v.arg > 0xffff)
		return bad_claim(why, whylen, "platform", TWI_CCA_P_LIFECYCLE,
				 "lifecycle");
	c->lifecycle = (uint16_t)v.arg;
	if (get_text(&map, TWI_CCA_P_HASH_ALG, c->platform_hash_alg,
		     sizeof(c->platform_hash_alg)))
		return bad_claim(why, whylen, "platform", TWI_CCA_P_HASH_ALG,
				 "hash algorithm");
	ret = get_text(&map, TWI_CCA_P_VERIFICATION, c->verification_service,
		       sizeof(c->verification_service));
	if (ret && ret != -ENOENT)
		return bad_claim(why, whylen, "platform",
				 TWI_CCA_P_VERIFICATION, "verification service");
	return sw_components(&map, c, why, whylen);
}

static int parse(const uint8_t *buf, size_t len, struct token *t,
		 struct twi_cca_claims *c, char *why, size_t whylen)
{
	int ret;

	memset(c, 0, sizeof(*c));
	ret = split(buf, len, t, why, whylen);
	if (ret)
		return ret;
	ret = platform_claims(&t->platform, c, why, whylen);
	if (ret)
		return ret;
	return realm_claims(&t->realm, c, why, whylen);
}

int twi_cca_parse(const uint8_t *token, size_t len,
		  struct twi_cca_claims *claims, char *why, size_t whylen)
{
	struct token t;

	return parse(token, len, &t, claims, why, whylen);
}

/* The RAK is a raw P-384 point or, in newer tokens, a COSE_Key. */
static int rak_key(const uint8_t *rak, size_t len, EVP_PKEY **key)
{
	static const char *const curves[] = { NULL, "P-256", "P-384", "P-521" };
	struct twi_cbor_item map, v;
	uint8_t point[1 + 2 * 66];
	size_t xlen, ylen, n;

	if (len == 97 && rak[0] == 0x04)
		return twi_cose_ec_key("P-384", rak, len, key);
	if (twi_cbor_decode(rak, len, &map) || map.major != TWI_CBOR_MAP ||
	    twi_cbor_map_int(&map, COSE_KEY_KTY, &v) ||
	    v.major != TWI_CBOR_UINT || v.arg != COSE_KTY_EC2 ||
	    twi_cbor_map_int(&map, COSE_KEY_CRV, &v) ||
	    v.major != TWI_CBOR_UINT || v.arg < 1 || v.arg > 3)
		return -EBADMSG;
	n = v.arg == 1 ? 32 : v.arg == 2 ? 48 : 66;
	point[0] = 0x04;
	if (get_bytes(&map, COSE_KEY_X, point + 1, n, n, &xlen) ||
	    get_bytes(&map, COSE_KEY_Y, point + 1 + n, n, n, &ylen))
		return -EBADMSG;
	return twi_cose_ec_key(curves[v.arg], point, 1 + 2 * n, key);
}

static int realm_binding(const struct twi_cca_claims *c, char *why,
			 size_t whylen)
{
	const struct hash_alg *h = hash_by_name(c->rak_hash_alg);
	const struct twi_cca_digest *ch = &c->platform_challenge;
	uint8_t md[EVP_MAX_MD_SIZE];
	unsigned int mdlen;

	if (!EVP_Digest(c->rak, c->rak_len, md, &mdlen,
			EVP_get_digestbyname(h->md), NULL))
		return twi_fail(why, whylen, -ENOMEM, "cca: cannot hash RAK");
	if (ch->len != mdlen || CRYPTO_memcmp(ch->v, md, mdlen))
		return twi_fail(why, whylen, -EKEYREJECTED,
				"cca: platform challenge is not %s(RAK): realm key binding fails",
				h->name);
	return 0;
}

static int check_signatures(const struct token *t,
			    const struct twi_cca_claims *c, EVP_PKEY *cpak,
			    char *why, size_t whylen)
{
	EVP_PKEY *rak = NULL;
	int ret;

	if (t->platform.alg != TWI_COSE_ALG_ES384 ||
	    t->realm.alg != TWI_COSE_ALG_ES384)
		return twi_fail(why, whylen, -EBADMSG,
				"cca: signature algorithm is not ES384");
	ret = twi_cose_sign1_verify(&t->platform, cpak);
	if (ret)
		return twi_fail(why, whylen, ret,
				"cca: platform token signature does not verify with the CPAK");
	if (rak_key(c->rak, c->rak_len, &rak))
		return twi_fail(why, whylen, -EBADMSG,
				"cca: realm claim 44237 is not a usable public key");
	ret = twi_cose_sign1_verify(&t->realm, rak);
	EVP_PKEY_free(rak);
	if (ret)
		return twi_fail(why, whylen, ret,
				"cca: realm token signature does not verify with the RAK");
	return 0;
}

int twi_cca_verify(const uint8_t *token, size_t len, EVP_PKEY *cpak,
		   struct twi_cca_claims *claims, char *why, size_t whylen)
{
	struct twi_cca_claims *c;
	struct token t;
	int ret;

	if (!cpak)
		return twi_fail(why, whylen, -ENOKEY,
				"cca: no CPAK trust anchor configured");
	c = malloc(sizeof(*c));
	if (!c)
		return twi_fail(why, whylen, -ENOMEM, "cca: out of memory");
	ret = parse(token, len, &t, c, why, whylen);
	if (ret)
		goto out_free;
	ret = check_signatures(&t, c, cpak, why, whylen);
	if (ret)
		goto out_free;
	ret = realm_binding(c, why, whylen);
	if (ret)
		goto out_free;
	memcpy(claims, c, sizeof(*c));
out_free:
	free(c);
	return ret;
}

int twi_cca_cpak_parse(const char *text, size_t len, EVP_PKEY **cpak,
		       char *why, size_t whylen)
{
	struct json_object *jwk;
	EVP_PKEY *key = NULL;
	BIO *bio;
	int ret;

	if (len > 9 && !memcmp(text, "-----BEGIN", 10)) {
		bio = BIO_new_mem_buf(text, (int)len);
		if (bio)
			key = PEM_read_bio_PUBKEY(bio, NULL, NULL, NULL);
		BIO_free(bio);
		ret = key ? 0 : -EBADMSG;
	} else {
		jwk = twi_json_parse(text, len);
		ret = jwk ? twi_jwk_pkey(jwk, &key) : -EBADMSG;
		json_object_put(jwk);
	}
	if (ret)
		return twi_fail(why, whylen, ret,
				"cca: CPAK is neither a PEM public key nor an EC JWK");
	if (!EVP_PKEY_is_a(key, "EC")) {
		EVP_PKEY_free(key);
		return twi_fail(why, whylen, -EBADMSG,
				"cca: CPAK is not an EC key");
	}
	*cpak = key;
	return 0;
}

int twi_cca_cpak_load(const char *path, EVP_PKEY **cpak, char *why,
		      size_t whylen)
{
	uint8_t *buf;
	size_t len;
	int ret;

	ret = twi_read_file(path, &buf, &len);
	if (ret)
		return twi_fail(why, whylen, ret, "cca: cannot read CPAK %s: %s",
				path, strerror(-ret));
	ret = twi_cca_cpak_parse((const char *)buf, len, cpak, why, whylen);
	free(buf);
	return ret;
}
