/* ui_text.c — width, wrapping and the ASCII form of UTF-8 text. */
#include "tui/ui_text.h"

#include "tui/term.h"

#include <stdlib.h>
#include <string.h>

size_t ui_utf8_next(const char *s, uint32_t *cp)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t n;
	uint32_t c;
	if (u[0] < 0x80) {
		*cp = u[0];
		return 1;
	} else if ((u[0] & 0xE0) == 0xC0) {
		n = 2;
		c = u[0] & 0x1F;
	} else if ((u[0] & 0xF0) == 0xE0) {
		n = 3;
		c = u[0] & 0x0F;
	} else if ((u[0] & 0xF8) == 0xF0) {
		n = 4;
		c = u[0] & 0x07;
	} else {
		*cp = 0xFFFD;
		return 1;
	}
	for (size_t i = 1; i < n; i++) {
		if ((u[i] & 0xC0) != 0x80) {
			*cp = 0xFFFD;
			return 1;
		}
		c = (c << 6) | (u[i] & 0x3F);
	}
	static const uint32_t least[5] = {0, 0, 0x80, 0x800, 0x10000};
	if (c < least[n] || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF)) {
		*cp = 0xFFFD;
		return 1;
	}
	*cp = c;
	return n;
}

/* East Asian wide ranges, for when the C library does not know the
 * character (a locale without width data). */
static bool is_wide(uint32_t c)
{
	return (c >= 0x1100 && c <= 0x115F) || (c >= 0x2E80 && c <= 0x303E) ||
	       (c >= 0x3041 && c <= 0x33FF) || (c >= 0x3400 && c <= 0x4DBF) ||
	       (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0xA000 && c <= 0xA4CF) ||
	       (c >= 0xAC00 && c <= 0xD7A3) || (c >= 0xF900 && c <= 0xFAFF) ||
	       (c >= 0xFE30 && c <= 0xFE4F) || (c >= 0xFF00 && c <= 0xFF60) ||
	       (c >= 0xFFE0 && c <= 0xFFE6) || (c >= 0x20000 && c <= 0x3FFFD);
}

int ui_cp_width(uint32_t cp)
{
	if (cp < 0x20 || (cp >= 0x7F && cp < 0xA0))
		return 1;
	int w = term_char_width(cp);
	if (w < 0)
		return is_wide(cp) ? 2 : 1;
	return w;
}

int ui_width(const char *s)
{
	int w = 0;
	uint32_t cp;
	while (*s) {
		s += ui_utf8_next(s, &cp);
		w += ui_cp_width(cp);
	}
	return w;
}

size_t ui_fit(const char *s, size_t len, int cols, int *used)
{
	size_t i = 0;
	int w = 0;
	uint32_t cp;
	while (i < len && s[i]) {
		size_t n = ui_utf8_next(s + i, &cp);
		int cw = ui_cp_width(cp);
		if (w + cw > cols || i + n > len)
			break;
		w += cw;
		i += n;
	}
	if (used)
		*used = w;
	return i;
}

/* Characters a line must not start with (kinsoku shori, JIS X 4051's
 * closing brackets, punctuation, iteration marks, the prolonged sound mark
 * and small kana; UAX #14 classes CL, CP, EX, IS, NS and CJ). */
static bool no_line_start(uint32_t c)
{
	static const uint32_t closing[] = {
	    0x3001, 0x3002, 0xFF0C, 0xFF0E, 0x300D, 0x300F, 0xFF09, 0x3011,
	    0x3015, 0x3009, 0x300B, 0xFF3D, 0xFF5D, 0xFF01, 0xFF1F, 0xFF1A,
	    0xFF1B, 0x30FB, 0x30FC, 0x3005, 0x309D, 0x309E, 0x30FD, 0x30FE,
	    0x2010, 0x301C, 0x3041, 0x3043, 0x3045, 0x3047, 0x3049, 0x3063,
	    0x3083, 0x3085, 0x3087, 0x308E, 0x3095, 0x3096, 0x30A1, 0x30A3,
	    0x30A5, 0x30A7, 0x30A9, 0x30C3, 0x30E3, 0x30E5, 0x30E7, 0x30EE,
	    0x30F5, 0x30F6, 0x201D, 0x2019, ')',    ']',    '}',    ',',
	    '.',    ':',    ';',    '!',    '?'};
	for (size_t i = 0; i < sizeof closing / sizeof closing[0]; i++)
		if (closing[i] == c)
			return true;
	return false;
}

/* Characters a line must not end with: opening brackets (UAX #14 OP). */
static bool no_line_end(uint32_t c)
{
	static const uint32_t opening[] = {
	    0x300C, 0x300E, 0xFF08, 0x3010, 0x3014, 0x3008, 0x300A,
	    0xFF3B, 0xFF5B, 0x201C, 0x2018, '(',    '[',    '{'};
	for (size_t i = 0; i < sizeof opening / sizeof opening[0]; i++)
		if (opening[i] == c)
			return true;
	return false;
}

/* The kinds of character the Japanese line breaking tells apart.
 *
 * Why not libunibreak: UAX #14 allows a break between any two ideographs
 * or kana (class ID), so it would still split 原因 and サーバー; what our
 * texts need beyond kinsoku is where a Japanese word ends, which no UAX
 * #14 library knows. And only libunibreak's binary package can be had
 * here, not its source, which the Windows (mingw) build would need. The
 * few classes our texts use fit in the tables above and below. */
enum ja_kind {
	JK_NARROW, /* Latin letters, digits, host names: words end at spaces */
	JK_HIRA,   /* hiragana: particles and endings */
	JK_KATA,   /* katakana words ("サーバー"), with ー and ・ */
	JK_HAN,	   /* kanji compounds ("確認"), with 々 */
	JK_PUNCT, /* wide closing punctuation and brackets: 、。」）！？ */
	JK_WIDE,  /* other wide characters (full-width Latin, symbols) */
};

static enum ja_kind ja_kind_of(uint32_t c)
{
	if (c >= 0x3041 && c <= 0x309F)
		return JK_HIRA;
	if ((c >= 0x30A0 && c <= 0x30FF) || (c >= 0x31F0 && c <= 0x31FF) ||
	    (c >= 0xFF66 && c <= 0xFF9F))
		return JK_KATA;
	if ((c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) ||
	    (c >= 0xF900 && c <= 0xFAFF) || (c >= 0x3005 && c <= 0x3007))
		return JK_HAN;
	if (ui_cp_width(c) != 2)
		return JK_NARROW;
	if (no_line_start(c) || no_line_end(c))
		return JK_PUNCT;
	return JK_WIDE;
}

/* Whether a line may break before b, between a and b (c follows b, 0 at
 * the end; z comes before a, 0 at the start), without breaking a word. Japanese
 * has no spaces, so the words are found by their script: a break comes after
 * closing punctuation, before an opening bracket, and where hiragana (a
 * particle or an ending: "を", "ます") is followed by a kanji, katakana or
 * Latin word — never inside a kanji compound (確認), a katakana word (サーバー)
 * or between a stem and its ending (選んで); a honorific お/ご stays with its
 * word, and one kana between kanji that is not a particle is part of the word
 * (置き換え, 受け取り). */
static bool is_particle(uint32_t c)
{
	static const uint32_t particles[] = {
	    0x3092, 0x304C, 0x306F, 0x306E, 0x306B,
	    0x3067, 0x3068, 0x3078, 0x3082, 0x3084}; /* をがはのにでとへもや */
	for (size_t i = 0; i < sizeof particles / sizeof particles[0]; i++)
		if (particles[i] == c)
			return true;
	return false;
}

static bool may_break_word(uint32_t z, uint32_t a, uint32_t b, uint32_t c)
{
	if (no_line_start(b) || no_line_end(a))
		return false;
	enum ja_kind ka = ja_kind_of(a), kb = ja_kind_of(b);
	if (ka == JK_NARROW && kb == JK_NARROW)
		return false; /* English breaks at spaces only */
	if (ka == JK_PUNCT)   /* but 」で, ）と: the particle stays */
		return kb != JK_HIRA || a == 0x3001 || a == 0x3002 ||
		       a == 0xFF01 || a == 0xFF1F;
	if (no_line_end(b))
		return true;
	if (ka == JK_HIRA) {
		if (kb == JK_HIRA)
			return (b == 0x304A || b == 0x3054) && c &&
			       ja_kind_of(c) == JK_HAN; /* を|ご確認 */
		if (kb == JK_HAN && ja_kind_of(z) == JK_HAN && !is_particle(a))
			return false; /* 置き|換え: okurigana */
		return !((a == 0x304A || a == 0x3054) && kb == JK_HAN);
	}
	if (ka == JK_NARROW)
		return kb == JK_HAN || kb == JK_KATA || kb == JK_WIDE;
	if (ka == JK_WIDE || kb == JK_WIDE)
		return true;
	return false;
}

/* Whether a line may break between a and b at all, inside a word that is
 * longer than the line: between wide characters, keeping kinsoku, and
 * after a "/" of a path (or a "\" of a Windows path:
 * C:\Users\田中花子\AppData\Roaming\Thunderbird\Profiles\… is wider than
 * a console of 80 columns). */
static bool may_break_char(uint32_t a, uint32_t b)
{
	if (no_line_start(b) || no_line_end(a))
		return false;
	return a == '/' || a == '\\' || ui_cp_width(a) == 2 ||
	       ui_cp_width(b) == 2;
}

size_t ui_wrap(const char *s, int cols, struct ui_span *out, size_t max)
{
	size_t n = 0, len = strlen(s), i = 0;
	if (cols < 2)
		cols = 2;
	do {
		size_t start = i, end = len, next = len;
		size_t brk = 0, resume = 0, cbrk = 0; /* word, char breaks */
		bool have_brk = false, have_cbrk = false;
		int w = 0;
		uint32_t prev = 0, prev2 = 0;
		while (i < len) {
			uint32_t cp, after = 0;
			size_t k = ui_utf8_next(s + i, &cp);
			if (i + k < len)
				ui_utf8_next(s + i + k, &after);
			int cw = ui_cp_width(cp);
			if (cp == '\n') {
				end = i;
				next = i + 1;
				break;
			}
			/* a space before a particle ("SSL/TLS を") keeps
			 * the particle with its word */
			bool space = cp == ' ' && ja_kind_of(after) != JK_HIRA;
			bool word = i > start && cp != ' ' && prev != ' ' &&
				    may_break_word(prev2, prev, cp, after);
			bool chr =
			    i > start && cp != ' ' && may_break_char(prev, cp);
			if (w + cw > cols) {
				if (space || word) {
					end = i;
					next = i + space;
				} else if (have_brk) {
					end = brk;
					next = resume;
				} else if (chr) { /* a word longer than the
						     line, at a character */
					end = i;
					next = i;
				} else if (have_cbrk) {
					end = cbrk;
					next = cbrk;
				} else { /* nowhere allowed: cut */
					end = i;
					next = i;
				}
				while (next < len && s[next] == ' ')
					next++;
				break;
			}
			if (space) {
				brk = i;
				resume = i + 1;
				have_brk = true;
			} else if (word) {
				brk = i;
				resume = i;
				have_brk = true;
			}
			if (chr) {
				cbrk = i;
				have_cbrk = true;
			}
			prev2 = prev;
			prev = cp;
			w += cw;
			i += k;
		}
		while (end > start && s[end - 1] == ' ')
			end--;
		if (n < max) {
			out[n].start = start;
			out[n].len = end - start;
		}
		n++;
		i = next;
	} while (i < len);
	return n;
}

int ui_widest_word(const char *s)
{
	int best = 0, cur = 0;
	uint32_t z = 0, a = 0, cp;
	for (const char *p = s ? s : ""; *p;) {
		p += ui_utf8_next(p, &cp);
		uint32_t c = 0;
		if (*p)
			ui_utf8_next(p, &c);
		if (cp == ' ' || cp == '\n') {
			cur = 0;
		} else {
			if (a == '/' || a == '\\' ||
			    (a && a != ' ' && a != '\n' &&
			     may_break_word(z, a, cp, c)))
				cur = 0;
			cur += ui_cp_width(cp);
		}
		if (cur > best)
			best = cur;
		z = a;
		a = cp;
	}
	return best;
}

/* ASCII look-alikes of the typographic characters the texts use. */
static const char *ascii_for(uint32_t c)
{
	switch (c) {
	case 0x2013:
	case 0x2014:
	case 0x2015:
	case 0x2500:
		return "-";
	case 0x2192:
		return "->";
	case 0x2190:
		return "<-";
	case 0x2191:
		return "^";
	case 0x2193:
		return "v";
	case 0x2713:
	case 0x2714:
		return "OK";
	case 0x2717:
	case 0x2718:
		return "NG";
	case 0x2026:
		return "...";
	case 0x201C:
	case 0x201D:
	case 0x300C:
	case 0x300D:
		return "\"";
	case 0x2018:
	case 0x2019:
		return "'";
	case 0x00A0:
	case 0x3000:
		return " ";
	case 0x2022:
	case 0x30FB:
		return "*";
	case 0x00D7:
		return "x";
	}
	return "?";
}

char *ui_ascii_dup(const char *s)
{
	size_t cap = strlen(s) * 3 + 1, o = 0;
	char *d = malloc(cap);
	if (!d)
		return NULL;
	while (*s) {
		uint32_t cp;
		size_t k = ui_utf8_next(s, &cp);
		if (cp < 0x80) {
			d[o++] = (char)cp;
		} else {
			const char *a = ascii_for(cp);
			size_t al = strlen(a);
			memcpy(d + o, a, al); /* al <= 3 <= bytes of cp * 3 */
			o += al;
		}
		s += k;
	}
	d[o] = '\0';
	return d;
}
