/* line.h — the command/reply engine shared by SMTP, IMAP and POP3: one
 * connected socket, plain or TLS, a send buffer that never blocks, CR LF
 * framing, replies of one or more lines assembled under hard caps (line
 * length, reply size) and a timer for each awaited reply. A protocol adds
 * only "does this line end the reply" and "what to do with it" (struct
 * line_ops), as curl's pingpong does.
 *
 * Call order: line_new(); then line_expect() (a greeting) or line_send()
 * (a command) or line_start_tls(); events come back through ops->on_event
 * until LINE_EV_FAIL or line_free(). line_free() may be called from inside
 * on_event. */
#ifndef MD_LINE_H
#define MD_LINE_H

#include "core/base/err.h"
#include "core/net/loop.h"
#include "core/net/tls.h"
#include "core/net/transcript.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define LINE_MAX_LINE  4096  /* default cap on one line */
#define LINE_MAX_REPLY 65536 /* default cap on one reply */

struct line;

enum line_event {
	LINE_EV_REPLY, /* a whole reply arrived: line_reply() */
	LINE_EV_TLS,   /* the TLS handshake finished and was verified */
	LINE_EV_FAIL,  /* the connection is unusable: line_failure() */
};

/* Why the connection became unusable. */
enum line_fail {
	LINE_FAIL_NONE,
	LINE_FAIL_TIMEOUT,  /* a reply (or the handshake) took too long */
	LINE_FAIL_CLOSED,   /* the server closed the connection */
	LINE_FAIL_RESET,    /* the connection was reset */
	LINE_FAIL_IO,	    /* another socket error (errno in line_errno) */
	LINE_FAIL_TOO_LONG, /* a line longer than the cap */
	LINE_FAIL_TOO_BIG,  /* a reply larger than the cap */
	LINE_FAIL_TLS,	    /* TLS failed: line_tls_info() says why */
	LINE_FAIL_NOMEM,    /* out of memory */
};

/* One reply: its lines without CR LF, joined by '\n'. Borrowed; valid
 * during the LINE_EV_REPLY callback only. */
struct line_reply {
	const char *text; /* NUL-terminated */
	size_t len;	  /* bytes of text */
	size_t n_lines;	  /* at least 1 */
};

struct line_ops {
	/* True when line (len bytes, no CR LF; index-th line of the reply
	 * being assembled, from 0) is the last line of its reply. */
	bool (*is_last)(void *ud, const char *line, size_t len, size_t index);
	/* Something happened (enum line_event). May free the line. */
	void (*on_event)(void *ud, enum line_event ev);
};

struct line_params {
	int fd; /* connected non-blocking socket; the line
		   owns it from line_new() on */
	const struct line_ops *ops;
	void *ud;		   /* passed to ops */
	uint64_t reply_timeout_ms; /* per reply and per handshake; 0: 30 s */
	size_t max_line;	   /* 0: LINE_MAX_LINE */
	size_t max_reply;	   /* 0: LINE_MAX_REPLY */
	struct transcript *ts;	   /* borrowed, may be NULL */
};

/* A new engine on p->fd, watched on loop. On failure returns NULL with err
 * filled and the fd closed. Free with line_free(). */
struct line *line_new(struct loop *loop, const struct line_params *p,
		      struct md_err *err);

/* Close the fd, stop the timer and free (NULL is fine; safe inside
 * on_event: the memory goes when the callback returns). */
void line_free(struct line *l);

/* Await one reply the server sends unasked (a greeting). */
void line_expect(struct line *l);

/* Queue text (len bytes, without CR LF) plus CR LF, to be sent as soon as
 * the socket takes it; one more reply is awaited. The transcript gets the
 * redacted form (transcript_redact). Returns MD_OK, MD_ERR_NOMEM, or
 * MD_ERR_USAGE when text holds a CR, LF or NUL (a value from a file or the
 * command line that would smuggle in a second command): nothing is sent. */
enum md_status line_send(struct line *l, const char *text, size_t len);

/* While on, every line sent is stored in the transcript as "<redacted>"
 * (the lines of an AUTH exchange). */
void line_secret(struct line *l, bool on);

/* Start TLS on the connection (implicit TLS, or after a STARTTLS reply),
 * checking the certificate for host. LINE_EV_TLS or LINE_EV_FAIL follows.
 * Refuses (MD_ERR_PROTO) when the server already sent bytes that were not
 * read yet: they would be plaintext injected into the TLS session. */
enum md_status line_start_tls(struct line *l, struct tls_ctx *ctx,
			      const char *host, struct md_err *err);

/* The reply being reported (during LINE_EV_REPLY), else NULL. */
const struct line_reply *line_reply(const struct line *l);

/* Step through a reply's lines: start with *pos = 0; returns false after
 * the last line. */
bool line_reply_next(const struct line_reply *r, size_t *pos, const char **line,
		     size_t *len);

/* Why the line failed (LINE_FAIL_NONE while it works). */
enum line_fail line_failure(const struct line *l);

/* errno of a LINE_FAIL_IO/RESET, or 0. */
int line_errno(const struct line *l);

/* TLS state: NULL when TLS was never started on this line. Borrowed. */
const struct tls_info *line_tls_info(const struct line *l);

/* True once TLS is up on the line. */
bool line_is_tls(const struct line *l);

#endif
