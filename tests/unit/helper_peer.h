/* helper_peer.h — scripted mail servers for the unit tests: a task (a
 * forked child on Linux, a thread on Windows: helper_os.h) that plays a fixed
 * dialogue on one end of a socketpair or on an accepted loopback connection
 * (with TLS when the script says so), and test certificates made with OpenSSL
 * in a temporary folder. */
#ifndef MD_HELPER_PEER_H
#define MD_HELPER_PEER_H

#include "tests/unit/helper_os.h"

#include <stdbool.h>

enum peer_act {
	PEER_END,    /* the script is over: exit 0 (after draining input) */
	PEER_SEND,   /* write arg */
	PEER_EXPECT, /* read one line; it must start with arg */
	PEER_TLS,    /* accept TLS with the spawn's cert file */
	PEER_SLEEP,  /* sleep ms */
	PEER_CLOSE,  /* close and exit 0 */
	PEER_RESET,  /* close with a TCP reset (SO_LINGER 0) and exit 0 */
	PEER_FLOOD,  /* write arg again and again, ms times */
};

struct peer_step {
	enum peer_act act;
	const char *arg;
	unsigned ms;
};

/* Start a peer playing steps on fd (the peer's end: the caller's use of it
 * ends). cert: PEM file with certificate chain and key, for PEER_TLS.
 * Returns the peer, or NULL. The peer ends by itself within 15 s. */
struct ho_task *peer_spawn(int fd, const struct peer_step *steps,
			   const char *cert);

/* Like peer_spawn, but the peer first accepts one connection on the
 * listening socket lfd (whose use by the caller ends too). */
struct ho_task *peer_spawn_listen(int lfd, const struct peer_step *steps,
				  const char *cert);

/* Wait for the peer; returns 0 when it played the whole script, else the
 * 1-based index of the step that failed (or 99). Frees it. */
int peer_wait(struct ho_task *peer);

/* End the peer now, whatever its script (NULL is fine). Frees it. */
void peer_stop(struct ho_task *peer);

/* A listening TCP socket on 127.0.0.1 (or ::1 when v6) with a free port;
 * returns the fd and sets *port, or -1. */
int peer_listen(bool v6, int *port);

/* A port on 127.0.0.1 nothing listens on (a connect is refused at once):
 * a listening socket's port, closed again. Fails the test when no socket
 * can be made. */
int peer_closed_port(void);

/* A UDP socket bound to 127.0.0.1 with a free port; returns the fd and
 * sets *port, or -1. */
int peer_udp(int *port);

/* A plain SMTP server's script: greets, answers EHLO (with SIZE), says
 * goodbye to QUIT. */
extern const struct peer_step peer_smtp_ok[];

/* Make test certificates in dir: ca.pem (the CA), and chain+key files
 * good.pem (mail.test.example, localhost, 127.0.0.1), expired.pem,
 * wrongname.pem (other.example), selfsigned.pem, unknownca.pem (issued by
 * a CA nobody trusts), weak.pem (good's leaf signed with SHA-1). Returns
 * false on failure. */
bool certs_make(const char *dir);

#endif
