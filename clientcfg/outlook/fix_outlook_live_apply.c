/* fix_outlook_live_apply.c — a planned fix written into Outlook's account
 * key (backup .reg and journal first, then the values, then a re-read) and
 * the last one undone from its backup, byte for byte; both refused while
 * OUTLOOK.EXE runs: Outlook keeps its account settings in memory and
 * writes them back, so a change made meanwhile would not last. */
#include "clientcfg/outlook/fix_outlook_live.h"

#include "clientcfg/outlook/outlook_live.h"
#include "core/base/i18n.h"
#include "core/base/os.h"
#include "core/base/safe_write.h"

#include <glib.h>
#include <stdlib.h>
#include <string.h>

bool fix_olive_outlook_runs(struct md_err *err)
{
	static const char *const names[] = {"outlook", NULL};
	long pid = 0;
	if (!os_process_running(names, &pid))
		return false;
	md_err_set(err, MD_ERR_BUSY, NULL, 0,
		   _("Outlook is running (process %ld). Close Outlook, then "
		     "try again: it writes its settings back when it closes, "
		     "which would undo the change."),
		   pid);
	return true;
}

/* The value called name in key (a one-key model), or NULL. */
static const struct outlook_reg_value *find(const struct outlook_reg *reg,
					    const char *name)
{
	const struct outlook_reg_key *k = &reg->keys[0];
	for (size_t i = 0; i < k->n_values; i++)
		if (g_ascii_strcasecmp(k->values[i].name, name) == 0)
			return &k->values[i];
	return NULL;
}

static bool holds(const struct outlook_reg *reg, const char *name,
		  uint32_t type, const unsigned char *data, size_t len)
{
	const struct outlook_reg_value *v = find(reg, name);
	if (!data)
		return v == NULL;
	return v && !v->withheld && v->type == type && v->len == len &&
	       (len == 0 || memcmp(v->data, data, len) == 0);
}

/* "Name = value" for each name, as the key holds it now (heap). */
static char *shown(const char *key, char *const *names, size_t n)
{
	struct outlook_reg *reg;
	struct md_err e;
	if (outlook_live_read_key(key, &reg, &e) != MD_OK)
		return NULL;
	GString *s = g_string_new("");
	for (size_t i = 0; i < n; i++) {
		const struct outlook_reg_value *v = find(reg, names[i]);
		char *t = v ? fix_olive_value_text(v->type, v->data, v->len)
			    : g_strdup(_("(none)"));
		g_string_append_printf(s, "  %s = %s\n", names[i], t);
		g_free(t);
	}
	outlook_reg_free(reg);
	return g_string_free(s, FALSE);
}

static char *journal_path(const char *dir)
{
	return g_build_filename(dir, FIX_OUTLOOK_LIVE_JOURNAL, NULL);
}

/* The journal's text with line added (or its last line taken off). */
static enum md_status journal_write(const char *dir, const char *line,
				    struct md_err *err)
{
	char *j = journal_path(dir);
	gchar *old = NULL;
	gsize n = 0;
	if (!g_file_get_contents(j, &old, &n, NULL))
		n = 0;
	GString *t = g_string_new_len(old ? old : "", (gssize)n);
	if (line) {
		g_string_append(t, line);
	} else { /* drop the last line */
		if (t->len && t->str[t->len - 1] == '\n')
			g_string_truncate(t, t->len - 1);
		char *nl = strrchr(t->str, '\n');
		g_string_truncate(t, nl ? (size_t)(nl - t->str) + 1 : 0);
	}
	enum md_status st = safe_write(j, t->str, t->len, 0644, err);
	g_string_free(t, TRUE);
	g_free(old);
	g_free(j);
	return st;
}

/* The key now, checked against the plan's before values. */
static enum md_status still_as_planned(const struct fix_olive_plan *p,
				       struct outlook_reg **now,
				       struct md_err *err)
{
	enum md_status st = outlook_live_read_key(p->key, now, err);
	for (size_t i = 0; st == MD_OK && i < p->n_changes; i++) {
		const struct fix_olive_change *c = &p->changes[i];
		if (!holds(*now, c->after.name, c->before_type, c->before,
			   c->before_len))
			st = md_err_set(err, MD_ERR_BUSY, p->key, 0,
					_("The Outlook account's value %s "
					  "changed since the preview; nothing "
					  "was changed. Run maildoctor "
					  "again."),
					c->after.name);
	}
	return st;
}

/* The backup of the key now, a new .reg in the plan's folder. */
static enum md_status backup(const struct fix_olive_plan *p,
			     const struct outlook_reg *now, char **path,
			     struct md_err *err)
{
	char *text;
	size_t len;
	enum md_status st =
	    outlook_reg_key_text(&now->keys[0], &text, &len, err);
	if (st != MD_OK)
		return st;
	char *stem = g_strdup_printf("maildoctor-%s-backup", p->id);
	st = outlook_reg_write_new(p->dir, stem, text, len, path, err);
	g_free(stem);
	free(text);
	return st;
}

/* The values as written, a new .reg beside the backup: the undo checks
 * that the key still holds them. */
static enum md_status written_file(const struct fix_olive_plan *p, char **path,
				   struct md_err *err)
{
	char *text;
	size_t len;
	enum md_status st = fix_olive_written_reg(p, &text, &len, err);
	if (st != MD_OK)
		return st;
	char *stem = g_strdup_printf("maildoctor-%s-written", p->id);
	st = outlook_reg_write_new(p->dir, stem, text, len, path, err);
	g_free(stem);
	free(text);
	return st;
}

/* Put the values of the journal line f back as the backup has them;
 * unless force, only while the key holds them as maildoctor wrote them. */
static enum md_status restore(const char *dir, char **f, bool force,
			      char **backup_path, struct md_err *err);

/* The journal line of p, its files' paths given. */
static char *line_of(const struct fix_olive_plan *p, const char *backup,
		     const char *written)
{
	char *a = g_path_get_basename(backup),
	     *b = g_path_get_basename(written);
	char *line = fix_olive_journal_line(p, a, b);
	g_free(a);
	g_free(b);
	return line;
}

static enum md_status write_values(const struct fix_olive_plan *p,
				   struct md_err *err)
{
	enum md_status st = MD_OK;
	for (size_t i = 0; st == MD_OK && i < p->n_changes; i++)
		st = outlook_live_set(p->key, &p->changes[i].after, err);
	/* read back: every value as written */
	struct outlook_reg *again = NULL;
	if (st == MD_OK)
		st = outlook_live_read_key(p->key, &again, err);
	for (size_t i = 0; st == MD_OK && i < p->n_changes; i++) {
		const struct outlook_reg_value *v = &p->changes[i].after;
		if (!holds(again, v->name, v->type, v->data, v->len))
			st =
			    md_err_set(err, MD_ERR_IO, p->key, 0,
				       _("The registry does not hold the value "
					 "%s as written."),
				       v->name);
	}
	outlook_reg_free(again);
	return st;
}

enum md_status fix_olive_apply(const struct fix_olive_plan *p,
			       struct fix_olive_result *res, struct md_err *err)
{
	memset(res, 0, sizeof *res);
	if (fix_olive_outlook_runs(err))
		return MD_ERR_BUSY;
	if (p->n_changes == 0) /* the key holds the fix already */
		return MD_OK;
	struct outlook_reg *now = NULL;
	char *written = NULL, *line = NULL;
	enum md_status st = still_as_planned(p, &now, err);
	if (st == MD_OK)
		st = backup(p, now, &res->backup, err);
	outlook_reg_free(now);
	if (st == MD_OK)
		st = written_file(p, &written, err);
	if (st == MD_OK)
		line = line_of(p, res->backup, written);
	if (st == MD_OK)
		st = journal_write(p->dir, line, err);
	if (st != MD_OK) { /* nothing written to the registry yet */
		if (res->backup)
			os_unlink(res->backup);
		if (written)
			os_unlink(written);
		free(written);
		g_free(line);
		fix_olive_result_done(res);
		return st;
	}
	free(written);
	st = write_values(p, err);
	if (st != MD_OK) { /* put back what was written */
		struct md_err e2;
		char **f = g_strsplit(line, "\t", -1);
		char *nl = f[0] ? strchr(f[g_strv_length(f) - 1], '\n') : NULL;
		if (nl)
			*nl = '\0';
		char *b = NULL;
		if (restore(p->dir, f, true, &b, &e2) == MD_OK)
			journal_write(p->dir, NULL, &e2);
		g_free(b);
		g_strfreev(f);
	}
	g_free(line);
	if (st == MD_OK) {
		char **names = calloc(p->n_changes + 1, sizeof *names);
		for (size_t i = 0; names && i < p->n_changes; i++)
			names[i] = p->changes[i].after.name;
		res->now = names ? shown(p->key, names, p->n_changes) : NULL;
		free(names);
	}
	return st;
}

/* The backup .reg's one key, parsed. */
static enum md_status read_backup(const char *path, struct outlook_reg **out,
				  struct md_err *err)
{
	gchar *buf = NULL;
	gsize n = 0;
	if (!g_file_get_contents(path, &buf, &n, NULL))
		return md_err_set(err, MD_ERR_NOTFOUND, path, 0,
				  _("The backup %s is not there: the fix "
				    "cannot be undone from it."),
				  path);
	enum md_status st = outlook_reg_parse(buf, n, path, out, err);
	g_free(buf);
	if (st == MD_OK && (*out)->n_keys != 1) {
		outlook_reg_free(*out);
		*out = NULL;
		st = md_err_set(err, MD_ERR_PARSE, path, 0,
				_("The backup %s does not hold one registry "
				  "key."),
				path);
	}
	return st;
}

/* Whether the key holds the values the fix wrote (the file f[2]). */
static enum md_status as_written(const char *dir, char **f, struct md_err *err)
{
	char *path = g_build_filename(dir, f[2], NULL);
	struct outlook_reg *w = NULL, *now = NULL;
	enum md_status st = read_backup(path, &w, err);
	g_free(path);
	if (st == MD_OK)
		st = outlook_live_read_key(f[0], &now, err);
	for (size_t i = 3; st == MD_OK && f[i]; i++) {
		const struct outlook_reg_value *v = find(w, f[i]);
		if (!holds(now, f[i], v ? v->type : 0, v ? v->data : NULL,
			   v ? v->len : 0))
			st = md_err_set(
			    err, MD_ERR_BUSY, f[0], 0,
			    _("The Outlook account's value %s was changed "
			      "after maildoctor wrote it (in Outlook, "
			      "perhaps); nothing was put back. To put back "
			      "the values from before the fix anyway, add "
			      "--force."),
			    f[i]);
	}
	outlook_reg_free(now);
	outlook_reg_free(w);
	return st;
}

static enum md_status restore(const char *dir, char **f, bool force,
			      char **backup_path, struct md_err *err)
{
	*backup_path = g_build_filename(dir, f[1], NULL);
	struct outlook_reg *b = NULL;
	enum md_status st = force ? MD_OK : as_written(dir, f, err);
	if (st == MD_OK)
		st = read_backup(*backup_path, &b, err);
	for (size_t i = 3; st == MD_OK && f[i]; i++) {
		const struct outlook_reg_value *v = find(b, f[i]);
		st = v ? outlook_live_set(f[0], v, err)
		       : outlook_live_delete(f[0], f[i], err);
	}
	struct outlook_reg *now = NULL;
	if (st == MD_OK)
		st = outlook_live_read_key(f[0], &now, err);
	for (size_t i = 3; st == MD_OK && f[i]; i++) {
		const struct outlook_reg_value *v = find(b, f[i]);
		if (!holds(now, f[i], v ? v->type : 0, v ? v->data : NULL,
			   v ? v->len : 0))
			st =
			    md_err_set(err, MD_ERR_IO, f[0], 0,
				       _("The registry does not hold the value "
					 "%s as written."),
				       f[i]);
	}
	outlook_reg_free(now);
	outlook_reg_free(b);
	return st;
}

bool fix_olive_pending(const char *dir)
{
	char *j = journal_path(dir);
	gchar *text = NULL;
	char **f = g_file_get_contents(j, &text, NULL, NULL)
		       ? fix_olive_journal_last(text)
		       : NULL;
	bool yes = f != NULL;
	g_strfreev(f);
	g_free(text);
	g_free(j);
	return yes;
}

enum md_status fix_olive_undo(const char *dir, bool force,
			      struct fix_olive_result *res, struct md_err *err)
{
	memset(res, 0, sizeof *res);
	char *j = journal_path(dir);
	gchar *text = NULL;
	char **f = g_file_get_contents(j, &text, NULL, NULL)
		       ? fix_olive_journal_last(text)
		       : NULL;
	g_free(text);
	g_free(j);
	if (!f)
		return md_err_set(err, MD_ERR_NOTFOUND, dir, 0, "%s",
				  _("there is nothing to undo: no mail "
				    "settings here were changed with this "
				    "program"));
	enum md_status st = MD_OK;
	if (fix_olive_outlook_runs(err))
		st = MD_ERR_BUSY;
	char *b = NULL;
	if (st == MD_OK)
		st = restore(dir, f, force, &b, err);
	if (st == MD_OK)
		st = journal_write(dir, NULL, err);
	if (st == MD_OK) {
		res->backup = strdup(b);
		res->now = shown(f[0], f + 3, g_strv_length(f) - 3);
	}
	g_free(b);
	g_strfreev(f);
	return st;
}
