/* outlook_live.h — classic Outlook's accounts in the Windows registry
 * itself (not an export): read into the model a .reg export is parsed into
 * (outlook_reg.h), so that outlook_regacct.c turns both into accounts; and
 * one account key's values read, set and deleted for a fix and its undo.
 *
 * Where (FORMATS.md 3.1): HKEY_CURRENT_USER\Software\Microsoft\Office\
 * {15.0,16.0}\Outlook\Profiles\<profile>\9375CFF0413111d3B88A00104B2A6676\
 * <8 hex digits>, every profile of both versions. Strings there are
 * REG_BINARY UTF-16LE ending in 00 00, numbers REG_DWORD (FORMATS.md 3.2).
 *
 *   outlook_live_win.c   the registry calls (Windows, W calls only)
 *   outlook_live_none.c  other systems: no registry, no accounts
 *
 * Paths are written in full, "HKEY_CURRENT_USER\Software\...\00000002",
 * as regedit names keys; only HKEY_CURRENT_USER is read or written.
 * Password values ("... Password") are withheld: their bytes are never
 * copied (struct outlook_reg_value.withheld). */
#ifndef MD_OUTLOOK_LIVE_H
#define MD_OUTLOOK_LIVE_H

#include "clientcfg/outlook/outlook_reg.h"
#include "core/base/err.h"
#include "core/model/account.h"

#include <stdbool.h>

#define OUTLOOK_LIVE_ROOT "HKEY_CURRENT_USER\\"

/* Whether an account's source (acct_account.source, fix.source) is a key
 * of the live registry rather than a file. */
bool outlook_live_source(const char *source);

/* Every account key of every Outlook profile (15.0 and 16.0) into a new
 * model with live set (*out, outlook_reg_free()); no key: an empty one.
 * MD_ERR_IO (a key that cannot be read, named), MD_ERR_NOMEM; on other
 * systems an empty model. */
enum md_status outlook_live_read_all(struct outlook_reg **out,
				     struct md_err *err);

/* The accounts of the live registry appended to set (none: MD_OK and
 * nothing added). */
enum md_status outlook_live_read(struct acct_set *set, struct md_err *err);

/* One key's values, in the registry's order, into a new model of one key
 * (*out). MD_ERR_NOTFOUND when the key is not there. */
enum md_status outlook_live_read_key(const char *path, struct outlook_reg **out,
				     struct md_err *err);

/* Set value v (its name, type and bytes) under the existing key path. */
enum md_status outlook_live_set(const char *path,
				const struct outlook_reg_value *v,
				struct md_err *err);

/* Delete value name under key path (not there: MD_OK). */
enum md_status outlook_live_delete(const char *path, const char *name,
				   struct md_err *err);

#endif
