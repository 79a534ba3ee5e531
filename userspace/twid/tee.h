/* SPDX-License-Identifier: GPL-2.0 */
/*
 * twid's TEE backends: where the daemon gets a report over 64 bytes of
 * report_data.  twi_tee_detect() tries, in order, configfs-tsm,
 * /dev/sev-guest and /dev/tdx_guest, and says in one line what it found
 * or what is missing.
 */
#ifndef TWID_TEE_H
#define TWID_TEE_H

#include <limits.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <linux/twi.h>

#define TWI_TSM_ROOT		"/sys/kernel/config/tsm/report"
#define TWI_CONFIGFS		"/sys/kernel/config"
#define TWI_SEV_GUEST_DEV	"/dev/sev-guest"
#define TWI_TDX_GUEST_DEV	"/dev/tdx_guest"

/* A report and what came with it; both malloc'ed, aux NULL if none. */
struct twi_tee_report {
	uint8_t *report;
	size_t report_len;
	uint8_t *aux;
	size_t aux_len;
};

struct twi_tee_backend {
	uint32_t tee;			/* enum twi_tee */
	char description[128];		/* for the start-up line */
	int (*get)(struct twi_tee_backend *b, const uint8_t *report_data,
		   struct twi_tee_report *r);
	void (*close)(struct twi_tee_backend *b);
	/* configfs-tsm */
	char root[PATH_MAX];
	unsigned int serial;
	/* /dev/sev-guest */
	int fd;
	bool plain_only;		/* SNP_GET_EXT_REPORT did not work */
};

/* Where to look; the defaults are the paths above. */
struct twi_tee_paths {
	const char *tsm_root;
	const char *sev_guest;
	const char *tdx_guest;
	uint32_t force_tee;		/* TWI_TEE_NONE: from the provider */
};

/*
 * Find a backend.  Returns 0, or a negative errno with a message in @why
 * naming what is missing.
 */
int twi_tee_detect(const struct twi_tee_paths *paths,
		   struct twi_tee_backend *b, char *why, size_t why_len);

int twi_tsm_open(struct twi_tee_backend *b, const char *root,
		 uint32_t force_tee, char *why, size_t why_len);
int twi_sev_guest_open(struct twi_tee_backend *b, const char *dev,
		       char *why, size_t why_len);

void twi_tee_report_free(struct twi_tee_report *r);

#endif /* TWID_TEE_H */
