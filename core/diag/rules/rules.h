/* rules.h — the rules of the diagnosis, and the helpers they share for
 * writing findings. Each rule looks at the whole input and adds findings.
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
 */
#ifndef MD_RULES_H
#define MD_RULES_H

#include "core/diag/diagnose.h"
#include "core/base/names.h"

#include <stdbool.h>

/* The findings being built, and the first failure (memory). */
struct diag_ctx {
	const struct diag_input *in;
	struct finding_list *out;
	bool nomem;
};

/* Add a finding; summary and explanation are translated text (copied).
 * Returns NULL (and sets ctx->nomem) when out of memory. The pointer is
 * valid until the next diag_add(). */
struct finding *diag_add(struct diag_ctx *ctx, const char *id,
			 enum finding_severity sev, const char *identity,
			 const char *summary, const char *explanation);

/* Probe p's results, for a rule: p itself, after noting that the findings
 * depend on them (a pending probe sets *in->waits). A rule filters probes
 * on their endpoint first and reads outcome, address, family, tls_*,
 * auth*, starttls_offered or reply only of what this returned. */
const struct diag_probe *diag_seen(const struct diag_input *in,
				   const struct diag_probe *p);

/* Evidence lines (copied). The finding is the last one added. */
void diag_evidence_config(struct diag_ctx *ctx, const struct acct_set *set,
			  struct acct_src src, const char *text);
void diag_evidence_probe(struct diag_ctx *ctx, const struct diag_probe *p);
void diag_evidence_text(struct diag_ctx *ctx, enum evidence_kind kind,
			const char *text);
/* One EV_TEXT line per source of a knowledge-base fact (NULL: none). */
struct kb_fact;
void diag_evidence_fact(struct diag_ctx *ctx, const struct kb_fact *fact);

/* Append a fix (copied) to the last finding; with in->insecure the copy
 * is marked insecure and not verified. */
void diag_fix(struct diag_ctx *ctx, const struct fix *fix);

/* The finding id already made about identity (NULL: any), or NULL. */
struct finding *diag_find(struct diag_ctx *ctx, const char *id,
			  const char *identity);

/* Identities to judge: every one, or only in->identities. */
bool diag_wanted(const struct diag_input *in, const struct acct_identity *id);

/* A printf into a new string (NULL when out of memory). */
char *diag_fmt(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Whether candidate server s, proven by probe p (NULL offline), fits. */
typedef bool rules_fit_fn(const struct fix_server *s,
			  const struct diag_probe *p, const void *arg);

/* Offer identity j of account a's replacement servers (candidates.h) as
 * fixes of the last finding: online only those a probe proved, offline
 * all of them, marked as not verified; fit (may be NULL) filters them.
 * Returns how many were offered. (mismatch.c) */
size_t rules_offer_candidates(struct diag_ctx *ctx, size_t a, size_t j,
			      rules_fit_fn *fit, const void *arg);

/* The last finding (about identity id) needs another outgoing server and
 * none is known: say whom to ask for it and for what (the domain's
 * administrator; the server's name, port and encryption), and mark it
 * ask_server. (settings.c) */
void rules_ask_server(struct diag_ctx *ctx, const struct acct_identity *id);

void rules_mismatch(struct diag_ctx *ctx);
void rules_security(struct diag_ctx *ctx);
void rules_reach(struct diag_ctx *ctx);
void rules_domain(struct diag_ctx *ctx);
void rules_settings(struct diag_ctx *ctx);

#endif
