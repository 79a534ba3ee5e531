// SPDX-License-Identifier: GPL-2.0
/* libFuzzer harness: the SGX extension (TCB, PCE ID, FMSPC) of PCK certs. */
#include <stdint.h>
#include <stddef.h>

#include "userspace/verify/tdx_local.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct twi_tdx_pck_info info;

	twi_tdx_sgx_ext_parse(data, size, &info);
	return 0;
}
