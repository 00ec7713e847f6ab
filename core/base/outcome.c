/* outcome.c — the words of core/base/outcome.h's lists. */
#include "core/base/outcome.h"

#include "core/base/i18n.h"

#include <stddef.h>

static const struct {
	const char *word, *text;
	enum md_outcome_class cls;
} outcomes[] = {
#define MD_X_ROW(id, word, text, cls) {word, N_(text), cls},
    MD_OUTCOME_LIST(MD_X_ROW)
#undef MD_X_ROW
};

static const struct {
	const char *word, *row_word;
} steps[] = {
#define MD_X_ROW(id, word, row_word) {word, row_word},
    MD_STEP_LIST(MD_X_ROW)
#undef MD_X_ROW
};

#define N_OUTCOMES (sizeof outcomes / sizeof *outcomes)

const char *md_outcome_word(enum md_outcome o)
{
	return (size_t)o < N_OUTCOMES ? outcomes[o].word : "error";
}

const char *md_outcome_text(enum md_outcome o)
{
	return outcomes[(size_t)o < N_OUTCOMES ? o : MD_OUT_ERROR].text;
}

enum md_outcome_class md_outcome_class(enum md_outcome o)
{
	return (size_t)o < N_OUTCOMES ? outcomes[o].cls : MD_CLASS_LOCAL;
}

const char *md_step_word(enum md_step s)
{
	return (size_t)s < MD_STEP__COUNT ? steps[s].word : "done";
}

const char *md_step_row_word(enum md_step s)
{
	if (s == MD_STEP_WAITING)
		return "waiting";
	return (size_t)s < MD_STEP__COUNT ? steps[s].row_word : "done";
}
