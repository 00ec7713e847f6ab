/* test_explain_many.c — many inputs in one process (explain_many.c): one
 * bounce file, an mbox of two with the offset of each "From " line, a
 * Maildir's cur/ then new/ in name order with dot files left out, a log
 * file, standard input, and the refusals: a missing file, an empty one, a
 * folder that is no Maildir, the 4 GiB bound on all inputs, and a callback
 * that stops the reading. The messages are written here into a fresh
 * temporary folder (names without ":", which Windows refuses). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "core/base/os.h"
#include "core/explain/explain.h"
#include "tests/unit/helper_os.h"
#include "tests/unit/helper_explain.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* An RFC 3464 report for rcpt with status st and the server's words. */
static char *dsn(const char *rcpt, const char *st, const char *words)
{
	static const char fmt[] =
	    "From: MAILER-DAEMON@mx.example.com\n"
	    "To: sender@example.com\n"
	    "Subject: Undelivered Mail Returned to Sender\n"
	    "MIME-Version: 1.0\n"
	    "Content-Type: multipart/report; report-type=delivery-status;"
	    " boundary=\"b1\"\n\n"
	    "--b1\nContent-Type: text/plain\n\nYour mail was not delivered.\n\n"
	    "--b1\nContent-Type: message/delivery-status\n\n"
	    "Reporting-MTA: dns; mx.example.com\n\n"
	    "Final-Recipient: rfc822; %s\nAction: failed\nStatus: %s\n"
	    "Diagnostic-Code: smtp; %s\n\n--b1--\n";
	size_t n = sizeof fmt + strlen(rcpt) + strlen(st) + strlen(words);
	char *s = malloc(n);
	assert_non_null(s);
	snprintf(s, n, fmt, rcpt, st, words);
	return s;
}

static const char *const USER = "550 5.1.1 <a@example.org>: Recipient "
				"address rejected: User unknown";
static const char *const FULL = "552 5.2.2 <b@example.org>: Mailbox full";
static const char *const LOGLINE =
    "Dec  4 10:00:00 mx postfix/smtp[123]: 4AB12: to=<c@example.net>, "
    "relay=mx.example.net[192.0.2.7]:25, delay=1, status=bounced (host "
    "mx.example.net[192.0.2.7] said: 550 5.1.1 <c@example.net>: Recipient "
    "address rejected: User unknown (in reply to RCPT TO command))\n";

/* os_fopen: the temporary folder's path is UTF-8 (田中花子 on Windows). */
static void put(const char *path, const char *text)
{
	FILE *f = os_fopen(path, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(text, 1, strlen(text), f), strlen(text));
	assert_int_equal(fclose(f), 0);
}

static void put_dsn(const char *path, const char *rcpt, const char *st,
		    const char *words)
{
	char *m = dsn(rcpt, st, words);
	put(path, m);
	free(m);
}

/* What the callback saw, one line per message: "file|offset|n|address
 * reason,..." */
struct seen {
	char lines[16][512];
	size_t n;
	size_t stop_after; /* 0: never stop */
};

static bool collect(const struct explain_item *it, void *ud)
{
	struct seen *s = ud;
	assert_true(s->n < 16);
	char *l = s->lines[s->n++];
	int w =
	    snprintf(l, 512, "%s|%lld|%zu", it->file, it->offset, it->res->n);
	for (size_t i = 0; i < it->res->n && w > 0 && w < 512; i++)
		w += snprintf(l + w, 512 - (size_t)w, "|%s %s",
			      it->res->rcpts[i].address,
			      it->res->rcpts[i].reason);
	return s->stop_after == 0 || s->n < s->stop_after;
}

struct fixture {
	char dir[4096];
	struct seen seen;
	struct explain_many m;
	struct md_err err;
};

static struct fixture *fx_new(void)
{
	struct fixture *f = calloc(1, sizeof *f);
	assert_non_null(f);
	assert_true(ho_mkdtemp(f->dir, sizeof f->dir, "md-many"));
	f->m.kb = hx_kb;
	f->m.cb = collect;
	f->m.ud = &f->seen;
	md_err_clear(&f->err);
	return f;
}

static void fx_free(struct fixture *f)
{
	assert_true(ho_rmtree(f->dir));
	free(f);
}

static enum md_status run(struct fixture *f, const char *name)
{
	char path[4200];
	snprintf(path, sizeof path, "%s/%s", f->dir, name);
	return explain_many_path(&f->m, path, &f->err);
}

static void want(const struct fixture *f, size_t i, const char *suffix)
{
	assert_true(i < f->seen.n);
	/* the line starts with the folder, then the rest must match */
	size_t d = strlen(f->dir);
	assert_memory_equal(f->seen.lines[i], f->dir, d);
	assert_string_equal(f->seen.lines[i] + d, suffix);
}

static void test_explain_many_one_file(void **state)
{
	struct fixture *f = fx_new();
	char p[4200];
	snprintf(p, sizeof p, "%s/one.eml", f->dir);
	char *m = dsn("a@example.org", "5.1.1", USER);
	put(p, m);
	assert_int_equal(run(f, "one.eml"), MD_OK);
	assert_int_equal(f->seen.n, 1);
	want(f, 0, "/one.eml|-1|1|a@example.org userunknown");
	assert_int_equal(f->m.items, 1);
	/* the bytes counted toward the 4 GiB bound are the file's */
	assert_int_equal(f->m.total, strlen(m));
	free(m);
	fx_free(f);
}

/* An mbox: each message with the offset of its own "From " line. */
static void test_explain_many_mbox_offsets(void **state)
{
	struct fixture *f = fx_new();
	char *a = dsn("a@example.org", "5.1.1", USER);
	char *b = dsn("b@example.org", "5.2.2", FULL);
	const char *from1 = "From MAILER-DAEMON Thu Dec  3 10:00:00 2026\n";
	const char *from2 = "\nFrom MAILER-DAEMON Thu Dec  3 11:00:00 2026\n";
	size_t n = strlen(from1) + strlen(a) + strlen(from2) + strlen(b) + 1;
	char *box = malloc(n);
	assert_non_null(box);
	snprintf(box, n, "%s%s%s%s", from1, a, from2, b);
	char p[4200], w2[64];
	snprintf(p, sizeof p, "%s/Inbox", f->dir);
	put(p, box);
	assert_int_equal(run(f, "Inbox"), MD_OK);
	assert_int_equal(f->seen.n, 2);
	want(f, 0, "/Inbox|0|1|a@example.org userunknown");
	/* the second "From " starts after the blank line before it */
	long long off2 = (long long)(strlen(from1) + strlen(a) + 1);
	snprintf(w2, sizeof w2, "/Inbox|%lld|1|b@example.org mailboxfull",
		 off2);
	want(f, 1, w2);
	free(a);
	free(b);
	free(box);
	fx_free(f);
}

/* A Maildir: cur/ before new/, each in name order; dot files and
 * sub-folders left out. */
static void test_explain_many_maildir(void **state)
{
	struct fixture *f = fx_new();
	char p[4200];
	const char *subs[] = {"md", "md/cur", "md/new", "md/tmp", "md/cur/sub"};
	for (size_t i = 0; i < sizeof subs / sizeof *subs; i++) {
		snprintf(p, sizeof p, "%s/%s", f->dir, subs[i]);
		assert_int_equal(ho_mkdir(p), 0);
	}
	snprintf(p, sizeof p, "%s/md/new/1.host", f->dir);
	put_dsn(p, "n1@example.org", "5.1.1", USER);
	snprintf(p, sizeof p, "%s/md/cur/2.host_2,S", f->dir);
	put_dsn(p, "c2@example.org", "5.2.2", FULL);
	snprintf(p, sizeof p, "%s/md/cur/1.host_2,S", f->dir);
	put_dsn(p, "c1@example.org", "5.1.1", USER);
	snprintf(p, sizeof p, "%s/md/cur/.hidden", f->dir);
	put_dsn(p, "x@example.org", "5.1.1", USER);
	snprintf(p, sizeof p, "%s/md/tmp/3.host", f->dir);
	put_dsn(p, "t@example.org", "5.1.1", USER);
	assert_int_equal(run(f, "md"), MD_OK);
	assert_int_equal(f->seen.n, 3);
	want(f, 0, "/md/cur/1.host_2,S|-1|1|c1@example.org userunknown");
	want(f, 1, "/md/cur/2.host_2,S|-1|1|c2@example.org mailboxfull");
	want(f, 2, "/md/new/1.host|-1|1|n1@example.org userunknown");
	fx_free(f);
}

/* A mail log file and standard input go through the same door. */
static void test_explain_many_log_and_stdin(void **state)
{
	struct fixture *f = fx_new();
	char p[4200];
	snprintf(p, sizeof p, "%s/maillog", f->dir);
	put(p, LOGLINE);
	assert_int_equal(run(f, "maillog"), MD_OK);
	assert_int_equal(f->seen.n, 1);
	want(f, 0, "/maillog|-1|1|c@example.net userunknown");
	/* stdin: a report through "-" (freopen takes a path in the
	 * system's code page on Windows: an ASCII one under build/) */
	const char *in = "build/test_explain_many_stdin.eml";
	put_dsn(in, "b@example.org", "5.2.2", FULL);
	assert_non_null(freopen(in, "rb", stdin));
	assert_int_equal(explain_many_path(&f->m, "-", &f->err), MD_OK);
	assert_int_equal(f->seen.n, 2);
	remove(in);
	assert_string_equal(f->seen.lines[1],
			    "-|-1|1|b@example.org mailboxfull");
	fx_free(f);
}

static void test_explain_many_refusals(void **state)
{
	struct fixture *f = fx_new();
	char p[4200];
	assert_int_equal(run(f, "missing.eml"), MD_ERR_IO);
	assert_non_null(strstr(f->err.text, "missing.eml"));
	snprintf(p, sizeof p, "%s/empty.eml", f->dir);
	put(p, "");
	md_err_clear(&f->err);
	assert_int_equal(run(f, "empty.eml"), MD_ERR_PARSE);
	assert_non_null(strstr(f->err.text, "empty"));
	/* a folder without cur/ or new/ */
	snprintf(p, sizeof p, "%s/plain", f->dir);
	assert_int_equal(ho_mkdir(p), 0);
	md_err_clear(&f->err);
	assert_int_equal(run(f, "plain"), MD_ERR_PARSE);
	assert_non_null(strstr(f->err.text, "Maildir"));
	assert_int_equal(f->seen.n, 0);
	/* all inputs together past 4 GiB: the file that crosses is refused
	 * before it is read */
	snprintf(p, sizeof p, "%s/one.eml", f->dir);
	put_dsn(p, "a@example.org", "5.1.1", USER);
	f->m.total = EXPLAIN_MANY_MAX_TOTAL - 10;
	md_err_clear(&f->err);
	assert_int_equal(run(f, "one.eml"), MD_ERR_TOOBIG);
	assert_int_equal(f->seen.n, 0);
	/* and under the bound it is read */
	f->m.total = 0;
	assert_int_equal(run(f, "one.eml"), MD_OK);
	assert_int_equal(f->seen.n, 1);
	fx_free(f);
}

/* A callback that returns false stops the reading there, and later paths
 * are not read at all. */
static void test_explain_many_stop(void **state)
{
	struct fixture *f = fx_new();
	char p[4200];
	const char *subs[] = {"md", "md/cur"};
	for (size_t i = 0; i < 2; i++) {
		snprintf(p, sizeof p, "%s/%s", f->dir, subs[i]);
		assert_int_equal(ho_mkdir(p), 0);
	}
	for (int i = 0; i < 4; i++) {
		snprintf(p, sizeof p, "%s/md/cur/%d", f->dir, i);
		put_dsn(p, "a@example.org", "5.1.1", USER);
	}
	f->seen.stop_after = 2;
	assert_int_equal(run(f, "md"), MD_OK);
	assert_int_equal(f->seen.n, 2);
	assert_true(f->m.stopped);
	assert_int_equal(run(f, "md/cur/3"), MD_OK);
	assert_int_equal(f->seen.n, 2);
	fx_free(f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_explain_many_one_file),
	    cmocka_unit_test(test_explain_many_mbox_offsets),
	    cmocka_unit_test(test_explain_many_maildir),
	    cmocka_unit_test(test_explain_many_log_and_stdin),
	    cmocka_unit_test(test_explain_many_refusals),
	    cmocka_unit_test(test_explain_many_stop),
	};
	return cmocka_run_group_tests(tests, hx_setup, hx_teardown);
}
