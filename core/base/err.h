/* err.h — the one list of statuses every function below the front end returns,
 * and the detail record (struct md_err) a caller passes down to learn why. */
#ifndef MD_ERR_H
#define MD_ERR_H

#include "core/base/attr.h"

#include <stddef.h>

/* Who translates: the status messages below are English, marked with N_()
 * so that gettext knows them, and are translated with _() where they are
 * shown; the sentence in struct md_err's text is translated by the function
 * that writes it (it passes _("…") to md_err_set), so it is shown as it is.
 *
 * X(name, exit status, message); exit status is what maildoctor exits with
 * when this status reaches main(). */
#define MD_STATUS_LIST(X)                                                      \
	X(MD_OK, 0, N_("no error"))                                            \
	X(MD_ERR_USAGE, 2, N_("bad usage"))                                    \
	X(MD_ERR_NOTFOUND, 2, N_("not found"))                                 \
	X(MD_ERR_IO, 2, N_("cannot read or write the file"))                   \
	X(MD_ERR_PARSE, 2, N_("the file is not in the expected format"))       \
	X(MD_ERR_TOOBIG, 2, N_("the input is too large"))                      \
	X(MD_ERR_BUSY, 2, N_("the mail client is running"))                    \
	X(MD_ERR_NOMEM, 3, N_("out of memory"))                                \
	X(MD_ERR_NET, 1, N_("network error"))                                  \
	X(MD_ERR_TLS, 1, N_("TLS error"))                                      \
	X(MD_ERR_PROTO, 1, N_("protocol error"))                               \
	X(MD_ERR_TIMEOUT, 1, N_("timed out"))                                  \
	X(MD_ERR_CANCELLED, 1, N_("cancelled"))                                \
	X(MD_ERR_INTERNAL, 3, N_("internal error"))

enum md_status {
#define MD_X_ENUM(name, exitcode, msg) name,
	MD_STATUS_LIST(MD_X_ENUM)
#undef MD_X_ENUM
};

/* Details of a failure: file and line name the input, text is one sentence
 * in the person's language (see "Who translates" above). */
struct md_err {
	enum md_status code; /* the status the failing function returned */
	int sys_errno;	     /* errno at the failure, or 0 */
	unsigned long ssl;   /* OpenSSL error code, or 0 */
	char file[512];	     /* the file the failure is about, or "" */
	unsigned line;	     /* line in that file, or 0 */
	char text[512];	     /* one sentence, already translated, or "" */
};

/* The untranslated message of a status (mark of N_() applied). */
const char *md_status_message(enum md_status st);

/* The process exit status that a status maps to. */
int md_status_exit(enum md_status st);

/* The status's name, e.g. "MD_ERR_PARSE"; for tests and traces. */
const char *md_status_name(enum md_status st);

/* Fill err (may be NULL) and return code. fmt is printf-style text already
 * passed through _() by the caller. file may be NULL. */
enum md_status md_err_set(struct md_err *err, enum md_status code,
			  const char *file, unsigned line, const char *fmt, ...)
    MD_PRINTF(5, 6);

/* Like md_err_set, also recording errno. */
enum md_status md_err_sys(struct md_err *err, enum md_status code, int errnum,
			  const char *file, const char *fmt, ...)
    MD_PRINTF(5, 6);

/* Reset err to MD_OK with empty fields. */
void md_err_clear(struct md_err *err);

#endif
