/* paths.h — where maildoctor finds its data (assets/, the translations) in a
 * build tree and once installed. */
#ifndef MD_PATHS_H
#define MD_PATHS_H

#include <stddef.h>

/* The folder holding providers/, rejections.xml and the schemas.
 * Order: $MAILDOCTOR_ASSETS, the source tree's assets/ beside a binary in
 * build/, then the installed MD_DATADIR. Returns a static string. */
const char *paths_assets(void);

/* The folder holding <lang>/LC_MESSAGES/maildoctor.mo: build/locale beside
 * a binary run from the build tree, else the installed MD_LOCALEDIR.
 * Returns a static string. */
const char *paths_locale(void);

#endif
