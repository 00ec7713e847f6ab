/* prefs.c — the lossless prefs.js / user.js reader (grammar in prefs.h):
 * Gecko's parser for user pref files over the tokens of prefs_token.c. */
#include "clientcfg/tb/prefs.h"
#include "clientcfg/tb/prefs_private.h"
#include "clientcfg/tb/prefs_token.h"

#include "core/base/file_read.h"
#include "core/base/i18n.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PREFS_MAX_BYTES (256u << 20)

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

/* ---- the parser ---------------------------------------------------------- */

struct parser {
	struct prefs_lex lx;
	struct prefs_file *pf;
	struct prefs_tok t; /* the current token */
	bool nomem;
};

static void next(struct parser *p)
{
	prefs_lex_next(&p->lx, &p->t);
}

/* Report an error at the current token (a malformed token carries its own
 * message, and maybe its line), then skip tokens: past the next ';' token,
 * which may be the current one, or up to the end. */
static void error_and_recover(struct parser *p, const char *msg)
{
	unsigned line = p->lx.line;
	if (p->t.kind == PREFS_TOK_ERROR) {
		msg = p->t.msg;
		if (p->t.line)
			line = p->t.line;
	}
	if (!add_issue(p->pf, line, msg))
		p->nomem = true;
	while (!prefs_tok_is_end(&p->t)) {
		bool semicolon = prefs_tok_is(&p->t, ';');
		next(p);
		if (semicolon)
			break;
	}
}

/* The value after "name ,": true, false, a string or a signed int. False
 * (with the error reported) when it is none of them. */
static bool read_value(struct parser *p, struct prefs_entry *e)
{
	struct prefs_tok *t = &p->t;
	bool neg = false;
	e->val_start = t->start;
	switch (t->kind) {
	case PREFS_TOK_TRUE:
	case PREFS_TOK_FALSE:
		e->type = PREFS_TYPE_BOOL;
		e->bval = t->kind == PREFS_TOK_TRUE;
		break;
	case PREFS_TOK_STRING:
		e->type = PREFS_TYPE_STRING;
		e->str = t->str;
		break;
	case PREFS_TOK_CHAR:
		if (t->ch != '-' && t->ch != '+')
			goto no_value;
		neg = t->ch == '-';
		next(p);
		if (t->kind != PREFS_TOK_INT) {
			const char *what =
			    neg ? N_("expected integer literal after '-'")
				: N_("expected integer literal after '+'");
			error_and_recover(p, what);
			return false;
		}
		/* fall through */
	case PREFS_TOK_INT:
		if (t->num > (neg ? 2147483648u : 2147483647u)) {
			t->kind = PREFS_TOK_ERROR;
			t->msg = N_("integer literal overflowed");
			t->line = 0;
			error_and_recover(p, NULL);
			return false;
		}
		e->type = PREFS_TYPE_INT;
		e->ival = (long)(neg ? -(long long)t->num : (long long)t->num);
		break;
	default:
	no_value:
		error_and_recover(p, N_("expected pref value after ','"));
		return false;
	}
	e->val_end = t->end;
	return true;
}

/* One statement from the current token (which is not the end). In a user
 * pref file only user_pref starts one, and no attribute follows the value.
 * False on an error, reported and recovered from. */
static bool read_statement(struct parser *p, struct prefs_entry *e)
{
	struct prefs_tok *t = &p->t;
	if (t->kind != PREFS_TOK_USER_PREF) {
		error_and_recover(p, N_("expected 'user_pref' at start of pref "
					"definition"));
		return false;
	}
	e->start = t->start;
	e->line = p->lx.line;
	next(p);
	if (!prefs_tok_is(t, '(')) {
		error_and_recover(p, N_("expected '(' after pref specifier"));
		return false;
	}
	next(p);
	if (t->kind != PREFS_TOK_STRING) {
		error_and_recover(p, N_("expected pref name after '('"));
		return false;
	}
	e->name = t->str;
	next(p);
	if (!prefs_tok_is(t, ',')) {
		error_and_recover(p, N_("expected ',' after pref name"));
		return false;
	}
	next(p);
	if (!read_value(p, e))
		return false;
	next(p);
	if (!prefs_tok_is(t, ')')) {
		error_and_recover(p, N_("expected ')' after pref value"));
		return false;
	}
	next(p);
	if (!prefs_tok_is(t, ';')) {
		error_and_recover(p, N_("expected ';' after ')'"));
		return false;
	}
	e->end = t->end;
	next(p);
	return true;
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

	/* The bytes and the '\0' after them, which Gecko reads as the end
	 * (as it reads an earlier '\0' where a token starts). */
	struct parser p = {.lx = {.s = pf->buf,
				  .size = len + 1,
				  .line = 1,
				  .arena = pf->arena},
			   .pf = pf};
	next(&p);
	while (!prefs_tok_is_end(&p.t) && !p.nomem) {
		size_t arena_mark = p.lx.arena_pos;
		struct prefs_entry tmp = {0};
		if (!read_statement(&p, &tmp)) {
			/* Strings of a failed statement are not needed; the
			 * current token is never one that is used. */
			p.lx.arena_pos = arena_mark;
			continue;
		}
		struct prefs_entry *e = prefs_add_entry(pf);
		if (!e) {
			p.nomem = true;
			break;
		}
		*e = tmp;
	}
	if (p.nomem) {
		prefs_free(pf);
		return md_err_set(err, MD_ERR_NOMEM, path, 0, NULL);
	}
	*out = pf;
	return MD_OK;
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
	char *buf;
	size_t len;
	enum md_status st =
	    file_read(path, PREFS_MAX_BYTES, NULL, &buf, &len, err);
	if (st != MD_OK)
		return st;
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
