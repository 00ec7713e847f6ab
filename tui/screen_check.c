/* screen_check.c — step 3: the checks running, one row per server,
 * port and address family, each with its step and then ✓/✗ and the
 * reason in words; the elapsed time; Esc stops them. */
#include "tui/checks.h"

#include "app/check_run.h"
#include "core/base/i18n.h"

#include <stdio.h>
#include <string.h>

static void draw(struct screen_ctx *cx, void *st, struct page *pg)
{
	const struct acct_identity *id = wiz_identity(cx, NULL);
	const char *email = id ? id->email : cx->address;
	page_title(pg, 3, "%s", _("Checking"));
	if (!cx->check) {
		struct page_block *b =
		    page_text(pg, TONE_BAD, _("The check could not start: %s"),
			      cx->check_err.text[0]
				  ? cx->check_err.text
				  : _(md_status_message(cx->check_err.code)));
		page_mark(pg, b, wiz_sym_bad(cx));
		page_key(pg, UI_ACT_BACK);
		return;
	}
	checks_draw_status(cx, pg, false);
	page_text(pg, TONE_NORMAL,
		  cx->app->offline ? _("Reading the settings of %s. The "
				       "network is not used.")
				   : _("Trying the servers of %s. No email "
				       "is sent."),
		  email ? email : "");
	page_gap(pg);
	if (checks_early(cx, false)) {
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
	checks_draw_rows(cx, pg, cx->check, cx->check_done);
	if (!cx->check_done) {
		page_key(pg, UI_ACT_CANCEL);
		return;
	}
	size_t n, ok = 0;
	const struct check_row *rows = check_rows(cx->check, &n);
	for (size_t i = 0; i < n; i++)
		ok += rows[i].outcome == MD_OUT_OK;
	page_gap(pg);
	page_focus_here(pg);
	if (n > 0)
		page_text(pg, TONE_STRONG,
			  _("All checks are done: %zu of %zu worked."), ok, n);
	else
		page_text(pg, TONE_STRONG, "%s", _("All checks are done."));
	checks_draw_insecure_note(cx, pg);
	page_text(pg, TONE_NORMAL, "%s",
		  _("Press Enter to see what was found."));
	page_key(pg, UI_ACT_NEXT);
	page_key(pg, UI_ACT_BACK);
}

static unsigned enter(struct screen_ctx *cx, void *st, bool forward)
{
	if (!forward && cx->check)
		return 0; /* back from the findings: show the finished rows */
	cx->n_started++;  /* its findings are shown from the first */
	if (!checks_start(cx))
		return WIZ_BACK; /* the address could not be checked */
	return 0;
}

static unsigned on_key(struct screen_ctx *cx, void *st, enum ui_action act,
		       int item)
{
	switch (act) {
	case UI_ACT_CANCEL:
		checks_cancel(cx);
		return WIZ_REDRAW;
	case UI_ACT_BACK:
		if (cx->check && !cx->check_done)
			return 0;
		return WIZ_BACK;
	case UI_ACT_NEXT:
		return cx->check && (cx->check_done || checks_early(cx, false))
			   ? WIZ_NEXT
			   : 0;
	default:
		return 0;
	}
}

static enum wiz_step next(const struct screen_ctx *cx, const void *st)
{
	return WIZ_FINDINGS;
}

static void done(struct screen_ctx *cx, void *st)
{
	checks_done(cx);
}

const struct screen_ops screen_check = {
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
