/* compat.c — md_strcasestr() for both systems, and on Windows the C
 * library extensions of compat.h that mingw lacks. */
#include "core/base/compat.h"

#include <stdlib.h>

static int lower(char c)
{
	return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : (unsigned char)c;
}

const char *md_strcasestr(const char *haystack, const char *needle)
{
	size_t n = strlen(needle);
	for (const char *p = haystack; *p; p++) {
		size_t i = 0;
		while (i < n && p[i] && lower(p[i]) == lower(needle[i]))
			i++;
		if (i == n)
			return p;
	}
	return n == 0 ? haystack : NULL;
}

#ifdef _WIN32

#include <windows.h>

char *strndup(const char *s, size_t n)
{
	size_t len = strnlen(s, n);
	char *d = malloc(len + 1);
	if (d) {
		memcpy(d, s, len);
		d[len] = '\0';
	}
	return d;
}

void *memmem(const void *hay, size_t hay_len, const void *needle,
	     size_t needle_len)
{
	const char *h = hay;
	if (needle_len == 0)
		return (void *)h;
	for (size_t i = 0; i + needle_len <= hay_len; i++)
		if (h[i] == *(const char *)needle &&
		    memcmp(h + i, needle, needle_len) == 0)
			return (void *)(h + i);
	return NULL;
}

void explicit_bzero(void *p, size_t n)
{
	SecureZeroMemory(p, n);
}

struct tm *localtime_r(const time_t *t, struct tm *tm)
{
	return localtime_s(tm, t) == 0 ? tm : NULL;
}

#endif /* _WIN32 */
