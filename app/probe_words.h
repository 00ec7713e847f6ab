/* probe_words.h — the words of a row of `maildoctor probe` (a check of the
 * endpoints a person named: check_run_spec() with targets): the security
 * as the table shows it and as JSON names it, why the row is what it is,
 * its time, and the exit status of the whole probe. The table's layout is
 * the command's (cli/cmd_probe.c); the JSON is check_probe_to_json(). */
#ifndef MD_PROBE_WORDS_H
#define MD_PROBE_WORDS_H

#include "core/check/check.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Row i of a probe, in words. */
struct probe_words {
	const char *security; /* "STARTTLS", "SSL/TLS", "none" (translated) */
	uint64_t ms;	      /* the whole row */
	bool ok;	      /* the dialogue worked */
	char reason[700];     /* "works (TLSv1.3, login: PLAIN)", … */
};

/* The words of row i of c (a check of named endpoints) into w. */
void probe_words_of(const struct check *c, size_t i, struct probe_words *w);

/* The stable JSON word for row i's security (what was used once known,
 * else what was asked: "plain", "starttls", "tls"; never translated). */
const char *probe_security_word(const struct check *c, size_t i);

/* 0 when every row of c worked, else 1. */
int probe_status(const struct check *c);

#endif
