/* cmd_fix.c — `maildoctor fix`: --list the fixes a check offers, --apply
 * one (after the same check, so only fixes proven from here are applied),
 * --undo the last one, byte for byte. */
#include "core/base/i18n.h"
#include "app/app.h"
#include "app/check_json.h"
#include "app/check_run.h"
#include "app/cmdline.h"
#include "app/describe.h"
#include "app/describe_fix.h"
#include "app/fixes.h"

#include <stdlib.h>
#include <string.h>

/* A JSON array of n strings. */
static struct json_object *strings(char *const *s, size_t n)
{
	struct json_object *a = json_object_new_array();
	for (size_t i = 0; i < n; i++)
		json_object_array_add(a, json_object_new_string(s[i]));
	return a;
}

/* A string, or null. */
static struct json_object *str_or_null(const char *s)
{
	return s ? json_object_new_string(s) : NULL;
}

/* Outlook is not written: the restoring .reg of the last hand-over for
 * each --outlook export is named, to double-click. */
static int undo_outlook(struct app *app)
{
	int rc = 0;
	for (int i = 0; i < app->n_outlook; i++) {
		char *undo_reg = NULL;
		struct md_err err;
		md_err_clear(&err);
		if (fix_hand_over_undo(app->outlook[i], &undo_reg, &err) !=
		    MD_OK) {
			app_error(app, "%s", err.text);
			rc = rc ? rc : 1;
			continue;
		}
		fprintf(app->out,
			_("Outlook's settings cannot be changed from here. To "
			  "undo the change, double-click this file with "
			  "Outlook closed; it puts back the values as they "
			  "were:\n  %s\n"),
			undo_reg);
		free(undo_reg);
	}
	return rc;
}

/* An undo that failed, said; its exit status. */
static int undo_failed(struct app *app, enum md_status st,
		       const struct md_err *err)
{
	app_error(app, "%s",
		  err->text[0] ? err->text : _(md_status_message(st)));
	return md_status_exit(st);
}

/* The JSON of an undo: what was restored ("restored"), from which
 * backups ("from"). */
static struct json_object *restored_json(const char *what,
					 const struct fix_result *res)
{
	struct json_object *j = json_object_new_object();
	json_object_object_add(j, "restored", json_object_new_string(what));
	json_object_object_add(j, "from",
			       strings(res->backups, res->n_backups));
	return j;
}

/* Restore the one changed profile, and say how. */
static int undo_profile(struct app *app, const struct fix_changed *target)
{
	struct fix_result res;
	struct md_err err;
	md_err_clear(&err);
	int rc = 0;
	enum md_status st =
	    fix_undo(target->path, app->force, app->tb_closed, &res, &err);
	if (st != MD_OK) {
		rc = undo_failed(app, st, &err);
	} else if (app->json) {
		check_json_print(app->out, restored_json(target->path, &res));
	} else {
		fprintf(app->out,
			_("Restored the settings of profile "
			  "\"%s\" as they were before the "
			  "fix:\n"),
			target->name);
		for (size_t i = 0; i < res.n_backups; i++)
			fprintf(app->out, "  %s\n", res.backups[i]);
	}
	fix_result_done(&res);
	return rc;
}

static int undo_tb(struct app *app)
{
	struct fix_changed_list list = {0};
	struct md_err err;
	md_err_clear(&err);
	if (app_fix_changed(app, &list, &err) != MD_OK) {
		app_error(app, "%s", err.text);
		fix_changed_list_done(&list);
		return 2;
	}
	int rc = 0;
	if (list.n == 0) {
		app_error(app, "%s",
			  _("there is nothing to undo: no mail "
			    "settings here were changed with this "
			    "program"));
		rc = 1;
	} else if (list.n > 1) {
		app_error(app, "%s",
			  _("several profiles were changed; say "
			    "which one to undo with --profile DIR:"));
		static const char *const words[] = {"fix", "--undo", NULL};
		for (size_t i = 0; i < list.n; i++) {
			char *cmd =
			    cmdline_build(app, 0, list.items[i].path, words);
			fprintf(app->err, "  %s\n",
				cmd ? cmd : list.items[i].path);
			free(cmd);
		}
		rc = 2;
	} else {
		rc = undo_profile(app, &list.items[0]);
	}
	fix_changed_list_done(&list);
	return rc;
}

/* Outlook's account key put back from its backup (Windows). */
static int undo_registry(struct app *app)
{
	struct fix_result res;
	struct md_err err;
	md_err_clear(&err);
	enum md_status st = fix_undo_outlook(app->force, &res, &err);
	int rc = 0;
	if (st != MD_OK) {
		rc = undo_failed(app, st, &err);
	} else if (app->json) {
		struct json_object *j = restored_json("outlook", &res);
		json_object_object_add(j, "now", str_or_null(res.now));
		check_json_print(app->out, j);
	} else {
		fprintf(app->out, "%s\n",
			_("Outlook's account settings in the registry are "
			  "back as they were before the fix, from:"));
		for (size_t i = 0; i < res.n_backups; i++)
			fprintf(app->out, "  %s\n", res.backups[i]);
		fprintf(app->out, "%s\n%s", _("The registry now holds:"),
			res.now ? res.now : "");
	}
	fix_result_done(&res);
	return rc;
}

/* --undo: the Outlook exports named (their restoring .reg), and the
 * Thunderbird profiles unless only Outlook exports are named; with nothing
 * named, a fix written into Outlook's registry first. */
static int undo(struct app *app)
{
	if (app->n_outlook == 0 && app->n_profiles == 0 &&
	    fix_outlook_changed())
		return undo_registry(app);
	int orc = app->n_outlook > 0 ? undo_outlook(app) : 0;
	if (app->n_outlook > 0 && app->n_profiles == 0)
		return orc;
	int rc = undo_tb(app);
	return rc ? rc : orc;
}

/* Every fix the check offers, with the finding it answers. */
static int list(struct app *app, const struct check *c)
{
	const struct finding_list *fl = check_findings(c);
	size_t n = 0;
	if (app->json) {
		struct check_previews pv;
		check_previews_make(c, &pv);
		struct json_object *j = json_object_new_object();
		struct json_object *a = json_object_new_array();
		for (size_t i = 0; i < fl->n; i++)
			for (size_t x = 0; x < fl->items[i].n_fixes; x++) {
				const struct fix *f = fl->items[i].fixes[x];
				struct json_object *o =
				    check_fix_to_json(f, &pv);
				char *cmd = cmdline_apply(app, f->id);
				json_object_object_add(
				    o, "finding",
				    json_object_new_string(fl->items[i].id));
				json_object_object_add(o, "apply",
						       str_or_null(cmd));
				free(cmd);
				json_object_array_add(a, o);
				n++;
			}
		check_previews_done(&pv);
		json_object_object_add(j, "fixes", a);
		json_object_object_add(j, "insecure",
				       json_object_new_boolean(app->insecure));
		check_json_print(app->out, j);
		return n ? 1 : 0;
	}
	for (size_t i = 0; i < fl->n; i++)
		for (size_t x = 0; x < fl->items[i].n_fixes; x++) {
			char line[1024];
			const struct fix *f = fl->items[i].fixes[x];
			char *cmd = cmdline_apply(app, f->id);
			fprintf(app->out,
				"%s\n    %s\n    (%s)\n    %s\n      %s\n",
				f->id, ui_fix_line(f, line, sizeof line),
				fl->items[i].summary, _("To apply it, type:"),
				cmd ? cmd : "");
			free(cmd);
			n++;
		}
	if (n == 0)
		fprintf(app->out, "%s\n", _("There is nothing to fix."));
	if (app->insecure)
		fprintf(app->out, "%s\n",
			_("--insecure: certificates were NOT checked; none of "
			  "these fixes is verified."));
	return n ? 1 : 0;
}

static const struct fix *find_fix(const struct check *c, const char *id)
{
	const struct finding_list *fl = check_findings(c);
	for (size_t i = 0; i < fl->n; i++)
		for (size_t x = 0; x < fl->items[i].n_fixes; x++)
			if (strcmp(fl->items[i].fixes[x]->id, id) == 0)
				return fl->items[i].fixes[x];
	return NULL;
}

/* Outlook is not written: a .reg beside the export, and the steps. */
static int hand_over(struct app *app, const struct acct_set *set,
		     const struct fix *f)
{
	struct fix_hand_over files;
	struct md_err err;
	enum md_status st = fix_hand_over(f, set, &files, &err);
	char *steps = fix_hand_over_steps(f);
	if (app->json) {
		struct json_object *j = json_object_new_object();
		json_object_object_add(j, "applied",
				       json_object_new_string(f->id));
		json_object_object_add(j, "client",
				       json_object_new_string("outlook"));
		json_object_object_add(
		    j, "import_file",
		    str_or_null(st == MD_OK ? files.reg : NULL));
		json_object_object_add(
		    j, "undo_file",
		    str_or_null(st == MD_OK ? files.undo_reg : NULL));
		json_object_object_add(j, "steps", str_or_null(steps));
		check_json_print(app->out, j);
		free(steps);
		fix_hand_over_done(&files);
		return st == MD_OK ? 0 : md_status_exit(st);
	}
	if (st == MD_OK)
		fprintf(app->out,
			_("Outlook's settings cannot be changed from "
			  "here. Import %s (double-click it, with "
			  "Outlook closed), or type the values:\n"),
			files.reg);
	else
		fprintf(app->out, "%s\n",
			_("Outlook's settings cannot be "
			  "changed from here. Type the "
			  "values in Outlook:"));
	fprintf(app->out, "%s", steps);
	if (st == MD_OK)
		fprintf(app->out,
			_("To undo it after the import, double-click %s (with "
			  "Outlook closed): it puts back the values as they "
			  "were.\n"),
			files.undo_reg);
	free(steps);
	fix_hand_over_done(&files);
	return st == MD_OK ? 0 : md_status_exit(st);
}

/* What was written, as JSON. */
static void print_applied_json(struct app *app, const struct fix *f,
			       const struct fix_plan *plan,
			       const struct fix_result *res, const char *undo)
{
	struct json_object *j = json_object_new_object();
	json_object_object_add(j, "applied", json_object_new_string(f->id));
	json_object_object_add(
	    j, "client",
	    json_object_new_string(plan->registry ? "outlook" : "thunderbird"));
	json_object_object_add(j, "profile",
			       json_object_new_string(plan->folder));
	if (plan->registry)
		json_object_object_add(j, "now", str_or_null(res->now));
	json_object_object_add(j, "changes", check_changes_json(plan));
	json_object_object_add(j, "backups",
			       strings(res->backups, res->n_backups));
	json_object_object_add(j, "undo", str_or_null(undo));
	check_json_print(app->out, j);
}

/* What was written, the copies kept, and how to undo it. */
static void print_applied(struct app *app, const struct fix *f,
			  const struct fix_plan *plan,
			  const struct fix_result *res, const char *undo)
{
	char line[1024];
	fprintf(app->out, _("Changed: %s\n"),
		ui_fix_line(f, line, sizeof line));
	for (size_t i = 0; i < plan->n_changes; i++)
		fprintf(app->out, "  %s\n",
			describe_change(&plan->changes[i], CHANGE_COMMAND, line,
					sizeof line));
	fprintf(app->out, "%s\n",
		_("Done. The previous settings are kept in:"));
	for (size_t i = 0; i < res->n_backups; i++)
		fprintf(app->out, "  %s\n", res->backups[i]);
	if (plan->registry)
		fprintf(app->out, "%s\n%s%s\n",
			_("Read back from the registry:"),
			res->now ? res->now : "",
			_("Start Outlook: it reads the new settings and keeps "
			  "the password it has."));
	else
		fprintf(app->out, "%s\n",
			_("Thunderbird may ask for the password at the next "
			  "send."));
	fprintf(app->out, "%s\n  %s\n", _("To undo it, type:"),
		undo ? undo : "");
}

/* Preview fix f, then write it with a backup. */
static int write_fix(struct app *app, const struct fix *f)
{
	struct fix_plan *plan;
	struct md_err err;
	if (fix_preview(f, &plan, &err) != MD_OK) {
		app_error(app, "%s", err.text);
		return md_status_exit(err.code);
	}
	if (f->insecure)
		fprintf(
		    app->json ? app->err : app->out, "%s\n",
		    _("Warning: this fix was seen only with --insecure; the "
		      "servers' certificates were NOT checked."));
	/* Nothing that looks like a change is printed before the change is
	 * made: a refusal (Thunderbird running) comes alone. */
	struct fix_result res;
	plan->said_closed = app->tb_closed;
	enum md_status st = fix_apply(plan, &res, &err);
	if (st != MD_OK) {
		fix_plan_free(plan);
		app_error(app, "%s", err.text);
		fix_result_done(&res);
		return md_status_exit(st);
	}
	/* Named profiles: the undo names the one changed, as `fix --undo`
	 * without --profile looks only in the home folder. */
	static const char *const undo_words[] = {"fix", "--undo", NULL};
	char *undo = cmdline_build(
	    app, 0, app->n_profiles && !plan->registry ? plan->folder : NULL,
	    undo_words);
	if (app->json)
		print_applied_json(app, f, plan, &res, undo);
	else
		print_applied(app, f, plan, &res, undo);
	fix_plan_free(plan);
	free(undo);
	fix_result_done(&res);
	return 0;
}

/* Apply the fix --apply names: written, or handed over. */
static int apply(struct app *app, const struct acct_set *set,
		 const struct check *c)
{
	const struct fix *f = find_fix(c, app->apply_id);
	if (!f) {
		static const char *const words[] = {"fix", "--list", NULL};
		char *cmd = cmdline_build(app, CMDLINE_SOURCES | CMDLINE_CHECK,
					  NULL, words);
		app_error(app,
			  _("no fix \"%s\" was offered; to see the fixes "
			    "offered, type:"),
			  app->apply_id);
		fprintf(app->err, "  %s\n",
			cmd ? cmd : "maildoctor fix --list");
		free(cmd);
		return 2;
	}
	switch (fix_way(f)) {
	case FIX_WAY_HAND_OVER:
		return hand_over(app, set, f);
	case FIX_WAY_WRITE:
		return write_fix(app, f);
	default:
		app_error(app, "%s",
			  _("this fix is for Outlook or a typed "
			    "address: change the setting in the "
			    "mail program as the check says"));
		return 2;
	}
}

static int run(struct app *app, int argc, char **argv)
{
	if (argc > 1) {
		app_error(app, _("fix takes no arguments, not \"%s\""),
			  argv[1]);
		return 2;
	}
	int modes = app->undo + app->list + (app->apply_id != NULL);
	if (modes != 1) {
		app_error(app, "%s",
			  _("say what to do: maildoctor fix --list, "
			    "--apply ID or --undo"));
		return 2;
	}
	if (app->undo)
		return undo(app);
	struct check_run cr;
	int rc = check_run(app, NULL, 0, &cr);
	if (rc == 0)
		rc = app->list ? list(app, cr.check)
			       : apply(app, cr.accounts, cr.check);
	check_run_done(&cr);
	return rc;
}

const struct md_cmd cmd_fix = {
    .name = "fix",
    .usage =
	"fix --list | --apply ID | --undo [--force] [--thunderbird-closed] "
	"[OPTIONS]",
    .summary = N_("list, apply or undo the fixes the check offers"),
    .run = run,
};
