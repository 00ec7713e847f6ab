/* facts.c — the DNS questions of a check (facts.h): slots for the
 * questions in flight, one callback per kind of answer, and the reader of
 * assets/netfacts.conf. */
#include "core/check/facts.h"

#include "core/base/os.h"
#include "core/model/account.h"
#include "core/net/dns.h"
#include "core/net/sock.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define FACTS_MAX_DNS 32 /* questions in flight at most */

enum dq_kind { DQ_NS, DQ_EGRESS, DQ_PTR4, DQ_PTR6, DQ_DNSBL, DQ_SPF, DQ_DMARC };

/* A question in flight (a slot of struct facts). */
struct facts_dq {
	struct facts *f;
	struct dns_query *q;
	size_t domain; /* index in domains, for TXT answers */
	enum dq_kind kind;
	bool used;
};

struct facts {
	struct facts_params p;
	struct dns *dns_ns; /* asks egress_ns itself, or NULL */
	struct facts_dq dq[FACTS_MAX_DNS];
	size_t pending;
	struct diag_dns view;
	struct diag_domain *domains;		 /* view.domains, owned */
	char *egress[2], *egress_ptr[2], *dnsbl; /* owned strings of view */
};

/* ---- assets/netfacts.conf ------------------------------------------------ */

void facts_names_done(struct facts_names *n)
{
	free(n->dnsbl);
	free(n->egress_name);
	free(n->egress_ns);
	memset(n, 0, sizeof *n);
}

/* Keep the value of a "key value" line when key is known. */
static bool take_line(struct facts_names *n, char *line)
{
	char *key = line + strspn(line, " \t");
	if (!*key || *key == '#')
		return true;
	char *val = key + strcspn(key, " \t");
	if (*val)
		*val++ = '\0';
	val += strspn(val, " \t");
	val[strcspn(val, " \t\r\n#")] = '\0';
	char **slot = strcmp(key, "dnsbl") == 0		? &n->dnsbl
		      : strcmp(key, "egress-name") == 0 ? &n->egress_name
		      : strcmp(key, "egress-ns") == 0	? &n->egress_ns
							: NULL;
	if (!slot || !*val)
		return true;
	free(*slot);
	*slot = acct_strdup(val);
	return *slot != NULL;
}

enum md_status facts_names_load(const char *path, struct facts_names *out,
				struct md_err *err)
{
	memset(out, 0, sizeof *out);
	FILE *fp = path ? os_fopen(path, "r") : NULL;
	if (!fp)
		return MD_OK; /* no file: no such questions */
	char line[512];
	bool ok = true;
	while (ok && fgets(line, sizeof line, fp)) {
		line[strcspn(line, "\r\n")] = '\0';
		ok = take_line(out, line);
	}
	fclose(fp);
	if (!ok) {
		facts_names_done(out);
		return md_err_set(err, MD_ERR_NOMEM, NULL, 0, NULL);
	}
	return MD_OK;
}

/* ---- questions in flight ---------------------------------------------------
 */

/* A free slot for a question of kind about domain, or NULL when all are
 * taken (the question is then not asked). */
static struct facts_dq *take(struct facts *f, enum dq_kind kind, size_t domain)
{
	for (int i = 0; i < FACTS_MAX_DNS; i++)
		if (!f->dq[i].used) {
			f->dq[i] = (struct facts_dq){.f = f,
						     .kind = kind,
						     .domain = domain,
						     .used = true};
			return &f->dq[i];
		}
	return NULL;
}

/* Register the handle; NULL means the answer came already (or never will
 * come: no memory) and the slot is free again. */
static void track(struct facts_dq *d, struct dns_query *q)
{
	if (q && d->used) {
		d->q = q;
		d->f->pending++;
	}
}

static void answered(struct facts_dq *d)
{
	struct facts *f = d->f;
	if (d->q)
		f->pending--;
	d->q = NULL;
	d->used = false;
	if (f->p.on_answer)
		f->p.on_answer(f->p.ud);
}

/* Replace *slot by a copy of s; the view's pointer follows. */
static const char *keep(char **slot, const char *s)
{
	free(*slot);
	*slot = s ? strdup(s) : NULL;
	return *slot;
}

/* ---- answers ---------------------------------------------------------------
 */

static void on_dnsbl(void *ud, enum md_status st, const struct dns_record *recs,
		     size_t n, const char *why)
{
	struct facts_dq *d = ud;
	struct facts *f = d->f;
	(void)recs;
	(void)why;
	if (st == MD_OK && n > 0)
		f->view.dnsbl_listed = keep(&f->dnsbl, f->p.names->dnsbl);
	answered(d);
}

static void on_ptr(void *ud, enum md_status st, const struct dns_record *recs,
		   size_t n, const char *why)
{
	struct facts_dq *d = ud;
	struct facts *f = d->f;
	int fam = d->kind == DQ_PTR6 ? 1 : 0;
	(void)why;
	if (st == MD_OK && n > 0 && recs[0].text)
		f->view.egress_ptr[fam] =
		    keep(&f->egress_ptr[fam], recs[0].text);
	answered(d);
}

/* The egress address is known: ask its PTR name and, for IPv4, the block
 * list. */
static void ask_about_egress(struct facts *f, const char *addr, int fam)
{
	struct facts_dq *p = take(f, fam ? DQ_PTR6 : DQ_PTR4, 0);
	if (p)
		track(p, dns_reverse(f->p.dns, addr, on_ptr, p));
	const char *zone = f->p.names->dnsbl;
	struct facts_dq *b = fam == 0 && zone ? take(f, DQ_DNSBL, 0) : NULL;
	if (b)
		track(b, dns_dnsbl(f->p.dns, addr, zone, on_dnsbl, b));
}

static void on_egress(void *ud, enum md_status st,
		      const struct dns_record *recs, size_t n, const char *why)
{
	struct facts_dq *d = ud;
	struct facts *f = d->f;
	(void)why;
	if (st == MD_OK)
		f->view.any_answer = true;
	for (size_t i = 0; st == MD_OK && i < n; i++) {
		const char *addr = recs[i].text;
		if (!addr || !*addr)
			continue;
		int fam = strchr(addr, ':') ? 1 : 0;
		f->view.egress[fam] = keep(&f->egress[fam], addr);
		ask_about_egress(f, addr, fam);
	}
	answered(d);
}

static void on_txt(void *ud, enum md_status st, const struct dns_record *recs,
		   size_t n, const char *why)
{
	struct facts_dq *d = ud;
	struct facts *f = d->f;
	struct diag_domain *dom = &f->domains[d->domain];
	bool dmarc = d->kind == DQ_DMARC;
	(void)why;
	if (st == MD_OK) {
		f->view.any_answer = true;
		dom->looked_up = true; /* an answer, even "no such record" */
	}
	const char *want = dmarc ? "v=DMARC1" : "v=spf1";
	for (size_t i = 0; st == MD_OK && i < n; i++)
		if (recs[i].text &&
		    strncasecmp(recs[i].text, want, strlen(want)) == 0) {
			const char **slot = dmarc ? &dom->dmarc : &dom->spf;
			free((char *)*slot);
			*slot = strdup(recs[i].text);
			break;
		}
	answered(d);
}

/* Ask egress_name of whom: the egress name server itself when it has an
 * address, else the check's resolver (the lab, an offline network). */
static void ask_egress(struct facts *f, struct dns *ask)
{
	struct facts_dq *e =
	    f->p.names->egress_name ? take(f, DQ_EGRESS, 0) : NULL;
	if (e)
		track(e, dns_lookup(ask, f->p.names->egress_name, DNS_TXT,
				    on_egress, e));
}

static void on_ns(void *ud, enum md_status st, const struct dns_addr *addrs,
		  size_t n, const char *why)
{
	struct facts_dq *d = ud;
	struct facts *f = d->f;
	(void)why;
	for (size_t i = 0; st == MD_OK && i < n && !f->dns_ns; i++)
		if (addrs[i].family == AF_INET) {
			struct md_err err;
			f->dns_ns = dns_new(f->p.loop, addrs[i].text,
					    f->p.dns_ms, &err);
		}
	ask_egress(f, f->dns_ns ? f->dns_ns : f->p.dns);
	answered(d);
}

/* ---- the job ----------------------------------------------------------------
 */

struct facts *facts_new(const struct facts_params *p)
{
	struct facts *f = calloc(1, sizeof *f);
	if (!f)
		return NULL;
	f->p = *p;
	f->domains = calloc(p->n_domains + 1, sizeof *f->domains);
	if (!f->domains) {
		free(f);
		return NULL;
	}
	f->view.domains = f->domains;
	f->view.n_domains = p->n_domains;
	for (size_t i = 0; i < p->n_domains; i++)
		f->domains[i].domain = p->domains[i];
	return f;
}

/* SPF and DMARC of sender domain i. */
static void ask_domain(struct facts *f, size_t i)
{
	const char *domain = f->p.domains[i];
	struct facts_dq *spf = take(f, DQ_SPF, i);
	if (spf)
		track(spf, dns_lookup(f->p.dns, domain, DNS_TXT, on_txt, spf));
	char name[300];
	snprintf(name, sizeof name, "_dmarc.%s", domain);
	struct facts_dq *dm = take(f, DQ_DMARC, i);
	if (dm)
		track(dm, dns_lookup(f->p.dns, name, DNS_TXT, on_txt, dm));
}

enum md_status facts_start(struct facts *f, struct md_err *err)
{
	(void)err;
	f->view.no_route = !dns_route_to_servers(f->p.dns);
	const struct facts_names *names = f->p.names;
	struct facts_dq *d = names->egress_ns ? take(f, DQ_NS, 0) : NULL;
	if (d)
		track(d,
		      dns_addrs(f->p.dns, names->egress_ns, AF_INET, on_ns, d));
	else
		ask_egress(f, f->p.dns);
	for (size_t i = 0; i < f->p.n_domains; i++)
		ask_domain(f, i);
	return MD_OK;
}

size_t facts_pending(const struct facts *f)
{
	return f ? f->pending : 0;
}

const struct diag_dns *facts_dns(const struct facts *f)
{
	return &f->view;
}

void facts_cancel(struct facts *f)
{
	for (int i = 0; f && i < FACTS_MAX_DNS; i++) {
		if (f->dq[i].used && f->dq[i].q)
			dns_cancel(f->dq[i].q);
		f->dq[i].q = NULL;
		f->dq[i].used = false;
	}
	if (f)
		f->pending = 0;
}

void facts_free(struct facts *f)
{
	if (!f)
		return;
	facts_cancel(f);
	for (size_t i = 0; i < f->p.n_domains; i++) {
		free((char *)f->domains[i].spf);
		free((char *)f->domains[i].dmarc);
	}
	free(f->domains);
	for (int i = 0; i < 2; i++) {
		free(f->egress[i]);
		free(f->egress_ptr[i]);
	}
	free(f->dnsbl);
	dns_free(f->dns_ns);
	free(f);
}
