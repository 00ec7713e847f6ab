/* rejections.c — loads assets/rejections.xml (libxml2, no network,
 * RelaxNG-checked) into ordered rules with PCRE2 patterns; matching them
 * is rejections_match.c's. */
#define PCRE2_CODE_UNIT_WIDTH 8
#include "core/kb/rejections.h"
#include "core/kb/rejections_private.h"

#include "core/base/i18n.h"
#include "core/base/os.h"
#include "core/base/paths.h"

#include <libxml/parser.h>
#include <libxml/relaxng.h>
#include <libxml/tree.h>
#include <pcre2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* PCRE2's JIT runs generated code that memcheck cannot follow (it reports
 * "uninitialised" jumps in frames it cannot name), so under valgrind the
 * patterns are interpreted: the same matches, checkable memory. */
#if defined(__has_include)
#if __has_include(<valgrind/valgrind.h>)
#include <valgrind/valgrind.h>
#define MD_UNDER_MEMCHECK() RUNNING_ON_VALGRIND
#endif
#endif
#ifndef MD_UNDER_MEMCHECK
#define MD_UNDER_MEMCHECK() 0
#endif

static const char *const who_names[] = {
    [REJ_WHO_NOBODY] = "nobody",
    [REJ_WHO_SENDER] = "sender",
    [REJ_WHO_SENDER_ADMIN] = "sender-admin",
    [REJ_WHO_RECIPIENT] = "recipient",
    [REJ_WHO_RECIPIENT_ADMIN] = "recipient-admin",
};

const char *rej_who_name(enum rej_who who)
{
	if ((size_t)who >= sizeof who_names / sizeof who_names[0])
		return "nobody";
	return who_names[who];
}

static bool who_parse(const char *s, enum rej_who *who)
{
	for (size_t i = 0; i < sizeof who_names / sizeof who_names[0]; i++)
		if (strcmp(s, who_names[i]) == 0) {
			*who = (enum rej_who)i;
			return true;
		}
	return false;
}

static bool strv_push(struct strv *sv, char *s)
{
	if (!s)
		return false;
	char **nv = realloc(sv->v, (sv->n + 1) * sizeof *nv);
	if (!nv) {
		free(s);
		return false;
	}
	sv->v = nv;
	sv->v[sv->n++] = s;
	return true;
}

static void strv_done(struct strv *sv)
{
	for (size_t i = 0; i < sv->n; i++)
		free(sv->v[i]);
	free(sv->v);
	sv->v = NULL;
	sv->n = 0;
}

/* Add c to pv; c stays owned by the knowledge base's codes. */
static bool patv_push(struct patv *pv, pcre2_code *c)
{
	pcre2_code **nv = realloc(pv->v, (pv->n + 1) * sizeof *nv);
	if (!nv)
		return false;
	pv->v = nv;
	pv->v[pv->n++] = c;
	return true;
}

/* Free the vector, not the codes it shares (free_codes: also them). */
static void patv_done(struct patv *pv, bool free_codes)
{
	for (size_t i = 0; free_codes && i < pv->n; i++)
		pcre2_code_free(pv->v[i]);
	free(pv->v);
	pv->v = NULL;
	pv->n = 0;
}

/* Load context: the file name and line for messages. */
struct loader {
	struct rej_kb *kb;
	const char *path;
	struct md_err *err;
};

/* A copy of the node's text (or attribute when name != NULL), kept in the
 * pool; NULL when absent (and on no memory: ld->err set). */
static const char *pooled(struct loader *ld, xmlNode *n, const char *attr)
{
	xmlChar *x =
	    attr ? xmlGetProp(n, (const xmlChar *)attr) : xmlNodeGetContent(n);
	if (!x)
		return NULL;
	char *s = strdup((const char *)x);
	xmlFree(x);
	if (!s || !strv_push(&ld->kb->pool, s)) {
		md_err_set(ld->err, MD_ERR_NOMEM, ld->path, 0, "%s",
			   _("out of memory"));
		return NULL;
	}
	return s;
}

static bool is(const xmlNode *n, const char *name)
{
	return n->type == XML_ELEMENT_NODE &&
	       strcmp((const char *)n->name, name) == 0;
}

/* The compiled pattern of source x: the one compiled before for the same
 * source, or a new one the knowledge base keeps (caseless, UTF-8 tolerant
 * of invalid input); NULL with ld->err set. */
static pcre2_code *compile_source(struct loader *ld, const char *x, xmlNode *n)
{
	struct rej_kb *kb = ld->kb;
	for (size_t i = 0; i < kb->code_src.n; i++)
		if (strcmp(kb->code_src.v[i], x) == 0)
			return kb->codes.v[i];
	int ec = 0;
	PCRE2_SIZE eo = 0;
	pcre2_code *c =
	    pcre2_compile((PCRE2_SPTR)x, PCRE2_ZERO_TERMINATED,
			  PCRE2_CASELESS | PCRE2_UTF | PCRE2_MATCH_INVALID_UTF,
			  &ec, &eo, NULL);
	if (!c) {
		PCRE2_UCHAR msg[160];
		pcre2_get_error_message(ec, msg, sizeof msg);
		md_err_set(ld->err, MD_ERR_PARSE, ld->path,
			   (unsigned)xmlGetLineNo(n),
			   _("bad pattern \"%s\" at offset %zu: %s"), x,
			   (size_t)eo, (const char *)msg);
		return NULL;
	}
	if (!MD_UNDER_MEMCHECK())
		(void)pcre2_jit_compile(c, PCRE2_JIT_COMPLETE);
	bool kept = patv_push(&kb->codes, c);
	if (!kept || !strv_push(&kb->code_src, strdup(x))) {
		kb->codes.n -= kept;
		pcre2_code_free(c);
		md_err_set(ld->err, MD_ERR_NOMEM, ld->path, 0, "%s",
			   _("out of memory"));
		return NULL;
	}
	return c;
}

static pcre2_code *compile(struct loader *ld, xmlNode *n)
{
	xmlChar *x = xmlNodeGetContent(n);
	if (!x)
		return NULL;
	pcre2_code *c = compile_source(ld, (const char *)x, n);
	xmlFree(x);
	return c;
}

static bool add_pattern(struct loader *ld, struct patv *pv, xmlNode *n)
{
	pcre2_code *c = compile(ld, n);
	if (!c)
		return false;
	if (!patv_push(pv, c)) {
		md_err_set(ld->err, MD_ERR_NOMEM, ld->path, 0, "%s",
			   _("out of memory"));
		return false;
	}
	return true;
}

static bool add_string(struct loader *ld, struct strv *sv, xmlNode *n)
{
	xmlChar *x = xmlNodeGetContent(n);
	char *s = x ? strdup((const char *)x) : NULL;
	xmlFree(x);
	if (!strv_push(sv, s)) {
		md_err_set(ld->err, MD_ERR_NOMEM, ld->path, 0, "%s",
			   _("out of memory"));
		return false;
	}
	return true;
}

static bool load_reason(struct loader *ld, xmlNode *n, struct rej_reason *r)
{
	const char *hard = pooled(ld, n, "hard");
	const char *who = pooled(ld, n, "who");
	r->name = pooled(ld, n, "name");
	r->pseudo5 = pooled(ld, n, "pseudo5");
	r->pseudo4 = pooled(ld, n, "pseudo4");
	r->hard = hard && strcmp(hard, "true") == 0;
	if (!r->name || !who || !who_parse(who, &r->who)) {
		md_err_set(ld->err, MD_ERR_PARSE, ld->path,
			   (unsigned)xmlGetLineNo(n), "%s",
			   _("a reason lacks its name or who"));
		return false;
	}
	for (xmlNode *c = n->children; c; c = c->next) {
		if (is(c, "summary"))
			r->summary = pooled(ld, c, NULL);
		else if (is(c, "advice"))
			r->advice = pooled(ld, c, NULL);
	}
	return true;
}

static const struct rej_reason *find_reason(const struct rej_kb *kb,
					    const char *name)
{
	for (size_t i = 0; name && i < kb->n_reasons; i++)
		if (strcmp(kb->reasons[i].name, name) == 0)
			return &kb->reasons[i];
	return NULL;
}

const struct rej_reason *rej_kb_reason(const struct rej_kb *kb,
				       const char *name)
{
	return kb ? find_reason(kb, name) : NULL;
}

static bool load_rule(struct loader *ld, xmlNode *n, struct rej_rule *r)
{
	struct rule_impl *im = calloc(1, sizeof *im);
	if (!im)
		return false;
	r->impl = im;
	r->id = pooled(ld, n, "id");
	r->reason = find_reason(ld->kb, pooled(ld, n, "reason"));
	if (!r->id || !r->reason) {
		md_err_set(ld->err, MD_ERR_PARSE, ld->path,
			   (unsigned)xmlGetLineNo(n), "%s",
			   _("a rule lacks its id or names an unknown reason"));
		return false;
	}
	const char *hard = pooled(ld, n, "hard");
	const char *who = pooled(ld, n, "who");
	r->hard = hard ? strcmp(hard, "true") == 0 : r->reason->hard;
	r->who = r->reason->who;
	if (who && !who_parse(who, &r->who)) {
		md_err_set(ld->err, MD_ERR_PARSE, ld->path,
			   (unsigned)xmlGetLineNo(n), "%s",
			   _("a rule names an unknown \"who\""));
		return false;
	}
	r->summary = r->reason->summary;
	r->advice = r->reason->advice;
	bool ok = true;
	for (xmlNode *c = n->children; c && ok; c = c->next) {
		if (is(c, "status"))
			ok = add_string(ld, &im->status, c);
		else if (is(c, "reply"))
			ok = add_string(ld, &im->reply, c);
		else if (is(c, "command"))
			ok = add_string(ld, &im->command, c);
		else if (is(c, "mta"))
			ok = add_string(ld, &im->mta, c);
		else if (is(c, "rhost"))
			ok = add_pattern(ld, &im->rhost, c);
		else if (is(c, "text"))
			ok = add_pattern(ld, &im->text, c);
		else if (is(c, "not"))
			ok = add_pattern(ld, &im->not, c);
		else if (is(c, "summary"))
			r->summary = pooled(ld, c, NULL);
		else if (is(c, "advice"))
			r->advice = pooled(ld, c, NULL);
	}
	return ok;
}

static bool load_mta(struct loader *ld, xmlNode *n, struct mta_sig *m)
{
	m->id = (char *)pooled(ld, n, "id");
	if (!m->id)
		return false;
	for (xmlNode *c = n->children; c; c = c->next) {
		if (!is(c, "sig"))
			continue;
		const char *in = pooled(ld, c, "in");
		bool hdr = in && strcmp(in, "headers") == 0;
		if (!add_pattern(ld, hdr ? &m->headers : &m->body, c))
			return false;
	}
	return true;
}

static size_t count_children(xmlNode *root, const char *name)
{
	size_t n = 0;
	for (xmlNode *c = root->children; c; c = c->next)
		n += is(c, name);
	return n;
}

static enum md_status load_doc(struct loader *ld, xmlNode *root)
{
	struct rej_kb *kb = ld->kb;
	size_t nr = count_children(root, "reason");
	size_t nu = count_children(root, "rule");
	size_t nm = count_children(root, "mta");
	kb->reasons = calloc(nr ? nr : 1, sizeof *kb->reasons);
	kb->rules = calloc(nu ? nu : 1, sizeof *kb->rules);
	kb->mtas = calloc(nm ? nm : 1, sizeof *kb->mtas);
	if (!kb->reasons || !kb->rules || !kb->mtas)
		return md_err_set(ld->err, MD_ERR_NOMEM, ld->path, 0, "%s",
				  _("out of memory"));
	/* Reasons first: rules refer to them. */
	for (xmlNode *c = root->children; c; c = c->next)
		if (is(c, "reason") &&
		    !load_reason(ld, c, &kb->reasons[kb->n_reasons++]))
			return ld->err ? ld->err->code : MD_ERR_PARSE;
	for (xmlNode *c = root->children; c; c = c->next) {
		bool ok = true;
		if (is(c, "rule"))
			ok = load_rule(ld, c, &kb->rules[kb->n_rules++]);
		else if (is(c, "mta"))
			ok = load_mta(ld, c, &kb->mtas[kb->n_mtas++]);
		else if (is(c, "cut"))
			ok = add_pattern(ld, &kb->cut, c);
		else if (is(c, "lead"))
			ok = add_pattern(ld, &kb->lead, c);
		if (!ok)
			return ld->err && ld->err->code != MD_OK ? ld->err->code
								 : MD_ERR_NOMEM;
	}
	return MD_OK;
}

/* Collects the first validity message of libxml2. */
struct first_error {
	char text[400];
	int line;
};

static void on_structured_error(void *ud, const xmlError *e)
{
	struct first_error *fe = ud;
	if (fe->text[0] || !e || !e->message)
		return;
	snprintf(fe->text, sizeof fe->text, "%s", e->message);
	size_t n = strlen(fe->text);
	while (n && (fe->text[n - 1] == '\n' || fe->text[n - 1] == ' '))
		fe->text[--n] = '\0';
	fe->line = e->line;
}

enum md_status rej_validate(const char *xml_path, const char *rng_path,
			    struct md_err *err)
{
	struct first_error fe = {{0}, 0};
	enum md_status st = MD_OK;
	xmlRelaxNGParserCtxtPtr pc = xmlRelaxNGNewParserCtxt(rng_path);
	xmlRelaxNGPtr schema = pc ? xmlRelaxNGParse(pc) : NULL;
	xmlRelaxNGValidCtxtPtr vc =
	    schema ? xmlRelaxNGNewValidCtxt(schema) : NULL;
	xmlDocPtr doc = xmlReadFile(xml_path, NULL,
				    XML_PARSE_NONET | XML_PARSE_NOERROR |
					XML_PARSE_NOWARNING);
	if (!vc) {
		st = md_err_set(err, MD_ERR_PARSE, rng_path, 0, "%s",
				_("the schema cannot be read"));
	} else if (!doc) {
		st = md_err_set(err, MD_ERR_PARSE, xml_path, 0, "%s",
				_("the file is not well-formed XML"));
	} else {
		xmlRelaxNGSetValidStructuredErrors(
		    vc, (xmlStructuredErrorFunc)on_structured_error, &fe);
		if (xmlRelaxNGValidateDoc(vc, doc) != 0)
			st = md_err_set(err, MD_ERR_PARSE, xml_path,
					(unsigned)fe.line,
					_("the file does not follow its "
					  "schema: %s"),
					fe.text[0] ? fe.text : "?");
	}
	xmlFreeDoc(doc);
	xmlRelaxNGFreeValidCtxt(vc);
	xmlRelaxNGFree(schema);
	xmlRelaxNGFreeParserCtxt(pc);
	return st;
}

enum md_status rej_kb_load(const char *path, struct rej_kb **out,
			   struct md_err *err)
{
	*out = NULL;
	/* The schema beside the file, when present. */
	size_t n = strlen(path);
	char *rng = malloc(n + 8);
	if (!rng)
		return md_err_set(err, MD_ERR_NOMEM, path, 0, "%s",
				  _("out of memory"));
	memcpy(rng, path, n + 1);
	char *dot = strrchr(rng, '.');
	const char *base = os_base_name(rng);
	if (dot && dot > base)
		strcpy(dot, ".rng");
	else
		strcat(rng, ".rng");
	FILE *f = os_fopen(rng, "r");
	if (f) {
		fclose(f);
		enum md_status st = rej_validate(path, rng, err);
		if (st != MD_OK) {
			free(rng);
			return st;
		}
	}
	free(rng);

	xmlDocPtr doc = xmlReadFile(path, NULL,
				    XML_PARSE_NONET | XML_PARSE_NOERROR |
					XML_PARSE_NOWARNING);
	if (!doc)
		return md_err_set(err, MD_ERR_IO, path, 0, "%s",
				  _("the knowledge base of rejections cannot "
				    "be read"));
	struct rej_kb *kb = calloc(1, sizeof *kb);
	if (!kb) {
		xmlFreeDoc(doc);
		return md_err_set(err, MD_ERR_NOMEM, path, 0, "%s",
				  _("out of memory"));
	}
	struct md_err local;
	md_err_clear(&local);
	struct loader ld = {kb, path, err ? err : &local};
	enum md_status st = load_doc(&ld, xmlDocGetRootElement(doc));
	xmlFreeDoc(doc);
	if (st != MD_OK) {
		rej_kb_free(kb);
		return st;
	}
	*out = kb;
	return MD_OK;
}

enum md_status rej_kb_load_default(struct rej_kb **out, struct md_err *err)
{
	const char *dir = paths_assets();
	size_t n = strlen(dir) + sizeof "/rejections.xml";
	char *p = malloc(n);
	if (!p)
		return md_err_set(err, MD_ERR_NOMEM, NULL, 0, "%s",
				  _("out of memory"));
	snprintf(p, n, "%s/rejections.xml", dir);
	enum md_status st = rej_kb_load(p, out, err);
	free(p);
	return st;
}

void rej_kb_free(struct rej_kb *kb)
{
	if (!kb)
		return;
	for (size_t i = 0; i < kb->n_rules; i++) {
		struct rule_impl *im = kb->rules[i].impl;
		if (!im)
			continue;
		strv_done(&im->status);
		strv_done(&im->reply);
		strv_done(&im->command);
		strv_done(&im->mta);
		patv_done(&im->rhost, false);
		patv_done(&im->text, false);
		patv_done(&im->not, false);
		free(im);
	}
	for (size_t i = 0; i < kb->n_mtas; i++) {
		patv_done(&kb->mtas[i].headers, false);
		patv_done(&kb->mtas[i].body, false);
	}
	patv_done(&kb->cut, false);
	patv_done(&kb->lead, false);
	patv_done(&kb->codes, true);
	strv_done(&kb->code_src);
	strv_done(&kb->pool);
	free(kb->reasons);
	free(kb->rules);
	free(kb->mtas);
	free(kb);
}

size_t rej_kb_count(const struct rej_kb *kb)
{
	return kb ? kb->n_rules : 0;
}

const struct rej_rule *rej_kb_rule(const struct rej_kb *kb, size_t i)
{
	return kb && i < kb->n_rules ? &kb->rules[i] : NULL;
}
