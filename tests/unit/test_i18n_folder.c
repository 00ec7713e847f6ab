/* test_i18n_folder.c — i18n_init() finds the catalogue through a relative
 * folder ("build/locale", as the unit tests give it) after the lookups GIO's
 * constructor thread makes on Windows before main() may reach ours: GLib's
 * gettext("") in the default domain (an absolute folder: an ANSI name), then
 * its own domain glib20 in a folder given relative (""). libintl 0.21 on
 * Windows turns a relative folder into a UTF-16 name and its list of
 * catalogues took an entry of the other kind for the one asked for, so
 * whatever was first decided: the Japanese came out English whenever that
 * thread was first (test_sock_words, 1 run in 300). No thread here: the
 * other lookups are made first, on purpose, so the test fails every time
 * the bug is there. */
#include "core/base/i18n.h"
#include "core/net/sock.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

static void relative_folder_after_another_lookup(void **state)
{
	(void)state;
	/* Japanese asked for (a "C" locale would look nothing up), then the
	 * first lookup: the other domain's, in an absolute folder with no
	 * catalogue in it */
	assert_true(i18n_init("ja", "build/locale"));
	bindtextdomain("md_elsewhere", "/md-no-such-folder/locale");
	assert_string_equal(dgettext("md_elsewhere", ""), "");
	/* then another domain bound to a relative folder, as glib20 is */
	bindtextdomain("md_glib_like", "");
	assert_string_equal(dgettext("md_glib_like", "no such message"),
			    "no such message");

	assert_string_equal(sock_strerror(ECONNREFUSED),
			    "サーバーが接続を断りました");
	i18n_init("en", "build/locale");
	assert_string_equal(sock_strerror(ECONNREFUSED),
			    "the server refused the connection");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(relative_folder_after_another_lookup),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
