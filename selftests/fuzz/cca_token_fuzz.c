// SPDX-License-Identifier: GPL-2.0
/* libFuzzer: CCA token and COSE_Sign1 parsing, and the full verify path. */
#include <stdlib.h>
#include <string.h>

#include "userspace/verify/cca.h"
#include "userspace/verify/cose.h"
#include "userspace/verify/util.h"

static EVP_PKEY *cpak;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct twi_cca_claims claims;
	struct twi_cose_sign1 msg;
	EVP_PKEY *key = NULL;
	char why[TWI_WHY_MAX];
	uint8_t *copy;

	if (!cpak)
		cpak = EVP_PKEY_Q_keygen(NULL, NULL, "EC", "P-384");
	copy = malloc(size ? size : 1);
	if (!copy || !cpak) {
		free(copy);
		return 0;
	}
	memcpy(copy, data, size);
	twi_cca_parse(copy, size, &claims, why, sizeof(why));
	if (!twi_cca_verify(copy, size, cpak, &claims, why, sizeof(why)))
		abort();	/* nothing here is signed by this fresh key */
	if (!twi_cose_sign1_parse(copy, size, &msg))
		twi_cose_sign1_verify(&msg, cpak);
	if (!twi_cca_cpak_parse((const char *)copy, size, &key, why,
				sizeof(why)))
		EVP_PKEY_free(key);
	free(copy);
	return 0;
}
