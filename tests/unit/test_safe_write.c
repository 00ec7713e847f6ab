/* test_safe_write.c — the promises of core/base/safe_write.c that a SIGKILL
 * test cannot see: the temporary file is synced before the rename and the
 * folder after it (recorded through the safe_sys seam); a failed sync
 * leaves the file untouched; run as root on another person's file, the new
 * file and its backup keep that person as owner and the same mode. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "core/base/safe_write.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
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
static uid_t fake_euid;
static int fail_fsync;
static uid_t chown_uid = (uid_t)-1;

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
		char link[64];
		snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
		ssize_t n = readlink(link, synced, sizeof synced - 1);
		synced[n > 0 ? n : 0] = '\0';
		note("sync-file");
	}
	if (fail_fsync) {
		errno = EIO;
		return -1;
	}
	return fsync(fd);
}

static int rec_rename(const char *from, const char *to)
{
	snprintf(renamed, sizeof renamed, "%s", from);
	note("rename");
	return rename(from, to);
}

static int rec_fchown(int fd, uid_t uid, gid_t gid)
{
	chown_uid = uid;
	note("chown");
	return fchown(fd, uid, gid);
}

static uid_t rec_geteuid(void)
{
	return fake_euid;
}

static const struct safe_sys recorder = {rec_fsync, rec_rename, rec_fchown,
					 rec_geteuid};

static char dir[64];
static char path[128];

static int setup(void **state)
{
	(void)state;
	snprintf(dir, sizeof dir, "/tmp/md-safe-XXXXXX");
	if (!mkdtemp(dir))
		return -1;
	snprintf(path, sizeof path, "%s/prefs.js", dir);
	events[0] = synced[0] = renamed[0] = '\0';
	fake_euid = geteuid();
	fail_fsync = 0;
	chown_uid = (uid_t)-1;
	safe_sys = &recorder;
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	DIR *d = opendir(dir);
	struct dirent *e;
	while (d && (e = readdir(d))) {
		char p[512];
		if (e->d_name[0] == '.')
			continue;
		snprintf(p, sizeof p, "%s/%s", dir, e->d_name);
		unlink(p);
	}
	if (d)
		closedir(d);
	rmdir(dir);
	return 0;
}

static void write_file(const char *p, const char *text, mode_t mode)
{
	FILE *f = fopen(p, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
	assert_int_equal(chmod(p, mode), 0);
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

/* The number of entries in dir (the temporary file must be gone). */
static int entries(void)
{
	int n = 0;
	DIR *d = opendir(dir);
	struct dirent *e;
	while (d && (e = readdir(d)))
		n += e->d_name[0] != '.';
	if (d)
		closedir(d);
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
	assert_string_equal(events, "sync-file rename sync-dir ");
	/* the file synced is the one renamed, not another */
	assert_string_equal(synced, renamed);
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
	if (geteuid() != 0)
		skip(); /* giving a file away needs root */
	assert_int_equal(chown(path, OTHER_UID, OTHER_GID), 0);
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
	if (geteuid() != 0)
		skip();
	struct md_err err;
	struct stat st;
	fake_euid = 0;
	assert_int_equal(chown(dir, OTHER_UID, OTHER_GID), 0);
	write_file(path, "old\n", 0600);
	assert_int_equal(chown(path, OTHER_UID, OTHER_GID), 0);
	assert_int_equal(safe_write(path, "new\n", 4, 0600, &err), MD_OK);
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_uid, OTHER_UID);
	assert_int_equal(st.st_gid, OTHER_GID);
	assert_int_equal(st.st_mode & 07777, 0600);

	char fresh[160];
	snprintf(fresh, sizeof fresh, "%s/journal", dir);
	assert_int_equal(safe_write(fresh, "j\n", 2, 0600, &err), MD_OK);
	assert_int_equal(stat(fresh, &st), 0);
	assert_int_equal(st.st_uid, OTHER_UID);
	assert_int_equal(st.st_mode & 07777, 0600);

	assert_int_equal(chmod(path, 0640), 0);
	char *backup = NULL;
	assert_int_equal(safe_backup(path, &backup, &err), MD_OK);
	assert_int_equal(stat(backup, &st), 0);
	assert_int_equal(st.st_uid, OTHER_UID);
	assert_int_equal(st.st_gid, OTHER_GID);
	assert_int_equal(st.st_mode & 07777, 0640);
	assert_content(backup, "new\n");
	free(backup);
}

/* The backup keeps the original's mode (not the 0600 of a temporary). */
static void test_backup_mode(void **state)
{
	(void)state;
	struct md_err err;
	struct stat st;
	write_file(path, "old\n", 0644);
	char *backup = NULL;
	assert_int_equal(safe_backup(path, &backup, &err), MD_OK);
	assert_int_equal(stat(backup, &st), 0);
	assert_int_equal(st.st_mode & 07777, 0644);
	assert_content(backup, "old\n");
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
