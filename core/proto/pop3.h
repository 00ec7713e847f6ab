/* pop3.h — the POP3 probe dialogue: greeting, CAPA, STLS and CAPA again,
 * an optional USER/PASS, then QUIT. The conventions of session.h apply. */
#ifndef MD_POP3_H
#define MD_POP3_H

#include "core/proto/session.h"

#include <stdbool.h>
#include <stddef.h>

/* The protocol for sess_start() (session.h). */
extern const struct sess_proto pop3_proto;

/* Read a CAPA reply ("+OK", capability lines, ".") into res: SASL
 * mechanisms, STLS, USER. Returns the number of capability lines. */
size_t pop3_parse_capa(struct sess_result *res, const char *text, size_t len);

#endif
