/* fix_outlook.h — handing a fix over for Outlook, which cannot be written
 * from here: a .reg file to import (the account's SMTP values) and the
 * numbered steps to type the same values in Outlook's dialogs. */
#ifndef MD_FIX_OUTLOOK_H
#define MD_FIX_OUTLOOK_H

#include "core/err.h"
#include "core/fixdef.h"

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

/* The steps in Outlook's dialogs, numbered, translated (heap). */
char *fix_outlook_steps(const struct fix *f);

#endif
