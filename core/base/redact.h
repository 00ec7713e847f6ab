/* redact.h — the one redactor: what of a line is a secret, replaced by
 * "<redacted>". It is used at two moments: a line we send is made safe
 * before a transcript stores it (redact_sent(), through
 * transcript_redact()), and a line a person reads or saves is made safe on
 * its way out (redact_text(), through report_redact()). A missing
 * redaction is fixed here, nowhere else. */
#ifndef MD_REDACT_H
#define MD_REDACT_H

#include <stdbool.h>
#include <stddef.h>

/* The safe form of a line we send, into out (size outsz, always
 * terminated): "AUTH PLAIN xyz" -> "AUTH PLAIN <redacted>", "PASS x" ->
 * "PASS <redacted>", "a1 LOGIN u p" -> "a1 LOGIN <redacted>",
 * "a1 AUTHENTICATE PLAIN x" -> "a1 AUTHENTICATE PLAIN <redacted>", and any
 * line while in_secret (an AUTH continuation) -> "<redacted>". Other lines
 * are copied. */
void redact_sent(const char *line, size_t len, bool in_secret, char *out,
		 size_t outsz);

/* A heap copy of line (free()) with what follows "AUTH <mechanism>", and
 * the value after "password", "passwd", "pass", "secret" or "token" (with
 * "=", ":" or a quote), replaced by "<redacted>"; at most 16 on a line.
 * NULL when out of memory. */
char *redact_text(const char *line);

#endif
