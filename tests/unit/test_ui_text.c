/* test_ui_text.c — widths and wrapping of UTF-8 text for the terminal:
 * Japanese wide characters, simple kinsoku, long words, hostile bytes, and
 * the ASCII form for terminals without UTF-8. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "tui/ui_text.h"

#include <locale.h>
#include <stdlib.h>
#include <string.h>

/* Every line of s wrapped at cols fits, and the lines put together give s
 * back but for the spaces and newlines at the breaks. */
static size_t check_wrap(const char *s, int cols)
{
	struct ui_span sp[512];
	size_t n = ui_wrap(s, cols, sp, 512);
	assert_true(n >= 1 && n <= 512);
	char joined[4096] = "", stripped[4096] = "";
	size_t o = 0;
	for (size_t i = 0; i < n; i++) {
		char line[1024];
		assert_true(sp[i].len < sizeof line);
		memcpy(line, s + sp[i].start, sp[i].len);
		line[sp[i].len] = '\0';
		assert_true(ui_width(line) <= cols);
		for (size_t k = 0; k < sp[i].len; k++)
			if (line[k] != ' ')
				joined[o++] = line[k];
	}
	joined[o] = '\0';
	o = 0;
	for (const char *p = s; *p; p++)
		if (*p != ' ' && *p != '\n')
			stripped[o++] = *p;
	stripped[o] = '\0';
	assert_string_equal(joined, stripped);
	return n;
}

static void test_ui_text_width(void **state)
{
	assert_int_equal(ui_width(""), 0);
	assert_int_equal(ui_width("abc"), 3);
	assert_int_equal(ui_width("あいう"), 6);
	assert_int_equal(ui_width("送信 smtp"), 9);
	assert_int_equal(ui_width("✓ ✗ → —"), 7);
	assert_int_equal(ui_width("ｶﾀｶﾅ"), 4); /* half-width katakana */
	assert_int_equal(ui_width("ＡＢ"), 4); /* full-width Latin */
}

static void test_ui_text_hostile_utf8(void **state)
{
	static const struct {
		const char *bytes;
		uint32_t cp;
		size_t len;
	} cases[] = {
	    {"\xc0\xaf", 0xFFFD, 1},	     /* overlong "/" */
	    {"\xe0\x80\xaf", 0xFFFD, 1},     /* overlong, 3 bytes */
	    {"\xed\xa0\x80", 0xFFFD, 1},     /* a surrogate */
	    {"\xf4\x90\x80\x80", 0xFFFD, 1}, /* above U+10FFFF */
	    {"\xe3\x81", 0xFFFD, 1},	     /* cut short */
	    {"\x80", 0xFFFD, 1},	     /* a lone continuation */
	    {"\xff", 0xFFFD, 1},
	    {"\xe3\x81\x82", 0x3042, 3}, /* あ */
	    {"\xf0\x9f\x93\xa7", 0x1F4E7, 4},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		uint32_t cp;
		assert_int_equal(ui_utf8_next(cases[i].bytes, &cp),
				 cases[i].len);
		assert_int_equal(cp, cases[i].cp);
	}
	/* bad bytes count one column each and never stop the wrap */
	assert_int_equal(ui_width("a\xff\xfe"
				  "b"),
			 4);
	check_wrap("\xff\xfe\xfd\xfc\xfb\xfa\xf9\xf8 \xe3\x81", 3);
}

static void test_ui_text_wrap_english(void **state)
{
	const char *s = "maildoctor looks at the email settings on this "
			"computer and finds out why.";
	struct ui_span sp[16];
	size_t n = ui_wrap(s, 20, sp, 16);
	assert_int_equal(n, check_wrap(s, 20));
	/* breaks at spaces: no line starts or ends with one */
	for (size_t i = 0; i < n; i++) {
		assert_true(sp[i].len > 0);
		assert_true(s[sp[i].start] != ' ');
		assert_true(s[sp[i].start + sp[i].len - 1] != ' ');
	}
	assert_int_equal(
	    strncmp(s + sp[0].start, "maildoctor looks at", sp[0].len), 0);
	/* a word longer than the line is cut, a path after a "/" */
	const char *path = "/tmp/a/very/long/path/without/any/space";
	n = ui_wrap(path, 10, sp, 16);
	assert_int_equal(n, check_wrap(path, 10));
	assert_int_equal(n,
			 5); /* /tmp/a/ very/long/ path/ without/ any/space */
	for (size_t i = 0; i + 1 < n; i++)
		assert_int_equal(path[sp[i].start + sp[i].len - 1], '/');
	/* a Windows path, after a "\\" */
	const char *wpath = "C:\\Users\\Taro\\AppData\\Roaming\\Thunderbird";
	n = ui_wrap(wpath, 12, sp, 16);
	assert_int_equal(n, check_wrap(wpath, 12));
	/* C:\Users\ Taro\ AppData\ Roaming\ Thunderbird */
	assert_int_equal(n, 5);
	for (size_t i = 0; i + 1 < n; i++)
		assert_int_equal(wpath[sp[i].start + sp[i].len - 1], '\\');
	assert_int_equal(check_wrap("averyveryverylongword", 10), 3);
	/* newlines end lines; an empty text is one empty line */
	assert_int_equal(check_wrap("one\ntwo", 40), 2);
	assert_int_equal(ui_wrap("", 10, sp, 16), 1);
	assert_int_equal(sp[0].len, 0);
}

static void test_ui_text_wrap_japanese(void **state)
{
	const char *s =
	    "maildoctor は、このコンピューターのメールの設定を調べて"
	    "、メールが送れない原因を順を追って見つけます。";
	struct ui_span sp[128];
	for (int cols = 4; cols <= 40; cols++) {
		size_t n = ui_wrap(s, cols, sp, 128);
		assert_true(n <= 128);
		check_wrap(s, cols);
		for (size_t i = 1; i < n; i++) {
			/* no line starts with 、 or 。 */
			assert_true(strncmp(s + sp[i].start, "、", 3) != 0);
			assert_true(strncmp(s + sp[i].start, "。", 3) != 0);
		}
	}
	/* lines are filled: ten wide characters in 20 columns */
	ui_wrap("あいうえおかきくけこさしすせそ", 20, sp, 128);
	assert_int_equal(sp[0].len, 30); /* ten characters of 3 bytes */
	/* Japanese breaks between characters, English words stay whole */
	ui_wrap("送信サーバー smtpa.jcom.zaq.ne.jp", 16, sp, 128);
	assert_int_equal(sp[0].len, strlen("送信サーバー"));
}

/* Japanese is broken only between words: never inside a kanji compound,
 * a katakana word or a verb and its ending, never before 、。」）ー or a
 * small kana, never after 「（, and a particle stays with its word. */
static void test_ui_text_wrap_japanese_words(void **state)
{
	static const char *const texts[] = {
	    "maildoctor は、メールが送れない原因を調べて説明し、あなたの同意"
	    "のうえでメールソフトの設定を直します。",
	    "送信（SMTP）サーバーの設定で、ポート 587 と STARTTLS、または"
	    "ポート 465 と SSL/TLS を選んでください。",
	    "送信サーバーのユーザー名（多くはメールアドレス全体）とパスワード"
	    "を確認してください。",
	    "メールを送れないアカウントを選んで Enter を押してください。",
	    "「maildoctor --help」で使い方を確認してください。",
	    "変更の前に、設定ファイルのコピーをご確認ください。",
	};
	static const char *const words[] = {
	    "原因",	"選んで",     "サーバー", "確認",     "メール",
	    "ソフト",	"設定",	      "説明",	  "ユーザー", "パスワード",
	    "アドレス", "アカウント", "ください", "送れない", "ご確認",
	    "ファイル", "押して",     "直します",
	};
	static const char *const no_start[] = {"、", "。", "」", "）", "ー",
					       "っ", "ゃ", "を", "が", "の",
					       "て", "ん", "で"};
	static const char *const no_end[] = {"「", "（"};
	struct ui_span sp[128];
	for (size_t t = 0; t < sizeof texts / sizeof texts[0]; t++) {
		const char *s = texts[t];
		for (int cols = 20; cols <= 60; cols++) {
			size_t n = ui_wrap(s, cols, sp, 128);
			assert_true(n <= 128);
			check_wrap(s, cols);
			for (size_t i = 1; i < n; i++) {
				size_t at = sp[i].start;
				const char *l = s + at;
				for (size_t k = 0;
				     k < sizeof no_start / sizeof no_start[0];
				     k++)
					if (strncmp(l, no_start[k],
						    strlen(no_start[k])) == 0)
						fail_msg(
						    "%d cols: a line starts "
						    "with %s: %s",
						    cols, no_start[k], l);
				const char *e =
				    s + sp[i - 1].start + sp[i - 1].len;
				for (size_t k = 0;
				     k < sizeof no_end / sizeof no_end[0];
				     k++) {
					size_t wl = strlen(no_end[k]);
					if (e - wl >= s &&
					    strncmp(e - wl, no_end[k], wl) == 0)
						fail_msg("%d cols: a line ends "
							 "with %s",
							 cols, no_end[k]);
				}
				for (size_t k = 0;
				     k < sizeof words / sizeof words[0]; k++) {
					size_t wl = strlen(words[k]);
					for (const char *f =
						 strstr(s, words[k]);
					     f; f = strstr(f + 1, words[k]))
						if ((size_t)(f - s) < at &&
						    at < (size_t)(f - s) + wl)
							fail_msg("%d cols: %s "
								 "is broken: "
								 "%s",
								 cols, words[k],
								 l);
				}
			}
		}
	}
	/* lines are still filled: the break is at the last word that fits */
	size_t n = ui_wrap(texts[0], 32, sp, 128);
	assert_true(n >= 3);
	assert_true(sp[0].len >= strlen("maildoctor は、メールが送れない"));
}

/* The widest piece a line keeps whole: a host name, a Japanese word, a
 * part of a path; and a host name followed by a particle is never cut
 * when the line is narrower than both. */
static void test_ui_text_widest_word(void **state)
{
	assert_int_equal(ui_widest_word(""), 0);
	assert_int_equal(
	    ui_widest_word("send through smtpa.jcom.zaq.ne.jp now"), 20);
	assert_int_equal(ui_widest_word("/home/haha/.thunderbird/x"), 13);
	assert_int_equal(
	    ui_widest_word(
		"C:\\Users\\田中花子\\AppData\\Roaming\\Thunderbird"),
	    11);
	assert_int_equal(ui_widest_word("送信サーバー"), 12);
	assert_int_equal(ui_widest_word("ログイン方法"), 12);
	assert_int_equal(ui_widest_word("メールを送る"), 8); /* メールを|送る */
	struct ui_span sp[16];
	const char *s = "smtpa.jcom.zaq.ne.jp は、名前が引けない";
	size_t n = ui_wrap(s, 21, sp, 16);
	assert_true(n >= 2);
	assert_int_equal(sp[0].len, strlen("smtpa.jcom.zaq.ne.jp"));
}

static void test_ui_text_fit(void **state)
{
	int used;
	assert_int_equal(ui_fit("あいう", 9, 5, &used), 6); /* not half of い */
	assert_int_equal(used, 4);
	assert_int_equal(ui_fit("abc", 3, 10, &used), 3);
	assert_int_equal(used, 3);
	assert_int_equal(ui_fit("abc", 2, 10, NULL), 2); /* len limits */
	assert_int_equal(ui_fit("あ", 2, 10, NULL), 0);	 /* not a part */
}

static void test_ui_text_ascii(void **state)
{
	static const char *const cases[][2] = {
	    {"✓ works", "OK works"},
	    {"✗ no answer", "NG no answer"},
	    {"smtp2 → smtp1", "smtp2 -> smtp1"},
	    {"name <a@b> — sends", "name <a@b> - sends"},
	    {"checking…", "checking..."},
	    {"“quoted”", "\"quoted\""},
	    {"日本", "??"},
	    {"plain", "plain"},
	    {"\xff", "?"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char *a = ui_ascii_dup(cases[i][0]);
		assert_non_null(a);
		assert_string_equal(a, cases[i][1]);
		free(a);
	}
}

int main(void)
{
	setlocale(LC_ALL, "C.UTF-8");
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_ui_text_width),
	    cmocka_unit_test(test_ui_text_hostile_utf8),
	    cmocka_unit_test(test_ui_text_wrap_english),
	    cmocka_unit_test(test_ui_text_wrap_japanese),
	    cmocka_unit_test(test_ui_text_wrap_japanese_words),
	    cmocka_unit_test(test_ui_text_widest_word),
	    cmocka_unit_test(test_ui_text_fit),
	    cmocka_unit_test(test_ui_text_ascii),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
