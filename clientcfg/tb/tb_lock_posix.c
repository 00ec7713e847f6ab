/* tb_lock_posix.c — Thunderbird's signs on Linux (tb_lock.h): the fcntl
 * lock on .parentlock, the `lock` symlink, the process list.
 * mozilla-central's toolkit/profile/nsProfileLock.cpp (nsProfileLock::Lock,
 * XP_UNIX), which Thunderbird uses: LOCKFILE_NAME u".parentlock" locked
 * with fcntl, and OLD_LOCKFILE_NAME u"lock", a symlink "ip:+pid". Built on
 * Linux; empty on Windows (tb_lock_win.c). */
#ifndef _WIN32

#include "clientcfg/tb/tb_lock.h"
#include "clientcfg/tb/tb_lock_private.h"

#include "core/base/os.h"

#include <glib.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

/* The names Thunderbird's program runs under ("thunderbird",
 * "thunderbird-bin"; also the name a lab or test copy runs under). */
const char *const tb_program_names[] = {"thunderbird", "thunderbird-bin", NULL};

/* .parentlock is never deleted; only a held lock on it means "running". */
static bool parentlock_held(const char *dir, pid_t *pid)
{
	char *path = g_build_filename(dir, ".parentlock", NULL);
	long holder = 0;
	bool held = os_file_lock_held(path, &holder);
	g_free(path);
	if (held && pid)
		*pid = (pid_t)holder;
	return held;
}

/* The `lock` symlink: "127.0.1.1:+12345" (or without '+'). It stays when
 * Thunderbird crashes, and its pid may be reused by any other program: it
 * counts only while that pid is a Thunderbird process. */
static bool symlink_held(const char *dir, pid_t *pid)
{
	char *path = g_build_filename(dir, "lock", NULL);
	char target[256];
	bool linked = os_link_target(path, target, sizeof target);
	g_free(path);
	if (!linked)
		return false;
	char *colon = strrchr(target, ':');
	if (!colon)
		return false;
	char *num = colon + 1 + (colon[1] == '+');
	char *end;
	long p = strtol(num, &end, 10);
	if (end == num || *end || p <= 0 || p > INT_MAX)
		return false;
	if (!os_pid_runs(p, tb_program_names))
		return false;
	if (pid)
		*pid = (pid_t)p;
	return true;
}

bool tb_profile_in_use(const char *profile_dir, pid_t *pid)
{
	if (pid)
		*pid = 0;
	return parentlock_held(profile_dir, pid) ||
	       symlink_held(profile_dir, pid);
}

#endif
