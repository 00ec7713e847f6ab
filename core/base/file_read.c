/* file_read.c — a whole file into one owned buffer, with a size limit. The
 * size the file says is only where the buffer starts: it is read to its end
 * (it may be a pipe, or grow). */
#include "core/base/file_read.h"

#include "core/base/i18n.h"
#include "core/base/os.h"

#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

struct file_read_words file_read_words_plain(void)
{
	struct file_read_words w = {
	    .cannot_open = _("cannot open %s: %s"),
	    .cannot_read = _("cannot read %s: %s"),
	    .too_big = _("%s is larger than 256 MiB"),
	    .nomem = NULL,
	};
	return w;
}

static enum md_status too_big(struct md_err *err, const char *path, size_t max,
			      const struct file_read_words *w)
{
	return md_err_set(err, MD_ERR_TOOBIG, path, 0, w->too_big, path,
			  (unsigned)(max >> 20));
}

static enum md_status no_memory(struct md_err *err, const char *path,
				const struct file_read_words *w)
{
	if (!w->nomem)
		return md_err_set(err, MD_ERR_NOMEM, path, 0, NULL);
	return md_err_set(err, MD_ERR_NOMEM, path, 0, "%s", w->nomem);
}

/* Room for the whole file as its size says, within max (and one more byte,
 * so that reading on tells whether there is more); false when the size
 * already says it is over max. */
static bool first_room(FILE *f, size_t max, size_t *cap)
{
	struct stat st;
	bool sized = fstat(fileno(f), &st) == 0 && st.st_size > 0;
	if (sized && (unsigned long long)st.st_size > max)
		return false;
	*cap = sized ? (size_t)st.st_size + 1 : 1 << 16;
	if (*cap > max + 1)
		*cap = max + 1;
	return true;
}

/* Twice the room in *buf (of *cap bytes and one for the NUL); false when
 * there is no memory (then *buf is freed). */
static bool grow(char **buf, size_t *cap)
{
	char *nb = realloc(*buf, *cap * 2 + 1);
	if (!nb) {
		free(*buf);
		*buf = NULL;
		return false;
	}
	*buf = nb;
	*cap *= 2;
	return true;
}

enum md_status file_read_stream(FILE *f, const char *path, size_t max,
				const struct file_read_words *w, char **buf,
				size_t *len, struct md_err *err)
{
	struct file_read_words plain = file_read_words_plain();
	if (!w)
		w = &plain;
	*buf = NULL;
	*len = 0;
	size_t cap, n = 0;
	if (!first_room(f, max, &cap))
		return too_big(err, path, max, w);
	char *b = malloc(cap + 1);
	if (!b)
		return no_memory(err, path, w);
	for (;;) {
		if (n == cap) {
			if (cap > max) {
				free(b);
				return too_big(err, path, max, w);
			}
			if (!grow(&b, &cap))
				return no_memory(err, path, w);
		}
		size_t got = fread(b + n, 1, cap - n, f);
		n += got;
		if (got == 0)
			break;
	}
	if (ferror(f)) {
		int e = errno ? errno : EIO;
		free(b);
		return md_err_sys(err, MD_ERR_IO, e, path, w->cannot_read, path,
				  strerror(e));
	}
	if (n > max) {
		free(b);
		return too_big(err, path, max, w);
	}
	b[n] = '\0';
	*buf = b;
	*len = n;
	return MD_OK;
}

enum md_status file_read_open(const char *path, const struct file_read_words *w,
			      FILE **f, struct md_err *err)
{
	struct file_read_words plain = file_read_words_plain();
	if (!w)
		w = &plain;
	*f = os_fopen(path, "rb");
	if (*f)
		return MD_OK;
	int e = errno;
	return md_err_sys(err, e == ENOENT ? MD_ERR_NOTFOUND : MD_ERR_IO, e,
			  path, w->cannot_open, path, strerror(e));
}

enum md_status file_read(const char *path, size_t max,
			 const struct file_read_words *w, char **buf,
			 size_t *len, struct md_err *err)
{
	struct file_read_words plain = file_read_words_plain();
	if (!w)
		w = &plain;
	*buf = NULL;
	*len = 0;
	FILE *f;
	enum md_status st = file_read_open(path, w, &f, err);
	if (st != MD_OK)
		return st;
	st = file_read_stream(f, path, max, w, buf, len, err);
	fclose(f);
	return st;
}
