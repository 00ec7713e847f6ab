/* pop3.h — the POP3 probe dialogue: greeting, CAPA, STLS and CAPA again,
 * an optional USER/PASS, then QUIT. The conventions of session.h apply. */
#ifndef MD_POP3_H
#define MD_POP3_H

#include "core/base/err.h"
#include "core/net/loop.h"
#include "core/proto/session.h"

#include <stdbool.h>
#include <stddef.h>

struct pop3;

/* Start on the connected non-blocking socket fd (owned from now on).
 * Same contract as smtp_start(). */
struct pop3 *pop3_start(struct loop *loop, int fd, const struct sess_params *p,
			struct sess_result *res, struct md_err *err);

/* Stop and free (NULL is fine); on_done is not called after this. */
void pop3_free(struct pop3 *s);

/* Read a CAPA reply ("+OK", capability lines, ".") into res: SASL
 * mechanisms, STLS, USER. Returns the number of capability lines. */
size_t pop3_parse_capa(struct sess_result *res, const char *text,
		       size_t len);

#endif
