/* fixes.c — the fixes more than one rule offers: another outgoing server
 * for an identity (the candidates, proven by a probe where one ran), or,
 * when none is known, whom to ask for it. */
#include "core/diag/rules/rules.h"

#include "core/diag/candidates.h"
#include "core/base/i18n.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* A probe of this candidate that worked (online), or NULL. The plan may
 * have probed it for another purpose first (the same host's other port). */
static const struct diag_probe *proof(const struct diag_input *in,
				      const struct fix_server *s)
{
	for (size_t i = 0; i < in->n_probes; i++) {
		const struct diag_probe *p = &in->probes[i];
		if (p->proto != ACCT_PROTO_SMTP || p->port != s->port ||
		    p->security != s->security ||
		    strcasecmp(p->host, s->host) != 0)
			continue;
		if (diag_seen(in, p)->outcome == MD_OUT_OK)
			return p;
	}
	return NULL;
}

size_t rules_offer_candidates(struct diag_ctx *ctx, size_t a, size_t j,
			      rules_fit_fn *fit, const void *arg)
{
	const struct acct_account *acc = &ctx->in->accounts->accounts[a];
	const struct acct_identity *id = &acc->identities[j];
	const struct diag_input *in = ctx->in;
	struct candidate_list cands;
	struct md_err err;
	const struct kb_settings *found = NULL;
	for (size_t i = 0; i < in->n_found; i++)
		if (in->found[i].email && id->email &&
		    strcasecmp(in->found[i].email, id->email) == 0)
			found = in->found[i].settings;
	if (candidates_for(in->accounts, a, j, in->kb, found, &cands, &err) !=
	    MD_OK) {
		ctx->nomem = true;
		return 0;
	}
	size_t offered = 0;
	for (size_t i = 0; i < cands.n; i++) {
		const struct candidate *c = &cands.items[i];
		const struct diag_probe *p =
		    in->offline ? NULL : proof(in, &c->server);
		if ((!in->offline && !p) || (fit && !fit(&c->server, p, arg)))
			continue;
		char *fid =
		    diag_fmt("use-%s-%d", c->server.host, c->server.port);
		struct fix f = {
		    .id = fid,
		    .kind = FIX_SET_OUTGOING,
		    .client = acc->client,
		    .source = acc->source,
		    .identity_key = id->key,
		    .identity_email = id->email,
		    .server_key = (char *)c->key,
		    .server = c->server,
		    .verified = p != NULL,
		};
		if (!fid) {
			ctx->nomem = true;
			break;
		}
		diag_fix(ctx, &f);
		free(fid);
		if (p)
			diag_evidence_probe(ctx, p);
		offered++;
	}
	candidate_list_done(&cands);
	return offered;
}

void rules_ask_server(struct diag_ctx *ctx, const struct acct_identity *id)
{
	struct finding *f =
	    ctx->out->n ? &ctx->out->items[ctx->out->n - 1] : NULL;
	const char *domain = name_domain_of(id->email);
	if (!f || !domain)
		return;
	char *more = diag_fmt(
	    _("maildoctor cannot tell which outgoing server serves %s: "
	      "there is none in the settings here and none in what it "
	      "knows. Ask the administrator of %s (whoever set up the "
	      "address) for the name of the outgoing server (SMTP) for %s, "
	      "with its port and encryption, for example \"smtp.%s, port "
	      "587, STARTTLS\". The wizard's fix screen (step 5) then "
	      "takes the name you type and shows the change before making "
	      "it."),
	    domain, domain, id->email, domain);
	/* TRANSLATORS: an explanation, then the sentences added to it (in
	 * Japanese without the space) */
	char *exp = !more ? NULL
		    : f->explanation
			? diag_fmt(_("%1$s %2$s"), f->explanation, more)
			: diag_fmt("%s", more);
	free(more);
	if (!exp) {
		ctx->nomem = true;
		return;
	}
	free(f->explanation);
	f->explanation = exp;
	f->ask_server = true;
}
