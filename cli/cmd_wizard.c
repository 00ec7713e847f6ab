/* cmd_wizard.c — `maildoctor` with no command (or `maildoctor wizard`):
 * the step-by-step wizard, full screen on a terminal, plain lines
 * otherwise or with --plain. */
#include "core/base/i18n.h"
#include "core/net/loop.h"
#include "app/app.h"
#include "tui/wizard.h"

static int run(struct app *app, int argc, char **argv)
{
	if (argc > 1) {
		app_error(app, _("the wizard takes no arguments, not \"%s\""),
			  argv[1]);
		return 2;
	}
	struct loop *loop = loop_new();
	if (!loop)
		return 3;
	struct wizard w;
	struct md_err err;
	md_err_clear(&err);
	int rc;
	if (wizard_init(&w, app, loop, &err) != MD_OK) {
		app_error(app, "%s", err.text);
		rc = md_status_exit(err.code);
	} else {
		rc = wizard_run(&w);
	}
	wizard_done(&w);
	loop_free(loop);
	return rc;
}

const struct md_cmd cmd_wizard = {
    .name = "wizard",
    .usage = "[wizard] [OPTIONS]",
    .summary = N_("find out step by step why email does not go out, and "
		  "fix it (the default)"),
    .run = run,
};
