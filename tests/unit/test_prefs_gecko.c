/* test_prefs_gecko.c — prefs.js / user.js read exactly as Gecko's libpref
 * parser reads a user pref file: tables of valid and broken inputs written
 * from its grammar and from the inputs and results of Mozilla's parser
 * tests, on account-like keys. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "clientcfg/tb/prefs.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define K    "mail.smtpserver.smtp1."
#define T(s) s, sizeof(s) - 1 /* text and length (it may hold a NUL) */

/* What Gecko ends up with for one key. */
struct want {
	const char *key;
	char type;	  /* 's', 'i', 'b', or '-' for absent */
	long ival;	  /* 'i' and 'b' (0 / 1) */
	const char *sval; /* 's' */
	unsigned line; /* line of the winning user_pref token, 0 = unchecked */
	const char *raw;  /* the value's bytes in the file, NULL = unchecked */
	const char *stmt; /* the statement's bytes, NULL = unchecked */
};

struct gk_case {
	const char *label;
	const char *text;
	size_t len;
	unsigned n; /* valid statements */
	struct want w[3];
	unsigned n_err;	      /* errors Gecko reports */
	unsigned err_line[4]; /* their lines (the first four) */
	const char *msg;      /* Gecko's message for the first error */
};

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

#define N_VALID (sizeof valid_cases / sizeof valid_cases[0])
#define N_ERROR (sizeof error_cases / sizeof error_cases[0])

static void say(const struct gk_case *c, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	printf("  FAIL [%s]: ", c->label);
	vprintf(fmt, ap);
	printf("\n");
	va_end(ap);
}

static bool bytes_are(const struct prefs_file *pf, size_t from, size_t to,
		      const char *want)
{
	return to >= from && to <= pf->len && strlen(want) == to - from &&
	       memcmp(pf->buf + from, want, to - from) == 0;
}

static bool check_want(const struct gk_case *c, const struct prefs_file *pf,
		       const struct want *w)
{
	const struct prefs_entry *e = prefs_find(pf, w->key);
	if (w->type == '-') {
		if (e)
			say(c, "%s is set, Gecko ignores it", w->key);
		return !e;
	}
	if (!e) {
		say(c, "%s is absent, Gecko sets it", w->key);
		return false;
	}
	bool ok = true;
	switch (w->type) {
	case 'i':
		ok = e->type == PREFS_TYPE_INT && e->ival == w->ival;
		break;
	case 'b':
		ok = e->type == PREFS_TYPE_BOOL && e->bval == (w->ival != 0);
		break;
	case 's':
		ok = e->type == PREFS_TYPE_STRING &&
		     strcmp(e->str, w->sval) == 0;
		break;
	}
	if (!ok)
		say(c, "%s has the wrong type or value", w->key);
	if (w->line && e->line != w->line) {
		say(c, "%s on line %u, Gecko: %u", w->key, e->line, w->line);
		ok = false;
	}
	if (w->raw && !bytes_are(pf, e->val_start, e->val_end, w->raw)) {
		say(c, "%s: value bytes [%zu, %zu) are wrong", w->key,
		    e->val_start, e->val_end);
		ok = false;
	}
	if (w->stmt && !bytes_are(pf, e->start, e->end, w->stmt)) {
		say(c, "%s: statement bytes [%zu, %zu) are wrong", w->key,
		    e->start, e->end);
		ok = false;
	}
	return ok;
}

/* One case: true when the parse agrees with Gecko (the message of an
 * error is judged apart, by test_prefs_gecko_messages). */
static bool check_case(const struct gk_case *c)
{
	struct prefs_file *pf = NULL;
	struct md_err err;
	assert_int_equal(prefs_parse(c->text, c->len, "user.js", &pf, &err),
			 MD_OK);
	bool ok = true;
	if (pf->n_entries != c->n) {
		say(c, "%zu valid statements, Gecko: %u", pf->n_entries, c->n);
		ok = false;
	}
	for (size_t i = 0; i < 3 && c->w[i].key; i++)
		ok &= check_want(c, pf, &c->w[i]);
	if (pf->n_issues != c->n_err) {
		say(c, "%zu errors, Gecko: %u", pf->n_issues, c->n_err);
		ok = false;
	}
	for (size_t i = 0; i < 4 && i < c->n_err && i < pf->n_issues; i++)
		if (pf->issues[i].line != c->err_line[i]) {
			say(c, "error %zu on line %u, Gecko: %u", i + 1,
			    pf->issues[i].line, c->err_line[i]);
			ok = false;
		}
	/* Whatever was read, the file is written back byte for byte. */
	char *out = NULL;
	size_t len = 0;
	assert_int_equal(prefs_render(pf, &out, &len, &err), MD_OK);
	if (len != c->len || memcmp(out, c->text, len) != 0) {
		say(c, "not written back byte for byte");
		ok = false;
	}
	free(out);
	prefs_free(pf);
	return ok;
}

static unsigned run_table(const struct gk_case *cases, size_t n,
			  const char *what)
{
	unsigned failed = 0;
	for (size_t i = 0; i < n; i++)
		failed += !check_case(&cases[i]);
	printf("%s cases: %zu, disagreeing with Gecko: %u\n", what, n, failed);
	return failed;
}

/* Every valid input gives Gecko's value, type and line. */
static void test_prefs_gecko_valid(void **state)
{
	(void)state;
	printf("gecko cases: %zu valid / %zu error\n", N_VALID, N_ERROR);
	assert_int_equal(run_table(valid_cases, N_VALID, "valid"), 0);
}

/* Every broken input is ignored as Gecko ignores it, reported on Gecko's
 * line, and what follows survives as in Gecko. */
static void test_prefs_gecko_errors(void **state)
{
	(void)state;
	assert_int_equal(run_table(error_cases, N_ERROR, "error"), 0);
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
	    cmocka_unit_test(test_prefs_gecko_valid),
	    cmocka_unit_test(test_prefs_gecko_errors),
	    cmocka_unit_test(test_prefs_gecko_messages),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
