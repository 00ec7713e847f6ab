/* test_explain_rules.c — the reasons explain gives to bounces written here,
 * one shape each, by sisimai v5's decision procedure rather than by any
 * message of the corpus: Sisimai::Reason's order (the true() of each
 * reason, then the match() of the fall-back list), the SMTP command the
 * reply answered, and the per-reason word lists (rb-sisimai and
 * p5-sisimai lib/sisimai/reason/). Each case names the shape it checks;
 * every message is an RFC 3464 report with one recipient. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "core/explain/explain.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static struct rej_kb *kb;

static int setup(void **state)
{
	struct md_err err = {0};
	explain_global_init();
	return rej_kb_load("assets/rejections.xml", &kb, &err) == MD_OK ? 0
									: -1;
}

static int teardown(void **state)
{
	rej_kb_free(kb);
	return 0;
}

struct shape {
	const char *name, *status, *words, *reason;
};

/* name, Status: ("" for none), Diagnostic-Code: words, sisimai's reason */
static const struct shape shapes[] = {
    /* Filtered.true(): user-unknown words after DATA, the status not
     * naming the mailbox, are the mailbox's filter; at RCPT, or with
     * 5.1.1 (UserUnknown.true() comes first), the mailbox is unknown */
    {"data-unknown-500", "5.0.0",
     "550 Unknown user kijitora@ntt.example.ne.jp (in reply to end of DATA "
     "command)",
     "filtered"},
    {"data-unknown-nostatus", "",
     "550 user unknown (in reply to end of DATA command)", "filtered"},
    {"data-unknown-511", "5.1.1",
     "550 5.1.1 <a@example.jp>... User unknown (in reply to end of DATA "
     "command)",
     "userunknown"},
    {"rcpt-unknown-500", "5.0.0",
     "550 Unknown user a@example.jp (in reply to RCPT TO command)",
     "userunknown"},
    /* HostUnknown.true(): 5.1.2 is hostunknown unless NetworkError's
     * words (a failed look-up) say otherwise */
    {"host-tryagain-512", "5.1.2",
     "Host or domain name not found. Name service error for name=example.jp "
     "type=MX: Host not found, try again",
     "networkerror"},
    {"host-notfound-512", "5.1.2",
     "Host or domain name not found. Name service error for name=example.jp "
     "type=A: Host not found",
     "hostunknown"},
    {"malformed-ns", "5.4.4", "Malformed or unexpected name server reply",
     "networkerror"},
    /* UserUnknown.true() returns false when the words say suspend */
    {"suspend-511", "5.1.1",
     "550 5.1.1 <a@example.jp>: Recipient address rejected: account is "
     "disabled",
     "suspend"},
    /* BadReputation, TooManyConn, RequirePTR come before Blocked */
    {"badrep-gmail", "4.7.0",
     "421-4.7.0 This message was not delivered because of the very low "
     "reputation of the sending IP address",
     "badreputation"},
    {"badrep-generic", "5.7.1",
     "550 5.7.1 Message rejected because of the sending MTA's poor reputation",
     "badreputation"},
    {"toomanyconn-1", "4.7.0",
     "421 4.7.0 Too many concurrent SMTP connections from this IP address; "
     "please try again later",
     "toomanyconn"},
    {"toomanyconn-2", "4.3.2", "421 Too many connections from your IP",
     "toomanyconn"},
    {"requireptr-1", "5.7.1",
     "550 5.7.1 Client host rejected: cannot find your reverse hostname, "
     "[192.0.2.1]",
     "requireptr"},
    {"requireptr-2", "5.7.25",
     "550 5.7.25 [192.0.2.1] The IP address sending this message does not have "
     "a PTR record setup",
     "requireptr"},
    {"requireptr-3", "5.7.1",
     "554 5.7.1 Service unavailable; Client host [192.0.2.1] blocked: no PTR "
     "record found",
     "requireptr"},
    {"blocked-dnsbl", "5.7.1",
     "554 5.7.1 Service unavailable; Client host [192.0.2.1] blocked using "
     "zen.spamhaus.org",
     "blocked"},
    /* the reasons whose status or words say it all */
    {"norelay", "5.7.1",
     "554 5.7.1 <a@example.org>: Relay access denied (in reply to RCPT TO "
     "command)",
     "norelaying"},
    {"mailboxfull", "5.2.2", "552 5.2.2 <a@example.jp>: Mailbox full",
     "mailboxfull"},
    {"hasmoved", "5.1.6",
     "550 5.1.6 recipient no longer on server: a@example.go.jp", "hasmoved"},
    {"nomx", "5.1.10",
     "556 5.1.10 Recipient address rejected: Domain example.com does not "
     "accept mail (nullMX)",
     "notaccept"},
    {"expired", "4.4.7",
     "delivery temporarily suspended: connect to mx.example.jp[192.0.2.1]:25: "
     "Connection timed out",
     "expired"},
    {"speeding", "4.7.0", "421 4.7.0 You are sending too fast; slow down",
     "speeding"},
    {"spam", "5.7.1",
     "550 5.7.1 Message content rejected, UBE, id=00000-00-000",
     "spamdetected"},
    {"mesgtoobig", "5.3.4", "552 5.3.4 Message size exceeds fixed limit",
     "mesgtoobig"},
    {"exceedlimit", "5.2.3",
     "552 5.2.3 Message size exceeds fixed maximum message size (10485760)",
     "exceedlimit"},
    {"contenterror", "5.6.0",
     "550 5.6.9 improper use of 8-bit data in message header", "contenterror"},
    {"rejected-mail", "5.1.8",
     "553 5.1.8 <s@example.org>... Domain of sender address s@example.org does "
     "not exist",
     "rejected"},
    {"securityerror", "5.7.0", "550 5.7.0 Access denied", "securityerror"},
    {"systemerror", "5.3.0", "554 5.3.0 Local configuration error",
     "systemerror"},
    {"virus", "5.7.1", "550 5.7.1 Virus detected: Eicar-Test-Signature",
     "virusdetected"},
    /* SecurityError's "must issue STARTTLS"; FailedSTARTTLS.true():
     * its words and the reply codes 523, 524, 538 */
    {"starttls-must", "5.7.10",
     "530 5.7.10 Must issue a STARTTLS command first (in reply to MAIL FROM "
     "command)",
     "securityerror"},
    {"starttls-required", "5.7.0",
     "530 5.7.0 STARTTLS is required to send mail", "failedstarttls"},
    {"starttls-notsupp", "",
     "TLS required but not supported by the remote server", "failedstarttls"},
    {"starttls-523", "", "523 Encryption too weak", "failedstarttls"},
    /* the rest of sisimai's order */
    {"syntax", "5.5.2", "500 5.5.2 Syntax error, command unrecognized",
     "syntaxerror"},
    {"authfail", "5.7.26",
     "550 5.7.26 This message does not have authentication information or "
     "fails to pass authentication checks (SPF or DKIM)",
     "authfailure"},
    {"notcompliant", "5.7.1",
     "550 5.7.1 This message is not RFC 5322 compliant. There are multiple "
     "From headers",
     "notcompliantrfc"},
};

static char *dsn(const struct shape *s)
{
	static const char fmt[] =
	    "From: MAILER-DAEMON@mx.example.com\n"
	    "To: s@example.com\n"
	    "Subject: Undelivered Mail Returned to Sender\n"
	    "MIME-Version: 1.0\n"
	    "Content-Type: multipart/report; report-type=delivery-status;"
	    " boundary=\"b1\"\n\n"
	    "--b1\nContent-Type: text/plain\n\nYour mail was not delivered.\n\n"
	    "--b1\nContent-Type: message/delivery-status\n\n"
	    "Reporting-MTA: dns; mx.example.com\n\n"
	    "Final-Recipient: rfc822; a@example.jp\nAction: failed\n%s%s%s"
	    "Diagnostic-Code: smtp; %s\n\n--b1--\n";
	size_t n = sizeof fmt + strlen(s->status) + strlen(s->words) + 16;
	char *m = malloc(n);
	assert_non_null(m);
	snprintf(m, n, fmt, s->status[0] ? "Status: " : "", s->status,
		 s->status[0] ? "\n" : "", s->words);
	return m;
}

static void test_explain_rules_shapes(void **state)
{
	size_t bad = 0;
	for (size_t i = 0; i < sizeof shapes / sizeof *shapes; i++) {
		char *m = dsn(&shapes[i]);
		struct explain_result *res = NULL;
		struct md_err err = {0};
		assert_int_equal(explain_buffer(kb, m, strlen(m),
						EXPLAIN_IN_UNKNOWN, &res, &err),
				 MD_OK);
		assert_int_equal(res->n, 1);
		const struct explain_rcpt *r = &res->rcpts[0];
		if (strcmp(r->reason, shapes[i].reason) != 0) {
			printf("%s: want %s, got %s (rule %s)\n",
			       shapes[i].name, shapes[i].reason, r->reason,
			       r->match.rule ? r->match.rule->id : "-");
			bad++;
		}
		explain_result_free(res);
		free(m);
	}
	assert_int_equal(bad, 0);
}

/* Amazon SES notifications in JSON (field names from Amazon's "Contents
 * of notifications for Amazon SES"; how sisimai reads them:
 * Sisimai::Lhost::AmazonSES): in an SNS envelope with its "!" folds, or
 * bare; a complaint is feedback, a delivery delivered, a transient
 * MailboxFull bounce mailboxfull whatever its words. */
static struct explain_result *ses(const char *body)
{
	static const char head[] =
	    "From: no-reply@sns.amazonaws.com\nTo: s@example.com\n"
	    "Subject: AWS Notification Message\nMIME-Version: 1.0\n"
	    "Content-Type: text/plain; charset=UTF-8\n"
	    "x-amz-sns-message-id: 0000-1111\n\n";
	size_t n = sizeof head + strlen(body);
	char *m = malloc(n);
	assert_non_null(m);
	snprintf(m, n, "%s%s", head, body);
	struct explain_result *res = NULL;
	struct md_err err = {0};
	assert_int_equal(
	    explain_buffer(kb, m, strlen(m), EXPLAIN_IN_UNKNOWN, &res, &err),
	    MD_OK);
	free(m);
	return res;
}

static void test_explain_rules_ses_json(void **state)
{
	/* an SNS envelope, the notification a JSON string in it, folded */
	struct explain_result *res =
	    ses("{\"Type\":\"Notification\",\"MessageId\":\"1\",\"Message\":"
		"\"{\\\"notificationType\\\":\\\"Bounce\\\",\\\"bounce\\\":{"
		"\\\"bounceType\\\":\\\"Permanent\\\",\\\"bounceSubType\\\":"
		"\\\"General\\\",\\\"bouncedRecipients\\\":[{\\\"emailAddress"
		"\\\":\\\"nobody@example.jp\\\",\\\"action\\\":\\\"failed\\\","
		"\\\"status\\\":\\\"5.1.1\\\",\\\"diagnosticCode\\\":\\\"smtp; "
		"550 5.1.1 <nobody@example.jp>... User !\n unknown\\\"},{"
		"\\\"emailAddress\\\":\\\"full@example.jp\\\",\\\"status\\\":"
		"\\\"5.2.2\\\",\\\"diagnosticCode\\\":\\\"smtp; 552 5.2.2 "
		"Mailbox full\\\"}],\\\"reportingMTA\\\":\\\"dsn; "
		"a1-2.smtp-out.us-west-2.amazonses.com\\\"}}\"}\n"
		"--\nIf you wish to stop receiving notifications ...\n");
	assert_int_equal(res->n, 2);
	assert_string_equal(res->rcpts[0].address, "nobody@example.jp");
	assert_string_equal(res->rcpts[0].status, "5.1.1");
	assert_string_equal(res->rcpts[0].reason, "userunknown");
	assert_non_null(strstr(res->rcpts[0].diagnostic, "User unknown"));
	assert_string_equal(res->rcpts[0].report_host,
			    "a1-2.smtp-out.us-west-2.amazonses.com");
	assert_string_equal(res->rcpts[1].reason, "mailboxfull");
	explain_result_free(res);
	/* a complaint, bare */
	res = ses("{\"notificationType\":\"Complaint\",\"complaint\":{"
		  "\"complainedRecipients\":[{\"emailAddress\":"
		  "\"angry@example.org\"}],\"complaintFeedbackType\":"
		  "\"abuse\"},\"mail\":{\"messageId\":\"x\"}}\n");
	assert_int_equal(res->n, 1);
	assert_string_equal(res->rcpts[0].address, "angry@example.org");
	assert_string_equal(res->rcpts[0].reason, "feedback");
	assert_false(res->rcpts[0].failed);
	explain_result_free(res);
	/* a delivery */
	res = ses("{\"notificationType\":\"Delivery\",\"delivery\":{"
		  "\"recipients\":[\"ok@example.net\"],\"smtpResponse\":"
		  "\"250 2.6.0 Message received\",\"reportingMTA\":"
		  "\"a9.smtp-out.amazonses.com\"}}\n");
	assert_int_equal(res->n, 1);
	assert_string_equal(res->rcpts[0].reason, "delivered");
	assert_string_equal(res->rcpts[0].status, "2.6.0");
	explain_result_free(res);
	/* a transient MailboxFull bounce: its subtype decides */
	res = ses("{\"notificationType\":\"Bounce\",\"bounce\":{"
		  "\"bounceType\":\"Transient\",\"bounceSubType\":"
		  "\"MailboxFull\",\"bouncedRecipients\":[{\"emailAddress\":"
		  "\"q@example.net\",\"status\":\"4.0.0\",\"diagnosticCode\":"
		  "\"smtp; 450 try later\"}]}}\n");
	assert_int_equal(res->n, 1);
	assert_string_equal(res->rcpts[0].reason, "mailboxfull");
	explain_result_free(res);
	/* JSON that is no notification names nobody */
	res = ses("{\"notificationType\":\"Open\",\"x\":[1,2]}\n");
	assert_int_equal(res->n, 0);
	explain_result_free(res);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_explain_rules_shapes),
	    cmocka_unit_test(test_explain_rules_ses_json),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
