/* cmdline.h — the maildoctor command lines people are told to type (the
 * undo, the apply, the read-aloud summary): one builder, so that every
 * printed command carries the options it needs to do the same thing again,
 * each word quoted for the shell it is typed into (a POSIX shell on Linux,
 * cmd.exe on Windows), ready to be copied whole. */
#ifndef MD_CMDLINE_H
#define MD_CMDLINE_H

#include "app/app.h"

/* Which of the run's options a printed command carries. */
enum cmdline_carry {
	CMDLINE_SOURCES = 1, /* --profile and --outlook, as given */
	CMDLINE_CHECK = 2,   /* what the check depends on: --offline,
				--insecure, --resolver, --ca-file,
				--timeout */
};

/* "maildoctor WORD… OPTION…": the words (NULL-terminated), then --profile
 * profile when profile is not NULL (instead of the run's --profile),
 * then the options of app that carry selects, then --lang when it was
 * given. Each word that needs it is quoted as cmdline_quote() does.
 * Returns a heap string (free()), or NULL when out of memory. */
char *cmdline_build(const struct app *app, unsigned carry, const char *profile,
		    const char *const *words);

/* The command that applies the fix named fix_id: "maildoctor fix --apply
 * ID" with the run's sources and what the check depends on
 * (CMDLINE_SOURCES | CMDLINE_CHECK). A heap string (free()), or NULL. */
char *cmdline_apply(const struct app *app, const char *fix_id);

/* s as one word for this system's shell: cmdline_quote_cmd() on Windows,
 * cmdline_quote_sh() elsewhere. Returns a heap string (free()), or NULL. */
char *cmdline_quote(const char *s);

/* s as one word for a POSIX shell: unchanged when it is made only of
 * characters the shell leaves alone, else in single quotes (a ' inside
 * becomes '\''). Returns a heap string (free()), or NULL. */
char *cmdline_quote_sh(const char *s);

/* s as one word typed into cmd.exe for a program that parses its command
 * line with the C runtime's rules (CommandLineToArgvW's): unchanged when
 * made only of characters neither treats specially (letters, digits,
 * _-./:=@+, and \), else in double quotes, with % written outside them as
 * ^% and " as \^". Returns a heap string (free()), or NULL. Both
 * systems (tested on Linux). */
char *cmdline_quote_cmd(const char *s);

#endif
