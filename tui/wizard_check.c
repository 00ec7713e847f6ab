/* wizard_check.c — the checks of steps 3 and 6, as the other steps see
 * them. This build has no check yet (core/check.c): there are no rows and
 * no findings, and step 6 says that the settings could not be tried. */
#include "tui/wizard.h"

#include "core/i18n.h"
#include "tui/report.h"

void wizard_start_recheck(struct wizard *w)
{
}

void wizard_draw_recheck(struct wizard *w, struct page *pg)
{
	page_text(pg, TONE_WARN, "%s",
		  _("The new settings could not be tried from here. Send "
		    "yourself an email to see that it goes out."));
}

unsigned wizard_recheck_next(struct wizard *w)
{
	return WIZ_NEXT;
}

const struct finding_list *wizard_findings(const struct wizard *w)
{
	return NULL;
}

bool wizard_recheck_ok(const struct wizard *w)
{
	return false;
}

void wizard_report_checks(const struct wizard *w, struct report_data *d)
{
}
