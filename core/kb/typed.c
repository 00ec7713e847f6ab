/* typed.c — build an account from the knowledge base for a typed address. */
#include "core/kb/typed.h"

#include "core/base/i18n.h"
#include "core/kb/kb.h"

#include <string.h>

static void copy_endpoint(struct acct_server *s, const struct kb_endpoint *e)
{
	s->host = acct_strdup(e->host);
	s->port = e->port;
	s->security = e->security;
	s->auth = e->auth;
	s->user = acct_strdup(e->user);
	s->proto = e->proto;
	s->key = acct_strdup("kb");
}

enum md_status typed_account(const struct kb *kb, const char *email,
			     struct acct_set *set, struct md_err *err)
{
	const struct kb_provider *p =
	    kb && strchr(email, '@') ? kb_by_domain(kb, email) : NULL;
	struct kb_settings *ks = NULL;
	if (!p || kb_settings_for(p, email, NULL, &ks, err) != MD_OK ||
	    ks->n_outgoing == 0) {
		kb_settings_free(ks);
		return md_err_set(
		    err, MD_ERR_NOTFOUND, NULL, 0,
		    _("%s is not in the mail programs found here, "
		      "and maildoctor does not know its "
		      "provider's settings; name the profile "
		      "with --profile DIR"),
		    email);
	}
	struct acct_account *acc = acct_set_add_account(set);
	struct acct_server *out = acc ? acct_set_add_outgoing(set) : NULL;
	struct acct_identity *id = out ? acct_account_add_identity(acc) : NULL;
	if (!id) {
		kb_settings_free(ks);
		return md_err_set(err, MD_ERR_NOMEM, NULL, 0, NULL);
	}
	acc->client = ACCT_CLIENT_TYPED;
	acc->key = acct_strdup("typed");
	acc->source = acct_strdup(_("(the address you typed)"));
	acc->profile = acct_strdup(p->name);
	copy_endpoint(out, &ks->outgoing[0]);
	out->profile = acct_strdup(acc->source);
	id->key = acct_strdup("typed");
	id->email = acct_strdup(email);
	id->outgoing = (int)(set->n_outgoing - 1);
	if (ks->n_incoming) {
		struct acct_server *in = acct_set_add_incoming(set);
		if (in) {
			copy_endpoint(in, &ks->incoming[0]);
			acc->incoming = (int)(set->n_incoming - 1);
		}
	}
	kb_settings_free(ks);
	return MD_OK;
}
