/* candidates.c — gather replacement outgoing servers for an identity. */
#include "core/diag/candidates.h"

#include "core/kb/kb.h"
#include "core/base/names.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

void candidate_list_done(struct candidate_list *list)
{
	for (size_t i = 0; i < list->n; i++) {
		free(list->items[i].server.host);
		free(list->items[i].server.user);
	}
	free(list->items);
	list->items = NULL;
	list->n = 0;
}

/* Add unless the same host, port and security is there already. */
static bool add(struct candidate_list *l, const char *host, int port,
		enum acct_security sec, enum acct_auth auth, const char *user,
		enum candidate_source source, struct acct_src src,
		const char *key)
{
	if (!host || port <= 0)
		return true;
	for (size_t i = 0; i < l->n; i++)
		if (strcasecmp(l->items[i].server.host, host) == 0 &&
		    l->items[i].server.port == port &&
		    l->items[i].server.security == sec)
			return true;
	struct candidate *c = realloc(l->items, (l->n + 1) * sizeof *c);
	if (!c)
		return false;
	l->items = c;
	c = &l->items[l->n];
	memset(c, 0, sizeof *c);
	c->server.host = acct_strdup(host);
	c->server.user = acct_strdup(user);
	if (!c->server.host || (user && !c->server.user)) {
		free(c->server.host);
		free(c->server.user);
		return false;
	}
	c->server.port = port;
	c->server.security = sec;
	c->server.auth = auth == ACCT_AUTH_UNKNOWN ? ACCT_AUTH_PASSWORD : auth;
	c->source = source;
	c->src = src;
	c->key = key;
	l->n++;
	return true;
}

static bool same_server(const struct acct_server *a, const struct fix_server *b)
{
	return a->host && strcasecmp(a->host, b->host) == 0 &&
	       acct_server_port(a) == b->port && a->security == b->security;
}

/* The profile's other outgoing servers under the identity's domain. */
static bool from_profile(const struct acct_set *set,
			 const struct acct_account *acc, const char *domain,
			 int current, struct candidate_list *out)
{
	for (size_t s = 0; s < set->n_outgoing; s++) {
		const struct acct_server *srv = &set->outgoing[s];
		if ((int)s == current || srv->proto != ACCT_PROTO_SMTP ||
		    !srv->profile || !acc->source ||
		    strcmp(srv->profile, acc->source) != 0 ||
		    !name_in_domain(srv->host, domain))
			continue;
		enum acct_security sec = srv->security;
		if (sec == ACCT_SEC_UNKNOWN || sec == ACCT_SEC_STARTTLS_TRY)
			sec = ACCT_SEC_STARTTLS;
		if (!add(out, srv->host, acct_server_port(srv), sec, srv->auth,
			 srv->user, CAND_PROFILE, srv->src_host, srv->key))
			return false;
	}
	return true;
}

/* For an identity without a working outgoing server: the servers the
 * other identities of its account send through, then those of the same
 * domain in the same profile. */
static bool from_siblings(const struct acct_set *set,
			  const struct acct_account *acc, const char *domain,
			  struct candidate_list *out)
{
	for (int pass = 0; pass < 2; pass++)
		for (size_t a = 0; a < set->n_accounts; a++) {
			const struct acct_account *o = &set->accounts[a];
			if (pass == 0
				? o != acc
				: o == acc || !o->source || !acc->source ||
				      strcmp(o->source, acc->source) != 0)
				continue;
			for (size_t j = 0; j < o->n_identities; j++) {
				const struct acct_identity *id =
				    &o->identities[j];
				const char *d = name_domain_of(id->email);
				if (id->outgoing < 0 ||
				    (pass == 1 &&
				     (!d || strcasecmp(d, domain))))
					continue;
				const struct acct_server *srv =
				    &set->outgoing[id->outgoing];
				enum acct_security sec = srv->security;
				if (sec == ACCT_SEC_UNKNOWN ||
				    sec == ACCT_SEC_STARTTLS_TRY)
					sec = ACCT_SEC_STARTTLS;
				if (srv->proto == ACCT_PROTO_SMTP &&
				    !add(out, srv->host, acct_server_port(srv),
					 sec, srv->auth, srv->user,
					 CAND_PROFILE, srv->src_host, srv->key))
					return false;
			}
		}
	return true;
}

static bool from_kb(const struct kb *kb, const char *email,
		    struct candidate_list *out)
{
	const struct kb_provider *p = kb ? kb_by_domain(kb, email) : NULL;
	struct kb_settings *ks = NULL;
	struct md_err err;
	if (!p || kb_settings_for(p, email, NULL, &ks, &err) != MD_OK)
		return p == NULL || err.code != MD_ERR_NOMEM;
	bool ok = true;
	struct acct_src none = {.file = -1};
	for (size_t i = 0; ok && i < ks->n_outgoing; i++) {
		const struct kb_endpoint *e = &ks->outgoing[i];
		ok = add(out, e->host, e->port, e->security, e->auth, e->user,
			 CAND_KB, none, NULL);
	}
	kb_settings_free(ks);
	return ok;
}

static bool from_found(const struct kb_settings *ks, struct candidate_list *out)
{
	struct acct_src none = {.file = -1};
	for (size_t i = 0; ks && i < ks->n_outgoing; i++) {
		const struct kb_endpoint *e = &ks->outgoing[i];
		if (!add(out, e->host, e->port, e->security, e->auth, e->user,
			 CAND_DISCOVERED, none, NULL))
			return false;
	}
	return true;
}

/* An own-domain server that receives usually also takes submissions:
 * the incoming host on 587 (STARTTLS) and 465 (TLS), to be probed. */
static bool from_incoming(const struct acct_set *set,
			  const struct acct_account *acc, const char *domain,
			  struct candidate_list *out)
{
	if (acc->incoming < 0)
		return true;
	const struct acct_server *in = &set->incoming[acc->incoming];
	if (!name_in_domain(in->host, domain))
		return true;
	return add(out, in->host, 587, ACCT_SEC_STARTTLS, ACCT_AUTH_PASSWORD,
		   in->user, CAND_INCOMING, in->src_host, NULL) &&
	       add(out, in->host, 465, ACCT_SEC_TLS, ACCT_AUTH_PASSWORD,
		   in->user, CAND_INCOMING, in->src_host, NULL);
}

enum md_status candidates_for(const struct acct_set *set, size_t a, size_t j,
			      const struct kb *kb,
			      const struct kb_settings *found,
			      struct candidate_list *out, struct md_err *err)
{
	memset(out, 0, sizeof *out);
	const struct acct_account *acc = &set->accounts[a];
	const struct acct_identity *id = &acc->identities[j];
	const char *domain = name_domain_of(id->email);
	if (!domain)
		return MD_OK;
	if ((id->outgoing < 0 && !from_siblings(set, acc, domain, out)) ||
	    !from_profile(set, acc, domain, id->outgoing, out) ||
	    !from_kb(kb, id->email, out) || !from_found(found, out) ||
	    !from_incoming(set, acc, domain, out)) {
		candidate_list_done(out);
		return md_err_set(err, MD_ERR_NOMEM, NULL, 0, NULL);
	}
	/* The server in use now is no candidate. */
	if (id->outgoing >= 0) {
		const struct acct_server *cur = &set->outgoing[id->outgoing];
		for (size_t i = 0; i < out->n;)
			if (same_server(cur, &out->items[i].server)) {
				free(out->items[i].server.host);
				free(out->items[i].server.user);
				memmove(&out->items[i], &out->items[i + 1],
					(out->n - i - 1) * sizeof *out->items);
				out->n--;
			} else {
				i++;
			}
	}
	return MD_OK;
}
