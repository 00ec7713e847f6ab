/* dns.c — c-ares driven by the probe loop: c-ares tells which sockets it
 * wants watched (sock_state_cb) and when it wants a timer; answers are
 * parsed into plain records for the callers. */
#include "core/net/dns.h"
#include "core/net/sock.h"
#include "core/base/i18n.h"

#include <ares.h>
#include <ares_nameser.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define DNS_MAX_RECORDS 32 /* records passed to a callback */

struct dns {
	struct loop *loop;
	ares_channel channel;
	uint64_t timer;
	bool initialised; /* ares_library_init done */
	bool destroying;  /* inside dns_free(): no callback reaches a user */
};

enum q_kind { Q_RECORDS, Q_ADDRS, Q_FCRDNS, Q_FCRDNS_FWD };

struct dns_query {
	struct dns *dns;
	enum q_kind kind;
	enum dns_type type;
	bool cancelled;
	bool internal;	/* part of a composite query (fcrdns) */
	int submitting; /* inside the call that submits it: do not free */
	bool finished;	/* answered while submitting */
	void *fn;
	void *ud;
	/* Q_FCRDNS: */
	char addr[INET6_ADDRSTRLEN];
	char name[256];
	struct dns_query *child; /* the forward lookup under way */
};

static void rearm(struct dns *dns);

static void on_timer(struct loop *loop, void *ud)
{
	struct dns *dns = ud;
	(void)loop;
	dns->timer = 0;
	ares_process_fd(dns->channel, ARES_SOCKET_BAD, ARES_SOCKET_BAD);
	rearm(dns);
}

static void rearm(struct dns *dns)
{
	struct timeval tv;
	loop_timer_cancel(dns->loop, dns->timer);
	dns->timer = 0;
	if (ares_timeout(dns->channel, NULL, &tv))
		dns->timer = loop_timer(dns->loop,
					(uint64_t)tv.tv_sec * 1000u +
					    (uint64_t)tv.tv_usec / 1000u + 1,
					on_timer, dns);
}

static void on_fd(struct loop *loop, int fd, unsigned ev, void *ud)
{
	struct dns *dns = ud;
	(void)loop;
	ares_socket_t s = (ares_socket_t)fd; /* a SOCKET on Windows */
	ares_process_fd(dns->channel,
			ev & (LOOP_READ | LOOP_ERROR) ? s : ARES_SOCKET_BAD,
			ev & LOOP_WRITE ? s : ARES_SOCKET_BAD);
	rearm(dns);
}

static void sock_state(void *data, ares_socket_t fd, int readable, int writable)
{
	struct dns *dns = data;
	if (!readable && !writable) {
		loop_unwatch(dns->loop, fd);
		return;
	}
	struct md_err err;
	loop_watch(dns->loop, fd,
		   (readable ? LOOP_READ : 0u) | (writable ? LOOP_WRITE : 0u),
		   on_fd, dns, &err);
}

/* "ADDR", "ADDR:PORT", "[V6]:PORT" or "V6" into c-ares' CSV form. */
static bool server_csv(const char *in, char *out, size_t outsz)
{
	unsigned char buf[16];
	if (inet_pton(AF_INET, in, buf) == 1 ||
	    inet_pton(AF_INET6, in, buf) == 1) {
		snprintf(out, outsz, strchr(in, ':') ? "[%s]" : "%s", in);
		return true;
	}
	char host[64];
	const char *colon;
	if (in[0] == '[') {
		const char *end = strchr(in, ']');
		if (!end || (size_t)(end - in - 1) >= sizeof host)
			return false;
		snprintf(host, sizeof host, "%.*s", (int)(end - in - 1),
			 in + 1);
		colon = end[1] == ':' ? end + 1 : NULL;
		if (end[1] && !colon)
			return false;
	} else {
		colon = strrchr(in, ':');
		if (!colon || (size_t)(colon - in) >= sizeof host)
			return false;
		snprintf(host, sizeof host, "%.*s", (int)(colon - in), in);
	}
	int v6 = inet_pton(AF_INET6, host, buf) == 1;
	if (!v6 && inet_pton(AF_INET, host, buf) != 1)
		return false;
	if (colon) {
		char *end;
		long port = strtol(colon + 1, &end, 10);
		if (*end || port < 1 || port > 65535)
			return false;
		snprintf(out, outsz, v6 ? "[%s]:%ld" : "%s:%ld", host, port);
	} else {
		snprintf(out, outsz, v6 ? "[%s]" : "%s", host);
	}
	return true;
}

struct dns *dns_new(struct loop *loop, const char *resolver,
		    unsigned timeout_ms, struct md_err *err)
{
	char csv[96];
	if (resolver && !server_csv(resolver, csv, sizeof csv)) {
		md_err_set(err, MD_ERR_USAGE, NULL, 0,
			   _("\"%s\" is not the address of a DNS server"),
			   resolver);
		return NULL;
	}
	struct dns *dns = calloc(1, sizeof *dns);
	if (!dns || ares_library_init(ARES_LIB_INIT_ALL) != ARES_SUCCESS) {
		free(dns);
		md_err_set(err, MD_ERR_NOMEM, NULL, 0, "%s",
			   _("out of memory"));
		return NULL;
	}
	dns->initialised = true;
	dns->loop = loop;
	struct ares_options o;
	memset(&o, 0, sizeof o);
	o.sock_state_cb = sock_state;
	o.sock_state_cb_data = dns;
	/* c-ares doubles the wait at each of its 3 tries (1 + 2 + 4 shares):
	 * the first try gets a seventh of the whole budget. */
	o.timeout = timeout_ms
			? (int)(timeout_ms / 7 > 100 ? timeout_ms / 7 : 100)
			: 1500;
	o.tries = 3;
	o.lookups = (char *)(resolver ? "b" : "fb");
	int mask = ARES_OPT_SOCK_STATE_CB | ARES_OPT_TIMEOUTMS |
		   ARES_OPT_TRIES | ARES_OPT_LOOKUPS;
	if (ares_init_options(&dns->channel, &o, mask) != ARES_SUCCESS) {
		ares_library_cleanup();
		free(dns);
		md_err_set(err, MD_ERR_NET, NULL, 0, "%s",
			   _("DNS could not be set up"));
		return NULL;
	}
	if (resolver &&
	    ares_set_servers_ports_csv(dns->channel, csv) != ARES_SUCCESS) {
		dns_free(dns);
		md_err_set(err, MD_ERR_USAGE, NULL, 0,
			   _("\"%s\" is not the address of a DNS server"),
			   resolver);
		return NULL;
	}
	return dns;
}

bool dns_route_to_servers(const struct dns *dns)
{
	struct ares_addr_port_node *servers = NULL;
	/* Deprecated from c-ares 1.24 on (for a CSV getter), still there. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wdeprecated-declarations"
	int got = ares_get_servers_ports(dns->channel, &servers);
#pragma GCC diagnostic pop
	if (got != ARES_SUCCESS)
		return true; /* cannot tell: assume there is one */
	bool route = servers == NULL;
	for (struct ares_addr_port_node *n = servers; n && !route;
	     n = n->next) {
		struct sockaddr_storage ss;
		socklen_t len;
		memset(&ss, 0, sizeof ss);
		int port = n->udp_port ? n->udp_port : 53;
		if (n->family == AF_INET) {
			struct sockaddr_in *a = (struct sockaddr_in *)&ss;
			a->sin_family = AF_INET;
			a->sin_port = htons((uint16_t)port);
			a->sin_addr = n->addr.addr4;
			len = sizeof *a;
		} else if (n->family == AF_INET6) {
			struct sockaddr_in6 *a = (struct sockaddr_in6 *)&ss;
			a->sin6_family = AF_INET6;
			a->sin6_port = htons((uint16_t)port);
			memcpy(&a->sin6_addr, &n->addr.addr6,
			       sizeof a->sin6_addr);
			len = sizeof *a;
		} else {
			continue;
		}
		route = sock_udp_route((struct sockaddr *)&ss, len);
	}
	ares_free_data(servers);
	return route;
}

void dns_free(struct dns *dns)
{
	if (!dns)
		return;
	dns->destroying = true;
	ares_destroy(dns->channel); /* callbacks run with ARES_EDESTRUCTION */
	loop_timer_cancel(dns->loop, dns->timer);
	if (dns->initialised)
		ares_library_cleanup();
	free(dns);
}

static struct dns_query *query_new(struct dns *dns, enum q_kind kind, void *fn,
				   void *ud)
{
	struct dns_query *q = calloc(1, sizeof *q);
	if (!q)
		return NULL;
	q->dns = dns;
	q->kind = kind;
	q->fn = fn;
	q->ud = ud;
	return q;
}

/* The query's answer was delivered: free it, unless the submitting call
 * is still on the stack (c-ares may answer at once); that call frees it. */
static void query_end(struct dns_query *q)
{
	if (q->submitting)
		q->finished = true;
	else
		free(q);
}

/* After submitting: NULL (and freed) when it was already answered. */
static struct dns_query *submitted(struct dns_query *q)
{
	if (--q->submitting == 0 && q->finished) {
		free(q);
		return NULL;
	}
	return q;
}

void dns_cancel(struct dns_query *q)
{
	if (!q)
		return;
	q->cancelled = true; /* a composite's child frees it when it ends */
}

static enum md_status map_status(int status)
{
	switch (status) {
	case ARES_SUCCESS:
	case ARES_ENODATA:
	case ARES_ENOTFOUND:
		return MD_OK;
	case ARES_ETIMEOUT:
		return MD_ERR_TIMEOUT;
	case ARES_ENOMEM:
		return MD_ERR_NOMEM;
	case ARES_ECANCELLED:
	case ARES_EDESTRUCTION:
		return MD_ERR_CANCELLED;
	default:
		return MD_ERR_NET;
	}
}

static void deliver_records(struct dns_query *q, enum md_status st,
			    const struct dns_record *r, size_t n,
			    const char *why)
{
	if (!q->cancelled)
		((dns_records_fn *)q->fn)(q->ud, st, r, n, why);
}

/* The parsed records of one answer: texts[i] is recs[i].text. */
struct parsed {
	struct dns_record recs[DNS_MAX_RECORDS];
	char texts[DNS_MAX_RECORDS][256];
	size_t n;
};

static void parse_addrs(struct parsed *o, enum dns_type type,
			unsigned char *abuf, int alen)
{
	struct ares_addrttl a4[DNS_MAX_RECORDS];
	struct ares_addr6ttl a6[DNS_MAX_RECORDS];
	int na = DNS_MAX_RECORDS;
	struct hostent *he = NULL;
	int r = type == DNS_A ? ares_parse_a_reply(abuf, alen, &he, a4, &na)
			      : ares_parse_aaaa_reply(abuf, alen, &he, a6, &na);
	if (he)
		ares_free_hostent(he);
	if (r != ARES_SUCCESS)
		na = 0;
	for (int i = 0; i < na && o->n < DNS_MAX_RECORDS; i++, o->n++) {
		if (type == DNS_A)
			inet_ntop(AF_INET, &a4[i].ipaddr, o->texts[o->n],
				  sizeof o->texts[o->n]);
		else
			inet_ntop(AF_INET6, &a6[i].ip6addr, o->texts[o->n],
				  sizeof o->texts[o->n]);
	}
}

static void parse_mx(struct parsed *o, unsigned char *abuf, int alen)
{
	struct ares_mx_reply *mx = NULL;
	if (ares_parse_mx_reply(abuf, alen, &mx) == ARES_SUCCESS)
		for (struct ares_mx_reply *m = mx; m && o->n < DNS_MAX_RECORDS;
		     m = m->next, o->n++) {
			o->recs[o->n].prio = m->priority;
			snprintf(o->texts[o->n], sizeof o->texts[o->n], "%s",
				 m->host);
		}
	ares_free_data(mx);
}

static void parse_srv(struct parsed *o, unsigned char *abuf, int alen)
{
	struct ares_srv_reply *srv = NULL;
	if (ares_parse_srv_reply(abuf, alen, &srv) == ARES_SUCCESS)
		for (struct ares_srv_reply *s = srv;
		     s && o->n < DNS_MAX_RECORDS; s = s->next, o->n++) {
			o->recs[o->n].prio = s->priority;
			o->recs[o->n].weight = s->weight;
			o->recs[o->n].port = s->port;
			snprintf(o->texts[o->n], sizeof o->texts[o->n], "%s",
				 s->host);
		}
	ares_free_data(srv);
}

/* TXT: the pieces of one record joined. */
static void parse_txt(struct parsed *o, unsigned char *abuf, int alen)
{
	struct ares_txt_ext *txt = NULL;
	if (ares_parse_txt_reply_ext(abuf, alen, &txt) != ARES_SUCCESS) {
		ares_free_data(txt);
		return;
	}
	size_t used = 0;
	for (struct ares_txt_ext *t = txt; t; t = t->next) {
		if (t->record_start) {
			if (o->n == DNS_MAX_RECORDS)
				break;
			o->n++;
			used = 0;
			o->texts[o->n - 1][0] = '\0';
		}
		if (o->n == 0)
			continue;
		char *text = o->texts[o->n - 1];
		size_t size = sizeof o->texts[o->n - 1];
		int w = snprintf(text + used, size - used, "%.*s",
				 (int)t->length, (const char *)t->txt);
		if (w > 0)
			used += (size_t)w;
		if (used >= size)
			used = size - 1;
	}
	ares_free_data(txt);
}

static void parse_ptr(struct parsed *o, unsigned char *abuf, int alen)
{
	struct hostent *he = NULL;
	unsigned char dummy[4] = {0};
	if (ares_parse_ptr_reply(abuf, alen, dummy, 4, AF_INET, &he) ==
	    ARES_SUCCESS) {
		if (he && he->h_name)
			snprintf(o->texts[o->n++], sizeof o->texts[0], "%s",
				 he->h_name);
		for (char **al = he ? he->h_aliases : NULL;
		     al && *al && o->n < DNS_MAX_RECORDS; al++)
			snprintf(o->texts[o->n++], sizeof o->texts[0], "%s",
				 *al);
	}
	if (he)
		ares_free_hostent(he);
}

/* Parse an answer of q->type and deliver it. */
static void parse_and_deliver(struct dns_query *q, unsigned char *abuf,
			      int alen)
{
	struct parsed o;
	memset(&o, 0, sizeof o);
	switch (q->type) {
	case DNS_A:
	case DNS_AAAA:
		parse_addrs(&o, q->type, abuf, alen);
		break;
	case DNS_MX:
		parse_mx(&o, abuf, alen);
		break;
	case DNS_SRV:
		parse_srv(&o, abuf, alen);
		break;
	case DNS_TXT:
		parse_txt(&o, abuf, alen);
		break;
	case DNS_PTR:
		parse_ptr(&o, abuf, alen);
		break;
	}
	for (size_t i = 0; i < o.n; i++) {
		o.recs[i].type = q->type;
		o.recs[i].text = o.texts[i];
	}
	deliver_records(q, MD_OK, o.recs, o.n, "");
}

static void on_answer(void *arg, int status, int timeouts, unsigned char *abuf,
		      int alen)
{
	struct dns_query *q = arg;
	(void)timeouts;
	if (status == ARES_EDESTRUCTION && !q->internal)
		q->cancelled = true;
	if (status != ARES_SUCCESS)
		deliver_records(q, map_status(status), NULL, 0,
				status == ARES_ENOTFOUND ||
					status == ARES_ENODATA
				    ? ""
				    : ares_strerror(status));
	else
		parse_and_deliver(q, abuf, alen);
	query_end(q);
}

static const int type_codes[] = {
    [DNS_A] = ns_t_a,	  [DNS_AAAA] = ns_t_aaaa, [DNS_MX] = ns_t_mx,
    [DNS_TXT] = ns_t_txt, [DNS_SRV] = ns_t_srv,	  [DNS_PTR] = ns_t_ptr,
};

struct dns_query *dns_lookup(struct dns *dns, const char *name,
			     enum dns_type type, dns_records_fn *fn, void *ud)
{
	struct dns_query *q = query_new(dns, Q_RECORDS, (void *)fn, ud);
	if (!q) {
		fn(ud, MD_ERR_NOMEM, NULL, 0, "out of memory");
		return NULL;
	}
	q->type = type;
	q->submitting++;
	ares_query(dns->channel, name, ns_c_in, type_codes[type], on_answer, q);
	rearm(dns);
	return submitted(q);
}

static void on_addrinfo(void *arg, int status, int timeouts,
			struct ares_addrinfo *res)
{
	struct dns_query *q = arg;
	struct dns_addr addrs[DNS_MAX_RECORDS];
	size_t n = 0;
	(void)timeouts;
	if (status == ARES_EDESTRUCTION)
		q->cancelled = true;
	for (struct ares_addrinfo_node *a = res ? res->nodes : NULL;
	     a && n < DNS_MAX_RECORDS; a = a->ai_next) {
		if (a->ai_family != AF_INET && a->ai_family != AF_INET6)
			continue;
		if ((size_t)a->ai_addrlen > sizeof addrs[n].sa)
			continue;
		struct dns_addr *d = &addrs[n];
		memset(d, 0, sizeof *d);
		d->family = a->ai_family;
		memcpy(d->sa, a->ai_addr, (size_t)a->ai_addrlen);
		d->salen = (unsigned)a->ai_addrlen;
		const void *bin =
		    a->ai_family == AF_INET
			? (const void *)&((struct sockaddr_in *)(void *)d->sa)
			      ->sin_addr
			: (const void *)&((struct sockaddr_in6 *)(void *)d->sa)
			      ->sin6_addr;
		inet_ntop(a->ai_family, bin, d->text, sizeof d->text);
		bool dup = false;
		for (size_t i = 0; i < n; i++)
			dup |= strcmp(addrs[i].text, d->text) == 0;
		if (!dup)
			n++;
	}
	if (res)
		ares_freeaddrinfo(res);
	if (!q->cancelled)
		((dns_addrs_fn *)q->fn)(
		    q->ud, status == ARES_SUCCESS ? MD_OK : map_status(status),
		    addrs, n,
		    status == ARES_SUCCESS || status == ARES_ENOTFOUND ||
			    status == ARES_ENODATA
			? ""
			: ares_strerror(status));
	query_end(q);
}

struct dns_query *dns_addrs(struct dns *dns, const char *host, int family,
			    dns_addrs_fn *fn, void *ud)
{
	struct dns_query *q = query_new(dns, Q_ADDRS, (void *)fn, ud);
	if (!q) {
		fn(ud, MD_ERR_NOMEM, NULL, 0, "out of memory");
		return NULL;
	}
	struct ares_addrinfo_hints h;
	memset(&h, 0, sizeof h);
	h.ai_family = family;
	h.ai_socktype = SOCK_STREAM;
	h.ai_flags = ARES_AI_NOSORT;
	q->submitting++;
	ares_getaddrinfo(dns->channel, host, NULL, &h, on_addrinfo, q);
	rearm(dns);
	return submitted(q);
}

bool dns_reverse_name(const char *addr, const char *suffix, char *out,
		      size_t outsz)
{
	unsigned char b[16];
	size_t o = 0;
	if (inet_pton(AF_INET, addr, b) == 1) {
		int n = snprintf(out, outsz, "%u.%u.%u.%u.%s", b[3], b[2], b[1],
				 b[0], suffix ? suffix : "in-addr.arpa");
		return n > 0 && (size_t)n < outsz;
	}
	if (inet_pton(AF_INET6, addr, b) != 1)
		return false;
	static const char hex[] = "0123456789abcdef";
	for (int i = 15; i >= 0; i--) {
		if (o + 4 >= outsz)
			return false;
		out[o++] = hex[b[i] & 15];
		out[o++] = '.';
		out[o++] = hex[b[i] >> 4];
		out[o++] = '.';
	}
	int n =
	    snprintf(out + o, outsz - o, "%s", suffix ? suffix : "ip6.arpa");
	return n > 0 && (size_t)n < outsz - o;
}

struct dns_query *dns_reverse(struct dns *dns, const char *addr,
			      dns_records_fn *fn, void *ud)
{
	char name[128];
	if (!dns_reverse_name(addr, NULL, name, sizeof name)) {
		fn(ud, MD_ERR_USAGE, NULL, 0, "not an IP address");
		return NULL;
	}
	return dns_lookup(dns, name, DNS_PTR, fn, ud);
}

struct dns_query *dns_dnsbl(struct dns *dns, const char *addr, const char *zone,
			    dns_records_fn *fn, void *ud)
{
	char name[384];
	if (!dns_reverse_name(addr, zone, name, sizeof name)) {
		fn(ud, MD_ERR_USAGE, NULL, 0, "not an IP address");
		return NULL;
	}
	return dns_lookup(dns, name, DNS_A, fn, ud);
}

/* fcrdns: the parent query waits for a PTR, then for the forward lookup. */
static void fcrdns_fwd(void *ud, enum md_status st, const struct dns_record *r,
		       size_t n, const char *why)
{
	struct dns_query *p = ud;
	bool ok = false;
	unsigned char want[16], got[16];
	int fam = strchr(p->addr, ':') ? AF_INET6 : AF_INET;
	(void)why;
	inet_pton(fam, p->addr, want);
	for (size_t i = 0; st == MD_OK && i < n; i++)
		if (inet_pton(fam, r[i].text, got) == 1 &&
		    memcmp(want, got, fam == AF_INET ? 4 : 16) == 0)
			ok = true;
	p->child = NULL;
	if (!p->cancelled && !p->dns->destroying)
		((dns_fcrdns_fn *)p->fn)(p->ud, st, p->name, ok);
	query_end(p);
}

static void fcrdns_ptr(void *ud, enum md_status st, const struct dns_record *r,
		       size_t n, const char *why)
{
	struct dns_query *p = ud;
	(void)why;
	p->child = NULL;
	if (p->cancelled || p->dns->destroying || st != MD_OK || n == 0) {
		if (!p->cancelled && !p->dns->destroying)
			((dns_fcrdns_fn *)p->fn)(p->ud, st, "", false);
		query_end(p);
		return;
	}
	snprintf(p->name, sizeof p->name, "%s", r[0].text);
	p->submitting++;
	struct dns_query *c =
	    dns_lookup(p->dns, p->name, strchr(p->addr, ':') ? DNS_AAAA : DNS_A,
		       fcrdns_fwd, p);
	if (c) {
		c->internal = true;
		p->child = c;
	}
	if (submitted(p) == NULL)
		return;
}

struct dns_query *dns_fcrdns(struct dns *dns, const char *addr,
			     dns_fcrdns_fn *fn, void *ud)
{
	struct dns_query *p = query_new(dns, Q_FCRDNS, (void *)fn, ud);
	if (!p) {
		fn(ud, MD_ERR_NOMEM, "", false);
		return NULL;
	}
	snprintf(p->addr, sizeof p->addr, "%s", addr);
	p->submitting++;
	struct dns_query *c = dns_reverse(dns, addr, fcrdns_ptr, p);
	if (c) {
		c->internal = true;
		p->child = c;
	}
	return submitted(p);
}
