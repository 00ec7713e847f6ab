/* term.h — the seam between the wizard and the terminal: whether standard
 * input and output are one, its size, the echo of typed characters, and
 * the loop's notices of typed input, a resize and an interrupt, so that
 * the renderers above never hold an #ifdef _WIN32. term_posix.c is the
 * Linux side (termios, TIOCGWINSZ, a signalfd of SIGWINCH, SIGINT, SIGTERM
 * and SIGHUP); term_win.c the Windows one (the console API: console
 * modes, the screen buffer's window, a console control handler, a thread
 * that reads standard input). One terminal per process: the state is the
 * seam's own. */
#ifndef MD_TERM_H
#define MD_TERM_H

#include "core/base/err.h"
#include "core/net/loop.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* Whether standard input, standard output is a terminal (on Windows a
 * console: a pipe, a file or NUL is not). */
bool term_stdin_is_tty(void);
bool term_stdout_is_tty(void);

/* The name of the terminal's type for curses (TERM on Linux), or NULL
 * when there is none or it cannot draw a screen ("dumb"). */
const char *term_type(void);

/* Whether curses is given text as wide characters rather than UTF-8:
 * the C library cannot decode UTF-8 (Windows' msvcrt has no UTF-8
 * locale, and curses would read the bytes in the ANSI code page). */
bool term_curses_wide(void);

/* The C library's display width of code point cp (wcwidth), or -1 when
 * it does not know it (and always on Windows, which has no wcwidth). */
int term_char_width(uint32_t cp);

/* The background of colour pairs when curses cannot keep the terminal's
 * own: -1 on Linux (the pairs then fail, and there is no colour), the
 * console's black (0) on Windows, whose curses driver has no default
 * colours. */
int term_fallback_bg(void);

/* The window's size in rows and columns; false when it is not known. */
bool term_size(int *rows, int *cols);

/* Typed characters are not echoed (a password is being typed); true when
 * standard input is a terminal whose echo is now off. term_echo_on()
 * puts back what term_echo_off() changed. */
bool term_echo_off(void);
void term_echo_on(void);

/* Called when standard input has something (term_watch_lines: bytes for
 * term_read; term_watch_keys: keys for curses to read itself); gone is
 * true when the terminal went away. */
typedef void term_input_fn(void *ud, bool gone);

/* Watch standard input on loop: for lines read with term_read (the plain
 * renderer), or for keys that curses reads (the full-screen one). One
 * watch at a time; term_unwatch() ends it (no effect when none). */
enum md_status term_watch_lines(struct loop *loop, term_input_fn *fn, void *ud,
				struct md_err *err);
enum md_status term_watch_keys(struct loop *loop, term_input_fn *fn, void *ud,
			       struct md_err *err);
void term_unwatch(struct loop *loop);

/* Up to len bytes of standard input (UTF-8 also from a Windows console)
 * into buf: like read(2), the count, 0 at its end, or -1 with errno (EAGAIN
 * when nothing is there yet). */
long term_read(char *buf, size_t len);

/* What term_watch_events reports. */
enum term_event {
	TERM_RESIZED,	  /* the window changed size */
	TERM_INTERRUPTED, /* Ctrl-C, or asked to end (SIGTERM, SIGHUP, the
			     console window closed) */
};
typedef void term_event_fn(void *ud, enum term_event ev);

/* Report resizes and interrupts on loop until term_unwatch_events(); an
 * interrupt then no longer ends the process by itself. */
enum md_status term_watch_events(struct loop *loop, term_event_fn *fn, void *ud,
				 struct md_err *err);
void term_unwatch_events(struct loop *loop);

/* The program's text on a Windows console (term_text_win.c): when standard
 * output or error is a console, *out and *err (those that are) become
 * streams whose UTF-8 reaches the console whole, as UTF-16; elsewhere
 * nothing changes. term_text_drain() returns when everything written so
 * far is on the console (before curses takes it); term_text_stop() writes
 * the rest and closes the streams (also run at exit). */
void term_text_start(FILE **out, FILE **err);
void term_text_drain(void);
void term_text_stop(void);

/* s (UTF-8) written to the console of standard output as UTF-16, when
 * that is a console and term_text_start() is not in force; false when it
 * wrote nothing. On Linux always false. */
bool term_text_write(const char *s);

#endif
