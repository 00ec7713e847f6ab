/* account.h — the neutral model of a person's mail settings: every client
 * reader (Thunderbird, Outlook) fills it, every front end shows it and the
 * diagnosis reads it. Each value remembers the file and line it came from.
 *
 * Ownership: a struct acct_set owns everything reachable from it; strings are
 * heap copies freed by acct_set_free(). Servers are referred to by index into
 * the set's arrays, so that identities of one profile can share a server. */
#ifndef MD_ACCOUNT_H
#define MD_ACCOUNT_H

#include "core/base/proto_words.h"

#include <stdbool.h>
#include <stddef.h>

enum acct_client {
	ACCT_CLIENT_THUNDERBIRD,  /* a Thunderbird profile */
	ACCT_CLIENT_OUTLOOK,	  /* an Outlook registry export or .prf */
	ACCT_CLIENT_AUTODISCOVER, /* an Autodiscover (POX) response */
	ACCT_CLIENT_TYPED,	  /* an address typed by the person: the
				     provider's published settings */
};

enum acct_security {
	ACCT_SEC_UNKNOWN,      /* not said */
	ACCT_SEC_PLAIN,	       /* no encryption */
	ACCT_SEC_STARTTLS_TRY, /* STARTTLS only if offered (old, unsafe) */
	ACCT_SEC_STARTTLS,     /* STARTTLS required */
	ACCT_SEC_TLS,	       /* implicit TLS ("SSL/TLS") */
	ACCT_SEC_AUTO,	       /* Outlook "Auto": the client picks */
};

enum acct_auth {
	ACCT_AUTH_UNKNOWN,   /* not said */
	ACCT_AUTH_NONE,	     /* no authentication */
	ACCT_AUTH_OLD,	     /* Thunderbird 2: POP USER/PASS, IMAP LOGIN */
	ACCT_AUTH_PASSWORD,  /* normal password (AUTH PLAIN/LOGIN) */
	ACCT_AUTH_ENCRYPTED, /* CRAM-MD5 / DIGEST-MD5 */
	ACCT_AUTH_GSSAPI,    /* Kerberos */
	ACCT_AUTH_NTLM,
	ACCT_AUTH_TLS_CERT, /* TLS client certificate (EXTERNAL) */
	ACCT_AUTH_ANY,	    /* whatever works (discouraged) */
	ACCT_AUTH_OAUTH2,
	ACCT_AUTH_SAME_AS_INCOMING, /* Outlook: use the incoming login */
	ACCT_AUTH_POP_BEFORE_SMTP,  /* Outlook: log on to incoming first */
};

/* Where a value came from. file indexes acct_set.files; line 0 means the
 * value was not in the file and is a default; ACCT_LINE_WHOLE that the
 * "file" names the value itself (a value of the Windows registry, read
 * live: "HKEY_CURRENT_USER\...\00000002\SMTP Port"), which has no line. */
struct acct_src {
	int file;      /* index into acct_set.files, or -1 */
	unsigned line; /* 1-based line, 0 for a default, or ACCT_LINE_WHOLE */
};

#define ACCT_LINE_WHOLE 0xFFFFFFFFu

/* Where a value was read, as the person reads it: "FILE:LINE", or FILE
 * alone for ACCT_LINE_WHOLE (a registry value's path). Into buf (len
 * bytes), returned. */
char *acct_where(const char *file, unsigned line, char *buf, size_t len);

/* A mail server, incoming or outgoing. */
struct acct_server {
	char *key; /* the client's own key ("smtp1", "server2", "00000002") */
	char *profile; /* the profile/source this server belongs to */
	enum acct_proto proto;
	char *
	    type_name; /* the client's own type word ("imap", "ews"), or NULL */
	char *host;    /* NULL when absent */
	int port;      /* 0: the protocol's default for the security */
	bool port_default; /* port is the client's own default: the settings
			      name none (Thunderbird fills it in) */
	enum acct_security security;
	enum acct_auth auth;
	char *user;	    /* login name, NULL when absent */
	char *description;  /* outgoing: the label the person gave it
			       (mail.smtpserver.N.description), NULL when
			       absent */
	char *account_name; /* incoming: the name of the account it belongs
			       to (Thunderbird mail.server.N.name, Outlook
			       Account Name), NULL when absent */
	bool is_default;    /* the profile's default outgoing server */
	bool orphaned; /* outgoing server no identity uses (evidence, S4) */
	struct acct_src src_host, src_port, src_security, src_auth, src_user;
};

/* Who the person sends as. */
struct acct_identity {
	char *key;	    /* "id1", or the Outlook account number */
	char *email;	    /* NULL when absent */
	char *name;	    /* full name, NULL when absent */
	int outgoing;	    /* index into acct_set.outgoing, or -1 */
	bool uses_default;  /* no own choice: the profile's default server */
	char *outgoing_key; /* the key named in the settings, even if missing */
	struct acct_src src_email, src_outgoing;
};

/* One account: an incoming server and the identities that use it. */
struct acct_account {
	enum acct_client client;
	char *key;     /* "account1", Outlook subkey, … */
	char *source;  /* the profile folder or the file read */
	char *profile; /* profile name as the person sees it, or NULL */
	char *locator; /* where the client keeps it: an Outlook account's
			  registry key, or NULL */
	bool live;     /* read from the client's own store, which a fix
			  writes (Outlook: the Windows registry itself, not
			  an export) */
	int incoming;  /* index into acct_set.incoming, or -1 */
	struct acct_identity *identities;
	size_t n_identities;
};

/* Everything read from one or more clients. */
struct acct_set {
	struct acct_account *accounts;
	size_t n_accounts;
	struct acct_server *incoming;
	size_t n_incoming;
	struct acct_server *outgoing; /* all outgoing servers, orphans too */
	size_t n_outgoing;
	char **files; /* source files, referred to by acct_src */
	size_t n_files;
};

/* A new empty set; NULL when out of memory. Free with acct_set_free(). */
struct acct_set *acct_set_new(void);
void acct_set_free(struct acct_set *set);

/* Index of path in set->files, adding a copy if new; -1 on no memory. */
int acct_set_file(struct acct_set *set, const char *path);

/* Append a zeroed account / server and return it (owned by the set), or NULL
 * when out of memory. Pointers returned earlier may move: hold indexes. */
struct acct_account *acct_set_add_account(struct acct_set *set);
struct acct_server *acct_set_add_incoming(struct acct_set *set);
struct acct_server *acct_set_add_outgoing(struct acct_set *set);
struct acct_identity *acct_account_add_identity(struct acct_account *acc);

/* Move every account, server and file of src into dst, fixing indexes.
 * src is left empty (free it as usual). Returns false when out of memory,
 * in which case dst is unchanged. */
bool acct_set_merge(struct acct_set *dst, struct acct_set *src);

/* Mark outgoing servers no identity of their profile uses as orphaned. */
void acct_set_mark_orphans(struct acct_set *set);

/* The protocol's default port with implicit TLS or not, from the one port
 * table (core/base/ports.h): SMTP 465/25, IMAP 993/143, POP3 995/110. */
int acct_proto_default_port(enum acct_proto proto, bool tls);

/* The port a server really uses: its own, or the protocol default for its
 * security (SMTP 25/465, IMAP 143/993, POP3 110/995). 0 when unknown. */
int acct_server_port(const struct acct_server *srv);

/* Stable words for JSON and tables ("plain", "starttls", "tls", …). */
const char *acct_security_word(enum acct_security sec);
const char *acct_auth_word(enum acct_auth auth);
const char *acct_proto_word(enum acct_proto proto);
const char *acct_client_word(enum acct_client client);

/* Strings: a heap copy (NULL stays NULL); aborts never, NULL on no memory. */
char *acct_strdup(const char *s);

#endif
