/* sock.h — the seam between maildoctor's network code and the system's
 * sockets: the system headers (BSD sockets on Linux, Winsock 2 on Windows),
 * a non-blocking TCP connect and its result, send and receive, close, the
 * last error as a POSIX errno value, and the wait on many sockets.
 * sock_posix.c is the Linux side, sock_win.c the Windows one; nothing above
 * this header includes a socket header of the system or reads errno after a
 * socket call.
 *
 * A socket is an int on both systems: a Windows SOCKET is a kernel handle,
 * and 64-bit Windows keeps handles to 32 significant bits (so that they can
 * be shared with 32-bit processes), so the cast loses nothing. */
#ifndef MD_SOCK_H
#define MD_SOCK_H

#ifdef _WIN32
#ifndef FD_SETSIZE
#define FD_SETSIZE 1024 /* Windows' fd_set is a list of handles, not bits */
#endif
#include <winsock2.h>
#include <ws2tcpip.h>
#else
#include <arpa/inet.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#endif

#include <errno.h>
#include <stdbool.h>
#include <stddef.h>

/* POSIX names Windows' C library lacks; sock_errno() gives these values
 * for the Winsock errors. */
#ifndef EHOSTDOWN
#define EHOSTDOWN 1001
#endif
#ifndef ESHUTDOWN
#define ESHUTDOWN 1002
#endif

/* Once per process, before the first socket: Winsock's start-up on Windows;
 * on Linux, a write to a socket the peer closed must not end the program
 * (SIGPIPE ignored). Returns false when the system refuses. */
bool sock_init(void);

/* Start connecting to sa (len bytes) over TCP (no Nagle). Returns a
 * non-blocking socket that becomes writable when the connect finished (see
 * sock_connect_result), or -1 with *errnum set when it failed at once. The
 * caller owns the socket (sock_close). */
int sock_connect_start(const struct sockaddr *sa, socklen_t len, int *errnum);

/* After the socket became writable (or reported an error): 0 when
 * connected, else the errno value of the failed connect. */
int sock_connect_result(int fd);

/* Whether the system has a route to sa: a UDP socket "connected" to it
 * (nothing is sent). True when it cannot tell. */
bool sock_udp_route(const struct sockaddr *sa, socklen_t len);

/* recv()/send() without signals; -1 with sock_errno() set on failure,
 * which is EAGAIN when the call would block. */
long sock_recv(int fd, void *buf, size_t len);
long sock_send(int fd, const void *buf, size_t len);

void sock_close(int fd);

/* The connected socket's own address as text (no port) into buf, and its
 * family (4 or 6); false when the system does not say. */
bool sock_local_addr(int fd, char *buf, size_t len, int *family);

/* The last socket call's error, as a POSIX errno value (ECONNREFUSED,
 * ETIMEDOUT, EHOSTUNREACH, ENETUNREACH, EAGAIN, ECONNRESET, …). */
int sock_errno(void);

/* A socket error (a value sock_errno() or sock_connect_result() gave) as a
 * translated sentence: our own words for the common network failures
 * (refused, timed out, unreachable, reset, …), else the system's. Static or
 * gettext's storage: never freed. */
const char *sock_strerror(int err);

/* The system's words for err, for sock_strerror(): strerror() on Linux; on
 * Windows the C library's where it knows the value, else a sentence naming
 * the number. */
const char *sock_sys_strerror(int err);

/* getsockname() of socket fd into *ss: false when the system does not say
 * (the system's side of sock_local_addr(), sock_addr.c). */
bool sock_sys_local(int fd, struct sockaddr_storage *ss);

/* Forget the last error, before a call (OpenSSL's) that may or may not set
 * one. */
void sock_errno_clear(void);

/* Wait up to ms milliseconds (negative: without end) until one of the n
 * entries is ready, as poll(2) does: POLLIN, POLLOUT, POLLERR|POLLHUP in
 * revents. On Windows an entry whose fd is 0 is standard input (a console,
 * a pipe or a file), which select() cannot wait on: it is looked at every
 * 20 ms. Returns the count of ready entries, 0 on time-out, -1 with
 * sock_errno() set (EINTR when interrupted). */
int sock_poll(struct pollfd *fds, int n, int ms);

#endif
