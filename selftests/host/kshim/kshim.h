/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Forced include (-include) for building pure-C kernel files of twi on the
 * host: the kernel's fixed-width types.  <linux/errno.h>, <linux/kernel.h>
 * and <linux/types.h> resolve to the uapi headers in /usr/include, which
 * give the errnos; linux/string.h, absent there, is in this directory.
 *
 * The declaration below repeats the kernel's with the same types, so a
 * change of its signature in kmod/credential.h breaks this build instead of
 * the host programs silently calling it wrongly.
 */
#ifndef _TWI_KSHIM_H
#define _TWI_KSHIM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef uint8_t u8;
typedef uint16_t u16;
typedef uint32_t u32;
typedef uint64_t u64;

int twi_evidence_check(u32 tee, const u8 *report, size_t len,
		       const u8 *report_data);

#endif /* _TWI_KSHIM_H */
