/* tcp.c — non-blocking connect and its result. */
#include "core/net/tcp.h"

#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <unistd.h>

int tcp_connect_start(const struct sockaddr *sa, socklen_t len, int *errnum)
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

int tcp_connect_result(int fd)
{
	int e = 0;
	socklen_t l = sizeof e;
	if (getsockopt(fd, SOL_SOCKET, SO_ERROR, &e, &l) != 0)
		return errno;
	return e;
}
