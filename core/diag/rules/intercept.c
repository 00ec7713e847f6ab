/* intercept.c — tls-intercepted: the certificate seen on a configured
 * server was made by a security product on this computer (an antivirus
 * "mail shield" re-signing encrypted mail with its own root, named in
 * assets/interceptors.conf), not by the server. When the probe refused
 * that certificate the mail program does too; when this computer trusts
 * it, the mail program may still not (Thunderbird keeps its own list of
 * authorities), and an update of either side is a known cause of "cannot
 * send any more". The advice is where to switch the scanning off. */
#include "core/diag/rules/rules.h"

#include "core/base/i18n.h"
#include "core/kb/kb.h"

/* What the probes of one server saw of a security product. */
struct seen_product {
	const struct kb_interceptor *ic;
	const char *issuer;
	bool refused; /* a probe refused the product's certificate */
	bool trusted; /* a probe went through with it */
};

static struct seen_product seen_of(const struct diag_input *in,
				   const struct acct_server *s)
{
	struct seen_product v = {0};
	for (size_t i = 0; in->kb && i < in->n_probes; i++) {
		const struct diag_probe *p = &in->probes[i];
		if (!rules_probe_of(p, s))
			continue;
		p = diag_seen(in, p);
		const struct kb_interceptor *ic =
		    kb_interceptor_for(in->kb, p->tls_issuer);
		if (!ic)
			continue;
		if (!v.ic) {
			v.ic = ic;
			v.issuer = p->tls_issuer;
		}
		v.refused |= p->outcome == MD_OUT_TLS_FAILED;
		v.trusted |= p->outcome == MD_OUT_OK;
	}
	return v;
}

static void add_refused(struct diag_ctx *ctx, const struct acct_identity *id,
			const struct acct_server *s,
			const struct seen_product *v)
{
	char *sum = diag_fmt(_("%s on this computer intercepts the encrypted "
			       "connection to %s, and its certificate is not "
			       "trusted."),
			     v->ic->product, s->host);
	char *exp = diag_fmt(
	    _("The certificate seen on port %d of %s was not made by the "
	      "server but by %s (issuer \"%s\"), which opens and scans "
	      "encrypted mail on this computer. The mail program does not "
	      "trust that certificate, so it will not send or fetch mail "
	      "there: a common cause of \"cannot send after an update\". %s "
	      "Then check again. Do not accept the certificate in the mail "
	      "program instead."),
	    acct_server_port(s), s->host, v->ic->product, v->issuer,
	    kb_interceptor_advice(v->ic));
	rules_add_with_rows(ctx, "tls-intercepted", SEV_PROBLEM, id, s, sum,
			    exp);
}

static void add_trusted(struct diag_ctx *ctx, const struct acct_identity *id,
			const struct acct_server *s,
			const struct seen_product *v)
{
	char *sum = diag_fmt(_("%s on this computer scans the encrypted "
			       "connection to %s."),
			     v->ic->product, s->host);
	char *exp = diag_fmt(
	    _("The certificate seen on port %d of %s was made by %s (issuer "
	      "\"%s\"), not by the server: it opens and re-signs encrypted "
	      "mail on this computer. This computer trusts that certificate, "
	      "but the mail program may not (Thunderbird keeps its own list "
	      "of authorities), and an update of either can stop the mail. If "
	      "sending or fetching fails with a certificate warning: %s"),
	    acct_server_port(s), s->host, v->ic->product, v->issuer,
	    kb_interceptor_advice(v->ic));
	rules_add_with_rows(ctx, "tls-intercepted", SEV_WARNING, id, s, sum,
			    exp);
}

bool rules_intercepted(struct diag_ctx *ctx, const struct acct_identity *id,
		       const struct acct_server *s)
{
	struct seen_product v = seen_of(ctx->in, s);
	if (!v.ic)
		return false;
	if (v.refused && !v.trusted) {
		add_refused(ctx, id, s, &v);
		return true;
	}
	add_trusted(ctx, id, s, &v);
	return false;
}
