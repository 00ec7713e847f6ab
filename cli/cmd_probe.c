/* cmd_probe.c — `maildoctor probe HOST[:PORT]…`: what happens between this
 * computer and each mail server, per port and per address family, printed
 * as a ✓/✗ table with the reason, or as JSON. All probes run at once on one
 * loop; this file only reads the results' plain structs. */
#include "core/base/i18n.h"
#include "core/base/limits.h"
#include "core/base/os.h"
#include "core/base/ports.h"
#include "core/proto/probe.h"
#include "app/app.h"
#include "app/secret.h"
#include "app/ui_check_words.h"
#include "tui/ui_text.h"

#include <json-c/json.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define MAX_PROBES 512 /* rows of one command: hosts × ports */

/* The protocol a port of core/base/ports.h's table speaks; SMTP for a
 * port the table does not know. */
static enum acct_proto port_proto(int port)
{
	const struct md_port *p = md_port_find(port);
	if (p && p->proto == MD_PORT_IMAP)
		return ACCT_PROTO_IMAP;
	if (p && p->proto == MD_PORT_POP3)
		return ACCT_PROTO_POP3;
	return ACCT_PROTO_SMTP;
}

/* The security a port means: implicit TLS (465, 993, 995), STARTTLS
 * required (587), else STARTTLS when offered (25, 143, 110, others). */
static enum sess_security port_security(int port)
{
	const struct md_port *p = md_port_find(port);
	if (p && p->security == MD_PORT_TLS)
		return SESS_SEC_TLS;
	if (p && p->starttls_required)
		return SESS_SEC_STARTTLS;
	return SESS_SEC_AUTO;
}

/* The ports to try on a host named without one: every port of the table,
 * or those of the protocol asked (table order). The count. */
static size_t usual_ports(bool proto_given, enum acct_proto proto, int *out,
			  size_t max)
{
	size_t n_all, n = 0;
	const struct md_port *all = md_ports(&n_all);
	for (size_t i = 0; i < n_all && n < max; i++)
		if (!proto_given || port_proto(all[i].port) == proto)
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

static bool word_to_security(const char *w, enum sess_security *s)
{
	if (strcasecmp(w, "plain") == 0 || strcasecmp(w, "none") == 0)
		*s = SESS_SEC_PLAIN;
	else if (strcasecmp(w, "starttls") == 0)
		*s = SESS_SEC_STARTTLS;
	else if (strcasecmp(w, "tls") == 0 || strcasecmp(w, "ssl") == 0)
		*s = SESS_SEC_TLS;
	else if (strcasecmp(w, "auto") == 0)
		*s = SESS_SEC_AUTO;
	else
		return false;
	return true;
}

/* The encryption of a row, as the table shows it (JSON keeps the
 * stable words of sess_security_word). */
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

/* The security for a row: what was used once known, else asked. */
static const char *row_security(const struct probe_params *p,
				const struct probe_row *r)
{
	if (r->res.outcome == SESS_OUT_OK || r->res.tls.done)
		return security_text(r->res.security);
	if (p->security == SESS_SEC_AUTO)
		return security_text(SESS_SEC_PLAIN);
	return security_text(p->security);
}

/* The stable JSON word for a row's security (never translated). */
static const char *row_security_word(const struct probe_params *p,
				     const struct probe_row *r)
{
	if (r->res.outcome == SESS_OUT_OK || r->res.tls.done)
		return sess_security_word(r->res.security);
	if (p->security == SESS_SEC_AUTO)
		return "plain";
	return sess_security_word(p->security);
}

static void pad(FILE *o, const char *s, int width)
{
	fputs(s, o);
	for (int w = ui_width(s); w < width; w++)
		fputc(' ', o);
}

/* Why a row is what it is, in the person's language. */
static void row_reason(const struct probe_params *p, const struct probe_row *r,
		       char *out, size_t outsz)
{
	const struct sess_result *res = &r->res;
	const char *held = ui_login_held_text(sess_auth_word(res->auth));
	char why[320];
	switch (res->outcome) {
	case SESS_OUT_OK: {
		size_t n = 0;
		n += (size_t)snprintf(out, outsz, "%s", _("works"));
		if (res->tls.done && n < outsz)
			n += (size_t)snprintf(out + n, outsz - n, " (%s",
					      res->tls.version);
		if (res->n_mechs && n < outsz) {
			n += (size_t)snprintf(out + n, outsz - n, "%s%s",
					      res->tls.done ? ", " : " (",
					      _("login:"));
			for (size_t i = 0; i < res->n_mechs && n < outsz; i++)
				n += (size_t)snprintf(out + n, outsz - n, " %s",
						      res->mechs[i]);
		}
		if ((res->tls.done || res->n_mechs) && n < outsz)
			n += (size_t)snprintf(out + n, outsz - n, ")");
		if (res->auth == SESS_AUTH_OK && n < outsz)
			n += (size_t)snprintf(out + n, outsz - n, "; %s",
					      _("login accepted"));
		else if (res->auth == SESS_AUTH_NO_MECH && n < outsz)
			n += (size_t)snprintf(
			    out + n, outsz - n, "; %s",
			    _("login not tried: no way of logging in in "
			      "common"));
		else if (held && n < outsz)
			n += (size_t)snprintf(out + n, outsz - n, "; %s", held);
		if (res->reply_code && n < outsz) /* its words, quoted */
			n += (size_t)snprintf(out + n, outsz - n, "; ");
		if (res->reply_code && n < outsz)
			n += (size_t)snprintf(out + n, outsz - n,
					      _("the server said \"%s\""),
					      res->reply);
		if (res->tls.insecure && res->tls.failure != TLS_FAIL_NONE &&
		    n < outsz)
			snprintf(
			    out + n, outsz - n, "; %s",
			    tls_explain(&res->tls, p->host, why, sizeof why));
		return;
	}
	case SESS_OUT_TLS_FAILED:
		snprintf(out, outsz, "%s: %s", _("TLS refused"),
			 tls_explain(&res->tls, p->host, why, sizeof why));
		return;
	case SESS_OUT_REJECTED:
	case SESS_OUT_AUTH_FAILED:
		if (res->reply[0]) {
			char said[600];
			snprintf(said, sizeof said, _("the server said \"%s\""),
				 res->reply);
			snprintf(out, outsz, "%s: %s",
				 _(sess_outcome_text(res->outcome)), said);
		} else {
			snprintf(out, outsz, "%s: %s",
				 _(sess_outcome_text(res->outcome)),
				 res->detail);
		}
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

static void print_table(const struct app *app, struct probe **probes, size_t n)
{
	FILE *o = app->out;
	bool utf8 = i18n_utf8();
	int hw = ui_width(_("server")), aw = ui_width(_("address"));
	for (size_t i = 0; i < n; i++)
		for (size_t j = 0; j < probe_n_rows(probes[i]); j++) {
			int w = ui_width(probe_params(probes[i])->host);
			hw = w > hw ? w : hw;
			w = ui_width(probe_row(probes[i], j)->address);
			aw = w > aw ? w : aw;
		}
	pad(o, _("server"), hw + 2);
	pad(o, _("address"), aw + 2);
	pad(o, _("port"), 7);
	pad(o, _("security"), 10);
	pad(o, _("time"), 9);
	fprintf(o, "%s\n", _("result"));
	for (size_t i = 0; i < n; i++) {
		const struct probe_params *p = probe_params(probes[i]);
		for (size_t j = 0; j < probe_n_rows(probes[i]); j++) {
			const struct probe_row *r = probe_row(probes[i], j);
			char port[16], ms[24], why[700];
			bool ok = r->res.outcome == SESS_OUT_OK;
			pad(o, p->host, hw + 2);
			pad(o, r->address[0] ? r->address : "-", aw + 2);
			snprintf(port, sizeof port, "%d", p->port);
			pad(o, port, 7);
			pad(o, row_security(p, r), 10);
			snprintf(
			    ms, sizeof ms, "%llu ms",
			    (unsigned long long)r->res.step_ms[SESS_STEP_DONE]);
			pad(o, ms, 9);
			row_reason(p, r, why, sizeof why);
			fprintf(o, "%s %s\n",
				ok ? (utf8 ? "✓" : "OK") : (utf8 ? "✗" : "NG"),
				why);
			if (app->insecure)
				fprintf(o, "    %s\n",
					_("UNVERIFIED (--insecure): the "
					  "certificate was NOT checked"));
		}
	}
	if (app->insecure)
		fprintf(
		    o, "\n%s\n",
		    _("--insecure: certificates were NOT checked. No result "
		      "above is verified; do not trust a server on the "
		      "strength of this probe."));
}

static void print_transcripts(const struct app *app, struct probe **probes,
			      size_t n)
{
	FILE *o = app->out;
	for (size_t i = 0; i < n; i++) {
		const struct probe_params *p = probe_params(probes[i]);
		for (size_t j = 0; j < probe_n_rows(probes[i]); j++) {
			const struct probe_row *r = probe_row(probes[i], j);
			fprintf(o, "\n== %s [%s]:%d\n", p->host, r->address,
				p->port);
			for (size_t k = 0; k < r->ts.n; k++)
				fprintf(o, "%6u %c %s\n", r->ts.lines[k].ms,
					r->ts.lines[k].dir,
					r->ts.lines[k].text);
			if (r->ts.dropped)
				fprintf(o, "       … (%zu)\n", r->ts.dropped);
		}
	}
}

static struct json_object *str_or_null(const char *s)
{
	return s && *s ? json_object_new_string(s) : NULL;
}

static struct json_object *tls_json(const struct sess_result *res)
{
	if (!res->tls_tried)
		return NULL;
	const struct tls_info *t = &res->tls;
	struct json_object *j = json_object_new_object();
	json_object_object_add(j, "verified",
			       json_object_new_boolean(t->done && t->verified));
	json_object_object_add(j, "version", str_or_null(t->version));
	json_object_object_add(j, "cipher", str_or_null(t->cipher));
	json_object_object_add(j, "subject", str_or_null(t->subject));
	struct json_object *names = json_object_new_array();
	char buf[sizeof t->names];
	snprintf(buf, sizeof buf, "%s", t->names);
	for (char *save = NULL, *w = strtok_r(buf, ", ", &save); w;
	     w = strtok_r(NULL, ", ", &save))
		json_object_array_add(names, json_object_new_string(w));
	json_object_object_add(j, "names", names);
	json_object_object_add(j, "issuer", str_or_null(t->issuer));
	json_object_object_add(j, "not_before", str_or_null(t->not_before));
	json_object_object_add(j, "not_after", str_or_null(t->not_after));
	json_object_object_add(
	    j, "failure",
	    t->failure == TLS_FAIL_NONE
		? NULL
		: json_object_new_string(tls_failure_word(t->failure)));
	json_object_object_add(j, "detail", str_or_null(t->detail));
	return j;
}

static struct json_object *list_json(char *const *list, size_t n)
{
	struct json_object *a = json_object_new_array();
	for (size_t i = 0; i < n; i++)
		json_object_array_add(a, json_object_new_string(list[i]));
	return a;
}

static struct json_object *row_json(const struct app *app,
				    const struct probe_params *p,
				    const struct probe_row *r)
{
	const struct sess_result *res = &r->res;
	struct json_object *j = json_object_new_object();
	json_object_object_add(j, "host", json_object_new_string(p->host));
	json_object_object_add(j, "address", str_or_null(r->address));
	json_object_object_add(
	    j, "family",
	    r->family ? json_object_new_string(r->family == 6 ? "ipv6" : "ipv4")
		      : NULL);
	json_object_object_add(j, "port", json_object_new_int(p->port));
	if (app->insecure)
		json_object_object_add(j, "insecure",
				       json_object_new_boolean(true));
	json_object_object_add(
	    j, "protocol", json_object_new_string(acct_proto_word(p->proto)));
	json_object_object_add(j, "security",
			       json_object_new_string(row_security_word(p, r)));
	json_object_object_add(
	    j, "outcome",
	    json_object_new_string(sess_outcome_word(res->outcome)));
	json_object_object_add(
	    j, "step", json_object_new_string(sess_step_word(res->step)));
	json_object_object_add(
	    j, "elapsed_ms",
	    json_object_new_int64((int64_t)res->step_ms[SESS_STEP_DONE]));
	struct json_object *steps = json_object_new_object();
	for (int s = SESS_STEP_CONNECT; s < SESS_STEP_DONE; s++)
		if (res->step_ms[s])
			json_object_object_add(
			    steps, sess_step_word((enum sess_step)s),
			    json_object_new_int64((int64_t)res->step_ms[s]));
	json_object_object_add(j, "steps_ms", steps);
	json_object_object_add(j, "tls", tls_json(res));
	json_object_object_add(j, "greeting", str_or_null(res->greeting));
	json_object_object_add(j, "capabilities",
			       list_json(res->caps, res->n_caps));
	json_object_object_add(j, "auth_mechanisms",
			       list_json(res->mechs, res->n_mechs));
	if (res->size_limit)
		json_object_object_add(
		    j, "size", json_object_new_int64((int64_t)res->size_limit));
	json_object_object_add(
	    j, "auth", json_object_new_string(sess_auth_word(res->auth)));
	json_object_object_add(
	    j, "reply_code",
	    res->reply_code ? json_object_new_int(res->reply_code) : NULL);
	json_object_object_add(j, "reply", str_or_null(res->reply));
	json_object_object_add(j, "detail", str_or_null(res->detail));
	if (app->transcript) {
		struct json_object *t = json_object_new_array();
		for (size_t k = 0; k < r->ts.n; k++) {
			struct json_object *l = json_object_new_object();
			char dir[2] = {r->ts.lines[k].dir, '\0'};
			json_object_object_add(
			    l, "ms", json_object_new_int64(r->ts.lines[k].ms));
			json_object_object_add(l, "dir",
					       json_object_new_string(dir));
			json_object_object_add(
			    l, "text",
			    json_object_new_string(r->ts.lines[k].text));
			json_object_array_add(t, l);
		}
		json_object_object_add(j, "transcript", t);
	}
	return j;
}

static void print_json(const struct app *app, struct probe **probes, size_t n)
{
	struct json_object *root = json_object_new_object();
	struct json_object *list = json_object_new_array();
	for (size_t i = 0; i < n; i++)
		for (size_t j = 0; j < probe_n_rows(probes[i]); j++)
			json_object_array_add(
			    list, row_json(app, probe_params(probes[i]),
					   probe_row(probes[i], j)));
	json_object_object_add(root, "results", list);
	if (app->insecure)
		json_object_object_add(root, "insecure",
				       json_object_new_boolean(true));
	fprintf(app->out, "%s\n",
		json_object_to_json_string_ext(
		    root,
		    JSON_C_TO_STRING_PRETTY | JSON_C_TO_STRING_NOSLASHESCAPE));
	json_object_put(root);
}

/* Progress on a terminal: rows finished so far. */
struct progress {
	const struct app *app;
	size_t probes_done, n_probes;
	bool tty;
};

static void on_event(struct probe *pr, const struct probe_event *ev, void *ud)
{
	struct progress *pg = ud;
	(void)pr;
	if (ev->kind != PROBE_EV_DONE)
		return;
	pg->probes_done++;
	if (pg->tty) {
		fprintf(pg->app->err, "\r%s %zu/%zu", _("checking…"),
			pg->probes_done, pg->n_probes);
		fflush(pg->app->err);
	}
}

/* Check the options together; false after a message. */
static bool check_options(const struct app *app, enum acct_proto *proto,
			  bool *proto_given, enum sess_security *sec,
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

/* The probes the command line names: each HOST[:PORT] on its port or on
 * the usual ones. Fills plan[0..*n) (hosts copied into hosts); false
 * after a message. */
static bool plan_targets(struct app *app, int argc, char **argv,
			 struct probe_params *plan, char (*hosts)[256],
			 size_t *n)
{
	enum acct_proto proto = ACCT_PROTO_SMTP;
	enum sess_security sec = SESS_SEC_AUTO;
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
			struct probe_params *p = &plan[(*n)++];
			memset(p, 0, sizeof *p);
			p->host = hosts[*n - 1];
			p->port = ports[k];
			p->proto = proto_given ? proto : port_proto(ports[k]);
			p->security = sec_given ? sec : port_security(ports[k]);
		}
	}
	return true;
}

/* Start probe i of plan; false after a message. */
static bool start_one(struct app *app, struct loop *loop,
		      struct probe_params *p, const struct md_limits *lim,
		      struct dns *dns, struct tls_ctx *tls,
		      struct secret *secret, struct progress *pg,
		      struct probe **out)
{
	struct md_err err;
	p->family = app->family == 4   ? PROBE_FAMILY_V4
		    : app->family == 6 ? PROBE_FAMILY_V6
				       : PROBE_FAMILY_ANY;
	p->dns = dns;
	p->tls = tls;
	p->timeout_ms = lim->reply_ms;
	p->deadline_ms = lim->row_ms;
	p->user = app->user;
	p->password = secret_give;
	p->password_ud = secret;
	p->auth_insecure = app->auth_plaintext;
	if (p->proto == ACCT_PROTO_SMTP) {
		p->mail_from = app->mail_from;
		p->rcpt_to = app->rcpt_to;
	}
	p->keep_transcript = app->transcript;
	*out = probe_start(loop, p, on_event, pg, &err);
	if (!*out)
		app_error(app, "%s", err.text);
	return *out != NULL;
}

/* The results, as JSON or a table; 0 when every row worked, else 1. */
static int report(struct app *app, struct probe **probes, size_t n)
{
	if (app->json)
		print_json(app, probes, n);
	else {
		print_table(app, probes, n);
		if (app->transcript)
			print_transcripts(app, probes, n);
	}
	int rc = 0;
	for (size_t i = 0; i < n; i++)
		for (size_t j = 0; j < probe_n_rows(probes[i]); j++)
			if (probe_row(probes[i], j)->res.outcome != SESS_OUT_OK)
				rc = 1;
	return rc;
}

/* Run the n probes of plan at once on one loop, then report. */
static int probe_all(struct app *app, struct probe_params *plan, size_t n,
		     struct secret *secret)
{
	int rc = 3;
	struct md_err err;
	struct md_limits lim = md_limits_of(md_timeout_ms(app->timeout_s));
	struct loop *loop = loop_new();
	struct dns *dns =
	    loop ? dns_new(loop, app->resolver, lim.dns_ms, &err) : NULL;
	struct tls_ctx *tls = !dns ? NULL
			      : app->insecure
				  ? tls_ctx_new_insecure(app->ca_file, &err)
				  : tls_ctx_new(app->ca_file, &err);
	struct probe **probes = calloc(n, sizeof *probes);
	if (!loop || !dns || !tls || !probes) {
		if (loop)
			app_error(app, "%s", err.text);
		rc = loop && err.code == MD_ERR_NOMEM ? 3 : 2;
		goto out;
	}
	struct progress pg = {app, 0, n, !app->json && os_is_terminal(2)};
	for (size_t i = 0; i < n; i++)
		if (!start_one(app, loop, &plan[i], &lim, dns, tls, secret, &pg,
			       &probes[i]))
			goto out;
	while (pg.probes_done < n)
		if (loop_run_once(loop, -1, &err) != MD_OK) {
			app_error(app, "%s", err.text);
			goto out;
		}
	if (pg.tty)
		fprintf(app->err, "\r\033[K");
	rc = report(app, probes, n);
out:
	for (size_t i = 0; probes && i < n; i++)
		probe_free(probes[i]);
	free(probes);
	tls_ctx_free(tls);
	dns_free(dns);
	loop_free(loop);
	return rc;
}

static int run(struct app *app, int argc, char **argv)
{
	if (argc < 2) {
		app_error(app, "%s", _("probe needs at least one server"));
		return 2;
	}
	struct probe_params plan[MAX_PROBES];
	char hosts[MAX_PROBES][256];
	size_t n = 0;
	if (!plan_targets(app, argc, argv, plan, hosts, &n))
		return 2;
	struct secret secret = {.have = false};
	if (app->password_stdin && !secret_read(&secret)) {
		app_error(app, "%s", _("no password on standard input"));
		return 2;
	}
	int rc = probe_all(app, plan, n, &secret);
	secret_wipe(&secret);
	return rc;
}

const struct md_cmd cmd_probe = {
    .name = "probe",
    .usage = "probe HOST[:PORT]... [OPTIONS]",
    .summary = N_("test each mail server port, per address family"),
    .run = run,
};
