/* kb.c — the store of providers (the arena they live in, one provider per
 * id) and the look-ups by domain, host, PTR and relay. The files are read
 * into it by kb_load.c. */
#include "core/kb/kb_private.h"

#include "core/base/i18n.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define BLOCK_MIN 16384

void *kb_alloc(struct kb *kb, size_t size)
{
	size = (size + _Alignof(max_align_t) - 1) &
	       ~(size_t)(_Alignof(max_align_t) - 1);
	if (size == 0)
		size = _Alignof(max_align_t);
	struct kb_block *b = kb->arena;
	if (!b || b->size - b->used < size) {
		size_t cap = size > BLOCK_MIN ? size : BLOCK_MIN;
		b = malloc(sizeof *b + cap);
		if (!b)
			return NULL;
		b->next = kb->arena;
		b->used = 0;
		b->size = cap;
		kb->arena = b;
	}
	void *p = b->data + b->used;
	b->used += size;
	memset(p, 0, size);
	return p;
}

char *kb_strndup(struct kb *kb, const char *s, size_t len)
{
	char *c = kb_alloc(kb, len + 1);
	if (c) {
		memcpy(c, s, len);
		c[len] = '\0';
	}
	return c;
}

struct kb *kb_new(void)
{
	return calloc(1, sizeof(struct kb));
}

void kb_free(struct kb *kb)
{
	if (!kb)
		return;
	for (struct kb_block *b = kb->arena, *next; b; b = next) {
		next = b->next;
		free(b);
	}
	free(kb->providers);
	free(kb);
}

enum md_status kb_put(struct kb *kb, struct kb_provider *p, struct md_err *err)
{
	for (size_t i = 0; i < kb->n; i++)
		if (strcmp(kb->providers[i]->id, p->id) == 0) {
			kb->providers[i] = p;
			return MD_OK;
		}
	if (kb->n == kb->cap) {
		size_t cap = kb->cap ? kb->cap * 2 : 32;
		struct kb_provider **v =
		    realloc(kb->providers, cap * sizeof *v);
		if (!v)
			return md_err_set(err, MD_ERR_NOMEM, p->file, 0, "%s",
					  _("out of memory"));
		kb->providers = v;
		kb->cap = cap;
	}
	kb->providers[kb->n++] = p;
	return MD_OK;
}

size_t kb_count(const struct kb *kb)
{
	return kb ? kb->n : 0;
}

const struct kb_provider *kb_provider_at(const struct kb *kb, size_t i)
{
	return kb && i < kb->n ? kb->providers[i] : NULL;
}

const struct kb_provider *kb_by_id(const struct kb *kb, const char *id)
{
	for (size_t i = 0; kb && id && i < kb->n; i++)
		if (strcmp(kb->providers[i]->id, id) == 0)
			return kb->providers[i];
	return NULL;
}

const struct kb_provider *kb_by_domain(const struct kb *kb, const char *domain)
{
	if (!kb || !domain)
		return NULL;
	const char *at = strrchr(domain, '@');
	if (at)
		domain = at + 1;
	size_t dl = strlen(domain);
	if (dl && domain[dl - 1] == '.')
		dl--;
	if (!dl)
		return NULL;
	const struct kb_provider *best = NULL;
	size_t best_len = 0;
	for (size_t i = 0; i < kb->n; i++) {
		const struct kb_provider *p = kb->providers[i];
		for (size_t j = 0; j < p->n_domains; j++) {
			const struct kb_domain *d = &p->domains[j];
			size_t len = strlen(d->name);
			if (len == dl && strncasecmp(d->name, domain, dl) == 0)
				return p;
			if (d->subdomains && len > best_len &&
			    kb_suffix_match(d->name, domain)) {
				best = p;
				best_len = len;
			}
		}
	}
	return best;
}

/* True when host is one of p's literal server or relay names. */
static bool runs_exact(const struct kb_provider *p, const char *host)
{
	for (size_t i = 0; i < p->n_outgoing; i++)
		if (p->outgoing[i].host &&
		    strcasecmp(p->outgoing[i].host, host) == 0)
			return true;
	for (size_t i = 0; i < p->n_incoming; i++)
		if (p->incoming[i].host &&
		    strcasecmp(p->incoming[i].host, host) == 0)
			return true;
	for (size_t i = 0; i < p->n_alternates; i++)
		if (strcasecmp(p->alternates[i].server.host, host) == 0)
			return true;
	for (size_t i = 0; i < p->n_home_relays; i++)
		if (strcasecmp(p->home_relays[i].host, host) == 0)
			return true;
	for (size_t i = 0; i < p->n_senders; i++)
		for (size_t j = 0; j < p->senders[i].n_hosts; j++)
			if (strcasecmp(p->senders[i].hosts[j], host) == 0)
				return true;
	return false;
}

const struct kb_provider *kb_by_host(const struct kb *kb, const char *host,
				     const struct kb_host **why)
{
	if (why)
		*why = NULL;
	if (!kb || !host || !*host)
		return NULL;
	for (size_t i = 0; i < kb->n; i++)
		if (runs_exact(kb->providers[i], host))
			return kb->providers[i];
	const struct kb_provider *best = NULL;
	const struct kb_host *best_h = NULL;
	size_t best_len = 0;
	for (size_t i = 0; i < kb->n; i++) {
		const struct kb_provider *p = kb->providers[i];
		for (size_t j = 0; j < p->n_hosts; j++) {
			size_t len = strlen(p->hosts[j].pattern);
			if (len > best_len &&
			    kb_host_match(p->hosts[j].pattern, host)) {
				best = p;
				best_h = &p->hosts[j];
				best_len = len;
			}
		}
		for (size_t j = 0; j < p->n_unfit; j++) {
			size_t len = strlen(p->unfit[j].pattern);
			if (len > best_len &&
			    kb_host_match(p->unfit[j].pattern, host)) {
				best = p;
				best_h = NULL;
				best_len = len;
			}
		}
	}
	if (why)
		*why = best_h;
	return best;
}

const struct kb_provider *kb_by_ptr(const struct kb *kb, const char *ptr,
				    const struct kb_access **why)
{
	if (why)
		*why = NULL;
	if (!kb || !ptr || !*ptr)
		return NULL;
	const struct kb_provider *best = NULL;
	const struct kb_access *best_a = NULL;
	size_t best_len = 0;
	for (size_t i = 0; i < kb->n; i++) {
		const struct kb_provider *p = kb->providers[i];
		for (size_t j = 0; j < p->n_access; j++) {
			const struct kb_access *a = &p->access[j];
			const char *rule = a->suffix ? a->suffix : a->pattern;
			size_t len = strlen(rule);
			bool hit = a->suffix ? kb_suffix_match(a->suffix, ptr)
					     : kb_host_match(a->pattern, ptr);
			if (hit && len > best_len) {
				best = p;
				best_a = a;
				best_len = len;
			}
		}
	}
	if (why)
		*why = best_a;
	return best;
}

const struct kb_unfit *kb_unfit_relay(const struct kb *kb, const char *host)
{
	for (size_t i = 0; kb && host && i < kb->n; i++) {
		const struct kb_provider *p = kb->providers[i];
		for (size_t j = 0; j < p->n_unfit; j++)
			if (kb_host_match(p->unfit[j].pattern, host))
				return &p->unfit[j];
	}
	return NULL;
}

const struct kb_sender_rule *kb_sender_restriction(const struct kb_provider *p,
						   const char *host)
{
	for (size_t i = 0; p && i < p->n_senders; i++) {
		if (!host)
			return &p->senders[i];
		for (size_t j = 0; j < p->senders[i].n_hosts; j++)
			if (strcasecmp(p->senders[i].hosts[j], host) == 0)
				return &p->senders[i];
	}
	return NULL;
}
