/* loop.c — the poll() event loop (sock_poll: poll(2) on Linux, select()
 * on Windows): a table of watches indexed by fd, an
 * unsorted array of timers (probes number in the hundreds, not millions),
 * and a clock read once per iteration. */
#include "core/net/loop.h"
#include "core/net/sock.h"
#include "core/base/i18n.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

struct watch {
	loop_fd_fn *fn;	 /* NULL: slot unused */
	void *ud;	 /* the caller's data */
	unsigned events; /* LOOP_READ|LOOP_WRITE wanted */
	uint64_t serial; /* changes on every loop_watch(), so a slot reused
			    during dispatch is not mistaken for the old one */
};

struct timer {
	uint64_t id;  /* never 0 */
	uint64_t due; /* loop clock ms */
	loop_timer_fn *fn;
	void *ud;
};

struct loop {
	struct watch *watches; /* indexed by fd */
	int n_watch_slots;     /* size of watches */
	int n_watched;	       /* slots in use */
	struct timer *timers;
	size_t n_timers, cap_timers;
	uint64_t next_id;    /* next timer id and watch serial */
	uint64_t now;	     /* clock at the start of this iteration */
	struct pollfd *pfds; /* scratch for poll() */
	uint64_t *pserial;   /* serial of each pfds entry at poll() time */
	int cap_pfds;
	bool stop;
};

uint64_t loop_clock_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000u + (uint64_t)ts.tv_nsec / 1000000u;
}

struct loop *loop_new(void)
{
	/* Every socket of maildoctor lives on a loop: the system's sockets are
	 * made ready here, once (sock_init). */
	if (!sock_init())
		return NULL;
	struct loop *loop = calloc(1, sizeof *loop);
	if (!loop)
		return NULL;
	loop->next_id = 1;
	loop->now = loop_clock_ms();
	return loop;
}

void loop_free(struct loop *loop)
{
	if (!loop)
		return;
	free(loop->watches);
	free(loop->timers);
	free(loop->pfds);
	free(loop->pserial);
	free(loop);
}

enum md_status loop_watch(struct loop *loop, int fd, unsigned events,
			  loop_fd_fn *fn, void *ud, struct md_err *err)
{
	if (fd < 0 || !fn)
		return md_err_set(err, MD_ERR_USAGE, NULL, 0, "%s",
				  _("internal error: bad watch"));
	if (fd >= loop->n_watch_slots) {
		int n = loop->n_watch_slots ? loop->n_watch_slots : 64;
		while (n <= fd)
			n *= 2;
		struct watch *w = realloc(loop->watches, (size_t)n * sizeof *w);
		if (!w)
			return md_err_set(err, MD_ERR_NOMEM, NULL, 0, "%s",
					  _("out of memory"));
		memset(w + loop->n_watch_slots, 0,
		       (size_t)(n - loop->n_watch_slots) * sizeof *w);
		loop->watches = w;
		loop->n_watch_slots = n;
	}
	struct watch *w = &loop->watches[fd];
	if (!w->fn)
		loop->n_watched++;
	w->fn = fn;
	w->ud = ud;
	w->events = events & (LOOP_READ | LOOP_WRITE);
	w->serial = loop->next_id++;
	return MD_OK;
}

void loop_unwatch(struct loop *loop, int fd)
{
	if (fd < 0 || fd >= loop->n_watch_slots || !loop->watches[fd].fn)
		return;
	memset(&loop->watches[fd], 0, sizeof loop->watches[fd]);
	loop->n_watched--;
}

uint64_t loop_timer(struct loop *loop, uint64_t ms, loop_timer_fn *fn, void *ud)
{
	if (loop->n_timers == loop->cap_timers) {
		size_t n = loop->cap_timers ? loop->cap_timers * 2 : 32;
		struct timer *t = realloc(loop->timers, n * sizeof *t);
		if (!t)
			return 0;
		loop->timers = t;
		loop->cap_timers = n;
	}
	struct timer *t = &loop->timers[loop->n_timers++];
	t->id = loop->next_id++;
	t->due = loop_clock_ms() + ms;
	t->fn = fn;
	t->ud = ud;
	return t->id;
}

void loop_timer_cancel(struct loop *loop, uint64_t id)
{
	if (id == 0)
		return;
	for (size_t i = 0; i < loop->n_timers; i++)
		if (loop->timers[i].id == id) {
			loop->timers[i] = loop->timers[--loop->n_timers];
			return;
		}
}

uint64_t loop_now(const struct loop *loop)
{
	return loop->now;
}

bool loop_idle(const struct loop *loop)
{
	return loop->n_watched == 0 && loop->n_timers == 0;
}

void loop_stop(struct loop *loop)
{
	loop->stop = true;
}

/* Milliseconds until the earliest timer, or -1 when there is none. */
static int next_timeout(const struct loop *loop)
{
	if (loop->n_timers == 0)
		return -1;
	uint64_t due = loop->timers[0].due;
	for (size_t i = 1; i < loop->n_timers; i++)
		if (loop->timers[i].due < due)
			due = loop->timers[i].due;
	uint64_t now = loop_clock_ms();
	if (due <= now)
		return 0;
	return due - now > 3600000u ? 3600000 : (int)(due - now);
}

/* Run the timers that are due and existed when this pass began. */
static void fire_timers(struct loop *loop)
{
	uint64_t last_id = loop->next_id;
	for (;;) {
		size_t best = loop->n_timers;
		for (size_t i = 0; i < loop->n_timers; i++) {
			const struct timer *t = &loop->timers[i];
			if (t->due <= loop->now && t->id < last_id &&
			    (best == loop->n_timers ||
			     t->due < loop->timers[best].due))
				best = i;
		}
		if (best == loop->n_timers)
			return;
		struct timer t = loop->timers[best];
		loop->timers[best] = loop->timers[--loop->n_timers];
		t.fn(loop, t.ud);
	}
}

/* Fill pfds from the watches; returns how many, or -1 on no memory. */
static int build_pollset(struct loop *loop)
{
	if (loop->n_watched > loop->cap_pfds) {
		int n = loop->n_watched * 2;
		struct pollfd *p = realloc(loop->pfds, (size_t)n * sizeof *p);
		if (!p)
			return -1;
		loop->pfds = p;
		uint64_t *s = realloc(loop->pserial, (size_t)n * sizeof *s);
		if (!s)
			return -1;
		loop->pserial = s;
		loop->cap_pfds = n;
	}
	int n = 0;
	for (int fd = 0; fd < loop->n_watch_slots && n < loop->n_watched;
	     fd++) {
		const struct watch *w = &loop->watches[fd];
		if (!w->fn)
			continue;
		loop->pfds[n].fd = fd;
		loop->pfds[n].events =
		    (short)((w->events & LOOP_READ ? POLLIN : 0) |
			    (w->events & LOOP_WRITE ? POLLOUT : 0));
		loop->pfds[n].revents = 0;
		loop->pserial[n] = w->serial;
		n++;
	}
	return n;
}

enum md_status loop_run_once(struct loop *loop, int max_ms, struct md_err *err)
{
	int n = build_pollset(loop);
	if (n < 0)
		return md_err_set(err, MD_ERR_NOMEM, NULL, 0, "%s",
				  _("out of memory"));
	int wait = next_timeout(loop);
	if (max_ms >= 0 && (wait < 0 || max_ms < wait))
		wait = max_ms;
	int r = sock_poll(loop->pfds, n, wait);
	int e = r < 0 ? sock_errno() : 0;
	if (r < 0 && e != EINTR)
		return md_err_sys(err, MD_ERR_NET, e, NULL, "%s",
				  _("waiting for the network failed"));
	loop->now = loop_clock_ms();
	for (int i = 0; r > 0 && i < n; i++) {
		short re = loop->pfds[i].revents;
		int fd = loop->pfds[i].fd;
		if (!re)
			continue;
		/* The watch may have gone or been replaced meanwhile. */
		if (fd >= loop->n_watch_slots || !loop->watches[fd].fn ||
		    loop->watches[fd].serial != loop->pserial[i])
			continue;
		const struct watch *w = &loop->watches[fd];
		unsigned ev = 0;
		if (re & (POLLIN | POLLPRI))
			ev |= LOOP_READ;
		if (re & POLLOUT)
			ev |= LOOP_WRITE;
		if (re & (POLLERR | POLLHUP | POLLNVAL))
			ev |= LOOP_ERROR;
		w->fn(loop, fd, ev, w->ud);
	}
	fire_timers(loop);
	return MD_OK;
}

enum md_status loop_run(struct loop *loop, struct md_err *err)
{
	loop->stop = false;
	while (!loop->stop && !loop_idle(loop)) {
		enum md_status st = loop_run_once(loop, -1, err);
		if (st != MD_OK)
			return st;
	}
	return MD_OK;
}
