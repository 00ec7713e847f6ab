/* test_pop3.c — the POP3 dialogue against scripted peers: CAPA (multi-line
 * and refused), USER/PASS with redaction, refusals; the CAPA parser. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "core/proto/pop3.h"
#include "tests/unit/helper_sess.h"

#include <string.h>

static void test_pop3_capa_and_login(void **state)
{
	(void)state;
	const struct peer_step steps[] = {
	    {PEER_SEND, "+OK Dovecot ready.\r\n", 0},
	    {PEER_EXPECT, "CAPA\r\n", 0},
	    {PEER_SEND,
	     "+OK\r\nCAPA\r\nTOP\r\nUIDL\r\nUSER\r\n"
	     "SASL PLAIN LOGIN\r\nSTLS\r\n.\r\n",
	     0},
	    {PEER_EXPECT, "USER taro\r\n", 0},
	    {PEER_SEND, "+OK\r\n", 0},
	    {PEER_EXPECT, "PASS hunter2\r\n", 0},
	    {PEER_SEND, "+OK Logged in.\r\n", 0},
	    {PEER_EXPECT, "QUIT\r\n", 0},
	    {PEER_SEND, "+OK bye\r\n", 0},
	    {PEER_END, NULL, 0},
	};
	struct hs_run r;
	hs_defaults(&r);
	r.p.user = "taro";
	r.p.auth_insecure = true;
	r.password = "hunter2";
	hs_play(&r, HS_POP3, steps, NULL, false);
	assert_int_equal(r.peer_status, 0);
	assert_int_equal(r.res.outcome, SESS_OUT_OK);
	assert_int_equal(r.res.auth, SESS_AUTH_OK);
	assert_true(r.res.starttls_offered);
	assert_true(sess_has_mech(&r.res, "LOGIN"));
	assert_true(hs_transcript_has(&r, "PASS <redacted>"));
	assert_false(hs_transcript_has(&r, "hunter2"));
	hs_done(&r);
}

/* No USER/PASS over a plain connection unless auth_insecure. */
static void test_pop3_plain_login_not_sent(void **state)
{
	(void)state;
	const struct peer_step steps[] = {
	    {PEER_SEND, "+OK ready\r\n", 0},
	    {PEER_EXPECT, "CAPA\r\n", 0},
	    {PEER_SEND, "+OK\r\nUSER\r\nSASL PLAIN LOGIN\r\n.\r\n", 0},
	    {PEER_EXPECT, "QUIT\r\n", 0},
	    {PEER_SEND, "+OK bye\r\n", 0},
	    {PEER_END, NULL, 0},
	};
	struct hs_run r;
	hs_defaults(&r);
	r.p.user = "taro";
	r.password = "hunter2";
	hs_play(&r, HS_POP3, steps, NULL, false);
	assert_int_equal(r.peer_status, 0);
	assert_int_equal(r.res.outcome, SESS_OUT_OK);
	assert_int_equal(r.res.auth, SESS_AUTH_INSECURE);
	assert_int_equal(r.password_calls, 0);
	assert_false(hs_transcript_has(&r, "USER taro"));
	assert_false(hs_transcript_has(&r, "PASS "));
	hs_done(&r);
}

static void test_pop3_capa_refused_pass_refused(void **state)
{
	(void)state;
	const struct peer_step steps[] = {
	    {PEER_SEND, "+OK old server\r\n", 0},
	    {PEER_EXPECT, "CAPA\r\n", 0},
	    {PEER_SEND, "-ERR unknown command\r\n", 0},
	    {PEER_EXPECT, "USER taro\r\n", 0},
	    {PEER_SEND, "+OK\r\n", 0},
	    {PEER_EXPECT, "PASS ", 0},
	    {PEER_SEND, "-ERR [AUTH] Authentication failed.\r\n", 0},
	    {PEER_EXPECT, "QUIT\r\n", 0},
	    {PEER_SEND, "+OK\r\n", 0},
	    {PEER_END, NULL, 0},
	};
	struct hs_run r;
	hs_defaults(&r);
	r.p.user = "taro";
	r.p.auth_insecure = true;
	r.password = "x";
	hs_play(&r, HS_POP3, steps, NULL, false);
	assert_int_equal(r.peer_status, 0);
	assert_int_equal(r.res.outcome, SESS_OUT_AUTH_FAILED);
	assert_int_equal(r.res.auth, SESS_AUTH_FAILED);
	assert_string_equal(r.res.reply, "-ERR [AUTH] Authentication failed.");
	hs_done(&r);
}

static void test_pop3_err_greeting(void **state)
{
	(void)state;
	const struct peer_step steps[] = {
	    {PEER_SEND, "-ERR go away\r\n", 0},
	    {PEER_EXPECT, "QUIT", 0},
	    {PEER_END, NULL, 0},
	};
	struct hs_run r;
	hs_defaults(&r);
	hs_play(&r, HS_POP3, steps, NULL, false);
	assert_int_equal(r.res.outcome, SESS_OUT_REJECTED);
	hs_done(&r);
}

static void test_pop3_capa_parse(void **state)
{
	(void)state;
	struct sess_result r;
	sess_result_init(&r, 0);
	const char *t = "+OK\nSTLS\n..dotted\nSASL  PLAIN\n\n.\nAFTER";
	assert_int_equal(pop3_parse_capa(&r, t, strlen(t)), 3);
	assert_true(r.starttls_offered);
	assert_true(sess_has_cap(&r, ".dotted"));
	assert_false(sess_has_cap(&r, "AFTER"));
	assert_true(sess_has_mech(&r, "PLAIN"));
	sess_result_done(&r);
}

/* The one CR/LF policy of the engine: a user name carrying CR LF makes a
 * USER that is never sent; the server hears QUIT, the probe ends as a
 * local error and the password is never asked for. */
static void test_pop3_login_crlf_refused(void **state)
{
	(void)state;
	const struct peer_step steps[] = {
	    {PEER_SEND, "+OK ready\r\n", 0},
	    {PEER_EXPECT, "CAPA\r\n", 0},
	    {PEER_SEND, "+OK\r\nUSER\r\n.\r\n", 0},
	    {PEER_EXPECT, "QUIT\r\n", 0},
	    {PEER_SEND, "+OK bye\r\n", 0},
	    {PEER_END, NULL, 0},
	};
	struct hs_run r;
	hs_defaults(&r);
	r.p.user = "taro\r\nDELE 1";
	r.p.auth_insecure = true;
	r.password = "hunter2";
	hs_play(&r, HS_POP3, steps, NULL, false);
	assert_int_equal(r.peer_status, 0);
	assert_int_equal(r.res.outcome, SESS_OUT_ERROR);
	assert_int_equal(r.password_calls, 0);
	assert_false(hs_transcript_has(&r, "USER taro"));
	assert_false(hs_transcript_has(&r, "DELE"));
	hs_done(&r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_pop3_capa_and_login),
	    cmocka_unit_test(test_pop3_capa_refused_pass_refused),
	    cmocka_unit_test(test_pop3_plain_login_not_sent),
	    cmocka_unit_test(test_pop3_err_greeting),
	    cmocka_unit_test(test_pop3_capa_parse),
	    cmocka_unit_test(test_pop3_login_crlf_refused),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
