/* main.c — the maildoctor program: choose the language, read the options,
 * dispatch to a subcommand, and turn its result into the exit status. */
#include "core/base/i18n.h"
#include "core/base/os.h"
#include "core/base/paths.h"
#include "app/app.h"
#include "app/options.h"
#include "tui/term.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

static const struct md_cmd *const commands[] = {
    &cmd_wizard, &cmd_accounts, &cmd_check, &cmd_fix, &cmd_explain, &cmd_probe,
};
#define N_COMMANDS (sizeof commands / sizeof commands[0])

static const char *option_name(int id)
{
	const struct app_option *o = options_find((enum app_opt)id);
	return o ? o->name : "?";
}

/* Why a folder was looked in, as the lists below name it. */
static const char *place_why(enum paths_kind kind, bool locale)
{
	switch (kind) {
	case PATHS_ENV:
		return locale ? _B("beside MAILDOCTOR_ASSETS")
			      : "MAILDOCTOR_ASSETS";
	case PATHS_EXE:
		return _B("the program's own folder");
	case PATHS_EXE_SHARE:
		return locale ? _B("../share/locale from the program's folder")
			      : _B("../share/maildoctor from the program's "
				   "folder");
	case PATHS_TREE:
		return _B("the source tree");
	case PATHS_NO_TREE:
		return _B("no source tree above this folder");
	case PATHS_PREFIX:
		return _B("where maildoctor is installed");
	}
	return "?";
}

/* The folders looked in. From the zip (Windows: how is not
 * OS_INSTALL_PACKAGE) only the program's own folder and MAILDOCTOR_ASSETS's
 * are named: the others (an installed prefix, a source tree) are Linux's
 * places, which would only puzzle a person who unpacked a zip. */
static void print_places(const struct app *app, const struct paths_place *p,
			 size_t n, bool locale, enum os_install how)
{
	bool zip = how != OS_INSTALL_PACKAGE;
	for (size_t i = 0; i < n; i++)
		if (!zip || p[i].kind == PATHS_EXE || p[i].kind == PATHS_ENV)
			fprintf(app->err, "  %s (%s)\n", p[i].dir,
				place_why(p[i].kind, locale));
}

/* Japanese was asked for but no folder holds the translations: say so
 * (the rest comes in English) and where they were looked for. */
static void say_no_catalogue(const struct app *app, enum os_install how)
{
	size_t n;
	const struct paths_place *p = paths_locale_tried(&n);
	app_error(app, "%s",
		  _B("the Japanese translation (maildoctor.mo) is in none of "
		     "these folders, so messages are in English:"));
	print_places(app, p, n, true, how);
}

/* No folder holds the data: say where it was looked for, and what to do.
 * On Windows the data comes in the zip beside maildoctor.exe: started from
 * inside the zip (Explorer copied the exe alone into a temporary folder)
 * the person is to extract the zip; otherwise to unpack it again. These
 * sentences are read when the translation may be missing too (it comes
 * in the same zip): each says the whole of it in English, and _B() gives
 * them in Japanese without the catalogue. */
static void say_no_data(const struct app *app, enum os_install installed)
{
	size_t n;
	const struct paths_place *p = paths_assets_tried(&n);
	enum os_install how =
	    p[0].kind == PATHS_ENV ? OS_INSTALL_PACKAGE : installed;
	if (how == OS_INSTALL_ZIP_COPY) {
		app_error(app, "%s",
			  _B("maildoctor.exe was started from inside the zip "
			     "file, so the files it needs are not beside it."));
		fprintf(app->err, "%s\n",
			_B("In Explorer, right-click the zip file and choose "
			   "\"Extract All\" (on a Japanese Windows: "
			   "「すべて展開」), then start maildoctor.exe in the "
			   "folder this makes."));
		return;
	}
	app_error(
	    app, "%s",
	    _B("the data maildoctor needs (providers.rng, rejections.xml, "
	       "rejections.rng, providers/) cannot be found in any of "
	       "these folders:"));
	print_places(app, p, n, false, installed);
	if (how == OS_INSTALL_ZIP)
		fprintf(app->err, "%s\n",
			_B("Unpack the whole zip file again (in Explorer: "
			   "right-click it, \"Extract All\"), keeping every "
			   "file that comes with maildoctor.exe beside it, and "
			   "start maildoctor.exe in that folder."));
	else
		fprintf(app->err, "%s\n",
			_B("Install maildoctor again, or set MAILDOCTOR_ASSETS "
			   "to the folder that holds this data."));
}

static void print_help(const struct app *app)
{
	FILE *o = app->out;
	fprintf(o, "%s\n\n",
		_("maildoctor finds out why your email does not go "
		  "out, explains it, and fixes the mail "
		  "program's settings with your consent."));
	fprintf(o, "%s\n", _("Usage: maildoctor [OPTIONS] [COMMAND] [ARGS]"));
	fprintf(o, "\n%s\n", _("Commands:"));
	for (size_t i = 0; i < N_COMMANDS; i++)
		fprintf(o, "  %-12s %s\n", commands[i]->name,
			_(commands[i]->summary));
	fprintf(o, "\n%s\n",
		_("Options (maildoctor COMMAND --help shows "
		  "those of one command):"));
	options_print_help(o, NULL);
	fprintf(o, "\n%s\n",
		_("Exit status: 0 all good, 1 problems found, 2 bad "
		  "usage or input, 3 internal error."));
}

static const struct md_cmd *find_command(const char *name)
{
	for (size_t i = 0; i < N_COMMANDS; i++)
		if (strcmp(commands[i]->name, name) == 0)
			return commands[i];
	return NULL;
}

/* --profile and --outlook: one more in their list. */
static bool take_list(struct app *app, int id, const char *arg)
{
	const char **list = id == OPT_PROFILE ? app->profiles : app->outlook;
	int *n = id == OPT_PROFILE ? &app->n_profiles : &app->n_outlook;
	if (*n >= APP_MAX_LIST) {
		app_error(app, _("too many --%s options (at most %d)"),
			  option_name(id), APP_MAX_LIST);
		return false;
	}
	list[(*n)++] = arg;
	return true;
}

static bool take_timeout(struct app *app, const char *arg)
{
	char *end;
	double v = strtod(arg, &end);
	if (*arg == '\0' || *end != '\0' || !(v > 0 && v <= 600)) {
		app_error(app,
			  _("--timeout wants a number of seconds "
			    "more than 0 and at most 600, not "
			    "\"%s\""),
			  arg);
		return false;
	}
	app->timeout_s = v;
	return true;
}

/* The options whose value is kept as given; false for the others. */
static bool take_string(struct app *app, int id, const char *arg)
{
	switch (id) {
	case OPT_RESOLVER:
		app->resolver = arg;
		return true;
	case OPT_CA_FILE:
		app->ca_file = arg;
		return true;
	case OPT_LANG:
		app->lang = arg;
		return true;
	case OPT_APPLY:
		app->apply_id = arg;
		return true;
	case OPT_PROTOCOL:
		app->protocol = arg;
		return true;
	case OPT_SECURITY:
	case OPT_TLS:
	case OPT_STARTTLS:
	case OPT_NO_TLS:
		app->security = id == OPT_TLS	     ? "tls"
				: id == OPT_STARTTLS ? "starttls"
				: id == OPT_NO_TLS   ? "plain"
						     : arg;
		return true;
	case OPT_USER:
		app->user = arg;
		return true;
	case OPT_FROM:
		app->mail_from = arg;
		return true;
	case OPT_RCPT:
		app->rcpt_to = arg;
		return true;
	default:
		return false;
	}
}

/* The options without a value: a switch turned on. */
static void take_flag(struct app *app, int id)
{
	switch (id) {
	case OPT_OFFLINE:
		app->offline = true;
		break;
	case OPT_JSON:
		app->json = true;
		break;
	case OPT_PLAIN:
		app->plain = true;
		break;
	case OPT_LIST:
		app->list = true;
		break;
	case OPT_UNDO:
		app->undo = true;
		break;
	case OPT_FORCE:
		app->force = true;
		break;
	case OPT_TB_CLOSED:
		app->tb_closed = true;
		break;
	case OPT_IPV4:
	case OPT_IPV6:
		app->family = id == OPT_IPV4 ? 4 : 6;
		break;
	case OPT_PASSWORD_STDIN:
		app->password_stdin = true;
		break;
	case OPT_AUTH_PLAINTEXT:
		app->auth_plaintext = true;
		break;
	case OPT_TRANSCRIPT:
		app->transcript = true;
		break;
	case OPT_INSECURE:
		app->insecure = true;
		break;
	default:
		break;
	}
}

/* Store one option; returns false (after a message) when its value is bad. */
static bool take_option(struct app *app, int id, const char *arg)
{
	app->given[id - OPT_HELP] = true;
	if (id == OPT_PROFILE || id == OPT_OUTLOOK)
		return take_list(app, id, arg);
	if (id == OPT_TIMEOUT)
		return take_timeout(app, arg);
	if (!take_string(app, id, arg))
		take_flag(app, id);
	return true;
}

/* The value of --lang, looked up before anything is printed so that even
 * option errors come in the chosen language. */
static const char *early_lang(int argc, char **argv)
{
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--") == 0)
			break;
		if (strcmp(argv[i], "--lang") == 0 && i + 1 < argc)
			return argv[i + 1];
		if (strncmp(argv[i], "--lang=", 7) == 0)
			return argv[i] + 7;
	}
	return NULL;
}

/* The options before the command. Returns -1, or the exit status. */
static int leading_options(struct app *app, int argc, char **argv,
			   const struct option *long_options, const char *first)
{
	opterr = 0;
	int c;
	while ((c = getopt_long(argc, argv, first, long_options, NULL)) != -1) {
		c = options_short_id(c);
		if (c == '?' || c == ':') {
			const char *bad = argv[optind - 1];
			app_error(app,
				  c == ':' ? _("option %s needs a value")
					   : _("unknown option %s"),
				  bad);
			fprintf(app->err, "%s\n",
				_("Try 'maildoctor --help'."));
			return 2;
		}
		if (!take_option(app, c, optarg))
			return 2;
	}
	return -1;
}

/* Options may also follow the command: a second getopt pass over
 * "command args…", from scratch (optind = 0 re-initialises glibc's
 * getopt), keeping the other arguments in order in sub_argv (heap, the
 * caller frees it). Returns -1, or the exit status. */
static int later_options(struct app *app, const struct md_cmd *cmd, int argc,
			 char **argv, const struct option *long_options,
			 const char *again, char ***sub_argv, int *sub_argc)
{
	int rest_argc = argc - optind + 1;
	char **rest = calloc((size_t)rest_argc + 1, sizeof *rest);
	char **sub = calloc((size_t)rest_argc + 1, sizeof *sub);
	*sub_argv = sub;
	*sub_argc = 0;
	if (!rest || !sub) {
		free(rest);
		return 3;
	}
	rest[0] = (char *)cmd->name;
	for (int i = 1; i < rest_argc; i++)
		rest[i] = argv[optind + i - 1];
	sub[(*sub_argc)++] = (char *)cmd->name;
	optind = 0;
	int c, rc = -1;
	while (rc < 0 && (c = getopt_long(rest_argc, rest, again, long_options,
					  NULL)) != -1) {
		if (c == 1) {
			sub[(*sub_argc)++] = optarg;
			continue;
		}
		c = options_short_id(c);
		if (c == '?' || c == ':') {
			app_error(app,
				  c == ':' ? _("option %s needs a value")
					   : _("unknown option %s"),
				  rest[optind - 1]);
			rc = 2;
		} else if (!take_option(app, c, optarg)) {
			rc = 2;
		}
	}
	/* After "--", everything is an argument. */
	while (rc < 0 && optind < rest_argc)
		sub[(*sub_argc)++] = rest[optind++];
	free(rest);
	return rc;
}

/* Every option given is one the command takes. Returns -1, or 2. */
static int options_fit(struct app *app, const struct md_cmd *cmd)
{
	for (enum app_opt id = OPT_PROFILE; id < OPT__COUNT; id++)
		if (app_has(app, id) &&
		    !options_taken_by(options_find(id), cmd->name)) {
			app_error(app,
				  _("the command \"%s\" does not take --%s"),
				  cmd->name, option_name(id));
			return 2;
		}
	return -1;
}

/* The command's --help, or that the data it needs is missing (how: the
 * way the program was installed), or the command itself. */
static int run_command(struct app *app, const struct md_cmd *cmd,
		       enum os_install how, int argc, char **argv)
{
	if (app_has(app, OPT_HELP)) {
		fprintf(app->out, "%s maildoctor %s\n%s\n\n%s\n", _("Usage:"),
			cmd->usage, _(cmd->summary), _("Options:"));
		options_print_help(app->out, cmd->name);
		return 0;
	}
	if (!paths_assets_found()) {
		say_no_data(app, how);
		return 2;
	}
	int rc = cmd->run(app, argc, argv);
	if (fflush(app->out) != 0 || ferror(app->out))
		return rc ? rc : 3;
	return rc;
}

int main(int argc, char **argv)
{
	struct app app = {.argv0 = argv[0], .out = stdout, .err = stderr};
	term_text_start(&app.out, &app.err); /* a Windows console: UTF-16 */
	const char *lang = early_lang(argc, argv);

	if (!i18n_init(lang, paths_locale())) {
		app_error(&app, _("unknown language \"%s\"; use ja or en"),
			  lang);
		return 2;
	}
	/* (the zip's data missing too: say_no_data()'s sentence says what to
	 * do for both) */
	enum os_install how = os_install();
	if (i18n_is_japanese() && !paths_locale_found() &&
	    !(!paths_assets_found() &&
	      (how == OS_INSTALL_ZIP_COPY || how == OS_INSTALL_ZIP)))
		say_no_catalogue(&app, how);

	/* The man page's OPTIONS section, for `make man` and its test. */
	if (argc == 2 && strcmp(argv[1], "--man-options") == 0) {
		options_print_man(app.out);
		return 0;
	}

	struct option long_options[OPT__COUNT - OPT_HELP + 1];
	char first[16], again[16];
	options_getopt(long_options, first, sizeof first, "+:");
	options_getopt(long_options, again, sizeof again, "-:");
	int rc = leading_options(&app, argc, argv, long_options, first);
	if (rc >= 0)
		return rc;
	if (app_has(&app, OPT_VERSION)) {
		fprintf(app.out, "maildoctor %s\n", MD_VERSION);
		return 0;
	}

	const char *name = optind < argc ? argv[optind] : "wizard";
	const struct md_cmd *cmd = find_command(name);
	if (app_has(&app, OPT_HELP) && optind >= argc) {
		print_help(&app);
		return 0;
	}
	if (!cmd) {
		app_error(&app, _("unknown command \"%s\""), name);
		fprintf(app.err, "%s\n", _("Try 'maildoctor --help'."));
		return 2;
	}
	if (optind < argc)
		optind++;
	char **sub_argv;
	int sub_argc;
	rc = later_options(&app, cmd, argc, argv, long_options, again,
			   &sub_argv, &sub_argc);
	if (rc < 0)
		rc = options_fit(&app, cmd);
	if (rc < 0)
		rc = run_command(&app, cmd, how, sub_argc, sub_argv);
	free(sub_argv);
	return rc;
}
