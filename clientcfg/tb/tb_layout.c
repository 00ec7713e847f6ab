/* tb_layout.c — Thunderbird's preference layout, code maps, default ports
 * and migrations as data (see tb_layout.h). Sources, all in comm-central
 * (github.com/mozilla/releases-comm-central, the tree of the current
 * release, MailMigrator at UI_VERSION 54, i.e. after 140 ESR's migration
 * 47); the 128 and 140 ESR trees themselves could not be read here, so a
 * default that changed between them is not known to this table:
 *   SMTP   mailnews/compose/src/SmtpServer.sys.mjs — hostname, port,
 *          username, description read from the server's own branch only;
 *          authMethod (default 3) and try_ssl (default 0) fall back to
 *          mail.smtpserver.default.*;
 *          mailnews/compose/src/SmtpClient.sys.mjs connect():
 *          `port || (requireTLS ? 465 : 587)`.
 *   list   mailnews/compose/src/OutgoingServerService.sys.mjs — servers are
 *          the keys of mail.smtpservers (split on ',', empty keys dropped,
 *          no trimming); mail.smtp.defaultserver, else the first server;
 *          mail.smtpserver.<key>.type, default "smtp"; an identity with a
 *          key that is not listed has no server.
 *   EWS    mailnews/protocols/ews (TB 130+): an outgoing server of type
 *          "ews" (or "graph") keeps its values in mail.outgoingserver.<key>.
 *          (username, auth_method, ews_url, description).
 *   in     mailnews/base/src/nsMsgIncomingServer.cpp — every value falls back
 *          to mail.server.default.*; GetPort: absent, -1 or 0 → the
 *          protocol's default for SSL or not (IMAP 143/993, POP3 110/995).
 *   codes  mailnews/base/public/MailNewsTypes2.idl nsMsgSocketType (0 plain,
 *          1 trySTARTTLS, 2 alwaysSTARTTLS, 3 SSL) and nsMsgAuthMethod.
 *          SmtpClient, ImapClient and Pop3Client all treat 1 exactly as 2:
 *          STARTTLS is sent and the connection is abandoned when the server
 *          does not offer it (SmtpClient constructor `alwaysSTARTTLS`,
 *          Imap/Pop3Client _actionChooseFirstAuthMethod).
 *   migr.  mail/base/modules/MailMigrator.sys.mjs _migrateUI, run at every
 *          start-up while mail.ui-rdf.version (0 = new profile, skipped) is
 *          below the current one: 35 sets OAuth2 for office365 hosts, 44
 *          (TB 132+) rewrites socketType/try_ssl 1 to 2. */
#include "clientcfg/tb/tb_layout.h"

#include <glib.h>
#include <stddef.h>

#define STR  PREFS_TYPE_STRING
#define INT  PREFS_TYPE_INT
#define BOOL PREFS_TYPE_BOOL

static const struct tb_pref prefs[] = {
    {TB_BR_SMTP, TB_F_TYPE, "type", STR, false},
    {TB_BR_SMTP, TB_F_HOST, "hostname", STR, false},
    {TB_BR_SMTP, TB_F_PORT, "port", INT, false},
    {TB_BR_SMTP, TB_F_SECURITY, "try_ssl", INT, true},
    {TB_BR_SMTP, TB_F_AUTH, "authMethod", INT, true},
    {TB_BR_SMTP, TB_F_USER, "username", STR, false},
    {TB_BR_SMTP, TB_F_DESCRIPTION, "description", STR, false},

    {TB_BR_OUTGOING, TB_F_USER, "username", STR, false},
    {TB_BR_OUTGOING, TB_F_AUTH, "auth_method", INT, false},
    {TB_BR_OUTGOING, TB_F_EWS_URL, "ews_url", STR, false},
    {TB_BR_OUTGOING, TB_F_DESCRIPTION, "description", STR, false},

    {TB_BR_INCOMING, TB_F_TYPE, "type", STR, true},
    {TB_BR_INCOMING, TB_F_HOST, "hostname", STR, true},
    {TB_BR_INCOMING, TB_F_REALHOST, "realhostname", STR, true},
    {TB_BR_INCOMING, TB_F_PORT, "port", INT, true},
    {TB_BR_INCOMING, TB_F_SECURITY, "socketType", INT, true},
    {TB_BR_INCOMING, TB_F_LEGACY_SSL, "isSecure", BOOL, false},
    {TB_BR_INCOMING, TB_F_AUTH, "authMethod", INT, true},
    {TB_BR_INCOMING, TB_F_USER, "userName", STR, true},
    {TB_BR_INCOMING, TB_F_NAME, "name", STR, true},

    {TB_BR_IDENTITY, TB_F_EMAIL, "useremail", STR, true},
    {TB_BR_IDENTITY, TB_F_FULLNAME, "fullName", STR, true},
    {TB_BR_IDENTITY, TB_F_SMTP_KEY, "smtpServer", STR, true},

    {TB_BR_ACCOUNT, TB_F_SERVER_KEY, "server", STR, false},
    {TB_BR_ACCOUNT, TB_F_IDENTITIES, "identities", STR, false},
};

static const char *const branch_prefix[] = {
    [TB_BR_SMTP] = "mail.smtpserver.",
    [TB_BR_OUTGOING] = "mail.outgoingserver.",
    [TB_BR_INCOMING] = "mail.server.",
    [TB_BR_IDENTITY] = "mail.identity.",
    [TB_BR_ACCOUNT] = "mail.account.",
};

const struct tb_pref *tb_pref_of(enum tb_branch branch, enum tb_field field)
{
	for (size_t i = 0; i < G_N_ELEMENTS(prefs); i++)
		if (prefs[i].branch == branch && prefs[i].field == field)
			return &prefs[i];
	return NULL;
}

char *tb_pref_name(const struct tb_pref *p, const char *key)
{
	return g_strdup_printf("%s%s.%s", branch_prefix[p->branch], key,
			       p->leaf);
}

/* nsMsgSocketType, as the protocol clients act on it (1 acts as 2). */
static const struct {
	long code;
	enum acct_security sec;
} security_codes[] = {
    {0, ACCT_SEC_PLAIN},
    {2, ACCT_SEC_STARTTLS},
    {3, ACCT_SEC_TLS},
    {1, ACCT_SEC_STARTTLS}, /* trySTARTTLS: required since the JS clients */
};

enum acct_security tb_security_of(long code)
{
	for (size_t i = 0; i < G_N_ELEMENTS(security_codes); i++)
		if (security_codes[i].code == code)
			return security_codes[i].sec;
	return ACCT_SEC_UNKNOWN;
}

long tb_security_code(enum acct_security sec)
{
	for (size_t i = 0; i < G_N_ELEMENTS(security_codes); i++)
		if (security_codes[i].sec == sec)
			return security_codes[i].code;
	return -1;
}

/* nsMsgAuthMethod; the first row of a value is the one written. */
static const struct {
	long code;
	enum acct_auth auth;
} auth_codes[] = {
    {1, ACCT_AUTH_NONE},      {2, ACCT_AUTH_OLD},    {3, ACCT_AUTH_PASSWORD},
    {4, ACCT_AUTH_ENCRYPTED}, {5, ACCT_AUTH_GSSAPI}, {6, ACCT_AUTH_NTLM},
    {7, ACCT_AUTH_TLS_CERT},  {9, ACCT_AUTH_ANY},    {10, ACCT_AUTH_OAUTH2},
    {8, ACCT_AUTH_ENCRYPTED}, /* "secure": CRAM-MD5 (or XOAUTH2) */
};

enum acct_auth tb_auth_of(long code)
{
	for (size_t i = 0; i < G_N_ELEMENTS(auth_codes); i++)
		if (auth_codes[i].code == code)
			return auth_codes[i].auth;
	return ACCT_AUTH_UNKNOWN;
}

long tb_auth_code(enum acct_auth auth)
{
	for (size_t i = 0; i < G_N_ELEMENTS(auth_codes); i++)
		if (auth_codes[i].auth == auth)
			return auth_codes[i].code;
	return -1;
}

int tb_default_port(enum acct_proto proto, enum acct_security sec)
{
	bool tls = sec == ACCT_SEC_TLS;
	switch (proto) {
	case ACCT_PROTO_SMTP:
		return tls ? 465 : 587;
	case ACCT_PROTO_IMAP:
		return tls ? 993 : 143;
	case ACCT_PROTO_POP3:
		return tls ? 995 : 110;
	default:
		return 0;
	}
}

bool tb_migrates_office365_oauth(long ui_version)
{
	return ui_version > 0 && ui_version < 35;
}
