/* fix_outlook_live.c — the plan of a fix on an Outlook account key in the
 * registry (the values it sets, with those there now), how values are
 * shown, and the journal's lines. No registry call but the plan's one read
 * (outlook_live_read_key); the writes are in fix_outlook_live_apply.c. */
#include "clientcfg/outlook/fix_outlook_live.h"

#include "clientcfg/outlook/outlook_live.h"
#include "clientcfg/outlook/outlook_private.h"
#include "core/base/i18n.h"

#include <glib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* PROP_SMTP_SECURE_CONNECTION (ENCRYPT_CONN_*, learn.microsoft.com
 * office/client-developer/outlook/auxiliary/prop_smtp_secure_connection):
 * 0 none, 1 SSL (implicit TLS), 2 TLS (STARTTLS). The incoming "Use SSL"
 * is PROP_INET_SSL (0x0105, prop_inet_ssl): 0 no SSL, else SSL; only 0
 * and 1 are written there. */
static uint32_t secure_connection(enum acct_security s)
{
	return s == ACCT_SEC_TLS ? 1 : s == ACCT_SEC_STARTTLS ? 2 : 0;
}

/* The values a fix writes, built up. */
struct values {
	struct outlook_reg_value *v;
	size_t n;
	bool nomem;
};

static struct outlook_reg_value *add(struct values *vs, const char *name,
				     uint32_t type)
{
	struct outlook_reg_value *nv =
	    vs->nomem ? NULL : realloc(vs->v, (vs->n + 1) * sizeof *nv);
	if (!nv) {
		vs->nomem = true;
		return NULL;
	}
	vs->v = nv;
	struct outlook_reg_value *v = &nv[vs->n++];
	memset(v, 0, sizeof *v);
	v->type = type;
	v->name = strdup(name);
	vs->nomem = !v->name;
	return v;
}

static void add_dword(struct values *vs, const char *name, uint32_t x)
{
	struct outlook_reg_value *v = add(vs, name, OUTLOOK_REG_DWORD);
	if (!v || !(v->data = malloc(4))) {
		vs->nomem = true;
		return;
	}
	v->len = 4;
	for (int i = 0; i < 4; i++)
		v->data[i] = (unsigned char)(x >> (8 * i));
}

/* Text as Outlook keeps it: REG_BINARY, UTF-16LE ending in 00 00. */
static void add_text(struct values *vs, const char *name, const char *s)
{
	struct outlook_reg_value *v = add(vs, name, OUTLOOK_REG_BINARY);
	glong n = 0;
	gunichar2 *u = v ? g_utf8_to_utf16(s, -1, NULL, &n, NULL) : NULL;
	if (!u || !(v->data = malloc((size_t)n * 2 + 2))) {
		g_free(u);
		vs->nomem = true;
		return;
	}
	v->len = (size_t)n * 2 + 2;
	memcpy(v->data, u, (size_t)n * 2);
	v->data[v->len - 2] = v->data[v->len - 1] = 0;
	g_free(u);
}

/* The value called name in key, or NULL. */
static const struct outlook_reg_value *
value_of(const struct outlook_reg_key *key, const char *name)
{
	for (size_t i = 0; i < key->n_values; i++)
		if (g_ascii_strcasecmp(key->values[i].name, name) == 0)
			return &key->values[i];
	return NULL;
}

/* The outgoing values (as the hand-over's .reg, fix_outlook.c). */
static void outgoing(struct values *vs, const struct fix *f)
{
	add_text(vs, "SMTP Server", f->server.host);
	add_dword(vs, "SMTP Port", (uint32_t)f->server.port);
	add_dword(vs, "SMTP Secure Connection",
		  secure_connection(f->server.security));
	add_dword(vs, "SMTP Use Auth", f->server.auth != ACCT_AUTH_NONE);
	/* PROP_SMTP_AUTH_METHOD: 1 = its own user name and password. */
	if (f->server.auth != ACCT_AUTH_NONE && f->server.user)
		add_dword(vs, "SMTP Auth Method", 1);
	if (f->server.user)
		add_text(vs, "SMTP User", f->server.user);
}

/* The incoming values: the protocol whose server the key names. */
static enum md_status incoming(struct values *vs, const struct fix *f,
			       const struct outlook_reg_key *now,
			       struct md_err *err)
{
	const char *p = value_of(now, "IMAP Server")   ? "IMAP"
			: value_of(now, "POP3 Server") ? "POP3"
						       : NULL;
	if (!p)
		return md_err_set(err, MD_ERR_NOTFOUND, now->path, 0,
				  _("The Outlook account %s has no POP3 or "
				    "IMAP server to change."),
				  now->path);
	if (f->server.security == ACCT_SEC_STARTTLS)
		return md_err_set(
		    err, MD_ERR_USAGE, now->path, 0, "%s",
		    _("Outlook's registry has no documented value for STARTTLS "
		      "on an incoming server (only SSL on or off): choose the "
		      "fix with SSL/TLS, or choose STARTTLS in Outlook's "
		      "account settings."));
	char name[32];
	snprintf(name, sizeof name, "%s Server", p);
	add_text(vs, name, f->server.host);
	snprintf(name, sizeof name, "%s Port", p);
	add_dword(vs, name, (uint32_t)f->server.port);
	snprintf(name, sizeof name, "%s Use SSL", p);
	add_dword(vs, name, secure_connection(f->server.security));
	return MD_OK;
}

char *fix_olive_value_text(uint32_t type, const unsigned char *data, size_t len)
{
	if (type == OUTLOOK_REG_DWORD && len == 4)
		return g_strdup_printf("%lu", (unsigned long)data[0] |
						  (unsigned long)data[1] << 8 |
						  (unsigned long)data[2] << 16 |
						  (unsigned long)data[3] << 24);
	bool nomem = false;
	char *t = len >= 2 && data[len - 1] == 0 && data[len - 2] == 0
		      ? outlook_utf16le_to_utf8(data, len, &nomem)
		      : NULL;
	if (t) {
		char *q = g_strdup_printf("\"%s\"", t);
		free(t);
		return q;
	}
	GString *h = g_string_new("hex:");
	for (size_t i = 0; i < len; i++)
		g_string_append_printf(h, "%s%02x", i ? "," : "", data[i]);
	return g_string_free(h, FALSE);
}

/* One change: value v, against what key holds now; false on no memory. */
static bool change_of(struct fix_olive_change *c, struct outlook_reg_value *v,
		      const struct outlook_reg_value *was)
{
	c->after = *v; /* taken over */
	memset(v, 0, sizeof *v);
	c->after_text =
	    fix_olive_value_text(c->after.type, c->after.data, c->after.len);
	if (was) {
		c->before_type = was->type;
		c->before_len = was->len;
		c->before = g_memdup2(was->data, was->len ? was->len : 1);
		c->before_text =
		    fix_olive_value_text(was->type, was->data, was->len);
	}
	return c->after_text && (!was || (c->before && c->before_text));
}

static bool same(const struct outlook_reg_value *a,
		 const struct outlook_reg_value *b)
{
	return b && !b->withheld && a->type == b->type && a->len == b->len &&
	       (a->len == 0 || memcmp(a->data, b->data, a->len) == 0);
}

static void values_free(struct values *vs)
{
	for (size_t i = 0; i < vs->n; i++) {
		free(vs->v[i].name);
		free(vs->v[i].data);
	}
	free(vs->v);
}

/* The plan's changes: the values of vs that differ from the key's now. */
static bool take_changes(struct fix_olive_plan *p, struct values *vs,
			 const struct outlook_reg_key *now)
{
	p->changes = calloc(vs->n ? vs->n : 1, sizeof *p->changes);
	if (!p->changes)
		return false;
	for (size_t i = 0; i < vs->n; i++) {
		const struct outlook_reg_value *was =
		    value_of(now, vs->v[i].name);
		if (same(&vs->v[i], was))
			continue;
		if (!change_of(&p->changes[p->n_changes++], &vs->v[i], was))
			return false;
	}
	return true;
}

enum md_status fix_olive_plan_from(const struct fix *f,
				   const struct outlook_reg_key *now,
				   const char *dir, struct fix_olive_plan **out,
				   struct md_err *err)
{
	*out = NULL;
	struct values vs = {0};
	enum md_status st = MD_OK;
	if (!f->server.host || f->server.port <= 0 || f->server.port > 65535)
		st = md_err_set(err, MD_ERR_USAGE, NULL, 0, "%s",
				md_status_message(MD_ERR_USAGE));
	else if (f->kind == FIX_SET_INCOMING)
		st = incoming(&vs, f, now, err);
	else
		outgoing(&vs, f);
	struct fix_olive_plan *p = st == MD_OK ? calloc(1, sizeof *p) : NULL;
	if (st == MD_OK &&
	    (vs.nomem || !p || !(p->key = strdup(now->path)) ||
	     !(p->dir = strdup(dir)) || !(p->id = strdup(f->id)) ||
	     !take_changes(p, &vs, now)))
		st = md_err_set(err, MD_ERR_NOMEM, NULL, 0, NULL);
	values_free(&vs);
	if (st != MD_OK) {
		fix_olive_plan_free(p);
		return st;
	}
	*out = p;
	return MD_OK;
}

enum md_status fix_olive_plan(const struct fix *f, const char *dir,
			      struct fix_olive_plan **out, struct md_err *err)
{
	*out = NULL;
	struct outlook_reg *reg;
	enum md_status st = outlook_live_read_key(f->source, &reg, err);
	if (st != MD_OK)
		return st;
	st = fix_olive_plan_from(f, &reg->keys[0], dir, out, err);
	outlook_reg_free(reg);
	return st;
}

void fix_olive_plan_free(struct fix_olive_plan *plan)
{
	if (!plan)
		return;
	for (size_t i = 0; i < plan->n_changes; i++) {
		struct fix_olive_change *c = &plan->changes[i];
		free(c->after.name);
		free(c->after.data);
		g_free(c->before_text);
		g_free(c->after_text);
		g_free(c->before);
	}
	free(plan->changes);
	free(plan->key);
	free(plan->dir);
	free(plan->id);
	free(plan);
}

enum md_status fix_olive_written_reg(const struct fix_olive_plan *plan,
				     char **out, size_t *len,
				     struct md_err *err)
{
	struct outlook_reg_value *v =
	    calloc(plan->n_changes ? plan->n_changes : 1, sizeof *v);
	if (!v)
		return md_err_set(err, MD_ERR_NOMEM, NULL, 0, NULL);
	for (size_t i = 0; i < plan->n_changes; i++)
		v[i] = plan->changes[i].after; /* borrowed */
	struct outlook_reg_key k = {
	    .path = plan->key, .values = v, .n_values = plan->n_changes};
	enum md_status st = outlook_reg_key_text(&k, out, len, err);
	free(v);
	return st;
}

/* A file name the journal may name: in the same folder. */
static bool plain_name(const char *s)
{
	return s && s[0] && !strchr(s, '/') && !strchr(s, '\\');
}

char *fix_olive_journal_line(const struct fix_olive_plan *plan,
			     const char *backup_name, const char *written_name)
{
	GString *l = g_string_new(plan->key);
	g_string_append_printf(l, "\t%s\t%s", backup_name, written_name);
	for (size_t i = 0; i < plan->n_changes; i++)
		g_string_append_printf(l, "\t%s", plan->changes[i].after.name);
	g_string_append_c(l, '\n');
	return g_string_free(l, FALSE);
}

char **fix_olive_journal_last(const char *text)
{
	char **found = NULL;
	gchar **lines = g_strsplit(text ? text : "", "\n", -1);
	for (gchar **l = lines; *l; l++) {
		gchar **f = g_strsplit(*l, "\t", -1);
		/* a key, two files in the same folder, at least one name */
		if (f[0] && f[1] && f[2] && f[3] && f[0][0] &&
		    plain_name(f[1]) && plain_name(f[2])) {
			g_strfreev(found);
			found = f;
		} else {
			g_strfreev(f);
		}
	}
	g_strfreev(lines);
	return found;
}

void fix_olive_result_done(struct fix_olive_result *res)
{
	free(res->backup);
	g_free(res->now);
	memset(res, 0, sizeof *res);
}
