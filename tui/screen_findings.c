/* screen_findings.c — step 4: what was found, one finding per screen in
 * plain words, most serious first; d shows the evidence; a healthy
 * result says so clearly. */
#include "tui/checks.h"

#include "app/bounces.h"

#include "core/model/finding.h"
#include "core/base/i18n.h"

#include <stdlib.h>
#include <string.h>

/* The screen's own state. */
struct findings_state {
	size_t finding;		    /* which finding is shown */
	bool details;		    /* its evidence is shown */
	unsigned seen;		    /* the check (cx->n_started) they are of */
	struct app_bounces bounces; /* of the chosen account's Inbox */
};

/* The bounces that explain f (tied) or, on the first page, those that
 * explain no finding: evidence from the Inbox, in plain words. */
static void draw_bounces(const struct screen_ctx *cx,
			 const struct findings_state *fs, struct page *pg,
			 const struct finding *f)
{
	const struct finding_list *fl = checks_findings(cx);
	char said[512];
	for (size_t i = 0; i < fs->bounces.n_lines; i++) {
		const struct bounce_line *l = &fs->bounces.lines[i];
		bool tied = false, here = false;
		for (size_t k = 0; fl && k < fl->n; k++)
			if (bounces_line_ties(l, &fl->items[k])) {
				tied = true;
				here |= f == &fl->items[k];
			}
		if (!here && (tied || fs->finding != 0))
			continue;
		page_gap(pg);
		page_text(pg, TONE_STRONG, "%s",
			  bounces_sentence(&fs->bounces, l, said, sizeof said));
	}
}

/* Findings worth a screen: all of them (info ones too, after the rest). */
static size_t count(const struct screen_ctx *cx)
{
	const struct finding_list *fl = checks_findings(cx);
	return fl ? fl->n : 0;
}

static size_t n_serious(const struct screen_ctx *cx)
{
	const struct finding_list *fl = checks_findings(cx);
	size_t n = 0;
	for (size_t i = 0; fl && i < fl->n; i++)
		n += fl->items[i].severity >= SEV_WARNING;
	return n;
}

/* The first fix offered by the findings, most serious first. */
static const struct fix *best_fix(const struct screen_ctx *cx)
{
	const struct finding_list *fl = checks_findings(cx);
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

static void draw_healthy(struct screen_ctx *cx, struct page *pg)
{
	struct page_block *b = page_text(
	    pg, TONE_GOOD, "%s",
	    cx->app->offline
		? _("Nothing wrong was found in the settings.")
		: _("Nothing wrong was found. The settings look right, and "
		    "the servers that were tried answered."));
	page_mark(pg, b, wiz_sym_ok(cx));
	if (cx->app->offline) {
		page_gap(pg);
		page_text(pg, TONE_NORMAL, "%s",
			  _("Only the settings were judged (offline). Without "
			    "--offline, maildoctor also tries the servers."));
	}
}

static void draw(struct screen_ctx *cx, void *st, struct page *pg)
{
	struct findings_state *fs = st;
	const struct finding_list *fl = checks_findings(cx);
	size_t n = count(cx);
	page_title(pg, 4, "%s", _("What we found"));
	page_key(pg, UI_ACT_NEXT);
	page_key(pg, UI_ACT_BACK);
	if (n == 0 || n_serious(cx) == 0) {
		if (fs->finding == 0)
			draw_healthy(cx, pg);
		if (n == 0) {
			draw_bounces(cx, fs, pg, NULL);
			return;
		}
		page_gap(pg);
	}
	if (fs->finding >= n)
		fs->finding = n - 1;
	const struct finding *f = &fl->items[fs->finding];
	page_status(pg, _("%zu of %zu"), fs->finding + 1, n);
	enum page_tone tone = f->severity >= SEV_PROBLEM   ? TONE_BAD
			      : f->severity == SEV_WARNING ? TONE_WARN
							   : TONE_NORMAL;
	const char *mark = f->severity >= SEV_PROBLEM	? wiz_sym_bad(cx)
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
	draw_bounces(cx, fs, pg, f);
	if (f->n_fixes > 0) {
		page_gap(pg);
		page_text(pg, TONE_STRONG, "%s",
			  _("maildoctor can fix this. The change is shown "
			    "before anything is done."));
	} else if (f == checks_ask_finding(cx)) {
		page_gap(pg);
		page_text(pg, TONE_STRONG, "%s",
			  _("maildoctor needs the name of the right outgoing "
			    "server for this. The fix step says whom to ask, "
			    "and you can type it there."));
	}
	if (fs->details) {
		page_gap(pg);
		page_focus_here(pg);
		checks_draw_evidence(cx, pg, f);
		page_gap(pg);
		page_text(pg, TONE_DIM, "%s",
			  _("Press d again to hide the evidence."));
	} else {
		page_gap(pg);
		page_text(pg, TONE_DIM, "%s",
			  _("Press d to see the evidence."));
	}
	checks_draw_offline_note(cx, pg);
	page_key(pg, UI_ACT_DETAILS);
}

static void choose_fix(struct screen_ctx *cx)
{
	/* the fix the next step shows follows the findings */
	const struct fix *best = best_fix(cx);
	if (cx->applied || (cx->fix && best && cx->fix->id && best->id &&
			    strcmp(cx->fix->id, best->id) == 0))
		return;
	fix_plan_free(cx->plan);
	cx->plan = NULL;
	fix_free(cx->fix);
	cx->fix = best ? fix_copy(best) : NULL;
	cx->skipped = false;
}

static unsigned on_key(struct screen_ctx *cx, void *st, enum ui_action act,
		       int item)
{
	struct findings_state *fs = st;
	size_t n = count(cx);
	switch (act) {
	case UI_ACT_DETAILS:
		fs->details = !fs->details;
		return WIZ_REDRAW;
	case UI_ACT_NEXT:
		if (fs->finding + 1 < n) {
			fs->finding++;
			fs->details = false;
			return WIZ_REDRAW | WIZ_FRESH;
		}
		choose_fix(cx);
		return WIZ_NEXT;
	case UI_ACT_BACK:
		if (fs->finding > 0) {
			fs->finding--;
			fs->details = false;
			return WIZ_REDRAW | WIZ_FRESH;
		}
		return WIZ_BACK;
	default:
		return 0;
	}
}

/* A new check is shown from its first finding; back from the fix, the
 * evidence is closed. */
static unsigned enter(struct screen_ctx *cx, void *st, bool forward)
{
	struct findings_state *fs = st;
	if (fs->seen != cx->n_started) {
		fs->seen = cx->n_started;
		fs->finding = 0;
		fs->details = false;
		const struct acct_identity *id = wiz_identity(cx, NULL);
		const char *addr = id ? id->email : NULL;
		if (addr)
			bounces_find(cx->accounts, &addr, 1, bounces_now(),
				     &fs->bounces);
		else
			memset(&fs->bounces, 0, sizeof fs->bounces);
	}
	if (!forward)
		fs->details = false;
	return 0;
}

static enum wiz_step next(const struct screen_ctx *cx, const void *st)
{
	return cx->fix || checks_ask_finding(cx) ? WIZ_FIX : WIZ_SUMMARY;
}

const struct screen_ops screen_findings = {
    .number = 4,
    .state_size = sizeof(struct findings_state),
    .help = N_("Each screen shows one thing that was found, the most "
	       "serious first. Enter shows the next one, Esc the one "
	       "before. d shows the evidence: the checks, the lines of "
	       "the settings and what the servers said."),
    .enter = enter,
    .draw = draw,
    .on_key = on_key,
    .next = next,
};
