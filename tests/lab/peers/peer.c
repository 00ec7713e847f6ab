/* peer.c — the lab's hostile mail servers: one process per peer, listening on
 * its ports (each port speaks its protocol: 25/587/465 SMTP, 143/993 IMAP,
 * 110/995 POP3; 465/993/995 with implicit TLS), one misbehaviour per mode,
 * so that maildoctor's probes can be shown to stay bounded against them.
 *
 * usage: peer MODE NAME ADDR PORT[,PORT…] LIFETIME_S [CERT KEY]
 *   drip          greeting and replies dripped one byte a second
 *   endless       the greeting's first bytes, then a line that never ends
 *   flood         10 MB in one reply (SMTP banner, IMAP CAPABILITY, POP3
 *                 CAPA), then a minimal dialogue
 *   garbage       pseudo-random bytes where a TLS ServerHello should be
 *   tlsreset      reads the ClientHello, sends half a TLS record, resets
 *   silent        accepts and never says anything
 *   tlsflood      a valid TLS handshake (CERT/KEY), then 10 MB without a
 *                 newline
 *   starttlsplain answers STARTTLS with its go-ahead, then keeps speaking
 *                 plaintext (plain ports only)
 *   tarpit        every answer 1.4 s late (in time for a 2 s reply timer,
 *                 too slow for the whole dialogue); SMTP RCPT TO refused
 * The TLS-level modes (garbage, tlsreset, tlsflood) misbehave at once on an
 * implicit-TLS port and after the STARTTLS go-ahead on a plain one; modes.c
 * has the details, tests/lab/README.md the table.
 *
 * The listener exits by itself after LIFETIME_S seconds; each connection is
 * served by a child that dies with the listener (PR_SET_PDEATHSIG) and has
 * the same time limit; at most MAX_CHILDREN connections are served at once,
 * more are closed at once. */
#define _GNU_SOURCE
#include "dialect.h"
#include "modes.h"

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <openssl/ssl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#define MAX_CHILDREN 64 /* connections served at once */
#define MAX_PORTS    8	/* ports of one peer */

static volatile sig_atomic_t children; /* connections being served */

/* Reaps finished children and keeps the count of those still serving. */
static void on_child(int sig)
{
	int saved = errno;
	(void)sig;
	while (waitpid(-1, NULL, WNOHANG) > 0)
		children--;
	errno = saved;
}

/* Opens the listening socket on addr:port (IPv4 or IPv6 literal); -1 on
 * error. */
static int listen_on(const char *addr, int port)
{
	struct sockaddr_storage ss;
	socklen_t len;
	int one = 1, fd;
	memset(&ss, 0, sizeof ss);
	struct sockaddr_in *s4 = (struct sockaddr_in *)&ss;
	struct sockaddr_in6 *s6 = (struct sockaddr_in6 *)&ss;
	if (inet_pton(AF_INET, addr, &s4->sin_addr) == 1) {
		s4->sin_family = AF_INET;
		s4->sin_port = htons((unsigned short)port);
		len = sizeof *s4;
	} else if (inet_pton(AF_INET6, addr, &s6->sin6_addr) == 1) {
		s6->sin6_family = AF_INET6;
		s6->sin6_port = htons((unsigned short)port);
		len = sizeof *s6;
	} else {
		return -1;
	}
	fd = socket(ss.ss_family, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return -1;
	setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
	if (bind(fd, (struct sockaddr *)&ss, len) < 0 || listen(fd, 16) < 0) {
		close(fd);
		return -1;
	}
	return fd;
}

/* Parses "587,465,…" into ports (known mail ports only); their count, or
 * 0 on a bad list. */
static size_t parse_ports(const char *list, const struct peer_port **ports)
{
	size_t n = 0;
	const char *s = list;
	while (*s) {
		char *end;
		long v = strtol(s, &end, 10);
		if (end == s || (*end && *end != ',') || n == MAX_PORTS)
			return 0;
		ports[n] = dialect_port((int)v);
		if (!ports[n])
			return 0;
		n++;
		s = *end ? end + 1 : end;
	}
	return n;
}

/* The certificate and key as a server context; NULL on error. */
static SSL_CTX *server_ctx(const char *cert, const char *key)
{
	SSL_CTX *ctx = SSL_CTX_new(TLS_server_method());
	if (!ctx || SSL_CTX_use_certificate_chain_file(ctx, cert) != 1 ||
	    SSL_CTX_use_PrivateKey_file(ctx, key, SSL_FILETYPE_PEM) != 1) {
		SSL_CTX_free(ctx);
		return NULL;
	}
	return ctx;
}

/* Accepts on the listener lfd and serves the connection in a child. */
static void accept_one(int lfd, const char *mode, struct serve_ctx *sc,
		       unsigned lifetime, const struct pollfd *all,
		       size_t n_all)
{
	int cfd = accept4(lfd, NULL, NULL, SOCK_CLOEXEC);
	if (cfd < 0)
		return;
	if (children >= MAX_CHILDREN) { /* too busy: refuse at once */
		close(cfd);
		return;
	}
	pid_t pid = fork();
	if (pid == 0) {
		prctl(PR_SET_PDEATHSIG, SIGKILL);
		alarm(lifetime); /* not inherited from the listener */
		for (size_t i = 0; i < n_all; i++)
			close(all[i].fd);
		modes_serve(mode, cfd, sc);
		close(cfd);
		_exit(0);
	}
	close(cfd);
	if (pid > 0)
		children++;
}

int main(int argc, char **argv)
{
	const struct peer_port *ports[MAX_PORTS];
	struct pollfd pfd[MAX_PORTS];
	struct serve_ctx sc = {0};
	struct sigaction sa = {0};
	size_t n;

	if (argc != 6 && argc != 8) {
		fprintf(stderr, "usage: peer MODE NAME ADDR PORT[,PORT…] "
				"LIFETIME_S [CERT KEY]\n");
		return 2;
	}
	const char *mode = argv[1];
	unsigned lifetime = (unsigned)strtoul(argv[5], NULL, 10);
	sc.name = argv[2];
	n = parse_ports(argv[4], ports);
	if (!modes_known(mode) || lifetime == 0 || n == 0) {
		fprintf(stderr, "peer: bad mode, port list or lifetime\n");
		return 2;
	}
	for (size_t i = 0; i < n; i++)
		if (!modes_port_ok(mode, ports[i])) {
			fprintf(stderr, "peer: mode %s makes no sense on %d\n",
				mode, ports[i]->port);
			return 2;
		}
	if (argc == 8)
		sc.tls = server_ctx(argv[6], argv[7]);
	if (modes_need_cert(mode) && !sc.tls) {
		fprintf(stderr, "peer: mode %s needs a usable CERT KEY\n",
			mode);
		return 2;
	}
	for (size_t i = 0; i < n; i++) {
		pfd[i].fd = listen_on(argv[3], ports[i]->port);
		pfd[i].events = POLLIN;
		if (pfd[i].fd < 0) {
			fprintf(stderr, "peer: listen on %s:%d: %s\n", argv[3],
				ports[i]->port, strerror(errno));
			return 1;
		}
	}
	signal(SIGPIPE, SIG_IGN);
	sa.sa_handler = on_child;
	sa.sa_flags = SA_RESTART;
	sigaction(SIGCHLD, &sa, NULL);
	alarm(lifetime); /* SIGALRM's default action ends the listener */

	for (;;) {
		if (poll(pfd, n, -1) < 0) {
			if (errno == EINTR)
				continue;
			perror("peer: poll");
			return 1;
		}
		for (size_t i = 0; i < n; i++)
			if (pfd[i].revents & POLLIN) {
				sc.port = ports[i];
				accept_one(pfd[i].fd, mode, &sc, lifetime, pfd,
					   n);
			}
	}
}
