/* test_imap.c — the IMAP dialogue against scripted peers: capabilities
 * from the greeting or from CAPABILITY, LOGIN with redaction, refusals,
 * and the status/capability parsers. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "core/proto/imap.h"
#include "tests/unit/helper_sess.h"

#include <string.h>

static void test_imap_capability_command(void **state)
{
	(void)state;
	const struct peer_step steps[] = {
	    {PEER_SEND, "* OK Dovecot ready.\r\n", 0},
	    {PEER_EXPECT, "a1 CAPABILITY\r\n", 0},
	    {PEER_SEND,
	     "* CAPABILITY IMAP4rev1 STARTTLS AUTH=PLAIN "
	     "LOGINDISABLED\r\na1 OK done\r\n",
	     0},
	    {PEER_EXPECT, "a2 LOGOUT\r\n", 0},
	    {PEER_SEND, "* BYE bye\r\na2 OK bye\r\n", 0},
	    {PEER_END, NULL, 0},
	};
	struct hs_run r;
	hs_defaults(&r);
	hs_play(&r, HS_IMAP, steps, NULL, false);
	assert_int_equal(r.peer_status, 0);
	assert_int_equal(r.done_calls, 1);
	assert_int_equal(r.res.outcome, SESS_OUT_OK);
	assert_true(r.res.starttls_offered);
	assert_true(sess_has_mech(&r.res, "PLAIN"));
	assert_true(sess_has_cap(&r.res, "IMAP4rev1"));
	assert_string_equal(r.res.greeting, "* OK Dovecot ready.");
	hs_done(&r);
}

static void test_imap_caps_in_greeting_login(void **state)
{
	(void)state;
	const struct peer_step steps[] = {
	    {PEER_SEND, "* OK [CAPABILITY IMAP4rev1 AUTH=PLAIN] ready\r\n", 0},
	    {PEER_EXPECT, "a1 LOGIN \"taro\" \"pa\\\"ss\"\r\n", 0},
	    {PEER_SEND, "a1 OK [CAPABILITY IMAP4rev1] Logged in\r\n", 0},
	    {PEER_EXPECT, "a2 LOGOUT\r\n", 0},
	    {PEER_SEND, "* BYE\r\na2 OK\r\n", 0},
	    {PEER_END, NULL, 0},
	};
	struct hs_run r;
	hs_defaults(&r);
	r.p.user = "taro";
	r.p.auth_insecure = true;
	r.password = "pa\"ss";
	hs_play(&r, HS_IMAP, steps, NULL, false);
	assert_int_equal(r.peer_status, 0);
	assert_int_equal(r.res.outcome, SESS_OUT_OK);
	assert_int_equal(r.res.auth, SESS_AUTH_OK);
	assert_true(hs_transcript_has(&r, "a1 LOGIN <redacted>"));
	assert_false(hs_transcript_has(&r, "pa"));
	hs_done(&r);
}

/* No LOGIN over a plain connection unless auth_insecure: the next thing
 * the server hears is LOGOUT, and the password is never asked for. */
static void test_imap_plain_login_not_sent(void **state)
{
	(void)state;
	const struct peer_step steps[] = {
	    {PEER_SEND, "* OK [CAPABILITY IMAP4rev1 AUTH=PLAIN] ready\r\n", 0},
	    {PEER_EXPECT, "a1 LOGOUT\r\n", 0},
	    {PEER_SEND, "* BYE\r\na1 OK\r\n", 0},
	    {PEER_END, NULL, 0},
	};
	struct hs_run r;
	hs_defaults(&r);
	r.p.user = "taro";
	r.password = "hunter2";
	hs_play(&r, HS_IMAP, steps, NULL, false);
	assert_int_equal(r.peer_status, 0);
	assert_int_equal(r.res.outcome, SESS_OUT_OK);
	assert_int_equal(r.res.auth, SESS_AUTH_INSECURE);
	assert_int_equal(r.password_calls, 0);
	assert_false(hs_transcript_has(&r, "a1 LOGIN"));
	hs_done(&r);
}

static void test_imap_login_refused(void **state)
{
	(void)state;
	const struct peer_step steps[] = {
	    {PEER_SEND, "* OK [CAPABILITY IMAP4rev1] ready\r\n", 0},
	    {PEER_EXPECT, "a1 LOGIN ", 0},
	    {PEER_SEND,
	     "a1 NO [AUTHENTICATIONFAILED] Authentication "
	     "failed.\r\n",
	     0},
	    {PEER_EXPECT, "a2 LOGOUT", 0},
	    {PEER_SEND, "a2 OK\r\n", 0},
	    {PEER_END, NULL, 0},
	};
	struct hs_run r;
	hs_defaults(&r);
	r.p.user = "taro";
	r.p.auth_insecure = true;
	r.password = "wrong";
	hs_play(&r, HS_IMAP, steps, NULL, false);
	assert_int_equal(r.peer_status, 0);
	assert_int_equal(r.res.outcome, SESS_OUT_AUTH_FAILED);
	assert_non_null(strstr(r.res.reply, "AUTHENTICATIONFAILED"));
	hs_done(&r);
}

static void test_imap_bye_greeting(void **state)
{
	(void)state;
	const struct peer_step steps[] = {
	    {PEER_SEND, "* BYE too many connections\r\n", 0},
	    {PEER_CLOSE, NULL, 0},
	};
	struct hs_run r;
	hs_defaults(&r);
	hs_play(&r, HS_IMAP, steps, NULL, false);
	assert_int_equal(r.res.outcome, SESS_OUT_REJECTED);
	hs_done(&r);
}

static void test_imap_starttls_not_offered(void **state)
{
	(void)state;
	const struct peer_step steps[] = {
	    {PEER_SEND, "* OK [CAPABILITY IMAP4rev1] ready\r\n", 0},
	    {PEER_EXPECT, "a1 LOGOUT", 0},
	    {PEER_SEND, "a1 OK\r\n", 0},
	    {PEER_END, NULL, 0},
	};
	struct hs_run r;
	hs_defaults(&r);
	r.p.security = SESS_SEC_STARTTLS;
	hs_play(&r, HS_IMAP, steps, NULL, false);
	assert_int_equal(r.peer_status, 0);
	assert_int_equal(r.res.outcome, SESS_OUT_TLS_FAILED);
	assert_int_equal(r.res.tls.failure, TLS_FAIL_NOT_OFFERED);
	hs_done(&r);
}

static void test_imap_status_table(void **state)
{
	(void)state;
	static const struct {
		const char *line, *tag;
		enum imap_status st;
	} cases[] = {
	    {"a1 OK done", "a1", IMAP_OK}, {"a1 ok", "a1", IMAP_OK},
	    {"a1 NO nope", "a1", IMAP_NO}, {"a1 BAD", "a1", IMAP_BAD},
	    {"* BYE x", "*", IMAP_BYE},	   {"* PREAUTH x", "*", IMAP_PREAUTH},
	    {"a10 OK", "a1", IMAP_OTHER},  {"a1OK", "a1", IMAP_OTHER},
	    {"a1 ", "a1", IMAP_OTHER},	   {"", "a1", IMAP_OTHER},
	    {"* OKAY", "*", IMAP_OTHER},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
		assert_int_equal(imap_line_status(cases[i].line,
						  strlen(cases[i].line),
						  cases[i].tag),
				 cases[i].st);
	struct sess_result r;
	sess_result_init(&r, 0);
	const char *c = "IMAP4rev1  AUTH=PLAIN AUTH=  STARTTLS] rest";
	assert_int_equal(imap_parse_caps(&r, c, strlen(c)), 4);
	assert_true(r.starttls_offered);
	assert_int_equal(r.n_mechs, 1);
	sess_result_done(&r);
}

/* The one CR/LF policy of the engine: a password carrying CR LF makes a
 * LOGIN that is never sent; the server hears the goodbye instead, and the
 * probe ends as a local error. */
static void test_imap_login_crlf_refused(void **state)
{
	(void)state;
	const struct peer_step steps[] = {
	    {PEER_SEND, "* OK [CAPABILITY IMAP4rev1] ready\r\n", 0},
	    {PEER_EXPECT, "a2 LOGOUT\r\n", 0},
	    {PEER_SEND, "* BYE\r\na2 OK\r\n", 0},
	    {PEER_END, NULL, 0},
	};
	struct hs_run r;
	hs_defaults(&r);
	r.p.user = "taro";
	r.p.auth_insecure = true;
	r.password = "pa\r\na9 DELETE INBOX";
	hs_play(&r, HS_IMAP, steps, NULL, false);
	assert_int_equal(r.peer_status, 0);
	assert_int_equal(r.res.outcome, SESS_OUT_ERROR);
	assert_int_equal(r.password_calls, 1);
	assert_false(hs_transcript_has(&r, "LOGIN"));
	assert_false(hs_transcript_has(&r, "DELETE"));
	hs_done(&r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_imap_capability_command),
	    cmocka_unit_test(test_imap_caps_in_greeting_login),
	    cmocka_unit_test(test_imap_login_refused),
	    cmocka_unit_test(test_imap_plain_login_not_sent),
	    cmocka_unit_test(test_imap_bye_greeting),
	    cmocka_unit_test(test_imap_starttls_not_offered),
	    cmocka_unit_test(test_imap_status_table),
	    cmocka_unit_test(test_imap_login_crlf_refused),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
