/* dialect.h — what SMTP, IMAP and POP3 look like from a hostile peer's side:
 * which port speaks which protocol, greetings, and one honest minimal
 * dialogue per protocol (EHLO/CAPABILITY/CAPA, STARTTLS/STLS, QUIT/LOGOUT)
 * into which a mode hooks its misbehaviour. */
#ifndef PEER_DIALECT_H
#define PEER_DIALECT_H

#include "conn.h"

#include <stdbool.h>

#define FLOOD_BYTES (10u * 1024u * 1024u) /* size of every flood */

enum proto { PROTO_SMTP, PROTO_IMAP, PROTO_POP3 };

/* A port the peers know: its protocol and whether TLS starts at once. */
struct peer_port {
	int port;
	enum proto proto;
	bool implicit_tls; /* 465, 993, 995 */
};

/* The entry for port, or NULL for a port no mail protocol uses. */
const struct peer_port *dialect_port(int port);

/* "smtp", "imap" or "pop3". */
const char *dialect_name(enum proto p);

/* What a mode does when the client asks for STARTTLS (STLS): goahead is
 * the protocol's positive reply, not sent yet. Returns 0 to go on with the
 * dialogue over c (now TLS, or still plaintext), -1 to end it. */
typedef int dialect_starttls_fn(struct conn *c, enum proto p,
				const char *goahead, void *ud);

struct dialogue {
	const char *name;  /* the host name the peer says */
	bool big_caps;	   /* IMAP CAPABILITY, POP3 CAPA: 10 MB */
	unsigned delay_ms; /* each answer starts this late */
	bool refuse_rcpt;  /* SMTP RCPT TO: 550 */
	dialect_starttls_fn *on_starttls; /* NULL: STARTTLS not offered */
	void *ud;			  /* for on_starttls */
};

/* The protocol's greeting ("220 …", "* OK …", "+OK …"); 0 or -1. */
int dialect_greet(struct conn *c, enum proto p, const char *name);

/* The first bytes of a greeting ("220 ", "* OK ", "+OK "), for the modes
 * that then never end the line. */
const char *dialect_greeting_prefix(enum proto p);

/* Answers commands until QUIT/LOGOUT, a failed hook or the client leaves.
 * The greeting is the caller's. */
void dialect_serve(struct conn *c, enum proto p, const struct dialogue *d);

/* Writes FLOOD_BYTES of lines that begin with prefix (then 'f's, CR LF);
 * 0 or -1. */
int dialect_flood_lines(struct conn *c, const char *prefix);

#endif
