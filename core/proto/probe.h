/* probe.h — one probe: a host and port, resolved to every address, each
 * address connected separately (IPv4 and IPv6 are separate rows), then the
 * protocol's dialogue (smtp.c, imap.c, pop3.c) over plain TCP, STARTTLS or
 * implicit TLS. Everything runs on the caller's loop; progress comes back
 * through one callback so a screen can draw a live matrix.
 *
 * Files of core/proto (below it, core/net: loop, dns, tcp, tls, line,
 * transcript):
 *   session.c    the one dialogue engine: states, timeouts, TLS upgrade,
 *                finish/fail, login policy (session.h; what a protocol
 *                declares: session_private.h)
 *   session_result.c  the result a dialogue fills, and its words
 *   smtp.c imap.c pop3.c   each protocol as a `const struct sess_proto`:
 *                its states, reply framing and codes, its commands
 *   probe.c      this: resolve, connect per address, run the dialogue
 *
 * The process must ignore SIGPIPE (TLS writes to a closed peer). */
#ifndef MD_PROBE_H
#define MD_PROBE_H

#include "core/base/proto_words.h"
#include "core/net/dns.h"
#include "core/base/err.h"
#include "core/net/loop.h"
#include "core/proto/session.h"
#include "core/net/tls.h"
#include "core/net/transcript.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum probe_family {
	PROBE_FAMILY_ANY, /* every address the name has */
	PROBE_FAMILY_V4,  /* IPv4 only (-4) */
	PROBE_FAMILY_V6,  /* IPv6 only (-6) */
};

struct probe_params {
	const char *host;      /* a name or an address literal */
	int port;	       /* 1..65535 */
	enum acct_proto proto; /* ACCT_PROTO_SMTP, _IMAP or _POP3 */
	enum sess_security security;
	enum probe_family family;
	struct dns *dns;	    /* borrowed; needed unless host is a
				       literal */
	struct tls_ctx *tls;	    /* borrowed; needed unless security is
				       SESS_SEC_PLAIN */
	uint64_t timeout_ms;	    /* connect, each reply, the handshake;
				       0: 10 s */
	uint64_t deadline_ms;	    /* a whole row; 0: 4 × timeout. Ends
				       the row as a timeout, unless only
				       the goodbye was awaited: then the
				       result so far stands */
	const char *helo;	    /* EHLO name; NULL: address literal */
	const char *user;	    /* log in; NULL: no login */
	sess_password_fn *password; /* asked when a login happens */
	void *password_ud;
	bool auth_insecure;    /* allow login without TLS */
	const char *mail_from; /* SMTP dry run (no message is sent) */
	const char *rcpt_to;
	bool keep_transcript; /* fill each row's transcript */
};

/* One address of the probe. */
struct probe_row {
	char address[46];	/* numeric address, "" when none resolved */
	int family;		/* 4 or 6, 0 when none resolved */
	struct sess_result res; /* outcome, TLS, capabilities, times */
	struct transcript ts;	/* empty unless keep_transcript */
	bool done;		/* res is final */
};

enum probe_ev_kind {
	PROBE_EV_ROWS,	   /* the addresses are known: rows exist now */
	PROBE_EV_STEP,	   /* row `row` started step `step` */
	PROBE_EV_ROW_DONE, /* row `row` finished */
	PROBE_EV_DONE,	   /* every row finished */
};

struct probe_event {
	enum probe_ev_kind kind;
	size_t row;	     /* PROBE_EV_STEP, PROBE_EV_ROW_DONE */
	enum sess_step step; /* PROBE_EV_STEP */
};

struct probe;

/* Called on the loop as the probe goes. The probe may be freed only after
 * PROBE_EV_DONE (or with probe_cancel + probe_free outside a callback). */
typedef void probe_event_fn(struct probe *pr, const struct probe_event *ev,
			    void *ud);

/* Start a probe on loop. p is copied (strings too); dns and tls are
 * borrowed until PROBE_EV_DONE. Returns NULL with err filled
 * (MD_ERR_USAGE for bad parameters). Free with probe_free(). */
struct probe *probe_start(struct loop *loop, const struct probe_params *p,
			  probe_event_fn *on_event, void *ud,
			  struct md_err *err);

/* Stop every row still running (marked cancelled); no event follows. */
void probe_cancel(struct probe *pr);

/* Free the probe and its rows (NULL is fine). Cancels first. */
void probe_free(struct probe *pr);

/* The rows (valid from PROBE_EV_ROWS on; borrowed). */
size_t probe_n_rows(const struct probe *pr);
const struct probe_row *probe_row(const struct probe *pr, size_t i);

/* The parameters as copied (borrowed). */
const struct probe_params *probe_params(const struct probe *pr);

/* True when every row finished. */
bool probe_done(const struct probe *pr);

/* The protocol and security a port usually means: 25/587 SMTP, 465 SMTP
 * over TLS, 143 IMAP, 993 IMAP over TLS, 110 POP3, 995 POP3 over TLS;
 * others SMTP. STARTTLS ports give SESS_SEC_AUTO (25, 143, 110) or
 * SESS_SEC_STARTTLS (587). */
enum acct_proto probe_port_proto(int port);
enum sess_security probe_port_security(int port);

#endif
