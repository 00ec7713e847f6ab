/* compat.c — md_strcasestr() and md_caseeq() for both systems, and on Windows
 * the C library extensions of compat.h that mingw lacks. */
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

bool md_caseeq(const char *a, const char *b, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (lower(a[i]) != lower(b[i]))
			return false;
	return true;
}

#ifdef _WIN32

#include "core/base/os.h"

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

/* Fill the "XXXXXX" before the suffix of tmpl with a fresh name and call
 * make on it until it does not say EEXIST. */
static int fill_unique(char *tmpl, int suffixlen, int (*make)(char *))
{
	size_t n = strlen(tmpl);
	if (suffixlen < 0 || n < (size_t)suffixlen + 6 ||
	    strncmp(tmpl + n - suffixlen - 6, "XXXXXX", 6) != 0) {
		errno = EINVAL;
		return -1;
	}
	char *x = tmpl + n - suffixlen - 6;
	static const char digits[] = "abcdefghijklmnopqrstuvwxyz0123456789";
	static unsigned long long counter;
	for (int attempt = 0; attempt < 100; attempt++) {
		unsigned long long v =
		    (GetTickCount64() << 20) ^
		    ((unsigned long long)GetCurrentProcessId() << 8) ^
		    (++counter * 0x9e3779b97f4a7c15ull);
		for (int i = 0; i < 6; i++, v /= 36)
			x[i] = digits[v % 36];
		int r = make(tmpl);
		if (r >= 0 || errno != EEXIST)
			return r;
	}
	errno = EEXIST;
	return -1;
}

static int make_dir(char *path)
{
	wchar_t w[4096];
	if (!MultiByteToWideChar(CP_UTF8, 0, path, -1, w, 4096)) {
		errno = EINVAL;
		return -1;
	}
	if (CreateDirectoryW(w, NULL))
		return 0;
	errno = GetLastError() == ERROR_ALREADY_EXISTS ? EEXIST : EACCES;
	return -1;
}

static int make_file(char *path)
{
	return os_create_new(path, 0600);
}

char *mkdtemp(char *tmpl)
{
	return fill_unique(tmpl, 0, make_dir) == 0 ? tmpl : NULL;
}

int mkstemps(char *tmpl, int suffixlen)
{
	return fill_unique(tmpl, suffixlen, make_file);
}

int setenv(const char *name, const char *value, int overwrite)
{
	if (!overwrite && os_getenv(name))
		return 0;
	return os_setenv(name, value);
}

int unsetenv(const char *name)
{
	return os_unsetenv(name);
}

#endif /* _WIN32 */
