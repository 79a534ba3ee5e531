// SPDX-License-Identifier: GPL-2.0
/* twictl verify: check evidence against a policy and print the verdict. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "userspace/verify/util.h"
#include "userspace/verify/verify.h"

enum { EXIT_USAGE = 2, AUX_MAX = 16, ARK_MAX = 4, HELP_SHOWN = -1 };

static const char usage_line[] =
	"usage: twictl verify EVIDENCE|CREDENTIAL [--policy FILE] [--aux FILE]... "
	"[--ark FILE]... [--collateral DIR] [--at TIME] [--json] [-v]\n";

struct verify_args {
	const char *evidence;
	const char *policy;
	const char *aux[AUX_MAX];
	size_t n_aux;
	const char *ark[ARK_MAX];
	size_t n_ark;
	const char *collateral;
	time_t at;
	bool json;
	bool verbose;
};

static int usage(const char *fmt, const char *arg)
{
	if (fmt) {
		fputs("twictl: ", stderr);
		fprintf(stderr, fmt, arg);
		fputc('\n', stderr);
	}
	fputs(usage_line, stderr);
	return EXIT_USAGE;
}

static int parse_opt(int c, char **argv, struct verify_args *a)
{
	switch (c) {
	case 'p':
		a->policy = optarg;
		return 0;
	case 'a':
		if (a->n_aux == AUX_MAX)
			return usage("too many --aux files (at most 16)", NULL);
		a->aux[a->n_aux++] = optarg;
		return 0;
	case 'r':
		if (a->n_ark == ARK_MAX)
			return usage("too many --ark files (at most 4)", NULL);
		a->ark[a->n_ark++] = optarg;
		return 0;
	case 'c':
		a->collateral = optarg;
		return 0;
	case 't':
		if (twi_parse_time(optarg, &a->at))
			return usage("bad --at \"%s\" (YYYY-MM-DD[THH:MM:SSZ] or @SECONDS)",
				     optarg);
		return 0;
	case 'j':
		a->json = true;
		return 0;
	case 'v':
		a->verbose = true;
		return 0;
	case 'h':
		fputs(usage_line, stdout);
		return HELP_SHOWN;
	default:
		return usage("bad option or missing argument: \"%s\"",
			     argv[optind - 1]);
	}
}

static int parse_args(int argc, char **argv, struct verify_args *a)
{
	static const struct option opts[] = {
		{ "policy", required_argument, NULL, 'p' },
		{ "aux", required_argument, NULL, 'a' },
		{ "ark", required_argument, NULL, 'r' },
		{ "collateral", required_argument, NULL, 'c' },
		{ "at", required_argument, NULL, 't' },
		{ "json", no_argument, NULL, 'j' },
		{ "verbose", no_argument, NULL, 'v' },
		{ "help", no_argument, NULL, 'h' },
		{ 0 }
	};
	int c, ret;

	memset(a, 0, sizeof(*a));
	a->at = time(NULL);
	optind = 0;	/* glibc: full reset, the caller may have used getopt */
	opterr = 0;	/* errors are reported the twictl way */
	while ((c = getopt_long(argc, argv, "v", opts, NULL)) != -1) {
		ret = parse_opt(c, argv, a);
		if (ret)
			return ret;
	}
	if (optind != argc - 1)
		return usage(optind < argc ? "one EVIDENCE or CREDENTIAL file expected" :
					     "missing EVIDENCE or CREDENTIAL file", NULL);
	a->evidence = argv[optind];
	return 0;
}

static void print_reasons(FILE *f, const struct twi_verdict *v)
{
	size_t i, n = json_object_array_length(v->reasons);

	for (i = 0; i < n; i++)
		fprintf(f, "%s%s", i ? "; " : "",
			json_object_get_string(
				json_object_array_get_idx(v->reasons, i)));
}

static void report(const struct verify_args *a, const struct twi_verdict *v,
		   bool ok)
{
	char *json;

	if (a->json) {
		json = twi_verdict_json(v);
		if (json)
			puts(json);
		free(json);
	} else if (ok && a->verbose) {
		printf("%s: %s (%s)", a->evidence, twi_ear_status_name(v->status),
		       v->tee);
		if (json_object_array_length(v->reasons))
			fputs(": ", stdout);
		print_reasons(stdout, v);
		putchar('\n');
	}
	if (ok)
		return;
	fprintf(stderr, "twictl: cannot verify %s: ", a->evidence);
	print_reasons(stderr, v);
	fputc('\n', stderr);
}

static int run(const struct verify_args *a, const struct twi_policy *p)
{
	struct twi_verify_opts o = {
		.policy = p, .aux = a->aux, .n_aux = a->n_aux,
		.ark = a->ark, .n_ark = a->n_ark,
		.collateral = a->collateral, .at = a->at,
	};
	struct twi_verdict v;
	uint8_t *buf;
	size_t len;
	int ret;

	ret = twi_read_file(a->evidence, &buf, &len);
	if (ret) {
		fprintf(stderr, "twictl: cannot read %s: %s\n", a->evidence,
			strerror(-ret));
		return 1;
	}
	ret = twi_verify_evidence(buf, len, &o, &v);
	free(buf);
	if (v.claims)
		report(a, &v, !ret);
	else
		fprintf(stderr, "twictl: cannot verify %s: %s\n", a->evidence,
			strerror(-ret));
	twi_verdict_free(&v);
	return ret ? 1 : 0;
}

int twi_cmd_verify(int argc, char **argv)
{
	char why[TWI_WHY_MAX];
	struct verify_args a;
	struct twi_policy p;
	int ret;

	ret = parse_args(argc, argv, &a);
	if (ret)
		return ret == HELP_SHOWN ? 0 : ret;
	twi_policy_init(&p);
	if (a.policy && twi_policy_load(&p, a.policy, why, sizeof(why))) {
		fprintf(stderr, "twictl: cannot load policy %s: %s\n", a.policy,
			why);
		return 1;
	}
	ret = run(&a, &p);
	twi_policy_free(&p);
	return ret;
}
