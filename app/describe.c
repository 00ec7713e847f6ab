/* describe.c — the words a person reads for each setting. */
#include "app/describe.h"
#include "core/base/os.h"

#include "core/base/i18n.h"

#include <stdio.h>
#include <string.h>

const char *ui_security_text(enum acct_security sec)
{
	switch (sec) {
	case ACCT_SEC_PLAIN:
		return _("no encryption");
	case ACCT_SEC_STARTTLS_TRY:
		return _("STARTTLS only if offered (unsafe)");
	case ACCT_SEC_STARTTLS:
		return _("STARTTLS");
	case ACCT_SEC_TLS:
		return _("SSL/TLS");
	case ACCT_SEC_AUTO:
		return _("encryption chosen automatically");
	case ACCT_SEC_UNKNOWN:
		break;
	}
	return _("encryption not set");
}

const char *ui_security_plain(enum acct_security sec)
{
	switch (sec) {
	case ACCT_SEC_PLAIN:
		return _("not encrypted");
	case ACCT_SEC_STARTTLS_TRY:
		return _("encrypted only if the server offers it (unsafe)");
	case ACCT_SEC_STARTTLS:
		return _("encrypted once connected");
	case ACCT_SEC_TLS:
		return _("encrypted from the start");
	case ACCT_SEC_AUTO:
	case ACCT_SEC_UNKNOWN:
		break;
	}
	return ui_security_text(sec);
}

const char *ui_auth_text(enum acct_auth auth)
{
	switch (auth) {
	case ACCT_AUTH_NONE:
		return _("no password");
	case ACCT_AUTH_OLD:
		return _("password (old method)");
	case ACCT_AUTH_PASSWORD:
		return _("normal password");
	case ACCT_AUTH_ENCRYPTED:
		return _("encrypted password");
	case ACCT_AUTH_GSSAPI:
		return _("Kerberos");
	case ACCT_AUTH_NTLM:
		return _("NTLM");
	case ACCT_AUTH_TLS_CERT:
		return _("TLS certificate");
	case ACCT_AUTH_ANY:
		return _("any method");
	case ACCT_AUTH_OAUTH2:
		return _("OAuth2 (sign-in in the browser)");
	case ACCT_AUTH_SAME_AS_INCOMING:
		return _("same login as for receiving");
	case ACCT_AUTH_POP_BEFORE_SMTP:
		return _("log on to receive first");
	case ACCT_AUTH_UNKNOWN:
		break;
	}
	return _("login method not set");
}

const char *ui_proto_text(enum acct_proto proto)
{
	switch (proto) {
	case ACCT_PROTO_SMTP:
		return "SMTP";
	case ACCT_PROTO_IMAP:
		return "IMAP";
	case ACCT_PROTO_POP3:
		return "POP3";
	case ACCT_PROTO_OTHER:
		return _("other");
	case ACCT_PROTO_UNKNOWN:
		break;
	}
	return _("unknown");
}

char *ui_server_line(const struct acct_server *srv, char *buf, size_t len)
{
	if (srv->proto == ACCT_PROTO_OTHER && srv->type_name) {
		/* EWS, Graph, news: what it is, and that it is not tested */
		snprintf(buf, len,
			 _("%s, a server of another kind (%s): maildoctor does "
			   "not test this kind"),
			 srv->host ? srv->host : _("(no server name)"),
			 srv->type_name);
		return buf;
	}
	char port[64];
	int p = acct_server_port(srv);
	if (p == 0)
		snprintf(port, sizeof port, "%s", _("port not set"));
	else if (srv->port == 0 || srv->port_default)
		snprintf(port, sizeof port, _("port %d (default)"), p);
	else
		snprintf(port, sizeof port, _("port %d"), p);
	int n =
	    snprintf(buf, len, "%s, %s, %s, %s",
		     srv->host ? srv->host : _("(no server name)"), port,
		     ui_security_text(srv->security), ui_auth_text(srv->auth));
	if (srv->user && n >= 0 && (size_t)n < len)
		snprintf(buf + n, len - (size_t)n, _(", user %s"), srv->user);
	return buf;
}

char *ui_origin(const struct acct_set *set, struct acct_src src, char *buf,
		size_t len)
{
	buf[0] = '\0';
	if (src.file < 0 || (size_t)src.file >= set->n_files || src.line == 0)
		return buf;
	const char *file = set->files[src.file];
	if (src.line == ACCT_LINE_WHOLE) /* a registry value: its path */
		snprintf(buf, len, "%s", file);
	else
		snprintf(buf, len, _("%s line %u"), os_base_name(file),
			 src.line);
	return buf;
}
