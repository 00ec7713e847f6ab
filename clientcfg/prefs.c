/* prefs.c — the lossless prefs.js reader and writer (grammar in prefs.h). */
#include "prefs.h"

#include "core/i18n.h"

#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PREFS_MAX_BYTES (256u << 20)

/* ---- the scanner --------------------------------------------------------- */

struct scan {
	const char *s;   /* the original bytes */
	size_t len;      /* up to the first NUL */
	size_t pos;
	unsigned line;
	char *arena;     /* where decoded strings go */
	size_t arena_pos;
	const char *error; /* first error of the current statement */
};

static bool at_eol(const struct scan *sc)
{
	return sc->pos < sc->len && (sc->s[sc->pos] == '\n' || sc->s[sc->pos] == '\r');
}

/* Step over one line end (\n, \r or \r\n), counting it once. */
static void skip_eol(struct scan *sc)
{
	if (sc->s[sc->pos] == '\r' && sc->pos + 1 < sc->len &&
	    sc->s[sc->pos + 1] == '\n')
		sc->pos++;
	sc->pos++;
	sc->line++;
}

/* Skip whitespace and comments. Returns false on an unterminated comment. */
static bool skip_space(struct scan *sc)
{
	while (sc->pos < sc->len) {
		char c = sc->s[sc->pos];
		if (c == ' ' || c == '\t' || c == '\v' || c == '\f') {
			sc->pos++;
		} else if (c == '\n' || c == '\r') {
			skip_eol(sc);
		} else if (c == '#' ||
			   (c == '/' && sc->pos + 1 < sc->len &&
			    sc->s[sc->pos + 1] == '/')) {
			while (sc->pos < sc->len && !at_eol(sc))
				sc->pos++;
		} else if (c == '/' && sc->pos + 1 < sc->len &&
			   sc->s[sc->pos + 1] == '*') {
			sc->pos += 2;
			for (;;) {
				if (sc->pos >= sc->len) {
					sc->error = N_("unterminated comment");
					return false;
				}
				if (sc->s[sc->pos] == '*' && sc->pos + 1 < sc->len &&
				    sc->s[sc->pos + 1] == '/') {
					sc->pos += 2;
					break;
				}
				if (at_eol(sc))
					skip_eol(sc);
				else
					sc->pos++;
			}
		} else {
			break;
		}
	}
	return true;
}

static bool expect(struct scan *sc, char c, const char *what)
{
	if (!skip_space(sc))
		return false;
	if (sc->pos < sc->len && sc->s[sc->pos] == c) {
		sc->pos++;
		return true;
	}
	sc->error = what;
	return false;
}

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Read n hex digits at pos into *v. */
static bool read_hex(struct scan *sc, int n, unsigned *v)
{
	*v = 0;
	for (int i = 0; i < n; i++) {
		if (sc->pos >= sc->len || hexval(sc->s[sc->pos]) < 0)
			return false;
		*v = *v * 16 + (unsigned)hexval(sc->s[sc->pos++]);
	}
	return true;
}

static void put_utf8(struct scan *sc, unsigned cp)
{
	char *o = sc->arena + sc->arena_pos;
	if (cp < 0x80) {
		o[0] = (char)cp;
		sc->arena_pos += 1;
	} else if (cp < 0x800) {
		o[0] = (char)(0xC0 | (cp >> 6));
		o[1] = (char)(0x80 | (cp & 0x3F));
		sc->arena_pos += 2;
	} else if (cp < 0x10000) {
		o[0] = (char)(0xE0 | (cp >> 12));
		o[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		o[2] = (char)(0x80 | (cp & 0x3F));
		sc->arena_pos += 3;
	} else {
		o[0] = (char)(0xF0 | (cp >> 18));
		o[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
		o[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
		o[3] = (char)(0x80 | (cp & 0x3F));
		sc->arena_pos += 4;
	}
}

/* One \uNNNN escape (the backslash-u already read), joining a surrogate
 * pair when a high surrogate is followed by \uDC00..\uDFFF. */
static bool read_unicode(struct scan *sc)
{
	unsigned cp;
	if (!read_hex(sc, 4, &cp)) {
		sc->error = N_("malformed \\u escape");
		return false;
	}
	if (cp >= 0xDC00 && cp <= 0xDFFF) {
		sc->error = N_("lone low surrogate in \\u escape");
		return false;
	}
	if (cp >= 0xD800 && cp <= 0xDBFF) {
		unsigned lo;
		if (sc->pos + 1 >= sc->len || sc->s[sc->pos] != '\\' ||
		    sc->s[sc->pos + 1] != 'u') {
			sc->error = N_("lone high surrogate in \\u escape");
			return false;
		}
		sc->pos += 2;
		if (!read_hex(sc, 4, &lo) || lo < 0xDC00 || lo > 0xDFFF) {
			sc->error = N_("invalid surrogate pair in \\u escape");
			return false;
		}
		cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
	}
	if (cp == 0) {
		sc->error = N_("\\u0000 is not allowed");
		return false;
	}
	put_utf8(sc, cp);
	return true;
}

/* A quoted string at pos, decoded into the arena; *out points at it. */
static bool read_string(struct scan *sc, const char **out)
{
	if (!skip_space(sc))
		return false;
	if (sc->pos >= sc->len ||
	    (sc->s[sc->pos] != '"' && sc->s[sc->pos] != '\'')) {
		sc->error = N_("expected a quoted string");
		return false;
	}
	char quote = sc->s[sc->pos++];
	char *start = sc->arena + sc->arena_pos;
	for (;;) {
		if (sc->pos >= sc->len) {
			sc->error = N_("unterminated string");
			return false;
		}
		char c = sc->s[sc->pos];
		if (c == quote) {
			sc->pos++;
			break;
		}
		if (c == '\n' || c == '\r') {
			/* Gecko keeps raw line ends inside strings. */
			size_t from = sc->pos;
			skip_eol(sc);
			memcpy(sc->arena + sc->arena_pos, sc->s + from,
			       sc->pos - from);
			sc->arena_pos += sc->pos - from;
			continue;
		}
		if (c != '\\') {
			sc->arena[sc->arena_pos++] = c;
			sc->pos++;
			continue;
		}
		sc->pos++;
		if (sc->pos >= sc->len) {
			sc->error = N_("unterminated string");
			return false;
		}
		char e = sc->s[sc->pos++];
		unsigned v;
		switch (e) {
		case '"':
		case '\'':
		case '\\':
			sc->arena[sc->arena_pos++] = e;
			break;
		case 'n':
			sc->arena[sc->arena_pos++] = '\n';
			break;
		case 'r':
			sc->arena[sc->arena_pos++] = '\r';
			break;
		case 'x':
			if (!read_hex(sc, 2, &v)) {
				sc->error = N_("malformed \\x escape");
				return false;
			}
			if (v == 0) {
				sc->error = N_("\\x00 is not allowed");
				return false;
			}
			sc->arena[sc->arena_pos++] = (char)v;
			break;
		case 'u':
			if (!read_unicode(sc))
				return false;
			break;
		default:
			sc->error = N_("unknown escape in string");
			return false;
		}
	}
	sc->arena[sc->arena_pos++] = '\0';
	*out = start;
	return true;
}

static bool is_ident(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9') || c == '_';
}

/* A keyword: letters and '_' as one word. */
static size_t word_len(const struct scan *sc)
{
	size_t n = 0;
	while (sc->pos + n < sc->len && is_ident(sc->s[sc->pos + n]))
		n++;
	return n;
}

static bool word_is(const struct scan *sc, size_t n, const char *w)
{
	return strlen(w) == n && memcmp(sc->s + sc->pos, w, n) == 0;
}

/* The value: string, integer, true or false. */
static bool read_value(struct scan *sc, struct prefs_entry *e)
{
	if (!skip_space(sc))
		return false;
	if (sc->pos >= sc->len) {
		sc->error = N_("expected a value");
		return false;
	}
	e->val_start = sc->pos;
	char c = sc->s[sc->pos];
	if (c == '"' || c == '\'') {
		e->type = PREFS_TYPE_STRING;
		if (!read_string(sc, &e->str))
			return false;
	} else if (c == '+' || c == '-' || (c >= '0' && c <= '9')) {
		bool neg = c == '-';
		if (c == '+' || c == '-')
			sc->pos++;
		long long v = 0;
		size_t digits = 0;
		while (sc->pos < sc->len && sc->s[sc->pos] >= '0' &&
		       sc->s[sc->pos] <= '9') {
			if (v <= 2147483648LL)
				v = v * 10 + (sc->s[sc->pos] - '0');
			sc->pos++;
			digits++;
		}
		if (digits == 0 || (sc->pos < sc->len && is_ident(sc->s[sc->pos]))) {
			sc->error = N_("malformed number");
			return false;
		}
		if (neg)
			v = -v;
		if (v < INT_MIN || v > INT_MAX) {
			sc->error = N_("number out of range");
			return false;
		}
		e->type = PREFS_TYPE_INT;
		e->ival = (long)v;
	} else {
		size_t n = word_len(sc);
		if (word_is(sc, n, "true") || word_is(sc, n, "false")) {
			e->type = PREFS_TYPE_BOOL;
			e->bval = word_is(sc, n, "true");
			sc->pos += n;
		} else {
			sc->error = N_("expected a string, number, true or false");
			return false;
		}
	}
	e->val_end = sc->pos;
	return true;
}

/* One statement from pos; false (with sc->error) on a syntax error. */
static bool read_statement(struct scan *sc, struct prefs_entry *e)
{
	size_t n = word_len(sc);
	if (word_is(sc, n, "user_pref"))
		e->kind = PREFS_KIND_USER;
	else if (word_is(sc, n, "pref"))
		e->kind = PREFS_KIND_DEFAULT;
	else if (word_is(sc, n, "sticky_pref"))
		e->kind = PREFS_KIND_STICKY;
	else {
		sc->error = N_("expected user_pref, pref or sticky_pref");
		return false;
	}
	sc->pos += n;
	if (!expect(sc, '(', N_("expected '('")))
		return false;
	if (!read_string(sc, &e->name))
		return false;
	if (!expect(sc, ',', N_("expected ','")))
		return false;
	if (!read_value(sc, e))
		return false;
	for (;;) {
		if (!skip_space(sc))
			return false;
		if (sc->pos < sc->len && sc->s[sc->pos] == ',') {
			sc->pos++;
			if (!skip_space(sc))
				return false;
			size_t w = word_len(sc);
			if (word_is(sc, w, "sticky"))
				e->sticky = true;
			else if (word_is(sc, w, "locked"))
				e->locked = true;
			else {
				sc->error = N_("expected sticky or locked");
				return false;
			}
			sc->pos += w;
			continue;
		}
		break;
	}
	if (!expect(sc, ')', N_("expected ')'")))
		return false;
	if (!expect(sc, ';', N_("expected ';'")))
		return false;
	e->end = sc->pos;
	return true;
}

/* After an error: go past the next ';' (or to the end), counting lines. */
static void skip_to_semicolon(struct scan *sc)
{
	while (sc->pos < sc->len && sc->s[sc->pos] != ';') {
		if (at_eol(sc))
			skip_eol(sc);
		else
			sc->pos++;
	}
	if (sc->pos < sc->len)
		sc->pos++;
}

static bool add_issue(struct prefs_file *pf, unsigned line, const char *what)
{
	if ((pf->n_issues & (pf->n_issues - 1)) == 0) {
		size_t cap = pf->n_issues ? pf->n_issues * 2 : 4;
		struct prefs_issue *p = realloc(pf->issues, cap * sizeof *p);
		if (!p)
			return false;
		pf->issues = p;
	}
	struct prefs_issue *is = &pf->issues[pf->n_issues++];
	is->line = line;
	snprintf(is->what, sizeof is->what, "%s", what);
	return true;
}

static struct prefs_entry *add_entry(struct prefs_file *pf)
{
	size_t n = pf->n_entries;
	if (n == 0 || (n & (n - 1)) == 0) {
		size_t cap = n ? n * 2 : 64;
		struct prefs_entry *p = realloc(pf->entries, cap * sizeof *p);
		if (!p)
			return NULL;
		pf->entries = p;
	}
	struct prefs_entry *e = &pf->entries[pf->n_entries++];
	memset(e, 0, sizeof *e);
	return e;
}

static bool detect_crlf(const char *s, size_t len)
{
	const char *nl = memchr(s, '\n', len);
	return nl && nl > s && nl[-1] == '\r';
}

enum md_status prefs_parse(const char *buf, size_t len, const char *path,
			   struct prefs_file **out, struct md_err *err)
{
	*out = NULL;
	if (len > PREFS_MAX_BYTES)
		return md_err_set(err, MD_ERR_TOOBIG, path, 0,
				  _("the file is larger than 256 MiB"));
	struct prefs_file *pf = calloc(1, sizeof *pf);
	if (!pf)
		return md_err_set(err, MD_ERR_NOMEM, path, 0, NULL);
	pf->buf = malloc(len + 1);
	pf->arena = malloc(len + 1);
	pf->path = path ? strdup(path) : NULL;
	if (!pf->buf || !pf->arena || (path && !pf->path)) {
		prefs_free(pf);
		return md_err_set(err, MD_ERR_NOMEM, path, 0, NULL);
	}
	memcpy(pf->buf, buf, len);
	pf->buf[len] = '\0';
	pf->len = len;
	pf->crlf = detect_crlf(buf, len);

	/* A NUL byte ends the file for Gecko; the bytes after it are kept. */
	const char *nul = memchr(buf, '\0', len);
	struct scan sc = {.s = pf->buf,
			  .len = nul ? (size_t)(nul - buf) : len,
			  .line = 1,
			  .arena = pf->arena};
	for (;;) {
		sc.error = NULL;
		if (!skip_space(&sc)) {
			if (!add_issue(pf, sc.line, sc.error))
				goto nomem;
			break;
		}
		if (sc.pos >= sc.len)
			break;
		size_t arena_mark = sc.arena_pos;
		struct prefs_entry tmp = {.start = sc.pos, .line = sc.line};
		if (read_statement(&sc, &tmp)) {
			struct prefs_entry *e = add_entry(pf);
			if (!e)
				goto nomem;
			*e = tmp;
			continue;
		}
		unsigned line = tmp.line;
		sc.arena_pos = arena_mark;
		if (!add_issue(pf, line, sc.error))
			goto nomem;
		skip_to_semicolon(&sc);
	}
	*out = pf;
	return MD_OK;
nomem:
	prefs_free(pf);
	return md_err_set(err, MD_ERR_NOMEM, path, 0, NULL);
}

enum md_status prefs_load(const char *path, struct prefs_file **out,
			  struct md_err *err)
{
	*out = NULL;
	FILE *f = fopen(path, "rb");
	if (!f)
		return md_err_sys(err, errno == ENOENT ? MD_ERR_NOTFOUND : MD_ERR_IO,
				  errno, path, _("cannot open %s: %s"), path,
				  strerror(errno));
	size_t cap = 1 << 16, len = 0;
	char *buf = malloc(cap);
	while (buf) {
		if (len == cap) {
			if (cap > PREFS_MAX_BYTES) {
				free(buf);
				fclose(f);
				return md_err_set(err, MD_ERR_TOOBIG, path, 0,
						  _("%s is larger than 256 MiB"),
						  path);
			}
			char *nb = realloc(buf, cap * 2);
			if (!nb) {
				free(buf);
				buf = NULL;
				break;
			}
			buf = nb;
			cap *= 2;
		}
		size_t n = fread(buf + len, 1, cap - len, f);
		len += n;
		if (n == 0)
			break;
	}
	if (!buf) {
		fclose(f);
		return md_err_set(err, MD_ERR_NOMEM, path, 0, NULL);
	}
	if (ferror(f)) {
		int e = errno;
		free(buf);
		fclose(f);
		return md_err_sys(err, MD_ERR_IO, e, path, _("cannot read %s: %s"),
				  path, strerror(e));
	}
	fclose(f);
	enum md_status st = prefs_parse(buf, len, path, out, err);
	free(buf);
	return st;
}

void prefs_free(struct prefs_file *pf)
{
	if (!pf)
		return;
	for (size_t i = 0; i < pf->n_entries; i++)
		free(pf->entries[i].owned);
	free(pf->entries);
	free(pf->issues);
	free(pf->arena);
	free(pf->buf);
	free(pf->path);
	free(pf);
}

/* ---- look-ups ------------------------------------------------------------ */

static struct prefs_entry *find_last(const struct prefs_file *pf,
				     const char *name)
{
	for (size_t i = pf->n_entries; i-- > 0;) {
		struct prefs_entry *e = &pf->entries[i];
		if (!e->removed && strcmp(e->name, name) == 0)
			return e;
	}
	return NULL;
}

const struct prefs_entry *prefs_find(const struct prefs_file *pf,
				     const char *name)
{
	return find_last(pf, name);
}

const char *prefs_get_str(const struct prefs_file *pf, const char *name)
{
	const struct prefs_entry *e = find_last(pf, name);
	return e && e->type == PREFS_TYPE_STRING ? e->str : NULL;
}

bool prefs_get_int(const struct prefs_file *pf, const char *name, long *out)
{
	const struct prefs_entry *e = find_last(pf, name);
	if (!e || e->type != PREFS_TYPE_INT)
		return false;
	*out = e->ival;
	return true;
}

/* ---- edits --------------------------------------------------------------- */

char *prefs_quote(const char *value)
{
	size_t n = 3;
	for (const char *p = value; *p; p++)
		n += (*p == '\n' || *p == '\r' || *p == '\\' || *p == '"') ? 2 : 1;
	char *q = malloc(n), *o = q;
	if (!q)
		return NULL;
	*o++ = '"';
	for (const char *p = value; *p; p++) {
		switch (*p) {
		case '\n':
			*o++ = '\\';
			*o++ = 'n';
			break;
		case '\r':
			*o++ = '\\';
			*o++ = 'r';
			break;
		case '\\':
		case '"':
			*o++ = '\\';
			*o++ = *p;
			break;
		default:
			*o++ = *p;
		}
	}
	*o++ = '"';
	*o = '\0';
	return q;
}

/* The entry to change for name: the winning one, or a new one to add. The
 * entry's owned buffer holds "name\0value\0". */
static enum md_status set_value(struct prefs_file *pf, const char *name,
				enum prefs_type type, const char *str,
				long ival, bool bval, struct md_err *err)
{
	struct prefs_entry *e = find_last(pf, name);
	size_t nlen = strlen(name), slen = str ? strlen(str) : 0;
	char *owned = malloc(nlen + slen + 2);
	if (!owned)
		return md_err_set(err, MD_ERR_NOMEM, pf->path, 0, NULL);
	memcpy(owned, name, nlen + 1);
	memcpy(owned + nlen + 1, str ? str : "", slen + 1);
	if (!e) {
		e = add_entry(pf);
		if (!e) {
			free(owned);
			return md_err_set(err, MD_ERR_NOMEM, pf->path, 0, NULL);
		}
		e->kind = PREFS_KIND_USER;
		e->start = e->end = e->val_start = e->val_end = SIZE_MAX;
		pf->n_added++;
	}
	free(e->owned);
	e->owned = owned;
	e->name = owned;
	e->type = type;
	e->str = type == PREFS_TYPE_STRING ? owned + nlen + 1 : NULL;
	e->ival = ival;
	e->bval = bval;
	e->edited = true;
	return MD_OK;
}

enum md_status prefs_set_str(struct prefs_file *pf, const char *name,
			     const char *value, struct md_err *err)
{
	return set_value(pf, name, PREFS_TYPE_STRING, value, 0, false, err);
}

enum md_status prefs_set_int(struct prefs_file *pf, const char *name,
			     long value, struct md_err *err)
{
	return set_value(pf, name, PREFS_TYPE_INT, NULL, value, false, err);
}

enum md_status prefs_set_bool(struct prefs_file *pf, const char *name,
			      bool value, struct md_err *err)
{
	return set_value(pf, name, PREFS_TYPE_BOOL, NULL, 0, value, err);
}

void prefs_unset(struct prefs_file *pf, const char *name)
{
	for (size_t i = 0; i < pf->n_entries; i++)
		if (strcmp(pf->entries[i].name, name) == 0)
			pf->entries[i].removed = true;
}

/* ---- writing ------------------------------------------------------------- */

struct out {
	char *p;
	size_t len, cap;
	bool failed;
};

static void put(struct out *o, const char *s, size_t n)
{
	if (o->failed)
		return;
	if (o->len + n + 1 > o->cap) {
		size_t cap = o->cap ? o->cap : 256;
		while (cap < o->len + n + 1)
			cap *= 2;
		char *np = realloc(o->p, cap);
		if (!np) {
			o->failed = true;
			return;
		}
		o->p = np;
		o->cap = cap;
	}
	memcpy(o->p + o->len, s, n);
	o->len += n;
}

static void put_str(struct out *o, const char *s)
{
	put(o, s, strlen(s));
}

static void put_value(struct out *o, const struct prefs_entry *e)
{
	char num[32];
	switch (e->type) {
	case PREFS_TYPE_STRING: {
		char *q = prefs_quote(e->str);
		if (!q) {
			o->failed = true;
			return;
		}
		put_str(o, q);
		free(q);
		break;
	}
	case PREFS_TYPE_INT:
		snprintf(num, sizeof num, "%ld", e->ival);
		put_str(o, num);
		break;
	case PREFS_TYPE_BOOL:
		put_str(o, e->bval ? "true" : "false");
		break;
	}
}

/* A new statement, as Gecko writes it: user_pref("name", value); EOL. */
static void put_new_line(struct out *o, const struct prefs_entry *e, bool crlf)
{
	char *qn = prefs_quote(e->name);
	if (!qn) {
		o->failed = true;
		return;
	}
	put_str(o, "user_pref(");
	put_str(o, qn);
	put_str(o, ", ");
	put_value(o, e);
	put_str(o, ");");
	put_str(o, crlf ? "\r\n" : "\n");
	free(qn);
}

/* Where a removed statement's bytes end: its own line end too, when the
 * statement is alone on its line. */
static size_t removal_end(const struct prefs_file *pf, const struct prefs_entry *e)
{
	size_t p = e->end;
	if (p < pf->len && pf->buf[p] == '\r')
		p++;
	if (p < pf->len && pf->buf[p] == '\n')
		p++;
	bool line_start = e->start == 0 || pf->buf[e->start - 1] == '\n' ||
			  pf->buf[e->start - 1] == '\r';
	return line_start ? p : e->end;
}

/* Start of the line holding byte pos. */
static size_t line_start(const struct prefs_file *pf, size_t pos)
{
	while (pos > 0 && pf->buf[pos - 1] != '\n' && pf->buf[pos - 1] != '\r')
		pos--;
	return pos;
}

/* The original user_pref statement before which a new name sorts (byte
 * order, as Gecko sorts), or NULL to append at the end. */
static const struct prefs_entry *insert_before(const struct prefs_file *pf,
					       const char *name)
{
	for (size_t i = 0; i < pf->n_entries; i++) {
		const struct prefs_entry *e = &pf->entries[i];
		if (e->start == SIZE_MAX || e->kind != PREFS_KIND_USER)
			continue;
		if (strcmp(e->name, name) > 0)
			return e;
	}
	return NULL;
}

enum md_status prefs_render(const struct prefs_file *pf, char **outp,
			    size_t *outlen, struct md_err *err)
{
	struct out o = {0};
	size_t pos = 0;
	size_t n_orig = pf->n_entries - pf->n_added;

	for (size_t i = 0; i < n_orig; i++) {
		const struct prefs_entry *e = &pf->entries[i];
		/* New statements that sort before this one go on its line. */
		for (size_t k = n_orig; k < pf->n_entries; k++) {
			const struct prefs_entry *ne = &pf->entries[k];
			if (ne->removed || insert_before(pf, ne->name) != e)
				continue;
			size_t ls = line_start(pf, e->start);
			if (ls < pos)
				ls = pos;
			put(&o, pf->buf + pos, ls - pos);
			pos = ls;
			put_new_line(&o, ne, pf->crlf);
		}
		if (e->removed) {
			size_t ls = line_start(pf, e->start);
			size_t from = (ls >= pos && removal_end(pf, e) != e->end)
					      ? ls
					      : e->start;
			put(&o, pf->buf + pos, from - pos);
			pos = removal_end(pf, e);
			continue;
		}
		if (!e->edited)
			continue;
		put(&o, pf->buf + pos, e->val_start - pos);
		put_value(&o, e);
		pos = e->val_end;
	}
	put(&o, pf->buf + pos, pf->len - pos);
	/* New statements that sort after every existing one. */
	bool need_eol = o.len > 0 && o.p[o.len - 1] != '\n' && o.p[o.len - 1] != '\r';
	for (size_t k = n_orig; k < pf->n_entries; k++) {
		const struct prefs_entry *ne = &pf->entries[k];
		if (ne->removed || insert_before(pf, ne->name))
			continue;
		if (need_eol) {
			put_str(&o, pf->crlf ? "\r\n" : "\n");
			need_eol = false;
		}
		put_new_line(&o, ne, pf->crlf);
	}
	put(&o, "", 0);
	if (o.failed) {
		free(o.p);
		return md_err_set(err, MD_ERR_NOMEM, pf->path, 0, NULL);
	}
	if (!o.p) {
		o.p = malloc(1);
		if (!o.p)
			return md_err_set(err, MD_ERR_NOMEM, pf->path, 0, NULL);
	}
	o.p[o.len] = '\0';
	*outp = o.p;
	*outlen = o.len;
	return MD_OK;
}
