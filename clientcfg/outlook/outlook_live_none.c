/* outlook_live_none.c — outlook_live.h on systems without a Windows
 * registry: no Outlook account there (an export is read with --outlook),
 * and nothing to set. outlook_live_win.c is the Windows side. */
#ifndef _WIN32

#include "clientcfg/outlook/outlook_live.h"

#include "core/base/i18n.h"

#include <stdlib.h>

enum md_status outlook_live_read_all(struct outlook_reg **out,
				     struct md_err *err)
{
	*out = calloc(1, sizeof **out);
	if (!*out)
		return md_err_set(err, MD_ERR_NOMEM, NULL, 0, NULL);
	(*out)->live = true;
	return MD_OK;
}

/* There is no registry here. */
static enum md_status none(const char *path, struct md_err *err)
{
	return md_err_set(err, MD_ERR_NOTFOUND, path, 0,
			  _("There is no Windows registry on this system: "
			    "%s cannot be read or changed here."),
			  path);
}

enum md_status outlook_live_read_key(const char *path, struct outlook_reg **out,
				     struct md_err *err)
{
	*out = NULL;
	return none(path, err);
}

enum md_status outlook_live_set(const char *path,
				const struct outlook_reg_value *v,
				struct md_err *err)
{
	return none(path, err);
}

enum md_status outlook_live_delete(const char *path, const char *name,
				   struct md_err *err)
{
	return none(path, err);
}

#endif /* !_WIN32 */
