/* fix.c — the one place a fix is dispatched by client: Thunderbird is
 * written (tb/fix_tb*.c), Outlook handed over (outlook/fix_outlook.c). */
#include "clientcfg/fix.h"

#include "clientcfg/outlook/fix_outlook.h"
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
		return FIX_WAY_HAND_OVER;
	default:
		return FIX_WAY_NONE;
	}
}

enum md_status fix_preview(const struct fix *f, struct fix_plan **out,
			   struct md_err *err)
{
	*out = NULL;
	if (fix_way(f) != FIX_WAY_WRITE)
		return md_err_set(err, MD_ERR_USAGE, NULL, 0, "%s",
				  md_status_message(MD_ERR_USAGE));
	return fix_tb_plan(f, out, err);
}

enum md_status fix_apply(const struct fix_plan *plan, struct fix_result *res,
			 struct md_err *err)
{
	return fix_tb_apply(plan, res, err);
}

enum md_status fix_undo(const char *profile_dir, bool force,
			struct fix_result *res, struct md_err *err)
{
	return fix_tb_undo(profile_dir, force, res, err);
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
	if (opts->n_profiles == 0)
		return tb_profiles_discover(&opts->search, list, err);
	for (size_t i = 0; i < opts->n_profiles; i++) {
		enum md_status st =
		    tb_profiles_from_arg(opts->profiles[i], list, err);
		if (st != MD_OK)
			return st;
	}
	return MD_OK;
}

enum md_status fix_changed_profiles(const struct clients_opts *opts,
				    struct tb_profile_list *out,
				    struct md_err *err)
{
	memset(out, 0, sizeof *out);
	enum md_status st = all_profiles(opts, out, err);
	if (st != MD_OK)
		return st;
	size_t k = 0; /* the changed ones first, in their order */
	for (size_t i = 0; i < out->n; i++)
		if (has_journal(out->items[i].path)) {
			struct tb_profile keep = out->items[i];
			out->items[i] = out->items[k];
			out->items[k++] = keep;
		}
	struct tb_profile_list drop = {NULL, out->n - k};
	if (drop.n) {
		drop.items = malloc(drop.n * sizeof *drop.items);
		if (!drop.items)
			return md_err_set(err, MD_ERR_NOMEM, NULL, 0, "%s",
					  md_status_message(MD_ERR_NOMEM));
		memcpy(drop.items, out->items + k, drop.n * sizeof *drop.items);
		out->n = k;
		tb_profile_list_done(&drop);
	}
	return MD_OK;
}
