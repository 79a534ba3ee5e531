// SPDX-License-Identifier: GPL-2.0
/*
 * Finding the TEE interface: configfs-tsm first (every TEE on Linux 6.7+),
 * then /dev/sev-guest (SEV-SNP on older kernels).  /dev/tdx_guest alone
 * gives only a TDREPORT, which no remote verifier accepts: TDX quotes come
 * from configfs-tsm, so that case is reported as missing.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "userspace/twid/tee.h"

void twi_tee_report_free(struct twi_tee_report *r)
{
	free(r->report);
	free(r->aux);
	memset(r, 0, sizeof(*r));
}

int twi_tee_detect(const struct twi_tee_paths *paths,
		   struct twi_tee_backend *b, char *why, size_t why_len)
{
	char tsm_why[256];
	int ret;

	memset(b, 0, sizeof(*b));
	b->fd = -1;
	ret = twi_tsm_open(b, paths->tsm_root, paths->force_tee, tsm_why,
			   sizeof(tsm_why));
	if (!ret)
		return 0;
	/*
	 * configfs-tsm exists but is unusable: say so rather than fall back.
	 * Without a provider registered (ENXIO) it is as good as absent.
	 */
	if (ret != -ENOENT && ret != -ENOTDIR && ret != -ENXIO) {
		snprintf(why, why_len, "%s", tsm_why);
		return ret;
	}

	if (!access(paths->sev_guest, F_OK)) {
		if (paths->force_tee && paths->force_tee != TWI_TEE_SNP) {
			snprintf(why, why_len, "%s is SEV-SNP, not the TEE asked for",
				 paths->sev_guest);
			return -ENODEV;
		}
		return twi_sev_guest_open(b, paths->sev_guest, why, why_len);
	}

	if (!access(paths->tdx_guest, F_OK)) {
		snprintf(why, why_len, "found %s, but it only gives TDREPORTs: TDX quotes need configfs-tsm (%s, Linux 6.7+ with CONFIG_TSM_REPORTS)",
			 paths->tdx_guest, paths->tsm_root);
		return -ENODEV;
	}

	snprintf(why, why_len, "no TEE found: %s, no %s, no %s", tsm_why,
		 paths->sev_guest, paths->tdx_guest);
	return -ENODEV;
}
