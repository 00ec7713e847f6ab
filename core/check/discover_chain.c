/* discover_chain.c — the discovery chain as one object on the loop: each
 * step in Thunderbird's order reports through the callback, and the first
 * step that finds settings ends the chain. */
#include "core/check/discover.h"

#include "core/base/i18n.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define N_SRV 6

struct discover {
	struct loop *loop;
	struct discover_params p;
	char *email;
	char domain[256];
	char urls[3][DISCOVER_URL_MAX];
	discover_fn *fn;
	void *ud;
	enum discover_step step; /* the step running or next to run */
	bool done;
	uint64_t timer; /* starts the first step from the loop */
	struct discover_http *http;
	struct dns_query *q[N_SRV]; /* pending DNS queries */
	struct slot {
		struct discover *d;
		size_t i; /* index into q[] and the services */
	} slots[N_SRV];
	size_t pending;
	struct discover_srv srv[64];
	char *srv_targets[64];
	size_t n_srv;
};

static void run_step(struct discover *d);

/* Tell the caller about the step just finished and go on (or stop). */
static void report(struct discover *d, enum md_status st, struct kb_settings *s,
		   const char *why)
{
	enum discover_step step = d->step;
	bool last = st == MD_OK || step + 1 >= DISCOVER_N_STEPS;
	if (last)
		d->done = true;
	else
		d->step = step + 1;
	d->fn(d->ud, step, st, s, why ? why : "");
	if (!last)
		run_step(d);
}

static void step_kb(struct discover *d)
{
	const struct kb_provider *p = kb_by_domain(d->p.kb, d->email);
	if (!p) {
		report(d, MD_ERR_NOTFOUND, NULL,
		       "no provider file for the domain");
		return;
	}
	struct kb_settings *s = NULL;
	struct md_err err;
	md_err_clear(&err);
	enum md_status st = kb_settings_for(p, d->email, NULL, &s, &err);
	if (st == MD_OK && s->n_outgoing == 0) {
		kb_settings_free(s);
		s = NULL;
		st = MD_ERR_NOTFOUND;
		snprintf(err.text, sizeof err.text, "%s",
			 "the provider is known, its servers are not");
	}
	report(d, st, s, err.text);
}

static void on_http(void *ud, enum md_status st, const char *url,
		    const char *body, size_t len, const char *why)
{
	struct discover *d = ud;
	if (st != MD_OK) {
		report(d, st, NULL, why);
		return;
	}
	struct kb_settings *s = NULL;
	struct md_err err;
	md_err_clear(&err);
	st = discover_parse_config(body, len, d->email, url, &s, &err);
	report(d, st, s, err.text);
}

static void step_http(struct discover *d, int which)
{
	const char *url =
	    d->p.override_urls ? d->p.urls[which] : d->urls[which];
	if (d->p.offline || !url) {
		report(d, MD_ERR_CANCELLED, NULL,
		       d->p.offline ? "offline" : "skipped");
		return;
	}
	struct md_err err;
	md_err_clear(&err);
	if (!d->http && !(d->http = discover_http_new(d->loop, d->p.allow_http,
						      d->p.ca_file, &err))) {
		report(d, err.code, NULL, err.text);
		return;
	}
	if (discover_http_get(d->http, url, d->p.timeout_ms, on_http, d,
			      &err) != MD_OK)
		report(d, err.code, NULL, err.text);
}

static void srv_finish(struct discover *d)
{
	struct kb_settings *s = NULL;
	struct md_err err;
	md_err_clear(&err);
	enum md_status st =
	    discover_from_srv(d->srv, d->n_srv, d->email, &s, &err);
	report(d, st, s, err.text);
}

static void on_srv(void *ud, enum md_status st, const struct dns_record *r,
		   size_t n, const char *why)
{
	struct slot *sl = ud;
	struct discover *d = sl->d;
	size_t n_svc;
	const struct discover_srv_service *svc = discover_srv_services(&n_svc);
	d->q[sl->i] = NULL;
	d->pending--;
	for (size_t k = 0; st == MD_OK && k < n; k++) {
		size_t cap = sizeof d->srv / sizeof d->srv[0];
		if (r[k].type != DNS_SRV || !r[k].text || d->n_srv == cap)
			continue;
		char *t = strdup(r[k].text);
		if (!t)
			continue;
		d->srv_targets[d->n_srv] = t;
		d->srv[d->n_srv++] = (struct discover_srv){
		    svc[sl->i].service, r[k].prio, r[k].weight, r[k].port, t};
	}
	(void)why;
	if (d->pending == 0)
		srv_finish(d);
}

static void step_srv(struct discover *d)
{
	if (d->p.offline || !d->p.dns) {
		report(d, MD_ERR_CANCELLED, NULL,
		       d->p.offline ? "offline" : "no resolver");
		return;
	}
	size_t n_svc;
	const struct discover_srv_service *svc = discover_srv_services(&n_svc);
	d->pending = n_svc;
	/* Count the queries as pending before any can answer at once. */
	for (size_t i = 0; i < n_svc && i < N_SRV; i++) {
		char name[320];
		snprintf(name, sizeof name, "%s.%s", svc[i].service, d->domain);
		d->slots[i] = (struct slot){d, i};
		d->q[i] =
		    dns_lookup(d->p.dns, name, DNS_SRV, on_srv, &d->slots[i]);
		/* NULL: on_srv already ran for this one. */
	}
}

static void on_mx(void *ud, enum md_status st, const struct dns_record *r,
		  size_t n, const char *why)
{
	struct discover *d = ud;
	d->q[0] = NULL;
	d->pending = 0;
	if (st != MD_OK) {
		report(d, st, NULL, why);
		return;
	}
	const char *best = NULL;
	unsigned prio = 0;
	for (size_t k = 0; k < n; k++)
		if (r[k].type == DNS_MX && r[k].text &&
		    (!best || r[k].prio < prio)) {
			best = r[k].text;
			prio = r[k].prio;
		}
	if (!best) {
		report(d, MD_ERR_NOTFOUND, NULL, "no MX record");
		return;
	}
	struct kb_settings *s = NULL;
	struct md_err err;
	md_err_clear(&err);
	enum md_status res =
	    discover_from_mx(d->p.kb, best, d->email, &s, &err);
	report(d, res, s, err.text);
}

static void step_mx(struct discover *d)
{
	if (d->p.offline || !d->p.dns) {
		report(d, MD_ERR_CANCELLED, NULL,
		       d->p.offline ? "offline" : "no resolver");
		return;
	}
	d->pending = 1;
	d->q[0] = dns_lookup(d->p.dns, d->domain, DNS_MX, on_mx, d);
}

static void run_step(struct discover *d)
{
	switch (d->step) {
	case DISCOVER_KB:
		step_kb(d);
		break;
	case DISCOVER_AUTOCONFIG:
		step_http(d, 0);
		break;
	case DISCOVER_WELLKNOWN:
		step_http(d, 1);
		break;
	case DISCOVER_ISPDB:
		step_http(d, 2);
		break;
	case DISCOVER_SRV:
		step_srv(d);
		break;
	case DISCOVER_MX:
		step_mx(d);
		break;
	case DISCOVER_GUESS:
		if (d->p.offline) {
			report(d, MD_ERR_CANCELLED, NULL, "offline");
		} else {
			struct kb_settings *s = NULL;
			struct md_err err;
			md_err_clear(&err);
			enum md_status st = discover_guess(d->email, &s, &err);
			report(d, st, s, err.text);
		}
		break;
	default:
		d->done = true;
		break;
	}
}

static void on_start(struct loop *loop, void *ud)
{
	struct discover *d = ud;
	d->timer = 0;
	run_step(d);
}

struct discover *discover_start(struct loop *loop,
				const struct discover_params *params,
				discover_fn *fn, void *ud, struct md_err *err)
{
	char urls[3][DISCOVER_URL_MAX];
	if (!params || !params->kb || !fn ||
	    discover_urls(params->email, urls, err) != MD_OK) {
		md_err_set(err, MD_ERR_USAGE, NULL, 0, "%s",
			   _("not an email address"));
		return NULL;
	}
	struct discover *d = calloc(1, sizeof *d);
	if (d)
		d->email = strdup(params->email);
	if (!d || !d->email) {
		free(d);
		md_err_set(err, MD_ERR_NOMEM, NULL, 0, "%s",
			   _("out of memory"));
		return NULL;
	}
	d->loop = loop;
	d->p = *params;
	d->p.email = d->email;
	d->fn = fn;
	d->ud = ud;
	memcpy(d->urls, urls, sizeof urls);
	const char *at = strrchr(d->email, '@');
	snprintf(d->domain, sizeof d->domain, "%s", at + 1);
	for (char *c = d->domain; *c; c++)
		if (*c >= 'A' && *c <= 'Z')
			*c = (char)(*c - 'A' + 'a');
	d->step = DISCOVER_KB;
	if (!(d->timer = loop_timer(loop, 0, on_start, d))) {
		discover_free(d);
		md_err_set(err, MD_ERR_NOMEM, NULL, 0, "%s",
			   _("out of memory"));
		return NULL;
	}
	return d;
}

void discover_free(struct discover *d)
{
	if (!d)
		return;
	loop_timer_cancel(d->loop, d->timer);
	for (size_t i = 0; i < N_SRV; i++)
		dns_cancel(d->q[i]);
	discover_http_free(d->http);
	for (size_t i = 0; i < d->n_srv; i++)
		free(d->srv_targets[i]);
	free(d->email);
	free(d);
}

bool discover_done(const struct discover *d)
{
	return d && d->done;
}
