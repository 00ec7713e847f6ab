/* screen.h — the one interface between the wizard's driver and its seven
 * screens: what a screen is (struct screen_ops: enter, draw, on_key, leave,
 * next, done, and the size of its own state) and what it is given (struct
 * screen_ctx: the options, the loop, and what the steps hand each other —
 * the choice of step 2, the checks, the fix, the report).
 *
 * A screen keeps its own state (typing, the finding shown, the details
 * open) in a block of state_size bytes the driver allocates, zeroed, and
 * passes back on every call. Screens never call the driver: what they need
 * from it is in the context (show_again). Below the screens are screen.c
 * (the helpers here) and checks.c (the checks, tui/checks.h).
 *
 * Dependencies run downwards: wizard.c → screen_*.c → checks.c → screen.c. */
#ifndef MD_SCREEN_H
#define MD_SCREEN_H

#include "app/app.h"
#include "app/fixes.h"
#include "app/secret.h"
#include "core/base/err.h"
#include "core/model/account.h"
#include "core/model/fixdef.h"
#include "tui/page.h"
#include "tui/ui_keys.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

struct loop;
struct check;
struct kb;

/* What a screen's handler asks of the driver (htop's HandlerResult). */
enum {
	WIZ_HANDLED = 1, /* the action was used */
	WIZ_REDRAW = 2,	 /* the page changed: draw it again */
	WIZ_NEXT = 4,	 /* go on to screen->next() */
	WIZ_BACK = 8,	 /* go back to the previous screen */
	WIZ_QUIT = 16,	 /* leave the wizard (asking first when needed) */
	WIZ_FRESH = 32,	 /* with WIZ_REDRAW: another page of the same
			    screen, shown as new */
};

enum wiz_step {
	WIZ_WELCOME,
	WIZ_ACCOUNT,
	WIZ_CHECK,
	WIZ_FINDINGS,
	WIZ_FIX,
	WIZ_APPLY,
	WIZ_SUMMARY,
	WIZ__COUNT
};

/* A choosable identity of step 2. */
struct wiz_choice {
	size_t account;	 /* index into accounts->accounts */
	size_t identity; /* index into that account's identities */
};

/* What the screens share, and what the driver gives them. */
struct screen_ctx {
	struct app *app;     /* options (borrowed) */
	struct loop *loop;   /* the one event loop (borrowed) */
	bool plain;	     /* the plain line renderer draws */
	bool ascii_sym;	     /* OK/NG instead of ✓/✗ (also on the Linux
				console, whose fonts lack them) */
	int sel[WIZ__COUNT]; /* the selected choice per screen (the driver
				moves it) */
	/* From the driver: draw the current page again (a check moved, the
	 * clock ticked). */
	void (*show_again)(void *driver);
	void *driver;
	uint64_t tick;	  /* timer id of the live redraw, or 0 */
	unsigned tick_ms; /* its period */

	/* step 2: the accounts and the choice */
	struct acct_set *accounts;
	struct clients_report rep;
	struct wiz_choice *choices;
	size_t n_choices;
	char *address;	      /* an address typed (heap), or NULL: the
				 choice sel[WIZ_ACCOUNT] */
	struct secret secret; /* the chosen account's password, for the
				 first check only; wiped when it ends */
	bool typed_unknown;   /* the typed address is in no account and
				 its provider is not known */

	/* steps 3, 4 and 6: the checks (checks.c) */
	struct kb *kb;	     /* provider knowledge (owned), or NULL */
	struct check *check; /* the first check (owned) */
	unsigned n_started;  /* first checks started: a new one's findings
				are shown from the first */
	uint64_t check_t0;   /* loop clock at its start */
	bool check_done;
	struct md_err check_err;     /* why a check could not start */
	struct acct_set *reaccounts; /* the settings read again after the
					apply (owned) */
	struct check *recheck;	     /* the check after the apply (owned) */
	uint64_t recheck_t0;
	bool recheck_done;

	/* steps 5 and 6: the fix */
	struct fix *fix;	/* the chosen fix (owned copy) */
	struct fix_plan *plan;	/* its preview (owned) */
	struct md_err plan_err; /* why there is no plan */
	bool applied, skipped;
	struct fix_result result; /* backups of the apply */
	char *outlook_reg; /* the .reg written for Outlook (heap), or NULL */
	char *outlook_undo_reg;	 /* the .reg that puts the values back (heap),
				    or NULL */
	struct md_err apply_err; /* why the apply failed */

	/* step 7 */
	char *report_path; /* where the report went (heap), or NULL */
	struct md_err report_err;
};

/* One step's screen (tig's view ops). st is the screen's own state. */
struct screen_ops {
	int number;	   /* 1..7, shown as "step N of 7" */
	const char *help;  /* N_() paragraph shown by `?` above the keys */
	size_t state_size; /* bytes of the screen's own state (0: none) */
	/* Called when the screen becomes current; forward is false when
	 * coming back. Returns flags (WIZ_NEXT to pass it by). */
	unsigned (*enter)(struct screen_ctx *cx, void *st, bool forward);
	/* Fill pg (already initialised) with what the screen shows now. */
	void (*draw)(struct screen_ctx *cx, void *st, struct page *pg);
	/* Act on act; item is the selected choice (or -1). Returns flags. */
	unsigned (*on_key)(struct screen_ctx *cx, void *st, enum ui_action act,
			   int item);
	/* Called when the screen stops being current (may be NULL). */
	void (*leave)(struct screen_ctx *cx, void *st);
	/* The step WIZ_NEXT goes to. */
	enum wiz_step (*next)(const struct screen_ctx *cx, const void *st);
	/* Free what the screen holds, once, at the end (may be NULL); the
	 * state block itself is the driver's. */
	void (*done)(struct screen_ctx *cx, void *st);
};

/* The screens, one per file. */
extern const struct screen_ops screen_welcome;
extern const struct screen_ops screen_account;
extern const struct screen_ops screen_check;
extern const struct screen_ops screen_findings;
extern const struct screen_ops screen_fix;
extern const struct screen_ops screen_apply;
extern const struct screen_ops screen_summary;

/* ---- helpers every screen may use (screen.c) ---------------------------- */

/* Symbols that carry meaning in words too: "✓" / "OK", "✗" / "NG". */
const char *wiz_sym_ok(const struct screen_ctx *cx);
const char *wiz_sym_bad(const struct screen_ctx *cx);

/* The identity chosen in step 2 (NULL when an address was typed that is
 * in no account); *acc (when acc is not NULL) its account. */
const struct acct_identity *wiz_identity(const struct screen_ctx *cx,
					 const struct acct_account **acc);

/* Whether a change is proposed and not yet applied or skipped (q asks). */
bool wiz_change_pending(const struct screen_ctx *cx);

/* Redraw every ms milliseconds while a screen is live; 0 stops. */
void wiz_live(struct screen_ctx *cx, unsigned ms);

/* "maildoctor fix --undo", with --profile naming the profile changed when
 * profiles were named (cmdline_build()); heap, NULL when out of memory. */
char *wiz_undo_command(const struct screen_ctx *cx);

/* After the full screen is given back: what changed, the undo command
 * (a line of its own) and where the report is, printed to o so that they
 * stay on the terminal; nothing when the wizard ended before any of them
 * (screen_summary.c). */
void summary_print_outcome(const struct screen_ctx *cx, FILE *o);

/* Free what the context holds (the checks, the fix, the accounts). */
void wiz_ctx_done(struct screen_ctx *cx);

#endif
