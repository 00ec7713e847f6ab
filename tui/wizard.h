/* wizard.h — the wizard people see when they run maildoctor: seven steps
 * (welcome, which account, checking, what we found, the fix, apply and
 * re-check, summary), each a screen behind one interface (tui/screen.h),
 * drawn by one of two renderers (full screen or plain lines) on the one
 * event loop.
 *
 * Files, from the top down: wizard_start.c (choosing the renderer, reading
 * the accounts, running), wizard.c (the driver: the table of screens,
 * history, help, the quit question), ui_curses.c / ui_curses_keys.c /
 * ui_curses_draw.c (the full-screen renderer), ui_plain.c (the line
 * renderer), screen_<step>.c (one file per step: welcome, account, check,
 * findings, fix, apply, summary), checks.c (the checks of steps 3 and 6 on
 * the loop), screen.c (what every screen may use), page.c (what a step
 * shows), ui_keys.c (actions, hints, help), ui_text.c (widths and
 * wrapping). The renderers call the wizard_* functions below; the driver
 * calls them only through struct ui_ops, and the screens only through
 * struct screen_ops.
 *
 * Call order: wizard_init() → wizard_run() → wizard_done(). */
#ifndef MD_WIZARD_H
#define MD_WIZARD_H

#include "app/app.h"
#include "core/base/err.h"
#include "tui/page.h"
#include "tui/screen.h"
#include "tui/ui_keys.h"

#include <stdbool.h>
#include <stdint.h>

struct loop;
struct wizard;

/* A renderer (curses or plain). */
struct ui_ops {
	/* Take the terminal / stdin and watch its input on w->loop; input
	 * becomes wizard_act() calls. */
	enum md_status (*open)(struct wizard *w, struct md_err *err);
	/* Show pg; fresh is true when it is another screen than last time. */
	void (*show)(struct wizard *w, const struct page *pg, bool fresh);
	/* Give the terminal back (safe to call twice). */
	void (*close)(struct wizard *w);
};

extern const struct ui_ops ui_curses_ops;
/* Whether curses knows the terminal TERM names (false: plain lines). */
bool ui_curses_usable(void);
extern const struct ui_ops ui_plain_ops;

#define WIZ_HISTORY 16

struct wizard {
	struct screen_ctx cx;	 /* what the screens share */
	void *state[WIZ__COUNT]; /* each screen's own (heap) */
	struct loop *loop;	 /* the one event loop (borrowed; cx.loop) */
	const struct ui_ops *ui;
	void *ui_state; /* the renderer's own (it frees it) */
	bool ascii;	/* no UTF-8: every text in ASCII */
	bool color;	/* colours allowed (not NO_COLOR) */

	enum wiz_step cur;
	enum wiz_step history[WIZ_HISTORY];
	size_t depth;
	bool fresh;	   /* the next show is of a new screen */
	bool help;	   /* the `?` page is shown over the screen */
	bool confirm_quit; /* "quit now?" is asked */
	bool done;
	int exit_code;	/* set by a screen, else from the findings */
	size_t n_items; /* choices on the current page */
	bool ui_open;	/* the renderer holds the terminal */
};

/* Set w up for app on loop, choosing the renderer (plain when asked, when
 * stdout or stdin is not a terminal, or TERM is unusable). Reads the
 * accounts. Returns MD_OK or an error in err (wizard_done() all the same). */
enum md_status wizard_init(struct wizard *w, struct app *app, struct loop *loop,
			   struct md_err *err);

/* Run until the person leaves; returns the exit status (0 nothing wrong
 * or fixed, 1 problems left, 3 internal). */
int wizard_run(struct wizard *w);

/* Free everything w holds. */
void wizard_done(struct wizard *w);

/* From a renderer: the person asked for act (item: a choice, or -1). */
void wizard_act(struct wizard *w, enum ui_action act, int item);

/* From the plain renderer: `a` at step 3 (the check over) or 4 goes on
 * through the findings to the fix and applies it, however many findings
 * there are (to the summary when no fix is offered), so that a script
 * need not count them. False (nothing done) on other screens. */
bool wizard_apply_ahead(struct wizard *w);

/* From a renderer: input has ended (plain mode, stdin closed). The
 * wizard stops; nothing pending is applied. */
void wizard_end_of_input(struct wizard *w);

/* From a renderer: the terminal was resized, or must be drawn again. */
void wizard_redraw(struct wizard *w);

/* For wizard_start.c: the screens' states (false: out of memory). */
bool wizard_states_new(struct wizard *w);

/* For wizard_start.c: with the renderer open, enter the first screen, run
 * the loop until the person leaves, and give the terminal back. */
int wizard_drive(struct wizard *w);

#endif
