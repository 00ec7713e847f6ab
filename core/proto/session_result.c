/* session_result.c — the result record a dialogue fills (capability
 * lists, reply text, step times), the stable words of outcomes, steps,
 * security and login, and the small encoders the protocols share. */
#include "core/proto/session.h"
#include "core/net/sock.h"
#include "core/base/i18n.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* The words of outcomes and steps are core/base/outcome.h's. */
const char *sess_outcome_word(enum sess_outcome o)
{
	return md_outcome_word((enum md_outcome)o);
}

const char *sess_outcome_text(enum sess_outcome o)
{
	return md_outcome_text((enum md_outcome)o);
}

const char *sess_step_word(enum sess_step s)
{
	return md_step_word((enum md_step)s);
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
	static const char *const words[] = {"none",
					    "ok",
					    "failed",
					    "not-tried-insecure",
					    "no-common-mechanism",
					    "no-password",
					    "not-tried-unverified"};
	return (size_t)a < sizeof words / sizeof words[0] ? words[a] : "none";
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

enum sess_outcome sess_connect_outcome(int errnum)
{
	switch (errnum) {
	case 0:
		return SESS_OUT_OK;
	case ECONNREFUSED:
		return SESS_OUT_REFUSED;
	case ETIMEDOUT:
		return SESS_OUT_TIMEOUT;
	case EHOSTUNREACH:
	case ENETUNREACH:
	case EHOSTDOWN:
	case ENETDOWN:
	case EADDRNOTAVAIL:
	case EAFNOSUPPORT:
	case EPERM:
	case EACCES:
		return SESS_OUT_UNREACHABLE;
	case ECONNRESET:
	case ECONNABORTED:
		return SESS_OUT_RESET;
	default:
		return SESS_OUT_ERROR;
	}
}
