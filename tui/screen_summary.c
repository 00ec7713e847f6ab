/* screen_summary.c — step 7: what was wrong, what was changed, how to
 * undo it, where the report is, and a short numbered version to read
 * aloud over the phone. */
#include "tui/wizard.h"

#include "core/model/finding.h"
#include "core/base/i18n.h"
#include "app/cmdline.h"
#include "core/base/names.h"
#include "app/report.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

char *wizard_undo_command(const struct wizard *w)
{
	static const char *const words[] = {"fix", "--undo", NULL};
	const char *dir = w->plan ? w->plan->profile_dir : NULL;
	return cmdline_build(w->app, 0, w->app->n_profiles > 0 ? dir : NULL,
			     words);
}

static void save_report(struct wizard *w)
{
	struct report_data d = {
	    .address = w->address,
	    .accounts = w->accounts,
	    .offline = w->app->offline,
	    .fix = w->fix,
	    .plan = w->plan,
	    .applied = w->applied,
	    .skipped = w->skipped,
	    .result = &w->result,
	    .apply_error =
		w->apply_err.code != MD_OK ? w->apply_err.text : NULL,
	};
	const struct acct_identity *id = wizard_identity(w, NULL);
	if (!d.address && id)
		d.address = id->email;
	d.import_file = w->outlook_reg;
	d.undo_file = w->outlook_undo_reg;
	wizard_report_checks(w, &d);
	char *undo = w->applied ? wizard_undo_command(w) : NULL;
	d.undo_command = undo;
	/* the home folder, else here, else the temporary folder */
	const char *dirs[] = {report_dir(), ".", "/tmp"};
	for (size_t i = 0; i < 3 && !w->report_path; i++) {
		md_err_clear(&w->report_err);
		report_save(&d, dirs[i], &w->report_path, &w->report_err);
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

static unsigned enter(struct wizard *w, bool forward)
{
	/* Rows the verdicts did not need may still run: the report has them
	 * as stopped (the verdicts stand). */
	wizard_cancel_checks(w);
	if (!w->report_path && w->report_err.code == MD_OK)
		save_report(w);
	return 0;
}

static void draw(struct wizard *w, struct page *pg)
{
	const struct finding_list *fl = wizard_findings(w);
	char *undo = wizard_undo_command(w);
	page_title(pg, 7, "%s", _("Summary"));
	wizard_draw_insecure_note(w, pg);

	page_text(pg, TONE_STRONG, "%s", _("What was wrong:"));
	if (n_problems(fl) == 0)
		page_indent(page_text(pg, TONE_NORMAL, "%s",
				      _("Nothing wrong was found.")),
			    2);
	for (size_t i = 0; fl && i < fl->n; i++)
		if (fl->items[i].severity >= SEV_WARNING) {
			struct page_block *b = page_text(pg, TONE_NORMAL, "%s",
							 fl->items[i].summary);
			if (b)
				b->indent = 2;
			page_mark(pg, b, "-");
		}
	if (w->app->offline)
		page_indent(page_text(pg, TONE_DIM, "%s",
				      _("Only the settings were judged "
					"(offline): no server was tried.")),
			    2);

	page_text(pg, TONE_STRONG, "%s", _("What was changed:"));
	struct page_block *b;
	const struct finding *ask = w->applied ? NULL : wizard_ask_finding(w);
	const char *ask_domain = ask ? name_domain_of(ask->identity) : NULL;
	if (w->applied && w->fix && w->fix->kind == FIX_SET_INCOMING)
		b = page_text(pg, TONE_NORMAL,
			      _("%s now receives mail from %s, port %d."),
			      w->fix->identity_email, w->fix->server.host,
			      w->fix->server.port);
	else if (w->applied && w->fix)
		b = page_text(pg, TONE_NORMAL,
			      _("%s now sends through %s, port %d."),
			      w->fix->identity_email, w->fix->server.host,
			      w->fix->server.port);
	else if (w->outlook_reg)
		b = page_text(pg, TONE_NORMAL,
			      _("Nothing was changed yet. To make the change, "
				"close Outlook and double-click %s"),
			      w->outlook_reg);
	else
		b = page_text(pg, TONE_NORMAL, "%s", _("Nothing was changed."));
	if (b)
		b->indent = 2;
	if (ask_domain) {
		page_text(pg, TONE_STRONG, "%s", _("What is left to do:"));
		page_indent(
		    page_text(pg, TONE_NORMAL,
			      _("Ask the administrator of %s for the name of "
				"the outgoing server (SMTP) for %s, with its "
				"port and encryption. Then start maildoctor "
				"again and type it at step 5."),
			      ask_domain, ask->identity),
		    2);
	}
	if (w->applied) {
		page_text(pg, TONE_STRONG, "%s", _("How to undo it:"));
		page_indent(page_pre(pg, "%s", undo ? undo : ""), 2);
	} else if (w->outlook_undo_reg) {
		page_text(pg, TONE_STRONG, "%s", _("How to undo it:"));
		page_indent(page_text(pg, TONE_NORMAL,
				      _("After the import, close Outlook and "
					"double-click %s: it puts back the "
					"values as they were."),
				      w->outlook_undo_reg),
			    2);
	}
	page_text(pg, TONE_STRONG, "%s", _("The report:"));
	if (w->report_path)
		b = page_text(pg, TONE_NORMAL, _("saved in %s"),
			      w->report_path);
	else
		b = page_text(pg, TONE_BAD, "%s", w->report_err.text);
	if (b)
		b->indent = 2;

	page_gap(pg);
	page_text(pg, TONE_STRONG, "%s", _("To read aloud over the phone:"));
	int n = 0;
	if (n_problems(fl) == 0 && w->app->offline)
		b = page_text(pg, TONE_NORMAL,
			      _("%d. No problem was found in the settings. "
				"Only the settings were judged: no server was "
				"tried."),
			      ++n);
	else if (n_problems(fl) == 0)
		b = page_text(pg, TONE_NORMAL, _("%d. No problem was found."),
			      ++n);
	else
		b = page_text(pg, TONE_NORMAL, _("%d. The problem: %s"), ++n,
			      fl->items[0].summary);
	if (b)
		b->indent = 2;
	if (w->applied && w->fix) {
		page_indent(
		    page_text(
			pg, TONE_NORMAL,
			w->fix->kind == FIX_SET_INCOMING
			    ? _("%d. The change: the incoming server is now "
				"%s, port %d.")
			    : _("%d. The change: the outgoing server is now "
				"%s, port %d."),
			++n, w->fix->server.host, w->fix->server.port),
		    2);
		page_indent(
		    page_text(pg, TONE_NORMAL, _("%d. To undo it, type:"), ++n),
		    2);
		page_indent(page_pre(pg, "%s", undo ? undo : ""), 5);
	} else if (w->outlook_reg && w->outlook_undo_reg) {
		page_indent(page_text(pg, TONE_NORMAL,
				      _("%d. The change: close Outlook and "
					"double-click %s"),
				      ++n, w->outlook_reg),
			    2);
		page_indent(page_text(pg, TONE_NORMAL,
				      _("%d. To undo it: close Outlook and "
					"double-click %s"),
				      ++n, w->outlook_undo_reg),
			    2);
	} else {
		page_indent(page_text(pg, TONE_NORMAL,
				      _("%d. Nothing was changed."), ++n),
			    2);
		if (ask_domain)
			page_indent(
			    page_text(pg, TONE_NORMAL,
				      _("%d. To do: ask the administrator of "
					"%s for the outgoing server's name, "
					"port and encryption."),
				      ++n, ask_domain),
			    2);
	}
	if (w->report_path)
		page_indent(page_text(pg, TONE_NORMAL,
				      _("%d. The report is in %s"), ++n,
				      w->report_path),
			    2);
	free(undo);
	page_key(pg, UI_ACT_FINISH); /* Enter ends here: the hint says so */
}

static unsigned on_key(struct wizard *w, enum ui_action act, int item)
{
	return act == UI_ACT_FINISH ? WIZ_QUIT : 0;
}

void wizard_print_outcome(const struct wizard *w, FILE *o)
{
	if (!w->applied && !w->outlook_reg && !w->report_path)
		return;
	fprintf(o, "%s\n", _("What was changed:"));
	if (w->applied && w->fix) {
		fputs("  ", o);
		fprintf(o, _("%s now sends through %s, port %d."),
			w->fix->identity_email, w->fix->server.host,
			w->fix->server.port);
		fputc('\n', o);
	} else if (w->outlook_reg) {
		fputs("  ", o);
		fprintf(o,
			_("Nothing was changed here. A file to import into "
			  "Outlook was written: %s"),
			w->outlook_reg);
		fputc('\n', o);
	} else {
		fprintf(o, "  %s\n", _("Nothing was changed."));
	}
	if (w->applied) {
		char *undo = wizard_undo_command(w);
		fprintf(o, "%s\n  %s\n", _("How to undo it:"),
			undo ? undo : "");
		free(undo);
	} else if (w->outlook_undo_reg) {
		fprintf(o, "%s\n  ", _("How to undo it:"));
		fprintf(
		    o,
		    _("After the import, close Outlook and double-click %s: "
		      "it puts back the values as they were."),
		    w->outlook_undo_reg);
		fputc('\n', o);
	}
	if (w->report_path) {
		fprintf(o, "%s\n  ", _("The report:"));
		fprintf(o, _("saved in %s"), w->report_path);
		fputc('\n', o);
	}
	fflush(o);
}

static enum wiz_step next(const struct wizard *w)
{
	return WIZ_SUMMARY;
}

const struct wiz_screen screen_summary = {
    .number = 7,
    .help = N_("The summary says what was wrong, what was changed and "
	       "how to undo it. The report file holds every detail for a "
	       "helper. Press Enter to finish."),
    .enter = enter,
    .draw = draw,
    .on_key = on_key,
    .next = next,
};
