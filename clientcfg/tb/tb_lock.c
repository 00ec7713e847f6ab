/* tb_lock.c — the lock files Thunderbird (Gecko's nsProfileLock) leaves in a
 * profile, the process list, and maildoctor's own lock. */
#include "clientcfg/tb/tb_lock.h"

#include "core/base/i18n.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <glib.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

/* .parentlock is never deleted; only a held fcntl lock means "running". */
static bool parentlock_held(const char *dir, pid_t *pid)
{
	char *path = g_build_filename(dir, ".parentlock", NULL);
	int fd = open(path, O_RDWR | O_CLOEXEC);
	if (fd < 0)
		fd = open(path, O_RDONLY | O_CLOEXEC);
	g_free(path);
	if (fd < 0)
		return false;
	struct flock fl = {.l_type = F_WRLCK, .l_whence = SEEK_SET};
	bool held = fcntl(fd, F_GETLK, &fl) == 0 && fl.l_type != F_UNLCK;
	if (held && pid)
		*pid = fl.l_pid;
	close(fd);
	return held;
}

/* Is this the name of Thunderbird's program ("thunderbird",
 * "thunderbird-bin"; also the name a lab or test copy runs under)? */
static bool is_thunderbird_name(const char *name)
{
	return strcmp(name, "thunderbird") == 0 ||
	       strcmp(name, "thunderbird-bin") == 0;
}

/* Does process pid run Thunderbird? Its executable's name, or, where that
 * link cannot be read (another user's process), its command name. */
static bool pid_is_thunderbird(long pid)
{
	char path[64], exe[4096];
	snprintf(path, sizeof path, "/proc/%ld/exe", pid);
	ssize_t n = readlink(path, exe, sizeof exe - 1);
	if (n > 0) {
		exe[n] = '\0';
		/* " (deleted)" after an upgrade replaced the binary */
		char *del = strstr(exe, " (deleted)");
		if (del && del[10] == '\0')
			*del = '\0';
		const char *base = strrchr(exe, '/');
		return is_thunderbird_name(base ? base + 1 : exe);
	}
	char comm[64] = "";
	snprintf(path, sizeof path, "/proc/%ld/comm", pid);
	FILE *f = fopen(path, "re");
	if (!f)
		return false;
	if (fgets(comm, sizeof comm, f))
		comm[strcspn(comm, "\n")] = '\0';
	fclose(f);
	return is_thunderbird_name(comm);
}

/* The `lock` symlink: "127.0.1.1:+12345" (or without '+'). It stays when
 * Thunderbird crashes, and its pid may be reused by any other program: it
 * counts only while that pid is a Thunderbird process. */
static bool symlink_held(const char *dir, pid_t *pid)
{
	char *path = g_build_filename(dir, "lock", NULL);
	char target[256];
	ssize_t n = readlink(path, target, sizeof target - 1);
	g_free(path);
	if (n <= 0)
		return false;
	target[n] = '\0';
	char *colon = strrchr(target, ':');
	if (!colon)
		return false;
	char *num = colon + 1 + (colon[1] == '+');
	char *end;
	long p = strtol(num, &end, 10);
	if (end == num || *end || p <= 0 || p > INT_MAX)
		return false;
	if ((kill((pid_t)p, 0) == 0 || errno == EPERM) && pid_is_thunderbird(p)) {
		if (pid)
			*pid = (pid_t)p;
		return true;
	}
	return false;
}

bool tb_profile_in_use(const char *profile_dir, pid_t *pid)
{
	if (pid)
		*pid = 0;
	return parentlock_held(profile_dir, pid) || symlink_held(profile_dir, pid);
}

bool tb_process_running(pid_t *pid)
{
	DIR *d = opendir("/proc");
	if (!d)
		return false;
	bool found = false;
	uid_t me = getuid();
	struct dirent *de;
	while (!found && (de = readdir(d)) != NULL) {
		char *end;
		long p = strtol(de->d_name, &end, 10);
		if (*end || p <= 0)
			continue;
		char comm_path[64], comm[64] = "";
		snprintf(comm_path, sizeof comm_path, "/proc/%ld/comm", p);
		FILE *f = fopen(comm_path, "re");
		if (!f)
			continue;
		if (fgets(comm, sizeof comm, f))
			comm[strcspn(comm, "\n")] = '\0';
		fclose(f);
		if (!is_thunderbird_name(comm))
			continue;
		char status_path[64];
		snprintf(status_path, sizeof status_path, "/proc/%ld", p);
		struct stat st;
		if (stat(status_path, &st) == 0 && st.st_uid == me) {
			found = true;
			if (pid)
				*pid = (pid_t)p;
		}
	}
	closedir(d);
	return found;
}

int tb_lock(const char *profile_dir, struct md_err *err)
{
	int fd = open(profile_dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0) {
		md_err_sys(err, MD_ERR_IO, errno, profile_dir,
			   _("cannot open %s: %s"), profile_dir, strerror(errno));
		return -1;
	}
	if (flock(fd, LOCK_EX | LOCK_NB) != 0) {
		int e = errno;
		close(fd);
		if (e == EWOULDBLOCK)
			md_err_set(err, MD_ERR_BUSY, profile_dir, 0,
				   _("another maildoctor is changing %s right "
				     "now; try again when it has finished"),
				   profile_dir);
		else
			md_err_sys(err, MD_ERR_IO, e, profile_dir,
				   _("cannot lock %s: %s"), profile_dir,
				   strerror(e));
		return -1;
	}
	return fd;
}

void tb_unlock(int fd)
{
	if (fd >= 0)
		close(fd); /* closing releases the flock */
}
