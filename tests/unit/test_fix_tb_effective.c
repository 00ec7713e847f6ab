/* test_fix_tb_effective.c — a fix edits the statement Thunderbird uses,
 * never one Gecko ignores (pref() in a user file, a statement skipped after
 * a syntax error), and afterwards the reader gives exactly the intended
 * values. Each case: a small profile, the fix planned and applied, the
 * profile read back. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "clientcfg/tb/fix_tb.h"
#include "clientcfg/tb/tb_accounts.h"
#include "core/base/os.h"
#include "tests/unit/helper_os.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define BASE                                                                   \
	"user_pref(\"mail.accountmanager.accounts\", \"account1\");\n"         \
	"user_pref(\"mail.account.account1.server\", \"server1\");\n"          \
	"user_pref(\"mail.account.account1.identities\", \"id1\");\n"          \
	"user_pref(\"mail.identity.id1.useremail\", \"me@example.jp\");\n"     \
	"user_pref(\"mail.identity.id1.smtpServer\", \"smtp1\");\n"            \
	"user_pref(\"mail.server.server1.hostname\", \"in.example.jp\");\n"    \
	"user_pref(\"mail.server.server1.type\", \"imap\");\n"                 \
	"user_pref(\"mail.smtpservers\", \"smtp1\");\n"                        \
	"user_pref(\"mail.smtpserver.smtp1.hostname\", \"out.example.jp\");\n"

static char dir[512];

static void put(const char *name, const char *text)
{
	char path[600];
	snprintf(path, sizeof path, "%s/%s", dir, name);
	FILE *f = os_fopen(path, "wb");
	assert_non_null(f);
	fputs(text, f);
	assert_int_equal(fclose(f), 0);
}

static char *get(const char *name)
{
	char path[600];
	snprintf(path, sizeof path, "%s/%s", dir, name);
	FILE *f = os_fopen(path, "rb");
	assert_non_null(f);
	static char buf[65536];
	size_t n = fread(buf, 1, sizeof buf - 1, f);
	fclose(f);
	buf[n] = '\0';
	return buf;
}

static int setup(void **state)
{
	(void)state;
	return ho_mkdtemp(dir, sizeof dir, "md-fixeff") ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	return ho_rmtree(dir) ? 0 : -1;
}

/* The outgoing server of id1 as the reader sees it now (in *set). */
static const struct acct_server *read_back(struct acct_set **set)
{
	struct tb_profile p = {.name = "t", .path = dir};
	struct md_err err;
	*set = acct_set_new();
	assert_int_equal(tb_read_profile(&p, *set, NULL, &err), MD_OK);
	assert_int_equal((*set)->n_accounts, 1);
	const struct acct_identity *id = &(*set)->accounts[0].identities[0];
	assert_true(id->outgoing >= 0);
	return &(*set)->outgoing[id->outgoing];
}

/* Plan and apply "smtp1 on port, security" (the key as the reader found
 * it); returns whether the plan touched user.js. */
static bool apply(int port, enum acct_security sec)
{
	struct fix f = {
	    .id = "t",
	    .kind = FIX_SET_OUTGOING,
	    .client = ACCT_CLIENT_THUNDERBIRD,
	    .source = dir,
	    .identity_key = "id1",
	    .identity_email = "me@example.jp",
	    .server_key = "smtp1",
	    .server = {.host = "out.example.jp",
		       .port = port,
		       .security = sec,
		       .auth = ACCT_AUTH_PASSWORD},
	};
	struct tb_fix_plan *plan;
	struct tb_fix_result res;
	struct md_err err;
	assert_int_equal(fix_tb_plan(&f, &plan, &err), MD_OK);
	bool user_js = plan->touches_user_js;
	assert_int_equal(fix_tb_apply(plan, &res, &err), MD_OK);
	fix_tb_plan_free(plan);
	fix_tb_result_done(&res);
	return user_js;
}

static void expect(int port, enum acct_security sec)
{
	struct acct_set *set;
	const struct acct_server *s = read_back(&set);
	assert_int_equal(s->port, port);
	assert_int_equal(s->security, sec);
	acct_set_free(set);
}

/* pref("…port", 25) in prefs.js is refused by Gecko in a user file: the
 * user_pref before it is the value, and the one the fix edits. */
static void test_fix_tb_effective_ignored_pref(void **state)
{
	(void)state;
	put("prefs.js",
	    BASE "user_pref(\"mail.smtpserver.smtp1.port\", 465);\n"
		 "user_pref(\"mail.smtpserver.smtp1.try_ssl\", 3);\n"
		 "pref(\"mail.smtpserver.smtp1.port\", 25);\n");
	expect(465, ACCT_SEC_TLS);
	apply(587, ACCT_SEC_STARTTLS);
	expect(587, ACCT_SEC_STARTTLS);
	const char *now = get("prefs.js");
	assert_non_null(
	    strstr(now, "pref(\"mail.smtpserver.smtp1.port\", 25);"));
	assert_non_null(
	    strstr(now, "user_pref(\"mail.smtpserver.smtp1.port\", 587);"));
}

/* user.js: its user_pref wins and is changed too; its locked or pref()
 * statements are ignored by Gecko and left alone. */
static void test_fix_tb_effective_user_js(void **state)
{
	(void)state;
	put("prefs.js",
	    BASE "user_pref(\"mail.smtpserver.smtp1.port\", 587);\n"
		 "user_pref(\"mail.smtpserver.smtp1.try_ssl\", 2);\n");
	put("user.js", "user_pref(\"mail.smtpserver.smtp1.port\", 25);\n"
		       "user_pref(\"mail.smtpserver.smtp1.try_ssl\", 0);\n");
	expect(25, ACCT_SEC_PLAIN);
	assert_true(apply(465, ACCT_SEC_TLS));
	expect(465, ACCT_SEC_TLS);

	teardown(NULL);
	setup(NULL);
	put("prefs.js",
	    BASE "user_pref(\"mail.smtpserver.smtp1.port\", 25);\n"
		 "user_pref(\"mail.smtpserver.smtp1.try_ssl\", 0);\n");
	put("user.js",
	    "pref(\"mail.smtpserver.smtp1.port\", 587);\n"
	    "user_pref(\"mail.smtpserver.smtp1.try_ssl\", 2, locked);\n");
	expect(25, ACCT_SEC_PLAIN);
	assert_false(apply(465, ACCT_SEC_TLS));
	expect(465, ACCT_SEC_TLS);
	assert_string_equal(
	    get("user.js"),
	    "pref(\"mail.smtpserver.smtp1.port\", 587);\n"
	    "user_pref(\"mail.smtpserver.smtp1.try_ssl\", 2, locked);\n");
}

/* After a syntax error Gecko skips whole tokens to the next ';': a
 * statement inside a string is no setting, and stays as it is. */
static void test_fix_tb_effective_skipped_text(void **state)
{
	(void)state;
	put("prefs.js",
	    BASE "user_pref(\"mail.smtpserver.smtp1.port\", 587);\n"
		 "user_pref(\"mail.smtpserver.smtp1.try_ssl\", 2);\n"
		 "user_pref(\"x\", 1 \"; "
		 "user_pref('mail.smtpserver.smtp1.port', 25); \");\n");
	expect(587, ACCT_SEC_STARTTLS);
	apply(465, ACCT_SEC_TLS);
	expect(465, ACCT_SEC_TLS);
	assert_non_null(
	    strstr(get("prefs.js"),
		   "user_pref('mail.smtpserver.smtp1.port', 25); \");"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_fix_tb_effective_ignored_pref,
					    setup, teardown),
	    cmocka_unit_test_setup_teardown(test_fix_tb_effective_user_js,
					    setup, teardown),
	    cmocka_unit_test_setup_teardown(test_fix_tb_effective_skipped_text,
					    setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
