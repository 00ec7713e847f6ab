/* plan.c — from the accounts (and the knowledge base) to the list of
 * endpoints worth probing, without duplicates, most telling first. */
#include "core/check/plan.h"

#include "core/diag/candidates.h"
#include "core/kb/kb.h"
#include "core/base/names.h"
#include "core/base/ports.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

void plan_done(struct plan *p)
{
	for (size_t i = 0; i < p->n; i++) {
		free(p->items[i].host);
		free(p->items[i].for_email);
		free(p->items[i].user);
	}
	free(p->items);
	for (size_t i = 0; i < p->n_domains; i++)
		free(p->domains[i]);
	free(p->domains);
	memset(p, 0, sizeof *p);
}

/* STARTTLS-if-offered and unknown are probed as the client would behave
 * at best: STARTTLS. */
static enum acct_security probe_security(enum acct_security s)
{
	switch (s) {
	case ACCT_SEC_TLS:
		return ACCT_SEC_TLS;
	case ACCT_SEC_PLAIN:
		return ACCT_SEC_PLAIN;
	default:
		return ACCT_SEC_STARTTLS;
	}
}

/* Append one endpoint as given; false on no memory. */
static bool append(struct plan *p, const char *host, int port,
		   enum acct_proto proto, enum acct_security sec,
		   enum diag_purpose purpose, const char *email)
{
	struct plan_endpoint *v = realloc(p->items, (p->n + 1) * sizeof *v);
	if (!v)
		return false;
	p->items = v;
	v[p->n] = (struct plan_endpoint){.host = acct_strdup(host),
					 .port = port,
					 .proto = proto,
					 .security = sec,
					 .purpose = purpose,
					 .for_email = acct_strdup(email)};
	if (!v[p->n].host || (email && !v[p->n].for_email)) {
		free(v[p->n].host);
		free(v[p->n].for_email);
		return false;
	}
	p->n++;
	return true;
}

bool plan_add(struct plan *p, const char *host, int port, enum acct_proto proto,
	      enum acct_security sec, enum diag_purpose purpose,
	      const char *email, bool *added)
{
	if (added)
		*added = false;
	if (!host || !*host || port <= 0 || port > 65535)
		return true;
	sec = probe_security(sec);
	for (size_t i = 0; i < p->n; i++) {
		const struct plan_endpoint *e = &p->items[i];
		if (e->port == port && e->proto == proto &&
		    e->security == sec && strcasecmp(e->host, host) == 0)
			return true; /* the first purpose (most telling) stays
				      */
	}
	if (!append(p, host, port, proto, sec, purpose, email))
		return false;
	if (added)
		*added = true;
	return true;
}

bool plan_add_named(struct plan *p, const char *host, int port,
		    enum acct_proto proto, enum acct_security sec)
{
	if (!host || !*host || port <= 0 || port > 65535)
		return true;
	return append(p, host, port, proto, sec, DIAG_CONFIGURED, NULL);
}

static bool add(struct plan *p, const char *host, int port,
		enum acct_proto proto, enum acct_security sec,
		enum diag_purpose purpose, const char *email)
{
	return plan_add(p, host, port, proto, sec, purpose, email, NULL);
}

static bool add_domain(struct plan *p, const char *domain)
{
	if (!domain)
		return true;
	for (size_t i = 0; i < p->n_domains; i++)
		if (strcasecmp(p->domains[i], domain) == 0)
			return true;
	char **v = realloc(p->domains, (p->n_domains + 1) * sizeof *v);
	if (!v)
		return false;
	p->domains = v;
	v[p->n_domains] = acct_strdup(domain);
	return v[p->n_domains++] != NULL;
}

/* The protocol of core/base/ports.h's table for an account's. */
static bool port_proto(enum acct_proto proto, enum md_port_proto *out)
{
	switch (proto) {
	case ACCT_PROTO_SMTP:
		*out = MD_PORT_SMTP;
		return true;
	case ACCT_PROTO_IMAP:
		*out = MD_PORT_IMAP;
		return true;
	case ACCT_PROTO_POP3:
		*out = MD_PORT_POP3;
		return true;
	default:
		return false;
	}
}

/* The same host on the other usual ports of its protocol (best first:
 * core/base/ports.h). */
static bool other_ports(struct plan *p, const struct acct_server *s,
			const char *email)
{
	enum md_port_proto proto;
	const struct md_port *usual[8];
	size_t n = port_proto(s->proto, &proto)
		       ? md_ports_preferred(proto, usual, 8)
		       : 0;
	for (size_t i = 0; i < n; i++)
		if (!add(p, s->host, usual[i]->port, s->proto,
			 usual[i]->security == MD_PORT_TLS ? ACCT_SEC_TLS
							   : ACCT_SEC_STARTTLS,
			 DIAG_ALTERNATIVE, email))
			return false;
	return true;
}

/* The provider's other hosts for this server (plala's v6mail). */
static bool alternates(struct plan *p, const struct kb *kb,
		       const struct acct_server *s, const char *email)
{
	const struct kb_provider *pr =
	    kb ? kb_by_host(kb, s->host, NULL) : NULL;
	if (!pr)
		return true;
	const struct kb_alternate *alts[8];
	size_t n = kb_alternates(pr, s->proto, s->host, 0, alts, 8);
	for (size_t i = 0; i < n && i < 8; i++) {
		const struct kb_server *a = &alts[i]->server;
		char *host = kb_expand(a->host, email ? email : "");
		bool ok = !a->host || host;
		if (host)
			ok = add(p, host,
				 a->port ? a->port : acct_server_port(s),
				 s->proto,
				 a->security != ACCT_SEC_UNKNOWN ? a->security
								 : s->security,
				 DIAG_ALT_HOST, email);
		free(host);
		if (!ok)
			return false;
	}
	return true;
}

static bool server(struct plan *p, const struct kb *kb,
		   const struct acct_server *s, const char *email)
{
	if (!s->host ||
	    (s->proto != ACCT_PROTO_SMTP && s->proto != ACCT_PROTO_IMAP &&
	     s->proto != ACCT_PROTO_POP3))
		return true;
	size_t before = p->n;
	if (!add(p, s->host, acct_server_port(s), s->proto, s->security,
		 DIAG_CONFIGURED, email))
		return false;
	if (p->n > before && s->user) {
		p->items[before].user = acct_strdup(s->user);
		if (!p->items[before].user)
			return false;
	}
	return other_ports(p, s, email) && alternates(p, kb, s, email);
}

enum md_status plan_make(const struct acct_set *set,
			 const char *const *identities, size_t n_identities,
			 const struct kb *kb, struct plan *out,
			 struct md_err *err)
{
	memset(out, 0, sizeof *out);
	bool ok = true;
	for (size_t a = 0; ok && a < set->n_accounts; a++) {
		const struct acct_account *acc = &set->accounts[a];
		bool any = false;
		for (size_t j = 0; ok && j < acc->n_identities; j++) {
			const struct acct_identity *id = &acc->identities[j];
			if (!name_wanted(identities, n_identities, id->email))
				continue;
			any = true;
			ok = add_domain(out, name_domain_of(id->email));
			if (ok && id->outgoing >= 0)
				ok = server(out, kb,
					    &set->outgoing[id->outgoing],
					    id->email);
			struct candidate_list cands;
			if (ok && candidates_for(set, a, j, kb, NULL, &cands,
						 err) != MD_OK)
				return MD_ERR_NOMEM;
			for (size_t c = 0; ok && c < cands.n; c++)
				ok = add(out, cands.items[c].server.host,
					 cands.items[c].server.port,
					 ACCT_PROTO_SMTP,
					 cands.items[c].server.security,
					 DIAG_CANDIDATE, id->email);
			candidate_list_done(&cands);
		}
		if (ok && any && acc->incoming >= 0)
			ok = server(out, kb, &set->incoming[acc->incoming],
				    acc->n_identities ? acc->identities[0].email
						      : NULL);
	}
	if (!ok) {
		plan_done(out);
		return md_err_set(err, MD_ERR_NOMEM, NULL, 0, NULL);
	}
	return MD_OK;
}
