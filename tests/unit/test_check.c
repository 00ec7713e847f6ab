/* test_check.c — a whole check on loopback. First: the verdict does not wait
 * for probes it does not depend on. The identity's outgoing server answers at
 * once; another server of the profile (a replacement candidate, so probed
 * too) is a scripted peer that says nothing for seconds. The verdict comes
 * while that row still runs, and the findings at the end are the same;
 * with wait_all (the old way) the findings wait for it. Ordering and
 * state are asserted, never wall time. The name server is one on
 * loopback that says "no such name" to all: nothing leaves this computer.
 * Then: the plan (one way to add an endpoint, a late one from discovery
 * through the same add), the words of a row (core/base/outcome.h), the
 * waits from --timeout (core/base/limits.h, core/base/ports.h), and a DNS
 * failure versus a name that does not exist reaching the row, against a
 * name server on loopback that says nothing or "no such name" to all. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "clientcfg/tb/tb_accounts.h"
#include "core/base/limits.h"
#include "core/base/os.h"
#include "core/base/outcome.h"
#include "core/base/ports.h"
#include "core/check/check.h"
#include "core/check/plan.h"
#include "core/proto/session.h"
#include "core/net/loop.h"
#include "tests/unit/helper_diag.h"
#include "tests/unit/helper_os.h"
#include "tests/unit/helper_peer.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Accepts, then says nothing for longer than the probe waits. */
static const struct peer_step smtp_silent[] = {
    {PEER_SLEEP, NULL, 10000},
    {PEER_CLOSE, NULL, 0},
};

struct watch {
	int slow_port;		   /* the unrelated server's port */
	bool verdict_event;	   /* CHECK_EV_VERDICT came */
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
	char tmp[512];
	assert_true(ho_mkdtemp(tmp, sizeof tmp, "md-check"));
	char *dir = strdup(tmp);
	char path[600];
	snprintf(path, sizeof path, "%s/prefs.js", dir);
	FILE *f = os_fopen(path, "w");
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

static struct ho_task *name_server(int *port, bool answer);

/* One check; returns what was watched. The name server on loopback says
 * "no such name" to all at once (a closed port would be refused at once
 * on Linux, but not under wine, where the question then waits for its
 * timeout, and the verdict with it). */
static struct watch run(bool wait_all)
{
	int fast, slow;
	int lfast = peer_listen(false, &fast);
	int lslow = peer_listen(false, &slow);
	assert_true(lfast >= 0 && lslow >= 0);
	struct ho_task *pfast = peer_spawn_listen(lfast, peer_smtp_ok, NULL);
	struct ho_task *pslow = peer_spawn_listen(lslow, smtp_silent, NULL);
	assert_true(pfast && pslow);
	char resolver[32];
	int ns_port;
	struct ho_task *ns = name_server(&ns_port, true);
	snprintf(resolver, sizeof resolver, "127.0.0.1:%d", ns_port);
	char *dir = make_profile(fast, slow, peer_closed_port());
	struct acct_set *set = hd_read_profile(dir);

	struct watch w = {.slow_port = slow};
	struct check_params p = {.accounts = set,
				 .resolver = resolver,
				 .timeout_ms = 1500,
				 .wait_all = wait_all};
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
	peer_stop(pslow);
	ho_task_stop(ns);
	assert_int_equal(peer_wait(pfast), 0);
	assert_true(ho_rmtree(dir));
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

/* ---- words, waits, ports ---------------------------------------------- */

/* The JSON words of `check --json` and `probe --json` are one list. */
static void test_check_outcome_words(void **state)
{
	(void)state;
	static const char *const words[] = {
	    "ok",	"timeout",    "refused",	"unreachable",
	    "reset",	"tls-failed", "protocol-error", "auth-failed",
	    "rejected", "not-found",  "dns-failed",	"error",
	    "cancelled"};
	for (int o = MD_OUT_OK; o <= MD_OUT_CANCELLED; o++) {
		assert_string_equal(md_outcome_word((enum md_outcome)o),
				    words[o]);
		assert_string_equal(sess_outcome_word((enum sess_outcome)o),
				    words[o]);
		assert_string_equal(md_outcome_text((enum md_outcome)o),
				    sess_outcome_text((enum sess_outcome)o));
	}
	assert_int_equal(md_outcome_class(MD_OUT_NOT_FOUND), MD_CLASS_DNS);
	assert_int_equal(md_outcome_class(MD_OUT_DNS_FAILED), MD_CLASS_DNS);
	assert_int_equal(md_outcome_class(MD_OUT_TIMEOUT), MD_CLASS_BLOCKED);
	assert_int_equal(md_outcome_class(MD_OUT_TLS_FAILED), MD_CLASS_TLS);
	assert_int_equal(md_outcome_class(MD_OUT_OK), MD_CLASS_OK);
	for (int s = 0; s < SESS_STEP__COUNT; s++)
		assert_string_equal(md_step_word((enum md_step)s),
				    sess_step_word((enum sess_step)s));
	assert_string_equal(md_step_row_word(MD_STEP_WAITING), "waiting");
	assert_string_equal(md_step_row_word(MD_STEP_RESOLVE), "resolving");
	assert_string_equal(md_step_row_word(MD_STEP_CONNECT), "connecting");
	assert_string_equal(md_step_row_word(MD_STEP_CAPS), "capabilities");
	assert_string_equal(md_step_row_word(MD_STEP_DRYRUN), "auth");
	assert_string_equal(md_step_row_word(MD_STEP_DONE), "done");
}

/* Every wait from the one --timeout; the one ports table. */
static void test_check_limits_and_ports(void **state)
{
	(void)state;
	struct md_limits d = md_limits_of(0);
	assert_int_equal(d.timeout_ms, MD_TIMEOUT_DEFAULT_MS);
	assert_int_equal(d.connect_ms, 10000);
	assert_int_equal(d.reply_ms, 10000);
	assert_int_equal(d.dns_ms, 10000);
	assert_int_equal(d.discovery_ms, 10000);
	assert_int_equal(d.row_ms, 40000);
	struct md_limits one = md_limits_of(1000);
	assert_int_equal(one.connect_ms, 1000);
	assert_int_equal(one.reply_ms, 1000);
	assert_int_equal(one.dns_ms, 1000);
	assert_int_equal(one.discovery_ms, 1000);
	assert_int_equal(one.row_ms, 4000);
	assert_int_equal(md_timeout_ms(1.0), 1000);
	assert_int_equal(md_timeout_ms(2.5), 2500);
	assert_int_equal(md_timeout_ms(0), 0);
	assert_int_equal(md_timeout_ms(-3), 0);

	const struct md_port *p = md_port_find(465);
	assert_non_null(p);
	assert_int_equal(p->proto, MD_PORT_SMTP);
	assert_int_equal(p->security, MD_PORT_TLS);
	assert_true(md_port_find(587)->starttls_required);
	assert_null(md_port_find(2525));
	assert_int_equal(md_port_default(MD_PORT_SMTP, false), 25);
	assert_int_equal(md_port_default(MD_PORT_IMAP, true), 993);
	assert_int_equal(md_port_default(MD_PORT_POP3, false), 110);
	const struct md_port *best[8];
	assert_int_equal(md_ports_preferred(MD_PORT_SMTP, best, 8), 3);
	assert_int_equal(best[0]->port, 587);
	assert_int_equal(best[1]->port, 465);
	assert_int_equal(best[2]->port, 25);
}

/* ---- the plan ------------------------------------------------------------ */

/* A profile: email sends through smtp_host:587 (STARTTLS) and reads IMAP
 * from imap_host:993 (TLS). */
static char *named_profile(const char *email, const char *smtp_host,
			   const char *imap_host)
{
	char tmp[512];
	assert_true(ho_mkdtemp(tmp, sizeof tmp, "md-check"));
	char *dir = strdup(tmp);
	char path[600];
	snprintf(path, sizeof path, "%s/prefs.js", dir);
	FILE *f = os_fopen(path, "w");
	assert_non_null(f);
	fprintf(f,
		"user_pref(\"mail.account.account1.identities\", \"id1\");\n"
		"user_pref(\"mail.account.account1.server\", \"server1\");\n"
		"user_pref(\"mail.accountmanager.accounts\", \"account1\");\n"
		"user_pref(\"mail.identity.id1.smtpServer\", \"smtp1\");\n"
		"user_pref(\"mail.identity.id1.useremail\", \"%s\");\n"
		"user_pref(\"mail.server.server1.hostname\", \"%s\");\n"
		"user_pref(\"mail.server.server1.port\", 993);\n"
		"user_pref(\"mail.server.server1.socketType\", 3);\n"
		"user_pref(\"mail.server.server1.type\", \"imap\");\n"
		"user_pref(\"mail.smtpserver.smtp1.hostname\", \"%s\");\n"
		"user_pref(\"mail.smtpserver.smtp1.port\", 587);\n"
		"user_pref(\"mail.smtpserver.smtp1.try_ssl\", 2);\n"
		"user_pref(\"mail.smtpservers\", \"smtp1\");\n",
		email, imap_host, smtp_host);
	fclose(f);
	return dir;
}

static void remove_dir(char *dir)
{
	assert_true(ho_rmtree(dir));
	free(dir);
}

static const struct plan_endpoint *planned(const struct plan *p,
					   const char *host, int port)
{
	for (size_t i = 0; i < p->n; i++)
		if (p->items[i].port == port &&
		    strcmp(p->items[i].host, host) == 0)
			return &p->items[i];
	return NULL;
}

/* The configured server first, the same host on the other usual ports
 * best first (the ports table), no duplicates; a late endpoint goes
 * through the same plan_add(). */
static void test_check_plan_add(void **state)
{
	(void)state;
	char *dir = named_profile("me@example-test.jp", "smtp.example-test.jp",
				  "imap.example-test.jp");
	struct acct_set *set = hd_read_profile(dir);
	struct plan p;
	struct md_err err;
	assert_int_equal(plan_make(set, NULL, 0, NULL, &p, &err), MD_OK);
	assert_true(p.n >= 5);
	assert_string_equal(p.items[0].host, "smtp.example-test.jp");
	assert_int_equal(p.items[0].port, 587);
	assert_int_equal(p.items[0].purpose, DIAG_CONFIGURED);
	assert_int_equal(p.items[1].port, 465);
	assert_int_equal(p.items[1].security, ACCT_SEC_TLS);
	assert_int_equal(p.items[1].purpose, DIAG_ALTERNATIVE);
	assert_int_equal(p.items[2].port, 25);
	const struct plan_endpoint *imap =
	    planned(&p, "imap.example-test.jp", 143);
	assert_non_null(imap);
	assert_int_equal(imap->proto, ACCT_PROTO_IMAP);
	assert_int_equal(imap->security, ACCT_SEC_STARTTLS);
	assert_int_equal(p.n_domains, 1);
	assert_string_equal(p.domains[0], "example-test.jp");

	/* The configured server again, as a candidate: nothing new, and it
	 * stays configured. */
	size_t n = p.n;
	bool added = true;
	assert_true(plan_add(&p, "SMTP.example-test.jp", 587, ACCT_PROTO_SMTP,
			     ACCT_SEC_STARTTLS, DIAG_CANDIDATE,
			     "me@example-test.jp", &added));
	assert_false(added);
	assert_int_equal(p.n, n);
	assert_int_equal(p.items[0].purpose, DIAG_CONFIGURED);
	/* A late one (discovery's): the last item; "if offered" is probed
	 * as STARTTLS, so asking again with STARTTLS adds nothing. */
	assert_true(plan_add(&p, "mail.example-test.jp", 587, ACCT_PROTO_SMTP,
			     ACCT_SEC_STARTTLS_TRY, DIAG_CANDIDATE,
			     "me@example-test.jp", &added));
	assert_true(added);
	assert_int_equal(p.n, n + 1);
	assert_string_equal(p.items[n].host, "mail.example-test.jp");
	assert_int_equal(p.items[n].security, ACCT_SEC_STARTTLS);
	assert_string_equal(p.items[n].for_email, "me@example-test.jp");
	assert_true(plan_add(&p, "mail.example-test.jp", 587, ACCT_PROTO_SMTP,
			     ACCT_SEC_STARTTLS, DIAG_CANDIDATE, NULL, &added));
	assert_false(added);
	/* No host or a bad port: skipped, not an error. */
	assert_true(plan_add(&p, NULL, 587, ACCT_PROTO_SMTP, ACCT_SEC_TLS,
			     DIAG_CANDIDATE, NULL, &added));
	assert_true(plan_add(&p, "x.example-test.jp", 70000, ACCT_PROTO_SMTP,
			     ACCT_SEC_TLS, DIAG_CANDIDATE, NULL, &added));
	assert_false(added);
	assert_int_equal(p.n, n + 1);
	plan_done(&p);
	acct_set_free(set);
	remove_dir(dir);
}

/* ---- DNS reaching the rows ------------------------------------------------
 */

/* A name server on 127.0.0.1 that answers every question "no such name",
 * or none when !answer (a task: stop it when done). */
struct ns_job {
	int fd;
	bool answer;
};

static int ns_main(void *arg)
{
	const struct ns_job *j = arg;
	while (!j->answer && !ho_task_stopping())
		ho_sleep_ms(100);
	while (!ho_task_stopping()) {
		unsigned char buf[512];
		struct sockaddr_storage from;
		socklen_t fl = sizeof from;
		long n = recvfrom(j->fd, (void *)buf, sizeof buf, 0,
				  (struct sockaddr *)&from, &fl);
		if (n < 12)
			continue;
		size_t q = 12; /* the question: its name, type and class */
		while (q < (size_t)n && buf[q])
			q += buf[q] + 1u;
		q += 5;
		if (q > (size_t)n)
			continue;
		buf[2] |= 0x80;	       /* a response */
		buf[3] = 0x83;	       /* recursion available, NXDOMAIN */
		memset(buf + 6, 0, 6); /* no answers, authority, extras */
		sendto(j->fd, (void *)buf, (int)q, 0, (struct sockaddr *)&from,
		       fl);
	}
	ho_close(j->fd);
	return 0;
}

static struct ho_task *name_server(int *port, bool answer)
{
	int fd = peer_udp(port);
	assert_true(fd >= 0);
	/* a thread (Windows) looks at ho_task_stopping() this often */
	assert_int_equal(ho_recv_timeout(fd, 100), 0);
	struct ns_job j = {fd, answer};
	struct ho_task *t = ho_task_start(ns_main, &j, sizeof j, fd, 0);
	assert_non_null(t);
	return t;
}

struct ended {
	bool done, guard;
};

static void on_end(struct check *c, const struct check_event *ev, void *ud)
{
	(void)c;
	if (ev->kind == CHECK_EV_DONE)
		((struct ended *)ud)->done = true;
}

static void on_guard(struct loop *loop, void *ud)
{
	(void)loop;
	((struct ended *)ud)->guard = true;
}

/* Run check c on loop until its end or guard_ms (a bound, not a
 * measure); true when it ended first. */
static bool run_until_end(struct check *c, struct loop *loop, unsigned guard_ms)
{
	struct ended e = {0};
	struct md_err err;
	assert_int_equal(check_start(c, loop, on_end, &e, &err), MD_OK);
	uint64_t guard = loop_timer(loop, guard_ms, on_guard, &e);
	while (!e.done && !e.guard)
		assert_int_equal(loop_run_once(loop, 100, &err), MD_OK);
	if (!e.guard)
		loop_timer_cancel(loop, guard);
	if (!e.done)
		check_cancel(c);
	return e.done && !e.guard;
}

/* Every finished row of host ended with outcome; their number. */
static size_t rows_of(const struct check *c, const char *host,
		      enum md_outcome outcome)
{
	size_t n, k = 0;
	const struct check_row *rows = check_rows(c, &n);
	for (size_t i = 0; i < n; i++) {
		if (strcmp(rows[i].host, host) != 0)
			continue;
		assert_int_equal(rows[i].step, MD_STEP_DONE);
		assert_string_equal(md_outcome_word(rows[i].outcome),
				    md_outcome_word(outcome));
		assert_null(rows[i].address);
		k++;
	}
	return k;
}

/* A check of a profile whose servers are names, against a name server
 * that answers "no such name" or nothing at all: every row of the two
 * names ends with outcome, and the whole check, DNS questions included,
 * ends before guard_ms. */
static void dns_rows(bool answer, unsigned timeout_ms, unsigned guard_ms,
		     enum md_outcome outcome)
{
	int port;
	struct ho_task *pid = name_server(&port, answer);
	char resolver[32];
	snprintf(resolver, sizeof resolver, "127.0.0.1:%d", port);
	char *dir = named_profile("me@example-test.jp", "smtp.example-test.jp",
				  "imap.example-test.jp");
	struct acct_set *set = hd_read_profile(dir);
	struct check_params p = {
	    .accounts = set, .resolver = resolver, .timeout_ms = timeout_ms};
	struct md_err err;
	struct loop *loop = loop_new();
	struct check *c = check_new(&p, &err);
	assert_non_null(c);
	assert_true(run_until_end(c, loop, guard_ms));
	assert_true(rows_of(c, "smtp.example-test.jp", outcome) >= 3);
	assert_true(rows_of(c, "imap.example-test.jp", outcome) >= 2);
	check_free(c);
	loop_free(loop);
	acct_set_free(set);
	ho_task_stop(pid);
	remove_dir(dir);
}

/* A name server that never answers: with --timeout 1 s every row of the
 * names says "could not be looked up" (never "does not exist"), and the
 * check gives up long before the default would (10 s a lookup, the
 * egress questions two in a row): --timeout reaches DNS. */
static void test_check_dns_failed_within_timeout(void **state)
{
	(void)state;
	dns_rows(false, 1000, 8000, MD_OUT_DNS_FAILED);
}

/* A name server that says "no such name": the rows say "does not exist". */
static void test_check_not_found_reaches_row(void **state)
{
	(void)state;
	dns_rows(true, 2000, 8000, MD_OUT_NOT_FOUND);
}

/* An address sending through a server outside its domain, for a domain
 * the kb does not know: discovery (its HTTP steps skipped) ends with a
 * guess, and the guessed servers become rows of their own, late, as
 * replacement candidates, probed like the others. */
static void test_check_late_endpoint_from_discovery(void **state)
{
	(void)state;
	int port;
	struct ho_task *pid = name_server(&port, true);
	char resolver[32];
	snprintf(resolver, sizeof resolver, "127.0.0.1:%d", port);
	char *dir = named_profile("me@example-test.jp", "relay.other-test.net",
				  "imap.example-test.jp");
	struct acct_set *set = hd_read_profile(dir);
	static const char *const no_urls[3] = {NULL, NULL, NULL};
	struct check_params p = {.accounts = set,
				 .kb = hd_kb,
				 .resolver = resolver,
				 .timeout_ms = 2000,
				 .discover_urls = no_urls};
	struct md_err err;
	struct loop *loop = loop_new();
	struct check *c = check_new(&p, &err);
	assert_non_null(c);
	assert_true(run_until_end(c, loop, 8000));
	size_t n;
	const struct check_row *rows = check_rows(c, &n);
	bool late = false;
	for (size_t i = 0; i < n; i++)
		if (strcmp(rows[i].host, "smtp.example-test.jp") == 0 &&
		    rows[i].port == 587) {
			late = true;
			assert_string_equal(rows[i].purpose,
					    "a possible replacement");
			assert_int_equal(rows[i].outcome, MD_OUT_NOT_FOUND);
		}
	assert_true(late);
	assert_true(rows_of(c, "relay.other-test.net", MD_OUT_NOT_FOUND) >= 3);
	check_free(c);
	loop_free(loop);
	acct_set_free(set);
	ho_task_stop(pid);
	remove_dir(dir);
}

int main(void)
{
	ho_net_init();
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_check_verdict_before_unrelated),
	    cmocka_unit_test(test_check_wait_all),
	    cmocka_unit_test(test_check_outcome_words),
	    cmocka_unit_test(test_check_limits_and_ports),
	    cmocka_unit_test(test_check_plan_add),
	    cmocka_unit_test(test_check_dns_failed_within_timeout),
	    cmocka_unit_test(test_check_not_found_reaches_row),
	    cmocka_unit_test(test_check_late_endpoint_from_discovery),
	};
	return cmocka_run_group_tests(tests, hd_load_kb, hd_free_kb);
}
