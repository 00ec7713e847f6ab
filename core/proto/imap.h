/* imap.h — the IMAP probe dialogue: greeting, CAPABILITY (taken from the
 * greeting when it carries it), STARTTLS and CAPABILITY again, an optional
 * LOGIN, then LOGOUT. The conventions of session.h apply. */
#ifndef MD_IMAP_H
#define MD_IMAP_H

#include "core/proto/session.h"

#include <stdbool.h>
#include <stddef.h>

/* The protocol for sess_start() (session.h). */
extern const struct sess_proto imap_proto;

/* Read capability words from text (after "CAPABILITY", up to the end or a
 * ']') into res: AUTH=X become mechanisms, STARTTLS sets starttls_offered.
 * Returns the number of words taken. */
size_t imap_parse_caps(struct sess_result *res, const char *text, size_t len);

/* The status of a tagged or untagged response line: "OK", "NO", "BAD",
 * "BYE", "PREAUTH" as IMAP_OK… ; IMAP_OTHER when it is none of them. tag is
 * the expected tag ("*" for untagged). */
enum imap_status {
	IMAP_OK,
	IMAP_NO,
	IMAP_BAD,
	IMAP_BYE,
	IMAP_PREAUTH,
	IMAP_OTHER
};
enum imap_status imap_line_status(const char *line, size_t len,
				  const char *tag);

#endif
