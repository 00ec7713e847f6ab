/* helper_os_win.c — the Windows side of helper_os.h: temporary folders
 * under GetTempPathW (C:\users\田中花子\AppData\Local\Temp: every call a
 * UTF-16 "W" one), the environment through _wputenv_s and
 * SetEnvironmentVariableW, a loopback TCP pair for socketpair(), and tasks
 * as threads. Built by both builds; empty on Linux. */
#ifdef _WIN32

#include "tests/unit/helper_os.h"

#include "core/base/os_win_private.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <windows.h>

#include <stdlib.h>
#include <string.h>
#include <wchar.h>

bool ho_posix(void)
{
	return false;
}

size_t ho_tests_here(struct CMUnitTest *t, size_t n,
		     const char *const *posix_only)
{
	return ho_leave_out(t, n, posix_only, "a Linux fact");
}

/* wine's ntdll exports wine_get_version; Windows's does not. */
bool ho_close_resets(void)
{
	HMODULE nt = GetModuleHandleW(L"ntdll.dll");
	return !nt || !GetProcAddress(nt, "wine_get_version");
}

void ho_net_init(void)
{
	static bool started;
	WSADATA wd;
	if (!started && WSAStartup(MAKEWORD(2, 2), &wd) == 0)
		started = true;
}

bool ho_mkdtemp(char *buf, size_t len, const char *tag)
{
	wchar_t tmp[MAX_PATH + 1];
	DWORD n = GetTempPathW(MAX_PATH + 1, tmp);
	char base[3 * MAX_PATH];
	if (n == 0 || n > MAX_PATH || !win_narrow(tmp, base, sizeof base))
		return false;
	for (int tries = 0; tries < 100; tries++) {
		unsigned r = (unsigned)GetTickCount() * 2654435761u ^
			     (unsigned)GetCurrentProcessId() * 40503u ^
			     (unsigned)tries * 2246822519u;
		/* GetTempPathW ends with a backslash */
		if (snprintf(buf, len, "%s%s-%06x", base, tag, r & 0xffffffu) >=
		    (int)len)
			return false;
		if (ho_mkdir(buf) == 0)
			return true;
		if (GetLastError() != ERROR_ALREADY_EXISTS)
			return false;
	}
	return false;
}

/* Calls each(full path, is_dir, ctx) for the entries of folder dir. */
static bool walk(const wchar_t *dir,
		 bool (*each)(const wchar_t *path, bool is_dir, void *ctx),
		 void *ctx)
{
	size_t n = wcslen(dir);
	wchar_t *pat = malloc((n + 3) * sizeof *pat);
	if (!pat)
		return false;
	swprintf(pat, n + 3, L"%ls\\*", dir);
	WIN32_FIND_DATAW fd;
	HANDLE h = FindFirstFileW(pat, &fd);
	free(pat);
	if (h == INVALID_HANDLE_VALUE)
		return false;
	bool ok = true;
	do {
		if (wcscmp(fd.cFileName, L".") == 0 ||
		    wcscmp(fd.cFileName, L"..") == 0)
			continue;
		size_t m = n + wcslen(fd.cFileName) + 2;
		wchar_t *p = malloc(m * sizeof *p);
		if (!p) {
			ok = false;
			break;
		}
		swprintf(p, m, L"%ls\\%ls", dir, fd.cFileName);
		bool is_dir =
		    (fd.dwFileAttributes & FILE_ATTRIBUTE_DIRECTORY) &&
		    !(fd.dwFileAttributes & FILE_ATTRIBUTE_REPARSE_POINT);
		ok = each(p, is_dir, ctx) && ok;
		free(p);
	} while (FindNextFileW(h, &fd));
	FindClose(h);
	return ok;
}

static bool rm_one(const wchar_t *path, bool is_dir, void *ctx)
{
	(void)ctx;
	SetFileAttributesW(path, FILE_ATTRIBUTE_NORMAL);
	if (is_dir) {
		walk(path, rm_one, NULL);
		return RemoveDirectoryW(path) != 0;
	}
	return DeleteFileW(path) != 0;
}

bool ho_rmtree(const char *path)
{
	wchar_t *w = win_wide(path);
	if (!w)
		return false;
	DWORD a = GetFileAttributesW(w);
	bool ok = a == INVALID_FILE_ATTRIBUTES ||
		  rm_one(w, (a & FILE_ATTRIBUTE_DIRECTORY) != 0, NULL);
	free(w);
	return ok;
}

bool ho_copy_file(const char *from, const char *to)
{
	wchar_t *wf = win_wide(from), *wt = win_wide(to);
	bool ok = wf && wt && CopyFileW(wf, wt, FALSE);
	free(wf);
	free(wt);
	return ok;
}

/* Copy one entry of a tree into the folder ctx (a wchar_t path). */
static bool copy_one(const wchar_t *path, bool is_dir, void *ctx)
{
	const wchar_t *to = ctx;
	const wchar_t *name = wcsrchr(path, L'\\');
	name = name ? name + 1 : path;
	size_t m = wcslen(to) + wcslen(name) + 2;
	wchar_t *dst = malloc(m * sizeof *dst);
	if (!dst)
		return false;
	swprintf(dst, m, L"%ls\\%ls", to, name);
	bool ok;
	if (is_dir)
		ok = (CreateDirectoryW(dst, NULL) ||
		      GetLastError() == ERROR_ALREADY_EXISTS) &&
		     walk(path, copy_one, dst);
	else
		ok = CopyFileW(path, dst, FALSE) != 0;
	free(dst);
	return ok;
}

bool ho_copy_tree(const char *from, const char *to)
{
	wchar_t *wf = win_wide(from), *wt = win_wide(to);
	bool ok = wf && wt && walk(wf, copy_one, wt);
	free(wf);
	free(wt);
	return ok;
}

int ho_file_mode(const char *path)
{
	(void)path;
	return -1;
}

int ho_mkdir(const char *path)
{
	wchar_t *w = win_wide(path);
	int r = w && CreateDirectoryW(w, NULL) ? 0 : -1;
	free(w);
	return r;
}

int ho_unlink(const char *path)
{
	wchar_t *w = win_wide(path);
	int r = w && DeleteFileW(w) ? 0 : -1;
	free(w);
	return r;
}

int ho_rmdir(const char *path)
{
	wchar_t *w = win_wide(path);
	int r = w && RemoveDirectoryW(w) ? 0 : -1;
	free(w);
	return r;
}

char *ho_getcwd(char *buf, size_t len)
{
	wchar_t w[32768];
	DWORD n = GetCurrentDirectoryW(32768, w);
	if (n == 0 || n >= 32768 || !win_narrow(w, buf, len))
		return NULL;
	return buf;
}

/* Both copies of the environment: the C runtime's (_wgetenv, which
 * os_getenv() reads) and the process's (child processes, GetEnvironment*). */
int ho_setenv(const char *name, const char *value)
{
	wchar_t *wn = win_wide(name), *wv = win_wide(value);
	int r = wn && wv && _wputenv_s(wn, wv) == 0 &&
			SetEnvironmentVariableW(wn, wv)
		    ? 0
		    : -1;
	free(wn);
	free(wv);
	return r;
}

int ho_unsetenv(const char *name)
{
	wchar_t *wn = win_wide(name);
	int r =
	    wn && _wputenv_s(wn, L"") == 0 && SetEnvironmentVariableW(wn, NULL)
		? 0
		: -1;
	free(wn);
	return r;
}

/* glibc's rand_r, so that a seed gives the same numbers as on Linux. */
int ho_rand_r(unsigned *seed)
{
	unsigned next = *seed;
	int result;
	next *= 1103515245;
	next += 12345;
	result = (int)((next / 65536) % 2048);
	next *= 1103515245;
	next += 12345;
	result <<= 10;
	result ^= (int)((next / 65536) % 1024);
	next *= 1103515245;
	next += 12345;
	result <<= 10;
	result ^= (int)((next / 65536) % 1024);
	*seed = next;
	return result;
}

/* ---- sockets -------------------------------------------------------- */

int ho_sockpair(int sv[2])
{
	ho_net_init();
	SOCKET l = socket(AF_INET, SOCK_STREAM, 0);
	if (l == INVALID_SOCKET)
		return -1;
	struct sockaddr_in a = {.sin_family = AF_INET};
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	int al = sizeof a;
	SOCKET c = INVALID_SOCKET, s = INVALID_SOCKET;
	if (bind(l, (struct sockaddr *)&a, sizeof a) == 0 &&
	    listen(l, 1) == 0 &&
	    getsockname(l, (struct sockaddr *)&a, &al) == 0 &&
	    (c = socket(AF_INET, SOCK_STREAM, 0)) != INVALID_SOCKET &&
	    connect(c, (struct sockaddr *)&a, sizeof a) == 0)
		s = accept(l, NULL, NULL);
	closesocket(l);
	if (s == INVALID_SOCKET) {
		if (c != INVALID_SOCKET)
			closesocket(c);
		return -1;
	}
	BOOL on = TRUE; /* a socketpair has no Nagle delay either */
	setsockopt(c, IPPROTO_TCP, TCP_NODELAY, (const char *)&on, sizeof on);
	setsockopt(s, IPPROTO_TCP, TCP_NODELAY, (const char *)&on, sizeof on);
	sv[0] = (int)c;
	sv[1] = (int)s;
	return 0;
}

int ho_pipe(int fd[2])
{
	return ho_sockpair(fd);
}

long ho_read(int fd, void *buf, size_t n)
{
	return recv((SOCKET)fd, buf, (int)n, 0);
}

long ho_write(int fd, const void *buf, size_t n)
{
	return send((SOCKET)fd, buf, (int)n, 0);
}

void ho_close(int fd)
{
	closesocket((SOCKET)fd);
}

int ho_wait_readable(int fd, unsigned ms)
{
	WSAPOLLFD p = {.fd = (SOCKET)fd, .events = POLLRDNORM};
	int r = WSAPoll(&p, 1, (INT)ms);
	return r < 0 ? -1 : r > 0;
}

int ho_nonblock(int fd)
{
	u_long on = 1;
	return ioctlsocket((SOCKET)fd, FIONBIO, &on) == 0 ? 0 : -1;
}

int ho_recv_timeout(int fd, unsigned ms)
{
	DWORD t = ms;
	return setsockopt((SOCKET)fd, SOL_SOCKET, SO_RCVTIMEO, (const char *)&t,
			  sizeof t);
}

int ho_linger0(int fd)
{
	struct linger lg = {1, 0};
	return setsockopt((SOCKET)fd, SOL_SOCKET, SO_LINGER, (const char *)&lg,
			  sizeof lg);
}

/* ---- tasks ------------------------------------------------------------ */

struct ho_task {
	HANDLE thread;
	HANDLE process; /* a child process (ho_run_named, ho_hold_lock) */
	int (*fn)(void *arg);
	void *arg; /* the task's own copy */
	unsigned limit_s;
	volatile LONG stop;
	int status;
};

static _Thread_local struct ho_task *current;

void ho_sleep_ms(unsigned ms)
{
	while (ms > 0 && !ho_task_stopping()) {
		unsigned step = ms < 10 ? ms : 10;
		Sleep(step);
		ms -= step;
	}
}

static DWORD WINAPI task_main(void *p)
{
	struct ho_task *t = p;
	current = t;
	t->status = t->fn(t->arg);
	return 0;
}

struct ho_task *ho_task_start(int (*fn)(void *arg), const void *arg,
			      size_t size, int fd, unsigned limit_s)
{
	(void)fd; /* the thread shares the descriptors: fn closes it */
	struct ho_task *t = calloc(1, sizeof *t);
	if (!t || !(t->arg = malloc(size ? size : 1))) {
		free(t);
		return NULL;
	}
	memcpy(t->arg, arg, size);
	t->fn = fn;
	t->limit_s = limit_s;
	t->thread = CreateThread(NULL, 0, task_main, t, 0, NULL);
	if (!t->thread) {
		free(t->arg);
		free(t);
		return NULL;
	}
	return t;
}

/* Wait for the thread (or child process) at most ms; when it does not
 * end, it is ended (as the Linux child's alarm would). The status; frees
 * t. */
static int task_end(struct ho_task *t, DWORD ms)
{
	int st = 99;
	if (t->process) {
		DWORD code = 99;
		if (WaitForSingleObject(t->process, ms) != WAIT_OBJECT_0) {
			TerminateProcess(t->process, 99);
			WaitForSingleObject(t->process, 20000);
		} else if (GetExitCodeProcess(t->process, &code))
			st = (int)code;
		CloseHandle(t->process);
		free(t);
		return st;
	}
	if (WaitForSingleObject(t->thread, ms) == WAIT_OBJECT_0)
		st = t->status;
	else
		TerminateThread(t->thread, 99);
	CloseHandle(t->thread);
	free(t->arg);
	free(t);
	return st;
}

int ho_task_wait(struct ho_task *t)
{
	return task_end(t, t->limit_s > 0 ? t->limit_s * 1000u : INFINITE);
}

void ho_task_stop(struct ho_task *t)
{
	InterlockedExchange(&t->stop, 1);
	task_end(t, t->process ? 0 : 20000);
}

bool ho_task_stopping(void)
{
	return current && current->stop;
}

/* ---- Linux facts: not on Windows ------------------------------------ */

int ho_chmod(const char *path, int mode)
{
	(void)path;
	(void)mode;
	return -1;
}

int ho_symlink(const char *target, const char *path)
{
	(void)target;
	(void)path;
	return -1;
}

bool ho_exists(const char *path)
{
	wchar_t *w = win_wide(path);
	bool r = w && GetFileAttributesW(w) != INVALID_FILE_ATTRIBUTES;
	free(w);
	return r;
}

/* build/windows/tests/md_hold.exe: beside the test program. */
static bool md_hold_path(wchar_t *buf, size_t len)
{
	DWORD n = GetModuleFileNameW(NULL, buf, (DWORD)len);
	if (n == 0 || n >= len)
		return false;
	wchar_t *slash = wcsrchr(buf, L'\\');
	if (!slash || (size_t)(slash - buf) + 13 >= len)
		return false;
	wcscpy(slash + 1, L"md_hold.exe");
	return true;
}

/* Start exe with the command line cmd (both UTF-16); with ready, wait
 * until its first output line is "held". */
static struct ho_task *start_process(const wchar_t *exe, wchar_t *cmd,
				     bool ready)
{
	SECURITY_ATTRIBUTES sa = {.nLength = sizeof sa, .bInheritHandle = TRUE};
	HANDLE rd = NULL, wr = NULL;
	if (ready && !CreatePipe(&rd, &wr, &sa, 0))
		return NULL;
	if (rd)
		SetHandleInformation(rd, HANDLE_FLAG_INHERIT, 0);
	STARTUPINFOW si = {.cb = sizeof si};
	if (ready) {
		si.dwFlags = STARTF_USESTDHANDLES;
		si.hStdOutput = wr;
		si.hStdError = GetStdHandle(STD_ERROR_HANDLE);
		si.hStdInput = GetStdHandle(STD_INPUT_HANDLE);
	}
	PROCESS_INFORMATION pi;
	BOOL ok = CreateProcessW(exe, cmd, NULL, NULL, ready, 0, NULL, NULL,
				 &si, &pi);
	if (wr)
		CloseHandle(wr);
	struct ho_task *t = ok ? calloc(1, sizeof *t) : NULL;
	if (ok) {
		CloseHandle(pi.hThread);
		if (!t) {
			TerminateProcess(pi.hProcess, 99);
			CloseHandle(pi.hProcess);
		} else
			t->process = pi.hProcess;
	}
	if (t && ready) {
		char line[8] = "";
		DWORD got = 0, n;
		while (got < 5 && ReadFile(rd, line + got, 5 - got, &n, NULL) &&
		       n > 0)
			got += n;
		/* "held\r\n": its stdout is in text mode */
		if (got < 5 || memcmp(line, "held", 4) != 0) {
			ho_task_stop(t);
			t = NULL;
		}
	}
	if (rd)
		CloseHandle(rd);
	return t;
}

/* md_hold.exe holding path open without sharing, as Thunderbird holds
 * parent.lock. */
struct ho_task *ho_hold_lock(const char *path)
{
	wchar_t exe[MAX_PATH + 16], cmd[3 * MAX_PATH + 64];
	wchar_t *w = win_wide(path);
	bool fits = w && md_hold_path(exe, sizeof exe / sizeof *exe) &&
		    swprintf(cmd, sizeof cmd / sizeof *cmd,
			     L"md_hold hold \"%ls\" 60", w) > 0;
	free(w);
	return fits ? start_process(exe, cmd, true) : NULL;
}

/* A copy of md_hold.exe named name.exe in folder dir, sleeping a minute. */
struct ho_task *ho_run_named(const char *dir, const char *name)
{
	char copy[4096];
	wchar_t from[MAX_PATH + 16], cmd[64] = L"x sleep 60";
	if (snprintf(copy, sizeof copy, "%s\\%s.exe", dir, name) >=
		(int)sizeof copy ||
	    !md_hold_path(from, sizeof from / sizeof *from))
		return NULL;
	(void)ho_mkdir(dir);
	wchar_t *to = win_wide(copy);
	bool copied = to && CopyFileW(from, to, FALSE);
	struct ho_task *t = copied ? start_process(to, cmd, false) : NULL;
	free(to);
	return t;
}

long ho_task_pid(const struct ho_task *t)
{
	return t->process ? (long)GetProcessId(t->process) : 0;
}

#endif
