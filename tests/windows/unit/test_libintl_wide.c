/* test_libintl_wide.c — (built for Windows only) libintl finds a catalogue
 * bound by wbindtextdomain() (a UTF-16 folder name: here under
 * C:\users\田中花子\…\ダウンロード) after a lookup through an ANSI folder
 * name in another domain, and the other way round. libintl 0.21 kept both
 * kinds in one list and its l10nflist.c took an entry of the other kind for
 * the one asked for, so --lang ja printed English whenever GIO's thread had
 * asked for the default domain first (tools/windows/patches/gettext/
 * 01-l10nflist-wide-names.patch). No threads here: the ANSI lookup is made
 * first, on purpose. The two tests share libintl's list: they run in order,
 * each with domains of its own. */
#include "tests/unit/helper_os.h"

#include <libintl.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <windows.h>

#define MO "build/locale/ja/LC_MESSAGES/maildoctor.mo"

static char top[1024];	     /* the test's temporary folder (UTF-8) */
static char locale[1200];    /* top\ダウンロード\locale (UTF-8) */
static wchar_t wlocale[600]; /* the same, UTF-16 */

/* A copy of maildoctor's Japanese catalogue as domain's under locale. */
static void install_mo(const char *domain)
{
	char path[1400];
	snprintf(path, sizeof path, "%s\\ja\\LC_MESSAGES\\%s.mo", locale,
		 domain);
	assert_true(ho_copy_file(MO, path));
}

static int setup(void **state)
{
	(void)state;
	char p[1400];
	if (!ho_mkdtemp(top, sizeof top, "intl"))
		return -1;
	snprintf(locale, sizeof locale, "%s\\ダウンロード", top);
	const char *sub[] = {"", "\\locale", "\\locale\\ja",
			     "\\locale\\ja\\LC_MESSAGES"};
	for (size_t i = 0; i < sizeof sub / sizeof sub[0]; i++) {
		snprintf(p, sizeof p, "%s%s", locale, sub[i]);
		if (ho_mkdir(p) != 0)
			return -1;
	}
	snprintf(locale + strlen(locale), sizeof locale - strlen(locale),
		 "\\locale");
	if (MultiByteToWideChar(CP_UTF8, MB_ERR_INVALID_CHARS, locale, -1,
				wlocale, sizeof wlocale / sizeof *wlocale) <= 0)
		return -1;
	/* what os_gettext_language("ja") sets */
	if (ho_setenv("LANGUAGE", "ja") != 0 ||
	    ho_setenv("LC_MESSAGES", "ja") != 0)
		return -1;
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	return ho_rmtree(top) ? 0 : -1;
}

/* What GLib does before main() (ggettext.c, _g_dgettext_should_translate:
 * gettext("") in the default domain, whose folder is libintl's ANSI
 * LOCALEDIR), then ours through wbindtextdomain(): Japanese. */
static void wide_name_after_an_ansi_lookup(void **state)
{
	(void)state;
	(void)gettext("");
	install_mo("maildoctor");
	assert_non_null(wbindtextdomain("maildoctor", wlocale));
	bind_textdomain_codeset("maildoctor", "UTF-8");
	assert_string_equal(dgettext("maildoctor", "Usage:"), "使い方:");
	const char *header = dgettext("maildoctor", "");
	assert_non_null(strstr(header, "Language: ja"));
}

/* A catalogue found by its UTF-16 name, then a domain with an ANSI folder
 * that holds no catalogue: that one stays English (0.21 gave it the first
 * entry with no ANSI name, another domain's Japanese catalogue). */
static void ansi_name_after_a_wide_lookup(void **state)
{
	(void)state;
	install_mo("md_wide");
	assert_non_null(wbindtextdomain("md_wide", wlocale));
	bind_textdomain_codeset("md_wide", "UTF-8");
	assert_string_equal(dgettext("md_wide", "Usage:"), "使い方:");
	assert_non_null(bindtextdomain("md_ansi", "build\\windows\\tests"));
	bind_textdomain_codeset("md_ansi", "UTF-8");
	assert_string_equal(dgettext("md_ansi", "Usage:"), "Usage:");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(wide_name_after_an_ansi_lookup),
	    cmocka_unit_test(ansi_name_after_a_wide_lookup),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
