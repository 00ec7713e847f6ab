/* ui_curses.c — the full-screen renderer: takes the terminal with
 * ncursesw, reads keys when the terminal seam (term.h) says they are there,
 * and redraws or leaves on its notices of a resize or an interrupt. */
#include "tui/ui_curses.h"
#include "tui/wizard.h"

#include "tui/term.h"

#include "core/base/i18n.h"

#include <curses.h>
#include <term.h>
#include <stdlib.h>
#include <string.h>

/* The terminal changed size: tell curses, then draw again. */
static void resized(struct wizard *w)
{
	int rows, cols;
	if (term_size(&rows, &cols))
		resize_term(rows, cols);
	clearok(curscr, TRUE);
	wizard_redraw(w);
}

static void on_event(void *ud, enum term_event ev)
{
	struct wizard *w = ud;
	if (ev == TERM_RESIZED)
		resized(w);
	else /* Ctrl-C, TERM, HUP: leave, changing nothing */
		wizard_end_of_input(w);
}

/* Append the UTF-8 form of wc to the input buffer, if it fits. */
static void input_add(struct curses_state *cs, wint_t wc)
{
	char mb[8];
	size_t used = strlen(cs->input);
	int n = 0;
	uint32_t c = (uint32_t)wc;
	if (c < 0x80) {
		mb[n++] = (char)c;
	} else if (c < 0x800) {
		mb[n++] = (char)(0xC0 | c >> 6);
		mb[n++] = (char)(0x80 | (c & 0x3F));
	} else if (c < 0x10000) {
		mb[n++] = (char)(0xE0 | c >> 12);
		mb[n++] = (char)(0x80 | ((c >> 6) & 0x3F));
		mb[n++] = (char)(0x80 | (c & 0x3F));
	} else {
		mb[n++] = (char)(0xF0 | c >> 18);
		mb[n++] = (char)(0x80 | ((c >> 12) & 0x3F));
		mb[n++] = (char)(0x80 | ((c >> 6) & 0x3F));
		mb[n++] = (char)(0x80 | (c & 0x3F));
	}
	if (used + (size_t)n + 1 > cs->input_cap)
		return;
	memcpy(cs->input + used, mb, (size_t)n);
	cs->input[used + (size_t)n] = '\0';
}

/* Remove the last UTF-8 character of the input; false when empty. */
static bool input_erase(struct curses_state *cs)
{
	size_t n = strlen(cs->input);
	if (n == 0)
		return false;
	while (n > 0 && ((unsigned char)cs->input[n - 1] & 0xC0) == 0x80)
		n--;
	if (n > 0)
		n--;
	cs->input[n] = '\0';
	return true;
}

/* A key while an input field is shown: true when it was editing. */
static bool edit_key(struct curses_state *cs, int r, wint_t wc)
{
	if (!cs->input)
		return false;
	if (r == OK && wc >= 0x20 && wc != 0x7F) {
		input_add(cs, wc);
		return true;
	}
	bool bs = (r == KEY_CODE_YES && wc == KEY_BACKSPACE) ||
		  (r == OK && (wc == 127 || wc == 8));
	return bs && input_erase(cs);
}

static void on_input(void *ud, bool gone)
{
	struct wizard *w = ud;
	struct curses_state *cs = w->ui_state;
	for (;;) {
		wint_t wc;
		int r = get_wch(&wc);
		if (r == ERR)
			break;
		if (edit_key(cs, r, wc)) {
			wizard_redraw(w);
			continue;
		}
		bool code = r == KEY_CODE_YES;
		enum ui_action a = curses_key_action(cs, (int)wc, code);
		/* Paging is the renderer's own business. */
		bool choose = cs->n_items > 0;
		if (a == UI_ACT_PGDN || (a == UI_ACT_DOWN && !choose))
			cs->scroll +=
			    a == UI_ACT_PGDN ? cs->body_height - 1 : 1;
		else if (a == UI_ACT_PGUP || (a == UI_ACT_UP && !choose))
			cs->scroll -=
			    a == UI_ACT_PGUP ? cs->body_height - 1 : 1;
		if (!choose && (a == UI_ACT_UP || a == UI_ACT_DOWN))
			a = UI_ACT_REDRAW;
		if (code && wc == KEY_RESIZE) {
			resized(w);
			continue;
		}
		/* a window too small shows no page: only quitting (and its
		 * question) works until it is resized */
		if (cs->too_small && a != UI_ACT_QUIT && a != UI_ACT_YES &&
		    a != UI_ACT_NO)
			a = UI_ACT_NONE;
		if (a != UI_ACT_NONE)
			wizard_act(w, a, -1);
		if (w->done)
			break;
	}
	if (gone && !w->done) { /* the terminal went away */
		wizard_end_of_input(w);
	}
}

static void set_colors(struct curses_state *cs, bool want)
{
	cs->color = false;
	if (!want || !has_colors() || start_color() == ERR)
		return;
	int bg = -1; /* the terminal's own background */
	if (use_default_colors() != OK)
		bg = term_fallback_bg();
	init_pair(1, COLOR_GREEN, bg);
	init_pair(2, COLOR_RED, bg);
	init_pair(3, COLOR_YELLOW, bg);
	init_pair(4, COLOR_CYAN, bg);
	cs->color = true;
}

static enum md_status curses_open(struct wizard *w, struct md_err *err)
{
	struct curses_state *cs = calloc(1, sizeof *cs);
	if (!cs)
		return md_err_set(err, MD_ERR_NOMEM, NULL, 0, "%s",
				  _("out of memory"));
	cs->focus = -1;
	w->ui_state = cs;
	enum md_status st = term_watch_events(w->loop, on_event, w, err);
	if (st != MD_OK)
		return st;
	set_escdelay(25);
	term_text_drain(); /* what was printed, before curses takes over */
	cs->screen = newterm(term_type(), stdout, stdin);
	if (!cs->screen)
		return md_err_set(err, MD_ERR_USAGE, NULL, 0, "%s",
				  _("this terminal cannot show the wizard; "
				    "try maildoctor --plain"));
	cs->open = true;
	cbreak();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	nodelay(stdscr, TRUE);
	curs_set(0);
	set_colors(cs, w->color);
	return term_watch_keys(w->loop, on_input, w, err);
}

static void curses_show(struct wizard *w, const struct page *pg, bool fresh)
{
	struct curses_state *cs = w->ui_state;
	if (!cs || !cs->open)
		return;
	cs->n_keys = pg->n_keys;
	memcpy(cs->keys, pg->keys, sizeof cs->keys);
	cs->n_items = page_n_items(pg);
	cs->input = pg->input;
	cs->input_cap = pg->input_cap;
	curses_paint(cs, pg, fresh);
}

static void curses_close(struct wizard *w)
{
	struct curses_state *cs = w->ui_state;
	if (!cs)
		return;
	term_unwatch(w->loop);
	if (cs->open) {
		endwin();
		delscreen(cs->screen);
	}
	term_unwatch_events(w->loop);
	free(cs);
	w->ui_state = NULL;
}

bool ui_curses_usable(void)
{
	int e = 0;
	if (setupterm((char *)term_type(), fileno(stdout), &e) != OK)
		return false;
	del_curterm(cur_term);
	return true;
}

const struct ui_ops ui_curses_ops = {
    .open = curses_open,
    .show = curses_show,
    .close = curses_close,
};
