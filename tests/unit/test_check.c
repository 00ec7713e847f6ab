/* test_check.c — a whole check on loopback: the verdict does not wait for
 * probes it does not depend on. The identity's outgoing server answers at
 * once; another server of the profile (a replacement candidate, so probed
 * too) is a scripted peer that says nothing for seconds. The verdict comes
 * while that row still runs, and the findings at the end are the same;
 * with wait_all (the old way) the findings wait for it. Ordering and
 * state are asserted, never wall time. The name server is a closed port
 * on loopback: nothing leaves this computer. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "clientcfg/tb/tb_accounts.h"
#include "core/check/check.h"
#include "core/net/loop.h"
#include "tests/unit/helper_diag.h"
#include "tests/unit/helper_peer.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const struct peer_step smtp_ok[] = {
	{PEER_SEND, "220 ok\r\n", 0},
	{PEER_EXPECT, "EHLO ", 0},
	{PEER_SEND, "250-hi\r\n250 SIZE 1000\r\n", 0},
	{PEER_EXPECT, "QUIT", 0},
	{PEER_SEND, "221 bye\r\n", 0},
	{PEER_END, NULL, 0},
};

/* Accepts, then says nothing for longer than the probe waits. */
static const struct peer_step smtp_silent[] = {
	{PEER_SLEEP, NULL, 10000},
	{PEER_CLOSE, NULL, 0},
};

struct watch {
	int slow_port;        /* the unrelated server's port */
	bool verdict_event;   /* CHECK_EV_VERDICT came */
	bool slow_open_at_verdict; /* …while the slow row ran */
	bool findings_before_done; /* check_verdict() before DONE */
	bool done;
	char ids_at_verdict[256];
};

static void ids(const struct finding_list *l, char *buf, size_t len)
{
	hd_ids(l, buf, len);
}

static void on_event(struct check *c, const struct check_event *ev, void *ud)
{
	struct watch *w = ud;
	if (ev->kind == CHECK_EV_DONE) {
		w->done = true;
		return;
	}
	if (check_verdict(c) && !w->findings_before_done) {
		w->findings_before_done = true;
		ids(check_findings(c), w->ids_at_verdict,
		    sizeof w->ids_at_verdict);
	}
	if (ev->kind != CHECK_EV_VERDICT)
		return;
	w->verdict_event = true;
	size_t n;
	const struct check_row *rows = check_rows(c, &n);
	for (size_t i = 0; i < n; i++)
		if (rows[i].port == w->slow_port &&
		    rows[i].step != MD_STEP_DONE)
			w->slow_open_at_verdict = true;
}

/* A profile: me@127.0.0.1 sends through 127.0.0.1:fast; the profile's
 * other server 127.0.0.1:slow is in the same domain (a candidate). */
static char *make_profile(int fast, int slow, int imap)
{
	char *dir = strdup("/tmp/md-check-XXXXXX");
	assert_non_null(mkdtemp(dir));
	char path[64];
	snprintf(path, sizeof path, "%s/prefs.js", dir);
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fprintf(f,
		"user_pref(\"mail.account.account1.identities\", \"id1\");\n"
		"user_pref(\"mail.account.account1.server\", \"server1\");\n"
		"user_pref(\"mail.accountmanager.accounts\", \"account1\");\n"
		"user_pref(\"mail.identity.id1.smtpServer\", \"smtp1\");\n"
		"user_pref(\"mail.identity.id1.useremail\", "
		"\"me@127.0.0.1\");\n"
		"user_pref(\"mail.server.server1.hostname\", \"127.0.0.1\");\n"
		"user_pref(\"mail.server.server1.port\", %d);\n"
		"user_pref(\"mail.server.server1.socketType\", 3);\n"
		"user_pref(\"mail.server.server1.type\", \"imap\");\n"
		"user_pref(\"mail.server.server1.authMethod\", 1);\n"
		"user_pref(\"mail.smtpserver.smtp1.authMethod\", 1);\n"
		"user_pref(\"mail.smtpserver.smtp1.hostname\", "
		"\"127.0.0.1\");\n"
		"user_pref(\"mail.smtpserver.smtp1.port\", %d);\n"
		"user_pref(\"mail.smtpserver.smtp1.try_ssl\", 0);\n"
		"user_pref(\"mail.smtpserver.smtp2.authMethod\", 1);\n"
		"user_pref(\"mail.smtpserver.smtp2.hostname\", "
		"\"127.0.0.1\");\n"
		"user_pref(\"mail.smtpserver.smtp2.port\", %d);\n"
		"user_pref(\"mail.smtpserver.smtp2.try_ssl\", 0);\n"
		"user_pref(\"mail.smtpservers\", \"smtp1,smtp2\");\n",
		imap, fast, slow);
	fclose(f);
	return dir;
}

/* A port nothing listens on (refused at once). */
static int closed_port(void)
{
	int port;
	int fd = peer_listen(false, &port);
	assert_true(fd >= 0);
	close(fd);
	return port;
}

/* One check; returns what was watched. */
static struct watch run(bool wait_all)
{
	int fast, slow;
	int lfast = peer_listen(false, &fast);
	int lslow = peer_listen(false, &slow);
	assert_true(lfast >= 0 && lslow >= 0);
	pid_t pfast = peer_spawn_listen(lfast, smtp_ok, NULL);
	pid_t pslow = peer_spawn_listen(lslow, smtp_silent, NULL);
	assert_true(pfast > 0 && pslow > 0);
	char resolver[32];
	snprintf(resolver, sizeof resolver, "127.0.0.1:%d", closed_port());
	char *dir = make_profile(fast, slow, closed_port());
	struct acct_set *set = hd_read_profile(dir);

	struct watch w = {.slow_port = slow};
	struct check_params p = {.accounts = set, .resolver = resolver,
				 .timeout_ms = 1500, .wait_all = wait_all};
	struct md_err err;
	struct loop *loop = loop_new();
	struct check *c = check_new(&p, &err);
	assert_non_null(c);
	assert_int_equal(check_start(c, loop, on_event, &w, &err), MD_OK);
	for (int i = 0; i < 400 && !w.done; i++)
		loop_run_once(loop, 50, &err);
	assert_true(w.done);

	/* the slow row did run, and ended without an answer */
	size_t n;
	const struct check_row *rows = check_rows(c, &n);
	bool slow_seen = false;
	for (size_t i = 0; i < n; i++)
		if (rows[i].port == slow) {
			slow_seen = true;
			assert_int_equal(rows[i].outcome, MD_OUT_TIMEOUT);
		} else if (rows[i].port == fast) {
			assert_int_equal(rows[i].outcome, MD_OUT_OK);
		}
	assert_true(slow_seen);
	assert_true(check_verdict(c));
	if (w.findings_before_done) {
		char end[256];
		ids(check_findings(c), end, sizeof end);
		assert_string_equal(w.ids_at_verdict, end);
	}
	check_free(c);
	loop_free(loop);
	acct_set_free(set);
	kill(pslow, SIGTERM);
	peer_wait(pslow);
	assert_int_equal(peer_wait(pfast), 0);
	char cmd[64];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	assert_int_equal(system(cmd), 0);
	free(dir);
	return w;
}

/* The verdict is there while the unrelated server still says nothing. */
static void test_check_verdict_before_unrelated(void **state)
{
	(void)state;
	struct watch w = run(false);
	assert_true(w.verdict_event);
	assert_true(w.slow_open_at_verdict);
	assert_true(w.findings_before_done);
}

/* wait_all: the old way, findings only when every row has ended. */
static void test_check_wait_all(void **state)
{
	(void)state;
	struct watch w = run(true);
	assert_false(w.verdict_event);
	assert_false(w.findings_before_done);
}

int main(void)
{
	signal(SIGPIPE, SIG_IGN);
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_check_verdict_before_unrelated),
		cmocka_unit_test(test_check_wait_all),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
