/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * twi: Trustworthy Workload Identity for Linux confidential VMs.
 *
 * This header is the contract between twi.ko and userspace: the options of
 * the "twi" key type and the "twi" generic netlink family.
 *
 * Key type "twi"
 * ==============
 *
 * A twi key holds an ECDSA private key generated in the kernel, which no
 * interface ever returns.  Userspace creates one with add_key(2)::
 *
 *	keyctl add twi NAME "OPTIONS" KEYRING
 *
 * and uses it only through keyctl_pkey_query/sign/verify(2).  See
 * Documentation/keys.rst for OPTIONS and the errors of each operation.
 *
 * Generic netlink family "twi"
 * ============================
 *
 * Resolve the family by name (TWI_GENL_NAME).  Every command checks its
 * attributes strictly: unknown attributes, wrong lengths and unknown
 * commands are rejected.
 *
 * TWI_CMD_GET_INFO
 *	Request: no attributes.
 *	Reply::
 *
 *		TWI_A_INFO_VERSION	string, the module version
 *		TWI_A_INFO_KEYS		u32, twi keys currently alive
 *		TWI_A_INFO_WORKLOADS	u32, workloads registered
 *
 *	Errors: -EINVAL if attributes are given, -EOPNOTSUPP for a dump,
 *	-ENOMEM.
 *
 * Workload registry
 * -----------------
 *
 * A workload is a cgroup v2 registered with an identifier (a URI such as
 * spiffe://example.org/web), claims (key/value strings) and a measurement
 * log.  The workload of a process is the nearest registered ancestor of
 * its cgroup (or its cgroup itself).  See Documentation/workloads.rst.
 *
 * The workload commands need CAP_NET_ADMIN in the initial user namespace,
 * held both by the sender and by the opener of the socket; the core
 * checks it before the attributes, so an unprivileged caller gets -EPERM
 * whatever it sends.  They work from any network namespace (the registry
 * is as global as the cgroup hierarchy); a cgroup path is resolved in the
 * caller's cgroup namespace.  Notifications go to the "events" multicast
 * group (TWI_GENL_MCGRP_EVENTS) of the initial network namespace only;
 * joining it needs CAP_NET_ADMIN there.
 *
 * Every command below may also fail, in this order and before the errors
 * it lists, with -EPERM (capability), -EINVAL (an attribute of the wrong
 * type or length, an unknown attribute or flag bit, a nest without
 * NLA_F_NESTED), -ERANGE (an event type out of range, a digest of the
 * wrong length) and -ENOMEM.
 *
 * TWI_CMD_WORKLOAD_NEW
 *	Request::
 *
 *		TWI_A_WORKLOAD_CGROUP_ID	u64   } exactly one
 *		TWI_A_WORKLOAD_CGROUP_PATH	string}
 *		TWI_A_WORKLOAD_IDENTIFIER	string, a URI, required
 *		TWI_A_WORKLOAD_CLAIM		nest, repeated, optional
 *			TWI_A_CLAIM_KEY		string [A-Za-z0-9._-]+
 *			TWI_A_CLAIM_VALUE	string, printable ASCII
 *
 *	Reply: none (ack).  Notification: TWI_CMD_WORKLOAD_NEW_NTF with
 *	CGROUP_ID and IDENTIFIER.
 *
 *	Errors: -EINVAL for a missing identifier, neither or both cgroup
 *	attributes, an identifier that is not a URI, a malformed claim or a
 *	repeated claim key; -E2BIG for more than TWI_CLAIMS_MAX claims;
 *	-ENOENT if no such cgroup exists (in the caller's cgroup namespace),
 *	-ENOTDIR if the path names a file; -EEXIST if the cgroup is already
 *	a workload; -ENOSPC if the registry holds max_workloads workloads.
 *
 * TWI_CMD_WORKLOAD_DEL
 *	Request: TWI_A_WORKLOAD_CGROUP_ID or TWI_A_WORKLOAD_CGROUP_PATH.
 *	Reply: none (ack).  The workload's keys are revoked.  Notification:
 *	TWI_CMD_WORKLOAD_DEL_NTF with CGROUP_ID and IDENTIFIER.
 *
 *	Errors: -EINVAL for neither or both cgroup attributes; -ENOENT if the
 *	cgroup does not exist or is not a workload; -ENOTDIR as above.
 *
 * TWI_CMD_WORKLOAD_GET
 *	Request (do): TWI_A_WORKLOAD_CGROUP_ID or TWI_A_WORKLOAD_CGROUP_PATH.
 *	Request (dump): no attributes.
 *	Reply, one message per workload::
 *
 *		TWI_A_WORKLOAD_CGROUP_ID	u64
 *		TWI_A_WORKLOAD_CGROUP_PATH	string, in the caller's cgroup
 *						namespace (absent if outside)
 *		TWI_A_WORKLOAD_IDENTIFIER	string
 *		TWI_A_WORKLOAD_CLAIM		nest, repeated
 *			TWI_A_CLAIM_KEY		string
 *			TWI_A_CLAIM_VALUE	string
 *		TWI_A_WORKLOAD_FLAGS		u32, TWI_WORKLOAD_F_*
 *		TWI_A_WORKLOAD_KEYS		u32, live keys of the workload
 *		TWI_A_WORKLOAD_EVENTS		u32, events in the log
 *		TWI_A_WORKLOAD_LOG_DIGEST	32 bytes, see TWI_CMD_WORKLOAD_MEASURE
 *		TWI_A_WORKLOAD_EVENT		nest, repeated, do only
 *			TWI_A_EVENT_TYPE	u32, enum twi_event_type
 *			TWI_A_EVENT_DIGEST	32 bytes (SHA-256)
 *			TWI_A_EVENT_DESCRIPTION	string
 *
 *	A dump leaves out the events; a get lists them in log order.
 *	Workloads whose cgroup was removed are dropped, not listed.
 *
 *	Errors (do): -EINVAL, -ENOENT, -ENOTDIR as for TWI_CMD_WORKLOAD_DEL.
 *	Errors (dump): -EINVAL if attributes are given.
 *
 * TWI_CMD_WORKLOAD_MEASURE
 *	Request::
 *
 *		TWI_A_WORKLOAD_CGROUP_ID	u64   } exactly one
 *		TWI_A_WORKLOAD_CGROUP_PATH	string}
 *		TWI_A_WORKLOAD_EVENT		nest, required, once
 *			TWI_A_EVENT_TYPE	u32, required, enum twi_event_type
 *			TWI_A_EVENT_DIGEST	32 bytes, required
 *			TWI_A_EVENT_DESCRIPTION	string, optional
 *			TWI_A_EVENT_FLAGS	u32, TWI_EVENT_F_*, optional
 *
 *	Appends the event to the workload's log and extends the log digest:
 *	D(0) is 32 zero bytes and D(n) = SHA-256(D(n-1) || type as 4 bytes
 *	big-endian || digest || description length as 1 byte ||
 *	description).  TWI_EVENT_F_SEAL seals the log after this event.
 *
 *	Errors: -EINVAL for neither or both cgroup attributes, a missing or
 *	repeated event, a missing type or digest, a description that is not
 *	printable ASCII; -ENOENT, -ENOTDIR as for TWI_CMD_WORKLOAD_DEL;
 *	-EROFS if the log is sealed; -ENOSPC if the log holds
 *	TWI_EVENTS_MAX events.
 *
 * Credentials and evidence
 * ------------------------
 *
 * Every twi key carries a credential: a statement (deterministic CBOR,
 * Documentation/credential.rst) and, unless the key was made with
 * attest=none, TEE evidence whose report_data is SHA-512(statement).  The
 * kernel gets the evidence from the evidence provider (twid) while the key
 * is created, and checks report_data itself before it attaches it.
 *
 * TWI_CMD_PROVIDER_REGISTER
 *	Request: no attributes.  Makes the sending socket the evidence
 *	provider until it closes.  Needs CAP_NET_ADMIN in the initial user
 *	namespace.  The kernel then sends the socket TWI_CMD_EVIDENCE_REQUEST
 *	messages (unicast, never acknowledged) and waits for one
 *	TWI_CMD_EVIDENCE_ANSWER to each.
 *
 *	Errors: -EPERM, -EINVAL if attributes are given, -EBUSY if another
 *	socket is the provider.
 *
 * TWI_CMD_EVIDENCE_REQUEST (kernel to provider)
 *	Attributes::
 *
 *		TWI_A_EVIDENCE_REQUEST_ID	u64, echo it in the answer
 *		TWI_A_EVIDENCE_REPORT_DATA	64 bytes, for the TEE report
 *
 * TWI_CMD_EVIDENCE_ANSWER (provider to kernel)
 *	Request::
 *
 *		TWI_A_EVIDENCE_REQUEST_ID	u64, required
 *		TWI_A_EVIDENCE_TEE		u32, enum twi_tee  } or
 *		TWI_A_EVIDENCE_REPORT		binary, the report }
 *		TWI_A_EVIDENCE_AUX		binary, optional   }
 *		TWI_A_EVIDENCE_ERROR		u32, a positive errno: the
 *						provider could not get evidence
 *
 *	Only the registered provider's socket may answer.  A report is an
 *	SEV-SNP ATTESTATION_REPORT, a TDX quote (v4 or v5) or a CCA token;
 *	aux is what the TEE returned beside it (the SNP certificate table).
 *
 *	Errors: -EPERM if the sender is not the provider; -EINVAL for a
 *	missing request id, both or neither of REPORT and ERROR, REPORT
 *	without TEE; -ENOENT if no request with that id is waiting (already
 *	answered, timed out, or never sent); -EBADMSG if the report cannot
 *	be parsed or does not carry the requested report_data (the waiting
 *	key creation then fails with -EBADMSG too); -ENOMEM if the kernel
 *	could not take the answer (the waiting key creation then fails with
 *	-ENOMEM too; an answer lost before the module saw it, with -ENOMEM
 *	or -ENOBUFS from netlink itself, leaves the creation to time out).
 *
 * TWI_CMD_KEY_GET
 *	Request: TWI_A_KEY_SERIAL.
 *	Reply::
 *
 *		TWI_A_KEY_SERIAL		u32
 *		TWI_A_KEY_CGROUP_ID		u64, the key's workload
 *		TWI_A_KEY_STATEMENT		binary, deterministic CBOR
 *		TWI_A_KEY_TEE			u32, enum twi_tee (NONE if
 *						unattested)
 *		TWI_A_KEY_EVIDENCE		binary, absent if unattested
 *		TWI_A_KEY_AUX			binary, absent if none
 *
 *	The caller needs View permission on the key as its user, group or
 *	other (possession is not considered); no capability is needed.
 *
 *	Errors: -EINVAL for a missing serial; -ENOKEY if no twi key has that
 *	serial; -EACCES without View permission; -EKEYREVOKED if the key is
 *	revoked.
 *
 * TWI_CMD_KEY_ATTEST
 *	Request::
 *
 *		TWI_A_KEY_SERIAL		u32, required
 *		TWI_A_KEY_NONCE			1 to TWI_NONCE_MAX bytes, optional
 *
 *	Reply: as TWI_CMD_KEY_GET, with a new statement (new credential id,
 *	issue time and the nonce) and fresh evidence over it.  The key and
 *	its stored credential are not changed.  The caller needs View
 *	permission and must pass the key's binding check (be in its
 *	workload, and its executable or process for bind=exe or
 *	bind=process).
 *
 *	Errors: those of TWI_CMD_KEY_GET, the binding errors of
 *	Documentation/keys.rst, and the evidence errors of key creation:
 *	-ENODEV (no provider), -ETIMEDOUT, -ECONNRESET, -EIO, -EBADMSG,
 *	-EINTR.
 *
 * Notifications
 * -------------
 *
 * TWI_CMD_WORKLOAD_NEW_NTF, TWI_CMD_WORKLOAD_DEL_NTF, TWI_CMD_KEY_NEW and
 * TWI_CMD_KEY_DEL are never requests (-EOPNOTSUPP).  The workload ones
 * carry TWI_A_WORKLOAD_CGROUP_ID and TWI_A_WORKLOAD_IDENTIFIER.  The key
 * ones are sent when a twi key is created and when it is revoked or
 * destroyed (once), with TWI_A_KEY_SERIAL (u32, the key's serial number)
 * and TWI_A_KEY_CGROUP_ID (u64, its workload's cgroup).
 */
#ifndef _UAPI_LINUX_TWI_H
#define _UAPI_LINUX_TWI_H

#define TWI_KEY_TYPE		"twi"

#define TWI_GENL_NAME		"twi"
#define TWI_GENL_VERSION	1

#define TWI_GENL_MCGRP_EVENTS	"events"

/**
 * enum twi_limits - sizes of workload registry objects
 * @TWI_IDENTIFIER_MAX: longest identifier, in bytes without the NUL
 * @TWI_CLAIMS_MAX: most claims of one workload
 * @TWI_CLAIM_KEY_MAX: longest claim key, in bytes without the NUL
 * @TWI_CLAIM_VALUE_MAX: longest claim value, in bytes without the NUL
 * @TWI_EVENTS_MAX: most events in one measurement log
 * @TWI_EVENT_DESC_MAX: longest event description, in bytes without the NUL
 * @TWI_DIGEST_LEN: length of an event digest and of the log digest
 * @TWI_REPORT_DATA_LEN: length of report_data, SHA-512 of the statement
 * @TWI_NONCE_MAX: longest caller nonce in a statement
 * @TWI_EVIDENCE_MAX: largest TEE report, quote or token accepted
 * @TWI_AUX_MAX: largest auxiliary blob accepted
 */
enum twi_limits {
	TWI_IDENTIFIER_MAX	= 255,
	TWI_CLAIMS_MAX		= 32,
	TWI_CLAIM_KEY_MAX	= 63,
	TWI_CLAIM_VALUE_MAX	= 255,
	TWI_EVENTS_MAX		= 128,
	TWI_EVENT_DESC_MAX	= 63,
	TWI_DIGEST_LEN		= 32,
	TWI_REPORT_DATA_LEN	= 64,
	TWI_NONCE_MAX		= 64,
	TWI_EVIDENCE_MAX	= 32768,
	TWI_AUX_MAX		= 32768,
};

/**
 * enum twi_cmd - generic netlink commands of the "twi" family
 * @TWI_CMD_UNSPEC: unused
 * @TWI_CMD_GET_INFO: report the module version and the number of live keys
 * @TWI_CMD_WORKLOAD_NEW: register a workload
 * @TWI_CMD_WORKLOAD_DEL: delete a workload, revoking its keys
 * @TWI_CMD_WORKLOAD_GET: get one workload, or dump all
 * @TWI_CMD_WORKLOAD_MEASURE: append an event to a workload's log
 * @TWI_CMD_KEY_NEW: notification only: a twi key was created
 * @TWI_CMD_KEY_DEL: notification only: a twi key was revoked or destroyed
 * @TWI_CMD_WORKLOAD_NEW_NTF: notification only: a workload was registered
 * @TWI_CMD_WORKLOAD_DEL_NTF: notification only: a workload was deleted, or
 *	dropped after its cgroup was removed
 * @TWI_CMD_PROVIDER_REGISTER: make this socket the evidence provider
 * @TWI_CMD_EVIDENCE_REQUEST: kernel to provider: get evidence
 * @TWI_CMD_EVIDENCE_ANSWER: provider to kernel: the evidence, or an error
 * @TWI_CMD_KEY_GET: get a key's credential
 * @TWI_CMD_KEY_ATTEST: new statement and evidence for a key, with a nonce
 */
enum twi_cmd {
	TWI_CMD_UNSPEC,
	TWI_CMD_GET_INFO,
	TWI_CMD_WORKLOAD_NEW,
	TWI_CMD_WORKLOAD_DEL,
	TWI_CMD_WORKLOAD_GET,
	TWI_CMD_WORKLOAD_MEASURE,
	TWI_CMD_KEY_NEW,
	TWI_CMD_KEY_DEL,
	TWI_CMD_WORKLOAD_NEW_NTF,
	TWI_CMD_WORKLOAD_DEL_NTF,
	TWI_CMD_PROVIDER_REGISTER,
	TWI_CMD_EVIDENCE_REQUEST,
	TWI_CMD_EVIDENCE_ANSWER,
	TWI_CMD_KEY_GET,
	TWI_CMD_KEY_ATTEST,

	__TWI_CMD_MAX
};
#define TWI_CMD_MAX (__TWI_CMD_MAX - 1)

/**
 * enum twi_attr_info - attributes of a TWI_CMD_GET_INFO reply
 * @TWI_A_INFO_UNSPEC: unused
 * @TWI_A_INFO_VERSION: NUL-terminated module version
 * @TWI_A_INFO_KEYS: u32, number of twi keys currently alive
 * @TWI_A_INFO_WORKLOADS: u32, number of workloads in the registry (removed
 *	cgroups' workloads included until they are collected)
 */
enum twi_attr_info {
	TWI_A_INFO_UNSPEC,
	TWI_A_INFO_VERSION,
	TWI_A_INFO_KEYS,
	TWI_A_INFO_WORKLOADS,

	__TWI_A_INFO_MAX
};
#define TWI_A_INFO_MAX (__TWI_A_INFO_MAX - 1)

/**
 * enum twi_attr_workload - attributes of the TWI_CMD_WORKLOAD_* commands
 * @TWI_A_WORKLOAD_UNSPEC: unused
 * @TWI_A_WORKLOAD_CGROUP_ID: u64, the cgroup v2 id (its directory's inode
 *	number, or the handle from name_to_handle_at(2))
 * @TWI_A_WORKLOAD_CGROUP_PATH: NUL-terminated path of the cgroup from the
 *	root of the caller's cgroup namespace, at most PATH_MAX - 1 bytes
 * @TWI_A_WORKLOAD_IDENTIFIER: NUL-terminated URI, 1 to TWI_IDENTIFIER_MAX
 *	bytes: a scheme (a letter, then letters, digits, '+', '-', '.'), ':',
 *	then printable ASCII without spaces
 * @TWI_A_WORKLOAD_CLAIM: nest of enum twi_attr_claim, repeated
 * @TWI_A_WORKLOAD_FLAGS: u32, TWI_WORKLOAD_F_* (replies only)
 * @TWI_A_WORKLOAD_KEYS: u32, live keys of the workload (replies only)
 * @TWI_A_WORKLOAD_EVENTS: u32, events in the log (replies only)
 * @TWI_A_WORKLOAD_LOG_DIGEST: TWI_DIGEST_LEN bytes (replies only)
 * @TWI_A_WORKLOAD_EVENT: nest of enum twi_attr_event
 * @TWI_A_WORKLOAD_PAD: padding for 64-bit attributes, refused
 */
enum twi_attr_workload {
	TWI_A_WORKLOAD_UNSPEC,
	TWI_A_WORKLOAD_CGROUP_ID,
	TWI_A_WORKLOAD_CGROUP_PATH,
	TWI_A_WORKLOAD_IDENTIFIER,
	TWI_A_WORKLOAD_CLAIM,
	TWI_A_WORKLOAD_FLAGS,
	TWI_A_WORKLOAD_KEYS,
	TWI_A_WORKLOAD_EVENTS,
	TWI_A_WORKLOAD_LOG_DIGEST,
	TWI_A_WORKLOAD_EVENT,
	TWI_A_WORKLOAD_PAD,

	__TWI_A_WORKLOAD_MAX
};
#define TWI_A_WORKLOAD_MAX (__TWI_A_WORKLOAD_MAX - 1)

/**
 * enum twi_attr_claim - attributes of a TWI_A_WORKLOAD_CLAIM nest
 * @TWI_A_CLAIM_UNSPEC: unused
 * @TWI_A_CLAIM_KEY: NUL-terminated, 1 to TWI_CLAIM_KEY_MAX bytes of
 *	[A-Za-z0-9._-]
 * @TWI_A_CLAIM_VALUE: NUL-terminated, 0 to TWI_CLAIM_VALUE_MAX bytes of
 *	printable ASCII
 */
enum twi_attr_claim {
	TWI_A_CLAIM_UNSPEC,
	TWI_A_CLAIM_KEY,
	TWI_A_CLAIM_VALUE,

	__TWI_A_CLAIM_MAX
};
#define TWI_A_CLAIM_MAX (__TWI_A_CLAIM_MAX - 1)

/**
 * enum twi_attr_event - attributes of a TWI_A_WORKLOAD_EVENT nest
 * @TWI_A_EVENT_UNSPEC: unused
 * @TWI_A_EVENT_TYPE: u32, enum twi_event_type
 * @TWI_A_EVENT_DIGEST: TWI_DIGEST_LEN bytes, the SHA-256 of what was
 *	measured
 * @TWI_A_EVENT_DESCRIPTION: NUL-terminated, 0 to TWI_EVENT_DESC_MAX bytes of
 *	printable ASCII
 * @TWI_A_EVENT_FLAGS: u32, TWI_EVENT_F_* (requests only)
 */
enum twi_attr_event {
	TWI_A_EVENT_UNSPEC,
	TWI_A_EVENT_TYPE,
	TWI_A_EVENT_DIGEST,
	TWI_A_EVENT_DESCRIPTION,
	TWI_A_EVENT_FLAGS,

	__TWI_A_EVENT_MAX
};
#define TWI_A_EVENT_MAX (__TWI_A_EVENT_MAX - 1)

/**
 * enum twi_attr_key - attributes of the TWI_CMD_KEY_* commands
 * @TWI_A_KEY_UNSPEC: unused
 * @TWI_A_KEY_SERIAL: u32, the key's serial number
 * @TWI_A_KEY_CGROUP_ID: u64, the cgroup id of the key's workload
 * @TWI_A_KEY_PAD: padding for 64-bit attributes
 * @TWI_A_KEY_STATEMENT: binary, the statement (deterministic CBOR)
 * @TWI_A_KEY_TEE: u32, enum twi_tee
 * @TWI_A_KEY_EVIDENCE: binary, the TEE report, quote or token
 * @TWI_A_KEY_AUX: binary, the auxiliary blob that came with it
 * @TWI_A_KEY_NONCE: binary, 1 to TWI_NONCE_MAX bytes (TWI_CMD_KEY_ATTEST)
 */
enum twi_attr_key {
	TWI_A_KEY_UNSPEC,
	TWI_A_KEY_SERIAL,
	TWI_A_KEY_CGROUP_ID,
	TWI_A_KEY_PAD,
	TWI_A_KEY_STATEMENT,
	TWI_A_KEY_TEE,
	TWI_A_KEY_EVIDENCE,
	TWI_A_KEY_AUX,
	TWI_A_KEY_NONCE,

	__TWI_A_KEY_MAX
};
#define TWI_A_KEY_MAX (__TWI_A_KEY_MAX - 1)

/**
 * enum twi_attr_evidence - attributes of the evidence provider commands
 * @TWI_A_EVIDENCE_UNSPEC: unused
 * @TWI_A_EVIDENCE_REQUEST_ID: u64, names one request
 * @TWI_A_EVIDENCE_REPORT_DATA: TWI_REPORT_DATA_LEN bytes
 * @TWI_A_EVIDENCE_TEE: u32, enum twi_tee other than TWI_TEE_NONE
 * @TWI_A_EVIDENCE_REPORT: binary, 1 to TWI_EVIDENCE_MAX bytes
 * @TWI_A_EVIDENCE_AUX: binary, 0 to TWI_AUX_MAX bytes
 * @TWI_A_EVIDENCE_ERROR: u32, a positive errno from the provider
 * @TWI_A_EVIDENCE_PAD: padding for 64-bit attributes
 */
enum twi_attr_evidence {
	TWI_A_EVIDENCE_UNSPEC,
	TWI_A_EVIDENCE_REQUEST_ID,
	TWI_A_EVIDENCE_REPORT_DATA,
	TWI_A_EVIDENCE_TEE,
	TWI_A_EVIDENCE_REPORT,
	TWI_A_EVIDENCE_AUX,
	TWI_A_EVIDENCE_ERROR,
	TWI_A_EVIDENCE_PAD,

	__TWI_A_EVIDENCE_MAX
};
#define TWI_A_EVIDENCE_MAX (__TWI_A_EVIDENCE_MAX - 1)

/**
 * enum twi_tee - the kind of TEE evidence
 * @TWI_TEE_NONE: no evidence: the key was made with attest=none
 * @TWI_TEE_SNP: AMD SEV-SNP ATTESTATION_REPORT (1184 bytes); aux is the
 *	certificate table of SNP_GET_EXT_REPORT or configfs-tsm's auxblob
 * @TWI_TEE_TDX: Intel TDX quote, version 4 or 5
 * @TWI_TEE_CCA: Arm CCA attestation token (CBOR tag 399)
 */
enum twi_tee {
	TWI_TEE_NONE,
	TWI_TEE_SNP,
	TWI_TEE_TDX,
	TWI_TEE_CCA,

	__TWI_TEE_MAX
};
#define TWI_TEE_MAX (__TWI_TEE_MAX - 1)

/**
 * enum twi_event_type - what a measurement event measured
 * @TWI_EVENT_UNSPEC: unused, refused
 * @TWI_EVENT_IMAGE: a container or VM image (e.g. its manifest digest)
 * @TWI_EVENT_CONFIG: configuration the workload was started with
 * @TWI_EVENT_FILE: a file the workload loaded
 * @TWI_EVENT_OTHER: anything else the runtime chose to record
 */
enum twi_event_type {
	TWI_EVENT_UNSPEC,
	TWI_EVENT_IMAGE,
	TWI_EVENT_CONFIG,
	TWI_EVENT_FILE,
	TWI_EVENT_OTHER,

	__TWI_EVENT_MAX
};
#define TWI_EVENT_MAX (__TWI_EVENT_MAX - 1)

/**
 * enum twi_workload_flags - state of a workload, in TWI_A_WORKLOAD_FLAGS
 * @TWI_WORKLOAD_F_SEALED: its measurement log takes no more events
 * @TWI_WORKLOAD_F_ALL: every flag defined
 */
enum twi_workload_flags {
	TWI_WORKLOAD_F_SEALED	= 1U << 0,

	TWI_WORKLOAD_F_ALL	= TWI_WORKLOAD_F_SEALED,
};

/**
 * enum twi_event_flags - options of a measurement, in TWI_A_EVENT_FLAGS
 * @TWI_EVENT_F_SEAL: seal the log after this event
 * @TWI_EVENT_F_ALL: every flag defined; other bits are refused
 */
enum twi_event_flags {
	TWI_EVENT_F_SEAL	= 1U << 0,

	TWI_EVENT_F_ALL		= TWI_EVENT_F_SEAL,
};

#endif /* _UAPI_LINUX_TWI_H */
