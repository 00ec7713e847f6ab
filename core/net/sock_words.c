/* sock_words.c — sock_strerror(): a failed socket call said as a sentence in
 * the user's language, the same on both systems. The values are POSIX errno
 * values (sock_errno() maps Winsock's WSAE* codes to them), so the common
 * network failures get our own translated sentences: Windows' C library has
 * no words for ECONNREFUSED and its kin ("Unknown error"), and Linux's
 * strerror() would answer in the C locale's English. */
#include "core/net/sock.h"

#include "core/base/i18n.h"

#include <stddef.h>

static const struct {
	int err;
	const char *text;
} sock_words[] = {
    {ECONNREFUSED, N_("the server refused the connection")},
    {ETIMEDOUT, N_("the connection timed out")},
    {EHOSTUNREACH, N_("the server's address cannot be reached")},
    {ENETUNREACH, N_("the network cannot be reached")},
    {ENETDOWN, N_("the network is down")},
    {EHOSTDOWN, N_("the server's computer is down")},
    {ECONNRESET, N_("the server reset the connection")},
    {ECONNABORTED, N_("the connection was aborted on this computer")},
    {EPIPE, N_("the server closed the connection")},
    {ESHUTDOWN, N_("the server closed the connection")},
    {ENOTCONN, N_("the connection is not open")},
    {EADDRNOTAVAIL, N_("this computer has no address to connect from")},
    {EAFNOSUPPORT, N_("this computer does not support that kind of address")},
};

const char *sock_strerror(int err)
{
	for (size_t i = 0; i < sizeof sock_words / sizeof sock_words[0]; i++)
		if (sock_words[i].err == err)
			return _(sock_words[i].text);
	return sock_sys_strerror(err);
}
