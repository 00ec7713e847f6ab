/* imap.c — the IMAP probe dialogue as one state machine over the shared
 * line engine. Commands are tagged a1, a2, …; a reply ends with the line
 * that carries the tag (the greeting: with its one untagged line). */
#include "core/proto/imap.h"
#include "core/base/i18n.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#define IMAP_STATE_LIST(X)                                                    \
	X(IMAP_ST_INIT)                                                       \
	X(IMAP_ST_TLS_IMPLICIT)                                               \
	X(IMAP_ST_GREETING)                                                   \
	X(IMAP_ST_CAPABILITY)                                                 \
	X(IMAP_ST_STARTTLS)                                                   \
	X(IMAP_ST_TLS)                                                        \
	X(IMAP_ST_CAPABILITY_TLS)                                             \
	X(IMAP_ST_LOGIN)                                                      \
	X(IMAP_ST_LOGOUT)                                                     \
	X(IMAP_ST_DONE)

enum imap_state {
#define IMAP_X_ENUM(name) name,
	IMAP_STATE_LIST(IMAP_X_ENUM)
#undef IMAP_X_ENUM
};

static const char *const state_names[] = {
#define IMAP_X_NAME(name) #name,
	IMAP_STATE_LIST(IMAP_X_NAME)
#undef IMAP_X_NAME
};

struct imap {
	struct loop *loop;
	struct line *line;
	struct sess_params p;
	struct sess_result *res;
	enum imap_state state;
	unsigned tagno;
	char tag[16];         /* tag of the command awaiting its reply */
	bool login_disabled;  /* LOGINDISABLED advertised */
};

static enum sess_step state_step(enum imap_state st)
{
	switch (st) {
	case IMAP_ST_TLS_IMPLICIT:
	case IMAP_ST_STARTTLS:
	case IMAP_ST_TLS:
		return SESS_STEP_TLS;
	case IMAP_ST_INIT:
	case IMAP_ST_GREETING:
		return SESS_STEP_GREETING;
	case IMAP_ST_CAPABILITY:
	case IMAP_ST_CAPABILITY_TLS:
		return SESS_STEP_CAPS;
	case IMAP_ST_LOGIN:
		return SESS_STEP_AUTH;
	case IMAP_ST_LOGOUT:
		return SESS_STEP_QUIT;
	default:
		return SESS_STEP_DONE;
	}
}

/* The one state setter: traces the transition and reports a new step. */
static void enter_state(struct imap *s, enum imap_state next)
{
	sess_enter(&s->p, s->res, state_names[s->state], state_names[next],
		   state_step(s->state), state_step(next),
		   s->state == IMAP_ST_INIT, loop_now(s->loop));
	s->state = next;
}

static void finish(struct imap *s)
{
	sess_close_line(s->res, &s->line);
	enter_state(s, IMAP_ST_DONE);
	sess_step_done(s->res, SESS_STEP_DONE, loop_now(s->loop));
	s->p.on_done(s->p.ud);
}

/* Send "<tag> <cmd>" and enter next. shown_secret: the line carries a
 * password (the transcript redacts LOGIN by its grammar). */
static void send_cmd(struct imap *s, enum imap_state next, const char *cmd)
{
	char buf[1200];
	snprintf(s->tag, sizeof s->tag, "a%u", ++s->tagno);
	int n = snprintf(buf, sizeof buf, "%s %s", s->tag, cmd);
	if (n < 0 || (size_t)n >= sizeof buf)
		n = (int)strlen(buf);
	enum md_status st = line_send(s->line, buf, (size_t)n);
	explicit_bzero(buf, sizeof buf);
	if (st != MD_OK) {
		s->res->outcome = SESS_OUT_ERROR;
		finish(s);
		return;
	}
	enter_state(s, next);
}

static void fail_reply(struct imap *s, enum sess_outcome o, const char *why,
		       const struct line_reply *r)
{
	s->res->outcome = o;
	s->res->step = state_step(s->state);
	if (r)
		sess_set_reply(s->res, r->text, r->len);
	snprintf(s->res->detail, sizeof s->res->detail, "%s", why);
	send_cmd(s, IMAP_ST_LOGOUT, "LOGOUT");
}

enum imap_status imap_line_status(const char *line, size_t len,
				  const char *tag)
{
	size_t tl = strlen(tag);
	if (len < tl + 1 || strncmp(line, tag, tl) != 0 || line[tl] != ' ')
		return IMAP_OTHER;
	const char *w = line + tl + 1;
	size_t n = len - tl - 1, wl = 0;
	while (wl < n && w[wl] != ' ')
		wl++;
	static const struct {
		const char *word;
		enum imap_status st;
	} words[] = {{"OK", IMAP_OK},	{"NO", IMAP_NO},
		     {"BAD", IMAP_BAD}, {"BYE", IMAP_BYE},
		     {"PREAUTH", IMAP_PREAUTH}};
	for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
		if (wl == strlen(words[i].word) &&
		    strncasecmp(w, words[i].word, wl) == 0)
			return words[i].st;
	return IMAP_OTHER;
}

size_t imap_parse_caps(struct sess_result *res, const char *text, size_t len)
{
	size_t pos = 0, taken = 0;
	while (pos < len && text[pos] != ']') {
		while (pos < len && text[pos] == ' ')
			pos++;
		size_t st = pos;
		while (pos < len && text[pos] != ' ' && text[pos] != ']')
			pos++;
		size_t wl = pos - st;
		if (wl == 0)
			continue;
		const char *w = text + st;
		sess_add_cap(res, w, wl);
		taken++;
		if (wl > 5 && strncasecmp(w, "AUTH=", 5) == 0)
			sess_add_mech(res, w + 5, wl - 5);
		else if (wl == 8 && strncasecmp(w, "STARTTLS", 8) == 0)
			res->starttls_offered = true;
	}
	return taken;
}

/* Find "CAPABILITY " in a line (untagged response or response code) and
 * parse what follows. Returns true when found. */
static bool caps_in_line(struct imap *s, const char *l, size_t n)
{
	for (size_t i = 0; i + 11 <= n; i++)
		if (strncasecmp(l + i, "CAPABILITY ", 11) == 0 &&
		    (i == 0 || l[i - 1] == ' ' || l[i - 1] == '[')) {
			sess_result_forget_caps(s->res);
			imap_parse_caps(s->res, l + i + 11, n - i - 11);
			s->login_disabled = sess_has_cap(s->res,
							 "LOGINDISABLED");
			return true;
		}
	return false;
}

/* Status of the tagged line that ends r; untagged lines are scanned for
 * capabilities. */
static enum imap_status tagged_status(struct imap *s,
				      const struct line_reply *r)
{
	size_t pos = 0, n;
	const char *l;
	enum imap_status st = IMAP_OTHER;
	while (line_reply_next(r, &pos, &l, &n)) {
		if (n > 2 && l[0] == '*' && l[1] == ' ')
			caps_in_line(s, l + 2, n - 2);
		else
			st = imap_line_status(l, n, s->tag);
	}
	return st;
}

/* Quote s as an IMAP quoted string into out; false when it cannot be
 * (CR, LF, NUL, or too long). */
static bool quote(const char *s, char *out, size_t outsz)
{
	size_t o = 0;
	out[o++] = '"';
	for (; *s; s++) {
		if (*s == '\r' || *s == '\n' || o + 4 >= outsz)
			return false;
		if (*s == '"' || *s == '\\')
			out[o++] = '\\';
		out[o++] = *s;
	}
	out[o++] = '"';
	out[o] = '\0';
	return true;
}

static void logout(struct imap *s)
{
	send_cmd(s, IMAP_ST_LOGOUT, "LOGOUT");
}

static void send_login(struct imap *s)
{
	char pw[512], qu[600], qp[1100], cmd[1800];
	int n = s->p.password(s->p.password_ud, s->p.user, pw, sizeof pw);
	if (n < 0) {
		explicit_bzero(pw, sizeof pw);
		s->res->auth = SESS_AUTH_NO_PASSWORD;
		logout(s);
		return;
	}
	bool ok = quote(s->p.user, qu, sizeof qu) && quote(pw, qp, sizeof qp);
	explicit_bzero(pw, sizeof pw);
	if (!ok) {
		explicit_bzero(qp, sizeof qp);
		s->res->auth = SESS_AUTH_NO_MECH;
		logout(s);
		return;
	}
	snprintf(cmd, sizeof cmd, "LOGIN %s %s", qu, qp);
	explicit_bzero(qp, sizeof qp);
	send_cmd(s, IMAP_ST_LOGIN, cmd);
	explicit_bzero(cmd, sizeof cmd);
}

static void after_caps(struct imap *s)
{
	enum sess_auth why;
	sess_step_done(s->res, SESS_STEP_CAPS, loop_now(s->loop));
	if (!s->p.user) {
		logout(s);
	} else if (!sess_login_allowed(s->line, s->p.auth_insecure, &why)) {
		s->res->auth = why;
		logout(s);
	} else if (s->login_disabled || !s->p.password) {
		s->res->auth = s->p.password ? SESS_AUTH_NO_MECH
					     : SESS_AUTH_NO_PASSWORD;
		logout(s);
	} else {
		send_login(s);
	}
}

/* Capabilities known: STARTTLS when wanted, else go on. */
static void after_hello(struct imap *s)
{
	bool want = s->p.security == SESS_SEC_STARTTLS ||
		    (s->p.security == SESS_SEC_AUTO &&
		     s->res->starttls_offered);
	if (!line_is_tls(s->line) && want) {
		if (!s->res->starttls_offered) {
			s->res->tls_tried = true;
			s->res->tls.failure = TLS_FAIL_NOT_OFFERED;
			fail_reply(s, SESS_OUT_TLS_FAILED,
				   "STARTTLS is not offered", NULL);
			return;
		}
		send_cmd(s, IMAP_ST_STARTTLS, "STARTTLS");
		return;
	}
	after_caps(s);
}

static void on_reply(struct imap *s, const struct line_reply *r)
{
	switch (s->state) {
	case IMAP_ST_GREETING: {
		size_t n = strcspn(r->text, "\n");
		snprintf(s->res->greeting, sizeof s->res->greeting, "%.*s",
			 (int)n, r->text);
		enum imap_status st = imap_line_status(r->text, n, "*");
		if (st == IMAP_BYE) {
			fail_reply(s, SESS_OUT_REJECTED,
				   "the server refused the connection", r);
			return;
		}
		if (st != IMAP_OK && st != IMAP_PREAUTH) {
			fail_reply(s, SESS_OUT_PROTOCOL_ERROR,
				   "malformed greeting", r);
			return;
		}
		if (caps_in_line(s, r->text + 2, n - 2)) {
			enter_state(s, IMAP_ST_CAPABILITY);
			after_hello(s);
			return;
		}
		send_cmd(s, IMAP_ST_CAPABILITY, "CAPABILITY");
		return;
	}
	case IMAP_ST_CAPABILITY:
	case IMAP_ST_CAPABILITY_TLS:
		if (tagged_status(s, r) != IMAP_OK) {
			fail_reply(s, SESS_OUT_PROTOCOL_ERROR,
				   "CAPABILITY failed", r);
			return;
		}
		after_hello(s);
		return;
	case IMAP_ST_STARTTLS: {
		if (tagged_status(s, r) != IMAP_OK) {
			s->res->tls_tried = true;
			s->res->tls.failure = TLS_FAIL_NOT_OFFERED;
			fail_reply(s, SESS_OUT_TLS_FAILED, "STARTTLS refused",
				   r);
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
		enter_state(s, IMAP_ST_TLS);
		return;
	}
	case IMAP_ST_LOGIN: {
		enum imap_status st = tagged_status(s, r);
		if (st == IMAP_OK) {
			s->res->auth = SESS_AUTH_OK;
			sess_step_done(s->res, SESS_STEP_AUTH,
				       loop_now(s->loop));
			logout(s);
			return;
		}
		s->res->auth = SESS_AUTH_FAILED;
		fail_reply(s, SESS_OUT_AUTH_FAILED, "login refused", r);
		return;
	}
	case IMAP_ST_LOGOUT:
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

static void on_tls(struct imap *s)
{
	s->res->tls_tried = true;
	s->res->tls = *line_tls_info(s->line);
	sess_step_done(s->res, SESS_STEP_TLS, loop_now(s->loop));
	switch (s->state) {
	case IMAP_ST_TLS_IMPLICIT:
		s->res->security = SESS_SEC_TLS;
		enter_state(s, IMAP_ST_GREETING);
		line_expect(s->line);
		return;
	case IMAP_ST_TLS:
		s->res->security = SESS_SEC_STARTTLS;
		sess_result_forget_caps(s->res);
		send_cmd(s, IMAP_ST_CAPABILITY_TLS, "CAPABILITY");
		return;
	default:
		s->res->outcome = SESS_OUT_ERROR;
		finish(s);
		return;
	}
}

static bool is_last(void *ud, const char *line, size_t len, size_t index)
{
	struct imap *s = ud;
	(void)index;
	if (s->state == IMAP_ST_GREETING)
		return true;
	if (len >= 2 && line[0] == '+' && line[1] == ' ')
		return true; /* a continuation: we never send literals */
	return imap_line_status(line, len, s->tag) != IMAP_OTHER;
}

static void on_line_event(void *ud, enum line_event ev)
{
	struct imap *s = ud;
	switch (ev) {
	case LINE_EV_REPLY:
		on_reply(s, line_reply(s->line));
		return;
	case LINE_EV_TLS:
		on_tls(s);
		return;
	case LINE_EV_FAIL:
		if (s->state != IMAP_ST_LOGOUT) {
			s->res->step = state_step(s->state);
			sess_fail_from_line(s->res, s->line);
		}
		finish(s);
		return;
	}
}

static const struct line_ops imap_line_ops = {is_last, on_line_event};

struct imap *imap_start(struct loop *loop, int fd, const struct sess_params *p,
			struct sess_result *res, struct md_err *err)
{
	struct imap *s = calloc(1, sizeof *s);
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
		.ops = &imap_line_ops,
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
		enter_state(s, IMAP_ST_TLS_IMPLICIT);
		if (line_start_tls(s->line, p->tls, p->host, err) != MD_OK) {
			imap_free(s);
			return NULL;
		}
		return s;
	}
	enter_state(s, IMAP_ST_GREETING);
	line_expect(s->line);
	return s;
}

void imap_free(struct imap *s)
{
	if (!s)
		return;
	line_free(s->line);
	free(s);
}
