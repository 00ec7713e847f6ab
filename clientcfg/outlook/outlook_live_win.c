/* outlook_live_win.c — the Windows side of outlook_live.h: Outlook's
 * account keys read from HKEY_CURRENT_USER into the .reg model with
 * RegEnumKeyExW / RegEnumValueW, and single values set and deleted with
 * RegSetValueExW / RegDeleteValueW (W calls only: profile names may be
 * Japanese). Built only by the Windows build; outlook_live_none.c stands in
 * elsewhere. The calls: learn.microsoft.com/windows/win32/api/winreg/
 * (RegQueryInfoKeyW gives the longest value name without its NUL and the
 * longest data in bytes). */
#ifdef _WIN32

#include "clientcfg/outlook/outlook_live.h"

#include "core/base/compat.h"
#include "core/base/i18n.h"

#include <windows.h>

#include <glib.h>
#include <stdlib.h>
#include <string.h>

#define MAIL_ACCOUNTS L"9375CFF0413111d3B88A00104B2A6676"
#define KEY_CHARS     256 /* a key name is at most 255 characters */
#define MAX_KEYS      1024

static wchar_t *wide(const char *s)
{
	return (wchar_t *)g_utf8_to_utf16(s, -1, NULL, NULL, NULL);
}

/* a\b, or a\b\c (c not NULL), as a new UTF-16 string (free()); no
 * printf: its %ls would go through the ANSI code page. */
static wchar_t *join(const wchar_t *a, const wchar_t *b, const wchar_t *c)
{
	size_t n = wcslen(a) + wcslen(b) + (c ? wcslen(c) + 1 : 0) + 2;
	wchar_t *w = malloc(n * sizeof *w);
	if (!w)
		return NULL;
	wcscpy(w, a);
	wcscat(w, L"\\");
	wcscat(w, b);
	if (c) {
		wcscat(w, L"\\");
		wcscat(w, c);
	}
	return w;
}

/* UTF-16 to a malloc'd UTF-8 string (free()), or NULL. */
static char *narrow(const wchar_t *w)
{
	gchar *g = g_utf16_to_utf8((const gunichar2 *)w, -1, NULL, NULL, NULL);
	char *s = g ? strdup(g) : NULL;
	g_free(g);
	return s;
}

/* The part of a full path under HKEY_CURRENT_USER, as UTF-16 (g_free). */
static wchar_t *under_hkcu(const char *path)
{
	size_t n = strlen(OUTLOOK_LIVE_ROOT);
	if (g_ascii_strncasecmp(path, OUTLOOK_LIVE_ROOT, n) != 0)
		return NULL;
	return wide(path + n);
}

static enum md_status reg_error(struct md_err *err, LONG rc, const char *path)
{
	if (rc == ERROR_NOT_ENOUGH_MEMORY || rc == ERROR_OUTOFMEMORY)
		return md_err_set(err, MD_ERR_NOMEM, path, 0, NULL);
	return md_err_set(err, MD_ERR_IO, path, 0,
			  _("The registry key %s cannot be read or written "
			    "(Windows error %ld)."),
			  path, (long)rc);
}

static enum md_status nomem(struct md_err *err, const char *path)
{
	return md_err_set(err, MD_ERR_NOMEM, path, 0, NULL);
}

/* One value from the enumeration into v (passwords withheld). */
static bool take(struct outlook_reg_value *v, const wchar_t *name, DWORD type,
		 const unsigned char *data, DWORD len)
{
	v->name = narrow(name);
	v->type = type;
	if (!v->name)
		return false;
	if (outlook_reg_is_secret(v->name)) {
		v->withheld = true;
		return true;
	}
	v->len = len;
	if (len == 0)
		return true;
	v->data = malloc(len);
	if (v->data)
		memcpy(v->data, data, len);
	return v->data != NULL;
}

/* The values of open key h, in the registry's order, into k. */
static enum md_status read_values(HKEY h, struct outlook_reg_key *k,
				  struct md_err *err)
{
	DWORD n = 0, max_name = 0, max_data = 0;
	LONG rc = RegQueryInfoKeyW(h, NULL, NULL, NULL, NULL, NULL, NULL, &n,
				   &max_name, &max_data, NULL, NULL);
	if (rc != ERROR_SUCCESS)
		return reg_error(err, rc, k->path);
	k->values = calloc(n ? n : 1, sizeof *k->values);
	wchar_t *name = malloc((max_name + 1) * sizeof *name);
	unsigned char *data = malloc(max_data ? max_data : 1);
	enum md_status st =
	    k->values && name && data ? MD_OK : nomem(err, k->path);
	for (DWORD i = 0; st == MD_OK && i < n; i++) {
		DWORD nl = max_name + 1, dl = max_data, type = 0;
		rc = RegEnumValueW(h, i, name, &nl, NULL, &type, data, &dl);
		if (rc == ERROR_NO_MORE_ITEMS)
			break;
		if (rc != ERROR_SUCCESS)
			st = reg_error(err, rc, k->path);
		else if (!take(&k->values[k->n_values++], name, type, data, dl))
			st = nomem(err, k->path);
	}
	if (data)
		SecureZeroMemory(data, max_data);
	free(data);
	free(name);
	return st;
}

/* A new key at the end of reg, path taken over. */
static struct outlook_reg_key *add_key(struct outlook_reg *reg, char *path)
{
	struct outlook_reg_key *nk =
	    realloc(reg->keys, (reg->n_keys + 1) * sizeof *nk);
	if (!nk) {
		free(path);
		return NULL;
	}
	reg->keys = nk;
	memset(&nk[reg->n_keys], 0, sizeof *nk);
	nk[reg->n_keys].path = path;
	return &nk[reg->n_keys++];
}

/* The key path (UTF-8, full) of sub under HKCU\base. */
static char *full_path(const wchar_t *base, const wchar_t *sub)
{
	char *b = narrow(base), *s = narrow(sub);
	char *p = NULL;
	if (b && s) {
		gchar *g = g_strdup_printf(OUTLOOK_LIVE_ROOT "%s\\%s", b, s);
		p = strdup(g);
		g_free(g);
	}
	free(b);
	free(s);
	return p;
}

/* The subkey names of HKCU\base, each given to each(); a missing base is
 * no error. */
static enum md_status each_subkey(const wchar_t *base,
				  enum md_status (*each)(const wchar_t *base,
							 const wchar_t *name,
							 void *ctx),
				  void *ctx, struct md_err *err)
{
	HKEY h;
	LONG rc = RegOpenKeyExW(HKEY_CURRENT_USER, base, 0, KEY_READ, &h);
	if (rc == ERROR_FILE_NOT_FOUND || rc == ERROR_PATH_NOT_FOUND)
		return MD_OK;
	if (rc != ERROR_SUCCESS) {
		char *p = narrow(base);
		enum md_status st = reg_error(err, rc, p ? p : "HKCU");
		free(p);
		return st;
	}
	enum md_status st = MD_OK;
	wchar_t name[KEY_CHARS];
	for (DWORD i = 0; st == MD_OK && i < MAX_KEYS; i++) {
		DWORD n = KEY_CHARS;
		rc = RegEnumKeyExW(h, i, name, &n, NULL, NULL, NULL, NULL);
		if (rc == ERROR_NO_MORE_ITEMS)
			break;
		if (rc == ERROR_SUCCESS)
			st = each(base, name, ctx);
	}
	RegCloseKey(h);
	return st;
}

struct walk {
	struct outlook_reg *reg;
	struct md_err *err;
};

/* One account key: its values into the model. */
static enum md_status one_account(const wchar_t *base, const wchar_t *name,
				  void *ctx)
{
	struct walk *w = ctx;
	char *path = full_path(base, name);
	if (!path)
		return nomem(w->err, NULL);
	struct outlook_reg_key *k = add_key(w->reg, path);
	if (!k)
		return nomem(w->err, NULL);
	HKEY h;
	wchar_t *ws = join(base, name, NULL);
	LONG rc = ws ? RegOpenKeyExW(HKEY_CURRENT_USER, ws, 0, KEY_READ, &h)
		     : ERROR_OUTOFMEMORY;
	free(ws);
	if (rc != ERROR_SUCCESS)
		return reg_error(w->err, rc, k->path);
	enum md_status st = read_values(h, k, w->err);
	RegCloseKey(h);
	return st;
}

/* One profile: its mail accounts' keys. */
static enum md_status one_profile(const wchar_t *base, const wchar_t *name,
				  void *ctx)
{
	struct walk *w = ctx;
	wchar_t *accounts = join(base, name, MAIL_ACCOUNTS);
	if (!accounts)
		return nomem(w->err, NULL);
	enum md_status st = each_subkey(accounts, one_account, w, w->err);
	free(accounts);
	return st;
}

enum md_status outlook_live_read_all(struct outlook_reg **out,
				     struct md_err *err)
{
	static const wchar_t *const profiles[] = {
	    L"Software\\Microsoft\\Office\\15.0\\Outlook\\Profiles",
	    L"Software\\Microsoft\\Office\\16.0\\Outlook\\Profiles",
	};
	*out = NULL;
	struct walk w = {.reg = calloc(1, sizeof *w.reg), .err = err};
	if (!w.reg)
		return nomem(err, NULL);
	w.reg->live = true;
	enum md_status st = MD_OK;
	for (size_t i = 0; st == MD_OK && i < 2; i++)
		st = each_subkey(profiles[i], one_profile, &w, err);
	if (st != MD_OK) {
		outlook_reg_free(w.reg);
		return st;
	}
	*out = w.reg;
	return MD_OK;
}

enum md_status outlook_live_read_key(const char *path, struct outlook_reg **out,
				     struct md_err *err)
{
	*out = NULL;
	wchar_t *sub = under_hkcu(path);
	if (!sub)
		return md_err_set(err, MD_ERR_NOTFOUND, path, 0,
				  _("There is no registry key %s."), path);
	HKEY h;
	LONG rc = RegOpenKeyExW(HKEY_CURRENT_USER, sub, 0, KEY_READ, &h);
	g_free(sub);
	if (rc == ERROR_FILE_NOT_FOUND || rc == ERROR_PATH_NOT_FOUND)
		return md_err_set(err, MD_ERR_NOTFOUND, path, 0,
				  _("There is no registry key %s."), path);
	if (rc != ERROR_SUCCESS)
		return reg_error(err, rc, path);
	struct outlook_reg *reg = calloc(1, sizeof *reg);
	char *p = strdup(path);
	struct outlook_reg_key *k = reg && p ? add_key(reg, p) : NULL;
	enum md_status st = k ? read_values(h, k, err) : nomem(err, path);
	RegCloseKey(h);
	if (reg)
		reg->live = true;
	if (!k && !reg)
		free(p);
	if (st != MD_OK) {
		outlook_reg_free(reg);
		return st;
	}
	*out = reg;
	return MD_OK;
}

/* Open the key at path for writing its values. */
static enum md_status open_set(const char *path, HKEY *h, struct md_err *err)
{
	wchar_t *sub = under_hkcu(path);
	if (!sub)
		return md_err_set(err, MD_ERR_NOTFOUND, path, 0,
				  _("There is no registry key %s."), path);
	LONG rc = RegOpenKeyExW(HKEY_CURRENT_USER, sub, 0,
				KEY_SET_VALUE | KEY_QUERY_VALUE, h);
	g_free(sub);
	return rc == ERROR_SUCCESS ? MD_OK : reg_error(err, rc, path);
}

enum md_status outlook_live_set(const char *path,
				const struct outlook_reg_value *v,
				struct md_err *err)
{
	if (v->withheld || v->deleted)
		return md_err_set(err, MD_ERR_INTERNAL, path, 0, "%s",
				  md_status_message(MD_ERR_INTERNAL));
	HKEY h;
	enum md_status st = open_set(path, &h, err);
	if (st != MD_OK)
		return st;
	wchar_t *name = wide(v->name);
	LONG rc =
	    name ? RegSetValueExW(h, name, 0, v->type, v->data, (DWORD)v->len)
		 : ERROR_OUTOFMEMORY;
	g_free(name);
	RegCloseKey(h);
	return rc == ERROR_SUCCESS ? MD_OK : reg_error(err, rc, path);
}

enum md_status outlook_live_delete(const char *path, const char *name,
				   struct md_err *err)
{
	HKEY h;
	enum md_status st = open_set(path, &h, err);
	if (st != MD_OK)
		return st;
	wchar_t *w = wide(name);
	LONG rc = w ? RegDeleteValueW(h, w) : ERROR_OUTOFMEMORY;
	g_free(w);
	RegCloseKey(h);
	if (rc == ERROR_FILE_NOT_FOUND)
		return MD_OK;
	return rc == ERROR_SUCCESS ? MD_OK : reg_error(err, rc, path);
}

#endif /* _WIN32 */
