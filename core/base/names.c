/* names.c — mail address and host name helpers. */
#include "core/base/names.h"

#include <string.h>
#include <strings.h>

const char *name_domain_of(const char *email)
{
	const char *at = email ? strrchr(email, '@') : NULL;
	return at && at[1] ? at + 1 : NULL;
}

bool name_in_domain(const char *host, const char *domain)
{
	if (!host || !domain)
		return false;
	size_t h = strlen(host), d = strlen(domain);
	if (h == d)
		return strcasecmp(host, domain) == 0;
	return h > d && host[h - d - 1] == '.' &&
	       strcasecmp(host + h - d, domain) == 0;
}

bool name_wanted(const char *const *list, size_t n, const char *email)
{
	if (n == 0)
		return true;
	for (size_t i = 0; email && i < n; i++)
		if (list[i] && strcasecmp(list[i], email) == 0)
			return true;
	return false;
}
