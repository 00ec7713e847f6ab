/* report.h — the report a helper can read later: what was checked, what
 * was found (with the evidence), what was changed and how to undo it, as
 * text in the person's language, with anything secret redacted. */
#ifndef MD_REPORT_H
#define MD_REPORT_H

#include "app/bounces.h"
#include "clientcfg/fix.h"
#include "core/model/account.h"
#include "core/check/check.h"
#include "core/base/err.h"
#include "core/model/finding.h"
#include "core/model/fixdef.h"

#include <stdbool.h>
#include <stdio.h>

/* Everything a report says; all borrowed, any part may be NULL/0. */
struct report_data {
	const char *address;		 /* the address checked */
	const struct acct_set *accounts; /* the settings read */
	bool offline;
	const struct check_row *rows; /* the first check */
	size_t n_rows;
	const struct finding_list *findings;
	const struct fix *fix;	     /* the fix offered */
	const struct fix_plan *plan; /* its exact changes */
	bool applied;
	bool skipped;
	const struct fix_result *result; /* backups made */
	const char *apply_error;	 /* why applying failed, or NULL */
	const struct check_row *rerows;	 /* the check after the change */
	size_t n_rerows;
	const char *undo_command; /* "maildoctor fix --undo" */
	const char *import_file;  /* a .reg written for Outlook, or NULL */
	const char *undo_file;	  /* the .reg that undoes it, or NULL */
	const struct app_bounces *bounces; /* of the Inbox, or NULL: only
					      their sentences are written */
};

/* Write the report as text to f. Lines that carry secrets (AUTH
 * exchanges, passwords) are redacted. */
void report_text(const struct report_data *d, FILE *f);

/* Save the report in a new file "maildoctor-report-YYYYmmdd-HHMMSS.txt"
 * (mode 0600, never overwriting) in dir. *path gets its full path (heap,
 * caller frees). MD_ERR_IO when it cannot be written. */
enum md_status report_save(const struct report_data *d, const char *dir,
			   char **path, struct md_err *err);

/* The folder reports go to: $MAILDOCTOR_REPORT_DIR, else $HOME, else
 * the current folder. Returns a borrowed string. */
const char *report_dir(void);

/* A heap copy of line with secrets replaced by "<redacted>": what follows
 * "AUTH <mechanism>", and the value after "password"/"pass"/"secret"
 * words (redact_text() of core/base/redact.h, the one redactor). NULL when
 * out of memory. */
char *report_redact(const char *line);

#endif
