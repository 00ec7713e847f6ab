/* finding.c — freeing findings and naming their severities. */
#include "core/model/finding.h"

#include "core/base/i18n.h"

#include <stdlib.h>

void finding_list_done(struct finding_list *list)
{
	for (size_t i = 0; i < list->n; i++) {
		struct finding *f = &list->items[i];
		free(f->identity);
		free(f->summary);
		free(f->explanation);
		for (size_t e = 0; e < f->n_evidence; e++) {
			free(f->evidence[e].text);
			free(f->evidence[e].file);
		}
		free(f->evidence);
		for (size_t x = 0; x < f->n_fixes; x++)
			fix_free(f->fixes[x]);
		free(f->fixes);
	}
	free(list->items);
	list->items = NULL;
	list->n = 0;
}

const char *finding_severity_word(enum finding_severity sev)
{
	switch (sev) {
	case SEV_INFO:
		return N_("info");
	case SEV_WARNING:
		return N_("warning");
	case SEV_PROBLEM:
		return N_("problem");
	case SEV_BLOCKER:
		return N_("blocker");
	}
	return N_("problem");
}
