/* kb_settings.c — a provider's servers made concrete for one address
 * (ISPDB placeholders expanded), its alternates for one server, and the
 * texts that facts name. */
#include "core/kb/kb_private.h"

#include "core/base/i18n.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

const char *kb_msg(const char *id)
{
	for (size_t i = 0; id && kb_msgs[i].id; i++)
		if (strcmp(kb_msgs[i].id, id) == 0)
			return kb_msgs[i].text;
	return NULL;
}

const char *kb_fact_text(const struct kb_fact *fact)
{
	return fact ? kb_msg(fact->text_id) : NULL;
}

/* Writes the expansion of tmpl into out (when not NULL); returns its
 * length. */
static size_t expand_into(const char *tmpl, const char *email, char *out)
{
	static const struct {
		const char *name;
		size_t len;
	} ph[] = {
	    {"%EMAILADDRESS%", 14},
	    {"%EMAILLOCALPART%", 16},
	    {"%EMAILDOMAIN%", 13},
	};
	const char *at = email ? strrchr(email, '@') : NULL;
	const char *vals[3] = {email ? email : "", email ? email : "",
			       at ? at + 1 : ""};
	size_t lens[3] = {strlen(vals[0]), at ? (size_t)(at - email) : 0,
			  strlen(vals[2])};
	size_t o = 0;
	for (const char *p = tmpl; *p;) {
		int which = -1;
		for (int i = 0; i < 3; i++)
			if (strncmp(p, ph[i].name, ph[i].len) == 0)
				which = i;
		if (which < 0) {
			if (out)
				out[o] = *p;
			o++;
			p++;
			continue;
		}
		for (size_t i = 0; i < lens[which]; i++) {
			char c = vals[which][i];
			if (which == 2 && c >= 'A' && c <= 'Z')
				c = (char)(c - 'A' + 'a');
			if (out)
				out[o] = c;
			o++;
		}
		p += ph[which].len;
	}
	return o;
}

char *kb_expand(const char *tmpl, const char *email)
{
	if (!tmpl)
		return NULL;
	size_t len = expand_into(tmpl, email, NULL);
	char *out = malloc(len + 1);
	if (!out)
		return NULL;
	expand_into(tmpl, email, out);
	out[len] = '\0';
	return out;
}

static void endpoint_done(struct kb_endpoint *e)
{
	free(e->host);
	free(e->user);
}

void kb_settings_free(struct kb_settings *s)
{
	if (!s)
		return;
	for (size_t i = 0; i < s->n_incoming; i++)
		endpoint_done(&s->incoming[i]);
	for (size_t i = 0; i < s->n_outgoing; i++)
		endpoint_done(&s->outgoing[i]);
	free(s->incoming);
	free(s->outgoing);
	free(s->provider_id);
	free(s->source);
	free(s);
}

/* Expand the usable servers of v[] into a new array. */
static bool expand_list(const struct kb_server *v, size_t n, const char *email,
			struct kb_endpoint **out, size_t *n_out)
{
	*out = NULL;
	*n_out = 0;
	if (!n)
		return true;
	struct kb_endpoint *e = calloc(n, sizeof *e);
	if (!e)
		return false;
	*out = e;
	for (size_t i = 0; i < n; i++) {
		const struct kb_server *s = &v[i];
		if (!s->host)
			continue;
		struct kb_endpoint *x = &e[*n_out];
		x->host = kb_expand(s->host, email);
		x->user = s->username ? kb_expand(s->username, email) : NULL;
		(*n_out)++;
		if (!x->host || (s->username && !x->user))
			return false;
		x->proto = s->proto;
		x->port = s->port;
		x->security = s->security;
		x->auth = s->auth;
		x->ispdb = s->ispdb;
		x->fact = s->fact;
	}
	return true;
}

enum md_status kb_settings_for(const struct kb_provider *p, const char *email,
			       const char *source, struct kb_settings **out,
			       struct md_err *err)
{
	if (!p || !email || !strchr(email, '@'))
		return md_err_set(err, MD_ERR_USAGE, NULL, 0, "%s",
				  _("not an email address"));
	struct kb_settings *s = calloc(1, sizeof *s);
	if (!s)
		return md_err_set(err, MD_ERR_NOMEM, NULL, 0, "%s",
				  _("out of memory"));
	s->provider_id = strdup(p->id);
	if (source) {
		s->source = strdup(source);
	} else if (s->provider_id) {
		size_t len = strlen(p->id) + 4;
		s->source = malloc(len);
		if (s->source)
			snprintf(s->source, len, "kb:%s", p->id);
	}
	bool ok = s->provider_id && s->source &&
		  expand_list(p->incoming, p->n_incoming, email, &s->incoming,
			      &s->n_incoming) &&
		  expand_list(p->outgoing, p->n_outgoing, email, &s->outgoing,
			      &s->n_outgoing);
	if (!ok) {
		kb_settings_free(s);
		return md_err_set(err, MD_ERR_NOMEM, NULL, 0, "%s",
				  _("out of memory"));
	}
	*out = s;
	return MD_OK;
}

size_t kb_alternates(const struct kb_provider *p, enum acct_proto proto,
		     const char *host, int port,
		     const struct kb_alternate **out, size_t max)
{
	size_t n = 0;
	for (size_t i = 0; p && host && i < p->n_alternates; i++) {
		const struct kb_alternate *a = &p->alternates[i];
		if (a->server.proto != proto ||
		    strcasecmp(a->for_host, host) != 0)
			continue;
		if (port && a->for_port && a->for_port != port)
			continue;
		if (out && n < max)
			out[n] = a;
		n++;
	}
	return n;
}
