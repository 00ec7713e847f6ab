/* app.h — the service layer the commands (cli/) and the wizard (tui/)
 * stand on; this header holds the one application struct owned by main():
 * the options every command shares, and the table of subcommands.
 *
 *   app_read.c        reading the mail programs the options name (the
 *                     clientcfg read facade, its options built once)
 *   options.c         the option table: getopt, which command takes what
 *   check_run.h       the one way a check is planned and run
 *   fixes.h           the fixes: the clientcfg write facade
 *   check_json.h      the JSON of a check and of its fixes, and of
 *                     `probe` (a check of the endpoints named)
 *   probe_words.h     the words of a `probe` row
 *   report.h          the saved report; report_redact()
 *   describe.h, ui_check_words.h   the words for servers, fixes, rows
 *   describe_fix.h    a fix in words: before → after, the lines it changes
 *   bounces.h         the bounces in the chosen accounts' own Inbox
 *   cmdline.h         the command line to type for a next step
 *   secret.h          a password read from standard input */
#ifndef MD_APP_H
#define MD_APP_H

#include "core/base/attr.h"

#include "clientcfg/clients.h"
#include "core/base/err.h"

#include <stdbool.h>
#include <stdio.h>

struct loop;

/* Option ids. Every option means the same in every command; the table in
 * options.c says which commands take it, and others refuse it. */
enum app_opt {
	OPT_HELP = 256, /* above every character getopt may return */
	OPT_VERSION,
	OPT_PROFILE,
	OPT_OUTLOOK,
	OPT_RESOLVER,
	OPT_CA_FILE,
	OPT_TIMEOUT,
	OPT_OFFLINE,
	OPT_LANG,
	OPT_JSON,
	OPT_PLAIN,
	OPT_LIST,
	OPT_APPLY,
	OPT_UNDO,
	OPT_FORCE,
	OPT_PROTOCOL,	    /* probe --protocol smtp|imap|pop3 */
	OPT_SECURITY,	    /* probe --security plain|starttls|tls|auto */
	OPT_TLS,	    /* probe --tls (= --security tls) */
	OPT_STARTTLS,	    /* probe --starttls (= --security starttls) */
	OPT_NO_TLS,	    /* probe --no-tls (= --security plain) */
	OPT_IPV4,	    /* -4 */
	OPT_IPV6,	    /* -6 */
	OPT_USER,	    /* probe --user U */
	OPT_PASSWORD_STDIN, /* probe --password-stdin */
	OPT_AUTH_PLAINTEXT, /* probe --allow-plaintext-auth */
	OPT_FROM,	    /* probe --from ADDR */
	OPT_RCPT,	    /* probe --rcpt ADDR */
	OPT_TRANSCRIPT,	    /* probe --transcript */
	OPT_INSECURE,	    /* --insecure: TLS without enforced
			       verification, every result unverified */
	OPT__COUNT
};

#define APP_MAX_LIST 16

struct app {
	const char *argv0;
	const char *profiles[APP_MAX_LIST]; /* --profile DIR (repeatable) */
	int n_profiles;
	const char *outlook[APP_MAX_LIST]; /* --outlook FILE (repeatable) */
	int n_outlook;
	const char *resolver;		   /* --resolver ADDR */
	const char *ca_file;		   /* --ca-file FILE */
	double timeout_s;		   /* --timeout S, 0 = default */
	bool offline;			   /* --offline */
	const char *lang;		   /* --lang ja|en */
	bool json;			   /* --json */
	bool plain;			   /* --plain */
	bool list;			   /* fix --list */
	const char *apply_id;		   /* fix --apply ID */
	bool undo;			   /* fix --undo */
	bool force;			   /* fix --undo --force */
	const char *protocol;		   /* probe --protocol */
	const char *security;		   /* probe --security/--tls/… */
	int family;			   /* -4: 4, -6: 6, else 0 */
	const char *user;		   /* probe --user */
	bool password_stdin;		   /* probe --password-stdin */
	bool auth_plaintext;		   /* --allow-plaintext-auth (probe,
					      check) */
	const char *mail_from;		   /* probe --from */
	const char *rcpt_to;		   /* probe --rcpt */
	bool transcript;		   /* probe --transcript */
	bool insecure;			   /* --insecure */
	bool given[OPT__COUNT - OPT_HELP]; /* which options were given,
					      by id - OPT_HELP */
	struct loop *loop;		   /* the event loop of a running
					      check, or NULL */
	FILE *out;			   /* where results go (stdout) */
	FILE *err;			   /* where messages go (stderr) */
};

/* A subcommand: run() gets the arguments left after the options and
 * returns the process exit status (0 good, 1 problems, 2 usage/input,
 * 3 internal). */
struct md_cmd {
	const char *name;
	const char *usage;   /* untranslated, e.g. "accounts [OPTIONS]" */
	const char *summary; /* untranslated one-line purpose (N_) */
	int (*run)(struct app *app, int argc, char **argv);
};

/* Whether option o was given. */
static inline bool app_has(const struct app *app, enum app_opt o)
{
	return app->given[o - OPT_HELP];
}

/* The commands, defined in their own cmd_*.c files. */
extern const struct md_cmd cmd_accounts;
extern const struct md_cmd cmd_fix;
extern const struct md_cmd cmd_check;
extern const struct md_cmd cmd_explain;
extern const struct md_cmd cmd_wizard;
extern const struct md_cmd cmd_probe;

/* Print "maildoctor: <sentence>" to app->err; the sentence is translated
 * by the caller. */
void app_error(const struct app *app, const char *fmt, ...) MD_PRINTF(2, 3);

/* The settings the options name (app_read.c, for check, fix, accounts
 * and the wizard). */

/* --profile, --outlook and where discovery looks ($HOME, WSL's users). */
void app_clients_opts(const struct app *app, struct clients_opts *o);

/* Read the settings into set (the caller's) and rep (free it with
 * clients_report_done()). Returns MD_OK when every file could be read and
 * some account was found; else the status and one sentence in err: the
 * first file that could not be read (every one is in rep->problems), or
 * MD_ERR_NOTFOUND that no account was found; MD_ERR_NOMEM. */
enum md_status app_read_settings(const struct app *app, struct acct_set *set,
				 struct clients_report *rep,
				 struct md_err *err);

/* Read the one profile folder profile_dir again into set (after a fix
 * changed it); what could not be read is left out. */
void app_reread_profile(const char *profile_dir, struct acct_set *set);

/* Print the result of app_read_settings(): every file that could not be
 * read, or, when none failed, err (nothing when err is MD_OK). */
void app_print_read(const struct app *app, const struct clients_report *rep,
		    const struct md_err *err);

#endif
