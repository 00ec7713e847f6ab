/* modes.h — the hostile peers' misbehaviours, one function per mode, each
 * serving one accepted connection on a port of a known protocol. */
#ifndef PEER_MODES_H
#define PEER_MODES_H

#include "dialect.h"

#include <openssl/ssl.h>
#include <stdbool.h>

struct serve_ctx {
	const char *name;	      /* the peer's host name */
	const struct peer_port *port; /* the port the client came to */
	SSL_CTX *tls;		      /* the peer's certificate, or NULL */
};

/* Serves one connection in mode; the caller closes fd. */
void modes_serve(const char *mode, int fd, const struct serve_ctx *sc);

/* True when mode is one of the modes. */
bool modes_known(const char *mode);

/* True when mode does a real TLS handshake (and so needs a certificate). */
bool modes_need_cert(const char *mode);

/* False when mode makes no sense on port (STARTTLS tricks on 465). */
bool modes_port_ok(const char *mode, const struct peer_port *port);

#endif
