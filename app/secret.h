/* secret.h — the one password a command is given (on standard input, or
 * typed into the wizard): held in a fixed buffer (core dumps off while it
 * is held), handed to the engine through a callback, wiped at the end.
 * Never stored or printed. */
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

/* Before a password is typed into s->pw (the wizard): wipe s and switch
 * core dumps off. */
void secret_begin(struct secret *s);

/* After it was typed: mark it held; false (and wiped) when empty. */
bool secret_hold(struct secret *s);

/* The engine's password callback (core/session.h sess_password_fn):
 * ud is a struct secret. */
int secret_give(void *ud, const char *user, char *buf, size_t size);

/* Wipe the password. */
void secret_wipe(struct secret *s);

#endif
