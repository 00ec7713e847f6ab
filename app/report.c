/* report.c — the saved report: plain text in the person's language, every
 * line passed through report_redact() on its way to the file. */
#include "app/report.h"

#include "core/base/compat.h"
#include "core/base/i18n.h"
#include "core/base/os.h"
#include "core/base/redact.h"
#include "app/describe.h"
#include "app/describe_fix.h"
#include "app/ui_check_words.h"

#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

char *report_redact(const char *line)
{
	return redact_text(line);
}

static void rows_text(FILE *f, const struct check_row *rows, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		const struct check_row *r = &rows[i];
		char ep[512];
		ui_row_endpoint(r, ep, sizeof ep);
		const char *mark = r->step != MD_STEP_DONE   ? "--"
				   : r->outcome == MD_OUT_OK ? "OK"
							     : "NG";
		fprintf(f, "  %2zu. %s  %s: %s", i + 1, mark, ep,
			r->step != MD_STEP_DONE ? ui_step_text(r->step)
						: ui_outcome_text(r->outcome));
		if (r->reason && (r->outcome != MD_OUT_OK || r->insecure))
			fprintf(f, " (%s)", r->reason);
		if (r->insecure)
			fprintf(
			    f, " [%s]",
			    _("UNVERIFIED: the certificate was NOT checked"));
		fprintf(f, " [%llu ms]\n", (unsigned long long)r->elapsed_ms);
	}
}

/* The mail program, as the person knows it. */
static const char *client_name(enum acct_client client)
{
	switch (client) {
	case ACCT_CLIENT_THUNDERBIRD:
		return "Thunderbird";
	case ACCT_CLIENT_OUTLOOK:
		return "Outlook";
	case ACCT_CLIENT_AUTODISCOVER:
		return _("settings found on the Internet");
	case ACCT_CLIENT_TYPED:
		return _("typed in");
	}
	return "";
}

/* The identities of set; only the one of address when it is given (the
 * others were not checked and have nothing to do with this report). */
static void accounts_text(FILE *f, const struct acct_set *set,
			  const char *address)
{
	for (size_t i = 0; i < set->n_accounts; i++) {
		const struct acct_account *a = &set->accounts[i];
		for (size_t j = 0; j < a->n_identities; j++) {
			const struct acct_identity *id = &a->identities[j];
			if (address &&
			    (!id->email || strcasecmp(id->email, address) != 0))
				continue;
			char line[1024] = "", from[600] = "";
			if (id->outgoing >= 0) {
				const struct acct_server *s =
				    &set->outgoing[id->outgoing];
				ui_server_line(s, line, sizeof line);
				ui_origin(set, s->src_host, from, sizeof from);
			}
			fprintf(f, "  %s <%s> (%s %s)\n",
				id->name ? id->name : "",
				id->email ? id->email : "",
				client_name(a->client), a->source);
			fprintf(f, "    %s %s%s%s%s\n", _("sends through:"),
				*line ? line : _("no outgoing server set"),
				*from ? "  [" : "", from, *from ? "]" : "");
		}
	}
}

/* The bounce lines that are evidence for finding x, under it. */
static void tied_text(FILE *f, const struct app_bounces *bo,
		      const struct finding *x)
{
	const struct bounce_line *bl[BOUNCES_MAX_LINES];
	size_t n = bo ? bounces_tied(bo, x, bl, BOUNCES_MAX_LINES) : 0;
	char said[512];
	for (size_t i = 0; i < n; i++)
		fprintf(f, "     - %s\n",
			bounces_sentence(bo, bl[i], said, sizeof said));
}

/* The Inbox's bounces: one sentence a kind (a reason and a count), never
 * an address or a word of the messages themselves. */
static void bounces_text(FILE *f, const struct app_bounces *bo)
{
	fprintf(f, "\n%s\n",
		_("Messages that came back (read from the Inbox, which "
		  "maildoctor never changes):"));
	if (bo->total == 0)
		fprintf(f, "  %s\n", _("None in the last 30 days."));
	char said[512];
	for (size_t i = 0; i < bo->n_lines; i++)
		fprintf(f, "  %s\n",
			bounces_sentence(bo, &bo->lines[i], said, sizeof said));
	if (bo->limited)
		fprintf(f, "  %s\n",
			_("(Only the newest part of a large Inbox was read.)"));
}

static void findings_text(FILE *f, const struct finding_list *fl,
			  const struct app_bounces *bo)
{
	if (!fl || fl->n == 0) {
		fprintf(f, "  %s\n", _("Nothing wrong was found."));
		return;
	}
	for (size_t i = 0; i < fl->n; i++) {
		const struct finding *x = &fl->items[i];
		fprintf(f, "  %zu. [%s] %s\n", i + 1,
			_(finding_severity_word(x->severity)), x->summary);
		if (x->explanation)
			fprintf(f, "     %s\n", x->explanation);
		for (size_t e = 0; e < x->n_evidence; e++) {
			const struct evidence *ev = &x->evidence[e];
			fprintf(f, "     - %s", ev->text ? ev->text : "");
			char where[4200];
			if (ev->file)
				fprintf(f, "  (%s)",
					acct_where(ev->file, ev->line, where,
						   sizeof where));
			fputc('\n', f);
		}
		tied_text(f, bo, x);
	}
}

static void fix_text(FILE *f, const struct report_data *d)
{
	const struct fix *x = d->fix;
	struct acct_server s = ui_fix_server(x);
	char line[1024];
	fprintf(f, "  %s: %s\n", x->identity_email ? x->identity_email : "",
		ui_server_line(&s, line, sizeof line));
	if (d->plan)
		for (size_t i = 0; i < d->plan->n_changes; i++)
			fprintf(f, "    %s\n",
				describe_change(&d->plan->changes[i],
						CHANGE_REPORT, line,
						sizeof line));
	if (d->applied) {
		fprintf(f, "  %s\n",
			_("The change was made. Copies of the "
			  "files as they were:"));
		for (size_t i = 0; d->result && i < d->result->n_backups; i++)
			fprintf(f, "    %s\n", d->result->backups[i]);
		if (d->undo_command)
			fprintf(f, "  %s\n    %s\n", _("To undo it:"),
				d->undo_command); /* a line of its own */
	} else if (d->apply_error) {
		fprintf(f, "  %s %s\n", _("Nothing was changed:"),
			d->apply_error);
	} else {
		fprintf(f, "  %s\n", _("Nothing was changed."));
	}
	if (d->import_file)
		fprintf(f, "  %s %s\n", _("A file to import into Outlook:"),
			d->import_file);
	if (d->undo_file)
		fprintf(f, "  %s %s\n",
			_("To undo it after the import, double-click:"),
			d->undo_file);
}

/* The report, unredacted, into f. */
static void write_all(const struct report_data *d, FILE *f)
{
	char when[64];
	time_t now = time(NULL);
	struct tm tm;
	localtime_r(&now, &tm);
	strftime(when, sizeof when, "%Y-%m-%d %H:%M:%S %z", &tm);
	fprintf(f, "maildoctor %s \xe2\x80\x94 %s %s\n", MD_VERSION,
		_("report of"), when);
	fprintf(f, "%s\n\n",
		_("Passwords and other secrets are never "
		  "written in this report."));
	if (d->address)
		fprintf(f, "%s %s\n", _("Address checked:"), d->address);
	if (d->offline)
		fprintf(f, "%s\n",
			_("Offline: only the settings were read "
			  "and judged; the network was not used."));
	if (d->accounts) {
		fprintf(f, "\n%s\n", _("Settings read:"));
		accounts_text(f, d->accounts, d->address);
	}
	if (d->n_rows) {
		fprintf(f, "\n%s\n", _("Checks:"));
		rows_text(f, d->rows, d->n_rows);
	}
	if (d->findings) {
		fprintf(f, "\n%s\n", _("What was found:"));
		findings_text(f, d->findings, d->bounces);
	}
	if (d->bounces && d->bounces->folders > 0)
		bounces_text(f, d->bounces);
	if (d->fix) {
		fprintf(f, "\n%s\n", _("The fix:"));
		fix_text(f, d);
	}
	if (d->n_rerows) {
		fprintf(f, "\n%s\n", _("Checks after the change:"));
		rows_text(f, d->rerows, d->n_rerows);
	}
}

void report_text(const struct report_data *d, FILE *f)
{
	struct os_memstream m;
	if (!os_memstream_open(&m))
		return;
	write_all(d, m.f);
	size_t len;
	char *buf = os_memstream_close(&m, &len);
	for (char *line = buf; line && *line;) {
		char *nl = strchr(line, '\n');
		if (nl)
			*nl = '\0';
		char *r = report_redact(line);
		fprintf(f, "%s\n", r ? r : "<redacted>");
		free(r);
		line = nl ? nl + 1 : NULL;
	}
	free(buf);
}

const char *report_dir(void)
{
	return fix_report_dir(); /* one rule: Outlook's backups go there too */
}

enum md_status report_save(const struct report_data *d, const char *dir,
			   char **path, struct md_err *err)
{
	*path = NULL;
	char stamp[32];
	time_t now = time(NULL);
	struct tm tm;
	localtime_r(&now, &tm);
	strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", &tm);
	int fd = -1;
	char *p = NULL;
	for (int n = 1; n < 100 && fd < 0; n++) {
		free(p);
		p = NULL;
		int r = n == 1 ? asprintf(&p, "%s%smaildoctor-report-%s.txt",
					  dir, os_sep, stamp)
			       : asprintf(&p, "%s%smaildoctor-report-%s-%d.txt",
					  dir, os_sep, stamp, n);
		if (r < 0)
			return md_err_set(err, MD_ERR_NOMEM, NULL, 0, "%s",
					  _("out of memory"));
		/* 0600; on Windows an ACL of this user alone */
		fd = os_create_private(p);
		if (fd < 0 && errno != EEXIST)
			break;
	}
	if (fd < 0) {
		enum md_status st =
		    md_err_sys(err, MD_ERR_IO, errno, p,
			       _("the report could not be saved in %s"), dir);
		free(p);
		return st;
	}
	FILE *f = fdopen(fd, "w");
	if (!f) {
		close(fd);
		free(p);
		return md_err_sys(err, MD_ERR_IO, errno, NULL, "%s",
				  _("out of memory"));
	}
	report_text(d, f);
	if (fclose(f) != 0) {
		enum md_status st =
		    md_err_sys(err, MD_ERR_IO, errno, p,
			       _("the report could not be saved in %s"), dir);
		os_unlink(p);
		free(p);
		return st;
	}
	*path = p;
	return MD_OK;
}
