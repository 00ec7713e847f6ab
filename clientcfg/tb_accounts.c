/* tb_accounts.c — walk Thunderbird's account graph: accountmanager →
 * accounts → server and identities → outgoing servers, with user.js read
 * after prefs.js and overriding it, as Thunderbird does at start-up. */
#include "tb_accounts.h"

#include "clientcfg/prefs.h"
#include "core/i18n.h"

#include <glib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* prefs.js and user.js, the later overriding the earlier. */
struct tb_prefs {
	struct prefs_file *file[2];
	int file_idx[2]; /* index in the set's files */
	size_t n;
	struct acct_set *set;
};

/* The winning entry for name, and where it is. */
static const struct prefs_entry *look(const struct tb_prefs *tp,
				      const char *name, struct acct_src *src)
{
	for (size_t i = tp->n; i-- > 0;) {
		const struct prefs_entry *e = prefs_find(tp->file[i], name);
		if (e) {
			if (src) {
				src->file = tp->file_idx[i];
				src->line = e->line;
			}
			return e;
		}
	}
	if (src) {
		src->file = -1;
		src->line = 0;
	}
	return NULL;
}

static const char *look_str(const struct tb_prefs *tp, const char *name,
			    struct acct_src *src)
{
	const struct prefs_entry *e = look(tp, name, src);
	return e && e->type == PREFS_TYPE_STRING ? e->str : NULL;
}

/* "<prefix><key>.<leaf>" looked up with a fallback branch (the defaults
 * Thunderbird applies, e.g. mail.smtpserver.default.*). */
static const struct prefs_entry *look_leaf(const struct tb_prefs *tp,
					   const char *prefix, const char *key,
					   const char *leaf, struct acct_src *src)
{
	char *name = g_strdup_printf("%s%s.%s", prefix, key, leaf);
	const struct prefs_entry *e = look(tp, name, src);
	g_free(name);
	if (!e) {
		name = g_strdup_printf("%sdefault.%s", prefix, leaf);
		e = look(tp, name, src);
		g_free(name);
	}
	return e;
}

static char *leaf_str(const struct tb_prefs *tp, const char *prefix,
		      const char *key, const char *leaf, struct acct_src *src)
{
	const struct prefs_entry *e = look_leaf(tp, prefix, key, leaf, src);
	return e && e->type == PREFS_TYPE_STRING && *e->str ? g_strdup(e->str)
							    : NULL;
}

static bool leaf_int(const struct tb_prefs *tp, const char *prefix,
		     const char *key, const char *leaf, long *v,
		     struct acct_src *src)
{
	const struct prefs_entry *e = look_leaf(tp, prefix, key, leaf, src);
	if (!e)
		return false;
	if (e->type == PREFS_TYPE_INT) {
		*v = e->ival;
		return true;
	}
	if (e->type == PREFS_TYPE_BOOL) {
		*v = e->bval;
		return true;
	}
	return false;
}

/* Security codes (nsMsgSocketType): 0 plain, 1 STARTTLS if offered,
 * 2 STARTTLS, 3 SSL/TLS. */
static enum acct_security security_of(long code)
{
	switch (code) {
	case 0:
		return ACCT_SEC_PLAIN;
	case 1:
		return ACCT_SEC_STARTTLS_TRY;
	case 2:
		return ACCT_SEC_STARTTLS;
	case 3:
		return ACCT_SEC_TLS;
	default:
		return ACCT_SEC_UNKNOWN;
	}
}

/* Auth codes (nsMsgAuthMethod). */
static enum acct_auth auth_of(long code)
{
	switch (code) {
	case 1:
		return ACCT_AUTH_NONE;
	case 2:
		return ACCT_AUTH_OLD;
	case 3:
		return ACCT_AUTH_PASSWORD;
	case 4:
		return ACCT_AUTH_ENCRYPTED;
	case 5:
		return ACCT_AUTH_GSSAPI;
	case 6:
		return ACCT_AUTH_NTLM;
	case 7:
		return ACCT_AUTH_TLS_CERT;
	case 8: /* "secure", migrated to encrypted password */
		return ACCT_AUTH_ENCRYPTED;
	case 9:
		return ACCT_AUTH_ANY;
	case 10:
		return ACCT_AUTH_OAUTH2;
	default:
		return ACCT_AUTH_UNKNOWN;
	}
}

/* Split a comma list ("account1,account2") into trimmed, non-empty keys. */
static gchar **split_keys(const char *list)
{
	gchar **v = g_strsplit(list ? list : "", ",", -1);
	size_t w = 0;
	for (size_t r = 0; v[r]; r++) {
		g_strstrip(v[r]);
		if (*v[r])
			v[w++] = v[r];
		else
			g_free(v[r]);
	}
	v[w] = NULL;
	return v;
}

/* Copy a g_malloc'd string into malloc'd memory (the model frees with
 * free()), consuming it. */
static char *own(char *gs)
{
	char *s = acct_strdup(gs);
	g_free(gs);
	return s;
}

/* Outgoing server `key` of this profile: its index in the set, adding it
 * when first seen; -1 when the profile has no trace of it. */
static int outgoing_index(const struct tb_prefs *tp, const char *profile,
			  const char *key, bool listed, const char *def_key)
{
	struct acct_set *set = tp->set;
	for (size_t i = 0; i < set->n_outgoing; i++)
		if (strcmp(set->outgoing[i].key, key) == 0 &&
		    strcmp(set->outgoing[i].profile, profile) == 0)
			return (int)i;
	struct acct_src src;
	char *host = leaf_str(tp, "mail.smtpserver.", key, "hostname", &src);
	if (!host && !listed)
		return -1;
	struct acct_server *s = acct_set_add_outgoing(set);
	if (!s) {
		g_free(host);
		return -2;
	}
	s->key = acct_strdup(key);
	s->profile = acct_strdup(profile);
	s->host = own(host);
	s->src_host = src;
	char *type = leaf_str(tp, "mail.smtpserver.", key, "type", NULL);
	if (type && strcmp(type, "smtp") != 0)
		s->proto = ACCT_PROTO_OTHER;
	s->type_name = own(type ? type : g_strdup("smtp"));
	long v;
	if (leaf_int(tp, "mail.smtpserver.", key, "port", &v, &s->src_port))
		s->port = v > 0 && v < 65536 ? (int)v : 0;
	if (leaf_int(tp, "mail.smtpserver.", key, "try_ssl", &v,
		     &s->src_security))
		s->security = security_of(v);
	else
		s->security = ACCT_SEC_PLAIN; /* mailnews.js default 0 */
	if (leaf_int(tp, "mail.smtpserver.", key, "authMethod", &v,
		     &s->src_auth))
		s->auth = auth_of(v);
	else
		s->auth = ACCT_AUTH_PASSWORD; /* mailnews.js default 3 */
	s->user = own(leaf_str(tp, "mail.smtpserver.", key, "username",
			       &s->src_user));
	s->description = own(leaf_str(tp, "mail.smtpserver.", key,
				      "description", NULL));
	s->is_default = def_key && strcmp(def_key, key) == 0;
	return (int)(set->n_outgoing - 1);
}

static enum acct_proto proto_of(const char *type)
{
	if (!type)
		return ACCT_PROTO_UNKNOWN;
	if (strcmp(type, "imap") == 0)
		return ACCT_PROTO_IMAP;
	if (strcmp(type, "pop3") == 0)
		return ACCT_PROTO_POP3;
	return ACCT_PROTO_OTHER;
}

/* Incoming server `key`: index in the set, or -1 when it is not a mail
 * server (Local Folders "none", feeds "rss"); -2 on no memory. */
static int incoming_index(const struct tb_prefs *tp, const char *profile,
			  const char *key)
{
	char *type = leaf_str(tp, "mail.server.", key, "type", NULL);
	if (!type || strcmp(type, "none") == 0 || strcmp(type, "rss") == 0) {
		g_free(type);
		return -1;
	}
	struct acct_server *s = acct_set_add_incoming(tp->set);
	if (!s) {
		g_free(type);
		return -2;
	}
	s->key = acct_strdup(key);
	s->profile = acct_strdup(profile);
	s->proto = proto_of(type);
	s->type_name = own(type);
	/* Server Settings write a changed name to realhostname. */
	s->host = own(leaf_str(tp, "mail.server.", key, "realhostname",
			       &s->src_host));
	if (!s->host)
		s->host = own(leaf_str(tp, "mail.server.", key, "hostname",
				       &s->src_host));
	long v;
	if (leaf_int(tp, "mail.server.", key, "port", &v, &s->src_port))
		s->port = v > 0 && v < 65536 ? (int)v : 0;
	if (leaf_int(tp, "mail.server.", key, "socketType", &v,
		     &s->src_security))
		s->security = security_of(v);
	else if (leaf_int(tp, "mail.server.", key, "isSecure", &v,
			  &s->src_security) && v)
		s->security = ACCT_SEC_TLS; /* legacy bool, migrated to SSL */
	else
		s->security = ACCT_SEC_PLAIN;
	if (leaf_int(tp, "mail.server.", key, "authMethod", &v, &s->src_auth))
		s->auth = auth_of(v);
	else
		s->auth = ACCT_AUTH_PASSWORD;
	s->user = own(leaf_str(tp, "mail.server.", key, "userName",
			       &s->src_user));
	s->description = own(leaf_str(tp, "mail.server.", key, "name", NULL));
	return (int)(tp->set->n_incoming - 1);
}

/* One identity of an account. Returns false on no memory. */
static bool read_identity(const struct tb_prefs *tp, const char *profile,
			  struct acct_account *acc, const char *key,
			  const char *def_key)
{
	struct acct_identity *id = acct_account_add_identity(acc);
	if (!id)
		return false;
	id->key = acct_strdup(key);
	id->email = own(leaf_str(tp, "mail.identity.", key, "useremail",
				 &id->src_email));
	id->name = own(leaf_str(tp, "mail.identity.", key, "fullName", NULL));
	char *smtp = leaf_str(tp, "mail.identity.", key, "smtpServer",
			      &id->src_outgoing);
	if (smtp) {
		id->outgoing_key = own(smtp);
		id->outgoing = outgoing_index(tp, profile, id->outgoing_key,
					      false, def_key);
	} else if (def_key) {
		id->uses_default = true;
		id->outgoing_key = acct_strdup(def_key);
		id->outgoing = outgoing_index(tp, profile, def_key, false,
					      def_key);
	}
	return id->outgoing != -2;
}

/* The whole graph of one profile into tp->set. */
static bool read_graph(const struct tb_prefs *tp, const struct tb_profile *p)
{
	struct acct_set *set = tp->set;
	gchar **smtp_keys = split_keys(
		look_str(tp, "mail.smtpservers", NULL));
	const char *def = look_str(tp, "mail.smtp.defaultserver", NULL);
	char *def_key = g_strdup(def && *def ? def : smtp_keys[0]);
	bool ok = true;

	/* Listed servers first, in Thunderbird's order. */
	for (size_t i = 0; ok && smtp_keys[i]; i++)
		ok = outgoing_index(tp, p->path, smtp_keys[i], true, def_key) != -2;

	gchar **acc_keys = split_keys(
		look_str(tp, "mail.accountmanager.accounts", NULL));
	for (size_t i = 0; ok && acc_keys[i]; i++) {
		char *server = leaf_str(tp, "mail.account.", acc_keys[i],
					"server", NULL);
		int in = server ? incoming_index(tp, p->path, server) : -1;
		g_free(server);
		if (in == -2) {
			ok = false;
			break;
		}
		char *idlist = leaf_str(tp, "mail.account.", acc_keys[i],
					"identities", NULL);
		gchar **ids = split_keys(idlist);
		g_free(idlist);
		if (in == -1 && !ids[0]) {
			g_strfreev(ids);
			continue; /* Local Folders, feeds */
		}
		struct acct_account *acc = acct_set_add_account(set);
		if (!acc) {
			g_strfreev(ids);
			ok = false;
			break;
		}
		acc->client = ACCT_CLIENT_THUNDERBIRD;
		acc->key = acct_strdup(acc_keys[i]);
		acc->source = acct_strdup(p->path);
		acc->profile = acct_strdup(p->name);
		acc->incoming = in;
		for (size_t j = 0; ok && ids[j]; j++)
			ok = read_identity(tp, p->path, acc, ids[j], def_key);
		g_strfreev(ids);
	}
	g_strfreev(acc_keys);
	g_strfreev(smtp_keys);
	g_free(def_key);
	return ok;
}

static void note_issues(struct tb_notes *notes, const struct prefs_file *pf)
{
	if (!notes || pf->n_issues == 0)
		return;
	if (notes->n_issues == 0)
		md_err_set(&notes->first_issue, MD_ERR_PARSE, pf->path,
			   pf->issues[0].line,
			   _("%s, line %u: %s; Thunderbird skips this setting"),
			   pf->path, pf->issues[0].line, _(pf->issues[0].what));
	notes->n_issues += pf->n_issues;
}

enum md_status tb_read_profile(const struct tb_profile *p,
			       struct acct_set *out, struct tb_notes *notes,
			       struct md_err *err)
{
	if (notes)
		memset(notes, 0, sizeof *notes);
	struct acct_set *set = acct_set_new();
	if (!set)
		return md_err_set(err, MD_ERR_NOMEM, NULL, 0, NULL);
	struct tb_prefs tp = {.set = set};
	enum md_status st = MD_OK;
	static const char *const names[] = {"prefs.js", "user.js"};

	for (size_t i = 0; i < 2 && st == MD_OK; i++) {
		char *path = g_build_filename(p->path, names[i], NULL);
		struct prefs_file *pf = NULL;
		st = prefs_load(path, &pf, err);
		if (st == MD_ERR_NOTFOUND && i == 1) {
			st = MD_OK; /* user.js is optional */
		} else if (st == MD_ERR_NOTFOUND) {
			md_err_set(err, st, path, 0,
				   _("%s has no prefs.js: Thunderbird has "
				     "not used this profile yet"),
				   p->path);
		} else if (st == MD_OK) {
			int idx = acct_set_file(set, path);
			if (idx < 0) {
				prefs_free(pf);
				st = md_err_set(err, MD_ERR_NOMEM, NULL, 0, NULL);
			} else {
				tp.file[tp.n] = pf;
				tp.file_idx[tp.n++] = idx;
				note_issues(notes, pf);
				if (i == 1 && notes) {
					notes->has_user_js = true;
					for (size_t k = 0; k < pf->n_entries; k++)
						notes->n_user_js_mail +=
							strncmp(pf->entries[k].name,
								"mail.", 5) == 0;
				}
			}
		}
		g_free(path);
	}
	if (st == MD_OK && !read_graph(&tp, p))
		st = md_err_set(err, MD_ERR_NOMEM, NULL, 0, NULL);
	if (st == MD_OK) {
		acct_set_mark_orphans(set);
		if (!acct_set_merge(out, set))
			st = md_err_set(err, MD_ERR_NOMEM, NULL, 0, NULL);
	}
	for (size_t i = 0; i < tp.n; i++)
		prefs_free(tp.file[i]);
	acct_set_free(set);
	return st;
}
