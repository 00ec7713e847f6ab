/* wizard_start.c — starting the wizard: the renderer chosen (full screen
 * on a terminal curses knows, plain lines otherwise or with --plain), the
 * symbols the terminal can show, the accounts read into the screens'
 * context, and the run with the renderer open. */
#include "tui/wizard.h"

#include "core/base/i18n.h"
#include "core/base/os.h"
#include "tui/term.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Whether a full-screen terminal is there to draw on. */
static bool want_plain(const struct app *app)
{
	if (app->plain)
		return true;
	if (!term_stdout_is_tty() || !term_stdin_is_tty())
		return true;
	return !term_type() || !ui_curses_usable();
}

/* Terminals whose fonts lack ✓ and ✗ (the Linux console). */
static bool symbols_ascii(void)
{
	const char *term = term_type();
	return !i18n_utf8() || (term && (strncmp(term, "linux", 5) == 0 ||
					 strncmp(term, "vt", 2) == 0));
}

static enum md_status read_accounts(struct screen_ctx *cx, struct md_err *err)
{
	cx->accounts = acct_set_new();
	if (!cx->accounts)
		return md_err_set(err, MD_ERR_NOMEM, NULL, 0, "%s",
				  _("out of memory"));
	struct md_err why;
	enum md_status st =
	    app_read_settings(cx->app, cx->accounts, &cx->rep, &why);
	if (st == MD_ERR_NOMEM)
		return md_err_set(err, st, NULL, 0, "%s", _("out of memory"));
	/* A profile or file named on the command line that cannot be read
	 * ends the wizard before it starts, as it ends check. */
	if (cx->rep.n_problems > 0 &&
	    (cx->app->n_profiles || cx->app->n_outlook)) {
		*err = why;
		return st;
	}
	/* Every identity with an address is a choice. */
	size_t n = 0;
	for (size_t i = 0; i < cx->accounts->n_accounts; i++)
		n += cx->accounts->accounts[i].n_identities;
	cx->choices = calloc(n ? n : 1, sizeof *cx->choices);
	if (!cx->choices)
		return md_err_set(err, MD_ERR_NOMEM, NULL, 0, "%s",
				  _("out of memory"));
	for (size_t i = 0; i < cx->accounts->n_accounts; i++) {
		const struct acct_account *a = &cx->accounts->accounts[i];
		for (size_t j = 0; j < a->n_identities; j++)
			if (a->identities[j].email)
				cx->choices[cx->n_choices++] =
				    (struct wiz_choice){i, j};
	}
	return MD_OK;
}

/* The screens' way to have the page drawn again. */
static void redraw_for_screens(void *driver)
{
	wizard_redraw(driver);
}

enum md_status wizard_init(struct wizard *w, struct app *app, struct loop *loop,
			   struct md_err *err)
{
	memset(w, 0, sizeof *w);
	w->loop = loop;
	w->ascii = !i18n_utf8();
	const char *nc = os_getenv("NO_COLOR");
	w->color = !(nc && *nc);
	w->cx.app = app;
	w->cx.loop = loop;
	w->cx.plain = want_plain(app);
	w->cx.ascii_sym = symbols_ascii();
	w->cx.show_again = redraw_for_screens;
	w->cx.driver = w;
	w->ui = w->cx.plain ? &ui_plain_ops : &ui_curses_ops;
	w->cur = WIZ_WELCOME;
	w->fresh = true;
	if (!wizard_states_new(w))
		return md_err_set(err, MD_ERR_NOMEM, NULL, 0, "%s",
				  _("out of memory"));
	return read_accounts(&w->cx, err);
}

int wizard_run(struct wizard *w)
{
	struct md_err err;
	md_err_clear(&err);
	enum md_status st = w->ui->open(w, &err);
	if (st != MD_OK && !w->cx.plain) {
		/* A terminal curses does not know (an unknown TERM): plain
		 * lines, as on a dumb terminal. */
		w->ui->close(w);
		w->cx.plain = true;
		w->ui = &ui_plain_ops;
		md_err_clear(&err);
		st = w->ui->open(w, &err);
	}
	if (st != MD_OK) {
		fprintf(w->cx.app->err ? w->cx.app->err : stderr,
			"maildoctor: %s\n", err.text);
		return 3;
	}
	return wizard_drive(w);
}
