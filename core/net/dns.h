/* dns.h — DNS on the probe loop through c-ares: addresses of a host, the
 * record types a diagnosis needs (A, AAAA, MX, TXT, SRV, PTR), forward-
 * confirmed reverse DNS and DNSBL lookups. Nothing blocks; answers come
 * back through callbacks on the loop. --resolver chooses the server (the
 * lab uses it). */
#ifndef MD_DNS_H
#define MD_DNS_H

#include "core/base/err.h"
#include "core/net/loop.h"

#include <stdbool.h>
#include <stddef.h>

struct dns;
struct dns_query;

enum dns_type { DNS_A, DNS_AAAA, DNS_MX, DNS_TXT, DNS_SRV, DNS_PTR };

/* One record. text: the address (A/AAAA), the target (MX/SRV/PTR) or the
 * string (TXT, pieces joined). Borrowed during the callback. */
struct dns_record {
	enum dns_type type;
	unsigned prio;	 /* MX preference, SRV priority */
	unsigned weight; /* SRV */
	unsigned port;	 /* SRV */
	const char *text;
};

/* An address of a host, ready for connect(). */
struct dns_addr {
	int family;			  /* AF_INET or AF_INET6 */
	char text[46];			  /* numeric form */
	_Alignas(8) unsigned char sa[28]; /* sockaddr_in/_in6, port 0 */
	unsigned salen;
};

/* Answers. st: MD_OK (n may be 0: the name exists without such records, or
 * does not exist), MD_ERR_TIMEOUT, MD_ERR_NET (server failure/refused);
 * why: English words from c-ares on failure, else "". */
typedef void dns_records_fn(void *ud, enum md_status st,
			    const struct dns_record *recs, size_t n,
			    const char *why);
typedef void dns_addrs_fn(void *ud, enum md_status st,
			  const struct dns_addr *addrs, size_t n,
			  const char *why);
/* Forward-confirmed reverse DNS: name is the PTR name ("" when none),
 * confirmed when that name resolves back to the address. */
typedef void dns_fcrdns_fn(void *ud, enum md_status st, const char *name,
			   bool confirmed);

/* A resolver on loop. resolver: "ADDR", "ADDR:PORT" or "[V6]:PORT" (the
 * hosts file is then not read), or NULL for the system's. timeout_ms: the
 * longest one lookup may wait for its answers, all tries included (the
 * --timeout); 0 for the default, about 10 s. Returns NULL with err filled
 * (MD_ERR_USAGE for a bad address). Free with dns_free(), never from inside
 * one of its callbacks; pending callbacks are not called. */
struct dns *dns_new(struct loop *loop, const char *resolver,
		    unsigned timeout_ms, struct md_err *err);
void dns_free(struct dns *dns);

/* Whether this computer has a route to at least one of dns's name servers
 * (a UDP connect(), which sends nothing: no route means no network at all,
 * as with the cable out or the Wi-Fi off). */
bool dns_route_to_servers(const struct dns *dns);

/* Addresses of host (family AF_UNSPEC, AF_INET or AF_INET6), IPv4 and IPv6
 * as separate entries, in the resolver's order. Every query function
 * returns a handle for dns_cancel(), or NULL when fn has already been
 * called (an answer at once, a bad address: MD_ERR_USAGE, no memory:
 * MD_ERR_NOMEM). */
struct dns_query *dns_addrs(struct dns *dns, const char *host, int family,
			    dns_addrs_fn *fn, void *ud);

/* Records of one type for name. */
struct dns_query *dns_lookup(struct dns *dns, const char *name,
			     enum dns_type type, dns_records_fn *fn, void *ud);

/* PTR records of a numeric address. */
struct dns_query *dns_reverse(struct dns *dns, const char *addr,
			      dns_records_fn *fn, void *ud);

/* The PTR name of addr and whether it resolves back to addr. */
struct dns_query *dns_fcrdns(struct dns *dns, const char *addr,
			     dns_fcrdns_fn *fn, void *ud);

/* A records of addr in a DNSBL zone ("zen.spamhaus.org"): n == 0 means not
 * listed; 127.0.0.x answers say why. */
struct dns_query *dns_dnsbl(struct dns *dns, const char *addr, const char *zone,
			    dns_records_fn *fn, void *ud);

/* Forget a query: its callback will not be called. NULL is fine; a handle
 * is invalid once its callback ran or it was cancelled. */
void dns_cancel(struct dns_query *q);

/* The reverse-lookup name of a numeric address ("4.3.2.1.in-addr.arpa",
 * nibbles for IPv6), with suffix in place of in-addr.arpa/ip6.arpa when
 * suffix is not NULL. Returns false for a bad address. */
bool dns_reverse_name(const char *addr, const char *suffix, char *out,
		      size_t outsz);

#endif
