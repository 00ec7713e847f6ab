/* plan.h — which endpoints a check probes: the servers in the person's
 * settings, the same hosts on the other usual ports, the provider's
 * alternate hosts, and the servers that could replace an outgoing server.
 * Each endpoint is probed on every address of its name. */
#ifndef MD_PLAN_H
#define MD_PLAN_H

#include "core/model/account.h"
#include "core/base/err.h"

#include <stdbool.h>
#include <stddef.h>

struct kb;

/* Why an endpoint was probed. */
enum diag_purpose {
	DIAG_CONFIGURED,  /* a server in the person's settings */
	DIAG_ALTERNATIVE, /* the same host on another port or security */
	DIAG_ALT_HOST,	  /* another host of the provider (dual-stack) */
	DIAG_CANDIDATE,	  /* a server that could replace the configured one */
	DIAG_PORT25_TEST, /* port 25 of a far mail server: is 25 blocked? */
};

struct plan_endpoint {
	char *host;
	int port;
	enum acct_proto proto;
	enum acct_security security; /* PLAIN, STARTTLS or TLS */
	enum diag_purpose purpose;
	char *for_email; /* the identity, or NULL */
	char *user;	 /* DIAG_CONFIGURED: the login, or NULL */
};

struct plan {
	struct plan_endpoint *items;
	size_t n;
	char **domains; /* sender domains to look up (SPF…) */
	size_t n_domains;
};

/* Plan the endpoints for the identities of set (only the n_identities
 * addresses of identities when n_identities > 0). kb may be NULL.
 * MD_ERR_NOMEM only. Free with plan_done(). */
enum md_status plan_make(const struct acct_set *set,
			 const char *const *identities, size_t n_identities,
			 const struct kb *kb, struct plan *out,
			 struct md_err *err);

/* Add one endpoint unless the same host, port, protocol and security is
 * planned already (the first purpose, the most telling, stays); sec is
 * probed as the client would at best (STARTTLS for "if offered" and
 * unknown). *added (may be NULL) tells whether it is new: it is then
 * p->items[p->n - 1]. A bad host or port is skipped. False on no memory.
 * plan_make() adds through it, and so does a check for the endpoints
 * discovery finds late. */
bool plan_add(struct plan *p, const char *host, int port, enum acct_proto proto,
	      enum acct_security sec, enum diag_purpose purpose,
	      const char *email, bool *added);

/* Add one endpoint a person named (`probe HOST:PORT`) as named: no
 * duplicate is dropped, sec stays as asked (ACCT_SEC_STARTTLS_TRY:
 * STARTTLS when offered), the purpose is DIAG_CONFIGURED. A bad host or
 * port is skipped. False on no memory. */
bool plan_add_named(struct plan *p, const char *host, int port,
		    enum acct_proto proto, enum acct_security sec);

void plan_done(struct plan *p);

#endif
