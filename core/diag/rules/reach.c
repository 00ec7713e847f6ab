/* reach.c — what the probes say about reaching the configured servers:
 * no-network, dns-failure, host-not-found, port25-blocked,
 * port-blocked-on-path (case S1: one port or one address family filtered
 * on this path while another works), tls-certificate-problem (or, when a
 * security product's root made the certificate, intercept.c's finding),
 * auth-not-offered. The fix is the smallest change a probe proved:
 * the same host on another port, then another host of the provider. */
#include "core/diag/rules/rules.h"

#include "core/base/i18n.h"
#include "core/kb/kb.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* The rows of one endpoint, summed up. */
struct ep_view {
	const struct diag_probe *first; /* any row of it */
	size_t rows, ok, timeout, notfound, dnsfail, tlsfail;
	bool v4_ok, v6_ok, v4_timeout, v6_timeout;
};

static bool same_ep(const struct diag_probe *a, const char *host, int port,
		    enum acct_security sec, enum acct_proto proto)
{
	return a->port == port && a->security == sec && a->proto == proto &&
	       strcasecmp(a->host, host) == 0;
}

static struct ep_view view_of(const struct diag_input *in, const char *host,
			      int port, enum acct_security sec,
			      enum acct_proto proto)
{
	struct ep_view v = {0};
	for (size_t i = 0; i < in->n_probes; i++) {
		const struct diag_probe *p = &in->probes[i];
		if (!same_ep(p, host, port, sec, proto))
			continue;
		p = diag_seen(in, p);
		if (!v.first)
			v.first = p;
		v.rows++;
		switch (p->outcome) {
		case MD_OUT_OK:
			v.ok++;
			v.v4_ok |= p->family == 4;
			v.v6_ok |= p->family == 6;
			break;
		case MD_OUT_TIMEOUT:
			v.timeout++;
			v.v4_timeout |= p->family == 4;
			v.v6_timeout |= p->family == 6;
			break;
		case MD_OUT_NOT_FOUND:
			v.notfound++;
			break;
		case MD_OUT_DNS_FAILED:
			v.dnsfail++;
			break;
		case MD_OUT_TLS_FAILED:
			v.tlsfail++;
			break;
		default:
			break;
		}
	}
	return v;
}

static enum acct_security probed_sec(enum acct_security s)
{
	return s == ACCT_SEC_TLS     ? ACCT_SEC_TLS
	       : s == ACCT_SEC_PLAIN ? ACCT_SEC_PLAIN
				     : ACCT_SEC_STARTTLS;
}

/* A probe that may stand in for server s of identity email: the same
 * host's other ports, the provider's other hosts, or the identity's own
 * replacement candidates. */
static bool stands_in(const struct diag_probe *p, const char *email)
{
	return p->purpose == DIAG_ALTERNATIVE || p->purpose == DIAG_ALT_HOST ||
	       (p->purpose == DIAG_CANDIDATE && p->for_email && email &&
		strcasecmp(p->for_email, email) == 0);
}

/* A working way to the same service: the same host on another port
 * first, then another host; NULL when none worked. Skips port 25. */
static const struct diag_probe *working_alternative(const struct diag_input *in,
						    const struct acct_server *s,
						    const char *email,
						    int family)
{
	const struct diag_probe *alt_host = NULL;
	for (size_t i = 0; i < in->n_probes; i++) {
		const struct diag_probe *p = &in->probes[i];
		if (p->proto != s->proto || p->port == 25 ||
		    !stands_in(p, email))
			continue;
		p = diag_seen(in, p);
		if (p->outcome != MD_OUT_OK || (family && p->family != family))
			continue;
		if (strcasecmp(p->host, s->host) == 0)
			return p;
		if (!alt_host)
			alt_host = p;
	}
	return alt_host;
}

/* All working alternatives, as fixes: of the identity's outgoing server,
 * or of the account's incoming server s (Thunderbird only: the Outlook
 * hand-over writes outgoing servers). */
static void offer_alternatives(struct diag_ctx *ctx,
			       const struct acct_account *acc,
			       const struct acct_identity *id,
			       const struct acct_server *s, int family)
{
	const struct diag_input *in = ctx->in;
	bool outgoing = s->proto == ACCT_PROTO_SMTP;
	if (!outgoing && (acc->client != ACCT_CLIENT_THUNDERBIRD || !s->key))
		return;
	for (int pass = 0; pass < 2; pass++)
		for (size_t i = 0; i < in->n_probes; i++) {
			const struct diag_probe *p = &in->probes[i];
			bool same_host = strcasecmp(p->host, s->host) == 0;
			if (p->proto != s->proto || p->port == 25 ||
			    (pass == 0) != same_host ||
			    !stands_in(p, id->email))
				continue;
			p = diag_seen(in, p);
			if (p->outcome != MD_OUT_OK ||
			    (family && p->family != family))
				continue;
			/* One fix per endpoint (rows are per address). */
			bool seen = false;
			for (size_t k = 0; k < i && !seen; k++) {
				const struct diag_probe *q = &in->probes[k];
				if (!same_ep(q, p->host, p->port, p->security,
					     p->proto))
					continue;
				q = diag_seen(in, q);
				seen = q->outcome == MD_OUT_OK &&
				       (!family || q->family == family);
			}
			if (seen)
				continue;
			char *fid =
			    diag_fmt(outgoing ? "use-%s-%d" : "incoming-%s-%d",
				     p->host, p->port);
			struct fix f = {
			    .id = fid,
			    .kind =
				outgoing ? FIX_SET_OUTGOING : FIX_SET_INCOMING,
			    /* the same host: this server, another port */
			    .server_key =
				same_host || !outgoing ? s->key : NULL,
			    .client = acc->client,
			    .source = acc->source,
			    .identity_key = id->key,
			    .identity_email = id->email,
			    .server = {.host = (char *)p->host,
				       .port = p->port,
				       .security = p->security,
				       .auth = s->auth == ACCT_AUTH_UNKNOWN
						   ? ACCT_AUTH_PASSWORD
						   : s->auth,
				       .user = s->user},
			    .verified = true};
			if (!fid) {
				ctx->nomem = true;
				return;
			}
			diag_fix(ctx, &f);
			diag_evidence_probe(ctx, p);
			free(fid);
		}
}

bool rules_probe_of(const struct diag_probe *p, const struct acct_server *s)
{
	return same_ep(p, s->host, acct_server_port(s), probed_sec(s->security),
		       s->proto);
}

static void server_evidence(struct diag_ctx *ctx, const struct acct_server *s)
{
	const struct diag_input *in = ctx->in;
	for (size_t i = 0; i < in->n_probes; i++)
		if (rules_probe_of(&in->probes[i], s))
			diag_evidence_probe(ctx, &in->probes[i]);
}

void rules_add_with_rows(struct diag_ctx *ctx, const char *fid,
			 enum finding_severity sev,
			 const struct acct_identity *id,
			 const struct acct_server *s, char *sum, char *exp)
{
	if (sum && exp && diag_add(ctx, fid, sev, id->email, sum, exp))
		server_evidence(ctx, s);
	else
		ctx->nomem = true;
	free(sum);
	free(exp);
}

/* The access network, from the egress PTR, for the explanation. */
static const char *access_name(const struct diag_input *in)
{
	const char *ptr = in->dns ? in->dns->egress_ptr[0] : NULL;
	const struct kb_provider *p =
	    in->kb && ptr ? kb_by_ptr(in->kb, ptr, NULL) : NULL;
	return p ? p->name : NULL;
}

static void egress_evidence(struct diag_ctx *ctx)
{
	const struct diag_dns *d = ctx->in->dns;
	for (int f = 0; d && f < 2; f++)
		if (d->egress[f])
			diag_evidence_textf(
			    ctx, EV_DNS, _("egress IPv%d %s%s%s"), f ? 6 : 4,
			    d->egress[f], d->egress_ptr[f] ? " PTR " : "",
			    d->egress_ptr[f] ? d->egress_ptr[f] : "");
}

static void port25(struct diag_ctx *ctx, const struct acct_account *acc,
		   const struct acct_identity *id, const struct acct_server *s)
{
	const char *isp = access_name(ctx->in);
	char *sum = diag_fmt(_("Port 25 is blocked on this connection, so "
			       "mail to %s cannot go out."),
			     s->host);
	char *exp =
	    isp ? diag_fmt(_("Internet providers block port 25 towards other "
			     "providers' "
			     "servers (\"Outbound Port 25 Blocking\") to stop "
			     "spam; this "
			     "connection is %s. Mail programs should send on "
			     "port 587 "
			     "(STARTTLS) or 465 (SSL/TLS) with a password "
			     "instead; the "
			     "check tried them."),
			   isp)
		: diag_fmt("%s",
			   _("Internet providers block port 25 towards other "
			     "providers' "
			     "servers (\"Outbound Port 25 Blocking\") to stop "
			     "spam. Mail "
			     "programs should send on port 587 (STARTTLS) or "
			     "465 (SSL/TLS) "
			     "with a password instead; the check tried them."));
	if (sum && exp &&
	    diag_add(ctx, "port25-blocked", SEV_BLOCKER, id->email, sum, exp)) {
		server_evidence(ctx, s);
		egress_evidence(ctx);
		offer_alternatives(ctx, acc, id, s, 0);
	} else {
		ctx->nomem = true;
	}
	free(sum);
	free(exp);
}

static void on_path(struct diag_ctx *ctx, const struct acct_account *acc,
		    const struct acct_identity *id, const struct acct_server *s,
		    const struct ep_view *v, bool outgoing)
{
	int failing = v->v4_timeout && !v->v4_ok ? 4 : 6;
	const struct diag_probe *alt =
	    working_alternative(ctx->in, s, id->email, failing);
	const char *egress =
	    ctx->in->dns ? ctx->in->dns->egress[failing == 6] : NULL;
	char *sum = diag_fmt(_("%s does not answer on port %d over IPv%d from "
			       "this connection."),
			     s->host, acct_server_port(s), failing);
	char *exp =
	    alt ? diag_fmt(_("From this computer (seen as %s) the server %s "
			     "gets no answer "
			     "on port %d over IPv%d: something on the way "
			     "filters it. "
			     "Another way works: %s on port %d."),
			   egress ? egress : _("an unknown address"), s->host,
			   acct_server_port(s), failing, alt->host, alt->port)
		: diag_fmt(_("From this computer (seen as %s) the server %s "
			     "gets no answer "
			     "on port %d over IPv%d: something on the way "
			     "filters it."),
			   egress ? egress : _("an unknown address"), s->host,
			   acct_server_port(s), failing);
	enum finding_severity sev = v->ok ? SEV_WARNING : SEV_BLOCKER;
	if (sum && exp &&
	    diag_add(ctx, "port-blocked-on-path", sev, id->email, sum, exp)) {
		server_evidence(ctx, s);
		egress_evidence(ctx);
		if (alt)
			diag_evidence_textf(ctx, EV_TEXT,
					    _("works: %s port %d (%s)"),
					    alt->host, alt->port,
					    acct_security_word(alt->security));
		offer_alternatives(ctx, acc, id, s, failing);
	} else {
		ctx->nomem = true;
	}
	free(sum);
	free(exp);
}

/* A blocker about server s's name: the finding (summary and explanation
 * formats take the host) with the setting that names it as evidence. */
static void name_finding(struct diag_ctx *ctx, const struct acct_identity *id,
			 const struct acct_server *s, const char *fid,
			 const char *sum_fmt, const char *exp_fmt)
{
	char *sum = diag_fmt(sum_fmt, s->host);
	char *exp = diag_fmt(exp_fmt, s->host);
	if (sum && exp &&
	    diag_add(ctx, fid, SEV_BLOCKER, id->email, sum, exp)) {
		char *t = diag_fmt("%s: %s", s->key ? s->key : "", s->host);
		if (t)
			diag_evidence_config(ctx, ctx->in->accounts,
					     s->src_host, t);
		free(t);
	} else {
		ctx->nomem = true;
	}
	free(sum);
	free(exp);
}

static void not_found(struct diag_ctx *ctx, const struct acct_identity *id,
		      const struct acct_server *s)
{
	name_finding(ctx, id, s, "host-not-found",
		     _("The server name %s does not exist."),
		     _("The name %s is not in DNS: it may be mistyped, or the "
		       "provider has retired it. Check the name in the "
		       "provider's current instructions."));
}

/* The name server did not answer for this one name (others resolved):
 * nothing is known about the name, so nothing is said about it. */
static void lookup_failed(struct diag_ctx *ctx, const struct acct_identity *id,
			  const struct acct_server *s)
{
	name_finding(
	    ctx, id, s, "host-lookup-failed",
	    _("The server name %s could not be looked up."),
	    _("The name service (DNS) gave no answer for %s, though it "
	      "answered for other names. The name may be right: the "
	      "provider's name service may be down for a while. Try "
	      "again later; if it stays, ask the provider."));
}

static const char *tls_words(const char *problem)
{
	if (!problem)
		return _("the encrypted connection failed");
	if (strcmp(problem, "expired") == 0)
		return _("its certificate has expired");
	if (strcmp(problem, "wrong-name") == 0)
		return _("its certificate is made out for another name");
	if (strcmp(problem, "self-signed") == 0)
		return _("its certificate is signed by itself, not by a known "
			 "authority");
	if (strcmp(problem, "unknown-issuer") == 0)
		return _("its certificate comes from an unknown authority");
	return _("the encrypted connection failed");
}

static void tls_problem(struct diag_ctx *ctx, const struct acct_identity *id,
			const struct acct_server *s, const struct ep_view *v)
{
	const char *problem = NULL, *words = NULL;
	for (size_t i = 0; i < ctx->in->n_probes && !problem; i++) {
		const struct diag_probe *p = &ctx->in->probes[i];
		if (!same_ep(p, s->host, acct_server_port(s),
			     probed_sec(s->security), s->proto))
			continue;
		p = diag_seen(ctx->in, p);
		if (p->outcome == MD_OUT_TLS_FAILED) {
			problem = p->tls_problem;
			words = p->tls_words;
		}
	}
	(void)v;
	/* The probe's own sentence names the date, names or version. */
	if (!words)
		words = tls_words(problem);
	char *sum = diag_fmt(_("%s cannot be trusted: %s."), s->host, words);
	char *exp = diag_fmt(
	    _("The mail program refuses (or should refuse) to send the "
	      "password to %s, because %s. If the name is wrong, use the "
	      "name the provider gives; otherwise the server's "
	      "administrator must renew or fix the certificate. Do not "
	      "accept the certificate anyway: someone could be listening."),
	    s->host, words);
	rules_add_with_rows(ctx, "tls-certificate-problem", SEV_PROBLEM, id, s,
			    sum, exp);
}

static void no_auth(struct diag_ctx *ctx, const struct acct_account *acc,
		    const struct acct_identity *id, const struct acct_server *s)
{
	char *sum = diag_fmt(_("%s does not offer a login on port %d, so it "
			       "will not take your mail for other domains."),
			     s->host, acct_server_port(s));
	char *exp = diag_fmt(
	    _("The mail program is set to log in, but %s offers no login "
	      "(AUTH) on port %d. Mail programs send on the submission "
	      "port (587 or 465), where the provider asks for the "
	      "password."),
	    s->host, acct_server_port(s));
	rules_add_with_rows(ctx, "auth-not-offered", SEV_PROBLEM, id, s, sum,
			    exp);
	if (!ctx->nomem)
		offer_alternatives(ctx, acc, id, s, 0);
}

/* The person's own login was refused. */
static void auth_failed(struct diag_ctx *ctx, const struct acct_identity *id,
			const struct acct_server *s)
{
	char *sum =
	    diag_fmt(_("%s refused the user name or password."), s->host);
	char *exp = diag_fmt(
	    _("The server %s answered the login with an error. Check the "
	      "user name (%s) and the password; some providers want the "
	      "whole address as the user name, or a separate password for "
	      "mail programs."),
	    s->host, s->user ? s->user : "-");
	rules_add_with_rows(ctx, "auth-failed", SEV_BLOCKER, id, s, sum, exp);
}

/* The dry run's MAIL FROM or RCPT TO was refused: the server will not
 * take this sender's mail. */
static void sender_refused(struct diag_ctx *ctx, const struct acct_identity *id,
			   const struct acct_server *s, const char *reply)
{
	char *sum = diag_fmt(_("%s refuses mail from %s."), s->host, id->email);
	char *exp = diag_fmt(
	    _("After a successful login, %s refused %s as the sender (it "
	      "answered \"%s\"); no message was sent. Mail from this "
	      "address through this server is not delivered. Use the "
	      "outgoing server of your address's own provider."),
	    s->host, id->email, reply ? reply : "");
	rules_add_with_rows(ctx, "sender-domain-rejected", SEV_BLOCKER, id, s,
			    sum, exp);
}

/* The login and dry run on the configured outgoing server. */
static bool judge_login(struct diag_ctx *ctx, const struct acct_identity *id,
			const struct acct_server *s)
{
	for (size_t i = 0; i < ctx->in->n_probes; i++) {
		const struct diag_probe *p = &ctx->in->probes[i];
		if (!same_ep(p, s->host, acct_server_port(s),
			     probed_sec(s->security), s->proto))
			continue;
		p = diag_seen(ctx->in, p);
		if (p->outcome == MD_OUT_AUTH_FAILED) {
			auth_failed(ctx, id, s);
			return true;
		}
		if (p->outcome == MD_OUT_REJECTED) {
			sender_refused(ctx, id, s, p->reply);
			return true;
		}
	}
	return false;
}

/* One configured server of identity id (outgoing or incoming). */
static void judge_server(struct diag_ctx *ctx, const struct acct_account *acc,
			 const struct acct_identity *id,
			 const struct acct_server *s, bool outgoing)
{
	if (!s->host)
		return;
	struct ep_view v = view_of(ctx->in, s->host, acct_server_port(s),
				   probed_sec(s->security), s->proto);
	if (!v.first)
		return;
	if (v.notfound == v.rows) {
		not_found(ctx, id, s);
		return;
	}
	if (v.dnsfail > 0 && v.dnsfail + v.notfound == v.rows) {
		lookup_failed(ctx, id, s);
		return;
	}
	/* Port 25 that nothing answers: Outbound Port 25 Blocking. */
	if (outgoing && acct_server_port(s) == 25 && v.ok == 0 &&
	    v.timeout > 0) {
		port25(ctx, acc, id, s);
		return;
	}
	if (v.timeout > 0) {
		on_path(ctx, acc, id, s, &v, outgoing);
		return;
	}
	if (rules_intercepted(ctx, id, s))
		return;
	if (v.tlsfail > 0 && v.ok == 0) {
		tls_problem(ctx, id, s, &v);
		return;
	}
	if (outgoing && judge_login(ctx, id, s))
		return;
	if (outgoing && v.ok > 0 && s->auth != ACCT_AUTH_NONE) {
		bool auth = false;
		for (size_t i = 0; i < ctx->in->n_probes; i++) {
			const struct diag_probe *p = &ctx->in->probes[i];
			if (!same_ep(p, s->host, acct_server_port(s),
				     probed_sec(s->security), s->proto))
				continue;
			p = diag_seen(ctx->in, p);
			if (p->outcome == MD_OUT_OK)
				auth |= p->auth_offered;
		}
		if (!auth)
			no_auth(ctx, acc, id, s);
	}
}

static bool no_network(struct diag_ctx *ctx, const char *evidence)
{
	if (!diag_add(ctx, "no-network", SEV_BLOCKER, NULL,
		      _("This computer does not reach the Internet: no server "
			"and no name service answered."),
		      _("Check the cable or the Wi-Fi, and that the router is "
			"on. Nothing in the mail settings can be judged before "
			"that works.")))
		ctx->nomem = true;
	else if (evidence)
		diag_evidence_text(ctx, EV_TEXT, evidence);
	return true;
}

/* Nothing answered at all, DNS included: no network when this computer
 * has no route to its name server (cable out, Wi-Fi off), else DNS. */
static bool nothing_works(struct diag_ctx *ctx)
{
	const struct diag_input *in = ctx->in;
	if (in->n_probes == 0)
		return false;
	/* One finished probe that worked says it at once: the others,
	 * pending or not, cannot change that. */
	for (size_t i = 0; i < in->n_probes; i++)
		if (!in->probes[i].pending &&
		    in->probes[i].outcome == MD_OUT_OK)
			return false;
	size_t dns_bad = 0;
	for (size_t i = 0; i < in->n_probes; i++) {
		const struct diag_probe *p = diag_seen(in, &in->probes[i]);
		if (p->outcome == MD_OUT_OK)
			return false;
		dns_bad += p->outcome == MD_OUT_DNS_FAILED ||
			   p->outcome == MD_OUT_NOT_FOUND;
	}
	bool dns_dead = !in->dns || !in->dns->any_answer;
	if (dns_dead && in->dns && in->dns->no_route)
		return no_network(ctx, "no route to the name server");
	if (dns_dead && dns_bad == in->n_probes) {
		if (!diag_add(ctx, "dns-failure", SEV_BLOCKER, NULL,
			      _("No server name can be looked up: the name "
				"service (DNS) does not answer."),
			      _("Every name maildoctor asked for went "
				"unanswered. The connection may be down, or "
				"the DNS server set on this computer (or the "
				"router) does not work.")))
			ctx->nomem = true;
		return true;
	}
	if (dns_dead)
		return no_network(ctx, NULL);
	return false;
}

void rules_reach(struct diag_ctx *ctx)
{
	const struct diag_input *in = ctx->in;
	const struct acct_set *set = in->accounts;
	if (in->offline || !set || nothing_works(ctx))
		return;
	for (size_t a = 0; a < set->n_accounts; a++) {
		const struct acct_account *acc = &set->accounts[a];
		bool any = false;
		for (size_t j = 0; j < acc->n_identities; j++) {
			const struct acct_identity *id = &acc->identities[j];
			if (!diag_wanted(in, id))
				continue;
			any = true;
			if (id->outgoing >= 0)
				judge_server(ctx, acc, id,
					     &set->outgoing[id->outgoing],
					     true);
		}
		if (any && acc->incoming >= 0)
			judge_server(ctx, acc, &acc->identities[0],
				     &set->incoming[acc->incoming], false);
	}
}
