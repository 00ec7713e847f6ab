/* test_check_targets.c — a check of the endpoints a person named (`probe`:
 * check_params.targets) on loopback: each target is probed as named (the
 * same endpoint twice gives two rows, "STARTTLS when offered" stays so),
 * the login and dry run of the parameters reach an SMTP endpoint, -6 keeps
 * the IPv6 addresses only, each row's whole session result is there
 * (check_result()), and no DNS question, discovery or finding is made. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "core/check/check.h"
#include "core/net/loop.h"
#include "core/proto/session.h"
#include "tests/unit/helper_os.h"
#include "tests/unit/helper_peer.h"

#include <stdio.h>
#include <string.h>

/* base64("\0bob\0secret") */
static const struct peer_step smtp_login[] = {
    {PEER_SEND, "220 hi\r\n", 0},
    {PEER_EXPECT, "EHLO ", 0},
    {PEER_SEND, "250-hi\r\n250 AUTH PLAIN\r\n", 0},
    {PEER_EXPECT, "AUTH PLAIN AGJvYgBzZWNyZXQ=\r\n", 0},
    {PEER_SEND, "235 2.7.0 ok\r\n", 0},
    {PEER_EXPECT, "MAIL FROM:<a@b.example>\r\n", 0},
    {PEER_SEND, "250 ok\r\n", 0},
    {PEER_EXPECT, "RCPT TO:<c@d.example>\r\n", 0},
    {PEER_SEND, "550 5.7.1 Sender rejected\r\n", 0},
    {PEER_EXPECT, "RSET\r\n", 0},
    {PEER_SEND, "250 ok\r\n", 0},
    {PEER_EXPECT, "QUIT", 0},
    {PEER_SEND, "221 bye\r\n", 0},
    {PEER_END, NULL, 0},
};

static int give_password(void *ud, const char *user, char *buf, size_t size)
{
	int *calls = ud;
	(*calls)++;
	assert_string_equal(user, "bob");
	return snprintf(buf, size, "secret");
}

struct ended {
	bool done, findings_at_done;
};

static void on_event(struct check *c, const struct check_event *ev, void *ud)
{
	struct ended *e = ud;
	assert_true(ev->kind != CHECK_EV_VERDICT); /* no findings to give */
	if (ev->kind == CHECK_EV_DONE) {
		e->done = true;
		e->findings_at_done = check_findings(c)->n > 0;
	}
}

/* Run c to its end on loop (8 s at most). */
static void run_to_end(struct check *c, struct loop *loop)
{
	struct ended e = {0};
	struct md_err err;
	assert_int_equal(check_start(c, loop, on_event, &e, &err), MD_OK);
	for (int i = 0; i < 160 && !e.done; i++)
		assert_int_equal(loop_run_once(loop, 50, &err), MD_OK);
	assert_true(e.done);
	assert_false(e.findings_at_done);
}

/* The login and dry run of the parameters on the SMTP endpoint; the same
 * closed endpoint named twice is two rows, probed as asked. */
static void test_targets_as_named(void **state)
{
	(void)state;
	int port, calls = 0;
	int lfd = peer_listen(false, &port);
	assert_true(lfd >= 0);
	struct ho_task *peer = peer_spawn_listen(lfd, smtp_login, NULL);
	assert_non_null(peer);
	int shut = peer_closed_port();
	const struct check_target t[] = {
	    {"127.0.0.1", port, ACCT_PROTO_SMTP, ACCT_SEC_STARTTLS_TRY},
	    {"127.0.0.1", shut, ACCT_PROTO_IMAP, ACCT_SEC_PLAIN},
	    {"127.0.0.1", shut, ACCT_PROTO_IMAP, ACCT_SEC_PLAIN},
	};
	struct check_params p = {.targets = t,
				 .n_targets = 3,
				 .timeout_ms = 3000,
				 .auth_plaintext = true,
				 .password = give_password,
				 .password_ud = &calls,
				 .user = "bob",
				 .mail_from = "a@b.example",
				 .rcpt_to = "c@d.example"};
	struct md_err err;
	struct loop *loop = loop_new();
	struct check *c = check_new(&p, &err);
	assert_non_null(c);
	run_to_end(c, loop);
	size_t n;
	const struct check_row *rows = check_rows(c, &n);
	assert_int_equal(n, 3);
	assert_int_equal(rows[0].port, port);
	assert_int_equal(rows[0].security, ACCT_SEC_STARTTLS_TRY);
	assert_int_equal(rows[0].outcome, MD_OUT_REJECTED);
	const struct sess_result *r = check_result(c, 0);
	assert_non_null(r);
	assert_int_equal(r->auth, SESS_AUTH_OK);
	assert_int_equal(r->reply_code, 550);
	assert_int_equal(r->security, SESS_SEC_PLAIN); /* none offered */
	assert_int_equal(calls, 1);
	for (size_t i = 1; i < 3; i++) {
		assert_int_equal(rows[i].port, shut);
		assert_int_equal(rows[i].proto, ACCT_PROTO_IMAP);
		assert_int_equal(rows[i].outcome, MD_OUT_REFUSED);
		assert_int_equal(check_result(c, i)->auth, SESS_AUTH_NONE);
	}
	assert_null(check_result(c, 3));
	assert_null(check_egress(c, 4)); /* no DNS question was asked */
	assert_int_equal(check_findings(c)->n, 0);
	check_free(c);
	loop_free(loop);
	assert_int_equal(peer_wait(peer), 0);
}

/* family 6 on an IPv4 literal: one row, "no IPv6 address", never
 * connected. */
static void test_targets_family(void **state)
{
	(void)state;
	const struct check_target t[] = {
	    {"127.0.0.1", peer_closed_port(), ACCT_PROTO_SMTP, ACCT_SEC_TLS},
	};
	struct check_params p = {
	    .targets = t, .n_targets = 1, .timeout_ms = 2000, .family = 6};
	struct md_err err;
	struct loop *loop = loop_new();
	struct check *c = check_new(&p, &err);
	assert_non_null(c);
	run_to_end(c, loop);
	size_t n;
	const struct check_row *rows = check_rows(c, &n);
	assert_int_equal(n, 1);
	assert_int_equal(rows[0].outcome, MD_OUT_NOT_FOUND);
	assert_null(rows[0].address);
	const struct sess_result *r = check_result(c, 0);
	assert_non_null(r);
	assert_int_equal(r->step, SESS_STEP_RESOLVE);
	assert_string_equal(r->detail, "the name has no IPv6 address");
	check_free(c);
	loop_free(loop);
}

int main(void)
{
	ho_net_init();
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_targets_as_named),
	    cmocka_unit_test(test_targets_family),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
