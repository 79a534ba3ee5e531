// SPDX-License-Identifier: GPL-2.0
/* JSON appraisal policy: parsing, validation and appraisal. */
#include <ctype.h>
#include <errno.h>
#include <fnmatch.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "userspace/verify/policy.h"
#include "userspace/verify/util.h"

static const char *const tee_names[] = {
	"sev-snp", "tdx", "cca", "azure-sev-snp", "azure-tdx",
};

static const char *const tdx_statuses[] = {
	"UpToDate", "SWHardeningNeeded", "ConfigurationNeeded",
	"ConfigurationAndSWHardeningNeeded", "OutOfDate",
	"OutOfDateConfigurationNeeded", "Revoked", "Unknown",
};

static const char *const rule_keys[] = {
	"reference_values", "minimums", "equals", "required_claims",
};

void twi_policy_init(struct twi_policy *p)
{
	memset(p, 0, sizeof(*p));
	p->max_age = -1;
}

void twi_policy_free(struct twi_policy *p)
{
	json_object_put(p->root);
	twi_policy_init(p);
}

static bool in_list(const char *s, const char *const *list, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!strcmp(s, list[i]))
			return true;
	return false;
}

static bool is_hex(const char *s)
{
	size_t n = strlen(s);

	if (!n || n % 2)
		return false;
	for (; *s; s++)
		if (!isxdigit((unsigned char)*s))
			return false;
	return true;
}

/* An array of strings, each in list (or hex when list is NULL). */
static int check_strings(json_object *a, const char *key,
			 const char *const *list, size_t n, char *why,
			 size_t whylen)
{
	const char *s;
	size_t i;

	if (!json_object_is_type(a, json_type_array))
		return twi_fail(why, whylen, -EINVAL,
				"policy: \"%s\" must be an array", key);
	for (i = 0; i < json_object_array_length(a); i++) {
		json_object *e = json_object_array_get_idx(a, i);

		if (!json_object_is_type(e, json_type_string))
			return twi_fail(why, whylen, -EINVAL,
					"policy: \"%s\" holds a non-string",
					key);
		s = json_object_get_string(e);
		if (list ? !in_list(s, list, n) : !is_hex(s))
			return twi_fail(why, whylen, -EINVAL,
					"policy: \"%s\" has bad value \"%s\"",
					key, s);
	}
	return 0;
}

static int check_reference(json_object *o, char *why, size_t whylen)
{
	int ret;

	if (!json_object_is_type(o, json_type_object))
		return twi_fail(why, whylen, -EINVAL,
				"policy: \"reference_values\" must be an object");
	json_object_object_foreach(o, k, v) {
		ret = check_strings(v, k, NULL, 0, why, whylen);
		if (ret)
			return ret;
	}
	return 0;
}

static int check_minimums(json_object *o, char *why, size_t whylen)
{
	if (!json_object_is_type(o, json_type_object))
		return twi_fail(why, whylen, -EINVAL,
				"policy: \"minimums\" must be an object");
	json_object_object_foreach(o, k, v) {
		if (!json_object_is_type(v, json_type_int))
			return twi_fail(why, whylen, -EINVAL,
					"policy: minimum \"%s\" must be an integer",
					k);
	}
	return 0;
}

static int check_equals(json_object *o, char *why, size_t whylen)
{
	if (!json_object_is_type(o, json_type_object))
		return twi_fail(why, whylen, -EINVAL,
				"policy: \"equals\" must be an object");
	json_object_object_foreach(o, k, v) {
		if (!json_object_is_type(v, json_type_int) &&
		    !json_object_is_type(v, json_type_string) &&
		    !json_object_is_type(v, json_type_boolean))
			return twi_fail(why, whylen, -EINVAL,
					"policy: \"equals\" value of \"%s\" must be a string, integer or boolean",
					k);
	}
	return 0;
}

/* An array of non-empty strings (claim names, patterns). */
static int check_names(json_object *a, const char *key, char *why,
		       size_t whylen)
{
	size_t i;

	if (!json_object_is_type(a, json_type_array))
		return twi_fail(why, whylen, -EINVAL,
				"policy: \"%s\" must be an array", key);
	for (i = 0; i < json_object_array_length(a); i++) {
		json_object *e = json_object_array_get_idx(a, i);

		if (!json_object_is_type(e, json_type_string) ||
		    !json_object_get_string_len(e))
			return twi_fail(why, whylen, -EINVAL,
					"policy: \"%s\" holds an empty or non-string entry",
					key);
	}
	return 0;
}

static int check_rule(const char *k, json_object *v, char *why, size_t whylen)
{
	if (!strcmp(k, "reference_values"))
		return check_reference(v, why, whylen);
	if (!strcmp(k, "minimums"))
		return check_minimums(v, why, whylen);
	if (!strcmp(k, "equals"))
		return check_equals(v, why, whylen);
	return check_names(v, k, why, whylen);
}

/* A per-TEE section holds rule sets only. */
static int check_section(const char *tee, json_object *o, char *why,
			 size_t whylen)
{
	int ret;

	if (!json_object_is_type(o, json_type_object))
		return twi_fail(why, whylen, -EINVAL,
				"policy: section \"%s\" must be an object", tee);
	json_object_object_foreach(o, k, v) {
		if (!in_list(k, rule_keys, TWI_ARRAY_SIZE(rule_keys)))
			return twi_fail(why, whylen, -EINVAL,
					"policy: unknown key \"%s\" in section \"%s\"",
					k, tee);
		ret = check_rule(k, v, why, whylen);
		if (ret)
			return ret;
	}
	return 0;
}

static int get_bool(json_object *v, const char *k, bool *out, char *why,
		    size_t whylen)
{
	if (!json_object_is_type(v, json_type_boolean))
		return twi_fail(why, whylen, -EINVAL,
				"policy: \"%s\" must be true or false", k);
	*out = json_object_get_boolean(v);
	return 0;
}

static int set_report_data(struct twi_policy *p, json_object *v, char *why,
			   size_t whylen)
{
	const char *s = json_object_get_string(v);
	size_t i;

	if (!json_object_is_type(v, json_type_string) || !is_hex(s) ||
	    strlen(s) >= sizeof(p->report_data))
		return twi_fail(why, whylen, -EINVAL,
				"policy: \"report_data\" must be hex of at most 64 bytes");
	for (i = 0; s[i]; i++)
		p->report_data[i] = (char)tolower((unsigned char)s[i]);
	p->report_data[i] = 0;
	return 0;
}

static int set_cpak(struct twi_policy *p, json_object *v, const char *base,
		    char *why, size_t whylen)
{
	const char *s = json_object_get_string(v);
	int n;

	if (!json_object_is_type(v, json_type_string) || !*s)
		return twi_fail(why, whylen, -EINVAL,
				"policy: \"cpak\" must be a path or key text");
	if (s[0] == '/' || s[0] == '{' || !strncmp(s, "-----BEGIN", 10) ||
	    !base)
		n = snprintf(p->cpak, sizeof(p->cpak), "%s", s);
	else
		n = snprintf(p->cpak, sizeof(p->cpak), "%s/%s", base, s);
	if (n < 0 || (size_t)n >= sizeof(p->cpak))
		return twi_fail(why, whylen, -EINVAL, "policy: \"cpak\" too long");
	return 0;
}

static int set_max_age(struct twi_policy *p, json_object *v, char *why,
		       size_t whylen)
{
	if (!json_object_is_type(v, json_type_int) ||
	    json_object_get_int64(v) < 0)
		return twi_fail(why, whylen, -EINVAL,
				"policy: \"max_age\" must be a number of seconds");
	p->max_age = json_object_get_int64(v);
	return 0;
}

static int check_version(json_object *v, char *why, size_t whylen)
{
	if (!json_object_is_type(v, json_type_int) ||
	    json_object_get_int(v) != TWI_POLICY_VERSION)
		return twi_fail(why, whylen, -EINVAL,
				"policy: \"version\" must be %d",
				TWI_POLICY_VERSION);
	return 0;
}

static int top_key(struct twi_policy *p, const char *k, json_object *v,
		   const char *base, char *why, size_t whylen)
{
	if (!strcmp(k, "version"))
		return check_version(v, why, whylen);
	if (!strcmp(k, "evidence")) {
		p->evidence = v;
		return check_strings(v, k, tee_names,
				     TWI_ARRAY_SIZE(tee_names), why, whylen);
	}
	if (!strcmp(k, "tcb_status")) {
		p->tcb_status = v;
		return check_strings(v, k, tdx_statuses,
				     TWI_ARRAY_SIZE(tdx_statuses), why, whylen);
	}
	if (!strcmp(k, "allow_debug"))
		return get_bool(v, k, &p->allow_debug, why, whylen);
	if (!strcmp(k, "allow_migration_agent"))
		return get_bool(v, k, &p->allow_migration_agent, why, whylen);
	if (!strcmp(k, "report_data"))
		return set_report_data(p, v, why, whylen);
	if (!strcmp(k, "cpak"))
		return set_cpak(p, v, base, why, whylen);
	if (!strcmp(k, "identifier_patterns")) {
		p->id_patterns = v;
		return check_names(v, k, why, whylen);
	}
	if (!strcmp(k, "max_age"))
		return set_max_age(p, v, why, whylen);
	if (in_list(k, rule_keys, TWI_ARRAY_SIZE(rule_keys)))
		return check_rule(k, v, why, whylen);
	if (in_list(k, tee_names, TWI_ARRAY_SIZE(tee_names)))
		return check_section(k, v, why, whylen);
	return twi_fail(why, whylen, -EINVAL, "policy: unknown key \"%s\"", k);
}

static json_object *parse_json(const char *text, size_t len, char *why,
			       size_t whylen)
{
	struct json_tokener *tok = json_tokener_new();
	enum json_tokener_error err;
	json_object *o;

	if (!tok)
		return NULL;
	o = json_tokener_parse_ex(tok, text, (int)len);
	err = json_tokener_get_error(tok);
	if (!o)
		twi_fail(why, whylen, -EINVAL, "policy: not one JSON document: %s",
			 err == json_tokener_continue ? "truncated" :
			 json_tokener_error_desc(err));
	else if (json_tokener_get_parse_end(tok) != len)
		twi_fail(why, whylen, -EINVAL,
			 "policy: not one JSON document: data after it");
	if (o && json_tokener_get_parse_end(tok) != len) {
		json_object_put(o);
		o = NULL;
	}
	json_tokener_free(tok);
	return o;
}

int twi_policy_parse(struct twi_policy *p, const char *text, size_t len,
		     const char *base_dir, char *why, size_t whylen)
{
	json_object *root;
	int ret = 0;

	twi_policy_init(p);
	if (len > INT32_MAX)
		return twi_fail(why, whylen, -EINVAL, "policy: too large");
	root = parse_json(text, len, why, whylen);
	if (!root)
		return -EINVAL;
	if (!json_object_is_type(root, json_type_object)) {
		json_object_put(root);
		return twi_fail(why, whylen, -EINVAL,
				"policy: top level must be an object");
	}
	p->root = root;
	json_object_object_foreach(root, k, v) {
		ret = top_key(p, k, v, base_dir, why, whylen);
		if (ret)
			break;
	}
	if (ret)
		twi_policy_free(p);
	return ret;
}

int twi_policy_load(struct twi_policy *p, const char *path, char *why,
		    size_t whylen)
{
	char *copy, *dir;
	uint8_t *buf;
	size_t len;
	int ret;

	ret = twi_read_file(path, &buf, &len);
	if (ret)
		return twi_fail(why, whylen, ret, "%s", strerror(-ret));
	copy = strdup(path);
	dir = copy ? dirname(copy) : NULL;
	ret = twi_policy_parse(p, (const char *)buf, len, dir, why, whylen);
	free(copy);
	free(buf);
	return ret;
}

#define refuse(v, ...) twi_verdict_add(v, TWI_EAR_CONTRAINDICATED, __VA_ARGS__)

static json_object *claim(const struct twi_verdict *v, const char *name)
{
	json_object *c;

	return json_object_object_get_ex(v->claims, name, &c) ? c : NULL;
}

static bool hex_listed(json_object *list, const char *hex)
{
	size_t i;

	for (i = 0; i < json_object_array_length(list); i++)
		if (!strcasecmp(hex, json_object_get_string(
					     json_object_array_get_idx(list, i))))
			return true;
	return false;
}

/* A string claim must be listed; for an array claim, every element. */
static void apply_reference(json_object *rules, struct twi_verdict *v)
{
	json_object *c;
	size_t i;

	json_object_object_foreach(rules, name, list) {
		c = claim(v, name);
		if (json_object_is_type(c, json_type_string)) {
			if (!hex_listed(list, json_object_get_string(c)))
				refuse(v, "%s %s is not a reference value", name,
				       json_object_get_string(c));
			continue;
		}
		if (!json_object_is_type(c, json_type_array)) {
			refuse(v, "%s: no such claim to compare", name);
			continue;
		}
		for (i = 0; i < json_object_array_length(c); i++) {
			const char *e = json_object_get_string(
				json_object_array_get_idx(c, i));

			if (!e || !hex_listed(list, e))
				refuse(v, "%s[%zu] %s is not a reference value",
				       name, i, e ? e : "?");
		}
	}
}

static void apply_minimums(json_object *rules, struct twi_verdict *v)
{
	int64_t want, got;
	json_object *c;

	json_object_object_foreach(rules, name, min) {
		c = claim(v, name);
		want = json_object_get_int64(min);
		if (!json_object_is_type(c, json_type_int)) {
			refuse(v, "%s: no such numeric claim", name);
			continue;
		}
		got = json_object_get_int64(c);
		if (got < want)
			refuse(v, "%s %lld is below the minimum %lld", name,
			       (long long)got, (long long)want);
	}
}

static bool same_value(json_object *want, json_object *got)
{
	if (json_object_get_type(want) != json_object_get_type(got))
		return false;
	if (json_object_is_type(want, json_type_string))
		return !strcasecmp(json_object_get_string(want),
				   json_object_get_string(got));
	if (json_object_is_type(want, json_type_boolean))
		return json_object_get_boolean(want) ==
		       json_object_get_boolean(got);
	return json_object_get_int64(want) == json_object_get_int64(got);
}

static void apply_equals(json_object *rules, struct twi_verdict *v)
{
	json_object *c;

	json_object_object_foreach(rules, name, want) {
		c = claim(v, name);
		if (!c || !same_value(want, c))
			refuse(v, "%s is %s, the policy requires %s", name,
			       c ? json_object_to_json_string(c) : "absent",
			       json_object_to_json_string(want));
	}
}

static void apply_required(json_object *names, struct twi_verdict *v)
{
	const char *name;
	json_object *c;
	size_t i;

	for (i = 0; i < json_object_array_length(names); i++) {
		name = json_object_get_string(json_object_array_get_idx(names, i));
		c = claim(v, name);
		if (!c || (json_object_is_type(c, json_type_string) &&
			   !json_object_get_string_len(c)))
			refuse(v, "required claim %s is absent", name);
	}
}

static void apply_rules(json_object *set, struct twi_verdict *v)
{
	json_object *r;

	if (!set)
		return;
	if (json_object_object_get_ex(set, "reference_values", &r))
		apply_reference(r, v);
	if (json_object_object_get_ex(set, "minimums", &r))
		apply_minimums(r, v);
	if (json_object_object_get_ex(set, "equals", &r))
		apply_equals(r, v);
	if (json_object_object_get_ex(set, "required_claims", &r))
		apply_required(r, v);
}

static bool claim_true(const struct twi_verdict *v, const char *name)
{
	json_object *c = claim(v, name);

	return c && json_object_get_boolean(c);
}

static void apply_report_data(const struct twi_policy *p,
			      struct twi_verdict *v)
{
	const char *rd = json_object_get_string(claim(v, "report_data"));
	size_t n = strlen(p->report_data), i;

	if (!n)
		return;
	if (!rd || strncasecmp(rd, p->report_data, n))
		goto mismatch;
	for (i = n; rd[i]; i++)
		if (rd[i] != '0')
			goto mismatch;
	return;
mismatch:
	refuse(v, "report_data does not match the policy's nonce");
}

/* TDX only: the TCB status from the collateral. */
static void apply_tcb_status(const struct twi_policy *p, struct twi_verdict *v)
{
	static const char *const good[] = { "UpToDate", "SWHardeningNeeded" };
	const char *st = json_object_get_string(claim(v, "tcb_status"));
	size_t i;

	if (!st)
		return;
	if (p->tcb_status) {
		for (i = 0; i < json_object_array_length(p->tcb_status); i++)
			if (!strcmp(st, json_object_get_string(
				   json_object_array_get_idx(p->tcb_status, i))))
				return;
	} else if (in_list(st, good, TWI_ARRAY_SIZE(good))) {
		return;
	} else if (!strcmp(st, "Unknown")) {
		twi_verdict_add(v, TWI_EAR_WARNING,
				"TCB status not evaluated (no collateral)");
		return;
	}
	refuse(v, "TCB status %s is not accepted by the policy", st);
}

/* The credential's identifier (a claim the caller adds) against patterns. */
static void apply_identifier(const struct twi_policy *p, struct twi_verdict *v)
{
	const char *id = json_object_get_string(claim(v, "identifier"));
	size_t i;

	if (!p->id_patterns)
		return;
	if (!id) {
		refuse(v, "no identifier claim to match the policy's patterns");
		return;
	}
	for (i = 0; i < json_object_array_length(p->id_patterns); i++)
		if (!fnmatch(json_object_get_string(json_object_array_get_idx(
				     p->id_patterns, i)), id, 0))
			return;
	refuse(v, "identifier %s matches none of the policy's patterns", id);
}

/* Credential freshness: "issued_at" (seconds) against the verification time. */
static void apply_max_age(const struct twi_policy *p, struct twi_verdict *v)
{
	json_object *c = claim(v, "issued_at");
	int64_t age;

	if (p->max_age < 0)
		return;
	if (!json_object_is_type(c, json_type_int)) {
		refuse(v, "no issued_at claim to check the policy's max_age");
		return;
	}
	age = (int64_t)v->at - json_object_get_int64(c);
	if (age < 0)
		refuse(v, "credential issued %lld s after the verification time",
		       (long long)-age);
	else if (age > p->max_age)
		refuse(v, "credential is %lld s old, the policy allows %lld",
		       (long long)age, (long long)p->max_age);
}

static bool tee_allowed(const struct twi_policy *p, const char *tee)
{
	size_t i;

	if (!p->evidence)
		return true;
	for (i = 0; i < json_object_array_length(p->evidence); i++)
		if (!strcmp(tee, json_object_get_string(
				    json_object_array_get_idx(p->evidence, i))))
			return true;
	return false;
}

static json_object *section(const struct twi_policy *p, const char *tee)
{
	json_object *s;

	if (!p->root || !json_object_object_get_ex(p->root, tee, &s))
		return NULL;
	return s;
}

void twi_policy_appraise(const struct twi_policy *p, struct twi_verdict *v)
{
	const char *tee = v->tee ? v->tee : "unknown";

	if (!tee_allowed(p, tee))
		refuse(v, "evidence type %s is not accepted by the policy", tee);
	if (claim_true(v, "debug") && !p->allow_debug)
		refuse(v, "debug is enabled and the policy refuses debug");
	if (claim_true(v, "migration_agent") && !p->allow_migration_agent)
		refuse(v, "a migration agent is allowed and the policy refuses it");
	apply_report_data(p, v);
	apply_tcb_status(p, v);
	apply_identifier(p, v);
	apply_max_age(p, v);
	apply_rules(p->root, v);
	apply_rules(section(p, tee), v);
	if (!strncmp(tee, "azure-", 6))
		apply_rules(section(p, tee + 6), v);
}
