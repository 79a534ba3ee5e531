/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Helpers of the test TEE's tests: files, the test chain made by
 * selftests/tee/mkchain, and an independent CBOR writer for statements and
 * credentials as Documentation/credential.rst defines them.
 */
#ifndef TWI_TEE_UTIL_H
#define TWI_TEE_UTIL_H

#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <openssl/sha.h>

#define TEE_REPORT_SIZE 0x4a0
#define TEE_CHAIN_DEFAULT "build/tee/chain"

struct tbuf {
	uint8_t *p;
	size_t len, cap;
};

static inline void tbuf_put(struct tbuf *b, const void *p, size_t n)
{
	if (b->len + n > b->cap) {
		b->cap = 2 * (b->len + n) + 64;
		b->p = realloc(b->p, b->cap);
		if (!b->p)
			abort();
	}
	if (n)
		memcpy(b->p + b->len, p, n);
	b->len += n;
}

static inline void tbuf_free(struct tbuf *b)
{
	free(b->p);
	memset(b, 0, sizeof(*b));
}

/* CBOR heads in shortest form (RFC 8949 section 3). */
static inline void cb_head(struct tbuf *b, unsigned int major, uint64_t arg)
{
	uint8_t h[9];
	size_t n, i;

	if (arg < 24) {
		h[0] = (uint8_t)(major << 5 | arg);
		n = 0;
	} else if (arg <= 0xff) {
		h[0] = (uint8_t)(major << 5 | 24);
		n = 1;
	} else if (arg <= 0xffff) {
		h[0] = (uint8_t)(major << 5 | 25);
		n = 2;
	} else if (arg <= 0xffffffff) {
		h[0] = (uint8_t)(major << 5 | 26);
		n = 4;
	} else {
		h[0] = (uint8_t)(major << 5 | 27);
		n = 8;
	}
	for (i = 0; i < n; i++)
		h[1 + i] = (uint8_t)(arg >> (8 * (n - 1 - i)));
	tbuf_put(b, h, n + 1);
}

static inline void cb_uint(struct tbuf *b, uint64_t v)
{
	cb_head(b, 0, v);
}

static inline void cb_bytes(struct tbuf *b, const void *p, size_t n)
{
	cb_head(b, 2, n);
	tbuf_put(b, p, n);
}

static inline void cb_text(struct tbuf *b, const char *s)
{
	cb_head(b, 3, strlen(s));
	tbuf_put(b, s, strlen(s));
}

/* What a test statement says; zero values give a valid statement. */
struct stmt_opts {
	const char *identifier;		/* default spiffe://test.example/web */
	const char *attest;		/* "tee" (default) or "none" */
	uint64_t issued_at;
	const uint8_t *nonce;
	size_t nonce_len;
	bool swap_keys;			/* keys 4 and 5 out of order */
	bool unknown_key;		/* an extra key 12 */
	bool no_identifier;		/* key 5 missing */
};

static inline void stmt_build(struct tbuf *b, const struct stmt_opts *o)
{
	static const uint8_t id[16] = { 0x11, 0x22, 0x33, 0x44 };
	static const uint8_t spki[] = { 0x30, 0x59, 0x30, 0x13 };
	static const uint8_t digest[32] = { 0xab };
	const char *ident = o->identifier ? o->identifier :
					    "spiffe://test.example/web";
	unsigned int n = 10 + (o->nonce_len > 0) + o->unknown_key -
			 o->no_identifier;

	cb_head(b, 5, n);
	cb_uint(b, 1);
	cb_uint(b, 1);
	cb_uint(b, 2);
	cb_bytes(b, id, sizeof(id));
	cb_uint(b, 3);
	cb_uint(b, o->issued_at);
	if (o->swap_keys) {
		cb_uint(b, 5);
		cb_text(b, ident);
	}
	cb_uint(b, 4);
	cb_bytes(b, spki, sizeof(spki));
	if (!o->swap_keys && !o->no_identifier) {
		cb_uint(b, 5);
		cb_text(b, ident);
	}
	cb_uint(b, 6);
	cb_head(b, 5, 2);		/* shorter key first */
	cb_text(b, "app");
	cb_text(b, "web");
	cb_text(b, "team");
	cb_text(b, "blue");
	cb_uint(b, 7);
	cb_bytes(b, digest, sizeof(digest));
	cb_uint(b, 8);
	cb_uint(b, 3);
	cb_uint(b, 9);
	cb_head(b, 5, 5);
	cb_uint(b, 1);
	cb_text(b, "/twi/web");
	cb_uint(b, 2);
	cb_uint(b, 4242);
	cb_uint(b, 3);
	cb_text(b, "6.12.0-test");
	cb_uint(b, 4);
	cb_text(b, "0.5");
	cb_uint(b, 5);
	cb_text(b, "workload");
	if (o->nonce_len) {
		cb_uint(b, 10);
		cb_bytes(b, o->nonce, o->nonce_len);
	}
	cb_uint(b, 11);
	cb_text(b, o->attest ? o->attest : "tee");
	if (o->unknown_key) {
		cb_uint(b, 12);
		cb_uint(b, 0);
	}
}

/* [1, statement, tee, evidence, aux] */
static inline void cred_build(struct tbuf *b, const struct tbuf *stmt,
			      const char *tee, const uint8_t *ev, size_t evlen,
			      const uint8_t *aux, size_t auxlen)
{
	cb_head(b, 4, 5);
	cb_uint(b, 1);
	cb_bytes(b, stmt->p, stmt->len);
	cb_text(b, tee);
	cb_bytes(b, ev, evlen);
	cb_bytes(b, aux, auxlen);
}

static inline int file_read(const char *path, struct tbuf *b)
{
	uint8_t chunk[4096];
	ssize_t n;
	int fd;

	fd = open(path, O_RDONLY);
	if (fd < 0)
		return -errno;
	while ((n = read(fd, chunk, sizeof(chunk))) > 0)
		tbuf_put(b, chunk, (size_t)n);
	close(fd);
	return n < 0 ? -EIO : 0;
}

static inline int file_write(const char *path, const void *p, size_t n)
{
	FILE *f = fopen(path, "wb");
	int ret = 0;

	if (!f)
		return -errno;
	if (fwrite(p, 1, n, f) != n)
		ret = -EIO;
	if (fclose(f))
		ret = -EIO;
	return ret;
}

/* The test chain: $TWI_TEE_CHAIN or build/tee/chain, if complete. */
static inline const char *chain_dir(void)
{
	const char *d = getenv("TWI_TEE_CHAIN");
	char stamp[4096];

	if (!d)
		d = TEE_CHAIN_DEFAULT;
	snprintf(stamp, sizeof(stamp), "%s/complete", d);
	return access(stamp, F_OK) ? NULL : d;
}

static inline int chain_file(const char *name, struct tbuf *b)
{
	const char *d = chain_dir();
	char path[4096];

	if (!d)
		return -ENOENT;
	snprintf(path, sizeof(path), "%s/%s", d, name);
	return file_read(path, b);
}

#endif /* TWI_TEE_UTIL_H */
