/* bench_probe.c — `make bench` figures of the probe engine, all on
 * loopback and measured in the same run:
 *  1. the full matrix (3 hosts × 7 ports × 2 families, two ports per host
 *     filtered) in parallel against the same probes one after another, and
 *     against the slowest single probe (aim: ≤ 1.2 ×);
 *  2. an SMTP STARTTLS capability probe through a relay that delays every
 *     chunk by RTT/2 each way: time / RTT (aim: ≤ 6 round trips);
 *  3. peak RSS with 200 probes in parallel (aim: < 20 MB).
 * Filtered ports are listeners whose accept queue is full, so SYNs are
 * dropped and connect times out, as behind a filter. The STARTTLS server
 * and its certificate are made here (a bench is one file). */
#include "core/proto/probe.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/ssl.h>
#include <openssl/x509v3.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

/* ---- a test CA and a server certificate for 127.0.0.1 ----------------- */

static X509 *make_cert(EVP_PKEY *key, const char *cn, EVP_PKEY *ikey,
		       X509 *issuer)
{
	X509 *x = X509_new();
	X509_set_version(x, 2);
	ASN1_INTEGER_set(X509_get_serialNumber(x), issuer ? 2 : 1);
	X509_gmtime_adj(X509_getm_notBefore(x), -3600);
	X509_gmtime_adj(X509_getm_notAfter(x), 86400);
	X509_set_pubkey(x, key);
	X509_NAME *n = X509_get_subject_name(x);
	X509_NAME_add_entry_by_txt(n, "CN", MBSTRING_ASC,
				   (const unsigned char *)cn, -1, -1, 0);
	X509_set_issuer_name(x, issuer ? X509_get_subject_name(issuer) : n);
	X509V3_CTX v3;
	X509V3_set_ctx(&v3, issuer ? issuer : x, x, NULL, NULL, 0);
	X509_EXTENSION *e = X509V3_EXT_conf_nid(
	    NULL, &v3, issuer ? NID_subject_alt_name : NID_basic_constraints,
	    issuer ? "IP:127.0.0.1" : "critical,CA:TRUE");
	X509_add_ext(x, e, -1);
	X509_EXTENSION_free(e);
	X509_sign(x, ikey ? ikey : key, EVP_sha256());
	return x;
}

/* ca.pem and server.pem (chain + key) in dir. */
static bool make_certs(const char *dir, char *ca, char *srv, size_t sz)
{
	EVP_PKEY *cak = EVP_EC_gen("P-256"), *k = EVP_EC_gen("P-256");
	X509 *cax = make_cert(cak, "bench CA", NULL, NULL);
	X509 *x = make_cert(k, "127.0.0.1", cak, cax);
	snprintf(ca, sz, "%s/ca.pem", dir);
	snprintf(srv, sz, "%s/server.pem", dir);
	FILE *f1 = fopen(ca, "w"), *f2 = fopen(srv, "w");
	bool ok = f1 && f2 && PEM_write_X509(f1, cax) &&
		  PEM_write_X509(f2, x) && PEM_write_X509(f2, cax) &&
		  PEM_write_PrivateKey(f2, k, NULL, NULL, 0, NULL, NULL);
	if (f1)
		fclose(f1);
	if (f2)
		fclose(f2);
	X509_free(cax);
	X509_free(x);
	EVP_PKEY_free(cak);
	EVP_PKEY_free(k);
	return ok;
}

static int listen_any(int *port)
{
	int fd = socket(AF_INET, SOCK_STREAM, 0);
	struct sockaddr_in a = {.sin_family = AF_INET};
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	socklen_t sl = sizeof a;
	if (bind(fd, (struct sockaddr *)&a, sl) != 0 || listen(fd, 16) != 0 ||
	    getsockname(fd, (struct sockaddr *)&a, &sl) != 0)
		return -1;
	*port = ntohs(a.sin_port);
	return fd;
}

/* Read one line (blocking, plain or TLS) into buf; false at the end. */
static bool get_line(int fd, SSL *ssl, char *buf, size_t sz)
{
	size_t n = 0;
	while (n + 1 < sz) {
		char c;
		int r = ssl ? SSL_read(ssl, &c, 1) : (int)read(fd, &c, 1);
		if (r <= 0)
			return false;
		buf[n++] = c;
		if (c == '\n')
			break;
	}
	buf[n] = '\0';
	return true;
}

static void put(int fd, SSL *ssl, const char *s)
{
	if (ssl)
		SSL_write(ssl, s, (int)strlen(s));
	else
		(void)!write(fd, s, strlen(s));
}

/* A forked SMTP server with STARTTLS for one connection. */
static pid_t starttls_server(int lfd, const char *cert)
{
	pid_t pid = fork();
	if (pid != 0) {
		close(lfd);
		return pid;
	}
	alarm(30);
	int fd = accept(lfd, NULL, NULL);
	int one = 1; /* as MTAs do: no Nagle stall behind session tickets */
	setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
	SSL *ssl = NULL;
	char line[1024];
	put(fd, NULL, "220 bench ESMTP\r\n");
	while (get_line(fd, ssl, line, sizeof line)) {
		if (strncmp(line, "EHLO", 4) == 0 && !ssl) {
			put(fd, ssl,
			    "250-bench\r\n250-PIPELINING\r\n"
			    "250 STARTTLS\r\n");
		} else if (strncmp(line, "EHLO", 4) == 0) {
			put(fd, ssl,
			    "250-bench\r\n250-AUTH PLAIN LOGIN\r\n"
			    "250 SIZE 10240000\r\n");
		} else if (strncmp(line, "STARTTLS", 8) == 0) {
			put(fd, ssl, "220 2.0.0 go ahead\r\n");
			SSL_CTX *ctx = SSL_CTX_new(TLS_server_method());
			SSL_CTX_use_certificate_chain_file(ctx, cert);
			SSL_CTX_use_PrivateKey_file(ctx, cert,
						    SSL_FILETYPE_PEM);
			ssl = SSL_new(ctx);
			SSL_set_fd(ssl, fd);
			if (SSL_accept(ssl) != 1)
				_exit(1);
		} else if (strncmp(line, "QUIT", 4) == 0) {
			put(fd, ssl, "221 bye\r\n");
			_exit(0);
		} else {
			put(fd, ssl, "500 what\r\n");
		}
	}
	_exit(0);
}

#define T_MS 1000 /* connect/reply timeout of the matrix probes */

/* ---- a plain SMTP server for many connections (forked) ---------------- */

static void serve_many(const int *lfds, int n_l, unsigned lifetime_s)
{
	struct pollfd p[512];
	int n = 0;
	for (int i = 0; i < n_l; i++)
		p[n++] = (struct pollfd){lfds[i], POLLIN, 0};
	alarm(lifetime_s);
	for (;;) {
		if (poll(p, (nfds_t)n, -1) < 0)
			continue;
		for (int i = 0; i < n; i++) {
			if (!p[i].revents)
				continue;
			if (i < n_l) {
				int c = accept(p[i].fd, NULL, NULL);
				if (c >= 0 && n < 512) {
					(void)!write(c, "220 bench ESMTP\r\n",
						     17);
					p[n++] = (struct pollfd){c, POLLIN, 0};
				} else if (c >= 0) {
					close(c);
				}
				continue;
			}
			char buf[1024];
			ssize_t r = read(p[i].fd, buf, sizeof buf);
			if (r <= 0) {
				close(p[i].fd);
				p[i--] = p[--n];
				continue;
			}
			if (strncmp(buf, "EHLO", 4) == 0)
				(void)!write(p[i].fd,
					     "250-bench\r\n250 PIPELINING\r\n",
					     27);
			else if (strncmp(buf, "QUIT", 4) == 0)
				(void)!write(p[i].fd, "221 bye\r\n", 9);
		}
	}
}

/* addr:port of family (AF_INET or AF_INET6) into *ss; its length. */
static socklen_t sockaddr_of(int family, const char *addr, int port,
			     struct sockaddr_storage *ss)
{
	memset(ss, 0, sizeof *ss);
	if (family == AF_INET) {
		struct sockaddr_in *a = (struct sockaddr_in *)ss;
		a->sin_family = AF_INET;
		a->sin_port = htons((uint16_t)port);
		inet_pton(AF_INET, addr, &a->sin_addr);
		return sizeof *a;
	}
	struct sockaddr_in6 *a = (struct sockaddr_in6 *)ss;
	a->sin6_family = AF_INET6;
	a->sin6_port = htons((uint16_t)port);
	inet_pton(AF_INET6, addr, &a->sin6_addr);
	return sizeof *a;
}

static int listen_on(int family, const char *addr, int port, int backlog)
{
	int fd = socket(family, SOCK_STREAM, 0);
	int one = 1;
	setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
	struct sockaddr_storage ss;
	socklen_t sl = sockaddr_of(family, addr, port, &ss);
	if (bind(fd, (struct sockaddr *)&ss, sl) != 0 ||
	    listen(fd, backlog) != 0) {
		close(fd);
		return -1;
	}
	return fd;
}

/* Make a listener look filtered: fill its queue so further SYNs drop. */
static void fill_queue(int family, const char *addr, int port, int *fds)
{
	for (int i = 0; i < 3; i++) {
		fds[i] = socket(family, SOCK_STREAM | SOCK_NONBLOCK, 0);
		struct sockaddr_storage ss;
		socklen_t sl = sockaddr_of(family, addr, port, &ss);
		connect(fds[i], (struct sockaddr *)&ss, sl);
	}
}

struct counter {
	size_t done;
};

static void count_done(struct probe *pr, const struct probe_event *ev, void *ud)
{
	(void)pr;
	if (ev->kind == PROBE_EV_DONE)
		((struct counter *)ud)->done++;
}

/* Run probes p[0..n) together; returns wall ms; slowest row into *slow. */
static uint64_t run_set(const struct probe_params *p, size_t n, uint64_t *slow,
			size_t *n_ok)
{
	struct loop *loop = loop_new();
	struct probe *pr[64];
	struct counter c = {0};
	struct md_err err;
	uint64_t t0 = loop_clock_ms();
	for (size_t i = 0; i < n; i++)
		pr[i] = probe_start(loop, &p[i], count_done, &c, &err);
	while (c.done < n)
		loop_run_once(loop, -1, &err);
	uint64_t wall = loop_clock_ms() - t0;
	for (size_t i = 0; i < n; i++) {
		const struct probe_row *r = probe_row(pr[i], 0);
		if (r->res.step_ms[SESS_STEP_DONE] > *slow)
			*slow = r->res.step_ms[SESS_STEP_DONE];
		*n_ok += r->res.outcome == SESS_OUT_OK;
		probe_free(pr[i]);
	}
	loop_free(loop);
	return wall;
}

/* The matrix's figures: one after another, in parallel, the slowest. */
static void matrix_report(size_t n, int n_filtered, uint64_t seq, uint64_t par,
			  uint64_t seq_slow, size_t ok)
{
	printf("matrix: %zu probes (3 hosts x 7 ports x 2 families), "
	       "%d filtered, timeout %d ms\n",
	       n, n_filtered, T_MS);
	printf("  one after another: %llu ms; in parallel: %llu ms "
	       "(speed-up %.1f x)\n",
	       (unsigned long long)seq, (unsigned long long)par,
	       par ? (double)seq / (double)par : 0.0);
	printf("  slowest single probe: %llu ms; parallel / slowest = %.2f "
	       "(aim <= 1.2); rows ok %zu/%zu\n",
	       (unsigned long long)seq_slow,
	       seq_slow ? (double)par / (double)seq_slow : 0.0, ok, n);
}

static void bench_matrix(void)
{
	static const char *const v4[3] = {"127.0.0.1", "127.0.0.2",
					  "127.0.0.3"};
	int base = 20000 + (int)(getpid() % 2000) * 10;
	struct probe_params p[42];
	char hosts[42][16];
	int lfds[64], n_l = 0, fill[64][3], n_fill = 0, filtered_l[64],
		      n_filtered = 0;
	size_t n = 0;
	for (int fam = 0; fam < 2; fam++)
		for (int h = 0; h < 3; h++)
			for (int k = 0; k < 7; k++) {
				/* IPv6 has one loopback address: distinct
				 * ports stand for distinct hosts. */
				int port = base + fam * 100 + h * 10 + k;
				const char *addr = fam ? "::1" : v4[h];
				int family = fam ? AF_INET6 : AF_INET;
				bool filtered = k == 2 || k == 4; /* 587, 993 */
				bool refused = k == 6;
				if (!refused) {
					int fd = listen_on(family, addr, port,
							   filtered ? 0 : 64);
					if (fd < 0) {
						printf(
						    "matrix: cannot listen on "
						    "%s %d\n",
						    addr, port);
						return;
					}
					if (filtered) {
						filtered_l[n_filtered++] = fd;
						fill_queue(family, addr, port,
							   fill[n_fill++]);
					} else {
						lfds[n_l++] = fd;
					}
				}
				snprintf(hosts[n], sizeof hosts[n], "%s", addr);
				p[n] = (struct probe_params){
				    .host = hosts[n],
				    .port = port,
				    .proto = ACCT_PROTO_SMTP,
				    .security = SESS_SEC_PLAIN,
				    .timeout_ms = T_MS};
				n++;
			}
	pid_t srv = fork();
	if (srv == 0)
		serve_many(lfds, n_l, 60);
	for (int i = 0; i < n_l; i++)
		close(lfds[i]);
	usleep(100000);

	uint64_t slow = 0, seq = 0, seq_slow = 0;
	size_t ok = 0, ok_seq = 0;
	for (size_t i = 0; i < n; i++) {
		uint64_t s1 = 0;
		seq += run_set(&p[i], 1, &s1, &ok_seq);
		if (s1 > seq_slow)
			seq_slow = s1;
	}
	uint64_t par = run_set(p, n, &slow, &ok);
	matrix_report(n, n_filtered, seq, par, seq_slow, ok);
	kill(srv, SIGTERM);
	waitpid(srv, NULL, 0);
	for (int i = 0; i < n_fill; i++)
		for (int k = 0; k < 3; k++)
			close(fill[i][k]);
	for (int i = 0; i < n_filtered; i++)
		close(filtered_l[i]);
}

/* ---- a relay that holds each chunk for delay_ms, both ways ------------ */

struct chunk {
	uint64_t due;
	size_t len;
	char data[16384];
};

static void relay(int lfd, int up_port, unsigned delay_ms)
{
	alarm(30);
	int a = accept(lfd, NULL, NULL);
	int b = socket(AF_INET, SOCK_STREAM, 0);
	struct sockaddr_in sa = {.sin_family = AF_INET,
				 .sin_port = htons((uint16_t)up_port)};
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (a < 0 || connect(b, (struct sockaddr *)&sa, sizeof sa) != 0)
		_exit(1);
	int one = 1; /* no Nagle: the delay is the relay's, not the stack's */
	setsockopt(a, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
	setsockopt(b, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
	static struct chunk q[2][64]; /* q[0]: a->b, q[1]: b->a */
	int head[2] = {0, 0}, tail[2] = {0, 0};
	int fds[2] = {a, b};
	bool open_[2] = {true, true}, shut[2] = {false, false};
	for (;;) {
		struct pollfd p[2] = {{a, open_[0] ? POLLIN : 0, 0},
				      {b, open_[1] ? POLLIN : 0, 0}};
		int wait = -1;
		uint64_t now = loop_clock_ms();
		for (int d = 0; d < 2; d++)
			if (head[d] != tail[d]) {
				uint64_t due = q[d][head[d]].due;
				int w = due > now ? (int)(due - now) : 0;
				wait = wait < 0 || w < wait ? w : wait;
			}
		if (shut[0] && shut[1])
			_exit(0);
		poll(p, 2, wait);
		now = loop_clock_ms();
		for (int d = 0; d < 2; d++) {
			if (open_[d] && (p[d].revents & (POLLIN | POLLHUP))) {
				struct chunk *c = &q[d][tail[d]];
				ssize_t r =
				    read(fds[d], c->data, sizeof c->data);
				if (r <= 0) {
					open_[d] = false;
				} else {
					c->len = (size_t)r;
					c->due = now + delay_ms;
					tail[d] = (tail[d] + 1) % 64;
				}
			}
			while (head[d] != tail[d] && q[d][head[d]].due <= now) {
				struct chunk *c = &q[d][head[d]];
				(void)!write(fds[1 - d], c->data, c->len);
				head[d] = (head[d] + 1) % 64;
			}
			/* Pass the end on only after what came before it. */
			if (!open_[d] && head[d] == tail[d] && !shut[d]) {
				shutdown(fds[1 - d], SHUT_WR);
				shut[d] = true;
			}
		}
	}
}

static void bench_rtt(void)
{
	const unsigned rtt = 50;
	char dir[] = "/tmp/md-bench-XXXXXX";
	char ca[64], cert[64];
	if (!mkdtemp(dir) || !make_certs(dir, ca, cert, sizeof ca)) {
		printf("rtt: cannot make certificates\n");
		return;
	}
	struct md_err err;
	struct tls_ctx *tls = tls_ctx_new(ca, &err);
	int up_port, r_port;
	pid_t srv = starttls_server(listen_any(&up_port), cert);
	int rl = listen_any(&r_port);
	pid_t rel = fork();
	if (rel == 0)
		relay(rl, up_port, rtt / 2);
	close(rl);
	struct probe_params p = {.host = "127.0.0.1",
				 .port = r_port,
				 .proto = ACCT_PROTO_SMTP,
				 .security = SESS_SEC_STARTTLS,
				 .tls = tls,
				 .timeout_ms = 5000,
				 .keep_transcript = true};
	struct loop *loop = loop_new();
	struct counter c = {0};
	struct probe *pr = probe_start(loop, &p, count_done, &c, &err);
	while (c.done < 1)
		loop_run_once(loop, -1, &err);
	const struct probe_row *row = probe_row(pr, 0);
	uint64_t caps = row->res.step_ms[SESS_STEP_CAPS];
	uint64_t done = row->res.step_ms[SESS_STEP_DONE];
	printf("starttls probe through a %u ms RTT relay: %s, %s, %zu "
	       "mechanisms\n",
	       rtt, sess_outcome_word(row->res.outcome), row->res.tls.version,
	       row->res.n_mechs);
	printf("  capabilities after TLS known at %llu ms = %.2f RTT; "
	       "closed (QUIT answered) at %llu ms = %.2f RTT (aim <= 6)\n",
	       (unsigned long long)caps, (double)caps / rtt,
	       (unsigned long long)done, (double)done / rtt);
	printf("  (the relay is on loopback, so the TCP handshake to it costs "
	       "no RTT; a real path adds 1 RTT)\n");
	if (getenv("BENCH_VERBOSE"))
		for (size_t i = 0; i < row->ts.n; i++)
			printf("  %5u %c %s\n", row->ts.lines[i].ms,
			       row->ts.lines[i].dir, row->ts.lines[i].text);
	probe_free(pr);
	loop_free(loop);
	waitpid(srv, NULL, 0);
	kill(rel, SIGTERM);
	waitpid(rel, NULL, 0);
	tls_ctx_free(tls);
	unlink(ca);
	unlink(cert);
	rmdir(dir);
}

static long rss_kb(void)
{
	struct rusage ru;
	getrusage(RUSAGE_SELF, &ru);
	return ru.ru_maxrss;
}

static void bench_rss(void)
{
	int port;
	int lfd = listen_any(&port);
	listen(lfd, 1024); /* connects complete; nobody ever answers */
	int ok_fd = listen_on(AF_INET, "127.0.0.1", port + 1, 512);
	pid_t srv = fork();
	if (srv == 0)
		serve_many(&ok_fd, 1, 60);
	close(ok_fd);
	usleep(100000);
	struct md_err err;
	struct tls_ctx *tls = tls_ctx_new(NULL, &err);
	long before = rss_kb();
	struct loop *loop = loop_new();
	struct probe *pr[200];
	struct counter c = {0};
	for (int i = 0; i < 200; i++) {
		/* Half wait in a TLS handshake, half talk SMTP. */
		struct probe_params p = {.host = "127.0.0.1",
					 .port = i % 2 ? port : port + 1,
					 .security = i % 2 ? SESS_SEC_TLS
							   : SESS_SEC_PLAIN,
					 .tls = tls,
					 .timeout_ms = 1500,
					 .keep_transcript = true};
		pr[i] = probe_start(loop, &p, count_done, &c, &err);
	}
	while (c.done < 200)
		loop_run_once(loop, -1, &err);
	long after = rss_kb();
	size_t ok = 0, to = 0;
	for (int i = 0; i < 200; i++) {
		ok += probe_row(pr[i], 0)->res.outcome == SESS_OUT_OK;
		to += probe_row(pr[i], 0)->res.outcome == SESS_OUT_TIMEOUT;
		probe_free(pr[i]);
	}
	loop_free(loop);
	tls_ctx_free(tls);
	printf("200 parallel probes (100 SMTP ok: %zu, 100 TLS handshakes "
	       "left hanging: %zu timeouts)\n",
	       ok, to);
	printf("  peak RSS %.1f MB (before: %.1f MB; aim < 20 MB)\n",
	       (double)after / 1024.0, (double)before / 1024.0);
	kill(srv, SIGTERM);
	waitpid(srv, NULL, 0);
	close(lfd);
}

int main(void)
{
	signal(SIGPIPE, SIG_IGN);
	setvbuf(stdout, NULL, _IOLBF, 0);
	bench_rss(); /* first: peak RSS of the process so far */
	bench_matrix();
	bench_rtt();
	return 0;
}
