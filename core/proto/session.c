/* session.c — the one dialogue engine of SMTP, IMAP and POP3 (after curl's
 * pingpong and OpenSMTPD's mta_session): the line, one state setter that
 * traces "A -> B", implicit TLS and the STARTTLS upgrade, finish and fail,
 * the failure classes, the login policy and the goodbye. What is
 * particular to a protocol is its `const struct sess_proto`
 * (session_private.h); the result record is session_result.c. */
#include "core/proto/session_private.h"
#include "core/net/sock.h"
#include "core/base/compat.h"
#include "core/base/i18n.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

struct sess {
	const struct sess_proto *proto;
	struct loop *loop;
	struct line *line;
	int fd; /* the line's socket (owned by the line) */
	struct sess_params p;
	struct sess_result *res;
	int state;  /* SESS_ST_* or the protocol's own */
	void *data; /* the protocol's record, owned */
};

/* Whether the login may be sent on line: over TLS whose verification found
 * nothing wrong, or anywhere when auth_insecure (--allow-plaintext-auth).
 * When not, *why is SESS_AUTH_INSECURE (no TLS) or SESS_AUTH_UNVERIFIED
 * (--insecure went past a certificate failure). */
static bool login_allowed(const struct line *l, bool auth_insecure,
			  enum sess_auth *why)
{
	const struct tls_info *t = line_tls_info(l);
	if (auth_insecure)
		return true;
	if (!line_is_tls(l)) {
		*why = SESS_AUTH_INSECURE;
		return false;
	}
	if (t && t->failure != TLS_FAIL_NONE) {
		*why = SESS_AUTH_UNVERIFIED;
		return false;
	}
	return true;
}

/* Fill outcome and detail from a line failure (timeout, reset, TLS…). */
static void fail_from_line(struct sess_result *r, const struct line *l)
{
	const struct tls_info *ti = line_tls_info(l);
	if (ti) {
		r->tls_tried = true;
		r->tls = *ti;
	}
	switch (line_failure(l)) {
	case LINE_FAIL_TIMEOUT:
		r->outcome = SESS_OUT_TIMEOUT;
		snprintf(r->detail, sizeof r->detail, "no reply in time");
		break;
	case LINE_FAIL_CLOSED:
		r->outcome = SESS_OUT_PROTOCOL_ERROR;
		snprintf(r->detail, sizeof r->detail,
			 "the server closed the connection");
		if (ti && !ti->done && ti->failure != TLS_FAIL_NONE)
			r->outcome = SESS_OUT_TLS_FAILED;
		break;
	case LINE_FAIL_RESET:
		r->outcome = SESS_OUT_RESET;
		snprintf(r->detail, sizeof r->detail, "connection reset");
		break;
	case LINE_FAIL_TOO_LONG:
		r->outcome = SESS_OUT_PROTOCOL_ERROR;
		snprintf(r->detail, sizeof r->detail, "line too long");
		break;
	case LINE_FAIL_TOO_BIG:
		r->outcome = SESS_OUT_PROTOCOL_ERROR;
		snprintf(r->detail, sizeof r->detail, "reply too large");
		break;
	case LINE_FAIL_TLS:
		r->outcome = SESS_OUT_TLS_FAILED;
		snprintf(r->detail, sizeof r->detail, "%s",
			 ti ? ti->detail : "TLS failed");
		break;
	case LINE_FAIL_IO: {
		int e = line_errno(l);
		r->outcome = e == ECONNREFUSED ? SESS_OUT_REFUSED
			     : e == EHOSTUNREACH || e == ENETUNREACH
				 ? SESS_OUT_UNREACHABLE
				 : SESS_OUT_ERROR;
		snprintf(r->detail, sizeof r->detail, "%s", sock_strerror(e));
		break;
	}
	default:
		r->outcome = SESS_OUT_ERROR;
		snprintf(r->detail, sizeof r->detail, "out of memory");
		break;
	}
}

void *sess_data(struct sess *s)
{
	return s->data;
}

const struct sess_params *sess_p(const struct sess *s)
{
	return &s->p;
}

struct sess_result *sess_res(struct sess *s)
{
	return s->res;
}

int sess_state(const struct sess *s)
{
	return s->state;
}

uint64_t sess_now(const struct sess *s)
{
	return loop_now(s->loop);
}

int sess_fd(const struct sess *s)
{
	return s->fd;
}

static const char *state_name(const struct sess *s, int st)
{
	return st >= 0 && (size_t)st < s->proto->n_states
		   ? s->proto->states[st].name
		   : "?";
}

static enum sess_step state_step(const struct sess *s, int st)
{
	return st >= 0 && (size_t)st < s->proto->n_states
		   ? s->proto->states[st].step
		   : SESS_STEP_DONE;
}

void sess_enter(struct sess *s, int next)
{
	const struct sess_params *p = &s->p;
	enum sess_step from = state_step(s, s->state), to = state_step(s, next);
	bool first = s->state == SESS_ST_INIT;
	if (p->trace)
		p->trace(p->ud, state_name(s, s->state), state_name(s, next));
	if (from != to && !first) {
		if (s->res->outcome == SESS_OUT_OK) {
			sess_step_done(s->res, from, loop_now(s->loop));
			s->res->step = to;
		}
		if (p->on_step && to != SESS_STEP_DONE)
			p->on_step(p->ud, to);
	}
	if (first && p->on_step)
		p->on_step(p->ud, to);
	s->state = next;
}

/* Close the line (keeping its TLS details when not kept yet), then call
 * on_done as the very last thing. */
static void finish(struct sess *s)
{
	if (s->line) {
		const struct tls_info *ti = line_tls_info(s->line);
		if (ti && !s->res->tls_tried) {
			s->res->tls_tried = true;
			s->res->tls = *ti;
		}
		line_free(s->line);
		s->line = NULL;
	}
	sess_enter(s, SESS_ST_DONE);
	sess_step_done(s->res, SESS_STEP_DONE, loop_now(s->loop));
	s->p.on_done(s->p.ud);
}

/* A command was not sent (why): the dialogue ends as a local error,
 * politely. */
static void refuse(struct sess *s, const char *why)
{
	s->res->outcome = SESS_OUT_ERROR;
	s->res->step = state_step(s, s->state);
	snprintf(s->res->detail, sizeof s->res->detail, "%s", why);
	sess_quit(s);
}

static void vsend(struct sess *s, int next, bool hidden, const char *fmt,
		  va_list ap)
{
	char buf[SESS_MAX_CMD];
	size_t pre = 0;
	buf[0] = '\0';
	if (s->proto->prefix) {
		s->proto->prefix(s, buf, sizeof buf);
		pre = strlen(buf);
	}
	int n = vsnprintf(buf + pre, sizeof buf - pre, fmt, ap);
	enum md_status st = MD_ERR_USAGE;
	if (n >= 0 && (size_t)n < sizeof buf - pre) {
		line_secret(s->line, hidden);
		st = line_send(s->line, buf, pre + (size_t)n);
		line_secret(s->line, false);
	}
	explicit_bzero(buf, sizeof buf);
	if (st == MD_ERR_USAGE && next != SESS_ST_QUIT) {
		refuse(s, n >= 0 && (size_t)n < sizeof buf - pre
			      ? "a command would carry a line break: not sent"
			      : "a command would be too long: not sent");
		return;
	}
	if (st != MD_OK) {
		s->res->outcome = SESS_OUT_ERROR;
		snprintf(s->res->detail, sizeof s->res->detail, "%s",
			 st == MD_ERR_NOMEM ? "out of memory"
					    : "a command was not sent");
		finish(s);
		return;
	}
	sess_enter(s, next);
}

void sess_send(struct sess *s, int next, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsend(s, next, false, fmt, ap);
	va_end(ap);
}

void sess_send_hidden(struct sess *s, int next, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsend(s, next, true, fmt, ap);
	va_end(ap);
}

void sess_quit(struct sess *s)
{
	sess_send(s, SESS_ST_QUIT, "%s", s->proto->quit_cmd);
}

void sess_fail(struct sess *s, enum sess_outcome o, const char *why,
	       const struct line_reply *r, int code)
{
	s->res->outcome = o;
	s->res->step = state_step(s, s->state);
	s->res->reply_code = s->proto->numeric_codes && code > 0 ? code : 0;
	if (r)
		sess_set_reply(s->res, r->text, r->len);
	snprintf(s->res->detail, sizeof s->res->detail, "%s", why);
	sess_quit(s);
}

/* STARTTLS failed before any handshake: the server did not offer it, or
 * refused it (why). */
static void fail_no_starttls(struct sess *s, const char *why,
			     const struct line_reply *r, int code)
{
	char msg[64];
	snprintf(msg, sizeof msg, "%s %s", s->proto->starttls_cmd, why);
	s->res->tls_tried = true;
	s->res->tls.failure = TLS_FAIL_NOT_OFFERED;
	sess_fail(s, SESS_OUT_TLS_FAILED, msg, r, code);
}

static void after_login(struct sess *s)
{
	if (s->proto->after_login)
		s->proto->after_login(s);
	else
		sess_quit(s);
}

/* The one login policy: asked for, allowed on this line, a password to
 * ask, a user name that fits; then the protocol's mechanism. */
static void login(struct sess *s)
{
	enum sess_auth why;
	if (!s->p.user) {
		after_login(s);
	} else if (!login_allowed(s->line, s->p.auth_insecure, &why)) {
		s->res->auth = why; /* refuse to log in on an insecure line */
		after_login(s);
	} else if (!s->p.password) {
		s->res->auth = SESS_AUTH_NO_PASSWORD;
		after_login(s);
	} else if (strlen(s->p.user) > SESS_MAX_USER) {
		refuse(s, "a command would be too long: not sent");
	} else if (!s->proto->login(s)) {
		s->res->auth = SESS_AUTH_NO_MECH;
		after_login(s);
	}
}

void sess_caps_known(struct sess *s)
{
	bool want =
	    s->p.security == SESS_SEC_STARTTLS ||
	    (s->p.security == SESS_SEC_AUTO && s->res->starttls_offered);
	if (!line_is_tls(s->line) && want) {
		if (!s->res->starttls_offered)
			fail_no_starttls(s, "is not offered", NULL, 0);
		else
			sess_send(s, SESS_ST_STARTTLS, "%s",
				  s->proto->starttls_cmd);
		return;
	}
	sess_step_done(s->res, SESS_STEP_CAPS, loop_now(s->loop));
	login(s);
}

int sess_password(struct sess *s, char *buf, size_t size)
{
	int n = s->p.password(s->p.password_ud, s->p.user, buf, size);
	if (n >= 0 && (size_t)n < size)
		return n;
	explicit_bzero(buf, size);
	s->res->auth = SESS_AUTH_NO_PASSWORD;
	after_login(s);
	return -1;
}

void sess_login_done(struct sess *s, bool ok, const char *why,
		     const struct line_reply *r, int code)
{
	if (!ok) {
		s->res->auth = SESS_AUTH_FAILED;
		sess_fail(s, SESS_OUT_AUTH_FAILED, why, r, code);
		return;
	}
	s->res->auth = SESS_AUTH_OK;
	sess_step_done(s->res, SESS_STEP_AUTH, loop_now(s->loop));
	after_login(s);
}

/* The reply to STARTTLS: the handshake on the go-ahead. */
static void on_go_ahead(struct sess *s, const struct line_reply *r, int code)
{
	if (code != s->proto->go_ahead) {
		fail_no_starttls(s, "refused", r, code);
		return;
	}
	struct md_err err;
	if (line_start_tls(s->line, s->p.tls, s->p.host, &err) != MD_OK) {
		/* Plaintext after the go-ahead: no TLS here. */
		s->res->outcome = SESS_OUT_TLS_FAILED;
		s->res->tls_tried = true;
		s->res->tls.failure = TLS_FAIL_NOT_TLS;
		snprintf(s->res->tls.detail, sizeof s->res->tls.detail,
			 "%.150s", err.text);
		snprintf(s->res->detail, sizeof s->res->detail, "%.200s",
			 err.text);
		finish(s);
		return;
	}
	sess_enter(s, SESS_ST_TLS);
}

static void on_reply(struct sess *s, const struct line_reply *r)
{
	if (s->state == SESS_ST_QUIT) {
		finish(s);
		return;
	}
	int code = s->proto->reply_code(s, r);
	if (code < 0) {
		sess_fail(s, SESS_OUT_PROTOCOL_ERROR, "malformed reply", r, 0);
		return;
	}
	if (s->state == SESS_ST_GREETING) {
		size_t n = strcspn(r->text, "\n");
		snprintf(s->res->greeting, sizeof s->res->greeting, "%.*s",
			 (int)n, r->text);
	}
	if (s->state == SESS_ST_STARTTLS) {
		on_go_ahead(s, r, code);
		return;
	}
	sess_reply_fn *fn = (size_t)s->state < s->proto->n_states
				? s->proto->states[s->state].on_reply
				: NULL;
	if (!fn) {
		s->res->outcome = SESS_OUT_ERROR;
		snprintf(s->res->detail, sizeof s->res->detail,
			 "internal error: reply in state %s",
			 state_name(s, s->state));
		finish(s);
		return;
	}
	fn(s, r, code);
}

static void on_tls(struct sess *s)
{
	s->res->tls_tried = true;
	s->res->tls = *line_tls_info(s->line);
	sess_step_done(s->res, SESS_STEP_TLS, loop_now(s->loop));
	switch (s->state) {
	case SESS_ST_TLS_IMPLICIT:
		s->res->security = SESS_SEC_TLS;
		sess_enter(s, SESS_ST_GREETING);
		line_expect(s->line);
		return;
	case SESS_ST_TLS:
		s->res->security = SESS_SEC_STARTTLS;
		sess_result_forget_caps(s->res);
		s->proto->caps_again(s);
		return;
	default:
		s->res->outcome = SESS_OUT_ERROR;
		finish(s);
		return;
	}
}

static bool is_last(void *ud, const char *line, size_t len, size_t index)
{
	struct sess *s = ud;
	return s->proto->is_last(s, line, len, index);
}

static void on_line_event(void *ud, enum line_event ev)
{
	struct sess *s = ud;
	switch (ev) {
	case LINE_EV_REPLY:
		on_reply(s, line_reply(s->line));
		return;
	case LINE_EV_TLS:
		on_tls(s);
		return;
	case LINE_EV_FAIL:
		/* A failure while saying goodbye changes nothing. */
		if (s->state != SESS_ST_QUIT) {
			s->res->step = state_step(s, s->state);
			fail_from_line(s->res, s->line);
		}
		finish(s);
		return;
	}
}

static const struct line_ops sess_line_ops = {is_last, on_line_event};

struct sess *sess_start(struct loop *loop, int fd,
			const struct sess_proto *proto,
			const struct sess_params *p, struct sess_result *res,
			struct md_err *err)
{
	struct sess *s = calloc(1, sizeof *s);
	void *data = calloc(1, proto->data_size ? proto->data_size : 1);
	if (!s || !data) {
		free(s);
		free(data);
		sock_close(fd);
		md_err_set(err, MD_ERR_NOMEM, NULL, 0, "%s",
			   _("out of memory"));
		return NULL;
	}
	*s = (struct sess){.proto = proto,
			   .loop = loop,
			   .fd = fd,
			   .p = *p,
			   .res = res,
			   .state = SESS_ST_INIT,
			   .data = data};
	struct line_params lp = {.fd = fd,
				 .ops = &sess_line_ops,
				 .ud = s,
				 .reply_timeout_ms = p->reply_timeout_ms,
				 .ts = p->ts};
	s->line = line_new(loop, &lp, err);
	if (!s->line) {
		sess_free(s);
		return NULL;
	}
	if (p->security == SESS_SEC_TLS) {
		sess_enter(s, SESS_ST_TLS_IMPLICIT);
		if (line_start_tls(s->line, p->tls, p->host, err) != MD_OK) {
			sess_free(s);
			return NULL;
		}
		return s;
	}
	sess_enter(s, SESS_ST_GREETING);
	line_expect(s->line);
	return s;
}

void sess_free(struct sess *s)
{
	if (!s)
		return;
	line_free(s->line);
	free(s->data);
	free(s);
}
