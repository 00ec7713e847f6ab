/* test_tb_lock_wsl.c — Windows's Thunderbird asked from WSL
 * (clientcfg/tb/tb_lock_wsl.h): which paths are on a Windows drive;
 * tasklist's CSV answers (tests/fixtures/tasklist: a row, two rows, the
 * INFO line in English and, translated, in CP932) fed through a runner
 * standing in for tasklist.exe, which also checks the command line; and
 * "cannot tell" when tasklist.exe cannot be run, fails or answers in
 * another form. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "clientcfg/tb/tb_lock_wsl.h"
#include "tests/unit/helper_os.h"
#include "tests/unit/helper_file.h"

#include <glib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define FIX "tests/fixtures/tasklist/"

/* The stand-in: what it answers, and whether it can run. */
struct fake {
	const char *file; /* its output, from this fixture */
	const char *text; /* or this text */
	int status;
	bool cannot_run;
	int calls;
};

static bool fake_run(void *ctx, const char *const *argv, char **out,
		     int *status, struct md_err *err)
{
	struct fake *fk = ctx;
	fk->calls++;
	/* the command the brief of tb_lock_wsl.h names, word by word */
	assert_string_equal(argv[0], "tasklist.exe");
	assert_string_equal(argv[1], "/FI");
	assert_string_equal(argv[2], "IMAGENAME eq thunderbird.exe");
	assert_string_equal(argv[3], "/FO");
	assert_string_equal(argv[4], "CSV");
	assert_string_equal(argv[5], "/NH");
	assert_null(argv[6]);
	if (fk->cannot_run) {
		md_err_set(err, MD_ERR_IO, NULL, 0, "exec format error");
		return false;
	}
	char *s = fk->file ? hf_slurp(fk->file, NULL) : strdup(fk->text);
	*out = g_strdup(s);
	free(s);
	*status = fk->status;
	return true;
}

static enum tb_use ask(struct fake *fk, long *pid, struct md_err *why)
{
	struct tb_runner r = {fake_run, fk};
	md_err_clear(why);
	return tb_wsl_windows_use(&r, pid, why);
}

static void test_tb_lock_wsl_paths(void **state)
{
	(void)state;
	assert_int_equal(ho_unsetenv("MAILDOCTOR_WSL_MNT"), 0);
	assert_true(tb_wsl_windows_path("/mnt/c/Users/Haha/AppData/Roaming/"
					"Thunderbird/Profiles/x.default"));
	assert_true(tb_wsl_windows_path("/mnt/D/tb"));
	assert_true(tb_wsl_windows_path("/mnt/c"));
	assert_false(tb_wsl_windows_path("/home/haha/.thunderbird/x"));
	assert_false(tb_wsl_windows_path("/mnt/cd/x"));
	assert_false(tb_wsl_windows_path("/mnt/wsl/x"));
	assert_false(tb_wsl_windows_path("/mntc/x"));
	assert_false(tb_wsl_windows_path("mnt/c/x"));
	assert_false(tb_wsl_windows_path("C:\\Users\\Haha"));
	/* WSL's automount root moved (/etc/wsl.conf) */
	assert_int_equal(ho_setenv("MAILDOCTOR_WSL_MNT", "/windir/"), 0);
	assert_true(tb_wsl_windows_path("/windir/c/Users"));
	assert_false(tb_wsl_windows_path("/mnt/c/Users"));
	assert_int_equal(ho_unsetenv("MAILDOCTOR_WSL_MNT"), 0);
}

static void test_tb_lock_wsl_parse(void **state)
{
	(void)state;
	long pid = 7;
	char *s = hf_slurp(FIX "running-en.csv", NULL);
	assert_int_equal(tb_tasklist_parse(s, &pid), 1);
	assert_int_equal(pid, 10236);
	free(s);
	s = hf_slurp(FIX "running-two.csv", NULL);
	assert_int_equal(tb_tasklist_parse(s, &pid), 1);
	assert_int_equal(pid, 10236);
	free(s);
	s = hf_slurp(FIX "none-en.txt", NULL);
	assert_int_equal(tb_tasklist_parse(s, &pid), 0);
	assert_int_equal(pid, 0);
	free(s);
	s = hf_slurp(FIX "none-ja-cp932.txt", NULL);
	assert_int_equal(tb_tasklist_parse(s, &pid), 0);
	free(s);
	/* any case; LF only; another program's row alone is no Thunderbird */
	assert_int_equal(
	    tb_tasklist_parse(
		"\"Thunderbird.EXE\",\"42\",\"C\",\"1\",\"1 K\"\n", &pid),
	    1);
	assert_int_equal(pid, 42);
	assert_int_equal(
	    tb_tasklist_parse("\"thunderbird.exe.bak\",\"42\",\"C\"\r\n", &pid),
	    0);
	/* an empty answer is no answer: tasklist always prints a row or its
	 * INFO line, so silence cannot be taken for "not running" */
	assert_int_equal(tb_tasklist_parse("", &pid), -1);
	assert_int_equal(tb_tasklist_parse("\r\n\n", &pid), -1);
	/* lines that start like a row but are not one */
	static const char *const bad[] = {
	    "\"thunderbird.exe\"\r\n",
	    "\"thunderbird.exe\",\"\",\"Console\"\r\n",
	    "\"thunderbird.exe\",\"12x\",\"Console\"\r\n",
	    "\"thunderbird.exe\",\"-5\",\"Console\"\r\n",
	    "\"thunderbird.exe\r\n",
	    "\"thunderbird.exe\";\"12\"\r\n",
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		pid = 7;
		assert_int_equal(tb_tasklist_parse(bad[i], &pid), -1);
		assert_int_equal(pid, 0);
	}
}

static void test_tb_lock_wsl_runner(void **state)
{
	(void)state;
	long pid = 0;
	struct md_err why;
	struct fake run = {.file = FIX "running-en.csv"};
	assert_int_equal(ask(&run, &pid, &why), TB_USE_RUNNING);
	assert_int_equal(pid, 10236);
	assert_int_equal(run.calls, 1);
	struct fake none = {.file = FIX "none-en.txt"};
	assert_int_equal(ask(&none, &pid, &why), TB_USE_NONE);
	assert_int_equal(pid, 0);
	struct fake ja = {.file = FIX "none-ja-cp932.txt"};
	assert_int_equal(ask(&ja, &pid, &why), TB_USE_NONE);
}

static void test_tb_lock_wsl_cannot_tell(void **state)
{
	(void)state;
	long pid = 7;
	struct md_err why;
	struct fake cannot = {.cannot_run = true};
	assert_int_equal(ask(&cannot, &pid, &why), TB_USE_UNKNOWN);
	assert_int_equal(pid, 0);
	assert_non_null(strstr(why.text, "cannot tell whether Thunderbird"));
	assert_non_null(strstr(why.text, "exec format error"));
	/* a failure, even with a row printed, is not an answer */
	struct fake failed = {.file = FIX "running-en.csv", .status = 1};
	assert_int_equal(ask(&failed, &pid, &why), TB_USE_UNKNOWN);
	assert_non_null(strstr(why.text, "status 1"));
	struct fake odd = {.text = "\"thunderbird.exe\";\"12\"\r\n"};
	assert_int_equal(ask(&odd, &pid, &why), TB_USE_UNKNOWN);
	assert_non_null(strstr(why.text, "form"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_tb_lock_wsl_paths),
	    cmocka_unit_test(test_tb_lock_wsl_parse),
	    cmocka_unit_test(test_tb_lock_wsl_runner),
	    cmocka_unit_test(test_tb_lock_wsl_cannot_tell),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
