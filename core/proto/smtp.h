/* smtp.h — the SMTP probe dialogue: greeting, EHLO (HELO fallback),
 * STARTTLS and EHLO again, the extensions (AUTH, SIZE, PIPELINING,
 * 8BITMIME), an optional AUTH PLAIN/LOGIN and an optional dry run
 * (MAIL FROM, RCPT TO, RSET — never DATA), then QUIT. The conventions of
 * session.h apply; the reply parsers are public for tests and fuzzing. */
#ifndef MD_SMTP_H
#define MD_SMTP_H

#include "core/base/err.h"
#include "core/net/loop.h"
#include "core/proto/session.h"

#include <stdbool.h>
#include <stddef.h>

struct smtp;

/* Start the dialogue on the connected non-blocking socket fd (owned from
 * now on, closed by smtp_free()). p is copied; its strings, tls and ts are
 * borrowed until on_done. res is filled as the dialogue goes; it must stay
 * valid until on_done. Returns NULL with err filled (fd closed). */
struct smtp *smtp_start(struct loop *loop, int fd, const struct sess_params *p,
			struct sess_result *res, struct md_err *err);

/* Stop and free (NULL is fine); on_done is not called after this. */
void smtp_free(struct smtp *s);

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
