/* test_kb.c — the provider knowledge base: every shipped file validates
 * (and a broken copy does not), look-ups by domain, host, PTR and relay,
 * the quirks of S1-S6, placeholders, host patterns, hostile documents. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "core/base/os.h"
#include "core/kb/kb.h"
#include "tests/unit/helper_os.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PROVIDERS "assets/providers"
#define SCHEMA	  "assets/providers.rng"
#define FIXTURES  "tests/fixtures/providers"

static int setup(void **state)
{
	const char *dirs[] = {PROVIDERS, FIXTURES, NULL};
	struct kb *kb = NULL;
	struct md_err err;
	md_err_clear(&err);
	if (kb_load(dirs, SCHEMA, &kb, &err) != MD_OK) {
		fprintf(stderr, "kb_load: %s:%u: %s\n", err.file, err.line,
			err.text);
		return -1;
	}
	*state = kb;
	return 0;
}

static int teardown(void **state)
{
	kb_free(*state);
	return 0;
}

static const struct kb_provider *dom(void **state, const char *d)
{
	return kb_by_domain(*state, d);
}

static const char *dom_id(void **state, const char *d)
{
	const struct kb_provider *p = dom(state, d);
	return p ? p->id : "(none)";
}

static const char *host_id(void **state, const char *h)
{
	const struct kb_provider *p = kb_by_host(*state, h, NULL);
	return p ? p->id : "(none)";
}

static const char *ptr_id(void **state, const char *h)
{
	const struct kb_provider *p = kb_by_ptr(*state, h, NULL);
	return p ? p->id : "(none)";
}

static void test_kb_loads_every_provider(void **state)
{
	/* 19 shipped files plus the lab family's fixture. */
	assert_int_equal(kb_count(*state), 20);
	static const char *const ids[] = {
	    "plala",	   "ocn",     "biglobe", "sonet",    "nifty",
	    "jcom",	   "eo",      "auone",	 "yahoo-bb", "softbank-mobile",
	    "yahoo-japan", "gmail",   "icloud",	 "outlook",  "m365",
	    "sakura",	   "xserver", "lolipop", "iijmio",   "shirao-family",
	};
	for (size_t i = 0; i < sizeof ids / sizeof ids[0]; i++)
		assert_non_null(kb_by_id(*state, ids[i]));
}

/* One file of the providers' folder: validated when it is a .xml. */
static bool validate_one(const char *name, void *ctx)
{
	int *n = ctx;
	size_t len = strlen(name);
	if (len < 5 || strcmp(name + len - 4, ".xml") != 0)
		return true;
	char path[512];
	snprintf(path, sizeof path, "%s/%s", PROVIDERS, name);
	struct md_err err;
	md_err_clear(&err);
	enum md_status st = kb_validate(path, SCHEMA, &err);
	if (st != MD_OK)
		fail_msg("%s:%u: %s", path, err.line, err.text);
	(*n)++;
	return true;
}

static void test_kb_every_file_validates(void **state)
{
	(void)state;
	int n = 0;
	assert_true(os_dir_each(PROVIDERS, validate_one, &n));
	assert_true(n >= 19);
}

/* Copy the plala file into a temporary folder with one edit applied. */
static void broken_copy(const char *dir, const char *from, const char *to)
{
	FILE *f = os_fopen(PROVIDERS "/plala.or.jp.xml", "r");
	assert_non_null(f);
	static char buf[65536];
	size_t n = fread(buf, 1, sizeof buf - 1, f);
	fclose(f);
	buf[n] = '\0';
	char *at = strstr(buf, from);
	assert_non_null(at);
	char out[70000];
	size_t pre = (size_t)(at - buf);
	memcpy(out, buf, pre);
	strcpy(out + pre, to);
	strcat(out, at + strlen(from));
	char path[600];
	snprintf(path, sizeof path, "%s/plala.or.jp.xml", dir);
	f = os_fopen(path, "w");
	assert_non_null(f);
	fputs(out, f);
	fclose(f);
}

static void test_kb_broken_copy_fails(void **state)
{
	(void)state;
	static const struct {
		const char *from, *to;
	} edits[] = {
	    {"<port>587</port>", "<port>70000</port>"},
	    {"confidence=\"official\"", "confidence=\"sure\""},
	    {"<md:op25b blocked=\"yes\"", "<md:op25b blocked=\"maybe\""},
	    {"<displayName>", "<displayname>"},
	    {"checked=\"2026-11-24\" confidence=\"official\">",
	     "confidence=\"official\">"},
	    {"<md:source url=", "<md:sauce url="},
	    {"</clientConfig>", "</clientconfig>"},
	};
	for (size_t i = 0; i < sizeof edits / sizeof edits[0]; i++) {
		char dir[512];
		assert_true(ho_mkdtemp(dir, sizeof dir, "md-kb"));
		broken_copy(dir, edits[i].from, edits[i].to);
		char path[600];
		snprintf(path, sizeof path, "%s/plala.or.jp.xml", dir);
		struct md_err err;
		md_err_clear(&err);
		assert_int_equal(kb_validate(path, SCHEMA, &err), MD_ERR_PARSE);
		assert_true(err.text[0] != '\0');
		const char *dirs[] = {dir, NULL};
		struct kb *kb = NULL;
		assert_int_equal(kb_load(dirs, SCHEMA, &kb, &err),
				 MD_ERR_PARSE);
		assert_null(kb);
		ho_unlink(path);
		ho_rmdir(dir);
	}
}

static void test_kb_unknown_text_id_fails(void **state)
{
	(void)state;
	char dir[512];
	assert_true(ho_mkdtemp(dir, sizeof dir, "md-kb"));
	broken_copy(dir, "text=\"plala-overseas\"", "text=\"no-such-id\"");
	const char *dirs[] = {dir, NULL};
	struct kb *kb = NULL;
	struct md_err err;
	md_err_clear(&err);
	assert_int_equal(kb_load(dirs, SCHEMA, &kb, &err), MD_ERR_PARSE);
	assert_non_null(strstr(err.text, "no-such-id"));
	assert_true(err.line > 0);
	char path[600];
	snprintf(path, sizeof path, "%s/plala.or.jp.xml", dir);
	ho_unlink(path);
	ho_rmdir(dir);
}

static void test_kb_by_domain(void **state)
{
	assert_string_equal(dom_id(state, "taro@abc.plala.or.jp"), "plala");
	assert_string_equal(dom_id(state, "plala.or.jp"), "plala");
	assert_string_equal(dom_id(state, "GMAIL.COM"), "gmail");
	assert_string_equal(dom_id(state, "gmail.com."), "gmail");
	assert_string_equal(dom_id(state, "hanako@icloud.com"), "icloud");
	assert_string_equal(dom_id(state, "me.com"), "icloud");
	assert_string_equal(dom_id(state, "outlook.jp"), "outlook");
	assert_string_equal(dom_id(state, "x@a1.auone-net.jp"), "auone");
	assert_string_equal(dom_id(state, "eonet.ne.jp"), "eo");
	assert_string_equal(dom_id(state, "jcom.zaq.ne.jp"), "jcom");
	assert_string_equal(dom_id(state, "aa2.so-net.ne.jp"), "sonet");
	assert_string_equal(dom_id(state, "ocn.ad.jp"), "ocn");
	assert_string_equal(dom_id(state, "mama@shirao.example"),
			    "shirao-family");
	assert_string_equal(dom_id(state, "example.org"), "(none)");
	/* Settings unknown: not mapped to the zaq servers. */
	assert_string_equal(dom_id(state, "a@jcom.home.ne.jp"), "(none)");
	assert_string_equal(dom_id(state, "xplala.or.jp"), "(none)");
	assert_string_equal(dom_id(state, ""), "(none)");
	assert_string_equal(dom_id(state, "@"), "(none)");
}

static void test_kb_by_host(void **state)
{
	assert_string_equal(host_id(state, "smtpa.jcom.zaq.ne.jp"), "jcom");
	assert_string_equal(host_id(state, "omta0014.jcom.zaq.ne.jp"), "jcom");
	assert_string_equal(host_id(state, "v6mail.plala.or.jp"), "plala");
	assert_string_equal(host_id(state, "MMR.plala.or.jp"), "plala");
	assert_string_equal(host_id(state, "smtpauth.eonet.ne.jp"), "eo");
	assert_string_equal(host_id(state, "msa.a1.auone-net.jp"), "auone");
	assert_string_equal(host_id(state, "msa-org.dion.ne.jp"), "auone");
	assert_string_equal(host_id(state, "sv1234.xserver.jp"), "xserver");
	assert_string_equal(host_id(state, "www2651.sakura.ne.jp"), "sakura");
	assert_string_equal(host_id(state, "smtp.office365.com"), "m365");
	assert_string_equal(host_id(state, "smtp-mail.outlook.com"), "outlook");
	assert_string_equal(host_id(state, "smtp.example.org"), "(none)");
	assert_string_equal(host_id(state, "svx.xserver.jp"), "(none)");
	const struct kb_host *why = NULL;
	assert_non_null(kb_by_host(*state, "sv9.xserver.jp", &why));
	assert_non_null(why);
	assert_string_equal(why->pattern, "sv[0-9]+.xserver.jp");
}

static void test_kb_by_ptr(void **state)
{
	assert_string_equal(
	    ptr_id(state, "i118-21-156-233.s30.a048.ap.plala.or.jp"), "plala");
	assert_string_equal(ptr_id(state, "zaq3d2e62b2.zaq.ne.jp."), "jcom");
	assert_string_equal(ptr_id(state, "58-190-81-184.eonet.ne.jp"), "eo");
	assert_string_equal(
	    ptr_id(state, "p14092-ipngnfx01kyoto.kyoto.ocn.ne.jp"), "ocn");
	assert_string_equal(ptr_id(state, "softbank126026090165.bbtec.net"),
			    "yahoo-bb");
	assert_string_equal(ptr_id(state, "ZM005235.ppp.dion.ne.jp"), "auone");
	assert_string_equal(ptr_id(state, "p6eb203.tkyoac00.ap.so-net.ne.jp"),
			    "sonet");
	assert_string_equal(ptr_id(state, "ap.plala.or.jp.example"), "(none)");
	assert_string_equal(ptr_id(state, "xap.plala.or.jp"), "(none)");
	assert_string_equal(ptr_id(state, "smtpa.jcom.zaq.ne.jp"), "(none)");
	const struct kb_access *why = NULL;
	const struct kb_provider *p =
	    kb_by_ptr(*state, "FL1-125-199-20-195.osk.mesh.ad.jp", &why);
	assert_non_null(p);
	assert_string_equal(p->id, "biglobe");
	assert_int_equal(why->fact->conf, KB_CONF_UNVERIFIED);
}

static void test_kb_op25b(void **state)
{
	const struct kb_provider *p = kb_by_id(*state, "plala");
	assert_int_equal(p->op25b.blocked, KB_YES);
	assert_string_equal(p->op25b.since, "2006-07-26");
	assert_string_equal(p->op25b.submission_since, "2006-06-01");
	assert_int_equal(p->op25b.fact->conf, KB_CONF_OFFICIAL);
	assert_non_null(strstr(p->op25b.fact->sources[0].url, "megalodon"));
	assert_string_equal(p->op25b.fact->checked, "2026-11-24");
	p = kb_by_id(*state, "eo");
	assert_int_equal(p->op25b.blocked, KB_YES);
	assert_string_equal(p->op25b.since, "2006-09-25");
	p = kb_by_id(*state, "ocn");
	assert_int_equal(p->op25b.blocked, KB_UNKNOWN);
	assert_int_equal(p->op25b.fact->conf, KB_CONF_UNVERIFIED);
	p = kb_by_id(*state, "gmail");
	assert_null(p->op25b.fact);
}

static void test_kb_unfit_relay(void **state)
{
	const struct kb_unfit *u =
	    kb_unfit_relay(*state, "omta0014.jcom.zaq.ne.jp");
	assert_non_null(u);
	assert_int_equal(u->reason, KB_UNFIT_NO_FORWARD_DNS);
	assert_string_equal(u->provider->id, "jcom");
	assert_int_equal(u->fact->conf, KB_CONF_FIELD_REPORT);
	assert_non_null(kb_fact_text(u->fact));
	assert_non_null(kb_unfit_relay(*state, "OMTA12.jcom.zaq.ne.jp."));
	assert_null(kb_unfit_relay(*state, "omta.jcom.zaq.ne.jp"));
	assert_null(kb_unfit_relay(*state, "xomta1.jcom.zaq.ne.jp"));
	assert_null(kb_unfit_relay(*state, "omta1.jcom.zaq.ne.jp.evil"));
	assert_null(kb_unfit_relay(*state, "smtpa.jcom.zaq.ne.jp"));
}

static void test_kb_sender_restriction(void **state)
{
	const struct kb_provider *eo = kb_by_id(*state, "eo");
	const struct kb_sender_rule *r =
	    kb_sender_restriction(eo, "smtps.eonet.ne.jp");
	assert_non_null(r);
	assert_string_equal(r->since, "2023-12-05");
	assert_string_equal(r->reply, "550 5.7.1 Sender rejected");
	assert_int_equal(r->n_hosts, 2);
	assert_non_null(kb_fact_text(r->fact));
	assert_null(kb_sender_restriction(eo, "mail.eonet.ne.jp"));
	assert_non_null(kb_sender_restriction(eo, NULL));
	assert_null(kb_sender_restriction(kb_by_id(*state, "plala"), NULL));
}

static void test_kb_home_relay_and_auth(void **state)
{
	const struct kb_provider *p = kb_by_id(*state, "plala");
	assert_int_equal(p->n_home_relays, 1);
	assert_string_equal(p->home_relays[0].host, "mmr.plala.or.jp");
	assert_true(p->home_relays[0].dynamic_only);
	p = kb_by_id(*state, "eo");
	assert_false(p->home_relays[0].dynamic_only);
	assert_int_equal(p->home_relays[0].port, 587);
	p = kb_by_id(*state, "gmail");
	assert_int_equal(p->auth.app_password, KB_NEED_REQUIRED);
	assert_int_equal(p->auth.oauth2, KB_NEED_OPTIONAL);
	p = kb_by_id(*state, "outlook");
	assert_int_equal(p->auth.oauth2, KB_NEED_REQUIRED);
	assert_int_equal(p->outgoing[0].auth, ACCT_AUTH_OAUTH2);
	p = kb_by_id(*state, "biglobe");
	assert_string_equal(p->tls.min, "1.2");
	assert_string_equal(p->tls.since, "2023-04-13");
}

static void test_kb_settings_plala(void **state)
{
	const struct kb_provider *p = dom(state, "taro@abc.plala.or.jp");
	struct kb_settings *s = NULL;
	struct md_err err;
	assert_int_equal(
	    kb_settings_for(p, "taro@abc.plala.or.jp", NULL, &s, &err), MD_OK);
	assert_string_equal(s->source, "kb:plala");
	assert_int_equal(s->n_outgoing, 2);
	assert_string_equal(s->outgoing[0].host, "secure.plala.or.jp");
	assert_int_equal(s->outgoing[0].port, 587);
	assert_int_equal(s->outgoing[0].security, ACCT_SEC_STARTTLS);
	assert_string_equal(s->outgoing[0].user, "taro@abc.plala.or.jp");
	assert_int_equal(s->outgoing[1].port, 465);
	assert_int_equal(s->outgoing[1].security, ACCT_SEC_TLS);
	assert_int_equal(s->n_incoming, 2);
	assert_int_equal(s->incoming[0].proto, ACCT_PROTO_IMAP);
	assert_true(s->incoming[0].ispdb);
	assert_int_equal(s->incoming[0].fact->conf, KB_CONF_FIELD_REPORT);
	kb_settings_free(s);
	assert_int_equal(kb_settings_for(p, "no-at", NULL, &s, &err),
			 MD_ERR_USAGE);
}

static void test_kb_settings_templates(void **state)
{
	struct kb_settings *s = NULL;
	struct md_err err;
	const struct kb_provider *au = dom(state, "x@a1.auone-net.jp");
	assert_int_equal(
	    kb_settings_for(au, "Taro@A1.auone-net.jp", "test", &s, &err),
	    MD_OK);
	assert_string_equal(s->source, "test");
	assert_string_equal(s->outgoing[0].host, "msa.a1.auone-net.jp");
	assert_int_equal(s->outgoing[0].port, 465);
	assert_string_equal(s->outgoing[0].user, "Taro@A1.auone-net.jp");
	assert_int_equal(s->outgoing[1].port, 587);
	assert_int_equal(s->outgoing[1].security, ACCT_SEC_UNKNOWN);
	assert_int_equal(s->incoming[0].port, 0); /* unknown */
	kb_settings_free(s);
	/* Xserver's servers have no host: left out. */
	assert_int_equal(kb_settings_for(kb_by_id(*state, "xserver"),
					 "a@b.example", NULL, &s, &err),
			 MD_OK);
	assert_int_equal(s->n_outgoing, 0);
	kb_settings_free(s);
	const struct kb_provider *iij = kb_by_id(*state, "iijmio");
	assert_int_equal(kb_settings_for(iij, "hana@miomio.jp", NULL, &s, &err),
			 MD_OK);
	assert_string_equal(s->outgoing[0].user, "hana.miomio.jp");
	kb_settings_free(s);
}

static void test_kb_alternates(void **state)
{
	const struct kb_provider *p = kb_by_id(*state, "plala");
	const struct kb_alternate *alt[8];
	size_t n = kb_alternates(p, ACCT_PROTO_SMTP, "secure.plala.or.jp", 587,
				 alt, 8);
	assert_int_equal(n, 2);
	assert_string_equal(alt[0]->server.host, "v6mail.plala.or.jp");
	assert_int_equal(alt[0]->reason, KB_ALT_DUAL_STACK);
	assert_non_null(kb_fact_text(alt[0]->fact));
	assert_int_equal(alt[1]->server.port, 465);
	assert_int_equal(alt[1]->reason, KB_ALT_OTHER_PORT);
	n = kb_alternates(p, ACCT_PROTO_SMTP, "SECURE.plala.or.jp", 465, alt,
			  8);
	assert_int_equal(n, 1);
	assert_int_equal(alt[0]->reason, KB_ALT_OTHER_SECURITY);
	assert_int_equal(alt[0]->fact->conf, KB_CONF_UNVERIFIED);
	n = kb_alternates(p, ACCT_PROTO_IMAP, "imap.plala.or.jp", 993, alt, 8);
	assert_int_equal(n, 1);
	assert_int_equal(alt[0]->server.port, 993);
	assert_int_equal(
	    kb_alternates(p, ACCT_PROTO_SMTP, "secure.plala.or.jp", 0, NULL, 0),
	    3);
	assert_int_equal(
	    kb_alternates(p, ACCT_PROTO_POP3, "imap.plala.or.jp", 0, alt, 8),
	    0);
}

static void test_kb_expand(void **state)
{
	(void)state;
	static const struct {
		const char *tmpl, *email, *want;
	} t[] = {
	    {"%EMAILLOCALPART%.%EMAILDOMAIN%", "Taro@Example.JP",
	     "Taro.example.jp"},
	    {"%EMAILADDRESS%", "a@b.c", "a@b.c"},
	    {"msa.%EMAILDOMAIN%", "x@A1.auone-net.jp", "msa.a1.auone-net.jp"},
	    {"%EMAILADDRESS", "a@b", "%EMAILADDRESS"}, /* ISPDB typo */
	    {"%%EMAILDOMAIN%%", "a@b", "%b%"},
	    {"plain", "a@b", "plain"},
	    {"%EMAILLOCALPART%", "noat", ""},
	    {"", "a@b", ""},
	};
	for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
		char *s = kb_expand(t[i].tmpl, t[i].email);
		assert_non_null(s);
		assert_string_equal(s, t[i].want);
		free(s);
	}
	assert_null(kb_expand(NULL, "a@b"));
}

static void test_kb_host_match(void **state)
{
	(void)state;
	static const struct {
		const char *pat, *host;
		bool want;
	} t[] = {
	    {"omta[0-9]+.jcom.zaq.ne.jp", "omta0014.jcom.zaq.ne.jp", true},
	    {"omta[0-9]+.jcom.zaq.ne.jp", "omta.jcom.zaq.ne.jp", false},
	    {"omta[0-9]+.jcom.zaq.ne.jp", "omta1x.jcom.zaq.ne.jp", false},
	    {"*.plala.or.jp", "a.b.plala.or.jp", false},
	    {"*.plala.or.jp", "secure.plala.or.jp", true},
	    {"*.plala.or.jp", ".plala.or.jp", false},
	    {"msa.*.dion.ne.jp", "msa.aa2.dion.ne.jp", true},
	    {"zaq[0-9a-f]+.zaq.ne.jp", "zaq3d2e62b2.zaq.ne.jp", true},
	    {"zaq[0-9a-f]+.zaq.ne.jp", "zaqxyz.zaq.ne.jp", false},
	    {"a.b", "A.B.", true},
	    {"a.b", "axb", false},
	    {"[ab][ab]", "ba", true},
	    {"", "", false},
	    {"[", "a", false},
	    {"[]", "a", false},
	    {"[z-a]", "a", false},
	    {"[a-", "a", false},
	    {"*", "", false},
	    {"**", "ab", true},
	    {"*", "a.b", false},
	};
	for (size_t i = 0; i < sizeof t / sizeof t[0]; i++)
		if (kb_host_match(t[i].pat, t[i].host) != t[i].want)
			fail_msg("pattern \"%s\" host \"%s\"", t[i].pat,
				 t[i].host);
	/* Long inputs stay bounded (and linear). */
	char pat[2000], host[300];
	memset(pat, 0, sizeof pat);
	for (size_t i = 0; i < 600; i++)
		strcat(pat, "*");
	memset(host, 'a', 250);
	host[250] = '\0';
	assert_false(kb_host_match(pat, host));
	assert_true(kb_host_match("*", host));
	host[299] = '\0';
	memset(host, 'a', 299);
	assert_false(kb_host_match("*", host));
	assert_false(kb_host_match(NULL, "a"));
	assert_false(kb_suffix_match("", "a"));
	assert_true(kb_suffix_match("ocn.ne.jp.", "x.OCN.ne.jp"));
}

/* Every fact of every provider has a date, a source and, when it names a
 * text, the text exists; every message is used by some file. */
static void check_fact(const struct kb_fact *f, bool *used)
{
	if (!f)
		return;
	assert_non_null(f->checked);
	assert_int_equal(strlen(f->checked), 10);
	assert_true(f->n_sources >= 1);
	for (size_t i = 0; i < f->n_sources; i++)
		assert_true(f->sources[i].url || f->sources[i].note);
	if (f->text_id) {
		assert_non_null(kb_fact_text(f));
		for (size_t i = 0; kb_msgs[i].id; i++)
			if (strcmp(kb_msgs[i].id, f->text_id) == 0)
				used[i] = true;
	}
}

static void test_kb_facts_sourced_and_texts_used(void **state)
{
	bool used[128] = {false};
	size_t n_msgs = 0;
	while (kb_msgs[n_msgs].id)
		n_msgs++;
	assert_true(n_msgs < 128);
	for (size_t i = 0; i < kb_count(*state); i++) {
		const struct kb_provider *p = kb_provider_at(*state, i);
		check_fact(p->settings, used);
		for (size_t j = 0; j < p->n_outgoing; j++)
			check_fact(p->outgoing[j].fact, used);
		for (size_t j = 0; j < p->n_incoming; j++)
			check_fact(p->incoming[j].fact, used);
		for (size_t j = 0; j < p->n_hosts; j++)
			check_fact(p->hosts[j].fact, used);
		for (size_t j = 0; j < p->n_alternates; j++)
			check_fact(p->alternates[j].fact, used);
		for (size_t j = 0; j < p->n_senders; j++)
			check_fact(p->senders[j].fact, used);
		for (size_t j = 0; j < p->n_unfit; j++)
			check_fact(p->unfit[j].fact, used);
		for (size_t j = 0; j < p->n_home_relays; j++)
			check_fact(p->home_relays[j].fact, used);
		for (size_t j = 0; j < p->n_access; j++)
			check_fact(p->access[j].fact, used);
		for (size_t j = 0; j < p->n_notes; j++)
			check_fact(p->notes[j].fact, used);
		check_fact(p->op25b.fact, used);
		check_fact(p->auth.fact, used);
		check_fact(p->tls.fact, used);
	}
	for (size_t i = 0; i < n_msgs; i++)
		if (!used[i])
			fail_msg("kb_msgs entry \"%s\" is used by no file",
				 kb_msgs[i].id);
}

static void test_kb_uncertain_marked(void **state)
{
	/* PROVIDERS.md's unverified facts stay marked so. */
	const struct kb_provider *yj = kb_by_id(*state, "yahoo-japan");
	int imap = -1;
	for (size_t i = 0; i < yj->n_incoming; i++)
		if (yj->incoming[i].proto == ACCT_PROTO_IMAP)
			imap = (int)i;
	assert_true(imap >= 0);
	assert_int_equal(yj->incoming[imap].fact->conf, KB_CONF_UNVERIFIED);
	const struct kb_provider *sk = kb_by_id(*state, "sakura");
	assert_int_equal(sk->outgoing[1].port, 465);
	assert_int_equal(sk->outgoing[1].fact->conf, KB_CONF_UNVERIFIED);
	const struct kb_provider *nifty = kb_by_id(*state, "nifty");
	assert_int_equal(nifty->settings->conf, KB_CONF_UNVERIFIED);
	const struct kb_provider *so = kb_by_id(*state, "sonet");
	assert_int_equal(so->n_outgoing, 0); /* servers unknown */
	assert_int_equal(so->notes[so->n_notes - 1].topic, KB_TOPIC_UNKNOWN);
}

/* Hostile documents through the in-memory reader (fetched configs). */
static void test_kb_memory_hostile(void **state)
{
	(void)state;
	static const struct {
		const char *doc;
		enum md_status want;
	} t[] = {
	    {"", MD_ERR_PARSE},
	    {"not xml", MD_ERR_PARSE},
	    {"<other/>", MD_ERR_PARSE},
	    {"<clientConfig/>", MD_ERR_PARSE},
	    {"<?xml version=\"1.0\"?><!DOCTYPE clientConfig [<!ENTITY a "
	     "\"aaaa\"><!ENTITY b \"&a;&a;&a;&a;\">]><clientConfig>"
	     "<emailProvider id=\"x.example\"><domain>&b;</domain>"
	     "</emailProvider></clientConfig>",
	     MD_ERR_PARSE},
	    {"<!DOCTYPE x SYSTEM \"http://127.0.0.1:9/x.dtd\">"
	     "<clientConfig/>",
	     MD_ERR_PARSE},
	    {"<clientConfig><emailProvider><domain>a.example</domain>"
	     "</emailProvider></clientConfig>",
	     MD_ERR_PARSE}, /* no id */
	    {"<clientConfig><emailProvider id=\"a.example\"/>"
	     "</clientConfig>",
	     MD_OK},
	    {"<clientConfig xmlns:md=\"" KB_NS "\"><md:provider id=\"x\" "
	     "kind=\"isp\"><md:note topic=\"settings\" text=\"nope\" "
	     "checked=\"2026-01-01\" confidence=\"official\"><md:source>s"
	     "</md:source></md:note></md:provider></clientConfig>",
	     MD_ERR_PARSE},
	};
	for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
		struct kb *kb = kb_new();
		struct md_err err;
		md_err_clear(&err);
		enum md_status st = kb_add_memory(
		    kb, t[i].doc, strlen(t[i].doc), "t", NULL, &err);
		if (st != t[i].want)
			fail_msg("case %lu: %s (%s)", (unsigned long)i,
				 md_status_name(st), err.text);
		kb_free(kb);
	}
}

/* A fetched config's implausible values are dropped, plausible ones kept;
 * the same id again replaces; a document over 1 MiB is refused. */
static void test_kb_memory_plausible(void **state)
{
	(void)state;
	const char *doc =
	    "<clientConfig version=\"1.1\"><emailProvider id=\"x.example\">"
	    "<domain>X.Example</domain><domain>bad domain</domain>"
	    "<displayName>X</displayName>"
	    "<incomingServer type=\"imap\"><hostname>imap.x.example"
	    "</hostname><port>99999</port><socketType>SSL</socketType>"
	    "<username>%EMAILADDRESS%</username></incomingServer>"
	    "<incomingServer type=\"imap\"><hostname>evil host\"; x"
	    "</hostname><port>993</port></incomingServer>"
	    "<outgoingServer type=\"smtp\"><hostname>smtp.x.example"
	    "</hostname><port>587</port><socketType>STARTTLS</socketType>"
	    "<authentication>OAuth2</authentication>"
	    "<authentication>password-cleartext</authentication>"
	    "</outgoingServer>"
	    "<outgoingServer type=\"imap\"><hostname>wrong.x.example"
	    "</hostname></outgoingServer>"
	    "</emailProvider></clientConfig>";
	struct kb *kb = kb_new();
	const struct kb_provider *p = NULL;
	struct md_err err;
	assert_int_equal(
	    kb_add_memory(kb, doc, strlen(doc), "fetched", &p, &err), MD_OK);
	assert_string_equal(p->id, "x.example");
	assert_int_equal(p->n_domains, 1);
	assert_string_equal(p->domains[0].name, "x.example");
	assert_int_equal(p->n_incoming, 1);
	assert_int_equal(p->incoming[0].port, 0);
	assert_int_equal(p->n_outgoing, 1);
	assert_int_equal(p->outgoing[0].auth, ACCT_AUTH_OAUTH2);
	assert_int_equal(p->outgoing[0].auth_alt, ACCT_AUTH_PASSWORD);
	assert_null(p->outgoing[0].fact);
	assert_ptr_equal(kb_by_domain(kb, "u@x.example"), p);
	/* Same id again replaces. */
	assert_int_equal(
	    kb_add_memory(kb, doc, strlen(doc), "again", NULL, &err), MD_OK);
	assert_int_equal(kb_count(kb), 1);
	kb_free(kb);
	/* Too large. */
	size_t big = 1024 * 1024 + 1;
	char *buf = malloc(big);
	assert_non_null(buf);
	memset(buf, ' ', big);
	kb = kb_new();
	assert_int_equal(kb_add_memory(kb, buf, big, "big", NULL, &err),
			 MD_ERR_TOOBIG);
	kb_free(kb);
	free(buf);
}

static void test_kb_load_errors(void **state)
{
	(void)state;
	struct kb *kb = NULL;
	struct md_err err;
	const char *missing[] = {"/nonexistent/md-kb", NULL};
	assert_int_equal(kb_load(missing, SCHEMA, &kb, &err), MD_ERR_IO);
	const char *dirs[] = {PROVIDERS, NULL};
	assert_int_equal(kb_load(dirs, "/nonexistent.rng", &kb, &err),
			 MD_ERR_PARSE);
	assert_null(kb);
	kb_free(NULL);
	assert_int_equal(kb_count(NULL), 0);
	assert_null(kb_by_domain(NULL, "a"));
	assert_string_equal(kb_conf_word(KB_CONF_OBSERVED), "observed");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_kb_loads_every_provider),
	    cmocka_unit_test(test_kb_every_file_validates),
	    cmocka_unit_test(test_kb_broken_copy_fails),
	    cmocka_unit_test(test_kb_unknown_text_id_fails),
	    cmocka_unit_test(test_kb_by_domain),
	    cmocka_unit_test(test_kb_by_host),
	    cmocka_unit_test(test_kb_by_ptr),
	    cmocka_unit_test(test_kb_op25b),
	    cmocka_unit_test(test_kb_unfit_relay),
	    cmocka_unit_test(test_kb_sender_restriction),
	    cmocka_unit_test(test_kb_home_relay_and_auth),
	    cmocka_unit_test(test_kb_settings_plala),
	    cmocka_unit_test(test_kb_settings_templates),
	    cmocka_unit_test(test_kb_alternates),
	    cmocka_unit_test(test_kb_expand),
	    cmocka_unit_test(test_kb_host_match),
	    cmocka_unit_test(test_kb_facts_sourced_and_texts_used),
	    cmocka_unit_test(test_kb_uncertain_marked),
	    cmocka_unit_test(test_kb_memory_hostile),
	    cmocka_unit_test(test_kb_memory_plausible),
	    cmocka_unit_test(test_kb_load_errors),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
