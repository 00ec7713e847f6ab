/* iconv.h — for the Windows build only. GMime includes <iconv.h>, which
 * mingw-w64 does not have; GLib carries its own iconv on Windows
 * (win_iconv), reached through g_iconv_open/g_iconv/g_iconv_close, and this
 * header gives it the POSIX names. Installed into build/windows/deps by
 * tools/windows/recipes.sh before GMime is built. */
#ifndef MD_WIN_ICONV_SHIM_H
#define MD_WIN_ICONV_SHIM_H

#include <glib.h>

typedef GIConv iconv_t;
#define iconv_open(to, from) g_iconv_open((to), (from))
#define iconv(cd, in, inleft, out, outleft)                                    \
	g_iconv((cd), (in), (inleft), (out), (outleft))
#define iconv_close(cd) g_iconv_close(cd)

#endif
