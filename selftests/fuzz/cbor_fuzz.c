// SPDX-License-Identifier: GPL-2.0
/* libFuzzer: the strict CBOR decoder and every accessor on what it accepts. */
#include <stdlib.h>
#include <string.h>

#include "userspace/verify/cbor.h"

static void visit(const struct twi_cbor_item *it, unsigned int depth)
{
	struct twi_cbor_item child, inner;
	struct twi_cbor_iter iter;
	uint8_t buf[64];
	int64_t v;
	double d;
	size_t n;

	if (depth > TWI_CBOR_MAX_DEPTH + 1)
		abort();	/* the decoder let too deep a tree through */
	twi_cbor_int(it, &v);
	twi_cbor_float(it, &d);
	twi_cbor_string(it, it->major, buf, sizeof(buf), &n);
	if (!twi_cbor_untag(it, it->arg, &inner))
		visit(&inner, depth + 1);
	if (it->major == TWI_CBOR_MAP) {
		twi_cbor_map_int(it, 1, &child);
		twi_cbor_map_int(it, -1, &child);
		twi_cbor_map_text(it, "a", &child);
	}
	if (twi_cbor_iter_init(&iter, it))
		return;
	while (twi_cbor_next(&iter, &child) == 1)
		visit(&child, depth + 1);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct twi_cbor_item it;
	uint8_t *copy;

	/* an exact-size heap copy lets ASan catch any read past the end */
	copy = malloc(size ? size : 1);
	if (!copy)
		return 0;
	memcpy(copy, data, size);
	if (!twi_cbor_decode(copy, size, &it)) {
		if (it.raw != copy || it.raw_len != size)
			abort();
		visit(&it, 0);
	}
	free(copy);
	return 0;
}
