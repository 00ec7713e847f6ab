/* i18n_private.h — what i18n.c and the generated i18n_builtin_ja.c share:
 * the table of the sentences built into the program in Japanese. */
#ifndef MD_I18N_PRIVATE_H
#define MD_I18N_PRIVATE_H

#include <stddef.h>

struct i18n_pair {
	const char *en, *ja;
};

extern const struct i18n_pair i18n_builtin_ja[];
extern const size_t i18n_builtin_ja_n;

#endif
