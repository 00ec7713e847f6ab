/* prefs.h — Mozilla preference files (prefs.js, user.js) read losslessly and
 * written back byte for byte, except for the values a fix changes.
 *
 * | file          | what it holds                                        |
 * |---------------|------------------------------------------------------|
 * | prefs.c       | parsing (Gecko's parser for user files), look-ups     |
 * | prefs_token.c | the tokenizer (prefs_token.h, private)                |
 * | prefs_write.c | edits and writing back                                |
 *
 * Both files are read as Gecko reads a *user* pref file (libpref's
 * parser/src/lib.rs): only user_pref(name, value); statements, no
 * sticky/locked attributes; strings in either quote, with escapes \n \r \\
 * \" \' \xNN \uNNNN (surrogate pairs joined); + and - are tokens of their
 * own, so space, line ends and comments may stand between a sign and its
 * digits; #, // and C comments; CR, LF and CRLF each one line end. A NUL
 * byte where a token starts is the end of the file; one inside a comment
 * or a string ends only that (an error but in a # or // comment), and
 * reading goes on after it. A statement with an error is reported (with
 * Gecko's message and line) and skipped token by token up to the next ';'
 * token, as Gecko does. */
#ifndef MD_PREFS_H
#define MD_PREFS_H

#include "core/base/err.h"

#include <stdbool.h>
#include <stddef.h>

enum prefs_type {
	PREFS_TYPE_STRING,
	PREFS_TYPE_INT,
	PREFS_TYPE_BOOL,
};

/* One valid user_pref statement. name and str point into the file's arena
 * (or into a heap copy after an edit) and stay valid until the file is
 * freed or edited. */
struct prefs_entry {
	enum prefs_type type;
	const char *name;  /* decoded UTF-8 */
	const char *str;   /* decoded value when type is STRING */
	long ival;	   /* value when type is INT */
	bool bval;	   /* value when type is BOOL */
	unsigned line;	   /* line of the statement's user_pref token */
	size_t start, end; /* statement bytes [start, end), ';' included */
	size_t val_start, val_end; /* the value's bytes (a sign and its int,
				      with what lies between) */
	bool edited;		   /* value replaced since parsing */
	bool removed;		   /* statement to be removed when written */
	char *owned; /* heap string owned by the entry after an edit */
};

/* A syntax error, as Gecko reports it: the statement was skipped. */
struct prefs_issue {
	unsigned line; /* where Gecko detects it (the offending token's line) */
	char what[96]; /* Gecko's untranslated English, N_() marked, e.g.
			  "expected ',' after pref name" */
};

struct prefs_file {
	char *path; /* as given, or NULL */
	char *buf;  /* the original bytes (owned) */
	size_t len;
	struct prefs_entry *entries; /* in file order */
	size_t n_entries;
	size_t cap_entries; /* room in entries */
	struct prefs_issue *issues;
	size_t n_issues;
	bool crlf;	/* the file's line ends are CRLF */
	char *arena;	/* decoded strings (owned) */
	size_t n_added; /* entries appended by prefs_set_* */
};

/* Parse len bytes (copied). path is only used in messages (may be NULL).
 * On MD_OK *out is a new file the caller frees with prefs_free(); syntax
 * errors do not fail the parse, they are in (*out)->issues. Fails with
 * MD_ERR_NOMEM or MD_ERR_TOOBIG (over 256 MiB). */
enum md_status prefs_parse(const char *buf, size_t len, const char *path,
			   struct prefs_file **out, struct md_err *err);

/* Read and parse a file. MD_ERR_NOTFOUND / MD_ERR_IO name the file in err. */
enum md_status prefs_load(const char *path, struct prefs_file **out,
			  struct md_err *err);

void prefs_free(struct prefs_file *pf);

/* The entry that wins for name (the last one, as Gecko), or NULL. */
const struct prefs_entry *prefs_find(const struct prefs_file *pf,
				     const char *name);

/* Typed look-ups: NULL / false when absent or of another type. */
const char *prefs_get_str(const struct prefs_file *pf, const char *name);
bool prefs_get_int(const struct prefs_file *pf, const char *name, long *out);

/* Change the value of name, or add user_pref(name, value) in sorted place
 * when it is absent. Only the value's bytes change on writing. */
enum md_status prefs_set_str(struct prefs_file *pf, const char *name,
			     const char *value, struct md_err *err);
enum md_status prefs_set_int(struct prefs_file *pf, const char *name,
			     long value, struct md_err *err);
enum md_status prefs_set_bool(struct prefs_file *pf, const char *name,
			      bool value, struct md_err *err);

/* Remove every statement for name (with its line end). */
void prefs_unset(struct prefs_file *pf, const char *name);

/* The file's bytes with the edits applied; with no edit, exactly the bytes
 * parsed. *out is heap memory the caller frees. */
enum md_status prefs_render(const struct prefs_file *pf, char **out,
			    size_t *outlen, struct md_err *err);

/* Escape a string value the way Gecko writes it ("…" with \n \r \\ \"). */
char *prefs_quote(const char *value);

#endif
