/* pop3.c — what is particular to POP3 in the one dialogue engine
 * (session.c): its states, replies of one "+OK"/"-ERR" line (but a
 * positive CAPA reply, which runs to a line holding a single "."), STLS,
 * and USER/PASS. */
#include "core/proto/pop3.h"
#include "core/proto/session_private.h"
#include "core/base/compat.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

/* X(state, step, its reply's handler) */
#define POP3_STATE_LIST(X)                                                     \
	SESS_COMMON_STATES(X, POP3_ST_, on_greeting)                           \
	X(POP3_ST_CAPA, SESS_STEP_CAPS, on_capa)                               \
	X(POP3_ST_CAPA_TLS, SESS_STEP_CAPS, on_capa)                           \
	X(POP3_ST_USER, SESS_STEP_AUTH, on_user)                               \
	X(POP3_ST_PASS, SESS_STEP_AUTH, on_pass)

enum pop3_state { POP3_STATE_LIST(SESS_X_ENUM) };

/* The two reply codes. */
enum { POP3_ERR, POP3_OK };

struct pop3 {
	bool user_cap; /* USER advertised (or CAPA unknown) */
};

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

static int reply_code(struct sess *s, const struct line_reply *r)
{
	(void)s;
	return r->len >= 3 && strncmp(r->text, "+OK", 3) == 0 &&
		       (r->len == 3 || r->text[3] == ' ' || r->text[3] == '\n')
		   ? POP3_OK
		   : POP3_ERR;
}

static bool is_last(struct sess *s, const char *line, size_t len, size_t index)
{
	int st = sess_state(s);
	if (st != POP3_ST_CAPA && st != POP3_ST_CAPA_TLS)
		return true;
	if (index == 0)
		return !(len >= 3 && strncmp(line, "+OK", 3) == 0);
	return len == 1 && line[0] == '.';
}

static bool login(struct sess *s)
{
	struct pop3 *m = sess_data(s);
	if (!m->user_cap)
		return false;
	sess_send(s, POP3_ST_USER, "USER %s", sess_p(s)->user);
	return true;
}

static void on_greeting(struct sess *s, const struct line_reply *r, int code)
{
	bool err = strncmp(r->text, "-ERR", 4) == 0;
	if (code == POP3_OK)
		sess_send(s, POP3_ST_CAPA, "CAPA");
	else if (err)
		sess_fail(s, SESS_OUT_REJECTED,
			  "the server refused the connection", r, 0);
	else
		sess_fail(s, SESS_OUT_PROTOCOL_ERROR, "malformed greeting", r,
			  0);
}

static void on_capa(struct sess *s, const struct line_reply *r, int code)
{
	struct pop3 *m = sess_data(s);
	if (code == POP3_OK) {
		pop3_parse_capa(sess_res(s), r->text, r->len);
		m->user_cap = sess_has_cap(sess_res(s), "USER");
	} else {
		m->user_cap = true; /* old server: USER is basic */
	}
	sess_caps_known(s);
}

static void capa_again(struct sess *s)
{
	sess_send(s, POP3_ST_CAPA_TLS, "CAPA");
}

static void on_user(struct sess *s, const struct line_reply *r, int code)
{
	char pw[512];
	if (code != POP3_OK) {
		sess_login_done(s, false, "user refused", r, 0);
		return;
	}
	if (sess_password(s, pw, sizeof pw) < 0)
		return;
	sess_send(s, POP3_ST_PASS, "PASS %s", pw);
	explicit_bzero(pw, sizeof pw);
}

static void on_pass(struct sess *s, const struct line_reply *r, int code)
{
	sess_login_done(s, code == POP3_OK, "login refused", r, 0);
}

static const struct sess_state pop3_states[] = {POP3_STATE_LIST(SESS_X_ROW)};

const struct sess_proto pop3_proto = {
    .name = "POP3",
    .starttls_cmd = "STLS",
    .quit_cmd = "QUIT",
    .go_ahead = POP3_OK,
    SESS_STATES(pop3_states),
    .data_size = sizeof(struct pop3),
    .is_last = is_last,
    .reply_code = reply_code,
    .caps_again = capa_again,
    .login = login,
};
