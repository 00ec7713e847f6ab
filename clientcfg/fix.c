/* fix.c — the one place a fix is dispatched by client: Thunderbird is
 * written (tb/fix_tb*.c), Outlook read from the registry written there
 * (outlook/fix_outlook_live*.c), Outlook read from an export handed over
 * (outlook/fix_outlook.c); and where their plans, results and profiles
 * become the facade's neutral ones. */
#include "clientcfg/fix.h"

#include "clientcfg/outlook/fix_outlook.h"
#include "clientcfg/outlook/fix_outlook_live.h"
#include "clientcfg/outlook/outlook_live.h"
#include "clientcfg/tb/fix_tb.h"
#include "clientcfg/tb/tb_profiles.h"
#include "core/base/os.h"

#include <glib.h>
#include <stdlib.h>
#include <string.h>

enum fix_way fix_way(const struct fix *f)
{
	switch (f->client) {
	case ACCT_CLIENT_THUNDERBIRD:
		return FIX_WAY_WRITE;
	case ACCT_CLIENT_OUTLOOK:
		return outlook_live_source(f->source) ? FIX_WAY_WRITE
						      : FIX_WAY_HAND_OVER;
	default:
		return FIX_WAY_NONE;
	}
}

/* A plan and its lines in one block (plan first: the block's address). */
struct plan_block {
	struct fix_plan plan;
	struct fix_change lines[];
};

/* The neutral plan of Thunderbird's tb (which it then holds), or NULL. */
static struct fix_plan *plan_of_tb(struct tb_fix_plan *tb)
{
	struct plan_block *b =
	    calloc(1, sizeof *b + tb->n_changes * sizeof b->lines[0]);
	if (!b)
		return NULL;
	for (size_t i = 0; i < tb->n_changes; i++) {
		const struct tb_fix_change *c = &tb->changes[i];
		b->lines[i] =
		    (struct fix_change){c->file, c->name, c->before, c->after};
	}
	b->plan = (struct fix_plan){.folder = tb->profile_dir,
				    .changes = b->lines,
				    .n_changes = tb->n_changes,
				    .new_server = tb->new_server,
				    .reuses_orphan = tb->reuses_orphan,
				    .overridden = tb->touches_user_js,
				    .client = tb};
	return &b->plan;
}

const char *fix_report_dir(void)
{
	static char home[4096];
	const char *d = os_getenv("MAILDOCTOR_REPORT_DIR");
	if (d && *d)
		return d;
	/* $HOME; on Windows the profile folder, C:\Users\<name> */
	return os_known_folder(OS_FOLDER_HOME, home, sizeof home) ? home : ".";
}

/* The neutral plan of Outlook's registry plan ol (which it then holds). */
static struct fix_plan *plan_of_olive(struct fix_olive_plan *ol)
{
	struct plan_block *b =
	    calloc(1, sizeof *b + ol->n_changes * sizeof b->lines[0]);
	if (!b)
		return NULL;
	for (size_t i = 0; i < ol->n_changes; i++) {
		const struct fix_olive_change *c = &ol->changes[i];
		b->lines[i] = (struct fix_change){
		    ol->key, c->after.name, c->before_text, c->after_text};
	}
	b->plan = (struct fix_plan){.folder = ol->dir,
				    .changes = b->lines,
				    .n_changes = ol->n_changes,
				    .registry = true,
				    .client = ol};
	return &b->plan;
}

static enum md_status preview_olive(const struct fix *f, struct fix_plan **out,
				    struct md_err *err)
{
	struct fix_olive_plan *ol;
	enum md_status st = fix_olive_plan(f, fix_report_dir(), &ol, err);
	if (st != MD_OK)
		return st;
	*out = plan_of_olive(ol);
	if (!*out) {
		fix_olive_plan_free(ol);
		return md_err_set(err, MD_ERR_NOMEM, NULL, 0, "%s",
				  md_status_message(MD_ERR_NOMEM));
	}
	return MD_OK;
}

enum md_status fix_preview(const struct fix *f, struct fix_plan **out,
			   struct md_err *err)
{
	*out = NULL;
	if (fix_way(f) != FIX_WAY_WRITE)
		return md_err_set(err, MD_ERR_USAGE, NULL, 0, "%s",
				  md_status_message(MD_ERR_USAGE));
	if (f->client == ACCT_CLIENT_OUTLOOK)
		return preview_olive(f, out, err);
	struct tb_fix_plan *tb;
	enum md_status st = fix_tb_plan(f, &tb, err);
	if (st != MD_OK)
		return st;
	*out = plan_of_tb(tb);
	if (!*out) {
		fix_tb_plan_free(tb);
		return md_err_set(err, MD_ERR_NOMEM, NULL, 0, "%s",
				  md_status_message(MD_ERR_NOMEM));
	}
	return MD_OK;
}

void fix_plan_free(struct fix_plan *plan)
{
	if (!plan)
		return;
	if (plan->registry)
		fix_olive_plan_free(plan->client);
	else
		fix_tb_plan_free(plan->client);
	free(plan); /* the block */
}

/* Thunderbird's result becomes res (its copies move over). */
static void result_of_tb(struct tb_fix_result *tb, struct fix_result *res)
{
	memset(res, 0, sizeof *res);
	for (size_t i = 0; i < tb->n_backups && i < 2; i++) {
		res->backups[i] = tb->backups[i];
		tb->backups[i] = NULL;
	}
	res->n_backups = tb->n_backups;
	fix_tb_result_done(tb);
}

/* Outlook's result becomes res (its strings move over). */
static void result_of_olive(struct fix_olive_result *ol, struct fix_result *res)
{
	memset(res, 0, sizeof *res);
	if (ol->backup) {
		res->backups[0] = ol->backup;
		res->n_backups = 1;
	}
	res->now = ol->now ? strdup(ol->now) : NULL;
	ol->backup = NULL;
	fix_olive_result_done(ol);
}

bool fix_outlook_changed(void)
{
	return fix_olive_pending(fix_report_dir());
}

enum md_status fix_undo_outlook(bool force, struct fix_result *res,
				struct md_err *err)
{
	struct fix_olive_result ol;
	enum md_status st = fix_olive_undo(fix_report_dir(), force, &ol, err);
	result_of_olive(&ol, res);
	return st;
}

enum md_status fix_apply(const struct fix_plan *plan, struct fix_result *res,
			 struct md_err *err)
{
	if (plan->registry) {
		struct fix_olive_result ol;
		enum md_status st = fix_olive_apply(plan->client, &ol, err);
		result_of_olive(&ol, res);
		return st;
	}
	struct tb_fix_result tb;
	enum md_status st = fix_tb_apply(plan->client, &tb, err);
	result_of_tb(&tb, res);
	return st;
}

enum md_status fix_undo(const char *folder, bool force, struct fix_result *res,
			struct md_err *err)
{
	struct tb_fix_result tb;
	enum md_status st = fix_tb_undo(folder, force, &tb, err);
	result_of_tb(&tb, res);
	return st;
}

void fix_result_done(struct fix_result *res)
{
	for (size_t i = 0; i < res->n_backups && i < 2; i++)
		free(res->backups[i]);
	free(res->now);
	memset(res, 0, sizeof *res);
}

/* The registry key of the Outlook account a fix is about, or NULL. */
static const char *outlook_locator(const struct acct_set *set,
				   const struct fix *f)
{
	for (size_t i = 0; set && i < set->n_accounts; i++) {
		const struct acct_account *a = &set->accounts[i];
		if (a->client == ACCT_CLIENT_OUTLOOK && a->source &&
		    f->source && strcmp(a->source, f->source) == 0 && a->key &&
		    f->identity_key && strcmp(a->key, f->identity_key) == 0)
			return a->locator;
	}
	return NULL;
}

enum md_status fix_hand_over(const struct fix *f, const struct acct_set *set,
			     struct fix_hand_over *out, struct md_err *err)
{
	memset(out, 0, sizeof *out);
	md_err_clear(err);
	char *dir = g_path_get_dirname(f->source ? f->source : ".");
	struct fix_outlook_files files = {0};
	enum md_status st =
	    fix_outlook_hand_over(f, outlook_locator(set, f), dir, &files, err);
	g_free(dir);
	out->reg = files.reg; /* the caller's now */
	out->undo_reg = files.undo_reg;
	return st;
}

void fix_hand_over_done(struct fix_hand_over *out)
{
	struct fix_outlook_files files = {out->reg, out->undo_reg};
	fix_outlook_files_done(&files);
	memset(out, 0, sizeof *out);
}

char *fix_hand_over_steps(const struct fix *f)
{
	return fix_outlook_steps(f);
}

enum md_status fix_hand_over_undo(const char *export_path, char **undo_reg,
				  struct md_err *err)
{
	return fix_outlook_find_undo(export_path, undo_reg, err);
}

/* A profile maildoctor has changed has a non-empty journal. */
static bool has_journal(const char *dir)
{
	char *path = g_build_filename(dir, FIX_JOURNAL, NULL);
	struct os_stat st;
	bool yes = os_stat(path, &st) && st.size > 0;
	g_free(path);
	return yes;
}

/* Every profile of opts: --profile, or every one found. */
static enum md_status all_profiles(const struct clients_opts *opts,
				   struct tb_profile_list *list,
				   struct md_err *err)
{
	struct tb_search search = {opts->home, opts->wsl_users};
	if (opts->n_profiles == 0)
		return tb_profiles_discover(&search, list, err);
	for (size_t i = 0; i < opts->n_profiles; i++) {
		enum md_status st =
		    tb_profiles_from_arg(opts->profiles[i], list, err);
		if (st != MD_OK)
			return st;
	}
	return MD_OK;
}

void fix_changed_list_done(struct fix_changed_list *list)
{
	for (size_t i = 0; i < list->n; i++) {
		free(list->items[i].name);
		free(list->items[i].path);
	}
	free(list->items);
	memset(list, 0, sizeof *list);
}

/* Add a copy of profile p to out; false when out of memory. */
static bool add_changed(struct fix_changed_list *out,
			const struct tb_profile *p)
{
	char *name = strdup(p->name ? p->name : p->path);
	char *path = strdup(p->path);
	if (!name || !path) {
		free(name);
		free(path);
		return false;
	}
	out->items[out->n++] = (struct fix_changed){name, path};
	return true;
}

enum md_status fix_changed_profiles(const struct clients_opts *opts,
				    struct fix_changed_list *out,
				    struct md_err *err)
{
	memset(out, 0, sizeof *out);
	struct tb_profile_list all = {0};
	enum md_status st = all_profiles(opts, &all, err);
	if (st == MD_OK && all.n > 0 &&
	    !(out->items = calloc(all.n, sizeof *out->items)))
		st = md_err_set(err, MD_ERR_NOMEM, NULL, 0, "%s",
				md_status_message(MD_ERR_NOMEM));
	/* the changed ones, in their order */
	for (size_t i = 0; st == MD_OK && i < all.n; i++)
		if (has_journal(all.items[i].path) &&
		    !add_changed(out, &all.items[i]))
			st = md_err_set(err, MD_ERR_NOMEM, NULL, 0, "%s",
					md_status_message(MD_ERR_NOMEM));
	tb_profile_list_done(&all);
	return st;
}
