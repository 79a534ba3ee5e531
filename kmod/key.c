// SPDX-License-Identifier: GPL-2.0
/*
 * The "twi" key type: ECDSA keys generated in the kernel, used through
 * keyctl pkey_* and never read out.
 *
 * The payload (struct twi_key) holds the private scalar.  It is created by
 * ->preparse, wiped by ->revoke under key->sem, and wiped and freed by
 * ->destroy or ->free_preparse.  Private-key operations take key->sem for
 * reading, so a revoke waits for operations in flight and later ones find
 * no private key.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/atomic.h>
#include <linux/cred.h>
#include <linux/debugfs.h>
#include <linux/key-type.h>
#include <linux/keyctl.h>
#include <linux/random.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/xarray.h>
#include <uapi/linux/twi.h>

#include "twi.h"
#include "bind.h"
#include "compat.h"
#include "credential.h"
#include "crypto/twi_ecdsa.h"

/* Options longer than this are refused before they are parsed. */
#define TWI_OPTIONS_MAX		256

struct twi_key {
	u64 id;
	struct key *key;
	struct twi_binding bind;
	bool notified_del;
	enum twi_curve curve;
	bool deterministic;
	bool has_priv;
	u8 priv[TWI_EC_MAX_BYTES];
	u8 pub[TWI_EC_MAX_PUB];
	u8 spki[TWI_EC_MAX_SPKI];
	size_t spki_len;
	u64 *pub_tab;		/* public; built at first use, see pub_table() */
	struct twi_credential cred;	/* immutable once made */
};

struct twi_options {
	enum twi_curve curve;
	bool deterministic;
	enum twi_bind_mode bind;
	bool attest;
};

static atomic_t twi_keys = ATOMIC_INIT(0);
static atomic64_t twi_key_ids = ATOMIC64_INIT(0);

/* Instantiated twi keys by serial, for the netlink key commands. */
static DEFINE_XARRAY(twi_key_serials);

/*
 * Where key creation spends its time, summed over the keys made, for the
 * issuance benchmark: /sys/kernel/debug/twi/issuance.
 */
static struct {
	atomic64_t keys;
	atomic64_t attested;
	atomic64_t keygen_ns;
	atomic64_t statement_ns;
	atomic64_t evidence_ns;
} issuance;
static struct dentry *debugfs_dir;

static const char *const curve_names[] = {
	[TWI_CURVE_P256] = "p256",
	[TWI_CURVE_P384] = "p384",
};

static const char *const hash_names[] = {
	[TWI_HASH_SHA256] = "sha256",
	[TWI_HASH_SHA384] = "sha384",
	[TWI_HASH_SHA512] = "sha512",
};

u32 twi_key_count(void)
{
	return atomic_read(&twi_keys);
}

static void wipe_priv(struct twi_key *tk)
{
	memzero_explicit(tk->priv, sizeof(tk->priv));
	tk->has_priv = false;
}

static void put_key(struct twi_key *tk)
{
	if (!tk)
		return;
	pr_debug("key %llu destroyed\n", tk->id);
	wipe_priv(tk);
	twi_bind_release(&tk->bind);
	kfree(tk->pub_tab);
	twi_credential_free(&tk->cred);
	kfree_sensitive(tk);
	atomic_dec(&twi_keys);
}

/* Options: space-separated, each at most once; see Documentation/keys.rst. */
static int parse_option(struct twi_options *opts, const char *opt,
			unsigned int *seen)
{
	enum { SEEN_ALG = 1, SEEN_NONCE = 2, SEEN_BIND = 4, SEEN_ATTEST = 8 };

	if (!strncmp(opt, "alg=", 4)) {
		if (*seen & SEEN_ALG)
			return -EINVAL;
		*seen |= SEEN_ALG;
		if (!strcmp(opt + 4, "p256"))
			opts->curve = TWI_CURVE_P256;
		else if (!strcmp(opt + 4, "p384"))
			opts->curve = TWI_CURVE_P384;
		else
			return -EINVAL;
		return 0;
	}
	if (!strncmp(opt, "bind=", 5)) {
		if (*seen & SEEN_BIND)
			return -EINVAL;
		*seen |= SEEN_BIND;
		return twi_bind_parse(opt + 5, &opts->bind);
	}
	if (!strncmp(opt, "attest=", 7)) {
		if (*seen & SEEN_ATTEST)
			return -EINVAL;
		*seen |= SEEN_ATTEST;
		if (!strcmp(opt + 7, "tee"))
			opts->attest = true;
		else if (!strcmp(opt + 7, "none"))
			opts->attest = false;
		else
			return -EINVAL;
		return 0;
	}
	if (!strncmp(opt, "nonce=", 6)) {
		if (*seen & SEEN_NONCE)
			return -EINVAL;
		*seen |= SEEN_NONCE;
		if (!strcmp(opt + 6, "hedged"))
			opts->deterministic = false;
		else if (!strcmp(opt + 6, "rfc6979"))
			opts->deterministic = true;
		else
			return -EINVAL;
		return 0;
	}
	return -EINVAL;
}

static int parse_options(struct twi_options *opts, const void *data,
			 size_t len)
{
	unsigned int seen = 0;
	char *buf, *cur, *opt;
	int ret = 0;

	opts->curve = TWI_CURVE_P256;
	opts->deterministic = false;
	opts->bind = TWI_BIND_WORKLOAD;
	opts->attest = true;
	if (!len)
		return 0;
	if (len > TWI_OPTIONS_MAX || memchr(data, '\0', len))
		return -EINVAL;

	buf = kmemdup_nul(data, len, GFP_KERNEL);
	if (!buf)
		return -ENOMEM;
	cur = buf;
	while (!ret && (opt = strsep(&cur, " ")))
		if (*opt)
			ret = parse_option(opts, opt, &seen);
	kfree(buf);
	return ret;
}

static int kernel_rng(void *ctx, u8 *buf, size_t len)
{
	get_random_bytes(buf, len);
	return 0;
}

static struct twi_key *new_key(const struct twi_options *opts)
{
	struct twi_key *tk;
	int ret;

	tk = kzalloc(sizeof(*tk), GFP_KERNEL);
	if (!tk)
		return ERR_PTR(-ENOMEM);
	atomic_inc(&twi_keys);
	tk->id = atomic64_inc_return(&twi_key_ids);
	tk->curve = opts->curve;
	tk->deterministic = opts->deterministic;

	ret = twi_bind_init(&tk->bind, opts->bind);
	if (ret)
		goto err_put;
	ret = twi_ecdsa_keygen(tk->curve, kernel_rng, NULL, tk->priv, tk->pub);
	if (ret)
		goto err_put;
	tk->has_priv = true;

	tk->spki_len = sizeof(tk->spki);
	ret = twi_ecdsa_spki(tk->curve, tk->pub, tk->spki, &tk->spki_len);
	if (ret)
		goto err_put;

	pr_debug("key %llu created (%s, bind=%s, workload %llu)\n", tk->id,
		 curve_names[tk->curve], twi_bind_name(tk->bind.mode),
		 tk->bind.w->cgroup_id);
	return tk;

err_put:
	put_key(tk);
	return ERR_PTR(ret);
}

static void claim_src(const struct twi_key *tk, struct twi_claim_src *src,
		      bool attest)
{
	memset(src, 0, sizeof(*src));
	src->spki = tk->spki;
	src->spki_len = tk->spki_len;
	src->bind = &tk->bind;
	src->attest = attest;
}

/**
 * twi_key_preparse() - generate the key pair and its credential
 * @prep: the payload from add_key(2): the options string
 *
 * The key is bound to the caller's workload (and executable or process,
 * by the bind= option) here, in the caller's context.  Unless the options
 * say attest=none, the evidence provider is asked for evidence over the
 * key's statement, and creation waits for its checked answer.
 *
 * Context: process context, may sleep.
 * Return: 0, -EINVAL for bad options, -ENOENT if the caller is in no
 * workload, -EPERM if it is traced and asks for bind=exe or bind=process,
 * -ENOMEM; for an attested key also -ENODEV if no evidence provider is
 * registered, -ETIMEDOUT if it did not answer in time, -ECONNRESET if it
 * went away, -EIO if it could not get evidence, -EBADMSG if its evidence
 * does not carry the statement's report_data, -EINTR on a fatal signal.
 */
static int twi_key_preparse(struct key_preparsed_payload *prep)
{
	struct twi_claim_src src;
	struct twi_options opts;
	struct twi_key *tk;
	ktime_t t0, t1, t2;
	int ret;

	ret = parse_options(&opts, prep->data, prep->datalen);
	if (ret)
		return ret;

	t0 = ktime_get();
	tk = new_key(&opts);
	if (IS_ERR(tk))
		return PTR_ERR(tk);
	t1 = ktime_get();

	claim_src(tk, &src, opts.attest);
	ret = twi_statement_build(&src, &tk->cred.statement,
				  &tk->cred.statement_len);
	t2 = ktime_get();
	if (!ret && opts.attest)
		ret = twi_credential_attest(&tk->cred);
	if (ret) {
		put_key(tk);
		return ret;
	}
	atomic64_inc(&issuance.keys);
	atomic64_add(ktime_to_ns(ktime_sub(t1, t0)), &issuance.keygen_ns);
	atomic64_add(ktime_to_ns(ktime_sub(t2, t1)), &issuance.statement_ns);
	if (opts.attest) {
		atomic64_inc(&issuance.attested);
		atomic64_add(ktime_to_ns(ktime_sub(ktime_get(), t2)),
			     &issuance.evidence_ns);
	}

	prep->payload.data[0] = tk;
	prep->quotalen = sizeof(*tk);
	return 0;
}

static void twi_key_free_preparse(struct key_preparsed_payload *prep)
{
	put_key(prep->payload.data[0]);
}

/* Workload deletion: take a reference under the workload's lock. */
static bool grab_key(struct twi_bound_key *bk)
{
	struct twi_key *tk = container_of(bk, struct twi_key, bind.bk);

	return refcount_inc_not_zero(&tk->key->usage);
}

/* Workload deletion: revoke the key grab_key() held. */
static void revoke_key(struct twi_bound_key *bk)
{
	struct twi_key *tk = container_of(bk, struct twi_key, bind.bk);
	struct key *key = tk->key;

	key_revoke(key);
	key_put(key);
}

/**
 * twi_key_instantiate() - count the key against its workload
 * @key: the new key
 * @prep: its payload from twi_key_preparse()
 *
 * Context: process context, under the key construction mutex.
 * Return: 0, -EDQUOT if the workload has its maximum of keys or the
 * caller's key quota is exhausted, -EKEYREVOKED if the workload was
 * deleted since the key was prepared, -ENOMEM.
 */
static int twi_key_instantiate(struct key *key,
			       struct key_preparsed_payload *prep)
{
	struct twi_key *tk = prep->payload.data[0];
	int ret;

	tk->key = key;
	tk->bind.bk.grab = grab_key;
	tk->bind.bk.revoke = revoke_key;
	ret = twi_bind_attach(&tk->bind);
	if (ret)
		return ret;
	ret = xa_insert(&twi_key_serials, key->serial, tk, GFP_KERNEL);
	if (ret)
		return ret;
	ret = generic_key_instantiate(key, prep);
	if (ret) {
		xa_erase(&twi_key_serials, key->serial);
		return ret;
	}
	twi_genl_notify_key(TWI_CMD_KEY_NEW, key->serial,
			    tk->bind.w->cgroup_id);
	return 0;
}

static void notify_del(struct key *key, struct twi_key *tk)
{
	if (tk->notified_del)
		return;
	tk->notified_del = true;
	twi_genl_notify_key(TWI_CMD_KEY_DEL, key->serial,
			    tk->bind.w->cgroup_id);
}

/* Context: key->sem held for writing. */
static void twi_key_revoke(struct key *key)
{
	struct twi_key *tk = key->payload.data[0];

	if (!tk)
		return;
	wipe_priv(tk);
	notify_del(key, tk);
}

static void twi_key_destroy(struct key *key)
{
	struct twi_key *tk = key->payload.data[0];

	if (tk) {
		xa_cmpxchg(&twi_key_serials, key->serial, tk, NULL, 0);
		notify_del(key, tk);
	}
	put_key(tk);
	key->payload.data[0] = NULL;
}

static void twi_key_describe(const struct key *key, struct seq_file *m)
{
	const struct twi_key *tk = key->payload.data[0];

	seq_puts(m, key->description);
	if (!key_is_positive(key) || !tk)
		return;
	seq_printf(m, ": alg=%s bind=%s %s", curve_names[tk->curve],
		   twi_bind_name(tk->bind.mode),
		   tk->has_priv ? "ready" : "wiped");
}

/**
 * twi_key_read() - the public key as DER SubjectPublicKeyInfo
 * @key: the key, key->sem held for reading
 * @buffer: kernel buffer of @buflen bytes
 * @buflen: its size; if too small, only the length is returned
 *
 * Return: the length of the public key's DER encoding.
 */
static long twi_key_read(const struct key *key, char *buffer, size_t buflen)
{
	const struct twi_key *tk = key->payload.data[0];

	if (!tk)
		return -EKEYREVOKED;
	if (buffer && buflen >= tk->spki_len)
		memcpy(buffer, tk->spki, tk->spki_len);
	return tk->spki_len;
}

/* The operation a pkey call asks for, from its "enc=" and "hash=". */
struct pkey_op {
	enum twi_hash hash;
	bool der;
};

static int parse_pkey_params(const struct kernel_pkey_params *params,
			     struct pkey_op *op)
{
	int i;

	if (!strcmp(params->encoding, "x962"))
		op->der = true;
	else if (!strcmp(params->encoding, "p1363"))
		op->der = false;
	else
		return -ENOPKG;

	if (!params->hash_algo)
		return -ENOPKG;
	for (i = 0; i < ARRAY_SIZE(hash_names); i++) {
		if (!strcmp(params->hash_algo, hash_names[i])) {
			op->hash = i;
			return 0;
		}
	}
	return -ENOPKG;
}

static u32 sig_size(const struct twi_key *tk, const struct pkey_op *op)
{
	if (op->der)
		return twi_ecdsa_max_der_sig(tk->curve);
	return 2 * twi_ec_bytes(tk->curve);
}

/*
 * The binding of a key to its workload, and to its creator's executable or
 * process, checked in the caller's context in front of every private-key
 * operation.  Context: key->sem held for reading.
 */
static int bind_check(const struct key *key, const struct twi_key *tk)
{
	int ret;

	ret = twi_bind_check(&tk->bind);
	if (ret)
		pr_debug_ratelimited("key %llu refused to pid %d: %d\n",
				     tk->id, task_tgid_nr(current), ret);
	return ret;
}

/**
 * twi_key_query() - sizes and operations for keyctl_pkey_query(2)
 * @params: key, encoding ("x962" or "p1363") and hash
 * @info: out
 *
 * Return: 0, or -ENOPKG for an unsupported encoding or hash.
 */
static int twi_key_query(const struct kernel_pkey_params *params,
			 struct kernel_pkey_query *info)
{
	const struct twi_key *tk = params->key->payload.data[0];
	struct pkey_op op;
	int ret;

	ret = parse_pkey_params(params, &op);
	if (ret)
		return ret;

	memset(info, 0, sizeof(*info));
	info->key_size = twi_ec_bytes(tk->curve) * 8;
	info->max_data_size = twi_hash_len(op.hash);
	info->max_sig_size = sig_size(tk, &op);
	info->supported_ops = KEYCTL_SUPPORTS_SIGN | KEYCTL_SUPPORTS_VERIFY;
	return 0;
}

/*
 * The public key's precomputed table, which makes the self-check of every
 * signature and verification several times faster.  It is built at a
 * key's first use, not at creation, so idle keys cost neither its 8 to 9
 * KiB nor the time to build it.  Racing builders publish one table and
 * free the other.  Without memory for it, the plain path serves: NULL.
 */
static const u64 *pub_table(struct twi_key *tk)
{
	size_t size = twi_ecdsa_pub_table_size(tk->curve);
	u64 *tab, *old;

	/* Pairs with the cmpxchg() below: a published table is complete. */
	tab = smp_load_acquire(&tk->pub_tab);
	if (tab)
		return tab;

	tab = kmalloc(size, GFP_KERNEL);
	if (!tab)
		return NULL;
	if (twi_ecdsa_pub_table(tk->curve, tk->pub, tab, size)) {
		kfree(tab);
		return NULL;
	}
	old = cmpxchg(&tk->pub_tab, NULL, tab);
	if (old) {
		kfree(tab);
		return old;
	}
	return tab;
}

static int sign(struct twi_key *tk, const struct pkey_op *op,
		const u8 *digest, u8 *out)
{
	u8 extra[32], rs[TWI_EC_MAX_SIG];
	size_t dlen = twi_hash_len(op->hash);
	size_t xlen = tk->deterministic ? 0 : sizeof(extra);
	const u64 *tab = pub_table(tk);
	size_t len;
	int ret;

	if (xlen)
		get_random_bytes(extra, sizeof(extra));
	if (tab)
		ret = twi_ecdsa_sign_tab(tk->curve, op->hash, tk->priv, tab,
					 digest, dlen, extra, xlen, rs);
	else
		ret = twi_ecdsa_sign(tk->curve, op->hash, tk->priv, tk->pub,
				     digest, dlen, extra, xlen, rs);
	memzero_explicit(extra, sizeof(extra));
	if (ret)
		return ret;

	len = sig_size(tk, op);
	if (op->der)
		ret = twi_ecdsa_sig_to_der(tk->curve, rs, out, &len);
	else
		memcpy(out, rs, len);
	memzero_explicit(rs, sizeof(rs));
	return ret ? ret : len;
}

/**
 * twi_key_eds_op() - keyctl_pkey_sign(2)
 * @params: key, encoding, hash, op; in_len is the digest length and
 *	    out_len the size of @out, as checked against twi_key_query()
 * @in: the digest
 * @out: the signature
 *
 * Context: process context.  Takes key->sem for reading.
 * Return: the signature's length, -EOPNOTSUPP for encrypt and decrypt,
 * -ENOPKG for an unsupported encoding or hash, -EINVAL for a digest whose
 * length is not the hash's, -EKEYREVOKED once the key is revoked or its
 * workload, cgroup or (bind=process) creating process is gone, -EACCES if
 * the caller is not in the key's workload or is not its executable or
 * process, -EPERM if the key is exe- or process-bound and the caller is
 * traced, -EIO if the signature failed its self-check.
 */
static int twi_key_eds_op(struct kernel_pkey_params *params, const void *in,
			  void *out)
{
	struct key *key = params->key;
	struct twi_key *tk;
	struct pkey_op op;
	int ret;

	if (params->op != kernel_pkey_sign)
		return -EOPNOTSUPP;
	ret = parse_pkey_params(params, &op);
	if (ret)
		return ret;
	if (params->in_len != twi_hash_len(op.hash))
		return -EINVAL;

	down_read(&key->sem);
	tk = key->payload.data[0];
	if (!tk || !tk->has_priv) {
		ret = -EKEYREVOKED;
		goto out_unlock;
	}
	if (params->out_len < sig_size(tk, &op)) {
		ret = -EINVAL;
		goto out_unlock;
	}
	ret = bind_check(key, tk);
	if (!ret)
		ret = sign(tk, &op, in, out);
out_unlock:
	up_read(&key->sem);
	/* What it was bound to is gone: revoke it for good. */
	if (ret == -EKEYREVOKED)
		key_revoke(key);
	return ret;
}

/**
 * twi_key_verify() - keyctl_pkey_verify(2)
 * @params: key, encoding, hash; in_len is the digest length, and in2_len
 *	    is max_sig_size from twi_key_query() whatever the caller passed
 * @in: the digest
 * @in2: the signature, followed by whatever fills it up to in2_len bytes
 *
 * The keyctl core always passes max_sig_size bytes of signature, so a DER
 * signature is read up to the end of its SEQUENCE and what follows is not
 * part of it.  A P1363 signature is exactly max_sig_size bytes.
 *
 * Return: 0 for a good signature, -EKEYREJECTED for a bad one, -EBADMSG
 * for a malformed one, -EINVAL for a digest whose length is not the
 * hash's, -ENOPKG for an unsupported encoding or hash.
 */
static int twi_key_verify(struct kernel_pkey_params *params, const void *in,
			  const void *in2)
{
	struct twi_key *tk = params->key->payload.data[0];
	u8 rs[TWI_EC_MAX_SIG];
	const u64 *tab;
	struct pkey_op op;
	int ret;

	ret = parse_pkey_params(params, &op);
	if (ret)
		return ret;
	if (params->in_len != twi_hash_len(op.hash))
		return -EINVAL;

	if (op.der) {
		ret = twi_ecdsa_sig_from_der(tk->curve, in2, params->in2_len,
					     rs);
		if (ret < 0)
			return ret;
	} else {
		if (params->in2_len != sig_size(tk, &op))
			return -EBADMSG;
		memcpy(rs, in2, params->in2_len);
	}
	tab = pub_table(tk);
	if (tab)
		return twi_ecdsa_verify_tab(tk->curve, tab, in, params->in_len,
					    rs);
	return twi_ecdsa_verify(tk->curve, tk->pub, in, params->in_len, rs);
}

/*
 * A referenced twi key by serial.  The key is only freed after ->destroy
 * has taken it out of the array, under the array's lock.
 */
static struct key *lookup_serial(u32 serial)
{
	struct key *key = NULL;
	struct twi_key *tk;

	xa_lock(&twi_key_serials);
	tk = xa_load(&twi_key_serials, serial);
	if (tk && refcount_inc_not_zero(&tk->key->usage))
		key = tk->key;
	xa_unlock(&twi_key_serials);
	return key;
}

/**
 * twi_key_credential() - a twi key's credential, or a fresh one
 * @serial: the key's serial number
 * @fresh: make a new statement (with @nonce) and evidence, keep nothing
 * @nonce: the caller's nonce, or NULL
 * @nonce_len: its length
 * @emit: called with the key's workload's cgroup and the credential
 * @ctx: passed to @emit
 *
 * The caller needs View permission on the key (possession is not
 * considered); for @fresh it must also pass the key's binding check.
 *
 * Context: process context, sleeps (up to the evidence timeout if @fresh).
 * Return: what @emit returns, -ENOKEY if no twi key has @serial, -EACCES
 * without permission, -EKEYREVOKED or -EKEYEXPIRED, the binding errors of
 * pkey_sign, and for @fresh the errors of twi_credential_issue().
 */
int twi_key_credential(u32 serial, bool fresh, const u8 *nonce,
		       size_t nonce_len,
		       int (*emit)(void *ctx, u32 serial, u64 cgroup_id,
				   const struct twi_credential *cred),
		       void *ctx)
{
	struct twi_credential cred;
	struct twi_claim_src src;
	struct twi_key *tk;
	struct key *key;
	int ret;

	key = lookup_serial(serial);
	if (!key)
		return -ENOKEY;
	tk = key->payload.data[0];
	ret = key_task_permission(make_key_ref(key, false), current_cred(),
				  KEY_NEED_VIEW);
	if (ret)
		goto out;

	down_read(&key->sem);
	ret = key_validate(key);
	if (!ret && fresh)
		ret = bind_check(key, tk);
	up_read(&key->sem);
	if (ret)
		goto out;

	if (!fresh) {
		ret = emit(ctx, serial, tk->bind.w->cgroup_id, &tk->cred);
		goto out;
	}
	claim_src(tk, &src, true);
	src.nonce = nonce;
	src.nonce_len = nonce_len;
	ret = twi_credential_issue(&src, &cred);
	if (!ret) {
		ret = emit(ctx, serial, tk->bind.w->cgroup_id, &cred);
		twi_credential_free(&cred);
	}
out:
	key_put(key);
	return ret;
}

static int issuance_show(struct seq_file *m, void *v)
{
	seq_printf(m, "keys %lld\nattested %lld\n",
		   atomic64_read(&issuance.keys),
		   atomic64_read(&issuance.attested));
	seq_printf(m, "keygen_ns %lld\nstatement_ns %lld\nevidence_ns %lld\n",
		   atomic64_read(&issuance.keygen_ns),
		   atomic64_read(&issuance.statement_ns),
		   atomic64_read(&issuance.evidence_ns));
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(issuance);

static struct key_type key_type_twi = {
	.name			= TWI_KEY_TYPE,
	.preparse		= twi_key_preparse,
	.free_preparse		= twi_key_free_preparse,
	.instantiate		= twi_key_instantiate,
	.revoke			= twi_key_revoke,
	.destroy		= twi_key_destroy,
	.describe		= twi_key_describe,
	.read			= twi_key_read,
	.asym_query		= twi_key_query,
	.asym_eds_op		= twi_key_eds_op,
	.asym_verify_signature	= twi_key_verify,
};

int __init twi_key_init(void)
{
	int ret;

	BUILD_BUG_ON(TWI_OPTIONS_MAX > PAGE_SIZE);
	ret = twi_ecdsa_init();
	if (ret)
		return ret;
	ret = register_key_type(&key_type_twi);
	if (ret)
		return ret;
	/* statistics only: twi works without them */
	debugfs_dir = debugfs_create_dir("twi", NULL);
	debugfs_create_file("issuance", 0400, debugfs_dir, NULL,
			    &issuance_fops);
	return 0;
}

void twi_key_exit(void)
{
	debugfs_remove_recursive(debugfs_dir);
	unregister_key_type(&key_type_twi);
}
