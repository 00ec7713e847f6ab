/* fix_tb_apply.c — write a planned Thunderbird fix and undo it: every step
 * ordered so that a crash at any instant leaves each file whole (old or new)
 * and its backup intact, and the journal says what to restore. */
#include "clientcfg/tb/fix_tb.h"
#include "clientcfg/tb/fix_tb_private.h"

#include "clientcfg/tb/tb_lock.h"
#include "core/base/i18n.h"
#include "core/base/os.h"
#include "core/base/safe_write.h"

#include <glib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

void fix_tb_result_done(struct tb_fix_result *res)
{
	for (size_t i = 0; i < res->n_backups; i++)
		free(res->backups[i]);
	memset(res, 0, sizeof *res);
}

/* Thunderbird would overwrite the change when it exits: refuse while it
 * runs; and while that cannot be told (Windows's Thunderbird from WSL
 * without tasklist.exe), unless the person said it is closed. */
static enum md_status check_closed(const char *dir, bool said_closed,
				   struct md_err *err)
{
	long pid = 0;
	struct md_err why;
	md_err_clear(&why);
	enum tb_use use = tb_profile_use(dir, &pid, &why);
	if (use == TB_USE_RUNNING && pid > 0)
		return md_err_set(
		    err, MD_ERR_BUSY, dir, 0,
		    _("Thunderbird is running (process %ld); close "
		      "it first, or it will undo the change when "
		      "it exits"),
		    pid);
	if (use == TB_USE_RUNNING)
		return md_err_set(err, MD_ERR_BUSY, dir, 0,
				  _("Thunderbird is running (it holds the "
				    "profile's lock); close it first, or it "
				    "will undo the change when it exits"));
	if (use == TB_USE_UNKNOWN && !said_closed)
		return md_err_set(
		    err, MD_ERR_BUSY, dir, 0,
		    _("%s. Close Thunderbird on Windows first (it would undo "
		      "the change when it exits), then run the same command "
		      "again with --thunderbird-closed to say that it is "
		      "closed"),
		    why.text);
	return MD_OK;
}

/* Temporary files a killed earlier run left ("….maildoctor-tmp-XXXXXX"). */
static bool remove_if_temp(const char *name, void *dir)
{
	if (strstr(name, ".maildoctor-tmp-")) {
		char *p = g_build_filename(dir, name, NULL);
		os_unlink(p);
		g_free(p);
	}
	return true;
}

static void remove_stale_temps(const char *dir)
{
	os_dir_each(dir, remove_if_temp, (void *)dir);
}

/* ---- the journal: one line per file changed --------------------------------
 * txid TAB file TAB backup TAB sha-before TAB sha-after */

struct jline {
	char *txid, *file, *backup, *sha_before, *sha_after;
};

static void jlines_free(struct jline *l, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		g_free(l[i].txid);
		g_free(l[i].file);
		g_free(l[i].backup);
		g_free(l[i].sha_before);
		g_free(l[i].sha_after);
	}
	free(l);
}

/* Read the journal; a missing one is empty. Malformed lines are skipped. */
static enum md_status journal_read(const char *path, struct jline **out,
				   size_t *n, struct md_err *err)
{
	*out = NULL;
	*n = 0;
	char *data;
	size_t len;
	enum md_status st = safe_read(path, &data, &len, NULL, err);
	if (st == MD_ERR_NOTFOUND)
		return MD_OK;
	if (st != MD_OK)
		return st;
	gchar **lines = g_strsplit(data, "\n", -1);
	free(data);
	size_t count = g_strv_length(lines);
	struct jline *l = calloc(count + 1, sizeof *l);
	if (!l) {
		g_strfreev(lines);
		return md_err_set(err, MD_ERR_NOMEM, NULL, 0, NULL);
	}
	for (size_t i = 0; lines[i]; i++) {
		gchar **f = g_strsplit(lines[i], "\t", 6);
		if (g_strv_length(f) == 5) {
			l[*n] = (struct jline){g_strdup(f[0]), g_strdup(f[1]),
					       g_strdup(f[2]), g_strdup(f[3]),
					       g_strdup(f[4])};
			(*n)++;
		}
		g_strfreev(f);
	}
	g_strfreev(lines);
	*out = l;
	return MD_OK;
}

static enum md_status journal_write(const char *path, const struct jline *l,
				    size_t n, struct md_err *err)
{
	GString *s = g_string_new("");
	for (size_t i = 0; i < n; i++)
		g_string_append_printf(s, "%s\t%s\t%s\t%s\t%s\n", l[i].txid,
				       l[i].file, l[i].backup, l[i].sha_before,
				       l[i].sha_after);
	enum md_status st = safe_write(path, s->str, s->len, 0600, err);
	g_string_free(s, TRUE);
	return st;
}

/* ---- apply ----------------------------------------------------------------
 */

/* The new bytes of each changed file, checked against the plan's view. */
struct pending {
	char *data[2];
	size_t len[2];
	mode_t mode[2];
	bool changed[2];
};

static void pending_done(struct pending *p)
{
	for (int i = 0; i < 2; i++)
		free(p->data[i]);
}

/* Re-read the files: they must be what the plan read; render the edits. */
static enum md_status prepare(const struct tb_fix_plan *plan, struct pending *p,
			      struct md_err *err)
{
	const struct plan_files *pl = plan->priv;
	for (int i = 0; i < 2; i++) {
		if (!pl->pf[i])
			continue;
		p->changed[i] = false;
		for (size_t c = 0; c < plan->n_changes; c++)
			p->changed[i] |=
			    strcmp(plan->changes[c].file, pl->path[i]) == 0;
		if (!p->changed[i])
			continue;
		char *now;
		size_t len;
		enum md_status st =
		    safe_read(pl->path[i], &now, &len, &p->mode[i], err);
		if (st != MD_OK)
			return st;
		char sha[65];
		safe_sha256(now, len, sha);
		free(now);
		if (strcmp(sha, pl->sha[i]) != 0)
			return md_err_set(
			    err, MD_ERR_BUSY, pl->path[i], 0,
			    _("%s changed since maildoctor looked "
			      "at it; check again before fixing"),
			    pl->path[i]);
		st = prefs_render(pl->pf[i], &p->data[i], &p->len[i], err);
		if (st != MD_OK)
			return st;
	}
	return MD_OK;
}

enum md_status fix_tb_apply(const struct tb_fix_plan *plan,
			    struct tb_fix_result *res, struct md_err *err)
{
	return fix_tb_apply_said(plan, false, res, err);
}

enum md_status fix_tb_apply_said(const struct tb_fix_plan *plan,
				 bool said_closed, struct tb_fix_result *res,
				 struct md_err *err)
{
	memset(res, 0, sizeof *res);
	const struct plan_files *pl = plan->priv;
	int lock = tb_lock(plan->profile_dir, err);
	if (lock < 0)
		return err ? err->code : MD_ERR_BUSY;
	struct pending p = {0};
	struct jline *jl = NULL;
	size_t jn = 0;
	char *journal = g_build_filename(plan->profile_dir, FIX_JOURNAL, NULL);
	enum md_status st = check_closed(plan->profile_dir, said_closed, err);
	if (st == MD_OK) {
		remove_stale_temps(plan->profile_dir);
		st = prepare(plan, &p, err);
	}
	if (st == MD_OK)
		st = journal_read(journal, &jl, &jn, err);
	/* 1. Backups of every file to change. */
	char txid[32];
	snprintf(txid, sizeof txid, "%ld-%ld", (long)time(NULL), os_getpid());
	size_t first_new = jn;
	for (int i = 0; i < 2 && st == MD_OK; i++) {
		if (!pl->pf[i] || !p.changed[i])
			continue;
		char *backup;
		st = safe_backup(pl->path[i], &backup, err);
		if (st != MD_OK)
			break;
		res->backups[res->n_backups++] = backup;
		struct jline *nl = realloc(jl, (jn + 1) * sizeof *jl);
		if (!nl) {
			st = md_err_set(err, MD_ERR_NOMEM, NULL, 0, NULL);
			break;
		}
		jl = nl;
		char after[65];
		safe_sha256(p.data[i], p.len[i], after);
		jl[jn++] = (struct jline){
		    g_strdup(txid), g_strdup(pl->path[i]), g_strdup(backup),
		    g_strdup(pl->sha[i]), g_strdup(after)};
	}
	/* 2. The journal, so that an undo finds the backups. */
	if (st == MD_OK && jn > first_new)
		st = journal_write(journal, jl, jn, err);
	/* 3. The files themselves, each replaced atomically. */
	for (int i = 0; i < 2 && st == MD_OK; i++)
		if (pl->pf[i] && p.changed[i])
			st = safe_write(pl->path[i], p.data[i], p.len[i],
					p.mode[i], err);
	jlines_free(jl, jn);
	g_free(journal);
	pending_done(&p);
	tb_unlock(lock);
	return st;
}

/* ---- undo -----------------------------------------------------------------
 */

/* Restore one journal line's file from its backup; with check_only, only
 * say whether it could be restored. */
static enum md_status restore(const struct jline *l, bool force,
			      bool check_only, struct md_err *err)
{
	char *cur;
	size_t len;
	mode_t mode = 0600;
	enum md_status st = safe_read(l->file, &cur, &len, &mode, err);
	if (st != MD_OK && st != MD_ERR_NOTFOUND)
		return st;
	if (st == MD_OK) {
		char sha[65];
		safe_sha256(cur, len, sha);
		free(cur);
		if (strcmp(sha, l->sha_before) == 0)
			return MD_OK; /* already the original */
		if (strcmp(sha, l->sha_after) != 0 && !force)
			return md_err_set(
			    err, MD_ERR_BUSY, l->file, 0,
			    _("%s changed after maildoctor wrote "
			      "it (Thunderbird saves its settings "
			      "there too); restoring %s would lose "
			      "those changes. Use --force to "
			      "restore anyway"),
			    l->file, l->backup);
	}
	char *old;
	st = safe_read(l->backup, &old, &len, NULL, err);
	if (st != MD_OK)
		return st;
	char sha[65];
	safe_sha256(old, len, sha);
	if (strcmp(sha, l->sha_before) != 0) {
		free(old);
		return md_err_set(err, MD_ERR_IO, l->backup, 0,
				  _("the backup %s is not intact; nothing was "
				    "restored"),
				  l->backup);
	}
	st = check_only ? MD_OK : safe_write(l->file, old, len, mode, err);
	free(old);
	return st;
}

enum md_status fix_tb_undo(const char *profile_dir, bool force,
			   struct tb_fix_result *res, struct md_err *err)
{
	return fix_tb_undo_said(profile_dir, force, false, res, err);
}

enum md_status fix_tb_undo_said(const char *profile_dir, bool force,
				bool said_closed, struct tb_fix_result *res,
				struct md_err *err)
{
	memset(res, 0, sizeof *res);
	int lock = tb_lock(profile_dir, err);
	if (lock < 0)
		return err ? err->code : MD_ERR_BUSY;
	char *journal = g_build_filename(profile_dir, FIX_JOURNAL, NULL);
	struct jline *jl = NULL;
	size_t jn = 0;
	enum md_status st = check_closed(profile_dir, said_closed, err);
	if (st == MD_OK)
		st = journal_read(journal, &jl, &jn, err);
	if (st == MD_OK && jn == 0)
		st = md_err_set(err, MD_ERR_NOTFOUND, profile_dir, 0,
				_("%s was not changed with this program: "
				  "there is nothing to undo"),
				profile_dir);
	size_t keep = jn;
	if (st == MD_OK) {
		/* The last transaction: the trailing lines with its id. */
		const char *tx = jl[jn - 1].txid;
		while (keep > 0 && strcmp(jl[keep - 1].txid, tx) == 0)
			keep--;
		/* Check every file before writing any, so that an undo
		 * does not stop half-way on a changed file. */
		for (size_t i = keep; i < jn && st == MD_OK; i++)
			st = restore(&jl[i], force, true, err);
		for (size_t i = keep; i < jn && st == MD_OK; i++)
			st = restore(&jl[i], force, false, err);
		for (size_t i = keep;
		     i < jn && st == MD_OK && res->n_backups < 2; i++)
			res->backups[res->n_backups++] = strdup(jl[i].backup);
	}
	if (st == MD_OK)
		st = journal_write(journal, jl, keep, err);
	jlines_free(jl, jn);
	g_free(journal);
	tb_unlock(lock);
	return st;
}
