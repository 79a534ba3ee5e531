/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Appraisal policy: a JSON document (Documentation/policy.rst) applied to
 * the appraised claims of a verdict.  Rules name claims; the same rule set
 * may appear at the top level (every TEE) and in a per-TEE section.
 */
#ifndef TWI_VERIFY_POLICY_H
#define TWI_VERIFY_POLICY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <json-c/json.h>

#include "userspace/verify/verdict.h"

#define TWI_POLICY_VERSION 1

struct twi_policy {
	json_object *root;		/* NULL for the default policy */
	json_object *evidence;		/* array of TEE names, NULL: all */
	json_object *tcb_status;	/* array of accepted TDX statuses */
	json_object *id_patterns;	/* fnmatch patterns for "identifier" */
	int64_t max_age;		/* seconds, for "issued_at"; -1: none */
	bool allow_debug;
	bool allow_migration_agent;
	char report_data[129];		/* lower-case hex prefix, "" if none */
	char cpak[4096];		/* path (resolved) or key text, "" */
};

/* The default policy: any TEE, debug and migration agents refused. */
void twi_policy_init(struct twi_policy *p);
void twi_policy_free(struct twi_policy *p);

/*
 * Parse policy text.  base_dir resolves relative paths in it (may be NULL).
 * 0, or -EINVAL with the offending key or value in why.
 */
int twi_policy_parse(struct twi_policy *p, const char *text, size_t len,
		     const char *base_dir, char *why, size_t whylen);
int twi_policy_load(struct twi_policy *p, const char *path, char *why,
		    size_t whylen);

/* Apply the policy to v->claims (v->tee set); adds reasons to v. */
void twi_policy_appraise(const struct twi_policy *p, struct twi_verdict *v);

#endif /* TWI_VERIFY_POLICY_H */
