/* ui_curses_draw.c — painting a page on the terminal: the title bar, the
 * body laid out in screen lines (wrapped at the width, wide characters
 * counted as two columns, scrolled to keep the choice in view) and the
 * keys on the bottom line. Meaning is always in words and marks; colour,
 * when allowed, only repeats it. */
#include "tui/ui_curses.h"

#include "core/i18n.h"
#include "tui/ui_text.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_SEGS (PAGE_MAX_CELLS + 2)

/* A piece of one screen line. */
struct seg {
	const char *s;
	size_t len;
	int x;
	int tone; /* enum page_tone, or -1 for the choice marker */
};

struct vline {
	struct seg segs[MAX_SEGS];
	size_t n;
	int block;     /* the block it belongs to, -1 for none */
	bool selected; /* part of the selected choice: drawn reversed */
	bool input;    /* the input field: the cursor goes at its end */
};

struct layout {
	struct vline *v;
	size_t n, cap;
	char **owned; /* strings made while laying out */
	size_t n_owned, cap_owned;
	bool oom;
};

static struct vline *vl_add(struct layout *l, int block)
{
	if (l->n == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 64;
		struct vline *v = realloc(l->v, cap * sizeof *v);
		if (!v) {
			l->oom = true;
			return NULL;
		}
		l->v = v;
		l->cap = cap;
	}
	struct vline *v = &l->v[l->n++];
	memset(v, 0, sizeof *v);
	v->block = block;
	return v;
}

static void seg_add(struct vline *v, const char *s, size_t len, int x, int tone)
{
	if (!v || v->n >= MAX_SEGS)
		return;
	v->segs[v->n++] = (struct seg){s, len, x, tone};
}

static const char *own(struct layout *l, char *s)
{
	if (!s) {
		l->oom = true;
		return "";
	}
	if (l->n_owned == l->cap_owned) {
		size_t cap = l->cap_owned ? l->cap_owned * 2 : 16;
		char **o = realloc(l->owned, cap * sizeof *o);
		if (!o) {
			free(s);
			l->oom = true;
			return "";
		}
		l->owned = o;
		l->cap_owned = cap;
	}
	l->owned[l->n_owned++] = s;
	return s;
}

static void layout_done(struct layout *l)
{
	for (size_t i = 0; i < l->n_owned; i++)
		free(l->owned[i]);
	free(l->owned);
	free(l->v);
}

/* Lines of text wrapped to cols, starting at column x; the first line
 * may begin with a prefix segment (mark or number) at column px. */
static void add_wrapped(struct layout *l, int block, const char *text, int x,
			int cols, int tone, const char *prefix, int px,
			int prefix_tone, bool selected)
{
	struct ui_span spans[256];
	size_t n = ui_wrap(text ? text : "", cols, spans, 256);
	if (n > 256)
		n = 256;
	for (size_t i = 0; i < n; i++) {
		struct vline *v = vl_add(l, block);
		if (!v)
			return;
		v->selected = selected;
		if (i == 0 && prefix)
			seg_add(v, prefix, strlen(prefix), px, prefix_tone);
		seg_add(v, text + spans[i].start, spans[i].len, x, tone);
	}
}

/* A star for each character of a password (UTF-8), heap; NULL when out
 * of memory. What was typed is never drawn. */
static char *stars_of(const char *pw)
{
	size_t n = 0;
	for (const char *p = pw ? pw : ""; *p; p++)
		n += ((unsigned char)*p & 0xC0) != 0x80;
	char *s = malloc(n + 1);
	if (s) {
		memset(s, '*', n);
		s[n] = '\0';
	}
	return s;
}

/* A run of table rows from block first; returns the blocks used. */
static size_t add_rows(struct layout *l, const struct page *pg, size_t first,
		       int x0, int width)
{
	int w[PAGE_MAX_CELLS];
	size_t n = page_row_widths(pg, first, w);
	size_t last = 0;
	for (size_t c = 0; c < PAGE_MAX_CELLS; c++)
		if (w[c] > 0)
			last = c;
	int cap = width / 3 > 8 ? width / 3 : 8; /* widest non-last column */
	for (size_t k = first; k < first + n; k++) {
		const struct page_block *b = &pg->blocks[k];
		int x = x0 + b->indent;
		struct vline *v = vl_add(l, (int)k);
		if (!v)
			return n;
		for (size_t c = 0; c < last; c++) {
			int cw = w[c] < cap ? w[c] : cap;
			const char *cell = b->cells[c] ? b->cells[c] : "";
			size_t len = ui_fit(cell, strlen(cell), cw, NULL);
			seg_add(v, cell, len, x,
				c == 0 ? (int)b->tone : TONE_NORMAL);
			x += cw + (cw ? 2 : 0);
		}
		/* the last cell wraps under itself */
		const char *cell = b->cells[last] ? b->cells[last] : "";
		int cols = x0 + width - x;
		if (cols < 10) { /* too narrow: next line, indented */
			x = x0 + b->indent + 4;
			cols = x0 + width - x;
			v = vl_add(l, (int)k);
		}
		struct ui_span spans[64];
		size_t ns = ui_wrap(cell, cols, spans, 64);
		for (size_t i = 0; i < ns && i < 64; i++) {
			if (i > 0)
				v = vl_add(l, (int)k);
			seg_add(v, cell + spans[i].start, spans[i].len, x,
				last == 0 ? (int)b->tone : TONE_NORMAL);
		}
	}
	return n;
}

/* Lay the body of pg out in lines of width columns starting at x0. */
static void layout_page(struct layout *l, const struct page *pg, int x0,
			int width)
{
	size_t item = 0;
	for (size_t k = 0; k < pg->n;) {
		const struct page_block *b = &pg->blocks[k];
		int x = x0 + b->indent;
		int cols = width - b->indent;
		switch (b->kind) {
		case PB_GAP:
			vl_add(l, (int)k);
			break;
		case PB_ROW:
			k += add_rows(l, pg, k, x0, width);
			continue;
		case PB_TEXT:
		case PB_PRE:
			if (b->mark) {
				int mw = ui_width(b->mark) + 1;
				add_wrapped(l, (int)k, b->text, x + mw,
					    cols - mw, b->tone, b->mark, x,
					    b->tone, false);
			} else {
				add_wrapped(l, (int)k, b->text, x, cols,
					    b->tone, NULL, 0, 0, false);
			}
			break;
		case PB_ITEM: {
			bool sel = pg->selected == (int)item;
			char *num = NULL;
			if (asprintf(&num, "%s%zu.", sel ? "> " : "  ",
				     item + 1) < 0)
				num = NULL;
			const char *p = own(l, num);
			int pw = ui_width(p) + 1;
			add_wrapped(l, (int)k, b->text, x + pw, cols - pw,
				    b->tone, p, x, -1, sel);
			item++;
			break;
		}
		case PB_INPUT: {
			add_wrapped(l, (int)k, b->text, x, cols, TONE_STRONG,
				    NULL, 0, 0, false);
			char *field = NULL;
			/* a password is drawn as stars (none when out of
			 * memory), never as typed */
			char *stars =
			    pg->input_secret ? stars_of(pg->input) : NULL;
			const char *shown =
			    pg->input_secret ? stars : pg->input;
			if (asprintf(&field, "[ %s_ ]", shown ? shown : "") < 0)
				field = NULL;
			free(stars);
			const char *f =
			    own(l, pg->ascii && field ? ui_ascii_dup(field)
						      : field);
			if (pg->ascii)
				free(field);
			struct vline *v = vl_add(l, (int)k);
			if (v) {
				v->input = true;
				seg_add(v, f, strlen(f), x + 2, TONE_NORMAL);
			}
			break;
		}
		}
		k++;
	}
}

static attr_t tone_attr(const struct curses_state *cs, int tone)
{
	switch (tone) {
	case TONE_GOOD:
		return A_BOLD | (cs->color ? COLOR_PAIR(1) : 0);
	case TONE_BAD:
		return A_BOLD | (cs->color ? COLOR_PAIR(2) : 0);
	case TONE_WARN:
		return A_BOLD | (cs->color ? COLOR_PAIR(3) : 0);
	case TONE_STRONG:
		return A_BOLD;
	case TONE_DIM:
		return cs->color ? COLOR_PAIR(4) : A_NORMAL;
	case -1: /* the choice marker */
		return A_BOLD;
	}
	return A_NORMAL;
}

/* Draw len bytes of s at (y, x), at most maxw columns. */
static int put(int y, int x, const char *s, size_t len, int maxw, attr_t a)
{
	int used;
	size_t n = ui_fit(s, len, maxw, &used);
	char buf[1024];
	if (n >= sizeof buf)
		n = ui_fit(s, sizeof buf - 1, maxw, &used);
	memcpy(buf, s, n);
	buf[n] = '\0';
	attrset(a);
	mvaddstr(y, x, buf);
	attrset(A_NORMAL);
	return used;
}

/* A label or hint drawn outside the page (already ASCII when needed). */
static int put_text(int y, int x, const char *s, int maxw, attr_t a, bool ascii)
{
	char *c = ascii ? ui_ascii_dup(s) : NULL;
	int used = put(y, x, c ? c : s, strlen(c ? c : s), maxw, a);
	free(c);
	return used;
}

static void paint_title(const struct page *pg, int cols)
{
	char left[512];
	if (pg->step > 0)
		snprintf(left, sizeof left,
			 _(" maildoctor - step %d of %d: %s"), pg->step,
			 pg->n_steps, pg->title ? pg->title : "");
	else
		snprintf(left, sizeof left, " maildoctor - %s",
			 pg->title ? pg->title : "");
	attrset(A_REVERSE | A_BOLD);
	mvhline(0, 0, ' ', cols);
	int sw = pg->status ? ui_width(pg->status) + 1 : 0;
	put_text(0, 0, left, cols - sw - 1, A_REVERSE | A_BOLD, pg->ascii);
	if (pg->status)
		put(0, cols - sw, pg->status, strlen(pg->status), sw,
		    A_REVERSE | A_BOLD);
	attrset(A_NORMAL);
}

static void paint_keys(const struct page *pg, int y, int cols)
{
	int x = 1;
	for (size_t i = 0; i < pg->n_keys && x < cols - 2; i++) {
		const char *label = ui_action_label(pg->keys[i]);
		const char *hint = ui_action_hint(pg->keys[i]);
		if (!*label)
			continue;
		int need = ui_width(label) + 1 + ui_width(hint) + 2;
		if (x + need > cols && i + 2 < pg->n_keys)
			continue; /* keep the last keys (help, quit) */
		x += put_text(y, x, label, cols - x, A_REVERSE, pg->ascii);
		x += 1;
		x += put_text(y, x, hint, cols - x, A_NORMAL, pg->ascii);
		x += 2;
	}
}

/* Keep the selected choice in view, and the scroll within the body. */
static void fit_scroll(struct curses_state *cs, const struct layout *l,
		       const struct page *pg, int height, bool fresh)
{
	if (fresh)
		cs->scroll = 0;
	if (pg->focus >= 0 && pg->focus != cs->focus)
		for (size_t i = 0; i < l->n; i++)
			if (l->v[i].block == pg->focus) {
				cs->scroll = (int)i;
				break;
			}
	cs->focus = pg->focus;
	int sel_block =
	    pg->selected >= 0 ? page_item_block(pg, (size_t)pg->selected) : -1;
	if (sel_block >= 0) {
		int first = -1, last = -1;
		for (size_t i = 0; i < l->n; i++)
			if (l->v[i].block == sel_block) {
				if (first < 0)
					first = (int)i;
				last = (int)i;
			}
		if (first >= 0 && first < cs->scroll)
			cs->scroll = first;
		if (last >= cs->scroll + height)
			cs->scroll = last - height + 1;
	}
	int max = (int)l->n - height;
	if (cs->scroll > max)
		cs->scroll = max;
	if (cs->scroll < 0)
		cs->scroll = 0;
}

void curses_paint(struct curses_state *cs, const struct page *pg, bool fresh)
{
	erase();
	curs_set(0);
	int rows = LINES, cols = COLS;
	if (rows < 8 || cols < 30) {
		const char *msg = _("Please make the window larger.");
		char *a = pg->ascii ? ui_ascii_dup(msg) : NULL;
		struct ui_span sp[16];
		size_t n = ui_wrap(a ? a : msg, cols > 2 ? cols : 2, sp, 16);
		for (size_t i = 0; i < n && i < 16 && (int)i < rows; i++)
			put((int)i, 0, (a ? a : msg) + sp[i].start, sp[i].len,
			    cols, A_BOLD);
		free(a);
		refresh();
		return;
	}
	paint_title(pg, cols);
	int top = 2, height = rows - 4;
	struct layout l = {0};
	layout_page(&l, pg, 2, cols - 4);
	fit_scroll(cs, &l, pg, height, fresh);
	cs->body_lines = (int)l.n;
	cs->body_height = height;
	int cy = -1, cx = 0;
	for (int i = 0; i < height && cs->scroll + i < (int)l.n; i++) {
		const struct vline *v = &l.v[cs->scroll + i];
		for (size_t s = 0; s < v->n; s++) {
			const struct seg *g = &v->segs[s];
			attr_t a = tone_attr(cs, g->tone);
			if (v->selected)
				a |= A_REVERSE;
			int used = put(top + i, g->x, g->s, g->len,
				       cols - 1 - g->x, a);
			if (v->input) {
				cy = top + i;
				cx = g->x + used - 3; /* on the "_" */
			}
		}
	}
	/* more above / below, in words as well as arrows */
	bool above = cs->scroll > 0;
	bool below = cs->scroll + height < (int)l.n;
	if (above || below) {
		char more[160];
		snprintf(more, sizeof more, "%s%s%s",
			 above ? _("\xe2\x86\x91 more above (PgUp)") : "",
			 above && below ? "   " : "",
			 below ? _("\xe2\x86\x93 more below (PgDn or space)")
			       : "");
		int mw = ui_width(more);
		put_text(rows - 2, cols - mw - 2 > 0 ? cols - mw - 2 : 0, more,
			 cols, A_BOLD, pg->ascii);
	}
	paint_keys(pg, rows - 1, cols);
	if (cy >= 0) {
		curs_set(1);
		move(cy, cx);
	}
	refresh();
	layout_done(&l);
}
