/* check_run.h — what `check` and `fix` share: read the accounts named by
 * the options, load the knowledge base, and run a whole check to its end on
 * a private loop. Nothing is printed while it runs (the wizard shows its
 * own progress); errors are printed, each once, before it returns. */
#ifndef MD_CHECK_RUN_H
#define MD_CHECK_RUN_H

#include "core/model/account.h"
#include "core/check/check.h"
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
	int input_status; /* exit status of reading the input (0 or 2) */
	struct secret secret; /* --password-stdin, wiped by check_run_done */
};

/* Read the accounts (--profile/--outlook, else discovery), add each typed
 * address that is not among them (from the knowledge base), and run the
 * check for the n addresses of `identities` (n == 0: every identity).
 * With --password-stdin (which needs exactly one address) the password is
 * read first and the identity's outgoing server gets a login and a dry
 * run. Returns 0, or an exit status with the message already printed. */
int check_run(struct app *app, const char *const *identities, size_t n,
	      struct check_run *run);

void check_run_done(struct check_run *run);

#endif
