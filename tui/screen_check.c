/* screen_check.c — step 3: the checks running, one row per server,
 * port and address family, each with its step and then ✓/✗ and the
 * reason in words; the elapsed time; Esc stops them. */
#include "tui/wizard.h"

#include "app/check_run.h"
#include "core/base/i18n.h"

#include <stdio.h>
#include <string.h>

static void draw(struct wizard *w, struct page *pg)
{
	const struct acct_identity *id = wizard_identity(w, NULL);
	const char *email = id ? id->email : w->address;
	page_title(pg, 3, "%s", _("Checking"));
	if (!w->check) {
		struct page_block *b =
		    page_text(pg, TONE_BAD, _("The check could not start: %s"),
			      w->check_err.text[0]
				  ? w->check_err.text
				  : _(md_status_message(w->check_err.code)));
		page_mark(pg, b, wizard_sym_bad(w));
		page_key(pg, UI_ACT_BACK);
		return;
	}
	wizard_draw_check_status(w, pg, false);
	page_text(pg, TONE_NORMAL,
		  w->app->offline ? _("Reading the settings of %s. The "
				      "network is not used.")
				  : _("Trying the servers of %s. No email "
				      "is sent."),
		  email ? email : "");
	page_gap(pg);
	if (wizard_check_early(w, false)) {
		/* the findings no longer depend on the rows still running */
		page_focus_here(pg);
		page_text(pg, TONE_STRONG, "%s",
			  _("What was found is ready: the checks still "
			    "running cannot change it."));
		page_text(pg, TONE_NORMAL, "%s",
			  _("Press Enter to see what was found."));
		page_gap(pg);
		page_key(pg, UI_ACT_NEXT);
	}
	wizard_draw_rows(w, pg, w->check, w->check_done);
	if (!w->check_done) {
		page_key(pg, UI_ACT_CANCEL);
		return;
	}
	size_t n, ok = 0;
	const struct check_row *rows = check_rows(w->check, &n);
	for (size_t i = 0; i < n; i++)
		ok += rows[i].outcome == MD_OUT_OK;
	page_gap(pg);
	page_focus_here(pg);
	if (n > 0)
		page_text(pg, TONE_STRONG,
			  _("All checks are done: %zu of %zu worked."), ok, n);
	else
		page_text(pg, TONE_STRONG, "%s", _("All checks are done."));
	wizard_draw_insecure_note(w, pg);
	page_text(pg, TONE_NORMAL, "%s",
		  _("Press Enter to see what was found."));
	page_key(pg, UI_ACT_NEXT);
	page_key(pg, UI_ACT_BACK);
}

static unsigned enter(struct wizard *w, bool forward)
{
	if (!forward && w->check)
		return 0; /* back from the findings: show the finished rows */
	w->finding = 0;
	w->details = false;
	if (!wizard_start_check(w))
		return WIZ_BACK; /* the address could not be checked */
	return 0;
}

static unsigned on_key(struct wizard *w, enum ui_action act, int item)
{
	switch (act) {
	case UI_ACT_CANCEL:
		wizard_cancel_checks(w);
		return WIZ_REDRAW;
	case UI_ACT_BACK:
		if (w->check && !w->check_done)
			return 0;
		return WIZ_BACK;
	case UI_ACT_NEXT:
		return w->check &&
			       (w->check_done || wizard_check_early(w, false))
			   ? WIZ_NEXT
			   : 0;
	default:
		return 0;
	}
}

static enum wiz_step next(const struct wizard *w)
{
	return WIZ_FINDINGS;
}

static void done(struct wizard *w)
{
	wizard_checks_done(w);
}

const struct wiz_screen screen_check = {
    .number = 3,
    .help = N_("maildoctor tries each server of this address: every "
	       "port and every kind of internet address (IPv4 and IPv6) "
	       "on its own line. A line shows what is happening, then "
	       "whether it worked and why not. No email is sent. Esc "
	       "stops the checks."),
    .enter = enter,
    .draw = draw,
    .on_key = on_key,
    .next = next,
    .done = done,
};
