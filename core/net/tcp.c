/* tcp.c — non-blocking connect and the classification of its failures. */
#include "core/net/tcp.h"

#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <unistd.h>

int tcp_connect_start(const struct sockaddr *sa, socklen_t len, int *errnum)
{
	int fd = socket(sa->sa_family, SOCK_STREAM | SOCK_NONBLOCK |
						SOCK_CLOEXEC, IPPROTO_TCP);
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

enum sess_outcome tcp_classify(int errnum)
{
	switch (errnum) {
	case 0:
		return SESS_OUT_OK;
	case ECONNREFUSED:
		return SESS_OUT_REFUSED;
	case ETIMEDOUT:
		return SESS_OUT_TIMEOUT;
	case EHOSTUNREACH:
	case ENETUNREACH:
	case EHOSTDOWN:
	case ENETDOWN:
	case EADDRNOTAVAIL:
	case EAFNOSUPPORT:
	case EPERM:
	case EACCES:
		return SESS_OUT_UNREACHABLE;
	case ECONNRESET:
	case ECONNABORTED:
		return SESS_OUT_RESET;
	default:
		return SESS_OUT_ERROR;
	}
}
