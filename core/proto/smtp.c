/* smtp.c — what is particular to SMTP in the one dialogue engine
 * (session.c): its states, reply codes ("250-" … "250 "), EHLO and its
 * extensions with the HELO fallback, AUTH PLAIN or LOGIN, and the dry run
 * (MAIL FROM, RCPT TO, RSET — never DATA). After OpenSMTPD's
 * mta_session.c: the extensions are asked again after STARTTLS. */
#include "core/proto/smtp.h"
#include "core/net/sock.h"
#include "core/proto/session_private.h"
#include "core/base/compat.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* X(state, step, its reply's handler) */
#define SMTP_STATE_LIST(X)                                                     \
	SESS_COMMON_STATES(X, SMTP_ST_, on_greeting)                           \
	X(SMTP_ST_EHLO, SESS_STEP_CAPS, on_ehlo)                               \
	X(SMTP_ST_HELO, SESS_STEP_CAPS, on_helo)                               \
	X(SMTP_ST_EHLO_TLS, SESS_STEP_CAPS, on_ehlo) /* again, inside TLS */   \
	X(SMTP_ST_AUTH, SESS_STEP_AUTH, on_auth)     /* PLAIN or LOGIN sent */ \
	X(SMTP_ST_AUTH_USER, SESS_STEP_AUTH, on_auth_user) /* LOGIN: user */   \
	X(SMTP_ST_AUTH_PASS, SESS_STEP_AUTH, on_auth_pass) /* LOGIN: pass */   \
	X(SMTP_ST_MAIL, SESS_STEP_DRYRUN, on_mail)                             \
	X(SMTP_ST_RCPT, SESS_STEP_DRYRUN, on_rcpt)                             \
	X(SMTP_ST_RSET, SESS_STEP_DRYRUN, on_rset)

enum smtp_state { SMTP_STATE_LIST(SESS_X_ENUM) };

struct smtp {
	bool login_mech; /* AUTH LOGIN rather than PLAIN */
	char helo[80];	 /* our address literal, once asked */
};

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
			uint64_t v = 0; /* 64 bits on both systems */
			for (size_t i = 0;
			     i < wl && isdigit((unsigned char)w[i]); i++)
				v = v > 400000000000ull
					? v
					: v * 10 + (uint64_t)(w[i] - '0');
			res->size_limit = v;
		}
		while (auth && next_word(kw, kwlen, &wp, &w, &wl))
			sess_add_mech(res, w, wl);
	}
}

/* The EHLO name: the one given, else our address literal ("[192.0.2.1]",
 * "[IPv6:2001:db8::1]", "localhost" when unknown). */
static const char *helo(struct sess *s)
{
	struct smtp *m = sess_data(s);
	char a[64];
	int family = 0;
	if (sess_p(s)->helo)
		return sess_p(s)->helo;
	if (m->helo[0])
		return m->helo;
	snprintf(m->helo, sizeof m->helo, "localhost");
	if (!sock_local_addr(sess_fd(s), a, sizeof a, &family))
		return m->helo;
	snprintf(m->helo, sizeof m->helo, family == 6 ? "[IPv6:%s]" : "[%s]",
		 a);
	return m->helo;
}

/* After the login: the dry run when asked, else QUIT. */
static void dry_run(struct sess *s)
{
	const struct sess_params *p = sess_p(s);
	if (p->mail_from && p->rcpt_to)
		sess_send(s, SMTP_ST_MAIL, "MAIL FROM:<%s>", p->mail_from);
	else
		sess_quit(s);
}

/* Ask the password and send the AUTH line (PLAIN) or the LOGIN password.
 * Every copy of the secret is wiped before returning. */
static void send_secret(struct sess *s, int next)
{
	struct smtp *m = sess_data(s);
	const char *user = sess_p(s)->user;
	char pw[512], raw[1100], b64[1400];
	int n = sess_password(s, pw, sizeof pw);
	if (n < 0)
		return;
	if (m->login_mech) {
		sess_base64(pw, (size_t)n, b64, sizeof b64);
		explicit_bzero(pw, sizeof pw);
		sess_send_hidden(s, next, "%s", b64);
	} else {
		size_t ul = strlen(user); /* at most SESS_MAX_USER */
		raw[0] = '\0';
		memcpy(raw + 1, user, ul);
		raw[1 + ul] = '\0';
		memcpy(raw + 2 + ul, pw, (size_t)n);
		explicit_bzero(pw, sizeof pw);
		sess_base64(raw, ul + 2 + (size_t)n, b64, sizeof b64);
		explicit_bzero(raw, sizeof raw);
		sess_send(s, next, "AUTH PLAIN %s", b64);
	}
	explicit_bzero(b64, sizeof b64);
}

static bool login(struct sess *s)
{
	struct smtp *m = sess_data(s);
	if (sess_has_mech(sess_res(s), "PLAIN")) {
		m->login_mech = false;
		send_secret(s, SMTP_ST_AUTH);
	} else if (sess_has_mech(sess_res(s), "LOGIN")) {
		m->login_mech = true;
		sess_send(s, SMTP_ST_AUTH, "AUTH LOGIN");
	} else {
		return false;
	}
	return true;
}

static void on_greeting(struct sess *s, const struct line_reply *r, int code)
{
	if (code != 220)
		sess_fail(s, SESS_OUT_REJECTED,
			  "the server refused the connection", r, code);
	else
		sess_send(s, SMTP_ST_EHLO, "EHLO %s", helo(s));
}

static void on_ehlo(struct sess *s, const struct line_reply *r, int code)
{
	if (code == 250) {
		smtp_parse_ehlo(sess_res(s), r->text, r->len);
		sess_caps_known(s);
	} else if (code >= 500 && code <= 502 &&
		   sess_state(s) == SMTP_ST_EHLO) {
		sess_send(s, SMTP_ST_HELO, "HELO %s", helo(s));
	} else {
		sess_fail(s, SESS_OUT_REJECTED, "EHLO refused", r, code);
	}
}

static void on_helo(struct sess *s, const struct line_reply *r, int code)
{
	if (code != 250)
		sess_fail(s, SESS_OUT_REJECTED, "HELO refused", r, code);
	else
		sess_caps_known(s);
}

static void ehlo_again(struct sess *s)
{
	sess_send(s, SMTP_ST_EHLO_TLS, "EHLO %s", helo(s));
}

static void on_auth_pass(struct sess *s, const struct line_reply *r, int code)
{
	sess_login_done(s, code == 235, "login refused", r, code);
}

static void on_auth(struct sess *s, const struct line_reply *r, int code)
{
	struct smtp *m = sess_data(s);
	if (!m->login_mech || code != 334) {
		on_auth_pass(s, r, code);
		return;
	}
	const char *user = sess_p(s)->user;
	char b64[700];
	sess_base64(user, strlen(user), b64, sizeof b64);
	sess_send_hidden(s, SMTP_ST_AUTH_USER, "%s", b64);
}

static void on_auth_user(struct sess *s, const struct line_reply *r, int code)
{
	if (code != 334)
		sess_login_done(s, false, "login refused", r, code);
	else
		send_secret(s, SMTP_ST_AUTH_PASS);
}

static void on_mail(struct sess *s, const struct line_reply *r, int code)
{
	if (code != 250)
		sess_fail(s, SESS_OUT_REJECTED, "sender refused", r, code);
	else
		sess_send(s, SMTP_ST_RCPT, "RCPT TO:<%s>", sess_p(s)->rcpt_to);
}

/* The recipient's answer is the dry run's verdict; RSET either way. */
static void on_rcpt(struct sess *s, const struct line_reply *r, int code)
{
	struct sess_result *res = sess_res(s);
	if (code != 250 && code != 251) {
		res->outcome = SESS_OUT_REJECTED;
		res->step = SESS_STEP_DRYRUN;
		snprintf(res->detail, sizeof res->detail, "recipient refused");
	}
	res->reply_code = code;
	sess_set_reply(res, r->text, r->len);
	sess_send(s, SMTP_ST_RSET, "RSET");
}

static void on_rset(struct sess *s, const struct line_reply *r, int code)
{
	(void)r;
	(void)code;
	if (sess_res(s)->outcome == SESS_OUT_OK)
		sess_step_done(sess_res(s), SESS_STEP_DRYRUN, sess_now(s));
	sess_quit(s);
}

static bool is_last(struct sess *s, const char *line, size_t len, size_t index)
{
	(void)s;
	(void)index;
	return smtp_is_last_line(line, len);
}

static int reply_code(struct sess *s, const struct line_reply *r)
{
	(void)s;
	return smtp_reply_code(r->text, r->len);
}

static const struct sess_state smtp_states[] = {SMTP_STATE_LIST(SESS_X_ROW)};

const struct sess_proto smtp_proto = {
    .name = "SMTP",
    SESS_STATES(smtp_states),
    .data_size = sizeof(struct smtp),
    .starttls_cmd = "STARTTLS",
    .quit_cmd = "QUIT",
    .go_ahead = 220,
    .numeric_codes = true,
    .is_last = is_last,
    .reply_code = reply_code,
    .caps_again = ehlo_again,
    .login = login,
    .after_login = dry_run,
};
