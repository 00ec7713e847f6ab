/* rejections_match.c — the loaded rejection knowledge (rejections.h) put
 * to use: a reply matched against the rules in order, the MTA that wrote a
 * bounce, where its quoted part starts and ends, and a rule's template
 * filled from the match. */
#include "core/kb/rejections_private.h"

#include "core/base/xbuf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Does code equal prefix or continue it after a dot ("5.7" ~ "5.7.1")? */
static bool code_prefix(const char *code, const char *prefix)
{
	size_t n = strlen(prefix);
	if (n == 0)
		return true;
	return strncmp(code, prefix, n) == 0 &&
	       (code[n] == '\0' || code[n] == '.' || prefix[n - 1] == '.' ||
		(n && code[n] >= '0' && code[n] <= '9' &&
		 !strchr(prefix, '.')));
}

static bool any_prefix(const struct strv *sv, const char *v)
{
	if (!sv->n)
		return true;
	if (!v || !*v)
		return false;
	for (size_t i = 0; i < sv->n; i++)
		if (code_prefix(v, sv->v[i]))
			return true;
	return false;
}

/* Is v one of the list (or the list empty)? "none" in the list stands for
 * a value that is not known (NULL or ""). */
static bool any_exact(const struct strv *sv, const char *v)
{
	if (!sv->n)
		return true;
	for (size_t i = 0; i < sv->n; i++) {
		if (!v || !*v) {
			if (strcmp(sv->v[i], "none") == 0)
				return true;
		} else if (strcasecmp(v, sv->v[i]) == 0) {
			return true;
		}
	}
	return false;
}

/* Index of the first pattern matching s into md, or -1. */
static int first_match(const struct patv *pv, const char *s,
		       pcre2_match_data *md)
{
	for (size_t i = 0; s && i < pv->n; i++)
		if (pcre2_match(pv->v[i], (PCRE2_SPTR)s, PCRE2_ZERO_TERMINATED,
				0, 0, md, NULL) >= 0)
			return (int)i;
	return -1;
}

static void copy_group(pcre2_code *c, pcre2_match_data *md, const char *name,
		       char *out, size_t n)
{
	PCRE2_SIZE len = n;
	if (pcre2_substring_copy_byname(md, (PCRE2_SPTR)name,
					(PCRE2_UCHAR *)out, &len) < 0)
		out[0] = '\0';
	(void)c;
}

bool rej_kb_match(const struct rej_kb *kb, const struct rej_query *q,
		  struct rej_match *m)
{
	memset(m, 0, sizeof *m);
	if (!kb)
		return false;
	pcre2_match_data *md = pcre2_match_data_create(16, NULL);
	if (!md)
		return false;
	/* a service's rules share one remote-host pattern: its answer for
	 * this query is kept */
	const pcre2_code *rh_code = NULL;
	bool rh_ok = false;
	for (size_t i = 0; i < kb->n_rules; i++) {
		const struct rej_rule *r = &kb->rules[i];
		const struct rule_impl *im = r->impl;
		if (!any_prefix(&im->status, q->status) ||
		    !any_prefix(&im->reply, q->reply) ||
		    !any_exact(&im->command, q->command) ||
		    !any_exact(&im->mta, q->mta))
			continue;
		if (im->rhost.n == 1 && im->rhost.v[0] == rh_code) {
			if (!rh_ok)
				continue;
		} else if (im->rhost.n) {
			bool ok = first_match(&im->rhost, q->rhost, md) >= 0;
			if (im->rhost.n == 1) {
				rh_code = im->rhost.v[0];
				rh_ok = ok;
			}
			if (!ok)
				continue;
		}
		if (im->not .n && first_match(&im->not, q->text, md) >= 0)
			continue;
		int t = -1;
		if (im->text.n && (t = first_match(&im->text, q->text, md)) < 0)
			continue;
		m->rule = r;
		if (t >= 0) {
			pcre2_code *c = im->text.v[t];
			copy_group(c, md, "ip", m->ip, sizeof m->ip);
			copy_group(c, md, "host", m->host, sizeof m->host);
			copy_group(c, md, "url", m->url, sizeof m->url);
			copy_group(c, md, "domain", m->domain,
				   sizeof m->domain);
		}
		break;
	}
	pcre2_match_data_free(md);
	return m->rule != NULL;
}

const char *rej_kb_detect_mta(const struct rej_kb *kb, const char *headers,
			      const char *body)
{
	if (!kb)
		return NULL;
	pcre2_match_data *md = pcre2_match_data_create(4, NULL);
	if (!md)
		return NULL;
	const char *found = NULL;
	for (size_t i = 0; i < kb->n_mtas && !found; i++) {
		const struct mta_sig *m = &kb->mtas[i];
		if (first_match(&m->headers, headers, md) >= 0 ||
		    first_match(&m->body, body, md) >= 0)
			found = m->id;
	}
	pcre2_match_data_free(md);
	return found;
}

bool rej_kb_mta_is(const struct rej_kb *kb, const char *id, const char *headers,
		   const char *body)
{
	if (!kb)
		return false;
	pcre2_match_data *md = pcre2_match_data_create(4, NULL);
	if (!md)
		return false;
	bool yes = false;
	for (size_t i = 0; i < kb->n_mtas && !yes; i++) {
		const struct mta_sig *m = &kb->mtas[i];
		if (strcmp(m->id, id) == 0)
			yes = first_match(&m->headers, headers, md) >= 0 ||
			      first_match(&m->body, body, md) >= 0;
	}
	pcre2_match_data_free(md);
	return yes;
}

size_t rej_kb_cut(const struct rej_kb *kb, const char *body, size_t len)
{
	if (!kb || !body)
		return len;
	pcre2_match_data *md = pcre2_match_data_create(4, NULL);
	if (!md)
		return len;
	size_t best = len;
	for (size_t i = 0; i < kb->cut.n; i++) {
		if (pcre2_match(kb->cut.v[i], (PCRE2_SPTR)body, len, 0,
				PCRE2_NOTEMPTY, md, NULL) < 0)
			continue;
		PCRE2_SIZE *ov = pcre2_get_ovector_pointer(md);
		if (ov[0] < best)
			best = ov[0];
	}
	pcre2_match_data_free(md);
	return best;
}

size_t rej_kb_lead(const struct rej_kb *kb, const char *body, size_t len)
{
	if (!kb || !body || !kb->lead.n)
		return 0;
	pcre2_match_data *md = pcre2_match_data_create(4, NULL);
	if (!md)
		return 0;
	size_t best = len, after = 0;
	for (size_t i = 0; i < kb->lead.n; i++) {
		if (pcre2_match(kb->lead.v[i], (PCRE2_SPTR)body, len, 0,
				PCRE2_NOTEMPTY, md, NULL) < 0)
			continue;
		PCRE2_SIZE *ov = pcre2_get_ovector_pointer(md);
		if (ov[0] < best) {
			best = ov[0];
			after = ov[1];
		}
	}
	pcre2_match_data_free(md);
	return after;
}

static const char *var_value(const char *name, size_t n,
			     const struct rej_match *m,
			     const struct rej_vars *v)
{
#define IS(lit) (n == sizeof lit - 1 && memcmp(name, lit, n) == 0)
	const char *s = NULL;
	if (IS("ip"))
		s = m && m->ip[0] ? m->ip : (v ? v->ip_fallback : NULL);
	else if (IS("host"))
		s = m && m->host[0] ? m->host : (v ? v->rhost : NULL);
	else if (IS("url"))
		s = m && m->url[0] ? m->url : NULL;
	else if (IS("domain")) {
		s = m && m->domain[0] ? m->domain : NULL;
		if (!s && v && v->address && strchr(v->address, '@'))
			s = strchr(v->address, '@') + 1;
	} else if (IS("address"))
		s = v ? v->address : NULL;
	else if (IS("status"))
		s = v ? v->status : NULL;
	else if (IS("reply"))
		s = v ? v->reply : NULL;
#undef IS
	return s && *s ? s : NULL;
}

char *rej_fill(const char *tmpl, const struct rej_match *m,
	       const struct rej_vars *vars)
{
	struct xbuf b = {0};
	xbuf_add(&b, "", 0);
	for (const char *p = tmpl ? tmpl : ""; *p;) {
		const char *open = strchr(p, '{');
		const char *close = open ? strchr(open, '}') : NULL;
		if (!open || !close) {
			xbuf_add(&b, p, strlen(p));
			break;
		}
		xbuf_add(&b, p, (size_t)(open - p));
		/* {name|words}: the words stand in when name has no value */
		const char *bar = memchr(open + 1, '|', (size_t)(close - open));
		const char *end = bar ? bar : close;
		const char *v =
		    var_value(open + 1, (size_t)(end - open - 1), m, vars);
		if (v)
			xbuf_add(&b, v, strlen(v));
		else if (bar)
			xbuf_add(&b, bar + 1, (size_t)(close - bar - 1));
		else
			xbuf_add(&b, "?", 1);
		p = close + 1;
	}
	if (b.oom) {
		free(b.p);
		return NULL;
	}
	return b.p;
}
