/* checks.h — the checks of steps 3 and 6 as the wizard runs them (checks.c):
 * started on the wizard's loop so that the screen keeps redrawing while the
 * probes run, drawn as a live matrix, and their findings, evidence and rows
 * handed to the other steps and to the report. Everything works on the
 * screens' context (tui/screen.h); a check's events redraw through its
 * show_again. */
#ifndef MD_TUI_CHECKS_H
#define MD_TUI_CHECKS_H

#include "tui/screen.h"

struct finding;
struct finding_list;
struct report_data;

/* Start the first check (step 3) for the chosen address; false (with
 * cx->typed_unknown set) when a typed address cannot be checked. */
bool checks_start(struct screen_ctx *cx);

/* Stop the running check(s). */
void checks_cancel(struct screen_ctx *cx);

/* Start the same checks again after the change (step 6). */
void checks_start_recheck(struct screen_ctx *cx);

/* Free the checks and what they hold. */
void checks_done(struct screen_ctx *cx);

/* The findings of the first check, most serious first (NULL before its
 * verdict). */
const struct finding_list *checks_findings(const struct screen_ctx *cx);

/* The finding of the first check that needs an outgoing server nobody
 * knows (finding.ask_server, no fix) for the chosen identity, which step
 * 5 then asks to be typed; NULL when there is none. */
const struct finding *checks_ask_finding(const struct screen_ctx *cx);

/* Whether the first check (re: the one after the change) has given its
 * verdict while rows still run, on the full screen: the person may go on
 * and the rows keep filling in. Never in plain lines, which print each
 * row once and read answers after the last. */
bool checks_early(const struct screen_ctx *cx, bool re);

/* Whether the check after the change found mail going out (its verdict
 * given). */
bool checks_recheck_ok(const struct screen_ctx *cx);

/* Enter on step 6: WIZ_NEXT when the re-check is over or its verdict
 * given, else 0. */
unsigned checks_recheck_next(struct screen_ctx *cx);

/* Draw the live matrix of check c (NULL: nothing) into pg. */
void checks_draw_rows(struct screen_ctx *cx, struct page *pg,
		      const struct check *c, bool done);

/* With --insecure, the warning that no result of the check is verified
 * (screens of steps 3 and 7); nothing otherwise. */
void checks_draw_insecure_note(const struct screen_ctx *cx, struct page *pg);

/* With --offline, a line saying that only the settings were judged and no
 * server was tried (every step from 2 on that does not say it in its own
 * words); nothing otherwise. */
void checks_draw_offline_note(const struct screen_ctx *cx, struct page *pg);

/* Draw the evidence of finding f (probe rows, settings lines, what the
 * servers said) into pg. */
void checks_draw_evidence(struct screen_ctx *cx, struct page *pg,
			  const struct finding *f);

/* The elapsed time of the check (re: the one after the change) as the
 * page's status, and the page marked live while it runs. */
void checks_draw_status(struct screen_ctx *cx, struct page *pg, bool re);

/* Draw the rows of the check after the change, and its verdict. */
void checks_draw_recheck(struct screen_ctx *cx, struct page *pg);

/* Fill the check parts of a report (rows, findings, rows after). */
void checks_report(const struct screen_ctx *cx, struct report_data *d);

#endif
