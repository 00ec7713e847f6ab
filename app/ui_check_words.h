/* ui_check_words.h — plain words for the steps and outcomes of the
 * checks' rows, shared by the live matrix, the findings' evidence and the
 * saved report. */
#ifndef MD_UI_CHECK_WORDS_H
#define MD_UI_CHECK_WORDS_H

#include "core/check/check.h"

#include <stddef.h>

/* "looking up the name", "connecting", … (translated). */
const char *ui_step_text(enum md_step step);

/* "works", "no answer (blocked on the way?)", … (translated). */
const char *ui_outcome_text(enum md_outcome outcome);

/* Why the login was held back, for a row's auth word (sess_auth_word():
 * "not-tried-insecure", "not-tried-unverified"; translated), or NULL when
 * auth (may be NULL) is not such a refusal. */
const char *ui_login_held_text(const char *auth);

/* "IPv4" / "IPv6" / "" for a family of 4, 6 or 0. */
const char *ui_family_text(int family);

/* One line naming a row's endpoint: "mail.example.jp port 587 STARTTLS
 * IPv4 [192.0.2.1]" (translated words), into buf; returns buf. */
char *ui_row_endpoint(const struct check_row *r, char *buf, size_t len);

#endif
