/* test_report.c — the saved report: secrets redacted on every line
 * (a table of lines that carry one and lines that only look like it), the
 * parts of a whole run in the text, and a private file that is never
 * overwritten; the Inbox's bounces in it as reason lines only (under the
 * finding each explains, and counted in their own part), never an address
 * or a word of the messages. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "app/report.h"
#include "clientcfg/clients.h"
#include "core/base/os.h"
#include "core/explain/mailbox_scan.h"
#include "tests/unit/helper_os.h"

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static void test_report_redact(void **state)
{
	static const char *const cases[][2] = {
	    {"> AUTH PLAIN AGhhaGEAc2VjcmV0", "> AUTH PLAIN <redacted>"},
	    {"> AUTH LOGIN", "> AUTH LOGIN"},
	    {"> AUTH XOAUTH2 dXNlcj1oYWhh", "> AUTH XOAUTH2 <redacted>"},
	    {"user_pref(\"mail.smtpserver.smtp1.password\", \"hunter2\");",
	     "user_pref(\"mail.smtpserver.smtp1.password\", \"<redacted>\");"},
	    {"password: hunter2", "password: <redacted>"},
	    {"Password=hunter2, next", "Password=<redacted>, next"},
	    {"token=abc", "token=<redacted>"},
	    /* words in sentences are not secrets */
	    {"It asks for the password the next time you send.",
	     "It asks for the password the next time you send."},
	    {"normal password, user haha", "normal password, user haha"},
	    {"< 250-AUTH PLAIN LOGIN CRAM-MD5",
	     "< 250-AUTH PLAIN LOGIN CRAM-MD5"},
	    {"passes=1 bypass=2", "passes=1 bypass=2"},
	    {"already <redacted>", "already <redacted>"},
	    {"password: <redacted>", "password: <redacted>"},
	    {"", ""},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char *r = report_redact(cases[i][0]);
		assert_non_null(r);
		assert_string_equal(r, cases[i][1]);
		free(r);
	}
}

/* Every word of the list, in the shapes a trace or a file has them. */
static void test_report_redact_words(void **state)
{
	(void)state;
	static const char *const cases[][2] = {
	    {"secret=s3cr3t", "secret=<redacted>"},
	    {"client_secret=abc123&x", "client_secret=<redacted>"},
	    {"secret: xyz", "secret: <redacted>"},
	    {"passwd=hunter2", "passwd=<redacted>"},
	    {"passwd: hunter2 more", "passwd: <redacted> more"},
	    {"pass=hunter2", "pass=<redacted>"},
	    {"pass: hunter2", "pass: <redacted>"},
	    {"TOKEN: t0k", "TOKEN: <redacted>"},
	    {"the secret is out", "the secret is out"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char *r = report_redact(cases[i][0]);
		assert_non_null(r);
		assert_string_equal(r, cases[i][1]);
		free(r);
	}
}

static size_t count(const char *s, const char *what)
{
	size_t n = 0;
	for (const char *p = strstr(s, what); p; p = strstr(p + 1, what))
		n++;
	return n;
}

/* Many secrets on one line: every one redacted (none after the 16th left
 * in clear), and the shortest shape ("pass=x" a hundred times, where the
 * output grows most) fits its buffer (ASan would see an overflow). */
static void test_report_redact_many(void **state)
{
	(void)state;
	char line[4096] = "";
	for (int i = 0; i < 100; i++)
		strcat(line, "password=hunter2 ");
	char *r = report_redact(line);
	assert_non_null(r);
	assert_int_equal(count(r, "<redacted>"), 100);
	assert_null(strstr(r, "hunter2"));
	free(r);
	line[0] = '\0';
	for (int i = 0; i < 300; i++)
		strcat(line, "pass=x");
	r = report_redact(line);
	assert_non_null(r);
	/* "pass=x" values run on to the next "pass": one redaction */
	assert_string_equal(r, "pass=<redacted>");
	free(r);
	line[0] = '\0';
	for (int i = 0; i < 300; i++)
		strcat(line, "pass=x,");
	r = report_redact(line);
	assert_non_null(r);
	assert_int_equal(count(r, "<redacted>"), 300);
	assert_int_equal(strlen(r), 300 * strlen("pass=<redacted>,"));
	free(r);
}

/* A whole run, as the wizard hands it over. */
static void fill(struct report_data *d, struct finding_list *fl,
		 struct finding *f, struct evidence *ev, struct check_row *rows,
		 struct fix *fx, struct fix_plan *plan, struct fix_change *ch,
		 struct fix_result *res)
{
	rows[0] = (struct check_row){.host = "mail.shirao.example",
				     .address = "203.0.113.25",
				     .family = 4,
				     .port = 587,
				     .proto = ACCT_PROTO_SMTP,
				     .security = ACCT_SEC_STARTTLS,
				     .step = MD_STEP_DONE,
				     .outcome = MD_OUT_OK,
				     .elapsed_ms = 120};
	rows[1] = (struct check_row){.host = "smtpa.jcom.zaq.ne.jp",
				     .family = 6,
				     .port = 25,
				     .address = "2001:db8::1",
				     .security = ACCT_SEC_PLAIN,
				     .step = MD_STEP_DONE,
				     .outcome = MD_OUT_TIMEOUT,
				     .reason = "no answer (timeout)",
				     .elapsed_ms = 8000};
	ev[0] = (struct evidence){.kind = EV_CONFIG,
				  .text = "smtp2 hostname smtpa.jcom.zaq.ne.jp",
				  .row = -1,
				  .file = "/p/prefs.js",
				  .line = 40};
	ev[1] = (struct evidence){.kind = EV_TEXT,
				  .text = "> AUTH PLAIN AGhhaGEAc2VjcmV0",
				  .row = -1};
	*f = (struct finding){.id = "outgoing-server-mismatch",
			      .severity = SEV_PROBLEM,
			      .summary =
				  "Mail goes out through another provider.",
			      .explanation = "Receivers refuse it.",
			      .evidence = ev,
			      .n_evidence = 2};
	*fl = (struct finding_list){.items = f, .n = 1};
	*fx = (struct fix){.identity_email = "haha@shirao.example",
			   .server = {.host = "mail.shirao.example",
				      .port = 587,
				      .security = ACCT_SEC_STARTTLS,
				      .auth = ACCT_AUTH_PASSWORD,
				      .user = "haha"}};
	*ch = (struct fix_change){.file = "/p/prefs.js",
				  .name = "mail.identity.id1.smtpServer",
				  .before = "\"smtp2\"",
				  .after = "\"smtp1\""};
	*plan =
	    (struct fix_plan){.folder = "/p", .changes = ch, .n_changes = 1};
	static char backup[] = "/p/prefs.js.maildoctor-20260101-000000.bak";
	*res = (struct fix_result){.backups = {backup}, .n_backups = 1};
	*d = (struct report_data){.address = "haha@shirao.example",
				  .rows = rows,
				  .n_rows = 2,
				  .findings = fl,
				  .fix = fx,
				  .plan = plan,
				  .applied = true,
				  .result = res,
				  .rerows = rows,
				  .n_rerows = 1,
				  .undo_command = "maildoctor fix --undo"};
}

static void test_report_text(void **state)
{
	struct report_data d;
	struct finding_list fl;
	struct finding f;
	struct evidence ev[2];
	struct check_row rows[2];
	struct fix fx;
	struct fix_plan plan;
	struct fix_change ch;
	struct fix_result res;
	fill(&d, &fl, &f, ev, rows, &fx, &plan, &ch, &res);
	size_t len = 0;
	struct os_memstream m;
	assert_true(os_memstream_open(&m));
	report_text(&d, m.f);
	char *buf = os_memstream_close(&m, &len);
	assert_non_null(buf);
	static const char *const want[] = {
	    "Address checked: haha@shirao.example",
	    "1. OK  mail.shirao.example port 587 STARTTLS IPv4 [203.0.113.25]: "
	    "works",
	    "2. NG  smtpa.jcom.zaq.ne.jp port 25 no encryption IPv6 "
	    "[2001:db8::1]",
	    "(no answer (timeout)) [8000 ms]",
	    "1. [problem] Mail goes out through another provider.",
	    "- smtp2 hostname smtpa.jcom.zaq.ne.jp  (/p/prefs.js:40)",
	    "- > AUTH PLAIN <redacted>",
	    "/p/prefs.js: mail.identity.id1.smtpServer \"smtp2\" -> \"smtp1\"",
	    "/p/prefs.js.maildoctor-20260101-000000.bak",
	    "  To undo it:\n    maildoctor fix --undo\n",
	    "Checks after the change:",
	};
	for (size_t i = 0; i < sizeof want / sizeof want[0]; i++)
		if (!strstr(buf, want[i]))
			fail_msg("no \"%s\" in:\n%s", want[i], buf);
	assert_null(strstr(buf, "AGhhaGEAc2VjcmV0"));
	free(buf);
}

/* The Date: of the message in path (seconds since 1970), or -1. */
static long long fixture_date(const char *path)
{
	FILE *in = fopen(path, "rb");
	char line[512];
	long long when = -1;
	while (in && when < 0 && fgets(line, sizeof line, in))
		if (strncmp(line, "Date: ", 6) == 0)
			when = mailbox_date_parse(line + 6, strlen(line + 6));
	if (in)
		fclose(in);
	return when;
}

/* path's bytes appended to f as one mbox message. */
static void mbox_add(FILE *f, const char *path)
{
	FILE *in = fopen(path, "rb");
	assert_non_null(in);
	fputs("From MAILER-DAEMON Fri Dec  4 18:36:51 2026\n", f);
	char buf[4096];
	size_t n;
	while ((n = fread(buf, 1, sizeof buf, in)) > 0)
		fwrite(buf, 1, n, f);
	fclose(in);
	fputc('\n', f);
}

/* A POP profile whose Local Folders Inbox holds two of the lab's bounces
 * (tests/lab/bounces.sh: S6's "550 5.7.1 Sender rejected" and S4's HELO
 * without DNS, deferred until it expired) and a bounce for a mailbox
 * full; the report of a check with two findings ties each to its own. */
static void test_report_bounces(void **state)
{
	char dir[512], path[1024];
	assert_true(ho_mkdtemp(dir, sizeof dir, "md-report-bo"));
	snprintf(path, sizeof path, "%s/prefs.js", dir);
	FILE *p = os_fopen(path, "wb"); /* UTF-8 path (Windows: 田中花子) */
	assert_non_null(p);
	fputs("user_pref(\"mail.accountmanager.accounts\", \"account1\");\n"
	      "user_pref(\"mail.account.account1.server\", \"server1\");\n"
	      "user_pref(\"mail.account.account1.identities\", \"id1\");\n"
	      "user_pref(\"mail.server.server1.type\", \"pop3\");\n"
	      "user_pref(\"mail.server.server1.hostname\", "
	      "\"pop.sender.example\");\n"
	      "user_pref(\"mail.server.server1.directory-rel\", "
	      "\"[ProfD]Mail/pop.sender.example\");\n"
	      "user_pref(\"mail.identity.id1.useremail\", "
	      "\"taro@sender.example\");\n",
	      p);
	fclose(p);
	snprintf(path, sizeof path, "%s/Mail", dir);
	assert_int_equal(ho_mkdir(path), 0);
	snprintf(path, sizeof path, "%s/Mail/pop.sender.example", dir);
	assert_int_equal(ho_mkdir(path), 0);
	snprintf(path, sizeof path, "%s/Mail/pop.sender.example/Inbox", dir);
	FILE *mb = os_fopen(path, "wb");
	assert_non_null(mb);
	mbox_add(mb, "tests/fixtures/bounces/lab/senderrejected.eml");
	mbox_add(mb, "tests/fixtures/bounces/lab/helo-expired.eml");
	mbox_add(mb, "tests/fixtures/bounces/lab/mailboxfull.eml");
	fclose(mb);

	const char *profiles[] = {dir};
	struct clients_opts o = {.profiles = profiles, .n_profiles = 1};
	struct acct_set *set = acct_set_new();
	struct clients_report rep = {0};
	assert_non_null(set);
	assert_int_equal(clients_read(&o, set, &rep), MD_OK);
	const char *addr = "taro@sender.example";
	/* "today": six days after the bounces were made (their Date:), so
	 * that regenerated fixtures keep the test true */
	long long now =
	    fixture_date("tests/fixtures/bounces/lab/senderrejected.eml") +
	    6 * 86400LL;
	assert_true(now > 6 * 86400LL);
	time_t t0 = (time_t)(now - 30 * 86400LL);
	char since[64];
	strftime(since, sizeof since, "%d %B %Y", gmtime(&t0));
	struct app_bounces bo;
	bounces_find(set, &addr, 1, now, &bo);
	assert_int_equal(bo.total, 3);

	struct finding f[2] = {
	    {.id = "sender-domain-rejected",
	     .severity = SEV_PROBLEM,
	     .summary = "The server refuses your address as the sender."},
	    {.id = "relay-no-forward-dns",
	     .severity = SEV_PROBLEM,
	     .summary = "The relay's name has no address."},
	};
	struct finding_list fl = {.items = f, .n = 2};
	struct report_data d = {
	    .address = addr, .findings = &fl, .bounces = &bo};
	size_t len = 0;
	struct os_memstream m;
	assert_true(os_memstream_open(&m));
	report_text(&d, m.f);
	char *buf = os_memstream_close(&m, &len);
	assert_non_null(buf);
	char want[4][512];
	snprintf(want[0], sizeof want[0],
		 "1. [problem] The server refuses your address as the sender.\n"
		 "     - 1 of your messages came back since %s: the server "
		 "refused your address as the sender\n",
		 since);
	snprintf(want[1], sizeof want[1],
		 "2. [problem] The relay's name has no address.\n"
		 "     - 1 of your messages came back since %s: the receiving "
		 "server did not accept mail from the server you send "
		 "through\n",
		 since);
	snprintf(want[2], sizeof want[2], "%s",
		 "Messages that came back (read from the Inbox, which "
		 "maildoctor never changes):\n");
	snprintf(want[3], sizeof want[3],
		 "  1 of your messages came back since %s: the recipient's "
		 "mailbox is full\n",
		 since);
	for (size_t i = 0; i < sizeof want / sizeof want[0]; i++)
		if (!strstr(buf, want[i]))
			fail_msg("no \"%s\" in:\n%s", want[i], buf);
	/* nothing of the messages: no other address, host, server words or
	 * body */
	static const char *const never[] = {
	    "someone@",	       "full@", "MAILER-DAEMON",
	    "sender.example[", "mta.",	"Sender rejected",
	    "Helo command",    "Quota", "Hello, this is a test",
	    "Lab message"};
	for (size_t i = 0; i < sizeof never / sizeof never[0]; i++)
		if (strstr(buf, never[i]))
			fail_msg("\"%s\" copied into:\n%s", never[i], buf);
	size_t ats = 0;
	for (const char *q = buf; (q = strchr(q, '@')); q++)
		ats++;
	assert_int_equal(ats, 1); /* "Address checked: taro@sender.example" */
	free(buf);
	acct_set_free(set);
	clients_report_done(&rep);
	assert_true(ho_rmtree(dir));
}

static void test_report_save(void **state)
{
	struct report_data d;
	struct finding_list fl;
	struct finding f;
	struct evidence ev[2];
	struct check_row rows[2];
	struct fix fx;
	struct fix_plan plan;
	struct fix_change ch;
	struct fix_result res;
	fill(&d, &fl, &f, ev, rows, &fx, &plan, &ch, &res);
	char dir[512];
	assert_true(ho_mkdtemp(dir, sizeof dir, "md-report"));
	char *p1 = NULL, *p2 = NULL;
	struct md_err err;
	assert_int_equal(report_save(&d, dir, &p1, &err), MD_OK);
	assert_int_equal(report_save(&d, dir, &p2, &err), MD_OK);
	assert_string_not_equal(p1, p2); /* never overwritten */
	assert_non_null(strstr(p1, "/maildoctor-report-"));
	assert_int_equal(ho_file_mode(p1) & 0777, 0600);
	ho_unlink(p1);
	ho_unlink(p2);
	free(p1);
	free(p2);
	assert_int_equal(ho_rmdir(dir), 0);
	char *p3 = NULL;
	assert_int_equal(report_save(&d, "/nonexistent/dir", &p3, &err),
			 MD_ERR_IO);
	assert_null(p3);
	assert_true(err.text[0] != '\0');
}

int main(void)
{
	setlocale(LC_ALL, "C.UTF-8");
	ho_setenv("LANGUAGE", "en");
	struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_report_redact),
	    cmocka_unit_test(test_report_redact_words),
	    cmocka_unit_test(test_report_redact_many),
	    cmocka_unit_test(test_report_text),
	    cmocka_unit_test(test_report_bounces),
	    cmocka_unit_test(test_report_save),
	};
	/* test_report_save asserts the report's mode 0600: on Windows the
	 * report is the user's by an ACL, not a mode */
	static const char *const posix_only[] = {"test_report_save", NULL};
	return HO_RUN_TESTS(tests, posix_only, NULL, NULL);
}
