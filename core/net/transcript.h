/* transcript.h — what was said on one connection, line by line with times,
 * bounded in size, with every secret (AUTH exchanges, passwords) replaced
 * by "<redacted>" before it is stored. */
#ifndef MD_TRANSCRIPT_H
#define MD_TRANSCRIPT_H

#include "core/base/attr.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define TRANSCRIPT_MAX_LINES 256   /* lines kept; later ones are counted */
#define TRANSCRIPT_MAX_BYTES 32768 /* text kept in all */
#define TRANSCRIPT_LINE_MAX  512   /* a longer line is cut with "…" */

enum transcript_dir {
	TRANSCRIPT_SENT = '>', /* we sent it */
	TRANSCRIPT_RECV = '<', /* the server sent it */
	TRANSCRIPT_NOTE = '*', /* what happened (connect, TLS, close) */
};

struct transcript_line {
	uint32_t ms; /* milliseconds since the transcript began */
	char dir;    /* enum transcript_dir */
	char *text;  /* printable ASCII/UTF-8, no CR/LF; owned */
};

struct transcript {
	struct transcript_line *lines; /* owned */
	size_t n, cap;
	size_t bytes;	/* text stored so far */
	size_t dropped; /* lines not stored because of the limits */
	uint64_t t0;	/* loop clock when it began */
	bool secret;	/* the dialogue is inside an AUTH exchange: every
			   line we send is stored as "<redacted>" */
};

/* Start an empty transcript at loop clock t0 (ms). */
void transcript_init(struct transcript *t, uint64_t t0);

/* Free the lines; the transcript is empty afterwards. */
void transcript_done(struct transcript *t);

/* Store one line said in direction dir at loop clock now. Lines we send
 * pass through transcript_redact() first. Bytes outside printable ASCII are
 * shown as "\xNN" (UTF-8 from servers is kept). Never fails: without memory
 * the line is counted in t->dropped. */
void transcript_add(struct transcript *t, uint64_t now, char dir,
		    const char *text, size_t len);

/* A note (dir '*') in printf style; the text is not translated (it is
 * evidence, like the dialogue itself). */
void transcript_note(struct transcript *t, uint64_t now, const char *fmt, ...)
    MD_PRINTF(3, 4);

/* The safe form of a line we send (redact_sent() of core/base/redact.h,
 * the one redactor), into out (size outsz, always terminated):
 * "AUTH PLAIN xyz" -> "AUTH PLAIN <redacted>", "PASS x" ->
 * "PASS <redacted>", "a1 LOGIN u p" -> "a1 LOGIN <redacted>",
 * "a1 AUTHENTICATE PLAIN x" -> "a1 AUTHENTICATE PLAIN <redacted>", and any
 * line while in_secret (an AUTH continuation) -> "<redacted>". Other lines
 * are copied. */
void transcript_redact(const char *line, size_t len, bool in_secret, char *out,
		       size_t outsz);

#endif
