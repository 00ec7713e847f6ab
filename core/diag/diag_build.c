/* diag_build.c — how the rules write findings: a finding, its evidence
 * lines and fixes (all copied into the list), the look-ups a rule needs
 * while writing (a finding already made, the identities to judge, a
 * probe's results) and a printf into a new string. */
#include "core/diag/diag_build.h"

#include "core/base/i18n.h"
#include "core/kb/kb.h"
#include "core/base/names.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

char *diag_fmt(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *s = NULL;
	if (vasprintf(&s, fmt, ap) < 0)
		s = NULL;
	va_end(ap);
	return s;
}

struct finding *diag_find(struct diag_ctx *ctx, const char *id,
			  const char *identity)
{
	for (size_t i = 0; i < ctx->out->n; i++) {
		struct finding *f = &ctx->out->items[i];
		if (strcmp(f->id, id) == 0 &&
		    (!identity ||
		     (f->identity && strcasecmp(f->identity, identity) == 0)))
			return f;
	}
	return NULL;
}

const struct diag_probe *diag_seen(const struct diag_input *in,
				   const struct diag_probe *p)
{
	if (p->pending && in->waits)
		*in->waits = true;
	return p;
}

bool diag_wanted(const struct diag_input *in, const struct acct_identity *id)
{
	return name_wanted(in->identities, in->n_identities, id->email);
}

struct finding *diag_add(struct diag_ctx *ctx, const char *id,
			 enum finding_severity sev, const char *identity,
			 const char *summary, const char *explanation)
{
	struct finding_list *l = ctx->out;
	struct finding *items = realloc(l->items, (l->n + 1) * sizeof *items);
	if (!items) {
		ctx->nomem = true;
		return NULL;
	}
	l->items = items;
	struct finding *f = &items[l->n];
	memset(f, 0, sizeof *f);
	f->id = id;
	f->severity = sev;
	f->identity = acct_strdup(identity);
	f->summary = acct_strdup(summary);
	f->explanation = acct_strdup(explanation);
	if ((identity && !f->identity) || !f->summary ||
	    (explanation && !f->explanation)) {
		free(f->identity);
		free(f->summary);
		free(f->explanation);
		ctx->nomem = true;
		return NULL;
	}
	l->n++;
	return f;
}

static struct finding *last(struct diag_ctx *ctx)
{
	return ctx->out->n ? &ctx->out->items[ctx->out->n - 1] : NULL;
}

static struct evidence *new_evidence(struct diag_ctx *ctx, const char *text)
{
	struct finding *f = last(ctx);
	if (!f || !text)
		return NULL;
	struct evidence *e =
	    realloc(f->evidence, (f->n_evidence + 1) * sizeof *e);
	if (!e) {
		ctx->nomem = true;
		return NULL;
	}
	f->evidence = e;
	e = &e[f->n_evidence];
	memset(e, 0, sizeof *e);
	e->row = -1;
	e->text = acct_strdup(text);
	if (!e->text) {
		ctx->nomem = true;
		return NULL;
	}
	f->n_evidence++;
	return e;
}

void diag_evidence_config(struct diag_ctx *ctx, const struct acct_set *set,
			  struct acct_src src, const char *text)
{
	struct evidence *e = new_evidence(ctx, text);
	if (!e)
		return;
	e->kind = EV_CONFIG;
	if (src.file >= 0 && (size_t)src.file < set->n_files) {
		e->file = acct_strdup(set->files[src.file]);
		e->line = src.line;
	}
}

void diag_evidence_probe(struct diag_ctx *ctx, const struct diag_probe *p)
{
	p = diag_seen(ctx->in, p);
	/* what the server said is quoted: its words stay as said */
	char said[600] = "";
	if (p->reply)
		snprintf(said, sizeof said, _(": the server said \"%s\""),
			 p->reply);
	char *text =
	    diag_fmt(_("%s [%s] port %d %s: %s%s%s%s%s%s"), p->host,
		     p->address ? p->address : "-", p->port,
		     acct_security_word(p->security),
		     p->outcome == MD_OUT_OK ? _("works") : _("failed"), said,
		     p->tls_problem ? _("; encryption: ") : "",
		     p->tls_problem ? p->tls_problem : "",
		     p->auth ? _("; login: ") : "", p->auth ? p->auth : "");
	if (!text) {
		ctx->nomem = true;
		return;
	}
	struct evidence *e = new_evidence(ctx, text);
	free(text);
	if (e) {
		e->kind = EV_PROBE;
		e->row = (int)p->row;
	}
}

void diag_evidence_text(struct diag_ctx *ctx, enum evidence_kind kind,
			const char *text)
{
	struct evidence *e = new_evidence(ctx, text);
	if (e)
		e->kind = kind;
}

void diag_evidence_textf(struct diag_ctx *ctx, enum evidence_kind kind,
			 const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *t = NULL;
	if (vasprintf(&t, fmt, ap) < 0)
		t = NULL;
	va_end(ap);
	if (t)
		diag_evidence_text(ctx, kind, t);
	free(t);
}

void diag_evidence_fact(struct diag_ctx *ctx, const struct kb_fact *fact)
{
	for (size_t i = 0; fact && i < fact->n_sources; i++) {
		const struct kb_source *s = &fact->sources[i];
		/* the source's own words (in English) stay as they are,
		 * quoted after a label in the person's language */
		const char *note = s->note ? s->note : "";
		const char *sp = s->url ? " " : "", *url = s->url ? s->url : "";
		char *t =
		    fact->checked
			? diag_fmt(_("Source: \"%s%s%s\" (checked %s)"), note,
				   sp, url, fact->checked)
			: diag_fmt(_("Source: \"%s%s%s\""), note, sp, url);
		if (t)
			diag_evidence_text(ctx, EV_TEXT, t);
		else
			ctx->nomem = true;
		free(t);
	}
}

void diag_fix(struct diag_ctx *ctx, const struct fix *fix)
{
	struct finding *f = last(ctx);
	if (!f)
		return;
	struct fix *copy = fix_copy(fix);
	if (copy && ctx->in->insecure) {
		/* Nothing seen under --insecure proves a fix. */
		copy->verified = false;
		copy->insecure = true;
	}
	struct fix **v =
	    copy ? realloc(f->fixes, (f->n_fixes + 1) * sizeof *v) : NULL;
	if (!v) {
		fix_free(copy);
		ctx->nomem = true;
		return;
	}
	f->fixes = v;
	v[f->n_fixes++] = copy;
}
