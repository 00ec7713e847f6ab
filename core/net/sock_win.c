/* sock_win.c — the Windows side of sock.h: Winsock 2. The wait is
 * select(), not WSAPoll(): WSAPoll does not report a refused non-blocking
 * connect on Windows 10 before version 2004, where select() puts it in the
 * exception set. Standard input cannot be select()ed on Windows: a console
 * or a pipe is looked at between short select() slices. */
#ifdef _WIN32

#include "core/net/sock.h"

#include "core/base/i18n.h"

#include <windows.h>

#include <stdint.h>
#include <stdio.h>
#include <string.h>

bool sock_init(void)
{
	static bool done;
	if (done)
		return true;
	WSADATA wsa;
	if (WSAStartup(MAKEWORD(2, 2), &wsa) != 0)
		return false;
	done = true;
	return true;
}

/* A Winsock error as the POSIX errno value the callers know. */
static int posix_errno(int wsa)
{
	switch (wsa) {
	case 0:
		return 0;
	case WSAEWOULDBLOCK:
	case WSAEINPROGRESS:
	case WSAEALREADY:
		return EAGAIN;
	case WSAEINTR:
		return EINTR;
	case WSAECONNREFUSED:
		return ECONNREFUSED;
	case WSAETIMEDOUT:
		return ETIMEDOUT;
	case WSAEHOSTUNREACH:
		return EHOSTUNREACH;
	case WSAENETUNREACH:
		return ENETUNREACH;
	case WSAENETDOWN:
		return ENETDOWN;
	case WSAEHOSTDOWN:
		return EHOSTDOWN;
	case WSAECONNRESET:
	case WSAENETRESET:
		return ECONNRESET;
	case WSAECONNABORTED:
		return ECONNABORTED;
	case WSAESHUTDOWN:
		return ESHUTDOWN;
	case WSAENOTCONN:
		return ENOTCONN;
	case WSAEADDRNOTAVAIL:
		return EADDRNOTAVAIL;
	case WSAEADDRINUSE:
		return EADDRINUSE;
	case WSAEAFNOSUPPORT:
	case WSAEPFNOSUPPORT:
		return EAFNOSUPPORT;
	case WSAEACCES:
		return EACCES;
	case WSAEMFILE:
		return EMFILE;
	case WSAENOBUFS:
		return ENOBUFS;
	case WSAEINVAL:
		return EINVAL;
	case WSAENOTSOCK:
		return ENOTSOCK;
	case WSAEMSGSIZE:
		return EMSGSIZE;
	default:
		return EIO;
	}
}

int sock_errno(void)
{
	return posix_errno(WSAGetLastError());
}

void sock_errno_clear(void)
{
	errno = 0;
	WSASetLastError(0);
}

int sock_connect_start(const struct sockaddr *sa, socklen_t len, int *errnum)
{
	SOCKET s = WSASocketW(sa->sa_family, SOCK_STREAM, IPPROTO_TCP, NULL, 0,
			      WSA_FLAG_OVERLAPPED | WSA_FLAG_NO_HANDLE_INHERIT);
	if (s == INVALID_SOCKET) {
		*errnum = sock_errno();
		return -1;
	}
	u_long on = 1;
	BOOL nodelay = TRUE;
	if (ioctlsocket(s, FIONBIO, &on) != 0) {
		*errnum = sock_errno();
		closesocket(s);
		return -1;
	}
	setsockopt(s, IPPROTO_TCP, TCP_NODELAY, (const char *)&nodelay,
		   sizeof nodelay);
	/* A non-blocking connect under way is WSAEWOULDBLOCK here, where
	 * POSIX says EINPROGRESS. */
	if (connect(s, sa, len) == 0 || WSAGetLastError() == WSAEWOULDBLOCK)
		return (int)(intptr_t)s;
	*errnum = sock_errno();
	closesocket(s);
	return -1;
}

int sock_connect_result(int fd)
{
	int e = 0;
	int l = sizeof e;
	if (getsockopt((SOCKET)(intptr_t)fd, SOL_SOCKET, SO_ERROR, (char *)&e,
		       &l) != 0)
		return sock_errno();
	return posix_errno(e);
}

bool sock_udp_route(const struct sockaddr *sa, socklen_t len)
{
	SOCKET s = socket(sa->sa_family, SOCK_DGRAM, 0);
	if (s == INVALID_SOCKET)
		return true; /* cannot tell */
	bool route = connect(s, sa, len) == 0;
	closesocket(s);
	return route;
}

long sock_recv(int fd, void *buf, size_t len)
{
	int n = recv((SOCKET)(intptr_t)fd, buf,
		     len > INT32_MAX ? INT32_MAX : (int)len, 0);
	if (n == SOCKET_ERROR) {
		errno = sock_errno();
		return -1;
	}
	return n;
}

long sock_send(int fd, const void *buf, size_t len)
{
	int n = send((SOCKET)(intptr_t)fd, buf,
		     len > INT32_MAX ? INT32_MAX : (int)len, 0);
	if (n == SOCKET_ERROR) {
		errno = sock_errno();
		return -1;
	}
	return n;
}

void sock_close(int fd)
{
	if (fd >= 0)
		closesocket((SOCKET)(intptr_t)fd);
}

/* Whether standard input has something to read (or its end). */
static bool stdin_ready(void)
{
	HANDLE h = GetStdHandle(STD_INPUT_HANDLE);
	if (h == NULL || h == INVALID_HANDLE_VALUE)
		return true; /* reading says what is wrong */
	switch (GetFileType(h)) {
	case FILE_TYPE_CHAR:
		return WaitForSingleObject(h, 0) == WAIT_OBJECT_0;
	case FILE_TYPE_PIPE: {
		DWORD avail = 0;
		if (!PeekNamedPipe(h, NULL, 0, NULL, &avail, NULL))
			return true; /* broken pipe: the end, to be read */
		return avail > 0;
	}
	default:
		return true; /* a file is always readable */
	}
}

/* One select() over the socket entries, up to ms (0: a look). */
static int select_once(struct pollfd *fds, int n, int ms, bool *had_socket)
{
	fd_set rd, wr, ex;
	FD_ZERO(&rd);
	FD_ZERO(&wr);
	FD_ZERO(&ex);
	*had_socket = false;
	for (int i = 0; i < n; i++) {
		if (fds[i].fd <= 0)
			continue;
		SOCKET s = (SOCKET)(intptr_t)fds[i].fd;
		if (fds[i].events & POLLIN)
			FD_SET(s, &rd);
		if (fds[i].events & POLLOUT)
			FD_SET(s, &wr);
		FD_SET(s, &ex);
		*had_socket = true;
	}
	if (!*had_socket) {
		Sleep(ms < 0 ? 20 : (DWORD)ms);
		return 0;
	}
	struct timeval tv = {ms / 1000, (ms % 1000) * 1000};
	int r = select(0, &rd, &wr, &ex, ms < 0 ? NULL : &tv);
	if (r == SOCKET_ERROR)
		return -1;
	int ready = 0;
	for (int i = 0; r > 0 && i < n; i++) {
		if (fds[i].fd <= 0)
			continue;
		SOCKET s = (SOCKET)(intptr_t)fds[i].fd;
		short re = 0;
		if (FD_ISSET(s, &rd))
			re |= POLLIN;
		if (FD_ISSET(s, &wr))
			re |= POLLOUT;
		if (FD_ISSET(s, &ex))
			re |= POLLERR; /* a refused connect lands here */
		fds[i].revents = re;
		ready += re != 0;
	}
	return ready;
}

int sock_poll(struct pollfd *fds, int n, int ms)
{
	int want_stdin = -1;
	for (int i = 0; i < n; i++) {
		fds[i].revents = 0;
		if (fds[i].fd == 0 && (fds[i].events & POLLIN))
			want_stdin = i;
	}
	uint64_t end = ms < 0 ? UINT64_MAX : GetTickCount64() + (uint64_t)ms;
	for (;;) {
		int slice = want_stdin < 0 ? ms : 20;
		uint64_t now = GetTickCount64();
		if (ms >= 0 && (uint64_t)slice > end - now)
			slice = (int)(end - now);
		bool had_socket;
		int r = select_once(fds, n, slice, &had_socket);
		if (r < 0)
			return -1;
		if (want_stdin >= 0 && stdin_ready()) {
			fds[want_stdin].revents = POLLIN;
			r++;
		}
		if (r > 0 || (ms >= 0 && GetTickCount64() >= end))
			return r;
		if (want_stdin < 0 && ms >= 0)
			return 0;
	}
}

bool sock_sys_local(int fd, struct sockaddr_storage *ss)
{
	socklen_t sl = sizeof *ss;
	return getsockname((SOCKET)(intptr_t)fd, (struct sockaddr *)ss, &sl) ==
	       0;
}

const char *sock_sys_strerror(int err)
{
	/* msvcrt knows the classic values (EIO, EINVAL, EMFILE, …) only; the
	 * socket ones it calls "Unknown error". */
	static char buf[96];
	if (err > 0 && err < 43)
		return strerror(err);
	snprintf(buf, sizeof buf, _("network error (number %d)"), err);
	return buf;
}

#endif
