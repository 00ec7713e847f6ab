/* os_win.c — the Windows side of os.h: every call is a UTF-16 ("W") one, so
 * that a Japanese user name (C:\Users\田中花子) survives, which the ANSI
 * code page cannot hold; processes through Toolhelp; Thunderbird's
 * parent.lock is "held" while it cannot be opened without sharing.
 * Built only by the Windows build (issue 17), in place of os_posix.c. */
#ifdef _WIN32

#include "core/base/os.h"
#include "core/base/os_win_private.h"

#include "core/base/i18n.h"

#include <windows.h>

#include <errno.h>
#include <fcntl.h>
#include <io.h>
#include <knownfolders.h>
#include <sddl.h>
#include <shlobj.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <tlhelp32.h>
#include <wchar.h>

/* werapi.h of mingw-w64 does not compile alone; the one call it is for. */
#define WER_FAULT_REPORTING_FLAG_NOHEAP 1
HRESULT WINAPI WerSetFlags(DWORD flags);

/* UTF-8 -> UTF-16, malloc'd; NULL when s is not valid UTF-8. */
wchar_t *win_wide(const char *s)
{
	int n =
	    MultiByteToWideChar(CP_UTF8, MB_ERR_INVALID_CHARS, s, -1, NULL, 0);
	if (n <= 0)
		return NULL;
	wchar_t *w = malloc((size_t)n * sizeof *w);
	if (w && MultiByteToWideChar(CP_UTF8, MB_ERR_INVALID_CHARS, s, -1, w,
				     n) != n) {
		free(w);
		w = NULL;
	}
	return w;
}

/* UTF-16 -> UTF-8 into buf (len bytes); false when it does not fit. */
bool win_narrow(const wchar_t *w, char *buf, size_t len)
{
	int n =
	    WideCharToMultiByte(CP_UTF8, 0, w, -1, buf, (int)len, NULL, NULL);
	return n > 0;
}

FILE *os_fopen(const char *path, const char *mode)
{
	char m[8];
	/* "N": the handle is not inherited by a child */
	if (snprintf(m, sizeof m, "%sN", mode) >= (int)sizeof m)
		return NULL;
	wchar_t *wp = win_wide(path), *wm = win_wide(m);
	FILE *f = wp && wm ? _wfopen(wp, wm) : NULL;
	free(wp);
	free(wm);
	return f;
}

/* The values handed out by os_getenv(), kept for the process: a name's
 * string stays valid until its value changes. */
struct env_value {
	struct env_value *next;
	char *name;
	char *value;
};
static struct env_value *env_values;

const char *os_getenv(const char *name)
{
	wchar_t *wn = win_wide(name);
	const wchar_t *wv = wn ? _wgetenv(wn) : NULL;
	free(wn);
	if (!wv)
		return NULL;
	char buf[32768];
	if (!win_narrow(wv, buf, sizeof buf))
		return NULL;
	struct env_value *e;
	for (e = env_values; e; e = e->next)
		if (strcmp(e->name, name) == 0)
			break;
	if (e && strcmp(e->value, buf) == 0)
		return e->value;
	char *copy = strdup(buf);
	if (!copy)
		return NULL;
	if (!e) {
		e = calloc(1, sizeof *e);
		if (!e || !(e->name = strdup(name))) {
			free(e);
			free(copy);
			return NULL;
		}
		e->next = env_values;
		env_values = e;
	}
	/* the old value is kept: a caller may still hold it */
	e->value = copy;
	return copy;
}

DWORD win_attributes(const char *path)
{
	wchar_t *w = win_wide(path);
	DWORD a = w ? GetFileAttributesW(w) : INVALID_FILE_ATTRIBUTES;
	free(w);
	return a;
}

bool os_is_dir(const char *path)
{
	DWORD a = win_attributes(path);
	return a != INVALID_FILE_ATTRIBUTES && (a & FILE_ATTRIBUTE_DIRECTORY);
}

bool os_is_file(const char *path)
{
	DWORD a = win_attributes(path);
	return a != INVALID_FILE_ATTRIBUTES &&
	       !(a & (FILE_ATTRIBUTE_DIRECTORY | FILE_ATTRIBUTE_DEVICE));
}

bool os_is_readable_file(const char *path)
{
	if (!os_is_file(path))
		return false;
	wchar_t *w = win_wide(path);
	HANDLE h =
	    w ? CreateFileW(w, GENERIC_READ,
			    FILE_SHARE_READ | FILE_SHARE_WRITE |
				FILE_SHARE_DELETE,
			    NULL, OPEN_EXISTING, FILE_ATTRIBUTE_NORMAL, NULL)
	      : INVALID_HANDLE_VALUE;
	free(w);
	if (h == INVALID_HANDLE_VALUE)
		return false;
	CloseHandle(h);
	return true;
}

void os_exe_dir(char *dir, size_t len)
{
	wchar_t w[32768];
	DWORD n = GetModuleFileNameW(NULL, w, sizeof w / sizeof *w);
	dir[0] = '\0';
	if (n == 0 || n >= sizeof w / sizeof *w || !win_narrow(w, dir, len)) {
		dir[0] = '\0';
		return;
	}
	char *slash = strrchr(dir, '\\');
	if (slash)
		*slash = '\0';
}

bool os_dir_each(const char *dir, bool (*each)(const char *name, void *ctx),
		 void *ctx)
{
	char pattern[4096];
	if (snprintf(pattern, sizeof pattern, "%s\\*", dir) >=
	    (int)sizeof pattern)
		return false;
	wchar_t *w = win_wide(pattern);
	WIN32_FIND_DATAW fd;
	HANDLE h = w ? FindFirstFileW(w, &fd) : INVALID_HANDLE_VALUE;
	errno = w ? win_errno_of(GetLastError()) : EINVAL;
	free(w);
	if (h == INVALID_HANDLE_VALUE)
		return false;
	do {
		char name[1024];
		if (wcscmp(fd.cFileName, L".") == 0 ||
		    wcscmp(fd.cFileName, L"..") == 0 ||
		    !win_narrow(fd.cFileName, name, sizeof name))
			continue;
		if (!each(name, ctx))
			break;
	} while (FindNextFileW(h, &fd));
	FindClose(h);
	return true;
}

/* Is the program file name exe ("thunderbird.exe", any case) one of names
 * ("thunderbird")? */
static bool program_in(const wchar_t *exe, const char *const *names)
{
	char name[MAX_PATH * 4];
	if (!win_narrow(exe, name, sizeof name))
		return false;
	size_t n = strlen(name);
	if (n > 4 && _stricmp(name + n - 4, ".exe") == 0)
		name[n - 4] = '\0';
	for (; *names; names++)
		if (_stricmp(name, *names) == 0)
			return true;
	return false;
}

/* The user (SID) a process runs as, into sid (len bytes). */
static bool process_user(HANDLE process, void *sid, DWORD len)
{
	HANDLE token;
	if (!OpenProcessToken(process, TOKEN_QUERY, &token))
		return false;
	unsigned char buf[256];
	DWORD got = 0;
	bool ok =
	    GetTokenInformation(token, TokenUser, buf, sizeof buf, &got) &&
	    CopySid(len, sid, ((TOKEN_USER *)buf)->User.Sid);
	CloseHandle(token);
	return ok;
}

/* Does process pid run as the same user as this one? */
static bool same_user(DWORD pid)
{
	unsigned char mine[SECURITY_MAX_SID_SIZE],
	    theirs[SECURITY_MAX_SID_SIZE];
	HANDLE other =
	    OpenProcess(PROCESS_QUERY_LIMITED_INFORMATION, FALSE, pid);
	if (!other)
		return false;
	bool same = process_user(GetCurrentProcess(), mine, sizeof mine) &&
		    process_user(other, theirs, sizeof theirs) &&
		    EqualSid(mine, theirs);
	CloseHandle(other);
	return same;
}

bool os_process_running(const char *const *names, long *pid)
{
	if (pid)
		*pid = 0;
	HANDLE snap = CreateToolhelp32Snapshot(TH32CS_SNAPPROCESS, 0);
	if (snap == INVALID_HANDLE_VALUE)
		return false;
	PROCESSENTRY32W pe = {.dwSize = sizeof pe};
	bool found = false;
	for (BOOL more = Process32FirstW(snap, &pe); more && !found;
	     more = Process32NextW(snap, &pe))
		if (program_in(pe.szExeFile, names) &&
		    same_user(pe.th32ProcessID)) {
			found = true;
			if (pid)
				*pid = (long)pe.th32ProcessID;
		}
	CloseHandle(snap);
	return found;
}

bool os_pid_runs(long pid, const char *const *names)
{
	/* (long is 32 bits on Windows: (long)UINT32_MAX is -1, and a test
	 * against it refused every pid) */
	if (pid <= 0)
		return false;
	HANDLE h =
	    OpenProcess(PROCESS_QUERY_LIMITED_INFORMATION, FALSE, (DWORD)pid);
	if (!h)
		return false;
	DWORD code = 0;
	wchar_t exe[32768];
	DWORD n = sizeof exe / sizeof *exe;
	bool runs = GetExitCodeProcess(h, &code) && code == STILL_ACTIVE &&
		    QueryFullProcessImageNameW(h, 0, exe, &n);
	CloseHandle(h);
	if (!runs)
		return false;
	const wchar_t *base = wcsrchr(exe, L'\\');
	return program_in(base ? base + 1 : exe, names);
}

/* Thunderbird opens parent.lock without sharing while it runs; the file
 * stays when it exits, so only a refused exclusive open means "held". */
bool os_file_lock_held(const char *path, long *pid)
{
	if (pid)
		*pid = 0;
	wchar_t *w = win_wide(path);
	if (!w)
		return false;
	HANDLE h = CreateFileW(w, GENERIC_READ | GENERIC_WRITE, 0, NULL,
			       OPEN_EXISTING, FILE_ATTRIBUTE_NORMAL, NULL);
	DWORD e = GetLastError();
	free(w);
	if (h != INVALID_HANDLE_VALUE) {
		CloseHandle(h);
		return false;
	}
	return e == ERROR_SHARING_VIOLATION || e == ERROR_LOCK_VIOLATION;
}

/* Windows Thunderbird leaves no `lock` symlink: only parent.lock. */
bool os_link_target(const char *path, char *buf, size_t len)
{
	(void)path;
	if (len)
		buf[0] = '\0';
	return false;
}

/* The lock is a hidden file in the folder, opened without sharing and
 * deleted when its handle closes, so none is left behind even after a
 * crash. A HANDLE fits in an int: 64-bit Windows keeps handles to 32
 * significant bits so that 32- and 64-bit programs can share them. */
int os_lock_dir(const char *dir, bool *busy, struct md_err *err)
{
	*busy = false;
	char path[4096];
	if (snprintf(path, sizeof path, "%s\\.maildoctor-lock", dir) >=
	    (int)sizeof path) {
		md_err_set(err, MD_ERR_IO, dir, 0, _("cannot open %s: %s"), dir,
			   _("the name is too long"));
		return -1;
	}
	wchar_t *w = win_wide(path);
	HANDLE h =
	    w ? CreateFileW(
		    w, GENERIC_READ | GENERIC_WRITE, 0, NULL, OPEN_ALWAYS,
		    FILE_ATTRIBUTE_HIDDEN | FILE_FLAG_DELETE_ON_CLOSE, NULL)
	      : INVALID_HANDLE_VALUE;
	DWORD e = GetLastError();
	free(w);
	if (h != INVALID_HANDLE_VALUE)
		return (int)(intptr_t)h;
	if (e == ERROR_SHARING_VIOLATION)
		*busy = true;
	else
		md_err_set(err, MD_ERR_IO, dir, 0, _("cannot lock %s: %s"), dir,
			   _("Windows refused to create the lock file"));
	return -1;
}

void os_unlock(int handle)
{
	if (handle != -1)
		CloseHandle((HANDLE)(intptr_t)handle);
}

/* ---- the process ----------------------------------------------------------
 */

long os_getpid(void)
{
	return (long)GetCurrentProcessId();
}

/* The C library keeps a UTF-16 and a narrow copy of the environment;
 * gettext reads LANGUAGE from the narrow one, so an ASCII value is set in
 * both. */
static int set_env(const char *name, const char *value)
{
	wchar_t *wn = win_wide(name), *wv = win_wide(value);
	int r = wn && wv && _wputenv_s(wn, wv) == 0 ? 0 : -1;
	free(wn);
	free(wv);
	bool ascii = true;
	for (const char *p = value; *p; p++)
		ascii &= (unsigned char)*p < 0x80;
	if (r == 0 && ascii)
		_putenv_s(name, value);
	if (r != 0)
		errno = EINVAL;
	return r;
}

int os_setenv(const char *name, const char *value)
{
	return set_env(name, value);
}

int os_unsetenv(const char *name)
{
	return set_env(name, ""); /* "" removes it */
}

bool os_known_folder(enum os_folder which, char *buf, size_t len)
{
	const KNOWNFOLDERID *id =
	    which == OS_FOLDER_ROAMING ? &FOLDERID_RoamingAppData
	    : which == OS_FOLDER_LOCAL ? &FOLDERID_LocalAppData
				       : &FOLDERID_Profile;
	wchar_t *w = NULL;
	bool ok = SHGetKnownFolderPath(id, KF_FLAG_DEFAULT, NULL, &w) == S_OK &&
		  win_narrow(w, buf, len);
	CoTaskMemFree(w);
	if (!ok && len)
		buf[0] = '\0';
	return ok;
}

/* An unhandled crash ends here, before Windows Error Reporting could
 * write a dump of the memory holding the password. */
static LONG WINAPI end_at_once(EXCEPTION_POINTERS *e)
{
	(void)e;
	TerminateProcess(GetCurrentProcess(), 3);
	return EXCEPTION_EXECUTE_HANDLER;
}

void os_no_crash_dumps(void)
{
	SetErrorMode(GetErrorMode() | SEM_FAILCRITICALERRORS |
		     SEM_NOGPFAULTERRORBOX);
	WerSetFlags(WER_FAULT_REPORTING_FLAG_NOHEAP);
	SetUnhandledExceptionFilter(end_at_once);
}

bool os_memstream_open(struct os_memstream *m)
{
	m->f = NULL;
	m->buf = NULL;
	m->len = 0;
	wchar_t dir[MAX_PATH + 1], path[MAX_PATH + 1];
	if (!GetTempPathW(sizeof dir / sizeof *dir, dir) ||
	    !GetTempFileNameW(dir, L"mdr", 0, path))
		return false;
	HANDLE h = CreateFileW(
	    path, GENERIC_READ | GENERIC_WRITE, 0, NULL, CREATE_ALWAYS,
	    FILE_ATTRIBUTE_TEMPORARY | FILE_FLAG_DELETE_ON_CLOSE, NULL);
	if (h == INVALID_HANDLE_VALUE) {
		DeleteFileW(path);
		return false;
	}
	int fd = _open_osfhandle((intptr_t)h, _O_RDWR | _O_BINARY);
	if (fd < 0) {
		CloseHandle(h);
		return false;
	}
	m->f = _fdopen(fd, "w+b");
	if (!m->f)
		_close(fd);
	return m->f != NULL;
}

char *os_memstream_close(struct os_memstream *m, size_t *len)
{
	*len = 0;
	long n = ftell(m->f);
	char *buf = n >= 0 ? malloc((size_t)n + 1) : NULL;
	rewind(m->f);
	if (buf && fread(buf, 1, (size_t)n, m->f) != (size_t)n) {
		free(buf);
		buf = NULL;
	}
	fclose(m->f); /* deletes the file */
	m->f = NULL;
	if (buf) {
		buf[n] = '\0';
		*len = (size_t)n;
	}
	return buf;
}

/* ---- the language ---------------------------------------------------------
 */

const char *os_locale_init(void)
{
	static char name[LOCALE_NAME_MAX_LENGTH * 3];
	wchar_t w[LOCALE_NAME_MAX_LENGTH];
	if (!GetUserDefaultLocaleName(w, LOCALE_NAME_MAX_LENGTH) ||
	    !win_narrow(w, name, sizeof name) || strcmp(name, "C") == 0)
		snprintf(name, sizeof name, "en-US");
	return name;
}

/* path in its long form (no 8.3 names: GetTempPathW may give
 * C:\Users\TANAKA~1\...), narrowed into out; false when it cannot be. */
static bool long_form(const wchar_t *path, char *out, size_t len)
{
	wchar_t w[4096];
	DWORD n = GetLongPathNameW(path, w, sizeof w / sizeof *w);
	return n > 0 && n < sizeof w / sizeof *w && win_narrow(w, out, len);
}

enum os_install os_install(void)
{
	wchar_t temp[MAX_PATH + 1];
	char exe[8192], dir[8192], tmp[8192];
	os_exe_dir(exe, sizeof exe);
	wchar_t *w = exe[0] ? win_wide(exe) : NULL;
	DWORD t = GetTempPathW(sizeof temp / sizeof *temp, temp);
	bool known = w && t > 0 && t < sizeof temp / sizeof *temp &&
		     long_form(w, dir, sizeof dir) &&
		     long_form(temp, tmp, sizeof tmp);
	free(w);
	if (!known)
		return OS_INSTALL_ZIP;
	return os_in_zip_copy(dir, tmp) ? OS_INSTALL_ZIP_COPY : OS_INSTALL_ZIP;
}

const char *os_ui_language(void)
{
	static char name[LOCALE_NAME_MAX_LENGTH * 3];
	wchar_t w[LOCALE_NAME_MAX_LENGTH];
	LANGID id = GetUserDefaultUILanguage();
	if (!LCIDToLocaleName(MAKELCID(id, SORT_DEFAULT), w,
			      LOCALE_NAME_MAX_LENGTH, 0) ||
	    !win_narrow(w, name, sizeof name))
		return NULL;
	return name;
}

/* The catalogue's folder goes to libintl as UTF-16, whatever its name (a
 * folder under C:\users\田中花子 has no ANSI name, and often no 8.3 one
 * on a volume other than the system's). libintl keeps the catalogues of
 * every domain in one list; 0.21 took an entry made from an ANSI folder
 * name for one asked by a UTF-16 name, and GLib makes such an entry before
 * main() (GIO's constructor starts a thread whose first _() asks
 * gettext("") in the default domain), so --lang ja was English at random.
 * Our build of libintl has upstream's fix
 * (tools/windows/patches/gettext/01-l10nflist-wide-names.patch; tested by
 * tests/windows/unit/test_libintl_wide.c). */
void os_bindtextdomain(const char *domain, const char *dir)
{
	wchar_t *w = win_wide(dir);
	if (!w)
		return;
	wbindtextdomain(domain, w);
	free(w);
}

bool os_utf8_output(void)
{
	return true;
}

void os_gettext_language(const char *lang)
{
	if (lang) {
		os_setenv("LANGUAGE", lang);
		os_setenv("LC_MESSAGES", lang);
	} else {
		os_unsetenv("LANGUAGE");
		os_unsetenv("LC_MESSAGES");
	}
}

bool os_is_terminal(int fd)
{
	HANDLE h = (HANDLE)_get_osfhandle(fd);
	DWORD mode;
	return h != INVALID_HANDLE_VALUE && GetConsoleMode(h, &mode);
}

#endif /* _WIN32 */
