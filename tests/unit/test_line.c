/* test_line.c — the shared reply engine over socketpair(): framing across
 * reads, multi-line and pipelined replies, caps, the per-reply timer, large
 * sends that do not block, freeing from inside a callback; and the
 * transcript's redaction on a table of commands. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "core/net/line.h"
#include "core/proto/smtp.h"
#include "tests/unit/helper_os.h"
#include "tests/unit/helper_peer.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct rec {
	struct line *line;
	char replies[8][256];
	int n_replies;
	int fails;
	enum line_fail why;
	bool free_in_callback;
};

static bool smtp_last(void *ud, const char *l, size_t n, size_t i)
{
	(void)ud;
	(void)i;
	return smtp_is_last_line(l, n);
}

static void on_event(void *ud, enum line_event ev)
{
	struct rec *r = ud;
	if (ev == LINE_EV_REPLY) {
		const struct line_reply *rep = line_reply(r->line);
		if (r->n_replies < 8)
			snprintf(r->replies[r->n_replies], 256, "%s|%zu",
				 rep->text, rep->n_lines);
		r->n_replies++;
	} else if (ev == LINE_EV_FAIL) {
		r->fails++;
		r->why = line_failure(r->line);
	}
	if (r->free_in_callback) {
		line_free(r->line);
		r->line = NULL;
	}
}

static const struct line_ops ops = {smtp_last, on_event};

static struct line *make(struct loop *loop, struct rec *r, int *peer,
			 uint64_t timeout_ms, size_t max_line, size_t max_reply)
{
	int sv[2];
	assert_int_equal(ho_sockpair(sv), 0);
	ho_nonblock(sv[0]);
	struct line_params p = {.fd = sv[0],
				.ops = &ops,
				.ud = r,
				.reply_timeout_ms = timeout_ms,
				.max_line = max_line,
				.max_reply = max_reply};
	struct md_err err;
	memset(r, 0, sizeof *r);
	r->line = line_new(loop, &p, &err);
	assert_non_null(r->line);
	*peer = sv[1];
	return r->line;
}

static void spin(struct loop *loop, int ms)
{
	uint64_t t0 = loop_clock_ms();
	struct md_err err;
	while (loop_clock_ms() - t0 < (uint64_t)ms)
		loop_run_once(loop, 10, &err);
}

static void put(int fd, const char *s)
{
	assert_int_equal(ho_write(fd, s, strlen(s)), (long)strlen(s));
}

static void test_line_framing_across_reads(void **state)
{
	(void)state;
	struct loop *loop = loop_new();
	struct rec r;
	int peer;
	make(loop, &r, &peer, 1000, 0, 0);
	line_expect(r.line);
	put(peer, "250-first\r");
	spin(loop, 20);
	assert_int_equal(r.n_replies, 0);
	put(peer, "\n250-sec");
	spin(loop, 20);
	put(peer, "ond\n250 third\r\n220 next\r\n");
	spin(loop, 20);
	assert_int_equal(r.n_replies, 2);
	assert_string_equal(r.replies[0], "250-first\n250-second\n250 third|3");
	assert_string_equal(r.replies[1], "220 next|1");
	line_free(r.line);
	ho_close(peer);
	loop_free(loop);
}

static void test_line_caps(void **state)
{
	(void)state;
	struct loop *loop = loop_new();
	struct rec r;
	int peer;
	make(loop, &r, &peer, 1000, 64, 0);
	line_expect(r.line);
	char big[100];
	memset(big, 'x', sizeof big - 1);
	big[sizeof big - 1] = '\0';
	put(peer, big);
	spin(loop, 30);
	assert_int_equal(r.fails, 1);
	assert_int_equal(r.why, LINE_FAIL_TOO_LONG);
	line_free(r.line);
	ho_close(peer);

	make(loop, &r, &peer, 1000, 0, 100);
	line_expect(r.line);
	for (int i = 0; i < 10; i++)
		put(peer, "250-twenty bytes...\r\n");
	spin(loop, 30);
	assert_int_equal(r.fails, 1);
	assert_int_equal(r.why, LINE_FAIL_TOO_BIG);
	line_free(r.line);
	ho_close(peer);
	loop_free(loop);
}

static void test_line_timeout_per_reply(void **state)
{
	(void)state;
	struct loop *loop = loop_new();
	struct rec r;
	int peer;
	make(loop, &r, &peer, 100, 0, 0);
	assert_int_equal(line_send(r.line, "NOOP", 4), MD_OK);
	assert_int_equal(line_send(r.line, "NOOP", 4), MD_OK);
	put(peer, "250 one\r\n");
	spin(loop, 60);
	assert_int_equal(r.n_replies, 1);
	assert_int_equal(r.fails, 0);
	spin(loop, 150);
	assert_int_equal(r.fails, 1);
	assert_int_equal(r.why, LINE_FAIL_TIMEOUT);
	line_free(r.line);
	ho_close(peer);
	loop_free(loop);
}

static void test_line_large_send_never_blocks(void **state)
{
	(void)state;
	struct loop *loop = loop_new();
	struct rec r;
	int peer;
	make(loop, &r, &peer, 5000, 0, 0);
	char chunk[1001];
	memset(chunk, 'a', 1000);
	chunk[1000] = '\0';
	uint64_t t0 = loop_clock_ms();
	for (int i = 0; i < 500; i++)
		assert_int_equal(line_send(r.line, chunk, 1000), MD_OK);
	assert_true(loop_clock_ms() - t0 < 1000); /* queued, not blocked */
	size_t total = 0;
	char buf[65536];
	ho_nonblock(peer);
	while (total < 500 * 1002 && loop_clock_ms() - t0 < 5000) {
		struct md_err err;
		loop_run_once(loop, 10, &err);
		long n;
		while ((n = ho_read(peer, buf, sizeof buf)) > 0)
			total += (size_t)n;
	}
	assert_int_equal(total, 500 * 1002);
	line_free(r.line);
	ho_close(peer);
	loop_free(loop);
}

static void test_line_free_inside_callback(void **state)
{
	(void)state;
	struct loop *loop = loop_new();
	struct rec r;
	int peer;
	make(loop, &r, &peer, 1000, 0, 0);
	r.free_in_callback = true;
	line_expect(r.line);
	put(peer, "220 a\r\n220 b\r\n220 c\r\n");
	spin(loop, 30);
	assert_int_equal(r.n_replies, 1);
	assert_null(r.line);
	assert_true(loop_idle(loop));
	ho_close(peer);
	loop_free(loop);
}

static void test_line_closed_by_peer(void **state)
{
	(void)state;
	struct loop *loop = loop_new();
	struct rec r;
	int peer;
	make(loop, &r, &peer, 1000, 0, 0);
	line_expect(r.line);
	ho_close(peer);
	spin(loop, 30);
	assert_int_equal(r.fails, 1);
	assert_int_equal(r.why, LINE_FAIL_CLOSED);
	line_free(r.line);
	loop_free(loop);
}

static void test_line_redaction_table(void **state)
{
	(void)state;
	static const struct {
		const char *in;
		bool secret;
		const char *out;
	} cases[] = {
	    {"AUTH PLAIN AHVzZXIAcGFzcw==", false, "AUTH PLAIN <redacted>"},
	    {"AUTH LOGIN", false, "AUTH LOGIN"},
	    {"AUTH LOGIN dXNlcg==", false, "AUTH LOGIN <redacted>"},
	    {"auth plain x", false, "auth plain <redacted>"},
	    {"dXNlcg==", true, "<redacted>"},
	    {"PASS hunter2", false, "PASS <redacted>"},
	    {"pass", false, "pass <redacted>"},
	    {"APOP u d41d8cd9", false, "APOP <redacted>"},
	    {"a1 LOGIN \"u\" \"p\"", false, "a1 LOGIN <redacted>"},
	    {"a1 login u p", false, "a1 login <redacted>"},
	    {"a2 AUTHENTICATE PLAIN AHU=", false,
	     "a2 AUTHENTICATE PLAIN <redacted>"},
	    {"a2 AUTHENTICATE PLAIN", false, "a2 AUTHENTICATE PLAIN"},
	    {"EHLO [192.0.2.1]", false, "EHLO [192.0.2.1]"},
	    {"MAIL FROM:<a@b>", false, "MAIL FROM:<a@b>"},
	    {"", false, ""},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char out[256];
		transcript_redact(cases[i].in, strlen(cases[i].in),
				  cases[i].secret, out, sizeof out);
		assert_string_equal(out, cases[i].out);
	}
	struct transcript t;
	transcript_init(&t, 0);
	t.secret = true;
	transcript_add(&t, 5, TRANSCRIPT_SENT, "c2VjcmV0", 8);
	t.secret = false;
	transcript_add(&t, 6, TRANSCRIPT_RECV, "235 ok\x01", 7);
	assert_string_equal(t.lines[0].text, "<redacted>");
	assert_string_equal(t.lines[1].text, "235 ok\\x01");
	for (int i = 0; i < TRANSCRIPT_MAX_LINES + 10; i++)
		transcript_add(&t, 7, TRANSCRIPT_RECV, "x", 1);
	assert_int_equal(t.n, TRANSCRIPT_MAX_LINES);
	assert_int_equal(t.dropped, 12);
	transcript_done(&t);
}

int main(void)
{
	ho_net_init();
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_line_framing_across_reads),
	    cmocka_unit_test(test_line_caps),
	    cmocka_unit_test(test_line_timeout_per_reply),
	    cmocka_unit_test(test_line_large_send_never_blocks),
	    cmocka_unit_test(test_line_free_inside_callback),
	    cmocka_unit_test(test_line_closed_by_peer),
	    cmocka_unit_test(test_line_redaction_table),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
