/* test_tb_defaults.c — the values Thunderbird uses where prefs.js names
 * none, and its start-up migrations, as the reader applies them: each case
 * is a small profile written to a temporary folder and read back. The
 * expected values come from comm-central (sources in clientcfg/tb/tb_layout.c),
 * not from maildoctor's own code. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "clientcfg/tb/tb_accounts.h"
#include "core/base/os.h"
#include "tests/unit/helper_os.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* An account with one identity "me@example.jp" on server1 (IMAP unless
 * said), the outgoing servers given by `prefs`. */
#define BASE                                                                   \
	"user_pref(\"mail.accountmanager.accounts\", \"account1\");\n"         \
	"user_pref(\"mail.account.account1.server\", \"server1\");\n"          \
	"user_pref(\"mail.account.account1.identities\", \"id1\");\n"          \
	"user_pref(\"mail.identity.id1.useremail\", \"me@example.jp\");\n"     \
	"user_pref(\"mail.server.server1.hostname\", \"in.example.jp\");\n"

struct fixture {
	char dir[512];
	struct acct_set *set;
};

static struct fixture fx;

static void write_file(const char *name, const char *text)
{
	char path[600];
	snprintf(path, sizeof path, "%s/%s", fx.dir, name);
	FILE *f = os_fopen(path, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(text, 1, strlen(text), f), strlen(text));
	assert_int_equal(fclose(f), 0);
}

/* Read a profile made of prefs.js text (and user.js text, or NULL). */
static const struct acct_set *read_prefs(const char *prefs, const char *user)
{
	assert_true(ho_mkdtemp(fx.dir, sizeof fx.dir, "md-tbdef"));
	write_file("prefs.js", prefs);
	if (user)
		write_file("user.js", user);
	struct tb_profile p = {.name = "t", .path = fx.dir};
	struct md_err err;
	fx.set = acct_set_new();
	assert_non_null(fx.set);
	assert_int_equal(tb_read_profile(&p, fx.set, NULL, &err), MD_OK);
	return fx.set;
}

static int teardown(void **state)
{
	(void)state;
	char path[600];
	snprintf(path, sizeof path, "%s/prefs.js", fx.dir);
	ho_unlink(path);
	snprintf(path, sizeof path, "%s/user.js", fx.dir);
	ho_unlink(path);
	ho_rmdir(fx.dir);
	acct_set_free(fx.set);
	fx.set = NULL;
	return 0;
}

static const struct acct_identity *me(const struct acct_set *set)
{
	assert_int_equal(set->n_accounts, 1);
	assert_int_equal(set->accounts[0].n_identities, 1);
	return &set->accounts[0].identities[0];
}

static const struct acct_server *my_outgoing(const struct acct_set *set)
{
	const struct acct_identity *id = me(set);
	assert_true(id->outgoing >= 0);
	return &set->outgoing[id->outgoing];
}

static const struct acct_server *my_incoming(const struct acct_set *set)
{
	assert_true(set->accounts[0].incoming >= 0);
	return &set->incoming[set->accounts[0].incoming];
}

#define ONE_SMTP(extra)                                                        \
	BASE "user_pref(\"mail.server.server1.type\", \"imap\");\n"            \
	     "user_pref(\"mail.smtpservers\", \"smtp1\");\n"                   \
	     "user_pref(\"mail.smtpserver.smtp1.hostname\", "                  \
	     "\"out.example.jp\");\n" extra

/* SmtpClient: port || (SSL/TLS ? 465 : 587) — never 25. */
static void test_tb_defaults_smtp_port(void **state)
{
	(void)state;
	static const struct {
		const char *extra;
		int port;
		enum acct_security sec;
		bool is_default;
	} cases[] = {
	    {"user_pref(\"mail.smtpserver.smtp1.try_ssl\", 2);\n", 587,
	     ACCT_SEC_STARTTLS, true},
	    {"user_pref(\"mail.smtpserver.smtp1.try_ssl\", 3);\n", 465,
	     ACCT_SEC_TLS, true},
	    {"", 587, ACCT_SEC_PLAIN, true},
	    {"user_pref(\"mail.smtpserver.smtp1.port\", 0);\n", 587,
	     ACCT_SEC_PLAIN, true},
	    {"user_pref(\"mail.smtpserver.smtp1.port\", \"25\");\n", 587,
	     ACCT_SEC_PLAIN, true}, /* a string is no int to getIntPref */
	    {"user_pref(\"mail.smtpserver.smtp1.port\", 25);\n", 25,
	     ACCT_SEC_PLAIN, false},
	    /* try_ssl falls back to mail.smtpserver.default., port does not */
	    {"user_pref(\"mail.smtpserver.default.try_ssl\", 3);\n"
	     "user_pref(\"mail.smtpserver.default.port\", 2525);\n",
	     465, ACCT_SEC_TLS, true},
	    /* trySTARTTLS: the clients require STARTTLS (and migration 44
	     * rewrites it to 2) */
	    {"user_pref(\"mail.smtpserver.smtp1.try_ssl\", 1);\n", 587,
	     ACCT_SEC_STARTTLS, true},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char text[2048];
		snprintf(text, sizeof text, "%s", ONE_SMTP("%s"));
		char full[4096];
		snprintf(full, sizeof full, text, cases[i].extra);
		const struct acct_server *o =
		    my_outgoing(read_prefs(full, NULL));
		printf("case %zu: port %d sec %d\n", i, o->port, o->security);
		assert_int_equal(o->port, cases[i].port);
		assert_int_equal(acct_server_port(o), cases[i].port);
		assert_int_equal(o->security, cases[i].sec);
		assert_int_equal(o->port_default, cases[i].is_default);
		assert_int_equal(o->proto, ACCT_PROTO_SMTP);
		teardown(NULL);
	}
}

/* authMethod: own, else mail.smtpserver.default.authMethod, else 3. */
static void test_tb_defaults_smtp_auth(void **state)
{
	(void)state;
	const struct acct_server *o =
	    my_outgoing(read_prefs(ONE_SMTP(""), NULL));
	assert_int_equal(o->auth, ACCT_AUTH_PASSWORD);
	assert_int_equal(o->src_auth.line, 0);
	teardown(NULL);
	o = my_outgoing(read_prefs(
	    ONE_SMTP("user_pref(\"mail.smtpserver.default.authMethod\", 4);\n"),
	    NULL));
	assert_int_equal(o->auth, ACCT_AUTH_ENCRYPTED);
	teardown(NULL);
	/* hostname and username never come from the default branch */
	o = my_outgoing(read_prefs(
	    BASE "user_pref(\"mail.smtpservers\", \"smtp1\");\n"
		 "user_pref(\"mail.smtpserver.default.hostname\", \"x.jp\");\n"
		 "user_pref(\"mail.smtpserver.default.username\", \"u\");\n",
	    NULL));
	assert_null(o->host);
	assert_null(o->user);
}

/* OutgoingServerService: only listed keys are servers; the default is
 * mail.smtp.defaultserver, else the first listed. */
static void test_tb_defaults_server_list(void **state)
{
	(void)state;
	/* A key that is defined but not listed: no server at all. */
	const struct acct_set *set = read_prefs(
	    BASE "user_pref(\"mail.identity.id1.smtpServer\", \"smtp9\");\n"
		 "user_pref(\"mail.smtpservers\", \"smtp1\");\n"
		 "user_pref(\"mail.smtpserver.smtp1.hostname\", \"a.jp\");\n"
		 "user_pref(\"mail.smtpserver.smtp9.hostname\", \"b.jp\");\n",
	    NULL);
	assert_int_equal(me(set)->outgoing, -1);
	assert_string_equal(me(set)->outgoing_key, "smtp9");
	assert_int_equal(set->n_outgoing, 1);
	teardown(NULL);

	/* No own key: the default server; without the pref, the first. */
	set = read_prefs(
	    BASE "user_pref(\"mail.smtpservers\", \"smtp2,smtp1\");\n"
		 "user_pref(\"mail.smtpserver.smtp1.hostname\", \"a.jp\");\n"
		 "user_pref(\"mail.smtpserver.smtp2.hostname\", \"b.jp\");\n",
	    NULL);
	assert_true(me(set)->uses_default);
	assert_string_equal(my_outgoing(set)->host, "b.jp");
	assert_true(my_outgoing(set)->is_default);
	teardown(NULL);

	/* A default that names a missing key: Thunderbird has no server. */
	set = read_prefs(
	    BASE "user_pref(\"mail.smtp.defaultserver\", \"smtp7\");\n"
		 "user_pref(\"mail.smtpservers\", \"smtp1\");\n"
		 "user_pref(\"mail.smtpserver.smtp1.hostname\", \"a.jp\");\n",
	    NULL);
	assert_true(me(set)->uses_default);
	assert_int_equal(me(set)->outgoing, -1);
	teardown(NULL);

	/* The list is split on ',' and not trimmed: " smtp2" is another
	 * key, with no hostname. */
	set = read_prefs(
	    BASE "user_pref(\"mail.identity.id1.smtpServer\", \" smtp2\");\n"
		 "user_pref(\"mail.smtpservers\", \"smtp1, smtp2\");\n"
		 "user_pref(\"mail.smtpserver.smtp2.hostname\", \"b.jp\");\n",
	    NULL);
	assert_true(me(set)->outgoing >= 0);
	assert_null(my_outgoing(set)->host);
}

/* EWS / Graph outgoing servers (TB 130+): what they are, never SMTP. */
static void test_tb_defaults_cloud_outgoing(void **state)
{
	(void)state;
	const struct acct_server *o = my_outgoing(read_prefs(
	    BASE "user_pref(\"mail.smtpservers\", \"ews1\");\n"
		 "user_pref(\"mail.smtpserver.ews1.type\", \"ews\");\n"
		 "user_pref(\"mail.outgoingserver.ews1.ews_url\", "
		 "\"https://mail.example.jp/EWS/Exchange.asmx\");\n"
		 "user_pref(\"mail.outgoingserver.ews1.username\", \"me\");\n"
		 "user_pref(\"mail.outgoingserver.ews1.auth_method\", 10);\n",
	    NULL));
	assert_int_equal(o->proto, ACCT_PROTO_OTHER);
	assert_string_equal(o->type_name, "ews");
	assert_string_equal(o->host, "mail.example.jp");
	assert_string_equal(o->user, "me");
	assert_int_equal(o->auth, ACCT_AUTH_OAUTH2);
	teardown(NULL);
	/* An EWS incoming server: HTTPS, never "without encryption". */
	const struct acct_server *in = my_incoming(read_prefs(
	    BASE "user_pref(\"mail.server.server1.type\", \"ews\");\n", NULL));
	assert_int_equal(in->proto, ACCT_PROTO_OTHER);
	assert_int_equal(in->security, ACCT_SEC_TLS);
	teardown(NULL);
	o = my_outgoing(read_prefs(
	    BASE "user_pref(\"mail.smtpservers\", \"graph1\");\n"
		 "user_pref(\"mail.smtpserver.graph1.type\", \"graph\");\n",
	    NULL));
	assert_int_equal(o->proto, ACCT_PROTO_OTHER);
	assert_string_equal(o->type_name, "graph");
}

/* nsMsgIncomingServer::GetPort / GetSocketType. */
static void test_tb_defaults_incoming(void **state)
{
	(void)state;
	static const struct {
		const char *type, *extra;
		int port;
		enum acct_security sec;
	} cases[] = {
	    {"imap", "", 143, ACCT_SEC_PLAIN},
	    {"imap", "user_pref(\"mail.server.server1.socketType\", 3);\n", 993,
	     ACCT_SEC_TLS},
	    {"pop3", "", 110, ACCT_SEC_PLAIN},
	    {"pop3", "user_pref(\"mail.server.server1.socketType\", 3);\n", 995,
	     ACCT_SEC_TLS},
	    {"pop3",
	     "user_pref(\"mail.server.server1.port\", -1);\n"
	     "user_pref(\"mail.server.server1.isSecure\", true);\n",
	     995, ACCT_SEC_TLS},
	    {"imap", "user_pref(\"mail.server.server1.socketType\", 1);\n", 143,
	     ACCT_SEC_STARTTLS},
	    {"imap", "user_pref(\"mail.server.default.socketType\", 2);\n", 143,
	     ACCT_SEC_STARTTLS},
	    /* the own socketType wins over the old isSecure */
	    {"imap",
	     "user_pref(\"mail.server.server1.socketType\", 0);\n"
	     "user_pref(\"mail.server.server1.isSecure\", true);\n",
	     143, ACCT_SEC_PLAIN},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char text[4096];
		snprintf(text, sizeof text,
			 BASE
			 "user_pref(\"mail.server.server1.type\", \"%s\");\n%s",
			 cases[i].type, cases[i].extra);
		const struct acct_server *in =
		    my_incoming(read_prefs(text, NULL));
		printf("case %zu: port %d sec %d\n", i, in->port, in->security);
		assert_int_equal(in->port, cases[i].port);
		assert_int_equal(in->security, cases[i].sec);
		assert_true(in->port_default);
		teardown(NULL);
	}
}

/* MailMigrator migration 35: office365 servers become OAuth2 when the
 * profile's mail.ui-rdf.version is 1..34; a new profile (0) is not
 * migrated, nor one already past 35. */
static void test_tb_defaults_migration_oauth(void **state)
{
	(void)state;
	static const struct {
		const char *version;
		enum acct_auth auth;
	} cases[] = {
	    {"user_pref(\"mail.ui-rdf.version\", 30);\n", ACCT_AUTH_OAUTH2},
	    {"", ACCT_AUTH_PASSWORD},
	    {"user_pref(\"mail.ui-rdf.version\", 35);\n", ACCT_AUTH_PASSWORD},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char text[4096];
		snprintf(text, sizeof text,
			 BASE
			 "user_pref(\"mail.server.server1.type\", \"imap\");\n"
			 "user_pref(\"mail.smtpservers\", \"smtp1\");\n"
			 "user_pref(\"mail.smtpserver.smtp1.hostname\", "
			 "\"smtp.office365.com\");\n%s",
			 cases[i].version);
		/* user.js names the host (its value wins, as at start-up) */
		const struct acct_set *set = read_prefs(
		    text, "user_pref(\"mail.server.server1.hostname\", "
			  "\"outlook.office365.com\");\n");
		assert_int_equal(my_outgoing(set)->auth, cases[i].auth);
		assert_int_equal(my_incoming(set)->auth, cases[i].auth);
		teardown(NULL);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_tb_defaults_smtp_port),
	    cmocka_unit_test_teardown(test_tb_defaults_smtp_auth, teardown),
	    cmocka_unit_test_teardown(test_tb_defaults_server_list, teardown),
	    cmocka_unit_test_teardown(test_tb_defaults_cloud_outgoing,
				      teardown),
	    cmocka_unit_test(test_tb_defaults_incoming),
	    cmocka_unit_test(test_tb_defaults_migration_oauth),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
