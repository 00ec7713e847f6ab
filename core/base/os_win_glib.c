/* os_win_glib.c — GLib's messages on Windows, written as the UTF-8 they are.
 * GLib's own writer converts a message to the console's code page, which it
 * asks GetConsoleOutputCP() for; when stderr is a pipe (a test under wine, a
 * redirected run) that call fails, GLib warns about it, and the warning goes
 * through the same writer again: the warning recursed until GLib aborted
 * (test_tb_accounts under wine). This writer, installed before main(), does
 * no charset conversion at all. Built only by the Windows build (issue 17). */
#ifdef _WIN32

#include <glib.h>

#include <stdio.h>
#include <string.h>

static const char *level_word(GLogLevelFlags level)
{
	if (level & G_LOG_LEVEL_ERROR)
		return "ERROR";
	if (level & G_LOG_LEVEL_CRITICAL)
		return "CRITICAL";
	if (level & G_LOG_LEVEL_WARNING)
		return "WARNING";
	if (level & G_LOG_LEVEL_MESSAGE)
		return "Message";
	if (level & G_LOG_LEVEL_INFO)
		return "INFO";
	return "DEBUG";
}

static GLogWriterOutput write_plain(GLogLevelFlags level,
				    const GLogField *fields, gsize n,
				    gpointer unused)
{
	(void)unused;
	const char *domain = NULL, *msg = NULL;
	for (gsize i = 0; i < n; i++) {
		if (strcmp(fields[i].key, "GLIB_DOMAIN") == 0)
			domain = fields[i].value;
		else if (strcmp(fields[i].key, "MESSAGE") == 0)
			msg = fields[i].value;
	}
	if (g_log_writer_default_would_drop(level, domain))
		return G_LOG_WRITER_HANDLED;
	/* Bytes as they are: no g_get_console_charset(), no g_strerror(). */
	fprintf(stderr, "%s%s%s: %s\n", domain ? domain : "", domain ? "-" : "",
		level_word(level), msg ? msg : "(no message)");
	fflush(stderr);
	return G_LOG_WRITER_HANDLED;
}

__attribute__((constructor)) static void os_win_glib_init(void)
{
	g_log_set_writer_func(write_plain, NULL, NULL);
}

#endif /* _WIN32 */
