/* test_bounces.c — the bounces of the Inbox grouped into plain sentences
 * and tied to the findings they are evidence for (app/bounces.c): each
 * reason of sisimai's taxonomy to its line, an "expired" report told by
 * what its last refusal said, a refusal at MAIL FROM as the sender's, and
 * the ties: only the findings a line names, every line of a finding. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "app/bounces.h"
#include "core/explain/mailbox_scan.h"
#include "tests/unit/helper_os.h"

#include <locale.h>
#include <stdio.h>
#include <string.h>

static struct mailbox_bounce mb(const char *reason, const char *cause,
				const char *command)
{
	struct mailbox_bounce b = {.when = 0};
	snprintf(b.reason, sizeof b.reason, "%s", reason);
	snprintf(b.cause, sizeof b.cause, "%s", cause);
	snprintf(b.command, sizeof b.command, "%s", command);
	return b;
}

/* The ids of the findings out of ids[] that line 0 of one bounce ties to,
 * space-separated, into buf. */
static const char *ties_of(struct mailbox_bounce b, char *buf, size_t len)
{
	static const char *const ids[] = {
	    "relay-no-forward-dns",   "outgoing-server-mismatch",
	    "egress-on-dnsbl",	      "spf-excludes-relay",
	    "sender-domain-rejected", "auth-failed",
	    "auth-not-offered",	      "dmarc-missing",
	    "host-not-found",	      NULL};
	struct app_bounces bo = {0};
	bounces_add(&bo, &b);
	assert_int_equal(bo.n_lines, 1);
	buf[0] = '\0';
	for (size_t i = 0; ids[i]; i++) {
		struct finding f = {.id = ids[i]};
		if (bounces_for_finding(&bo, &f) == &bo.lines[0])
			snprintf(buf + strlen(buf), len - strlen(buf), "%s%s",
				 buf[0] ? " " : "", ids[i]);
	}
	return buf;
}

static void test_bounces_kinds(void **state)
{
	static const struct {
		const char *reason, *cause, *command;
		const char *what, *line_reason, *ties;
	} cases[] = {
	    {"blocked", "", "", "did not accept mail from the server you send",
	     "blocked",
	     "relay-no-forward-dns outgoing-server-mismatch egress-on-dnsbl "
	     "spf-excludes-relay"},
	    {"rejected", "", "MAIL", "refused your address as the sender",
	     "rejected", "outgoing-server-mismatch sender-domain-rejected"},
	    /* S4: deferred by the HELO rejection until it expired */
	    {"expired", "blocked", "", "did not accept mail from the server",
	     "blocked",
	     "relay-no-forward-dns outgoing-server-mismatch egress-on-dnsbl "
	     "spf-excludes-relay"},
	    {"expired", "", "", "could not be delivered in time", "expired",
	     ""},
	    {"expired", "expired", "", "could not be delivered in time",
	     "expired", ""},
	    /* sisimai v5's authfailure is SPF/DKIM/DMARC, not a login */
	    {"authfailure", "", "", "SPF, DKIM or DMARC", "authfailure",
	     "outgoing-server-mismatch spf-excludes-relay dmarc-missing"},
	    {"securityerror", "", "", "refused the login", "securityerror",
	     "auth-failed"},
	    {"norelaying", "", "RCPT", "without logging in", "norelaying",
	     "auth-failed auth-not-offered"},
	    /* the recipient's side: no finding of the sender's settings */
	    {"notaccept", "", "", "domain does not take mail", "notaccept", ""},
	    {"policyviolation", "", "DATA", "refused the message's content",
	     "policyviolation", ""},
	    {"mesgtoobig", "", "", "too big", "mesgtoobig", ""},
	    {"toomanyconn", "", "", "too many connections", "toomanyconn", ""},
	    {"userunknown", "", "RCPT", "does not exist", "userunknown", ""},
	    {"undefined", "", "MAIL", "refused your address as the sender",
	     "undefined", "outgoing-server-mismatch sender-domain-rejected"},
	    {"undefined", "", "RCPT", "did not deliver it", "other", ""},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		struct app_bounces bo = {0};
		struct mailbox_bounce b =
		    mb(cases[i].reason, cases[i].cause, cases[i].command);
		bounces_add(&bo, &b);
		assert_int_equal(bo.total, 1);
		if (!strstr(bo.lines[0].what, cases[i].what))
			fail_msg("%s/%s: \"%s\"", cases[i].reason,
				 cases[i].cause, bo.lines[0].what);
		assert_string_equal(bo.lines[0].reason, cases[i].line_reason);
		char buf[512];
		assert_string_equal(ties_of(b, buf, sizeof buf), cases[i].ties);
	}
}

/* Two kinds that explain one finding: both are tied, in order; the same
 * kind twice is one line counted twice. */
static void test_bounces_tied(void **state)
{
	struct app_bounces bo = {0};
	struct mailbox_bounce a = mb("rejected", "", "MAIL");
	struct mailbox_bounce b = mb("blocked", "", "RCPT");
	struct mailbox_bounce c = mb("userunknown", "", "RCPT");
	bounces_add(&bo, &a);
	bounces_add(&bo, &b);
	bounces_add(&bo, &a);
	bounces_add(&bo, &c);
	assert_int_equal(bo.total, 4);
	assert_int_equal(bo.n_lines, 3);
	assert_int_equal(bo.lines[0].count, 2);
	struct finding f = {.id = "outgoing-server-mismatch"};
	const struct bounce_line *l[BOUNCES_MAX_LINES];
	assert_int_equal(bounces_tied(&bo, &f, l, BOUNCES_MAX_LINES), 2);
	assert_ptr_equal(l[0], &bo.lines[0]);
	assert_ptr_equal(l[1], &bo.lines[1]);
	assert_int_equal(bounces_tied(&bo, &f, l, 1), 1);
	struct finding g = {.id = "host-not-found"};
	assert_int_equal(bounces_tied(&bo, &g, l, BOUNCES_MAX_LINES), 0);
	assert_null(bounces_for_finding(&bo, &g));
}

int main(void)
{
	setlocale(LC_ALL, "C.UTF-8");
	ho_setenv("LANGUAGE", "en");
	struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_bounces_kinds),
	    cmocka_unit_test(test_bounces_tied),
	};
	return HO_RUN_TESTS(tests, NULL, NULL, NULL);
}
