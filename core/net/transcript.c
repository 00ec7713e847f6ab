/* transcript.c — bounded, redacted record of one connection's dialogue. */
#include "core/net/transcript.h"

#include "core/base/redact.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void transcript_init(struct transcript *t, uint64_t t0)
{
	memset(t, 0, sizeof *t);
	t->t0 = t0;
}

void transcript_done(struct transcript *t)
{
	if (!t)
		return;
	for (size_t i = 0; i < t->n; i++)
		free(t->lines[i].text);
	free(t->lines);
	uint64_t t0 = t->t0;
	memset(t, 0, sizeof *t);
	t->t0 = t0;
}

void transcript_redact(const char *line, size_t len, bool in_secret, char *out,
		       size_t outsz)
{
	redact_sent(line, len, in_secret, out, outsz);
}

/* Make text printable: control bytes and DEL become \xNN; cut at
 * TRANSCRIPT_LINE_MAX bytes of output. */
static char *printable(const char *text, size_t len)
{
	size_t cap = TRANSCRIPT_LINE_MAX + 8;
	char *s = malloc(cap);
	if (!s)
		return NULL;
	size_t o = 0;
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)text[i];
		if (o + 5 >= TRANSCRIPT_LINE_MAX) {
			memcpy(s + o, "...", 3);
			o += 3;
			break;
		}
		if (c < 0x20 || c == 0x7f) {
			o += (size_t)snprintf(s + o, cap - o, "\\x%02x", c);
			continue;
		}
		s[o++] = (char)c;
	}
	s[o] = '\0';
	return s;
}

void transcript_add(struct transcript *t, uint64_t now, char dir,
		    const char *text, size_t len)
{
	char safe[TRANSCRIPT_LINE_MAX + 64];
	if (!t)
		return;
	if (dir == TRANSCRIPT_SENT) {
		transcript_redact(text, len, t->secret, safe, sizeof safe);
		text = safe;
		len = strlen(safe);
	}
	if (t->n >= TRANSCRIPT_MAX_LINES || t->bytes >= TRANSCRIPT_MAX_BYTES) {
		t->dropped++;
		return;
	}
	if (t->n == t->cap) {
		size_t n = t->cap ? t->cap * 2 : 16;
		struct transcript_line *l = realloc(t->lines, n * sizeof *l);
		if (!l) {
			t->dropped++;
			return;
		}
		t->lines = l;
		t->cap = n;
	}
	char *s = printable(text, len);
	if (!s) {
		t->dropped++;
		return;
	}
	struct transcript_line *l = &t->lines[t->n++];
	l->ms = now > t->t0 ? (uint32_t)(now - t->t0) : 0;
	l->dir = dir;
	l->text = s;
	t->bytes += strlen(s);
}

void transcript_note(struct transcript *t, uint64_t now, const char *fmt, ...)
{
	char buf[TRANSCRIPT_LINE_MAX];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	transcript_add(t, now, TRANSCRIPT_NOTE, buf, strlen(buf));
}
