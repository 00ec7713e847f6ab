/* line.c — the shared command/reply engine: non-blocking send buffer,
 * CR LF framing, capped replies, a per-reply timer, and the TLS switch. */
#include "core/net/line.h"
#include "core/net/sock.h"
#include "core/base/compat.h"
#include "core/base/i18n.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

struct line {
	struct loop *loop;
	int fd;
	const struct line_ops *ops;
	void *ud;
	uint64_t timeout_ms;
	size_t max_line, max_reply;
	struct transcript *ts;

	char *in;	       /* received, not yet framed; max_line + 1 */
	size_t in_off, in_len; /* unframed bytes are in[in_off, in_len) */
	char *reply;	       /* the reply being assembled */
	size_t reply_len, reply_cap, reply_lines;
	char *out; /* queued to send */
	size_t out_len, out_cap;

	size_t awaited;	       /* replies awaited */
	uint64_t timer;	       /* reply/handshake timer id, or 0 */
	struct tls_conn *tls;  /* NULL: plain */
	bool handshaking;      /* TLS handshake under way */
	bool tls_wants_write;  /* TLS needs the fd writable to go on */
	bool reporting;	       /* during LINE_EV_REPLY: cur is valid */
	struct line_reply cur; /* the reply being reported */
	enum line_fail fail;
	int sys_errno;
	unsigned busy; /* callbacks under way */
	bool dead;     /* line_free() called during a callback */
};

static loop_fd_fn on_fd;

static void destroy(struct line *l)
{
	if (l->fd >= 0) {
		loop_unwatch(l->loop, l->fd);
		sock_close(l->fd);
	}
	loop_timer_cancel(l->loop, l->timer);
	tls_conn_free(l->tls);
	if (l->out)
		explicit_bzero(l->out, l->out_cap);
	free(l->out);
	free(l->in);
	free(l->reply);
	free(l);
}

void line_free(struct line *l)
{
	if (!l)
		return;
	if (l->busy) {
		l->dead = true;
		return;
	}
	destroy(l);
}

static void emit(struct line *l, enum line_event ev)
{
	l->busy++;
	l->ops->on_event(l->ud, ev);
	l->busy--;
}

static void update_watch(struct line *l)
{
	if (l->fd < 0 || l->fail)
		return;
	unsigned ev = LOOP_READ;
	if (l->out_len > 0 || l->tls_wants_write)
		ev |= LOOP_WRITE;
	if (l->handshaking)
		ev = l->tls_wants_write ? LOOP_WRITE : LOOP_READ;
	struct md_err err;
	loop_watch(l->loop, l->fd, ev, on_fd, l, &err);
}

/* Mark the line failed and tell the protocol (once). */
static void fail(struct line *l, enum line_fail why, int errnum)
{
	if (l->fail)
		return;
	l->fail = why;
	l->sys_errno = errnum;
	loop_timer_cancel(l->loop, l->timer);
	l->timer = 0;
	loop_unwatch(l->loop, l->fd);
	static const char *const words[] = {"",
					    "timed out",
					    "closed by the server",
					    "reset",
					    "socket error",
					    "line too long",
					    "reply too large",
					    "TLS failed",
					    "out of memory"};
	transcript_note(l->ts, loop_now(l->loop), "%s", words[why]);
	emit(l, LINE_EV_FAIL);
}

static void on_timer(struct loop *loop, void *ud)
{
	struct line *l = ud;
	l->timer = 0;
	fail(l, LINE_FAIL_TIMEOUT, 0);
	if (l->dead && !l->busy)
		destroy(l);
}

static void arm_timer(struct line *l)
{
	loop_timer_cancel(l->loop, l->timer);
	l->timer = loop_timer(l->loop, l->timeout_ms, on_timer, l);
}

struct line *line_new(struct loop *loop, const struct line_params *p,
		      struct md_err *err)
{
	struct line *l = calloc(1, sizeof *l);
	size_t max_line = p->max_line ? p->max_line : LINE_MAX_LINE;
	if (l)
		l->in = malloc(max_line + 1);
	if (!l || !l->in) {
		free(l);
		sock_close(p->fd);
		md_err_set(err, MD_ERR_NOMEM, NULL, 0, "%s",
			   _("out of memory"));
		return NULL;
	}
	l->loop = loop;
	l->fd = p->fd;
	l->ops = p->ops;
	l->ud = p->ud;
	l->timeout_ms = p->reply_timeout_ms ? p->reply_timeout_ms : 30000;
	l->max_line = max_line;
	l->max_reply = p->max_reply ? p->max_reply : LINE_MAX_REPLY;
	l->ts = p->ts;
	update_watch(l);
	return l;
}

void line_expect(struct line *l)
{
	if (l->awaited++ == 0)
		arm_timer(l);
}

void line_secret(struct line *l, bool on)
{
	if (l->ts)
		l->ts->secret = on;
}

enum md_status line_send(struct line *l, const char *text, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (text[i] == '\r' || text[i] == '\n' || text[i] == '\0')
			return MD_ERR_USAGE;
	if (l->out_len + len + 2 > l->out_cap) {
		size_t n = l->out_cap ? l->out_cap : 256;
		while (n < l->out_len + len + 2)
			n *= 2;
		char *o = malloc(n);
		if (!o)
			return MD_ERR_NOMEM;
		if (l->out) {
			memcpy(o, l->out, l->out_len);
			explicit_bzero(l->out, l->out_cap);
			free(l->out);
		}
		l->out = o;
		l->out_cap = n;
	}
	memcpy(l->out + l->out_len, text, len);
	memcpy(l->out + l->out_len + len, "\r\n", 2);
	l->out_len += len + 2;
	transcript_add(l->ts, loop_now(l->loop), TRANSCRIPT_SENT, text, len);
	line_expect(l);
	update_watch(l);
	return MD_OK;
}

const struct line_reply *line_reply(const struct line *l)
{
	return l->reporting ? &l->cur : NULL;
}

bool line_reply_next(const struct line_reply *r, size_t *pos, const char **line,
		     size_t *len)
{
	if (*pos > r->len)
		return false;
	const char *s = r->text + *pos;
	const char *nl = memchr(s, '\n', r->len - *pos);
	size_t n = nl ? (size_t)(nl - s) : r->len - *pos;
	*line = s;
	*len = n;
	*pos += n + 1;
	return true;
}

enum line_fail line_failure(const struct line *l)
{
	return l->fail;
}

int line_errno(const struct line *l)
{
	return l->sys_errno;
}

const struct tls_info *line_tls_info(const struct line *l)
{
	return l->tls ? tls_conn_info(l->tls) : NULL;
}

bool line_is_tls(const struct line *l)
{
	return l->tls && !l->handshaking && tls_conn_info(l->tls)->done;
}

enum md_status line_start_tls(struct line *l, struct tls_ctx *ctx,
			      const char *host, struct md_err *err)
{
	if (l->in_len > l->in_off)
		return md_err_set(err, MD_ERR_PROTO, NULL, 0, "%s",
				  _("the server sent more data after agreeing "
				    "to start TLS"));
	if (l->tls)
		return md_err_set(err, MD_ERR_PROTO, NULL, 0, "%s",
				  _("TLS is already on"));
	l->tls = tls_conn_new(ctx, l->fd, host, err);
	if (!l->tls)
		return err ? err->code : MD_ERR_TLS;
	transcript_note(l->ts, loop_now(l->loop), "TLS handshake (%s)",
			host ? host : "");
	l->handshaking = true;
	l->tls_wants_write = true;
	arm_timer(l);
	update_watch(l);
	return MD_OK;
}

/* Add one line to the reply being assembled; deliver it if it is the
 * last. Returns false when the line failed or went away. */
static bool take_line(struct line *l, const char *s, size_t n)
{
	if (n > 0 && s[n - 1] == '\r')
		n--;
	transcript_add(l->ts, loop_now(l->loop), TRANSCRIPT_RECV, s, n);
	size_t need = l->reply_len + n + 2;
	if (need > l->max_reply + 2) {
		fail(l, LINE_FAIL_TOO_BIG, 0);
		return false;
	}
	if (need > l->reply_cap) {
		size_t c = l->reply_cap ? l->reply_cap : 512;
		while (c < need)
			c *= 2;
		char *r = realloc(l->reply, c);
		if (!r) {
			fail(l, LINE_FAIL_NOMEM, 0);
			return false;
		}
		l->reply = r;
		l->reply_cap = c;
	}
	if (l->reply_lines > 0)
		l->reply[l->reply_len++] = '\n';
	memcpy(l->reply + l->reply_len, s, n);
	l->reply_len += n;
	l->reply[l->reply_len] = '\0';
	if (!l->ops->is_last(l->ud, s, n, l->reply_lines++))
		return true;
	if (l->awaited > 0)
		l->awaited--;
	loop_timer_cancel(l->loop, l->timer);
	l->timer =
	    l->awaited ? loop_timer(l->loop, l->timeout_ms, on_timer, l) : 0;
	l->cur.text = l->reply;
	l->cur.len = l->reply_len;
	l->cur.n_lines = l->reply_lines;
	l->reporting = true;
	emit(l, LINE_EV_REPLY);
	l->reporting = false;
	l->reply_len = 0;
	l->reply_lines = 0;
	return !l->dead && !l->fail;
}

/* Frame the received bytes into lines. */
static bool frame(struct line *l)
{
	while (l->in_off < l->in_len && !l->handshaking) {
		char *s = l->in + l->in_off;
		size_t avail = l->in_len - l->in_off;
		char *nl = memchr(s, '\n', avail);
		if (!nl)
			break;
		l->in_off += (size_t)(nl - s) + 1;
		if (!take_line(l, s, (size_t)(nl - s)))
			return false;
	}
	if (l->in_off > 0) {
		memmove(l->in, l->in + l->in_off, l->in_len - l->in_off);
		l->in_len -= l->in_off;
		l->in_off = 0;
	}
	if (l->in_len >= l->max_line) {
		fail(l, LINE_FAIL_TOO_LONG, 0);
		return false;
	}
	return true;
}

/* Read what the socket has; false when the line failed or went away. */
static bool do_read(struct line *l)
{
	for (;;) {
		if (l->handshaking)
			return true;
		size_t room = l->max_line - l->in_len;
		size_t got = 0;
		if (l->tls) {
			enum tls_io r =
			    tls_read(l->tls, l->in + l->in_len, room, &got);
			if (r == TLS_IO_WANT_READ)
				return true;
			if (r == TLS_IO_WANT_WRITE) {
				l->tls_wants_write = true;
				return true;
			}
			if (r != TLS_IO_OK) {
				fail(l,
				     r == TLS_IO_CLOSED	 ? LINE_FAIL_CLOSED
				     : r == TLS_IO_RESET ? LINE_FAIL_RESET
							 : LINE_FAIL_TLS,
				     r == TLS_IO_RESET ? ECONNRESET : 0);
				return false;
			}
		} else {
			long n = sock_recv(l->fd, l->in + l->in_len, room);
			int e = n < 0 ? sock_errno() : 0;
			if (n < 0 && e == EAGAIN)
				return true;
			if (n <= 0) {
				fail(l,
				     n == 0	       ? LINE_FAIL_CLOSED
				     : e == ECONNRESET ? LINE_FAIL_RESET
						       : LINE_FAIL_IO,
				     e);
				return false;
			}
			got = (size_t)n;
		}
		l->in_len += got;
		if (!frame(l))
			return false;
	}
}

/* Send what is queued; false when the line failed. */
static bool do_write(struct line *l)
{
	l->tls_wants_write = false;
	while (l->out_len > 0) {
		size_t put = 0;
		if (l->tls) {
			enum tls_io r =
			    tls_write(l->tls, l->out, l->out_len, &put);
			if (r == TLS_IO_WANT_WRITE) {
				l->tls_wants_write = true;
				return true;
			}
			if (r == TLS_IO_WANT_READ)
				return true;
			if (r != TLS_IO_OK) {
				fail(l,
				     r == TLS_IO_RESET	  ? LINE_FAIL_RESET
				     : r == TLS_IO_CLOSED ? LINE_FAIL_CLOSED
							  : LINE_FAIL_TLS,
				     0);
				return false;
			}
		} else {
			long n = sock_send(l->fd, l->out, l->out_len);
			int e = n < 0 ? sock_errno() : 0;
			if (n < 0 && e == EAGAIN)
				return true;
			if (n < 0) {
				fail(l,
				     e == ECONNRESET || e == EPIPE
					 ? LINE_FAIL_RESET
					 : LINE_FAIL_IO,
				     e);
				return false;
			}
			put = (size_t)n;
		}
		memmove(l->out, l->out + put, l->out_len - put);
		l->out_len -= put;
		explicit_bzero(l->out + l->out_len, put);
	}
	return true;
}

static void do_handshake(struct line *l)
{
	enum tls_io r = tls_handshake(l->tls);
	l->tls_wants_write = r == TLS_IO_WANT_WRITE;
	if (r == TLS_IO_WANT_READ || r == TLS_IO_WANT_WRITE)
		return;
	if (r != TLS_IO_OK) {
		const struct tls_info *ti = tls_conn_info(l->tls);
		transcript_note(l->ts, loop_now(l->loop), "TLS failed: %s (%s)",
				tls_failure_word(ti->failure), ti->detail);
		fail(l, r == TLS_IO_RESET ? LINE_FAIL_RESET : LINE_FAIL_TLS,
		     r == TLS_IO_RESET ? ECONNRESET : 0);
		return;
	}
	const struct tls_info *ti = tls_conn_info(l->tls);
	transcript_note(l->ts, loop_now(l->loop), "TLS up: %s %s, cert %s",
			ti->version, ti->cipher, ti->subject);
	l->handshaking = false;
	loop_timer_cancel(l->loop, l->timer);
	l->timer =
	    l->awaited ? loop_timer(l->loop, l->timeout_ms, on_timer, l) : 0;
	emit(l, LINE_EV_TLS);
}

static void step(struct line *l, unsigned events)
{
	if (l->fail)
		return;
	if (l->handshaking) {
		do_handshake(l);
		if (l->dead || l->fail)
			return;
		if (l->handshaking)
			goto out;
	}
	if (!do_write(l) || l->dead)
		return;
	if ((events & (LOOP_READ | LOOP_ERROR)) || l->tls)
		if (!do_read(l) || l->dead)
			return;
	/* A STARTTLS reply may have switched the line to TLS just now. */
	if (l->handshaking) {
		do_handshake(l);
		if (l->dead || l->fail)
			return;
	}
	if (l->out_len > 0 && !do_write(l))
		return;
out:
	update_watch(l);
}

static void on_fd(struct loop *loop, int fd, unsigned events, void *ud)
{
	struct line *l = ud;
	l->busy++;
	step(l, events);
	l->busy--;
	if (l->dead && !l->busy)
		destroy(l);
}
