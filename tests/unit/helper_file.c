/* helper_file.c — a whole file read into memory (helper_file.h), with
 * core/base's file_read(). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "tests/unit/helper_file.h"

#include "core/base/file_read.h"

char *hf_read_file(const char *path, size_t *len)
{
	char *buf = NULL;
	size_t n = 0;
	struct md_err err;
	if (file_read(path, (size_t)256 << 20, NULL, &buf, &n, &err) != MD_OK)
		return NULL;
	if (len)
		*len = n;
	return buf;
}

char *hf_slurp(const char *path, size_t *len)
{
	char *buf = hf_read_file(path, len);
	if (!buf)
		fail_msg("cannot read %s", path);
	return buf;
}
