/* check_run.h — the one way a check is run, for the wizard, `check`, `fix`
 * and `probe`: load the knowledge base, add the typed addresses to the
 * accounts the options name, and plan the check from the options
 * (check_run_new()). The wizard starts that check on its own loop and
 * draws its progress; the batch commands run it to its end with
 * check_run() (`probe`: check_run_spec() with the endpoints named), which
 * print nothing while it runs but, when spec.progress asks and standard
 * error is a terminal, a count of the rows done; only its errors, each
 * once, before it returns. */
#ifndef MD_CHECK_RUN_H
#define MD_CHECK_RUN_H

#include "core/model/account.h"
#include "core/check/check.h"
#include "core/net/transcript.h" /* what check_transcript() gives */
#include "app/app.h"
#include "app/secret.h"

struct kb;
struct loop;

/* Everything a finished check holds; free with check_run_done(). */
struct check_run {
	struct acct_set *accounts;
	struct kb *kb;
	struct loop *loop;
	struct check *check;
	int input_status;     /* exit status of reading the input (0 or 2) */
	struct secret secret; /* --password-stdin, wiped by check_run_done */
};

/* What a check is of, besides the options. */
struct check_spec {
	const struct acct_set *accounts; /* borrowed, outlive the check */
	struct kb *kb;			 /* borrowed, or NULL */
	const char *const *identities;	 /* the addresses; none: every one */
	size_t n_identities;
	struct secret *secret; /* the password to log in with, or NULL */
	bool wait_all;	       /* every verdict waits for every row */
	/* `probe`: only these endpoints, and the login/dry run of the
	 * options (--user, --from, --rcpt, -4/-6): check_params.targets. */
	const struct check_target *targets;
	size_t n_targets;
	bool progress; /* "checking… done/rows" on a terminal's stderr */
};

/* The knowledge base maildoctor ships; *kb freed with check_run_kb_free(). */
enum md_status check_run_kb(struct kb **kb, struct md_err *err);

void check_run_kb_free(struct kb *kb);

/* Add to set an account for each address of identities that no identity
 * of set has, from the knowledge base (typed_account()). Returns MD_OK,
 * or the first failure with its sentence in err. */
enum md_status check_run_add_typed(struct kb *kb, struct acct_set *set,
				   const char *const *identities, size_t n,
				   struct md_err *err);

/* The check of spec with the options of app (--offline, --resolver,
 * --ca-file, --timeout, --insecure, --allow-plaintext-auth), planned, not
 * started: check_start() it on a loop. NULL on an error (in err). */
struct check *check_run_new(const struct app *app,
			    const struct check_spec *spec, struct md_err *err);

/* Read the accounts (--profile/--outlook, else discovery), add each typed
 * address that is not among them (from the knowledge base), and run the
 * check for the n addresses of `identities` (n == 0: every identity).
 * With --password-stdin (which needs exactly one address) the password is
 * read first and the identity's outgoing server gets a login and a dry
 * run. Returns 0, or an exit status with the message already printed. */
int check_run(struct app *app, const char *const *identities, size_t n,
	      struct check_run *run);

/* Run the check of spec (its accounts may be NULL with targets) to its
 * end on a private loop, into run (zeroed by the caller; its secret may be
 * spec->secret). Returns 0, or an exit status with the message printed. */
int check_run_spec(struct app *app, const struct check_spec *spec,
		   struct check_run *run);

void check_run_done(struct check_run *run);

#endif
