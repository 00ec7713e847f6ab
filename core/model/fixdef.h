/* fixdef.h — a fix as data: what the diagnosis proposes and clientcfg
 * applies, e.g. "send as haha@shirao.example through mail.shirao.example,
 * port 587, STARTTLS, normal password, user haha". */
#ifndef MD_FIXDEF_H
#define MD_FIXDEF_H

#include "core/model/account.h"

#include <stdbool.h>

enum fix_kind {
	FIX_SET_OUTGOING, /* an identity's outgoing server becomes `server` */
	FIX_SET_INCOMING, /* the account's incoming server `server_key` is
			     reached at `server` (host, port, security) */
};

/* An outgoing server as the fix wants it. */
struct fix_server {
	char *host;
	int port;		     /* explicit, never 0 */
	enum acct_security security; /* PLAIN, STARTTLS or TLS */
	enum acct_auth auth; /* NONE, PASSWORD, ENCRYPTED, OAUTH2, … */
	char *user;	     /* login name, NULL for none */
};

struct fix {
	char *id; /* stable id, e.g. "smtp-own-domain-587" */
	enum fix_kind kind;
	enum acct_client client;
	char *source;	      /* the profile folder or Outlook file */
	char *identity_key;   /* the client's key of the identity ("id1") */
	char *identity_email; /* for messages */
	char *server_key;     /* the client's key of the server the fix
				 changes, as the reader found it:
				 FIX_SET_INCOMING the incoming server
				 ("server1"); FIX_SET_OUTGOING an existing
				 outgoing server to reuse ("smtp2"), or NULL
				 for a new one */
	struct fix_server server;
	bool verified; /* a probe proved it works from here */
	bool insecure; /* seen only under --insecure (certificates
			  not checked): never verified */
};

/* A deep copy of f (NULL when out of memory); free with fix_free(). */
struct fix *fix_copy(const struct fix *f);
void fix_free(struct fix *f);

#endif
