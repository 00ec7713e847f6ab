/* ui_curses_keys.c — which terminal keys ask for which action (dialog's
 * key tables). A key may be bound to several actions: the first one the
 * page accepts wins, so Esc means "back" on most screens, "stop" while
 * checks run and "no" when asked a question. */
#include "tui/ui_curses.h"

#include <curses.h>

struct binding {
	int key;
	bool is_code; /* a KEY_* code, not a character */
	enum ui_action act;
};

static const struct binding bindings[] = {
    {'\n', false, UI_ACT_NEXT},
    {'\r', false, UI_ACT_NEXT},
    {KEY_ENTER, true, UI_ACT_NEXT},
    {'\n', false, UI_ACT_FINISH},
    {'\r', false, UI_ACT_FINISH},
    {KEY_ENTER, true, UI_ACT_FINISH},
    {27, false, UI_ACT_BACK},
    {27, false, UI_ACT_CANCEL},
    {27, false, UI_ACT_NO},
    {KEY_BACKSPACE, true, UI_ACT_BACK},
    {127, false, UI_ACT_BACK},
    {8, false, UI_ACT_BACK},
    {KEY_LEFT, true, UI_ACT_BACK},
    {'q', false, UI_ACT_QUIT},
    {'Q', false, UI_ACT_QUIT},
    {'?', false, UI_ACT_HELP},
    {KEY_F(1), true, UI_ACT_HELP},
    {KEY_UP, true, UI_ACT_UP},
    {'k', false, UI_ACT_UP},
    {KEY_DOWN, true, UI_ACT_DOWN},
    {'j', false, UI_ACT_DOWN},
    {KEY_PPAGE, true, UI_ACT_PGUP},
    {KEY_NPAGE, true, UI_ACT_PGDN},
    {' ', false, UI_ACT_PGDN},
    {'t', false, UI_ACT_TYPE},
    {'t', false, UI_ACT_TYPE_SERVER},
    {'p', false, UI_ACT_PASSWORD},
    {'d', false, UI_ACT_DETAILS},
    {'a', false, UI_ACT_APPLY},
    {'s', false, UI_ACT_SKIP},
    {'y', false, UI_ACT_YES},
    {'Y', false, UI_ACT_YES},
    {'n', false, UI_ACT_NO},
    {'N', false, UI_ACT_NO},
    {'c', false, UI_ACT_CANCEL},
    {12, false, UI_ACT_REDRAW}, /* Ctrl-L */
    {KEY_RESIZE, true, UI_ACT_REDRAW},
};

static bool accepted(const struct curses_state *cs, enum ui_action a)
{
	if (ui_action_global(a))
		return true;
	for (size_t i = 0; i < cs->n_keys; i++)
		if (cs->keys[i] == a ||
		    (cs->keys[i] == UI_ACT_UP && a == UI_ACT_DOWN))
			return true;
	return false;
}

enum ui_action curses_key_action(const struct curses_state *cs, int k,
				 bool is_code)
{
	for (size_t i = 0; i < sizeof bindings / sizeof bindings[0]; i++)
		if (bindings[i].key == k && bindings[i].is_code == is_code &&
		    accepted(cs, bindings[i].act))
			return bindings[i].act;
	/* arrows scroll a page that has nothing to choose */
	if (is_code && (k == KEY_UP || k == KEY_DOWN))
		return k == KEY_UP ? UI_ACT_UP : UI_ACT_DOWN;
	return UI_ACT_NONE;
}
