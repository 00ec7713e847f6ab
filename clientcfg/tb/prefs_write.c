/* prefs_write.c — changing values of a parsed prefs.js and writing the
 * file back: untouched bytes are copied, new statements go where
 * Thunderbird's sorted order puts them, with the file's line ends. */
#include "clientcfg/tb/prefs.h"
#include "clientcfg/tb/prefs_private.h"

#include "core/base/xbuf.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- edits --------------------------------------------------------------- */

char *prefs_quote(const char *value)
{
	size_t n = 3;
	for (const char *p = value; *p; p++)
		n += (*p == '\n' || *p == '\r' || *p == '\\' || *p == '"') ? 2
									   : 1;
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
	struct prefs_entry *e = prefs_find_last(pf, name);
	size_t nlen = strlen(name), slen = str ? strlen(str) : 0;
	char *owned = malloc(nlen + slen + 2);
	if (!owned)
		return md_err_set(err, MD_ERR_NOMEM, pf->path, 0, NULL);
	memcpy(owned, name, nlen + 1);
	memcpy(owned + nlen + 1, str ? str : "", slen + 1);
	if (!e) {
		e = prefs_add_entry(pf);
		if (!e) {
			free(owned);
			return md_err_set(err, MD_ERR_NOMEM, pf->path, 0, NULL);
		}
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

static void put_value(struct xbuf *o, const struct prefs_entry *e)
{
	char num[32];
	switch (e->type) {
	case PREFS_TYPE_STRING: {
		char *q = prefs_quote(e->str);
		if (!q) {
			o->oom = true;
			return;
		}
		xbuf_adds(o, q);
		free(q);
		break;
	}
	case PREFS_TYPE_INT:
		snprintf(num, sizeof num, "%ld", e->ival);
		xbuf_adds(o, num);
		break;
	case PREFS_TYPE_BOOL:
		xbuf_adds(o, e->bval ? "true" : "false");
		break;
	}
}

/* A new statement, as Gecko writes it: user_pref("name", value); EOL. */
static void put_new_line(struct xbuf *o, const struct prefs_entry *e, bool crlf)
{
	char *qn = prefs_quote(e->name);
	if (!qn) {
		o->oom = true;
		return;
	}
	xbuf_adds(o, "user_pref(");
	xbuf_adds(o, qn);
	xbuf_adds(o, ", ");
	put_value(o, e);
	xbuf_adds(o, ");");
	xbuf_adds(o, crlf ? "\r\n" : "\n");
	free(qn);
}

/* Where a removed statement's bytes end: its own line end too, when the
 * statement is alone on its line. */
static size_t removal_end(const struct prefs_file *pf,
			  const struct prefs_entry *e)
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
		if (e->start == SIZE_MAX)
			continue;
		if (strcmp(e->name, name) > 0)
			return e;
	}
	return NULL;
}

enum md_status prefs_render(const struct prefs_file *pf, char **outp,
			    size_t *outlen, struct md_err *err)
{
	struct xbuf o = {0};
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
			xbuf_add(&o, pf->buf + pos, ls - pos);
			pos = ls;
			put_new_line(&o, ne, pf->crlf);
		}
		if (e->removed) {
			size_t ls = line_start(pf, e->start);
			size_t from =
			    (ls >= pos && removal_end(pf, e) != e->end)
				? ls
				: e->start;
			xbuf_add(&o, pf->buf + pos, from - pos);
			pos = removal_end(pf, e);
			continue;
		}
		if (!e->edited)
			continue;
		xbuf_add(&o, pf->buf + pos, e->val_start - pos);
		put_value(&o, e);
		pos = e->val_end;
	}
	xbuf_add(&o, pf->buf + pos, pf->len - pos);
	/* New statements that sort after every existing one. */
	bool need_eol = o.n > 0 && o.p[o.n - 1] != '\n' && o.p[o.n - 1] != '\r';
	for (size_t k = n_orig; k < pf->n_entries; k++) {
		const struct prefs_entry *ne = &pf->entries[k];
		if (ne->removed || insert_before(pf, ne->name))
			continue;
		if (need_eol) {
			xbuf_adds(&o, pf->crlf ? "\r\n" : "\n");
			need_eol = false;
		}
		put_new_line(&o, ne, pf->crlf);
	}
	xbuf_add(&o, "", 0);
	if (o.oom) {
		free(o.p);
		return md_err_set(err, MD_ERR_NOMEM, pf->path, 0, NULL);
	}
	if (!o.p) {
		o.p = malloc(1);
		if (!o.p)
			return md_err_set(err, MD_ERR_NOMEM, pf->path, 0, NULL);
	}
	o.p[o.n] = '\0';
	*outp = o.p;
	*outlen = o.n;
	return MD_OK;
}
