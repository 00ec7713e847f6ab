/* os_win_file.c — the files of os.h on Windows: stat, the crash-safe
 * create/fsync/replace (FlushFileBuffers, ReplaceFileW or MoveFileExW with
 * write-through), the private file (an ACL for the user alone), real paths.
 * Every call a UTF-16 ("W") one. Split from os_win.c. */
#ifdef _WIN32

#include "core/base/os.h"

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
#include "core/base/os_win_private.h"

/* ---- files ----------------------------------------------------------------
 */

/* errno for the Windows error e, so that callers say it as on Linux. */
int win_errno_of(DWORD e)
{
	switch (e) {
	case ERROR_FILE_EXISTS:
	case ERROR_ALREADY_EXISTS:
		return EEXIST;
	case ERROR_FILE_NOT_FOUND:
	case ERROR_PATH_NOT_FOUND:
	case ERROR_INVALID_DRIVE:
		return ENOENT;
	case ERROR_ACCESS_DENIED:
	case ERROR_SHARING_VIOLATION:
	case ERROR_LOCK_VIOLATION:
		return EACCES;
	case ERROR_DISK_FULL:
	case ERROR_HANDLE_DISK_FULL:
		return ENOSPC;
	case ERROR_WRITE_PROTECT:
		return EROFS;
	case ERROR_NOT_ENOUGH_MEMORY:
	case ERROR_OUTOFMEMORY:
		return ENOMEM;
	case ERROR_FILENAME_EXCED_RANGE:
		return ENAMETOOLONG;
	case ERROR_INVALID_NAME:
	case ERROR_BAD_PATHNAME:
	case ERROR_NO_UNICODE_TRANSLATION:
		return EINVAL;
	case ERROR_DIRECTORY:
		return ENOTDIR;
	default:
		return EIO;
	}
}

/* Fail with errno from GetLastError(). */
int win_fail_win(void)
{
	errno = win_errno_of(GetLastError());
	return -1;
}

/* A path as UTF-16 for a W call; NULL (errno EINVAL) when not UTF-8. */
wchar_t *win_wide_path(const char *path)
{
	wchar_t *w = win_wide(path);
	if (!w) {
		errno = EINVAL;
		return NULL;
	}
	/* Windows' own separator: not every call takes '/' (ReplaceFileW
	 * under wine refuses "/tmp/a/prefs.js" with ERROR_DIRECTORY). */
	for (wchar_t *c = w; *c; c++)
		if (*c == L'/')
			*c = L'\\';
	return w;
}

bool os_stat(const char *path, struct os_stat *st)
{
	wchar_t *w = win_wide_path(path);
	WIN32_FILE_ATTRIBUTE_DATA a;
	BOOL ok = w && GetFileAttributesExW(w, GetFileExInfoStandard, &a);
	if (w && !ok)
		win_fail_win();
	free(w);
	if (!ok)
		return false;
	bool dir = a.dwFileAttributes & FILE_ATTRIBUTE_DIRECTORY;
	*st = (struct os_stat){
	    .is_dir = dir,
	    .is_file = !dir && !(a.dwFileAttributes & FILE_ATTRIBUTE_DEVICE),
	    .size = (long long)(((unsigned long long)a.nFileSizeHigh << 32) |
				a.nFileSizeLow),
	    .mode = a.dwFileAttributes & FILE_ATTRIBUTE_READONLY ? 0444 : 0666};
	return true;
}

bool os_exists(const char *path)
{
	return win_attributes(path) != INVALID_FILE_ATTRIBUTES;
}

/* A CRT descriptor (binary, write-only) over a new file's handle. */
static int create_fd(const char *path, SECURITY_ATTRIBUTES *sa, DWORD share)
{
	wchar_t *w = win_wide_path(path);
	if (!w)
		return -1;
	HANDLE h = CreateFileW(w, GENERIC_WRITE, share, sa, CREATE_NEW,
			       FILE_ATTRIBUTE_NORMAL, NULL);
	free(w);
	if (h == INVALID_HANDLE_VALUE)
		return win_fail_win();
	int fd = _open_osfhandle((intptr_t)h, _O_WRONLY | _O_BINARY);
	if (fd < 0) {
		CloseHandle(h);
		errno = EMFILE;
	}
	return fd;
}

int os_create_new(const char *path, unsigned mode)
{
	(void)mode; /* the folder's ACL is inherited */
	return create_fd(path, NULL, FILE_SHARE_READ);
}

/* "D:P(A;;FA;;;<the user's SID>)": a protected DACL (nothing inherited)
 * with one entry, full access for the user this process runs as. */
static PSECURITY_DESCRIPTOR private_descriptor(void)
{
	HANDLE token;
	if (!OpenProcessToken(GetCurrentProcess(), TOKEN_QUERY, &token))
		return NULL;
	unsigned char buf[256];
	DWORD got = 0;
	wchar_t *sid = NULL;
	BOOL ok =
	    GetTokenInformation(token, TokenUser, buf, sizeof buf, &got) &&
	    ConvertSidToStringSidW(((TOKEN_USER *)buf)->User.Sid, &sid);
	CloseHandle(token);
	if (!ok)
		return NULL;
	wchar_t sddl[256];
	PSECURITY_DESCRIPTOR sd = NULL;
	if (_snwprintf(sddl, sizeof sddl / sizeof *sddl, L"D:P(A;;FA;;;%ls)",
		       sid) < 0 ||
	    !ConvertStringSecurityDescriptorToSecurityDescriptorW(
		sddl, SDDL_REVISION_1, &sd, NULL))
		sd = NULL;
	LocalFree(sid);
	return sd;
}

int os_create_private(const char *path)
{
	PSECURITY_DESCRIPTOR sd = private_descriptor();
	if (!sd)
		return win_fail_win();
	SECURITY_ATTRIBUTES sa = {.nLength = sizeof sa,
				  .lpSecurityDescriptor = sd,
				  .bInheritHandle = FALSE};
	int fd = create_fd(path, &sa, 0);
	LocalFree(sd);
	return fd;
}

int os_create_temp(char *tmpl)
{
	size_t n = strlen(tmpl);
	if (n < 6 || strcmp(tmpl + n - 6, "XXXXXX") != 0) {
		errno = EINVAL;
		return -1;
	}
	static const char digits[] = "abcdefghijklmnopqrstuvwxyz0123456789";
	static unsigned long long counter;
	unsigned long long seed =
	    GetTickCount64() ^
	    ((unsigned long long)GetCurrentProcessId() << 32);
	for (int attempt = 0; attempt < 100; attempt++) {
		unsigned long long v = seed + ++counter * 7919u;
		v ^= v >> 29;
		v *= 0xbf58476d1ce4e5b9ull;
		for (size_t i = n - 6; i < n; i++, v /= 36)
			tmpl[i] = digits[v % 36];
		int fd = create_fd(tmpl, NULL, 0);
		if (fd >= 0 || errno != EEXIST)
			return fd;
	}
	errno = EEXIST;
	return -1;
}

int os_fsync(int fd)
{
	HANDLE h = (HANDLE)_get_osfhandle(fd);
	if (h == INVALID_HANDLE_VALUE) {
		errno = EBADF;
		return -1;
	}
	return FlushFileBuffers(h) ? 0 : win_fail_win();
}

/* One attempt: a single write-through rename over the target
 * (MoveFileExW, one NtSetInformationFile rename on NTFS), so that a
 * process ended at any moment leaves the old file or the new one. Not
 * ReplaceFileW: it moves the target aside first, and ended between its
 * steps (or failing with ERROR_UNABLE_TO_MOVE_REPLACEMENT) it leaves no
 * file under the target's name — seen under wine by the kill test
 * (tests/windows/test_killfix.sh). The new file has the folder's
 * inherited ACL, as the profile's own files have. GetLastError() says why
 * it failed. */
static BOOL replace_once(const wchar_t *wf, const wchar_t *wt)
{
	return MoveFileExW(wf, wt,
			   MOVEFILE_REPLACE_EXISTING | MOVEFILE_WRITE_THROUGH);
}

/* A virus scanner or the search indexer may hold a file just written for
 * a moment: such a refusal is tried again for up to a second. */
int os_replace(const char *from, const char *to)
{
	wchar_t *wf = win_wide_path(from), *wt = win_wide_path(to);
	int r = -1;
	for (int i = 0; wf && wt && i < 20; i++) {
		if (replace_once(wf, wt)) {
			r = 0;
			break;
		}
		DWORD e = GetLastError();
		if (e != ERROR_SHARING_VIOLATION && e != ERROR_ACCESS_DENIED &&
		    e != ERROR_LOCK_VIOLATION)
			break;
		Sleep(50);
	}
	if (r != 0 && wf && wt)
		win_fail_win();
	free(wf);
	free(wt);
	return r;
}

int os_dir_open(const char *dir)
{
	(void)dir;
	errno = ENOTSUP;
	return -1;
}

int os_fchmod(int fd, unsigned mode)
{
	(void)fd;
	(void)mode;
	return 0;
}

bool os_owner(const char *path, unsigned *uid, unsigned *gid)
{
	(void)path;
	*uid = *gid = 0;
	return false;
}

int os_unlink(const char *path)
{
	wchar_t *w = win_wide_path(path);
	if (!w)
		return -1;
	BOOL ok = DeleteFileW(w);
	free(w);
	return ok ? 0 : win_fail_win();
}

unsigned os_geteuid(void)
{
	return (unsigned)-1; /* never root */
}

int os_fchown(int fd, unsigned uid, unsigned gid)
{
	(void)fd;
	(void)uid;
	(void)gid;
	return 0;
}

/* The path of the open handle h into buf, without "\\?\". */
static bool handle_path(HANDLE h, char *buf, size_t len)
{
	enum { MAX = 32768 };
	wchar_t *full = malloc(MAX * sizeof *full);
	DWORD n =
	    full ? GetFinalPathNameByHandleW(h, full, MAX, FILE_NAME_NORMALIZED)
		 : 0;
	bool ok = n > 0 && n < MAX;
	const wchar_t *p =
	    ok && wcsncmp(full, L"\\\\?\\", 4) == 0 ? full + 4 : full;
	ok = ok && win_narrow(p, buf, len);
	free(full);
	return ok;
}

bool os_fd_path(int fd, char *buf, size_t len)
{
	HANDLE h = (HANDLE)_get_osfhandle(fd);
	return h != INVALID_HANDLE_VALUE && handle_path(h, buf, len);
}

char *os_realpath(const char *path)
{
	wchar_t *w = win_wide_path(path);
	if (!w)
		return NULL;
	HANDLE h = CreateFileW(
	    w, 0, FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE, NULL,
	    OPEN_EXISTING, FILE_FLAG_BACKUP_SEMANTICS, NULL);
	free(w);
	if (h == INVALID_HANDLE_VALUE)
		return NULL;
	size_t len = 32768 * 3;
	char *buf = malloc(len);
	bool ok = buf && handle_path(h, buf, len);
	CloseHandle(h);
	if (!ok) {
		free(buf);
		return NULL;
	}
	char *p = strdup(buf);
	free(buf);
	return p;
}

bool os_is_sep(char c)
{
	return c == '/' || c == '\\';
}

const char os_sep[] = "\\";

#endif /* _WIN32 */
