/* limits.h — every wait of a check or a probe, worked out once from the
 * one number a person gives (--timeout, in ms; 0 for the default): the
 * TCP connect, each reply and TLS handshake, a whole row, one DNS lookup
 * (all its tries), one HTTP fetch of settings discovery. Whoever starts a
 * probe, a resolver or a discovery takes its wait from here. */
#ifndef MD_LIMITS_H
#define MD_LIMITS_H

#define MD_TIMEOUT_DEFAULT_MS 10000u /* without --timeout */

struct md_limits {
	unsigned timeout_ms;   /* the --timeout itself (or the default) */
	unsigned connect_ms;   /* one TCP connect */
	unsigned reply_ms;     /* each reply, the TLS handshake */
	unsigned row_ms;       /* one row from its start to its end */
	unsigned dns_ms;       /* one DNS lookup, every try included */
	unsigned discovery_ms; /* one HTTP fetch of settings discovery */
};

/* The waits for --timeout timeout_ms (0: MD_TIMEOUT_DEFAULT_MS): connect,
 * reply, DNS and discovery wait timeout_ms each, a row 4 × timeout_ms. */
struct md_limits md_limits_of(unsigned timeout_ms);

/* --timeout in seconds (as given; <= 0: none) in ms, for md_limits_of(). */
unsigned md_timeout_ms(double seconds);

#endif
