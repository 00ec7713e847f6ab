/* screen_summary.c — step 7: what was wrong, what was changed, how to
 * undo it, where the report is, and a short numbered version to read
 * aloud over the phone. */
#include "tui/checks.h"

#include "core/model/finding.h"
#include "core/base/i18n.h"
#include "app/cmdline.h"
#include "core/base/names.h"
#include "app/bounces.h"
#include "app/report.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void save_report(struct screen_ctx *cx)
{
	struct report_data d = {
	    .address = cx->address,
	    .accounts = cx->accounts,
	    .offline = cx->app->offline,
	    .fix = cx->fix,
	    .plan = cx->plan,
	    .applied = cx->applied,
	    .skipped = cx->skipped,
	    .result = &cx->result,
	    .apply_error =
		cx->apply_err.code != MD_OK ? cx->apply_err.text : NULL,
	};
	const struct acct_identity *id = wiz_identity(cx, NULL);
	if (!d.address && id)
		d.address = id->email;
	/* the Inbox's bounces, as step 4 showed them: reason lines only */
	struct app_bounces bo;
	if (d.address) {
		bounces_find(cx->accounts, &d.address, 1, bounces_now(), &bo);
		d.bounces = &bo;
	}
	d.import_file = cx->outlook_reg;
	d.undo_file = cx->outlook_undo_reg;
	checks_report(cx, &d);
	char *undo = cx->applied ? wiz_undo_command(cx) : NULL;
	d.undo_command = undo;
	/* the home folder, else here, else the temporary folder */
	const char *dirs[] = {report_dir(), ".", "/tmp"};
	for (size_t i = 0; i < 3 && !cx->report_path; i++) {
		md_err_clear(&cx->report_err);
		report_save(&d, dirs[i], &cx->report_path, &cx->report_err);
	}
	free(undo);
}

/* Findings worth telling: warnings and worse. */
static size_t n_problems(const struct finding_list *fl)
{
	size_t n = 0;
	for (size_t i = 0; fl && i < fl->n; i++)
		n += fl->items[i].severity >= SEV_WARNING;
	return n;
}

static unsigned enter(struct screen_ctx *cx, void *st, bool forward)
{
	/* Rows the verdicts did not need may still run: the report has them
	 * as stopped (the verdicts stand). */
	checks_cancel(cx);
	if (!cx->report_path && cx->report_err.code == MD_OK)
		save_report(cx);
	return 0;
}

/* The finding that asks for an outgoing server still unknown (nothing
 * applied), and its domain; NULL when there is none. */
static const char *ask_domain(const struct screen_ctx *cx,
			      const struct finding **ask)
{
	*ask = cx->applied ? NULL : checks_ask_finding(cx);
	return *ask ? name_domain_of((*ask)->identity) : NULL;
}

static void draw_wrong(struct screen_ctx *cx, struct page *pg,
		       const struct finding_list *fl)
{
	page_text(pg, TONE_STRONG, "%s", _("What was wrong:"));
	if (n_problems(fl) == 0)
		page_indent(page_text(pg, TONE_NORMAL, "%s",
				      _("Nothing wrong was found.")),
			    2);
	for (size_t i = 0; fl && i < fl->n; i++)
		if (fl->items[i].severity >= SEV_WARNING) {
			struct page_block *b = page_text(pg, TONE_NORMAL, "%s",
							 fl->items[i].summary);
			page_indent(b, 2);
			page_mark(pg, b, "-");
		}
	if (cx->app->offline)
		page_indent(page_text(pg, TONE_DIM, "%s",
				      _("Only the settings were judged "
					"(offline): no server was tried.")),
			    2);
}

static void draw_changed(struct screen_ctx *cx, struct page *pg)
{
	page_text(pg, TONE_STRONG, "%s", _("What was changed:"));
	struct page_block *b;
	if (cx->applied && cx->fix && cx->fix->kind == FIX_SET_INCOMING)
		b = page_text(pg, TONE_NORMAL,
			      _("%s now receives mail from %s, port %d."),
			      cx->fix->identity_email, cx->fix->server.host,
			      cx->fix->server.port);
	else if (cx->applied && cx->fix)
		b = page_text(pg, TONE_NORMAL,
			      _("%s now sends through %s, port %d."),
			      cx->fix->identity_email, cx->fix->server.host,
			      cx->fix->server.port);
	else if (cx->outlook_reg)
		b = page_text(pg, TONE_NORMAL,
			      _("Nothing was changed yet. To make the change, "
				"close Outlook and double-click %s"),
			      cx->outlook_reg);
	else
		b = page_text(pg, TONE_NORMAL, "%s", _("Nothing was changed."));
	page_indent(b, 2);
}

static void draw_left_to_do(struct screen_ctx *cx, struct page *pg)
{
	const struct finding *ask;
	const char *domain = ask_domain(cx, &ask);
	if (!domain)
		return;
	page_text(pg, TONE_STRONG, "%s", _("What is left to do:"));
	page_indent(page_text(pg, TONE_NORMAL,
			      _("Ask the administrator of %s for the name of "
				"the outgoing server (SMTP) for %s, with its "
				"port and encryption. Then start maildoctor "
				"again and type it at step 5."),
			      domain, ask->identity),
		    2);
}

static void draw_undo(struct screen_ctx *cx, struct page *pg, const char *undo)
{
	if (cx->applied) {
		page_text(pg, TONE_STRONG, "%s", _("How to undo it:"));
		page_indent(page_pre(pg, "%s", undo ? undo : ""), 2);
	} else if (cx->outlook_undo_reg) {
		page_text(pg, TONE_STRONG, "%s", _("How to undo it:"));
		page_indent(page_text(pg, TONE_NORMAL,
				      _("After the import, close Outlook and "
					"double-click %s: it puts back the "
					"values as they were."),
				      cx->outlook_undo_reg),
			    2);
	}
}

static void draw_report(struct screen_ctx *cx, struct page *pg)
{
	page_text(pg, TONE_STRONG, "%s", _("The report:"));
	if (cx->report_path)
		page_indent(page_text(pg, TONE_NORMAL, _("saved in %s"),
				      cx->report_path),
			    2);
	else
		page_indent(page_text(pg, TONE_BAD, "%s", cx->report_err.text),
			    2);
}

/* The read-aloud lines of the change (n: the last number used). */
static int aloud_change(struct screen_ctx *cx, struct page *pg, int n,
			const char *undo)
{
	if (cx->applied && cx->fix) {
		page_indent(page_text(pg, TONE_NORMAL,
				      cx->fix->kind == FIX_SET_INCOMING
					  ? _("%d. The change: the incoming "
					      "server is now %s, port %d.")
					  : _("%d. The change: the outgoing "
					      "server is now %s, port %d."),
				      ++n, cx->fix->server.host,
				      cx->fix->server.port),
			    2);
		page_indent(
		    page_text(pg, TONE_NORMAL, _("%d. To undo it, type:"), ++n),
		    2);
		page_indent(page_pre(pg, "%s", undo ? undo : ""), 5);
		return n;
	}
	if (cx->outlook_reg && cx->outlook_undo_reg) {
		page_indent(page_text(pg, TONE_NORMAL,
				      _("%d. The change: close Outlook and "
					"double-click %s"),
				      ++n, cx->outlook_reg),
			    2);
		page_indent(page_text(pg, TONE_NORMAL,
				      _("%d. To undo it: close Outlook and "
					"double-click %s"),
				      ++n, cx->outlook_undo_reg),
			    2);
		return n;
	}
	page_indent(
	    page_text(pg, TONE_NORMAL, _("%d. Nothing was changed."), ++n), 2);
	const struct finding *ask;
	const char *domain = ask_domain(cx, &ask);
	if (domain)
		page_indent(page_text(pg, TONE_NORMAL,
				      _("%d. To do: ask the administrator of "
					"%s for the outgoing server's name, "
					"port and encryption."),
				      ++n, domain),
			    2);
	return n;
}

/* The short numbered version, to read aloud over the phone. */
static void draw_aloud(struct screen_ctx *cx, struct page *pg,
		       const struct finding_list *fl, const char *undo)
{
	page_gap(pg);
	page_text(pg, TONE_STRONG, "%s", _("To read aloud over the phone:"));
	int n = 0;
	if (n_problems(fl) == 0 && cx->app->offline)
		page_indent(page_text(pg, TONE_NORMAL,
				      _("%d. No problem was found in the "
					"settings. Only the settings were "
					"judged: no server was tried."),
				      ++n),
			    2);
	else if (n_problems(fl) == 0)
		page_indent(page_text(pg, TONE_NORMAL,
				      _("%d. No problem was found."), ++n),
			    2);
	else
		page_indent(page_text(pg, TONE_NORMAL, _("%d. The problem: %s"),
				      ++n, fl->items[0].summary),
			    2);
	n = aloud_change(cx, pg, n, undo);
	if (cx->report_path)
		page_indent(page_text(pg, TONE_NORMAL,
				      _("%d. The report is in %s"), ++n,
				      cx->report_path),
			    2);
}

static void draw(struct screen_ctx *cx, void *st, struct page *pg)
{
	const struct finding_list *fl = checks_findings(cx);
	char *undo = wiz_undo_command(cx);
	page_title(pg, 7, "%s", _("Summary"));
	checks_draw_insecure_note(cx, pg);
	draw_wrong(cx, pg, fl);
	draw_changed(cx, pg);
	draw_left_to_do(cx, pg);
	draw_undo(cx, pg, undo);
	draw_report(cx, pg);
	draw_aloud(cx, pg, fl, undo);
	free(undo);
	page_key(pg, UI_ACT_FINISH); /* Enter ends here: the hint says so */
}

static unsigned on_key(struct screen_ctx *cx, void *st, enum ui_action act,
		       int item)
{
	return act == UI_ACT_FINISH ? WIZ_QUIT : 0;
}

void summary_print_outcome(const struct screen_ctx *cx, FILE *o)
{
	if (!cx->applied && !cx->outlook_reg && !cx->report_path)
		return;
	fprintf(o, "%s\n", _("What was changed:"));
	if (cx->applied && cx->fix) {
		fputs("  ", o);
		fprintf(o, _("%s now sends through %s, port %d."),
			cx->fix->identity_email, cx->fix->server.host,
			cx->fix->server.port);
		fputc('\n', o);
	} else if (cx->outlook_reg) {
		fputs("  ", o);
		fprintf(o,
			_("Nothing was changed here. A file to import into "
			  "Outlook was written: %s"),
			cx->outlook_reg);
		fputc('\n', o);
	} else {
		fprintf(o, "  %s\n", _("Nothing was changed."));
	}
	if (cx->applied) {
		char *undo = wiz_undo_command(cx);
		fprintf(o, "%s\n  %s\n", _("How to undo it:"),
			undo ? undo : "");
		free(undo);
	} else if (cx->outlook_undo_reg) {
		fprintf(o, "%s\n  ", _("How to undo it:"));
		fprintf(
		    o,
		    _("After the import, close Outlook and double-click %s: "
		      "it puts back the values as they were."),
		    cx->outlook_undo_reg);
		fputc('\n', o);
	}
	if (cx->report_path) {
		fprintf(o, "%s\n  ", _("The report:"));
		fprintf(o, _("saved in %s"), cx->report_path);
		fputc('\n', o);
	}
	fflush(o);
}

static enum wiz_step next(const struct screen_ctx *cx, const void *st)
{
	return WIZ_SUMMARY;
}

const struct screen_ops screen_summary = {
    .number = 7,
    .help = N_("The summary says what was wrong, what was changed and "
	       "how to undo it. The report file holds every detail for a "
	       "helper. Press Enter to finish."),
    .enter = enter,
    .draw = draw,
    .on_key = on_key,
    .next = next,
};
