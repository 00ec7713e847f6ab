/* screen_apply.c — step 6: the change was written; what was kept, and
 * the same checks again with the new settings. */
#include "tui/wizard.h"

#include "core/base/i18n.h"

/* Outlook: the files were written; nothing changes until the person
 * imports one, so there is nothing to check again here. */
static void draw_outlook(struct wizard *w, struct page *pg)
{
	struct page_block *b =
	    page_text(pg, TONE_GOOD,
		      _("A file to import was written: %s. Double-click it "
			"while Outlook is closed."),
		      w->outlook_reg);
	page_mark(pg, b, wizard_sym_ok(w));
	page_gap(pg);
	page_text(pg, TONE_NORMAL,
		  _("To undo it afterwards, close Outlook and double-click %s: "
		    "it puts back the values as they were."),
		  w->outlook_undo_reg ? w->outlook_undo_reg : "");
	page_gap(pg);
	page_text(pg, TONE_NORMAL, "%s",
		  _("Outlook's settings change only when the file is "
		    "imported, so they are not checked again here. After the "
		    "import, send yourself an email from Outlook to see that "
		    "it goes out."));
	page_key(pg, UI_ACT_NEXT);
}

static void draw(struct wizard *w, struct page *pg)
{
	page_title(pg, 6, "%s", _("Apply and check again"));
	if (!w->applied && w->outlook_reg) {
		draw_outlook(w, pg);
		return;
	}
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
	if (!w->recheck || w->recheck_done || wizard_check_early(w, true))
		page_key(pg, UI_ACT_NEXT);
	if (w->recheck && !w->recheck_done)
		page_key(pg, UI_ACT_CANCEL);
}

static unsigned enter(struct wizard *w, bool forward)
{
	if (!w->applied && !w->outlook_reg)
		return forward ? WIZ_NEXT : WIZ_BACK;
	if (!w->applied) /* Outlook: the files to double-click */
		return 0;
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
	if (!w->applied)
		return act == UI_ACT_NEXT ? WIZ_NEXT : 0;
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
