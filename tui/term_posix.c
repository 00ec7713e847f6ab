/* term_posix.c — the Linux side of term.h: isatty and termios, the
 * window's size from TIOCGWINSZ, standard input watched on the loop, and
 * SIGWINCH, SIGINT, SIGTERM and SIGHUP taken through a signalfd on the
 * same loop. */
#ifndef _WIN32

#include "tui/term.h"

#include "core/base/i18n.h"

#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/signalfd.h>
#include <termios.h>
#include <unistd.h>
#include <wchar.h>

static struct {
	bool echo_off;	      /* term_echo_off() turned the echo off */
	struct termios saved; /* the settings before */
	term_input_fn *input;
	void *input_ud;
	int sfd; /* signalfd of the handled signals, or -1 */
	term_event_fn *event;
	void *event_ud;
} T = {.sfd = -1};

bool term_stdin_is_tty(void)
{
	return isatty(STDIN_FILENO);
}

bool term_stdout_is_tty(void)
{
	return isatty(STDOUT_FILENO);
}

const char *term_type(void)
{
	const char *term = getenv("TERM");
	if (!term || !*term || strcmp(term, "dumb") == 0)
		return NULL;
	return term;
}

bool term_curses_wide(void)
{
	return false;
}

int term_char_width(uint32_t cp)
{
	return wcwidth((wchar_t)cp);
}

int term_fallback_bg(void)
{
	return -1;
}

bool term_size(int *rows, int *cols)
{
	struct winsize ws;
	if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) != 0 || ws.ws_row == 0 ||
	    ws.ws_col == 0)
		return false;
	*rows = ws.ws_row;
	*cols = ws.ws_col;
	return true;
}

bool term_echo_off(void)
{
	if (T.echo_off)
		return true;
	if (!isatty(STDIN_FILENO) || tcgetattr(STDIN_FILENO, &T.saved) != 0)
		return false;
	struct termios t = T.saved;
	t.c_lflag &= ~(tcflag_t)ECHO;
	T.echo_off = tcsetattr(STDIN_FILENO, TCSANOW, &t) == 0;
	return T.echo_off;
}

void term_echo_on(void)
{
	if (!T.echo_off)
		return;
	tcsetattr(STDIN_FILENO, TCSANOW, &T.saved);
	T.echo_off = false;
}

static void on_stdin(struct loop *loop, int fd, unsigned events, void *ud)
{
	T.input(T.input_ud, events & LOOP_ERROR);
}

/* Lines and keys are both read from the descriptor on Linux. */
static enum md_status watch_stdin(struct loop *loop, term_input_fn *fn,
				  void *ud, struct md_err *err)
{
	T.input = fn;
	T.input_ud = ud;
	return loop_watch(loop, STDIN_FILENO, LOOP_READ, on_stdin, NULL, err);
}

enum md_status term_watch_lines(struct loop *loop, term_input_fn *fn, void *ud,
				struct md_err *err)
{
	return watch_stdin(loop, fn, ud, err);
}

enum md_status term_watch_keys(struct loop *loop, term_input_fn *fn, void *ud,
			       struct md_err *err)
{
	return watch_stdin(loop, fn, ud, err);
}

void term_unwatch(struct loop *loop)
{
	loop_unwatch(loop, STDIN_FILENO);
}

long term_read(char *buf, size_t len)
{
	return (long)read(STDIN_FILENO, buf, len);
}

static sigset_t handled_signals(void)
{
	sigset_t set;
	sigemptyset(&set);
	sigaddset(&set, SIGWINCH);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGHUP);
	return set;
}

static void on_signal(struct loop *loop, int fd, unsigned events, void *ud)
{
	struct signalfd_siginfo si;
	bool resize = false;
	while (read(fd, &si, sizeof si) == (ssize_t)sizeof si) {
		if (si.ssi_signo == SIGWINCH) {
			resize = true;
		} else { /* INT, TERM, HUP */
			T.event(T.event_ud, TERM_INTERRUPTED);
			return;
		}
	}
	if (resize)
		T.event(T.event_ud, TERM_RESIZED);
}

enum md_status term_watch_events(struct loop *loop, term_event_fn *fn, void *ud,
				 struct md_err *err)
{
	T.event = fn;
	T.event_ud = ud;
	sigset_t set = handled_signals();
	sigprocmask(SIG_BLOCK, &set, NULL);
	T.sfd = signalfd(-1, &set, SFD_NONBLOCK | SFD_CLOEXEC);
	if (T.sfd < 0)
		return md_err_sys(err, MD_ERR_INTERNAL, errno, NULL, "%s",
				  _("cannot watch the terminal's size"));
	return loop_watch(loop, T.sfd, LOOP_READ, on_signal, NULL, err);
}

void term_unwatch_events(struct loop *loop)
{
	if (T.sfd >= 0) {
		loop_unwatch(loop, T.sfd);
		close(T.sfd);
		T.sfd = -1;
	}
	sigset_t set = handled_signals();
	sigprocmask(SIG_UNBLOCK, &set, NULL);
}

/* A Linux terminal takes UTF-8 as it comes: nothing to change. */
void term_text_start(FILE **out, FILE **err)
{
	(void)out;
	(void)err;
}

void term_text_drain(void)
{
}

void term_text_stop(void)
{
}

bool term_text_write(const char *s)
{
	(void)s;
	return false;
}

#endif
