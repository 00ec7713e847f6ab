/* outlook_regacct.c — Outlook accounts from the profile keys of a parsed
 * .reg export, applying its key and value deletions in file order. */
#include "clientcfg/outlook/outlook_private.h"
#include "clientcfg/outlook/outlook_reg.h"

#include "core/base/compat.h"
#include "core/base/i18n.h"

#include <glib.h>
#include <stdlib.h>
#include <string.h>

#define MAIL_ACCOUNTS "9375CFF0413111d3B88A00104B2A6676"
#define MAX_PARTS     32
#define MAX_ACCOUNTS  1024

/* One account subkey as the file leaves it. */
struct rec {
	const char *path; /* the key path (borrowed from the model) */
	char *profile;
	char *sub;  /* "00000002" */
	bool alive; /* not deleted since it was last written */
	struct outlook_fields f;
};

struct part {
	const char *p;
	size_t n;
};

static size_t split(const char *path, struct part *parts)
{
	size_t k = 0;
	const char *p = path;
	for (;;) {
		const char *e = strchr(p, '\\');
		size_t n = e ? (size_t)(e - p) : strlen(p);
		if (k == MAX_PARTS)
			return 0;
		parts[k].p = p;
		parts[k].n = n;
		k++;
		if (!e)
			return k;
		p = e + 1;
	}
}

static bool is(const struct part *x, const char *w)
{
	return outlook_eqi(x->p, x->n, w);
}

/* Whether path is an account subkey of a mail profile; *profile and *sub
 * are then the parts naming them. The paths (under HKEY_CURRENT_USER or
 * HKEY_USERS\<sid>):
 *   Software\Microsoft\Office\<ver>\Outlook\Profiles\<P>\9375...\<N>
 *   Software\Microsoft\Windows NT\CurrentVersion\Windows Messaging
 *     Subsystem\Profiles\<P>\9375...\<N>
 *   Software\Microsoft\Windows Messaging Subsystem\Profiles\<P>\9375...\<N>
 */
static bool account_key(const char *path, struct part *profile,
			struct part *sub)
{
	struct part x[MAX_PARTS];
	size_t n = split(path, x), i;
	if (n >= 2 && is(&x[0], "HKEY_CURRENT_USER"))
		i = 1;
	else if (n >= 3 && is(&x[0], "HKEY_USERS"))
		i = 2;
	else
		return false;
	if (!is(&x[i], "Software") || i + 1 >= n || !is(&x[i + 1], "Microsoft"))
		return false;
	i += 2;
	size_t left = n - i;
	if (left == 7 && is(&x[i], "Office") && is(&x[i + 2], "Outlook") &&
	    is(&x[i + 3], "Profiles"))
		i += 4;
	else if (left == 7 && is(&x[i], "Windows NT") &&
		 is(&x[i + 1], "CurrentVersion") &&
		 is(&x[i + 2], "Windows Messaging Subsystem") &&
		 is(&x[i + 3], "Profiles"))
		i += 4;
	else if (left == 5 && is(&x[i], "Windows Messaging Subsystem") &&
		 is(&x[i + 1], "Profiles"))
		i += 2;
	else
		return false;
	if (!is(&x[i + 1], MAIL_ACCOUNTS) || x[i].n == 0 || x[i + 2].n == 0)
		return false;
	*profile = x[i];
	*sub = x[i + 2];
	return true;
}

struct state {
	struct rec *recs;
	size_t n;
	const char *name;
	bool live; /* the registry itself: evidence by value path */
	struct md_err *err;
};

static void recs_free(struct state *s)
{
	for (size_t i = 0; i < s->n; i++) {
		free(s->recs[i].profile);
		free(s->recs[i].sub);
		outlook_fields_done(&s->recs[i].f);
	}
	free(s->recs);
}

/* A deleted key takes its account subkeys with it. */
static void delete_key(struct state *s, const char *path)
{
	size_t n = strlen(path);
	for (size_t i = 0; i < s->n; i++) {
		struct rec *r = &s->recs[i];
		size_t m = strlen(r->path);
		if (m < n || (m > n && r->path[n] != '\\') ||
		    !outlook_eqi(r->path, n, path))
			continue;
		outlook_fields_done(&r->f);
		r->alive = false;
	}
}

static struct rec *find_or_add(struct state *s, const char *path,
			       struct part profile, struct part sub,
			       unsigned line, enum md_status *st)
{
	*st = MD_OK;
	for (size_t i = 0; i < s->n; i++)
		if (outlook_eqi(s->recs[i].path, strlen(s->recs[i].path),
				path)) {
			s->recs[i].alive = true;
			return &s->recs[i];
		}
	if (s->n == MAX_ACCOUNTS) {
		*st = md_err_set(s->err, MD_ERR_TOOBIG, s->name, line,
				 _("In %s, line %u starts account number %u, "
				   "more than maildoctor reads."),
				 outlook_name(s->name), line, MAX_ACCOUNTS + 1);
		return NULL;
	}
	struct rec *nr = realloc(s->recs, (s->n + 1) * sizeof *nr);
	if (!nr) {
		*st = md_err_set(s->err, MD_ERR_NOMEM, s->name, 0, NULL);
		return NULL;
	}
	s->recs = nr;
	struct rec *r = &s->recs[s->n];
	memset(r, 0, sizeof *r);
	r->path = path;
	r->alive = true;
	r->profile = strndup(profile.p, profile.n);
	r->sub = strndup(sub.p, sub.n);
	s->n++;
	if (!r->profile || !r->sub) {
		*st = md_err_set(s->err, MD_ERR_NOMEM, s->name, 0, NULL);
		return NULL;
	}
	return r;
}

/* A value of the live registry that is not what its name says. */
static enum md_status live_bad(struct state *s, struct rec *r,
			       const struct outlook_reg_value *v, bool number)
{
	char *where = g_strdup_printf("%s\\%s", r->path, v->name);
	enum md_status st =
	    number
		? md_err_set(s->err, MD_ERR_PARSE, where, 0,
			     _("The registry value %s is not a number."), where)
		: md_err_set(s->err, MD_ERR_PARSE, where, 0,
			     _("The registry value %s is not text "
			       "(UTF-16 ending in a 0)."),
			     where);
	g_free(where);
	return st;
}

/* Read live: the field's evidence is the value's path. */
static enum md_status take_where(struct state *s, struct rec *r, int fid,
				 const struct outlook_reg_value *v)
{
	if (!s->live)
		return MD_OK;
	char *where = g_strdup_printf("%s\\%s", r->path, v->name);
	r->f.f[fid].where = strdup(where);
	g_free(where);
	return r->f.f[fid].where
		   ? MD_OK
		   : md_err_set(s->err, MD_ERR_NOMEM, s->name, 0, NULL);
}

/* Take one value into the account's fields. */
static enum md_status take_value(struct state *s, struct rec *r,
				 const struct outlook_reg_value *v)
{
	int fid = outlook_field_by_reg(v->name, strlen(v->name));
	if (fid < 0)
		return MD_OK;
	if (v->deleted) {
		outlook_field_clear(&r->f, fid);
		return MD_OK;
	}
	if (s->live && outlook_field_is_number(fid)) {
		long num;
		if (!outlook_reg_value_number(v, &num))
			return live_bad(s, r, v, true);
		outlook_field_set_num(&r->f, fid, num, 0);
		return take_where(s, r, fid, v);
	}
	if (s->live) {
		char *str;
		enum md_status st = outlook_reg_value_text(v, &str);
		if (st == MD_ERR_NOMEM)
			return md_err_set(s->err, MD_ERR_NOMEM, s->name, 0,
					  NULL);
		if (st != MD_OK)
			return live_bad(s, r, v, false);
		outlook_field_set_str(&r->f, fid, str, 0);
		return take_where(s, r, fid, v);
	}
	if (outlook_field_is_number(fid)) {
		long num;
		if (!outlook_reg_value_number(v, &num))
			return md_err_set(
			    s->err, MD_ERR_PARSE, s->name, v->line,
			    _("In %s, the value \"%s\" on line "
			      "%u is not a number."),
			    outlook_name(s->name), v->name, v->line);
		outlook_field_set_num(&r->f, fid, num, v->line);
		return MD_OK;
	}
	char *str;
	enum md_status st = outlook_reg_value_text(v, &str);
	if (st == MD_ERR_NOMEM)
		return md_err_set(s->err, MD_ERR_NOMEM, s->name, 0, NULL);
	if (st != MD_OK)
		return md_err_set(s->err, MD_ERR_PARSE, s->name, v->line,
				  _("In %s, the value \"%s\" on line %u is "
				    "not text (UTF-16 bytes ending in 00,00, "
				    "or a quoted string)."),
				  outlook_name(s->name), v->name, v->line);
	outlook_field_set_str(&r->f, fid, str, v->line);
	return MD_OK;
}

static bool prefix_i(const char *s, const char *w)
{
	size_t n = strlen(w);
	return strlen(s) >= n && outlook_eqi(s, n, w);
}

/* IMAP or POP3 as the account's clsid says (FORMATS.md 3.2). */
static enum acct_proto clsid_proto(const struct outlook_fields *f)
{
	const char *c = f->f[OF_CLSID].set ? f->f[OF_CLSID].str : NULL;
	if (c && prefix_i(c, "{ED475412-"))
		return ACCT_PROTO_IMAP;
	if (c && prefix_i(c, "{ED475411-"))
		return ACCT_PROTO_POP3;
	return ACCT_PROTO_UNKNOWN;
}

static enum md_status walk(struct state *s, const struct outlook_reg *reg)
{
	for (size_t k = 0; k < reg->n_keys; k++) {
		const struct outlook_reg_key *key = &reg->keys[k];
		if (key->deleted) {
			delete_key(s, key->path);
			continue;
		}
		struct part profile, sub;
		if (!account_key(key->path, &profile, &sub))
			continue;
		enum md_status st;
		struct rec *r =
		    find_or_add(s, key->path, profile, sub, key->line, &st);
		for (size_t i = 0; r && st == MD_OK && i < key->n_values; i++)
			st = take_value(s, r, &key->values[i]);
		if (st != MD_OK)
			return st;
	}
	return MD_OK;
}

enum md_status outlook_reg_accounts(const struct outlook_reg *reg,
				    const char *name, struct acct_set *set,
				    struct md_err *err)
{
	struct state s = {.name = name, .live = reg->live, .err = err};
	enum md_status st = walk(&s, reg);
	size_t added = 0;
	for (size_t i = 0; st == MD_OK && i < s.n; i++) {
		struct rec *r = &s.recs[i];
		if (!r->alive || !outlook_fields_has_server(&r->f))
			continue;
		struct outlook_origin o = {
		    .client = ACCT_CLIENT_OUTLOOK,
		    .key = r->sub,
		    .profile = r->profile,
		    .source = reg->live ? r->path : name,
		    .locator = r->path,
		    .live = reg->live,
		    .hint = clsid_proto(&r->f),
		};
		st = outlook_fields_add(&r->f, &o, set, err);
		added++;
	}
	recs_free(&s);
	if (st == MD_OK && added == 0 && !reg->live)
		st = outlook_no_accounts(name, err);
	return st;
}
