/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Helpers of the TDX verifier host tests: test-vector files and offline
 * collateral caches assembled in a temporary directory from them.
 */
#ifndef TWI_SELFTESTS_VERIFY_TDX_H
#define TWI_SELFTESTS_VERIFY_TDX_H

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

#include <json-c/json.h>

#include "userspace/verify/tdx.h"
#include "userspace/verify/util.h"

/* Sets of collateral the tests can assemble (see SOURCES.md, tdx/). */
enum tdx_set {
	SET_DCAPQVL_V4,		/* split dcapqvl-v4-collateral-* files */
	SET_DCAPQVL_V5,		/* dcapqvl-v5-quote-tcb-nomatch-collateral.json */
	SET_GOTDX_V5,		/* gotdxguest v5 TCB info + the dcapqvl v5 rest */
	SET_GOTDX_2023,		/* gotdxguest 2023 files + dcapqvl signing chain */
};

struct tdx_cache {
	char root[64];		/* passed to twi_tdx_verify() */
	char dir[80];		/* root/tdx */
};

static inline const char *tdx_tv_dir(void)
{
	const char *d = getenv("TWI_TESTVECTORS");

	return d && *d ? d : "../shared/testvectors";
}

static inline int tdx_tv_read(const char *rel, uint8_t **buf, size_t *len)
{
	char path[PATH_MAX];

	snprintf(path, sizeof(path), "%s/%s", tdx_tv_dir(), rel);
	return twi_read_file(path, buf, len);
}

static inline bool tdx_tv_present(void)
{
	char path[PATH_MAX];

	snprintf(path, sizeof(path), "%s/tdx/intel-sgx-root-ca.der",
		 tdx_tv_dir());
	return access(path, R_OK) == 0;
}

static inline time_t tdx_time(const char *s)
{
	time_t t = 0;

	twi_parse_time(s, &t);
	return t;
}

static inline int tdx_cache_write(const struct tdx_cache *c, const char *name,
				  const void *data, size_t len)
{
	char path[PATH_MAX];
	FILE *f;
	int ok;

	snprintf(path, sizeof(path), "%s/%s", c->dir, name);
	f = fopen(path, "wb");
	if (!f)
		return -errno;
	ok = fwrite(data, 1, len, f) == len;
	return fclose(f) || !ok ? -EIO : 0;
}

/* Copy a test-vector file into the cache under name. */
static inline int tdx_cache_copy(const struct tdx_cache *c, const char *name,
				 const char *rel)
{
	uint8_t *buf;
	size_t len;
	int ret;

	ret = tdx_tv_read(rel, &buf, &len);
	if (ret)
		return ret;
	ret = tdx_cache_write(c, name, buf, len);
	free(buf);
	return ret;
}

/* Write { "<key>": <body>, "signature": "<hex>" } as Intel's PCS serves it. */
static inline int tdx_cache_signed(const struct tdx_cache *c, const char *name,
				   const char *key, const char *body,
				   size_t body_len, const uint8_t *sig)
{
	size_t cap = body_len + strlen(key) + 200;
	char *doc = malloc(cap), hex[129];
	int n, ret;

	if (!doc)
		return -ENOMEM;
	twi_hex_encode(sig, 64, hex);
	n = snprintf(doc, cap, "{\"%s\":%.*s,\"signature\":\"%s\"}", key,
		     (int)body_len, body, hex);
	ret = tdx_cache_write(c, name, doc, (size_t)n);
	free(doc);
	return ret;
}

static inline int tdx_cache_split_doc(const struct tdx_cache *c,
				      const char *name, const char *key,
				      const char *body_rel, const char *sig_rel)
{
	uint8_t *body, *sig;
	size_t blen, slen;
	int ret;

	ret = tdx_tv_read(body_rel, &body, &blen);
	if (ret)
		return ret;
	ret = tdx_tv_read(sig_rel, &sig, &slen);
	if (!ret) {
		ret = slen == 64 ? tdx_cache_signed(c, name, key, (char *)body,
						    blen, sig) : -EINVAL;
		free(sig);
	}
	free(body);
	return ret;
}

/* Unpack the dcap-qvl collateral JSON (hex, PEM and JSON strings). */
static inline int tdx_cache_qvl_json(const struct tdx_cache *c,
				     const char *rel, const char *tcbinfo_name)
{
	json_object *o, *v;
	uint8_t *buf, der[8192], sig[64];
	const char *str;
	size_t len;
	int ret = -EINVAL;

	if (tdx_tv_read(rel, &buf, &len))
		return -ENOENT;
	o = json_tokener_parse((char *)buf);
	free(buf);
	if (!o)
		return -EINVAL;
#define QVL_STR(key) \
	(json_object_object_get_ex(o, key, &v) ? json_object_get_string(v) : "")

	str = QVL_STR("tcb_info_issuer_chain");
	if (tdx_cache_write(c, "tcb-signing-chain.pem", str, strlen(str)))
		goto out;
	str = QVL_STR("tcb_info_signature");
	if (twi_hex_decode(str, sig, 64))
		goto out;
	str = QVL_STR("tcb_info");
	if (tcbinfo_name &&
	    tdx_cache_signed(c, tcbinfo_name, "tcbInfo", str, strlen(str), sig))
		goto out;
	str = QVL_STR("qe_identity_signature");
	if (twi_hex_decode(str, sig, 64))
		goto out;
	str = QVL_STR("qe_identity");
	if (tdx_cache_signed(c, "qe-identity.json", "enclaveIdentity", str,
			     strlen(str), sig))
		goto out;
	str = QVL_STR("pck_crl");
	if (strlen(str) / 2 > sizeof(der) ||
	    twi_hex_decode(str, der, strlen(str) / 2) ||
	    tdx_cache_write(c, "pck-platform-crl.der", der, strlen(str) / 2))
		goto out;
	str = QVL_STR("root_ca_crl");
	if (strlen(str) / 2 > sizeof(der) ||
	    twi_hex_decode(str, der, strlen(str) / 2) ||
	    tdx_cache_write(c, "root-crl.der", der, strlen(str) / 2))
		goto out;
#undef QVL_STR
	ret = 0;
out:
	json_object_put(o);
	return ret;
}

static inline int tdx_cache_fill(const struct tdx_cache *c, enum tdx_set set)
{
	int ret = 0;

	switch (set) {
	case SET_DCAPQVL_V4:
		ret = tdx_cache_copy(c, "tcb-signing-chain.pem",
				     "tdx/dcapqvl-v4-collateral-tcb-signing-chain.pem") ?:
		      tdx_cache_split_doc(c, "tcbinfo-b0c06f000000.json", "tcbInfo",
					  "tdx/dcapqvl-v4-collateral-tcb-info-body.json",
					  "tdx/dcapqvl-v4-collateral-tcb-info-sig.bin") ?:
		      tdx_cache_split_doc(c, "qe-identity.json", "enclaveIdentity",
					  "tdx/dcapqvl-v4-collateral-qe-identity-body.json",
					  "tdx/dcapqvl-v4-collateral-qe-identity-sig.bin") ?:
		      tdx_cache_copy(c, "pck-platform-crl.der",
				     "tdx/dcapqvl-v4-collateral-pck-platform-crl.der") ?:
		      tdx_cache_copy(c, "root-crl.der",
				     "tdx/dcapqvl-v4-collateral-sgx-root-crl.der");
		break;
	case SET_DCAPQVL_V5:
		ret = tdx_cache_qvl_json(c, "tdx/dcapqvl-v5-quote-tcb-nomatch-collateral.json",
					 "tcbinfo-90c06f000000.json");
		break;
	case SET_GOTDX_V5:
		ret = tdx_cache_qvl_json(c, "tdx/dcapqvl-v5-quote-tcb-nomatch-collateral.json",
					 NULL) ?:
		      tdx_cache_copy(c, "tcbinfo-90c06f000000.json",
				     "tdx/gotdxguest-tcbinfo-fmspc90c06f000000.json");
		break;
	case SET_GOTDX_2023:
		ret = tdx_cache_copy(c, "tcb-signing-chain.pem",
				     "tdx/dcapqvl-v4-collateral-tcb-signing-chain.pem") ?:
		      tdx_cache_copy(c, "tcbinfo-50806f000000.json",
				     "tdx/gotdxguest-tcbinfo-fmspc50806f000000.json") ?:
		      tdx_cache_copy(c, "qe-identity.json",
				     "tdx/gotdxguest-qe-identity.json") ?:
		      tdx_cache_copy(c, "pck-platform-crl.der",
				     "tdx/gotdxguest-pck-platform-crl.der") ?:
		      tdx_cache_copy(c, "root-crl.der",
				     "tdx/gotdxguest-sgx-root-crl.der");
		break;
	}
	return ret;
}

static inline int tdx_cache_create(struct tdx_cache *c, enum tdx_set set)
{
	snprintf(c->root, sizeof(c->root), "/tmp/twi-tdx-XXXXXX");
	if (!mkdtemp(c->root))
		return -errno;
	snprintf(c->dir, sizeof(c->dir), "%s/tdx", c->root);
	if (mkdir(c->dir, 0700))
		return -errno;
	return tdx_cache_fill(c, set);
}

static inline void tdx_cache_remove_file(const struct tdx_cache *c,
					 const char *name)
{
	char path[PATH_MAX];

	snprintf(path, sizeof(path), "%s/%s", c->dir, name);
	unlink(path);
}

static inline void tdx_cache_destroy(struct tdx_cache *c)
{
	static const char *const names[] = {
		"tcb-signing-chain.pem", "qe-identity.json",
		"pck-platform-crl.der", "pck-processor-crl.der",
		"root-crl.der", "tcbinfo-b0c06f000000.json",
		"tcbinfo-90c06f000000.json", "tcbinfo-50806f000000.json",
		"tcbinfo-00806f050000.json",
	};
	size_t i;

	if (!c->root[0])
		return;
	for (i = 0; i < TWI_ARRAY_SIZE(names); i++)
		tdx_cache_remove_file(c, names[i]);
	rmdir(c->dir);
	rmdir(c->root);
	c->root[0] = 0;
}

/* Flip one bit of byte off of a cache file in place. */
static inline int tdx_cache_flip(const struct tdx_cache *c, const char *name,
				 size_t off)
{
	char path[PATH_MAX];
	uint8_t *buf;
	size_t len;
	int ret;

	snprintf(path, sizeof(path), "%s/%s", c->dir, name);
	ret = twi_read_file(path, &buf, &len);
	if (ret)
		return ret;
	if (off >= len) {
		free(buf);
		return -EINVAL;
	}
	buf[off] ^= 0x01;
	ret = tdx_cache_write(c, name, buf, len);
	free(buf);
	return ret;
}

#endif /* TWI_SELFTESTS_VERIFY_TDX_H */
