/* screen_account.c — step 2: which account does not send. The identities
 * found on this computer, each as "name <address> — sends through host",
 * or an address typed by the person; p asks for the chosen account's
 * password, which the first check uses to log in and try a dry run. */
#include "tui/checks.h"

#include "core/base/i18n.h"

#include <stdlib.h>
#include <string.h>

/* The screen's own state. */
struct account_state {
	bool typing;	 /* the address field is shown */
	char typed[256]; /* what was typed */
	bool typed_bad;	 /* it is not an address */
	bool pw_typing;	 /* the password field is shown */
	bool pw_offline; /* p was pressed offline: no password is asked */
};

/* "Thunderbird" / "Outlook" for the person. */
static const char *client_name(enum acct_client c)
{
	switch (c) {
	case ACCT_CLIENT_THUNDERBIRD:
		return "Thunderbird";
	case ACCT_CLIENT_OUTLOOK:
	case ACCT_CLIENT_AUTODISCOVER:
		return "Outlook";
	default:
		return _("typed");
	}
}

static void draw_choices(struct screen_ctx *cx, struct page *pg)
{
	const struct acct_set *set = cx->accounts;
	page_text(pg, TONE_NORMAL, "%s",
		  _("These email accounts were found on this computer. "
		    "Choose the one that does not send, then press Enter."));
	page_gap(pg);
	for (size_t i = 0; i < cx->n_choices; i++) {
		const struct acct_account *a =
		    &set->accounts[cx->choices[i].account];
		const struct acct_identity *id =
		    &a->identities[cx->choices[i].identity];
		char via[512];
		if (id->outgoing >= 0 && set->outgoing[id->outgoing].host)
			snprintf(via, sizeof via, _("sends through %s"),
				 set->outgoing[id->outgoing].host);
		else
			snprintf(via, sizeof via, "%s",
				 _("no outgoing server is set"));
		page_item(pg, "%s%s<%s> \xe2\x80\x94 %s (%s)",
			  id->name ? id->name : "", id->name ? " " : "",
			  id->email, via, client_name(a->client));
	}
	page_gap(pg);
	page_text(pg, TONE_DIM, "%s",
		  _("Not in the list? Press t to type the address."));
}

/* The password field for the chosen identity. */
static void draw_password(struct screen_ctx *cx, struct page *pg)
{
	const struct acct_identity *id = wiz_identity(cx, NULL);
	const struct acct_set *set = cx->accounts;
	const char *host =
	    id && id->outgoing >= 0 ? set->outgoing[id->outgoing].host : NULL;
	page_text(pg, TONE_NORMAL,
		  _("Type the password of %s, then press Enter. maildoctor "
		    "logs in to %s once with it (only over an encrypted "
		    "connection) and asks whether the server would take "
		    "mail from this address. No message is sent."),
		  id && id->email ? id->email : "?", host ? host : "?");
	page_text(pg, TONE_DIM, "%s",
		  _("The password is not shown, not saved, and forgotten when "
		    "the check ends. Press Enter without typing to check "
		    "without it."));
	page_gap(pg);
	page_input_secret(pg, _("Password:"), cx->secret.pw,
			  sizeof cx->secret.pw);
	page_key(pg, UI_ACT_NEXT);
	page_key(pg, UI_ACT_BACK);
}

static void draw(struct screen_ctx *cx, void *st, struct page *pg)
{
	struct account_state *as = st;
	page_title(pg, 2, "%s", _("Which account"));
	if (as->pw_typing) {
		draw_password(cx, pg);
		return;
	}
	if (as->typing) {
		page_text(pg, TONE_NORMAL, "%s",
			  _("Type the email address that does not send, then "
			    "press Enter."));
		page_gap(pg);
		page_input(pg, _("Email address:"), as->typed,
			   sizeof as->typed);
		if (cx->typed_unknown) {
			page_gap(pg);
			page_text(pg, TONE_BAD, "%s",
				  _("This address is not in the mail programs "
				    "found here, and maildoctor does not know "
				    "its provider's settings. A helper can "
				    "name the profile with --profile DIR."));
		}
		if (as->typed_bad) {
			page_gap(pg);
			page_text(pg, TONE_BAD, "%s",
				  _("That is not an email address. It looks "
				    "like name@example.jp."));
		}
		page_key(pg, UI_ACT_NEXT);
		page_key(pg, UI_ACT_BACK);
		return;
	}
	if (cx->n_choices == 0) {
		page_text(pg, TONE_WARN, "%s",
			  _("No email settings were found on this computer."));
		page_text(pg, TONE_NORMAL, "%s",
			  _("Press t to type the address that does not send. "
			    "A helper can also start maildoctor with "
			    "--profile DIR (a Thunderbird profile folder) or "
			    "--outlook FILE (an Outlook export)."));
	} else {
		draw_choices(cx, pg);
	}
	checks_draw_offline_note(cx, pg);
	if (as->pw_offline) {
		page_gap(pg);
		struct page_block *b = page_text(
		    pg, TONE_WARN, "%s",
		    _("With --offline, maildoctor tries no server, so it does "
		      "not ask for the password. To check with the password, "
		      "start maildoctor again without --offline."));
		page_mark(pg, b, "!");
	}
	for (size_t i = 0; i < cx->rep.n_problems; i++) {
		if (i == 0)
			page_gap(pg);
		struct page_block *b = page_text(
		    pg, TONE_WARN, "%s",
		    cx->rep.problems[i].text[0]
			? cx->rep.problems[i].text
			: _(md_status_message(cx->rep.problems[i].code)));
		page_mark(pg, b, "!");
	}
	if (cx->n_choices > 0) {
		page_key(pg, UI_ACT_NEXT);
		page_key(pg, UI_ACT_UP);
		page_key(pg, UI_ACT_PASSWORD);
	}
	page_key(pg, UI_ACT_TYPE);
	page_key(pg, UI_ACT_BACK);
}

/* A plausible address: something@something.something, no spaces. */
static bool looks_like_address(const char *s)
{
	const char *at = strchr(s, '@');
	return at && at > s && strchr(at + 1, '.') && !strchr(at + 1, '@') &&
	       !strpbrk(s, " \t<>,;") && at[1] != '.' &&
	       s[strlen(s) - 1] != '.';
}

/* On the password field: Enter goes on (with the password, if one was
 * typed), Esc goes back to the list and forgets what was typed. */
static unsigned on_password_key(struct screen_ctx *cx, struct account_state *as,
				enum ui_action act)
{
	if (act == UI_ACT_BACK) {
		secret_wipe(&cx->secret);
		as->pw_typing = false;
		return WIZ_REDRAW;
	}
	if (act != UI_ACT_NEXT)
		return 0;
	as->pw_typing = false;
	secret_hold(&cx->secret); /* cx->address was cleared by p */
	return WIZ_NEXT;
}

static unsigned on_key(struct screen_ctx *cx, void *st, enum ui_action act,
		       int item)
{
	struct account_state *as = st;
	if (as->pw_typing)
		return on_password_key(cx, as, act);
	as->pw_offline = false;
	if (as->typing) {
		if (act == UI_ACT_BACK) {
			as->typing = false;
			as->typed_bad = false;
			return WIZ_REDRAW;
		}
		if (act != UI_ACT_NEXT)
			return 0;
		if (!looks_like_address(as->typed)) {
			as->typed_bad = true;
			return WIZ_REDRAW;
		}
		as->typed_bad = false;
		cx->typed_unknown = false;
		free(cx->address);
		cx->address = strdup(as->typed);
		return cx->address ? WIZ_NEXT : 0;
	}
	switch (act) {
	case UI_ACT_TYPE:
		as->typing = true;
		return WIZ_REDRAW;
	case UI_ACT_PASSWORD:
		if (cx->n_choices == 0 || item < 0)
			return 0;
		if (cx->app->offline) { /* the password would not be used */
			as->pw_offline = true;
			return WIZ_REDRAW;
		}
		free(cx->address); /* the choice, not an address typed before */
		cx->address = NULL;
		secret_begin(&cx->secret);
		as->pw_typing = true;
		return WIZ_REDRAW;
	case UI_ACT_BACK:
		return WIZ_BACK;
	case UI_ACT_NEXT:
		if (cx->n_choices == 0 || item < 0)
			return 0;
		free(cx->address);
		cx->address = NULL;
		return WIZ_NEXT;
	default:
		return 0;
	}
}

static unsigned enter(struct screen_ctx *cx, void *st, bool forward)
{
	struct account_state *as = st;
	as->typing = cx->address != NULL && wiz_identity(cx, NULL) == NULL;
	as->pw_typing = false;
	as->pw_offline = false;
	secret_wipe(&cx->secret); /* a password is typed anew each time */
	return 0;
}

static enum wiz_step next(const struct screen_ctx *cx, const void *st)
{
	return WIZ_CHECK;
}

const struct screen_ops screen_account = {
    .number = 2,
    .state_size = sizeof(struct account_state),
    .help = N_("Choose the email address whose mail does not go out. "
	       "The list shows every address found in the mail programs "
	       "on this computer, and the server each one sends through. "
	       "If the address is not in the list, press t and type it. "
	       "Press p to check the chosen account with its password too."),
    .enter = enter,
    .draw = draw,
    .on_key = on_key,
    .next = next,
};
