/* test_tb_accounts.c — Thunderbird profile discovery and the account graph,
 * on the fixtures of tests/fixtures/tb and the real Mozilla sample. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "clientcfg/clients.h"
#include "clientcfg/tb/tb_accounts.h"
#include "clientcfg/tb/tb_profiles.h"
#include "core/base/os.h"
#include "tests/unit/helper_os.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define FIX "tests/fixtures/tb"

static const struct acct_identity *find_identity(const struct acct_set *set,
						 const char *email)
{
	for (size_t i = 0; i < set->n_accounts; i++)
		for (size_t j = 0; j < set->accounts[i].n_identities; j++) {
			const struct acct_identity *id =
			    &set->accounts[i].identities[j];
			if (id->email && strcmp(id->email, email) == 0)
				return id;
		}
	return NULL;
}

static const char *file_of(const struct acct_set *set, struct acct_src src)
{
	assert_true(src.file >= 0 && (size_t)src.file < set->n_files);
	const char *slash = strrchr(set->files[src.file], os_sep[0]);
	return slash ? slash + 1 : set->files[src.file];
}

/* S4: the identity sends through the ISP's server; the own domain's server
 * is still defined but unused (orphaned), with file and line of each. */
static void test_tb_accounts_s4_graph(void **state)
{
	(void)state;
	struct tb_profile_list list = {0};
	struct md_err err;
	assert_int_equal(
	    tb_profiles_from_arg(FIX "/s4/.thunderbird", &list, &err), MD_OK);
	assert_int_equal(list.n, 1);
	assert_true(list.items[0].is_default);
	assert_string_equal(list.items[0].name, "default-release");

	struct acct_set *set = acct_set_new();
	struct tb_notes notes;
	assert_int_equal(tb_read_profile(&list.items[0], set, &notes, &err),
			 MD_OK);
	assert_int_equal(notes.n_issues, 0);
	assert_false(notes.has_user_js);
	/* Local Folders is not an account that sends mail. */
	assert_int_equal(set->n_accounts, 1);
	const struct acct_account *acc = &set->accounts[0];
	assert_string_equal(acc->key, "account2");
	assert_int_equal(acc->client, ACCT_CLIENT_THUNDERBIRD);
	const struct acct_server *in = &set->incoming[acc->incoming];
	assert_int_equal(in->proto, ACCT_PROTO_IMAP);
	assert_string_equal(in->host, "mail.shirao.example");
	assert_int_equal(in->port, 993);
	assert_int_equal(in->security, ACCT_SEC_TLS);
	assert_string_equal(in->user, "haha");

	const struct acct_identity *id =
	    find_identity(set, "haha@shirao.example");
	assert_non_null(id);
	assert_string_equal(id->name, "Haha Shirao");
	assert_string_equal(id->outgoing_key, "smtp2");
	assert_false(id->uses_default);
	const struct acct_server *out = &set->outgoing[id->outgoing];
	assert_string_equal(out->host, "smtpa.jcom.zaq.ne.jp");
	assert_int_equal(out->port, 465);
	assert_int_equal(out->security, ACCT_SEC_TLS);
	assert_int_equal(out->auth, ACCT_AUTH_PASSWORD);
	assert_string_equal(out->user, "haha@jcom.zaq.ne.jp");
	assert_true(out->is_default);
	assert_false(out->orphaned);
	assert_string_equal(file_of(set, out->src_host), "prefs.js");
	assert_int_equal(out->src_host.line, 40);

	assert_int_equal(set->n_outgoing, 2);
	const struct acct_server *old = &set->outgoing[0];
	assert_string_equal(old->key, "smtp1");
	assert_string_equal(old->host, "mail.shirao.example");
	assert_int_equal(old->port, 587);
	assert_int_equal(old->security, ACCT_SEC_STARTTLS);
	assert_string_equal(old->description, "shirao.example");
	assert_true(old->orphaned);
	assert_int_equal(old->src_port.line, 36);

	acct_set_free(set);
	tb_profile_list_done(&list);
}

/* The WSL profile of the multi fixture: CRLF, old header, legacy
 * isSecure, Japanese. */
static void check_wsl_profile(const struct acct_set *set)
{
	const struct acct_identity *hanako =
	    find_identity(set, "hanako@plala.example");
	assert_string_equal(hanako->name, "白尾 花子");
	const struct acct_server *ho = &set->outgoing[hanako->outgoing];
	assert_string_equal(ho->description, "ぷらら 📧");
	assert_int_equal(ho->security, ACCT_SEC_STARTTLS);
	/* Old-style auth_method is not authMethod: the default applies. */
	assert_int_equal(ho->auth, ACCT_AUTH_PASSWORD);
	assert_int_equal(ho->src_auth.line, 0);
	/* its incoming server (the one account of profile "default"):
	 * checked once, and the test fails if the profile is not found */
	size_t seen = 0;
	for (size_t a = 0; a < set->n_accounts; a++) {
		const struct acct_account *acc = &set->accounts[a];
		if (strcmp(acc->profile, "default") != 0)
			continue;
		seen++;
		assert_true(acc->incoming >= 0);
		const struct acct_server *in = &set->incoming[acc->incoming];
		assert_int_equal(in->security, ACCT_SEC_TLS);
		assert_int_equal(in->proto, ACCT_PROTO_POP3);
	}
	assert_int_equal(seen, 1);
}

/* Discovery: Install default first, Profile order otherwise, a WSL root,
 * user.js overriding prefs.js, a reference to a missing server. */
static void test_tb_accounts_discover_multi(void **state)
{
	(void)state;
	char home[4096], wsl[4096], cwd[2048];
	assert_non_null(ho_getcwd(cwd, sizeof cwd));
	snprintf(home, sizeof home, "%s/" FIX "/multi", cwd);
	snprintf(wsl, sizeof wsl, "%s/" FIX "/wsl/Users", cwd);
	struct tb_search s = {.home = home, .wsl_users = wsl};
	struct tb_profile_list list = {0};
	struct md_err err;
	assert_int_equal(tb_profiles_discover(&s, &list, &err), MD_OK);
	assert_int_equal(err.code, MD_OK);
	assert_int_equal(list.n, 3);
	/* Defaults first: "home" (the Install default, not the legacy
	 * Default=1 of "work") and the WSL profile (alone in its root). */
	assert_string_equal(list.items[0].name, "home");
	assert_true(list.items[0].is_default);
	assert_string_equal(list.items[1].name, "default");
	assert_true(list.items[1].is_default);
	assert_string_equal(list.items[2].name, "work");
	assert_false(list.items[2].is_default);

	struct acct_set *set = acct_set_new();
	for (size_t i = 0; i < list.n; i++) {
		struct tb_notes notes;
		assert_int_equal(
		    tb_read_profile(&list.items[i], set, &notes, &err), MD_OK);
		if (i == 0) {
			assert_true(notes.has_user_js);
			assert_int_equal(notes.n_user_js_mail, 2);
		}
	}
	const struct acct_identity *home_id =
	    find_identity(set, "taro@home.example");
	assert_true(home_id->uses_default);
	const struct acct_server *o = &set->outgoing[home_id->outgoing];
	assert_string_equal(o->host, "smtp.override.example");
	assert_int_equal(o->port, 2525);
	assert_string_equal(file_of(set, o->src_host), "user.js");
	assert_string_equal(file_of(set, o->src_security), "prefs.js");

	const struct acct_identity *club =
	    find_identity(set, "taro@club.example");
	assert_int_equal(club->outgoing, -1);
	assert_string_equal(club->outgoing_key, "smtp9");

	check_wsl_profile(set);
	/* No port: Thunderbird's SmtpClient connects to 587 (465 for SSL/TLS),
	 * never 25; the model says so and marks it as a default. */
	const struct acct_identity *work =
	    find_identity(set, "taro@work.example");
	const struct acct_server *wo = &set->outgoing[work->outgoing];
	assert_int_equal(wo->port, 587);
	assert_true(wo->port_default);
	assert_int_equal(wo->src_port.line, 0);
	assert_int_equal(acct_server_port(wo), 587);
	assert_int_equal(wo->security, ACCT_SEC_PLAIN);
	acct_set_free(set);
	tb_profile_list_done(&list);
}

/* The real Mozilla-authored prefs file as a profile. */
static void test_tb_accounts_real_sample(void **state)
{
	(void)state;
	char dir[512];
	assert_true(ho_mkdtemp(dir, sizeof dir, "md-tb"));
	const char *samples = os_getenv("MD_SAMPLES") ? os_getenv("MD_SAMPLES")
						      : "../shared/samples";
	char from[4200], to[600];
	snprintf(from, sizeof from, "%s/thunderbird/mailnewsTestPrefs.js",
		 samples);
	snprintf(to, sizeof to, "%s/prefs.js", dir);
	assert_true(ho_copy_file(from, to));
	struct tb_profile p = {.name = "sample", .path = dir};
	struct acct_set *set = acct_set_new();
	struct md_err err;
	assert_int_equal(tb_read_profile(&p, set, NULL, &err), MD_OK);
	assert_int_equal(set->n_accounts, 1);
	const struct acct_identity *id =
	    find_identity(set, "tinderbox@invalid.com");
	assert_non_null(id);
	assert_string_equal(set->outgoing[id->outgoing].host, "tinderbox");
	assert_string_equal(set->outgoing[id->outgoing].user, "tinderbox");
	assert_int_equal(set->incoming[set->accounts[0].incoming].proto,
			 ACCT_PROTO_POP3);
	acct_set_free(set);
	assert_true(ho_rmtree(dir));
}

/* Bad input: missing prefs.js, a folder that is not a profile, a broken
 * profiles.ini, a prefs.js with a syntax error (reported with its line). */
static void test_tb_accounts_bad_input(void **state)
{
	(void)state;
	struct tb_profile_list list = {0};
	struct md_err err;
	assert_int_equal(tb_profiles_from_arg("/nonexistent", &list, &err),
			 MD_ERR_NOTFOUND);
	assert_int_equal(tb_profiles_from_arg("tests", &list, &err),
			 MD_ERR_NOTFOUND);
	assert_non_null(strstr(err.text, "tests"));
	assert_int_equal(list.n, 0);

	char dir[512];
	assert_true(ho_mkdtemp(dir, sizeof dir, "md-tb"));
	char path[600];
	snprintf(path, sizeof path, "%s/profiles.ini", dir);
	FILE *f = os_fopen(path, "w");
	fputs("[Profile0]\nIsRelative=1\nName=x\n", f);
	fclose(f);
	assert_int_equal(tb_profiles_read_root(dir, &list, &err), MD_ERR_PARSE);
	assert_int_equal(err.line, 1);
	f = os_fopen(path, "w");
	fputs("this is not an ini file\n", f);
	fclose(f);
	assert_int_equal(tb_profiles_read_root(dir, &list, &err), MD_ERR_PARSE);

	struct tb_profile p = {.name = "broken", .path = dir};
	struct acct_set *set = acct_set_new();
	assert_int_equal(tb_read_profile(&p, set, NULL, &err), MD_ERR_NOTFOUND);
	snprintf(path, sizeof path, "%s/prefs.js", dir);
	f = os_fopen(path, "w");
	fputs("user_pref(\"mail.accountmanager.accounts\", \"account1\");\n"
	      "user_pref(\"mail.account.account1.server\" \"server1\");\n",
	      f);
	fclose(f);
	struct tb_notes notes;
	assert_int_equal(tb_read_profile(&p, set, &notes, &err), MD_OK);
	assert_int_equal(notes.n_issues, 1);
	assert_int_equal(notes.first_issue.line, 2);
	assert_non_null(strstr(notes.first_issue.text, "prefs.js"));
	acct_set_free(set);
	assert_true(ho_rmtree(dir));
	tb_profile_list_done(&list);
}

/* clients_read gathers every --profile and reports problems per file. */
static void test_tb_accounts_clients_read(void **state)
{
	(void)state;
	const char *profiles[] = {FIX "/s4/.thunderbird", "/nonexistent/x"};
	struct clients_opts o = {.profiles = profiles, .n_profiles = 2};
	struct acct_set *set = acct_set_new();
	struct clients_report rep;
	assert_int_equal(clients_read(&o, set, &rep), MD_ERR_NOTFOUND);
	assert_int_equal(rep.n_problems, 1);
	assert_int_equal(set->n_accounts, 1);
	clients_report_done(&rep);
	acct_set_free(set);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_tb_accounts_s4_graph),
	    cmocka_unit_test(test_tb_accounts_discover_multi),
	    cmocka_unit_test(test_tb_accounts_real_sample),
	    cmocka_unit_test(test_tb_accounts_bad_input),
	    cmocka_unit_test(test_tb_accounts_clients_read),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
