/* wizard.h — the wizard people see when they run maildoctor: seven steps
 * (welcome, which account, checking, what we found, the fix, apply and
 * re-check, summary), each a screen with an ops table, drawn by one of two
 * renderers (full screen or plain lines) on the one event loop.
 *
 * Files: wizard.c (the driver: steps, history, help, quit question, the
 * loop), screen_<step>.c (one file per step: welcome, account, check,
 * findings, fix, apply, summary), wizard_check.c (the checks of steps 3
 * and 6 on the loop), page.c (what a step shows), ui_keys.c (actions,
 * hints, help), ui_curses.c / ui_curses_keys.c / ui_curses_draw.c (the
 * full-screen renderer), ui_plain.c (the line renderer), ui_text.c
 * (widths and wrapping), ui_check_words.c (words for rows), report.c (the
 * saved report), cmd_wizard.c (the command).
 *
 * Call order: wizard_init() → wizard_run() → wizard_done(). */
#ifndef MD_WIZARD_H
#define MD_WIZARD_H

#include "core/model/account.h"
#include "core/base/err.h"
#include "core/model/fixdef.h"
#include "app/app.h"
#include "app/fixes.h"
#include "tui/page.h"
#include "app/secret.h"
#include "tui/ui_keys.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

struct loop;
struct check;
struct wizard;

/* What a screen's handler asks of the driver (htop's HandlerResult). */
enum {
	WIZ_HANDLED = 1, /* the action was used */
	WIZ_REDRAW = 2,	 /* the page changed: draw it again */
	WIZ_NEXT = 4,	 /* go on to screen->next() */
	WIZ_BACK = 8,	 /* go back to the previous screen */
	WIZ_QUIT = 16,	 /* leave the wizard (asking first when needed) */
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

/* One step's screen (tig's view ops, ncdu's state-per-file). */
struct wiz_screen {
	int number;	  /* 1..7, shown as "step N of 7" */
	const char *help; /* N_() paragraph shown by `?` above the keys */
	/* Called when the screen becomes current; forward is false when
	 * coming back. Returns flags (WIZ_NEXT to pass it by). */
	unsigned (*enter)(struct wizard *w, bool forward);
	/* Fill pg (already initialised) with what the screen shows now. */
	void (*draw)(struct wizard *w, struct page *pg);
	/* Act on act; item is the selected choice (or -1). Returns flags. */
	unsigned (*on_key)(struct wizard *w, enum ui_action act, int item);
	/* Called when the screen stops being current (may be NULL). */
	void (*leave)(struct wizard *w);
	/* The step WIZ_NEXT goes to. */
	enum wiz_step (*next)(const struct wizard *w);
	/* Free what the screen's part of struct wizard holds, once, at the
	 * end (may be NULL). */
	void (*done)(struct wizard *w);
};

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

/* A choosable identity of step 2. */
struct wiz_choice {
	size_t account;	 /* index into accounts->accounts */
	size_t identity; /* index into that account's identities */
};

#define WIZ_HISTORY 16

struct wizard {
	struct app *app;   /* options (borrowed) */
	struct loop *loop; /* the one event loop (borrowed) */
	const struct ui_ops *ui;
	void *ui_state; /* the renderer's own (it frees it) */
	bool plain;	/* the plain line renderer */
	bool ascii;	/* no UTF-8: every text in ASCII */
	bool ascii_sym; /* OK/NG instead of ✓/✗ (also on the Linux
			   console, whose fonts lack them) */
	bool color;	/* colours allowed (not NO_COLOR) */

	enum wiz_step cur;
	enum wiz_step history[WIZ_HISTORY];
	size_t depth;
	int sel[WIZ__COUNT]; /* selected choice per screen */
	bool fresh;	     /* the next show is of a new screen */
	bool help;	     /* the `?` page is shown over the screen */
	bool confirm_quit;   /* "quit now?" is asked */
	bool done;
	int exit_code;	  /* set by a screen, else from the findings */
	uint64_t tick;	  /* timer id of the live redraw, or 0 */
	unsigned tick_ms; /* its period */
	size_t n_items;	  /* choices on the current page */
	bool ui_open;	  /* the renderer holds the terminal */

	/* step 2 */
	struct acct_set *accounts;
	struct clients_report rep;
	struct wiz_choice *choices;
	size_t n_choices;
	bool typing;	      /* the address field is shown */
	char typed[256];      /* what was typed */
	bool typed_bad;	      /* it is not an address */
	char *address;	      /* the address to check (heap), or NULL */
	bool pw_typing;	      /* the password field is shown */
	bool pw_offline;      /* p was pressed offline: no password is asked */
	struct secret secret; /* the chosen account's password, for the
				 first check only; wiped when it ends */

	/* steps 3-4 */
	struct kb *kb;	     /* provider knowledge (owned), or NULL */
	bool typed_unknown;  /* the typed address is in no account and
				its provider is not known */
	struct check *check; /* the first check (owned) */
	uint64_t check_t0;   /* loop clock at its start */
	bool check_done;
	struct md_err check_err; /* why a check could not start */
	size_t finding;		 /* which finding is shown */
	bool details;		 /* evidence shown */

	/* steps 5-6 */
	struct fix *fix;	/* the chosen fix (owned copy) */
	struct fix_plan *plan;	/* its preview (owned) */
	struct md_err plan_err; /* why there is no plan */
	bool srv_typing;	/* the outgoing server's field is shown (no
				   fix was known: the person types one) */
	char srv_typed[256];	/* what was typed: host or host:port */
	bool srv_bad;		/* it is not a server name */
	bool srv_fix;		/* w->fix was made from srv_typed */
	bool applied, skipped;
	struct fix_result result; /* backups of the apply */
	char *outlook_reg; /* the .reg written for Outlook (heap), or NULL */
	char *outlook_undo_reg;	 /* the .reg that puts the values back (heap),
				    or NULL */
	struct md_err apply_err; /* why the apply failed */
	struct acct_set *reaccounts; /* the settings read again after the
					apply (owned) */
	struct check *recheck;	     /* the check after the apply (owned) */
	uint64_t recheck_t0;
	bool recheck_done;

	/* step 7 */
	char *report_path; /* where the report went (heap), or NULL */
	struct md_err report_err;
};

/* Set w up for app on loop, choosing the renderer (plain when asked, when
 * stdout or stdin is not a terminal, or TERM is unusable). Reads the
 * accounts. Returns MD_OK or an error in err. */
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

/* Whether a change is proposed and not yet applied or skipped (q asks). */
bool wizard_change_pending(const struct wizard *w);

/* Redraw every ms milliseconds while a screen is live; 0 stops. */
void wizard_live(struct wizard *w, unsigned ms);

/* Symbols that carry meaning in words too: "✓" / "OK", "✗" / "NG",
 * "→" / "->", "…" / "..." (ASCII when the terminal has no UTF-8). */
const char *wizard_sym_ok(const struct wizard *w);
const char *wizard_sym_bad(const struct wizard *w);

/* The checks of steps 3 and 6 (wizard_check.c). */

/* Start the first check (step 3) for the chosen address; false (with
 * w->typed_unknown set) when a typed address cannot be checked. */
bool wizard_start_check(struct wizard *w);

/* Stop the running check(s). */
void wizard_cancel_checks(struct wizard *w);

/* Draw the live matrix of check c (NULL: nothing) into pg. */
void wizard_draw_rows(struct wizard *w, struct page *pg, const struct check *c,
		      bool done);

/* With --insecure, the warning that no result of the check is verified
 * (screens of steps 3 and 7); nothing otherwise. */
void wizard_draw_insecure_note(const struct wizard *w, struct page *pg);

/* With --offline, a line saying that only the settings were judged and no
 * server was tried (every step from 2 on that does not say it in its own
 * words); nothing otherwise. */
void wizard_draw_offline_note(const struct wizard *w, struct page *pg);

/* Draw the evidence of finding f (probe rows, settings lines, what the
 * servers said) into pg. */
struct finding;
void wizard_draw_evidence(struct wizard *w, struct page *pg,
			  const struct finding *f);

/* The elapsed time of the check (re: the one after the change) as the
 * page's status, and the page marked live while it runs. */
void wizard_draw_check_status(struct wizard *w, struct page *pg, bool re);

/* Free the checks and what they hold. */
void wizard_checks_done(struct wizard *w);

/* Start the same checks again after the change (step 6). */
void wizard_start_recheck(struct wizard *w);

/* Draw the rows of the check after the change, and its verdict. */
void wizard_draw_recheck(struct wizard *w, struct page *pg);

/* Enter on step 6: WIZ_NEXT when the re-check is over or its verdict
 * given, else 0. */
unsigned wizard_recheck_next(struct wizard *w);

/* The findings of the first check, most serious first (NULL before its
 * verdict). */
const struct finding_list *wizard_findings(const struct wizard *w);

/* Whether the first check (re: the one after the change) has given its
 * verdict while rows still run, on the full screen: the person may go on
 * and the rows keep filling in. Never in plain lines, which print each
 * row once and read answers after the last. */
bool wizard_check_early(const struct wizard *w, bool re);

/* Whether the check after the change found mail going out (its verdict
 * given). */
bool wizard_recheck_ok(const struct wizard *w);

/* Fill the check parts of a report (rows, findings, rows after). */
struct report_data;
void wizard_report_checks(const struct wizard *w, struct report_data *d);

/* "maildoctor fix --undo", with --profile naming the profile changed when
 * profiles were named (cmdline_build()); heap, NULL when out of memory. */
char *wizard_undo_command(const struct wizard *w);

/* After the full screen is given back: what changed, the undo command
 * (a line of its own) and where the report is, printed to o so that they
 * stay on the terminal; nothing when the wizard ended before any of them. */
void wizard_print_outcome(const struct wizard *w, FILE *o);

/* The finding of the first check that needs an outgoing server nobody
 * knows (finding.ask_server, no fix) for the chosen identity, which step
 * 5 then asks to be typed; NULL when there is none (screen_fix.c). */
const struct finding *wizard_ask_finding(const struct wizard *w);

/* The screens, one per file. */
extern const struct wiz_screen screen_welcome;
extern const struct wiz_screen screen_account;
extern const struct wiz_screen screen_check;
extern const struct wiz_screen screen_findings;
extern const struct wiz_screen screen_fix;
extern const struct wiz_screen screen_apply;
extern const struct wiz_screen screen_summary;

/* Shared by screens: the identity chosen in step 2 (NULL when an address
 * was typed that is in no account). */
const struct acct_identity *wizard_identity(const struct wizard *w,
					    const struct acct_account **acc);

#endif
