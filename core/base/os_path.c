/* os_path.c — the pieces of a path, the same code on both systems, built
 * on os_is_sep() (which knows whether '\\' separates folders too). */
#include "core/base/os.h"

const char *os_base_name(const char *path)
{
	const char *base = path;
	for (const char *c = path; *c; c++)
		if (os_is_sep(*c))
			base = c + 1;
	return base;
}
