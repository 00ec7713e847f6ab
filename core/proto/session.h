/* session.h — the one dialogue engine of SMTP, IMAP and POP3 (session.c;
 * the result record and its words: session_result.c) and what it shares
 * with its callers: the security mode, the outcome
 * classes a diagnosis works with, the steps reported live, the settings of
 * one dialogue and the result it fills. A protocol is a `const struct
 * sess_proto` (smtp_proto in smtp.h, imap_proto, pop3_proto); what it
 * declares is in session_private.h. A dialogue:
 *
 *   struct sess *sess_start(loop, fd, proto, params, result, err);
 *                                      fd is then owned
 *   void sess_free(struct sess *);     any time, even in on_done
 *
 * and calls params->on_done exactly once, as the last thing it does. */
#ifndef MD_SESSION_H
#define MD_SESSION_H

#include "core/base/err.h"
#include "core/base/outcome.h"
#include "core/net/loop.h"
#include "core/net/tls.h"
#include "core/net/transcript.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum sess_security {
	SESS_SEC_AUTO,	   /* STARTTLS when offered, else plain */
	SESS_SEC_PLAIN,	   /* never TLS */
	SESS_SEC_STARTTLS, /* STARTTLS required */
	SESS_SEC_TLS,	   /* implicit TLS from the first byte */
};

/* The outcome classes are core/base/outcome.h's list (same values, same
 * words); X(id, JSON word, untranslated short reason, class). */
#define SESS_OUTCOME_LIST(X) MD_OUTCOME_LIST(X)

enum sess_outcome {
#define SESS_X_ENUM(id, word, text, cls) SESS_OUT_##id = MD_OUT_##id,
	SESS_OUTCOME_LIST(SESS_X_ENUM)
#undef SESS_X_ENUM
};

/* Steps a probe goes through, in order; reported as they start. */
enum sess_step {
#define SESS_X_STEP(id, word, row_word) SESS_STEP_##id = MD_STEP_##id,
	MD_STEP_LIST(SESS_X_STEP)
#undef SESS_X_STEP
	    SESS_STEP__COUNT
};

enum sess_auth {
	SESS_AUTH_NONE,	       /* not asked for */
	SESS_AUTH_OK,	       /* the server accepted the login */
	SESS_AUTH_FAILED,      /* the server refused it (535, NO, -ERR) */
	SESS_AUTH_INSECURE,    /* not tried: the connection is not encrypted */
	SESS_AUTH_NO_MECH,     /* not tried: no mechanism in common */
	SESS_AUTH_NO_PASSWORD, /* not tried: no password was given */
	SESS_AUTH_UNVERIFIED,  /* not tried: TLS went on (--insecure) past a
				  certificate that failed verification */
};

/* Writes the password for user into buf (size bytes, NUL-terminated) and
 * returns its length, or -1 when there is none. The engine clears buf as
 * soon as it has used it; the password is never stored or logged. */
typedef int sess_password_fn(void *ud, const char *user, char *buf,
			     size_t size);

struct sess_params {
	const char *host; /* the name the certificate must carry */
	enum sess_security security;
	struct tls_ctx *tls;	    /* borrowed; needed unless SESS_SEC_PLAIN */
	uint64_t reply_timeout_ms;  /* each reply and handshake; 0: 30 s */
	const char *helo;	    /* EHLO name; NULL: our address literal */
	const char *user;	    /* log in as this user; NULL: no login */
	sess_password_fn *password; /* asked when the login happens */
	void *password_ud;
	bool auth_insecure;    /* allow login on an unencrypted line */
	const char *mail_from; /* SMTP dry run: both set, or none */
	const char *rcpt_to;
	struct transcript *ts; /* borrowed, may be NULL */
	/* Progress: step is starting. May be NULL. */
	void (*on_step)(void *ud, enum sess_step step);
	/* Finished; the result is complete. Called once, last. */
	void (*on_done)(void *ud);
	/* State transitions "from -> to" for traces and tests. May be NULL. */
	void (*trace)(void *ud, const char *from, const char *to);
	void *ud;
};

#define SESS_MAX_CAPS 64 /* capabilities kept */

struct sess_result {
	enum sess_outcome outcome;
	enum sess_step step;	     /* where it ended (or failed) */
	enum sess_security security; /* what was used: PLAIN, STARTTLS, TLS */
	bool tls_tried;		     /* tls below is meaningful */
	struct tls_info tls;
	char *caps[SESS_MAX_CAPS]; /* capability keywords, owned */
	size_t n_caps;
	char *mechs[SESS_MAX_CAPS]; /* AUTH mechanisms, owned */
	size_t n_mechs;
	bool starttls_offered;
	bool pipelining, eightbitmime; /* SMTP */
	uint64_t size_limit;	       /* SMTP SIZE, 0 when not said */
	enum sess_auth auth;
	int reply_code;	    /* SMTP code of the deciding reply, or 0 */
	char reply[512];    /* the server's deciding words */
	char greeting[256]; /* first line of the greeting */
	char detail[256];   /* what went wrong, English, or "" */
	uint64_t t0;	    /* loop clock at the start */
	uint64_t step_ms[SESS_STEP__COUNT]; /* ms after t0 when each step
					       ended; 0: not reached */
};

/* An empty result starting at loop clock t0. */
void sess_result_init(struct sess_result *r, uint64_t t0);

/* Free the lists; the result is empty afterwards. */
void sess_result_done(struct sess_result *r);

/* Drop the capabilities and mechanisms (after STARTTLS they are asked
 * again). */
void sess_result_forget_caps(struct sess_result *r);

/* Add a capability keyword (len bytes), or a mechanism. Silently capped. */
void sess_add_cap(struct sess_result *r, const char *s, size_t len);
void sess_add_mech(struct sess_result *r, const char *s, size_t len);

/* True when the capability or mechanism is listed (case-insensitive). */
bool sess_has_cap(const struct sess_result *r, const char *cap);
bool sess_has_mech(const struct sess_result *r, const char *mech);

/* Keep the server's words of a reply (first lines, joined by " / "). */
void sess_set_reply(struct sess_result *r, const char *text, size_t len);

/* Record the end of the current step at loop clock now. */
void sess_step_done(struct sess_result *r, enum sess_step step, uint64_t now);

/* Base64 of len bytes of in into out (size outsz, NUL-terminated); returns
 * the length, or 0 when out is too small. */
size_t sess_base64(const void *in, size_t len, char *out, size_t outsz);

struct sess;	   /* one running dialogue */
struct sess_proto; /* one protocol: smtp_proto, imap_proto, pop3_proto */

/* Start the proto dialogue on the connected non-blocking socket fd (owned
 * from now on, closed by sess_free()). p is copied; its strings, tls and ts
 * are borrowed until on_done. res is filled as the dialogue goes; it must
 * stay valid until on_done. Returns NULL with err filled (fd closed). */
struct sess *sess_start(struct loop *loop, int fd,
			const struct sess_proto *proto,
			const struct sess_params *p, struct sess_result *res,
			struct md_err *err);

/* Stop and free (NULL is fine); on_done is not called after this. */
void sess_free(struct sess *s);

/* The outcome class of a failed connect's errno: ECONNREFUSED refused,
 * ETIMEDOUT timeout, no route (EHOSTUNREACH, ENETUNREACH, …, EPERM from a
 * local firewall) unreachable, ECONNRESET reset, anything else error; 0
 * is SESS_OUT_OK. */
enum sess_outcome sess_connect_outcome(int errnum);

/* Stable words for JSON and untranslated sentences for tables. */
const char *sess_outcome_word(enum sess_outcome o);
const char *sess_outcome_text(enum sess_outcome o);
const char *sess_step_word(enum sess_step s);
const char *sess_security_word(enum sess_security s);
const char *sess_auth_word(enum sess_auth a);

#endif
