/* smtp.c — the SMTP probe dialogue as one state machine over the shared
 * line engine (after OpenSMTPD's mta_session.c: one enter_state() that
 * traces "A -> B", extensions forgotten after STARTTLS, AUTH refused on an
 * insecure channel unless asked for). */
#include "core/proto/smtp.h"
#include "core/base/i18n.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#define SMTP_STATE_LIST(X)                                                    \
	X(SMTP_ST_INIT)                                                       \
	X(SMTP_ST_TLS_IMPLICIT) /* TLS before the greeting (465) */           \
	X(SMTP_ST_GREETING)                                                   \
	X(SMTP_ST_EHLO)                                                       \
	X(SMTP_ST_HELO)                                                       \
	X(SMTP_ST_STARTTLS)                                                   \
	X(SMTP_ST_TLS)          /* handshake after STARTTLS */                \
	X(SMTP_ST_EHLO_TLS)     /* EHLO again, inside TLS */                  \
	X(SMTP_ST_AUTH)         /* AUTH PLAIN sent, or AUTH LOGIN sent */     \
	X(SMTP_ST_AUTH_USER)    /* LOGIN: user name sent */                   \
	X(SMTP_ST_AUTH_PASS)    /* LOGIN: password sent */                    \
	X(SMTP_ST_MAIL)                                                       \
	X(SMTP_ST_RCPT)                                                       \
	X(SMTP_ST_RSET)                                                       \
	X(SMTP_ST_QUIT)                                                       \
	X(SMTP_ST_DONE)

enum smtp_state {
#define SMTP_X_ENUM(name) name,
	SMTP_STATE_LIST(SMTP_X_ENUM)
#undef SMTP_X_ENUM
};

static const char *const state_names[] = {
#define SMTP_X_NAME(name) #name,
	SMTP_STATE_LIST(SMTP_X_NAME)
#undef SMTP_X_NAME
};

struct smtp {
	struct loop *loop;
	struct line *line;
	struct sess_params p;
	struct sess_result *res;
	enum smtp_state state;
	bool login_mech;  /* AUTH LOGIN rather than PLAIN */
	char helo[80];
};

/* The step each state belongs to. */
static enum sess_step state_step(enum smtp_state st)
{
	switch (st) {
	case SMTP_ST_TLS_IMPLICIT:
	case SMTP_ST_STARTTLS:
	case SMTP_ST_TLS:
		return SESS_STEP_TLS;
	case SMTP_ST_INIT:
	case SMTP_ST_GREETING:
		return SESS_STEP_GREETING;
	case SMTP_ST_EHLO:
	case SMTP_ST_HELO:
	case SMTP_ST_EHLO_TLS:
		return SESS_STEP_CAPS;
	case SMTP_ST_AUTH:
	case SMTP_ST_AUTH_USER:
	case SMTP_ST_AUTH_PASS:
		return SESS_STEP_AUTH;
	case SMTP_ST_MAIL:
	case SMTP_ST_RCPT:
	case SMTP_ST_RSET:
		return SESS_STEP_DRYRUN;
	case SMTP_ST_QUIT:
		return SESS_STEP_QUIT;
	default:
		return SESS_STEP_DONE;
	}
}

/* The one state setter: traces the transition and reports a new step. */
static void enter_state(struct smtp *s, enum smtp_state next)
{
	sess_enter(&s->p, s->res, state_names[s->state], state_names[next],
		   state_step(s->state), state_step(next),
		   s->state == SMTP_ST_INIT, loop_now(s->loop));
	s->state = next;
}

/* Finish: close the line and call on_done as the very last thing. */
static void finish(struct smtp *s)
{
	sess_close_line(s->res, &s->line);
	enter_state(s, SMTP_ST_DONE);
	sess_step_done(s->res, SESS_STEP_DONE, loop_now(s->loop));
	s->p.on_done(s->p.ud);
}

static void send_cmd(struct smtp *s, enum smtp_state next, const char *fmt,
		     ...) __attribute__((format(printf, 3, 4)));

static void send_cmd(struct smtp *s, enum smtp_state next, const char *fmt,
		     ...)
{
	char buf[1024];
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	if (n < 0 || (size_t)n >= sizeof buf)
		n = (int)strlen(buf);
	enum md_status st = line_send(s->line, buf, (size_t)n);
	explicit_bzero(buf, sizeof buf);
	if (st == MD_ERR_USAGE && next != SMTP_ST_QUIT) {
		/* A value with a line break: not sent; leave politely. */
		s->res->outcome = SESS_OUT_ERROR;
		s->res->step = state_step(s->state);
		snprintf(s->res->detail, sizeof s->res->detail,
			 "a command would carry a line break: not sent");
		send_cmd(s, SMTP_ST_QUIT, "QUIT");
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
	enter_state(s, next);
}

/* Record a failure with the server's reply; then QUIT politely. */
static void fail_reply(struct smtp *s, enum sess_outcome o, const char *why,
		       const struct line_reply *r, int code)
{
	s->res->outcome = o;
	s->res->step = state_step(s->state);
	s->res->reply_code = code > 0 ? code : 0;
	if (r)
		sess_set_reply(s->res, r->text, r->len);
	snprintf(s->res->detail, sizeof s->res->detail, "%s", why);
	send_cmd(s, SMTP_ST_QUIT, "QUIT");
}

bool smtp_is_last_line(const char *line, size_t len)
{
	return !(len >= 4 && isdigit((unsigned char)line[0]) &&
		 isdigit((unsigned char)line[1]) &&
		 isdigit((unsigned char)line[2]) && line[3] == '-');
}

int smtp_reply_code(const char *text, size_t len)
{
	struct line_reply r = {text, len, 1};
	size_t pos = 0, n;
	const char *l;
	int code = -1;
	bool last_seen = false;
	while (line_reply_next(&r, &pos, &l, &n)) {
		if (last_seen || n < 3 || !isdigit((unsigned char)l[0]) ||
		    !isdigit((unsigned char)l[1]) ||
		    !isdigit((unsigned char)l[2]))
			return -1;
		int c = (l[0] - '0') * 100 + (l[1] - '0') * 10 + (l[2] - '0');
		if (c < 200 || c > 599 || (code >= 0 && c != code))
			return -1;
		code = c;
		if (n == 3 || l[3] == ' ')
			last_seen = true;
		else if (l[3] != '-')
			return -1;
	}
	return last_seen ? code : -1;
}

/* Words of s (len bytes) one by one: returns false at the end. */
static bool next_word(const char *s, size_t len, size_t *pos, const char **w,
		      size_t *wlen)
{
	while (*pos < len && (s[*pos] == ' ' || s[*pos] == '\t'))
		(*pos)++;
	if (*pos >= len)
		return false;
	*w = s + *pos;
	while (*pos < len && s[*pos] != ' ' && s[*pos] != '\t')
		(*pos)++;
	*wlen = (size_t)(s + *pos - *w);
	return true;
}

static bool word_eq(const char *w, size_t n, const char *lit)
{
	return n == strlen(lit) && strncasecmp(w, lit, n) == 0;
}

void smtp_parse_ehlo(struct sess_result *res, const char *text, size_t len)
{
	struct line_reply r = {text, len, 1};
	size_t pos = 0, n;
	const char *l;
	bool first = true;
	while (line_reply_next(&r, &pos, &l, &n)) {
		if (first || n < 5) {
			first = false;
			continue;
		}
		const char *kw = l + 4, *w;
		size_t kwlen = n - 4, wp = 0, wl;
		if (!next_word(kw, kwlen, &wp, &w, &wl))
			continue;
		sess_add_cap(res, w, wl);
		bool auth = word_eq(w, wl, "AUTH");
		if (wl > 5 && strncasecmp(w, "AUTH=", 5) == 0) {
			sess_add_mech(res, w + 5, wl - 5);
			auth = true;
		}
		if (word_eq(w, wl, "STARTTLS"))
			res->starttls_offered = true;
		else if (word_eq(w, wl, "PIPELINING"))
			res->pipelining = true;
		else if (word_eq(w, wl, "8BITMIME"))
			res->eightbitmime = true;
		else if (word_eq(w, wl, "SIZE") &&
			 next_word(kw, kwlen, &wp, &w, &wl)) {
			unsigned long v = 0;
			for (size_t i = 0; i < wl && isdigit((unsigned char)w[i]);
			     i++)
				v = v > 400000000000ul ? v : v * 10 + (unsigned long)(w[i] - '0');
			res->size_limit = v;
		}
		while (auth && next_word(kw, kwlen, &wp, &w, &wl))
			sess_add_mech(res, w, wl);
	}
}

static void start_dryrun_or_quit(struct smtp *s)
{
	if (s->p.mail_from && s->p.rcpt_to) {
		send_cmd(s, SMTP_ST_MAIL, "MAIL FROM:<%s>", s->p.mail_from);
		return;
	}
	send_cmd(s, SMTP_ST_QUIT, "QUIT");
}

/* Ask the password and send the AUTH line (PLAIN) or the LOGIN password.
 * Every copy of the secret is wiped before returning. */
static void send_secret(struct smtp *s, enum smtp_state next)
{
	char pw[512], raw[1100], b64[1500];
	int n = s->p.password ? s->p.password(s->p.password_ud, s->p.user, pw,
					      sizeof pw)
			      : -1;
	if (n < 0 || (size_t)n >= sizeof pw) {
		explicit_bzero(pw, sizeof pw);
		s->res->auth = SESS_AUTH_NO_PASSWORD;
		start_dryrun_or_quit(s);
		return;
	}
	size_t len;
	if (s->login_mech) {
		len = sess_base64(pw, (size_t)n, b64, sizeof b64);
	} else {
		size_t ul = strlen(s->p.user);
		if (ul + (size_t)n + 2 > sizeof raw)
			ul = sizeof raw - (size_t)n - 2;
		raw[0] = '\0';
		memcpy(raw + 1, s->p.user, ul);
		raw[1 + ul] = '\0';
		memcpy(raw + 2 + ul, pw, (size_t)n);
		memcpy(b64, "AUTH PLAIN ", 11);
		len = 11 + sess_base64(raw, ul + 2 + (size_t)n, b64 + 11,
				       sizeof b64 - 11);
	}
	explicit_bzero(pw, sizeof pw);
	explicit_bzero(raw, sizeof raw);
	line_secret(s->line, s->login_mech);
	enum md_status st = line_send(s->line, b64, len);
	explicit_bzero(b64, sizeof b64);
	line_secret(s->line, false);
	if (st != MD_OK) {
		s->res->outcome = SESS_OUT_ERROR;
		finish(s);
		return;
	}
	enter_state(s, next);
}

/* After the (last) EHLO: log in if asked, else the dry run, else QUIT. */
static void after_caps(struct smtp *s)
{
	if (!s->p.user) {
		start_dryrun_or_quit(s);
		return;
	}
	enum sess_auth why;
	if (!sess_login_allowed(s->line, s->p.auth_insecure, &why)) {
		/* Refuse to AUTH over an insecure channel. */
		s->res->auth = why;
		start_dryrun_or_quit(s);
		return;
	}
	if (sess_has_mech(s->res, "PLAIN")) {
		s->login_mech = false;
		send_secret(s, SMTP_ST_AUTH);
	} else if (sess_has_mech(s->res, "LOGIN")) {
		s->login_mech = true;
		send_cmd(s, SMTP_ST_AUTH, "AUTH LOGIN");
	} else {
		s->res->auth = SESS_AUTH_NO_MECH;
		start_dryrun_or_quit(s);
	}
}

/* After EHLO or HELO: STARTTLS when wanted, else go on. */
static void after_hello(struct smtp *s)
{
	bool want = s->p.security == SESS_SEC_STARTTLS ||
		    (s->p.security == SESS_SEC_AUTO &&
		     s->res->starttls_offered);
	if (!line_is_tls(s->line) && want) {
		if (!s->res->starttls_offered) {
			s->res->tls_tried = true;
			s->res->tls.failure = TLS_FAIL_NOT_OFFERED;
			fail_reply(s, SESS_OUT_TLS_FAILED,
				   "STARTTLS is not offered", NULL, 0);
			return;
		}
		send_cmd(s, SMTP_ST_STARTTLS, "STARTTLS");
		return;
	}
	sess_step_done(s->res, SESS_STEP_CAPS, loop_now(s->loop));
	after_caps(s);
}

static void on_reply(struct smtp *s, const struct line_reply *r)
{
	int code = smtp_reply_code(r->text, r->len);
	if (code < 0 && s->state != SMTP_ST_QUIT) {
		fail_reply(s, SESS_OUT_PROTOCOL_ERROR, "malformed reply", r, 0);
		return;
	}
	switch (s->state) {
	case SMTP_ST_GREETING: {
		size_t n = strcspn(r->text, "\n");
		snprintf(s->res->greeting, sizeof s->res->greeting, "%.*s",
			 (int)n, r->text);
		if (code != 220) {
			fail_reply(s, SESS_OUT_REJECTED,
				   "the server refused the connection", r,
				   code);
			return;
		}
		send_cmd(s, SMTP_ST_EHLO, "EHLO %s",
			 s->p.helo ? s->p.helo : s->helo);
		return;
	}
	case SMTP_ST_EHLO:
	case SMTP_ST_EHLO_TLS:
		if (code == 250) {
			smtp_parse_ehlo(s->res, r->text, r->len);
			after_hello(s);
		} else if (code >= 500 && code <= 502 &&
			   s->state == SMTP_ST_EHLO) {
			send_cmd(s, SMTP_ST_HELO, "HELO %s",
				 s->p.helo ? s->p.helo : s->helo);
		} else {
			fail_reply(s, SESS_OUT_REJECTED, "EHLO refused", r,
				   code);
		}
		return;
	case SMTP_ST_HELO:
		if (code != 250)
			fail_reply(s, SESS_OUT_REJECTED, "HELO refused", r,
				   code);
		else
			after_hello(s);
		return;
	case SMTP_ST_STARTTLS: {
		if (code != 220) {
			s->res->tls_tried = true;
			s->res->tls.failure = TLS_FAIL_NOT_OFFERED;
			fail_reply(s, SESS_OUT_TLS_FAILED, "STARTTLS refused",
				   r, code);
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
		enter_state(s, SMTP_ST_TLS);
		return;
	}
	case SMTP_ST_AUTH:
		if (s->login_mech && code == 334) {
			char b64[700];
			size_t ul = strlen(s->p.user);
			size_t n = sess_base64(s->p.user, ul > 500 ? 500 : ul,
					       b64, sizeof b64);
			line_secret(s->line, true);
			enum md_status st = line_send(s->line, b64, n);
			line_secret(s->line, false);
			if (st != MD_OK) {
				s->res->outcome = SESS_OUT_ERROR;
				finish(s);
				return;
			}
			enter_state(s, SMTP_ST_AUTH_USER);
			return;
		}
		/* fall through */
	case SMTP_ST_AUTH_PASS:
		if (code == 235) {
			s->res->auth = SESS_AUTH_OK;
			sess_step_done(s->res, SESS_STEP_AUTH,
				       loop_now(s->loop));
			start_dryrun_or_quit(s);
		} else {
			s->res->auth = SESS_AUTH_FAILED;
			fail_reply(s, SESS_OUT_AUTH_FAILED, "login refused", r,
				   code);
		}
		return;
	case SMTP_ST_AUTH_USER:
		if (code != 334) {
			s->res->auth = SESS_AUTH_FAILED;
			fail_reply(s, SESS_OUT_AUTH_FAILED, "login refused", r,
				   code);
			return;
		}
		send_secret(s, SMTP_ST_AUTH_PASS);
		return;
	case SMTP_ST_MAIL:
		if (code != 250) {
			fail_reply(s, SESS_OUT_REJECTED, "sender refused", r,
				   code);
			return;
		}
		send_cmd(s, SMTP_ST_RCPT, "RCPT TO:<%s>", s->p.rcpt_to);
		return;
	case SMTP_ST_RCPT:
		if (code != 250 && code != 251) {
			s->res->outcome = SESS_OUT_REJECTED;
			s->res->step = SESS_STEP_DRYRUN;
			s->res->reply_code = code;
			sess_set_reply(s->res, r->text, r->len);
			snprintf(s->res->detail, sizeof s->res->detail,
				 "recipient refused");
		} else {
			s->res->reply_code = code;
			sess_set_reply(s->res, r->text, r->len);
		}
		send_cmd(s, SMTP_ST_RSET, "RSET");
		return;
	case SMTP_ST_RSET:
		if (s->res->outcome == SESS_OUT_OK)
			sess_step_done(s->res, SESS_STEP_DRYRUN,
				       loop_now(s->loop));
		send_cmd(s, SMTP_ST_QUIT, "QUIT");
		return;
	case SMTP_ST_QUIT:
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

static void on_tls(struct smtp *s)
{
	s->res->tls_tried = true;
	s->res->tls = *line_tls_info(s->line);
	sess_step_done(s->res, SESS_STEP_TLS, loop_now(s->loop));
	switch (s->state) {
	case SMTP_ST_TLS_IMPLICIT:
		s->res->security = SESS_SEC_TLS;
		enter_state(s, SMTP_ST_GREETING);
		line_expect(s->line);
		return;
	case SMTP_ST_TLS:
		s->res->security = SESS_SEC_STARTTLS;
		sess_result_forget_caps(s->res);
		send_cmd(s, SMTP_ST_EHLO_TLS, "EHLO %s",
			 s->p.helo ? s->p.helo : s->helo);
		return;
	default:
		s->res->outcome = SESS_OUT_ERROR;
		finish(s);
		return;
	}
}

static bool is_last(void *ud, const char *line, size_t len, size_t index)
{
	(void)ud;
	(void)index;
	return smtp_is_last_line(line, len);
}

static void on_line_event(void *ud, enum line_event ev)
{
	struct smtp *s = ud;
	switch (ev) {
	case LINE_EV_REPLY:
		on_reply(s, line_reply(s->line));
		return;
	case LINE_EV_TLS:
		on_tls(s);
		return;
	case LINE_EV_FAIL:
		/* A failure while saying goodbye changes nothing. */
		if (s->state != SMTP_ST_QUIT) {
			s->res->step = state_step(s->state);
			sess_fail_from_line(s->res, s->line);
		}
		finish(s);
		return;
	}
}

static const struct line_ops smtp_line_ops = {is_last, on_line_event};

struct smtp *smtp_start(struct loop *loop, int fd, const struct sess_params *p,
			struct sess_result *res, struct md_err *err)
{
	struct smtp *s = calloc(1, sizeof *s);
	if (!s) {
		close(fd);
		md_err_set(err, MD_ERR_NOMEM, NULL, 0, "%s", _("out of memory"));
		return NULL;
	}
	s->loop = loop;
	s->p = *p;
	s->res = res;
	sess_helo_literal(fd, s->helo, sizeof s->helo);
	struct line_params lp = {
		.fd = fd,
		.ops = &smtp_line_ops,
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
		enter_state(s, SMTP_ST_TLS_IMPLICIT);
		if (line_start_tls(s->line, p->tls, p->host, err) != MD_OK) {
			smtp_free(s);
			return NULL;
		}
		return s;
	}
	enter_state(s, SMTP_ST_GREETING);
	line_expect(s->line);
	return s;
}

void smtp_free(struct smtp *s)
{
	if (!s)
		return;
	line_free(s->line);
	free(s);
}
