/* fix_outlook.c — the .reg and the typed steps that carry a fix to Outlook. */
#include "fix_outlook.h"

#include "clientcfg/outlook_reg.h"
#include "clientcfg/safe_write.h"
#include "core/i18n.h"

#include <errno.h>
#include <fcntl.h>
#include <glib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* PROP_SMTP_SECURE_CONNECTION: 0 none, 1 SSL (implicit TLS), 2 TLS
 * (STARTTLS). */
static unsigned secure_connection(enum acct_security s)
{
	return s == ACCT_SEC_TLS ? 1 : s == ACCT_SEC_STARTTLS ? 2 : 0;
}

/* "Name"=hex:… holding s as UTF-16LE with its terminating 00,00, wrapped
 * as regedit wraps it. */
static bool put_hex_string(GString *o, const char *name, const char *s)
{
	gsize n = 0;
	gchar *u16 = g_convert(s, -1, "UTF-16LE", "UTF-8", NULL, &n, NULL);
	if (!u16)
		return false;
	size_t line_start = o->len;
	g_string_append_printf(o, "\"%s\"=hex:", name);
	for (gsize i = 0; i < n + 2; i++) {
		unsigned char b = i < n ? (unsigned char)u16[i] : 0;
		bool last = i + 1 == n + 2;
		if (o->len - line_start + 3 > OUTLOOK_REG_WRAP - 3) {
			g_string_append(o, "\\\r\n" OUTLOOK_REG_INDENT);
			line_start = o->len - strlen(OUTLOOK_REG_INDENT);
		}
		g_string_append_printf(o, "%02x%s", b, last ? "" : ",");
	}
	g_string_append(o, "\r\n");
	g_free(u16);
	return true;
}

enum md_status fix_outlook_reg(const struct fix *f, const char *locator,
			       char **out, size_t *len, struct md_err *err)
{
	*out = NULL;
	*len = 0;
	if (!locator || !f->server.host || strpbrk(locator, "[]\r\n"))
		return md_err_set(err, MD_ERR_USAGE, NULL, 0,
				  _("the Outlook account's registry key is not "
				    "known"));
	GString *o = g_string_new(OUTLOOK_REG_HEADER5 "\r\n\r\n");
	g_string_append_printf(o, "[%s]\r\n", locator);
	bool ok = put_hex_string(o, "SMTP Server", f->server.host);
	g_string_append_printf(o, "\"SMTP Port\"=dword:%08x\r\n",
			       (unsigned)f->server.port);
	g_string_append_printf(o, "\"SMTP Secure Connection\"=dword:%08x\r\n",
			       secure_connection(f->server.security));
	g_string_append_printf(o, "\"SMTP Use Auth\"=dword:%08x\r\n",
			       f->server.auth == ACCT_AUTH_NONE ? 0u : 1u);
	/* PROP_SMTP_AUTH_METHOD: 1 = its own user name and password. */
	if (f->server.auth != ACCT_AUTH_NONE && f->server.user)
		g_string_append(o, "\"SMTP Auth Method\"=dword:00000001\r\n");
	if (ok && f->server.user)
		ok = put_hex_string(o, "SMTP User", f->server.user);
	g_string_append(o, "\r\n");
	gsize n = 0;
	gchar *u16 = ok ? g_convert(o->str, (gssize)o->len, "UTF-16LE", "UTF-8",
				    NULL, &n, NULL)
			: NULL;
	g_string_free(o, TRUE);
	if (!u16)
		return md_err_set(err, MD_ERR_INTERNAL, NULL, 0,
				  _("the values cannot be written as UTF-16"));
	char *buf = malloc(n + 2);
	if (!buf) {
		g_free(u16);
		return md_err_set(err, MD_ERR_NOMEM, NULL, 0, NULL);
	}
	buf[0] = (char)0xFF; /* the byte order mark regedit writes */
	buf[1] = (char)0xFE;
	memcpy(buf + 2, u16, n);
	g_free(u16);
	*out = buf;
	*len = n + 2;
	return MD_OK;
}

enum md_status fix_outlook_write(const struct fix *f, const char *locator,
				 const char *dir, char **path,
				 struct md_err *err)
{
	*path = NULL;
	char *data;
	size_t len;
	enum md_status st = fix_outlook_reg(f, locator, &data, &len, err);
	if (st != MD_OK)
		return st;
	for (int i = 1; i < 100 && !*path; i++) {
		char *name = i == 1 ? g_strdup_printf("maildoctor-%s.reg", f->id)
				    : g_strdup_printf("maildoctor-%s-%d.reg",
						      f->id, i);
		for (char *c = name; *c; c++)
			if (*c == '/')
				*c = '_';
		char *p = g_build_filename(dir, name, NULL);
		g_free(name);
		/* O_EXCL: never over an existing file. */
		int fd = open(p, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
		if (fd < 0 && errno == EEXIST) {
			g_free(p);
			continue;
		}
		if (fd < 0) {
			st = md_err_sys(err, MD_ERR_IO, errno, p,
					_("cannot write %s: %s"), p,
					strerror(errno));
			g_free(p);
			break;
		}
		close(fd);
		st = safe_write(p, data, len, 0644, err);
		if (st == MD_OK)
			*path = strdup(p);
		else
			unlink(p);
		g_free(p);
		break;
	}
	free(data);
	if (st == MD_OK && !*path)
		st = md_err_set(err, MD_ERR_IO, dir, 0,
				_("too many fix files in %s"), dir);
	return st;
}

char *fix_outlook_steps(const struct fix *f)
{
	const char *enc = f->server.security == ACCT_SEC_TLS
				  ? "SSL/TLS"
				  : f->server.security == ACCT_SEC_STARTTLS
					    ? "STARTTLS"
					    : _("None");
	GString *s = g_string_new("");
	g_string_append_printf(s, _("1. In Outlook: File > Account Settings > "
				    "Account Settings…; choose %s and click "
				    "Change…\n"
				    "2. Outgoing mail server (SMTP): %s\n"
				    "3. More Settings… > Outgoing Server: tick "
				    "\"My outgoing server (SMTP) requires "
				    "authentication\"%s%s.\n"
				    "4. Advanced: Outgoing server (SMTP) port "
				    "%d, encrypted connection %s.\n"
				    "5. OK, Next, Finish. Outlook asks for the "
				    "password at the next send.\n"),
			       f->identity_email ? f->identity_email : "",
			       f->server.host,
			       f->server.user ? _(", user name ") : "",
			       f->server.user ? f->server.user : "",
			       f->server.port, enc);
	return g_string_free(s, FALSE);
}
