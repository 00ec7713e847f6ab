/* conn.h — one accepted connection of a hostile peer, plaintext or TLS, with
 * blocking writes (optionally dripped one byte a second) and line reads.
 * Every function returns -1 once the client has gone away. */
#ifndef PEER_CONN_H
#define PEER_CONN_H

#include <openssl/ssl.h>
#include <stdbool.h>
#include <stddef.h>

struct conn {
	int fd;	   /* the accepted socket */
	SSL *ssl;  /* NULL while plaintext; owned */
	bool drip; /* conn_write sends one byte a second */
};

/* Writes all of buf (a byte a second when c->drip); 0, or -1. */
int conn_write(struct conn *c, const void *buf, size_t len);

/* conn_write of a NUL-terminated string. */
int conn_puts(struct conn *c, const char *s);

/* Reads one line (up to cap-1 bytes, LF included) into buf, NUL-terminated;
 * returns its length, or -1 at end of stream with nothing read. */
int conn_read_line(struct conn *c, char *buf, size_t cap);

/* Reads whatever one read returns (at most cap bytes); its length or -1. */
int conn_read_some(struct conn *c, void *buf, size_t cap);

/* A TLS handshake as the server with ctx; 0 when it worked, else -1. */
int conn_tls_accept(struct conn *c, SSL_CTX *ctx);

/* Ends TLS (close_notify, when up) and frees it; the fd stays open. */
void conn_done(struct conn *c);

/* Sends a TCP reset instead of a FIN when the fd is closed. */
void conn_reset_on_close(struct conn *c);

#endif
