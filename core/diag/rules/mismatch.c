/* mismatch.c — case S4 and S6: an identity sends through a server of a
 * provider that does not serve its domain. Findings:
 * outgoing-server-mismatch, relay-no-forward-dns, sender-domain-rejected.
 * The fix is another outgoing server, from the profile's own evidence, the
 * knowledge base or a guess, verified by a probe where one ran (fixes.c). */
#include "core/diag/rules/rules.h"

#include "core/diag/candidates.h"
#include "core/base/i18n.h"
#include "core/kb/kb.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* Does provider p serve mail for domain d? */
static bool serves(const struct kb_provider *p, const char *d)
{
	for (size_t i = 0; p && i < p->n_domains; i++)
		if (strcasecmp(p->domains[i].name, d) == 0 ||
		    (p->domains[i].subdomains &&
		     name_in_domain(d, p->domains[i].name)))
			return true;
	return false;
}

/* The identity's server is under another domain, and the profile still
 * has a server under the identity's own domain: the trace of S4. */
static bool profile_has_own_server(const struct acct_set *set,
				   const struct acct_account *acc,
				   const char *domain, int current)
{
	for (size_t s = 0; s < set->n_outgoing; s++) {
		const struct acct_server *srv = &set->outgoing[s];
		if ((int)s != current && srv->profile && acc->source &&
		    strcmp(srv->profile, acc->source) == 0 &&
		    name_in_domain(srv->host, domain))
			return true;
	}
	return false;
}

static void config_evidence(struct diag_ctx *ctx, const struct acct_set *set,
			    const struct acct_identity *id,
			    const struct acct_server *srv)
{
	char *t = diag_fmt(_("identity %s: outgoing server %s (%s)"), id->email,
			   srv->host,
			   id->outgoing_key ? id->outgoing_key : "default");
	if (t)
		diag_evidence_config(ctx, set, id->src_outgoing, t);
	free(t);
	t = diag_fmt(_("%s hostname %s"), srv->key ? srv->key : "", srv->host);
	if (t)
		diag_evidence_config(ctx, set, srv->src_host, t);
	free(t);
}

static void fact_evidence(struct diag_ctx *ctx, const struct kb_fact *fact)
{
	diag_evidence_fact(ctx, fact);
}

static void mismatch(struct diag_ctx *ctx, size_t a, size_t j,
		     const struct kb_provider *ph)
{
	const struct acct_set *set = ctx->in->accounts;
	const struct acct_account *acc = &set->accounts[a];
	const struct acct_identity *id = &acc->identities[j];
	const struct acct_server *srv = &set->outgoing[id->outgoing];
	const char *domain = name_domain_of(id->email);
	char *sum = diag_fmt(_("Mail from %s goes out through %s, a server "
			       "of %s, not of %s."),
			     id->email, srv->host,
			     ph ? ph->name : _("another provider"), domain);
	char *exp = diag_fmt(
	    _("Your address belongs to %s, but the mail program sends it "
	      "through %s. Many receiving servers check that mail for "
	      "%s comes from the servers of %s; mail sent this way can be "
	      "refused or treated as spam, and you may never hear about "
	      "it. This often happens when a mail program or an update "
	      "replaces the outgoing server with the one of the Internet "
	      "provider."),
	    domain, srv->host, domain, domain);
	if (sum && exp &&
	    diag_add(ctx, "outgoing-server-mismatch", SEV_PROBLEM, id->email,
		     sum, exp)) {
		config_evidence(ctx, set, id, srv);
		if (rules_offer_candidates(ctx, a, j, NULL, NULL) == 0)
			rules_ask_server(ctx, id);
	} else {
		ctx->nomem = true;
	}
	free(sum);
	free(exp);
}

static void unfit_relay(struct diag_ctx *ctx, const struct acct_identity *id,
			const struct acct_server *srv,
			const struct kb_provider *ph, const struct kb_unfit *u)
{
	/* plain words here; the name pattern, DNS and the server's reply
	 * are the evidence, one key away */
	char *sum = diag_fmt(_("Mail sent through %s is handed on by other "
			       "servers of %s whose names are not on the "
			       "Internet, so careful receivers refuse it."),
			     srv->host, ph->name);
	char *exp = diag_fmt(
	    _("Mail sent through %s leaves %s from other servers whose "
	      "names cannot be found on the Internet. Many receiving "
	      "servers (company and family ones among them) check those "
	      "names and refuse such mail, and you may never hear about "
	      "it. Send through the outgoing server of your own address "
	      "instead."),
	    srv->host, ph->name);
	char *ev = diag_fmt(_("relay servers named like %s have no address "
			      "in DNS (the name does not resolve); receivers "
			      "answer, for example, \"450 4.7.1 Helo command "
			      "rejected: Host not found\""),
			    u->pattern);
	if (sum && exp && ev &&
	    diag_add(ctx, "relay-no-forward-dns", SEV_PROBLEM, id->email, sum,
		     exp)) {
		diag_evidence_text(ctx, EV_DNS, ev);
		fact_evidence(ctx, u->fact);
	} else {
		ctx->nomem = true;
	}
	free(sum);
	free(exp);
	free(ev);
}

static void sender_rule(struct diag_ctx *ctx, const struct acct_identity *id,
			const struct acct_server *srv,
			const struct kb_provider *ph,
			const struct kb_sender_rule *r)
{
	/* The dry run already proved it (rules/reach.c): add the source. */
	if (diag_find(ctx, "sender-domain-rejected", id->email)) {
		fact_evidence(ctx, r->fact);
		return;
	}
	/* no article before a provider's name: "a eo (eonet) address" */
	char *sum = diag_fmt(_("%s accepts mail only from senders with an "
			       "address from %s."),
			     srv->host, ph->name);
	const char *reply = r->reply ? r->reply : "550 5.7.1";
	char *exp =
	    r->since
		? diag_fmt(_("Since %s, %s accepts only senders with its own "
			     "addresses. Mail from %s is refused with \"%s\" "
			     "and is not delivered. Use the outgoing server of "
			     "your address's own provider, or a relay service "
			     "that accepts your domain."),
			   r->since, srv->host, id->email, reply)
		: diag_fmt(_("%s accepts only senders with its own addresses. "
			     "Mail from %s is refused with \"%s\" and is not "
			     "delivered. Use the outgoing server of your "
			     "address's own provider, or a relay service that "
			     "accepts your domain."),
			   srv->host, id->email, reply);
	if (sum && exp &&
	    diag_add(ctx, "sender-domain-rejected", SEV_BLOCKER, id->email, sum,
		     exp))
		fact_evidence(ctx, r->fact);
	else
		ctx->nomem = true;
	free(sum);
	free(exp);
}

/* One identity: judge its outgoing server against its domain. */
static void judge(struct diag_ctx *ctx, size_t a, size_t j)
{
	const struct acct_set *set = ctx->in->accounts;
	const struct acct_account *acc = &set->accounts[a];
	const struct acct_identity *id = &acc->identities[j];
	const char *domain = name_domain_of(id->email);
	if (!domain || id->outgoing < 0)
		return;
	const struct acct_server *srv = &set->outgoing[id->outgoing];
	if (!srv->host || srv->proto != ACCT_PROTO_SMTP ||
	    name_in_domain(srv->host, domain))
		return;
	const struct kb *kb = ctx->in->kb;
	const struct kb_provider *ph =
	    kb ? kb_by_host(kb, srv->host, NULL) : NULL;
	const struct kb_provider *pd = kb ? kb_by_domain(kb, id->email) : NULL;
	if (ph && (ph == pd || serves(ph, domain)))
		return; /* the provider's own server for its own domain */

	/* An access provider's server for another domain, or the profile
	 * still holding a server of the identity's own domain. */
	bool isp = ph && ph->kind == KB_KIND_ISP;
	if (isp || profile_has_own_server(set, acc, domain, id->outgoing))
		mismatch(ctx, a, j, ph);
	if (!ph)
		return;
	const struct kb_unfit *u = kb_unfit_relay(kb, srv->host);
	for (size_t i = 0; !u && i < ph->n_unfit; i++)
		u = &ph->unfit[i];
	if (u)
		unfit_relay(ctx, id, srv, ph, u);
	const struct kb_sender_rule *r = kb_sender_restriction(ph, srv->host);
	if (r)
		sender_rule(ctx, id, srv, ph, r);
}

void rules_mismatch(struct diag_ctx *ctx)
{
	const struct acct_set *set = ctx->in->accounts;
	for (size_t a = 0; set && a < set->n_accounts; a++)
		for (size_t j = 0; j < set->accounts[a].n_identities; j++)
			if (diag_wanted(ctx->in,
					&set->accounts[a].identities[j]))
				judge(ctx, a, j);
}
