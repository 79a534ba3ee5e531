/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The differences between the kernels twi supports (6.1 to 6.12) that its
 * code meets, each behind one helper.
 */
#ifndef _TWI_COMPAT_H
#define _TWI_COMPAT_H

#include <linux/fs.h>
#include <linux/key.h>
#include <linux/mm_types.h>
#include <linux/rcupdate.h>

/*
 * A reference to the executable of @mm, or NULL.  get_mm_exe_file() is not
 * exported; get_file_rcu() was a macro over a file pointer until 6.7 and
 * takes the __rcu pointer itself since.
 */
static inline struct file *twi_get_exe_file(struct mm_struct *mm)
{
	struct file *exe;

	rcu_read_lock();
#ifdef get_file_rcu
	exe = rcu_dereference(mm->exe_file);
	if (exe && !get_file_rcu(exe))
		exe = NULL;
#else
	exe = get_file_rcu(&mm->exe_file);
#endif
	rcu_read_unlock();
	return exe;
}

/*
 * The keyrings' own permission check (key->perm against the caller's ids,
 * and the LSM hook).  Exported by every kernel twi supports, with this
 * signature since 5.8, but declared only in security/keys/internal.h.
 */
extern int key_task_permission(const key_ref_t key_ref,
			       const struct cred *cred,
			       enum key_need_perm need_perm);

#endif /* _TWI_COMPAT_H */
