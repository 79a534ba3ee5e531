// SPDX-License-Identifier: GPL-2.0
/*
 * twid: the twi evidence provider.  It finds the TEE's report interface,
 * registers with twi.ko as the provider and answers each evidence request
 * with a report over the kernel's report_data.  It never sees a private
 * key, and a wrong answer is caught by the kernel, which checks the
 * report_data of every report itself.
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <inttypes.h>
#include <poll.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "libtwi.h"
#include "twid/tee.h"

#define USAGE \
"usage: twid [--foreground] [--verbose] [--tee snp|tdx|cca]\n" \
"            [--tsm-root DIR] [--sev-guest DEV] [--tdx-guest DEV]\n"

/* Answers sent and not yet acknowledged, to name them in error lines. */
#define INFLIGHT 64

struct twid {
	struct twi_nl *nl;
	struct twi_tee_backend tee;
	bool verbose;
	struct {
		uint32_t seq;
		uint64_t id;
	} inflight[INFLIGHT];
	unsigned int next;
};

static volatile sig_atomic_t stop;

static void on_signal(int sig)
{
	stop = 1;
}

static long elapsed_us(const struct timespec *a, const struct timespec *b)
{
	return (b->tv_sec - a->tv_sec) * 1000000L +
	       (b->tv_nsec - a->tv_nsec) / 1000;
}

static void remember(struct twid *d, uint32_t seq, uint64_t id)
{
	d->inflight[d->next].seq = seq;
	d->inflight[d->next].id = id;
	d->next = (d->next + 1) % INFLIGHT;
}

static void answer(struct twid *d, const struct twi_evidence_request *req,
		   const struct twi_tee_report *r, int err)
{
	struct twi_evidence ev = {
		.tee = d->tee.tee,
		.report = r->report, .report_len = r->report_len,
		.aux = r->aux, .aux_len = r->aux_len,
	};
	uint32_t seq = 0;
	int ret;

	if (err)
		ret = twi_evidence_refuse(d->nl, req->id, err, &seq);
	else
		ret = twi_evidence_answer(d->nl, req->id, &ev, &seq);
	if (ret)
		fprintf(stderr, "twid: cannot answer request %" PRIu64 ": %s\n",
			req->id, strerror(-ret));
	else
		remember(d, seq, req->id);
}

static void on_request(const struct twi_evidence_request *req, void *arg)
{
	struct twi_tee_report r = { 0 };
	struct timespec t0, t1;
	struct twid *d = arg;
	int ret;

	clock_gettime(CLOCK_MONOTONIC, &t0);
	ret = d->tee.get(&d->tee, req->report_data, &r);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	if (ret)
		fprintf(stderr, "twid: request %" PRIu64 ": cannot get a report: %s\n",
			req->id, strerror(-ret));
	else if (d->verbose)
		fprintf(stderr, "twid: request %" PRIu64 ": report in %ld us (%zu bytes, aux %zu bytes)\n",
			req->id, elapsed_us(&t0, &t1), r.report_len,
			r.aux_len);
	answer(d, req, &r, ret);
	twi_tee_report_free(&r);
}

static const char *answer_error(int err)
{
	switch (err) {
	case -ENOENT:
		return "no request with that id is waiting (timed out or cancelled)";
	case -EBADMSG:
		return "the report does not parse or does not carry the requested report_data";
	default:
		return strerror(-err);
	}
}

static void on_answered(uint32_t seq, int err, void *arg)
{
	struct twid *d = arg;
	uint64_t id = 0;
	unsigned int i;

	for (i = 0; i < INFLIGHT; i++)
		if (d->inflight[i].seq == seq)
			id = d->inflight[i].id;
	if (err)
		fprintf(stderr, "twid: the kernel refused the answer to request %" PRIu64 ": %s\n",
			id, answer_error(err));
}

static void on_malformed(void *arg)
{
	fprintf(stderr, "twid: ignoring a malformed evidence request\n");
}

static const struct twi_provider_ops ops = {
	.request = on_request,
	.answered = on_answered,
	.malformed = on_malformed,
};

static int serve(struct twid *d)
{
	struct pollfd pfd = {
		.fd = twi_provider_fd(d->nl),
		.events = POLLIN,
	};
	sigset_t open_mask;
	int ret;

	sigprocmask(SIG_SETMASK, NULL, &open_mask);
	sigdelset(&open_mask, SIGTERM);
	sigdelset(&open_mask, SIGINT);
	while (!stop) {
		ret = ppoll(&pfd, 1, NULL, &open_mask);
		if (ret < 0 && errno == EINTR)
			continue;
		if (ret < 0)
			return -errno;
		ret = twi_provider_receive(d->nl, &ops, d);
		if (ret == -ENOBUFS)
			fprintf(stderr, "twid: netlink receive queue overrun: requests may have been lost\n");
		else if (ret)
			return ret;
	}
	return 0;
}

static const char *register_error(int err)
{
	switch (err) {
	case -EBUSY:
		return "another evidence provider is registered";
	case -EPERM:
		return "permission denied (needs CAP_NET_ADMIN)";
	case -EOPNOTSUPP:
	case -EINVAL:
		return "twi.ko does not support evidence providers";
	default:
		return strerror(-err);
	}
}

static int connect_kernel(struct twid *d)
{
	struct twi_info info;
	int ret;

	ret = twi_nl_open(&d->nl);
	if (!ret)
		ret = twi_nl_get_info(d->nl, &info);
	if (ret) {
		fprintf(stderr, "twid: cannot reach twi.ko: %s\n",
			ret == -ENOENT ? "module not loaded" : strerror(-ret));
		return ret;
	}
	ret = twi_provider_register(d->nl);
	if (ret) {
		fprintf(stderr, "twid: cannot register as the evidence provider: %s\n",
			register_error(ret));
		return ret;
	}
	fprintf(stderr, "twid: serving twi %s as the evidence provider\n",
		info.version);
	return 0;
}

/* Leave the foreground once registered, so failures show in the exit code. */
static int background(void)
{
	pid_t pid;
	int fd;

	fflush(stderr);
	pid = fork();
	if (pid < 0) {
		fprintf(stderr, "twid: cannot fork: %s\n", strerror(errno));
		return -1;
	}
	if (pid)
		_exit(0);
	setsid();
	fd = open("/dev/null", O_RDWR | O_CLOEXEC);
	if (fd >= 0) {
		dup2(fd, STDIN_FILENO);
		dup2(fd, STDOUT_FILENO);
		close(fd);
	}
	return 0;
}

static int parse_tee(const char *arg, uint32_t *tee)
{
	static const char *const names[] = { "snp", "tdx", "cca" };
	uint32_t i;

	for (i = 0; i < 3; i++) {
		if (!strcmp(arg, names[i])) {
			*tee = TWI_TEE_SNP + i;
			return 0;
		}
	}
	fprintf(stderr, "twid: cannot use TEE '%s': want snp, tdx or cca\n",
		arg);
	return -EINVAL;
}

struct options {
	bool foreground;
	bool verbose;
	struct twi_tee_paths paths;
};

static int parse_options(int argc, char **argv, struct options *o)
{
	static const struct option longopts[] = {
		{ "foreground", no_argument, NULL, 'f' },
		{ "verbose", no_argument, NULL, 'v' },
		{ "tee", required_argument, NULL, 't' },
		{ "tsm-root", required_argument, NULL, 'T' },
		{ "sev-guest", required_argument, NULL, 'S' },
		{ "tdx-guest", required_argument, NULL, 'X' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int c;

	o->paths.tsm_root = TWI_TSM_ROOT;
	o->paths.sev_guest = TWI_SEV_GUEST_DEV;
	o->paths.tdx_guest = TWI_TDX_GUEST_DEV;
	while ((c = getopt_long(argc, argv, "fvh", longopts, NULL)) != -1) {
		switch (c) {
		case 'f':
			o->foreground = true;
			break;
		case 'v':
			o->verbose = true;
			break;
		case 't':
			if (parse_tee(optarg, &o->paths.force_tee))
				return -EINVAL;
			break;
		case 'T':
			o->paths.tsm_root = optarg;
			break;
		case 'S':
			o->paths.sev_guest = optarg;
			break;
		case 'X':
			o->paths.tdx_guest = optarg;
			break;
		case 'h':
			fputs(USAGE, stdout);
			exit(0);
		default:
			return -EINVAL;
		}
	}
	return optind == argc ? 0 : -EINVAL;
}

int main(int argc, char **argv)
{
	struct sigaction sa = { .sa_handler = on_signal };
	struct options o = { 0 };
	struct twid d = { 0 };
	char why[512];
	sigset_t block;
	int ret;

	if (parse_options(argc, argv, &o)) {
		fputs(USAGE, stderr);
		return 2;
	}
	setvbuf(stderr, NULL, _IOLBF, 0);
	d.verbose = o.verbose;

	ret = twi_tee_detect(&o.paths, &d.tee, why, sizeof(why));
	if (ret) {
		fprintf(stderr, "twid: cannot get evidence: %s\n", why);
		return 1;
	}
	fprintf(stderr, "twid: evidence from %s\n", d.tee.description);

	/* signals arrive only while waiting, never inside a request */
	sigemptyset(&block);
	sigaddset(&block, SIGTERM);
	sigaddset(&block, SIGINT);
	sigprocmask(SIG_BLOCK, &block, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);

	ret = connect_kernel(&d);
	if (!ret && !o.foreground)
		ret = background();
	if (!ret) {
		ret = serve(&d);
		if (ret)
			fprintf(stderr, "twid: cannot receive requests: %s\n",
				strerror(-ret));
	}
	twi_nl_close(d.nl);
	d.tee.close(&d.tee);
	return ret ? 1 : 0;
}
