// SPDX-License-Identifier: GPL-2.0
/*
 * /dev/sev-guest of the test TEE: SNP_GET_REPORT and SNP_GET_EXT_REPORT of
 * <uapi/linux/sev-guest.h>, answered as the sev-guest driver answers them.
 * The response buffer holds the firmware's MSG_REPORT_RSP: status,
 * report size, 24 reserved bytes, then the report.
 */
#include <linux/fs.h>
#include <linux/miscdevice.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/slab.h>
#include <linux/uaccess.h>
#include <uapi/linux/sev-guest.h>

#include "tee.h"

enum {
	RSP_STATUS = 0x0,
	RSP_SIZE = 0x4,
	RSP_REPORT = 0x20,
	FW_INVALID_PARAM = 0x16,	/* SEV-SNP firmware status */
};

static DEFINE_MUTEX(misc_lock);	/* one guest request at a time */

static void put_le32(u8 *p, u32 v)
{
	p[0] = (u8)v;
	p[1] = (u8)(v >> 8);
	p[2] = (u8)(v >> 16);
	p[3] = (u8)(v >> 24);
}

/* The firmware's MSG_REPORT_RSP for req into resp (zeroed by the caller). */
static int report_rsp(const struct snp_report_req *req,
		      struct snp_report_resp *resp)
{
	int ret;

	if (req->vmpl > TEE_VMPL_MAX ||
	    memchr_inv(req->rsvd, 0, sizeof(req->rsvd))) {
		put_le32(resp->data + RSP_STATUS, FW_INVALID_PARAM);
		return 0;
	}
	ret = twi_tee_report(req->user_data, req->vmpl,
			     resp->data + RSP_REPORT);
	if (ret)
		return ret;
	put_le32(resp->data + RSP_SIZE, TEE_REPORT_SIZE);
	return 0;
}

static int get_report(struct snp_guest_request_ioctl *arg)
{
	struct snp_report_resp *resp;
	struct snp_report_req req;
	int ret;

	if (!arg->req_data || !arg->resp_data)
		return -EINVAL;
	if (copy_from_user(&req, u64_to_user_ptr(arg->req_data), sizeof(req)))
		return -EFAULT;
	resp = kzalloc(sizeof(*resp), GFP_KERNEL);
	if (!resp)
		return -ENOMEM;
	ret = report_rsp(&req, resp);
	if (!ret && copy_to_user(u64_to_user_ptr(arg->resp_data), resp,
				 sizeof(*resp)))
		ret = -EFAULT;
	kfree(resp);
	return ret;
}

/*
 * The certificate table into the caller's buffer, or -EIO with the size
 * it needs (whole pages) in certs_len and SNP_GUEST_VMM_ERR_INVALID_LEN:
 * how a guest without a buffer (certs_len 0) learns the size.
 */
static int put_certs(struct snp_guest_request_ioctl *arg,
		     struct snp_ext_report_req *req)
{
	void __user *ureq = u64_to_user_ptr(arg->req_data);
	u8 *certs, *buf;
	size_t len;
	int ret;

	ret = twi_tee_certs(&certs, &len);
	if (ret)
		return ret;
	if (len > req->certs_len) {
		arg->exitinfo2 = SNP_GUEST_VMM_ERR(SNP_GUEST_VMM_ERR_INVALID_LEN);
		req->certs_len = PAGE_ALIGN(len);
		ret = copy_to_user(ureq, req, sizeof(*req)) ? -EFAULT : -EIO;
		goto out_free;
	}
	ret = 0;
	if (!req->certs_len)
		goto out_free;
	ret = -ENOMEM;
	buf = kvzalloc(req->certs_len, GFP_KERNEL);
	if (!buf)
		goto out_free;
	if (len)
		memcpy(buf, certs, len);
	ret = 0;
	if (copy_to_user(u64_to_user_ptr(req->certs_address), buf,
			 req->certs_len))
		ret = -EFAULT;
	kvfree(buf);
out_free:
	kvfree(certs);
	return ret;
}

static int get_ext_report(struct snp_guest_request_ioctl *arg)
{
	struct snp_ext_report_req req;
	int ret;

	if (!arg->req_data || !arg->resp_data)
		return -EINVAL;
	if (copy_from_user(&req, u64_to_user_ptr(arg->req_data), sizeof(req)))
		return -EFAULT;
	if (req.certs_len > TEE_CERTS_MAX ||
	    !IS_ALIGNED(req.certs_len, PAGE_SIZE))
		return -EINVAL;
	if (!req.certs_address)
		req.certs_len = 0;
	ret = put_certs(arg, &req);
	if (ret)
		return ret;
	/* the report half is exactly SNP_GET_REPORT */
	arg->req_data += offsetof(struct snp_ext_report_req, data);
	return get_report(arg);
}

static long tee_ioctl(struct file *file, unsigned int cmd, unsigned long arg)
{
	struct snp_guest_request_ioctl input;
	void __user *argp = (void __user *)arg;
	u64 req_data;
	int ret;

	if (copy_from_user(&input, argp, sizeof(input)))
		return -EFAULT;
	if (!input.msg_version)
		return -EINVAL;
	input.exitinfo2 = 0;
	req_data = input.req_data;
	mutex_lock(&misc_lock);
	switch (cmd) {
	case SNP_GET_REPORT:
		ret = get_report(&input);
		break;
	case SNP_GET_EXT_REPORT:
		ret = get_ext_report(&input);
		break;
	default:
		ret = -ENOTTY;
		break;
	}
	mutex_unlock(&misc_lock);
	input.req_data = req_data;
	if (input.exitinfo2 && copy_to_user(argp, &input, sizeof(input)))
		return -EFAULT;
	return ret;
}

static const struct file_operations tee_fops = {
	.owner = THIS_MODULE,
	.unlocked_ioctl = tee_ioctl,
};

static struct miscdevice tee_misc = {
	.minor = MISC_DYNAMIC_MINOR,
	.name = "sev-guest",
	.fops = &tee_fops,
};

int twi_tee_misc_init(void)
{
	return misc_register(&tee_misc);
}

void twi_tee_misc_exit(void)
{
	misc_deregister(&tee_misc);
}
