// SPDX-License-Identifier: GPL-2.0
/*
 * twictl: manage twi workloads, keys and credentials, verify evidence.
 */
#include <errno.h>
#include <ctype.h>
#include <fcntl.h>
#include <limits.h>
#include <getopt.h>
#include <inttypes.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <json-c/json.h>
#include <keyutils.h>

#include "libtwi.h"
#include "twictl.h"
#include "verify/statement.h"

static int cmd_info(int argc, char **argv)
{
	struct twi_info info;
	struct twi_nl *nl;
	int json = 0;
	int ret;

	if (argc == 2 && !strcmp(argv[1], "--json"))
		json = 1;
	else if (argc != 1) {
		fprintf(stderr, "usage: twictl info [--json]\n");
		return 2;
	}

	ret = twi_nl_open(&nl);
	if (ret) {
		fprintf(stderr, "twictl: cannot reach twi.ko: %s\n",
			ret == -ENOENT ? "module not loaded" : strerror(-ret));
		return 1;
	}
	ret = twi_nl_get_info(nl, &info);
	twi_nl_close(nl);
	if (ret) {
		fprintf(stderr, "twictl: cannot get info: %s\n", strerror(-ret));
		return 1;
	}

	if (json)
		printf("{\"version\":\"%s\",\"keys\":%u,\"workloads\":%u}\n",
		       info.version, info.keys, info.workloads);
	else
		printf("twi %s, %u keys, %u workloads\n", info.version,
		       info.keys, info.workloads);
	return 0;
}


/* Workloads */

#define WORKLOAD_USAGE \
"usage: twictl workload add CGROUP --id URI [--claim KEY=VALUE]...\n" \
"       twictl workload del CGROUP\n" \
"       twictl workload list [--json]\n" \
"       twictl workload show CGROUP [--json]\n" \
"       twictl workload measure CGROUP --type image|config|file|other\n" \
"                               --digest SHA256HEX [--desc TEXT] [--seal]\n" \
"CGROUP is a cgroup v2 directory (/sys/fs/cgroup/... or a path from the\n" \
"cgroup root) or id:NUMBER.\n"

static int workload_usage(void)
{
	fputs(WORKLOAD_USAGE, stderr);
	return 2;
}

static int open_nl(struct twi_nl **nl)
{
	int ret = twi_nl_open(nl);

	if (ret)
		fprintf(stderr, "twictl: cannot reach twi.ko: %s\n",
			ret == -ENOENT ? "module not loaded" : strerror(-ret));
	return ret;
}

static int parse_cgroup(const char *arg, struct twi_cgroup *cg)
{
	char *end;

	memset(cg, 0, sizeof(*cg));
	if (strncmp(arg, "id:", 3)) {
		cg->path = arg;
		return 0;
	}
	errno = 0;
	cg->id = strtoull(arg + 3, &end, 0);
	if (errno || end == arg + 3 || *end) {
		fprintf(stderr, "twictl: cannot parse cgroup id '%s'\n", arg);
		return -EINVAL;
	}
	return 0;
}

/* What the errno of a workload command means for the user. */
static const char *workload_error(int err)
{
	switch (err) {
	case -EPERM:
		return "permission denied (needs CAP_NET_ADMIN)";
	case -EEXIST:
		return "the cgroup is already a workload";
	case -ENOENT:
		return "no such cgroup or workload";
	case -E2BIG:
		return "too many claims";
	case -ENOSPC:
		return "the registry or the log is full";
	case -EROFS:
		return "the measurement log is sealed";
	default:
		return strerror(-err);
	}
}

static void json_string(const char *s)
{
	putchar('"');
	for (; *s; s++) {
		if (*s == '"' || *s == '\\')
			printf("\\%c", *s);
		else if ((unsigned char)*s < 0x20)
			printf("\\u%04x", *s);
		else
			putchar(*s);
	}
	putchar('"');
}

static void hex(const uint8_t *b, size_t len)
{
	while (len--)
		printf("%02x", *b++);
}

static void json_claims(const struct twi_workload_info *w)
{
	uint32_t i;

	printf("\"claims\":{");
	for (i = 0; i < w->n_claims; i++) {
		printf(i ? "," : "");
		json_string(w->claims[i].key);
		putchar(':');
		json_string(w->claims[i].value);
	}
	putchar('}');
}

static void json_log(const struct twi_workload_info *w)
{
	uint32_t i;

	printf(",\"log\":[");
	for (i = 0; i < w->n_log; i++) {
		printf("%s{\"type\":\"%s\",\"digest\":\"", i ? "," : "",
		       twi_event_type_name(w->log[i].type));
		hex(w->log[i].digest, TWI_DIGEST_LEN);
		printf("\",\"description\":");
		json_string(w->log[i].description);
		putchar('}');
	}
	putchar(']');
}

static void print_json(const struct twi_workload_info *w, int log)
{
	printf("{\"cgroup_id\":%" PRIu64 ",\"cgroup\":", w->cgroup_id);
	json_string(w->cgroup_path);
	printf(",\"id\":");
	json_string(w->identifier);
	putchar(',');
	json_claims(w);
	printf(",\"sealed\":%s,\"keys\":%u,\"events\":%u,\"log_digest\":\"",
	       w->flags & TWI_WORKLOAD_F_SEALED ? "true" : "false", w->keys,
	       w->n_events);
	hex(w->log_digest, TWI_DIGEST_LEN);
	putchar('"');
	if (log)
		json_log(w);
	putchar('}');
}

static void print_text(const struct twi_workload_info *w, int log)
{
	uint32_t i;

	printf("%s\n  cgroup: %s (id %" PRIu64 ")\n", w->identifier,
	       w->cgroup_path[0] ? w->cgroup_path : "-", w->cgroup_id);
	for (i = 0; i < w->n_claims; i++)
		printf("  claim: %s=%s\n", w->claims[i].key,
		       w->claims[i].value);
	printf("  keys: %u\n  events: %u%s\n  log digest: ", w->keys,
	       w->n_events, w->flags & TWI_WORKLOAD_F_SEALED ? " (sealed)" : "");
	hex(w->log_digest, TWI_DIGEST_LEN);
	putchar('\n');
	for (i = 0; log && i < w->n_log; i++) {
		printf("  event %u: %s ", i, twi_event_type_name(w->log[i].type));
		hex(w->log[i].digest, TWI_DIGEST_LEN);
		printf(" %s\n", w->log[i].description);
	}
}

/* Options of the add and run commands: --id URI and --claim K=V. */
struct add_opts {
	const char *id;
	struct twi_claim claims[TWI_CLAIMS_MAX];
	uint32_t n_claims;
};

static int add_claim(struct add_opts *o, const char *arg)
{
	if (o->n_claims == TWI_CLAIMS_MAX) {
		fprintf(stderr, "twictl: cannot add claim '%s': at most %d claims\n",
			arg, TWI_CLAIMS_MAX);
		return -E2BIG;
	}
	if (twi_parse_claim_arg(arg, &o->claims[o->n_claims])) {
		fprintf(stderr, "twictl: cannot parse claim '%s': want KEY=VALUE\n",
			arg);
		return -EINVAL;
	}
	o->n_claims++;
	return 0;
}

static int parse_add_opts(int argc, char **argv, struct add_opts *o)
{
	static const struct option longopts[] = {
		{ "id", required_argument, NULL, 'i' },
		{ "claim", required_argument, NULL, 'c' },
		{ NULL, 0, NULL, 0 },
	};
	int c;

	optind = 1;
	while ((c = getopt_long(argc, argv, "+i:c:", longopts, NULL)) != -1) {
		if (c == 'i')
			o->id = optarg;
		else if (c != 'c' || add_claim(o, optarg))
			return -EINVAL;
	}
	return o->id ? 0 : -EINVAL;
}

static int workload_add(int argc, char **argv)
{
	struct add_opts *o = calloc(1, sizeof(*o));
	struct twi_cgroup cg;
	struct twi_nl *nl;
	int ret = 2;

	if (!o || argc < 2 || parse_cgroup(argv[1], &cg) ||
	    parse_add_opts(argc - 1, argv + 1, o) || optind != argc - 1)
		goto out;
	ret = 1;
	if (open_nl(&nl))
		goto out;
	ret = twi_workload_add(nl, &cg, o->id, o->claims, o->n_claims);
	twi_nl_close(nl);
	if (ret) {
		fprintf(stderr, "twictl: cannot add workload '%s' on '%s': %s\n",
			o->id, argv[1], workload_error(ret));
		ret = 1;
	}
out:
	free(o);
	return ret == 2 ? workload_usage() : ret;
}

static int workload_del(int argc, char **argv)
{
	struct twi_cgroup cg;
	struct twi_nl *nl;
	int ret;

	if (argc != 2 || parse_cgroup(argv[1], &cg))
		return workload_usage();
	if (open_nl(&nl))
		return 1;
	ret = twi_workload_del(nl, &cg);
	twi_nl_close(nl);
	if (ret) {
		fprintf(stderr, "twictl: cannot delete workload '%s': %s\n",
			argv[1], workload_error(ret));
		return 1;
	}
	return 0;
}

struct list_out {
	int json;
	int n;
};

static int list_one(const struct twi_workload_info *w, void *arg)
{
	struct list_out *out = arg;

	if (out->json) {
		printf(out->n ? "," : "");
		print_json(w, 0);
	} else {
		print_text(w, 0);
	}
	out->n++;
	return 0;
}

static int workload_list(int argc, char **argv)
{
	struct list_out out = { 0 };
	struct twi_nl *nl;
	int ret;

	if (argc == 2 && !strcmp(argv[1], "--json"))
		out.json = 1;
	else if (argc != 1)
		return workload_usage();
	if (open_nl(&nl))
		return 1;
	if (out.json)
		putchar('[');
	ret = twi_workload_list(nl, list_one, &out);
	twi_nl_close(nl);
	if (out.json)
		printf("]\n");
	if (ret) {
		fprintf(stderr, "twictl: cannot list workloads: %s\n",
			workload_error(ret));
		return 1;
	}
	return 0;
}

static int workload_show(int argc, char **argv)
{
	struct twi_workload_info *w;
	struct twi_cgroup cg;
	struct twi_nl *nl;
	int json = 0, ret;

	if (argc == 3 && !strcmp(argv[2], "--json"))
		json = 1;
	else if (argc != 2)
		return workload_usage();
	if (parse_cgroup(argv[1], &cg))
		return 2;
	w = calloc(1, sizeof(*w));
	if (!w || open_nl(&nl)) {
		free(w);
		return 1;
	}
	ret = twi_workload_get(nl, &cg, w);
	twi_nl_close(nl);
	if (ret)
		fprintf(stderr, "twictl: cannot show workload '%s': %s\n",
			argv[1], workload_error(ret));
	else if (json)
		print_json(w, 1), putchar('\n');
	else
		print_text(w, 1);
	free(w);
	return ret ? 1 : 0;
}

static int parse_digest(const char *arg, uint8_t *digest)
{
	size_t i;

	if (strlen(arg) != 2 * TWI_DIGEST_LEN)
		return -EINVAL;
	for (i = 0; i < TWI_DIGEST_LEN; i++)
		if (sscanf(arg + 2 * i, "%2hhx", &digest[i]) != 1 ||
		    !isxdigit((unsigned char)arg[2 * i]) ||
		    !isxdigit((unsigned char)arg[2 * i + 1]))
			return -EINVAL;
	return 0;
}

static int parse_measure_opts(int argc, char **argv, struct twi_log_event *ev,
			      uint32_t *flags)
{
	static const struct option longopts[] = {
		{ "type", required_argument, NULL, 't' },
		{ "digest", required_argument, NULL, 'd' },
		{ "desc", required_argument, NULL, 'D' },
		{ "seal", no_argument, NULL, 's' },
		{ NULL, 0, NULL, 0 },
	};
	int c, ret = 0;

	optind = 1;
	while (!ret && (c = getopt_long(argc, argv, "+t:d:D:s", longopts,
					NULL)) != -1) {
		if (c == 't' && twi_event_type_parse(optarg, &ev->type))
			ret = fprintf(stderr, "twictl: cannot parse type '%s'\n",
				      optarg);
		else if (c == 'd' && parse_digest(optarg, ev->digest))
			ret = fprintf(stderr, "twictl: cannot parse digest '%s': want 64 hex digits\n",
				      optarg);
		else if (c == 'D' && strlen(optarg) > TWI_EVENT_DESC_MAX)
			ret = fprintf(stderr, "twictl: cannot use description '%s': longer than %d bytes\n",
				      optarg, TWI_EVENT_DESC_MAX);
		else if (c == 'D')
			strcpy(ev->description, optarg);
		else if (c == 's')
			*flags |= TWI_EVENT_F_SEAL;
		else if (c == '?')
			ret = 1;
	}
	return ret || optind != argc ? -EINVAL : 0;
}

static int workload_measure(int argc, char **argv)
{
	struct twi_log_event ev = { 0 };
	struct twi_cgroup cg;
	struct twi_nl *nl;
	uint32_t flags = 0;
	int ret;

	if (argc < 2 || parse_cgroup(argv[1], &cg) ||
	    parse_measure_opts(argc - 1, argv + 1, &ev, &flags) || !ev.type)
		return workload_usage();
	if (open_nl(&nl))
		return 1;
	ret = twi_workload_measure(nl, &cg, &ev, flags);
	twi_nl_close(nl);
	if (ret) {
		fprintf(stderr, "twictl: cannot measure into '%s': %s\n",
			argv[1], workload_error(ret));
		return 1;
	}
	return 0;
}

static int cmd_workload(int argc, char **argv)
{
	static const struct {
		const char *name;
		int (*run)(int argc, char **argv);
	} subs[] = {
		{ "add", workload_add },
		{ "del", workload_del },
		{ "list", workload_list },
		{ "show", workload_show },
		{ "measure", workload_measure },
	};
	size_t i;

	if (argc < 2)
		return workload_usage();
	for (i = 0; i < sizeof(subs) / sizeof(subs[0]); i++)
		if (!strcmp(argv[1], subs[i].name))
			return subs[i].run(argc - 1, argv + 1);
	fprintf(stderr, "twictl: unknown workload command '%s'\n", argv[1]);
	return workload_usage();
}

/* Keys and credentials */

#define KEY_USAGE \
"usage: twictl key credential KEY > FILE\n" \
"       twictl key show KEY [--json]\n" \
"       twictl key attest KEY [--nonce HEX] [--out FILE]\n" \
"KEY is a key serial number (decimal) or %twi:NAME, a twi key found by\n" \
"its description in the session keyring (as keyctl search @s twi NAME).\n"

static int key_usage(void)
{
	fputs(KEY_USAGE, stderr);
	return 2;
}

/* What the errno of a key command means for the user. */
static const char *key_error(int err)
{
	switch (err) {
	case -ENOKEY:
		return "no twi key has that serial number";
	case -EACCES:
		return "permission denied (needs View permission on the key; attest also needs the key's workload and binding)";
	case -EKEYREVOKED:
		return "the key is revoked";
	case -ENOENT:
		return "the caller is not in a registered workload";
	case -ENODEV:
		return "no evidence provider is running (start twid)";
	case -ETIMEDOUT:
		return "the evidence provider did not answer in time (twi.evidence_timeout_ms)";
	case -ECONNRESET:
		return "the evidence provider went away before it answered";
	case -EIO:
		return "the evidence provider could not get evidence from the TEE";
	case -EBADMSG:
		return "the evidence provider's report was refused (malformed, or not over this statement)";
	case -EINTR:
		return "interrupted";
	case -EOPNOTSUPP:
	case -EINVAL:
		return "twi.ko does not support key credentials, or refused the request";
	default:
		return strerror(-err);
	}
}

/* KEY as a serial: a decimal number or %twi:NAME in the session keyring. */
static int resolve_key(const char *arg, uint32_t *serial)
{
	unsigned long v;
	key_serial_t k;
	char *end;

	if (!strncmp(arg, "%twi:", 5)) {
		k = keyctl_search(KEY_SPEC_SESSION_KEYRING, TWI_KEY_TYPE,
				  arg + 5, 0);
		if (k < 0) {
			fprintf(stderr, "twictl: cannot find key '%s': %s\n",
				arg, errno == ENOKEY ?
				"no twi key of that name in the session keyring" :
				strerror(errno));
			return -errno;
		}
		*serial = (uint32_t)k;
		return 0;
	}
	errno = 0;
	v = strtoul(arg, &end, 10);
	if (errno || end == arg || *end || !isdigit((unsigned char)*arg) ||
	    !v || v > INT32_MAX) {
		fprintf(stderr, "twictl: cannot parse key '%s': want a serial number or %%twi:NAME\n",
			arg);
		return -EINVAL;
	}
	*serial = (uint32_t)v;
	return 0;
}

static int fetch_credential(const char *what, const char *arg, bool attest,
			    const uint8_t *nonce, size_t nonce_len,
			    struct twi_key_credential *kc)
{
	uint32_t serial = 0;
	struct twi_nl *nl;
	int ret;

	if (resolve_key(arg, &serial))
		return 1;
	if (open_nl(&nl))
		return 1;
	if (attest)
		ret = twi_key_attest(nl, serial, nonce, nonce_len, kc);
	else
		ret = twi_key_get(nl, serial, kc);
	twi_nl_close(nl);
	if (ret) {
		fprintf(stderr, "twictl: cannot %s key '%s': %s\n", what, arg,
			key_error(ret));
		return 1;
	}
	return 0;
}

static int write_all(int fd, const uint8_t *buf, size_t len)
{
	ssize_t w;

	while (len) {
		w = write(fd, buf, len);
		if (w < 0 && errno == EINTR)
			continue;
		if (w < 0)
			return -errno;
		buf += w;
		len -= w;
	}
	return 0;
}

/* Write the credential file of @kc to @path, or to stdout if NULL. */
static int write_credential(const struct twi_key_credential *kc,
			    const char *path)
{
	struct twi_credential cred = {
		.tee = kc->tee,
		.statement = kc->statement, .statement_len = kc->statement_len,
		.evidence = kc->evidence, .evidence_len = kc->evidence_len,
		.aux = kc->aux, .aux_len = kc->aux_len,
	};
	const char *name = path ? path : "standard output";
	uint8_t *buf;
	size_t len;
	int fd = STDOUT_FILENO, ret;

	if (!path && isatty(fd)) {
		fprintf(stderr, "twictl: cannot write the credential: standard output is a terminal (redirect it to a file)\n");
		return 1;
	}
	ret = twi_credential_encode(&cred, &buf, &len);
	if (ret) {
		fprintf(stderr, "twictl: cannot encode the credential: %s\n",
			ret == -EBADMSG ? "the kernel's reply is inconsistent" :
			strerror(-ret));
		return 1;
	}
	if (path) {
		fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
		if (fd < 0)
			ret = -errno;
	}
	if (!ret)
		ret = write_all(fd, buf, len);
	if (path && fd >= 0 && close(fd) && !ret)
		ret = -errno;
	free(buf);
	if (ret) {
		fprintf(stderr, "twictl: cannot write the credential to %s: %s\n",
			name, strerror(-ret));
		return 1;
	}
	return 0;
}

static int key_credential(int argc, char **argv)
{
	struct twi_key_credential kc = { 0 };
	int ret;

	if (argc != 2)
		return key_usage();
	if (fetch_credential("get the credential of", argv[1], false, NULL, 0,
			     &kc))
		return 1;
	ret = write_credential(&kc, NULL);
	twi_key_credential_free(&kc);
	return ret;
}

static void print_hex_line(const char *label, const uint8_t *b, size_t len)
{
	printf("  %-13s", label);
	hex(b, len);
	putchar('\n');
}

static void print_statement(const struct twi_key_credential *kc,
			    const struct twi_statement *st)
{
	char when[64];
	time_t t = (time_t)st->issued_at;
	struct tm tm;
	uint32_t i;

	if (!gmtime_r(&t, &tm) ||
	    !strftime(when, sizeof(when), "%Y-%m-%dT%H:%M:%SZ", &tm))
		strcpy(when, "?");
	printf("key %u\n", kc->serial);
	printf("  %-13s%s\n", "identifier:", st->identifier);
	for (i = 0; i < st->n_claims; i++)
		printf("  %-13s%s=%s\n", "claim:", st->claims[i].key,
		       st->claims[i].value);
	printf("  %-13s%s (%" PRIu64 ")\n", "issued at:", when, st->issued_at);
	print_hex_line("credential:", st->credential_id,
		       sizeof(st->credential_id));
	print_hex_line("public key:", st->public_key, st->public_key_len);
	print_hex_line("log digest:", st->log_digest, sizeof(st->log_digest));
	printf("  %-13s%" PRIu64 "\n", "events:", st->events);
	printf("  %-13s%s (id %" PRIu64 ")\n", "cgroup:", st->kernel.cgroup,
	       st->kernel.cgroup_id);
	printf("  %-13s%s\n", "binding:",
	       twi_statement_binding_name(st->kernel.binding));
	if (st->kernel.has_exe_digest)
		print_hex_line("exe digest:", st->kernel.exe_digest,
			       sizeof(st->kernel.exe_digest));
	printf("  %-13sLinux %s, twi %s\n", "kernel:", st->kernel.release,
	       st->kernel.module_version);
	if (st->has_nonce)
		print_hex_line("nonce:", st->nonce, st->nonce_len);
	if (st->attested)
		printf("  %-13s%s, %zu-byte evidence, %zu-byte aux\n",
		       "attestation:", twi_tee_name(kc->tee) ?: "unknown",
		       kc->evidence_len, kc->aux_len);
	else
		printf("  %-13snone\n", "attestation:");
}

static int print_statement_json(const struct twi_key_credential *kc,
				const struct twi_statement *st)
{
	struct json_object *o, *stmt;
	const char *tee = twi_tee_name(kc->tee);

	o = json_object_new_object();
	stmt = twi_statement_json(st);
	if (!o || !stmt ||
	    json_object_object_add(o, "serial",
				   json_object_new_uint64(kc->serial)) ||
	    json_object_object_add(o, "cgroup_id",
				   json_object_new_uint64(kc->cgroup_id)) ||
	    json_object_object_add(o, "tee",
				   json_object_new_string(tee ?: "unknown")) ||
	    json_object_object_add(o, "evidence_size",
				   json_object_new_uint64(kc->evidence_len)) ||
	    json_object_object_add(o, "aux_size",
				   json_object_new_uint64(kc->aux_len)) ||
	    json_object_object_add(o, "statement", stmt)) {
		json_object_put(o);
		fprintf(stderr, "twictl: cannot show the key: out of memory\n");
		return 1;
	}
	puts(json_object_to_json_string_ext(o, JSON_C_TO_STRING_PLAIN));
	json_object_put(o);
	return 0;
}

static int key_show(int argc, char **argv)
{
	struct twi_key_credential kc = { 0 };
	struct twi_statement *st;
	int json = 0, ret = 1;

	if (argc == 3 && !strcmp(argv[2], "--json"))
		json = 1;
	else if (argc != 2)
		return key_usage();
	if (fetch_credential("show", argv[1], false, NULL, 0, &kc))
		return 1;
	st = calloc(1, sizeof(*st));
	if (!st)
		goto out;
	ret = twi_statement_decode(kc.statement, kc.statement_len, st);
	if (ret) {
		fprintf(stderr, "twictl: cannot decode the statement of key '%s': %s\n",
			argv[1], ret == -EPROTONOSUPPORT ?
			"unknown statement version" : "malformed");
		ret = 1;
	} else if (json) {
		ret = print_statement_json(&kc, st);
	} else {
		print_statement(&kc, st);
	}
out:
	free(st);
	twi_key_credential_free(&kc);
	return ret;
}

static int parse_nonce(const char *arg, uint8_t *nonce, size_t *len)
{
	size_t n = strlen(arg), i;

	if (!n || n % 2 || n / 2 > TWI_NONCE_MAX)
		goto err;
	for (i = 0; i < n; i++)
		if (!isxdigit((unsigned char)arg[i]))
			goto err;
	for (i = 0; i < n / 2; i++)
		sscanf(arg + 2 * i, "%2hhx", &nonce[i]);
	*len = n / 2;
	return 0;
err:
	fprintf(stderr, "twictl: cannot use nonce '%s': want 1 to %d bytes in hex\n",
		arg, TWI_NONCE_MAX);
	return -EINVAL;
}

static int key_attest(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "nonce", required_argument, NULL, 'n' },
		{ "out", required_argument, NULL, 'o' },
		{ NULL, 0, NULL, 0 },
	};
	struct twi_key_credential kc = { 0 };
	uint8_t nonce[TWI_NONCE_MAX];
	const char *out = NULL;
	size_t nonce_len = 0;
	int c, ret;

	optind = 1;
	while ((c = getopt_long(argc, argv, "n:o:", longopts, NULL)) != -1) {
		if (c == 'n' && parse_nonce(optarg, nonce, &nonce_len))
			return 2;
		else if (c == 'o')
			out = optarg;
		else if (c != 'n')
			return key_usage();
	}
	if (optind != argc - 1)
		return key_usage();
	if (!out && isatty(STDOUT_FILENO)) {
		fprintf(stderr, "twictl: cannot write the credential: standard output is a terminal (use --out FILE or redirect it)\n");
		return 1;
	}
	if (fetch_credential("attest", argv[optind], true, nonce, nonce_len,
			     &kc))
		return 1;
	ret = write_credential(&kc, out);
	twi_key_credential_free(&kc);
	return ret;
}

static int cmd_key(int argc, char **argv)
{
	static const struct {
		const char *name;
		int (*run)(int argc, char **argv);
	} subs[] = {
		{ "credential", key_credential },
		{ "show", key_show },
		{ "attest", key_attest },
	};
	size_t i;

	if (argc < 2)
		return key_usage();
	for (i = 0; i < sizeof(subs) / sizeof(subs[0]); i++)
		if (!strcmp(argv[1], subs[i].name))
			return subs[i].run(argc - 1, argv + 1);
	fprintf(stderr, "twictl: unknown key command '%s'\n", argv[1]);
	return key_usage();
}

/* run */

#define RUN_USAGE \
"usage: twictl run --id URI [--claim KEY=VALUE]... -- COMMAND [ARGS...]\n"

static int write_file(const char *path, const char *text)
{
	ssize_t len = strlen(text);
	int fd, ret = 0;

	fd = open(path, O_WRONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	if (write(fd, text, len) != len)
		ret = -errno;
	close(fd);
	return ret;
}

/* The child: join the cgroup, then become COMMAND. */
static void run_child(const char *dir, char **argv)
{
	char procs[PATH_MAX + 16];
	int ret;

	signal(SIGINT, SIG_DFL);
	signal(SIGQUIT, SIG_DFL);
	snprintf(procs, sizeof(procs), "%s/cgroup.procs", dir);
	ret = write_file(procs, "0");
	if (ret) {
		fprintf(stderr, "twictl: cannot enter cgroup '%s': %s\n", dir,
			strerror(-ret));
		_exit(126);
	}
	execvp(argv[0], argv);
	fprintf(stderr, "twictl: cannot run '%s': %s\n", argv[0],
		strerror(errno));
	_exit(errno == ENOENT ? 127 : 126);
}

static int wait_child(pid_t pid)
{
	int status;

	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return 1;
	if (WIFSIGNALED(status))
		return 128 + WTERMSIG(status);
	return WEXITSTATUS(status);
}

/* Register @dir, run COMMAND in it, then deregister and remove it. */
static int run_in(struct twi_nl *nl, const char *dir, const struct add_opts *o,
		  char **argv)
{
	struct twi_cgroup cg = { .path = dir };
	pid_t pid;
	int ret;

	ret = twi_workload_add(nl, &cg, o->id, o->claims, o->n_claims);
	if (ret) {
		fprintf(stderr, "twictl: cannot add workload '%s': %s\n", o->id,
			workload_error(ret));
		return 1;
	}
	signal(SIGINT, SIG_IGN);
	signal(SIGQUIT, SIG_IGN);
	pid = fork();
	if (!pid)
		run_child(dir, argv);
	ret = pid < 0 ? 1 : wait_child(pid);
	if (pid < 0)
		fprintf(stderr, "twictl: cannot fork: %s\n", strerror(errno));
	twi_workload_del(nl, &cg);
	return ret;
}

static int cmd_run(int argc, char **argv)
{
	struct add_opts *o = calloc(1, sizeof(*o));
	char dir[PATH_MAX];
	struct twi_nl *nl;
	int ret = 2;

	if (!o || parse_add_opts(argc, argv, o) || optind >= argc ||
	    strcmp(argv[optind - 1], "--"))
		goto out;
	ret = 1;
	if (open_nl(&nl))
		goto out;
	snprintf(dir, sizeof(dir), "/sys/fs/cgroup/twi-run.%d", (int)getpid());
	if (mkdir(dir, 0755)) {
		fprintf(stderr, "twictl: cannot create cgroup '%s': %s\n", dir,
			strerror(errno));
	} else {
		ret = run_in(nl, dir, o, argv + optind);
		if (rmdir(dir))
			fprintf(stderr, "twictl: cannot remove cgroup '%s': %s\n",
				dir, strerror(errno));
	}
	twi_nl_close(nl);
out:
	free(o);
	if (ret == 2)
		fputs(RUN_USAGE, stderr);
	return ret;
}

static int cmd_help(int argc, char **argv);

static const struct command {
	const char *name;
	int (*run)(int argc, char **argv);
	const char *help;
} commands[] = {
	{ "info", cmd_info, "show the module version and key count" },
	{ "workload", cmd_workload,
	  "add, del, list, show workloads; measure into their logs" },
	{ "run", cmd_run, "run a command as a registered workload" },
	{ "key", cmd_key, "get, show and attest twi keys' credentials" },
	TWICTL_VERIFY_COMMAND
	{ "help", cmd_help, "show this list" },
};

static int cmd_help(int argc, char **argv)
{
	size_t i;

	printf("usage: twictl COMMAND [ARGS...]\n\ncommands:\n");
	for (i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		printf("  %-10s %s\n", commands[i].name, commands[i].help);
	return 0;
}

int main(int argc, char **argv)
{
	size_t i;

	if (argc < 2) {
		cmd_help(0, NULL);
		return 2;
	}
	for (i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		if (!strcmp(argv[1], commands[i].name))
			return commands[i].run(argc - 1, argv + 1);

	fprintf(stderr, "twictl: unknown command '%s' (try 'twictl help')\n",
		argv[1]);
	return 2;
}
