/* term_win.c — the Windows side of term.h, on the console API: a console
 * (not _isatty, which a pipe's NUL also passes) is what GetConsoleMode
 * accepts; the window's size is the screen buffer's window; Ctrl-C and a
 * closed window come through a console control handler. A console or a
 * pipe cannot be polled, so a timer of the loop looks every TICK_MS at
 * what a reader thread has read from standard input (ReadConsoleW's
 * UTF-16 turned into UTF-8, or the pipe's bytes), at the handler's flag
 * and at the window's size. Built only by the Windows build (issue 17),
 * in place of term_posix.c. */
#ifdef _WIN32

#include "tui/term.h"
#include "tui/term_win_private.h"

#include "core/base/i18n.h"

#include <windows.h>

#include <errno.h>
#include <stdlib.h>
#include <string.h>

enum { TICK_MS = 20, WCHUNK = 1024 };

static struct {
	/* the reader thread, and what it read, under lock */
	CRITICAL_SECTION lock;
	CONDITION_VARIABLE wake; /* the thread is asked for more */
	bool started;
	bool want; /* read once more */
	bool busy; /* a read is under way */
	bool eof;  /* standard input ended (or failed) */
	char buf[4 * WCHUNK];
	size_t used;
	/* the watches, on the main thread */
	struct loop *loop;
	uint64_t tick; /* the timer, or 0 */
	term_input_fn *input;
	void *input_ud;
	bool keys; /* curses reads the keys itself */
	term_event_fn *event;
	void *event_ud;
	int rows, cols;		 /* the size last reported */
	volatile LONG interrupt; /* set by the control handler */
	HANDLE handled;		 /* set when the main thread let go */
	bool echo_off;
	DWORD in_mode; /* standard input's mode before term_echo_off */
} W;

bool term_win_is_console(HANDLE h, DWORD *mode)
{
	DWORD m;
	if (!h || h == INVALID_HANDLE_VALUE || GetFileType(h) != FILE_TYPE_CHAR)
		return false;
	if (!GetConsoleMode(h, mode ? mode : &m))
		return false;
	return true;
}

bool term_stdin_is_tty(void)
{
	return term_win_is_console(GetStdHandle(STD_INPUT_HANDLE), NULL);
}

bool term_stdout_is_tty(void)
{
	return term_win_is_console(GetStdHandle(STD_OUTPUT_HANDLE), NULL);
}

/* curses' own console driver (the screen buffer through the console
 * API), whatever TERM a Unix-like shell may have left. */
const char *term_type(void)
{
	return "#win32con";
}

bool term_curses_wide(void)
{
	return true;
}

int term_char_width(uint32_t cp)
{
	return -1;
}

int term_fallback_bg(void)
{
	return 0; /* COLOR_BLACK */
	;
}

bool term_size(int *rows, int *cols)
{
	CONSOLE_SCREEN_BUFFER_INFO si;
	if (!GetConsoleScreenBufferInfo(GetStdHandle(STD_OUTPUT_HANDLE), &si))
		return false;
	*rows = si.srWindow.Bottom - si.srWindow.Top + 1;
	*cols = si.srWindow.Right - si.srWindow.Left + 1;
	return *rows > 0 && *cols > 0;
}

bool term_echo_off(void)
{
	HANDLE in = GetStdHandle(STD_INPUT_HANDLE);
	if (W.echo_off)
		return true;
	if (!term_win_is_console(in, &W.in_mode))
		return false;
	W.echo_off = SetConsoleMode(in, W.in_mode & ~(DWORD)ENABLE_ECHO_INPUT);
	return W.echo_off;
}

void term_echo_on(void)
{
	if (!W.echo_off)
		return;
	SetConsoleMode(GetStdHandle(STD_INPUT_HANDLE), W.in_mode);
	W.echo_off = false;
}

/* UTF-16 from the console into UTF-8 in out (4 * n bytes); a high
 * surrogate at the end waits in *high for the next read. */
static size_t to_utf8(const wchar_t *w, size_t n, wchar_t *high, char *out)
{
	wchar_t tmp[WCHUNK + 1];
	size_t k = 0;
	if (*high)
		tmp[k++] = *high;
	*high = 0;
	memcpy(tmp + k, w, n * sizeof *w);
	k += n;
	if (k > 0 && tmp[k - 1] >= 0xD800 && tmp[k - 1] < 0xDC00)
		*high = tmp[--k];
	if (k == 0)
		return 0;
	int r = WideCharToMultiByte(CP_UTF8, 0, tmp, (int)k, out,
				    (int)(4 * WCHUNK), NULL, NULL);
	return r > 0 ? (size_t)r : 0;
}

/* One blocking read of standard input into out (4 * WCHUNK bytes): the
 * count, or 0 at its end. A console line that starts with Ctrl-Z ends it,
 * as in cmd.exe. */
static size_t read_some(char *out)
{
	static wchar_t high;
	HANDLE in = GetStdHandle(STD_INPUT_HANDLE);
	if (!term_win_is_console(in, NULL)) {
		DWORD got = 0;
		if (!ReadFile(in, out, 4 * WCHUNK - 1, &got, NULL))
			return 0;
		return got;
	}
	for (;;) {
		wchar_t w[WCHUNK - 1];
		DWORD got = 0;
		if (!ReadConsoleW(in, w, WCHUNK - 1, &got, NULL))
			return 0;
		if (got > 0 && w[0] == 0x1A)
			return 0;
		size_t n = to_utf8(w, got, &high, out);
		if (n > 0)
			return n;
		/* nothing (Ctrl-C in the middle of a line): read again */
	}
}

static DWORD WINAPI reader(void *arg)
{
	static char chunk[4 * WCHUNK];
	for (bool end = false; !end;) {
		EnterCriticalSection(&W.lock);
		while (!W.want)
			SleepConditionVariableCS(&W.wake, &W.lock, INFINITE);
		W.want = false;
		W.busy = true;
		LeaveCriticalSection(&W.lock);
		size_t n = read_some(chunk);
		EnterCriticalSection(&W.lock);
		/* asked for only when the buffer is empty: it fits */
		memcpy(W.buf, chunk, n);
		W.used = n;
		W.eof = end = n == 0;
		W.busy = false;
		LeaveCriticalSection(&W.lock);
		SecureZeroMemory(chunk, n);
	}
	return 0;
}

/* Lines are there, or the end; else the thread is asked for more (now
 * that the page that asks is shown and the echo is as it wants). */
static bool lines_ready(void)
{
	EnterCriticalSection(&W.lock);
	bool ready = W.used > 0 || W.eof;
	if (!ready && !W.busy && !W.want) {
		W.want = true;
		WakeConditionVariable(&W.wake);
	}
	LeaveCriticalSection(&W.lock);
	return ready;
}

static void tick(struct loop *loop, void *ud);

static void arm(void)
{
	if (!W.tick && W.loop && (W.input || W.event))
		W.tick = loop_timer(W.loop, TICK_MS, tick, NULL);
}

static void disarm(void)
{
	if (W.input || W.event || !W.tick)
		return;
	loop_timer_cancel(W.loop, W.tick);
	W.tick = 0;
}

/* An interrupt, then a resize, then the input: each callback may end
 * the watches. */
static void tick(struct loop *loop, void *ud)
{
	W.tick = 0;
	int rows, cols;
	if (W.event && InterlockedExchange(&W.interrupt, 0))
		W.event(W.event_ud, TERM_INTERRUPTED);
	if (W.event && term_size(&rows, &cols) &&
	    (rows != W.rows || cols != W.cols)) {
		W.rows = rows;
		W.cols = cols;
		W.event(W.event_ud, TERM_RESIZED);
	}
	if (W.input && (W.keys || lines_ready()))
		W.input(W.input_ud, false);
	arm();
}

static enum md_status watch(struct loop *loop, bool keys, term_input_fn *fn,
			    void *ud, struct md_err *err)
{
	if (!keys && !W.started) {
		InitializeCriticalSection(&W.lock);
		InitializeConditionVariable(&W.wake);
		HANDLE t = CreateThread(NULL, 0, reader, NULL, 0, NULL);
		if (!t)
			return md_err_set(err, MD_ERR_INTERNAL, NULL, 0, "%s",
					  _("cannot read the answers"));
		CloseHandle(t);
		W.started = true;
	}
	W.loop = loop;
	W.keys = keys;
	W.input = fn;
	W.input_ud = ud;
	arm();
	if (!W.tick)
		return md_err_set(err, MD_ERR_NOMEM, NULL, 0, "%s",
				  _("out of memory"));
	return MD_OK;
}

enum md_status term_watch_lines(struct loop *loop, term_input_fn *fn, void *ud,
				struct md_err *err)
{
	return watch(loop, false, fn, ud, err);
}

enum md_status term_watch_keys(struct loop *loop, term_input_fn *fn, void *ud,
			       struct md_err *err)
{
	return watch(loop, true, fn, ud, err);
}

void term_unwatch(struct loop *loop)
{
	W.input = NULL;
	disarm();
}

long term_read(char *buf, size_t len)
{
	if (!W.started) {
		errno = EBADF;
		return -1;
	}
	EnterCriticalSection(&W.lock);
	long r = 0;
	if (W.used > 0) {
		size_t n = len < W.used ? len : W.used;
		memcpy(buf, W.buf, n);
		memmove(W.buf, W.buf + n, W.used - n);
		W.used -= n;
		SecureZeroMemory(W.buf + W.used, n);
		r = (long)n;
	} else if (!W.eof) {
		errno = EAGAIN;
		r = -1;
	}
	LeaveCriticalSection(&W.lock);
	return r;
}

/* On the console's own thread: Ctrl-C, Ctrl-Break, the window closed,
 * logging off. The main thread sees the flag at its next tick; for an
 * end that Windows forces once this returns, it gets a moment to let go
 * first (a fix being written finishes, as on SIGTERM on Linux). */
static BOOL WINAPI on_ctrl(DWORD type)
{
	InterlockedExchange(&W.interrupt, 1);
	if (type == CTRL_CLOSE_EVENT || type == CTRL_LOGOFF_EVENT ||
	    type == CTRL_SHUTDOWN_EVENT)
		WaitForSingleObject(W.handled, 4000);
	return TRUE;
}

enum md_status term_watch_events(struct loop *loop, term_event_fn *fn, void *ud,
				 struct md_err *err)
{
	if (!W.handled)
		W.handled = CreateEventW(NULL, TRUE, FALSE, NULL);
	ResetEvent(W.handled);
	InterlockedExchange(&W.interrupt, 0);
	if (!SetConsoleCtrlHandler(on_ctrl, TRUE))
		return md_err_set(err, MD_ERR_INTERNAL, NULL, 0, "%s",
				  _("cannot watch the terminal's size"));
	if (!term_size(&W.rows, &W.cols))
		W.rows = W.cols = 0;
	W.loop = loop;
	W.event = fn;
	W.event_ud = ud;
	arm();
	return MD_OK;
}

void term_unwatch_events(struct loop *loop)
{
	if (W.event)
		SetConsoleCtrlHandler(on_ctrl, FALSE);
	W.event = NULL;
	if (W.handled)
		SetEvent(W.handled);
	disarm();
}

#endif
