/* test_tls.c — TLS through the probe engine against scripted loopback
 * peers with certificates made for the test: implicit TLS, STARTTLS (caps
 * asked again), each verification failure category, plaintext where TLS
 * was expected, injection after STARTTLS, a reset mid-handshake; the
 * insecure context that goes on but records, and the plain sentences. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "core/net/tls.h"
#include "tests/unit/helper_os.h"
#include "tests/unit/helper_sess.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct fix {
	char dir[512];
	char path[7][600];
	struct tls_ctx *ctx;
	struct tls_ctx *insecure; /* tls_ctx_new_insecure, same CA */
};

enum { CA, GOOD, EXPIRED, WRONG, SELF, UNKNOWN, WEAK };

static int setup(void **state)
{
	static const char *const names[] = {
	    "ca.pem",	      "good.pem",      "expired.pem", "wrongname.pem",
	    "selfsigned.pem", "unknownca.pem", "weak.pem"};
	struct fix *f = calloc(1, sizeof *f);
	if (!ho_mkdtemp(f->dir, sizeof f->dir, "md-tls") || !certs_make(f->dir))
		return -1;
	for (int i = 0; i < 7; i++) {
		char tmp[600];
		snprintf(tmp, sizeof tmp, "%s/%s", f->dir, names[i]);
		memcpy(f->path[i], tmp, sizeof tmp);
	}
	struct md_err err;
	f->ctx = tls_ctx_new(f->path[CA], &err);
	f->insecure = tls_ctx_new_insecure(f->path[CA], &err);
	if (!f->ctx || !f->insecure)
		return -1;
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fix *f = *state;
	for (int i = 0; i < 7; i++)
		ho_unlink(f->path[i]);
	ho_rmdir(f->dir);
	tls_ctx_free(f->ctx);
	tls_ctx_free(f->insecure);
	free(f);
	return 0;
}

static const struct peer_step implicit_ok[] = {
    {PEER_TLS, NULL, 0},
    {PEER_SEND, "220 mail.test.example ESMTP\r\n", 0},
    {PEER_EXPECT, "EHLO ", 0},
    {PEER_SEND, "250-mail.test.example\r\n250 AUTH PLAIN\r\n", 0},
    {PEER_EXPECT, "QUIT", 0},
    {PEER_SEND, "221 bye\r\n", 0},
    {PEER_END, NULL, 0},
};

static void run_tls(struct fix *f, struct hs_run *r, const char *cert,
		    const struct peer_step *steps, enum sess_security sec)
{
	hs_defaults(r);
	r->p.tls = f->ctx;
	r->p.security = sec;
	hs_play(r, HS_SMTP, steps, cert, true);
}

static void test_tls_implicit_ok(void **state)
{
	struct fix *f = *state;
	struct hs_run r;
	run_tls(f, &r, f->path[GOOD], implicit_ok, SESS_SEC_TLS);
	assert_int_equal(r.peer_status, 0);
	assert_int_equal(r.res.outcome, SESS_OUT_OK);
	assert_int_equal(r.res.security, SESS_SEC_TLS);
	assert_true(r.res.tls_tried);
	assert_true(r.res.tls.done);
	assert_string_equal(r.res.tls.version, "TLSv1.3");
	assert_string_equal(r.res.tls.subject, "mail.test.example");
	assert_string_equal(r.res.tls.issuer, "maildoctor test CA");
	assert_non_null(strstr(r.res.tls.names, "mail.test.example"));
	assert_true(r.res.tls.not_after[0] != '\0');
	assert_true(r.res.tls.cipher[0] != '\0');
	assert_true(r.res.step_ms[SESS_STEP_TLS] > 0);
	hs_done(&r);
}

static void test_tls_ip_literal_host(void **state)
{
	struct fix *f = *state;
	struct hs_run r;
	hs_defaults(&r);
	r.p.tls = f->ctx;
	r.p.security = SESS_SEC_TLS;
	r.p.host = "127.0.0.1";
	hs_play(&r, HS_SMTP, implicit_ok, f->path[GOOD], true);
	assert_int_equal(r.res.outcome, SESS_OUT_OK);
	hs_done(&r);
}

static void test_tls_starttls_asks_caps_again(void **state)
{
	struct fix *f = *state;
	const struct peer_step steps[] = {
	    {PEER_SEND, "220 hi\r\n", 0},
	    {PEER_EXPECT, "EHLO ", 0},
	    {PEER_SEND, "250-hi\r\n250-STARTTLS\r\n250 PIPELINING\r\n", 0},
	    {PEER_EXPECT, "STARTTLS\r\n", 0},
	    {PEER_SEND, "220 2.0.0 go ahead\r\n", 0},
	    {PEER_TLS, NULL, 0},
	    {PEER_EXPECT, "EHLO ", 0},
	    {PEER_SEND, "250-hi\r\n250 AUTH PLAIN LOGIN\r\n", 0},
	    {PEER_EXPECT, "AUTH PLAIN ", 0},
	    {PEER_SEND, "235 ok\r\n", 0},
	    {PEER_EXPECT, "QUIT", 0},
	    {PEER_SEND, "221 bye\r\n", 0},
	    {PEER_END, NULL, 0},
	};
	struct hs_run r;
	hs_defaults(&r);
	r.p.tls = f->ctx;
	r.p.security = SESS_SEC_STARTTLS;
	r.p.user = "u";
	r.password = "p";
	hs_play(&r, HS_SMTP, steps, f->path[GOOD], true);
	assert_int_equal(r.peer_status, 0);
	assert_int_equal(r.res.outcome, SESS_OUT_OK);
	assert_int_equal(r.res.security, SESS_SEC_STARTTLS);
	assert_int_equal(r.res.auth, SESS_AUTH_OK);
	assert_false(r.res.pipelining); /* forgotten after TLS */
	assert_false(sess_has_cap(&r.res, "STARTTLS"));
	assert_true(sess_has_mech(&r.res, "LOGIN"));
	hs_done(&r);
}

static void test_tls_auto_uses_starttls(void **state)
{
	struct fix *f = *state;
	const struct peer_step steps[] = {
	    {PEER_SEND, "220 hi\r\n", 0},
	    {PEER_EXPECT, "EHLO ", 0},
	    {PEER_SEND, "250-hi\r\n250 STARTTLS\r\n", 0},
	    {PEER_EXPECT, "STARTTLS\r\n", 0},
	    {PEER_SEND, "220 go\r\n", 0},
	    {PEER_TLS, NULL, 0},
	    {PEER_EXPECT, "EHLO ", 0},
	    {PEER_SEND, "250 hi\r\n", 0},
	    {PEER_EXPECT, "QUIT", 0},
	    {PEER_SEND, "221 bye\r\n", 0},
	    {PEER_END, NULL, 0},
	};
	struct hs_run r;
	run_tls(f, &r, f->path[GOOD], steps, SESS_SEC_AUTO);
	assert_int_equal(r.res.outcome, SESS_OUT_OK);
	assert_int_equal(r.res.security, SESS_SEC_STARTTLS);
	hs_done(&r);
}

static void check_failure(struct fix *f, int cert, enum tls_failure want)
{
	struct hs_run r;
	run_tls(f, &r, f->path[cert], implicit_ok, SESS_SEC_TLS);
	assert_int_equal(r.res.outcome, SESS_OUT_TLS_FAILED);
	assert_int_equal(r.res.step, SESS_STEP_TLS);
	assert_true(r.res.tls_tried);
	assert_false(r.res.tls.done);
	if (r.res.tls.failure != want)
		fail_msg("got %s (%s), want %s",
			 tls_failure_word(r.res.tls.failure), r.res.tls.detail,
			 tls_failure_word(want));
	assert_string_not_equal(r.res.tls.not_after, "");
	hs_done(&r);
}

static void test_tls_expired(void **state)
{
	check_failure(*state, EXPIRED, TLS_FAIL_EXPIRED);
}

static void test_tls_wrong_name(void **state)
{
	struct fix *f = *state;
	check_failure(f, WRONG, TLS_FAIL_WRONG_NAME);
}

static void test_tls_self_signed(void **state)
{
	check_failure(*state, SELF, TLS_FAIL_SELF_SIGNED);
}

static void test_tls_unknown_issuer(void **state)
{
	check_failure(*state, UNKNOWN, TLS_FAIL_UNKNOWN_ISSUER);
}

/* A strict context: verified, never insecure. */
static void test_tls_strict_is_verified(void **state)
{
	struct fix *f = *state;
	struct hs_run r;
	assert_false(tls_ctx_insecure(f->ctx));
	assert_true(tls_ctx_insecure(f->insecure));
	assert_false(tls_ctx_insecure(NULL));
	run_tls(f, &r, f->path[GOOD], implicit_ok, SESS_SEC_TLS);
	assert_int_equal(r.res.outcome, SESS_OUT_OK);
	assert_true(r.res.tls.verified);
	assert_false(r.res.tls.insecure);
	hs_done(&r);
}

/* --insecure goes on past each failure, keeps its category and the
 * certificate's fields, and never says verified. */
static void check_insecure(struct fix *f, int cert, enum tls_failure want)
{
	struct hs_run r;
	hs_defaults(&r);
	r.p.tls = f->insecure;
	r.p.security = SESS_SEC_TLS;
	hs_play(&r, HS_SMTP, implicit_ok, f->path[cert], true);
	assert_int_equal(r.peer_status, 0);
	assert_int_equal(r.res.outcome, SESS_OUT_OK);
	assert_true(r.res.tls.done);
	assert_false(r.res.tls.verified);
	assert_true(r.res.tls.insecure);
	if (r.res.tls.failure != want)
		fail_msg("got %s (%s), want %s",
			 tls_failure_word(r.res.tls.failure), r.res.tls.detail,
			 tls_failure_word(want));
	assert_string_not_equal(r.res.tls.not_after, "");
	assert_string_not_equal(r.res.tls.version, "");
	hs_done(&r);
}

static void test_tls_insecure_goes_on_and_records(void **state)
{
	check_insecure(*state, EXPIRED, TLS_FAIL_EXPIRED);
	check_insecure(*state, WRONG, TLS_FAIL_WRONG_NAME);
	check_insecure(*state, SELF, TLS_FAIL_SELF_SIGNED);
	check_insecure(*state, UNKNOWN, TLS_FAIL_UNKNOWN_ISSUER);
	check_insecure(*state, GOOD, TLS_FAIL_NONE);
	/* level 0 lets SHA-1 through; the strict level, checked again,
	 * does not */
	check_insecure(*state, WEAK, TLS_FAIL_UNTRUSTED);
}

static void test_tls_weak_signature(void **state)
{
	check_failure(*state, WEAK, TLS_FAIL_UNTRUSTED);
}

/* --insecure never sends the password past a certificate that failed
 * (the server hears QUIT right after EHLO), unless plaintext logins are
 * allowed too; a certificate that passed still gets the login. */
static void test_tls_insecure_holds_login_back(void **state)
{
	struct fix *f = *state;
	static const struct peer_step login[] = {
	    {PEER_TLS, NULL, 0},
	    {PEER_SEND, "220 mail.test.example ESMTP\r\n", 0},
	    {PEER_EXPECT, "EHLO ", 0},
	    {PEER_SEND, "250-mail.test.example\r\n250 AUTH PLAIN\r\n", 0},
	    {PEER_EXPECT, "AUTH PLAIN ", 0},
	    {PEER_SEND, "235 ok\r\n", 0},
	    {PEER_EXPECT, "QUIT", 0},
	    {PEER_SEND, "221 bye\r\n", 0},
	    {PEER_END, NULL, 0},
	};
	struct hs_run r;
	hs_defaults(&r);
	r.p.tls = f->insecure;
	r.p.security = SESS_SEC_TLS;
	r.p.user = "taro";
	r.password = "hunter2";
	hs_play(&r, HS_SMTP, implicit_ok, f->path[EXPIRED], true);
	assert_int_equal(r.peer_status, 0);
	assert_int_equal(r.res.outcome, SESS_OUT_OK);
	assert_int_equal(r.res.auth, SESS_AUTH_UNVERIFIED);
	assert_string_equal(sess_auth_word(r.res.auth), "not-tried-unverified");
	assert_int_equal(r.password_calls, 0);
	assert_false(hs_transcript_has(&r, "AUTH PLAIN <"));
	hs_done(&r);

	hs_defaults(&r);
	r.p.tls = f->insecure;
	r.p.security = SESS_SEC_TLS;
	r.p.user = "taro";
	r.password = "hunter2";
	hs_play(&r, HS_SMTP, login, f->path[GOOD], true);
	assert_int_equal(r.peer_status, 0);
	assert_int_equal(r.res.auth, SESS_AUTH_OK);
	hs_done(&r);

	hs_defaults(&r);
	r.p.tls = f->insecure;
	r.p.security = SESS_SEC_TLS;
	r.p.user = "taro";
	r.password = "hunter2";
	r.p.auth_insecure = true;
	hs_play(&r, HS_SMTP, login, f->path[SELF], true);
	assert_int_equal(r.peer_status, 0);
	assert_int_equal(r.res.auth, SESS_AUTH_OK);
	hs_done(&r);
}

/* The plain sentence names what is wrong: the date, the names, the
 * issuer, the version; nothing for no failure. */
static void test_tls_explain_names_the_fault(void **state)
{
	(void)state;
	static const struct {
		enum tls_failure f;
		const char *want[2];
	} rows[] = {
	    {TLS_FAIL_EXPIRED, {"expired on 2020-02-01", NULL}},
	    {TLS_FAIL_NOT_YET_VALID, {"2031-01-01", NULL}},
	    {TLS_FAIL_WRONG_NAME, {"other.example", "mail.example"}},
	    {TLS_FAIL_SELF_SIGNED, {"signed by itself", NULL}},
	    {TLS_FAIL_UNKNOWN_ISSUER, {"\"Other CA\"", "does not trust"}},
	    {TLS_FAIL_OLD_VERSION, {"TLSv1.1", "TLS 1.2 or newer"}},
	    {TLS_FAIL_HANDSHAKE, {"could not be agreed on", "bad mac"}},
	    {TLS_FAIL_NOT_TLS, {"did not answer with TLS", NULL}},
	};
	struct tls_info t = {.not_before = "2031-01-01T00:00:00Z",
			     .not_after = "2020-02-01T00:00:00Z",
			     .names = "other.example, www.other.example",
			     .issuer = "Other CA",
			     .version = "TLSv1.1",
			     .detail = "bad mac"};
	char out[320];
	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		t.failure = rows[i].f;
		tls_explain(&t, "mail.example", out, sizeof out);
		for (int k = 0; k < 2 && rows[i].want[k]; k++)
			if (!strstr(out, rows[i].want[k]))
				fail_msg("%s: \"%s\" lacks \"%s\"",
					 tls_failure_word(rows[i].f), out,
					 rows[i].want[k]);
	}
	/* Without the facts: the category's own sentence, never "". */
	struct tls_info bare = {.failure = TLS_FAIL_OLD_VERSION};
	assert_non_null(strstr(tls_explain(&bare, NULL, out, sizeof out),
			       "old and unsafe"));
	bare.failure = TLS_FAIL_EXPIRED;
	assert_string_equal(tls_explain(&bare, NULL, out, sizeof out),
			    "the server's certificate has expired");
	bare.failure = TLS_FAIL_NONE;
	assert_string_equal(tls_explain(&bare, "x", out, sizeof out), "");
	/* A short buffer stays terminated. */
	t.failure = TLS_FAIL_WRONG_NAME;
	tls_explain(&t, "mail.example", out, 8);
	assert_int_equal(strlen(out), 7);
}

static void test_tls_not_tls(void **state)
{
	struct fix *f = *state;
	const struct peer_step steps[] = {
	    {PEER_SEND, "220 plain text server ready\r\n", 0},
	    {PEER_SLEEP, NULL, 500},
	    {PEER_CLOSE, NULL, 0},
	};
	struct hs_run r;
	run_tls(f, &r, NULL, steps, SESS_SEC_TLS);
	assert_int_equal(r.res.outcome, SESS_OUT_TLS_FAILED);
	assert_int_equal(r.res.tls.failure, TLS_FAIL_NOT_TLS);
	hs_done(&r);
}

static void test_tls_starttls_then_plaintext(void **state)
{
	struct fix *f = *state;
	const struct peer_step steps[] = {
	    {PEER_SEND, "220 hi\r\n", 0},
	    {PEER_EXPECT, "EHLO ", 0},
	    {PEER_SEND, "250-hi\r\n250 STARTTLS\r\n", 0},
	    {PEER_EXPECT, "STARTTLS", 0},
	    {PEER_SEND, "220 go ahead\r\n", 0},
	    {PEER_SLEEP, NULL, 100},
	    {PEER_SEND, "250 still speaking plaintext\r\n", 0},
	    {PEER_SLEEP, NULL, 300},
	    {PEER_CLOSE, NULL, 0},
	};
	struct hs_run r;
	run_tls(f, &r, NULL, steps, SESS_SEC_STARTTLS);
	assert_int_equal(r.res.outcome, SESS_OUT_TLS_FAILED);
	assert_int_equal(r.res.tls.failure, TLS_FAIL_NOT_TLS);
	hs_done(&r);
}

static void test_tls_starttls_injection_refused(void **state)
{
	struct fix *f = *state;
	const struct peer_step steps[] = {
	    {PEER_SEND, "220 hi\r\n", 0},
	    {PEER_EXPECT, "EHLO ", 0},
	    {PEER_SEND, "250-hi\r\n250 STARTTLS\r\n", 0},
	    {PEER_EXPECT, "STARTTLS", 0},
	    {PEER_SEND, "220 go ahead\r\n250 injected\r\n", 0},
	    {PEER_SLEEP, NULL, 300},
	    {PEER_CLOSE, NULL, 0},
	};
	struct hs_run r;
	run_tls(f, &r, NULL, steps, SESS_SEC_STARTTLS);
	assert_int_equal(r.res.outcome, SESS_OUT_TLS_FAILED);
	assert_int_equal(r.res.tls.failure, TLS_FAIL_NOT_TLS);
	assert_non_null(strstr(r.res.detail, "after agreeing"));
	hs_done(&r);
}

static void test_tls_reset_mid_handshake(void **state)
{
	struct fix *f = *state;
	const struct peer_step steps[] = {
	    {PEER_SLEEP, NULL, 100},
	    {PEER_SEND, "\x16\x03\x03\x00\x40\x02\x00", 0},
	    {PEER_RESET, NULL, 0},
	};
	struct hs_run r;
	run_tls(f, &r, NULL, steps, SESS_SEC_TLS);
	assert_int_equal(r.res.outcome, SESS_OUT_RESET);
	assert_int_equal(r.res.step, SESS_STEP_TLS);
	hs_done(&r);
}

static void test_tls_bad_ca_file(void **state)
{
	(void)state;
	struct md_err err;
	assert_null(tls_ctx_new("/nonexistent/ca.pem", &err));
	assert_int_equal(err.code, MD_ERR_IO);
}

static void test_tls_failure_words(void **state)
{
	(void)state;
	assert_string_equal(tls_failure_word(TLS_FAIL_WRONG_NAME),
			    "wrong-name");
	assert_string_equal(tls_failure_word(TLS_FAIL_NOT_TLS), "not-tls");
	assert_string_equal(tls_failure_word((enum tls_failure)99),
			    "handshake");
}

int main(void)
{
	struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_tls_implicit_ok),
	    cmocka_unit_test(test_tls_ip_literal_host),
	    cmocka_unit_test(test_tls_starttls_asks_caps_again),
	    cmocka_unit_test(test_tls_auto_uses_starttls),
	    cmocka_unit_test(test_tls_expired),
	    cmocka_unit_test(test_tls_wrong_name),
	    cmocka_unit_test(test_tls_self_signed),
	    cmocka_unit_test(test_tls_unknown_issuer),
	    cmocka_unit_test(test_tls_weak_signature),
	    cmocka_unit_test(test_tls_strict_is_verified),
	    cmocka_unit_test(test_tls_insecure_goes_on_and_records),
	    cmocka_unit_test(test_tls_explain_names_the_fault),
	    cmocka_unit_test(test_tls_insecure_holds_login_back),
	    cmocka_unit_test(test_tls_not_tls),
	    cmocka_unit_test(test_tls_starttls_then_plaintext),
	    cmocka_unit_test(test_tls_starttls_injection_refused),
	    cmocka_unit_test(test_tls_reset_mid_handshake),
	    cmocka_unit_test(test_tls_bad_ca_file),
	    cmocka_unit_test(test_tls_failure_words),
	};
	/* test_tls_reset_mid_handshake needs a TCP reset from the peer; under
	 * wine a close after SO_LINGER 0 is a plain FIN (Windows itself resets)
	 */
	static const char *const needs_reset[] = {
	    "test_tls_reset_mid_handshake", NULL};
	size_t n = sizeof tests / sizeof tests[0];
	if (!ho_close_resets())
		n = ho_leave_out(tests, n, needs_reset,
				 "wine sends no TCP reset");
	return _cmocka_run_group_tests("tests", tests, n, setup, teardown);
}
