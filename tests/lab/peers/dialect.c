/* dialect.c — the three protocols as a hostile peer speaks them (see
 * dialect.h): honest but minimal, so that each mode's misbehaviour is the
 * only thing wrong. */
#define _GNU_SOURCE
#include "dialect.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

static const struct peer_port ports[] = {
    {25, PROTO_SMTP, false}, {587, PROTO_SMTP, false},
    {465, PROTO_SMTP, true}, {143, PROTO_IMAP, false},
    {993, PROTO_IMAP, true}, {110, PROTO_POP3, false},
    {995, PROTO_POP3, true},
};

const struct peer_port *dialect_port(int port)
{
	for (size_t i = 0; i < sizeof ports / sizeof ports[0]; i++)
		if (ports[i].port == port)
			return &ports[i];
	return NULL;
}

const char *dialect_name(enum proto p)
{
	return p == PROTO_IMAP ? "imap" : p == PROTO_POP3 ? "pop3" : "smtp";
}

const char *dialect_greeting_prefix(enum proto p)
{
	return p == PROTO_IMAP ? "* OK " : p == PROTO_POP3 ? "+OK " : "220 ";
}

int dialect_greet(struct conn *c, enum proto p, const char *name)
{
	char g[300];
	/* IMAP: no capabilities in the greeting, so that the client asks */
	snprintf(g, sizeof g, "%s%s %s\r\n", dialect_greeting_prefix(p), name,
		 p == PROTO_IMAP   ? "IMAP4rev1 ready."
		 : p == PROTO_POP3 ? "POP3 ready."
				   : "ESMTP");
	return conn_puts(c, g);
}

int dialect_flood_lines(struct conn *c, const char *prefix)
{
	char line[80];
	size_t pl = strlen(prefix);
	memset(line, 'f', sizeof line);
	memcpy(line, prefix, pl < 70 ? pl : 70);
	line[78] = '\r';
	line[79] = '\n';
	for (unsigned sent = 0; sent < FLOOD_BYTES; sent += sizeof line)
		if (conn_write(c, line, sizeof line) < 0)
			return -1;
	return 0;
}

/* Case-insensitive: word (len n) is the command cmd. */
static bool is(const char *w, size_t n, const char *cmd)
{
	return n == strlen(cmd) && strncasecmp(w, cmd, n) == 0;
}

/* The first word of s: its length; *rest points after the spaces. */
static size_t word(const char *s, const char **rest)
{
	size_t n = strcspn(s, " \r\n");
	const char *r = s + n;
	while (*r == ' ')
		r++;
	*rest = r;
	return n;
}

/* Offers STARTTLS: the hook exists and TLS is not up yet. */
static bool offers_tls(const struct conn *c, const struct dialogue *d)
{
	return d->on_starttls && !c->ssl;
}

/* Sends s: 1 to go on with the dialogue, -1 when the client left. */
static int answer(struct conn *c, const char *s)
{
	return conn_puts(c, s) < 0 ? -1 : 1;
}

/* Hands STARTTLS to the mode: 1 to go on, -1 to end. */
static int starttls(struct conn *c, const struct dialogue *d, enum proto p,
		    const char *goahead)
{
	return d->on_starttls(c, p, goahead, d->ud) < 0 ? -1 : 1;
}

/* One SMTP command; 1 to go on, 0 to end, -1 when the client left. */
static int smtp_command(struct conn *c, const struct dialogue *d,
			const char *line)
{
	const char *rest;
	size_t n = word(line, &rest);
	char r[400];
	if (line[0] == 0x16) /* a ClientHello read as a command */
		return answer(c, "500 5.5.2 Error: command not recognized\r\n");
	if (is(line, n, "EHLO")) {
		snprintf(r, sizeof r,
			 "250-%s\r\n%s250-AUTH PLAIN LOGIN\r\n250 8BITMIME\r\n",
			 d->name, offers_tls(c, d) ? "250-STARTTLS\r\n" : "");
		return answer(c, r);
	}
	if (is(line, n, "HELO")) {
		snprintf(r, sizeof r, "250 %s\r\n", d->name);
		return answer(c, r);
	}
	if (is(line, n, "STARTTLS"))
		return offers_tls(c, d)
			   ? starttls(c, d, PROTO_SMTP,
				      "220 2.0.0 Ready to start TLS\r\n")
			   : answer(c, "502 5.5.1 Error: command not "
				       "implemented\r\n");
	if (is(line, n, "AUTH"))
		return answer(c, "535 5.7.8 Error: authentication failed\r\n");
	if (is(line, n, "RCPT") && d->refuse_rcpt)
		return answer(c, "550 5.7.1 <recipient>: Relay access "
				 "denied\r\n");
	if (is(line, n, "QUIT")) {
		conn_puts(c, "221 2.0.0 Bye\r\n");
		return 0;
	}
	return answer(c, "250 2.0.0 Ok\r\n");
}

/* One IMAP command (tag, name, arguments); as smtp_command. */
static int imap_command(struct conn *c, const struct dialogue *d,
			const char *line)
{
	const char *cmd, *rest;
	size_t tl = word(line, &cmd);
	size_t n = word(cmd, &rest);
	char tag[40], r[400];
	if (line[0] == 0x16 || tl == 0 || n == 0)
		return answer(c, "* BAD Error in IMAP command received by "
				 "server.\r\n");
	snprintf(tag, sizeof tag, "%.*s", (int)(tl < 32 ? tl : 32), line);
	if (is(cmd, n, "CAPABILITY")) {
		if (d->big_caps && dialect_flood_lines(c, "* XFLOOD ") < 0)
			return -1;
		snprintf(r, sizeof r,
			 "* CAPABILITY IMAP4rev1 %sAUTH=PLAIN\r\n"
			 "%s OK Capability completed.\r\n",
			 offers_tls(c, d) ? "STARTTLS " : "", tag);
	} else if (is(cmd, n, "STARTTLS") && offers_tls(c, d)) {
		snprintf(r, sizeof r, "%s OK Begin TLS negotiation now.\r\n",
			 tag);
		return starttls(c, d, PROTO_IMAP, r);
	} else if (is(cmd, n, "LOGIN") || is(cmd, n, "AUTHENTICATE")) {
		snprintf(r, sizeof r,
			 "%s NO [AUTHENTICATIONFAILED] Authentication "
			 "failed.\r\n",
			 tag);
	} else if (is(cmd, n, "LOGOUT")) {
		snprintf(r, sizeof r,
			 "* BYE Logging out\r\n%s OK Logout completed.\r\n",
			 tag);
		conn_puts(c, r);
		return 0;
	} else if (is(cmd, n, "NOOP")) {
		snprintf(r, sizeof r, "%s OK NOOP completed.\r\n", tag);
	} else {
		snprintf(r, sizeof r, "%s BAD Error in IMAP command.\r\n", tag);
	}
	return answer(c, r);
}

/* One POP3 command; as smtp_command. */
static int pop3_command(struct conn *c, const struct dialogue *d,
			const char *line)
{
	const char *rest;
	size_t n = word(line, &rest);
	if (is(line, n, "CAPA")) {
		if (conn_puts(c, "+OK Capability list follows\r\n") < 0 ||
		    (d->big_caps && dialect_flood_lines(c, "XFLOOD ") < 0))
			return -1;
		return answer(c, offers_tls(c, d)
				     ? "USER\r\nSTLS\r\nSASL PLAIN\r\n.\r\n"
				     : "USER\r\nSASL PLAIN\r\n.\r\n");
	}
	if (is(line, n, "STLS"))
		return offers_tls(c, d)
			   ? starttls(c, d, PROTO_POP3,
				      "+OK Begin TLS negotiation now.\r\n")
			   : answer(c, "-ERR STLS not available.\r\n");
	if (is(line, n, "USER"))
		return answer(c, "+OK\r\n");
	if (is(line, n, "PASS") || is(line, n, "AUTH"))
		return answer(c, "-ERR [AUTH] Authentication failed.\r\n");
	if (is(line, n, "QUIT")) {
		conn_puts(c, "+OK Logging out.\r\n");
		return 0;
	}
	return answer(c, "-ERR Unknown command.\r\n");
}

void dialect_serve(struct conn *c, enum proto p, const struct dialogue *d)
{
	char line[1024];
	int go = 1;
	while (go > 0 && conn_read_line(c, line, sizeof line) >= 0) {
		if (d->delay_ms)
			usleep(d->delay_ms * 1000u);
		switch (p) {
		case PROTO_IMAP:
			go = imap_command(c, d, line);
			break;
		case PROTO_POP3:
			go = pop3_command(c, d, line);
			break;
		default:
			go = smtp_command(c, d, line);
			break;
		}
	}
}
