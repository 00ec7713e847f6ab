/* trust_win.c — the Windows side of trust.h: every certificate of the
 * current user's and the machine's ROOT store (CertOpenSystemStoreW, which
 * also sees the roots Windows Update brought), copied into OpenSSL's
 * X509_STORE, so that a server is trusted as Windows itself trusts it. */
#ifdef _WIN32

#include "core/net/trust.h"

/* OpenSSL before wincrypt.h, which defines X509_NAME and others as macros */
#include <openssl/err.h>
#include <openssl/x509.h>

#include <windows.h>
#include <wincrypt.h>

int trust_add_system_roots(SSL_CTX *ctx)
{
	X509_STORE *store = SSL_CTX_get_cert_store(ctx);
	HCERTSTORE sys = CertOpenSystemStoreW(0, L"ROOT");
	if (!store || !sys)
		return 0;
	int added = 0;
	PCCERT_CONTEXT c = NULL;
	while ((c = CertEnumCertificatesInStore(sys, c)) != NULL) {
		const unsigned char *der = c->pbCertEncoded;
		X509 *x = d2i_X509(NULL, &der, (long)c->cbCertEncoded);
		if (!x)
			continue;
		/* a root already there (the same one twice) is fine */
		if (X509_STORE_add_cert(store, x) == 1)
			added++;
		X509_free(x);
	}
	CertCloseStore(sys, 0);
	ERR_clear_error();
	return added;
}

#endif
