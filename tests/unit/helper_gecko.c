/* helper_gecko.c — the judge of the Gecko prefs tables (helper_gecko.h). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "clientcfg/tb/prefs.h"
#include "tests/unit/helper_gecko.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void say(const struct gk_case *c, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	printf("  FAIL [%s]: ", c->label);
	vprintf(fmt, ap);
	printf("\n");
	va_end(ap);
}

static bool bytes_are(const struct prefs_file *pf, size_t from, size_t to,
		      const char *want)
{
	return to >= from && to <= pf->len && strlen(want) == to - from &&
	       memcmp(pf->buf + from, want, to - from) == 0;
}

static bool check_want(const struct gk_case *c, const struct prefs_file *pf,
		       const struct want *w)
{
	const struct prefs_entry *e = prefs_find(pf, w->key);
	if (w->type == '-') {
		if (e)
			say(c, "%s is set, Gecko ignores it", w->key);
		return !e;
	}
	if (!e) {
		say(c, "%s is absent, Gecko sets it", w->key);
		return false;
	}
	bool ok = true;
	switch (w->type) {
	case 'i':
		ok = e->type == PREFS_TYPE_INT && e->ival == w->ival;
		break;
	case 'b':
		ok = e->type == PREFS_TYPE_BOOL && e->bval == (w->ival != 0);
		break;
	case 's':
		ok = e->type == PREFS_TYPE_STRING &&
		     strcmp(e->str, w->sval) == 0;
		break;
	}
	if (!ok)
		say(c, "%s has the wrong type or value", w->key);
	if (w->line && e->line != w->line) {
		say(c, "%s on line %u, Gecko: %u", w->key, e->line, w->line);
		ok = false;
	}
	if (w->raw && !bytes_are(pf, e->val_start, e->val_end, w->raw)) {
		say(c, "%s: value bytes [%zu, %zu) are wrong", w->key,
		    e->val_start, e->val_end);
		ok = false;
	}
	if (w->stmt && !bytes_are(pf, e->start, e->end, w->stmt)) {
		say(c, "%s: statement bytes [%zu, %zu) are wrong", w->key,
		    e->start, e->end);
		ok = false;
	}
	return ok;
}

/* One case against Gecko (helper_gecko.h). */
bool gk_check_case(const struct gk_case *c)
{
	struct prefs_file *pf = NULL;
	struct md_err err;
	assert_int_equal(prefs_parse(c->text, c->len, "user.js", &pf, &err),
			 MD_OK);
	bool ok = true;
	if (pf->n_entries != c->n) {
		say(c, "%zu valid statements, Gecko: %u", pf->n_entries, c->n);
		ok = false;
	}
	for (size_t i = 0; i < 3 && c->w[i].key; i++)
		ok &= check_want(c, pf, &c->w[i]);
	if (pf->n_issues != c->n_err) {
		say(c, "%zu errors, Gecko: %u", pf->n_issues, c->n_err);
		ok = false;
	}
	for (size_t i = 0; i < 4 && i < c->n_err && i < pf->n_issues; i++)
		if (pf->issues[i].line != c->err_line[i]) {
			say(c, "error %zu on line %u, Gecko: %u", i + 1,
			    pf->issues[i].line, c->err_line[i]);
			ok = false;
		}
	/* Whatever was read, the file is written back byte for byte. */
	char *out = NULL;
	size_t len = 0;
	assert_int_equal(prefs_render(pf, &out, &len, &err), MD_OK);
	if (len != c->len || memcmp(out, c->text, len) != 0) {
		say(c, "not written back byte for byte");
		ok = false;
	}
	free(out);
	prefs_free(pf);
	return ok;
}

unsigned gk_run_table(const struct gk_case *cases, size_t n, const char *what)
{
	unsigned failed = 0;
	for (size_t i = 0; i < n; i++)
		failed += !gk_check_case(&cases[i]);
	printf("%s cases: %zu, disagreeing with Gecko: %u\n", what, n, failed);
	return failed;
}
