/* test_interceptors.c — the security products that re-sign mail servers'
 * certificates (issue 18): the shipped assets/interceptors.conf and bad
 * ones (a wrong line, a NUL byte, too many products, no file at all), the
 * look-up by issuer (a common name, a one-line name, any case, a name that
 * only looks alike), and the diagnosis of a probe whose certificate came
 * from ESET's root (refused: tls-intercepted, a problem, in place of
 * tls-certificate-problem), from Kaspersky's root trusted here (a warning
 * beside the rest) and from an unknown authority (tls-certificate-problem
 * as before). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "core/diag/diagnose.h"
#include "core/kb/kb.h"
#include "core/model/account.h"
#include "tests/unit/helper_diag.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* A file of these bytes in the test's own folder; its path in buf. */
static const char *write_conf(char *buf, size_t len, const char *name,
			      const char *text, size_t n)
{
	snprintf(buf, len, "build/test-tmp-interceptors-%s-%ld", name,
		 (long)getpid());
	FILE *f = fopen(buf, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(text, 1, n, f), n);
	fclose(f);
	return buf;
}

static enum md_status load_text(const char *name, const char *text, size_t n,
				struct kb **kb, struct md_err *err)
{
	char path[256];
	*kb = kb_new();
	assert_non_null(*kb);
	write_conf(path, sizeof path, name, text, n);
	enum md_status st = kb_load_interceptors(*kb, path, err);
	unlink(path);
	return st;
}

/* The shipped file: every product the KB names, each with its own advice
 * (not the general sentence). */
static void test_shipped(void **state)
{
	(void)state;
	assert_true(kb_interceptor_count(hd_kb) >= 6);
	static const char *const ids[] = {"avast", "avg",	"norton",
					  "eset",  "kaspersky", "bitdefender"};
	const char *general = kb_interceptor_advice(NULL);
	for (size_t i = 0; i < sizeof ids / sizeof ids[0]; i++) {
		struct kb_interceptor probe = {.id = ids[i]};
		assert_string_not_equal(kb_interceptor_advice(&probe), general);
	}
}

static void test_lookup(void **state)
{
	(void)state;
	const struct kb_interceptor *ic =
	    kb_interceptor_for(hd_kb, "ESET SSL Filter CA");
	assert_non_null(ic);
	assert_string_equal(ic->id, "eset");
	assert_string_equal(ic->product, "ESET");
	ic = kb_interceptor_for(
	    hd_kb, "C=SK, O=ESET, spol. s r. o., CN=ESET SSL Filter CA");
	assert_non_null(ic);
	assert_string_equal(ic->id, "eset");
	ic = kb_interceptor_for(
	    hd_kb, "kaspersky anti-virus personal root certificate");
	assert_non_null(ic);
	assert_string_equal(ic->id, "kaspersky");
	assert_string_equal(
	    kb_interceptor_for(hd_kb, "avast! Web/Mail Shield Root")->id,
	    "avast");
	/* Names that only look alike, and no name at all. */
	assert_null(kb_interceptor_for(hd_kb, "Let's Encrypt R3"));
	assert_null(kb_interceptor_for(hd_kb, "CN=Not ESET SSL Filter CA"));
	assert_null(kb_interceptor_for(hd_kb, "ESET"));
	assert_null(kb_interceptor_for(hd_kb, ""));
	assert_null(kb_interceptor_for(hd_kb, NULL));
	assert_null(kb_interceptor_for(NULL, "ESET SSL Filter CA"));
}

static void test_good_file(void **state)
{
	(void)state;
	static const char text[] =
	    "# a comment\n"
	    "\n"
	    "interceptor acme | Acme AV |  Acme Mail Root \r\n"
	    "interceptor eset|ESET|ESET SSL Filter CA # trailing\n";
	struct kb *kb;
	struct md_err err;
	assert_int_equal(load_text("good", text, sizeof text - 1, &kb, &err),
			 MD_OK);
	assert_int_equal(kb_interceptor_count(kb), 2);
	const struct kb_interceptor *ic =
	    kb_interceptor_for(kb, "Acme Mail Root 2");
	assert_non_null(ic);
	assert_string_equal(ic->product, "Acme AV");
	assert_int_equal(ic->line, 3);
	/* A product without its own advice gets the general sentence. */
	assert_string_equal(kb_interceptor_advice(ic),
			    kb_interceptor_advice(NULL));
	kb_free(kb);
}

static void test_bad_lines(void **state)
{
	(void)state;
	static const char *const bad[] = {
	    "interceptor eset | ESET\n",
	    "interceptor eset | ESET | ESET SSL Filter CA | more\n",
	    "interceptor ESET! | ESET | ESET SSL Filter CA\n",
	    "interceptor eset |  | ESET SSL Filter CA\n",
	    "interceptor eset | ESET | \n",
	    "intercept eset | ESET | X\n",
	    "interceptoreset | ESET | X\n",
	    "just words\n",
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		struct kb *kb;
		struct md_err err;
		char text[256];
		int n = snprintf(text, sizeof text, "# ok\n%s", bad[i]);
		assert_int_equal(load_text("bad", text, (size_t)n, &kb, &err),
				 MD_ERR_PARSE);
		assert_int_equal(err.line, 2);
		assert_non_null(strstr(err.text, "interceptor ID | PRODUCT"));
		kb_free(kb);
	}
}

static void test_nul_and_too_many(void **state)
{
	(void)state;
	struct kb *kb;
	struct md_err err;
	static const char nul[] = "interceptor a | A | A\0 root\n";
	assert_int_equal(load_text("nul", nul, sizeof nul - 1, &kb, &err),
			 MD_ERR_PARSE);
	kb_free(kb);
	size_t cap = 80 * 64, used = 0;
	char *many = malloc(cap);
	assert_non_null(many);
	for (int i = 0; i < 65; i++)
		used += (size_t)snprintf(many + used, cap - used,
					 "interceptor p%d | P%d | Root %d\n", i,
					 i, i);
	assert_int_equal(load_text("many", many, used, &kb, &err),
			 MD_ERR_PARSE);
	assert_int_equal(err.line, 65);
	assert_int_equal(kb_interceptor_count(kb), 64);
	kb_free(kb);
	free(many);
}

static void test_no_file(void **state)
{
	(void)state;
	struct kb *kb = kb_new();
	struct md_err err;
	assert_int_equal(
	    kb_load_interceptors(kb, "build/no-such-interceptors.conf", &err),
	    MD_OK);
	assert_int_equal(kb_interceptor_count(kb), 0);
	kb_free(kb);
}

/* ---- the diagnosis ------------------------------------------------------ */

/* The badcert profile (outgoing expired.badtls.example:465) with one probe
 * of that server: outcome, issuer and problem as given. */
static void diagnose_one(enum md_outcome outcome, const char *issuer,
			 const char *problem, struct finding_list *l)
{
	struct acct_set *set = hd_read_profile("tests/fixtures/tb/badcert");
	struct diag_probe p = {.purpose = DIAG_CONFIGURED,
			       .host = "expired.badtls.example",
			       .address = "203.0.113.61",
			       .family = 4,
			       .port = 465,
			       .proto = ACCT_PROTO_SMTP,
			       .security = ACCT_SEC_TLS,
			       .outcome = outcome,
			       .tls_problem = problem,
			       .tls_issuer = issuer,
			       .auth_offered = true,
			       .auth_mechs = "PLAIN"};
	struct diag_dns dns = {.any_answer = true};
	struct diag_input in = {.accounts = set,
				.kb = hd_kb,
				.probes = &p,
				.n_probes = 1,
				.dns = &dns};
	struct md_err err;
	assert_int_equal(diagnose(&in, l, &err), MD_OK);
	acct_set_free(set);
}

static void test_refused(void **state)
{
	(void)state;
	struct finding_list l;
	diagnose_one(MD_OUT_TLS_FAILED,
		     "C=SK, O=ESET, spol. s r. o., CN=ESET SSL Filter CA",
		     "unknown-issuer", &l);
	const struct finding *f = hd_find(&l, "tls-intercepted");
	assert_non_null(f);
	assert_null(hd_find(&l, "tls-certificate-problem"));
	assert_int_equal(f->severity, SEV_PROBLEM);
	assert_non_null(strstr(f->summary, "ESET"));
	assert_non_null(strstr(f->summary, "expired.badtls.example"));
	assert_non_null(strstr(f->explanation, "port 465"));
	assert_non_null(strstr(f->explanation, "CN=ESET SSL Filter CA"));
	assert_non_null(strstr(f->explanation, "Advanced setup (F5)"));
	assert_int_equal(f->n_evidence, 1);
	finding_list_done(&l);
}

static void test_trusted(void **state)
{
	(void)state;
	struct finding_list l;
	diagnose_one(MD_OUT_OK,
		     "Kaspersky Anti-Virus Personal Root Certificate", NULL,
		     &l);
	const struct finding *f = hd_find(&l, "tls-intercepted");
	assert_non_null(f);
	assert_int_equal(f->severity, SEV_WARNING);
	assert_non_null(strstr(f->summary, "Kaspersky"));
	assert_non_null(strstr(f->explanation, "Thunderbird keeps its own"));
	assert_non_null(strstr(f->explanation, "Network settings"));
	finding_list_done(&l);
}

static void test_unknown_authority(void **state)
{
	(void)state;
	struct finding_list l;
	diagnose_one(MD_OUT_TLS_FAILED, "maildoctor other CA 1",
		     "unknown-issuer", &l);
	assert_null(hd_find(&l, "tls-intercepted"));
	assert_non_null(hd_find(&l, "tls-certificate-problem"));
	finding_list_done(&l);
	/* A public authority on a working server: nothing to say. */
	diagnose_one(MD_OUT_OK, "R3", NULL, &l);
	assert_null(hd_find(&l, "tls-intercepted"));
	assert_null(hd_find(&l, "tls-certificate-problem"));
	finding_list_done(&l);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_shipped),
	    cmocka_unit_test(test_lookup),
	    cmocka_unit_test(test_good_file),
	    cmocka_unit_test(test_bad_lines),
	    cmocka_unit_test(test_nul_and_too_many),
	    cmocka_unit_test(test_no_file),
	    cmocka_unit_test(test_refused),
	    cmocka_unit_test(test_trusted),
	    cmocka_unit_test(test_unknown_authority),
	};
	return cmocka_run_group_tests(tests, hd_load_kb, hd_free_kb);
}
