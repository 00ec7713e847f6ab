/* outlook_reg.c — the .reg export parser: text to the key/value model of
 * outlook_reg.h, every value with its line. */
#include "clientcfg/outlook/outlook_reg.h"

#include "core/base/compat.h"
#include "core/base/i18n.h"
#include "core/base/xbuf.h"
#include "clientcfg/outlook/outlook.h"
#include "clientcfg/outlook/outlook_private.h"

#include <stdlib.h>
#include <string.h>

struct parser {
	const char *name;
	struct outlook_reg *reg;
	struct outlook_lines lines;
	struct md_err *err;
};

/* Room for one more element in *arr of *n elements of size sz. */
static void *grow(void **arr, size_t *n, size_t sz)
{
	if ((*n & (*n - 1)) == 0) {
		size_t cap = *n ? *n * 2 : 4;
		void *p = realloc(*arr, cap * sz);
		if (!p)
			return NULL;
		*arr = p;
	}
	void *e = (char *)*arr + *n * sz;
	memset(e, 0, sz);
	(*n)++;
	return e;
}

static enum md_status nomem(struct parser *ps)
{
	return md_err_set(ps->err, MD_ERR_NOMEM, ps->name, 0, NULL);
}

static enum md_status syntax(struct parser *ps, unsigned line, const char *fmt)
{
	return md_err_set(ps->err, MD_ERR_PARSE, ps->name, line, fmt,
			  outlook_name(ps->name), line);
}

static bool starts_i(const char *p, size_t n, const char *w)
{
	size_t k = strlen(w);
	return n >= k && outlook_eqi(p, k, w);
}

/* The first non-blank line must be one of the two headers. */
static enum md_status read_header(struct parser *ps)
{
	const char *p;
	size_t n;
	while (outlook_lines_next(&ps->lines, &p, &n)) {
		outlook_trim(&p, &n);
		if (n == 0)
			continue;
		if (outlook_eqi(p, n, OUTLOOK_REG_HEADER5))
			return MD_OK;
		if (outlook_eqi(p, n, OUTLOOK_REG_HEADER4)) {
			ps->reg->regedit4 = true;
			return MD_OK;
		}
		break;
	}
	unsigned line = ps->lines.line ? ps->lines.line : 1;
	return syntax(ps, line,
		      _("In %s, line %u is not the header \"Windows Registry "
			"Editor Version 5.00\" or \"REGEDIT4\" of a registry "
			"export."));
}

static enum md_status read_key(struct parser *ps, const char *p, size_t n)
{
	unsigned line = ps->lines.line;
	if (n < 2 || p[n - 1] != ']')
		return syntax(ps, line,
			      _("In %s, the key name on line %u has no "
				"closing ']'."));
	p++;
	n -= 2;
	struct outlook_reg_key k = {.line = line};
	if (n > 0 && p[0] == '-') {
		k.deleted = true;
		p++;
		n--;
	}
	outlook_trim(&p, &n);
	if (n == 0)
		return syntax(ps, line,
			      _("In %s, line %u has an empty key name."));
	k.path = strndup(p, n);
	if (!k.path)
		return nomem(ps);
	struct outlook_reg_key *slot =
	    grow((void **)&ps->reg->keys, &ps->reg->n_keys, sizeof *slot);
	if (!slot) {
		free(k.path);
		return nomem(ps);
	}
	*slot = k;
	return MD_OK;
}

/* Append to a growing string; false when it would pass the value cap
 * (*toobig) or memory ran out. */
static bool join(struct xbuf *j, const char *p, size_t n, bool *toobig)
{
	*toobig = false;
	if (j->n + n > OUTLOOK_MAX_VALUE) {
		*toobig = true;
		return false;
	}
	xbuf_add(j, p, n);
	return !j->oom;
}

/* The byte list of a hex value starting at p (this line's rest), with the
 * continuation lines joined, into v. */
static enum md_status read_hex(struct parser *ps, const char *p, size_t n,
			       struct outlook_reg_value *v)
{
	struct xbuf j = {0};
	bool toobig;
	enum md_status st = MD_OK;
	for (;;) {
		outlook_trim(&p, &n);
		bool more = n > 0 && p[n - 1] == '\\';
		if (more)
			n--;
		if (!join(&j, p, n, &toobig)) {
			st = toobig
				 ? md_err_set(ps->err, MD_ERR_TOOBIG, ps->name,
					      v->line,
					      _("In %s, the value on line "
						"%u is longer than %u MiB."),
					      outlook_name(ps->name), v->line,
					      OUTLOOK_MAX_VALUE >> 20)
				 : nomem(ps);
			goto out;
		}
		if (!more)
			break;
		if (!outlook_lines_next(&ps->lines, &p, &n)) {
			st = syntax(ps, v->line,
				    _("In %s, the hex value that starts on "
				      "line %u is cut off at the end of the "
				      "file."));
			goto out;
		}
	}
	bool no_mem;
	if (!outlook_reg_hex_bytes(j.p ? j.p : "", j.n, &v->data, &v->len,
				   &no_mem))
		st = no_mem ? nomem(ps)
			    : syntax(ps, v->line,
				     _("In %s, the hex value on line %u has "
				       "a malformed byte (each byte is two "
				       "hex digits, and commas separate "
				       "them)."));
out:
	if (j.p)
		explicit_bzero(j.p, j.n);
	free(j.p);
	return st;
}

/* 1 to 8 hex digits, the whole of [p, p + n), into *v. */
static bool hex32(const char *p, size_t n, uint32_t *v)
{
	if (n < 1 || n > 8)
		return false;
	*v = 0;
	for (size_t i = 0; i < n; i++) {
		if (outlook_hexdigit(p[i]) < 0)
			return false;
		*v = *v * 16 + (uint32_t)outlook_hexdigit(p[i]);
	}
	return true;
}

/* The data after '=': [p, p + n), trimmed. */
static enum md_status read_data(struct parser *ps, const char *p, size_t n,
				struct outlook_reg_value *v)
{
	unsigned line = v->line;
	bool no_mem;
	if (n > 0 && p[0] == '"') {
		size_t used;
		char *text;
		if (!outlook_reg_unquote(p, n, &used, &text, &no_mem))
			return no_mem ? nomem(ps)
				      : syntax(ps, line,
					       _("In %s, the string on line "
						 "%u has no closing quote."));
		v->quoted = true;
		v->type = OUTLOOK_REG_SZ;
		v->data = (unsigned char *)text;
		v->len = strlen(text);
		if (used != n)
			return syntax(ps, line,
				      _("In %s, line %u has more text after "
					"the closing quote."));
		return MD_OK;
	}
	if (n == 1 && p[0] == '-') {
		v->deleted = true;
		return MD_OK;
	}
	if (starts_i(p, n, "dword:")) {
		uint32_t d;
		const char *q = p + 6;
		size_t k = n - 6;
		outlook_trim(&q, &k);
		if (!hex32(q, k, &d))
			return syntax(ps, line,
				      _("In %s, the dword on line %u is not 1 "
					"to 8 hex digits."));
		v->type = OUTLOOK_REG_DWORD;
		v->data = malloc(4);
		if (!v->data)
			return nomem(ps);
		for (int i = 0; i < 4; i++)
			v->data[i] = (unsigned char)(d >> (8 * i));
		v->len = 4;
		return MD_OK;
	}
	if (starts_i(p, n, "hex:")) {
		v->type = OUTLOOK_REG_BINARY;
		return read_hex(ps, p + 4, n - 4, v);
	}
	if (starts_i(p, n, "hex(")) {
		const char *close = memchr(p, ')', n);
		if (close && (size_t)(close - p) + 1 < n && close[1] == ':' &&
		    hex32(p + 4, (size_t)(close - p) - 4, &v->type)) {
			size_t skip = (size_t)(close - p) + 2;
			return read_hex(ps, p + skip, n - skip, v);
		}
	}
	return syntax(ps, line,
		      _("In %s, line %u has a value of a type that registry "
			"exports do not have."));
}

static enum md_status read_value(struct parser *ps, const char *p, size_t n)
{
	unsigned line = ps->lines.line;
	struct outlook_reg *reg = ps->reg;
	if (reg->n_keys == 0)
		return syntax(ps, line,
			      _("In %s, line %u holds a value before any "
				"[key] line."));
	struct outlook_reg_value v = {.line = line};
	size_t i;
	bool no_mem;
	if (p[0] == '@') {
		v.name = strdup("");
		if (!v.name)
			return nomem(ps);
		i = 1;
	} else if (!outlook_reg_unquote(p, n, &i, &v.name, &no_mem)) {
		return no_mem ? nomem(ps)
			      : syntax(ps, line,
				       _("In %s, the value name on line %u "
					 "has no closing quote."));
	}
	while (i < n && (p[i] == ' ' || p[i] == '\t'))
		i++;
	enum md_status st;
	if (i >= n || p[i] != '=') {
		st = syntax(ps, line,
			    _("In %s, line %u has no '=' after the value "
			      "name."));
	} else {
		const char *q = p + i + 1;
		size_t k = n - i - 1;
		outlook_trim(&q, &k);
		st = read_data(ps, q, k, &v);
	}
	if (st == MD_OK && outlook_reg_is_secret(v.name) && v.data) {
		explicit_bzero(v.data, v.len);
		free(v.data);
		v.data = NULL;
		v.len = 0;
		v.withheld = true;
	}
	struct outlook_reg_key *key = &reg->keys[reg->n_keys - 1];
	struct outlook_reg_value *slot = NULL;
	if (st == MD_OK) {
		slot =
		    grow((void **)&key->values, &key->n_values, sizeof *slot);
		if (!slot)
			st = nomem(ps);
	}
	if (st != MD_OK) {
		if (v.data)
			explicit_bzero(v.data, v.len);
		free(v.data);
		free(v.name);
		return st;
	}
	*slot = v;
	return MD_OK;
}

static enum md_status read_body(struct parser *ps)
{
	const char *p;
	size_t n;
	enum md_status st = MD_OK;
	while (st == MD_OK && outlook_lines_next(&ps->lines, &p, &n)) {
		outlook_trim(&p, &n);
		if (n == 0 || p[0] == ';')
			continue;
		if (p[0] == '[')
			st = read_key(ps, p, n);
		else if (p[0] == '"' || p[0] == '@')
			st = read_value(ps, p, n);
		else
			st = syntax(ps, ps->lines.line,
				    _("In %s, line %u is not a key, a value "
				      "or a comment."));
	}
	return st;
}

enum md_status outlook_reg_parse(const char *buf, size_t len, const char *name,
				 struct outlook_reg **out, struct md_err *err)
{
	*out = NULL;
	if (len > OUTLOOK_MAX_BYTES)
		return md_err_set(err, MD_ERR_TOOBIG, name, 0,
				  _("%s is larger than %u MiB."),
				  outlook_name(name), OUTLOOK_MAX_BYTES >> 20);
	struct outlook_text text;
	enum md_status st = outlook_text_decode(buf, len, name, &text, err);
	if (st != MD_OK)
		return st;
	struct parser ps = {.name = name, .err = err};
	ps.reg = calloc(1, sizeof *ps.reg);
	if (!ps.reg) {
		outlook_text_done(&text);
		return nomem(&ps);
	}
	ps.reg->utf16 = text.utf16;
	outlook_lines_init(&ps.lines, &text);
	st = read_header(&ps);
	if (st == MD_OK)
		st = read_body(&ps);
	outlook_text_done(&text);
	if (st != MD_OK) {
		outlook_reg_free(ps.reg);
		return st;
	}
	*out = ps.reg;
	return MD_OK;
}

void outlook_reg_free(struct outlook_reg *reg)
{
	if (!reg)
		return;
	for (size_t i = 0; i < reg->n_keys; i++) {
		struct outlook_reg_key *k = &reg->keys[i];
		for (size_t j = 0; j < k->n_values; j++) {
			struct outlook_reg_value *v = &k->values[j];
			if (v->data)
				explicit_bzero(v->data, v->len);
			free(v->data);
			free(v->name);
		}
		free(k->values);
		free(k->path);
	}
	free(reg->keys);
	free(reg);
}
