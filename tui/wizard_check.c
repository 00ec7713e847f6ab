/* wizard_check.c — the checks of steps 3 and 6 as the wizard runs them:
 * started on the wizard's loop (so the screen keeps redrawing while the
 * probes run), drawn as a live matrix, and their findings, evidence and
 * rows handed to the other steps and to the report. */
#include "tui/wizard.h"

#include "core/base/i18n.h"
#include "core/net/loop.h"
#include "app/check_run.h"
#include "app/report.h"
#include "app/ui_check_words.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Redraw period of a running check: the elapsed time moves. */
#define LIVE_MS 250

static void on_event(struct check *c, const struct check_event *ev, void *ud)
{
	struct wizard *w = ud;
	if (c != w->check && c != w->recheck)
		return; /* not one of ours (any more) */
	if (ev->kind == CHECK_EV_DONE) {
		if (c == w->check) {
			w->check_done = true;
			secret_wipe(&w->secret); /* its one use is over */
		}
		if (c == w->recheck)
			w->recheck_done = true;
		bool running = (w->check && !w->check_done) ||
			       (w->recheck && !w->recheck_done);
		if (!running)
			wizard_live(w, 0);
	}
	wizard_redraw(w);
}

/* Start a check of email in set into *slot (set before it starts, so
 * that events it sends while starting are recognised). The first check
 * logs in with the password typed in step 2, if any. */
static void start(struct wizard *w, const struct acct_set *set,
		  const char *email, struct check **slot, struct md_err *err)
{
	struct check_spec spec = {
	    .accounts = set,
	    .kb = w->kb,
	    .identities = &email,
	    .n_identities = email ? 1 : 0,
	    .secret = slot == &w->check ? &w->secret : NULL,
	    /* the benchmark's baseline: every verdict waits for every row */
	    .wait_all = getenv("MAILDOCTOR_WAIT_ALL_PROBES") != NULL,
	};
	*slot = check_run_new(w->app, &spec, err);
	if (*slot && check_start(*slot, w->loop, on_event, w, err) != MD_OK) {
		check_free(*slot);
		*slot = NULL;
	}
	if (*slot)
		wizard_live(w, LIVE_MS);
}

bool wizard_start_check(struct wizard *w)
{
	struct md_err err;
	md_err_clear(&err);
	if (!w->kb)
		check_run_kb(&w->kb, &err); /* works without it */
	const struct acct_identity *id = wizard_identity(w, NULL);
	const char *email = id ? id->email : w->address;
	w->typed_unknown = false;
	if (!id && w->address) {
		/* typed before? then it is an account already */
		struct md_err terr;
		const char *typed = w->address;
		if (check_run_add_typed(w->kb, w->accounts, &typed, 1, &terr) !=
		    MD_OK) {
			w->typed_unknown = true;
			return false;
		}
	}
	check_free(w->check);
	w->check = NULL;
	w->check_done = false;
	md_err_clear(&w->check_err);
	w->check_t0 = loop_now(w->loop);
	start(w, w->accounts, email, &w->check, &w->check_err);
	if (!w->check) {
		w->check_done = true;
		secret_wipe(&w->secret);
	}
	return true;
}

void wizard_cancel_checks(struct wizard *w)
{
	if (w->check && !w->check_done)
		check_cancel(w->check);
	if (w->recheck && !w->recheck_done)
		check_cancel(w->recheck);
}

void wizard_start_recheck(struct wizard *w)
{
	check_free(w->recheck);
	w->recheck = NULL;
	w->recheck_done = false;
	acct_set_free(w->reaccounts);
	w->reaccounts = acct_set_new();
	if (!w->reaccounts) {
		w->recheck_done = true;
		return;
	}
	/* read the settings again: the file has changed */
	app_reread_profile(w->plan ? w->plan->profile_dir : NULL,
			   w->reaccounts);
	md_err_clear(&w->check_err);
	w->recheck_t0 = loop_now(w->loop);
	start(w, w->reaccounts, w->fix ? w->fix->identity_email : NULL,
	      &w->recheck, &w->check_err);
	if (!w->recheck)
		w->recheck_done = true;
}

const struct finding_list *wizard_findings(const struct wizard *w)
{
	return w->check && (w->check_done || check_verdict(w->check))
		   ? check_findings(w->check)
		   : NULL;
}

bool wizard_check_early(const struct wizard *w, bool re)
{
	const struct check *c = re ? w->recheck : w->check;
	bool done = re ? w->recheck_done : w->check_done;
	return c && !done && !w->plain && check_verdict(c);
}

/* Problems left for the fixed address after the change. */
static size_t problems_after(const struct wizard *w)
{
	const struct finding_list *fl = check_findings(w->recheck);
	size_t n = 0;
	for (size_t i = 0; fl && i < fl->n; i++)
		n += fl->items[i].severity >= SEV_PROBLEM;
	return n;
}

bool wizard_recheck_ok(const struct wizard *w)
{
	/* A verdict (early or at the end) holds whatever became of the rows
	 * it did not need; without one, stopped rows leave it open. */
	if (!w->recheck || !check_verdict(w->recheck))
		return false;
	return problems_after(w) == 0;
}

unsigned wizard_recheck_next(struct wizard *w)
{
	if (w->recheck && !w->recheck_done && !wizard_check_early(w, true))
		return 0;
	return WIZ_NEXT;
}

/* ---- drawing ----------------------------------------------------------- */

static const char *row_mark(const struct wizard *w, const struct check_row *r)
{
	if (r->step != MD_STEP_DONE)
		return w->ascii_sym ? ".." : "\xe2\x80\xa6";
	if (r->outcome == MD_OUT_OK)
		return wizard_sym_ok(w);
	if (r->outcome == MD_OUT_CANCELLED)
		return "-";
	return wizard_sym_bad(w);
}

void wizard_draw_insecure_note(const struct wizard *w, struct page *pg)
{
	if (!w->app->insecure)
		return;
	struct page_block *b =
	    page_text(pg, TONE_WARN, "%s",
		      _("--insecure: certificates were NOT checked. No result "
			"here is verified."));
	page_mark(pg, b, "!");
}

void wizard_draw_offline_note(const struct wizard *w, struct page *pg)
{
	if (!w->app->offline)
		return;
	page_gap(pg);
	page_text(pg, TONE_DIM, "%s",
		  _("Offline: only the settings were judged; no server was "
		    "tried."));
}

void wizard_draw_rows(struct wizard *w, struct page *pg, const struct check *c,
		      bool done)
{
	if (!c)
		return;
	size_t n;
	const struct check_row *rows = check_rows(c, &n);
	if (n == 0 && done) {
		page_text(pg, TONE_NORMAL, "%s",
			  w->app->offline
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
				 w->ascii_sym ? "..." : "\xe2\x80\xa6");
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
		const char *cells[] = {row_mark(w, r), r->host ? r->host : "?",
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

void wizard_draw_evidence(struct wizard *w, struct page *pg,
			  const struct finding *f)
{
	size_t n_rows = 0;
	const struct check_row *rows =
	    w->check ? check_rows(w->check, &n_rows) : NULL;
	page_text(pg, TONE_STRONG, "%s", _("Evidence:"));
	for (size_t i = 0; i < f->n_evidence; i++) {
		const struct evidence *ev = &f->evidence[i];
		if (ev->kind == EV_CONFIG && ev->file) {
			const char *base = strrchr(ev->file, '/');
			page_pre(pg, _("%s line %u: %s"),
				 base ? base + 1 : ev->file, ev->line,
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
		    check_transcript(w->check, (size_t)ev->row);
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

void wizard_report_checks(const struct wizard *w, struct report_data *d)
{
	if (w->check)
		d->rows = check_rows(w->check, &d->n_rows);
	d->findings = wizard_findings(w);
	if (w->recheck)
		d->rerows = check_rows(w->recheck, &d->n_rerows);
}

void wizard_checks_done(struct wizard *w)
{
	check_free(w->check);
	check_free(w->recheck);
	acct_set_free(w->reaccounts);
	check_run_kb_free(w->kb);
	w->check = w->recheck = NULL;
	w->reaccounts = NULL;
	w->kb = NULL;
}

/* "12 s" since t0 (loop clock). */
static void elapsed_status(struct wizard *w, struct page *pg, uint64_t t0)
{
	uint64_t ms = loop_now(w->loop) - t0;
	page_status(pg, _("%llu.%llu s"), (unsigned long long)(ms / 1000),
		    (unsigned long long)(ms % 1000 / 100));
}

void wizard_draw_check_status(struct wizard *w, struct page *pg, bool re)
{
	struct check *c = re ? w->recheck : w->check;
	bool done = re ? w->recheck_done : w->check_done;
	if (!c)
		return;
	if (!done)
		elapsed_status(w, pg, re ? w->recheck_t0 : w->check_t0);
	pg->live = !done;
}

static void draw_verdict(struct wizard *w, struct page *pg);

void wizard_draw_recheck(struct wizard *w, struct page *pg)
{
	if (!w->recheck) {
		struct page_block *b =
		    page_text(pg, TONE_WARN,
			      _("The new settings could not be checked: %s"),
			      w->check_err.text[0]
				  ? w->check_err.text
				  : _(md_status_message(w->check_err.code)));
		page_mark(pg, b, "!");
		return;
	}
	wizard_draw_check_status(w, pg, true);
	/* On the full screen the verdict stands above the rows, which go on
	 * below it while the probes it did not need still run; plain lines
	 * print it after the last row. */
	bool above =
	    !w->plain && (w->recheck_done || wizard_check_early(w, true));
	if (above) {
		draw_verdict(w, pg);
		page_gap(pg);
	}
	page_text(pg, TONE_STRONG, "%s",
		  _("The same checks again, with the new settings:"));
	wizard_draw_rows(w, pg, w->recheck, w->recheck_done);
	if (!w->recheck_done || above)
		return;
	page_gap(pg);
	draw_verdict(w, pg);
}

/* Step 6's verdict: nothing left, or the problems still there. */
static void draw_verdict(struct wizard *w, struct page *pg)
{
	page_focus_here(pg);
	if (wizard_recheck_ok(w)) {
		struct page_block *b = page_text(
		    pg, TONE_GOOD, "%s",
		    w->app->offline
			? _("The new settings look right. Only the settings "
			    "were judged (offline): no server was tried. "
			    "Send yourself an email to see that it goes "
			    "out.")
			: _("No problem is left: mail can go out with "
			    "the new settings."));
		page_mark(pg, b, wizard_sym_ok(w));
	} else {
		struct page_block *b = page_text(
		    pg, TONE_BAD, "%s", _("Some problems are still there:"));
		page_mark(pg, b, wizard_sym_bad(w));
		const struct finding_list *fl = check_findings(w->recheck);
		for (size_t i = 0; fl && i < fl->n; i++)
			if (fl->items[i].severity >= SEV_PROBLEM)
				page_indent(page_text(pg, TONE_NORMAL, "- %s",
						      fl->items[i].summary),
					    2);
	}
	if (!w->recheck_done)
		page_text(pg, TONE_DIM, "%s",
			  _("The checks still running below cannot change "
			    "this."));
}
