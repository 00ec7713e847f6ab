/* page.h — what one step of the wizard shows, independent of how: a title,
 * paragraphs, choices, table rows, preformatted evidence, an input field and
 * the keys that work. The curses renderer (ui_curses.c) draws it on the
 * screen; the plain renderer (ui_plain.c) prints it as numbered lines.
 *
 * A page owns copies of every string given to it. In ASCII mode (a
 * terminal that cannot show UTF-8) every text is stored in its ASCII form,
 * so widths and both renderers need not care. */
#ifndef MD_PAGE_H
#define MD_PAGE_H

#include "core/base/attr.h"

#include "tui/ui_keys.h"

#include <stdbool.h>
#include <stddef.h>

enum page_kind {
	PB_TEXT,  /* a paragraph, wrapped to the width */
	PB_ITEM,  /* a choice the person can select (numbered in plain) */
	PB_ROW,	  /* a table row: cells aligned with the rows around it */
	PB_PRE,	  /* a line of evidence: wrapped, a path after a "/" or "\\" */
	PB_INPUT, /* a one-line field the person types into */
	PB_GAP,	  /* an empty line */
};

/* What a block means; renderers may colour it, but the words and the mark
 * always say it too. */
enum page_tone {
	TONE_NORMAL,
	TONE_GOOD,   /* works */
	TONE_BAD,    /* does not work */
	TONE_WARN,   /* works, but take care */
	TONE_STRONG, /* a heading or the thing to notice */
	TONE_DIM,    /* secondary: file names, technical words */
};

#define PAGE_MAX_CELLS 5

struct page_block {
	enum page_kind kind;
	enum page_tone tone;
	char *mark; /* a symbol and/or word before the text ("✓"), or NULL */
	char *text; /* PB_TEXT, PB_ITEM, PB_PRE, PB_INPUT (its label) */
	char *cells[PAGE_MAX_CELLS]; /* PB_ROW; unused cells NULL */
	int indent;		     /* columns of indentation */
	bool final; /* a live row that will not change any more */
};

struct page {
	char *title; /* e.g. "What we found" */
	int step;    /* 1..7 of the wizard, 0 for none (help, confirm) */
	int n_steps; /* 7 */
	struct page_block *blocks;
	size_t n, cap;
	int selected; /* index among PB_ITEM blocks, -1 for none */
	int focus;    /* a block to bring to the top when it appears (details
			 just opened), -1 for none */
	char *input;  /* PB_INPUT: the text typed so far (borrowed,
			 owned by the screen, input_cap bytes) */
	size_t input_cap;
	bool input_secret; /* the input is a password: shown as stars,
			      never echoed or printed */
	char *status;	   /* right side of the title line ("12 s"), or NULL */
	enum ui_action keys[UI_MAX_PAGE_KEYS]; /* shown on the bottom line */
	size_t n_keys;
	bool live;  /* the page changes by itself (running checks) */
	bool ascii; /* texts were stored in ASCII form */
	bool oom;   /* some text could not be stored */
};

/* Start an empty page (ascii: store texts in their ASCII form). */
void page_init(struct page *pg, bool ascii);

/* Free everything the page holds; it is empty afterwards (page_init
 * again to reuse it). */
void page_done(struct page *pg);

/* Set the title (printf-style). */
void page_title(struct page *pg, int step, const char *fmt, ...)
    MD_PRINTF(3, 4);

/* Set the status shown at the right of the title (printf-style). */
void page_status(struct page *pg, const char *fmt, ...) MD_PRINTF(2, 3);

/* Append a block (printf-style text) and return it for further settings
 * (tone, mark, indent), or NULL when out of memory. */
struct page_block *page_text(struct page *pg, enum page_tone tone,
			     const char *fmt, ...) MD_PRINTF(3, 4);
struct page_block *page_item(struct page *pg, const char *fmt, ...)
    MD_PRINTF(2, 3);
struct page_block *page_pre(struct page *pg, const char *fmt, ...)
    MD_PRINTF(2, 3);
void page_gap(struct page *pg);

/* The next block added is the page's focus (see struct page). */
void page_focus_here(struct page *pg);

/* A table row of n cells (n <= PAGE_MAX_CELLS; NULL cells are empty). */
struct page_block *page_row(struct page *pg, enum page_tone tone, size_t n,
			    const char *const *cells);

/* An input field with a label; buf (cap bytes, NUL-terminated) is edited
 * in place by the renderer and stays the caller's. */
struct page_block *page_input(struct page *pg, const char *label, char *buf,
			      size_t cap);

/* The same for a password: the renderers show a star per character and
 * never echo, print or keep what is typed. */
struct page_block *page_input_secret(struct page *pg, const char *label,
				     char *buf, size_t cap);

/* Indent block b (may be NULL, after running out of memory) by n. */
void page_indent(struct page_block *b, int n);

/* Give a block its mark (copied; NULL for none). */
void page_mark(struct page *pg, struct page_block *b, const char *mark);

/* Add a key to the bottom line (in the order given). */
void page_key(struct page *pg, enum ui_action act);

/* Column widths of the run of PB_ROW blocks that starts at block first:
 * w[c] gets the widest cell of column c (0 for unused columns). Returns
 * how many blocks the run has. */
size_t page_row_widths(const struct page *pg, size_t first,
		       int w[PAGE_MAX_CELLS]);

/* Number of PB_ITEM blocks, and the block index of the i-th one (-1). */
size_t page_n_items(const struct page *pg);
int page_item_block(const struct page *pg, size_t i);

#endif
