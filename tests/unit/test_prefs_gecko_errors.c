/* test_prefs_gecko_errors.c — prefs.js / user.js read exactly as Gecko's
 * libpref parser reads a user pref file: the broken inputs, written from
 * its grammar and from the inputs and results of Mozilla's parser tests,
 * on account-like keys; each ignored as Gecko ignores it, reported on
 * Gecko's line with Gecko's message (judged by helper_gecko.c; the valid
 * inputs are test_prefs_gecko_valid.c). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "clientcfg/tb/prefs.h"
#include "tests/unit/helper_gecko.h"

#include <stdio.h>
#include <string.h>

static const struct gk_case error_cases[] = {
    {"pref and sticky_pref in a user file",
     T("pref(\"" K "port\", 587);\nsticky_pref(\"" K "hostname\", \"h\");\n"
       "user_pref(\"" K "username\", \"u\");"),
     1,
     {{K "port", '-'}, {K "hostname", '-'}, {K "username", 's', 0, "u", 3}},
     2,
     {1, 2},
     "expected 'user_pref' at start of pref definition"},
    {", locked in a user file",
     T("user_pref(\"" K "port\", 587, locked);\n"
       "user_pref(\"" K "username\", \"u\");"),
     1,
     {{K "port", '-'}, {K "username", 's', 0, "u", 2}},
     1,
     {1},
     "expected ')' after pref value"},
    {", sticky in a user file",
     T("user_pref(\"" K "hostname\", \"h\", sticky);\n"
       "user_pref(\"" K "port\", 25);"),
     1,
     {{K "hostname", '-'}, {K "port", 'i', 25, NULL, 2}},
     1,
     {1},
     "expected ')' after pref value"},
    {"a locked statement does not override",
     T("user_pref(\"" K "port\", 25);\nuser_pref(\"" K "port\", 587, locked);"),
     1,
     {{K "port", 'i', 25, NULL, 1}},
     1,
     {2},
     "expected ')' after pref value"},
    {"';' in a // comment after an error",
     T("user_pref(\"" K "port\" 587 // ;\n"
       "user_pref(\"" K "hostname\", \"h\");\n"
       "user_pref(\"" K "username\", \"u\");"),
     1,
     {{K "port", '-'}, {K "hostname", '-'}, {K "username", 's', 0, "u", 3}},
     1,
     {1},
     "expected ',' after pref name"},
    {"';' in a C comment after an error",
     T("user_pref(\"" K "port\" 587 /* ; */ "
       "user_pref(\"" K "hostname\", \"h\");\n"
       "user_pref(\"" K "username\", \"u\");"),
     1,
     {{K "port", '-'}, {K "hostname", '-'}, {K "username", 's', 0, "u", 2}},
     1,
     {1},
     "expected ',' after pref name"},
    {"';' in a string after an error",
     T("user_pref(\"" K "port\", x, "
       "\"; user_pref('" K "hostname', 'evil');\");\n"
       "user_pref(\"" K "username\", \"u\");"),
     1,
     {{K "port", '-'}, {K "hostname", '-'}, {K "username", 's', 0, "u", 2}},
     1,
     {1},
     "unknown keyword"},
    {"backslash-newline counts its line",
     T("user_pref(\"" K "hostname\", \"a\\\nb\");\n"
       "user_pref(\"" K "port\", 587);"),
     1,
     {{K "hostname", '-'}, {K "port", 'i', 587, NULL, 3}},
     1,
     {1},
     "unexpected escape sequence character after '\\'"},
    {"error after a backslash-newline",
     T("user_pref(\"" K "hostname\", \"a\\\nb\");\n"
       "user_pref(\"" K "port\" 587);"),
     0,
     {{K "hostname", '-'}, {K "port", '-'}},
     2,
     {1, 3},
     "unexpected escape sequence character after '\\'"},
    {"bad escape on a later line of a string",
     T("user_pref(\"" K "description\", \"a\n\\q\n\\z\");\n"
       "user_pref(\"" K "port\", 1);"),
     1,
     {{K "description", '-'}, {K "port", 'i', 1, NULL, 4}},
     1,
     {2},
     "unexpected escape sequence character after '\\'"},
    {"error at the offending token's line",
     T("user_pref(\"" K "port\",\n\n587\n;\nuser_pref(\"" K "try_ssl\", 3);"),
     1,
     {{K "port", '-'}, {K "try_ssl", 'i', 3, NULL, 5}},
     1,
     {4},
     "expected ')' after pref value"},
    {"no ';' before the next statement",
     T("user_pref(\"" K "port\", 587)\nuser_pref(\"" K "hostname\", \"h\");\n"
       "user_pref(\"" K "username\", \"u\");"),
     1,
     {{K "port", '-'}, {K "hostname", '-'}, {K "username", 's', 0, "u", 3}},
     1,
     {2},
     "expected ';' after ')'"},
    {"int overflow",
     T("user_pref(\"" K "port\", 2147483648);\n"
       "user_pref(\"" K "try_ssl\", 3);"),
     1,
     {{K "port", '-'}, {K "try_ssl", 'i', 3, NULL, 2}},
     1,
     {1},
     "integer literal overflowed"},
    {"+ overflow",
     T("user_pref(\"" K "port\", +2147483648);"),
     0,
     {{K "port", '-'}},
     1,
     {1},
     "integer literal overflowed"},
    {"- overflow",
     T("user_pref(\"" K "port\", -2147483649);"),
     0,
     {{K "port", '-'}},
     1,
     {1},
     "integer literal overflowed"},
    {"u32 overflow",
     T("user_pref(\"" K "port\", 4294967296);"),
     0,
     {{K "port", '-'}},
     1,
     {1},
     "integer literal overflowed"},
    {"- u32 overflow",
     T("user_pref(\"" K "port\", -4294967296);"),
     0,
     {{K "port", '-'}},
     1,
     {1},
     "integer literal overflowed"},
    {"long overflow",
     T("user_pref(\"" K "port\", 1234567890987654321);"),
     0,
     {{K "port", '-'}},
     1,
     {1},
     "integer literal overflowed"},
    {"an overflowing statement does not override",
     T("user_pref(\"" K "port\", 587);\nuser_pref(\"" K "port\", 2147483648);"),
     1,
     {{K "port", 'i', 587, NULL, 1}},
     1,
     {2},
     "integer literal overflowed"},
    {"123abc",
     T("user_pref(\"" K "port\", 587abc);\n"
       "user_pref(\"" K "try_ssl\", 3);"),
     1,
     {{K "port", '-'}, {K "try_ssl", 'i', 3, NULL, 2}},
     1,
     {1},
     "unexpected character in integer literal"},
    {"unknown keywords",
     T("user_prefs(\"" K "port\", 1);\nUser_pref(\"" K "port\", 2);\n"
       "user_pref(\"" K "try_ssl\", TRUE);\nfoo;\n"
       "user_pref(\"" K "hostname\", \"h\");"),
     1,
     {{K "port", '-'}, {K "try_ssl", '-'}, {K "hostname", 's', 0, "h", 5}},
     4,
     {1, 2, 3, 4},
     "unknown keyword"},
    {"digits are not keyword characters",
     T("user_pref1(\"" K "port\", 1);\nuser_pref(\"" K "hostname\", \"h\");"),
     1,
     {{K "port", '-'}, {K "hostname", 's', 0, "h", 2}},
     1,
     {1},
     "expected '(' after pref specifier"},
    {"true1",
     T("user_pref(\"" K "port\", true1);\n"
       "user_pref(\"" K "hostname\", \"h\");"),
     1,
     {{K "port", '-'}, {K "hostname", 's', 0, "h", 2}},
     1,
     {1},
     "expected ')' after pref value"},
    {"unexpected characters",
     T("user_pref(\"" K "port\", &587);\nuser_pref(\"" K "port\" : 1);\n"
       "@user_pref(\"" K "port\", 2);\nuser_pref(\"" K "try_ssl\", 3);"),
     1,
     {{K "port", '-'}, {K "try_ssl", 'i', 3, NULL, 4}},
     3,
     {1, 2, 3},
     "unexpected character"},
    {"byte order mark",
     T("\xEF\xBB\xBFuser_pref(\"" K "port\", 1);\n"
       "user_pref(\"" K "try_ssl\", 2);"),
     1,
     {{K "port", '-'}, {K "try_ssl", 'i', 2, NULL, 2}},
     1,
     {1},
     "unexpected character"},
    {"single slash",
     T("/ comment;\nuser_pref(\"" K "port\", 1);"),
     1,
     {{K "port", 'i', 1, NULL, 2}},
     1,
     {1},
     "expected '/' or '*' after '/'"},
    {"single slash before a line end",
     T("user_pref(\"" K "port\", 1);\n/\n;user_pref(\"" K "try_ssl\", 2);"),
     2,
     {{K "port", 'i', 1, NULL, 1}, {K "try_ssl", 'i', 2, NULL, 3}},
     1,
     {2},
     "expected '/' or '*' after '/'"},
    {"unterminated comment at EOF",
     T("user_pref(\"" K "port\", 1);\n/* open\n"),
     1,
     {{K "port", 'i', 1, NULL, 1}},
     1,
     {3},
     "unterminated /* comment"},
    {"unterminated comment in a statement",
     T("user_pref(\"" K "port\", /* open\n\n"),
     0,
     {{K "port", '-'}},
     1,
     {3},
     "unterminated /* comment"},
    {"unterminated string at EOF",
     T("user_pref(\"" K "port\", 1);\n"
       "user_pref(\"" K "hostname\", \"smtp.\nexample"),
     1,
     {{K "port", 'i', 1, NULL, 1}, {K "hostname", '-'}},
     1,
     {3},
     "unterminated string literal"},
    {"string running into the next statement",
     T("user_pref(\"" K "hostname\", \"foo);\n"
       "user_pref(\"" K "port\", 0);\n"),
     0,
     {{K "hostname", '-'}, {K "port", '-'}},
     1,
     {2},
     "unknown keyword"},
    {"mismatched quotes",
     T("user_pref(\"" K "hostname\", \"foo');\n"),
     0,
     {{K "hostname", '-'}},
     1,
     {2},
     "unterminated string literal"},
    {"NUL in a C comment",
     T("/* a\0 */ user_pref(\"" K "port\", 1);\n"
       "user_pref(\"" K "hostname\", \"h\");\n"),
     1,
     {{K "port", '-'}, {K "hostname", 's', 0, "h", 2}},
     1,
     {1},
     "unterminated /* comment"},
    {"NUL in a string",
     T("user_pref(\"" K "hostname\", \"a\0\n;\nuser_pref(\"" K
       "port\", 587);\n"),
     1,
     {{K "hostname", '-'}, {K "port", 'i', 587, NULL, 3}},
     1,
     {1},
     "unterminated string literal"},
    {"NUL after a backslash",
     T("user_pref(\"" K "hostname\", \"a\\\0b\");\n"
       "user_pref(\"" K "port\", 587);\n"),
     1,
     {{K "hostname", '-'}, {K "port", 'i', 587, NULL, 2}},
     1,
     {1},
     "unexpected escape sequence character after '\\'"},
    {"NUL after \\x",
     T("user_pref(\"" K "hostname\", \"\\x\0\n;user_pref(\"" K "port\", 587);"),
     1,
     {{K "hostname", '-'}, {K "port", 'i', 587, NULL, 2}},
     1,
     {1},
     "malformed \\x escape sequence"},
    {"NUL between tokens",
     T("user_pref(\"" K "port\",\0 587);\nuser_pref(\"" K "try_ssl\", 3);"),
     0,
     {{K "port", '-'}, {K "try_ssl", '-'}},
     1,
     {1},
     "expected pref value after ','"},
    {"malformed \\x",
     T("user_pref(\"" K "hostname\", \"foo\\x\");\n"
       "user_pref(\"" K "hostname\", \"foo\\x,bar\");\n"
       "user_pref(\"" K "hostname\", \"foo\\x 12\");\n"
       "user_pref(\"" K "hostname\", \"foo\\x\n12\");\n"
       "user_pref(\"" K "port\", 25);"),
     1,
     {{K "hostname", '-'}, {K "port", 'i', 25, NULL, 6}},
     4,
     {1, 2, 3, 4},
     "malformed \\x escape sequence"},
    {"short or bad \\x",
     T("user_pref(\"" K "hostname\", \"foo\\x1\");\n"
       "user_pref(\"" K "hostname\", \"foo\\x1G\");\n"
       "user_pref(\"" K "port\", 25);"),
     1,
     {{K "hostname", '-'}, {K "port", 'i', 25, NULL, 3}},
     2,
     {1, 2},
     "malformed \\x escape sequence"},
    {"\\x00",
     T("user_pref(\"" K "hostname\", \"foo\\x00bar\");\n"
       "user_pref(\"" K "port\", 0);"),
     1,
     {{K "hostname", '-'}, {K "port", 'i', 0, NULL, 2}},
     1,
     {1},
     "\\x00 is not allowed"},
    {"malformed \\u",
     T("user_pref(\"" K "hostname\", \"foo\\u\");\n"
       "user_pref(\"" K "hostname\", \"foo\\u,bar\");\n"
       "user_pref(\"" K "hostname\", \"foo\\u 1234\");\n"
       "user_pref(\"" K "hostname\", \"foo\\u\n1234\");\n"
       "user_pref(\"" K "port\", 25);"),
     1,
     {{K "hostname", '-'}, {K "port", 'i', 25, NULL, 6}},
     4,
     {1, 2, 3, 4},
     "malformed \\u escape sequence"},
    {"short or bad \\u",
     T("user_pref(\"" K "hostname\", \"foo\\u1\");\n"
       "user_pref(\"" K "hostname\", \"foo\\u12\");\n"
       "user_pref(\"" K "hostname\", \"foo\\u123\");\n"
       "user_pref(\"" K "hostname\", \"foo\\u1G34\");\n"
       "user_pref(\"" K "port\", 25);"),
     1,
     {{K "hostname", '-'}, {K "port", 'i', 25, NULL, 5}},
     4,
     {1, 2, 3, 4},
     "malformed \\u escape sequence"},
    {"\\u0000",
     T("user_pref(\"" K "hostname\", \"foo\\u0000 bar\");\n"
       "user_pref(\"" K "port\", 0);"),
     1,
     {{K "hostname", '-'}, {K "port", 'i', 0, NULL, 2}},
     1,
     {1},
     "\\u0000 is not allowed"},
    {"high surrogate alone",
     T("user_pref(\"" K "hostname\", \"foo\\ud83c,blah\");\n"
       "user_pref(\"" K "port\", 0);"),
     1,
     {{K "hostname", '-'}, {K "port", 'i', 0, NULL, 2}},
     1,
     {1},
     "expected low surrogate after high surrogate"},
    {"high surrogate, bad low one",
     T("user_pref(\"" K "hostname\", \"foo\\ud83c\\u1234\");\n"
       "user_pref(\"" K "port\", 0);"),
     1,
     {{K "hostname", '-'}, {K "port", 'i', 0, NULL, 2}},
     1,
     {1},
     "invalid low surrogate after high surrogate"},
    {"low surrogate alone",
     T("user_pref(\"" K "hostname\", \"foo\\udc00\");\n"
       "user_pref(\"" K "port\", 0);"),
     1,
     {{K "hostname", '-'}, {K "port", 'i', 0, NULL, 2}},
     1,
     {1},
     "expected high surrogate before low surrogate"},
    {"escapes JavaScript has and prefs do not",
     T("user_pref(\"" K "hostname\", \"foo\\b\");\n"
       "user_pref(\"" K "hostname\", \"foo\\f\");\n"
       "user_pref(\"" K "hostname\", \"foo\\t\");\n"
       "user_pref(\"" K "hostname\", \"foo\\v\");\n"
       "user_pref(\"" K "port\", 0);"),
     1,
     {{K "hostname", '-'}, {K "port", 'i', 0, NULL, 5}},
     4,
     {1, 2, 3, 4},
     "unexpected escape sequence character after '\\'"},
    {"other bad escapes",
     T("user_pref(\"" K "hostname\", \"foo\\Q\");\n"
       "user_pref(\"" K "hostname\", \"foo\\1\");\n"
       "user_pref(\"" K "hostname\", \"foo\\,\");\n"
       "user_pref(\"" K "hostname\", \"foo\\ n\");\n"
       "user_pref(\"" K "port\", 0);"),
     1,
     {{K "hostname", '-'}, {K "port", 'i', 0, NULL, 5}},
     4,
     {1, 2, 3, 4},
     "unexpected escape sequence character after '\\'"},
    {"parse errors, one a line",
     T("\"user_pref\"(\"" K "port\": 1);\n"
       "user_pref(123, 1);\n"
       "user_pref(\"" K "port\" 1);\n"
       "user_pref(\"" K "port\", user_pref);\n"
       "user_pref(\"" K "port\", -true);\n"
       "user_pref(\"" K "port\", +\"587\");\n"
       "user_pref(\"" K "port\", 1,);\n"
       "user_pref(\"" K "port\", 1;\n"
       "user_pref(\"" K "try_ssl\", 3);"),
     1,
     {{K "port", '-'}, {K "try_ssl", 'i', 3, NULL, 9}},
     8,
     {1, 2, 3, 4},
     "expected 'user_pref' at start of pref definition"},
    {"EOF after user_pref",
     T("\nuser_pref"),
     0,
     {{K "port", '-'}},
     1,
     {2},
     "expected '(' after pref specifier"},
    {"EOF after (",
     T("\nuser_pref("),
     0,
     {{K "port", '-'}},
     1,
     {2},
     "expected pref name after '('"},
    {"EOF after the name",
     T("\nuser_pref(\"" K "port\""),
     0,
     {{K "port", '-'}},
     1,
     {2},
     "expected ',' after pref name"},
    {"EOF after ,",
     T("\nuser_pref(\"" K "port\","),
     0,
     {{K "port", '-'}},
     1,
     {2},
     "expected pref value after ','"},
    {"EOF after -",
     T("\nuser_pref(\"" K "port\", -"),
     0,
     {{K "port", '-'}},
     1,
     {2},
     "expected integer literal after '-'"},
    {"EOF after +",
     T("\nuser_pref(\"" K "port\", +"),
     0,
     {{K "port", '-'}},
     1,
     {2},
     "expected integer literal after '+'"},
    {"EOF after the value",
     T("\nuser_pref(\"" K "port\", true"),
     0,
     {{K "port", '-'}},
     1,
     {2},
     "expected ')' after pref value"},
    {"EOF after )",
     T("\nuser_pref(\"" K "port\", true)"),
     0,
     {{K "port", '-'}},
     1,
     {2},
     "expected ';' after ')'"},
    {"stray semicolons",
     T("user_pref(\"" K "port\", 587);;\n"
       "user_pref(\"" K "hostname\", \"h\");;;\n"
       "user_pref(\"" K "username\", \"u\");"),
     3,
     {{K "port", 'i', 587, NULL, 1},
      {K "hostname", 's', 0, "h", 2},
      {K "username", 's', 0, "u", 3}},
     3,
     {1, 2, 2},
     "expected 'user_pref' at start of pref definition"},
};

#define N_ERROR (sizeof error_cases / sizeof error_cases[0])

/* Every broken input is ignored as Gecko ignores it, reported on Gecko's
 * line, and what follows survives as in Gecko. */
static void test_prefs_gecko_errors(void **state)
{
	(void)state;
	printf("gecko cases: %zu error\n", N_ERROR);
	assert_int_equal(gk_run_table(error_cases, N_ERROR, "error"), 0);
}

/* The first error of each broken input has Gecko's message. */
static void test_prefs_gecko_messages(void **state)
{
	(void)state;
	unsigned bad = 0;
	for (size_t i = 0; i < N_ERROR; i++) {
		const struct gk_case *c = &error_cases[i];
		struct prefs_file *pf = NULL;
		struct md_err err;
		assert_int_equal(
		    prefs_parse(c->text, c->len, "user.js", &pf, &err), MD_OK);
		const char *got = pf->n_issues ? pf->issues[0].what : "";
		if (strcmp(got, c->msg) != 0) {
			printf("  MESSAGE [%s]: \"%s\", Gecko: \"%s\"\n",
			       c->label, got, c->msg);
			bad++;
		}
		prefs_free(pf);
	}
	printf("error messages differing from Gecko's: %u of %zu\n", bad,
	       N_ERROR);
	assert_int_equal(bad, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_prefs_gecko_errors),
	    cmocka_unit_test(test_prefs_gecko_messages),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
