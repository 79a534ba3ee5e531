// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer: policy parsing and, when it parses, appraisal of a fixed set
 * of claims of every JSON type.
 */
#include "userspace/verify/policy.h"
#include "userspace/verify/util.h"

static void claims(struct twi_verdict *v)
{
	json_object *a = json_object_new_array();

	v->tee = "azure-sev-snp";
	json_object_object_add(v->claims, "measurement",
			       json_object_new_string("00ff"));
	json_object_object_add(v->claims, "report_data",
			       json_object_new_string("abcd0000"));
	json_object_object_add(v->claims, "tcb.ucode", json_object_new_int(9));
	json_object_object_add(v->claims, "debug", json_object_new_boolean(1));
	json_object_object_add(v->claims, "tcb_status",
			       json_object_new_string("Unknown"));
	json_object_array_add(a, json_object_new_string("11"));
	json_object_array_add(a, json_object_new_int(3));
	json_object_object_add(v->claims, "sw_measurements", a);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char why[TWI_WHY_MAX];
	struct twi_verdict v;
	struct twi_policy p;

	if (twi_policy_parse(&p, (const char *)data, size, "/base", why,
			     sizeof(why)))
		return 0;
	if (!twi_verdict_init(&v, 0)) {
		claims(&v);
		twi_policy_appraise(&p, &v);
		twi_verdict_free(&v);
	}
	twi_policy_free(&p);
	return 0;
}
