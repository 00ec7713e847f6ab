/* secret.h — the one password a command is given on standard input: read
 * once into a fixed buffer (core dumps off while it is held), handed to the
 * engine through a callback, wiped at the end. Never stored or printed. */
#ifndef MD_SECRET_H
#define MD_SECRET_H

#include <stdbool.h>
#include <stddef.h>

struct secret {
	char pw[512];
	bool have;
};

/* Read one line from stdin as the password and switch core dumps off;
 * false when there is no line. */
bool secret_read(struct secret *s);

/* The engine's password callback (core/session.h sess_password_fn):
 * ud is a struct secret. */
int secret_give(void *ud, const char *user, char *buf, size_t size);

/* Wipe the password. */
void secret_wipe(struct secret *s);

#endif
