/* fix_outlook_live.h — a fix written into classic Outlook's account key in
 * the registry itself (Windows), and its exact undo.
 *
 *   plan   the values the fix sets (outgoing: SMTP Server, Port, Secure
 *          Connection, Use Auth, Auth Method, User; incoming: the POP3 or
 *          IMAP Server, Port, Use SSL), each with the key's value now;
 *          unchanged ones left out. Nothing written.
 *   apply  refused while OUTLOOK.EXE runs (it writes its settings back) or
 *          when the key changed since the plan; then a backup of the whole
 *          key (a .reg, passwords left out) beside the report, a .reg of
 *          the values as written, a line in the journal there, the values,
 *          and a re-read that must find them.
 *   undo   the journal's last line: refused when a value no longer is as
 *          maildoctor wrote it (changed in Outlook since) unless forced;
 *          each value the fix changed put back byte for byte from the
 *          backup, each one it added deleted, read back, and the line taken
 *          off the journal.
 *
 * fix_outlook_live.c holds the plan and the file parts (testable on any
 * system); fix_outlook_live_apply.c the writes (outlook_live.h). */
#ifndef MD_FIX_OUTLOOK_LIVE_H
#define MD_FIX_OUTLOOK_LIVE_H

#include "clientcfg/outlook/outlook_reg.h"
#include "core/base/err.h"
#include "core/model/fixdef.h"

#include <stdbool.h>
#include <stddef.h>

/* The journal in the folder of the reports: one line per fix applied,
 * "KEY<TAB>BACKUP .reg<TAB>WRITTEN .reg<TAB>NAME<TAB>NAME…" (the files'
 * names, in the same folder: the key before the fix, the values it wrote;
 * the names of the values the fix changed). */
#define FIX_OUTLOOK_LIVE_JOURNAL "maildoctor-outlook-registry.log"

/* One value a fix changes. */
struct fix_olive_change {
	struct outlook_reg_value after; /* name, type and bytes written */
	char *before_text; /* the value now, as shown; NULL: none */
	char *after_text;
	unsigned char *before; /* its bytes now (NULL: none) */
	size_t before_len;
	uint32_t before_type;
};

struct fix_olive_plan {
	char *key; /* the account's key, full path */
	char *dir; /* where the backup and the journal go */
	char *id;  /* the fix's id, for the backup's name */
	struct fix_olive_change *changes;
	size_t n_changes;
};

/* Plan fix f on the key now (as read from the registry: its path is the
 * account's key), the backup to go in dir. MD_ERR_NOTFOUND when an
 * incoming fix finds no POP3 or IMAP server in the key. */
enum md_status fix_olive_plan_from(const struct fix *f,
				   const struct outlook_reg_key *now,
				   const char *dir, struct fix_olive_plan **out,
				   struct md_err *err);

/* The same, the key read from the registry (f->source). */
enum md_status fix_olive_plan(const struct fix *f, const char *dir,
			      struct fix_olive_plan **out, struct md_err *err);

void fix_olive_plan_free(struct fix_olive_plan *plan);

/* A value as the preview shows it: a DWORD in decimal, UTF-16 text in
 * quotes, other bytes as hex (heap). */
char *fix_olive_value_text(uint32_t type, const unsigned char *data,
			   size_t len);

/* The journal line for plan with its files' names (heap). */
char *fix_olive_journal_line(const struct fix_olive_plan *plan,
			     const char *backup_name, const char *written_name);

/* The values plan writes as a .reg (outlook_reg_key_text; heap). */
enum md_status fix_olive_written_reg(const struct fix_olive_plan *plan,
				     char **out, size_t *len,
				     struct md_err *err);

/* The last line of a journal's text: its fields (g_strfreev), or NULL. */
char **fix_olive_journal_last(const char *text);

/* What an apply or an undo did. */
struct fix_olive_result {
	char *backup; /* the backup .reg (heap) */
	char *now;    /* the values read back, "Name = value" lines (heap) */
};

void fix_olive_result_done(struct fix_olive_result *res);

/* Apply, and undo the last fix applied (journal in dir), as above. Both
 * MD_ERR_BUSY while Outlook runs; undo MD_ERR_NOTFOUND when the journal
 * names nothing. */
enum md_status fix_olive_apply(const struct fix_olive_plan *plan,
			       struct fix_olive_result *res,
			       struct md_err *err);
enum md_status fix_olive_undo(const char *dir, bool force,
			      struct fix_olive_result *res, struct md_err *err);

/* Whether the journal in dir names a fix to undo. */
bool fix_olive_pending(const char *dir);

/* Whether Outlook (OUTLOOK.EXE) runs; err then holds the sentence. */
bool fix_olive_outlook_runs(struct md_err *err);

#endif
