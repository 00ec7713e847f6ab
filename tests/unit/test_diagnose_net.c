/* test_diagnose_net.c — the rules that read the network's answers: a
 * server that offers only OAuth2, no route to the name server (no-network)
 * against DNS that does not answer (dns-failure), a listed egress address
 * sending on port 25 (egress-on-dnsbl and its proven fix), the SPF fix (a
 * server the record allows), and an incoming server offered another way
 * (case S1), on the fixture profiles and the shipped knowledge base. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "clientcfg/tb/tb_accounts.h"
#include "core/diag/diagnose.h"
#include "tests/unit/helper_diag.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The server's own AUTH offer: only OAuth2 means the password is refused,
 * even where the knowledge base knows nothing; the fix is then verified.
 * An offer that has a password mechanism too says nothing. */
static void test_oauth_from_offer(void **state)
{
	(void)state;
	struct acct_set *set = hd_read_profile("tests/fixtures/tb/nodmarc");
	struct diag_probe p = {.row = 0,
			       .purpose = DIAG_CONFIGURED,
			       .host = "mail.shirao.example",
			       .address = "203.0.113.25",
			       .family = 4,
			       .port = 587,
			       .proto = ACCT_PROTO_SMTP,
			       .security = ACCT_SEC_STARTTLS,
			       .outcome = MD_OUT_OK,
			       .auth_offered = true,
			       .auth_mechs = "XOAUTH2 OAUTHBEARER"};
	struct diag_domain dom = {.domain = "club.example",
				  .looked_up = true,
				  .dmarc = "v=DMARC1; p=none"};
	struct diag_dns dns = {
	    .any_answer = true, .domains = &dom, .n_domains = 1};
	struct diag_input in = {.accounts = set,
				.kb = hd_kb,
				.probes = &p,
				.n_probes = 1,
				.dns = &dns};
	struct finding_list l;
	struct md_err err;
	assert_int_equal(diagnose(&in, &l, &err), MD_OK);
	char got[256];
	hd_ids(&l, got, sizeof got);
	assert_string_equal(got, "oauth-required ");
	const struct finding *f = &l.items[0];
	assert_non_null(strstr(f->summary, "mail.shirao.example"));
	assert_non_null(strstr(f->explanation, "AUTH XOAUTH2 OAUTHBEARER"));
	assert_true(hd_has_evidence(f, "AUTH XOAUTH2 OAUTHBEARER"));
	assert_int_equal(f->n_fixes, 1);
	assert_string_equal(f->fixes[0]->id, "oauth2-mail.shirao.example");
	assert_int_equal(f->fixes[0]->server.auth, ACCT_AUTH_OAUTH2);
	assert_true(f->fixes[0]->verified);
	finding_list_done(&l);

	p.auth_mechs = "PLAIN LOGIN XOAUTH2";
	assert_int_equal(diagnose(&in, &l, &err), MD_OK);
	hd_ids(&l, got, sizeof got);
	assert_string_equal(got, "");
	finding_list_done(&l);
	acct_set_free(set);
}

/* Nothing answered and the names did not resolve: with no route to the
 * name server this computer has no network; with a route, DNS is what
 * fails. */
static void test_no_network(void **state)
{
	(void)state;
	struct acct_set *set = hd_read_profile("tests/fixtures/tb/healthy");
	struct diag_probe p[2] = {
	    {.row = 0,
	     .purpose = DIAG_CONFIGURED,
	     .host = "mail.shirao.example",
	     .port = 587,
	     .proto = ACCT_PROTO_SMTP,
	     .security = ACCT_SEC_STARTTLS,
	     .outcome = MD_OUT_NOT_FOUND},
	    {.row = 1,
	     .purpose = DIAG_CONFIGURED,
	     .host = "mail.shirao.example",
	     .port = 993,
	     .proto = ACCT_PROTO_IMAP,
	     .security = ACCT_SEC_TLS,
	     .outcome = MD_OUT_NOT_FOUND},
	};
	struct diag_dns dns = {.no_route = true};
	struct diag_input in = {.accounts = set,
				.kb = hd_kb,
				.probes = p,
				.n_probes = 2,
				.dns = &dns};
	struct finding_list l;
	struct md_err err;
	assert_int_equal(diagnose(&in, &l, &err), MD_OK);
	char got[256];
	hd_ids(&l, got, sizeof got);
	assert_string_equal(got, "no-network ");
	assert_int_equal(l.items[0].severity, SEV_BLOCKER);
	assert_true(
	    hd_has_evidence(&l.items[0], "no route to the name server"));
	finding_list_done(&l);

	dns.no_route = false;
	assert_int_equal(diagnose(&in, &l, &err), MD_OK);
	hd_ids(&l, got, sizeof got);
	assert_string_equal(got, "dns-failure ");
	finding_list_done(&l);

	/* A route and one answer: neither. */
	p[1].outcome = MD_OUT_OK;
	dns.no_route = true;
	dns.any_answer = true;
	assert_int_equal(diagnose(&in, &l, &err), MD_OK);
	assert_null(hd_find(&l, "no-network"));
	assert_null(hd_find(&l, "dns-failure"));
	finding_list_done(&l);
	acct_set_free(set);
}

/* S5's probes: port 25 of plala's relay works, the submission server
 * answers on 587 (with a login offered) and not on 465. */
static const struct diag_probe s5_probes[3] = {
    {.row = 0,
     .purpose = DIAG_CONFIGURED,
     .host = "mx.plala.or.jp",
     .address = "198.51.100.14",
     .family = 4,
     .port = 25,
     .proto = ACCT_PROTO_SMTP,
     .security = ACCT_SEC_PLAIN,
     .outcome = MD_OUT_OK},
    {.row = 1,
     .purpose = DIAG_CANDIDATE,
     .for_email = "taro@plala.or.jp",
     .host = "secure.plala.or.jp",
     .address = "198.51.100.10",
     .family = 4,
     .port = 587,
     .proto = ACCT_PROTO_SMTP,
     .security = ACCT_SEC_STARTTLS,
     .outcome = MD_OUT_OK,
     .auth_offered = true,
     .auth_mechs = "PLAIN LOGIN"},
    {.row = 2,
     .purpose = DIAG_CANDIDATE,
     .for_email = "taro@plala.or.jp",
     .host = "secure.plala.or.jp",
     .address = "198.51.100.10",
     .family = 4,
     .port = 465,
     .proto = ACCT_PROTO_SMTP,
     .security = ACCT_SEC_TLS,
     .outcome = MD_OUT_TIMEOUT},
};

/* S5 from the computer: a listed egress sends on port 25 without a login;
 * the provider's submission server, proven by a probe, is the fix. */
static void test_egress_on_dnsbl(void **state)
{
	(void)state;
	struct acct_set *set = hd_read_profile("tests/fixtures/tb/s5");
	struct diag_dns dns = {.any_answer = true,
			       .egress = {"192.0.2.194", NULL},
			       .dnsbl_listed = "zen.spamhaus.org"};
	struct diag_input in = {.accounts = set,
				.kb = hd_kb,
				.probes = s5_probes,
				.n_probes = 3,
				.dns = &dns};
	struct finding_list l;
	struct md_err err;
	assert_int_equal(diagnose(&in, &l, &err), MD_OK);
	char got[256];
	hd_ids(&l, got, sizeof got);
	assert_string_equal(got, "egress-on-dnsbl ");
	const struct finding *f = &l.items[0];
	assert_non_null(strstr(f->summary, "192.0.2.194"));
	assert_true(
	    hd_has_evidence(f, "192.0.2.194 listed in zen.spamhaus.org"));
	assert_int_equal(f->n_fixes, 1); /* 465 did not answer: not offered */
	const struct fix *x = f->fixes[0];
	assert_string_equal(x->id, "use-secure.plala.or.jp-587");
	assert_int_equal(x->server.auth, ACCT_AUTH_PASSWORD);
	assert_string_equal(x->server.user, "taro@plala.or.jp");
	assert_true(x->verified);
	finding_list_done(&l);

	/* From inside plala through plala's own relay on port 25: the relay
	 * sends the mail on, nothing is sent directly. */
	dns.egress_ptr[0] = "i192-0-2-70.s41.a013.ap.plala.or.jp";
	assert_int_equal(diagnose(&in, &l, &err), MD_OK);
	hd_ids(&l, got, sizeof got);
	assert_string_equal(got, "");
	finding_list_done(&l);
	dns.egress_ptr[0] = "192-0-2-194.dyn.other-isp.example";
	assert_int_equal(diagnose(&in, &l, &err), MD_OK);
	hd_ids(&l, got, sizeof got);
	assert_string_equal(got, "egress-on-dnsbl ");
	finding_list_done(&l);

	/* Not listed: nothing. */
	dns.dnsbl_listed = NULL;
	assert_int_equal(diagnose(&in, &l, &err), MD_OK);
	hd_ids(&l, got, sizeof got);
	assert_string_equal(got, "");
	finding_list_done(&l);
	acct_set_free(set);
}

/* The SPF fix: of the proven replacement servers, only those whose address
 * the record allows. */
static void test_spf_fix(void **state)
{
	(void)state;
	struct acct_set *set =
	    hd_read_profile("tests/fixtures/tb/s4/.thunderbird/Profiles/"
			    "k7xq2m1a.default-release");
	struct diag_probe p[2] = {
	    {.row = 0,
	     .purpose = DIAG_CONFIGURED,
	     .host = "smtpa.jcom.zaq.ne.jp",
	     .address = "198.51.100.20",
	     .family = 4,
	     .port = 465,
	     .proto = ACCT_PROTO_SMTP,
	     .security = ACCT_SEC_TLS,
	     .outcome = MD_OUT_OK,
	     .auth_offered = true},
	    {.row = 1,
	     .purpose = DIAG_CANDIDATE,
	     .for_email = "haha@shirao.example",
	     .host = "mail.shirao.example",
	     .address = "203.0.113.25",
	     .family = 4,
	     .port = 587,
	     .proto = ACCT_PROTO_SMTP,
	     .security = ACCT_SEC_STARTTLS,
	     .outcome = MD_OUT_OK,
	     .auth_offered = true},
	};
	struct diag_domain dom = {.domain = "shirao.example",
				  .looked_up = true,
				  .spf = "v=spf1 ip4:203.0.113.25 -all",
				  .dmarc = "v=DMARC1; p=reject"};
	struct diag_dns dns = {
	    .any_answer = true, .domains = &dom, .n_domains = 1};
	struct diag_input in = {.accounts = set,
				.kb = hd_kb,
				.probes = p,
				.n_probes = 2,
				.dns = &dns};
	struct finding_list l;
	struct md_err err;
	assert_int_equal(diagnose(&in, &l, &err), MD_OK);
	const struct finding *f = hd_find(&l, "spf-excludes-relay");
	assert_non_null(f);
	assert_int_equal(f->n_fixes, 1);
	assert_string_equal(f->fixes[0]->id, "use-mail.shirao.example-587");
	assert_true(f->fixes[0]->verified);
	finding_list_done(&l);

	/* The record allows neither server: the finding, but no fix. */
	dom.spf = "v=spf1 ip4:192.0.2.99 -all";
	assert_int_equal(diagnose(&in, &l, &err), MD_OK);
	f = hd_find(&l, "spf-excludes-relay");
	assert_non_null(f);
	assert_int_equal(f->n_fixes, 0);
	finding_list_done(&l);
	acct_set_free(set);
}

/* Case S1's incoming server: IPv4 993 filtered; the same host's 143 and
 * the dual-stack host's 993 work: both offered, same host first, as
 * incoming fixes for the account's server key. */
static void test_incoming_fix(void **state)
{
	(void)state;
	struct acct_set *set = hd_read_profile("tests/fixtures/tb/s1");
	struct diag_probe p[3] = {
	    {.row = 0,
	     .purpose = DIAG_CONFIGURED,
	     .host = "imap.plala.or.jp",
	     .address = "198.51.100.11",
	     .family = 4,
	     .port = 993,
	     .proto = ACCT_PROTO_IMAP,
	     .security = ACCT_SEC_TLS,
	     .outcome = MD_OUT_TIMEOUT},
	    {.row = 1,
	     .purpose = DIAG_ALT_HOST,
	     .host = "v6mail.plala.or.jp",
	     .address = "198.51.100.12",
	     .family = 4,
	     .port = 993,
	     .proto = ACCT_PROTO_IMAP,
	     .security = ACCT_SEC_TLS,
	     .outcome = MD_OUT_OK},
	    {.row = 2,
	     .purpose = DIAG_ALTERNATIVE,
	     .host = "imap.plala.or.jp",
	     .address = "198.51.100.11",
	     .family = 4,
	     .port = 143,
	     .proto = ACCT_PROTO_IMAP,
	     .security = ACCT_SEC_STARTTLS,
	     .outcome = MD_OUT_OK},
	};
	struct diag_dns dns = {.any_answer = true};
	struct diag_input in = {.accounts = set,
				.kb = hd_kb,
				.probes = p,
				.n_probes = 3,
				.dns = &dns};
	struct finding_list l;
	struct md_err err;
	assert_int_equal(diagnose(&in, &l, &err), MD_OK);
	const struct finding *f = hd_find(&l, "port-blocked-on-path");
	assert_non_null(f);
	assert_non_null(strstr(f->summary, "imap.plala.or.jp"));
	assert_int_equal(f->n_fixes, 2);
	assert_string_equal(f->fixes[0]->id, "incoming-imap.plala.or.jp-143");
	assert_string_equal(f->fixes[1]->id, "incoming-v6mail.plala.or.jp-993");
	assert_int_equal(f->fixes[1]->kind, FIX_SET_INCOMING);
	assert_string_equal(f->fixes[1]->server_key, "server1");
	assert_int_equal(f->fixes[1]->server.security, ACCT_SEC_TLS);
	finding_list_done(&l);
	acct_set_free(set);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_oauth_from_offer),
	    cmocka_unit_test(test_no_network),
	    cmocka_unit_test(test_egress_on_dnsbl),
	    cmocka_unit_test(test_spf_fix),
	    cmocka_unit_test(test_incoming_fix),
	};
	return cmocka_run_group_tests(tests, hd_load_kb, hd_free_kb);
}
