/* test_sock_words.c — sock_strerror(): the common socket failures said in
 * our own translated sentences on both systems (Windows' C library has no
 * words for ECONNREFUSED: "Unknown error"), the rest in the system's. */
#include "core/net/sock.h"
#include "core/base/i18n.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

static void common_failures_in_english(void **state)
{
	(void)state;
	i18n_init("en", "build/locale");
	assert_string_equal(sock_strerror(ECONNREFUSED),
			    "the server refused the connection");
	assert_string_equal(sock_strerror(ETIMEDOUT),
			    "the connection timed out");
	assert_string_equal(sock_strerror(EHOSTUNREACH),
			    "the server's address cannot be reached");
	assert_string_equal(sock_strerror(ENETUNREACH),
			    "the network cannot be reached");
	assert_string_equal(sock_strerror(ECONNRESET),
			    "the server reset the connection");
}

static void common_failures_in_japanese(void **state)
{
	(void)state;
	assert_true(i18n_init("ja", "build/locale"));
	assert_string_equal(sock_strerror(ECONNREFUSED),
			    "サーバーが接続を断りました");
	assert_string_equal(sock_strerror(ETIMEDOUT),
			    "接続がタイムアウトしました");
	assert_string_equal(sock_strerror(ECONNRESET),
			    "サーバーが接続をリセットしました");
	i18n_init("en", "build/locale");
}

/* What the table does not hold is the system's sentence: never empty,
 * never our table's, and the same words for the same value. */
static void other_values_in_the_systems_words(void **state)
{
	(void)state;
	i18n_init("en", "build/locale");
	const char *s = sock_strerror(EINVAL);
	assert_non_null(s);
	assert_true(strlen(s) > 0);
	assert_string_equal(s, sock_sys_strerror(EINVAL));
	assert_string_not_equal(sock_strerror(EINVAL),
				sock_strerror(ECONNREFUSED));
}

/* The socket failure as it happens: a connect to a loopback port no one
 * listens on is refused, and sock_strerror() says so in our words. */
static void a_refused_connect_is_said_as_refused(void **state)
{
	(void)state;
	i18n_init("en", "build/locale");
	assert_true(sock_init());
	struct sockaddr_in sa;
	memset(&sa, 0, sizeof sa);
	sa.sin_family = AF_INET;
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	sa.sin_port = htons(1); /* tcpmux: not served here */
	int e = 0;
	int fd = sock_connect_start((struct sockaddr *)&sa, sizeof sa, &e);
	if (fd >= 0) {
		struct pollfd p = {.fd = fd, .events = POLLOUT};
		int n = sock_poll(&p, 1, 5000);
		assert_int_equal(n, 1);
		e = sock_connect_result(fd);
		sock_close(fd);
	}
	assert_int_equal(e, ECONNREFUSED);
	assert_string_equal(sock_strerror(e),
			    "the server refused the connection");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(common_failures_in_english),
	    cmocka_unit_test(common_failures_in_japanese),
	    cmocka_unit_test(other_values_in_the_systems_words),
	    cmocka_unit_test(a_refused_connect_is_said_as_refused),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
