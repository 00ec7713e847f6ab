/* cmd_probe.c — `maildoctor probe HOST[:PORT]…`: what happens between this
 * computer and each mail server, per port and per address family, printed
 * as a ✓/✗ table with the reason, or as JSON. The endpoints named are a
 * check of their own, run like every other (app/check_run.h:
 * check_run_spec() with targets); this file reads the command line into
 * those endpoints and lays the rows' words (app/probe_words.h) out. */
#include "core/base/i18n.h"
#include "core/base/ports.h"
#include "app/app.h"
#include "app/check_json.h"
#include "app/check_run.h"
#include "app/probe_words.h"
#include "app/secret.h"
#include "tui/ui_text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define MAX_PROBES 512 /* rows of one command: hosts × ports */

/* The security a port means: implicit TLS (465, 993, 995), STARTTLS
 * required (587), else STARTTLS when offered (25, 143, 110, others). */
static enum acct_security port_security(int port)
{
	const struct md_port *p = md_port_find(port);
	if (p && p->security == MD_PORT_TLS)
		return ACCT_SEC_TLS;
	if (p && p->starttls_required)
		return ACCT_SEC_STARTTLS;
	return ACCT_SEC_STARTTLS_TRY;
}

/* The ports to try on a host named without one: every port of the table,
 * or those of the protocol asked (table order). The count. */
static size_t usual_ports(bool proto_given, enum acct_proto proto, int *out,
			  size_t max)
{
	size_t n_all, n = 0;
	const struct md_port *all = md_ports(&n_all);
	for (size_t i = 0; i < n_all && n < max; i++)
		if (!proto_given || md_port_acct_proto(all[i].port) == proto)
			out[n++] = all[i].port;
	return n;
}

/* Split "host", "host:port", "[v6]:port" or a bare IPv6 literal. */
static bool split_target(const char *arg, char *host, size_t hostsz, int *port)
{
	*port = 0;
	const char *colon = strrchr(arg, ':');
	if (arg[0] == '[') {
		const char *end = strchr(arg, ']');
		if (!end || end == arg + 1)
			return false;
		snprintf(host, hostsz, "%.*s", (int)(end - arg - 1), arg + 1);
		colon = end[1] == ':' ? end + 1 : NULL;
		if (end[1] && !colon)
			return false;
	} else if (colon && strchr(arg, ':') != colon) {
		colon = NULL; /* a bare IPv6 address */
		snprintf(host, hostsz, "%s", arg);
	} else {
		size_t n = colon ? (size_t)(colon - arg) : strlen(arg);
		snprintf(host, hostsz, "%.*s", (int)n, arg);
	}
	if (!host[0] || strlen(host) > 253)
		return false;
	if (colon) {
		char *end;
		long p = strtol(colon + 1, &end, 10);
		if (!colon[1] || *end || p < 1 || p > 65535)
			return false;
		*port = (int)p;
	}
	return true;
}

static bool word_to_proto(const char *w, enum acct_proto *p)
{
	if (strcasecmp(w, "smtp") == 0)
		*p = ACCT_PROTO_SMTP;
	else if (strcasecmp(w, "imap") == 0)
		*p = ACCT_PROTO_IMAP;
	else if (strcasecmp(w, "pop3") == 0 || strcasecmp(w, "pop") == 0)
		*p = ACCT_PROTO_POP3;
	else
		return false;
	return true;
}

/* --security: "auto" is STARTTLS when offered. */
static bool word_to_security(const char *w, enum acct_security *s)
{
	if (strcasecmp(w, "plain") == 0 || strcasecmp(w, "none") == 0)
		*s = ACCT_SEC_PLAIN;
	else if (strcasecmp(w, "starttls") == 0)
		*s = ACCT_SEC_STARTTLS;
	else if (strcasecmp(w, "tls") == 0 || strcasecmp(w, "ssl") == 0)
		*s = ACCT_SEC_TLS;
	else if (strcasecmp(w, "auto") == 0)
		*s = ACCT_SEC_STARTTLS_TRY;
	else
		return false;
	return true;
}

static void pad(FILE *o, const char *s, int width)
{
	fputs(s, o);
	for (int w = ui_width(s); w < width; w++)
		fputc(' ', o);
}

/* One row of the table. */
static void print_row(const struct app *app, const struct check *c, size_t i,
		      int hw, int aw)
{
	FILE *o = app->out;
	size_t n;
	const struct check_row *r = &check_rows(c, &n)[i];
	struct probe_words w;
	char port[16], ms[24];
	probe_words_of(c, i, &w);
	bool utf8 = i18n_utf8();
	pad(o, r->host, hw + 2);
	pad(o, r->address ? r->address : "-", aw + 2);
	snprintf(port, sizeof port, "%d", r->port);
	pad(o, port, 7);
	pad(o, w.security, 10);
	snprintf(ms, sizeof ms, "%llu ms", (unsigned long long)w.ms);
	pad(o, ms, 9);
	fprintf(o, "%s %s\n", w.ok ? (utf8 ? "✓" : "OK") : (utf8 ? "✗" : "NG"),
		w.reason);
	if (app->insecure)
		fprintf(o, "    %s\n",
			_("UNVERIFIED (--insecure): the "
			  "certificate was NOT checked"));
}

static void print_table(const struct app *app, const struct check *c)
{
	FILE *o = app->out;
	size_t n;
	const struct check_row *rows = check_rows(c, &n);
	int hw = ui_width(_("server")), aw = ui_width(_("address"));
	for (size_t i = 0; i < n; i++) {
		int w = ui_width(rows[i].host);
		hw = w > hw ? w : hw;
		w = rows[i].address ? ui_width(rows[i].address) : 0;
		aw = w > aw ? w : aw;
	}
	pad(o, _("server"), hw + 2);
	pad(o, _("address"), aw + 2);
	pad(o, _("port"), 7);
	pad(o, _("security"), 10);
	pad(o, _("time"), 9);
	fprintf(o, "%s\n", _("result"));
	for (size_t i = 0; i < n; i++)
		print_row(app, c, i, hw, aw);
	if (app->insecure)
		fprintf(
		    o, "\n%s\n",
		    _("--insecure: certificates were NOT checked. No result "
		      "above is verified; do not trust a server on the "
		      "strength of this probe."));
}

static void print_transcripts(const struct app *app, const struct check *c)
{
	FILE *o = app->out;
	size_t n;
	const struct check_row *rows = check_rows(c, &n);
	for (size_t i = 0; i < n; i++) {
		const struct transcript *ts = check_transcript(c, i);
		fprintf(o, "\n== %s [%s]:%d\n", rows[i].host,
			rows[i].address ? rows[i].address : "", rows[i].port);
		for (size_t k = 0; ts && k < ts->n; k++)
			fprintf(o, "%6u %c %s\n", ts->lines[k].ms,
				ts->lines[k].dir, ts->lines[k].text);
		if (ts && ts->dropped)
			fprintf(o, "       … (%zu)\n", ts->dropped);
	}
}

/* Check the options together; false after a message. */
static bool check_options(const struct app *app, enum acct_proto *proto,
			  bool *proto_given, enum acct_security *sec,
			  bool *sec_given)
{
	int modes = app_has(app, OPT_TLS) + app_has(app, OPT_STARTTLS) +
		    app_has(app, OPT_NO_TLS) + app_has(app, OPT_SECURITY);
	if (modes > 1) {
		app_error(app, "%s",
			  _("choose one of --tls, --starttls, --no-tls and "
			    "--security"));
		return false;
	}
	*sec_given = modes == 1;
	if (*sec_given && !word_to_security(app->security, sec)) {
		app_error(app,
			  _("--security wants plain, starttls, tls or auto, "
			    "not \"%s\""),
			  app->security);
		return false;
	}
	*proto_given = app->protocol != NULL;
	if (*proto_given && !word_to_proto(app->protocol, proto)) {
		app_error(app,
			  _("--protocol wants smtp, imap or pop3, not \"%s\""),
			  app->protocol);
		return false;
	}
	if (app_has(app, OPT_IPV4) && app_has(app, OPT_IPV6)) {
		app_error(app, "%s", _("choose one of -4 and -6"));
		return false;
	}
	if (!app->mail_from != !app->rcpt_to) {
		app_error(app, "%s", _("--from and --rcpt go together"));
		return false;
	}
	if (app->password_stdin && !app->user) {
		app_error(app, "%s", _("--password-stdin needs --user"));
		return false;
	}
	if (app->user && !app->password_stdin) {
		app_error(app, "%s",
			  _("--user needs --password-stdin (the password is "
			    "read from standard input)"));
		return false;
	}
	return true;
}

/* The endpoints the command line names: each HOST[:PORT] on its port or
 * on the usual ones. Fills t[0..*n) (hosts copied into hosts); false after
 * a message. */
static bool plan_targets(struct app *app, int argc, char **argv,
			 struct check_target *t, char (*hosts)[256], size_t *n)
{
	enum acct_proto proto = ACCT_PROTO_SMTP;
	enum acct_security sec = ACCT_SEC_STARTTLS_TRY;
	bool proto_given, sec_given;
	if (!check_options(app, &proto, &proto_given, &sec, &sec_given))
		return false;
	*n = 0;
	for (int i = 1; i < argc; i++) {
		char host[256];
		int port, ports[16];
		if (!split_target(argv[i], host, sizeof host, &port)) {
			app_error(app, _("\"%s\" is not HOST or HOST:PORT"),
				  argv[i]);
			return false;
		}
		size_t n_ports =
		    port ? 1 : usual_ports(proto_given, proto, ports, 16);
		if (port)
			ports[0] = port;
		for (size_t k = 0; k < n_ports; k++) {
			if (*n == MAX_PROBES) {
				app_error(app, "%s", _("too many probes"));
				return false;
			}
			snprintf(hosts[*n], sizeof hosts[*n], "%s", host);
			t[(*n)++] = (struct check_target){
			    .host = hosts[*n - 1],
			    .port = ports[k],
			    .proto = proto_given ? proto
						 : md_port_acct_proto(ports[k]),
			    .security =
				sec_given ? sec : port_security(ports[k])};
		}
	}
	return true;
}

/* The rows, as JSON or a table; 0 when every row worked, else 1. */
static int report(struct app *app, const struct check *c)
{
	if (app->json) {
		check_json_print(app->out,
				 check_probe_to_json(c, app->transcript));
	} else {
		print_table(app, c);
		if (app->transcript)
			print_transcripts(app, c);
	}
	return probe_status(c);
}

static int run(struct app *app, int argc, char **argv)
{
	if (argc < 2) {
		app_error(app, "%s", _("probe needs at least one server"));
		return 2;
	}
	static struct check_target targets[MAX_PROBES];
	static char hosts[MAX_PROBES][256];
	size_t n = 0;
	if (!plan_targets(app, argc, argv, targets, hosts, &n))
		return 2;
	struct check_run run;
	memset(&run, 0, sizeof run);
	if (app->password_stdin && !secret_read(&run.secret)) {
		app_error(app, "%s", _("no password on standard input"));
		return 2;
	}
	struct check_spec spec = {.targets = targets,
				  .n_targets = n,
				  .secret = &run.secret,
				  .progress = true};
	int rc = check_run_spec(app, &spec, &run);
	if (rc == 0)
		rc = report(app, run.check);
	check_run_done(&run);
	return rc;
}

const struct md_cmd cmd_probe = {
    .name = "probe",
    .usage = "probe HOST[:PORT]... [OPTIONS]",
    .summary = N_("test each mail server port, per address family"),
    .run = run,
};
