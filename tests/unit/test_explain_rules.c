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
#include "tests/unit/helper_explain.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct shape {
	const char *name, *status, *words, *reason;
	const char *rhost; /* Remote-MTA, or NULL */
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
    /* the command is the last one the words name (SMTP::Command) */
    {"transcript-data", "5.7.1",
     ">>> RCPT To:<a@example.jp> <<< 250 2.1.5 Ok >>> DATA <<< 550 5.7.1 "
     "User unknown",
     "filtered"},
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
    /* sisimai's Rhost tables: the server that answered decides */
    {"ms-banned-ip", "5.7.606",
     "550 5.7.606 Access denied, banned sending IP [192.0.2.1]", "blocked",
     "example-com.mail.protection.outlook.com"},
    {"ms-rule-9xx", "5.7.950",
     "550 5.7.950 Delivery not authorized, message refused", "policyviolation",
     "example-com.mail.protection.outlook.com"},
    {"ms-571", "5.7.1", "550 5.7.1 Delivery not authorized, message refused",
     "rejected", "example-com.mail.protection.outlook.com"},
    {"google-unsolicited", "5.7.1",
     "550-5.7.1 Our system has detected that this message is likely "
     "unsolicited mail",
     "spamdetected", "gmail-smtp-in.l.google.com"},
    {"google-suspend", "5.2.1",
     "550 5.2.1 The email account that you tried to reach is inactive",
     "suspend", "gmail-smtp-in.l.google.com"},
    {"facebook-rcp-p2", "5.0.0", "550 5.0.0 RCP-P2 preferences", "filtered",
     "mx.facebook.com"},
    /* Exchange's NDR codes (Sisimai::Lhost::Exchange2007) */
    {"ndr-nonexistent", "5.4.4",
     "554 5.4.4 SMTPSEND.DNS.NonExistentDomain; nonexistent domain",
     "hostunknown"},
    {"ndr-mxloopback", "5.4.4", "554 5.4.4 SMTPSEND.DNS.MxLoopback; loop",
     "networkerror"},
    {"ndr-exrecip", "5.1.1",
     "550 5.1.1 RESOLVER.ADR.ExRecipNotFound; not found", "userunknown"},
    {"ndr-reciplimit", "5.5.3",
     "550 5.5.3 RESOLVER.ADR.RecipLimit; too many recipients", "toomanyconn"},
    {"ndr-authrequired", "5.7.1",
     "550 5.7.1 RESOLVER.RST.AuthRequired; authentication required",
     "securityerror"},
    {"ndr-badprimary", "5.2.0", "550 5.2.0 RESOLVER.ADR.BadPrimary",
     "systemerror"},
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
	    "%s%s%sDiagnostic-Code: smtp; %s\n\n--b1--\n";
	const char *rh = s->rhost ? s->rhost : "";
	size_t n =
	    sizeof fmt + strlen(s->status) + strlen(s->words) + strlen(rh) + 32;
	char *m = malloc(n);
	assert_non_null(m);
	snprintf(m, n, fmt, s->status[0] ? "Status: " : "", s->status,
		 s->status[0] ? "\n" : "", *rh ? "Remote-MTA: dns; " : "", rh,
		 *rh ? "\n" : "", s->words);
	return m;
}

static void test_explain_rules_shapes(void **state)
{
	size_t bad = 0;
	for (size_t i = 0; i < sizeof shapes / sizeof *shapes; i++) {
		char *m = dsn(&shapes[i]);
		struct explain_result *res = NULL;
		struct md_err err = {0};
		assert_int_equal(explain_buffer(hx_kb, m, strlen(m),
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
	    explain_buffer(hx_kb, m, strlen(m), EXPLAIN_IN_UNKNOWN, &res, &err),
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
	/* SES's e-mail form: the quoted reply's code wins over 5.1.0 */
	static const char mail[] =
	    "From: MAILER-DAEMON@email-bounces.amazonses.com\n"
	    "To: s@example.com\nSubject: Delivery Status Notification "
	    "(Failure)\nX-AWS-Outgoing: 192.0.2.9\nMIME-Version: 1.0\n"
	    "Content-Type: multipart/report; report-type=delivery-status; "
	    "boundary=\"b\"\n\n--b\nContent-Type: text/plain\n\nAn error "
	    "occurred while trying to deliver the mail.\n\n--b\n"
	    "Content-Type: message/delivery-status\n\nReporting-MTA: dns; "
	    "a1.smtp-out.amazonses.com\n\nFinal-Recipient: rfc822; "
	    "k@example.jp\nAction: failed\nStatus: 5.1.0\nDiagnostic-Code: "
	    "smtp; 5.1.0 - Unknown address error 550-'5.7.1 <k@example.jp>"
	    "... Access denied' (delivery attempts: 0)\n\n--b--\n";
	struct md_err err = {0};
	res = NULL;
	assert_int_equal(explain_buffer(hx_kb, mail, strlen(mail),
					EXPLAIN_IN_UNKNOWN, &res, &err),
			 MD_OK);
	assert_int_equal(res->n, 1);
	assert_string_equal(res->rcpts[0].status, "5.7.1");
	assert_string_equal(res->rcpts[0].reason, "securityerror");
	explain_result_free(res);
	/* JSON that is no notification names nobody */
	res = ses("{\"notificationType\":\"Open\",\"x\":[1,2]}\n");
	assert_int_equal(res->n, 0);
	explain_result_free(res);
}

/* Each phrase of sisimai's lists (rb-sisimai lib/sisimai/reason/NAME.rb:
 * the Index of Expired, Suspend, SystemError, BadReputation, TooManyConn,
 * RequirePTR, HostUnknown, NetworkError, Filtered, MailboxFull,
 * NoRelaying, NotAccept, HasMoved, Rejected, PolicyViolation, MesgTooBig,
 * ContentError, SystemFull, SecurityError), alone as the words of a
 * report with no status, gives that list's reason; those marked "by
 * order" give the reason another rule decides first: an older sisimai
 * list put them there (systemerror), sisimai's own order (a phrase in two
 * lists: MailboxFull and Rejected come first), this KB's sending-rate
 * words (speeding), postfix's look-up words (hostunknown without 5.1.2),
 * and two Rejected phrases that sisimai takes only after MAIL FROM or
 * with an unknown status, which this KB cannot say (onhold). */
static const struct {
	const char *phrase, *reason;
} phrases[] = {
    /* expired */
    {"connection timed out", "expired"},
    {"could not find a gateway for", "expired"},
    {"delivery attempts will continue to be", "expired"},
    {"delivery time expired", "expired"},
    {"failed to deliver to domain ", "expired"},
    {"giving up on", "expired"},
    {"have been failing for a long time", "systemerror"}, /* by order */
    {"has been delayed", "expired"},
    {"it has not been collected after", "expired"},
    {"message expired after sitting in queue for", "expired"},
    {"message expired, connection refulsed", "expired"},
    {"message timed out", "expired"},
    {"retry time not reached for any host after a long failure period",
     "expired"},
    {"server did not respond", "expired"},
    {"this message has been in the queue too long", "expired"},
    {"unable to deliver message after multiple retries", "expired"},
    {"was not reachable within the allowed queue period", "expired"},
    {"your message could not be delivered for more than", "expired"},
    /* suspend */
    {" is currently suspended", "suspend"},
    {" temporary locked", "suspend"},
    {"boite du destinataire archivee", "suspend"},
    {"email account that you tried to reach is disabled", "suspend"},
    {"has been suspended", "suspend"},
    {"invalid/inactive user", "suspend"},
    {"is a deactivated mailbox", "suspend"},
    {"is unavailable: user is terminated", "suspend"},
    {"mailbox currently suspended", "suspend"},
    {"mailbox is frozen", "suspend"},
    {"mailbox unavailable or access denied", "suspend"},
    {"recipient rejected: temporarily inactive", "suspend"},
    {"recipient suspend the service", "suspend"},
    {"this account has been disabled or discontinued", "suspend"},
    {"this mailbox is disabled", "suspend"},
    {"user suspended", "suspend"},
    {"vdelivermail: account is locked email bounced", "suspend"},
    /* systemerror */
    {"aliasing/forwarding loop broken", "systemerror"},
    {"can't create user output file", "systemerror"},
    {"could not load drd for domain", "systemerror"},
    {"internal error reading data", "systemerror"},
    {"internal server error: operation now in progress", "systemerror"},
    {"interrupted system call", "systemerror"},
    {"it encountered an error while being processed", "systemerror"},
    {"it would create a mail loop", "systemerror"},
    {"local configuration error", "systemerror"},
    {"local error in processing", "systemerror"},
    {"loop was found in the mail exchanger", "systemerror"},
    {"loops back to myself", "systemerror"},
    {"mail system configuration error", "systemerror"},
    {"recipient deferred because there is no mdb", "systemerror"},
    {"remote server is misconfigured", "systemerror"},
    {"server configuration error", "systemerror"},
    {"service currently unavailable", "systemerror"},
    {"system config error", "systemerror"},
    {"temporary local problem", "systemerror"},
    {"timeout waiting for input", "systemerror"},
    {"transaction failed", "systemerror"},
    /* badreputation */
    {"a poor email reputation score", "badreputation"},
    {"has been temporarily rate limited due to ip reputation", "badreputation"},
    {"ip/domain reputation problems", "badreputation"},
    {"likely suspicious due to the very low reputation", "badreputation"},
    {"the sending mta's poor reputation", "badreputation"},
    /* toomanyconn */
    {"all available ips are at maximum connection limit", "toomanyconn"},
    {"connection rate limit exceeded", "toomanyconn"},
    {"exceeds per-domain connection limit for", "toomanyconn"},
    {"has exceeded the max emails per hour ", "toomanyconn"},
    {"throttling failure: daily message quota exceeded",
     "speeding"}, /* by order */
    {"throttling failure: maximum sending rate exceeded",
     "speeding"}, /* by order */
    {"too many connections", "toomanyconn"},
    {"too many connections from your host.", "toomanyconn"},
    {"too many concurrent smtp connections", "toomanyconn"},
    {"too many errors from your ip", "toomanyconn"},
    {"too many recipients", "toomanyconn"},
    {"too many smtp sessions for this host", "toomanyconn"},
    {"trop de connexions, ", "toomanyconn"},
    {"we have already made numerous attempts to deliver this message",
     "toomanyconn"},
    /* requireptr */
    {"access denied. ip name lookup failed", "requireptr"},
    {"all mail servers must have a ptr record with a valid reverse dns entry",
     "requireptr"},
    {"bad dns ptr resource record", "requireptr"},
    {"cannot find your hostname", "requireptr"},
    {"client host rejected: cannot find your hostname", "requireptr"},
    {"fix reverse dns for ", "requireptr"},
    {"ips with missing ptr records", "requireptr"},
    {"no ptr record found.", "requireptr"},
    {"please get a custom reverse dns name from your isp for your host",
     "requireptr"},
    {"ptr record setup", "requireptr"},
    {"reverse dns failed", "requireptr"},
    {"reverse dns required", "requireptr"},
    {"sender ip reverse lookup rejected", "requireptr"},
    {"the ip address sending this message does not have a ptr record setup",
     "requireptr"},
    {"the corresponding forward dns entry does not point to the sending ip",
     "requireptr"},
    {"this system will not accept messages from servers/devices with no "
     "reverse dns",
     "requireptr"},
    {"unresolvable relay host name", "requireptr"},
    {"we do not accept mail from hosts with dynamic ip or generic dns "
     "ptr-records",
     "requireptr"},
    {"domain example.jp mismatches client ip", "requireptr"},
    {"dns lookup failure: example.jp try again later", "requireptr"},
    {"reverse dns lookup for host 192.0.2.1 failed permanently", "requireptr"},
    {"server access 192.0.2.1 forbidden by invalid rdns record of your mail "
     "server",
     "requireptr"},
    {"service permits no unverifyable sending ips", "requireptr"},
    /* hostunknown */
    {"domain does not exist", "hostunknown"},
    {"domain is not reachable", "hostunknown"},
    {"domain must exist", "hostunknown"},
    {"host or domain name not found", "hostunknown"},
    {"host unknown", "hostunknown"},
    {"host unreachable", "hostunknown"},
    {"mail domain mentioned in email address is unknown", "hostunknown"},
    {"name or service not known", "hostunknown"},
    {"no such domain", "hostunknown"},
    {"recipient address rejected: unknown domain name", "hostunknown"},
    {"recipient domain must exist", "hostunknown"},
    {"the account or domain may not exist", "hostunknown"},
    {"unknown host", "hostunknown"},
    {"unroutable address", "hostunknown"},
    {"unrouteable address", "hostunknown"},
    {"553 example.jp does not exist", "hostunknown"},
    /* networkerror */
    {"could not connect and send the mail to", "systemerror"}, /* by order */
    {"dns records for the destination computer could not be found",
     "networkerror"},
    {"hop count exceeded - possible mail loop", "networkerror"},
    {"host is unreachable", "networkerror"},
    {"host not found, try again", "hostunknown"}, /* by order */
    {"mail forwarding loop for ", "systemerror"}, /* by order */
    {"malformed name server reply", "networkerror"},
    {"malformed or unexpected name server reply", "networkerror"},
    {"maximum forwarding loop count exceeded", "networkerror"},
    {"message looping", "networkerror"},
    {"message probably in a routing loop", "systemerror"}, /* by order */
    {"no route to host", "networkerror"},
    {"too many hops", "networkerror"},
    {"unable to resolve route ", "networkerror"},
    {"unrouteable mail domain", "hostunknown"}, /* by order */
    /* filtered */
    {"because the recipient is only accepting mail from specific email "
     "addresses",
     "filtered"},
    {"bounced address", "filtered"},
    {"due to extended inactivity new mail is not currently being accepted for "
     "this mailbox",
     "filtered"},
    {"has restricted sms e-mail", "filtered"},
    {"is not accepting any mail", "filtered"},
    {"message rejected due to user rules", "filtered"},
    {"refused due to recipient preferences", "filtered"},
    {"resolver.rst.notauthorized", "filtered"},
    {"this account is protected by", "filtered"},
    {"user not found", "filtered"},
    {"user reject", "filtered"},
    {"we failed to deliver mail because the following address recipient id "
     "refuse to receive mail",
     "filtered"},
    {"you have been blocked by the recipient", "filtered"},
    /* mailboxfull */
    {"account disabled temporarly for exceeding receiving limits",
     "mailboxfull"},
    {"account is exceeding their quota", "mailboxfull"},
    {"account is over quota", "mailboxfull"},
    {"account is temporarily over quota", "mailboxfull"},
    {"boite du destinataire pleine", "mailboxfull"},
    {"delivery failed: over quota", "mailboxfull"},
    {"disc quota exceeded", "mailboxfull"},
    {"does not have enough space", "mailboxfull"},
    {"exceeded storage allocation", "mailboxfull"},
    {"exceeding its mailbox quota", "mailboxfull"},
    {"full mailbox", "mailboxfull"},
    {"is over disk quota", "mailboxfull"},
    {"is over quota temporarily", "mailboxfull"},
    {"mail file size exceeds the maximum size allowed for mail delivery",
     "mailboxfull"},
    {"mail quota exceeded", "mailboxfull"},
    {"mailbox exceeded the local limit", "mailboxfull"},
    {"mailbox full", "mailboxfull"},
    {"mailbox has exceeded its disk space limit", "mailboxfull"},
    {"mailbox is full", "mailboxfull"},
    {"mailbox over quota", "mailboxfull"},
    {"mailbox quota usage exceeded", "mailboxfull"},
    {"mailbox size limit exceeded", "mailboxfull"},
    {"maildir over quota", "mailboxfull"},
    {"maildir delivery failed: userdisk quota x", "mailboxfull"},
    {"maildir delivery failed: domaindisk quota x", "mailboxfull"},
    {"mailfolder is full", "mailboxfull"},
    {"not enough storage space in", "mailboxfull"},
    {"over the allowed quota", "mailboxfull"},
    {"quota exceeded", "mailboxfull"},
    {"quota violation for", "mailboxfull"},
    {"recipient reached disk quota", "mailboxfull"},
    {"recipient rejected: mailbox would exceed maximum allowed storage",
     "mailboxfull"},
    {"the recipient mailbox has exceeded its disk space limit", "mailboxfull"},
    {"the user's space has been used up", "mailboxfull"},
    {"the user you are trying to reach is over quota", "mailboxfull"},
    {"too much mail data", "mailboxfull"},
    {"user has exceeded quota, bouncing mail", "mailboxfull"},
    {"user has too many messages on the server", "mailboxfull"},
    {"user is over quota", "mailboxfull"},
    {"user is over the quota", "mailboxfull"},
    {"user over quota", "mailboxfull"},
    {"user over quota. (#5.1.1)", "mailboxfull"},
    {"was automatically rejected: quota exceeded", "mailboxfull"},
    {"would be over the allowed quota", "mailboxfull"},
    /* norelaying */
    {"as a relay", "norelaying"},
    {"insecure mail relay", "norelaying"},
    {"is not permitted to relay through this server without authentication",
     "norelaying"},
    {"mail server requires authentication when attempting to send to a "
     "non-local e-mail address",
     "norelaying"},
    {"not a gateway", "norelaying"},
    {"not allowed to relay through this machine", "norelaying"},
    {"not an open relay, so get lost", "norelaying"},
    {"not local host", "norelaying"},
    {"relay access denied", "norelaying"},
    {"relay denied", "norelaying"},
    {"relay not permitted", "norelaying"},
    {"relaying denied", "norelaying"},
    {"relaying mail to x", "norelaying"},
    {"that domain isn't in my list of allowed rcpthost", "norelaying"},
    {"this system is not configured to relay mail", "norelaying"},
    {"unable to relay for", "norelaying"},
    {"we don't handle mail for", "norelaying"},
    /* notaccept */
    {"host/domain does not accept mail", "notaccept"},
    {"host does not accept mail", "notaccept"},
    {"mail receiving disabled", "notaccept"},
    {"name server: .: host not found", "notaccept"},
    {"no mx record found for domain=", "notaccept"},
    {"no route for current request", "notaccept"},
    {"smtp protocol returned a permanent error", "notaccept"},
    /* hasmoved */
    {"a@example.jp has been replaced by b@example.jp", "hasmoved"},
    /* rejected */
    {"access denied (in reply to mail from command)", "rejected"},
    {"access denied (sender blacklisted)", "rejected"},
    {"address rejected", "onhold"}, /* by order */
    {"administrative prohibition", "rejected"},
    {"batv failed to verify", "rejected"},
    {"batv validation failure", "rejected"},
    {"backscatter protection detected an invalid or expired email address",
     "rejected"},
    {"bogus mail from", "rejected"},
    {"connections not accepted from servers without a valid sender domain",
     "rejected"},
    {"denied [bouncedeny]", "rejected"},
    {"denied by secumail valid-address-filter", "rejected"},
    {"delivery not authorized, message refused", "rejected"},
    {"does not exist e2110", "rejected"},
    {"domain of sender address ", "rejected"},
    {"emetteur invalide", "rejected"},
    {"empty envelope senders not allowed", "rejected"},
    {"error: no third-party dsns", "rejected"},
    {"from: domain is invalid. please provide a valid from:", "rejected"},
    {"fully qualified email address required", "rejected"},
    {"invalid domain, see <url:", "rejected"},
    {"invalid sender", "rejected"},
    {"is not a registered gateway user", "rejected"},
    {"mail from not owned by user", "rejected"},
    {"message rejected: email address is not verified", "rejected"},
    {"mx records for ", "onhold"}, /* by order */
    {"null sender is not allowed", "rejected"},
    {"recipient addresses rejected : access denied", "rejected"},
    {"recipient not accepted. (batv: no tag", "rejected"},
    {"returned mail not accepted here", "rejected"},
    {"rfc 1035 violation: recursive cname records for", "rejected"},
    {"rule imposed mailbox access for", "rejected"},
    {"sender address has been blacklisted", "rejected"},
    {"sender email address rejected", "rejected"},
    {"sender is spammer", "rejected"},
    {"sender not pre-approved", "rejected"},
    {"sender rejected", "rejected"},
    {"sender domain is empty", "rejected"},
    {"sender verify failed", "rejected"},
    {"syntax error: empty email address", "rejected"},
    {"the message has been rejected by batv defense", "rejected"},
    {"this server does not accept mail from", "rejected"},
    {"transaction failed unsigned dsn for", "rejected"},
    {"unroutable sender address", "rejected"},
    {"you are sending to/from an address that has been blacklisted",
     "rejected"},
    /* policyviolation */
    {"an illegal attachment on your message", "policyviolation"},
    {"by non-member to a members-only list", "rejected"}, /* by order */
    {"closed mailing list", "policyviolation"},
    {"denied by policy", "policyviolation"},
    {"dmarc policy", "authfailure"}, /* by order */
    {"email not accepted for policy reasons", "policyviolation"},
    {"email rejected due to security policies", "policyviolation"},
    {"header are not accepted", "policyviolation"},
    {"header error", "policyviolation"},
    {"local policy violation", "policyviolation"},
    {"message bounced due to organizational settings", "policyviolation"},
    {"message given low priority", "policyviolation"},
    {"message not accepted for policy reasons", "policyviolation"},
    {"messages with multiple addresses", "policyviolation"},
    {"rejected for policy reasons", "policyviolation"},
    {"protocol violation", "policyviolation"},
    {"the email address used to send your message is not subscribed to this "
     "group",
     "policyviolation"},
    {"this message was blocked because its content presents a potential",
     "policyviolation"},
    {"we do not accept messages containing images or other attachments",
     "policyviolation"},
    {"you have exceeded the allowable number of posts without solving a "
     "captcha",
     "policyviolation"},
    /* mesgtoobig */
    {"exceeded maximum inbound message size", "mesgtoobig"},
    {"line limit exceeded", "mesgtoobig"},
    {"max message size exceeded", "mesgtoobig"},
    {"message file too big", "mesgtoobig"},
    {"message length exceeds administrative limit", "mesgtoobig"},
    {"message size exceeds fixed limit", "mesgtoobig"},
    {"message size exceeds fixed maximum message size", "mesgtoobig"},
    {"message size exceeds maximum value", "mesgtoobig"},
    {"message too big", "mesgtoobig"},
    {"message too large for this ", "mesgtoobig"},
    {"size limit", "mesgtoobig"},
    {"taille limite du message atteinte", "mesgtoobig"},
    /* contenterror */
    {"improper use of 8-bit data in message header", "contenterror"},
    {"message header size, or recipient list, exceeds policy limit",
     "contenterror"},
    {"message mime complexity exceeds the policy maximum", "contenterror"},
    {"routing loop detected -- too many received: headers",
     "systemerror"}, /* by order */
    {"this message contain invalid mime headers", "contenterror"},
    {"this message contain improperly-formatted binary content",
     "contenterror"},
    {"this message contain text that uses unnecessary base64 encoding",
     "contenterror"},
    /* systemfull */
    {"mail system full", "systemfull"},
    {"requested mail action aborted: exceeded storage allocation",
     "mailboxfull"}, /* by order */
    /* securityerror */
    {"account not subscribed to ses", "securityerror"},
    {"authentication credentials invalid", "securityerror"},
    {"authentication failure", "securityerror"},
    {"authentication failed; server mx.example.jp said:", "securityerror"},
    {"authentication required", "securityerror"},
    {"authentication turned on in your email client", "securityerror"},
    {"domain example.jp is a dead domain", "rejected"}, /* by order */
    {"executable files are not allowed in compressed files",
     "virusdetected"}, /* by order */
    {"unauthenticated senders not allowed", "securityerror"},
    {"user a is not authorized to perform ses:sendrawemail on resource",
     "securityerror"},
    {"you are not authorized to send mail, authentication is required",
     "securityerror"},
    {"verification failure", "securityerror"},
};

static void test_explain_rules_sisimai_lists(void **state)
{
	size_t bad = 0;
	for (size_t i = 0; i < sizeof phrases / sizeof *phrases; i++) {
		const char *p = phrases[i].phrase;
		size_t n = strlen(p) + 32;
		char *w = malloc(n);
		assert_non_null(w);
		/* words around it, so that its edge spaces stay in the text */
		snprintf(w, n, "Error: %s (x)", p);
		struct shape s = {p, "", w, phrases[i].reason};
		char *m = dsn(&s);
		struct explain_result *res = NULL;
		struct md_err err = {0};
		assert_int_equal(explain_buffer(hx_kb, m, strlen(m),
						EXPLAIN_IN_UNKNOWN, &res, &err),
				 MD_OK);
		assert_int_equal(res->n, 1);
		if (strcmp(res->rcpts[0].reason, phrases[i].reason) != 0) {
			printf("\"%s\": want %s, got %s\n", p,
			       phrases[i].reason, res->rcpts[0].reason);
			bad++;
		}
		explain_result_free(res);
		free(m);
		free(w);
	}
	assert_int_equal(bad, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_explain_rules_shapes),
	    cmocka_unit_test(test_explain_rules_ses_json),
	    cmocka_unit_test(test_explain_rules_sisimai_lists),
	};
	return cmocka_run_group_tests(tests, hx_setup, hx_teardown);
}
