/* test_options.c — the one option table: every option id is in it once,
 * names are unique, and "which commands take it" matches whole words. */
#include "app/options.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

static void test_options_every_id_once(void **state)
{
	(void)state;
	for (int id = OPT_HELP; id < OPT__COUNT; id++) {
		int n = 0;
		for (const struct app_option *o = options_table; o->name; o++)
			n += (int)o->id == id;
		assert_int_equal(n, 1);
		assert_non_null(options_find((enum app_opt)id));
	}
	for (const struct app_option *a = options_table; a->name; a++) {
		assert_non_null(a->help);
		assert_non_null(a->commands);
		for (const struct app_option *b = a + 1; b->name; b++)
			assert_string_not_equal(a->name, b->name);
	}
}

static void test_options_taken_by_words(void **state)
{
	(void)state;
	const struct app_option *json = options_find(OPT_JSON);
	assert_true(options_taken_by(json, "fix"));
	assert_true(options_taken_by(json, "explain"));
	assert_false(options_taken_by(json, "wizard"));
	assert_false(options_taken_by(json, "fi"));
	assert_false(options_taken_by(json, "ix"));
	assert_true(options_taken_by(options_find(OPT_LANG), "anything"));
	assert_true(options_taken_by(options_find(OPT_OFFLINE), "accounts"));
	assert_true(options_taken_by(options_find(OPT_INSECURE), "wizard"));
}

static void test_options_getopt_table(void **state)
{
	(void)state;
	struct option t[OPT__COUNT - OPT_HELP + 1];
	char shorts[16];
	options_getopt(t, shorts, sizeof shorts, "+:");
	assert_string_equal(shorts, "+:46hV");
	size_t n = 0;
	while (t[n].name)
		n++;
	assert_int_equal(n, OPT__COUNT - OPT_HELP);
	assert_int_equal(options_short_id('4'), OPT_IPV4);
	assert_int_equal(options_short_id('h'), OPT_HELP);
	assert_int_equal(options_short_id('x'), 'x');
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_options_every_id_once),
	    cmocka_unit_test(test_options_taken_by_words),
	    cmocka_unit_test(test_options_getopt_table),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
