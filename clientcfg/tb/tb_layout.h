/* tb_layout.h — Thunderbird's preference layout as data, the one place both
 * the reader (tb_accounts.c) and the writer (fix_tb.c) learn it from: which
 * pref leaf holds which field of the model, of which type, whether it falls
 * back to the branch's "default." entry, the code maps (socketType /
 * try_ssl, authMethod), the default ports and the start-up migrations.
 *
 * Every fact names its source in tb_layout.c (comm-central file, and the
 * Thunderbird version where it matters). */
#ifndef MD_TB_LAYOUT_H
#define MD_TB_LAYOUT_H

#include "clientcfg/tb/prefs.h"
#include "core/model/account.h"

#include <stdbool.h>

/* A pref branch holding one kind of object, keyed ("smtp1", "server2"). */
enum tb_branch {
	TB_BR_SMTP,	/* mail.smtpserver.<key>.  (SMTP outgoing servers) */
	TB_BR_OUTGOING, /* mail.outgoingserver.<key>.  (EWS / Graph, TB 130+) */
	TB_BR_INCOMING, /* mail.server.<key>. */
	TB_BR_IDENTITY, /* mail.identity.<key>. */
	TB_BR_ACCOUNT,	/* mail.account.<key>. */
};

/* A field of the model that a pref holds. */
enum tb_field {
	TB_F_TYPE,	  /* server type word ("smtp", "ews", "imap", "pop3") */
	TB_F_HOST,	  /* host name */
	TB_F_REALHOST,	  /* incoming: the host Server Settings changed to */
	TB_F_PORT,	  /* port; absent or 0: the default (tb_default_port) */
	TB_F_SECURITY,	  /* socketType code (SMTP: try_ssl) */
	TB_F_LEGACY_SSL,  /* incoming: the old isSecure bool */
	TB_F_AUTH,	  /* authMethod code */
	TB_F_USER,	  /* login name */
	TB_F_DESCRIPTION, /* the label the person gave (SMTP, EWS) */
	TB_F_NAME,	  /* incoming: the account's name */
	TB_F_EWS_URL,	  /* EWS / Graph: the service URL */
	TB_F_EMAIL,	  /* identity: the address */
	TB_F_FULLNAME,	  /* identity: the person's name */
	TB_F_SMTP_KEY,	  /* identity: the outgoing server's key */
	TB_F_SERVER_KEY,  /* account: the incoming server's key */
	TB_F_IDENTITIES,  /* account: comma list of identity keys */
};

/* One pref: where a field lives in a branch. */
struct tb_pref {
	enum tb_branch branch;
	enum tb_field field;
	const char *leaf;     /* "hostname", "try_ssl", … */
	enum prefs_type type; /* the type Thunderbird reads it as */
	bool default_branch;  /* absent → "<branch>default.<leaf>" */
};

/* The pref of a field in a branch, or NULL when the branch has none. */
const struct tb_pref *tb_pref_of(enum tb_branch branch, enum tb_field field);

/* "mail.smtpserver.smtp1.port"; "default" as key gives the default entry.
 * g_malloc'd, the caller g_free()s it. */
char *tb_pref_name(const struct tb_pref *p, const char *key);

/* Global prefs. */
#define TB_PREF_SMTP_SERVERS "mail.smtpservers"
#define TB_PREF_SMTP_DEFAULT "mail.smtp.defaultserver"
#define TB_PREF_ACCOUNTS     "mail.accountmanager.accounts"
#define TB_PREF_UI_VERSION   "mail.ui-rdf.version"

/* A socketType / try_ssl code as Thunderbird uses it today. */
enum acct_security tb_security_of(long code);
/* The code written for a security (PLAIN 0, STARTTLS 2, TLS 3); -1 for a
 * security Thunderbird cannot be set to. */
long tb_security_code(enum acct_security sec);

/* An authMethod code, and back (-1 when there is none). */
enum acct_auth tb_auth_of(long code);
long tb_auth_code(enum acct_auth auth);

/* The port Thunderbird connects to when the port pref is absent, 0 or
 * -1: SMTP 465 (SSL/TLS) or 587, IMAP 993/143, POP3 995/110; 0 for other
 * protocols. */
int tb_default_port(enum acct_proto proto, enum acct_security sec);

/* Migration 35 (MailMigrator._migrateUI): Thunderbird sets OAuth2 on the
 * office365 servers at its next start when mail.ui-rdf.version is 1..34 (0
 * is a new profile, never migrated). Migration 44 needs no rule here: the
 * code maps already read try_ssl 1 as 2, as the clients act on it. */
bool tb_migrates_office365_oauth(long ui_version);

#endif
