/* explain_lhost.c — what the readers of sisimai's Lhost body formats
 * (explain_lhost_*.c) share: a header's value in the message's header
 * block, a case-insensitive search in a span, and the one entry point
 * that tries each format in turn. */
#include "core/explain/explain_private.h"
#include "core/base/compat.h"

#include <string.h>
#include <strings.h>

const char *explain_header_value(const char *hb, const char *name, size_t *n)
{
	const char *p = md_strcasestr(hb, name);
	if (!p)
		return NULL;
	p += strlen(name);
	while (*p == ' ' || *p == '\t')
		p++;
	*n = strcspn(p, "\r\n");
	return p;
}

bool explain_span_has(const char *p, size_t n, const char *needle)
{
	size_t k = strlen(needle);
	for (size_t i = 0; p && i + k <= n; i++)
		if (strncasecmp(p + i, needle, k) == 0)
			return true;
	return false;
}

size_t explain_lhost_scan(const struct explain_msg *m,
			  struct explain_result *res)
{
	size_t k = explain_lhost_fml(m, res);
	if (!k)
		k = explain_lhost_verizon(m, res);
	return k;
}
