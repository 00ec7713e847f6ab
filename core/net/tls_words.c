/* tls_words.c — one plain sentence per TLS refusal, naming what is wrong
 * (the date, the names, the issuer, the version) in the person's language,
 * for the probe table, the check's rows and the tls-certificate-problem
 * finding alike. */
#include "core/net/tls.h"
#include "core/base/i18n.h"

#include <stdio.h>
#include <string.h>

/* "2020-02-01" out of "2020-02-01T00:00:00Z" (or the whole when short). */
static void day_of(const char *stamp, char *out, size_t outsz)
{
	snprintf(out, outsz, "%.*s", stamp[0] ? 10 : 0, stamp);
}

char *tls_explain(const struct tls_info *t, const char *host, char *out,
		  size_t outsz)
{
	char day[16];
	const char *names = t->names[0] ? t->names : t->subject;
	if (!outsz)
		return out;
	out[0] = '\0';
	/* Each case writes its sentence and returns when it knows the facts;
	 * without them it breaks to the failure's own sentence below. */
	switch (t->failure) {
	case TLS_FAIL_NONE:
		return out;
	case TLS_FAIL_EXPIRED:
		day_of(t->not_after, day, sizeof day);
		if (!day[0])
			break;
		snprintf(out, outsz,
			 _("the server's certificate expired on %s"), day);
		return out;
	case TLS_FAIL_NOT_YET_VALID:
		day_of(t->not_before, day, sizeof day);
		if (!day[0])
			break;
		snprintf(out, outsz,
			 _("the server's certificate is valid only from %s on"),
			 day);
		return out;
	case TLS_FAIL_WRONG_NAME:
		if (!names[0] || !host || !host[0])
			break;
		snprintf(out, outsz,
			 _("the server's certificate is made out for %s, not "
			   "for %s"),
			 names, host);
		return out;
	case TLS_FAIL_SELF_SIGNED:
		snprintf(out, outsz, "%s",
			 _("the server's certificate is signed by itself, not "
			   "by an authority this computer trusts"));
		return out;
	case TLS_FAIL_UNKNOWN_ISSUER:
		if (t->issuer[0])
			snprintf(out, outsz,
				 _("the server's certificate was issued by "
				   "\"%s\", an authority this computer does "
				   "not trust"),
				 t->issuer);
		else
			snprintf(out, outsz, "%s",
				 _("the server's certificate was issued by an "
				   "authority this computer does not trust"));
		return out;
	case TLS_FAIL_OLD_VERSION:
		if (t->version[0])
			snprintf(
			    out, outsz,
			    _("the server only speaks %s, an old and unsafe "
			      "TLS version (TLS 1.2 or newer is needed)"),
			    t->version);
		else
			snprintf(out, outsz, "%s",
				 _("the server only speaks an old and unsafe "
				   "TLS version (TLS 1.2 or newer is needed)"));
		return out;
	case TLS_FAIL_UNTRUSTED:
	case TLS_FAIL_HANDSHAKE:
		if (!t->detail[0])
			break;
		snprintf(out, outsz, "%s (%s)", _(tls_failure_text(t->failure)),
			 t->detail);
		return out;
	case TLS_FAIL_NOT_TLS:
	case TLS_FAIL_NOT_OFFERED:
	default:
		break;
	}
	snprintf(out, outsz, "%s", _(tls_failure_text(t->failure)));
	return out;
}
