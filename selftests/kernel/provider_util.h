/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A fake evidence provider for the VM tests: a child process that
 * registers with twi.ko and answers its evidence requests, well or badly,
 * with SNP, TDX and CCA evidence built here byte by byte from the formats'
 * specifications.  Plus the raw generic netlink plumbing it needs.
 */
#ifndef TWI_PROVIDER_UTIL_H
#define TWI_PROVIDER_UTIL_H

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <linux/twi.h>
#include <netlink/genl/ctrl.h>
#include <netlink/genl/genl.h>
#include <netlink/msg.h>

enum mode {
	GOOD_SNP,
	GOOD_TDX4,
	GOOD_TDX5,
	GOOD_CCA,
	WRONG_RD,	/* SNP report over other report_data */
	SHORT_SNP,	/* one byte short of a report */
	SGX_QUOTE,	/* a TDX v4 quote shape whose TEE type is SGX */
	REFUSE,		/* answers with TWI_A_EVIDENCE_ERROR */
	SILENT,		/* never answers */
	LATE,		/* answers after 1.5 s */
	CRASH,		/* exits on the first request */
	TWICE,		/* answers each request twice */
	STRAY_FIRST,	/* answers another id first, then the right one */
};

/* Netlink plumbing */

static inline struct nl_sock *genl_open(int *family)
{
	struct nl_sock *sk = nl_socket_alloc();

	if (!sk)
		return NULL;
	if (genl_connect(sk)) {
		nl_socket_free(sk);
		return NULL;
	}
	*family = genl_ctrl_resolve(sk, TWI_GENL_NAME);
	if (*family < 0) {
		nl_socket_free(sk);
		return NULL;
	}
	/* requests from the kernel carry no sequence number of ours */
	nl_socket_disable_seq_check(sk);
	nl_socket_disable_auto_ack(sk);
	nl_socket_set_msg_buf_size(sk, 256 * 1024);
	nl_socket_enable_msg_peek(sk);
	return sk;
}

static inline struct nl_msg *genl_msg(int family, uint8_t cmd, int flags)
{
	struct nl_msg *msg = nlmsg_alloc_size(128 * 1024);

	if (msg && !genlmsg_put(msg, NL_AUTO_PORT, NL_AUTO_SEQ, family, 0,
				flags, cmd, TWI_GENL_VERSION)) {
		nlmsg_free(msg);
		msg = NULL;
	}
	return msg;
}

/*
 * Send @msg and read until its answer: an error or ack (returned as a
 * negative errno or 0), or a reply, parsed into @tb with its buffer in
 * *@buf (to free) if @tb is given.
 */
static inline int transact(struct nl_sock *sk, struct nl_msg *msg,
		    struct nlattr **tb, int maxattr, unsigned char **buf)
{
	struct sockaddr_nl addr;
	unsigned char *data;
	struct nlmsghdr *nlh;
	int n, ret;

	ret = nl_send_auto(sk, msg);
	nlmsg_free(msg);
	if (ret < 0)
		return -EIO;
	for (;;) {
		n = nl_recv(sk, &addr, &data, NULL);
		if (n <= 0)
			return -EIO;
		for (nlh = (struct nlmsghdr *)data; nlmsg_ok(nlh, n);
		     nlh = nlmsg_next(nlh, &n)) {
			if (nlh->nlmsg_type == NLMSG_ERROR) {
				ret = ((struct nlmsgerr *)nlmsg_data(nlh))->error;
				free(data);
				return ret;
			}
			if (tb && !genlmsg_parse(nlh, 0, tb, maxattr, NULL)) {
				*buf = data;
				return 0;
			}
		}
		free(data);
	}
}

static inline int simple_cmd(uint8_t cmd)
{
	struct nl_sock *sk;
	int family, ret;

	sk = genl_open(&family);
	if (!sk)
		return -EIO;
	ret = transact(sk, genl_msg(family, cmd, NLM_F_ACK), NULL, 0, NULL);
	nl_socket_free(sk);
	return ret;
}

/* Evidence, built from the formats' layouts */

static inline void put_le16(uint8_t *p, uint16_t v)
{
	p[0] = v;
	p[1] = v >> 8;
}

static inline void put_le32(uint8_t *p, uint32_t v)
{
	put_le16(p, v);
	put_le16(p + 2, v >> 16);
}

/* SEV-SNP ATTESTATION_REPORT: 1184 bytes, version at 0, REPORT_DATA at 0x50 */
static inline size_t snp_report(uint8_t *r, const uint8_t *rd)
{
	memset(r, 0, 1184);
	put_le32(r, 2);
	put_le32(r + 0x34, 1);		/* SIGNATURE_ALGO: ECDSA P-384 */
	memcpy(r + 0x50, rd, 64);
	return 1184;
}

/*
 * TDX quote: 48-byte header (version, attestation key type 2, TEE type
 * 0x81), for v5 a body descriptor (type 3, size 648), the TD report body
 * with REPORTDATA at 520, then the signature data length.
 */
static inline size_t tdx_quote(uint8_t *q, const uint8_t *rd, int version,
			uint32_t tee_type)
{
	size_t body = 48, size = 584;

	memset(q, 0, 48 + 6 + 648 + 4);
	put_le16(q, version);
	put_le16(q + 2, 2);
	put_le32(q + 4, tee_type);
	if (version == 5) {
		put_le16(q + 48, 3);
		size = 648;
		put_le32(q + 50, size);
		body += 6;
	}
	memcpy(q + body + 520, rd, 64);
	return body + size + 4;
}

/*
 * CCA token: tag 399 { 44234: platform token, 44241: realm token }, the
 * realm token a COSE_Sign1 (tag 18, [protected, unprotected, payload,
 * signature]) whose payload map holds a personalization value (44235)
 * and the challenge (10).
 */
static inline size_t cca_token(uint8_t *t, const uint8_t *rd)
{
	static const uint8_t head[] = {
		0xd9, 0x01, 0x8f,		/* tag 399 */
		0xa2,				/* map(2) */
		0x19, 0xac, 0xca,		/* 44234 */
		0x43, 0x01, 0x02, 0x03,		/* bstr(3): platform token */
		0x19, 0xac, 0xd1,		/* 44241 */
		0x58, 0x93,			/* bstr(147): realm token */
		0xd2, 0x84,			/* tag 18, array(4) */
		0x43, 0xa1, 0x01, 0x26,		/* protected: {1: -7} */
		0xa0,				/* unprotected: {} */
		0x58, 0x89,			/* bstr(137): payload */
		0xa2,				/* map(2) */
		0x19, 0xac, 0xcb,		/* 44235 */
		0x58, 0x40,			/* bstr(64): zeros */
	};
	size_t n = 0;

	memcpy(t, head, sizeof(head));
	n = sizeof(head);
	memset(t + n, 0, 64);
	n += 64;
	t[n++] = 0x0a;			/* 10: challenge */
	t[n++] = 0x58;
	t[n++] = 0x40;
	memcpy(t + n, rd, 64);
	n += 64;
	t[n++] = 0x40;			/* signature: empty bstr */
	return n;
}

/* The fake provider */

static inline void say(int fd, const char *fmt, ...)
{
	char line[64];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	if (write(fd, line, n) != n)
		_exit(3);
}

/* An answer to request @id over report_data @rd, as @mode makes it. */
static inline struct nl_msg *answer_msg(int family, enum mode mode,
					uint64_t id, const uint8_t *rd)
{
	static uint8_t ev[2048];
	uint8_t want[64];
	uint32_t tee = TWI_TEE_SNP;
	struct nl_msg *msg;
	size_t len;

	memcpy(want, rd, 64);
	switch (mode) {
	case GOOD_TDX4:
		tee = TWI_TEE_TDX;
		len = tdx_quote(ev, want, 4, 0x81);
		break;
	case GOOD_TDX5:
		tee = TWI_TEE_TDX;
		len = tdx_quote(ev, want, 5, 0x81);
		break;
	case SGX_QUOTE:
		tee = TWI_TEE_TDX;
		len = tdx_quote(ev, want, 4, 0);
		break;
	case GOOD_CCA:
		tee = TWI_TEE_CCA;
		len = cca_token(ev, want);
		break;
	case WRONG_RD:
		want[17] ^= 1;
		len = snp_report(ev, want);
		break;
	case SHORT_SNP:
		len = snp_report(ev, want) - 1;
		break;
	default:
		len = snp_report(ev, want);
	}

	msg = genl_msg(family, TWI_CMD_EVIDENCE_ANSWER, NLM_F_ACK);
	if (!msg)
		return NULL;
	nla_put_u64(msg, TWI_A_EVIDENCE_REQUEST_ID, id);
	if (mode == REFUSE) {
		nla_put_u32(msg, TWI_A_EVIDENCE_ERROR, EIO);
	} else {
		nla_put_u32(msg, TWI_A_EVIDENCE_TEE, tee);
		nla_put(msg, TWI_A_EVIDENCE_REPORT, len, ev);
		nla_put(msg, TWI_A_EVIDENCE_AUX, 5, "certs");
	}
	return msg;
}

/* Send an answer without waiting for its ack (the provider's loop reads it). */
static inline void answer(struct nl_sock *sk, int family, enum mode mode,
			  uint64_t id, const uint8_t *rd)
{
	struct nl_msg *msg = answer_msg(family, mode, id, rd);

	if (!msg)
		_exit(4);
	if (nl_send_auto(sk, msg) < 0)
		_exit(5);
	nlmsg_free(msg);
}

/* The request id and report_data of an evidence request; -EINVAL if not one. */
static inline int parse_request(struct nlmsghdr *nlh, uint64_t *id,
				const uint8_t **rd)
{
	struct nlattr *tb[TWI_A_EVIDENCE_MAX + 1];

	if (genlmsg_parse(nlh, 0, tb, TWI_A_EVIDENCE_MAX, NULL) ||
	    ((struct genlmsghdr *)nlmsg_data(nlh))->cmd !=
	    TWI_CMD_EVIDENCE_REQUEST ||
	    !tb[TWI_A_EVIDENCE_REQUEST_ID] ||
	    !tb[TWI_A_EVIDENCE_REPORT_DATA] ||
	    nla_len(tb[TWI_A_EVIDENCE_REPORT_DATA]) != 64)
		return -EINVAL;
	*id = nla_get_u64(tb[TWI_A_EVIDENCE_REQUEST_ID]);
	*rd = nla_data(tb[TWI_A_EVIDENCE_REPORT_DATA]);
	return 0;
}

/*
 * Registers, then serves requests in @mode forever, telling @out about
 * each step: "registered", "register <errno>", "request <id>",
 * "ack <errno>" for each answer's acknowledgement.
 */
static inline void provider_main(enum mode mode, int out)
{
	struct sockaddr_nl addr;
	unsigned char *data;
	struct nlmsghdr *nlh;
	struct nl_sock *sk;
	int family, n, ret;

	sk = genl_open(&family);
	if (!sk)
		_exit(2);
	ret = transact(sk, genl_msg(family, TWI_CMD_PROVIDER_REGISTER,
				    NLM_F_ACK), NULL, 0, NULL);
	if (ret) {
		say(out, "register %d\n", -ret);
		_exit(0);
	}
	say(out, "registered\n");

	for (;;) {
		n = nl_recv(sk, &addr, &data, NULL);
		if (n <= 0)
			_exit(6);
		for (nlh = (struct nlmsghdr *)data; nlmsg_ok(nlh, n);
		     nlh = nlmsg_next(nlh, &n)) {
			const uint8_t *rd;
			uint64_t id;

			if (nlh->nlmsg_type == NLMSG_ERROR) {
				say(out, "ack %d\n",
				    -((struct nlmsgerr *)nlmsg_data(nlh))->error);
				continue;
			}
			if (parse_request(nlh, &id, &rd))
				_exit(7);
			say(out, "request %llu\n", (unsigned long long)id);
			if (mode == CRASH)
				_exit(0);
			if (mode == SILENT)
				continue;
			if (mode == LATE)
				usleep(1500 * 1000);
			if (mode == STRAY_FIRST)
				answer(sk, family, mode, id + 1000, rd);
			answer(sk, family, mode, id, rd);
			if (mode == TWICE)
				answer(sk, family, mode, id, rd);
		}
		free(data);
	}
}

#define TIMEOUT_PARAM	"/sys/module/twi/parameters/evidence_timeout_ms"

/* Set twi.ko's evidence_timeout_ms. */
static inline int set_timeout_ms(unsigned int ms)
{
	FILE *f = fopen(TIMEOUT_PARAM, "w");
	int ret;

	if (!f)
		return -errno;
	ret = fprintf(f, "%u\n", ms) > 0 ? 0 : -EIO;
	return fclose(f) ? -errno : ret;
}

struct provider {
	pid_t pid;
	FILE *out;
};

/* Next line from the provider, waiting up to 10 s; "" at its end. */
static inline const char *provider_line(struct provider *p)
{
	static char line[64];
	struct pollfd pfd = { .fd = fileno(p->out), .events = POLLIN };

	if (poll(&pfd, 1, 10000) <= 0 || !fgets(line, sizeof(line), p->out))
		return "";
	line[strcspn(line, "\n")] = '\0';
	return line;
}

static inline int provider_start(struct provider *p, enum mode mode)
{
	int fds[2];

	if (pipe(fds))
		return -errno;
	p->pid = fork();
	if (p->pid < 0)
		return -errno;
	if (!p->pid) {
		/* never outlive the test, whatever way it ends */
		prctl(PR_SET_PDEATHSIG, SIGKILL);
		close(fds[0]);
		provider_main(mode, fds[1]);
		_exit(0);
	}
	close(fds[1]);
	p->out = fdopen(fds[0], "r");
	setvbuf(p->out, NULL, _IONBF, 0);
	if (strcmp(provider_line(p), "registered"))
		return -EBUSY;
	return 0;
}

/* Stop the provider; its registration drops with its socket. */
static inline void provider_stop(struct provider *p)
{
	if (p->pid > 0) {
		kill(p->pid, SIGKILL);
		waitpid(p->pid, NULL, 0);
	}
	if (p->out)
		fclose(p->out);
	p->pid = 0;
	p->out = NULL;
}

#endif /* TWI_PROVIDER_UTIL_H */
