/* term_text_win.c — the program's text on a Windows console, in UTF-16.
 * msvcrt's console streams are unbuffered and mingw's printf writes them a
 * byte at a time, so a console decodes each byte of a Japanese character
 * alone (wine shows U+FFFD for each; older conhosts do the same, see
 * microsoft/terminal #386). When standard output or error is a console,
 * the program's own streams (app->out, app->err) write into one pipe
 * instead; a thread reads it, keeps a character cut at the end of a read
 * for the next one, and writes whole characters with WriteConsoleW. The
 * standard handles are left as they are: curses draws on the console
 * itself, and whatever else writes to stdout reaches it as before. A NUL
 * byte in the pipe is term_text_drain()'s mark: the thread has written
 * everything before it when it sets the event.
 * Built only by the Windows build (issue 17). */
#ifdef _WIN32

#include "tui/term.h"
#include "tui/term_win_private.h"

#include <windows.h>

#include <fcntl.h>
#include <io.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { CHUNK = 4096, DRAIN_MS = 5000 };

static struct {
	HANDLE con;	 /* the console the text goes to */
	HANDLE rd;	 /* the pipe's reading end (the thread's) */
	HANDLE wr;	 /* its writing end, for the drain's mark */
	HANDLE drained;	 /* set by the thread on reaching the mark */
	HANDLE thread;	 /* or NULL: not started */
	FILE *out, *err; /* the streams on the pipe's writing end */
} C;

/* How many of the n bytes at s end with a whole UTF-8 character: a lead
 * byte among the last three whose sequence is not complete is kept back.
 * Bytes that are no UTF-8 at all are written (they become U+FFFD). */
static size_t whole_chars(const unsigned char *s, size_t n)
{
	for (size_t back = 1; back <= 3 && back <= n; back++) {
		unsigned char c = s[n - back];
		if ((c & 0xC0) == 0x80)
			continue; /* a later byte: look further back */
		size_t len = (c & 0xE0) == 0xC0	  ? 2
			     : (c & 0xF0) == 0xE0 ? 3
			     : (c & 0xF8) == 0xF0 ? 4
						  : 1;
		return len > back ? n - back : n;
	}
	return n;
}

/* Write n bytes of UTF-8 (at most CHUNK + 4) to the console h as UTF-16.
 * One caller at a time: the thread, or term_text_write() without one. */
static void write_utf16(HANDLE h, const char *s, size_t n)
{
	static wchar_t w[CHUNK + 8];
	if (n == 0)
		return;
	int k = MultiByteToWideChar(CP_UTF8, 0, s, (int)n, w, CHUNK + 8);
	for (int done = 0; k > 0 && done < k;) {
		DWORD wrote = 0;
		if (!WriteConsoleW(h, w + done, (DWORD)(k - done), &wrote,
				   NULL) ||
		    wrote == 0)
			return;
		done += (int)wrote;
	}
}

/* The thread: the pipe's bytes to the console until every writer has
 * closed its end. */
static DWORD WINAPI pump(void *unused)
{
	(void)unused;
	static char buf[CHUNK + 4];
	size_t have = 0;
	for (;;) {
		DWORD got = 0;
		if (!ReadFile(C.rd, buf + have, CHUNK, &got, NULL) || got == 0)
			break;
		have += got;
		char *mark;
		while ((mark = memchr(buf, '\0', have))) {
			size_t before = (size_t)(mark - buf);
			write_utf16(C.con, buf, before);
			have -= before + 1;
			memmove(buf, mark + 1, have);
			SetEvent(C.drained);
		}
		size_t whole = whole_chars((unsigned char *)buf, have);
		write_utf16(C.con, buf, whole);
		have -= whole;
		memmove(buf, buf + whole, have);
	}
	write_utf16(C.con, buf, have); /* a cut character at the very end */
	SetEvent(C.drained);
	return 0;
}

/* A stream on the pipe's writing end h (its own duplicate), unbuffered so
 * that the two streams' text reaches the pipe in the order written. */
static FILE *pipe_stream(HANDLE h)
{
	HANDLE dup;
	if (!DuplicateHandle(GetCurrentProcess(), h, GetCurrentProcess(), &dup,
			     0, FALSE, DUPLICATE_SAME_ACCESS))
		return NULL;
	int fd = _open_osfhandle((intptr_t)dup, _O_WRONLY | _O_BINARY);
	if (fd < 0) {
		CloseHandle(dup);
		return NULL;
	}
	FILE *f = _fdopen(fd, "wb");
	if (!f) {
		_close(fd);
		return NULL;
	}
	setvbuf(f, NULL, _IONBF, 0);
	return f;
}

void term_text_start(FILE **out, FILE **err)
{
	HANDLE ho = GetStdHandle(STD_OUTPUT_HANDLE);
	HANDLE he = GetStdHandle(STD_ERROR_HANDLE);
	bool oc = term_win_is_console(ho, NULL),
	     ec = term_win_is_console(he, NULL);
	if ((!oc && !ec) || C.thread)
		return;
	if (!CreatePipe(&C.rd, &C.wr, NULL, CHUNK) ||
	    !(C.drained = CreateEventW(NULL, FALSE, FALSE, NULL)))
		goto fail;
	C.con = oc ? ho : he;
	C.out = oc ? pipe_stream(C.wr) : NULL;
	C.err = ec ? pipe_stream(C.wr) : NULL;
	if ((oc && !C.out) || (ec && !C.err) ||
	    !(C.thread = CreateThread(NULL, 0, pump, NULL, 0, NULL)))
		goto fail;
	if (C.out)
		*out = C.out;
	if (C.err)
		*err = C.err;
	static bool at_exit;
	if (!at_exit)
		at_exit = atexit(term_text_stop) == 0; /* exit() below main */
	return;
fail:
	term_text_stop();
}

void term_text_drain(void)
{
	DWORD n;
	if (!C.thread || !C.wr)
		return;
	if (C.out)
		fflush(C.out);
	if (C.err)
		fflush(C.err);
	ResetEvent(C.drained);
	if (WriteFile(C.wr, "", 1, &n, NULL) && n == 1)
		WaitForSingleObject(C.drained, DRAIN_MS);
}

void term_text_stop(void)
{
	if (C.out)
		fclose(C.out);
	if (C.err)
		fclose(C.err);
	C.out = C.err = NULL;
	if (C.wr)
		CloseHandle(C.wr);
	C.wr = NULL;
	if (C.thread) {
		WaitForSingleObject(C.thread, DRAIN_MS);
		CloseHandle(C.thread);
		C.thread = NULL;
	}
	if (C.rd)
		CloseHandle(C.rd);
	if (C.drained)
		CloseHandle(C.drained);
	C.rd = C.drained = NULL;
}

bool term_text_write(const char *s)
{
	HANDLE h = GetStdHandle(STD_OUTPUT_HANDLE);
	if (C.thread || !term_win_is_console(h, NULL))
		return false;
	for (size_t n = strlen(s), part; n > 0; s += part, n -= part) {
		part = whole_chars((const unsigned char *)s,
				   n > CHUNK ? CHUNK : n);
		if (part == 0) /* only a cut character is left */
			part = n;
		write_utf16(h, s, part);
	}
	return true;
}

#endif
