/* compat.h — the one home of the C library extensions that Linux has and
 * mingw's Windows C library lacks (strndup, memmem, explicit_bzero,
 * localtime_r, EDQUOT; for the tests mkdtemp, mkstemps, setenv, unsetenv),
 * so that the code above says them the same way on
 * both; and md_strcasestr() and md_caseeq(), the one case-insensitive
 * search and comparison of both. On
 * Linux the names are glibc's own and compat.c adds nothing but
 * md_strcasestr() and md_caseeq(). */
#ifndef MD_COMPAT_H
#define MD_COMPAT_H

#include <errno.h>
#include <stdbool.h>
#include <stddef.h>
#include <string.h>
#include <time.h>

/* The first place of needle in haystack, ASCII letters compared without
 * case (as glibc's strcasestr() in any locale does for mail text); NULL
 * when it is not there. */
const char *md_strcasestr(const char *haystack, const char *needle);

/* Whether the first n bytes of a and b are the same, ASCII letters
 * compared without case; it stops at the first difference, so a string
 * shorter than n ends it with false. */
bool md_caseeq(const char *a, const char *b, size_t n);

#ifdef _WIN32
char *strndup(const char *s, size_t n);
void *memmem(const void *hay, size_t hay_len, const void *needle,
	     size_t needle_len);
/* SecureZeroMemory: not optimised away. */
void explicit_bzero(void *p, size_t n);
struct tm *localtime_r(const time_t *t, struct tm *tm);
/* As POSIX says them; paths and values are UTF-8 (os.h's W calls). */
char *mkdtemp(char *tmpl);
int mkstemps(char *tmpl, int suffixlen);
int setenv(const char *name, const char *value, int overwrite);
int unsetenv(const char *name);
#ifndef EDQUOT
#define EDQUOT ENOSPC /* Windows says a full quota as a full disk */
#endif
#endif

#endif
