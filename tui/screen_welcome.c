/* screen_welcome.c — step 1: one sentence of what will happen and what
 * will not. */
#include "tui/screen.h"

#include "app/notices.h"
#include "core/base/i18n.h"

static void draw(struct screen_ctx *cx, void *st, struct page *pg)
{
	page_title(pg, 1, "%s", _("Welcome"));
	page_text(pg, TONE_NORMAL, "%s",
		  _("maildoctor looks at the email settings on this computer "
		    "and finds out, step by step, why your email does not go "
		    "out."));
	page_gap(pg);
	page_text(pg, TONE_STRONG, "%s",
		  _("No email is sent, and nothing is changed without asking "
		    "you first."));
	page_text(pg, TONE_NORMAL, "%s",
		  _("maildoctor also reads your Inbox, never changing it, to "
		    "find the messages that came back."));
	const char *nol =
	    app_notice_new_outlook(cx->rep.new_outlook, cx->n_choices > 0);
	if (nol) {
		page_gap(pg);
		page_text(pg, TONE_STRONG, "%s", nol);
	}
	if (cx->app->offline) {
		page_gap(pg);
		page_text(pg, TONE_NORMAL, "%s",
			  _("Offline: only the settings are read and judged; "
			    "the network is not used."));
	}
	page_gap(pg);
	page_text(pg, TONE_NORMAL, "%s", _("Press Enter to begin."));
	page_key(pg, UI_ACT_NEXT);
}

static unsigned on_key(struct screen_ctx *cx, void *st, enum ui_action act,
		       int item)
{
	if (act == UI_ACT_NEXT)
		return WIZ_NEXT;
	return 0;
}

static enum wiz_step next(const struct screen_ctx *cx, const void *st)
{
	return WIZ_ACCOUNT;
}

const struct screen_ops screen_welcome = {
    .number = 1,
    .help = N_("This first screen says what maildoctor will do. Press "
	       "Enter to begin, or q to leave."),
    .draw = draw,
    .on_key = on_key,
    .next = next,
};
