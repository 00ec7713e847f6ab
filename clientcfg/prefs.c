/* prefs.c — the lossless prefs.js reader and writer (grammar in prefs.h). */
#include "prefs.h"
#include "prefs_private.h"

#include "core/i18n.h"

#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

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

struct prefs_entry *prefs_add_entry(struct prefs_file *pf)
{
	if (pf->n_entries == pf->cap_entries) {
		size_t cap = pf->cap_entries ? pf->cap_entries * 2 : 16;
		struct prefs_entry *p = realloc(pf->entries, cap * sizeof *p);
		if (!p)
			return NULL;
		pf->entries = p;
		pf->cap_entries = cap;
	}
	struct prefs_entry *e = &pf->entries[pf->n_entries++];
	memset(e, 0, sizeof *e);
	return e;
}

/* Room for every statement at once: there is at most one per ';'. */
static bool reserve_entries(struct prefs_file *pf, const char *s, size_t len)
{
	size_t n = 1;
	for (const char *p = s, *end = s + len;
	     (p = memchr(p, ';', (size_t)(end - p))) != NULL; p++)
		n++;
	pf->entries = malloc(n * sizeof *pf->entries);
	pf->cap_entries = pf->entries ? n : 0;
	return pf->entries != NULL;
}

static bool detect_crlf(const char *s, size_t len)
{
	const char *nl = memchr(s, '\n', len);
	return nl && nl > s && nl[-1] == '\r';
}

/* Parse buf (len bytes, malloc'd with one spare byte), taking it over. */
static enum md_status parse_owned(char *buf, size_t len, const char *path,
				  struct prefs_file **out, struct md_err *err)
{
	*out = NULL;
	struct prefs_file *pf = calloc(1, sizeof *pf);
	if (!pf) {
		free(buf);
		return md_err_set(err, MD_ERR_NOMEM, path, 0, NULL);
	}
	pf->buf = buf;
	pf->buf[len] = '\0';
	pf->len = len;
	pf->arena = malloc(len + 1);
	pf->path = path ? strdup(path) : NULL;
	if (!pf->arena || (path && !pf->path) ||
	    !reserve_entries(pf, buf, len)) {
		prefs_free(pf);
		return md_err_set(err, MD_ERR_NOMEM, path, 0, NULL);
	}
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
			struct prefs_entry *e = prefs_add_entry(pf);
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

enum md_status prefs_parse(const char *buf, size_t len, const char *path,
			   struct prefs_file **out, struct md_err *err)
{
	*out = NULL;
	if (len > PREFS_MAX_BYTES)
		return md_err_set(err, MD_ERR_TOOBIG, path, 0,
				  _("the file is larger than 256 MiB"));
	char *copy = malloc(len + 1);
	if (!copy)
		return md_err_set(err, MD_ERR_NOMEM, path, 0, NULL);
	memcpy(copy, buf, len);
	return parse_owned(copy, len, path, out, err);
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
	/* Read to the end whatever the size says (it may be a pipe or grow),
	 * starting with room for the whole file. */
	struct stat st;
	size_t cap = fstat(fileno(f), &st) == 0 && st.st_size > 0
			     ? (size_t)st.st_size + 1
			     : 1 << 16;
	if (cap > PREFS_MAX_BYTES + 1)
		cap = PREFS_MAX_BYTES + 1;
	size_t len = 0;
	char *buf = malloc(cap + 1);
	int read_errno = 0;
	while (buf) {
		if (len == cap) {
			if (cap > PREFS_MAX_BYTES) {
				free(buf);
				fclose(f);
				return md_err_set(err, MD_ERR_TOOBIG, path, 0,
						  _("%s is larger than 256 MiB"),
						  path);
			}
			char *nb = realloc(buf, cap * 2 + 1);
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
		if (n == 0) {
			if (ferror(f))
				read_errno = errno ? errno : EIO;
			break;
		}
	}
	fclose(f);
	if (!buf)
		return md_err_set(err, MD_ERR_NOMEM, path, 0, NULL);
	if (read_errno) {
		free(buf);
		return md_err_sys(err, MD_ERR_IO, read_errno, path,
				  _("cannot read %s: %s"), path,
				  strerror(read_errno));
	}
	if (len > PREFS_MAX_BYTES) {
		free(buf);
		return md_err_set(err, MD_ERR_TOOBIG, path, 0,
				  _("%s is larger than 256 MiB"), path);
	}
	return parse_owned(buf, len, path, out, err);
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

struct prefs_entry *prefs_find_last(const struct prefs_file *pf,
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
	return prefs_find_last(pf, name);
}

const char *prefs_get_str(const struct prefs_file *pf, const char *name)
{
	const struct prefs_entry *e = prefs_find_last(pf, name);
	return e && e->type == PREFS_TYPE_STRING ? e->str : NULL;
}

bool prefs_get_int(const struct prefs_file *pf, const char *name, long *out)
{
	const struct prefs_entry *e = prefs_find_last(pf, name);
	if (!e || e->type != PREFS_TYPE_INT)
		return false;
	*out = e->ival;
	return true;
}

