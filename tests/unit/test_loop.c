/* test_loop.c — the poll loop: timers in order and cancelled, fd watches,
 * watches removed during dispatch, and loop_run() ending when idle. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "core/net/loop.h"
#include "tests/unit/helper_os.h"

#include <string.h>

struct log {
	char order[32];
	int n;
	int fds[2];
	struct loop *loop;
};

static void tick(struct loop *loop, void *ud)
{
	(void)loop;
	struct log *l = ud;
	l->order[l->n++] = 'T';
}

static void tick_a(struct loop *loop, void *ud)
{
	(void)loop;
	struct log *l = ud;
	l->order[l->n++] = 'a';
}

static void test_loop_timers_in_order(void **state)
{
	(void)state;
	struct loop *loop = loop_new();
	struct log l = {0};
	loop_timer(loop, 40, tick, &l);
	loop_timer(loop, 10, tick_a, &l);
	uint64_t gone = loop_timer(loop, 20, tick, &l);
	loop_timer_cancel(loop, gone);
	uint64_t t0 = loop_clock_ms();
	struct md_err err;
	assert_int_equal(loop_run(loop, &err), MD_OK);
	assert_true(loop_clock_ms() - t0 >= 40);
	assert_string_equal(l.order, "aT");
	assert_true(loop_idle(loop));
	loop_free(loop);
}

static void on_read(struct loop *loop, int fd, unsigned ev, void *ud)
{
	struct log *l = ud;
	char c;
	assert_true(ev & LOOP_READ);
	assert_int_equal(ho_read(fd, &c, 1), 1);
	l->order[l->n++] = c;
	/* Removing the other watch must keep it from being called. */
	loop_unwatch(loop, fd == l->fds[0] ? l->fds[1] : l->fds[0]);
	loop_unwatch(loop, fd);
}

static void test_loop_watch_and_unwatch_in_dispatch(void **state)
{
	(void)state;
	struct loop *loop = loop_new();
	struct log l = {0};
	int p1[2], p2[2];
	assert_int_equal(ho_pipe(p1), 0);
	assert_int_equal(ho_pipe(p2), 0);
	l.fds[0] = p1[0];
	l.fds[1] = p2[0];
	struct md_err err;
	assert_int_equal(loop_watch(loop, p1[0], LOOP_READ, on_read, &l, &err),
			 MD_OK);
	assert_int_equal(loop_watch(loop, p2[0], LOOP_READ, on_read, &l, &err),
			 MD_OK);
	assert_int_equal(ho_write(p1[1], "x", 1), 1);
	assert_int_equal(ho_write(p2[1], "y", 1), 1);
	assert_int_equal(loop_run(loop, &err), MD_OK);
	assert_int_equal(l.n, 1);
	assert_int_equal(loop_watch(loop, -1, LOOP_READ, on_read, &l, &err),
			 MD_ERR_USAGE);
	ho_close(p1[0]);
	ho_close(p1[1]);
	ho_close(p2[0]);
	ho_close(p2[1]);
	loop_free(loop);
}

static void stopper(struct loop *loop, void *ud)
{
	(void)ud;
	loop_stop(loop);
}

static void test_loop_stop(void **state)
{
	(void)state;
	struct loop *loop = loop_new();
	struct log l = {0};
	loop_timer(loop, 5, stopper, NULL);
	loop_timer(loop, 5000, tick, &l);
	struct md_err err;
	uint64_t t0 = loop_clock_ms();
	assert_int_equal(loop_run(loop, &err), MD_OK);
	assert_true(loop_clock_ms() - t0 < 1000);
	assert_int_equal(l.n, 0);
	assert_false(loop_idle(loop));
	loop_free(loop);
}

static void test_loop_many_timers(void **state)
{
	(void)state;
	struct loop *loop = loop_new();
	struct log l = {0};
	for (int i = 0; i < 20; i++)
		loop_timer(loop, (uint64_t)(i % 3), tick, &l);
	struct md_err err;
	assert_int_equal(loop_run(loop, &err), MD_OK);
	assert_int_equal(l.n, 20);
	loop_free(loop);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_loop_timers_in_order),
	    cmocka_unit_test(test_loop_watch_and_unwatch_in_dispatch),
	    cmocka_unit_test(test_loop_stop),
	    cmocka_unit_test(test_loop_many_timers),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
