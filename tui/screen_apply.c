/* screen_apply.c — step 6: the change was written; what was kept, and
 * the same checks again with the new settings. */
#include "tui/checks.h"

#include "core/base/i18n.h"

/* Outlook: the files were written; nothing changes until the person
 * imports one, so there is nothing to check again here. */
static void draw_outlook(struct screen_ctx *cx, struct page *pg)
{
	struct page_block *b =
	    page_text(pg, TONE_GOOD,
		      _("A file to import was written: %s. Double-click it "
			"while Outlook is closed."),
		      cx->outlook_reg);
	page_mark(pg, b, wiz_sym_ok(cx));
	page_gap(pg);
	page_text(pg, TONE_NORMAL,
		  _("To undo it afterwards, close Outlook and double-click %s: "
		    "it puts back the values as they were."),
		  cx->outlook_undo_reg ? cx->outlook_undo_reg : "");
	page_gap(pg);
	page_text(pg, TONE_NORMAL, "%s",
		  _("Outlook's settings change only when the file is "
		    "imported, so they are not checked again here. After the "
		    "import, send yourself an email from Outlook to see that "
		    "it goes out."));
	page_key(pg, UI_ACT_NEXT);
}

static void draw(struct screen_ctx *cx, void *st, struct page *pg)
{
	page_title(pg, 6, "%s", _("Apply and check again"));
	if (!cx->applied && cx->outlook_reg) {
		draw_outlook(cx, pg);
		return;
	}
	struct page_block *b =
	    page_text(pg, TONE_GOOD, "%s", _("The change was made."));
	page_mark(pg, b, wiz_sym_ok(cx));
	page_gap(pg);
	page_text(pg, TONE_NORMAL, "%s",
		  _("Copies of the settings as they were before:"));
	for (size_t i = 0; i < cx->result.n_backups; i++)
		page_pre(pg, "%s", cx->result.backups[i]);
	page_gap(pg);
	checks_draw_recheck(cx, pg);
	if (!cx->recheck || cx->recheck_done || checks_early(cx, true))
		page_key(pg, UI_ACT_NEXT);
	if (cx->recheck && !cx->recheck_done)
		page_key(pg, UI_ACT_CANCEL);
}

static unsigned enter(struct screen_ctx *cx, void *st, bool forward)
{
	if (!cx->applied && !cx->outlook_reg)
		return forward ? WIZ_NEXT : WIZ_BACK;
	if (!cx->applied) /* Outlook: the files to double-click */
		return 0;
	if (forward)
		checks_start_recheck(cx);
	return 0;
}

static unsigned on_key(struct screen_ctx *cx, void *st, enum ui_action act,
		       int item)
{
	if (act == UI_ACT_CANCEL) {
		checks_cancel(cx);
		return WIZ_REDRAW;
	}
	if (!cx->applied)
		return act == UI_ACT_NEXT ? WIZ_NEXT : 0;
	return act == UI_ACT_NEXT ? checks_recheck_next(cx) : 0;
}

static enum wiz_step next(const struct screen_ctx *cx, const void *st)
{
	return WIZ_SUMMARY;
}

const struct screen_ops screen_apply = {
    .number = 6,
    .help = N_("The change has been made, and a copy of the old settings "
	       "was kept. maildoctor now runs the same checks again to "
	       "see whether mail can go out."),
    .enter = enter,
    .draw = draw,
    .on_key = on_key,
    .next = next,
};
