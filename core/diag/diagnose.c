/* diagnose.c — run every rule over the input and order the findings, most
 * serious first. The rules write findings with diag_build.c. */
#include "core/diag/diagnose.h"

#include "core/base/i18n.h"
#include "core/kb/kb.h"
#include "core/base/names.h"
#include "core/diag/rules/rules.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* Most serious first; the rules' order otherwise (stable). */
static void sort_findings(struct finding_list *l)
{
	for (size_t i = 1; i < l->n; i++) {
		struct finding f = l->items[i];
		size_t j = i;
		while (j > 0 && l->items[j - 1].severity < f.severity) {
			l->items[j] = l->items[j - 1];
			j--;
		}
		l->items[j] = f;
	}
}

enum md_status diagnose(const struct diag_input *in, struct finding_list *out,
			struct md_err *err)
{
	memset(out, 0, sizeof *out);
	struct diag_ctx ctx = {.in = in, .out = out};
	rules_reach(&ctx);
	rules_mismatch(&ctx);
	rules_security(&ctx);
	rules_settings(&ctx);
	rules_domain(&ctx);
	if (ctx.nomem) {
		finding_list_done(out);
		return md_err_set(err, MD_ERR_NOMEM, NULL, 0, NULL);
	}
	sort_findings(out);
	return MD_OK;
}
