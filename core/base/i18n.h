/* i18n.h — gettext for every sentence a person reads: _() translates, N_()
 * marks a string for translation where it is defined, and i18n_init() picks
 * the language from the locale or from --lang. */
#ifndef MD_I18N_H
#define MD_I18N_H

#include <libintl.h>
#include <stdbool.h>

#define MD_TEXTDOMAIN "maildoctor"
#define _(s)	      gettext(s)
#define N_(s)	      (s)
/* A sentence read when the catalogue itself may be missing (the program's
 * data not found beside it): translated as by _(), and without a
 * catalogue still in Japanese when Japanese was chosen, from the copy
 * built into the program (i18n_builtin_ja.c, written from ja.po). */
#define _B(s) i18n_builtin(s)

/* Set up the locale and the message catalogue.
 * lang: NULL to follow the environment's locale, or "en" / "ja" (also
 * "ja_JP", "ja-JP", "ja_JP.UTF-8", in any case) to override it.
 * localedir: where <lang>/LC_MESSAGES/maildoctor.mo lives. Returns false (and
 * leaves English) when lang is not one maildoctor knows. */
bool i18n_init(const char *lang, const char *localedir);

/* gettext(msgid); when that has no translation and Japanese was chosen,
 * the Japanese built into the program, if it has one. */
const char *i18n_builtin(const char *msgid);

/* True when the active language is Japanese (for layout decisions only). */
bool i18n_is_japanese(void);

/* True when the terminal's character set is UTF-8 (for symbols like ✓/✗). */
bool i18n_utf8(void);

#endif
