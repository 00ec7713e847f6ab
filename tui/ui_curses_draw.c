/* ui_curses_draw.c — painting a page on the terminal: the title bar, the
 * body laid out in screen lines (wrapped at the width, wide characters
 * counted as two columns, scrolled to keep the choice in view, tables
 * whose cells wrap or stack but are never cut) and the keys on the bottom
 * line or two. Meaning is always in words and marks; colour, when
 * allowed, only repeats it. */
#include "tui/ui_curses.h"

#include "core/base/i18n.h"
#include "tui/term.h"
#include "tui/ui_text.h"

#include <curses.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_SEGS (PAGE_MAX_CELLS + 2)

/* The smallest window the wizard draws a page in; below it (or below
 * what the page's longest name needs) it says how large the window must
 * be and waits for a resize. */
#define UI_MIN_COLS 40
#define UI_MIN_ROWS 12

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

/* Columns of the widest word of s that must not be broken: a run of
 * narrow characters without a space — a host name, an address, a number
 * with its unit. A path may break after a "/" (or a Windows path's "\"),
 * so it counts only for its longest part. */
static int widest_word(const char *s)
{
	int best = 0, cur = 0;
	uint32_t cp;
	for (const char *p = s ? s : ""; *p;) {
		p += ui_utf8_next(p, &cp);
		int cw = ui_cp_width(cp);
		if (cp == ' ' || cp == '\n' || cw != 1) {
			cur = 0;
			continue;
		}
		cur++;
		if (cur > best)
			best = cur;
		if (cp == '/' || cp == '\\')
			cur = 0;
	}
	return best;
}

/* The header row of a run of rows: the first, when its first cell is
 * empty and other rows follow ("", "now", "", "after the change"). */
static bool run_has_header(const struct page *pg, size_t first, size_t n)
{
	const char *c0 = pg->blocks[first].cells[0];
	return n > 1 && (!c0 || !*c0);
}

/* Rows too wide for the width, one cell under another: the first cell
 * (with a short mark, the second too) on a line of its own, the others
 * indented below it, each after its column's header when the run has
 * one ("now: smtpa.jcom.zaq.ne.jp →"). No cell is ever cut. */
static void add_rows_stacked(struct layout *l, const struct page *pg,
			     size_t first, size_t n, int x0, int width)
{
	bool header = run_has_header(pg, first, n);
	const struct page_block *h = &pg->blocks[first];
	for (size_t k = first + header; k < first + n; k++) {
		const struct page_block *b = &pg->blocks[k];
		int x = x0 + b->indent;
		size_t c = 0;
		char *line = NULL;
		/* the first line: cell 0, and cell 1 after a mark */
		const char *c0 = b->cells[0] ? b->cells[0] : "";
		if (ui_width(c0) <= 2 && b->cells[1]) {
			if (asprintf(&line, "%s %s", c0, b->cells[1]) < 0)
				line = NULL;
			c = 2;
		} else {
			line = strdup(c0);
			c = 1;
		}
		const char *t = own(l, line);
		add_wrapped(l, (int)k, t, x, width - b->indent, (int)b->tone,
			    NULL, 0, 0, false);
		/* the other cells, joined until a header starts a line */
		char *rest = NULL;
		for (; c < PAGE_MAX_CELLS; c++) {
			const char *cell = b->cells[c];
			if (!cell || !*cell)
				continue;
			const char *hd = header ? h->cells[c] : NULL;
			char *next = NULL;
			int r;
			if (hd && *hd && rest) { /* a new line for it */
				const char *done = own(l, rest);
				add_wrapped(l, (int)k, done, x + 2,
					    width - b->indent - 2, TONE_NORMAL,
					    NULL, 0, 0, false);
				rest = NULL;
			}
			if (hd && *hd)
				r = asprintf(&next, "%s%s: %s",
					     rest ? rest : "", hd, cell);
			else
				r = asprintf(&next, "%s%s%s", rest ? rest : "",
					     rest ? " " : "", cell);
			free(rest);
			rest = r < 0 ? NULL : next;
			if (r < 0)
				l->oom = true;
		}
		if (rest)
			add_wrapped(l, (int)k, own(l, rest), x + 2,
				    width - b->indent - 2, TONE_NORMAL, NULL, 0,
				    0, false);
	}
}

/* A run of table rows from block first; returns the blocks used. The
 * columns keep their widths and the last cell wraps under itself; when
 * that cell has too little room it goes on the lines below the row
 * (only when it has words: no empty lines); when the other columns do
 * not fit either, their cells wrap inside the column (at spaces: a name
 * stays whole, as no column is narrower than its widest word); when even
 * that is too wide, the rows are stacked (add_rows_stacked). A cell is
 * never cut. */
static size_t add_rows(struct layout *l, const struct page *pg, size_t first,
		       int x0, int width)
{
	int w[PAGE_MAX_CELLS], m[PAGE_MAX_CELLS] = {0};
	size_t n = page_row_widths(pg, first, w);
	size_t last = 0;
	for (size_t c = 0; c < PAGE_MAX_CELLS; c++)
		if (w[c] > 0)
			last = c;
	int indent = 0;
	for (size_t k = first; k < first + n; k++) {
		const struct page_block *b = &pg->blocks[k];
		if (b->indent > indent)
			indent = b->indent;
		for (size_t c = 0; c <= last; c++) {
			int ww = ui_widest_word(b->cells[c]);
			if (ww > m[c])
				m[c] = ww;
		}
	}
	int fixed = indent; /* the columns before the last one, with gaps */
	for (size_t c = 0; c < last; c++)
		fixed += w[c] + (w[c] ? 2 : 0);
	int room = width - fixed;
	bool under = last > 0 && (room < 10 || room < m[last]);
	/* still too wide: narrow the columns with the most room to spare */
	while (under && fixed - 2 > width) {
		size_t best = last;
		for (size_t c = 0; c < last; c++)
			if (w[c] - m[c] > 0 &&
			    (best == last || w[c] - m[c] > w[best] - m[best]))
				best = c;
		if (best == last)
			break;
		w[best]--;
		fixed--;
	}
	if (fixed - 2 > width || (under && width - indent - 4 < m[last])) {
		add_rows_stacked(l, pg, first, n, x0, width);
		return n;
	}
	for (size_t k = first; k < first + n; k++) {
		const struct page_block *b = &pg->blocks[k];
		struct ui_span sp[PAGE_MAX_CELLS][16];
		size_t ns[PAGE_MAX_CELLS] = {0}, lines = 1;
		int xs[PAGE_MAX_CELLS], x = x0 + b->indent;
		for (size_t c = 0; c <= last; c++) {
			const char *cell = b->cells[c] ? b->cells[c] : "";
			xs[c] = x;
			int cols = c < last ? w[c] : x0 + width - x;
			if (c == last && under) {
				xs[c] = x0 + b->indent + 4;
				cols = x0 + width - xs[c];
			}
			ns[c] = *cell ? ui_wrap(cell, cols > 1 ? cols : 1,
						sp[c], 16)
				      : 0;
			if (ns[c] > 16)
				ns[c] = 16;
			if ((c < last || !under) && ns[c] > lines)
				lines = ns[c];
			x += w[c] + (w[c] ? 2 : 0);
		}
		size_t total = lines + (under ? ns[last] : 0);
		for (size_t i = 0; i < total; i++) {
			struct vline *v = vl_add(l, (int)k);
			if (!v)
				return n;
			for (size_t c = 0; c <= last; c++) {
				size_t j = c == last && under ? i - lines : i;
				if ((c == last && under && i < lines) ||
				    j >= ns[c])
					continue;
				const char *cell = b->cells[c];
				seg_add(v, cell + sp[c][j].start, sp[c][j].len,
					xs[c],
					c == 0 ? (int)b->tone : TONE_NORMAL);
			}
		}
	}
	return n;
}

/* The narrowest window that shows pg with every word whole: the widest
 * unbreakable word of its blocks where it would be drawn, plus the
 * margins; never less than UI_MIN_COLS. */
static int page_min_cols(const struct page *pg)
{
	int need = 0;
	for (size_t k = 0; k < pg->n; k++) {
		const struct page_block *b = &pg->blocks[k];
		int x = b->indent;
		if (b->kind == PB_ITEM)
			x += 5; /* "> 1. " */
		else if (b->mark)
			x += ui_width(b->mark) + 1;
		int ww = widest_word(b->text);
		for (size_t c = 0; c < PAGE_MAX_CELLS; c++) {
			int cw = widest_word(b->cells[c]) + 2; /* stacked */
			if (cw > ww)
				ww = cw;
		}
		if (x + ww > need)
			need = x + ww;
	}
	need += 4; /* the margins */
	return need > UI_MIN_COLS ? need : UI_MIN_COLS;
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

/* s (UTF-8) at (y, x) as wide characters, for a C library that cannot
 * decode UTF-8 itself (term_curses_wide); UTF-16 where wchar_t is 16 bits. */
static void add_wide(int y, int x, const char *s)
{
	wchar_t w[1024];
	int n = 0;
	while (*s && n < (int)(sizeof w / sizeof *w) - 2) {
		uint32_t cp;
		s += ui_utf8_next(s, &cp);
		if (sizeof(wchar_t) == 2 && cp > 0xFFFF) {
			w[n++] = (wchar_t)(0xD800 + ((cp - 0x10000) >> 10));
			w[n++] = (wchar_t)(0xDC00 + (cp & 0x3FF));
		} else {
			w[n++] = (wchar_t)cp;
		}
	}
	mvaddnwstr(y, x, w, n);
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
	if (term_curses_wide())
		add_wide(y, x, buf);
	else
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

/* The title bar: the step and the title, with the status at the right;
 * a title too long for the width goes on to a second line (cut only
 * beyond that). Returns the lines used. */
static int paint_title(const struct page *pg, int cols)
{
	char left[512];
	if (pg->step > 0)
		snprintf(left, sizeof left,
			 _(" maildoctor - step %d of %d: %s"), pg->step,
			 pg->n_steps, pg->title ? pg->title : "");
	else
		snprintf(left, sizeof left, " maildoctor - %s",
			 pg->title ? pg->title : "");
	char *a = pg->ascii ? ui_ascii_dup(left) : NULL;
	const char *t = a ? a : left;
	int sw = pg->status ? ui_width(pg->status) + 1 : 0;
	struct ui_span sp[2];
	size_t n = ui_wrap(t, cols - sw - 1, sp, 2);
	int lines = n > 1 ? 2 : 1;
	attrset(A_REVERSE | A_BOLD);
	for (int i = 0; i < lines; i++) {
		mvhline(i, 0, ' ', cols);
		/* the first line keeps its leading space */
		size_t from = i == 0 ? 0 : sp[i].start;
		size_t len =
		    i == 0 ? sp[0].start + sp[0].len : strlen(t) - sp[i].start;
		put(i, i == 0 ? 0 : 1, t + from, len,
		    i == 0 ? cols - sw - 1 : cols - 2, A_REVERSE | A_BOLD);
	}
	free(a);
	if (pg->status)
		put(0, cols - sw, pg->status, strlen(pg->status), sw,
		    A_REVERSE | A_BOLD);
	attrset(A_NORMAL);
	return lines;
}

/* Lay out (draw when draw) the key hints from line y on: every hint of
 * the page, each "label hint" whole, on as many lines as they need.
 * Returns the lines used. */
static int paint_keys(const struct page *pg, int y, int cols, bool draw)
{
	int x = 1, lines = 1;
	for (size_t i = 0; i < pg->n_keys; i++) {
		const char *label = ui_action_label(pg->keys[i]);
		const char *hint = ui_action_hint(pg->keys[i]);
		if (!*label)
			continue;
		int need = ui_width(label) + 1 + ui_width(hint);
		if (x > 1 && x + need > cols - 1) { /* onto the next line */
			x = 1;
			lines++;
		}
		if (draw) {
			int yy = y + lines - 1;
			x += put_text(yy, x, label, cols - x, A_REVERSE,
				      pg->ascii);
			x += 1;
			x += put_text(yy, x, hint, cols - x, A_NORMAL,
				      pg->ascii);
			x += 2;
		} else {
			x += need + 2;
		}
	}
	return lines;
}

/* The window is smaller than the page needs: say how large it must be
 * (in words) and that q still quits, and draw nothing else until it is
 * resized. */
static void paint_too_small(const struct page *pg, int rows, int cols,
			    int need_cols, int need_rows)
{
	char msg[512];
	snprintf(msg, sizeof msg, "%s %s", _("Please make the window larger."),
		 _("It has to be at least %d columns wide and %d lines high "
		   "(now %d × %d)."));
	char text[600];
	snprintf(text, sizeof text, msg, need_cols, need_rows, cols, rows);
	char *a = pg->ascii ? ui_ascii_dup(text) : NULL;
	struct ui_span sp[32];
	size_t n = ui_wrap(a ? a : text, cols > 2 ? cols : 2, sp, 32);
	for (size_t i = 0; i < n && i < 32 && (int)i < rows; i++)
		put((int)i, 0, (a ? a : text) + sp[i].start, sp[i].len, cols,
		    A_BOLD);
	free(a);
	if (rows > (int)n && cols > 4) { /* the one key that works */
		int x = put_text(rows - 1, 0, ui_action_label(UI_ACT_QUIT),
				 cols, A_REVERSE, pg->ascii);
		put_text(rows - 1, x + 1, ui_action_hint(UI_ACT_QUIT),
			 cols - x - 1, A_NORMAL, pg->ascii);
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
	int need_cols = page_min_cols(pg);
	cs->too_small = rows < UI_MIN_ROWS || cols < need_cols;
	if (cs->too_small) {
		paint_too_small(pg, rows, cols, need_cols, UI_MIN_ROWS);
		refresh();
		return;
	}
	int title_lines = paint_title(pg, cols);
	int key_lines = paint_keys(pg, 0, cols, false);
	int top = title_lines + 1, height = rows - top - 2 - (key_lines - 1);
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
		if (mw > cols - 2) { /* narrow: the words without the keys */
			snprintf(more, sizeof more, "%s%s%s",
				 above ? _("\xe2\x86\x91 more above") : "",
				 above && below ? "  " : "",
				 below ? _("\xe2\x86\x93 more below") : "");
			mw = ui_width(more);
		}
		if (mw > cols - 2) { /* narrower still: the arrows alone */
			snprintf(more, sizeof more, "%s%s%s",
				 above ? "\xe2\x86\x91" : "",
				 above && below ? " " : "",
				 below ? "\xe2\x86\x93" : "");
			mw = ui_width(more);
		}
		put_text(top + height, cols - mw - 2 > 0 ? cols - mw - 2 : 0,
			 more, cols, A_BOLD, pg->ascii);
	}
	paint_keys(pg, rows - key_lines, cols, true);
	if (cy >= 0) {
		curs_set(1);
		move(cy, cx);
	}
	refresh();
	layout_done(&l);
}
