/* fix_tb.c — turn a fix into Thunderbird preference changes and write them
 * the safe way: maildoctor's lock, Thunderbird closed, files unchanged since
 * the plan, backups first, a journal, then atomic replacement. */
#include "clientcfg/tb/fix_tb.h"
#include "clientcfg/tb/fix_tb_private.h"

#include "clientcfg/tb/prefs.h"
#include "core/base/safe_write.h"
#include "clientcfg/tb/tb_accounts.h"
#include "clientcfg/tb/tb_layout.h"
#include "core/base/i18n.h"

#include <glib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

static const char *const file_names[2] = {"prefs.js", "user.js"};

/* ---- reading the effective value ----------------------------------------- */

static const struct prefs_entry *effective(const struct plan_files *pl,
					   const char *name)
{
	const struct prefs_entry *e =
	    pl->pf[1] ? prefs_find(pl->pf[1], name) : NULL;
	return e ? e : prefs_find(pl->pf[0], name);
}

static const char *effective_str(const struct plan_files *pl, const char *name)
{
	const struct prefs_entry *e = effective(pl, name);
	return e && e->type == PREFS_TYPE_STRING ? e->str : NULL;
}

/* A value as it is written in a prefs file. */
static char *literal(const struct prefs_entry *e)
{
	if (!e)
		return NULL;
	switch (e->type) {
	case PREFS_TYPE_STRING:
		return prefs_quote(e->str);
	case PREFS_TYPE_INT:
		return g_strdup_printf("%ld", e->ival);
	case PREFS_TYPE_BOOL:
		return strdup(e->bval ? "true" : "false");
	}
	return NULL;
}

/* ---- recording changes ----------------------------------------------------
 */

static bool add_change(struct tb_fix_plan *plan, const char *file,
		       const char *name, char *before, char *after)
{
	struct tb_fix_change *c =
	    realloc(plan->changes, (plan->n_changes + 1) * sizeof *c);
	if (!c) {
		free(before);
		free(after);
		return false;
	}
	plan->changes = c;
	c[plan->n_changes++] = (struct tb_fix_change){.file = strdup(file),
						      .name = strdup(name),
						      .before = before,
						      .after = after};
	return true;
}

/* Set name to a string (value) or an int (when value is NULL) in prefs.js,
 * and in user.js too when user.js sets it (it would win at start-up).
 * Records a change per file whose value differs. */
static enum md_status set_pref(struct tb_fix_plan *plan, struct plan_files *pl,
			       const char *name, const char *value, long ival,
			       struct md_err *err)
{
	for (int i = 0; i < 2; i++) {
		struct prefs_file *pf = pl->pf[i];
		if (!pf)
			continue;
		const struct prefs_entry *e = prefs_find(pf, name);
		if (i == 1 && !e)
			continue; /* user.js does not set it: leave user.js */
		bool same =
		    e && (value ? e->type == PREFS_TYPE_STRING &&
				      strcmp(e->str, value) == 0
				: e->type == PREFS_TYPE_INT && e->ival == ival);
		if (same)
			continue;
		char *before = literal(e);
		enum md_status st = value ? prefs_set_str(pf, name, value, err)
					  : prefs_set_int(pf, name, ival, err);
		if (st != MD_OK) {
			free(before);
			return st;
		}
		char *after = literal(prefs_find(pf, name));
		if (!add_change(plan, pl->path[i], name, before, after))
			return md_err_set(err, MD_ERR_NOMEM, NULL, 0, NULL);
		if (i == 1)
			plan->touches_user_js = true;
	}
	return MD_OK;
}

/* Remove name from both files (a username the new server does not use). */
static bool unset_pref(struct tb_fix_plan *plan, struct plan_files *pl,
		       const char *name)
{
	for (int i = 0; i < 2; i++) {
		if (!pl->pf[i])
			continue;
		const struct prefs_entry *e = prefs_find(pl->pf[i], name);
		if (!e)
			continue;
		char *before = literal(e);
		prefs_unset(pl->pf[i], name);
		if (!add_change(plan, pl->path[i], name, before, NULL))
			return false;
		if (i == 1)
			plan->touches_user_js = true;
	}
	return true;
}

/* ---- naming the prefs (tb_layout.h) -------------------------------------- */

static char *pref(enum tb_branch branch, const char *key, enum tb_field field)
{
	return tb_pref_name(tb_pref_of(branch, field), key);
}

/* The keys of mail.smtpservers, as Thunderbird splits them. */
static gchar **listed_keys(const struct plan_files *pl)
{
	return tb_split_keys(effective_str(pl, TB_PREF_SMTP_SERVERS), false);
}

/* The key the fix names (the reader's), checked against the files as they
 * are now: listed, and an SMTP server. NULL with err set otherwise. */
static char *existing_key(const struct plan_files *pl, const struct fix *f,
			  gchar **list, struct md_err *err)
{
	if (!g_strv_contains((const gchar *const *)list, f->server_key)) {
		md_err_set(err, MD_ERR_NOTFOUND, pl->path[0], 0,
			   _("the outgoing server %s is no longer in %s"),
			   f->server_key, pl->path[0]);
		return NULL;
	}
	char *n = pref(TB_BR_SMTP, f->server_key, TB_F_TYPE);
	const char *type = effective_str(pl, n);
	g_free(n);
	if (type && strcmp(type, "smtp") != 0) {
		md_err_set(err, MD_ERR_INTERNAL, pl->path[0], 0,
			   _("the outgoing server %s is not an SMTP server"),
			   f->server_key);
		return NULL;
	}
	return g_strdup(f->server_key);
}

/* A free key for a new server, as OutgoingServerService.createServer
 * names one ("smtp" and the first free number), also free of any
 * leftover prefs. */
static char *new_key(const struct plan_files *pl, gchar **list)
{
	for (int i = 1; i < 10000; i++) {
		char *key = g_strdup_printf("smtp%d", i);
		char *n = pref(TB_BR_SMTP, key, TB_F_HOST);
		bool taken = effective(pl, n) != NULL ||
			     g_strv_contains((const gchar *const *)list, key);
		g_free(n);
		if (!taken)
			return key;
		g_free(key);
	}
	return NULL;
}

static bool key_used_by_identity(const struct plan_files *pl, const char *key)
{
	for (size_t f = 0; f < 2; f++) {
		if (!pl->pf[f])
			continue;
		for (size_t i = 0; i < pl->pf[f]->n_entries; i++) {
			const struct prefs_entry *e = &pl->pf[f]->entries[i];
			if (e->type == PREFS_TYPE_STRING &&
			    g_str_has_prefix(e->name, "mail.identity.") &&
			    g_str_has_suffix(e->name, ".smtpServer") &&
			    strcmp(e->str, key) == 0)
				return true;
		}
	}
	const char *def = effective_str(pl, TB_PREF_SMTP_DEFAULT);
	return def && strcmp(def, key) == 0;
}

/* ---- planning -------------------------------------------------------------
 */

static void plan_files_free(struct plan_files *pl)
{
	if (!pl)
		return;
	for (int i = 0; i < 2; i++) {
		prefs_free(pl->pf[i]);
		g_free(pl->path[i]);
	}
	free(pl);
}

void fix_tb_plan_free(struct tb_fix_plan *plan)
{
	if (!plan)
		return;
	for (size_t i = 0; i < plan->n_changes; i++) {
		free(plan->changes[i].file);
		free(plan->changes[i].name);
		free(plan->changes[i].before);
		free(plan->changes[i].after);
	}
	free(plan->changes);
	free(plan->profile_dir);
	g_free(plan->server_key);
	plan_files_free(plan->priv);
	free(plan);
}

/* Read prefs.js (required) and user.js (optional) with their hashes. */
static enum md_status read_files(const char *dir, struct plan_files *pl,
				 struct md_err *err)
{
	for (int i = 0; i < 2; i++) {
		pl->path[i] = g_build_filename(dir, file_names[i], NULL);
		char *data;
		size_t len;
		enum md_status st =
		    safe_read(pl->path[i], &data, &len, NULL, err);
		if (st == MD_ERR_NOTFOUND && i == 1)
			return MD_OK;
		if (st != MD_OK)
			return st;
		safe_sha256(data, len, pl->sha[i]);
		st = prefs_parse(data, len, pl->path[i], &pl->pf[i], err);
		free(data);
		if (st != MD_OK)
			return st;
	}
	return MD_OK;
}

/* The server's values, as the fix wants them. */
static enum md_status plan_server(struct tb_fix_plan *plan,
				  struct plan_files *pl, const struct fix *f,
				  struct md_err *err)
{
	const char *key = plan->server_key;
	char *n;
	enum md_status st = MD_OK;
#define SET(field, str, num)                                                   \
	do {                                                                   \
		n = pref(TB_BR_SMTP, key, field);                              \
		st = set_pref(plan, pl, n, str, num, err);                     \
		g_free(n);                                                     \
		if (st != MD_OK)                                               \
			return st;                                             \
	} while (0)
	long sec = tb_security_code(f->server.security);
	long auth = tb_auth_code(f->server.auth); /* -1: left as it is */
	if (sec < 0)
		return md_err_set(
		    err, MD_ERR_INTERNAL, NULL, 0,
		    _("this fix cannot be applied to Thunderbird"));
	if (plan->new_server) {
		SET(TB_F_HOST, f->server.host, 0); /* type absent: "smtp" */
	} else {
		n = pref(TB_BR_SMTP, key, TB_F_HOST);
		const char *now = effective_str(pl, n);
		g_free(n);
		if (!now || g_ascii_strcasecmp(now, f->server.host) != 0)
			SET(TB_F_HOST, f->server.host, 0);
	}
	SET(TB_F_PORT, NULL, f->server.port);
	SET(TB_F_SECURITY, NULL, sec);
	if (auth >= 0)
		SET(TB_F_AUTH, NULL, auth);
	if (f->server.user) {
		SET(TB_F_USER, f->server.user, 0);
	} else {
		n = pref(TB_BR_SMTP, key, TB_F_USER);
		bool ok = unset_pref(plan, pl, n);
		g_free(n);
		if (!ok)
			return md_err_set(err, MD_ERR_NOMEM, NULL, 0, NULL);
	}
#undef SET
	return st;
}

/* An incoming server reached another way: its port and security, and,
 * for another host, realhostname (what Thunderbird's Server Settings
 * write; hostname stays, as the account's folders are named after it). */
static enum md_status plan_incoming(struct tb_fix_plan *plan,
				    struct plan_files *pl, const struct fix *f,
				    struct md_err *err)
{
	const char *key = f->server_key;
	char *n = pref(TB_BR_INCOMING, key, TB_F_TYPE);
	bool known = effective_str(pl, n) != NULL;
	g_free(n);
	if (!known)
		return md_err_set(err, MD_ERR_NOTFOUND, pl->path[0], 0,
				  _("the incoming server %s is not in %s"), key,
				  pl->path[0]);
	long sec = tb_security_code(f->server.security);
	if (sec < 0)
		return md_err_set(
		    err, MD_ERR_INTERNAL, NULL, 0,
		    _("this fix cannot be applied to Thunderbird"));
	char *real = pref(TB_BR_INCOMING, key, TB_F_REALHOST);
	char *host = pref(TB_BR_INCOMING, key, TB_F_HOST);
	const char *now = effective_str(pl, real);
	if (!now)
		now = effective_str(pl, host);
	enum md_status st = MD_OK;
	if (!now || g_ascii_strcasecmp(now, f->server.host) != 0)
		st = set_pref(plan, pl, real, f->server.host, 0, err);
	g_free(real);
	g_free(host);
	n = pref(TB_BR_INCOMING, key, TB_F_PORT);
	if (st == MD_OK)
		st = set_pref(plan, pl, n, NULL, f->server.port, err);
	g_free(n);
	n = pref(TB_BR_INCOMING, key, TB_F_SECURITY);
	if (st == MD_OK)
		st = set_pref(plan, pl, n, NULL, sec, err);
	g_free(n);
	plan->server_key = g_strdup(key);
	return st;
}

enum md_status fix_tb_plan(const struct fix *f, struct tb_fix_plan **out,
			   struct md_err *err)
{
	*out = NULL;
	bool incoming = f->kind == FIX_SET_INCOMING && f->server_key;
	if ((f->kind != FIX_SET_OUTGOING && !incoming) || !f->server.host ||
	    !f->identity_key || f->server.port <= 0 || f->server.port > 65535)
		return md_err_set(
		    err, MD_ERR_INTERNAL, NULL, 0,
		    _("this fix cannot be applied to Thunderbird"));
	struct tb_fix_plan *plan = calloc(1, sizeof *plan);
	struct plan_files *pl = calloc(1, sizeof *pl);
	if (!plan || !pl) {
		free(plan);
		free(pl);
		return md_err_set(err, MD_ERR_NOMEM, NULL, 0, NULL);
	}
	plan->priv = pl;
	plan->profile_dir = strdup(f->source);
	enum md_status st = read_files(f->source, pl, err);
	if (st == MD_OK && incoming)
		st = plan_incoming(plan, pl, f, err);
	if (st != MD_OK)
		goto fail;
	if (incoming) {
		*out = plan;
		return MD_OK;
	}

	char *email_pref = pref(TB_BR_IDENTITY, f->identity_key, TB_F_EMAIL);
	bool known = effective(pl, email_pref) != NULL;
	g_free(email_pref);
	if (!known) {
		st = md_err_set(err, MD_ERR_NOTFOUND, pl->path[0], 0,
				_("the identity %s is not in %s"),
				f->identity_email ? f->identity_email
						  : f->identity_key,
				pl->path[0]);
		goto fail;
	}

	gchar **list = listed_keys(pl);
	plan->new_server = !f->server_key;
	plan->server_key =
	    f->server_key ? existing_key(pl, f, list, err) : new_key(pl, list);
	if (!plan->server_key) {
		g_strfreev(list);
		st = f->server_key
			 ? err->code
			 : md_err_set(err, MD_ERR_INTERNAL, NULL, 0, NULL);
		goto fail;
	}
	plan->reuses_orphan =
	    !plan->new_server && !key_used_by_identity(pl, plan->server_key);
	if (plan->new_server) {
		/* List the new server after the others. */
		GString *s = g_string_new("");
		for (gchar **k = list; *k; k++)
			g_string_append_printf(s, "%s%s", s->len ? "," : "",
					       *k);
		g_string_append_printf(s, "%s%s", s->len ? "," : "",
				       plan->server_key);
		st = set_pref(plan, pl, TB_PREF_SMTP_SERVERS, s->str, 0, err);
		g_string_free(s, TRUE);
	}
	g_strfreev(list);
	if (st == MD_OK)
		st = plan_server(plan, pl, f, err);
	if (st == MD_OK) {
		char *n = pref(TB_BR_IDENTITY, f->identity_key, TB_F_SMTP_KEY);
		st = set_pref(plan, pl, n, plan->server_key, 0, err);
		g_free(n);
	}
	if (st != MD_OK)
		goto fail;
	*out = plan;
	return MD_OK;
fail:
	fix_tb_plan_free(plan);
	return st;
}
