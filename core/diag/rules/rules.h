/* rules.h — the rules of the diagnosis, and the fixes they share. Each
 * rule looks at the whole input and adds findings.
 *
 * | file         | finding ids                                              |
 * |--------------|----------------------------------------------------------|
 * | mismatch.c   | outgoing-server-mismatch, relay-no-forward-dns,          |
 * |              | sender-domain-rejected                                   |
 * | security.c   | plaintext-settings, oauth-required                       |
 * | reach.c      | no-network, dns-failure, host-not-found, port25-blocked, |
 * |              | port-blocked-on-path, tls-certificate-problem,           |
 * |              | auth-not-offered, auth-failed, sender-domain-rejected    |
 * |              | (the last two from a login and dry run, when asked)      |
 * | domain.c     | spf-excludes-relay, dmarc-missing, egress-on-dnsbl       |
 * | settings.c   | no-outgoing-server, user-js-override                     |
 * | intercept.c  | tls-intercepted (asked by reach.c for each server)       |
 *
 * fixes.c holds the fixes more than one rule offers (another outgoing
 * server, or whom to ask for it); the findings themselves are written
 * with core/diag/diag_build.h. */
#ifndef MD_RULES_H
#define MD_RULES_H

#include "core/diag/diag_build.h"
#include "core/base/names.h"

#include <stdbool.h>

/* Whether candidate server s, proven by probe p (NULL offline), fits. */
typedef bool rules_fit_fn(const struct fix_server *s,
			  const struct diag_probe *p, const void *arg);

/* Offer identity j of account a's replacement servers (candidates.h) as
 * fixes of the last finding: online only those a probe proved, offline
 * all of them, marked as not verified; fit (may be NULL) filters them.
 * Returns how many were offered. (fixes.c) */
size_t rules_offer_candidates(struct diag_ctx *ctx, size_t a, size_t j,
			      rules_fit_fn *fit, const void *arg);

/* The last finding (about identity id) needs another outgoing server and
 * none is known: say whom to ask for it and for what (the domain's
 * administrator; the server's name, port and encryption), and mark it
 * ask_server. (fixes.c) */
void rules_ask_server(struct diag_ctx *ctx, const struct acct_identity *id);

/* Whether probe p is of configured server s (its host, port, encryption
 * and protocol). (reach.c) */
bool rules_probe_of(const struct diag_probe *p, const struct acct_server *s);

/* A finding about server s of identity id with every probe row of s as
 * its evidence; takes sum and exp (heap, freed here; NULL means no
 * memory, which sets ctx->nomem). (reach.c) */
void rules_add_with_rows(struct diag_ctx *ctx, const char *fid,
			 enum finding_severity sev,
			 const struct acct_identity *id,
			 const struct acct_server *s, char *sum, char *exp);

/* A security product on this computer re-signs server s's certificate
 * (tls-intercepted): a problem when the probe refused that certificate
 * (then true: the certificate needs no other finding), a warning when
 * this computer trusts it (false). (intercept.c) */
bool rules_intercepted(struct diag_ctx *ctx, const struct acct_identity *id,
		       const struct acct_server *s);

void rules_mismatch(struct diag_ctx *ctx);
void rules_security(struct diag_ctx *ctx);
void rules_reach(struct diag_ctx *ctx);
void rules_domain(struct diag_ctx *ctx);
void rules_settings(struct diag_ctx *ctx);

#endif
