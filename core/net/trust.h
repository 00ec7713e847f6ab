/* trust.h — the system's trusted root certificates, put into an OpenSSL
 * context: OpenSSL's default paths on Linux (trust_posix.c), the Windows
 * certificate store's ROOT store on Windows (trust_win.c), where OpenSSL's
 * default paths name nothing. --ca-file is added on top by tls.c. */
#ifndef MD_TRUST_H
#define MD_TRUST_H

#include <openssl/ssl.h>

/* Add the system's roots to ctx's store. Returns how many certificates
 * were added when the system says (Windows), -1 when it does not (Linux:
 * OpenSSL reads the folder as needed), 0 when none could be added. */
int trust_add_system_roots(SSL_CTX *ctx);

#endif
