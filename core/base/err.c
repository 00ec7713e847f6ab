/* err.c — status messages and the filling of struct md_err. */
#include "core/base/err.h"
#include "core/base/i18n.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static const struct {
	const char *name;
	int exitcode;
	const char *msg;
} status_table[] = {
#define MD_X_ROW(name, exitcode, msg) {#name, exitcode, msg},
    MD_STATUS_LIST(MD_X_ROW)
#undef MD_X_ROW
};

#define N_STATUS (sizeof status_table / sizeof status_table[0])

const char *md_status_message(enum md_status st)
{
	if ((size_t)st >= N_STATUS)
		return status_table[MD_ERR_INTERNAL].msg;
	return status_table[st].msg;
}

int md_status_exit(enum md_status st)
{
	if ((size_t)st >= N_STATUS)
		return 3;
	return status_table[st].exitcode;
}

const char *md_status_name(enum md_status st)
{
	if ((size_t)st >= N_STATUS)
		return "MD_ERR_INTERNAL";
	return status_table[st].name;
}

void md_err_clear(struct md_err *err)
{
	if (err)
		memset(err, 0, sizeof *err);
}

static void set_file(struct md_err *err, const char *file)
{
	if (file)
		snprintf(err->file, sizeof err->file, "%s", file);
	else
		err->file[0] = '\0';
}

/* Fill err from a va_list: the common part of md_err_set/md_err_sys. */
static enum md_status err_vset(struct md_err *err, enum md_status code,
			       int errnum, const char *file, unsigned line,
			       const char *fmt, va_list ap)
{
	if (!err)
		return code;
	md_err_clear(err);
	err->code = code;
	err->sys_errno = errnum;
	err->line = line;
	set_file(err, file);
	if (fmt)
		vsnprintf(err->text, sizeof err->text, fmt, ap);
	return code;
}

enum md_status md_err_set(struct md_err *err, enum md_status code,
			  const char *file, unsigned line, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	err_vset(err, code, 0, file, line, fmt, ap);
	va_end(ap);
	return code;
}

enum md_status md_err_sys(struct md_err *err, enum md_status code, int errnum,
			  const char *file, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	err_vset(err, code, errnum, file, 0, fmt, ap);
	va_end(ap);
	return code;
}
