// SPDX-License-Identifier: GPL-2.0
/* libFuzzer: Azure HCL report, runtime claims, TPM quote, evidence JSON. */
#include <stdlib.h>
#include <string.h>

#include "userspace/verify/azure.h"
#include "userspace/verify/util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct twi_azure_result res;
	struct twi_azure_evidence ev = { 0 };
	struct twi_azure_tpm_quote q;
	struct twi_azure_bundle b;
	struct twi_azure_hcl hcl;
	char why[TWI_WHY_MAX];
	uint8_t *copy;

	copy = malloc(size ? size : 1);
	if (!copy)
		return 0;
	memcpy(copy, data, size);
	if (!twi_azure_hcl_parse(copy, size, &hcl, why, sizeof(why)) &&
	    (hcl.hw_report < copy ||
	     hcl.runtime + hcl.runtime_len > copy + size))
		abort();
	twi_azure_quote_parse(copy, size, &q, why, sizeof(why));
	ev.hcl = copy;
	ev.hcl_len = size;
	twi_azure_verify(&ev, &res, why, sizeof(why));
	/* the same bytes as the TD quote of an otherwise empty HCL */
	ev.td_quote = copy;
	ev.td_quote_len = size;
	twi_azure_verify(&ev, &res, why, sizeof(why));
	if (!twi_azure_bundle_parse((const char *)copy, size, &b, why,
				    sizeof(why))) {
		twi_azure_verify(&b.ev, &res, why, sizeof(why));
		twi_azure_bundle_free(&b);
	}
	free(copy);
	return 0;
}
