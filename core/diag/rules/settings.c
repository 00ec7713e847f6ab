/* settings.c — settings that cannot work or do not stay: an identity
 * without an outgoing server (unset with no default, or naming one that
 * does not exist), and mail settings that user.js sets again at every
 * start. Findings: no-outgoing-server, user-js-override. */
#include "core/diag/rules/rules.h"

#include "core/base/i18n.h"
#include "core/base/os.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* no-outgoing-server: identity j of account a has no outgoing server, so
 * nothing it sends goes out. The fix: a server the account's other
 * identities use, the profile's or the provider's (candidates.h). */
static void no_outgoing(struct diag_ctx *ctx, size_t a, size_t j)
{
	const struct acct_set *set = ctx->in->accounts;
	const struct acct_identity *id = &set->accounts[a].identities[j];
	char *sum = diag_fmt(_("No outgoing server is set for %s."), id->email);
	char *exp =
	    id->outgoing_key
		? diag_fmt(_("The settings of %s name the outgoing server "
			     "\"%s\", but there is no server of that name, so "
			     "the mail program cannot send mail from this "
			     "address at all."),
			   id->email, id->outgoing_key)
		: diag_fmt(_("No outgoing server is chosen for %s and there "
			     "is no default one, so the mail program cannot "
			     "send mail from this address at all."),
			   id->email);
	if (!sum || !exp ||
	    !diag_add(ctx, "no-outgoing-server", SEV_BLOCKER, id->email, sum,
		      exp)) {
		ctx->nomem = true;
	} else {
		char *t = diag_fmt(
		    "identity %s: outgoing server %s (missing)", id->email,
		    id->outgoing_key ? id->outgoing_key : "default");
		if (t)
			diag_evidence_config(ctx, set, id->src_outgoing, t);
		else
			ctx->nomem = true;
		free(t);
		if (rules_offer_candidates(ctx, a, j, NULL, NULL) == 0)
			rules_ask_server(ctx, id);
	}
	free(sum);
	free(exp);
}

/* Whether a value came from a file named user.js. */
static bool from_user_js(const struct acct_set *set, struct acct_src src)
{
	if (src.file < 0 || (size_t)src.file >= set->n_files || !src.line)
		return false;
	const char *f = set->files[src.file];
	return strcmp(os_base_name(f), "user.js") == 0;
}

/* The values of server s that user.js sets (as evidence when write);
 * how many. */
static size_t server_overrides(struct diag_ctx *ctx,
			       const struct acct_server *s, bool write)
{
	const struct acct_set *set = ctx->in->accounts;
	char port[16];
	snprintf(port, sizeof port, "%d", acct_server_port(s));
	const struct {
		struct acct_src src;
		const char *what, *value;
	} v[] = {{s->src_host, "hostname", s->host},
		 {s->src_port, "port", port},
		 {s->src_security, "security", acct_security_word(s->security)},
		 {s->src_auth, "authentication", acct_auth_word(s->auth)},
		 {s->src_user, "user name", s->user}};
	size_t n = 0;
	for (size_t i = 0; i < sizeof v / sizeof *v; i++) {
		if (!from_user_js(set, v[i].src))
			continue;
		n++;
		char *t =
		    write ? diag_fmt("%s %s %s", s->key ? s->key : "",
				     v[i].what, v[i].value ? v[i].value : "-")
			  : NULL;
		if (t)
			diag_evidence_config(ctx, set, v[i].src, t);
		else if (write)
			ctx->nomem = true;
		free(t);
	}
	return n;
}

/* user-js-override: user.js sets mail settings of identity j of account
 * a (its address, its outgoing server, the account's incoming server).
 * No fix: maildoctor's own fixes change user.js too. */
static void user_js(struct diag_ctx *ctx, size_t a, size_t j)
{
	const struct acct_set *set = ctx->in->accounts;
	const struct acct_account *acc = &set->accounts[a];
	const struct acct_identity *id = &acc->identities[j];
	const struct acct_server *out =
	    id->outgoing >= 0 ? &set->outgoing[id->outgoing] : NULL;
	const struct acct_server *in =
	    acc->incoming >= 0 ? &set->incoming[acc->incoming] : NULL;
	bool own = from_user_js(set, id->src_email) ||
		   from_user_js(set, id->src_outgoing);
	size_t n = (out ? server_overrides(ctx, out, false) : 0) +
		   (in ? server_overrides(ctx, in, false) : 0);
	if (!own && n == 0)
		return;
	char *sum = diag_fmt(_("user.js sets mail settings of %s: they come "
			       "back every time Thunderbird starts."),
			     id->email);
	char *exp = diag_fmt(
	    _("Besides prefs.js, this Thunderbird profile has a file user.js "
	      "that sets some mail settings of %s (the lines in the "
	      "evidence). Thunderbird reads it at every start, so a change "
	      "made in Thunderbird's account settings does not last: these "
	      "values come back. A change made by maildoctor is made in "
	      "user.js too. If nobody put them there on purpose, a helper "
	      "can remove those lines from user.js."),
	    id->email);
	if (!sum || !exp ||
	    !diag_add(ctx, "user-js-override", SEV_WARNING, id->email, sum,
		      exp)) {
		ctx->nomem = true;
	} else {
		if (from_user_js(set, id->src_email)) {
			char *t = diag_fmt("identity %s: address", id->email);
			if (t)
				diag_evidence_config(ctx, set, id->src_email,
						     t);
			free(t);
		}
		if (from_user_js(set, id->src_outgoing)) {
			char *t = diag_fmt(
			    "identity %s: outgoing server %s", id->email,
			    id->outgoing_key ? id->outgoing_key : "");
			if (t)
				diag_evidence_config(ctx, set, id->src_outgoing,
						     t);
			free(t);
		}
		if (out)
			server_overrides(ctx, out, true);
		if (in)
			server_overrides(ctx, in, true);
	}
	free(sum);
	free(exp);
}

void rules_settings(struct diag_ctx *ctx)
{
	const struct acct_set *set = ctx->in->accounts;
	for (size_t a = 0; set && a < set->n_accounts; a++) {
		const struct acct_account *acc = &set->accounts[a];
		for (size_t j = 0; j < acc->n_identities; j++) {
			const struct acct_identity *id = &acc->identities[j];
			if (!id->email || !diag_wanted(ctx->in, id))
				continue;
			if (id->outgoing < 0)
				no_outgoing(ctx, a, j);
			if (acc->client == ACCT_CLIENT_THUNDERBIRD)
				user_js(ctx, a, j);
		}
	}
}
