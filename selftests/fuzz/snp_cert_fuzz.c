// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer: certificate/CRL loading (PEM bundle or DER) and the AMD
 * VCEK/VLEK extension parser on every certificate that loads.
 */
#include "userspace/verify/snp.h"
#include "userspace/verify/util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct twi_snp_certs c;
	struct twi_snp_chain ch;
	char why[TWI_WHY_MAX];
	int i;

	twi_snp_certs_init(&c);
	if (!twi_snp_certs_add_mem(&c, data, size)) {
		for (i = 0; i < sk_X509_num(c.certs); i++) {
			if (!twi_snp_leaf_info(sk_X509_value(c.certs, i), &ch,
					       why, sizeof(why)))
				twi_snp_chain_free(&ch);
		}
	}
	twi_snp_certs_free(&c);
	return 0;
}
