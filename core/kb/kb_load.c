/* kb_load.c — loads provider files from folders into a struct kb: the
 * whole file (at most KB_MAX_DOC), parsed by libxml2 with no network, no
 * DTDs or entities, checked against providers.rng, then read by
 * kb_read_doc() and put in the store. */
#include "core/kb/kb_private.h"

#include "core/base/file_read.h"
#include "core/base/i18n.h"
#include "core/base/os.h"
#include "core/base/paths.h"

#include <errno.h>
#include <libxml/parser.h>
#include <libxml/relaxng.h>
#include <libxml/tree.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The first error libxml2 reports, kept instead of printed. */
struct first_error {
	char text[256];
	int line;
};

static void on_error(void *ud, xmlErrorPtr e)
{
	struct first_error *fe = ud;
	if (fe->text[0] || !e || !e->message)
		return;
	snprintf(fe->text, sizeof fe->text, "%s", e->message);
	size_t len = strlen(fe->text);
	while (len && fe->text[len - 1] == '\n')
		fe->text[--len] = '\0';
	fe->line = e->line;
}

/* Parser options: no network, no entity substitution, no DTD loading,
 * no messages on stderr. */
#define KB_XML_OPTS (XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING)

/* Parse buf; refuse a DOCTYPE (no entities can then be defined). */
static enum md_status parse(const char *buf, size_t len, const char *name,
			    xmlDoc **out, struct md_err *err)
{
	if (len > KB_MAX_DOC)
		return md_err_set(err, MD_ERR_TOOBIG, name, 0, "%s",
				  _("the provider file is too large"));
	xmlResetLastError();
	xmlDoc *doc = xmlReadMemory(buf, (int)len, name, NULL, KB_XML_OPTS);
	if (!doc) {
		xmlErrorPtr e = xmlGetLastError();
		struct first_error fe = {{0}, 0};
		on_error(&fe, e);
		return md_err_set(err, MD_ERR_PARSE, name,
				  fe.line > 0 ? (unsigned)fe.line : 0,
				  _("the file is not well-formed XML: %s"),
				  fe.text[0] ? fe.text : "?");
	}
	if (doc->intSubset || doc->extSubset) {
		xmlFreeDoc(doc);
		return md_err_set(err, MD_ERR_PARSE, name, 0, "%s",
				  _("the provider file has a DOCTYPE, which "
				    "is not allowed"));
	}
	*out = doc;
	return MD_OK;
}

/* The whole file in a new buffer; MD_ERR_IO (also for a file that is not
 * there) or MD_ERR_TOOBIG. */
static enum md_status slurp(const char *path, char **out, size_t *len,
			    struct md_err *err)
{
	struct file_read_words w = {
	    .cannot_open = _("the provider file cannot be read"),
	    .cannot_read = _("the provider file cannot be read"),
	    .too_big = _("the provider file is too large"),
	    .nomem = _("out of memory"),
	};
	enum md_status st = file_read(path, KB_MAX_DOC, &w, out, len, err);
	if (st == MD_ERR_NOTFOUND) {
		st = MD_ERR_IO;
		if (err)
			err->code = st;
	}
	return st;
}

/* A compiled schema and its validation context. */
struct schema {
	xmlRelaxNGParserCtxtPtr pc;
	xmlRelaxNGPtr rng;
	xmlRelaxNGValidCtxtPtr vc;
	struct first_error fe;
};

static enum md_status schema_open(struct schema *sc, const char *path,
				  struct md_err *err)
{
	memset(sc, 0, sizeof *sc);
	/* Read the file here so that libxml2 reports nothing on stderr. */
	char *buf = NULL;
	size_t len = 0;
	if (slurp(path, &buf, &len, err) != MD_OK)
		return md_err_set(err, MD_ERR_PARSE, path, 0, "%s",
				  _("the schema cannot be read"));
	sc->pc = xmlRelaxNGNewMemParserCtxt(buf, (int)len);
	if (sc->pc)
		xmlRelaxNGSetParserStructuredErrors(
		    sc->pc, (xmlStructuredErrorFunc)on_error, &sc->fe);
	sc->rng = sc->pc ? xmlRelaxNGParse(sc->pc) : NULL;
	free(buf);
	sc->vc = sc->rng ? xmlRelaxNGNewValidCtxt(sc->rng) : NULL;
	if (!sc->vc)
		return md_err_set(err, MD_ERR_PARSE, path, 0, "%s",
				  _("the schema cannot be read"));
	xmlRelaxNGSetValidStructuredErrors(
	    sc->vc, (xmlStructuredErrorFunc)on_error, &sc->fe);
	return MD_OK;
}

static void schema_close(struct schema *sc)
{
	xmlRelaxNGFreeValidCtxt(sc->vc);
	xmlRelaxNGFree(sc->rng);
	xmlRelaxNGFreeParserCtxt(sc->pc);
}

static enum md_status schema_check(struct schema *sc, xmlDoc *doc,
				   const char *path, struct md_err *err)
{
	memset(&sc->fe, 0, sizeof sc->fe);
	if (xmlRelaxNGValidateDoc(sc->vc, doc) == 0)
		return MD_OK;
	return md_err_set(err, MD_ERR_PARSE, path,
			  sc->fe.line > 0 ? (unsigned)sc->fe.line : 0,
			  _("the file does not follow its schema: %s"),
			  sc->fe.text[0] ? sc->fe.text : "?");
}

/* Parse, optionally validate, read and add one document. */
static enum md_status add_doc(struct kb *kb, const char *buf, size_t len,
			      const char *name, struct schema *sc,
			      const struct kb_provider **out_p,
			      struct md_err *err)
{
	xmlDoc *doc = NULL;
	enum md_status st = parse(buf, len, name, &doc, err);
	if (st != MD_OK)
		return st;
	if (sc)
		st = schema_check(sc, doc, name, err);
	struct kb_provider *p = NULL;
	if (st == MD_OK)
		st = kb_read_doc(kb, doc, name, &p, err);
	xmlFreeDoc(doc);
	if (st == MD_OK)
		st = kb_put(kb, p, err);
	if (st == MD_OK && out_p)
		*out_p = p;
	return st;
}

enum md_status kb_add_memory(struct kb *kb, const char *buf, size_t len,
			     const char *name, const struct kb_provider **out_p,
			     struct md_err *err)
{
	return add_doc(kb, buf, len, name ? name : "(memory)", NULL, out_p,
		       err);
}

enum md_status kb_validate(const char *xml_path, const char *rng_path,
			   struct md_err *err)
{
	char *buf = NULL;
	size_t len = 0;
	enum md_status st = slurp(xml_path, &buf, &len, err);
	if (st != MD_OK)
		return st;
	xmlDoc *doc = NULL;
	st = parse(buf, len, xml_path, &doc, err);
	free(buf);
	if (st != MD_OK)
		return st;
	struct schema sc;
	st = schema_open(&sc, rng_path, err);
	if (st == MD_OK)
		st = schema_check(&sc, doc, xml_path, err);
	schema_close(&sc);
	xmlFreeDoc(doc);
	return st;
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static bool xml_name(const char *n)
{
	size_t len = strlen(n);
	return n[0] != '.' && len > 4 && strcmp(n + len - 4, ".xml") == 0;
}

/* The *.xml names os_dir_each() hands over, gathered. */
struct xml_names {
	char **v;
	size_t k, cap;
	bool nomem;
};

static bool gather_xml(const char *name, void *ctx)
{
	struct xml_names *x = ctx;
	if (!xml_name(name))
		return true;
	if (x->k == x->cap) {
		size_t cap = x->cap ? x->cap * 2 : 32;
		char **nv = realloc(x->v, cap * sizeof *nv);
		if (!nv) {
			x->nomem = true;
			return false;
		}
		x->v = nv;
		x->cap = cap;
	}
	if (!(x->v[x->k] = strdup(name))) {
		x->nomem = true;
		return false;
	}
	x->k++;
	return true;
}

/* The *.xml file names of dir, sorted; caller frees names and array. */
static enum md_status list_dir(const char *dir, char ***out, size_t *n,
			       struct md_err *err)
{
	struct xml_names x = {0};
	if (!os_dir_each(dir, gather_xml, &x))
		return md_err_sys(err, MD_ERR_IO, errno, dir, "%s",
				  _("the folder of provider files cannot be "
				    "read"));
	if (x.nomem) {
		for (size_t i = 0; i < x.k; i++)
			free(x.v[i]);
		free(x.v);
		return md_err_set(err, MD_ERR_NOMEM, dir, 0, "%s",
				  _("out of memory"));
	}
	if (x.k)
		qsort(x.v, x.k, sizeof *x.v, by_name);
	*out = x.v;
	*n = x.k;
	return MD_OK;
}

static enum md_status load_dir(struct kb *kb, const char *dir,
			       struct schema *sc, struct md_err *err)
{
	char **names = NULL;
	size_t n = 0;
	enum md_status st = list_dir(dir, &names, &n, err);
	for (size_t i = 0; st == MD_OK && i < n; i++) {
		char path[4096];
		if ((size_t)snprintf(path, sizeof path, "%s/%s", dir,
				     names[i]) >= sizeof path) {
			st = md_err_set(err, MD_ERR_IO, dir, 0, "%s",
					_("the path is too long"));
			break;
		}
		char *buf = NULL;
		size_t len = 0;
		st = slurp(path, &buf, &len, err);
		if (st == MD_OK)
			st = add_doc(kb, buf, len, path, sc, NULL, err);
		free(buf);
	}
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
	return st;
}

enum md_status kb_load(const char *const *dirs, const char *schema_path,
		       struct kb **out, struct md_err *err)
{
	char def[4096];
	if (!schema_path) {
		snprintf(def, sizeof def, "%s/providers.rng", paths_assets());
		schema_path = def;
	}
	struct kb *kb = kb_new();
	if (!kb)
		return md_err_set(err, MD_ERR_NOMEM, NULL, 0, "%s",
				  _("out of memory"));
	struct schema sc;
	enum md_status st = schema_open(&sc, schema_path, err);
	for (size_t i = 0; st == MD_OK && dirs && dirs[i]; i++)
		st = load_dir(kb, dirs[i], &sc, err);
	schema_close(&sc);
	if (st != MD_OK) {
		kb_free(kb);
		return st;
	}
	*out = kb;
	return MD_OK;
}

enum md_status kb_load_default(const char *const *extra, struct kb **out,
			       struct md_err *err)
{
	char dir[4096];
	snprintf(dir, sizeof dir, "%s/providers", paths_assets());
	const char *dirs[16] = {dir};
	size_t n = 1;
	for (size_t i = 0; extra && extra[i]; i++) {
		if (n + 1 >= sizeof dirs / sizeof dirs[0])
			return md_err_set(err, MD_ERR_USAGE, NULL, 0, "%s",
					  _("too many provider folders"));
		dirs[n++] = extra[i];
	}
	dirs[n] = NULL;
	enum md_status st = kb_load(dirs, NULL, out, err);
	if (st != MD_OK)
		return st;
	snprintf(dir, sizeof dir, "%s/interceptors.conf", paths_assets());
	st = kb_load_interceptors(*out, dir, err);
	if (st != MD_OK) {
		kb_free(*out);
		*out = NULL;
	}
	return st;
}
