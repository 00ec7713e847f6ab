/* sock_posix.c — the Linux side of sock.h: BSD sockets, poll(2), errno. */
#ifndef _WIN32

#include "core/net/sock.h"

#include <fcntl.h>
#include <string.h>
#include <signal.h>
#include <unistd.h>

bool sock_init(void)
{
	return signal(SIGPIPE, SIG_IGN) != SIG_ERR;
}

int sock_connect_start(const struct sockaddr *sa, socklen_t len, int *errnum)
{
	int fd =
	    socket(sa->sa_family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC,
		   IPPROTO_TCP);
	if (fd < 0) {
		*errnum = errno;
		return -1;
	}
	int one = 1;
	setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
	if (connect(fd, sa, len) == 0 || errno == EINPROGRESS)
		return fd;
	*errnum = errno;
	close(fd);
	return -1;
}

int sock_connect_result(int fd)
{
	int e = 0;
	socklen_t l = sizeof e;
	if (getsockopt(fd, SOL_SOCKET, SO_ERROR, &e, &l) != 0)
		return errno;
	return e;
}

bool sock_udp_route(const struct sockaddr *sa, socklen_t len)
{
	int fd = socket(sa->sa_family, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return true; /* cannot tell */
	bool route = connect(fd, sa, len) == 0;
	close(fd);
	return route;
}

long sock_recv(int fd, void *buf, size_t len)
{
	ssize_t n;
	do
		n = recv(fd, buf, len, 0);
	while (n < 0 && errno == EINTR);
	if (n < 0 && errno == EWOULDBLOCK)
		errno = EAGAIN;
	return (long)n;
}

long sock_send(int fd, const void *buf, size_t len)
{
	ssize_t n;
	do
		n = send(fd, buf, len, MSG_NOSIGNAL);
	while (n < 0 && errno == EINTR);
	if (n < 0 && errno == EWOULDBLOCK)
		errno = EAGAIN;
	return (long)n;
}

void sock_close(int fd)
{
	if (fd >= 0)
		close(fd);
}

int sock_errno(void)
{
	return errno;
}

void sock_errno_clear(void)
{
	errno = 0;
}

int sock_poll(struct pollfd *fds, int n, int ms)
{
	return poll(fds, (nfds_t)n, ms);
}

bool sock_sys_local(int fd, struct sockaddr_storage *ss)
{
	socklen_t sl = sizeof *ss;
	return getsockname(fd, (struct sockaddr *)ss, &sl) == 0;
}

const char *sock_sys_strerror(int err)
{
	return strerror(err);
}

#endif
