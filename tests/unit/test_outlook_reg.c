/* test_outlook_reg.c — the .reg reader: the fixtures in tests/fixtures/outlook
 * (made by make-fixtures.sh), the format's text rules, and hostile input. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "clientcfg/outlook/outlook.h"
#include "tests/unit/helper_outlook.h"
#include "clientcfg/outlook/outlook_reg.h"
#include "tests/unit/helper_file.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define FIX "tests/fixtures/outlook/"

static void test_outlook_reg_imap_2016(void **state)
{
	struct ol_fx *fx = *state;
	ol_read_ok(fx, FIX "outlook2016_imap.reg");
	assert_int_equal(fx->set->n_accounts, 1); /* Exchange skipped */
	assert_string_equal(
	    ol_describe(fx->set, 0),
	    "outlook Outlook/00000002 <taro@example.jp> \"Taro Yamada\" | "
	    "in: imap imap.example.jp:993 tls password "
	    "user=taro@example.jp | "
	    "out: smtp smtp.example.jp:587 starttls same-as-incoming "
	    "user=-");
	const struct acct_account *a = &fx->set->accounts[0];
	const struct acct_server *in = &fx->set->incoming[a->incoming];
	const struct acct_server *out = &fx->set->outgoing[0];
	assert_string_equal(a->source, FIX "outlook2016_imap.reg");
	assert_string_equal(fx->set->files[in->src_host.file],
			    FIX "outlook2016_imap.reg");
	assert_int_equal(in->src_host.line, 25);
	assert_int_equal(in->src_port.line, 29);
	assert_int_equal(out->src_host.line, 33);
	assert_int_equal(out->src_port.line, 35);
	assert_int_equal(out->src_security.line, 36);
	assert_int_equal(a->identities[0].src_email.line, 23);
	assert_int_equal(a->identities[0].src_outgoing.line, 33);
	assert_string_equal(in->account_name, "taro@example.jp");
	assert_string_equal(a->identities[0].outgoing_key, "00000002");
}

static void test_outlook_reg_pop3_ssl(void **state)
{
	struct ol_fx *fx = *state;
	ol_read_ok(fx, FIX "outlook2016_pop3_ssl.reg");
	assert_int_equal(fx->set->n_accounts, 1);
	assert_string_equal(
	    ol_describe(fx->set, 0),
	    "outlook Home/00000003 <hanako@mail.example.ne.jp> "
	    "\"Hanako Suzuki\" | "
	    "in: pop3 pop.mail.example.ne.jp:995 tls password user=hanako | "
	    "out: smtp smtp.mail.example.ne.jp:465 tls password "
	    "user=hanako-smtp");
	assert_int_equal(fx->set->outgoing[0].src_user.line, 25);
}

static void test_outlook_reg_messaging_subsystem_2010(void **state)
{
	struct ol_fx *fx = *state;
	ol_read_ok(fx, FIX "wms2010.reg");
	assert_int_equal(fx->set->n_accounts, 1);
	/* No ports given: 0, and acct_server_port() picks the default. */
	assert_int_equal(fx->set->incoming[0].port, 0);
	assert_int_equal(fx->set->outgoing[0].port, 0);
	assert_int_equal(fx->set->incoming[0].src_port.line, 0);
	assert_string_equal(
	    ol_describe(fx->set, 0),
	    "outlook Outlook/00000002 <ichiro@example.com> \"Ichiro Sato\" | "
	    "in: pop3 pop.example.com:110 plain password user=ichiro | "
	    "out: smtp smtp.example.com:25 starttls pop-before-smtp user=-");
}

static void test_outlook_reg_two_profiles(void **state)
{
	struct ol_fx *fx = *state;
	ol_read_ok(fx, FIX "two_profiles.reg");
	assert_int_equal(fx->set->n_accounts, 3);
	assert_int_equal(fx->set->n_incoming, 3);
	assert_int_equal(fx->set->n_outgoing, 3);
	assert_string_equal(ol_describe(fx->set, 0),
			    "outlook Home/00000001 <me@home.example> \"-\" | "
			    "in: imap imap.home.example:993 tls password "
			    "user=- | out: smtp smtp.home.example:587 "
			    "starttls same-as-incoming user=-");
	assert_string_equal(ol_describe(fx->set, 1),
			    "outlook Home/00000002 <me@old.example> \"-\" | "
			    "in: pop3 pop.old.example:110 plain password "
			    "user=- | out: smtp smtp.old.example:25 plain "
			    "none user=-");
	assert_string_equal(ol_describe(fx->set, 2),
			    "outlook Work/00000004 <me@work.example> \"-\" | "
			    "in: imap mail.work.example:143 plain password "
			    "user=- | out: smtp mail.work.example:587 auto "
			    "password user=me@work.example");
	assert_string_equal(fx->set->outgoing[2].profile, "Work");
	assert_int_equal(fx->set->accounts[2].identities[0].outgoing, 2);
}

static void test_outlook_reg_japanese_utf16(void **state)
{
	struct ol_fx *fx = *state;
	ol_read_ok(fx, FIX "japanese.reg");
	const struct acct_account *a = &fx->set->accounts[0];
	assert_string_equal(a->profile, "山田");
	assert_string_equal(a->identities[0].name, "山田 太郎");
	assert_string_equal(fx->set->incoming[0].account_name,
			    "会社のメール（本社）");
}

static void test_outlook_reg_utf8_escapes(void **state)
{
	struct ol_fx *fx = *state;
	ol_read_ok(fx, FIX "escapes.reg");
	assert_string_equal(
	    ol_describe(fx->set, 0),
	    "outlook Outlook/00000005 <jiro@example.org> "
	    "\"Jiro \"J\" Tanaka\" | "
	    "in: imap imap.example.org:993 tls password user=- | "
	    "out: smtp smtp.example.org:587 starttls password "
	    "user=domain\\jiro");
	assert_string_equal(fx->set->incoming[0].account_name,
			    "C:\\Mail \"main\" account");
}

static void test_outlook_reg_utf8_bom(void **state)
{
	struct ol_fx *fx = *state;
	ol_read_ok(fx, FIX "bom.reg");
	assert_string_equal(ol_describe(fx->set, 0),
			    "outlook Outlook/00000002 <bom@example.net> "
			    "\"Bom Test\" | in: pop3 pop.example.net:110 "
			    "plain password user=- | out: smtp "
			    "smtp.example.net:25 plain none user=-");
}

static void test_outlook_reg_regedit4(void **state)
{
	struct ol_fx *fx = *state;
	ol_read_ok(fx, FIX "regedit4.reg");
	assert_string_equal(
	    ol_describe(fx->set, 0),
	    "outlook MS Exchange Settings/00000001 <old@example.net> \"-\" | "
	    "in: pop3 pop.example.net:110 plain password user=old | "
	    "out: smtp mail.example.net:25 plain none user=-");
}

static void test_outlook_reg_regedit4_cp932(void **state)
{
	struct ol_fx *fx = *state;
	static const char reg[] =
	    "REGEDIT4\r\n\r\n[HKEY_CURRENT_USER\\Software\\Microsoft\\Office"
	    "\\16.0\\Outlook\\Profiles\\P\\9375CFF0413111d3B88A00104B2A6676"
	    "\\00000001]\r\n\"Display Name\"=\"\x8e\x52\x93\x63\"\r\n"
	    "\"SMTP Server\"=\"smtp.example.jp\"\r\n";
	assert_int_equal(outlook_parse_reg(reg, sizeof reg - 1, "sjis.reg",
					   fx->set, &fx->err),
			 MD_OK);
	assert_string_equal(fx->set->accounts[0].identities[0].name, "山田");
	/* An SMTP-only account: no incoming server. */
	assert_int_equal(fx->set->accounts[0].incoming, -1);
}

static void test_outlook_reg_deleted_key(void **state)
{
	struct ol_fx *fx = *state;
	ol_read_ok(fx, FIX "deleted.reg");
	assert_int_equal(fx->set->n_accounts, 1);
	assert_string_equal(fx->set->accounts[0].key, "00000002");
	assert_null(fx->set->outgoing[0].user); /* "SMTP User"=- */
}

static const struct outlook_reg_value *find_value(const struct outlook_reg *r,
						  const char *name)
{
	for (size_t k = 0; k < r->n_keys; k++)
		for (size_t v = 0; v < r->keys[k].n_values; v++)
			if (strcmp(r->keys[k].values[v].name, name) == 0)
				return &r->keys[k].values[v];
	return NULL;
}

static void test_outlook_reg_model_continuation_and_secrets(void **state)
{
	struct ol_fx *fx = *state;
	size_t len;
	char *buf = hf_slurp(FIX "outlook2016_imap.reg", &len);
	struct outlook_reg *reg;
	assert_int_equal(outlook_reg_parse(buf, len, "x.reg", &reg, &fx->err),
			 MD_OK);
	assert_true(reg->utf16);
	assert_false(reg->regedit4);
	assert_int_equal(reg->n_keys, 5);
	const struct outlook_reg_value *v = find_value(reg, "SMTP Server");
	assert_non_null(v);
	assert_int_equal(v->type, OUTLOOK_REG_BINARY);
	assert_int_equal(v->line, 33); /* the first of its two lines */
	char *text;
	assert_int_equal(outlook_reg_value_text(v, &text), MD_OK);
	assert_string_equal(text, "smtp.example.jp");
	free(text);
	assert_int_equal(find_value(reg, "SMTP Port")->line, 35);
	const struct outlook_reg_value *pw = find_value(reg, "IMAP Password");
	assert_non_null(pw);
	assert_true(pw->withheld);
	assert_null(pw->data);
	assert_int_equal(pw->line, 31);
	const struct outlook_reg_value *uid = find_value(reg, "Mini UID");
	long n;
	assert_true(outlook_reg_value_number(uid, &n));
	assert_int_equal(n, 0x4c2a7b11);
	outlook_reg_free(reg);
	free(buf);
}

static void test_outlook_reg_text_rules(void **state)
{
	(void)state;
	char *q = outlook_reg_quote("C:\\a \"b\"");
	assert_string_equal(q, "\"C:\\\\a \\\"b\\\"\"");
	char *back;
	size_t used;
	bool nomem;
	assert_true(outlook_reg_unquote(q, strlen(q), &used, &back, &nomem));
	assert_int_equal(used, strlen(q));
	assert_string_equal(back, "C:\\a \"b\"");
	free(back);
	free(q);
	assert_null(outlook_reg_quote("two\nlines"));
	char buf[16];
	assert_string_equal(outlook_reg_type_prefix(OUTLOOK_REG_DWORD, buf),
			    "dword:");
	assert_string_equal(outlook_reg_type_prefix(OUTLOOK_REG_BINARY, buf),
			    "hex:");
	assert_string_equal(outlook_reg_type_prefix(OUTLOOK_REG_QWORD, buf),
			    "hex(b):");
	assert_string_equal(outlook_reg_type_prefix(OUTLOOK_REG_SZ, buf), "");
	assert_true(outlook_reg_is_secret("SMTP Password"));
	assert_true(outlook_reg_is_secret("pop3 password"));
	assert_false(outlook_reg_is_secret("SMTP Server"));
}

static void test_outlook_reg_sniff(void **state)
{
	(void)state;
	static const char u16[] = "\xff\xfeW\0i\0n\0";
	assert_int_equal(outlook_sniff(u16, sizeof u16 - 1), OUTLOOK_KIND_REG);
	assert_int_equal(outlook_sniff("REGEDIT4\r\n", 10), OUTLOOK_KIND_REG);
	assert_int_equal(outlook_sniff("\xef\xbb\xbfWindows Registry Editor "
				       "Version 5.00",
				       39),
			 OUTLOOK_KIND_REG);
	assert_int_equal(outlook_sniff("<?xml version=\"1.0\"?>", 21),
			 OUTLOOK_KIND_AUTODISCOVER);
	assert_int_equal(outlook_sniff("; made by OCT\r\n[General]\r\n", 26),
			 OUTLOOK_KIND_PRF);
	assert_int_equal(outlook_sniff("\x7f"
				       "ELF\x02\x01",
				       6),
			 OUTLOOK_KIND_UNKNOWN);
	assert_int_equal(outlook_sniff("", 0), OUTLOOK_KIND_UNKNOWN);
}

static void test_outlook_reg_appends_and_keeps_set_on_error(void **state)
{
	struct ol_fx *fx = *state;
	ol_read_ok(fx, FIX "outlook2016_imap.reg");
	ol_read_ok(fx, FIX "two_profiles.reg");
	assert_int_equal(fx->set->n_accounts, 4);
	assert_int_equal(fx->set->n_files, 2);
	assert_int_equal(fx->set->accounts[3].incoming, 3);
	assert_int_equal(fx->set->accounts[3].identities[0].outgoing, 3);
	assert_int_equal(fx->set->incoming[3].src_host.file, 1);
	assert_int_equal(
	    outlook_read(FIX "hostile_odd_bytes.reg", fx->set, &fx->err),
	    MD_ERR_PARSE);
	assert_int_equal(fx->set->n_accounts, 4);
	assert_int_equal(fx->set->n_incoming, 4);
	assert_int_equal(fx->set->n_files, 2);
}

/* ---- hostile input ------------------------------------------------------- */

#define KEY                                                                    \
	"[HKEY_CURRENT_USER\\Software\\Microsoft\\Office\\16.0\\Outlook\\"     \
	"Profiles\\P\\9375CFF0413111d3B88A00104B2A6676\\00000001]\r\n"
#define HEAD "Windows Registry Editor Version 5.00\r\n\r\n"
#define SMTP "\"SMTP Server\"=\"smtp.example.jp\"\r\n"

struct hostile {
	const char *what;
	const char *bytes;
	size_t len; /* 0: strlen */
	enum md_status st;
	unsigned line;
};

static const struct hostile hostile[] = {
    {"empty", "", 0, MD_ERR_PARSE, 1},
    {"no header", "[HKEY_CURRENT_USER\\x]\r\n", 0, MD_ERR_PARSE, 1},
    {"missing ]", HEAD "[HKEY_CURRENT_USER\\Software\r\n", 0, MD_ERR_PARSE, 3},
    {"empty key", HEAD "[]\r\n", 0, MD_ERR_PARSE, 3},
    {"value before key", HEAD SMTP, 0, MD_ERR_PARSE, 3},
    {"bad hex byte", HEAD KEY "\"SMTP Server\"=hex:73,0g\r\n", 0, MD_ERR_PARSE,
     4},
    {"hex cut mid byte", HEAD KEY "\"SMTP Server\"=hex:73,00,6d,0", 0,
     MD_ERR_PARSE, 4},
    {"hex trailing comma", HEAD KEY "\"SMTP Server\"=hex:73,00,\r\n", 0,
     MD_ERR_PARSE, 4},
    {"hex no commas", HEAD KEY "\"SMTP Server\"=hex:7300\r\n", 0, MD_ERR_PARSE,
     4},
    {"continuation at EOF", HEAD KEY "\"SMTP Server\"=hex:73,00,\\\r\n", 0,
     MD_ERR_PARSE, 4},
    {"continuation at EOF no EOL", HEAD KEY "\r\n\"A\"=hex:73,00,\\", 0,
     MD_ERR_PARSE, 5},
    {"bad hex( type", HEAD KEY "\"A\"=hex(zz):00\r\n", 0, MD_ERR_PARSE, 4},
    {"dword letters", HEAD KEY "\"SMTP Port\"=dword:0000024g\r\n", 0,
     MD_ERR_PARSE, 4},
    {"dword too long", HEAD KEY "\"SMTP Port\"=dword:000000024b\r\n", 0,
     MD_ERR_PARSE, 4},
    {"dword empty", HEAD KEY "\"SMTP Port\"=dword:\r\n", 0, MD_ERR_PARSE, 4},
    {"name unterminated", HEAD KEY "\"SMTP Server=\"x\r\n", 0, MD_ERR_PARSE, 4},
    {"no =", HEAD KEY "\"SMTP Server\" \"x\"\r\n", 0, MD_ERR_PARSE, 4},
    {"string unterminated", HEAD KEY "\"SMTP Server\"=\"x\\\"\r\n", 0,
     MD_ERR_PARSE, 4},
    {"text after string", HEAD KEY "\"SMTP Server\"=\"x\" y\r\n", 0,
     MD_ERR_PARSE, 4},
    {"unknown type", HEAD KEY "\"SMTP Server\"=str:x\r\n", 0, MD_ERR_PARSE, 4},
    {"garbage line", HEAD KEY "garbage\r\n", 0, MD_ERR_PARSE, 4},
    {"NUL in text", HEAD KEY "\"A\"=\"x\0y\"\r\n", sizeof HEAD KEY + 9,
     MD_ERR_PARSE, 4},
    {"port out of range", HEAD KEY SMTP "\"SMTP Port\"=dword:00010000\r\n", 0,
     MD_ERR_PARSE, 5},
    {"text field as dword", HEAD KEY SMTP "\"Email\"=dword:00000001\r\n", 0,
     MD_ERR_PARSE, 5},
    {"odd UTF-16 text", HEAD KEY SMTP "\"Email\"=hex:61,00,62\r\n", 0,
     MD_ERR_PARSE, 5},
    {"number field as text", HEAD KEY SMTP "\"SMTP Port\"=\"many\"\r\n", 0,
     MD_ERR_PARSE, 5},
    {"no accounts", HEAD "[HKEY_CURRENT_USER\\Software]\r\n\"A\"=\"b\"\r\n", 0,
     MD_ERR_NOTFOUND, 0},
    {"only Exchange", HEAD KEY "\"Account Name\"=\"Exchange\"\r\n", 0,
     MD_ERR_NOTFOUND, 0},
    {"bad CP932", "REGEDIT4\r\n\r\n" KEY "\"Email\"=\"\x81\x20\"\r\n", 0,
     MD_ERR_PARSE, 4},
    {"UTF-16 odd length",
     "\xff\xfeR\0E\0G\0E\0D\0I\0T\0"
     "4\0\r",
     19, MD_ERR_PARSE, 1},
    {"UTF-16 lone surrogate",
     "\xff\xfeR\0E\0G\0E\0D\0I\0T\0"
     "4\0\n\0"
     "\x00\xd8"
     "A\0",
     24, MD_ERR_PARSE, 2},
    {"UTF-16 cut surrogate pair",
     "\xff\xfeR\0E\0G\0E\0D\0I\0T\0"
     "4\0\n\0"
     "\x00\xd8",
     22, MD_ERR_PARSE, 2},
    {"binary garbage",
     "\x7f"
     "ELF\x02\x01\x01\0\0\0",
     10, MD_ERR_PARSE, 1},
};

static void test_outlook_reg_hostile_table(void **state)
{
	struct ol_fx *fx = *state;
	for (size_t i = 0; i < sizeof hostile / sizeof hostile[0]; i++) {
		const struct hostile *h = &hostile[i];
		size_t len = h->len ? h->len : strlen(h->bytes);
		md_err_clear(&fx->err);
		enum md_status st = outlook_parse_reg(h->bytes, len, "bad.reg",
						      fx->set, &fx->err);
		if (st != h->st || fx->err.line != h->line)
			fail_msg("%s: got %s line %u (%s)", h->what,
				 md_status_name(st), fx->err.line,
				 fx->err.text);
		assert_string_equal(fx->err.file, "bad.reg");
		assert_non_null(strstr(fx->err.text, "bad.reg"));
		assert_int_equal(fx->set->n_accounts, 0);
		assert_int_equal(fx->set->n_files, 0);
	}
}

static void test_outlook_reg_sniffed_garbage(void **state)
{
	struct ol_fx *fx = *state;
	static const char elf[] = "\x7f"
				  "ELF\x02\x01\x01\0\0\0\xff\xfe";
	assert_int_equal(outlook_parse_buffer(elf, sizeof elf - 1, "a.out",
					      fx->set, &fx->err),
			 MD_ERR_PARSE);
	assert_non_null(strstr(fx->err.text, "a.out"));
}

/* A value of 1 MB is read; a line of 10 MB is refused as too big. */
static void test_outlook_reg_big_value_and_line(void **state)
{
	struct ol_fx *fx = *state;
	size_t big = 1u << 20, cap = big * 11;
	char *buf = malloc(cap);
	assert_non_null(buf);
	size_t n = (size_t)snprintf(buf, cap, HEAD KEY SMTP "\"Blob\"=\"");
	memset(buf + n, 'x', big);
	n += big;
	n += (size_t)snprintf(buf + n, cap - n, "\"\r\n\"Hex\"=hex:");
	for (size_t i = 0; i < big / 3; i++) {
		memcpy(buf + n, "ab,", 3);
		n += 3;
	}
	n += (size_t)snprintf(buf + n, cap - n, "00\r\n");
	assert_int_equal(
	    outlook_parse_reg(buf, n, "big.reg", fx->set, &fx->err), MD_OK);
	assert_int_equal(fx->set->n_accounts, 1);

	n = (size_t)snprintf(buf, cap, HEAD KEY "\"Blob\"=\"");
	memset(buf + n, 'x', 10u << 20);
	n += 10u << 20;
	memcpy(buf + n, "\"\r\n", 3);
	n += 3;
	assert_int_equal(
	    outlook_parse_reg(buf, n, "huge.reg", fx->set, &fx->err),
	    MD_ERR_TOOBIG);
	assert_int_equal(fx->err.line, 4);
	free(buf);
}

static void test_outlook_reg_hostile_files(void **state)
{
	struct ol_fx *fx = *state;
	static const struct {
		const char *file;
		enum md_status st;
		unsigned line;
	} files[] = {
	    {FIX "hostile_odd_bytes.reg", MD_ERR_PARSE, 40},
	    /* Cut after a whole hex byte: still well-formed, but the
	     * account lost its servers. */
	    {FIX "hostile_truncated.reg", MD_ERR_NOTFOUND, 0},
	    {FIX "hostile_cut_continuation.reg", MD_ERR_PARSE, 4},
	    {FIX "hostile_nul.reg", MD_ERR_PARSE, 4},
	    {FIX "no-such-file.reg", MD_ERR_NOTFOUND, 0},
	    {FIX, MD_ERR_IO, 0}, /* a directory */
	};
	for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
		md_err_clear(&fx->err);
		enum md_status st =
		    outlook_read(files[i].file, fx->set, &fx->err);
		if (st != files[i].st || fx->err.line != files[i].line)
			fail_msg("%s: got %s line %u (%s)", files[i].file,
				 md_status_name(st), fx->err.line,
				 fx->err.text);
		assert_string_equal(fx->err.file, files[i].file);
		assert_true(fx->err.text[0] != '\0');
	}
	assert_int_equal(fx->set->n_accounts, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
#define T(f) cmocka_unit_test_setup_teardown(f, ol_setup, ol_teardown)
	    T(test_outlook_reg_imap_2016),
	    T(test_outlook_reg_pop3_ssl),
	    T(test_outlook_reg_messaging_subsystem_2010),
	    T(test_outlook_reg_two_profiles),
	    T(test_outlook_reg_japanese_utf16),
	    T(test_outlook_reg_utf8_escapes),
	    T(test_outlook_reg_utf8_bom),
	    T(test_outlook_reg_regedit4),
	    T(test_outlook_reg_regedit4_cp932),
	    T(test_outlook_reg_deleted_key),
	    T(test_outlook_reg_model_continuation_and_secrets),
	    T(test_outlook_reg_text_rules),
	    T(test_outlook_reg_sniff),
	    T(test_outlook_reg_appends_and_keeps_set_on_error),
	    T(test_outlook_reg_hostile_table),
	    T(test_outlook_reg_sniffed_garbage),
	    T(test_outlook_reg_big_value_and_line),
	    T(test_outlook_reg_hostile_files),
#undef T
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
