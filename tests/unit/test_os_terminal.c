/* test_os_terminal.c — os_is_terminal(): a file or the null device is no
 * terminal (msvcrt's _isatty() says yes for NUL on Windows), so `probe`
 * prints no progress lines into a redirected stderr. */
#include "core/base/os.h"

#include <fcntl.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <cmocka.h>

#ifdef _WIN32
#include <io.h>
#define NULL_DEVICE "NUL"
#else
#include <unistd.h>
#define NULL_DEVICE "/dev/null"
#define _open	    open
#define _close	    close
#endif

static void a_file_is_no_terminal(void **state)
{
	(void)state;
	/* Not tmpfile(): msvcrt makes it in the root of the drive. */
	const char *path = "build/test_os_terminal.tmp";
	int fd = _open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	assert_true(fd >= 0);
	assert_false(os_is_terminal(fd));
	_close(fd);
	remove(path);
}

static void the_null_device_is_no_terminal(void **state)
{
	(void)state;
	int fd = _open(NULL_DEVICE, O_WRONLY);
	assert_true(fd >= 0);
	assert_false(os_is_terminal(fd));
	_close(fd);
}

static void a_closed_descriptor_is_no_terminal(void **state)
{
	(void)state;
	assert_false(os_is_terminal(999));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(a_file_is_no_terminal),
	    cmocka_unit_test(the_null_device_is_no_terminal),
	    cmocka_unit_test(a_closed_descriptor_is_no_terminal),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
