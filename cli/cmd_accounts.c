/* cmd_accounts.c — `maildoctor accounts`: every identity found on this
 * computer with the server it sends through and the one it receives from,
 * and the outgoing servers no identity uses any more. */
#include "core/model/account_json.h"
#include "core/base/i18n.h"
#include "app/app.h"
#include "app/describe.h"
#include "app/notices.h"

#include <stdlib.h>
#include <string.h>

static void print_server(FILE *o, const struct acct_set *set, const char *label,
			 const struct acct_server *srv)
{
	char line[1024], from[600];
	fprintf(o, "    %s%s%s", label, *label ? " " : "",
		ui_server_line(srv, line, sizeof line));
	ui_origin(set, srv->src_host, from, sizeof from);
	if (*from)
		fprintf(o, "  [%s]", from);
	fputc('\n', o);
}

/* One account block: who sends, through what, and where mail comes from. */
static void print_account(FILE *o, const struct acct_set *set,
			  const struct acct_account *a)
{
	for (size_t j = 0; j < a->n_identities; j++) {
		const struct acct_identity *id = &a->identities[j];
		fprintf(o, "  %s%s<%s>\n", id->name ? id->name : "",
			id->name ? " " : "",
			id->email ? id->email : _("no address"));
		if (id->outgoing >= 0)
			print_server(o, set, _("sends through:"),
				     &set->outgoing[id->outgoing]);
		else if (id->outgoing_key)
			fprintf(o, "    %s %s\n", _("sends through:"),
				_("a server that is no longer defined"));
		else
			fprintf(o, "    %s %s\n", _("sends through:"),
				_("no outgoing server set"));
	}
	if (a->incoming >= 0) {
		const struct acct_server *in = &set->incoming[a->incoming];
		char label[64];
		snprintf(label, sizeof label, _("receives (%s) from:"),
			 ui_proto_text(in->proto));
		print_server(o, set, label, in);
	}
	fputc('\n', o);
}

static void print_text(const struct app *app, const struct acct_set *set,
		       const struct clients_report *rep)
{
	FILE *o = app->out;
	const struct acct_account *prev = NULL;
	for (size_t i = 0; i < set->n_accounts; i++) {
		const struct acct_account *a = &set->accounts[i];
		/* A heading per file and profile (a .reg may hold several). */
		if (!prev || strcmp(prev->source, a->source) != 0 ||
		    (prev->profile && a->profile &&
		     strcmp(prev->profile, a->profile) != 0)) {
			prev = a;
			if (a->client == ACCT_CLIENT_THUNDERBIRD)
				fprintf(o, _("Thunderbird, profile \"%s\"\n"),
					a->profile ? a->profile : "");
			else if (a->client == ACCT_CLIENT_AUTODISCOVER)
				fprintf(o, "%s\n", _("Autodiscover response"));
			else
				fprintf(o, _("Outlook, profile \"%s\"\n"),
					a->profile ? a->profile : "");
			fprintf(o, "  %s\n\n", a->source);
		}
		print_account(o, set, a);
	}
	bool header = false;
	for (size_t i = 0; i < set->n_outgoing; i++) {
		if (!set->outgoing[i].orphaned)
			continue;
		if (!header)
			fprintf(o, "%s\n",
				_("Outgoing servers that no identity "
				  "uses (kept as evidence of "
				  "earlier settings):"));
		header = true;
		print_server(o, set, "-", &set->outgoing[i]);
	}
	if (rep->n_user_js_overrides)
		fprintf(o, "%s\n",
			_("Note: user.js sets mail settings; they come back "
			  "every time Thunderbird starts."));
}

static int run(struct app *app, int argc, char **argv)
{
	if (argc > 1) {
		app_error(app, _("accounts takes no arguments, not \"%s\""),
			  argv[1]);
		return 2;
	}
	struct acct_set *set = acct_set_new();
	if (!set)
		return 3;
	struct clients_report rep;
	struct md_err err;
	enum md_status st = app_read_settings(app, set, &rep, &err);
	if (st == MD_ERR_NOMEM) {
		app_error(app, "%s", err.text);
		clients_report_done(&rep);
		acct_set_free(set);
		return 3;
	}

	bool others = set->n_accounts > 0;
	if (app->json) {
		struct json_object *j = account_set_to_json(set);
		json_object_object_add(
		    j, "notices", app_notices_json(rep.new_outlook, others));
		fprintf(app->out, "%s\n",
			json_object_to_json_string_ext(
			    j, JSON_C_TO_STRING_PRETTY |
				   JSON_C_TO_STRING_NOSLASHESCAPE));
		json_object_put(j);
	} else {
		app_notices_print(app->out, rep.new_outlook, others);
		print_text(app, set, &rep);
	}
	app_print_read(app, &rep, &err);
	/* Nothing found and nothing failed: 1 (also beside New Outlook,
	 * whose accounts cannot be read); a file that failed: 2. */
	int rc = st == MD_OK ? 0 : rep.n_problems ? md_status_exit(st) : 1;
	clients_report_done(&rep);
	acct_set_free(set);
	return rc;
}

const struct md_cmd cmd_accounts = {
    .name = "accounts",
    .usage = "accounts [OPTIONS]",
    .summary = N_("list the mail accounts found on this computer"),
    .run = run,
};
