/* smtp.h — the SMTP probe dialogue: greeting, EHLO (HELO fallback),
 * STARTTLS and EHLO again, the extensions (AUTH, SIZE, PIPELINING,
 * 8BITMIME), an optional AUTH PLAIN/LOGIN and an optional dry run
 * (MAIL FROM, RCPT TO, RSET — never DATA), then QUIT. The conventions of
 * session.h apply; the reply parsers are public for tests and fuzzing. */
#ifndef MD_SMTP_H
#define MD_SMTP_H

#include "core/proto/session.h"

#include <stdbool.h>
#include <stddef.h>

/* The protocol for sess_start() (session.h). */
extern const struct sess_proto smtp_proto;

/* True when a reply line (no CR LF) is the last of its reply: "250 x",
 * "250", or anything not in the form "ddd-". */
bool smtp_is_last_line(const char *line, size_t len);

/* Check a whole reply (lines joined by '\n'): every line starts with the
 * same three digits, followed by '-' on all but the last line and by ' '
 * or the end on the last. Returns the code (200..599), or -1 when the reply
 * is malformed. */
int smtp_reply_code(const char *text, size_t len);

/* Read an EHLO reply's extension lines (all but the first) into res: the
 * keywords, AUTH mechanisms (also "AUTH=" form), SIZE, PIPELINING,
 * 8BITMIME, STARTTLS. */
void smtp_parse_ehlo(struct sess_result *res, const char *text, size_t len);

#endif
