/* tls.h — client TLS through OpenSSL on a non-blocking socket: strict
 * verification (system store, an extra CA file, the host name; --insecure
 * records it without enforcing it), and a description of what was
 * negotiated or of why it failed, in words a diagnosis can use and in a
 * sentence a person can read (tls_words.c). No OpenSSL type leaves tls.c. */
#ifndef MD_TLS_H
#define MD_TLS_H

#include "core/base/err.h"

#include <stdbool.h>
#include <stddef.h>

struct tls_ctx;	 /* settings shared by many connections (an SSL_CTX) */
struct tls_conn; /* one connection (an SSL) */

/* Why a TLS connection did not come up, from the person's point of view. */
#define TLS_FAILURE_LIST(X)                                                    \
	X(TLS_FAIL_NONE, "none", "no TLS failure")                             \
	X(TLS_FAIL_EXPIRED, "expired", "the server's certificate has expired") \
	X(TLS_FAIL_NOT_YET_VALID, "not-yet-valid",                             \
	  "the server's certificate is not valid yet")                         \
	X(TLS_FAIL_WRONG_NAME, "wrong-name",                                   \
	  "the server's certificate is for another name")                      \
	X(TLS_FAIL_SELF_SIGNED, "self-signed",                                 \
	  "the server's certificate is self-signed")                           \
	X(TLS_FAIL_UNKNOWN_ISSUER, "unknown-issuer",                           \
	  "the server's certificate comes from an unknown issuer")             \
	X(TLS_FAIL_UNTRUSTED, "untrusted",                                     \
	  "the server's certificate could not be trusted")                     \
	X(TLS_FAIL_OLD_VERSION, "old-version",                                 \
	  "the server only speaks an old, unsafe TLS version")                 \
	X(TLS_FAIL_HANDSHAKE, "handshake",                                     \
	  "the encrypted connection could not be agreed on")                   \
	X(TLS_FAIL_NOT_TLS, "not-tls",                                         \
	  "the server did not answer with TLS at all")                         \
	X(TLS_FAIL_NOT_OFFERED, "starttls-not-offered",                        \
	  "the server does not offer STARTTLS")

enum tls_failure {
#define TLS_X_ENUM(name, word, text) name,
	TLS_FAILURE_LIST(TLS_X_ENUM)
#undef TLS_X_ENUM
};

/* What was negotiated, or how far it got. Plain text fields, always
 * NUL-terminated; "" when unknown. */
struct tls_info {
	bool done;		  /* the handshake finished (and was verified,
				     unless the context is insecure) */
	bool verified;		  /* verification was enforced and passed */
	bool insecure;		  /* verification was not enforced
				     (tls_ctx_new_insecure): verified is false
				     and failure, if any, is what it found */
	enum tls_failure failure; /* why it failed; with insecure, what
				     verification found although the
				     connection went on */
	char version[16];	  /* "TLSv1.3" */
	char cipher[64];	  /* "TLS_AES_256_GCM_SHA384" */
	char subject[256];	  /* the certificate's common name */
	char names[512];     /* DNS names of subjectAltName, ", "-separated */
	char issuer[256];    /* the issuer's common name (or its one line) */
	char not_before[32]; /* "2024-01-31T00:00:00Z" */
	char not_after[32];  /* "2026-01-31T00:00:00Z" */
	char detail[160];    /* OpenSSL's words for the failure, English */
};

/* Outcome of one non-blocking step. */
enum tls_io {
	TLS_IO_OK,	   /* done (or n bytes moved) */
	TLS_IO_WANT_READ,  /* call again when the fd is readable */
	TLS_IO_WANT_WRITE, /* call again when the fd is writable */
	TLS_IO_CLOSED,	   /* the peer closed cleanly (close_notify or EOF) */
	TLS_IO_RESET,	   /* the connection was reset (ECONNRESET) */
	TLS_IO_ERROR,	   /* failed; see tls_conn_info() */
};

/* Settings for client connections: the system's trusted certificates plus
 * those in ca_file (PEM; NULL for none), verification required.
 * Returns NULL with err filled (MD_ERR_TLS, MD_ERR_IO for a bad ca_file).
 * Free with tls_ctx_free(). */
struct tls_ctx *tls_ctx_new(const char *ca_file, struct md_err *err);

/* The same for --insecure only: verification still runs and its findings
 * are recorded (tls_info.failure, certificate fields), but a failure does
 * not stop the handshake, and TLS 1.0/1.1 are accepted (failure
 * old-version). Every connection is marked insecure and never verified. */
struct tls_ctx *tls_ctx_new_insecure(const char *ca_file, struct md_err *err);

/* Whether ctx was made by tls_ctx_new_insecure() (NULL: false). */
bool tls_ctx_insecure(const struct tls_ctx *ctx);
void tls_ctx_free(struct tls_ctx *ctx);

/* A client connection on the connected non-blocking socket fd (borrowed:
 * the caller closes it after tls_conn_free()). host is the name the
 * certificate must carry (an IP literal is checked as an address; also sent
 * as SNI when it is a name). Returns NULL with err filled. */
struct tls_conn *tls_conn_new(struct tls_ctx *ctx, int fd, const char *host,
			      struct md_err *err);

/* Frees the connection without a close_notify (NULL is fine). */
void tls_conn_free(struct tls_conn *conn);

/* Drive the handshake. TLS_IO_OK once it is done and verified; on
 * TLS_IO_ERROR the info says why (failure, detail, certificate fields). */
enum tls_io tls_handshake(struct tls_conn *conn);

/* Read up to len bytes into buf; *got is set on TLS_IO_OK (never 0). */
enum tls_io tls_read(struct tls_conn *conn, void *buf, size_t len, size_t *got);

/* Write up to len bytes of buf; *put is set on TLS_IO_OK. Call again with
 * the same bytes after a WANT result. */
enum tls_io tls_write(struct tls_conn *conn, const void *buf, size_t len,
		      size_t *put);

/* What the connection negotiated or why it failed (borrowed; lives as long
 * as conn). */
const struct tls_info *tls_conn_info(const struct tls_conn *conn);

/* The stable word of a failure ("wrong-name"), for JSON. */
const char *tls_failure_word(enum tls_failure f);

/* The untranslated sentence of a failure (translate with _()). */
const char *tls_failure_text(enum tls_failure f);

/* A plain, translated sentence naming what is wrong with the connection
 * to host (tls_words.c): "the server's certificate expired on 2020-02-01",
 * "… is made out for other.example, not for mail.example", "… an old TLS
 * version (TLSv1.1)". Written into out (always NUL-terminated); returns
 * out. "" when info has no failure. */
char *tls_explain(const struct tls_info *info, const char *host, char *out,
		  size_t outsz);

#endif
