/* session_private.h — the dialogue engine as a protocol sees it: what a
 * protocol (smtp.c, imap.c, pop3.c) declares in its `const struct
 * sess_proto`, and the calls its reply handlers make. Only core/proto
 * includes this.
 *
 * The engine (session.c) owns the line, the states and their tracing, the
 * timeouts, implicit TLS and the STARTTLS upgrade, the failure classes,
 * the login policy and the goodbye. A protocol says how its replies end
 * and what their code is, and what to do with the reply of each of its own
 * states. Call order: the engine awaits the greeting (after implicit TLS
 * when asked) and hands it to the GREETING state's handler; a handler
 * ends by one of the calls below (send, fail, caps known, login done,
 * quit) — each of them moves the dialogue on. */
#ifndef MD_SESSION_PRIVATE_H
#define MD_SESSION_PRIVATE_H

#include "core/base/attr.h"

#include "core/net/line.h"
#include "core/proto/session.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* What to do with the reply r awaited in a state; code is what the
 * protocol's reply_code said of it. */
typedef void sess_reply_fn(struct sess *s, const struct line_reply *r,
			   int code);

struct sess_state {
	const char *name;	 /* "SMTP_ST_EHLO": for traces */
	enum sess_step step;	 /* the step the state belongs to */
	sess_reply_fn *on_reply; /* its reply; NULL: the engine's or none */
};

/* The states every dialogue has, numbered first and in this order; a
 * protocol's own states follow from SESS_ST_OWN on. */
enum sess_common_state {
	SESS_ST_INIT,	      /* nothing yet */
	SESS_ST_TLS_IMPLICIT, /* TLS before the greeting (465, 993, 995) */
	SESS_ST_GREETING,     /* awaiting the greeting */
	SESS_ST_STARTTLS,     /* STARTTLS (STLS) sent: awaiting the go-ahead */
	SESS_ST_TLS,	      /* the handshake after the go-ahead */
	SESS_ST_QUIT,	      /* the goodbye sent: any reply ends it */
	SESS_ST_DONE,	      /* finished */
	SESS_ST_OWN,	      /* the protocol's own states start here */
};

/* The common states for a protocol's X-macro list X(name, step, handler):
 * P is the protocol's prefix (SMTP_ST_), on_greeting its greeting handler.
 */
#define SESS_COMMON_STATES(X, P, on_greeting)                                  \
	X(P##INIT, SESS_STEP_GREETING, NULL)                                   \
	X(P##TLS_IMPLICIT, SESS_STEP_TLS, NULL)                                \
	X(P##GREETING, SESS_STEP_GREETING, on_greeting)                        \
	X(P##STARTTLS, SESS_STEP_TLS, NULL)                                    \
	X(P##TLS, SESS_STEP_TLS, NULL)                                         \
	X(P##QUIT, SESS_STEP_QUIT, NULL)                                       \
	X(P##DONE, SESS_STEP_DONE, NULL)

/* What a protocol makes of its X-macro list: its enum of states
 * (enum x_state { X_STATE_LIST(SESS_X_ENUM) };) and its table of them
 * (static const struct sess_state x_states[] = {X_STATE_LIST(SESS_X_ROW)};),
 * the one from the other so that they cannot disagree; SESS_STATES(table)
 * names the table in the protocol's struct sess_proto. */
#define SESS_X_ENUM(name, step, fn) name,
#define SESS_X_ROW(name, step, fn)  {#name, step, fn},
#define SESS_STATES(table)                                                     \
	.states = (table), .n_states = sizeof(table) / sizeof((table)[0])

/* One protocol: all that is particular to it. */
struct sess_proto {
	const char *name;		 /* "SMTP" */
	const struct sess_state *states; /* every state, by number */
	size_t n_states;
	size_t data_size;	  /* bytes of its own record, zeroed
				     (sess_data) */
	const char *starttls_cmd; /* "STARTTLS", "STLS" */
	const char *quit_cmd;	  /* "QUIT", "LOGOUT" */
	int go_ahead;		  /* reply code of STARTTLS's yes */
	bool numeric_codes;	  /* codes are the server's (SMTP):
				     kept as the deciding reply_code */
	/* True when line (len bytes, no CR LF; the index-th of the reply,
	 * from 0) ends the reply awaited now. */
	bool (*is_last)(struct sess *s, const char *line, size_t len,
			size_t index);
	/* The code of the whole reply r (it may also read what r tells
	 * besides, like IMAP's untagged CAPABILITY); -1: malformed. */
	int (*reply_code)(struct sess *s, const struct line_reply *r);
	/* Write the prefix of the next command (IMAP's tag and a space) into
	 * buf; NULL: commands have none. */
	void (*prefix)(struct sess *s, char *buf, size_t size);
	/* TLS is up after STARTTLS: ask the capabilities again. */
	void (*caps_again)(struct sess *s);
	/* Start the login (the policy allowed it, a password callback is
	 * there): false when there is no mechanism in common, nothing sent. */
	bool (*login)(struct sess *s);
	/* After the login (done, not tried, or not asked for); NULL: quit. */
	void (*after_login)(struct sess *s);
};

/* The protocol's own record, the parameters, the result being filled, the
 * current state. Borrowed. */
void *sess_data(struct sess *s);
const struct sess_params *sess_p(const struct sess *s);
struct sess_result *sess_res(struct sess *s);
int sess_state(const struct sess *s);

/* The loop clock (ms), for sess_step_done. */
uint64_t sess_now(const struct sess *s);

/* The connected socket (for our own address); owned by the engine. */
int sess_fd(const struct sess *s);

/* The one state setter: trace "from -> to", report a new step. */
void sess_enter(struct sess *s, int next);

/* Send the command (printf format; the protocol's prefix first) and enter
 * next. The one policy for what is not sent: a command that would carry
 * a CR, LF or NUL (line_send refuses it) or not fit SESS_MAX_CMD ends the
 * dialogue as SESS_OUT_ERROR, politely (goodbye). send_hidden: the
 * transcript shows the line as "<redacted>". Every buffer is wiped. */
#define SESS_MAX_CMD 2200
void sess_send(struct sess *s, int next, const char *fmt, ...) MD_PRINTF(3, 4);
void sess_send_hidden(struct sess *s, int next, const char *fmt, ...)
    MD_PRINTF(3, 4);

/* Record a failure (outcome, English why, the server's reply r when there
 * is one, its code) and say goodbye. */
void sess_fail(struct sess *s, enum sess_outcome o, const char *why,
	       const struct line_reply *r, int code);

/* Say goodbye (quit_cmd); the reply ends the dialogue. */
void sess_quit(struct sess *s);

/* The capabilities are known: STARTTLS when wanted (failing when it is
 * required and not offered), else the end of the step and the login. */
void sess_caps_known(struct sess *s);

/* The password for the login into buf (size bytes); its length. -1 when
 * there is none (or it does not fit): the engine has recorded
 * SESS_AUTH_NO_PASSWORD and moved on; the caller just returns. The caller
 * wipes buf. */
int sess_password(struct sess *s, char *buf, size_t size);

/* The server's answer to the login: ok ends the step and goes on
 * (after_login); else the login was refused (why, r, code). */
void sess_login_done(struct sess *s, bool ok, const char *why,
		     const struct line_reply *r, int code);

/* Longest user name the engine logs in with. */
#define SESS_MAX_USER 500

#endif
