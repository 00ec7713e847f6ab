/* probe_words.c — the words of a `probe` row (probe_words.h), from the
 * check's row and its session's whole result. */
#include "app/probe_words.h"

#include "app/ui_check_words.h"
#include "core/base/i18n.h"
#include "core/net/tls.h"
#include "core/proto/session.h"

#include <stdio.h>

/* The security a named endpoint asked (check_target.security). */
static enum sess_security asked(const struct check_row *r)
{
	switch (r->security) {
	case ACCT_SEC_PLAIN:
		return SESS_SEC_PLAIN;
	case ACCT_SEC_STARTTLS:
		return SESS_SEC_STARTTLS;
	case ACCT_SEC_TLS:
		return SESS_SEC_TLS;
	default:
		return SESS_SEC_AUTO;
	}
}

/* The security of a row: what was used once known, else what was asked
 * ("when offered" is plain until STARTTLS happened). */
static enum sess_security used(const struct check_row *r,
			       const struct sess_result *res)
{
	if (res && (res->outcome == SESS_OUT_OK || res->tls.done))
		return res->security;
	enum sess_security s = asked(r);
	return s == SESS_SEC_AUTO ? SESS_SEC_PLAIN : s;
}

static const char *security_text(enum sess_security s)
{
	switch (s) {
	case SESS_SEC_STARTTLS:
		return "STARTTLS";
	case SESS_SEC_TLS:
		return "SSL/TLS";
	case SESS_SEC_AUTO:
		return _("automatic");
	case SESS_SEC_PLAIN:
		break;
	}
	return _("none");
}

const char *probe_security_word(const struct check *c, size_t i)
{
	size_t n;
	const struct check_row *r = &check_rows(c, &n)[i];
	return sess_security_word(used(r, check_result(c, i)));
}

/* Appends to out (of size outsz, n used so far); the new length. */
#define ADD(...)                                                               \
	(n < outsz ? n += (size_t)snprintf(out + n, outsz - n, __VA_ARGS__) : n)

/* What a working row offered and how its login went. */
static void works_reason(const struct sess_result *res, const char *host,
			 char *out, size_t outsz)
{
	const char *held = ui_login_held_text(sess_auth_word(res->auth));
	char why[320];
	size_t n = 0;
	ADD("%s", _("works"));
	if (res->tls.done)
		ADD(" (%s", res->tls.version);
	if (res->n_mechs) {
		ADD("%s%s", res->tls.done ? ", " : " (", _("login:"));
		for (size_t i = 0; i < res->n_mechs; i++)
			ADD(" %s", res->mechs[i]);
	}
	if (res->tls.done || res->n_mechs)
		ADD(")");
	if (res->auth == SESS_AUTH_OK)
		ADD("; %s", _("login accepted"));
	else if (res->auth == SESS_AUTH_NO_MECH)
		ADD("; %s", _("login not tried: no way of logging in in "
			      "common"));
	else if (held)
		ADD("; %s", held);
	if (res->reply_code) { /* its words, quoted */
		ADD("; ");
		ADD(_("the server said \"%s\""), res->reply);
	}
	if (res->tls.insecure && res->tls.failure != TLS_FAIL_NONE)
		ADD("; %s", tls_explain(&res->tls, host, why, sizeof why));
}

/* Why a row is what it is, in the person's language. */
static void reason(const struct sess_result *res, const char *host, char *out,
		   size_t outsz)
{
	char why[320], said[600] = "";
	switch (res->outcome) {
	case SESS_OUT_OK:
		works_reason(res, host, out, outsz);
		return;
	case SESS_OUT_TLS_FAILED:
		snprintf(out, outsz, "%s: %s", _("TLS refused"),
			 tls_explain(&res->tls, host, why, sizeof why));
		return;
	case SESS_OUT_REJECTED:
	case SESS_OUT_AUTH_FAILED:
		if (res->reply[0])
			snprintf(said, sizeof said, _("the server said \"%s\""),
				 res->reply);
		snprintf(out, outsz, "%s: %s",
			 _(sess_outcome_text(res->outcome)),
			 res->reply[0] ? said : res->detail);
		return;
	case SESS_OUT_TIMEOUT:
		snprintf(out, outsz, "%s",
			 res->step == SESS_STEP_CONNECT
			     ? _("no answer to the connection (filtered?)")
			     : _("the server stopped answering"));
		return;
	default:
		snprintf(out, outsz, "%s", _(sess_outcome_text(res->outcome)));
		return;
	}
}

void probe_words_of(const struct check *c, size_t i, struct probe_words *w)
{
	size_t n;
	const struct check_row *r = &check_rows(c, &n)[i];
	const struct sess_result *res = check_result(c, i);
	w->security = security_text(used(r, res));
	w->ms = res ? res->step_ms[SESS_STEP_DONE] : 0;
	w->ok = res && res->outcome == SESS_OUT_OK;
	if (res)
		reason(res, r->host, w->reason, sizeof w->reason);
	else
		snprintf(w->reason, sizeof w->reason, "%s", _("out of memory"));
}

int probe_status(const struct check *c)
{
	size_t n;
	check_rows(c, &n);
	for (size_t i = 0; i < n; i++) {
		const struct sess_result *res = check_result(c, i);
		if (!res || res->outcome != SESS_OUT_OK)
			return 1;
	}
	return 0;
}
