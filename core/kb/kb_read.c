/* kb_read.c — turns one parsed clientConfig document (ISPDB part and
 * md: facts) into a struct kb_provider in the kb's arena, skipping values
 * that are not plausible so that fetched, unvalidated configs are safe. */
#include "core/kb/kb_private.h"

#include "core/base/i18n.h"

#include <libxml/tree.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* Longest text the reader keeps of one element or attribute. */
#define KB_MAX_TEXT 4096

struct reader {
	struct kb *kb;
	const char *file;
	struct md_err *err;
	bool nomem;
};

static bool is_isp(const xmlNode *n, const char *name)
{
	return n->type == XML_ELEMENT_NODE && !n->ns &&
	       strcmp((const char *)n->name, name) == 0;
}

static bool in_md(const xmlNode *n)
{
	return n->type == XML_ELEMENT_NODE && n->ns && n->ns->href &&
	       strcmp((const char *)n->ns->href, KB_NS) == 0;
}

static bool is_md(const xmlNode *n, const char *name)
{
	return in_md(n) && strcmp((const char *)n->name, name) == 0;
}

/* Trimmed copy of s in the arena; NULL for NULL, empty or too long. */
static const char *keep(struct reader *rd, const char *s)
{
	if (!s)
		return NULL;
	while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
		s++;
	size_t len = strnlen(s, KB_MAX_TEXT + 1);
	if (len > KB_MAX_TEXT)
		return NULL;
	while (len && (s[len - 1] == ' ' || s[len - 1] == '\t' ||
		       s[len - 1] == '\n' || s[len - 1] == '\r'))
		len--;
	if (!len)
		return NULL;
	char *c = kb_strndup(rd->kb, s, len);
	if (!c)
		rd->nomem = true;
	return c;
}

/* The element's own text (text and CDATA children only). */
static const char *text_of(struct reader *rd, const xmlNode *n)
{
	size_t len = 0;
	for (const xmlNode *c = n->children; c; c = c->next)
		if ((c->type == XML_TEXT_NODE ||
		     c->type == XML_CDATA_SECTION_NODE) &&
		    c->content)
			len += strlen((const char *)c->content);
	if (len == 0 || len > KB_MAX_TEXT)
		return NULL;
	char *buf = malloc(len + 1);
	if (!buf) {
		rd->nomem = true;
		return NULL;
	}
	buf[0] = '\0';
	for (const xmlNode *c = n->children; c; c = c->next)
		if ((c->type == XML_TEXT_NODE ||
		     c->type == XML_CDATA_SECTION_NODE) &&
		    c->content)
			strcat(buf, (const char *)c->content);
	const char *k = keep(rd, buf);
	free(buf);
	return k;
}

static const char *attr(struct reader *rd, xmlNode *n, const char *name)
{
	xmlChar *v = xmlGetNoNsProp(n, (const xmlChar *)name);
	if (!v)
		return NULL;
	const char *k = keep(rd, (const char *)v);
	xmlFree(v);
	return k;
}

/* Lower-case copy of a domain without a trailing dot, or NULL. */
static const char *domain_of(struct reader *rd, const char *s)
{
	if (!s || !kb_host_ok(s) || strchr(s, '%'))
		return NULL;
	size_t len = strlen(s);
	if (len && s[len - 1] == '.')
		len--;
	char *d = kb_strndup(rd->kb, s, len);
	if (!d) {
		rd->nomem = true;
		return NULL;
	}
	for (char *p = d; *p; p++)
		if (*p >= 'A' && *p <= 'Z')
			*p = (char)(*p - 'A' + 'a');
	return d;
}

static int port_of(const char *s)
{
	if (!s || !*s || strlen(s) > 5)
		return 0;
	int v = 0;
	for (const char *p = s; *p; p++) {
		if (*p < '0' || *p > '9')
			return 0;
		v = v * 10 + (*p - '0');
	}
	return v >= 1 && v <= 65535 ? v : 0;
}

static bool true_word(const char *s)
{
	return s && (strcmp(s, "true") == 0 || strcmp(s, "1") == 0);
}

static enum acct_security security_of(const char *s)
{
	if (!s)
		return ACCT_SEC_UNKNOWN;
	if (strcasecmp(s, "plain") == 0)
		return ACCT_SEC_PLAIN;
	if (strcasecmp(s, "SSL") == 0)
		return ACCT_SEC_TLS;
	if (strcasecmp(s, "STARTTLS") == 0)
		return ACCT_SEC_STARTTLS;
	return ACCT_SEC_UNKNOWN;
}

static enum acct_auth auth_of(const char *s)
{
	static const struct {
		const char *word;
		enum acct_auth auth;
	} map[] = {
	    {"password-cleartext", ACCT_AUTH_PASSWORD},
	    {"plain", ACCT_AUTH_PASSWORD},
	    {"password-encrypted", ACCT_AUTH_ENCRYPTED},
	    {"secure", ACCT_AUTH_ENCRYPTED},
	    {"GSSAPI", ACCT_AUTH_GSSAPI},
	    {"NTLM", ACCT_AUTH_NTLM},
	    {"OAuth2", ACCT_AUTH_OAUTH2},
	    {"none", ACCT_AUTH_NONE},
	    {"client-IP-address", ACCT_AUTH_NONE},
	    {"smtp-after-pop", ACCT_AUTH_POP_BEFORE_SMTP},
	    {"TLS-client-cert", ACCT_AUTH_TLS_CERT},
	};
	if (s)
		for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
			if (strcmp(s, map[i].word) == 0)
				return map[i].auth;
	return ACCT_AUTH_UNKNOWN;
}

static enum acct_proto proto_of(const char *s)
{
	if (!s)
		return ACCT_PROTO_UNKNOWN;
	if (strcmp(s, "smtp") == 0)
		return ACCT_PROTO_SMTP;
	if (strcmp(s, "imap") == 0)
		return ACCT_PROTO_IMAP;
	if (strcmp(s, "pop3") == 0)
		return ACCT_PROTO_POP3;
	return ACCT_PROTO_UNKNOWN;
}

/* Index of s in words[] (n of them), or def. */
static int word_index(const char *s, const char *const *words, int n, int def)
{
	if (s)
		for (int i = 0; i < n; i++)
			if (strcmp(s, words[i]) == 0)
				return i;
	return def;
}

static const char *const conf_words[] = {
    [KB_CONF_OFFICIAL] = "official",
    [KB_CONF_ISPDB] = "ispdb",
    [KB_CONF_FIELD_REPORT] = "field-report",
    [KB_CONF_THIRD_PARTY] = "third-party",
    [KB_CONF_OBSERVED] = "observed",
    [KB_CONF_UNVERIFIED] = "unverified",
};

const char *kb_conf_word(enum kb_conf conf)
{
	if ((size_t)conf >= sizeof conf_words / sizeof conf_words[0])
		return "unverified";
	return conf_words[conf];
}

/* The provenance of an md: element: checked, confidence, text, sources.
 * NULL on no memory or an unknown text id (err set). */
static const struct kb_fact *fact_of(struct reader *rd, xmlNode *n)
{
	struct kb_fact *f = kb_alloc(rd->kb, sizeof *f);
	if (!f) {
		rd->nomem = true;
		return NULL;
	}
	f->checked = attr(rd, n, "checked");
	f->conf = (enum kb_conf)word_index(attr(rd, n, "confidence"),
					   conf_words, 6, KB_CONF_UNVERIFIED);
	f->text_id = attr(rd, n, "text");
	f->file = rd->file;
	long line = xmlGetLineNo(n);
	f->line = line > 0 ? (unsigned)line : 0;
	if (f->text_id && !kb_msg(f->text_id)) {
		md_err_set(rd->err, MD_ERR_PARSE, rd->file, f->line,
			   _("the text id \"%s\" has no message in "
			     "core/kb_msgs.c"),
			   f->text_id);
		return NULL;
	}
	size_t n_src = 0;
	for (xmlNode *c = n->children; c; c = c->next)
		n_src += is_md(c, "source");
	struct kb_source *src =
	    n_src ? kb_alloc(rd->kb, n_src * sizeof *src) : NULL;
	if (n_src && !src) {
		rd->nomem = true;
		return NULL;
	}
	for (xmlNode *c = n->children; c; c = c->next) {
		if (!is_md(c, "source"))
			continue;
		src[f->n_sources].url = attr(rd, c, "url");
		src[f->n_sources].note = text_of(rd, c);
		f->n_sources++;
	}
	f->sources = src;
	return rd->nomem ? NULL : f;
}

/* Growing arrays of the provider being read (in the arena; sized by a
 * first count of the children, so they never grow). */
struct lists {
	struct kb_domain *domains;
	struct kb_server *incoming, *outgoing;
	struct kb_host *hosts;
	struct kb_alternate *alternates;
	struct kb_sender_rule *senders;
	struct kb_unfit *unfit;
	struct kb_home_relay *home_relays;
	struct kb_access *access;
	struct kb_note *notes;
};

/* Fill s from an ISPDB server element; false when it is not usable. */
static bool ispdb_server(struct reader *rd, xmlNode *n, struct kb_server *s)
{
	memset(s, 0, sizeof *s);
	s->proto = proto_of(attr(rd, n, "type"));
	s->auth_alt = ACCT_AUTH_UNKNOWN;
	int n_auth = 0;
	bool have_sec = false;
	for (xmlNode *c = n->children; c; c = c->next) {
		if (is_isp(c, "hostname"))
			s->host = text_of(rd, c);
		else if (is_isp(c, "port"))
			s->port = port_of(text_of(rd, c));
		else if (is_isp(c, "socketType") && !have_sec) {
			s->security = security_of(text_of(rd, c));
			have_sec = true;
		} else if (is_isp(c, "username"))
			s->username = text_of(rd, c);
		else if (is_isp(c, "authentication")) {
			enum acct_auth a = auth_of(text_of(rd, c));
			if (n_auth == 0)
				s->auth = a;
			else if (n_auth == 1)
				s->auth_alt = a;
			n_auth++;
		}
	}
	s->ispdb = true;
	return s->proto != ACCT_PROTO_UNKNOWN && kb_host_ok(s->host);
}

static void read_email_provider(struct reader *rd, xmlNode *ep,
				struct kb_provider *p, struct lists *l)
{
	for (xmlNode *c = ep->children; c; c = c->next) {
		if (is_isp(c, "domain")) {
			const char *d = domain_of(rd, text_of(rd, c));
			if (d)
				l->domains[p->n_domains++] =
				    (struct kb_domain){d, false};
		} else if (is_isp(c, "displayName") && !p->name) {
			p->name = text_of(rd, c);
		} else if (is_isp(c, "incomingServer")) {
			struct kb_server *s = &l->incoming[p->n_incoming];
			if (ispdb_server(rd, c, s) &&
			    s->proto != ACCT_PROTO_SMTP) {
				s->fact = p->settings;
				p->n_incoming++;
			}
		} else if (is_isp(c, "outgoingServer")) {
			struct kb_server *s = &l->outgoing[p->n_outgoing];
			if (ispdb_server(rd, c, s) &&
			    s->proto == ACCT_PROTO_SMTP) {
				s->fact = p->settings;
				p->n_outgoing++;
			}
		}
	}
}

/* md:server and md:alternate share their server attributes. */
static void md_server_attrs(struct reader *rd, xmlNode *n, struct kb_server *s)
{
	s->proto = proto_of(attr(rd, n, "type"));
	const char *h = attr(rd, n, "hostname");
	s->host = kb_host_ok(h) ? h : NULL;
	s->port = port_of(attr(rd, n, "port"));
	s->security = security_of(attr(rd, n, "socketType"));
	s->auth = auth_of(attr(rd, n, "authentication"));
	s->auth_alt = ACCT_AUTH_UNKNOWN;
	s->username = attr(rd, n, "username");
}

/* Split a space-separated list of host names into the arena. */
static void split_hosts(struct reader *rd, const char *list,
			struct kb_sender_rule *r)
{
	if (!list)
		return;
	size_t max = 1;
	for (const char *q = list; *q; q++)
		max += *q == ' ';
	const char **v = kb_alloc(rd->kb, max * sizeof *v);
	if (!v) {
		rd->nomem = true;
		return;
	}
	const char *q = list;
	while (*q) {
		while (*q == ' ' || *q == '\t' || *q == '\n')
			q++;
		size_t len = strcspn(q, " \t\n");
		if (!len)
			break;
		char *h = kb_strndup(rd->kb, q, len);
		if (!h) {
			rd->nomem = true;
			return;
		}
		if (kb_host_ok(h) && r->n_hosts < max)
			v[r->n_hosts++] = h;
		q += len;
	}
	r->hosts = v;
}

static const char *const tri_words[] = {"unknown", "no", "yes"};
static const char *const need_words[] = {"unknown", "no", "optional",
					 "required"};
static const char *const topic_words[] = {
    "settings", "security", "access", "history", "limits", "unknown",
};
static const char *const alt_words[] = {"dual-stack", "other-port",
					"other-security"};
static const char *const unfit_words[] = {"no-forward-dns",
					  "shared-reputation"};

/* The fact-bearing md: children, one reader each: c is the element, f its
 * fact; what it says goes into p or the lists. */
typedef void md_reader(struct reader *rd, xmlNode *c, const struct kb_fact *f,
		       struct kb_provider *p, struct lists *l);

static void md_server(struct reader *rd, xmlNode *c, const struct kb_fact *f,
		      struct kb_provider *p, struct lists *l)
{
	struct kb_server s = {0};
	md_server_attrs(rd, c, &s);
	s.fact = f;
	if (s.proto == ACCT_PROTO_SMTP)
		l->outgoing[p->n_outgoing++] = s;
	else if (s.proto != ACCT_PROTO_UNKNOWN)
		l->incoming[p->n_incoming++] = s;
}

static void md_host(struct reader *rd, xmlNode *c, const struct kb_fact *f,
		    struct kb_provider *p, struct lists *l)
{
	const char *pat = attr(rd, c, "pattern");
	if (pat)
		l->hosts[p->n_hosts++] = (struct kb_host){pat, f};
}

static void md_alternate(struct reader *rd, xmlNode *c, const struct kb_fact *f,
			 struct kb_provider *p, struct lists *l)
{
	struct kb_alternate a = {0};
	const char *for_host = attr(rd, c, "for");
	a.for_host = kb_host_ok(for_host) ? for_host : NULL;
	a.for_port = port_of(attr(rd, c, "forPort"));
	md_server_attrs(rd, c, &a.server);
	a.server.fact = f;
	a.reason = (enum kb_alt_reason)word_index(attr(rd, c, "reason"),
						  alt_words, 3, -1);
	a.fact = f;
	if (a.for_host && a.server.host && (int)a.reason >= 0 &&
	    a.server.proto != ACCT_PROTO_UNKNOWN)
		l->alternates[p->n_alternates++] = a;
}

static void md_op25b(struct reader *rd, xmlNode *c, const struct kb_fact *f,
		     struct kb_provider *p, struct lists *l)
{
	(void)l;
	p->op25b.blocked = (enum kb_tri)word_index(attr(rd, c, "blocked"),
						   tri_words, 3, KB_UNKNOWN);
	p->op25b.since = attr(rd, c, "since");
	p->op25b.submission_since = attr(rd, c, "submissionSince");
	p->op25b.fact = f;
}

static void md_sender(struct reader *rd, xmlNode *c, const struct kb_fact *f,
		      struct kb_provider *p, struct lists *l)
{
	struct kb_sender_rule *r = &l->senders[p->n_senders];
	memset(r, 0, sizeof *r);
	split_hosts(rd, attr(rd, c, "hosts"), r);
	r->since = attr(rd, c, "since");
	r->reply = attr(rd, c, "reply");
	r->fact = f;
	p->n_senders++;
}

static void md_unfit(struct reader *rd, xmlNode *c, const struct kb_fact *f,
		     struct kb_provider *p, struct lists *l)
{
	const char *pat = attr(rd, c, "pattern");
	int why = word_index(attr(rd, c, "reason"), unfit_words, 2, -1);
	if (pat && why >= 0)
		l->unfit[p->n_unfit++] =
		    (struct kb_unfit){pat, (enum kb_unfit_reason)why, p, f};
}

static void md_home_relay(struct reader *rd, xmlNode *c,
			  const struct kb_fact *f, struct kb_provider *p,
			  struct lists *l)
{
	const char *h = attr(rd, c, "hostname");
	const char *for_what = attr(rd, c, "for");
	if (kb_host_ok(h))
		l->home_relays[p->n_home_relays++] = (struct kb_home_relay){
		    h, port_of(attr(rd, c, "port")),
		    !for_what || strcmp(for_what, "dynamic") == 0, f};
}

static void md_access(struct reader *rd, xmlNode *c, const struct kb_fact *f,
		      struct kb_provider *p, struct lists *l)
{
	const char *suffix = domain_of(rd, attr(rd, c, "suffix"));
	const char *pat = attr(rd, c, "pattern");
	if (suffix || pat)
		l->access[p->n_access++] = (struct kb_access){suffix, pat, f};
}

static void md_auth(struct reader *rd, xmlNode *c, const struct kb_fact *f,
		    struct kb_provider *p, struct lists *l)
{
	(void)l;
	p->auth.oauth2 =
	    (enum kb_need)word_index(attr(rd, c, "oauth2"), need_words, 4, 0);
	p->auth.app_password = (enum kb_need)word_index(
	    attr(rd, c, "appPassword"), need_words, 4, 0);
	p->auth.since = attr(rd, c, "since");
	p->auth.fact = f;
}

static void md_tls(struct reader *rd, xmlNode *c, const struct kb_fact *f,
		   struct kb_provider *p, struct lists *l)
{
	(void)l;
	p->tls.min = attr(rd, c, "min");
	p->tls.since = attr(rd, c, "since");
	p->tls.fact = f;
}

static void md_note(struct reader *rd, xmlNode *c, const struct kb_fact *f,
		    struct kb_provider *p, struct lists *l)
{
	if (f->text_id)
		l->notes[p->n_notes++] = (struct kb_note){
		    (enum kb_topic)word_index(attr(rd, c, "topic"), topic_words,
					      6, KB_TOPIC_SETTINGS),
		    attr(rd, c, "since"), f};
}

static const struct {
	const char *name;
	md_reader *read;
} md_readers[] = {
    {"server", md_server},
    {"host", md_host},
    {"alternate", md_alternate},
    {"op25b", md_op25b},
    {"senderRestriction", md_sender},
    {"unfitRelay", md_unfit},
    {"homeRelay", md_home_relay},
    {"accessPtr", md_access},
    {"auth", md_auth},
    {"tls", md_tls},
    {"note", md_note},
};

/* One md: child of md:provider. Returns false on a hard error. */
static bool read_md(struct reader *rd, xmlNode *c, struct kb_provider *p,
		    struct lists *l)
{
	if (is_md(c, "domain")) {
		const char *d = domain_of(rd, text_of(rd, c));
		if (d)
			l->domains[p->n_domains++] = (struct kb_domain){
			    d, true_word(attr(rd, c, "subdomains"))};
		return !rd->nomem;
	}
	if (is_md(c, "settings") || is_md(c, "source"))
		return true; /* read before / by fact_of() */
	if (!in_md(c))
		return true;
	const struct kb_fact *f = fact_of(rd, c);
	if (!f)
		return false;
	for (size_t i = 0; i < sizeof md_readers / sizeof md_readers[0]; i++)
		if (is_md(c, md_readers[i].name)) {
			md_readers[i].read(rd, c, f, p, l);
			break;
		}
	return !rd->nomem;
}

static size_t count_elements(const xmlNode *n)
{
	size_t k = 0;
	if (n)
		for (const xmlNode *c = n->children; c; c = c->next)
			k += c->type == XML_ELEMENT_NODE;
	return k;
}

/* Arrays big enough for every child of both parts. */
static bool alloc_lists(struct reader *rd, size_t max, struct lists *l)
{
	max += 1;
	l->domains = kb_alloc(rd->kb, max * sizeof *l->domains);
	l->incoming = kb_alloc(rd->kb, max * sizeof *l->incoming);
	l->outgoing = kb_alloc(rd->kb, max * sizeof *l->outgoing);
	l->hosts = kb_alloc(rd->kb, max * sizeof *l->hosts);
	l->alternates = kb_alloc(rd->kb, max * sizeof *l->alternates);
	l->senders = kb_alloc(rd->kb, max * sizeof *l->senders);
	l->unfit = kb_alloc(rd->kb, max * sizeof *l->unfit);
	l->home_relays = kb_alloc(rd->kb, max * sizeof *l->home_relays);
	l->access = kb_alloc(rd->kb, max * sizeof *l->access);
	l->notes = kb_alloc(rd->kb, max * sizeof *l->notes);
	return l->domains && l->incoming && l->outgoing && l->hosts &&
	       l->alternates && l->senders && l->unfit && l->home_relays &&
	       l->access && l->notes;
}

static enum md_status nomem(struct reader *rd)
{
	return md_err_set(rd->err, MD_ERR_NOMEM, rd->file, 0, "%s",
			  _("out of memory"));
}

enum md_status kb_read_doc(struct kb *kb, void *vdoc, const char *file,
			   struct kb_provider **out, struct md_err *err)
{
	xmlDoc *doc = vdoc;
	struct reader rd = {kb, NULL, err, false};
	rd.file = kb_strndup(kb, file, strlen(file));
	if (!rd.file)
		return nomem(&rd);
	xmlNode *root = xmlDocGetRootElement(doc);
	if (!root || !is_isp(root, "clientConfig"))
		return md_err_set(err, MD_ERR_PARSE, file, 0, "%s",
				  _("the file is not a clientConfig "
				    "document"));
	xmlNode *ep = NULL, *md = NULL;
	for (xmlNode *c = root->children; c; c = c->next) {
		if (!ep && is_isp(c, "emailProvider"))
			ep = c;
		else if (!md && is_md(c, "provider"))
			md = c;
	}
	if (!ep && !md)
		return md_err_set(err, MD_ERR_PARSE, file, 0, "%s",
				  _("the file names no mail provider"));
	struct kb_provider *p = kb_alloc(kb, sizeof *p);
	struct lists l;
	if (!p ||
	    !alloc_lists(&rd, count_elements(ep) + count_elements(md), &l))
		return nomem(&rd);
	p->file = rd.file;
	static const char *const kind_words[] = {"isp", "mailbox", "hosting"};
	if (md) {
		p->id = attr(&rd, md, "id");
		p->kind = (enum kb_kind)word_index(
		    attr(&rd, md, "kind"), kind_words, 3, KB_KIND_MAILBOX);
		p->name = attr(&rd, md, "name");
		for (xmlNode *c = md->children; c; c = c->next)
			if (is_md(c, "settings") && !p->settings &&
			    !(p->settings = fact_of(&rd, c)))
				return rd.nomem ? nomem(&rd) : MD_ERR_PARSE;
	} else {
		p->kind = KB_KIND_MAILBOX;
	}
	if (ep) {
		if (!p->id)
			p->id = attr(&rd, ep, "id");
		read_email_provider(&rd, ep, p, &l);
	}
	if (md)
		for (xmlNode *c = md->children; c; c = c->next)
			if (!read_md(&rd, c, p, &l))
				return rd.nomem ? nomem(&rd) : MD_ERR_PARSE;
	if (rd.nomem)
		return nomem(&rd);
	if (!p->id)
		return md_err_set(err, MD_ERR_PARSE, file, 0, "%s",
				  _("the provider has no id"));
	if (!p->name)
		p->name = p->id;
	p->domains = l.domains;
	p->incoming = l.incoming;
	p->outgoing = l.outgoing;
	p->hosts = l.hosts;
	p->alternates = l.alternates;
	p->senders = l.senders;
	p->unfit = l.unfit;
	p->home_relays = l.home_relays;
	p->access = l.access;
	p->notes = l.notes;
	*out = p;
	return MD_OK;
}
