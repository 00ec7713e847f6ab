/* ui_plain.c — the plain renderer of `maildoctor --plain` (and of any run
 * whose stdout or stdin is not a terminal): each step printed as lines,
 * choices numbered, the answers read as lines from stdin, so that screen
 * readers, serial consoles, scripts and logs go through the same steps. */
#include "tui/wizard.h"

#include "core/base/i18n.h"
#include "core/net/loop.h"
#include "tui/term.h"
#include "tui/ui_text.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

struct plain_state {
	FILE *out;	/* the program's output (app->out) */
	char buf[4096]; /* input not yet ended by a newline */
	size_t used;
	size_t printed;	       /* blocks of the current live page printed */
	unsigned long hash;    /* of the last page printed in full */
	bool echo;	       /* stdin is not a terminal: show the answers */
	const struct page *pg; /* the page being shown (during show only) */
	enum ui_action keys[UI_MAX_PAGE_KEYS]; /* the last page's keys */
	size_t n_keys;
	size_t n_items;
	char *input; /* the last page's input field, or NULL */
	size_t input_cap;
	bool secret;   /* that field takes a password */
	bool echo_off; /* the terminal's echo is off for it */
	bool ascii;
	bool live;	/* the page changes by itself: answers wait */
	bool eof;	/* stdin has ended */
	bool paused;	/* stdin is not watched: the buffer is full */
	uint64_t later; /* timer that goes through waiting answers */
};

/* explicit_bzero(), which mingw lacks: volatile writes, which the
 * compiler keeps though the memory is not read again. */
static void wipe(void *p, size_t n)
{
	volatile unsigned char *v = p;
	while (n--)
		*v++ = 0;
}

static void take_lines(struct wizard *w);
static void on_input(void *ud, bool gone);
static void resume(struct loop *loop, void *ud);

static void out_text(const struct plain_state *ps, const char *s)
{
	char *a = ps->ascii ? ui_ascii_dup(s) : NULL;
	fputs(a ? a : s, ps->out);
	free(a);
}

static unsigned long page_hash(const struct page *pg)
{
	unsigned long h = 5381;
	const char *parts[3 + PAGE_MAX_CELLS];
	for (size_t k = 0; k < pg->n; k++) {
		const struct page_block *b = &pg->blocks[k];
		size_t n = 0;
		parts[n++] = b->mark;
		parts[n++] = b->text;
		for (size_t c = 0; c < PAGE_MAX_CELLS; c++)
			parts[n++] = b->cells[c];
		for (size_t i = 0; i < n; i++)
			for (const char *s = parts[i]; s && *s; s++)
				h = h * 33 + (unsigned char)*s;
		h = h * 33 + (unsigned)b->kind + (pg->selected == (int)k);
	}
	for (const char *s = pg->title; s && *s; s++)
		h = h * 33 + (unsigned char)*s;
	return h;
}

/* One block as one line (or a few, for rows with long cells). */
static size_t print_block(FILE *o, const struct page *pg, size_t k,
			  size_t *item)
{
	const struct page_block *b = &pg->blocks[k];
	int ind = b->indent;
	switch (b->kind) {
	case PB_GAP:
		fputc('\n', o);
		return 1;
	case PB_TEXT:
	case PB_PRE:
		fprintf(o, "%*s%s%s%s\n", ind, "", b->mark ? b->mark : "",
			b->mark ? " " : "", b->text ? b->text : "");
		return 1;
	case PB_ITEM:
		fprintf(o, "%*s%zu. %s\n", ind + 2, "", ++*item,
			b->text ? b->text : "");
		return 1;
	case PB_INPUT:
		fprintf(o, "%*s%s\n", ind, "", b->text ? b->text : "");
		return 1;
	case PB_ROW: {
		int w[PAGE_MAX_CELLS];
		size_t first = k;
		while (first > 0 && pg->blocks[first - 1].kind == PB_ROW)
			first--;
		page_row_widths(pg, first, w);
		size_t last = 0;
		for (size_t c = 0; c < PAGE_MAX_CELLS; c++)
			if (w[c])
				last = c;
		const char *cells[PAGE_MAX_CELLS];
		for (size_t c = 0; c < PAGE_MAX_CELLS; c++)
			cells[c] = b->cells[c] ? b->cells[c] : "";
		fprintf(o, "%*s", ind + 2, "");
		size_t upto = 0; /* the row's own last cell: no padding after */
		for (size_t c = 0; c <= last; c++)
			if (*cells[c])
				upto = c;
		for (size_t c = 0; c <= upto; c++) {
			fputs(cells[c], o);
			if (c < upto)
				fprintf(o, "%*s", w[c] - ui_width(cells[c]) + 2,
					"");
		}
		fputc('\n', o);
		return 1;
	}
	}
	return 1;
}

static void print_header(const struct plain_state *ps, const struct page *pg)
{
	char head[512];
	if (pg->step > 0)
		snprintf(head, sizeof head, _("Step %d of %d: %s"), pg->step,
			 pg->n_steps, pg->title ? pg->title : "");
	else
		snprintf(head, sizeof head, "%s", pg->title ? pg->title : "");
	fputs("\n== ", ps->out);
	out_text(ps, head);
	fputs(" ==\n", ps->out);
}

static void print_prompt(const struct plain_state *ps, const struct page *pg)
{
	fputs("[", ps->out);
	bool first = true;
	for (size_t i = 0; i < pg->n_keys; i++) {
		const char *word = ui_action_word(pg->keys[i]);
		if (!word)
			continue;
		if (!first)
			fputs(", ", ps->out);
		first = false;
		out_text(ps, *word ? word : _("Enter"));
		fputs(" = ", ps->out);
		out_text(ps, ui_action_hint(pg->keys[i]));
	}
	size_t items = page_n_items(pg);
	if (items > 0) {
		fputs("; ", ps->out);
		char nums[128];
		snprintf(nums, sizeof nums, _("a number 1-%zu chooses"), items);
		out_text(ps, nums);
	}
	fputs("]\n> ", ps->out);
	fflush(ps->out);
}

/* A password is not echoed by the terminal while its field is shown. */
static void terminal_echo(struct plain_state *ps, bool on)
{
	if (!on && !ps->echo_off) {
		ps->echo_off = term_echo_off();
	} else if (on && ps->echo_off) {
		term_echo_on();
		ps->echo_off = false;
	}
}

static void plain_show(struct wizard *w, const struct page *pg, bool fresh)
{
	struct plain_state *ps = w->ui_state;
	ps->n_keys = pg->n_keys;
	memcpy(ps->keys, pg->keys, sizeof ps->keys);
	ps->n_items = page_n_items(pg);
	ps->input = pg->input;
	ps->input_cap = pg->input_cap;
	ps->secret = pg->input && pg->input_secret;
	terminal_echo(ps, !ps->secret);
	size_t item = 0;
	bool was_live = ps->live;
	ps->live = pg->live;
	if (was_live && !pg->live && !ps->later)
		ps->later = loop_timer(w->loop, 0, resume, w);
	if (pg->live) {
		/* Rows are printed once, when they are final. */
		if (fresh) {
			print_header(ps, pg);
			ps->printed = 0;
		}
		for (; ps->printed < pg->n; ps->printed++) {
			const struct page_block *b = &pg->blocks[ps->printed];
			if (b->kind == PB_ROW && !b->final)
				break;
			print_block(ps->out, pg, ps->printed, &item);
		}
		fflush(ps->out);
		ps->hash = 0;
		return;
	}
	unsigned long h = page_hash(pg);
	if (was_live && !fresh) {
		/* the checks ended: the rest of the same page */
		for (size_t k = 0; k < pg->n; k++)
			if (k >= ps->printed)
				print_block(ps->out, pg, k, &item);
			else if (pg->blocks[k].kind == PB_ITEM)
				item++;
		ps->hash = h;
	} else if (fresh || h != ps->hash) {
		print_header(ps, pg);
		for (size_t k = 0; k < pg->n; k++)
			print_block(ps->out, pg, k, &item);
		ps->hash = h;
	}
	print_prompt(ps, pg);
}

/* Answers typed ahead while checks ran are read now. */
static void resume(struct loop *loop, void *ud)
{
	struct wizard *w = ud;
	struct plain_state *ps = w->ui_state;
	ps->later = 0;
	take_lines(w);
}

static bool accepts(const struct plain_state *ps, enum ui_action a)
{
	if (ui_action_global(a))
		return true;
	for (size_t i = 0; i < ps->n_keys; i++)
		if (ps->keys[i] == a)
			return true;
	return false;
}

/* One line of answer. */
static void answer(struct wizard *w, char *line)
{
	struct plain_state *ps = w->ui_state;
	size_t n = strlen(line);
	if (ps->secret) {
		/* A password: every line but an empty one is the password
		 * (no word is a command here; spaces are part of it), never
		 * shown. */
		if (n > 0 && line[n - 1] == '\r')
			line[--n] = '\0';
		if (ps->echo || ps->echo_off)
			fprintf(ps->out, "%s\n",
				*line ? _("(the password is not shown)") : "");
		if (*line)
			snprintf(ps->input, ps->input_cap, "%s", line);
		wizard_act(w, UI_ACT_NEXT, -1);
		return;
	}
	while (n > 0 && isspace((unsigned char)line[n - 1]))
		line[--n] = '\0';
	while (*line == ' ' || *line == '\t')
		line++;
	if (ps->echo) {
		fputs(line, ps->out);
		fputc('\n', ps->out);
	}
	for (enum ui_action a = UI_ACT_NONE + 1; a < UI_ACT__COUNT; a++) {
		const char *word = ui_action_word(a);
		if (word && strcasecmp(word, line) == 0 && accepts(ps, a)) {
			wizard_act(w, a, -1);
			return;
		}
		/* a before the fix's step: to it, and apply */
		if (a == UI_ACT_APPLY && word && strcasecmp(word, line) == 0 &&
		    wizard_apply_ahead(w))
			return;
	}
	char *end;
	long num = strtol(line, &end, 10);
	if (*line && *end == '\0' && num >= 1 && (size_t)num <= ps->n_items) {
		wizard_act(w, UI_ACT_NEXT, (int)num - 1);
		return;
	}
	/* "WORD N": that key for choice N (p 2: choice 2 with its password) */
	char word[8];
	int at = 0;
	if (sscanf(line, "%7s %ld%n", word, &num, &at) == 2 && !line[at] &&
	    num >= 1 && (size_t)num <= ps->n_items)
		for (enum ui_action a = UI_ACT_NONE + 1; a < UI_ACT__COUNT;
		     a++) {
			const char *wd = ui_action_word(a);
			if (wd && *wd && strcasecmp(wd, word) == 0 &&
			    accepts(ps, a)) {
				wizard_act(w, a, (int)num - 1);
				return;
			}
		}
	if (ps->input && *line) {
		snprintf(ps->input, ps->input_cap, "%s", line);
		wizard_act(w, UI_ACT_NEXT, -1);
		return;
	}
	out_text(ps, _("Please answer with one of the choices in brackets."));
	fputs("\n> ", ps->out);
	fflush(ps->out);
}

/* Answer every complete line waiting (not while checks run), then end
 * when stdin has ended. */
static void take_lines(struct wizard *w)
{
	struct plain_state *ps = w->ui_state;
	char *nl;
	while (!w->done && !ps->live &&
	       (nl = memchr(ps->buf, '\n', ps->used))) {
		*nl = '\0';
		char line[sizeof ps->buf];
		memcpy(line, ps->buf, (size_t)(nl - ps->buf) + 1);
		size_t rest = ps->used - (size_t)(nl - ps->buf) - 1;
		memmove(ps->buf, nl + 1, rest);
		/* an answer may be a password: no copy of it is left */
		wipe(ps->buf + rest, ps->used - rest);
		ps->used = rest;
		ps->buf[ps->used] = '\0';
		answer(w, line);
		wipe(line, sizeof line);
	}
	if (ps->paused && !w->done && ps->used < sizeof ps->buf - 1) {
		ps->paused = false;
		term_watch_lines(w->loop, on_input, w, NULL);
	}
	if (!ps->eof || w->done || ps->live)
		return;
	if (ps->used) {
		char line[sizeof ps->buf];
		memcpy(line, ps->buf, ps->used + 1);
		wipe(ps->buf, ps->used);
		ps->used = 0;
		answer(w, line);
		wipe(line, sizeof line);
		if (w->done || ps->live)
			return;
	}
	fputc('\n', ps->out);
	out_text(ps, _("No more answers: maildoctor stops here and changes "
		       "nothing more."));
	fputc('\n', ps->out);
	wizard_end_of_input(w);
}

static void on_input(void *ud, bool gone)
{
	struct wizard *w = ud;
	struct plain_state *ps = w->ui_state;
	if (ps->used == sizeof ps->buf - 1 && !memchr(ps->buf, '\n', ps->used))
		ps->used = 0; /* an endless line: dropped */
	long r = 0;
	if (ps->used < sizeof ps->buf - 1)
		r = term_read(ps->buf + ps->used,
			      sizeof ps->buf - 1 - ps->used);
	else { /* full of waiting answers: read again once answered */
		term_unwatch(w->loop);
		ps->paused = true;
		return;
	}
	if (r < 0 && (errno == EINTR || errno == EAGAIN))
		return;
	if (r > 0)
		ps->used += (size_t)r;
	ps->buf[ps->used] = '\0';
	if (r <= 0) {
		ps->eof = true;
		term_unwatch(w->loop);
	}
	take_lines(w);
}

static enum md_status plain_open(struct wizard *w, struct md_err *err)
{
	struct plain_state *ps = calloc(1, sizeof *ps);
	if (!ps)
		return md_err_set(err, MD_ERR_NOMEM, NULL, 0, "%s",
				  _("out of memory"));
	ps->out = w->cx.app->out;
	ps->echo = !term_stdin_is_tty();
	ps->ascii = w->ascii;
	w->ui_state = ps;
	return term_watch_lines(w->loop, on_input, w, err);
}

static void plain_close(struct wizard *w)
{
	struct plain_state *ps = w->ui_state;
	if (!ps)
		return;
	loop_timer_cancel(w->loop, ps->later);
	term_unwatch(w->loop);
	terminal_echo(ps, true);
	fflush(ps->out);
	wipe(ps->buf, sizeof ps->buf);
	free(w->ui_state);
	w->ui_state = NULL;
}

const struct ui_ops ui_plain_ops = {
    .open = plain_open,
    .show = plain_show,
    .close = plain_close,
};
