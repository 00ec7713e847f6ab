/* helper_os_posix.c — the Linux side of helper_os.h: mkdtemp under /tmp,
 * rm -rf and cp -r, setenv, socketpair(AF_UNIX), pipes, and tasks as
 * forked children. Built by both builds; empty on Windows. */
#ifndef _WIN32

#include "tests/unit/helper_os.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

bool ho_posix(void)
{
	return true;
}

size_t ho_tests_here(struct CMUnitTest *t, size_t n,
		     const char *const *posix_only)
{
	(void)t;
	(void)posix_only;
	return n;
}

bool ho_close_resets(void)
{
	return true;
}

void ho_net_init(void)
{
	signal(SIGPIPE, SIG_IGN);
}

bool ho_mkdtemp(char *buf, size_t len, const char *tag)
{
	if (snprintf(buf, len, "/tmp/%s-XXXXXX", tag) >= (int)len)
		return false;
	return mkdtemp(buf) != NULL;
}

/* A shell command with one or two quoted paths; true when it exits 0. */
static bool shell(const char *fmt, const char *a, const char *b)
{
	char cmd[4096];
	if (snprintf(cmd, sizeof cmd, fmt, a, b) >= (int)sizeof cmd)
		return false;
	return system(cmd) == 0;
}

bool ho_rmtree(const char *path)
{
	return shell("rm -rf '%s'%s", path, "");
}

bool ho_copy_file(const char *from, const char *to)
{
	return shell("cp '%s' '%s'", from, to);
}

bool ho_copy_tree(const char *from, const char *to)
{
	return shell("cp -r '%s'/. '%s'/", from, to);
}

int ho_file_mode(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 ? (int)(st.st_mode & 07777) : -1;
}

int ho_mkdir(const char *path)
{
	return mkdir(path, 0700);
}

int ho_unlink(const char *path)
{
	return unlink(path);
}

int ho_rmdir(const char *path)
{
	return rmdir(path);
}

char *ho_getcwd(char *buf, size_t len)
{
	return getcwd(buf, len);
}

int ho_setenv(const char *name, const char *value)
{
	return setenv(name, value, 1);
}

int ho_unsetenv(const char *name)
{
	return unsetenv(name);
}

int ho_rand_r(unsigned *seed)
{
	return rand_r(seed);
}

void ho_sleep_ms(unsigned ms)
{
	usleep(ms * 1000u);
}

/* ---- sockets -------------------------------------------------------- */

int ho_sockpair(int sv[2])
{
	return socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
}

int ho_pipe(int fd[2])
{
	return pipe(fd);
}

long ho_read(int fd, void *buf, size_t n)
{
	return (long)read(fd, buf, n);
}

long ho_write(int fd, const void *buf, size_t n)
{
	return (long)write(fd, buf, n);
}

void ho_close(int fd)
{
	close(fd);
}

int ho_wait_readable(int fd, unsigned ms)
{
	struct pollfd p = {.fd = fd, .events = POLLIN};
	int r;
	while ((r = poll(&p, 1, (int)ms)) < 0 && errno == EINTR)
		;
	return r < 0 ? -1 : r > 0;
}

int ho_nonblock(int fd)
{
	int fl = fcntl(fd, F_GETFL);
	return fl < 0 ? -1 : fcntl(fd, F_SETFL, fl | O_NONBLOCK);
}

int ho_recv_timeout(int fd, unsigned ms)
{
	struct timeval tv = {.tv_sec = ms / 1000,
			     .tv_usec = (suseconds_t)(ms % 1000) * 1000};
	return setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
}

int ho_linger0(int fd)
{
	struct linger lg = {1, 0};
	return setsockopt(fd, SOL_SOCKET, SO_LINGER, &lg, sizeof lg);
}

/* ---- tasks ------------------------------------------------------------ */

struct ho_task {
	pid_t pid;
};

/* In the child: close every descriptor above 2 but keep (the parent's
 * copies of the client's end would hide the client's close). */
static void close_others(int keep)
{
	for (int fd = 3; fd < 1024; fd++)
		if (fd != keep)
			close(fd);
}

struct ho_task *ho_task_start(int (*fn)(void *arg), const void *arg,
			      size_t size, int fd, unsigned limit_s)
{
	(void)size; /* the child has its own copy of the whole memory */
	struct ho_task *t = malloc(sizeof *t);
	if (!t)
		return NULL;
	t->pid = fork();
	if (t->pid < 0) {
		free(t);
		return NULL;
	}
	if (t->pid == 0) {
		if (limit_s > 0)
			alarm(limit_s);
		signal(SIGPIPE, SIG_IGN);
		close_others(fd);
		_exit(fn((void *)arg));
	}
	if (fd >= 0)
		close(fd);
	return t;
}

int ho_task_wait(struct ho_task *t)
{
	int st;
	pid_t r;
	while ((r = waitpid(t->pid, &st, 0)) < 0 && errno == EINTR)
		;
	free(t);
	if (r < 0) {
		fprintf(stderr, "peer_wait: %s\n", strerror(errno));
		return 99;
	}
	if (WIFSIGNALED(st))
		fprintf(stderr, "peer: killed by signal %d\n", WTERMSIG(st));
	return WIFEXITED(st) ? WEXITSTATUS(st) : 99;
}

void ho_task_stop(struct ho_task *t)
{
	kill(t->pid, SIGTERM);
	waitpid(t->pid, NULL, 0);
	free(t);
}

bool ho_task_stopping(void)
{
	return false;
}

/* ---- Linux facts ------------------------------------------------------ */

int ho_chmod(const char *path, int mode)
{
	return chmod(path, (mode_t)mode);
}

int ho_symlink(const char *target, const char *path)
{
	return symlink(target, path);
}

bool ho_exists(const char *path)
{
	return access(path, F_OK) == 0;
}

struct ho_task *ho_hold_lock(const char *path)
{
	int ready[2];
	struct ho_task *t = malloc(sizeof *t);
	if (!t || pipe(ready) != 0) {
		free(t);
		return NULL;
	}
	t->pid = fork();
	if (t->pid == 0) {
		int fd = open(path, O_RDWR | O_CREAT, 0644);
		struct flock fl = {.l_type = F_WRLCK, .l_whence = SEEK_SET};
		if (fd < 0 || fcntl(fd, F_SETLK, &fl) != 0)
			_exit(1);
		if (write(ready[1], "x", 1) != 1)
			_exit(1);
		pause();
		_exit(0);
	}
	char c;
	bool held = t->pid > 0 && read(ready[0], &c, 1) == 1;
	close(ready[0]);
	close(ready[1]);
	if (!held) {
		if (t->pid > 0)
			ho_task_stop(t);
		else
			free(t);
		return NULL;
	}
	return t;
}

struct ho_task *ho_run_named(const char *dir, const char *name)
{
	char exe[4096];
	if (snprintf(exe, sizeof exe, "%s/%s", dir, name) >= (int)sizeof exe)
		return NULL;
	(void)mkdir(dir, 0700);
	if (!ho_copy_file("/bin/sleep", exe))
		return NULL;
	struct ho_task *t = malloc(sizeof *t);
	if (!t)
		return NULL;
	t->pid = fork();
	if (t->pid == 0) {
		execl(exe, name, "60", (char *)NULL);
		_exit(127);
	}
	if (t->pid < 0) {
		free(t);
		return NULL;
	}
	/* wait (bounded) until the child runs the new executable */
	char link[64], got[4096];
	snprintf(link, sizeof link, "/proc/%ld/exe", (long)t->pid);
	for (int i = 0; i < 200; i++) {
		ssize_t n = readlink(link, got, sizeof got - 1);
		if (n > 0) {
			got[n] = '\0';
			if (strcmp(got, exe) == 0)
				break;
		}
		usleep(10000);
	}
	return t;
}

long ho_task_pid(const struct ho_task *t)
{
	return (long)t->pid;
}

#endif
