/* explain_result.c — what every reader of explain builds with: a text
 * field's copy and the list of recipients (struct explain_result) with its
 * owner's free. (The growable text is core/base/xbuf.c.) */
#include "core/explain/explain_private.h"

#include <stdlib.h>
#include <string.h>

bool explain_set(char **dst, const char *s, size_t n)
{
	char *p = malloc(n + 1);
	if (!p)
		return false;
	memcpy(p, s, n);
	p[n] = '\0';
	free(*dst);
	*dst = p;
	return true;
}

struct explain_rcpt *explain_result_add(struct explain_result *res)
{
	if (res->n >= EXPLAIN_MAX_RCPTS) {
		res->truncated = true;
		return NULL;
	}
	if (res->n == res->cap) {
		size_t cap = res->cap ? res->cap * 2 : 8;
		struct explain_rcpt *nv = realloc(res->rcpts, cap * sizeof *nv);
		if (!nv)
			return NULL;
		res->rcpts = nv;
		res->cap = cap;
	}
	struct explain_rcpt *r = &res->rcpts[res->n++];
	memset(r, 0, sizeof *r);
	return r;
}

void explain_rcpt_done(struct explain_rcpt *r)
{
	if (!r)
		return;
	free(r->address);
	free(r->remote_host);
	free(r->report_host);
	free(r->diagnostic);
	free(r->action);
	free(r->command);
	memset(r, 0, sizeof *r);
}

void explain_result_free(struct explain_result *res)
{
	if (!res)
		return;
	for (size_t i = 0; i < res->n; i++)
		explain_rcpt_done(&res->rcpts[i]);
	free(res->rcpts);
	free(res);
}
