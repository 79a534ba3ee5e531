/* SPDX-License-Identifier: GPL-2.0 */
/*
 * twi_test_tee: a test-only stand-in for an AMD SEV-SNP guest device.
 *
 * It answers through the interfaces of the real sev-guest driver
 * (/dev/sev-guest, and a configfs-tsm provider named "sev_guest" where the
 * kernel has configfs-tsm) with ATTESTATION_REPORTs signed by a test VCEK
 * whose private scalar, chip id, TCB and certificate table the test loads
 * through debugfs (/sys/kernel/debug/twi_test_tee/).  Loaded with
 * tsm_provider=tdx_guest or tsm_provider=arm-cca-guest it is instead a
 * configfs-tsm provider of that name, answering with unsigned TDX quote or
 * CCA token shells, and has no /dev/sev-guest.
 */
#ifndef TWI_TEST_TEE_H
#define TWI_TEST_TEE_H

#include <linux/errno.h>
#include <linux/types.h>

enum {
	TEE_REPORT_SIZE = 0x4a0,
	TEE_REPORT_DATA_SIZE = 64,
	TEE_CHIP_ID_SIZE = 64,
	TEE_CERTS_MAX = 0x4000,		/* SEV_FW_BLOB_MAX_SIZE */
	TEE_VMPL_MAX = 3,
	TEE_MEASUREMENT_SIZE = 48,
};

/*
 * Build and sign a report over data (64 bytes) for vmpl, honouring the
 * failure knobs: -EIO while fail_next is non-zero, -EINTR if a signal
 * cuts the delay short, -ENOKEY before a VCEK is loaded.  Sleeps.
 */
int twi_tee_report(const u8 *data, u32 vmpl, u8 *report);

/*
 * For evidence the test TEE does not sign (TDX and CCA shells): the delay
 * and fail_next knobs and the report count alone, and the launch
 * measurement (TEE_MEASUREMENT_SIZE bytes) into @measurement unless it is
 * NULL.  -EIO, -EINTR.  Sleeps.
 */
int twi_tee_unsigned(u8 *measurement);

/*
 * A copy of the certificate table (kvfree() it); NULL and 0 if none was
 * loaded.  -ENOMEM.
 */
int twi_tee_certs(u8 **certs, size_t *len);

/* Report building (tee_report.c), with the platform state it needs. */
struct twi_tee_platform {
	u8 priv[48];
	u8 pub[97];
	u8 chip_id[TEE_CHIP_ID_SIZE];
	u8 report_id[32];
	u8 measurement[TEE_MEASUREMENT_SIZE];
	u64 tcb;
	u32 version;
};

int twi_tee_sign_report(const struct twi_tee_platform *p, const u8 *data,
			u32 vmpl, u8 *report);

int twi_tee_misc_init(void);
void twi_tee_misc_exit(void);

/* TDX quote shells (tee_tsm.c): header, TD 1.0 body, no signature data */
enum {
	TEE_TDX_HEADER_SIZE = 48,
	TEE_TDX_BODY_SIZE = 584,
	TEE_TDX_REPORT_DATA = 520,	/* in the body */
	TEE_TDX_QUOTE_SIZE = TEE_TDX_HEADER_SIZE + TEE_TDX_BODY_SIZE + 4,
};

/* What the test TEE stands in for: its tsm_provider parameter. */
enum tee_kind {
	TEE_SEV,	/* "sev_guest": /dev/sev-guest and configfs-tsm */
	TEE_TDX,	/* "tdx_guest": configfs-tsm only */
	TEE_CCA,	/* "arm-cca-guest": configfs-tsm only */
};

/* The configfs-tsm provider for @kind. */
#if IS_ENABLED(CONFIG_TSM_REPORTS)
int twi_tee_tsm_init(enum tee_kind kind);
void twi_tee_tsm_exit(void);
#else
static inline int twi_tee_tsm_init(enum tee_kind kind)
{
	return kind == TEE_SEV ? 0 : -EOPNOTSUPP;
}

static inline void twi_tee_tsm_exit(void) { }
#endif

#endif /* TWI_TEST_TEE_H */
