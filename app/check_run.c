/* check_run.c — the one way a check is planned (check_run_new(), for the
 * wizard and the batch commands), and run to its end for the batch
 * commands: read the accounts, the password, then run the check on a
 * private loop (check_run_spec(), which `probe` calls with its
 * endpoints). */
#include "app/check_run.h"

#include "clientcfg/clients.h"
#include "core/base/i18n.h"
#include "core/base/limits.h"
#include "core/base/os.h"
#include "core/kb/kb.h"
#include "core/net/loop.h"
#include "core/kb/typed.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

static bool known_identity(const struct acct_set *set, const char *email)
{
	for (size_t a = 0; a < set->n_accounts; a++)
		for (size_t j = 0; j < set->accounts[a].n_identities; j++) {
			const char *e = set->accounts[a].identities[j].email;
			if (e && strcasecmp(e, email) == 0)
				return true;
		}
	return false;
}

enum md_status check_run_kb(struct kb **kb, struct md_err *err)
{
	return kb_load_default(NULL, kb, err);
}

void check_run_kb_free(struct kb *kb)
{
	kb_free(kb);
}

enum md_status check_run_add_typed(struct kb *kb, struct acct_set *set,
				   const char *const *identities, size_t n,
				   struct md_err *err)
{
	for (size_t i = 0; i < n; i++) {
		if (known_identity(set, identities[i]))
			continue;
		enum md_status st = typed_account(kb, identities[i], set, err);
		if (st != MD_OK)
			return st;
	}
	return MD_OK;
}

struct check *check_run_new(const struct app *app,
			    const struct check_spec *spec, struct md_err *err)
{
	bool login = spec->secret && spec->secret->have;
	struct check_params p = {
	    .accounts = spec->accounts,
	    .password = login ? secret_give : NULL,
	    .password_ud = spec->secret,
	    .kb = spec->kb,
	    .identities = spec->identities,
	    .n_identities = spec->n_identities,
	    .offline = app->offline,
	    .resolver = app->resolver,
	    .ca_file = app->ca_file,
	    .timeout_ms = md_timeout_ms(app->timeout_s),
	    .insecure = app->insecure,
	    .auth_plaintext = app->auth_plaintext,
	    .wait_all = spec->wait_all,
	    .targets = spec->targets,
	    .n_targets = spec->n_targets,
	    .family = spec->targets ? app->family : 0,
	    .user = spec->targets ? app->user : NULL,
	    .mail_from = spec->targets ? app->mail_from : NULL,
	    .rcpt_to = spec->targets ? app->rcpt_to : NULL,
	};
	return check_new(&p, err);
}

/* A batch run: its app, and whether a count of the rows done is shown. */
struct batch {
	struct app *app;
	bool tty;
};

/* "checking… 3/8": the rows done so far, over the rows known. */
static void show_progress(struct check *c, const struct batch *b)
{
	size_t n, done = 0;
	const struct check_row *rows = check_rows(c, &n);
	for (size_t i = 0; i < n; i++)
		done += rows[i].step == MD_STEP_DONE;
	fprintf(b->app->err, "\r%s %zu/%zu", _("checking…"), done, n);
	fflush(b->app->err);
}

static void on_event(struct check *c, const struct check_event *ev, void *ud)
{
	struct batch *b = ud;
	if (ev->kind == CHECK_EV_DONE) {
		if (b->tty)
			fprintf(b->app->err, "\r\033[K");
		loop_stop(b->app->loop);
		return;
	}
	if (b->tty && ev->kind == CHECK_EV_ROW)
		show_progress(c, b);
}

/* The accounts: those the options name, and each typed address of
 * identities that is not among them. Returns 0, or an exit status with the
 * message printed; run->input_status is 2 when some file could not be
 * read. */
static int read_accounts(struct app *app, const char *const *identities,
			 size_t n, struct check_run *run)
{
	struct md_err err;
	run->accounts = acct_set_new();
	if (!run->accounts)
		return 3;
	struct clients_report rep;
	enum md_status st = app_read_settings(app, run->accounts, &rep, &err);
	if (st == MD_ERR_NOMEM) {
		app_error(app, "%s", err.text);
		clients_report_done(&rep);
		return 3;
	}
	/* Every file that could not be read, now; that nothing was found,
	 * only when no typed address makes up for it. */
	bool failed = rep.n_problems > 0;
	if (failed) {
		app_print_read(app, &rep, &err);
		run->input_status = 2;
	}
	clients_report_done(&rep);
	struct md_err none = err;
	st = check_run_add_typed(run->kb, run->accounts, identities, n, &err);
	if (st != MD_OK) {
		app_error(app, "%s", err.text);
		return md_status_exit(st);
	}
	if (run->accounts->n_accounts == 0) {
		if (!failed)
			app_error(app, "%s", none.text);
		return run->input_status ? run->input_status : 2;
	}
	return 0;
}

/* --password-stdin: the one address's password. Returns 0 or 2. */
static int read_password(struct app *app, size_t n, struct check_run *run)
{
	if (!app->password_stdin)
		return 0;
	if (n != 1) {
		app_error(app, "%s",
			  _("--password-stdin needs the "
			    "ADDRESS whose password it is"));
		return 2;
	}
	if (!secret_read(&run->secret)) {
		app_error(app, "%s", _("no password on standard input"));
		return 2;
	}
	return 0;
}

int check_run_spec(struct app *app, const struct check_spec *spec,
		   struct check_run *run)
{
	struct md_err err;
	md_err_clear(&err);
	struct batch b = {app,
			  spec->progress && !app->json && os_is_terminal(2)};
	run->loop = loop_new();
	run->check = run->loop ? check_run_new(app, spec, &err) : NULL;
	if (!run->check)
		return 3;
	app->loop = run->loop;
	if (check_start(run->check, run->loop, on_event, &b, &err) != MD_OK) {
		app_error(app, "%s",
			  err.text[0] ? err.text
				      : _(md_status_message(err.code)));
		return md_status_exit(err.code);
	}
	if (loop_run(run->loop, &err) != MD_OK) {
		app_error(app, "%s", err.text);
		return 3;
	}
	if (check_incomplete(run->check)) {
		app_error(app, "%s", _("out of memory"));
		return 3;
	}
	return 0;
}

/* Plan the check of the accounts read and run it to its end. */
static int run_to_end(struct app *app, const char *const *identities, size_t n,
		      struct check_run *run)
{
	struct check_spec spec = {
	    .accounts = run->accounts,
	    .kb = run->kb,
	    .identities = identities,
	    .n_identities = n,
	    .secret = &run->secret,
	};
	return check_run_spec(app, &spec, run);
}

int check_run(struct app *app, const char *const *identities, size_t n,
	      struct check_run *run)
{
	memset(run, 0, sizeof *run);
	struct md_err err;
	md_err_clear(&err);
	if (check_run_kb(&run->kb, &err) != MD_OK) {
		app_error(app, "%s", err.text);
		return 3;
	}
	int rc = read_accounts(app, identities, n, run);
	if (rc == 0)
		rc = read_password(app, n, run);
	if (rc == 0)
		rc = run_to_end(app, identities, n, run);
	return rc;
}

void check_run_done(struct check_run *run)
{
	secret_wipe(&run->secret);
	check_free(run->check);
	loop_free(run->loop);
	check_run_kb_free(run->kb);
	acct_set_free(run->accounts);
	memset(run, 0, sizeof *run);
}
