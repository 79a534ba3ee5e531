/* SPDX-License-Identifier: GPL-2.0 */
/* Test-vector and signing helpers for the CCA and Azure host tests. */
#ifndef TWI_VERIFY_CCA_VECTORS_H
#define TWI_VERIFY_CCA_VECTORS_H

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/evp.h>

#include "userspace/verify/util.h"

/* Read $TWI_TESTVECTORS/rel; NULL (the caller SKIPs) when absent. */
static inline uint8_t *vec_load(const char *rel, size_t *len)
{
	const char *dir = getenv("TWI_TESTVECTORS");
	char path[PATH_MAX];
	uint8_t *buf;

	snprintf(path, sizeof(path), "%s/%s",
		 dir && *dir ? dir : "../shared/testvectors", rel);
	return twi_read_file(path, &buf, len) ? NULL : buf;
}

static inline EVP_PKEY *vec_ec_keygen(const char *group)
{
	return EVP_PKEY_Q_keygen(NULL, NULL, "EC", group);
}

/* Offset of the last occurrence of pat in buf, or -1. */
static inline long vec_find_last(const uint8_t *buf, size_t len,
				 const uint8_t *pat, size_t plen)
{
	long i;

	for (i = (long)(len - plen); i >= 0; i--)
		if (!memcmp(buf + i, pat, plen))
			return i;
	return -1;
}

static inline long vec_find(const uint8_t *buf, size_t len,
			    const uint8_t *pat, size_t plen)
{
	size_t i;

	for (i = 0; i + plen <= len; i++)
		if (!memcmp(buf + i, pat, plen))
			return (long)i;
	return -1;
}

static inline int vec_sha(const char *md, const uint8_t *in, size_t len,
			  uint8_t *out)
{
	unsigned int n;

	return EVP_Digest(in, len, out, &n, EVP_get_digestbyname(md), NULL) ?
		       (int)n : -1;
}

#endif /* TWI_VERIFY_CCA_VECTORS_H */
