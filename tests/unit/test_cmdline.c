/* test_cmdline.c — the command lines maildoctor prints: every word a shell
 * would change is quoted (for a POSIX shell, and for cmd.exe: both quoters
 * are checked here on either system), and each option the run needs is
 * carried. */
#include "app/cmdline.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

static void test_cmdline_quote_hostile(void **state)
{
	(void)state;
	static const struct {
		const char *in, *out;
	} table[] = {
	    {"smtp1", "smtp1"},
	    {"/home/haha/.thunderbird/k7.default",
	     "/home/haha/.thunderbird/k7.default"},
	    {"use-mail.shirao.example-587", "use-mail.shirao.example-587"},
	    {"", "''"},
	    {"my profile", "'my profile'"},
	    {"ハハ", "'ハハ'"},
	    {"it's", "'it'\\''s'"},
	    {"$HOME", "'$HOME'"},
	    {"`id`", "'`id`'"},
	    {"a\"b", "'a\"b'"},
	    {"a\\b", "'a\\b'"},
	    {"a;b", "'a;b'"},
	    {"*", "'*'"},
	    {"~", "'~'"},
	    {"-", "-"},
	    {"line\nbreak", "'line\nbreak'"},
	};
	for (size_t i = 0; i < sizeof table / sizeof *table; i++) {
		char *q = cmdline_quote_sh(table[i].in);
		assert_non_null(q);
		assert_string_equal(q, table[i].out);
		free(q);
	}
}

/* cmd.exe: what a person types, for cmd.exe's own pass (%NAME%
 * expanded even inside quotes, ^ escapes outside them, & | < > ( ) inside
 * quotes literal) and then the C runtime's parse of the command line
 * (backslashes before a quote doubled). */
static void test_cmdline_quote_cmd(void **state)
{
	(void)state;
	static const struct {
		const char *in, *out;
	} table[] = {
	    {"smtp1", "smtp1"},
	    {"--profile", "--profile"},
	    {"C:\\Users\\taro\\AppData\\Roaming\\Thunderbird\\Profiles\\k7",
	     "C:\\Users\\taro\\AppData\\Roaming\\Thunderbird\\Profiles\\k7"},
	    {"", "\"\""},
	    {"C:\\Users\\Taro Yamada\\k7", "\"C:\\Users\\Taro Yamada\\k7\""},
	    {"C:\\Users\\田中花子\\k7", "\"C:\\Users\\田中花子\\k7\""},
	    {"C:\\a b\\", "\"C:\\a b\\\\\""},
	    {"C:\\a&b", "\"C:\\a&b\""},
	    {"a^b", "\"a^b\""},
	    {"a|b<c>d(e)", "\"a|b<c>d(e)\""},
	    {"100%", "\"100\"^%"},
	    {"%APPDATA%\\x", "^%\"APPDATA\"^%\"\\x\""},
	    {"C:\\a\\%b", "\"C:\\a\\\\\"^%\"b\""},
	    {"a\"b", "\"a\"\\^\"\"b\""},
	    {"a\\\"b", "\"a\\\\\"\\^\"\"b\""},
	    {"\"", "\\^\""},
	    {"it's", "\"it's\""},
	    {"$HOME", "\"$HOME\""},
	};
	for (size_t i = 0; i < sizeof table / sizeof *table; i++) {
		char *q = cmdline_quote_cmd(table[i].in);
		assert_non_null(q);
		assert_string_equal(q, table[i].out);
		free(q);
	}
}

/* cmdline_quote() is the quoter of the system it runs on. */
static void test_cmdline_quote_here(void **state)
{
	(void)state;
	const char *in = "C:\\Users\\Taro Yamada\\100%";
	char *q = cmdline_quote(in);
#ifdef _WIN32
	char *want = cmdline_quote_cmd(in);
#else
	char *want = cmdline_quote_sh(in);
#endif
	assert_string_equal(q, want);
	free(q);
	free(want);
}

static void test_cmdline_build_carries(void **state)
{
	(void)state;
	struct app app = {0};
	app.profiles[app.n_profiles++] = "/p/a b";
	app.outlook[app.n_outlook++] = "/o/x.reg";
	app.offline = true;
	app.insecure = true;
	app.resolver = "192.0.2.1";
	app.ca_file = "/ca.pem";
	app.timeout_s = 2.5;
	app.lang = "ja";
	const char *apply[] = {"fix", "--apply", "use-x-587", NULL};
	char *s =
	    cmdline_build(&app, CMDLINE_SOURCES | CMDLINE_CHECK, NULL, apply);
	char want[256], *q = cmdline_quote("/p/a b");
	snprintf(want, sizeof want,
		 "maildoctor fix --apply use-x-587 --profile %s "
		 "--outlook /o/x.reg --offline --insecure "
		 "--resolver 192.0.2.1 --ca-file /ca.pem "
		 "--timeout 2.5 --lang ja",
		 q);
	assert_string_equal(s, want);
	free(q);
	free(s);
	const char *undo[] = {"fix", "--undo", NULL};
	s = cmdline_build(&app, 0, "/p/a b/k7.default", undo);
	q = cmdline_quote("/p/a b/k7.default");
	snprintf(want, sizeof want,
		 "maildoctor fix --undo --profile %s --lang ja", q);
	assert_string_equal(s, want);
	free(q);
	free(s);
	app.lang = NULL;
	s = cmdline_build(&app, 0, NULL, undo);
	assert_string_equal(s, "maildoctor fix --undo");
	free(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_cmdline_quote_hostile),
	    cmocka_unit_test(test_cmdline_quote_cmd),
	    cmocka_unit_test(test_cmdline_quote_here),
	    cmocka_unit_test(test_cmdline_build_carries),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
