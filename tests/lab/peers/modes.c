/* modes.c — the hostile peers' misbehaviours (see modes.h and the table in
 * tests/lab/README.md). On an implicit-TLS port a protocol-level mode first
 * completes an honest handshake; a TLS-level mode misbehaves where the
 * handshake should be (tlsflood: right after a real one), at once on an
 * implicit-TLS port and after the STARTTLS (STLS) go-ahead on a plain one. */
#define _GNU_SOURCE
#include "modes.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

#define TARPIT_MS 1400 /* the tarpit's delay: under a --timeout of 2 s */

/* An honest STARTTLS: the go-ahead, then a real handshake. */
static int starttls_honest(struct conn *c, enum proto p, const char *goahead,
			   void *ud)
{
	const struct serve_ctx *sc = ud;
	(void)p;
	if (conn_puts(c, goahead) < 0)
		return -1;
	return conn_tls_accept(c, sc->tls);
}

/* Greets and answers honestly; drip sends every byte a second apart. */
static void serve_dialogue(struct conn *c, const struct serve_ctx *sc,
			   bool big_caps)
{
	struct dialogue d = {.name = sc->name,
			     .big_caps = big_caps,
			     .on_starttls = starttls_honest,
			     .ud = (void *)sc};
	if (dialect_greet(c, sc->port->proto, sc->name) == 0)
		dialect_serve(c, sc->port->proto, &d);
}

static void serve_drip(struct conn *c, const struct serve_ctx *sc)
{
	c->drip = true;
	serve_dialogue(c, sc, false);
}

/* Every answer (and the greeting) TARPIT_MS late, each in time for a
 * client's per-reply timer but all together longer than its patience;
 * SMTP's RCPT TO is refused. */
static void serve_tarpit(struct conn *c, const struct serve_ctx *sc)
{
	struct dialogue d = {.name = sc->name,
			     .delay_ms = TARPIT_MS,
			     .refuse_rcpt = true,
			     .on_starttls = starttls_honest,
			     .ud = (void *)sc};
	usleep(TARPIT_MS * 1000u);
	if (dialect_greet(c, sc->port->proto, sc->name) == 0)
		dialect_serve(c, sc->port->proto, &d);
}

/* The greeting's first bytes and then one line that never ends. */
static void serve_endless(struct conn *c, const struct serve_ctx *sc)
{
	char chunk[4096];
	memset(chunk, 'x', sizeof chunk);
	if (conn_puts(c, dialect_greeting_prefix(sc->port->proto)) < 0)
		return;
	while (conn_write(c, chunk, sizeof chunk) == 0)
		;
}

/* 10 MB in one reply: SMTP's banner as 220- lines; IMAP's CAPABILITY and
 * POP3's CAPA answer (their greetings are one line by the protocol). */
static void serve_flood(struct conn *c, const struct serve_ctx *sc)
{
	if (sc->port->proto != PROTO_SMTP) {
		serve_dialogue(c, sc, true);
		return;
	}
	if (dialect_flood_lines(c, "220-") == 0)
		serve_dialogue(c, sc, false);
}

/* 4 KB of pseudo-random bytes, the same every time. */
static void send_garbage(struct conn *c)
{
	unsigned char buf[4096];
	unsigned x = 2463534242u; /* xorshift32 */
	for (size_t i = 0; i < sizeof buf; i++) {
		x ^= x << 13;
		x ^= x >> 17;
		x ^= x << 5;
		buf[i] = (unsigned char)x;
	}
	(void)conn_write(c, buf, sizeof buf);
}

/* Reads the ClientHello, sends half a ServerHello record, and makes the
 * coming close a reset. */
static void send_half_and_reset(struct conn *c)
{
	/* a ServerHello record header announcing 74 bytes, and only the first
	 * few */
	static const unsigned char half[] = {0x16, 0x03, 0x03, 0x00, 0x4a, 0x02,
					     0x00, 0x00, 0x46, 0x03, 0x03};
	unsigned char hello[2048];
	(void)conn_read_some(c, hello, sizeof hello);
	(void)conn_write(c, half, sizeof half);
	conn_reset_on_close(c);
}

/* After the TLS handshake: the greeting's first bytes, then 10 MB of 'A'
 * without a newline. */
static void send_tls_flood(struct conn *c, const struct serve_ctx *sc)
{
	char chunk[16384];
	memset(chunk, 'A', sizeof chunk);
	if (conn_puts(c, dialect_greeting_prefix(sc->port->proto)) < 0)
		return;
	for (unsigned sent = 0; sent < FLOOD_BYTES; sent += sizeof chunk)
		if (conn_write(c, chunk, sizeof chunk) < 0)
			return;
}

/* The STARTTLS hooks of the TLS-level modes: the go-ahead, then the
 * misbehaviour; the dialogue ends. */
static int starttls_garbage(struct conn *c, enum proto p, const char *goahead,
			    void *ud)
{
	unsigned char hello[2048];
	(void)p;
	(void)ud;
	/* after the ClientHello, so that the garbage meets the handshake */
	if (conn_puts(c, goahead) == 0 &&
	    conn_read_some(c, hello, sizeof hello) > 0)
		send_garbage(c);
	return -1;
}

static int starttls_reset(struct conn *c, enum proto p, const char *goahead,
			  void *ud)
{
	(void)p;
	(void)ud;
	if (conn_puts(c, goahead) == 0)
		send_half_and_reset(c);
	return -1;
}

static int starttls_flood(struct conn *c, enum proto p, const char *goahead,
			  void *ud)
{
	(void)p;
	if (conn_puts(c, goahead) == 0 &&
	    conn_tls_accept(c, ((const struct serve_ctx *)ud)->tls) == 0)
		send_tls_flood(c, ud);
	return -1;
}

/* The go-ahead, and plaintext after it: SMTP sends the next lines in the
 * same segment as the 220; IMAP and POP3 answer the ClientHello in plain
 * text. The dialogue goes on in plaintext. */
static int starttls_plain(struct conn *c, enum proto p, const char *goahead,
			  void *ud)
{
	const struct serve_ctx *sc = ud;
	char buf[2048];
	if (p == PROTO_SMTP) {
		snprintf(buf, sizeof buf,
			 "%s250-%s\r\n250 AUTH PLAIN LOGIN\r\n", goahead,
			 sc->name);
		return conn_puts(c, buf);
	}
	if (conn_puts(c, goahead) < 0 || conn_read_some(c, buf, sizeof buf) < 0)
		return -1;
	return conn_puts(c, p == PROTO_IMAP ? "* BAD Error in IMAP command "
					      "received by server.\r\n"
					    : "-ERR Unknown command.\r\n");
}

/* The plain-port side of a TLS-level mode: honest until STARTTLS. */
static void serve_until_starttls(struct conn *c, const struct serve_ctx *sc,
				 dialect_starttls_fn *hook)
{
	struct dialogue d = {
	    .name = sc->name, .on_starttls = hook, .ud = (void *)sc};
	if (dialect_greet(c, sc->port->proto, sc->name) == 0)
		dialect_serve(c, sc->port->proto, &d);
}

static void serve_garbage(struct conn *c, const struct serve_ctx *sc)
{
	if (sc->port->implicit_tls)
		send_garbage(c);
	else
		serve_until_starttls(c, sc, starttls_garbage);
}

static void serve_tlsreset(struct conn *c, const struct serve_ctx *sc)
{
	if (sc->port->implicit_tls)
		send_half_and_reset(c);
	else
		serve_until_starttls(c, sc, starttls_reset);
}

static void serve_silent(struct conn *c, const struct serve_ctx *sc)
{
	char buf[4096];
	(void)sc;
	while (conn_read_some(c, buf, sizeof buf) > 0)
		;
}

static void serve_tlsflood(struct conn *c, const struct serve_ctx *sc)
{
	if (sc->port->implicit_tls) /* the handshake is done: modes_serve() */
		send_tls_flood(c, sc);
	else
		serve_until_starttls(c, sc, starttls_flood);
}

static void serve_starttlsplain(struct conn *c, const struct serve_ctx *sc)
{
	serve_until_starttls(c, sc, starttls_plain);
}

struct mode {
	const char *name;
	void (*serve)(struct conn *c, const struct serve_ctx *sc);
	bool handshake_first; /* on an implicit-TLS port: a real handshake
				 before serve() */
	bool cert;	      /* does a real handshake somewhere (on an
				 implicit-TLS port, or after STARTTLS) */
	bool plain_only;      /* makes no sense on an implicit-TLS port */
};

static const struct mode modes[] = {
    {"drip", serve_drip, true, true, false},
    {"endless", serve_endless, true, true, false},
    {"flood", serve_flood, true, true, false},
    {"garbage", serve_garbage, false, false, false},
    {"tlsreset", serve_tlsreset, false, false, false},
    {"silent", serve_silent, false, false, false},
    {"tlsflood", serve_tlsflood, true, true, false},
    {"starttlsplain", serve_starttlsplain, false, false, true},
    {"tarpit", serve_tarpit, true, true, false},
};

static const struct mode *find(const char *name)
{
	for (size_t i = 0; i < sizeof modes / sizeof modes[0]; i++)
		if (!strcmp(name, modes[i].name))
			return &modes[i];
	return NULL;
}

bool modes_known(const char *mode)
{
	return find(mode) != NULL;
}

bool modes_need_cert(const char *mode)
{
	const struct mode *m = find(mode);
	return m && m->cert;
}

bool modes_port_ok(const char *mode, const struct peer_port *port)
{
	const struct mode *m = find(mode);
	return m && !(m->plain_only && port->implicit_tls);
}

void modes_serve(const char *mode, int fd, const struct serve_ctx *sc)
{
	const struct mode *m = find(mode);
	struct conn c = {.fd = fd};
	if (!m)
		return;
	if (!(m->handshake_first && sc->port->implicit_tls) ||
	    conn_tls_accept(&c, sc->tls) == 0)
		m->serve(&c, sc);
	conn_done(&c);
}
