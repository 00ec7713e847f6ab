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
 * list of UTF-8 names). *pid gets its id when one runs, else 0. Windows:
 * a Toolhelp snapshot (CreateToolhelp32Snapshot, Process32FirstW/NextW),
 * the UTF-16 exe name compared without case ("Thunderbird.EXE" is
 * "thunderbird"), the process's token user compared with this one's.
 * Linux: /proc/<pid>/comm, exactly, which holds at most the first 15
 * bytes of the name (a longer name never matches), and /proc/<pid>'s
 * owner. tests/unit/test_os_process.c starts and stops such programs. */
bool os_process_running(const char *const *names, long *pid);

/* Whether process pid is alive and runs one of names (as above), of any
 * user: Linux, /proc/<pid>/exe's file name (its comm when that link
 * cannot be read); Windows, QueryFullProcessImageNameW's. */
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

/* ---- files -------------------------------------------------------------
 * Descriptors are the C library's (on Windows a CRT descriptor over a
 * HANDLE, binary, not inherited); failures return -1 or false with errno
 * set (ENOENT, EEXIST, EACCES, ENOSPC, EROFS…; Windows' error mapped). */

/* What os_stat() says of a path (links followed). */
struct os_stat {
	bool is_dir;
	bool is_file;	/* a regular file */
	long long size; /* bytes */
	unsigned mode;	/* the permission bits (Windows: 0666, or 0444
			   read-only) */
};
bool os_stat(const char *path, struct os_stat *st);

/* Whether anything (a file, a folder) is at path. */
bool os_exists(const char *path);

/* A new file at path, opened for writing; EEXIST when one is there. mode
 * is the Linux permission (Windows: the folder's inherited ACL). */
int os_create_new(const char *path, unsigned mode);

/* The same, the file readable and writable by this user alone: mode 0600
 * on Linux; on Windows an explicit, protected ACL granting the current
 * user (the process token's SID) full access and nobody else. */
int os_create_private(const char *path);

/* A new temporary file for writing: tmpl's last six characters (XXXXXX)
 * are replaced by a unique name in the same folder. Only this user may
 * read it (0600; Windows: not shared while open). */
int os_create_temp(char *tmpl);

/* Push fd's written bytes to the disk: fsync(); FlushFileBuffers(). */
int os_fsync(int fd);

/* Put the file from in place of to in one step: rename(); on Windows
 * ReplaceFileW (to keeps its ACL and attributes) when to exists, else
 * MoveFileExW with MOVEFILE_REPLACE_EXISTING | MOVEFILE_WRITE_THROUGH. */
int os_replace(const char *from, const char *to);

/* A descriptor of folder dir to fsync after a rename in it; -1 on
 * Windows, where a folder is not synced that way (MoveFileExW's
 * write-through and NTFS's journal make the rename durable). */
int os_dir_open(const char *dir);

/* fchmod(); nothing on Windows (the ACL decides). */
int os_fchmod(int fd, unsigned mode);

/* The Linux owner (uid, gid) of path; false on Windows, where a replaced
 * file keeps its owner and a new one is its creator's. */
bool os_owner(const char *path, unsigned *uid, unsigned *gid);

int os_unlink(const char *path);

/* The path of the file open as fd (Linux: /proc/self/fd; Windows:
 * GetFinalPathNameByHandleW, without the "\\?\" prefix), for a test that
 * records which file was synced. */
bool os_fd_path(int fd, char *buf, size_t len);

/* Linux's effective user id and fchown(), for keeping a file's owner when
 * run as root (sudo). Windows has no root to give files away: its
 * os_geteuid() is never 0 and os_fchown() does nothing. The ids are
 * unsigned, which is uid_t and gid_t on Linux. */
unsigned os_geteuid(void);
int os_fchown(int fd, unsigned uid, unsigned gid);

/* The absolute path of path with links resolved (heap, caller frees), or
 * NULL. */
char *os_realpath(const char *path);

/* Whether c separates folders in a path: '/' (and '\\' on Windows). */
bool os_is_sep(char c);

/* The last part of path, after its last separator (path itself when it
 * has none): "prefs.js" of "C:\\Users\\a\\prefs.js" on Windows. */
const char *os_base_name(const char *path);

/* Whether folder dir lies in a folder that Windows Explorer made in temp
 * (the user's temporary folder) to run one file of a zip opened as a
 * folder, without "Extract All": the first folder below temp is named
 * after the zip, "Temp<N>_<zip file's name>" (e.g.
 * %TEMP%\Temp1_maildoctor-0.1.0-win64.zip, maildoctor-0.1.0-win64 below
 * it), in later Windows 11 builds "<id>_<zip file's name>.zip.<...>": a
 * name with a '_' before a ".zip" that ends it or is followed by '.'.
 * ASCII letters compared without case, as Windows does. The same code on
 * both systems, for its tests; only Windows' os_install() asks it. */
bool os_in_zip_copy(const char *dir, const char *temp);

/* "/" or "\\": the separator a path built for a person is shown with. */
extern const char os_sep[];

/* ---- the process -------------------------------------------------------- */

long os_getpid(void);

/* Set or remove an environment variable of this process (UTF-8). */
int os_setenv(const char *name, const char *value);
int os_unsetenv(const char *name);

/* The folders of the person: HOME is $HOME on Linux and the profile
 * folder (FOLDERID_Profile, C:\Users\<name>) on Windows; ROAMING and
 * LOCAL are AppData\Roaming and AppData\Local (Known Folders), which
 * Linux does not have. false when there is none. */
enum os_folder { OS_FOLDER_HOME, OS_FOLDER_ROAMING, OS_FOLDER_LOCAL };
bool os_known_folder(enum os_folder which, char *buf, size_t len);

/* No crash dump may hold a password: on Linux no core file (RLIMIT_CORE 0,
 * PR_SET_DUMPABLE 0); on Windows no error-reporting dialog or dump
 * (SetErrorMode, WER told to leave the heap out, and an unhandled crash
 * ends the process at once instead of reaching Windows Error Reporting). */
void os_no_crash_dumps(void);

/* A stream written with fprintf and then read back whole: open_memstream
 * on Linux; on Windows (which lacks it) a temporary file of this user's,
 * never shared and deleted when closed. */
struct os_memstream {
	FILE *f;
	char *buf;
	size_t len;
};
bool os_memstream_open(struct os_memstream *m);
/* Closes m->f; returns what was written, NUL-terminated (heap, caller
 * frees; *len without the NUL), or NULL. */
char *os_memstream_close(struct os_memstream *m, size_t *len);

/* Whether fd (0, 1, 2) is a terminal a person reads: isatty() on Linux;
 * on Windows GetConsoleMode() on its handle (msvcrt's _isatty() also says
 * yes for the NUL device). */
bool os_is_terminal(int fd);

/* How the program came to be where it is, for what to say when its data
 * is missing beside it. */
enum os_install {
	OS_INSTALL_PACKAGE, /* Linux: a package or `make install` */
	OS_INSTALL_ZIP,	    /* Windows: the zip unpacked ("Extract All") */
	OS_INSTALL_ZIP_COPY /* Windows: started from inside the zip, Explorer
			       copying the exe alone (os_in_zip_copy()) */
};
/* Linux: OS_INSTALL_PACKAGE. Windows: OS_INSTALL_ZIP_COPY when the exe's
 * folder is in Explorer's temporary copy of a zip (GetTempPathW, both
 * paths in their long form by GetLongPathNameW), else OS_INSTALL_ZIP. */
enum os_install os_install(void);

/* ---- the language ------------------------------------------------------- */

/* setlocale(LC_ALL, "") on Linux, returning its answer. Windows keeps the C
 * library in the "C" locale (its ANSI code pages cannot be UTF-8, and every
 * string here is UTF-8) and returns the user's locale name ("ja-JP"),
 * never "C". */
const char *os_locale_init(void);

/* The language of the Windows user's interface ("ja-JP"), for when no
 * LANG/LC_* says one; NULL on Linux. */
const char *os_ui_language(void);

/* Tell gettext the language of the messages ("ja", "en"; NULL: what the
 * environment says). Linux: LANGUAGE. Windows: LANGUAGE and LC_MESSAGES,
 * because libintl there honours LANGUAGE only beside a locale name other
 * than "C", which msvcrt's setlocale cannot give: with LANG=C.UTF-8 in the
 * environment (wine passes it on) Japanese was chosen in 4 runs of 5. */
void os_gettext_language(const char *lang);

/* bindtextdomain(); on Windows wbindtextdomain() with the UTF-16 path,
 * whatever the folder's name. */
void os_bindtextdomain(const char *domain, const char *dir);

/* Whether text written out is UTF-8: the locale's codeset on Linux;
 * always on Windows (the console is set to UTF-8). */
bool os_utf8_output(void);

#endif
