/* screen.c — what every screen of the wizard may use from its context: the
 * symbols ✓/✗ (or OK/NG), the identity chosen in step 2, whether a change
 * is pending, the live redraw while a check runs, the undo command, and
 * freeing what the context holds. */
#include "tui/screen.h"

#include "app/cmdline.h"
#include "core/net/loop.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

const char *wiz_sym_ok(const struct screen_ctx *cx)
{
	return cx->ascii_sym ? "OK" : "\xe2\x9c\x93";
}

const char *wiz_sym_bad(const struct screen_ctx *cx)
{
	return cx->ascii_sym ? "NG" : "\xe2\x9c\x97";
}

bool wiz_change_pending(const struct screen_ctx *cx)
{
	return cx->plan && !cx->applied && !cx->skipped;
}

const struct acct_identity *wiz_identity(const struct screen_ctx *cx,
					 const struct acct_account **acc)
{
	if (acc)
		*acc = NULL;
	for (size_t i = 0; i < cx->n_choices; i++) {
		const struct acct_account *a =
		    &cx->accounts->accounts[cx->choices[i].account];
		const struct acct_identity *id =
		    &a->identities[cx->choices[i].identity];
		bool hit =
		    cx->address
			? id->email && strcasecmp(id->email, cx->address) == 0
			: (int)i == cx->sel[WIZ_ACCOUNT];
		if (hit) {
			if (acc)
				*acc = a;
			return id;
		}
	}
	return NULL;
}

static void on_tick(struct loop *loop, void *ud)
{
	struct screen_ctx *cx = ud;
	cx->tick = loop_timer(loop, cx->tick_ms, on_tick, cx);
	cx->show_again(cx->driver);
}

void wiz_live(struct screen_ctx *cx, unsigned ms)
{
	loop_timer_cancel(cx->loop, cx->tick);
	cx->tick = 0;
	cx->tick_ms = ms;
	if (ms)
		cx->tick = loop_timer(cx->loop, ms, on_tick, cx);
}

char *wiz_undo_command(const struct screen_ctx *cx)
{
	static const char *const words[] = {"fix", "--undo", NULL};
	const char *dir = cx->plan ? cx->plan->folder : NULL;
	return cmdline_build(cx->app, 0, cx->app->n_profiles > 0 ? dir : NULL,
			     words);
}

void wiz_ctx_done(struct screen_ctx *cx)
{
	if (cx->loop)
		wiz_live(cx, 0);
	fix_plan_free(cx->plan);
	fix_free(cx->fix);
	fix_result_done(&cx->result);
	free(cx->report_path);
	free(cx->outlook_reg);
	free(cx->outlook_undo_reg);
	free(cx->address);
	secret_wipe(&cx->secret);
	free(cx->choices);
	clients_report_done(&cx->rep);
	acct_set_free(cx->accounts);
	memset(cx, 0, sizeof *cx);
}
