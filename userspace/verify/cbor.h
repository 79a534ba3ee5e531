/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A small, strict CBOR (RFC 8949) decoder.
 *
 * The decoder never allocates: items point into the caller's buffer, which
 * must outlive them.  twi_cbor_decode() checks that a buffer holds exactly
 * one well-formed item (no trailing bytes) before anything reads it, so the
 * accessors below only ever walk validated bytes.
 *
 * Strict means: nesting depth is bounded (TWI_CBOR_MAX_DEPTH, tags count as
 * a level), integers and lengths must use the shortest head, reserved
 * additional-information values 28..30 and two-byte simple values below
 * 32 are refused, text strings must be valid UTF-8, chunks of an
 * indefinite-length string must be definite strings of the same major type,
 * and a "break" must close an indefinite-length item.  Maps may carry any
 * key type; the lookup helpers refuse a map in which the wanted key appears
 * twice.  All functions return 0 or a negative errno (-EBADMSG for anything
 * malformed).
 */
#ifndef TWI_VERIFY_CBOR_H
#define TWI_VERIFY_CBOR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define TWI_CBOR_MAX_DEPTH 16

enum twi_cbor_major {
	TWI_CBOR_UINT = 0,
	TWI_CBOR_NINT = 1,	/* value is -1 - arg */
	TWI_CBOR_BYTES = 2,
	TWI_CBOR_TEXT = 3,
	TWI_CBOR_ARRAY = 4,
	TWI_CBOR_MAP = 5,
	TWI_CBOR_TAG = 6,
	TWI_CBOR_SIMPLE = 7,	/* simple values and floats */
};

enum twi_cbor_simple {
	TWI_CBOR_FALSE = 20,
	TWI_CBOR_TRUE = 21,
	TWI_CBOR_NULL = 22,
	TWI_CBOR_UNDEFINED = 23,
};

/*
 * One decoded item.
 * @arg:  unsigned value, length of a definite string, element count of a
 *        definite array, pair count of a definite map, tag number, simple
 *        value; for floats the raw IEEE 754 bits.
 * @data: contents of a definite string, first element of a container,
 *        tagged item of a tag.
 * @raw, @raw_len: the whole encoded item, head and contents.
 */
struct twi_cbor_item {
	enum twi_cbor_major major;
	bool indefinite;
	bool is_float;
	uint8_t float_size;	/* 2, 4 or 8 when is_float */
	uint64_t arg;
	const uint8_t *data;
	const uint8_t *raw;
	size_t raw_len;
};

/* Walks the elements of an array, or keys and values of a map in turn. */
struct twi_cbor_iter {
	const uint8_t *p;
	const uint8_t *end;
	uint64_t left;		/* items left (definite containers) */
	bool indefinite;
};

/* Decode the single item that buf[0..len) must hold exactly. */
int twi_cbor_decode(const uint8_t *buf, size_t len, struct twi_cbor_item *item);

/* Iterate over a container; twi_cbor_next() returns 1, 0 at the end, or <0. */
int twi_cbor_iter_init(struct twi_cbor_iter *it,
		       const struct twi_cbor_item *container);
int twi_cbor_next(struct twi_cbor_iter *it, struct twi_cbor_item *item);

/* Value of an integer item (major 0 or 1) that fits in int64_t. */
int twi_cbor_int(const struct twi_cbor_item *item, int64_t *val);

/* Value of a float item (half, single or double precision). */
int twi_cbor_float(const struct twi_cbor_item *item, double *val);

/*
 * Contents of a byte or text string (major must match; definite or not)
 * copied into out (cap bytes); -EMSGSIZE if it does not fit.
 */
int twi_cbor_string(const struct twi_cbor_item *item, enum twi_cbor_major major,
		    uint8_t *out, size_t cap, size_t *len);

/* Unwrap one tag with the given number; -ENOENT if item is not that tag. */
int twi_cbor_untag(const struct twi_cbor_item *item, uint64_t tag,
		   struct twi_cbor_item *inner);

/*
 * Look a key up in a map.  Returns 0 and the value, -ENOENT when absent,
 * -EBADMSG when item is not a map or the key occurs more than once.
 */
int twi_cbor_map_int(const struct twi_cbor_item *map, int64_t key,
		     struct twi_cbor_item *val);
int twi_cbor_map_text(const struct twi_cbor_item *map, const char *key,
		      struct twi_cbor_item *val);

/*
 * Encode a head (major type and argument) in shortest form into out, which
 * must hold 9 bytes.  Returns the number of bytes written.
 */
size_t twi_cbor_put_head(uint8_t *out, enum twi_cbor_major major,
			 uint64_t arg);

#endif /* TWI_VERIFY_CBOR_H */
