/* test_explain.c — explain on real bounces (from $MD_SAMPLES), the log
 * lines of cases S4 and S5, Japanese-encoded bounces, and hostile inputs
 * (garbage, truncated MIME, a 50 MB line, 1,000 nested multiparts). */
#include "core/explain/explain.h"
#include "core/explain/explain_private.h"
#include "tests/unit/helper_file.h"
#include "tests/unit/helper_explain.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

/* Explain a sample file. Samples absent fail the test, loudly: a skip
 * would count as nothing and hide that no sample was read. */
static struct explain_result *sample(const char *name)
{
	const char *dir = getenv("MD_SAMPLES");
	char path[1024];
	snprintf(path, sizeof path, "%s/bounces/%s",
		 dir ? dir : "../shared/samples", name);
	size_t len = 0;
	char *buf = hf_read_file(path, &len);
	if (!buf)
		fail_msg("sample %s not found (set MD_SAMPLES to the samples "
			 "folder)",
			 path);
	struct explain_result *res = NULL;
	struct md_err err;
	assert_int_equal(
	    explain_buffer(hx_kb, buf, len, EXPLAIN_IN_UNKNOWN, &res, &err),
	    MD_OK);
	free(buf);
	return res;
}

static struct explain_result *text(const char *s)
{
	struct explain_result *res = NULL;
	struct md_err err;
	assert_int_equal(
	    explain_buffer(hx_kb, s, strlen(s), EXPLAIN_IN_UNKNOWN, &res, &err),
	    MD_OK);
	return res;
}

#define SAMPLE(var, name) struct explain_result *var = sample(name)

static void test_explain_postfix_dsn(void **state)
{
	(void)state;
	SAMPLE(res, "lhost-postfix-05.eml");
	assert_int_equal(res->input, EXPLAIN_IN_MESSAGE);
	assert_int_equal(res->n, 1);
	const struct explain_rcpt *r = &res->rcpts[0];
	assert_string_equal(r->address, "kijitora@example.org");
	assert_string_equal(r->status, "4.1.1");
	assert_string_equal(r->reply, "450");
	assert_string_equal(r->reason, "userunknown");
	assert_string_equal(r->remote_host, "excalibur.example.org");
	assert_false(r->hard_bounce); /* a 4xx is never hard */
	assert_true(r->failed);
	explain_result_free(res);
}

static void test_explain_exchange(void **state)
{
	(void)state;
	SAMPLE(res, "lhost-exchange2007-02.eml");
	assert_int_equal(res->n, 1);
	assert_string_equal(res->rcpts[0].address, "kijitora@example.edu");
	assert_string_equal(res->rcpts[0].status, "5.2.2");
	assert_string_equal(res->rcpts[0].reason, "mailboxfull");
	assert_int_equal(res->rcpts[0].who, REJ_WHO_RECIPIENT);
	explain_result_free(res);
}

static void test_explain_gmail_free_text(void **state)
{
	(void)state;
	SAMPLE(res, "lhost-gmail-16.eml");
	assert_int_equal(res->n, 1);
	assert_string_equal(res->rcpts[0].address,
			    "mailboxfull@bouncehammer.jp");
	assert_string_equal(res->rcpts[0].status, "5.2.2");
	assert_string_equal(res->rcpts[0].reply, "550");
	assert_string_equal(res->rcpts[0].reason, "mailboxfull");
	explain_result_free(res);
}

static void test_explain_arf_is_feedback(void **state)
{
	(void)state;
	SAMPLE(res, "arf-01.eml");
	assert_int_equal(res->n, 1);
	assert_string_equal(res->rcpts[0].reason, "feedback");
	assert_false(res->rcpts[0].failed);
	explain_result_free(res);
}

static void test_explain_vacation(void **state)
{
	(void)state;
	SAMPLE(res, "rfc3834-02.eml");
	assert_int_equal(res->n, 1);
	assert_string_equal(res->rcpts[0].reason, "vacation");
	assert_false(res->rcpts[0].failed);
	assert_int_equal(res->rcpts[0].who, REJ_WHO_NOBODY);
	explain_result_free(res);
}

/* S5: iCloud behind Proofpoint blocks the sending server. */
static void test_explain_s5_postfix_log(void **state)
{
	(void)state;
	struct explain_result *res = text(
	    "Apr 11 06:14:46 smtp_server_name postfix/smtp[ID]: B7E93A****:"
	    " to=<hogehoge@icloud.com>, relay=mx3.mail.icloud.com"
	    "[17.172.34.64]:25, delay=2, delays=0.12/0.01/1.3/0.55, "
	    "dsn=5.7.0, status=bounced (host mx3.mail.icloud.com"
	    "[17.172.34.64] said: 550 5.7.0 Blocked \xe2\x80\x93 see "
	    "https://support.proofpoint.com/dnsbl-lookup.cgi?ip=IP_ADDRESS"
	    " (in reply to MAIL FROM command))\n");
	assert_int_equal(res->input, EXPLAIN_IN_LOG);
	assert_int_equal(res->n, 1);
	const struct explain_rcpt *r = &res->rcpts[0];
	assert_string_equal(r->address, "hogehoge@icloud.com");
	assert_string_equal(r->status, "5.7.0");
	assert_string_equal(r->reply, "550");
	assert_string_equal(r->remote_host, "mx3.mail.icloud.com");
	assert_string_equal(r->command, "MAIL");
	assert_string_equal(r->reason, "blocked");
	assert_int_equal(r->who, REJ_WHO_SENDER_ADMIN);
	assert_string_equal(r->match.rule->id, "proofpoint-dnsbl");
	assert_string_equal(r->match.ip, ""); /* IP_ADDRESS is no IP */
	char *adv = explain_advice(r);
	assert_non_null(strstr(adv, "https://support.proofpoint.com/"
				    "dnsbl-lookup.cgi?ip="));
	free(adv);
	explain_result_free(res);

	/* With a real address in the text, the advice carries it. */
	struct explain_rcpt one;
	const char *l = "postfix/smtp[1]: X: to=<a@me.com>, relay=mx[1.2.3.4]"
			":25, dsn=5.7.0, status=bounced (host mx said: 554 "
			"5.7.0 Blocked - see https://support.proofpoint.com/"
			"dnsbl-lookup.cgi?ip=198.51.100.25)";
	assert_true(explain_log_line(hx_kb, l, strlen(l), &one));
	adv = explain_advice(&one);
	assert_non_null(strstr(adv, "dnsbl-lookup.cgi?ip=198.51.100.25 "));
	free(adv);
	explain_rcpt_done(&one);
}

/* S4: a relay without forward DNS. sisimai names this by its status, 4.7.1
 * (delivery not authorised): "blocked"; not "requireptr", which is about
 * the client IP's reverse DNS, while here the HELO name fails forward. */
static void test_explain_s4_helo_reply(void **state)
{
	(void)state;
	struct explain_result *res =
	    text("450 4.7.1 <omta0014.jcom.zaq.ne.jp>: Helo command rejected: "
		 "Host not found\n");
	assert_int_equal(res->n, 1);
	const struct explain_rcpt *r = &res->rcpts[0];
	assert_string_equal(r->status, "4.7.1");
	assert_string_equal(r->reply, "450");
	assert_string_equal(r->reason, "blocked");
	assert_int_equal(r->who, REJ_WHO_SENDER);
	assert_string_equal(r->match.host, "omta0014.jcom.zaq.ne.jp");
	char *sum = explain_summary(r);
	assert_non_null(strstr(sum, "omta0014.jcom.zaq.ne.jp"));
	free(sum);
	explain_result_free(res);

	/* The same from the receiving postfix's own log. */
	res = text("Apr 11 06:14:46 mx postfix/smtpd[9]: NOQUEUE: reject: RCPT "
		   "from unknown[203.0.113.9]: 450 4.7.1 <omta0014.jcom.zaq.ne"
		   ".jp>: Helo command rejected: Host not found; from=<mother@"
		   "shirao.net> to=<son@shirao.net> proto=ESMTP helo=<omta0014"
		   ".jcom.zaq.ne.jp>\n");
	assert_int_equal(res->n, 1);
	assert_string_equal(res->rcpts[0].address, "son@shirao.net");
	assert_string_equal(res->rcpts[0].reason, "blocked");
	explain_result_free(res);
}

static void japanese(const char *file, const char *addr, const char *reason,
		     const char *words)
{
	size_t len;
	char path[256];
	snprintf(path, sizeof path, "tests/fixtures/bounces/%s", file);
	char *buf = hf_read_file(path, &len);
	assert_non_null(buf);
	struct explain_result *res = NULL;
	struct md_err err;
	assert_int_equal(
	    explain_buffer(hx_kb, buf, len, EXPLAIN_IN_UNKNOWN, &res, &err),
	    MD_OK);
	free(buf);
	assert_int_equal(res->n, 1);
	assert_string_equal(res->rcpts[0].address, addr);
	assert_string_equal(res->rcpts[0].reason, reason);
	assert_non_null(strstr(res->rcpts[0].diagnostic, words));
	explain_result_free(res);
}

static void test_explain_iso2022jp(void **state)
{
	(void)state;
	japanese("iso2022jp.eml", "hanako@example.co.jp", "mailboxfull",
		 "メールボックスがいっぱいです");
}

static void test_explain_shift_jis_base64(void **state)
{
	(void)state;
	japanese("shift_jis.eml", "jiro@example.org", "userunknown",
		 "ユーザーが存在しません");
}

/* Hostile inputs: an answer or a clear refusal, never a crash. */
static void hostile(const char *buf, size_t len)
{
	struct explain_result *res = NULL;
	struct md_err err;
	md_err_clear(&err);
	enum md_status st =
	    explain_buffer(hx_kb, buf, len, EXPLAIN_IN_UNKNOWN, &res, &err);
	if (st == MD_OK)
		explain_result_free(res);
	else
		assert_true(err.text[0] != '\0');
}

static void test_explain_hostile_table(void **state)
{
	(void)state;
	static const struct {
		const char *s;
		size_t n;
	} table[] = {
	    {"", 0},
	    {"\0\0\0\0", 4},
	    {"\xff\xfe\x00garbage\x01\x02", 12},
	    {"From: a@b\n", 10},
	    {"Content-Type: multipart/report; boundary=x\n\n--x\nContent-"
	     "Type: message/delivery-status\n\nFinal-Recipient: rfc822;",
	     0},
	    {"Subject: x\nContent-Type: multipart/mixed; boundary=\"\n\n--", 0},
	    {"To: x\n\n<a@b.c>: 550", 0},
	    {"450 ", 0},
	    {"postfix/smtp: to=<, status=bounced (", 0},
	    {"2024-01-01 00:00:00 1abc ** ", 0},
	    {"sendmail[1]: x: to=<a@b>, stat=", 0},
	    {"From \nFrom \nFrom \n", 0},
	};
	for (size_t i = 0; i < sizeof table / sizeof table[0]; i++)
		hostile(table[i].s,
			table[i].n ? table[i].n : strlen(table[i].s));
	/* fuzz finding: "dsn=" at the very end of an unterminated line was
	 * read past the line (explain_log_line gets no NUL) */
	static const char line[] = {'x', ' ', 't', 'o', '=', '<', 'a', '>',
				    ',', ' ', 'd', 's', 'n', '=', '9', ',',
				    ' ', 's', 't', 'a', 't', '=', 'B', 'a'};
	char *exact = malloc(sizeof line);
	memcpy(exact, line, sizeof line);
	struct explain_rcpt r;
	if (explain_log_line(hx_kb, exact, sizeof line, &r))
		explain_rcpt_done(&r);
	free(exact);
	/* random bytes */
	unsigned x = 12345;
	char *junk = malloc(1 << 16);
	for (int round = 0; round < 8; round++) {
		for (size_t i = 0; i < (1 << 16); i++)
			junk[i] = (char)((x = x * 1103515245u + 12345u) >> 16);
		if (round % 2)
			memcpy(junk,
			       "From: a\nContent-Type: multipart/mixed; "
			       "boundary=b\n\n--b\n",
			       54);
		hostile(junk, 1 << 16);
	}
	free(junk);
}

static void test_explain_truncated_mime(void **state)
{
	(void)state;
	size_t len = 0;
	const char *dir = getenv("MD_SAMPLES");
	char path[1024];
	snprintf(path, sizeof path, "%s/bounces/lhost-postfix-05.eml",
		 dir ? dir : "../shared/samples");
	char *buf = hf_read_file(path, &len);
	if (!buf)
		fail_msg("sample %s not found (set MD_SAMPLES)", path);
	for (size_t cut = 0; cut < len; cut += len / 37 + 1)
		hostile(buf, cut);
	free(buf);
}

static void test_explain_50mb_line(void **state)
{
	(void)state;
	size_t n = (size_t)50 << 20;
	const char *head = "From: MAILER-DAEMON@x.example\nTo: a@b.example\n"
			   "Subject: Undelivered Mail\n\n<c@d.example>: ";
	size_t h = strlen(head);
	char *buf = malloc(h + n);
	memcpy(buf, head, h);
	memset(buf + h, 'A', n);
	hostile(buf, h + n);
	/* and as a log: one endless line, cut at 64 KiB */
	memcpy(buf + h, " postfix/smtp[1]: to=<a@b>, status=bounced (", 44);
	hostile(buf + h, n);
	free(buf);
}

/* A refusal at the bottom of depth nested multipart/mixed parts. */
static char *nested(int depth, size_t *len)
{
	size_t cap = 1 << 20, n = 0;
	char *buf = malloc(cap);
	n += (size_t)snprintf(buf, cap,
			      "From: x@y.example\nTo: a@b.example\n"
			      "MIME-Version: 1.0\n");
	for (int i = 0; i < depth; i++)
		n += (size_t)snprintf(buf + n, cap - n,
				      "Content-Type: multipart/mixed; "
				      "boundary=\"b%d\"\n\n--b%d\n",
				      i, i);
	n += (size_t)snprintf(buf + n, cap - n,
			      "Content-Type: text/plain\n\n<c@d.example>: 550 "
			      "5.1.1 User unknown\n");
	for (int i = depth - 1; i >= 0; i--)
		n += (size_t)snprintf(buf + n, cap - n, "--b%d--\n", i);
	*len = n;
	return buf;
}

/* 1000 levels: survived, and nothing read past the followed depth (48);
 * 40 levels: the refusal at the bottom is found. */
static void test_explain_nested_1000(void **state)
{
	(void)state;
	size_t n;
	char *buf = nested(1000, &n);
	hostile(buf, n);
	struct explain_result *res = text(buf);
	assert_int_equal(res->n, 0);
	explain_result_free(res);
	free(buf);

	buf = nested(40, &n);
	res = text(buf);
	assert_int_equal(res->n, 1);
	assert_string_equal(res->rcpts[0].address, "c@d.example");
	assert_string_equal(res->rcpts[0].status, "5.1.1");
	assert_string_equal(res->rcpts[0].reply, "550");
	explain_result_free(res);
	free(buf);
}

/* The precise status in the server's words wins over the report's field
 * (5.1.1 in the DSN, "550 5.7.1 ..." in the words). */
static void test_explain_status_from_words(void **state)
{
	(void)state;
	SAMPLE(res, "lhost-sendmail-36.eml");
	assert_int_equal(res->n, 1);
	assert_string_equal(res->rcpts[0].status, "5.7.1");
	assert_string_equal(res->rcpts[0].reply, "550");
	assert_string_equal(res->rcpts[0].reason, "blocked");
	explain_result_free(res);
}

/* A reply code of another class than the status is dropped (4.0.0 beside
 * "554 Blocked"). */
static void test_explain_reply_class_matches_status(void **state)
{
	(void)state;
	SAMPLE(res, "lhost-postfix-38.eml");
	assert_int_equal(res->n, 1);
	assert_string_equal(res->rcpts[0].status, "4.0.0");
	assert_string_equal(res->rcpts[0].reply, "");
	assert_string_equal(res->rcpts[0].reason, "blocked");
	explain_result_free(res);
}

/* "User unknown" answering RCPT is a missing mailbox even with a 5.2.1;
 * with no command and no address status it is the mailbox's filter. */
static void test_explain_unknown_user_by_command(void **state)
{
	(void)state;
	SAMPLE(res, "lhost-exim-02.eml");
	assert_true(res->n >= 2);
	assert_string_equal(res->rcpts[1].status, "5.2.1");
	assert_string_equal(res->rcpts[1].command, "RCPT");
	assert_string_equal(res->rcpts[1].reason, "userunknown");
	explain_result_free(res);
	SAMPLE(res2, "lhost-sendmail-27.eml");
	assert_int_equal(res2->n, 1);
	assert_null(res2->rcpts[0].command);
	assert_string_equal(res2->rcpts[0].status, "5.0.0");
	assert_string_equal(res2->rcpts[0].reason, "filtered");
	explain_result_free(res2);
}

/* sendmail's "NNN <a@b>... words" lines, each with the dialogue before
 * it (old sendmail, several recipients, no delivery-status part). */
static void test_explain_sendmail_transcript(void **state)
{
	(void)state;
	SAMPLE(res, "lhost-v5sendmail-05.eml");
	assert_int_equal(res->n, 4);
	assert_string_equal(res->rcpts[0].address, "kijitora@example.edu");
	assert_string_equal(res->rcpts[1].address, "kuroneko@example.or.jp");
	assert_string_equal(res->rcpts[1].reason, "hostunknown");
	assert_string_equal(res->rcpts[1].reply, "550");
	assert_string_equal(res->rcpts[3].address, "mikeneko@example.co.jp");
	assert_string_equal(res->rcpts[3].command, "RCPT");
	assert_string_equal(res->rcpts[3].reason, "userunknown");
	assert_string_equal(res->rcpts[3].status, "5.0.911");
	explain_result_free(res);
}

/* An ARF report with several Original-Rcpt-To: one recipient each. */
static void test_explain_arf_several_recipients(void **state)
{
	(void)state;
	SAMPLE(res, "arf-16.eml");
	assert_int_equal(res->n, 7);
	assert_string_equal(res->rcpts[0].address, "kijitora@example.com");
	assert_string_equal(res->rcpts[6].address, "sabineko@example.com");
	for (size_t i = 0; i < res->n; i++) {
		assert_string_equal(res->rcpts[i].reason, "feedback");
		assert_false(res->rcpts[i].failed);
	}
	explain_result_free(res);
}

/* Exchange 2003: the recipients come after "did not reach the following
 * recipient(s):", not in the summary of the message above it; IMail's
 * "Unknown user: a@b". */
static void test_explain_recipient_lines(void **state)
{
	(void)state;
	SAMPLE(res, "lhost-exchange2003-03.eml");
	assert_int_equal(res->n, 1);
	assert_string_equal(res->rcpts[0].address, "kijitora@example.jp");
	assert_string_equal(res->rcpts[0].reason, "userunknown");
	explain_result_free(res);
	SAMPLE(res2, "lhost-imailserver-01.eml");
	assert_int_equal(res2->n, 1);
	assert_string_equal(res2->rcpts[0].address, "kijitora@example.com");
	assert_string_equal(res2->rcpts[0].reason, "userunknown");
	assert_string_equal(res2->rcpts[0].status, "5.0.911");
	explain_result_free(res2);
}

/* Status and reply picked from words as sisimai reads them: x.0.0 and
 * 4.4.7 give way to another code; 5xx replies before 4xx; no program exit
 * status as a reply. */
static void test_explain_pick_codes(void **state)
{
	(void)state;
	char st[16], rp[4];
	assert_true(explain_pick_status("554 4.4.7 Message expired "
					"<421 4.4.2 Connection timed out>",
					st));
	assert_string_equal(st, "4.4.2");
	assert_true(explain_pick_status("5.0.0 only", st));
	assert_string_equal(st, "5.0.0");
	assert_false(explain_pick_status("relay 192.0.2.1 v5.1.2", st));
	assert_true(explain_pick_reply("220-laposte 421 4.2.1 refused", rp));
	assert_string_equal(rp, "421");
	assert_true(explain_pick_reply("554 x 550 Host unknown", rp));
	assert_string_equal(rp, "550");
	assert_false(explain_pick_reply("X-Unix; 255", rp));
	assert_false(explain_pick_reply("id 45501 at 5500", rp));
}

/* One recipient of a sample: reason, status, reply, rule and command. */
static void check_one(const char *name, size_t i, const char *reason,
		      const char *status, const char *reply, const char *rule)
{
	struct explain_result *res = sample(name);
	assert_true(res->n > i);
	const struct explain_rcpt *r = &res->rcpts[i];
	assert_string_equal(r->reason, reason);
	assert_string_equal(r->status, status);
	assert_string_equal(r->reply, reply);
	if (rule) {
		assert_non_null(r->match.rule);
		assert_string_equal(r->match.rule->id, rule);
	}
	explain_result_free(res);
}

/* Rules by remote server (sisimai's Rhost tables): a service's own codes
 * and words count when the server that answered is that service's; when
 * the report names none, the server that wrote it (its first Received:
 * hop) stands for it. */
static void test_explain_rules_by_remote_host(void **state)
{
	(void)state;
	check_one("rhost-franceptt-05.eml", 0, "suspend", "5.5.0", "550",
		  "franceptt-suspend");
	check_one("rhost-godaddy-03.eml", 0, "speeding", "5.1.1", "550",
		  "godaddy-speeding");
	check_one("rhost-tencent-01.eml", 0, "toomanyconn", "5.0.0", "550",
		  "tencent-toomanyconn");
	check_one("rhost-nttdocomo-02.eml", 0, "rejected", "5.0.0", "550",
		  "docomo-data");
	check_one("rhost-outlook-08.eml", 0, "userunknown", "5.5.0", "550",
		  "outlook-userunknown");
	SAMPLE(res, "rhost-outlook-08.eml");
	assert_string_equal(res->rcpts[0].report_host,
			    "CAT004-NEKO222.hotmail.com");
	explain_result_free(res);
	/* the same words from an unnamed server are not Outlook's */
	struct rej_query q = {
	    .text = "550 Requested action not taken: mailbox unavailable",
	    .reply = "550",
	    .rhost = "mx.example.net",
	};
	struct rej_match m;
	assert_true(rej_kb_match(hx_kb, &q, &m));
	assert_string_not_equal(m.rule->id, "outlook-userunknown");
}

/* Exim's own status codes: a reply to MAIL FROM carries the onhold code
 * of its class whatever the reason; an expiry without a code is
 * temporary; its recipients follow "The following address(es) failed",
 * not the sender named above it. */
static void test_explain_exim_status(void **state)
{
	(void)state;
	check_one("lhost-exim-36.eml", 0, "rejected", "5.0.901", "550", NULL);
	check_one("lhost-exim-38.eml", 0, "requireptr", "4.0.901", "450", NULL);
	check_one("lhost-exim-06.eml", 0, "expired", "4.0.947", "",
		  "exim-expired");
	SAMPLE(res, "lhost-exim-08.eml");
	assert_string_equal(res->rcpts[0].address, "kijitora@example.org");
	assert_string_equal(res->rcpts[0].status, "4.0.947");
	assert_string_equal(res->rcpts[0].reason, "expired");
	explain_result_free(res);
}

/* OpenSMTPD: its "a@b: words" line wins over its delivery-status part
 * (a queue status) and ends the words; no code means permanent. */
static void test_explain_opensmtpd_text_first(void **state)
{
	(void)state;
	check_one("lhost-opensmtpd-15.eml", 0, "expired", "5.0.947", "", NULL);
	check_one("lhost-opensmtpd-04.eml", 0, "networkerror", "5.0.944", "",
		  NULL);
}

/* Reports the MIME reader cannot split: a boundary that is missing or
 * wrong (the text holds it all), delivery-status fields inside the text
 * part with their Status comments as words, a bounce forwarded as an
 * attachment. */
static void test_explain_unsplit_reports(void **state)
{
	(void)state;
	check_one("rhost-google-02.eml", 0, "userunknown", "5.1.1", "550",
		  NULL);
	check_one("lhost-apachejames-01.eml", 0, "filtered", "5.0.910", "550",
		  NULL);
	SAMPLE(res, "rfc3464-35.eml");
	assert_int_equal(res->n, 3);
	assert_string_equal(res->rcpts[1].address, "sabatora@cat.example.net");
	assert_string_equal(res->rcpts[1].status, "4.0.0");
	assert_string_equal(res->rcpts[1].reason, "networkerror");
	assert_string_equal(res->rcpts[2].reason, "filtered");
	explain_result_free(res);
	SAMPLE(res2, "lhost-x5-01.eml");
	assert_int_equal(res2->n, 1);
	assert_string_equal(res2->rcpts[0].address,
			    "kijitora@neko.example.org");
	assert_string_equal(res2->rcpts[0].status, "5.1.1");
	assert_string_equal(res2->rcpts[0].reason, "userunknown");
	explain_result_free(res2);
}

/* A program's exit (Diagnostic-Code: X-Unix) is a mailer error; its exit
 * status is no reply code, the text's reply is. */
static void test_explain_xunix_mailer(void **state)
{
	(void)state;
	check_one("lhost-postfix-43.eml", 0, "mailererror", "4.3.0", "",
		  "xunix-mailererror");
	check_one("lhost-sendmail-18.eml", 0, "mailererror", "5.3.0", "554",
		  "xunix-mailererror");
}

/* Free-text shapes: a bracketed field list naming the recipient (Zoho),
 * a transcript after the recipient line (EZweb), the words before a
 * recipient that has none. */
static void test_explain_text_shapes(void **state)
{
	(void)state;
	check_one("lhost-zoho-04.eml", 0, "expired", "4.0.947", "421", NULL);
	check_one("lhost-ezweb-07.eml", 0, "userunknown", "5.0.911", "550",
		  NULL);
	check_one("lhost-ezweb-05.eml", 0, "expired", "5.0.947", "", NULL);
	/* "MAIL FROM: a@b" and "From: a@b" name no recipient */
	struct explain_result *res =
	    text("From: MAILER-DAEMON@example.org\nTo: s@example.org\n"
		 "Subject: failure notice\n\nError: 550 no such user\n"
		 "MAIL FROM: s@example.org\nFrom: x@example.org\n"
		 "RCPT TO: r@example.net\n");
	assert_int_equal(res->n, 1);
	assert_string_equal(res->rcpts[0].address, "r@example.net");
	assert_string_equal(res->rcpts[0].reply, "550");
	explain_result_free(res);
}

/* A failure's code wins over a transcript's successes; the reply code of
 * the status's class comes first. */
static void test_explain_pick_failure_codes(void **state)
{
	(void)state;
	char st[16], rp[4];
	assert_true(explain_pick_status("Out: 250 2.1.0 Ok Out: 451 4.3.0 "
					"Error: queue file write error",
					st));
	assert_string_equal(st, "4.3.0");
	assert_true(explain_pick_status("250 2.1.5 Ok", st));
	assert_string_equal(st, "2.1.5");
	assert_true(explain_pick_reply_class("554 4.4.7 expired <421 4.4.2 "
					     "timed out>",
					     '4', rp));
	assert_string_equal(rp, "421");
	assert_true(explain_pick_reply_class("X-Unix; 255 554 5.3.0 unknown "
					     "mailer error",
					     '5', rp));
	assert_string_equal(rp, "554");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_explain_postfix_dsn),
	    cmocka_unit_test(test_explain_exchange),
	    cmocka_unit_test(test_explain_gmail_free_text),
	    cmocka_unit_test(test_explain_arf_is_feedback),
	    cmocka_unit_test(test_explain_vacation),
	    cmocka_unit_test(test_explain_s5_postfix_log),
	    cmocka_unit_test(test_explain_s4_helo_reply),
	    cmocka_unit_test(test_explain_iso2022jp),
	    cmocka_unit_test(test_explain_shift_jis_base64),
	    cmocka_unit_test(test_explain_hostile_table),
	    cmocka_unit_test(test_explain_truncated_mime),
	    cmocka_unit_test(test_explain_50mb_line),
	    cmocka_unit_test(test_explain_nested_1000),
	    cmocka_unit_test(test_explain_status_from_words),
	    cmocka_unit_test(test_explain_reply_class_matches_status),
	    cmocka_unit_test(test_explain_unknown_user_by_command),
	    cmocka_unit_test(test_explain_sendmail_transcript),
	    cmocka_unit_test(test_explain_arf_several_recipients),
	    cmocka_unit_test(test_explain_recipient_lines),
	    cmocka_unit_test(test_explain_pick_codes),
	    cmocka_unit_test(test_explain_rules_by_remote_host),
	    cmocka_unit_test(test_explain_exim_status),
	    cmocka_unit_test(test_explain_opensmtpd_text_first),
	    cmocka_unit_test(test_explain_unsplit_reports),
	    cmocka_unit_test(test_explain_xunix_mailer),
	    cmocka_unit_test(test_explain_text_shapes),
	    cmocka_unit_test(test_explain_pick_failure_codes),
	};
	return cmocka_run_group_tests(tests, hx_setup, hx_teardown);
}
