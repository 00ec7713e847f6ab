/* tb_lock.h — is Thunderbird using this profile now, and keeping two
 * maildoctors from changing one profile at once. The signs differ by
 * system: tb_lock_posix.c (Linux), tb_lock_win.c (Windows), and
 * tb_lock_wsl.h for a Windows profile seen from WSL (/mnt/c/…). */
#ifndef MD_TB_LOCK_H
#define MD_TB_LOCK_H

#include "core/base/err.h"

#include <stdbool.h>
#include <sys/types.h>

/* True when Thunderbird holds the profile by its lock file (Gecko's
 * nsProfileLock). Linux: the fcntl lock on .parentlock, or the `lock`
 * symlink ("ip:+pid") naming a live process whose executable is
 * Thunderbird's (a stale link to a dead or reused pid does not count).
 * Windows: parent.lock cannot be opened without sharing (Thunderbird
 * keeps it open with share mode 0 while it runs; the file stays after it
 * exits, so the file alone means nothing). *pid gets the holder's pid
 * when known, else 0. */
bool tb_profile_in_use(const char *profile_dir, pid_t *pid);

/* True when a Thunderbird process of this user runs on this machine
 * (Linux: its program is "thunderbird" or "thunderbird-bin"; Windows:
 * thunderbird.exe, any case). */
bool tb_process_running(pid_t *pid);

/* Whether Thunderbird may be using a profile now. */
enum tb_use {
	TB_USE_NONE,	/* no sign of it */
	TB_USE_RUNNING, /* a sign: its lock is held or its program runs */
	TB_USE_UNKNOWN, /* cannot tell: Windows's process list could not be
			   read (a profile on a Windows drive, from WSL) */
};

/* Every sign this system has for profile_dir: the lock file
 * (tb_profile_in_use()); then, for a profile on a Windows drive seen from
 * WSL (tb_wsl_windows_path()), Windows's process list through
 * tasklist.exe (tb_wsl_windows_use()), not Linux's; else this system's
 * process list (tb_process_running()). *pid gets the process when known,
 * else 0. With TB_USE_UNKNOWN, why gets the sentence saying why. */
enum tb_use tb_profile_use(const char *profile_dir, long *pid,
			   struct md_err *why);

/* Take maildoctor's own exclusive lock on the profile folder (flock on
 * the folder itself, so no file is left behind). Returns a descriptor to
 * pass to tb_unlock(), or -1 with MD_ERR_BUSY in err when another
 * maildoctor holds it. */
int tb_lock(const char *profile_dir, struct md_err *err);
void tb_unlock(int fd);

#endif
