/* xbuf.h — a growable NUL-terminated text (the bounce reader's parts, a
 * filled-in template). */
#ifndef MD_XBUF_H
#define MD_XBUF_H

#include <stdbool.h>
#include <stddef.h>

/* Zero it to start; p is NULL until the first append, then always
 * NUL-terminated, n bytes before the NUL. oom: an append failed (the text
 * is then incomplete and later appends do nothing). The owner frees p,
 * with xbuf_done() or free(). */
struct xbuf {
	char *p;
	size_t n, cap;
	bool oom;
};

/* Append n bytes of s (n may be 0). */
void xbuf_add(struct xbuf *b, const char *s, size_t n);

/* Append the string s. */
void xbuf_adds(struct xbuf *b, const char *s);

/* Free the text and zero b. */
void xbuf_done(struct xbuf *b);

#endif
