/* test_mailbox_scan.c — the bounces already in a Thunderbird Inbox: where
 * an account's Inbox is (Local Folders through deferred_to_account, the
 * IMAP offline store, the maildir store), the reports of a window found
 * and the older ones and ordinary mail left out, a huge mbox read only as
 * far as the byte budget, a truncated one read without harm, dates parsed,
 * and the folder left byte for byte as it was. "Today" is the since value
 * each test passes, never the clock. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "clientcfg/tb/tb_folders.h"
#include "core/explain/explain.h"
#include "core/base/os.h"
#include "core/explain/mailbox_scan.h"
#include "tests/unit/helper_os.h"
#include "tests/unit/helper_file.h"
#include "tests/unit/helper_explain.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define FIX	   "tests/fixtures/mailbox/"
#define SINCE_2018 1524614400LL /* 2018-04-25 00:00 UTC */

static void test_mailbox_scan_dates(void **state)
{
	static const struct {
		const char *s;
		long long want;
	} cases[] = {
	    {"Thu, 29 Apr 2018 23:34:45 +0900 (JST)", 1525012485},
	    {"Wed, 23 May 2018 01:43:24 -0700 (PDT)", 1527065004},
	    {"29 Apr 2018 14:34 GMT", 1525012440},
	    {"1 Jan 70 00:00:00 +0000", 0},
	    {"Mon, 1 Jan 2024 00:00:00 -0000", 1704067200},
	    {"", -1},
	    {"yesterday", -1},
	    {"Thu, 32 Apr 2018 10:00:00 +0000", -1},
	    {"Thu, 29 Foo 2018 10:00:00 +0000", -1},
	    {"Thu, 29 Apr 2018 25:00:00 +0000", -1},
	    {"Thu, 29 Apr 99999999999 10:00", -1},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++)
		assert_int_equal(
		    mailbox_date_parse(cases[i].s, strlen(cases[i].s)),
		    cases[i].want);
}

static void test_mailbox_scan_inbox_paths(void **state)
{
	char path[4096];
	bool maildir = true;
	assert_int_equal(tb_inbox_path(FIX "pop", "server2", path, sizeof path,
				       &maildir, NULL),
			 MD_OK);
	assert_string_equal(path, FIX "pop/Mail/Local Folders/Inbox");
	assert_false(maildir);
	assert_int_equal(tb_inbox_path(FIX "imap", "server1", path, sizeof path,
				       &maildir, NULL),
			 MD_OK);
	assert_string_equal(path, FIX "imap/ImapMail/imap.example.jp/INBOX");
	assert_int_equal(tb_inbox_path(FIX "maildir", "server2", path,
				       sizeof path, &maildir, NULL),
			 MD_OK);
	assert_string_equal(path, FIX "maildir/Mail/pop.example/Inbox");
	assert_true(maildir);
	assert_int_equal(tb_inbox_path(FIX "pop", "server9", path, sizeof path,
				       &maildir, NULL),
			 MD_ERR_NOTFOUND);
}

static void scan(const char *path, long long since,
		 const struct mailbox_limits *lim, struct mailbox_scan *ms)
{
	memset(ms, 0, sizeof *ms);
	assert_int_equal(mailbox_scan_path(hx_kb, path, since, lim, ms, NULL),
			 MD_OK);
}

static void test_mailbox_scan_mbox_window(void **state)
{
	struct mailbox_scan ms;
	scan(FIX "pop/Mail/Local Folders/Inbox", SINCE_2018, NULL, &ms);
	assert_int_equal(ms.n, 2); /* the 2017 one and the ordinary left out */
	assert_int_equal(ms.messages, 5);
	assert_true(ms.items[0].when > ms.items[1].when); /* newest first */
	assert_int_equal(ms.items[0].when, 1527065004);
	assert_string_equal(ms.items[0].reason, "rejected");
	assert_false(ms.limited);
	mailbox_scan_done(&ms);
	scan(FIX "pop/Mail/Local Folders/Inbox", 0, NULL, &ms);
	assert_int_equal(ms.n, 3); /* from 1970: the 2017 one too */
	mailbox_scan_done(&ms);
}

static void test_mailbox_scan_imap_and_maildir(void **state)
{
	struct mailbox_scan ms;
	scan(FIX "imap/ImapMail/imap.example.jp/INBOX", 1554076800, NULL, &ms);
	assert_int_equal(ms.n, 1);
	assert_string_equal(ms.items[0].reason, "requireptr");
	mailbox_scan_done(&ms);
	scan(FIX "maildir/Mail/pop.example/Inbox", SINCE_2018, NULL, &ms);
	assert_int_equal(ms.n, 2);
	assert_int_equal(ms.messages, 4);
	mailbox_scan_done(&ms);
}

static void test_mailbox_scan_truncated(void **state)
{
	struct mailbox_scan ms;
	scan(FIX "broken/Mail/Local Folders/Inbox", SINCE_2018, NULL, &ms);
	assert_int_equal(ms.n, 2); /* the cut message found nothing */
	assert_int_equal(ms.messages, 6);
	mailbox_scan_done(&ms);
	struct md_err err = {0};
	memset(&ms, 0, sizeof ms);
	assert_int_equal(
	    mailbox_scan_path(hx_kb, FIX "none/Inbox", 0, NULL, &ms, &err),
	    MD_ERR_NOTFOUND);
}

/* Each bounce keeps, besides explain's reason, the reason of the
 * knowledge-base rule its refusal's words matched (the cause an "expired"
 * report is told by): the lab's S4 bounce (tests/lab/bounces.sh: 450
 * HELO without DNS until the sender gave up). */
static void test_mailbox_scan_cause(void **state)
{
	static const char *const file =
	    "tests/fixtures/bounces/lab/helo-expired.eml";
	char dir[512], path[600];
	assert_true(ho_mkdtemp(dir, sizeof dir, "mbox-cause"));
	snprintf(path, sizeof path, "%s/INBOX", dir);
	size_t blen;
	char *b = hf_slurp(file, &blen);
	assert_non_null(b);
	FILE *f = os_fopen(path, "wb"); /* UTF-8 path (Windows: 田中花子) */
	assert_non_null(f);
	fputs("From - Fri Dec  4 18:36:51 2026\n", f);
	fwrite(b, 1, blen, f);
	fclose(f);
	struct explain_result *res = NULL;
	struct md_err err = {0};
	assert_int_equal(
	    explain_buffer(hx_kb, b, blen, EXPLAIN_IN_MESSAGE, &res, &err),
	    MD_OK);
	assert_int_equal(res->n, 1);
	assert_non_null(res->rcpts[0].match.rule);
	const char *want = res->rcpts[0].match.rule->reason->name;
	struct mailbox_scan ms;
	scan(path, 0, NULL, &ms);
	assert_int_equal(ms.n, 1);
	assert_string_equal(ms.items[0].cause, want);
	assert_string_equal(ms.items[0].reason, res->rcpts[0].reason);
	assert_string_equal(ms.items[0].status, "4.7.1");
	assert_true(ms.items[0].cause[0] != '\0');
	mailbox_scan_done(&ms);
	explain_result_free(res);
	free(b);
	assert_int_equal(ho_unlink(path), 0);
	assert_int_equal(ho_rmdir(dir), 0);
}

/* A 12 MiB mbox: a bounce at its beginning, ordinary mail, a bounce at
 * its end. The default budget (8 MiB) reaches only the last. It is
 * written with os_fopen: on Windows the temporary folder is under
 * C:\Users\<name>, which the ANSI fopen loses for a Japanese name. */
static void test_mailbox_scan_budget(void **state)
{
	char dir[512], path[600];
	assert_true(ho_mkdtemp(dir, sizeof dir, "mbox"));
	snprintf(path, sizeof path, "%s/Inbox", dir);
	size_t blen;
	char *b = hf_slurp(FIX "pop/Mail/Local Folders/Inbox", &blen);
	FILE *f = os_fopen(path, "wb");
	assert_non_null(f);
	fwrite(b, 1, blen, f);
	for (int i = 0; i < 12 * 1024; i++)
		fprintf(
		    f,
		    "From x Tue May 22 08:00:00 2018\nDate: Tue, 22 May 2018 "
		    "08:00:00 +0900\nSubject: hello %d\n\n%0960d\n\n",
		    i, 0);
	fwrite(b, 1, blen, f);
	fclose(f);
	free(b);
	struct mailbox_scan ms;
	scan(path, SINCE_2018, NULL, &ms);
	assert_int_equal(ms.n, 2); /* the two of the last copy only */
	assert_true(ms.limited);
	assert_true(ms.bytes <= (size_t)8 << 20);
	mailbox_scan_done(&ms);
	struct mailbox_limits lim;
	mailbox_limits_default(&lim);
	lim.max_bytes = (size_t)64 << 20;
	lim.max_messages = 100000;
	scan(path, SINCE_2018, &lim, &ms);
	assert_int_equal(ms.n, 4); /* both copies */
	assert_false(ms.limited);
	mailbox_scan_done(&ms);
	lim.max_messages = 3; /* the count bounds it too */
	scan(path, SINCE_2018, &lim, &ms);
	assert_int_equal(ms.messages, 3);
	assert_true(ms.limited);
	mailbox_scan_done(&ms);
	assert_true(ho_rmtree(dir));
}

/* The folder is read, never written: the Inbox and its .msf byte for byte
 * the same, and nothing new beside them. */
static void test_mailbox_scan_read_only(void **state)
{
	size_t l1, l2, m1, m2;
	char *a = hf_slurp(FIX "pop/Mail/Local Folders/Inbox", &l1);
	char *am = hf_slurp(FIX "pop/Mail/Local Folders/Inbox.msf", &m1);
	struct mailbox_scan ms;
	scan(FIX "pop/Mail/Local Folders/Inbox", SINCE_2018, NULL, &ms);
	mailbox_scan_done(&ms);
	char *b = hf_slurp(FIX "pop/Mail/Local Folders/Inbox", &l2);
	char *bm = hf_slurp(FIX "pop/Mail/Local Folders/Inbox.msf", &m2);
	assert_int_equal(l1, l2);
	assert_memory_equal(a, b, l1);
	assert_int_equal(m1, m2);
	free(a);
	free(b);
	free(am);
	free(bm);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_mailbox_scan_dates),
	    cmocka_unit_test(test_mailbox_scan_inbox_paths),
	    cmocka_unit_test(test_mailbox_scan_mbox_window),
	    cmocka_unit_test(test_mailbox_scan_imap_and_maildir),
	    cmocka_unit_test(test_mailbox_scan_cause),
	    cmocka_unit_test(test_mailbox_scan_truncated),
	    cmocka_unit_test(test_mailbox_scan_budget),
	    cmocka_unit_test(test_mailbox_scan_read_only),
	};
	return cmocka_run_group_tests(tests, hx_setup, hx_teardown);
}
