/* fix.h — the write facade: everything maildoctor does to a mail program's
 * settings for a fix, dispatched per client once, here, in the words of no
 * one client: a plan (the lines that change, in which folder), a result
 * (the copies kept), the folders changed. Thunderbird is written (plan →
 * preview → apply → undo, with a journal in the profile); Outlook is handed
 * over (a .reg to import, its restoring .reg, the steps).
 *
 *   fix.c                  this dispatch
 *   tb/fix_tb.c            the preview: every before → after value
 *   tb/fix_tb_apply.c      apply, undo, the profile's journal
 *   outlook/fix_outlook.c  the .reg files, the steps, the export's journal
 *
 * "The fix screen shows the wrong before-value": the lines come from
 * fix_preview() (fix_tb_plan() in tb/fix_tb.c), the values of the server
 * from describe_fix_values() (app/describe_fix.c), nowhere else. */
#ifndef MD_FIX_H
#define MD_FIX_H

#include "clientcfg/clients.h"
#include "core/base/err.h"
#include "core/model/account.h"
#include "core/model/fixdef.h"

#include <stdbool.h>
#include <stddef.h>

/* How a fix reaches the mail program. */
enum fix_way {
	FIX_WAY_NONE,	   /* a typed address: the person changes it */
	FIX_WAY_WRITE,	   /* Thunderbird: maildoctor writes the files;
			      Outlook read from the registry (Windows):
			      maildoctor writes its account key */
	FIX_WAY_HAND_OVER, /* Outlook read from an export: a .reg to
			      import, and the steps */
};

enum fix_way fix_way(const struct fix *f);

/* One setting of a file that changes, as written in the file: "587",
 * "\"mail.example\"". */
struct fix_change {
	const char *file;   /* full path of the file */
	const char *name;   /* the setting */
	const char *before; /* NULL: it is not set now */
	const char *after;  /* NULL: it is removed */
};

/* What a fix would write; nothing is written yet. Every string is the
 * plan's, valid until fix_plan_free(). */
struct fix_plan {
	const char *folder; /* the folder of the files (a Thunderbird
			       profile); the copies are kept there */
	const struct fix_change *changes;
	size_t n_changes;
	bool new_server;    /* a new outgoing server is added */
	bool reuses_orphan; /* the server was defined, but no address used
			       it any more */
	bool overridden;    /* another file of the mail program sets a
			       changed value too (Thunderbird's user.js):
			       it is changed there too */
	bool registry;	    /* Outlook's account key in the registry: each
			       change's file is the key; folder is where
			       the backup .reg goes (fix_report_dir()) */
	void *client;	    /* the mail program's own plan (fix.c) */
};

void fix_plan_free(struct fix_plan *plan);

/* What an apply or an undo did: the copies it kept or restored (heap,
 * freed by fix_result_done()). */
struct fix_result {
	char *backups[2];
	size_t n_backups;
	char *now; /* Outlook's registry: the changed values read back,
		      "Name = value" lines (heap), or NULL */
};

void fix_result_done(struct fix_result *res);

/* The preview of fix f: each value (and file line) before → after.
 * Nothing is written. Only for FIX_WAY_WRITE (else MD_ERR_USAGE).
 * *out freed with fix_plan_free(). */
enum md_status fix_preview(const struct fix *f, struct fix_plan **out,
			   struct md_err *err);

/* Write a preview's changes, safely (Thunderbird: see fix_tb_apply()). */
enum md_status fix_apply(const struct fix_plan *plan, struct fix_result *res,
			 struct md_err *err);

/* Undo the last fix applied to a folder (a Thunderbird profile: see
 * fix_tb_undo()). */
enum md_status fix_undo(const char *folder, bool force, struct fix_result *res,
			struct md_err *err);

/* The folder the reports, and the backups of Outlook's registry key, go
 * to: $MAILDOCTOR_REPORT_DIR, else the home folder (on Windows the profile
 * folder, C:\Users\<name>), else the current folder. Borrowed. */
const char *fix_report_dir(void);

/* Whether a fix written into Outlook's registry is there to undo (its
 * journal in fix_report_dir()). */
bool fix_outlook_changed(void);

/* Undo the last fix written into Outlook's registry, byte for byte from
 * its backup (clientcfg/outlook/fix_outlook_live.h); res names the backup
 * and the values now. MD_ERR_BUSY while Outlook runs, or when a value is no
 * longer as maildoctor wrote it (unless force). */
enum md_status fix_undo_outlook(bool force, struct fix_result *res,
				struct md_err *err);

/* The files of a hand-over (heap paths, fix_hand_over_done() frees). */
struct fix_hand_over {
	char *reg;	/* the fix to import */
	char *undo_reg; /* imported afterwards, it puts the values back */
};

/* Hand fix f over (FIX_WAY_HAND_OVER): the .reg and its restoring .reg
 * beside the export f->source, for the account of set the fix is about,
 * added to the journal there. On an error nothing is left written. */
enum md_status fix_hand_over(const struct fix *f, const struct acct_set *set,
			     struct fix_hand_over *out, struct md_err *err);

void fix_hand_over_done(struct fix_hand_over *out);

/* The steps to type the values of a hand-over, numbered, translated
 * (heap, free()). */
char *fix_hand_over_steps(const struct fix *f);

/* The restoring .reg of the last hand-over for the export export_path
 * (from the journal beside it): *undo_reg (heap), or MD_ERR_NOTFOUND with
 * a sentence. */
enum md_status fix_hand_over_undo(const char *export_path, char **undo_reg,
				  struct md_err *err);

/* A folder maildoctor has changed (a Thunderbird profile). */
struct fix_changed {
	char *name; /* as the person knows it (the profile's name) */
	char *path;
};

struct fix_changed_list {
	struct fix_changed *items;
	size_t n;
};

void fix_changed_list_done(struct fix_changed_list *list);

/* The Thunderbird profiles of opts (--profile, or every one found) that
 * maildoctor has changed: their journal is not empty. out is the caller's,
 * freed with fix_changed_list_done() (also after an error). */
enum md_status fix_changed_profiles(const struct clients_opts *opts,
				    struct fix_changed_list *out,
				    struct md_err *err);

#endif
