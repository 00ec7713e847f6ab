/* screen_apply.c — step 6: the change was written; what was kept, and
 * the same checks again with the new settings. */
#include "tui/wizard.h"

#include "core/i18n.h"

static void draw(struct wizard *w, struct page *pg)
{
	page_title(pg, 6, "%s", _("Apply and check again"));
	struct page_block *b =
	    page_text(pg, TONE_GOOD, "%s", _("The change was made."));
	page_mark(pg, b, wizard_sym_ok(w));
	page_gap(pg);
	page_text(pg, TONE_NORMAL, "%s",
		  _("Copies of the settings as they were before:"));
	for (size_t i = 0; i < w->result.n_backups; i++)
		page_pre(pg, "%s", w->result.backups[i]);
	page_gap(pg);
	wizard_draw_recheck(w, pg);
	if (w->recheck && !w->recheck_done)
		page_key(pg, UI_ACT_CANCEL);
	else
		page_key(pg, UI_ACT_NEXT);
}

static unsigned enter(struct wizard *w, bool forward)
{
	if (!w->applied)
		return forward ? WIZ_NEXT : WIZ_BACK;
	if (forward)
		wizard_start_recheck(w);
	return 0;
}

static unsigned on_key(struct wizard *w, enum ui_action act, int item)
{
	if (act == UI_ACT_CANCEL) {
		wizard_cancel_checks(w);
		return WIZ_REDRAW;
	}
	return act == UI_ACT_NEXT ? wizard_recheck_next(w) : 0;
}

static enum wiz_step next(const struct wizard *w)
{
	return WIZ_SUMMARY;
}

const struct wiz_screen screen_apply = {
    .number = 6,
    .help = N_("The change has been made, and a copy of the old settings "
	       "was kept. maildoctor now runs the same checks again to "
	       "see whether mail can go out."),
    .enter = enter,
    .draw = draw,
    .on_key = on_key,
    .next = next,
};
