/* tb_lock_win.c — Thunderbird's signs on Windows (tb_lock.h): parent.lock
 * held open without sharing, and thunderbird.exe in the process list.
 * Thunderbird (comm-central) takes its profile lock with mozilla-central's
 * toolkit/profile/nsProfileLock.cpp (read in the mozilla/gecko-dev mirror,
 * commit 43a0ca9f; profile/dirserviceprovider/ in older trees):
 * nsProfileLock::Lock, XP_WIN: LOCKFILE_NAME u"parent.lock", opened with
 * CreateFileW(GENERIC_READ | GENERIC_WRITE, share mode 0 "no sharing - of
 * course", CREATE_ALWAYS) and held until Unlock() closes it; "always create
 * the profile lock and never delete it", so the file outlives Thunderbird
 * and only a refused exclusive open (os_file_lock_held(): ERROR_SHARING_
 * VIOLATION) means it runs. Built on Windows; empty on Linux. */
#ifdef _WIN32

#include "clientcfg/tb/tb_lock.h"
#include "clientcfg/tb/tb_lock_private.h"

#include "core/base/os.h"

#include <glib.h>

/* thunderbird.exe (os_process_running() drops ".exe", any case). */
const char *const tb_program_names[] = {"thunderbird", NULL};

bool tb_profile_in_use(const char *profile_dir, pid_t *pid)
{
	if (pid)
		*pid = 0;
	char *path = g_build_filename(profile_dir, "parent.lock", NULL);
	bool held = os_file_lock_held(path, NULL);
	g_free(path);
	return held;
}

#endif
