/* ports.h — the one table of the mail ports: which protocol a port
 * speaks, with which security, and each protocol's default ports. The
 * plan of a check, `probe` and the settings' default ports read it; the
 * protocol and security words here are core/base's own (base includes
 * nothing of ours), the callers turn them into their types. */
#ifndef MD_PORTS_H
#define MD_PORTS_H

#include "core/base/proto_words.h"

#include <stdbool.h>
#include <stddef.h>

enum md_port_proto { MD_PORT_SMTP, MD_PORT_IMAP, MD_PORT_POP3 };

enum md_port_security {
	MD_PORT_STARTTLS, /* plain at first, STARTTLS when offered (25, 143,
			     110) or required (587) */
	MD_PORT_TLS,	  /* implicit TLS from the first byte */
};

struct md_port {
	int port;
	enum md_port_proto proto;
	enum md_port_security security;
	bool starttls_required; /* 587: submission always asks STARTTLS */
	bool is_default;	/* the protocol's default for its security */
	int preference;		/* among the protocol's ports, 0 first:
				   submission, then TLS, then the rest */
};

/* Every port of the table, grouped by protocol (SMTP 25 465 587, IMAP 143
 * 993, POP3 110 995); *n gets the count. */
const struct md_port *md_ports(size_t *n);

/* The entry of port, or NULL for a port the table does not know. */
const struct md_port *md_port_find(int port);

/* The protocol port speaks (ACCT_PROTO_IMAP, _POP3), SMTP for every other
 * port, the table's or not: what `probe HOST:PORT` talks. */
enum acct_proto md_port_acct_proto(int port);

/* The ports of proto in table order into out (at most max); the count. */
size_t md_ports_of(enum md_port_proto proto, const struct md_port **out,
		   size_t max);

/* The same, best first (by preference): 587 465 25, 993 143, 995 110. */
size_t md_ports_preferred(enum md_port_proto proto, const struct md_port **out,
			  size_t max);

/* The default port of proto with implicit TLS or not: 465/25, 993/143,
 * 995/110. */
int md_port_default(enum md_port_proto proto, bool tls);

#endif
