/* ui_check_words.c — the words for rows of the live matrix. */
#include "app/ui_check_words.h"

#include "core/base/i18n.h"
#include "app/describe.h"

#include <stdio.h>
#include <string.h>

const char *ui_step_text(enum check_step step)
{
	switch (step) {
	case CHECK_STEP_WAITING:
		return _("waiting");
	case CHECK_STEP_RESOLVING:
		return _("looking up the name");
	case CHECK_STEP_CONNECTING:
		return _("connecting");
	case CHECK_STEP_TLS:
		return _("setting up encryption (TLS)");
	case CHECK_STEP_GREETING:
		return _("waiting for the server's greeting");
	case CHECK_STEP_CAPABILITIES:
		return _("asking what the server offers");
	case CHECK_STEP_AUTH:
		return _("logging in");
	case CHECK_STEP_DONE:
		return _("done");
	}
	return "";
}

const char *ui_outcome_text(enum check_outcome outcome)
{
	switch (outcome) {
	case CHECK_OK:
		return _("works");
	case CHECK_TIMEOUT:
		return _("no answer: blocked somewhere on the way");
	case CHECK_REFUSED:
		return _("the server refused the connection");
	case CHECK_UNREACHABLE:
		return _("no way to reach this address from here");
	case CHECK_RESET:
		return _("the connection was cut");
	case CHECK_TLS_FAILED:
		return _("the encryption (TLS) failed");
	case CHECK_PROTOCOL_ERROR:
		return _("the server answered something unexpected");
	case CHECK_AUTH_FAILED:
		return _("the login was refused");
	case CHECK_REJECTED:
		return _("the server refused the test sender or recipient");
	case CHECK_NOT_FOUND:
		return _("this name does not exist");
	case CHECK_DNS_FAILED:
		return _("the name could not be looked up");
	case CHECK_CANCELLED:
		return _("stopped");
	}
	return "";
}

const char *ui_login_held_text(const char *auth)
{
	if (auth && strcmp(auth, "not-tried-insecure") == 0)
		return _("login not tried: the connection is not encrypted");
	if (auth && strcmp(auth, "not-tried-unverified") == 0)
		return _("login not tried: the certificate failed (--insecure "
			 "does not send the password)");
	return NULL;
}

const char *ui_family_text(int family)
{
	return family == 4 ? "IPv4" : family == 6 ? "IPv6" : "";
}

char *ui_row_endpoint(const struct check_row *r, char *buf, size_t len)
{
	char port[32];
	snprintf(port, sizeof port, _("port %d"), r->port);
	snprintf(buf, len, "%s %s %s%s%s%s%s%s", r->host ? r->host : "?", port,
		 ui_security_text(r->security), r->family ? " " : "",
		 ui_family_text(r->family), r->address ? " [" : "",
		 r->address ? r->address : "", r->address ? "]" : "");
	return buf;
}
