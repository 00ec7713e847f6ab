/* cmdline.c — build the command lines maildoctor tells people to type:
 * each word quoted for the shell they will type it into, POSIX sh on
 * Linux, cmd.exe on Windows (both quoters are built on both systems, so
 * that the Linux unit tests check each). */
#include "app/cmdline.h"

#include <glib.h>
#include <stdlib.h>
#include <string.h>

/* Characters neither a POSIX shell nor cmd.exe (and the C runtime's
 * parse of the command line) treats specially in a word. '%' is left
 * to the POSIX quoter's set alone: cmd.exe expands %NAME%. */
static bool plain_word(const char *s, const char *also)
{
	if (!*s)
		return false;
	for (const char *p = s; *p; p++)
		if (!strchr(
			"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
			"0123456789_-./:=@+,",
			*p) &&
		    !strchr(also, *p))
			return false;
	return true;
}

/* POSIX sh: the word in single quotes, a ' inside as '\''. */
static void add_sh(GString *g, const char *s)
{
	if (plain_word(s, "%")) {
		g_string_append(g, s);
		return;
	}
	g_string_append_c(g, '\'');
	for (const char *p = s; *p; p++)
		if (*p == '\'')
			g_string_append(g, "'\\''");
		else
			g_string_append_c(g, *p);
	g_string_append_c(g, '\'');
}

/* n backslashes; doubled when a quote follows them (the C runtime's
 * rule: 2n backslashes and a quote are n backslashes and a quote that
 * opens or closes; 2n+1 and a quote, n backslashes and a literal quote). */
static void add_backslashes(GString *g, size_t n, bool before_quote)
{
	for (size_t i = 0; i < (before_quote ? 2 * n : n); i++)
		g_string_append_c(g, '\\');
}

/* cmd.exe, then the program's own parse of its command line (the C
 * runtime's, CommandLineToArgvW's rules): the word in double quotes,
 * inside which cmd.exe takes & | < > ^ ( ) and spaces literally. Two
 * characters cannot stay inside: '%' (cmd.exe expands %NAME% even
 * there) is written outside the quotes as ^%, which cmd.exe takes as
 * a literal %, and '"' (cmd.exe would end its quoting) as \^" outside
 * them: ^" a literal quote for cmd.exe, \" one for the runtime.
 * Sources: "Everyone quotes command line arguments the wrong way"
 * (Microsoft, Daniel Colascione) and "Parsing C command-line arguments"
 * (learn.microsoft.com, cpp/c-language). */
static void add_cmd(GString *g, const char *s)
{
	if (plain_word(s, "\\")) {
		g_string_append(g, s);
		return;
	}
	bool open = false;
	size_t bs = 0; /* backslashes not yet written */
	if (!*s)
		g_string_append(g, "\"\"");
	for (const char *p = s; *p; p++) {
		if (*p == '\\') {
			bs++;
			continue;
		}
		if (*p == '%' || *p == '"') {
			add_backslashes(g, bs, open || *p == '"');
			if (open)
				g_string_append_c(g, '"');
			open = false;
			g_string_append(g, *p == '%' ? "^%" : "\\^\"");
		} else {
			if (!open)
				g_string_append_c(g, '"');
			open = true;
			add_backslashes(g, bs, false);
			g_string_append_c(g, *p);
		}
		bs = 0;
	}
	add_backslashes(g, bs, open);
	if (open)
		g_string_append_c(g, '"');
}

static void add_word(GString *g, const char *s)
{
	if (g->len)
		g_string_append_c(g, ' ');
#ifdef _WIN32
	add_cmd(g, s);
#else
	add_sh(g, s);
#endif
}

static char *take(GString *g)
{
	char *s = strdup(g->str);
	g_string_free(g, TRUE);
	return s;
}

char *cmdline_quote_sh(const char *s)
{
	GString *g = g_string_new(NULL);
	add_sh(g, s);
	return take(g);
}

char *cmdline_quote_cmd(const char *s)
{
	GString *g = g_string_new(NULL);
	add_cmd(g, s);
	return take(g);
}

char *cmdline_quote(const char *s)
{
	GString *g = g_string_new(NULL);
	add_word(g, s);
	return take(g);
}
char *cmdline_build(const struct app *app, unsigned carry, const char *profile,
		    const char *const *words)
{
	GString *g = g_string_new(NULL);
	add_word(g, "maildoctor");
	for (const char *const *w = words; w && *w; w++)
		add_word(g, *w);
	if (profile) {
		add_word(g, "--profile");
		add_word(g, profile);
	} else if (carry & CMDLINE_SOURCES) {
		for (int i = 0; i < app->n_profiles; i++) {
			add_word(g, "--profile");
			add_word(g, app->profiles[i]);
		}
	}
	if (carry & CMDLINE_SOURCES)
		for (int i = 0; i < app->n_outlook; i++) {
			add_word(g, "--outlook");
			add_word(g, app->outlook[i]);
		}
	if (carry & CMDLINE_CHECK) {
		if (app->offline)
			add_word(g, "--offline");
		if (app->insecure)
			add_word(g, "--insecure");
		if (app->resolver) {
			add_word(g, "--resolver");
			add_word(g, app->resolver);
		}
		if (app->ca_file) {
			add_word(g, "--ca-file");
			add_word(g, app->ca_file);
		}
		if (app->timeout_s > 0) {
			char t[32];
			g_ascii_formatd(t, sizeof t, "%g", app->timeout_s);
			add_word(g, "--timeout");
			add_word(g, t);
		}
	}
	if (app->lang) {
		add_word(g, "--lang");
		add_word(g, app->lang);
	}
	return take(g);
}

char *cmdline_apply(const struct app *app, const char *fix_id)
{
	const char *words[] = {"fix", "--apply", fix_id, NULL};
	return cmdline_build(app, CMDLINE_SOURCES | CMDLINE_CHECK, NULL, words);
}
