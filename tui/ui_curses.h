/* ui_curses.h — internals shared by the files of the full-screen renderer:
 * the terminal (ui_curses.c), the key bindings (ui_curses_keys.c) and the
 * painting of a page (ui_curses_draw.c). */
#ifndef MD_UI_CURSES_H
#define MD_UI_CURSES_H

#include "tui/page.h"
#include "tui/ui_keys.h"

#include <stdbool.h>
#include <stddef.h>

struct curses_state {
	bool open;	 /* curses is on the screen */
	void *screen;	 /* the SCREEN of newterm() */
	bool color;	 /* colour pairs are set up */
	int scroll;	 /* first body line shown */
	int focus;	 /* the last page's focus block, -1 for none */
	int body_lines;	 /* lines of the body of the last page */
	int body_height; /* lines the body area had */
	bool too_small;	 /* the window is too small for the last page:
			    it says so, and keys wait for a resize */
	size_t n_items;	 /* choices on the last page */
	char *input;	 /* the last page's input buffer, or NULL */
	size_t input_cap;
	enum ui_action keys[UI_MAX_PAGE_KEYS]; /* the last page's keys */
	size_t n_keys;
};

/* The action bound to key code k (from get_wch: is_code tells a KEY_*
 * code from a character) that the last page accepts, or UI_ACT_NONE. */
enum ui_action curses_key_action(const struct curses_state *cs, int k,
				 bool is_code);

/* Paint pg on the whole screen (erase, draw, refresh). */
void curses_paint(struct curses_state *cs, const struct page *pg, bool fresh);

#endif
