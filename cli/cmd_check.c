/* cmd_check.c — `maildoctor check [ADDRESS…]`: plan, probe, diagnose, and
 * tell people the result (summary first, then each finding with its fix),
 * or print it as JSON for a technician's tools. */
#include "core/base/i18n.h"
#include "app/app.h"
#include "app/bounces.h"
#include "app/check_json.h"
#include "app/notices.h"
#include "app/check_run.h"
#include "app/cmdline.h"
#include "app/describe.h"
#include "app/ui_check_words.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ✓/✗ where the terminal can show them, OK/NG otherwise. */
static const char *mark(bool ok)
{
	if (i18n_utf8())
		return ok ? "✓" : "✗";
	return ok ? "OK" : "NG";
}

static void print_rows(FILE *o, const struct check *c)
{
	size_t n;
	const struct check_row *rows = check_rows(c, &n);
	if (n == 0)
		return;
	fprintf(o, "%s\n", _("What the check saw:"));
	for (size_t i = 0; i < n; i++) {
		const struct check_row *r = &rows[i];
		bool ok = r->step == MD_STEP_DONE && r->outcome == MD_OUT_OK;
		char fam[8] = "";
		if (r->family)
			snprintf(fam, sizeof fam, "IPv%d", r->family);
		fprintf(o, "  %s %-28s %-5s %5d %-9s %s%s%s  [%s, %llu ms]\n",
			mark(ok), r->host, fam, r->port,
			acct_security_word(r->security),
			r->address ? r->address : "-", r->reason ? " — " : "",
			r->reason ? r->reason : "",
			r->purpose ? r->purpose : "",
			(unsigned long long)r->elapsed_ms);
		if (r->insecure)
			fprintf(
			    o, "      %s\n",
			    _("UNVERIFIED (--insecure): the certificate was "
			      "NOT checked"));
		const char *held = ui_login_held_text(r->auth);
		if (held)
			fprintf(o, "      %s\n", held);
	}
	const char *e4 = check_egress(c, 4), *e6 = check_egress(c, 6);
	if (e4 || e6)
		fprintf(o, _("The world sees this computer as %s%s%s.\n"),
			e4 ? e4 : "", e4 && e6 ? ", " : "", e6 ? e6 : "");
	fputc('\n', o);
}

static void print_findings(const struct app *app, const struct finding_list *fl,
			   const struct app_bounces *bo)
{
	FILE *o = app->out;
	bool offline = app->offline;
	if (fl->n == 0) {
		fprintf(o, "%s\n",
			offline ? _("The settings look right. (Only the "
				    "settings were judged: no server was "
				    "contacted.)")
				: _("Everything works: no problem was "
				    "found."));
		return;
	}
	fprintf(o,
		ngettext("%zu thing needs attention:\n",
			 "%zu things need attention:\n", fl->n),
		fl->n);
	for (size_t i = 0; i < fl->n; i++)
		fprintf(o, "  %zu. %s\n", i + 1, fl->items[i].summary);
	if (offline)
		fprintf(o, "%s\n",
			_("(Only the settings were judged: no server was "
			  "contacted.)"));
	for (size_t i = 0; i < fl->n; i++) {
		const struct finding *f = &fl->items[i];
		fprintf(o, "\n%zu. %s  [%s]\n   %s\n", i + 1, f->summary, f->id,
			f->explanation ? f->explanation : "");
		for (size_t e = 0; e < f->n_evidence; e++) {
			const struct evidence *ev = &f->evidence[e];
			char where[4200];
			if (ev->file)
				fprintf(o, "   - %s (%s)\n", ev->text,
					acct_where(ev->file, ev->line, where,
						   sizeof where));
			else
				fprintf(o, "   - %s\n", ev->text);
		}
		const struct bounce_line *bl[BOUNCES_MAX_LINES];
		size_t nb = bounces_tied(bo, f, bl, BOUNCES_MAX_LINES);
		char said[512];
		for (size_t b = 0; b < nb; b++)
			fprintf(o, "   - %s\n",
				bounces_sentence(bo, bl[b], said, sizeof said));
		for (size_t x = 0; x < f->n_fixes; x++) {
			char line[1024];
			fprintf(o, _("   Fix %s: %s\n"), f->fixes[x]->id,
				ui_fix_line(f->fixes[x], line, sizeof line));
		}
		if (f->n_fixes) {
			char *cmd = cmdline_apply(app, f->fixes[0]->id);
			fprintf(o, "   %s\n     %s\n", _("To apply it, type:"),
				cmd ? cmd : "");
			free(cmd);
		}
	}
}

/* The bounces of the Inbox: one sentence a kind. Nothing when no Inbox
 * was read. */
static void print_bounces(FILE *o, const struct app_bounces *bo)
{
	if (bo->folders == 0)
		return;
	fprintf(o, "\n%s\n",
		_("Messages that came back (read from the Inbox, which "
		  "maildoctor never changes):"));
	if (bo->total == 0)
		fprintf(o, "  %s\n", _("None in the last 30 days."));
	for (size_t i = 0; i < bo->n_lines; i++) {
		char said[512];
		fprintf(o, "  %s\n",
			bounces_sentence(bo, &bo->lines[i], said, sizeof said));
	}
	if (bo->limited)
		fprintf(o, "  %s\n",
			_("(Only the newest part of a large Inbox was read.)"));
}

/* The ids of the findings of fl that line l is evidence for. */
static struct json_object *tied_ids(const struct finding_list *fl,
				    const struct bounce_line *l)
{
	struct json_object *a = json_object_new_array();
	for (size_t i = 0; i < fl->n; i++)
		if (bounces_line_ties(l, &fl->items[i]))
			json_object_array_add(
			    a, json_object_new_string(fl->items[i].id));
	return a;
}

/* A bounce line in the JSON: its reason, its count and the sentence. */
static struct json_object *bounce_line_json(const struct app_bounces *bo,
					    const struct bounce_line *l)
{
	char said[512];
	struct json_object *x = json_object_new_object();
	json_object_object_add(x, "reason", json_object_new_string(l->reason));
	json_object_object_add(x, "count",
			       json_object_new_int64((int64_t)l->count));
	json_object_object_add(
	    x, "text",
	    json_object_new_string(bounces_sentence(bo, l, said, sizeof said)));
	return x;
}

static void add_bounces_json(struct json_object *j,
			     const struct finding_list *fl,
			     const struct app_bounces *bo)
{
	if (bo->folders == 0)
		return;
	struct json_object *b = json_object_new_object();
	struct json_object *lines = json_object_new_array();
	char since[16];
	json_object_object_add(b, "count",
			       json_object_new_int64((int64_t)bo->total));
	json_object_object_add(b, "since",
			       json_object_new_string(bounces_since(
				   bo, "%Y-%m-%d", since, sizeof since)));
	json_object_object_add(b, "limited",
			       json_object_new_boolean(bo->limited));
	for (size_t i = 0; i < bo->n_lines; i++) {
		const struct bounce_line *l = &bo->lines[i];
		struct json_object *x = bounce_line_json(bo, l);
		if (l->finding)
			json_object_object_add(
			    x, "finding", json_object_new_string(l->finding));
		/* the findings of this check it is evidence for */
		json_object_object_add(x, "findings", tied_ids(fl, l));
		json_object_array_add(lines, x);
	}
	json_object_object_add(b, "lines", lines);
	json_object_object_add(j, "bounces", b);
}

/* A finding of the JSON gets "bounces": the Inbox's bounce lines that are
 * evidence for it (reason, count, the sentence), when there are. */
static void add_finding_bounces(const struct finding *f,
				const struct app_bounces *bo,
				struct json_object *jf)
{
	const struct bounce_line *bl[BOUNCES_MAX_LINES];
	size_t nb = bounces_tied(bo, f, bl, BOUNCES_MAX_LINES);
	if (nb == 0)
		return;
	struct json_object *a = json_object_new_array();
	for (size_t b = 0; b < nb; b++)
		json_object_array_add(a, bounce_line_json(bo, bl[b]));
	json_object_object_add(jf, "bounces", a);
}

/* Each fix of a finding of the JSON gets "apply": the command that
 * applies it. */
static void add_apply_commands(const struct app *app, const struct finding *f,
			       struct json_object *jf)
{
	struct json_object *fixes;
	if (!json_object_object_get_ex(jf, "fixes", &fixes))
		return;
	for (size_t x = 0;
	     x < f->n_fixes && x < json_object_array_length(fixes); x++) {
		char *cmd = cmdline_apply(app, f->fixes[x]->id);
		if (cmd)
			json_object_object_add(
			    json_object_array_get_idx(fixes, x), "apply",
			    json_object_new_string(cmd));
		free(cmd);
	}
}

/* The one walk over the findings of the JSON, beside fl's: each gets its
 * fixes' commands and its bounce lines. */
static void add_finding_extras(const struct app *app,
			       const struct finding_list *fl,
			       const struct app_bounces *bo,
			       struct json_object *j)
{
	struct json_object *findings;
	if (!json_object_object_get_ex(j, "findings", &findings))
		return;
	for (size_t i = 0; i < fl->n && i < json_object_array_length(findings);
	     i++) {
		struct json_object *jf = json_object_array_get_idx(findings, i);
		add_apply_commands(app, &fl->items[i], jf);
		add_finding_bounces(&fl->items[i], bo, jf);
	}
}

/* Whether accounts of a mail program (not only typed addresses) are
 * checked: the New Outlook notice says what follows is about them. */
static bool from_programs(const struct acct_set *set)
{
	for (size_t i = 0; i < set->n_accounts; i++)
		if (set->accounts[i].client != ACCT_CLIENT_TYPED)
			return true;
	return false;
}

static int run(struct app *app, int argc, char **argv)
{
	struct check_run cr;
	int rc = check_run(app, (const char *const *)argv + 1,
			   argc > 1 ? (size_t)(argc - 1) : 0, &cr);
	if (rc == 0) {
		const struct finding_list *fl = check_findings(cr.check);
		struct app_bounces bo;
		bounces_find(cr.accounts, (const char *const *)argv + 1,
			     argc > 1 ? (size_t)(argc - 1) : 0, bounces_now(),
			     &bo);
		if (app->json) {
			struct check_previews pv;
			check_previews_make(cr.check, &pv);
			struct json_object *j = check_to_json(cr.check, &pv);
			check_previews_done(&pv);
			if (app->offline) /* only the settings were judged */
				json_object_object_add(
				    j, "offline",
				    json_object_new_boolean(true));
			add_bounces_json(j, fl, &bo);
			add_finding_extras(app, fl, &bo, j);
			json_object_object_add(
			    j, "notices",
			    app_notices_json(cr.new_outlook,
					     from_programs(cr.accounts)));
			check_json_print(app->out, j);
		} else {
			app_notices_print(app->out, cr.new_outlook,
					  from_programs(cr.accounts));
			print_rows(app->out, cr.check);
			print_findings(app, fl, &bo);
			print_bounces(app->out, &bo);
			if (app->insecure)
				fprintf(app->out, "\n%s\n",
					_("--insecure: certificates were NOT "
					  "checked. No result above is "
					  "verified; do not trust a server on "
					  "the strength of this check."));
		}
		bool problems = false;
		for (size_t i = 0; i < fl->n; i++)
			problems |= fl->items[i].severity >= SEV_WARNING;
		rc = cr.input_status ? cr.input_status : problems ? 1 : 0;
	}
	check_run_done(&cr);
	return rc;
}

const struct md_cmd cmd_check = {
    .name = "check",
    .usage = "check [ADDRESS... | ADDRESS --password-stdin] [OPTIONS]",
    .summary = N_("check the mail settings and the servers, and say what "
		  "is wrong"),
    .run = run,
};
