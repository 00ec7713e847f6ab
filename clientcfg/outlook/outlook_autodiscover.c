/* outlook_autodiscover.c — Autodiscover POX responses (FORMATS.md 3.5) read
 * with libxml2: no network, no DTD, no entity expansion. */
#include "clientcfg/outlook/outlook.h"
#include "clientcfg/outlook/outlook_private.h"

#include "core/base/compat.h"
#include "core/base/i18n.h"

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_TEXT 4096 /* the longest element text taken */

static bool named(const xmlNode *n, const char *local)
{
	return n && n->type == XML_ELEMENT_NODE &&
	       strcmp((const char *)n->name, local) == 0;
}

/* The first child element with this local name (any namespace). */
static xmlNode *child(const xmlNode *n, const char *local)
{
	for (xmlNode *c = n ? n->children : NULL; c; c = c->next)
		if (named(c, local))
			return c;
	return NULL;
}

/* The element's own text (text and CDATA children only: entity references
 * are never expanded), trimmed, as a new string; NULL when empty, too long
 * or no memory. */
static char *text_of(const xmlNode *n)
{
	if (!n)
		return NULL;
	char buf[MAX_TEXT + 1];
	size_t len = 0;
	for (const xmlNode *c = n->children; c; c = c->next) {
		if (c->type != XML_TEXT_NODE &&
		    c->type != XML_CDATA_SECTION_NODE)
			continue;
		size_t k = c->content ? strlen((const char *)c->content) : 0;
		if (len + k > MAX_TEXT)
			return NULL;
		memcpy(buf + len, c->content, k);
		len += k;
	}
	const char *p = buf;
	while (len > 0 &&
	       (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n')) {
		p++;
		len--;
	}
	while (len > 0 && (p[len - 1] == ' ' || p[len - 1] == '\t' ||
			   p[len - 1] == '\r' || p[len - 1] == '\n'))
		len--;
	return len ? strndup(p, len) : NULL;
}

/* Whether a child's text is this word (ASCII case ignored). */
static bool word_is(const xmlNode *n, const char *local, const char *word)
{
	char *t = text_of(child(n, local));
	bool yes = t && outlook_eqi(t, strlen(t), word);
	free(t);
	return yes;
}

static unsigned line_of(const xmlNode *n)
{
	long l = n ? xmlGetLineNo(n) : 0;
	return l > 0 ? (unsigned)l : 0;
}

struct ad {
	const char *name;
	int file;
	struct acct_set *set;
	struct md_err *err;
};

static struct acct_src src_of(const struct ad *ad, const xmlNode *n)
{
	struct acct_src s = {-1, 0};
	if (n) {
		s.file = ad->file;
		s.line = line_of(n);
	}
	return s;
}

static enum md_status nomem(const struct ad *ad)
{
	return md_err_set(ad->err, MD_ERR_NOMEM, ad->name, 0, NULL);
}

/* <Encryption> None|SSL|TLS|Auto, else <SSL> on|off (default on): plain,
 * or by port as Thunderbird does. */
static enum acct_security security(const xmlNode *proto, int port,
				   const xmlNode **from)
{
	const xmlNode *enc = child(proto, "Encryption");
	const xmlNode *ssl = child(proto, "SSL");
	*from = enc ? enc : ssl;
	if (enc) {
		if (word_is(proto, "Encryption", "None"))
			return ACCT_SEC_PLAIN;
		if (word_is(proto, "Encryption", "SSL") ||
		    word_is(proto, "Encryption", "TLS") ||
		    word_is(proto, "Encryption", "Auto"))
			return outlook_sec_by_port(port);
		return ACCT_SEC_UNKNOWN;
	}
	if (ssl && word_is(proto, "SSL", "off"))
		return ACCT_SEC_PLAIN;
	return outlook_sec_by_port(port);
}

static enum acct_auth auth(const xmlNode *proto, bool smtp,
			   const xmlNode **from)
{
	*from = child(proto, "SPA");
	if (smtp && word_is(proto, "AuthRequired", "off")) {
		*from = child(proto, "AuthRequired");
		return ACCT_AUTH_NONE;
	}
	if (smtp && word_is(proto, "UsePOPAuth", "on")) {
		*from = child(proto, "UsePOPAuth");
		return ACCT_AUTH_SAME_AS_INCOMING;
	}
	if (word_is(proto, "SPA", "on"))
		return ACCT_AUTH_NTLM;
	return ACCT_AUTH_PASSWORD;
}

/* One <Protocol> as a server appended to set; *index its place. */
static enum md_status add_server(struct ad *ad, const xmlNode *proto,
				 enum acct_proto kind, const char *key,
				 int *index)
{
	const xmlNode *pn = child(proto, "Port");
	int port = 0;
	if (pn) {
		char *t = text_of(pn);
		long v = -1;
		bool ok =
		    t && outlook_parse_number(t, &v) && v > 0 && v <= 65535;
		free(t);
		if (!ok)
			return md_err_set(ad->err, MD_ERR_PARSE, ad->name,
					  line_of(pn),
					  _("In %s, the port on line %u is not "
					    "a number from 1 to 65535."),
					  outlook_name(ad->name), line_of(pn));
		port = (int)v;
	}
	bool smtp = kind == ACCT_PROTO_SMTP;
	struct acct_server *s = smtp ? acct_set_add_outgoing(ad->set)
				     : acct_set_add_incoming(ad->set);
	if (!s)
		return nomem(ad);
	*index = (int)((smtp ? ad->set->n_outgoing : ad->set->n_incoming) - 1);
	const xmlNode *sec_from, *auth_from;
	s->proto = kind;
	s->port = port;
	s->security = security(proto, port, &sec_from);
	s->auth = auth(proto, smtp, &auth_from);
	s->src_host = src_of(ad, child(proto, "Server"));
	s->src_port = src_of(ad, pn);
	s->src_security = src_of(ad, sec_from);
	s->src_auth = src_of(ad, auth_from);
	s->src_user = src_of(ad, child(proto, "LoginName"));
	s->key = acct_strdup(key);
	s->type_name = acct_strdup(acct_proto_word(kind));
	s->host = text_of(child(proto, "Server"));
	s->user = text_of(child(proto, "LoginName"));
	if (!s->key || !s->type_name)
		return nomem(ad);
	return MD_OK;
}

/* The protocol's type: <Type>, or a Type="" attribute. */
static enum acct_proto proto_type(const xmlNode *proto)
{
	char *t = text_of(child(proto, "Type"));
	xmlChar *attr =
	    t ? NULL : xmlGetNoNsProp(proto, (const xmlChar *)"Type");
	if (attr) {
		t = strdup((const char *)attr);
		xmlFree(attr);
	}
	enum acct_proto kind = ACCT_PROTO_OTHER;
	if (t && strcmp(t, "POP3") == 0)
		kind = ACCT_PROTO_POP3;
	else if (t && strcmp(t, "IMAP") == 0)
		kind = ACCT_PROTO_IMAP;
	else if (t && strcmp(t, "SMTP") == 0)
		kind = ACCT_PROTO_SMTP;
	free(t);
	return kind;
}

/* One <Account>: its first POP3/IMAP protocol, its first SMTP one. */
static enum md_status add_account(struct ad *ad, const xmlNode *acc,
				  const xmlNode *user, size_t number,
				  bool *added)
{
	const xmlNode *in = NULL, *out = NULL;
	for (const xmlNode *p = acc->children; p; p = p->next) {
		if (!named(p, "Protocol"))
			continue;
		enum acct_proto kind = proto_type(p);
		if (!in && (kind == ACCT_PROTO_POP3 || kind == ACCT_PROTO_IMAP))
			in = p;
		if (!out && kind == ACCT_PROTO_SMTP)
			out = p;
	}
	if (!in && !out)
		return MD_OK;
	char key[32];
	snprintf(key, sizeof key, "account%zu", number);
	int iin = -1, iout = -1;
	enum md_status st = MD_OK;
	if (in)
		st = add_server(ad, in, proto_type(in), key, &iin);
	if (st == MD_OK && out)
		st = add_server(ad, out, ACCT_PROTO_SMTP, key, &iout);
	if (st != MD_OK)
		return st;
	struct acct_account *a = acct_set_add_account(ad->set);
	if (!a)
		return nomem(ad);
	*added = true;
	a->client = ACCT_CLIENT_AUTODISCOVER;
	a->incoming = iin;
	a->key = acct_strdup(key);
	a->source = acct_strdup(outlook_name(ad->name));
	struct acct_identity *id = acct_account_add_identity(a);
	if (!a->key || !a->source || !id)
		return nomem(ad);
	const xmlNode *mail = child(user, "AutoDiscoverSMTPAddress");
	id->outgoing = iout;
	id->src_email = src_of(ad, mail);
	id->src_outgoing = src_of(ad, out ? child(out, "Server") : NULL);
	id->key = acct_strdup(key);
	id->email = text_of(mail);
	id->name = text_of(child(user, "DisplayName"));
	if (!id->key || (iout >= 0 && !(id->outgoing_key = acct_strdup(key))))
		return nomem(ad);
	return MD_OK;
}

/* An <Error> response: its message and code in err. */
static enum md_status error_response(const struct ad *ad, const xmlNode *e)
{
	char *msg = text_of(child(e, "Message"));
	char *code = text_of(child(e, "ErrorCode"));
	enum md_status st = md_err_set(
	    ad->err, MD_ERR_PARSE, ad->name, line_of(e),
	    _("%s is an Autodiscover error response: %s (error "
	      "code %s)."),
	    outlook_name(ad->name), msg ? msg : "-", code ? code : "-");
	free(msg);
	free(code);
	return st;
}

/* A response without settings: say where it redirects, if it does. */
static enum md_status no_settings(const struct ad *ad, const xmlNode *resp)
{
	for (const xmlNode *a = resp->children; a; a = a->next) {
		if (!named(a, "Account"))
			continue;
		char *to = text_of(child(a, "RedirectAddr"));
		if (!to)
			to = text_of(child(a, "RedirectUrl"));
		if (!to)
			continue;
		enum md_status st = md_err_set(
		    ad->err, MD_ERR_NOTFOUND, ad->name, line_of(a),
		    _("The Autodiscover response in %s redirects to %s "
		      "and holds no settings."),
		    outlook_name(ad->name), to);
		free(to);
		return st;
	}
	return outlook_no_accounts(ad->name, ad->err);
}

static enum md_status doctype_error(const struct ad *ad, unsigned line)
{
	return md_err_set(ad->err, MD_ERR_PARSE, ad->name, line,
			  _("%s has a document type declaration, which an "
			    "Autodiscover response never has."),
			  outlook_name(ad->name));
}

static enum md_status read_doc(struct ad *ad, xmlDoc *doc)
{
	if (doc->intSubset || doc->extSubset)
		return doctype_error(ad, 0);
	xmlNode *root = xmlDocGetRootElement(doc);
	if (!named(root, "Autodiscover"))
		return md_err_set(ad->err, MD_ERR_PARSE, ad->name,
				  line_of(root),
				  _("%s is not an Autodiscover response: its "
				    "top element is not <Autodiscover>."),
				  outlook_name(ad->name));
	xmlNode *resp = child(root, "Response");
	xmlNode *e = child(resp, "Error");
	if (!e)
		e = child(root, "Error");
	if (e)
		return error_response(ad, e);
	if (!resp)
		return outlook_no_accounts(ad->name, ad->err);
	ad->file = acct_set_file(ad->set, outlook_name(ad->name));
	if (ad->file < 0)
		return nomem(ad);
	const xmlNode *user = child(resp, "User");
	size_t number = 0;
	bool added = false;
	for (const xmlNode *a = resp->children; a; a = a->next) {
		if (!named(a, "Account"))
			continue;
		enum md_status st = add_account(ad, a, user, ++number, &added);
		if (st != MD_OK)
			return st;
	}
	return added ? MD_OK : no_settings(ad, resp);
}

/* The first error libxml2 reports (the last one is often only "premature
 * end of data"), kept through the context's structured-error hook. */
struct first_error {
	bool set;
	bool doctype; /* stopped at a <!DOCTYPE> */
	unsigned line;
	char why[160];
};

/* A DOCTYPE stops the parse before its internal subset (and any entity
 * declaration in it) is read: Autodiscover responses have none. */
static void on_doctype(void *ud, const xmlChar *name, const xmlChar *ext,
		       const xmlChar *sys)
{
	xmlParserCtxt *ctxt = ud;
	struct first_error *fe = ctxt->_private;
	fe->doctype = true;
	fe->line = ctxt->input ? (unsigned)ctxt->input->line : 0;
	xmlStopParser(ctxt);
}

#if LIBXML_VERSION >= 21200
static void on_error(void *ud, const xmlError *xe)
#else
static void on_error(void *ud, xmlErrorPtr xe)
#endif
{
	xmlParserCtxt *ctxt = ud;
	struct first_error *fe = ctxt ? ctxt->_private : NULL;
	if (!fe || fe->set || fe->doctype || !xe || xe->level < XML_ERR_ERROR)
		return;
	fe->set = true;
	fe->line = xe->line > 0 ? (unsigned)xe->line : 0;
	snprintf(fe->why, sizeof fe->why, "%s", xe->message ? xe->message : "");
	fe->why[strcspn(fe->why, "\r\n")] = '\0';
}

/* The parser's first error as one sentence with its line. */
static enum md_status xml_error(const struct ad *ad,
				const struct first_error *fe)
{
	return md_err_set(ad->err, MD_ERR_PARSE, ad->name, fe->line,
			  _("In %s, line %u is not well-formed XML (%s)."),
			  outlook_name(ad->name), fe->line, fe->why);
}

enum md_status outlook_parse_autodiscover(const char *buf, size_t len,
					  const char *name,
					  struct acct_set *set,
					  struct md_err *err)
{
	if (len > OUTLOOK_MAX_XML_BYTES)
		return md_err_set(
		    err, MD_ERR_TOOBIG, name, 0, _("%s is larger than %u MiB."),
		    outlook_name(name), OUTLOOK_MAX_XML_BYTES >> 20);
	struct ad ad = {.name = name, .err = err};
	xmlParserCtxt *ctxt = xmlNewParserCtxt();
	if (!ctxt)
		return nomem(&ad);
	struct first_error fe = {0};
	ctxt->_private = &fe;
	ctxt->sax->serror = on_error;
	ctxt->sax->internalSubset = on_doctype;
	/* No XML_PARSE_NOENT (entities stay references), no DTDLOAD/DTDATTR,
	 * no network; libxml2's messages are kept from stderr. */
	int opts = XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING |
		   XML_PARSE_BIG_LINES | XML_PARSE_NOCDATA;
	xmlDoc *doc = xmlCtxtReadMemory(ctxt, buf, (int)len, NULL, NULL, opts);
	enum md_status st;
	if (fe.doctype) {
		st = doctype_error(&ad, fe.line);
	} else if (!doc) {
		st = xml_error(&ad, &fe);
	} else {
		ad.set = acct_set_new();
		st = ad.set ? read_doc(&ad, doc) : nomem(&ad);
		if (st == MD_OK && !acct_set_merge(set, ad.set))
			st = nomem(&ad);
		acct_set_free(ad.set);
	}
	xmlFreeDoc(doc);
	xmlFreeParserCtxt(ctxt);
	return st;
}
