/* ui_keys.c — the table of actions: labels, plain words, hints, help. */
#include "tui/ui_keys.h"

#include "core/base/i18n.h"

struct action_info {
	const char *label, *word, *hint, *help;
};

static const struct action_info actions[UI_ACT__COUNT] = {
#define UI_X_INFO(id, label, word, hint, help) [id] = {label, word, hint, help},
    UI_ACTION_LIST(UI_X_INFO)
#undef UI_X_INFO
};

static const struct action_info *info(enum ui_action act)
{
	return &actions[(unsigned)act < UI_ACT__COUNT ? act : UI_ACT_NONE];
}

const char *ui_action_label(enum ui_action act)
{
	return info(act)->label;
}

const char *ui_action_word(enum ui_action act)
{
	return info(act)->word;
}

const char *ui_action_hint(enum ui_action act)
{
	const char *h = info(act)->hint;
	return *h ? _(h) : "";
}

const char *ui_action_help(enum ui_action act)
{
	const char *h = info(act)->help;
	return *h ? _(h) : "";
}

bool ui_action_global(enum ui_action act)
{
	return act == UI_ACT_HELP || act == UI_ACT_QUIT || act == UI_ACT_PGUP ||
	       act == UI_ACT_PGDN || act == UI_ACT_REDRAW;
}
