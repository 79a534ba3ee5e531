// SPDX-License-Identifier: GPL-2.0
/* libFuzzer harness: TDX quote layout parsing and the quote checks. */
#include <stdint.h>
#include <stddef.h>

#include "userspace/verify/tdx.h"
#include "userspace/verify/util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct twi_tdx_result res;
	struct twi_tdx_quote q;
	char why[TWI_WHY_MAX];

	if (twi_tdx_parse(data, size, &q, why, sizeof(why)))
		return 0;
	if (q.quote_len + q.trailing_len != size)
		__builtin_trap();
	/* 2025-07-01: inside the PCK chains of the real quotes */
	twi_tdx_verify(data, size, NULL, 1751328000, &res, why, sizeof(why));
	return 0;
}
