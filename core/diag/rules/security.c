/* security.c — settings that expose the password or that the provider no
 * longer accepts. Findings: plaintext-settings (with a fix when a probe
 * proved encryption; without one when only the held-back login shows it),
 * oauth-required. */
#include "core/diag/rules/rules.h"

#include "core/base/i18n.h"
#include "core/kb/kb.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static bool sends_password(enum acct_auth auth)
{
	return auth != ACCT_AUTH_NONE && auth != ACCT_AUTH_TLS_CERT &&
	       auth != ACCT_AUTH_OAUTH2 && auth != ACCT_AUTH_GSSAPI;
}

/* A probe that proved TLS works on this host (any port), or NULL. */
static const struct diag_probe *
tls_proof(const struct diag_input *in, const char *host, enum acct_proto proto)
{
	for (size_t i = 0; i < in->n_probes; i++) {
		const struct diag_probe *p = &in->probes[i];
		if (p->proto != proto ||
		    (p->security != ACCT_SEC_TLS &&
		     p->security != ACCT_SEC_STARTTLS) ||
		    strcasecmp(p->host, host) != 0)
			continue;
		if (diag_seen(in, p)->outcome == MD_OUT_OK)
			return p;
	}
	return NULL;
}

/* The usual encrypted ports of an incoming protocol, from the one port
 * table: SSL/TLS (993, 995) and STARTTLS (143, 110). */
static void incoming_ports(enum acct_proto proto, int *tls, int *starttls)
{
	*tls = acct_proto_default_port(proto, true);
	*starttls = acct_proto_default_port(proto, false);
}

/* The provider's published encrypted settings for incoming server srv
 * (the provider running the host, else the address's provider when it
 * names this very host): port and security into out; the provider, or
 * NULL when the knowledge base does not know them. */
static const struct kb_provider *kb_incoming(struct diag_ctx *ctx,
					     const struct acct_server *srv,
					     const char *email,
					     struct fix_server *out)
{
	const struct kb *kb = ctx->in->kb;
	const struct kb_provider *p =
	    kb ? kb_by_host(kb, srv->host, NULL) : NULL;
	bool same_host_only = false;
	if (!p && kb && email) {
		p = kb_by_domain(kb, email);
		same_host_only = true;
	}
	struct kb_settings *ks = NULL;
	struct md_err err;
	if (!p || !email ||
	    kb_settings_for(p, email, NULL, &ks, &err) != MD_OK) {
		if (p && email && err.code == MD_ERR_NOMEM)
			ctx->nomem = true;
		return NULL;
	}
	const struct kb_endpoint *best = NULL;
	for (size_t i = 0; i < ks->n_incoming; i++) {
		const struct kb_endpoint *e = &ks->incoming[i];
		bool same = e->host && strcasecmp(e->host, srv->host) == 0;
		if (e->proto != srv->proto || e->port <= 0 ||
		    (e->security != ACCT_SEC_TLS &&
		     e->security != ACCT_SEC_STARTTLS) ||
		    (same_host_only && !same))
			continue;
		if (!best || (same && strcasecmp(best->host, srv->host) != 0))
			best = e;
	}
	if (best) {
		out->port = best->port;
		out->security = best->security;
		/* the provider's host for this service, when it is another */
		out->host = acct_strdup(best->host);
		if (!out->host)
			ctx->nomem = true;
	}
	kb_settings_free(ks);
	return best && out->host ? p : NULL;
}

/* The encrypted way to reach srv: the probe that proved it; else,
 * offline, STARTTLS on 587 for SMTP, and the knowledge base's settings
 * for an incoming server (*kbp, the provider; out->host then a copy the
 * caller frees). False when there is none (the advice stays general). */
static bool secure_spec(struct diag_ctx *ctx, const struct acct_server *srv,
			const char *email, struct fix_server *out,
			const struct diag_probe **proof,
			const struct kb_provider **kbp)
{
	const struct diag_input *in = ctx->in;
	*kbp = NULL;
	*proof = tls_proof(in, srv->host, srv->proto);
	if (*proof) {
		out->port = (*proof)->port;
		out->security = (*proof)->security;
		return true;
	}
	if (!in->offline)
		return false; /* TLS was tried and did not work: say nothing */
	if (srv->proto != ACCT_PROTO_SMTP) {
		*kbp = kb_incoming(ctx, srv, email, out);
		return *kbp != NULL;
	}
	out->port = 587;
	out->security = ACCT_SEC_STARTTLS;
	return true;
}

/* The probe of srv where maildoctor held the login back because the
 * connection was not encrypted (auth not-tried-insecure), or NULL. */
static const struct diag_probe *login_held_back(const struct diag_input *in,
						const struct acct_server *srv)
{
	for (size_t i = 0; i < in->n_probes; i++) {
		const struct diag_probe *p = &in->probes[i];
		if (p->proto != srv->proto ||
		    p->port != acct_server_port(srv) ||
		    strcasecmp(p->host, srv->host) != 0)
			continue;
		p = diag_seen(in, p);
		if (p->auth && strcmp(p->auth, "not-tried-insecure") == 0)
			return p;
	}
	return NULL;
}

/* The explanation of plaintext-settings: the way to encrypt that a probe
 * proved, the knowledge base's (kbp) or the usual one, or (none known)
 * what to ask for. */
static char *plaintext_words(const struct acct_server *srv, bool outgoing,
			     bool secure, const struct fix_server *spec,
			     const struct diag_probe *proof,
			     const struct kb_provider *kbp, bool offline)
{
	const char *sec =
	    spec->security == ACCT_SEC_TLS ? "SSL/TLS" : "STARTTLS";
	if (secure && kbp)
		return diag_fmt(
		    _("The mail program talks to %s without encryption, so "
		      "the password and the mail can be read on the way (in "
		      "a cafe's Wi-Fi, for example). %s publishes encrypted "
		      "settings for it: in the settings of the incoming "
		      "server, choose %s as the server, %s on port %d."),
		    srv->host, kbp->name, spec->host, sec, spec->port);
	if (secure)
		return diag_fmt(
		    _("The mail program talks to %s without encryption, so "
		      "the password and the mail can be read on the way (in "
		      "a cafe's Wi-Fi, for example). %s Choose %s on port %d "
		      "in the settings of the %s server."),
		    srv->host,
		    proof ? _("The server offers encryption: it worked in "
			      "the check.")
			  : _("Most servers offer encryption today."),
		    sec, spec->port, outgoing ? _("outgoing") : _("incoming"));
	if (offline && !outgoing) {
		int tls, starttls;
		incoming_ports(srv->proto, &tls, &starttls);
		return diag_fmt(
		    _("The mail program talks to %s without encryption, so "
		      "the password and the mail can be read on the way (in "
		      "a cafe's Wi-Fi, for example). Most servers offer "
		      "encryption today. In the settings of the incoming "
		      "server, choose SSL/TLS on port %d, or STARTTLS on port "
		      "%d; the provider's page says which one it offers."),
		    srv->host, tls, starttls);
	}
	return diag_fmt(
	    _("The mail program talks to %s without encryption, so "
	      "the password and the mail can be read on the way (in "
	      "a cafe's Wi-Fi, for example). maildoctor did not send "
	      "your password there, and no encrypted way to this "
	      "server worked in the check. Ask the provider for its "
	      "encrypted settings (SSL/TLS or STARTTLS)."),
	    srv->host);
}

/* The fix of plaintext-settings for the account's incoming server
 * (Thunderbird, and Outlook read from the registry: its key is known and
 * written; an Outlook export's hand-over carries outgoing values only),
 * encrypted. */
static void incoming_fix(struct diag_ctx *ctx, const struct acct_account *acc,
			 const struct acct_identity *id,
			 const struct acct_server *srv,
			 const struct fix_server *spec, bool verified)
{
	bool writes = acc->client == ACCT_CLIENT_THUNDERBIRD ||
		      (acc->client == ACCT_CLIENT_OUTLOOK && acc->live);
	if (!writes || !srv->key)
		return;
	char *fid = diag_fmt("incoming-%s-%d", spec->host, spec->port);
	struct fix f = {.id = fid,
			.kind = FIX_SET_INCOMING,
			.client = acc->client,
			.source = acc->source,
			.identity_key = id->key,
			.identity_email = id->email,
			.server_key = srv->key,
			.server = *spec,
			.verified = verified};
	if (fid)
		diag_fix(ctx, &f);
	else
		ctx->nomem = true;
	free(fid);
}

/* plaintext-settings for srv: with a fix when a probe proved encryption
 * (or, offline, the usual STARTTLS on 587 for the outgoing server and the
 * provider's published settings for the incoming one), without one when
 * encryption is not known to work: offline, the usual encrypted ports of
 * the incoming protocol are named; online, only when the check held the
 * login back (auth not-tried-insecure); nothing when neither shows it. */
static void plaintext(struct diag_ctx *ctx, const struct acct_account *acc,
		      const struct acct_identity *id,
		      const struct acct_server *srv, bool outgoing)
{
	const struct diag_input *in = ctx->in;
	if (!srv->host || !sends_password(srv->auth) ||
	    (srv->security != ACCT_SEC_PLAIN &&
	     srv->security != ACCT_SEC_STARTTLS_TRY))
		return;
	struct fix_server spec = {
	    .host = srv->host, .auth = srv->auth, .user = srv->user};
	const struct diag_probe *proof = NULL, *held = NULL;
	const struct kb_provider *kbp = NULL;
	bool secure = secure_spec(ctx, srv, id->email, &spec, &proof, &kbp);
	char *kb_host = kbp ? spec.host : NULL; /* owned */
	if (!secure && !in->offline && !(held = login_held_back(in, srv)))
		return;
	char *sum = diag_fmt(_("Your password for %s is sent without "
			       "encryption."),
			     srv->host);
	char *exp = plaintext_words(srv, outgoing, secure, &spec, proof, kbp,
				    in->offline);
	if (!sum || !exp ||
	    !diag_add(ctx, "plaintext-settings", SEV_WARNING, id->email, sum,
		      exp)) {
		ctx->nomem = true;
	} else {
		char *t = diag_fmt(
		    "%s: %s port %d, %s", srv->key ? srv->key : "", srv->host,
		    acct_server_port(srv), acct_security_word(srv->security));
		if (t)
			diag_evidence_config(ctx, in->accounts,
					     srv->src_security, t);
		free(t);
		if (proof || held)
			diag_evidence_probe(ctx, proof ? proof : held);
		if (kbp && kbp->settings)
			diag_evidence_fact(ctx, kbp->settings);
		if (secure && outgoing && srv->proto == ACCT_PROTO_SMTP) {
			char *fid =
			    diag_fmt("encrypt-%s-%d", srv->host, spec.port);
			struct fix f = {.id = fid,
					.kind = FIX_SET_OUTGOING,
					.client = acc->client,
					.source = acc->source,
					.identity_key = id->key,
					.identity_email = id->email,
					.server_key = srv->key,
					.server = spec,
					.verified = proof != NULL};
			if (fid)
				diag_fix(ctx, &f);
			else
				ctx->nomem = true;
			free(fid);
		}
		if (secure && !outgoing)
			incoming_fix(ctx, acc, id, srv, &spec, proof != NULL);
	}
	free(kb_host);
	free(sum);
	free(exp);
}

/* Is the space-separated list only OAuth2 mechanisms (XOAUTH2,
 * OAUTHBEARER), at least one? */
static bool only_oauth(const char *mechs)
{
	char buf[512];
	snprintf(buf, sizeof buf, "%s", mechs ? mechs : "");
	char *save = NULL;
	bool any = false;
	for (char *m = strtok_r(buf, " ", &save); m;
	     m = strtok_r(NULL, " ", &save)) {
		if (strcasecmp(m, "XOAUTH2") != 0 &&
		    strcasecmp(m, "OAUTHBEARER") != 0)
			return false;
		any = true;
	}
	return any;
}

/* The probe of the configured server whose AUTH offer is only OAuth2
 * (XOAUTH2, OAUTHBEARER), or NULL. */
static const struct diag_probe *oauth_only_offer(const struct diag_input *in,
						 const struct acct_server *srv)
{
	for (size_t i = 0; i < in->n_probes; i++) {
		const struct diag_probe *p = &in->probes[i];
		if (p->purpose != DIAG_CONFIGURED || p->proto != srv->proto ||
		    p->port != acct_server_port(srv) ||
		    strcasecmp(p->host, srv->host) != 0)
			continue;
		p = diag_seen(in, p);
		if (p->outcome == MD_OUT_OK && p->auth_mechs &&
		    only_oauth(p->auth_mechs))
			return p;
	}
	return NULL;
}

static char *oauth_explanation(const struct kb_provider *p,
			       const struct acct_server *srv,
			       const struct diag_probe *offer)
{
	if (!p)
		return diag_fmt(
		    _("%s offers only OAuth2 sign-in (it answered "
		      "\"AUTH %s\"), so it refuses the password. "
		      "In the settings of the server %s, choose "
		      "OAuth2 as the authentication method; the mail "
		      "program will then open the provider's sign-in "
		      "page once."),
		    srv->host, offer->auth_mechs, srv->host);
	if (p->auth.since)
		return diag_fmt(
		    _("%s has switched off password login for mail "
		      "programs since %s. In the settings of the "
		      "server %s, choose OAuth2 as the authentication "
		      "method; the mail program will then open %s's "
		      "sign-in page once."),
		    p->name, p->auth.since, srv->host, p->name);
	return diag_fmt(_("%s has switched off password login for mail "
			  "programs. In the settings of the server %s, choose "
			  "OAuth2 as the authentication method; the mail "
			  "program will then open %s's sign-in page once."),
			p->name, srv->host, p->name);
}

/* A provider that refuses passwords: the knowledge base says so, or the
 * server's own AUTH offer has nothing but OAuth2. The fix (OAuth2 on the
 * same server) is verified when the server offered OAuth2 here. */
static void oauth(struct diag_ctx *ctx, const struct acct_account *acc,
		  const struct acct_identity *id, const struct acct_server *srv)
{
	const struct kb *kb = ctx->in->kb;
	if (!srv->host || srv->auth == ACCT_AUTH_OAUTH2)
		return;
	const struct kb_provider *p =
	    kb ? kb_by_host(kb, srv->host, NULL) : NULL;
	if (p && p->auth.oauth2 != KB_NEED_REQUIRED)
		p = NULL;
	const struct diag_probe *offer = oauth_only_offer(ctx->in, srv);
	if (!p && !offer)
		return;
	char *sum = p ? diag_fmt(_("%s no longer accepts a password from mail "
				   "programs: sign-in with OAuth2 is needed."),
				 p->name)
		      : diag_fmt(_("%s accepts no password from mail programs: "
				   "sign-in with OAuth2 is needed."),
				 srv->host);
	char *exp = oauth_explanation(p, srv, offer);
	if (!sum || !exp ||
	    !diag_add(ctx, "oauth-required", SEV_BLOCKER, id->email, sum,
		      exp)) {
		ctx->nomem = true;
	} else {
		char *t = diag_fmt(_("%s: authentication %s"), srv->host,
				   acct_auth_word(srv->auth));
		if (t)
			diag_evidence_config(ctx, ctx->in->accounts,
					     srv->src_auth, t);
		free(t);
		if (offer)
			diag_evidence_probe(ctx, offer);
		if (offer)
			diag_evidence_textf(ctx, EV_TEXT, "AUTH %s",
					    offer->auth_mechs);
		char *fid = diag_fmt("oauth2-%s", srv->host);
		struct fix f = {.id = fid,
				.kind = FIX_SET_OUTGOING,
				.client = acc->client,
				.source = acc->source,
				.identity_key = id->key,
				.identity_email = id->email,
				.server_key = srv->key,
				.server = {.host = srv->host,
					   .port = acct_server_port(srv),
					   .security = srv->security,
					   .auth = ACCT_AUTH_OAUTH2,
					   .user = srv->user},
				.verified = offer != NULL};
		if (fid && f.server.port > 0)
			diag_fix(ctx, &f);
		free(fid);
	}
	free(sum);
	free(exp);
}

void rules_security(struct diag_ctx *ctx)
{
	const struct acct_set *set = ctx->in->accounts;
	for (size_t a = 0; set && a < set->n_accounts; a++) {
		const struct acct_account *acc = &set->accounts[a];
		for (size_t j = 0; j < acc->n_identities; j++) {
			const struct acct_identity *id = &acc->identities[j];
			if (!diag_wanted(ctx->in, id) || id->outgoing < 0)
				continue;
			plaintext(ctx, acc, id, &set->outgoing[id->outgoing],
				  true);
			oauth(ctx, acc, id, &set->outgoing[id->outgoing]);
		}
		if (acc->incoming >= 0 && acc->n_identities &&
		    diag_wanted(ctx->in, &acc->identities[0]))
			plaintext(ctx, acc, &acc->identities[0],
				  &set->incoming[acc->incoming], false);
	}
}
