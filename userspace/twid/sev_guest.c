// SPDX-License-Identifier: GPL-2.0
/*
 * /dev/sev-guest (kernels before configfs-tsm): SNP_GET_EXT_REPORT gives
 * the report and the host's certificate table; when the host or driver
 * cannot, SNP_GET_REPORT gives the report alone.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>
#include <linux/sev-guest.h>

#include "userspace/twid/tee.h"

/* MSG_REPORT_RSP (SEV-SNP ABI): status, report size, 24 reserved, report */
#define RSP_STATUS	0x00
#define RSP_SIZE	0x04
#define RSP_REPORT	0x20
#define PAGE		4096
/* The driver's VMM error for a certificate buffer that is too small. */
#define VMM_ERR_INVALID_LEN	1

static uint32_t le32(const uint8_t *p)
{
	return p[0] | p[1] << 8 | p[2] << 16 | (uint32_t)p[3] << 24;
}

static int copy_report(const struct snp_report_resp *resp,
		       struct twi_tee_report *r)
{
	uint32_t size = le32(resp->data + RSP_SIZE);

	if (le32(resp->data + RSP_STATUS))
		return -EIO;
	if (!size || size > sizeof(resp->data) - RSP_REPORT)
		return -EBADMSG;
	r->report = malloc(size);
	if (!r->report)
		return -ENOMEM;
	memcpy(r->report, resp->data + RSP_REPORT, size);
	r->report_len = size;
	return 0;
}

/*
 * The certificate table: entries of a GUID, a 32-bit offset and length,
 * ended by an all-zero entry.  Its used size is the furthest byte any
 * entry names; an empty table means the host has no certificates.
 */
static size_t cert_table_len(const uint8_t *buf, size_t len)
{
	static const uint8_t zero[24];
	size_t i, end = 0;

	for (i = 0; i + 24 <= len; i += 24) {
		uint32_t off = le32(buf + i + 16), n = le32(buf + i + 20);

		if (!memcmp(buf + i, zero, 24))
			return i ? (end > i + 24 ? end : i + 24) : 0;
		if ((size_t)off + n > end)
			end = (size_t)off + n;
	}
	return end > len ? len : end;
}

static int ext_report(struct twi_tee_backend *b, struct snp_report_req *req,
		      struct twi_tee_report *r, uint32_t *vmm_error)
{
	struct snp_ext_report_req ext = { .data = *req };
	struct snp_guest_request_ioctl io = { .msg_version = 1 };
	struct snp_report_resp resp = { 0 };
	size_t cap = 4 * PAGE, used;
	uint8_t *certs = NULL;
	int ret, tries;

	for (tries = 0; tries < 2; tries++) {
		free(certs);
		certs = aligned_alloc(PAGE, cap);
		if (!certs)
			return -ENOMEM;
		memset(certs, 0, cap);
		ext.certs_address = (uintptr_t)certs;
		ext.certs_len = cap;
		io.req_data = (uintptr_t)&ext;
		io.resp_data = (uintptr_t)&resp;
		io.exitinfo2 = 0;
		ret = ioctl(b->fd, SNP_GET_EXT_REPORT, &io) ? -errno : 0;
		if (ret != -EIO || io.vmm_error != VMM_ERR_INVALID_LEN ||
		    ext.certs_len <= cap || ext.certs_len > 2 * TWI_AUX_MAX)
			break;
		cap = ext.certs_len;
	}
	*vmm_error = io.vmm_error;
	if (!ret)
		ret = copy_report(&resp, r);
	used = ret ? 0 : cert_table_len(certs, ext.certs_len < cap ?
					ext.certs_len : cap);
	if (used > TWI_AUX_MAX)
		ret = -EMSGSIZE;
	if (!ret && used) {
		r->aux = certs;
		r->aux_len = used;
		return 0;
	}
	free(certs);
	return ret;
}

static int plain_report(struct twi_tee_backend *b, struct snp_report_req *req,
			struct twi_tee_report *r)
{
	struct snp_report_resp resp = { 0 };
	struct snp_guest_request_ioctl io = {
		.msg_version = 1,
		.req_data = (uintptr_t)req,
		.resp_data = (uintptr_t)&resp,
	};

	if (ioctl(b->fd, SNP_GET_REPORT, &io))
		return -errno;
	return copy_report(&resp, r);
}

/*
 * SNP_GET_EXT_REPORT where it works.  A driver without it (ENOTTY,
 * EOPNOTSUPP, EINVAL) switches to SNP_GET_REPORT for good; a hypervisor
 * that fails the extended request (EIO with a VMM error) gets the plain
 * request for this report only.  A firmware failure is the TEE's answer.
 */
static int sev_get(struct twi_tee_backend *b, const uint8_t *report_data,
		   struct twi_tee_report *r)
{
	struct snp_report_req req = { .vmpl = 0 };
	uint32_t vmm_error = 0;
	int ret;

	memset(r, 0, sizeof(*r));
	memcpy(req.user_data, report_data, sizeof(req.user_data));
	if (b->plain_only)
		return plain_report(b, &req, r);

	ret = ext_report(b, &req, r, &vmm_error);
	if (ret == -ENOTTY || ret == -EOPNOTSUPP || ret == -EINVAL) {
		fprintf(stderr, "twid: SNP_GET_EXT_REPORT unsupported (%s), using SNP_GET_REPORT without certificates\n",
			strerror(-ret));
		b->plain_only = true;
	} else if (ret != -EIO || !vmm_error) {
		return ret;
	}
	twi_tee_report_free(r);
	return plain_report(b, &req, r);
}

static void sev_close(struct twi_tee_backend *b)
{
	close(b->fd);
	b->fd = -1;
}

int twi_sev_guest_open(struct twi_tee_backend *b, const char *dev,
		       char *why, size_t why_len)
{
	b->fd = open(dev, O_RDWR | O_CLOEXEC);
	if (b->fd < 0) {
		int ret = -errno;

		snprintf(why, why_len, "cannot open %s: %s", dev,
			 strerror(errno));
		return ret;
	}
	b->tee = TWI_TEE_SNP;
	b->get = sev_get;
	b->close = sev_close;
	snprintf(b->description, sizeof(b->description),
		 "%s: AMD SEV-SNP (SNP_GET_EXT_REPORT)", dev);
	return 0;
}
