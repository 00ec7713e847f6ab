/* diagnose.h — pure functions from (accounts, probe results, DNS answers,
 * knowledge base) to findings. No I/O: core/check.c gathers the input, the
 * rules in core/rules/ judge it, and tests feed it directly.
 *
 * Files: diagnose.c (running the rules, sorting), diag_build.c (what the
 * rules write findings with, diag_build.h), candidates.c
 * (servers that could replace an identity's outgoing server), rules/
 * (one family of findings each; rules/rules.h lists them). */
#ifndef MD_DIAGNOSE_H
#define MD_DIAGNOSE_H

#include "core/model/account.h"
#include "core/base/outcome.h"
#include "core/check/plan.h"
#include "core/base/err.h"
#include "core/model/finding.h"

#include <stdbool.h>
#include <stddef.h>

struct kb;

/* One probe as the diagnosis sees it (one address, one port). Its
 * endpoint (purpose, for_email, host, port, proto, security) is known from
 * the plan; the rest are its results, which the rules read only through
 * diag_seen() (rules/rules.h), so that a probe still running holds back
 * only the findings that need it. */
struct diag_probe {
	size_t row; /* its row in the check, for evidence */
	enum diag_purpose purpose;
	const char *for_email; /* the identity it is about, or NULL */
	const char *host;
	const char *address; /* NULL when the name did not resolve */
	int family;	     /* 4 or 6 (0 when not resolved) */
	int port;
	enum acct_proto proto;
	enum acct_security security;
	enum md_outcome outcome;
	const char *tls_problem; /* "expired", "wrong-name", "self-signed",
				    "unknown-issuer", "handshake",
				    "not-tls", or NULL */
	const char *tls_words;	 /* the plain sentence of tls_problem
				    (tls_explain), or NULL */
	const char *tls_issuer;	 /* the issuer of the certificate seen
				    (verified or not), or NULL */
	const char *auth;	 /* sess_auth_word() when a login was
				    asked ("not-tried-insecure"), or NULL */
	bool starttls_offered;	 /* plain SMTP/IMAP/POP3 that offers it */
	bool auth_offered;	 /* AUTH (SMTP) / login (IMAP, POP3) */
	const char *auth_mechs;	 /* "PLAIN LOGIN", or NULL (none offered) */
	const char *reply;	 /* the server's words on failure */
	bool pending;		 /* still running: its results are not
				    known yet (outcome MD_OUT_CANCELLED) */
};

/* What DNS said about the sender domain of an identity. */
struct diag_domain {
	const char *domain;
	bool looked_up;	       /* false offline */
	const char *spf;       /* the v=spf1 record, or NULL */
	const char *dmarc;     /* the v=DMARC1 record, or NULL */
	bool spf_allows_relay; /* the outgoing server's address passes */
	bool spf_evaluated;    /* spf_allows_relay is meaningful */
};

struct diag_dns {
	bool any_answer;	   /* some DNS question got an answer */
	bool no_route;		   /* no route to any name server */
	const char *egress[2];	   /* [0] IPv4, [1] IPv6 as the world sees */
	const char *egress_ptr[2]; /* their PTR names */
	const char *dnsbl_listed;  /* the list that names the egress IPv4 */
	const struct diag_domain *domains;
	size_t n_domains;
};

/* Settings discovery found for an address (core/discover.h). */
struct diag_found {
	const char *email;
	const struct kb_settings *settings;
};

struct diag_input {
	const struct acct_set *accounts;
	const char *const *identities; /* only these addresses… */
	size_t n_identities;	       /* …or, when 0, every identity */
	const struct kb *kb;	       /* may be NULL: no provider knowledge */
	bool offline;		       /* no probe ran */
	bool insecure;		       /* the probes ran with --insecure: no
					  fix is verified (all marked insecure) */
	const struct diag_probe *probes;
	size_t n_probes;
	const struct diag_dns *dns;	/* NULL offline */
	const struct diag_found *found; /* discovery's answers, may be NULL */
	size_t n_found;
	bool *waits; /* set to true when a rule read the
			results of a pending probe: the
			findings are not final (may be NULL
			when no probe is pending) */
};

/* Every finding the rules make of in, most serious first, into out
 * (emptied first; free with finding_list_done()). MD_ERR_NOMEM only.
 * With pending probes: when *in->waits stays false, no rule needed them,
 * and the findings are the ones the finished probes will give, whatever
 * the pending ones find (but for evidence row numbers, which later rows
 * of a pending endpoint shift). */
enum md_status diagnose(const struct diag_input *in, struct finding_list *out,
			struct md_err *err);

#endif
