/* test_outlook_prf.c — the .prf reader: an OCT-made profile file with IMAP
 * and POP3 accounts and its Section 7 mapping, and hostile input. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "clientcfg/outlook/outlook.h"
#include "tests/unit/helper_outlook.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define FIX "tests/fixtures/outlook/"

static void test_outlook_prf_oct_typical(void **state)
{
	struct ol_fx *fx = *state;
	ol_read_ok(fx, FIX "oct_typical.prf");
	/* Section 7 mapping sections ([I_Mail], [IMAP_I_Mail]) are no
	 * accounts. */
	assert_int_equal(fx->set->n_accounts, 2);
	assert_string_equal(
	    ol_describe(fx->set, 0),
	    "outlook Office/Account1 <saburo@example.co.jp> \"Saburo Ito\" | "
	    "in: imap imap.example.co.jp:993 tls password user=saburo | "
	    "out: smtp smtp.example.co.jp:587 starttls same-as-incoming "
	    "user=-");
	assert_string_equal(
	    ol_describe(fx->set, 1),
	    "outlook Office/Account2 <saburo@old.example.ne.jp> "
	    "\"Saburo Ito\" | "
	    "in: pop3 pop.old.example.ne.jp:110 plain password "
	    "user=saburo2 | "
	    "out: smtp smtp.old.example.ne.jp:465 tls password "
	    "user=saburo2-smtp");
	const struct acct_server *in = &fx->set->incoming[0];
	assert_int_equal(in->src_host.line, 50);
	assert_int_equal(in->src_port.line, 52);
	assert_int_equal(fx->set->outgoing[0].src_security.line, 58);
	assert_int_equal(fx->set->outgoing[1].src_security.line, 74);
	assert_int_equal(fx->set->accounts[0].identities[0].src_email.line, 49);
	assert_string_equal(in->account_name, "Office IMAP");
}

/* No password of the file reaches the model. */
static void test_outlook_prf_no_password(void **state)
{
	struct ol_fx *fx = *state;
	ol_read_ok(fx, FIX "oct_typical.prf");
	for (size_t i = 0; i < fx->set->n_incoming; i++) {
		const struct acct_server *s = &fx->set->incoming[i];
		const char *f[] = {s->host, s->user, s->account_name, s->key};
		for (size_t k = 0; k < 4; k++)
			assert_null(f[k] ? strstr(f[k], "never-copied") : NULL);
	}
}

static void test_outlook_prf_exchange_only(void **state)
{
	struct ol_fx *fx = *state;
	assert_int_equal(
	    outlook_read(FIX "exchange_only.prf", fx->set, &fx->err),
	    MD_ERR_NOTFOUND);
	assert_non_null(strstr(fx->err.text, "exchange_only.prf"));
	assert_int_equal(fx->set->n_accounts, 0);
}

/* Without [Internet Account List], sections named Account<N> are read. */
static void test_outlook_prf_without_list(void **state)
{
	struct ol_fx *fx = *state;
	static const char prf[] = "[General]\n"
				  "ProfileName=Home\n"
				  "[Account1]\n"
				  "EmailAddress=a@example.jp\n"
				  "POP3Server=pop.example.jp\n"
				  "POP3UseSSL=TRUE\n"
				  "SMTPServer=smtp.example.jp\n"
				  "SMTPPort=0x24b\n"
				  "SMTPSecureConnection=3\n"
				  "SMTPUseAuth=1\n"
				  "SMTPAuthMethod=2\n";
	assert_int_equal(outlook_parse_buffer(prf, sizeof prf - 1, "h.prf",
					      fx->set, &fx->err),
			 MD_OK);
	assert_string_equal(ol_describe(fx->set, 0),
			    "outlook Home/Account1 <a@example.jp> \"-\" | "
			    "in: pop3 pop.example.jp:995 tls password user=- | "
			    "out: smtp smtp.example.jp:587 auto "
			    "pop-before-smtp user=-");
}

/* A UTF-16LE .prf with BOM and a Japanese name. */
static void test_outlook_prf_utf16(void **state)
{
	struct ol_fx *fx = *state;
	static const char prf[] =
	    "\xff\xfe[\0G\0e\0n\0e\0r\0a\0l\0]\0\r\0\n\0"
	    "[\0A\0\x31\0]\0\r\0\n\0"
	    "D\0i\0s\0p\0l\0a\0y\0N\0a\0m\0e\0=\0\x71\x5c\x30\x75\r\0\n\0"
	    "I\0M\0A\0P\0S\0e\0r\0v\0e\0r\0=\0h\0\r\0\n\0";
	assert_int_equal(outlook_parse_buffer(prf, sizeof prf - 1, "u.prf",
					      fx->set, &fx->err),
			 MD_ERR_NOTFOUND); /* [A1] is not an Account<N> */
	static const char prf2[] =
	    "\xff\xfe[\0A\0c\0c\0o\0u\0n\0t\0\x31\0]\0\r\0\n\0"
	    "D\0i\0s\0p\0l\0a\0y\0N\0a\0m\0e\0=\0\x71\x5c\x30\x75\r\0\n\0"
	    "I\0M\0A\0P\0S\0e\0r\0v\0e\0r\0=\0h\0\r\0\n\0";
	assert_int_equal(outlook_parse_buffer(prf2, sizeof prf2 - 1, "u.prf",
					      fx->set, &fx->err),
			 MD_OK);
	assert_string_equal(fx->set->accounts[0].identities[0].name, "山田");
	assert_null(fx->set->accounts[0].profile);
}

#define LIST "[Internet Account List]\nAccount1=I_Mail\n[Account1]\n"

struct hostile {
	const char *what;
	const char *bytes;
	enum md_status st;
	unsigned line;
};

static const struct hostile hostile[] = {
    {"empty", "", MD_ERR_NOTFOUND, 0},
    {"missing ]", "[General\nA=b\n", MD_ERR_PARSE, 1},
    {"setting before section", "A=b\n[General]\n", MD_ERR_PARSE, 1},
    {"not a setting", "[General]\njunk\n", MD_ERR_PARSE, 2},
    {"empty name", "[General]\n=b\n", MD_ERR_PARSE, 2},
    {"port not a number", LIST "POP3Server=p\nPOP3Port=abc\n", MD_ERR_PARSE, 5},
    {"port negative", LIST "POP3Server=p\nPOP3Port=-1\n", MD_ERR_PARSE, 5},
    {"port too big", LIST "POP3Server=p\nPOP3Port=70000\n", MD_ERR_PARSE, 5},
    {"number overflow", LIST "SMTPServer=s\nSMTPPort=99999999999\n",
     MD_ERR_PARSE, 5},
    {"listed section missing", LIST, MD_ERR_NOTFOUND, 0},
    {"NUL byte", "[General]\nA=\0\n", MD_ERR_PARSE, 2},
};

static void test_outlook_prf_hostile_table(void **state)
{
	struct ol_fx *fx = *state;
	for (size_t i = 0; i < sizeof hostile / sizeof hostile[0]; i++) {
		const struct hostile *h = &hostile[i];
		size_t len = strlen(h->bytes);
		if (strcmp(h->what, "NUL byte") == 0)
			len = 14;
		md_err_clear(&fx->err);
		enum md_status st = outlook_parse_prf(h->bytes, len, "bad.prf",
						      fx->set, &fx->err);
		if (st != h->st || fx->err.line != h->line)
			fail_msg("%s: got %s line %u (%s)", h->what,
				 md_status_name(st), fx->err.line,
				 fx->err.text);
		assert_string_equal(fx->err.file, "bad.prf");
		assert_non_null(strstr(fx->err.text, "bad.prf"));
		assert_int_equal(fx->set->n_accounts, 0);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
#define T(f) cmocka_unit_test_setup_teardown(f, ol_setup, ol_teardown)
	    T(test_outlook_prf_oct_typical),
	    T(test_outlook_prf_no_password),
	    T(test_outlook_prf_exchange_only),
	    T(test_outlook_prf_without_list),
	    T(test_outlook_prf_utf16),
	    T(test_outlook_prf_hostile_table),
#undef T
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
