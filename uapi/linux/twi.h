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
 *
 *	Errors: -EINVAL if attributes are given, -EOPNOTSUPP for a dump,
 *	-ENOMEM.
 */
#ifndef _UAPI_LINUX_TWI_H
#define _UAPI_LINUX_TWI_H

#define TWI_KEY_TYPE		"twi"

#define TWI_GENL_NAME		"twi"
#define TWI_GENL_VERSION	1

/**
 * enum twi_cmd - generic netlink commands of the "twi" family
 * @TWI_CMD_UNSPEC: unused
 * @TWI_CMD_GET_INFO: report the module version and the number of live keys
 */
enum twi_cmd {
	TWI_CMD_UNSPEC,
	TWI_CMD_GET_INFO,

	__TWI_CMD_MAX
};
#define TWI_CMD_MAX (__TWI_CMD_MAX - 1)

/**
 * enum twi_attr_info - attributes of a TWI_CMD_GET_INFO reply
 * @TWI_A_INFO_UNSPEC: unused
 * @TWI_A_INFO_VERSION: NUL-terminated module version
 * @TWI_A_INFO_KEYS: u32, number of twi keys currently alive
 */
enum twi_attr_info {
	TWI_A_INFO_UNSPEC,
	TWI_A_INFO_VERSION,
	TWI_A_INFO_KEYS,

	__TWI_A_INFO_MAX
};
#define TWI_A_INFO_MAX (__TWI_A_INFO_MAX - 1)

#endif /* _UAPI_LINUX_TWI_H */
