/* test_explain_lhost.c — the body formats of sisimai's Lhost modules that
 * explain reads with a parser of its own (core/explain/explain_lhost_*.c),
 * each on reports written here in the format the module documents, not
 * taken from any corpus message. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "core/explain/explain.h"
#include "tests/unit/helper_explain.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static struct explain_result *run(const char *m)
{
	struct explain_result *res = NULL;
	struct md_err err = {0};
	enum md_status rc =
	    explain_buffer(hx_kb, m, strlen(m), EXPLAIN_IN_UNKNOWN, &res, &err);
	return rc == MD_OK ? res : NULL;
}

/* An fml report (Sisimai::Lhost::FML): the headers its make() checks,
 * then subject and body. */
static char *fml(const char *admin, const char *subject, const char *body)
{
	static const char fmt[] =
	    "From: %s\nTo: %s\nSubject: %s\n"
	    "Date: Thu, 29 Apr 2021 23:34:45 +0900\n"
	    "Message-Id: <202104292334.FMLAAB00001.neko@example.co.jp>\n"
	    "X-MLServer: fml [fml 4.0.3 release (20011202/4.0.3)]\n"
	    "MIME-Version: 1.0\nContent-Type: text/plain; charset=us-ascii\n\n"
	    "%s\nOriginal mail as follows:\n\n"
	    "   From: <shironeko@example.org>\n   To: <list@example.co.jp>\n"
	    "   Subject: Nyaan\n";
	size_t n =
	    sizeof fmt + 2 * strlen(admin) + strlen(subject) + strlen(body);
	char *m = malloc(n);
	assert_non_null(m);
	snprintf(m, n, fmt, admin, admin, subject, body);
	return m;
}

/* the words decide: a duplicated Message-ID is fml's loop check */
static void test_fml_loop(void **state)
{
	char *m = fml("neko-admin@example.co.jp",
		      "Loop Alert: Duplicated Message-ID (neko ML)",
		      "Duplicated Message-ID in <nyaan@example.co.jp>.\n\n");
	struct explain_result *res = run(m);
	assert_non_null(res);
	assert_int_equal(res->n, 1);
	assert_string_equal(res->rcpts[0].address, "nyaan@example.co.jp");
	assert_string_equal(res->rcpts[0].reason, "systemerror");
	assert_string_equal(res->rcpts[0].status, "5.0.930");
	explain_result_free(res);
	free(m);
}

/* an article from someone not on the list is rejected; two lines name
 * two addresses */
static void test_fml_not_member(void **state)
{
	char *m = fml("cat-admin@example.jp", "NOT MEMBER article from neko",
		      "NOT MEMBER article from <neko@example.org>.\n"
		      "NOT MEMBER article from <tora@example.org>.\n\n"
		      "If you know the general guide of this list, please "
		      "send mail with the mail body\n");
	struct explain_result *res = run(m);
	assert_non_null(res);
	assert_int_equal(res->n, 2);
	assert_string_equal(res->rcpts[0].address, "neko@example.org");
	assert_string_equal(res->rcpts[1].address, "tora@example.org");
	assert_string_equal(res->rcpts[0].reason, "rejected");
	assert_string_equal(res->rcpts[1].reason, "rejected");
	explain_result_free(res);
	free(m);
}

/* words no table knows: the Subject decides (ErrorTitle) */
static void test_fml_subject(void **state)
{
	char *m = fml("ml-admin@example.jp", "Security Alert (ml ML)",
		      "Your mail to <ml@example.jp>.\n\n");
	struct explain_result *res = run(m);
	assert_non_null(res);
	assert_int_equal(res->n, 1);
	assert_string_equal(res->rcpts[0].reason, "securityerror");
	explain_result_free(res);
	free(m);
}

/* without the -admin sender it is no fml report (nor any report) */
static void test_fml_not_fml(void **state)
{
	char *m = fml("neko@example.co.jp", "Loop Alert: hello",
		      "Duplicated Message-ID in <nyaan@example.co.jp>.\n\n");
	struct explain_result *res = run(m);
	assert_true(!res || res->n == 0 ||
		    strcmp(res->rcpts[0].reason, "systemerror") != 0);
	explain_result_free(res);
	free(m);
}

/* Verizon Wireless (Sisimai::Lhost::Verizon): the SMS gateway's form, a
 * RCPT TO: line naming the recipient and an "NNN - words" line */
static void test_verizon_sms(void **state)
{
	static const char m[] =
	    "Received: from smtp.vtext.com (smtp.vtext.com [192.0.2.9]) by "
	    "mx.example.jp; Thu, 29 Apr 2021 23:34:45 +0900\n"
	    "From: post_master@vtext.com\nTo: sender@example.jp\n"
	    "Subject: Undeliverable Message\n"
	    "Date: Thu, 29 Apr 2021 23:34:45 +0900\n"
	    "MIME-Version: 1.0\nContent-Type: text/plain\n\n"
	    "Error: Message could not be delivered\n\n"
	    "Message details:\n  Subject: Test message\n"
	    "  Sent date: Wed Jun 12 02:21:53 GMT 2013\n"
	    "  MAIL FROM: sender@example.jp\n  RCPT TO: 0000000000@vtext.com\n"
	    "550 - Requested action not taken: no such user here\n";
	struct explain_result *res = run(m);
	assert_non_null(res);
	assert_int_equal(res->n, 1);
	assert_string_equal(res->rcpts[0].address, "0000000000@vtext.com");
	assert_string_equal(res->rcpts[0].reason, "userunknown");
	assert_string_equal(res->rcpts[0].reply, "550");
	explain_result_free(res);
}

/* the MMS gateway's form: "Error: words" after its opening line, the
 * recipient on a To: line of the original message's summary */
static void test_verizon_mms(void **state)
{
	static const char m[] =
	    "Received: from mms.vtext.com (mms.vtext.com [192.0.2.9]) by "
	    "mx.example.jp; Thu, 29 Apr 2021 23:34:45 +0900\n"
	    "From: sysadmin@mms.vzwpix.com\nTo: sender@example.jp\n"
	    "Subject: Undeliverable Message\n"
	    "Date: Thu, 29 Apr 2021 23:34:45 +0900\n"
	    "MIME-Version: 1.0\nContent-Type: text/plain\n\n"
	    "Message could not be delivered to mobile.\n"
	    "Error: No valid recipients for this MM\n\n"
	    "Original Message:\nFrom: kijitora <sender@example.jp>\n"
	    "To: 0000000000@vzwpix.com\nSubject: test for bounce\n";
	struct explain_result *res = run(m);
	assert_non_null(res);
	assert_int_equal(res->n, 1);
	assert_string_equal(res->rcpts[0].address, "0000000000@vzwpix.com");
	assert_string_equal(res->rcpts[0].reason, "userunknown");
	explain_result_free(res);
}

/* a qmail clone's report (Sisimai::Lhost::X4): qmail-remote.c's sentences
 * name the command (my name: HELO, blocked; does not like recipient:
 * RCPT, so user-unknown words are the mailbox's absence, not a filter),
 * qmail-ldap's name their cause whatever the status (suspend) */
static void test_qmail_clone(void **state)
{
	static const char m[] =
	    "Received: (qmail 12345 invoked for bounce); 29 Apr 2021 12:34:56 "
	    "-0000\n"
	    "From: MAILER-DAEMON@mx.example.jp\nTo: sender@example.jp\n"
	    "Subject: failure notice\nDate: Thu, 29 Apr 2021 23:34:45 +0900\n\n"
	    "Hi. This is the mail delivery agent at mx.example.jp.\n"
	    "Unable to deliver message to the following address(es).\n\n"
	    "<neko@example.jp>:\n"
	    "Connected to 192.0.2.25 but my name was rejected.\n"
	    "Remote host said: 501 5.0.0 Invalid domain name\n"
	    "Giving up on 192.0.2.25.\n\n"
	    "<tora@example.jp>:\n"
	    "Mailaddress is administrativly disabled. (#5.2.1)\n\n"
	    "<mike@example.jp>:\n192.0.2.26 does not like recipient.\n"
	    "Remote host said: 550 sorry, no mailbox here by that name\n"
	    "Giving up on 192.0.2.26.\n\n"
	    "--- Below this line is a copy of the message.\n\n"
	    "From: sender@example.jp\n";
	struct explain_result *res = run(m);
	assert_non_null(res);
	assert_int_equal(res->n, 3);
	assert_string_equal(res->rcpts[0].reason, "blocked");
	assert_string_equal(res->rcpts[0].command, "HELO");
	assert_string_equal(res->rcpts[1].address, "tora@example.jp");
	assert_string_equal(res->rcpts[1].reason, "suspend");
	assert_string_equal(res->rcpts[2].address, "mike@example.jp");
	assert_string_equal(res->rcpts[2].command, "RCPT");
	assert_string_equal(res->rcpts[2].reason, "userunknown");
	explain_result_free(res);
}

/* amavisd-new's report (Sisimai::Lhost::Amavis: From "Content-filter at
 * ..."): its words decide whatever the status says, a recipient's size
 * limit being exceedlimit though 5.3.4 is the code of mesgtoobig */
static void test_amavis(void **state)
{
	static const char m[] =
	    "From: \"Content-filter at neko1.example.jp\" "
	    "<postmaster@neko1.example.jp>\n"
	    "To: sender@example.jp\nSubject: Undeliverable mail, MTA-BLOCKED\n"
	    "Date: Thu, 29 Apr 2021 23:34:45 +0900\nMIME-Version: 1.0\n"
	    "Content-Type: multipart/report; report-type=delivery-status; "
	    "boundary=\"B\"\n\n"
	    "--B\nContent-Type: text/plain\n\n"
	    "The message WAS NOT relayed to:\n<kijitora@example.jp>:\n"
	    "   552 5.3.4 id=12345-01 - Message size exceeds recipient's size "
	    "limit\n<neko@example.jp>:\n"
	    "   554 5.7.0 id=12345-01 - INFECTED: Eicar-Test-Signature\n\n"
	    "--B\nContent-Type: message/delivery-status\n\n"
	    "Reporting-MTA: dns; neko1.example.jp\n\n"
	    "Final-Recipient: rfc822; kijitora@example.jp\nAction: failed\n"
	    "Status: 5.3.4\nDiagnostic-Code: smtp; 552 5.3.4 id=12345-01 - "
	    "Message size exceeds recipient's size limit\n\n"
	    "Final-Recipient: rfc822; neko@example.jp\nAction: failed\n"
	    "Status: 5.7.0\nDiagnostic-Code: smtp; 554 5.7.0 id=12345-01 - "
	    "INFECTED: Eicar-Test-Signature\n--B--\n";
	struct explain_result *res = run(m);
	assert_non_null(res);
	assert_int_equal(res->n, 2);
	assert_string_equal(res->rcpts[0].address, "kijitora@example.jp");
	assert_string_equal(res->rcpts[0].reason, "exceedlimit");
	assert_string_equal(res->rcpts[0].status, "5.3.4");
	assert_string_equal(res->rcpts[1].reason, "virusdetected");
	explain_result_free(res);
}

/* IBM Domino's report (Sisimai::Lhost::Domino: Subject "DELIVERY
 * FAILURE:", "was not delivered to:" / "because:" blocks) with the words
 * given */
static struct explain_result *domino(const char *because)
{
	static const char fmt[] =
	    "From: Postmaster <postmaster@mx.example.net>\n"
	    "To: sender@example.org\nSubject: DELIVERY FAILURE: %s\n"
	    "Date: Thu, 29 Apr 2021 23:34:45 +0900\nMIME-Version: 1.0\n"
	    "Content-Type: text/plain\n\nYour message\n\n"
	    "  Subject: Test Bounce\n\nwas not delivered to:\n\n"
	    "  kijitora@example.net\n\nbecause:\n\n  %s\n";
	char m[1024];
	snprintf(m, sizeof m, fmt, because, because);
	return run(m);
}

/* Domino's directory words decide (MessagesOf): "listed in" a public
 * address book is no block list */
static void test_domino(void **state)
{
	static const struct {
		const char *words, *reason;
	} cases[] = {
	    {"kijitora@example.net not listed in public Name & Address Book",
	     "userunknown"},
	    {"Cannot route mail to user (kijitora@example.net)", "filtered"},
	    {"Several matches found in Domino Directory", "systemerror"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		struct explain_result *res = domino(cases[i].words);
		assert_non_null(res);
		assert_int_equal(res->n, 1);
		assert_string_equal(res->rcpts[0].address,
				    "kijitora@example.net");
		if (strcmp(res->rcpts[0].reason, cases[i].reason) != 0)
			fail_msg("%s: want %s, got %s", cases[i].words,
				 cases[i].reason, res->rcpts[0].reason);
		explain_result_free(res);
	}
}

/* 1&1's report (Sisimai::Lhost::EinsUndEins): "for TEXT command" is the
 * reply to the message's text, DATA; host and reason follow */
static void test_einsundeins_text(void **state)
{
	static const char m[] =
	    "From: \"Mail Delivery System\" <mailer-daemon@kundenserver.de>\n"
	    "To: sender@example.org\n"
	    "Subject: Mail delivery failed: returning message to sender\n"
	    "Date: Thu, 29 Apr 2021 23:34:45 +0900\nMIME-Version: 1.0\n"
	    "Content-Type: text/plain\n\n"
	    "This message was created automatically by mail delivery "
	    "software.\n\nA message that you sent could not be delivered to "
	    "one or more of\nits recipients. This is a permanent error. The "
	    "following address failed:\n\nneko@example.fr:\n"
	    "SMTP error from remote server for TEXT command, host: "
	    "mx.example.fr (192.0.2.65) reason: 550 unknown user\n\n"
	    "--- The header of the original message is following. ---\n"
	    "From: sender@example.org\n";
	struct explain_result *res = run(m);
	assert_non_null(res);
	assert_int_equal(res->n, 1);
	assert_string_equal(res->rcpts[0].address, "neko@example.fr");
	assert_non_null(res->rcpts[0].command);
	assert_string_equal(res->rcpts[0].command, "DATA");
	assert_string_equal(res->rcpts[0].reply, "550");
	assert_string_equal(res->rcpts[0].reason, "filtered");
	explain_result_free(res);
}

/* PowerMTA's report (Sisimai::Lhost::PowerMTA): a delivery-status part
 * whose X-PowerMTA-BounceCategory names the reason, except the
 * categories sisimai decides again from the words (bad-mailbox) */
static struct explain_result *pmta(const char *category, const char *words)
{
	static const char fmt[] =
	    "From: postmaster@mail22.neko.example.net\nTo: sender@example.org\n"
	    "Subject: Delivery report\nDate: Thu, 29 Apr 2021 23:34:45 "
	    "-0400\nMIME-Version: 1.0\nContent-Type: multipart/report; "
	    "report-type=delivery-status; boundary=\"R\"\n\n"
	    "--R\nContent-Type: text/plain\n\n"
	    "Hello, this is the mail server on mail22.neko.example.net.\n\n"
	    "  <kijitora@example.jp>  delivery failed; will not continue "
	    "trying\n\n--R\nContent-Type: message/delivery-status\n\n"
	    "Reporting-MTA: dns;mail22.neko.example.net\n\n"
	    "Action: failed\nFinal-Recipient: rfc822;kijitora@example.jp\n"
	    "Status: 5.0.0\nRemote-MTA: dns;mx.example.jp (192.0.2.135)\n"
	    "Diagnostic-Code: smtp;%s\nX-PowerMTA-BounceCategory: %s\n\n"
	    "--R--\n";
	char m[2048];
	snprintf(m, sizeof m, fmt, words, category);
	return run(m);
}

static void test_powermta_category(void **state)
{
	struct explain_result *res =
	    pmta("spam-related", "554 Message refused by the remote host");
	assert_non_null(res);
	assert_int_equal(res->n, 1);
	assert_string_equal(res->rcpts[0].reason, "spamdetected");
	explain_result_free(res);
	res = pmta("quota-issues", "552 Requested action aborted");
	assert_non_null(res);
	assert_string_equal(res->rcpts[0].reason, "mailboxfull");
	explain_result_free(res);
	/* bad-mailbox: the words decide, here a block list */
	res = pmta("bad-mailbox",
		   "550 5.7.1 Client host rejected: listed by DNSBL");
	assert_non_null(res);
	assert_string_equal(res->rcpts[0].reason, "blocked");
	explain_result_free(res);
}

/* Microsoft's complaint report (JMRP), as sisimai's Sisimai::ARF reads
 * it: multipart/mixed from staff@hotmail.com, Subject "complaint about
 * message from IP", no feedback-report part; the recipient is the
 * original message's X-HmXmrOriginalRecipient */
static void test_arf_microsoft(void **state)
{
	static const char m[] =
	    "From: staff@hotmail.com\nTo: fbl@example.jp\n"
	    "Subject: complaint about message from 192.0.2.10\n"
	    "Date: Thu, 29 Apr 2021 23:34:45 +0000\nMIME-Version: 1.0\n"
	    "Content-Type: multipart/mixed; boundary=\"J\"\n\n"
	    "--J\nContent-Type: text/plain\n\nThis is an email abuse report "
	    "for an email message received from IP 192.0.2.10.\n\n"
	    "--J\nContent-Type: message/rfc822\n\n"
	    "X-HmXmrOriginalRecipient: <kijitora@hotmail.com>\n"
	    "From: shironeko@example.jp\nTo: list@example.org\n"
	    "Subject: sale\n\nbuy\n--J--\n";
	struct explain_result *res = run(m);
	assert_non_null(res);
	assert_int_equal(res->n, 1);
	assert_string_equal(res->rcpts[0].address, "kijitora@hotmail.com");
	assert_string_equal(res->rcpts[0].reason, "feedback");
	explain_result_free(res);
}

/* an RFC 5965 report whose recipient is redacted (Redacted-Address:
 * "localpart@"): the recipient is the To: of its text/rfc822-headers
 * part (Sisimai::ARF), and Feedback-Type on the part's first line is
 * read */
static void test_arf_redacted(void **state)
{
	static const char m[] =
	    "From: abuse@example.net\nTo: fbl@example.jp\n"
	    "Subject: FW: Abuse report\nDate: Thu, 29 Apr 2021 23:34:45 "
	    "+0000\nMIME-Version: 1.0\nContent-Type: multipart/report; "
	    "report-type=feedback-report; boundary=\"A\"\n\n"
	    "--A\nContent-Type: text/plain\n\nThis is an email abuse report "
	    "for an email message received from IP 192.0.2.10\n\n"
	    "--A\nContent-Type: message/feedback-report\n\n"
	    "Feedback-Type: abuse\nUser-Agent: SomeGenerator/1.0\nVersion: 1\n"
	    "Redacted-Address: kijitora@\nSource-IP: 192.0.2.10\n\n"
	    "--A\nContent-Type: text/rfc822-headers\n\n"
	    "From: shironeko@example.jp\nTo: kijitora@example.net\n"
	    "Subject: sale\n--A--\n";
	struct explain_result *res = run(m);
	assert_non_null(res);
	assert_int_equal(res->n, 1);
	assert_string_equal(res->rcpts[0].address, "kijitora@example.net");
	assert_string_equal(res->rcpts[0].reason, "feedback");
	assert_non_null(res->rcpts[0].diagnostic);
	assert_string_equal(res->rcpts[0].diagnostic, "abuse");
	explain_result_free(res);
}

/* automatic replies (RFC 3834) as sisimai's Sisimai::RFC3834 knows them:
 * not bounces but vacation, from the replier; an inbox "no longer in
 * use" is a suspended mailbox */
static struct explain_result *reply(const char *header, const char *body)
{
	static const char fmt[] =
	    "From: Kijitora <kijitora@example.jp>\nTo: sender@example.org\n"
	    "%s\nDate: Thu, 29 Apr 2021 23:34:45 +0900\nMIME-Version: 1.0\n"
	    "Content-Type: text/plain\n\n%s\n";
	char m[1024];
	snprintf(m, sizeof m, fmt, header, body);
	return run(m);
}

static void test_rfc3834(void **state)
{
	static const struct {
		const char *header, *body, *reason;
	} cases[] = {
	    {"Subject: Re: hello\nX-Apple-Action: vacation",
	     "I am away until Monday.", "vacation"},
	    {"Subject: Auto: hello", "I am away until Monday.", "vacation"},
	    {"Subject: hello\nAuto-Submitted: auto-generated",
	     "I am away until Monday.", "vacation"},
	    {"Subject: Re: hello\nAuto-Submitted: auto-replied",
	     "Thank you. This email inbox kijitora@example.jp is no longer "
	     "in use.",
	     "suspend"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		struct explain_result *res =
		    reply(cases[i].header, cases[i].body);
		if (!res || res->n != 1)
			fail_msg("%s: no recipient", cases[i].header);
		assert_string_equal(res->rcpts[0].address,
				    "kijitora@example.jp");
		if (strcmp(res->rcpts[0].reason, cases[i].reason) != 0)
			fail_msg("%s: want %s, got %s", cases[i].header,
				 cases[i].reason, res->rcpts[0].reason);
		explain_result_free(res);
	}
}

/* Gmail's own report (Sisimai::Lhost::Gmail): "(state N)" names the step
 * and, unless the status is specific or the reason one sisimai decides
 * again, the reason */
static struct explain_result *gmail(const char *said)
{
	static const char fmt[] =
	    "From: Mail Delivery Subsystem <mailer-daemon@googlemail.com>\n"
	    "To: sender@gmail.com\nSubject: Delivery Status Notification "
	    "(Failure)\nDate: Thu, 29 Apr 2021 23:34:45 +0000\n"
	    "MIME-Version: 1.0\nContent-Type: text/plain\n\n"
	    "This is an automatically generated Delivery Status Notification\n"
	    "\nDelivery to the following recipient failed permanently:\n\n"
	    "     kijitora@example.jp\n\nTechnical details of permanent "
	    "failure:\nGoogle tried to deliver your message, but it was "
	    "rejected by the recipient domain. We recommend contacting the "
	    "other email provider for further information about the cause of "
	    "this error. The error that the other server returned was: %s\n\n"
	    "   ----- Original message -----\n\nFrom: sender@gmail.com\n";
	char m[2048];
	snprintf(m, sizeof m, fmt, said);
	return run(m);
}

static void test_gmail_state(void **state)
{
	struct explain_result *res =
	    gmail("554 554 5.7.0 Header error (state 18).");
	assert_non_null(res);
	assert_int_equal(res->n, 1);
	assert_string_equal(res->rcpts[0].address, "kijitora@example.jp");
	assert_string_equal(res->rcpts[0].reason, "filtered");
	assert_string_equal(res->rcpts[0].command, "DATA");
	explain_result_free(res);
	/* a specific status decides over the state's reason */
	res = gmail("550 550 5.2.2 <kijitora@example.jp>... Mailbox Full "
		    "(state 14).");
	assert_non_null(res);
	assert_string_equal(res->rcpts[0].reason, "mailboxfull");
	assert_string_equal(res->rcpts[0].command, "RCPT");
	explain_result_free(res);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_fml_loop),
	    cmocka_unit_test(test_fml_not_member),
	    cmocka_unit_test(test_fml_subject),
	    cmocka_unit_test(test_fml_not_fml),
	    cmocka_unit_test(test_verizon_sms),
	    cmocka_unit_test(test_verizon_mms),
	    cmocka_unit_test(test_qmail_clone),
	    cmocka_unit_test(test_amavis),
	    cmocka_unit_test(test_domino),
	    cmocka_unit_test(test_einsundeins_text),
	    cmocka_unit_test(test_powermta_category),
	    cmocka_unit_test(test_arf_microsoft),
	    cmocka_unit_test(test_arf_redacted),
	    cmocka_unit_test(test_rfc3834),
	    cmocka_unit_test(test_gmail_state),
	};
	return cmocka_run_group_tests(tests, hx_setup, hx_teardown);
}
