/* ui_keys.h — what a person can ask for on a screen (actions), with the
 * key that does it, the hint on the bottom line and the sentence of the
 * `?` help: one table, so hints, help and key handling always agree.
 * The curses key codes bound to each action are in ui_curses_keys.c; the
 * plain line mode reads the words in `word`. */
#ifndef MD_UI_KEYS_H
#define MD_UI_KEYS_H

#include <stdbool.h>
#include <stddef.h>

/* X(id, key label, plain word, hint, help). Labels and words are not
 * translated (they are keys); hint and help are N_() sentences. */
#define UI_ACTION_LIST(X)                                                      \
	X(UI_ACT_NONE, "", NULL, "", "")                                       \
	X(UI_ACT_NEXT, "Enter", "", N_("go on"),                               \
	  N_("Go on to the next step, or choose the marked line."))            \
	X(UI_ACT_FINISH, "Enter", "", N_("finish"),                            \
	  N_("Leave maildoctor: this is the last step."))                      \
	X(UI_ACT_BACK, "Esc", "b", N_("back"),                                 \
	  N_("Go back one step. Backspace does the same."))                    \
	X(UI_ACT_CANCEL, "Esc", "c", N_("stop"),                               \
	  N_("Stop the checks that are still running."))                       \
	X(UI_ACT_UP, "\xe2\x86\x91\xe2\x86\x93", NULL, N_("choose"),           \
	  N_("Move the marker up and down. Page Up and Page Down scroll "      \
	     "long pages."))                                                   \
	X(UI_ACT_DOWN, "", NULL, "", "")                                       \
	X(UI_ACT_PGUP, "", NULL, "", "")                                       \
	X(UI_ACT_PGDN, "", NULL, "", "")                                       \
	X(UI_ACT_TYPE, "t", "t", N_("type an address"),                        \
	  N_("Type an email address instead of choosing one from the list."))  \
	X(UI_ACT_TYPE_SERVER, "t", "t", N_("type the server"),                 \
	  N_("Type the name of the outgoing server that the administrator "    \
	     "of your address's domain gave you. The change is shown before "  \
	     "anything is done."))                                             \
	X(UI_ACT_PASSWORD, "p", "p", N_("try the password"),                   \
	  N_("Check the chosen account with its password too: maildoctor "     \
	     "logs in to its outgoing server once, only over an encrypted "    \
	     "connection, and asks whether the server would take mail from "   \
	     "this address. No message is sent; the password is not shown, "   \
	     "not saved, and forgotten when the check ends."))                 \
	X(UI_ACT_DETAILS, "d", "d", N_("details"),                             \
	  N_("Show or hide the evidence: the checks, the lines of the "        \
	     "settings file and what the servers said."))                      \
	X(UI_ACT_APPLY, "a", "a", N_("apply"),                                 \
	  N_("Make the change shown on this screen. A copy of the settings "   \
	     "is kept first, so it can be undone."))                           \
	X(UI_ACT_SKIP, "s", "s", N_("skip"), N_("Change nothing and go on."))  \
	X(UI_ACT_YES, "y", "y", N_("yes"), N_("Answer yes."))                  \
	X(UI_ACT_NO, "n", "n", N_("no"), N_("Answer no."))                     \
	X(UI_ACT_HELP, "?", "?", N_("help"), N_("Show this help."))            \
	X(UI_ACT_QUIT, "q", "q", N_("quit"),                                   \
	  N_("Leave maildoctor. When a change is waiting, it asks first."))    \
	X(UI_ACT_REDRAW, "", NULL, "", "")

enum ui_action {
#define UI_X_ENUM(id, label, word, hint, help) id,
	UI_ACTION_LIST(UI_X_ENUM)
#undef UI_X_ENUM
	    UI_ACT__COUNT
};

#define UI_MAX_PAGE_KEYS 12

/* The key's label ("Enter", "Esc", "d"), never NULL. */
const char *ui_action_label(enum ui_action act);

/* The word typed for it in the plain line mode ("" is an empty line,
 * i.e. Enter), or NULL when the plain mode has none. */
const char *ui_action_word(enum ui_action act);

/* The bottom-line hint and the help sentence, translated ("" for none). */
const char *ui_action_hint(enum ui_action act);
const char *ui_action_help(enum ui_action act);

/* Actions every page accepts even when it does not list them. */
bool ui_action_global(enum ui_action act);

#endif
