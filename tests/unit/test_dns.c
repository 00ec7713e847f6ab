/* test_dns.c — the resolver on the event loop against a name server on
 * loopback that never answers: a lookup ends as a timeout (never "no such
 * name"), within the budget the --timeout gives it. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "core/net/dns.h"
#include "core/net/loop.h"
#include "tests/unit/helper_os.h"
#include "tests/unit/helper_peer.h"

#include <stdio.h>

struct outcome {
	bool done, guard;
	enum md_status st;
	size_t n;
};

static void on_addrs(void *ud, enum md_status st, const struct dns_addr *a,
		     size_t n, const char *why)
{
	(void)a;
	(void)why;
	struct outcome *o = ud;
	o->done = true;
	o->st = st;
	o->n = n;
}

static void on_guard(struct loop *loop, void *ud)
{
	(void)loop;
	((struct outcome *)ud)->guard = true;
}

/* A UDP socket on 127.0.0.1 that takes queries and answers none. */
static int silent_server(int *port)
{
	int fd = peer_udp(port);
	assert_true(fd >= 0);
	return fd;
}

/* With a 1 s budget the lookup gives up long before the default's ~10 s
 * (the guard at 5 s would see it still waiting). */
static void test_dns_timeout_follows_budget(void **state)
{
	(void)state;
	int port;
	int fd = silent_server(&port);
	char resolver[64];
	snprintf(resolver, sizeof resolver, "127.0.0.1:%d", port);
	struct loop *loop = loop_new();
	struct md_err err;
	struct dns *dns = dns_new(loop, resolver, 1000, &err);
	assert_non_null(dns);
	struct outcome o = {0};
	dns_addrs(dns, "mail.example.jp", 0, on_addrs, &o);
	uint64_t guard = loop_timer(loop, 5000, on_guard, &o);
	for (int i = 0; i < 1000 && !o.done && !o.guard; i++)
		loop_run_once(loop, 100, &err);
	assert_true(o.done);
	assert_false(o.guard);
	assert_int_not_equal(o.st, MD_OK); /* not "no address" */
	assert_int_equal(o.st, MD_ERR_TIMEOUT);
	loop_timer_cancel(loop, guard);
	dns_free(dns);
	loop_free(loop);
	ho_close(fd);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_dns_timeout_follows_budget),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
