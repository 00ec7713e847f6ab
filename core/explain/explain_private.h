/* explain_private.h — what the explain_*.c files share and nobody else
 * sees: the per-message context the scanners fill,
 * and the steps between them. */
#ifndef MD_EXPLAIN_PRIVATE_H
#define MD_EXPLAIN_PRIVATE_H

#include "core/explain/explain.h"
#include "core/base/xbuf.h"

#include <stdbool.h>
#include <stddef.h>

/* What one message says beside its recipients. */
struct explain_msg {
	const char *headers;	   /* the bounce's header block, "" if none */
	const char *human;	   /* the human-readable text (UTF-8), cut */
	const char *mta;	   /* detected family, or NULL */
	const char *orig_to;	   /* original message's To:, or NULL */
	const char *failed;	   /* X-Failed-Recipients:, or NULL */
	const char *reporting_mta; /* Reporting-MTA of the DSN, or NULL */
	const char *report_host;   /* "by" host of the first Received: hop of
				      the bounce, or NULL */
	bool has_dsn;		   /* a delivery-status part came with it */
};

/* A new, zeroed recipient at the end of res; NULL when full or no memory
 * (res->truncated set when full). */
struct explain_rcpt *explain_result_add(struct explain_result *res);

/* Replace the text with a copy; false on no memory. */
bool explain_set(char **dst, const char *s, size_t n);

/* Collapse runs of white space (and CR/LF) to one space, trim; in place. */
void explain_squeeze(char *s);

/* Find an enhanced status code ("5.1.1") in s; writes it to out (16 bytes)
 * and returns true. IP addresses are skipped. */
bool explain_find_status(const char *s, char out[16]);

/* The enhanced status code that tells most in s, as sisimai reads it: the
 * first one, except that "x.0.0" and 4.4.7 give way to any other, and
 * successes (2.x, a transcript's earlier steps) to any failure. */
bool explain_pick_status(const char *s, char out[16]);

/* The SMTP reply code that tells most in s: valid codes only (RFC 5321
 * and extensions), 5xx before 4xx before 2xx, in a fixed order of
 * meaning; not in an "X-Unix;" program exit. */
bool explain_pick_reply(const char *s, char out[4]);

/* The same, codes of class cls ('4', '5', '2': the status's) before the
 * others; cls '\0' for none. */
bool explain_pick_reply_class(const char *s, char cls, char out[4]);

/* Find an SMTP reply code ("550") in s; writes it to out (4 bytes). */
bool explain_find_reply(const char *s, char out[4]);

/* Find the SMTP command a reply answered ("RCPT", "MAIL", "DATA",
 * "HELO", "CONN") in s; NULL when none is named. */
const char *explain_find_command(const char *s);

/* Find "host NAME[", "host NAME [" or "host: NAME (" in s; copies NAME
 * into out. */
bool explain_find_host(const char *s, char *out, size_t n);

/* Fill missing status/reply/command/host from r->diagnostic, classify r
 * with the knowledge base, set reason, hard, who, texts, pseudo status. */
void explain_classify(const struct rej_kb *kb, struct explain_rcpt *r);

/* ---- what the software that wrote a bounce does its own way
 * (explain_family.c); mta is a family id of rejections.xml or NULL ---- */

/* Does the family's own text report win over its delivery-status part?
 * (OpenSMTPD: its text names each recipient with its words; its DSN part
 * holds only a queue status.) */
bool explain_family_text_first(const char *mta);

/* Are a recipient's words on its own line only ("a@b: words"), not on
 * the lines after it? */
bool explain_family_one_line(const char *mta);

/* Once the reason is known and before a pseudo status is chosen: the
 * status code the family's reports imply when they give none (Exim: the
 * "onhold" code of the reply's class for a refused MAIL FROM; a temporary
 * code for an expiry or a full mailbox without any code). */
void explain_family_status(const struct rej_kb *kb, struct explain_rcpt *r);

/* Before the classifier reads them: what the family's words say of the
 * status (Amazon SES: the quoted reply's code over x.0.0 or x.1.0). */
void explain_family_words(struct explain_rcpt *r);
/* ---- body formats of sisimai's Lhost modules the general scanner does
 * not read (explain_lhost_*.c) ---- */

/* The value of header name ("\nFrom:") in the header block hb, to its
 * line's end (length in *n); NULL when absent. Borrowed. */
const char *explain_header_value(const char *hb, const char *name, size_t *n);

/* Does [p, p + n) hold needle, in any case? */
bool explain_span_has(const char *p, size_t n, const char *needle);

/* Each format below in turn; the recipients of the first that reads m. */
size_t explain_lhost_scan(const struct explain_msg *m,
			  struct explain_result *res);

/* A report of the fml mailing-list manager (Sisimai::Lhost::FML): append
 * a recipient per address its text names, its reason when the words or
 * the Subject decide one; returns how many, 0 when m is no such report. */
size_t explain_lhost_fml(const struct explain_msg *m,
			 struct explain_result *res);

/* A report of Verizon Wireless (Sisimai::Lhost::Verizon): its vtext.com
 * SMS gateway or its vzwpix.com MMS one. */
size_t explain_lhost_verizon(const struct explain_msg *m,
			     struct explain_result *res);

/* Parse one message (or an mbox) with GMime and append its recipients. */
enum md_status explain_mime(const struct rej_kb *kb, const char *buf,
			    size_t len, bool mbox, struct explain_result *res,
			    struct md_err *err);

/* Scan a free-text bounce (already cut before the original message) and
 * append a recipient per failed address found. Returns how many. */
size_t explain_text_scan(const struct rej_kb *kb, const struct explain_msg *m,
			 struct explain_result *res);

/* An Amazon SES notification in JSON (bare, or in an SNS envelope) in
 * text: append a recipient per bounced, complained or delivered address
 * (explain_ses.c); returns how many, 0 when text is no such JSON. */
size_t explain_ses_scan(const char *text, struct explain_result *res);

/* Parse a delivery-status body (RFC 3464 fields) and append recipients;
 * returns how many. notes: a Status field's comment ("4.0.0 (host name
 * lookup failure)") becomes the words of a recipient that has no
 * Diagnostic-Code. */
size_t explain_dsn_parse(const char *dsn, size_t len,
			 const struct explain_msg *m,
			 struct explain_result *res, bool notes);

/* GMime's stream, without GMime's headers here. */
typedef struct _GMimeStream GMimeStream;

/* Called for each message of an mbox with its own result (borrowed) and
 * the byte offset of its "From " line; false stops the walk. */
typedef bool (*explain_mbox_cb)(struct explain_result *res, long long offset,
				void *ud);

/* Each message of the mbox on st (explain_mime.c); MD_ERR_TOOBIG when one
 * is over max bytes, MD_ERR_CANCELLED when each returned false,
 * MD_ERR_PARSE when there is none. */
enum md_status explain_mime_mbox(const struct rej_kb *kb, GMimeStream *st,
				 size_t max, explain_mbox_cb each, void *ud,
				 struct md_err *err);

#endif
