/* options.h — the one table of maildoctor's options: for each its long
 * name, short key, argument, help sentence and the commands that take it.
 * getopt_long's table, the refusal of an option a command does not take,
 * `--help` of the program and of each command, and the man page's OPTIONS
 * section (`maildoctor --man-options`, compared with assets/maildoctor.1
 * by tests/cli/test_manpage.sh) all come from it. */
#ifndef MD_OPTIONS_H
#define MD_OPTIONS_H

#include "app/app.h"

#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>

struct app_option {
	enum app_opt id;
	const char *name;     /* long name, without "--" */
	char key;	      /* short key ('h' for -h), or 0 */
	const char *arg;      /* the value's name ("DIR"), or NULL: none */
	const char *help;     /* N_() one sentence for --help */
	const char *man;      /* more for the man page (troff, English), or
				 NULL */
	const char *commands; /* the commands that take it, separated by
				 spaces; "*" every one */
};

/* The table, in the order --help and the man page list it; the last entry
 * has name NULL. */
extern const struct app_option options_table[];

/* The entry of id, or NULL. */
const struct app_option *options_find(enum app_opt id);

/* Whether the command named cmd takes option o. */
bool options_taken_by(const struct app_option *o, const char *cmd);

/* Fill out (OPT__COUNT - OPT_HELP + 1 entries) with getopt_long's table
 * and shorts (at least 16 bytes) with the short keys, after prefix
 * (e.g. "+:"). */
void options_getopt(struct option *out, char *shorts, size_t n_shorts,
		    const char *prefix);

/* The id of the short key c, or c itself when it is none. */
int options_short_id(int c);

/* --help's option lines: every option (cmd NULL) or those cmd takes. */
void options_print_help(FILE *o, const char *cmd);

/* The man page's OPTIONS section, from ".SH OPTIONS" to before the next
 * section. */
void options_print_man(FILE *o);

#endif
