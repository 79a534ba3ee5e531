/* SPDX-License-Identifier: GPL-2.0 */
/*
 * libtwi: the userspace side of the "twi" generic netlink family.  All of
 * twid's and twictl's netlink traffic goes through this small API.
 *
 * Functions return 0 or a negative errno: the kernel's own error for a
 * refused request, or -ENOENT when the family is not registered (twi.ko is
 * not loaded).
 */
#ifndef LIBTWI_H
#define LIBTWI_H

#include <stddef.h>
#include <stdint.h>
#include <linux/twi.h>

struct nlmsghdr;
struct nl_msg;
struct twi_nl;

struct twi_info {
	char version[32];
	uint32_t keys;
	uint32_t workloads;	/* 0 from a module without workloads */
};

int twi_nl_open(struct twi_nl **nlp);
void twi_nl_close(struct twi_nl *nl);
int twi_nl_family(const struct twi_nl *nl);

/* A request for @cmd to fill in, and its transaction (consumes @msg). */
struct nl_msg *twi_nl_msg(const struct twi_nl *nl, uint8_t cmd);
int twi_nl_send(struct twi_nl *nl, struct nl_msg *msg);

int twi_nl_get_info(struct twi_nl *nl, struct twi_info *info);
int twi_parse_info(const struct nlmsghdr *nlh, struct twi_info *info);

/*
 * Workloads.  A cgroup is named by its path from the root of the caller's
 * cgroup namespace ("/a/b"; a leading "/sys/fs/cgroup" is dropped), or by
 * its id when the path is NULL.
 */
struct twi_cgroup {
	const char *path;
	uint64_t id;
};

struct twi_claim {
	char key[TWI_CLAIM_KEY_MAX + 1];
	char value[TWI_CLAIM_VALUE_MAX + 1];
};

struct twi_log_event {
	uint32_t type;
	uint8_t digest[TWI_DIGEST_LEN];
	char description[TWI_EVENT_DESC_MAX + 1];
};

/* A workload as the kernel reports it; events only from twi_workload_get. */
struct twi_workload_info {
	uint64_t cgroup_id;
	char cgroup_path[4096];
	char identifier[TWI_IDENTIFIER_MAX + 1];
	uint32_t n_claims;
	struct twi_claim claims[TWI_CLAIMS_MAX];
	uint32_t flags;
	uint32_t keys;
	uint32_t n_events;
	uint8_t log_digest[TWI_DIGEST_LEN];
	uint32_t n_log;
	struct twi_log_event log[TWI_EVENTS_MAX];
};

int twi_workload_add(struct twi_nl *nl, const struct twi_cgroup *cg,
		     const char *identifier, const struct twi_claim *claims,
		     uint32_t n_claims);
int twi_workload_del(struct twi_nl *nl, const struct twi_cgroup *cg);
int twi_workload_get(struct twi_nl *nl, const struct twi_cgroup *cg,
		     struct twi_workload_info *info);
int twi_workload_list(struct twi_nl *nl,
		      int (*fn)(const struct twi_workload_info *info, void *arg),
		      void *arg);
int twi_workload_measure(struct twi_nl *nl, const struct twi_cgroup *cg,
			 const struct twi_log_event *ev, uint32_t flags);
int twi_parse_workload(const struct nlmsghdr *nlh,
		       struct twi_workload_info *info);

/* Helpers for requests built by hand (tests) and for CLI arguments. */
int twi_put_cgroup(struct nl_msg *msg, const struct twi_cgroup *cg);
int twi_parse_claim_arg(const char *arg, struct twi_claim *claim);
const char *twi_event_type_name(uint32_t type);
int twi_event_type_parse(const char *name, uint32_t *type);

/*
 * Notifications: a socket joined to the "events" group, and the next
 * notification on it within @timeout_ms (-ETIMEDOUT otherwise).
 */
struct twi_notification {
	uint8_t cmd;
	uint64_t cgroup_id;
	char identifier[TWI_IDENTIFIER_MAX + 1];
	uint32_t key_serial;
};

int twi_nl_open_events(struct twi_nl **nlp);
int twi_nl_next_notification(struct twi_nl *nl, struct twi_notification *n,
			     int timeout_ms);

/*
 * Key credentials (TWI_CMD_KEY_GET, TWI_CMD_KEY_ATTEST).  The buffers are
 * malloc'ed; twi_key_credential_free() releases them.  evidence and aux
 * are NULL when the reply has none.
 */
struct twi_key_credential {
	uint32_t serial;
	uint64_t cgroup_id;
	uint32_t tee;			/* enum twi_tee */
	uint8_t *statement;
	size_t statement_len;
	uint8_t *evidence;
	size_t evidence_len;
	uint8_t *aux;
	size_t aux_len;
};

int twi_key_get(struct twi_nl *nl, uint32_t serial,
		struct twi_key_credential *kc);
int twi_key_attest(struct twi_nl *nl, uint32_t serial, const uint8_t *nonce,
		   size_t nonce_len, struct twi_key_credential *kc);
int twi_parse_key_credential(const struct nlmsghdr *nlh,
			     struct twi_key_credential *kc);
void twi_key_credential_free(struct twi_key_credential *kc);

/*
 * The evidence provider (twid).  After twi_provider_register() the socket
 * receives TWI_CMD_EVIDENCE_REQUEST messages; twi_provider_receive() reads
 * what is waiting, without blocking, and calls @request for each request
 * and @answered with the kernel's verdict (0 or a negative errno) on each
 * answer, named by the sequence number twi_evidence_answer() returned.
 * Answers go out on the same socket; they do not wait for their ack.
 */
struct twi_evidence_request {
	uint64_t id;
	uint8_t report_data[TWI_REPORT_DATA_LEN];
};

struct twi_provider_ops {
	void (*request)(const struct twi_evidence_request *req, void *arg);
	void (*answered)(uint32_t seq, int err, void *arg);
	void (*malformed)(void *arg);
};

struct twi_evidence {
	uint32_t tee;			/* enum twi_tee, not TWI_TEE_NONE */
	const uint8_t *report;
	size_t report_len;
	const uint8_t *aux;		/* NULL: no aux attribute */
	size_t aux_len;
};

int twi_provider_register(struct twi_nl *nl);
int twi_provider_fd(const struct twi_nl *nl);
int twi_provider_receive(struct twi_nl *nl, const struct twi_provider_ops *ops,
			 void *arg);
int twi_evidence_answer(struct twi_nl *nl, uint64_t id,
			const struct twi_evidence *ev, uint32_t *seq);
int twi_evidence_refuse(struct twi_nl *nl, uint64_t id, int err,
			uint32_t *seq);
int twi_parse_evidence_request(const struct nlmsghdr *nlh,
			       struct twi_evidence_request *req);

#endif /* LIBTWI_H */
