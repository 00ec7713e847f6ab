/* peer.c — the lab's hostile mail servers: one listener per process, one misbehaviour
 * per mode, so that maildoctor's probes can be shown to stay bounded against them.
 *
 * usage: peer MODE ADDR PORT LIFETIME_S [CERT KEY]
 *   drip          SMTP banner and replies dripped one byte a second
 *   endless       "220 " followed by a line that never ends
 *   flood         a 10 MB multi-line 220 banner, then a minimal SMTP dialogue
 *   garbage       pseudo-random bytes where a TLS ServerHello should be
 *   tlsreset      reads the ClientHello, sends half a TLS record, then a TCP reset
 *   silent        accepts and never says anything
 *   tlsflood      a valid TLS handshake (CERT/KEY), then 10 MB without a newline
 *   starttlsplain answers STARTTLS with 220 and then keeps speaking plaintext
 *
 * The listener exits by itself after LIFETIME_S seconds; each connection is served by a
 * child that dies with the listener (PR_SET_PDEATHSIG) and has the same time limit. */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#define FLOOD_BYTES (10u * 1024u * 1024u) /* size of the flood modes' output */
#define MAX_CHILDREN 64                    /* connections served at once */

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

struct peer_conf {
	const char *mode;  /* one of the modes above */
	const char *cert;  /* PEM certificate chain for tlsflood, or NULL */
	const char *key;   /* PEM private key for tlsflood, or NULL */
	unsigned lifetime; /* seconds before every process of this peer exits */
};

/* Writes all of buf; returns 0, or -1 when the client went away. */
static int write_all(int fd, const void *buf, size_t len)
{
	const char *p = buf;
	while (len > 0) {
		ssize_t n = write(fd, p, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return -1;
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

/* Writes s one byte a second. */
static int drip_str(int fd, const char *s)
{
	for (; *s; s++) {
		if (write_all(fd, s, 1) < 0)
			return -1;
		sleep(1);
	}
	return 0;
}

/* Reads one line (up to cap-1 bytes) into buf; returns its length or -1 at EOF. */
static int read_line(int fd, char *buf, size_t cap)
{
	size_t n = 0;
	while (n + 1 < cap) {
		char c;
		ssize_t r = read(fd, &c, 1);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			return n ? (int)n : -1;
		buf[n++] = c;
		if (c == '\n')
			break;
	}
	buf[n] = '\0';
	return (int)n;
}

/* Case-insensitive test that line starts with the command word cmd. */
static int is_cmd(const char *line, const char *cmd)
{
	return strncasecmp(line, cmd, strlen(cmd)) == 0;
}

/* A minimal SMTP dialogue after the banner; `out` sends each reply. */
static void smtp_dialogue(int fd, int (*out)(int, const char *))
{
	char line[1024];
	while (read_line(fd, line, sizeof line) >= 0) {
		const char *reply = "250 2.0.0 Ok\r\n";
		if (is_cmd(line, "EHLO"))
			reply = "250-peer\r\n250 8BITMIME\r\n";
		else if (is_cmd(line, "QUIT"))
			reply = "221 2.0.0 Bye\r\n";
		if (out(fd, reply) < 0 || is_cmd(line, "QUIT"))
			return;
	}
}

static int out_plain(int fd, const char *s)
{
	return write_all(fd, s, strlen(s));
}

static void serve_drip(int fd)
{
	if (drip_str(fd, "220 drip.peers.example ESMTP slow\r\n") == 0)
		smtp_dialogue(fd, drip_str);
}

static void serve_endless(int fd)
{
	char chunk[4096];
	memset(chunk, 'x', sizeof chunk);
	if (write_all(fd, "220 ", 4) < 0)
		return;
	while (write_all(fd, chunk, sizeof chunk) == 0)
		;
}

static void serve_flood(int fd)
{
	char line[80];
	memset(line, 'f', sizeof line);
	memcpy(line, "220-", 4);
	line[78] = '\r';
	line[79] = '\n';
	for (unsigned sent = 0; sent < FLOOD_BYTES; sent += sizeof line)
		if (write_all(fd, line, sizeof line) < 0)
			return;
	if (out_plain(fd, "220 flood.peers.example ESMTP\r\n") == 0)
		smtp_dialogue(fd, out_plain);
}

static void serve_garbage(int fd)
{
	unsigned char buf[4096];
	unsigned x = 2463534242u; /* xorshift32: the same garbage every time */
	for (size_t i = 0; i < sizeof buf; i++) {
		x ^= x << 13;
		x ^= x >> 17;
		x ^= x << 5;
		buf[i] = (unsigned char)x;
	}
	(void)write_all(fd, buf, sizeof buf);
}

static void serve_tlsreset(int fd)
{
	/* a ServerHello record header announcing 74 bytes, and only the first few */
	static const unsigned char half[] = {0x16, 0x03, 0x03, 0x00, 0x4a,
					     0x02, 0x00, 0x00, 0x46, 0x03, 0x03};
	unsigned char hello[512];
	struct linger lg = {.l_onoff = 1, .l_linger = 0};
	(void)read(fd, hello, sizeof hello);
	(void)write_all(fd, half, sizeof half);
	setsockopt(fd, SOL_SOCKET, SO_LINGER, &lg, sizeof lg);
}

static void serve_silent(int fd)
{
	char buf[4096];
	while (read(fd, buf, sizeof buf) > 0)
		;
}

static void serve_tlsflood(int fd, const struct peer_conf *pc)
{
	SSL_CTX *ctx = SSL_CTX_new(TLS_server_method());
	SSL *ssl = NULL;
	char chunk[16384];
	if (!ctx || SSL_CTX_use_certificate_chain_file(ctx, pc->cert) != 1 ||
	    SSL_CTX_use_PrivateKey_file(ctx, pc->key, SSL_FILETYPE_PEM) != 1)
		goto out;
	ssl = SSL_new(ctx);
	if (!ssl || SSL_set_fd(ssl, fd) != 1 || SSL_accept(ssl) != 1)
		goto out;
	memset(chunk, 'A', sizeof chunk);
	if (SSL_write(ssl, "220 ", 4) <= 0)
		goto out;
	for (unsigned sent = 0; sent < FLOOD_BYTES; sent += sizeof chunk)
		if (SSL_write(ssl, chunk, sizeof chunk) <= 0)
			goto out;
	SSL_shutdown(ssl);
out:
	SSL_free(ssl);
	SSL_CTX_free(ctx);
}

static void serve_starttlsplain(int fd)
{
	char line[1024];
	if (out_plain(fd, "220 starttlsplain.peers.example ESMTP\r\n") < 0)
		return;
	while (read_line(fd, line, sizeof line) >= 0) {
		const char *reply = "250 2.0.0 Ok\r\n";
		if (is_cmd(line, "EHLO"))
			reply = "250-starttlsplain.peers.example\r\n"
				"250-STARTTLS\r\n250 AUTH PLAIN LOGIN\r\n";
		else if (is_cmd(line, "STARTTLS"))
			reply = "220 2.0.0 Ready to start TLS\r\n"
				"250-starttlsplain.peers.example\r\n"
				"250 AUTH PLAIN LOGIN\r\n";
		else if (is_cmd(line, "QUIT"))
			reply = "221 2.0.0 Bye\r\n";
		else if (line[0] == 0x16) /* a ClientHello read as a command */
			reply = "500 5.5.2 Error: command not recognized\r\n";
		if (out_plain(fd, reply) < 0 || is_cmd(line, "QUIT"))
			return;
	}
}

/* Serves one accepted connection according to the mode. */
static void serve(int fd, const struct peer_conf *pc)
{
	const char *m = pc->mode;
	if (!strcmp(m, "drip"))
		serve_drip(fd);
	else if (!strcmp(m, "endless"))
		serve_endless(fd);
	else if (!strcmp(m, "flood"))
		serve_flood(fd);
	else if (!strcmp(m, "garbage"))
		serve_garbage(fd);
	else if (!strcmp(m, "tlsreset"))
		serve_tlsreset(fd);
	else if (!strcmp(m, "silent"))
		serve_silent(fd);
	else if (!strcmp(m, "tlsflood"))
		serve_tlsflood(fd, pc);
	else if (!strcmp(m, "starttlsplain"))
		serve_starttlsplain(fd);
}

static int known_mode(const char *m)
{
	static const char *const modes[] = {"drip",     "endless", "flood",
					    "garbage",  "tlsreset", "silent",
					    "tlsflood", "starttlsplain"};
	for (size_t i = 0; i < sizeof modes / sizeof modes[0]; i++)
		if (!strcmp(m, modes[i]))
			return 1;
	return 0;
}

/* Opens the listening socket on addr:port (IPv4 or IPv6 literal); -1 on error. */
static int listen_on(const char *addr, const char *port)
{
	struct sockaddr_storage ss;
	socklen_t len;
	int one = 1, fd;
	memset(&ss, 0, sizeof ss);
	struct sockaddr_in *s4 = (struct sockaddr_in *)&ss;
	struct sockaddr_in6 *s6 = (struct sockaddr_in6 *)&ss;
	if (inet_pton(AF_INET, addr, &s4->sin_addr) == 1) {
		s4->sin_family = AF_INET;
		s4->sin_port = htons((unsigned short)atoi(port));
		len = sizeof *s4;
	} else if (inet_pton(AF_INET6, addr, &s6->sin6_addr) == 1) {
		s6->sin6_family = AF_INET6;
		s6->sin6_port = htons((unsigned short)atoi(port));
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

int main(int argc, char **argv)
{
	struct peer_conf pc = {0};
	struct sigaction sa = {0};
	int lfd;

	if (argc != 5 && argc != 7) {
		fprintf(stderr, "usage: peer MODE ADDR PORT LIFETIME_S [CERT KEY]\n");
		return 2;
	}
	pc.mode = argv[1];
	pc.lifetime = (unsigned)strtoul(argv[4], NULL, 10);
	if (argc == 7) {
		pc.cert = argv[5];
		pc.key = argv[6];
	}
	if (!known_mode(pc.mode) || pc.lifetime == 0 ||
	    (!strcmp(pc.mode, "tlsflood") && !pc.cert)) {
		fprintf(stderr, "peer: bad mode, lifetime or missing CERT KEY\n");
		return 2;
	}
	lfd = listen_on(argv[2], argv[3]);
	if (lfd < 0) {
		perror("peer: listen");
		return 1;
	}
	signal(SIGPIPE, SIG_IGN);
	sa.sa_handler = on_child;
	sa.sa_flags = SA_RESTART;
	sigaction(SIGCHLD, &sa, NULL);
	alarm(pc.lifetime); /* SIGALRM's default action ends the listener */

	for (;;) {
		int cfd = accept4(lfd, NULL, NULL, SOCK_CLOEXEC);
		if (cfd < 0) {
			if (errno == EINTR || errno == ECONNABORTED)
				continue;
			perror("peer: accept");
			return 1;
		}
		if (children >= MAX_CHILDREN) { /* too busy: refuse at once */
			close(cfd);
			continue;
		}
		pid_t pid = fork();
		if (pid == 0) {
			prctl(PR_SET_PDEATHSIG, SIGKILL);
			close(lfd);
			serve(cfd, &pc);
			close(cfd);
			_exit(0);
		}
		close(cfd);
		if (pid > 0)
			children++;
	}
}
