/* test_page.c — what the wizard's pages hold: the page model (copies,
 * ASCII form, table widths with wide characters), and the fix preview of
 * step 5 built from a struct fix for the S4 fixture on a copy (every value
 * before → after, the exact prefs.js line, the backup folder, the keys). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "app/cmdline.h"
#include "clientcfg/clients.h"
#include "clientcfg/tb/fix_tb.h"
#include "core/base/os.h"
#include "tui/page.h"
#include "tests/unit/helper_os.h"
#include "tui/screen.h"

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define S4_HOME "tests/fixtures/tb/s4"

static void test_page_model(void **state)
{
	struct page pg;
	page_init(&pg, false);
	char buf[32] = "typed";
	page_title(&pg, 2, "%s %d", "Step", 2);
	struct page_block *b = page_text(&pg, TONE_BAD, "%s", "✗ broken");
	page_mark(&pg, b, "✗");
	page_item(&pg, "first");
	page_item(&pg, "second");
	const char *r1[] = {"送信サーバー", "a", "→", "b"};
	const char *r2[] = {"Port", "465", "→", "587"};
	page_row(&pg, TONE_NORMAL, 4, r1);
	page_row(&pg, TONE_NORMAL, 4, r2);
	page_input(&pg, "Email address:", buf, sizeof buf);
	page_key(&pg, UI_ACT_NEXT);
	assert_false(pg.oom);
	assert_string_equal(pg.title, "Step 2");
	assert_string_equal(pg.blocks[0].mark, "✗");
	assert_int_equal(page_n_items(&pg), 2);
	assert_int_equal(page_item_block(&pg, 1), 2);
	assert_int_equal(page_item_block(&pg, 2), -1);
	int w[PAGE_MAX_CELLS];
	assert_int_equal(page_row_widths(&pg, 3, w), 2);
	assert_int_equal(w[0], 12); /* six wide characters */
	assert_int_equal(w[1], 3);
	assert_int_equal(w[3], 3);
	assert_int_equal(w[4], 0);
	assert_ptr_equal(pg.input, buf);
	page_done(&pg);

	page_init(&pg, true); /* a terminal without UTF-8 */
	b = page_text(&pg, TONE_NORMAL, "%s", "a — b → c ✓");
	assert_string_equal(b->text, "a - b -> c OK");
	page_row(&pg, TONE_NORMAL, 4, r1);
	assert_string_equal(pg.blocks[1].cells[0], "??????");
	assert_string_equal(pg.blocks[1].cells[2], "->");
	page_done(&pg);
}

struct ctx {
	char home[512];
	struct app app;
	struct screen_ctx w; /* what step 5 is given */
	void *st;	     /* step 5's own state */
};

static int setup(void **state)
{
	struct ctx *c = calloc(1, sizeof *c);
	assert_true(ho_mkdtemp(c->home, sizeof c->home, "md-page"));
	char tb[600];
	snprintf(tb, sizeof tb, "%s/.thunderbird", c->home);
	assert_int_equal(ho_mkdir(tb), 0);
	assert_true(ho_copy_tree(S4_HOME "/.thunderbird", tb));
	c->st = calloc(1, screen_fix.state_size);
	assert_non_null(c->st);
	*state = c;
	return 0;
}

static int teardown(void **state)
{
	struct ctx *c = *state;
	fix_plan_free(c->w.plan);
	fix_free(c->w.fix);
	clients_report_done(&c->w.rep);
	acct_set_free(c->w.accounts);
	free(c->st);
	assert_true(ho_rmtree(c->home));
	free(c);
	return 0;
}

/* The wizard as step 5 sees it after the findings: the accounts read
 * from the copy and the fix the diagnosis proposes for S4. */
static void s4_wizard(struct ctx *c, char *profile_dir, size_t len)
{
	struct screen_ctx *w = &c->w;
	w->app = &c->app;
	c->app.offline = true;
	w->accounts = acct_set_new();
	struct clients_opts o = {.home = c->home};
	assert_int_equal(clients_read(&o, w->accounts, &w->rep), MD_OK);
	assert_true(w->accounts->n_accounts >= 1);
	/* as the reader names it: this system's separator */
	snprintf(profile_dir, len,
		 "%s%s.thunderbird%sProfiles%sk7xq2m1a.default-release",
		 c->home, os_sep, os_sep, os_sep);
	struct fix f = {
	    .id = "use-mail.shirao.example-587",
	    .kind = FIX_SET_OUTGOING,
	    .client = ACCT_CLIENT_THUNDERBIRD,
	    .source = profile_dir,
	    .identity_key = "id1",
	    .identity_email = "haha@shirao.example",
	    .server_key = "smtp1",
	    .server = {.host = "mail.shirao.example",
		       .port = 587,
		       .security = ACCT_SEC_STARTTLS,
		       .auth = ACCT_AUTH_PASSWORD,
		       .user = "haha"},
	    .verified = true,
	};
	w->fix = fix_copy(&f);
	assert_non_null(w->fix);
}

/* The row of the preview whose first cell is label, or NULL. */
static const struct page_block *find_row(const struct page *pg,
					 const char *label)
{
	for (size_t i = 0; i < pg->n; i++)
		if (pg->blocks[i].kind == PB_ROW && pg->blocks[i].cells[0] &&
		    strcmp(pg->blocks[i].cells[0], label) == 0)
			return &pg->blocks[i];
	return NULL;
}

/* The same, failing the test when there is none. */
static const struct page_block *row(const struct page *pg, const char *label)
{
	const struct page_block *b = find_row(pg, label);
	if (!b)
		fail_msg("no row %s", label);
	return b;
}

static bool has_text(const struct page *pg, enum page_kind kind,
		     const char *want)
{
	for (size_t i = 0; i < pg->n; i++)
		if (pg->blocks[i].kind == kind && pg->blocks[i].text &&
		    strstr(pg->blocks[i].text, want))
			return true;
	return false;
}

static bool has_key(const struct page *pg, enum ui_action a)
{
	for (size_t i = 0; i < pg->n_keys; i++)
		if (pg->keys[i] == a)
			return true;
	return false;
}

static void test_page_fix_preview(void **state)
{
	struct ctx *c = *state;
	char dir[700];
	s4_wizard(c, dir, sizeof dir);
	assert_int_equal(screen_fix.enter(&c->w, c->st, true), 0);
	assert_non_null(c->w.plan);
	struct page pg;
	page_init(&pg, false);
	screen_fix.draw(&c->w, c->st, &pg);
	assert_false(pg.oom);
	const struct page_block *b = row(&pg, "Outgoing server");
	assert_string_equal(b->cells[1], "smtpa.jcom.zaq.ne.jp");
	assert_string_equal(b->cells[2], "→");
	assert_string_equal(b->cells[3], "mail.shirao.example");
	/* plain words on the main view; the port, SSL/TLS and the lines of
	 * prefs.js are in the details */
	assert_null(find_row(&pg, "Port"));
	b = row(&pg, "Encryption");
	assert_string_equal(b->cells[1], "encrypted from the start");
	assert_string_equal(b->cells[3], "encrypted once connected");
	assert_false(has_text(&pg, PB_PRE, "mail.identity.id1.smtpServer"));
	b = row(&pg, "Login");
	assert_string_equal(b->cells[4], "(no change)");
	b = row(&pg, "User name");
	assert_string_equal(b->cells[1], "haha@jcom.zaq.ne.jp");
	assert_string_equal(b->cells[3], "haha");
	assert_true(has_text(&pg, PB_PRE, dir)); /* where the backup goes */
	assert_false(has_text(&pg, PB_TEXT, "could not be tried"));
	assert_true(has_key(&pg, UI_ACT_APPLY));
	assert_true(has_key(&pg, UI_ACT_SKIP));
	assert_false(has_key(&pg, UI_ACT_NEXT)); /* Enter does not apply */
	page_done(&pg);
	screen_fix.on_key(&c->w, c->st, UI_ACT_DETAILS,
			  -1); /* d: the details */
	page_init(&pg, false);
	screen_fix.draw(&c->w, c->st, &pg);
	b = row(&pg, "Port");
	assert_string_equal(b->cells[1], "465");
	assert_string_equal(b->cells[3], "587");
	b = row(&pg, "Connection security");
	assert_string_equal(b->cells[1], "SSL/TLS");
	assert_string_equal(b->cells[3], "STARTTLS");
	assert_true(has_text(&pg, PB_PRE,
			     "prefs.js: mail.identity.id1."
			     "smtpServer  \"smtp2\" → \"smtp1\""));
	page_done(&pg);
	screen_fix.on_key(&c->w, c->st, UI_ACT_DETAILS, -1); /* d again */

	/* Enter does nothing; s skips and nothing is pending any more */
	assert_int_equal(screen_fix.on_key(&c->w, c->st, UI_ACT_NEXT, -1), 0);
	assert_true(wiz_change_pending(&c->w));
	assert_int_equal(screen_fix.on_key(&c->w, c->st, UI_ACT_SKIP, -1),
			 WIZ_NEXT);
	assert_false(wiz_change_pending(&c->w));
	assert_int_equal(screen_fix.next(&c->w, c->st), WIZ_SUMMARY);
}

static void test_page_fix_unverified_ascii(void **state)
{
	struct ctx *c = *state;
	char dir[700];
	s4_wizard(c, dir, sizeof dir);
	c->w.fix->verified = false;
	screen_fix.enter(&c->w, c->st, true);
	struct page pg;
	page_init(&pg, true);
	screen_fix.on_key(&c->w, c->st, UI_ACT_DETAILS, -1); /* d */
	screen_fix.draw(&c->w, c->st, &pg);
	/* offline: nothing was tried, and no check after the change is
	 * promised */
	assert_true(
	    has_text(&pg, PB_TEXT, "With --offline no server was tried"));
	assert_false(has_text(&pg, PB_TEXT, "The check after the change"));
	assert_string_equal(row(&pg, "Port")->cells[2], "->");
	assert_true(has_text(&pg, PB_PRE, "\"smtp2\" -> \"smtp1\""));
	page_done(&pg);
	/* with the network, the server could not be tried from here */
	c->app.offline = false;
	page_init(&pg, true);
	screen_fix.draw(&c->w, c->st, &pg);
	assert_true(has_text(&pg, PB_TEXT, "could not be tried"));
	page_done(&pg);
}

static void test_page_fix_undo_command(void **state)
{
	struct ctx *c = *state;
	char dir[700];
	s4_wizard(c, dir, sizeof dir);
	screen_fix.enter(&c->w, c->st, true);
	char *u = wiz_undo_command(&c->w);
	assert_string_equal(u, "maildoctor fix --undo");
	free(u);
	c->app.n_profiles = 1; /* started with --profile */
	u = wiz_undo_command(&c->w);
	/* the folder as the command line quotes it (as it is on Linux: a
	 * plain word; how Windows quotes is test_cmdline's) */
	char *q = cmdline_quote(dir);
	assert_non_null(q);
	char want[1024];
	snprintf(want, sizeof want, "maildoctor fix --undo --profile %s", q);
	assert_string_equal(u, want);
	free(q);
	free(u);
}

int main(void)
{
	setlocale(LC_ALL, "C.UTF-8");
	ho_setenv("LANGUAGE", "en");
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_page_model),
	    cmocka_unit_test_setup_teardown(test_page_fix_preview, setup,
					    teardown),
	    cmocka_unit_test_setup_teardown(test_page_fix_unverified_ascii,
					    setup, teardown),
	    cmocka_unit_test_setup_teardown(test_page_fix_undo_command, setup,
					    teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
