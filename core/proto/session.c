/* session.c — the result record and small helpers the protocol dialogues
 * share (capability lists, reply text, failure classes, base64). */
#include "core/proto/session.h"
#include "core/base/i18n.h"

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>

static const struct {
	const char *word;
	const char *text;
} outcome_table[] = {
#define SESS_X_ROW(id, word, text, cls) {word, N_(text)},
	SESS_OUTCOME_LIST(SESS_X_ROW)
#undef SESS_X_ROW
};

#define N_OUTCOMES (sizeof outcome_table / sizeof outcome_table[0])

const char *sess_outcome_word(enum sess_outcome o)
{
	return (size_t)o < N_OUTCOMES ? outcome_table[o].word : "error";
}

const char *sess_outcome_text(enum sess_outcome o)
{
	return (size_t)o < N_OUTCOMES ? outcome_table[o].text
				      : outcome_table[SESS_OUT_ERROR].text;
}

const char *sess_step_word(enum sess_step s)
{
	static const char *const words[] = {
		"resolve", "connect", "tls",	"greeting", "capabilities",
		"auth",	   "dry-run", "quit", "done"};
	return (size_t)s < SESS_STEP__COUNT ? words[s] : "done";
}

const char *sess_security_word(enum sess_security s)
{
	switch (s) {
	case SESS_SEC_PLAIN:
		return "plain";
	case SESS_SEC_STARTTLS:
		return "starttls";
	case SESS_SEC_TLS:
		return "tls";
	default:
		return "auto";
	}
}

const char *sess_auth_word(enum sess_auth a)
{
	static const char *const words[] = {
		"none",		   "ok",	   "failed", "not-tried-insecure",
		"no-common-mechanism", "no-password", "not-tried-unverified"};
	return (size_t)a < sizeof words / sizeof words[0] ? words[a] : "none";
}

bool sess_login_allowed(const struct line *l, bool auth_insecure,
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

void sess_result_init(struct sess_result *r, uint64_t t0)
{
	memset(r, 0, sizeof *r);
	r->t0 = t0;
	r->security = SESS_SEC_PLAIN;
}

void sess_result_forget_caps(struct sess_result *r)
{
	for (size_t i = 0; i < r->n_caps; i++)
		free(r->caps[i]);
	for (size_t i = 0; i < r->n_mechs; i++)
		free(r->mechs[i]);
	r->n_caps = r->n_mechs = 0;
	r->starttls_offered = r->pipelining = r->eightbitmime = false;
	r->size_limit = 0;
}

void sess_result_done(struct sess_result *r)
{
	sess_result_forget_caps(r);
}

static void add_word(char **list, size_t *n, const char *s, size_t len)
{
	if (*n >= SESS_MAX_CAPS || len == 0)
		return;
	if (len > 128)
		len = 128;
	char *c = malloc(len + 1);
	if (!c)
		return;
	for (size_t i = 0; i < len; i++) {
		unsigned char ch = (unsigned char)s[i];
		c[i] = ch < 0x20 || ch >= 0x7f ? '?' : (char)ch;
	}
	c[len] = '\0';
	list[(*n)++] = c;
}

void sess_add_cap(struct sess_result *r, const char *s, size_t len)
{
	add_word(r->caps, &r->n_caps, s, len);
}

void sess_add_mech(struct sess_result *r, const char *s, size_t len)
{
	for (size_t i = 0; i < r->n_mechs; i++)
		if (strlen(r->mechs[i]) == len &&
		    strncasecmp(r->mechs[i], s, len) == 0)
			return;
	add_word(r->mechs, &r->n_mechs, s, len);
}

bool sess_has_cap(const struct sess_result *r, const char *cap)
{
	for (size_t i = 0; i < r->n_caps; i++)
		if (strcasecmp(r->caps[i], cap) == 0)
			return true;
	return false;
}

bool sess_has_mech(const struct sess_result *r, const char *mech)
{
	for (size_t i = 0; i < r->n_mechs; i++)
		if (strcasecmp(r->mechs[i], mech) == 0)
			return true;
	return false;
}

void sess_set_reply(struct sess_result *r, const char *text, size_t len)
{
	size_t o = 0;
	for (size_t i = 0; i < len && o + 4 < sizeof r->reply; i++) {
		unsigned char c = (unsigned char)text[i];
		if (c == '\n') {
			memcpy(r->reply + o, " / ", 3);
			o += 3;
			continue;
		}
		r->reply[o++] = c < 0x20 || c == 0x7f ? '?' : (char)c;
	}
	r->reply[o] = '\0';
}

void sess_step_done(struct sess_result *r, enum sess_step step, uint64_t now)
{
	if ((size_t)step < SESS_STEP__COUNT)
		r->step_ms[step] = now > r->t0 ? now - r->t0 : 1;
	if (r->step_ms[step] == 0)
		r->step_ms[step] = 1;
}

void sess_fail_from_line(struct sess_result *r, const struct line *l)
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
		r->outcome = e == ECONNREFUSED		     ? SESS_OUT_REFUSED
			     : e == EHOSTUNREACH || e == ENETUNREACH ? SESS_OUT_UNREACHABLE
								     : SESS_OUT_ERROR;
		snprintf(r->detail, sizeof r->detail, "%s", strerror(e));
		break;
	}
	default:
		r->outcome = SESS_OUT_ERROR;
		snprintf(r->detail, sizeof r->detail, "out of memory");
		break;
	}
}

size_t sess_base64(const void *in, size_t len, char *out, size_t outsz)
{
	static const char tab[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
				  "abcdefghijklmnopqrstuvwxyz0123456789+/";
	const unsigned char *p = in;
	size_t need = (len + 2) / 3 * 4 + 1;
	if (outsz < need)
		return 0;
	size_t o = 0;
	for (size_t i = 0; i < len; i += 3) {
		unsigned v = (unsigned)p[i] << 16;
		if (i + 1 < len)
			v |= (unsigned)p[i + 1] << 8;
		if (i + 2 < len)
			v |= p[i + 2];
		out[o++] = tab[(v >> 18) & 63];
		out[o++] = tab[(v >> 12) & 63];
		out[o++] = i + 1 < len ? tab[(v >> 6) & 63] : '=';
		out[o++] = i + 2 < len ? tab[v & 63] : '=';
	}
	out[o] = '\0';
	return o;
}

void sess_helo_literal(int fd, char *out, size_t outsz)
{
	struct sockaddr_storage ss;
	socklen_t sl = sizeof ss;
	char a[INET6_ADDRSTRLEN];
	snprintf(out, outsz, "localhost");
	if (getsockname(fd, (struct sockaddr *)&ss, &sl) != 0)
		return;
	if (ss.ss_family == AF_INET &&
	    inet_ntop(AF_INET, &((struct sockaddr_in *)&ss)->sin_addr, a,
		      sizeof a))
		snprintf(out, outsz, "[%s]", a);
	else if (ss.ss_family == AF_INET6 &&
		 inet_ntop(AF_INET6, &((struct sockaddr_in6 *)&ss)->sin6_addr,
			   a, sizeof a))
		snprintf(out, outsz, "[IPv6:%s]", a);
}

void sess_enter(const struct sess_params *p, struct sess_result *res,
		const char *from, const char *to, enum sess_step from_step,
		enum sess_step to_step, bool first, uint64_t now)
{
	if (p->trace)
		p->trace(p->ud, from, to);
	if (from_step != to_step && !first) {
		if (res->outcome == SESS_OUT_OK) {
			sess_step_done(res, from_step, now);
			res->step = to_step;
		}
		if (p->on_step && to_step != SESS_STEP_DONE)
			p->on_step(p->ud, to_step);
	}
	if (first && p->on_step)
		p->on_step(p->ud, to_step);
}

void sess_close_line(struct sess_result *res, struct line **line)
{
	if (!*line)
		return;
	const struct tls_info *ti = line_tls_info(*line);
	if (ti && !res->tls_tried) {
		res->tls_tried = true;
		res->tls = *ti;
	}
	line_free(*line);
	*line = NULL;
}
