/* clients_folders.c — the read facade's answer to "where is this
 * account's Inbox" (clients_inbox() in clients.h): Thunderbird's profile
 * folders (tb/tb_folders.h); other clients keep none maildoctor reads. */
#include "clientcfg/clients.h"
#include "clientcfg/tb/tb_folders.h"
#include "core/base/i18n.h"

enum md_status clients_inbox(const struct acct_set *set, size_t account,
			     char *path, size_t len, struct md_err *err)
{
	if (account >= set->n_accounts)
		return md_err_set(err, MD_ERR_NOTFOUND, NULL, 0, "%s",
				  _("No such account."));
	const struct acct_account *a = &set->accounts[account];
	if (a->client != ACCT_CLIENT_THUNDERBIRD || a->incoming < 0 ||
	    !a->source)
		return md_err_set(err, MD_ERR_NOTFOUND, NULL, 0, "%s",
				  _("This mail program's folders cannot be "
				    "read."));
	const struct acct_server *in = &set->incoming[a->incoming];
	bool maildir = false;
	return tb_inbox_path(a->source, in->key, path, len, &maildir, err);
}
