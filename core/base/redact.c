/* redact.c — the one redactor: which part of a line is a secret. The
 * dialogue's login grammar for lines we send (redact_sent()), the value
 * after a secret word for text a person reads (redact_text()). */
#include "core/base/redact.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

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

void redact_sent(const char *line, size_t len, bool in_secret, char *out,
		 size_t outsz)
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
			keep_then_redact(line, (size_t)(p4 - line), out, outsz);
		else
			snprintf(out, outsz, "%.*s", (int)len, line);
		return;
	}
	snprintf(out, outsz, "%.*s", (int)len, line);
}

/* Words after which the next token is a secret. */
static const char *const secret_words[] = {"AUTH", "password", "passwd",
					   "pass", "secret",   "token"};

/* A SASL mechanism name ("LOGIN", "CRAM-MD5"), not a credential. */
static bool is_mechanism(const char *s)
{
	size_t n = 0;
	while (s[n] && s[n] != ' ') {
		if (!isupper((unsigned char)s[n]) &&
		    !isdigit((unsigned char)s[n]) && s[n] != '-' && s[n] != '_')
			return false;
		n++;
	}
	return n > 0 && n <= 20;
}

char *redact_text(const char *line)
{
	size_t len = strlen(line);
	/* each redaction takes a word of 4+ letters, a separator and a
	 * value of 1+ characters, and writes "<redacted>" for the value */
	char *out = malloc(len + (len / 5 + 1) * 10 + 1);
	if (!out)
		return NULL;
	size_t o = 0, i = 0;
	while (i < len) {
		bool hit = false;
		for (size_t k = 0;
		     k < sizeof secret_words / sizeof *secret_words; k++) {
			size_t wl = strlen(secret_words[k]);
			if (strncasecmp(line + i, secret_words[k], wl) != 0 ||
			    (i > 0 && isalnum((unsigned char)line[i - 1])) ||
			    isalnum((unsigned char)line[i + wl]))
				continue;
			/* keep the word and what separates it; a value
			 * follows only after "=", ":" or a quote */
			size_t j = i + wl;
			bool sep = false;
			while (strchr(" =:\",", line[j]) && line[j]) {
				sep |= line[j] == '=' || line[j] == ':' ||
				       (j == i + wl && line[j] == '"');
				j++;
			}
			if (k > 0 && !sep)
				continue; /* a word in a sentence */
			/* AUTH keeps its mechanism name */
			if (k == 0) {
				size_t m = j;
				while (isupper((unsigned char)line[m]) ||
				       isdigit((unsigned char)line[m]) ||
				       line[m] == '-')
					m++;
				if (m == j ||
				    (line[m] != ' ' && line[m] != '\0'))
					continue; /* "AUTH" in a sentence */
				j = m;
				while (line[j] == ' ')
					j++;
			}
			if (line[j] == '\0' ||
			    strncmp(line + j, "<redacted>", 10) == 0)
				continue;
			if (k == 0 && is_mechanism(line + j))
				continue; /* "AUTH PLAIN LOGIN": a list */
			memcpy(out + o, line + i, j - i);
			o += j - i;
			memcpy(out + o, "<redacted>", 10);
			o += 10;
			while (line[j] && line[j] != ' ' && line[j] != '"' &&
			       line[j] != ',')
				j++;
			i = j;
			hit = true;
			break;
		}
		if (!hit)
			out[o++] = line[i++];
	}
	out[o] = '\0';
	return out;
}
