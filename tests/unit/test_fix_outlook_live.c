/* test_fix_outlook_live.c — the parts of a fix written into Outlook's
 * registry that need no registry: the plan (which values change, from
 * what to what), how values are shown, the journal's lines, and the backup
 * .reg, which must give back every byte of the key when read again. The
 * writes themselves: tests/windows/test_outlook_live.sh under wine. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "clientcfg/outlook/fix_outlook_live.h"
#include "clientcfg/outlook/outlook_reg.h"
#include "tests/unit/helper_outlook.h"

#include <glib.h>
#include <stdlib.h>
#include <string.h>

#define KEY                                                                    \
	"HKEY_CURRENT_USER\\Software\\Microsoft\\Office\\16.0\\Outlook\\"      \
	"Profiles\\Outlook\\9375CFF0413111d3B88A00104B2A6676\\00000003"

/* The s4 account (tests/fixtures/outlook/s4_jcom.reg) as the registry
 * holds it, a password and a REG_SZ clsid with it. */
static struct outlook_reg *s4(void)
{
	struct outlook_reg *reg = ol_live_key(KEY, 10);
	struct outlook_reg_value *v = reg->keys[0].values;
	ol_utf16(&v[0], "IMAP Server", "mail.shirao.example");
	ol_dword(&v[1], "IMAP Port", 993);
	ol_dword(&v[2], "IMAP Use SSL", 1);
	ol_utf16(&v[3], "SMTP Server", "smtpa.jcom.zaq.ne.jp");
	ol_dword(&v[4], "SMTP Port", 465);
	ol_dword(&v[5], "SMTP Secure Connection", 1);
	ol_dword(&v[6], "SMTP Use Auth", 1);
	ol_utf16(&v[7], "SMTP User", "haha@jcom.zaq.ne.jp");
	ol_withheld(&v[8], "IMAP Password");
	ol_utf16(&v[9], "clsid", "{ED475412-B0D6-11D2-8C3B-00104B2A6676}");
	v[9].type = OUTLOOK_REG_SZ;
	return reg;
}

static struct fix outgoing_fix(void)
{
	return (struct fix){.id = "use-mail.shirao.example-587",
			    .kind = FIX_SET_OUTGOING,
			    .client = ACCT_CLIENT_OUTLOOK,
			    .source = KEY,
			    .server = {.host = "mail.shirao.example",
				       .port = 587,
				       .security = ACCT_SEC_STARTTLS,
				       .auth = ACCT_AUTH_PASSWORD,
				       .user = "haha@shirao.example"}};
}

static const struct fix_olive_change *change(const struct fix_olive_plan *p,
					     const char *name)
{
	for (size_t i = 0; i < p->n_changes; i++)
		if (strcmp(p->changes[i].after.name, name) == 0)
			return &p->changes[i];
	return NULL;
}

static void plan_outgoing(void **state)
{
	struct outlook_reg *reg = s4();
	struct fix f = outgoing_fix();
	struct fix_olive_plan *p;
	struct md_err err;
	assert_int_equal(
	    fix_olive_plan_from(&f, &reg->keys[0], "/tmp/r", &p, &err), MD_OK);
	assert_string_equal(p->key, KEY);
	assert_string_equal(p->dir, "/tmp/r");
	/* Server, Port, Secure Connection and User change; Use Auth stays;
	 * Auth Method is added */
	assert_int_equal(p->n_changes, 5);
	const struct fix_olive_change *c = change(p, "SMTP Port");
	assert_non_null(c);
	assert_string_equal(c->before_text, "465");
	assert_string_equal(c->after_text, "587");
	c = change(p, "SMTP Secure Connection");
	assert_string_equal(c->before_text, "1");
	assert_string_equal(c->after_text, "2");
	c = change(p, "SMTP Server");
	assert_string_equal(c->before_text, "\"smtpa.jcom.zaq.ne.jp\"");
	assert_string_equal(c->after_text, "\"mail.shirao.example\"");
	assert_int_equal(c->after.type, OUTLOOK_REG_BINARY);
	assert_int_equal(c->after.len, 2 * strlen("mail.shirao.example") + 2);
	assert_int_equal(c->after.data[c->after.len - 1], 0);
	c = change(p, "SMTP Auth Method");
	assert_null(c->before_text);
	assert_null(c->before);
	assert_string_equal(c->after_text, "1");
	assert_null(change(p, "SMTP Use Auth"));
	assert_null(change(p, "IMAP Port"));
	char *line = fix_olive_journal_line(p, "b.reg", "w.reg");
	assert_string_equal(line, KEY "\tb.reg\tw.reg\tSMTP Server\tSMTP Port\t"
				      "SMTP Secure Connection\tSMTP Auth "
				      "Method\tSMTP User\n");
	g_free(line);
	/* the values as written, as a .reg: read back, the same bytes */
	char *buf;
	size_t len;
	assert_int_equal(fix_olive_written_reg(p, &buf, &len, &err), MD_OK);
	struct outlook_reg *w;
	assert_int_equal(outlook_reg_parse(buf, len, "w.reg", &w, &err), MD_OK);
	assert_string_equal(w->keys[0].path, KEY);
	assert_int_equal(w->keys[0].n_values, p->n_changes);
	for (size_t i = 0; i < p->n_changes; i++) {
		const struct outlook_reg_value *a = &p->changes[i].after,
					       *b = &w->keys[0].values[i];
		assert_string_equal(a->name, b->name);
		assert_int_equal(a->type, b->type);
		assert_int_equal(a->len, b->len);
		assert_memory_equal(a->data, b->data, a->len);
	}
	outlook_reg_free(w);
	free(buf);
	fix_olive_plan_free(p);
	outlook_reg_free(reg);
}

static void plan_incoming(void **state)
{
	struct outlook_reg *reg = s4();
	struct fix f = outgoing_fix();
	f.kind = FIX_SET_INCOMING;
	f.server.port = 143;
	f.server.security = ACCT_SEC_PLAIN;
	struct fix_olive_plan *p;
	struct md_err err;
	assert_int_equal(
	    fix_olive_plan_from(&f, &reg->keys[0], "/tmp/r", &p, &err), MD_OK);
	assert_int_equal(p->n_changes, 2); /* the server's name stays */
	assert_string_equal(change(p, "IMAP Port")->after_text, "143");
	assert_string_equal(change(p, "IMAP Use SSL")->after_text, "0");
	fix_olive_plan_free(p);
	/* STARTTLS: PROP_INET_SSL has no value for it, nothing is planned */
	f.server.security = ACCT_SEC_STARTTLS;
	assert_int_equal(
	    fix_olive_plan_from(&f, &reg->keys[0], "/tmp/r", &p, &err),
	    MD_ERR_USAGE);
	assert_null(p);
	assert_non_null(strstr(err.text, "STARTTLS"));
	f.server.security = ACCT_SEC_PLAIN;
	/* a key with no incoming server: nothing to change */
	free(reg->keys[0].values[0].name);
	reg->keys[0].values[0].name = strdup("Email");
	assert_int_equal(
	    fix_olive_plan_from(&f, &reg->keys[0], "/tmp/r", &p, &err),
	    MD_ERR_NOTFOUND);
	assert_null(p);
	assert_non_null(strstr(err.text, KEY));
	outlook_reg_free(reg);
}

static void value_texts(void **state)
{
	const unsigned char dw[] = {0xd1, 0x01, 0, 0};
	char *t = fix_olive_value_text(OUTLOOK_REG_DWORD, dw, 4);
	assert_string_equal(t, "465");
	g_free(t);
	const unsigned char odd[] = {0x01, 0xff, 0x02};
	t = fix_olive_value_text(OUTLOOK_REG_BINARY, odd, 3);
	assert_string_equal(t, "hex:01,ff,02");
	g_free(t);
	const unsigned char jp[] = {0xd5, 0x4e, 0x8b, 0x4e, 0, 0};
	t = fix_olive_value_text(OUTLOOK_REG_BINARY, jp, 6);
	assert_string_equal(t, "\"\xe4\xbb\x95\xe4\xba\x8b\"");
	g_free(t);
}

static void journal_last_line(void **state)
{
	char **f =
	    fix_olive_journal_last("K1\ta.reg\taw.reg\tSMTP Port\n"
				   "K2\tb.reg\tbw.reg\tSMTP Server\tSMTP Port\n"
				   "broken line\n");
	assert_non_null(f);
	assert_string_equal(f[0], "K2");
	assert_string_equal(f[1], "b.reg");
	assert_string_equal(f[2], "bw.reg");
	assert_string_equal(f[4], "SMTP Port");
	assert_null(f[5]);
	g_strfreev(f);
	assert_null(fix_olive_journal_last(""));
	/* no value named, or a file outside the folder: not taken */
	assert_null(fix_olive_journal_last("K\tb.reg\tw.reg\n"));
	assert_null(fix_olive_journal_last("K\t../x.reg\tw.reg\tSMTP Port\n"));
	assert_null(fix_olive_journal_last("K\tx.reg\tC:\\w.reg\tSMTP Port\n"));
	assert_null(fix_olive_journal_last(NULL));
}

/* The backup .reg read again gives every value's type and bytes back
 * (REG_SZ, a DWORD of 2 bytes, long hex lines), and no password. */
static void backup_round_trip(void **state)
{
	struct outlook_reg *reg = s4();
	struct outlook_reg_key *k = &reg->keys[0];
	k->values[1].len = 2; /* a "DWORD" of 2 bytes stays as it is */
	char *buf;
	size_t len;
	struct md_err err;
	assert_int_equal(outlook_reg_key_text(k, &buf, &len, &err), MD_OK);
	assert_true((unsigned char)buf[0] == 0xFF &&
		    (unsigned char)buf[1] == 0xFE);
	struct outlook_reg *back;
	assert_int_equal(outlook_reg_parse(buf, len, "b.reg", &back, &err),
			 MD_OK);
	assert_int_equal(back->n_keys, 1);
	assert_string_equal(back->keys[0].path, KEY);
	assert_int_equal(back->keys[0].n_values, k->n_values - 1);
	size_t j = 0;
	for (size_t i = 0; i < k->n_values; i++) {
		if (k->values[i].withheld)
			continue;
		const struct outlook_reg_value *a = &k->values[i],
					       *b = &back->keys[0].values[j++];
		assert_string_equal(a->name, b->name);
		assert_int_equal(a->type, b->type);
		assert_int_equal(a->len, b->len);
		assert_memory_equal(a->data, b->data, a->len);
	}
	free(buf);
	outlook_reg_free(back);
	outlook_reg_free(reg);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(plan_outgoing),
	    cmocka_unit_test(plan_incoming),
	    cmocka_unit_test(value_texts),
	    cmocka_unit_test(journal_last_line),
	    cmocka_unit_test(backup_round_trip),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
