/* tls.c — OpenSSL client connections for probes: strict verification (or,
 * for --insecure only, verification recorded but not enforced, rechecked
 * at the strict level), and each failure sorted into a category a person
 * can be told about. */
#include "core/net/tls.h"
#include "core/net/sock.h"
#include "core/net/trust.h"
#include "core/base/i18n.h"

#include <openssl/err.h>
#include <openssl/ssl.h>
#include <openssl/x509v3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

struct tls_ctx {
	SSL_CTX *ssl_ctx;
	bool insecure;	  /* tls_ctx_new_insecure: failures do not stop */
	int strict_level; /* the security level a strict context has */
};

struct tls_conn {
	SSL *ssl;
	int strict_level; /* from the context (info.insecure too) */
	bool leaf_seen;	  /* info has the leaf's fields */
	long verify_err;  /* first verification error, or 0 */
	struct tls_info info;
};

static const struct {
	const char *word;
	const char *text;
} failure_table[] = {
#define TLS_X_ROW(name, word, text) {word, N_(text)},
    TLS_FAILURE_LIST(TLS_X_ROW)
#undef TLS_X_ROW
};

#define N_FAILURES (sizeof failure_table / sizeof failure_table[0])

const char *tls_failure_word(enum tls_failure f)
{
	return (size_t)f < N_FAILURES ? failure_table[f].word : "handshake";
}

const char *tls_failure_text(enum tls_failure f)
{
	return (size_t)f < N_FAILURES ? failure_table[f].text
				      : failure_table[TLS_FAIL_HANDSHAKE].text;
}

/* Copy an ASN1 time as "YYYY-MM-DDTHH:MM:SSZ". */
static void put_time(const ASN1_TIME *t, char *out, size_t outsz)
{
	struct tm tm;
	out[0] = '\0';
	if (t && ASN1_TIME_to_tm(t, &tm) == 1)
		strftime(out, outsz, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

/* The name's common name, or its one-line form when it has none. */
static void put_name(const X509_NAME *name, char *out, size_t outsz)
{
	out[0] = '\0';
	if (!name)
		return;
	if (X509_NAME_get_text_by_NID((X509_NAME *)name, NID_commonName, out,
				      (int)outsz) < 0)
		X509_NAME_oneline(name, out, (int)outsz);
}

/* Append the subjectAltName DNS names and addresses to names. */
static void put_alt_names(X509 *x, char *out, size_t outsz)
{
	GENERAL_NAMES *gens =
	    X509_get_ext_d2i(x, NID_subject_alt_name, NULL, NULL);
	size_t used = 0;
	out[0] = '\0';
	for (int i = 0; gens && i < sk_GENERAL_NAME_num(gens); i++) {
		const GENERAL_NAME *g = sk_GENERAL_NAME_value(gens, i);
		char one[INET6_ADDRSTRLEN + 256] = "";
		if (g->type == GEN_DNS) {
			const ASN1_STRING *s = g->d.dNSName;
			snprintf(one, sizeof one, "%.*s",
				 ASN1_STRING_length(s) > 253
				     ? 253
				     : ASN1_STRING_length(s),
				 (const char *)ASN1_STRING_get0_data(s));
		} else if (g->type == GEN_IPADD) {
			const ASN1_OCTET_STRING *s = g->d.iPAddress;
			int len = ASN1_STRING_length(s);
			if (len == 4 || len == 16)
				inet_ntop(len == 4 ? AF_INET : AF_INET6,
					  ASN1_STRING_get0_data(s), one,
					  sizeof one);
		}
		if (!one[0])
			continue;
		int n = snprintf(out + used, outsz - used, "%s%s",
				 used ? ", " : "", one);
		if (n < 0 || (size_t)n >= outsz - used) {
			out[used] = '\0';
			break;
		}
		used += (size_t)n;
	}
	GENERAL_NAMES_free(gens);
}

static void describe_cert(X509 *x, struct tls_info *info)
{
	put_name(X509_get_subject_name(x), info->subject, sizeof info->subject);
	put_name(X509_get_issuer_name(x), info->issuer, sizeof info->issuer);
	put_alt_names(x, info->names, sizeof info->names);
	put_time(X509_get0_notBefore(x), info->not_before,
		 sizeof info->not_before);
	put_time(X509_get0_notAfter(x), info->not_after,
		 sizeof info->not_after);
}

/* Keeps OpenSSL's verdict; records the leaf and the first error. */
static int verify_cb(int ok, X509_STORE_CTX *xs)
{
	SSL *ssl = X509_STORE_CTX_get_ex_data(
	    xs, SSL_get_ex_data_X509_STORE_CTX_idx());
	struct tls_conn *c = ssl ? SSL_get_app_data(ssl) : NULL;
	if (!c)
		return ok;
	X509 *leaf = X509_STORE_CTX_get0_cert(xs);
	if (leaf && !c->leaf_seen) {
		describe_cert(leaf, &c->info);
		c->leaf_seen = true;
	}
	if (!ok && c->verify_err == 0)
		c->verify_err = X509_STORE_CTX_get_error(xs);
	/* Only --insecure goes on after a failure, and it is recorded. */
	return c->info.insecure ? 1 : ok;
}

static struct tls_ctx *ctx_new(const char *ca_file, bool insecure,
			       struct md_err *err)
{
	struct tls_ctx *ctx = calloc(1, sizeof *ctx);
	if (!ctx) {
		md_err_set(err, MD_ERR_NOMEM, NULL, 0, "%s",
			   _("out of memory"));
		return NULL;
	}
	ctx->ssl_ctx = SSL_CTX_new(TLS_client_method());
	if (!ctx->ssl_ctx) {
		md_err_set(err, MD_ERR_TLS, NULL, 0, "%s",
			   _("TLS could not be set up"));
		free(ctx);
		return NULL;
	}
	SSL_CTX *s = ctx->ssl_ctx;
	ctx->insecure = insecure;
	ctx->strict_level = SSL_CTX_get_security_level(s);
	if (insecure) {
		/* Old servers too: TLS 1.0/1.1 need security level 0. */
		SSL_CTX_set_min_proto_version(s, TLS1_VERSION);
		SSL_CTX_set_security_level(s, 0);
	} else {
		SSL_CTX_set_min_proto_version(s, TLS1_2_VERSION);
	}
	/* Always SSL_VERIFY_PEER: insecure only keeps going (verify_cb). */
	SSL_CTX_set_verify(s, SSL_VERIFY_PEER, verify_cb);
	SSL_CTX_set_mode(s, SSL_MODE_ENABLE_PARTIAL_WRITE |
				SSL_MODE_ACCEPT_MOVING_WRITE_BUFFER |
				SSL_MODE_RELEASE_BUFFERS);
	SSL_CTX_set_options(s, SSL_OP_IGNORE_UNEXPECTED_EOF);
	trust_add_system_roots(s);
	if (ca_file && SSL_CTX_load_verify_locations(s, ca_file, NULL) != 1) {
		md_err_set(err, MD_ERR_IO, ca_file, 0, "%s",
			   _("the certificate file cannot be read"));
		ERR_clear_error();
		tls_ctx_free(ctx);
		return NULL;
	}
	return ctx;
}

struct tls_ctx *tls_ctx_new(const char *ca_file, struct md_err *err)
{
	return ctx_new(ca_file, false, err);
}

struct tls_ctx *tls_ctx_new_insecure(const char *ca_file, struct md_err *err)
{
	return ctx_new(ca_file, true, err);
}

bool tls_ctx_insecure(const struct tls_ctx *ctx)
{
	return ctx && ctx->insecure;
}

void tls_ctx_free(struct tls_ctx *ctx)
{
	if (!ctx)
		return;
	SSL_CTX_free(ctx->ssl_ctx);
	free(ctx);
}

static bool is_ip_literal(const char *host)
{
	unsigned char buf[16];
	return inet_pton(AF_INET, host, buf) == 1 ||
	       inet_pton(AF_INET6, host, buf) == 1;
}

struct tls_conn *tls_conn_new(struct tls_ctx *ctx, int fd, const char *host,
			      struct md_err *err)
{
	struct tls_conn *c = calloc(1, sizeof *c);
	if (!c) {
		md_err_set(err, MD_ERR_NOMEM, NULL, 0, "%s",
			   _("out of memory"));
		return NULL;
	}
	c->ssl = SSL_new(ctx->ssl_ctx);
	if (!c->ssl || SSL_set_fd(c->ssl, fd) != 1)
		goto fail;
	SSL_set_app_data(c->ssl, c);
	c->strict_level = ctx->strict_level;
	c->info.insecure = ctx->insecure;
	if (host && is_ip_literal(host)) {
		if (X509_VERIFY_PARAM_set1_ip_asc(SSL_get0_param(c->ssl),
						  host) != 1)
			goto fail;
	} else if (host) {
		if (SSL_set_tlsext_host_name(c->ssl, host) != 1 ||
		    SSL_set1_host(c->ssl, host) != 1)
			goto fail;
	}
	SSL_set_connect_state(c->ssl);
	return c;
fail:
	md_err_set(err, MD_ERR_TLS, NULL, 0, "%s",
		   _("TLS could not be set up"));
	ERR_clear_error();
	tls_conn_free(c);
	return NULL;
}

void tls_conn_free(struct tls_conn *conn)
{
	if (!conn)
		return;
	SSL_free(conn->ssl);
	free(conn);
}

static enum tls_failure verify_failure(long v)
{
	switch (v) {
	case X509_V_ERR_CERT_HAS_EXPIRED:
		return TLS_FAIL_EXPIRED;
	case X509_V_ERR_CERT_NOT_YET_VALID:
		return TLS_FAIL_NOT_YET_VALID;
	case X509_V_ERR_HOSTNAME_MISMATCH:
	case X509_V_ERR_IP_ADDRESS_MISMATCH:
		return TLS_FAIL_WRONG_NAME;
	case X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT:
		return TLS_FAIL_SELF_SIGNED;
	/* A chain ending in a root nobody trusts: the issuer is unknown. */
	case X509_V_ERR_SELF_SIGNED_CERT_IN_CHAIN:
	case X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY:
	case X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT:
	case X509_V_ERR_UNABLE_TO_VERIFY_LEAF_SIGNATURE:
		return TLS_FAIL_UNKNOWN_ISSUER;
	default:
		return TLS_FAIL_UNTRUSTED;
	}
}

static enum tls_failure reason_failure(int reason)
{
	switch (reason) {
	case SSL_R_WRONG_VERSION_NUMBER:
	case SSL_R_PACKET_LENGTH_TOO_LONG:
	case SSL_R_HTTP_REQUEST:
	case SSL_R_HTTPS_PROXY_REQUEST:
	case SSL_R_RECORD_LENGTH_MISMATCH:
	case SSL_R_UNEXPECTED_RECORD:
	case SSL_R_LENGTH_TOO_SHORT:
	case SSL_R_ENCRYPTED_LENGTH_TOO_LONG:
		return TLS_FAIL_NOT_TLS;
	case SSL_R_UNSUPPORTED_PROTOCOL:
	case SSL_R_TLSV1_ALERT_PROTOCOL_VERSION:
	case SSL_R_NO_PROTOCOLS_AVAILABLE:
	case SSL_R_VERSION_TOO_LOW:
		return TLS_FAIL_OLD_VERSION;
	default:
		return TLS_FAIL_HANDSHAKE;
	}
}

/* Sort a failed SSL call; fills info on errors. */
static enum tls_io classify(struct tls_conn *c, int r, bool handshake)
{
	int e = SSL_get_error(c->ssl, r);
	int saved = sock_errno();
	switch (e) {
	case SSL_ERROR_WANT_READ:
		return TLS_IO_WANT_READ;
	case SSL_ERROR_WANT_WRITE:
		return TLS_IO_WANT_WRITE;
	case SSL_ERROR_ZERO_RETURN:
		if (handshake) {
			c->info.failure = TLS_FAIL_HANDSHAKE;
			snprintf(c->info.detail, sizeof c->info.detail,
				 "closed during the handshake");
		}
		return TLS_IO_CLOSED;
	case SSL_ERROR_SYSCALL:
		ERR_clear_error();
		if (handshake) {
			c->info.failure = TLS_FAIL_HANDSHAKE;
			snprintf(c->info.detail, sizeof c->info.detail, "%s",
				 saved == ECONNRESET ? "reset during the "
						       "handshake"
						     : "closed during the "
						       "handshake");
		}
		if (saved == ECONNRESET || saved == EPIPE)
			return TLS_IO_RESET;
		return saved == 0 ? TLS_IO_CLOSED : TLS_IO_ERROR;
	default: {
		unsigned long code = ERR_peek_last_error();
		ERR_clear_error();
		long v = SSL_get_verify_result(c->ssl);
		if (c->verify_err == 0 && v != X509_V_OK)
			c->verify_err = v;
		if (c->verify_err != 0) {
			c->info.failure = verify_failure(c->verify_err);
			snprintf(c->info.detail, sizeof c->info.detail, "%s",
				 X509_verify_cert_error_string(c->verify_err));
		} else {
			const char *why = ERR_reason_error_string(code);
			c->info.failure = reason_failure(ERR_GET_REASON(code));
			snprintf(c->info.detail, sizeof c->info.detail, "%s",
				 why ? why : "TLS error");
		}
		return TLS_IO_ERROR;
	}
	}
}

/* The peer's chain verified again at the strict security level: level 0,
 * which lets TLS 1.0 through, also lets weak keys and SHA-1 signatures
 * pass. Returns the first error, or 0. */
static long verify_strictly(SSL *ssl, int level)
{
	X509 *leaf = SSL_get0_peer_certificate(ssl);
	X509_STORE_CTX *xs = X509_STORE_CTX_new();
	long e = X509_V_ERR_UNSPECIFIED;
	if (leaf && xs &&
	    X509_STORE_CTX_init(xs,
				SSL_CTX_get_cert_store(SSL_get_SSL_CTX(ssl)),
				leaf, SSL_get_peer_cert_chain(ssl)) == 1) {
		X509_VERIFY_PARAM *param = X509_STORE_CTX_get0_param(xs);
		X509_STORE_CTX_set_default(xs, "ssl_server");
		X509_VERIFY_PARAM_set1(param, SSL_get0_param(ssl));
		X509_VERIFY_PARAM_set_auth_level(param, level);
		e = X509_verify_cert(xs) == 1 ? 0
					      : X509_STORE_CTX_get_error(xs);
		if (e == 0 && X509_STORE_CTX_get_error(xs) != X509_V_OK)
			e = X509_STORE_CTX_get_error(xs);
	}
	X509_STORE_CTX_free(xs);
	ERR_clear_error();
	return e;
}

enum tls_io tls_handshake(struct tls_conn *c)
{
	ERR_clear_error();
	sock_errno_clear();
	int r = SSL_do_handshake(c->ssl);
	if (r != 1)
		return classify(c, r, true);
	X509 *leaf = SSL_get0_peer_certificate(c->ssl);
	if (leaf)
		describe_cert(leaf, &c->info);
	snprintf(c->info.version, sizeof c->info.version, "%s",
		 SSL_get_version(c->ssl));
	snprintf(c->info.cipher, sizeof c->info.cipher, "%s",
		 SSL_get_cipher_name(c->ssl));
	c->info.done = true;
	c->info.failure = TLS_FAIL_NONE;
	c->info.verified = !c->info.insecure;
	if (!c->info.insecure)
		return TLS_IO_OK;
	/* What strict verification would have refused, kept as a fact. */
	long v = SSL_get_verify_result(c->ssl);
	if (c->verify_err == 0 && v != X509_V_OK)
		c->verify_err = v;
	if (c->verify_err == 0)
		c->verify_err = verify_strictly(c->ssl, c->strict_level);
	if (c->verify_err != 0) {
		c->info.failure = verify_failure(c->verify_err);
		snprintf(c->info.detail, sizeof c->info.detail, "%s",
			 X509_verify_cert_error_string(c->verify_err));
	} else if (SSL_version(c->ssl) < TLS1_2_VERSION) {
		c->info.failure = TLS_FAIL_OLD_VERSION;
		snprintf(c->info.detail, sizeof c->info.detail, "%s",
			 "protocol version below TLSv1.2");
	}
	return TLS_IO_OK;
}

enum tls_io tls_read(struct tls_conn *c, void *buf, size_t len, size_t *got)
{
	ERR_clear_error();
	sock_errno_clear();
	int r = SSL_read_ex(c->ssl, buf, len, got);
	return r == 1 ? TLS_IO_OK : classify(c, r, false);
}

enum tls_io tls_write(struct tls_conn *c, const void *buf, size_t len,
		      size_t *put)
{
	ERR_clear_error();
	sock_errno_clear();
	int r = SSL_write_ex(c->ssl, buf, len, put);
	return r == 1 ? TLS_IO_OK : classify(c, r, false);
}

const struct tls_info *tls_conn_info(const struct tls_conn *c)
{
	return &c->info;
}
