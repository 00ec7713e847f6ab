/* prefs_token.h — the prefs.js tokenizer that prefs.c parses with, private
 * to clientcfg/prefs*.c. It cuts the bytes into tokens as Gecko's libpref
 * parser does (modules/libpref/parser/src/lib.rs): single characters,
 * keywords, string and integer literals, and error tokens for what is
 * malformed. */
#ifndef MD_PREFS_TOKEN_H
#define MD_PREFS_TOKEN_H

#include <stddef.h>
#include <stdint.h>

enum prefs_tok_kind {
	PREFS_TOK_CHAR,	       /* ( ) + , - ; or the end (ch == '\0') */
	PREFS_TOK_USER_PREF,   /* user_pref */
	PREFS_TOK_PREF,	       /* pref (default files only) */
	PREFS_TOK_STICKY_PREF, /* sticky_pref (default files only) */
	PREFS_TOK_TRUE,	       /* true */
	PREFS_TOK_FALSE,       /* false */
	PREFS_TOK_STICKY,      /* sticky (default files only) */
	PREFS_TOK_LOCKED,      /* locked (default files only) */
	PREFS_TOK_STRING,      /* a string literal, decoded in str */
	PREFS_TOK_INT,	       /* digits, in num (no sign: '-' is a token) */
	PREFS_TOK_ERROR,       /* malformed: msg, and line when not 0 */
};

struct prefs_tok {
	enum prefs_tok_kind kind;
	char ch;	 /* PREFS_TOK_CHAR */
	uint32_t num;	 /* PREFS_TOK_INT */
	const char *str; /* PREFS_TOK_STRING: NUL-terminated, in the arena */
	const char *msg; /* PREFS_TOK_ERROR: untranslated English, N_() */
	unsigned line;	 /* PREFS_TOK_ERROR: the line to report it at, or 0
			    for the tokenizer's line after the token */
	size_t start;	 /* the token's first byte */
	size_t end;	 /* one past its last byte */
};

/* The tokenizer's state over one file. s holds size bytes, the last of
 * them the '\0' that ends the file; a '\0' met earlier where a token starts
 * ends the file too. */
struct prefs_lex {
	const char *s;
	size_t size;   /* bytes in s, the final '\0' included */
	size_t i;      /* next byte to read */
	unsigned line; /* line of byte i; every line end counts */
	char *arena;   /* decoded strings go here: size bytes are enough */
	size_t arena_pos;
};

/* Read the next token into *t. After the end it keeps returning the end. */
void prefs_lex_next(struct prefs_lex *lx, struct prefs_tok *t);

/* True when t is the end of the file. */
static inline int prefs_tok_is_end(const struct prefs_tok *t)
{
	return t->kind == PREFS_TOK_CHAR && t->ch == '\0';
}

/* True when t is the single character c. */
static inline int prefs_tok_is(const struct prefs_tok *t, char c)
{
	return t->kind == PREFS_TOK_CHAR && t->ch == c;
}

#endif
