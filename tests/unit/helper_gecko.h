/* helper_gecko.h — the judge of the Gecko prefs tables
 * (test_prefs_gecko_valid.c, test_prefs_gecko_errors.c): what Gecko's
 * libpref ends up with for an input, and one parse compared with it (values,
 * types, lines, byte spans, errors and their lines, and the file written
 * back byte for byte). */
#ifndef MD_HELPER_GECKO_H
#define MD_HELPER_GECKO_H

#include <stdbool.h>
#include <stddef.h>

#define K    "mail.smtpserver.smtp1."
#define T(s) s, sizeof(s) - 1 /* text and length (it may hold a NUL) */

/* What Gecko ends up with for one key. */
struct want {
	const char *key;
	char type;	  /* 's', 'i', 'b', or '-' for absent */
	long ival;	  /* 'i' and 'b' (0 / 1) */
	const char *sval; /* 's' */
	unsigned line; /* line of the winning user_pref token, 0 = unchecked */
	const char *raw;  /* the value's bytes in the file, NULL = unchecked */
	const char *stmt; /* the statement's bytes, NULL = unchecked */
};

struct gk_case {
	const char *label;
	const char *text;
	size_t len;
	unsigned n; /* valid statements */
	struct want w[3];
	unsigned n_err;	      /* errors Gecko reports */
	unsigned err_line[4]; /* their lines (the first four) */
	const char *msg;      /* Gecko's message for the first error */
};

/* One case: true when the parse agrees with Gecko (the message of an
 * error is judged apart, by test_prefs_gecko_messages); each disagreement
 * is printed. */
bool gk_check_case(const struct gk_case *c);

/* Every case of a table; prints "WHAT cases: N, disagreeing with Gecko:
 * N" and returns the number that disagree. */
unsigned gk_run_table(const struct gk_case *cases, size_t n, const char *what);

#endif
