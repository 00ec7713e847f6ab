/* secret.c — read, hand over and wipe the password. */
#include "app/secret.h"

#include "core/base/compat.h"
#include "core/base/os.h"

#include <stdio.h>
#include <string.h>

/* No core file (Linux) or crash dump (Windows) may hold the password. */
static void no_core_dumps(void)
{
	os_no_crash_dumps();
}

bool secret_read(struct secret *s)
{
	no_core_dumps();
	if (!fgets(s->pw, sizeof s->pw, stdin))
		return false;
	s->pw[strcspn(s->pw, "\r\n")] = '\0';
	s->have = true;
	return true;
}

void secret_begin(struct secret *s)
{
	secret_wipe(s);
	no_core_dumps();
}

bool secret_hold(struct secret *s)
{
	s->pw[sizeof s->pw - 1] = '\0';
	s->have = s->pw[0] != '\0';
	if (!s->have)
		secret_wipe(s);
	return s->have;
}

int secret_give(void *ud, const char *user, char *buf, size_t size)
{
	const struct secret *s = ud;
	(void)user;
	if (!s || !s->have)
		return -1;
	size_t n = strlen(s->pw);
	if (n + 1 > size)
		return -1;
	memcpy(buf, s->pw, n + 1);
	return (int)n;
}

void secret_wipe(struct secret *s)
{
	explicit_bzero(s, sizeof *s);
}
