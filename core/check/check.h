/* check.h — one whole check of a person's mail settings: plan the probes
 * from the accounts and the knowledge base, run them all at once on the
 * event loop, then diagnose. Front ends (the wizard, `maildoctor check`,
 * the plain line mode) start a check and draw its rows as events arrive;
 * `maildoctor probe` runs one of the endpoints it names (params.targets):
 * no plan from the accounts, no DNS questions, no discovery, no findings.
 *
 * Call order: check_new() → check_start() → events until CHECK_EV_DONE
 * (or check_cancel()) → check_findings() → check_free(). The findings can
 * be final before the last row: CHECK_EV_VERDICT says so as soon as the
 * probes they depend on have ended (the configured server, say, but not
 * an alternate's port 25); the other rows go on.
 *
 * Files: check.c (the rows, the probes, the verdict), plan.c (which
 * endpoints: plan.h), facts.c (the DNS questions, names from
 * assets/netfacts.conf: facts.h), discovery.c (settings discovery for the
 * check's addresses: discovery.h), discover*.c (the discovery chain:
 * discover.h). check.c sequences the jobs; facts and discovery call back
 * into it and know nothing of it. */
#ifndef MD_CHECK_H
#define MD_CHECK_H

#include "core/model/account.h"
#include "core/base/err.h"
#include "core/base/outcome.h"
#include "core/model/finding.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct loop;
struct check;

/* One row of the live matrix: an endpoint and an address family. */
struct check_row {
	const char *host;
	const char *address; /* "203.0.113.25", NULL before resolving */
	int family;	     /* 4, 6, or 0 before resolving */
	int port;
	enum acct_proto proto;
	enum acct_security security;
	const char *purpose;	 /* translated: "your outgoing server", … */
	enum md_step step;	 /* MD_STEP_WAITING, then the probe's steps */
	enum md_outcome outcome; /* the probe's, meaningful when step is DONE */
	const char *reason;	 /* translated short reason when not OK (with
				    insecure: what verification found) */
	uint64_t elapsed_ms;
	bool insecure;		 /* --insecure: nothing on this row is
				    verified (certificates not enforced) */
	bool tls_tried;		 /* TLS was attempted */
	bool tls_verified;	 /* its certificate was checked and passed */
	const char *tls_failure; /* tls_failure_word(), NULL for none */
	const char *auth;	 /* sess_auth_word() when a login was asked,
				    e.g. "not-tried-insecure"; else NULL */
};

struct kb;

/* An endpoint a person named (`probe HOST:PORT`): probed as named, on
 * every address of its name (or of the one family asked). */
struct check_target {
	const char *host;
	int port;
	enum acct_proto proto;	     /* SMTP, IMAP or POP3 */
	enum acct_security security; /* PLAIN, STARTTLS_TRY (STARTTLS when
					offered), STARTTLS or TLS */
};

struct check_params {
	const struct acct_set *accounts;
	const struct kb *kb;	       /* provider knowledge, or NULL */
	const char *const *identities; /* only these addresses (borrowed)… */
	size_t n_identities;	       /* …or, when 0, every identity */
	bool offline;		       /* judge the settings only: no network */
	const char *resolver; /* DNS server, or NULL for the system's */
	const char *ca_file;  /* extra trusted CAs, or NULL */
	unsigned timeout_ms;  /* --timeout: every wait (connect, reply,
				 row, DNS, discovery) is worked out from
				 it (core/base/limits.h); 0 = default */
	bool insecure;	      /* --insecure: certificate failures do not
				 stop a probe; every row and fix is then
				 unverified */
	bool auth_plaintext;  /* --allow-plaintext-auth: the login may go
				 over an unencrypted connection */
	/* With a password: log in to the identity's outgoing server (never
	 * without TLS unless auth_plaintext) and try MAIL FROM/RCPT TO (no
	 * message is sent). The callback is core/session.h's
	 * sess_password_fn. */
	int (*password)(void *ud, const char *user, char *buf, size_t size);
	void *password_ud;
	bool wait_all; /* no early verdict: the findings wait for
			  every probe (the benchmark's baseline) */
	/* Tests: settings discovery fetches these three URLs instead of the
	 * real ones (NULL entries skip a step; http:// allowed; borrowed,
	 * must outlive the check). NULL: the real ones. */
	const char *const *discover_urls;
	/* `probe`: only these endpoints, as named (no plan from the
	 * accounts, no DNS questions, no discovery, no findings); accounts
	 * may be NULL. With user (and the password) every endpoint logs in;
	 * an SMTP one tries mail_from/rcpt_to when given; family 4 or 6
	 * keeps that family's addresses only. Each row's whole result:
	 * check_result(). */
	const struct check_target *targets; /* borrowed, outlive the check */
	size_t n_targets;
	int family;
	const char *user, *mail_from, *rcpt_to; /* borrowed, like targets */
};

enum check_event_kind {
	CHECK_EV_ROWS,	  /* the rows are known (after planning) */
	CHECK_EV_ROW,	  /* row `row` changed step or outcome */
	CHECK_EV_VERDICT, /* findings final, some rows still running (at most
			    once, before DONE; not with wait_all) */
	CHECK_EV_DONE,	  /* all rows final, findings ready */
};

struct check_event {
	enum check_event_kind kind;
	size_t row; /* CHECK_EV_ROW */
};

/* The JSON words of a row's step and outcome are core/base/outcome.h's
 * md_step_row_word() and md_outcome_word(). */

typedef void check_event_fn(struct check *c, const struct check_event *ev,
			    void *ud);

/* A new check of p (copied where needed; p->accounts must outlive it). */
struct check *check_new(const struct check_params *p, struct md_err *err);

/* Start on loop; fn is called for every event, from the loop. With
 * offline, CHECK_EV_DONE comes from the first loop iteration. */
enum md_status check_start(struct check *c, struct loop *loop,
			   check_event_fn *fn, void *ud, struct md_err *err);

/* Stop every probe; rows not final become MD_OUT_CANCELLED and
 * CHECK_EV_DONE follows. */
void check_cancel(struct check *c);

/* The rows (borrowed, valid until check_free()). */
const struct check_row *check_rows(const struct check *c, size_t *n);

/* The findings, most serious first (borrowed); empty before the verdict.
 * An early verdict's list is replaced at DONE by an equal one (the same
 * findings; hold no pointer into it across events). */
const struct finding_list *check_findings(const struct check *c);

/* Whether the findings are final: after CHECK_EV_VERDICT or DONE. The
 * rows still running cannot change them, and stopping them does not. */
bool check_verdict(const struct check *c);

/* True when the check ran out of memory on the way: some rows or findings
 * may be missing, so its result is not to be trusted. */
bool check_incomplete(const struct check *c);

/* The egress addresses the world sees (borrowed, NULL when unknown). */
const char *check_egress(const struct check *c, int family);

/* The transcript of row i (core/transcript.h: lines with direction and
 * time, secrets already redacted), borrowed; NULL when there is none. */
struct transcript;
const struct transcript *check_transcript(const struct check *c, size_t i);

/* The whole result of the session of row i (core/proto/session.h: TLS,
 * capabilities, login, reply, the time of each step), borrowed; NULL
 * before the row has an address. */
struct sess_result;
const struct sess_result *check_result(const struct check *c, size_t i);

/* Whether the check runs with --insecure (params.insecure). */
bool check_insecure(const struct check *c);

void check_free(struct check *c);

#endif
