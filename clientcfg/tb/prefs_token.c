/* prefs_token.c — the prefs.js tokenizer (prefs_token.h): Gecko's lexing
 * rules byte for byte, including where it goes on after a '\0' met inside
 * a comment or a string. */
#include "clientcfg/tb/prefs_token.h"

#include "core/base/i18n.h"

#include <stdbool.h>
#include <string.h>

/* Bytes that need care inside a string literal. */
static const unsigned char string_special[256] = {
    ['\0'] = 1, ['\n'] = 1, ['\r'] = 1, ['"'] = 1, ['\''] = 1, ['\\'] = 1,
};

/* The next byte; past the final '\0' the end is read again, in place. */
static inline unsigned char get_char(struct prefs_lex *lx)
{
	if (lx->i < lx->size)
		return (unsigned char)lx->s[lx->i++];
	return '\0';
}

static inline void unget_char(struct prefs_lex *lx)
{
	lx->i--;
}

static inline bool match_char(struct prefs_lex *lx, char c)
{
	if (lx->i < lx->size && lx->s[lx->i] == c) {
		lx->i++;
		return true;
	}
	return false;
}

static inline bool is_digit(unsigned char c)
{
	return (unsigned)(c - '0') < 10;
}

/* Keywords are runs of [A-Za-z_]; digits end them. */
static inline bool is_keyword_char(unsigned char c)
{
	return (unsigned)((c | 0x20) - 'a') < 26 || c == '_';
}

static void set_error(struct prefs_lex *lx, struct prefs_tok *t,
		      const char *msg)
{
	t->kind = PREFS_TOK_ERROR;
	t->msg = msg;
	t->line = 0;
	t->end = lx->i;
}

/* A # or // comment: up to and including its line end, or up to and
 * including a '\0', which ends the comment but not the file. */
static void single_line_comment(struct prefs_lex *lx)
{
	for (;;) {
		unsigned char c = get_char(lx);
		if (c > '\r')
			continue;
		if (c == '\n') {
			lx->line++;
			return;
		}
		if (c == '\r') {
			lx->line++;
			match_char(lx, '\n');
			return;
		}
		if (c == '\0')
			return;
	}
}

/* A C comment after its opening; false when a '\0' comes first (the '\0'
 * is consumed: what follows an embedded one is read on). */
static bool multi_line_comment(struct prefs_lex *lx)
{
	for (;;) {
		switch (get_char(lx)) {
		case '*':
			if (match_char(lx, '/'))
				return true;
			break;
		case '\n':
			lx->line++;
			break;
		case '\r':
			lx->line++;
			match_char(lx, '\n');
			break;
		case '\0':
			return false;
		default:
			break;
		}
	}
}

/* n hex digits into *out; on a non-digit it is put back and false. */
static bool hex_digits(struct prefs_lex *lx, int n, unsigned *out)
{
	unsigned v = 0;
	for (int k = 0; k < n; k++) {
		unsigned char c = get_char(lx);
		unsigned d;
		if (c >= '0' && c <= '9')
			d = c - '0';
		else if (c >= 'A' && c <= 'F')
			d = c - 'A' + 10;
		else if (c >= 'a' && c <= 'f')
			d = c - 'a' + 10;
		else {
			unget_char(lx);
			return false;
		}
		v = v << 4 | d;
	}
	*out = v;
	return true;
}

static size_t put_utf8(char *o, unsigned cp)
{
	if (cp < 0x80) {
		o[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		o[0] = (char)(0xC0 | (cp >> 6));
		o[1] = (char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		o[0] = (char)(0xE0 | (cp >> 12));
		o[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		o[2] = (char)(0x80 | (cp & 0x3F));
		return 3;
	}
	o[0] = (char)(0xF0 | (cp >> 18));
	o[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
	o[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
	o[3] = (char)(0x80 | (cp & 0x3F));
	return 4;
}

/* The first malformed escape turns the string into an error at its line;
 * the string is still read to its end. */
static void string_error(struct prefs_lex *lx, struct prefs_tok *t,
			 const char *msg)
{
	if (t->kind == PREFS_TOK_STRING) {
		t->kind = PREFS_TOK_ERROR;
		t->msg = msg;
		t->line = lx->line;
	}
}

/* A \u escape after its 'u' (with a following \u low surrogate when it is
 * a high one); its UTF-8 goes to out. Returns the bytes written. */
static size_t unicode_escape(struct prefs_lex *lx, struct prefs_tok *t,
			     char *out)
{
	unsigned v, lo = 0;
	if (!hex_digits(lx, 4, &v)) {
		string_error(lx, t, N_("malformed \\u escape sequence"));
		return 0;
	}
	if ((v & 0xFC00) == 0xD800) {
		bool paired = false;
		if (match_char(lx, '\\') && match_char(lx, 'u') &&
		    hex_digits(lx, 4, &lo)) {
			if ((lo & 0xFC00) != 0xDC00) {
				string_error(lx, t,
					     N_("invalid low surrogate "
						"after high surrogate"));
				return 0;
			}
			paired = true;
		}
		if (!paired) {
			string_error(lx, t,
				     N_("expected low surrogate after "
					"high surrogate"));
			return 0;
		}
		return put_utf8(out,
				0x10000 + ((v - 0xD800) << 10) + (lo - 0xDC00));
	}
	if ((v & 0xFC00) == 0xDC00) {
		string_error(lx, t,
			     N_("expected high surrogate before "
				"low surrogate"));
		return 0;
	}
	if (v == 0) {
		string_error(lx, t, N_("\\u0000 is not allowed"));
		return 0;
	}
	return put_utf8(out, v);
}

/* A string literal after its opening quote, decoded into the arena (never
 * longer than its bytes in the file, so size bytes of arena are enough). */
static void string_token(struct prefs_lex *lx, unsigned char quote,
			 struct prefs_tok *t)
{
	const unsigned char *s = (const unsigned char *)lx->s;
	char *out = lx->arena + lx->arena_pos;
	size_t from = lx->i, j = from, o;
	t->kind = PREFS_TOK_STRING;
	t->str = out;
	/* The bytes before the first special one are copied as they are;
	 * the final '\0' stops the scan. */
	while (!string_special[s[j]])
		j++;
	o = j - from;
	memcpy(out, s + from, o);
	lx->i = j;
	for (;;) {
		unsigned char c = get_char(lx);
		if (!string_special[c]) {
			out[o++] = (char)c;
			continue;
		}
		if (c == quote)
			break;
		if (c == '\\') {
			unsigned char e = get_char(lx);
			unsigned v;
			switch (e) {
			case '"':
			case '\'':
			case '\\':
				out[o++] = (char)e;
				break;
			case 'n':
				out[o++] = '\n';
				break;
			case 'r':
				out[o++] = '\r';
				break;
			case 'x':
				if (!hex_digits(lx, 2, &v))
					string_error(lx, t,
						     N_("malformed \\x "
							"escape sequence"));
				else if (v == 0)
					string_error(lx, t,
						     N_("\\x00 is not "
							"allowed"));
				else
					out[o++] = (char)v;
				break;
			case 'u':
				o += unicode_escape(lx, t, out + o);
				break;
			default:
				/* The line end is read again, and counted. */
				if (e == '\n' || e == '\r')
					unget_char(lx);
				string_error(lx, t,
					     N_("unexpected escape sequence "
						"character after '\\'"));
			}
			continue;
		}
		if (c == '\n') {
			lx->line++;
			out[o++] = '\n';
		} else if (c == '\r') {
			lx->line++;
			out[o++] = '\r';
			if (match_char(lx, '\n'))
				out[o++] = '\n';
		} else if (c == '\0') {
			string_error(lx, t, N_("unterminated string literal"));
			break;
		} else {
			out[o++] = (char)c; /* the other quote */
		}
	}
	out[o++] = '\0';
	lx->arena_pos += o;
}

static const struct {
	const char *word;
	size_t len;
	enum prefs_tok_kind kind;
} keywords[] = {
    {"user_pref", 9, PREFS_TOK_USER_PREF},
    {"true", 4, PREFS_TOK_TRUE},
    {"false", 5, PREFS_TOK_FALSE},
    {"pref", 4, PREFS_TOK_PREF},
    {"sticky", 6, PREFS_TOK_STICKY},
    {"locked", 6, PREFS_TOK_LOCKED},
    {"sticky_pref", 11, PREFS_TOK_STICKY_PREF},
};

/* Digits after the first: a u32, an overflow, or digits run into a
 * keyword character (which is left for the next token). */
static void int_token(struct prefs_lex *lx, unsigned char first,
		      struct prefs_tok *t)
{
	const unsigned char *s = (const unsigned char *)lx->s;
	uint64_t v = first - '0';
	bool over = false;
	size_t j = lx->i;
	for (; is_digit(s[j]); j++) {
		if (!over) {
			v = v * 10 + (s[j] - '0');
			over = v > UINT32_MAX;
		}
	}
	lx->i = j;
	if (is_keyword_char(s[j])) {
		set_error(lx, t, N_("unexpected character in integer literal"));
	} else if (over) {
		set_error(lx, t, N_("integer literal overflowed"));
	} else {
		t->kind = PREFS_TOK_INT;
		t->num = (uint32_t)v;
		t->end = j;
	}
}

static void keyword_token(struct prefs_lex *lx, struct prefs_tok *t)
{
	const unsigned char *s = (const unsigned char *)lx->s;
	size_t j = lx->i;
	while (is_keyword_char(s[j]))
		j++;
	lx->i = j;
	size_t n = j - t->start;
	for (size_t k = 0; k < sizeof keywords / sizeof keywords[0]; k++)
		if (keywords[k].len == n &&
		    memcmp(lx->s + t->start, keywords[k].word, n) == 0) {
			t->kind = keywords[k].kind;
			t->end = j;
			return;
		}
	set_error(lx, t, N_("unknown keyword"));
}

void prefs_lex_next(struct prefs_lex *lx, struct prefs_tok *t)
{
	for (;;) {
		t->start = lx->i;
		unsigned char c = get_char(lx);
		switch (c) {
		case '\0':
		case '(':
		case ')':
		case '+':
		case ',':
		case '-':
		case ';':
			t->kind = PREFS_TOK_CHAR;
			t->ch = (char)c;
			t->end = lx->i;
			return;
		case ' ':
		case '\t':
		case '\v':
		case '\f':
			continue;
		case '\n':
			lx->line++;
			continue;
		case '\r':
			match_char(lx, '\n');
			lx->line++;
			continue;
		case '"':
		case '\'':
			string_token(lx, c, t);
			t->end = lx->i;
			return;
		case '#':
			single_line_comment(lx);
			continue;
		case '/':
			c = get_char(lx);
			if (c == '/') {
				single_line_comment(lx);
				continue;
			}
			if (c == '*') {
				if (multi_line_comment(lx))
					continue;
				set_error(lx, t, N_("unterminated /* comment"));
				return;
			}
			/* A line end after it is read again, and counted. */
			if (c == '\n' || c == '\r')
				unget_char(lx);
			set_error(lx, t, N_("expected '/' or '*' after '/'"));
			return;
		default:
			if (is_digit(c))
				int_token(lx, c, t);
			else if (is_keyword_char(c))
				keyword_token(lx, t);
			else
				set_error(lx, t, N_("unexpected character"));
			return;
		}
	}
}
