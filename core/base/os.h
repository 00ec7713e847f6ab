/* os.h — the seam between maildoctor and the operating system: everything
 * that is done one way on Linux and another on Windows (files named in
 * UTF-8, the environment, the program's folder, processes, file locks) is
 * asked through here, so that the code above never holds an #ifdef _WIN32.
 * os_posix.c is the Linux side; a Windows side (os_win.c, UTF-16 "W"
 * calls, Toolhelp, LockFileEx) takes its place in the Windows build.
 * Paths are UTF-8 strings on both. */
#ifndef MD_OS_H
#define MD_OS_H

#include "core/base/err.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

/* fopen() of a UTF-8 path. The descriptor is close-on-exec. */
FILE *os_fopen(const char *path, const char *mode);

/* The environment variable's value, or NULL when unset. The string stays
 * valid until the variable is changed. */
const char *os_getenv(const char *name);

/* Whether path is a folder; a regular file; a regular file this user may
 * read. */
bool os_is_dir(const char *path);
bool os_is_file(const char *path);
bool os_is_readable_file(const char *path);

/* The folder holding the running program, e.g. /src/maildoctor/build, into
 * dir (len bytes); "" when it cannot be known. */
void os_exe_dir(char *dir, size_t len);

/* Calls each(name, ctx) for each entry of folder dir but "." and "..",
 * until each returns false. Returns false when dir cannot be read. */
bool os_dir_each(const char *dir, bool (*each)(const char *name, void *ctx),
		 void *ctx);

/* Whether a process of this user runs a program whose file name (without
 * folder, and without ".exe" on Windows) is one of names (a NULL-ended
 * list). *pid gets its id when one runs. */
bool os_process_running(const char *const *names, long *pid);

/* Whether process pid is alive and runs one of names (as above), of any
 * user. */
bool os_pid_runs(long pid, const char *const *names);

/* Whether another process holds a write lock on the file at path (Gecko's
 * .parentlock on Linux: an fcntl lock; parent.lock on Windows: opened
 * without sharing). *pid gets the holder when the system says, else 0.
 * A file that does not exist is not held. */
bool os_file_lock_held(const char *path, long *pid);

/* The target of the symbolic link at path into buf (len bytes); false when
 * path is no link or the target does not fit. */
bool os_link_target(const char *path, char *buf, size_t len);

/* maildoctor's own exclusive lock on folder dir, held until os_unlock()
 * (no file is left behind). Returns a handle; or -1 with *busy true when
 * another process holds it (err untouched: the caller says who); or -1
 * with err set when the folder cannot be opened or locked. */
int os_lock_dir(const char *dir, bool *busy, struct md_err *err);
void os_unlock(int handle);

#endif
