/* ui_text.h — display width and line wrapping of UTF-8 text for the
 * terminal: Japanese wide characters count two columns, lines break at
 * spaces in English and between words in Japanese, and an ASCII form of
 * the text for terminals that cannot show anything else. */
#ifndef MD_UI_TEXT_H
#define MD_UI_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Decode one UTF-8 character of s (which is not at its NUL). *cp gets the
 * code point (U+FFFD for a bad byte). Returns the bytes used (>= 1). */
size_t ui_utf8_next(const char *s, uint32_t *cp);

/* Columns code point cp takes on the terminal: 0, 1 or 2 (control
 * characters and unknown ones count 1, as they are drawn replaced). */
int ui_cp_width(uint32_t cp);

/* Columns the whole string takes. */
int ui_width(const char *s);

/* Bytes of the longest prefix of s (at most len bytes) that fits in cols
 * columns; *used (may be NULL) gets its width. */
size_t ui_fit(const char *s, size_t len, int cols, int *used);

/* One wrapped line: bytes [start, start + len) of the text. */
struct ui_span {
	size_t start;
	size_t len;
};

/* Wrap s into lines of at most cols columns (cols >= 2). Breaks at
 * spaces (which are dropped at the break) and, in Japanese, between words:
 * after 、。 and closing brackets, before opening ones, and after a
 * particle or ending in hiragana that precedes a kanji, katakana or Latin
 * word — never inside "確認", "サーバー" or "選んで". Kinsoku: a line
 * never starts with "、。」）ー", a small kana or ")", never ends with
 * "「（". Inside a word only when the word is longer than a line (between
 * wide characters first, keeping kinsoku). A newline in s ends a line.
 * Fills up to max spans and returns how many lines there are in all
 * (which may exceed max). */
size_t ui_wrap(const char *s, int cols, struct ui_span *out, size_t max);

/* Columns of the widest piece of s that ui_wrap keeps on one line when it
 * can: a word between spaces, a Japanese word between its break points,
 * a part of a path between "/". */
int ui_widest_word(const char *s);

/* A heap copy of s in which every character outside ASCII is replaced by
 * an ASCII look-alike ("—" by "-", "→" by "->", "✓" by "OK", …) or "?".
 * NULL when out of memory; the caller frees. */
char *ui_ascii_dup(const char *s);

#endif
