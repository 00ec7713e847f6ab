/* tb_lock_wsl.h — is Windows's Thunderbird running, asked from WSL: a
 * profile on a Windows drive (/mnt/c/Users/…/AppData/Roaming/Thunderbird)
 * belongs to the Thunderbird of Windows, whose process is not in Linux's
 * /proc and whose parent.lock share mode Linux cannot see; Windows's
 * tasklist.exe is asked instead (WSL runs Windows programs). Private to
 * clientcfg/tb (tb_lock.c); the tests replace the runner. */
#ifndef MD_TB_LOCK_WSL_H
#define MD_TB_LOCK_WSL_H

#include "clientcfg/tb/tb_lock.h"
#include "core/base/err.h"

#include <stdbool.h>

/* Whether path is on a Windows drive as WSL mounts it: <root>/<letter>/…
 * with root MAILDOCTOR_WSL_MNT when set (WSL's [automount] root in
 * /etc/wsl.conf may move it; tests point it at a folder of theirs), else
 * /mnt. Never on Windows itself (a path there is C:\…). */
bool tb_wsl_windows_path(const char *path);

/* How a Windows program is run: the seam a test replaces. run() runs the
 * program argv[0] names ("tasklist.exe") with argv (NULL-ended): true,
 * with *out its standard output (heap, NUL-ended, g_free()) and *status
 * its exit status; false when it cannot be run at all, with the sentence
 * in err. */
struct tb_runner {
	bool (*run)(void *ctx, const char *const *argv, char **out, int *status,
		    struct md_err *err);
	void *ctx;
};

/* What `tasklist /FI "IMAGENAME eq thunderbird.exe" /FO CSV /NH` printed
 * (out): 1 with *pid when a CSV row names thunderbird.exe (any case), 0
 * when no row does (Windows then prints one line "INFO: No tasks are
 * running which match the specified criteria." — translated, in the
 * console's code page, on a Windows in another language: so it is never
 * read, only the rows are), -1 when a line that starts like a row
 * ('"') is not one or when nothing at all was printed. */
int tb_tasklist_parse(const char *out, long *pid);

/* Whether Windows runs thunderbird.exe, asked through runner (NULL: the
 * real one, which runs tasklist.exe found on PATH, else
 * <root>/c/Windows/System32/tasklist.exe). TB_USE_UNKNOWN, with the
 * sentence in why, when tasklist.exe cannot be found or run, fails, or
 * answers in a form not understood. */
enum tb_use tb_wsl_windows_use(const struct tb_runner *runner, long *pid,
			       struct md_err *why);

#endif
