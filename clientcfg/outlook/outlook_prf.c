/* outlook_prf.c — Outlook profile files (.prf, FORMATS.md 3.4): the
 * accounts named in [Internet Account List], read from their sections. */
#include "clientcfg/outlook/outlook.h"
#include "clientcfg/outlook/outlook_private.h"

#include "core/base/compat.h"
#include "core/base/i18n.h"

#include <stdlib.h>
#include <string.h>

#define MAX_ACCOUNTS 1024

/* A span of the decoded text. */
struct span {
	const char *p;
	size_t n;
};

/* One "key=value" line of a section. */
struct entry {
	size_t sec; /* index into sections */
	struct span key, value;
	unsigned line;
};

struct prf {
	struct span *sections;
	size_t n_sections;
	struct entry *entries;
	size_t n_entries;
	const char *name;
	struct md_err *err;
};

static enum md_status nomem(struct prf *f)
{
	return md_err_set(f->err, MD_ERR_NOMEM, f->name, 0, NULL);
}

static enum md_status syntax(struct prf *f, unsigned line, const char *fmt)
{
	return md_err_set(f->err, MD_ERR_PARSE, f->name, line, fmt,
			  outlook_name(f->name), line);
}

static bool push(void **arr, size_t *n, size_t sz, const void *elem)
{
	if ((*n & (*n - 1)) == 0) {
		void *p = realloc(*arr, (*n ? *n * 2 : 8) * sz);
		if (!p)
			return false;
		*arr = p;
	}
	memcpy((char *)*arr + *n * sz, elem, sz);
	(*n)++;
	return true;
}

static enum md_status read_lines(struct prf *f, const struct outlook_text *t)
{
	struct outlook_lines l;
	outlook_lines_init(&l, t);
	const char *p;
	size_t n;
	while (outlook_lines_next(&l, &p, &n)) {
		outlook_trim(&p, &n);
		if (n == 0 || p[0] == ';' || p[0] == '#')
			continue;
		if (p[0] == '[') {
			if (p[n - 1] != ']')
				return syntax(f, l.line,
					      _("In %s, the section name on "
						"line %u has no closing "
						"']'."));
			struct span s = {p + 1, n < 2 ? 0 : n - 2};
			outlook_trim(&s.p, &s.n);
			if (!push((void **)&f->sections, &f->n_sections,
				  sizeof s, &s))
				return nomem(f);
			continue;
		}
		const char *eq = memchr(p, '=', n);
		if (!eq || eq == p)
			return syntax(f, l.line,
				      _("In %s, line %u is not a [section], a "
					"setting (name=value) or a comment."));
		if (f->n_sections == 0)
			return syntax(f, l.line,
				      _("In %s, the setting on line %u comes "
					"before any [section] line."));
		struct entry e = {
		    .sec = f->n_sections - 1,
		    .key = {p, (size_t)(eq - p)},
		    .value = {eq + 1, n - (size_t)(eq - p) - 1},
		    .line = l.line,
		};
		outlook_trim(&e.key.p, &e.key.n);
		outlook_trim(&e.value.p, &e.value.n);
		if (!push((void **)&f->entries, &f->n_entries, sizeof e, &e))
			return nomem(f);
	}
	return MD_OK;
}

static bool span_is(struct span s, const char *w)
{
	return outlook_eqi(s.p, s.n, w);
}

static bool span_eq(struct span a, struct span b)
{
	return a.n == b.n && outlook_eqin(a.p, b.p, a.n);
}

/* The last value of key in sections named sec, or NULL. */
static const struct entry *lookup(const struct prf *f, const char *sec,
				  const char *key)
{
	const struct entry *found = NULL;
	for (size_t i = 0; i < f->n_entries; i++) {
		const struct entry *e = &f->entries[i];
		if (span_is(f->sections[e->sec], sec) && span_is(e->key, key))
			found = e;
	}
	return found;
}

/* The fields of the account in the sections named sec. */
static enum md_status read_account(struct prf *f, struct span sec,
				   struct outlook_fields *fl)
{
	for (size_t i = 0; i < f->n_entries; i++) {
		const struct entry *e = &f->entries[i];
		if (!span_eq(f->sections[e->sec], sec))
			continue;
		int fid = outlook_field_by_prf(e->key.p, e->key.n);
		if (fid < 0)
			continue;
		char *v = strndup(e->value.p, e->value.n);
		if (!v)
			return nomem(f);
		if (!outlook_field_is_number(fid)) {
			outlook_field_set_str(fl, fid, v, e->line);
			continue;
		}
		long num;
		bool ok = v[0] == '\0' || outlook_parse_number(v, &num);
		if (v[0] == '\0')
			outlook_field_clear(fl, fid);
		else if (ok)
			outlook_field_set_num(fl, fid, num, e->line);
		free(v);
		if (!ok)
			return md_err_set(f->err, MD_ERR_PARSE, f->name,
					  e->line,
					  _("In %s, the setting %s on line %u "
					    "is not a number."),
					  outlook_name(f->name),
					  outlook_field_name(fid), e->line);
	}
	return MD_OK;
}

/* Add the account of section sec (type word: I_Mail POP3, IMAP_I_Mail). */
static enum md_status add_account(struct prf *f, struct span sec,
				  struct span type, const char *profile,
				  struct acct_set *set, bool *added)
{
	struct outlook_fields fl = {0};
	enum md_status st = read_account(f, sec, &fl);
	char *key = strndup(sec.p, sec.n);
	if (!key)
		st = nomem(f);
	if (st == MD_OK && outlook_fields_has_server(&fl)) {
		struct outlook_origin o = {
		    .client = ACCT_CLIENT_OUTLOOK,
		    .key = key,
		    .profile = profile,
		    .source = f->name,
		    .hint = span_is(type, "IMAP_I_Mail") ? ACCT_PROTO_IMAP
			    : span_is(type, "I_Mail")	 ? ACCT_PROTO_POP3
							 : ACCT_PROTO_UNKNOWN,
		};
		st = outlook_fields_add(&fl, &o, set, f->err);
		*added = true;
	}
	free(key);
	outlook_fields_done(&fl);
	return st;
}

/* Accounts from [Internet Account List], or, when a file has none, from
 * every section named Account<N>. */
static enum md_status add_accounts(struct prf *f, const char *profile,
				   struct acct_set *set, size_t *count)
{
	enum md_status st = MD_OK;
	bool listed = false, added;
	size_t seen = 0;
	for (size_t i = 0; st == MD_OK && i < f->n_entries; i++) {
		const struct entry *e = &f->entries[i];
		if (!span_is(f->sections[e->sec], "Internet Account List"))
			continue;
		listed = true;
		if (seen++ == MAX_ACCOUNTS)
			return md_err_set(
			    f->err, MD_ERR_TOOBIG, f->name, e->line,
			    _("In %s, line %u starts account "
			      "number %u, more than maildoctor "
			      "reads."),
			    outlook_name(f->name), e->line, MAX_ACCOUNTS + 1);
		added = false;
		st = add_account(f, e->key, e->value, profile, set, &added);
		*count += added;
	}
	for (size_t s = 0; !listed && st == MD_OK && s < f->n_sections; s++) {
		struct span sec = f->sections[s];
		bool first = true;
		for (size_t k = 0; k < s; k++)
			first = first && !span_eq(f->sections[k], sec);
		if (!first || sec.n < 7 || !outlook_eqi(sec.p, 7, "Account"))
			continue;
		if (seen++ == MAX_ACCOUNTS)
			break;
		added = false;
		st = add_account(f, sec, (struct span){"", 0}, profile, set,
				 &added);
		*count += added;
	}
	return st;
}

enum md_status outlook_parse_prf(const char *buf, size_t len, const char *name,
				 struct acct_set *set, struct md_err *err)
{
	if (len > OUTLOOK_MAX_BYTES)
		return md_err_set(err, MD_ERR_TOOBIG, name, 0,
				  _("%s is larger than %u MiB."),
				  outlook_name(name), OUTLOOK_MAX_BYTES >> 20);
	struct outlook_text t;
	enum md_status st = outlook_text_decode(buf, len, name, &t, err);
	if (st != MD_OK)
		return st;
	struct prf f = {.name = name, .err = err};
	struct acct_set *tmp = acct_set_new();
	char *profile = NULL;
	size_t count = 0;
	if (!tmp)
		st = nomem(&f);
	if (st == MD_OK)
		st = read_lines(&f, &t);
	if (st == MD_OK) {
		const struct entry *pn = lookup(&f, "General", "ProfileName");
		if (pn && pn->value.n) {
			profile = strndup(pn->value.p, pn->value.n);
			if (!profile)
				st = nomem(&f);
		}
	}
	if (st == MD_OK)
		st = add_accounts(&f, profile, tmp, &count);
	if (st == MD_OK && count == 0)
		st = outlook_no_accounts(name, err);
	if (st == MD_OK && !acct_set_merge(set, tmp))
		st = nomem(&f);
	free(profile);
	free(f.sections);
	free(f.entries);
	acct_set_free(tmp);
	outlook_text_done(&t);
	return st;
}
