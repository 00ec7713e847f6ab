/* discover.h — finding the right mail settings for an address, in
 * Thunderbird's order: the local knowledge base, autoconfig.<domain>,
 * <domain>/.well-known/autoconfig, the online ISPDB, RFC 6186 SRV records,
 * a guess from the MX host, then host names worth probing (smtp., mail.,
 * the bare domain). Network steps run on the engine's loop: HTTPS through
 * libcurl's multi interface, DNS through core/dns.h.
 *
 * Files: discover.c (the pure steps: URL list, reading a fetched config,
 * SRV answers, the MX guess, probe candidates), discover_http.c (libcurl
 * multi on struct loop), discover_chain.c (the chain as one object).
 *
 * Every step's result is a struct kb_settings (core/kb.h) whose source
 * says where it came from: "kb:<id>", the URL fetched, "srv", "mx:<host>"
 * or "guess". Guessed settings are candidates that still need probing. */
#ifndef MD_DISCOVER_H
#define MD_DISCOVER_H

#include "core/net/dns.h"
#include "core/base/err.h"
#include "core/kb/kb.h"
#include "core/net/loop.h"

#include <stdbool.h>
#include <stddef.h>

/* The steps, in the order they are tried. */
enum discover_step {
	DISCOVER_KB,	     /* local knowledge base */
	DISCOVER_AUTOCONFIG, /* https://autoconfig.<domain>/mail/… */
	DISCOVER_WELLKNOWN,  /* https://<domain>/.well-known/autoconfig/… */
	DISCOVER_ISPDB,	     /* https://autoconfig.thunderbird.net/v1.1/… */
	DISCOVER_SRV,	     /* RFC 6186 / RFC 8314 SRV records */
	DISCOVER_MX,	     /* the MX host's provider in the kb */
	DISCOVER_GUESS,	     /* smtp./mail./bare domain, to be probed */
	DISCOVER_N_STEPS,
};

/* Stable name of a step ("kb", "autoconfig", …). */
const char *discover_step_name(enum discover_step step);

/* ---- pure steps ------------------------------------------------------ */

#define DISCOVER_URL_MAX 2048

/* The URLs of the three HTTP steps for email, in Thunderbird's order:
 * out[0] autoconfig.<domain> (with ?emailaddress=), out[1] .well-known,
 * out[2] the online ISPDB. The address is percent-encoded. Returns
 * MD_ERR_USAGE when email has no plausible domain. */
enum md_status discover_urls(const char *email, char out[3][DISCOVER_URL_MAX],
			     struct md_err *err);

/* Settings from a fetched clientConfig document (read by the same reader
 * as the kb files, without the schema). source is kept (the URL). The
 * result has no facts (fact pointers NULL). MD_ERR_NOTFOUND when the
 * document has no usable outgoing server; MD_ERR_PARSE, MD_ERR_TOOBIG,
 * MD_ERR_NOMEM as kb_add_memory(). */
enum md_status discover_parse_config(const char *buf, size_t len,
				     const char *email, const char *source,
				     struct kb_settings **out,
				     struct md_err *err);

/* One SRV answer as discover_from_srv() takes it. */
struct discover_srv {
	const char *service; /* "_submission._tcp", "_imaps._tcp", … */
	unsigned prio, weight, port;
	const char *target; /* "." means: not offered */
};

/* The SRV service names asked, and each one's protocol and security
 * (RFC 6186, _submissions from RFC 8314). n receives the count. */
const struct discover_srv_service {
	const char *service;
	enum acct_proto proto;
	enum acct_security security;
} * discover_srv_services(size_t *n);

/* Settings from SRV answers: per protocol, lowest priority first (then
 * highest weight), implicit TLS before STARTTLS at equal priority;
 * targets "." and unknown services are skipped. user is the address.
 * MD_ERR_NOTFOUND when nothing usable is left. */
enum md_status discover_from_srv(const struct discover_srv *srv, size_t n,
				 const char *email, struct kb_settings **out,
				 struct md_err *err);

/* The MX-based guess: the provider of mx_host in kb, by host, then by the
 * MX host's parent domains (mail.shirao.example → shirao.example). On
 * success the settings are that provider's for email, with source
 * "mx:<mx_host>". MD_ERR_NOTFOUND when the kb knows none. */
enum md_status discover_from_mx(const struct kb *kb, const char *mx_host,
				const char *email, struct kb_settings **out,
				struct md_err *err);

/* Candidates to probe when nothing else answered: smtp.<d>, mail.<d>, <d>
 * on 587 STARTTLS and 465 TLS; imap.<d>, mail.<d>, <d> on 993 TLS;
 * pop.<d>, mail.<d>, <d> on 995 TLS. Source "guess", users = address. */
enum md_status discover_guess(const char *email, struct kb_settings **out,
			      struct md_err *err);

/* ---- HTTP on the loop (libcurl multi) -------------------------------- */

struct discover_http;

/* A finished fetch: st MD_OK with the body (status 200), or MD_ERR_NET /
 * MD_ERR_TIMEOUT / MD_ERR_TOOBIG / MD_ERR_NOTFOUND (HTTP 4xx/5xx) with
 * why (English words from libcurl or "HTTP 404"). body is borrowed for
 * the call. The fetch is over when this returns. */
typedef void discover_http_fn(void *ud, enum md_status st, const char *url,
			      const char *body, size_t len, const char *why);

/* HTTP client on loop. allow_http: also plain http:// (tests against a
 * server on 127.0.0.1); otherwise only https. ca_file: extra CA file or
 * NULL. Returns NULL with err filled. Free with discover_http_free(),
 * never from inside its callback; pending callbacks are not called. */
struct discover_http *discover_http_new(struct loop *loop, bool allow_http,
					const char *ca_file,
					struct md_err *err);
void discover_http_free(struct discover_http *h);

/* Fetch url (GET, at most 1 MiB, redirects followed up to 3 times within
 * the allowed protocols, timeout_ms for the whole transfer). fn is called
 * once from the loop, never from inside this call. Returns MD_OK, or
 * MD_ERR_NOMEM / MD_ERR_USAGE (fn then not called). */
enum md_status discover_http_get(struct discover_http *h, const char *url,
				 unsigned timeout_ms, discover_http_fn *fn,
				 void *ud, struct md_err *err);

/* ---- the chain --------------------------------------------------------- */

struct discover_params {
	const char *email;   /* the address to find settings for */
	const struct kb *kb; /* required; borrowed for the chain's life */
	bool offline;	     /* no network: the kb step only */
	struct dns *dns;     /* SRV and MX steps; NULL skips them */
	bool allow_http;     /* tests: accept http:// URLs */
	const char *ca_file; /* extra CA for HTTPS, or NULL */
	unsigned timeout_ms; /* per HTTP fetch; 0: 10000 */
	/* Tests: replace the three HTTP URLs (NULL entries skip a step). */
	const char *urls[3];
	bool override_urls;
};

/* Progress and result. step: the step that just finished; st: MD_OK when
 * it found settings (then s is the result, owned by the receiver, and the
 * chain is over), MD_ERR_NOTFOUND when it found nothing and the chain
 * goes on, MD_ERR_CANCELLED when skipped (offline, no dns), or a network
 * error (the chain goes on). After DISCOVER_GUESS the chain is over. */
typedef void discover_fn(void *ud, enum discover_step step, enum md_status st,
			 struct kb_settings *s, const char *why);

struct discover;

/* Start the chain on loop; the first callback comes from the loop, not
 * from inside this call. Returns NULL with err filled (bad address, no
 * memory). Free with discover_free() (cancels what is pending; never from
 * inside its callback). */
struct discover *discover_start(struct loop *loop,
				const struct discover_params *params,
				discover_fn *fn, void *ud, struct md_err *err);
void discover_free(struct discover *d);

/* True once the chain has called back with a result or its last step. */
bool discover_done(const struct discover *d);

#endif
