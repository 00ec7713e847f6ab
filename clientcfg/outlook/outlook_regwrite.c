/* outlook_regwrite.c — writing .reg text as regedit does (FORMATS.md 3.3):
 * hex value lines wrapped below 80 columns, the UTF-16LE file with its byte
 * order mark, new files that never replace one, and a whole key written
 * byte for byte (the backup taken before a fix changes the registry). */
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

/* "Name"=PREFIX… holding n bytes (then `zeros` bytes 00), wrapped as
 * regedit wraps it. */
void outlook_reg_put_hex(GString *o, const char *name, const char *prefix,
			 const unsigned char *bytes, size_t n, size_t zeros)
{
	char *q = outlook_reg_quote(name);
	size_t line_start = o->len;
	g_string_append_printf(o, "%s=%s", q ? q : "\"\"", prefix);
	free(q);
	for (size_t i = 0; i < n + zeros; i++) {
		unsigned char b = i < n ? bytes[i] : 0;
		bool last = i + 1 == n + zeros;
		if (o->len - line_start + 3 > OUTLOOK_REG_WRAP - 3) {
			g_string_append(o, "\\\r\n" OUTLOOK_REG_INDENT);
			line_start = o->len - strlen(OUTLOOK_REG_INDENT);
		}
		g_string_append_printf(o, "%02x%s", b, last ? "" : ",");
	}
	g_string_append(o, "\r\n");
}

/* The text of o (UTF-8) as regedit writes a file: UTF-16LE after a byte
 * order mark. Frees o. */
enum md_status outlook_reg_finish(GString *o, bool ok, char **out, size_t *len,
				  struct md_err *err)
{
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

/* Write data to a new file dir/STEM.reg (-2, -3 … added, never over an
 * existing file); *path gets its path (heap). */
enum md_status outlook_reg_write_new(const char *dir, const char *stem,
				     const char *data, size_t len, char **path,
				     struct md_err *err)
{
	*path = NULL;
	enum md_status st = MD_OK;
	for (int i = 1; i < 100 && !*path; i++) {
		char *name = i == 1 ? g_strdup_printf("%s.reg", stem)
				    : g_strdup_printf("%s-%d.reg", stem, i);
		for (char *c = name; *c; c++)
			if (*c == '/')
				*c = '_';
		char *p = g_build_filename(dir, name, NULL);
		g_free(name);
		/* O_EXCL: never over an existing file. */
		int fd = os_create_new(p, 0644);
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
			os_unlink(p);
		g_free(p);
		break;
	}
	if (st == MD_OK && !*path)
		st = md_err_set(err, MD_ERR_IO, dir, 0,
				_("too many fix files in %s"), dir);
	return st;
}

/* One value of a key, byte for byte: dword:, else hex(N): of its bytes
 * (REG_SZ too: a quoted string would not keep every byte). */
static void put_exact(GString *o, const struct outlook_reg_value *v)
{
	char *q = outlook_reg_quote(v->name);
	if (v->type == OUTLOOK_REG_DWORD && v->len == 4 && q) {
		g_string_append_printf(o, "%s=dword:%02x%02x%02x%02x\r\n", q,
				       v->data[3], v->data[2], v->data[1],
				       v->data[0]);
	} else {
		char prefix[16];
		if (v->type == OUTLOOK_REG_BINARY)
			snprintf(prefix, sizeof prefix, "hex:");
		else
			snprintf(prefix, sizeof prefix,
				 "hex(%x):", (unsigned)v->type);
		outlook_reg_put_hex(o, v->name, prefix, v->data, v->len, 0);
	}
	free(q);
}

enum md_status outlook_reg_key_text(const struct outlook_reg_key *key,
				    char **out, size_t *len, struct md_err *err)
{
	*out = NULL;
	*len = 0;
	if (strpbrk(key->path, "[]\r\n"))
		return md_err_set(err, MD_ERR_USAGE, NULL, 0,
				  _("the Outlook account's registry key is not "
				    "known"));
	GString *o = g_string_new(OUTLOOK_REG_HEADER5 "\r\n\r\n");
	g_string_append_printf(o, "[%s]\r\n", key->path);
	for (size_t i = 0; i < key->n_values; i++)
		if (!key->values[i].withheld && !key->values[i].deleted)
			put_exact(o, &key->values[i]);
	g_string_append(o, "\r\n");
	return outlook_reg_finish(o, true, out, len, err);
}
