/* domain.c — what receivers check about the sender's own domain (case S7)
 * and about this connection's address: spf-excludes-relay, dmarc-missing,
 * egress-on-dnsbl. The first and the last offer replacement servers a probe
 * proved (a server the SPF record allows; the provider's submission). Only
 * the person's own domains are judged: a provider's domain (known to the
 * knowledge base) is its administrators' business. */
#include "core/diag/rules/rules.h"

#include "core/base/i18n.h"
#include "core/base/ipaddr.h"
#include "core/kb/kb.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

enum spf_result { SPF_PASS, SPF_FAIL, SPF_UNKNOWN };

/* Does addr fall in "ip4:net/len" / "ip6:net/len" (the part after ':')? */
static bool in_net(const char *net, const char *addr, int family)
{
	char buf[64];
	snprintf(buf, sizeof buf, "%s", net);
	char *slash = strchr(buf, '/');
	int bits = family == 4 ? 32 : 128;
	if (slash) {
		*slash = '\0';
		bits = atoi(slash + 1);
	}
	unsigned char a[16], n[16];
	int len = family == 4 ? 4 : 16;
	if (!md_ipaddr_parse(family, buf, n) ||
	    !md_ipaddr_parse(family, addr, a) || bits < 0 || bits > len * 8)
		return false;
	for (int i = 0; i < len && bits > 0; i++, bits -= 8) {
		unsigned char mask =
		    bits >= 8 ? 0xFF : (unsigned char)(0xFF << (8 - bits));
		if ((a[i] & mask) != (n[i] & mask))
			return false;
	}
	return true;
}

/* Evaluate an SPF record for one address as far as it can be without more
 * DNS: ip4/ip6 and all decide; a, mx, include, exists, ptr or redirect
 * before a decision make the result unknown. */
static enum spf_result spf_eval(const char *record, const char *addr,
				int family)
{
	char *copy = strdup(record);
	if (!copy)
		return SPF_UNKNOWN;
	enum spf_result res = SPF_UNKNOWN;
	char *save = NULL;
	for (char *t = strtok_r(copy, " ", &save); t;
	     t = strtok_r(NULL, " ", &save)) {
		char q = '+';
		if (*t == '+' || *t == '-' || *t == '~' || *t == '?')
			q = *t++;
		bool match;
		if (strncasecmp(t, "v=spf1", 6) == 0)
			continue;
		if (strncasecmp(t, "ip4:", 4) == 0)
			match = family == 4 && in_net(t + 4, addr, 4);
		else if (strncasecmp(t, "ip6:", 4) == 0)
			match = family == 6 && in_net(t + 4, addr, 6);
		else if (strcasecmp(t, "all") == 0)
			match = true;
		else if (strchr(t, '=') && strncasecmp(t, "redirect=", 9) != 0)
			continue; /* other modifiers (exp=) decide nothing */
		else
			break; /* a, mx, include, redirect…: needs more DNS */
		if (match) {
			res = q == '+'	 ? SPF_PASS
			      : q == '?' ? SPF_UNKNOWN
					 : SPF_FAIL;
			break;
		}
	}
	free(copy);
	return res;
}

static const struct diag_domain *domain_facts(const struct diag_input *in,
					      const char *domain)
{
	for (size_t i = 0; in->dns && i < in->dns->n_domains; i++)
		if (strcasecmp(in->dns->domains[i].domain, domain) == 0)
			return &in->dns->domains[i];
	return NULL;
}

/* A replacement server whose proven address the SPF record allows. */
static bool spf_allows(const struct fix_server *s, const struct diag_probe *p,
		       const void *arg)
{
	const struct diag_domain *d = arg;
	(void)s;
	return p && p->address && p->port != 25 &&
	       spf_eval(d->spf, p->address, p->family) == SPF_PASS;
}

/* The outgoing server's addresses, as the probes found them, against the
 * SPF record; the fix is a server the record allows, proven by a probe. */
static void spf_check(struct diag_ctx *ctx, size_t a, size_t j,
		      const struct acct_identity *id,
		      const struct acct_server *s, const struct diag_domain *d)
{
	const struct diag_input *in = ctx->in;
	const struct diag_probe *failing = NULL;
	for (size_t i = 0; i < in->n_probes && !failing; i++) {
		const struct diag_probe *p = &in->probes[i];
		if (p->purpose != DIAG_CONFIGURED ||
		    p->proto != ACCT_PROTO_SMTP ||
		    strcasecmp(p->host, s->host) != 0)
			continue;
		p = diag_seen(in, p);
		if (!p->address)
			continue;
		enum spf_result r = spf_eval(d->spf, p->address, p->family);
		if (r == SPF_PASS || r == SPF_UNKNOWN)
			return; /* allowed, or not decidable here */
		failing = p;
	}
	if (!failing)
		return;
	/* plain words; the SPF record and the address are the evidence */
	char *sum = diag_fmt(_("%s does not list %s, the server your mail goes "
			       "out through, among the servers allowed to "
			       "send its mail."),
			     d->domain, s->host);
	char *exp = diag_fmt(
	    _("Receivers check which servers may send mail for %s; %s is "
	      "not one of them, so Gmail and other large receivers refuse "
	      "this mail or put it with the spam. Send through one of the "
	      "allowed servers, or ask whoever looks after %s to add this "
	      "one."),
	    d->domain, s->host, d->domain);
	if (sum && exp &&
	    diag_add(ctx, "spf-excludes-relay", SEV_PROBLEM, id->email, sum,
		     exp)) {
		diag_evidence_textf(ctx, EV_DNS, _("%s TXT \"%s\""), d->domain,
				    d->spf);
		diag_evidence_textf(ctx, EV_DNS,
				    _("the SPF record does not allow %s (%s)"),
				    s->host, failing->address);
		diag_evidence_probe(ctx, failing);
		rules_offer_candidates(ctx, a, j, spf_allows, d);
	} else {
		ctx->nomem = true;
	}
	free(sum);
	free(exp);
}

static void dmarc_missing(struct diag_ctx *ctx, const struct acct_identity *id,
			  const struct diag_domain *d)
{
	char *sum = diag_fmt(_("%s has no DMARC record."), d->domain);
	char *exp = diag_fmt(
	    _("Since 2024 Gmail and Yahoo ask senders for SPF, DKIM and a "
	      "DMARC record, and junk or refuse mail that lacks them. The "
	      "administrator of %s can publish one as a TXT record at "
	      "_dmarc.%s, for example \"v=DMARC1; p=none\" to begin with."),
	    d->domain, d->domain);
	if (sum && exp &&
	    diag_add(ctx, "dmarc-missing", SEV_WARNING, id->email, sum, exp)) {
		diag_evidence_textf(ctx, EV_DNS, _("_dmarc.%s TXT: none"),
				    d->domain);
	} else {
		ctx->nomem = true;
	}
	free(sum);
	free(exp);
}

/* A submission server (not port 25) of the identity's provider. */
static bool submission(const struct fix_server *s, const struct diag_probe *p,
		       const void *arg)
{
	(void)arg;
	(void)p;
	return s->port != 25 && s->auth != ACCT_AUTH_NONE;
}

/* Sending straight to receivers from a listed address fails; the fix is
 * the provider's submission server with a password, proven by a probe. */
static void dnsbl(struct diag_ctx *ctx, size_t a, size_t j,
		  const struct acct_identity *id, const struct acct_server *s)
{
	const struct diag_dns *dns = ctx->in->dns;
	if (!dns || !dns->dnsbl_listed || !dns->egress[0] || !s->host ||
	    acct_server_port(s) != 25 ||
	    (s->auth != ACCT_AUTH_NONE && s->auth != ACCT_AUTH_UNKNOWN))
		return;
	/* The access provider's own relay (plala's secure:25 from inside
	 * plala) sends the mail on from its own address: not direct. */
	const struct kb *kb = ctx->in->kb;
	const struct kb_provider *access =
	    kb && dns->egress_ptr[0] ? kb_by_ptr(kb, dns->egress_ptr[0], NULL)
				     : NULL;
	if (access && access == kb_by_host(kb, s->host, NULL))
		return;
	char *sum = diag_fmt(_("This connection's address %s is on the block "
			       "list %s, and mail is sent from it directly."),
			     dns->egress[0], dns->dnsbl_listed);
	char *exp = diag_fmt(
	    _("Receiving servers refuse mail that comes straight from "
	      "addresses on %s (home connections are listed on purpose). "
	      "Send through your provider's submission server on port 587 "
	      "or 465 with your password instead of port 25 of %s."),
	    dns->dnsbl_listed, s->host);
	if (sum && exp &&
	    diag_add(ctx, "egress-on-dnsbl", SEV_PROBLEM, id->email, sum,
		     exp)) {
		diag_evidence_textf(ctx, EV_DNS, _("%s listed in %s"),
				    dns->egress[0], dns->dnsbl_listed);
		rules_offer_candidates(ctx, a, j, submission, NULL);
	} else {
		ctx->nomem = true;
	}
	free(sum);
	free(exp);
}

void rules_domain(struct diag_ctx *ctx)
{
	const struct diag_input *in = ctx->in;
	const struct acct_set *set = in->accounts;
	if (in->offline || !set || !in->dns)
		return;
	for (size_t a = 0; a < set->n_accounts; a++)
		for (size_t j = 0; j < set->accounts[a].n_identities; j++) {
			const struct acct_identity *id =
			    &set->accounts[a].identities[j];
			if (!diag_wanted(in, id) || id->outgoing < 0)
				continue;
			const struct acct_server *s =
			    &set->outgoing[id->outgoing];
			dnsbl(ctx, a, j, id, s);
			const char *domain = name_domain_of(id->email);
			const struct diag_domain *d =
			    domain ? domain_facts(in, domain) : NULL;
			if (!d || !d->looked_up ||
			    (in->kb && kb_by_domain(in->kb, domain)))
				continue;
			if (d->spf && s->host)
				spf_check(ctx, a, j, id, s, d);
			if (!d->dmarc)
				dmarc_missing(ctx, id, d);
		}
}
