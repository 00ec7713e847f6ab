/* test_safe_write.c — the promises of core/base/safe_write.c that a SIGKILL
 * test cannot see: the temporary file is synced before the rename and the
 * folder after it (recorded through the safe_sys seam); a failed sync
 * leaves the file untouched; run as root on another person's file, the new
 * file and its backup keep that person as owner and the same mode. Built
 * for Windows too, through os.h: there no folder is synced (os_dir_open()
 * says so), and modes and owners are Linux's (their tests skip). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "core/base/os.h"
#include "core/base/safe_write.h"

#include <errno.h>
#include <glib.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define OTHER_UID 65534
#define OTHER_GID 65534

/* What the recording seam saw, one event a line. */
static char events[1024];
static char synced[512];  /* the path of the last file fd synced */
static char renamed[512]; /* the "from" of the last rename */
static unsigned fake_euid;
static int fail_fsync;
static unsigned chown_uid = (unsigned)-1;

static void note(const char *what)
{
	strncat(events, what, sizeof events - strlen(events) - 1);
	strncat(events, " ", sizeof events - strlen(events) - 1);
}

static int rec_fsync(int fd)
{
	struct stat st;
	if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
		note("sync-dir");
	} else {
		if (!os_fd_path(fd, synced, sizeof synced))
			synced[0] = '\0';
		note("sync-file");
	}
	if (fail_fsync) {
		errno = EIO;
		return -1;
	}
	return os_fsync(fd);
}

static int rec_rename(const char *from, const char *to)
{
	snprintf(renamed, sizeof renamed, "%s", from);
	note("rename");
	return os_replace(from, to);
}

static int rec_fchown(int fd, unsigned uid, unsigned gid)
{
	chown_uid = uid;
	note("chown");
	return os_fchown(fd, uid, gid);
}

static unsigned rec_geteuid(void)
{
	return fake_euid;
}

static const struct safe_sys recorder = {rec_fsync, rec_rename, rec_fchown,
					 rec_geteuid};

static char dir[512];
static char path[600];

/* Whether files have Linux's modes and owners here (not on Windows). */
static bool posix_files(void)
{
	unsigned uid, gid;
	return os_owner(dir, &uid, &gid);
}

/* Whether a folder is synced after a rename in it (not on Windows). */
static bool dirs_sync(void)
{
	int fd = os_dir_open(dir);
	if (fd < 0)
		return false;
	close(fd);
	return true;
}

static int setup(void **state)
{
	(void)state;
	/* $TMPDIR or /tmp on Linux, %TEMP% on Windows */
	gchar *d = g_dir_make_tmp("md-safe-XXXXXX", NULL);
	if (!d)
		return -1;
	snprintf(dir, sizeof dir, "%s", d);
	g_free(d);
	snprintf(path, sizeof path, "%s%sprefs.js", dir, os_sep);
	events[0] = synced[0] = renamed[0] = '\0';
	fake_euid = os_geteuid();
	fail_fsync = 0;
	chown_uid = (unsigned)-1;
	safe_sys = &recorder;
	return 0;
}

static bool remove_entry(const char *name, void *ctx)
{
	(void)ctx;
	char p[1200];
	snprintf(p, sizeof p, "%s%s%s", dir, os_sep, name);
	os_unlink(p);
	return true;
}

static int teardown(void **state)
{
	(void)state;
	os_dir_each(dir, remove_entry, NULL);
	g_rmdir(dir);
	return 0;
}

static void write_file(const char *p, const char *text, unsigned mode)
{
	FILE *f = os_fopen(p, "wb");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
	if (posix_files())
		assert_int_equal(g_chmod(p, (int)mode), 0);
}

/* chown() of a file or folder, through a descriptor (the only way os.h
 * has). */
static int give_away(const char *p, unsigned uid, unsigned gid, bool folder)
{
	FILE *f = folder ? NULL : os_fopen(p, "rb");
	int fd = folder ? os_dir_open(p) : f ? fileno(f) : -1;
	int r = fd >= 0 ? os_fchown(fd, uid, gid) : -1;
	if (f)
		fclose(f);
	else if (fd >= 0)
		close(fd);
	return r;
}

/* The owner and mode of p. */
static void owner_mode(const char *p, unsigned *uid, unsigned *gid,
		       unsigned *mode)
{
	struct os_stat st;
	assert_true(os_owner(p, uid, gid));
	assert_true(os_stat(p, &st));
	*mode = st.mode;
}

static void assert_content(const char *p, const char *text)
{
	char *data;
	size_t len;
	struct md_err err;
	assert_int_equal(safe_read(p, &data, &len, NULL, &err), MD_OK);
	assert_string_equal(data, text);
	free(data);
}

static bool count_entry(const char *name, void *n)
{
	*(int *)n += name[0] != '.';
	return true;
}

/* The number of entries in dir (the temporary file must be gone). */
static int entries(void)
{
	int n = 0;
	os_dir_each(dir, count_entry, &n);
	return n;
}

/* The temporary file is synced, then renamed over prefs.js, then the
 * folder synced: the order that survives a power cut. */
static void test_sync_order(void **state)
{
	(void)state;
	struct md_err err;
	write_file(path, "old\n", 0600);
	assert_int_equal(safe_write(path, "new\n", 4, 0600, &err), MD_OK);
	fake_euid = 1000; /* the order without the owner's step */
	events[0] = '\0';
	assert_int_equal(safe_write(path, "newer\n", 6, 0600, &err), MD_OK);
	assert_string_equal(events, dirs_sync() ? "sync-file rename sync-dir "
						: "sync-file rename ");
	/* the file synced is the one renamed, not another */
	char *real_renamed = os_realpath(dir);
	assert_non_null(real_renamed);
	assert_true(strncmp(synced, real_renamed, strlen(real_renamed)) == 0);
	free(real_renamed);
	assert_string_equal(strrchr(synced, os_sep[0]),
			    strrchr(renamed, os_sep[0]));
	assert_non_null(strstr(renamed, "prefs.js.maildoctor-tmp-"));
	assert_content(path, "newer\n");
	assert_int_equal(entries(), 1);
}

/* A sync that fails: no rename, the old file as it was, no temporary. */
static void test_sync_failure(void **state)
{
	(void)state;
	struct md_err err;
	write_file(path, "old\n", 0600);
	fail_fsync = 1;
	assert_int_equal(safe_write(path, "new\n", 4, 0600, &err), MD_ERR_IO);
	assert_null(strstr(events, "rename"));
	assert_content(path, "old\n");
	assert_int_equal(entries(), 1);
}

/* Not root: the owner is never touched. Root: the new file gets the
 * owner of the file it replaces, or of the folder for a new file. */
static void test_owner_branch(void **state)
{
	(void)state;
	struct md_err err;
	write_file(path, "old\n", 0600);
	fake_euid = 1000;
	assert_int_equal(safe_write(path, "new\n", 4, 0600, &err), MD_OK);
	assert_null(strstr(events, "chown"));
	if (os_geteuid() != 0)
		skip(); /* giving a file away needs root */
	assert_int_equal(give_away(path, OTHER_UID, OTHER_GID, false), 0);
	fake_euid = 0;
	assert_int_equal(safe_write(path, "new\n", 4, 0640, &err), MD_OK);
	assert_string_equal(events, "sync-file rename sync-dir chown sync-file "
				    "rename sync-dir ");
	assert_int_equal(chown_uid, OTHER_UID);
}

/* Run as root (sudo) on a profile of uid 65534: prefs.js, a new file and
 * the backup stay that user's, with the mode asked for / of the original. */
static void test_owner_under_sudo(void **state)
{
	(void)state;
	if (os_geteuid() != 0)
		skip();
	struct md_err err;
	unsigned uid, gid, mode;
	fake_euid = 0;
	assert_int_equal(give_away(dir, OTHER_UID, OTHER_GID, true), 0);
	write_file(path, "old\n", 0600);
	assert_int_equal(give_away(path, OTHER_UID, OTHER_GID, false), 0);
	assert_int_equal(safe_write(path, "new\n", 4, 0600, &err), MD_OK);
	owner_mode(path, &uid, &gid, &mode);
	assert_int_equal(uid, OTHER_UID);
	assert_int_equal(gid, OTHER_GID);
	assert_int_equal(mode, 0600);

	char fresh[700];
	snprintf(fresh, sizeof fresh, "%s/journal", dir);
	assert_int_equal(safe_write(fresh, "j\n", 2, 0600, &err), MD_OK);
	owner_mode(fresh, &uid, &gid, &mode);
	assert_int_equal(uid, OTHER_UID);
	assert_int_equal(mode, 0600);

	assert_int_equal(g_chmod(path, 0640), 0);
	char *backup = NULL;
	assert_int_equal(safe_backup(path, &backup, &err), MD_OK);
	owner_mode(backup, &uid, &gid, &mode);
	assert_int_equal(uid, OTHER_UID);
	assert_int_equal(gid, OTHER_GID);
	assert_int_equal(mode, 0640);
	assert_content(backup, "new\n");
	free(backup);
}

/* The backup keeps the original's mode (not the 0600 of a temporary). */
static void test_backup_mode(void **state)
{
	(void)state;
	struct md_err err;
	write_file(path, "old\n", 0644);
	char *backup = NULL;
	assert_int_equal(safe_backup(path, &backup, &err), MD_OK);
	assert_content(backup, "old\n");
	if (posix_files()) {
		struct os_stat st;
		assert_true(os_stat(backup, &st));
		assert_int_equal(st.mode, 0644);
	}
	free(backup);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_sync_order, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_sync_failure, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_owner_branch, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_owner_under_sudo, setup,
					    teardown),
	    cmocka_unit_test_setup_teardown(test_backup_mode, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
