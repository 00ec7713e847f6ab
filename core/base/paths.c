/* paths.c — locate assets and translations relative to the running binary,
 * so that build/maildoctor works from a checkout, a copied or moved binary
 * finds the data beside it, and an installed one finds it under its prefix.
 * The search runs once; its result (and every folder it looked in) is kept
 * for the process, like the binary's own location. */
#include "core/base/paths.h"

#include "core/base/os.h"

#include <limits.h>
#include <stdio.h>
#include <string.h>

#ifndef MD_DATADIR
#define MD_DATADIR "/usr/local/share/maildoctor"
#endif
#ifndef MD_LOCALEDIR
#define MD_LOCALEDIR "/usr/local/share/locale"
#endif

enum { MAX_DATA = 5, MAX_LOC = 8 };

/* Every place looked in, and which held what was looked for. */
struct search {
	bool done;
	struct paths_place data[MAX_DATA]; /* data folders, in order */
	size_t n_data;
	int data_found;			 /* index into data, or -1 */
	struct paths_place loc[MAX_LOC]; /* locale folders, in order */
	size_t loc_owner[MAX_LOC];	 /* the data place each is beside */
	size_t n_loc;
	int loc_found;				/* index into loc, or -1 */
	char buf[MAX_DATA + MAX_LOC][PATH_MAX]; /* storage of the dirs */
	size_t n_buf;
};

static struct search found;

static int is_file(const char *dir, const char *name)
{
	char p[PATH_MAX];
	return snprintf(p, sizeof p, "%s%s%s", dir, os_sep, name) <
		   (int)sizeof p &&
	       os_is_readable_file(p);
}

/* The last folder separator of p ('/'; on Windows '\\' too), or NULL. */
static char *last_sep(char *p)
{
	char *last = NULL;
	for (; *p; p++)
		if (os_is_sep(*p))
			last = p;
	return last;
}

/* The parent of dir, written lexically ("/a/b/" -> "/a", "/a" -> "",
 * "a" -> "."). */
static void parent(const char *dir, char *out, size_t len)
{
	snprintf(out, len, "%s", dir);
	size_t n = strlen(out);
	while (n > 1 && os_is_sep(out[n - 1]))
		out[--n] = '\0';
	char *slash = last_sep(out);
	if (slash)
		*slash = '\0';
	else
		snprintf(out, len, ".");
}

/* Walk up from the binary's folder (tests live in build/<kind>/tests) to a
 * folder that has assets/ and a Makefile beside it: the source tree. */
static int find_tree(const char *from, char *out, size_t outlen)
{
	char base[PATH_MAX];
	snprintf(base, sizeof base, "%s", from);
	for (int depth = 0; depth < 5 && base[0]; depth++) {
		char cand[PATH_MAX];
		if (snprintf(cand, sizeof cand, "%s%sassets", base, os_sep) >=
		    (int)sizeof cand)
			return 0;
		if (os_is_dir(cand) && is_file(base, "Makefile") &&
		    snprintf(out, outlen, "%s", base) < (int)outlen)
			return 1;
		char *slash = last_sep(base);
		if (!slash)
			break;
		*slash = '\0';
	}
	return 0;
}

/* A folder holds the data when the knowledge base and its schemas are
 * there. */
static bool holds_data(const char *dir)
{
	char p[PATH_MAX];
	return is_file(dir, "providers.rng") &&
	       is_file(dir, "rejections.xml") &&
	       is_file(dir, "rejections.rng") &&
	       snprintf(p, sizeof p, "%s%sproviders", dir, os_sep) <
		   (int)sizeof p &&
	       os_is_dir(p);
}

/* A folder holds translations when some <lang>/LC_MESSAGES/maildoctor.mo
 * is in it. */
struct catalogue_scan {
	const char *dir;
	bool yes;
};

static bool catalogue_in(const char *name, void *ctx)
{
	struct catalogue_scan *s = ctx;
	char sub[PATH_MAX];
	if (name[0] != '.' &&
	    snprintf(sub, sizeof sub, "%s%s%s%sLC_MESSAGES", s->dir, os_sep,
		     name, os_sep) < (int)sizeof sub)
		s->yes = is_file(sub, "maildoctor.mo");
	return !s->yes;
}

static bool holds_catalogue(const char *dir)
{
	struct catalogue_scan s = {.dir = dir};
	os_dir_each(dir, catalogue_in, &s);
	return s.yes;
}

/* dir followed by tail (written with '/', said with os_sep), kept in the
 * search's storage; "" when too long. */
static const char *keep(struct search *s, const char *dir, const char *tail)
{
	if (s->n_buf >= sizeof s->buf / sizeof s->buf[0])
		return "";
	char *p = s->buf[s->n_buf++];
	size_t n = (size_t)snprintf(p, PATH_MAX, "%s%s", dir, tail);
	if (n >= PATH_MAX)
		p[0] = '\0';
	for (char *c = p + strlen(dir); n < PATH_MAX && *c; c++)
		if (*c == '/')
			*c = os_sep[0];
	return p;
}

static void add_data(struct search *s, enum paths_kind kind, const char *dir)
{
	if (s->n_data < MAX_DATA)
		s->data[s->n_data++] = (struct paths_place){kind, dir};
}

static void add_loc(struct search *s, enum paths_kind kind, const char *dir)
{
	if (s->n_loc < MAX_LOC && s->n_data > 0) {
		s->loc_owner[s->n_loc] = s->n_data - 1;
		s->loc[s->n_loc++] = (struct paths_place){kind, dir};
	}
}

static void search_run(struct search *s)
{
	char exe[PATH_MAX], up[PATH_MAX], tree[PATH_MAX];
	s->done = true;
	s->data_found = -1;
	s->loc_found = -1;

	const char *env = os_getenv("MAILDOCTOR_ASSETS");
	bool use_env = env && *env;
	if (use_env) {
		parent(env, up, sizeof up);
		add_data(s, PATHS_ENV, keep(s, env, ""));
		add_loc(s, PATHS_ENV, keep(s, up, "/locale"));
		add_loc(s, PATHS_ENV, keep(s, up, "/build/locale"));
	}
	os_exe_dir(exe, sizeof exe);
	if (exe[0]) {
		parent(exe, up, sizeof up);
		add_data(s, PATHS_EXE, keep(s, exe, ""));
		add_loc(s, PATHS_EXE, keep(s, exe, "/locale"));
		add_data(s, PATHS_EXE_SHARE, keep(s, up, "/share/maildoctor"));
		add_loc(s, PATHS_EXE_SHARE, keep(s, up, "/share/locale"));
		if (find_tree(exe, tree, sizeof tree)) {
			add_data(s, PATHS_TREE, keep(s, tree, "/assets"));
			add_loc(s, PATHS_TREE, keep(s, tree, "/build/locale"));
		} else {
			add_data(s, PATHS_NO_TREE, keep(s, exe, ""));
		}
	}
	add_data(s, PATHS_PREFIX, MD_DATADIR);
	add_loc(s, PATHS_PREFIX, MD_LOCALEDIR);

	/* $MAILDOCTOR_ASSETS chooses the folder: a wrong one is said, not
	 * passed over for another. */
	size_t n_try = use_env ? 1 : s->n_data;
	for (size_t i = 0; i < n_try && s->data_found < 0; i++)
		if (s->data[i].kind != PATHS_NO_TREE &&
		    holds_data(s->data[i].dir))
			s->data_found = (int)i;
	if (use_env)
		s->n_data = 1;

	/* Translations: beside the data found first, then in order. */
	for (size_t i = 0; i < s->n_loc && s->loc_found < 0; i++)
		if ((int)s->loc_owner[i] == s->data_found &&
		    holds_catalogue(s->loc[i].dir))
			s->loc_found = (int)i;
	for (size_t i = 0; i < s->n_loc && s->loc_found < 0; i++)
		if (holds_catalogue(s->loc[i].dir))
			s->loc_found = (int)i;
}

static struct search *search(void)
{
	if (!found.done)
		search_run(&found);
	return &found;
}

const char *paths_assets(void)
{
	struct search *s = search();
	return s->data_found >= 0 ? s->data[s->data_found].dir
				  : s->data[s->n_data - 1].dir;
}

bool paths_assets_found(void)
{
	return search()->data_found >= 0;
}

const struct paths_place *paths_assets_tried(size_t *n)
{
	struct search *s = search();
	*n = s->n_data;
	return s->data;
}

const char *paths_locale(void)
{
	struct search *s = search();
	return s->loc_found >= 0 ? s->loc[s->loc_found].dir : MD_LOCALEDIR;
}

bool paths_locale_found(void)
{
	return search()->loc_found >= 0;
}

const struct paths_place *paths_locale_tried(size_t *n)
{
	struct search *s = search();
	*n = s->n_loc;
	return s->loc;
}
