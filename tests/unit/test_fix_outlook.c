/* test_fix_outlook.c — the .reg handed over for an Outlook fix: regedit's
 * format (BOM, CRLF, wrapped hex), read back by maildoctor's own reader to
 * the values of the fix, never written over an existing file. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "clientcfg/outlook/fix_outlook.h"
#include "clientcfg/outlook/outlook.h"
#include "clientcfg/outlook/outlook_reg.h"
#include "core/base/os.h"
#include "tests/unit/helper_os.h"

#include <glib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define KEY                                                                    \
	"HKEY_CURRENT_USER\\Software\\Microsoft\\Office\\16.0\\Outlook\\"      \
	"Profiles\\Outlook\\9375CFF0413111d3B88A00104B2A6676\\00000003"

static struct fix the_fix(void)
{
	return (struct fix){.id = "use-mail.shirao.example-587",
			    .kind = FIX_SET_OUTGOING,
			    .client = ACCT_CLIENT_OUTLOOK,
			    .identity_key = "00000003",
			    .identity_email = "haha@shirao.example",
			    .server = {.host = "mail.shirao.example",
				       .port = 587,
				       .security = ACCT_SEC_STARTTLS,
				       .auth = ACCT_AUTH_PASSWORD,
				       .user = "haha"}};
}

static void test_fix_outlook_reg_round_trip(void **state)
{
	(void)state;
	struct fix f = the_fix();
	char *reg;
	size_t len;
	struct md_err err;
	assert_int_equal(fix_outlook_reg(&f, KEY, &reg, &len, &err), MD_OK);
	assert_true(len > 2);
	assert_int_equal((unsigned char)reg[0], 0xFF);
	assert_int_equal((unsigned char)reg[1], 0xFE);
	gsize n;
	gchar *text = g_convert(reg + 2, (gssize)len - 2, "UTF-8", "UTF-16LE",
				NULL, &n, NULL);
	assert_non_null(text);
	assert_non_null(strstr(
	    text, "Windows Registry Editor Version 5.00\r\n\r\n[" KEY "]\r\n"));
	assert_non_null(strstr(text, "\"SMTP Port\"=dword:0000024b\r\n"));
	assert_non_null(
	    strstr(text, "\"SMTP Secure Connection\"=dword:00000002\r\n"));
	assert_null(strstr(text, "Password"));
	/* Every line ends in CRLF; value lines stay within regedit's 80
	 * columns (key lines are never wrapped). */
	gchar **lines = g_strsplit(text, "\n", -1);
	for (gchar **l = lines; *l && **l; l++) {
		assert_true(g_str_has_suffix(*l, "\r"));
		if (**l != '[')
			assert_true(strlen(*l) <= 81);
	}
	g_strfreev(lines);
	g_free(text);

	/* maildoctor's own reader gets the fix back. */
	struct acct_set *set = acct_set_new();
	assert_int_equal(outlook_parse_buffer(reg, len, "fix.reg", set, &err),
			 MD_OK);
	assert_int_equal(set->n_accounts, 1);
	assert_string_equal(set->accounts[0].locator, KEY);
	const struct acct_server *s =
	    &set->outgoing[set->accounts[0].identities[0].outgoing];
	assert_string_equal(s->host, "mail.shirao.example");
	assert_int_equal(s->port, 587);
	assert_int_equal(s->security, ACCT_SEC_STARTTLS);
	assert_int_equal(s->auth, ACCT_AUTH_PASSWORD);
	assert_string_equal(s->user, "haha");
	acct_set_free(set);
	free(reg);
}

static void test_fix_outlook_write_never_overwrites(void **state)
{
	(void)state;
	char dir[512];
	assert_true(ho_mkdtemp(dir, sizeof dir, "md-olk"));
	struct fix f = the_fix();
	char *p1, *p2;
	struct md_err err;
	assert_int_equal(fix_outlook_write(&f, KEY, dir, &p1, &err), MD_OK);
	assert_int_equal(fix_outlook_write(&f, KEY, dir, &p2, &err), MD_OK);
	assert_string_not_equal(p1, p2);
	assert_non_null(strstr(p2, "-2.reg"));
	assert_int_equal(os_is_readable_file(p1), true);
	ho_unlink(p1);
	ho_unlink(p2);
	free(p1);
	free(p2);
	ho_rmdir(dir);
	/* No key, or a key that would break the file: refused. */
	char *reg;
	size_t len;
	assert_int_equal(fix_outlook_reg(&f, NULL, &reg, &len, &err),
			 MD_ERR_USAGE);
	assert_int_equal(
	    fix_outlook_reg(&f, "HKEY_CURRENT_USER\\x]\r\n[HKEY_LOCAL_MACHINE",
			    &reg, &len, &err),
	    MD_ERR_USAGE);
}

static void test_fix_outlook_steps(void **state)
{
	(void)state;
	struct fix f = the_fix();
	char *s = fix_outlook_steps(&f);
	assert_non_null(strstr(s, "mail.shirao.example"));
	assert_non_null(strstr(s, "587"));
	assert_non_null(strstr(s, "STARTTLS"));
	assert_non_null(strstr(s, "haha@shirao.example"));
	g_free(s);
}

/* The UTF-8 text of a .reg maildoctor wrote (UTF-16LE after a BOM). */
static gchar *reg_text(const char *reg, size_t len)
{
	assert_true(len > 2);
	assert_int_equal((unsigned char)reg[0], 0xFF);
	gsize n;
	return g_convert(reg + 2, (gssize)len - 2, "UTF-8", "UTF-16LE", NULL,
			 &n, NULL);
}

/* The restoring .reg holds the values the fix sets as the export had
 * them: read back, it is the account before the fix; a value the export
 * did not have is deleted ("Name"=-). */
static void test_fix_outlook_restore_reg(void **state)
{
	(void)state;
	struct fix f = the_fix();
	f.source = "tests/fixtures/outlook/s4_jcom.reg";
	char *reg;
	size_t len;
	struct md_err err;
	assert_int_equal(fix_outlook_restore_reg(&f, KEY, &reg, &len, &err),
			 MD_OK);
	gchar *text = reg_text(reg, len);
	assert_non_null(text);
	assert_non_null(strstr(text, "[" KEY "]\r\n"));
	assert_non_null(strstr(text, "\"SMTP Port\"=dword:000001d1\r\n"));
	assert_non_null(
	    strstr(text, "\"SMTP Secure Connection\"=dword:00000001\r\n"));
	assert_non_null(
	    strstr(text, "\"SMTP Auth Method\"=dword:00000001\r\n"));
	assert_null(strstr(text, "IMAP"));
	g_free(text);
	struct acct_set *set = acct_set_new();
	assert_int_equal(outlook_parse_buffer(reg, len, "undo.reg", set, &err),
			 MD_OK);
	const struct acct_server *s =
	    &set->outgoing[set->accounts[0].identities[0].outgoing];
	assert_string_equal(s->host, "smtpa.jcom.zaq.ne.jp");
	assert_int_equal(s->port, 465);
	assert_int_equal(s->security, ACCT_SEC_TLS);
	assert_string_equal(s->user, "haha@jcom.zaq.ne.jp");
	acct_set_free(set);
	free(reg);

	/* an export without "SMTP User": the restoring .reg deletes it */
	char dir[512];
	assert_true(ho_mkdtemp(dir, sizeof dir, "md-olk"));
	char *exp = g_build_filename(dir, "x.reg", NULL);
	const char *plain = "REGEDIT4\r\n\r\n[" KEY "]\r\n"
			    "\"SMTP Server\"=\"smtp.example.jp\"\r\n"
			    "\"SMTP Port\"=dword:00000019\r\n\r\n";
	assert_true(g_file_set_contents(exp, plain, -1, NULL));
	f.source = exp;
	assert_int_equal(fix_outlook_restore_reg(&f, KEY, &reg, &len, &err),
			 MD_OK);
	text = reg_text(reg, len);
	assert_non_null(
	    strstr(text, "\"SMTP Server\"=\"smtp.example.jp\"\r\n"));
	assert_non_null(strstr(text, "\"SMTP Port\"=dword:00000019\r\n"));
	assert_non_null(strstr(text, "\"SMTP User\"=-\r\n"));
	g_free(text);
	free(reg);

	/* the hand-over writes both files and journals them; the undo finds
	 * the restoring one */
	char *undo = NULL;
	assert_int_equal(fix_outlook_find_undo(exp, &undo, &err),
			 MD_ERR_NOTFOUND);
	struct fix_outlook_files out;
	assert_int_equal(fix_outlook_hand_over(&f, KEY, dir, &out, &err),
			 MD_OK);
	assert_int_equal(os_is_readable_file(out.reg), true);
	assert_int_equal(os_is_readable_file(out.undo_reg), true);
	assert_non_null(strstr(out.undo_reg, "-undo.reg"));
	assert_int_equal(fix_outlook_find_undo(exp, &undo, &err), MD_OK);
	assert_string_equal(undo, out.undo_reg);
	free(undo);
	ho_unlink(out.reg);
	ho_unlink(out.undo_reg);
	fix_outlook_files_done(&out);
	char *j = g_build_filename(dir, FIX_OUTLOOK_JOURNAL, NULL);
	ho_unlink(j);
	g_free(j);
	ho_unlink(exp);
	g_free(exp);
	ho_rmdir(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_fix_outlook_reg_round_trip),
	    cmocka_unit_test(test_fix_outlook_write_never_overwrites),
	    cmocka_unit_test(test_fix_outlook_steps),
	    cmocka_unit_test(test_fix_outlook_restore_reg),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
