/* test_prefs.c — the prefs.js grammar, lossless writing and edits. */
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

static struct prefs_file *parse(const char *text)
{
	struct prefs_file *pf = NULL;
	struct md_err err;
	assert_int_equal(prefs_parse(text, strlen(text), "t.js", &pf, &err),
			 MD_OK);
	assert_non_null(pf);
	return pf;
}

static char *render(const struct prefs_file *pf, size_t *len)
{
	char *out = NULL;
	struct md_err err;
	assert_int_equal(prefs_render(pf, &out, len, &err), MD_OK);
	return out;
}

/* Parse then write with no change gives the same bytes. */
static void assert_roundtrip(const char *text, size_t len)
{
	struct prefs_file *pf = NULL;
	struct md_err err;
	assert_int_equal(prefs_parse(text, len, "t.js", &pf, &err), MD_OK);
	size_t outlen;
	char *out = render(pf, &outlen);
	assert_int_equal(outlen, len);
	assert_memory_equal(out, text, len);
	free(out);
	prefs_free(pf);
}

static void test_prefs_types(void **state)
{
	(void)state;
	struct prefs_file *pf = parse("user_pref(\"a.str\", \"x\");\n"
				      "user_pref('b.int', -42);\n"
				      "user_pref(\"c.bool\", true);\n"
				      "user_pref(\"d.plus\", +7);\n"
				      "user_pref(\"e.false\",false);\n");
	assert_int_equal(pf->n_entries, 5);
	assert_int_equal(pf->n_issues, 0);
	assert_string_equal(prefs_get_str(pf, "a.str"), "x");
	long v;
	assert_true(prefs_get_int(pf, "b.int", &v));
	assert_int_equal(v, -42);
	assert_true(pf->entries[2].bval);
	assert_true(prefs_get_int(pf, "d.plus", &v));
	assert_int_equal(v, 7);
	assert_int_equal(pf->entries[4].type, PREFS_TYPE_BOOL);
	assert_false(pf->entries[4].bval);
	assert_null(prefs_get_str(pf, "b.int")); /* wrong type */
	assert_null(prefs_get_str(pf, "missing"));
	prefs_free(pf);
}

/* prefs.js and user.js are user pref files: Gecko takes neither pref()
 * nor sticky_pref() nor the sticky / locked attributes there. */
static void test_prefs_user_file_only(void **state)
{
	(void)state;
	struct prefs_file *pf =
	    parse("pref('b.int', -42);\n"
		  "sticky_pref(\"c.bool\", true);\n"
		  "user_pref(\"d.int\", 1, sticky, locked);\n"
		  "user_pref(\"e.int\", 2);\n");
	assert_int_equal(pf->n_entries, 1);
	assert_int_equal(pf->n_issues, 3);
	assert_string_equal(pf->issues[0].what,
			    "expected 'user_pref' at start of pref definition");
	assert_string_equal(pf->issues[2].what,
			    "expected ')' after pref value");
	assert_int_equal(pf->issues[2].line, 3);
	assert_null(prefs_find(pf, "b.int"));
	assert_null(prefs_find(pf, "c.bool"));
	assert_null(prefs_find(pf, "d.int"));
	assert_non_null(prefs_find(pf, "e.int"));
	prefs_free(pf);
}

static void test_prefs_escapes(void **state)
{
	(void)state;
	struct prefs_file *pf =
	    parse("user_pref(\"q\", \"a\\\"b\\'c\\\\d\\ne\\rf\");\n"
		  "user_pref('s', 'it\\'s \"quoted\"');\n"
		  "user_pref(\"x\", \"\\x41\\xe3\\x81\\x82\");\n"
		  "user_pref(\"u\", \"\\u3077\\u3089\");\n"
		  "user_pref(\"pair\", \"\\ud83d\\udce7\");\n"
		  "user_pref(\"raw\", \"白尾\");\n");
	assert_int_equal(pf->n_issues, 0);
	assert_string_equal(prefs_get_str(pf, "q"), "a\"b'c\\d\ne\rf");
	assert_string_equal(prefs_get_str(pf, "s"), "it's \"quoted\"");
	assert_string_equal(prefs_get_str(pf, "x"), "A\xe3\x81\x82");
	assert_string_equal(prefs_get_str(pf, "u"), "ぷら");
	assert_string_equal(prefs_get_str(pf, "pair"), "\xF0\x9F\x93\xA7");
	assert_string_equal(prefs_get_str(pf, "raw"), "白尾");
	prefs_free(pf);
}

static void test_prefs_comments_and_line_ends(void **state)
{
	(void)state;
	const char *text = "# hash comment\r\n"
			   "// line comment user_pref(\"no\", 1);\r"
			   "/* block\n comment user_pref(\"no2\", 1); */ "
			   "user_pref(\"a\", 1);\r\n"
			   "user_pref(\"b\", /* inline */ 2);\n"
			   "\t\v\f user_pref(\"c\", 3);";
	struct prefs_file *pf = parse(text);
	assert_int_equal(pf->n_issues, 0);
	assert_int_equal(pf->n_entries, 3);
	assert_null(prefs_find(pf, "no"));
	assert_null(prefs_find(pf, "no2"));
	/* CRLF, CR and LF each count as one line end. */
	assert_int_equal(prefs_find(pf, "a")->line, 4);
	assert_int_equal(prefs_find(pf, "b")->line, 5);
	assert_int_equal(prefs_find(pf, "c")->line, 6);
	assert_true(pf->crlf);
	prefs_free(pf);
}

static void test_prefs_last_one_wins(void **state)
{
	(void)state;
	struct prefs_file *pf =
	    parse("user_pref(\"k\", 1);\nuser_pref(\"k\", 2);\n");
	long v;
	assert_true(prefs_get_int(pf, "k", &v));
	assert_int_equal(v, 2);
	assert_int_equal(prefs_find(pf, "k")->line, 2);
	prefs_free(pf);
}

/* Each bad statement is skipped up to ';' and reported with its line; the
 * good ones around it survive. */
static void test_prefs_error_recovery(void **state)
{
	(void)state;
	static const struct {
		const char *bad;
		const char *what;
		bool eats_next; /* the skip to ';' swallows the next line too,
				   and the error is seen on that line */
	} cases[] = {
	    {"user_pref(\"a\" 1);", "expected ',' after pref name"},
	    {"user_pref(\"a\", 1;", "expected ')' after pref value"},
	    {"user_pref(\"a\", 1)", "expected ';' after ')'", true},
	    {"user_prefs(\"a\", 1);", "unknown keyword"},
	    {"user_pref(a, 1);", "unknown keyword"},
	    {"user_pref(\"a\", 12abc);",
	     "unexpected character in integer literal"},
	    {"user_pref(\"a\", 2147483648);", "integer literal overflowed"},
	    {"user_pref(\"a\", -2147483649);", "integer literal overflowed"},
	    {"user_pref(\"a\", yes);", "unknown keyword"},
	    {"user_pref(\"a\", \"\\q\");",
	     "unexpected escape sequence character after '\\'"},
	    {"user_pref(\"a\", \"\\x4\");", "malformed \\x escape sequence"},
	    {"user_pref(\"a\", \"\\x00\");", "\\x00 is not allowed"},
	    {"user_pref(\"a\", \"\\u00zz\");", "malformed \\u escape sequence"},
	    {"user_pref(\"a\", \"\\u0000\");", "\\u0000 is not allowed"},
	    {"user_pref(\"a\", \"\\ud83d\");",
	     "expected low surrogate after high surrogate"},
	    {"user_pref(\"a\", \"\\udce7\");",
	     "expected high surrogate before low surrogate"},
	    {"user_pref(\"a\", \"\\ud83d\\u0041\");",
	     "invalid low surrogate after high surrogate"},
	    {"user_pref(\"a\", 1, frozen);", "expected ')' after pref value"},
	    {"user_pref(\"a\", );", "expected pref value after ','"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char text[256];
		snprintf(
		    text, sizeof text,
		    "user_pref(\"before\", 1);\n%s\nuser_pref(\"after\", 2);\n",
		    cases[i].bad);
		struct prefs_file *pf = parse(text);
		assert_int_equal(pf->n_issues, 1);
		assert_int_equal(pf->issues[0].line,
				 cases[i].eats_next ? 3 : 2);
		assert_string_equal(pf->issues[0].what, cases[i].what);
		assert_non_null(prefs_find(pf, "before"));
		if (cases[i].eats_next)
			assert_null(prefs_find(pf, "after"));
		else
			assert_non_null(prefs_find(pf, "after"));
		assert_null(prefs_find(pf, "a"));
		/* Still lossless. */
		assert_roundtrip(text, strlen(text));
		prefs_free(pf);
	}
}

static void test_prefs_unterminated(void **state)
{
	(void)state;
	static const char *cases[] = {
	    "user_pref(\"a\", \"open", "user_pref(\"a\", 1); /* open comment",
	    "user_pref(\"a\"",	       "user_pref(",
	    "user_pref(\"a\", \"\\",
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct prefs_file *pf = parse(cases[i]);
		assert_int_equal(pf->n_issues, 1);
		assert_roundtrip(cases[i], strlen(cases[i]));
		prefs_free(pf);
	}
}

/* A NUL byte ends the file for Gecko, but its bytes are kept. */
static void test_prefs_nul_ends_file(void **state)
{
	(void)state;
	const char text[] = "user_pref(\"a\", 1);\n\0user_pref(\"b\", 2);\n";
	struct prefs_file *pf = NULL;
	struct md_err err;
	assert_int_equal(prefs_parse(text, sizeof text - 1, NULL, &pf, &err),
			 MD_OK);
	assert_non_null(prefs_find(pf, "a"));
	assert_null(prefs_find(pf, "b"));
	prefs_free(pf);
	assert_roundtrip(text, sizeof text - 1);
}

static void test_prefs_roundtrip_odd_layouts(void **state)
{
	(void)state;
	static const char *cases[] = {
	    "",
	    "\n\n",
	    "user_pref(\"a\",1);user_pref(\"b\",2);",
	    "  user_pref ( 'a' , \"x\" ) ; // trailing\r\n",
	    "garbage without semicolon",
	    "\xEF\xBB\xBFuser_pref(\"bom\", 1);\n",
	    "user_pref(\"multi\nline\", \"v\nw\");\n",
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
		assert_roundtrip(cases[i], strlen(cases[i]));
}

/* Changing a value touches only its bytes. */
static void test_prefs_edit_in_place(void **state)
{
	(void)state;
	const char *text = "// header\n"
			   "user_pref(\"mail.smtpserver.smtp1.hostname\", "
			   "'old.example');  // x\n"
			   "user_pref(\"mail.smtpserver.smtp1.port\", 25);\n"
			   "user_pref(\"flag\", false);\n";
	struct prefs_file *pf = parse(text);
	struct md_err err;
	assert_int_equal(prefs_set_str(pf, "mail.smtpserver.smtp1.hostname",
				       "new\"host", &err),
			 MD_OK);
	assert_int_equal(
	    prefs_set_int(pf, "mail.smtpserver.smtp1.port", 587, &err), MD_OK);
	assert_int_equal(prefs_set_bool(pf, "flag", true, &err), MD_OK);
	assert_string_equal(prefs_get_str(pf, "mail.smtpserver.smtp1.hostname"),
			    "new\"host");
	size_t len;
	char *out = render(pf, &len);
	assert_string_equal(out,
			    "// header\n"
			    "user_pref(\"mail.smtpserver.smtp1.hostname\", "
			    "\"new\\\"host\");  // x\n"
			    "user_pref(\"mail.smtpserver.smtp1.port\", 587);\n"
			    "user_pref(\"flag\", true);\n");
	free(out);
	prefs_free(pf);
}

/* A signed int's value runs from its sign token to its digits, whatever
 * stands between them: an edit replaces all of it, and nothing else. */
static void test_prefs_edit_signed(void **state)
{
	(void)state;
	const char *text =
	    "user_pref(\"mail.smtpserver.smtp1.port\", - /* c */\n25); // x\n"
	    "user_pref(\"mail.smtpserver.smtp1.try_ssl\", +\t2);\n";
	struct prefs_file *pf = parse(text);
	assert_int_equal(pf->n_issues, 0);
	long v;
	assert_true(prefs_get_int(pf, "mail.smtpserver.smtp1.port", &v));
	assert_int_equal(v, -25);
	struct md_err err;
	assert_int_equal(
	    prefs_set_int(pf, "mail.smtpserver.smtp1.port", 587, &err), MD_OK);
	assert_int_equal(
	    prefs_set_str(pf, "mail.smtpserver.smtp1.try_ssl", "3", &err),
	    MD_OK);
	size_t len;
	char *out = render(pf, &len);
	assert_string_equal(
	    out, "user_pref(\"mail.smtpserver.smtp1.port\", 587); // x\n"
		 "user_pref(\"mail.smtpserver.smtp1.try_ssl\", \"3\");\n");
	free(out);
	prefs_free(pf);
}

/* A new pref goes where Thunderbird's sorted order puts it, with the
 * file's line ends. */
static void test_prefs_add_sorted(void **state)
{
	(void)state;
	const char *text =
	    "// h\r\n\r\nuser_pref(\"a.x\", 1);\r\nuser_pref(\"c.x\", 3);\r\n";
	struct prefs_file *pf = parse(text);
	struct md_err err;
	assert_int_equal(prefs_set_int(pf, "b.x", 2, &err), MD_OK);
	assert_int_equal(prefs_set_str(pf, "d.x", "four\n", &err), MD_OK);
	size_t len;
	char *out = render(pf, &len);
	assert_string_equal(
	    out, "// h\r\n\r\nuser_pref(\"a.x\", 1);\r\n"
		 "user_pref(\"b.x\", 2);\r\nuser_pref(\"c.x\", 3);\r\n"
		 "user_pref(\"d.x\", \"four\\n\");\r\n");
	free(out);
	prefs_free(pf);

	/* No final line end: one is added before the new line. */
	pf = parse("user_pref(\"a\", 1);");
	assert_int_equal(prefs_set_int(pf, "z", 2, &err), MD_OK);
	out = render(pf, &len);
	assert_string_equal(out,
			    "user_pref(\"a\", 1);\nuser_pref(\"z\", 2);\n");
	free(out);
	prefs_free(pf);
}

static void test_prefs_unset(void **state)
{
	(void)state;
	struct prefs_file *pf =
	    parse("user_pref(\"a\", 1);\nuser_pref(\"b\", 2);\n"
		  "user_pref(\"c\", 3); user_pref(\"b\", 4);\n");
	prefs_unset(pf, "b");
	assert_null(prefs_find(pf, "b"));
	size_t len;
	char *out = render(pf, &len);
	assert_string_equal(out,
			    "user_pref(\"a\", 1);\nuser_pref(\"c\", 3); \n");
	free(out);
	prefs_free(pf);
}

static void test_prefs_quote(void **state)
{
	(void)state;
	char *q = prefs_quote("a\"b\\c\nd\re\tf");
	assert_string_equal(q, "\"a\\\"b\\\\c\\nd\\re\tf\"");
	free(q);
}

static void test_prefs_load_errors(void **state)
{
	(void)state;
	struct prefs_file *pf = NULL;
	struct md_err err;
	assert_int_equal(prefs_load("/nonexistent/prefs.js", &pf, &err),
			 MD_ERR_NOTFOUND);
	assert_null(pf);
	assert_string_equal(err.file, "/nonexistent/prefs.js");
	assert_int_equal(prefs_load("/", &pf, &err), MD_ERR_IO);
	assert_null(pf);
}

/* The real Mozilla-authored prefs file in ../shared/samples. */
static void test_prefs_real_sample(void **state)
{
	(void)state;
	const char *dir =
	    getenv("MD_SAMPLES") ? getenv("MD_SAMPLES") : "../shared/samples";
	char path[1024];
	snprintf(path, sizeof path, "%s/thunderbird/mailnewsTestPrefs.js", dir);
	struct prefs_file *pf = NULL;
	struct md_err err;
	assert_int_equal(prefs_load(path, &pf, &err), MD_OK);
	assert_int_equal(pf->n_issues, 0);
	assert_int_equal(pf->n_entries, 41);
	assert_string_equal(prefs_get_str(pf, "mail.smtpserver.smtp1.hostname"),
			    "tinderbox");
	assert_string_equal(prefs_get_str(pf, "mail.identity.id1.useremail"),
			    "tinderbox@invalid.com");
	assert_int_equal(prefs_find(pf, "mail.smtpservers")->line, 35);
	size_t len;
	char *out = render(pf, &len);
	assert_int_equal(len, pf->len);
	assert_memory_equal(out, pf->buf, len);
	free(out);
	prefs_free(pf);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_prefs_types),
	    cmocka_unit_test(test_prefs_user_file_only),
	    cmocka_unit_test(test_prefs_escapes),
	    cmocka_unit_test(test_prefs_comments_and_line_ends),
	    cmocka_unit_test(test_prefs_last_one_wins),
	    cmocka_unit_test(test_prefs_error_recovery),
	    cmocka_unit_test(test_prefs_unterminated),
	    cmocka_unit_test(test_prefs_nul_ends_file),
	    cmocka_unit_test(test_prefs_roundtrip_odd_layouts),
	    cmocka_unit_test(test_prefs_edit_in_place),
	    cmocka_unit_test(test_prefs_edit_signed),
	    cmocka_unit_test(test_prefs_add_sorted),
	    cmocka_unit_test(test_prefs_unset),
	    cmocka_unit_test(test_prefs_quote),
	    cmocka_unit_test(test_prefs_load_errors),
	    cmocka_unit_test(test_prefs_real_sample),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
