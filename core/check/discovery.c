/* discovery.c — settings discovery for the addresses of a check
 * (discovery.h): which addresses are worth it, one discover.h chain each,
 * and the outgoing servers found handed to the check. */
#include "core/check/discovery.h"

#include "core/check/discover.h"
#include "core/kb/kb.h"
#include "core/base/names.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* The discovery of one address. */
struct disc_one {
	struct discovery *owner;
	struct discover *chain;
	char *email;
	struct kb_settings *found; /* owned, or NULL */
	bool done;
};

struct discovery {
	struct discovery_params p;
	struct disc_one one[DISCOVERY_MAX];
	size_t n, pending;
};

/* Hand the outgoing servers of s to the check. */
static void hand_over(struct disc_one *o, const struct kb_settings *s)
{
	const struct discovery_params *p = &o->owner->p;
	for (size_t i = 0; i < s->n_outgoing; i++) {
		const struct kb_endpoint *e = &s->outgoing[i];
		if (e->host && e->port > 0 && p->on_endpoint)
			p->on_endpoint(p->ud, e->host, e->port,
				       e->security == ACCT_SEC_TLS
					   ? ACCT_SEC_TLS
					   : ACCT_SEC_STARTTLS,
				       o->email);
	}
}

static void on_disc(void *ud, enum discover_step step, enum md_status st,
		    struct kb_settings *s, const char *why)
{
	struct disc_one *o = ud;
	struct discovery *d = o->owner;
	(void)why;
	if (o->done) {
		kb_settings_free(s);
		return;
	}
	if (st == MD_OK && s) {
		o->found = s;
		hand_over(o, s);
	} else {
		kb_settings_free(s);
		if (step != DISCOVER_GUESS)
			return; /* the chain goes on */
	}
	o->done = true;
	d->pending--;
	if (d->p.on_done)
		d->p.on_done(d->p.ud);
}

/* Worth discovering: a wanted identity whose server is outside its own
 * domain, for a domain no provider of the kb serves. */
static bool worth(const struct discovery *d, const struct acct_identity *id)
{
	const struct acct_set *set = d->p.accounts;
	const char *domain = name_domain_of(id->email);
	if (!domain || id->outgoing < 0 ||
	    !name_wanted(d->p.identities, d->p.n_identities, id->email))
		return false;
	const struct acct_server *s = &set->outgoing[id->outgoing];
	if (!s->host || name_in_domain(s->host, domain))
		return false;
	if (d->p.kb && kb_by_domain(d->p.kb, id->email))
		return false;
	for (size_t i = 0; i < d->n; i++)
		if (strcasecmp(d->one[i].email, id->email) == 0)
			return false;
	return true;
}

/* Start the chain for one address. False on no memory. */
static bool start_one(struct discovery *d, const char *email)
{
	struct disc_one *o = &d->one[d->n];
	*o = (struct disc_one){.owner = d, .email = acct_strdup(email)};
	if (!o->email)
		return false;
	d->n++;
	struct discover_params dp = {.email = o->email,
				     .kb = d->p.kb,
				     .dns = d->p.dns,
				     .ca_file = d->p.ca_file,
				     .timeout_ms = d->p.http_ms};
	if (d->p.urls) {
		dp.override_urls = dp.allow_http = true;
		for (int i = 0; i < 3; i++)
			dp.urls[i] = d->p.urls[i];
	}
	struct md_err e;
	o->chain = discover_start(d->p.loop, &dp, on_disc, o, &e);
	if (!o->chain)
		o->done = true; /* nothing to wait for */
	else
		d->pending++;
	return true;
}

struct discovery *discovery_start(const struct discovery_params *p,
				  struct md_err *err)
{
	struct discovery *d = calloc(1, sizeof *d);
	if (!d) {
		md_err_set(err, MD_ERR_NOMEM, NULL, 0, NULL);
		return NULL;
	}
	d->p = *p;
	const struct acct_set *set = p->accounts;
	for (size_t a = 0; p->kb && a < set->n_accounts; a++)
		for (size_t j = 0; j < set->accounts[a].n_identities; j++) {
			const struct acct_identity *id =
			    &set->accounts[a].identities[j];
			if (d->n == DISCOVERY_MAX || !worth(d, id))
				continue;
			if (!start_one(d, id->email)) {
				discovery_free(d);
				md_err_set(err, MD_ERR_NOMEM, NULL, 0, NULL);
				return NULL;
			}
		}
	return d;
}

size_t discovery_pending(const struct discovery *d)
{
	return d ? d->pending : 0;
}

size_t discovery_found(const struct discovery *d, struct diag_found *out,
		       size_t max)
{
	size_t n = 0;
	for (size_t i = 0; d && i < d->n && n < max; i++)
		if (d->one[i].found)
			out[n++] =
			    (struct diag_found){.email = d->one[i].email,
						.settings = d->one[i].found};
	return n;
}

void discovery_stop(struct discovery *d)
{
	for (size_t i = 0; d && i < d->n; i++) {
		discover_free(d->one[i].chain);
		d->one[i].chain = NULL;
		if (!d->one[i].done) {
			d->one[i].done = true;
			d->pending--;
		}
	}
}

void discovery_free(struct discovery *d)
{
	if (!d)
		return;
	discovery_stop(d);
	for (size_t i = 0; i < d->n; i++) {
		kb_settings_free(d->one[i].found);
		free(d->one[i].email);
	}
	free(d);
}
