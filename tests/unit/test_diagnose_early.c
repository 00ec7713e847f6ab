/* test_diagnose_early.c — a verdict given before every probe has ended is
 * the one the whole run gives: the probe tables of the lab's S4 (the first
 * check and the check after the fix) and S1, completed in many orders;
 * whenever no rule needed a pending probe, the findings equal the final
 * ones. And the check after S4's fix is decided without the port 25 rows
 * that OP25B holds for ten seconds. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "clientcfg/tb/tb_accounts.h"
#include "core/diag/diagnose.h"
#include "tests/unit/helper_diag.h"
#include "tests/unit/helper_os.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define S4 "tests/fixtures/tb/s4/.thunderbird/Profiles/k7xq2m1a.default-release"
#define S1 "tests/fixtures/tb/s1"

#define C	DIAG_CONFIGURED
#define A	DIAG_ALTERNATIVE
#define H	DIAG_ALT_HOST
#define R	DIAG_CANDIDATE
#define SMTP	ACCT_PROTO_SMTP
#define IMAP	ACCT_PROTO_IMAP
#define TLS	ACCT_SEC_TLS
#define STLS	ACCT_SEC_STARTTLS
#define OK	MD_OUT_OK
#define TO	MD_OUT_TIMEOUT
#define JCOM	"smtpa.jcom.zaq.ne.jp"
#define JCOM4	"198.51.100.20"
#define OWN	"mail.shirao.example"
#define OWN4	"203.0.113.25"
#define OWN6	"2001:db8:25::25"
#define SECURE	"secure.plala.or.jp"
#define SECURE4 "198.51.100.10"
#define V6MAIL	"v6mail.plala.or.jp"
#define V6MAIL4 "198.51.100.12"
#define V6MAIL6 "2001:db8:10::12"
#define IMAPP	"imap.plala.or.jp"
#define IMAPP4	"198.51.100.11"

/* One row as `maildoctor check --json` gave it in the lab. */
struct row {
	enum diag_purpose purpose;
	const char *host;
	int port;
	enum acct_proto proto;
	enum acct_security sec;
	int family;
	const char *address;
	enum md_outcome outcome;
	bool auth; /* AUTH offered (SMTP that worked) */
};

/* S4, first check: smtpa.jcom.zaq.ne.jp for haha@shirao.example. */
static const struct row s4_rows[] = {
    {C, JCOM, 465, SMTP, TLS, 4, JCOM4, OK, true},
    {A, JCOM, 587, SMTP, STLS, 4, JCOM4, OK, true},
    {A, JCOM, 25, SMTP, STLS, 4, JCOM4, OK, false},
    {R, OWN, 587, SMTP, STLS, 4, OWN4, OK, true},
    {R, OWN, 587, SMTP, STLS, 6, OWN6, OK, true},
    {R, OWN, 465, SMTP, TLS, 4, OWN4, OK, true},
    {R, OWN, 465, SMTP, TLS, 6, OWN6, OK, true},
    {C, OWN, 993, IMAP, TLS, 4, OWN4, OK, true},
    {C, OWN, 993, IMAP, TLS, 6, OWN6, OK, true},
    {A, OWN, 143, IMAP, STLS, 4, OWN4, OK, true},
    {A, OWN, 143, IMAP, STLS, 6, OWN6, OK, true},
};

/* S4 after the fix: mail.shirao.example 587; its port 25 is held by OP25B
 * until the probe gives up (rows 4 and 5). */
static const struct row s4re_rows[] = {
    {C, OWN, 587, SMTP, STLS, 4, OWN4, OK, true},
    {C, OWN, 587, SMTP, STLS, 6, OWN6, OK, true},
    {A, OWN, 465, SMTP, TLS, 4, OWN4, OK, true},
    {A, OWN, 465, SMTP, TLS, 6, OWN6, OK, true},
    {A, OWN, 25, SMTP, STLS, 4, OWN4, TO, false},
    {A, OWN, 25, SMTP, STLS, 6, OWN6, TO, false},
    {C, OWN, 993, IMAP, TLS, 4, OWN4, OK, true},
    {C, OWN, 993, IMAP, TLS, 6, OWN6, OK, true},
    {A, OWN, 143, IMAP, STLS, 4, OWN4, OK, true},
    {A, OWN, 143, IMAP, STLS, 6, OWN6, OK, true},
};

/* S1: IPv4 587 and 993 of plala dropped on the way (V6 Express). */
static const struct row s1_rows[] = {
    {C, SECURE, 587, SMTP, STLS, 4, SECURE4, TO, false},
    {A, SECURE, 465, SMTP, TLS, 4, SECURE4, OK, true},
    {A, SECURE, 25, SMTP, STLS, 4, SECURE4, OK, false},
    {H, V6MAIL, 587, SMTP, STLS, 4, V6MAIL4, OK, true},
    {H, V6MAIL, 587, SMTP, STLS, 6, V6MAIL6, OK, true},
    {H, SECURE, 465, SMTP, STLS, 4, SECURE4, TO, false},
    {R, IMAPP, 587, SMTP, STLS, 4, IMAPP4, TO, false},
    {R, IMAPP, 465, SMTP, TLS, 4, IMAPP4, MD_OUT_REFUSED, false},
    {C, IMAPP, 993, IMAP, TLS, 4, IMAPP4, TO, false},
    {A, IMAPP, 143, IMAP, STLS, 4, IMAPP4, OK, true},
    {H, V6MAIL, 993, IMAP, TLS, 4, V6MAIL4, OK, true},
    {H, V6MAIL, 993, IMAP, TLS, 6, V6MAIL6, OK, true},
};

#define MAX_ROWS 16

/* The diagnosis' probes: rows whose done[i] is false are pending (their
 * endpoint and address known, their results not). */
static void make_probes(const struct row *rows, size_t n, const char *email,
			const bool *done, struct diag_probe *out)
{
	for (size_t i = 0; i < n; i++) {
		const struct row *r = &rows[i];
		bool ok = r->outcome == MD_OUT_OK;
		out[i] = (struct diag_probe){
		    .row = i,
		    .purpose = r->purpose,
		    .for_email = email,
		    .host = r->host,
		    .address = r->address,
		    .family = r->family,
		    .port = r->port,
		    .proto = r->proto,
		    .security = r->sec,
		    .outcome = r->outcome,
		    .starttls_offered = ok && r->sec == STLS,
		    .auth_offered = ok && r->auth,
		    .auth_mechs = ok && r->auth ? "PLAIN LOGIN" : NULL};
		if (!done[i]) {
			struct diag_probe *p = &out[i];
			p->pending = true;
			p->outcome = MD_OUT_CANCELLED;
			p->starttls_offered = p->auth_offered = false;
			p->auth_mechs = NULL;
		}
	}
}

static bool same_str(const char *a, const char *b)
{
	return (!a && !b) || (a && b && strcmp(a, b) == 0);
}

/* Two finding lists say exactly the same (texts, evidence, fixes). */
static bool same_findings(const struct finding_list *a,
			  const struct finding_list *b)
{
	if (a->n != b->n)
		return false;
	for (size_t i = 0; i < a->n; i++) {
		const struct finding *x = &a->items[i], *y = &b->items[i];
		if (strcmp(x->id, y->id) || x->severity != y->severity ||
		    !same_str(x->identity, y->identity) ||
		    !same_str(x->summary, y->summary) ||
		    !same_str(x->explanation, y->explanation) ||
		    x->n_evidence != y->n_evidence || x->n_fixes != y->n_fixes)
			return false;
		for (size_t k = 0; k < x->n_evidence; k++) {
			const struct evidence *e = &x->evidence[k],
					      *f = &y->evidence[k];
			if (e->kind != f->kind || e->row != f->row ||
			    e->line != f->line || !same_str(e->text, f->text) ||
			    !same_str(e->file, f->file))
				return false;
		}
		for (size_t k = 0; k < x->n_fixes; k++) {
			const struct fix *e = x->fixes[k], *f = y->fixes[k];
			if (!same_str(e->id, f->id) || e->kind != f->kind ||
			    !same_str(e->server.host, f->server.host) ||
			    e->server.port != f->server.port ||
			    e->server.security != f->server.security ||
			    e->server.auth != f->server.auth ||
			    e->verified != f->verified)
				return false;
		}
	}
	return true;
}

struct scenario {
	struct acct_set *set;
	const char *email;
	const struct row *rows;
	size_t n;
	struct diag_dns dns;
	struct diag_domain dom;
};

/* Diagnose with the rows of done final; *waits says whether a rule
 * needed a pending one. */
static void judge(const struct scenario *s, const bool *done,
		  struct finding_list *out, bool *waits)
{
	struct diag_probe p[MAX_ROWS];
	make_probes(s->rows, s->n, s->email, done, p);
	*waits = false;
	struct diag_input in = {.accounts = s->set,
				.kb = hd_kb,
				.probes = p,
				.n_probes = s->n,
				.dns = &s->dns,
				.waits = waits};
	struct md_err err;
	assert_int_equal(diagnose(&in, out, &err), MD_OK);
}

/* Complete the rows in the order given; every verdict given on the way
 * (no rule waited) equals the final one. Returns how many rows had ended
 * when the first verdict came. */
static size_t walk(const struct scenario *s, const size_t *order,
		   const struct finding_list *final)
{
	bool done[MAX_ROWS] = {false};
	size_t first = s->n + 1;
	for (size_t t = 0; t <= s->n; t++) {
		if (t > 0)
			done[order[t - 1]] = true;
		struct finding_list l;
		bool waits;
		judge(s, done, &l, &waits);
		if (!waits) {
			if (!same_findings(&l, final)) {
				char a[512], b[512];
				hd_ids(&l, a, sizeof a);
				hd_ids(final, b, sizeof b);
				fail_msg("after %lu rows: early [%s], "
					 "final [%s]",
					 (unsigned long)t, a, b);
			}
			if (first > s->n)
				first = t;
		}
		finding_list_done(&l);
	}
	return first;
}

/* The final findings, then many completion orders: in plan order, in
 * reverse, and shuffled (a fixed seed). */
static void every_order(const struct scenario *s, const char *want_ids)
{
	assert_true(s->n <= MAX_ROWS);
	bool all[MAX_ROWS];
	for (size_t i = 0; i < s->n; i++)
		all[i] = true;
	struct finding_list final;
	bool waits;
	judge(s, all, &final, &waits);
	assert_false(waits);
	char got[512];
	hd_ids(&final, got, sizeof got);
	assert_string_equal(got, want_ids);

	size_t order[MAX_ROWS];
	for (size_t i = 0; i < s->n; i++)
		order[i] = i;
	walk(s, order, &final);
	for (size_t i = 0; i < s->n; i++)
		order[i] = s->n - 1 - i;
	walk(s, order, &final);
	unsigned seed = 17;
	for (int k = 0; k < 200; k++) {
		for (size_t i = s->n - 1; i > 0; i--) {
			size_t j = (size_t)ho_rand_r(&seed) % (i + 1);
			size_t t = order[i];
			order[i] = order[j];
			order[j] = t;
		}
		walk(s, order, &final);
	}
	finding_list_done(&final);
}

static void s4_dns(struct scenario *s)
{
	s->dom = (struct diag_domain){
	    .domain = "shirao.example",
	    .looked_up = true,
	    .spf = "v=spf1 ip4:203.0.113.25 ip6:2001:db8:25::25 -all",
	    .dmarc = "v=DMARC1; p=reject"};
	s->dns = (struct diag_dns){
	    .any_answer = true,
	    .egress = {"192.0.2.130", NULL},
	    .egress_ptr = {"192-0-2-130.jcom.zaq.ne.jp", NULL},
	    .domains = &s->dom,
	    .n_domains = 1};
}

/* S4's first check: the findings do not depend on the order the rows
 * end in. */
static void test_diagnose_early_s4(void **state)
{
	(void)state;
	struct scenario s = {.set = hd_read_profile(S4),
			     .email = "haha@shirao.example",
			     .rows = s4_rows,
			     .n = sizeof s4_rows / sizeof *s4_rows};
	s4_dns(&s);
	every_order(&s, "outgoing-server-mismatch relay-no-forward-dns "
			"spf-excludes-relay ");
	acct_set_free(s.set);
}

/* S4 after the fix (the identity sends through the profile's own
 * mail.shirao.example): nothing is left, and that is known while port 25,
 * which no rule needs, is still held; in any order, the same verdict. */
static void test_diagnose_early_s4_recheck(void **state)
{
	(void)state;
	struct scenario s = {.set = hd_read_profile(S4),
			     .email = "haha@shirao.example",
			     .rows = s4re_rows,
			     .n = sizeof s4re_rows / sizeof *s4re_rows};
	s4_dns(&s);
	struct acct_identity *id = &s.set->accounts[0].identities[0];
	for (size_t k = 0; k < s.set->n_outgoing; k++)
		if (strcasecmp(s.set->outgoing[k].host, OWN) == 0)
			id->outgoing = (int)k;
	assert_string_equal(s.set->outgoing[id->outgoing].host,
			    "mail.shirao.example");
	every_order(&s, "");

	/* every row but port 25's: the verdict is there */
	bool done[MAX_ROWS];
	for (size_t i = 0; i < s.n; i++)
		done[i] = s.rows[i].port != 25;
	struct finding_list l;
	bool waits;
	judge(&s, done, &l, &waits);
	assert_false(waits);
	assert_int_equal(l.n, 0);
	finding_list_done(&l);
	/* the configured server still running: no verdict */
	done[0] = false;
	judge(&s, done, &l, &waits);
	assert_true(waits);
	finding_list_done(&l);
	acct_set_free(s.set);
}

/* S1: the verdict needs the configured server's own timeout, and then
 * the same in any order. */
static void test_diagnose_early_s1(void **state)
{
	(void)state;
	struct scenario s = {.set = hd_read_profile(S1),
			     .email = "taro@plala.or.jp",
			     .rows = s1_rows,
			     .n = sizeof s1_rows / sizeof *s1_rows};
	s.dns = (struct diag_dns){
	    .any_answer = true,
	    .egress = {"192.0.2.100", NULL},
	    .egress_ptr = {"aftr-192-0-2-100.transix.example", NULL}};
	every_order(&s, "port-blocked-on-path port-blocked-on-path ");
	bool done[MAX_ROWS];
	for (size_t i = 0; i < s.n; i++)
		done[i] = i != 0;
	struct finding_list l;
	bool waits;
	judge(&s, done, &l, &waits);
	assert_true(waits);
	finding_list_done(&l);
	acct_set_free(s.set);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_diagnose_early_s4),
	    cmocka_unit_test(test_diagnose_early_s4_recheck),
	    cmocka_unit_test(test_diagnose_early_s1),
	};
	return cmocka_run_group_tests(tests, hd_load_kb, hd_free_kb);
}
