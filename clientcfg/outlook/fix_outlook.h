/* fix_outlook.h — handing a fix over for Outlook, which cannot be written
 * from here: a .reg file to import (the account's SMTP values) and the
 * numbered steps to type the same values in Outlook's dialogs. */
#ifndef MD_FIX_OUTLOOK_H
#define MD_FIX_OUTLOOK_H

#include "core/base/err.h"
#include "core/model/fixdef.h"

#include <stddef.h>

/* The .reg text for fix f on the account kept at registry key locator, as
 * regedit writes it (UTF-16LE with BOM, CRLF, hex strings wrapped at 80
 * columns). *out is heap memory of *len bytes. No password is written. */
enum md_status fix_outlook_reg(const struct fix *f, const char *locator,
			       char **out, size_t *len, struct md_err *err);

/* Write that .reg to a new file named after the fix in dir (never over an
 * existing file: -2, -3 … are added). *path gets the file's path (heap). */
enum md_status fix_outlook_write(const struct fix *f, const char *locator,
				 const char *dir, char **path,
				 struct md_err *err);

/* The journal beside an export: one line per hand-over, "EXPORT<TAB>FIX
 * .reg<TAB>RESTORING .reg" (file names in the same folder). */
#define FIX_OUTLOOK_JOURNAL "maildoctor-outlook.journal"

/* The restoring .reg for fix f: the values fix_outlook_reg() sets, as the
 * export f->source has them under key locator ("Name"=- for those it does
 * not have), in the same format. *out is heap memory of *len bytes. */
enum md_status fix_outlook_restore_reg(const struct fix *f, const char *locator,
				       char **out, size_t *len,
				       struct md_err *err);

/* The files of a hand-over (heap paths, fix_outlook_files_done frees). */
struct fix_outlook_files {
	char *reg;	/* the fix to import */
	char *undo_reg; /* imported afterwards, it puts the values back */
};

/* Write the restoring .reg and the fix .reg in dir (new files), and add
 * them to the journal there. On an error nothing is left written. */
enum md_status fix_outlook_hand_over(const struct fix *f, const char *locator,
				     const char *dir,
				     struct fix_outlook_files *out,
				     struct md_err *err);

void fix_outlook_files_done(struct fix_outlook_files *out);

/* The restoring .reg of the last hand-over for export_path (from the
 * journal beside it; the file must still be there): *undo_reg (heap), or
 * MD_ERR_NOTFOUND with a sentence. */
enum md_status fix_outlook_find_undo(const char *export_path, char **undo_reg,
				     struct md_err *err);

/* The steps in Outlook's dialogs, numbered, translated (heap). */
char *fix_outlook_steps(const struct fix *f);

#endif
