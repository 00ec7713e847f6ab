/* tb_lock.h — is Thunderbird using this profile now, and keeping two
 * maildoctors from changing one profile at once. */
#ifndef MD_TB_LOCK_H
#define MD_TB_LOCK_H

#include "core/base/err.h"

#include <stdbool.h>
#include <sys/types.h>

/* True when Thunderbird holds the profile: the fcntl lock on .parentlock,
 * or the `lock` symlink ("ip:+pid") naming a live process whose executable
 * is Thunderbird's (a stale link to a dead or reused pid does not count).
 * *pid gets the holder's pid when known, else 0. */
bool tb_profile_in_use(const char *profile_dir, pid_t *pid);

/* True when a Thunderbird process of this user runs on this machine
 * (its program is "thunderbird" or "thunderbird-bin"). */
bool tb_process_running(pid_t *pid);

/* Take maildoctor's own exclusive lock on the profile folder (flock on
 * the folder itself, so no file is left behind). Returns a descriptor to
 * pass to tb_unlock(), or -1 with MD_ERR_BUSY in err when another
 * maildoctor holds it. */
int tb_lock(const char *profile_dir, struct md_err *err);
void tb_unlock(int fd);

#endif
