/* tb_lock.c — whether Thunderbird uses a profile, from the signs each
 * system has (tb_lock_posix.c, tb_lock_win.c, tb_lock_wsl.c), whether it
 * runs at all, and maildoctor's own lock (the system calls are in
 * core/base/os.h). */
#include "clientcfg/tb/tb_lock.h"
#include "clientcfg/tb/tb_lock_private.h"
#include "clientcfg/tb/tb_lock_wsl.h"

#include "core/base/i18n.h"
#include "core/base/os.h"

bool tb_process_running(pid_t *pid)
{
	long p = 0;
	bool running = os_process_running(tb_program_names, &p);
	if (pid)
		*pid = (pid_t)p;
	return running;
}

enum tb_use tb_profile_use(const char *profile_dir, long *pid,
			   struct md_err *why)
{
	pid_t p = 0;
	*pid = 0;
	if (tb_profile_in_use(profile_dir, &p)) {
		*pid = (long)p;
		return TB_USE_RUNNING;
	}
	if (tb_wsl_windows_path(profile_dir))
		return tb_wsl_windows_use(NULL, pid, why);
	if (tb_process_running(&p)) {
		*pid = (long)p;
		return TB_USE_RUNNING;
	}
	return TB_USE_NONE;
}

int tb_lock(const char *profile_dir, struct md_err *err)
{
	bool busy;
	int handle = os_lock_dir(profile_dir, &busy, err);
	if (handle < 0 && busy)
		md_err_set(err, MD_ERR_BUSY, profile_dir, 0,
			   _("another maildoctor is changing %s right "
			     "now; try again when it has finished"),
			   profile_dir);
	return handle;
}

void tb_unlock(int fd)
{
	os_unlock(fd);
}
