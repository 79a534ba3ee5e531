/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Declarations shared by the parts of twi.ko.
 */
#ifndef _TWI_H
#define _TWI_H

#include <linux/types.h>

#define TWI_VERSION "0.1.0"

int twi_key_init(void);
void twi_key_exit(void);
u32 twi_key_count(void);

struct twi_credential;
int twi_key_credential(u32 serial, bool fresh, const u8 *nonce,
		       size_t nonce_len,
		       int (*emit)(void *ctx, u32 serial, u64 cgroup_id,
				   const struct twi_credential *cred),
		       void *ctx);

int twi_genl_init(void);
void twi_genl_exit(void);

#endif /* _TWI_H */
