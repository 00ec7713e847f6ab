/* safe_write.h — replacing a file so that a crash at any instant leaves
 * either the old or the new file, never a mix, and keeping backups. */
#ifndef MD_SAFE_WRITE_H
#define MD_SAFE_WRITE_H

#include "core/base/err.h"

#include <stddef.h>
#include <sys/types.h>

/* Replace path with len bytes of data: a temporary file in the same folder,
 * written, fsync'd, given mode, renamed over path, then the folder fsync'd.
 * Run as root, the new file gets the owner of the file it replaces (or of
 * the folder, for a new file). On Windows: FlushFileBuffers, then
 * ReplaceFileW (the file keeps its ACL and attributes; mode is not used)
 * or, for a new file, MoveFileExW with write-through (os.h). On any failure
 * path is untouched and the temporary file removed; err names the file and says
 * why (a full disk, a read-only folder). */
enum md_status safe_write(const char *path, const void *data, size_t len,
			  mode_t mode, struct md_err *err);

/* Read a whole file (at most 256 MiB) into a new buffer (NUL-terminated,
 * *len without the NUL); *mode gets its permission bits. */
enum md_status safe_read(const char *path, char **data, size_t *len,
			 mode_t *mode, struct md_err *err);

/* Copy path to "<path>.maildoctor-YYYYmmdd-HHMMSS.bak" (a suffix -2, -3 …
 * when taken), atomically and with the same mode. *backup gets the new
 * file's path (heap, caller frees). */
enum md_status safe_backup(const char *path, char **backup, struct md_err *err);

/* The system calls safe_write() makes where their order and arguments
 * matter: a unit test points safe_sys at its own table to record them
 * (sync of the temporary file before the rename, of the folder after;
 * the owner given under sudo). The program never changes it. The real
 * ones are os.h's: fsync is os_fsync (FlushFileBuffers on Windows),
 * rename os_replace (ReplaceFileW / MoveFileExW); the owner's two are
 * Linux's (uid_t and gid_t are unsigned int there), and on Windows never
 * give a file away. */
struct safe_sys {
	int (*fsync)(int fd);
	int (*rename)(const char *from, const char *to);
	int (*fchown)(int fd, unsigned uid, unsigned gid);
	unsigned (*geteuid)(void);
};
extern const struct safe_sys *safe_sys;

/* Lowercase hex SHA-256 of data into out[65]. */
void safe_sha256(const void *data, size_t len, char out[65]);

#endif
