/* test_probe.c — whole probes on loopback: one row per address (localhost
 * gives IPv4 and IPv6 rows), ok / refused / filtered (a listener whose
 * queue is full drops SYNs, so the connect times out), the family filter,
 * the events in order, cancelling, and the whole-row deadline (mid-dialogue:
 * a timeout; while only the goodbye is awaited: the outcome stays). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "core/proto/probe.h"
#include "tests/unit/helper_os.h"
#include "tests/unit/helper_peer.h"

#include <stdio.h>
#include <string.h>

struct evlog {
	char kinds[64];
	int n;
	bool done;
};

static void on_event(struct probe *pr, const struct probe_event *ev, void *ud)
{
	struct evlog *l = ud;
	(void)pr;
	static const char k[] = "RSDF";
	if (l->n < 63)
		l->kinds[l->n++] = k[ev->kind];
	if (ev->kind == PROBE_EV_DONE)
		l->done = true;
}

static struct probe *run(struct loop *loop, struct dns *dns, const char *host,
			 int port, enum probe_family fam, uint64_t timeout,
			 struct evlog *l)
{
	struct probe_params p = {.host = host,
				 .port = port,
				 .proto = ACCT_PROTO_SMTP,
				 .security = SESS_SEC_PLAIN,
				 .family = fam,
				 .dns = dns,
				 .timeout_ms = timeout,
				 .keep_transcript = true};
	struct md_err err;
	memset(l, 0, sizeof *l);
	struct probe *pr = probe_start(loop, &p, on_event, l, &err);
	assert_non_null(pr);
	uint64_t t0 = loop_clock_ms();
	while (!l->done && loop_clock_ms() - t0 < 5000)
		loop_run_once(loop, 50, &err);
	assert_true(l->done);
	return pr;
}

static void test_probe_ok_and_refused(void **state)
{
	(void)state;
	struct loop *loop = loop_new();
	struct evlog l;
	int port;
	int lfd = peer_listen(false, &port);
	struct ho_task *pid = peer_spawn_listen(lfd, peer_smtp_ok, NULL);
	struct probe *pr =
	    run(loop, NULL, "127.0.0.1", port, PROBE_FAMILY_ANY, 2000, &l);
	assert_int_equal(peer_wait(pid), 0);
	assert_int_equal(probe_n_rows(pr), 1);
	const struct probe_row *r = probe_row(pr, 0);
	assert_int_equal(r->res.outcome, SESS_OUT_OK);
	assert_int_equal(r->family, 4);
	assert_string_equal(r->address, "127.0.0.1");
	assert_int_equal(r->res.size_limit, 1000);
	assert_true(r->res.step_ms[SESS_STEP_CONNECT] > 0);
	assert_true(r->ts.n > 4);
	assert_int_equal(l.kinds[0], 'R');
	assert_int_equal(l.kinds[l.n - 1], 'F');
	assert_int_equal(l.kinds[l.n - 2], 'D');
	probe_free(pr);

	/* The port is closed now: refused. */
	pr = run(loop, NULL, "127.0.0.1", port, PROBE_FAMILY_ANY, 2000, &l);
	assert_int_equal(probe_row(pr, 0)->res.outcome, SESS_OUT_REFUSED);
	assert_int_equal(probe_row(pr, 0)->res.step, SESS_STEP_CONNECT);
	probe_free(pr);
	loop_free(loop);
}

static void test_probe_filtered_times_out(void **state)
{
	(void)state;
	struct loop *loop = loop_new();
	struct evlog l;
	int port;
	int lfd = peer_listen(false, &port);
	assert_int_equal(listen(lfd, 0), 0);
	/* Fill the accept queue so that further SYNs are dropped. */
	int fill[3];
	struct sockaddr_in a = {.sin_family = AF_INET,
				.sin_port = htons((uint16_t)port)};
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	for (int i = 0; i < 3; i++) {
		fill[i] = (int)socket(AF_INET, SOCK_STREAM, 0);
		ho_nonblock(fill[i]);
		connect(fill[i], (struct sockaddr *)&a, sizeof a);
	}
	ho_sleep_ms(50);
	uint64_t t0 = loop_clock_ms();
	struct probe *pr =
	    run(loop, NULL, "127.0.0.1", port, PROBE_FAMILY_ANY, 300, &l);
	uint64_t took = loop_clock_ms() - t0;
	assert_int_equal(probe_row(pr, 0)->res.outcome, SESS_OUT_TIMEOUT);
	assert_true(took >= 300 && took < 1500);
	probe_free(pr);
	for (int i = 0; i < 3; i++)
		ho_close(fill[i]);
	ho_close(lfd);
	loop_free(loop);
}

static void test_probe_rows_per_family(void **state)
{
	(void)state;
	struct loop *loop = loop_new();
	struct md_err err;
	struct dns *dns = dns_new(loop, NULL, 0, &err);
	assert_non_null(dns);
	struct evlog l;
	/* Port 9 on loopback: nothing listens (refused) on both families. */
	struct probe *pr =
	    run(loop, dns, "localhost", 9, PROBE_FAMILY_ANY, 1000, &l);
	size_t n = probe_n_rows(pr);
	assert_true(n >= 1);
	bool v4 = false;
	for (size_t i = 0; i < n; i++) {
		const struct probe_row *r = probe_row(pr, i);
		v4 |= r->family == 4;
		assert_int_equal(r->res.outcome, SESS_OUT_REFUSED);
	}
	assert_true(v4);
	probe_free(pr);

	pr = run(loop, dns, "127.0.0.1", 9, PROBE_FAMILY_V6, 1000, &l);
	assert_int_equal(probe_n_rows(pr), 1);
	assert_int_equal(probe_row(pr, 0)->res.outcome, SESS_OUT_NOT_FOUND);
	probe_free(pr);
	dns_free(dns);
	loop_free(loop);
}

static void test_probe_cancel(void **state)
{
	(void)state;
	struct loop *loop = loop_new();
	struct probe_params p = {
	    .host = "127.0.0.1", .port = 9, .security = SESS_SEC_PLAIN};
	struct md_err err;
	struct evlog l = {0};
	struct probe *pr = probe_start(loop, &p, on_event, &l, &err);
	assert_non_null(pr);
	probe_cancel(pr);
	probe_free(pr);
	assert_true(loop_idle(loop));
	assert_int_equal(l.n, 0);
	p.port = 0;
	assert_null(probe_start(loop, &p, on_event, &l, &err));
	assert_int_equal(err.code, MD_ERR_USAGE);
	loop_free(loop);
}

/* A dry run against peer steps with a long per-reply timeout and a short
 * whole-row deadline, so that only the deadline can end it. */
static struct probe *run_deadline(struct loop *loop,
				  const struct peer_step *steps,
				  struct ho_task **pid, struct evlog *l)
{
	int port;
	int lfd = peer_listen(false, &port);
	assert_true(lfd >= 0);
	*pid = peer_spawn_listen(lfd, steps, NULL);
	struct probe_params p = {.host = "127.0.0.1",
				 .port = port,
				 .proto = ACCT_PROTO_SMTP,
				 .security = SESS_SEC_PLAIN,
				 .timeout_ms = 10000,
				 .deadline_ms = 400,
				 .mail_from = "a@example.org",
				 .rcpt_to = "b@example.org",
				 .keep_transcript = true};
	struct md_err err;
	memset(l, 0, sizeof *l);
	struct probe *pr = probe_start(loop, &p, on_event, l, &err);
	assert_non_null(pr);
	uint64_t t0 = loop_clock_ms();
	while (!l->done && loop_clock_ms() - t0 < 5000)
		loop_run_once(loop, 50, &err);
	assert_true(l->done);
	return pr;
}

/* The server stops answering in the middle of the dialogue: the deadline
 * ends the row as a timeout at the step it was in. */
static void test_probe_deadline_mid_dialogue(void **state)
{
	(void)state;
	static const struct peer_step steps[] = {
	    {PEER_SEND, "220 ok\r\n", 0}, {PEER_EXPECT, "EHLO ", 0},
	    {PEER_SEND, "250 hi\r\n", 0}, {PEER_EXPECT, "MAIL FROM:", 0},
	    {PEER_SLEEP, NULL, 1500},	  {PEER_END, NULL, 0},
	};
	struct loop *loop = loop_new();
	struct evlog l;
	struct ho_task *pid;
	struct probe *pr = run_deadline(loop, steps, &pid, &l);
	const struct probe_row *r = probe_row(pr, 0);
	assert_int_equal(r->res.outcome, SESS_OUT_TIMEOUT);
	assert_int_equal(r->res.step, SESS_STEP_DRYRUN);
	assert_string_equal(r->res.detail, "the probe took too long");
	probe_free(pr);
	assert_int_equal(peer_wait(pid), 0);
	loop_free(loop);
}

/* The server refused the recipient and then never answers QUIT: the
 * deadline ends the row, and the refusal is what it reports (a failure
 * while saying goodbye changes nothing, as in smtp.c). */
static void test_probe_deadline_keeps_outcome(void **state)
{
	(void)state;
	static const struct peer_step steps[] = {
	    {PEER_SEND, "220 ok\r\n", 0},
	    {PEER_EXPECT, "EHLO ", 0},
	    {PEER_SEND, "250 hi\r\n", 0},
	    {PEER_EXPECT, "MAIL FROM:", 0},
	    {PEER_SEND, "250 ok\r\n", 0},
	    {PEER_EXPECT, "RCPT TO:", 0},
	    {PEER_SEND, "550 5.7.1 Relaying denied\r\n", 0},
	    {PEER_EXPECT, "RSET", 0},
	    {PEER_SEND, "250 ok\r\n", 0},
	    {PEER_EXPECT, "QUIT", 0},
	    {PEER_SLEEP, NULL, 1500},
	    {PEER_END, NULL, 0},
	};
	struct loop *loop = loop_new();
	struct evlog l;
	struct ho_task *pid;
	struct probe *pr = run_deadline(loop, steps, &pid, &l);
	const struct probe_row *r = probe_row(pr, 0);
	assert_int_equal(r->res.outcome, SESS_OUT_REJECTED);
	assert_int_equal(r->res.step, SESS_STEP_DRYRUN);
	assert_int_equal(r->res.reply_code, 550);
	assert_string_equal(r->res.detail, "recipient refused");
	probe_free(pr);
	assert_int_equal(peer_wait(pid), 0);

	/* All went well and only the reply to QUIT is late: still ok. */
	static const struct peer_step quiet_bye[] = {
	    {PEER_SEND, "220 ok\r\n", 0}, {PEER_EXPECT, "EHLO ", 0},
	    {PEER_SEND, "250 hi\r\n", 0}, {PEER_EXPECT, "MAIL FROM:", 0},
	    {PEER_SEND, "250 ok\r\n", 0}, {PEER_EXPECT, "RCPT TO:", 0},
	    {PEER_SEND, "250 ok\r\n", 0}, {PEER_EXPECT, "RSET", 0},
	    {PEER_SEND, "250 ok\r\n", 0}, {PEER_EXPECT, "QUIT", 0},
	    {PEER_SLEEP, NULL, 1500},	  {PEER_END, NULL, 0},
	};
	pr = run_deadline(loop, quiet_bye, &pid, &l);
	r = probe_row(pr, 0);
	assert_int_equal(r->res.outcome, SESS_OUT_OK);
	assert_int_equal(r->res.reply_code, 250);
	assert_true(r->res.step_ms[SESS_STEP_DRYRUN] > 0);
	probe_free(pr);
	assert_int_equal(peer_wait(pid), 0);
	loop_free(loop);
}

static void test_probe_port_defaults(void **state)
{
	(void)state;
	assert_int_equal(probe_port_proto(993), ACCT_PROTO_IMAP);
	assert_int_equal(probe_port_proto(110), ACCT_PROTO_POP3);
	assert_int_equal(probe_port_proto(587), ACCT_PROTO_SMTP);
	assert_int_equal(probe_port_security(465), SESS_SEC_TLS);
	assert_int_equal(probe_port_security(587), SESS_SEC_STARTTLS);
	assert_int_equal(probe_port_security(25), SESS_SEC_AUTO);
}

int main(void)
{
	ho_net_init();
	struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_probe_ok_and_refused),
	    cmocka_unit_test(test_probe_filtered_times_out),
	    cmocka_unit_test(test_probe_rows_per_family),
	    cmocka_unit_test(test_probe_cancel),
	    cmocka_unit_test(test_probe_port_defaults),
	    cmocka_unit_test(test_probe_deadline_mid_dialogue),
	    cmocka_unit_test(test_probe_deadline_keeps_outcome),
	};
	/* test_probe_filtered_times_out needs Linux's listen queue, which
	 * drops the SYNs beyond it (a filtered port); Windows answers them
	 * with a reset (a refused one). */
	static const char *const posix_only[] = {
	    "test_probe_filtered_times_out", NULL};
	return HO_RUN_TESTS(tests, posix_only, NULL, NULL);
}
