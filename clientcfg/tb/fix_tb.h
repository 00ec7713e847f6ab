/* fix_tb.h — applying a fix to a Thunderbird profile: plan the preference
 * changes (a preview, nothing written), apply them safely (Thunderbird
 * closed, backups, atomic writes, a journal), and undo the last one. */
#ifndef MD_FIX_TB_H
#define MD_FIX_TB_H

#include "core/base/err.h"
#include "core/model/fixdef.h"

#include <stdbool.h>
#include <stddef.h>

/* One preference that changes. Values are written as in the file:
 * "\"mail.example\"", "587"; before is NULL when the preference is new,
 * after NULL when it is removed. */
struct tb_fix_change {
	char *file; /* full path of prefs.js or user.js */
	char *name;
	char *before;
	char *after;
};

struct tb_fix_plan {
	char *profile_dir;
	struct tb_fix_change *changes;
	size_t n_changes;
	char *server_key;     /* the outgoing server the identity will use, or
				 the incoming server changed */
	bool new_server;      /* server_key is added by this fix */
	bool reuses_orphan;   /* server_key was defined but unused */
	bool touches_user_js; /* user.js overrides a changed value */
	void *priv;	      /* the parsed files, edited (fix_tb.c) */
};

/* What apply did, for the summary. Strings are heap, freed by
 * fix_tb_result_done(). */
struct tb_fix_result {
	char *backups[2]; /* backup of prefs.js, and of user.js or NULL */
	size_t n_backups;
};

/* Plan fix f (FIX_SET_OUTGOING, or FIX_SET_INCOMING: realhostname when the
 * host changes, port, socketType) on the profile folder f->source. Reads
 * prefs.js and user.js; writes nothing. MD_ERR_NOTFOUND when the identity
 * (or the incoming server) is not in the profile. *out freed with
 * fix_tb_plan_free(). */
enum md_status fix_tb_plan(const struct fix *f, struct tb_fix_plan **out,
			   struct md_err *err);

/* Apply a plan: refuses (MD_ERR_BUSY) while Thunderbird runs, while
 * another maildoctor changes the profile, or when the files changed since
 * the plan; backs up every file it changes, records them in the profile's
 * maildoctor-fixes.log, then replaces them atomically (mode and line ends
 * kept). No password is ever written. */
enum md_status fix_tb_apply(const struct tb_fix_plan *plan,
			    struct tb_fix_result *res, struct md_err *err);

/* The same, said_closed telling whether the person said Thunderbird is
 * closed: where maildoctor cannot tell (tb_profile_use()'s
 * TB_USE_UNKNOWN: Windows's Thunderbird from WSL without tasklist.exe)
 * the fix is written only then; a Thunderbird seen running refuses it
 * whatever was said. fix_tb_apply() is said_closed false. */
enum md_status fix_tb_apply_said(const struct tb_fix_plan *plan,
				 bool said_closed, struct tb_fix_result *res,
				 struct md_err *err);

/* Restore, byte for byte, the files of the last fix applied to the
 * profile. Refuses when a file changed since maildoctor wrote it (unless
 * force) or when a backup is not intact. MD_ERR_NOTFOUND when there is
 * nothing to undo. res lists the backups restored. */
enum md_status fix_tb_undo(const char *profile_dir, bool force,
			   struct tb_fix_result *res, struct md_err *err);

/* The same, with said_closed as for fix_tb_apply_said(). */
enum md_status fix_tb_undo_said(const char *profile_dir, bool force,
				bool said_closed, struct tb_fix_result *res,
				struct md_err *err);

void fix_tb_plan_free(struct tb_fix_plan *plan);
void fix_tb_result_done(struct tb_fix_result *res);

/* The journal's file name inside a profile folder. */
#define FIX_JOURNAL "maildoctor-fixes.log"

#endif
