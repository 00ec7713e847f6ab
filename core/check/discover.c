/* discover.c — the steps of settings discovery that need no network: the
 * autoconfig URLs in Thunderbird's order, reading a fetched config, SRV
 * answers, the MX-based guess and the host names worth probing. */
#include "core/check/discover.h"

#include "core/base/i18n.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const step_names[DISCOVER_N_STEPS] = {
    [DISCOVER_KB] = "kb",
    [DISCOVER_AUTOCONFIG] = "autoconfig",
    [DISCOVER_WELLKNOWN] = "well-known",
    [DISCOVER_ISPDB] = "ispdb",
    [DISCOVER_SRV] = "srv",
    [DISCOVER_MX] = "mx",
    [DISCOVER_GUESS] = "guess",
};

const char *discover_step_name(enum discover_step step)
{
	if ((unsigned)step >= DISCOVER_N_STEPS)
		return "?";
	return step_names[step];
}

/* The domain of email in lower case, if it is a plausible host name. */
static bool domain_of(const char *email, char *out, size_t outsz)
{
	const char *at = email ? strrchr(email, '@') : NULL;
	if (!at || at == email)
		return false;
	const char *d = at + 1;
	size_t len = strlen(d);
	if (len && d[len - 1] == '.')
		len--;
	if (len == 0 || len >= outsz || len > 253 || d[0] == '.' ||
	    d[0] == '-' || !memchr(d, '.', len))
		return false;
	for (size_t i = 0; i < len; i++) {
		char c = d[i];
		if (c >= 'A' && c <= 'Z')
			c = (char)(c - 'A' + 'a');
		bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
			  c == '-' || c == '.';
		if (!ok || (c == '.' && i + 1 < len && d[i + 1] == '.'))
			return false;
		out[i] = c;
	}
	out[len] = '\0';
	return true;
}

/* Percent-encode s (RFC 3986 unreserved characters kept). */
static bool pct_encode(const char *s, char *out, size_t outsz)
{
	static const char hex[] = "0123456789ABCDEF";
	size_t o = 0;
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		bool keep = (*p >= 'A' && *p <= 'Z') ||
			    (*p >= 'a' && *p <= 'z') ||
			    (*p >= '0' && *p <= '9') || *p == '-' ||
			    *p == '.' || *p == '_' || *p == '~';
		if (o + (keep ? 1 : 3) >= outsz)
			return false;
		if (keep) {
			out[o++] = (char)*p;
		} else {
			out[o++] = '%';
			out[o++] = hex[*p >> 4];
			out[o++] = hex[*p & 15];
		}
	}
	out[o] = '\0';
	return true;
}

enum md_status discover_urls(const char *email, char out[3][DISCOVER_URL_MAX],
			     struct md_err *err)
{
	char domain[256], enc[3 * 320 + 1];
	if (!domain_of(email, domain, sizeof domain) || strlen(email) > 320 ||
	    !pct_encode(email, enc, sizeof enc))
		return md_err_set(err, MD_ERR_USAGE, NULL, 0, "%s",
				  _("not an email address"));
	snprintf(out[0], DISCOVER_URL_MAX,
		 "https://autoconfig.%s/mail/config-v1.1.xml?emailaddress=%s",
		 domain, enc);
	snprintf(out[1], DISCOVER_URL_MAX,
		 "https://%s/.well-known/autoconfig/mail/config-v1.1.xml",
		 domain);
	snprintf(out[2], DISCOVER_URL_MAX,
		 "https://autoconfig.thunderbird.net/v1.1/%s", domain);
	return MD_OK;
}

/* An empty result with source copied; NULL when out of memory. */
static struct kb_settings *settings_new(const char *source)
{
	struct kb_settings *s = calloc(1, sizeof *s);
	if (s && !(s->source = strdup(source))) {
		free(s);
		return NULL;
	}
	return s;
}

/* Append one endpoint (host and user copied). */
static bool settings_add(struct kb_settings *s, enum acct_proto proto,
			 const char *host, int port, enum acct_security sec,
			 const char *user)
{
	bool out = proto == ACCT_PROTO_SMTP;
	struct kb_endpoint **v = out ? &s->outgoing : &s->incoming;
	size_t *n = out ? &s->n_outgoing : &s->n_incoming;
	struct kb_endpoint *nv = realloc(*v, (*n + 1) * sizeof *nv);
	if (!nv)
		return false;
	*v = nv;
	struct kb_endpoint *e = &nv[*n];
	memset(e, 0, sizeof *e);
	e->proto = proto;
	e->port = port;
	e->security = sec;
	e->auth = ACCT_AUTH_PASSWORD;
	e->host = strdup(host);
	e->user = user ? strdup(user) : NULL;
	(*n)++;
	return e->host && (!user || e->user);
}

static enum md_status nomem(struct md_err *err)
{
	return md_err_set(err, MD_ERR_NOMEM, NULL, 0, "%s", _("out of memory"));
}

enum md_status discover_parse_config(const char *buf, size_t len,
				     const char *email, const char *source,
				     struct kb_settings **out,
				     struct md_err *err)
{
	struct kb *kb = kb_new();
	if (!kb)
		return nomem(err);
	const struct kb_provider *p = NULL;
	enum md_status st =
	    kb_add_memory(kb, buf, len, source ? source : "(fetched)", &p, err);
	struct kb_settings *s = NULL;
	if (st == MD_OK)
		st = kb_settings_for(p, email, source, &s, err);
	kb_free(kb);
	if (st != MD_OK)
		return st;
	/* The facts lived in the temporary kb. */
	for (size_t i = 0; i < s->n_incoming; i++)
		s->incoming[i].fact = NULL;
	for (size_t i = 0; i < s->n_outgoing; i++)
		s->outgoing[i].fact = NULL;
	if (s->n_outgoing == 0) {
		kb_settings_free(s);
		return md_err_set(err, MD_ERR_NOTFOUND, source, 0, "%s",
				  _("the configuration names no outgoing "
				    "server"));
	}
	*out = s;
	return MD_OK;
}

static const struct discover_srv_service services[] = {
    {"_submissions._tcp", ACCT_PROTO_SMTP, ACCT_SEC_TLS},
    {"_submission._tcp", ACCT_PROTO_SMTP, ACCT_SEC_STARTTLS},
    {"_imaps._tcp", ACCT_PROTO_IMAP, ACCT_SEC_TLS},
    {"_imap._tcp", ACCT_PROTO_IMAP, ACCT_SEC_STARTTLS},
    {"_pop3s._tcp", ACCT_PROTO_POP3, ACCT_SEC_TLS},
    {"_pop3._tcp", ACCT_PROTO_POP3, ACCT_SEC_STARTTLS},
};
#define N_SERVICES (sizeof services / sizeof services[0])

const struct discover_srv_service *discover_srv_services(size_t *n)
{
	*n = N_SERVICES;
	return services;
}

static int service_index(const char *name)
{
	for (size_t i = 0; name && i < N_SERVICES; i++)
		if (strcmp(services[i].service, name) == 0)
			return (int)i;
	return -1;
}

/* An SRV answer with its service's index, for sorting. */
struct srv_item {
	const struct discover_srv *srv;
	int svc;
};

static int srv_order(const void *a, const void *b)
{
	const struct srv_item *x = a, *y = b;
	enum acct_proto px = services[x->svc].proto,
			py = services[y->svc].proto;
	if (px != py)
		return px < py ? -1 : 1;
	if (x->srv->prio != y->srv->prio)
		return x->srv->prio < y->srv->prio ? -1 : 1;
	if (x->svc != y->svc) /* implicit TLS first */
		return x->svc < y->svc ? -1 : 1;
	if (x->srv->weight != y->srv->weight)
		return x->srv->weight > y->srv->weight ? -1 : 1;
	return 0;
}

static bool target_ok(const char *t)
{
	char tmp[256];
	char fake[300];
	if (!t || strcmp(t, ".") == 0 || strlen(t) > 253)
		return false;
	snprintf(fake, sizeof fake, "x@%s", t);
	return domain_of(fake, tmp, sizeof tmp);
}

enum md_status discover_from_srv(const struct discover_srv *srv, size_t n,
				 const char *email, struct kb_settings **out,
				 struct md_err *err)
{
	struct srv_item *items = calloc(n ? n : 1, sizeof *items);
	if (!items)
		return nomem(err);
	size_t k = 0;
	for (size_t i = 0; i < n; i++) {
		int svc = service_index(srv[i].service);
		if (svc < 0 || !target_ok(srv[i].target) || srv[i].port == 0 ||
		    srv[i].port > 65535)
			continue;
		items[k++] = (struct srv_item){&srv[i], svc};
	}
	if (k == 0) {
		free(items);
		return md_err_set(err, MD_ERR_NOTFOUND, NULL, 0, "%s",
				  _("no usable SRV record"));
	}
	qsort(items, k, sizeof *items, srv_order);
	struct kb_settings *s = settings_new("srv");
	bool ok = s != NULL;
	for (size_t i = 0; ok && i < k; i++) {
		const struct discover_srv *r = items[i].srv;
		char host[256];
		size_t tl = strlen(r->target);
		snprintf(host, sizeof host, "%.*s",
			 (int)(tl && r->target[tl - 1] == '.' ? tl - 1 : tl),
			 r->target);
		ok = settings_add(s, services[items[i].svc].proto, host,
				  (int)r->port, services[items[i].svc].security,
				  email);
	}
	free(items);
	if (!ok) {
		kb_settings_free(s);
		return nomem(err);
	}
	*out = s;
	return MD_OK;
}

enum md_status discover_from_mx(const struct kb *kb, const char *mx_host,
				const char *email, struct kb_settings **out,
				struct md_err *err)
{
	char host[256], fake[300];
	snprintf(fake, sizeof fake, "x@%s", mx_host ? mx_host : "");
	if (!mx_host || !domain_of(fake, host, sizeof host))
		return md_err_set(err, MD_ERR_NOTFOUND, NULL, 0, "%s",
				  _("no usable MX host"));
	const struct kb_provider *p = kb_by_host(kb, host, NULL);
	/* Parent domains, keeping at least two labels. */
	for (const char *d = strchr(host, '.'); !p && d;
	     d = strchr(d + 1, '.')) {
		if (!strchr(d + 1, '.'))
			break;
		p = kb_by_domain(kb, d + 1);
	}
	if (!p)
		return md_err_set(err, MD_ERR_NOTFOUND, NULL, 0,
				  _("no known provider runs the mail server "
				    "%s"),
				  host);
	char source[300];
	snprintf(source, sizeof source, "mx:%s", host);
	return kb_settings_for(p, email, source, out, err);
}

enum md_status discover_guess(const char *email, struct kb_settings **out,
			      struct md_err *err)
{
	char d[256];
	if (!domain_of(email, d, sizeof d))
		return md_err_set(err, MD_ERR_USAGE, NULL, 0, "%s",
				  _("not an email address"));
	static const struct {
		const char *prefix;
		enum acct_proto proto;
		int port;
		enum acct_security sec;
	} tries[] = {
	    {"smtp.", ACCT_PROTO_SMTP, 587, ACCT_SEC_STARTTLS},
	    {"smtp.", ACCT_PROTO_SMTP, 465, ACCT_SEC_TLS},
	    {"mail.", ACCT_PROTO_SMTP, 587, ACCT_SEC_STARTTLS},
	    {"mail.", ACCT_PROTO_SMTP, 465, ACCT_SEC_TLS},
	    {"", ACCT_PROTO_SMTP, 587, ACCT_SEC_STARTTLS},
	    {"", ACCT_PROTO_SMTP, 465, ACCT_SEC_TLS},
	    {"imap.", ACCT_PROTO_IMAP, 993, ACCT_SEC_TLS},
	    {"mail.", ACCT_PROTO_IMAP, 993, ACCT_SEC_TLS},
	    {"", ACCT_PROTO_IMAP, 993, ACCT_SEC_TLS},
	    {"pop.", ACCT_PROTO_POP3, 995, ACCT_SEC_TLS},
	    {"mail.", ACCT_PROTO_POP3, 995, ACCT_SEC_TLS},
	    {"", ACCT_PROTO_POP3, 995, ACCT_SEC_TLS},
	};
	struct kb_settings *s = settings_new("guess");
	bool ok = s != NULL;
	for (size_t i = 0; ok && i < sizeof tries / sizeof tries[0]; i++) {
		char host[300];
		snprintf(host, sizeof host, "%s%s", tries[i].prefix, d);
		ok = settings_add(s, tries[i].proto, host, tries[i].port,
				  tries[i].sec, email);
	}
	if (!ok) {
		kb_settings_free(s);
		return nomem(err);
	}
	*out = s;
	return MD_OK;
}
