/* imap.c — what is particular to IMAP in the one dialogue engine
 * (session.c): its states, tagged commands (a1, a2, …) whose reply ends
 * with the line carrying the tag (the greeting: with its one untagged
 * line), capabilities from an untagged CAPABILITY or a response code, and
 * LOGIN with quoted strings. */
#include "core/proto/imap.h"
#include "core/proto/session_private.h"
#include "core/base/compat.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

/* X(state, step, its reply's handler) */
#define IMAP_STATE_LIST(X)                                                     \
	SESS_COMMON_STATES(X, IMAP_ST_, on_greeting)                           \
	X(IMAP_ST_CAPABILITY, SESS_STEP_CAPS, on_capability)                   \
	X(IMAP_ST_CAPABILITY_TLS, SESS_STEP_CAPS, on_capability)               \
	X(IMAP_ST_LOGIN, SESS_STEP_AUTH, on_login)

enum imap_state { IMAP_STATE_LIST(SESS_X_ENUM) };

struct imap {
	unsigned tagno;
	char tag[16];	     /* tag of the command awaiting its reply */
	bool login_disabled; /* LOGINDISABLED advertised */
};

enum imap_status imap_line_status(const char *line, size_t len, const char *tag)
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
	} words[] = {{"OK", IMAP_OK},
		     {"NO", IMAP_NO},
		     {"BAD", IMAP_BAD},
		     {"BYE", IMAP_BYE},
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
static bool caps_in_line(struct sess *s, const char *l, size_t n)
{
	struct imap *m = sess_data(s);
	for (size_t i = 0; i + 11 <= n; i++)
		if (strncasecmp(l + i, "CAPABILITY ", 11) == 0 &&
		    (i == 0 || l[i - 1] == ' ' || l[i - 1] == '[')) {
			sess_result_forget_caps(sess_res(s));
			imap_parse_caps(sess_res(s), l + i + 11, n - i - 11);
			m->login_disabled =
			    sess_has_cap(sess_res(s), "LOGINDISABLED");
			return true;
		}
	return false;
}

/* The code of a reply: the greeting's status, else the status of the
 * tagged line that ends it; untagged lines are scanned for capabilities. */
static int reply_code(struct sess *s, const struct line_reply *r)
{
	struct imap *m = sess_data(s);
	size_t pos = 0, n;
	const char *l;
	enum imap_status st = IMAP_OTHER;
	if (sess_state(s) == IMAP_ST_GREETING)
		return imap_line_status(r->text, strcspn(r->text, "\n"), "*");
	while (line_reply_next(r, &pos, &l, &n)) {
		if (n > 2 && l[0] == '*' && l[1] == ' ')
			caps_in_line(s, l + 2, n - 2);
		else
			st = imap_line_status(l, n, m->tag);
	}
	return st;
}

static bool is_last(struct sess *s, const char *line, size_t len, size_t index)
{
	struct imap *m = sess_data(s);
	(void)index;
	if (sess_state(s) == IMAP_ST_GREETING)
		return true;
	if (len >= 2 && line[0] == '+' && line[1] == ' ')
		return true; /* a continuation: we never send literals */
	return imap_line_status(line, len, m->tag) != IMAP_OTHER;
}

/* Every command starts with a new tag. */
static void prefix(struct sess *s, char *buf, size_t size)
{
	struct imap *m = sess_data(s);
	snprintf(m->tag, sizeof m->tag, "a%u", ++m->tagno);
	snprintf(buf, size, "%s ", m->tag);
}

/* s as an IMAP quoted string into out (at least 2 × strlen(s) + 3 bytes).
 * A CR or LF stays: the engine refuses to send the command. */
static void quote(const char *s, char *out)
{
	size_t o = 0;
	out[o++] = '"';
	for (; *s; s++) {
		if (*s == '"' || *s == '\\')
			out[o++] = '\\';
		out[o++] = *s;
	}
	out[o++] = '"';
	out[o] = '\0';
}

static bool login(struct sess *s)
{
	struct imap *m = sess_data(s);
	char pw[512], qu[2 * SESS_MAX_USER + 3], qp[2 * sizeof pw + 3];
	if (m->login_disabled)
		return false;
	if (sess_password(s, pw, sizeof pw) < 0)
		return true;
	quote(sess_p(s)->user, qu);
	quote(pw, qp);
	explicit_bzero(pw, sizeof pw);
	sess_send(s, IMAP_ST_LOGIN, "LOGIN %s %s", qu, qp);
	explicit_bzero(qp, sizeof qp);
	return true;
}

static void on_greeting(struct sess *s, const struct line_reply *r, int code)
{
	size_t n = strcspn(r->text, "\n");
	if (code == IMAP_BYE) {
		sess_fail(s, SESS_OUT_REJECTED,
			  "the server refused the connection", r, 0);
	} else if (code != IMAP_OK && code != IMAP_PREAUTH) {
		sess_fail(s, SESS_OUT_PROTOCOL_ERROR, "malformed greeting", r,
			  0);
	} else if (caps_in_line(s, r->text + 2, n - 2)) {
		sess_enter(s, IMAP_ST_CAPABILITY);
		sess_caps_known(s);
	} else {
		sess_send(s, IMAP_ST_CAPABILITY, "CAPABILITY");
	}
}

static void on_capability(struct sess *s, const struct line_reply *r, int code)
{
	if (code != IMAP_OK)
		sess_fail(s, SESS_OUT_PROTOCOL_ERROR, "CAPABILITY failed", r,
			  0);
	else
		sess_caps_known(s);
}

static void capability_again(struct sess *s)
{
	sess_send(s, IMAP_ST_CAPABILITY_TLS, "CAPABILITY");
}

static void on_login(struct sess *s, const struct line_reply *r, int code)
{
	sess_login_done(s, code == IMAP_OK, "login refused", r, 0);
}

static const struct sess_state imap_states[] = {IMAP_STATE_LIST(SESS_X_ROW)};

const struct sess_proto imap_proto = {
    .name = "IMAP",
    SESS_STATES(imap_states),
    .data_size = sizeof(struct imap),
    .go_ahead = IMAP_OK,
    .starttls_cmd = "STARTTLS",
    .quit_cmd = "LOGOUT",
    .is_last = is_last,
    .reply_code = reply_code,
    .prefix = prefix,
    .caps_again = capability_again,
    .login = login,
};
