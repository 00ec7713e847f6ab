/* test_os_process.c — os_process_running() and os_pid_runs() (core/base/
 * os.h) against real processes started and stopped by their pid: on Linux
 * a copy of sleep(1), on Windows (under wine) a copy of md_hold.exe, each
 * named as the program looked for; a Japanese name (UTF-16 on Windows);
 * case-insensitive on Windows only; nothing once the process is gone. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "core/base/os.h"
#include "tests/unit/helper_os.h"

#include <stdio.h>

static char dir[4096];

static int setup(void **state)
{
	(void)state;
	return ho_mkdtemp(dir, sizeof dir, "md-proc") ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	return ho_rmtree(dir) ? 0 : -1;
}

/* Wait (at most 4 s) until a process running one of names is seen. */
static bool seen(const char *const *names, long *pid)
{
	for (int i = 0; i < 400; i++) {
		if (os_process_running(names, pid))
			return true;
		ho_sleep_ms(10);
	}
	return false;
}

static void test_os_process_none(void **state)
{
	(void)state;
	static const char *const names[] = {"md-no-such-program", NULL};
	long pid = 7;
	assert_false(os_process_running(names, &pid));
	assert_int_equal(pid, 0);
	assert_false(os_pid_runs(os_getpid(), names));
	assert_false(os_pid_runs(0, names));
	assert_false(os_pid_runs(-1, names));
}

/* Started, found by its name with its pid, then stopped and gone. */
static void check_named(const char *name, const char *asked)
{
	const char *const names[] = {"md-other", asked, NULL};
	const char *const others[] = {"md-other", NULL};
	struct ho_task *t = ho_run_named(dir, name);
	assert_non_null(t);
	long want = ho_task_pid(t), pid = 0;
	assert_true(want > 0);
	bool found = seen(names, &pid);
	bool by_pid = os_pid_runs(want, names);
	bool other = os_pid_runs(want, others) || os_process_running(others, 0);
	ho_task_stop(t);
	assert_true(found);
	assert_int_equal(pid, want);
	assert_true(by_pid);
	assert_false(other);
	assert_false(os_process_running(names, &pid));
	assert_int_equal(pid, 0);
	assert_false(os_pid_runs(want, names));
}

static void test_os_process_named(void **state)
{
	(void)state;
	check_named("md-proc-test", "md-proc-test");
}

/* Japanese: UTF-16 in Toolhelp's szExeFile, UTF-8 in /proc (9 bytes, under
 * Linux's 15-byte command name). */
static void test_os_process_japanese(void **state)
{
	(void)state;
	check_named("メール", "メール");
}

/* Windows compares program names without case ("Thunderbird.exe" is
 * thunderbird); Linux does not. */
static void test_os_process_case(void **state)
{
	(void)state;
	if (!ho_posix()) {
		check_named("MD-Proc-Case", "md-proc-case");
		return;
	}
	static const char *const names[] = {"md-proc-case", NULL};
	struct ho_task *t = ho_run_named(dir, "MD-Proc-Case");
	assert_non_null(t);
	static const char *const exact[] = {"MD-Proc-Case", NULL};
	bool running = seen(exact, NULL);
	bool other_case = os_process_running(names, NULL) ||
			  os_pid_runs(ho_task_pid(t), names);
	ho_task_stop(t);
	assert_true(running);
	assert_false(other_case);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_os_process_none, setup,
					    teardown),
	    cmocka_unit_test_setup_teardown(test_os_process_named, setup,
					    teardown),
	    cmocka_unit_test_setup_teardown(test_os_process_japanese, setup,
					    teardown),
	    cmocka_unit_test_setup_teardown(test_os_process_case, setup,
					    teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
