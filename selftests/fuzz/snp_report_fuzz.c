// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer: SEV-SNP report parsing, the decoders that run on parsed
 * fields, and the report checks against a fixed, already "verified" chain
 * (a throw-away P-384 key standing in for a VCEK: binding checks, then the
 * signature check on whatever r and s the input carries).
 */
#include <string.h>

#include <openssl/core_names.h>
#include <openssl/evp.h>

#include "userspace/verify/snp.h"
#include "userspace/verify/util.h"

static struct twi_snp_chain chain;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	static const uint8_t tcb[8] = { 3, 0, 0, 0, 0, 0, 8, 115 };
	size_t i, len;

	chain.key = EVP_EC_gen("P-384");
	if (!chain.key ||
	    !EVP_PKEY_get_octet_string_param(chain.key,
					     OSSL_PKEY_PARAM_ENCODED_PUBLIC_KEY,
					     chain.pub, sizeof(chain.pub), &len))
		return -1;
	chain.product = TWI_SNP_MILAN;
	chain.signer = TWI_SNP_SIGNER_VCEK;
	twi_snp_tcb_decode(tcb, TWI_SNP_MILAN, &chain.tcb);
	for (i = 0; i < TWI_SNP_CHIP_ID_SIZE; i++)	/* as the seeds */
		chain.hwid[i] = (uint8_t)i;
	chain.hwid_len = TWI_SNP_CHIP_ID_SIZE;
	chain.not_after = (time_t)1 << 40;
	return 0;
}

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
	twi_snp_report_verify(&r, &chain, 0, &cl, why, sizeof(why));
	twi_snp_certs_init(&c);
	twi_snp_verify(data, size, &c, 0, &cl, why, sizeof(why));
	return 0;
}
