/* cmd_accounts.c — placeholder, replaced below. */
#include "tui/app.h"
static const enum app_opt accounts_opts[] = {OPT_PROFILE, OPT_OUTLOOK, OPT_JSON, 0};
static int run(struct app *app, int argc, char **argv) { (void)app; (void)argc; (void)argv; return 0; }
const struct md_cmd cmd_accounts = {"accounts", "accounts", "list", accounts_opts, run};
