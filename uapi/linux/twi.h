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
 */
enum twi_limits {
	TWI_IDENTIFIER_MAX	= 255,
	TWI_CLAIMS_MAX		= 32,
	TWI_CLAIM_KEY_MAX	= 63,
	TWI_CLAIM_VALUE_MAX	= 255,
	TWI_EVENTS_MAX		= 128,
	TWI_EVENT_DESC_MAX	= 63,
	TWI_DIGEST_LEN		= 32,
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
 * enum twi_attr_key - attributes of the TWI_CMD_KEY_* notifications
 * @TWI_A_KEY_UNSPEC: unused
 * @TWI_A_KEY_SERIAL: u32, the key's serial number
 * @TWI_A_KEY_CGROUP_ID: u64, the cgroup id of the key's workload
 * @TWI_A_KEY_PAD: padding for 64-bit attributes
 */
enum twi_attr_key {
	TWI_A_KEY_UNSPEC,
	TWI_A_KEY_SERIAL,
	TWI_A_KEY_CGROUP_ID,
	TWI_A_KEY_PAD,

	__TWI_A_KEY_MAX
};
#define TWI_A_KEY_MAX (__TWI_A_KEY_MAX - 1)

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
