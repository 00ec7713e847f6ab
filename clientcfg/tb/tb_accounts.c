/* tb_accounts.c — walk Thunderbird's account graph: accountmanager →
 * accounts → server and identities → outgoing servers, with user.js read
 * after prefs.js and overriding it, as Thunderbird does at start-up. The
 * layout, defaults and migrations come from tb_layout.h. */
#include "clientcfg/tb/tb_accounts.h"

#include "clientcfg/tb/prefs.h"
#include "clientcfg/tb/tb_layout.h"
#include "core/base/i18n.h"

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
	long ui_version; /* mail.ui-rdf.version, 0 when absent */
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

/* The entry of name when it has the type Thunderbird reads it as: a value
 * of another type is no value to Thunderbird (its getter fails and the
 * default applies). */
static const struct prefs_entry *look_typed(const struct tb_prefs *tp,
					    const char *name,
					    enum prefs_type type,
					    struct acct_src *src)
{
	const struct prefs_entry *e = look(tp, name, src);
	if (e && e->type != type) {
		if (src)
			*src = (struct acct_src){.file = -1, .line = 0};
		return NULL;
	}
	return e;
}

/* A field of object `key` in a branch, falling back to the branch's
 * "default." entry where Thunderbird does (tb_layout.c). */
static const struct prefs_entry *
look_field(const struct tb_prefs *tp, enum tb_branch branch, const char *key,
	   enum tb_field field, struct acct_src *src)
{
	const struct tb_pref *p = tb_pref_of(branch, field);
	if (!p)
		return NULL;
	char *name = tb_pref_name(p, key);
	const struct prefs_entry *e = look_typed(tp, name, p->type, src);
	g_free(name);
	if (!e && p->default_branch) {
		name = tb_pref_name(p, "default");
		e = look_typed(tp, name, p->type, src);
		g_free(name);
	}
	return e;
}

/* A non-empty string field, g_malloc'd, or NULL. */
static char *field_str(const struct tb_prefs *tp, enum tb_branch branch,
		       const char *key, enum tb_field field,
		       struct acct_src *src)
{
	const struct prefs_entry *e = look_field(tp, branch, key, field, src);
	return e && *e->str ? g_strdup(e->str) : NULL;
}

static bool field_int(const struct tb_prefs *tp, enum tb_branch branch,
		      const char *key, enum tb_field field, long *v,
		      struct acct_src *src)
{
	const struct prefs_entry *e = look_field(tp, branch, key, field, src);
	if (!e)
		return false;
	*v = e->type == PREFS_TYPE_BOOL ? e->bval : e->ival;
	return true;
}

char **tb_split_keys(const char *list, bool trim)
{
	gchar **v = g_strsplit(list ? list : "", ",", -1);
	size_t w = 0;
	for (size_t r = 0; v[r]; r++) {
		if (trim)
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

/* The port Thunderbird connects to: the pref when it is a port, else the
 * protocol's default for the security (then marked as a default). */
static void set_port(struct acct_server *s, bool have, long v)
{
	if (have && v > 0 && v < 65536) {
		s->port = (int)v;
		return;
	}
	s->port = tb_default_port(s->proto, s->security);
	s->port_default = true;
	s->src_port = (struct acct_src){.file = -1, .line = 0};
}

static bool host_ends_with(const char *host, const char *suffix)
{
	return host && g_str_has_suffix(host, suffix);
}

/* An EWS or Graph outgoing server: its values live in
 * mail.outgoingserver.<key>. and maildoctor does not probe it. */
static void read_cloud_outgoing(const struct tb_prefs *tp,
				struct acct_server *s)
{
	s->proto = ACCT_PROTO_OTHER;
	char *url =
	    field_str(tp, TB_BR_OUTGOING, s->key, TB_F_EWS_URL, &s->src_host);
	GUri *uri = url ? g_uri_parse(url, G_URI_FLAGS_NONE, NULL) : NULL;
	s->host =
	    acct_strdup(uri && g_uri_get_host(uri) ? g_uri_get_host(uri) : url);
	if (uri)
		g_uri_unref(uri);
	g_free(url);
	long v;
	if (field_int(tp, TB_BR_OUTGOING, s->key, TB_F_AUTH, &v, &s->src_auth))
		s->auth = tb_auth_of(v);
	s->security = ACCT_SEC_TLS; /* https */
	s->user =
	    own(field_str(tp, TB_BR_OUTGOING, s->key, TB_F_USER, &s->src_user));
	s->description =
	    own(field_str(tp, TB_BR_OUTGOING, s->key, TB_F_DESCRIPTION, NULL));
}

/* An SMTP server's values (SmtpServer.sys.mjs). */
static void read_smtp(const struct tb_prefs *tp, struct acct_server *s)
{
	s->host =
	    own(field_str(tp, TB_BR_SMTP, s->key, TB_F_HOST, &s->src_host));
	long v;
	if (field_int(tp, TB_BR_SMTP, s->key, TB_F_SECURITY, &v,
		      &s->src_security))
		s->security = tb_security_of(v);
	else
		s->security = ACCT_SEC_PLAIN; /* default try_ssl 0 */
	bool have =
	    field_int(tp, TB_BR_SMTP, s->key, TB_F_PORT, &v, &s->src_port);
	set_port(s, have, v);
	if (field_int(tp, TB_BR_SMTP, s->key, TB_F_AUTH, &v, &s->src_auth))
		s->auth = tb_auth_of(v);
	else
		s->auth = ACCT_AUTH_PASSWORD; /* default authMethod 3 */
	if (tb_migrates_office365_oauth(tp->ui_version) &&
	    host_ends_with(s->host, "smtp.office365.com"))
		s->auth = ACCT_AUTH_OAUTH2;
	s->user =
	    own(field_str(tp, TB_BR_SMTP, s->key, TB_F_USER, &s->src_user));
	s->description =
	    own(field_str(tp, TB_BR_SMTP, s->key, TB_F_DESCRIPTION, NULL));
}

/* Listed outgoing server `key` into the set; false on no memory. */
static bool add_outgoing(const struct tb_prefs *tp, const char *profile,
			 const char *key, const char *def_key)
{
	struct acct_server *s = acct_set_add_outgoing(tp->set);
	if (!s)
		return false;
	s->key = acct_strdup(key);
	s->profile = acct_strdup(profile);
	char *type = field_str(tp, TB_BR_SMTP, key, TB_F_TYPE, NULL);
	s->type_name = own(type ? type : g_strdup("smtp"));
	if (strcmp(s->type_name, "smtp") == 0)
		read_smtp(tp, s);
	else if (strcmp(s->type_name, "ews") == 0 ||
		 strcmp(s->type_name, "graph") == 0)
		read_cloud_outgoing(tp, s);
	else
		s->proto = ACCT_PROTO_OTHER;
	s->is_default = def_key && strcmp(def_key, key) == 0;
	return true;
}

/* The index of this profile's listed outgoing server `key`, or -1: a key
 * that mail.smtpservers does not list is no server to Thunderbird. */
static int outgoing_index(const struct tb_prefs *tp, const char *profile,
			  const char *key)
{
	struct acct_set *set = tp->set;
	for (size_t i = 0; key && i < set->n_outgoing; i++)
		if (strcmp(set->outgoing[i].key, key) == 0 &&
		    strcmp(set->outgoing[i].profile, profile) == 0)
			return (int)i;
	return -1;
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

/* The incoming security (nsMsgIncomingServer::GetSocketType): the server's
 * own socketType, else its old isSecure, else the default branch. */
static enum acct_security incoming_security(const struct tb_prefs *tp,
					    const char *key,
					    struct acct_src *src)
{
	const struct tb_pref *p = tb_pref_of(TB_BR_INCOMING, TB_F_SECURITY);
	char *name = tb_pref_name(p, key);
	const struct prefs_entry *e = look_typed(tp, name, p->type, src);
	g_free(name);
	if (e)
		return tb_security_of(e->ival);
	long v;
	if (field_int(tp, TB_BR_INCOMING, key, TB_F_LEGACY_SSL, &v, src) && v)
		return ACCT_SEC_TLS;
	name = tb_pref_name(p, "default");
	e = look_typed(tp, name, p->type, src);
	g_free(name);
	return e ? tb_security_of(e->ival) : ACCT_SEC_PLAIN;
}

/* Incoming server `key`: index in the set, or -1 when it is not a mail
 * server (Local Folders "none", feeds "rss"); -2 on no memory. */
static int incoming_index(const struct tb_prefs *tp, const char *profile,
			  const char *key)
{
	char *type = field_str(tp, TB_BR_INCOMING, key, TB_F_TYPE, NULL);
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
	s->host = own(
	    field_str(tp, TB_BR_INCOMING, key, TB_F_REALHOST, &s->src_host));
	if (!s->host)
		s->host = own(field_str(tp, TB_BR_INCOMING, key, TB_F_HOST,
					&s->src_host));
	long v;
	if (strcmp(s->type_name, "ews") == 0 ||
	    strcmp(s->type_name, "graph") == 0) {
		/* Exchange over HTTPS: no mail port, no socketType */
		s->security = ACCT_SEC_TLS;
	} else {
		s->security = incoming_security(tp, key, &s->src_security);
		bool have = field_int(tp, TB_BR_INCOMING, key, TB_F_PORT, &v,
				      &s->src_port);
		set_port(s, have, v);
	}
	if (field_int(tp, TB_BR_INCOMING, key, TB_F_AUTH, &v, &s->src_auth))
		s->auth = tb_auth_of(v);
	else
		s->auth = ACCT_AUTH_PASSWORD;
	if (tb_migrates_office365_oauth(tp->ui_version)) {
		/* the migration looks at hostName, not realhostname */
		char *h = field_str(tp, TB_BR_INCOMING, key, TB_F_HOST, NULL);
		if (host_ends_with(h, "outlook.office365.com"))
			s->auth = ACCT_AUTH_OAUTH2;
		g_free(h);
	}
	s->user =
	    own(field_str(tp, TB_BR_INCOMING, key, TB_F_USER, &s->src_user));
	s->account_name =
	    own(field_str(tp, TB_BR_INCOMING, key, TB_F_NAME, NULL));
	return (int)(tp->set->n_incoming - 1);
}

/* One identity of an account (OutgoingServerService.getServerByIdentity:
 * its own key, else the default server). Returns false on no memory. */
static bool read_identity(const struct tb_prefs *tp, const char *profile,
			  struct acct_account *acc, const char *key,
			  const char *def_key)
{
	struct acct_identity *id = acct_account_add_identity(acc);
	if (!id)
		return false;
	id->key = acct_strdup(key);
	id->email =
	    own(field_str(tp, TB_BR_IDENTITY, key, TB_F_EMAIL, &id->src_email));
	id->name = own(field_str(tp, TB_BR_IDENTITY, key, TB_F_FULLNAME, NULL));
	char *smtp = field_str(tp, TB_BR_IDENTITY, key, TB_F_SMTP_KEY,
			       &id->src_outgoing);
	bool named = smtp || def_key;
	if (smtp) {
		id->outgoing_key = own(smtp);
	} else if (def_key) {
		id->uses_default = true;
		id->outgoing_key = acct_strdup(def_key);
	}
	id->outgoing = outgoing_index(tp, profile, id->outgoing_key);
	return !named || id->outgoing_key; /* NULL: out of memory */
}

/* One account with its incoming server and identities; false on no
 * memory. Local Folders and feeds (no mail server, no identity) are not
 * accounts to maildoctor. */
static bool read_account(const struct tb_prefs *tp, const struct tb_profile *p,
			 const char *key, const char *def_key)
{
	char *server = field_str(tp, TB_BR_ACCOUNT, key, TB_F_SERVER_KEY, NULL);
	int in = server ? incoming_index(tp, p->path, server) : -1;
	g_free(server);
	if (in == -2)
		return false;
	char *idlist = field_str(tp, TB_BR_ACCOUNT, key, TB_F_IDENTITIES, NULL);
	gchar **ids = tb_split_keys(idlist, true);
	g_free(idlist);
	bool ok = true;
	if (in != -1 || ids[0]) {
		struct acct_account *acc = acct_set_add_account(tp->set);
		ok = acc != NULL;
		if (acc) {
			acc->client = ACCT_CLIENT_THUNDERBIRD;
			acc->key = acct_strdup(key);
			acc->source = acct_strdup(p->path);
			acc->profile = acct_strdup(p->name);
			acc->incoming = in;
		}
		for (size_t j = 0; ok && ids[j]; j++)
			ok = read_identity(tp, p->path, acc, ids[j], def_key);
	}
	g_strfreev(ids);
	return ok;
}

/* The whole graph of one profile into tp->set. */
static bool read_graph(struct tb_prefs *tp, const struct tb_profile *p)
{
	const struct prefs_entry *ver =
	    look_typed(tp, TB_PREF_UI_VERSION, PREFS_TYPE_INT, NULL);
	tp->ui_version = ver ? ver->ival : 0;
	gchar **smtp_keys =
	    tb_split_keys(look_str(tp, TB_PREF_SMTP_SERVERS, NULL), false);
	const char *def = look_str(tp, TB_PREF_SMTP_DEFAULT, NULL);
	const char *def_key = def && *def ? def : smtp_keys[0];
	bool ok = true;

	/* The listed servers, in Thunderbird's order. */
	for (size_t i = 0; ok && smtp_keys[i]; i++)
		ok = add_outgoing(tp, p->path, smtp_keys[i], def_key);

	gchar **acc_keys =
	    tb_split_keys(look_str(tp, TB_PREF_ACCOUNTS, NULL), true);
	for (size_t i = 0; ok && acc_keys[i]; i++)
		ok = read_account(tp, p, acc_keys[i], def_key);
	g_strfreev(acc_keys);
	g_strfreev(smtp_keys);
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

enum md_status tb_read_profile(const struct tb_profile *p, struct acct_set *out,
			       struct tb_notes *notes, struct md_err *err)
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
				st = md_err_set(err, MD_ERR_NOMEM, NULL, 0,
						NULL);
			} else {
				tp.file[tp.n] = pf;
				tp.file_idx[tp.n++] = idx;
				note_issues(notes, pf);
				if (i == 1 && notes) {
					notes->has_user_js = true;
					for (size_t k = 0; k < pf->n_entries;
					     k++)
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
