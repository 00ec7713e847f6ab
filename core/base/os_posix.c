/* os_posix.c — the Linux side of os.h: POSIX calls, /proc for processes,
 * fcntl and flock for locks. */
#ifndef _WIN32

#include "core/base/os.h"

#include "core/base/i18n.h"

#include <dirent.h>
#include <glib.h>
#include <langinfo.h>
#include <locale.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

FILE *os_fopen(const char *path, const char *mode)
{
	char m[8];
	/* "e": O_CLOEXEC, so no descriptor leaks into a child */
	if (snprintf(m, sizeof m, "%se", mode) >= (int)sizeof m)
		return NULL;
	return fopen(path, m);
}

const char *os_getenv(const char *name)
{
	return getenv(name);
}

bool os_is_dir(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

bool os_is_file(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

bool os_is_readable_file(const char *path)
{
	return os_is_file(path) && access(path, R_OK) == 0;
}

void os_exe_dir(char *dir, size_t len)
{
	ssize_t n = readlink("/proc/self/exe", dir, len - 1);
	if (n <= 0) {
		dir[0] = '\0';
		return;
	}
	dir[n] = '\0';
	char *slash = strrchr(dir, '/');
	if (slash)
		*slash = '\0';
}

bool os_dir_each(const char *dir, bool (*each)(const char *name, void *ctx),
		 void *ctx)
{
	DIR *d = opendir(dir);
	if (!d)
		return false;
	struct dirent *e;
	while ((e = readdir(d)) != NULL) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		if (!each(e->d_name, ctx))
			break;
	}
	closedir(d);
	return true;
}

static bool name_in(const char *name, const char *const *names)
{
	for (; *names; names++)
		if (strcmp(name, *names) == 0)
			return true;
	return false;
}

/* The command name of process pid (/proc/<pid>/comm) into comm. */
static bool read_comm(long pid, char *comm, size_t len)
{
	char path[64];
	snprintf(path, sizeof path, "/proc/%ld/comm", pid);
	FILE *f = os_fopen(path, "r");
	if (!f)
		return false;
	bool ok = fgets(comm, (int)len, f) != NULL;
	fclose(f);
	if (ok)
		comm[strcspn(comm, "\n")] = '\0';
	return ok;
}

/* Does process pid run one of names? Its executable's file name, or, where
 * that link cannot be read (another user's process), its command name. */
static bool pid_program_in(long pid, const char *const *names)
{
	char path[64], exe[4096];
	snprintf(path, sizeof path, "/proc/%ld/exe", pid);
	ssize_t n = readlink(path, exe, sizeof exe - 1);
	if (n > 0) {
		exe[n] = '\0';
		/* " (deleted)" after an upgrade replaced the binary */
		char *del = strstr(exe, " (deleted)");
		if (del && del[10] == '\0')
			*del = '\0';
		const char *base = strrchr(exe, '/');
		return name_in(base ? base + 1 : exe, names);
	}
	char comm[64];
	return read_comm(pid, comm, sizeof comm) && name_in(comm, names);
}

bool os_pid_runs(long pid, const char *const *names)
{
	if (pid <= 0 || pid > INT_MAX)
		return false;
	if (kill((pid_t)pid, 0) != 0 && errno != EPERM)
		return false;
	return pid_program_in(pid, names);
}

struct proc_scan {
	const char *const *names;
	uid_t me;
	long found;
};

static bool scan_one(const char *name, void *ctx)
{
	struct proc_scan *s = ctx;
	char *end;
	long p = strtol(name, &end, 10);
	if (*end || p <= 0)
		return true;
	char comm[64], dir[64];
	if (!read_comm(p, comm, sizeof comm) || !name_in(comm, s->names))
		return true;
	snprintf(dir, sizeof dir, "/proc/%ld", p);
	struct stat st;
	if (stat(dir, &st) == 0 && st.st_uid == s->me) {
		s->found = p;
		return false;
	}
	return true;
}

bool os_process_running(const char *const *names, long *pid)
{
	struct proc_scan s = {.names = names, .me = getuid()};
	os_dir_each("/proc", scan_one, &s);
	if (pid)
		*pid = s.found;
	return s.found > 0;
}

bool os_file_lock_held(const char *path, long *pid)
{
	if (pid)
		*pid = 0;
	int fd = open(path, O_RDWR | O_CLOEXEC);
	if (fd < 0)
		fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return false;
	struct flock fl = {.l_type = F_WRLCK, .l_whence = SEEK_SET};
	bool held = fcntl(fd, F_GETLK, &fl) == 0 && fl.l_type != F_UNLCK;
	if (held && pid)
		*pid = fl.l_pid;
	close(fd);
	return held;
}

bool os_link_target(const char *path, char *buf, size_t len)
{
	ssize_t n = readlink(path, buf, len - 1);
	if (n <= 0 || (size_t)n >= len - 1)
		return false;
	buf[n] = '\0';
	return true;
}

int os_lock_dir(const char *dir, bool *busy, struct md_err *err)
{
	*busy = false;
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0) {
		md_err_sys(err, MD_ERR_IO, errno, dir, _("cannot open %s: %s"),
			   dir, strerror(errno));
		return -1;
	}
	if (flock(fd, LOCK_EX | LOCK_NB) != 0) {
		int e = errno;
		close(fd);
		if (e == EWOULDBLOCK)
			*busy = true;
		else
			md_err_sys(err, MD_ERR_IO, e, dir,
				   _("cannot lock %s: %s"), dir, strerror(e));
		return -1;
	}
	return fd;
}

void os_unlock(int handle)
{
	if (handle >= 0)
		close(handle); /* closing releases the flock */
}

bool os_stat(const char *path, struct os_stat *st)
{
	struct stat sb;
	if (stat(path, &sb) != 0)
		return false;
	*st = (struct os_stat){.is_dir = S_ISDIR(sb.st_mode),
			       .is_file = S_ISREG(sb.st_mode),
			       .size = (long long)sb.st_size,
			       .mode = sb.st_mode & 07777};
	return true;
}

bool os_exists(const char *path)
{
	return access(path, F_OK) == 0;
}

int os_create_new(const char *path, unsigned mode)
{
	return open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC,
		    (mode_t)mode);
}

int os_create_private(const char *path)
{
	return os_create_new(path, 0600);
}

int os_create_temp(char *tmpl)
{
	return g_mkstemp_full(tmpl, O_WRONLY | O_CLOEXEC, 0600);
}

int os_fsync(int fd)
{
	return fsync(fd);
}

int os_replace(const char *from, const char *to)
{
	return rename(from, to);
}

int os_dir_open(const char *dir)
{
	return open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
}

int os_fchmod(int fd, unsigned mode)
{
	return fchmod(fd, (mode_t)mode);
}

bool os_owner(const char *path, unsigned *uid, unsigned *gid)
{
	struct stat st;
	if (stat(path, &st) != 0)
		return false;
	*uid = st.st_uid;
	*gid = st.st_gid;
	return true;
}

int os_unlink(const char *path)
{
	return unlink(path);
}

bool os_fd_path(int fd, char *buf, size_t len)
{
	char link[64];
	snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
	return os_link_target(link, buf, len);
}

_Static_assert(sizeof(uid_t) == sizeof(unsigned) && (uid_t)-1 > 0 &&
		   sizeof(gid_t) == sizeof(unsigned) && (gid_t)-1 > 0,
	       "uid_t and gid_t are unsigned int");

unsigned os_geteuid(void)
{
	return geteuid();
}

int os_fchown(int fd, unsigned uid, unsigned gid)
{
	return fchown(fd, uid, gid);
}

char *os_realpath(const char *path)
{
	return realpath(path, NULL);
}

bool os_is_sep(char c)
{
	return c == '/';
}

const char os_sep[] = "/";

long os_getpid(void)
{
	return (long)getpid();
}

int os_setenv(const char *name, const char *value)
{
	return setenv(name, value, 1);
}

int os_unsetenv(const char *name)
{
	return unsetenv(name);
}

bool os_known_folder(enum os_folder which, char *buf, size_t len)
{
	const char *home = getenv("HOME");
	if (which != OS_FOLDER_HOME || !home || !*home ||
	    snprintf(buf, len, "%s", home) >= (int)len)
		return false;
	return true;
}

void os_no_crash_dumps(void)
{
	struct rlimit none = {0, 0};
	setrlimit(RLIMIT_CORE, &none);
	prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);
}

bool os_memstream_open(struct os_memstream *m)
{
	m->buf = NULL;
	m->len = 0;
	m->f = open_memstream(&m->buf, &m->len);
	return m->f != NULL;
}

char *os_memstream_close(struct os_memstream *m, size_t *len)
{
	fclose(m->f);
	m->f = NULL;
	*len = m->len;
	return m->buf;
}

const char *os_locale_init(void)
{
	return setlocale(LC_ALL, "");
}

enum os_install os_install(void)
{
	return OS_INSTALL_PACKAGE;
}

const char *os_ui_language(void)
{
	return NULL;
}

void os_bindtextdomain(const char *domain, const char *dir)
{
	bindtextdomain(domain, dir);
}

bool os_utf8_output(void)
{
	const char *cs = nl_langinfo(CODESET);
	return cs && strcmp(cs, "UTF-8") == 0;
}

void os_gettext_language(const char *lang)
{
	if (lang)
		os_setenv("LANGUAGE", lang);
	else
		os_unsetenv("LANGUAGE");
}

bool os_is_terminal(int fd)
{
	return isatty(fd) == 1;
}

#endif /* !_WIN32 */
