/* secret.c — read, hand over and wipe the password. */
#include "secret.h"

#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>

bool secret_read(struct secret *s)
{
	/* No core file may hold the password. */
	struct rlimit none = {0, 0};
	setrlimit(RLIMIT_CORE, &none);
	prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);
	if (!fgets(s->pw, sizeof s->pw, stdin))
		return false;
	s->pw[strcspn(s->pw, "\r\n")] = '\0';
	s->have = true;
	return true;
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
