/* entry_win.c — the program's entry on Windows (linked with -municode):
 * wmain takes the command line in UTF-16, so that a path under
 * C:\Users\田中花子 survives, turns it into UTF-8 and runs main.c's main,
 * the same code as on Linux. Around it the console speaks UTF-8 (its code
 * pages and modes put back at the end), standard output and error write
 * "\n" as on Linux, the program's text reaches a console as UTF-16
 * (tui/term_text_win.c), and a console of its own (the program was started by
 * a double-click) waits for a key at the end, so that the summary does not
 * vanish with the window. Built only by the Windows build (issue 17). */
#ifdef _WIN32

#include "core/base/i18n.h"
#include "tui/term.h"

#include <windows.h>

#include <fcntl.h>
#include <io.h>
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv);

/* The console as it was, put back at the end. */
static struct {
	UINT in_cp, out_cp;
	DWORD out_mode, err_mode;
	bool out_con, err_con;
} saved;

/* Every argument in UTF-8, in a NULL-ended array (malloc'd, kept for the
 * process); NULL when out of memory. */
static char **utf8_argv(int argc, wchar_t **wargv)
{
	char **argv = calloc((size_t)argc + 1, sizeof *argv);
	for (int i = 0; argv && i < argc; i++) {
		int n = WideCharToMultiByte(CP_UTF8, 0, wargv[i], -1, NULL, 0,
					    NULL, NULL);
		argv[i] = n > 0 ? malloc((size_t)n) : NULL;
		if (!argv[i] ||
		    WideCharToMultiByte(CP_UTF8, 0, wargv[i], -1, argv[i], n,
					NULL, NULL) != n)
			return NULL;
	}
	return argv;
}

/* VT sequences (the progress line's erase) understood on a console. */
static bool vt_on(HANDLE h, DWORD *mode)
{
	if (!GetConsoleMode(h, mode))
		return false;
	SetConsoleMode(h, *mode | ENABLE_VIRTUAL_TERMINAL_PROCESSING);
	return true;
}

static void console_utf8(void)
{
	saved.in_cp = GetConsoleCP();
	saved.out_cp = GetConsoleOutputCP();
	SetConsoleOutputCP(CP_UTF8);
	SetConsoleCP(CP_UTF8);
	saved.out_con = vt_on(GetStdHandle(STD_OUTPUT_HANDLE), &saved.out_mode);
	saved.err_con = vt_on(GetStdHandle(STD_ERROR_HANDLE), &saved.err_mode);
	_setmode(_fileno(stdout), _O_BINARY);
	_setmode(_fileno(stderr), _O_BINARY);
}

static void console_restore(void)
{
	fflush(stdout);
	fflush(stderr);
	if (saved.out_con)
		SetConsoleMode(GetStdHandle(STD_OUTPUT_HANDLE), saved.out_mode);
	if (saved.err_con)
		SetConsoleMode(GetStdHandle(STD_ERROR_HANDLE), saved.err_mode);
	if (saved.out_cp)
		SetConsoleOutputCP(saved.out_cp);
	if (saved.in_cp)
		SetConsoleCP(saved.in_cp);
}

/* Whether this process is the only one on its console: Explorer made it
 * for the program (a double-click), and it closes when the program ends.
 * wine started from a Unix terminal gives every program a console of its
 * own too: MAILDOCTOR_NO_PAUSE (any value) says no one is to press a key
 * (tests, scripts). */
static bool console_of_its_own(void)
{
	DWORD pids[2];
	return GetConsoleProcessList(pids, 2) == 1 &&
	       !_wgetenv(L"MAILDOCTOR_NO_PAUSE");
}

/* "Press a key" and wait for one on the console. */
static void wait_for_key(void)
{
	HANDLE in = GetStdHandle(STD_INPUT_HANDLE);
	DWORD mode;
	if (!GetConsoleMode(in, &mode))
		return;
	char line[256];
	snprintf(line, sizeof line, "\n%s\n",
		 _B("Press a key to close this window."));
	if (!term_text_write(line)) {
		fputs(line, stdout);
		fflush(stdout);
	}
	FlushConsoleInputBuffer(in);
	for (;;) {
		INPUT_RECORD rec;
		DWORD n = 0;
		if (!ReadConsoleInputW(in, &rec, 1, &n) || n == 0)
			return;
		if (rec.EventType == KEY_EVENT && rec.Event.KeyEvent.bKeyDown)
			return;
	}
}

/* The entry mingw's -municode start-up calls. */
int wmain(int argc, wchar_t **wargv);

int wmain(int argc, wchar_t **wargv)
{
	char **argv = utf8_argv(argc, wargv);
	if (!argv) {
		fputs("maildoctor: out of memory\n", stderr);
		return 3;
	}
	bool own = console_of_its_own();
	console_utf8();
	int rc = main(argc, argv);
	term_text_stop(); /* the rest of main's text, before the pause */
	if (own)
		wait_for_key();
	console_restore();
	return rc;
}

#endif
