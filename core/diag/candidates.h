/* candidates.h — servers that could replace an identity's outgoing server,
 * from the evidence at hand: the profile's other (often orphaned) servers
 * for the same domain, the knowledge base, and the incoming server of the
 * account. The check probes them; the diagnosis offers those that worked. */
#ifndef MD_CANDIDATES_H
#define MD_CANDIDATES_H

#include "core/model/account.h"
#include "core/base/err.h"
#include "core/model/fixdef.h"

#include <stddef.h>

struct kb;

enum candidate_source {
	CAND_PROFILE,	 /* another outgoing server of the same profile (or
			    one another identity of the account uses) */
	CAND_KB,	 /* the provider's published settings */
	CAND_DISCOVERED, /* found by discovery (autoconfig, SRV, MX, guess) */
	CAND_INCOMING, /* the account's incoming host, as a submission guess */
};

struct candidate {
	struct fix_server server; /* owned strings */
	enum candidate_source source;
	struct acct_src src; /* CAND_PROFILE: where it is defined */
	const char *key;     /* CAND_PROFILE: the server's key in the
				profile (borrowed from the set) */
};

struct candidate_list {
	struct candidate *items; /* best evidence first, no duplicates */
	size_t n;
};

struct kb_settings;

/* Candidates for identity j of account a (indexes into set), excluding
 * the server it uses now: for an identity without an outgoing server the
 * servers of the account's other identities (then of the same domain's
 * in the profile) first; the profile's, the kb's, then found (settings
 * discovery found for the address, may be NULL), then the incoming host.
 * kb may be NULL. MD_ERR_NOMEM only. */
enum md_status candidates_for(const struct acct_set *set, size_t a, size_t j,
			      const struct kb *kb,
			      const struct kb_settings *found,
			      struct candidate_list *out, struct md_err *err);

void candidate_list_done(struct candidate_list *list);

#endif
