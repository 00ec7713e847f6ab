/* outlook_fields.c — the values of one Outlook account (registry and .prf
 * names, FORMATS.md 3.2 and 3.4) and their translation into acct_* records. */
#include "clientcfg/outlook/outlook_private.h"

#include "core/base/i18n.h"

#include <stdlib.h>
#include <string.h>

/* Names of each field: in the registry (2007 and later), in older registry
 * keys (OMI Account Manager), and in .prf files. */
static const struct {
	const char *reg, *reg_old, *prf;
	bool number;
} names[OF__COUNT] = {
    [OF_ACCOUNT_NAME] = {"Account Name", NULL, "AccountName", false},
    [OF_DISPLAY_NAME] = {"Display Name", "SMTP Display Name", "DisplayName",
			 false},
    [OF_EMAIL] = {"Email", "SMTP Email Address", "EmailAddress", false},
    [OF_POP3_SERVER] = {"POP3 Server", NULL, "POP3Server", false},
    [OF_POP3_USER] = {"POP3 User", "POP3 User Name", "POP3UserName", false},
    [OF_POP3_PORT] = {"POP3 Port", NULL, "POP3Port", true},
    [OF_POP3_SSL] = {"POP3 Use SSL", NULL, "POP3UseSSL", true},
    [OF_POP3_SPA] = {"POP3 Use SPA", NULL, "POP3UseSPA", true},
    [OF_IMAP_SERVER] = {"IMAP Server", NULL, "IMAPServer", false},
    [OF_IMAP_USER] = {"IMAP User", "IMAP User Name", "IMAPUserName", false},
    [OF_IMAP_PORT] = {"IMAP Port", NULL, "IMAPPort", true},
    [OF_IMAP_SSL] = {"IMAP Use SSL", NULL, "IMAPUseSSL", true},
    [OF_IMAP_SPA] = {"IMAP Use SPA", NULL, "IMAPUseSPA", true},
    [OF_SMTP_SERVER] = {"SMTP Server", NULL, "SMTPServer", false},
    [OF_SMTP_PORT] = {"SMTP Port", NULL, "SMTPPort", true},
    [OF_SMTP_SECURE] = {"SMTP Secure Connection", NULL, "SMTPSecureConnection",
			true},
    [OF_SMTP_USE_SSL] = {"SMTP Use SSL", NULL, "SMTPUseSSL", true},
    [OF_SMTP_USE_AUTH] = {"SMTP Use Auth", NULL, "SMTPUseAuth", true},
    [OF_SMTP_AUTH_METHOD] = {"SMTP Auth Method", NULL, "SMTPAuthMethod", true},
    [OF_SMTP_USER] = {"SMTP User", "SMTP User Name", "SMTPUserName", false},
    [OF_SMTP_SPA] = {"SMTP Use SPA", NULL, "SMTPUseSPA", true},
    [OF_CLSID] = {"clsid", NULL, "clsid", false},
};

int outlook_field_by_reg(const char *name, size_t n)
{
	for (int i = 0; i < OF__COUNT; i++)
		if (outlook_eqi(name, n, names[i].reg) ||
		    (names[i].reg_old &&
		     outlook_eqi(name, n, names[i].reg_old)))
			return i;
	return -1;
}

int outlook_field_by_prf(const char *name, size_t n)
{
	for (int i = 0; i < OF__COUNT; i++)
		if (outlook_eqi(name, n, names[i].prf))
			return i;
	return -1;
}

bool outlook_field_is_number(int fid)
{
	return fid >= 0 && fid < OF__COUNT && names[fid].number;
}

const char *outlook_field_name(int fid)
{
	return fid >= 0 && fid < OF__COUNT ? names[fid].prf : "?";
}

void outlook_field_clear(struct outlook_fields *f, int fid)
{
	free(f->f[fid].str);
	free(f->f[fid].where);
	memset(&f->f[fid], 0, sizeof f->f[fid]);
}

void outlook_field_set_str(struct outlook_fields *f, int fid, char *str,
			   unsigned line)
{
	outlook_field_clear(f, fid);
	f->f[fid].set = true;
	f->f[fid].str = str;
	f->f[fid].line = line;
}

void outlook_field_set_num(struct outlook_fields *f, int fid, long num,
			   unsigned line)
{
	outlook_field_clear(f, fid);
	f->f[fid].set = true;
	f->f[fid].num = num;
	f->f[fid].line = line;
}

void outlook_fields_done(struct outlook_fields *f)
{
	for (int i = 0; i < OF__COUNT; i++)
		outlook_field_clear(f, i);
}

/* A text field's value when present and not empty. */
static const char *text(const struct outlook_fields *f, int fid)
{
	const struct outlook_field *x = &f->f[fid];
	return x->set && x->str && x->str[0] ? x->str : NULL;
}

bool outlook_fields_has_server(const struct outlook_fields *f)
{
	return text(f, OF_POP3_SERVER) || text(f, OF_IMAP_SERVER) ||
	       text(f, OF_SMTP_SERVER);
}

enum acct_security outlook_sec_by_port(int port)
{
	switch (port) {
	case 25:
	case 587:
	case 110:
	case 143:
		return ACCT_SEC_STARTTLS;
	default:
		return ACCT_SEC_TLS;
	}
}

enum md_status outlook_no_accounts(const char *name, struct md_err *err)
{
	return md_err_set(err, MD_ERR_NOTFOUND, name, 0,
			  _("%s holds no POP3, IMAP or SMTP account (Exchange "
			    "and Microsoft 365 accounts are not read)."),
			  outlook_name(name));
}

/* The source of a value: its line, its registry path (read live), or a
 * default (file -1, line 0). */
static struct acct_src src(struct acct_set *set, const struct outlook_fields *f,
			   int fid, int file)
{
	struct acct_src s = {-1, 0};
	if (f->f[fid].set && f->f[fid].where) {
		s.file = acct_set_file(set, f->f[fid].where);
		s.line = s.file < 0 ? 0 : ACCT_LINE_WHOLE;
	} else if (f->f[fid].set) {
		s.file = file;
		s.line = f->f[fid].line;
	}
	return s;
}

/* Outlook's 0-3 encryption setting (ENCRYPT_CONN_*). */
static enum acct_security sec_enum(long v)
{
	switch (v) {
	case 0:
		return ACCT_SEC_PLAIN;
	case 1:
		return ACCT_SEC_TLS;
	case 2:
		return ACCT_SEC_STARTTLS;
	case 3:
		return ACCT_SEC_AUTO;
	default:
		return ACCT_SEC_UNKNOWN;
	}
}

static enum md_status port_of(const struct outlook_fields *f, int fid,
			      const struct outlook_origin *o, int *port,
			      struct md_err *err)
{
	*port = 0;
	if (!f->f[fid].set)
		return MD_OK;
	long v = f->f[fid].num;
	if ((v < 0 || v > 65535) && f->f[fid].where)
		return md_err_set(err, MD_ERR_PARSE, f->f[fid].where, 0,
				  _("The registry value %s is not a port "
				    "number from 1 to 65535."),
				  f->f[fid].where);
	if (v < 0 || v > 65535)
		return md_err_set(err, MD_ERR_PARSE, o->source, f->f[fid].line,
				  _("In %s, the port on line %u is not a "
				    "number from 1 to 65535."),
				  outlook_name(o->source), f->f[fid].line);
	*port = (int)v;
	return MD_OK;
}

static bool dup_into(char **dst, const char *s)
{
	if (!s)
		return true;
	*dst = acct_strdup(s);
	return *dst != NULL;
}

/* The incoming server; *index is its place in set->incoming. */
static enum md_status add_incoming(const struct outlook_fields *f,
				   const struct outlook_origin *o,
				   enum acct_proto proto, int file,
				   struct acct_set *set, int *index,
				   struct md_err *err)
{
	bool imap = proto == ACCT_PROTO_IMAP;
	int fsrv = imap ? OF_IMAP_SERVER : OF_POP3_SERVER;
	int fuser = imap ? OF_IMAP_USER : OF_POP3_USER;
	int fport = imap ? OF_IMAP_PORT : OF_POP3_PORT;
	int fssl = imap ? OF_IMAP_SSL : OF_POP3_SSL;
	int fspa = imap ? OF_IMAP_SPA : OF_POP3_SPA;
	int port;
	enum md_status st = port_of(f, fport, o, &port, err);
	if (st != MD_OK)
		return st;
	struct acct_server *s = acct_set_add_incoming(set);
	if (!s)
		return md_err_set(err, MD_ERR_NOMEM, o->source, 0, NULL);
	*index = (int)(set->n_incoming - 1);
	s->proto = proto;
	s->port = port;
	s->security =
	    f->f[fssl].set ? sec_enum(f->f[fssl].num) : ACCT_SEC_PLAIN;
	s->auth = f->f[fspa].set && f->f[fspa].num ? ACCT_AUTH_NTLM
						   : ACCT_AUTH_PASSWORD;
	s->src_host = src(set, f, fsrv, file);
	s->src_port = src(set, f, fport, file);
	s->src_security = src(set, f, fssl, file);
	s->src_auth = src(set, f, fspa, file);
	s->src_user = src(set, f, fuser, file);
	if (!dup_into(&s->key, o->key) || !dup_into(&s->profile, o->profile) ||
	    !dup_into(&s->type_name, imap ? "imap" : "pop3") ||
	    !dup_into(&s->host, text(f, fsrv)) ||
	    !dup_into(&s->user, text(f, fuser)) ||
	    !dup_into(&s->account_name, text(f, OF_ACCOUNT_NAME)))
		return md_err_set(err, MD_ERR_NOMEM, o->source, 0, NULL);
	return MD_OK;
}

/* SMTP authentication: Use Auth, then Auth Method (SMTP_AUTH_*), then SPA. */
static void smtp_auth(struct acct_set *set, const struct outlook_fields *f,
		      int file, struct acct_server *s)
{
	const struct outlook_field *use = &f->f[OF_SMTP_USE_AUTH];
	const struct outlook_field *method = &f->f[OF_SMTP_AUTH_METHOD];
	const struct outlook_field *spa = &f->f[OF_SMTP_SPA];
	s->auth = ACCT_AUTH_NONE;
	s->src_auth = src(set, f, OF_SMTP_USE_AUTH, file);
	if (use->set && !use->num)
		return;
	if (!use->set && !method->set)
		return;
	s->auth = ACCT_AUTH_SAME_AS_INCOMING;
	if (method->set) {
		s->src_auth = src(set, f, OF_SMTP_AUTH_METHOD, file);
		if (method->num == 1)
			s->auth = ACCT_AUTH_PASSWORD;
		else if (method->num == 2)
			s->auth = ACCT_AUTH_POP_BEFORE_SMTP;
		else if (method->num != 0)
			s->auth = ACCT_AUTH_UNKNOWN;
	}
	if (spa->set && spa->num && s->auth == ACCT_AUTH_PASSWORD) {
		s->auth = ACCT_AUTH_NTLM;
		s->src_auth = src(set, f, OF_SMTP_SPA, file);
	}
}

/* The SMTP server; *index is its place in set->outgoing. */
static enum md_status add_outgoing(const struct outlook_fields *f,
				   const struct outlook_origin *o, int file,
				   struct acct_set *set, int *index,
				   struct md_err *err)
{
	int port;
	enum md_status st = port_of(f, OF_SMTP_PORT, o, &port, err);
	if (st != MD_OK)
		return st;
	struct acct_server *s = acct_set_add_outgoing(set);
	if (!s)
		return md_err_set(err, MD_ERR_NOMEM, o->source, 0, NULL);
	*index = (int)(set->n_outgoing - 1);
	s->port = port;
	s->security = ACCT_SEC_PLAIN;
	if (f->f[OF_SMTP_SECURE].set) {
		s->security = sec_enum(f->f[OF_SMTP_SECURE].num);
		s->src_security = src(set, f, OF_SMTP_SECURE, file);
	} else if (f->f[OF_SMTP_USE_SSL].set) {
		/* The old checkbox: as Thunderbird reads "encrypted", with
		 * Outlook's own default port 25 when none is given. */
		if (f->f[OF_SMTP_USE_SSL].num)
			s->security = outlook_sec_by_port(port ? port : 25);
		s->src_security = src(set, f, OF_SMTP_USE_SSL, file);
	}
	smtp_auth(set, f, file, s);
	s->src_host = src(set, f, OF_SMTP_SERVER, file);
	s->src_port = src(set, f, OF_SMTP_PORT, file);
	s->src_user = src(set, f, OF_SMTP_USER, file);
	if (!dup_into(&s->key, o->key) || !dup_into(&s->profile, o->profile) ||
	    !dup_into(&s->type_name, "smtp") ||
	    !dup_into(&s->host, text(f, OF_SMTP_SERVER)) ||
	    !dup_into(&s->user, text(f, OF_SMTP_USER)))
		return md_err_set(err, MD_ERR_NOMEM, o->source, 0, NULL);
	return MD_OK;
}

/* Which incoming protocol: the file's word when its server is there,
 * else IMAP before POP3, else none. */
static enum acct_proto incoming_proto(const struct outlook_fields *f,
				      enum acct_proto hint)
{
	bool imap = text(f, OF_IMAP_SERVER), pop = text(f, OF_POP3_SERVER);
	if (hint == ACCT_PROTO_IMAP && imap)
		return ACCT_PROTO_IMAP;
	if (hint == ACCT_PROTO_POP3 && pop)
		return ACCT_PROTO_POP3;
	if (imap)
		return ACCT_PROTO_IMAP;
	if (pop)
		return ACCT_PROTO_POP3;
	return ACCT_PROTO_UNKNOWN;
}

enum md_status outlook_fields_add(const struct outlook_fields *f,
				  const struct outlook_origin *o,
				  struct acct_set *set, struct md_err *err)
{
	int file = acct_set_file(set, outlook_name(o->source));
	if (file < 0)
		return md_err_set(err, MD_ERR_NOMEM, o->source, 0, NULL);
	int in = -1, out = -1;
	enum md_status st = MD_OK;
	enum acct_proto proto = incoming_proto(f, o->hint);
	if (proto != ACCT_PROTO_UNKNOWN)
		st = add_incoming(f, o, proto, file, set, &in, err);
	if (st == MD_OK && text(f, OF_SMTP_SERVER))
		st = add_outgoing(f, o, file, set, &out, err);
	if (st != MD_OK)
		return st;
	struct acct_account *a = acct_set_add_account(set);
	if (!a)
		return md_err_set(err, MD_ERR_NOMEM, o->source, 0, NULL);
	a->client = o->client;
	a->incoming = in;
	a->live = o->live;
	if (!dup_into(&a->key, o->key) || !dup_into(&a->profile, o->profile) ||
	    !dup_into(&a->source, outlook_name(o->source)) ||
	    !dup_into(&a->locator, o->locator))
		return md_err_set(err, MD_ERR_NOMEM, o->source, 0, NULL);
	struct acct_identity *id = acct_account_add_identity(a);
	if (!id)
		return md_err_set(err, MD_ERR_NOMEM, o->source, 0, NULL);
	id->outgoing = out;
	id->src_email = src(set, f, OF_EMAIL, file);
	id->src_outgoing = src(set, f, OF_SMTP_SERVER, file);
	if (!dup_into(&id->key, o->key) ||
	    !dup_into(&id->email, text(f, OF_EMAIL)) ||
	    !dup_into(&id->name, text(f, OF_DISPLAY_NAME)) ||
	    (out >= 0 && !dup_into(&id->outgoing_key, o->key)))
		return md_err_set(err, MD_ERR_NOMEM, o->source, 0, NULL);
	return MD_OK;
}
