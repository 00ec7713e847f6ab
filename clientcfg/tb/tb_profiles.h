/* tb_profiles.h — finding Thunderbird profiles: the profile roots of Linux
 * (plain, old Debian, snap, flatpak, XDG), macOS and Windows reached from WSL,
 * their profiles.ini / installs.ini, and which profile is the default. */
#ifndef MD_TB_PROFILES_H
#define MD_TB_PROFILES_H

#include "core/base/err.h"

#include <stdbool.h>
#include <stddef.h>

struct tb_profile {
	char *name;	 /* Name= from profiles.ini, or the folder's name */
	char *path;	 /* the profile folder (holds prefs.js) */
	char *root;	 /* the folder holding profiles.ini, or NULL */
	bool is_default; /* the profile Thunderbird starts with */
};

struct tb_profile_list {
	struct tb_profile *items; /* default profiles first, then file order */
	size_t n;
};

/* Where to look. NULL fields are skipped. */
struct tb_search {
	const char *home;      /* the person's home folder ($HOME) */
	const char *wsl_users; /* "/mnt/c/Users" on WSL: Windows profiles */
};

/* Append the profiles of one root (a folder with profiles.ini). A missing
 * profiles.ini is MD_ERR_NOTFOUND; a malformed one MD_ERR_PARSE naming the
 * file and line. */
enum md_status tb_profiles_read_root(const char *root,
				     struct tb_profile_list *list,
				     struct md_err *err);

/* Every profile of every root found from s. A root that cannot be read is
 * skipped, its problem kept in *err (the status is still MD_OK when some
 * root was read or none exists); MD_ERR_NOMEM only for memory. */
enum md_status tb_profiles_discover(const struct tb_search *s,
				    struct tb_profile_list *list,
				    struct md_err *err);

/* --profile DIR: a profile folder (with prefs.js) or a root (with
 * profiles.ini). MD_ERR_NOTFOUND when it is neither. */
enum md_status tb_profiles_from_arg(const char *dir,
				    struct tb_profile_list *list,
				    struct md_err *err);

/* Put default profiles first, keeping the order otherwise. */
void tb_profiles_sort(struct tb_profile_list *list);

void tb_profile_list_done(struct tb_profile_list *list);

#endif
