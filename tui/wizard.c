/* wizard.c — the driver of the wizard: the table of screens, which one is
 * current, the way back, the `?` help page built from the key table, the
 * question before quitting with a change pending, and the loop that runs
 * it all. It reaches the screens only through struct screen_ops and the
 * renderer only through struct ui_ops. */
#include "tui/wizard.h"

#include "core/model/finding.h"
#include "core/base/i18n.h"
#include "core/net/loop.h"
#include "tui/checks.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The screens by step. */
/* clang-format off */
static const struct screen_ops *const screens[WIZ__COUNT] = {
	[WIZ_WELCOME] = &screen_welcome,
	[WIZ_ACCOUNT] = &screen_account,
	[WIZ_CHECK] = &screen_check,
	[WIZ_FINDINGS] = &screen_findings,
	[WIZ_FIX] = &screen_fix,
	[WIZ_APPLY] = &screen_apply,
	[WIZ_SUMMARY] = &screen_summary,
};
/* clang-format on */

/* ---- pages of the driver ---------------------------------------------- */

/* The keys every page shows last. */
static void add_global_keys(struct page *pg)
{
	static const enum ui_action globals[] = {UI_ACT_HELP, UI_ACT_QUIT};
	for (size_t g = 0; g < 2; g++) {
		bool have = false;
		for (size_t i = 0; i < pg->n_keys; i++)
			have |= pg->keys[i] == globals[g];
		if (!have)
			page_key(pg, globals[g]);
	}
}

static void draw_help(struct wizard *w, const struct page *screen_pg,
		      struct page *pg)
{
	const struct screen_ops *s = screens[w->cur];
	page_title(pg, 0, "%s", _("Help"));
	if (s->help && *s->help) {
		page_text(pg, TONE_NORMAL, "%s", _(s->help));
		page_gap(pg);
	}
	page_text(pg, TONE_STRONG, "%s", _("Keys on this screen:"));
	for (size_t i = 0; i < screen_pg->n_keys; i++) {
		enum ui_action a = screen_pg->keys[i];
		const char *label =
		    w->cx.plain ? ui_action_word(a) : ui_action_label(a);
		if (!label)
			continue;
		if (!*label)
			label = _("Enter (empty line)");
		const char *cells[] = {label, ui_action_help(a)};
		page_row(pg, TONE_NORMAL, 2, cells);
	}
	for (size_t i = 0; w->cx.plain && i < screen_pg->n_keys; i++)
		if (screen_pg->keys[i] == UI_ACT_PASSWORD) {
			/* a plain-line answer only: not in the full screen */
			page_gap(pg);
			page_text(pg, TONE_NORMAL, "%s",
				  _("p followed by a number (p 2) does this "
				    "for that choice."));
		}
	page_gap(pg);
	page_text(pg, TONE_NORMAL, "%s",
		  _("maildoctor never sends an email, and it changes nothing "
		    "without asking you first."));
	page_key(pg, UI_ACT_BACK);
	page_key(pg, UI_ACT_QUIT);
}

static void draw_confirm(struct wizard *w, struct page *pg)
{
	page_title(pg, 0, "%s", _("Quit maildoctor?"));
	page_text(pg, TONE_STRONG, "%s",
		  _("The change shown has not been made."));
	page_text(pg, TONE_NORMAL, "%s",
		  _("If you quit now, your settings stay as they are."));
	page_gap(pg);
	page_text(pg, TONE_NORMAL, "%s",
		  _("Quit now? Press y for yes, n to stay."));
	page_key(pg, UI_ACT_YES);
	page_key(pg, UI_ACT_NO);
}

static int clamp_sel(struct wizard *w, const struct page *pg)
{
	size_t n = page_n_items(pg);
	int *sel = &w->cx.sel[w->cur];
	if (n == 0)
		return -1;
	if (*sel < 0)
		*sel = 0;
	if ((size_t)*sel >= n)
		*sel = (int)n - 1;
	return *sel;
}

void wizard_redraw(struct wizard *w)
{
	if (w->done || !w->ui)
		return;
	struct page pg;
	page_init(&pg, w->ascii);
	screens[w->cur]->draw(&w->cx, w->state[w->cur], &pg);
	pg.step = screens[w->cur]->number;
	add_global_keys(&pg);
	pg.selected = clamp_sel(w, &pg);
	w->n_items = page_n_items(&pg);
	if (w->help || w->confirm_quit) {
		struct page over;
		page_init(&over, w->ascii);
		if (w->confirm_quit)
			draw_confirm(w, &over);
		else
			draw_help(w, &pg, &over);
		w->ui->show(w, &over, w->fresh);
		page_done(&over);
	} else {
		w->ui->show(w, &pg, w->fresh);
	}
	w->fresh = false;
	page_done(&pg);
}

/* ---- moving between screens -------------------------------------------- */

static void apply_flags(struct wizard *w, unsigned flags);

static void go_to(struct wizard *w, enum wiz_step next, bool forward)
{
	const struct screen_ops *s = screens[w->cur];
	if (s->leave)
		s->leave(&w->cx, w->state[w->cur]);
	if (forward && w->depth < WIZ_HISTORY)
		w->history[w->depth++] = w->cur;
	w->cur = next;
	w->fresh = true;
	unsigned f = screens[next]->enter
			 ? screens[next]->enter(&w->cx, w->state[next], forward)
			 : 0;
	if (f & (WIZ_NEXT | WIZ_BACK | WIZ_QUIT))
		apply_flags(w, f);
	else
		wizard_redraw(w);
}

static void request_quit(struct wizard *w)
{
	if (wiz_change_pending(&w->cx)) {
		w->confirm_quit = true;
		w->fresh = true;
		wizard_redraw(w);
		return;
	}
	w->done = true;
	loop_stop(w->loop);
}

static void apply_flags(struct wizard *w, unsigned flags)
{
	if (flags & WIZ_FRESH)
		w->fresh = true;
	if (flags & WIZ_QUIT) {
		request_quit(w);
	} else if (flags & WIZ_NEXT) {
		go_to(w, screens[w->cur]->next(&w->cx, w->state[w->cur]), true);
	} else if (flags & WIZ_BACK) {
		if (w->depth > 0) {
			enum wiz_step prev = w->history[--w->depth];
			go_to(w, prev, false);
		}
	} else if (flags & WIZ_REDRAW) {
		wizard_redraw(w);
	}
}

void wizard_act(struct wizard *w, enum ui_action act, int item)
{
	if (w->done)
		return;
	if (w->confirm_quit) {
		if (act == UI_ACT_YES || act == UI_ACT_QUIT) {
			w->done = true;
			loop_stop(w->loop);
			return;
		}
		if (act == UI_ACT_NO || act == UI_ACT_BACK ||
		    act == UI_ACT_NEXT) {
			w->confirm_quit = false;
			w->fresh = true;
		}
		wizard_redraw(w);
		return;
	}
	if (w->help) {
		if (act == UI_ACT_QUIT) {
			w->help = false;
			request_quit(w);
			return;
		}
		if (act == UI_ACT_BACK || act == UI_ACT_NEXT ||
		    act == UI_ACT_HELP) {
			w->help = false;
			w->fresh = true;
		}
		wizard_redraw(w);
		return;
	}
	switch (act) {
	case UI_ACT_HELP:
		w->help = true;
		w->fresh = true;
		wizard_redraw(w);
		return;
	case UI_ACT_QUIT:
		request_quit(w);
		return;
	case UI_ACT_UP:
	case UI_ACT_DOWN:
		if (w->n_items > 0) {
			int s = w->cx.sel[w->cur] + (act == UI_ACT_UP ? -1 : 1);
			if (s >= 0 && (size_t)s < w->n_items)
				w->cx.sel[w->cur] = s;
		}
		wizard_redraw(w);
		return;
	case UI_ACT_REDRAW:
	case UI_ACT_PGUP:
	case UI_ACT_PGDN:
		wizard_redraw(w);
		return;
	default:
		break;
	}
	if (item >= 0 && (size_t)item < w->n_items)
		w->cx.sel[w->cur] = item;
	int sel = w->n_items ? w->cx.sel[w->cur] : -1;
	apply_flags(
	    w, screens[w->cur]->on_key(&w->cx, w->state[w->cur], act, sel));
}

bool wizard_apply_ahead(struct wizard *w)
{
	if (w->done || w->help || w->confirm_quit ||
	    (w->cur != WIZ_CHECK && w->cur != WIZ_FINDINGS) ||
	    (w->cur == WIZ_CHECK && !w->cx.check_done))
		return false;
	/* Enter through the rest of the findings (each page is shown, so a
	 * log has them all); the guard stops a screen that would not move. */
	for (int guard = 0; guard < 256 && !w->done &&
			    (w->cur == WIZ_CHECK || w->cur == WIZ_FINDINGS);
	     guard++)
		wizard_act(w, UI_ACT_NEXT, -1);
	if (w->cur == WIZ_FIX && !w->done)
		wizard_act(w, UI_ACT_APPLY, -1);
	return true;
}

void wizard_end_of_input(struct wizard *w)
{
	w->done = true;
	loop_stop(w->loop);
}

/* ---- running ----------------------------------------------------------- */

bool wizard_states_new(struct wizard *w)
{
	for (size_t i = 0; i < WIZ__COUNT; i++)
		if (screens[i]->state_size &&
		    !(w->state[i] = calloc(1, screens[i]->state_size)))
			return false;
	return true;
}

/* 1 when problems were found and not fixed, else 0. */
static int final_status(const struct wizard *w)
{
	const struct finding_list *fl = checks_findings(&w->cx);
	bool problems = false;
	for (size_t i = 0; fl && i < fl->n; i++)
		problems |= fl->items[i].severity >= SEV_PROBLEM;
	bool fixed = w->cx.applied && checks_recheck_ok(&w->cx);
	return problems && !fixed ? 1 : 0;
}

int wizard_drive(struct wizard *w)
{
	struct md_err err;
	md_err_clear(&err);
	FILE *errs = w->cx.app->err ? w->cx.app->err : stderr;
	w->ui_open = true;
	unsigned f =
	    screens[w->cur]->enter
		? screens[w->cur]->enter(&w->cx, w->state[w->cur], true)
		: 0;
	apply_flags(w, f | WIZ_REDRAW);
	while (!w->done) {
		if (loop_run_once(w->loop, -1, &err) != MD_OK) {
			w->ui->close(w);
			fprintf(errs, "maildoctor: %s\n", err.text);
			return 3;
		}
	}
	if (screens[w->cur]->leave)
		screens[w->cur]->leave(&w->cx, w->state[w->cur]);
	w->ui->close(w);
	w->ui_open = false;
	if (!w->cx.plain)
		summary_print_outcome(&w->cx,
				      w->cx.app->out ? w->cx.app->out : stdout);
	return w->exit_code ? w->exit_code : final_status(w);
}

void wizard_done(struct wizard *w)
{
	if (w->ui_open)
		w->ui->close(w);
	if (w->loop)
		wiz_live(&w->cx, 0); /* no redraw while the checks go */
	for (size_t i = 0; i < WIZ__COUNT; i++) {
		if (screens[i]->done)
			screens[i]->done(&w->cx, w->state[i]);
		free(w->state[i]);
	}
	wiz_ctx_done(&w->cx);
	memset(w, 0, sizeof *w);
}
