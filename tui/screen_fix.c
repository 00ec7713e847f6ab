/* screen_fix.c — step 5: the fix, before it is made. Exactly what will
 * change, before → after for each value and each line of the settings
 * file, where the backup goes, and one key to apply, another to skip.
 * When no right outgoing server is known: whom to ask for it, and a field
 * to type it, which then becomes the fix shown. */
#include "tui/checks.h"

#include "core/model/finding.h"
#include "core/base/i18n.h"
#include "core/base/names.h"
#include "app/describe.h"
#include "app/describe_fix.h"
#include "app/fixes.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The screen's own state. */
struct fix_state {
	bool details;	     /* the exact lines are shown */
	bool srv_typing;     /* the outgoing server's field is shown (no fix
				was known: the person types one) */
	char srv_typed[256]; /* what was typed: host or host:port */
	bool srv_bad;	     /* it is not a server name */
	bool srv_fix;	     /* cx->fix was made from srv_typed */
};

static void value_row(struct screen_ctx *cx, struct page *pg, const char *label,
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

/* The values before and after (describe_fix_values()), under a ruler. */
static void draw_values(struct screen_ctx *cx, struct page *pg, bool technical)
{
	struct fix_values v;
	describe_fix_values(cx->fix, cx->accounts, technical, &v);
	const char *ruler[] = {"", _("now"), "", _("after the change")};
	struct page_block *b = page_row(pg, TONE_DIM, 4, ruler);
	if (b)
		b->indent = 2;
	for (size_t i = 0; i < v.n; i++)
		value_row(cx, pg, v.rows[i].label, v.rows[i].before,
			  v.rows[i].after);
}

/* The head of a fix that maildoctor writes: brief (what changes; press d)
 * without the details, where the copy is kept (copy, then the plan's
 * folder); with the details, their heading, the values, and changes (the
 * sentence over the changed lines). Returns whether the details show. */
static bool draw_written_head(struct screen_ctx *cx, const struct fix_state *fs,
			      struct page *pg, const char *brief,
			      const char *copy, const char *changes)
{
	if (!fs->details)
		page_text(pg, TONE_NORMAL, "%s", brief);
	page_text(pg, TONE_NORMAL, "%s", copy);
	page_pre(pg, "%s", cx->plan->folder);
	if (!fs->details)
		return false;
	page_gap(pg);
	page_focus_here(pg);
	page_text(pg, TONE_STRONG, "%s", _("Details:"));
	draw_values(cx, pg, true);
	page_text(pg, TONE_NORMAL, "%s", changes);
	return true;
}

/* The exact lines of the files, and where their copies go. */
static void draw_files(struct screen_ctx *cx, const struct fix_state *fs,
		       struct page *pg)
{
	const struct fix_plan *p = cx->plan;
	if (draw_written_head(
		cx, fs, pg,
		_("Thunderbird's settings file changes; press d to see the "
		  "lines."),
		_("First a copy of each file is kept, in the same folder:"),
		_("These lines of the settings file change:"))) {
		for (size_t i = 0; i < p->n_changes; i++) {
			char line[1024];
			page_pre(pg, "%s",
				 describe_change(&p->changes[i], CHANGE_SCREEN,
						 line, sizeof line));
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
	if (p->overridden)
		page_text(pg, TONE_WARN, "%s",
			  _("user.js also sets this value, so it is changed "
			    "there too."));
	page_text(pg, TONE_NORMAL, "%s",
		  _("Close Thunderbird before applying. It asks for the "
		    "password the next time you send."));
}

/* Outlook read from the registry: its account key changes, after a copy
 * of the key is kept as a .reg in the report folder. */
static void draw_registry(struct screen_ctx *cx, const struct fix_state *fs,
			  struct page *pg)
{
	const struct fix_plan *p = cx->plan;
	if (draw_written_head(cx, fs, pg,
			      _("Outlook's account settings in the registry "
				"change; press d to see the values."),
			      _("First a copy of the account's registry key "
				"is kept, as a .reg file in this folder:"),
			      _("These values of the registry key change:"))) {
		if (p->n_changes)
			page_pre(pg, "%s", p->changes[0].file);
		for (size_t i = 0; i < p->n_changes; i++)
			page_pre(pg, "  %s: %s \xe2\x86\x92 %s",
				 p->changes[i].name,
				 p->changes[i].before ? p->changes[i].before
						      : _("(new)"),
				 p->changes[i].after);
	}
	page_text(pg, TONE_NORMAL, "%s",
		  _("Close Outlook before applying. It keeps the password it "
		    "has."));
}

/* Outlook cannot be written from here: the steps to type the values, and
 * a file to import on request (it changes nothing by itself). */
static void draw_outlook(struct screen_ctx *cx, struct page *pg)
{
	page_text(pg, TONE_NORMAL, "%s",
		  _("maildoctor cannot change Outlook's settings. Type these "
		    "values in Outlook:"));
	char *steps = fix_hand_over_steps(cx->fix);
	for (char *line = steps, *nl; line && *line;
	     line = nl ? nl + 1 : NULL) {
		nl = strchr(line, '\n');
		if (nl)
			*nl = '\0';
		page_indent(page_text(pg, TONE_NORMAL, "%s", line), 2);
	}
	free(steps);
	page_gap(pg);
	if (cx->outlook_reg) {
		page_focus_here(pg);
		struct page_block *b = page_text(
		    pg, TONE_GOOD,
		    _("A file to import was written: %s. Double-click it "
		      "while Outlook is closed."),
		    cx->outlook_reg);
		page_mark(pg, b, wiz_sym_ok(cx));
	} else if (cx->apply_err.code != MD_OK) {
		page_focus_here(pg);
		struct page_block *b =
		    page_text(pg, TONE_BAD, "%s",
			      cx->apply_err.text[0]
				  ? cx->apply_err.text
				  : _(md_status_message(cx->apply_err.code)));
		page_mark(pg, b, wiz_sym_bad(cx));
	}
	if (!cx->outlook_reg) {
		page_text(pg, TONE_STRONG, "%s",
			  _("Or press a to write, beside the export, a file "
			    "that Outlook can import and one that undoes "
			    "it."));
		page_key(pg, UI_ACT_APPLY);
	}
	page_key(pg, UI_ACT_NEXT);
}

/* ---- no fix known: the person types the server ------------------------- */

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
static bool typed_fix(struct screen_ctx *cx, struct fix_state *fs)
{
	const struct acct_account *acc = NULL;
	const struct acct_identity *id = wiz_identity(cx, &acc);
	char host[256], fid[300];
	int port;
	if (!id || !acc ||
	    !parse_server(fs->srv_typed, host, sizeof host, &port))
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
	fix_plan_free(cx->plan);
	cx->plan = NULL;
	fix_free(cx->fix);
	cx->fix = fix_copy(&f);
	if (!cx->fix)
		return false;
	fs->srv_fix = true;
	cx->skipped = false;
	md_err_clear(&cx->plan_err);
	if (fix_way(cx->fix) == FIX_WAY_WRITE)
		fix_preview(cx->fix, &cx->plan, &cx->plan_err);
	return true;
}

/* What maildoctor cannot do here, whom to ask and for what, and the
 * field for the server's name. */
static void draw_ask(struct screen_ctx *cx, struct fix_state *fs,
		     struct page *pg, const struct finding *f)
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
	if (fs->srv_typing) {
		page_text(pg, TONE_NORMAL, "%s",
			  _("Type the name of the outgoing server, then press "
			    "Enter. If a port was named, add it after a colon "
			    "(name:465); without one, port 587 with STARTTLS "
			    "is used."));
		page_gap(pg);
		page_input(pg, _("Outgoing server:"), fs->srv_typed,
			   sizeof fs->srv_typed);
		if (fs->srv_bad) {
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
static unsigned on_ask_key(struct screen_ctx *cx, struct fix_state *fs,
			   enum ui_action act)
{
	if (fs->srv_typing) {
		if (act == UI_ACT_BACK) {
			fs->srv_typing = false;
			fs->srv_bad = false;
			return WIZ_REDRAW;
		}
		if (act != UI_ACT_NEXT)
			return 0;
		fs->srv_bad = !typed_fix(cx, fs);
		if (!fs->srv_bad)
			fs->srv_typing = false;
		return WIZ_REDRAW;
	}
	switch (act) {
	case UI_ACT_NEXT:
	case UI_ACT_TYPE_SERVER:
		fs->srv_typing = true;
		return WIZ_REDRAW;
	case UI_ACT_SKIP:
		cx->skipped = true;
		return WIZ_NEXT;
	case UI_ACT_BACK:
		return WIZ_BACK;
	default:
		return 0;
	}
}

static void draw(struct screen_ctx *cx, void *st, struct page *pg)
{
	struct fix_state *fs = st;
	page_title(pg, 5, "%s", _("The fix"));
	page_key(pg, UI_ACT_BACK);
	const struct finding *ask = cx->fix ? NULL : checks_ask_finding(cx);
	if (ask) {
		draw_ask(cx, fs, pg, ask);
		return;
	}
	if (!cx->fix) {
		page_text(pg, TONE_NORMAL, "%s",
			  _("There is nothing to change."));
		page_key(pg, UI_ACT_NEXT);
		return;
	}
	page_text(pg, TONE_STRONG, _("This change is proposed for %s:"),
		  cx->fix->identity_email ? cx->fix->identity_email : "");
	page_gap(pg);
	draw_values(cx, pg, false);
	page_gap(pg);
	if (!cx->fix->verified) {
		struct page_block *b = page_text(
		    pg, TONE_WARN, "%s",
		    cx->fix->insecure
			? _("This change was seen only with --insecure: the "
			    "server's certificate was NOT checked. The check "
			    "after the change will show whether it works.")
		    : cx->app->offline
			? _("With --offline no server was tried, so whether "
			    "this server works is not known. To try it, run "
			    "maildoctor again without --offline.")
			: _("This server could not be tried from here. The "
			    "check after the change will show whether it "
			    "works."));
		page_mark(pg, b, "!");
		page_gap(pg);
	}
	if (fix_way(cx->fix) == FIX_WAY_HAND_OVER) {
		draw_outlook(cx, pg);
		return;
	}
	if (fix_way(cx->fix) != FIX_WAY_WRITE) {
		page_text(pg, TONE_NORMAL, "%s",
			  _("Enter these values in the mail program's "
			    "settings by hand."));
		page_key(pg, UI_ACT_NEXT);
		return;
	}
	if (!cx->plan) {
		struct page_block *b =
		    page_text(pg, TONE_BAD, "%s",
			      cx->plan_err.text[0]
				  ? cx->plan_err.text
				  : _(md_status_message(cx->plan_err.code)));
		page_mark(pg, b, wiz_sym_bad(cx));
		page_key(pg, UI_ACT_SKIP);
		return;
	}
	if (cx->plan->registry)
		draw_registry(cx, fs, pg);
	else
		draw_files(cx, fs, pg);
	if (cx->apply_err.code != MD_OK) {
		page_gap(pg);
		page_focus_here(pg);
		struct page_block *b =
		    page_text(pg, TONE_BAD, _("Nothing was changed: %s"),
			      cx->apply_err.text[0]
				  ? cx->apply_err.text
				  : _(md_status_message(cx->apply_err.code)));
		page_mark(pg, b, wiz_sym_bad(cx));
	}
	page_gap(pg);
	page_text(pg, TONE_STRONG, "%s",
		  _("Press a to make this change, or s to leave the settings "
		    "as they are."));
	page_key(pg, UI_ACT_APPLY);
	page_key(pg, UI_ACT_SKIP);
	page_key(pg, UI_ACT_DETAILS);
}

static unsigned enter(struct screen_ctx *cx, void *st, bool forward)
{
	struct fix_state *fs = st;
	if (!cx->fix && !checks_ask_finding(cx))
		return forward ? WIZ_NEXT : WIZ_BACK;
	cx->skipped = false;
	fs->srv_bad = false;
	if (!cx->fix) {
		fs->srv_typing = false;
		return 0;
	}
	fs->details = false;
	md_err_clear(&cx->apply_err);
	if (!cx->plan && fix_way(cx->fix) == FIX_WAY_WRITE) {
		md_err_clear(&cx->plan_err);
		fix_preview(cx->fix, &cx->plan, &cx->plan_err);
	}
	return 0;
}

static unsigned on_key(struct screen_ctx *cx, void *st, enum ui_action act,
		       int item)
{
	struct fix_state *fs = st;
	if (!cx->fix && checks_ask_finding(cx))
		return on_ask_key(cx, fs, act);
	switch (act) {
	case UI_ACT_BACK:
		if (fs->srv_fix && !cx->applied) {
			/* back to the typed name, to change it */
			fix_plan_free(cx->plan);
			cx->plan = NULL;
			fix_free(cx->fix);
			cx->fix = NULL;
			fs->srv_fix = false;
			fs->srv_typing = true;
			return WIZ_REDRAW;
		}
		return WIZ_BACK;
	case UI_ACT_DETAILS:
		fs->details = !fs->details;
		return WIZ_REDRAW;
	case UI_ACT_SKIP:
		cx->skipped = true;
		return WIZ_NEXT;
	case UI_ACT_NEXT:
		if (!cx->fix || fix_way(cx->fix) != FIX_WAY_WRITE) {
			cx->skipped = !cx->outlook_reg;
			return WIZ_NEXT;
		}
		return 0; /* applying takes its own key */
	case UI_ACT_APPLY:
		if (cx->fix && fix_way(cx->fix) == FIX_WAY_HAND_OVER &&
		    !cx->outlook_reg) {
			struct fix_hand_over files;
			if (fix_hand_over(cx->fix, cx->accounts, &files,
					  &cx->apply_err) != MD_OK)
				return WIZ_REDRAW;
			cx->outlook_reg = files.reg; /* the wizard's now */
			cx->outlook_undo_reg = files.undo_reg;
			return WIZ_NEXT; /* step 6 says what to double-click */
		}
		if (!cx->plan || cx->applied)
			return 0;
		md_err_clear(&cx->apply_err);
		fix_result_done(&cx->result);
		cx->plan->said_closed = cx->app->tb_closed;
		if (fix_apply(cx->plan, &cx->result, &cx->apply_err) != MD_OK)
			return WIZ_REDRAW;
		cx->applied = true;
		return WIZ_NEXT;
	default:
		return 0;
	}
}

static enum wiz_step next(const struct screen_ctx *cx, const void *st)
{
	return cx->applied || cx->outlook_reg ? WIZ_APPLY : WIZ_SUMMARY;
}

const struct screen_ops screen_fix = {
    .number = 5,
    .state_size = sizeof(struct fix_state),
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
