/* test_tb_lock.c — when is Thunderbird using a profile: the fcntl lock on
 * .parentlock held by another process, the `lock` symlink only while its
 * pid runs Thunderbird's executable (here a copy of sleep(1) named
 * "thunderbird"), never a stale link to a dead or unrelated pid. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "clientcfg/tb/tb_lock.h"
#include "tests/unit/helper_os.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static char dir[64];

static int setup(void **state)
{
	(void)state;
	snprintf(dir, sizeof dir, "/tmp/md-lock-XXXXXX");
	return mkdtemp(dir) ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	char cmd[128];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	return system(cmd) == 0 ? 0 : -1;
}

static void link_lock(long pid)
{
	char path[128], target[64];
	snprintf(path, sizeof path, "%s/lock", dir);
	unlink(path);
	snprintf(target, sizeof target, "127.0.0.1:+%ld", pid);
	assert_int_equal(symlink(target, path), 0);
}

/* A process running `sleep 60` from an executable named name (in dir);
 * the test fails when it cannot be started. */
static struct ho_task *run_named(const char *name)
{
	struct ho_task *t = ho_run_named(dir, name);
	assert_non_null(t);
	return t;
}

static void test_tb_lock_nothing(void **state)
{
	(void)state;
	pid_t pid = 7;
	assert_false(tb_profile_in_use(dir, &pid));
	assert_int_equal(pid, 0);
}

static void test_tb_lock_stale_links(void **state)
{
	(void)state;
	/* a dead pid */
	pid_t child = fork();
	assert_true(child >= 0);
	if (child == 0)
		_exit(0);
	waitpid(child, NULL, 0);
	link_lock(child);
	assert_false(tb_profile_in_use(dir, NULL));
	/* a live pid that is not Thunderbird (this test; a `sleep`) */
	link_lock(getpid());
	assert_false(tb_profile_in_use(dir, NULL));
	struct ho_task *other = run_named("sleep");
	link_lock(ho_task_pid(other));
	assert_false(tb_profile_in_use(dir, NULL));
	ho_task_stop(other);
	/* malformed targets */
	char path[128];
	snprintf(path, sizeof path, "%s/lock", dir);
	unlink(path);
	assert_int_equal(symlink("127.0.0.1:+99999999999999", path), 0);
	assert_false(tb_profile_in_use(dir, NULL));
}

static void test_tb_lock_thunderbird_link(void **state)
{
	(void)state;
	struct ho_task *tb = run_named("thunderbird");
	link_lock(ho_task_pid(tb));
	pid_t pid = 0;
	assert_true(tb_profile_in_use(dir, &pid));
	assert_int_equal(pid, ho_task_pid(tb));
	pid_t running = 0;
	assert_true(tb_process_running(&running));
	assert_true(running > 0);
	ho_task_stop(tb);
	/* the link stays after a crash: it no longer counts */
	assert_false(tb_profile_in_use(dir, NULL));
	assert_false(tb_process_running(NULL));
}

/* .parentlock: only a held fcntl lock counts, not the file. */
static void test_tb_lock_parentlock(void **state)
{
	(void)state;
	char path[128];
	snprintf(path, sizeof path, "%s/.parentlock", dir);
	int fd = open(path, O_CREAT | O_RDWR, 0600);
	assert_true(fd >= 0);
	close(fd);
	assert_false(tb_profile_in_use(dir, NULL));
	struct ho_task *holder = ho_hold_lock(path);
	assert_non_null(holder);
	pid_t pid = 0;
	assert_true(tb_profile_in_use(dir, &pid));
	assert_int_equal(pid, ho_task_pid(holder));
	ho_task_stop(holder);
	assert_false(tb_profile_in_use(dir, NULL));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_tb_lock_nothing, setup,
					    teardown),
	    cmocka_unit_test_setup_teardown(test_tb_lock_stale_links, setup,
					    teardown),
	    cmocka_unit_test_setup_teardown(test_tb_lock_thunderbird_link,
					    setup, teardown),
	    cmocka_unit_test_setup_teardown(test_tb_lock_parentlock, setup,
					    teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
