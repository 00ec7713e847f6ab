/* paths.h — where maildoctor finds its data (assets/, the translations): in
 * MAILDOCTOR_ASSETS, beside the binary, in a build tree, once installed.
 *
 * The Windows zip is the "beside the binary" case, wherever it is unpacked
 * (C:\Users\田中花子\Downloads\maildoctor-VERSION-win64\):
 *   maildoctor.exe
 *   providers\*.xml  providers.rng  rejections.xml  rejections.rng
 *   netfacts.conf                     (assets/ of the tree, without po/)
 *   locale\ja\LC_MESSAGES\maildoctor.mo
 *   README.txt
 * The exe's folder comes from os_exe_dir() (GetModuleFileNameW), paths are
 * built with os_sep, and the catalogue's folder reaches gettext as UTF-16
 * (os_bindtextdomain), so a Japanese user name in the path is kept. */
#ifndef MD_PATHS_H
#define MD_PATHS_H

#include <stdbool.h>
#include <stddef.h>

/* Why a folder was looked in. */
enum paths_kind {
	PATHS_ENV,	 /* $MAILDOCTOR_ASSETS */
	PATHS_EXE,	 /* the binary's own folder */
	PATHS_EXE_SHARE, /* ../share/maildoctor from the binary's folder */
	PATHS_TREE,	 /* assets/ of the source tree above the binary */
	PATHS_NO_TREE,	 /* dir: the binary's folder, with no tree above it */
	PATHS_PREFIX,	 /* the installed MD_DATADIR / MD_LOCALEDIR */
};

/* One folder looked in, for a message that names each. */
struct paths_place {
	enum paths_kind kind; /* why it was looked in */
	const char *dir;      /* the folder; static, never NULL */
};

/* The folder holding providers/, providers.rng, rejections.xml and
 * rejections.rng. With $MAILDOCTOR_ASSETS set, that folder alone; else the
 * first that holds them of: the binary's own folder, ../share/maildoctor
 * from it, the source tree's assets/ above it, the installed MD_DATADIR.
 * Returns a static string, never NULL: when no folder holds the data
 * (paths_assets_found() false), the last one looked in. */
const char *paths_assets(void);

/* Whether paths_assets() found a folder holding the data. */
bool paths_assets_found(void);

/* The folders paths_assets() looked in, in order; *n gets their number.
 * Returns a static array. */
const struct paths_place *paths_assets_tried(size_t *n);

/* The folder holding <lang>/LC_MESSAGES/maildoctor.mo: the one beside the
 * data folder found (for each place above: $MAILDOCTOR_ASSETS/../locale or,
 * for a source tree's assets, ../build/locale; locale/ in the binary's
 * folder; ../share/locale; build/locale of the tree; MD_LOCALEDIR), else
 * the first of the others that holds a catalogue. Returns a static string,
 * never NULL: when none holds one (paths_locale_found() false),
 * MD_LOCALEDIR. */
const char *paths_locale(void);

/* Whether paths_locale() found a folder holding a catalogue. */
bool paths_locale_found(void);

/* The folders paths_locale() looked in, in order; *n gets their number.
 * Returns a static array. */
const struct paths_place *paths_locale_tried(size_t *n);

#endif
