/* xbuf.c — a growable NUL-terminated text: appends double the room as
 * needed; a failed one sets oom and the later ones do nothing. */
#include "core/base/xbuf.h"

#include <stdlib.h>
#include <string.h>

void xbuf_add(struct xbuf *b, const char *s, size_t n)
{
	if (b->oom)
		return;
	if (b->n + n + 1 > b->cap) {
		size_t cap = b->cap ? b->cap : 256;
		while (cap < b->n + n + 1)
			cap *= 2;
		char *np = realloc(b->p, cap);
		if (!np) {
			b->oom = true;
			return;
		}
		b->p = np;
		b->cap = cap;
	}
	if (n)
		memcpy(b->p + b->n, s, n);
	b->n += n;
	b->p[b->n] = '\0';
}

void xbuf_adds(struct xbuf *b, const char *s)
{
	xbuf_add(b, s, strlen(s));
}

void xbuf_done(struct xbuf *b)
{
	free(b->p);
	memset(b, 0, sizeof *b);
}
