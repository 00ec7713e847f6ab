/* screen_findings.c — step 4: what was found, one finding per screen in
 * plain words, most serious first; d shows the evidence; a healthy
 * result says so clearly. */
#include "tui/wizard.h"

#include "core/model/finding.h"
#include "core/base/i18n.h"

#include <stdlib.h>
#include <string.h>

/* Findings worth a screen: all of them (info ones too, after the rest). */
static size_t count(const struct wizard *w)
{
	const struct finding_list *fl = wizard_findings(w);
	return fl ? fl->n : 0;
}

static size_t n_serious(const struct wizard *w)
{
	const struct finding_list *fl = wizard_findings(w);
	size_t n = 0;
	for (size_t i = 0; fl && i < fl->n; i++)
		n += fl->items[i].severity >= SEV_WARNING;
	return n;
}

/* The first fix offered by the findings, most serious first. */
static const struct fix *best_fix(const struct wizard *w)
{
	const struct finding_list *fl = wizard_findings(w);
	for (size_t i = 0; fl && i < fl->n; i++)
		if (fl->items[i].n_fixes > 0)
			return fl->items[i].fixes[0];
	return NULL;
}

static const char *severity_word(enum finding_severity s)
{
	switch (s) {
	case SEV_BLOCKER:
		return _("Mail cannot go out:");
	case SEV_PROBLEM:
		return _("Problem:");
	case SEV_WARNING:
		return _("Take care:");
	case SEV_INFO:
		break;
	}
	return _("Good to know:");
}

static void draw_healthy(struct wizard *w, struct page *pg)
{
	struct page_block *b = page_text(
	    pg, TONE_GOOD, "%s",
	    w->app->offline
		? _("Nothing wrong was found in the settings.")
		: _("Nothing wrong was found. The settings look right, and "
		    "the servers that were tried answered."));
	page_mark(pg, b, wizard_sym_ok(w));
	if (w->app->offline) {
		page_gap(pg);
		page_text(pg, TONE_NORMAL, "%s",
			  _("Only the settings were judged (offline). Without "
			    "--offline, maildoctor also tries the servers."));
	}
}

static void draw(struct wizard *w, struct page *pg)
{
	const struct finding_list *fl = wizard_findings(w);
	size_t n = count(w);
	page_title(pg, 4, "%s", _("What we found"));
	page_key(pg, UI_ACT_NEXT);
	page_key(pg, UI_ACT_BACK);
	if (n == 0 || n_serious(w) == 0) {
		if (w->finding == 0)
			draw_healthy(w, pg);
		if (n == 0)
			return;
		page_gap(pg);
	}
	if (w->finding >= n)
		w->finding = n - 1;
	const struct finding *f = &fl->items[w->finding];
	page_status(pg, _("%zu of %zu"), w->finding + 1, n);
	enum page_tone tone = f->severity >= SEV_PROBLEM   ? TONE_BAD
			      : f->severity == SEV_WARNING ? TONE_WARN
							   : TONE_NORMAL;
	const char *mark = f->severity >= SEV_PROBLEM	? wizard_sym_bad(w)
			   : f->severity == SEV_WARNING ? "!"
							: "i";
	struct page_block *b =
	    page_text(pg, tone, "%s %s", severity_word(f->severity),
		      f->summary ? f->summary : "");
	page_mark(pg, b, mark);
	if (f->explanation) {
		page_gap(pg);
		page_text(pg, TONE_NORMAL, "%s", f->explanation);
	}
	if (f->n_fixes > 0) {
		page_gap(pg);
		page_text(pg, TONE_STRONG, "%s",
			  _("maildoctor can fix this. The change is shown "
			    "before anything is done."));
	} else if (f == wizard_ask_finding(w)) {
		page_gap(pg);
		page_text(pg, TONE_STRONG, "%s",
			  _("maildoctor needs the name of the right outgoing "
			    "server for this. The fix step says whom to ask, "
			    "and you can type it there."));
	}
	if (w->details) {
		page_gap(pg);
		page_focus_here(pg);
		wizard_draw_evidence(w, pg, f);
		page_gap(pg);
		page_text(pg, TONE_DIM, "%s",
			  _("Press d again to hide the evidence."));
	} else {
		page_gap(pg);
		page_text(pg, TONE_DIM, "%s",
			  _("Press d to see the evidence."));
	}
	wizard_draw_offline_note(w, pg);
	page_key(pg, UI_ACT_DETAILS);
}

static void choose_fix(struct wizard *w)
{
	/* the fix the next step shows follows the findings */
	const struct fix *best = best_fix(w);
	if (w->applied || (w->fix && best && w->fix->id && best->id &&
			   strcmp(w->fix->id, best->id) == 0))
		return;
	fix_plan_free(w->plan);
	w->plan = NULL;
	fix_free(w->fix);
	w->fix = best ? fix_copy(best) : NULL;
	w->skipped = false;
}

static unsigned on_key(struct wizard *w, enum ui_action act, int item)
{
	size_t n = count(w);
	switch (act) {
	case UI_ACT_DETAILS:
		w->details = !w->details;
		return WIZ_REDRAW;
	case UI_ACT_NEXT:
		if (w->finding + 1 < n) {
			w->finding++;
			w->details = false;
			w->fresh = true;
			return WIZ_REDRAW;
		}
		choose_fix(w);
		return WIZ_NEXT;
	case UI_ACT_BACK:
		if (w->finding > 0) {
			w->finding--;
			w->details = false;
			w->fresh = true;
			return WIZ_REDRAW;
		}
		return WIZ_BACK;
	default:
		return 0;
	}
}

static enum wiz_step next(const struct wizard *w)
{
	return w->fix || wizard_ask_finding(w) ? WIZ_FIX : WIZ_SUMMARY;
}

const struct wiz_screen screen_findings = {
    .number = 4,
    .help = N_("Each screen shows one thing that was found, the most "
	       "serious first. Enter shows the next one, Esc the one "
	       "before. d shows the evidence: the checks, the lines of "
	       "the settings and what the servers said."),
    .draw = draw,
    .on_key = on_key,
    .next = next,
};
