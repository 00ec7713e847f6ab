/* app_read.c — what the commands share to tell people about their input:
 * app_error(), and reading the mail programs' settings the options name
 * (check, fix, accounts, the wizard: the reading options are built here
 * only), one sentence per reason nothing could be read. */
#include "app/app.h"

#include "app/fixes.h"
#include "clientcfg/clients.h"
#include "core/base/i18n.h"
#include "core/base/os.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

void app_error(const struct app *app, const char *fmt, ...)
{
	va_list ap;
	fputs("maildoctor: ", app->err);
	va_start(ap, fmt);
	vfprintf(app->err, fmt, ap);
	va_end(ap);
	fputc('\n', app->err);
}

void app_clients_opts(const struct app *app, struct clients_opts *o)
{
	memset(o, 0, sizeof *o);
	o->profiles = app->profiles;
	o->n_profiles = (size_t)app->n_profiles;
	o->outlook = app->outlook;
	o->n_outlook = (size_t)app->n_outlook;
	/* os_getenv: on Windows the UTF-16 environment, in UTF-8 */
	o->home = os_getenv("HOME");
	o->wsl_users = os_getenv("MAILDOCTOR_WSL_USERS")
			   ? os_getenv("MAILDOCTOR_WSL_USERS")
			   : "/mnt/c/Users";
}

enum md_status app_fix_changed(const struct app *app,
			       struct fix_changed_list *out, struct md_err *err)
{
	struct clients_opts o;
	app_clients_opts(app, &o);
	return fix_changed_profiles(&o, out, err);
}

enum md_status app_read_settings(const struct app *app, struct acct_set *set,
				 struct clients_report *rep, struct md_err *err)
{
	struct clients_opts o;
	app_clients_opts(app, &o);
	/* New Outlook's package folder is looked for in %LOCALAPPDATA%
	 * (Windows; Linux has none) */
	char local[4096];
	if (os_known_folder(OS_FOLDER_LOCAL, local, sizeof local))
		o.local_appdata = local;
	md_err_clear(err);
	enum md_status st = clients_read(&o, set, rep);
	if (st == MD_ERR_NOMEM)
		return md_err_set(err, st, NULL, 0, "%s", _("out of memory"));
	if (rep->n_problems > 0) {
		*err = rep->problems[0];
		if (!err->text[0])
			snprintf(err->text, sizeof err->text, "%s",
				 _(md_status_message(err->code)));
		return st != MD_OK ? st : err->code;
	}
	if (set->n_accounts == 0)
		return md_err_set(
		    err, MD_ERR_NOTFOUND, NULL, 0, "%s",
		    app->n_profiles || app->n_outlook
			? _("no mail account was found in the settings "
			    "named with --profile or --outlook")
			: _("no mail program settings were found on "
			    "this computer; name them with --profile "
			    "DIR or --outlook FILE"));
	return MD_OK;
}

void app_reread_profile(const char *profile_dir, struct acct_set *set)
{
	struct clients_opts o;
	memset(&o, 0, sizeof o);
	o.profiles = &profile_dir;
	o.n_profiles = profile_dir ? 1 : 0;
	struct clients_report rep;
	clients_read(&o, set, &rep);
	clients_report_done(&rep);
}

void app_print_read(const struct app *app, const struct clients_report *rep,
		    const struct md_err *err)
{
	if (rep->n_problems == 0) {
		if (err->code != MD_OK)
			app_error(app, "%s", err->text);
		return;
	}
	for (size_t i = 0; i < rep->n_problems; i++)
		app_error(app, "%s",
			  rep->problems[i].text[0]
			      ? rep->problems[i].text
			      : _(md_status_message(rep->problems[i].code)));
}
