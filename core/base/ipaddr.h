/* ipaddr.h — an IP address literal read into its bytes, for the layers that
 * must compare addresses without the network code (the SPF rule of the
 * diagnosis). ipaddr_posix.c and ipaddr_win.c give the system's inet_pton. */
#ifndef MD_IPADDR_H
#define MD_IPADDR_H

#include <stdbool.h>

/* text as an IPv4 (family 4: 4 bytes) or IPv6 (family 6: 16 bytes) address
 * into out; false when it is not one. */
bool md_ipaddr_parse(int family, const char *text, unsigned char out[16]);

#endif
