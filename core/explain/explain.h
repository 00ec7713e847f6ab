/* explain.h — reads a bounce message, an mbox of them, or mail server log
 * lines, and says for each recipient what happened, why (a reason of
 * sisimai's taxonomy, from assets/rejections.xml), who must act and what
 * to do.
 *
 * Files: explain.c (input detection, the entry points, words of a
 * recipient), explain_result.c (the list of recipients every reader
 * builds), explain_mime.c (GMime walk,
 * parts of a report), explain_dsn.c (delivery-status fields),
 * explain_text.c (free-text bounces),
 * explain_log.c (postfix, exim, sendmail log lines), explain_classify.c
 * (status and words -> reason through the rejections knowledge base),
 * explain_family.c (what the software that wrote a bounce does its own
 * way: Exim's and OpenSMTPD's reports and status codes). */
#ifndef MD_EXPLAIN_H
#define MD_EXPLAIN_H

#include "core/base/err.h"
#include "core/kb/rejections.h"

#include <stdbool.h>
#include <stddef.h>

/* What the input was. */
enum explain_input {
	EXPLAIN_IN_UNKNOWN,
	EXPLAIN_IN_MESSAGE, /* one RFC 5322 message */
	EXPLAIN_IN_MBOX,    /* several, "From " separated */
	EXPLAIN_IN_LOG,	    /* MTA log lines */
};

/* One recipient of one report. Strings are owned by the result. */
struct explain_rcpt {
	char *address;	    /* recipient, "" when unknown */
	char status[16];    /* RFC 3463 enhanced code, "" when none */
	char reply[4];	    /* SMTP reply code, "" when none */
	char *remote_host;  /* the server that answered, "" when unknown */
	char *report_host;  /* the server that wrote the report (the "by"
			       host of its first Received: hop), or NULL */
	char *diagnostic;   /* the server's own words, UTF-8, one line */
	char *action;	    /* DSN Action: failed, delayed, delivered, ... */
	char *command;	    /* SMTP command answered: RCPT, MAIL, DATA, ... */
	const char *mta;    /* family of the server that wrote it, or NULL */
	const char *reason; /* taxonomy name (static or KB-owned) */
	bool hard_bounce;   /* retrying cannot help */
	bool failed;	    /* a failure (not delivered/vacation/feedback) */
	enum rej_who who;   /* who must act */
	struct rej_match match; /* the rule and what its pattern captured */
	const char *summary;	/* English template (translate, then fill) */
	const char *advice;	/* English template (translate, then fill) */
	bool status_given;	/* status came from the input, not pseudo */
};

/* Everything found in one input. */
struct explain_result {
	enum explain_input input;
	struct explain_rcpt *rcpts;
	size_t n, cap;
	size_t messages; /* messages read (mbox: several) */
	size_t lines;	 /* log lines read */
	bool truncated;	 /* stopped at the recipient limit */
};

/* Recipients kept at most in one result; beyond, result->truncated. */
#define EXPLAIN_MAX_RCPTS 100000

/* Inputs larger than this are refused (MD_ERR_TOOBIG) in message mode;
 * log mode streams and has no limit. */
#define EXPLAIN_MAX_MESSAGE ((size_t)64 << 20)

/* Start GMime for this process; call once before any explain function
 * (idempotent). */
void explain_global_init(void);

/* Guess the kind of input from its first bytes. */
enum explain_input explain_detect(const char *buf, size_t len);

/* Explain a whole input held in memory (buf need not end in NUL).
 * kind: EXPLAIN_IN_UNKNOWN to detect. On MD_OK *out is a new result the
 * caller frees with explain_result_free(), possibly with no recipient
 * (nothing recognised: the caller decides). MD_ERR_PARSE when the input is
 * neither a message nor a log; MD_ERR_TOOBIG; MD_ERR_NOMEM. */
enum md_status explain_buffer(const struct rej_kb *kb, const char *buf,
			      size_t len, enum explain_input kind,
			      struct explain_result **out, struct md_err *err);

/* Called by explain_log_feed() for each recipient found; the record is
 * borrowed for the duration of the call. Return false to stop. */
typedef bool (*explain_rcpt_cb)(const struct explain_rcpt *r, void *ud);

/* A streaming reader of log lines: feed it chunks of any size; it calls
 * cb for every failure or delivery line it recognises. Memory stays
 * bounded (a line longer than 64 KiB is cut). */
struct explain_log;
struct explain_log *explain_log_new(const struct rej_kb *kb, explain_rcpt_cb cb,
				    void *ud);
/* Feed len bytes; MD_OK, or MD_ERR_CANCELLED when cb returned false. */
enum md_status explain_log_feed(struct explain_log *lg, const char *buf,
				size_t len);
/* Flush the last line without newline; returns lines read so far. */
size_t explain_log_finish(struct explain_log *lg);
void explain_log_free(struct explain_log *lg);

/* Explain one log line (no newline needed): fills r (freed with
 * explain_rcpt_done) and returns true when the line is a delivery
 * record of postfix, exim or sendmail. */
bool explain_log_line(const struct rej_kb *kb, const char *line, size_t len,
		      struct explain_rcpt *r);

/* The summary / advice of r, translated with gettext and with its
 * placeholders filled; newly allocated (caller frees), NULL on no
 * memory. */
char *explain_summary(const struct explain_rcpt *r);
char *explain_advice(const struct explain_rcpt *r);

/* The translated one-sentence meaning of a who-acts value. */
const char *explain_who_text(enum rej_who who);

void explain_rcpt_done(struct explain_rcpt *r);
void explain_result_free(struct explain_result *res);

/* Many inputs at once (explain_many.c). */
#include "core/explain/explain_many.h"

#endif
