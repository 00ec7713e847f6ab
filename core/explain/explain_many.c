/* explain_many.c — many inputs in one process: files, Maildir folders, mbox
 * files (GMime's mbox parser, one message after another, each with the
 * offset of its "From " line) and standard input. Every file is opened
 * with os_fopen, so a UTF-8 path works on Windows too. */
#include "core/explain/explain_many.h"
#include "core/explain/explain_private.h"

#include "core/base/i18n.h"
#include "core/base/os.h"

#include <errno.h>
#include <gmime/gmime.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Files of one Maildir folder, at most this many. */
#define MAX_MAILDIR_FILES 100000

static bool hand(struct explain_many *m, const char *file, long long offset,
		 struct explain_result *res)
{
	struct explain_item it = {.file = file, .offset = offset, .res = res};
	m->items++;
	if (!m->cb(&it, m->ud)) {
		m->stopped = true;
		return false;
	}
	return true;
}

/* Add n bytes to the total; false (err set) past the bound. */
static bool count_bytes(struct explain_many *m, unsigned long long n,
			struct md_err *err)
{
	m->total += n;
	if (m->total <= EXPLAIN_MANY_MAX_TOTAL)
		return true;
	md_err_set(err, MD_ERR_TOOBIG, NULL, 0, "%s",
		   _("the inputs together are larger than 4 GiB"));
	return false;
}

/* Read all of f into *buf (at most max bytes; MD_ERR_TOOBIG beyond). */
static enum md_status slurp(FILE *f, const char *path, size_t max, char **buf,
			    size_t *len, struct md_err *err)
{
	size_t cap = 1 << 16, n = 0, k;
	char *p = malloc(cap);
	while (p && (k = fread(p + n, 1, cap - n, f)) > 0) {
		n += k;
		if (n > max) {
			free(p);
			return md_err_set(err, MD_ERR_TOOBIG, path, 0, "%s: %s",
					  path,
					  _("the message is larger than 64 "
					    "MiB"));
		}
		if (n == cap) {
			char *np = realloc(p, cap * 2);
			if (!np)
				free(p);
			p = np;
			cap *= 2;
		}
	}
	if (!p)
		return md_err_set(err, MD_ERR_NOMEM, NULL, 0, "%s",
				  _("out of memory"));
	if (ferror(f)) {
		free(p);
		return md_err_set(err, MD_ERR_IO, path, 0, _("cannot read %s"),
				  path);
	}
	*buf = p;
	*len = n;
	return MD_OK;
}

struct mbox_ctx {
	struct explain_many *m;
	const char *file;
};

static bool on_mbox(struct explain_result *res, long long offset, void *ud)
{
	struct mbox_ctx *c = ud;
	return hand(c->m, c->file, offset, res);
}

static enum md_status run_mbox(struct explain_many *m, const char *path,
			       GMimeStream *st, struct md_err *err)
{
	explain_global_init();
	struct mbox_ctx c = {.m = m, .file = path};
	enum md_status rc = explain_mime_mbox(
	    m->kb, st, EXPLAIN_MANY_MAX_MESSAGE, on_mbox, &c, err);
	if (rc == MD_ERR_TOOBIG || rc == MD_ERR_PARSE) {
		char text[sizeof err->text];
		snprintf(text, sizeof text, "%.200s: %.300s", path, err->text);
		snprintf(err->text, sizeof err->text, "%s", text);
	}
	return rc == MD_ERR_CANCELLED ? MD_OK : rc;
}

/* One input held in memory: an mbox (message by message) or one message
 * or log. */
static enum md_status run_buffer(struct explain_many *m, const char *path,
				 const char *buf, size_t len,
				 struct md_err *err)
{
	if (len == 0)
		return md_err_set(err, MD_ERR_PARSE, path, 0, "%s: %s", path,
				  _("the input is empty"));
	enum explain_input kind = explain_detect(buf, len);
	if (kind == EXPLAIN_IN_MBOX) {
		GMimeStream *st = g_mime_stream_mem_new_with_buffer(buf, len);
		if (!st)
			return md_err_set(err, MD_ERR_NOMEM, NULL, 0, "%s",
					  _("out of memory"));
		enum md_status rc = run_mbox(m, path, st, err);
		g_object_unref(st);
		return rc;
	}
	struct explain_result *res = NULL;
	struct md_err e2;
	md_err_clear(&e2);
	enum md_status rc = explain_buffer(m->kb, buf, len, kind, &res, &e2);
	if (rc != MD_OK)
		return md_err_set(err, rc, path, 0, "%s: %s", path, e2.text);
	hand(m, path, -1, res);
	explain_result_free(res);
	return MD_OK;
}

/* A file: an mbox is streamed from the file; anything else is read whole
 * (at most 64 MiB). */
static enum md_status run_file(struct explain_many *m, const char *path,
			       struct md_err *err)
{
	FILE *f = os_fopen(path, "rb");
	if (!f)
		return md_err_set(err, MD_ERR_IO, path, 0,
				  _("cannot open %s: %s"), path,
				  strerror(errno));
	struct os_stat sb = {0};
	enum md_status rc = MD_OK;
	if (os_stat(path, &sb) &&
	    !count_bytes(m, (unsigned long long)sb.size, err)) {
		fclose(f);
		return MD_ERR_TOOBIG;
	}
	char head[4096];
	size_t n = fread(head, 1, sizeof head, f);
	if (n > 0 && explain_detect(head, n) == EXPLAIN_IN_MBOX &&
	    fseek(f, 0, SEEK_SET) == 0) {
		GMimeStream *st = g_mime_stream_file_new(f);
		g_mime_stream_file_set_owner(GMIME_STREAM_FILE(st), FALSE);
		rc = run_mbox(m, path, st, err);
		g_object_unref(st);
		fclose(f);
		return rc;
	}
	char *buf = NULL;
	size_t len = 0;
	if (fseek(f, 0, SEEK_SET) != 0)
		rc = md_err_set(err, MD_ERR_IO, path, 0, _("cannot read %s"),
				path);
	else
		rc = slurp(f, path, EXPLAIN_MANY_MAX_MESSAGE, &buf, &len, err);
	fclose(f);
	if (rc == MD_OK)
		rc = run_buffer(m, path, buf, len, err);
	free(buf);
	return rc;
}

struct names {
	char **v;
	size_t n, cap;
};

static bool add_name(const char *name, void *ud)
{
	struct names *ns = ud;
	if (name[0] == '.')
		return true;
	if (ns->n >= MAX_MAILDIR_FILES)
		return false;
	if (ns->n == ns->cap) {
		size_t cap = ns->cap ? ns->cap * 2 : 64;
		char **v = realloc(ns->v, cap * sizeof *v);
		if (!v)
			return false;
		ns->v = v;
		ns->cap = cap;
	}
	ns->v[ns->n] = strdup(name);
	return ns->v[ns->n++] != NULL;
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* One sub-folder of a Maildir (cur or new), its files in name order. */
static enum md_status run_subdir(struct explain_many *m, const char *dir,
				 const char *sub, struct md_err *err)
{
	char path[4096];
	snprintf(path, sizeof path, "%s/%s", dir, sub);
	if (!os_is_dir(path))
		return MD_OK;
	struct names ns = {0};
	os_dir_each(path, add_name, &ns);
	if (ns.n)
		qsort(ns.v, ns.n, sizeof *ns.v, by_name);
	enum md_status rc = MD_OK;
	for (size_t i = 0; i < ns.n; i++) {
		char file[4096];
		int w = snprintf(file, sizeof file, "%s/%s", path, ns.v[i]);
		if (rc == MD_OK && !m->stopped && w > 0 &&
		    (size_t)w < sizeof file && os_is_file(file))
			rc = run_file(m, file, err);
		free(ns.v[i]);
	}
	free(ns.v);
	return rc;
}

static enum md_status run_maildir(struct explain_many *m, const char *dir,
				  struct md_err *err)
{
	char cur[4096], nw[4096];
	snprintf(cur, sizeof cur, "%s/cur", dir);
	snprintf(nw, sizeof nw, "%s/new", dir);
	if (!os_is_dir(cur) && !os_is_dir(nw))
		return md_err_set(err, MD_ERR_PARSE, dir, 0, "%s: %s", dir,
				  _("the folder is not a Maildir (it has no "
				    "cur or new folder)"));
	size_t before = m->items;
	enum md_status rc = run_subdir(m, dir, "cur", err);
	if (rc == MD_OK && !m->stopped)
		rc = run_subdir(m, dir, "new", err);
	(void)before;
	return rc;
}

enum md_status explain_many_path(struct explain_many *m, const char *path,
				 struct md_err *err)
{
	if (m->stopped)
		return MD_OK;
	if (strcmp(path, "-") == 0) {
		char *buf = NULL;
		size_t len = 0;
		enum md_status rc =
		    slurp(stdin, _("standard input"), EXPLAIN_MANY_MAX_MESSAGE,
			  &buf, &len, err);
		if (rc == MD_OK && count_bytes(m, len, err))
			rc = run_buffer(m, "-", buf, len, err);
		else if (rc == MD_OK)
			rc = MD_ERR_TOOBIG;
		free(buf);
		return rc;
	}
	if (os_is_dir(path))
		return run_maildir(m, path, err);
	return run_file(m, path, err);
}
