/* test_diagnose_proof.c — what a probe may prove: a fix is verified only by
 * a probe of its own host, port and security (a probe that reached 587
 * without encryption does not verify a STARTTLS fix), and port 25 is never
 * offered as a fix however well it works (every fix, not only the first);
 * plain passwords on both servers, and "STARTTLS, if available". */
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

/* S5: the configured relay on 25 is listed; the candidate is the
 * provider's 587 with STARTTLS. Two probes of secure.plala.or.jp:587, one
 * without encryption and one with STARTTLS; only the STARTTLS one may
 * verify the fix. */
static void test_proof_needs_same_security(void **state)
{
	(void)state;
	struct acct_set *set = hd_read_profile("tests/fixtures/tb/s5");
	struct diag_probe p[4] = {
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
	     .security = ACCT_SEC_PLAIN,
	     .outcome = MD_OUT_OK,
	     .auth_offered = true,
	     .auth_mechs = "PLAIN LOGIN"},
	    {.row = 2,
	     .purpose = DIAG_CANDIDATE,
	     .for_email = "taro@plala.or.jp",
	     .host = "secure.plala.or.jp",
	     .address = "198.51.100.10",
	     .family = 4,
	     .port = 587,
	     .proto = ACCT_PROTO_SMTP,
	     .security = ACCT_SEC_STARTTLS,
	     .outcome = MD_OUT_TLS_FAILED},
	    {.row = 3,
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
	struct diag_dns dns = {.any_answer = true,
			       .egress = {"192.0.2.194", NULL},
			       .dnsbl_listed = "zen.spamhaus.org"};
	struct diag_input in = {.accounts = set,
				.kb = hd_kb,
				.probes = p,
				.n_probes = 4,
				.dns = &dns};
	struct finding_list l;
	struct md_err err;
	assert_int_equal(diagnose(&in, &l, &err), MD_OK);
	const struct finding *f = hd_find(&l, "egress-on-dnsbl");
	assert_non_null(f);
	assert_int_equal(f->n_fixes, 0); /* plain 587 proves nothing */
	finding_list_done(&l);

	/* The other way round: the STARTTLS probe worked; it verifies. */
	p[1].outcome = MD_OUT_TLS_FAILED;
	p[2].outcome = MD_OUT_OK;
	p[2].auth_offered = true;
	assert_int_equal(diagnose(&in, &l, &err), MD_OK);
	f = hd_find(&l, "egress-on-dnsbl");
	assert_non_null(f);
	assert_int_equal(f->n_fixes, 1);
	assert_string_equal(f->fixes[0]->id, "use-secure.plala.or.jp-587");
	assert_int_equal(f->fixes[0]->server.security, ACCT_SEC_STARTTLS);
	assert_true(f->fixes[0]->verified);
	finding_list_done(&l);
	acct_set_free(set);
}

/* No fix of l uses port 25. */
static void assert_no_port25(const struct finding_list *l)
{
	for (size_t i = 0; i < l->n; i++)
		for (size_t k = 0; k < l->items[i].n_fixes; k++) {
			const struct fix *x = l->items[i].fixes[k];
			assert_int_not_equal(x->server.port, 25);
			assert_null(strstr(x->id, "-25"));
		}
}

/* The configured 587 does not answer; the same host answers on 25 (listed
 * first) and on 465. Only 465 is offered; with 25 alone working, the
 * finding stands and no fix is offered. */
static void test_port25_never_offered(void **state)
{
	(void)state;
	struct acct_set *set = hd_read_profile("tests/fixtures/tb/healthy");
	struct diag_probe p[3] = {
	    {.row = 0,
	     .purpose = DIAG_CONFIGURED,
	     .host = "mail.shirao.example",
	     .address = "203.0.113.25",
	     .family = 4,
	     .port = 587,
	     .proto = ACCT_PROTO_SMTP,
	     .security = ACCT_SEC_STARTTLS,
	     .outcome = MD_OUT_TIMEOUT},
	    {.row = 1,
	     .purpose = DIAG_ALTERNATIVE,
	     .host = "mail.shirao.example",
	     .address = "203.0.113.25",
	     .family = 4,
	     .port = 25,
	     .proto = ACCT_PROTO_SMTP,
	     .security = ACCT_SEC_STARTTLS,
	     .outcome = MD_OUT_OK,
	     .auth_offered = true},
	    {.row = 2,
	     .purpose = DIAG_ALTERNATIVE,
	     .host = "mail.shirao.example",
	     .address = "203.0.113.25",
	     .family = 4,
	     .port = 465,
	     .proto = ACCT_PROTO_SMTP,
	     .security = ACCT_SEC_TLS,
	     .outcome = MD_OUT_OK,
	     .auth_offered = true},
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
	assert_int_equal(f->n_fixes, 1);
	assert_string_equal(f->fixes[0]->id, "use-mail.shirao.example-465");
	assert_no_port25(&l);
	/* the words name the working way: 465, not 25 */
	assert_non_null(strstr(f->explanation,
			       "Another way works: mail.shirao.example on port "
			       "465."));
	finding_list_done(&l);

	p[2].outcome = MD_OUT_TIMEOUT;
	assert_int_equal(diagnose(&in, &l, &err), MD_OK);
	f = hd_find(&l, "port-blocked-on-path");
	assert_non_null(f);
	assert_null(strstr(f->explanation, "Another way works"));
	for (size_t i = 0; i < l.n; i++)
		assert_int_equal(l.items[i].n_fixes, 0);
	finding_list_done(&l);
	acct_set_free(set);
}

/* S2: the configured port 25 does not answer (Outbound Port 25 Blocking);
 * the provider's 587 works and is the fix, never 25. Not the generic
 * port-blocked-on-path. */
static void test_port25_blocked(void **state)
{
	(void)state;
	struct acct_set *set = hd_read_profile("tests/fixtures/tb/s2");
	struct diag_probe p[2] = {
	    {.row = 0,
	     .purpose = DIAG_CONFIGURED,
	     .host = "secure.plala.or.jp",
	     .address = "198.51.100.10",
	     .family = 4,
	     .port = 25,
	     .proto = ACCT_PROTO_SMTP,
	     .security = ACCT_SEC_PLAIN,
	     .outcome = MD_OUT_TIMEOUT},
	    {.row = 1,
	     .purpose = DIAG_ALTERNATIVE,
	     .host = "secure.plala.or.jp",
	     .address = "198.51.100.10",
	     .family = 4,
	     .port = 587,
	     .proto = ACCT_PROTO_SMTP,
	     .security = ACCT_SEC_STARTTLS,
	     .outcome = MD_OUT_OK,
	     .auth_offered = true},
	};
	struct diag_dns dns = {.any_answer = true};
	struct diag_input in = {.accounts = set,
				.kb = hd_kb,
				.probes = p,
				.n_probes = 2,
				.dns = &dns};
	struct finding_list l;
	struct md_err err;
	assert_int_equal(diagnose(&in, &l, &err), MD_OK);
	const struct finding *f = hd_find(&l, "port25-blocked");
	assert_non_null(f);
	assert_null(hd_find(&l, "port-blocked-on-path"));
	assert_true(f->n_fixes >= 1);
	assert_int_equal(f->fixes[0]->server.port, 587);
	assert_no_port25(&l);
	finding_list_done(&l);
	acct_set_free(set);
}

/* How many findings of l have this id. */
static size_t count_id(const struct finding_list *l, const char *id)
{
	size_t n = 0;
	for (size_t i = 0; i < l->n; i++)
		n += strcmp(l->items[i].id, id) == 0;
	return n;
}

/* No encryption on either server, with passwords: both are exposed, the
 * outgoing one too (not only the incoming branch). "STARTTLS, if
 * available" (try_ssl 1, socketType 1) is what Thunderbird 132+ runs as
 * STARTTLS required (its clients treat 1 as 2; migration 44 rewrites it):
 * read so, and not reported as exposed. */
static void test_plaintext_and_try_starttls(void **state)
{
	(void)state;
	struct acct_set *set = hd_read_profile("tests/fixtures/tb/plainboth");
	struct diag_input in = {.accounts = set, .kb = hd_kb, .offline = true};
	struct finding_list l;
	struct md_err err;
	assert_int_equal(diagnose(&in, &l, &err), MD_OK);
	assert_int_equal(count_id(&l, "plaintext-settings"), 2);
	bool out = false, inc = false;
	for (size_t i = 0; i < l.n; i++) {
		const struct finding *f = &l.items[i];
		if (strcmp(f->id, "plaintext-settings") != 0)
			continue;
		for (size_t k = 0; k < f->n_fixes; k++)
			out |=
			    f->fixes[k]->kind == FIX_SET_OUTGOING &&
			    f->fixes[k]->server.security == ACCT_SEC_STARTTLS;
		/* incoming, offline, no provider known: the usual ports */
		inc |= f->n_fixes == 0 &&
		       strstr(f->explanation, "SSL/TLS on port 993") != NULL;
	}
	assert_true(out);
	assert_true(inc);
	finding_list_done(&l);
	acct_set_free(set);

	/* no login on the outgoing server: no password to expose there */
	set = hd_read_profile("tests/fixtures/tb/plainnoauth");
	in.accounts = set;
	assert_int_equal(diagnose(&in, &l, &err), MD_OK);
	assert_int_equal(count_id(&l, "plaintext-settings"), 1);
	for (size_t i = 0; i < l.n; i++)
		for (size_t k = 0; k < l.items[i].n_fixes; k++)
			assert_int_not_equal(l.items[i].fixes[k]->kind,
					     FIX_SET_OUTGOING);
	finding_list_done(&l);
	acct_set_free(set);

	set = hd_read_profile("tests/fixtures/tb/trystarttls");
	assert_int_equal(set->n_outgoing, 1);
	assert_int_equal(set->outgoing[0].security, ACCT_SEC_STARTTLS);
	assert_int_equal(set->n_incoming, 1);
	assert_int_equal(set->incoming[0].security, ACCT_SEC_STARTTLS);
	in.accounts = set;
	assert_int_equal(diagnose(&in, &l, &err), MD_OK);
	assert_int_equal(count_id(&l, "plaintext-settings"), 0);
	finding_list_done(&l);
	acct_set_free(set);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_proof_needs_same_security),
	    cmocka_unit_test(test_port25_never_offered),
	    cmocka_unit_test(test_port25_blocked),
	    cmocka_unit_test(test_plaintext_and_try_starttls),
	};
	return cmocka_run_group_tests(tests, hd_load_kb, hd_free_kb);
}
