/* tb_folders.c — an incoming server's Inbox in a Thunderbird profile
 * (tb_folders.h). The facts, from comm-central:
 * - mail.server.N.directory-rel is "[ProfD]" and the folder relative to the
 *   profile; mail.server.N.directory the absolute one
 *   (mailnews/base/src/nsMsgIncomingServer.cpp, GetLocalPath via
 *   NS_GetPersistentFile);
 * - a POP3 server with deferred_to_account keeps its mail in that
 *   account's folders (mailnews/local/src/nsPop3IncomingServer.cpp, in
 *   newer trees Pop3IncomingServer.jsm: deferred_to_account);
 * - without a directory pref the folders are Mail/<host> for POP3 and
 *   "none" (Local Folders is the "none" server) and ImapMail/<host> for
 *   IMAP (mailnews/base/src/nsMsgAccountManager.cpp, the server's
 *   defaultLocalPath: mail.root.pop3-rel, mail.root.imap-rel);
 * - the Inbox is "Inbox" for local folders, "INBOX" for IMAP, an mbox
 *   file beside its .msf (mailnews/local/src/nsMsgBrkMBoxStore.cpp), or
 *   with mail.server.N.storeContractID (default:
 *   mail.serverDefault.storeContractID) "@mozilla.org/msgstore/maildirstore;1"
 *   a folder of that name holding cur/ and tmp/
 *   (mailnews/local/src/nsMsgMaildirStore.cpp). */
#include "clientcfg/tb/tb_folders.h"
#include "clientcfg/tb/prefs.h"
#include "core/base/i18n.h"
#include "core/base/os.h"

#include <stdio.h>
#include <string.h>

struct two {
	struct prefs_file *f[2]; /* prefs.js, user.js (wins) */
};

static const char *get(const struct two *t, const char *fmt, const char *k)
{
	char name[256];
	snprintf(name, sizeof name, fmt, k);
	for (int i = 1; i >= 0; i--) {
		const char *v = t->f[i] ? prefs_get_str(t->f[i], name) : NULL;
		if (v)
			return v;
	}
	return NULL;
}

/* The server's folder into dir. */
static bool server_dir(const struct two *t, const char *profile,
		       const char *key, char *dir, size_t len)
{
	const char *rel = get(t, "mail.server.%s.directory-rel", key);
	if (rel && strncmp(rel, "[ProfD]", 7) == 0) {
		snprintf(dir, len, "%s/%s", profile, rel + 7);
		if (os_is_dir(dir))
			return true;
	}
	const char *abs = get(t, "mail.server.%s.directory", key);
	if (abs && os_is_dir(abs)) {
		snprintf(dir, len, "%s", abs);
		return true;
	}
	const char *type = get(t, "mail.server.%s.type", key);
	const char *host = get(t, "mail.server.%s.hostname", key);
	if (!type)
		return false;
	if (strcmp(type, "none") == 0)
		snprintf(dir, len, "%s/Mail/Local Folders", profile);
	else if (host)
		snprintf(dir, len, "%s/%s/%s", profile,
			 strcmp(type, "imap") == 0 ? "ImapMail" : "Mail", host);
	else
		return false;
	return true;
}

static bool is_maildir(const struct two *t, const char *key)
{
	const char *id = get(t, "mail.server.%s.storeContractID", key);
	if (!id)
		id = get(t, "mail.serverDefault.storeContractID%s", "");
	return id && strstr(id, "maildirstore") != NULL;
}

static enum md_status locate(const struct two *t, const char *profile,
			     const char *key, char *path, size_t len,
			     bool *maildir, struct md_err *err)
{
	const char *type = get(t, "mail.server.%s.type", key);
	if (!type)
		return md_err_set(err, MD_ERR_NOTFOUND, NULL, 0, "%s",
				  _("The account's incoming server is not in "
				    "the settings."));
	const char *inbox = strcmp(type, "imap") == 0 ? "INBOX" : "Inbox";
	const char *own = key;
	const char *deferred =
	    get(t, "mail.server.%s.deferred_to_account", key);
	if (deferred && *deferred) {
		const char *k2 = get(t, "mail.account.%s.server", deferred);
		if (k2 && get(t, "mail.server.%s.type", k2))
			own = k2;
	}
	char dir[4096];
	if (!server_dir(t, profile, own, dir, sizeof dir))
		return md_err_set(err, MD_ERR_NOTFOUND, NULL, 0, "%s",
				  _("The account's mail folder is not named "
				    "in the settings."));
	*maildir = is_maildir(t, own);
	snprintf(path, len, "%s/%s", dir, inbox);
	return MD_OK;
}

enum md_status tb_inbox_path(const char *profile, const char *server_key,
			     char *path, size_t len, bool *maildir,
			     struct md_err *err)
{
	struct two t = {{NULL, NULL}};
	char file[4096];
	snprintf(file, sizeof file, "%s/prefs.js", profile);
	enum md_status st = prefs_load(file, &t.f[0], err);
	if (st != MD_OK)
		return st;
	snprintf(file, sizeof file, "%s/user.js", profile);
	if (os_is_file(file) && prefs_load(file, &t.f[1], NULL) != MD_OK)
		t.f[1] = NULL;
	st = locate(&t, profile, server_key, path, len, maildir, err);
	prefs_free(t.f[0]);
	prefs_free(t.f[1]);
	return st;
}
