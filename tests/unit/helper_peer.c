/* helper_peer.c — scripted peers (forked children) and test certificates
 * for the unit tests of the probe engine. */
#include "tests/unit/helper_peer.h"

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/ssl.h>
#include <openssl/x509v3.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

struct chan {
	int fd;
	SSL *ssl;
	char buf[8192];
	size_t len;
};

static int chan_write(struct chan *c, const char *s, size_t n)
{
	while (n > 0) {
		ssize_t w;
		if (c->ssl)
			w = SSL_write(c->ssl, s, (int)n);
		else
			w = write(c->fd, s, n);
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
		ssize_t r = c->ssl ? SSL_read(c->ssl, c->buf + c->len,
					      (int)(sizeof c->buf - c->len))
				   : read(c->fd, c->buf + c->len,
					  sizeof c->buf - c->len);
		if (r <= 0)
			return -1;
		c->len += (size_t)r;
	}
}

static int play(int fd, const struct peer_step *steps, const char *cert)
{
	struct chan c = {.fd = fd};
	SSL_CTX *ctx = NULL;
	char line[4096];
	for (int i = 0;; i++) {
		const struct peer_step *s = &steps[i];
		switch (s->act) {
		case PEER_END:
			while (chan_read_line(&c, line, sizeof line) == 0)
				;
			return 0;
		case PEER_SEND:
			if (chan_write(&c, s->arg, strlen(s->arg)) < 0)
				return i + 1;
			break;
		case PEER_EXPECT:
			if (chan_read_line(&c, line, sizeof line) < 0 ||
			    strncmp(line, s->arg, strlen(s->arg)) != 0) {
				fprintf(stderr,
					"peer: step %d wanted \"%s\", "
					"got \"%s\"\n",
					i + 1, s->arg, line);
				return i + 1;
			}
			break;
		case PEER_TLS:
			ctx = SSL_CTX_new(TLS_server_method());
			/* level 0: it may present weak.pem (the client
			 * judges) */
			if (ctx)
				SSL_CTX_set_security_level(ctx, 0);
			if (!ctx ||
			    SSL_CTX_use_certificate_chain_file(ctx, cert) !=
				1 ||
			    SSL_CTX_use_PrivateKey_file(ctx, cert,
							SSL_FILETYPE_PEM) != 1)
				return i + 1;
			c.ssl = SSL_new(ctx);
			SSL_set_fd(c.ssl, fd);
			if (SSL_accept(c.ssl) != 1)
				return i + 1;
			break;
		case PEER_SLEEP:
			usleep(s->ms * 1000u);
			break;
		case PEER_CLOSE:
			close(fd);
			return 0;
		case PEER_RESET: {
			struct linger lg = {1, 0};
			setsockopt(fd, SOL_SOCKET, SO_LINGER, &lg, sizeof lg);
			close(fd);
			return 0;
		}
		case PEER_FLOOD:
			for (unsigned k = 0; k < s->ms; k++)
				if (chan_write(&c, s->arg, strlen(s->arg)) < 0)
					return 0;
			break;
		}
	}
}

/* In the child: close every descriptor but keep (the parent's copies of
 * the client's end would hide the client's close). */
static void close_others(int keep)
{
	for (int fd = 3; fd < 1024; fd++)
		if (fd != keep)
			close(fd);
}

pid_t peer_spawn(int fd, const struct peer_step *steps, const char *cert)
{
	pid_t pid = fork();
	if (pid < 0)
		return -1;
	if (pid == 0) {
		alarm(15);
		signal(SIGPIPE, SIG_IGN);
		close_others(fd);
		_exit(play(fd, steps, cert));
	}
	close(fd);
	return pid;
}

pid_t peer_spawn_listen(int lfd, const struct peer_step *steps,
			const char *cert)
{
	pid_t pid = fork();
	if (pid < 0)
		return -1;
	if (pid == 0) {
		alarm(15);
		signal(SIGPIPE, SIG_IGN);
		int fd = accept(lfd, NULL, NULL);
		if (fd < 0)
			_exit(98);
		close_others(fd);
		_exit(play(fd, steps, cert));
	}
	close(lfd);
	return pid;
}

int peer_wait(pid_t pid)
{
	int st;
	pid_t r;
	while ((r = waitpid(pid, &st, 0)) < 0 && errno == EINTR)
		;
	if (r != pid) {
		fprintf(stderr, "peer_wait: %s\n", strerror(errno));
		return 99;
	}
	if (WIFSIGNALED(st))
		fprintf(stderr, "peer: killed by signal %d\n", WTERMSIG(st));
	return WIFEXITED(st) ? WEXITSTATUS(st) : 99;
}

int peer_listen(bool v6, int *port)
{
	int fd = socket(v6 ? AF_INET6 : AF_INET, SOCK_STREAM, 0);
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
		close(fd);
		return -1;
	}
	*port = ntohs(v6 ? ((struct sockaddr_in6 *)&ss)->sin6_port
			 : ((struct sockaddr_in *)&ss)->sin_port);
	return fd;
}

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
	FILE *f = fopen(path, "w");
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
