/* helper_peer.c — scripted peers (tasks of helper_os.h: forked children on
 * Linux, threads on Windows) and test certificates for the unit tests of
 * the probe engine. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "tests/unit/helper_peer.h"

#include "core/base/os.h"
#include "tests/unit/helper_os.h"

#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/ssl.h>
#include <openssl/x509v3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

struct chan {
	int fd;
	SSL *ssl;
	char buf[8192];
	size_t len;
};

static int chan_write(struct chan *c, const char *s, size_t n)
{
	while (n > 0) {
		long w;
		if (c->ssl)
			w = SSL_write(c->ssl, s, (int)n);
		else
			w = ho_write(c->fd, s, n);
		if (w <= 0)
			return -1;
		s += w;
		n -= (size_t)w;
	}
	return 0;
}

static int chan_read_line(struct chan *c, char *out, size_t outsz)
{
	for (;;) {
		char *nl = memchr(c->buf, '\n', c->len);
		if (nl) {
			size_t n = (size_t)(nl - c->buf) + 1;
			size_t k = n < outsz ? n : outsz - 1;
			memcpy(out, c->buf, k);
			out[k] = '\0';
			memmove(c->buf, c->buf + n, c->len - n);
			c->len -= n;
			return 0;
		}
		if (c->len == sizeof c->buf)
			return -1;
		long r = c->ssl ? SSL_read(c->ssl, c->buf + c->len,
					   (int)(sizeof c->buf - c->len))
				: ho_read(c->fd, c->buf + c->len,
					  sizeof c->buf - c->len);
		if (r <= 0)
			return -1;
		c->len += (size_t)r;
	}
}

/* Play steps on channel c; 0 when the whole script was played, else the
 * 1-based index of the step that failed. */
static int play_steps(struct chan *c, SSL_CTX **ctx,
		      const struct peer_step *steps, const char *cert)
{
	char line[4096];
	for (int i = 0;; i++) {
		const struct peer_step *s = &steps[i];
		switch (s->act) {
		case PEER_END:
			while (chan_read_line(c, line, sizeof line) == 0)
				;
			return 0;
		case PEER_SEND:
			if (chan_write(c, s->arg, strlen(s->arg)) < 0)
				return i + 1;
			break;
		case PEER_EXPECT:
			if (chan_read_line(c, line, sizeof line) < 0 ||
			    strncmp(line, s->arg, strlen(s->arg)) != 0) {
				fprintf(stderr,
					"peer: step %d wanted \"%s\", "
					"got \"%s\"\n",
					i + 1, s->arg, line);
				return i + 1;
			}
			break;
		case PEER_TLS:
			*ctx = SSL_CTX_new(TLS_server_method());
			/* level 0: it may present weak.pem (the client
			 * judges) */
			if (*ctx)
				SSL_CTX_set_security_level(*ctx, 0);
			if (!*ctx ||
			    SSL_CTX_use_certificate_chain_file(*ctx, cert) !=
				1 ||
			    SSL_CTX_use_PrivateKey_file(*ctx, cert,
							SSL_FILETYPE_PEM) != 1)
				return i + 1;
			c->ssl = SSL_new(*ctx);
			SSL_set_fd(c->ssl, c->fd);
			if (SSL_accept(c->ssl) != 1)
				return i + 1;
			break;
		case PEER_SLEEP:
			ho_sleep_ms(s->ms);
			break;
		case PEER_CLOSE:
			return 0; /* play() closes */
		case PEER_RESET:
			ho_linger0(c->fd);
			return 0;
		case PEER_FLOOD:
			for (unsigned k = 0; k < s->ms; k++)
				if (chan_write(c, s->arg, strlen(s->arg)) < 0)
					return 0;
			break;
		}
	}
}

/* The script on fd, which is closed at the end. */
static int play(int fd, const struct peer_step *steps, const char *cert)
{
	struct chan *c = calloc(1, sizeof *c);
	SSL_CTX *ctx = NULL;
	if (!c) {
		ho_close(fd);
		return 99;
	}
	c->fd = fd;
	int st = play_steps(c, &ctx, steps, cert);
	SSL_free(c->ssl);
	SSL_CTX_free(ctx);
	ho_close(fd);
	free(c);
	return st;
}

/* What a peer task is given: its script, and whether fd is a listening
 * socket to accept one connection on first. */
struct peer_job {
	int fd;
	bool listen;
	const struct peer_step *steps;
	const char *cert;
};

static int peer_main(void *arg)
{
	const struct peer_job *j = arg;
	if (!j->listen)
		return play(j->fd, j->steps, j->cert);
	int fd = (int)accept(j->fd, NULL, NULL);
	ho_close(j->fd);
	if (fd < 0)
		return 98;
	return play(fd, j->steps, j->cert);
}

/* The child exits by itself within 15 s (peer_wait() gives 99 then). */
enum { PEER_LIMIT_S = 15 };

struct ho_task *peer_spawn(int fd, const struct peer_step *steps,
			   const char *cert)
{
	struct peer_job j = {fd, false, steps, cert};
	return ho_task_start(peer_main, &j, sizeof j, fd, PEER_LIMIT_S);
}

struct ho_task *peer_spawn_listen(int lfd, const struct peer_step *steps,
				  const char *cert)
{
	struct peer_job j = {lfd, true, steps, cert};
	return ho_task_start(peer_main, &j, sizeof j, lfd, PEER_LIMIT_S);
}

int peer_wait(struct ho_task *t)
{
	if (!t) {
		fprintf(stderr, "peer_wait: no peer\n");
		return 99;
	}
	return ho_task_wait(t);
}

void peer_stop(struct ho_task *t)
{
	if (t)
		ho_task_stop(t);
}

int peer_listen(bool v6, int *port)
{
	ho_net_init();
	int fd = (int)socket(v6 ? AF_INET6 : AF_INET, SOCK_STREAM, 0);
	if (fd < 0)
		return -1;
	struct sockaddr_storage ss;
	socklen_t sl;
	memset(&ss, 0, sizeof ss);
	if (v6) {
		struct sockaddr_in6 *a = (struct sockaddr_in6 *)&ss;
		a->sin6_family = AF_INET6;
		a->sin6_addr = in6addr_loopback;
		sl = sizeof *a;
	} else {
		struct sockaddr_in *a = (struct sockaddr_in *)&ss;
		a->sin_family = AF_INET;
		a->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
		sl = sizeof *a;
	}
	if (bind(fd, (struct sockaddr *)&ss, sl) != 0 || listen(fd, 16) != 0 ||
	    getsockname(fd, (struct sockaddr *)&ss, &sl) != 0) {
		ho_close(fd);
		return -1;
	}
	*port = ntohs(v6 ? ((struct sockaddr_in6 *)&ss)->sin6_port
			 : ((struct sockaddr_in *)&ss)->sin_port);
	return fd;
}

int peer_closed_port(void)
{
	int port;
	int fd = peer_listen(false, &port);
	assert_true(fd >= 0);
	ho_close(fd);
	return port;
}

int peer_udp(int *port)
{
	ho_net_init();
	int fd = (int)socket(AF_INET, SOCK_DGRAM, 0);
	if (fd < 0)
		return -1;
	struct sockaddr_in sa = {.sin_family = AF_INET,
				 .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
	socklen_t len = sizeof sa;
	if (bind(fd, (struct sockaddr *)&sa, sizeof sa) != 0 ||
	    getsockname(fd, (struct sockaddr *)&sa, &len) != 0) {
		ho_close(fd);
		return -1;
	}
	*port = ntohs(sa.sin_port);
	return fd;
}

const struct peer_step peer_smtp_ok[] = {
    {PEER_SEND, "220 ok\r\n", 0},
    {PEER_EXPECT, "EHLO ", 0},
    {PEER_SEND, "250-hi\r\n250 SIZE 1000\r\n", 0},
    {PEER_EXPECT, "QUIT", 0},
    {PEER_SEND, "221 bye\r\n", 0},
    {PEER_END, NULL, 0},
};

/* ---- certificates ------------------------------------------------------- */

static void add_ext(X509 *x, X509 *issuer, int nid, const char *value)
{
	X509V3_CTX v3;
	X509V3_set_ctx(&v3, issuer, x, NULL, NULL, 0);
	X509_EXTENSION *e = X509V3_EXT_conf_nid(NULL, &v3, nid, value);
	if (e) {
		X509_add_ext(x, e, -1);
		X509_EXTENSION_free(e);
	}
}

/* A certificate for cn with alt names san (NULL: none), valid from
 * from_days to to_days (relative to now), signed by ikey/issuer (NULL:
 * self-signed). */
static X509 *make_cert(EVP_PKEY *key, const char *cn, const char *san,
		       long from_days, long to_days, EVP_PKEY *ikey,
		       X509 *issuer, bool ca)
{
	static long serial = 1;
	X509 *x = X509_new();
	X509_set_version(x, 2);
	ASN1_INTEGER_set(X509_get_serialNumber(x), serial++ + (long)time(NULL));
	X509_gmtime_adj(X509_getm_notBefore(x), from_days * 86400);
	X509_gmtime_adj(X509_getm_notAfter(x), to_days * 86400);
	X509_set_pubkey(x, key);
	X509_NAME *n = X509_get_subject_name(x);
	X509_NAME_add_entry_by_txt(n, "CN", MBSTRING_ASC,
				   (const unsigned char *)cn, -1, -1, 0);
	X509_set_issuer_name(x, issuer ? X509_get_subject_name(issuer) : n);
	X509 *iss = issuer ? issuer : x;
	if (ca) {
		add_ext(x, iss, NID_basic_constraints, "critical,CA:TRUE");
		add_ext(x, iss, NID_key_usage, "critical,keyCertSign,cRLSign");
	} else {
		add_ext(x, iss, NID_basic_constraints, "CA:FALSE");
	}
	add_ext(x, iss, NID_subject_key_identifier, "hash");
	if (issuer)
		add_ext(x, iss, NID_authority_key_identifier, "keyid");
	if (san)
		add_ext(x, iss, NID_subject_alt_name, san);
	X509_sign(x, ikey ? ikey : key, EVP_sha256());
	return x;
}

static bool write_pem(const char *dir, const char *name, X509 *x, X509 *chain,
		      EVP_PKEY *key)
{
	char path[1024];
	snprintf(path, sizeof path, "%s/%s", dir, name);
	FILE *f = os_fopen(path, "w");
	if (!f)
		return false;
	bool ok = PEM_write_X509(f, x) == 1 &&
		  (!chain || PEM_write_X509(f, chain) == 1) &&
		  (!key || PEM_write_PrivateKey(f, key, NULL, NULL, 0, NULL,
						NULL) == 1);
	return fclose(f) == 0 && ok;
}

bool certs_make(const char *dir)
{
	const char *san = "DNS:mail.test.example,DNS:localhost,"
			  "IP:127.0.0.1,IP:::1";
	EVP_PKEY *cakey = EVP_EC_gen("P-256");
	EVP_PKEY *key = EVP_EC_gen("P-256");
	EVP_PKEY *otherkey = EVP_EC_gen("P-256");
	if (!cakey || !key || !otherkey)
		return false;
	X509 *ca = make_cert(cakey, "maildoctor test CA", NULL, -1, 30, NULL,
			     NULL, true);
	X509 *other =
	    make_cert(otherkey, "untrusted CA", NULL, -1, 30, NULL, NULL, true);
	X509 *good =
	    make_cert(key, "mail.test.example", san, -1, 30, cakey, ca, false);
	X509 *expired =
	    make_cert(key, "mail.test.example", san, -30, -1, cakey, ca, false);
	X509 *wrong = make_cert(key, "other.example", "DNS:other.example", -1,
				30, cakey, ca, false);
	X509 *self =
	    make_cert(key, "mail.test.example", san, -1, 30, NULL, NULL, false);
	X509 *unknown = make_cert(key, "mail.test.example", san, -1, 30,
				  otherkey, other, false);
	X509 *weak =
	    make_cert(key, "mail.test.example", san, -1, 30, cakey, ca, false);
	/* the same leaf signed with SHA-1: refused at security level 1+ */
	if (weak && X509_sign(weak, cakey, EVP_sha1()) <= 0) {
		X509_free(weak);
		weak = NULL;
	}
	bool ok = write_pem(dir, "ca.pem", ca, NULL, NULL) &&
		  write_pem(dir, "good.pem", good, ca, key) &&
		  write_pem(dir, "expired.pem", expired, ca, key) &&
		  write_pem(dir, "wrongname.pem", wrong, ca, key) &&
		  write_pem(dir, "selfsigned.pem", self, NULL, key) &&
		  write_pem(dir, "unknownca.pem", unknown, other, key) &&
		  weak && write_pem(dir, "weak.pem", weak, ca, key);
	X509_free(ca);
	X509_free(other);
	X509_free(good);
	X509_free(expired);
	X509_free(wrong);
	X509_free(self);
	X509_free(unknown);
	X509_free(weak);
	EVP_PKEY_free(cakey);
	EVP_PKEY_free(key);
	EVP_PKEY_free(otherkey);
	return ok;
}
