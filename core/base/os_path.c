/* os_path.c — the pieces of a path, the same code on both systems, built
 * on os_is_sep() (which knows whether '\\' separates folders too). */
#include "core/base/os.h"
#include "core/base/compat.h"

#include <string.h>

const char *os_base_name(const char *path)
{
	const char *base = path;
	for (const char *c = path; *c; c++)
		if (os_is_sep(*c))
			base = c + 1;
	return base;
}

/* Whether the n bytes at name look like the folder Explorer names after
 * the zip: a '_' before a ".zip" that ends the name or is followed by a
 * '.'. */
static bool zip_copy_name(const char *name, size_t n)
{
	bool underscore = false;
	for (size_t i = 0; i < n; i++) {
		if (name[i] == '_')
			underscore = true;
		else if (underscore && i + 4 <= n &&
			 md_caseeq(name + i, ".zip", 4) &&
			 (i + 4 == n || name[i + 4] == '.'))
			return true;
	}
	return false;
}

bool os_in_zip_copy(const char *dir, const char *temp)
{
	size_t t = strlen(temp);
	while (t > 0 && os_is_sep(temp[t - 1]))
		t--;
	if (t == 0 || !md_caseeq(dir, temp, t) || !os_is_sep(dir[t]))
		return false;
	const char *name = dir + t + 1;
	size_t n = 0;
	while (name[n] && !os_is_sep(name[n]))
		n++;
	return zip_copy_name(name, n);
}
