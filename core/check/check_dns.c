/* check_dns.c — the DNS questions of a check: the egress address the world
 * sees and its PTR name (which access network am I on?), whether that
 * address is on a block list, and the SPF and DMARC records of each sender
 * domain. */
#include "core/check/check_private.h"

#include "core/net/dns.h"

#include <stdio.h>
#include <sys/socket.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

enum dq_kind {
	DQ_NS_GOOGLE, DQ_EGRESS, DQ_PTR4, DQ_PTR6, DQ_DNSBL, DQ_SPF, DQ_DMARC
};

/* A free slot for a question of kind about domain, or NULL when all are
 * taken (the question is then not asked). */
static struct check_dq *take(struct check *c, int kind, size_t domain)
{
	for (int i = 0; i < CHECK_MAX_DNS; i++)
		if (!c->dq[i].used) {
			c->dq[i] = (struct check_dq){.check = c, .kind = kind,
						     .domain = domain,
						     .used = true};
			return &c->dq[i];
		}
	return NULL;
}

/* Register the handle; NULL means the answer came already (or never will
 * come: no memory) and the slot is free again. */
static void track(struct check_dq *d, struct dns_query *q)
{
	if (q && d->used) {
		d->q = q;
		d->check->dns_pending++;
	}
}

static void answered(struct check_dq *d)
{
	struct check *c = d->check;
	if (d->q)
		c->dns_pending--;
	d->q = NULL;
	d->used = false;
	check_maybe_finish(c);
}

static void on_dnsbl(void *ud, enum md_status st,
		     const struct dns_record *recs, size_t n, const char *why)
{
	struct check_dq *d = ud;
	(void)why;
	struct check *c = d->check;
	if (st == MD_OK && n > 0) {
		free(c->dnsbl);
		c->dnsbl = strdup("zen.spamhaus.org");
		c->dns_facts.dnsbl_listed = c->dnsbl;
	}
	(void)recs;
	answered(d);
}

static void on_ptr(void *ud, enum md_status st, const struct dns_record *recs,
		   size_t n, const char *why)
{
	struct check_dq *d = ud;
	(void)why;
	struct check *c = d->check;
	int fam = d->kind == DQ_PTR6 ? 1 : 0;
	if (st == MD_OK && n > 0 && recs[0].text) {
		free(c->egress_ptr[fam]);
		c->egress_ptr[fam] = strdup(recs[0].text);
		c->dns_facts.egress_ptr[fam] = c->egress_ptr[fam];
	}
	answered(d);
}

static void on_egress(void *ud, enum md_status st,
		      const struct dns_record *recs, size_t n, const char *why)
{
	struct check_dq *d = ud;
	struct check *c = d->check;
	(void)why;
	if (st == MD_OK)
		c->dns_facts.any_answer = true;
	for (size_t i = 0; st == MD_OK && i < n; i++) {
		const char *addr = recs[i].text;
		if (!addr || !*addr)
			continue;
		int fam = strchr(addr, ':') ? 1 : 0;
		free(c->egress[fam]);
		c->egress[fam] = strdup(addr);
		c->dns_facts.egress[fam] = c->egress[fam];
		struct check_dq *p = take(c, fam ? DQ_PTR6 : DQ_PTR4, 0);
		if (p)
			track(p, dns_reverse(c->dns, addr, on_ptr, p));
		struct check_dq *b = fam == 0 ? take(c, DQ_DNSBL, 0) : NULL;
		if (b)
			track(b, dns_dnsbl(c->dns, addr, "zen.spamhaus.org",
					   on_dnsbl, b));
	}
	answered(d);
}

static void on_txt(void *ud, enum md_status st, const struct dns_record *recs,
		   size_t n, const char *why)
{
	struct check_dq *d = ud;
	struct check *c = d->check;
	struct diag_domain *dom = &c->domains[d->domain];
	bool dmarc = d->kind == DQ_DMARC;
	(void)why;
	if (st == MD_OK) {
		c->dns_facts.any_answer = true;
		dom->looked_up = true; /* an answer, even "no such record" */
	}
	const char *want = dmarc ? "v=DMARC1" : "v=spf1";
	for (size_t i = 0; st == MD_OK && i < n; i++)
		if (recs[i].text && strncasecmp(recs[i].text, want,
						strlen(want)) == 0) {
			char *copy = strdup(recs[i].text);
			if (dmarc) {
				free((char *)dom->dmarc);
				dom->dmarc = copy;
			} else {
				free((char *)dom->spf);
				dom->spf = copy;
			}
			break;
		}
	answered(d);
}

/* The name server to ask for the egress address: o-o.myaddr.l.google.com
 * TXT tells the address of whoever asks Google's own server, so it must be
 * asked directly, not through a recursive resolver (which would be "whoever
 * asks"). When ns1.google.com has no address (the lab, an offline
 * network), the configured resolver is asked instead. */
static void on_ns_google(void *ud, enum md_status st,
			 const struct dns_addr *addrs, size_t n,
			 const char *why)
{
	struct check_dq *d = ud;
	struct check *c = d->check;
	(void)why;
	struct dns *ask = c->dns;
	for (size_t i = 0; st == MD_OK && i < n && !c->dns_google; i++)
		if (addrs[i].family == AF_INET) {
			struct md_err err;
			c->dns_google = dns_new(c->loop, addrs[i].text,
						c->params.timeout_ms, &err);
		}
	if (c->dns_google)
		ask = c->dns_google;
	struct check_dq *e = take(c, DQ_EGRESS, 0);
	if (e)
		track(e, dns_egress(ask, on_egress, e));
	answered(d);
}

enum md_status check_dns_start(struct check *c, struct md_err *err)
{
	c->domains = calloc(c->plan.n_domains + 1, sizeof *c->domains);
	if (!c->domains)
		return md_err_set(err, MD_ERR_NOMEM, NULL, 0, NULL);
	c->dns_facts.domains = c->domains;
	c->dns_facts.n_domains = c->plan.n_domains;
	c->dns_facts.no_route = !dns_route_to_servers(c->dns);
	struct check_dq *d = take(c, DQ_NS_GOOGLE, 0);
	if (d)
		track(d, dns_addrs(c->dns, "ns1.google.com", AF_INET,
				   on_ns_google, d));
	for (size_t i = 0; i < c->plan.n_domains; i++) {
		c->domains[i].domain = c->plan.domains[i];
		struct check_dq *spf = take(c, DQ_SPF, i);
		if (spf)
			track(spf, dns_lookup(c->dns, c->plan.domains[i],
					      DNS_TXT, on_txt, spf));
		char name[300];
		snprintf(name, sizeof name, "_dmarc.%s", c->plan.domains[i]);
		struct check_dq *dm = take(c, DQ_DMARC, i);
		if (dm)
			track(dm, dns_lookup(c->dns, name, DNS_TXT, on_txt, dm));
	}
	return MD_OK;
}

void check_dns_cancel(struct check *c)
{
	for (int i = 0; i < CHECK_MAX_DNS; i++) {
		if (c->dq[i].used && c->dq[i].q)
			dns_cancel(c->dq[i].q);
		c->dq[i].q = NULL;
		c->dq[i].used = false;
	}
	c->dns_pending = 0;
}

void check_dns_done(struct check *c)
{
	for (size_t i = 0; c->domains && i < c->plan.n_domains; i++) {
		free((char *)c->domains[i].spf);
		free((char *)c->domains[i].dmarc);
	}
	free(c->domains);
	c->domains = NULL;
	for (int i = 0; i < 2; i++) {
		free(c->egress[i]);
		free(c->egress_ptr[i]);
	}
	free(c->dnsbl);
}
