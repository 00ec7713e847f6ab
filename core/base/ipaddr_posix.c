/* ipaddr_posix.c — the Linux side of ipaddr.h: inet_pton(3). */
#ifndef _WIN32

#include "core/base/ipaddr.h"

#include <arpa/inet.h>

bool md_ipaddr_parse(int family, const char *text, unsigned char out[16])
{
	return inet_pton(family == 4 ? AF_INET : AF_INET6, text, out) == 1;
}

#endif
