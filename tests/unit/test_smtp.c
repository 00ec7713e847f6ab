/* test_smtp.c — the SMTP dialogue against scripted peers: capabilities,
 * HELO fallback, AUTH PLAIN/LOGIN with redaction, the dry run, refusals and
 * hostile replies; and the reply parsers on tables of hostile input. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "core/proto/smtp.h"
#include "tests/unit/helper_os.h"
#include "tests/unit/helper_sess.h"

#include <string.h>

#define EHLO_CAPS                                                              \
	"250-mail.test.example\r\n250-PIPELINING\r\n250-SIZE 10240000\r\n"     \
	"250-AUTH PLAIN LOGIN\r\n250-8BITMIME\r\n250 ENHANCEDSTATUSCODES\r\n"

static void test_smtp_capabilities(void **state)
{
	(void)state;
	const struct peer_step steps[] = {
	    {PEER_SEND, "220 mail.test.example ESMTP\r\n", 0},
	    {PEER_EXPECT, "EHLO ", 0},
	    {PEER_SEND, EHLO_CAPS, 0},
	    {PEER_EXPECT, "QUIT", 0},
	    {PEER_SEND, "221 bye\r\n", 0},
	    {PEER_END, NULL, 0},
	};
	struct hs_run r;
	hs_defaults(&r);
	hs_play(&r, HS_SMTP, steps, NULL, false);
	assert_int_equal(r.peer_status, 0);
	assert_int_equal(r.done_calls, 1);
	assert_int_equal(r.res.outcome, SESS_OUT_OK);
	assert_int_equal(r.res.step, SESS_STEP_DONE);
	assert_true(r.res.pipelining);
	assert_true(r.res.eightbitmime);
	assert_false(r.res.starttls_offered);
	assert_int_equal(r.res.size_limit, 10240000);
	assert_true(sess_has_mech(&r.res, "PLAIN"));
	assert_true(sess_has_mech(&r.res, "login"));
	assert_true(sess_has_cap(&r.res, "ENHANCEDSTATUSCODES"));
	assert_string_equal(r.res.greeting, "220 mail.test.example ESMTP");
	assert_true(r.res.step_ms[SESS_STEP_GREETING] > 0);
	assert_true(r.res.step_ms[SESS_STEP_CAPS] > 0);
	assert_true(hs_transcript_has(&r, "250 ENHANCEDSTATUSCODES"));
	assert_non_null(strstr(r.trace, "SMTP_ST_GREETING>SMTP_ST_EHLO"));
	hs_done(&r);
}

static void test_smtp_helo_fallback(void **state)
{
	(void)state;
	const struct peer_step steps[] = {
	    {PEER_SEND, "220 old server\r\n", 0},
	    {PEER_EXPECT, "EHLO ", 0},
	    {PEER_SEND, "502 5.5.2 command not recognized\r\n", 0},
	    {PEER_EXPECT, "HELO ", 0},
	    {PEER_SEND, "250 hello\r\n", 0},
	    {PEER_EXPECT, "QUIT", 0},
	    {PEER_SEND, "221 bye\r\n", 0},
	    {PEER_END, NULL, 0},
	};
	struct hs_run r;
	hs_defaults(&r);
	hs_play(&r, HS_SMTP, steps, NULL, false);
	assert_int_equal(r.peer_status, 0);
	assert_int_equal(r.res.outcome, SESS_OUT_OK);
	assert_int_equal(r.res.n_caps, 0);
	hs_done(&r);
}

static void test_smtp_greeting_refused(void **state)
{
	(void)state;
	const struct peer_step steps[] = {
	    {PEER_SEND, "554 5.7.1 no service for you\r\n", 0},
	    {PEER_EXPECT, "QUIT", 0},
	    {PEER_SEND, "221 bye\r\n", 0},
	    {PEER_END, NULL, 0},
	};
	struct hs_run r;
	hs_defaults(&r);
	hs_play(&r, HS_SMTP, steps, NULL, false);
	assert_int_equal(r.peer_status, 0);
	assert_int_equal(r.res.outcome, SESS_OUT_REJECTED);
	assert_int_equal(r.res.step, SESS_STEP_GREETING);
	assert_int_equal(r.res.reply_code, 554);
	assert_string_equal(r.res.reply, "554 5.7.1 no service for you");
	hs_done(&r);
}

static void test_smtp_auth_plain_ok(void **state)
{
	(void)state;
	/* base64("\0user\0secret") */
	const struct peer_step steps[] = {
	    {PEER_SEND, "220 hi\r\n", 0},
	    {PEER_EXPECT, "EHLO ", 0},
	    {PEER_SEND, EHLO_CAPS, 0},
	    {PEER_EXPECT, "AUTH PLAIN AHVzZXIAc2VjcmV0\r\n", 0},
	    {PEER_SEND, "235 2.7.0 ok\r\n", 0},
	    {PEER_EXPECT, "QUIT", 0},
	    {PEER_SEND, "221 bye\r\n", 0},
	    {PEER_END, NULL, 0},
	};
	struct hs_run r;
	hs_defaults(&r);
	r.p.user = "user";
	r.p.auth_insecure = true;
	r.password = "secret";
	hs_play(&r, HS_SMTP, steps, NULL, false);
	assert_int_equal(r.peer_status, 0);
	assert_int_equal(r.res.outcome, SESS_OUT_OK);
	assert_int_equal(r.res.auth, SESS_AUTH_OK);
	assert_int_equal(r.password_calls, 1);
	assert_true(hs_transcript_has(&r, "AUTH PLAIN <redacted>"));
	assert_false(hs_transcript_has(&r, "AHVzZXIAc2VjcmV0"));
	assert_false(hs_transcript_has(&r, "secret"));
	hs_done(&r);
}

static void test_smtp_auth_login_failed(void **state)
{
	(void)state;
	const struct peer_step steps[] = {
	    {PEER_SEND, "220 hi\r\n", 0},
	    {PEER_EXPECT, "EHLO ", 0},
	    {PEER_SEND, "250-x\r\n250 AUTH LOGIN\r\n", 0},
	    {PEER_EXPECT, "AUTH LOGIN\r\n", 0},
	    {PEER_SEND, "334 VXNlcm5hbWU6\r\n", 0},
	    {PEER_EXPECT, "dXNlcg==\r\n", 0},
	    {PEER_SEND, "334 UGFzc3dvcmQ6\r\n", 0},
	    {PEER_EXPECT, "c2VjcmV0\r\n", 0},
	    {PEER_SEND, "535 5.7.8 Error: authentication failed\r\n", 0},
	    {PEER_EXPECT, "QUIT", 0},
	    {PEER_SEND, "221 bye\r\n", 0},
	    {PEER_END, NULL, 0},
	};
	struct hs_run r;
	hs_defaults(&r);
	r.p.user = "user";
	r.p.auth_insecure = true;
	r.password = "secret";
	hs_play(&r, HS_SMTP, steps, NULL, false);
	assert_int_equal(r.peer_status, 0);
	assert_int_equal(r.res.outcome, SESS_OUT_AUTH_FAILED);
	assert_int_equal(r.res.auth, SESS_AUTH_FAILED);
	assert_int_equal(r.res.step, SESS_STEP_AUTH);
	assert_int_equal(r.res.reply_code, 535);
	assert_false(hs_transcript_has(&r, "c2VjcmV0"));
	assert_false(hs_transcript_has(&r, "dXNlcg=="));
	assert_true(hs_transcript_has(&r, "<redacted>"));
	hs_done(&r);
}

static void test_smtp_auth_refused_insecure(void **state)
{
	(void)state;
	const struct peer_step steps[] = {
	    {PEER_SEND, "220 hi\r\n", 0},  {PEER_EXPECT, "EHLO ", 0},
	    {PEER_SEND, EHLO_CAPS, 0},	   {PEER_EXPECT, "QUIT", 0},
	    {PEER_SEND, "221 bye\r\n", 0}, {PEER_END, NULL, 0},
	};
	struct hs_run r;
	hs_defaults(&r);
	r.p.user = "user";
	r.password = "secret";
	hs_play(&r, HS_SMTP, steps, NULL, false);
	assert_int_equal(r.peer_status, 0);
	assert_int_equal(r.res.outcome, SESS_OUT_OK);
	assert_int_equal(r.res.auth, SESS_AUTH_INSECURE);
	assert_int_equal(r.password_calls, 0);
	hs_done(&r);
}

/* A user name over 500 bytes is never sent (nor the password asked),
 * even where the command would still fit the line: a local error. */
static void test_smtp_auth_user_too_long(void **state)
{
	(void)state;
	const struct peer_step steps[] = {
	    {PEER_SEND, "220 hi\r\n", 0},  {PEER_EXPECT, "EHLO ", 0},
	    {PEER_SEND, EHLO_CAPS, 0},	   {PEER_EXPECT, "QUIT", 0},
	    {PEER_SEND, "221 bye\r\n", 0}, {PEER_END, NULL, 0},
	};
	char user[602];
	memset(user, 'u', sizeof user - 1);
	user[sizeof user - 1] = '\0';
	struct hs_run r;
	hs_defaults(&r);
	r.p.user = user;
	r.p.auth_insecure = true;
	r.password = "secret";
	hs_play(&r, HS_SMTP, steps, NULL, false);
	assert_int_equal(r.peer_status, 0);
	assert_int_equal(r.res.outcome, SESS_OUT_ERROR);
	assert_string_equal(r.res.detail,
			    "a command would be too long: not sent");
	assert_int_equal(r.password_calls, 0);
	assert_false(hs_transcript_has(&r, "<redacted>")); /* no AUTH line */
	hs_done(&r);
}

static void test_smtp_dryrun_sender_rejected(void **state)
{
	(void)state;
	const struct peer_step steps[] = {
	    {PEER_SEND, "220 hi\r\n", 0},
	    {PEER_EXPECT, "EHLO ", 0},
	    {PEER_SEND, EHLO_CAPS, 0},
	    {PEER_EXPECT, "MAIL FROM:<kazuko@shirao.example>\r\n", 0},
	    {PEER_SEND, "250 2.1.0 Ok\r\n", 0},
	    {PEER_EXPECT, "RCPT TO:<ichiro@shirao.example>\r\n", 0},
	    {PEER_SEND, "550 5.7.1 Sender rejected\r\n", 0},
	    {PEER_EXPECT, "RSET\r\n", 0},
	    {PEER_SEND, "250 2.0.0 Ok\r\n", 0},
	    {PEER_EXPECT, "QUIT\r\n", 0},
	    {PEER_SEND, "221 bye\r\n", 0},
	    {PEER_END, NULL, 0},
	};
	struct hs_run r;
	hs_defaults(&r);
	r.p.mail_from = "kazuko@shirao.example";
	r.p.rcpt_to = "ichiro@shirao.example";
	hs_play(&r, HS_SMTP, steps, NULL, false);
	assert_int_equal(r.peer_status, 0);
	assert_int_equal(r.res.outcome, SESS_OUT_REJECTED);
	assert_int_equal(r.res.step, SESS_STEP_DRYRUN);
	assert_int_equal(r.res.reply_code, 550);
	assert_string_equal(r.res.reply, "550 5.7.1 Sender rejected");
	assert_false(hs_transcript_has(&r, "DATA"));
	hs_done(&r);
}

static void test_smtp_dryrun_accepted(void **state)
{
	(void)state;
	const struct peer_step steps[] = {
	    {PEER_SEND, "220 hi\r\n", 0},
	    {PEER_EXPECT, "EHLO ", 0},
	    {PEER_SEND, EHLO_CAPS, 0},
	    {PEER_EXPECT, "MAIL FROM:<a@b.example>\r\n", 0},
	    {PEER_SEND, "250 2.1.0 Ok\r\n", 0},
	    {PEER_EXPECT, "RCPT TO:<c@d.example>\r\n", 0},
	    {PEER_SEND, "250 2.1.5 Ok\r\n", 0},
	    {PEER_EXPECT, "RSET\r\n", 0},
	    {PEER_SEND, "250 2.0.0 Ok\r\n", 0},
	    {PEER_EXPECT, "QUIT\r\n", 0},
	    {PEER_SEND, "221 bye\r\n", 0},
	    {PEER_END, NULL, 0},
	};
	struct hs_run r;
	hs_defaults(&r);
	r.p.mail_from = "a@b.example";
	r.p.rcpt_to = "c@d.example";
	hs_play(&r, HS_SMTP, steps, NULL, false);
	assert_int_equal(r.peer_status, 0);
	assert_int_equal(r.res.outcome, SESS_OUT_OK);
	assert_int_equal(r.res.reply_code, 250);
	assert_true(r.res.step_ms[SESS_STEP_DRYRUN] > 0);
	hs_done(&r);
}

/* An address carrying CR LF (from prefs.js or --from) never reaches the
 * server: the peer's next line must be the QUIT maildoctor sends when it
 * refuses, not an injected command. */
static void test_smtp_dryrun_crlf_refused(void **state)
{
	(void)state;
	static const char *const bad[] = {"a@b.example\r\nQUIT",
					  "a@b.example\nRSET", "a@b\r.example"};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		const struct peer_step steps[] = {
		    {PEER_SEND, "220 hi\r\n", 0},  {PEER_EXPECT, "EHLO ", 0},
		    {PEER_SEND, EHLO_CAPS, 0},	   {PEER_EXPECT, "QUIT\r\n", 0},
		    {PEER_SEND, "221 bye\r\n", 0}, {PEER_END, NULL, 0},
		};
		struct hs_run r;
		hs_defaults(&r);
		r.p.mail_from = bad[i];
		r.p.rcpt_to = "c@d.example";
		hs_play(&r, HS_SMTP, steps, NULL, false);
		assert_int_equal(r.peer_status, 0);
		assert_int_equal(r.res.outcome, SESS_OUT_ERROR);
		assert_false(hs_transcript_has(&r, "MAIL FROM"));
		hs_done(&r);
	}
	/* the same for the recipient, after an accepted MAIL FROM */
	const struct peer_step steps[] = {
	    {PEER_SEND, "220 hi\r\n", 0},
	    {PEER_EXPECT, "EHLO ", 0},
	    {PEER_SEND, EHLO_CAPS, 0},
	    {PEER_EXPECT, "MAIL FROM:<a@b.example>\r\n", 0},
	    {PEER_SEND, "250 2.1.0 Ok\r\n", 0},
	    {PEER_EXPECT, "QUIT\r\n", 0},
	    {PEER_SEND, "221 bye\r\n", 0},
	    {PEER_END, NULL, 0},
	};
	struct hs_run r;
	hs_defaults(&r);
	r.p.mail_from = "a@b.example";
	r.p.rcpt_to = "c@d.example\r\nDATA";
	hs_play(&r, HS_SMTP, steps, NULL, false);
	assert_int_equal(r.peer_status, 0);
	assert_int_equal(r.res.outcome, SESS_OUT_ERROR);
	hs_done(&r);
}

static void test_smtp_malformed_greeting(void **state)
{
	(void)state;
	const struct peer_step steps[] = {
	    {PEER_SEND, "hello there\r\n", 0},
	    {PEER_EXPECT, "QUIT", 0},
	    {PEER_END, NULL, 0},
	};
	struct hs_run r;
	hs_defaults(&r);
	hs_play(&r, HS_SMTP, steps, NULL, false);
	assert_int_equal(r.res.outcome, SESS_OUT_PROTOCOL_ERROR);
	assert_int_equal(r.res.step, SESS_STEP_GREETING);
	hs_done(&r);
}

static void test_smtp_silent_times_out(void **state)
{
	(void)state;
	const struct peer_step steps[] = {
	    {PEER_SLEEP, NULL, 600},
	    {PEER_CLOSE, NULL, 0},
	};
	struct hs_run r;
	hs_defaults(&r);
	r.p.reply_timeout_ms = 200;
	hs_play(&r, HS_SMTP, steps, NULL, false);
	assert_int_equal(r.res.outcome, SESS_OUT_TIMEOUT);
	assert_int_equal(r.res.step, SESS_STEP_GREETING);
	hs_done(&r);
}

static void test_smtp_drip_times_out(void **state)
{
	(void)state;
	const struct peer_step steps[] = {
	    {PEER_SEND, "2", 0},   {PEER_SLEEP, NULL, 150},
	    {PEER_SEND, "2", 0},   {PEER_SLEEP, NULL, 150},
	    {PEER_SEND, "0", 0},   {PEER_SLEEP, NULL, 150},
	    {PEER_SEND, " ", 0},   {PEER_SLEEP, NULL, 150},
	    {PEER_CLOSE, NULL, 0},
	};
	struct hs_run r;
	hs_defaults(&r);
	r.p.reply_timeout_ms = 300;
	hs_play(&r, HS_SMTP, steps, NULL, false);
	assert_int_equal(r.res.outcome, SESS_OUT_TIMEOUT);
	hs_done(&r);
}

static void test_smtp_endless_line(void **state)
{
	(void)state;
	const struct peer_step steps[] = {
	    {PEER_SEND, "220 ", 0},
	    {PEER_FLOOD, "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
	     200},
	    {PEER_CLOSE, NULL, 0},
	};
	struct hs_run r;
	hs_defaults(&r);
	hs_play(&r, HS_SMTP, steps, NULL, false);
	assert_int_equal(r.res.outcome, SESS_OUT_PROTOCOL_ERROR);
	assert_string_equal(r.res.detail, "line too long");
	hs_done(&r);
}

static void test_smtp_flood_reply(void **state)
{
	(void)state;
	const struct peer_step steps[] = {
	    {PEER_FLOOD, "220-flood flood flood flood flood flood\r\n", 4000},
	    {PEER_CLOSE, NULL, 0},
	};
	struct hs_run r;
	hs_defaults(&r);
	hs_play(&r, HS_SMTP, steps, NULL, false);
	assert_int_equal(r.res.outcome, SESS_OUT_PROTOCOL_ERROR);
	assert_string_equal(r.res.detail, "reply too large");
	hs_done(&r);
}

static void test_smtp_closed_early(void **state)
{
	(void)state;
	const struct peer_step steps[] = {
	    {PEER_SEND, "220 hi\r\n", 0},
	    {PEER_EXPECT, "EHLO", 0},
	    {PEER_CLOSE, NULL, 0},
	};
	struct hs_run r;
	hs_defaults(&r);
	hs_play(&r, HS_SMTP, steps, NULL, false);
	assert_int_equal(r.res.outcome, SESS_OUT_PROTOCOL_ERROR);
	assert_int_equal(r.res.step, SESS_STEP_CAPS);
	hs_done(&r);
}

static void test_smtp_reset(void **state)
{
	(void)state;
	const struct peer_step steps[] = {
	    {PEER_SEND, "220 hi\r\n", 0},
	    {PEER_EXPECT, "EHLO", 0},
	    {PEER_RESET, NULL, 0},
	};
	struct hs_run r;
	hs_defaults(&r);
	hs_play(&r, HS_SMTP, steps, NULL, true);
	assert_int_equal(r.res.outcome, SESS_OUT_RESET);
	hs_done(&r);
}

static void test_smtp_starttls_required_not_offered(void **state)
{
	(void)state;
	const struct peer_step steps[] = {
	    {PEER_SEND, "220 hi\r\n", 0},  {PEER_EXPECT, "EHLO ", 0},
	    {PEER_SEND, EHLO_CAPS, 0},	   {PEER_EXPECT, "QUIT", 0},
	    {PEER_SEND, "221 bye\r\n", 0}, {PEER_END, NULL, 0},
	};
	struct hs_run r;
	hs_defaults(&r);
	r.p.security = SESS_SEC_STARTTLS;
	hs_play(&r, HS_SMTP, steps, NULL, false);
	assert_int_equal(r.res.outcome, SESS_OUT_TLS_FAILED);
	assert_int_equal(r.res.tls.failure, TLS_FAIL_NOT_OFFERED);
	hs_done(&r);
}

static void test_smtp_reply_code_table(void **state)
{
	(void)state;
	static const struct {
		const char *text;
		int code;
	} cases[] = {
	    {"250 ok", 250},
	    {"250", 250},
	    {"250-a\n250 b", 250},
	    {"250-a\n250-b\n250 c", 250},
	    {"220-a\n250 b", -1}, /* codes differ */
	    {"250-a", -1},	  /* never ends */
	    {"250 a\n250 b", -1}, /* a line after the last */
	    {"25", -1},
	    {"", -1},
	    {"abc ok", -1},
	    {"250xok", -1},
	    {"999 x", -1},
	    {"100 x", -1},
	    {"250-\n250 ", 250},
	    {"2 0 x", -1},
	    {"\n", -1},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		int c = smtp_reply_code(cases[i].text, strlen(cases[i].text));
		if (c != cases[i].code)
			fail_msg("\"%s\": got %d, want %d", cases[i].text, c,
				 cases[i].code);
	}
	assert_true(smtp_is_last_line("250 x", 5));
	assert_false(smtp_is_last_line("250-x", 5));
	assert_true(smtp_is_last_line("25", 2));
	assert_true(smtp_is_last_line("abc-x", 5));
}

static void test_smtp_ehlo_parse(void **state)
{
	(void)state;
	struct sess_result r;
	sess_result_init(&r, 0);
	const char *t =
	    "250-host\n250-AUTH=LOGIN\n250-AUTH PLAIN  CRAM-MD5\n"
	    "250-SIZE\n250-STARTTLS\n250-\n250 size 99999999999999999999";
	smtp_parse_ehlo(&r, t, strlen(t));
	assert_true(sess_has_mech(&r, "LOGIN"));
	assert_true(sess_has_mech(&r, "PLAIN"));
	assert_true(sess_has_mech(&r, "CRAM-MD5"));
	assert_int_equal(r.n_mechs, 3);
	assert_true(r.starttls_offered);
	/* 20 digits: held at the first value past 4e11 (12 nines), never a
	 * wrapped one */
	assert_true(r.size_limit == 999999999999ull);
	sess_result_done(&r);
}

int main(void)
{
	struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_smtp_capabilities),
	    cmocka_unit_test(test_smtp_helo_fallback),
	    cmocka_unit_test(test_smtp_greeting_refused),
	    cmocka_unit_test(test_smtp_auth_plain_ok),
	    cmocka_unit_test(test_smtp_auth_login_failed),
	    cmocka_unit_test(test_smtp_auth_refused_insecure),
	    cmocka_unit_test(test_smtp_auth_user_too_long),
	    cmocka_unit_test(test_smtp_dryrun_sender_rejected),
	    cmocka_unit_test(test_smtp_dryrun_accepted),
	    cmocka_unit_test(test_smtp_dryrun_crlf_refused),
	    cmocka_unit_test(test_smtp_malformed_greeting),
	    cmocka_unit_test(test_smtp_silent_times_out),
	    cmocka_unit_test(test_smtp_drip_times_out),
	    cmocka_unit_test(test_smtp_endless_line),
	    cmocka_unit_test(test_smtp_flood_reply),
	    cmocka_unit_test(test_smtp_closed_early),
	    cmocka_unit_test(test_smtp_reset),
	    cmocka_unit_test(test_smtp_starttls_required_not_offered),
	    cmocka_unit_test(test_smtp_reply_code_table),
	    cmocka_unit_test(test_smtp_ehlo_parse),
	};
	/* test_smtp_reset needs a TCP reset from the peer; under wine a close
	 * after SO_LINGER 0 is a plain FIN (Windows itself resets) */
	static const char *const needs_reset[] = {"test_smtp_reset", NULL};
	size_t n = sizeof tests / sizeof tests[0];
	if (!ho_close_resets())
		n = ho_leave_out(tests, n, needs_reset,
				 "wine sends no TCP reset");
	return _cmocka_run_group_tests("tests", tests, n, NULL, NULL);
}
