/* transcript.c — bounded, redacted record of one connection's dialogue. */
#include "core/net/transcript.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

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

/* Length of the word starting at p (up to end), stopping at a space. */
static size_t word_len(const char *p, const char *end)
{
	size_t n = 0;
	while (p + n < end && p[n] != ' ')
		n++;
	return n;
}

static bool word_is(const char *p, size_t n, const char *w)
{
	return n == strlen(w) && strncasecmp(p, w, n) == 0;
}

/* Copy the first keep bytes of line and append " <redacted>". */
static void keep_then_redact(const char *line, size_t keep, char *out,
			     size_t outsz)
{
	snprintf(out, outsz, "%.*s <redacted>", (int)keep, line);
}

void transcript_redact(const char *line, size_t len, bool in_secret,
		       char *out, size_t outsz)
{
	const char *end = line + len;
	if (outsz == 0)
		return;
	if (in_secret) {
		snprintf(out, outsz, "<redacted>");
		return;
	}
	size_t w1 = word_len(line, end);
	const char *p2 = line + w1 + (line + w1 < end ? 1 : 0);
	size_t w2 = p2 < end ? word_len(p2, end) : 0;
	const char *p3 = p2 + w2 + (p2 + w2 < end ? 1 : 0);
	size_t w3 = p3 < end ? word_len(p3, end) : 0;

	/* SMTP "AUTH MECH [initial]", POP3 "AUTH MECH [initial]". */
	if (word_is(line, w1, "AUTH")) {
		if (p3 < end)
			keep_then_redact(line, (size_t)(p2 + w2 - line), out,
					 outsz);
		else
			snprintf(out, outsz, "%.*s", (int)len, line);
		return;
	}
	/* POP3 "PASS secret", "APOP user digest". */
	if (word_is(line, w1, "PASS") || word_is(line, w1, "APOP")) {
		keep_then_redact(line, w1, out, outsz);
		return;
	}
	/* IMAP "tag LOGIN user pass", "tag AUTHENTICATE MECH [initial]". */
	if (word_is(p2, w2, "LOGIN") && p2 < end) {
		keep_then_redact(line, (size_t)(p2 + w2 - line), out, outsz);
		return;
	}
	if (word_is(p2, w2, "AUTHENTICATE") && p3 < end) {
		const char *p4 = p3 + w3;
		if (p4 < end)
			keep_then_redact(line, (size_t)(p4 - line), out,
					 outsz);
		else
			snprintf(out, outsz, "%.*s", (int)len, line);
		return;
	}
	snprintf(out, outsz, "%.*s", (int)len, line);
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

void transcript_note(struct transcript *t, uint64_t now, const char *fmt,
		     ...)
{
	char buf[TRANSCRIPT_LINE_MAX];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	transcript_add(t, now, TRANSCRIPT_NOTE, buf, strlen(buf));
}
