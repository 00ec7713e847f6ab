/* helper_os.h — the unit tests' own seam to the operating system: what a
 * test needs of the system that is done one way on Linux and another on
 * Windows (a temporary folder, the environment, a connected socket pair, a
 * scripted peer run as a child process or a thread, removing a folder
 * tree). helper_os_posix.c is the Linux side, helper_os_win.c the Windows
 * one (UTF-16 "W" calls, Winsock); paths are UTF-8 strings on both. The
 * tests above it hold no #ifdef _WIN32. */
#ifndef MD_HELPER_OS_H
#define MD_HELPER_OS_H

#ifdef _WIN32
#include <winsock2.h>
#include <ws2tcpip.h>
#else
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#endif

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

struct CMUnitTest;

/* Whether this system has the Linux facts some tests assert (file modes
 * such as 0600, owners, symbolic links, fork and signals): true on Linux,
 * false on Windows. */
bool ho_posix(void);

/* Keep only the tests that run here: on Windows the tests named in
 * posix_only (a NULL-ended list of function names) are taken out of t
 * (n entries), each said on stdout (never counted as passed). Returns the
 * number left. */
size_t ho_tests_here(struct CMUnitTest *t, size_t n,
		     const char *const *posix_only);

/* Whether closing a socket after ho_linger0() sends a TCP reset here:
 * true on Linux and Windows, false under wine (its closesocket() ends the
 * connection with a FIN whatever SO_LINGER says). */
bool ho_close_resets(void);

/* Take the tests named in names (NULL-ended) out of t (n entries), each
 * said on stdout with why (never counted as passed). Returns the number
 * left. Both systems. */
size_t ho_leave_out(struct CMUnitTest *t, size_t n, const char *const *names,
		    const char *why);

/* cmocka_run_group_tests() of the tests that run here (the group keeps
 * the name "tests"). */
#define HO_RUN_TESTS(tests, posix_only, setup, teardown)                       \
	_cmocka_run_group_tests(                                               \
	    "tests", tests,                                                    \
	    ho_tests_here(tests, sizeof tests / sizeof tests[0], posix_only),  \
	    setup, teardown)

/* The permission bits of the file at path (Linux), or -1 (Windows, where
 * a file is private by an ACL, not a mode). */
int ho_file_mode(const char *path);

/* Once per test program, before sockets: Winsock started (Windows), a
 * write to a closed socket no signal (Linux). */
void ho_net_init(void);

/* Make a new empty folder named tag-XXXXXX (random) under the system's
 * temporary folder (/tmp; on Windows GetTempPathW) and put its UTF-8
 * path into buf (len bytes). Returns false on failure. */
bool ho_mkdtemp(char *buf, size_t len, const char *tag);

/* Remove the folder tree at path (like rm -rf); true when it is gone. */
bool ho_rmtree(const char *path);

/* Copy the file from to the file to (replaced); the folder tree from into
 * the existing folder to (like cp -r from/. to/). True on success. */
bool ho_copy_file(const char *from, const char *to);
bool ho_copy_tree(const char *from, const char *to);

/* Make one folder (mode 0700 on Linux); unlink a file; remove an empty
 * folder. 0 on success, -1 on failure. */
int ho_mkdir(const char *path);
int ho_unlink(const char *path);
int ho_rmdir(const char *path);

/* The current folder (UTF-8) into buf (len bytes); NULL on failure. */
char *ho_getcwd(char *buf, size_t len);

/* Set or unset an environment variable (what os_getenv() sees). */
int ho_setenv(const char *name, const char *value);
int ho_unsetenv(const char *name);

/* The next pseudo-random number from *seed (rand_r: the same sequence for
 * the same seed on every system). */
int ho_rand_r(unsigned *seed);

/* Sleep ms milliseconds (cut short in a task that is being stopped). */
void ho_sleep_ms(unsigned ms);

/* ---- sockets -------------------------------------------------------- */

/* A connected pair of stream sockets: socketpair(AF_UNIX) on Linux, a
 * loopback TCP pair on Windows. 0 or -1. */
int ho_sockpair(int sv[2]);

/* A pair of connected descriptors the event loop can watch, fd[0] read,
 * fd[1] written: a pipe on Linux, a socket pair on Windows (its poll takes
 * sockets only). 0 or -1. */
int ho_pipe(int fd[2]);

/* Read and write a socket or a ho_pipe() end; close it. */
long ho_read(int fd, void *buf, size_t n);
long ho_write(int fd, const void *buf, size_t n);
void ho_close(int fd);

/* Wait at most ms for fd to be readable (a listening socket: a
 * connection to accept): 1 when it is, 0 when not, -1 on error. */
int ho_wait_readable(int fd, unsigned ms);

/* Make a socket non-blocking; give it a receive timeout of ms; make its
 * close a TCP reset (SO_LINGER 0). 0 or -1. */
int ho_nonblock(int fd);
int ho_recv_timeout(int fd, unsigned ms);
int ho_linger0(int fd);

/* ---- tasks: a scripted peer beside the test -------------------------- */

/* A task runs fn(arg) beside the test: on Linux a forked child (which
 * keeps only fd of the descriptors above 2, and is ended by SIGALRM after
 * limit_s seconds when limit_s > 0), on Windows a thread (fd handed over;
 * waited for at most limit_s seconds). The caller's use of fd ends: its
 * copy is closed (Linux) or given to the task (Windows); fn closes it.
 * arg (size bytes) is copied for the task. Returns NULL on failure. */
struct ho_task;
struct ho_task *ho_task_start(int (*fn)(void *arg), const void *arg,
			      size_t size, int fd, unsigned limit_s);

/* Wait for the task's end; its status: fn's return value, or 99 when it
 * was killed or did not end in time. Frees t. */
int ho_task_wait(struct ho_task *t);

/* End the task now (SIGTERM on Linux; on Windows its ho_task_stopping()
 * turns true) and wait for it. Frees t. */
void ho_task_stop(struct ho_task *t);

/* In a task: whether it is asked to end (never on Linux: the child is
 * killed instead). */
bool ho_task_stopping(void);

/* ---- Linux facts (tests that hold them are left out on Windows) ---- */

/* chmod(); a symbolic link at path to target; whether path exists at all.
 * 0 or -1 (Windows: -1 but for ho_exists). */
int ho_chmod(const char *path, int mode);
int ho_symlink(const char *target, const char *path);
bool ho_exists(const char *path);

/* Another process holding a lock on path the way Thunderbird holds its
 * profile's: Linux, a child with an fcntl write lock (the file made when
 * missing); Windows, build/windows/tests/md_hold.exe (tests/windows/
 * md_hold.c, beside the test program) with path open without sharing
 * (made or emptied, as Thunderbird's CREATE_ALWAYS does). Returned once
 * the lock is held; NULL on failure. */
struct ho_task *ho_hold_lock(const char *path);

/* A process whose executable is named name, made in folder dir (made
 * when missing) and running for a minute: a copy of sleep(1) on Linux
 * (returned once the child runs it, waited for at most 2 s), of
 * md_hold.exe named name.exe on Windows. NULL on failure. */
struct ho_task *ho_run_named(const char *dir, const char *name);

/* The process id of a task that is a process (the two above; every task
 * on Linux); 0 for a Windows thread task. */
long ho_task_pid(const struct ho_task *t);

#endif
