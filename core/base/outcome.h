/* outcome.h — the one list of how a probe of one address ends and of the
 * steps it goes through: the protocol dialogues (core/proto/session.h
 * builds enum sess_outcome and enum sess_step from these lists, same
 * values), the rows of a check (core/check/check.h) and the diagnosis
 * (core/diag) all carry these values; nobody maps one to another.
 *
 * The JSON words are stable: `probe --json` and `check --json` print them. */
#ifndef MD_OUTCOME_H
#define MD_OUTCOME_H

/* How a probe failed, in classes a person understands. */
enum md_outcome_class {
	MD_CLASS_OK,	  /* it worked */
	MD_CLASS_BLOCKED, /* nothing came back or the way is closed */
	MD_CLASS_TLS,	  /* the encryption failed */
	MD_CLASS_DNS,	  /* the name could not be turned into an address */
	MD_CLASS_SERVER,  /* the server answered, but not as hoped */
	MD_CLASS_LOCAL,	  /* on this computer: an error, or stopped */
};

/* X(id, JSON word, untranslated short sentence for tables, class). */
#define MD_OUTCOME_LIST(X)                                                     \
	X(OK, "ok", "works", MD_CLASS_OK)                                      \
	X(TIMEOUT, "timeout", "no answer (timeout)", MD_CLASS_BLOCKED)         \
	X(REFUSED, "refused", "connection refused", MD_CLASS_BLOCKED)          \
	X(UNREACHABLE, "unreachable", "no route to the server",                \
	  MD_CLASS_BLOCKED)                                                    \
	X(RESET, "reset", "connection reset", MD_CLASS_BLOCKED)                \
	X(TLS_FAILED, "tls-failed", "TLS failed", MD_CLASS_TLS)                \
	X(PROTOCOL_ERROR, "protocol-error",                                    \
	  "the server does not follow the protocol", MD_CLASS_SERVER)          \
	X(AUTH_FAILED, "auth-failed", "login refused", MD_CLASS_SERVER)        \
	X(REJECTED, "rejected", "the server refused a command",                \
	  MD_CLASS_SERVER)                                                     \
	X(NOT_FOUND, "not-found", "the name has no address", MD_CLASS_DNS)     \
	X(DNS_FAILED, "dns-failed", "the name could not be looked up",         \
	  MD_CLASS_DNS)                                                        \
	X(ERROR, "error", "local error", MD_CLASS_LOCAL)                       \
	X(CANCELLED, "cancelled", "cancelled", MD_CLASS_LOCAL)

enum md_outcome {
#define MD_X_ENUM(id, word, text, cls) MD_OUT_##id,
	MD_OUTCOME_LIST(MD_X_ENUM)
#undef MD_X_ENUM
};

/* X(id, JSON word of a probe, JSON word of a check's row). The steps of
 * one dialogue, in order; a check's row also says "waiting" before its
 * probe starts (MD_STEP_WAITING, no dialogue step), shows the dry run as
 * "auth" and QUIT as nothing new. */
#define MD_STEP_LIST(X)                                                        \
	X(RESOLVE, "resolve", "resolving")	/* looking up the name */      \
	X(CONNECT, "connect", "connecting")	/* TCP connect */              \
	X(TLS, "tls", "tls")			/* implicit TLS or STARTTLS */ \
	X(GREETING, "greeting", "greeting")	/* the server's greeting */    \
	X(CAPS, "capabilities", "capabilities") /* EHLO / CAPABILITY / CAPA */ \
	X(AUTH, "auth", "auth")			/* logging in */               \
	X(DRYRUN, "dry-run", "auth") /* MAIL FROM / RCPT TO / RSET */          \
	X(QUIT, "quit", "done")	     /* QUIT / LOGOUT */                       \
	X(DONE, "done", "done")	     /* finished */

enum md_step {
#define MD_X_ENUM(id, word, row_word) MD_STEP_##id,
	MD_STEP_LIST(MD_X_ENUM)
#undef MD_X_ENUM
	    MD_STEP__COUNT,
	MD_STEP_WAITING = MD_STEP__COUNT, /* a check's row not started yet */
};

/* The JSON word ("error" for a value out of the list), the untranslated
 * sentence (translate with _()) and the class of an outcome. */
const char *md_outcome_word(enum md_outcome o);
const char *md_outcome_text(enum md_outcome o);
enum md_outcome_class md_outcome_class(enum md_outcome o);

/* The JSON word of a step in a probe ("resolve", "dry-run", …) and in a
 * check's row ("waiting", "resolving", "connecting", "tls", "greeting",
 * "capabilities", "auth", "done"). */
const char *md_step_word(enum md_step s);
const char *md_step_row_word(enum md_step s);

#endif
