/* outlook_new.c — New Outlook for Windows found by its package folder
 * (outlook_new.h). A packaged app's data lives in %LOCALAPPDATA%\Packages\
 * <package family name> (Microsoft's ApplicationData documentation:
 * LocalFolder is …\AppData\Local\Packages\<package id>\LocalState); New
 * Outlook's package is Microsoft.OutlookForWindows (Microsoft's Tech
 * Community, "The new Outlook for Windows for organization admins": the
 * Microsoft.OutlookforWindows Appx package, provisioned with Windows 11
 * 23H2). */
#include "clientcfg/outlook/outlook_new.h"

#include "core/base/os.h"

#include <glib.h>
#include <string.h>

#define PACKAGE_PREFIX "Microsoft.OutlookForWindows_"

struct find {
	const char *packages;
	char *found;
};

static bool each(const char *name, void *ctx)
{
	struct find *f = ctx;
	if (g_ascii_strncasecmp(name, PACKAGE_PREFIX, strlen(PACKAGE_PREFIX)))
		return true;
	char *path = g_build_filename(f->packages, name, NULL);
	if (os_is_dir(path)) {
		f->found = path;
		return false;
	}
	g_free(path);
	return true;
}

char *outlook_new_package(const char *local)
{
	if (!local || !*local)
		return NULL;
	char *packages = g_build_filename(local, "Packages", NULL);
	struct find f = {.packages = packages};
	os_dir_each(packages, each, &f);
	g_free(packages);
	return f.found;
}
