/* check_private.h — the state of a check, shared by check.c (probes and
 * rows) and check_dns.c (the DNS questions of the diagnosis). */
#ifndef MD_CHECK_PRIVATE_H
#define MD_CHECK_PRIVATE_H

#include "core/check.h"
#include "core/diagnose.h"
#include "core/plan.h"

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

#define CHECK_MAX_DNS 32 /* DNS questions in flight at most */

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
	char *identity, *resolver, *ca_file; /* owned copies */
	struct loop *loop;
	check_event_fn *fn;
	void *ud;
	struct plan plan;
	struct dns *dns;
	struct tls_ctx *tls;
	struct check_ep *eps;
	size_t n_eps;
	struct check_row *rows;  /* the public rows */
	char (*addr)[46];        /* rows[i].address points into addr[i] */
	size_t n_rows;
	size_t pending;          /* probes not finished */
	size_t dns_pending;      /* DNS questions not answered */
	struct check_dq dq[CHECK_MAX_DNS];
	struct diag_dns dns_facts;
	struct diag_domain *domains; /* dns_facts.domains, owned */
	char *egress[2], *egress_ptr[2], *dnsbl; /* owned strings of facts */
	struct finding_list findings;
	uint64_t timer;
	bool starting;           /* inside check_start: do not finish yet */
	bool finished, nomem;
};

/* Ask the DNS questions (egress address and its PTR, SPF and DMARC of the
 * sender domains); each answer lowers dns_pending and may finish. */
enum md_status check_dns_start(struct check *c, struct md_err *err);

/* Forget the questions still in flight. */
void check_dns_cancel(struct check *c);

/* Free what the answers left. */
void check_dns_done(struct check *c);

/* Finish when nothing is pending any more (check.c). */
void check_maybe_finish(struct check *c);

#endif
