/* tb_profiles.c — read profiles.ini (with GLib's key-file parser) and find
 * the profile roots a Thunderbird may use on this computer: in the home
 * folder (Linux, macOS), in Windows' AppData (natively, through Known
 * Folders, and from WSL), and in the Microsoft Store build's folder. */
#include "clientcfg/tb/tb_profiles.h"

#include "core/base/i18n.h"
#include "core/base/os.h"

#include <errno.h>
#include <glib.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char *join(const char *a, const char *b)
{
	return g_build_filename(a, b, NULL);
}

static void profile_done(struct tb_profile *p)
{
	g_free(p->name);
	g_free(p->path);
	g_free(p->root);
}

void tb_profile_list_done(struct tb_profile_list *list)
{
	for (size_t i = 0; i < list->n; i++)
		profile_done(&list->items[i]);
	free(list->items);
	list->items = NULL;
	list->n = 0;
}

/* Add a profile (takes ownership of the strings), skipping a path already
 * listed (the same root reached twice, e.g. through a symlink). */
static enum md_status add_profile(struct tb_profile_list *list, char *name,
				  char *path, char *root, bool is_default,
				  struct md_err *err)
{
	char *real = os_realpath(path);
	for (size_t i = 0; i < list->n; i++) {
		char *other = os_realpath(list->items[i].path);
		bool same = strcmp(list->items[i].path, path) == 0 ||
			    (real && other && strcmp(real, other) == 0);
		free(other);
		if (same) {
			list->items[i].is_default |= is_default;
			free(real);
			g_free(name);
			g_free(path);
			g_free(root);
			return MD_OK;
		}
	}
	free(real);
	struct tb_profile *items =
	    realloc(list->items, (list->n + 1) * sizeof *items);
	if (!items) {
		g_free(name);
		g_free(path);
		g_free(root);
		return md_err_set(err, MD_ERR_NOMEM, NULL, 0, NULL);
	}
	list->items = items;
	list->items[list->n++] = (struct tb_profile){
	    .name = name, .path = path, .root = root, .is_default = is_default};
	return MD_OK;
}

/* A Windows path (C:\Users\…) as WSL sees it (/mnt/c/Users/…). */
static char *wsl_path(const char *win)
{
	if (!(g_ascii_isalpha(win[0]) && win[1] == ':' &&
	      (win[2] == '\\' || win[2] == '/')))
		return NULL;
	char *p =
	    g_strdup_printf("/mnt/%c/%s", g_ascii_tolower(win[0]), win + 3);
	for (char *c = p; *c; c++)
		if (*c == '\\')
			*c = '/';
	return p;
}

/* The profile folder a [ProfileN] or Install Default= names. */
static char *resolve_path(const char *root, const char *path, bool relative)
{
	if (relative) {
		/* "Profiles/x.default", said with this system's separator */
		char *p = join(root, path);
		for (char *c = p; *c; c++)
			if (*c == '/')
				*c = os_sep[0];
		return p;
	}
	char *w = wsl_path(path);
	return w ? w : g_strdup(path);
}

/* Line number of "[group]" in text, for messages. */
static unsigned group_line(const char *text, const char *group)
{
	char *needle = g_strdup_printf("[%s]", group);
	unsigned line = 1;
	const char *hit = strstr(text, needle);
	for (const char *p = text; hit && p < hit; p++)
		line += *p == '\n';
	g_free(needle);
	return hit ? line : 0;
}

/* Load an INI file with GLib; the raw text too (for line numbers). */
static enum md_status load_ini(const char *file, GKeyFile **kf, char **text,
			       struct md_err *err)
{
	gsize len;
	GError *gerr = NULL;
	*kf = NULL;
	*text = NULL;
	if (!g_file_get_contents(file, text, &len, &gerr)) {
		enum md_status st = gerr->code == G_FILE_ERROR_NOENT
					? MD_ERR_NOTFOUND
					: MD_ERR_IO;
		md_err_set(err, st, file, 0, _("cannot read %s: %s"), file,
			   gerr->message);
		g_error_free(gerr);
		return st;
	}
	if (len > (1u << 20)) {
		g_free(*text);
		*text = NULL;
		return md_err_set(err, MD_ERR_TOOBIG, file, 0,
				  _("%s is too large to be a profiles.ini"),
				  file);
	}
	*kf = g_key_file_new();
	/* A UTF-8 BOM (Windows editors) would hide the first group. */
	const char *data = *text;
	if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0) {
		data += 3;
		len -= 3;
	}
	if (!g_key_file_load_from_data(*kf, data, len, G_KEY_FILE_NONE,
				       &gerr)) {
		md_err_set(err, MD_ERR_PARSE, file, 0,
			   _("%s is not a valid profiles.ini: %s"), file,
			   gerr->message);
		g_error_free(gerr);
		g_key_file_free(*kf);
		g_free(*text);
		*kf = NULL;
		*text = NULL;
		return MD_ERR_PARSE;
	}
	return MD_OK;
}

/* installs.ini's [HASH] sections, used when profiles.ini has no Version. */
static char *installs_default(const char *root)
{
	char *file = join(root, "installs.ini"), *text = NULL, *def = NULL;
	GKeyFile *kf = NULL;
	struct md_err ignored;
	if (load_ini(file, &kf, &text, &ignored) == MD_OK) {
		gchar **groups = g_key_file_get_groups(kf, NULL);
		for (gchar **g = groups; g && *g && !def; g++)
			def = g_key_file_get_value(kf, *g, "Default", NULL);
		g_strfreev(groups);
		g_key_file_free(kf);
	}
	g_free(text);
	g_free(file);
	return def;
}

enum md_status tb_profiles_read_root(const char *root,
				     struct tb_profile_list *list,
				     struct md_err *err)
{
	char *file = join(root, "profiles.ini"), *text;
	GKeyFile *kf;
	enum md_status st = load_ini(file, &kf, &text, err);
	if (st != MD_OK) {
		g_free(file);
		return st;
	}

	/* The install's default (dedicated profiles, TB 68+). */
	char *install_default = NULL;
	gchar **groups = g_key_file_get_groups(kf, NULL);
	for (gchar **g = groups; g && *g && !install_default; g++)
		if (g_str_has_prefix(*g, "Install"))
			install_default =
			    g_key_file_get_value(kf, *g, "Default", NULL);
	g_strfreev(groups);
	if (!install_default &&
	    !g_key_file_has_key(kf, "General", "Version", NULL))
		install_default = installs_default(root);

	size_t before = list->n;
	for (int i = 0; st == MD_OK; i++) {
		char group[32];
		snprintf(group, sizeof group, "Profile%d", i);
		/* Gecko stops at the first profile without IsRelative. */
		char *rel = g_key_file_get_value(kf, group, "IsRelative", NULL);
		if (!rel)
			break;
		char *path = g_key_file_get_value(kf, group, "Path", NULL);
		char *name = g_key_file_get_value(kf, group, "Name", NULL);
		char *dflt = g_key_file_get_value(kf, group, "Default", NULL);
		if (!path || !*path) {
			st = md_err_set(
			    err, MD_ERR_PARSE, file, group_line(text, group),
			    _("%s: [%s] has no Path="), file, group);
		} else {
			bool relative = strcmp(rel, "0") != 0;
			char *dir = resolve_path(root, path, relative);
			bool is_def = install_default
					  ? strcmp(install_default, path) == 0
					  : (dflt && strcmp(dflt, "1") == 0);
			st = add_profile(list,
					 name ? name : g_path_get_basename(dir),
					 dir, g_strdup(root), is_def, err);
			name = NULL;
		}
		g_free(rel);
		g_free(path);
		g_free(name);
		g_free(dflt);
	}
	/* One profile alone is the default. */
	if (st == MD_OK && list->n == before + 1)
		list->items[before].is_default = true;
	g_free(install_default);
	g_key_file_free(kf);
	g_free(text);
	g_free(file);
	return st;
}

/* The roots of a home folder, in the order Thunderbird would prefer. */
static const char *const home_roots[] = {
    ".thunderbird",
    "snap/thunderbird/common/.thunderbird",
    ".var/app/org.mozilla.Thunderbird/.thunderbird",
    ".var/app/net.thunderbird.Thunderbird/.thunderbird",
    ".mozilla-thunderbird",
    ".icedove",
    ".config/thunderbird",
    "Library/Thunderbird",
};

static enum md_status try_root(const char *root, struct tb_profile_list *list,
			       struct md_err *err)
{
	char *ini = join(root, "profiles.ini");
	bool present = os_is_file(ini);
	g_free(ini);
	if (!present)
		return MD_OK;
	struct md_err e;
	enum md_status st = tb_profiles_read_root(root, list, &e);
	if (st == MD_ERR_NOMEM)
		return md_err_set(err, st, NULL, 0, NULL);
	if (st != MD_OK && err && err->code == MD_OK)
		*err = e; /* remember the first unreadable root */
	return MD_OK;
}

/* The names in dir that a shell's "<prefix>*" matches (no leading dot;
 * the prefix without case, as Windows names are), sorted as glob() sorts
 * them. NULL-ended (g_strfreev); NULL when dir cannot be read. */
struct names {
	GPtrArray *v;
	const char *prefix;
};

static bool collect_name(const char *name, void *ctx)
{
	struct names *n = ctx;
	size_t k = strlen(n->prefix);
	if (name[0] != '.' && g_ascii_strncasecmp(name, n->prefix, k) == 0)
		g_ptr_array_add(n->v, g_strdup(name));
	return true;
}

static gint by_collation(gconstpointer a, gconstpointer b)
{
	return strcoll(*(char *const *)a, *(char *const *)b);
}

static char **names_like(const char *dir, const char *prefix)
{
	struct names n = {g_ptr_array_new(), prefix};
	bool read = os_dir_each(dir, collect_name, &n);
	g_ptr_array_sort(n.v, by_collation);
	g_ptr_array_add(n.v, NULL);
	char **v = (char **)g_ptr_array_free(n.v, FALSE);
	if (!read) {
		g_strfreev(v);
		return NULL;
	}
	return v;
}

/* try_root() on <dir>/<name>/<tail...> for each name of dir matching
 * "<prefix>*" where that is a folder: the roots a glob of
 * "dir/<prefix>*" "/tail" would give. */
static enum md_status try_roots_under(const char *dir, const char *prefix,
				      const char *const *tail,
				      struct tb_profile_list *list,
				      struct md_err *err)
{
	char **names = names_like(dir, prefix);
	enum md_status st = MD_OK;
	for (char **n = names; n && *n && st == MD_OK; n++) {
		char *root = g_build_filename(dir, *n, NULL);
		for (const char *const *t = tail; *t; t++) {
			char *deeper = g_build_filename(root, *t, NULL);
			g_free(root);
			root = deeper;
		}
		if (os_is_dir(root))
			st = try_root(root, list, err);
		g_free(root);
	}
	g_strfreev(names);
	return st;
}

/* Thunderbird on Windows itself: %APPDATA%\Thunderbird (Known Folders),
 * then the Microsoft Store build's %LOCALAPPDATA%\Packages\
 * MozillaThunderbird…\LocalCache\Roaming\Thunderbird. Linux has neither
 * folder. */
static enum md_status try_windows_roots(struct tb_profile_list *list,
					struct md_err *err)
{
	static const char *const store_tail[] = {"LocalCache", "Roaming",
						 "Thunderbird", NULL};
	char dir[4096];
	enum md_status st = MD_OK;
	if (os_known_folder(OS_FOLDER_ROAMING, dir, sizeof dir)) {
		char *root = join(dir, "Thunderbird");
		st = try_root(root, list, err);
		g_free(root);
	}
	if (st == MD_OK && os_known_folder(OS_FOLDER_LOCAL, dir, sizeof dir)) {
		char *packages = join(dir, "Packages");
		st = try_roots_under(packages, "MozillaThunderbird", store_tail,
				     list, err);
		g_free(packages);
	}
	return st;
}

enum md_status tb_profiles_discover(const struct tb_search *s,
				    struct tb_profile_list *list,
				    struct md_err *err)
{
	static const char *const wsl_tail[] = {"AppData", "Roaming",
					       "Thunderbird", NULL};
	md_err_clear(err);
	for (size_t i = 0;
	     s->home && i < sizeof home_roots / sizeof *home_roots; i++) {
		char *root = join(s->home, home_roots[i]);
		enum md_status st = try_root(root, list, err);
		g_free(root);
		if (st != MD_OK)
			return st;
	}
	enum md_status st = try_windows_roots(list, err);
	if (st == MD_OK && s->wsl_users && os_is_dir(s->wsl_users))
		st = try_roots_under(s->wsl_users, "", wsl_tail, list, err);
	if (st != MD_OK)
		return st;
	tb_profiles_sort(list);
	return MD_OK;
}

/* MD_OK when prefs (a named profile's prefs.js) is missing or can be read
 * as settings; otherwise the one reason it cannot: it is a folder, it is
 * empty, it is not text (the first 4 KiB are judged). */
static enum md_status prefs_unusable(const char *prefs, struct md_err *err)
{
	struct os_stat st;
	if (!os_stat(prefs, &st))
		return MD_OK;
	if (st.is_dir)
		return md_err_set(err, MD_ERR_NOTFOUND, prefs, 0,
				  _("%s is a folder, not Thunderbird's "
				    "settings file"),
				  prefs);
	if (!st.is_file)
		return MD_OK;
	if (st.size == 0)
		return md_err_set(err, MD_ERR_NOTFOUND, prefs, 0,
				  _("%s is empty: Thunderbird has saved no "
				    "settings in this profile"),
				  prefs);
	FILE *f = os_fopen(prefs, "rb");
	if (!f)
		return MD_OK; /* reading it says why */
	char head[4096];
	size_t n = fread(head, 1, sizeof head, f);
	fclose(f);
	/* Gecko reads up to the first NUL (a file whose end a crash filled
	 * with zeros still works): binary is a file whose part before it
	 * has control bytes and no pref statement, or that begins with one. */
	const char *nul = memchr(head, '\0', n);
	size_t upto = nul ? (size_t)(nul - head) : n;
	bool control = false, statement = false;
	for (size_t i = 0; i < upto; i++) {
		unsigned char ch = (unsigned char)head[i];
		control |= ch < 0x20 && !strchr("\t\n\r\f\v", ch);
		statement |= i + 5 <= upto && memcmp(head + i, "pref(", 5) == 0;
	}
	if ((nul && upto == 0) || (control && !statement))
		return md_err_set(err, MD_ERR_PARSE, prefs, 0,
				  _("%s is not a text file, so it is not "
				    "Thunderbird's settings"),
				  prefs);
	return MD_OK;
}

enum md_status tb_profiles_from_arg(const char *dir,
				    struct tb_profile_list *list,
				    struct md_err *err)
{
	struct os_stat sb;
	if (!os_stat(dir, &sb))
		return errno == ENOENT || errno == ENOTDIR
			   ? md_err_set(err, MD_ERR_NOTFOUND, dir, 0,
					_("%s does not exist"), dir)
			   : md_err_sys(err, MD_ERR_IO, errno, dir,
					_("%s cannot be read"), dir);
	if (!sb.is_dir)
		return md_err_set(err, MD_ERR_NOTFOUND, dir, 0,
				  _("%s is not a folder"), dir);
	char *prefs = join(dir, "prefs.js");
	enum md_status bad = prefs_unusable(prefs, err);
	bool has_prefs = bad == MD_OK && os_is_file(prefs);
	g_free(prefs);
	if (bad != MD_OK)
		return bad;
	if (has_prefs)
		return add_profile(list, g_path_get_basename(dir),
				   g_strdup(dir), NULL, true, err);
	char *ini = join(dir, "profiles.ini");
	bool has_ini = os_is_file(ini);
	g_free(ini);
	if (has_ini) {
		enum md_status st = tb_profiles_read_root(dir, list, err);
		tb_profiles_sort(list);
		return st;
	}
	return md_err_set(err, MD_ERR_NOTFOUND, dir, 0,
			  _("%s holds neither prefs.js nor profiles.ini: it is "
			    "not a Thunderbird profile"),
			  dir);
}

void tb_profiles_sort(struct tb_profile_list *list)
{
	/* Stable: insertion sort by "default first". */
	for (size_t i = 1; i < list->n; i++) {
		struct tb_profile p = list->items[i];
		size_t j = i;
		while (j > 0 && p.is_default &&
		       !list->items[j - 1].is_default) {
			list->items[j] = list->items[j - 1];
			j--;
		}
		list->items[j] = p;
	}
}
