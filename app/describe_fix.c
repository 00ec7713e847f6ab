/* describe_fix.c — a fix in plain words, and the changes it makes. */
#include "app/describe.h"

#include "core/base/i18n.h"

#include <stdio.h>

char *ui_fix_line(const struct fix *f, char *buf, size_t len)
{
	struct acct_server s = {.host = f->server.host,
				.port = f->server.port,
				.security = f->server.security,
				.auth = f->server.auth,
				.user = f->server.user,
				.proto = ACCT_PROTO_SMTP};
	char server[512];
	const char *proof = f->verified ? _("it worked in the check")
			    : f->insecure
				? _("NOT verified: seen only with --insecure, "
				    "certificates were not checked")
				: _("not verified: no probe ran");
	if (f->kind == FIX_SET_INCOMING)
		snprintf(buf, len,
			 _("receive the mail of %s from %s port %d, "
			   "%s (%s)"),
			 f->identity_email ? f->identity_email : "?",
			 f->server.host, f->server.port,
			 acct_security_word(f->server.security), proof);
	else
		snprintf(buf, len, _("send as %s through %s (%s)"),
			 f->identity_email ? f->identity_email : "?",
			 ui_server_line(&s, server, sizeof server), proof);
	return buf;
}
