/* test_cmdline.c — the command lines maildoctor prints: every word a shell
 * would change is quoted, and each option the run needs is carried. */
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
		char *q = cmdline_quote(table[i].in);
		assert_non_null(q);
		assert_string_equal(q, table[i].out);
		free(q);
	}
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
	assert_string_equal(
	    s, "maildoctor fix --apply use-x-587 --profile '/p/a b' "
	       "--outlook /o/x.reg --offline --insecure "
	       "--resolver 192.0.2.1 --ca-file /ca.pem "
	       "--timeout 2.5 --lang ja");
	free(s);
	const char *undo[] = {"fix", "--undo", NULL};
	s = cmdline_build(&app, 0, "/p/a b/k7.default", undo);
	assert_string_equal(
	    s, "maildoctor fix --undo --profile '/p/a b/k7.default' "
	       "--lang ja");
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
	    cmocka_unit_test(test_cmdline_build_carries),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
