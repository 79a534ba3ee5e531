// SPDX-License-Identifier: GPL-2.0
/*
 * configfs-tsm (Linux 6.7+): one report directory per request under
 * /sys/kernel/config/tsm/report.  Write inblob, read outblob and auxblob,
 * and check that generation did not move in between, which would mean
 * another writer raced with us on the same directory.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <unistd.h>

#include "userspace/twid/tee.h"

static const struct {
	const char *provider;
	uint32_t tee;
} providers[] = {
	{ "sev_guest", TWI_TEE_SNP },
	{ "tdx_guest", TWI_TEE_TDX },
	{ "arm-cca-guest", TWI_TEE_CCA },
};

static const char *const tee_label[] = {
	[TWI_TEE_SNP] = "AMD SEV-SNP",
	[TWI_TEE_TDX] = "Intel TDX",
	[TWI_TEE_CCA] = "Arm CCA",
};

/* Read a whole attribute, at most @max bytes; -EMSGSIZE beyond. */
static int read_attr(const char *dir, const char *name, size_t max,
		     uint8_t **out, size_t *len)
{
	char path[PATH_MAX + 32];
	uint8_t *buf = NULL, *nbuf;
	size_t n = 0, cap = 0;
	int fd, ret = 0;
	ssize_t r;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	for (;;) {
		if (n == cap) {
			cap = cap ? 2 * cap : 4096;
			nbuf = realloc(buf, cap);
			if (!nbuf) {
				ret = -ENOMEM;
				break;
			}
			buf = nbuf;
		}
		r = read(fd, buf + n, cap - n);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0) {
			ret = r < 0 ? -errno : 0;
			break;
		}
		n += r;
		if (n > max) {
			ret = -EMSGSIZE;
			break;
		}
	}
	close(fd);
	if (ret) {
		free(buf);
		return ret;
	}
	*out = buf;
	*len = n;
	return 0;
}

static int write_attr(const char *dir, const char *name, const void *data,
		      size_t len)
{
	char path[PATH_MAX + 32];
	ssize_t w;
	int fd, ret = 0;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	fd = open(path, O_WRONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	w = write(fd, data, len);
	if (w != (ssize_t)len)
		ret = w < 0 ? -errno : -EIO;
	/* configfs commits a binary attribute when it is closed */
	if (close(fd) && !ret)
		ret = -errno;
	return ret;
}

static int read_text(const char *dir, const char *name, char *out,
		     size_t cap)
{
	uint8_t *buf;
	size_t len;
	int ret;

	ret = read_attr(dir, name, cap - 1, &buf, &len);
	if (ret)
		return ret;
	while (len && (buf[len - 1] == '\n' || buf[len - 1] == '\0'))
		len--;
	memcpy(out, buf, len);
	out[len] = '\0';
	free(buf);
	return 0;
}

static int read_generation(const char *dir, unsigned long *gen)
{
	char text[32], *end;
	int ret;

	ret = read_text(dir, "generation", text, sizeof(text));
	if (ret)
		return ret;
	*gen = strtoul(text, &end, 10);
	return end == text ? -EBADMSG : 0;
}

static int make_dir(struct twi_tee_backend *b, char *dir, size_t len)
{
	if (snprintf(dir, len, "%s/twid-%d-%u", b->root, (int)getpid(),
		     b->serial++) >= (int)len)
		return -ENAMETOOLONG;
	return mkdir(dir, 0700) ? -errno : 0;
}

/* One attempt: inblob in, outblob and auxblob out, generation checked. */
static int tsm_once(const char *dir, const uint8_t *report_data,
		    struct twi_tee_report *r)
{
	unsigned long before, after;
	int ret;

	ret = write_attr(dir, "inblob", report_data, TWI_REPORT_DATA_LEN);
	if (!ret)
		ret = read_generation(dir, &before);
	if (!ret)
		ret = read_attr(dir, "outblob", TWI_EVIDENCE_MAX, &r->report,
				&r->report_len);
	if (ret)
		return ret;
	ret = read_attr(dir, "auxblob", TWI_AUX_MAX, &r->aux, &r->aux_len);
	if (ret == -ENOENT || ret == -ENXIO || ret == -EOPNOTSUPP ||
	    (!ret && !r->aux_len)) {
		free(r->aux);
		r->aux = NULL;
		r->aux_len = 0;
		ret = 0;
	}
	if (!ret)
		ret = read_generation(dir, &after);
	if (!ret && before != after)
		ret = -EAGAIN;
	if (!ret && !r->report_len)
		ret = -ENODATA;
	return ret;
}

static int tsm_get(struct twi_tee_backend *b, const uint8_t *report_data,
		   struct twi_tee_report *r)
{
	char dir[PATH_MAX];
	int ret, tries;

	ret = make_dir(b, dir, sizeof(dir));
	if (ret)
		return ret;
	/* the kernel's documentation: retry when generation moved */
	for (tries = 0; tries < 2; tries++) {
		memset(r, 0, sizeof(*r));
		ret = tsm_once(dir, report_data, r);
		if (ret != -EAGAIN)
			break;
		twi_tee_report_free(r);
	}
	if (ret)
		twi_tee_report_free(r);
	rmdir(dir);
	return ret;
}

static void tsm_close(struct twi_tee_backend *b)
{
}

/* Mount configfs if it is not mounted yet. */
static void mount_configfs(void)
{
	struct stat st;
	char probe[64];

	snprintf(probe, sizeof(probe), "%s/tsm", TWI_CONFIGFS);
	if (!stat(probe, &st))
		return;
	mount("configfs", TWI_CONFIGFS, "configfs", 0, NULL);
}

/* The provider's name, from a probe directory. */
static int read_provider(struct twi_tee_backend *b, char *name, size_t len)
{
	char dir[PATH_MAX];
	int ret;

	ret = make_dir(b, dir, sizeof(dir));
	if (ret)
		return ret;
	ret = read_text(dir, "provider", name, len);
	rmdir(dir);
	return ret;
}

/*
 * Report directories an earlier twid left when it was killed between
 * mkdir and rmdir.  They hold no secret, but the kernel keeps them (and
 * a provider cannot be registered again while any exists): remove those
 * whose twid is gone.
 */
static void remove_stale(const char *root)
{
	char dir[PATH_MAX];
	struct dirent *d;
	unsigned int n;
	DIR *dp;
	int pid;

	dp = opendir(root);
	if (!dp)
		return;
	while ((d = readdir(dp))) {
		if (sscanf(d->d_name, "twid-%d-%u", &pid, &n) != 2 ||
		    pid == getpid() || !kill(pid, 0) || errno != ESRCH)
			continue;
		if (snprintf(dir, sizeof(dir), "%s/%s", root, d->d_name) <
		    (int)sizeof(dir) && !rmdir(dir))
			fprintf(stderr, "twid: removed %s, left by a twid that died\n",
				dir);
	}
	closedir(dp);
}

int twi_tsm_open(struct twi_tee_backend *b, const char *root,
		 uint32_t force_tee, char *why, size_t why_len)
{
	char provider[64];
	struct stat st;
	size_t i;
	int ret;

	if (!strcmp(root, TWI_TSM_ROOT))
		mount_configfs();
	ret = stat(root, &st) ? -errno : 0;
	if (!ret && !S_ISDIR(st.st_mode))
		ret = -ENOTDIR;
	if (ret) {
		snprintf(why, why_len, "no configfs-tsm (%s)", root);
		return ret;
	}
	snprintf(b->root, sizeof(b->root), "%s", root);
	remove_stale(root);
	ret = read_provider(b, provider, sizeof(provider));
	if (ret == -ENXIO || ret == -ENOENT) {
		snprintf(why, why_len, "configfs-tsm (%s) has no provider", root);
		return ret;
	}
	if (ret) {
		snprintf(why, why_len, "configfs-tsm at %s unusable: %s", root,
			 strerror(-ret));
		return ret;
	}
	b->tee = force_tee;
	for (i = 0; !b->tee && i < sizeof(providers) / sizeof(providers[0]); i++)
		if (!strcmp(provider, providers[i].provider))
			b->tee = providers[i].tee;
	if (!b->tee) {
		snprintf(why, why_len, "configfs-tsm provider '%s' is not a TEE twid knows (sev_guest, tdx_guest, arm-cca-guest; or use --tee)",
			 provider);
		return -ENODEV;
	}
	snprintf(b->description, sizeof(b->description),
		 "configfs-tsm (provider %s): %s", provider, tee_label[b->tee]);
	b->get = tsm_get;
	b->close = tsm_close;
	return 0;
}
