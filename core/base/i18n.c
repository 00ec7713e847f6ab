/* i18n.c — choose the language: --lang, then LANGUAGE/LC_ALL/LC_MESSAGES/LANG,
 * then (Windows) the language of the user's Windows. A Japanese locale that
 * is not installed still gives Japanese messages, through C.UTF-8 plus
 * LANGUAGE, because people set LANG=ja_JP.UTF-8 on machines that lack the
 * compiled locale. The system's part (the locale, the catalogue's folder,
 * the output's codeset) is os.h's. */
#include "core/base/i18n.h"

#include "core/base/i18n_private.h"
#include "core/base/os.h"

#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static bool lang_is(const char *value, const char *prefix)
{
	size_t n = strlen(prefix);
	return value && strncasecmp(value, prefix, n) == 0 &&
	       (value[n] == '\0' || value[n] == '_' || value[n] == '.' ||
		value[n] == '-' || value[n] == ':' || value[n] == '@');
}

/* The language the environment asks for, as gettext would see it. */
static const char *env_language(void)
{
	static const char *vars[] = {"LC_ALL", "LC_MESSAGES", "LANG"};
	for (size_t i = 0; i < sizeof vars / sizeof vars[0]; i++) {
		const char *v = os_getenv(vars[i]);
		if (v && *v)
			return v;
	}
	return NULL;
}

static bool japanese;

bool i18n_init(const char *lang, const char *localedir)
{
	bool known = true;
	const char *loc = os_locale_init();
	const char *want = lang ? lang : env_language();
	/* Windows: no LANG, the language of its interface */
	const char *ui = want ? NULL : os_ui_language();
	if (ui)
		want = ui;

	if (lang && !lang_is(lang, "ja") && !lang_is(lang, "en"))
		known = false;
	japanese = known && want && lang_is(want, "ja");
	if (!lang) {
		const char *language = os_getenv("LANGUAGE");
		if (language && *language && loc && strcmp(loc, "C") != 0)
			japanese = lang_is(language, "ja");
	}

	/* gettext ignores LANGUAGE under the "C" locale; C.UTF-8 is always
	 * present on Debian and keeps UTF-8 output. */
	if (japanese || (lang && known) || ui) {
		os_gettext_language(japanese ? "ja" : "en");
		if (!loc || strcmp(loc, "C") == 0 || strcmp(loc, "POSIX") == 0)
			loc = setlocale(LC_ALL, "C.UTF-8");
		if (!loc)
			setlocale(LC_ALL, "C");
	}
	if (!known)
		os_gettext_language(NULL);

	os_bindtextdomain(MD_TEXTDOMAIN, localedir);
	bind_textdomain_codeset(MD_TEXTDOMAIN, "UTF-8");
	textdomain(MD_TEXTDOMAIN);
	return known;
}

const char *i18n_builtin(const char *msgid)
{
	const char *t = gettext(msgid);
	if (t != msgid || !japanese)
		return t;
	for (size_t i = 0; i < i18n_builtin_ja_n; i++)
		if (strcmp(i18n_builtin_ja[i].en, msgid) == 0)
			return i18n_builtin_ja[i].ja;
	return t;
}

bool i18n_is_japanese(void)
{
	return japanese;
}

bool i18n_utf8(void)
{
	return os_utf8_output();
}
