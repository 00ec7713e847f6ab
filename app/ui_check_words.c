/* ui_check_words.c — the words for rows of the live matrix. */
#include "app/ui_check_words.h"

#include "core/base/i18n.h"
#include "app/describe.h"

#include <stdio.h>
#include <string.h>

const char *ui_step_text(enum md_step step)
{
	switch (step) {
	case MD_STEP_WAITING:
		return _("waiting");
	case MD_STEP_RESOLVE:
		return _("looking up the name");
	case MD_STEP_CONNECT:
		return _("connecting");
	case MD_STEP_TLS:
		return _("setting up encryption (TLS)");
	case MD_STEP_GREETING:
		return _("waiting for the server's greeting");
	case MD_STEP_CAPS:
		return _("asking what the server offers");
	case MD_STEP_AUTH:
	case MD_STEP_DRYRUN:
		return _("logging in");
	case MD_STEP_QUIT:
	case MD_STEP_DONE:
		return _("done");
	}
	return "";
}

const char *ui_outcome_text(enum md_outcome outcome)
{
	switch (outcome) {
	case MD_OUT_OK:
		return _("works");
	case MD_OUT_TIMEOUT:
		return _("no answer: blocked somewhere on the way");
	case MD_OUT_REFUSED:
		return _("the server refused the connection");
	case MD_OUT_UNREACHABLE:
		return _("no way to reach this address from here");
	case MD_OUT_RESET:
		return _("the connection was cut");
	case MD_OUT_TLS_FAILED:
		return _("the encryption (TLS) failed");
	case MD_OUT_PROTOCOL_ERROR:
	case MD_OUT_ERROR:
		return _("the server answered something unexpected");
	case MD_OUT_AUTH_FAILED:
		return _("the login was refused");
	case MD_OUT_REJECTED:
		return _("the server refused the test sender or recipient");
	case MD_OUT_NOT_FOUND:
		return _("this name does not exist");
	case MD_OUT_DNS_FAILED:
		return _("the name could not be looked up");
	case MD_OUT_CANCELLED:
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
