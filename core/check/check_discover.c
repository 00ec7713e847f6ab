/* check_discover.c — when an identity sends through a server outside its
 * own domain and the knowledge base does not know that domain, find the
 * domain's own settings the way Thunderbird would (autoconfig, well-known,
 * ISPDB, SRV, MX, guesses: core/discover.h) and probe what is found, so
 * that the right server can be offered, proven, as a fix (case S4 without
 * the old server left in the profile). */
#include "core/check/check_private.h"

#include "core/check/discover.h"
#include "core/kb/kb.h"
#include "core/base/names.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

static void on_disc(void *ud, enum discover_step step, enum md_status st,
		    struct kb_settings *s, const char *why)
{
	struct check_disc *d = ud;
	struct check *c = d->check;
	(void)why;
	if (d->done) {
		kb_settings_free(s);
		return;
	}
	if (st == MD_OK && s) {
		d->found = s;
		for (size_t i = 0; i < s->n_outgoing; i++) {
			const struct kb_endpoint *e = &s->outgoing[i];
			if (e->host && e->port > 0)
				check_add_endpoint(c, e->host, e->port,
						   e->security == ACCT_SEC_TLS
							   ? ACCT_SEC_TLS
							   : ACCT_SEC_STARTTLS,
						   d->email);
		}
	} else {
		kb_settings_free(s);
		if (step != DISCOVER_GUESS)
			return; /* the chain goes on */
	}
	d->done = true;
	c->disc_pending--;
	check_maybe_finish(c);
}

/* Worth discovering: a wanted identity whose server is outside its own
 * domain, for a domain no provider of the kb serves. */
static bool worth(const struct check *c, const struct acct_identity *id)
{
	const struct acct_set *set = c->params.accounts;
	const char *domain = name_domain_of(id->email);
	if (!domain || id->outgoing < 0 ||
	    !name_wanted(c->params.identities, c->params.n_identities,
			 id->email))
		return false;
	const struct acct_server *s = &set->outgoing[id->outgoing];
	if (!s->host || name_in_domain(s->host, domain))
		return false;
	if (c->params.kb && kb_by_domain(c->params.kb, id->email))
		return false;
	for (size_t i = 0; i < c->n_disc; i++)
		if (strcasecmp(c->disc[i].email, id->email) == 0)
			return false;
	return true;
}

enum md_status check_discover_start(struct check *c, struct md_err *err)
{
	const struct acct_set *set = c->params.accounts;
	if (!c->params.kb)
		return MD_OK;
	for (size_t a = 0; a < set->n_accounts; a++)
		for (size_t j = 0; j < set->accounts[a].n_identities; j++) {
			const struct acct_identity *id =
				&set->accounts[a].identities[j];
			if (c->n_disc == CHECK_MAX_DISC || !worth(c, id))
				continue;
			struct check_disc *d = &c->disc[c->n_disc];
			*d = (struct check_disc){.check = c,
						 .email = acct_strdup(id->email)};
			if (!d->email)
				return md_err_set(err, MD_ERR_NOMEM, NULL, 0, NULL);
			c->n_disc++;
			struct discover_params p = {
				.email = d->email, .kb = c->params.kb,
				.dns = c->dns, .ca_file = c->params.ca_file,
				.timeout_ms = c->params.timeout_ms};
			struct md_err e;
			d->d = discover_start(c->loop, &p, on_disc, d, &e);
			if (!d->d) {
				d->done = true; /* nothing to wait for */
				continue;
			}
			c->disc_pending++;
		}
	return MD_OK;
}

void check_discover_free(struct check *c)
{
	for (size_t i = 0; i < c->n_disc; i++) {
		discover_free(c->disc[i].d);
		c->disc[i].d = NULL;
		if (!c->disc[i].done) {
			c->disc[i].done = true;
			c->disc_pending--;
		}
	}
}
