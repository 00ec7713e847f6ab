/* tb_folders.h — where a Thunderbird account keeps its Inbox in the
 * profile: the folder of its incoming server (mail.server.N.directory-rel,
 * or the account it defers to), and the Inbox's file (mbox) or folder
 * (maildir) in it. Read-only: prefs.js is read, nothing is written. */
#ifndef MD_TB_FOLDERS_H
#define MD_TB_FOLDERS_H

#include "core/base/err.h"

#include <stdbool.h>
#include <stddef.h>

/* The Inbox of incoming server server_key ("server2") of the profile in
 * folder profile, into path (len bytes); *maildir tells whether the store
 * is maildir. MD_OK even when the Inbox is not there yet (the caller
 * looks); MD_ERR_NOTFOUND when the server is not in prefs.js; the errors
 * of reading prefs.js. */
enum md_status tb_inbox_path(const char *profile, const char *server_key,
			     char *path, size_t len, bool *maildir,
			     struct md_err *err);

#endif
