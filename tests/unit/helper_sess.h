/* helper_sess.h — run one protocol dialogue (SMTP, IMAP or POP3) against a
 * scripted peer on a socketpair or a loopback TCP connection, for the unit
 * tests of the probe engine. */
#ifndef MD_HELPER_SESS_H
#define MD_HELPER_SESS_H

#include "core/proto/session.h"
#include "tests/unit/helper_peer.h"

enum hs_proto { HS_SMTP, HS_IMAP, HS_POP3 };

struct hs_run {
	struct sess_params p;	/* filled by hs_defaults, then adjusted */
	struct sess_result res; /* the outcome */
	struct transcript ts;	/* what was said (redacted) */
	const char *password;	/* given to the password callback */
	int password_calls;	/* times the callback was asked */
	int done_calls;		/* times on_done was called (must be 1) */
	int peer_status;	/* peer_wait() of the scripted peer */
	char trace[2048];	/* "A>B " for every transition */
};

/* Defaults: plain security, 2 s replies, no login. */
void hs_defaults(struct hs_run *r);

/* Play steps on a socketpair (tcp false) or a loopback TCP connection
 * (tcp true); cert for PEER_TLS steps. Fills r. */
void hs_play(struct hs_run *r, enum hs_proto proto,
	     const struct peer_step *steps, const char *cert, bool tcp);

/* True when some transcript line contains needle. */
bool hs_transcript_has(const struct hs_run *r, const char *needle);

/* Free what hs_play allocated. */
void hs_done(struct hs_run *r);

#endif
