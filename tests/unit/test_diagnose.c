/* test_diagnose.c — the rules on real fixture profiles and the shipped
 * knowledge base: S4 (with and without the orphaned server), S6, plain
 * passwords, OAuth2, online proof of fixes, a healthy profile. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "clientcfg/tb/tb_accounts.h"
#include "core/base/os.h"
#include "core/diag/diagnose.h"
#include "tests/unit/helper_diag.h"
#include "tests/unit/helper_os.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define S4 "tests/fixtures/tb/s4/.thunderbird/Profiles/k7xq2m1a.default-release"

/* A profile folder made from prefs lines, in a temp dir. */
static char *make_profile(const char *prefs)
{
	char tmp[512];
	assert_true(ho_mkdtemp(tmp, sizeof tmp, "md-diag"));
	char *dir = strdup(tmp);
	char path[600];
	snprintf(path, sizeof path, "%s/prefs.js", dir);
	FILE *f = os_fopen(path, "w");
	fputs(prefs, f);
	fclose(f);
	return dir;
}

static void remove_profile(char *dir)
{
	assert_true(ho_rmtree(dir));
	free(dir);
}

/* S4 offline: the J:COM server for the family domain; the orphaned own
 * server is the fix, not yet verified. */
static void test_diagnose_s4_offline(void **state)
{
	(void)state;
	struct acct_set *set = hd_read_profile(S4);
	struct diag_input in = {.accounts = set, .kb = hd_kb, .offline = true};
	struct finding_list l;
	struct md_err err;
	assert_int_equal(diagnose(&in, &l, &err), MD_OK);
	char got[256];
	hd_ids(&l, got, sizeof got);
	assert_string_equal(got,
			    "outgoing-server-mismatch relay-no-forward-dns ");
	const struct finding *f = hd_find(&l, "outgoing-server-mismatch");
	assert_int_equal(f->severity, SEV_PROBLEM);
	assert_string_equal(f->identity, "haha@shirao.example");
	assert_non_null(strstr(f->summary, "smtpa.jcom.zaq.ne.jp"));
	assert_non_null(strstr(f->summary, "J:COM"));
	assert_true(f->n_evidence >= 2);
	assert_int_equal(f->evidence[0].kind, EV_CONFIG);
	assert_int_equal(f->evidence[1].line, 40);
	assert_true(f->n_fixes >= 1);
	const struct fix *x = f->fixes[0];
	assert_string_equal(x->id, "use-mail.shirao.example-587");
	assert_string_equal(x->server.host, "mail.shirao.example");
	assert_int_equal(x->server.port, 587);
	assert_int_equal(x->server.security, ACCT_SEC_STARTTLS);
	assert_string_equal(x->server.user, "haha");
	assert_string_equal(x->identity_key, "id1");
	assert_false(x->verified);
	const struct finding *r = hd_find(&l, "relay-no-forward-dns");
	/* plain words in the finding, the technical ones in its evidence */
	static const char *const jargon[] = {"DNS", "relay", "resolve",
					     "domain", "omta"};
	for (size_t i = 0; i < sizeof jargon / sizeof jargon[0]; i++) {
		assert_null(strstr(r->summary, jargon[i]));
		assert_null(strstr(r->explanation, jargon[i]));
	}
	assert_true(r->n_evidence >= 2);
	assert_int_equal(r->evidence[0].kind, EV_DNS);
	assert_non_null(
	    strstr(r->evidence[0].text, "omta[0-9]+.jcom.zaq.ne.jp"));
	assert_non_null(strstr(r->evidence[0].text, "DNS"));
	assert_int_equal(r->evidence[1].kind, EV_TEXT);
	finding_list_done(&l);

	/* Only another identity asked for: nothing. */
	const char *other[] = {"someone@else.example"};
	in.identities = other;
	in.n_identities = 1;
	assert_int_equal(diagnose(&in, &l, &err), MD_OK);
	assert_int_equal(l.n, 0);
	finding_list_done(&l);
	acct_set_free(set);
}

/* S4 without the orphan: still found (J:COM is an access provider), and
 * the incoming server of the own domain is the guess. Online, only the
 * probed candidate that worked is offered, verified. */
static void test_diagnose_s4_no_orphan(void **state)
{
	(void)state;
	char *dir = make_profile(
	    "user_pref(\"mail.accountmanager.accounts\", \"account1\");\n"
	    "user_pref(\"mail.account.account1.identities\", \"id1\");\n"
	    "user_pref(\"mail.account.account1.server\", \"server1\");\n"
	    "user_pref(\"mail.identity.id1.useremail\", "
	    "\"haha@shirao.example\");\n"
	    "user_pref(\"mail.server.server1.type\", \"imap\");\n"
	    "user_pref(\"mail.server.server1.hostname\", "
	    "\"mail.shirao.example\");\n"
	    "user_pref(\"mail.server.server1.socketType\", 3);\n"
	    "user_pref(\"mail.server.server1.userName\", \"haha\");\n"
	    "user_pref(\"mail.smtpservers\", \"smtp1\");\n"
	    "user_pref(\"mail.smtpserver.smtp1.hostname\", "
	    "\"smtpa.jcom.zaq.ne.jp\");\n"
	    "user_pref(\"mail.smtpserver.smtp1.port\", 465);\n"
	    "user_pref(\"mail.smtpserver.smtp1.try_ssl\", 3);\n");
	struct acct_set *set = hd_read_profile(dir);
	struct diag_input in = {.accounts = set, .kb = hd_kb, .offline = true};
	struct finding_list l;
	struct md_err err;
	assert_int_equal(diagnose(&in, &l, &err), MD_OK);
	const struct finding *f = hd_find(&l, "outgoing-server-mismatch");
	assert_non_null(f);
	assert_int_equal(f->n_fixes, 2);
	assert_string_equal(f->fixes[0]->id, "use-mail.shirao.example-587");
	assert_string_equal(f->fixes[1]->id, "use-mail.shirao.example-465");
	assert_int_equal(f->fixes[1]->server.security, ACCT_SEC_TLS);
	finding_list_done(&l);

	struct diag_probe probes[] = {
	    {.row = 3,
	     .purpose = DIAG_CANDIDATE,
	     .host = "mail.shirao.example",
	     .address = "203.0.113.80",
	     .family = 4,
	     .port = 587,
	     .proto = ACCT_PROTO_SMTP,
	     .security = ACCT_SEC_STARTTLS,
	     .outcome = MD_OUT_TIMEOUT},
	    {.row = 4,
	     .purpose = DIAG_CANDIDATE,
	     .host = "mail.shirao.example",
	     .address = "203.0.113.80",
	     .family = 4,
	     .port = 465,
	     .proto = ACCT_PROTO_SMTP,
	     .security = ACCT_SEC_TLS,
	     .outcome = MD_OUT_OK},
	};
	in.offline = false;
	in.probes = probes;
	in.n_probes = 2;
	assert_int_equal(diagnose(&in, &l, &err), MD_OK);
	f = hd_find(&l, "outgoing-server-mismatch");
	assert_int_equal(f->n_fixes, 1);
	assert_string_equal(f->fixes[0]->id, "use-mail.shirao.example-465");
	assert_true(f->fixes[0]->verified);
	bool probe_evidence = false;
	for (size_t i = 0; i < f->n_evidence; i++)
		probe_evidence |=
		    f->evidence[i].kind == EV_PROBE && f->evidence[i].row == 4;
	assert_true(probe_evidence);
	finding_list_done(&l);
	acct_set_free(set);
	remove_profile(dir);
}

/* S6: an own-domain sender through eo's relay — refused, most serious. */
static void test_diagnose_s6_sender_rejected(void **state)
{
	(void)state;
	char *dir = make_profile(
	    "user_pref(\"mail.accountmanager.accounts\", \"account1\");\n"
	    "user_pref(\"mail.account.account1.identities\", \"id1\");\n"
	    "user_pref(\"mail.account.account1.server\", \"server1\");\n"
	    "user_pref(\"mail.identity.id1.useremail\", "
	    "\"info@shop.example\");\n"
	    "user_pref(\"mail.server.server1.type\", \"pop3\");\n"
	    "user_pref(\"mail.server.server1.hostname\", "
	    "\"pop.shop.example\");\n"
	    "user_pref(\"mail.server.server1.socketType\", 3);\n"
	    "user_pref(\"mail.smtpservers\", \"smtp1\");\n"
	    "user_pref(\"mail.smtpserver.smtp1.hostname\", "
	    "\"smtpauth.eonet.ne.jp\");\n"
	    "user_pref(\"mail.smtpserver.smtp1.port\", 587);\n"
	    "user_pref(\"mail.smtpserver.smtp1.try_ssl\", 2);\n");
	struct acct_set *set = hd_read_profile(dir);
	struct diag_input in = {.accounts = set, .kb = hd_kb, .offline = true};
	struct finding_list l;
	struct md_err err;
	assert_int_equal(diagnose(&in, &l, &err), MD_OK);
	assert_true(l.n >= 2);
	assert_string_equal(l.items[0].id, "sender-domain-rejected");
	assert_int_equal(l.items[0].severity, SEV_BLOCKER);
	assert_non_null(strstr(l.items[0].explanation, "2023-12-05"));
	assert_non_null(
	    strstr(l.items[0].explanation, "550 5.7.1 Sender rejected"));
	assert_non_null(hd_find(&l, "outgoing-server-mismatch"));
	finding_list_done(&l);
	acct_set_free(set);
	remove_profile(dir);
}

/* Plain passwords and a provider that wants OAuth2 (Outlook.com); a
 * healthy profile
 * gives nothing. */
static void test_diagnose_security(void **state)
{
	(void)state;
	char *dir = make_profile(
	    "user_pref(\"mail.accountmanager.accounts\", \"account1\");\n"
	    "user_pref(\"mail.account.account1.identities\", \"id1\");\n"
	    "user_pref(\"mail.account.account1.server\", \"server1\");\n"
	    "user_pref(\"mail.identity.id1.useremail\", \"taro@outlook.jp\");\n"
	    "user_pref(\"mail.server.server1.type\", \"imap\");\n"
	    "user_pref(\"mail.server.server1.hostname\", "
	    "\"outlook.office365.com\");\n"
	    "user_pref(\"mail.server.server1.socketType\", 0);\n"
	    "user_pref(\"mail.smtpservers\", \"smtp1\");\n"
	    "user_pref(\"mail.smtpserver.smtp1.hostname\", "
	    "\"smtp-mail.outlook.com\");\n"
	    "user_pref(\"mail.smtpserver.smtp1.port\", 587);\n"
	    "user_pref(\"mail.smtpserver.smtp1.try_ssl\", 2);\n"
	    "user_pref(\"mail.smtpserver.smtp1.authMethod\", 3);\n");
	struct acct_set *set = hd_read_profile(dir);
	struct diag_input in = {.accounts = set, .kb = hd_kb, .offline = true};
	struct finding_list l;
	struct md_err err;
	assert_int_equal(diagnose(&in, &l, &err), MD_OK);
	char got[256];
	hd_ids(&l, got, sizeof got);
	assert_string_equal(got, "oauth-required plaintext-settings ");
	const struct finding *o = hd_find(&l, "oauth-required");
	assert_int_equal(o->severity, SEV_BLOCKER);
	assert_int_equal(o->n_fixes, 1);
	assert_int_equal(o->fixes[0]->server.auth, ACCT_AUTH_OAUTH2);
	assert_int_equal(o->fixes[0]->server.port, 587);
	const struct finding *p = hd_find(&l, "plaintext-settings");
	assert_int_equal(p->severity, SEV_WARNING);
	assert_non_null(strstr(p->summary, "outlook.office365.com"));
	/* incoming: the provider's published IMAP settings */
	assert_int_equal(p->n_fixes, 1);
	assert_int_equal(p->fixes[0]->kind, FIX_SET_INCOMING);
	assert_string_equal(p->fixes[0]->server.host, "outlook.office365.com");
	assert_int_equal(p->fixes[0]->server.port, 993);
	assert_int_equal(p->fixes[0]->server.security, ACCT_SEC_TLS);
	finding_list_done(&l);
	acct_set_free(set);
	remove_profile(dir);

	dir = make_profile(
	    "user_pref(\"mail.accountmanager.accounts\", \"account1\");\n"
	    "user_pref(\"mail.account.account1.identities\", \"id1\");\n"
	    "user_pref(\"mail.account.account1.server\", \"server1\");\n"
	    "user_pref(\"mail.identity.id1.useremail\", "
	    "\"haha@shirao.example\");\n"
	    "user_pref(\"mail.server.server1.type\", \"imap\");\n"
	    "user_pref(\"mail.server.server1.hostname\", "
	    "\"mail.shirao.example\");\n"
	    "user_pref(\"mail.server.server1.socketType\", 3);\n"
	    "user_pref(\"mail.smtpservers\", \"smtp1\");\n"
	    "user_pref(\"mail.smtpserver.smtp1.hostname\", "
	    "\"mail.shirao.example\");\n"
	    "user_pref(\"mail.smtpserver.smtp1.port\", 587);\n"
	    "user_pref(\"mail.smtpserver.smtp1.try_ssl\", 2);\n");
	set = hd_read_profile(dir);
	in.accounts = set;
	assert_int_equal(diagnose(&in, &l, &err), MD_OK);
	hd_ids(&l, got, sizeof got);
	assert_string_equal(got, "");
	finding_list_done(&l);
	acct_set_free(set);
	remove_profile(dir);
}

/* S7: the own domain's SPF leaves out the server mail goes through; an
 * include: cannot be judged without more DNS; no DMARC record. A
 * provider's domain is not judged. */
static void test_diagnose_s7_domain(void **state)
{
	(void)state;
	struct acct_set *set = hd_read_profile(S4);
	struct diag_probe probes[] = {
	    {.row = 0,
	     .purpose = DIAG_CONFIGURED,
	     .host = "smtpa.jcom.zaq.ne.jp",
	     .address = "198.51.100.20",
	     .family = 4,
	     .port = 465,
	     .proto = ACCT_PROTO_SMTP,
	     .security = ACCT_SEC_TLS,
	     .outcome = MD_OUT_OK,
	     .auth_offered = true},
	};
	struct diag_domain dom = {
	    .domain = "shirao.example",
	    .looked_up = true,
	    .spf = "v=spf1 ip4:203.0.113.0/24 ip6:2001:db8:25::/48 -all",
	    .dmarc = "v=DMARC1; p=reject"};
	struct diag_dns dns = {
	    .any_answer = true, .domains = &dom, .n_domains = 1};
	struct diag_input in = {.accounts = set,
				.kb = hd_kb,
				.probes = probes,
				.n_probes = 1,
				.dns = &dns};
	struct finding_list l;
	struct md_err err;
	assert_int_equal(diagnose(&in, &l, &err), MD_OK);
	const struct finding *f = hd_find(&l, "spf-excludes-relay");
	assert_non_null(f);
	/* plain words in the finding; the record and the address are in its
	 * evidence */
	static const char *const jargon[] = {"SPF", "record", "domain",
					     "198.51.100.20"};
	for (size_t i = 0; i < sizeof jargon / sizeof jargon[0]; i++) {
		assert_null(strstr(f->summary, jargon[i]));
		assert_null(strstr(f->explanation, jargon[i]));
	}
	bool has_address = false;
	for (size_t i = 0; i < f->n_evidence; i++)
		has_address |= f->evidence[i].text &&
			       strstr(f->evidence[i].text, "198.51.100.20");
	assert_true(has_address);
	assert_null(hd_find(&l, "dmarc-missing"));
	finding_list_done(&l);

	/* Inside the allowed network: no finding. */
	dom.spf = "v=spf1 ip4:198.51.100.16/28 -all";
	assert_int_equal(diagnose(&in, &l, &err), MD_OK);
	assert_null(hd_find(&l, "spf-excludes-relay"));
	finding_list_done(&l);

	/* An include: first: not decidable here, so nothing is claimed. */
	dom.spf = "v=spf1 include:_spf.example ip4:203.0.113.25 -all";
	dom.dmarc = NULL;
	assert_int_equal(diagnose(&in, &l, &err), MD_OK);
	assert_null(hd_find(&l, "spf-excludes-relay"));
	f = hd_find(&l, "dmarc-missing");
	assert_non_null(f);
	assert_int_equal(f->severity, SEV_WARNING);
	finding_list_done(&l);

	/* Offline nothing of this is judged. */
	in.offline = true;
	assert_int_equal(diagnose(&in, &l, &err), MD_OK);
	assert_null(hd_find(&l, "dmarc-missing"));
	finding_list_done(&l);
	acct_set_free(set);
}

/* A login and dry run on the configured server: a refused password is
 * auth-failed; a refused sender is sender-domain-rejected with the
 * server's words, even for a provider the knowledge base does not know. */
static void test_diagnose_login(void **state)
{
	(void)state;
	char *dir = make_profile(
	    "user_pref(\"mail.accountmanager.accounts\", \"account1\");\n"
	    "user_pref(\"mail.account.account1.identities\", \"id1\");\n"
	    "user_pref(\"mail.account.account1.server\", \"server1\");\n"
	    "user_pref(\"mail.identity.id1.useremail\", \"a@club.example\");\n"
	    "user_pref(\"mail.server.server1.type\", \"imap\");\n"
	    "user_pref(\"mail.server.server1.hostname\", "
	    "\"imap.club.example\");\n"
	    "user_pref(\"mail.server.server1.socketType\", 3);\n"
	    "user_pref(\"mail.smtpservers\", \"smtp1\");\n"
	    "user_pref(\"mail.smtpserver.smtp1.hostname\", "
	    "\"smtp.relay.example\");\n"
	    "user_pref(\"mail.smtpserver.smtp1.port\", 587);\n"
	    "user_pref(\"mail.smtpserver.smtp1.try_ssl\", 2);\n"
	    "user_pref(\"mail.smtpserver.smtp1.username\", \"a\");\n");
	struct acct_set *set = hd_read_profile(dir);
	struct diag_probe p = {.row = 0,
			       .purpose = DIAG_CONFIGURED,
			       .host = "smtp.relay.example",
			       .address = "192.0.2.9",
			       .family = 4,
			       .port = 587,
			       .proto = ACCT_PROTO_SMTP,
			       .security = ACCT_SEC_STARTTLS,
			       .outcome = MD_OUT_AUTH_FAILED,
			       .reply = "535 5.7.8 bad credentials"};
	struct diag_dns dns = {.any_answer = true};
	struct diag_input in = {.accounts = set,
				.kb = hd_kb,
				.probes = &p,
				.n_probes = 1,
				.dns = &dns};
	struct finding_list l;
	struct md_err err;
	assert_int_equal(diagnose(&in, &l, &err), MD_OK);
	char got[256];
	hd_ids(&l, got, sizeof got);
	assert_string_equal(got, "auth-failed ");
	finding_list_done(&l);

	p.outcome = MD_OUT_REJECTED;
	p.reply = "550 5.7.1 Sender rejected";
	assert_int_equal(diagnose(&in, &l, &err), MD_OK);
	hd_ids(&l, got, sizeof got);
	assert_string_equal(got, "sender-domain-rejected ");
	assert_non_null(
	    strstr(l.items[0].explanation, "550 5.7.1 Sender rejected"));
	assert_int_equal(l.items[0].evidence[0].kind, EV_PROBE);
	finding_list_done(&l);
	acct_set_free(set);
	remove_profile(dir);
}

/* A plaintext incoming server is told the encrypted ports of its own
 * protocol (IMAP 993/143, POP3 995/110), never the outgoing 587; where
 * the knowledge base publishes the provider's settings, they are the fix
 * of the incoming server. */
static void test_diagnose_incoming_plaintext(void **state)
{
	(void)state;
	static const struct {
		const char *type, *host, *email;
		const char *ports[2];
	} cases[] = {
	    {"pop3",
	     "pop.home.example",
	     "taro@home.example",
	     {"SSL/TLS on port 995", "STARTTLS on port 110"}},
	    {"imap",
	     "imap.work.example",
	     "taro@work.example",
	     {"SSL/TLS on port 993", "STARTTLS on port 143"}},
	};
	struct finding_list l;
	struct md_err err;
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		char prefs[1024];
		snprintf(
		    prefs, sizeof prefs,
		    "user_pref(\"mail.accountmanager.accounts\", "
		    "\"account1\");\n"
		    "user_pref(\"mail.account.account1.identities\", "
		    "\"id1\");\n"
		    "user_pref(\"mail.account.account1.server\", "
		    "\"server1\");\n"
		    "user_pref(\"mail.identity.id1.useremail\", \"%s\");\n"
		    "user_pref(\"mail.server.server1.type\", \"%s\");\n"
		    "user_pref(\"mail.server.server1.hostname\", \"%s\");\n",
		    cases[i].email, cases[i].type, cases[i].host);
		char *dir = make_profile(prefs);
		struct acct_set *set = hd_read_profile(dir);
		struct diag_input in = {
		    .accounts = set, .kb = hd_kb, .offline = true};
		assert_int_equal(diagnose(&in, &l, &err), MD_OK);
		const struct finding *f = hd_find(&l, "plaintext-settings");
		assert_non_null(f);
		assert_non_null(strstr(f->explanation, cases[i].ports[0]));
		assert_non_null(strstr(f->explanation, cases[i].ports[1]));
		assert_null(strstr(f->explanation, "587"));
		assert_int_equal(f->n_fixes,
				 0); /* the settings are not known */
		finding_list_done(&l);
		acct_set_free(set);
		remove_profile(dir);
	}
}

/* Where the knowledge base publishes the provider's incoming settings
 * (plala: POP3 on secure.plala.or.jp 995 SSL/TLS), they are the fix of
 * the plaintext incoming server; online a probe that proved them makes
 * the fix verified. */
static void test_diagnose_incoming_plaintext_kb(void **state)
{
	(void)state;
	struct finding_list l;
	struct md_err err;
	char *dir = make_profile(
	    "user_pref(\"mail.accountmanager.accounts\", \"account1\");\n"
	    "user_pref(\"mail.account.account1.identities\", \"id1\");\n"
	    "user_pref(\"mail.account.account1.server\", \"server1\");\n"
	    "user_pref(\"mail.identity.id1.useremail\", "
	    "\"taro@plala.or.jp\");\n"
	    "user_pref(\"mail.server.server1.type\", \"pop3\");\n"
	    "user_pref(\"mail.server.server1.hostname\", "
	    "\"secure.plala.or.jp\");\n"
	    "user_pref(\"mail.server.server1.userName\", "
	    "\"taro@plala.or.jp\");\n");
	struct acct_set *set = hd_read_profile(dir);
	struct diag_input in = {.accounts = set, .kb = hd_kb, .offline = true};
	assert_int_equal(diagnose(&in, &l, &err), MD_OK);
	const struct finding *f = hd_find(&l, "plaintext-settings");
	assert_non_null(f);
	assert_null(strstr(f->explanation, "587"));
	assert_non_null(strstr(f->explanation, "995"));
	assert_int_equal(f->n_fixes, 1);
	const struct fix *x = f->fixes[0];
	assert_string_equal(x->id, "incoming-secure.plala.or.jp-995");
	assert_int_equal(x->kind, FIX_SET_INCOMING);
	assert_string_equal(x->server_key, "server1");
	assert_string_equal(x->server.host, "secure.plala.or.jp");
	assert_int_equal(x->server.port, 995);
	assert_int_equal(x->server.security, ACCT_SEC_TLS);
	assert_false(x->verified);
	finding_list_done(&l);

	/* Outlook: the incoming fix only when the account was read from the
	 * registry itself (written there); an export's hand-over carries
	 * outgoing values only. */
	set->accounts[0].client = ACCT_CLIENT_OUTLOOK;
	assert_int_equal(diagnose(&in, &l, &err), MD_OK);
	assert_int_equal(hd_find(&l, "plaintext-settings")->n_fixes, 0);
	finding_list_done(&l);
	set->accounts[0].live = true;
	assert_int_equal(diagnose(&in, &l, &err), MD_OK);
	f = hd_find(&l, "plaintext-settings");
	assert_int_equal(f->n_fixes, 1);
	assert_int_equal(f->fixes[0]->client, ACCT_CLIENT_OUTLOOK);
	assert_int_equal(f->fixes[0]->kind, FIX_SET_INCOMING);
	finding_list_done(&l);
	set->accounts[0].client = ACCT_CLIENT_THUNDERBIRD;
	set->accounts[0].live = false;

	/* Online, a probe that proved SSL/TLS on 995 makes it verified. */
	struct diag_probe p = {.row = 2,
			       .purpose = DIAG_ALTERNATIVE,
			       .host = "secure.plala.or.jp",
			       .address = "198.51.100.10",
			       .family = 4,
			       .port = 995,
			       .proto = ACCT_PROTO_POP3,
			       .security = ACCT_SEC_TLS,
			       .outcome = MD_OUT_OK,
			       .auth_offered = true};
	struct diag_dns dns = {.any_answer = true};
	in.offline = false;
	in.probes = &p;
	in.n_probes = 1;
	in.dns = &dns;
	assert_int_equal(diagnose(&in, &l, &err), MD_OK);
	f = hd_find(&l, "plaintext-settings");
	assert_non_null(f);
	assert_int_equal(f->n_fixes, 1);
	assert_int_equal(f->fixes[0]->kind, FIX_SET_INCOMING);
	assert_int_equal(f->fixes[0]->server.port, 995);
	assert_true(f->fixes[0]->verified);
	finding_list_done(&l);
	acct_set_free(set);
	remove_profile(dir);
}

#define MULTI_HOME "tests/fixtures/tb/multi/.thunderbird/b2.home"

/* An identity naming an outgoing server that does not exist, or with none
 * at all and no default, cannot send: no-outgoing-server, a blocker, with
 * the server another identity of the account uses, or the provider's
 * published one; online only a probe proves them. user.js setting mail
 * values is user-js-override. */
static void test_diagnose_no_outgoing_server(void **state)
{
	(void)state;
	struct acct_set *set = hd_read_profile(MULTI_HOME);
	struct diag_input in = {.accounts = set, .kb = hd_kb, .offline = true};
	struct finding_list l;
	struct md_err err;
	assert_int_equal(diagnose(&in, &l, &err), MD_OK);
	const struct finding *f = hd_find(&l, "no-outgoing-server");
	assert_non_null(f);
	assert_int_equal(f->severity, SEV_BLOCKER);
	assert_string_equal(l.items[0].id, "no-outgoing-server");
	assert_string_equal(f->identity, "taro@club.example");
	assert_non_null(strstr(f->explanation, "\"smtp9\""));
	assert_false(f->ask_server);
	assert_int_equal(f->n_fixes, 1);
	assert_string_equal(f->fixes[0]->id, "use-smtp.override.example-2525");
	assert_string_equal(f->fixes[0]->identity_key, "id2");
	assert_int_equal(f->fixes[0]->kind, FIX_SET_OUTGOING);
	assert_false(f->fixes[0]->verified);
	const struct finding *u = hd_find(&l, "user-js-override");
	assert_non_null(u);
	assert_int_equal(u->severity, SEV_WARNING);
	assert_string_equal(u->identity, "taro@home.example");
	assert_true(hd_has_evidence(u, "smtp1 hostname smtp.override.example"));
	assert_true(hd_has_evidence(u, "smtp1 port 2525"));
	bool in_user_js = false;
	for (size_t i = 0; i < u->n_evidence; i++)
		in_user_js |=
		    u->evidence[i].file &&
		    strcmp(os_base_name(u->evidence[i].file), "user.js") == 0 &&
		    u->evidence[i].line == 1;
	assert_true(in_user_js);
	finding_list_done(&l);

	/* Online: the other identity's server is a fix once a probe proved
	 * it; without that proof there is no fix, and whom to ask is said. */
	struct diag_probe p = {.row = 1,
			       .purpose = DIAG_CANDIDATE,
			       .for_email = "taro@club.example",
			       .host = "smtp.override.example",
			       .address = "192.0.2.7",
			       .family = 4,
			       .port = 2525,
			       .proto = ACCT_PROTO_SMTP,
			       .security = ACCT_SEC_TLS,
			       .outcome = MD_OUT_OK,
			       .auth_offered = true};
	struct diag_dns dns = {.any_answer = true};
	const char *club[] = {"taro@club.example"};
	in = (struct diag_input){.accounts = set,
				 .kb = hd_kb,
				 .probes = &p,
				 .n_probes = 1,
				 .dns = &dns,
				 .identities = club,
				 .n_identities = 1};
	assert_int_equal(diagnose(&in, &l, &err), MD_OK);
	char got[256];
	hd_ids(&l, got, sizeof got);
	assert_string_equal(got, "no-outgoing-server ");
	assert_int_equal(l.items[0].n_fixes, 1);
	assert_true(l.items[0].fixes[0]->verified);
	finding_list_done(&l);
	p.outcome = MD_OUT_TIMEOUT;
	assert_int_equal(diagnose(&in, &l, &err), MD_OK);
	assert_int_equal(l.items[0].n_fixes, 0);
	assert_true(l.items[0].ask_server);
	assert_non_null(
	    strstr(l.items[0].explanation, "administrator of club.example"));
	finding_list_done(&l);
	acct_set_free(set);
}

/* No outgoing server at all, and no default: the provider's published
 * submission server is the fix. */
static void test_diagnose_no_outgoing_server_at_all(void **state)
{
	(void)state;
	struct finding_list l;
	struct md_err err;
	char got[256];
	struct acct_set *set = hd_read_profile("tests/fixtures/tb/nosmtp");
	struct diag_input in = {.accounts = set, .kb = hd_kb, .offline = true};
	assert_int_equal(diagnose(&in, &l, &err), MD_OK);
	hd_ids(&l, got, sizeof got);
	assert_string_equal(got, "no-outgoing-server ");
	assert_non_null(strstr(l.items[0].explanation, "no default"));
	assert_true(l.items[0].n_fixes >= 1);
	assert_string_equal(l.items[0].fixes[0]->id,
			    "use-secure.plala.or.jp-587");
	finding_list_done(&l);
	acct_set_free(set);
}

/* S4 with no trace of the own domain's server (s4b) offline: nothing to
 * offer, so the finding says whom to ask and for what, and is marked for
 * the wizard to take a typed server. */
static void test_diagnose_s4b_ask_server(void **state)
{
	(void)state;
	struct acct_set *set = hd_read_profile("tests/fixtures/tb/s4b");
	struct diag_input in = {.accounts = set, .kb = hd_kb, .offline = true};
	struct finding_list l;
	struct md_err err;
	assert_int_equal(diagnose(&in, &l, &err), MD_OK);
	const struct finding *f = hd_find(&l, "outgoing-server-mismatch");
	assert_non_null(f);
	assert_int_equal(f->n_fixes, 0);
	assert_true(f->ask_server);
	assert_non_null(
	    strstr(f->explanation, "administrator of shirao.example"));
	assert_non_null(strstr(f->explanation, "port and encryption"));
	finding_list_done(&l);
	acct_set_free(set);

	/* With the orphaned server (S4) there is a fix: nothing to ask. */
	set = hd_read_profile(S4);
	in.accounts = set;
	assert_int_equal(diagnose(&in, &l, &err), MD_OK);
	f = hd_find(&l, "outgoing-server-mismatch");
	assert_false(f->ask_server);
	assert_null(strstr(f->explanation, "administrator"));
	finding_list_done(&l);
	acct_set_free(set);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_diagnose_s4_offline),
	    cmocka_unit_test(test_diagnose_s4_no_orphan),
	    cmocka_unit_test(test_diagnose_s6_sender_rejected),
	    cmocka_unit_test(test_diagnose_security),
	    cmocka_unit_test(test_diagnose_s7_domain),
	    cmocka_unit_test(test_diagnose_login),
	    cmocka_unit_test(test_diagnose_incoming_plaintext),
	    cmocka_unit_test(test_diagnose_incoming_plaintext_kb),
	    cmocka_unit_test(test_diagnose_no_outgoing_server),
	    cmocka_unit_test(test_diagnose_no_outgoing_server_at_all),
	    cmocka_unit_test(test_diagnose_s4b_ask_server),
	};
	return cmocka_run_group_tests(tests, hd_load_kb, hd_free_kb);
}
