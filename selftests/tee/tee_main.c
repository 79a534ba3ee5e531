// SPDX-License-Identifier: GPL-2.0
/*
 * twi_test_tee: the test platform's state, its debugfs controls and the
 * module's life cycle.  Test-only: it hands out reports signed with a key
 * the test wrote into debugfs, so it must never be loaded on a system whose
 * attestation matters.
 *
 * /sys/kernel/debug/twi_test_tee/
 *	vcek		w	the VCEK's private scalar, 48 bytes big-endian
 *	chip_id		w	64 bytes
 *	tcb		rw	the TCB_VERSION as a u64 (little-endian layout)
 *	certs		w	the SNP certificate table (auxblob), appended to
 *				by writes at its end, replaced by a write at 0
 *	version		rw	report version, 2 or 3
 *	fail_next	rw	the next N reports fail with -EIO
 *	delay_ms	rw	each report waits this long first
 *	reports		r	reports made so far
 *
 * Module parameter tsm_provider: "sev_guest" (the default: /dev/sev-guest,
 * and a configfs-tsm provider where the kernel has configfs-tsm),
 * "tdx_guest" or "arm-cca-guest" (only a configfs-tsm provider, with TDX
 * quote or CCA token shells).
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/debugfs.h>
#include <linux/delay.h>
#include <linux/fs.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/random.h>
#include <linux/sched/signal.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/uaccess.h>

#include "tee.h"
#include "twi_ecdsa.h"

enum { P384 = 48 };

static DEFINE_MUTEX(tee_lock);
static struct twi_tee_platform platform;	/* under tee_lock */
static bool have_key;				/* under tee_lock */
static u8 *certs;				/* under tee_lock */
static size_t certs_len;			/* under tee_lock */
static u32 fail_next;				/* under tee_lock */
static u32 delay_ms;
static u64 reports;
static struct dentry *dir;

static char *tsm_provider = "sev_guest";
static enum tee_kind kind;	/* from tsm_provider */
module_param(tsm_provider, charp, 0444);
MODULE_PARM_DESC(tsm_provider,
		 "sev_guest (SNP reports, the default), tdx_guest or arm-cca-guest (TDX quote or CCA token shells, configfs-tsm only)");

static const char *const kind_name[] = {
	[TEE_SEV] = "sev_guest",
	[TEE_TDX] = "tdx_guest",
	[TEE_CCA] = "arm-cca-guest",
};

/* twi_ecdsa_keygen()'s RNG, handing out the scalar written to "vcek". */
static int copy_rng(void *ctx, u8 *buf, size_t len)
{
	memcpy(buf, ctx, len);
	return 0;
}

static ssize_t vcek_write(struct file *file, const char __user *ubuf,
			  size_t len, loff_t *ppos)
{
	u8 scalar[P384], priv[P384], pub[sizeof(platform.pub)];
	int ret;

	if (*ppos || len != sizeof(scalar))
		return -EINVAL;
	if (copy_from_user(scalar, ubuf, len))
		return -EFAULT;
	ret = twi_ecdsa_keygen(TWI_CURVE_P384, copy_rng, scalar, priv, pub);
	memzero_explicit(scalar, sizeof(scalar));
	if (ret)
		return -EINVAL;	/* zero or not below the group order */
	mutex_lock(&tee_lock);
	memcpy(platform.priv, priv, sizeof(priv));
	memcpy(platform.pub, pub, sizeof(pub));
	have_key = true;
	mutex_unlock(&tee_lock);
	memzero_explicit(priv, sizeof(priv));
	*ppos = len;
	return len;
}

static ssize_t chip_id_write(struct file *file, const char __user *ubuf,
			     size_t len, loff_t *ppos)
{
	u8 id[TEE_CHIP_ID_SIZE];

	if (*ppos || len != sizeof(id))
		return -EINVAL;
	if (copy_from_user(id, ubuf, len))
		return -EFAULT;
	mutex_lock(&tee_lock);
	memcpy(platform.chip_id, id, sizeof(id));
	mutex_unlock(&tee_lock);
	*ppos = len;
	return len;
}

static ssize_t certs_write(struct file *file, const char __user *ubuf,
			   size_t len, loff_t *ppos)
{
	size_t off = *ppos;
	ssize_t ret;

	mutex_lock(&tee_lock);
	ret = -EINVAL;
	if (off && off != certs_len)
		goto out_unlock;
	ret = -EFBIG;
	if (len > TEE_CERTS_MAX - off)
		goto out_unlock;
	certs_len = off;
	ret = -EFAULT;
	if (copy_from_user(certs + off, ubuf, len))
		goto out_unlock;
	certs_len = off + len;
	*ppos = certs_len;
	ret = len;
out_unlock:
	mutex_unlock(&tee_lock);
	return ret;
}

static const struct file_operations vcek_fops = {
	.owner = THIS_MODULE,
	.open = simple_open,
	.write = vcek_write,
	.llseek = default_llseek,
};

static const struct file_operations chip_id_fops = {
	.owner = THIS_MODULE,
	.open = simple_open,
	.write = chip_id_write,
	.llseek = default_llseek,
};

static const struct file_operations certs_fops = {
	.owner = THIS_MODULE,
	.open = simple_open,
	.write = certs_write,
	.llseek = default_llseek,
};

/* Sleep for the delay knob; -EINTR if a signal cuts it short. */
static int wait_delay(void)
{
	u32 ms = READ_ONCE(delay_ms);

	if (ms && msleep_interruptible(ms))
		return -EINTR;
	return signal_pending(current) ? -EINTR : 0;
}

static int check_state(void)
{
	lockdep_assert_held(&tee_lock);
	if (fail_next) {
		fail_next--;
		return -EIO;
	}
	if (!have_key)
		return -ENOKEY;
	if (platform.version != 2 && platform.version != 3)
		return -EINVAL;
	return 0;
}

int twi_tee_report(const u8 *data, u32 vmpl, u8 *report)
{
	int ret;

	might_sleep();
	if (vmpl > TEE_VMPL_MAX)
		return -EINVAL;
	ret = wait_delay();
	if (ret)
		return ret;
	mutex_lock(&tee_lock);
	ret = check_state();
	if (!ret)
		ret = twi_tee_sign_report(&platform, data, vmpl, report);
	if (!ret)
		reports++;
	mutex_unlock(&tee_lock);
	return ret;
}

int twi_tee_unsigned(u8 *measurement)
{
	int ret;

	might_sleep();
	ret = wait_delay();
	if (ret)
		return ret;
	mutex_lock(&tee_lock);
	if (fail_next) {
		fail_next--;
		ret = -EIO;
	} else {
		reports++;
		if (measurement)
			memcpy(measurement, platform.measurement,
			       sizeof(platform.measurement));
	}
	mutex_unlock(&tee_lock);
	return ret;
}

int twi_tee_certs(u8 **out, size_t *len)
{
	int ret = 0;

	*out = NULL;
	*len = 0;
	mutex_lock(&tee_lock);
	if (certs_len) {
		*out = kvmalloc(certs_len, GFP_KERNEL);
		if (*out) {
			memcpy(*out, certs, certs_len);
			*len = certs_len;
		} else {
			ret = -ENOMEM;
		}
	}
	mutex_unlock(&tee_lock);
	return ret;
}

static void create_files(void)
{
	dir = debugfs_create_dir(KBUILD_MODNAME, NULL);
	debugfs_create_file("vcek", 0200, dir, NULL, &vcek_fops);
	debugfs_create_file("chip_id", 0200, dir, NULL, &chip_id_fops);
	debugfs_create_file("certs", 0200, dir, NULL, &certs_fops);
	debugfs_create_x64("tcb", 0600, dir, &platform.tcb);
	debugfs_create_u32("version", 0600, dir, &platform.version);
	debugfs_create_u32("fail_next", 0600, dir, &fail_next);
	debugfs_create_u32("delay_ms", 0600, dir, &delay_ms);
	debugfs_create_u64("reports", 0400, dir, &reports);
}

static int __init tee_init(void)
{
	static const char launch[] = "twi test tee launch";
	int ret;

	ret = match_string(kind_name, ARRAY_SIZE(kind_name), tsm_provider);
	if (ret < 0) {
		pr_err("tsm_provider must be sev_guest, tdx_guest or arm-cca-guest, not '%s'\n",
		       tsm_provider);
		return -EINVAL;
	}
	kind = ret;
	ret = twi_ecdsa_init();
	if (ret)
		return ret;
	certs = kvzalloc(TEE_CERTS_MAX, GFP_KERNEL);
	if (!certs)
		return -ENOMEM;
	platform.version = 3;
	get_random_bytes(platform.report_id, sizeof(platform.report_id));
	twi_sha384((const u8 *)launch, sizeof(launch) - 1,
		   platform.measurement);
	create_files();
	/* TDX and CCA guests have no /dev/sev-guest */
	ret = kind == TEE_SEV ? twi_tee_misc_init() : 0;
	if (ret)
		goto err_remove;
	ret = twi_tee_tsm_init(kind);
	if (ret) {
		if (ret == -EOPNOTSUPP)
			pr_err("tsm_provider=%s needs configfs-tsm (CONFIG_TSM_REPORTS)\n",
			       tsm_provider);
		goto err_misc;
	}
	pr_info("loaded: a TEST attestation device, reports prove nothing\n");
	return 0;

err_misc:
	if (kind == TEE_SEV)
		twi_tee_misc_exit();
err_remove:
	debugfs_remove(dir);
	kvfree(certs);
	return ret;
}

static void __exit tee_exit(void)
{
	twi_tee_tsm_exit();
	if (kind == TEE_SEV)
		twi_tee_misc_exit();
	debugfs_remove(dir);
	memzero_explicit(platform.priv, sizeof(platform.priv));
	kvfree(certs);
}

module_init(tee_init);
module_exit(tee_exit);

MODULE_DESCRIPTION("twi test-only SEV-SNP guest device (signs with a test key), or TDX and CCA shells");
MODULE_LICENSE("GPL");
