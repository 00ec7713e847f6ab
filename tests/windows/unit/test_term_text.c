/* test_term_text.c — (built for Windows only) tui/term_text_win.c: text
 * written through the streams term_text_start() gives reaches the console
 * whole, as UTF-16, however it was cut into writes — a byte at a time, as
 * mingw's printf writes an unbuffered stream, or cut inside a character —
 * and in the order written across the two streams. The console is the
 * process's own (CONOUT$, made standard output and error for the test);
 * what it shows is read back with ReadConsoleOutputCharacterW. Under wine
 * a console needs a terminal: run.sh gives it a console (script(1), its
 * output still to the log). */
#include "tui/term.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <windows.h>

static HANDLE con;
static HANDLE saved_out, saved_err;

/* Row y of the console, its trailing blanks dropped, in UTF-8. */
static const char *row(int y)
{
	static char utf8[1024];
	wchar_t w[300];
	DWORD n = 0;
	CONSOLE_SCREEN_BUFFER_INFO si;
	assert_true(GetConsoleScreenBufferInfo(con, &si));
	DWORD width = (DWORD)si.dwSize.X < 300 ? (DWORD)si.dwSize.X : 300;
	assert_true(ReadConsoleOutputCharacterW(con, w, width,
						(COORD){0, (SHORT)y}, &n));
	while (n > 0 && w[n - 1] == L' ')
		n--;
	int k = WideCharToMultiByte(CP_UTF8, 0, w, (int)n, utf8,
				    sizeof utf8 - 1, NULL, NULL);
	utf8[k > 0 ? k : 0] = '\0';
	return utf8;
}

/* The console cleared, the cursor at its top left. */
static void clear(void)
{
	CONSOLE_SCREEN_BUFFER_INFO si;
	DWORD n;
	assert_true(GetConsoleScreenBufferInfo(con, &si));
	FillConsoleOutputCharacterW(con, L' ',
				    (DWORD)si.dwSize.X * (DWORD)si.dwSize.Y,
				    (COORD){0, 0}, &n);
	SetConsoleCursorPosition(con, (COORD){0, 0});
}

static HANDLE open_conout(void)
{
	return CreateFileW(L"CONOUT$", GENERIC_READ | GENERIC_WRITE,
			   FILE_SHARE_READ | FILE_SHARE_WRITE, NULL,
			   OPEN_EXISTING, 0, NULL);
}

static int setup(void **state)
{
	(void)state;
	con = open_conout();
	if (con == INVALID_HANDLE_VALUE) {
		fprintf(stderr, "no console to write to (CONOUT$): run it "
				"with a terminal for input, as run.sh does\n");
		return -1;
	}
	saved_out = GetStdHandle(STD_OUTPUT_HANDLE);
	saved_err = GetStdHandle(STD_ERROR_HANDLE);
	SetStdHandle(STD_OUTPUT_HANDLE, con);
	SetStdHandle(STD_ERROR_HANDLE, con);
	SetConsoleOutputCP(CP_UTF8);
	/* room for test_long_text's rows without scrolling */
	if (!SetConsoleScreenBufferSize(con, (COORD){100, 200})) {
		fprintf(stderr, "the console cannot be 100x200\n");
		return -1;
	}
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	SetStdHandle(STD_OUTPUT_HANDLE, saved_out);
	SetStdHandle(STD_ERROR_HANDLE, saved_err);
	CloseHandle(con);
	return 0;
}

static const char ja[] = "送信サーバーの設定を直しました。";

/* A byte at a time: every character arrives whole. */
static void test_byte_at_a_time(void **state)
{
	(void)state;
	FILE *out = NULL, *err = NULL;
	clear();
	term_text_start(&out, &err);
	assert_non_null(out);
	assert_non_null(err);
	for (const char *p = ja; *p; p++)
		assert_int_equal(fputc(*p, out), (unsigned char)*p);
	fputc('\n', out);
	term_text_drain();
	assert_string_equal(row(0), ja);
	term_text_stop();
}

/* Cut at every byte of the text in turn, in two writes: the same text. */
static void test_cut_anywhere(void **state)
{
	(void)state;
	size_t n = strlen(ja);
	for (size_t cut = 1; cut < n; cut++) {
		FILE *out = NULL, *err = NULL;
		clear();
		term_text_start(&out, &err);
		assert_non_null(out);
		fwrite(ja, 1, cut, out);
		fflush(out);
		Sleep(cut % 3 == 0 ? 5 : 0); /* a read of its own, at times */
		fwrite(ja + cut, 1, n - cut, out);
		term_text_drain();
		if (strcmp(row(0), ja) != 0)
			fail_msg("cut after byte %u: \"%s\"", (unsigned)cut,
				 row(0));
		term_text_stop();
	}
}

/* Both streams share the order they were written in; text left when the
 * streams are stopped (no drain) is written before term_text_stop()
 * returns. */
static void test_order_and_stop(void **state)
{
	(void)state;
	FILE *out = NULL, *err = NULL;
	clear();
	term_text_start(&out, &err);
	assert_non_null(err);
	fputs("一 out\n", out);
	fputs("二 err\n", err);
	fputs("三 out\n", out);
	fputs("四 err", err);
	term_text_stop();
	assert_string_equal(row(0), "一 out");
	assert_string_equal(row(1), "二 err");
	assert_string_equal(row(2), "三 out");
	assert_string_equal(row(3), "四 err");
}

/* A text longer than the pipe's reads (4096 bytes): all of it, in order,
 * with no character lost at the reads' edges. */
static void test_long_text(void **state)
{
	(void)state;
	FILE *out = NULL, *err = NULL;
	clear();
	term_text_start(&out, &err);
	assert_non_null(out);
	for (int i = 0; i < 150; i++) /* 150 rows of 101 bytes */
		fprintf(out, "%03d %s%s\n", i, ja, ja);
	term_text_stop();
	for (int i = 0; i < 150; i++) {
		char want[400];
		snprintf(want, sizeof want, "%03d %s%s", i, ja, ja);
		assert_string_equal(row(i), want);
	}
}

/* Without a console nothing changes: the streams stay as given. */
static void test_no_console(void **state)
{
	(void)state;
	HANDLE nul =
	    CreateFileW(L"NUL", GENERIC_WRITE, 0, NULL, OPEN_EXISTING, 0, NULL);
	assert_true(nul != INVALID_HANDLE_VALUE);
	SetStdHandle(STD_OUTPUT_HANDLE, nul);
	SetStdHandle(STD_ERROR_HANDLE, nul);
	FILE *out = stdout, *err = stderr;
	term_text_start(&out, &err);
	assert_ptr_equal(out, stdout);
	assert_ptr_equal(err, stderr);
	term_text_stop();
	SetStdHandle(STD_OUTPUT_HANDLE, con);
	SetStdHandle(STD_ERROR_HANDLE, con);
	CloseHandle(nul);
}

/* After each test, passed or not: the streams stopped. */
static int stop_text(void **state)
{
	(void)state;
	term_text_stop();
	return 0;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_teardown(test_byte_at_a_time, stop_text),
	    cmocka_unit_test_teardown(test_cut_anywhere, stop_text),
	    cmocka_unit_test_teardown(test_order_and_stop, stop_text),
	    cmocka_unit_test_teardown(test_long_text, stop_text),
	    cmocka_unit_test_teardown(test_no_console, stop_text),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
