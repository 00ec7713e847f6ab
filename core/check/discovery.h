/* discovery.h — settings discovery for the addresses of a check, as a job
 * of its own: when an identity sends through a server outside its own
 * domain and the knowledge base does not know that domain, find the
 * domain's own settings the way Thunderbird would (discover.h's chain)
 * and hand each outgoing server found to the check through on_endpoint
 * (which adds it to the plan like every other endpoint), so that the
 * right server can be offered, proven, as a fix (case S4 without the old
 * server left in the profile). */
#ifndef MD_DISCOVERY_H
#define MD_DISCOVERY_H

#include "core/base/err.h"
#include "core/diag/diagnose.h"
#include "core/model/account.h"

#include <stdbool.h>
#include <stddef.h>

struct dns;
struct kb;
struct loop;
struct discovery;

#define DISCOVERY_MAX 8 /* addresses whose settings are discovered */

struct discovery_params {
	struct loop *loop;
	const struct acct_set *accounts; /* borrowed, outlive the job */
	const char *const *identities;	 /* only these addresses… */
	size_t n_identities;		 /* …or, when 0, every identity */
	const struct kb *kb;		 /* NULL: nothing is discovered */
	struct dns *dns;		 /* borrowed */
	const char *ca_file;		 /* extra CA for HTTPS, or NULL */
	unsigned http_ms;		 /* each HTTP fetch (limits.h) */
	const char *const *urls; /* tests: check_params' discover_urls */
	/* An outgoing server found for email (sec TLS or STARTTLS). */
	void (*on_endpoint)(void *ud, const char *host, int port,
			    enum acct_security sec, const char *email);
	/* One address' discovery is over: discovery_pending() may be 0. */
	void (*on_done)(void *ud);
	void *ud;
};

/* Start discovery for every address worth it (none without a kb). The
 * callbacks come from the loop. NULL with err filled (no memory). */
struct discovery *discovery_start(const struct discovery_params *p,
				  struct md_err *err);

/* Addresses whose discovery is not over (0 for NULL). */
size_t discovery_pending(const struct discovery *d);

/* What was found, for the diagnosis: at most max into out (borrowed,
 * valid until discovery_free()); the count. */
size_t discovery_found(const struct discovery *d, struct diag_found *out,
		       size_t max);

/* Stop every chain still running; they are over (nothing pending). */
void discovery_stop(struct discovery *d);

void discovery_free(struct discovery *d);

#endif
