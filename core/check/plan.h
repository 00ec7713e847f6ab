/* plan.h — which endpoints a check probes: the servers in the person's
 * settings, the same hosts on the other usual ports, the provider's
 * alternate hosts, and the servers that could replace an outgoing server.
 * Each endpoint is probed on every address of its name. */
#ifndef MD_PLAN_H
#define MD_PLAN_H

#include "core/model/account.h"
#include "core/diag/diagnose.h"
#include "core/base/err.h"

#include <stddef.h>

struct kb;

struct plan_endpoint {
	char *host;
	int port;
	enum acct_proto proto;
	enum acct_security security;  /* PLAIN, STARTTLS or TLS */
	enum diag_purpose purpose;
	char *for_email;              /* the identity, or NULL */
	char *user;                   /* DIAG_CONFIGURED: the login, or NULL */
};

struct plan {
	struct plan_endpoint *items;
	size_t n;
	char **domains;               /* sender domains to look up (SPF…) */
	size_t n_domains;
};

/* Plan the endpoints for the identities of set (only the n_identities
 * addresses of identities when n_identities > 0). kb may be NULL.
 * MD_ERR_NOMEM only. Free with plan_done(). */
enum md_status plan_make(const struct acct_set *set,
			 const char *const *identities, size_t n_identities,
			 const struct kb *kb, struct plan *out,
			 struct md_err *err);

void plan_done(struct plan *p);

#endif
