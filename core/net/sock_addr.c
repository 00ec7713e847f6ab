/* sock_addr.c — sock_local_addr(): a connected socket's own address as
 * text, the same on both systems (the system's getsockname() is
 * sock_sys_local(), in sock_posix.c and sock_win.c). */
#include "core/net/sock.h"

bool sock_local_addr(int fd, char *buf, size_t len, int *family)
{
	struct sockaddr_storage ss;
	if (!sock_sys_local(fd, &ss))
		return false;
	if (ss.ss_family == AF_INET) {
		*family = 4;
		return inet_ntop(AF_INET,
				 &((struct sockaddr_in *)&ss)->sin_addr, buf,
				 len) != NULL;
	}
	if (ss.ss_family == AF_INET6) {
		*family = 6;
		return inet_ntop(AF_INET6,
				 &((struct sockaddr_in6 *)&ss)->sin6_addr, buf,
				 len) != NULL;
	}
	return false;
}
