// SPDX-License-Identifier: GPL-2.0
/* EAR-style verification verdicts. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "userspace/verify/util.h"
#include "userspace/verify/verdict.h"

#define EAR_PROFILE "tag:github.com,2023:veraison/ear"

int twi_verdict_init(struct twi_verdict *v, time_t at)
{
	memset(v, 0, sizeof(*v));
	v->status = TWI_EAR_AFFIRMING;
	v->at = at;
	v->claims = json_object_new_object();
	v->reasons = json_object_new_array();
	if (!v->claims || !v->reasons) {
		twi_verdict_free(v);
		return -ENOMEM;
	}
	return 0;
}

void twi_verdict_free(struct twi_verdict *v)
{
	json_object_put(v->claims);
	json_object_put(v->reasons);
	v->claims = NULL;
	v->reasons = NULL;
}

void twi_verdict_add(struct twi_verdict *v, enum twi_ear_status s,
		     const char *fmt, ...)
{
	char buf[TWI_WHY_MAX * 2];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	if (s > v->status)
		v->status = s;
	json_object_array_add(v->reasons, json_object_new_string(buf));
}

enum twi_ear_status twi_verdict_status_of(int err)
{
	switch (err) {
	case 0:
		return TWI_EAR_AFFIRMING;
	case -EBADMSG:
	case -ENOKEY:
	case -ENOENT:
	case -ENOMEM:
		return TWI_EAR_NONE;
	default:
		return TWI_EAR_CONTRAINDICATED;
	}
}

const char *twi_ear_status_name(enum twi_ear_status s)
{
	static const char *const names[] = {
		[TWI_EAR_AFFIRMING] = "affirming",
		[TWI_EAR_WARNING] = "warning",
		[TWI_EAR_NONE] = "none",
		[TWI_EAR_CONTRAINDICATED] = "contraindicated",
	};

	return (unsigned int)s < TWI_ARRAY_SIZE(names) ? names[s] : "none";
}

bool twi_verdict_accepted(const struct twi_verdict *v)
{
	return v->status == TWI_EAR_AFFIRMING || v->status == TWI_EAR_WARNING;
}

static json_object *submod(const struct twi_verdict *v)
{
	json_object *m = json_object_new_object();

	json_object_object_add(m, "ear.status",
		json_object_new_string(twi_ear_status_name(v->status)));
	json_object_object_add(m, "twi.reasons", json_object_get(v->reasons));
	json_object_object_add(m, "twi.appraised-claims",
			       json_object_get(v->claims));
	return m;
}

char *twi_verdict_json(const struct twi_verdict *v)
{
	json_object *root = json_object_new_object();
	json_object *id = json_object_new_object();
	json_object *subs = json_object_new_object();
	char *out = NULL;

	if (!root || !id || !subs)
		goto out_put;
	json_object_object_add(root, "eat_profile",
			       json_object_new_string(EAR_PROFILE));
	json_object_object_add(root, "iat", json_object_new_int64(v->at));
	json_object_object_add(id, "developer", json_object_new_string("twi"));
	json_object_object_add(id, "build", json_object_new_string("twi-verify 1"));
	json_object_object_add(root, "ear.verifier-id", json_object_get(id));
	json_object_object_add(root, "ear.status",
		json_object_new_string(twi_ear_status_name(v->status)));
	json_object_object_add(subs, v->tee ? v->tee : "unknown", submod(v));
	json_object_object_add(root, "submods", json_object_get(subs));
	out = strdup(json_object_to_json_string_ext(root,
		JSON_C_TO_STRING_PRETTY | JSON_C_TO_STRING_NOSLASHESCAPE));
out_put:
	json_object_put(subs);
	json_object_put(id);
	json_object_put(root);
	return out;
}
