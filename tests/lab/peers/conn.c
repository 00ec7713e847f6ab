/* conn.c — reading and writing one hostile peer's connection, plaintext or
 * TLS (see conn.h). */
#define _GNU_SOURCE
#include "conn.h"

#include <errno.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

/* One write of at most len bytes; the count, or -1. */
static int write_once(struct conn *c, const char *p, size_t len)
{
	if (c->ssl) {
		size_t put = 0;
		return SSL_write_ex(c->ssl, p, len, &put) == 1 ? (int)put : -1;
	}
	for (;;) {
		ssize_t n = write(c->fd, p, len);
		if (n < 0 && errno == EINTR)
			continue;
		return n > 0 ? (int)n : -1;
	}
}

int conn_write(struct conn *c, const void *buf, size_t len)
{
	const char *p = buf;
	while (len > 0) {
		int n = write_once(c, p, c->drip ? 1 : len);
		if (n < 0)
			return -1;
		p += n;
		len -= (size_t)n;
		if (c->drip)
			sleep(1);
	}
	return 0;
}

int conn_puts(struct conn *c, const char *s)
{
	return conn_write(c, s, strlen(s));
}

int conn_read_some(struct conn *c, void *buf, size_t cap)
{
	if (c->ssl) {
		size_t got = 0;
		return SSL_read_ex(c->ssl, buf, cap, &got) == 1 ? (int)got : -1;
	}
	for (;;) {
		ssize_t n = read(c->fd, buf, cap);
		if (n < 0 && errno == EINTR)
			continue;
		return n > 0 ? (int)n : -1;
	}
}

int conn_read_line(struct conn *c, char *buf, size_t cap)
{
	size_t n = 0;
	while (n + 1 < cap) {
		char ch;
		if (conn_read_some(c, &ch, 1) < 0) {
			if (n == 0)
				return -1;
			break;
		}
		buf[n++] = ch;
		if (ch == '\n')
			break;
	}
	buf[n] = '\0';
	return (int)n;
}

int conn_tls_accept(struct conn *c, SSL_CTX *ctx)
{
	if (!ctx)
		return -1;
	c->ssl = SSL_new(ctx);
	if (!c->ssl || SSL_set_fd(c->ssl, c->fd) != 1 ||
	    SSL_accept(c->ssl) != 1)
		return -1;
	return 0;
}

void conn_done(struct conn *c)
{
	if (c->ssl && SSL_is_init_finished(c->ssl))
		SSL_shutdown(c->ssl);
	SSL_free(c->ssl);
	c->ssl = NULL;
}

void conn_reset_on_close(struct conn *c)
{
	struct linger lg = {.l_onoff = 1, .l_linger = 0};
	setsockopt(c->fd, SOL_SOCKET, SO_LINGER, &lg, sizeof lg);
}
