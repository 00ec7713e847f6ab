/* screen_fix.c — step 5: the fix, before it is made. Exactly what will
 * change, before → after for each value and each line of the settings
 * file, where the backup goes, and one key to apply, another to skip.
 * When no right outgoing server is known: whom to ask for it, and a field
 * to type it, which then becomes the fix shown. */
#include "tui/wizard.h"

#include "core/model/finding.h"
#include "core/base/i18n.h"
#include "core/base/names.h"
#include "app/describe.h"
#include "app/fixes.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* The server the fix changes, as it is now: the identity's outgoing
 * server, or the account's incoming server; NULL when not found. */
static const struct acct_server *current_server(const struct wizard *w)
{
	const struct acct_set *set = w->accounts;
	bool incoming = w->fix->kind == FIX_SET_INCOMING;
	for (size_t i = 0; set && i < set->n_accounts; i++) {
		const struct acct_account *a = &set->accounts[i];
		if (!a->source || strcmp(a->source, w->fix->source) != 0)
			continue;
		if (incoming) {
			const struct acct_server *in =
			    a->incoming >= 0 ? &set->incoming[a->incoming]
					     : NULL;
			if (in && in->key && w->fix->server_key &&
			    strcmp(in->key, w->fix->server_key) == 0)
				return in;
			continue;
		}
		for (size_t j = 0; j < a->n_identities; j++) {
			const struct acct_identity *id = &a->identities[j];
			if (id->key &&
			    strcmp(id->key, w->fix->identity_key) == 0)
				return id->outgoing >= 0
					   ? &set->outgoing[id->outgoing]
					   : NULL;
		}
	}
	return NULL;
}

static void value_row(struct wizard *w, struct page *pg, const char *label,
		      const char *before, const char *after)
{
	bool same = before && after && strcmp(before, after) == 0;
	const char *cells[] = {label, before ? before : "-", "\xe2\x86\x92",
			       after ? after : "-",
			       same ? _("(no change)") : NULL};
	struct page_block *b = page_row(pg, TONE_NORMAL, same ? 5 : 4, cells);
	if (b)
		b->indent = 2;
}

/* The values before and after. Thunderbird's fix shows them in plain
 * words; its port and the names of the encryption are in the details
 * (technical: true), where they are the words of Thunderbird's own
 * settings dialog. Outlook's, typed by hand, shows them all at once. */
static void draw_values(struct wizard *w, struct page *pg, bool technical)
{
	const struct acct_server *cur = current_server(w);
	const struct fix_server *to = &w->fix->server;
	bool plain = w->fix->client == ACCT_CLIENT_THUNDERBIRD;
	char bport[32] = "-", aport[32];
	if (cur && acct_server_port(cur))
		snprintf(bport, sizeof bport, "%d", acct_server_port(cur));
	snprintf(aport, sizeof aport, "%d", to->port);
	const char *ruler[] = {"", _("now"), "", _("after the change")};
	struct page_block *b = page_row(pg, TONE_DIM, 4, ruler);
	if (b)
		b->indent = 2;
	if (plain && technical) {
		value_row(w, pg, _("Port"), bport, aport);
		value_row(w, pg, _("Connection security"),
			  cur ? ui_security_text(cur->security) : NULL,
			  ui_security_text(to->security));
		return;
	}
	value_row(w, pg,
		  w->fix->kind == FIX_SET_INCOMING ? _("Incoming server")
						   : _("Outgoing server"),
		  cur ? cur->host : NULL, to->host);
	if (!plain)
		value_row(w, pg, _("Port"), bport, aport);
	const char *(*sec)(enum acct_security) =
	    plain ? ui_security_plain : ui_security_text;
	value_row(w, pg, _("Encryption"), cur ? sec(cur->security) : NULL,
		  sec(to->security));
	value_row(w, pg, _("Login"), cur ? ui_auth_text(cur->auth) : NULL,
		  ui_auth_text(to->auth));
	value_row(w, pg, _("User name"), cur ? cur->user : NULL, to->user);
}

/* The exact lines of the files, and where their copies go. */
static void draw_files(struct wizard *w, struct page *pg)
{
	const struct fix_plan *p = w->plan;
	if (!w->details)
		page_text(pg, TONE_NORMAL, "%s",
			  _("Thunderbird's settings file changes; press d to "
			    "see the lines."));
	page_text(pg, TONE_NORMAL, "%s",
		  _("First a copy of each file is kept, in the same folder:"));
	page_pre(pg, "%s", p->profile_dir);
	if (w->details) {
		page_gap(pg);
		page_focus_here(pg);
		page_text(pg, TONE_STRONG, "%s", _("Details:"));
		draw_values(w, pg, true);
		page_text(pg, TONE_NORMAL, "%s",
			  _("These lines of the settings file change:"));
		for (size_t i = 0; i < p->n_changes; i++) {
			const struct fix_change *c = &p->changes[i];
			const char *base = strrchr(c->file, '/');
			page_pre(pg, "%s: %s  %s \xe2\x86\x92 %s",
				 base ? base + 1 : c->file, c->name,
				 c->before ? c->before : _("(new)"),
				 c->after ? c->after : _("(removed)"));
		}
		for (size_t i = 0; i < p->n_changes; i++) {
			bool seen = false; /* each file once, not per line */
			for (size_t k = 0; k < i && !seen; k++)
				seen = strcmp(p->changes[k].file,
					      p->changes[i].file) == 0;
			if (!seen)
				page_pre(pg, "%s", p->changes[i].file);
		}
		page_pre(pg, "%s",
			 _("copies: prefs.js.maildoctor-DATE-TIME.bak"));
		if (p->reuses_orphan)
			page_text(pg, TONE_NORMAL, "%s",
				  _("This outgoing server was already in your "
				    "settings, but no address used it any "
				    "more."));
		if (p->new_server)
			page_text(pg, TONE_NORMAL, "%s",
				  _("A new outgoing server is added to the "
				    "settings."));
	}
	if (p->touches_user_js)
		page_text(pg, TONE_WARN, "%s",
			  _("user.js also sets this value, so it is changed "
			    "there too."));
	page_text(pg, TONE_NORMAL, "%s",
		  _("Close Thunderbird before applying. It asks for the "
		    "password the next time you send."));
}

/* Outlook cannot be written from here: the steps to type the values, and
 * a file to import on request (it changes nothing by itself). */
static void draw_outlook(struct wizard *w, struct page *pg)
{
	page_text(pg, TONE_NORMAL, "%s",
		  _("maildoctor cannot change Outlook's settings. Type these "
		    "values in Outlook:"));
	char *steps = fix_hand_over_steps(w->fix);
	for (char *line = steps, *nl; line && *line;
	     line = nl ? nl + 1 : NULL) {
		nl = strchr(line, '\n');
		if (nl)
			*nl = '\0';
		page_indent(page_text(pg, TONE_NORMAL, "%s", line), 2);
	}
	free(steps);
	page_gap(pg);
	if (w->outlook_reg) {
		page_focus_here(pg);
		struct page_block *b = page_text(
		    pg, TONE_GOOD,
		    _("A file to import was written: %s. Double-click it "
		      "while Outlook is closed."),
		    w->outlook_reg);
		page_mark(pg, b, wizard_sym_ok(w));
	} else if (w->apply_err.code != MD_OK) {
		page_focus_here(pg);
		struct page_block *b =
		    page_text(pg, TONE_BAD, "%s",
			      w->apply_err.text[0]
				  ? w->apply_err.text
				  : _(md_status_message(w->apply_err.code)));
		page_mark(pg, b, wizard_sym_bad(w));
	}
	if (!w->outlook_reg) {
		page_text(pg, TONE_STRONG, "%s",
			  _("Or press a to write, beside the export, a file "
			    "that Outlook can import and one that undoes "
			    "it."));
		page_key(pg, UI_ACT_APPLY);
	}
	page_key(pg, UI_ACT_NEXT);
}

/* ---- no fix known: the person types the server ------------------------- */

const struct finding *wizard_ask_finding(const struct wizard *w)
{
	const struct finding_list *fl = wizard_findings(w);
	const struct acct_identity *id = wizard_identity(w, NULL);
	for (size_t i = 0; fl && id && id->email && i < fl->n; i++) {
		const struct finding *f = &fl->items[i];
		if (f->ask_server && f->n_fixes == 0 && f->identity &&
		    strcasecmp(f->identity, id->email) == 0)
			return f;
	}
	return NULL;
}

/* "host" or "host:port" as typed: the host (into host, len bytes) and
 * the port (587 when none); false when it is not a server name. */
static bool parse_server(const char *typed, char *host, size_t len, int *port)
{
	const char *colon = strrchr(typed, ':');
	size_t n = colon ? (size_t)(colon - typed) : strlen(typed);
	*port = 587;
	if (colon) {
		char *end;
		long p = strtol(colon + 1, &end, 10);
		if (!colon[1] || *end || p < 1 || p > 65535)
			return false;
		*port = (int)p;
	}
	if (n == 0 || n >= len || typed[0] == '.' || typed[0] == '-' ||
	    typed[n - 1] == '.' || typed[n - 1] == '-' ||
	    !memchr(typed, '.', n))
		return false;
	for (size_t i = 0; i < n; i++)
		if (!isalnum((unsigned char)typed[i]) && typed[i] != '.' &&
		    typed[i] != '-')
			return false;
	memcpy(host, typed, n);
	host[n] = '\0';
	return true;
}

/* The fix of the chosen identity to the typed server (465: SSL/TLS,
 * any other port STARTTLS; a normal password with the address as the
 * user name), and its preview; false when the typed text is no server. */
static bool typed_fix(struct wizard *w)
{
	const struct acct_account *acc = NULL;
	const struct acct_identity *id = wizard_identity(w, &acc);
	char host[256], fid[300];
	int port;
	if (!id || !acc ||
	    !parse_server(w->srv_typed, host, sizeof host, &port))
		return false;
	snprintf(fid, sizeof fid, "use-%s-%d", host, port);
	struct fix f = {.id = fid,
			.kind = FIX_SET_OUTGOING,
			.client = acc->client,
			.source = acc->source,
			.identity_key = id->key,
			.identity_email = id->email,
			.server = {.host = host,
				   .port = port,
				   .security = port == 465 ? ACCT_SEC_TLS
							   : ACCT_SEC_STARTTLS,
				   .auth = ACCT_AUTH_PASSWORD,
				   .user = id->email}};
	fix_plan_free(w->plan);
	w->plan = NULL;
	fix_free(w->fix);
	w->fix = fix_copy(&f);
	if (!w->fix)
		return false;
	w->srv_fix = true;
	w->skipped = false;
	md_err_clear(&w->plan_err);
	if (fix_way(w->fix) == FIX_WAY_WRITE)
		fix_preview(w->fix, &w->plan, &w->plan_err);
	return true;
}

/* What maildoctor cannot do here, whom to ask and for what, and the
 * field for the server's name. */
static void draw_ask(struct wizard *w, struct page *pg, const struct finding *f)
{
	const char *domain = name_domain_of(f->identity);
	struct page_block *b = page_text(
	    pg, TONE_WARN,
	    _("maildoctor cannot make this change by itself: it does not "
	      "know the outgoing server of %s."),
	    domain ? domain : f->identity);
	page_mark(pg, b, "!");
	page_gap(pg);
	page_text(pg, TONE_NORMAL,
		  _("Ask the administrator of %s (whoever set up the address) "
		    "for the name of the outgoing server (SMTP) for %s, with "
		    "its port and encryption."),
		  domain ? domain : f->identity, f->identity);
	page_gap(pg);
	if (w->srv_typing) {
		page_text(pg, TONE_NORMAL, "%s",
			  _("Type the name of the outgoing server, then press "
			    "Enter. If a port was named, add it after a colon "
			    "(name:465); without one, port 587 with STARTTLS "
			    "is used."));
		page_gap(pg);
		page_input(pg, _("Outgoing server:"), w->srv_typed,
			   sizeof w->srv_typed);
		if (w->srv_bad) {
			page_gap(pg);
			page_text(pg, TONE_BAD,
				  _("That is not a server name. It looks like "
				    "smtp.%s or smtp.%s:465."),
				  domain ? domain : "example.jp",
				  domain ? domain : "example.jp");
		}
		page_key(pg, UI_ACT_NEXT);
		return;
	}
	page_item(pg, "%s", _("Type the name of the outgoing server"));
	page_gap(pg);
	page_text(pg, TONE_STRONG, "%s",
		  _("Press t to type it, or s to leave the settings as they "
		    "are."));
	page_key(pg, UI_ACT_NEXT);
	page_key(pg, UI_ACT_TYPE_SERVER);
	page_key(pg, UI_ACT_SKIP);
}

/* Keys while the server is asked for (no fix known yet). */
static unsigned on_ask_key(struct wizard *w, enum ui_action act)
{
	if (w->srv_typing) {
		if (act == UI_ACT_BACK) {
			w->srv_typing = false;
			w->srv_bad = false;
			return WIZ_REDRAW;
		}
		if (act != UI_ACT_NEXT)
			return 0;
		w->srv_bad = !typed_fix(w);
		if (!w->srv_bad)
			w->srv_typing = false;
		return WIZ_REDRAW;
	}
	switch (act) {
	case UI_ACT_NEXT:
	case UI_ACT_TYPE_SERVER:
		w->srv_typing = true;
		return WIZ_REDRAW;
	case UI_ACT_SKIP:
		w->skipped = true;
		return WIZ_NEXT;
	case UI_ACT_BACK:
		return WIZ_BACK;
	default:
		return 0;
	}
}

static void draw(struct wizard *w, struct page *pg)
{
	page_title(pg, 5, "%s", _("The fix"));
	page_key(pg, UI_ACT_BACK);
	const struct finding *ask = w->fix ? NULL : wizard_ask_finding(w);
	if (ask) {
		draw_ask(w, pg, ask);
		return;
	}
	if (!w->fix) {
		page_text(pg, TONE_NORMAL, "%s",
			  _("There is nothing to change."));
		page_key(pg, UI_ACT_NEXT);
		return;
	}
	page_text(pg, TONE_STRONG, _("This change is proposed for %s:"),
		  w->fix->identity_email ? w->fix->identity_email : "");
	page_gap(pg);
	draw_values(w, pg, false);
	page_gap(pg);
	if (!w->fix->verified) {
		struct page_block *b = page_text(
		    pg, TONE_WARN, "%s",
		    w->fix->insecure
			? _("This change was seen only with --insecure: the "
			    "server's certificate was NOT checked. The check "
			    "after the change will show whether it works.")
		    : w->app->offline
			? _("With --offline no server was tried, so whether "
			    "this server works is not known. To try it, run "
			    "maildoctor again without --offline.")
			: _("This server could not be tried from here. The "
			    "check after the change will show whether it "
			    "works."));
		page_mark(pg, b, "!");
		page_gap(pg);
	}
	if (w->fix->client == ACCT_CLIENT_OUTLOOK) {
		draw_outlook(w, pg);
		return;
	}
	if (w->fix->client != ACCT_CLIENT_THUNDERBIRD) {
		page_text(pg, TONE_NORMAL, "%s",
			  _("Enter these values in the mail program's "
			    "settings by hand."));
		page_key(pg, UI_ACT_NEXT);
		return;
	}
	if (!w->plan) {
		struct page_block *b =
		    page_text(pg, TONE_BAD, "%s",
			      w->plan_err.text[0]
				  ? w->plan_err.text
				  : _(md_status_message(w->plan_err.code)));
		page_mark(pg, b, wizard_sym_bad(w));
		page_key(pg, UI_ACT_SKIP);
		return;
	}
	draw_files(w, pg);
	if (w->apply_err.code != MD_OK) {
		page_gap(pg);
		page_focus_here(pg);
		struct page_block *b =
		    page_text(pg, TONE_BAD, _("Nothing was changed: %s"),
			      w->apply_err.text[0]
				  ? w->apply_err.text
				  : _(md_status_message(w->apply_err.code)));
		page_mark(pg, b, wizard_sym_bad(w));
	}
	page_gap(pg);
	page_text(pg, TONE_STRONG, "%s",
		  _("Press a to make this change, or s to leave the settings "
		    "as they are."));
	page_key(pg, UI_ACT_APPLY);
	page_key(pg, UI_ACT_SKIP);
	page_key(pg, UI_ACT_DETAILS);
}

static unsigned enter(struct wizard *w, bool forward)
{
	if (!w->fix && !wizard_ask_finding(w))
		return forward ? WIZ_NEXT : WIZ_BACK;
	w->skipped = false;
	w->srv_bad = false;
	if (!w->fix) {
		w->srv_typing = false;
		return 0;
	}
	w->details = false;
	md_err_clear(&w->apply_err);
	if (!w->plan && fix_way(w->fix) == FIX_WAY_WRITE) {
		md_err_clear(&w->plan_err);
		fix_preview(w->fix, &w->plan, &w->plan_err);
	}
	return 0;
}

static unsigned on_key(struct wizard *w, enum ui_action act, int item)
{
	if (!w->fix && wizard_ask_finding(w))
		return on_ask_key(w, act);
	switch (act) {
	case UI_ACT_BACK:
		if (w->srv_fix && !w->applied) {
			/* back to the typed name, to change it */
			fix_plan_free(w->plan);
			w->plan = NULL;
			fix_free(w->fix);
			w->fix = NULL;
			w->srv_fix = false;
			w->srv_typing = true;
			return WIZ_REDRAW;
		}
		return WIZ_BACK;
	case UI_ACT_DETAILS:
		w->details = !w->details;
		return WIZ_REDRAW;
	case UI_ACT_SKIP:
		w->skipped = true;
		return WIZ_NEXT;
	case UI_ACT_NEXT:
		if (!w->fix || fix_way(w->fix) != FIX_WAY_WRITE) {
			w->skipped = !w->outlook_reg;
			return WIZ_NEXT;
		}
		return 0; /* applying takes its own key */
	case UI_ACT_APPLY:
		if (w->fix && fix_way(w->fix) == FIX_WAY_HAND_OVER &&
		    !w->outlook_reg) {
			struct fix_hand_over files;
			if (fix_hand_over(w->fix, w->accounts, &files,
					  &w->apply_err) != MD_OK)
				return WIZ_REDRAW;
			w->outlook_reg = files.reg; /* the wizard's now */
			w->outlook_undo_reg = files.undo_reg;
			return WIZ_NEXT; /* step 6 says what to double-click */
		}
		if (!w->plan || w->applied)
			return 0;
		md_err_clear(&w->apply_err);
		fix_result_done(&w->result);
		if (fix_apply(w->plan, &w->result, &w->apply_err) != MD_OK)
			return WIZ_REDRAW;
		w->applied = true;
		return WIZ_NEXT;
	default:
		return 0;
	}
}

static enum wiz_step next(const struct wizard *w)
{
	return w->applied || w->outlook_reg ? WIZ_APPLY : WIZ_SUMMARY;
}

const struct wiz_screen screen_fix = {
    .number = 5,
    .help = N_("This screen shows exactly what would change in the mail "
	       "program's settings, the value now and the value after. "
	       "Nothing changes until you press a. Press s to change "
	       "nothing. A copy of the settings is kept first, and the "
	       "summary shows the command that puts it back."),
    .enter = enter,
    .draw = draw,
    .on_key = on_key,
    .next = next,
};
