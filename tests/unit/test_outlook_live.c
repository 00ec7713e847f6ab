/* test_outlook_live.c — Outlook's accounts as read from the live registry
 * (outlook_live.h): the model outlook_live_win.c builds, made here by hand,
 * becomes accounts through the .reg path, with each value's registry path
 * as its evidence and the account key as the source. Runs on Linux and
 * under wine (the registry calls themselves: tests/windows/
 * test_outlook_live.sh). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "clientcfg/outlook/outlook_live.h"
#include "clientcfg/outlook/outlook_private.h"
#include "clientcfg/outlook/outlook_reg.h"
#include "tests/unit/helper_outlook.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifdef _WIN32
#include <windows.h>
#endif

#define KEY                                                                    \
	"HKEY_CURRENT_USER\\Software\\Microsoft\\Office\\16.0\\Outlook\\"      \
	"Profiles\\\xe4\xbb\x95\xe4\xba\x8b\\"                                 \
	"9375CFF0413111d3B88A00104B2A6676\\00000002"

/* One IMAP account key, as outlook_live_read_all() gives it. */
static struct outlook_reg *model(bool bad_port)
{
	struct outlook_reg *reg = ol_live_key(KEY, 7);
	struct outlook_reg_value *v = reg->keys[0].values;
	ol_utf16(&v[0], "Email", "haha@shirao.example");
	ol_utf16(&v[1], "IMAP Server", "mail.shirao.example");
	ol_dword(&v[2], "IMAP Port", 993);
	ol_dword(&v[3], "IMAP Use SSL", 1);
	ol_utf16(&v[4], "SMTP Server", "smtp.shirao.example");
	ol_dword(&v[5], "SMTP Port", 25);
	if (bad_port) /* 2 bytes: no DWORD */
		v[5].len = 2;
	ol_withheld(&v[6], "SMTP Password");
	return reg;
}

static const char *file_of(const struct acct_set *set, struct acct_src s)
{
	assert_true(s.file >= 0 && (size_t)s.file < set->n_files);
	assert_int_equal(s.line, ACCT_LINE_WHOLE);
	return set->files[s.file];
}

static void live_accounts_have_value_paths(void **state)
{
	struct outlook_reg *reg = model(false);
	struct acct_set *set = acct_set_new();
	struct md_err err;
	md_err_clear(&err);
	assert_int_equal(
	    outlook_reg_accounts(reg, OUTLOOK_LIVE_ROOT, set, &err), MD_OK);
	assert_int_equal(set->n_accounts, 1);
	const struct acct_account *a = &set->accounts[0];
	assert_string_equal(a->source, KEY);
	assert_string_equal(a->locator, KEY);
	assert_string_equal(a->key, "00000002");
	assert_string_equal(a->profile, "\xe4\xbb\x95\xe4\xba\x8b");
	assert_true(outlook_live_source(a->source));
	assert_true(a->live);
	const struct acct_server *in = &set->incoming[a->incoming];
	assert_int_equal(in->proto, ACCT_PROTO_IMAP);
	assert_string_equal(in->host, "mail.shirao.example");
	assert_int_equal(in->port, 993);
	assert_int_equal(in->security, ACCT_SEC_TLS);
	assert_string_equal(file_of(set, in->src_port), KEY "\\IMAP Port");
	assert_string_equal(file_of(set, in->src_host), KEY "\\IMAP Server");
	const struct acct_identity *id = &a->identities[0];
	const struct acct_server *out = &set->outgoing[id->outgoing];
	assert_string_equal(out->host, "smtp.shirao.example");
	assert_int_equal(out->port, 25);
	assert_string_equal(file_of(set, out->src_port), KEY "\\SMTP Port");
	assert_string_equal(file_of(set, id->src_email), KEY "\\Email");
	/* no SMTP Secure Connection value: a default, with no source */
	assert_int_equal(out->src_security.line, 0);
	char buf[600];
	assert_string_equal(acct_where(set->files[out->src_port.file],
				       out->src_port.line, buf, sizeof buf),
			    KEY "\\SMTP Port");
	assert_string_equal(acct_where("prefs.js", 12, buf, sizeof buf),
			    "prefs.js:12");
	acct_set_free(set);
	outlook_reg_free(reg);
}

/* A port that is no number: the error names the value's path. */
static void live_bad_value_named(void **state)
{
	struct outlook_reg *reg = model(true);
	struct acct_set *set = acct_set_new();
	struct md_err err;
	md_err_clear(&err);
	enum md_status st =
	    outlook_reg_accounts(reg, OUTLOOK_LIVE_ROOT, set, &err);
	assert_int_equal(st, MD_ERR_PARSE);
	assert_non_null(strstr(err.text, KEY "\\SMTP Port"));
	assert_int_equal(set->n_accounts, 0);
	acct_set_free(set);
	outlook_reg_free(reg);
}

/* No account key at all: no error, no account (Outlook not used). */
static void live_empty_is_no_error(void **state)
{
	struct outlook_reg *reg = calloc(1, sizeof *reg);
	reg->live = true;
	struct acct_set *set = acct_set_new();
	struct md_err err;
	md_err_clear(&err);
	assert_int_equal(
	    outlook_reg_accounts(reg, OUTLOOK_LIVE_ROOT, set, &err), MD_OK);
	assert_int_equal(set->n_accounts, 0);
	acct_set_free(set);
	outlook_reg_free(reg);
}

static void live_source_words(void **state)
{
	assert_true(outlook_live_source(KEY));
	assert_true(outlook_live_source("hkey_current_user\\Software"));
	assert_false(outlook_live_source("/home/x/export.reg"));
	assert_false(outlook_live_source(NULL));
}

#ifdef _WIN32
/* A scratch key of this test under HKCU, with a Japanese name. */
#define SCRATCH_W L"Software\\maildoctor-test-live\\\x4ed5\x4e8b"
#define SCRATCH                                                                \
	OUTLOOK_LIVE_ROOT                                                      \
	"Software\\maildoctor-test-live\\\xe4\xbb\x95\xe4\xba\x8b"

/* Set, read back byte for byte, delete: the registry calls themselves. */
static void live_registry_round_trip(void **state)
{
	HKEY h;
	assert_int_equal(RegCreateKeyExW(HKEY_CURRENT_USER, SCRATCH_W, 0, NULL,
					 0, KEY_ALL_ACCESS, NULL, &h, NULL),
			 ERROR_SUCCESS);
	RegCloseKey(h);
	struct outlook_reg_value v = {0};
	ol_utf16(&v, "SMTP \xe3\x82\xb5\xe3\x83\xbc\xe3\x83\x90",
		 "smtp.example");
	struct md_err err;
	assert_int_equal(outlook_live_set(SCRATCH, &v, &err), MD_OK);
	struct outlook_reg_value pw = {0};
	ol_utf16(&pw, "SMTP Password", "x");
	assert_int_equal(outlook_live_set(SCRATCH, &pw, &err), MD_OK);
	struct outlook_reg *reg;
	assert_int_equal(outlook_live_read_key(SCRATCH, &reg, &err), MD_OK);
	assert_true(reg->live);
	assert_int_equal(reg->n_keys, 1);
	assert_string_equal(reg->keys[0].path, SCRATCH);
	assert_int_equal(reg->keys[0].n_values, 2);
	const struct outlook_reg_value *got = NULL, *secret = NULL;
	for (size_t i = 0; i < 2; i++) {
		const struct outlook_reg_value *x = &reg->keys[0].values[i];
		if (strcmp(x->name, v.name) == 0)
			got = x;
		if (strcmp(x->name, "SMTP Password") == 0)
			secret = x;
	}
	assert_non_null(got);
	assert_int_equal(got->type, OUTLOOK_REG_BINARY);
	assert_int_equal(got->len, v.len);
	assert_memory_equal(got->data, v.data, v.len);
	/* a password's bytes are never copied */
	assert_non_null(secret);
	assert_true(secret->withheld);
	assert_null(secret->data);
	outlook_reg_free(reg);
	assert_int_equal(outlook_live_delete(SCRATCH, v.name, &err), MD_OK);
	assert_int_equal(outlook_live_delete(SCRATCH, v.name, &err), MD_OK);
	assert_int_equal(outlook_live_read_key(SCRATCH, &reg, &err), MD_OK);
	assert_int_equal(reg->keys[0].n_values, 1);
	outlook_reg_free(reg);
	assert_int_equal(RegDeleteTreeW(HKEY_CURRENT_USER,
					L"Software\\maildoctor-test-live"),
			 ERROR_SUCCESS);
	assert_int_equal(outlook_live_read_key(SCRATCH, &reg, &err),
			 MD_ERR_NOTFOUND);
	free(v.name);
	free(v.data);
	free(pw.name);
	free(pw.data);
}
#else
/* No registry here: no account, and a key cannot be read or written. */
static void live_registry_round_trip(void **state)
{
	struct outlook_reg *reg;
	struct md_err err;
	assert_int_equal(outlook_live_read_all(&reg, &err), MD_OK);
	assert_true(reg->live);
	assert_int_equal(reg->n_keys, 0);
	outlook_reg_free(reg);
	assert_int_equal(outlook_live_read_key(KEY, &reg, &err),
			 MD_ERR_NOTFOUND);
	struct outlook_reg_value v = {.name = "SMTP Port"};
	assert_int_equal(outlook_live_set(KEY, &v, &err), MD_ERR_NOTFOUND);
	struct acct_set *set = acct_set_new();
	assert_int_equal(outlook_live_read(set, &err), MD_OK);
	assert_int_equal(set->n_accounts, 0);
	acct_set_free(set);
}
#endif

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(live_accounts_have_value_paths),
	    cmocka_unit_test(live_bad_value_named),
	    cmocka_unit_test(live_empty_is_no_error),
	    cmocka_unit_test(live_source_words),
	    cmocka_unit_test(live_registry_round_trip),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
