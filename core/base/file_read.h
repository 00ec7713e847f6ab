/* file_read.h — reading a whole file, up to a size limit, into one buffer
 * that the caller owns: the one loop that prefs.js, the Outlook files, the
 * provider knowledge and safe_read() share. */
#ifndef MD_FILE_READ_H
#define MD_FILE_READ_H

#include "core/base/err.h"

#include <stddef.h>
#include <stdio.h>

/* The sentences of the failures, already through _(). cannot_open and
 * cannot_read are given the path and strerror(); too_big the path and the
 * limit in MiB (unsigned); nomem nothing. A sentence may use fewer of its
 * arguments than it is given. nomem may be NULL (no text). Callers pass
 * NULL for the words of file_read_words_plain(). */
struct file_read_words {
	const char *cannot_open;
	const char *cannot_read;
	const char *too_big;
	const char *nomem;
};

/* The plain sentences: "cannot open %s: %s", "cannot read %s: %s",
 * "%s is larger than 256 MiB" (so for a limit of 256 MiB). */
struct file_read_words file_read_words_plain(void);

/* Read path (opened with os_fopen) to its end. At most max bytes, else
 * MD_ERR_TOOBIG; a path that cannot be opened is MD_ERR_NOTFOUND (it does
 * not exist) or MD_ERR_IO, as is a failed read; MD_ERR_NOMEM. On MD_OK
 * *buf is a new buffer of *len bytes and a NUL after them, the caller
 * frees it; otherwise *buf is NULL. w NULL: file_read_words_plain(). */
enum md_status file_read(const char *path, size_t max,
			 const struct file_read_words *w, char **buf,
			 size_t *len, struct md_err *err);

/* Open path for reading (os_fopen, binary) into *f; the failure is said
 * with w->cannot_open and is MD_ERR_NOTFOUND or MD_ERR_IO. */
enum md_status file_read_open(const char *path, const struct file_read_words *w,
			      FILE **f, struct md_err *err);

/* The same as file_read for a file already open (path names it in messages); f
 * stays open. */
enum md_status file_read_stream(FILE *f, const char *path, size_t max,
				const struct file_read_words *w, char **buf,
				size_t *len, struct md_err *err);

#endif
