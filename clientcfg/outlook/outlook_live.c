/* outlook_live.c — the accounts of the live registry (outlook_live.h), on
 * any system: the model outlook_live_read_all() gives becomes accounts
 * through the .reg path (outlook_regacct.c). */
#include "clientcfg/outlook/outlook_live.h"

#include "clientcfg/outlook/outlook_private.h"
#include "core/base/compat.h"

#include <glib.h>
#include <string.h>

bool outlook_live_source(const char *source)
{
	size_t n = strlen(OUTLOOK_LIVE_ROOT);
	return source && g_ascii_strncasecmp(source, OUTLOOK_LIVE_ROOT, n) == 0;
}

enum md_status outlook_live_read(struct acct_set *set, struct md_err *err)
{
	struct outlook_reg *reg;
	enum md_status st = outlook_live_read_all(&reg, err);
	if (st != MD_OK)
		return st;
	struct acct_set *tmp = acct_set_new();
	if (!tmp)
		st = md_err_set(err, MD_ERR_NOMEM, NULL, 0, NULL);
	if (st == MD_OK)
		st = outlook_reg_accounts(reg, OUTLOOK_LIVE_ROOT, tmp, err);
	if (st == MD_OK && !acct_set_merge(set, tmp))
		st = md_err_set(err, MD_ERR_NOMEM, NULL, 0, NULL);
	acct_set_free(tmp);
	outlook_reg_free(reg);
	return st;
}
