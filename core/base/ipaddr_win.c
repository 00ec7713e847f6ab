/* ipaddr_win.c — the Windows side of ipaddr.h: Winsock's inet_pton. */
#ifdef _WIN32

#include "core/base/ipaddr.h"

#include <winsock2.h>
#include <ws2tcpip.h>

bool md_ipaddr_parse(int family, const char *text, unsigned char out[16])
{
	return inet_pton(family == 4 ? AF_INET : AF_INET6, text, out) == 1;
}

#endif
