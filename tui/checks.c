/* checks.c — the checks of steps 3 and 6 as the wizard runs them:
 * started on the wizard's loop (so the screen keeps redrawing while the
 * probes run), drawn as a live matrix, and their findings, evidence and
 * rows handed to the other steps and to the report. */
#include "tui/checks.h"
#include "core/base/os.h"

#include "core/model/finding.h"

#include "core/base/i18n.h"
#include "core/net/loop.h"
#include "app/check_run.h"
#include "app/report.h"
#include "app/ui_check_words.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* Redraw period of a running check: the elapsed time moves. */
#define LIVE_MS 250

static void on_event(struct check *c, const struct check_event *ev, void *ud)
{
	struct screen_ctx *cx = ud;
	if (c != cx->check && c != cx->recheck)
		return; /* not one of ours (any more) */
	if (ev->kind == CHECK_EV_DONE) {
		if (c == cx->check) {
			cx->check_done = true;
			secret_wipe(&cx->secret); /* its one use is over */
		}
		if (c == cx->recheck)
			cx->recheck_done = true;
		bool running = (cx->check && !cx->check_done) ||
			       (cx->recheck && !cx->recheck_done);
		if (!running)
			wiz_live(cx, 0);
	}
	cx->show_again(cx->driver);
}

/* Start a check of email in set into *slot (set before it starts, so
 * that events it sends while starting are recognised). The first check
 * logs in with the password typed in step 2, if any. */
static void start(struct screen_ctx *cx, const struct acct_set *set,
		  const char *email, struct check **slot, struct md_err *err)
{
	struct check_spec spec = {
	    .accounts = set,
	    .kb = cx->kb,
	    .identities = &email,
	    .n_identities = email ? 1 : 0,
	    .secret = slot == &cx->check ? &cx->secret : NULL,
	    /* the benchmark's baseline: every verdict waits for every row */
	    .wait_all = os_getenv("MAILDOCTOR_WAIT_ALL_PROBES") != NULL,
	};
	*slot = check_run_new(cx->app, &spec, err);
	if (*slot && check_start(*slot, cx->loop, on_event, cx, err) != MD_OK) {
		check_free(*slot);
		*slot = NULL;
	}
	if (*slot)
		wiz_live(cx, LIVE_MS);
}

bool checks_start(struct screen_ctx *cx)
{
	struct md_err err;
	md_err_clear(&err);
	if (!cx->kb)
		check_run_kb(&cx->kb, &err); /* works without it */
	const struct acct_identity *id = wiz_identity(cx, NULL);
	const char *email = id ? id->email : cx->address;
	cx->typed_unknown = false;
	if (!id && cx->address) {
		/* typed before? then it is an account already */
		struct md_err terr;
		const char *typed = cx->address;
		if (check_run_add_typed(cx->kb, cx->accounts, &typed, 1,
					&terr) != MD_OK) {
			cx->typed_unknown = true;
			return false;
		}
	}
	check_free(cx->check);
	cx->check = NULL;
	cx->check_done = false;
	md_err_clear(&cx->check_err);
	cx->check_t0 = loop_now(cx->loop);
	start(cx, cx->accounts, email, &cx->check, &cx->check_err);
	if (!cx->check) {
		cx->check_done = true;
		secret_wipe(&cx->secret);
	}
	return true;
}

void checks_cancel(struct screen_ctx *cx)
{
	if (cx->check && !cx->check_done)
		check_cancel(cx->check);
	if (cx->recheck && !cx->recheck_done)
		check_cancel(cx->recheck);
}

void checks_start_recheck(struct screen_ctx *cx)
{
	check_free(cx->recheck);
	cx->recheck = NULL;
	cx->recheck_done = false;
	acct_set_free(cx->reaccounts);
	cx->reaccounts = acct_set_new();
	if (!cx->reaccounts) {
		cx->recheck_done = true;
		return;
	}
	/* read the settings again: the file has changed */
	app_reread_profile(cx->plan ? cx->plan->folder : NULL, cx->reaccounts);
	md_err_clear(&cx->check_err);
	cx->recheck_t0 = loop_now(cx->loop);
	start(cx, cx->reaccounts, cx->fix ? cx->fix->identity_email : NULL,
	      &cx->recheck, &cx->check_err);
	if (!cx->recheck)
		cx->recheck_done = true;
}

const struct finding_list *checks_findings(const struct screen_ctx *cx)
{
	return cx->check && (cx->check_done || check_verdict(cx->check))
		   ? check_findings(cx->check)
		   : NULL;
}

const struct finding *checks_ask_finding(const struct screen_ctx *cx)
{
	const struct finding_list *fl = checks_findings(cx);
	const struct acct_identity *id = wiz_identity(cx, NULL);
	for (size_t i = 0; fl && id && id->email && i < fl->n; i++) {
		const struct finding *f = &fl->items[i];
		if (f->ask_server && f->n_fixes == 0 && f->identity &&
		    strcasecmp(f->identity, id->email) == 0)
			return f;
	}
	return NULL;
}

bool checks_early(const struct screen_ctx *cx, bool re)
{
	const struct check *c = re ? cx->recheck : cx->check;
	bool done = re ? cx->recheck_done : cx->check_done;
	return c && !done && !cx->plain && check_verdict(c);
}

/* Problems left for the fixed address after the change. */
static size_t problems_after(const struct screen_ctx *cx)
{
	const struct finding_list *fl = check_findings(cx->recheck);
	size_t n = 0;
	for (size_t i = 0; fl && i < fl->n; i++)
		n += fl->items[i].severity >= SEV_PROBLEM;
	return n;
}

bool checks_recheck_ok(const struct screen_ctx *cx)
{
	/* A verdict (early or at the end) holds whatever became of the rows
	 * it did not need; without one, stopped rows leave it open. */
	if (!cx->recheck || !check_verdict(cx->recheck))
		return false;
	return problems_after(cx) == 0;
}

unsigned checks_recheck_next(struct screen_ctx *cx)
{
	if (cx->recheck && !cx->recheck_done && !checks_early(cx, true))
		return 0;
	return WIZ_NEXT;
}

/* ---- drawing ----------------------------------------------------------- */

static const char *row_mark(const struct screen_ctx *cx,
			    const struct check_row *r)
{
	if (r->step != MD_STEP_DONE)
		return cx->ascii_sym ? ".." : "\xe2\x80\xa6";
	if (r->outcome == MD_OUT_OK)
		return wiz_sym_ok(cx);
	if (r->outcome == MD_OUT_CANCELLED)
		return "-";
	return wiz_sym_bad(cx);
}

void checks_draw_insecure_note(const struct screen_ctx *cx, struct page *pg)
{
	if (!cx->app->insecure)
		return;
	struct page_block *b =
	    page_text(pg, TONE_WARN, "%s",
		      _("--insecure: certificates were NOT checked. No result "
			"here is verified."));
	page_mark(pg, b, "!");
}

void checks_draw_offline_note(const struct screen_ctx *cx, struct page *pg)
{
	if (!cx->app->offline)
		return;
	page_gap(pg);
	page_text(pg, TONE_DIM, "%s",
		  _("Offline: only the settings were judged; no server was "
		    "tried."));
}

void checks_draw_rows(struct screen_ctx *cx, struct page *pg,
		      const struct check *c, bool done)
{
	if (!c)
		return;
	size_t n;
	const struct check_row *rows = check_rows(c, &n);
	if (n == 0 && done) {
		page_text(pg, TONE_NORMAL, "%s",
			  cx->app->offline
			      ? _("Offline: nothing was tried on the "
				  "network; only the settings were "
				  "judged.")
			      : _("There was nothing to try."));
		return;
	}
	const char *purpose = NULL;
	for (size_t i = 0; i < n; i++) {
		const struct check_row *r = &rows[i];
		char where[128], state[512];
		if (r->purpose && (!purpose || strcmp(purpose, r->purpose))) {
			purpose = r->purpose;
			page_text(pg, TONE_DIM, "%s:", purpose);
		}
		/* plain words on the main path: SSL/TLS and STARTTLS are
		 * both "encrypted" here; the evidence (d) names them */
		snprintf(where, sizeof where, "%d %s %s", r->port,
			 r->security == ACCT_SEC_TLS ||
				 r->security == ACCT_SEC_STARTTLS
			     ? _("encrypted")
			     : _("not encrypted"),
			 ui_family_text(r->family));
		if (r->step != MD_STEP_DONE)
			snprintf(state, sizeof state, "%s%s",
				 ui_step_text(r->step),
				 cx->ascii_sym ? "..." : "\xe2\x80\xa6");
		else if (r->outcome != MD_OUT_TLS_FAILED || !r->reason)
			snprintf(state, sizeof state, "%s",
				 ui_outcome_text(r->outcome));
		else
			snprintf(state, sizeof state, "%s: %s",
				 ui_outcome_text(r->outcome), r->reason);
		if (r->step == MD_STEP_DONE && r->insecure) {
			size_t used = strlen(state);
			snprintf(
			    state + used, sizeof state - used, " — %s%s%s",
			    _("UNVERIFIED: the certificate was NOT "
			      "checked"),
			    r->reason && r->outcome == MD_OUT_OK ? ": " : "",
			    r->reason && r->outcome == MD_OUT_OK ? r->reason
								 : "");
		}
		const char *cells[] = {row_mark(cx, r), r->host ? r->host : "?",
				       where, state};
		enum page_tone tone = r->step != MD_STEP_DONE	? TONE_NORMAL
				      : r->insecure		? TONE_WARN
				      : r->outcome == MD_OUT_OK ? TONE_GOOD
				      : r->outcome == MD_OUT_CANCELLED
					  ? TONE_WARN
					  : TONE_BAD;
		struct page_block *b = page_row(pg, tone, 4, cells);
		if (b) {
			b->final = r->step == MD_STEP_DONE;
			b->indent = 2;
		}
	}
}

void checks_draw_evidence(struct screen_ctx *cx, struct page *pg,
			  const struct finding *f)
{
	size_t n_rows = 0;
	const struct check_row *rows =
	    cx->check ? check_rows(cx->check, &n_rows) : NULL;
	page_text(pg, TONE_STRONG, "%s", _("Evidence:"));
	for (size_t i = 0; i < f->n_evidence; i++) {
		const struct evidence *ev = &f->evidence[i];
		if (ev->kind == EV_CONFIG && ev->file &&
		    ev->line == ACCT_LINE_WHOLE) {
			page_pre(pg, "%s: %s", ev->file,
				 ev->text ? ev->text : "");
		} else if (ev->kind == EV_CONFIG && ev->file) {
			page_pre(pg, _("%s line %u: %s"),
				 os_base_name(ev->file), ev->line,
				 ev->text ? ev->text : "");
		} else {
			page_pre(pg, "%s", ev->text ? ev->text : "");
		}
		if (ev->kind != EV_PROBE || ev->row < 0 ||
		    (size_t)ev->row >= n_rows)
			continue;
		const struct check_row *r = &rows[ev->row];
		char ep[512];
		page_pre(pg, "  %s: %s", ui_row_endpoint(r, ep, sizeof ep),
			 ui_outcome_text(r->outcome));
		const struct transcript *t =
		    check_transcript(cx->check, (size_t)ev->row);
		for (size_t k = 0; t && k < t->n; k++) {
			char *red = report_redact(t->lines[k].text);
			page_pre(pg, "    %c %s", t->lines[k].dir,
				 red ? red : "<redacted>");
			free(red);
		}
	}
	if (f->n_evidence == 0)
		page_pre(pg, "%s", _("(none recorded)"));
}

/* ---- the report and the end ------------------------------------------- */

void checks_report(const struct screen_ctx *cx, struct report_data *d)
{
	if (cx->check)
		d->rows = check_rows(cx->check, &d->n_rows);
	d->findings = checks_findings(cx);
	if (cx->recheck)
		d->rerows = check_rows(cx->recheck, &d->n_rerows);
}

void checks_done(struct screen_ctx *cx)
{
	check_free(cx->check);
	check_free(cx->recheck);
	acct_set_free(cx->reaccounts);
	check_run_kb_free(cx->kb);
	cx->check = cx->recheck = NULL;
	cx->reaccounts = NULL;
	cx->kb = NULL;
}

/* "12 s" since t0 (loop clock). */
static void elapsed_status(struct screen_ctx *cx, struct page *pg, uint64_t t0)
{
	uint64_t ms = loop_now(cx->loop) - t0;
	page_status(pg, _("%llu.%llu s"), (unsigned long long)(ms / 1000),
		    (unsigned long long)(ms % 1000 / 100));
}

void checks_draw_status(struct screen_ctx *cx, struct page *pg, bool re)
{
	struct check *c = re ? cx->recheck : cx->check;
	bool done = re ? cx->recheck_done : cx->check_done;
	if (!c)
		return;
	if (!done)
		elapsed_status(cx, pg, re ? cx->recheck_t0 : cx->check_t0);
	pg->live = !done;
}

static void draw_verdict(struct screen_ctx *cx, struct page *pg);

void checks_draw_recheck(struct screen_ctx *cx, struct page *pg)
{
	if (!cx->recheck) {
		struct page_block *b =
		    page_text(pg, TONE_WARN,
			      _("The new settings could not be checked: %s"),
			      cx->check_err.text[0]
				  ? cx->check_err.text
				  : _(md_status_message(cx->check_err.code)));
		page_mark(pg, b, "!");
		return;
	}
	checks_draw_status(cx, pg, true);
	/* On the full screen the verdict stands above the rows, which go on
	 * below it while the probes it did not need still run; plain lines
	 * print it after the last row. */
	bool above = !cx->plain && (cx->recheck_done || checks_early(cx, true));
	if (above) {
		draw_verdict(cx, pg);
		page_gap(pg);
	}
	page_text(pg, TONE_STRONG, "%s",
		  _("The same checks again, with the new settings:"));
	checks_draw_rows(cx, pg, cx->recheck, cx->recheck_done);
	if (!cx->recheck_done || above)
		return;
	page_gap(pg);
	draw_verdict(cx, pg);
}

/* Step 6's verdict: nothing left, or the problems still there. */
static void draw_verdict(struct screen_ctx *cx, struct page *pg)
{
	page_focus_here(pg);
	if (checks_recheck_ok(cx)) {
		struct page_block *b = page_text(
		    pg, TONE_GOOD, "%s",
		    cx->app->offline
			? _("The new settings look right. Only the settings "
			    "were judged (offline): no server was tried. "
			    "Send yourself an email to see that it goes "
			    "out.")
			: _("No problem is left: mail can go out with "
			    "the new settings."));
		page_mark(pg, b, wiz_sym_ok(cx));
	} else {
		struct page_block *b = page_text(
		    pg, TONE_BAD, "%s", _("Some problems are still there:"));
		page_mark(pg, b, wiz_sym_bad(cx));
		const struct finding_list *fl = check_findings(cx->recheck);
		for (size_t i = 0; fl && i < fl->n; i++)
			if (fl->items[i].severity >= SEV_PROBLEM)
				page_indent(page_text(pg, TONE_NORMAL, "- %s",
						      fl->items[i].summary),
					    2);
	}
	if (!cx->recheck_done)
		page_text(pg, TONE_DIM, "%s",
			  _("The checks still running below cannot change "
			    "this."));
}
