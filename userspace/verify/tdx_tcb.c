// SPDX-License-Identifier: GPL-2.0
/*
 * TDX TCB status: the QE report against the QE identity, the TDX module
 * against its identity in the TCB info, and the platform TCB level
 * (SGX components and PCESVN from the PCK certificate, TEE_TCB_SVN from
 * the TD quote body) against the TCB info levels.
 */
#include <stdio.h>
#include <string.h>

#include "userspace/verify/tdx_local.h"
#include "userspace/verify/util.h"

/* Offsets in the QE report and the TD quote body. */
enum {
	QE_MISCSELECT		= 16,
	QE_ATTRIBUTES		= 48,
	QE_MRSIGNER		= 128,
	QE_ISVPRODID		= 256,
	QE_ISVSVN		= 258,
	BODY_TEE_TCB_SVN	= 0,
	BODY_MRSIGNERSEAM	= 64,
	BODY_SEAM_ATTRIBUTES	= 112,
};

enum twi_tdx_tcb_status twi_tdx_status_parse(const char *s)
{
	enum twi_tdx_tcb_status st;

	for (st = TWI_TDX_TCB_UP_TO_DATE; st < __TWI_TDX_TCB_MAX; st++)
		if (!strcmp(s, twi_tdx_tcb_status_name(st)))
			return st;
	return TWI_TDX_TCB_UNKNOWN;
}

static bool masked_equal(const uint8_t *a, const uint8_t *b,
			 const uint8_t *mask, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if ((a[i] & mask[i]) != (b[i] & mask[i]))
			return false;
	return true;
}

/* First level (levels are ordered newest first) with isvsvn <= svn. */
static const struct twi_tdx_isv_level *
isv_level(const struct twi_tdx_isv_level *levels, unsigned int n,
	  uint16_t svn)
{
	unsigned int i;

	for (i = 0; i < n; i++)
		if (levels[i].isvsvn <= svn)
			return &levels[i];
	return NULL;
}

static int qe_check(const struct twi_tdx_qe_identity *qe, const uint8_t *rep,
		    struct twi_tdx_level_status *st, char *why, size_t whylen)
{
	uint32_t misc = twi_le32(rep + QE_MISCSELECT);
	uint32_t want = twi_be32(qe->miscselect);
	uint32_t mask = twi_be32(qe->miscselect_mask);
	const struct twi_tdx_isv_level *lvl;

	if (memcmp(rep + QE_MRSIGNER, qe->mrsigner, 32) ||
	    twi_le16(rep + QE_ISVPRODID) != qe->isvprodid ||
	    (misc & mask) != (want & mask) ||
	    !masked_equal(rep + QE_ATTRIBUTES, qe->attributes,
			  qe->attributes_mask, 16))
		return twi_fail(why, whylen, -EKEYREJECTED,
				"TDX QE identity: QE report MRSIGNER, ISVPRODID, MISCSELECT or ATTRIBUTES differ");

	lvl = isv_level(qe->levels, qe->n_levels, twi_le16(rep + QE_ISVSVN));
	if (lvl) {
		*st = lvl->st;
	} else {
		memset(st, 0, sizeof(*st));
		st->status = TWI_TDX_TCB_OUT_OF_DATE;
	}
	return 0;
}

static int module_identity_check(const struct twi_tdx_module_id *m,
				 const uint8_t *body, char *why,
				 size_t whylen)
{
	if (memcmp(body + BODY_MRSIGNERSEAM, m->mrsigner, TWI_TDX_MR_SIZE) ||
	    !masked_equal(body + BODY_SEAM_ATTRIBUTES, m->attributes,
			  m->attributes_mask, 8))
		return twi_fail(why, whylen, -EKEYREJECTED,
				"TDX TCB: MRSIGNERSEAM or SEAM attributes differ from TCB info %s",
				m->id[0] ? m->id : "tdxModule");
	return 0;
}

/*
 * TEE_TCB_SVN[1] is the TDX module major version. Version 0 modules are
 * described by tcbInfo.tdxModule; newer ones by tdxModuleIdentities
 * "TDX_<major>", whose levels rate TEE_TCB_SVN[0].
 */
static int module_check(const struct twi_tdx_tcbinfo *ti, const uint8_t *body,
			struct twi_tdx_level_status *st, char *why,
			size_t whylen)
{
	const uint8_t *svn = body + BODY_TEE_TCB_SVN;
	const struct twi_tdx_isv_level *lvl;
	const struct twi_tdx_module_id *m = NULL;
	char id[16];
	unsigned int i;
	int ret;

	memset(st, 0, sizeof(*st));
	st->status = TWI_TDX_TCB_UP_TO_DATE;
	if (svn[1] == 0) {
		if (!ti->has_module)
			return twi_fail(why, whylen, -EBADMSG,
					"TDX TCB: TCB info has no tdxModule");
		return module_identity_check(&ti->module, body, why, whylen);
	}

	snprintf(id, sizeof(id), "TDX_%02u", svn[1]);
	for (i = 0; i < ti->n_module_ids; i++)
		if (!strcmp(ti->module_ids[i].id, id))
			m = &ti->module_ids[i];
	if (!m)
		return twi_fail(why, whylen, -EKEYREJECTED,
				"TDX TCB: no TDX module identity %s in TCB info",
				id);
	ret = module_identity_check(m, body, why, whylen);
	if (ret)
		return ret;
	lvl = isv_level(m->levels, m->n_levels, svn[0]);
	if (!lvl)
		return twi_fail(why, whylen, -EKEYREJECTED,
				"TDX TCB: TDX module %s SVN %u is below every level",
				id, svn[0]);
	*st = lvl->st;
	return 0;
}

/*
 * Index of the first component where the platform is below level l, or
 * -1 when the level matches. 0..15 SGX, 16 PCESVN, 17..32 TDX.
 */
static int level_shortfall(const struct twi_tdx_tcb_level *l,
			   const struct twi_tdx_pck_info *pck,
			   const uint8_t *tee_tcb_svn, int tdx_first)
{
	int i;

	for (i = 0; i < 16; i++)
		if (pck->sgx_svn[i] < l->sgx_svn[i])
			return i;
	if (pck->pcesvn < l->pcesvn)
		return 16;
	for (i = tdx_first; i < 16; i++)
		if (tee_tcb_svn[i] < l->tdx_svn[i])
			return 17 + i;
	return -1;
}

static int no_level(const struct twi_tdx_tcbinfo *ti,
		    const struct twi_tdx_pck_info *pck, const uint8_t *svn,
		    int tdx_first, char *why, size_t whylen)
{
	const struct twi_tdx_tcb_level *l = &ti->levels[ti->n_levels - 1];
	int i = level_shortfall(l, pck, svn, tdx_first);

	if (i < 16)
		return twi_fail(why, whylen, -EKEYREJECTED,
				"TDX TCB: no matching TCB level (lowest needs SGX component %d >= %u, PCK has %u)",
				i + 1, l->sgx_svn[i], pck->sgx_svn[i]);
	if (i == 16)
		return twi_fail(why, whylen, -EKEYREJECTED,
				"TDX TCB: no matching TCB level (lowest needs PCESVN >= %u, PCK has %u)",
				l->pcesvn, pck->pcesvn);
	return twi_fail(why, whylen, -EKEYREJECTED,
			"TDX TCB: no matching TCB level (lowest needs TEE_TCB_SVN[%d] >= %u, quote has %u)",
			i - 17, l->tdx_svn[i - 17], svn[i - 17]);
}

/* Worsen status by a QE or TDX module status, as Intel's QVL does. */
static enum twi_tdx_tcb_status converge(enum twi_tdx_tcb_status st,
					enum twi_tdx_tcb_status other)
{
	if (st == TWI_TDX_TCB_REVOKED || other == TWI_TDX_TCB_REVOKED)
		return TWI_TDX_TCB_REVOKED;
	if (other != TWI_TDX_TCB_OUT_OF_DATE &&
	    other != TWI_TDX_TCB_OUT_OF_DATE_CONFIGURATION_NEEDED)
		return st;
	switch (st) {
	case TWI_TDX_TCB_CONFIGURATION_NEEDED:
	case TWI_TDX_TCB_CONFIGURATION_AND_SW_HARDENING_NEEDED:
	case TWI_TDX_TCB_OUT_OF_DATE_CONFIGURATION_NEEDED:
		return TWI_TDX_TCB_OUT_OF_DATE_CONFIGURATION_NEEDED;
	default:
		return TWI_TDX_TCB_OUT_OF_DATE;
	}
}

static void add_advisories(struct twi_tdx_result *res,
			   const struct twi_tdx_level_status *st)
{
	unsigned int i, j;

	for (i = 0; i < st->n_advisories; i++) {
		for (j = 0; j < res->n_advisories; j++)
			if (!strcmp(res->advisory_ids[j], st->advisory_ids[i]))
				break;
		if (j < res->n_advisories ||
		    res->n_advisories == TWI_TDX_MAX_ADVISORIES)
			continue;
		strcpy(res->advisory_ids[res->n_advisories++],
		       st->advisory_ids[i]);
	}
}

int twi_tdx_tcb_evaluate(const struct twi_tdx_tcbinfo *ti,
			 const struct twi_tdx_qe_identity *qe,
			 const struct twi_tdx_pck_info *pck,
			 const struct twi_tdx_quote *q,
			 struct twi_tdx_result *res, char *why, size_t whylen)
{
	const uint8_t *svn = q->body + BODY_TEE_TCB_SVN;
	struct twi_tdx_level_status qe_st, mod_st;
	const struct twi_tdx_tcb_level *lvl = NULL;
	int tdx_first = svn[1] ? 2 : 0;
	unsigned int i;
	int ret;

	ret = qe_check(qe, q->qe_report, &qe_st, why, whylen);
	if (ret)
		return ret;
	ret = module_check(ti, q->body, &mod_st, why, whylen);
	if (ret)
		return ret;

	for (i = 0; i < ti->n_levels && !lvl; i++)
		if (level_shortfall(&ti->levels[i], pck, svn, tdx_first) < 0)
			lvl = &ti->levels[i];
	if (!lvl)
		return no_level(ti, pck, svn, tdx_first, why, whylen);

	res->tcb_evaluated = true;
	res->platform_status = lvl->st.status;
	res->module_status = mod_st.status;
	res->qe_status = qe_st.status;
	res->tcb_status = converge(converge(lvl->st.status, mod_st.status),
				   qe_st.status);
	snprintf(res->tcb_date, sizeof(res->tcb_date), "%s", lvl->st.date);
	res->tcb_eval_number = ti->eval_number;
	add_advisories(res, &lvl->st);
	add_advisories(res, &mod_st);
	add_advisories(res, &qe_st);

	if (res->tcb_status == TWI_TDX_TCB_REVOKED)
		return twi_fail(why, whylen, -EKEYREVOKED,
				"TDX TCB: status Revoked (platform %s, module %s, QE %s)",
				twi_tdx_tcb_status_name(lvl->st.status),
				twi_tdx_tcb_status_name(mod_st.status),
				twi_tdx_tcb_status_name(qe_st.status));
	return 0;
}
