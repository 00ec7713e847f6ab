/* cmdline.c — build the command lines maildoctor tells people to type. */
#include "app/cmdline.h"

#include <glib.h>
#include <stdlib.h>
#include <string.h>

/* Characters a POSIX shell takes literally in a word. */
static bool plain_word(const char *s)
{
	if (!*s)
		return false;
	for (const char *p = s; *p; p++)
		if (!strchr(
			"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
			"0123456789_-./:=@%+,",
			*p))
			return false;
	return true;
}

static void add_word(GString *g, const char *s)
{
	if (g->len)
		g_string_append_c(g, ' ');
	if (plain_word(s)) {
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

static char *take(GString *g)
{
	char *s = strdup(g->str);
	g_string_free(g, TRUE);
	return s;
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
