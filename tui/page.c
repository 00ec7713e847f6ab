/* page.c — building a page: blocks with owned, possibly ASCII-fied text. */
#include "tui/page.h"

#include "tui/ui_text.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void page_init(struct page *pg, bool ascii)
{
	memset(pg, 0, sizeof *pg);
	pg->selected = -1;
	pg->focus = -1;
	pg->n_steps = 7;
	pg->ascii = ascii;
}

static void block_done(struct page_block *b)
{
	free(b->mark);
	free(b->text);
	for (size_t i = 0; i < PAGE_MAX_CELLS; i++)
		free(b->cells[i]);
}

void page_done(struct page *pg)
{
	for (size_t i = 0; i < pg->n; i++)
		block_done(&pg->blocks[i]);
	free(pg->blocks);
	free(pg->title);
	free(pg->status);
	page_init(pg, pg->ascii);
}

/* A stored copy of s: ASCII form when the page is ASCII. */
static char *keep(struct page *pg, const char *s)
{
	if (!s)
		return NULL;
	char *c = pg->ascii ? ui_ascii_dup(s) : strdup(s);
	if (!c)
		pg->oom = true;
	return c;
}

static char *keep_v(struct page *pg, const char *fmt, va_list ap)
{
	char *s = NULL;
	if (vasprintf(&s, fmt, ap) < 0) {
		pg->oom = true;
		return NULL;
	}
	char *c = keep(pg, s);
	free(s);
	return c;
}

void page_title(struct page *pg, int step, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	free(pg->title);
	pg->title = keep_v(pg, fmt, ap);
	va_end(ap);
	pg->step = step;
}

void page_status(struct page *pg, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	free(pg->status);
	pg->status = keep_v(pg, fmt, ap);
	va_end(ap);
}

static struct page_block *add(struct page *pg, enum page_kind kind)
{
	if (pg->n == pg->cap) {
		size_t cap = pg->cap ? pg->cap * 2 : 16;
		struct page_block *b = realloc(pg->blocks, cap * sizeof *b);
		if (!b) {
			pg->oom = true;
			return NULL;
		}
		pg->blocks = b;
		pg->cap = cap;
	}
	struct page_block *b = &pg->blocks[pg->n++];
	memset(b, 0, sizeof *b);
	b->kind = kind;
	return b;
}

/* A new block of kind whose text is fmt filled from ap; NULL when out of
 * memory. */
static struct page_block *add_v(struct page *pg, enum page_kind kind,
				const char *fmt, va_list ap)
{
	struct page_block *b = add(pg, kind);
	if (b)
		b->text = keep_v(pg, fmt, ap);
	return b;
}

struct page_block *page_text(struct page *pg, enum page_tone tone,
			     const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	struct page_block *b = add_v(pg, PB_TEXT, fmt, ap);
	va_end(ap);
	if (b)
		b->tone = tone;
	return b;
}

struct page_block *page_item(struct page *pg, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	struct page_block *b = add_v(pg, PB_ITEM, fmt, ap);
	va_end(ap);
	return b;
}

struct page_block *page_pre(struct page *pg, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	struct page_block *b = add_v(pg, PB_PRE, fmt, ap);
	va_end(ap);
	if (b) {
		b->tone = TONE_DIM;
		b->indent = 2;
	}
	return b;
}

void page_gap(struct page *pg)
{
	add(pg, PB_GAP);
}

void page_focus_here(struct page *pg)
{
	pg->focus = (int)pg->n;
}

struct page_block *page_row(struct page *pg, enum page_tone tone, size_t n,
			    const char *const *cells)
{
	struct page_block *b = add(pg, PB_ROW);
	if (!b)
		return NULL;
	b->tone = tone;
	for (size_t i = 0; i < n && i < PAGE_MAX_CELLS; i++)
		b->cells[i] = keep(pg, cells[i] ? cells[i] : "");
	return b;
}

struct page_block *page_input(struct page *pg, const char *label, char *buf,
			      size_t cap)
{
	struct page_block *b = add(pg, PB_INPUT);
	if (!b)
		return NULL;
	b->text = keep(pg, label);
	pg->input = buf;
	pg->input_cap = cap;
	return b;
}

struct page_block *page_input_secret(struct page *pg, const char *label,
				     char *buf, size_t cap)
{
	struct page_block *b = page_input(pg, label, buf, cap);
	if (b)
		pg->input_secret = true;
	return b;
}

void page_mark(struct page *pg, struct page_block *b, const char *mark)
{
	if (!b)
		return;
	free(b->mark);
	b->mark = keep(pg, mark);
}

void page_key(struct page *pg, enum ui_action act)
{
	if (pg->n_keys < UI_MAX_PAGE_KEYS)
		pg->keys[pg->n_keys++] = act;
}

size_t page_n_items(const struct page *pg)
{
	size_t n = 0;
	for (size_t i = 0; i < pg->n; i++)
		n += pg->blocks[i].kind == PB_ITEM;
	return n;
}

int page_item_block(const struct page *pg, size_t i)
{
	for (size_t k = 0; k < pg->n; k++)
		if (pg->blocks[k].kind == PB_ITEM && i-- == 0)
			return (int)k;
	return -1;
}

size_t page_row_widths(const struct page *pg, size_t first,
		       int w[PAGE_MAX_CELLS])
{
	size_t k = first;
	for (size_t c = 0; c < PAGE_MAX_CELLS; c++)
		w[c] = 0;
	for (; k < pg->n && pg->blocks[k].kind == PB_ROW; k++)
		for (size_t c = 0; c < PAGE_MAX_CELLS; c++) {
			const char *cell = pg->blocks[k].cells[c];
			int cw = cell ? ui_width(cell) : 0;
			if (cw > w[c])
				w[c] = cw;
		}
	return k - first;
}

void page_indent(struct page_block *b, int n)
{
	if (b)
		b->indent = n;
}
