/* fix_outlook.c — the .reg and the typed steps that carry a fix to Outlook. */
#include "clientcfg/outlook/fix_outlook.h"

#include "clientcfg/outlook/outlook_reg.h"
#include "core/base/i18n.h"
#include "core/base/os.h"
#include "core/base/safe_write.h"

#include <errno.h>
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
	outlook_reg_put_hex(o, name, "hex:", (const unsigned char *)u16, n, 2);
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
	return outlook_reg_finish(o, ok, out, len, err);
}

/* The values a fix .reg sets (fix_outlook_reg), which the restoring .reg
 * puts back. */
static const char *const smtp_names[] = {
    "SMTP Server",   "SMTP Port",	 "SMTP Secure Connection",
    "SMTP Use Auth", "SMTP Auth Method", "SMTP User",
};

/* The last value called name under key locator in reg, or NULL. */
static const struct outlook_reg_value *
find_value(const struct outlook_reg *reg, const char *locator, const char *name)
{
	const struct outlook_reg_value *found = NULL;
	for (size_t k = 0; k < reg->n_keys; k++) {
		const struct outlook_reg_key *key = &reg->keys[k];
		if (g_ascii_strcasecmp(key->path, locator) != 0)
			continue;
		if (key->deleted)
			found = NULL;
		for (size_t i = 0; i < key->n_values; i++)
			if (g_ascii_strcasecmp(key->values[i].name, name) == 0)
				found = key->values[i].deleted
					    ? NULL
					    : &key->values[i];
	}
	return found;
}

/* One value line of the restoring .reg: v as the export had it, or
 * "Name"=- when the export had no such value. */
static bool put_value(GString *o, const char *name,
		      const struct outlook_reg_value *v)
{
	char *q = outlook_reg_quote(name);
	if (!q)
		return false;
	bool ok = true;
	if (!v) {
		g_string_append_printf(o, "%s=-\r\n", q);
	} else if (v->quoted) {
		char *t = outlook_reg_quote((const char *)v->data);
		ok = t != NULL;
		if (ok)
			g_string_append_printf(o, "%s=%s\r\n", q, t);
		free(t);
	} else if (v->type == OUTLOOK_REG_DWORD && v->len == 4) {
		g_string_append_printf(o, "%s=dword:%02x%02x%02x%02x\r\n", q,
				       v->data[3], v->data[2], v->data[1],
				       v->data[0]);
	} else {
		char prefix[16];
		outlook_reg_put_hex(o, name,
				    outlook_reg_type_prefix(v->type, prefix),
				    v->data, v->len, 0);
	}
	free(q);
	return ok;
}

enum md_status fix_outlook_restore_reg(const struct fix *f, const char *locator,
				       char **out, size_t *len,
				       struct md_err *err)
{
	*out = NULL;
	*len = 0;
	if (!locator || !f->source || strpbrk(locator, "[]\r\n"))
		return md_err_set(err, MD_ERR_USAGE, NULL, 0,
				  _("the Outlook account's registry key is not "
				    "known"));
	gchar *buf = NULL;
	gsize n = 0;
	GError *ge = NULL;
	if (!g_file_get_contents(f->source, &buf, &n, &ge)) {
		enum md_status st = md_err_set(
		    err, MD_ERR_IO, f->source, 0, _("cannot read %s: %s"),
		    f->source, ge ? ge->message : "");
		g_clear_error(&ge);
		return st;
	}
	struct outlook_reg *reg = NULL;
	enum md_status st = outlook_reg_parse(buf, n, f->source, &reg, err);
	g_free(buf);
	if (st != MD_OK)
		return st;
	GString *o = g_string_new(OUTLOOK_REG_HEADER5 "\r\n\r\n");
	g_string_append_printf(o, "[%s]\r\n", locator);
	bool ok = true;
	for (size_t i = 0; i < sizeof smtp_names / sizeof *smtp_names; i++)
		ok = ok && put_value(o, smtp_names[i],
				     find_value(reg, locator, smtp_names[i]));
	g_string_append(o, "\r\n");
	outlook_reg_free(reg);
	return outlook_reg_finish(o, ok, out, len, err);
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
	char *stem = g_strdup_printf("maildoctor-%s", f->id);
	st = outlook_reg_write_new(dir, stem, data, len, path, err);
	g_free(stem);
	free(data);
	return st;
}

/* Add "EXPORT<TAB>FIX<TAB>UNDO" (file names) to the journal in dir. */
static enum md_status journal_add(const char *dir, const char *export_path,
				  const char *fix_path, const char *undo_path,
				  struct md_err *err)
{
	char *j = g_build_filename(dir, FIX_OUTLOOK_JOURNAL, NULL);
	gchar *old = NULL;
	gsize n = 0;
	if (!g_file_get_contents(j, &old, &n, NULL))
		n = 0;
	char *e = g_path_get_basename(export_path);
	char *a = g_path_get_basename(fix_path);
	char *b = g_path_get_basename(undo_path);
	GString *t = g_string_new_len(old ? old : "", (gssize)n);
	g_string_append_printf(t, "%s\t%s\t%s\n", e, a, b);
	enum md_status st = MD_OK;
	if (strpbrk(e, "\t\n"))
		st = md_err_set(err, MD_ERR_USAGE, export_path, 0,
				_("the export's file name holds a tab or a "
				  "line break: %s"),
				export_path);
	else
		st = safe_write(j, t->str, t->len, 0644, err);
	g_string_free(t, TRUE);
	g_free(old);
	g_free(e);
	g_free(a);
	g_free(b);
	g_free(j);
	return st;
}

enum md_status fix_outlook_hand_over(const struct fix *f, const char *locator,
				     const char *dir,
				     struct fix_outlook_files *out,
				     struct md_err *err)
{
	out->reg = out->undo_reg = NULL;
	char *undo;
	size_t undo_len;
	enum md_status st =
	    fix_outlook_restore_reg(f, locator, &undo, &undo_len, err);
	if (st != MD_OK)
		return st;
	char *stem = g_strdup_printf("maildoctor-%s-undo", f->id);
	st = outlook_reg_write_new(dir, stem, undo, undo_len, &out->undo_reg,
				   err);
	g_free(stem);
	free(undo);
	if (st == MD_OK)
		st = fix_outlook_write(f, locator, dir, &out->reg, err);
	if (st == MD_OK)
		st = journal_add(dir, f->source, out->reg, out->undo_reg, err);
	if (st != MD_OK) { /* nothing half done is left behind */
		if (out->reg)
			os_unlink(out->reg);
		if (out->undo_reg)
			os_unlink(out->undo_reg);
		fix_outlook_files_done(out);
	}
	return st;
}

void fix_outlook_files_done(struct fix_outlook_files *out)
{
	free(out->reg);
	free(out->undo_reg);
	out->reg = out->undo_reg = NULL;
}

enum md_status fix_outlook_find_undo(const char *export_path, char **undo_reg,
				     struct md_err *err)
{
	*undo_reg = NULL;
	char *dir = g_path_get_dirname(export_path);
	char *base = g_path_get_basename(export_path);
	char *j = g_build_filename(dir, FIX_OUTLOOK_JOURNAL, NULL);
	gchar *text = NULL;
	char *found = NULL;
	if (g_file_get_contents(j, &text, NULL, NULL)) {
		gchar **lines = g_strsplit(text, "\n", -1);
		for (gchar **l = lines; *l; l++) {
			gchar **f = g_strsplit(*l, "\t", 3);
			if (f[0] && f[1] && f[2] && strcmp(f[0], base) == 0 &&
			    !strchr(f[2], '/')) {
				g_free(found);
				found = g_build_filename(dir, f[2], NULL);
			}
			g_strfreev(f);
		}
		g_strfreev(lines);
	}
	enum md_status st = MD_OK;
	if (!found || !os_is_readable_file(found))
		st = md_err_set(err, MD_ERR_NOTFOUND, export_path, 0,
				_("no file was written for %s: there is "
				  "nothing to undo"),
				export_path);
	else
		*undo_reg = strdup(found);
	g_free(found);
	g_free(text);
	g_free(j);
	g_free(base);
	g_free(dir);
	return st;
}

char *fix_outlook_steps(const struct fix *f)
{
	const char *enc = f->server.security == ACCT_SEC_TLS	    ? "SSL/TLS"
			  : f->server.security == ACCT_SEC_STARTTLS ? "STARTTLS"
								    : _("None");
	GString *s = g_string_new("");
	g_string_append_printf(
	    s,
	    _("1. In Outlook: File > Account Settings > "
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
	    f->identity_email ? f->identity_email : "", f->server.host,
	    f->server.user ? _(", user name ") : "",
	    f->server.user ? f->server.user : "", f->server.port, enc);
	return g_string_free(s, FALSE);
}
