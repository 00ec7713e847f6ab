/* test_fix_tb.c — planning, applying and undoing a fix on copies of the
 * Thunderbird fixtures: only the intended values change, backups and the
 * journal are right, undo is byte for byte, and every refusal holds. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "clientcfg/tb/fix_tb.h"
#include "clientcfg/fix.h"
#include "core/base/safe_write.h"
#include "clientcfg/tb/tb_accounts.h"
#include "clientcfg/tb/tb_lock.h"
#include "core/base/os.h"
#include "tests/unit/helper_os.h"
#include "tests/unit/helper_file.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define S4_PROFILE                                                             \
	"tests/fixtures/tb/s4/.thunderbird/Profiles/k7xq2m1a.default-release"

struct ctx {
	char dir[512]; /* a copy of a fixture profile */
	char prefs[600];
	char *orig; /* prefs.js as copied */
	size_t orig_len;
};

static void copy_profile(struct ctx *c, const char *from)
{
	assert_true(ho_mkdtemp(c->dir, sizeof c->dir, "md-fix"));
	assert_true(ho_copy_tree(from, c->dir));
	snprintf(c->prefs, sizeof c->prefs, "%s/prefs.js", c->dir);
	struct md_err err;
	assert_int_equal(
	    safe_read(c->prefs, &c->orig, &c->orig_len, NULL, &err), MD_OK);
}

static int setup_s4(void **state)
{
	struct ctx *c = calloc(1, sizeof *c);
	copy_profile(c, S4_PROFILE);
	*state = c;
	return 0;
}

static int teardown(void **state)
{
	struct ctx *c = *state;
	if (!ho_rmtree(c->dir))
		return -1;
	free(c->orig);
	free(c);
	return 0;
}

static void assert_file_is(const char *path, const char *want, size_t len)
{
	size_t n;
	char *d = hf_slurp(path, &n);
	assert_int_equal(n, len);
	assert_memory_equal(d, want, len);
	free(d);
}

/* The fix of case S4: haha@shirao.example through the own server. */
static struct fix s4_fix(struct ctx *c)
{
	return (struct fix){
	    .id = "own-submission",
	    .kind = FIX_SET_OUTGOING,
	    .client = ACCT_CLIENT_THUNDERBIRD,
	    .source = c->dir,
	    .identity_key = "id1",
	    .identity_email = "haha@shirao.example",
	    .server_key = "smtp1", /* the orphan, as the reader found it */
	    .server = {.host = "mail.shirao.example",
		       .port = 587,
		       .security = ACCT_SEC_STARTTLS,
		       .auth = ACCT_AUTH_PASSWORD,
		       .user = "haha"},
	};
}

/* S4 with the orphaned entry still there: reuse it, change one value. */
static void test_fix_tb_reuses_orphan(void **state)
{
	struct ctx *c = *state;
	struct fix f = s4_fix(c);
	struct tb_fix_plan *plan;
	struct md_err err;
	assert_int_equal(fix_tb_plan(&f, &plan, &err), MD_OK);
	assert_string_equal(plan->server_key, "smtp1");
	assert_false(plan->new_server);
	assert_true(plan->reuses_orphan);
	assert_false(plan->touches_user_js);
	assert_int_equal(plan->n_changes, 1);
	assert_string_equal(plan->changes[0].name,
			    "mail.identity.id1.smtpServer");
	assert_string_equal(plan->changes[0].before, "\"smtp2\"");
	assert_string_equal(plan->changes[0].after, "\"smtp1\"");
	/* Planning writes nothing. */
	assert_file_is(c->prefs, c->orig, c->orig_len);

	struct tb_fix_result res;
	assert_int_equal(fix_tb_apply(plan, &res, &err), MD_OK);
	assert_int_equal(res.n_backups, 1);
	assert_file_is(res.backups[0], c->orig, c->orig_len);
	/* Exactly the one value changed, every other byte the same. */
	char *want = strdup(c->orig);
	char *at = strstr(want, "\"mail.identity.id1.smtpServer\", \"smtp2\"");
	assert_non_null(at);
	at[strlen("\"mail.identity.id1.smtpServer\", \"smtp")] = '1';
	assert_file_is(c->prefs, want, c->orig_len);
	free(want);

	/* Thunderbird now reads the own server for the identity. */
	struct tb_profile p = {.name = "t", .path = c->dir};
	struct acct_set *set = acct_set_new();
	assert_int_equal(tb_read_profile(&p, set, NULL, &err), MD_OK);
	const struct acct_identity *id = &set->accounts[0].identities[0];
	assert_string_equal(set->outgoing[id->outgoing].host,
			    "mail.shirao.example");
	acct_set_free(set);
	fix_tb_plan_free(plan);

	/* Undo: byte for byte, then nothing more to undo. */
	struct tb_fix_result ures;
	assert_int_equal(fix_tb_undo(c->dir, false, &ures, &err), MD_OK);
	assert_string_equal(ures.backups[0], res.backups[0]);
	assert_file_is(c->prefs, c->orig, c->orig_len);
	fix_tb_result_done(&ures);
	assert_int_equal(fix_tb_undo(c->dir, false, &ures, &err),
			 MD_ERR_NOTFOUND);
	fix_tb_result_done(&ures);
	fix_tb_result_done(&res);
}

/* Rewrite prefs.js without every smtp1 line, and with "smtp2" listed
 * alone in place of "smtp1,smtp2". */
static void drop_smtp1(const char *prefs)
{
	size_t len, k = 0;
	char *d = hf_slurp(prefs, &len);
	char *out = malloc(len + 1);
	assert_non_null(out);
	for (char *line = d; *line;) {
		char *nl = strchr(line, '\n');
		size_t n = nl ? (size_t)(nl - line) + 1 : strlen(line);
		char *list = strstr(line, "\"smtp1,smtp2\"");
		char *smtp1 = strstr(line, "smtpserver.smtp1.");
		if (smtp1 && smtp1 < line + n) {
			/* dropped */
		} else if (list && list < line + n) {
			size_t pre = (size_t)(list - line);
			memcpy(out + k, line, pre);
			k += pre;
			memcpy(out + k, "\"smtp2\"", 7);
			k += 7;
			memcpy(out + k, list + 13, n - pre - 13);
			k += n - pre - 13;
		} else {
			memcpy(out + k, line, n);
			k += n;
		}
		line += n;
	}
	FILE *f = os_fopen(prefs, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(out, 1, k, f), k);
	assert_int_equal(fclose(f), 0);
	free(out);
	free(d);
}

/* Without the orphan: a new smtpN entry, listed, in sorted place. The
 * file's mode 0640 is kept (Linux). */
static void test_fix_tb_adds_server(void **state)
{
	struct ctx *c = *state;
	drop_smtp1(c->prefs);
	assert_int_equal(ho_chmod(c->prefs, 0640), 0);
	struct fix f = s4_fix(c);
	f.server_key = NULL; /* the reader found no such server */
	struct tb_fix_plan *plan;
	struct md_err err;
	assert_int_equal(fix_tb_plan(&f, &plan, &err), MD_OK);
	assert_string_equal(plan->server_key, "smtp1");
	assert_true(plan->new_server);
	assert_int_equal(plan->n_changes, 7);
	assert_string_equal(plan->changes[0].name, "mail.smtpservers");
	assert_string_equal(plan->changes[0].after, "\"smtp2,smtp1\"");
	struct tb_fix_result res;
	assert_int_equal(fix_tb_apply(plan, &res, &err), MD_OK);
	fix_tb_plan_free(plan);

	size_t len;
	char *now = hf_slurp(c->prefs, &len);
	/* New lines in Thunderbird's sorted order, before smtp2's. */
	char *h1 = strstr(now, "user_pref(\"mail.smtpserver.smtp1.hostname\", "
			       "\"mail.shirao.example\");\n");
	char *h2 =
	    strstr(now, "user_pref(\"mail.smtpserver.smtp2.authMethod\"");
	assert_non_null(h1);
	assert_non_null(h2);
	assert_true(h1 < h2);
	assert_non_null(
	    strstr(now, "user_pref(\"mail.smtpserver.smtp1.try_ssl\", 2);\n"));
	assert_non_null(strstr(
	    now, "user_pref(\"mail.smtpserver.smtp1.username\", \"haha\");\n"));
	assert_null(strstr(now, "password"));
	free(now);
	assert_int_equal(ho_file_mode(c->prefs) & 0777, 0640);

	struct tb_profile p = {.name = "t", .path = c->dir};
	struct acct_set *set = acct_set_new();
	assert_int_equal(tb_read_profile(&p, set, NULL, &err), MD_OK);
	const struct acct_identity *id = &set->accounts[0].identities[0];
	const struct acct_server *s = &set->outgoing[id->outgoing];
	assert_string_equal(s->host, "mail.shirao.example");
	assert_int_equal(s->port, 587);
	assert_int_equal(s->security, ACCT_SEC_STARTTLS);
	assert_string_equal(s->user, "haha");
	acct_set_free(set);
	fix_tb_result_done(&res);
}

/* A value user.js sets is changed there too, or it would come back. */
static void test_fix_tb_user_js(void **state)
{
	(void)state;
	struct ctx c = {0};
	copy_profile(&c, "tests/fixtures/tb/multi/.thunderbird/b2.home");
	char userjs[600];
	snprintf(userjs, sizeof userjs, "%s/user.js", c.dir);
	size_t ulen;
	char *uorig = hf_slurp(userjs, &ulen);
	struct fix f = {
	    .kind = FIX_SET_OUTGOING,
	    .source = c.dir,
	    .identity_key = "id1",
	    .server_key = "smtp1",
	    .server = {.host = "SMTP.override.example",
		       .port = 587,
		       .security = ACCT_SEC_STARTTLS,
		       .auth = ACCT_AUTH_PASSWORD,
		       .user = NULL},
	};
	struct tb_fix_plan *plan;
	struct md_err err;
	assert_int_equal(fix_tb_plan(&f, &plan, &err), MD_OK);
	assert_string_equal(plan->server_key, "smtp1");
	assert_true(plan->touches_user_js);
	bool port_in_user_js = false;
	for (size_t i = 0; i < plan->n_changes; i++)
		if (strstr(plan->changes[i].file, "user.js") &&
		    strcmp(plan->changes[i].name,
			   "mail.smtpserver.smtp1.port") == 0) {
			assert_string_equal(plan->changes[i].before, "2525");
			assert_string_equal(plan->changes[i].after, "587");
			port_in_user_js = true;
		}
	assert_true(port_in_user_js);
	struct tb_fix_result res;
	assert_int_equal(fix_tb_apply(plan, &res, &err), MD_OK);
	assert_int_equal(res.n_backups, 2);
	fix_tb_plan_free(plan);
	struct tb_profile p = {.name = "t", .path = c.dir};
	struct acct_set *set = acct_set_new();
	assert_int_equal(tb_read_profile(&p, set, NULL, &err), MD_OK);
	const struct acct_identity *id = &set->accounts[0].identities[0];
	assert_int_equal(set->outgoing[id->outgoing].port, 587);
	assert_int_equal(set->outgoing[id->outgoing].security,
			 ACCT_SEC_STARTTLS);
	acct_set_free(set);
	struct tb_fix_result ures;
	assert_int_equal(fix_tb_undo(c.dir, false, &ures, &err), MD_OK);
	assert_int_equal(ures.n_backups, 2);
	assert_file_is(c.prefs, c.orig, c.orig_len);
	assert_file_is(userjs, uorig, ulen);
	fix_tb_result_done(&ures);
	fix_tb_result_done(&res);
	free(uorig);
	assert_true(ho_rmtree(c.dir));
	free(c.orig);
}

/* CRLF files get CRLF lines. */
static void test_fix_tb_keeps_crlf(void **state)
{
	(void)state;
	struct ctx c = {0};
	copy_profile(&c, "tests/fixtures/tb/wsl/Users/Haha/AppData/Roaming/"
			 "Thunderbird/Profiles/x1y2z3w4.default");
	struct fix f = {
	    .kind = FIX_SET_OUTGOING,
	    .source = c.dir,
	    .identity_key = "id1",
	    .server = {.host = "v6mail.plala.or.jp",
		       .port = 587,
		       .security = ACCT_SEC_STARTTLS,
		       .auth = ACCT_AUTH_PASSWORD,
		       .user = "hanako@plala.example"},
	};
	struct tb_fix_plan *plan;
	struct md_err err;
	assert_int_equal(fix_tb_plan(&f, &plan, &err), MD_OK);
	assert_string_equal(plan->server_key, "smtp2");
	struct tb_fix_result res;
	assert_int_equal(fix_tb_apply(plan, &res, &err), MD_OK);
	fix_tb_plan_free(plan);
	size_t len;
	char *now = hf_slurp(c.prefs, &len);
	assert_non_null(strstr(now,
			       "user_pref(\"mail.smtpserver.smtp2.hostname\", "
			       "\"v6mail.plala.or.jp\");\r\n"));
	assert_non_null(strstr(
	    now, "user_pref(\"mail.smtpservers\", \"smtp1,smtp2\");\r\n"));
	for (char *p = now; (p = strchr(p, '\n')) != NULL; p++)
		assert_true(p > now && p[-1] == '\r');
	free(now);
	fix_tb_result_done(&res);
	assert_true(ho_rmtree(c.dir));
	free(c.orig);
}

/* Refusals: Thunderbird running (fcntl lock held by another process, or a
 * live pid in `lock`), another maildoctor, a file changed since the plan. */
static void test_fix_tb_refusals(void **state)
{
	struct ctx *c = *state;
	struct fix f = s4_fix(c);
	struct tb_fix_plan *plan;
	struct md_err err;
	struct tb_fix_result res;
	assert_int_equal(fix_tb_plan(&f, &plan, &err), MD_OK);

	char path[600];
	snprintf(path, sizeof path, "%s/.parentlock", c->dir);
	struct ho_task *child = ho_hold_lock(path);
	assert_non_null(child);
	pid_t holder;
	assert_true(tb_profile_in_use(c->dir, &holder));
	assert_int_equal(holder, ho_task_pid(child));
	assert_int_equal(fix_tb_apply(plan, &res, &err), MD_ERR_BUSY);
	assert_non_null(strstr(err.text, "Thunderbird is running"));
	ho_task_stop(child);
	/* The lock file alone (never deleted by Thunderbird) is not "running".
	 */
	assert_false(tb_profile_in_use(c->dir, NULL));

	/* The `lock` link naming a running Thunderbird (a copy of sleep by
	 * that name; test_tb_lock has the stale cases). */
	char exe[700];
	snprintf(exe, sizeof exe, "%s.thunderbird.d", c->dir);
	struct ho_task *tb = ho_run_named(exe, "thunderbird");
	assert_non_null(tb);
	snprintf(path, sizeof path, "%s/lock", c->dir);
	char target[64];
	snprintf(target, sizeof target, "127.0.1.1:+%ld", ho_task_pid(tb));
	assert_int_equal(ho_symlink(target, path), 0);
	for (int i = 0; i < 200 && !tb_profile_in_use(c->dir, NULL); i++)
		ho_sleep_ms(10); /* until the child runs the copy */
	assert_int_equal(fix_tb_apply(plan, &res, &err), MD_ERR_BUSY);
	ho_task_stop(tb);
	ho_unlink(path);
	assert_true(ho_rmtree(exe));

	int other = tb_lock(c->dir, &err);
	assert_true(other >= 0);
	assert_int_equal(fix_tb_apply(plan, &res, &err), MD_ERR_BUSY);
	assert_non_null(strstr(err.text, "another maildoctor"));
	tb_unlock(other);

	FILE *fp = os_fopen(c->prefs, "a");
	fputs("user_pref(\"added.by.thunderbird\", 1);\n", fp);
	fclose(fp);
	assert_int_equal(fix_tb_apply(plan, &res, &err), MD_ERR_BUSY);
	assert_non_null(strstr(err.text, "changed since"));
	fix_tb_plan_free(plan);
	/* Nothing was written by the refused attempts. */
	snprintf(path, sizeof path, "%s/" FIX_JOURNAL, c->dir);
	assert_false(ho_exists(path));
}

/* Undo refuses to lose changes made after the fix, unless forced, and
 * refuses a damaged backup. */
static void test_fix_tb_undo_guards(void **state)
{
	struct ctx *c = *state;
	struct fix f = s4_fix(c);
	struct tb_fix_plan *plan;
	struct md_err err;
	struct tb_fix_result res, ures;
	assert_int_equal(fix_tb_plan(&f, &plan, &err), MD_OK);
	assert_int_equal(fix_tb_apply(plan, &res, &err), MD_OK);
	fix_tb_plan_free(plan);

	FILE *fp = os_fopen(c->prefs, "a");
	fputs("user_pref(\"later\", 1);\n", fp);
	fclose(fp);
	assert_int_equal(fix_tb_undo(c->dir, false, &ures, &err), MD_ERR_BUSY);
	assert_non_null(strstr(err.text, "--force"));

	fp = os_fopen(res.backups[0], "a");
	fputs("damage", fp);
	fclose(fp);
	assert_int_equal(fix_tb_undo(c->dir, true, &ures, &err), MD_ERR_IO);
	assert_non_null(strstr(err.text, "not intact"));
	/* the damage cut off again: the backup as it was */
	fp = os_fopen(res.backups[0], "wb");
	assert_non_null(fp);
	assert_int_equal(fwrite(c->orig, 1, c->orig_len, fp), c->orig_len);
	assert_int_equal(fclose(fp), 0);

	assert_int_equal(fix_tb_undo(c->dir, true, &ures, &err), MD_OK);
	assert_file_is(c->prefs, c->orig, c->orig_len);
	fix_tb_result_done(&ures);
	fix_tb_result_done(&res);
}

static void test_fix_tb_unknown_identity(void **state)
{
	struct ctx *c = *state;
	struct fix f = s4_fix(c);
	f.identity_key = "id7";
	struct tb_fix_plan *plan;
	struct md_err err;
	assert_int_equal(fix_tb_plan(&f, &plan, &err), MD_ERR_NOTFOUND);
	assert_null(plan);
	f = s4_fix(c);
	f.server.port = 0;
	assert_int_equal(fix_tb_plan(&f, &plan, &err), MD_ERR_INTERNAL);
	/* A server key that mail.smtpservers does not list (any more). */
	f = s4_fix(c);
	f.server_key = "smtp7";
	assert_int_equal(fix_tb_plan(&f, &plan, &err), MD_ERR_NOTFOUND);
	assert_null(plan);
}

/* The fix names its server by the key the reader found; host names are
 * never matched again: no key means a new server even when a listed one
 * has the same host, and a key is used as it is. */
static void test_fix_tb_key_not_host(void **state)
{
	struct ctx *c = *state;
	struct fix f = s4_fix(c);
	f.server_key = NULL;
	struct tb_fix_plan *plan;
	struct md_err err;
	assert_int_equal(fix_tb_plan(&f, &plan, &err), MD_OK);
	assert_true(plan->new_server);
	assert_string_equal(plan->server_key, "smtp3");
	assert_string_equal(plan->changes[0].name, "mail.smtpservers");
	assert_string_equal(plan->changes[0].after, "\"smtp1,smtp2,smtp3\"");
	fix_tb_plan_free(plan);

	f.server_key = "smtp2"; /* the ISP's server, now used by id1 */
	assert_int_equal(fix_tb_plan(&f, &plan, &err), MD_OK);
	assert_false(plan->new_server);
	assert_string_equal(plan->server_key, "smtp2");
	bool host_changed = false;
	for (size_t i = 0; i < plan->n_changes; i++)
		host_changed |= strcmp(plan->changes[i].name,
				       "mail.smtpserver.smtp2.hostname") == 0 &&
				strcmp(plan->changes[i].after,
				       "\"mail.shirao.example\"") == 0;
	assert_true(host_changed);
	fix_tb_plan_free(plan);
}

static int setup_s1(void **state)
{
	struct ctx *c = calloc(1, sizeof *c);
	copy_profile(c, "tests/fixtures/tb/s1");
	*state = c;
	return 0;
}

/* An incoming server reached another way (case S1): the host goes to
 * realhostname as Thunderbird's Server Settings write it (hostname, which
 * names the account's folders, stays), port and socketType change; the
 * reader sees the new host; undo is byte for byte. */
static void test_fix_tb_incoming(void **state)
{
	struct ctx *c = *state;
	struct fix f = {
	    .kind = FIX_SET_INCOMING,
	    .source = c->dir,
	    .identity_key = "id1",
	    .server_key = "server1",
	    .server = {.host = "v6mail.plala.or.jp",
		       .port = 993,
		       .security = ACCT_SEC_TLS,
		       .auth = ACCT_AUTH_PASSWORD},
	};
	struct tb_fix_plan *plan;
	struct md_err err;
	assert_int_equal(fix_tb_plan(&f, &plan, &err), MD_OK);
	assert_int_equal(plan->n_changes,
			 1); /* port and socketType as they were */
	assert_string_equal(plan->changes[0].name,
			    "mail.server.server1.realhostname");
	assert_null(plan->changes[0].before);
	assert_string_equal(plan->changes[0].after, "\"v6mail.plala.or.jp\"");
	struct tb_fix_result res;
	assert_int_equal(fix_tb_apply(plan, &res, &err), MD_OK);
	fix_tb_plan_free(plan);
	struct tb_profile p = {.name = "t", .path = c->dir};
	struct acct_set *set = acct_set_new();
	assert_int_equal(tb_read_profile(&p, set, NULL, &err), MD_OK);
	assert_string_equal(set->incoming[set->accounts[0].incoming].host,
			    "v6mail.plala.or.jp");
	acct_set_free(set);

	/* Another port of the same host: no realhostname. */
	f.server.host = "V6MAIL.plala.or.jp";
	f.server.port = 143;
	f.server.security = ACCT_SEC_STARTTLS;
	assert_int_equal(fix_tb_plan(&f, &plan, &err), MD_OK);
	assert_int_equal(plan->n_changes, 2);
	assert_string_equal(plan->changes[0].name, "mail.server.server1.port");
	assert_string_equal(plan->changes[1].name,
			    "mail.server.server1.socketType");
	assert_string_equal(plan->changes[1].after, "2");
	fix_tb_plan_free(plan);

	struct tb_fix_result ures;
	assert_int_equal(fix_tb_undo(c->dir, false, &ures, &err), MD_OK);
	assert_file_is(c->prefs, c->orig, c->orig_len);
	fix_tb_result_done(&ures);
	fix_tb_result_done(&res);

	f.server_key = "server9";
	assert_int_equal(fix_tb_plan(&f, &plan, &err), MD_ERR_NOTFOUND);
	assert_null(plan);
}

/* The write facade dispatches by client: Thunderbird is written, Outlook
 * handed over, nothing else; its preview is fix_tb_plan()'s, and the
 * profile is listed as changed only once a fix was applied. */
static void test_fix_tb_facade(void **state)
{
	struct ctx *c = *state;
	struct fix f = s4_fix(c);
	struct fix other = f;
	struct fix_plan *plan;
	struct tb_fix_plan *direct;
	struct md_err err;
	assert_int_equal(fix_way(&f), FIX_WAY_WRITE);
	other.client = ACCT_CLIENT_OUTLOOK;
	assert_int_equal(fix_way(&other), FIX_WAY_HAND_OVER);
	other.client = ACCT_CLIENT_TYPED;
	assert_int_equal(fix_way(&other), FIX_WAY_NONE);
	assert_int_equal(fix_preview(&other, &plan, &err), MD_ERR_USAGE);
	assert_null(plan);

	assert_int_equal(fix_preview(&f, &plan, &err), MD_OK);
	assert_int_equal(fix_tb_plan(&f, &direct, &err), MD_OK);
	assert_int_equal(plan->n_changes, direct->n_changes);
	for (size_t i = 0; i < plan->n_changes; i++) {
		assert_string_equal(plan->changes[i].name,
				    direct->changes[i].name);
		if (direct->changes[i].before)
			assert_string_equal(plan->changes[i].before,
					    direct->changes[i].before);
	}
	fix_tb_plan_free(direct);

	const char *dirs[] = {c->dir};
	struct clients_opts o = {.profiles = dirs, .n_profiles = 1};
	struct fix_changed_list changed;
	assert_int_equal(fix_changed_profiles(&o, &changed, &err), MD_OK);
	assert_int_equal(changed.n, 0);
	fix_changed_list_done(&changed);

	struct fix_result res;
	assert_int_equal(fix_apply(plan, &res, &err), MD_OK);
	fix_plan_free(plan);
	assert_int_equal(fix_changed_profiles(&o, &changed, &err), MD_OK);
	assert_int_equal(changed.n, 1);
	fix_changed_list_done(&changed);

	struct fix_result ures;
	assert_int_equal(fix_undo(c->dir, false, false, &ures, &err), MD_OK);
	assert_file_is(c->prefs, c->orig, c->orig_len);
	fix_result_done(&ures);
	fix_result_done(&res);
}

int main(void)
{
	struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_fix_tb_reuses_orphan, setup_s4,
					    teardown),
	    cmocka_unit_test_setup_teardown(test_fix_tb_adds_server, setup_s4,
					    teardown),
	    cmocka_unit_test(test_fix_tb_user_js),
	    cmocka_unit_test(test_fix_tb_keeps_crlf),
	    cmocka_unit_test_setup_teardown(test_fix_tb_refusals, setup_s4,
					    teardown),
	    cmocka_unit_test_setup_teardown(test_fix_tb_undo_guards, setup_s4,
					    teardown),
	    cmocka_unit_test_setup_teardown(test_fix_tb_unknown_identity,
					    setup_s4, teardown),
	    cmocka_unit_test_setup_teardown(test_fix_tb_key_not_host, setup_s4,
					    teardown),
	    cmocka_unit_test_setup_teardown(test_fix_tb_incoming, setup_s1,
					    teardown),
	    cmocka_unit_test_setup_teardown(test_fix_tb_facade, setup_s4,
					    teardown),
	};
	/* Linux facts: adds_server keeps the file's mode 0640 (Windows has
	 * ACLs, not modes); refusals holds an fcntl lock on .parentlock and
	 * runs a process named "thunderbird" behind a `lock` symlink
	 * (Windows: parent.lock opened without sharing). */
	static const char *const posix_only[] = {"test_fix_tb_adds_server",
						 "test_fix_tb_refusals", NULL};
	return HO_RUN_TESTS(tests, posix_only, NULL, NULL);
}
