/* safe_write.c — atomic replacement (temp file, fsync, rename, fsync of the
 * folder) and timestamped backups; the system's part of each step is
 * os.h's, so the same steps run on Linux and Windows. */
#include "core/base/safe_write.h"

#include "core/base/compat.h"
#include "core/base/file_read.h"
#include "core/base/i18n.h"
#include "core/base/os.h"

#include <errno.h>
#include <glib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define SAFE_MAX_BYTES (256u << 20)

static const struct safe_sys real_sys = {os_fsync, os_replace, os_fchown,
					 os_geteuid};
const struct safe_sys *safe_sys = &real_sys;

/* The error a person can act on: disk full and read-only are said so. */
static enum md_status write_error(struct md_err *err, int e, const char *path)
{
	if (e == ENOSPC || e == EDQUOT)
		return md_err_sys(
		    err, MD_ERR_IO, e, path,
		    _("cannot write %s: the disk is full; nothing "
		      "was changed"),
		    path);
	if (e == EROFS || e == EACCES || e == EPERM)
		return md_err_sys(err, MD_ERR_IO, e, path,
				  _("cannot write %s: the folder is read-only "
				    "or not yours; nothing was changed"),
				  path);
	return md_err_sys(err, MD_ERR_IO, e, path,
			  _("cannot write %s: %s; nothing was changed"), path,
			  strerror(e));
}

static int write_all(int fd, const char *p, size_t len)
{
	while (len > 0) {
		ssize_t n = write(fd, p, len);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

/* fsync the folder holding path so the rename itself is durable. */
static void sync_dir(const char *path)
{
	char *dir = g_path_get_dirname(path);
	int fd = os_dir_open(dir);
	if (fd >= 0) {
		safe_sys->fsync(fd);
		close(fd);
	}
	g_free(dir);
}

/* Run as root (sudo) on a person's profile, a new file must stay theirs:
 * give fd the owner of the file it replaces, or else of its folder, so that
 * Thunderbird can still read a 0600 prefs.js and the person can undo. */
static int keep_owner(int fd, const char *path)
{
	if (safe_sys->geteuid() != 0)
		return 0;
	unsigned uid, gid;
	if (!os_owner(path, &uid, &gid)) {
		char *dir = g_path_get_dirname(path);
		bool known = os_owner(dir, &uid, &gid);
		g_free(dir);
		if (!known)
			return 0;
	}
	return safe_sys->fchown(fd, uid, gid);
}

enum md_status safe_write(const char *path, const void *data, size_t len,
			  mode_t mode, struct md_err *err)
{
	char *tmp = g_strdup_printf("%s.maildoctor-tmp-XXXXXX", path);
	int fd = os_create_temp(tmp);
	if (fd < 0) {
		int e = errno;
		g_free(tmp);
		return write_error(err, e, path);
	}
	int e = 0;
	if (write_all(fd, data, len) != 0 || keep_owner(fd, path) != 0 ||
	    os_fchmod(fd, mode & 07777) != 0 || safe_sys->fsync(fd) != 0)
		e = errno;
	if (close(fd) != 0 && !e)
		e = errno;
	if (!e && safe_sys->rename(tmp, path) != 0)
		e = errno;
	if (e) {
		os_unlink(tmp);
		g_free(tmp);
		return write_error(err, e, path);
	}
	g_free(tmp);
	sync_dir(path);
	return MD_OK;
}

enum md_status safe_read(const char *path, char **data, size_t *len,
			 mode_t *mode, struct md_err *err)
{
	*data = NULL;
	*len = 0;
	FILE *f;
	enum md_status rc = file_read_open(path, NULL, &f, err);
	if (rc != MD_OK)
		return rc;
	struct stat st;
	if (fstat(fileno(f), &st) != 0 || !S_ISREG(st.st_mode)) {
		fclose(f);
		return md_err_set(err, MD_ERR_IO, path, 0,
				  _("%s is not a regular file"), path);
	}
	rc = file_read_stream(f, path, SAFE_MAX_BYTES, NULL, data, len, err);
	fclose(f);
	if (rc == MD_OK && mode)
		*mode = st.st_mode & 07777;
	return rc;
}

enum md_status safe_backup(const char *path, char **backup, struct md_err *err)
{
	*backup = NULL;
	char *data;
	size_t len;
	mode_t mode;
	enum md_status st = safe_read(path, &data, &len, &mode, err);
	if (st != MD_OK)
		return st;
	char stamp[32];
	time_t now = time(NULL);
	struct tm tm;
	localtime_r(&now, &tm);
	strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", &tm);
	char *name = NULL;
	for (int i = 1; i < 1000; i++) {
		name = i == 1 ? g_strdup_printf("%s.maildoctor-%s.bak", path,
						stamp)
			      : g_strdup_printf("%s.maildoctor-%s-%d.bak", path,
						stamp, i);
		if (!os_exists(name))
			break;
		g_free(name);
		name = NULL;
	}
	if (!name) {
		free(data);
		return md_err_set(err, MD_ERR_IO, path, 0,
				  _("too many backups of %s this second"),
				  path);
	}
	st = safe_write(name, data, len, mode, err);
	free(data);
	if (st != MD_OK) {
		g_free(name);
		return st;
	}
	*backup = strdup(name);
	g_free(name);
	if (!*backup)
		return md_err_set(err, MD_ERR_NOMEM, path, 0, NULL);
	return MD_OK;
}

void safe_sha256(const void *data, size_t len, char out[65])
{
	GChecksum *c = g_checksum_new(G_CHECKSUM_SHA256);
	g_checksum_update(c, data, (gssize)len);
	snprintf(out, 65, "%s", g_checksum_get_string(c));
	g_checksum_free(c);
}
