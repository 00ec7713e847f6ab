/* loop.h — the one poll() event loop: fd watches, millisecond timers and a
 * monotonic clock. Every probe and the DNS resolver run on one loop; nothing
 * here blocks but poll() itself.
 *
 * Callbacks may add and remove watches and timers (their own or others')
 * while they run; a watch removed before its turn is not called. The loop
 * owns nothing it is given: fds and user data stay the caller's. */
#ifndef MD_LOOP_H
#define MD_LOOP_H

#include "core/base/err.h"

#include <stdbool.h>
#include <stdint.h>

struct loop;

enum {
	LOOP_READ = 1,	/* the fd is readable (or at end of file) */
	LOOP_WRITE = 2, /* the fd is writable (or a connect finished) */
	LOOP_ERROR = 4, /* POLLERR/POLLHUP: reported even when not asked */
};

/* Called when fd is ready; events is a mix of LOOP_READ/WRITE/ERROR. */
typedef void loop_fd_fn(struct loop *loop, int fd, unsigned events, void *ud);
/* Called once when a timer expires; the timer is gone by then. */
typedef void loop_timer_fn(struct loop *loop, void *ud);

/* A new loop, or NULL when out of memory (or the system's sockets cannot
 * be started: sock_init). Free with loop_free(). */
struct loop *loop_new(void);

/* Frees the loop (NULL is fine). Pending watches and timers are dropped
 * without being called. */
void loop_free(struct loop *loop);

/* Watch fd for events (LOOP_READ|LOOP_WRITE; 0 keeps the watch but asks for
 * nothing), replacing any earlier watch of the same fd. fn is called with ud.
 * Returns MD_OK, MD_ERR_USAGE (bad fd) or MD_ERR_NOMEM. */
enum md_status loop_watch(struct loop *loop, int fd, unsigned events,
			  loop_fd_fn *fn, void *ud, struct md_err *err);

/* Stop watching fd (no effect when it is not watched). Call it before
 * closing the fd. */
void loop_unwatch(struct loop *loop, int fd);

/* Call fn(ud) once, ms milliseconds from now. Returns a timer id (never 0),
 * or 0 when out of memory. */
uint64_t loop_timer(struct loop *loop, uint64_t ms, loop_timer_fn *fn,
		    void *ud);

/* Cancel a timer by id; 0 or an id that already fired is fine. */
void loop_timer_cancel(struct loop *loop, uint64_t id);

/* The loop's monotonic clock in milliseconds, read at the start of the
 * current iteration (stable while callbacks run). */
uint64_t loop_now(const struct loop *loop);

/* A fresh reading of the monotonic clock in milliseconds. */
uint64_t loop_clock_ms(void);

/* True when nothing is watched and no timer is pending. */
bool loop_idle(const struct loop *loop);

/* One iteration: wait up to max_ms (negative: until the next timer, or
 * forever when there is none), then call what is ready and what is due.
 * Returns MD_OK or MD_ERR_NET when poll() fails (not on EINTR). */
enum md_status loop_run_once(struct loop *loop, int max_ms, struct md_err *err);

/* Iterate until the loop is idle or loop_stop() is called. */
enum md_status loop_run(struct loop *loop, struct md_err *err);

/* Make loop_run() return after the current iteration. */
void loop_stop(struct loop *loop);

#endif
