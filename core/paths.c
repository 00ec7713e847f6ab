/* paths.c — locate assets and translations relative to the running binary,
 * so that build/maildoctor works from a checkout and after `make install`. */
#include "paths.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#ifndef MD_DATADIR
#define MD_DATADIR "/usr/local/share/maildoctor"
#endif
#ifndef MD_LOCALEDIR
#define MD_LOCALEDIR "/usr/local/share/locale"
#endif

static int is_dir(const char *p)
{
	struct stat st;
	return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

/* The folder of the running binary, e.g. /src/maildoctor/build. */
static const char *exe_dir(void)
{
	static char dir[PATH_MAX];
	if (dir[0])
		return dir;
	ssize_t n = readlink("/proc/self/exe", dir, sizeof dir - 1);
	if (n <= 0) {
		dir[0] = '\0';
		return dir;
	}
	dir[n] = '\0';
	char *slash = strrchr(dir, '/');
	if (slash)
		*slash = '\0';
	return dir;
}

/* Walk up from the binary's folder (tests live in build/<kind>/tests) to a
 * folder that has `sub` and a Makefile beside it: the source tree. */
static int find_in_tree(const char *sub, char *out, size_t outlen)
{
	char base[PATH_MAX];
	snprintf(base, sizeof base, "%s", exe_dir());
	for (int depth = 0; depth < 5 && base[0]; depth++) {
		char cand[PATH_MAX], mk[PATH_MAX];
		if (snprintf(cand, sizeof cand, "%s/%s", base, sub) >=
			    (int)sizeof cand ||
		    snprintf(mk, sizeof mk, "%s/Makefile", base) >= (int)sizeof mk)
			return 0;
		if (is_dir(cand) && access(mk, R_OK) == 0 &&
		    snprintf(out, outlen, "%s", cand) < (int)outlen)
			return 1;
		char *slash = strrchr(base, '/');
		if (!slash)
			break;
		*slash = '\0';
	}
	return 0;
}

const char *paths_assets(void)
{
	static char path[PATH_MAX];
	if (path[0])
		return path;
	const char *env = getenv("MAILDOCTOR_ASSETS");
	if (env && *env)
		snprintf(path, sizeof path, "%s", env);
	else if (!find_in_tree("assets", path, sizeof path))
		snprintf(path, sizeof path, "%s", MD_DATADIR);
	return path;
}

const char *paths_locale(void)
{
	static char path[PATH_MAX];
	if (path[0])
		return path;
	if (!find_in_tree("build/locale", path, sizeof path))
		snprintf(path, sizeof path, "%s", MD_LOCALEDIR);
	return path;
}
