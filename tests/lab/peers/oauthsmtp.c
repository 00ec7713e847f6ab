/* oauthsmtp.c — the lab's smtp-mail.outlook.com: a submission server that
 * refuses passwords, as Outlook.com does for mail programs. It offers AUTH
 * only as XOAUTH2 and OAUTHBEARER (after TLS), answers a password
 * mechanism with 504 and any token with 535 (the lab has no valid token),
 * and takes no mail without a login. Port 465 is implicit TLS, any other
 * port STARTTLS, with the lab CA's certificate.
 *
 * usage: oauthsmtp ADDR NAME CERT KEY LIFETIME_S PORT...
 *
 * The listener exits by itself after LIFETIME_S seconds; each connection is
 * served by a child that dies with it (PR_SET_PDEATHSIG), within 30 s and
 * 100 commands. */
#define _GNU_SOURCE
#include "conn.h"

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <openssl/ssl.h>
#include <poll.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define CONN_SECONDS 30
#define MAX_COMMANDS 100
#define MAX_PORTS    4

/* One line without CRLF into line (the rest of a longer line is dropped);
 * -1 at the end. */
static int in_line(struct conn *c, char *line, size_t size)
{
	char rest[256];
	const char *last = line;
	int m = conn_read_line(c, line, size);
	while (m > 0 && last[m - 1] != '\n') {
		m = conn_read_line(c, rest, sizeof rest);
		last = rest;
	}
	if (m < 0)
		return -1; /* the end, before a whole line */
	line[strcspn(line, "\r\n")] = '\0';
	return 0;
}

static int ehlo(struct conn *c, const char *name, bool tls_possible)
{
	char reply[512];
	snprintf(reply, sizeof reply,
		 "250-%s at your service\r\n250-SIZE 35882577\r\n"
		 "250-8BITMIME\r\n%s250-ENHANCEDSTATUSCODES\r\n"
		 "250-PIPELINING\r\n250 SMTPUTF8\r\n",
		 name,
		 c->ssl		? "250-AUTH XOAUTH2 OAUTHBEARER\r\n"
		 : tls_possible ? "250-STARTTLS\r\n"
				: "");
	return conn_puts(c, reply);
}

static void serve(struct conn *c, const char *name, SSL_CTX *ctx, bool implicit)
{
	if (implicit && conn_tls_accept(c, ctx) < 0)
		return;
	char line[1024], reply[256];
	snprintf(reply, sizeof reply, "220 %s ESMTP lab oauth-only\r\n", name);
	if (conn_puts(c, reply) < 0)
		return;
	for (int i = 0; i < MAX_COMMANDS && in_line(c, line, sizeof line) == 0;
	     i++) {
		int rc;
		if (!strncasecmp(line, "EHLO", 4)) {
			rc = ehlo(c, name, !implicit);
		} else if (!strncasecmp(line, "HELO", 4)) {
			snprintf(reply, sizeof reply,
				 "250 %s at your service\r\n", name);
			rc = conn_puts(c, reply);
		} else if (!strcasecmp(line, "STARTTLS") && !c->ssl) {
			rc = conn_puts(c, "220 2.0.0 Ready to start TLS\r\n");
			if (rc < 0 || conn_tls_accept(c, ctx) < 0)
				return;
		} else if (!strncasecmp(line, "AUTH XOAUTH2", 12) ||
			   !strncasecmp(line, "AUTH OAUTHBEARER", 16)) {
			rc = c->ssl
				 ? conn_puts(
				       c,
				       "535-5.7.8 Username and Password not "
				       "accepted. (lab: no token is valid)\r\n"
				       "535 5.7.8 lab\r\n")
				 : conn_puts(c,
					     "530 5.7.0 Must issue a STARTTLS "
					     "command first.\r\n");
		} else if (!strncasecmp(line, "AUTH", 4)) {
			rc = conn_puts(
			    c,
			    "504 5.7.4 Unrecognized authentication type.\r\n");
		} else if (!strncasecmp(line, "MAIL", 4) ||
			   !strncasecmp(line, "RCPT", 4) ||
			   !strncasecmp(line, "DATA", 4)) {
			rc = conn_puts(c,
				       "530-5.7.0 Authentication Required.\r\n"
				       "530 5.7.0 lab\r\n");
		} else if (!strcasecmp(line, "NOOP") ||
			   !strcasecmp(line, "RSET")) {
			rc = conn_puts(c, "250 2.0.0 OK\r\n");
		} else if (!strcasecmp(line, "QUIT")) {
			conn_puts(c, "221 2.0.0 closing connection\r\n");
			return;
		} else {
			rc =
			    conn_puts(c, "502 5.5.1 Unrecognized command.\r\n");
		}
		if (rc < 0)
			return;
	}
}

static int listen_on(const char *addr, int port)
{
	struct sockaddr_in sa = {.sin_family = AF_INET,
				 .sin_port = htons((uint16_t)port)};
	int one = 1;
	int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0 || inet_pton(AF_INET, addr, &sa.sin_addr) != 1 ||
	    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one) != 0 ||
	    bind(fd, (struct sockaddr *)&sa, sizeof sa) != 0 ||
	    listen(fd, 16) != 0) {
		fprintf(stderr, "oauthsmtp: cannot listen on %s:%d: %s\n", addr,
			port, strerror(errno));
		exit(1);
	}
	return fd;
}

int main(int argc, char **argv)
{
	if (argc < 7 || argc > 6 + MAX_PORTS) {
		fprintf(stderr,
			"usage: oauthsmtp ADDR NAME CERT KEY LIFETIME_S "
			"PORT...\n");
		return 2;
	}
	unsigned lifetime = (unsigned)strtoul(argv[5], NULL, 10);
	SSL_CTX *ctx = SSL_CTX_new(TLS_server_method());
	if (!ctx || SSL_CTX_use_certificate_chain_file(ctx, argv[3]) != 1 ||
	    SSL_CTX_use_PrivateKey_file(ctx, argv[4], SSL_FILETYPE_PEM) != 1) {
		fprintf(stderr, "oauthsmtp: cannot load %s / %s\n", argv[3],
			argv[4]);
		return 1;
	}
	signal(SIGCHLD, SIG_IGN); /* children are reaped by the kernel */
	signal(SIGPIPE, SIG_IGN);
	struct pollfd fds[MAX_PORTS];
	bool implicit[MAX_PORTS];
	int n = argc - 6;
	for (int i = 0; i < n; i++) {
		int port = atoi(argv[6 + i]);
		fds[i] = (struct pollfd){.fd = listen_on(argv[1], port),
					 .events = POLLIN};
		implicit[i] = port == 465;
	}
	time_t end = time(NULL) + (time_t)lifetime;
	while (time(NULL) < end) {
		if (poll(fds, (nfds_t)n, 1000) <= 0)
			continue;
		for (int i = 0; i < n; i++) {
			if (!(fds[i].revents & POLLIN))
				continue;
			int fd = accept4(fds[i].fd, NULL, NULL, SOCK_CLOEXEC);
			if (fd < 0)
				continue;
			pid_t pid = fork();
			if (pid == 0) {
				prctl(PR_SET_PDEATHSIG, SIGKILL);
				alarm(CONN_SECONDS);
				for (int k = 0; k < n; k++)
					close(fds[k].fd);
				struct conn c = {.fd = fd};
				serve(&c, argv[2], ctx, implicit[i]);
				conn_done(&c);
				close(fd);
				_exit(0);
			}
			close(fd);
		}
	}
	SSL_CTX_free(ctx);
	return 0;
}
