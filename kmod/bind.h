/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Binding of a twi key to the workload, executable or process that made it.
 */
#ifndef _TWI_BIND_H
#define _TWI_BIND_H

#include <linux/types.h>

#include "workload.h"

struct pid;

enum twi_bind_mode {
	TWI_BIND_WORKLOAD,
	TWI_BIND_EXE,
	TWI_BIND_PROCESS,
};

/* What identifies an executable file without reading it. */
struct twi_exe_id {
	dev_t dev;
	unsigned long ino;
	u32 generation;
	struct timespec64 ctime;
	loff_t size;
};

/**
 * struct twi_binding - what a key is bound to
 * @mode: TWI_BIND_*
 * @w: the workload, referenced
 * @bk: the key's entry in @w's list, for revocation
 * @attached: @bk is in @w's list
 * @tgid: bind=process: the creating process, referenced
 * @start_time: bind=process: its start time (boot-based)
 * @exec_id: bind=process: its exec count at creation
 * @exe: bind=exe: the creator's executable
 * @exe_digest: bind=exe: SHA-256 of its contents
 */
struct twi_binding {
	enum twi_bind_mode mode;
	struct twi_workload *w;
	struct twi_bound_key bk;
	bool attached;
	struct pid *tgid;
	u64 start_time;
	u64 exec_id;
	struct twi_exe_id exe;
	u8 exe_digest[TWI_DIGEST_LEN];
};

int twi_bind_parse(const char *value, enum twi_bind_mode *mode);
const char *twi_bind_name(enum twi_bind_mode mode);
int twi_bind_init(struct twi_binding *b, enum twi_bind_mode mode);
int twi_bind_attach(struct twi_binding *b);
void twi_bind_release(struct twi_binding *b);
int twi_bind_check(const struct twi_binding *b);

#endif /* _TWI_BIND_H */
