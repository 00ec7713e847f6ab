/* outlook_text.c — Outlook files' bytes to checked UTF-8 text and lines. */
#include "clientcfg/outlook/outlook_private.h"

#include "core/base/compat.h"
#include "core/base/i18n.h"

#include <errno.h>
#include <iconv.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

const char *outlook_name(const char *name)
{
	return name ? name : "-";
}

/* Convert inlen bytes from the encoding `from` to UTF-8 in a new buffer of
 * up to inlen * grow bytes. Returns 0, or the errno of the failure (EILSEQ,
 * EINVAL for an incomplete end, ENOMEM) with the output done so far. */
static int convert(const char *from, const char *in, size_t inlen, size_t grow,
		   char **out, size_t *outlen)
{
	*out = NULL;
	*outlen = 0;
	size_t cap = inlen * grow + 4;
	char *o = malloc(cap);
	if (!o)
		return ENOMEM;
	iconv_t cd = iconv_open("UTF-8", from);
	if (cd == (iconv_t)-1) {
		free(o);
		return ENOMEM;
	}
	char *ip = (char *)in, *op = o;
	size_t il = inlen, ol = cap - 1;
	int e = 0;
	if (iconv(cd, &ip, &il, &op, &ol) == (size_t)-1)
		e = errno == E2BIG ? EILSEQ : errno;
	iconv_close(cd);
	*op = '\0';
	*out = o;
	*outlen = (size_t)(op - o);
	return e;
}

/* The number of the line at byte n of s; with cut, of the last line with
 * text before n (a cut often falls inside a line end). */
static unsigned line_at(const char *s, size_t n, bool cut)
{
	unsigned line = 1;
	while (cut && n > 0 && (s[n - 1] == '\n' || s[n - 1] == '\r'))
		n--;
	for (size_t i = 0; i < n; i++)
		if (s[i] == '\n' ||
		    (s[i] == '\r' && (i + 1 >= n || s[i + 1] != '\n')))
			line++;
	return line;
}

/* Refuse NULs inside the text and overlong lines. */
static enum md_status check_text(const struct outlook_text *t, const char *name,
				 struct md_err *err)
{
	unsigned line = 1;
	size_t start = 0;
	for (size_t i = 0; i <= t->len; i++) {
		char c = i < t->len ? t->s[i] : '\n';
		if (c == '\0')
			return md_err_set(err, MD_ERR_PARSE, name, line,
					  _("In %s, line %u contains a NUL "
					    "character, so it is not a text "
					    "file."),
					  outlook_name(name), line);
		if (c != '\n' && c != '\r')
			continue;
		if (i - start > OUTLOOK_MAX_LINE)
			return md_err_set(err, MD_ERR_TOOBIG, name, line,
					  _("In %s, line %u is longer than "
					    "%u MiB."),
					  outlook_name(name), line,
					  OUTLOOK_MAX_LINE >> 20);
		if (c == '\r' && i + 1 < t->len && t->s[i + 1] == '\n')
			i++;
		start = i + 1;
		line++;
	}
	return MD_OK;
}

static bool valid_utf8(const char *s, size_t len)
{
	char *o;
	size_t olen;
	int e = convert("UTF-8", s, len, 1, &o, &olen);
	free(o);
	return e == 0;
}

enum md_status outlook_text_decode(const char *buf, size_t len,
				   const char *name, struct outlook_text *out,
				   struct md_err *err)
{
	const unsigned char *b = (const unsigned char *)buf;
	const char *from = NULL;
	size_t skip = 0;
	memset(out, 0, sizeof *out);
	if (len >= 2 && b[0] == 0xFF && b[1] == 0xFE)
		from = "UTF-16LE", skip = 2;
	else if (len >= 2 && b[0] == 0xFE && b[1] == 0xFF)
		from = "UTF-16BE", skip = 2;
	else if (len >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF)
		from = "UTF-8", skip = 3;
	else if (len >= 2 && b[0] != 0 && b[1] == 0)
		from = "UTF-16LE";
	else if (len >= 2 && b[0] == 0 && b[1] != 0)
		from = "UTF-16BE";
	else
		from = valid_utf8(buf, len) ? "UTF-8" : "CP932";
	out->utf16 = from[4] == '1';

	size_t n = len - skip;
	bool odd = out->utf16 && n % 2;
	if (odd)
		n--;
	int e = convert(from, buf + skip, n, out->utf16 ? 2 : 3, &out->s,
			&out->len);
	if (e == ENOMEM) {
		outlook_text_done(out);
		return md_err_set(err, MD_ERR_NOMEM, name, 0, NULL);
	}
	if (e || odd) {
		bool cut = out->utf16 && (odd || e == EINVAL);
		unsigned line = line_at(out->s, out->len, odd);
		enum md_status st;
		if (cut)
			st =
			    md_err_set(err, MD_ERR_PARSE, name, line,
				       _("In %s, line %u ends in the middle of "
					 "a UTF-16 character, so the file is "
					 "cut short."),
				       outlook_name(name), line);
		else if (out->utf16)
			st = md_err_set(err, MD_ERR_PARSE, name, line,
					_("In %s, line %u is not valid UTF-16 "
					  "text."),
					outlook_name(name), line);
		else
			st = md_err_set(err, MD_ERR_PARSE, name, line,
					_("In %s, line %u is neither UTF-8 nor "
					  "Japanese Windows (CP932) text."),
					outlook_name(name), line);
		outlook_text_done(out);
		return st;
	}
	while (out->len > 0 && out->s[out->len - 1] == '\0')
		out->len--;
	out->s[out->len] = '\0';
	enum md_status st = check_text(out, name, err);
	if (st != MD_OK)
		outlook_text_done(out);
	return st;
}

void outlook_text_done(struct outlook_text *t)
{
	if (t->s)
		explicit_bzero(t->s, t->len);
	free(t->s);
	t->s = NULL;
	t->len = 0;
}

char *outlook_utf16le_to_utf8(const unsigned char *p, size_t len, bool *nomem)
{
	*nomem = false;
	if (len % 2)
		return NULL;
	size_t n = 0;
	while (n < len && (p[n] || p[n + 1]))
		n += 2;
	char *o;
	size_t olen;
	int e = convert("UTF-16LE", (const char *)p, n, 2, &o, &olen);
	if (e) {
		*nomem = e == ENOMEM;
		free(o);
		return NULL;
	}
	return o;
}

void outlook_lines_init(struct outlook_lines *l, const struct outlook_text *t)
{
	l->s = t->s;
	l->len = t->len;
	l->pos = 0;
	l->line = 0;
}

bool outlook_lines_next(struct outlook_lines *l, const char **p, size_t *n)
{
	if (l->pos >= l->len)
		return false;
	size_t start = l->pos, end = start;
	while (end < l->len && l->s[end] != '\n' && l->s[end] != '\r')
		end++;
	l->pos = end;
	if (end < l->len) {
		bool crlf = l->s[end] == '\r' && end + 1 < l->len &&
			    l->s[end + 1] == '\n';
		l->pos = end + (crlf ? 2 : 1);
	}
	l->line++;
	*p = l->s + start;
	*n = end - start;
	return true;
}

void outlook_trim(const char **p, size_t *n)
{
	while (*n > 0 && (**p == ' ' || **p == '\t')) {
		(*p)++;
		(*n)--;
	}
	while (*n > 0 && ((*p)[*n - 1] == ' ' || (*p)[*n - 1] == '\t'))
		(*n)--;
}

bool outlook_eqin(const char *a, const char *b, size_t n)
{
	return md_caseeq(a, b, n);
}

bool outlook_eqi(const char *a, size_t n, const char *b)
{
	return strnlen(b, n + 1) == n && outlook_eqin(a, b, n);
}

int outlook_hexdigit(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

bool outlook_parse_number(const char *s, long *out)
{
	static const char *const truth[] = {"true", "yes", "on"};
	static const char *const untruth[] = {"false", "no", "off"};
	size_t n = strlen(s);
	for (size_t i = 0; i < 3; i++) {
		if (outlook_eqi(s, n, truth[i])) {
			*out = 1;
			return true;
		}
		if (outlook_eqi(s, n, untruth[i])) {
			*out = 0;
			return true;
		}
	}
	int base = 10;
	if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
		base = 16;
		s += 2;
	}
	if (!*s)
		return false;
	uint64_t v = 0;
	for (; *s; s++) {
		int d = outlook_hexdigit(*s);
		if (d < 0 || d >= base)
			return false;
		v = v * (unsigned)base + (unsigned)d;
		if (v > UINT32_MAX)
			return false;
	}
	*out = (long)v;
	return true;
}
