/* options.c — the table of options and what is made from it. */
#include "app/options.h"

#include "core/base/i18n.h"

#include <string.h>

#define ALL	 "*"
#define READERS	 "wizard accounts check fix"
#define CHECKERS "wizard check fix probe"

/* clang-format off */
const struct app_option options_table[] = {
	{OPT_PROFILE, "profile", 0, "DIR",
	 N_("read this Thunderbird profile folder"),
	 "A profile folder (holding prefs.js) or a profile root (holding "
	 "profiles.ini), instead of looking for profiles. May be repeated.",
	 READERS},
	{OPT_OUTLOOK, "outlook", 0, "FILE",
	 N_("read this Outlook .reg, .prf or Autodiscover file"),
	 "An Outlook registry export (.reg), profile file (.prf) or "
	 "Autodiscover response. May be repeated.",
	 READERS},
	{OPT_OFFLINE, "offline", 0, NULL,
	 N_("only read and judge the settings; no network use"), NULL,
	 READERS},
	{OPT_JSON, "json", 0, NULL, N_("print results as JSON"),
	 "The formats are in README.md.", "accounts check fix probe explain"},
	{OPT_PLAIN, "plain", 0, NULL,
	 N_("numbered lines instead of the full-screen wizard"),
	 "Each step as lines on standard output, answered one per line on "
	 "standard input; used by itself when either is not a terminal.",
	 "wizard"},
	{OPT_LANG, "lang", 0, "ja|en",
	 N_("choose the language (default: from the locale)"),
	 "ja, ja_JP, ja-JP or ja_JP.UTF-8 (in any case), en likewise; without "
	 "it the locale decides (LANGUAGE, LC_ALL, LC_MESSAGES, LANG).",
	 ALL},
	{OPT_RESOLVER, "resolver", 0, "ADDR", N_("use this DNS server"), NULL,
	 CHECKERS},
	{OPT_CA_FILE, "ca-file", 0, "FILE",
	 N_("also trust the certificates in this file"),
	 "Added to the system's trusted certificates, also for settings "
	 "discovery over HTTPS.",
	 CHECKERS},
	{OPT_TIMEOUT, "timeout", 0, "S",
	 N_("give up on a server after S seconds"),
	 "More than 0 and at most 600.", CHECKERS},
	{OPT_INSECURE, "insecure", 0, NULL,
	 N_("experts only: go on when a certificate fails; every result is "
	    "then marked unverified"),
	 "TLS 1.0/1.1 or a certificate that fails verification no longer "
	 "stops a probe. What verification found is still reported; each row "
	 "and the summary say that certificates were NOT checked, the JSON "
	 "has \"insecure\": true and tls.verified false, and no fix counts as "
	 "verified (fix \\-\\-apply warns first). The password is not sent "
	 "past a certificate that failed unless \\-\\-allow\\-plaintext\\-auth "
	 "is given too. Settings discovery over HTTPS is always verified.",
	 CHECKERS},
	{OPT_PASSWORD_STDIN, "password-stdin", 0, NULL,
	 N_("read the password from standard input (one address only)"),
	 "check: the address's outgoing server gets a login and a dry run; "
	 "probe: with \\-\\-user. No message is sent; the password is never "
	 "shown or saved.",
	 "check probe"},
	{OPT_AUTH_PLAINTEXT, "allow-plaintext-auth", 0, NULL,
	 N_("allow the login on a connection that is not encrypted"),
	 "Without it the password is never sent before TLS "
	 "(auth: not\\-tried\\-insecure).",
	 "check probe"},
	{OPT_LIST, "list", 0, NULL, N_("list the fixes the check offers"), NULL,
	 "fix"},
	{OPT_APPLY, "apply", 0, "ID",
	 N_("apply this fix, after the same check"), NULL, "fix"},
	{OPT_UNDO, "undo", 0, NULL,
	 N_("restore the files of the last fix, byte for byte"), NULL, "fix"},
	{OPT_FORCE, "force", 0, NULL,
	 N_("undo even when the file changed after the fix"), NULL, "fix"},
	{OPT_TB_CLOSED, "thunderbird-closed", 0, NULL,
	 N_("say that Thunderbird is closed, where maildoctor cannot tell "
	    "(Windows's Thunderbird, from WSL)"),
	 NULL, "fix wizard"},
	{OPT_PROTOCOL, "protocol", 0, "smtp|imap|pop3",
	 N_("the protocol to speak (default: from the port)"), NULL, "probe"},
	{OPT_SECURITY, "security", 0, "MODE",
	 N_("plain, starttls, tls or auto (default: from the port)"), NULL,
	 "probe"},
	{OPT_TLS, "tls", 0, NULL, N_("the same as --security tls"), NULL,
	 "probe"},
	{OPT_STARTTLS, "starttls", 0, NULL,
	 N_("the same as --security starttls"), NULL, "probe"},
	{OPT_NO_TLS, "no-tls", 0, NULL, N_("the same as --security plain"),
	 NULL, "probe"},
	{OPT_IPV4, "ipv4", '4', NULL, N_("IPv4 addresses only"), NULL, "probe"},
	{OPT_IPV6, "ipv6", '6', NULL, N_("IPv6 addresses only"), NULL, "probe"},
	{OPT_USER, "user", 0, "U", N_("log in as U (with --password-stdin)"),
	 NULL, "probe"},
	{OPT_FROM, "from", 0, "ADDR",
	 N_("ask whether the server takes mail from ADDR (no message is "
	    "sent)"),
	 NULL, "probe"},
	{OPT_RCPT, "rcpt", 0, "ADDR",
	 N_("ask whether the server takes mail for ADDR (no message is "
	    "sent)"),
	 NULL, "probe"},
	{OPT_TRANSCRIPT, "transcript", 0, NULL,
	 N_("show what was said, with passwords hidden"), NULL, "probe"},
	{OPT_HELP, "help", 'h', NULL, N_("show this help"), NULL, ALL},
	{OPT_VERSION, "version", 'V', NULL, N_("show the version"), NULL, ALL},
	{0, NULL, 0, NULL, NULL, NULL, NULL},
};
/* clang-format on */

const struct app_option *options_find(enum app_opt id)
{
	for (const struct app_option *o = options_table; o->name; o++)
		if (o->id == id)
			return o;
	return NULL;
}

bool options_taken_by(const struct app_option *o, const char *cmd)
{
	if (strcmp(o->commands, ALL) == 0)
		return true;
	size_t n = strlen(cmd);
	for (const char *p = o->commands; (p = strstr(p, cmd)); p += n)
		if ((p == o->commands || p[-1] == ' ') &&
		    (p[n] == ' ' || p[n] == '\0'))
			return true;
	return false;
}

void options_getopt(struct option *out, char *shorts, size_t n_shorts,
		    const char *prefix)
{
	size_t k = 0, s = strlen(prefix);
	memcpy(shorts, prefix, s + 1);
	for (const struct app_option *o = options_table; o->name; o++) {
		out[k++] = (struct option){
		    o->name, o->arg ? required_argument : no_argument, NULL,
		    (int)o->id};
		if (o->key && s + 1 < n_shorts) {
			shorts[s++] = o->key;
			shorts[s] = '\0';
		}
	}
	out[k] = (struct option){NULL, 0, NULL, 0};
}

int options_short_id(int c)
{
	for (const struct app_option *o = options_table; o->name; o++)
		if (o->key && o->key == c)
			return (int)o->id;
	return c;
}

/* "-4, --ipv4" or "    --profile DIR" */
static void left(const struct app_option *o, char *buf, size_t n)
{
	char key[8] = "    ";
	if (o->key)
		snprintf(key, sizeof key, "-%c, ", o->key);
	snprintf(buf, n, "%s--%s%s%s", key, o->name, o->arg ? " " : "",
		 o->arg ? o->arg : "");
}

void options_print_help(FILE *f, const char *cmd)
{
	int width = 0;
	char buf[64];
	for (const struct app_option *o = options_table; o->name; o++) {
		if (cmd && !options_taken_by(o, cmd))
			continue;
		left(o, buf, sizeof buf);
		if ((int)strlen(buf) > width)
			width = (int)strlen(buf);
	}
	for (const struct app_option *o = options_table; o->name; o++) {
		if (cmd && !options_taken_by(o, cmd))
			continue;
		left(o, buf, sizeof buf);
		fprintf(f, "  %-*s  %s\n", width, buf, _(o->help));
	}
}

/* s with '-' as "\-" (troff's minus, which man pages use in options). */
static void troff(FILE *f, const char *s)
{
	for (; *s; s++)
		if (*s == '-')
			fputs("\\-", f);
		else
			fputc(*s, f);
}

void options_print_man(FILE *f)
{
	fputs(".SH OPTIONS\n", f);
	for (const struct app_option *o = options_table; o->name; o++) {
		fputs(".TP\n", f);
		if (o->key) {
			fprintf(f, ".BR \\-%c \", \" ", o->key);
			troff(f, "--");
			troff(f, o->name);
			fputc('\n', f);
		} else if (o->arg) {
			fputs(".BI ", f);
			troff(f, "--");
			troff(f, o->name);
			fprintf(f, " \" %s\"\n", o->arg);
		} else {
			fputs(".B ", f);
			troff(f, "--");
			troff(f, o->name);
			fputc('\n', f);
		}
		/* The help sentence, capitalised, as a sentence. */
		char first[2] = {o->help[0], '\0'};
		if (first[0] >= 'a' && first[0] <= 'z')
			first[0] = (char)(first[0] - 'a' + 'A');
		troff(f, first);
		troff(f, o->help + 1);
		fputs(".\n", f);
		if (o->man)
			fprintf(f, "%s\n", o->man);
		if (strcmp(o->commands, ALL) == 0)
			fputs("Every command.\n", f);
		else {
			fputs("Commands: ", f);
			for (const char *p = o->commands; *p; p++)
				fputs(*p == ' ' ? ", " : (char[]){*p, 0}, f);
			fputs(".\n", f);
		}
	}
}
