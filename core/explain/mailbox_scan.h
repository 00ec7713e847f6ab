/* mailbox_scan.h — the delivery reports already in one mail folder (an mbox
 * file, or a maildir folder), found read-only and in bounded time: only
 * the last bytes of an mbox are read, at most so many messages are looked
 * at, and each report is explained with explain_buffer() (explain.h).
 * Nothing of a message is kept but its date and the reason of its first
 * failed recipient: no address, no body, no server words. */
#ifndef MD_MAILBOX_SCAN_H
#define MD_MAILBOX_SCAN_H

#include "core/base/err.h"
#include "core/kb/rejections.h"

#include <stdbool.h>
#include <stddef.h>

/* How much of a folder is read at most. */
struct mailbox_limits {
	size_t max_bytes;     /* of an mbox: its last bytes; of a maildir:
				 the sum of the files read */
	size_t max_messages;  /* messages looked at (newest first) */
	size_t max_explained; /* of them, reports handed to explain */
	size_t max_message;   /* a bigger message is skipped */
};

/* The defaults: the last 8 MiB, 2000 messages, 200 reports, 4 MiB each. */
void mailbox_limits_default(struct mailbox_limits *lim);

/* One message that came back. */
struct mailbox_bounce {
	long long when;	  /* its Date: (seconds since 1970, UTC) */
	char reason[32];  /* the reason of explain's taxonomy */
	char cause[32];	  /* the reason the refusal's own words give (the
			     rule of the rejections KB that matched them),
			     "" when none: what an "expired" report's last
			     reply was about */
	char status[16];  /* RFC 3463 code, "" when none */
	char command[8];  /* the SMTP command refused, "" when unknown */
	enum rej_who who; /* who must act */
};

/* What one folder held. */
struct mailbox_scan {
	struct mailbox_bounce *items; /* newest first */
	size_t n, cap;
	size_t messages; /* messages looked at */
	size_t bytes;	 /* bytes read */
	bool limited;	 /* a limit stopped the reading before the
			    folder's beginning */
};

/* Parse an RFC 5322 date ("Thu, 29 Apr 2018 23:34:45 +0900", day name and
 * seconds optional, obsolete zone names) of len bytes; seconds since 1970
 * UTC, or -1 when it is not a date. */
long long mailbox_date_parse(const char *s, size_t len);

/* Look into path (an mbox file, or a folder with cur/ or new/: maildir)
 * for the delivery reports dated at or after since (seconds since 1970).
 * The file is opened for reading only; nothing is locked or written.
 * Adds to out (zeroed by the caller, freed with mailbox_scan_done()).
 * MD_ERR_NOTFOUND / MD_ERR_IO with err filled when path cannot be read;
 * a broken or truncated folder is read as far as it goes (MD_OK). */
enum md_status mailbox_scan_path(const struct rej_kb *kb, const char *path,
				 long long since,
				 const struct mailbox_limits *lim,
				 struct mailbox_scan *out, struct md_err *err);

void mailbox_scan_done(struct mailbox_scan *s);

#endif
