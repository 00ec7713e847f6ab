/* trust_posix.c — the Linux side of trust.h: OpenSSL's default paths
 * (/etc/ssl/certs on Debian, or SSL_CERT_FILE / SSL_CERT_DIR). */
#ifndef _WIN32

#include "core/net/trust.h"

int trust_add_system_roots(SSL_CTX *ctx)
{
	SSL_CTX_set_default_verify_paths(ctx);
	return -1;
}

#endif
