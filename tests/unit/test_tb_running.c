/* test_tb_running.c — a running Thunderbird is never overwritten, by the
 * signs of the system the test runs on (built for Linux and for Windows;
 * test_tb_lock holds Linux's stale-link cases): another process holding
 * the profile's lock file as Thunderbird does (Linux: an fcntl lock on
 * .parentlock; Windows: parent.lock open with share mode 0, by
 * md_hold.exe), or a program named thunderbird running (a copy of sleep(1);
 * of md_hold.exe as thunderbird.exe). Each refuses the fix and the undo
 * with MD_ERR_BUSY and leaves prefs.js byte for byte; the lock file left
 * behind once its holder ends means nothing, and the fix then goes in. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "clientcfg/tb/fix_tb.h"
#include "clientcfg/tb/tb_lock.h"
#include "core/base/os.h"
#include "core/base/safe_write.h"
#include "tests/unit/helper_os.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define S4_PROFILE                                                             \
	"tests/fixtures/tb/s4/.thunderbird/Profiles/k7xq2m1a.default-release"

struct ctx {
	char dir[512];
	char prefs[600];
	char *orig;
	size_t orig_len;
};

static int setup(void **state)
{
	struct ctx *c = calloc(1, sizeof *c);
	assert_true(ho_mkdtemp(c->dir, sizeof c->dir, "md-tbrun"));
	assert_true(ho_copy_tree(S4_PROFILE, c->dir));
	snprintf(c->prefs, sizeof c->prefs, "%s/prefs.js", c->dir);
	struct md_err err;
	assert_int_equal(
	    safe_read(c->prefs, &c->orig, &c->orig_len, NULL, &err), MD_OK);
	*state = c;
	return 0;
}

static int teardown(void **state)
{
	struct ctx *c = *state;
	bool gone = ho_rmtree(c->dir);
	free(c->orig);
	free(c);
	return gone ? 0 : -1;
}

static void assert_unchanged(const struct ctx *c)
{
	char *now = NULL;
	size_t n = 0;
	struct md_err err;
	assert_int_equal(safe_read(c->prefs, &now, &n, NULL, &err), MD_OK);
	assert_int_equal(n, c->orig_len);
	assert_memory_equal(now, c->orig, n);
	free(now);
	char journal[700];
	snprintf(journal, sizeof journal, "%s/" FIX_JOURNAL, c->dir);
	assert_false(ho_exists(journal));
}

/* Whether pid runs a program named thunderbird (another test's). */
static bool tb_pid_is_thunderbird(long pid)
{
	static const char *const names[] = {"thunderbird", "thunderbird-bin",
					    NULL};
	return os_pid_runs(pid, names);
}

/* The fix of case S4 (as test_fix_tb's s4_fix). */
static struct tb_fix_plan *s4_plan(struct ctx *c)
{
	struct fix f = {
	    .id = "own-submission",
	    .kind = FIX_SET_OUTGOING,
	    .client = ACCT_CLIENT_THUNDERBIRD,
	    .source = c->dir,
	    .identity_key = "id1",
	    .identity_email = "haha@shirao.example",
	    .server_key = "smtp1",
	    .server = {.host = "mail.shirao.example",
		       .port = 587,
		       .security = ACCT_SEC_STARTTLS,
		       .auth = ACCT_AUTH_PASSWORD,
		       .user = "haha"},
	};
	struct tb_fix_plan *plan = NULL;
	struct md_err err;
	assert_int_equal(fix_tb_plan(&f, &plan, &err), MD_OK);
	return plan;
}

/* A refused apply and undo: MD_ERR_BUSY, the sentence, nothing written. */
static void assert_refused(struct ctx *c, struct tb_fix_plan *plan)
{
	struct tb_fix_result res;
	struct md_err err;
	assert_int_equal(fix_tb_apply(plan, &res, &err), MD_ERR_BUSY);
	assert_non_null(strstr(err.text, "Thunderbird is running"));
	/* what the person says does not lift a sign that it runs */
	assert_int_equal(fix_tb_apply_said(plan, true, &res, &err),
			 MD_ERR_BUSY);
	assert_int_equal(fix_tb_undo(c->dir, true, &res, &err), MD_ERR_BUSY);
	assert_unchanged(c);
}

static void test_tb_running_lock_file(void **state)
{
	struct ctx *c = *state;
	struct tb_fix_plan *plan = s4_plan(c);
	char path[700];
	snprintf(path, sizeof path, "%s/%s", c->dir,
		 ho_posix() ? ".parentlock" : "parent.lock");
	struct ho_task *holder = ho_hold_lock(path);
	assert_non_null(holder);
	long pid = 0;
	struct md_err why;
	bool held = tb_profile_in_use(c->dir, NULL);
	enum tb_use use = tb_profile_use(c->dir, &pid, &why);
	if (held && use == TB_USE_RUNNING)
		assert_refused(c, plan);
	ho_task_stop(holder);
	assert_true(held);
	assert_int_equal(use, TB_USE_RUNNING);
	/* the file stays behind; it alone is no sign */
	assert_true(ho_exists(path));
	assert_false(tb_profile_in_use(c->dir, NULL));
	/* the fix goes in (once another test's "thunderbird", seen by the
	 * process list, has ended) */
	struct tb_fix_result res;
	struct md_err err;
	enum md_status st;
	for (int i = 0; (st = fix_tb_apply(plan, &res, &err)) == MD_ERR_BUSY &&
			tb_process_running(NULL) && i < 300;
	     i++)
		ho_sleep_ms(100);
	assert_int_equal(st, MD_OK);
	fix_tb_result_done(&res);
	fix_tb_plan_free(plan);
}

static void test_tb_running_process(void **state)
{
	struct ctx *c = *state;
	struct tb_fix_plan *plan = s4_plan(c);
	char exe[700];
	snprintf(exe, sizeof exe, "%s.tb", c->dir);
	struct ho_task *tb = ho_run_named(exe, "thunderbird");
	assert_non_null(tb);
	long want = ho_task_pid(tb), pid = 0;
	struct md_err why;
	enum tb_use use = TB_USE_NONE;
	for (int i = 0; i < 400 && use != TB_USE_RUNNING; i++) {
		use = tb_profile_use(c->dir, &pid, &why);
		if (use != TB_USE_RUNNING)
			ho_sleep_ms(10); /* until the copy runs */
	}
	if (use == TB_USE_RUNNING)
		assert_refused(c, plan);
	ho_task_stop(tb);
	assert_true(ho_rmtree(exe));
	assert_int_equal(use, TB_USE_RUNNING);
	/* Other tests of this user (on a shared machine: other checkouts)
	 * run their own "thunderbird" now and then: the one found is ours,
	 * or another live Thunderbird; once ours is stopped, it is not. */
	assert_true(pid == want || tb_pid_is_thunderbird(pid));
	enum tb_use after = tb_profile_use(c->dir, &pid, &why);
	assert_true(after == TB_USE_NONE ||
		    (after == TB_USE_RUNNING && pid != want));
	fix_tb_plan_free(plan);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_tb_running_lock_file, setup,
					    teardown),
	    cmocka_unit_test_setup_teardown(test_tb_running_process, setup,
					    teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
