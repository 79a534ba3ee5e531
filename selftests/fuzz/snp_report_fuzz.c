// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer: SEV-SNP report parsing, the decoders that run on parsed
 * fields, and verification up to the point where certificates are needed.
 */
#include "userspace/verify/snp.h"
#include "userspace/verify/util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct twi_snp_claims cl;
	struct twi_snp_report r;
	struct twi_snp_certs c;
	struct twi_snp_tcb t;
	char why[TWI_WHY_MAX];

	if (twi_snp_parse(data, size, &r, why, sizeof(why)))
		return 0;
	twi_snp_tcb_decode(r.reported_tcb, twi_snp_report_product(&r), &t);
	twi_snp_tcb_decode(r.current_tcb, TWI_SNP_TURIN, &t);
	twi_snp_certs_init(&c);
	twi_snp_verify(data, size, &c, 0, &cl, why, sizeof(why));
	return 0;
}
