/* test_outlook_autodiscover.c — the Autodiscover POX reader: responses with
 * settings, error and redirect responses, and hostile XML. */
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
#include <time.h>

#define FIX "tests/fixtures/outlook/"

static void test_outlook_autodiscover_imap_smtp(void **state)
{
	struct ol_fx *fx = *state;
	ol_read_ok(fx, FIX "autodiscover_imap_smtp.xml");
	assert_int_equal(fx->set->n_accounts, 1);
	/* The first incoming protocol (IMAP) wins over the POP3 after it;
	 * Encryption TLS on 587 is STARTTLS, as Thunderbird reads it. */
	assert_string_equal(
	    ol_describe(fx->set, 0),
	    "autodiscover -/account1 <shiro@example.com> \"Shiro Kato\" | "
	    "in: imap imap.example.com:993 tls password "
	    "user=shiro@example.com | "
	    "out: smtp smtp.example.com:587 starttls password "
	    "user=shiro@example.com");
	const struct acct_server *in = &fx->set->incoming[0];
	const struct acct_server *out = &fx->set->outgoing[0];
	assert_int_equal(in->src_host.line, 13);
	assert_int_equal(in->src_port.line, 14);
	assert_int_equal(in->src_security.line, 18);
	assert_int_equal(out->src_security.line, 35);
	assert_int_equal(fx->set->accounts[0].identities[0].src_email.line, 6);
	assert_string_equal(fx->set->files[in->src_host.file],
			    FIX "autodiscover_imap_smtp.xml");
}

static void test_outlook_autodiscover_ssl_off_prefixed(void **state)
{
	struct ol_fx *fx = *state;
	ol_read_ok(fx, FIX "autodiscover_ssl_off.xml");
	/* EXCH ignored; SSL off is plain; SPA on is NTLM; UsePOPAuth on
	 * reuses the incoming login. */
	assert_string_equal(
	    ol_describe(fx->set, 0),
	    "autodiscover -/account1 <goro@example.net> \"-\" | "
	    "in: pop3 mail.example.net:110 plain ntlm user=goro | "
	    "out: smtp mail.example.net:25 plain same-as-incoming user=-");
}

static void test_outlook_autodiscover_encryption(void **state)
{
	struct ol_fx *fx = *state;
	static const struct {
		const char *port, *enc;
		const char *want;
	} rows[] = {
	    {"465", "<Encryption>SSL</Encryption>", "tls"},
	    {"465", "<Encryption>TLS</Encryption>", "tls"},
	    {"587", "<Encryption>Auto</Encryption>", "starttls"},
	    {"25", "<Encryption>None</Encryption><SSL>on</SSL>", "plain"},
	    {"587", "<SSL>off</SSL><Encryption>TLS</Encryption>", "starttls"},
	    {"587", "<Encryption>rot13</Encryption>", "unknown"},
	    {"2525", "<SSL>on</SSL>", "tls"},
	    {"587", "", "starttls"},
	};
	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		char xml[1024];
		int n = snprintf(xml, sizeof xml,
				 "<Autodiscover><Response><Account><Protocol>"
				 "<Type>SMTP</Type><Server>s</Server>"
				 "<Port>%s</Port>%s</Protocol></Account>"
				 "</Response></Autodiscover>",
				 rows[i].port, rows[i].enc);
		struct acct_set *set = acct_set_new();
		assert_int_equal(outlook_parse_buffer(xml, (size_t)n, "e.xml",
						      set, &fx->err),
				 MD_OK);
		assert_int_equal(set->n_outgoing, 1);
		if (strcmp(acct_security_word(set->outgoing[0].security),
			   rows[i].want) != 0)
			fail_msg("row %lu: %s", (unsigned long)i,
				 acct_security_word(set->outgoing[0].security));
		assert_int_equal(set->accounts[0].incoming, -1);
		acct_set_free(set);
	}
}

static void test_outlook_autodiscover_error_response(void **state)
{
	struct ol_fx *fx = *state;
	assert_int_equal(
	    outlook_read(FIX "autodiscover_error.xml", fx->set, &fx->err),
	    MD_ERR_PARSE);
	assert_non_null(strstr(fx->err.text, "Invalid Request"));
	assert_non_null(strstr(fx->err.text, "600"));
	assert_int_equal(fx->err.line, 4);
	assert_int_equal(fx->set->n_accounts, 0);
}

static void test_outlook_autodiscover_redirect(void **state)
{
	struct ol_fx *fx = *state;
	assert_int_equal(
	    outlook_read(FIX "autodiscover_redirect.xml", fx->set, &fx->err),
	    MD_ERR_NOTFOUND);
	assert_non_null(strstr(fx->err.text, "user@other.example"));
}

static void test_outlook_autodiscover_malformed(void **state)
{
	struct ol_fx *fx = *state;
	assert_int_equal(
	    outlook_read(FIX "autodiscover_malformed.xml", fx->set, &fx->err),
	    MD_ERR_PARSE);
	assert_int_equal(fx->err.line, 7);
	assert_non_null(strstr(fx->err.text, "autodiscover_malformed.xml"));
}

/* Entities are neither expanded nor allowed: a DOCTYPE is refused, fast. */
static void test_outlook_autodiscover_billion_laughs(void **state)
{
	struct ol_fx *fx = *state;
	clock_t t0 = clock();
	enum md_status st =
	    outlook_read(FIX "autodiscover_laughs.xml", fx->set, &fx->err);
	assert_int_equal(st, MD_ERR_PARSE);
	assert_true((double)(clock() - t0) / CLOCKS_PER_SEC < 2.0);
	assert_int_equal(fx->set->n_accounts, 0);
}

/* An external entity is never fetched (no network, no file). */
static void test_outlook_autodiscover_external_entity(void **state)
{
	struct ol_fx *fx = *state;
	static const char xml[] =
	    "<?xml version=\"1.0\"?>\n"
	    "<!DOCTYPE a [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n"
	    "<Autodiscover><Response><Account><Protocol><Type>IMAP</Type>"
	    "<Server>&x;</Server></Protocol></Account></Response>"
	    "</Autodiscover>";
	assert_int_equal(outlook_parse_autodiscover(xml, sizeof xml - 1,
						    "x.xml", fx->set, &fx->err),
			 MD_ERR_PARSE);
	assert_null(strstr(fx->err.text, "root:"));
}

struct hostile {
	const char *what;
	const char *xml;
	enum md_status st;
};

static const struct hostile hostile[] = {
    {"empty", "", MD_ERR_PARSE},
    {"not xml", "hello", MD_ERR_PARSE},
    {"other root", "<clientConfig/>", MD_ERR_PARSE},
    {"no response", "<Autodiscover/>", MD_ERR_NOTFOUND},
    {"no protocols",
     "<Autodiscover><Response><Account/></Response>"
     "</Autodiscover>",
     MD_ERR_NOTFOUND},
    {"only EXCH",
     "<Autodiscover><Response><Account><Protocol><Type>EXCH"
     "</Type></Protocol></Account></Response></Autodiscover>",
     MD_ERR_NOTFOUND},
    {"bad port",
     "<Autodiscover><Response><Account><Protocol><Type>IMAP"
     "</Type><Port>99999</Port></Protocol></Account></Response>"
     "</Autodiscover>",
     MD_ERR_PARSE},
    {"port words",
     "<Autodiscover><Response><Account><Protocol><Type>IMAP"
     "</Type><Port>imap</Port></Protocol></Account></Response>"
     "</Autodiscover>",
     MD_ERR_PARSE},
    {"unclosed", "<Autodiscover><Response>", MD_ERR_PARSE},
    {"error at top",
     "<Autodiscover><Error><Message>m</Message></Error>"
     "</Autodiscover>",
     MD_ERR_PARSE},
};

static void test_outlook_autodiscover_hostile_table(void **state)
{
	struct ol_fx *fx = *state;
	for (size_t i = 0; i < sizeof hostile / sizeof hostile[0]; i++) {
		const struct hostile *h = &hostile[i];
		md_err_clear(&fx->err);
		enum md_status st = outlook_parse_autodiscover(
		    h->xml, strlen(h->xml), "bad.xml", fx->set, &fx->err);
		if (st != h->st)
			fail_msg("%s: got %s (%s)", h->what, md_status_name(st),
				 fx->err.text);
		assert_string_equal(fx->err.file, "bad.xml");
		assert_non_null(strstr(fx->err.text, "bad.xml"));
		assert_int_equal(fx->set->n_accounts, 0);
	}
}

static void test_outlook_autodiscover_too_big(void **state)
{
	struct ol_fx *fx = *state;
	size_t n = OUTLOOK_MAX_XML_BYTES + 1;
	char *buf = malloc(n);
	assert_non_null(buf);
	memset(buf, ' ', n);
	memcpy(buf, "<Autodiscover>", 14);
	assert_int_equal(
	    outlook_parse_buffer(buf, n, "big.xml", fx->set, &fx->err),
	    MD_ERR_TOOBIG);
	free(buf);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
#define T(f) cmocka_unit_test_setup_teardown(f, ol_setup, ol_teardown)
	    T(test_outlook_autodiscover_imap_smtp),
	    T(test_outlook_autodiscover_ssl_off_prefixed),
	    T(test_outlook_autodiscover_encryption),
	    T(test_outlook_autodiscover_error_response),
	    T(test_outlook_autodiscover_redirect),
	    T(test_outlook_autodiscover_malformed),
	    T(test_outlook_autodiscover_billion_laughs),
	    T(test_outlook_autodiscover_external_entity),
	    T(test_outlook_autodiscover_hostile_table),
	    T(test_outlook_autodiscover_too_big),
#undef T
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
