/* pop3.c — the POP3 probe dialogue as one state machine over the shared
 * line engine. Replies are one "+OK"/"-ERR" line, except a positive CAPA
 * reply, which runs to a line holding a single ".". */
#include "core/proto/pop3.h"
#include "core/base/i18n.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#define POP3_STATE_LIST(X)                                                    \
	X(POP3_ST_INIT)                                                       \
	X(POP3_ST_TLS_IMPLICIT)                                               \
	X(POP3_ST_GREETING)                                                   \
	X(POP3_ST_CAPA)                                                       \
	X(POP3_ST_STLS)                                                       \
	X(POP3_ST_TLS)                                                        \
	X(POP3_ST_CAPA_TLS)                                                   \
	X(POP3_ST_USER)                                                       \
	X(POP3_ST_PASS)                                                       \
	X(POP3_ST_QUIT)                                                       \
	X(POP3_ST_DONE)

enum pop3_state {
#define POP3_X_ENUM(name) name,
	POP3_STATE_LIST(POP3_X_ENUM)
#undef POP3_X_ENUM
};

static const char *const state_names[] = {
#define POP3_X_NAME(name) #name,
	POP3_STATE_LIST(POP3_X_NAME)
#undef POP3_X_NAME
};

struct pop3 {
	struct loop *loop;
	struct line *line;
	struct sess_params p;
	struct sess_result *res;
	enum pop3_state state;
	bool user_cap; /* USER advertised (or CAPA unknown) */
};

static enum sess_step state_step(enum pop3_state st)
{
	switch (st) {
	case POP3_ST_TLS_IMPLICIT:
	case POP3_ST_STLS:
	case POP3_ST_TLS:
		return SESS_STEP_TLS;
	case POP3_ST_INIT:
	case POP3_ST_GREETING:
		return SESS_STEP_GREETING;
	case POP3_ST_CAPA:
	case POP3_ST_CAPA_TLS:
		return SESS_STEP_CAPS;
	case POP3_ST_USER:
	case POP3_ST_PASS:
		return SESS_STEP_AUTH;
	case POP3_ST_QUIT:
		return SESS_STEP_QUIT;
	default:
		return SESS_STEP_DONE;
	}
}

/* The one state setter: traces the transition and reports a new step. */
static void enter_state(struct pop3 *s, enum pop3_state next)
{
	sess_enter(&s->p, s->res, state_names[s->state], state_names[next],
		   state_step(s->state), state_step(next),
		   s->state == POP3_ST_INIT, loop_now(s->loop));
	s->state = next;
}

static void finish(struct pop3 *s)
{
	sess_close_line(s->res, &s->line);
	enter_state(s, POP3_ST_DONE);
	sess_step_done(s->res, SESS_STEP_DONE, loop_now(s->loop));
	s->p.on_done(s->p.ud);
}

static void send_cmd(struct pop3 *s, enum pop3_state next, const char *cmd)
{
	if (line_send(s->line, cmd, strlen(cmd)) != MD_OK) {
		s->res->outcome = SESS_OUT_ERROR;
		finish(s);
		return;
	}
	enter_state(s, next);
}

static void fail_reply(struct pop3 *s, enum sess_outcome o, const char *why,
		       const struct line_reply *r)
{
	s->res->outcome = o;
	s->res->step = state_step(s->state);
	if (r)
		sess_set_reply(s->res, r->text, r->len);
	snprintf(s->res->detail, sizeof s->res->detail, "%s", why);
	send_cmd(s, POP3_ST_QUIT, "QUIT");
}

static bool is_ok(const struct line_reply *r)
{
	return r->len >= 3 && strncmp(r->text, "+OK", 3) == 0 &&
	       (r->len == 3 || r->text[3] == ' ' || r->text[3] == '\n');
}

size_t pop3_parse_capa(struct sess_result *res, const char *text, size_t len)
{
	struct line_reply r = {text, len, 1};
	size_t pos = 0, n, count = 0;
	const char *l;
	bool first = true;
	while (line_reply_next(&r, &pos, &l, &n)) {
		if (first) {
			first = false;
			continue;
		}
		if (n == 1 && l[0] == '.')
			break;
		if (n > 0 && l[0] == '.') {
			l++;
			n--;
		}
		size_t wl = 0;
		while (wl < n && l[wl] != ' ')
			wl++;
		if (wl == 0)
			continue;
		sess_add_cap(res, l, wl);
		count++;
		if (wl == 4 && strncasecmp(l, "STLS", 4) == 0)
			res->starttls_offered = true;
		if (wl == 4 && strncasecmp(l, "SASL", 4) == 0) {
			size_t p = wl;
			while (p < n) {
				while (p < n && l[p] == ' ')
					p++;
				size_t st = p;
				while (p < n && l[p] != ' ')
					p++;
				if (p > st)
					sess_add_mech(res, l + st, p - st);
			}
		}
	}
	return count;
}

static void quit(struct pop3 *s)
{
	send_cmd(s, POP3_ST_QUIT, "QUIT");
}

static void after_caps(struct pop3 *s)
{
	enum sess_auth why;
	sess_step_done(s->res, SESS_STEP_CAPS, loop_now(s->loop));
	if (!s->p.user) {
		quit(s);
	} else if (!sess_login_allowed(s->line, s->p.auth_insecure, &why)) {
		s->res->auth = why;
		quit(s);
	} else if (!s->user_cap || !s->p.password) {
		s->res->auth = s->p.password ? SESS_AUTH_NO_MECH
					     : SESS_AUTH_NO_PASSWORD;
		quit(s);
	} else {
		char cmd[600];
		if (strpbrk(s->p.user, "\r\n") || strlen(s->p.user) > 500) {
			s->res->auth = SESS_AUTH_NO_MECH;
			quit(s);
			return;
		}
		snprintf(cmd, sizeof cmd, "USER %s", s->p.user);
		send_cmd(s, POP3_ST_USER, cmd);
	}
}

static void after_hello(struct pop3 *s)
{
	bool want = s->p.security == SESS_SEC_STARTTLS ||
		    (s->p.security == SESS_SEC_AUTO &&
		     s->res->starttls_offered);
	if (!line_is_tls(s->line) && want) {
		if (!s->res->starttls_offered) {
			s->res->tls_tried = true;
			s->res->tls.failure = TLS_FAIL_NOT_OFFERED;
			fail_reply(s, SESS_OUT_TLS_FAILED,
				   "STLS is not offered", NULL);
			return;
		}
		send_cmd(s, POP3_ST_STLS, "STLS");
		return;
	}
	after_caps(s);
}

static void send_pass(struct pop3 *s)
{
	char pw[512], cmd[600];
	int n = s->p.password(s->p.password_ud, s->p.user, pw, sizeof pw);
	if (n < 0 || strpbrk(pw, "\r\n")) {
		explicit_bzero(pw, sizeof pw);
		s->res->auth = SESS_AUTH_NO_PASSWORD;
		quit(s);
		return;
	}
	snprintf(cmd, sizeof cmd, "PASS %s", pw);
	explicit_bzero(pw, sizeof pw);
	send_cmd(s, POP3_ST_PASS, cmd);
	explicit_bzero(cmd, sizeof cmd);
}

static void on_reply(struct pop3 *s, const struct line_reply *r)
{
	bool ok = is_ok(r);
	switch (s->state) {
	case POP3_ST_GREETING: {
		size_t n = strcspn(r->text, "\n");
		snprintf(s->res->greeting, sizeof s->res->greeting, "%.*s",
			 (int)n, r->text);
		if (!ok) {
			bool err = strncmp(r->text, "-ERR", 4) == 0;
			fail_reply(s,
				   err ? SESS_OUT_REJECTED
				       : SESS_OUT_PROTOCOL_ERROR,
				   err ? "the server refused the connection"
				       : "malformed greeting",
				   r);
			return;
		}
		send_cmd(s, POP3_ST_CAPA, "CAPA");
		return;
	}
	case POP3_ST_CAPA:
	case POP3_ST_CAPA_TLS:
		if (ok) {
			pop3_parse_capa(s->res, r->text, r->len);
			s->user_cap = sess_has_cap(s->res, "USER");
		} else {
			s->user_cap = true; /* old server: USER is basic */
		}
		after_hello(s);
		return;
	case POP3_ST_STLS: {
		if (!ok) {
			s->res->tls_tried = true;
			s->res->tls.failure = TLS_FAIL_NOT_OFFERED;
			fail_reply(s, SESS_OUT_TLS_FAILED, "STLS refused", r);
			return;
		}
		struct md_err err;
		if (line_start_tls(s->line, s->p.tls, s->p.host, &err) !=
		    MD_OK) {
			/* Plaintext after the go-ahead: no TLS here. */
			s->res->outcome = SESS_OUT_TLS_FAILED;
			s->res->tls_tried = true;
			s->res->tls.failure = TLS_FAIL_NOT_TLS;
			snprintf(s->res->tls.detail, sizeof s->res->tls.detail,
				 "%.150s", err.text);
			snprintf(s->res->detail, sizeof s->res->detail,
				 "%.200s", err.text);
			finish(s);
			return;
		}
		enter_state(s, POP3_ST_TLS);
		return;
	}
	case POP3_ST_USER:
		if (!ok) {
			s->res->auth = SESS_AUTH_FAILED;
			fail_reply(s, SESS_OUT_AUTH_FAILED, "user refused", r);
			return;
		}
		send_pass(s);
		return;
	case POP3_ST_PASS:
		if (!ok) {
			s->res->auth = SESS_AUTH_FAILED;
			fail_reply(s, SESS_OUT_AUTH_FAILED, "login refused", r);
			return;
		}
		s->res->auth = SESS_AUTH_OK;
		sess_step_done(s->res, SESS_STEP_AUTH, loop_now(s->loop));
		quit(s);
		return;
	case POP3_ST_QUIT:
		finish(s);
		return;
	default:
		s->res->outcome = SESS_OUT_ERROR;
		snprintf(s->res->detail, sizeof s->res->detail,
			 "internal error: reply in state %s",
			 state_names[s->state]);
		finish(s);
		return;
	}
}

static void on_tls(struct pop3 *s)
{
	s->res->tls_tried = true;
	s->res->tls = *line_tls_info(s->line);
	sess_step_done(s->res, SESS_STEP_TLS, loop_now(s->loop));
	switch (s->state) {
	case POP3_ST_TLS_IMPLICIT:
		s->res->security = SESS_SEC_TLS;
		enter_state(s, POP3_ST_GREETING);
		line_expect(s->line);
		return;
	case POP3_ST_TLS:
		s->res->security = SESS_SEC_STARTTLS;
		sess_result_forget_caps(s->res);
		send_cmd(s, POP3_ST_CAPA_TLS, "CAPA");
		return;
	default:
		s->res->outcome = SESS_OUT_ERROR;
		finish(s);
		return;
	}
}

static bool is_last(void *ud, const char *line, size_t len, size_t index)
{
	struct pop3 *s = ud;
	bool capa = s->state == POP3_ST_CAPA || s->state == POP3_ST_CAPA_TLS;
	if (!capa)
		return true;
	if (index == 0)
		return !(len >= 3 && strncmp(line, "+OK", 3) == 0);
	return len == 1 && line[0] == '.';
}

static void on_line_event(void *ud, enum line_event ev)
{
	struct pop3 *s = ud;
	switch (ev) {
	case LINE_EV_REPLY:
		on_reply(s, line_reply(s->line));
		return;
	case LINE_EV_TLS:
		on_tls(s);
		return;
	case LINE_EV_FAIL:
		if (s->state != POP3_ST_QUIT) {
			s->res->step = state_step(s->state);
			sess_fail_from_line(s->res, s->line);
		}
		finish(s);
		return;
	}
}

static const struct line_ops pop3_line_ops = {is_last, on_line_event};

struct pop3 *pop3_start(struct loop *loop, int fd, const struct sess_params *p,
			struct sess_result *res, struct md_err *err)
{
	struct pop3 *s = calloc(1, sizeof *s);
	if (!s) {
		close(fd);
		md_err_set(err, MD_ERR_NOMEM, NULL, 0, "%s", _("out of memory"));
		return NULL;
	}
	s->loop = loop;
	s->p = *p;
	s->res = res;
	struct line_params lp = {
		.fd = fd,
		.ops = &pop3_line_ops,
		.ud = s,
		.reply_timeout_ms = p->reply_timeout_ms,
		.ts = p->ts,
	};
	s->line = line_new(loop, &lp, err);
	if (!s->line) {
		free(s);
		return NULL;
	}
	if (p->security == SESS_SEC_TLS) {
		enter_state(s, POP3_ST_TLS_IMPLICIT);
		if (line_start_tls(s->line, p->tls, p->host, err) != MD_OK) {
			pop3_free(s);
			return NULL;
		}
		return s;
	}
	enter_state(s, POP3_ST_GREETING);
	line_expect(s->line);
	return s;
}

void pop3_free(struct pop3 *s)
{
	if (!s)
		return;
	line_free(s->line);
	free(s);
}
