/* tb_lock_wsl.c — Windows's Thunderbird seen from WSL (tb_lock_wsl.h):
 * which paths are on a Windows drive, and tasklist.exe's answer.
 * tasklist's options and its CSV form (Image Name, PID, Session Name,
 * Session#, Mem Usage; /NH: no header line): Microsoft's command
 * reference, learn.microsoft.com/windows-server/administration/
 * windows-commands/tasklist. */
#include "clientcfg/tb/tb_lock_wsl.h"

#include "core/base/i18n.h"
#include "core/base/os.h"

#include <glib.h>
#include <stdlib.h>
#include <string.h>

static const char *mnt_root(void)
{
	const char *r = os_getenv("MAILDOCTOR_WSL_MNT");
	return r && *r ? r : "/mnt";
}

bool tb_wsl_windows_path(const char *path)
{
	const char *root = mnt_root();
	size_t n = strlen(root);
	while (n > 1 && root[n - 1] == '/')
		n--;
	if (path[0] != '/' || strncmp(path, root, n) != 0 || path[n] != '/')
		return false;
	const char *d = path + n + 1;
	return g_ascii_isalpha(d[0]) && (d[1] == '/' || d[1] == '\0');
}

/* One CSV row: "thunderbird.exe","1234",…  1 when it names
 * thunderbird.exe (*pid), 0 another program, -1 not a row. */
static int parse_row(const char *line, long *pid)
{
	const char *name = line + 1, *q = strchr(name, '"');
	if (!q || strncmp(q, "\",\"", 3) != 0)
		return -1;
	const char *num = q + 3;
	char *end;
	long p = strtol(num, &end, 10);
	if (end == num || *end != '"' || p <= 0)
		return -1;
	if ((size_t)(q - name) != strlen("thunderbird.exe") ||
	    g_ascii_strncasecmp(name, "thunderbird.exe", (size_t)(q - name)))
		return 0;
	*pid = p;
	return 1;
}

int tb_tasklist_parse(const char *out, long *pid)
{
	*pid = 0;
	int found = 0;
	bool said = false; /* an answer says something: rows or INFO */
	char **lines = g_strsplit(out, "\n", -1);
	for (char **l = lines; *l && found >= 0; l++) {
		char *line = g_strstrip(*l); /* also the '\r' of CRLF */
		said = said || line[0];
		if (line[0] != '"')
			continue; /* the INFO line, in any language */
		long p = 0;
		int r = parse_row(line, &p);
		if (r < 0)
			found = -1;
		else if (r > 0 && !found) {
			found = 1;
			*pid = p;
		}
	}
	g_strfreev(lines);
	if (!said)
		found = -1; /* silence is not "none" */
	if (found < 0)
		*pid = 0;
	return found;
}

/* tasklist.exe on PATH (WSL adds Windows's folders), else where Windows
 * keeps it. */
static char *find_tasklist(void)
{
	char *p = g_find_program_in_path("tasklist.exe");
	if (p)
		return p;
	p = g_build_filename(mnt_root(), "c", "Windows", "System32",
			     "tasklist.exe", NULL);
	if (os_is_file(p))
		return p;
	g_free(p);
	return NULL;
}

/* tasklist.exe goes through WSL's interop, which can hang: it runs under
 * coreutils' timeout(1) (always in WSL's Debian and Ubuntu), ended after
 * TASKLIST_SECONDS and killed a second later; 124 is timeout's status
 * for "ran out of time". */
#define TASKLIST_SECONDS "10"
#define TIMEOUT_STATUS	 124

/* argv with prog for argv[0], behind timeout(1) when there is one. */
static char **command(char *prog, const char *const *argv, char **timeout)
{
	size_t n = g_strv_length((char **)argv);
	char **args = g_new0(char *, n + 5);
	size_t k = 0;
	*timeout = g_find_program_in_path("timeout");
	if (*timeout) {
		args[k++] = *timeout;
		args[k++] = (char *)"-k";
		args[k++] = (char *)"1";
		args[k++] = (char *)TASKLIST_SECONDS;
	}
	args[k++] = prog;
	for (size_t i = 1; i < n; i++)
		args[k++] = (char *)argv[i];
	return args;
}

static bool run_real(void *ctx, const char *const *argv, char **out,
		     int *status, struct md_err *err)
{
	(void)ctx;
	char *prog = find_tasklist();
	if (!prog) {
		md_err_set(err, MD_ERR_NOTFOUND, argv[0], 0,
			   _("%s is neither on PATH nor in %s"), argv[0],
			   "C:\\Windows\\System32");
		return false;
	}
	char *timeout = NULL;
	char **args = command(prog, argv, &timeout);
	GError *ge = NULL;
	int wait = 0;
	bool ran = g_spawn_sync(NULL, args, NULL, G_SPAWN_STDERR_TO_DEV_NULL,
				NULL, NULL, out, NULL, &wait, &ge);
	if (!ran) {
		md_err_set(err, MD_ERR_IO, prog, 0, _("cannot run %s: %s"),
			   prog, ge->message);
		g_error_free(ge);
	} else {
		GError *ee = NULL;
		*status = g_spawn_check_wait_status(wait, &ee) ? 0 : 1;
		if (ee && ee->domain == G_SPAWN_EXIT_ERROR)
			*status = ee->code;
		g_clear_error(&ee);
		if (timeout && (*status == TIMEOUT_STATUS || *status == 137)) {
			md_err_set(err, MD_ERR_TIMEOUT, prog, 0,
				   _("%s did not answer within %s seconds"),
				   "tasklist.exe", TASKLIST_SECONDS);
			g_free(*out);
			*out = NULL;
			ran = false;
		}
	}
	g_free(args);
	g_free(timeout);
	g_free(prog);
	return ran;
}

enum tb_use tb_wsl_windows_use(const struct tb_runner *runner, long *pid,
			       struct md_err *why)
{
	static const struct tb_runner real = {run_real, NULL};
	static const char *const argv[] = {
	    "tasklist.exe", "/FI", "IMAGENAME eq thunderbird.exe", "/FO", "CSV",
	    "/NH",	    NULL};
	const struct tb_runner *r = runner ? runner : &real;
	*pid = 0;
	char *out = NULL;
	int status = 0;
	struct md_err ran;
	md_err_clear(&ran);
	if (!r->run(r->ctx, argv, &out, &status, &ran)) {
		md_err_set(why, MD_ERR_BUSY, NULL, 0,
			   _("cannot tell whether Thunderbird runs on Windows: "
			     "%s"),
			   ran.text);
		return TB_USE_UNKNOWN;
	}
	int found = status == 0 && out ? tb_tasklist_parse(out, pid) : -1;
	g_free(out);
	if (found > 0)
		return TB_USE_RUNNING;
	if (found == 0)
		return TB_USE_NONE;
	if (status != 0)
		md_err_set(why, MD_ERR_BUSY, NULL, 0,
			   _("cannot tell whether Thunderbird runs on Windows: "
			     "tasklist.exe ended with status %d"),
			   status);
	else
		md_err_set(why, MD_ERR_BUSY, NULL, 0,
			   _("cannot tell whether Thunderbird runs on Windows: "
			     "tasklist.exe answered in a form maildoctor "
			     "does not know"));
	return TB_USE_UNKNOWN;
}
