/* cmd_fix.c — `maildoctor fix --undo`: put back, byte for byte, the files
 * of the last fix maildoctor applied to a Thunderbird profile. */
#include "clientcfg/fix_tb.h"
#include "clientcfg/tb_profiles.h"
#include "core/i18n.h"
#include "tui/app.h"

#include <glib.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static const enum app_opt fix_opts[] = {OPT_PROFILE, OPT_UNDO, OPT_FORCE, 0};

/* The profiles to look at: --profile, or every one found. */
static enum md_status find_profiles(const struct app *app,
				    struct tb_profile_list *list,
				    struct md_err *err)
{
	if (app->n_profiles == 0) {
		struct tb_search s = {
			.home = getenv("HOME"),
			.wsl_users = getenv("MAILDOCTOR_WSL_USERS")
					     ? getenv("MAILDOCTOR_WSL_USERS")
					     : "/mnt/c/Users"};
		return tb_profiles_discover(&s, list, err);
	}
	for (int i = 0; i < app->n_profiles; i++) {
		enum md_status st = tb_profiles_from_arg(app->profiles[i], list, err);
		if (st != MD_OK)
			return st;
	}
	return MD_OK;
}

/* A profile maildoctor has changed has a non-empty journal. */
static bool has_journal(const char *dir)
{
	char *path = g_build_filename(dir, FIX_JOURNAL, NULL);
	struct stat st;
	bool yes = stat(path, &st) == 0 && st.st_size > 0;
	g_free(path);
	return yes;
}

static int undo(struct app *app)
{
	struct tb_profile_list list = {0};
	struct md_err err;
	md_err_clear(&err);
	if (find_profiles(app, &list, &err) != MD_OK) {
		app_error(app, "%s", err.text);
		tb_profile_list_done(&list);
		return 2;
	}
	const struct tb_profile *target = NULL;
	size_t n = 0;
	for (size_t i = 0; i < list.n; i++)
		if (has_journal(list.items[i].path)) {
			target = &list.items[i];
			n++;
		}
	int rc = 0;
	if (n == 0) {
		app_error(app, "%s", _("maildoctor has not changed any mail "
				       "settings here: there is nothing to undo"));
		rc = 1;
	} else if (n > 1) {
		app_error(app, "%s", _("maildoctor has changed several profiles; "
				       "say which one with --profile DIR:"));
		for (size_t i = 0; i < list.n; i++)
			if (has_journal(list.items[i].path))
				fprintf(app->err, "  %s\n", list.items[i].path);
		rc = 2;
	} else {
		struct fix_result res;
		enum md_status st = fix_tb_undo(target->path, app->force, &res, &err);
		if (st != MD_OK) {
			app_error(app, "%s", err.text[0] ? err.text
							 : _(md_status_message(st)));
			rc = md_status_exit(st);
		} else {
			fprintf(app->out, _("Restored the settings of profile "
					    "\"%s\" as they were before the "
					    "fix:\n"),
				target->name);
			for (size_t i = 0; i < res.n_backups; i++)
				fprintf(app->out, "  %s\n", res.backups[i]);
		}
		fix_result_done(&res);
	}
	tb_profile_list_done(&list);
	return rc;
}

static int run(struct app *app, int argc, char **argv)
{
	if (argc > 1) {
		app_error(app, _("fix takes no arguments, not \"%s\""), argv[1]);
		return 2;
	}
	if (!app->undo) {
		app_error(app, "%s", _("say what to do: maildoctor fix --undo"));
		return 2;
	}
	return undo(app);
}

const struct md_cmd cmd_fix = {
	.name = "fix",
	.usage = "fix --undo [--profile DIR] [--force]",
	.summary = N_("undo the last change maildoctor made to a mail program"),
	.accepts = fix_opts,
	.run = run,
};
