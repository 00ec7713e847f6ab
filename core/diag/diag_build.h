/* diag_build.h — what the rules write findings with (diag_build.c): the
 * findings being built, a finding with its evidence and fixes, and the
 * look-ups a rule needs while writing. Not for use outside core/diag. */
#ifndef MD_DIAG_BUILD_H
#define MD_DIAG_BUILD_H

#include "core/base/attr.h"

#include "core/diag/diagnose.h"

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
/* The same, the text a printf of fmt; nothing when out of memory. */
void diag_evidence_textf(struct diag_ctx *ctx, enum evidence_kind kind,
			 const char *fmt, ...) MD_PRINTF(3, 4);
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
char *diag_fmt(const char *fmt, ...) MD_PRINTF(1, 2);

#endif
