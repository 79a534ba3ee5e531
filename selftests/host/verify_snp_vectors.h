/* SPDX-License-Identifier: GPL-2.0 */
/* Test-vector helpers shared by the verifier host tests. */
#ifndef TWI_VERIFY_SNP_VECTORS_H
#define TWI_VERIFY_SNP_VECTORS_H

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>

#include "userspace/verify/util.h"

static inline const char *tv_dir(void)
{
	const char *d = getenv("TWI_TESTVECTORS");

	return d && *d ? d : "../shared/testvectors";
}

/*
 * Path of a vector file, NULL (the caller SKIPs) when it is absent.  The
 * buffer is static: use the result before the next call.
 */
static inline const char *tv_path(const char *rel)
{
	static char path[PATH_MAX];
	struct stat st;

	snprintf(path, sizeof(path), "%s/%s", tv_dir(), rel);
	return stat(path, &st) ? NULL : path;
}

static inline int tv_read(const char *rel, uint8_t **buf, size_t *len)
{
	const char *path = tv_path(rel);

	return path ? twi_read_file(path, buf, len) : -ENOENT;
}

static inline time_t tv_time(const char *s)
{
	time_t t = 0;

	twi_parse_time(s, &t);
	return t;
}

#endif /* TWI_VERIFY_SNP_VECTORS_H */
