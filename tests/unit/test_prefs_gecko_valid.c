/* test_prefs_gecko_valid.c — prefs.js / user.js read exactly as Gecko's
 * libpref parser reads a user pref file: the valid inputs, written from its
 * grammar and from the inputs and results of Mozilla's parser tests, on
 * account-like keys (judged by helper_gecko.c; the broken inputs are
 * test_prefs_gecko_errors.c). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "clientcfg/tb/prefs.h"
#include "tests/unit/helper_gecko.h"

#include <stdio.h>
#include <string.h>

static const struct gk_case valid_cases[] = {
    {"int",
     T("user_pref(\"" K "port\", 587);\n"),
     1,
     {{K "port", 'i', 587, NULL, 1, "587", "user_pref(\"" K "port\", 587);"}}},
    {"sign apart from digits",
     T("user_pref(\"" K "port\", + 587);"),
     1,
     {{K "port", 'i', 587, NULL, 1, "+ 587"}}},
    {"sign next to digits",
     T("user_pref(\"" K "port\",+587);"),
     1,
     {{K "port", 'i', 587}}},
    {"minus, line end, digits",
     T("user_pref(\"" K "port\", -\n567);\nuser_pref(\"" K "try_ssl\", 3);"),
     2,
     {{K "port", 'i', -567, NULL, 1, "-\n567"},
      {K "try_ssl", 'i', 3, NULL, 3}}},
    {"minus, comment, digits",
     T("user_pref(\"" K "port\", - /* c */\t456);"),
     1,
     {{K "port", 'i', -456, NULL, 1, "- /* c */\t456"}}},
    {"minus zero", T("user_pref(\"" K "port\", -0);"), 1, {{K "port", 'i', 0}}},
    {"INT_MAX",
     T("user_pref(\"" K "port\", 2147483647);"),
     1,
     {{K "port", 'i', 2147483647L}}},
    {"+INT_MAX",
     T("user_pref(\"" K "port\", +2147483647);"),
     1,
     {{K "port", 'i', 2147483647L}}},
    {"INT_MIN",
     T("user_pref(\"" K "port\", -2147483648);"),
     1,
     {{K "port", 'i', -2147483647L - 1, NULL, 1, "-2147483648"}}},
    {"INT_MIN+1",
     T("user_pref(\"" K "port\", -2147483647);"),
     1,
     {{K "port", 'i', -2147483647L}}},
    {"bools",
     T("user_pref(\"mail.server.server1.check_new_mail\", true);\n"
       "user_pref(\"mail.identity.id1.compose_html\", false);"),
     2,
     {{"mail.server.server1.check_new_mail", 'b', 1, NULL, 1, "true"},
      {"mail.identity.id1.compose_html", 'b', 0, NULL, 2, "false"}}},
    {"empty string",
     T("user_pref(\"" K "username\", \"\");"),
     1,
     {{K "username", 's', 0, "", 1, "\"\""}}},
    {"single quotes",
     T("user_pref('" K "description', '\"abc\"');"),
     1,
     {{K "description", 's', 0, "\"abc\""}}},
    {"double quotes",
     T("user_pref(\"" K "description\", \"'abc'\");"),
     1,
     {{K "description", 's', 0, "'abc'"}}},
    {"simple escapes",
     T("user_pref(\"" K "description\", \"\\\" \\' \\\\ \\n \\r\");"),
     1,
     {{K "description", 's', 0, "\" ' \\ \n \r"}}},
    {"\\x escapes",
     T("user_pref(\"" K "username\", "
       "\"Mozilla0\\x4d\\x6F\\x7a\\x69\\x6c\\x6C\\x610\");"),
     1,
     {{K "username", 's', 0, "Mozilla0Mozilla0"}}},
    {"\\x escapes above 127",
     T("user_pref(\"" K "username\", \"A\\x41 A_umlaut\\xc4 y_umlaut\\xff\");"),
     1,
     {{K "username", 's', 0, "AA A_umlaut\xc4 y_umlaut\xff"}}},
    {"\\u escapes",
     T("user_pref(\"" K "description\", "
       "\"A\\u0041 A_umlaut\\u00c4 y_umlaut\\u00ff0\");"),
     1,
     {{K "description", 's', 0,
       "AA A_umlaut\xc3\x84 y_umlaut\xc3\xbf"
       "0"}}},
    {"\\u escapes, three bytes",
     T("user_pref(\"" K "description\", \"S_acute\\u015a y_grave\\u1Ef3\");"),
     1,
     {{K "description", 's', 0, "S_acute\xc5\x9a y_grave\xe1\xbb\xb3"}}},
    {"\\u surrogate pairs",
     T("user_pref(\"" K "description\",\n"
       "    \"cyclone\\uD83C\\uDF00 grinning_face\\uD83D\\uDE00\");"),
     1,
     {{K "description", 's', 0,
       "cyclone\xF0\x9F\x8C\x80 grinning_face\xF0\x9F\x98\x80", 1}}},
    {"raw control characters in a string",
     T("user_pref(\"" K "description\", \" \t \v \f \x06 \x16\");"),
     1,
     {{K "description", 's', 0, " \t \v \f \x06 \x16"}}},
    {"comments between every token",
     T("/*0*/ user_pref /*1*/ ( /*2*/ \"" K "port\" /*3*/ , /*4*/ 25 "
       "/*5*/ ) /*6*/ ; /*7*/"),
     1,
     {{K "port", 'i', 25, NULL, 1, "25"}}},
    {"comments and line ends between tokens",
     T("user_pref # foo\n( // foo\n\"" K "port\" /*\nfoo\n*/,/*foo*/\n"
       "465#foo\n)//\n; /*7*/\nuser_pref(\"" K "try_ssl\", 3);"),
     2,
     {{K "port", 'i', 465, NULL, 1, "465"}, {K "try_ssl", 'i', 3, NULL, 9}}},
    {"spaced out",
     T("user_pref\n    (\n     \"" K "port\"\n     ,\n  587\n )\n ;\n"
       "user_pref(\"" K "try_ssl\", 2);"),
     2,
     {{K "port", 'i', 587, NULL, 1}, {K "try_ssl", 'i', 2, NULL, 8}}},
    {"multi-line string",
     T("user_pref(\"" K "description\", \"one\ntwo\r\nthree\rfour\");\n"
       "user_pref(\"" K "port\", 587);"),
     2,
     {{K "description", 's', 0, "one\ntwo\r\nthree\rfour", 1},
      {K "port", 'i', 587, NULL, 5}}},
    {"LF, CR, CRLF",
     T("\n \r \r\n user_pref(\"" K "port\", 1);"),
     1,
     {{K "port", 'i', 1, NULL, 4}}},
    {"# comments and line ends",
     T("#\n#\r#\r\n user_pref(\"" K "port\", 1);"),
     1,
     {{K "port", 'i', 1, NULL, 4}}},
    {"// comments and line ends",
     T("//\n//\r//\r\n user_pref(\"" K "port\", 1);"),
     1,
     {{K "port", 'i', 1, NULL, 4}}},
    {"line ends in a C comment",
     T("/*\n \r \r\n*/ user_pref(\"" K "port\", 1);"),
     1,
     {{K "port", 'i', 1, NULL, 4}}},
    {"CR-only file",
     T("user_pref(\"" K "hostname\", \"a\");\ruser_pref(\"" K "port\", 25);\r"),
     2,
     {{K "hostname", 's', 0, "a", 1}, {K "port", 'i', 25, NULL, 2}}},
    {"escapes do not count as lines",
     T("user_pref(\"" K "description\", "
       "\"foo\\n\n foo\\r\r foo\\r\\n\r\n foo\");\n"
       "user_pref(\"" K "port\", 1);"),
     2,
     {{K "description", 's', 0, "foo\n\n foo\r\r foo\r\n\r\n foo", 1},
      {K "port", 'i', 1, NULL, 5}}},
    {"the last valid statement wins",
     T("user_pref(\"" K "port\", 25);\nuser_pref(\"" K "port\", 587);"),
     2,
     {{K "port", 'i', 587, NULL, 2}}},
    {"statements without spaces on one line",
     T("user_pref(\"" K "port\",587);user_pref(\"" K "try_ssl\",+3);"),
     2,
     {{K "port", 'i', 587, NULL, 1}, {K "try_ssl", 'i', 3, NULL, 1}}},
    {"int then comment",
     T("user_pref(\"" K "port\", 587/* x */);"),
     1,
     {{K "port", 'i', 587, NULL, 1, "587"}}},
    {"empty file", T(""), 0, {{K "port", '-'}}},
    {"whitespace only", T("\n\n    \v \t \v \f"), 0, {{K "port", '-'}}},
    {"// comment to the end",
     T("user_pref(\"" K "port\", 1);\n// blah"),
     1,
     {{K "port", 'i', 1}}},
    {"# comment to the end", T("# blah"), 0, {{K "port", '-'}}},
    {"C comment only", T("/* blah */"), 0, {{K "port", '-'}}},
    {"empty // comment at the end",
     T("user_pref(\"" K "port\", 1);\n//"),
     1,
     {{K "port", 'i', 1}}},
    {"NUL at a token ends the file",
     T("user_pref(\"" K "port\", 587);\n\0user_pref(\"" K "try_ssl\", 3);\n"),
     1,
     {{K "port", 'i', 587, NULL, 1}, {K "try_ssl", '-'}}},
    {"NUL ends a # comment, not the file",
     T("# header\0\nuser_pref(\"" K "port\", 587);\n"),
     1,
     {{K "port", 'i', 587, NULL, 2}}},
    {"NUL ends a // comment, not the file",
     T("// header\0user_pref(\"" K "port\", 465);"),
     1,
     {{K "port", 'i', 465, NULL, 1}}},
};

#define N_VALID (sizeof valid_cases / sizeof valid_cases[0])

/* Every valid input gives Gecko's value, type and line. */
static void test_prefs_gecko_valid(void **state)
{
	(void)state;
	printf("gecko cases: %zu valid\n", N_VALID);
	assert_int_equal(gk_run_table(valid_cases, N_VALID, "valid"), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_prefs_gecko_valid),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
