/* clients.h — everything maildoctor reads of the person's mail programs, in
 * one call: the Thunderbird profiles found (or named with --profile), the
 * Outlook files named with --outlook, and, when nothing is named, classic
 * Outlook's accounts in the Windows registry (outlook/outlook_live.h),
 * merged into one account set.
 *
 * clientcfg/ reads and writes the mail programs' files, nothing else. Its
 * two facades are all the layers above use (no type of tb/ or outlook/
 * shows through them):
 *   clients.h / clients.c   the read facade (this header)
 *   clients_folders.c       its clients_inbox(): where an account's Inbox is
 *   fix.h / fix.c           the write facade: preview, apply, undo,
 *                           hand-over, journal, dispatched per client
 *   tb/                     Thunderbird: profiles, prefs.js, fixes
 *   outlook/                Outlook: exports, registry text, .reg fixes */
#ifndef MD_CLIENTS_H
#define MD_CLIENTS_H

#include "core/model/account.h"
#include "core/base/err.h"

/* What to read. */
struct clients_opts {
	const char *const *profiles; /* --profile DIRs; none: discover */
	size_t n_profiles;
	const char *const *outlook; /* --outlook FILEs */
	size_t n_outlook;
	/* Where discovery looks (NULL: skipped): */
	const char *home;      /* the person's home folder ($HOME) */
	const char *wsl_users; /* "/mnt/c/Users" on WSL: Windows profiles */
};

#define CLIENTS_MAX_PROBLEMS 32

/* What reading found besides the accounts. */
struct clients_report {
	size_t n_profiles; /* Thunderbird profiles seen */
	struct md_err problems[CLIENTS_MAX_PROBLEMS]; /* files that could not
						     be read, or were read
						     with errors */
	size_t n_problems;
	size_t n_user_js_overrides; /* mail.* values in user.js files */
};

/* Read into set (which the caller owns). Returns MD_OK when everything
 * could be read; MD_ERR_PARSE / MD_ERR_NOTFOUND / MD_ERR_IO when some file
 * could not (each in rep->problems, the accounts of the others still in
 * set); MD_ERR_NOMEM. Free rep with clients_report_done(). */
enum md_status clients_read(const struct clients_opts *opts,
			    struct acct_set *set, struct clients_report *rep);

void clients_report_done(struct clients_report *rep);

/* Where account (an index into set->accounts) keeps its Inbox in its
 * client's own files (clients_folders.c): into path (len bytes), an mbox
 * file or a maildir folder, for a reader that only reads. MD_ERR_NOTFOUND
 * when the client keeps none maildoctor can read (Outlook, a typed
 * address); the errors of reading the settings. */
enum md_status clients_inbox(const struct acct_set *set, size_t account,
			     char *path, size_t len, struct md_err *err);

#endif
