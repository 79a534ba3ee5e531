// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer harness: the TDX collateral parsers. The first byte picks the
 * parser: 0 TCB info, 1 QE identity, 2 the signed-member scanner of a PCS
 * response.
 */
#include <stdint.h>
#include <stddef.h>

#include "userspace/verify/tdx_local.h"
#include "userspace/verify/util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *json = (const char *)data + 1;
	struct twi_tdx_qe_identity qe;
	struct twi_tdx_tcbinfo ti;
	char why[TWI_WHY_MAX];
	size_t off, len;

	if (size < 1)
		return 0;
	switch (data[0] % 3) {
	case 0:
		if (!twi_tdx_tcbinfo_parse(json, size - 1, &ti, why,
					   sizeof(why)))
			twi_tdx_tcbinfo_free(&ti);
		break;
	case 1:
		if (!twi_tdx_qe_identity_parse(json, size - 1, &qe, why,
					       sizeof(why)))
			twi_tdx_qe_identity_free(&qe);
		break;
	default:
		if (!twi_tdx_json_member(json, size - 1, "tcbInfo", &off, &len) &&
		    (off + len > size - 1 || !len))
			__builtin_trap();
		break;
	}
	return 0;
}
