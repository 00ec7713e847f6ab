/* check_private.h — the state of a check, shared by check.c (probes and
 * rows) and check_dns.c (the DNS questions of the diagnosis). */
#ifndef MD_CHECK_PRIVATE_H
#define MD_CHECK_PRIVATE_H

#include "core/check/check.h"
#include "core/diag/diagnose.h"
#include "core/check/plan.h"

#include <stdint.h>

struct probe;
struct dns;
struct dns_query;
struct tls_ctx;

/* One planned endpoint and its probe; its rows are rows[first..+n_rows). */
struct check_ep {
	struct check *check;
	struct probe *probe;
	size_t first, n_rows;
	bool done;
};

#define CHECK_MAX_DNS 32   /* DNS questions in flight at most */
#define CHECK_MAX_EXTRA 64 /* endpoints discovery may add to the plan */
#define CHECK_MAX_DISC 8   /* addresses whose settings are discovered */
#define CHECK_MAX_WORDS 32 /* distinct TLS sentences of one check */

struct discover;
struct kb_settings;

/* Settings discovery for one address (check_discover.c). */
struct check_disc {
	struct check *check;
	struct discover *d;
	char *email;
	struct kb_settings *found; /* owned, or NULL */
	bool done;
};

/* A DNS question in flight (a slot of struct check). */
struct check_dq {
	struct check *check;
	struct dns_query *q;
	size_t domain;  /* index in domains, for TXT answers */
	int kind;       /* check_dns.c's question kind */
	bool used;
};

struct check {
	struct check_params params;
	char **identities;          /* owned copies of params.identities */
	char *resolver, *ca_file;   /* owned copies */
	struct loop *loop;
	check_event_fn *fn;
	void *ud;
	struct plan plan;
	struct dns *dns;
	struct dns *dns_google;  /* asks Google's name server itself: the
				    egress address as the world sees it */
	struct tls_ctx *tls;
	struct check_ep *eps;    /* room for plan.n + CHECK_MAX_EXTRA: never
				    moves (probes hold pointers into it) */
	size_t n_eps, cap_eps;
	struct check_row *rows;  /* the public rows */
	char (*addr)[46];        /* rows[i].address points into addr[i] */
	size_t n_rows;
	size_t pending;          /* probes not finished */
	size_t dns_pending;      /* DNS questions not answered */
	struct check_dq dq[CHECK_MAX_DNS];
	struct diag_dns dns_facts;
	struct diag_domain *domains; /* dns_facts.domains, owned */
	char *egress[2], *egress_ptr[2], *dnsbl; /* owned strings of facts */
	struct check_disc disc[CHECK_MAX_DISC];
	size_t n_disc, disc_pending;
	struct finding_list findings;
	char *words[CHECK_MAX_WORDS]; /* TLS sentences the rows point to
					 (owned, never move) */
	size_t n_words;
	uint64_t timer;
	bool starting;           /* inside check_start: do not finish yet */
	bool verdict;            /* findings final (maybe before the rows) */
	bool finished, nomem;
};

/* Ask the DNS questions (egress address and its PTR, SPF and DMARC of the
 * sender domains); each answer lowers dns_pending and may finish. */
enum md_status check_dns_start(struct check *c, struct md_err *err);

/* Forget the questions still in flight. */
void check_dns_cancel(struct check *c);

/* Free what the answers left. */
void check_dns_done(struct check *c);

/* Finish when nothing is pending any more, else try an early verdict
 * (check.c). */
void check_maybe_finish(struct check *c);

/* Give the verdict now if the findings no longer depend on the probes
 * still running (DNS questions and discovery must be over): the findings
 * are kept and CHECK_EV_VERDICT is sent (check.c). */
void check_try_verdict(struct check *c);

/* Probe one more endpoint (a discovered candidate): a row, then a probe.
 * False when there is no room or memory (check.c). */
bool check_add_endpoint(struct check *c, const char *host, int port,
			enum acct_security sec, const char *email);

/* Start settings discovery for the addresses whose outgoing server is
 * outside their domain and unknown to the kb (check_discover.c). */
enum md_status check_discover_start(struct check *c, struct md_err *err);
void check_discover_free(struct check *c);

#endif
